"""The deck's optional house style: a logo and a colour set read from a small YAML file (never executed)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from exports.slide_layout import DEMO_COLOUR_RGB, MUTED_COLOUR_RGB, TEXT_COLOUR_RGB
from settings import DEFAULT_DECK_CONFIG, deck_config_given

COLOUR_NAMES = ("text", "muted", "accent")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_LOGO_BYTES = 2_000_000
HEX_COLOUR = re.compile(r"^#?([0-9A-Fa-f]{6})$")

RGB = tuple[int, int, int]


class DeckStyleError(ValueError):
    """The style file is unreadable or holds a value it may not (message names file and key)."""


@dataclass(frozen=True)
class DeckStyle:
    """Colours of the deck's text, muted notes and accent bar, and an optional logo (PNG/JPEG bytes)."""

    text: RGB = TEXT_COLOUR_RGB
    muted: RGB = MUTED_COLOUR_RGB
    accent: RGB | None = None
    logo: bytes | None = None
    demo: RGB = DEMO_COLOUR_RGB      # the demonstration note keeps its warning red whatever the house style


def _colour(value, path: Path, name: str) -> RGB:
    match = HEX_COLOUR.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise DeckStyleError(f"{path}: colours.{name}: expected a colour like '#1F2A44', got {value!r}")
    digits = match.group(1)
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def _logo(value, path: Path) -> bytes:
    if not isinstance(value, str) or not value.strip():
        raise DeckStyleError(f"{path}: logo: expected the path of a PNG or JPEG file, got {value!r}")
    logo_path = (path.parent / value.strip()).resolve()
    if logo_path.suffix.lower() not in LOGO_SUFFIXES:
        raise DeckStyleError(f"{path}: logo: {value!r} is not a .png, .jpg or .jpeg file")
    if not logo_path.is_file():
        raise DeckStyleError(f"{path}: logo: no file at {logo_path}")
    data = logo_path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise DeckStyleError(f"{path}: logo: {value!r} is larger than {MAX_LOGO_BYTES:,} bytes")
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise DeckStyleError(f"{path}: logo: {value!r} is not a PNG or JPEG image")
    return data


def parse_style(text: str, path: Path) -> DeckStyle:
    """The style in YAML `text` (keys: logo, colours: text/muted/accent); unknown keys are an error."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise DeckStyleError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise DeckStyleError(f"{path}: expected a mapping with 'logo' and/or 'colours'")
    unknown = sorted(set(data) - {"logo", "colours"})
    if unknown:
        raise DeckStyleError(f"{path}: unknown key(s) {', '.join(map(str, unknown))}; allowed: logo, colours")
    colours = data.get("colours") or {}
    if not isinstance(colours, dict):
        raise DeckStyleError(f"{path}: colours: expected a mapping of {', '.join(COLOUR_NAMES)}")
    unknown = sorted(set(colours) - set(COLOUR_NAMES))
    if unknown:
        raise DeckStyleError(f"{path}: colours: unknown key(s) {', '.join(map(str, unknown))}; "
                             f"allowed: {', '.join(COLOUR_NAMES)}")
    chosen = {name: _colour(value, path, name) for name, value in colours.items()}
    logo = _logo(data["logo"], path) if data.get("logo") is not None else None
    return DeckStyle(**chosen, logo=logo)


def config_path() -> Path | None:
    """The style file in use: $ROCA_DECK_CONFIG (must exist), else data/deck.yml when present, else None."""
    named = deck_config_given()
    if named:
        return named
    return DEFAULT_DECK_CONFIG if DEFAULT_DECK_CONFIG.is_file() else None


def load_style(path: Path | None = None) -> DeckStyle:
    """The house style from `path` (default: config_path()); the plain default style when there is none."""
    path = path or config_path()
    if path is None:
        return DeckStyle()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DeckStyleError(f"{path}: cannot read the deck style file: {error}") from error
    return parse_style(text, Path(path))
