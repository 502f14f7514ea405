#!/usr/bin/env python3
"""Calibration of scenarios/style-rotation-regimes.yaml.

From the assumptions below (per-regime S&P 500 figures, per-regime factor premia, a one-factor
model for volatilities and correlations) it prints:

  - the transition matrix's expected durations 1 / (1 - p_kk) and its stationary distribution;
  - each asset's long-run figures: the stationary mixture of the regimes, read back from the
    rounded values the scenario file holds, as the loader reads them (docs/scenario-format.md);
  - with --yaml, the scenario's `regimes:` list (assets and correlations per regime).

Model, per regime k, for monthly log returns:
    S&P 500:  mu_m,k + sigma_m,k e_m
    factor i: mu_i,k + beta_i sigma_m,k e_m + s_i,k u_i,   s_i,k = te_i x scale_k / sqrt(12)
with e_m ~ N(0, 1) and u ~ N(0, R) independent of it. R is the correlation of the factors'
returns in excess of the market: seed 001's table 14 (excess returns of A-share small-cap style
indices over their benchmark, SEEDS.md section 4) for growth, value, dividend, low volatility,
momentum and quality; size's row is an assumption. The factor's log volatility is
sqrt(beta_i^2 sigma_m,k^2 + s_i,k^2) and its correlations follow from the model. Medians:
annual_return = S&P 500's + the premium; mu = ln(1 + annual_return) / 12.

Correlations are written with three decimals: two decimals change the variance of some return
combinations by up to about 50% (the matrices are close to singular, every fund following the
market), which would hand the Hamilton filter differences between regimes that the model does
not have.

Requirements: numpy. Run from the repository root:
    python3 scripts/style_rotation_calibration.py [--yaml]
"""
import sys

import numpy as np

REGIMES = ["recovery", "expansion", "slowdown", "contraction"]
# Monthly transition matrix [from][to], in the order of REGIMES.
TRANSITION = np.array([
    [0.90, 0.09, 0.00, 0.01],
    [0.00, 0.97, 0.025, 0.005],
    [0.00, 0.02, 0.93, 0.05],
    [0.10, 0.00, 0.00, 0.90],
])
# S&P 500 per regime: median CAGR and annualized volatility of monthly simple returns.
SP500_RETURN = np.array([0.30, 0.17, 0.05, -0.20])
SP500_VOLATILITY = np.array([0.17, 0.11, 0.15, 0.24])
CASH_RETURN = 0.02

FACTORS = ["size", "value", "momentum", "low_vol", "quality", "growth", "dividend"]
# Premium over the S&P 500's annual_return, per regime (recovery, expansion, slowdown, contraction).
PREMIUM = np.array([
    [0.06, 0.015, -0.03, -0.05],    # size
    [0.04, 0.01, -0.02, -0.03],     # value
    [-0.04, 0.025, 0.01, 0.02],     # momentum
    [-0.06, -0.025, 0.03, 0.07],    # low_vol
    [-0.03, 0.00, 0.03, 0.05],      # quality
    [0.01, 0.025, -0.01, -0.03],    # growth
    [-0.04, -0.015, 0.02, 0.04],    # dividend
])
BETA = np.array([1.10, 0.95, 1.00, 0.75, 0.95, 1.08, 0.85])
# Annual volatility of returns in excess of the market (tracking error) in an expansion...
TRACKING_ERROR = np.array([0.07, 0.05, 0.06, 0.06, 0.035, 0.05, 0.05])
# ...scaled per regime.
TRACKING_SCALE = np.array([1.3, 1.0, 1.1, 1.4])
# Correlations of excess returns: seed 001 table 14, size's an assumption.
EXCESS_CORRELATION = {
    ("growth", "value"): -0.16, ("growth", "dividend"): -0.11, ("growth", "low_vol"): -0.18,
    ("growth", "momentum"): 0.67, ("growth", "quality"): 0.61, ("value", "dividend"): 0.68,
    ("value", "low_vol"): 0.72, ("value", "momentum"): -0.51, ("value", "quality"): 0.14,
    ("dividend", "low_vol"): 0.66, ("dividend", "momentum"): -0.39, ("dividend", "quality"): 0.26,
    ("low_vol", "momentum"): -0.51, ("low_vol", "quality"): 0.21, ("momentum", "quality"): 0.38,
    ("size", "value"): 0.30, ("size", "momentum"): 0.0, ("size", "low_vol"): -0.30,
    ("size", "quality"): -0.30, ("size", "growth"): 0.10, ("size", "dividend"): 0.0,
}
IDS = ["sp500", "cash"] + FACTORS


