#!/usr/bin/env python3
"""Reference linear programs for the Optimizer tests (BoundedSimplex).

Writes Tests/OptimizerTests/Fixtures/lp_reference.json: seeded LPs of the portfolio kind, in the
shape of coresat's LinearProgram (minimize cᵀx subject to E x = f, lower <= x <= upper,
rowLower <= G x <= rowUpper), with the solution of scipy.optimize.linprog(method="highs").

Each program maximizes the exposure to one factor (c = -exposures) over n = 5..60 assets, subject to
a budget (sum x = 1), 2-4 other factor exposures held at zero (equalities) or within a band
(two-sided rows), per-asset caps (long only, or long-short with a net budget), and group bounds
(two-sided rows, sometimes one-sided, written as null for an infinite side).

Only programs with a unique optimum are kept, so that x itself can be compared: the script solves each
program again with c perturbed twice at random (relative size 1e-6) and keeps it only if x moves by
less than 1e-10 both times (a tie between vertices would move x by O(1)), and if HiGHS's x satisfies
the constraints to 1e-12. HiGHS runs with primal and dual feasibility tolerances of 1e-10.

Requirements: numpy, scipy. Run from the repository root:
    python3 scripts/lp_reference.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

FIXTURE = Path(__file__).resolve().parent.parent / "Tests/OptimizerTests/Fixtures/lp_reference.json"
OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}
WANTED = 30


def program(rng: np.random.Generator, n: int) -> dict:
    factors = rng.integers(3, 6)
    exposures = rng.normal(0.0, 1.0, (factors, n))
    neutral = rng.integers(2, min(4, factors - 1) + 1)
    long_short = rng.random() < 0.3
    cap = max(1.5 / n, rng.uniform(0.05, 0.3))
    lower = np.full(n, -cap if long_short else 0.0)
    upper = np.full(n, cap)

    equality_rows = [np.ones(n)]
    equality_values = [1.0]
    rows, row_lower, row_upper = [], [], []
    for k in range(1, neutral + 1):
        if rng.random() < 0.5:
            equality_rows.append(exposures[k])
            equality_values.append(0.0)
        else:
            band = rng.uniform(0.01, 0.1)
            rows.append(exposures[k])
            row_lower.append(-band)
            row_upper.append(band)
    groups = rng.integers(2, 5)
    membership = rng.integers(0, groups, n)
    for g in range(groups):
        members = (membership == g).astype(float)
        if members.sum() == 0:
            continue
        rows.append(members)
        row_lower.append(None if rng.random() < 0.3 else float(rng.uniform(0.0, 0.1)))
        row_upper.append(None if rng.random() < 0.3 else float(rng.uniform(0.35, 0.6)))
    return {
        "n": n,
        "objective": (-exposures[0]).tolist(),
        "lower": lower.tolist(),
        "upper": upper.tolist(),
        "equalityRows": np.concatenate(equality_rows).tolist(),
        "equalityValues": equality_values,
        "rows": np.concatenate(rows).tolist() if rows else [],
        "rowLower": row_lower,
        "rowUpper": row_upper,
    }


def solve(p: dict, c: np.ndarray):
    n = p["n"]
    e = np.array(p["equalityRows"]).reshape(-1, n)
    g = np.array(p["rows"]).reshape(-1, n)
    a_ub, b_ub = [], []
    for row, lo, hi in zip(g, p["rowLower"], p["rowUpper"]):
        if hi is not None:
            a_ub.append(row)
            b_ub.append(hi)
        if lo is not None:
            a_ub.append(-row)
            b_ub.append(-lo)
    return linprog(c, A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None, A_eq=e,
                   b_eq=p["equalityValues"], bounds=list(zip(p["lower"], p["upper"])), method="highs",
                   options=OPTIONS)


def violation(p: dict, x: np.ndarray) -> float:
    n = p["n"]
    e = np.array(p["equalityRows"]).reshape(-1, n)
    g = np.array(p["rows"]).reshape(-1, n)
    worst = np.max(np.abs(e @ x - p["equalityValues"]))
    worst = max(worst, np.max(np.array(p["lower"]) - x), np.max(x - np.array(p["upper"])))
    for activity, lo, hi in zip(g @ x, p["rowLower"], p["rowUpper"]):
        worst = max(worst, (lo - activity) if lo is not None else 0, (activity - hi) if hi is not None else 0)
    return float(worst)


def main() -> None:
    rng = np.random.default_rng(20261205)
    cases, tried, skipped = [], 0, {"infeasible": 0, "not unique": 0}
    sizes = np.linspace(5, 60, WANTED).round().astype(int)
    while len(cases) < WANTED:
        n = int(sizes[len(cases)])
        tried += 1
        p = program(rng, n)
        c = np.array(p["objective"])
        result = solve(p, c)
        if result.status != 0:
            skipped["infeasible"] += 1
            continue
        moved = max(
            float(np.max(np.abs(solve(p, c + 1e-6 * np.abs(c).max() * rng.normal(size=n)).x - result.x)))
            for _ in range(2))
        if moved > 1e-10:
            skipped["not unique"] += 1
            continue
        assert violation(p, result.x) < 1e-12, violation(p, result.x)
        p["name"] = f"lp{len(cases):02d}_n{n}"
        p["x"] = result.x.tolist()
        p["objectiveValue"] = float(result.fun)
        cases.append(p)
    print(f"kept {len(cases)} of {tried} programs; skipped {skipped}")
    FIXTURE.write_text(json.dumps({"cases": cases}) + "\n")


if __name__ == "__main__":
    main()
