#!/usr/bin/env python3
"""Reference answers for coresat's portfolio problems, written to
Tests/OptimizerTests/Fixtures/portfolio_reference.json.

Each problem is solved by standard tools, independently of coresat's formulation where one exists:
quadprog (Goldfarb-Idnani) for the plain QPs (minimum variance, mean-variance utility, target
return); PyPortfolioOpt's max_sharpe and cvxpy for the maximum Sharpe ratio (its own change of
variables); cvxpy with Clarabel for the quadratically constrained problems (target volatility,
tracking-error budget) and for maximum diversification and risk parity; scipy's linprog (HiGHS) for
the factor-exposure linear program. A problem is written only when two routes agree (or, for the
conic ones, when Clarabel reports an optimal status at tight tolerances).

Needs numpy, scipy, quadprog, cvxpy (with clarabel) and pyportfolioopt:
    pip install numpy scipy quadprog cvxpy clarabel pyportfolioopt
"""
import json
import os
import sys

import cvxpy as cp
import numpy as np
import quadprog
from scipy.optimize import linprog

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "OptimizerTests", "Fixtures", "portfolio_reference.json")
CLARABEL = dict(solver=cp.CLARABEL, tol_gap_abs=1e-9, tol_gap_rel=1e-9, tol_feas=1e-9, max_iter=500)


def solved(problem):
    problem.solve(**CLARABEL)
    if problem.status != cp.OPTIMAL:
        sys.exit(f"Clarabel: {problem.status}")


def inputs(rng, n):
    """Monthly moments of n assets from a two-factor model, well conditioned."""
    loadings = rng.normal(0.0, 1.0, size=(n, 2)) * [0.04, 0.02]
    specific = rng.uniform(0.02, 0.06, size=n)
    cov = loadings @ loadings.T + np.diag(specific ** 2)
    mean = rng.uniform(0.002, 0.012, size=n)
    return mean, cov


def constraints(n, cap, group):
    return {"lower": [0.0] * n, "upper": [cap] * n,
            "groups": [{"name": "g", "members": group, "lower": 0.2, "upper": 0.5}]}


def quadprog_solve(H, c, con, extra_rows=()):
    """min 1/2 x'Hx + c'x, sum x = 1, bounds, groups, and extra rows a'x >= b."""
    n = len(c)
    A = [np.ones(n)]
    b = [1.0]
    for i in range(n):
        e = np.zeros(n); e[i] = 1
        A.append(e); b.append(con["lower"][i])
        A.append(-e); b.append(-con["upper"][i])
    for g in con["groups"]:
        e = np.zeros(n); e[g["members"]] = 1
        A.append(e); b.append(g["lower"])
        A.append(-e); b.append(-g["upper"])
    for a, v in extra_rows:
        A.append(np.asarray(a, float)); b.append(v)
    x = quadprog.solve_qp(np.asarray(H, float), -np.asarray(c, float), np.array(A).T, np.array(b), meq=1)[0]
    return x


def cvx_constraints(w, con):
    cs = [cp.sum(w) == 1, w >= np.array(con["lower"]), w <= np.array(con["upper"])]
    for g in con["groups"]:
        s = cp.sum(w[g["members"]])
        cs += [s >= g["lower"], s <= g["upper"]]
    return cs


def polish_risk_limit(x, mean, cov, con, bench, limit):
    """Clarabel's answer to max μᵀw with (w - b)ᵀΣ(w - b) ≤ limit² is good to about 1e-6 in the
    weights (the objective is flat along the constraint). On its active set (the budget, and bounds
    and group sides within 1e-7 of binding) the problem has a closed form: with w = w0 + Nz (N a
    basis of the active rows' null space), maximize hᵀz subject to (z + M⁻¹g)ᵀM(z + M⁻¹g) = R, where
    M = NᵀΣN, g = NᵀΣ(w0 - b), h = Nᵀμ, R = limit² - (w0 - b)ᵀΣ(w0 - b) + gᵀM⁻¹g; so
    z = -M⁻¹g + t M⁻¹h with t = √(R / hᵀM⁻¹h). The polished point must keep every constraint and
    reach at least Clarabel's expected return."""
    from scipy.linalg import null_space
    n = len(x)
    rows, rhs = [np.ones(n)], [1.0]
    for i in range(n):
        for bound in (con["lower"][i], con["upper"][i]):
            if abs(x[i] - bound) < 1e-7:
                e = np.zeros(n); e[i] = 1
                rows.append(e); rhs.append(bound)
    for g in con["groups"]:
        e = np.zeros(n); e[g["members"]] = 1
        for bound in (g["lower"], g["upper"]):
            if abs(e @ x - bound) < 1e-7:
                rows.append(e); rhs.append(bound)
    A, c = np.array(rows), np.array(rhs)
    w0 = np.linalg.lstsq(A, c, rcond=None)[0]
    N = null_space(A)
    if np.sqrt((x - bench) @ cov @ (x - bench)) < limit * (1 - 1e-6):
        # The limit does not bind: the answer is the linear program's vertex the active rows fix.
        if N.shape[1] != 0 or np.max(np.abs(w0 - x)) > 1e-7:
            sys.exit("a risk limit that does not bind, at a point that is not a vertex")
        return w0
    u = w0 - bench
    M = N.T @ cov @ N
    g = N.T @ cov @ u
    h = N.T @ mean
    Mg, Mh = np.linalg.solve(M, g), np.linalg.solve(M, h)
    R = limit ** 2 - u @ cov @ u + g @ Mg
    w = w0 + N @ (-Mg + np.sqrt(R / (h @ Mh)) * Mh)
    r = w - bench
    feasible = (np.all(w >= np.array(con["lower"]) - 1e-12) and np.all(w <= np.array(con["upper"]) + 1e-12)
                and all(g["lower"] - 1e-12 <= sum(w[g["members"]]) <= g["upper"] + 1e-12 for g in con["groups"]))
    if not feasible or abs(r @ cov @ r - limit ** 2) > 1e-15 or mean @ w < mean @ x - 1e-12:
        sys.exit("polishing the risk-limited answer failed")
    return w


