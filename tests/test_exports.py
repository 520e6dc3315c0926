"""Tests of the export functions: CSV/Excel tables, chart images, slide deck, PDF brief."""
import datetime
import io
import os
from pathlib import Path

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pypdf
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from exports import fonts, images
from exports.brief import BriefContent, BriefFigure, BriefTable, build_brief
from exports.decorate import ExportHeader
from exports.deck import ReportItem, build_deck, slide_preview_png
from exports.images import ENABLE_HINT, figure_png, figure_svg, server_export_available
from exports.tables import csv_bytes, excel_bytes, neutralise_formulas
from i18n import t

EXPORT_DATE = datetime.date(2025, 11, 27)
DEMO_NOTE = "Demonstration data – not real figures"


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("ROCA_ARTIFACTS", Path(__file__).parent / "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sample_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "country": ["Кыргызстан", "=SUM(A1)", "-1+2"],
        "value": [-1.5, 2.0, 0.25],
        "note": ["ok", "@cmd", "\tx"],
    })


def sample_figure() -> go.Figure:
    figure = go.Figure()
    series = {"Кыргызстан": [0.42, 0.45, None, 0.50, 0.52], "Kazakhstan": [0.30, 0.31, 0.33, 0.35, 0.34]}
    for country, values in series.items():
        figure.add_trace(go.Scatter(x=[2019, 2020, 2021, 2022, 2023], y=values, name=country, mode="lines+markers"))
    figure.update_layout(title="Judicial independence index", template="plotly_white", xaxis_dtick=1)
    return figure


def sample_header() -> ExportHeader:
    return ExportHeader(
        subtitle="Countries: Kyrgyzstan, Kazakhstan · Theme: Justice · Years: 2019–2023",
        export_date=EXPORT_DATE, is_demo=True, source="V-Dem v14 (CC BY-SA 4.0)", years="2019–2023",
    )


def sample_item(title: str = "Judicial independence, 2019–2023") -> ReportItem:
    return ReportItem(
        figure=sample_figure(), title=title, key_message="Kyrgyzstan's score rose by 0.10 since 2019.",
        source="V-Dem v14", years="2019–2023", filters="KGZ, KAZ · Justice",
    )


# --- tables ---------------------------------------------------------------------------------

def test_csv_bytes_exact_with_bom_neutralised_formulas_cyrillic_and_demo_column():
    expected = (
        "\ufeffcountry,value,note,data_note\r\n"
        f"Кыргызстан,-1.5,ok,{DEMO_NOTE}\r\n"
        f"'=SUM(A1),2.0,'@cmd,{DEMO_NOTE}\r\n"
        f"'-1+2,0.25,'\tx,{DEMO_NOTE}\r\n"
    ).encode("utf-8")
    assert csv_bytes(sample_frame(), is_demo=True, lang="en") == expected


def test_csv_bytes_without_demo_has_no_note_column():
    assert csv_bytes(pd.DataFrame({"a": ["+x"]}), is_demo=False) == "\ufeffa\r\n'+x\r\n".encode("utf-8")


def test_neutralise_formulas_touches_only_text_and_keeps_the_input():
    frame = pd.DataFrame({"=head": ["\rcr", "plain", None], "number": [-3, 4, 5], "mixed": [-7.5, "-7.5", None]})
    safe = neutralise_formulas(frame)
    assert list(safe.columns) == ["'=head", "number", "mixed"]
    assert safe["'=head"].tolist()[:2] == ["'\rcr", "plain"]
    assert safe["number"].tolist() == [-3, 4, 5] and safe["number"].dtype == frame["number"].dtype
    assert safe["mixed"].tolist()[:2] == [-7.5, "'-7.5"]
    assert frame.iloc[0, 0] == "\rcr"


@pytest.mark.parametrize("cell", ["\n=1+1", "\r\n=HYPERLINK(\"http://x\")", "  =1", "\t\n+1", " @SUM(A1)",
                                  "\u00a0-2+3", "\uff1d1+1", "\uff0bcmd", "\uff0d1", "\uff20SUM(A1)",
                                  " \n\uff1dcmd", "\ufe62cmd", "\u2212 1"])
def test_formula_guard_sees_through_blanks_line_breaks_and_full_width_signs(cell):
    safe = neutralise_formulas(pd.DataFrame({cell: [cell, "plain " + cell]}))
    assert list(safe.columns) == ["'" + cell]
    assert safe.iloc[:, 0].tolist() == ["'" + cell, "plain " + cell]
    assert csv_bytes(pd.DataFrame({"a": [cell]}), is_demo=False).decode("utf-8-sig").split("\r\n", 1)[1] \
        .startswith('"\'' if any(c in cell for c in "\n\r\"") else "'")


