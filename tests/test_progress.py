"""Tests of the progress method on hand-computed cases, one kind of scale at a time."""
import pandas as pd
import pytest

from indicators.direction import DIRECTION_OF_STATUS, DIRECTIONS, direction_labels, direction_of
from indicators.progress import (BASELINE_MAX_YEARS, METHODS, NOTES, OUTPUT_COLUMNS,
                                 STATUSES, Point, assess, assess_cycle, assess_frame, cycle_points,
                                 limit_scale, method_explanation, method_paragraphs, note_text, rule_of,
                                 series_direction)


# ---- growth: the open-sdg progress measure ---------------------------------------------------------

def test_growth_ten_percent_a_year_is_on_track():
    result = assess([(2010, 10.0), (2012, 12.1)], "growth", higher_is_better=True)
    assert (result.status, result.direction, result.method) == ("on_track", "better", "growth")
    assert result.annual_rate == pytest.approx(0.10)
    assert result.change == pytest.approx(2.1)
    assert (result.baseline_year, result.latest_year, result.n_points) == (2010, 2012, 2)


def test_growth_direction_flips_when_lower_is_better():
    result = assess([(2010, 10.0), (2012, 12.1)], "growth", higher_is_better=False)
    assert (result.status, result.direction) == ("deterioration", "worse")
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
    assert assess(points, "growth", True, target=121.0, target_year=2020).status == "limited_progress"
    on_pace = assess([(2018, 100.0), (2020, 110.0)], "growth", True, target=121.0, target_year=2022)
    assert on_pace.status == "on_track"   # needed 4.88 %/yr, observed 4.88 %/yr
    reached = assess([(2018, 100.0), (2020, 125.0)], "growth", True, target=121.0, target_year=2022)
    assert reached.status == "target_achieved"


def test_growth_target_for_lower_is_better():
    # halve 40 -> 20 by 2030 from 2020 (needed -6.7 %/yr); 40 -> 30 in 2 years is -13.4 %/yr: on track
    assert assess([(2020, 40.0), (2022, 30.0)], "growth", False, target=20.0, target_year=2030).status == "on_track"
    assert assess([(2020, 40.0), (2022, 44.0)], "growth", False, target=20.0,
                  target_year=2030).status == "deterioration"


def test_growth_thresholds_are_scaled_near_a_natural_limit():
    # 97 % -> 98 % in 4 years is 0.26 %/yr: limited progress without a limit, but half of the gap to
    # 100 % (97 -> 98.5) takes 0.386 %/yr, so the thresholds are scaled by 0.386 / 1.5 = 0.257
    points = [(2016, 97.0), (2020, 98.0)]
    assert assess(points, "growth", True).status == "limited_progress"
    scaled = assess(points, "growth", True, scale_min=0, scale_max=100)
    factor = ((98.5 / 97) ** 0.25 - 1) / 0.015
    assert limit_scale(97.0, 4, 1, 0, 100) == pytest.approx(factor)
    assert scaled.status == "fair_progress"          # 0.26 %/yr >= 0.5 % x 0.257 = 0.13 %/yr
    assert NOTES["scaled"] + ": " + f"{factor:.2f}" in scaled.note
    # far from the limit, and for a share falling towards 0 %, nothing is scaled
    assert limit_scale(40.0, 4, 1, 0, 100) == 1.0
    assert limit_scale(3.0, 4, -1, 0, 100) == 1.0
    assert NOTES["scaled"] not in assess([(2016, 40.0), (2020, 42.0)], "growth", True, scale_max=100).note


def test_series_crossing_zero_falls_back_to_the_threshold_or_cannot_be_assessed():
    points = [(2010, -0.5), (2011, 0.1), (2012, 0.3)]
    fallback = assess(points, "growth", True, change_threshold=0.2)
    assert fallback.status == "improvement" and fallback.method == "absolute"     # +0.8 >= 0.2
    assert NOTES["cagr_invalid"] in fallback.note and NOTES["fallback"] in fallback.note
    without_threshold = assess(points, "growth", True)
    assert without_threshold.status == "unable_to_assess" and without_threshold.annual_rate is None
    assert NOTES["cagr_invalid"] in without_threshold.note


