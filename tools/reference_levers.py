#!/usr/bin/env python3
"""An independent reference calculation of PRODUCT.md's lever arithmetic and of the
fixed-boundary placement after the levers (`simulate` in expected mode).

Python standard library only, written apart from the Swift code (from PRODUCT.md alone).
Money is exact: integers in 1/10,000 of the currency unit; rates are exact fractions; every
customer's effect is rounded half to even once per lever. Doubles appear only where
PRODUCT.md says scores are Doubles (normalised values and the weighted sum, added left to
right in the order the criteria are given).

Usage
-----
  python3 tools/reference_levers.py --data FILE [--drop-cost]
      [--weights revenue=0.5,profit=0.3,orders=0.2]
      [--tiers count:20/30/50 | revenue:80/15/5 | profit:80/15/5]
      [--scaling minmax|rank] [--margin 30 | --margin A=40,B=30,C=20]
      [--asof YYYY-MM-DD] [--per-customer OUT.csv]
      --lever 'LEVER' [--lever 'LEVER' ...]

  --data FILE     a CSV (optionally .gz): transactions with a customer column
                  (customer_id), a date column (date), an amount column (amount) or
                  quantity + unit_price, and optionally cost, profit and order_id. Header
                  names match ignoring case, spaces and underscores. `--data sample` is
                  the bundled Sources/ABCCore/Resources/sample.csv.gz.
  --drop-cost     ignore the cost and profit columns: a revenue-only dataset.
  --weights       criteria and weights, in order (the scores add left to right in this
                  order). Criteria: revenue, profit, margin, orders (frequency), aov,
                  recency, tenure (loyalty). A weight is a decimal literal (read as the
                  nearest Double) or `a/b` (Double(a) / Double(b)). Default: revenue=0.5,
                  profit=0.3,orders=0.2; without cost or profit revenue=0.5/0.7,orders=0.2/0.7.
  --tiers         count shares (rank by score) or value shares on revenue or profit; 2 to 5
                  shares summing to 100; tiers are named A, B, C, D, E. Default count:20/30/50.
  --scaling       minmax (default) or rank (PRODUCT.md "Score scaling").
  --margin        an assumed margin in percent, overall (`30`) or per tier before the
                  levers (`A=40,B=30,C=20`, every tier named); only on data without cost or
                  profit (after --drop-cost, or a file without those columns).
  --asof          the reference date for recency/tenure (default: the latest date of the
                  rows with a customer).
  --per-customer  also write one CSV row per customer (tier before and after, figures).
  --lever-margin  ratio (default): margin_i = profit_i / revenue_i of the customer as it
                  stands, also when profit_i is the assumed (rounded) profit; assumed: with
                  --margin, uplift/retention/reactivation use the assumed rate itself
                  (delta_profit_i = round(delta_rev_i exact x rate)), an alternative reading.

Levers (PRODUCT.md's own grammar; `%` is required on rates; money in currency units;
an optional leading word `lever` is ignored):
  cost-to-serve T per-order C [per-customer K]     cts_i += C*orders_i + K
  cost-to-serve T per-customer K
  uplift T revenue +X% adoption Y% cost C per-adopter|per-contact
  retention T churn B% -> R% cost C                (`to` may stand for `->`)
  reactivation T inactive D days response R% [orders K] cost C
  discount T price -D% [volume +V%]                (price +3% is a rise; volume defaults to 0%)
  drop T unprofitable

Examples (the lever sets of issue 11):
  python3 tools/reference_levers.py --data sample \
      --lever 'retention A churn 10% -> 6% cost 3' \
      --lever 'uplift B revenue +10% adoption 30% cost 2 per-adopter' \
      --lever 'reactivation C inactive 180 days response 5% orders 2 cost 1.5' \
      --lever 'discount C price +3% volume -2%' --lever 'discount B price -5% volume +8%' \
      --lever 'cost-to-serve C per-order 4.50' --lever 'drop C unprofitable'
  python3 tools/reference_levers.py --data /work/main/data/transactions_1m.csv --scaling rank \
      --weights revenue=0.6,orders=0.2,recency=0.2 --lever 'uplift B revenue +10% adoption 30% cost 2 per-adopter'
  python3 tools/reference_levers.py --data sample --drop-cost --margin A=40,B=30,C=20 \
      --lever 'uplift B revenue +10% adoption 30% cost 2 per-contact' \
      --lever 'cost-to-serve C per-customer 5' --lever 'drop C unprofitable'

Output: one JSON document on stdout:
  {"customers": N, "reference_date": ..., "profit_basis": "data"|"assumed ..."|"none",
   "boundaries": {"A": {"id": ..., "score"|"value": ...}, ...},
   "tiers": {"A": {customers_before, customers_after, dropped, revenue_before, revenue_after,
                   profit_before, profit_after, cost_to_serve_before, cost_to_serve_after,
                   lever_cost_before, lever_cost_after, net_contribution_before,
                   net_contribution_after, net_negative_customers, net_negative_revenue},
             ..., "total": {...}},               grouped by the tier BEFORE the levers
   "tiers_after": {"A": {customers, revenue, profit, cost_to_serve, lever_cost,
                         net_contribution}, ..., "total": {...}},  grouped by tier AFTER
   "levers": [{"lever", "tier", "customers", "affected", "delta_revenue", "delta_profit",
               "delta_cost_to_serve", "cost", "roi"}, ...],
   "migration": {"A": {"A": n, "B": n, "C": n, "dropped": n}, ...}}
Money is an exact decimal string with 4 decimals ("123.4500"); a profit-side figure that
is unknown (revenue-only data without --margin) is null. roi = (delta_profit - cost) / cost
as a ratio (1.25 = 125%), rounded half to even to 6 decimals; null when cost is 0.

Choices where PRODUCT.md leaves room:
  * levers act on the current figures (after the earlier levers): margin_i = profit_i /
    revenue_i of the customer as it stands (0 when revenue <= 0); a dropped customer is no
    longer a target of later levers; levers change revenue and profit (and so cost) only:
    orders, first and last purchase dates do not move.
  * uplift/retention: delta_profit_i = round(profit_i * x * y) (= delta_rev_i * margin_i,
    exact); reactivation: delta_rev_i = round(r * k * rev_i / orders_i),
    delta_profit_i = round(r * k * profit_i / orders_i).
  * the lever cost is carried per customer: c*y rounded half-even once per adopter share
    (per-adopter, expected mode) or c per contacted/eligible customer; the lever's cost is
    the sum of the shares. Lever costs stay with the tier even if the customer is dropped
    later (money already spent); drop removes revenue, profit and cost-to-serve only.
  * "before" columns already include cost-to-serve (an assumption about cost, not an
    action): net_contribution_before = profit - cost_to_serve; lever_cost_before = 0.
  * drop T unprofitable: net_i = profit_i - cts_i at the moment the drop lever runs.
  * rank scaling for recency counts the customers with a LARGER value (exact), not 1 - norm.
  * margin and aov criteria are Doubles (Double(profit)/Double(revenue), Double(revenue) /
    Double(orders)) and their min-max differences are Double differences.
"""
import argparse
import bisect
import csv
import gzip
import io
import json
import os
import re
import sys
from datetime import date
from fractions import Fraction

