"""Tests of the treaty reference list and the UNTC and WPDL ratification readers on real files."""
from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.untc import UntcReader
from etl.readers.wpdl import WpdlReader
from etl.reference import load_treaties
from settings import DEFAULT_REFERENCE_DIR as REFERENCE_DIR
from etl.catalogue import load_catalogue

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
UNTC_DIR = DATA / "treaty_ratification_untc_scrape_2015"
WPDL_DIR = DATA / "treaty_ratification_wpdl_2022"
UNTC_FILES = sorted(UNTC_DIR.glob("4-*.csv"))
WPDL_FILES = sorted(WPDL_DIR.glob("hr_status_*.csv"))


CATALOGUE = load_catalogue()


def make_ctx(name: str) -> ReadContext:
    return ReadContext(con=duckdb.connect(), catalogue=CATALOGUE, display_name=name, options={})


def read_untc(path: Path):
    return UntcReader().read(path, make_ctx(path.name))


def read_wpdl(path: Path):
    return WpdlReader().read(path, make_ctx(path.name))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- data/reference/treaties.csv ---------------------------------------------------------------

def test_treaty_list_has_the_18_core_instruments_and_9_other_chapter_iv_ones():
    treaties = load_treaties(REFERENCE_DIR)
    core = [t for t in treaties if t["body"]]
    assert len(treaties) == 27
    assert [t["code"] for t in core] == [
        "ICERD", "ICESCR", "OP-ICESCR", "ICCPR", "ICCPR-OP1", "ICCPR-OP2", "CEDAW", "OP-CEDAW",
        "CAT", "OP-CAT", "CRC", "OP-CRC-AC", "OP-CRC-SC", "OP-CRC-IC", "ICMW", "CRPD", "OP-CRPD",
        "CED"]
    assert [t["sort_order"] for t in treaties] == list(range(1, 28))
    assert all(t["name_ru"] and t["name_ru"] != t["name_en"] for t in treaties)
    assert {t["code"]: t["body"] for t in core}["OP-CAT"] == "SPT"
    assert sum(t["is_protocol"] for t in core) == 9


def test_every_real_file_maps_to_exactly_one_treaty():
    treaties = load_treaties(REFERENCE_DIR)
    assert {t["untc_id"] for t in treaties} == {p.name.split("_")[0] for p in UNTC_FILES}
    suffixes = {t["wpdl_suffix"] for t in treaties if t["wpdl_suffix"]}
    assert len(suffixes) == 18
    assert {p.name[len("hr_status_"):-len("_central_asia.csv")] for p in WPDL_FILES} == suffixes


# --- UNTC ----------------------------------------------------------------------------------------

def test_untc_cat_file():
    staged = read_untc(UNTC_DIR / "4-9_central_asia.csv")
    ratification = staged.frames["ratification"]
    assert list(ratification.columns) == STAGED_COLUMNS["ratification"]
    assert staged.rows_read == 9
    assert len(ratification) == 11
    assert set(ratification["treaty"]) == {"CAT"}
    kazakhstan = ratification[ratification["country"] == "Kazakhstan"].to_dict("records")
    assert kazakhstan == [{"country": "Kazakhstan", "treaty": "CAT", "action": "accession",
                           "date": dt.date(1998, 8, 26), "year": 1998, "row": 4}]
    russia = ratification[ratification["country"] == "Russian Federation"]
    assert list(russia["action"]) == ["signature", "ratification"]
    assert list(russia["date"]) == [dt.date(1985, 12, 10), dt.date(1987, 3, 3)]
    events = staged.frames["event"]
    assert list(events.columns) == STAGED_COLUMNS["event"]
    assert len(events) == 9
    assert events.iloc[2].to_dict() == {"country": "Kazakhstan", "date": dt.date(1998, 8, 26),
                                        "kind": "ratification", "title": "CAT: accession", "row": 4}


