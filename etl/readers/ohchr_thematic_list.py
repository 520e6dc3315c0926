"""Reader for OHCHR's "Thematic list of recommendations" of a UPR review (.docx, every edition)."""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.countries import load_resolver
from etl.errors import InputError
from etl.readers.base import OPTIONAL_COLUMNS, STAGED_COLUMNS, ReadContext, Reader, Staged
from etl.readers.common import ZIP_MAGIC, session_years
from settings import reference_dir

NAMING_HINT = ("a file name as OHCHR names it (UPR34_Kazakhstan_Thematic_list_of_Recommendations.docx "
               "or upr48-kazakhstan-thematic-list.docx), or `country:` (ISO3) and `session:` for this "
               "file in sources.yml")
PARAGRAPH = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s+(.*)$", re.DOTALL)
POSITION_SOURCE = re.compile(r"^\s*source of position\s*:\s*(.*)$", re.IGNORECASE)
SOURCE_PARTS = re.compile(r"^(?P<symbol>[A-Z]+/[A-Za-z0-9./]*[A-Za-z0-9])")
ADDENDUM = re.compile(r"/Add\.\d+$", re.IGNORECASE)
THEME_CODE = re.compile(r"^[A-Z]\d{1,2}\s+(?=\S)")     # 2nd-cycle edition: 'A12 Acceptance of ...'
SECTION = re.compile(r"^(affected persons|groups of persons|sdgs)\s*:\s*(.*)$", re.IGNORECASE)
FILE_NAME = re.compile(r"^upr[\s_-]*(\d{1,2})[\s_-]+(.+)$", re.IGNORECASE)
POSITIONS = {"supported": "supported", "noted": "noted"}


@dataclass
class Layout:
    """Which column holds what, read from the header row."""

    themes: int
    sdgs: int | None          # own column in the current edition; else inside the themes column
    edition: str


@dataclass
class ListedRecommendation:
    """One recommendation of a paragraph, as the document states it."""

    paragraph: str
    text: str
    states: list[str]
    position: str | None
    position_source: str | None
    document: str | None
    themes: list[str] = field(default_factory=list)
    affected: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)
    row: int = 0


def _cell_texts(row) -> list[str]:
    return [cell.text.strip() for cell in row.cells]


def layout_of(header: list[str]) -> Layout | None:
    """The layout a header row announces, or None when it is not a thematic list."""
    names = [name.strip().lower() for name in header]
    if len(names) < 3 or not names[0].startswith("recommendation") or not names[1].startswith("position"):
        return None
    if "theme" not in names[2]:
        return None
    if len(names) >= 4 and "sdg" in names[3]:
        return Layout(themes=2, sdgs=3, edition="current")
    return Layout(themes=2, sdgs=None, edition="2nd/3rd cycle")


def header_layout(xml: str) -> Layout | None:
    """The layout announced by the first row of the first table of word/document.xml text."""
    table = re.search(r"<w:tbl\b[^>]*>", xml)
    row_end = xml.find("</w:tr>", table.end()) if table else -1
    if row_end < 0:
        return None
    cells = re.findall(r"<w:tc\b[^>]*>.*?</w:tc>", xml[table.end():row_end], re.DOTALL)
    return layout_of([re.sub(r"<[^>]+>", "", cell) for cell in cells])


def _items(lines: list[str]) -> list[str]:
    return [line[2:].strip() if line.startswith("- ") else line.strip()
            for line in lines if line.strip() and line.strip() != "-"]


def themes_cell(text: str) -> tuple[list[str], list[str], list[str]]:
    """Themes (codes of the 2nd-cycle edition dropped), affected persons and SDGs of column 3."""
    sections = {"themes": [], "affected": [], "sdgs": []}
    current = "themes"
    for line in text.splitlines():
        line = line.strip()
        heading = SECTION.match(line)
        if heading:
            current = "sdgs" if heading.group(1).lower() == "sdgs" else "affected"
            line = heading.group(2).strip()
        if line:
            sections[current].append(line)
    themes = [THEME_CODE.sub("", item) for item in _items(sections["themes"])]
    return themes, _items(sections["affected"]), _items(sections["sdgs"])


def _trailing_group(text: str) -> tuple[int, str] | None:
    """(start, inside) of the balanced parenthesis that ends `text`, if it ends with one."""
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return index, text[index + 1:-1]
    return None


