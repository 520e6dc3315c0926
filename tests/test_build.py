"""The warehouse build on real files and on the demonstration dataset: content, idempotence, CLI."""
from __future__ import annotations

import duckdb
import pytest

from etl.build import build_warehouse
from etl.cli import main
from etl.plan import plan_inputs

EXCLUDED_COLUMNS = {"source": ["loaded_at"], "build_info": None}


def fetch(path, query, params=None):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def test_real_upr_info_recommendations(real_warehouse):
    # 729 rows in the export (the .xls and .csv hold the same rows: kept once) + 2 pledges.
    upr_info = "source_id LIKE 'upr_info:%'"
    assert fetch(real_warehouse, f"SELECT count(*) FROM recommendation WHERE mechanism = 'upr' AND {upr_info}") == [(731,)]
    assert fetch(real_warehouse, f"SELECT response, count(*) FROM recommendation WHERE {upr_info} "
                                 "GROUP BY 1 ORDER BY 1 NULLS LAST") == [("noted", 236), ("supported", 493), (None, 2)]
    assert fetch(real_warehouse, "SELECT count(*) FROM recommendation WHERE is_pledge") == [(2,)]
    by_review = fetch(real_warehouse, "SELECT country_iso3, session, cycle_code, count(*) FROM recommendation "
                                      "WHERE NOT is_pledge GROUP BY ALL ORDER BY 1, 2")
    # Slovenia's two reviews come from OHCHR's thematic lists (one row per recommending state).
    assert by_review == [("KAZ", 7, "upr-1", 129), ("KAZ", 20, "upr-2", 198), ("KGZ", 8, "upr-1", 175),
                         ("SVN", 20, "upr-2", 180), ("SVN", 34, "upr-3", 223),
                         ("TKM", 3, "upr-1", 87), ("UZB", 3, "upr-1", 140)]


def test_real_themes_and_unmapped_tags_are_kept(real_warehouse):
    torture = fetch(real_warehouse, "SELECT count(DISTINCT recommendation_id) FROM recommendation_theme "
                                    "WHERE theme_code = 'torture_prevention'")[0][0]
    assert torture > 50
    unmapped = {row[0] for row in fetch(real_warehouse, "SELECT DISTINCT tag FROM recommendation_tag "
                                                        "WHERE theme_code IS NULL")}
    assert "Rights of the Child" not in unmapped and "Labour" in unmapped     # Labour: outside on purpose
    outside = {row[0] for row in fetch(real_warehouse, "SELECT tag FROM theme_outside")}
    assert unmapped <= outside
    assert fetch(real_warehouse, "SELECT count(*) FROM recommendation_theme WHERE theme_code NOT IN "
                                 "(SELECT code FROM theme)") == [(0,)]


def test_real_indicators_and_successor_states(real_warehouse):
    # OWID back-fills Kazakhstan from 1789; the warehouse starts at independence.
    first_years = dict(fetch(real_warehouse, "SELECT country_iso3, min(year) FROM observation "
                                             "WHERE indicator_code = 'owid_civil_liberties' GROUP BY 1"))
    assert first_years["KAZ"] == 1991 and first_years["UZB"] == 1991 and first_years["AFG"] == 1789
    vdem = fetch(real_warehouse, "SELECT count(*) FROM observation WHERE source_id LIKE 'country_year:dv_data%'")
    assert vdem == [(2196,)]
    assert fetch(real_warehouse, "SELECT value FROM observation WHERE indicator_code = 'sdg_16_3_2_pretrial_custody' "
                                 "AND country_iso3 = 'KAZ' AND year = 2011 AND is_total") == [(22.0,)]
    assert fetch(real_warehouse, "SELECT iso3, name_ru FROM country WHERE iso3 = 'KGZ'") == [("KGZ", "Кыргызстан")]


def test_real_ratifications_and_derived_count(real_warehouse):
    assert fetch(real_warehouse, "SELECT action, date FROM ratification WHERE country_iso3 = 'KAZ' "
                                 "AND treaty = 'CAT'") == [("accession", __import__("datetime").date(1998, 8, 26))]
    # Kazakhstan's CRPD (2015) comes only from the 2022 dataset; the 2015 scrape predates it.
    assert fetch(real_warehouse, "SELECT year, date FROM ratification WHERE country_iso3 = 'KAZ' "
                                 "AND treaty = 'CRPD' AND action <> 'signature'") == [(2015, None)]
    counts = dict(fetch(real_warehouse, "SELECT year, value FROM observation WHERE indicator_code = "
                                        "'core_treaties_ratified' AND country_iso3 = 'KAZ'"))
    assert counts[1991] <= counts[2015] <= counts[2022] <= 18


def test_real_sources_are_listed_with_counts(real_warehouse, shared_data):
    sources = fetch(real_warehouse, "SELECT file, format, rows_read, rows_loaded, rows_rejected, is_demo FROM source")
    files = {row[0]: row for row in sources}
    upr_csv = files["data/upr_info_export/upr_info_export_sessions01-09_17-20_central_asia.csv"]
    assert upr_csv[1:] == ("upr_info", 729, 729, 0, False)
    upr_xls = files["data/upr_info_export/upr_info_export_sessions01-09_17-20_central_asia.xls"]
    assert upr_xls[1:] == ("upr_info", 729, 0, 729, False)   # same rows as the .csv: kept once
    data_files = [p for p in shared_data.rglob("*") if p.is_file() and p.suffix in (".csv", ".xls", ".xml", ".docx")
                  and p.name not in ("fh_final_meta.csv", "index_chapter4.csv", "metadata-mapping.csv")]
    assert len([f for f in files if not f.startswith("(")]) == len(data_files)
    assert not any(path.startswith("/") for path in files)


