-- Country profile: the events of the country drawn over the trend charts (dated events, year-only
-- ratifications as year markers, UPR reviews): see fragments/country_events_all.sql.
SELECT country_iso3, date, kind, title, year_only
FROM (
    -- @include country_events_all
)
ORDER BY date
