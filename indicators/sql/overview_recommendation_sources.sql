-- Publishers of the recommendation rows of each of $countries (every choosable country: one result per
-- warehouse version, narrowed to the selection by viewmodels.overview.publishers_of for the source line).
SELECT DISTINCT r.country_iso3, coalesce(s.publisher, s.title, s.file) AS publisher
FROM source s
JOIN (SELECT DISTINCT source_id, country_iso3 FROM recommendation_summary
      WHERE country_iso3 = ANY($countries)) r ON r.source_id = s.id
ORDER BY publisher, r.country_iso3
