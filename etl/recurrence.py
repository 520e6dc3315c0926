"""Recurring recommendations: pair each UPR recommendation with similar ones of earlier cycles."""
from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from etl.sqlfiles import sql

# rapidfuzz token_sort_ratio: edit similarity of the two texts' words in sorted order, so a
# reordered or lightly reworded recommendation scores high while one that adds a new ask does not
# (token_set_ratio scores 100 whenever one text's words are a subset of the other's). The
# threshold was chosen by hand-checking the 62 Kazakhstan pairs scoring 61.5 or more
# (data/reference/recurrence_checked_pairs.csv): 15 of the 16 pairs at 70 or more repeat an ask.
THRESHOLD = 70.0
MATCHES_KEPT = 3
# Distinct later x earlier texts of one state and cycle; beyond this the pair of cycles is skipped
# and the build log says so. Real UPR reviews stay far below it (about 300 x 900); generated
# benchmark inputs with tens of thousands of texts per state and cycle exceed it.
MAX_COMPARISONS = 5_000_000
BLOCK_ROWS = 1_000                # later texts scored at a time (a block of float32 scores), on every core
COLUMNS = ["recommendation_id", "earlier_id", "score", "cycle_code", "earlier_cycle_code"]


def sorted_words(text: str) -> str:
    """What token_sort_ratio compares: the processed words in sorted order (computed once per text;
    fuzz.ratio of two such strings equals fuzz.token_sort_ratio of the texts, 3x faster in cdist)."""
    return " ".join(sorted(utils.default_process(text).split()))


