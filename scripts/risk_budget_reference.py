#!/usr/bin/env python3
"""Reference risk-budgeting portfolios for the Optimizer tests.

Writes Tests/OptimizerTests/Fixtures/risk_budget_reference.json: seeded covariance matrices
(factor models plus idiosyncratic risk, one with negative correlations), budgets (equal, and
random from a Dirichlet), and the long-only, fully invested weights whose risk contributions
equal the budgets.

The weights come from cyclical coordinate descent on the same convex objective as the solver,
½ yᵀΣy - Σ b_i log y_i (Griveau-Billion, Richard and Roncalli 2013): each coordinate in turn is set
to the positive root of Σ_ii y_i² + (Σ_{j≠i} Σ_ij y_j) y_i - b_i = 0. It is a different algorithm
from the solver's Newton iteration, converges linearly to full double precision, and is run until
the budget residual max_i |RC_i / total - b_i| stops improving (it reaches about 1e-16, recorded per
case as "reference_residual"). As an independent check the script also solves each problem with
cvxpy + Clarabel (the log terms as exponential cones) and fails if the weights differ by more than
1e-6: even at tolerances of 1e-12, where it reports "optimal_inaccurate", Clarabel agrees only to
about 1e-7 (the largest difference is printed).

Requirements: numpy, cvxpy (with Clarabel). Run from the repository root:
    python3 scripts/risk_budget_reference.py
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import cvxpy as cp
import numpy as np

FIXTURE = Path(__file__).resolve().parent.parent / "Tests/OptimizerTests/Fixtures/risk_budget_reference.json"


def covariance(rng: np.random.Generator, n: int, factors: int, negative: bool) -> np.ndarray:
    loadings = rng.normal(0.0, 1.0, (n, factors)) * 0.04
    if not negative:
        loadings[:, 0] = np.abs(loadings[:, 0]) + 0.03  # a market factor every asset loads on
    idiosyncratic = rng.uniform(0.01, 0.06, n) ** 2
    sigma = loadings @ loadings.T + np.diag(idiosyncratic)
    return (sigma + sigma.T) / 2


def residual(sigma: np.ndarray, w: np.ndarray, b: np.ndarray) -> float:
    contributions = w * (sigma @ w)
    return float(np.max(np.abs(contributions / contributions.sum() - b)))


def coordinate_descent(sigma: np.ndarray, b: np.ndarray) -> np.ndarray:
    y = 1 / np.sqrt(np.diag(sigma))
    best, best_y, stale = np.inf, y.copy(), 0
    for _ in range(200_000):
        for i in range(len(b)):
            c = sigma[i] @ y - sigma[i, i] * y[i]
            y[i] = (-c + np.sqrt(c * c + 4 * sigma[i, i] * b[i])) / (2 * sigma[i, i])
        r = residual(sigma, y, b)
        if r < best:
            best, best_y, stale = r, y.copy(), 0
        else:
            stale += 1
            if stale > 50:
                break
    return best_y / best_y.sum()


def clarabel(sigma: np.ndarray, b: np.ndarray) -> np.ndarray:
    y = cp.Variable(len(b))
    chol = np.linalg.cholesky(sigma)
    problem = cp.Problem(cp.Minimize(0.5 * cp.sum_squares(chol.T @ y) - b @ cp.log(y)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Solution may be inaccurate" at these tight tolerances
        problem.solve(solver=cp.CLARABEL, tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12)
    assert problem.status.startswith("optimal"), problem.status
    return y.value / y.value.sum()


def main() -> None:
    rng = np.random.default_rng(20261204)
    cases = []
    worst_check = 0.0
    for n, factors, negative, dirichlet in [
        (3, 1, False, False), (3, 2, True, True), (5, 2, False, True), (10, 3, False, False),
        (10, 3, True, True), (25, 4, False, True), (40, 5, False, False), (60, 6, False, True),
    ]:
        sigma = covariance(rng, n, factors, negative)
        b = rng.dirichlet(np.full(n, 2.0)) if dirichlet else np.full(n, 1.0 / n)
        w = coordinate_descent(sigma, b)
        check = clarabel(sigma, b)
        difference = float(np.max(np.abs(w - check)))
        worst_check = max(worst_check, difference)
        assert difference < 1e-6, f"n={n}: Clarabel differs by {difference:.2e}"
        cases.append({
            "name": f"n{n}_{'negative' if negative else 'market'}_{'dirichlet' if dirichlet else 'parity'}",
            "n": n,
            "covariance": sigma.ravel().tolist(),
            "budgets": b.tolist(),
            "weights": w.tolist(),
            "reference_residual": residual(sigma, w, b),
        })
        print(f"{cases[-1]['name']}: residual {cases[-1]['reference_residual']:.1e}, "
              f"Clarabel differs by {difference:.1e}")
    print(f"largest weight difference, coordinate descent vs Clarabel: {worst_check:.1e}")
    FIXTURE.write_text(json.dumps({"cases": cases}) + "\n")


if __name__ == "__main__":
    main()
