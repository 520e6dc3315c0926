"""Hostile-data corpus: crafted files for the readers (payloads in every text field they keep) are
built into a warehouse, every page is rendered on it (AppTest) with hostile link parameters, and
every download is made in every format; payloads in fields that hold a key are refused with a message
naming file, row and column. Nothing renders as markup, no link or icon forms, no chart
text is Plotly markup, no exported cell is a formula, no exported SVG holds a link or a remote address."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree

import duckdb
import openpyxl
import plotly.graph_objects as go
import pypdf
import pytest
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from apptest_support import decoded, open_page
from etl.build import build_warehouse
from etl.errors import InputError
from etl.plan import plan_sources
from etl.readers.base import ReadContext
from etl.readers.country_year import CountryYearReader
from etl.catalogue import load_catalogue
from exports.tables import starts_like_formula_text
from tests.hostile_corpus import FILE_PAYLOADS
from tests.hostile_payloads import EVIL_HOST, FAMILIES, PAYLOADS
from indicators.plotly_text import drawn_text
from tests.test_chart_markup import _assert_inert, _strings

HOSTILE_CODES: list[str] = []     # indicator codes the corpus files created (filled by the fixture)
OTHER_CODES: list[str] = []       # one indicator of each Open SDG, SDMX-ML, SDMX-CSV and Data360 file
PAGES = ["overview", "country", "theme", "progress", "recommendations", "sources"]
# what a payload looks like when nothing escaped it, in markdown Streamlit renders
RAW_SIGNATURES = ["<a href", "<span style", "<img", "<b>", "](http", ":red[", ":blue-background[",
                  ":material/lock:", ":smile:", "$\\frac", "**bold**", "\n=====", "\n---", "\x1b", "\u202e",
                  "http://", "www.evil"]
MARKDOWN_ELEMENTS = ["markdown", "caption", "info", "warning", "error", "success", "toast", "title", "header",
                     "subheader", "exception"]
COUNTS: dict[str, int] = {}
# For each reader beyond the first five: its texts in the warehouse, each column of which must hold
# every payload ($source is the reader's source id).
_OBSERVATION_TEXTS = """SELECT i.name_en, o.disaggregation, o.note FROM observation o
    LEFT JOIN indicator i ON i.code = o.indicator_code AND NOT i.catalogued WHERE o.source_id = $source"""
READER_TEXTS = {
    "open_sdg": ("SELECT disaggregation, note FROM observation WHERE source_id = $source", ["disaggregation", "unit"]),
    "sdmx": (_OBSERVATION_TEXTS, ["series name", "disaggregation", "unit and comment"]),
    "sdmx_csv": (_OBSERVATION_TEXTS, ["series name", "disaggregation", "unit"]),
    "data360": (_OBSERVATION_TEXTS, ["indicator name", "disaggregation", "unit"]),
    "ohchr_thematic_list": ("SELECT text, affected_persons::VARCHAR, tags::VARCHAR, sdgs::VARCHAR FROM recommendation "
                            "WHERE source_id = $source", ["text", "groups of persons", "themes", "SDGs"]),
}


@pytest.fixture(scope="module")
def hostile(hostile_corpus_build):
    warehouse, written = hostile_corpus_build
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        HOSTILE_CODES[:] = [row[0] for row in con.execute(
            "SELECT code FROM indicator WHERE code LIKE 'owid%' ORDER BY code").fetchall()]
        OTHER_CODES[:] = [row[0] for row in con.execute(
            "SELECT min(indicator_code) FROM observation WHERE split_part(source_id, ':', 1) IN "
            "('open_sdg', 'sdmx', 'sdmx_csv', 'data360') GROUP BY source_id ORDER BY source_id").fetchall()]
    finally:
        con.close()
    return warehouse, written


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """File name -> a callable giving the bytes of every download button the page made (eager or deferred)."""
    found: dict = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def eager(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if is_for_static_download and file_name:
            found[file_name] = lambda data=data: data if isinstance(data, bytes) else str(data).encode()
        return add(self, data, mimetype, coordinates, file_name=file_name,
                   is_for_static_download=is_for_static_download)

    def deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name or ""] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", eager)
    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return found


def _count(name: str, number: int = 1) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + number


def test_corpus_builds_with_every_payload_in_the_warehouse(hostile):
    warehouse, written = hostile
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = {row[0] for row in con.execute("SELECT name_en FROM indicator").fetchall()}
        titles = {row[0] for row in con.execute("SELECT title FROM event").fetchall()}
        texts = {row[0] for row in con.execute("SELECT text FROM recommendation").fetchall()}
    finally:
        con.close()
    def holds(values: set, payload: str) -> bool:
        flat = " ".join(payload.split())
        return any(flat in " ".join(str(value).split()) for value in values)

    for payload in FILE_PAYLOADS:
        assert holds(names, payload) and holds(titles, payload) and holds(texts, payload), payload
    # one OWID file a payload; one file for each other reader
    assert sum(len(paths) for paths in written.values()) == len(FILE_PAYLOADS) + len(written) - 1


@pytest.mark.parametrize("reader", sorted(READER_TEXTS))
def test_every_reader_keeps_every_payload_as_text(hostile, reader):
    """What each further reader read from its file holds every payload, unchanged but for blanks."""
    warehouse, written = hostile
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        source = f"{reader}:{written[reader][0].stem}"
        query, fields = READER_TEXTS[reader]
        rows = con.execute(query, {"source": source}).fetchall()
    finally:
        con.close()
    assert rows
    for position, field in enumerate(fields):
        flat = " | ".join(" ".join(str(row[position]).split()) for row in rows if row[position] is not None)
        missing = [payload for payload in FILE_PAYLOADS if " ".join(payload.split()) not in flat]
        assert not missing, (reader, field, missing)
    _count(f"payloads placed: {reader}", len(FILE_PAYLOADS) * len(fields))
    if reader != "ohchr_thematic_list":
        assert len(OTHER_CODES) == 4


def test_wpdl_member_names_are_not_kept(hostile):
    """A WPDL table with every payload as a member name loads its states by iso2 code; no payload is stored."""
    warehouse, written = hostile
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("SELECT * FROM ratification WHERE source_id = $source",
                           {"source": f"wpdl:{written['wpdl'][0].stem}"}).fetchall()
    finally:
        con.close()
    assert len(rows) == sum(1 for index in range(len(FILE_PAYLOADS)) if index % 3)   # the state parties
    stored = " ".join(" ".join(str(value).split()) for row in rows for value in row)
    assert not any(" ".join(payload.split()) in stored for payload in FILE_PAYLOADS), stored
    _count("payloads placed (not kept): wpdl", len(FILE_PAYLOADS))


def test_country_year_column_names_stay_text_in_its_notes(hostile):
    """A country-year table's uncatalogued columns (every payload a column name) are named in a note."""
    _, written = hostile
    con = duckdb.connect()
    staged = CountryYearReader().read(written["country_year"][0], ReadContext(
        con=con, catalogue=load_catalogue(), display_name="country_year_hostile.csv", options={}))
    assert len(staged.frames["observation"]) == 6          # the catalogued column, 2 countries x 3 years
    notes = " ".join(staged.notes)
    assert all(f"{' '.join(payload.split())} #{index}" in " ".join(notes.split())
               for index, payload in enumerate(FILE_PAYLOADS)), notes
    _count("payloads placed: country_year", len(FILE_PAYLOADS))


