"""Saved labels: a name and a boolean rule in the search language; kept in the URL and in a small file."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from indicators.search import QueryError, clean_query, parse

MAX_LABELS = 10
NAME = re.compile(r"^[\w][\w \-.,()'/&+]{0,39}$")     # no markup characters (< > * [ ] _ ` #)
FILE_FORMAT = "roca-labels"
FILE_VERSION = 1


@dataclass(frozen=True)
class Label:
    name: str
    rule: str


class LabelError(ValueError):
    """A label that cannot be used; the message says which one and why (English; pages translate)."""

    def __init__(self, code: str, where: str = "") -> None:
        super().__init__(f"{where}: {code}" if where else code)
        self.code = code
        self.where = where


def check_label(name: str, rule: str) -> Label:
    """A valid Label from a name and a rule, or LabelError (bad_name | bad_rule | empty_rule)."""
    name = " ".join(str(name or "").split())
    rule = clean_query(rule)
    if "_" in name or not NAME.match(name):
        raise LabelError("bad_name", name[:40])
    try:
        tree = parse(rule)
    except QueryError as error:
        raise LabelError("bad_rule", f"{name}: {error.code}") from None
    if tree is None:
        raise LabelError("empty_rule", name)
    return Label(name, rule)


def add_label(labels: tuple[Label, ...], label: Label) -> tuple[Label, ...]:
    """labels with `label` added, or replacing the one of the same name; at most MAX_LABELS."""
    kept = tuple(existing for existing in labels if existing.name != label.name)
    if len(kept) >= MAX_LABELS:
        raise LabelError("too_many", label.name)
    return kept + (label,)


def to_json(labels: tuple[Label, ...]) -> str:
    """The compact URL / file form: [["name", "rule"], ...]."""
    return json.dumps([[label.name, label.rule] for label in labels], ensure_ascii=False,
                      separators=(",", ":"))


def from_json(text: str | None) -> tuple[tuple[Label, ...], list[str]]:
    """Labels from the URL form; entries that are not valid are dropped and named."""
    if not text:
        return (), []
    try:
        entries = json.loads(text)
    except (ValueError, TypeError):
        return (), ["labels"]
    if not isinstance(entries, list):
        return (), ["labels"]
    labels: tuple[Label, ...] = ()
    ignored = []
    for entry in entries:
        try:
            if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(v, str) for v in entry)):
                raise LabelError("bad_entry")
            labels = add_label(labels, check_label(*entry))
        except LabelError as error:
            ignored.append(f"labels: {error.where or error.code}"[:60])
    return labels, ignored


def file_bytes(labels: tuple[Label, ...]) -> bytes:
    """A small JSON file staff can share: {"format", "version", "labels": [{"name", "rule"}]}."""
    document = {"format": FILE_FORMAT, "version": FILE_VERSION,
                "labels": [{"name": label.name, "rule": label.rule} for label in labels]}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_file(data: bytes, file_name: str = "labels.json") -> tuple[Label, ...]:
    """Labels from a shared file; LabelError naming the file, entry and field when one is wrong."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise LabelError("not_json", file_name) from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT \
            or not isinstance(document.get("labels"), list):
        raise LabelError("not_labels", file_name)
    labels: tuple[Label, ...] = ()
    for number, entry in enumerate(document["labels"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                or not isinstance(entry.get("rule"), str):
            raise LabelError("bad_entry", f"{file_name}, label {number}")
        try:
            labels = add_label(labels, check_label(entry["name"], entry["rule"]))
        except LabelError as error:
            raise LabelError(error.code, f"{file_name}, label {number} ({error.where})") from None
    return labels
