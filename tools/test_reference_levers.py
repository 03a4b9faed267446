#!/usr/bin/env python3
"""Hand-worked checks of tools/reference_levers.py (unittest, standard library only).

  python3 tools/test_reference_levers.py

Every dataset is a 4-6 customer CSV written to a temporary folder; every expected number
is worked out by hand in the comments (money in currency units; 1 unit = 10,000 money
units). Tiers `count:20/40/40` on N = 5 give A = rank 1 (floor(5*20/100) = 1), B = ranks
2-3 (floor(5*60/100) = 3), C = ranks 4-5.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_levers as ref  # noqa: E402


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def csv(self, text, name="data.csv"):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text.lstrip())
        return path

    def run_ref(self, *argv):
        return ref.run(list(argv))


# Five customers, one order each on 2024-01-10 (recency 0 everywhere):
#   id  revenue  cost  profit   norm(revenue) = (rev - 20) / 80
#   K1   100.00  60.00  40.00   1.0
#   K2    80.00  50.00  30.00   0.75
#   K3    60.00  40.00  20.00   0.5
#   K4    40.00  37.00   3.00   0.25
#   K5    20.00  18.00   2.00   0.0
# weights revenue=1, count:20/40/40 -> A = K1; B = K2, K3; C = K4, K5.
# Boundaries: A (1.0, K1), B (0.5, K3).
FIVE = """
customer_id,date,amount,cost
K1,2024-01-10,100.00,60.00
K2,2024-01-10,80.00,50.00
K3,2024-01-10,60.00,40.00
K4,2024-01-10,40.00,37.00
K5,2024-01-10,20.00,18.00
"""


class FixedBoundaries(Case):
    def test_upsell_on_b_moves_no_a_customer_and_unchanged_keep_tier(self):
        # uplift B revenue +50% adoption 100% cost 1 per-adopter: f = 0.5 x 1 = 0.5
        #   K2: d_rev = 80 x 0.5 = 40 -> 120; d_profit = 30 x 0.5 = 15 -> 45
        #   K3: d_rev = 60 x 0.5 = 30 ->  90; d_profit = 20 x 0.5 = 10 -> 30
        #   lever: d_rev 70, d_profit 25, cost 1 x 1 per adopter x 2 = 2, ROI (25-2)/2 = 11.5
        # Placement with the pre-lever min 20 / max 100, not clamped:
        #   K2: (120-20)/80 = 1.25 > s_A = 1.0 -> A
        #   K3: (90-20)/80 = 0.875: not > 1.0; > s_B = 0.5 -> B
        #   K1, K4, K5 unchanged keep A, C, C. (Re-ranking 20/40/40 would put K2 alone in A
        #   and push K1 down to B: fixed boundaries must not.)
        r = self.run_ref("--data", self.csv(FIVE), "--weights", "revenue=1", "--tiers", "count:20/40/40",
                         "--lever", "uplift B revenue +50% adoption 100% cost 1 per-adopter")
        self.assertEqual(r["boundaries"], {"A": {"id": "K1", "score": "1.0"}, "B": {"id": "K3", "score": "0.5"}})
        self.assertEqual(r["migration"], {"A": {"A": 1, "B": 0, "C": 0, "dropped": 0},
                                          "B": {"A": 1, "B": 1, "C": 0, "dropped": 0},
                                          "C": {"A": 0, "B": 0, "C": 2, "dropped": 0}})
        lv = r["levers"][0]
        self.assertEqual((lv["delta_revenue"], lv["delta_profit"], lv["cost"], lv["roi"]),
                         ("70.0000", "25.0000", "2.0000", "11.500000"))
        b = r["tiers"]["B"]
        # B: revenue 140 -> 210, profit 50 -> 75, lever cost 2, net 50 -> 73
        self.assertEqual((b["revenue_before"], b["revenue_after"], b["profit_before"], b["profit_after"],
                          b["lever_cost_after"], b["net_contribution_before"], b["net_contribution_after"]),
                         ("140.0000", "210.0000", "50.0000", "75.0000", "2.0000", "50.0000", "73.0000"))
        # A is untouched: revenue 100, profit 40 before and after.
        a = r["tiers"]["A"]
        self.assertEqual((a["revenue_before"], a["revenue_after"], a["profit_after"]),
                         ("100.0000", "100.0000", "40.0000"))
        # Total: revenue 300 -> 370, profit 40+30+20+3+2 = 95 -> 95+25 = 120, net after 120 - 2 = 118.
        t = r["tiers"]["total"]
        self.assertEqual((t["revenue_before"], t["revenue_after"], t["profit_before"], t["profit_after"],
                          t["net_contribution_after"]),
                         ("300.0000", "370.0000", "95.0000", "120.0000", "118.0000"))
        # Grouped by the tier after: A = K1 + K2 = 100 + 120 = 220; B = K3 = 90; C = 60.
        self.assertEqual([r["tiers_after"][x]["revenue"] for x in "ABC"], ["220.0000", "90.0000", "60.0000"])

    def test_no_lever_changes_no_one(self):
        r = self.run_ref("--data", self.csv(FIVE), "--weights", "revenue=1", "--tiers", "count:20/40/40")
        self.assertEqual(r["migration"], {"A": {"A": 1, "B": 0, "C": 0, "dropped": 0},
                                          "B": {"A": 0, "B": 2, "C": 0, "dropped": 0},
                                          "C": {"A": 0, "B": 0, "C": 2, "dropped": 0}})

    def test_dropping_c_moves_no_one_else(self):
        # cost-to-serve C per-order 5: K4 cts 5 (1 order), K5 cts 5 -> C cts 10.
        #   K4 net 3 - 5 = -2 < 0, K5 net 2 - 5 = -3 < 0 -> both dropped.
        # drop: d_rev = -(40 + 20) = -60, d_profit = -(3 + 2) = -5, d_cts = -10.
        # Re-ranking the 3 customers left with 20/40/40 would give A = floor(3 x 0.2) = 0
        # customers and demote K1; fixed boundaries keep A = K1, B = K2, K3.
        # Total after: customers 3, revenue 240, profit 90, cts 0, net 90.
        # Before: revenue 300, profit 95, cts 10, net 85; C net_negative: 2 customers, 60.00.
        r = self.run_ref("--data", self.csv(FIVE), "--weights", "revenue=1", "--tiers", "count:20/40/40",
                         "--lever", "cost-to-serve C per-order 5", "--lever", "drop C unprofitable")
        self.assertEqual(r["migration"], {"A": {"A": 1, "B": 0, "C": 0, "dropped": 0},
                                          "B": {"A": 0, "B": 2, "C": 0, "dropped": 0},
                                          "C": {"A": 0, "B": 0, "C": 0, "dropped": 2}})
        d = r["levers"][1]
        self.assertEqual((d["affected"], d["delta_revenue"], d["delta_profit"], d["delta_cost_to_serve"]),
                         (2, "-60.0000", "-5.0000", "-10.0000"))
        t = r["tiers"]["total"]
        self.assertEqual((t["customers_after"], t["revenue_after"], t["profit_after"], t["cost_to_serve_before"],
                          t["cost_to_serve_after"], t["net_contribution_before"], t["net_contribution_after"]),
                         (3, "240.0000", "90.0000", "10.0000", "0.0000", "85.0000", "90.0000"))
        c = r["tiers"]["C"]
        self.assertEqual((c["net_negative_customers"], c["net_negative_revenue"], c["dropped"]), (2, "60.0000", 2))

    def test_ties_at_a_boundary(self):
        # revenue: K1 100, K2 100, K3 50, K4 50, K0 25, K5 10 (N = 6; min 10, max 100, range 90)
        # scores (rev-10)/90: K1 = K2 = 1.0, K3 = K4 = 40/90, K0 = 15/90, K5 = 0.
        # Order (score desc, id asc): K1, K2, K3, K4, K0, K5. count:20/40/40 on N = 6:
        # A = floor(6 x 0.2) = 1 -> K1; B up to floor(6 x 0.6) = 3 -> K2, K3; C = K4, K0, K5.
        # Boundaries A (1.0, K1), B (40/90, K3).  K2 (tied with K1) stays B: id K2 > K1.
        # uplift C revenue +100% adoption 100% cost 0 per-contact:
        #   K4 50 -> 100: p = 1.0 = s_A but K4 > K1 -> not A; p > s_B -> B
        #   K0 25 ->  50: p = 40/90 = s_B and K0 <= K3 -> B
        #   K5 10 ->  20: p = 10/90 < s_B -> C
        data = self.csv("""
