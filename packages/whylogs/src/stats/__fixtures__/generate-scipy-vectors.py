"""Writes scipy-vectors.json: scipy's own values for the distribution functions whylogs' drift uses.

Run with the oracle virtualenv (whylogs 1.6.4 pins the scipy it runs with):
    .venv/oracle/bin/python packages/whylogs/src/stats/__fixtures__/generate-scipy-vectors.py [output]
The interop test `interop/drift-stats.test.ts` re-runs it and compares with the checked-in file.
"""
import json
import sys

import numpy as np
import scipy
from scipy import special, stats


def number(value):
    value = float(value)
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


kstwo = []
ns = [1, 2, 3, 4, 5, 7, 10, 13, 20, 33, 50, 64, 99, 100, 140, 141, 150, 199, 256, 500, 1000, 1024, 3000, 5000,
      10000, 100000, 100001, 250000, 1500000]
xs = [0.0, 0.001, 0.004, 0.01, 0.02, 0.03, 0.04, 0.05, 0.0625, 0.08, 0.1, 0.12, 0.15, 0.2, 0.2222222222222222,
      0.25, 0.3, 0.3333333333333333, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99, 1.0]
for n in ns:
    for x in xs + [0.5 / n, 1.0 / n, 1.5 / n, 1.0 - 1.0 / n, 2.0 / n]:
        kstwo.append([x, n, number(stats.distributions.kstwo.sf(x, n))])
# whylogs passes numpy-rounded effective sizes, which may be 0 (NaN p-value) or non-integral shapes.
for x, n in [(0.5, 0.0), (0.3, 2.5), (float("nan"), 10)]:
    kstwo.append([number(x), n, number(stats.distributions.kstwo.sf(x, n))])

smirnov = []
for n in [1, 2, 5, 10, 11, 50, 100, 141, 1000, 5000, 1000001]:
    for x in [0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.0 / n, 0.5 / n]:
        smirnov.append([n, x, number(special.smirnov(n, x))])

chi2 = []
dfs = [1, 2, 3, 4, 5, 7, 9, 10, 15, 30, 41, 42, 60, 99, 150, 399, 401, 500, 1000, 5000]
for df in dfs:
    for x in [0.0, 1e-8, 0.01, 0.1, 0.3, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0, 2.2, 3.0, 5.0, 10.0, 17.8, 30.0, 50.0,
              df * 0.5, df * 0.8, df * 0.95, df * 1.0, df * 1.05, df * 1.3, df * 2.0, df * 3.0, 1000.0, 1e6,
              float("inf")]:
        chi2.append([number(x), df, number(stats.chi2.sf(x, df))])

gammaincc = []
for a in [0.5, 1.0, 1.5, 2.5, 10.0, 20.5, 25.0, 150.0, 250.0, 1000.0]:
    for x in [0.05, 0.4, 0.6, 1.0, 1.2, 3.0, a * 0.9, a, a * 1.1, a * 2]:
        gammaincc.append([a, x, number(special.gammaincc(a, x)), number(special.gammainc(a, x))])

out = {
    "generator": "packages/whylogs/src/stats/__fixtures__/generate-scipy-vectors.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "kstwoSf": kstwo,
    "smirnov": smirnov,
    "chi2Sf": chi2,
    "gammaincc": gammaincc,
}
text = json.dumps(out, indent=None, separators=(",", ":"))
if len(sys.argv) > 1 and sys.argv[1] != "-":
    with open(sys.argv[1], "w") as handle:
        handle.write(text + "\n")
else:
    sys.stdout.write(text + "\n")
