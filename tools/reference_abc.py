#!/usr/bin/env python3
"""An independent reference calculation for the scenario scripts' `expect` lines.

Python standard library only, written apart from the Swift code: it reads the bundled
sample (Sources/ABCCore/Resources/sample.csv.gz), computes the customer metrics, both
tierings and the levers used in scenarios/*.abc with exact integers (1/10,000 units,
half-even rounding) and prints `name value` lines. EndToEndTests checks that every
`expect` value in scenarios/ equals the figure printed here.

  python3 tools/reference_abc.py
"""
import csv
import gzip
import io
import os
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "Sources", "ABCCore", "Resources", "sample.csv.gz")
UNIT = 10000  # money units per currency unit


def units(text):
    """'12.34' -> 123400 (exact)."""
    neg = text.startswith("-")
    if neg:
        text = text[1:]
    whole, _, frac = text.partition(".")
    value = int(whole or "0") * UNIT + int((frac + "0000")[:4] or "0")
    return -value if neg else value


def half_even(num, den):
    """num / den rounded half to even (den > 0)."""
    q, r = divmod(num, den)
    if 2 * r > den or (2 * r == den and q % 2 == 1):
        q += 1
    return q


def money(v):
    sign = "-" if v < 0 else ""
    v = abs(v)
    cents = half_even(v, 100)
    return "%s%d.%02d" % (sign, cents // 100, cents % 100)


def load(year=None):
    """Per-customer metrics; with `year`, only that calendar year's rows count."""
    rev, cost, first, last, pair_net = {}, {}, {}, {}, {}
    with gzip.open(SAMPLE, "rt", newline="") as f:
        for row in csv.DictReader(f):
            c = row["customer_id"].strip()
            if not c or (year is not None and not row["date"].startswith(str(year))):
                continue
            amount = half_even(units(row["quantity"]) * units(row["unit_price"]), UNIT)
            rev[c] = rev.get(c, 0) + amount
            cost[c] = cost.get(c, 0) + units(row["cost"])
            d = date.fromisoformat(row["date"]).toordinal()
            first[c] = min(first.get(c, d), d)
            last[c] = max(last.get(c, d), d)
            key = (c, row["order_id"])
            pair_net[key] = pair_net.get(key, 0) + amount
    orders = {c: 0 for c in rev}
    for (c, _), net in pair_net.items():
        if net > 0:
            orders[c] += 1
    ids = sorted(rev, key=lambda s: s.encode())
    profit = {c: rev[c] - cost[c] for c in ids}
    return ids, rev, profit, orders, first, last


def count_tiers(ids, values_by_criterion, weights, shares=(20, 30, 50)):
    score = {c: 0.0 for c in ids}
    for name, w in weights:
        vals = values_by_criterion[name]
        lo, hi = min(vals.values()), max(vals.values())
        for c in ids:
            score[c] += w * ((vals[c] - lo) / (hi - lo) if hi != lo else 0.0)
    order = sorted(ids, key=lambda c: (-score[c], c.encode()))
    n = len(ids)
    tiers, start, cum = {}, 0, 0
    for t, share in enumerate(shares):
        cum += share
        end = n if t == len(shares) - 1 else n * cum // 100
        for c in order[start:end]:
            tiers[c] = t
        start = end
    return tiers


def value_tiers(ids, value, shares=(80, 15, 5)):
    order = sorted(ids, key=lambda c: (-value[c], c.encode()))
    total = sum(v for v in value.values() if v > 0)
    lines, cum = [], 0
    for s in shares[:-1]:
        cum += s
        lines.append(total * cum)
    tiers, before = {}, 0
    for c in order:
        if value[c] <= 0:
            tiers[c] = len(shares) - 1
            continue
        t = len(shares) - 1
        for k, line in enumerate(lines):
            if before * 100 < line:
                t = k
                break
        tiers[c] = t
        before += value[c]
    return tiers


def load_country():
    """Each customer's most frequent country by rows, ties to the first in byte order."""
    counts = {}
    with gzip.open(SAMPLE, "rt", newline="") as f:
        for row in csv.DictReader(f):
            c = row["customer_id"].strip()
            if c and row["country"].strip():
                per = counts.setdefault(c, {})
                per[row["country"].strip()] = per.get(row["country"].strip(), 0) + 1
    return {c: min(per, key=lambda v: (-per[v], v.encode())) for c, per in counts.items()}


def main():
    ids, rev, profit, orders, first, last = load()
    out = []

    def put(name, value):
        out.append("%s %s" % (name, value))

    weighted = count_tiers(ids, {"revenue": rev, "profit": profit, "orders": orders},
                           [("revenue", 0.5), ("profit", 0.3), ("orders", 0.2)])
    pareto = value_tiers(ids, rev)
    for label, tiers in (("weighted", weighted), ("pareto", pareto)):
        for t, name in enumerate("ABC"):
            members = [c for c in ids if tiers[c] == t]
            put("%s.%s.customers" % (label, name), len(members))
            put("%s.%s.revenue" % (label, name), money(sum(rev[c] for c in members)))
            put("%s.%s.profit" % (label, name), money(sum(profit[c] for c in members)))
    put("total.customers", len(ids))
    put("total.revenue", money(sum(rev.values())))
    put("total.profit", money(sum(profit.values())))
    moved = sum(1 for c in ids if weighted[c] != pareto[c])
    put("weighted_to_pareto.moved", moved)

    # cost-to-serve C per-order 4.50, then drop C unprofitable (on the weighted tiers).
    cts = {c: 45000 * orders[c] if weighted[c] == 2 else 0 for c in ids}
    dropped = [c for c in ids if weighted[c] == 2 and profit[c] - cts[c] < 0]
    kept = [c for c in ids if c not in set(dropped)]
    put("lean.cost_to_serve.before", money(sum(cts.values())))
    put("lean.C.unprofitable", len(dropped))
    put("lean.projected.customers", len(kept))
    put("lean.projected.cost_to_serve", money(sum(cts[c] for c in kept)))
    put("lean.projected.revenue", money(sum(rev[c] for c in kept)))
    put("lean.projected.net_contribution", money(sum(profit[c] - cts[c] for c in kept)))

    # uplift B revenue +10% adoption 30% cost 2 per-adopter (expected values).
    b = [c for c in ids if weighted[c] == 1]
    d_rev = sum(half_even(rev[c] * 3, 100) for c in b)
    d_profit = sum(half_even(profit[c] * 3, 100) if rev[c] > 0 else 0 for c in b)
    put("grow.B.delta_revenue", money(d_rev))
    put("grow.B.projected.revenue", money(sum(rev[c] for c in b) + d_rev))
    put("grow.B.projected.profit", money(sum(profit[c] for c in b) + d_profit))
    put("grow.lever_cost", money(2 * UNIT * 3 * len(b) // 10))
    put("grow.projected.net_contribution", money(sum(profit.values()) + d_profit - 2 * UNIT * 3 * len(b) // 10))
    # retention A where country = France churn 20% -> 10% cost 5 (weighted tiers): the lever
    # acts on France's A customers alone; each customer's country is its only one in the sample.
    country = load_country()
    fr = [c for c in ids if weighted[c] == 0 and country[c] == "France"]
    a = [c for c in ids if weighted[c] == 0]
    f_rev = sum(half_even(rev[c] * 10, 100) for c in fr)
    f_profit = sum(half_even(profit[c] * 10, 100) if rev[c] > 0 else 0 for c in fr)
    put("france.targeted", len(fr))
    put("france.A.projected.revenue", money(sum(rev[c] for c in a) + f_rev))
    put("france.lever_cost", money(5 * UNIT * len(fr)))
    put("france.projected.net_contribution", money(sum(profit.values()) + f_profit - 5 * UNIT * len(fr)))
    # The weighted tiering of 2025 alone (set period year 2025): only 2025's buyers.
    ids25, rev25, profit25, orders25, _, _ = load(2025)
    w25 = count_tiers(ids25, {"revenue": rev25, "profit": profit25, "orders": orders25},
                      [("revenue", 0.5), ("profit", 0.3), ("orders", 0.2)])
    put("y2025.customers", len(ids25))
    put("y2025.A.customers", sum(1 for c in ids25 if w25[c] == 0))
    put("y2025.A.revenue", money(sum(rev25[c] for c in ids25 if w25[c] == 0)))
    put("y2025.C.profit", money(sum(profit25[c] for c in ids25 if w25[c] == 2)))
    print("\n".join(out))


if __name__ == "__main__":
    main()
