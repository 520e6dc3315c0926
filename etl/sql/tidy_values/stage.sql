-- Stage the tidy indicator-values template read as text (`raw`): number the records (header =
-- row 1), add the optional columns a file leaves out, trim cells and cast them; a cell that
-- cannot be read becomes NULL in its typed column and keeps its text for the error message.
WITH numbered AS (
    SELECT *, row_number() OVER () + 1 AS source_row FROM raw
), complete AS (
    FROM numbered
    UNION ALL BY NAME
    SELECT NULL::VARCHAR AS lower, NULL::VARCHAR AS upper,
           NULL::VARCHAR AS disaggregation, NULL::VARCHAR AS note
    WHERE false
), texts AS (
    SELECT source_row,
           nullif(trim(country), '') AS country,
           nullif(trim(indicator), '') AS indicator,
           nullif(trim(year), '') AS year_text,
           nullif(trim(value), '') AS value_text,
           nullif(trim(lower), '') AS lower_text,
           nullif(trim(upper), '') AS upper_text,
           coalesce(trim(disaggregation), '') AS disaggregation_text,
           nullif(trim(note), '') AS note
    FROM complete
), typed AS (
    SELECT *,
           CASE WHEN regexp_full_match(year_text, '-?[0-9]{1,4}') THEN year_text::INTEGER END AS year,
           TRY_CAST(value_text AS DOUBLE) AS value_number,
           TRY_CAST(lower_text AS DOUBLE) AS lower_number,
           TRY_CAST(upper_text AS DOUBLE) AS upper_number
    FROM texts
), checked AS (
    SELECT source_row, country, indicator, note, year,
           CASE WHEN isfinite(value_number) THEN value_number END AS value,
           CASE WHEN isfinite(lower_number) THEN lower_number END AS lower,
           CASE WHEN isfinite(upper_number) THEN upper_number END AS upper,
           CASE
               WHEN disaggregation_text = '' THEN ''
               WHEN regexp_full_match(disaggregation_text,
                                      '[A-Z][A-Z0-9_]*=[^;=]+(;[A-Z][A-Z0-9_]*=[^;=]+)*')
                    AND len(list_distinct(list_transform(string_split(disaggregation_text, ';'),
                                                         lambda part: split_part(part, '=', 1))))
                        = len(string_split(disaggregation_text, ';'))
               -- keys sorted: '=' is replaced by chr(1) so that a key sorts before its extensions
               THEN replace(array_to_string(list_sort(string_split(
                        replace(disaggregation_text, '=', chr(1)), ';')), ';'), chr(1), '=')
           END AS disaggregation,
           year_text, value_text, lower_text, upper_text, disaggregation_text
    FROM typed
)
-- the text of a cell is kept only where it could not be read (for the error message)
SELECT source_row, country, indicator, year, value, lower, upper, disaggregation, note,
       CASE WHEN year IS NULL THEN year_text END AS year_text,
       CASE WHEN value IS NULL THEN value_text END AS value_text,
       CASE WHEN lower IS NULL THEN lower_text END AS lower_text,
       CASE WHEN upper IS NULL THEN upper_text END AS upper_text,
       CASE WHEN disaggregation IS NULL THEN disaggregation_text END AS disaggregation_text
FROM checked
