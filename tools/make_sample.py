#!/usr/bin/env python3
"""Generate the bundled sample dataset ``Sources/ABCCore/Resources/sample.csv.gz``.

Usage (from the repository root, or anywhere)::

    python3 tools/make_sample.py            # writes the bundled file
    python3 tools/make_sample.py OUT.csv.gz # writes somewhere else

The output is byte-for-byte reproducible: the script uses only the Python 3
standard library, a single ``random.Random(SEED)`` stream (SEED = 20240101),
integer cent arithmetic for every amount, and a gzip stream written with
``mtime=0`` and an empty file name.  Running it again on any Python 3.8+
produces the same bytes (check with ``sha256sum``).

Output format
-------------
CSV, comma separated, LF line endings, no quoting needed, header::

    order_id,date,customer_id,country,product,quantity,unit_price,cost

``order_id``
    ``SO-000001``... for sales orders, ``SR-000001``... for return orders.
    Both sequences increase with the date.  An order has 1-6 lines (mean about
    2.5); all lines of an order share date and customer and are contiguous.
``date``
    ISO ``YYYY-MM-DD``, 2024-01-01 .. 2025-12-31.  Rows are in date order,
    like an order-system export.
``customer_id``
    ``K00001``.. (5 digits, lexical order == numeric order).  Ids are a random
    permutation, independent of behaviour.  A handful of rows (walk-in sales)
    have an empty customer id.
``country``
    The customer's country, one of twelve (fixed per customer; empty on walk-in rows).
``product``
    ``P0001``..``P0300``.  Each product has a fixed list price (2 decimals,
    lognormal, 2.00..400.00) and a fixed margin 15%..60%, so a fixed unit cost.
``quantity``
    Positive integer 1..10 (skewed to small) on sales lines; negative on
    return lines.
``unit_price``
    Price per unit, 2 decimals, always positive: the list price, sometimes
    with a small line discount (never below unit cost).  A return line repeats
    the price paid on the line it returns.
``cost``
    Line cost total = round(quantity x unit cost, 2) (half up); negative on
    return lines.  For sales lines cost <= quantity x unit_price.

Model
-----
* Catalogue: 300 products; list price lognormal (median ~22, sigma 1.0,
  clipped to 2..400); margin uniform 15%..60%; popularity Zipf-like
  (weight 1/rank^0.9, ranks assigned at random, independent of price).
* 5,000 customers.  About 62% already exist on 2024-01-01; the others are
  acquired at a uniformly random day in the window (their first order is on
  that day).  Each customer may churn: lifetime from the start of the window
  (or acquisition) is exponential with mean 5 years; after churning the
  customer places no further orders.
* Per-customer heterogeneity (drives the Pareto shape):
  - base order rate: gamma(shape 0.55) with mean 6.5 orders per year;
  - basket value: a lognormal quantity level (median 1.6 units per line) and
    a lognormal price affinity (product choice weight x price^a, a ~ N(0, 0.45));
  - trend: the order rate is multiplied by exp(g * (t - 365) / 365), with
    t = days since 2024-01-01 and g ~ N(0, 0.55), so some customers grow and
    others shrink between 2024 and 2025 and tiers move.
* Orders are a thinned Poisson process with seasonality (month factor,
  strong in Nov/Dec, weak in summer) and a weekday factor (few orders on
  weekends).  Lines per order: 1..6 with weights 30/27/20/12/7/4 (mean ~2.5),
  distinct products; ~12% of lines get a 3-10% discount.
* Returns: each sales line is returned with probability 2.2%, 2..45 days
  later (dropped if after 2025-12-31), 1..quantity units; all returned lines
  of one sales order form one return order ``SR-...``.  About 2% of lines.
* Walk-in sales: a few orders without a customer id (about 10-20 rows).

At the end a summary is printed to stderr (lines, customers, orders, returns,
rows without customer, revenue, top-20% revenue share overall and per year,
and how many 2024 top-20% customers are still top-20% in 2025).
"""

import datetime
import gzip
import io
import math
import os
import random
import sys

SEED = 20240101
N_CUSTOMERS = 5000
N_PRODUCTS = 300
START = datetime.date(2024, 1, 1)
END = datetime.date(2025, 12, 31)
N_DAYS = (END - START).days + 1  # 731

SHARE_EXISTING = 0.62
CHURN_MEAN_YEARS = 5.0
RATE_MEAN_PER_YEAR = 6.5
RATE_SHAPE = 0.55
TREND_SIGMA = 0.55
QTY_MEDIAN = 1.6
QTY_SIGMA = 0.5
PRICE_AFFINITY_SIGMA = 0.45
LINES_WEIGHTS = [30, 27, 20, 12, 7, 4]  # 1..6 lines per order
DISCOUNT_PROB = 0.12
RETURN_PROB = 0.022
WALKIN_ORDERS = 6