# ---- bounded indices: the publisher's cut-points -----------------------------------------------------

def test_index_change_across_a_cycle_is_not_divided_by_its_length():
    # a fall of a third over four years: 0.06 a year, more than the 0.05 cut-point across the window
    result = assess([(2016, 0.30), (2020, 0.20)], "absolute", True, change_threshold=0.05)
    assert (result.status, result.direction) == ("deterioration", "worse")
    assert result.annual_rate is None and result.change == pytest.approx(-0.10)
    small = assess([(2016, 0.30), (2020, 0.27)], "absolute", True, change_threshold=0.05)
    assert (small.status, small.direction) == ("no_significant_change", "stable")


def test_index_uses_separate_up_and_down_cut_points():
    rise = [(2016, 0.50), (2017, 0.56)]
    fall = [(2016, 0.50), (2017, 0.44)]
    assert assess(rise, "absolute", True, 0.05, change_threshold_down=0.08).status == "improvement"
    assert assess(fall, "absolute", True, 0.05, change_threshold_down=0.08).status == "no_significant_change"
    assert assess(fall, "absolute", True, 0.08, change_threshold_down=0.05).status == "deterioration"
    # lower is better (an RSF score): a rise is a deterioration
    assert assess([(2016, 40.0), (2017, 44.0)], "absolute", False, 3).status == "deterioration"


def test_index_reports_opening_and_closing_episodes_inside_the_cycle():
    points = [(2017, 0.50), (2018, 0.44), (2019, 0.45), (2020, 0.47), (2021, 0.48)]
    result = assess(points, "absolute", True, change_threshold=0.05)
    # net -0.02 across the window, but a closing of -0.06 in 2018: the publisher codes that episode
    assert result.status == "deterioration"
    assert NOTES["down_episodes"] + ": 2018 (-0.06)" in result.note
    both = assess([(2017, 0.50), (2018, 0.44), (2019, 0.51)], "absolute", True, change_threshold=0.05)
    assert both.status == "no_significant_change"
    assert NOTES["up_episodes"] + ": 2019 (+0.07)" in both.note and NOTES["down_episodes"] in both.note
    # years apart (a gap) are not a year-on-year change
    gapped = assess([(2017, 0.50), (2020, 0.47)], "absolute", True, change_threshold=0.05)
    assert gapped.status == "no_significant_change" and NOTES["down_episodes"] not in gapped.note


def test_change_inside_the_uncertainty_interval_is_no_change():
    wide = [Point(2016, 0.40, 0.30, 0.50), Point(2020, 0.50, 0.42, 0.58)]
    assert assess(wide, "absolute", True, 0.05).status == "no_significant_change"
    assert NOTES["within_uncertainty"] in assess(wide, "absolute", True, 0.05).note
    narrow = [(2016, 0.40, 0.38, 0.42), (2020, 0.50, 0.48, 0.52)]
    assert assess(narrow, "absolute", True, 0.05).status == "improvement"


# ---- categories ----------------------------------------------------------------------------------

def test_any_change_of_category_is_a_change():
    # Freedom House status 1 (partly free) -> 0 (not free)
    result = assess([(2019, 1.0), (2020, 0.0), (2021, 0.0)], "category", True)
    assert (result.status, result.direction) == ("deterioration", "worse")
    assert NOTES["category_changes"] + ": 2020 (1 → 0)" in result.note
    # a rating where 7 is least free: 6 -> 5 is an improvement
    assert assess([(2019, 6.0), (2020, 5.0)], "category", False).status == "improvement"
    back = assess([(2017, 5.0), (2018, 4.0), (2020, 5.0)], "category", False)
    assert back.status == "no_significant_change" and "2018 (5 → 4), 2020 (4 → 5)" in back.note


# ---- structural ----------------------------------------------------------------------------------

