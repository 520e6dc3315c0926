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
MAX_COMPARISONS = 200_000_000     # distinct later x earlier texts of one state; beyond: skipped, said
COLUMNS = ["recommendation_id", "earlier_id", "score", "cycle_code", "earlier_cycle_code"]


def recurrence_pairs(rows: pd.DataFrame, threshold: float = THRESHOLD,
                     log=lambda line: None) -> pd.DataFrame:
    """Pairs (later, earlier) of one state's recommendations in different UPR cycles scoring at
    least `threshold`, at most MATCHES_KEPT per later recommendation, best first.

    `rows`: id, country_iso3, cycle_code, cycle_start, text. Texts are compared once per
    distinct text (identical texts score 100)."""
    found = []
    for country, group in rows.groupby("country_iso3", sort=True):
        cycles = group.drop_duplicates("cycle_code").sort_values("cycle_start")["cycle_code"].tolist()
        for position, cycle in enumerate(cycles[1:], start=1):
            later = group[group["cycle_code"] == cycle]
            earlier = group[group["cycle_code"].isin(cycles[:position])]
            later_texts = later["text"].drop_duplicates().tolist()
            earlier_texts = earlier["text"].drop_duplicates().tolist()
            if len(later_texts) * len(earlier_texts) > MAX_COMPARISONS:
                log(f"recurrence: {country} {cycle} skipped ({len(later_texts):,} x "
                    f"{len(earlier_texts):,} distinct texts)")
                continue
            scores = process.cdist(later_texts, earlier_texts, scorer=fuzz.token_sort_ratio,
                                   processor=utils.default_process, score_cutoff=threshold,
                                   dtype=np.float32)
            hits = np.argwhere(scores >= threshold)
            if len(hits) == 0:
                continue
            pairs = pd.DataFrame({"text": [later_texts[i] for i in hits[:, 0]],
                                  "earlier_text": [earlier_texts[j] for j in hits[:, 1]],
                                  "score": scores[hits[:, 0], hits[:, 1]].astype(float).round(1)})
            pairs = pairs.merge(later[["id", "text", "cycle_code"]], on="text")
            pairs = pairs.merge(earlier[["id", "text", "cycle_code"]].rename(columns={
                "id": "earlier_id", "text": "earlier_text", "cycle_code": "earlier_cycle_code"}),
                on="earlier_text")
            pairs = pairs.sort_values(["id", "score", "earlier_id"], ascending=[True, False, True])
            found.append(pairs.groupby("id").head(MATCHES_KEPT).rename(columns={"id": "recommendation_id"}))
    if not found:
        return pd.DataFrame({column: pd.Series(dtype="float64" if column == "score" else "object")
                             for column in COLUMNS})
    return pd.concat(found, ignore_index=True)[COLUMNS]


def write_recurrence(con, log=lambda line: None) -> int:
    """Create and fill recommendation_recurrence on an open build connection; returns its rows."""
    con.execute(sql("search/recurrence_schema"))
    pairs = recurrence_pairs(con.execute(sql("search/recurrence_texts")).df(), log=log)
    con.register("recurrence_frame", pairs)
    try:
        con.execute(sql("search/insert_recurrence"))
    finally:
        con.unregister("recurrence_frame")
    return len(pairs)
