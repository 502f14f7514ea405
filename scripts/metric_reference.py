#!/usr/bin/env python3
"""Generate the metric test fixtures and their expected values.

Writes, under Tests/CoreSatTests/Fixtures/:

  returns.csv                                 120 monthly returns, 2015-01..2024-12
  returns_expected.json                       expected metrics, annual risk free 2%
  returns_with_drawdown_first.csv             24 monthly returns whose first return
                                              is negative (start counts as a peak)
  returns_with_drawdown_first_expected.json   expected metrics, no risk free

The return series are deterministic (numpy default_rng, multivariate_normal);
the CSV files as committed are the source of truth, and the expected values
are always computed from the CSV as read back. The expected values
come from empyrical-reloaded where it has the metric and from numpy otherwise;
every empyrical value is also recomputed with plain numpy from the project's
stated definitions, and the script fails if the two disagree.

Requirements: numpy, pandas, empyrical-reloaded
    pip install empyrical-reloaded pandas
Run from the repository root:
    python3 scripts/metric_reference.py
"""

from __future__ import annotations

import calendar
import csv
import json
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
import empyrical as ep

PERIODS_PER_YEAR = 12
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "CoreSatTests" / "Fixtures"
TOLERANCE = 1e-12  # relative, between empyrical and the numpy recomputation


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

def month_ends(first_year: int, first_month: int, count: int) -> list[str]:
    out = []
    y, m = first_year, first_month
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def correlated_pair(rng, n, fund_mean, fund_sd, bench_mean, bench_sd, rho):
    cov = [[fund_sd**2, rho * fund_sd * bench_sd],
           [rho * fund_sd * bench_sd, bench_sd**2]]
    x = rng.multivariate_normal([fund_mean, bench_mean], cov, size=n)
    return x[:, 0].copy(), x[:, 1].copy()


def write_csv(path: Path, dates, fund, bench) -> None:
    with path.open("w", newline="") as f:
        f.write("date,fund,bench\n")
        for d, a, b in zip(dates, fund, bench):
            f.write(f"{d},{format(float(a), '.17g')},{format(float(b), '.17g')}\n")


def read_csv(path: Path) -> pd.DataFrame:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    return pd.DataFrame(
        {"fund": [float(r["fund"]) for r in rows],
         "bench": [float(r["bench"]) for r in rows]},
        index=pd.DatetimeIndex([r["date"] for r in rows]),
    )


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------

def wealth_and_peak(r: np.ndarray):
    """Cumulative wealth from 1 and its running peak, start included as a peak."""
    wealth = np.cumprod(1.0 + r)
    peak = np.maximum(np.maximum.accumulate(wealth), 1.0)
    return wealth, peak


def longest_drawdown(r: np.ndarray) -> int:
    """Longest run of consecutive periods with wealth below its running peak."""
    wealth, peak = wealth_and_peak(r)
    longest = run = 0
    for under in wealth < peak:
        run = run + 1 if under else 0
        longest = max(longest, run)
    return longest


def empyrical_metrics(x: pd.Series, rf: float) -> dict:
    return {
        "cagr": ep.cagr(x, period="monthly"),
        "annual_volatility": ep.annual_volatility(x, period="monthly"),
        "sharpe": ep.sharpe_ratio(x, risk_free=rf, period="monthly"),
        "sortino": ep.sortino_ratio(x, required_return=rf, period="monthly"),
        "max_drawdown": ep.max_drawdown(x),
        "calmar": ep.calmar_ratio(x, period="monthly"),
        "var_95": ep.value_at_risk(x, cutoff=0.05),
        "cvar_95": ep.conditional_value_at_risk(x, cutoff=0.05),
    }


def numpy_metrics(r: np.ndarray, rf: float) -> dict:
    """The same metrics from the written-down definitions, in plain numpy."""
    n = len(r)
    p = PERIODS_PER_YEAR
    excess = r - rf
    cagr = np.prod(1.0 + r) ** (p / n) - 1.0
    wealth, peak = wealth_and_peak(r)
    max_dd = min(float(np.min(wealth / peak - 1.0)), 0.0)
    k = int(np.floor((n - 1) * 0.05)) + 1
    return {
        "cagr": cagr,
        "annual_volatility": np.std(r, ddof=1) * np.sqrt(p),
        "sharpe": np.mean(excess) / np.std(excess, ddof=1) * np.sqrt(p),
        "sortino": np.mean(excess) * p
        / (np.sqrt(np.mean(np.minimum(excess, 0.0) ** 2)) * np.sqrt(p)),
        "max_drawdown": max_dd,
        "calmar": cagr / abs(max_dd) if max_dd < 0 else float("nan"),
        "var_95": np.percentile(r, 5),
        "cvar_95": np.mean(np.sort(r)[:k]),
    }


def relative_metrics(fund: np.ndarray, bench: np.ndarray) -> dict:
    a = fund - bench
    te = np.std(a, ddof=1) * np.sqrt(PERIODS_PER_YEAR)
    return {
        "tracking_error": te,
        "information_ratio": np.mean(a) * PERIODS_PER_YEAR / te,
        "win_rate": np.mean(fund > bench),
    }