def test_structural_tells_newly_achieved_from_already_in_place():
    newly = assess([(2016, 0.0), (2019, 1.0), (2022, 1.0)], "achieved", True, scale_max=1)
    assert (newly.status, newly.direction) == ("newly_achieved", "better")
    assert NOTES["first_achieved"] + ": 2019" in newly.note
    kept = assess([(2010, 1.0), (2022, 1.0)], "achieved", True, scale_max=1)
    assert (kept.status, kept.direction) == ("achieved", "stable")
    assert assess([(2010, 0.0), (2022, 0.0)], "achieved", True, scale_max=1).status == "not_achieved"
    assert assess([(2010, 1.0), (2020, 0.0)], "achieved", True, scale_max=1).status == "reversed"
    # a count of instruments ratified: two more in the cycle, or none
    count = assess([(2016, 13.0), (2018, 14.0), (2021, 15.0)], "achieved", True, scale_max=18)
    assert count.status == "newly_achieved" and count.note.endswith(": 2018, 2021")
    assert assess([(2016, 13.0), (2021, 13.0)], "achieved", True, scale_max=18).status == "no_new_commitment"


def test_structural_baseline_may_be_any_earlier_value():
    points = [(1998, 1.0), (2019, 2.0)]
    result = assess_cycle(points, {"method": "achieved", "higher_is_better": True, "scale_max": 18.0}, 2017, 2022)
    assert (result.status, result.baseline_year) == ("newly_achieved", 1998)
    first_inside = assess_cycle([(2019, 1.0)], {"method": "achieved", "higher_is_better": True,
                                                "scale_max": 1.0}, 2017, 2022)
    assert first_inside.status == "achieved" and NOTES["no_earlier_value"] in first_inside.note


def test_structural_values_count_in_the_cycle_their_year_ends_in():
    """A structural value is the state at the end of its year: a cycle that starts in April 2008 has the
    end of 2007 as its baseline and counts a ratification of December 2008 as newly achieved in it; a
    cycle that ends in October 2011 leaves the end of 2011 to the next cycle."""
    rule = {"method": "achieved", "higher_is_better": True, "scale_max": 18.0}
    points = [(2006, 7.0), (2007, 7.0), (2008, 10.0), (2010, 10.0), (2011, 11.0), (2013, 11.0)]
    first = assess_cycle(points, rule, 2008, 2011, last_year_end=2010)
    assert (first.status, first.baseline_year, first.baseline_value, first.latest_year) == (
        "newly_achieved", 2007, 7.0, 2010)
    assert NOTES["first_achieved"] + ": 2008" in first.note
    second = assess_cycle(points, rule, 2012, 2016, last_year_end=2016)
    assert (second.status, second.baseline_year, second.baseline_value) == ("no_new_commitment", 2011, 11.0)
    calendar = assess_cycle(points, rule, 2011, 2011, last_year_end=2011)     # a plan of 2011 (1 Jan-31 Dec)
    assert (calendar.status, calendar.baseline_year) == ("newly_achieved", 2010)
    assert NOTES["first_achieved"] + ": 2011" in calendar.note


def test_ratifications_early_in_a_cycle_are_newly_achieved_in_it(real_warehouse):
    """The real episodes of UPR cycle 1 (7 April 2008 - 14 October 2011), as the Progress page assesses
    them: Uzbekistan acceded to ICCPR-OP2, OP-CRC-AC and OP-CRC-SC on 23 December 2008, Kazakhstan ratified
    OP-CAT on 22 October 2008 (and CED, ICCPR-OP1 in 2009); Mongolia acceded to ICCPR-OP2 on 13 March 2012,
    inside the OHCHR Management Plan 2012-2013."""
    from indicators.progress_run import progress_assessments
    from indicators.queries import run_query
    from indicators.warehouse import warehouse_key

    key = warehouse_key(real_warehouse)

    def query(name, **params):
        return run_query(name, key, **params)

    def row(kind, cycle, country):
        _, _, found = progress_assessments(query, kind, cycle, 2000, 2026, [country],
                                           indicators=["core_treaties_ratified"])
        return found.set_index("cycle_code").loc[cycle]

    uzb = row("upr", "upr-1", "UZB")
    assert (uzb.status, uzb.baseline_year, uzb.baseline_value, uzb.latest_value) == ("newly_achieved", 2007, 7, 10)
    assert NOTES["first_achieved"] + ": 2008" in uzb.note
    kaz = row("upr", "upr-1", "KAZ")
    assert (kaz.status, kaz.baseline_value, kaz.latest_value) == ("newly_achieved", 9, 12)
    assert NOTES["first_achieved"] + ": 2008, 2009" in kaz.note
    mng = row("programming", "omp-2012-2013", "MNG")
    assert (mng.status, mng.baseline_year) == ("newly_achieved", 2011)
    assert NOTES["first_achieved"] + ": 2012" in mng.note


