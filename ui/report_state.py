"""The report being assembled from charts: pure list helpers (add, remove, reorder, key message) and the deck."""
from __future__ import annotations

import datetime
import hashlib
import numbers

import pandas as pd
import plotly.io as pio

from exports.deck import ReportItem, build_deck
from exports.deck_style import load_style
from i18n import format_number, t
from i18n.formatting import is_missing
from indicators.progress import method_explanation

STATE_KEY = "report_items"     # st.session_state key holding the list of records
MAX_ITEMS = 40                 # a deck of more charts is not a donor meeting
KEY_MESSAGE_MAX = 280          # characters; one sentence or two under the chart
VIEWS = ("chart", "table")     # what an entry's slide shows: the chart image or its data as a table
MAX_TABLE_ROWS_KEPT = 1000     # rows of a chart's data kept with its report entry


def table_cells(frame: pd.DataFrame, lang: str | None = None) -> dict:
    """A chart's data as {'columns', 'rows'} of display strings (whole numbers plain, as years are; '–' missing)."""
    def text(value) -> str:
        if is_missing(value):
            return "–"
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, numbers.Integral) or (isinstance(value, float) and float(value).is_integer()):
            return str(int(value))
        if isinstance(value, numbers.Real):
            return format_number(round(float(value), 3), lang=lang)
        return str(value)

    rows = [[text(value) for value in row] for row in frame.head(MAX_TABLE_ROWS_KEPT).itertuples(index=False)]
    return {"columns": [str(column) for column in frame.columns], "rows": rows}


def make_record(figure_json: str, *, chart_id: str, page: str, title: str, source: str, years: str,
                filters: str, countries: list[str] | tuple[str, ...] = (), theme: str | None = None,
                table: dict | None = None) -> dict:
    """One report entry; its uid is stable for the same chart drawn with the same filters and data.

    table: the chart's data (table_cells) so its slide can show a table instead; view 'chart' at first."""
    digest = hashlib.sha256("\x1f".join([chart_id, filters, figure_json]).encode("utf-8")).hexdigest()[:16]
    return {"uid": digest, "chart_id": chart_id, "page": page, "title": title, "source": source,
            "years": years, "filters": filters, "countries": list(countries), "theme": theme,
            "figure_json": figure_json, "key_message": "", "view": "chart", "table": table}


def add_item(items: list[dict], record: dict) -> tuple[list[dict], str]:
    """(new list, outcome) with outcome 'added', 'duplicate' (already there) or 'full' (MAX_ITEMS reached)."""
    if any(item["uid"] == record["uid"] for item in items):
        return list(items), "duplicate"
    if len(items) >= MAX_ITEMS:
        return list(items), "full"
    return [*items, dict(record)], "added"


def remove_item(items: list[dict], uid: str) -> list[dict]:
    """The list without the entry `uid` (unchanged when absent)."""
    return [item for item in items if item["uid"] != uid]


def move_item(items: list[dict], uid: str, step: int) -> list[dict]:
    """The list with entry `uid` moved `step` places (-1 up, +1 down), clamped to the ends."""
    moved = list(items)
    positions = [position for position, item in enumerate(moved) if item["uid"] == uid]
    if not positions:
        return moved
    old = positions[0]
    new = min(max(old + step, 0), len(moved) - 1)
    moved.insert(new, moved.pop(old))
    return moved


def set_key_message(items: list[dict], uid: str, text: str | None) -> list[dict]:
    """The list with the key message of entry `uid` set (whitespace collapsed, at most KEY_MESSAGE_MAX)."""
    message = " ".join(str(text or "").split())[:KEY_MESSAGE_MAX]
    return [{**item, "key_message": message} if item["uid"] == uid else item for item in items]


def set_view(items: list[dict], uid: str, view: str) -> list[dict]:
    """The list with entry `uid` shown as 'chart' or 'table' (a table only when the entry holds its data)."""
    return [{**item, "view": view if view in VIEWS and (view == "chart" or item.get("table")) else "chart"}
            if item["uid"] == uid else item for item in items]


def _slide_table(item: dict) -> tuple[list[str], list[list[str]]] | None:
    table = item.get("table")
    if item.get("view") != "table" or not table or not table.get("columns"):
        return None
    return list(table["columns"]), [list(row) for row in table["rows"]]


def to_report_items(items: list[dict]) -> list[ReportItem]:
    """The deck's ReportItem objects (figures rebuilt from their JSON; a table where the entry asks for one)."""
    return [ReportItem(figure=pio.from_json(item["figure_json"]), title=item["title"],
                       key_message=item["key_message"] or None, source=item["source"], years=item["years"],
                       filters=item["filters"], table=_slide_table(item)) for item in items]


def distinct(values) -> list:
    """Values in first-seen order without repeats or blanks."""
    return [value for value in dict.fromkeys(values) if value]


def report_countries(items: list[dict]) -> list[str]:
    """Country codes of all entries, in first-seen order."""
    return distinct(code for item in items for code in item.get("countries", []))


def report_themes(items: list[dict]) -> list[str | None]:
    """Theme codes of all entries (None for 'all themes'), in first-seen order."""
    return list(dict.fromkeys(item.get("theme") for item in items))


def methods_text(lang: str | None = None) -> str:
    """The closing slide's text: the progress method and where sources are documented."""
    return "\n".join([
        method_explanation(lang),
        t("Each chart states its source and data years beneath it; publishers and licences of every "
          "loaded source are listed on the dashboard's 'Data and sources' page.", lang=lang),
    ])


def deck_bytes(items: list[dict], *, title: str, countries: list[str], themes: list[str], is_demo: bool,
               lang: str | None = None, export_date: datetime.date | None = None, version: str = "") -> bytes:
    """PPTX bytes: title slide, one slide per entry in order, methods and the charts' sources; `version`
    (the warehouse version) in each chart's notes and on the closing slide."""
    return build_deck(to_report_items(items), title, countries, themes, methods_text(lang),
                      distinct(item["source"] for item in items), is_demo, lang=lang, export_date=export_date,
                      style=load_style(), version=version)
