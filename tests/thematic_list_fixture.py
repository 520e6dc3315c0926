"""Writes a small OHCHR "Thematic list of recommendations" .docx in the current (4-column) layout."""
from __future__ import annotations

from pathlib import Path

import docx

HEADER = ["Recommendation and recommending State", "Position of the State under review",
          "Human rights themes and groups of persons", "Relevant SDGs"]

# (group theme, column 1 lines, position, column 3 lines, column 4 lines)
ROWS = [
    ("Equality & non-discrimination",
     ["48.1 Adopt a comprehensive anti-discrimination law covering all grounds (Canada, "
      "Bolivia (Plurinational State of)); Ensure that the anti-discrimination law defines direct "
      "and indirect discrimination (Spain);",
      "Source of position: A/HRC/56/10/Add.1 - Para. 4"],
     "Supported",
     ["- Equality & non-discrimination", "- Racial discrimination", "Groups of Persons:",
      "- Women", "- Members of minorities"],
     ["- 5 - GENDER EQUALITY", "- 10 - REDUCED INEQUALITIES"]),
    ("Equality & non-discrimination",
     ["48.2 Ratify the ILO Convention, 2019 (No. 190) (France) (Lithuania);",
      "Source of position: A/HRC/56/10 - Para. 48"],
     "Noted",
     ["- Acceptance of international norms", "- Right to work"],
     ["- 8 - DECENT WORK AND ECONOMIC GROWTH"]),
    ("Freedom of opinion & expression & right to information",
     ["48.3 Decriminalize defamation (Norway);",
      "Source of position: A/HRC/56/10/Add.1 - Para. 5"],
     "Supported",
     ["- Freedom of opinion & expression & right to information", "Groups of Persons:",
      "- Media", "- Human rights defenders"],
     []),
]


def _fill(cell, lines: list[str]) -> None:
    cell.paragraphs[0].text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def write_current_layout(path: Path, rows: list | None = None, header: list[str] | None = None) -> Path:
    """Write `rows` (default ROWS) under `header` (default HEADER), with 'Theme:' group rows."""
    document = docx.Document()
    document.add_paragraph("Thematic list of recommendations")
    table = document.add_table(rows=1, cols=4)
    for cell, name in zip(table.rows[0].cells, header or HEADER):
        cell.text = name
    group = None
    for theme, recommendation, position, themes, sdgs in ROWS if rows is None else rows:
        if theme != group:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[3])
            merged.text = f"Theme: {theme}"
            group = theme
        cells = table.add_row().cells
        _fill(cells[0], recommendation)
        _fill(cells[1], [position])
        _fill(cells[2], themes)
        _fill(cells[3], sdgs)
    document.save(path)
    return Path(path)
