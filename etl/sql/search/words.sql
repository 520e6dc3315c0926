-- The distinct folded words of the texts (Python stems them: the Snowball stemmers).
SELECT DISTINCT word FROM search_tokens