def test_excel_round_trip_rows_metadata_and_strings_not_formulas():
    exported_at = datetime.datetime(2025, 11, 27, 14, 5)
    metadata = {"Filters": "Countries: Kyrgyzstan; Years: 2019–2023", "Sources": "V-Dem v14", "Licences": "CC BY-SA 4.0"}
    content = excel_bytes(sample_frame(), metadata, is_demo=True, lang="en", exported_at=exported_at)
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, engine="openpyxl")
    assert list(sheets) == ["Data", "Metadata"]
    expected_rows = sample_frame().assign(data_note=DEMO_NOTE)
    pd.testing.assert_frame_equal(sheets["Data"], expected_rows, check_dtype=False)
    details = dict(sheets["Metadata"].itertuples(index=False, name=None))
    assert details == {
        **metadata, "Export time": "November 27, 2025 14:05", "Note": DEMO_NOTE,
    }
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    formula_cell = workbook["Data"]["A3"]
    assert (formula_cell.value, formula_cell.data_type) == ("=SUM(A1)", "s")
    assert workbook["Metadata"].column_dimensions["B"].width >= len("Countries: Kyrgyzstan; Years: 2019–2023")


# --- images ---------------------------------------------------------------------------------

def test_server_export_is_available_here_and_hint_names_chromium():
    assert server_export_available() is True
    assert "apt-get install chromium" in ENABLE_HINT


def test_png_decodes_full_width_and_leaves_the_figure_untouched():
    figure = sample_figure()
    before = figure.to_dict()
    content = figure_png(figure, sample_header(), lang="en")
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG" and image.size == (1600, 900)
    assert figure.to_dict() == before
    (artifacts_dir() / "chart.png").write_bytes(content)


def test_svg_carries_title_source_years_date_and_demo_note():
    svg = figure_svg(sample_figure(), sample_header(), lang="en").decode("utf-8")
    assert "Judicial independence index" in svg
    assert "Source: V-Dem v14 (CC BY-SA 4.0) · Data: 2019–2023 · Exported November 27, 2025" in svg
    assert "Countries: Kyrgyzstan, Kazakhstan · Theme: Justice · Years: 2019–2023" in svg
    assert DEMO_NOTE in svg
    assert 'width="1600"' in svg


def test_render_without_chromium_raises_with_the_hint(monkeypatch):
    monkeypatch.setattr(images, "server_export_available", lambda: False)
    with pytest.raises(images.ExportUnavailableError, match="apt-get install chromium"):
        figure_png(sample_figure())


# --- deck -----------------------------------------------------------------------------------

def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_deck_in_english_has_title_chart_and_closing_slides():
    items = [sample_item(), sample_item("Recommendations supported, by theme")]
    content = build_deck(items, "Central Asia: justice", ["Kyrgyzstan", "Kazakhstan"], ["Justice"],
                         "Scores are V-Dem estimates.", ["V-Dem v14 (CC BY-SA 4.0)"], is_demo=True,
                         lang="en", export_date=EXPORT_DATE)
    deck = Presentation(io.BytesIO(content))
    slides = list(deck.slides)
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    assert [slide.shapes.title.text for slide in slides] == [
        "Central Asia: justice", "Judicial independence, 2019–2023", "Recommendations supported, by theme",
        "Methods and sources",
    ]
    assert slide_texts(slides[0])[1] == f"November 27, 2025\nCountries: Kyrgyzstan, Kazakhstan\nThemes: Justice\n{DEMO_NOTE}"
    footnote = "Source: V-Dem v14 · Data: 2019–2023 · Filters: KGZ, KAZ · Justice · Exported November 27, 2025"
    for slide in slides[1:3]:
        assert slide_texts(slide)[1:] == ["Kyrgyzstan's score rose by 0.10 since 2019.", f"{footnote}\n{DEMO_NOTE}"]
        assert sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes) == 1
    assert slide_texts(slides[3])[1] == f"• Scores are V-Dem estimates.\n\nSources\n• V-Dem v14 (CC BY-SA 4.0)\n{DEMO_NOTE}"
    (artifacts_dir() / "deck_en.pptx").write_bytes(content)