# Fields a reader refuses a payload in (a country, a status, a date, a recommendation id): file name,
# rows (with the payload p), and the row and column the message must name. The payload is also put in
# the other text fields of the row, where the reader keeps or ignores it.
_UNTC_HEADER = ["Participant", "Signature", "Ratification, Accession(a), Succession(d)"]
_WPDL_HEADER = ["iso2", "member", "state party", "year ratification or accession", "status"]
REFUSALS = {
    "untc participant": ("4-9_hostile.csv", lambda p: [_UNTC_HEADER, ["Kazakhstan", "", "26 Aug 1998 a"],
                                                       [p, "", "29 Jul 1999"]], 3, "Participant"),
    "untc date": ("4-9_hostile.csv", lambda p: [_UNTC_HEADER, ["Kazakhstan", "", p]], 2, _UNTC_HEADER[2]),
    "wpdl status": ("hr_status_cat.csv", lambda p: [_WPDL_HEADER, ["KZ", p, "1", "1998", "state party"],
                                                    ["UZ", p, "0", "", p]], 3, "status"),
    "wpdl iso2": ("hr_status_cat.csv", lambda p: [_WPDL_HEADER, [p, p, "1", "1998", "state party"]], 2, "iso2"),
    "country_year country": ("country_year.csv", lambda p: [["country_name", "year", "polrights_fh", p],
                                                            ["Kazakhstan", "2018", "3", "1"],
                                                            [p, "2018", "4", "1"]], 3, "country_name"),
    "implementation id": ("implementation.csv", lambda p: [["recommendation", "status", "date", "source"],
                                                           [p, "not_implemented", "2020-01-01", p]], 2,
                          "recommendation"),
}
# every payload refused in one of the fields above (payload i in case i modulo the number of cases)
REFUSAL_CASES = [(case, index) for index in range(len(FILE_PAYLOADS))
                 for number, case in enumerate(REFUSALS) if index % len(REFUSALS) == number]