def test_untc_all_27_files_load_with_the_verified_counts():
    assert len(UNTC_FILES) == 27
    actions, rows_read, events, empty = Counter(), 0, 0, []
    for path in UNTC_FILES:
        staged = read_untc(path)
        rows_read += staged.rows_read
        actions.update(staged.frames["ratification"]["action"])
        events += len(staged.frames["event"])
        if staged.rows_read == 0:
            empty.append(path.name)
            assert staged.frames["ratification"].empty and staged.notes
    assert rows_read == 144
    assert actions == {"accession": 83, "signature": 55, "ratification": 46, "acceptance": 6,
                       "approval": 1}
    assert events == 111
    assert empty == ["4-14_central_asia.csv", "4-2-a_central_asia.csv", "4-9-a_central_asia.csv"]


def test_untc_other_instruments_keep_their_own_codes_and_draw_no_events():
    staged = read_untc(UNTC_DIR / "4-10_central_asia.csv")
    mongolia = staged.frames["ratification"].query("country == 'Mongolia'")
    assert list(mongolia["treaty"]) == ["APARTHEID-SPORTS", "APARTHEID-SPORTS"]
    assert list(mongolia["action"]) == ["signature", "approval"]
    assert staged.frames["event"].empty
    amendment = read_untc(UNTC_DIR / "4-8-a_central_asia.csv").frames["ratification"]
    assert list(amendment["action"]) == ["acceptance", "acceptance"]
    assert set(amendment["treaty"]) == {"CEDAW-AM20"}


def test_untc_ratification_years_of_optional_protocols():
    frame = read_untc(UNTC_DIR / "4-9-b_central_asia.csv").frames["ratification"]
    parties = frame[frame["action"] != "signature"].set_index("country")["date"].to_dict()
    assert parties == {"Azerbaijan": dt.date(2009, 1, 28), "Kazakhstan": dt.date(2008, 10, 22),
                       "Kyrgyzstan": dt.date(2008, 12, 29), "Mongolia": dt.date(2015, 2, 12)}


def test_untc_sniff():
    reader = UntcReader()
    for path in UNTC_FILES:
        assert reader.sniff(path, path.read_bytes()[:65536])
    index = UNTC_DIR / "index_chapter4.csv"
    assert not reader.sniff(index, index.read_bytes())
    assert not reader.sniff(WPDL_FILES[0], WPDL_FILES[0].read_bytes())


def test_untc_unknown_treaty_id(tmp_path):
    path = shutil.copy(UNTC_DIR / "4-9_central_asia.csv", tmp_path / "4-99_central_asia.csv")
    with pytest.raises(InputError, match="known UNTC chapter IV id"):
        read_untc(Path(path))


def test_untc_bad_date_names_row_and_column(tmp_path):
    path = write(tmp_path / "4-9_x.csv", 'Participant,Signature,"Accession(a), Ratification"\n'
                 "Kazakhstan,,26 Aug 1998 a\nKyrgyzstan,,5 Sept 1997 a\n")
    with pytest.raises(InputError) as error:
        read_untc(path)
    assert (error.value.file, error.value.row, error.value.column) == (
        "4-9_x.csv", 3, "Accession(a), Ratification")


def test_untc_accession_code_in_signature_column(tmp_path):
    path = write(tmp_path / "4-9_x.csv", 'Participant,Signature,"Accession(a), Ratification"\n'
                 "Kazakhstan,1 Jan 1998 a,26 Aug 1998 a\n")
    with pytest.raises(InputError) as error:
        read_untc(path)
    assert (error.value.row, error.value.column) == (2, "Signature")


def test_untc_succession_to_signature_and_other_codes(tmp_path):
    path = write(tmp_path / "4-5_x.csv", 'Participant,"Signature, Succession to signature(d)",'
                 '"Ratification, Accession(a), Succession(d), Acceptance(A), Approval(AA)"\n'
                 "Alpha,3 Mar 1993 d,4 Apr 1994 d\nBeta,,5 May 1995 AA\nGamma,,6 Jun 1996 c\n")
    frame = read_untc(path).frames["ratification"]
    assert list(frame["action"]) == ["succession_to_signature", "succession", "approval",
                                     "formal_confirmation"]
    assert set(frame["treaty"]) == {"ICCPR-OP1"}


# --- WPDL ----------------------------------------------------------------------------------------

