-- The distinct folded words of the texts (Python stems them: the Snowball stemmers), in one order, so
-- that the stems are numbered the same way by every build of the same files.
SELECT DISTINCT word FROM search_tokens ORDER BY word
