"""Resolve country names and codes as UN bodies, NGOs and publishers write them to ISO3."""
from __future__ import annotations

import gettext
import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from etl.errors import InputError
from etl.reference import REFERENCE_DIR, read_csv_rows


_PUNCTUATION = re.compile(r"[.,()'’\"]")
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """A comparison key: unescaped, accents folded, '&' = 'and', 'St' = 'Saint', no punctuation."""
    text = html.unescape(str(name)).strip()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    text = re.sub(r"^st ", "saint ", text)
    text = re.sub(r" st ", " saint ", text)
    text = re.sub(r"^the ", "", text)
    return text


@dataclass
class CountryResolver:
    """Name/code -> ISO3, built from pycountry plus the editable reference files."""

    index: dict[str, str] = field(default_factory=dict)
    names: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # iso3 -> en, ru, iso2
    focus: set[str] = field(default_factory=set)
    independence: dict[str, int] = field(default_factory=dict)

    def resolve(self, raw: object) -> str | None:
        """ISO3 for a name or ISO2/ISO3 code, or None when it cannot be resolved."""
        if raw is None:
            return None
        text = html.unescape(str(raw)).strip()
        if not text:
            return None
        if re.fullmatch(r"[A-Z]{3}", text) and text in self.names:
            return text
        if re.fullmatch(r"\d{1,3}", text):  # UN M49 numeric code, as some SDMX files write it
            found = pycountry.countries.get(numeric=text.zfill(3))
            return found.alpha_3 if found else None
        if re.fullmatch(r"[A-Z]{2}", text):
            found = pycountry.countries.get(alpha_2=text)
            if found:
                return found.alpha_3
        key = normalise_name(text)
        if key in self.index:
            return self.index[key]
        if ", " in text:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = text.partition(", ")
            return self.index.get(normalise_name(f"{tail} {head}"))
        return None

    def country_row(self, iso3: str) -> dict:
        name_en, name_ru, iso2 = self.names[iso3]
        return {"iso3": iso3, "iso2": iso2, "name_en": name_en, "name_ru": name_ru,
                "is_focus": iso3 in self.focus}


@lru_cache(maxsize=4)
def load_resolver(reference_dir: Path = REFERENCE_DIR) -> CountryResolver:
    """Build the resolver; a bad line in a reference file raises InputError with file:line."""
    resolver = CountryResolver()
    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"],
                                  fallback=True)
    for country in pycountry.countries:
        resolver.names[country.alpha_3] = (country.name, russian.gettext(country.name),
                                           country.alpha_2)
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                resolver.index.setdefault(normalise_name(value), country.alpha_3)
    countries_file = Path(reference_dir) / "countries.csv"
    for line, row in read_csv_rows(countries_file, ["iso3", "name_en", "name_ru", "is_focus"]):
        iso3 = row["iso3"].strip()
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise InputError("reference/countries.csv", f"bad ISO3 code {iso3!r}", row=line,
                             column="iso3", expected="three capital letters")
        iso2 = resolver.names.get(iso3, (None, None, None))[2]
        resolver.names[iso3] = (row["name_en"].strip(), row["name_ru"].strip(), iso2)
        resolver.index[normalise_name(row["name_en"])] = iso3
        resolver.index[normalise_name(row["name_ru"])] = iso3
        if row["is_focus"].strip().lower() == "true":
            resolver.focus.add(iso3)
        year = (row.get("independence_year") or "").strip()
        if year:
            if not year.isdigit():
                raise InputError("reference/countries.csv", f"bad year {year!r}", row=line,
                                 column="independence_year", expected="a year such as 1991")
            resolver.independence[iso3] = int(year)
    aliases_file = Path(reference_dir) / "country_aliases.csv"
    for line, row in read_csv_rows(aliases_file, ["alias", "iso3"]):
        iso3 = row["iso3"].strip()
        if iso3 not in resolver.names:
            raise InputError("reference/country_aliases.csv", f"unknown ISO3 code {iso3!r}",
                             row=line, column="iso3", expected="an ISO 3166 alpha-3 code")
        resolver.index[normalise_name(row["alias"])] = iso3
    return resolver
