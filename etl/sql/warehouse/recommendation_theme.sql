-- Grain: one row per recommendation and theme.
INSERT INTO recommendation_theme
SELECT DISTINCT recommendation_id, theme_code FROM recommendation_tag WHERE theme_code IS NOT NULL;

-- Grain: one row per country, mechanism, UPR cycle, year, response, pledge, source and set of themes
-- (recommendation.theme_codes): the counts the Overview and Theme explorer show, without a scan of
-- every recommendation on each filter change.
INSERT INTO recommendation_summary
SELECT country_iso3, mechanism, cycle_code, year, response, is_pledge, source_id, theme_codes,
       count(*) AS recommendations
FROM recommendation
GROUP BY ALL;
