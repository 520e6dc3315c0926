"""Tests of the chart functions: titles, units, source line, demo mark, gaps, colours, empty input."""
import datetime

import pandas as pd
import pytest

from indicators import charts
from indicators.palette import COMPARATOR_COLOURS, FOCUS_COLOURS, country_colour
from indicators.progress import STATUSES

NAMES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "UZB": "Uzbekistan", "RUS": "Russia"}


def observations(years_by_country: dict[str, list[int]]) -> pd.DataFrame:
    rows = [{"country_iso3": iso3, "country_name": NAMES[iso3], "year": year, "value": 0.1 * index + 0.3}
            for iso3, years in years_by_country.items() for index, year in enumerate(years)]
    return pd.DataFrame(rows)


def annotation(figure, name):
    found = [note for note in figure.layout.annotations if note.name == name]
    return found[0] if found else None


def line(figure, name):
    return next(trace for trace in figure.data if trace.name == name)


def test_gapped_series_inserts_none_for_missing_years():
    years, values = charts.gapped_series([2010, 2011, 2014], [1.0, 2.0, 3.0])
    assert years == [2010, 2011, 2012, 2013, 2014]
    assert values == [1.0, 2.0, None, None, 3.0]


def test_trend_chart_draws_two_segments_across_a_gap():
    figure = charts.trend_chart(observations({"KAZ": [2010, 2011, 2014]}), "Civil society", "index, 0-1",
                                "V-Dem", is_demo=False)
    trace = line(figure, "Kazakhstan")
    assert list(trace.x) == [2010, 2011, 2012, 2013, 2014]
    assert list(trace.y)[2:4] == [None, None]
    assert trace.connectgaps is False


def test_trend_chart_draws_no_line_for_rows_without_a_country_and_names_each_line_from_its_rows():
    frame = observations({"KAZ": [2010, 2011], "UZB": [2010, 2012]})
    frame.loc[len(frame)] = {"country_iso3": None, "country_name": "Somewhere", "year": 2011, "value": 9.0}
    frame.loc[len(frame)] = {"country_iso3": float("nan"), "country_name": "Elsewhere", "year": 2012, "value": 8.0}
    frame.loc[0, "country_name"] = None           # the name comes from the country's first row that has one
    figure = charts.trend_chart(frame, "Civil society", "index, 0-1", "V-Dem", is_demo=False)
    assert [trace.name for trace in figure.data] == ["Kazakhstan", "Uzbekistan"]
    assert list(line(figure, "Uzbekistan").y) == [0.3, None, 0.4]
    assert 9.0 not in list(line(figure, "Kazakhstan").y)


def test_trend_chart_labels_source_and_units():
    figure = charts.trend_chart(observations({"KAZ": [2015, 2016, 2017], "UZB": [2016, 2018]}),
                                "Civil society", "index, 0-1", "V-Dem v15", is_demo=False)
    assert figure.layout.title.text == "Civil society"
    assert "index, 0-1" in figure.layout.yaxis.title.text
    assert figure.layout.xaxis.title.text == "Year"
    assert annotation(figure, charts.SOURCE_ANNOTATION).text == "Source: V-Dem v15 · Data years: 2015–2018"
    assert figure.layout.font.size >= 14
    assert figure.layout.template.layout.plot_bgcolor == "white"


@pytest.mark.parametrize("is_demo", [True, False])
def test_demo_mark_present_only_for_demo_data(is_demo):
    frame = observations({"KAZ": [2015, 2016]})
    figures = [
        charts.trend_chart(frame, "T", "index", "S", is_demo),
        charts.bar_chart(frame, "country_name", "value", "T", "index", "S", [2016], is_demo),
        charts.heatmap(frame, "country_name", "year", "value", "T", "S", [2015, 2016], is_demo),
        charts.region_map(frame, "value", "T", "index", "S", [2016], is_demo),
    ]
    for figure in figures:
        watermark = annotation(figure, charts.DEMO_ANNOTATION)
        assert (watermark is not None) is is_demo
        if is_demo:
            assert "DEMONSTRATION DATA" in watermark.text
            assert "Demonstration data" in annotation(figure, charts.DEMO_LABEL_ANNOTATION).text


