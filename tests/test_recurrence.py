"""Recurring recommendations: pairs across UPR cycles on the real extract, the checked pairs, pages."""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from rapidfuzz import fuzz, utils

from apptest_support import open_page
from etl.recurrence import MATCHES_KEPT, THRESHOLD, recurrence_pairs

CHECKED = Path(__file__).resolve().parents[1] / "data" / "reference" / "recurrence_checked_pairs.csv"


@pytest.fixture(scope="module")
def all_pairs(real_warehouse):
    """Every stored pair of ../shared/data: the UPR Info extract's and other publishers' (OHCHR
    thematic lists of Slovenia), with the format of each side's source."""
    con = duckdb.connect(str(real_warehouse), read_only=True)
    yield con.execute("""
        SELECT x.recommendation_id, x.earlier_id, x.score, x.cycle_code, x.earlier_cycle_code,
               r.country_iso3, e.country_iso3 AS earlier_country, r.text, e.text AS earlier_text,
               r.recommending_state, r.is_pledge, s.format AS source_format, es.format AS earlier_format
        FROM recommendation_recurrence x
        JOIN recommendation r ON r.id = x.recommendation_id
        JOIN recommendation e ON e.id = x.earlier_id
        JOIN source s ON s.id = r.source_id
        JOIN source es ON es.id = e.source_id""").df()
    con.close()


@pytest.fixture(scope="module")
def pairs(all_pairs):
    """The pairs of the Central Asian UPR Info extract (the checked pairs and counts are its)."""
    extract = (all_pairs["source_format"] == "upr_info") & (all_pairs["earlier_format"] == "upr_info")
    assert ((all_pairs["source_format"] == "upr_info") == extract).all()   # no pair across publishers here
    return all_pairs[extract].reset_index(drop=True)


def test_the_three_kazakhstan_pairs_are_found(pairs):
    kaz = pairs[pairs["country_iso3"] == "KAZ"]
    icescr = kaz[kaz["text"].str.contains("(OP-ICESCR)", regex=False)]
    assert sorted(icescr["recommending_state"]) == ["Argentina", "Portugal", "Uruguay"]
    assert set(icescr["earlier_text"]) == {"Sign and ratify the Optional Protocol to the International Covenant "
                                           "on Economic, Social and Cultural Rights"}
    crpd = kaz[kaz["text"] == "Finalize the ratification of the Convention on the Rights of Persons with Disabilities"]
    assert "Ratify the Convention on the Rights of Persons with Disabilities" in set(crpd["earlier_text"])
    violence = kaz[kaz["text"].str.startswith("Enact the draft law on domestic violence")]
    assert list(violence["earlier_text"]) == ["Enact the draft law on domestic violence in full compliance with "
                                              "international standards"]


def test_pairs_are_same_state_later_cycle_above_threshold(pairs, all_pairs):
    assert len(pairs) == 16                                   # the real extract: Kazakhstan cycles 1 and 2
    assert set(zip(pairs["cycle_code"], pairs["earlier_cycle_code"])) == {("upr-2", "upr-1")}
    # every stored pair, the other publishers' too, is one state's, a later cycle's, above the threshold
    assert len(all_pairs) > len(pairs)
    assert (all_pairs["country_iso3"] == all_pairs["earlier_country"]).all()
    assert (all_pairs["cycle_code"].str.removeprefix("upr-").astype(int) >
            all_pairs["earlier_cycle_code"].str.removeprefix("upr-").astype(int)).all()
    assert (all_pairs["score"] >= THRESHOLD).all()
    for later, earlier, score in zip(all_pairs["text"], all_pairs["earlier_text"], all_pairs["score"]):
        assert fuzz.token_sort_ratio(later, earlier, processor=utils.default_process) == pytest.approx(score, abs=0.06)


def test_checked_pairs_support_the_threshold(pairs):
    with open(CHECKED, encoding="utf-8") as handle:
        checked = list(csv.DictReader(handle))
    assert len(checked) >= 50
    assert {row["same_ask"] for row in checked} == {"yes", "no"}
    above = [row for row in checked if float(row["score"]) >= THRESHOLD]
    precision = sum(row["same_ask"] == "yes" for row in above) / len(above)
    assert precision >= 0.9 and len(above) == 16
    below = [row for row in checked if float(row["score"]) < THRESHOLD]
    assert sum(row["same_ask"] == "yes" for row in below) / len(below) < 0.5   # lower would add noise
    stored = set(zip(pairs["recommendation_id"], pairs["earlier_id"]))
    assert {(row["recommendation_id"], row["earlier_id"]) for row in above} == stored


