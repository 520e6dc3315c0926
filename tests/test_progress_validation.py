"""The progress method against the validation set of dated episodes and stable periods, on the real files."""
from __future__ import annotations

import pandas as pd

from indicators.progress_cli import progress_csv_frame
from indicators.progress_validation import agreement_table, evaluate, read_episodes, status_shares
from indicators.queries import run_query
from indicators.warehouse import warehouse_key

COUNTRIES = {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "AZE", "MNG", "RUS"}   # the five and the comparators


def test_validation_set_is_complete_and_cited():
    episodes = read_episodes()
    assert episodes["id"].is_unique
    assert set(episodes["country_iso3"]) <= COUNTRIES
    assert set(episodes["kind"]) == {"episode", "stable"}
    dated = episodes[episodes["kind"] == "episode"]
    assert len(dated) >= 25 and set(dated["expected_direction"]) == {"better", "worse"}
    assert len(dated[dated["country_iso3"].isin(["KAZ", "KGZ", "TJK", "TKM", "UZB"])]) >= 15
    stable = episodes[episodes["kind"] == "stable"]
    assert len(stable) >= 10 and set(stable["expected_direction"]) == {"stable"}
    assert (episodes["start_year"] < episodes["end_year"]).all()
    assert episodes["citation"].str.strip().str.len().gt(20).all()
    assert episodes["what_happened"].str.strip().str.len().gt(10).all()


def test_method_agrees_with_the_publishers_on_the_real_files(real_warehouse):
    key = warehouse_key(real_warehouse)
    episodes = read_episodes()
    observations = run_query("progress_validation_observations", key,
                             countries=sorted(set(episodes["country_iso3"])),
                             indicators=sorted(set(episodes["indicator_code"])))
    indicators = run_query("progress_indicators", key, theme=None, indicators=None)
    evaluated = evaluate(episodes, observations, indicators)
    # every row is assessed on real values: its years are in the files
    assert evaluated["status"].notna().all() and not evaluated["status"].eq("unable_to_assess").any()
    assert set(evaluated["method"]) == {"absolute", "category", "achieved"}
    table = agreement_table(evaluated)
    print("\n" + table.to_string(index=False))
    print(evaluated.loc[~evaluated["agrees"], ["id", "expected_direction", "status", "note"]].to_string(index=False))
    total = table[table["method"] == "all"].iloc[0]
    assert total["rows"] == len(episodes) and total["share"] >= 0.9
    assert (table["share"] >= 0.8).all()


def test_status_shares_on_the_real_warehouse(real_warehouse):
    assessed = progress_csv_frame(real_warehouse, [], [], [])       # every cycle, the five countries
    shares = status_shares(assessed)
    print("\n" + shares.to_string(index=False))
    assert set(assessed["country_iso3"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    for _, group in shares.groupby("method"):
        assert abs(group["share"].sum() - 1) < 0.01
    # the fault this method replaces: 96 % of index assessments read "no significant change"
    indices = assessed[(assessed["method"] == "absolute") & (assessed["status"] != "unable_to_assess")]
    quiet = (indices["status"] == "no_significant_change").mean()
    assert 0 < quiet < 0.9
    assert pd.Series(assessed["direction"]).isin(["better", "worse", "stable", "unknown"]).all()
