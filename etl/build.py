"""Build the warehouse: stage every input, resolve, validate, write a new file, swap it in."""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from etl.countries import CountryResolver, load_resolver
from etl.errors import InputError, InputErrors
from etl.plan import Plan, PlannedFile
from etl.provenance import Provenance, credit, load_publishers
from etl.readers.base import OPTIONAL_COLUMNS, STAGED_COLUMNS, ReadContext, Staged
from etl.recurrence import write_recurrence
from etl.search_index import write_search_index
from etl.reference import Reference, load_reference
from settings import reference_dir
from etl.sqlfiles import sql
from etl.workspace import building_name, check_warehouse_target, remove_leftovers
from etl.catalogue import Catalogue, load_catalogue

VALIDATIONS = ["year_plausible", "value_missing", "indicator_theme_known", "indicator_known",
               "observation_unique", "treaty_known"]
# Files the project's users write themselves: a value outside the scale stops the build. In a
# publisher's file it is a data error we cannot fix: the row is quarantined and listed instead.
STRICT_SCALE_FORMATS = {"tidy_values", "demo"}
WAREHOUSE_STEPS = ["indicator", "observation", "recommendation_keyed", "recommendation_merge",
                   "recommendation",
                   "recommendation_tag", "recommendation_theme", "ratification", "event"]
CHECKS = ["foreign_keys", "unique_keys", "focus_countries"]
# The build stays well inside a laptop's memory: DuckDB spills to disk beyond this.
BUILD_SETTINGS = {"memory_limit": "2GB"}



@dataclass
class SourceSummary:
    source_id: str
    file: str
    format: str
    rows_read: int
    rows_staged: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    notes: list[str] = field(default_factory=list)
    coverage: str = ""          # countries, years, indicators or recommendations found
    found: dict = field(default_factory=dict)   # the same, as values (for the Manage data page)


@dataclass
class BuildReport:
    """What a build (or a check) found: per-source counts, skipped files, warnings."""

    warehouse: Path | None
    sources: list[SourceSummary] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unresolved_secondary: list[tuple[str, int]] = field(default_factory=list)
    unmapped_tags: list[tuple[str, int]] = field(default_factory=list)
    unthemed_share: float = 0.0        # share of recommendations with no ROCA theme ("other themes")
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)


def _sha256(path: Path | None) -> str:
    if path is None:
        return hashlib.sha256(b"demo").hexdigest()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _source_id(planned: PlannedFile, taken: set[str]) -> str:
    stem = planned.path.stem if planned.path else "demo"
    base = f"{planned.reader.name}:{stem}"
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}#{counter}", counter + 1
    taken.add(candidate)
    return candidate


def _stage_frame(con: duckdb.DuckDBPyConnection, table: str, frame, params: dict,
                 display: str) -> int:
    optional = [c for c in OPTIONAL_COLUMNS.get(table, []) if c not in frame.columns]
    if isinstance(frame, pd.DataFrame):
        missing = [c for c in STAGED_COLUMNS[table] if c not in frame.columns]
        if missing:
            raise InputError(display, f"reader output lacks {missing} for {table}")
        frame = frame.assign(**{column: None for column in optional})
        con.register("staged_frame", frame[STAGED_COLUMNS[table] + OPTIONAL_COLUMNS.get(table, [])])
    else:
        if optional:   # column names from a fixed list
            frame = frame.project("*, " + ", ".join(f"NULL::VARCHAR AS {c}" for c in optional))
        frame.create_view("staged_frame", replace=True)
    before = con.execute(f"SELECT count(*) FROM stg_{table}").fetchall()[0][0]  # table name from a fixed list
    try:
        con.execute(sql(f"stage_{table}"), params)
    except duckdb.Error as error:
        raise InputError(display, f"value of the wrong type: {str(error).splitlines()[0]}") from None
    finally:   # a registered frame is unregistered; a relation's view is dropped (never left in the warehouse)
        try:
            con.unregister("staged_frame")
        except duckdb.Error:
            pass
        con.execute("DROP VIEW IF EXISTS staged_frame")
    return con.execute(f"SELECT count(*) FROM stg_{table}").fetchall()[0][0] - before