def stationary(p):
    values, vectors = np.linalg.eig(p.T)
    v = np.real(vectors[:, np.argmin(abs(values - 1))])
    return v / v.sum()


def log_sigma(g, v):
    """mu and sigma of monthly log returns for a median CAGR g and volatility v (normal shocks)."""
    mu = np.log1p(g) / 12
    a = (1 + np.sqrt(1 + 4 * (v * v / 12) * np.exp(-2 * mu))) / 2
    return mu, np.sqrt(np.log(a))


def simple_volatility(mu, sigma):
    return np.sqrt(12 * np.exp(2 * mu) * (np.exp(2 * sigma * sigma) - np.exp(sigma * sigma)))


def regime(k):
    """Rounded annual_return, annual_volatility and correlation of regime k, as the file holds them."""
    excess = np.eye(len(FACTORS))
    for (a, b), c in EXCESS_CORRELATION.items():
        i, j = FACTORS.index(a), FACTORS.index(b)
        excess[i, j] = excess[j, i] = c
    _, s_m = log_sigma(SP500_RETURN[k], SP500_VOLATILITY[k])
    s = TRACKING_ERROR * TRACKING_SCALE[k] / np.sqrt(12)
    n = len(IDS)
    cov = np.zeros((n, n))
    cov[0, 0] = s_m * s_m
    cov[0, 2:] = cov[2:, 0] = BETA * s_m * s_m
    cov[2:, 2:] = np.outer(BETA, BETA) * s_m * s_m + np.outer(s, s) * excess
    sigma = np.sqrt(np.diag(cov))
    scale = np.where(sigma > 0, sigma, 1)
    correlation = cov / np.outer(scale, scale)
    correlation[1, 1] = 1
    g = np.concatenate([[SP500_RETURN[k], CASH_RETURN], SP500_RETURN[k] + PREMIUM[:, k]])
    v = simple_volatility(np.log1p(g) / 12, sigma)
    return np.round(g, 4), np.round(v, 4), np.round(correlation, 3)


def main():
    pi = stationary(TRANSITION)
    print("expected months in each regime:", ", ".join(f"{r} {1 / (1 - TRANSITION[k, k]):.1f}" for k, r in enumerate(REGIMES)))
    print("stationary distribution:", ", ".join(f"{r} {p:.4f}" for r, p in zip(REGIMES, pi)))
    params = [regime(k) for k in range(len(REGIMES))]
    for k, (_, _, c) in enumerate(params):
        assert np.linalg.eigvalsh(np.delete(np.delete(c, 1, 0), 1, 1)).min() > 0, REGIMES[k]
    print()
    print("long run (stationary mixture of the regimes):")
    print(f"  {'asset':9s} {'median CAGR':>11s} {'mean return':>11s} {'volatility':>10s} {'CAGR - S&P 500':>14s}")
    sp500 = None
    for i, a in enumerate(IDS):
        mu, m, var = [], [], []
        for g, v, _ in params:
            mu_k, s_k = log_sigma(g[i], v[i]) if v[i] > 0 else (np.log1p(g[i]) / 12, 0.0)
            mu.append(mu_k)
            m.append(np.exp(mu_k + s_k * s_k / 2) - 1)
            var.append(np.exp(2 * mu_k + s_k * s_k) * (np.exp(s_k * s_k) - 1))
        mu, m, var = map(np.array, (mu, m, var))
        mean = pi @ m
        mixture = pi @ (var + m * m) - mean * mean
        cagr = np.expm1(12 * pi @ mu)
        sp500 = cagr if sp500 is None else sp500
        print(f"  {a:9s} {cagr:11.2%} {12 * mean:11.2%} {np.sqrt(12 * max(mixture, 0)):10.2%} {cagr - sp500:14.2%}")
    print("  (median CAGR: exp(12 sum_k pi_k mu_k) - 1, the long-horizon median; mean return: 12 x the mean")
    print("  monthly simple return; volatility: sqrt(12) x the standard deviation of monthly simple returns)")
    if "--yaml" in sys.argv:
        print()
        width = max(len(a) for a in IDS) + 1
        for k, name in enumerate(REGIMES):
            g, v, c = params[k]
            print(f"    - name: {name}")
            print("      assets:")
            for i, a in enumerate(IDS):
                print(f"        {a}: {{annual_return: {g[i]:.4f}, annual_volatility: {v[i]:.4f}}}")
            print("      correlation:")
            for i, a in enumerate(IDS):
                print(f"        {(a + ':').ljust(width)} [" + ", ".join(f"{x:.3f}" for x in c[i]) + "]")


if __name__ == "__main__":
    main()
