-- One pass over upr_info_staged (stage_upr_info.sql): the row count and, for every check, the
-- first offending row (record number, header = 1) and its cell text.
SELECT
    count(*) AS rows_read,
    min(row) FILTER (WHERE country IS NULL) AS sur_row,
    NULL AS sur_value,
    min(row) FILTER (WHERE text IS NULL) AS recommendation_row,
    NULL AS recommendation_value,
    min(row) FILTER (WHERE response IS NULL AND NOT is_pledge) AS response_row,
    arg_min(response_text, row) FILTER (WHERE response IS NULL AND NOT is_pledge) AS response_value,
    min(row) FILTER (WHERE NOT coalesce(regexp_full_match(trim(action_text), '[1-5]'), false)) AS action_row,
    arg_min(action_text, row) FILTER (WHERE NOT coalesce(regexp_full_match(trim(action_text), '[1-5]'), false))
        AS action_value,
    min(row) FILTER (WHERE year IS NULL OR NOT regexp_full_match(trim(session_text), '[1-9][0-9]{0,3}'))
        AS session_row,
    arg_min(session_text, row) FILTER (WHERE year IS NULL
                                       OR NOT regexp_full_match(trim(session_text), '[1-9][0-9]{0,3}'))
        AS session_value
FROM upr_info_staged
