-- For each state under review and UPR cycle (in the order recurrence_pairs meets them: cycle start,
-- then first id), its distinct texts and the distinct texts of its earlier cycles: the comparisons
-- the recurrence step would make, known before any text is loaded. Same rows as recurrence_texts.
-- Texts are told apart by their 64-bit hash (two different texts sharing one would count once: an
-- estimate that only decides whether a pair of cycles is compared), and the cycles a text occurs in
-- are kept as bits of one integer (positions 1..63: a state has a handful of UPR cycles).
WITH texts AS (
    SELECT r.id, r.country_iso3, r.cycle_code, c.start_date AS cycle_start, hash(r.text) AS text_hash
    FROM recommendation r
    JOIN cycle c ON c.code = r.cycle_code AND c.kind = 'upr'
    WHERE r.mechanism = 'upr'
), cycles AS (
    SELECT country_iso3, cycle_code,
           row_number() OVER (PARTITION BY country_iso3 ORDER BY min(cycle_start), min(id)) AS position
    FROM texts GROUP BY country_iso3, cycle_code
), distinct_texts AS (
    SELECT t.country_iso3, min(c.position) AS first_position,
           bit_or(1::UBIGINT << c.position::UBIGINT) AS position_bits
    FROM texts t JOIN cycles c USING (country_iso3, cycle_code)
    GROUP BY t.country_iso3, t.text_hash
), later_counts AS (
    SELECT c.country_iso3, c.position, count(*) AS texts
    FROM distinct_texts d
    JOIN cycles c ON c.country_iso3 = d.country_iso3 AND (d.position_bits >> c.position::UBIGINT) & 1 = 1
    GROUP BY ALL
), first_counts AS (
    SELECT country_iso3, first_position, count(*) AS texts FROM distinct_texts GROUP BY ALL
)
SELECT c.country_iso3, c.cycle_code, c.position, coalesce(l.texts, 0) AS later_texts,
       coalesce((SELECT sum(f.texts) FROM first_counts f
                 WHERE f.country_iso3 = c.country_iso3 AND f.first_position < c.position), 0)::BIGINT
           AS earlier_texts
FROM cycles c
LEFT JOIN later_counts l ON l.country_iso3 = c.country_iso3 AND l.position = c.position
ORDER BY c.country_iso3, c.position