customer_id,date,amount
K1,2024-01-10,100.00
K2,2024-01-10,100.00
K3,2024-01-10,50.00
K4,2024-01-10,50.00
K0,2024-01-10,25.00
K5,2024-01-10,10.00
""")
        r = self.run_ref("--data", data, "--weights", "revenue=1", "--tiers", "count:20/40/40",
                         "--lever", "uplift C revenue +100% adoption 100% cost 0 per-contact")
        self.assertEqual(r["boundaries"]["A"]["id"], "K1")
        self.assertEqual(r["boundaries"]["B"], {"id": "K3", "score": repr(40 / 90)})
        self.assertEqual(r["migration"], {"A": {"A": 1, "B": 0, "C": 0, "dropped": 0},
                                          "B": {"A": 0, "B": 2, "C": 0, "dropped": 0},
                                          "C": {"A": 0, "B": 2, "C": 1, "dropped": 0}})
        # Revenue-only, no margin: profit-side figures are null (n/a), never 0.
        c = r["tiers"]["C"]
        self.assertIsNone(c["profit_after"])
        self.assertIsNone(c["net_contribution_after"])
        self.assertIsNone(r["levers"][0]["delta_profit"])
        # C revenue 85 -> 170; d_rev 85.
        self.assertEqual((c["revenue_before"], c["revenue_after"], r["levers"][0]["delta_revenue"]),
                         ("85.0000", "170.0000", "85.0000"))

    def test_value_tiering_cost_to_serve_moves_no_one_and_nonpositive_goes_last(self):
        # revenue:80/15/5. K1 80, K2 10, K3 5, K4 5, K5 -2 (a return only: 0 orders).
        # Total of positive values = 100. K1 cum_before 0 < 80 -> A; K2 cum 80 < 95 -> B;
        # K3 cum 90 < 95 -> B; K4 cum 95 -> C; K5 <= 0 -> C. Boundaries A (80, K1), B (5, K3).
        # cost-to-serve A per-order 100: K1 net 80 - 60 - 100 = -80 but value tiering uses
        # revenue, never net: K1 stays A.
        # retention C churn 50% -> 0% cost 1: f = 0.5
        #   K4: d_rev 5 x 0.5 = 2.5 -> 7.5 > 5 = s_B -> B; d_profit = 1 x 0.5 = 0.5
        #   K5: d_rev -2 x 0.5 = -1 -> -3 <= 0 -> C; d_profit 0 (margin 0 when revenue <= 0)
        #   cost 1 x 2 = 2; ROI (0.5 - 2) / 2 = -0.75
        data = self.csv("""
