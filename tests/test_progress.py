"""Tests of the progress method on hand-computed cases."""
import pandas as pd
import pytest

from indicators.progress import (METHOD_EXPLANATION, NOTES, OUTPUT_COLUMNS, STATUSES, assess,
                                 assess_frame, cycle_points, method_explanation, note_text)


def test_growth_ten_percent_a_year_is_on_track():
    result = assess([(2010, 10.0), (2012, 12.1)], "growth", higher_is_better=True)
    assert result.status == "on_track"
    assert result.annual_rate == pytest.approx(0.10)
    assert result.change == pytest.approx(2.1)
    assert (result.baseline_year, result.latest_year, result.n_points) == (2010, 2012, 2)


def test_growth_direction_flips_when_lower_is_better():
    result = assess([(2010, 10.0), (2012, 12.1)], "growth", higher_is_better=False)
    assert result.status == "deterioration"
    assert result.annual_rate == pytest.approx(-0.10)


@pytest.mark.parametrize("latest, expected", [
    (100 * 1.015 ** 4, "on_track"),            # exactly 1.5 %/yr
    (100 * 1.01 ** 4, "fair_progress"),        # 1 %/yr
    (100 * 1.005 ** 4, "fair_progress"),       # exactly 0.5 %/yr
    (100 * 1.002 ** 4, "limited_progress"),    # 0.2 %/yr
    (100.0, "limited_progress"),               # 0 %/yr
    (99.0, "deterioration"),
])
def test_growth_thresholds_without_target(latest, expected):
    assert assess([(2016, 100.0), (2020, latest)], "growth", True).status == expected


def test_growth_against_a_target():
    # needed: 100 -> 121 in 2 years = 10 %/yr; observed 100 -> 110 in 2 years = 4.88 %/yr, ratio 0.488
    points = [(2018, 100.0), (2019, 105.0), (2020, 110.0)]
    result = assess(points, "growth", True, target=121.0, target_year=2020)
    assert result.status == "limited_progress"
    on_pace = assess([(2018, 100.0), (2020, 110.0)], "growth", True, target=121.0, target_year=2022)
    assert on_pace.status == "on_track"   # needed 4.88 %/yr, observed 4.88 %/yr
    reached = assess([(2018, 100.0), (2020, 125.0)], "growth", True, target=121.0, target_year=2022)
    assert reached.status == "target_achieved"


def test_growth_target_for_lower_is_better():
    # halve 40 -> 20 by 2030 from 2020 (needed -6.7 %/yr); 40 -> 30 in 2 years is -13.4 %/yr: on track
    result = assess([(2020, 40.0), (2022, 30.0)], "growth", False, target=20.0, target_year=2030)
    assert result.status == "on_track"
    worse = assess([(2020, 40.0), (2022, 44.0)], "growth", False, target=20.0, target_year=2030)
    assert worse.status == "deterioration"


def test_absolute_change_over_threshold_is_deterioration():
    result = assess([(2010, 0.50), (2012, 0.40)], "absolute", True, change_threshold=0.04)
    assert result.status == "deterioration"
    assert result.annual_rate == pytest.approx(-0.05)
    assert result.change == pytest.approx(-0.10)


def test_absolute_small_change_is_not_significant_and_direction_matters():
    small = assess([(2010, 0.50), (2012, 0.46)], "absolute", True, change_threshold=0.04)
    assert small.status == "no_significant_change"     # -0.02 a year
    falling_good = assess([(2010, 0.50), (2012, 0.40)], "absolute", False, change_threshold=0.04)
    assert falling_good.status == "improvement"
    on_threshold = assess([(2010, 0.50), (2012, 0.58)], "absolute", True, change_threshold=0.04)
    assert on_threshold.status == "improvement"


def test_single_point_or_same_year_is_unable_to_assess():
    single = assess([(2015, 3.0)], "growth", True)
    assert single.status == "unable_to_assess"
    assert single.note == NOTES["too_few"]
    assert assess([], "absolute", True, 0.1).status == "unable_to_assess"
    assert assess([(2015, 3.0), (2015, 4.0)], "growth", True).status == "unable_to_assess"


def test_series_crossing_zero_falls_back_to_absolute_or_cannot_be_assessed():
    points = [(2010, -0.5), (2011, 0.1), (2012, 0.3)]
    fallback = assess(points, "growth", True, change_threshold=0.2)
    assert fallback.status == "improvement"              # +0.4 a year
    assert NOTES["cagr_invalid"] in fallback.note and NOTES["fallback"] in fallback.note
    without_threshold = assess(points, "growth", True)
    assert without_threshold.status == "unable_to_assess"
    assert without_threshold.annual_rate is None
    assert NOTES["cagr_invalid"] in without_threshold.note