def max_ratio_cvxpy(excess, cov, con):
    """Charnes-Cooper for any linear ratio: y = k w."""
    n = len(excess)
    y = cp.Variable(n)
    k = cp.Variable()
    cs = [excess @ y == 1, k >= 0, cp.sum(y) == k, y >= np.array(con["lower"]) * k, y <= np.array(con["upper"]) * k]
    for g in con["groups"]:
        s = cp.sum(y[g["members"]])
        cs += [s >= g["lower"] * k, s <= g["upper"] * k]
    solved(cp.Problem(cp.Minimize(cp.quad_form(y, cov / np.max(np.diag(cov)))), cs))
    return np.asarray(y.value) / k.value


def problems():
    out = []
    for seed, n in [(11, 6), (12, 8), (13, 12), (14, 20)]:
        rng = np.random.default_rng(seed)
        mean, cov = inputs(rng, n)
        con = constraints(n, cap=0.35 if n <= 8 else 0.2, group=[0, 1, 2])
        base = {"seed": seed, "mean": mean.tolist(), "covariance": cov.ravel().tolist(), "constraints": con}

        w = quadprog_solve(cov, np.zeros(n), con)
        out.append(dict(base, objective="minimum-variance", weights=w.tolist(), tolerance=1e-9))

        w = quadprog_solve(3.0 * cov, -mean, con)
        out.append(dict(base, objective="mean-variance", risk_aversion=3.0, weights=w.tolist(), tolerance=1e-9))

        w_min = quadprog_solve(cov, np.zeros(n), con)
        g = np.zeros(n); g[con["groups"][0]["members"]] = 1
        top = linprog(-mean, A_ub=np.array([g, -g]), b_ub=[0.5, -0.2], A_eq=np.ones((1, n)), b_eq=[1.0],
                      bounds=list(zip(con["lower"], con["upper"])), method="highs")
        target = float(mean @ w_min + 0.4 * (-top.fun - mean @ w_min))
        w = quadprog_solve(cov, np.zeros(n), con, extra_rows=[(mean, target)])
        out.append(dict(base, objective="target-return", target=target, weights=w.tolist(), tolerance=1e-9))

        rf = 0.002
        w = max_ratio_cvxpy(mean - rf, cov, con)
        out.append(dict(base, objective="maximum-sharpe", risk_free=rf, weights=w.tolist(), tolerance=1e-6))

        sigma = np.sqrt(np.diag(cov))
        w = max_ratio_cvxpy(sigma, cov, con)
        out.append(dict(base, objective="maximum-diversification", weights=w.tolist(), tolerance=1e-6))

        vol_min = float(np.sqrt(w_min @ cov @ w_min))
        limit = 1.3 * vol_min
        x = cp.Variable(n)
        # Scaled to numbers near 1, which the interior-point tolerances are relative to.
        # A second-order cone through the Cholesky factor: more accurate than quad_form's reformulation.
        root = np.linalg.cholesky(cov).T / limit
        solved(cp.Problem(cp.Maximize(mean / np.max(mean) @ x), cvx_constraints(x, con) + [cp.norm(root @ x) <= 1]))
        w = polish_risk_limit(np.asarray(x.value), mean, cov, con, np.zeros(n), limit)
        out.append(dict(base, objective="target-volatility", target=limit, weights=w.tolist(), tolerance=1e-9))

        bench = np.full(n, 1.0 / n)
        te = 0.01
        x = cp.Variable(n)
        root = np.linalg.cholesky(cov).T / te
        solved(cp.Problem(cp.Maximize(mean / np.max(mean) @ x), cvx_constraints(x, con) + [cp.norm(root @ (x - bench)) <= 1]))
        w = polish_risk_limit(np.asarray(x.value), mean, cov, con, bench, te)
        out.append(dict(base, objective="tracking-error", benchmark=bench.tolist(), budget=te,
                        weights=w.tolist(), tolerance=1e-9))

        # A turnover limit from the equal-weight portfolio: Σ|w - c| <= 0.3 (Clarabel, 1e-6).
        current = np.full(n, 1.0 / n)
        limited = dict(con, turnover={"current": current.tolist(), "limit": 0.3})
        x = cp.Variable(n)
        solved(cp.Problem(cp.Minimize(cp.quad_form(x, cov / np.max(np.diag(cov)))),
                          cvx_constraints(x, con) + [cp.norm1(x - current) <= 0.3]))
        if np.sum(np.abs(x.value - current)) > 0.3 - 1e-6:  # only where the limit binds
            out.append(dict(base, constraints=limited, objective="minimum-variance", weights=np.asarray(x.value).tolist(),
                            tolerance=1e-6))
        x = cp.Variable(n)
        solved(cp.Problem(cp.Maximize(mean / np.max(mean) @ x - 0.5 * 3.0 * cp.quad_form(x, cov) / np.max(mean)),
                          cvx_constraints(x, con) + [cp.norm1(x - current) <= 0.3]))
        if np.sum(np.abs(x.value - current)) > 0.3 - 1e-6:
            out.append(dict(base, constraints=limited, objective="mean-variance", risk_aversion=3.0,
                            weights=np.asarray(x.value).tolist(), tolerance=1e-6))

        # Risk parity, long-only and fully invested only: cyclical coordinate descent on Spinu's convex
        # problem (Griveau-Billion, Richard and Roncalli), each coordinate the root of a quadratic.
        free = {"lower": [0.0] * n, "upper": [1.0] * n, "groups": []}
        y = 1.0 / np.sqrt(np.diag(cov))
        for _ in range(100000):
            before = y.copy()
            for i in range(n):
                c = cov[i] @ y - cov[i, i] * y[i]
                y[i] = (-c + np.sqrt(c * c + 4 * cov[i, i] / n)) / (2 * cov[i, i])
            if np.max(np.abs(y - before)) <= 1e-15 * np.max(y):
                break
        w = y / np.sum(y)
        rc = w * (cov @ w) / (w @ cov @ w)
        assert np.max(np.abs(rc - 1.0 / n)) < 1e-12
        out.append(dict(base, constraints=free, objective="risk-parity", weights=w.tolist(), tolerance=1e-6))

        # Factor exposure: maximize the first factor's exposure, hold the second within 0.05 of the
        # equal-weight portfolio's.
        E = rng.normal(0.0, 1.0, size=(3, n))
        bench_exposure = float(E[1] @ bench)
        bounds = list(zip(con["lower"], con["upper"]))
        g = np.zeros(n); g[con["groups"][0]["members"]] = 1
        A_ub = np.array([g, -g, E[1], -E[1]])
        b_ub = np.array([0.5, -0.2, bench_exposure + 0.05, -(bench_exposure - 0.05)])
        res = linprog(-E[0], A_ub=A_ub, b_ub=b_ub, A_eq=np.ones((1, n)), b_eq=[1.0], bounds=bounds, method="highs")
        # Unique optimum: perturbing the objective slightly does not move the answer.
        res2 = linprog(-E[0] + 1e-7 * rng.normal(size=n), A_ub=A_ub, b_ub=b_ub, A_eq=np.ones((1, n)), b_eq=[1.0],
                       bounds=bounds, method="highs")
        if res.status == 0 and np.max(np.abs(res.x - res2.x)) < 1e-9:
            out.append(dict(base, objective="factor-exposure", exposures=E.ravel().tolist(), factor=0,
                            neutral=[{"factor": 1, "value": bench_exposure, "tolerance": 0.05}],
                            weights=res.x.tolist(), tolerance=1e-9))
    return out


def check_pypfopt(problems):
    """PyPortfolioOpt's max_sharpe on the unconstrained-group problems agrees with the cvxpy route."""
    from pypfopt import EfficientFrontier
    for p in problems:
        if p["objective"] != "maximum-sharpe":
            continue
        n = len(p["mean"])
        cov = np.array(p["covariance"]).reshape(n, n)
        ef = EfficientFrontier(np.array(p["mean"]), cov, weight_bounds=(0, p["constraints"]["upper"][0]))
        members = p["constraints"]["groups"][0]["members"]
        ef.add_constraint(lambda w, m=members: cp.sum(w[m]) >= 0.2)
        ef.add_constraint(lambda w, m=members: cp.sum(w[m]) <= 0.5)
        w = np.array(list(ef.max_sharpe(risk_free_rate=p["risk_free"]).values()))
        gap = np.max(np.abs(w - np.array(p["weights"])))
        if gap > 1e-5:
            sys.exit(f"PyPortfolioOpt and cvxpy disagree on seed {p['seed']}: {gap}")


def main():
    out = problems()
    check_pypfopt(out)
    with open(OUT, "w") as f:
        json.dump({"problems": out}, f, indent=1)
    print(f"wrote {len(out)} problems to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
