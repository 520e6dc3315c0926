-- Grain: one pair of yearly-change cut-points (rise, fall) per indicator (the first loaded file wins).
INSERT INTO progress_cutpoint
SELECT DISTINCT ON (indicator_code) indicator_code, threshold, threshold_down, source_id
FROM stg_cutpoint WHERE indicator_code IS NOT NULL
ORDER BY indicator_code, source_id
