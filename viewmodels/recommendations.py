"""Pure helpers of the Recommendations page: page parameters, query parameters, frames to show."""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass

import pandas as pd

from i18n import localized, t
from indicators.search import clean_query
from indicators.names import mechanism_words
from indicators.queries import is_set
from indicators.records import row_dicts

PAGE_SIZE = 50
EXCEL_MAX_ROWS = 1_048_575          # Excel's sheet limit (1,048,576) minus the header row
MAX_PAGE = 1_000_000
RESPONSES = ("supported", "noted", "no_response", "pledges")
STATUSES = ("not_implemented", "partially_implemented", "fully_implemented", "none")
ACTIONS = (1, 2, 3, 4, 5)
URL_KEYS = ("q", "body", "rs", "response", "action", "status", "sdg", "persons", "tag", "recurs", "page")
SDG_GOALS = tuple(str(goal) for goal in range(1, 18))
_DIGITS = re.compile(r"^\d{1,7}$")


@dataclass(frozen=True)
class PageFilters:
    """The Recommendations page's own filters (its URL parameters)."""

    q: str = ""
    body: str | None = None
    rs: str | None = None
    response: str | None = None
    action: int | None = None
    status: str | None = None
    sdg: str | None = None          # SDG goal number, '1'..'17'
    persons: str | None = None      # affected group of persons, lower case
    tag: str | None = None          # a source's issue tag (recommendation_tag), mapped to a theme or not
    recurs: bool = False            # only recommendations that repeat one of an earlier UPR cycle
    page: int = 1

    def as_params(self) -> dict[str, str]:
        """URL form: only values that differ from the defaults (recurs as 1)."""
        defaults = PageFilters()
        return {key: ("1" if value is True else str(value)) for key, value in asdict(self).items()
                if value != getattr(defaults, key) and value not in (None, "")}

    def words(self, lang: str | None = None) -> str:
        """The page's own filters in one plain-text line (captions and export metadata)."""
        parts = []
        labelled = [(self.q, t("Search", lang)), (self.body, t("Body", lang)),
                    (self.rs, t("Recommending state", lang)),
                    (self.response and response_words(lang)[self.response], t("Response", lang)),
                    (self.action and action_words(lang)[self.action], t("Action category", lang)),
                    (self.status and status_words(lang)[self.status], t("Implementation status", lang))]
        parts += [f"{label}: {value}" for value, label in labelled if value]
        if self.sdg:
            parts.append(sdg_words([self.sdg], lang)[self.sdg])
        parts += [f"{label}: {value}" for value, label in ((self.persons, t("Affected persons", lang)),
                                                           (self.tag, t("Source tag", lang))) if value]
        if self.recurs:
            parts.append(t("Only recommendations that recur from an earlier UPR cycle", lang))
        return "; ".join(parts)

    def without_page(self) -> tuple:
        """Everything but the page number (a change resets the page to 1)."""
        return (self.q, self.body, self.rs, self.response, self.action, self.status, self.sdg, self.persons,
                self.tag, self.recurs)


def parse_page_filters(url: dict[str, str | None], bodies: set[str], states: set[str],
                       persons: set[str] = frozenset(),
                       goals: set[str] = frozenset(SDG_GOALS),
                       tags: set[str] = frozenset()) -> tuple[PageFilters, list[str]]:
    """Page filters from URL values; invalid ones are dropped and named (at most 40 characters)."""
    values, ignored = {}, []
    checks = {"body": lambda v: v in bodies, "rs": lambda v: v in states,
              "response": lambda v: v in RESPONSES, "status": lambda v: v in STATUSES,
              "action": lambda v: v in {str(a) for a in ACTIONS},
              "sdg": lambda v: v in goals and v in SDG_GOALS, "persons": lambda v: v in persons,
              "tag": lambda v: v in tags,
              "page": lambda v: bool(_DIGITS.match(v)) and 1 <= int(v) <= MAX_PAGE,
              "recurs": lambda v: v == "1"}
    for key, valid in checks.items():
        value = url.get(key)
        if value is None or value == "":
            continue
        if valid(value):
            values[key] = int(value) if key in ("action", "page") else (True if key == "recurs" else value)
        else:
            ignored.append(f"{key}={str(value)[:40]}")
    query = url.get("q")
    if query:
        values["q"] = clean_query(query)
    return PageFilters(**values), ignored


def page_count(total: int, page_size: int = PAGE_SIZE) -> int:
    """Number of pages (at least 1)."""
    return max(1, math.ceil(int(total) / page_size))


