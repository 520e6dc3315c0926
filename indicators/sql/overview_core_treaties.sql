-- The 18 core treaties and optional protocols (those monitored by a treaty body), in UN order.
SELECT code, name_en, name_ru FROM treaty WHERE body IS NOT NULL ORDER BY sort_order
