SELECT code, kind, name, name_ru, start_date, end_date FROM cycle ORDER BY kind, start_date
