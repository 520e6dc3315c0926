-- Recommendations of one theme per country under review, by response (grain: country).
-- Pledges are counted apart; supported/noted/no_response count recommendations only.
-- From recommendation_summary (built with the warehouse), not a scan of every recommendation.
SELECT r.country_iso3, c.name_en AS country_name_en, c.name_ru AS country_name_ru,
       coalesce(sum(r.recommendations) FILTER (WHERE NOT r.is_pledge AND r.response = 'supported'), 0)::BIGINT AS supported,
       coalesce(sum(r.recommendations) FILTER (WHERE NOT r.is_pledge AND r.response = 'noted'), 0)::BIGINT AS noted,
       coalesce(sum(r.recommendations) FILTER (WHERE NOT r.is_pledge AND r.response IS NULL), 0)::BIGINT AS no_response,
       coalesce(sum(r.recommendations) FILTER (WHERE r.is_pledge), 0)::BIGINT AS pledges,
       coalesce(sum(r.recommendations) FILTER (WHERE NOT r.is_pledge), 0)::BIGINT AS total,
       min(r.year) AS first_year, max(r.year) AS last_year,
       string_agg(DISTINCT s.publisher, '; ' ORDER BY s.publisher) AS publishers
FROM recommendation_summary AS r
LEFT JOIN country AS c ON c.iso3 = r.country_iso3
LEFT JOIN source AS s ON s.id = r.source_id
WHERE list_contains(r.theme_codes, $theme)
  AND r.country_iso3 = ANY($countries)
  AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
  AND ($cycle::VARCHAR IS NULL OR r.cycle_code = $cycle)
  AND r.year BETWEEN $year_from AND $year_to
GROUP BY r.country_iso3, c.name_en, c.name_ru
ORDER BY r.country_iso3
