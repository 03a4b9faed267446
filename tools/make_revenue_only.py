#!/usr/bin/env python3
"""Makes scenarios/data/retail-revenue-only.csv.gz: the bundled sample's first 1,000 customers
without the cost column (order_id, date, customer_id, quantity, unit_price), the shape of most
real exports. Standard library only; the same bytes every run (gzip mtime 0).

  python3 tools/make_revenue_only.py
"""
import csv
import gzip
import io
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "Sources", "ABCCore", "Resources", "sample.csv.gz")
OUT = os.path.join(ROOT, "scenarios", "data", "retail-revenue-only.csv.gz")

text = io.StringIO()
writer = csv.writer(text, lineterminator="\n")
writer.writerow(["order_id", "date", "customer_id", "quantity", "unit_price"])
with gzip.open(SAMPLE, "rt", newline="") as f:
    for row in csv.DictReader(f):
        c = row["customer_id"].strip()
        if c and c <= "K01000":
            writer.writerow([row["order_id"], row["date"], c, row["quantity"], row["unit_price"]])
with open(OUT, "wb") as out:
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as z:
        z.write(text.getvalue().encode())