def _best_matches(later_texts: list[str], earlier_texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """(later index, earlier index, score): the MATCHES_KEPT best earlier texts of each later text
    scoring at least `threshold`, computed in blocks of rows (bounded memory)."""
    found = []
    for first in range(0, len(later_texts), BLOCK_ROWS):
        scores = process.cdist(later_texts[first:first + BLOCK_ROWS], earlier_texts, scorer=fuzz.ratio,
                               score_cutoff=threshold, dtype=np.float32, workers=-1)
        for row in np.flatnonzero((scores >= threshold).any(axis=1)):
            candidates = np.flatnonzero(scores[row] >= threshold)
            best = candidates[np.lexsort((candidates, -scores[row, candidates]))][:MATCHES_KEPT]
            found += [(first + row, int(column), round(float(scores[row, column]), 1)) for column in best]
    return found


def _pairs_of_rows(later_rows: np.ndarray, text_codes: np.ndarray, later_codes: np.ndarray,
                   matches: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(later row, match) for every later row and every match of its text, in row order and then in
    the matches' order (what a merge of the rows with the matches on the text gives); with the scores."""
    match_text = np.fromiter((i for i, _, _ in matches), dtype=np.int64, count=len(matches))
    order = np.argsort(match_text, kind="stable")
    per_text = np.bincount(match_text, minlength=len(later_codes))
    first_match = np.cumsum(per_text) - per_text
    position_of_code = np.full(int(text_codes.max()) + 1, -1, dtype=np.int64)
    position_of_code[later_codes] = np.arange(len(later_codes))
    row_text = position_of_code[text_codes[later_rows]]
    repeats = per_text[row_text]
    within = np.arange(repeats.sum()) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    chosen = order[np.repeat(first_match[row_text], repeats) + within]
    return np.repeat(later_rows, repeats), chosen, np.array([score for _, _, score in matches])[chosen]


def recurrence_pairs(rows: pd.DataFrame, threshold: float = THRESHOLD,
                     log=lambda line: None) -> pd.DataFrame:
    """Pairs (later, earlier) of one state's recommendations in different UPR cycles scoring at
    least `threshold`: for each later recommendation the MATCHES_KEPT most similar earlier texts,
    each represented by its first occurrence (earliest cycle, then id).

    `rows`: id, country_iso3, cycle_code, cycle_start, text. Texts are compared once per
    distinct text (identical texts score 100); each distinct text of a state is prepared once."""
    found = []
    rows = rows.sort_values(["country_iso3", "cycle_start", "id"])
    for country, group in rows.groupby("country_iso3", sort=True):
        ids, cycle_codes = group["id"].to_numpy(), group["cycle_code"].to_numpy()
        text_codes, texts = pd.factorize(group["text"].to_numpy())     # in order of first occurrence
        cycle_of_row, cycles = pd.factorize(cycle_codes)
        prepared: dict[int, str] = {}
        for position, cycle in enumerate(cycles[1:], start=1):
            later_rows = np.flatnonzero(cycle_of_row == position)
            earlier_rows = np.flatnonzero(cycle_of_row < position)
            # each earlier text's first row (earliest cycle, then id), in row order
            earlier_rows = np.sort(earlier_rows[np.unique(text_codes[earlier_rows], return_index=True)[1]])
            later_codes = pd.unique(text_codes[later_rows])
            if len(later_codes) * len(earlier_rows) > MAX_COMPARISONS:
                log(f"recurrence: {country} {cycle} skipped ({len(later_codes):,} x "
                    f"{len(earlier_rows):,} distinct texts)")
                continue
            for code in (*later_codes, *text_codes[earlier_rows]):
                if code not in prepared:
                    prepared[code] = sorted_words(texts[code])
            matches = _best_matches([prepared[code] for code in later_codes],
                                    [prepared[code] for code in text_codes[earlier_rows]], threshold)
            if not matches:
                continue
            pair_rows, chosen, scores = _pairs_of_rows(later_rows, text_codes, later_codes, matches)
            earlier_of_match = earlier_rows[np.array([j for _, j, _ in matches], dtype=np.int64)][chosen]
            found.append(pd.DataFrame({"recommendation_id": ids[pair_rows], "earlier_id": ids[earlier_of_match],
                                       "score": scores, "cycle_code": cycle_codes[pair_rows],
                                       "earlier_cycle_code": cycle_codes[earlier_of_match]}))
    if not found:
        return pd.DataFrame({column: pd.Series(dtype="float64" if column == "score" else "object")
                             for column in COLUMNS})
    return pd.concat(found, ignore_index=True)[COLUMNS]


def write_recurrence(con, log=lambda line: None) -> int:
    """Create and fill recommendation_recurrence on an open build connection; returns its rows.

    The sizes of every state's cycles are counted in the database first: a state whose every pair
    of cycles exceeds MAX_COMPARISONS is logged as recurrence_pairs would log it, without loading
    its texts; the others are loaded one state at a time."""
    con.execute(sql("search/recurrence_schema"))
    sizes: dict[str, list[tuple[str, int, int, int]]] = {}
    for country, cycle, position, later, earlier in con.execute(sql("search/recurrence_sizes")).fetchall():
        sizes.setdefault(country, []).append((cycle, position, later, earlier))
    found = []
    for country, cycles in sorted(sizes.items()):
        pairs_of_cycles = [c for c in cycles if c[1] > 1]
        if not pairs_of_cycles:
            continue
        if all(later * earlier > MAX_COMPARISONS for _, _, later, earlier in pairs_of_cycles):
            for cycle, _, later, earlier in pairs_of_cycles:
                log(f"recurrence: {country} {cycle} skipped ({later:,} x {earlier:,} distinct texts)")
            continue
        found.append(recurrence_pairs(con.execute(sql("search/recurrence_texts"), {"country": country}).df(),
                                      log=log))
    pairs = pd.concat(found, ignore_index=True) if found else recurrence_pairs(pd.DataFrame(
        {"id": [], "country_iso3": [], "cycle_code": [], "cycle_start": [], "text": []}))
    con.register("recurrence_frame", pairs)
    try:
        con.execute(sql("search/insert_recurrence"))
    finally:
        con.unregister("recurrence_frame")
    return len(pairs)
