"""The PDF country and regional briefs and the standard deck, built from warehouses and read back."""
from __future__ import annotations

import io
import re
import subprocess
import sys

import pypdf
import pytest
from pptx import Presentation

from exports.__main__ import main
from exports.brief_pack import BriefError, brief_content
from indicators.focus import focus_countries
from indicators.queries import run_query
from indicators.warehouse import warehouse_key
from tests.conftest import PROJECT_DIR

HEADINGS_EN = ("Key facts", "Charts", "Progress of headline indicators", "Sources")


def _pdf(path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def _lines(page) -> list[str]:
    return [line.strip() for line in page.extract_text().splitlines() if line.strip()]


def _words(reader: pypdf.PdfReader) -> str:
    """The text of every page with line breaks and justification spaces collapsed."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _brief(tmp_path, db, *args) -> pypdf.PdfReader:
    out = tmp_path / "brief.pdf"
    assert main(["brief", *args, "--db", str(db), "--out", str(out)]) == 0
    return _pdf(out)


@pytest.fixture(scope="module")
def kazakhstan(real_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "kaz.pdf"
    assert main(["brief", "--country", "KAZ", "--db", str(real_warehouse), "--out", str(out)]) == 0
    return out


def test_kazakhstan_brief_is_two_to_four_pages_with_its_charts_and_cycle_facts(kazakhstan, real_warehouse):
    reader = _pdf(kazakhstan)
    text = _words(reader)
    assert 2 <= len(reader.pages) <= 4
    assert sum(len(page.images) for page in reader.pages) == 2        # recommendations by theme, indicators
    # the latest cycle with recommendations for Kazakhstan in the real UPR Info export is cycle 2
    counts = run_query("brief_cycle_recommendations", warehouse_key(real_warehouse), countries=["KAZ"],
                       cycle="upr-2")
    overall = counts[counts["theme_code"].isna()].iloc[0]
    assert f"{int(overall['total'])} UPR recommendations received, {int(overall['supported'])} supported" in text
    assert "Convention on the Rights of Persons with Disabilities (2015)" in text   # WPDL: CRPD ratified 2015
    assert "Page 1 of" in text and "warehouse version" in text
    for heading in HEADINGS_EN:
        assert heading in text


def test_sources_listed_are_exactly_those_behind_what_the_brief_shows(kazakhstan, real_warehouse):
    text = " ".join(page.extract_text() for page in _pdf(kazakhstan).pages)
    key = warehouse_key(real_warehouse)
    content, charts = brief_content(key, ["KAZ"], None, "en")
    expected = {i for chart in charts for i in chart.source_ids}
    expected |= set(run_query("brief_cycle_ratifications", key, countries=["KAZ"], year_from=2012,
                              year_to=2016)["source_id"])
    files = set(run_query("brief_sources_by_id", key, ids=sorted(expected))["file"])
    all_files = set(run_query("sources_list", key)["file"]) if "file" in run_query("sources_list", key) else set()
    flat = re.sub(r"\s+", "", text)
    listed = {name for name in all_files | files if re.sub(r"\s+", "", name) in flat}
    assert listed == files
    assert len(files) < len(all_files) / 4        # a compact list, not every loaded file
    assert len(content.citations) == len(files)


def test_no_heading_is_left_at_the_bottom_of_a_page(kazakhstan):
    for page in _pdf(kazakhstan).pages[:-1]:
        body = [line for line in _lines(page) if not line.startswith("Page ")]
        # text extraction does not see images: a 'Charts' heading last in the text has its chart below it
        stranded = body[-1] in HEADINGS_EN and not (body[-1] == "Charts" and page.images)
        assert not stranded, body[-3:]


def test_brief_renders_to_png_pages(kazakhstan, tmp_path):
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(kazakhstan), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(_pdf(kazakhstan).pages)
    assert all(path.stat().st_size > 5_000 for path in pages)


@pytest.mark.slow
def test_russian_brief_speaks_russian(real_warehouse, tmp_path):
    reader = _brief(tmp_path, real_warehouse, "--country", "KAZ", "--lang", "ru")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert 2 <= len(reader.pages) <= 4
    assert "Казахстан" in text and "Основные факты" in text and "Источники" in text
    assert "Key facts" not in text


@pytest.mark.slow
def test_regional_brief_sets_five_countries_side_by_side(real_warehouse, tmp_path):
    reader = _brief(tmp_path, real_warehouse, "--region", "--cycle", "upr-1")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert 2 <= len(reader.pages) <= 4
    first_page = reader.pages[0].extract_text()
    for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert name in first_page
    assert sum(len(page.images) for page in reader.pages) == 2
    assert "Regional brief: Central Asia" in text


def test_a_country_without_recommendations_in_the_cycle_shows_a_dash_not_zero(real_warehouse):
    content, _ = brief_content(warehouse_key(real_warehouse), list(focus_countries(warehouse_key(real_warehouse))), "upr-1",
                                "en")
    tajikistan = next(row for row in content.facts_table.rows if row[0] == "Tajikistan")
    assert tajikistan[1] == "–" and tajikistan[2] == "–"   # nothing loaded for Tajikistan, not 0 received


@pytest.mark.slow
def test_demo_brief_is_labelled_on_every_page(demo_warehouse, tmp_path):
    reader = _brief(tmp_path, demo_warehouse, "--country", "KGZ")
    for page in reader.pages:
        assert "Demonstration data – not real figures" in page.extract_text()


def test_unknown_country_or_cycle_exits_with_a_message(real_warehouse, tmp_path, capsys):
    assert main(["brief", "--country", "XYZ", "--db", str(real_warehouse), "--out", str(tmp_path / "x.pdf")]) == 2
    assert "Unknown country code: XYZ" in capsys.readouterr().err
    assert main(["deck", "--country", "KAZ", "--cycle", "upr-9", "--db", str(real_warehouse),
                 "--out", str(tmp_path / "x.pptx")]) == 2
    assert "Unknown UPR cycle: upr-9" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.pptx").exists()
    with pytest.raises(BriefError):
        brief_content(warehouse_key(real_warehouse), ["XYZ"])


@pytest.mark.slow
def test_standard_deck_from_the_command_line(real_warehouse, tmp_path):
    out = tmp_path / "deck.pptx"
    command = [sys.executable, "-m", "exports", "deck", "--country", "KAZ", "--db", str(real_warehouse),
               "--out", str(out)]
    finished = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    slides = Presentation(str(out)).slides
    titles = [slide.shapes.title.text for slide in slides]
    assert titles[0] == "Country brief: Kazakhstan" and titles[-1] == "Methods and sources"
    assert len(slides) == 4 and sum(shape.shape_type == 13 for shape in slides[1].shapes) == 1