def test_country_colour_is_fixed_across_charts():
    first = charts.trend_chart(observations({"KAZ": [2015, 2016], "KGZ": [2015, 2016]}), "A", "u", "S", False)
    second = charts.trend_chart(observations({"KGZ": [2001, 2002], "RUS": [2001, 2002]}), "B", "u", "S", False)
    assert line(first, "Kyrgyzstan").line.color == line(second, "Kyrgyzstan").line.color == FOCUS_COLOURS["KGZ"]
    assert line(first, "Kazakhstan").line.color != line(first, "Kyrgyzstan").line.color
    assert line(second, "Russia").line.dash == "dot"
    bars = charts.bar_chart(observations({"KGZ": [2016]}), "country_name", "value", "T", "u", "S", [2016],
                            False, color_by_country=True)
    assert list(bars.data[0].marker.color) == [FOCUS_COLOURS["KGZ"]]


def test_palette_is_deterministic_for_other_countries():
    assert country_colour("MNG") == COMPARATOR_COLOURS["MNG"]
    assert country_colour("FRA") == country_colour("fra")
    assert len(set(FOCUS_COLOURS.values())) == 5


def test_trend_chart_band_and_events():
    frame = observations({"KAZ": [2015, 2016, 2017]})
    frame["lower"], frame["upper"] = frame["value"] - 0.1, frame["value"] + 0.1
    events = pd.DataFrame({"date": [datetime.date(2016, 7, 1), datetime.date(1990, 1, 1)],
                           "kind": ["ratification", "other"], "title": ["OP-CAT", "Too early"],
                           "country_iso3": ["KAZ", "KAZ"]})
    figure = charts.trend_chart(frame, "T", "u", "S", False, events=events)
    assert any(trace.fill == "tonexty" for trace in figure.data)
    markers = line(figure, "Events")
    assert len(markers.x) == 1 and "OP-CAT" in markers.text[0] and "Ratification" in markers.text[0]
    assert len(figure.layout.shapes) == 1 and figure.layout.shapes[0].x0 == pytest.approx(2016.49, abs=0.01)


def test_empty_input_gives_the_empty_figure_message():
    message = "No data for the selected filters"
    empty = pd.DataFrame(columns=["country_iso3", "country_name", "year", "value"])
    for figure in (charts.trend_chart(empty, "T", "u", "S", True),
                   charts.bar_chart(empty, "country_name", "value", "T", "u", "S", [], False),
                   charts.progress_chart(pd.DataFrame(columns=["status"]), "T", "S", False),
                   charts.stacked_responses(pd.DataFrame(columns=["country_name", "supported"]), "T", "S",
                                            [], False)):
        assert annotation(figure, charts.MESSAGE_ANNOTATION).text == message
        assert len(figure.data) == 0
    assert annotation(charts.empty_figure("Nothing here"), charts.MESSAGE_ANNOTATION).text == "Nothing here"


def test_bar_chart_axis_has_unit_and_single_year_source():
    frame = pd.DataFrame({"theme": ["Fair trial", "NHRI"], "count": [12, 3]})
    figure = charts.bar_chart(frame, "theme", "count", "Recommendations", "number", "UPR Info", [2022],
                              False, horizontal=True)
    assert figure.layout.xaxis.title.text == "number"
    assert list(figure.data[0].y) == ["Fair trial", "NHRI"]
    assert annotation(figure, charts.SOURCE_ANNOTATION).text == "Source: UPR Info · Data year: 2022"


def test_heatmap_fills_missing_cells_with_zero():
    frame = pd.DataFrame({"country": ["KAZ", "KAZ", "UZB"], "theme": ["a", "b", "a"], "n": [2, 5, 7]})
    figure = charts.heatmap(frame, "country", "theme", "n", "By theme", "UPR Info", [2008, 2022], False)
    assert figure.data[0].z.tolist() == [[2, 5], [7, 0]]
    assert list(figure.data[0].x) == ["a", "b"] and list(figure.data[0].y) == ["KAZ", "UZB"]


def test_ratification_matrix_years_and_status():
    frame = pd.DataFrame({"country_iso3": ["KAZ", "KAZ", "UZB", "UZB"],
                          "country_name": ["Kazakhstan", "Kazakhstan", "Uzbekistan", "Uzbekistan"],
                          "treaty": ["CAT", "CAT", "CAT", "CRPD"],
                          "action": ["signature", "ratification", "accession", "signature"],
                          "year": [1996, 1998, 1995, 2009]})
    figure = charts.ratification_matrix(frame, "Treaties", "OHCHR", False, treaties=["CAT", "CRPD", "CED"])
    matrix = figure.data[0]
    assert list(matrix.y) == ["Kazakhstan", "Uzbekistan"]
    assert [list(row) for row in matrix.text] == [["1998", "–", "–"], ["1995", "sig.<br>2009", "–"]]
    assert [list(row) for row in matrix.z] == [[2, 0, 0], [2, 1, 0]]
    assert annotation(figure, charts.SOURCE_ANNOTATION).text == "Source: OHCHR · Data years: 1995–2009"


