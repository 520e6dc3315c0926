-- The sha256 of every loaded file: the warehouse version is a short hash over them.
SELECT sha256 FROM source ORDER BY sha256
