"""Shared filters: parsed from the URL (validated, never executed), written back, worded, bound to SQL.

The defaults (focus countries, year range) and the years a filter may span come from the warehouse
(`FilterDefaults.from_frames`), never from a constant or today's date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pandas as pd

from i18n import format_year_range, t
from indicators.focus import focus_of
from indicators.names import NameMaps, mechanism_words

MECHANISMS = ("upr", "treaty_body", "special_procedure")
CYCLE_KINDS = ("upr", "programming")
LANGS = ("en", "ru")
ISO3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^[a-z0-9_\-]{1,64}$")
YEARS = re.compile(r"(\d{4})-(\d{4})")
LINK_YEAR_MIN, LINK_YEAR_MAX = 1000, 2999    # a link's years must at least look like years
FILTER_KEYS = frozenset({"country", "theme", "cycle", "cycle_kind", "years", "mechanism", "lang"})
SQL_NAMES = ("countries", "theme", "cycle_kind", "cycle", "year_from", "year_to", "mechanism")


def cycle_kind_words(lang: str | None = None) -> dict[str, str]:
    """Cycle kind -> its name in `lang` (the sidebar's choice)."""
    return {"upr": t("UPR cycle", lang), "programming": t("Programming cycle", lang)}


@dataclass(frozen=True)
class FilterDefaults:
    """What the warehouse holds: its focus countries, every year it has data for (the years a range
    may span) and the default range (from the start of the first cycle, or of the data when that
    is later, to the last year with data)."""

    countries: tuple[str, ...]
    first_year: int
    last_year: int
    year_from: int
    year_to: int

    @classmethod
    def from_frames(cls, countries: pd.DataFrame, years: pd.DataFrame) -> "FilterDefaults":
        """countries: filter_choices_countries (iso3, is_focus); years: filter_years (one row)."""
        focus = focus_of(countries)
        row = years.iloc[0]

        def year(name: str) -> int | None:
            value = row[name]
            return None if value is None or pd.isna(value) else int(value)

        first, last = year("first_year"), year("last_year")
        if first is None:        # no dated record yet: the cycles' span
            first, last = year("first_cycle_year"), year("last_cycle_year")
        if first is None:
            raise ValueError("the warehouse holds no year: neither data nor cycles")
        start = max(first, year("first_cycle_year") or first)
        return cls(countries=focus, first_year=first, last_year=last, year_from=min(start, last), year_to=last)


@dataclass(frozen=True)
class Filters:
    """The shared filter state every page reads; it gives its URL parameters, its SQL parameters and
    its words in each language."""

    defaults: FilterDefaults = field(repr=False, compare=False)
    countries: tuple[str, ...]
    year_from: int
    year_to: int
    theme: str | None = None
    cycle_kind: str = "upr"
    cycle: str | None = None
    mechanism: str | None = None
    lang: str = "en"

    @classmethod
    def default(cls, defaults: FilterDefaults, lang: str = "en") -> "Filters":
        """The filters of a link without filter parameters."""
        return cls(defaults=defaults, countries=defaults.countries, year_from=defaults.year_from,
                   year_to=defaults.year_to, lang=lang)

    @property
    def years(self) -> str:
        """The year range in words: '2008–2025' (one year alone when both ends are equal)."""
        return format_year_range(self.year_from, self.year_to)

    def as_params(self) -> dict[str, list[str]]:
        """The query-string form (only values that differ from the defaults)."""
        params: dict[str, list[str]] = {}
        if self.countries != self.defaults.countries:
            params["country"] = list(self.countries)
        for name in ("theme", "cycle", "mechanism"):
            if getattr(self, name):
                params[name] = [getattr(self, name)]
        if self.cycle_kind != "upr":
            params["cycle_kind"] = [self.cycle_kind]
        if (self.year_from, self.year_to) != (self.defaults.year_from, self.defaults.year_to):
            params["years"] = [f"{self.year_from}-{self.year_to}"]
        if self.lang != "en":
            params["lang"] = [self.lang]
        return params

    def sql_params(self, *names: str) -> dict:
        """The bound $parameters of the named queries: `names` of SQL_NAMES (every one when none given)."""
        values = {"countries": list(self.countries), "theme": self.theme, "cycle_kind": self.cycle_kind,
                  "cycle": self.cycle, "year_from": self.year_from, "year_to": self.year_to,
                  "mechanism": self.mechanism}
        return {name: values[name] for name in (names or SQL_NAMES)}

    def words(self, names: NameMaps, lang: str | None = None) -> str:
        """The active filters in one line of words (export subtitles, slides, metadata, no-data notes)."""
        lang = lang or self.lang
        parts = [t("Countries: {countries}", lang=lang,
                   countries=", ".join(names.countries.get(code, code) for code in self.countries))]
        if self.theme:
            parts.append(t("Theme: {theme}", lang=lang, theme=names.themes.get(self.theme, self.theme)))
        if self.cycle:
            parts.append(t("Cycle: {cycle}", lang=lang, cycle=names.cycles.get(self.cycle, self.cycle)))
        if self.mechanism:
            parts.append(t("Mechanism: {mechanism}", lang=lang,
                           mechanism=mechanism_words(lang).get(self.mechanism, self.mechanism)))
        parts.append(t("Years: {years}", lang=lang, years=self.years))
        return " · ".join(parts)


@dataclass
class Choices:
    """What is valid in this warehouse: countries, themes, cycles (code -> kind), and its defaults."""

    defaults: FilterDefaults
    countries: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    cycles: dict[str, str] = field(default_factory=dict)


def parse_filters(query: dict[str, list[str]], choices: Choices) -> tuple[Filters, list[str]]:
    """Filters from URL parameters; each invalid or unknown value is ignored and named in a notice."""
    filters, ignored = Filters.default(choices.defaults), []
    countries = [c for c in query.get("country", []) if ISO3.match(c) and c in choices.countries]
    ignored += [f"country={c[:40]}" for c in query.get("country", []) if c not in countries]
    if countries:
        filters = replace(filters, countries=tuple(dict.fromkeys(countries)))
    for name, valid in (("theme", choices.themes), ("mechanism", set(MECHANISMS)),
                        ("cycle_kind", set(CYCLE_KINDS)), ("lang", set(LANGS))):
        values = query.get(name, [])
        if values:
            if values[0] in valid and CODE.match(values[0]):
                filters = replace(filters, **{name: values[0]})
            else:
                ignored.append(f"{name}={values[0][:40]}")
    cycles = query.get("cycle", [])
    if cycles:
        if cycles[0] in choices.cycles:
            filters = replace(filters, cycle=cycles[0], cycle_kind=choices.cycles[cycles[0]])
        else:
            ignored.append(f"cycle={cycles[0][:40]}")
    years = query.get("years", [])
    if years:
        match = YEARS.fullmatch(years[0])
        if match and LINK_YEAR_MIN <= int(match[1]) <= int(match[2]) <= LINK_YEAR_MAX:
            filters = replace(filters, year_from=int(match[1]), year_to=int(match[2]))
        else:
            ignored.append(f"years={years[0][:40]}")
    return filters, ignored


def slider_bounds(defaults: FilterDefaults, filters: Filters) -> tuple[int, int]:
    """The year slider's ends: every year the warehouse holds, widened to a link's own range."""
    return min(defaults.first_year, filters.year_from), max(defaults.last_year, filters.year_to)