def rel_diff(a: float, b: float) -> float:
    if np.isnan(a) and np.isnan(b):
        return 0.0
    return abs(a - b) / max(1.0, abs(b))


def expected_values(df: pd.DataFrame, rf_annual: float) -> tuple[dict, float]:
    rf = (1.0 + rf_annual) ** (1.0 / PERIODS_PER_YEAR) - 1.0
    series = {}
    worst = 0.0
    for name in ("fund", "bench"):
        x = df[name]
        r = x.to_numpy()
        e = empyrical_metrics(x, rf)
        ref = numpy_metrics(r, rf)
        for key in e:
            d = rel_diff(float(e[key]), float(ref[key]))
            worst = max(worst, d)
            if d > TOLERANCE:
                raise SystemExit(f"{name}.{key}: empyrical {e[key]!r} vs numpy {ref[key]!r}")
        m = {key: float(v) for key, v in e.items()}
        m["longest_drawdown"] = longest_drawdown(r)
        series[name] = m

    fund, bench = df["fund"], df["bench"]
    rel = {k: float(v) for k, v in relative_metrics(fund.to_numpy(), bench.to_numpy()).items()}
    # Cross-checks: empyrical has no tracking_error in this version; excess_sharpe
    # is mean(a) / std(a, ddof=1), i.e. the information ratio before annualization.
    if hasattr(ep, "tracking_error"):
        worst = max(worst, rel_diff(float(ep.tracking_error(fund, bench)), rel["tracking_error"]))
    ir = float(ep.excess_sharpe(fund, bench)) * np.sqrt(PERIODS_PER_YEAR)
    wr = float(ep.batting_average(fund, bench)["batting average"])
    for key, v in (("information_ratio", ir), ("win_rate", wr)):
        d = rel_diff(v, rel[key])
        worst = max(worst, d)
        if d > TOLERANCE:
            raise SystemExit(f"relative.{key}: empyrical {v!r} vs numpy {rel[key]!r}")

    return {
        "risk_free_annual": rf_annual,
        "periods_per_year": PERIODS_PER_YEAR,
        "series": series,
        "relative": {"fund_vs_bench": rel},
    }, worst


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n")


def report(title: str, data: dict, df: pd.DataFrame, worst: float) -> None:
    print(f"== {title} (risk_free_annual={data['risk_free_annual']}, n={len(df)})")
    for name, m in data["series"].items():
        print(f"  {name}:")
        for k, v in m.items():
            print(f"    {k:18} {v!r}")
        # The alternative drawdown convention, for information only.
        w = np.cumprod(1.0 + df[name].to_numpy())
        no_start = float(np.min(w / np.maximum.accumulate(w) - 1.0))
        under = w < np.maximum.accumulate(w)
        runs = np.diff(np.flatnonzero(np.concatenate(([True], ~under, [True])))) - 1
        print(f"    (start not a peak: max_drawdown {no_start!r}, "
              f"longest_drawdown {int(runs.max())})")
    print("  fund_vs_bench:")
    for k, v in data["relative"]["fund_vs_bench"].items():
        print(f"    {k:18} {v!r}")
    print(f"  max relative difference empyrical vs numpy definitions: {worst:.2e}")


def main() -> int:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    print(f"empyrical-reloaded {version('empyrical-reloaded')}, numpy {np.__version__}, "
          f"pandas {pd.__version__}")

    # Main fixture: 120 months, fund ~ N(0.8%, 4.5%), bench ~ N(0.6%, 4%), rho 0.8.
    rng = np.random.default_rng(7)
    fund, bench = correlated_pair(rng, 120, 0.008, 0.045, 0.006, 0.04, 0.8)
    csv_path = FIXTURES / "returns.csv"
    write_csv(csv_path, month_ends(2015, 1, 120), fund, bench)
    df = read_csv(csv_path)
    data, worst = expected_values(df, 0.02)
    write_json(FIXTURES / "returns_expected.json", data)
    report("returns.csv", data, df, worst)

    # Second fixture: 24 months starting with a loss, so the starting value must
    # count as a peak. With seed 11 both the max drawdown and the longest
    # drawdown of both series change if the start is not counted as a peak;
    # fund recovers its start value in month 15, bench never does.
    rng = np.random.default_rng(11)
    fund, bench = correlated_pair(rng, 24, 0.008, 0.045, 0.006, 0.04, 0.8)
    fund[0], bench[0] = -0.10, -0.06
    csv_path = FIXTURES / "returns_with_drawdown_first.csv"
    write_csv(csv_path, month_ends(2023, 1, 24), fund, bench)
    df = read_csv(csv_path)
    data, worst = expected_values(df, 0.0)
    write_json(FIXTURES / "returns_with_drawdown_first_expected.json", data)
    report("returns_with_drawdown_first.csv", data, df, worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
