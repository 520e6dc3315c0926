"""The interface language of the current session, held in a context variable."""
from contextvars import ContextVar

LANGUAGES = {"en": "English", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"

_current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT_LANGUAGE)


def normalize_language(lang: object) -> str:
    """Return a supported language code for `lang` ('ru', 'RU', 'ru-RU' -> 'ru'); anything else -> 'en'."""
    if isinstance(lang, str) and lang in LANGUAGES:     # the usual case, asked for by every t() call
        return lang
    if not isinstance(lang, str):
        return DEFAULT_LANGUAGE
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: object) -> str:
    """Make `lang` the language of the current context; returns the code actually set."""
    code = normalize_language(lang)
    _current_language.set(code)
    return code


def current_language() -> str:
    """The language of the current context ('en' unless set)."""
    return _current_language.get()


def resolve_language(lang: object | None) -> str:
    """`lang` normalised when given, else the current language."""
    return current_language() if lang is None else normalize_language(lang)
