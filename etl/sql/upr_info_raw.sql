-- Rows of a UPR Info export as UTF-8 CSV, columns by position (the header repeats Rgrp and Org).
-- `row` is the record number with the header as row 1 (a quoted field may span several lines).
SELECT row_number() OVER () + 1 AS row, *
FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
              columns = {'sur': 'VARCHAR', 'sur_rgrp': 'VARCHAR', 'sur_org': 'VARCHAR',
                         'recommendation': 'VARCHAR', 'rs': 'VARCHAR', 'rs_rgrp': 'VARCHAR',
                         'rs_org': 'VARCHAR', 'response': 'VARCHAR', 'action': 'VARCHAR',
                         'issue': 'VARCHAR', 'session': 'VARCHAR'})