customer_id,date,amount,cost
K1,2024-01-10,80.00,60.00
K2,2024-01-10,10.00,8.00
K3,2024-01-10,5.00,4.00
K4,2024-01-10,5.00,4.00
K5,2024-01-10,-2.00,-1.20
""")
        r = self.run_ref("--data", data, "--tiers", "revenue:80/15/5",
                         "--lever", "cost-to-serve A per-order 100",
                         "--lever", "retention C churn 50% -> 0% cost 1")
        self.assertEqual(r["boundaries"], {"A": {"id": "K1", "value": "80.0000"}, "B": {"id": "K3", "value": "5.0000"}})
        self.assertEqual(r["migration"], {"A": {"A": 1, "B": 0, "C": 0, "dropped": 0},
                                          "B": {"A": 0, "B": 2, "C": 0, "dropped": 0},
                                          "C": {"A": 0, "B": 1, "C": 1, "dropped": 0}})
        lv = r["levers"][1]
        self.assertEqual((lv["delta_revenue"], lv["delta_profit"], lv["cost"], lv["roi"]),
                         ("1.5000", "0.5000", "2.0000", "-0.750000"))
        a = r["tiers"]["A"]
        # A: profit 20, cts 100 (1 order), net 20 - 100 = -80, 1 customer with net < 0.
        self.assertEqual((a["cost_to_serve_before"], a["net_contribution_before"], a["net_negative_customers"]),
                         ("100.0000", "-80.0000", 1))
        # C: revenue 3 -> 4.5, profit 0.2 -> 0.7 (K4 1 + 0.5, K5 -0.8), lever cost 2, net -1.3
        c = r["tiers"]["C"]
        self.assertEqual((c["revenue_before"], c["revenue_after"], c["profit_before"], c["profit_after"],
                          c["net_contribution_after"]),
                         ("3.0000", "4.5000", "0.2000", "0.7000", "-1.3000"))


class AssumedMargin(Case):
    # Revenue only (no cost column); amounts with 4 decimals to exercise half-even:
    #   K1 100.0010 = 1,000,010 units   K2 50.0005 = 500,005   K3 50.0015 = 500,015
    #   K4 10.0000                      K5 5.0000
    # weights revenue=1, count:20/40/40: A = K1; B = K3, K2 (K3 has more); C = K4, K5.
    # --margin A=45,B=30,C=20, profit_i = revenue_i x margin rounded half-even once:
    #   K1: 1,000,010 x 0.45 = 450,004.5 -> 450,004 (even)  = 45.0004
    #   K2:   500,005 x 0.30 = 150,001.5 -> 150,002 (even)  = 15.0002
    #   K3:   500,015 x 0.30 = 150,004.5 -> 150,004 (even)  = 15.0004
    #   K4: 10 x 0.2 = 2.0000; K5: 5 x 0.2 = 1.0000
    # profit before: A 45.0004, B 30.0006, C 3.0000, total 78.0010.
    DATA = """