def overflowing_frames(deck) -> list[str]:
    """Text frames whose text, at the type size set on their runs, does not fit their shape."""
    from exports.slide_layout import Box, text_fits

    found = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            sizes = [run.font.size.pt for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
                     if run.font.size is not None]
            box = Box(0, 0, shape.width / 914400, shape.height / 914400)
            if not sizes or not text_fits(shape.text_frame.text, box, max(sizes)):
                found.append(f"slide {number}: {shape.text_frame.text[:60]!r} at {max(sizes or [0])} pt")
    return found


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_text_frame_overflows_its_box_at_its_font_size(monkeypatch, lang):
    from ui.report_state import methods_text

    monkeypatch.setattr(images, "server_export_available", lambda: False)   # placeholders: no browser needed
    long_title = ("Кыргызстан: доля лиц, сообщивших о дискриминации по признаку пола, инвалидности и "
                  "этнической принадлежности, по годам и циклам УПО") if lang == "ru" else (
                  "Kyrgyzstan: share of people who felt discriminated against on grounds of sex, disability "
                  "and ethnic origin, by year and UPR review cycle, with events")
    items = [ReportItem(sample_figure(), long_title, "A key message of two sentences. " * 4, "Publisher " * 12,
                        "1991–2023", "Countries: " + ", ".join(["Kazakhstan"] * 8)),
             ReportItem(sample_figure(), "Short", None, "V-Dem", "2023", "")]
    content = build_deck(items, long_title, ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan",
                                             "Uzbekistan"], ["Non-discrimination and equality"] * 3,
                         methods_text(lang), [f"Source number {n}, a publisher with a long name" for n in range(6)],
                         is_demo=True, lang=lang, export_date=EXPORT_DATE)
    deck = Presentation(io.BytesIO(content))
    assert overflowing_frames(deck) == []
    title_sizes = [run.font.size.pt for run in deck.slides[1].shapes.title.text_frame.paragraphs[0].runs]
    assert title_sizes and max(title_sizes) < 28          # the long title was set smaller, not left to spill
    # the closing slides (after the title and one slide an item): method sentences and sources as bullets
    closing = [line for slide in list(deck.slides)[1 + len(items):] for line in slide_texts(slide)[1].splitlines()]
    assert sum(line.startswith("• ") for line in closing) >= 8


def test_the_overflow_check_finds_an_overflowing_frame():
    from pptx.util import Inches, Pt

    deck = Presentation()
    box = deck.slides.add_slide(deck.slide_layouts[6]).shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(0.5))
    box.text_frame.text = "A title far too long for a three-inch box at twenty-eight points"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
    assert len(overflowing_frames(deck)) == 1


def test_deck_in_russian_without_chromium_shows_placeholder(monkeypatch):
    monkeypatch.setattr(images, "server_export_available", lambda: False)
    item = ReportItem(sample_figure(), "Независимость судов", None, "V-Dem v14", "", "")
    content = build_deck([item], "Центральная Азия", ["Кыргызстан", "Казахстан"], ["Правосудие"],
                         "Оценки V-Dem.", ["V-Dem v14"], is_demo=False, lang="ru", export_date=EXPORT_DATE)
    slides = list(Presentation(io.BytesIO(content)).slides)
    assert len(slides) == 3
    assert [slide.shapes.title.text for slide in slides] == [
        "Центральная Азия", "Независимость судов", t("Methods and sources", lang="ru"),
    ]
    date_ru = "27 ноября 2025\u202fг."  # Babel puts a narrow no-break space before "г."
    assert slide_texts(slides[0])[1] == "\n".join([
        date_ru,
        t("Countries: {countries}", lang="ru", countries="Кыргызстан, Казахстан"),
        t("Themes: {themes}", lang="ru", themes="Правосудие"),
    ])
    chart_texts = slide_texts(slides[1])
    assert chart_texts[1] == t("The chart image could not be rendered: {reason}", lang="ru",
                               reason=images.enable_hint("ru"))
    assert chart_texts[2] == " · ".join([t("Source: {source}", lang="ru", source="V-Dem v14"),
                                          t("Exported {date}", lang="ru", date=date_ru)])
    assert not any(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slides[1].shapes)


def test_slide_preview_is_a_16_9_png():
    content = slide_preview_png(sample_item("Независимость судебной власти, 2019–2023"), is_demo=True,
                                lang="en", export_date=EXPORT_DATE)
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG" and image.size == (1600, 900)
    assert image.convert("L").getextrema() == (0, 255) or image.convert("L").getextrema()[0] < 80
    (artifacts_dir() / "slide_preview.png").write_bytes(content)


# --- brief ----------------------------------------------------------------------------------

