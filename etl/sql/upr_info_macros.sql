-- Macros of the UPR Info reader. upr_info_unescape(name): HTML character references in a state
-- name ('&#40;Unknown&#41;', '&#x28;', '&amp;') replaced by the characters they stand for.
CREATE OR REPLACE TEMP MACRO upr_info_code_point(digits, base) AS
    CASE WHEN base = 10 THEN TRY_CAST(digits AS INTEGER) ELSE TRY_CAST('0x' || digits AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO upr_info_character(reference) AS
    CASE WHEN regexp_full_match(reference, '[0-9]{1,7}') THEN upr_info_code_point(reference, 10)
         WHEN regexp_full_match(reference, '[xX][0-9a-fA-F]{1,6}') THEN upr_info_code_point(substr(reference, 2), 16)
    END;
CREATE OR REPLACE TEMP MACRO upr_info_unescape(name) AS
    replace(replace(replace(replace(replace(replace(
        array_to_string(list_transform(string_split(name, '&#'), lambda part, i:
            CASE WHEN i > 1 AND strpos(part, ';') > 0
                      AND coalesce(upr_info_character(split_part(part, ';', 1)) BETWEEN 1 AND 55295
                                   OR upr_info_character(split_part(part, ';', 1)) BETWEEN 57344 AND 1114111,
                                   false)
                 THEN chr(upr_info_character(split_part(part, ';', 1))) || substr(part, strpos(part, ';') + 1)
                 WHEN i > 1 THEN '&#' || part
                 ELSE part END), ''),
        '&quot;', '"'), '&apos;', ''''), '&lt;', '<'), '&gt;', '>'), '&nbsp;', chr(160)), '&amp;', '&');
