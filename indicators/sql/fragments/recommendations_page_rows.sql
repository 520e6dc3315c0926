-- Fragment: the rest of a page query's WITH after its `chosen` CTE (row_id: the rowids of the page's
-- recommendations): their columns, the names of the state under review and of the recommending state
-- (when it is one country), theme names '; '-joined, latest implementation status, newest first.
-- Shared by recommendations_page and recommendations_page_searched.
), page AS (
    SELECT r.id, r.country_iso3, r.mechanism, r.body, r.recommending_state, r.recommending_iso3, r.session, r.cycle_code,
           r.year, r.text, r.response, r.is_pledge, r.action_category, r.theme_codes, r.document,
           r.paragraph
    FROM recommendation r
    WHERE r.rowid IN (SELECT row_id FROM chosen)
), themes AS (
    SELECT p.id,
           string_agg(t.name_en, '; ' ORDER BY t.sort_order) AS themes_en,
           string_agg(t.name_ru, '; ' ORDER BY t.sort_order) AS themes_ru
    FROM (SELECT id, unnest(theme_codes) AS theme_code FROM page) p
    JOIN theme t ON t.code = p.theme_code
    GROUP BY p.id
), latest AS (
    SELECT recommendation_id, arg_max(status, date) AS implementation_status
    FROM implementation
    WHERE recommendation_id IN (SELECT id FROM page)
    GROUP BY recommendation_id
)
SELECT p.* EXCLUDE (theme_codes), c.name_en AS country_name_en, c.name_ru AS country_name_ru,
       rs.name_en AS recommending_name_en, rs.name_ru AS recommending_name_ru,
       th.themes_en, th.themes_ru, l.implementation_status
FROM page p
LEFT JOIN country c ON c.iso3 = p.country_iso3
LEFT JOIN country rs ON rs.iso3 = p.recommending_iso3
LEFT JOIN themes th ON th.id = p.id
LEFT JOIN latest l ON l.recommendation_id = p.id
ORDER BY p.year DESC, p.country_iso3, p.session NULLS LAST, p.id