def _refused(folder, name: str, rows: list[list[str]], **options) -> str:
    """The message of the build's refusal of one file (the build must refuse, leaving no warehouse)."""
    folder.mkdir()
    with open(folder / name, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(InputError) as refusal:
        build_warehouse(plan_sources([{"path": str(folder / name), **options}]), folder / "warehouse.duckdb",
                        log=lambda line: None)
    assert not (folder / "warehouse.duckdb").exists()
    return str(refusal.value)


@pytest.mark.parametrize("case, index", REFUSAL_CASES, ids=[f"{case}-{index}" for case, index in REFUSAL_CASES])
def test_refused_payload_gives_a_message_naming_file_row_and_column(tmp_path, case, index):
    name, rows, row, column = REFUSALS[case]
    message = _refused(tmp_path / "files", name, rows(FILE_PAYLOADS[index]))
    assert message.startswith(f"{name}, row {row}, column {column!r}: "), message
    _count(f"payloads refused with file, row and column: {case.split()[0]}")


@pytest.mark.parametrize("index", [index for index, payload in enumerate(PAYLOADS) if payload != FILE_PAYLOADS[index]])
def test_control_bytes_in_a_text_file_are_refused_naming_file_and_row(tmp_path, index):
    """A C0 control byte makes a text file binary: refused with the file and the row of the byte."""
    rows = [["date", "country", "kind", "title", "source"], ["2020-01-15", "KAZ", "other", "fine", "x"],
            ["2020-02-15", "KAZ", "other", PAYLOADS[index], PAYLOADS[index]]]
    message = _refused(tmp_path / "files", "events.csv", rows, format="events")
    assert message.startswith("events.csv, row 3: ") and "binary" in message, message
    _count("control-byte payloads refused with file and row")


def _open(monkeypatch, warehouse, view: str, **params) -> AppTest:
    return open_page(monkeypatch, warehouse, view, timeout=120, **params)


def _markdown_values(at: AppTest) -> list[str]:
    values = list(at.first_toasts)
    for kind in MARKDOWN_ELEMENTS:
        values += [str(element.value) for element in at.get(kind)]
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in at.get(kind):
            values.append(str(widget.label))
    return values


def _check_svg(svg: bytes, name: str) -> None:
    root = ElementTree.fromstring(svg)
    assert "a" not in {element.tag.rsplit("}", 1)[-1] for element in root.iter()}, name
    for element in root.iter():
        for value in element.attrib.values():
            assert EVIL_HOST not in value and "90px" not in value, (name, value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_table(name: str, content: bytes) -> int:
    """CSV: no cell a spreadsheet would read as a formula. Excel: text cells are typed text (never a
    formula, never a link), so they may start with '='."""
    if name.endswith(".csv"):
        cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
        for cell in cells:
            assert cell.startswith("'") or not starts_like_formula_text(cell) or _is_number(cell), (name, cell)
        return len(cells)
    count = 0
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        assert not sheet._hyperlinks, name
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                count += cell.value is not None
    return count


@pytest.mark.slow
@pytest.mark.parametrize("view", PAGES)
def test_every_page_on_hostile_data_and_link_shows_text_only_and_exports_safely(monkeypatch, hostile, downloads,
                                                                               view):
    warehouse, _ = hostile
    link = {"country": ["KAZ", FAMILIES["markdown"][1]], "theme": FAMILIES["directive"][0],
            "compare": FAMILIES["markup"][0], "profile": FAMILIES["markdown"][0],
            "indicator": [FAMILIES["latex"][0], HOSTILE_CODES[0], *OTHER_CODES],
            "q": FAMILIES["markup"][2], "present": FAMILIES["control"][0]}
    at = _open(monkeypatch, warehouse, view, **link)
    values = _markdown_values(at)
    for value in values:
        for signature in RAW_SIGNATURES:
            assert signature not in value, (view, signature, value)
    _count("markdown texts checked", len(values))
    charts = [decoded(json.loads(element.proto.spec)) for element in at.get("plotly_chart")]
    for spec in charts:
        _assert_inert(go.Figure(spec), view)
    _count("charts checked", len(charts))
    drawn = " | ".join(drawn_text(text) for spec in charts for text in _strings(spec))
    _count("payloads drawn as text in charts (page x payload)",
           sum(" ".join(payload.split()) in drawn for payload in FILE_PAYLOADS))
    for name, make in sorted(downloads.items()):
        content = make()
        content = content if isinstance(content, bytes) else content.encode()
        if name.endswith((".csv", ".xlsx")):
            _count("exported cells checked", _check_table(name, content))
        elif name.endswith(".svg"):
            _check_svg(content, name)
        elif name.endswith(".png"):
            assert content.startswith(b"\x89PNG"), name
        _count(f"{name.rsplit('.', 1)[-1]} downloads", 1)


@pytest.mark.slow
def test_report_deck_and_brief_of_hostile_charts(monkeypatch, hostile, downloads):
    warehouse, _ = hostile
    at = _open(monkeypatch, warehouse, "sources", indicator=HOSTILE_CODES[:3])
    buttons = [button for button in at.button if button.key and button.key.startswith("report-")]
    assert buttons
    for button in buttons:
        button.click().run()
    at.switch_page("views/report.py")
    at.run()
    assert not at.exception
    deck_name = next(name for name in downloads if name.endswith(".pptx"))
    deck = Presentation(io.BytesIO(downloads[deck_name]()))
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    titles = [slide.shapes.title.text for slide in deck.slides]
    closing = [title for title in titles if title == "Methods and sources"]
    # title slide, one per chart, then as many methods and sources slides as their text needs
    assert closing and len(titles) == len(buttons) + 1 + len(closing), text
    brief_name = next(name for name in downloads if name.endswith(".pdf"))
    brief = pypdf.PdfReader(io.BytesIO(downloads[brief_name]()))
    assert len(brief.pages) >= 1
    _count("deck slides", len(deck.slides))
    _count("brief pages", len(brief.pages))


def test_report_counts():
    """Prints the corpus figures (run with -s): payloads, families, files, what was checked."""
    print(f"\nhostile corpus: {len(PAYLOADS)} payloads in {len(FAMILIES)} families, "
          f"{len(FILE_PAYLOADS)} in files; " + ", ".join(f"{key}: {value}" for key, value in sorted(COUNTS.items())))
    assert len(PAYLOADS) == sum(len(family) for family in FAMILIES.values())