customer_id,date,amount
K1,2024-01-10,100.0010
K2,2024-01-10,50.0005
K3,2024-01-10,50.0015
K4,2024-01-10,10.0000
K5,2024-01-10,5.0000
"""

    def test_per_tier_assumed_margin(self):
        # uplift B revenue +10% adoption 50% cost 1 per-adopter: f = 0.05
        #   K3: d_rev 500,015 x 0.05 = 25,000.75 -> 25,001; d_profit 150,004 x 0.05 = 7,500.2 -> 7,500
        #   K2: d_rev 500,005 x 0.05 = 25,000.25 -> 25,000; d_profit 150,002 x 0.05 = 7,500.1 -> 7,500
        #   d_rev 50,001 = 5.0001; d_profit 15,000 = 1.5000; cost 1 x 0.5 x 2 = 1.0000; ROI 0.5
        # cost-to-serve C per-customer 1.5, drop C unprofitable:
        #   K4 net 2 - 1.5 = 0.5 kept; K5 net 1 - 1.5 = -0.5 dropped.
        # B after: revenue 100.0020 + 5.0001 = 105.0021; profit 30.0006 + 1.5 = 31.5006
        # C after: revenue 10, profit 2, cts 1.5, net 0.5.
        # Total after: revenue 100.0010 + 105.0021 + 10 = 215.0031; profit 45.0004 + 31.5006
        #   + 2 = 78.5010; net 78.5010 - 1.5 - 1.0 = 76.0010.
        r = self.run_ref("--data", self.csv(self.DATA), "--weights", "revenue=1", "--tiers", "count:20/40/40",
                         "--margin", "A=45,B=30,C=20",
                         "--lever", "uplift B revenue +10% adoption 50% cost 1 per-adopter",
                         "--lever", "cost-to-serve C per-customer 1.5",
                         "--lever", "drop C unprofitable")
        self.assertEqual(r["profit_basis"], "assumed A 45% B 30% C 20%")
        self.assertEqual([r["tiers"][x]["profit_before"] for x in ("A", "B", "C", "total")],
                         ["45.0004", "30.0006", "3.0000", "78.0010"])
        lv = r["levers"][0]
        self.assertEqual((lv["delta_revenue"], lv["delta_profit"], lv["cost"], lv["roi"]),
                         ("5.0001", "1.5000", "1.0000", "0.500000"))
        b, c, t = r["tiers"]["B"], r["tiers"]["C"], r["tiers"]["total"]
        self.assertEqual((b["revenue_after"], b["profit_after"]), ("105.0021", "31.5006"))
        self.assertEqual((c["customers_after"], c["revenue_after"], c["profit_after"], c["cost_to_serve_after"],
                          c["net_contribution_after"]), (1, "10.0000", "2.0000", "1.5000", "0.5000"))
        self.assertEqual((t["revenue_after"], t["profit_after"], t["net_contribution_after"]),
                         ("215.0031", "78.5010", "76.0010"))
        self.assertEqual(r["migration"]["C"], {"A": 0, "B": 0, "C": 1, "dropped": 1})
        self.assertEqual(r["migration"]["B"], {"A": 0, "B": 2, "C": 0, "dropped": 0})

    def test_assumption_never_moves_tiers_and_is_refused_on_cost_data(self):
        data = self.csv(self.DATA)
        plain = self.run_ref("--data", data, "--weights", "revenue=1", "--tiers", "count:20/40/40")
        assumed = self.run_ref("--data", data, "--weights", "revenue=1", "--tiers", "count:20/40/40", "--margin", "30")
        self.assertEqual(plain["boundaries"], assumed["boundaries"])
        self.assertEqual(assumed["profit_basis"], "assumed 30%")
        # overall 30%: K1 1,000,010 x 0.3 = 300,003 -> 30.0003
        self.assertEqual(assumed["tiers"]["A"]["profit_before"], "30.0003")
        self.assertIsNone(plain["tiers"]["A"]["profit_before"])
        with self.assertRaises(ref.RefError):  # drop needs profit, real or assumed
            self.run_ref("--data", data, "--lever", "drop C unprofitable")
        with self.assertRaises(ref.RefError):  # assumed profit never enters criteria
            self.run_ref("--data", data, "--margin", "30", "--weights", "revenue=0.5,profit=0.5")
        with self.assertRaises(ref.RefError):  # the data decides: cost present
            self.run_ref("--data", self.csv(FIVE, "five.csv"), "--margin", "30")
        # --drop-cost makes FIVE revenue-only, so a margin is accepted
        r = self.run_ref("--data", self.csv(FIVE, "five.csv"), "--drop-cost", "--margin", "25",
                         "--weights", "revenue=1", "--tiers", "count:20/40/40")
        self.assertEqual(r["tiers"]["total"]["profit_before"], "75.0000")  # 300 x 0.25


class PriceRise(Case):
    def test_price_rise_and_cut_arithmetic(self):
        # K1 revenue 100.01 (1,000,100 units), cost 60.03 (600,300), profit 39.98.
        # discount A price +3% volume -2%  (d = -3%):
        #   rev'  = 1,000,100 x 1.03 x 0.98 = 1,000,100 x 1.0094 = 1,009,500.94 -> 1,009,501 = 100.9501
        #   cost' = 600,300 x 0.98 = 588,294 = 58.8294;  profit' = 100.9501 - 58.8294 = 42.1207
        #   d_rev = 0.9401, d_profit = 42.1207 - 39.98 = 2.1407, cost 0, roi null
        # discount B price -10% volume +20% on K2 (80 / 50) and K3 (60 / 40):
        #   K2: rev' = 80 x 0.9 x 1.2 = 86.40, cost' = 50 x 1.2 = 60.00, profit' 26.40 (was 30)
        #   K3: rev' = 60 x 1.08 = 64.80, cost' = 40 x 1.2 = 48.00, profit' 16.80 (was 20)
        #   d_rev = 6.40 + 4.80 = 11.20; d_profit = -3.60 - 3.20 = -6.80
        # K1's projected norm (100.9501 - 20)/80 > 1: not clamped, still A.
        # K2: (86.40 - 20)/80 = 0.83 > s_B = 0.5 and < 1.0 -> B; K3: (64.80 - 20)/80 = 0.56 -> B.
        data = self.csv(FIVE.replace("K1,2024-01-10,100.00,60.00", "K1,2024-01-10,100.01,60.03"))
        r = self.run_ref("--data", data, "--weights", "revenue=1", "--tiers", "count:20/40/40",
                         "--lever", "discount A price +3% volume -2%",
                         "--lever", "discount B price -10% volume +20%")
        rise, cut = r["levers"]
        self.assertEqual((rise["delta_revenue"], rise["delta_profit"], rise["cost"], rise["roi"]),
                         ("0.9401", "2.1407", "0.0000", None))
        self.assertEqual((cut["delta_revenue"], cut["delta_profit"]), ("11.2000", "-6.8000"))
        a = r["tiers"]["A"]
        self.assertEqual((a["revenue_after"], a["profit_after"]), ("100.9501", "42.1207"))
        self.assertEqual(r["migration"]["A"], {"A": 1, "B": 0, "C": 0, "dropped": 0})
        self.assertEqual(r["migration"]["B"], {"A": 0, "B": 2, "C": 0, "dropped": 0})

    def test_price_cut_of_100_percent_is_refused(self):
        with self.assertRaises(ref.RefError):
            self.run_ref("--data", self.csv(FIVE), "--lever", "discount A price -100%")


class RankScaling(Case):
    def test_rank_scaling_with_ties(self):
        # revenue K1 30, K2 20, K3 20, K4 10, K5 5; N - 1 = 4.
        # mid-rank = #smaller + 1/2 #other equal:
        #   K1 4 -> 1.0; K2 2 + 0.5 = 2.5 -> 0.625; K3 0.625; K4 1 -> 0.25; K5 0 -> 0.0
        # count:20/40/40: A = K1; B = K2, K3 (tie, id order); C = K4, K5.
        # Boundaries A (1.0, K1), B (0.625, K3).
        # uplift C revenue +150% adoption 100%: K4 10 -> 25, K5 5 -> 12.5, placed among the
        # OTHER customers' pre-lever values:
        #   K4: others 30, 20, 20, 5 -> 3 smaller -> 3/4 = 0.75 > 0.625 -> B
        #   K5: others 30, 20, 20, 10 -> 1 smaller -> 1/4 = 0.25 -> C
        # With +100% instead, K4 -> 20: others 30, 20, 20, 5 -> 1 + 1/2 x 2 = 2 -> 0.5 < 0.625
        # -> C (K2, with the same 20, has 2.5: its own value is not among its others).
        data = self.csv("""
