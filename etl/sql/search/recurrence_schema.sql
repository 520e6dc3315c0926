-- Recommendations that recur: for a UPR recommendation, the most similar recommendations to the same
-- state under review in earlier UPR cycles (rapidfuzz token_sort_ratio >= the threshold of
-- etl/recurrence.py, at most three). Grain: one row per (recommendation_id, earlier_id).
CREATE TABLE recommendation_recurrence (
    recommendation_id VARCHAR NOT NULL,   -- the later recommendation
    earlier_id VARCHAR NOT NULL,          -- a recommendation of an earlier cycle it repeats
    score DOUBLE NOT NULL,                -- similarity 0-100 (100: the same words)
    cycle_code VARCHAR NOT NULL,
    earlier_cycle_code VARCHAR NOT NULL
);
