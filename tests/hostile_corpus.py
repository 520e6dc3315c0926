"""Writes a folder of crafted input files, one per reader the corpus covers, with a hostile payload
(tests/hostile_payloads.py) in every text field the reader keeps; builds a warehouse from them."""
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


WRITERS = {"upr_info": upr_info, "owid_grapher": owid_grapher, "events": events,
           "indicator_values": indicator_values}


def write_corpus(folder: Path) -> dict[str, list[Path]]:
    """Every crafted file in `folder`, by the reader meant to read it."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, writer in WRITERS.items():
        paths = writer(folder)
        written[name] = paths if isinstance(paths, list) else [paths]
    return written
