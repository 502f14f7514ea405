#!/usr/bin/env python3
"""Generate the Hamilton filter test fixtures.

Writes, under Tests/CoreSatTests/Fixtures/:

  regime_filter_univariate.json    2 regimes, 1 asset, switching mean and variance, normal
                                   shocks; expected values from statsmodels' MarkovRegression
  regime_filter_normal.json        3 regimes, 3 assets, multivariate normal shocks
  regime_filter_student_t.json     2 regimes, 2 assets, multivariate Student-t shocks (nu = 5)

Each holds the model in the engine's convention (log-return mu and sigma per regime and asset,
correlation per regime, transition[from][to], start = the distribution of the first month's
regime, degrees_of_freedom or null), the monthly log returns, and the expected filtered
probabilities [month][regime], per-month log-likelihoods and their total.

The data are drawn with numpy's default_rng from fixed seeds. Every fixture is also filtered by
the plain implementation below (scipy densities, probabilities not logs); for the univariate case
the script fails unless it agrees with statsmodels, and for the others the Student-t density is
scipy's multivariate_t with shape (nu - 2) / nu * Sigma (unit-variance shocks).

statsmodels' known initial probabilities are those of a regime before the first observation
(version 0.15 applies two transitions to them); the start written is statsmodels' own predicted
probability of the first month's regime, so the fixture does not depend on that convention.

Requirements (for regenerating only; the Swift tests read the committed JSON):
    pip install numpy scipy statsmodels
Run from the repository root:
    python3 scripts/regime_filter_reference.py
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
from scipy.stats import multivariate_normal, multivariate_t
import statsmodels.api as sm

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "CoreSatTests" / "Fixtures"
TOLERANCE = 1e-10  # absolute, between statsmodels and the plain implementation
MONTHS = 120


def simulate(rng, mu, sigma, correlation, transition, start, months, nu=None):
    """Regimes from the chain, then log returns mu_k + D_k L_k z, times sqrt((nu - 2) / W) for t."""
    mu, sigma, transition = np.asarray(mu), np.asarray(sigma), np.asarray(transition)
    factors = [np.diag(s) @ np.linalg.cholesky(np.asarray(c)) for s, c in zip(sigma, correlation)]
    regime = rng.choice(len(start), p=start)
    x = np.empty((months, mu.shape[1]))
    for t in range(months):
        if t > 0:
            regime = rng.choice(len(start), p=transition[regime])
        shock = factors[regime] @ rng.standard_normal(mu.shape[1])
        if nu is not None:
            shock *= np.sqrt((nu - 2) / rng.chisquare(nu))
        x[t] = mu[regime] + shock
    return x


def plain_filter(x, mu, sigma, correlation, transition, start, nu=None):
    """The textbook recursion: p_pred = P' p_filt (not before the first month), p_filt = p_pred f / sum."""
    k = len(start)
    covariances = [np.diag(s) @ np.asarray(c) @ np.diag(s) for s, c in zip(np.asarray(sigma), correlation)]
    if nu is None:
        densities = [multivariate_normal(mean=mu[j], cov=covariances[j]) for j in range(k)]
    else:
        densities = [multivariate_t(loc=mu[j], shape=(nu - 2) / nu * covariances[j], df=nu) for j in range(k)]
    p = np.asarray(start, dtype=float)
    probabilities, month_log_likelihoods = [], []
    for t in range(len(x)):
        if t > 0:
            p = np.asarray(transition).T @ p
        joint = p * np.array([d.pdf(x[t]) for d in densities])
        total = joint.sum()
        p = joint / total
        probabilities.append(p)
        month_log_likelihoods.append(np.log(total))
    return np.array(probabilities), np.array(month_log_likelihoods)


def fixture(description, reference, mu, sigma, correlation, transition, start, x, probabilities, month_ll, nu=None):
    return {
        "description": description,
        "reference": reference,
        "degrees_of_freedom": nu,
        "mu": np.asarray(mu, dtype=float).tolist(),
        "sigma": np.asarray(sigma, dtype=float).tolist(),
        "correlation": np.asarray(correlation, dtype=float).tolist(),
        "transition": np.asarray(transition, dtype=float).tolist(),
        "start": np.asarray(start, dtype=float).tolist(),
        "log_returns": np.asarray(x, dtype=float).tolist(),
        "filtered_probabilities": np.asarray(probabilities, dtype=float).tolist(),
        "month_log_likelihoods": np.asarray(month_ll, dtype=float).tolist(),
        "log_likelihood": float(np.sum(month_ll)),
    }