# The sample's path, the money scale and half-even rounding: the same as the other reference.
from reference_abc import ROOT, SAMPLE, UNIT, half_even  # noqa: E402

TIER_NAMES = "ABCDE"


class RefError(Exception):
    pass


# ---------------------------------------------------------------- exact money

def round_fr(x):
    """An exact Fraction (in money units) rounded half to even to an integer."""
    x = Fraction(x)
    return half_even(x.numerator, x.denominator)


_PLAIN = re.compile(r"^(-?)(\d*)(?:\.(\d{0,4}))?$")


def units(text):
    """'12.34' -> 123400, '1.776357e-15' -> 0: exact, half-even to 4 decimals."""
    t = text.strip()
    m = _PLAIN.match(t)
    if m and (m.group(2) or m.group(3)):
        v = int(m.group(2) or "0") * UNIT + int(((m.group(3) or "") + "0000")[:4])
        return -v if m.group(1) else v
    try:
        return round_fr(Fraction(t.lstrip("+")) * UNIT)
    except (ValueError, ZeroDivisionError):
        raise RefError("expected a number, found %r" % text)


def fmt(v):
    """Money units -> exact decimal string with 4 decimals; None -> None."""
    if v is None:
        return None
    sign = "-" if v < 0 else ""
    v = abs(v)
    return "%s%d.%04d" % (sign, v // UNIT, v % UNIT)


def fmt_ratio(x, places=6):
    if x is None:
        return None
    scaled = round_fr(Fraction(x) * 10 ** places)
    sign = "-" if scaled < 0 else ""
    scaled = abs(scaled)
    return "%s%d.%0*d" % (sign, scaled // 10 ** places, places, scaled % 10 ** places)


def rate(text):
    """'+10%' -> Fraction(1, 10); '-2%' -> Fraction(-1, 50). The % is required."""
    t = text.strip()
    if not t.endswith("%"):
        raise RefError("expected a rate with %%, found %r" % text)
    return Fraction(t[:-1].lstrip("+")) / 100


def money_fr(text):
    """'4.50' -> Fraction of money units (exact, not rounded: rounding is per customer)."""
    return Fraction(text.strip().lstrip("+")) * UNIT


# ---------------------------------------------------------------- loading

def norm_name(name):
    return name.strip().lstrip("\ufeff").lower().replace(" ", "").replace("_", "")


def open_text(path):
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return open(path, "r", encoding="utf-8-sig", newline="")


class Data:
    """Per-customer metrics, ids in byte order."""


def load(path, drop_cost=False, asof=None):
    if path == "sample":
        path = SAMPLE
    with open_text(path) as f:
        reader = csv.reader(f)
        header = next(reader)
        cols = {norm_name(h): k for k, h in enumerate(header)}

        def col(*names):
            for n in names:
                if n in cols:
                    return cols[n]
            return None

        c_cust = col("customerid", "customer", "client", "householdid")
        c_date = col("date", "invoicedate", "orderdate")
        c_amount = col("amount", "sales", "revenue", "value")
        c_qty, c_price = col("quantity"), col("unitprice", "price")
        c_cost = None if drop_cost else col("cost")
        c_profit = None if drop_cost else col("profit")
        c_order = col("orderid", "invoiceno", "order")
        if c_cust is None or c_date is None or (c_amount is None and (c_qty is None or c_price is None)):
            raise RefError("%s: needs customer_id, date and amount (or quantity and unit_price)" % path)
        rev, cost, profit, first, last, pair_net, row_orders = {}, {}, {}, {}, {}, {}, {}
        day_cache = {}
        for line, row in enumerate(reader, start=2):
            if not row or all(not x.strip() for x in row):
                continue
            c = row[c_cust].strip()
            if not c:
                continue
            if c_amount is not None:
                amount = units(row[c_amount])
            else:
                amount = half_even(units(row[c_qty]) * units(row[c_price]), UNIT)
            ds = row[c_date].strip()[:10]
            d = day_cache.get(ds)
            if d is None:
                try:
                    d = date.fromisoformat(ds).toordinal()
                except ValueError:
                    raise RefError("%s:%d: expected an ISO date, found %r" % (path, line, ds))
                day_cache[ds] = d
            rev[c] = rev.get(c, 0) + amount
            if c_profit is not None:
                profit[c] = profit.get(c, 0) + units(row[c_profit])
            elif c_cost is not None:
                cost[c] = cost.get(c, 0) + units(row[c_cost])
            if c not in first or d < first[c]:
                first[c] = d
            if c not in last or d > last[c]:
                last[c] = d
            if c_order is not None:
                key = (c, row[c_order].strip())
                pair_net[key] = pair_net.get(key, 0) + amount
            elif amount > 0:
                row_orders[c] = row_orders.get(c, 0) + 1
    data = Data()
    data.path = path
    data.ids = sorted(rev, key=lambda s: s.encode())
    data.rev = rev
    if c_order is not None:
        orders = {c: 0 for c in rev}
        for (c, _), net in pair_net.items():
            if net > 0:
                orders[c] += 1
    else:
        orders = {c: row_orders.get(c, 0) for c in rev}
    data.orders = orders
    if c_profit is not None:
        data.profit = {c: profit[c] for c in data.ids}
    elif c_cost is not None:
        data.profit = {c: rev[c] - cost[c] for c in data.ids}
    else:
        data.profit = None  # revenue-only
    ref = date.fromisoformat(asof).toordinal() if asof else max(last.values())
    data.reference = date.fromordinal(ref).isoformat()
    data.recency = {c: ref - last[c] for c in data.ids}
    data.tenure = {c: ref - first[c] for c in data.ids}
    return data


# ---------------------------------------------------------------- scores and tiers

CRITERIA = {"revenue": "revenue", "profit": "profit", "margin": "margin", "orders": "orders",
            "frequency": "orders", "aov": "aov", "recency": "recency", "tenure": "tenure",
            "loyalty": "tenure"}


def criterion_value(name, rev, profit, orders, recency, tenure):
    """One customer's value of a criterion: int (exact) or, for margin/aov, a Double."""
    if name == "revenue":
        return rev
    if name == "profit":
        return profit
    if name == "orders":
        return orders
    if name == "recency":
        return recency
    if name == "tenure":
        return tenure
    if name == "margin":
        return float(profit) / float(rev) if rev > 0 else 0.0
    if name == "aov":
        return float(rev) / float(orders) if orders > 0 else 0.0
    raise RefError("unknown criterion %r" % name)


class Scaler:
    """A criterion's pre-lever normalisation; `norm(v, own)` also places a projected value
    v of the customer whose pre-lever value is `own` (rank: among the OTHER customers)."""

    def __init__(self, name, values, scaling):
        self.name, self.scaling = name, scaling
        self.lower_is_better = name == "recency"
        self.n = len(values)
        if scaling == "minmax":
            self.lo, self.hi = min(values), max(values)
        else:
            self.sorted = sorted(values)

    def norm(self, v, own):
        if self.scaling == "minmax":
            if self.hi == self.lo:
                return 0.0
            if self.lower_is_better:
                return float(self.hi - v) / float(self.hi - self.lo)
            return float(v - self.lo) / float(self.hi - self.lo)
        if self.n <= 1:
            return 0.0
        less = bisect.bisect_left(self.sorted, v)
        equal = bisect.bisect_right(self.sorted, v) - less
        greater = self.n - less - equal
        # remove the customer itself (its pre-lever value `own`)
        if own < v:
            less -= 1
        elif own == v:
            equal -= 1
        else:
            greater -= 1
        better = greater if self.lower_is_better else less
        twice = 2 * better + equal  # 2 x mid-rank, an exact integer
        return float(twice) / float(2 * (self.n - 1))


def parse_weights(text, has_profit):
    if text is None:
        if has_profit:
            return [("revenue", 0.5), ("profit", 0.3), ("orders", 0.2)]
        return [("revenue", 0.5 / 0.7), ("orders", 0.2 / 0.7)]
    out = []
    for part in text.split(","):
        name, _, w = part.partition("=")
        name = name.strip().lower()
        if name not in CRITERIA:
            raise RefError("unknown criterion %r" % name)
        if "/" in w:
            a, b = w.split("/")
            weight = float(a) / float(b)
        else:
            weight = float(w)
        out.append((CRITERIA[name], weight))
    return out


def parse_tiers(text):
    kind, _, shares = text.partition(":")
    kind = kind.strip().lower()
    if kind not in ("count", "revenue", "profit"):
        raise RefError("--tiers: count:, revenue: or profit:, found %r" % text)
    shares = [int(s) for s in shares.split("/")]
    if not 2 <= len(shares) <= 5 or sum(shares) != 100 or any(s <= 0 for s in shares):
        raise RefError("--tiers: 2 to 5 positive shares summing to 100")
    return kind, shares


def count_tiering(ids, score, shares):
    order = sorted(ids, key=lambda c: (-score[c], c.encode()))
    n = len(order)
    tier, start, cum = {}, 0, 0
    for t, share in enumerate(shares):
        cum += share
        end = n if t == len(shares) - 1 else n * cum // 100
        for c in order[start:end]:
            tier[c] = t
        start = end
    return tier, order


def value_tiering(ids, value, shares):
    order = sorted(ids, key=lambda c: (-value[c], c.encode()))
    total = sum(v for v in value.values() if v > 0)
    lines, cum = [], 0
    for s in shares[:-1]:
        cum += s
        lines.append(total * cum)
    last = len(shares) - 1
    tier, before = {}, 0
    for c in order:
        if value[c] <= 0:
            tier[c] = last
            continue
        t = last
        for k, line in enumerate(lines):
            if before * 100 < line:
                t = k
                break
        tier[c] = t
        before += value[c]
    return tier, order


def boundaries_of(order, tier, key, n_tiers):
    """The last customer (key, id) of each non-empty tier but the last, in tier order."""
    last_of = {}
    for c in order:
        last_of[tier[c]] = c
    out = []
    for t in range(n_tiers - 1):
        if t in last_of:
            c = last_of[t]
            out.append((t, key[c], c))
    return out


def place(p, cid, bounds, last_tier):
    b = cid.encode()
    for t, s, bid in bounds:
        if p > s or (p == s and b <= bid.encode()):
            return t
    return last_tier


# ---------------------------------------------------------------- levers

def parse_lever(text, n_tiers):
    w = text.split()
    if w and w[0] == "lever":
        w = w[1:]
    if len(w) < 2:
        raise RefError("lever %r: expected KIND TIER ..." % text)
    kind, t = w[0], w[1].upper()
    if len(t) != 1 or t not in TIER_NAMES[:n_tiers]:
        raise RefError("lever %r: unknown tier %r" % (text, w[1]))
    lv = {"text": " ".join(w), "kind": kind, "tier": TIER_NAMES.index(t)}
    rest = w[2:]

    def expect(i, word):
        if i >= len(rest) or rest[i] != word:
            raise RefError("lever %r: expected %r at word %d" % (text, word, i + 3))

    try:
        if kind == "cost-to-serve":
            lv["per_order"], lv["per_customer"] = Fraction(0), Fraction(0)
            i = 0
            while i < len(rest):
                if rest[i] == "per-order":
                    lv["per_order"] = money_fr(rest[i + 1])
                elif rest[i] == "per-customer":
                    lv["per_customer"] = money_fr(rest[i + 1])
                else:
                    raise RefError("lever %r: expected per-order or per-customer" % text)
                i += 2
            if i == 0:
                raise RefError("lever %r: expected per-order C or per-customer K" % text)
        elif kind == "uplift":
            expect(0, "revenue")
            lv["x"] = rate(rest[1])
            expect(2, "adoption")
            lv["y"] = rate(rest[3])
            expect(4, "cost")
            lv["c"] = money_fr(rest[5])
            if len(rest) != 7 or rest[6] not in ("per-adopter", "per-contact"):
                raise RefError("lever %r: expected per-adopter or per-contact" % text)
            lv["basis"] = rest[6]
        elif kind == "retention":
            expect(0, "churn")
            lv["b"] = rate(rest[1])
            if rest[2] not in ("->", "to"):
                raise RefError("lever %r: expected '->'" % text)
            lv["r"] = rate(rest[3])
            expect(4, "cost")
            lv["c"] = money_fr(rest[5])
            if len(rest) != 6:
                raise RefError("lever %r: too many words" % text)
        elif kind == "reactivation":
            expect(0, "inactive")
            lv["days"] = int(rest[1])
            expect(2, "days")
            expect(3, "response")
            lv["r"] = rate(rest[4])
            i = 5
            lv["k"] = Fraction(1)
            if rest[i] == "orders":
                lv["k"] = Fraction(rest[i + 1])
                i += 2
            expect(i, "cost")
            lv["c"] = money_fr(rest[i + 1])
            if len(rest) != i + 2:
                raise RefError("lever %r: too many words" % text)
        elif kind == "discount":
            expect(0, "price")
            lv["price"] = rate(rest[1])  # signed: -5% a cut, +3% a rise
            lv["volume"] = Fraction(0)
            if len(rest) > 2:
                expect(2, "volume")
                lv["volume"] = rate(rest[3])
                if len(rest) != 4:
                    raise RefError("lever %r: too many words" % text)
            if lv["price"] <= -1:
                raise RefError("lever %r: a price cut of 100%% or more is refused" % text)
        elif kind == "drop":
            if rest != ["unprofitable"]:
                raise RefError("lever %r: expected 'drop T unprofitable'" % text)
        else:
            raise RefError("lever %r: unknown lever %r" % (text, kind))
    except IndexError:
        raise RefError("lever %r: too few words" % text)
    return lv


def simulate(data, weights, tiering, shares, scaling, margin, levers, lever_margin="ratio"):
    ids = data.ids
    n_tiers = len(shares)
    last_tier = n_tiers - 1
    real_profit = data.profit is not None
    for name, _ in weights:
        if name in ("profit", "margin") and not real_profit:
            raise RefError("criterion %s needs cost or profit data (an assumed margin never "
                           "enters criteria)" % name)
    if tiering == "profit" and not real_profit:
        raise RefError("profit tiering needs cost or profit data")
    if margin is not None and real_profit:
        raise RefError("--margin is refused on data that has cost or profit")

    # ---- tiers before the levers
    if tiering == "count":
        scalers = []
        pre_vals = {}
        for name, _ in weights:
            vals = {c: criterion_value(name, data.rev[c], data.profit[c] if real_profit else 0,
                                       data.orders[c], data.recency[c], data.tenure[c]) for c in ids}
            pre_vals[name] = vals
            scalers.append(Scaler(name, list(vals.values()), scaling))
        score = {}
        for c in ids:
            s = 0.0
            for (name, w), sc in zip(weights, scalers):
                v = pre_vals[name][c]
                s += w * sc.norm(v, v)
            score[c] = s
        tier, order = count_tiering(ids, score, shares)
        key = score
    else:
        key = data.rev if tiering == "revenue" else data.profit
        tier, order = value_tiering(ids, key, shares)
    bounds = boundaries_of(order, tier, key, n_tiers)

    # ---- profit basis (real or assumed)
    if real_profit:
        profit = dict(data.profit)
        basis = "data"
    elif margin is not None:
        profit = {}
        for c in ids:
            m = margin[tier[c]] if isinstance(margin, dict) else margin
            profit[c] = round_fr(data.rev[c] * m)
        if isinstance(margin, dict):
            basis = "assumed " + " ".join("%s %s%%" % (TIER_NAMES[t], _pct(margin[t])) for t in sorted(margin))
        else:
            basis = "assumed %s%%" % _pct(margin)
    else:
        profit = None
        basis = "none"
    known = profit is not None
    # margin_i for uplift/retention/reactivation: profit_i / revenue_i as it stands (default),
    # or with --lever-margin assumed, the assumed rate itself (only with an assumed margin).
    use_rate = lever_margin == "assumed" and margin is not None

    def rate_of(c):
        return margin[tier[c]] if isinstance(margin, dict) else margin

    rev0 = dict(data.rev)
    prof0 = dict(profit) if known else None
    rev = dict(data.rev)
    prof = dict(profit) if known else None
    cts = {c: 0 for c in ids}
    lcost = {c: 0 for c in ids}
    dropped = set()
    lever_out = []

    for lv in levers:
        T = lv["tier"]
        targets = [c for c in ids if tier[c] == T and c not in dropped]
        d_rev = d_prof = d_cts = cost = 0
        affected = len(targets)
        k = lv["kind"]
        if k == "cost-to-serve":
            for c in targets:
                x = round_fr(lv["per_order"] * data.orders[c] + lv["per_customer"])
                cts[c] += x
                d_cts += x
        elif k in ("uplift", "retention"):
            f = lv["x"] * lv["y"] if k == "uplift" else lv["b"] - lv["r"]
            if k == "uplift" and lv["basis"] == "per-adopter":
                share = round_fr(lv["c"] * lv["y"])
            else:
                share = round_fr(lv["c"])
            for c in targets:
                dr = round_fr(rev[c] * f)
                rev_now = rev[c]
                rev[c] += dr
                d_rev += dr
                if known and use_rate:
                    dp = round_fr(rev_now * f * rate_of(c)) if rev_now > 0 else 0
                    prof[c] += dp
                    d_prof += dp
                elif known:
                    dp = round_fr(prof[c] * f) if rev_now > 0 else 0
                    prof[c] += dp
                    d_prof += dp
                lcost[c] += share
                cost += share
        elif k == "reactivation":
            share = round_fr(lv["c"])
            eligible = [c for c in targets if data.recency[c] > lv["days"]]
            affected = len(eligible)
            for c in eligible:
                o = data.orders[c]
                rev_now = rev[c]
                dr = round_fr(lv["r"] * lv["k"] * Fraction(rev_now, o)) if o > 0 else 0
                rev[c] += dr
                d_rev += dr
                if known:
                    if use_rate:
                        dp = round_fr(lv["r"] * lv["k"] * Fraction(rev_now, o) * rate_of(c)) if (o > 0 and rev_now > 0) else 0
                    else:
                        dp = round_fr(lv["r"] * lv["k"] * Fraction(prof[c], o)) if (o > 0 and rev_now > 0) else 0
                    prof[c] += dp
                    d_prof += dp
                lcost[c] += share
                cost += share
        elif k == "discount":
            g = (1 + lv["price"]) * (1 + lv["volume"])
            for c in targets:
                new_rev = round_fr(rev[c] * g)
                if known:
                    cst = rev[c] - prof[c]
                    new_cost = round_fr(cst * (1 + lv["volume"]))
                    new_prof = new_rev - new_cost
                    d_prof += new_prof - prof[c]
                    prof[c] = new_prof
                d_rev += new_rev - rev[c]
                rev[c] = new_rev
        elif k == "drop":
            if not known:
                raise RefError("drop %s unprofitable needs profit, real or assumed (--margin)"
                               % TIER_NAMES[T])
            gone = [c for c in targets if prof[c] - cts[c] < 0]
            affected = len(gone)
            for c in gone:
                d_rev -= rev[c]
                d_prof -= prof[c]
                d_cts -= cts[c]
                dropped.add(c)
        roi = None
        if known and cost != 0:
            roi = Fraction(d_prof - cost, cost)
        lever_out.append({
            "lever": lv["text"], "tier": TIER_NAMES[T], "customers": len(targets),
            "affected": affected, "delta_revenue": fmt(d_rev),
            "delta_profit": fmt(d_prof) if known else None,
            "delta_cost_to_serve": fmt(d_cts), "cost": fmt(cost), "roi": fmt_ratio(roi)})

    # ---- placement after the levers: fixed boundaries
    after = {}
    proj_key = {}
    for c in ids:
        if c in dropped:
            continue
        if tiering == "count":
            p = 0.0
            for (name, w), sc in zip(weights, scalers):
                v = criterion_value(name, rev[c], prof[c] if real_profit else 0, data.orders[c],
                                    data.recency[c], data.tenure[c])
                p += w * sc.norm(v, pre_vals[name][c])
            proj_key[c] = p
            after[c] = place(p, c, bounds, last_tier)
        else:
            v = rev[c] if tiering == "revenue" else prof[c]
            proj_key[c] = v
            after[c] = last_tier if v <= 0 else place(v, c, bounds, last_tier)

    # ---- a guard on this script itself: a customer no lever changed keeps its tier
    for c in after:
        if rev[c] == rev0[c] and (not known or prof[c] == prof0[c]) and after[c] != tier[c]:
            raise RefError("internal: unchanged customer %s moved from %s to %s"
                           % (c, TIER_NAMES[tier[c]], TIER_NAMES[after[c]]))

    # ---- tables
    def money_sum(values):
        return sum(values)

    tiers_out = {}
    labels = list(range(n_tiers)) + ["total"]
    for t in labels:
        members = [c for c in ids if t == "total" or tier[c] == t]
        kept = [c for c in members if c not in dropped]
        row = {"customers_before": len(members), "customers_after": len(kept),
               "dropped": len(members) - len(kept),
               "revenue_before": fmt(money_sum(rev0[c] for c in members)),
               "revenue_after": fmt(money_sum(rev[c] for c in kept))}
        cts_b = money_sum(cts[c] for c in members)
        cts_a = money_sum(cts[c] for c in kept)
        lc_a = money_sum(lcost[c] for c in members)
        if known:
            pb = money_sum(prof0[c] for c in members)
            pa = money_sum(prof[c] for c in kept)
            neg = [c for c in members if prof0[c] - cts[c] < 0]
            row.update({"profit_before": fmt(pb), "profit_after": fmt(pa),
                        "cost_to_serve_before": fmt(cts_b), "cost_to_serve_after": fmt(cts_a),
                        "lever_cost_before": fmt(0), "lever_cost_after": fmt(lc_a),
                        "net_contribution_before": fmt(pb - cts_b),
                        "net_contribution_after": fmt(pa - cts_a - lc_a),
                        "net_negative_customers": len(neg),
                        "net_negative_revenue": fmt(money_sum(rev0[c] for c in neg))})
        else:
            row.update({"profit_before": None, "profit_after": None,
                        "cost_to_serve_before": fmt(cts_b), "cost_to_serve_after": fmt(cts_a),
                        "lever_cost_before": fmt(0), "lever_cost_after": fmt(lc_a),
                        "net_contribution_before": None, "net_contribution_after": None,
                        "net_negative_customers": None, "net_negative_revenue": None})
        tiers_out[TIER_NAMES[t] if t != "total" else "total"] = row

    tiers_after = {}
    for t in labels:
        kept = [c for c in ids if c not in dropped and (t == "total" or after[c] == t)]
        pa = money_sum(prof[c] for c in kept) if known else None
        ca = money_sum(cts[c] for c in kept)
        la = money_sum(lcost[c] for c in kept)
        tiers_after[TIER_NAMES[t] if t != "total" else "total"] = {
            "customers": len(kept), "revenue": fmt(money_sum(rev[c] for c in kept)),
            "profit": fmt(pa), "cost_to_serve": fmt(ca), "lever_cost": fmt(la),
            "net_contribution": fmt(pa - ca - la) if known else None}

    migration = {}
    for t in range(n_tiers):
        row = {TIER_NAMES[u]: 0 for u in range(n_tiers)}
        row["dropped"] = 0
        for c in ids:
            if tier[c] != t:
                continue
            if c in dropped:
                row["dropped"] += 1
            else:
                row[TIER_NAMES[after[c]]] += 1
        migration[TIER_NAMES[t]] = row

    bnd = {}
    for t, s, cid in bounds:
        if tiering == "count":
            bnd[TIER_NAMES[t]] = {"id": cid, "score": repr(s)}
        else:
            bnd[TIER_NAMES[t]] = {"id": cid, "value": fmt(s)}

    result = {"data": os.path.basename(data.path), "customers": len(ids),
              "reference_date": data.reference, "tiering": tiering,
              "shares": shares, "scaling": scaling,
              "weights": [[n, repr(w)] for n, w in weights] if tiering == "count" else None,
              "profit_basis": basis, "boundaries": bnd, "tiers": tiers_out,
              "tiers_after": tiers_after, "levers": lever_out, "migration": migration}
    per_customer = []
    for c in ids:
        per_customer.append({
            "customer_id": c, "tier_before": TIER_NAMES[tier[c]],
            "score_before": repr(key[c]) if tiering == "count" else fmt(key[c]),
            "projected_tier": "dropped" if c in dropped else TIER_NAMES[after[c]],
            "projected_score": "" if c in dropped else (
                repr(proj_key[c]) if tiering == "count" else fmt(proj_key[c])),
            "projected_revenue": fmt(rev[c]),
            "projected_profit": fmt(prof[c]) if known else "",
            "cost_to_serve": fmt(cts[c]), "lever_cost": fmt(lcost[c]),
            "net": fmt(prof[c] - cts[c] - lcost[c]) if known else ""})
    return result, per_customer


def _pct(fr):
    """Fraction(3, 10) -> '30' (exact; up to 4 decimals of a percent)."""
    p = fr * 100
    if p.denominator == 1:
        return str(p.numerator)
    return fmt_ratio(p, 4).rstrip("0").rstrip(".")


def parse_margin(text, n_tiers):
    if text is None:
        return None
    if "=" not in text:
        m = Fraction(text.strip().rstrip("%")) / 100
        return m
    out = {}
    for part in text.split(","):
        t, _, v = part.partition("=")
        t = t.strip().upper()
        if len(t) != 1 or t not in TIER_NAMES[:n_tiers]:
            raise RefError("--margin: unknown tier %r" % t)
        out[TIER_NAMES.index(t)] = Fraction(v.strip().rstrip("%")) / 100
    if len(out) != n_tiers:
        raise RefError("--margin: name every tier (%s)" % ", ".join(TIER_NAMES[:n_tiers]))
    return out


def run(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--drop-cost", action="store_true")
    ap.add_argument("--weights")
    ap.add_argument("--tiers", default="count:20/30/50")
    ap.add_argument("--scaling", choices=("minmax", "rank"), default="minmax")
    ap.add_argument("--margin")
    ap.add_argument("--asof")
    ap.add_argument("--lever", action="append", default=[])
    ap.add_argument("--per-customer")
    ap.add_argument("--lever-margin", choices=("ratio", "assumed"), default="ratio")
    args = ap.parse_args(argv)
    data = load(args.data, drop_cost=args.drop_cost, asof=args.asof)
    tiering, shares = parse_tiers(args.tiers)
    weights = parse_weights(args.weights, data.profit is not None)
    margin = parse_margin(args.margin, len(shares))
    levers = [parse_lever(t, len(shares)) for t in args.lever]
    result, per_customer = simulate(data, weights, tiering, shares, args.scaling, margin, levers,
                                   lever_margin=args.lever_margin)
    if args.per_customer:
        with open(args.per_customer, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(per_customer[0].keys()), lineterminator="\n")
            w.writeheader()
            w.writerows(per_customer)
    return result


def main():
    try:
        result = run(sys.argv[1:])
    except RefError as e:
        print("reference_levers: error: %s" % e, file=sys.stderr)
        sys.exit(1)
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
