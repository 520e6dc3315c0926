"""Shared filters: parsed from the URL query string (validated, never executed) and written back."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

FOCUS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
MECHANISMS = ("upr", "treaty_body", "special_procedure")
CYCLE_KINDS = ("upr", "programming")
LANGS = ("en", "ru")
ISO3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^[a-z0-9_\-]{1,64}$")
YEAR_MIN, YEAR_MAX = 1990, 2030
FILTER_KEYS = frozenset({"country", "theme", "cycle", "cycle_kind", "years", "mechanism", "lang"})


@dataclass(frozen=True)
class Filters:
    """The shared filter state every page reads."""

    countries: tuple[str, ...] = FOCUS
    theme: str | None = None
    cycle_kind: str = "upr"
    cycle: str | None = None
    year_from: int = 2008
    year_to: int = 2025
    mechanism: str | None = None
    lang: str = "en"

    def as_params(self) -> dict[str, list[str]]:
        """The query-string form (only values that differ from the defaults)."""
        params: dict[str, list[str]] = {}
        if self.countries != FOCUS:
            params["country"] = list(self.countries)
        for name in ("theme", "cycle", "mechanism"):
            if getattr(self, name):
                params[name] = [getattr(self, name)]
        if self.cycle_kind != "upr":
            params["cycle_kind"] = [self.cycle_kind]
        if (self.year_from, self.year_to) != (Filters.year_from, Filters.year_to):
            params["years"] = [f"{self.year_from}-{self.year_to}"]
        if self.lang != "en":
            params["lang"] = [self.lang]
        return params


@dataclass
class Choices:
    """What is valid in this warehouse: countries, themes, cycles (code -> kind)."""

    countries: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    cycles: dict[str, str] = field(default_factory=dict)


def parse_filters(query: dict[str, list[str]], choices: Choices) -> tuple[Filters, list[str]]:
    """Filters from URL parameters; each invalid or unknown value is ignored and named in a notice."""
    filters, ignored = Filters(), []
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
        match = re.fullmatch(r"(\d{4})-(\d{4})", years[0])
        if match and YEAR_MIN <= int(match[1]) <= int(match[2]) <= YEAR_MAX:
            filters = replace(filters, year_from=int(match[1]), year_to=int(match[2]))
        else:
            ignored.append(f"years={years[0][:40]}")
    return filters, ignored
