"""Load and validate the indicator catalogue (data/catalogue/*.yml), with file:line errors.

Each YAML file is a list of entries:

    - code: vdem_core_civil_society          # unique, [a-z0-9_]
      name: {en: Core civil society index, ru: Индекс ...}
      theme: democratic_space                 # a code of data/reference/themes.csv
      type: outcome                           # structural | process | outcome
      unit: {en: "index, 0-1", ru: "индекс, 0–1"}
      scale: [0, 1]                           # [min, max]; null for an open end
      higher_is_better: true
      progress: absolute                      # growth | absolute | category | achieved | trend
      change_threshold: 0.05                  # change that counts (absolute; trend across zero)
      composite: true                         # composite index: an outcome-level proxy
      headline: true                          # the theme's headline indicator on overview cards
      source: vdem                            # publisher key
      publisher: V-Dem Institute
      licence: CC BY-SA 4.0
      definition: {en: "...", ru: "..."}
      feeds:                                  # which source columns/series feed it
        column: [v2xcs_ccsi]
        owid_header: ["Core civil society index (central estimate)"]
        open_sdg: ["16-3-2"]
        sdmx_series: [VC_VOV_DCMN]
        cutpoint: [v2xcs_ccsi]
        data360: [RSF_WPFI_SCORE]               # World Bank Data360 INDICATOR code
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from etl.errors import InputError
from etl.schemas import CatalogueEntry, validate
from settings import catalogue_dir

TYPES = {"structural", "process", "outcome"}
METHODS = ("growth", "absolute", "category", "achieved", "trend")   # the progress rules (indicators/progress.py)
FEED_KINDS = {"column", "owid_header", "open_sdg", "sdmx_series", "cutpoint", "data360"}
REQUIRED = ["code", "name", "theme", "type", "unit", "higher_is_better", "progress",
            "source", "publisher", "licence", "definition"]
CODE_PATTERN = re.compile(r"^[a-z0-9_]+$")


@dataclass
class Catalogue:
    """Catalogued indicators by code, and the feed index readers use."""

    entries: dict[str, dict] = field(default_factory=dict)
    feeds: dict[tuple[str, str], str] = field(default_factory=dict)

    def find(self, kind: str, key: str) -> str | None:
        """The indicator code fed by a source column or series, or None."""
        return self.feeds.get((kind, str(key).strip()))

    def rows(self) -> list[dict]:
        """Entries flattened into `indicator` table rows."""
        return [_as_row(entry) for entry in self.entries.values()]


def _line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _bilingual(entry: dict, key: str, where: str, line: int) -> dict:
    value = entry.get(key)
    if isinstance(value, str):
        return {"en": value, "ru": value}
    if not isinstance(value, dict) or not value.get("en"):
        raise InputError(where, f"'{key}' needs an English text", row=line, column=key,
                         expected="{en: ..., ru: ...}")
    return {"en": str(value["en"]), "ru": str(value.get("ru") or value["en"])}


def _validate(entry: dict, where: str, line: int, theme_codes: set[str], node: yaml.Node | None = None) -> dict:
    if not isinstance(entry, dict):
        raise InputError(where, "each catalogue entry must be a mapping", row=line)
    for key in REQUIRED:
        if key not in entry:
            raise InputError(where, f"catalogue entry lacks '{key}'", row=line, column=key)
    # the schema: unknown keys (a misspelt change_threshold), wrong types ("false" as a string) and
    # units cut at a comma are refused with the line of the key
    validate(CatalogueEntry, entry, node, where)
    code = str(entry["code"])
    if not CODE_PATTERN.match(code):
        raise InputError(where, f"bad indicator code {code!r}", row=line, column="code",
                         expected="lower-case letters, digits and _")
    if theme_codes and entry["theme"] not in theme_codes:
        raise InputError(where, f"unknown theme {entry['theme']!r} for {code}", row=line,
                         column="theme", expected=", ".join(sorted(theme_codes)))
    if entry["type"] not in TYPES:
        raise InputError(where, f"unknown type {entry['type']!r}", row=line, column="type",
                         expected=" | ".join(sorted(TYPES)))
    if entry["progress"] not in METHODS:
        raise InputError(where, f"unknown progress method {entry['progress']!r}", row=line,
                         column="progress", expected=" | ".join(METHODS))
    scale = entry.get("scale", [None, None])
    if not (isinstance(scale, list) and len(scale) == 2):
        raise InputError(where, "scale must be [min, max]", row=line, column="scale")
    feeds = entry.get("feeds") or {}
    for kind in feeds:
        if kind not in FEED_KINDS:
            raise InputError(where, f"unknown feed kind {kind!r}", row=line, column="feeds",
                             expected=" | ".join(sorted(FEED_KINDS)))
    clean = dict(entry)
    clean["code"] = code
    clean["name"] = _bilingual(entry, "name", where, line)
    clean["unit"] = _bilingual(entry, "unit", where, line)
    clean["definition"] = _bilingual(entry, "definition", where, line)
    clean["scale"] = scale
    clean["feeds"] = {kind: [str(k) for k in (keys or [])] for kind, keys in feeds.items()}
    return clean


def _as_row(entry: dict) -> dict:
    scale_min, scale_max = entry["scale"]
    return {
        "code": entry["code"], "name_en": entry["name"]["en"], "name_ru": entry["name"]["ru"],
        "theme_code": entry["theme"], "type": entry["type"],
        "unit": entry["unit"]["en"], "unit_ru": entry["unit"]["ru"],
        "scale_min": None if scale_min is None else float(scale_min),
        "scale_max": None if scale_max is None else float(scale_max),
        "higher_is_better": bool(entry["higher_is_better"]),
        "progress_method": entry["progress"],
        "change_threshold": (None if entry.get("change_threshold") is None
                             else float(entry["change_threshold"])),
        "is_composite": bool(entry.get("composite", False)),
        "is_headline": bool(entry.get("headline", False)),
        "catalogued": True, "source_id": entry["source"], "publisher": entry["publisher"],
        "licence": entry["licence"], "definition": entry["definition"]["en"],
    }



def load_catalogue(directory: Path | None = None, theme_codes: set[str] | None = None) -> Catalogue:
    """Read every *.yml in the folder; stop at the first invalid entry naming file and line."""
    directory = Path(directory or catalogue_dir())
    catalogue = Catalogue()
    for path in sorted(Path(directory).glob("*.yml")):
        where = f"{path.parent.name}/{path.name}"
        text = path.read_text(encoding="utf-8")
        try:
            root = yaml.compose(text)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise InputError(where, f"YAML syntax error: {getattr(error, 'problem', error)}",
                             row=None if mark is None else mark.line + 1) from None
        if data is None:
            continue
        if not isinstance(data, list):
            raise InputError(where, "the catalogue file must be a list of entries", row=1)
        for node, entry in zip(root.value, data):
            line = _line_of(node)
            clean = _validate(entry, where, line, theme_codes or set(), node)
            if clean["code"] in catalogue.entries:
                raise InputError(where, f"indicator code {clean['code']!r} is catalogued twice",
                                 row=line, column="code")
            catalogue.entries[clean["code"]] = clean
            for kind, keys in clean["feeds"].items():
                for key in keys:
                    if (kind, key) in catalogue.feeds:
                        raise InputError(where, f"{kind} {key!r} already feeds "
                                         f"{catalogue.feeds[(kind, key)]}", row=line, column="feeds")
                    catalogue.feeds[(kind, key)] = clean["code"]
    return catalogue
