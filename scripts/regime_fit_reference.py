#!/usr/bin/env python3
"""Generate the regime-fit test fixtures from statsmodels.

Writes, under Tests/CoreSatTests/Fixtures/:

  regime_fit_market_k2.json   2 regimes
  regime_fit_market_k3.json   3 regimes

The series is the US market's monthly total return, Mkt-RF + RF of Kenneth French's
F-F_Research_Data_Factors.CSV (the monthly table, 1926-07 .. 2024-12, 1182 months), in DECIMAL
simple returns (percent / 100); the fixture holds it, so the tests need no shared data.

Each fixture is statsmodels' MarkovRegression(y, k_regimes=K, trend="c", switching_variance=True)
fitted with fit(search_reps=20) from several rng seeds, keeping the highest log-likelihood (with
3 regimes the seeds reach different local maxima). statsmodels starts the chain in its ergodic
(steady-state) distribution, as the Swift fit does. Written per regime, ordered by ascending mean
(the Swift fit's labels): mean, variance, transition[from][to], and the smoothed and filtered
probabilities [month][regime] at statsmodels' parameters, with the log-likelihood.

statsmodels cannot fit several series at once (MarkovRegression is univariate), so the
multivariate fit is tested in Swift on a long simulated series with known parameters instead.

Requirements (for regenerating only; the Swift tests read the committed JSON):
    pip install numpy statsmodels
Run from the repository root (the data folder may be given as the first argument):
    python3 scripts/regime_fit_reference.py [../shared/data/french/202412]
"""

from __future__ import annotations

import json
import sys
import warnings
from importlib.metadata import version
from pathlib import Path

import numpy as np
import statsmodels.api as sm

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "CoreSatTests" / "Fixtures"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "french" / "202412"
SEEDS = range(5)


def market_series(folder: Path):
    """(months, decimal total returns) from the first (monthly) table of the factors file."""
    lines = (folder / "F-F_Research_Data_Factors.CSV").read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.replace(" ", "").startswith(",Mkt-RF"))
    months, returns = [], []
    for line in lines[header + 1:]:
        if not line.strip():
            break
        cells = [cell.strip() for cell in line.split(",")]
        months.append(cells[0])
        returns.append((float(cells[1]) + float(cells[4])) / 100)
    return months, np.array(returns)


def fit(y, k):
    model = sm.tsa.MarkovRegression(y, k_regimes=k, trend="c", switching_variance=True)
    best = None
    for seed in SEEDS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = model.fit(search_reps=20, rng=seed)
        if best is None or result.llf > best[1].llf:
            best = (seed, result)
    seed, result = best
    names = model.param_names
    params = dict(zip(names, result.params))
    mean = np.array([params[f"const[{j}]"] for j in range(k)])
    variance = np.array([params[f"sigma2[{j}]"] for j in range(k)])
    # regime_transition_matrix is indexed [to, from]: its transpose is ours.
    transition = model.regime_transition_matrix(result.params)[:, :, 0].T
    order = np.argsort(mean, kind="stable")
    return {
        "seed": seed,
        "log_likelihood": float(result.llf),
        "mean": mean[order].tolist(),
        "variance": variance[order].tolist(),
        "transition": transition[np.ix_(order, order)].tolist(),
        "smoothed_probabilities": result.smoothed_marginal_probabilities[:, order].tolist(),
        "filtered_probabilities": result.filtered_marginal_probabilities[:, order].tolist(),
    }


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    months, y = market_series(folder)
    assert len(y) == 1182 and months[0] == "192607" and months[-1] == "202412", (len(y), months[0], months[-1])
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for k in (2, 3):
        fixture = {
            "description": f"US market total return (Mkt-RF + RF) / 100, {months[0]}..{months[-1]}, {k} regimes",
            "reference": f"statsmodels {version('statsmodels')} MarkovRegression(switching_variance=True).fit(search_reps=20), "
                         f"best of rng seeds {list(SEEDS)}",
            "regimes": k,
            "months": months,
            "returns": y.tolist(),
            **fit(y, k),
        }
        path = FIXTURES / f"regime_fit_market_k{k}.json"
        with path.open("w") as f:
            json.dump(fixture, f)
            f.write("\n")
        print(f"wrote {path.relative_to(ROOT)}: log-likelihood {fixture['log_likelihood']:.6f} (seed {fixture['seed']})")


if __name__ == "__main__":
    main()