def _names(inside: str) -> list[str]:
    """State names of one parenthesis, split at commas outside nested parentheses."""
    names, depth, start = [], 0, 0
    for index, char in enumerate(inside):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            names.append(inside[start:index])
            start = index + 1
    names.append(inside[start:])
    return [name.strip() for name in names if name.strip()]


def peel_states(segment: str, is_state, force: bool = False) -> tuple[str, list[str]]:
    """Text and recommending states of `text (State, State) (State)`; states must resolve unless
    `force` (the paragraph's last recommendation), which takes its last parenthesis as states."""
    text, states = segment.strip().rstrip(";.").strip(), []
    while True:
        group = _trailing_group(text)
        if group is None:
            break
        names = _names(group[1])
        if not names or not all(is_state(name) for name in names):
            if force and not states:
                states = names
                text = text[:group[0]].strip()
            break
        states = names + states
        text = text[:group[0]].strip()
    return text, states


def split_paragraph(body: str, is_state) -> list[tuple[str, list[str]]]:
    """The recommendations a paragraph joins (`text (State); text (State);`), each with its states."""
    parts, start, depth = [], 0, 0
    ends = []
    for index, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            ends.append(index)
    ends.append(len(body))
    for end in ends:
        segment = body[start:end].strip()
        if not segment:
            start = end + 1
            continue
        text, states = peel_states(segment, is_state, force=end == len(body))
        if states:
            parts.append((text, states))
            start = end + 1
    leftover = body[start:].strip(" ;")
    if leftover and parts:
        text, states = parts[-1]
        parts[-1] = (f"{text}; {leftover}", states)
    elif leftover:
        parts.append((leftover, []))
    return parts


def position_source(line: str) -> tuple[str, str | None]:
    """('A/HRC/28/15/Add.1 - Para. 3', 'A/HRC/28/15'): the source as written and the report symbol."""
    written = line.strip()
    found = SOURCE_PARTS.match(written)
    return written, ADDENDUM.sub("", found.group("symbol")) if found else None


def recommendation_cell(text: str, number: int, display_name: str, is_state):
    """Paragraph, recommendations (text, states), position source and report of column 1."""
    body_lines, source = [], None
    for line in text.splitlines():
        found = POSITION_SOURCE.match(line)
        if found:
            source = found.group(1)
        elif line.strip():
            body_lines.append(line.strip())
    body = " ".join(body_lines)
    found = PARAGRAPH.match(body)
    if not found:
        raise InputError(display_name, f"no paragraph number at the start: {body[:60]!r}", row=number,
                         column="Recommendation", expected="'115.3 <text> (<recommending State>);'")
    parts = split_paragraph(found.group(2), is_state)
    if not parts or not all(states for _, states in parts):
        raise InputError(display_name, f"paragraph {found.group(1)}: no recommending State in "
                         "parentheses", row=number, column="Recommendation",
                         expected="'<text> (<State>[, <State>]);'")
    written, document = position_source(source) if source else (None, None)
    return found.group(1), parts, written, document


MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # a thematic list unpacks to a few MB; more is a zip bomb


def open_document(path: Path, display_name: str):
    """The python-docx Document, or an InputError naming the file (also when its parts would
    unpack to more than MAX_UNPACKED_BYTES: nothing is decompressed before that is known)."""
    import docx                      # python-docx: imported when a .docx is read

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        unpacked = 0                 # python-docx names the problem below
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(display_name, f"the Word document unpacks to {unpacked:,} bytes, more than "
                         f"{MAX_UNPACKED_BYTES:,}", expected="a thematic list of a few megabytes")
    try:
        return docx.Document(str(path))
    except Exception as error:       # a corrupt container: python-docx raises several types
        raise InputError(display_name, f"the Word document cannot be opened ({type(error).__name__})",
                         expected="a complete .docx file") from None


