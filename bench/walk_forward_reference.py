#!/usr/bin/env python3
"""The walk-forward minimum-variance loop of bench/walk-forward.yaml written the way a Python user
would: numpy for the paths (normal monthly returns, the file's means, volatilities and correlation
0.5) and each quarter's 36-month sample covariance, DAQP for each solve (long-only, fully
invested, caps of 30%). Prints the time of the loop, which bench/walk-forward sets beside coresat's
whole run. Needs numpy and daqp (pip install numpy daqp)."""
import sys
import time
from ctypes import c_int

import daqp
import numpy as np

PATHS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
MONTHS, WARM_UP, WINDOW, EVERY, CAP = 360, 36, 36, 3, 0.3

mean = np.array([0.006, 0.006, 0.007, 0.007, 0.008, 0.008, 0.009, 0.009, 0.010, 0.010])
vol = np.array([0.030, 0.035, 0.040, 0.045, 0.050, 0.055, 0.060, 0.065, 0.070, 0.075])
n = len(mean)
correlation = np.full((n, n), 0.5) + 0.5 * np.eye(n)
root = np.linalg.cholesky(correlation * np.outer(vol, vol))

# DAQP's form: min ½xᵀHx + fᵀx, blower <= [x; Ax] <= bupper, the first n rows bounds, then one
# equality row (sense 5: equality) for the budget.
A = np.ones((1, n))
lower = np.concatenate([np.zeros(n), [1.0]])
upper = np.concatenate([np.full(n, CAP), [1.0]])
sense = np.concatenate([np.zeros(n), [5]]).astype(c_int)
f = np.zeros(n)

rng = np.random.default_rng(1)
start = time.perf_counter()
solves = 0
for _ in range(PATHS):
    returns = mean + rng.standard_normal((WARM_UP + MONTHS, n)) @ root.T
    weights = np.full(n, 1.0 / n)
    for month in range(0, MONTHS, EVERY):
        end = WARM_UP + month + 1
        H = np.cov(returns[end - WINDOW:end], rowvar=False)
        x, _, exitflag, _ = daqp.solve(H, f, A, upper, lower, sense)
        if exitflag == 1:
            weights = x
        solves += 1
elapsed = time.perf_counter() - start
print(f"numpy + DAQP walk-forward loop: {PATHS} paths, {solves} solves, {elapsed:.1f} s "
      f"({1e6 * elapsed / solves:.1f} us per review)")
