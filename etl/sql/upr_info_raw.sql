-- Rows of a UPR Info export as UTF-8 CSV, columns by position (the header repeats Rgrp and Org),
-- in file order (the table they are inserted into numbers them: rowid + 2 = record number).
SELECT *
FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
              columns = {'sur': 'VARCHAR', 'sur_rgrp': 'VARCHAR', 'sur_org': 'VARCHAR',
                         'recommendation': 'VARCHAR', 'rs': 'VARCHAR', 'rs_rgrp': 'VARCHAR',
                         'rs_org': 'VARCHAR', 'response': 'VARCHAR', 'action': 'VARCHAR',
                         'issue': 'VARCHAR', 'session': 'VARCHAR'})