customer_id,date,amount,cost
K1,2024-01-10,30.00,10.00
K2,2024-01-10,20.00,10.00
K3,2024-01-10,20.00,10.00
K4,2024-01-10,10.00,5.00
K5,2024-01-10,5.00,1.00
""")
        args = ["--data", data, "--weights", "revenue=1", "--tiers", "count:20/40/40", "--scaling", "rank"]
        r = self.run_ref(*args, "--lever", "uplift C revenue +150% adoption 100% cost 0 per-contact")
        self.assertEqual(r["boundaries"], {"A": {"id": "K1", "score": "1.0"}, "B": {"id": "K3", "score": "0.625"}})
        self.assertEqual(r["migration"]["C"], {"A": 0, "B": 1, "C": 1, "dropped": 0})
        self.assertEqual(r["migration"]["B"], {"A": 0, "B": 2, "C": 0, "dropped": 0})
        r = self.run_ref(*args, "--lever", "uplift C revenue +100% adoption 100% cost 0 per-contact")
        self.assertEqual(r["migration"]["C"], {"A": 0, "B": 0, "C": 2, "dropped": 0})

    def test_rank_norm_reversed_for_recency(self):
        # recency values 0, 10, 10, 30 (lower is better): count LARGER values + 1/2 equal others,
        # over N - 1 = 3: 0 -> 3/3 = 1.0; 10 -> (1 + 0.5)/3 = 0.5; 30 -> 0.0
        sc = ref.Scaler("recency", [0, 10, 10, 30], "rank")
        self.assertEqual([sc.norm(v, v) for v in (0, 10, 30)], [1.0, 0.5, 0.0])
        # a projected 10 for the customer whose own value was 30: its others are 0, 10, 10
        # -> 0 larger, 2 equal -> (0 + 1)/3 = 1/3
        self.assertEqual(sc.norm(10, 30), 1.0 / 3.0)
        mm = ref.Scaler("recency", [0, 10, 10, 30], "minmax")
        self.assertEqual([mm.norm(v, v) for v in (0, 10, 30)], [1.0, 20 / 30, 0.0])


class Reactivation(Case):
    def test_reactivation_with_order_ids(self):
        # order_id given: orders = (customer, order) pairs with net amount > 0.
        # K4: order O4a has two lines (15 + 15, cost 13 + 13) and O4b one (10, cost 8), all on
        #   2024-01-01 -> 2 orders (3 rows); revenue 40, cost 34, profit 6.
        # Reference date = 2024-03-01 (latest date). K4's last purchase 2024-01-01: recency 60.
        # Revenues: K1 100, K2 80, K3 60, K4 40, K5 20 -> tiers A K1, B K2 K3, C K4 K5.
        # K4: revenue 40, cost 34, profit 6, 2 orders; aov = 20.
        # K5: last purchase 2024-03-01, recency 0 -> not eligible for "inactive 30 days".
        # reactivation C inactive 30 days response 10% orders 2 cost 1:
        #   K4: d_rev = 0.1 x 2 x 40/2 = 4.0000; d_profit = 0.1 x 2 x 6/2 = 0.6000
        #   cost = 1 x 1 eligible; ROI = (0.6 - 1)/1 = -0.4
        # K4 after: 44 -> (44-20)/80 = 0.3 < s_B = 0.5 -> C.
        data = self.csv("""
