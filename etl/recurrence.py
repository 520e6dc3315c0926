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


def recurrence_pairs(rows: pd.DataFrame, threshold: float = THRESHOLD,
                     log=lambda line: None) -> pd.DataFrame:
    """Pairs (later, earlier) of one state's recommendations in different UPR cycles scoring at
    least `threshold`: for each later recommendation the MATCHES_KEPT most similar earlier texts,
    each represented by its first occurrence (earliest cycle, then id).

    `rows`: id, country_iso3, cycle_code, cycle_start, text. Texts are compared once per
    distinct text (identical texts score 100)."""
    found = []
    rows = rows.sort_values(["country_iso3", "cycle_start", "id"])
    for country, group in rows.groupby("country_iso3", sort=True):
        cycles = group.drop_duplicates("cycle_code")["cycle_code"].tolist()
        for position, cycle in enumerate(cycles[1:], start=1):
            later = group[group["cycle_code"] == cycle]
            earlier = group[group["cycle_code"].isin(cycles[:position])].drop_duplicates("text")
            later_texts = later["text"].drop_duplicates().tolist()
            earlier_texts = earlier["text"].tolist()
            if len(later_texts) * len(earlier_texts) > MAX_COMPARISONS:
                log(f"recurrence: {country} {cycle} skipped ({len(later_texts):,} x "
                    f"{len(earlier_texts):,} distinct texts)")
                continue
            matches = _best_matches([sorted_words(text) for text in later_texts],
                                    [sorted_words(text) for text in earlier_texts], threshold)
            if not matches:
                continue
            pairs = pd.DataFrame({"text": [later_texts[i] for i, _, _ in matches],
                                  "earlier_id": [earlier["id"].iloc[j] for _, j, _ in matches],
                                  "earlier_cycle_code": [earlier["cycle_code"].iloc[j] for _, j, _ in matches],
                                  "score": [score for _, _, score in matches]})
            pairs = later[["id", "text", "cycle_code"]].merge(pairs, on="text")
            found.append(pairs.rename(columns={"id": "recommendation_id"}))
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
