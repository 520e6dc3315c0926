"""The report being assembled from charts: pure list helpers (add, remove, reorder, key message) and the deck."""
from __future__ import annotations

import datetime
import hashlib

import plotly.io as pio

from exports.deck import ReportItem, build_deck
from i18n import t
from indicators.progress import method_explanation

STATE_KEY = "report_items"     # st.session_state key holding the list of records
MAX_ITEMS = 40                 # a deck of more charts is not a donor meeting
KEY_MESSAGE_MAX = 280          # characters; one sentence or two under the chart
RECORD_FIELDS = ("uid", "chart_id", "page", "title", "source", "years", "filters", "countries", "theme",
                 "figure_json", "key_message")


def make_record(figure_json: str, *, chart_id: str, page: str, title: str, source: str, years: str,
                filters: str, countries: list[str] | tuple[str, ...] = (), theme: str | None = None) -> dict:
    """One report entry; its uid is stable for the same chart drawn with the same filters and data."""
    digest = hashlib.sha256("\x1f".join([chart_id, filters, figure_json]).encode("utf-8")).hexdigest()[:16]
    return {"uid": digest, "chart_id": chart_id, "page": page, "title": title, "source": source,
            "years": years, "filters": filters, "countries": list(countries), "theme": theme,
            "figure_json": figure_json, "key_message": ""}


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


def to_report_items(items: list[dict]) -> list[ReportItem]:
    """The deck's ReportItem objects (figures rebuilt from their JSON)."""
    return [ReportItem(figure=pio.from_json(item["figure_json"]), title=item["title"],
                       key_message=item["key_message"] or None, source=item["source"], years=item["years"],
                       filters=item["filters"]) for item in items]


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
               lang: str | None = None, export_date: datetime.date | None = None) -> bytes:
    """PPTX bytes: title slide, one slide per entry in order, methods and the charts' sources."""
    return build_deck(to_report_items(items), title, countries, themes, methods_text(lang),
                      distinct(item["source"] for item in items), is_demo, lang=lang, export_date=export_date)