customer_id,date,amount,cost,order_id
K1,2024-02-01,100.00,60.00,O1
K2,2024-02-01,80.00,50.00,O2
K3,2024-02-01,60.00,40.00,O3
K4,2024-01-01,15.00,13.00,O4a
K4,2024-01-01,15.00,13.00,O4a
K4,2024-01-01,10.00,8.00,O4b
K5,2024-03-01,20.00,18.00,O5
""")
        r = self.run_ref("--data", data, "--weights", "revenue=1", "--tiers", "count:20/40/40",
                         "--lever", "reactivation C inactive 30 days response 10% orders 2 cost 1")
        self.assertEqual(r["reference_date"], "2024-03-01")
        lv = r["levers"][0]
        self.assertEqual((lv["affected"], lv["delta_revenue"], lv["delta_profit"], lv["cost"], lv["roi"]),
                         (1, "4.0000", "0.6000", "1.0000", "-0.400000"))
        self.assertEqual(r["migration"]["C"], {"A": 0, "B": 0, "C": 2, "dropped": 0})


class SampleAgreesWithScenarioScripts(Case):
    """The figures already held by scenarios/*.abc and README (from tools/reference_abc.py)."""

    def test_sample_grow_and_lean(self):
        r = self.run_ref("--data", "sample", "--lever", "cost-to-serve C per-order 4.50",
                         "--lever", "uplift B revenue +10% adoption 30% cost 2 per-adopter")
        up = r["levers"][1]
        # README: delta_revenue 41616.09, delta_profit 15845.20, cost 900.00, roi 1660.6%
        self.assertEqual((up["delta_revenue"][:-2], up["delta_profit"][:-2], up["cost"]),
                         ("41616.09", "15845.20", "900.0000"))
        # (15845.2005 - 900) / 900 = 16.605778 -> 1660.6% as README prints it
        self.assertEqual(up["roi"], "16.605778")
        b = r["tiers"]["B"]
        self.assertEqual((b["revenue_after"][:-2], b["profit_after"][:-2]), ("1428819.20", "544018.55"))
        self.assertEqual(r["tiers"]["C"]["cost_to_serve_before"], "19566.0000")
        self.assertEqual((r["tiers"]["C"]["net_negative_customers"], r["tiers"]["C"]["net_negative_revenue"]),
                         (234, "2234.5100"))
        r = self.run_ref("--data", "sample", "--lever", "cost-to-serve C per-order 4.50",
                         "--lever", "drop C unprofitable")
        t = r["tiers"]["total"]
        self.assertEqual((t["customers_after"], t["cost_to_serve_after"], t["revenue_after"],
                          t["net_contribution_after"]),
                         (4766, "18301.5000", "6520898.1900", "2453165.2500"))
        self.assertEqual(r["migration"]["A"], {"A": 1000, "B": 0, "C": 0, "dropped": 0})
        self.assertEqual(r["migration"]["B"], {"A": 0, "B": 1500, "C": 0, "dropped": 0})

    def test_cli_prints_one_json_document(self):
        out = subprocess.run([sys.executable, os.path.join(HERE, "reference_levers.py"), "--data",
                              self.csv(FIVE), "--weights", "revenue=1", "--tiers", "count:20/40/40",
                              "--lever", "lever drop C unprofitable"],
                             check=True, capture_output=True, text=True).stdout
        doc = json.loads(out)
        self.assertEqual(sorted(doc["tiers"]), ["A", "B", "C", "total"])
        # without cost-to-serve, K4 (profit 3) and K5 (profit 2) are profitable: no one leaves
        self.assertEqual(doc["levers"][0]["affected"], 0)


if __name__ == "__main__":
    unittest.main()
