"""The deck's speaker notes, house style (logo and colours from a YAML file) and table slides, read back."""
from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE

from exports import __main__ as cli
from exports import images
from exports.deck_style import DeckStyleError, load_style
from exports.slide_layout import MAX_TABLE_ROWS
from tests.test_exports import overflowing_frames
from ui import report_state
from ui.report_state import deck_bytes, make_record, set_view, table_cells

METHOD = "Progress compares the latest value with the baseline."


def record(title: str, source: str, years: str, data: pd.DataFrame | None = None) -> dict:
    figure = go.Figure(go.Bar(x=["KAZ", "KGZ"], y=[3, 4]), layout=dict(title=dict(text=title)))
    return make_record(figure.to_json(), chart_id=title, page="Overview", title=title, source=source, years=years,
                       filters="Countries: Kazakhstan", countries=["KAZ"],
                       table=None if data is None else table_cells(data, "en"))


@pytest.fixture(autouse=True)
def no_browser(monkeypatch):
    monkeypatch.setattr(images, "server_export_available", lambda: False)   # placeholders: no browser needed
    monkeypatch.setattr(report_state, "methods_text", lambda lang=None: METHOD)
    monkeypatch.delenv("ROCA_DECK_CONFIG", raising=False)


def test_each_chart_slide_has_speaker_notes_with_its_source_years_and_method():
    items = [record("Ratifications", "OHCHR treaty status", "1992–2024"), record("Poverty", "World Bank", "2019")]
    deck = Presentation(io.BytesIO(deck_bytes(items, title="Pack", countries=["Kazakhstan"], themes=["All"],
                                              is_demo=False, lang="en")))
    chart_slides = list(deck.slides)[1:-1]
    notes = [slide.notes_slide.notes_text_frame.text for slide in chart_slides]
    assert notes[0].splitlines() == ["Ratifications", "Source: OHCHR treaty status", "Data: 1992–2024",
                                     "Filters: Countries: Kazakhstan", "", "Method", METHOD]
    assert "Source: World Bank" in notes[1] and "Data: 2019" in notes[1] and METHOD in notes[1]


def write_style(folder, text: str, logo_size=(400, 100)) -> None:
    Image.new("RGB", logo_size, (0, 90, 160)).save(folder / "logo.png")
    (folder / "deck.yml").write_text(text, encoding="utf-8")


def test_logo_and_colours_from_the_style_file_on_every_slide(tmp_path, monkeypatch):
    write_style(tmp_path, "logo: logo.png\ncolours:\n  text: '#0A3D62'\n  muted: '#667788'\n  accent: '#E58E26'\n")
    monkeypatch.setenv("ROCA_DECK_CONFIG", str(tmp_path / "deck.yml"))
    items = [record("A title long enough to need most of the width of the slide, by country and year, "
                    "with its events", "Publisher", "2020–2023")]
    deck = Presentation(io.BytesIO(deck_bytes(items, title="Pack", countries=["Kazakhstan"], themes=["All"],
                                              is_demo=True, lang="en")))
    assert overflowing_frames(deck) == []
    for slide in deck.slides:
        logos = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and shape.name == "Logo"]
        assert len(logos) == 1
        logo, title = logos[0], slide.shapes.title
        assert logo.left + logo.width <= deck.slide_width and logo.width / logo.height == pytest.approx(4, rel=0.02)
        assert title.left + title.width <= logo.left      # the title gives way to the logo
        colours = {run.font.color.rgb for paragraph in title.text_frame.paragraphs for run in paragraph.runs}
        assert colours == {RGBColor(0x0A, 0x3D, 0x62)}
        rules = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                 and shape.height < 914400 * 0.1]
        assert [rule.fill.fore_color.rgb for rule in rules] == [RGBColor(0xE5, 0x8E, 0x26)]
    footnote = list(deck.slides)[1].shapes[-1].text_frame.paragraphs
    assert footnote[0].runs[0].font.color.rgb == RGBColor(0x66, 0x77, 0x88)
    assert footnote[-1].runs[0].font.color.rgb == RGBColor(0xB3, 0x26, 0x1E)   # the demo note stays red