# Seasonality (multiplicative, roughly mean 1).
MONTH_FACTOR = [0.85, 0.90, 1.00, 1.00, 1.00, 0.92, 0.80, 0.78, 1.05, 1.10, 1.25, 1.35]
WEEKDAY_FACTOR = [1.25, 1.25, 1.25, 1.25, 1.15, 0.50, 0.15]  # Mon..Sun
SEASON_MAX = max(MONTH_FACTOR) * max(WEEKDAY_FACTOR)

HEADER = "order_id,date,customer_id,country,product,quantity,unit_price,cost"

# Countries of the customers (drawn from their own stream, SEED + 1, so adding them left
# every other column as it was): a European distributor's spread, twelve countries so that
# `segment by country` shows ten and "other".
COUNTRIES = [("Germany", 30), ("France", 18), ("United Kingdom", 14), ("Netherlands", 9),
             ("Spain", 7), ("Italy", 6), ("Belgium", 5), ("Austria", 4), ("Switzerland", 3),
             ("Denmark", 2), ("Sweden", 1), ("Poland", 1)]

DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "Sources", "ABCCore", "Resources", "sample.csv.gz")


def day_date(day):
    return START + datetime.timedelta(days=day)


def season(day):
    d = day_date(day)
    return MONTH_FACTOR[d.month - 1] * WEEKDAY_FACTOR[d.weekday()]