def read_rows(document, display_name: str, is_state) -> tuple[Layout, list[ListedRecommendation]]:
    """Every recommendation of the document's table, in document order."""
    for table in document.tables:
        if not table.rows:
            continue
        layout = layout_of(_cell_texts(table.rows[0]))
        if layout:
            break
    else:
        raise InputError(display_name, "no table with the thematic list header", row=1,
                         expected="'Recommendation | Position | Full list of themes | ...'")
    listed = []
    for number, row in enumerate(table.rows[1:], start=2):
        cells = _cell_texts(row)
        if not any(cells) or all(cell.lower().startswith("theme:") for cell in cells if cell):
            continue                  # blank row or a 'Theme: <label>' group row
        position = cells[1].strip().lower() if len(cells) > 1 else ""
        if position not in POSITIONS:
            raise InputError(display_name, f"unknown position {cells[1]!r}", row=number,
                             column="Position", expected="Supported or Noted")
        paragraph, parts, written, report = recommendation_cell(cells[0], number, display_name, is_state)
        themes, affected, sdgs = themes_cell(cells[layout.themes])
        if layout.sdgs is not None and layout.sdgs < len(cells):
            sdgs += _items(cells[layout.sdgs].splitlines())
        for text, states in parts:
            listed.append(ListedRecommendation(paragraph, text, states, POSITIONS[position], written,
                                               report, themes, affected, sdgs, number))
    if not listed:
        raise InputError(display_name, "header only: no recommendation rows", row=2,
                         expected="at least one recommendation row")
    return layout, listed


def review_of(path: Path, ctx: ReadContext, resolver, title: str | None) -> tuple[str, int]:
    """(state under review as ISO3, session) from sources.yml options, the file name or the title."""
    country = str(ctx.options.get("country") or "").strip() or None
    session = ctx.options.get("session")
    for name in (Path(ctx.display_name).stem, path.stem, title or ""):
        found = FILE_NAME.match(name.strip())
        if not found:
            continue
        session = session or int(found.group(1))
        words = [word for word in re.split(r"[\s_-]+", found.group(2)) if word]
        if "thematic" in [word.lower() for word in words]:
            words = words[:[word.lower() for word in words].index("thematic")]
        for size in range(len(words), 0, -1):
            country = country or resolver.resolve(" ".join(words[:size]))
        if country and session:
            break
    if not country or not session:
        missing = " and ".join(what for what, value in (("state under review", country),
                                                         ("session", session)) if not value)
        raise InputError(ctx.display_name, f"cannot tell the {missing} of this thematic list",
                         expected=NAMING_HINT)
    try:
        return country, int(session)
    except (TypeError, ValueError):
        raise InputError(ctx.display_name, f"bad session {session!r}", column="session",
                         expected="a UPR Working Group session number such as 34") from None


class OhchrThematicListReader(Reader):
    """OHCHR thematic list of a review: one staged row per recommendation and recommending state."""

    name = "ohchr_thematic_list"
    publisher = "OHCHR (thematic list of UPR recommendations)"     # OHCHR writes these documents

    def sniff(self, path: Path, head: bytes) -> bool:
        if not head.startswith(ZIP_MAGIC):
            return False
        try:
            if not Path(path).is_file():     # a FIFO or device would block zipfile's seek/read: not ours
                return False
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" not in archive.namelist():
                    return False
                with archive.open("word/document.xml") as handle:
                    start = handle.read(400_000).decode("utf-8", "replace")
        except Exception:            # any damaged or odd container: not ours (sniff never raises)
            return False
        return header_layout(start) is not None

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        resolver = load_resolver(reference_dir())

        def is_state(name: str) -> bool:
            return resolver.resolve(name) is not None

        document = open_document(Path(path), ctx.display_name)
        title = document.core_properties.title
        country, session = review_of(Path(path), ctx, resolver, title)
        layout, listed = read_rows(document, ctx.display_name, is_state)
        years = session_years()
        year = years[session - 1] if 0 < session <= len(years) else None
        staged = [{"id": None, "country": country, "mechanism": "upr", "body": "UPR",
                   "recommending_state": state, "session": session, "year": year, "date": None,
                   "document": item.document, "paragraph": item.paragraph,
                   "position_source": item.position_source, "text": item.text,
                   "response": item.position, "action_category": None, "is_pledge": False,
                   "affected_persons": "; ".join(item.affected) or None,
                   "sdgs": "; ".join(item.sdgs) or None, "tags": list(item.themes), "row": item.row}
                  for item in listed for state in item.states]
        frame = pd.DataFrame(staged, columns=STAGED_COLUMNS["recommendation"]
                             + OPTIONAL_COLUMNS["recommendation"])
        frame = frame.astype({"session": "Int64", "year": "Int64"})
        paragraphs = len({item.paragraph for item in listed})
        return Staged(format=self.name, rows_read=paragraphs, frames={"recommendation": frame},
                      title=title or None, tag_vocabulary="uhri",
                      notes=[f"{layout.edition} edition; {paragraphs} paragraphs, {len(listed)} "
                             f"recommendations, {len(staged)} recommendation-State rows"],
                      source_columns={"country": "file name (state under review)",
                                      "recommending_state": "Recommendation"})

