-- Staged `recommendation` rows from upr_info_raw, UPR Info wording mapped to the canonical one,
-- plus the source text of the checked cells (response_text, action_text, session_text) that
-- upr_info_check.sql inspects. No `row`: it is rowid + 2 of the table the rows are inserted into
-- in file order. $session_years[n] is the year of UPR Working Group session n.
SELECT
    NULL::VARCHAR AS id,
    CASE WHEN sur LIKE '%&%;%' THEN upr_info_unescape(trim(sur)) ELSE nullif(trim(sur), '') END AS country,
    'upr' AS mechanism,
    'UPR' AS body,
    CASE WHEN rs LIKE '%&%;%' THEN upr_info_unescape(trim(rs)) ELSE nullif(trim(rs), '') END
        AS recommending_state,
    TRY_CAST(trim(session) AS INTEGER) AS session,
    ($session_years::INTEGER[])[TRY_CAST(trim(session) AS INTEGER)] AS year,
    NULL::DATE AS date,
    NULL::VARCHAR AS document,
    nullif(trim(recommendation), '') AS text,
    CASE lower(trim(response)) WHEN 'accepted' THEN 'supported' WHEN 'noted' THEN 'noted' END AS response,
    TRY_CAST(trim(action) AS INTEGER) AS action_category,
    coalesce(lower(trim(response)) = 'voluntary pledge', false) AS is_pledge,
    NULL::VARCHAR AS affected_persons,
    NULL::VARCHAR AS sdgs,
    CASE WHEN issue IS NULL THEN []::VARCHAR[]
         -- blanks around a comma or an empty tag: strip and drop (slow path, rare)
         WHEN regexp_matches(issue, '(^|,)\s|\s(,|$)|(^|,)(,|$)')
         THEN list_filter(list_transform(string_split(issue, ','), lambda tag: trim(tag)),
                          lambda tag: tag <> '')
         ELSE string_split(issue, ',') END AS tags,
    response AS response_text,
    action AS action_text,
    session AS session_text
FROM upr_info_raw
