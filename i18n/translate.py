"""The translation function t() and localized() for warehouse names."""
import math
from collections.abc import Mapping
from typing import Any

from i18n.catalog import translations
from i18n.language import DEFAULT_LANGUAGE, resolve_language

translations("ru")  # load and cache the catalogue at import


def t(text: str, lang: str | None = None, **values: Any) -> str:
    """Translate the English msgid `text` into `lang` (default: current), then .format(**values)."""
    code = resolve_language(lang)
    translated = text if code == DEFAULT_LANGUAGE else translations(code).get(text, text)
    if not values:
        return translated
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return text.format(**values)


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        if value != value:  # pandas NA / NaT
            return True
    except (TypeError, ValueError):
        return True
    return isinstance(value, str) and not value.strip()


def _field(row: Any, key: str) -> Any:
    if isinstance(row, Mapping) or (hasattr(row, "__getitem__") and not isinstance(row, tuple)):
        try:
            return row[key]
        except (KeyError, IndexError, TypeError):
            pass
    return getattr(row, key, None)


def localized(row: Any, field: str, lang: str | None = None) -> str:
    """row[f'{field}_ru'] when the language is Russian and it is non-empty, else row[f'{field}_en']."""
    code = resolve_language(lang)
    if code != DEFAULT_LANGUAGE:
        native = _field(row, f"{field}_{code}")
        if not _is_blank(native):
            return str(native)
    english = _field(row, f"{field}_{DEFAULT_LANGUAGE}")
    return "" if _is_blank(english) else str(english)
