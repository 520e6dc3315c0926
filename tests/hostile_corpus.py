"""Crafted input files (UPR Info CSV, UHRI workbook, OWID grapher CSVs, events and indicator-values
templates) with a hostile payload (tests/hostile_payloads.py) in every text field their reader keeps."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from tests.hostile_payloads import PAYLOADS

# A text file with C0 control bytes (other than tab and line ends) is read as binary and refused,
# with a message: in files the control family keeps its line breaks and Unicode controls only.
FILE_PAYLOADS = [re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", payload) for payload in PAYLOADS]


def _payload(index: int) -> str:
    return FILE_PAYLOADS[index % len(FILE_PAYLOADS)]


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def upr_info(folder: Path) -> Path:
    """UPR Info export: every payload as a recommendation text, recommending state, organisations and tag."""
    rows = [["Kazakhstan", _payload(i + 1), _payload(i + 2), _payload(i), _payload(i + 3), _payload(i + 4),
             _payload(i + 5), "Accepted" if i % 2 else "Noted", str(1 + i % 5),
             f"Torture and other CID treatment,{_payload(i + 6)}", str(7 + i % 20)]
            for i in range(len(FILE_PAYLOADS))]
    return _write(folder / "upr_info_export.csv", ["SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org",
                                                   "Response", "Action", "Issue", "Session"], rows)


def owid_grapher(folder: Path) -> list[Path]:
    """OWID grapher CSVs whose value column (an indicator name the catalogue does not know) is a payload
    (numbered, so that no two give the same indicator code)."""
    paths = []
    for index, payload in enumerate(FILE_PAYLOADS):
        rows = [[name, code, year, 0.1 * index + 0.01 * year % 1] for name, code in
                (("Kazakhstan", "KAZ"), ("Uzbekistan", "UZB")) for year in (2018, 2019, 2021)]
        paths.append(_write(folder / f"owid_hostile_{index:02d}.csv", ["Entity", "Code", "Year", f"{payload} #{index}"], rows))
    return paths


def events(folder: Path) -> Path:
    """Events template: every payload as an event title."""
    rows = [[f"{2010 + i % 12}-0{1 + i % 9}-15", ("KAZ", "UZB", "KGZ")[i % 3], "other", payload, payload]
            for i, payload in enumerate(FILE_PAYLOADS)]
    return _write(folder / "events.csv", ["date", "country", "kind", "title", "source"], rows)


def indicator_values(folder: Path) -> Path:
    """Indicator values template: every payload as a note."""
    rows = [["KAZ", "sdg_16_3_2_pretrial_custody", 2000 + i, 10 + i % 7, "", "", "", payload]
            for i, payload in enumerate(FILE_PAYLOADS)]
    return _write(folder / "indicator_values.csv",
                  ["country", "indicator", "year", "value", "lower", "upper", "disaggregation", "note"], rows)


def uhri(folder: Path) -> Path:
    """UHRI "Export to Excel" workbook: every payload as a text, document symbol, theme, affected
    persons group and recommending state."""
    import openpyxl

    from tests.uhri_fixture import HEADER

    rows = [{"Text": payload, "Countries Concerned": "- Kazakhstan", "Reccomending Body": "- UPR",
             "Document Symbol": f"- {_payload(i + 1)}", "Themes": f"- {_payload(i + 2)}\n- Torture",
             "Affected Persons": f"- {_payload(i + 3)}", "Document Publication Date": 43850 + i,
             "UPR Reccomending States": f"- {_payload(i + 4)}", "UPR Position": "- Supported",
             "Type": "- Recommendations", "OHCHR Annotation Id": f"hostile-{i}", "UPR Session": "- 34th Session"}
            for i, payload in enumerate(FILE_PAYLOADS)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(name) for name in HEADER])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":        # a payload starting with '=' stays text, as an export has it
                cell.data_type = "s"
    path = folder / "uhri_export.xlsx"
    workbook.save(path)
    return path


WRITERS = {"upr_info": upr_info, "uhri": uhri, "owid_grapher": owid_grapher, "events": events,
           "indicator_values": indicator_values}


def write_corpus(folder: Path) -> dict[str, list[Path]]:
    """Every crafted file in `folder`, by the reader meant to read it."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, writer in WRITERS.items():
        paths = writer(folder)
        written[name] = paths if isinstance(paths, list) else [paths]
    return written