def _create_schema(con: duckdb.DuckDBPyConnection, reference: Reference, catalogue: Catalogue,
                   resolver: CountryResolver) -> None:
    con.execute(sql("schema"))
    con.execute(sql("staging"))
    con.executemany("INSERT INTO theme VALUES ($code, $name_en, $name_ru, $sort_order)",
                    reference.themes)
    con.executemany("INSERT INTO cycle VALUES ($code, $kind, $name, $name_ru, $start_date, "
                    "$end_date, $first_session, $last_session)", reference.cycles)
    con.executemany("INSERT INTO treaty VALUES ($code, $name_en, $name_ru, $body, $is_protocol, "
                    "$sort_order)", [{"code": t["code"], "name_en": t["name_en"], "name_ru": t["name_ru"],
                      "body": t.get("body") or None, "is_protocol": t["is_protocol"],
                      "sort_order": t["sort_order"]} for t in reference.treaties])
    rows = catalogue.rows()
    if rows:
        con.register("catalogue_rows", pd.DataFrame(rows))
        con.execute("INSERT INTO indicator SELECT * FROM catalogue_rows")
        con.unregister("catalogue_rows")
    con.executemany("INSERT INTO theme_map VALUES ($vocabulary, $tag, $theme_code)",
                    reference.theme_map)
    if reference.theme_outside:
        con.executemany("INSERT INTO theme_outside VALUES ($vocabulary, $tag, $reason)",
                        reference.theme_outside)
    if reference.upr_reviews:
        con.executemany("INSERT INTO upr_review VALUES ($country_iso3, $session, $session_year, $session_start)",
                        reference.upr_reviews)
    if resolver.independence:
        con.executemany("INSERT INTO independence VALUES (?, ?)", list(resolver.independence.items()))


def _vanished(planned: PlannedFile) -> InputError:
    return InputError(planned.display_name, "the file was removed or moved during the build",
                      expected="the file to stay in place until the build ends")


def _read(planned: PlannedFile, ctx: ReadContext) -> Staged:
    """The reader's result; a file that disappears or cannot be read mid-build is an InputError."""
    try:
        return planned.reader.read(planned.path, ctx)
    except FileNotFoundError:
        raise _vanished(planned) from None
    except (duckdb.IOException, OSError) as error:
        if planned.path is not None and not planned.path.exists():
            raise _vanished(planned) from None
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        raise InputError(planned.display_name, f"the file could not be read: {reason}") from None


def _file_digest(planned: PlannedFile) -> str:
    try:
        return _sha256(planned.path)
    except FileNotFoundError:
        raise _vanished(planned) from None


def _nothing_to_load(plan: Plan) -> None:
    """InputError when the plan holds no file: the build says so instead of writing an empty warehouse."""
    if plan.files:
        return
    given = ", ".join(plan.inputs) or "the inputs"
    if plan.skipped:
        listed = "; ".join(f"{name}: {reason}" for name, reason in plan.skipped[:10])
        more = f" (and {len(plan.skipped) - 10} more)" if len(plan.skipped) > 10 else ""
        detail = f"nothing to load: no file in a recognised format ({listed}{more})"
    else:
        detail = "nothing to load: no files found"
    raise InputError(given, detail, expected="at least one file in a recognised format")


def source_credit(staged: Staged, ctx: ReadContext) -> Provenance:
    """A loaded file's provenance: sources.yml's (ctx.provenance), gaps filled from the file's content."""
    return ctx.provenance.filled_from(Provenance(publisher=staged.publisher, licence=staged.licence))


