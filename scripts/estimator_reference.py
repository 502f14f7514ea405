#!/usr/bin/env python3
"""Generate the moment-estimator test fixture from numpy, pandas, scikit-learn and PyPortfolioOpt.

Writes Tests/OptimizerTests/Fixtures/estimators_reference.json: a list of cases, each a seeded
sample of monthly simple returns (multivariate normal, a few percent a month) and what the
reference libraries estimate from it:

  sample       numpy: X.mean(0), np.cov(X, rowvar=False) (ddof 1)
  ledoitWolf   sklearn.covariance.LedoitWolf().fit(X): covariance_, shrinkage_
  constantCorrelation
               pypfopt CovarianceShrinkage(df, returns_data=True, frequency=1)
               .ledoit_wolf(shrinkage_target="constant_correlation") and its .delta (frequency=1:
               monthly, not annualized; the script checks that PyPortfolioOpt's positive
               semidefinite repair did not change the matrix)
  exponential  pandas df.ewm(halflife=h).mean() and .cov() (adjust=True, bias=False) at the last
               month

Cases: T = 60, N = 5; T = 36, N = 10; T = 24, N = 30 (fewer months than assets); T = 48, N = 6
with a constant column (a cash-like asset). PyPortfolioOpt divides by each asset's standard
deviation, so with a constant column it returns NaN; the project's convention there is that an
asset with zero variance takes no part in the average correlation and gets zero covariances, which
is PyPortfolioOpt on the other columns with the constant one put back as zeros, and that is the
reference written for that case.

Requirements (for regenerating only; the Swift tests read the committed JSON):
    pip install numpy pandas scikit-learn pyportfolioopt
Run from the repository root:
    python3 scripts/estimator_reference.py
"""

from __future__ import annotations

import json
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
from pypfopt.risk_models import CovarianceShrinkage
from sklearn.covariance import LedoitWolf

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Tests" / "OptimizerTests" / "Fixtures" / "estimators_reference.json"


def sample_returns(seed: int, months: int, assets: int) -> np.ndarray:
    """Monthly returns with means 0.3%..1.2%, volatilities 3%..8% and correlations 0.2..0.8."""
    rng = np.random.default_rng(seed)
    means = rng.uniform(0.003, 0.012, assets)
    vols = rng.uniform(0.03, 0.08, assets)
    loadings = rng.uniform(0.45, 0.9, assets)  # one common factor gives correlations li * lj
    corr = np.outer(loadings, loadings)
    np.fill_diagonal(corr, 1.0)
    cov = corr * np.outer(vols, vols)
    return rng.multivariate_normal(means, cov, size=months)


def constant_correlation(x: np.ndarray) -> tuple[np.ndarray, float]:
    """PyPortfolioOpt's constant-correlation shrinkage, zero-variance columns set aside."""
    live = ~(x == x[0]).all(axis=0)  # a column whose months are all equal has zero variance
    shrinkage = CovarianceShrinkage(pd.DataFrame(x[:, live]), returns_data=True, frequency=1)
    shrunk = shrinkage.ledoit_wolf(shrinkage_target="constant_correlation").to_numpy()
    raw, delta = shrinkage._ledoit_wolf_constant_correlation()
    assert np.array_equal(shrunk, raw), "PyPortfolioOpt repaired a non-PSD matrix"
    full = np.zeros((x.shape[1], x.shape[1]))
    full[np.ix_(live, live)] = shrunk
    return full, float(delta)


def exponential(x: np.ndarray, half_life: float) -> tuple[np.ndarray, np.ndarray]:
    frame = pd.DataFrame(x)
    ewm = frame.ewm(halflife=half_life)
    mean = ewm.mean().to_numpy()[-1]
    last = frame.index[-1]
    cov = ewm.cov().loc[last].to_numpy()
    return mean, cov


def check_exponential(x: np.ndarray, half_life: float, mean: np.ndarray, cov: np.ndarray) -> None:
    """The weighted-sum form the Swift code uses: weights (1 - alpha)^age, alpha = 1 - 2^(-1/h)."""
    alpha = 1 - np.exp(-np.log(2) / half_life)
    w = (1 - alpha) ** np.arange(len(x) - 1, -1, -1)
    m = w @ x / w.sum()
    y = x - m
    c = (y * w[:, None]).T @ y / w.sum()
    c *= w.sum() ** 2 / (w.sum() ** 2 - (w**2).sum())
    assert np.allclose(m, mean, rtol=0, atol=1e-15), "EW mean differs from pandas"
    assert np.allclose(c, cov, rtol=0, atol=1e-15), "EW covariance differs from pandas"


def case(name: str, x: np.ndarray, half_life: float) -> dict:
    months, assets = x.shape
    lw = LedoitWolf().fit(x)
    cc, cc_delta = constant_correlation(x)
    ew_mean, ew_cov = exponential(x, half_life)
    check_exponential(x, half_life, ew_mean, ew_cov)
    return {
        "name": name,
        "months": months,
        "assets": assets,
        "halfLife": half_life,
        "returns": x.ravel().tolist(),
        "sampleMean": x.mean(axis=0).tolist(),
        "sampleCovariance": np.cov(x, rowvar=False).ravel().tolist(),
        "ledoitWolfCovariance": lw.covariance_.ravel().tolist(),
        "ledoitWolfShrinkage": float(lw.shrinkage_),
        "constantCorrelationCovariance": cc.ravel().tolist(),
        "constantCorrelationShrinkage": cc_delta,
        "exponentialMean": ew_mean.tolist(),
        "exponentialCovariance": ew_cov.ravel().tolist(),
    }


def main() -> None:
    warnings.simplefilter("error")  # a library warning (NaN, non-PSD repair) must stop the script
    with_cash = sample_returns(4, 48, 6)
    with_cash[:, 3] = 0.002
    cases = [
        case("T60N5", sample_returns(1, 60, 5), 12.0),
        case("T36N10", sample_returns(2, 36, 10), 6.0),
        case("T24N30", sample_returns(3, 24, 30), 9.0),
        case("T48N6constantColumn", with_cash, 24.0),
    ]
    document = {
        "generator": "scripts/estimator_reference.py",
        "versions": {p: version(p) for p in ("numpy", "pandas", "scikit-learn", "pyportfolioopt")},
        "cases": cases,
    }
    OUTPUT.write_text(json.dumps(document, indent=1) + "\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(cases)} cases")


if __name__ == "__main__":
    main()