# ---- ambiguous direction -------------------------------------------------------------------------

def test_ambiguous_indicators_get_a_trend_and_no_judgement():
    rising = assess([(2016, 100.0), (2020, 130.0)], "trend", False)
    assert (rising.status, rising.direction) == ("rising", "unknown")
    assert rising.annual_rate == pytest.approx(1.3 ** 0.25 - 1)
    assert assess([(2016, 100.0), (2020, 70.0)], "trend", True).direction == "unknown"
    steady = assess([(2016, 100.0), (2020, 101.0)], "trend", None)    # 0.25 %/yr
    assert (steady.status, steady.direction) == ("no_significant_change", "stable")
    across_zero = assess([(2016, -4.0), (2020, 3.0)], "trend", False, change_threshold=5)
    assert across_zero.status == "rising"


# ---- limits, baselines, errors --------------------------------------------------------------------

def test_single_point_or_same_year_is_unable_to_assess():
    single = assess([(2015, 3.0)], "growth", True)
    assert single.status == "unable_to_assess" and single.note == NOTES["too_few"]
    assert assess([], "absolute", True, 0.1).status == "unable_to_assess"
    assert assess([(2015, 3.0), (2015, 4.0)], "growth", True).status == "unable_to_assess"


def test_missing_direction_and_threshold_are_explained():
    assert assess([(2010, 1.0), (2012, 2.0)], "growth", None).note.endswith(NOTES["no_direction"])
    assert assess([(2010, 0.1), (2012, 0.2)], "absolute", True).status == "unable_to_assess"


def test_limits_are_noted():
    assert assess([(2010, 10.0), (2011, 11.0), (2014, 12.0)], "growth", True).note == NOTES["gaps"]
    assert assess([(2010, 10.0), (2011, 11.0)], "growth", True).note == NOTES["short"]


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown progress method"):
        assess([(2010, 1.0), (2011, 2.0)], "cagr", True)


def test_baseline_at_most_the_stated_years_before_the_cycle_else_first_inside():
    assert BASELINE_MAX_YEARS == 2
    points = [(2010, 1.0), (2015, 2.0), (2018, 3.0), (2021, 4.0), (2023, 5.0)]
    # 2015 is two years before a 2017 start: the baseline
    assert cycle_points(points, 2017, 2022) == ([(2015, 2.0), (2018, 3.0), (2021, 4.0)], ("baseline_before", "2015"))
    # the 2014 value of a 2017-2022 cycle is too old: the first value inside is the baseline
    old = [(2014, 1.0), (2018, 3.0), (2021, 4.0)]
    assert cycle_points(old, 2017, 2022) == ([(2018, 3.0), (2021, 4.0)], ("baseline_inside", "2018"))
    result = assess_cycle(old, {"method": "growth", "higher_is_better": True}, 2017, 2022)
    assert result.baseline_year == 2018
    assert result.note.startswith(NOTES["baseline_inside"] + ": 2018")
    before = assess_cycle(points, {"method": "growth", "higher_is_better": True}, 2017, 2022)
    assert before.note.startswith(NOTES["baseline_before"] + ": 2015")