def _stage_all(con, plan: Plan, catalogue: Catalogue, report: BuildReport,
               log: Callable[[str], None], columns: dict[str, dict[str, str]],
               publishers: list[dict]) -> list[dict]:
    taken: set[str] = set()
    source_rows = []
    for number, planned in enumerate(plan.files, start=1):
        source_id = _source_id(planned, taken)
        log(f"[{number}/{len(plan.files)}] {planned.display_name} ({planned.reader.name})")
        started = time.perf_counter()
        provenance = credit(publishers, planned.reader.name, planned.display_name, planned.options,
                            planned.reader.publisher)
        ctx = ReadContext(con=con, catalogue=catalogue, display_name=planned.display_name,
                          options=planned.options, provenance=provenance)
        staged: Staged = _read(planned, ctx)
        summary = SourceSummary(source_id, planned.display_name, staged.format or planned.reader.name,
                                staged.rows_read, notes=list(staged.notes))
        summary.rows_rejected = staged.rows_rejected
        columns[source_id] = dict(staged.source_columns)
        for table, frame in staged.frames.items():
            if frame is None:
                continue
            params = {"source_id": source_id}
            if table == "recommendation":
                params["vocabulary"] = staged.tag_vocabulary
            if table == "indicator":
                params = {}
            count = _stage_frame(con, table, frame, params, planned.display_name)
            if table not in ("indicator", "cutpoint"):
                summary.rows_staged += count
        con.execute("INSERT INTO source_order VALUES (?, ?, ?)", [source_id, number, planned.display_name])
        report.sources.append(summary)
        source_rows.append({
            "id": source_id, "file": planned.display_name, "format": summary.format,
            "sha256": _file_digest(planned), **source_credit(staged, ctx).as_row(), "title": staged.title,
            "is_demo": planned.reader.name == "demo",
        })
        log(f"      {staged.rows_read:,} rows read, {summary.rows_staged:,} staged "
            f"in {time.perf_counter() - started:.2f} s")
    return source_rows


def _raise_violations(con, name: str, params: dict, files: dict[str, str],
                      columns: dict[str, dict[str, str]]) -> None:
    found = con.execute(sql(f"validate/{name}"), params).fetchall()
    if found:
        errors = [InputError(files.get(source_id, source_id), detail, row=row,
                             column=columns.get(source_id, {}).get(field_name, field_name))
                  for source_id, row, field_name, detail in found]
        raise errors[0] if len(errors) == 1 else InputErrors(errors)


def _quarantine_out_of_scale(con, source_rows: list[dict], columns: dict[str, dict[str, str]],
                             report: BuildReport) -> None:
    formats = {row["id"]: row["format"] for row in source_rows}
    files = {row["id"]: row["file"] for row in source_rows}
    found = con.execute(sql("validate/value_in_scale")).fetchall()
    strict = [f for f in found if formats.get(f[0]) in STRICT_SCALE_FORMATS]
    if strict:
        errors = [InputError(files[source_id], detail, row=row,
                             column=columns.get(source_id, {}).get(name, name))
                  for source_id, row, name, detail in strict[:20]]
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    if not found:
        return
    con.execute("CREATE TEMP TABLE quarantine (source_id VARCHAR, row BIGINT)")
    con.executemany("INSERT INTO quarantine VALUES (?, ?)", [(f[0], f[1]) for f in found])
    con.execute(sql("validate/drop_quarantined"))
    by_source = {s.source_id: s for s in report.sources}
    for source_id, row, name, detail in found:
        column = columns.get(source_id, {}).get(name, name)
        by_source[source_id].notes.append(f"quarantined row {row}, column {column!r}: {detail}")
        by_source[source_id].rows_staged -= 1
        by_source[source_id].rows_rejected += 1
        report.warnings.append(f"{files[source_id]}, row {row}, column {column!r}: {detail} (row not loaded)")


