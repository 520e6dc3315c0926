-- Values outside the declared scale of their indicator.
SELECT o.source_id, o.row, 'value' AS field,
       'value ' || o.value || ' is outside the scale of ' || o.indicator_code
       || ' [' || coalesce(CAST(i.scale_min AS VARCHAR), '-inf') || ', '
       || coalesce(CAST(i.scale_max AS VARCHAR), 'inf') || ']' AS detail
FROM stg_observation o
JOIN (SELECT code, scale_min, scale_max FROM indicator
      UNION ALL SELECT code, scale_min, scale_max FROM stg_indicator) i
  ON i.code = o.indicator_code
WHERE o.value < i.scale_min OR o.value > i.scale_max OR isnan(o.value) OR isinf(o.value)
ORDER BY o.source_id, o.row

