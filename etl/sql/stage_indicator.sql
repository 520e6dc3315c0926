INSERT INTO stg_indicator
SELECT CAST(code AS VARCHAR), CAST(name_en AS VARCHAR), CAST(name_ru AS VARCHAR),
       CAST(theme_code AS VARCHAR), CAST(type AS VARCHAR), CAST(unit AS VARCHAR),
       CAST(unit_ru AS VARCHAR), CAST(scale_min AS DOUBLE), CAST(scale_max AS DOUBLE),
       CAST(higher_is_better AS BOOLEAN), CAST(progress_method AS VARCHAR),
       CAST(change_threshold AS DOUBLE), coalesce(CAST(is_composite AS BOOLEAN), false),
       coalesce(CAST(is_headline AS BOOLEAN), false), coalesce(CAST(catalogued AS BOOLEAN), false),
       CAST(source_id AS VARCHAR), CAST(publisher AS VARCHAR), CAST(licence AS VARCHAR),
       CAST(definition AS VARCHAR)
FROM staged_frame
