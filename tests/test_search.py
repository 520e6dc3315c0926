"""Search: the query language, stemming, glossary and highlighting, on the real UPR Info extract."""
from __future__ import annotations

import random
import re

import duckdb
import pytest

from apptest_support import open_page
from indicators.glossary import GlossaryError, glossary, parse_glossary
from indicators.markdown import WORD_JOINER
from etl.text import normalise, stem, stems
from indicators.search import And, Not, Or, Phrase, Prefix, QueryError, Term, parse
from indicators.search_highlight import highlight_markdown
from indicators.search_index import load_index
from indicators.search_query import run_search


@pytest.fixture(scope="module")
def real(real_warehouse):
    con = duckdb.connect(str(real_warehouse), read_only=True)
    index = load_index(con)
    # ../shared/data holds other publishers' recommendations too (OHCHR thematic lists of Slovenia):
    # the expected sets and counts are those of the UPR Info extract of the Central Asian countries.
    rows = con.execute("SELECT d.doc, r.text, r.is_pledge FROM search_doc d JOIN recommendation r "
                       "ON r.id = d.recommendation_id JOIN source s ON s.id = r.source_id "
                       "WHERE s.format = 'upr_info'").fetchall()
    assert len(rows) < con.execute("SELECT count(*) FROM search_doc").fetchone()[0]   # others are indexed
    docs = {doc: text for doc, text, _ in rows}
    pledges = {doc for doc, _, is_pledge in rows if is_pledge}
    yield index, docs, pledges
    con.close()


def found(real, query: str) -> set[int]:
    """The extract's texts the search finds (the index holds every source's texts)."""
    index, docs, _ = real
    outcome = run_search(index, query)
    assert outcome.error is None, outcome.error
    return set(outcome.hits.docs.tolist()) & set(docs)


def where(real, pattern: str) -> set[int]:
    """Texts of the extract matching a regular expression (case-insensitive): the expected sets."""
    return {doc for doc, text in real[1].items() if re.search(pattern, text, re.IGNORECASE)}


# ---- the table, as exact sets of real texts ---------------------------------------------

def test_or_is_an_operator(real):
    expected = where(real, r"\bjournalist(s|ic)?\b|\bmedia\b")
    assert found(real, "journalists OR media") == expected
    assert len(expected) == 48


def test_prefix_matches_words_starting_with_it(real):
    expected = where(real, r"\bdiscriminat")
    assert found(real, "discriminat*") == expected
    # 31, not the 32 texts holding the letters anywhere: "nondiscriminatory" does not start with them
    assert len(expected) == 31 and len(where(real, "discriminat")) == 32


def test_whole_words_only(real):
    expected = where(real, r"\bmedia\b")
    assert found(real, "media") == expected and len(expected) == 28
    assert where(real, r"immediately") & where(real, "media") - expected


def test_forms_of_a_word_find_each_other(real):
    expected = where(real, r"\btortur(e|es|ed|ing)\b")
    assert found(real, "tortured") == found(real, "torturing") == found(real, "torture") == expected
    assert len(expected) == 68 and where(real, r"\btortured\b") < expected


def test_russian_glossary_word_searches_english(real):
    expected = where(real, r"\btortur(e|es|ed|ing)\b")
    assert found(real, "пытк") == found(real, "пытки") == found(real, "ПЫТОК") == expected
    assert run_search(real[0], "пытк").english == ("torture",)
    assert found(real, "журналисты") == where(real, r"\bjournalist(s|ic)?\b")


def test_not_phrase_and_parentheses(real):
    torture = where(real, r"\btortur(e|es|ed|ing)\b")
    detention = where(real, r"\bdetention\b|\bdetained\b|\bdetain\b")
    assert found(real, "torture -detention") == found(real, "torture NOT detention") == torture - detention
    civil = where(real, r"\bcivil societ(y|ies)\b")
    assert found(real, '"civil society"') == civil and len(civil) > 0
    assert found(real, '"society civil"') == where(real, r"\bsociet(y|ies) civil\b")
    assert found(real, "(torture OR media) journalists") == (torture | where(real, r"\bmedia\b")) & \
        where(real, r"\bjournalist(s|ic)?\b")
    assert found(real, "NOT torture") == set(real[1]) - torture


# ---- parsing ----------------------------------------------------------------------------------

def test_parse_trees():
    assert parse('Torture  "civil   Society" -detention') == And((
        Term("tortur", "torture"), Phrase(("civil", "societi"), ("civil", "society")),
        Not(Term("detent", "detention"))))
    assert parse("a OR (b c)") == Or((Term("a", "a"), And((Term("b", "b"), Term("c", "c")))))
    assert parse("discriminat*") == Prefix("discriminat")
    assert parse("torture or media") == And((Term("tortur", "torture"), Term("or", "or"), Term("media", "media")))
    assert parse("пытки ИЛИ насилие") == Or((Term("пытк", "пытки"), Term("насил", "насилие")))
    assert parse("") is None and parse("  \x00 ") is None and parse("...") is None


