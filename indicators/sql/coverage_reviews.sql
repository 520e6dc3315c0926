-- Coverage of the recommendations: which reviews of each selected country are loaded and which are
-- missing. UPR: every review listed in upr_review (data/reference/upr_reviews.csv) and every UPR
-- session found in the data; treaty bodies and special procedures: each body found in the data.
-- Grain: one row per country, mechanism and review (UPR session, or body). recommendations counts
-- recommendations received (voluntary pledges apart, in pledges); NULL when the review is not loaded.
WITH loaded AS (
    SELECT country_iso3, mechanism, CASE WHEN mechanism = 'upr' THEN NULL ELSE body END AS body,
           CASE WHEN mechanism = 'upr' THEN session END AS session,
           count(*) FILTER (WHERE NOT is_pledge) AS recommendations,
           count(*) FILTER (WHERE is_pledge) AS pledges,
           min(year) AS first_year, max(year) AS last_year
    FROM recommendation
    WHERE country_iso3 = ANY($countries)
    GROUP BY ALL
), expected AS (
    SELECT country_iso3, 'upr' AS mechanism, NULL::VARCHAR AS body, session, session_year
    FROM upr_review
    WHERE country_iso3 = ANY($countries)
)
SELECT * FROM (
SELECT coalesce(e.country_iso3, l.country_iso3) AS country_iso3,
       coalesce(e.mechanism, l.mechanism) AS mechanism,
       l.body, coalesce(e.session, l.session) AS session,
       c.code AS cycle_code, c.name AS cycle_name_en, c.name_ru AS cycle_name_ru,
       coalesce(e.session_year, l.first_year) AS first_year, coalesce(e.session_year, l.last_year) AS last_year,
       l.recommendations, l.pledges, l.country_iso3 IS NOT NULL AS loaded
FROM expected e
FULL JOIN loaded l
  ON l.country_iso3 = e.country_iso3 AND l.mechanism = e.mechanism AND l.session = e.session
LEFT JOIN cycle c
  ON c.kind = 'upr' AND coalesce(e.session, l.session) BETWEEN c.first_session AND c.last_session

) ORDER BY country_iso3, mechanism = 'upr' DESC, mechanism, session NULLS LAST, body
