"""Assembles a country or regional brief (and its standard deck charts) from the warehouse's named queries."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from exports.brief import BriefContent, BriefFigure, BriefTable, cell
from i18n import format_number, t
from indicators import charts
from viewmodels import brief_facts
from indicators.brief_charts import headline_multiples
from indicators.names import frame_names
from viewmodels.overview import years_text
from indicators.queries import run_query
from indicators.warehouse import WarehouseKey
from indicators.records import row_dicts


@dataclass
class StandardChart:
    """A chart the brief draws itself, with what a slide needs to say about it."""

    figure: go.Figure
    title: str
    source: str
    years: str
    source_ids: list[str]


class BriefError(ValueError):
    """A brief was asked for something the warehouse does not hold (unknown country or cycle)."""


def _names(key: WarehouseKey, lang) -> dict[str, str]:
    return frame_names(run_query("filter_choices_countries", key), "iso3", lang)


def _is_demo(key: WarehouseKey) -> bool:
    info = run_query("build_info", key)
    return dict(zip(info["key"], info["value"])).get("is_demo") == "true"


def _publishers(sources: pd.DataFrame, ids: list[str], is_demo: bool, lang) -> str:
    if is_demo:
        return t("Demonstration data (generated) — not real figures", lang=lang)
    chosen = sources[sources["id"].isin(ids)]
    return "; ".join(dict.fromkeys(name for name in chosen["publisher"] if name)) or "–"


def _number(value, lang) -> str:
    return cell(None if value is None or pd.isna(value) else format_number(round(float(value), 3), lang=lang))


def _progress_table(facts: brief_facts.CountryFacts, lang) -> BriefTable:
    """One country: indicator, baseline and latest value with their years, status."""
    headings = [t("Indicator", lang=lang), t("Baseline", lang=lang), t("Latest", lang=lang), t("Status", lang=lang)]
    rows = [[f"{row['indicator']} ({row['unit']})" if row["unit"] else row["indicator"],
             f"{_number(row['baseline_value'], lang)} ({cell(row['baseline_year'])})",
             f"{_number(row['latest_value'], lang)} ({cell(row['latest_year'])})",
             cell(row["status_word"])] for row in row_dicts(facts.progress)]
    return BriefTable(headings, rows, (46, 18, 18, 22))


def _regional_progress_table(facts: list[brief_facts.CountryFacts], lang) -> BriefTable:
    """Indicators down, countries across, the status word in each cell ('–' where not assessed)."""
    indicators = list(dict.fromkeys(name for country in facts for name in country.progress["indicator"]))
    status = {(country.iso3, row["indicator"]): row["status_word"]
              for country in facts for row in row_dicts(country.progress)}
    rows = [[name, *[cell(status.get((country.iso3, name))) for country in facts]] for name in indicators]
    return BriefTable([t("Indicator", lang=lang), *[country.name for country in facts]], rows,
                      (25, *[15] * len(facts)))


def _recommendation_chart(facts: brief_facts.CountryFacts, cycle_label: str, source: str, span, is_demo,
                          lang) -> go.Figure:
    frame = facts.by_theme.sort_values("total", ascending=False, kind="stable")
    title = t("{country}: UPR recommendations received by theme, {cycle}", lang=lang, country=facts.name,
              cycle=cycle_label)
    return charts.stacked_responses(frame[["theme", "supported", "noted"]], title=title, source=source,
                                    years=span, is_demo=is_demo, by="theme", lang=lang)


def _regional_recommendation_chart(facts: list[brief_facts.CountryFacts], cycle_label: str, source: str, span,
                                   is_demo, lang) -> go.Figure:
    loaded = [country for country in facts if country.received]   # no bar where nothing is loaded
    frame = pd.DataFrame({"country_name": [country.name for country in loaded],
                          "supported": [country.supported for country in loaded],
                          "noted": [country.noted for country in loaded]})
    title = t("UPR recommendations received by country, {cycle}", lang=lang, cycle=cycle_label)
    return charts.stacked_responses(frame, title=title, source=source, years=span, is_demo=is_demo,
                                    by="country_name", lang=lang)


class _Warehouse:
    """The query results one brief needs, for a set of countries and one cycle."""

    def __init__(self, key: WarehouseKey, iso3s: list[str], cycle: str | None, lang) -> None:
        self.key, self.lang = key, lang
        self.names = _names(key, lang)
        unknown = [code for code in iso3s if code not in self.names]
        if unknown:
            raise BriefError(t("Unknown country code: {codes}. Known: {known}", lang=lang,
                               codes=", ".join(unknown), known=", ".join(sorted(self.names))))
        self.cycles = run_query("brief_cycles", key)
        self.cycle = cycle or brief_facts.default_cycle(
            run_query("brief_country_cycles", key, countries=iso3s), self.cycles, iso3s)
        if self.cycle not in set(self.cycles["code"]):
            raise BriefError(t("Unknown UPR cycle: {cycle}. Known: {known}", lang=lang, cycle=str(self.cycle),
                               known=", ".join(self.cycles["code"])))
        self.span = brief_facts.cycle_span(self.cycles, self.cycle)
        self.cycle_label = brief_facts.cycle_name(self.cycles, self.cycle, lang)
        self.is_demo = _is_demo(key)
        self.series = run_query("brief_headline_series", key, countries=iso3s)
        counts = run_query("brief_cycle_recommendations", key, countries=iso3s, cycle=self.cycle)
        ratifications = run_query("brief_cycle_ratifications", key, countries=iso3s, year_from=self.span[0],
                                  year_to=self.span[1])
        self.facts = [brief_facts.country_facts(code, self.names[code], counts, ratifications, self.series,
                                                self.cycles, self.cycle, lang) for code in iso3s]
        self.version = brief_facts.warehouse_version(run_query("warehouse_source_hashes", key)["sha256"])

    def sources(self, ids: list[str]) -> pd.DataFrame:
        return run_query("brief_sources_by_id", self.key, ids=sorted(set(ids)))

    def standard_charts(self, regional: bool) -> list[StandardChart]:
        lang, made = self.lang, []
        recommendation_ids = sorted({i for country in self.facts for i in country.recommendation_sources})
        indicator_ids = sorted({i for country in self.facts for i in country.indicator_sources})
        sources = self.sources(recommendation_ids + indicator_ids)
        if any(country.received for country in self.facts):
            source = _publishers(sources, recommendation_ids, self.is_demo, lang)
            figure = (_regional_recommendation_chart(self.facts, self.cycle_label, source, list(self.span),
                                                     self.is_demo, lang) if regional else
                      _recommendation_chart(self.facts[0], self.cycle_label, source, list(self.span),
                                            self.is_demo, lang))
            made.append(StandardChart(figure, charts.plain_title(figure.layout.title.text), source,
                                      years_text(self.span), recommendation_ids))
        if not self.series.empty:
            source = _publishers(sources, indicator_ids, self.is_demo, lang)
            where = (t("Central Asia", lang=lang) if regional else self.facts[0].name)
            title = t("{place}: headline indicators, the {cycle} shaded", lang=lang, place=where,
                      cycle=self.cycle_label)
            figure = headline_multiples(self.series, title, source, self.span, self.cycle_label, self.is_demo,
                                        self.names, lang)
            made.append(StandardChart(figure, title, source,
                                      years_text(charts.data_years(self.series["year"])), indicator_ids))
        return made


def _facts_table(facts: list[brief_facts.CountryFacts], cycle_label: str, lang) -> BriefTable:
    words = brief_facts.direction_words(lang)
    headings = [t("Country", lang=lang), t("Received", lang=lang), t("Supported", lang=lang),
                t("Newly ratified", lang=lang), words["better"], words["worse"]]
    rows = []
    for country in facts:
        share = country.supported_share
        if not country.received:   # nothing loaded for the cycle: no data, not zero
            rows.append([country.name, "–", "–", "; ".join(country.ratified_codes) or "–",
                         *_moved_counts(country, lang)])
            continue
        rows.append([country.name, format_number(country.received, lang=lang),
                     "–" if share is None else f"{format_number(country.supported, lang=lang)} "
                                               f"({format_number(round(share * 100), lang=lang)} %)",
                     "; ".join(country.ratified_codes) or "–", *_moved_counts(country, lang)])
    return BriefTable(headings, rows, (18, 13, 17, 30, 15, 15))


def _moved_counts(country: brief_facts.CountryFacts, lang) -> list[str]:
    """Headline indicators that improved and that worsened ('–' when none could be assessed)."""
    if country.progress.empty:
        return ["–", "–"]
    return [format_number(int((country.progress["direction"] == direction).sum()), lang=lang)
            for direction in brief_facts.MOVED]


def brief_content(key: WarehouseKey, iso3s: list[str], cycle: str | None = None, lang: str | None = None,
                  report_items: list[dict] | None = None) -> tuple[BriefContent, list[StandardChart]]:
    """The brief of one country (one code) or of the region (several codes side by side), and its charts.

    report_items: charts added on the Report page (ui.report_state records) shown after the standard ones,
    with their key messages.
    """
    import plotly.io as pio

    regional = len(iso3s) > 1
    warehouse = _Warehouse(key, iso3s, cycle, lang)
    standard = warehouse.standard_charts(regional)
    figures = [BriefFigure(chart.figure, chart.title) for chart in standard]
    figures += [BriefFigure(pio.from_json(item["figure_json"]), item["title"], item.get("key_message") or "")
                for item in report_items or []]
    shown_ids = sorted({i for chart in standard for i in chart.source_ids}
                       | {i for country in warehouse.facts for i in country.ratification_sources})
    citations = [brief_facts.citation(row, lang) for row in row_dicts(warehouse.sources(shown_ids))]
    stated = list(dict.fromkeys(f"{item['title']}: {item['source']}" for item in report_items or []))
    if regional:
        title = t("Regional brief: Central Asia", lang=lang)
        facts = [t("{cycle}, per country: UPR recommendations received and supported (pledges apart), core "
                   "treaties newly ratified or acceded to, and the number of headline indicators that improved or "
                   "worsened within the cycle; a dash where nothing is loaded for the cycle.", lang=lang,
                   cycle=warehouse.cycle_label)]
        facts_table = _facts_table(warehouse.facts, warehouse.cycle_label, lang)
    else:
        title = t("Country brief: {country}", lang=lang, country=warehouse.facts[0].name)
        facts = brief_facts.fact_lines(warehouse.facts[0], warehouse.cycle_label, lang)
        facts_table = None
    content = BriefContent(
        title=title, subtitle=warehouse.cycle_label, is_demo=warehouse.is_demo, version=warehouse.version,
        facts=facts, facts_table=facts_table, figures=figures,
        progress=(_regional_progress_table(warehouse.facts, lang) if regional
                  else _progress_table(warehouse.facts[0], lang)), method=brief_facts.method_sentences(lang),
        citations=citations, stated_sources=stated)
    return content, standard


def standard_deck(key: WarehouseKey, iso3s: list[str], cycle: str | None = None, lang: str | None = None) -> bytes:
    """PPTX bytes of the standard deck: the brief's charts, one a slide, its key facts as the messages."""
    from exports.deck import ReportItem, build_deck
    from exports.deck_style import load_style

    content, standard = brief_content(key, iso3s, cycle, lang)
    names = _names(key, lang)
    items = [ReportItem(figure=chart.figure, title=chart.title, key_message=None, source=chart.source,
                        years=chart.years, filters=content.subtitle) for chart in standard]
    return build_deck(items, content.title, [names[code] for code in iso3s], [t("All themes", lang=lang)],
                      "\n".join(content.method), list(dict.fromkeys(chart.source for chart in standard)),
                      content.is_demo, lang=lang, style=load_style(), version=content.version)
