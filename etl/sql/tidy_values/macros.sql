-- canonical_disaggregation(text): '' for the total, KEY=value pairs with keys sorted, or NULL
-- when the text is malformed (lower-case key, a key given twice, a part without '=').
CREATE OR REPLACE TEMP MACRO canonical_disaggregation(text) AS
    CASE
        WHEN text = '' THEN ''
        WHEN regexp_full_match(text, '[A-Z][A-Z0-9_]*=[^;=]+(;[A-Z][A-Z0-9_]*=[^;=]+)*')
             AND len(list_distinct(list_transform(string_split(text, ';'),
                                                  lambda part: split_part(part, '=', 1))))
                 = len(string_split(text, ';'))
        -- keys sorted: '=' is replaced by chr(1) so that a key sorts before its extensions
        THEN replace(array_to_string(list_sort(string_split(
                 replace(text, '=', chr(1)), ';')), ';'), chr(1), '=')
    END
