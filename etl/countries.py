"""Resolve country names and codes as UN bodies, NGOs and publishers write them to ISO3, never guessing."""
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
from etl.reference import read_csv_rows
from settings import reference_dir as reference_folder

_APOSTROPHES = re.compile(r"['’‘`ʼ´]")
_NOT_ALNUM = re.compile(r"[^\w]+")
# Abbreviations publishers use inside names (World Bank "Egypt, Arab Rep.", "Micronesia, Fed. Sts.",
# "Lao PDR", "St. Lucia", UN "FYR"), each expanded to its words.
ABBREVIATIONS = {"rep": "republic", "dem": "democratic", "fed": "federated", "sts": "states",
                 "st": "saint", "ste": "sainte", "is": "islands", "isl": "islands",
                 "pdr": "peoples democratic republic", "fyr": "former yugoslav republic",
                 "fyrom": "former yugoslav republic macedonia", "dpr": "democratic peoples republic",
                 "rp": "republic", "utd": "united"}
# Words that never tell two countries apart: articles, "of", and qualifiers such as the World
# Bank's "RB" (República Bolivariana) and "SAR" (special administrative region).
NOISE_WORDS = {"the", "of", "rb", "sar"}
# Words a qualifier may consist of for a name to be read without it ("Bolivia (Plurinational
# State of)" -> Bolivia, "Macao SAR, China" -> Macao). A dropped part with any other word
# ("Guinea (Bissau)", "Sudan, South") may be what tells countries apart: never dropped.
QUALIFIER_WORDS = {"republic", "islamic", "plurinational", "bolivarian", "state", "states",
                   "federated", "federal", "kingdom", "arab", "socialist", "democratic", "peoples",
                   "people", "china", "province", "special", "administrative", "region", "united",
                   "malvinas", "french", "dutch", "part", "u", "s", "us", "uk", "former",
                   "yugoslav", "and", "the", "of", "rb", "sar", "commonwealth", "principality",
                   "grand", "duchy", "sultanate", "emirate", "independent", "oriental", "co",
                   "operative", "cooperative", "great", "britain", "northern", "ireland"}
# Historical states kept as themselves (never merged into a successor), with pycountry's
# ISO 3166-3 codes. Renamed states (Burma, Zaire, Swaziland) resolve to the current state.
HISTORICAL_STATES = {"SUN", "YUG", "SCG", "CSK", "DDR", "YMD"}


