"""The one error type for bad input: it names the file, the row and the column."""
from __future__ import annotations


class InputError(Exception):
    """Bad input that stops the build; names where it is and what was expected."""

    def __init__(self, file: str, message: str, row: int | None = None,
                 column: str | None = None, expected: str | None = None) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.expected = expected
        self.detail = message
        super().__init__(self.describe())

    def describe(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = f"{', '.join(where)}: {self.detail}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class InputErrors(Exception):
    """Several input errors found together (for example every unresolved country)."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.describe() for e in errors))
