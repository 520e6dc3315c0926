-- The recommendation rowids must be 0 .. n - 1 (the search numbers the app uses).
SELECT count(*) AS texts, coalesce(max(rowid) + 1, 0) AS span FROM recommendation
