"""A search's rows of recommendation_summary: each text's row there, counted over a set of texts with numpy."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa


@dataclass(frozen=True)
class SummaryRows:
    """recommendation_summary (`table`, in rowid order) and the row each text counts in (`of_text`, by
    search number). The Recommendations page's counts for a search are then recommendations_summary_cube
    on `of(docs)` (a bincount), and its page of texts recommendations_page_searched on `texts(docs)`:
    neither scans the recommendations joined with the matched texts."""

    table: pa.Table
    of_text: np.ndarray

    def of(self, docs: np.ndarray) -> pa.Table:
        """The rows holding at least one of `docs`, their `recommendations` the number of those texts."""
        counts = np.bincount(self.of_text[docs], minlength=self.table.num_rows)
        kept = np.flatnonzero(counts)
        column = self.table.schema.get_field_index("recommendations")
        return self.table.take(kept).set_column(column, "recommendations", pa.array(counts[kept], pa.int64()))

    def texts(self, docs: np.ndarray) -> pa.Table:
        """`docs` (in their order) with the row each counts in: doc, summary_row."""
        return pa.table({"doc": pa.array(docs, pa.int32()), "summary_row": pa.array(self.of_text[docs], pa.int32())})


def load_summary_rows(con, texts: int) -> SummaryRows:
    """Read recommendation_summary and each text's row of it from an open warehouse connection."""
    from indicators.queries import query_text

    table = con.sql(query_text("search_index_summary")).to_arrow_table()
    of_text = con.execute(query_text("search_index_summary_rows")).fetchnumpy()["summary_row"]
    if len(of_text) != texts:
        raise ValueError(f"{len(of_text)} of {texts} texts have a row in recommendation_summary")
    return SummaryRows(table=table, of_text=np.asarray(of_text, dtype=np.int32))
