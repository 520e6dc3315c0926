"""The one definition of direction: a progress status -> better, worse, stable or unknown."""
from __future__ import annotations

from i18n import t

DIRECTIONS = ("better", "worse", "stable", "unknown")

DIRECTION_OF_STATUS = {
    # growth (open-sdg progress measure)
    "target_achieved": "better", "on_track": "better", "fair_progress": "better",
    "limited_progress": "stable", "deterioration": "worse",
    # bounded indices and categories (publisher cut-points, any change of category)
    "improvement": "better", "no_significant_change": "stable",
    # structural (what was newly achieved inside the cycle)
    "newly_achieved": "better", "achieved": "stable", "not_achieved": "stable",
    "no_new_commitment": "stable", "reversed": "worse",
    # ambiguous direction: a trend is described, never judged
    "rising": "unknown", "falling": "unknown",
    "unable_to_assess": "unknown",
}


def direction_of(status: str | None) -> str:
    """Direction code of a progress status; every page, chart and export that says better/worse uses it."""
    return DIRECTION_OF_STATUS.get(status or "", "unknown")


def direction_labels(lang: str | None = None) -> dict[str, str]:
    """Direction code -> words in `lang`."""
    return {
        "better": t("Better", lang),
        "worse": t("Worse", lang),
        "stable": t("Little or no change", lang),
        "unknown": t("Direction not assessed", lang),
    }
