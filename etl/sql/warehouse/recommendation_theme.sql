-- Grain: one row per recommendation and theme.
INSERT INTO recommendation_theme
SELECT DISTINCT recommendation_id, theme_code FROM recommendation_tag WHERE theme_code IS NOT NULL