def cents(x):
    return "%s%d.%02d" % ("-" if x < 0 else "", abs(x) // 100, abs(x) % 100)


def line_cost(qty, unit_cost_4):
    """round(|qty| x unit cost, 2), half up, in cents; unit cost in 1/10000."""
    c = (abs(qty) * unit_cost_4 + 50) // 100
    return c if qty > 0 else -c


def make_catalogue(rng):
    products = []
    for _ in range(N_PRODUCTS):
        price = rng.lognormvariate(math.log(22.0), 1.0)
        price = min(400.0, max(2.0, price))
        price_c = int(round(price * 100))
        margin = rng.uniform(0.15, 0.60)
        unit_cost_4 = int(round(price_c * 100 * (1.0 - margin)))  # 1/10000 units
        products.append((price_c, unit_cost_4))
    ranks = list(range(1, N_PRODUCTS + 1))
    rng.shuffle(ranks)
    popularity = [1.0 / r ** 0.9 for r in ranks]
    return products, popularity


def make_customers(rng):
    customers = []
    for _ in range(N_CUSTOMERS):
        if rng.random() < SHARE_EXISTING:
            acquired = 0
            new = False
        else:
            acquired = rng.randrange(N_DAYS)
            new = True
        life = rng.expovariate(1.0 / (CHURN_MEAN_YEARS * 365.0))
        churn = acquired + int(life)  # last possible order day (exclusive)
        rate = rng.gammavariate(RATE_SHAPE, RATE_MEAN_PER_YEAR / RATE_SHAPE) / 365.0
        trend = rng.gauss(0.0, TREND_SIGMA)
        qty_level = rng.lognormvariate(math.log(QTY_MEDIAN), QTY_SIGMA)
        affinity = rng.gauss(0.0, PRICE_AFFINITY_SIGMA)
        customers.append({
            "acquired": acquired, "new": new, "churn": min(churn, N_DAYS),
            "rate": rate, "trend": trend, "qty": qty_level, "aff": affinity,
        })
    return customers


def order_days(rng, c):
    """Days of the customer's sales orders (thinned Poisson process)."""
    days = []
    start, stop = c["acquired"], c["churn"]
    if c["new"]:
        days.append(start)
        start += 1
    lam_max = c["rate"] * SEASON_MAX * math.exp(abs(c["trend"]))
    if lam_max > 0:
        t = float(start)
        while True:
            t += rng.expovariate(lam_max)
            day = int(t)
            if day >= stop:
                break
            lam = c["rate"] * season(day) * math.exp(c["trend"] * (day - 365) / 365.0)
            if rng.random() * lam_max < lam:
                days.append(day)
    if not days and stop > start:
        # Every customer in the file bought at least once.
        days.append(rng.randrange(start, stop))
    return days


def cum_weights(weights):
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


def make_lines(rng, products, cum, qty_level):
    """Lines of one sales order: list of (product index, qty, price cents)."""
    n = rng.choices(range(1, 7), weights=LINES_WEIGHTS)[0]
    chosen = []
    while len(chosen) < n:
        p = rng.choices(range(N_PRODUCTS), cum_weights=cum)[0]
        if p not in chosen:
            chosen.append(p)
    lines = []
    for p in chosen:
        # quantity: 1 + Poisson-like draw around the customer's level, capped.
        q = 1
        extra = qty_level - 1.0
        while extra > 0 and q < 10:
            if rng.random() < extra / (extra + 1.0):
                q += 1
            else:
                break
        price_c, unit_cost_4 = products[p]
        if rng.random() < DISCOUNT_PROB:
            disc = rng.randint(3, 10)
            price_c = (price_c * (100 - disc) + 50) // 100
        # never sell below unit cost
        min_price = -(-unit_cost_4 // 100)
        price_c = max(price_c, min_price)
        lines.append((p, q, price_c))
    return lines


def main(argv):
    out_path = argv[1] if len(argv) > 1 else DEFAULT_OUT
    rng = random.Random(SEED)

    products, popularity = make_catalogue(rng)
    customers = make_customers(rng)

    # Customer ids: a random permutation, independent of behaviour.
    ids = ["K%05d" % (i + 1) for i in range(N_CUSTOMERS)]
    rng.shuffle(ids)
    country_rng = random.Random(SEED + 1)
    names = [name for name, _ in COUNTRIES]
    country_weights = [w for _, w in COUNTRIES]
    country = {cid: country_rng.choices(names, country_weights)[0] for cid in sorted(ids)}
    country[""] = ""

    # Sales orders: (day, customer id, lines)
    orders = []
    for ci, c in enumerate(customers):
        weights = [popularity[p] * (products[p][0] / 2200.0) ** c["aff"]
                   for p in range(N_PRODUCTS)]
        cum = cum_weights(weights)
        for day in order_days(rng, c):
            orders.append([day, ids[ci], make_lines(rng, products, cum, c["qty"])])

    # Walk-in sales (no customer id).
    cum_pop = cum_weights(popularity)
    for _ in range(WALKIN_ORDERS):
        day = rng.randrange(N_DAYS)
        orders.append([day, "", make_lines(rng, products, cum_pop, 1.3)])

    # Returns: one return order per sales order with returned lines.
    returns = []
    for day, cust, lines in orders:
        if not cust:
            continue
        back = []
        rday = day + rng.randint(2, 45)
        for p, q, price_c in lines:
            if rng.random() < RETURN_PROB:
                back.append((p, -rng.randint(1, q), price_c))
        if back and rday < N_DAYS:
            returns.append([rday, cust, back])

    # Date order; within a day a random (but fixed) order.
    kind_orders = [("SO", o) for o in orders] + [("SR", o) for o in returns]
    keyed = [(o[0], rng.random(), kind, o) for kind, o in kind_orders]
    keyed.sort(key=lambda k: (k[0], k[1]))

    buf = io.StringIO()
    buf.write(HEADER + "\n")
    seq = {"SO": 0, "SR": 0}
    n_lines = n_ret = n_walk = 0
    cust_seen = set()
    rev_total = 0
    rev = {}  # (year, customer) -> cents
    for day, _, kind, (_, cust, lines) in keyed:
        seq[kind] += 1
        oid = "%s-%06d" % (kind, seq[kind])
        date = day_date(day).isoformat()
        year = day_date(day).year
        for p, q, price_c in lines:
            unit_cost_4 = products[p][1]
            cost_c = line_cost(q, unit_cost_4)
            if q > 0:
                assert 0 < cost_c <= q * price_c, (p, q, price_c, cost_c)
            buf.write("%s,%s,%s,%s,P%04d,%d,%s,%s\n"
                      % (oid, date, cust, country[cust], p + 1, q, cents(price_c), cents(cost_c)))
            n_lines += 1
            amount = q * price_c
            rev_total += amount
            if q < 0:
                n_ret += 1
            if not cust:
                n_walk += 1
            else:
                cust_seen.add(cust)
                rev[(year, cust)] = rev.get((year, cust), 0) + amount

    data = buf.getvalue().encode("ascii")
    with open(out_path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0) as gz:
            gz.write(data)

    # ---- summary -------------------------------------------------------
    def by_customer(years):
        tot = {}
        for (y, c), v in rev.items():
            if y in years:
                tot[c] = tot.get(c, 0) + v
        return tot

    def top_share(tot):
        vals = sorted(tot.values(), reverse=True)
        k = int(round(0.2 * len(vals)))
        total = sum(vals)
        top = sorted(tot, key=lambda c: (-tot[c], c))[:k]
        return (sum(vals[:k]) / total if total else 0.0), set(top), len(vals)

    s_all, _, n_all = top_share(by_customer({2024, 2025}))
    s24, top24, n24 = top_share(by_customer({2024}))
    s25, top25, n25 = top_share(by_customer({2025}))
    err = sys.stderr
    err.write("wrote %s (%d bytes, %d bytes uncompressed)\n"
              % (out_path, os.path.getsize(out_path), len(data)))
    err.write("lines: %d\n" % n_lines)
    err.write("customers: %d (active 2024: %d, 2025: %d)\n"
              % (len(cust_seen), n24, n25))
    err.write("orders: %d sales, %d returns\n" % (seq["SO"], seq["SR"]))
    err.write("return lines: %d (%.2f%%)\n" % (n_ret, 100.0 * n_ret / n_lines))
    err.write("rows without customer: %d\n" % n_walk)
    err.write("total revenue: %s\n" % cents(rev_total))
    err.write("top-20%% revenue share: overall %.1f%%, 2024 %.1f%%, 2025 %.1f%%\n"
              % (100 * s_all, 100 * s24, 100 * s25))
    err.write("top-20%% of 2024 still top-20%% in 2025: %d of %d\n"
              % (len(top24 & top25), len(top24)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