def _words(name: str) -> list[str]:
    """The lower-case words of a name: entities unescaped, accents folded, '&' = 'and'."""
    text = str(name)
    for _ in range(2):                       # doubly escaped entities: &amp;eacute;
        text = html.unescape(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    return [word for word in _NOT_ALNUM.sub(" ", text).replace("_", " ").split() if word]


def normalise_name(name: str) -> str:
    """A comparison key: words of the name, abbreviations expanded, articles and qualifiers dropped."""
    words = []
    for word in _words(name):
        words.extend(ABBREVIATIONS.get(word, word).split())
    return " ".join(word for word in words if word not in NOISE_WORDS)


def _compact(key: str) -> str:
    """The key without spaces: 'Guinea Bissau', 'GuineaBissau' and 'Guinea-Bissau' meet here."""
    return key.replace(" ", "")


_BRACKETED = re.compile(r"^(?P<outside>[^()\[\]]*?)\s*[(\[](?P<inside>[^()\[\]]*)[)\]]\s*(?P<rest>.*)$")


def _forms(name: str) -> tuple[list[str], list[str]]:
    """(reordered forms, shortened forms) of a name. Reordered: inverted "X, Y" and "X (Y)" read
    as "Y X". Shortened: X alone, only when Y is a mere qualifier (see QUALIFIER_WORDS)."""
    reordered, shortened = [], []
    text = str(name)
    match = _BRACKETED.match(text)
    if match:
        outside = f"{match['outside']} {match['rest']}".strip()
        reordered.append(f"{match['inside']} {outside}")
        if _is_qualifier(match["inside"]):
            shortened.append(outside)
    if "," in text:
        head, _, tail = text.partition(",")
        reordered.append(f"{tail} {head}")
        if _is_qualifier(tail):
            shortened.append(head)
            inner = _BRACKETED.match(head)
            if inner and _is_qualifier(inner["inside"]):
                shortened.append(inner["outside"])
    return reordered, shortened


def _is_qualifier(text: str) -> bool:
    words = [ABBREVIATIONS.get(word, word) for word in _words(text)]
    return all(part in QUALIFIER_WORDS for word in words for part in word.split())


class AmbiguousCountry(ValueError):
    """A name more than one country is written as; `candidates` are their ISO3 codes."""

    def __init__(self, name: str, candidates: list[str], names: dict) -> None:
        self.name = name
        self.candidates = sorted(set(candidates))
        listed = ", ".join(f"{code} ({names[code][0]})" if code in names else code
                           for code in self.candidates)
        super().__init__(f"ambiguous country name {name!r}: it could be {listed}; write a "
                         "distinguishing form or an ISO3 code, or, if the file means one of them "
                         "throughout, add the name and its code to data/reference/country_aliases.csv")


@dataclass
class CountryResolver:
    """Name/code -> ISO3, built from pycountry, UN M49 names and the editable reference files."""

    index: dict[str, str] = field(default_factory=dict)
    compact: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)   # key -> candidate ISO3 codes
    names: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # iso3 -> en, ru, iso2
    focus: set[str] = field(default_factory=set)
    independence: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, iso3: str, override: bool = False) -> None:
        key = normalise_name(name)
        if not key:
            return
        if override:
            self.index[key] = iso3
            self.compact[_compact(key)] = iso3
        else:
            self.index.setdefault(key, iso3)
            self.compact.setdefault(_compact(key), iso3)

    def _lookup(self, name: str) -> tuple[str | None, list[str]]:
        """(ISO3 of an exact key, candidates if the key is an ambiguous name)."""
        key = normalise_name(name)
        if key in self.ambiguous:
            return None, self.ambiguous[key]
        found = self.index.get(key) or self.compact.get(_compact(key))
        return found, []

    def resolve_strict(self, raw: object) -> str | None:
        """ISO3 for a name or code; None when unknown; AmbiguousCountry when several countries fit."""
        if raw is None:
            return None
        text = str(raw)
        for _ in range(2):
            text = html.unescape(text)
        text = text.strip()
        if not text:
            return None
        code = self._code(text)
        if code:
            return code
        found, candidates = self._lookup(text)
        if found:
            return found
        reordered, shortened = _forms(text)
        for tier in (reordered, shortened):
            hits = {self._lookup(form)[0] for form in tier} - {None}
            if len(hits) == 1:
                return hits.pop()
            if len(hits) > 1:
                raise AmbiguousCountry(text, sorted(hits), self.names)
            for form in tier:
                candidates = candidates or self._lookup(form)[1]
        if candidates:
            raise AmbiguousCountry(text, candidates, self.names)
        return None

    def resolve(self, raw: object) -> str | None:
        """ISO3 for a name or ISO2/ISO3/M49 code, or None when it cannot be resolved (or is ambiguous)."""
        try:
            return self.resolve_strict(raw)
        except AmbiguousCountry:
            return None

    def refusal(self, raw: object) -> str | None:
        """Why a name does not resolve, when it is ambiguous (the candidates), else None."""
        try:
            self.resolve_strict(raw)
        except AmbiguousCountry as error:
            return str(error)
        return None

    def _code(self, text: str) -> str | None:
        if re.fullmatch(r"[A-Z]{3}", text) and text in self.names:
            return text
        if re.fullmatch(r"\d{1,3}", text):  # UN M49 numeric code, as some SDMX files write it
            found = pycountry.countries.get(numeric=text.zfill(3))
            return found.alpha_3 if found else None
        if re.fullmatch(r"[A-Z]{2}", text):
            found = pycountry.countries.get(alpha_2=text)
            if found:
                return found.alpha_3
        return None

    def country_row(self, iso3: str) -> dict:
        name_en, name_ru, iso2 = self.names[iso3]
        return {"iso3": iso3, "iso2": iso2, "name_en": name_en, "name_ru": name_ru,
                "is_focus": iso3 in self.focus}


