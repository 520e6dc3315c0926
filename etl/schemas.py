"""Strict schemas (pydantic) of the indicator catalogue and sources.yml; errors name file and line."""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError, field_validator

from etl.errors import InputError

CODE_PATTERN = r"^[a-z0-9_]+$"
# a unit is words, digits and the usual signs; a YAML flow mapping cut at a comma leaves a key such
# as "000 population" (refused as an unknown key) or a unit that ends in a bare number
UNIT_PATTERN = re.compile(r"^[^\s].*$")
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class Bilingual(BaseModel):
    """A text in English (required) and Russian (falls back to the English)."""

    model_config = STRICT
    en: StrictStr = Field(min_length=1)
    ru: StrictStr | None = None


class Unit(Bilingual):
    """A unit text, kept whole ("per 100,000 population")."""

    @field_validator("en", "ru")
    @classmethod
    def _whole(cls, text: str | None) -> str | None:
        if text is None:
            return text
        if not UNIT_PATTERN.match(text) or re.search(r"\bper \d{1,3}$", text):
            raise ValueError(f"unit {text!r} looks cut short (quote a unit that contains a comma)")
        return text


class Feeds(BaseModel):
    """Which source columns or series feed an indicator."""

    model_config = STRICT
    column: list[StrictStr] = []
    owid_header: list[StrictStr] = []
    open_sdg: list[StrictStr] = []
    sdmx_series: list[StrictStr] = []
    cutpoint: list[StrictStr] = []
    data360: list[StrictStr] = []


class CatalogueEntry(BaseModel):
    """One indicator of data/catalogue/*.yml. Unknown keys and wrong types are refused."""

    model_config = STRICT
    code: StrictStr = Field(pattern=CODE_PATTERN)
    name: Bilingual | StrictStr
    theme: StrictStr
    type: Literal["structural", "process", "outcome"]
    unit: Unit | StrictStr
    scale: list[float | None] = Field(default=[None, None], min_length=2, max_length=2)
    higher_is_better: StrictBool
    progress: StrictStr
    change_threshold: float | None = None
    composite: StrictBool = False
    headline: StrictBool = False
    source: StrictStr
    publisher: StrictStr
    licence: StrictStr
    definition: Bilingual | StrictStr
    feeds: Feeds = Feeds()

    @field_validator("unit", mode="before")
    @classmethod
    def _unit_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            Unit(en=value)            # the same checks as the bilingual form
        return value


def _web_address(text: str | None) -> str | None:
    """An http(s) address with a host and no spaces; ValueError otherwise."""
    if text is None:
        return text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or any(c.isspace() for c in text):
        raise ValueError(f"{text!r} is not a web address (expected https://host/path)")
    return text


class SourceEntry(BaseModel):
    """One entry of sources.yml: `demo: true`, or `path:` with options and, optionally, its own
    provenance (publisher and licence together, web address, access date, citation)."""

    model_config = STRICT
    demo: StrictBool = False
    path: StrictStr | None = None
    country: StrictStr | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    format: StrictStr | None = None
    publisher: StrictStr | None = Field(default=None, min_length=1)
    licence: StrictStr | None = Field(default=None, min_length=1)
    url: StrictStr | None = None
    accessed: date | None = None                                    # YYYY-MM-DD (a YAML date)
    citation: StrictStr | None = Field(default=None, min_length=1)
    session: StrictInt | None = Field(default=None, ge=1)           # a renamed OHCHR thematic list
    columns: dict[StrictStr, StrictStr] | None = None               # another UPR Info column layout

    @field_validator("url")
    @classmethod
    def _url(cls, text: str | None) -> str | None:
        return _web_address(text)


class PublisherEntry(BaseModel):
    """One entry of the `publishers:` list of sources.yml: who published the files a reader (`format`)
    loads, optionally only those whose name matches `files` (a glob), under which licence, where."""

    model_config = STRICT
    format: StrictStr = Field(min_length=1)
    files: StrictStr | None = Field(default=None, min_length=1)
    publisher: StrictStr = Field(min_length=1)
    licence: StrictStr = Field(min_length=1)
    url: StrictStr | None = None
    accessed: date | None = None
    citation: StrictStr | None = Field(default=None, min_length=1)

    @field_validator("url")
    @classmethod
    def _url(cls, text: str | None) -> str | None:
        return _web_address(text)


class YamlLoader(yaml.SafeLoader):
    """yaml.SafeLoader that keeps an impossible date (2024-02-30) as its text, so that the schema
    refuses it with its line instead of the YAML library raising without one."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", YamlLoader.construct_yaml_timestamp)


def load_yaml(text: str) -> Any:
    """The data of a YAML text (safe: plain data only), impossible dates kept as text."""
    return yaml.load(text, Loader=YamlLoader)   # noqa: S506 - a SafeLoader subclass


def read_yaml_file(path) -> tuple[str, Any]:
    """(text, data) of a YAML file; InputError naming the file (and the line of a syntax error)."""
    where = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(where, f"cannot read the sources file: {error.strerror}") from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(where, f"YAML syntax error: {getattr(error, 'problem', error)}",
                         row=None if mark is None else mark.line + 1) from None
    return text, data


def node_line(node: yaml.Node | None, location: tuple) -> int | None:
    """The line (1-based) of the YAML node at `location` (keys and list indexes), or of the deepest
    node found on the way."""
    line = None if node is None else node.start_mark.line + 1
    for part in location:
        if isinstance(node, yaml.MappingNode):
            found = next(((key, value) for key, value in node.value if key.value == str(part)), None)
            if found is None:
                break
            node = found[1]
            line = found[0].start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _message(error: dict) -> tuple[str, tuple]:
    """A short message and the YAML location (the pydantic union/type tags removed)."""
    location = tuple(part for part in error["loc"]
                     if not (isinstance(part, str) and (part[:1].isupper() or part in
                             ("str", "bool", "float", "int", "date", "list[str]",
                              "function-after[_whole(), Unit]"))))
    key = ".".join(str(part) for part in location) or "entry"
    if error["type"] == "extra_forbidden":
        return f"unknown key {key!r}", location
    if error["type"] == "missing":
        return f"'{key}' is required", location
    given = error.get("input")
    shown = f" (given {given!r})" if not isinstance(given, (dict, list)) else ""
    return f"{key}: {error['msg']}{shown}", location


def validate(model: type[BaseModel], data: Any, node: yaml.Node, where: str) -> BaseModel:
    """`data` as `model`, or InputError naming `where`, the line of the offending key, and the key."""
    try:
        return model.model_validate(data)
    except ValidationError as failure:
        errors = sorted(failure.errors(include_url=False), key=lambda e: len(e["loc"]), reverse=True)
        message, location = _message(errors[0])
        column = ".".join(str(part) for part in location) or None
        raise InputError(where, message, row=node_line(node, location), column=column) from None