def test_progress_chart_writes_status_words():
    assessments = pd.DataFrame({"indicator_code": ["a", "a", "b"], "country_iso3": ["KAZ", "UZB", "KAZ"],
                                "status": ["on_track", "deterioration", "unable_to_assess"],
                                "baseline_year": [2017, 2017, None], "latest_year": [2021, 2022, None],
                                "baseline_value": [1.0, 2.0, None], "latest_value": [2.0, 1.0, None],
                                "note": ["", "", "No data within the cycle"]})
    figure = charts.progress_chart(assessments, "Progress", "V-Dem", True)
    grid = figure.data[0]
    assert [list(row) for row in grid.text] == [["On track", "Deterioration"], ["Unable to<br>assess", ""]]   # fits a 90 px column
    assert charts.wrap_words("Progress made, acceleration needed") == "Progress made,<br>acceleration<br>needed"
    codes = list(STATUSES)
    assert list(grid.z[0]) == [codes.index("on_track"), codes.index("deterioration")]
    assert "No data within the cycle" in grid.customdata[1][0]
    assert annotation(figure, charts.DEMO_ANNOTATION) is not None


def test_region_map_uses_iso3_locations():
    frame = pd.DataFrame({"country_iso3": ["KAZ", "TJK"], "country_name": ["Kazakhstan", "Tajikistan"],
                          "value": [0.4, None]})
    figure = charts.region_map(frame, "value", "Map", "index, 0-1", "V-Dem", [2023], False)
    assert list(figure.data[0].locations) == ["KAZ"]
    assert figure.data[0].locationmode == "ISO-3"
    assert figure.layout.geo.scope == "asia" and figure.layout.geo.fitbounds == "locations"
    assert figure.data[0].colorbar.title.text == "index, 0-1"


def test_stacked_responses_stack_present_columns():
    frame = pd.DataFrame({"country_name": ["Kazakhstan", "Uzbekistan"], "supported": [100, 150],
                          "noted": [20, 25], "pledges": [3, 4]})
    figure = charts.stacked_responses(frame, "Responses", "OHCHR", [2019, 2022], False)
    assert [trace.name for trace in figure.data] == ["Supported", "Noted", "Voluntary pledges"]
    assert figure.layout.barmode == "stack"
    assert "Recommendations" in figure.layout.yaxis.title.text


def test_source_line_in_both_languages_keeps_values():
    assert charts.source_line("V-Dem", [2010, 2020], "en") == "Source: V-Dem · Data years: 2010–2020"
    assert "V-Dem" in charts.source_line("V-Dem", [2010, 2020], "ru")
    assert "2010" in charts.source_line("V-Dem", [2010, 2020], "ru")
    assert charts.source_line("V-Dem", [], "en") == "Source: V-Dem"


# ---- legibility: wrapping, blank columns, room for labels ----------------------------------------------

def test_wrap_words_breaks_at_spaces_keeps_words_and_existing_breaks():
    name = "Equality before the law and individual liberty index"
    wrapped = charts.wrap_words(name, 35)
    assert wrapped == "Equality before the law and<br>individual liberty index"
    assert all(len(line) <= 35 for line in wrapped.split("<br>"))
    assert charts.plain_title(wrapped) == name
    assert charts.wrap_words("Turkmenistan", 5) == "Turkmenistan"           # a word is never split
    assert charts.wrap_words("a b<br>c d", 3) == "a b<br>c d"
    assert charts.wrap_words("short", 35) == "short"
    assert charts.line_count(wrapped) == 2 and charts.line_count("") == 1


def test_long_titles_wrap_medium_titles_shrink_short_titles_stay():
    assert charts.title_lines("Civil society") == ("Civil society", charts.TITLE_SIZE)
    medium = "Recommendations by response: Свобода от пыток и жестокого обращения"   # 68 characters
    text, size = charts.title_lines(medium)
    assert text == medium and charts.TITLE_MIN_SIZE <= size < charts.TITLE_SIZE
    long_name = ("Children aged 1-14 who experienced physical punishment or psychological aggression by "
                 "caregivers (SDG 16.2.1)")
    figure = charts.trend_chart(observations({"KAZ": [2015, 2016]}), long_name, "%", "UNICEF", False)
    title = figure.layout.title.text
    assert "<br>" in title and charts.plain_title(title) == long_name
    assert all(len(line) <= charts.TITLE_WRAP for line in title.split("<br>"))
    # the top margin grows with the title's lines, the title is anchored to the top of the figure
    short = charts.trend_chart(observations({"KAZ": [2015, 2016]}), "T", "%", "UNICEF", False)
    assert figure.layout.margin.t > short.layout.margin.t
    assert figure.layout.title.yanchor == "top" and figure.layout.title.yref == "container"