def brief_with(progress_rows: int, figures: list | None = None, is_demo: bool = True) -> BriefContent:
    return BriefContent(
        title="Country brief: Кыргызстан", subtitle="UPR cycle 2 (2012-2016)", is_demo=is_demo, version="0123456789ab",
        facts=["UPR cycle 2 (2012-2016): 10 UPR recommendations received.", "Права человека: 5."],
        figures=figures or [],
        progress=BriefTable(["Indicator", "Baseline", "Latest", "Status"],
                            [[f"Indicator {number}", "1 (2012)", "2 (2016)", "Improvement"]
                             for number in range(progress_rows)], (46, 18, 18, 22)),
        method=["One.", "Two.", "Three."], citations=["V-Dem Institute. vdem.csv. Licence: CC BY-SA 4.0. sha256 abc"])


def test_brief_pdf_sections_cyrillic_page_numbers_and_repeated_table_header():
    content = build_brief(brief_with(120), lang="en", export_date=EXPORT_DATE)
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    texts = [page.extract_text() for page in pages]
    assert len(pages) == 4
    assert texts[0].startswith("Country brief: Кыргызстан\nUPR cycle 2 (2012-2016)\n"
                               "Prepared November 27, 2025 · warehouse version 0123456789ab\n"
                               f"{DEMO_NOTE}\nKey facts\n")
    assert "Progress of headline indicators\nOne. Two. Three.\nIndicator Baseline Latest Status\nIndicator 0 " in texts[0]
    for text in texts[1:3]:   # the table runs over pages 2 and 3, its header repeated at the top of each
        assert text.startswith("Indicator Baseline Latest Status\nIndicator ")
    assert "Indicator 119 1 (2012) 2 (2016) Improvement" in "".join(texts)
    assert "Sources" in texts[-1] and "• V-Dem Institute. vdem.csv." in texts[-1]
    for number, text in enumerate(texts, start=1):
        assert text.endswith(f"{DEMO_NOTE} Page {number} of 4")
    (artifacts_dir() / "brief.pdf").write_bytes(content)


@pytest.mark.slow
def test_a_heading_with_no_room_after_it_starts_the_next_page():
    for rows in range(40, 60):   # moves the Sources heading down page 2 until it would be left at the bottom
        pages = pypdf.PdfReader(io.BytesIO(build_brief(brief_with(rows), lang="en"))).pages
        for page in pages[:-1]:
            lines = [line for line in page.extract_text().splitlines() if not line.startswith(DEMO_NOTE)]
            assert lines[-1] != "Sources"
        assert "Sources" in pages[-1].extract_text()


def test_brief_with_chart_and_no_demo_has_no_demo_note():
    content = build_brief(brief_with(2, [BriefFigure(sample_figure(), "A chart", "It rose.")], is_demo=False),
                          lang="en", export_date=EXPORT_DATE)
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Demonstration" not in text
    assert "Charts" in text and "Key message: It rose." in text
    assert sum(len(page.images) for page in reader.pages) == 1


def test_brief_states_its_progress_method_under_the_progress_heading(real_warehouse):
    """The real Kyrgyzstan brief, read back: the three method sentences (viewmodels.brief_facts) come after
    the progress heading, in order, and before the sources."""
    from exports.brief_pack import brief_content
    from viewmodels.brief_facts import method_sentences
    from indicators.warehouse import warehouse_key

    content, _ = brief_content(warehouse_key(real_warehouse), ["KGZ"], None, "ru")
    assert content.progress is not None and content.progress.rows     # a progress table to explain
    pdf = build_brief(content, lang="ru", export_date=EXPORT_DATE)
    flat = "".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    progress_at = flat.index("".join(t("Progress of headline indicators", lang="ru").split()))
    sources_at = flat.rindex("".join(t("Sources", lang="ru").split()))
    positions = [flat.find("".join(sentence.split())) for sentence in method_sentences("ru")]
    assert len(positions) == 3 and -1 not in positions, positions
    assert progress_at < positions[0] < positions[1] < positions[2] < sources_at


def test_missing_unicode_font_raises_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "font_dirs", lambda: [])
    fonts.unicode_font.cache_clear()
    try:
        with pytest.raises(fonts.FontNotFoundError, match="fonts-dejavu-core"):
            fonts.unicode_font()
    finally:
        fonts.unicode_font.cache_clear()


def test_export_footer_names_files_and_version_as_plain_text():
    from exports.decorate import with_header
    header = ExportHeader(source="Publisher", years="2020", files=("<b>evil</b>{x}.csv (sha256\u00a00123456789ab)",),
                          version="45c3edac18de", export_date=datetime.date(2026, 1, 2))
    footer = with_header(go.Figure(go.Bar(x=["a"], y=[1])), header, 1600).layout.annotations[-1].text
    assert "Warehouse version 45c3edac18de" in footer and "0123456789ab" in footer
    assert "<b>evil" not in footer and "evil" in footer          # data text cannot style the footer