def test_demo_build_is_marked_and_covers_everything(demo_warehouse):
    assert fetch(demo_warehouse, "SELECT value FROM build_info WHERE key = 'is_demo'") == [("true",)]
    assert fetch(demo_warehouse, "SELECT bool_and(is_demo) FROM source") == [(True,)]
    assert {r[0] for r in fetch(demo_warehouse, "SELECT DISTINCT mechanism FROM recommendation")} == \
        {"upr", "treaty_body", "special_procedure"}
    assert fetch(demo_warehouse, "SELECT count(DISTINCT theme_code) FROM recommendation_theme") == [(7,)]
    assert {r[0] for r in fetch(demo_warehouse, "SELECT DISTINCT type FROM indicator i JOIN observation o "
                                                "ON o.indicator_code = i.code")} == {"structural", "process", "outcome"}
    assert fetch(demo_warehouse, "SELECT count(DISTINCT country_iso3) FROM recommendation") == [(5,)]
    assert fetch(demo_warehouse, "SELECT count(*) > 0 FROM implementation") == [(True,)]


def _content(path):
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        content = {}
        for table in tables:
            if table == "build_info":
                continue
            columns = [r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]).fetchall()]
            kept = [c for c in columns if c not in (EXCLUDED_COLUMNS.get(table) or [])]
            listed = ", ".join(f'"{c}"' for c in kept)  # names come from the catalog, not from input
            content[table] = con.execute(f"SELECT {listed} FROM {table} ORDER BY ALL").fetchall()
        return content


@pytest.mark.slow
def test_building_twice_gives_the_same_content(tmp_path, shared_data):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    inputs = [shared_data / "upr_info_export", shared_data / "vdem_demspaces",
              shared_data / "treaty_ratification_wpdl_2022"]
    build_warehouse(plan_inputs(inputs), first, log=lambda line: None)
    build_warehouse(plan_inputs(inputs), second, log=lambda line: None)
    assert _content(first) == _content(second)
    assert _content(first)["recommendation"]


def test_cli_build_prints_a_summary_per_source(tmp_path, shared_data, capsys):
    target = tmp_path / "w.duckdb"
    code = main(["build", "--db", str(target), str(shared_data / "owid_press_freedom")])
    out = capsys.readouterr().out
    assert code == 0 and target.exists()
    assert "press_freedom_rsf_central_asia.csv" in out and "country_year" in out
    assert f"warehouse written to {target}" in out


def test_cli_check_validates_without_writing(tmp_path, shared_data, capsys, monkeypatch):
    monkeypatch.setenv("ROCA_WAREHOUSE", str(tmp_path / "never.duckdb"))
    code = main(["check", str(shared_data / "upr_info_export")])
    out = capsys.readouterr().out
    assert code == 0
    assert "nothing written (check)" in out and "upr_info" in out and "recommendation 731" in out
    assert not (tmp_path / "never.duckdb").exists()


def test_folder_build_reports_skipped_files_with_reasons(tmp_path, shared_data, capsys):
    code = main(["build", "--db", str(tmp_path / "w.duckdb"), str(shared_data / "owid_freedom_house"),
                 str(shared_data / "sdg_kyrgyzstan_sdmx")])
    out = capsys.readouterr().out
    assert code == 0
    assert "skipped owid_freedom_house/fh_final_meta.csv: variable labels" in out
    assert "skipped sdg_kyrgyzstan_sdmx/LICENSE: documentation or licence file" in out


def test_environment_variable_sets_the_default_warehouse(tmp_path, monkeypatch, capsys):
    target = tmp_path / "env.duckdb"
    monkeypatch.setenv("ROCA_WAREHOUSE", str(target))
    assert main(["build"]) == 0
    assert target.exists()
    assert fetch(target, "SELECT value FROM build_info WHERE key = 'is_demo'") == [("true",)]


@pytest.mark.parametrize("table", ["country", "theme", "cycle", "indicator", "observation", "recommendation",
                                   "recommendation_theme", "ratification", "event", "implementation", "source"])
def test_canonical_tables_exist(demo_warehouse, table):
    assert fetch(demo_warehouse, f"SELECT count(*) > 0 FROM {table}") == [(True,)]


def test_no_staging_view_is_left_in_the_warehouse(real_warehouse):
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        names = {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "recommendation" in names and not {name for name in names if name.startswith(("staged", "stg_"))}


def test_the_checks_find_repeated_observation_keys(demo_warehouse, tmp_path):
    """The grain check counts each repeated key once, however often it repeats; a clean warehouse passes."""
    from etl.build import run_checks
    from etl.errors import InputError
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(demo_warehouse.read_bytes())
    with duckdb.connect(str(copy)) as con:
        run_checks(con)
        keys = con.execute("SELECT indicator_code, country_iso3, year, disaggregation FROM observation "
                           "ORDER BY ALL LIMIT 2").fetchall()
        for key, copies in zip(keys, (1, 2)):
            for _ in range(copies):
                con.execute("INSERT INTO observation SELECT * FROM observation WHERE indicator_code = ? "
                            "AND country_iso3 = ? AND year = ? AND disaggregation = ? LIMIT 1", list(key))
        with pytest.raises(InputError, match=r"checks failed: observation: 2 row\(s\)$"):
            run_checks(con)