def test_identical_texts_pair_and_same_cycle_or_other_state_do_not():
    rows = pd.DataFrame({
        "id": ["a1", "a2", "b1", "c1", "c2"],
        "country_iso3": ["KAZ", "KAZ", "KAZ", "KGZ", "KAZ"],
        "cycle_code": ["upr-1", "upr-2", "upr-2", "upr-1", "upr-1"],
        "cycle_start": pd.to_datetime(["2008-04-07", "2012-10-22", "2012-10-22", "2008-04-07", "2008-04-07"]),
        "text": ["Ratify the OP-CAT", "Ratify the OP-CAT", "Abolish the death penalty", "Abolish the death penalty",
                 "Ratify the OP-CAT"],
    })
    found = recurrence_pairs(rows)
    # the identical earlier text (a1, c2) is represented by its first occurrence
    assert set(zip(found["recommendation_id"], found["earlier_id"], found["score"])) == {("a2", "a1", 100.0)}


def expected_pairs(rows: pd.DataFrame) -> list[tuple]:
    """The pairs recurrence_pairs should give, worked out one row at a time: each later row (in
    state, cycle start and id order) against the first row of every distinct earlier text, the
    MATCHES_KEPT best at or above the threshold (ties: the earlier row first)."""
    rows = rows.sort_values(["country_iso3", "cycle_start", "id"]).to_dict("records")
    found = []
    for later in rows:
        earlier, seen = [], set()
        for row in rows:
            if (row["country_iso3"] == later["country_iso3"] and row["cycle_start"] < later["cycle_start"]
                    and row["text"] not in seen):
                seen.add(row["text"])
                earlier.append(row)
        scored = [(fuzz.token_sort_ratio(later["text"], row["text"], processor=utils.default_process), j, row)
                  for j, row in enumerate(earlier)]
        best = sorted([s for s in scored if s[0] >= THRESHOLD], key=lambda s: (-s[0], s[1]))[:MATCHES_KEPT]
        found += [(later["id"], row["id"], round(score, 1), later["cycle_code"], row["cycle_code"])
                  for score, _, row in best]
    return found


def test_every_later_row_gets_the_best_earlier_texts_in_order():
    texts = {
        "opcat": "Ratify the Optional Protocol to the Convention against Torture",
        "opcat_soon": "Ratify promptly the Optional Protocol to the Convention against Torture",
        "opcat_of": "Ratify the Optional Protocol of the Convention against Torture",
        "opcat_short": "Ratify the Protocol to the Convention against Torture",
        "opcat_and": "Sign and ratify the Optional Protocol to the Convention against Torture",
        "death": "Abolish the death penalty",
        "death_now": "Abolish the death penalty in law",
    }
    plan = [("e1", "upr-1", "opcat"), ("e2", "upr-1", "opcat_soon"), ("e3", "upr-1", "death"),
            ("e4", "upr-1", "opcat_short"), ("e5", "upr-1", "opcat"), ("e6", "upr-1", "opcat_and"),
            ("l1", "upr-2", "opcat_of"), ("l2", "upr-2", "opcat_of"), ("l3", "upr-2", "death_now"),
            ("l4", "upr-2", "opcat"), ("n1", "upr-3", "opcat"), ("n2", "upr-3", "death")]
    starts = {"upr-1": "2008-04-07", "upr-2": "2012-10-22", "upr-3": "2017-05-01"}
    rows = pd.DataFrame({"id": [p[0] for p in plan], "country_iso3": "KAZ", "cycle_code": [p[1] for p in plan],
                         "cycle_start": pd.to_datetime([starts[p[1]] for p in plan]),
                         "text": [texts[p[2]] for p in plan]})
    expected = expected_pairs(rows)
    found = recurrence_pairs(rows.sample(frac=1, random_state=3))      # rows in any order
    assert [(a, b, c, d) for a, b, _, c, d in expected] == list(zip(
        found["recommendation_id"], found["earlier_id"], found["cycle_code"], found["earlier_cycle_code"]))
    assert found["score"].tolist() == pytest.approx([e[2] for e in expected], abs=0.06)
    # both rows of a repeated later text get the pairs; a repeated earlier text counts once (e1, not e5);
    # the fourth-best earlier text of l4 is left out
    assert [e[1] for e in expected if e[0] == "l1"] == [e[1] for e in expected if e[0] == "l2"] != []
    assert "e5" not in found["earlier_id"].tolist()
    assert len([e for e in expected if e[0] == "l4"]) == MATCHES_KEPT