@pytest.mark.parametrize("query,code", [('"civil society', "unclosed_quote"), ("(torture", "unbalanced_parentheses"),
                                        ("torture)", "unbalanced_parentheses"), ("OR media", "dangling_operator"),
                                        ("media OR", "dangling_operator"), ("torture NOT", "dangling_operator"),
                                        ("di*", "short_prefix"), ("dis*crim", "bad_wildcard"), ("()", "empty_group"),
                                        (" ".join(f"w{i}" for i in range(20)), "too_long")])
def test_unparseable_queries_get_a_code(query, code):
    with pytest.raises(QueryError) as raised:
        parse(query)
    assert raised.value.code == code


def test_random_input_never_raises_anything_but_query_error():
    generator = random.Random(11)
    alphabet = list('ab ()"*-ORNTAND пыткё\\\'<>')
    for _ in range(3000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 30)))
        try:
            parse(text)
        except QueryError:
            pass


# ---- stemming and folding -----------------------------------------------------------------------

def test_english_and_russian_stems():
    assert stem("tortured") == stem("torturing") == stem("torture")
    assert stem("journalists") == stem("journalist") != stem("journal")
    assert stem("пытки") == stem("пытками") == stem("пытка")
    assert stem("журналистов") == stem("журналисты")
    assert stem(normalise("Дискриминации")) == stem("дискриминация")


def test_accents_and_yo_folded():
    assert normalise("ЁЛКА Été Ça") == "елка ete ca"
    assert normalise("Й") == "й"                       # й is a letter of its own, not и + accent
    assert parse("détention") == parse("DETENTION")
    assert parse("ещё") == parse("еще")


# ---- glossary ---------------------------------------------------------------------------------

def test_glossary_file_is_valid_and_covers_the_themes():
    terms = glossary()
    assert len(terms.entries) >= 50
    english = {text for values in terms.entries.values() for text, _ in values}
    assert {"torture", "discrimination", "fair trial", "civil society", "death penalty",
            "national human rights institution", "impunity"} <= english


@pytest.mark.parametrize("row,message", [
    ({"ru": "torture", "en": "torture", "origin": "x"}, "row 2, column ru"),
    ({"ru": "пытки", "en": "пытки", "origin": "x"}, "row 2, column en"),
    ({"ru": "пытки", "en": "torture", "origin": ""}, "row 2, column origin"),
    ({"ru": "пытки", "en": "tor*ture", "origin": "x"}, "row 2, column en"),
])
def test_glossary_rows_are_validated(row, message):
    with pytest.raises(GlossaryError, match=message):
        parse_glossary([row], "glossary.csv")


def test_glossary_rejects_a_term_listed_twice():
    with pytest.raises(GlossaryError, match="row 4, column ru: 'пыток' -> 'torture' is listed twice"):
        parse_glossary([{"ru": "пытки", "en": "torture", "origin": "x"},
                        {"ru": "пыток", "en": "torture", "origin": "x"},
                        {"ru": "пыток", "en": "torture", "origin": "x"}], "glossary.csv")


# ---- highlighting -------------------------------------------------------------------------------

def test_highlight_marks_matches_and_escapes_everything_else():
    text = "Stop **torture** <script>alert(1)</script> [link](http://x.example) immediately; media"
    marked = highlight_markdown(text, parse("tortured OR media"))
    # a word joiner after the escaped colon breaks the autolink (indicators/markdown.py)
    assert marked == (r"Stop \*\***torture**\*\* \<script\>alert\(1\)\</script\> \[link\]\(http\:"
                      + WORD_JOINER + r"//x\.example\) immediately; **media**")
    assert highlight_markdown("Prevent torture", parse("пытк"), glossary().expand) == "Prevent **torture**"
    assert highlight_markdown("civil society and society", parse('"civil society" -and')) == \
        "**civil society** and society"


# ---- the page ---------------------------------------------------------------------------------

