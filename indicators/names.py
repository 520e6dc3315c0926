"""Code -> localised name maps of the warehouse's countries, themes and cycles (built with dict(zip))."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from i18n import t
from i18n.language import DEFAULT_LANGUAGE, resolve_language


def mechanism_words(lang: str | None = None) -> dict[str, str]:
    """Mechanism code -> its name in `lang`."""
    return {"upr": t("Universal Periodic Review", lang), "treaty_body": t("Treaty bodies", lang),
            "special_procedure": t("Special procedures", lang)}


def _text(value) -> str:
    """The value as text; '' when it is missing or blank."""
    if isinstance(value, str):
        return value if value.strip() else ""
    return "" if value is None or pd.isna(value) else str(value)


def localized_names(english, native, lang: str | None) -> list[str]:
    """Per row, the `native` (Russian) name when the language is Russian and it is not blank, else the
    English one, else '': `i18n.localized` over whole columns."""
    if resolve_language(lang) == DEFAULT_LANGUAGE:
        return [_text(name) for name in english]
    return [_text(own) or _text(other) for other, own in zip(english, native)]


def names_by_code(codes, english, native, lang: str | None, or_code: bool = False) -> dict[str, str]:
    """code -> the `native` (Russian) name when the language is Russian and it is not blank, else the
    English one; when that is blank too, '' (or the code itself with `or_code`): `i18n.localized` over
    whole columns."""
    codes = list(codes)
    names = localized_names(english, native, lang)
    if or_code:
        return {code: name or str(code) for code, name in zip(codes, names)}
    return dict(zip(codes, names))


def frame_names(frame: pd.DataFrame, code: str, lang: str | None, field: str = "name",
                english: str | None = None, or_code: bool = False) -> dict[str, str]:
    """code -> localised `field` of a frame with `{field}_ru` and `{field}_en` (or `english`) columns."""
    return names_by_code(frame[code].tolist(), frame[english or f"{field}_en"].tolist(),
                         frame[f"{field}_ru"].tolist(), lang, or_code)


def cycle_frame_names(cycles: pd.DataFrame, lang: str | None) -> dict[str, str]:
    """cycle code -> localised name (the cycle table has `name` and `name_ru`)."""
    return frame_names(cycles, "code", lang, english="name")


@dataclass(frozen=True)
class NameMaps:
    """The names a page shows for codes, in one language: countries (every choosable one), themes and
    cycles, each in the warehouse's order; cycle code -> kind."""

    lang: str
    countries: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    cycles: dict[str, str] = field(default_factory=dict)
    cycle_kinds: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_frames(cls, countries: pd.DataFrame, themes: pd.DataFrame, cycles: pd.DataFrame,
                    lang: str) -> "NameMaps":
        """From the filter_choices_countries / _themes / _cycles frames."""
        return cls(lang=lang, countries=frame_names(countries, "iso3", lang), themes=frame_names(themes, "code", lang),
                   cycles=cycle_frame_names(cycles, lang), cycle_kinds=dict(zip(cycles["code"], cycles["kind"])))

    def cycles_of_kind(self, kind: str) -> dict[str, str]:
        """code -> name of the cycles of one kind, in order."""
        return {code: name for code, name in self.cycles.items() if self.cycle_kinds.get(code) == kind}