def check(name, expected, got):
    worst = np.max(np.abs(np.asarray(expected) - np.asarray(got)))
    if worst > TOLERANCE:
        sys.exit(f"{name}: statsmodels and the plain filter differ by {worst:.3g}")


def univariate():
    """statsmodels MarkovRegression(trend='c', switching_variance=True) at fixed parameters."""
    mu = [[0.008], [-0.012]]
    sigma = [[0.035], [0.075]]
    transition = [[0.95, 0.05], [0.15, 0.85]]
    correlation = [[[1.0]], [[1.0]]]
    rng = np.random.default_rng(20240601)
    x = simulate(rng, mu, sigma, correlation, transition, [0.75, 0.25], MONTHS)

    y = x[:, 0]
    model = sm.tsa.MarkovRegression(y, k_regimes=2, trend="c", switching_variance=True)
    assert model.param_names == ["p[0->0]", "p[1->0]", "const[0]", "const[1]", "sigma2[0]", "sigma2[1]"], model.param_names
    model.initialize_known(np.array([0.6, 0.4]))
    params = np.array([transition[0][0], transition[1][0], mu[0][0], mu[1][0], sigma[0][0] ** 2, sigma[1][0] ** 2])
    # regime_transition_matrix is indexed [to, from]: its transpose is ours.
    assert np.allclose(model.regime_transition_matrix(params)[:, :, 0].T, transition)
    result = model.filter(params)
    start = result.predicted_marginal_probabilities[0]
    probabilities = result.filtered_marginal_probabilities
    month_ll = result.llf_obs

    plain_p, plain_ll = plain_filter(x, np.array(mu), sigma, correlation, transition, start)
    check("univariate probabilities", probabilities, plain_p)
    check("univariate log-likelihoods", month_ll, plain_ll)
    check("univariate total log-likelihood", result.llf, plain_ll.sum())
    return fixture(
        "2 regimes, 1 asset, switching mean and variance, normal shocks", f"statsmodels {version('statsmodels')} MarkovRegression",
        mu, sigma, correlation, transition, start, x, probabilities, month_ll)


def normal3():
    mu = [[0.007, 0.009, 0.004], [-0.02, -0.026, 0.003], [0.015, 0.02, 0.002]]
    sigma = [[0.04, 0.05, 0.02], [0.07, 0.09, 0.03], [0.05, 0.065, 0.025]]
    correlation = [
        [[1.0, 0.6, 0.2], [0.6, 1.0, 0.1], [0.2, 0.1, 1.0]],
        [[1.0, 0.85, -0.3], [0.85, 1.0, -0.25], [-0.3, -0.25, 1.0]],
        [[1.0, 0.7, 0.0], [0.7, 1.0, 0.05], [0.0, 0.05, 1.0]],
    ]
    transition = [[0.93, 0.05, 0.02], [0.1, 0.8, 0.1], [0.15, 0.05, 0.8]]
    start = [0.7, 0.3, 0.0]  # a regime impossible in the first month
    rng = np.random.default_rng(20240602)
    x = simulate(rng, mu, sigma, correlation, transition, start, MONTHS)
    p, ll = plain_filter(x, np.array(mu), sigma, correlation, transition, start)
    return fixture(
        "3 regimes, 3 assets, multivariate normal shocks", "plain filter, scipy.stats.multivariate_normal",
        mu, sigma, correlation, transition, start, x, p, ll)


def student_t2():
    nu = 5.0
    mu = [[0.008, 0.005], [-0.015, 0.001]]
    sigma = [[0.04, 0.03], [0.08, 0.035]]
    correlation = [[[1.0, 0.5], [0.5, 1.0]], [[1.0, 0.8], [0.8, 1.0]]]
    transition = [[0.9, 0.1], [0.2, 0.8]]
    start = [0.5, 0.5]
    rng = np.random.default_rng(20240603)
    x = simulate(rng, mu, sigma, correlation, transition, start, MONTHS, nu=nu)
    p, ll = plain_filter(x, np.array(mu), sigma, correlation, transition, start, nu=nu)
    return fixture(
        "2 regimes, 2 assets, multivariate Student-t shocks, nu = 5",
        "plain filter, scipy.stats.multivariate_t with shape (nu - 2) / nu * Sigma",
        mu, sigma, correlation, transition, start, x, p, ll, nu=nu)


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, build in [("univariate", univariate), ("normal", normal3), ("student_t", student_t2)]:
        path = FIXTURES / f"regime_filter_{name}.json"
        with path.open("w") as f:
            json.dump(build(), f, indent=1)
            f.write("\n")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
