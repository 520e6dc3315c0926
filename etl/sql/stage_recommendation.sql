INSERT INTO stg_recommendation
SELECT $source_id, $vocabulary, CAST(id AS VARCHAR), CAST(country AS VARCHAR),
       CAST(mechanism AS VARCHAR), CAST(body AS VARCHAR), CAST(recommending_state AS VARCHAR),
       CAST(session AS INTEGER), CAST(year AS INTEGER), CAST(date AS DATE),
       CAST(document AS VARCHAR), CAST(paragraph AS VARCHAR), CAST(position_source AS VARCHAR),
       CAST(text AS VARCHAR), CAST(response AS VARCHAR),
       CAST(action_category AS INTEGER), coalesce(CAST(is_pledge AS BOOLEAN), false),
       CAST(affected_persons AS VARCHAR), CAST(sdgs AS VARCHAR), CAST(tags AS VARCHAR[]),
       CAST(row AS BIGINT)
FROM staged_frame
