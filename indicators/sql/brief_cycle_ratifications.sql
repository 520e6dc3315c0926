-- Treaties newly bound (ratification, accession, succession, ...; signatures apart) within a year span.
SELECT r.country_iso3, r.treaty, t.name_en, t.name_ru, r.action, r.date, r.year, r.source_id
FROM ratification AS r
JOIN treaty AS t ON t.code = r.treaty
WHERE r.country_iso3 = ANY($countries) AND r.action <> 'signature'
  AND r.year BETWEEN $year_from AND $year_to
ORDER BY r.country_iso3, r.year, t.sort_order, r.source_id
