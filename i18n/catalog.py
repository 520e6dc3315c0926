"""Loads the gettext .po catalogues into msgid -> translation lookups."""
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).parent / "locales"


def po_path(lang: str) -> Path:
    """Where the catalogue of `lang` lives."""
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


def read_catalog(path: Path | str) -> Catalog:
    """Parse a .po file (fresh, not cached)."""
    with open(path, "rb") as po_file:
        return read_po(po_file)


def translated_strings(catalog: Catalog) -> dict[str, str]:
    """msgid -> msgstr for every entry with a non-empty, non-fuzzy translation."""
    return {
        message.id: message.string
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


@lru_cache(maxsize=8)
def _cached_translations(path: str) -> dict[str, str]:
    if not Path(path).exists():
        return {}
    return translated_strings(read_catalog(path))


def translations(lang: str) -> dict[str, str]:
    """Cached msgid -> translation of `lang` (empty for English or a missing catalogue)."""
    return _cached_translations(str(po_path(lang)))
