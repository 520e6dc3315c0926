"""Theme mapping complete: every real UPR Info tag and UHRI theme is mapped or outside on purpose."""
from __future__ import annotations

import csv
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pytest

from etl.errors import InputError
from etl.reference import load_reference
from settings import DEFAULT_REFERENCE_DIR as REFERENCE_DIR

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def listed(vocabulary: str) -> tuple[set[str], set[str]]:
    """(mapped tags, tags outside the priorities) of one vocabulary in data/reference."""
    with (REFERENCE_DIR / "theme_map.csv").open(encoding="utf-8") as handle:
        mapped = {row["tag"] for row in csv.DictReader(handle) if row["vocabulary"] == vocabulary}
    with (REFERENCE_DIR / "theme_outside.csv").open(encoding="utf-8") as handle:
        outside = {row["tag"] for row in csv.DictReader(handle) if row["vocabulary"] == vocabulary}
    return mapped, outside


def readme_upr_info_tags(shared_data: Path) -> list[str]:
    """The 'Issue' tags of the global UPR Info export as ../shared/data/README.md lists them."""
    text = (shared_data / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Issue` tags present in the global export:(.*?)\nSuggested", text, re.S).group(1)
    return [tag.strip().rstrip(".") for tag in " ".join(block.split()).split(";") if tag.strip()]


def thematic_list_themes(path: Path) -> set[str]:
    """UHRI theme labels of an OHCHR thematic list (.docx, column 3, before 'SDGs'/'Affected persons')."""
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    labels = set()
    for row in list(root.iter(f"{WORD}tr"))[1:]:          # row 1 is the header
        cells = row.findall(f"{WORD}tc")
        if len(cells) < 3:
            continue
        for paragraph in cells[2].iter(f"{WORD}p"):
            line = "".join(node.text or "" for node in paragraph.iter(f"{WORD}t")).strip()
            if line.startswith(("Affected persons", "SDGs")):
                break
            if line:
                labels.add(re.sub(r"^(?:- )?(?:[A-Z]\d+ )?", "", line).strip())
    return labels


def test_every_readme_upr_info_tag_is_mapped_or_outside(shared_data):
    tags = readme_upr_info_tags(shared_data)
    assert len(tags) == 54
    mapped, outside = listed("upr_info")
    assert sorted(set(tags) - mapped - outside) == []
    assert not mapped & outside


def test_every_uhri_theme_of_the_real_thematic_lists_is_mapped_or_outside(shared_data):
    labels = set()
    for path in sorted((shared_data / "ohchr_upr_thematic_lists").glob("*.docx")):
        labels |= thematic_list_themes(path)
    assert {"Equality & non-discrimination", "Members of minorities", "Prohibition of slavery, trafficking",
            "Right to health - General"} <= labels
    mapped, outside = listed("uhri")
    assert sorted(labels - mapped - outside) == []
    assert len(labels) > 80


def test_real_extract_has_no_unlisted_tag_and_other_themes_stay_counted(real_warehouse, shared_data):
    con = duckdb.connect(str(real_warehouse), read_only=True)
    try:
        unlisted = con.execute("""SELECT DISTINCT tag FROM recommendation_tag WHERE theme_code IS NULL
                                  AND tag NOT IN (SELECT tag FROM theme_outside)""").fetchall()
        tags_of = """SELECT DISTINCT t.tag FROM recommendation_tag t
                     JOIN recommendation r ON r.id = t.recommendation_id JOIN source s ON s.id = r.source_id
                     WHERE s.format = ?"""
        tags = {row[0] for row in con.execute(tags_of, ["upr_info"]).fetchall()}
        uhri_tags = {row[0] for row in con.execute(tags_of, ["ohchr_thematic_list"]).fetchall()}
        unthemed, total = con.execute("""SELECT count(*) FILTER (WHERE len(theme_codes) = 0), count(*)
                                         FROM recommendation""").fetchall()[0]
        # a recommendation with no ROCA theme carries only tags listed as outside the priorities
        only_outside = con.execute("""SELECT count(*) FROM recommendation r WHERE len(theme_codes) = 0
            AND NOT EXISTS (SELECT 1 FROM recommendation_tag t WHERE t.recommendation_id = r.id
                            AND t.tag NOT IN (SELECT tag FROM theme_outside))""").fetchall()[0][0]
        religion = con.execute("""SELECT count(*) FROM recommendation_tag
            WHERE tag = 'Freedom of religion and belief' AND theme_code = 'democratic_space'""").fetchall()[0][0]
    finally:
        con.close()
    assert unlisted == []
    assert len(tags) == 49                       # the UPR Info issue tags present in the real extract
    labels = set()                               # the UHRI themes of the two OHCHR thematic lists of Slovenia
    for path in sorted((shared_data / "ohchr_upr_thematic_lists").glob("*.docx")):
        labels |= thematic_list_themes(path)
    assert uhri_tags == labels and len(labels) == 93
    assert religion == 37
    assert only_outside == unthemed and 0 < unthemed < total
    print(f"\nunthemed share after the mapping: {unthemed}/{total} = {unthemed / total:.1%} (before: 155/731)")


def test_a_tag_both_mapped_and_outside_is_refused(tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, reference)
    with (reference / "theme_outside.csv").open("a", encoding="utf-8") as handle:
        handle.write("upr_info,Justice,listed twice\n")
    lines = (reference / "theme_outside.csv").read_text(encoding="utf-8").splitlines()
    with pytest.raises(InputError) as error:
        load_reference(reference)
    assert "theme_outside.csv" in str(error.value) and f"row {len(lines)}" in str(error.value)
    assert "Justice" in str(error.value)
