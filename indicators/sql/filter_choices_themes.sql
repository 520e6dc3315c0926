SELECT code, name_en, name_ru FROM theme ORDER BY sort_order
