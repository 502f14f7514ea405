#!/usr/bin/env python3
"""Generate the optimizer test fixtures.

Each section is one function writing one file under Tests/OptimizerTests/Fixtures/:

  qp_reference.json   quadratic programs (section `quadratic_programs`)

Quadratic programs: about 40 random, well-conditioned programs (n = 3..40, seeded numpy) in the
shape of coresat's QuadraticProgram,

    minimize ½ xᵀHx + cᵀx  subject to  E x = f,  lower ≤ x ≤ upper,  rowLower ≤ G x ≤ rowUpper,

in five families: long-only minimum variance with caps, the same with group bounds, an equality
return target, general two-sided rows, and mean-variance with a linear term. H is a sample
covariance of factor-model returns (T = 2n + 24 months). Each is solved by quadprog (Goldfarb-
Idnani) and by DAQP (a dual active-set method with other factorizations); a program is written only
if both report optimal and their solutions agree to 1e-10. Infeasible programs are written only if
both solvers report them infeasible. Infinite bounds are written as null.

Requirements (for regenerating only; the Swift tests read the committed JSON):
    pip install numpy quadprog daqp
Run from the repository root:
    python3 scripts/optimizer_reference.py
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "OptimizerTests" / "Fixtures"
AGREEMENT = 1e-10


# ---------------------------------------------------------------------------------------------
# Quadratic programs


def sample_covariance(rng, n, months=None):
    """A sample covariance of T monthly returns from a 3-factor model with idiosyncratic noise."""
    months = months or 2 * n + 24
    loadings = rng.normal(1.0, 0.3, size=(n, 3)) * np.array([1.0, 0.5, 0.3])
    factors = rng.normal(0, 0.04, size=(months, 3))
    noise = rng.normal(0, 1, size=(months, n)) * rng.uniform(0.02, 0.06, size=n)
    returns = factors @ loadings.T + noise
    return np.cov(returns, rowvar=False)


def empty_program(n):
    return {
        "H": np.zeros((n, n)), "c": np.zeros(n),
        "lower": np.full(n, -np.inf), "upper": np.full(n, np.inf),
        "E": np.zeros((0, n)), "f": np.zeros(0),
        "G": np.zeros((0, n)), "rowLower": np.zeros(0), "rowUpper": np.zeros(0),
    }


def long_only_min_variance(rng, n, cap_factor=1.5):
    p = empty_program(n)
    p["H"] = sample_covariance(rng, n)
    p["E"], p["f"] = np.ones((1, n)), np.array([1.0])
    p["lower"], p["upper"] = np.zeros(n), np.full(n, min(1.0, cap_factor / n))
    return p


def with_groups(rng, n):
    """Long-only minimum variance with caps and three groups held between 25% and 40%."""
    p = long_only_min_variance(rng, max(n, 6), cap_factor=2.0)
    n = p["H"].shape[0]
    groups = np.array_split(rng.permutation(n), 3)
    p["G"] = np.zeros((3, n))
    for r, members in enumerate(groups):
        p["G"][r, members] = 1.0
    p["rowLower"], p["rowUpper"] = np.full(3, 0.25), np.full(3, 0.40)
    return p


def return_target(rng, n):
    """Long-only, fully invested, expected return held at a target between the mean and the best."""
    p = long_only_min_variance(rng, n, cap_factor=3.0)
    mu = rng.normal(0.006, 0.004, size=n)
    target = mu.mean() + 0.3 * (np.sort(mu)[-3:].mean() - mu.mean())
    p["E"] = np.vstack([np.ones(n), mu])
    p["f"] = np.array([1.0, target])
    return p


def general_rows(rng, n):
    """Random two-sided rows (some sides missing) and bounds around a random feasible point."""
    p = empty_program(n)
    p["H"] = sample_covariance(rng, n) * 100 + 0.01 * np.eye(n)
    p["c"] = rng.normal(0, 1, size=n)
    x0 = rng.normal(0, 0.5, size=n)
    has_lower, has_upper = rng.random(n) < 0.7, rng.random(n) < 0.7
    p["lower"] = np.where(has_lower, x0 - rng.uniform(0, 0.5, n), -np.inf)
    p["upper"] = np.where(has_upper, x0 + rng.uniform(0, 0.5, n), np.inf)
    rows = max(1, n // 3)
    p["G"] = rng.normal(0, 1, size=(rows, n))
    gx = p["G"] @ x0
    p["rowLower"] = np.where(rng.random(rows) < 0.8, gx - rng.uniform(0, 1, rows), -np.inf)
    p["rowUpper"] = np.where(rng.random(rows) < 0.8, gx + rng.uniform(0, 1, rows), np.inf)
    if n >= 4:
        p["E"] = rng.normal(0, 1, size=(1, n))
        p["f"] = p["E"] @ x0
    return p


def mean_variance(rng, n):
    """Fully invested, long-only with caps, maximizing mean minus risk: c = -mu / risk aversion."""
    p = long_only_min_variance(rng, n, cap_factor=2.5)
    mu = rng.normal(0.006, 0.004, size=n)
    p["c"] = -mu / rng.uniform(2, 8)
    return p


def sides(p):
    """quadprog's form: the columns of C with Cᵀx ≥ b, equalities first; daqp's form: A with
    blower ≤ A x ≤ bupper after the bounds, infinite sides as ±1e30 (DAQP's infinity)."""
    n = p["H"].shape[0]
    normals, rhs = list(p["E"]), list(p["f"])
    eye = np.eye(n)
    for j in range(n):
        if np.isfinite(p["lower"][j]):
            normals.append(eye[j]); rhs.append(p["lower"][j])
        if np.isfinite(p["upper"][j]):
            normals.append(-eye[j]); rhs.append(-p["upper"][j])
    for g, lo, up in zip(p["G"], p["rowLower"], p["rowUpper"]):
        if np.isfinite(lo):
            normals.append(g); rhs.append(lo)
        if np.isfinite(up):
            normals.append(-g); rhs.append(-up)
    C = np.array(normals).T if normals else np.zeros((n, 0))
    return C, np.array(rhs), len(p["f"])


def solve_quadprog(p):
    import quadprog
    C, b, meq = sides(p)
    try:
        return quadprog.solve_qp(p["H"], -p["c"], C, b, meq)[0]
    except ValueError as error:
        if "inconsistent" in str(error):
            return None
        raise


def daqp_arrays(p):
    big = 1e30
    A = np.vstack([p["E"], p["G"]]) if len(p["f"]) + len(p["rowLower"]) else np.zeros((0, p["H"].shape[0]))
    upper = np.concatenate([p["upper"], p["f"], p["rowUpper"]])
    lower = np.concatenate([p["lower"], p["f"], p["rowLower"]])
    upper, lower = np.clip(upper, -big, big), np.clip(lower, -big, big)
    sense = np.zeros(len(upper), dtype=np.int32)
    n = p["H"].shape[0]
    sense[n:n + len(p["f"])] = 5
    return np.ascontiguousarray(A, dtype=float), upper, lower, sense


def solve_daqp(p):
    import daqp
    A, upper, lower, sense = daqp_arrays(p)
    x, _, flag, _ = daqp.solve(p["H"], p["c"], A, upper, lower, sense, primal_tol=1e-12)
    if flag == 1:
        return np.array(x)
    # -1: infeasible; -6: an overdetermined equality set, how DAQP reports dependent equalities
    # that do not hold together.
    if flag in (-1, -6):
        return None
    raise RuntimeError(f"daqp exit flag {flag}")


def encode(p):
    def finite_or_null(v):
        return [float(x) if np.isfinite(x) else None for x in v]

    return {
        "n": int(p["H"].shape[0]),
        "H": p["H"].ravel().tolist(), "c": p["c"].tolist(),
        "lower": finite_or_null(p["lower"]), "upper": finite_or_null(p["upper"]),
        "E": p["E"].ravel().tolist(), "f": p["f"].tolist(),
        "G": p["G"].ravel().tolist(),
        "rowLower": finite_or_null(p["rowLower"]), "rowUpper": finite_or_null(p["rowUpper"]),
    }


def infeasible_programs():
    """Three programs with no feasible point, each in a different way."""
    rng = np.random.default_rng(7)
    capped = long_only_min_variance(rng, 3)
    capped["upper"] = np.full(3, 0.2)  # sum = 1 with three assets capped at 20%
    grouped = long_only_min_variance(rng, 6, cap_factor=1.2)  # caps 20%
    grouped["G"] = np.array([[1.0, 1.0, 0, 0, 0, 0]])
    grouped["rowLower"], grouped["rowUpper"] = np.array([0.5]), np.array([np.inf])
    inconsistent = empty_program(4)
    inconsistent["H"] = sample_covariance(rng, 4)
    inconsistent["E"] = np.array([[1.0, 1, 0, 0], [0, 0, 1, 1], [1, 1, 1, 1]])
    inconsistent["f"] = np.array([0.3, 0.3, 1.0])
    return [("sum one, caps 20%, three assets", capped), ("group floor above its caps", grouped),
            ("inconsistent equalities", inconsistent)]


def quadratic_programs():
    rng = np.random.default_rng(20261201)
    families = [long_only_min_variance, with_groups, return_target, general_rows, mean_variance]
    sizes = [3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 30, 40]
    programs, skipped = [], 0
    for size_index, n in enumerate(sizes):
        for family in families:
            if (size_index + families.index(family)) % 3 == 2 and n > 5:
                continue
            p = family(rng, n)
            x_quadprog, x_daqp = solve_quadprog(p), solve_daqp(p)
            if x_quadprog is None or x_daqp is None or np.max(np.abs(x_quadprog - x_daqp)) > AGREEMENT:
                skipped += 1
                continue
            entry = encode(p)
            entry["name"] = f"{family.__name__} n={entry['n']}"
            entry["x"] = x_quadprog.tolist()
            entry["objective"] = float(0.5 * x_quadprog @ p["H"] @ x_quadprog + p["c"] @ x_quadprog)
            programs.append(entry)
    infeasible = []
    for name, p in infeasible_programs():
        if solve_quadprog(p) is None and solve_daqp(p) is None:
            entry = encode(p)
            entry["name"] = name
            infeasible.append(entry)
    out = {
        "generator": "scripts/optimizer_reference.py (quadratic_programs)",
        "versions": {name: version(name) for name in ("numpy", "quadprog", "daqp")},
        "agreement": AGREEMENT,
        "programs": programs,
        "infeasible": infeasible,
    }
    path = FIXTURES / "qp_reference.json"
    path.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
    print(f"{path.relative_to(ROOT)}: {len(programs)} programs ({skipped} skipped), {len(infeasible)} infeasible")


if __name__ == "__main__":
    quadratic_programs()
