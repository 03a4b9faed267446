#!/usr/bin/env python3
"""Writes Tests/Fixtures/computed-abc/: small generated datasets and the answers of the
`abc-analysis` package (PyPI, version 0.1.23; the Python port of the R package ABCanalysis)
for each, so ComputedLimits is checked against it without the package at test time.

  python -m venv /tmp/v && /tmp/v/bin/pip install abc-analysis==0.1.23 && /tmp/v/bin/python tools/make_computed_abc_fixtures.py

Values are money in cents (integers), so both sides read the same numbers exactly.
"""
import os
import random
import warnings

from abc_analysis import abc_analysis

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "computed-abc")


def datasets():
    r = random.Random(7)
    yield "lognormal-50", [int(r.lognormvariate(4, 1.2) * 100) for _ in range(50)]
    yield "lognormal-500", [int(r.lognormvariate(4, 1.0) * 100) for _ in range(500)]
    yield "lognormal-3000", [int(r.lognormvariate(5, 1.4) * 100) for _ in range(3000)]
    yield "pareto-800", [int(r.paretovariate(1.3) * 1000) for _ in range(800)]
    yield "uniform-200", [r.randint(100, 10000) for _ in range(200)]
    yield "ties-and-zeros-300", [r.choice([0, 0, 500, 500, 1000, 2500, 2500, 10000, 40000]) for _ in range(300)]
    yield "with-negatives-400", [int(r.gauss(3000, 4000)) for _ in range(400)]


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = ["name,n,ab_limit,bc_limit,a,b,c"]
    for name, values in datasets():
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            f.write("value\n" + "\n".join(str(v) for v in values) + "\n")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = abc_analysis(values)
        lines.append("%s,%d,%d,%d,%d,%d,%d" % (name, len(values), result["ABLimit"], result["BCLimit"],
                                                len(result["Aind"]), len(result["Bind"]), len(result["Cind"])))
    with open(os.path.join(OUT, "answers.csv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
