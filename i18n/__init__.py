"""Translation layer: every user-visible string goes through t(); locale-aware formatting."""
from i18n.formatting import format_date, format_number, format_percent, format_year_range
from i18n.language import LANGUAGES, current_language, set_language
from i18n.translate import localized, t

__all__ = [
    "LANGUAGES",
    "current_language",
    "format_date",
    "format_number",
    "format_percent",
    "format_year_range",
    "localized",
    "set_language",
    "t",
]