def test_long_source_line_is_wrapped_inside_the_bottom_margin():
    source = ("United Nations Treaty Collection (UN Office of Legal Affairs); World Politics Datalab "
              "(humanrights-treaties-ratification-status)")
    frame = pd.DataFrame({"country_iso3": ["KAZ"], "country_name": ["Kazakhstan"], "treaty": ["CAT"],
                          "action": ["ratification"], "year": [1998]})
    figure = charts.ratification_matrix(frame, "Treaties", source, False)
    note = annotation(figure, charts.SOURCE_ANNOTATION)
    assert charts.plain_title(note.text) == charts.source_line(source, [1998])
    assert note.text.count("<br>") >= 1
    assert all(len(line) <= charts.SOURCE_WRAP for line in note.text.split("<br>"))
    lines = note.text.count("<br>") + 1
    assert figure.layout.margin.b >= -note.yshift + lines * charts.NOTE_SIZE   # inside the figure


def test_heatmap_leaves_columns_without_any_data_blank():
    frame = pd.DataFrame({"theme": ["Torture", "Torture", "NHRI", "NHRI", "Torture", "NHRI"],
                          "cycle": ["UPR 1", "UPR 2", "UPR 1", "UPR 2", "UPR 3", "UPR 3"],
                          "n": [16, 19, 7, 0, 0, 0]})
    figure = charts.heatmap(frame, "theme", "cycle", "n", "By theme and cycle", "UPR Info", [2010, 2014],
                            False, blank_empty_columns=True, lang="ru")
    cells = figure.data[0]
    z = [list(row) for row in cells.z]
    assert z[0][:2] == [16, 19] and z[1][:2] == [7, 0]            # a real zero next to data stays 0
    assert all(pd.isna(row[2]) for row in z)                        # the empty cycle is a gap, not 0
    assert [list(row) for row in cells.text] == [["16", "19", ""], ["7", "0", ""]]
    assert cells.customdata[0][2] == "Torture · UPR 3: нет данных"
    # without the option every missing cell still counts 0
    plain = charts.heatmap(frame, "theme", "cycle", "n", "T", "S", [2010], False)
    assert [list(row) for row in plain.data[0].z] == [[16, 19, 0], [7, 0, 0]]


def test_heatmap_column_labels_are_horizontal_and_wrapped_but_data_keep_the_names():
    themes = ["Fair trial, independence of judges and lawyers", "Engagement with UN mechanisms",
              "Accountability, impunity and rule of law", "Non-discrimination and equality",
              "Freedom from torture and ill-treatment", "National human rights institutions",
              "Democratic space and fundamental freedoms"]
    frame = pd.DataFrame({"country": ["Kazakhstan"] * len(themes), "theme": themes, "n": range(len(themes))})
    figure = charts.heatmap(frame, "country", "theme", "n", "T", "S", [2010], False)
    assert list(figure.data[0].x) == themes
    assert figure.layout.xaxis.tickangle == 0 and list(figure.layout.xaxis.tickvals) == themes
    assert [charts.plain_title(text) for text in figure.layout.xaxis.ticktext] == themes
    assert any("<br>" in text for text in figure.layout.xaxis.ticktext)
    # the source line sits below all the lines of the tick labels and the axis title
    lines = max(text.count("<br>") + 1 for text in figure.layout.xaxis.ticktext)
    assert -annotation(figure, charts.SOURCE_ANNOTATION).yshift >= lines * figure.layout.xaxis.tickfont.size + 30
    # a long word gets smaller type so that it stays inside its column
    russian = ["Справедливое судопроизводство, независимость судей и адвокатов", "Национальные учреждения"] * 4
    frame = pd.DataFrame({"country": ["Казахстан"] * 8, "theme": [f"{name} {i}" for i, name in enumerate(russian)],
                          "n": range(8)})
    small = charts.heatmap(frame, "country", "theme", "n", "T", "S", [2010], False)
    assert 11 <= small.layout.xaxis.tickfont.size < charts.HEATMAP_TICK_SIZE