def _resolve_countries(con, resolver: CountryResolver, report: BuildReport) -> None:
    raw_names = [r[0] for r in con.execute(
        "SELECT DISTINCT country FROM (SELECT country FROM stg_observation UNION ALL "
        "SELECT country FROM stg_recommendation UNION ALL SELECT country FROM stg_ratification "
        "UNION ALL SELECT country FROM stg_event UNION ALL "
        "SELECT recommending_state FROM stg_recommendation UNION ALL "
        # each state of a multi-state recommendation ('Canada; France'), for cross-source matching
        "SELECT trim(unnest(string_split(recommending_state, '; '))) FROM stg_recommendation "
        "WHERE contains(recommending_state, '; ')) WHERE country IS NOT NULL").fetchall()]
    mapping = [(raw, resolver.resolve(raw)) for raw in raw_names]
    resolved = [m for m in mapping if m[1]]
    if resolved:
        con.executemany("INSERT INTO country_map VALUES (?, ?)", resolved)
    refused = [(raw, resolver.refusal(raw)) for raw, iso3 in mapping if not iso3]
    refused = [r for r in refused if r[1]]
    if refused:
        con.executemany("INSERT INTO country_refused VALUES (?, ?)", refused)
    used = {iso3 for _, iso3 in mapping if iso3} | set(resolver.focus)
    con.executemany("INSERT INTO country VALUES ($iso3, $iso2, $name_en, $name_ru, $is_focus)",
                    [resolver.country_row(iso3) for iso3 in sorted(used)])


def _merged_counts(con, report: BuildReport) -> dict[str, int]:
    """Rows merged into the same recommendation from another publisher's file, noted per source."""
    rows = con.execute(
        "SELECT m.source_id, o.file, count(*) FROM recommendation_merged m "
        "JOIN source_order o ON o.source_id = m.winner_source GROUP BY ALL ORDER BY ALL").fetchall()
    by_source = {s.source_id: s for s in report.sources}
    merged: dict[str, int] = {}
    for source_id, winner_file, count in rows:
        merged[source_id] = merged.get(source_id, 0) + count
        by_source[source_id].notes.append(
            f"{count:,} recommendation(s) also in {winner_file}: loaded once, from that file, "
            "with both sources in its provenance")
    return merged