def test_wpdl_cat_file():
    staged = read_wpdl(WPDL_DIR / "hr_status_cat_central_asia.csv")
    frame = staged.frames["ratification"]
    assert list(frame.columns) == STAGED_COLUMNS["ratification"]
    assert staged.rows_read == 9 and len(frame) == 9
    assert set(frame["action"]) == {"ratification"} and set(frame["treaty"]) == {"CAT"}
    assert frame["date"].isna().all()
    assert frame.iloc[2].to_dict() == {"country": "KZ", "treaty": "CAT", "action": "ratification",
                                       "date": None, "year": 1998, "row": 4}


def test_wpdl_all_18_files_load_with_the_verified_counts():
    assert len(WPDL_FILES) == 18
    loaded, rows_read, treaties = 0, 0, set()
    for path in WPDL_FILES:
        staged = read_wpdl(path)
        rows_read += staged.rows_read
        loaded += len(staged.frames["ratification"])
        treaties |= set(staged.frames["ratification"]["treaty"])
    assert rows_read == 162
    assert loaded == 121        # 116 dated acts + 5 signatures without a year (kept, date unknown)
    assert len(treaties) == 18


def test_wpdl_signatories_without_year_and_inconsistent_flags_are_noted():
    staged = read_wpdl(WPDL_DIR / "hr_status_icescr_op_central_asia.csv")
    frame = staged.frames["ratification"]
    ratified = frame[frame["action"] == "ratification"]
    assert list(ratified["country"]) == ["MN"]
    # signatories without a year are kept as signatures whose date is unknown, not dropped
    undated = frame[frame["action"] == "signature"]
    assert len(undated) == 2 and undated["year"].isna().all()
    assert staged.notes == ["2 signatory row(s) without a year loaded as "
                            "'signed, date unknown' (the file gives no signature year)"]
    staged = read_wpdl(WPDL_DIR / "hr_status_iccpr_op1_central_asia.csv")
    assert "KZ" in set(staged.frames["ratification"]["country"])
    assert any("row(s) 4" in note for note in staged.notes)


def test_wpdl_file_without_note_column_loads():
    frame = read_wpdl(WPDL_DIR / "hr_status_op_crc_ic_central_asia.csv").frames["ratification"]
    assert frame[["country", "treaty", "year"]].values.tolist() == [["MN", "OP-CRC-IC", 2015]]


def test_wpdl_signatory_with_a_year_is_a_signature(tmp_path):
    path = write(tmp_path / "hr_status_cped_x.csv",
                 "iso2,member,state party,year ratification or accession,signatory,no action,status\n"
                 "AZ,Azerbaijan,0,2007,1,0,signatory state\n")
    frame = read_wpdl(path).frames["ratification"]
    assert frame[["treaty", "action", "year"]].values.tolist() == [["CED", "signature", 2007]]


def test_wpdl_sniff():
    reader = WpdlReader()
    assert all(reader.sniff(p, p.read_bytes()) for p in WPDL_FILES)
    assert not reader.sniff(UNTC_FILES[0], UNTC_FILES[0].read_bytes())


def test_wpdl_unknown_instrument(tmp_path):
    path = shutil.copy(WPDL_DIR / "hr_status_cat_central_asia.csv", tmp_path / "hr_status_xyz.csv")
    with pytest.raises(InputError, match="known instrument"):
        read_wpdl(Path(path))


@pytest.mark.parametrize("line, column", [
    ("KZ,Kazakhstan,1,1998,0,0,party,", "status"),
    ("KZ,Kazakhstan,1,,0,0,state party,", "year ratification or accession"),
    ("KZ,Kazakhstan,1,98,0,0,state party,", "year ratification or accession"),
])
def test_wpdl_bad_rows(tmp_path, line, column):
    path = write(tmp_path / "hr_status_cat_x.csv",
                 "iso2,member,state party,year ratification or accession,signatory,no action,"
                 "status,note\nKG,Kyrgyzstan,1,1997,0,0,state party,\n" + line + "\n")
    with pytest.raises(InputError) as error:
        read_wpdl(path)
    assert (error.value.row, error.value.column) == (3, column)