def test_page_searches_says_english_terms_and_hints(monkeypatch, real_warehouse, real):
    at = open_page(monkeypatch, real_warehouse, "recommendations", q="журналисты OR media")
    # the page counts the five countries' recommendations (the extract's), voluntary pledges apart
    expected = where(real, r"\bjournalist(s|ic)?\b|\bmedia\b")
    assert expected & real[2], "a pledge matches: the count below checks that pledges are left out"
    assert int(at.metric[0].value.replace(",", "")) == len(expected - real[2])
    assert any("Also searched in English\\: journalists" in c.value for c in at.caption)
    assert any("**media**" in m.value or "**journalists**" in m.value for m in at.markdown)
    assert at.query_params["q"] == "журналисты OR media"
    hinted = open_page(monkeypatch, real_warehouse, "recommendations", q="(torture")
    # the page's other warning (reviews not loaded, warn_missing_reviews) is not about the search
    assert [w.value for w in hinted.warning if "search" in w.value] == [
        "The search was not applied\\. Brackets do not match\\: close every \\( with a \\)\\."]


# ---- the index built by DuckDB agrees with the Python tokeniser -------------------------------------

def _indexed_stems(con) -> dict[int, list[str]]:
    rows = con.execute("SELECT p.doc, s.stem FROM search_posting p JOIN search_stem s USING (stem_id) "
                       "ORDER BY p.doc, p.pos").fetchall()
    found: dict[int, list[str]] = {}
    for doc, value in rows:
        found.setdefault(doc, []).append(value)
    return found


def test_index_words_equal_python_words_on_the_real_extract(real_warehouse):
    con = duckdb.connect(str(real_warehouse), read_only=True)
    try:
        texts = dict(con.execute("SELECT rowid, text FROM recommendation").fetchall())
        indexed = _indexed_stems(con)
    finally:
        con.close()
    assert {doc: stems(text) for doc, text in texts.items() if stems(text)} == indexed


def test_each_stem_counts_the_texts_that_hold_it_on_the_real_extract(real_warehouse):
    con = duckdb.connect(str(real_warehouse), read_only=True)
    try:
        texts = [text for (text,) in con.execute("SELECT text FROM recommendation").fetchall()]
        counted = dict(con.execute("SELECT stem, texts FROM search_stem").fetchall())
    finally:
        con.close()
    holding: dict[str, int] = {}
    for text in texts:
        for found in set(stems(text)):
            holding[found] = holding.get(found, 0) + 1
    assert counted == holding and max(counted.values()) > 100      # 'right' is in hundreds of texts


def test_texts_per_stem_counts_a_text_once_in_any_order():
    import numpy as np

    from etl.search_index import texts_per_stem

    # (stem, doc) per occurrence: stem 0 in texts 4 (twice) and 9; stem 2 in text 4; stem 1 nowhere
    postings = [(0, 4), (0, 4), (0, 9), (2, 4)]
    keys = np.array([(stem_id << 32) | doc for stem_id, doc in postings], dtype=np.int64)
    assert texts_per_stem(lambda: [keys], 3).tolist() == [2, 0, 1]
    assert texts_per_stem(lambda: [keys[:2], keys[2:]], 3).tolist() == [2, 0, 1]     # text 4 across batches
    assert texts_per_stem(lambda: [keys[:1], keys[1:2], keys[2:]], 3).tolist() == [2, 0, 1]
    assert texts_per_stem(lambda: [keys[::-1].copy()], 3).tolist() == [2, 0, 1]     # out of order: sorted
    assert texts_per_stem(lambda: [keys[2:], keys[:2]], 3).tolist() == [2, 0, 1]     # batches out of order
    assert texts_per_stem(lambda: [np.array([], dtype=np.int64)], 2).tolist() == [0, 0]


def test_texts_per_stem_reads_a_table_out_of_order_again(monkeypatch):
    import etl.search_index
    from etl.search_index import _posting_keys, texts_per_stem

    monkeypatch.setattr(etl.search_index, "KEYS_PER_BATCH", 2)     # the disorder is met in a later batch
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE search_posting (stem_id INTEGER, doc INTEGER, pos USMALLINT)")
    con.executemany("INSERT INTO search_posting VALUES (?, ?, ?)",
                    [(0, 4, 0), (0, 4, 3), (2, 4, 1), (0, 9, 0), (2, 5, 2), (2, 5, 4)])
    assert texts_per_stem(lambda: _posting_keys(con), 3).tolist() == [2, 0, 2]
    assert con.execute("SELECT count(*) FROM search_posting").fetchall() == [(6,)]   # the connection is free
    con.close()


def test_index_folds_like_python_on_tricky_texts():
    from etl.search_index import write_search_index

    tricky = ["Ёлки й Йогурт ÉTÉ naïve café", "women's rights_2030 №5 ½ x²", "Пыткам — «СМИ» ПЫТОК", ""]
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE recommendation (id VARCHAR, text VARCHAR)")
    con.executemany("INSERT INTO recommendation VALUES (?, ?)", [(f"r{i}", text) for i, text in enumerate(tricky)])
    assert write_search_index(con) == 4
    assert _indexed_stems(con) == {i: stems(text) for i, text in enumerate(tricky) if stems(text)}
    con.close()