def query_params(ctx_filters, page_filters: PageFilters) -> dict:
    """The bound parameters of the recommendations_* filter block (the search text is matched
    apart, by indicators.search_query, and passed as hits)."""
    return dict(**ctx_filters.sql_params("countries", "year_from", "year_to", "mechanism", "cycle", "theme"),
                body=page_filters.body, recommending_state=page_filters.rs, action=page_filters.action,
                response=page_filters.response, status=page_filters.status, sdg=page_filters.sdg,
                persons=page_filters.persons, tag=page_filters.tag, recurs=bool(page_filters.recurs))


# The filters recommendation_summary (counts per country, mechanism, cycle, year, response, pledge,
# source and set of themes) can answer; any other filter needs the rows themselves. A search or a label
# (`hits`) is answered by its texts' rows of that table when the hits carry them (SearchHits.summary).
SUMMARY_FILTERS = ("countries", "year_from", "year_to", "mechanism", "response", "cycle", "theme")


def _summarised(params: dict) -> dict | None:
    """The parameters recommendation_summary answers (SUMMARY_FILTERS and hits) when no other filter is set
    and the hits carry their rows of that table; else None (the queries scan the recommendations)."""
    hits = params.get("hits")
    others = any(is_set(value) for key, value in params.items() if key not in SUMMARY_FILTERS and key != "hits")
    if others or (hits is not None and hits.summary is None):
        return None
    return {key: params[key] for key in (*SUMMARY_FILTERS, "hits") if key in params}


def summary_query(params: dict) -> tuple[str, dict]:
    """The query for the Recommendations page's counts and its parameters: recommendations_summary_cube
    (from recommendation_summary, a few thousand rows, or a search's rows of it) when only SUMMARY_FILTERS
    and hits are set, else recommendations_summary (a scan of the recommendations); both give the same rows."""
    chosen = _summarised(params)
    return ("recommendations_summary", params) if chosen is None else ("recommendations_summary_cube", chosen)


def count_query(params: dict) -> tuple[str, dict]:
    """The query counting the matching recommendations, as summary_query chooses: recommendations_count_cube
    or recommendations_count. Same count."""
    chosen = _summarised(params)
    return ("recommendations_count", params) if chosen is None else ("recommendations_count_cube", chosen)


def sources_query(params: dict) -> tuple[str, dict]:
    """The query for the publishers of the matching recommendations (the charts' source line), as
    summary_query chooses: recommendations_sources_cube or recommendations_sources. Same publishers."""
    chosen = _summarised(params)
    return ("recommendations_sources", params) if chosen is None else ("recommendations_sources_cube", chosen)


def page_query(params: dict) -> tuple[str, dict]:
    """The query for a page of the Recommendations page's rows and its parameters (add page_size, offset):
    for a search that summary_query answers from recommendation_summary, recommendations_page_searched (the
    matched texts those filters keep, in stored order); else recommendations_page. Same rows."""
    chosen = _summarised(params)
    if chosen is not None and chosen.get("hits") is not None:
        return "recommendations_page_searched", chosen
    return "recommendations_page", params


def response_words(lang: str | None = None) -> dict[str, str]:
    return {"supported": t("Supported", lang), "noted": t("Noted", lang),
            "no_response": t("No response", lang), "pledges": t("Voluntary pledges", lang)}


def status_words(lang: str | None = None) -> dict[str, str]:
    return {"not_implemented": t("Not implemented", lang),
            "partially_implemented": t("Partially implemented", lang),
            "fully_implemented": t("Fully implemented", lang),
            "none": t("No status recorded", lang)}


def action_words(lang: str | None = None) -> dict[int, str]:
    """UPR Info action categories."""
    return {1: t("1 – minimal action", lang), 2: t("2 – continuing action", lang),
            3: t("3 – considering action", lang), 4: t("4 – general action", lang),
            5: t("5 – specific action", lang)}


def facet(summary: pd.DataFrame, name: str, lang: str | None = None) -> pd.DataFrame:
    """Rows of one facet (theme | cycle) of recommendations_summary: name, code, recommendations."""
    # a few dozen rows: picked and ordered in plain Python (a pandas mask and sort cost 6 ms a call here)
    rows = sorted((row for row in row_dicts(summary) if row["facet"] == name), key=lambda row: row["sort_order"])
    return pd.DataFrame({"name": [localized(row, "name", lang) for row in rows],
                         "code": [row["code"] for row in rows],
                         "recommendations": [int(row["recommendations"]) for row in rows]})


def totals(summary: pd.DataFrame) -> tuple[int, tuple[int, int] | None]:
    """(number of matching recommendations, (first year, last year) or None)."""
    row = summary[summary["facet"] == "total"]
    if row.empty or int(row["recommendations"].iloc[0]) == 0:
        return 0, None
    return int(row["recommendations"].iloc[0]), (int(row["year_min"].iloc[0]), int(row["year_max"].iloc[0]))


def _response_text(response, is_pledge, words: dict) -> str:
    if bool(is_pledge):
        return words["pledges"]
    if response is None or pd.isna(response):
        return words["no_response"]
    return words.get(response, str(response))


