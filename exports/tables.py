"""Filtered rows as formula-safe CSV (UTF-8 with BOM) and Excel (rows + Metadata sheet) bytes."""
import datetime
import io
import re

import pandas as pd

from i18n import format_date, t

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DEMO_COLUMN = "data_note"
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 8, 60


def demo_note(lang: str | None = None) -> str:
    """The note written next to demonstration figures."""
    return t("Demonstration data – not real figures", lang=lang)


def _neutralise_text(column: pd.Series) -> pd.Series:
    if not (pd.api.types.is_string_dtype(column) or column.dtype == object):
        return column
    starts_like_formula = column.str.startswith(FORMULA_TRIGGERS, na=False)
    if not starts_like_formula.any():
        return column
    neutralised = column.copy()
    neutralised[starts_like_formula] = "'" + column[starts_like_formula]
    return neutralised


def _neutralise_label(label: object) -> object:
    return "'" + label if isinstance(label, str) and label.startswith(FORMULA_TRIGGERS) else label


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy where text cells (and headers) starting with = + - @ tab or CR get a leading apostrophe."""
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
