"""Locale-aware numbers, percentages, dates and year ranges, formatted by Babel."""
import copy
import functools
import datetime
import numbers
from typing import Any

import pandas as pd
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import NumberPattern, parse_pattern

from i18n.language import resolve_language

MISSING = "–"


def is_missing(value: Any) -> bool:
    """True for None, NaN, pandas NA/NaT."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@functools.lru_cache(maxsize=8)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


@functools.lru_cache(maxsize=64)
def _pattern_with_decimals(pattern_text: str, decimals: int | None) -> NumberPattern:
    """The parsed pattern (cached: parsing it took most of a number's formatting; NumberPattern.apply leaves
    it unchanged)."""
    pattern = copy.copy(parse_pattern(pattern_text))
    if decimals is not None:
        pattern.frac_prec = (decimals, decimals)
    return pattern


def _rounded(value: float, decimals: int | None) -> float:
    """Round so that e.g. -0.004 with 2 decimals prints as 0.00, not -0.00."""
    if decimals is None or isinstance(value, numbers.Integral):
        return value
    rounded = round(float(value), decimals)
    return 0.0 if rounded == 0 else rounded


def format_number(value: Any, lang: str | None = None, decimals: int | None = None) -> str:
    """'1,234,567.5' (en) / '1 234 567,5' (ru); `decimals` fixes the digits after the separator."""
    if is_missing(value):
        return MISSING
    locale = _locale(resolve_language(lang))
    number = int(value) if isinstance(value, numbers.Integral) else value
    pattern = _pattern_with_decimals(locale.decimal_formats[None].pattern, decimals)
    return pattern.apply(_rounded(number, decimals), locale)


def format_percent(share: Any, lang: str | None = None, decimals: int = 0) -> str:
    """A share (0.425) as a percentage: '42.5%' style per locale, with `decimals` digits."""
    if is_missing(share):
        return MISSING
    locale = _locale(resolve_language(lang))
    pattern = _pattern_with_decimals(locale.percent_formats[None].pattern, decimals)
    return pattern.apply(_rounded(float(share), decimals + 2), locale)


def _as_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return pd.Timestamp(value).date()


def format_date(date: Any, lang: str | None = None, format: str = "medium") -> str:
    """A date in the locale's 'short'/'medium'/'long'/'full' form (or a Babel pattern)."""
    if is_missing(date):
        return MISSING
    return babel_format_date(_as_date(date), format=format, locale=resolve_language(lang))


def _year(value: Any) -> int | None:
    return None if is_missing(value) else int(value)


def format_year_range(start: Any, end: Any) -> str:
    """'2018–2021'; a single year when both are equal or one is missing; '–' when both are."""
    first, last = _year(start), _year(end)
    if first is None and last is None:
        return MISSING
    if first is None or last is None or first == last:
        return str(first if last is None else last)
    return f"{first}–{last}"
