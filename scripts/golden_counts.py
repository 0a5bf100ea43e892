"""Street counts by month x crime type x LSOA straight from police.uk CSVs, stdlib only.

    python scripts/golden_counts.py ../shared/data/policeuk/bedfordshire > tests/golden/street_counts.csv

Independent of cspkit on purpose: the test suite checks `cspkit counts` against its output.
Rows without an LSOA code (unlocated) are counted with an empty lsoa.
"""

import csv
import sys
from collections import Counter
from pathlib import Path

counts: Counter[tuple[str, str, str]] = Counter()
for path in sorted(Path(sys.argv[1]).rglob("*-street.csv")):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            counts[(row["Month"], row["Crime type"], row["LSOA code"])] += 1

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["month", "category", "lsoa", "count"])
for (month, category, lsoa), count in sorted(counts.items()):
    out.writerow([month, category, lsoa, count])
