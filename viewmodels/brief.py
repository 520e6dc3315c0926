"""Words of the PDF country brief: direction codes in the reader's language (viewmodels.brief_facts)."""
from __future__ import annotations

from indicators.direction import direction_labels


def direction_words(lang: str | None = None) -> dict[str, str]:
    """Direction code (indicators.direction) -> words in `lang`."""
    return direction_labels(lang)
