"""Crafted input files (UPR Info CSV, UHRI workbook, OHCHR thematic list .docx, OWID grapher, country-year,
Open SDG, SDMX-ML, SDMX-CSV and Data360 files, events and indicator-values templates) with a hostile
payload (tests/hostile_payloads.py) in every text field their reader keeps."""
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




def open_sdg(folder: Path) -> Path:
    """Open SDG national file: every payload as a disaggregation value, a unit and a disaggregation
    column name (REF_AREA gives the country)."""
    names = [f"{_payload(i)} #{i}" for i in range(3)]
    rows = [[2000 + i, "KAZ", _payload(i), "" if i % 3 else _payload(i + 5), _payload(i + 1), "", 5 + i % 4]
            for i in range(len(FILE_PAYLOADS))]
    rows += [[2001 + i, "KAZ", "", "", "", f"group {i}", 3] for i in range(len(names))]
    header = ["Year", "REF_AREA", names[0], names[1], "Units", names[2], "Value"]
    return _write(folder / "indicator_99-9-1.csv", header, rows)


def sdmx_ml(folder: Path) -> Path:
    """SDMX-ML StructureSpecificData: every payload as a SERIES code (the name of an uncatalogued
    indicator), a dimension value, a unit and an observation comment."""
    import xml.etree.ElementTree as ElementTree

    message = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
    root = ElementTree.Element(f"{{{message}}}StructureSpecificData")
    dataset = ElementTree.SubElement(root, "DataSet")
    for i, payload in enumerate(FILE_PAYLOADS):
        series = ElementTree.SubElement(dataset, "Series", {
            "SERIES": f"{payload} #{i}", "REF_AREA": ("KAZ", "UZB", "KGZ")[i % 3],
            "SEX": _payload(i + 1), "UNIT_MEASURE": _payload(i + 2)})
        for year in (2017, 2019):
            ElementTree.SubElement(series, "Obs", {"TIME_PERIOD": str(year), "OBS_VALUE": str(10 + i + year % 7),
                                                   "COMMENT_OBS": _payload(i + 3)})
    path = folder / "sdmx_hostile.xml"
    ElementTree.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def sdmx_csv(folder: Path) -> Path:
    """SDMX-CSV: every payload as a SERIES code (an uncatalogued indicator's name), a dimension value
    and a unit. The number goes first: a cell 'CODE: Label' is read as its code, so a number after a
    payload ending in ':' would make the payload a code with a label."""
    rows = [["UNSD:DF_HOSTILE(1.0)", "A", ("398", "417", "860")[i % 3], f"#{i} {payload}", _payload(i + 1),
             _payload(i + 2), str(2015 + i % 5), str(1 + i), "0", _payload(i + 3)]
            for i, payload in enumerate(FILE_PAYLOADS)]
    return _write(folder / "sdmx_csv_hostile.csv", ["DATAFLOW", "FREQ", "REF_AREA", "SERIES", "SEX", "UNIT_MEASURE",
                                                   "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT", "COMMENT_OBS"], rows)


def data360(folder: Path) -> Path:
    """Data360 wide CSV: every payload as an INDICATOR code (an uncatalogued indicator's name), a
    breakdown, a unit and the label columns."""
    rows = [["datastructure", "WB.DATA360:DS_DATA360(1.3)", "I", "A", ("KAZ", "UZB", "TJK")[i % 3],
             f"#{i} {payload}", _payload(i + 1), _payload(i + 2), "HOSTILE", _payload(i + 3), _payload(i + 4),
             _payload(i + 5), "", str(1 + i), ""]
            for i, payload in enumerate(FILE_PAYLOADS)]
    return _write(folder / "data360_hostile.csv",
                  ["STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "REF_AREA", "INDICATOR", "SEX", "UNIT_MEASURE",
                   "DATABASE_ID", "REF_AREA_LABEL", "INDICATOR_LABEL", "SEX_LABEL", "2019", "2020", "2021"], rows)


def country_year(folder: Path) -> Path:
    """Country-year table: a catalogued column beside one uncatalogued column per payload (their
    names go into the load notes)."""
    header = ["country_name", "year", "polrights_fh"] + [f"{payload} #{i}" for i, payload in enumerate(FILE_PAYLOADS)]
    rows = [[name, year, 1 + year % 5] + ["1"] * len(FILE_PAYLOADS)
            for name in ("Kazakhstan", "Uzbekistan") for year in (2016, 2017, 2018)]
    return _write(folder / "country_year_hostile.csv", header, rows)


def thematic_list(folder: Path) -> Path:
    """OHCHR thematic list .docx: every payload in a recommendation text, a recommending state's
    place, a theme and a group of persons."""
    from tests.thematic_list_fixture import write_current_layout

    rows = [(f"Theme {i % 3}",
             [f"48.{i + 1} {' '.join(payload.split())} (Canada);", "Source of position: A/HRC/56/10 - Para. 4"],
             "Supported" if i % 2 else "Noted",
             [f"- {' '.join(_payload(i + 1).split())}", "Groups of Persons:", f"- {' '.join(_payload(i + 2).split())}"],
             [f"- {' '.join(_payload(i + 3).split())}"])
            for i, payload in enumerate(FILE_PAYLOADS)]
    return write_current_layout(folder / "upr48-kazakhstan-thematic-list.docx", rows)


def wpdl(folder: Path) -> Path:
    """WPDL status table: every payload as a member name (a column the reader does not keep; the
    country is its iso2 code), for states outside the demo data."""
    codes = ["FR", "DE", "IT", "ES", "PT", "NL", "BE", "AT", "CH", "SE", "NO", "DK", "FI", "IE", "PL",
             "CZ", "SK", "HU", "RO", "BG", "GR", "HR", "SI"]
    rows = [[code, _payload(i), "1" if i % 3 else "0", str(1990 + i) if i % 3 else "",
             "state party" if i % 3 else "no action"] for i, code in enumerate(codes[:len(FILE_PAYLOADS)])]
    return _write(folder / "hr_status_cat.csv",
                  ["iso2", "member", "state party", "year ratification or accession", "status"], rows)


WRITERS = {"upr_info": upr_info, "uhri": uhri, "owid_grapher": owid_grapher, "events": events,
           "indicator_values": indicator_values, "open_sdg": open_sdg, "sdmx": sdmx_ml, "sdmx_csv": sdmx_csv,
           "data360": data360, "country_year": country_year, "ohchr_thematic_list": thematic_list, "wpdl": wpdl}


def write_corpus(folder: Path) -> dict[str, list[Path]]:
    """Every crafted file in `folder`, by the reader meant to read it."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, writer in WRITERS.items():
        paths = writer(folder)
        written[name] = paths if isinstance(paths, list) else [paths]
    return written