def test_structural_indicator_is_achieved_or_not():
    assert assess([(2008, 1.0)], "achieved", None).status == "achieved"
    assert assess([(2008, 1.0), (2012, 0.0)], "achieved", True).status == "not_achieved"


def test_missing_direction_and_threshold_are_explained():
    assert assess([(2010, 1.0), (2012, 2.0)], "growth", None).note.endswith(NOTES["no_direction"])
    assert assess([(2010, 0.1), (2012, 0.2)], "absolute", True).status == "unable_to_assess"


def test_limits_are_noted():
    result = assess([(2010, 10.0), (2011, 11.0), (2014, 12.0)], "growth", True)
    assert result.note == NOTES["gaps"]
    short = assess([(2010, 10.0), (2011, 11.0)], "growth", True)
    assert short.note == NOTES["short"]


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown progress method"):
        assess([(2010, 1.0), (2011, 2.0)], "trend", True)


def test_cycle_points_take_baseline_before_start_and_points_inside():
    points = [(2010, 1.0), (2016, 2.0), (2018, 3.0), (2021, 4.0), (2023, 5.0)]
    assert cycle_points(points, 2017, 2022) == [(2016, 2.0), (2018, 3.0), (2021, 4.0)]
    assert cycle_points(points[3:], 2017, 2022) == [(2021, 4.0)]


def test_assess_frame_by_cycle():
    observations = pd.DataFrame({
        "indicator_code": ["idx"] * 4 + ["law"],
        "country_iso3": ["KAZ"] * 4 + ["UZB"],
        "year": [2016, 2018, 2022, 2024, 2010],
        "value": [0.50, 0.45, 0.40, 0.60, 1.0],
    })
    indicators = pd.DataFrame({
        "code": ["idx", "law"], "progress_method": ["absolute", "achieved"],
        "higher_is_better": [True, True], "change_threshold": [0.01, None],
    })
    cycles = pd.DataFrame({
        "code": ["upr-3", "omp-2024-2027"], "kind": ["upr", "programming"], "name": ["c3", "omp"],
        "start_date": ["2017-05-01", "2024-01-01"], "end_date": ["2022-02-04", "2027-12-31"],
    })
    result = assess_frame(observations, indicators, cycles)
    assert list(result.columns) == OUTPUT_COLUMNS
    row = result[(result.indicator_code == "idx") & (result.cycle_code == "upr-3")].iloc[0]
    assert (row.baseline_year, row.latest_year, row.n_points) == (2016, 2022, 3)
    assert row.change == pytest.approx(-0.10)
    assert row.annual_rate == pytest.approx(-0.10 / 6)
    assert row.status == "deterioration"
    next_cycle = result[(result.indicator_code == "idx") & (result.cycle_code == "omp-2024-2027")].iloc[0]
    assert (next_cycle.baseline_year, next_cycle.latest_year) == (2024, 2024)   # one value only
    assert next_cycle.status == "unable_to_assess"
    assert next_cycle.note == NOTES["too_few"]
    law = result[result.indicator_code == "law"].set_index("cycle_code")["status"].to_dict()
    assert law == {"upr-3": "achieved", "omp-2024-2027": "achieved"}


def test_assess_frame_without_data_in_the_cycle():
    observations = pd.DataFrame({"indicator_code": ["idx"], "country_iso3": ["KGZ"], "year": [2012],
                                 "value": [0.3]})
    indicators = pd.DataFrame({"code": ["idx"], "progress_method": ["growth"],
                               "higher_is_better": [True], "change_threshold": [None]})
    cycles = pd.DataFrame({"code": ["upr-3"], "start_date": ["2017-05-01"], "end_date": ["2022-02-04"]})
    row = assess_frame(observations, indicators, cycles).iloc[0]
    assert row.status == "unable_to_assess"
    assert row.note == NOTES["no_data"]


def test_statuses_have_words_and_distinct_colours_for_opposite_meanings():
    assert list(STATUSES)[-1] == "unable_to_assess"
    assert all(label and colour.startswith("#") for label, colour in STATUSES.values())
    assert STATUSES["on_track"][1] != STATUSES["deterioration"][1]
    assert STATUSES["achieved"][1] != STATUSES["not_achieved"][1]


def test_explanation_and_notes_in_english_by_default():
    assert "compound annual growth rate" in METHOD_EXPLANATION
    assert method_explanation("en") == METHOD_EXPLANATION
    assert note_text(NOTES["short"] + "; " + NOTES["gaps"], "en") == NOTES["short"] + "; " + NOTES["gaps"]
    assert note_text(None) == ""