def _finish_report(con, report: BuildReport) -> None:
    loaded = dict(con.execute(
        "SELECT source_id, sum(n) FROM (SELECT source_id, count(*) n FROM observation GROUP BY 1 "
        "UNION ALL SELECT source_id, count(*) FROM recommendation GROUP BY 1 "
        "UNION ALL SELECT source_id, count(*) FROM ratification GROUP BY 1 "
        "UNION ALL SELECT source_id, count(*) FROM event GROUP BY 1 "
        "UNION ALL SELECT source_id, count(*) FROM implementation GROUP BY 1) GROUP BY 1").fetchall())
    backfilled = {row[0]: row[1:] for row in con.execute(sql("report/pre_independence")).fetchall()}
    coverage = {row[0]: row[1:] for row in con.execute(sql("report/source_coverage")).fetchall()}
    merged = _merged_counts(con, report)
    for summary in report.sources:
        summary.rows_loaded = int(loaded.get(summary.source_id, 0))
        dropped = max(summary.rows_staged - summary.rows_loaded, 0) - merged.get(summary.source_id, 0)
        before, first, last = backfilled.get(summary.source_id, (0, None, None))
        if before:
            summary.notes.append(f"{before:,} rows dated {first}-{last}, before the country's "
                                 "independence, not presented as its own")
        if dropped - before > 0:
            summary.notes.append(f"{dropped - before:,} rows already loaded from an earlier file "
                                 "(same key); the earlier file's values are kept")
        summary.rows_rejected += dropped
        countries, first, last, indicators, recommendations = coverage.get(
            summary.source_id, ("", None, None, 0, 0))
        found = [f"countries {countries}" if countries else "no countries",
                 f"years {first}-{last}" if first is not None else "no years"]
        if indicators:
            found.append(f"{indicators} indicator(s)")
        if recommendations:
            found.append(f"{recommendations:,} recommendation(s)")
        summary.coverage = ", ".join(found)
        summary.found = {"countries": countries or "", "first_year": first, "last_year": last,
                         "indicators": int(indicators or 0), "recommendations": int(recommendations or 0)}
    report.unresolved_secondary = con.execute(
        "SELECT recommending_state, count(*) FROM stg_recommendation s "
        "LEFT JOIN country_map m ON m.raw = s.recommending_state "
        "WHERE s.recommending_state IS NOT NULL AND m.iso3 IS NULL GROUP BY 1 ORDER BY 1").fetchall()
    report.unmapped_tags = con.execute(sql("report/unmapped_tags")).fetchall()
    report.unthemed_share = con.execute(
        "SELECT coalesce(avg((len(theme_codes) = 0)::INTEGER), 0) FROM recommendation").fetchall()[0][0]
    for table in ("observation", "recommendation", "ratification", "event", "implementation",
                  "indicator", "country"):
        report.totals[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    report.totals["recommendations merged across sources"] = sum(merged.values())
    missing = con.execute(
        "SELECT c.iso3 FROM country c WHERE c.is_focus AND c.iso3 NOT IN "
        "(SELECT country_iso3 FROM observation UNION SELECT country_iso3 FROM recommendation "
        "UNION SELECT country_iso3 FROM ratification) ORDER BY 1").fetchall()
    if missing:
        report.warnings.append("no data for focus countr(ies): " + ", ".join(m[0] for m in missing))


def _derive_indicators(con, source_rows: list[dict], report: BuildReport,
                       publishers: list[dict]) -> list[dict]:
    """Indicators the build computes from loaded records (core treaties ratified)."""
    derived_id = "derived:core_treaties_ratified"
    con.execute(sql("warehouse/derived_core_treaties"), {"source_id": derived_id})
    count = con.execute("SELECT count(*) FROM observation WHERE source_id = ?", [derived_id]).fetchall()[0][0]
    if not count:
        return []
    ratification_sources = {r[0] for r in con.execute("SELECT DISTINCT source_id FROM ratification").fetchall()}
    summary = SourceSummary(derived_id, "(computed from the ratification records)", "derived", count,
                            rows_staged=count, rows_loaded=count)
    report.sources.append(summary)
    report.totals["observation"] = con.execute("SELECT count(*) FROM observation").fetchall()[0][0]
    return [{"id": derived_id, "file": summary.file, "format": "derived",
             "sha256": hashlib.sha256(b"core_treaties_ratified").hexdigest(),
             **credit(publishers, "derived", derived_id).as_row(), "title": "Core treaties ratified, by year",
             "is_demo": any(r["is_demo"] for r in source_rows if r["id"] in ratification_sources)}]


def run_checks(con) -> None:
    """The warehouse's integrity checks (etl/sql/checks): references resolve, keys do not repeat."""
    problems = []
    for name in CHECKS:
        problems += [f"{what}: {broken} row(s)" for what, broken in con.execute(sql(f"checks/{name}")).fetchall()]
    if problems:
        raise InputError("warehouse", "checks failed: " + "; ".join(problems))


def run_pipeline(con, plan: Plan, report: BuildReport, log: Callable[[str], None]) -> None:
    """Stage, resolve, validate and write every table on an open connection."""
    reference = load_reference()
    catalogue = load_catalogue(theme_codes={t["code"] for t in reference.themes})
    resolver = load_resolver(reference_dir())
    publishers = load_publishers(plan.sources_file)
    _create_schema(con, reference, catalogue, resolver)
    columns: dict[str, dict[str, str]] = {}
    source_rows = _stage_all(con, plan, catalogue, report, log, columns, publishers)
    files = {row["id"]: row["file"] for row in source_rows}
    params = {"max_year": date.today().year + 1}
    step = time.perf_counter()
    for name in VALIDATIONS:
        _raise_violations(con, name, params if name == "year_plausible" else {}, files, columns)
    _quarantine_out_of_scale(con, source_rows, columns, report)
    _resolve_countries(con, resolver, report)
    _raise_violations(con, "country_unresolved", {}, files, columns)
    log(f"validated and resolved countries in {time.perf_counter() - step:.2f} s")
    step = time.perf_counter()
    for name in WAREHOUSE_STEPS:
        con.execute(sql(f"warehouse/{name}"))
        log(f"  warehouse table step {name}: {time.perf_counter() - step:.2f} s")
    con.execute(sql("warehouse/implementation_merged"))
    _raise_violations(con, "implementation_known", {}, files, columns)
    con.execute(sql("warehouse/implementation"))
    con.execute(sql("warehouse/cutpoint"))
    step = time.perf_counter()
    indexed = write_search_index(con)
    log(f"  search index of {indexed:,} texts: {time.perf_counter() - step:.2f} s")
    step = time.perf_counter()
    recurring = write_recurrence(con, log)
    log(f"  recurring recommendations: {recurring:,} pairs in {time.perf_counter() - step:.2f} s")
    loaded_at = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    _finish_report(con, report)
    source_rows += _derive_indicators(con, source_rows, report, publishers)
    by_id = {s.source_id: s for s in report.sources}
    con.executemany(
        "INSERT INTO source (id, file, format, sha256, publisher, licence, title, rows_read, rows_loaded, "
        "rows_rejected, loaded_at, is_demo, url, accessed, citation) VALUES ($id, $file, $format, $sha256, "
        "$publisher, $licence, $title, $rows_read, $rows_loaded, $rows_rejected, $loaded_at, $is_demo, "
        "$url, $accessed, $citation)",
        [{**row, "rows_read": by_id[row["id"]].rows_read, "rows_loaded": by_id[row["id"]].rows_loaded,
          "rows_rejected": by_id[row["id"]].rows_rejected, "loaded_at": loaded_at} for row in source_rows])
    run_checks(con)
    is_demo = any(row["is_demo"] for row in source_rows)
    con.executemany("INSERT INTO build_info VALUES (?, ?)",
                    [("is_demo", str(is_demo).lower()), ("built_at", loaded_at.isoformat()),
                     ("sources", str(len(source_rows)))])


def build_warehouse(plan: Plan, db_path: Path, log: Callable[[str], None] = print) -> BuildReport:
    """Write a new warehouse beside the old one and swap it in only if every check passes."""
    started = time.perf_counter()
    db_path = Path(db_path)
    _nothing_to_load(plan)
    check_warehouse_target(db_path, [planned.path for planned in plan.files])
    db_path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(db_path)
    building = building_name(db_path, os.getpid())
    building.unlink(missing_ok=True)
    report = BuildReport(warehouse=db_path, skipped=list(plan.skipped))
    con = duckdb.connect(str(building), config=BUILD_SETTINGS)
    try:
        run_pipeline(con, plan, report, log)
        con.execute("DROP TABLE IF EXISTS recommendation_keyed")
        con.execute("CHECKPOINT")
        con.close()
        os.replace(building, db_path)
    except BaseException:
        con.close()
        building.unlink(missing_ok=True)
        Path(str(building) + ".wal").unlink(missing_ok=True)
        shutil.rmtree(str(building) + ".tmp", ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report


def check_inputs(plan: Plan, log: Callable[[str], None] = print) -> BuildReport:
    """Read and validate everything in memory; write nothing."""
    started = time.perf_counter()
    _nothing_to_load(plan)
    report = BuildReport(warehouse=None, skipped=list(plan.skipped))
    con = duckdb.connect(":memory:", config=BUILD_SETTINGS)
    try:
        run_pipeline(con, plan, report, log)
    finally:
        con.close()
    report.seconds = time.perf_counter() - started
    return report
