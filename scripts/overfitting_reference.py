#!/usr/bin/env python3
"""Generate the overfitting test fixture: CSCV PBO and the deflated Sharpe ratio.

Writes Tests/CoreSatTests/Fixtures/overfitting_reference.json with the inputs and the expected
values. Everything is computed here independently of the Swift code, straight from the papers:

  Bailey, Borwein, Lopez de Prado, Zhu (2017), "The Probability of Backtest Overfitting":
    for every choice of S/2 of the S blocks as in-sample set, concatenate those rows, take the
    configuration with the best Sharpe ratio there, rank it among all N out of sample (average
    ranks for ties, 1 = worst), omega = rank / (N + 1), lambda = ln(omega / (1 - omega));
    PBO = share of choices with lambda <= 0.
  Bailey, Lopez de Prado (2014), "The Deflated Sharpe Ratio":
    SR0 = sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e))),
    DSR = Phi((SR - SR0) sqrt(T - 1) / sqrt(1 - skew SR + (kurt - 1) / 4 SR^2)).

The Swift side uses per-block sums; this side concatenates rows and calls numpy, so the two
share nothing but the definitions. Conventions (shared, documented in docs/metrics.md):
Sharpe = mean / std(ddof=1), per period; blocks as numpy.array_split; choices in the order of
itertools.combinations(range(S), S/2); the first configuration wins an in-sample tie; V is the
ddof=1 variance of the trials' Sharpe ratios; skewness and kurtosis are scipy's biased defaults.

Inputs are deterministic (numpy default_rng with fixed seeds). Requirements: numpy, scipy.
Run from the repository root:
    python3 scripts/overfitting_reference.py
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "Tests" / "CoreSatTests" / "Fixtures" / "overfitting_reference.json"
EULER_MASCHERONI = 0.5772156649015328606


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

def sweep_returns(seed: int, periods: int, configs: int) -> np.ndarray:
    """A parameter sweep's monthly returns: a common fat-tailed market factor (Student t, 5 df,
    with a crash component for skew), each configuration's own noise, and an edge for the last
    three configurations (0.05%, 0.1%, 0.2% a month)."""
    rng = np.random.default_rng(seed)
    market = 0.006 + 0.035 * rng.standard_t(5, size=periods) / np.sqrt(5 / 3)
    market -= 0.12 * (rng.random(periods) < 0.04)  # occasional crashes: negative skew
    edge = np.zeros(configs)
    edge[-3:] = [0.0005, 0.001, 0.002]
    beta = 0.8 + 0.4 * rng.random(configs)
    own = 0.015 * rng.standard_normal((periods, configs))
    return market[:, None] * beta[None, :] + own + edge[None, :]


# ---------------------------------------------------------------------------
# CSCV, straight from the definition
# ---------------------------------------------------------------------------

def sharpe(x: np.ndarray) -> np.ndarray:
    return x.mean(axis=0) / x.std(axis=0, ddof=1)


def cscv(m: np.ndarray, s: int) -> dict:
    t, n = m.shape
    blocks = np.array_split(np.arange(t), s)
    logits, chosen, is_sr, oos_sr = [], [], [], []
    for combo in itertools.combinations(range(s), s // 2):
        rest = [b for b in range(s) if b not in combo]
        in_rows = np.concatenate([blocks[b] for b in combo])
        out_rows = np.concatenate([blocks[b] for b in rest])
        sr_in = sharpe(m[in_rows])
        sr_out = sharpe(m[out_rows])
        best = int(np.argmax(sr_in))  # the first of equal maxima
        rank = stats.rankdata(sr_out, method="average")[best]
        omega = rank / (n + 1)
        logits.append(float(np.log(omega / (1 - omega))))
        chosen.append(best)
        is_sr.append(float(sr_in[best]))
        oos_sr.append(float(sr_out[best]))
    logits_a = np.array(logits)
    is_a, oos_a = np.array(is_sr), np.array(oos_sr)
    slope, intercept = np.polyfit(is_a, oos_a, 1)
    return {
        "blocks": s,
        "combinations": len(logits),
        "block_bounds": [int(b[0]) for b in blocks] + [t],
        "pbo": float(np.mean(logits_a <= 0)),
        "logit_summary": {
            "mean": float(np.mean(logits_a)),
            "standard_deviation": float(np.std(logits_a, ddof=1)),
            "minimum": float(np.min(logits_a)),
            "lower_quartile": float(np.percentile(logits_a, 25)),
            "median": float(np.percentile(logits_a, 50)),
            "upper_quartile": float(np.percentile(logits_a, 75)),
            "maximum": float(np.max(logits_a)),
        },
        "probability_of_loss": float(np.mean(oos_a < 0)),
        "degradation_slope": float(slope),
        "degradation_intercept": float(intercept),
        "logits": logits,
        "chosen": chosen,
        "in_sample_sharpe": is_sr,
        "out_of_sample_sharpe": oos_sr,
    }


# ---------------------------------------------------------------------------
# PSR and DSR, straight from the definition
# ---------------------------------------------------------------------------

def psr(sr: float, benchmark: float, t: int, skew: float, kurt: float) -> float:
    z = (sr - benchmark) * np.sqrt(t - 1) / np.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr**2)
    return float(stats.norm.cdf(z))


def expected_maximum(trials: int, variance: float) -> float:
    g = EULER_MASCHERONI
    z = (1 - g) * stats.norm.ppf(1 - 1 / trials) + g * stats.norm.ppf(1 - 1 / (trials * np.e))
    return float(np.sqrt(variance) * z)


def dsr(m: np.ndarray) -> dict:
    trial_sr = sharpe(m)
    selected = int(np.argmax(trial_sr))
    r = m[:, selected]
    sr = float(trial_sr[selected])
    skew = float(stats.skew(r))
    kurt = float(stats.kurtosis(r, fisher=False))
    variance = float(np.var(trial_sr, ddof=1))
    sr0 = expected_maximum(len(trial_sr), variance)
    return {
        "selected": selected,
        "trial_sharpes": [float(x) for x in trial_sr],
        "sharpe": sr,
        "skewness": skew,
        "kurtosis": kurt,
        "trial_variance": variance,
        "expected_maximum": sr0,
        "deflated": psr(sr, sr0, len(r), skew, kurt),
        "probabilistic": psr(sr, 0.0, len(r), skew, kurt),
    }


def paper_example() -> dict:
    """The DSR paper's numerical example: 100 trials whose annualised Sharpe ratios have variance
    1/2; the selected one has an annualised Sharpe ratio of 2.5 over 5 years of daily returns
    (T = 1250, 250 a year) with skewness -3 and kurtosis 10. The paper reports SR0 ~ 0.1132 per
    day and DSR ~ 0.9004."""
    per_year = 250
    sr = 2.5 / np.sqrt(per_year)
    sr0 = expected_maximum(100, 0.5 / per_year)
    return {
        "sharpe": float(sr), "trials": 100, "trial_variance": 0.5 / per_year, "observations": 1250,
        "skewness": -3.0, "kurtosis": 10.0, "expected_maximum": sr0,
        "deflated": psr(sr, sr0, 1250, -3.0, 10.0),
        "paper_expected_maximum": 0.1132, "paper_deflated": 0.9004,
    }


def main() -> int:
    print(f"numpy {np.__version__}, scipy {__import__('scipy').__version__}")
    m = sweep_returns(seed=20240601, periods=240, configs=12)
    # S = 16 (12,870 choices) keeps logits and chosen only; S = 14 (uneven blocks: 240 = 2 x 18
    # + 12 x 17) keeps the chosen configuration's Sharpe ratios too.
    full16 = cscv(m, 16)
    for key in ("in_sample_sharpe", "out_of_sample_sharpe"):
        del full16[key]
    data = {
        "periods": m.shape[0],
        "configurations": m.shape[1],
        "returns": [[float(x) for x in row] for row in m],
        "cscv": [full16, cscv(m, 14)],
        "dsr": dsr(m),
        "dsr_paper_example": paper_example(),
    }
    for c in data["cscv"]:
        print(f"S={c['blocks']}: {c['combinations']} choices, PBO {c['pbo']:.6f}, "
              f"P(loss) {c['probability_of_loss']:.6f}, slope {c['degradation_slope']:.6f}, "
              f"logit mean {c['logit_summary']['mean']:.6f}")
    d = data["dsr"]
    print(f"DSR: selected {d['selected']}, SR {d['sharpe']:.6f}, skew {d['skewness']:.4f}, "
          f"kurt {d['kurtosis']:.4f}, V {d['trial_variance']:.3e}, SR0 {d['expected_maximum']:.6f}, "
          f"DSR {d['deflated']:.6f}, PSR(0) {d['probabilistic']:.6f}")
    p = data["dsr_paper_example"]
    print(f"paper example: SR0 {p['expected_maximum']:.6f} (paper 0.1132), DSR {p['deflated']:.6f} (paper 0.9004)")
    # One key a line, lists on one line each: small, and a diff still shows which key moved.
    FIXTURE.write_text("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in data.items()) + "\n}\n")
    print(f"wrote {FIXTURE.relative_to(ROOT)} ({FIXTURE.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
