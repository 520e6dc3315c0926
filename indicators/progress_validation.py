"""Checks the progress method against a validation set of dated episodes and stable periods."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.progress import assess_frame

EPISODES = Path(__file__).resolve().parents[1] / "tests" / "validation" / "progress_episodes.csv"
EPISODE_COLUMNS = ["id", "country_iso3", "indicator_code", "start_year", "end_year", "expected_direction",
                   "kind", "what_happened", "citation"]


def read_episodes(path: Path = EPISODES) -> pd.DataFrame:
    """The validation set (one row per episode or stable period, each with its citation)."""
    episodes = pd.read_csv(path, dtype={"start_year": int, "end_year": int})
    if list(episodes.columns) != EPISODE_COLUMNS:
        raise ValueError(f"{path.name}: columns {list(episodes.columns)}, expected {EPISODE_COLUMNS}")
    return episodes


def evaluate(episodes: pd.DataFrame, observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Each episode with the method's status and direction over its years (start year = baseline year).

    observations: progress_validation_observations; indicators: progress_indicators.
    """
    cycles = pd.DataFrame({"code": episodes["id"],
                           "start_date": pd.to_datetime(episodes["start_year"].astype(str) + "-01-01"),
                           "end_date": pd.to_datetime(episodes["end_year"].astype(str) + "-12-31")})
    assessed = assess_frame(observations, indicators, cycles)
    found = assessed.rename(columns={"cycle_code": "id"}).merge(
        episodes[["id", "country_iso3", "indicator_code"]], on=["id", "country_iso3", "indicator_code"])
    result = episodes.merge(found[["id", "method", "status", "direction", "baseline_year", "baseline_value",
                                   "latest_year", "latest_value", "note"]], on="id", how="left")
    result["agrees"] = result["direction"] == result["expected_direction"]
    return result


def agreement_table(evaluated: pd.DataFrame) -> pd.DataFrame:
    """Per method and kind (episode / stable period): rows, agreeing rows, share agreeing; a total row."""
    groups = evaluated.groupby(["method", "kind"], dropna=False)["agrees"]
    table = pd.DataFrame({"rows": groups.size(), "agree": groups.sum()}).reset_index()
    total = pd.DataFrame([{"method": "all", "kind": "all", "rows": len(evaluated),
                           "agree": int(evaluated["agrees"].sum())}])
    table = pd.concat([table, total], ignore_index=True)
    table["share"] = (table["agree"] / table["rows"]).round(3)
    return table


def status_shares(assessments: pd.DataFrame) -> pd.DataFrame:
    """Share of each status among assessments, per method and overall (columns method, status, rows, share)."""
    per_method = assessments.groupby(["method", "status"]).size().rename("rows").reset_index()
    per_method["share"] = per_method["rows"] / per_method.groupby("method")["rows"].transform("sum")
    overall = assessments.groupby("status").size().rename("rows").reset_index().assign(method="all")
    overall["share"] = overall["rows"] / overall["rows"].sum()
    table = pd.concat([per_method, overall], ignore_index=True)[["method", "status", "rows", "share"]]
    table["share"] = table["share"].round(3)
    return table