@pytest.mark.parametrize("horizontal", [True, False])
def test_bar_value_labels_have_room_beyond_the_longest_bar(horizontal):
    frame = pd.DataFrame({"theme": ["Engagement with UN mechanisms and treaty bodies", "NHRI"],
                          "count": [245, 25]})
    figure = charts.bar_chart(frame, "theme", "count", "T", "number", "S", [2014], False,
                              horizontal=horizontal)
    bar = figure.data[0]
    assert bar.cliponaxis is False and bar.textposition == "outside"
    value_axis = figure.layout.xaxis if horizontal else figure.layout.yaxis
    assert value_axis.range[0] == 0 and value_axis.range[1] >= 245 * 1.14
    category_axis = figure.layout.yaxis if horizontal else figure.layout.xaxis
    assert category_axis.ticktext[0].count("<br>") >= 1 and list(category_axis.tickvals) == list(frame["theme"])


def test_progress_grid_wraps_names_and_gives_each_row_room():
    names = ["Children aged 1-14 who experienced physical punishment or psychological aggression by "
             "caregivers (SDG 16.2.1)", "Civil liberties index"]
    assessments = pd.DataFrame({"indicator_code": ["a", "a", "b", "b"], "indicator_name": names[:1] * 2 + names[1:] * 2,
                                "country_iso3": ["KAZ", "UZB", "KAZ", "UZB"],
                                "status": ["no_significant_change", "fair_progress", "unable_to_assess",
                                           "on_track"],
                                "baseline_year": [2017] * 4, "latest_year": [2021] * 4,
                                "baseline_value": [1.0] * 4, "latest_value": [2.0] * 4, "note": [""] * 4})
    figure = charts.progress_chart(assessments, "Progress", "V-Dem", False, lang="ru")
    grid = figure.data[0]
    assert list(grid.y) == names                                   # hover and data keep the full names
    ticks = list(figure.layout.yaxis.ticktext)
    assert all(len(line) <= charts.ROW_LABEL_WRAP for text in ticks for line in text.split("<br>"))
    assert [charts.plain_title(text) for text in ticks] == names
    assert all(len(line) <= 16 for row in grid.text for cell in row for line in cell.split("<br>"))
    lines = max(text.count("<br>") + 1 for row in grid.text for text in row)
    plot_height = figure.layout.height - figure.layout.margin.t - figure.layout.margin.b
    assert plot_height / 2 >= lines * charts.PROGRESS_CELL_SIZE * 1.2 + 10
    assert figure.layout.xaxis.side == "top"


def test_events_are_unobtrusive_and_the_responses_legend_sits_below_the_plot():
    frame = observations({"KAZ": [2015, 2016, 2017]})
    events = pd.DataFrame({"date": [datetime.date(2016, 7, 1)], "kind": ["upr_review"],
                           "title": ["Second UPR review"], "country_iso3": ["KAZ"]})
    figure = charts.trend_chart(frame, "T", "u", "S", False, events=events)
    shape = figure.layout.shapes[0]
    assert shape.line.dash == "dot" and shape.line.width <= 1
    markers = line(figure, "Events")
    assert list(markers.y) == [1.0] and markers.marker.size <= 10 and "Second UPR review" in markers.text[0]
    responses = charts.stacked_responses(pd.DataFrame({"cycle_name": ["UPR cycle 1 (2008-2011)"],
                                                       "supported": [122], "noted": [7]}),
                                         "Kazakhstan: responses", "UPR Info", [2010], False, by="cycle_name")
    assert responses.layout.legend.orientation == "h" and responses.layout.legend.y < 0
    assert -annotation(responses, charts.SOURCE_ANNOTATION).yshift > 40     # the source under the legend


def test_figures_get_the_shared_template_without_revalidation_and_are_the_same():
    import plotly.graph_objects as go

    layout = charts._layout("Title", "Source", [2015, 2016], True, "ru", barmode="stack")
    bars = [go.Bar(x=["a", "b"], y=[1, 2], name="x")]
    fast = charts.templated(bars, layout)
    assert fast.to_plotly_json() == go.Figure(data=bars, layout=layout).to_plotly_json()
    fast.layout.template.layout.plot_bgcolor = "black"          # one figure's change stays in that figure
    assert charts.TEMPLATE.layout.plot_bgcolor == "white"
    assert charts.templated(bars, layout).layout.template.layout.plot_bgcolor == "white"