def test_assess_frame_by_cycle():
    observations = pd.DataFrame({
        "indicator_code": ["idx"] * 4 + ["law"],
        "country_iso3": ["KAZ"] * 4 + ["UZB"],
        "year": [2016, 2018, 2022, 2024, 2010],
        "value": [0.50, 0.45, 0.40, 0.60, 1.0],
    })
    indicators = pd.DataFrame({
        "code": ["idx", "law"], "progress_method": ["absolute", "achieved"],
        "higher_is_better": [True, True], "change_threshold": [0.05, None], "scale_max": [1.0, 1.0],
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
    assert (row.method, row.status, row.direction) == ("absolute", "deterioration", "worse")
    next_cycle = result[(result.indicator_code == "idx") & (result.cycle_code == "omp-2024-2027")].iloc[0]
    assert (next_cycle.baseline_year, next_cycle.latest_year) == (2024, 2024)   # one value only
    assert next_cycle.status == "unable_to_assess" and next_cycle.direction == "unknown"
    assert next_cycle.note.endswith(NOTES["too_few"])
    law = result[result.indicator_code == "law"].set_index("cycle_code")["status"].to_dict()
    assert law == {"upr-3": "achieved", "omp-2024-2027": "achieved"}


def test_assess_frame_honours_uncertainty_columns():
    observations = pd.DataFrame({"indicator_code": ["idx", "idx"], "country_iso3": ["KGZ", "KGZ"],
                                 "year": [2017, 2021], "value": [0.40, 0.50], "lower": [0.30, 0.41],
                                 "upper": [0.50, 0.60]})
    indicators = pd.DataFrame({"code": ["idx"], "progress_method": ["absolute"], "higher_is_better": [True],
                               "change_threshold": [0.05]})
    cycles = pd.DataFrame({"code": ["upr-3"], "start_date": ["2017-05-01"], "end_date": ["2022-02-04"]})
    row = assess_frame(observations, indicators, cycles).iloc[0]
    assert row.status == "no_significant_change" and NOTES["within_uncertainty"] in row.note


def test_assess_frame_without_data_in_the_cycle():
    observations = pd.DataFrame({"indicator_code": ["idx"], "country_iso3": ["KGZ"], "year": [2012],
                                 "value": [0.3]})
    indicators = pd.DataFrame({"code": ["idx"], "progress_method": ["growth"],
                               "higher_is_better": [True], "change_threshold": [None]})
    cycles = pd.DataFrame({"code": ["upr-3"], "start_date": ["2017-05-01"], "end_date": ["2022-02-04"]})
    row = assess_frame(observations, indicators, cycles).iloc[0]
    assert row.status == "unable_to_assess" and row.note == NOTES["no_data"]


# ---- one definition of direction -------------------------------------------------------------------

def test_every_status_has_one_direction_and_words():
    assert set(STATUSES) == set(DIRECTION_OF_STATUS)
    assert set(DIRECTION_OF_STATUS.values()) == set(DIRECTIONS)
    assert direction_of(None) == "unknown" and direction_of("no such status") == "unknown"
    for lang in ("en", "ru"):
        assert set(direction_labels(lang)) == set(DIRECTIONS)
    assert series_direction([(2019, 1.0), (2020, 0.0)], rule_of({"progress_method": "category",
                                                                  "higher_is_better": True})) == "worse"


def test_statuses_have_words_and_colours_that_follow_direction():
    assert list(STATUSES)[-1] == "unable_to_assess"
    assert all(label and colour.startswith("#") for label, colour in STATUSES.values())
    colours = {direction: {STATUSES[code][1] for code, d in DIRECTION_OF_STATUS.items() if d == direction}
               for direction in DIRECTIONS}
    assert not colours["better"] & colours["worse"]
    assert not (colours["better"] | colours["worse"]) & colours["unknown"]


def test_explanation_has_a_paragraph_per_method_in_both_languages():
    assert set(method_paragraphs("en")) == set(METHODS)
    explanation = method_explanation("en")
    assert explanation.count("\n\n") == len(METHODS)
    assert "open-sdg" in explanation and "cut-point" in explanation
    assert method_explanation("ru") != explanation
    assert note_text(NOTES["short"] + "; " + NOTES["gaps"], "en") == NOTES["short"] + "; " + NOTES["gaps"]
    translated = note_text(NOTES["category_changes"] + ": 2020 (1 → 0)", "ru")
    assert translated.endswith(": 2020 (1 → 0)") and not translated.startswith(NOTES["category_changes"])
    assert note_text(None) == ""
