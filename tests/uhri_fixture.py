"""Writes a small workbook in the layout of an OHCHR UHRI "Export to Excel" file (.xlsx)."""
from __future__ import annotations

from pathlib import Path

import openpyxl

HEADER = ["Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes",
          "Affected Persons", "Sdgs", "Document Publication Date", "UPR Reccomending States",
          "UPR Position", "Type", "OHCHR Annotation Id", "UPR Session", "Regions Concerned",
          "Recommending Regions", "Date of publication on UHRI"]

# One dict per sheet row (row 2 onwards); missing keys are empty cells.
ROWS = [
    {"Text": "Adopt a comprehensive anti-discrimination law.",
     "Countries Concerned": "- Kazakhstan", "Reccomending Body": "- UPR",
     "Document Symbol": "- A/HRC/43/10", "Themes": "- Equality & non-discrimination",
     "Affected Persons": "- General", "Sdgs": "- 10 - Reduced inequalities",
     "Document Publication Date": 43850, "UPR Reccomending States": "- Canada\n- France",
     "UPR Position": "- Supported", "Type": "- Recommendations",
     "OHCHR Annotation Id": "a1", "UPR Session": "- 34th Session",
     "Date of publication on UHRI": 43900.5},
    {"Text": "Abolish the death penalty.", "Countries Concerned": "- Kyrgyzstan",
     "Reccomending Body": "- UPR", "Themes": "- Death penalty", "Document Publication Date": 45000,
     "UPR Reccomending States": "- Australia", "UPR Position": "- Noted",
     "OHCHR Annotation Id": "a2", "UPR Session": "- 35 Session"},
    {"Text": "Investigate all allegations of torture.", "Countries Concerned": "- Tajikistan",
     "Reccomending Body": "- CAT", "Document Symbol": "- CAT/C/TJK/CO/3",
     "Themes": "- Torture\n- Administration of justice & fair trial",
     "Affected Persons": "- Persons deprived of their liberty",
     "Document Publication Date": 43700.75, "OHCHR Annotation Id": "a3"},
    {"Text": "Criminalise domestic violence.", "Countries Concerned": "- Uzbekistan",
     "Reccomending Body": "- CEDAW", "Themes": "- Gender-based violence",
     "Affected Persons": "- Women & girls", "Sdgs": "- 5 - Gender equality",
     "Document Publication Date": 44140, "OHCHR Annotation Id": "a4"},
    {"Text": "Release persons detained for their opinions.", "Countries Concerned": "- Turkmenistan",
     "Reccomending Body": "- CCPR", "Themes": "- Freedom of opinion and expression",
     "Document Publication Date": 44500.25, "OHCHR Annotation Id": "a5"},
    {"Text": "Guarantee the independence of lawyers.", "Countries Concerned": "- Kazakhstan",
     "Reccomending Body": "- SR on the independence of judges and lawyers",
     "Themes": "- Administration of justice & fair trial", "Document Publication Date": 42000,
     "OHCHR Annotation Id": "a6"},
    {"Text": "Review the detention regime.", "Countries Concerned": "- Kazakhstan",
     "Reccomending Body": "- WG on Arbitrary Detention", "Themes": "- Liberty & security of the person",
     "Document Publication Date": 41000.9, "OHCHR Annotation Id": "a7"},
    {"Text": "Cooperate with regional water management bodies.",
     "Countries Concerned": "- Kazakhstan\n- Kyrgyzstan\n- Tajikistan",
     "Reccomending Body": "- IE on human rights and the environment", "Themes": "- Environment",
     "Document Publication Date": 44927, "OHCHR Annotation Id": "a8"},
    {"Text": "Обеспечить независимость судебной власти.", "Countries Concerned": "- Uzbekistan",
     "Reccomending Body": "- CCPR", "Themes": "- Administration of justice & fair trial",
     "Document Publication Date": "44300", "OHCHR Annotation Id": "a9"},
    {"Text": "Ratify the Optional Protocol to CAT.", "Countries Concerned": "- Turkmenistan",
     "Reccomending Body": "- UPR", "Themes": "- Acceptance of international norms",
     "Document Publication Date": 45200, "UPR Reccomending States": "- Czechia",
     "OHCHR Annotation Id": "a10", "UPR Session": "- 44th Session"},
    {"Text": "Ensure inclusive education for children with disabilities.",
     "Countries Concerned": "- Kyrgyzstan", "Reccomending Body": "- CRC",
     "Themes": "- Right to education\n- Rights of the child", "Document Publication Date": 44600,
     "OHCHR Annotation Id": "a11"},
    {"Text": "Prevent torture in places of deprivation of liberty.",
     "Countries Concerned": "- Kyrgyzstan", "Reccomending Body": "- SPT",
     "Themes": "- Torture", "Document Publication Date": 43000.1, "OHCHR Annotation Id": "a12"},
]


def write_uhri_workbook(path: Path, rows: list[dict] | None = None,
                        header: list[str] | None = None) -> Path:
    """Write `rows` (default ROWS) under `header` (default HEADER) to a one-sheet .xlsx."""
    header = HEADER if header is None else header
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in ROWS if rows is None else rows:
        sheet.append([row.get(name) for name in header])
    workbook.save(path)
    return Path(path)
