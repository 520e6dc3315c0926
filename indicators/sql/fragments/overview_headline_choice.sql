-- Fragment: the Overview's headline indicator per theme, as CTEs `heads` (the catalogue's headline
-- indicators, of $theme when given), `obs` (their yearly totals for $countries in $year_from..$year_to;
-- several totals of one year averaged) and `chosen` (per theme the one with data for most of the
-- selected countries, then the most recent, then by code). Included by overview_headlines and
-- overview_headline_series, so the cards' table and the small multiples show the same indicators.
heads AS (
    SELECT i.code, i.name_en, i.name_ru, i.theme_code, i.unit, i.unit_ru, i.higher_is_better, i.publisher,
           i.progress_method, i.scale_min, i.scale_max,
           COALESCE(p.threshold, i.change_threshold) AS change_threshold,
           COALESCE(p.threshold_down, p.threshold, i.change_threshold) AS change_threshold_down
    FROM indicator AS i
    LEFT JOIN progress_cutpoint AS p ON p.indicator_code = i.code
    WHERE is_headline AND theme_code IS NOT NULL AND ($theme::VARCHAR IS NULL OR theme_code = $theme)
),
obs AS (
    SELECT o.indicator_code, o.country_iso3, o.year, avg(o.value) AS value
    FROM observation o
    WHERE o.is_total
      AND list_contains($countries, o.country_iso3)
      AND o.year BETWEEN $year_from AND $year_to
      AND o.indicator_code IN (SELECT code FROM heads)
    GROUP BY o.indicator_code, o.country_iso3, o.year
),
chosen AS (
    SELECT h.*
    FROM heads h
    JOIN (SELECT indicator_code, count(DISTINCT country_iso3) AS countries, max(year) AS last_year
          FROM obs GROUP BY indicator_code) coverage ON coverage.indicator_code = h.code
    QUALIFY row_number() OVER (PARTITION BY h.theme_code
                               ORDER BY coverage.countries DESC, coverage.last_year DESC, h.code) = 1
)
