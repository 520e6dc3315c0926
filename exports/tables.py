"""Filtered rows as formula-safe CSV (UTF-8 with BOM) and Excel (rows + Metadata sheet) bytes."""
import datetime
import io
import re

import pandas as pd

from i18n import format_date, t

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet skips leading blanks and line breaks and reads full-width and small forms of the
# signs as the signs: such a cell still starts a formula.
FORMULA_START = re.compile(r"^[\s\u200b\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b\u2212]")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 8, 60


def demo_note(lang: str | None = None) -> str:
    """The note written next to demonstration figures."""
    return t("Demonstration data – not real figures", lang=lang)


def _neutralise_text(column: pd.Series) -> pd.Series:
    if not (pd.api.types.is_string_dtype(column) or column.dtype == object):
        return column
    starts_like_formula = column.map(starts_like_formula_text, na_action="ignore").fillna(False).astype(bool)
    if not starts_like_formula.any():
        return column
    neutralised = column.copy()
    neutralised[starts_like_formula] = "'" + column[starts_like_formula]
    return neutralised


def starts_like_formula_text(value: object) -> bool:
    """True for text a spreadsheet would read as a formula (or that starts with a tab or CR)."""
    return isinstance(value, str) and (value.startswith(FORMULA_TRIGGERS) or bool(FORMULA_START.match(value)))


def _neutralise_label(label: object) -> object:
    return "'" + label if starts_like_formula_text(label) else label


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells (and headers) starting with = + - @ (full-width too, after any blanks or
    line breaks), a tab or CR get a leading apostrophe."""
    safe = frame.copy()
    for position in range(safe.shape[1]):
        safe.isetitem(position, _neutralise_text(safe.iloc[:, position]))
    safe.columns = [_neutralise_label(label) for label in safe.columns]
    return safe


def demo_column(lang: str | None = None) -> str:
    """Header of the demonstration-note column: 'data_note' in English, translated otherwise."""
    return t("data_note", lang=lang)


def with_demo_note(frame: pd.DataFrame, is_demo: bool, lang: str | None = None) -> pd.DataFrame:
    """The frame with a final 'data_note' column on every row when the data are a demonstration."""
    if not is_demo:
        return frame
    return frame.assign(**{demo_column(lang): demo_note(lang)})


def column_labels(lang: str | None = None) -> dict[str, str]:
    """Internal column names of the frames pages chart -> headers in `lang` (for downloads)."""
    return {
        "country_iso3": t("Country code (ISO3)", lang=lang), "iso3": t("Country code (ISO3)", lang=lang),
        "country": t("Country", lang=lang), "country_name": t("Country", lang=lang),
        "theme_code": t("Theme code", lang=lang), "theme": t("Theme", lang=lang),
        "cycle_code": t("Cycle code", lang=lang), "cycle": t("Cycle", lang=lang),
        "cycle_name": t("Cycle", lang=lang), "indicator_code": t("Indicator code", lang=lang),
        "indicator_name": t("Indicator", lang=lang), "treaty": t("Treaty", lang=lang),
        "treaty_name": t("Treaty name", lang=lang), "status": t("Status code", lang=lang),
        "status_name": t("Status", lang=lang), "year": t("Year", lang=lang), "value": t("Value", lang=lang),
        "lower": t("Lower bound", lang=lang), "upper": t("Upper bound", lang=lang),
        "unit": t("Unit", lang=lang), "recommendations": t("Recommendations", lang=lang),
        "supported": t("Supported", lang=lang), "noted": t("Noted", lang=lang),
        "no_response": t("No response", lang=lang), "pledges": t("Voluntary pledges", lang=lang),
        "total": t("Total", lang=lang), "share_supported": t("Share supported", lang=lang),
        "first_year": t("First year", lang=lang), "last_year": t("Last year", lang=lang),
        "name": t("Name", lang=lang), "code": t("Code", lang=lang), "row": t("Row of the chart", lang=lang),
        "present": t("Value present (1 = yes, 0 = no)", lang=lang),
        "publishers": t("Publishers", lang=lang),
    }


def readable_columns(frame: pd.DataFrame, lang: str | None = None, drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """A copy of a chart's data frame with headers in `lang` (unknown columns keep their names),
    without the columns named in `drop`."""
    labels = column_labels(lang)
    named = frame.drop(columns=[column for column in drop if column in frame.columns])
    return named.rename(columns={column: labels[column] for column in named.columns if column in labels})


def csv_bytes(frame: pd.DataFrame, is_demo: bool, lang: str | None = None) -> bytes:
    """CSV encoded UTF-8 with BOM (Excel opens Cyrillic intact), formula-safe, demo-labelled."""
    rows = neutralise_formulas(with_demo_note(frame, is_demo, lang))
    return rows.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def sheet_name(text: str) -> str:
    """A valid Excel sheet name: no []:*?/\\ and at most 31 characters."""
    return SHEET_NAME_FORBIDDEN.sub(" ", text).strip()[:31] or "Sheet"


def _text_width(value: object) -> int:
    lines = str(value).splitlines() or [""]
    return max(len(line) for line in lines)


def column_widths(frame: pd.DataFrame, sample_rows: int = 1000) -> list[int]:
    """Readable widths: the longest of header and first values, within 8..60 characters."""
    widths = []
    for position, label in enumerate(frame.columns):
        values = frame.iloc[:sample_rows, position].dropna()
        longest = max([_text_width(label), *(_text_width(value) for value in values)])
        widths.append(min(max(longest + 2, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH))
    return widths


def metadata_rows(
    metadata: dict[str, str], is_demo: bool, exported_at: datetime.datetime, lang: str | None = None
) -> list[tuple[str, str]]:
    """(field, value) pairs for the Metadata sheet: the caller's fields, export time, demo note."""
    exported_text = f"{format_date(exported_at, lang=lang, format='long')} {exported_at:%H:%M}"
    rows = [(str(key), str(value)) for key, value in metadata.items()]
    rows.append((t("Export time", lang=lang), exported_text))
    if is_demo:
        rows.append((t("Note", lang=lang), demo_note(lang)))
    return rows


def _write_sheet(writer: pd.ExcelWriter, frame: pd.DataFrame, name: str) -> None:
    frame.to_excel(writer, sheet_name=name, index=False)
    worksheet = writer.sheets[name]
    for position, width in enumerate(column_widths(frame)):
        worksheet.set_column(position, position, width)
    worksheet.freeze_panes(1, 0)


def excel_bytes(
    frame: pd.DataFrame,
    metadata: dict[str, str],
    is_demo: bool,
    lang: str | None = None,
    exported_at: datetime.datetime | None = None,
) -> bytes:
    """An .xlsx workbook: sheet 1 the rows (strings stay strings), sheet 2 'Metadata'."""
    exported_at = exported_at or datetime.datetime.now().replace(microsecond=0)
    rows = with_demo_note(frame, is_demo, lang)
    field_label, value_label = t("Field", lang=lang), t("Value", lang=lang)
    details = pd.DataFrame(metadata_rows(metadata, is_demo, exported_at, lang), columns=[field_label, value_label])
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        _write_sheet(writer, rows, sheet_name(t("Data", lang=lang)))
        _write_sheet(writer, details, sheet_name(t("Metadata", lang=lang)))
    return buffer.getvalue()
