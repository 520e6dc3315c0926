"""What a designer would not let pass: meaningless colour bars, a yes/no chart with a continuous scale,
a single year drawn as a line, a map without names, thumbnails without legends."""
from __future__ import annotations

import pandas as pd

from indicators import charts
from viewmodels.sources import GAP_COLOURS, coverage_figure
from ui.chart_block import thumbnail_figure


def test_a_one_value_heatmap_has_no_colour_bar_and_a_varied_one_keeps_it():
    one = pd.DataFrame({"country": ["Kazakhstan"], "theme": ["Justice"], "n": [19]})
    figure = charts.heatmap(one, "country", "theme", "n", "One cell", "S", [2020], False, lang="en")
    assert figure.data[0].showscale is False and [list(row) for row in figure.data[0].text] == [["19"]]
    two = pd.DataFrame({"country": ["Kazakhstan", "Kyrgyzstan"], "theme": ["Justice"] * 2, "n": [19, 4]})
    assert charts.heatmap(two, "country", "theme", "n", "Two", "S", [2020], False, lang="en").data[0].showscale


def test_the_gaps_chart_has_two_colours_and_a_value_missing_legend():
    grid = pd.DataFrame({"row": ["Kazakhstan"] * 3 + ["Kyrgyzstan"] * 3, "year": [2019, 2020, 2021] * 2,
                         "present": [1, 0, 1, 1, 1, 0]})
    figure = coverage_figure(grid, "Years with a value", "S", False, "ru")
    cells = next(trace for trace in figure.data if trace.type == "heatmap")
    assert cells.showscale is False
    assert {colour for _, colour in cells.colorscale} == set(GAP_COLOURS.values())
    legend = [(trace.name, trace.marker.color) for trace in figure.data if trace.type == "scatter"]
    assert legend == [("Значение", GAP_COLOURS[1]), ("Нет данных", GAP_COLOURS[0])]
    assert figure.layout.showlegend is True


def observations(years_by_country: dict[str, list[int]]) -> pd.DataFrame:
    rows = [{"country_iso3": iso3, "country_name": iso3, "year": year, "value": float(year % 7)}
            for iso3, years in years_by_country.items() for year in years]
    return pd.DataFrame(rows)


def test_a_single_year_is_a_marker_on_an_axis_of_whole_years():
    figure = charts.trend_chart(observations({"KAZ": [2021], "KGZ": [2021]}), "T", "%", "S", False, lang="en")
    assert [trace.mode for trace in figure.data] == ["markers", "markers"]
    assert tuple(figure.layout.xaxis.range) == (2020, 2022) and figure.layout.xaxis.dtick == 1


def test_a_series_keeps_its_line_and_a_lone_point_beside_it_is_a_marker():
    figure = charts.trend_chart(observations({"KAZ": [2019, 2020, 2021], "KGZ": [2020]}), "T", "%", "S", False,
                                lang="en")
    assert {trace.name: trace.mode for trace in figure.data} == {"KAZ": "lines+markers", "KGZ": "markers"}
    assert figure.layout.xaxis.range is None


def test_the_map_names_its_countries():
    frame = pd.DataFrame({"country_iso3": ["KAZ", "UZB", "TJK"], "country_name": ["Казахстан", "Узбекистан", None],
                          "value": [1.0, 2.0, None]})
    figure = charts.region_map(frame, "value", "Map", "%", "S", [2022], False, lang="ru")
    labels = [trace for trace in figure.data if trace.type == "scattergeo"]
    assert len(labels) == 1 and labels[0].mode == "text"
    assert list(labels[0].locations) == ["KAZ", "UZB"] and list(labels[0].text) == ["Казахстан", "Узбекистан"]


def test_a_report_thumbnail_keeps_the_legend():
    figure = charts.trend_chart(observations({"KAZ": [2019, 2020], "KGZ": [2019, 2020]}), "T", "%", "S", False,
                                lang="en")
    small = thumbnail_figure(figure)
    assert small.layout.showlegend is not False and small.layout.legend.orientation == "h"
    assert [trace.name for trace in small.data] == ["KAZ", "KGZ"]


def test_recommendations_table_shows_text_and_response_first_and_the_upr_once():
    from viewmodels.recommendations import display_table
    from ui.recommendation_table import display_column_config

    rows = pd.DataFrame([
        {"year": 2019, "country_iso3": "KAZ", "country_name_en": "Kazakhstan", "mechanism": "upr", "body": "UPR",
         "recommending_state": "Norway", "session": 34, "text": "Ratify OP-CAT", "response": "supported",
         "is_pledge": False, "action_category": 5, "themes_en": "Justice", "implementation_status": None},
        {"year": 2021, "country_iso3": "KAZ", "country_name_en": "Kazakhstan", "mechanism": "treaty_body",
         "body": "CEDAW", "recommending_state": None, "session": None, "text": "Adopt a law", "response": None,
         "is_pledge": False, "action_category": None, "themes_en": "Equality", "implementation_status": None},
    ])
    table = display_table(rows, "en")
    assert list(table.columns)[:5] == ["Year", "Country", "Recommendation", "Response", "Mechanism / body"]
    assert "Body" not in table.columns and "Mechanism" not in table.columns
    assert table["Mechanism / body"].tolist() == ["Universal Periodic Review", "CEDAW"]
    pinned = [name for name, config in display_column_config("en").items() if config.get("pinned")]
    assert set(pinned) == {"Year", "Country", "Recommendation", "Response"} <= set(table.columns)


def test_card_sparkline_one_bar_per_cycle_latest_darker_years_as_labels():
    from indicators.sparklines import BAR_COLOUR, LATEST_COLOUR, cycle_sparkline, short_cycle

    received = pd.DataFrame({"cycle_name": ["UPR cycle 1 (2008-2011)", "Cycle without years"],
                             "recommendations": [129, 198], "share_supported": [0.95, None]})
    bars = cycle_sparkline(received, "en").data[0]
    assert list(bars.x) == ["2008-2011", "Cycle without years"] and list(bars.y) == [129, 198]
    assert list(bars.marker.color) == [BAR_COLOUR, LATEST_COLOUR]
    assert list(bars.hovertext) == ["UPR cycle 1 (2008-2011): 129 · 95%", "Cycle without years: 198"]
    assert short_cycle("Plan ()") == "Plan ()"
