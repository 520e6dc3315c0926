"""Country resolution: every name variant publishers write resolves to its ISO3 or is refused, never guessed."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.countries import AmbiguousCountry, load_resolver, normalise_name
from settings import DEFAULT_REFERENCE_DIR as REFERENCE_DIR

CORPUS = Path(__file__).resolve().parent / "data" / "country_names.csv"


def _corpus() -> list[dict]:
    with open(CORPUS, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _outcome(resolver, name: str) -> str:
    try:
        return resolver.resolve_strict(name) or "UNRESOLVED"
    except AmbiguousCountry:
        return "AMBIGUOUS"


def test_the_corpus_resolves_every_name_right_and_refuses_only_ambiguous_ones():
    rows = _corpus()
    resolver = load_resolver(REFERENCE_DIR)
    outcomes = [(row, _outcome(resolver, row["name"])) for row in rows]
    wrong = [(row["publisher"], row["name"], row["expected"], got) for row, got in outcomes
             if got != row["expected"]]
    resolved = sum(got not in ("AMBIGUOUS", "UNRESOLVED") for _, got in outcomes)
    refused = sum(got == "AMBIGUOUS" for _, got in outcomes)
    print(f"\ncountry corpus: {len(rows)} names, {resolved} resolved, {refused} refused as ambiguous, "
          f"{len(wrong)} wrong")
    assert wrong == []
    assert len(rows) >= 400 and refused >= 5
    assert {row["publisher"].split(" ")[0] for row in rows} >= {
        "World", "UN", "UPR", "OHCHR", "OWID", "V-Dem", "Freedom", "RSF"}


@pytest.mark.parametrize("name, candidates", [
    ("Congo", ["COD", "COG"]), ("Korea", ["KOR", "PRK"]), ("Virgin Islands", ["VGB", "VIR"]),
    ("Congo (the)", ["COD", "COG"])])
def test_an_ambiguous_name_lists_its_candidates(name, candidates):
    with pytest.raises(AmbiguousCountry) as raised:
        load_resolver(REFERENCE_DIR).resolve_strict(name)
    assert raised.value.candidates == candidates
    assert all(code in str(raised.value) for code in candidates)


@pytest.mark.parametrize("name, iso3", [
    ("Niger", "NER"), ("Nigeria", "NGA"), ("Republic of Korea", "KOR"), ("Guinea", "GIN"),
    ("Guinea-Bissau", "GNB"), ("Equatorial Guinea", "GNQ"), ("Sudan", "SDN"), ("South Sudan", "SSD"),
    ("Dominica", "DMA"), ("Dominican Republic", "DOM")])
def test_names_fuzzy_matching_confuses_resolve_exactly(name, iso3):
    assert load_resolver(REFERENCE_DIR).resolve_strict(name) == iso3


@pytest.mark.parametrize("name", ["Guinea (Equatorial Bissau)", "Sudan, North-East", "Narnia",
                                  "Korea, Middle", "Congo Basin"])
def test_a_qualifier_that_may_distinguish_is_never_dropped(name):
    assert load_resolver(REFERENCE_DIR).resolve_strict(name) is None


@pytest.mark.parametrize("name, iso3", [("USSR", "SUN"), ("Soviet Union", "SUN"), ("Yugoslavia", "YUG"),
                                        ("YUG", "YUG"), ("Serbia and Montenegro", "SCG"), ("SCG", "SCG"),
                                        ("Czechoslovakia", "CSK")])
def test_historical_states_are_kept_as_themselves(name, iso3):
    resolver = load_resolver(REFERENCE_DIR)
    assert resolver.resolve_strict(name) == iso3
    assert resolver.country_row(iso3)["name_en"] in ("USSR", "Yugoslavia", "Serbia and Montenegro",
                                                    "Czechoslovakia")


def test_the_normalised_key_folds_case_accents_entities_and_abbreviations():
    assert normalise_name("C&ocirc;te d&#39;Ivoire") == normalise_name("COTE D'IVOIRE") == "cote divoire"
    assert normalise_name("St. Kitts & Nevis") == "saint kitts and nevis"
    assert normalise_name("Korea, Dem. People's Rep.") == "korea democratic peoples republic"


def test_an_alias_line_settles_an_ambiguous_name_for_the_user(tmp_path):
    import shutil
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, reference)
    with open(reference / "country_aliases.csv", "a", encoding="utf-8") as handle:
        handle.write("Congo,COG\n")
    assert load_resolver(reference).resolve_strict("Congo") == "COG"
    with pytest.raises(AmbiguousCountry) as raised:
        load_resolver(REFERENCE_DIR).resolve_strict("Congo")
    assert "country_aliases.csv" in str(raised.value)
