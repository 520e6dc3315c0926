-- Every loaded file with what a figure's provenance names: publisher, file, sha256, licence.
-- Grain: one row per source. The pages keep the rows of the publishers a figure draws on.
SELECT COALESCE(publisher, '') AS publisher, file, sha256, COALESCE(licence, '') AS licence, is_demo
FROM source
ORDER BY publisher, file