def test_country_profile_shows_both_texts(monkeypatch, real_warehouse, pairs):
    at = open_page(monkeypatch, real_warehouse, "country", profile="KAZ")
    tables = [f.value for f in at.dataframe if "Earlier recommendation" in f.value.columns]
    assert len(tables) == 1
    shown = tables[0]
    assert len(shown) == len(pairs[pairs["country_iso3"] == "KAZ"])
    assert set(shown["Recurs from"]) == {"UPR cycle 1 (2008-2011)"}
    assert set(zip(shown["Later recommendation"], shown["Earlier recommendation"])) == \
        set(zip(pairs["text"], pairs["earlier_text"]))


def test_recommendations_page_filters_recurring(monkeypatch, real_warehouse, pairs):
    at = open_page(monkeypatch, real_warehouse, "recommendations", recurs="1")
    assert int(at.metric[0].value.replace(",", "")) == pairs["recommendation_id"].nunique()
    assert at.checkbox(key="rec_recurs").value is True
    assert at.query_params["recurs"] == "1"


def test_the_sizes_counted_in_the_database_are_the_comparisons_recurrence_pairs_makes(real_warehouse, monkeypatch):
    """recurrence_sizes (hash of each text, cycles as bits) gives, for every state and later cycle, the
    distinct later and earlier texts recurrence_pairs counts (it logs them when it skips a pair)."""
    import re

    import etl.recurrence
    from etl.sqlfiles import sql
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        sizes = {(country, cycle): (later, earlier)
                 for country, cycle, position, later, earlier in con.execute(sql("search/recurrence_sizes")).fetchall()
                 if position > 1}
        rows = pd.concat([con.execute(sql("search/recurrence_texts"), {"country": country}).df()
                          for country in sorted({country for country, _ in sizes})], ignore_index=True)
    monkeypatch.setattr(etl.recurrence, "MAX_COMPARISONS", -1)     # skip, and so log, every pair of cycles
    logged: list[str] = []
    recurrence_pairs(rows, log=logged.append)
    counted = {(country, cycle): (int(later.replace(",", "")), int(earlier.replace(",", "")))
               for country, cycle, later, earlier in
               (re.fullmatch(r"recurrence: (\w+) (\S+) skipped \(([\d,]+) x ([\d,]+) distinct texts\)", line).groups()
                for line in logged)}
    assert len(counted) >= 2 and counted == sizes        # Kazakhstan's two cycles, Slovenia's three


def test_the_sizes_count_a_text_in_every_cycle_it_occurs_in(monkeypatch):
    """Three cycles of one state: a text repeated in all three, one in the first and third only."""
    import re

    import etl.recurrence
    from etl.sqlfiles import sql
    texts = {"upr-1": ["a", "b", "c"], "upr-2": ["a", "d", "d"], "upr-3": ["a", "c", "e", "f"]}
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE cycle (code VARCHAR, kind VARCHAR, start_date DATE)")
    con.execute("INSERT INTO cycle VALUES ('upr-1', 'upr', '2008-01-01'), ('upr-2', 'upr', '2012-01-01'), "
                "('upr-3', 'upr', '2017-01-01')")
    con.execute("CREATE TABLE recommendation (id VARCHAR, country_iso3 VARCHAR, cycle_code VARCHAR, "
                "mechanism VARCHAR, text VARCHAR)")
    con.executemany("INSERT INTO recommendation VALUES (?, 'KGZ', ?, 'upr', ?)",
                    [(f"{cycle}-{number}", cycle, text) for cycle, found in texts.items()
                     for number, text in enumerate(found)])
    sizes = {cycle: (later, earlier) for _, cycle, position, later, earlier
             in con.execute(sql("search/recurrence_sizes")).fetchall() if position > 1}
    # later: distinct texts of the cycle; earlier: distinct texts first seen in an earlier cycle
    assert sizes == {"upr-2": (2, 3), "upr-3": (4, 4)}
    monkeypatch.setattr(etl.recurrence, "MAX_COMPARISONS", -1)
    logged: list[str] = []
    recurrence_pairs(con.execute(sql("search/recurrence_texts"), {"country": "KGZ"}).df(), log=logged.append)
    assert [re.search(r"\((\d+) x (\d+)", line).groups() for line in logged] == [("2", "3"), ("4", "4")]