def source_document(document, paragraph, lang: str | None = None) -> str:
    """'A/HRC/43/15, para. 121.1': the document symbol and the paragraph, where the source gives them."""
    def present(value) -> bool:
        return value is not None and not pd.isna(value) and str(value) != ""

    if present(document) and present(paragraph):
        return t("{document}, para. {paragraph}", lang, document=document, paragraph=paragraph)
    if present(paragraph):
        return t("para. {paragraph}", lang, paragraph=paragraph)
    return str(document) if present(document) else ""


def sdg_words(goals, lang: str | None = None) -> dict[str, str]:
    """'16' -> 'SDG 16' (in `lang`) for the SDG filter."""
    return {goal: t("SDG {goal}", lang, goal=goal) for goal in goals}


def display_table(rows: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The page rows with translated headers and values (plain text; nothing rendered as HTML)."""
    responses, statuses = response_words(lang), status_words(lang)
    mechanisms, actions = mechanism_words(lang), action_words(lang)
    records = row_dicts(rows)
    themes_field = "themes_ru" if lang == "ru" else "themes_en"

    def text(value) -> str:
        return "" if value is None or pd.isna(value) else str(value)

    def number(value):
        return None if value is None or pd.isna(value) else int(value)

    def mechanism_body(r) -> str:   # one column: the UPR once (not also as its body "UPR"), else the body
        body = text(r["body"])
        return body if body and r["mechanism"] != "upr" else mechanisms.get(r["mechanism"], r["mechanism"])

    return pd.DataFrame({   # the text and the response first, so they show without scrolling sideways
        t("Year", lang): pd.array([number(r["year"]) for r in records], dtype="Int64"),
        t("Country", lang): [localized(r, "country_name", lang) or r["country_iso3"] for r in records],
        t("Recommendation", lang): [text(r["text"]) for r in records],
        t("Response", lang): [_response_text(r["response"], r["is_pledge"], responses) for r in records],
        t("Mechanism / body", lang): [mechanism_body(r) for r in records],
        t("Source document", lang): [source_document(r.get("document"), r.get("paragraph"), lang)
                                     for r in records],
        # the state's name in the language when it is one country; else as the source gives it ('EU', 'A; B')
        t("Recommending state", lang): [(localized(r, "recommending_name", lang) if r.get("recommending_iso3")
                                         else "") or text(r["recommending_state"]) for r in records],
        t("Themes", lang): [text(r.get(themes_field)) or text(r.get("themes_en")) for r in records],
        t("Action category", lang): [actions.get(number(r["action_category"]), "") for r in records],
        t("Implementation status", lang): [statuses.get(text(r["implementation_status"]) or "none")
                                           for r in records],
        t("Session", lang): pd.array([number(r["session"]) for r in records], dtype="Int64"),
    })


def export_headers(lang: str | None = None) -> dict[str, str]:
    """Columns of recommendations_export.sql -> headers in `lang` (the Russian download)."""
    return {
        "id": t("ID", lang), "country_iso3": t("Country code (ISO3)", lang), "mechanism": t("Mechanism", lang),
        "body": t("Body", lang), "recommending_state": t("Recommending state", lang),
        "recommending_iso3": t("Recommending state code (ISO3)", lang), "session": t("Session", lang),
        "cycle_code": t("Cycle code", lang), "year": t("Year", lang), "date": t("Date", lang),
        "document": t("Document", lang), "paragraph": t("Paragraph", lang),
        "position_source": t("Source of position", lang), "text": t("Recommendation", lang), "response": t("Response", lang),
        "action_category": t("Action category", lang), "is_pledge": t("Voluntary pledge", lang),
        "affected_persons": t("Affected persons", lang), "sdgs": t("SDGs", lang), "tags": t("Tags", lang),
        "source_id": t("Source ID", lang), "text_hash": t("Text hash", lang), "themes": t("Themes", lang),
        "also_in": t("Also in sources", lang),
        "implementation_status": t("Implementation status", lang),
        "implementation_date": t("Implementation date", lang),
    }


def export_frame(rows: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The full download in `lang`: English keeps the warehouse's column names and codes; other
    languages get translated headers and mechanism / response / status in words. The warehouse's
    theme_codes column (the same codes as `themes`, kept for fast filters) is left out."""
    rows = rows.drop(columns=["theme_codes"], errors="ignore")
    if lang in (None, "en"):
        return rows
    words = {"mechanism": mechanism_words(lang),
             "response": {k: v for k, v in response_words(lang).items() if k in ("supported", "noted")},
             "implementation_status": status_words(lang)}
    translated = rows.copy()
    for column, mapping in words.items():
        if column in translated.columns:
            translated[column] = translated[column].map(lambda value, m=mapping: m.get(value, value))
    return translated.rename(columns=export_headers(lang))