def _add_pycountry(resolver: CountryResolver) -> None:
    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"],
                                  fallback=True)
    for country in pycountry.countries:
        resolver.names[country.alpha_3] = (country.name,
                                           russian.gettext(country.name), country.alpha_2)
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                resolver.add(value, country.alpha_3)
                resolver.add(russian.gettext(value), country.alpha_3)
    russian3 = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["ru"],
                                   fallback=True)
    for country in pycountry.historic_countries:
        if country.alpha_3 in HISTORICAL_STATES:
            resolver.names.setdefault(country.alpha_3, (country.name, russian3.gettext(country.name),
                                                        getattr(country, "alpha_2", None)))
            resolver.add(country.name, country.alpha_3)


@lru_cache(maxsize=4)
def load_resolver(reference_dir: Path | None = None) -> CountryResolver:
    """Build the resolver; a bad line in a reference file raises InputError with file:line."""
    reference_dir = Path(reference_dir or reference_folder())
    resolver = CountryResolver()
    _add_pycountry(resolver)
    countries_file = Path(reference_dir) / "countries.csv"
    for line, row in read_csv_rows(countries_file, ["iso3", "name_en", "name_ru", "is_focus"]):
        iso3 = row["iso3"].strip()
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise InputError("reference/countries.csv", f"bad ISO3 code {iso3!r}", row=line,
                             column="iso3", expected="three capital letters")
        iso2 = resolver.names.get(iso3, (None, None, None))[2]
        resolver.names[iso3] = (row["name_en"].strip(), row["name_ru"].strip(), iso2)
        resolver.add(row["name_en"], iso3, override=True)
        resolver.add(row["name_ru"], iso3, override=True)
        if row["is_focus"].strip().lower() == "true":
            resolver.focus.add(iso3)
        year = (row.get("independence_year") or "").strip()
        if year:
            if not year.isdigit():
                raise InputError("reference/countries.csv", f"bad year {year!r}", row=line,
                                 column="independence_year", expected="a year such as 1991")
            resolver.independence[iso3] = int(year)
    # the ambiguous names first: a line of the alias file (the user's decision) overrides them
    _load_ambiguous(resolver, Path(reference_dir) / "country_ambiguous.csv")
    aliases_file = Path(reference_dir) / "country_aliases.csv"
    for line, row in read_csv_rows(aliases_file, ["alias", "iso3"]):
        iso3 = row["iso3"].strip()
        if iso3 not in resolver.names:
            raise InputError("reference/country_aliases.csv", f"unknown ISO3 code {iso3!r}",
                             row=line, column="iso3", expected="an ISO 3166 alpha-3 code")
        resolver.add(row["alias"], iso3, override=True)
        resolver.ambiguous.pop(normalise_name(row["alias"]), None)
    return resolver


def _load_ambiguous(resolver: CountryResolver, path: Path) -> None:
    """Names several countries are written as: they resolve only in a distinguishing form."""
    if not path.exists():
        return
    for line, row in read_csv_rows(path, ["name", "candidates"]):
        codes = row["candidates"].split()
        unknown = [code for code in codes if code not in resolver.names]
        if unknown or len(codes) < 2:
            raise InputError("reference/country_ambiguous.csv", f"bad candidates {row['candidates']!r}",
                             row=line, column="candidates",
                             expected="two or more known ISO3 codes separated by spaces")
        key = normalise_name(row["name"])
        resolver.ambiguous[key] = codes
        resolver.index.pop(key, None)
        resolver.compact.pop(_compact(key), None)