def test_no_style_file_gives_the_plain_deck_without_logo():
    deck = Presentation(io.BytesIO(deck_bytes([record("Chart", "Source", "2020")], title="Pack", countries=["KAZ"],
                                              themes=["All"], is_demo=False, lang="en")))
    assert not any(shape.name == "Logo" for slide in deck.slides for shape in slide.shapes)


@pytest.mark.parametrize("text, expected", [
    ("colours:\n  text: navy\n", r"colours\.text: expected a colour like '#1F2A44', got 'navy'"),
    ("colors:\n  text: '#000000'\n", r"unknown key\(s\) colors"),
    ("colours:\n  accent: '#000000'\n  shade: '#111111'\n", r"colours: unknown key\(s\) shade"),
    ("logo: missing.png\n", r"logo: no file at"),
    ("logo: deck.yml\n", r"logo: 'deck.yml' is not a .png"),
    ("logo: [1, 2\n", r"not valid YAML"),
])
def test_bad_style_file_names_the_file_and_key(tmp_path, text, expected):
    write_style(tmp_path, text)
    with pytest.raises(DeckStyleError, match=expected) as caught:
        load_style(tmp_path / "deck.yml")
    assert str(tmp_path / "deck.yml") in str(caught.value)


def test_a_file_named_png_that_is_not_an_image_is_refused(tmp_path):
    (tmp_path / "logo.png").write_text("print('hello')", encoding="utf-8")
    (tmp_path / "deck.yml").write_text("logo: logo.png\n", encoding="utf-8")
    with pytest.raises(DeckStyleError, match="is not a PNG or JPEG image"):
        load_style(tmp_path / "deck.yml")


def test_command_line_deck_with_a_bad_style_file_exits_non_zero(tmp_path, monkeypatch, demo_warehouse, capsys):
    write_style(tmp_path, "colours:\n  text: '#12345'\n")
    monkeypatch.setenv("ROCA_DECK_CONFIG", str(tmp_path / "deck.yml"))
    out = tmp_path / "deck.pptx"
    assert cli.main(["deck", "--country", "KAZ", "--db", str(demo_warehouse), "--out", str(out)]) == 2
    assert "colours.text" in capsys.readouterr().err and not out.exists()


def test_an_entry_shown_as_a_table_gives_a_table_slide_with_the_first_rows():
    data = pd.DataFrame({"Country": ["Kazakhstan"] * 20, "Year": list(range(2001, 2021)),
                         "Value": [0.5 + n / 1000 for n in range(19)] + [None]})
    chart_entry, table_entry = record("As chart", "S", "2001–2020", data), record("As table", "S", "2001–2020", data)
    items = set_view([chart_entry, table_entry], table_entry["uid"], "table")
    deck = Presentation(io.BytesIO(deck_bytes(items, title="Pack", countries=["KAZ"], themes=["All"],
                                              is_demo=False, lang="en")))
    chart_slide, table_slide = list(deck.slides)[1:3]
    assert not any(shape.has_table for shape in chart_slide.shapes)
    tables = [shape.table for shape in table_slide.shapes if shape.has_table]
    assert len(tables) == 1
    cells = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert cells[0] == ["Country", "Year", "Value"]
    assert cells[1] == ["Kazakhstan", "2001", "0.5"] and cells[2][2] == "0.501"
    assert len(cells) == MAX_TABLE_ROWS + 1
    assert not any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in table_slide.shapes)
    assert f"First {MAX_TABLE_ROWS} of 20 rows" in table_slide.shapes[-1].text_frame.text
    table_shape = next(shape for shape in table_slide.shapes if shape.has_table)
    assert table_shape.top + sum(row.height for row in tables[0].rows) <= table_slide.shapes[-1].top   # above the footnote
    assert overflowing_frames(deck) == []


def test_table_view_needs_the_chart_data_and_missing_values_show_as_a_dash():
    without_data = record("No data kept", "S", "2020")
    assert set_view([without_data], without_data["uid"], "table")[0]["view"] == "chart"
    assert set_view([without_data], without_data["uid"], "<script>")[0]["view"] == "chart"
    cells = table_cells(pd.DataFrame({"Year": [2020], "Value": [float("nan")], "Share": [1234.5678]}), "ru")
    assert cells == {"columns": ["Year", "Value", "Share"], "rows": [["2020", "–", "1\xa0234,568"]]}
