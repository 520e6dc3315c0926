-- Fragment: every event of $country drawn on trend charts, as rows (country_iso3, date, kind, title,
-- year_only): the event table (dated facts: UN Treaty Collection ratifications, templates), the
-- ratifications known only by their year (World Politics Datalab; a year marker, placed mid-year,
-- unless a dated record of the same act exists) and the UPR reviews of upr_reviews.csv (unless the
-- event table already has that review).
    SELECT country_iso3, date, kind, title, false AS year_only
    FROM event
    WHERE country_iso3 = $country
    UNION ALL
    SELECT r.country_iso3, make_date(r.year, 7, 1), 'ratification',
           r.treaty || ': ' || r.action || ' (' || r.year || ')', true
    FROM ratification r
    WHERE r.country_iso3 = $country AND r.date IS NULL AND r.year IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM event e WHERE e.country_iso3 = r.country_iso3 AND e.kind = 'ratification'
                      AND year(e.date) = r.year AND starts_with(e.title, r.treaty || ':'))
    UNION ALL
    SELECT u.country_iso3, coalesce(u.session_start, make_date(u.session_year, 7, 1)), 'upr_review',
           'UPR review (session ' || u.session || ')', u.session_start IS NULL
    FROM upr_review u
    WHERE u.country_iso3 = $country
      AND NOT EXISTS (SELECT 1 FROM event e WHERE e.country_iso3 = u.country_iso3 AND e.kind = 'upr_review'
                      AND year(e.date) = u.session_year)
