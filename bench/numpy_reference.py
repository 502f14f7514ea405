#!/usr/bin/env python3
"""Vectorized numpy reference implementation of the core/satellite benchmark workload.

Workload (defaults): 10,000 Monte Carlo paths x 360 months x 10 assets
(3 core assets, 7 satellites), a 2-regime Markov-switching market on monthly
log returns, four portfolio policies with fees, 10 bps trading costs and
calendar- or band-triggered rebalancing, then per-path metrics and
cross-path summaries.

Layout and memory: the paths are processed in chunks (default 2,000 paths).
Inside a chunk everything is vectorized across paths (and across the four
policies, which share the same simulated market); only the months are looped
over, because holdings depend on the previous month's rebalancing decision.
One chunk's normals are 360 x 2,000 x 10 float64 = 58 MB; generating all
10,000 paths at once would be 288 MB for the normals alone, plus the same
again for the returns and the temporaries of the regime-wise matrix products,
roughly doubling peak memory for no gain in speed. The random stream is
consumed chunk by chunk, so results depend on --chunk as well as on --seed.

Usage:
    python3 bench/numpy_reference.py [--paths N] [--months M] [--seed S]
                                     [--chunk C] [--json OUT] [--self-check]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np

# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

PERIODS_PER_YEAR = 12
N_CORE = 3
N_SAT = 7
N_ASSETS = N_CORE + N_SAT

# Regime parameters, in monthly SIMPLE-return terms: (mean, vol) per sleeve
# and one common pairwise correlation of the log returns.
REGIMES = [
    {"name": "calm", "core": (0.008, 0.04), "sat": (0.010, 0.06), "corr": 0.60},
    {"name": "stressed", "core": (-0.015, 0.08), "sat": (-0.020, 0.11), "corr": 0.85},
]
TRANSITION = np.array([[0.97, 0.03],
                       [0.10, 0.90]])
START_DIST = np.array([1.0, 0.0])

EXPENSE_RATIO = np.array([0.0010] * N_CORE + [0.0050] * N_SAT)  # per year
TRADING_COST = 0.0010  # 10 bps of traded value


def sleeve_weights(core_share: float) -> np.ndarray:
    return np.array([core_share / N_CORE] * N_CORE
                    + [(1.0 - core_share) / N_SAT] * N_SAT)


# name, target weights, calendar period in months (0 = none), drift band (0 = none)
POLICIES = [
    ("100% core", np.array([1.0 / N_CORE] * N_CORE + [0.0] * N_SAT), 1, 0.0),
    ("70/30 quarterly", sleeve_weights(0.70), 3, 0.0),
    ("70/30 bands 5pt", sleeve_weights(0.70), 0, 0.05),
    ("80/20 annual", sleeve_weights(0.80), 12, 0.0),
]
BENCHMARK = 0  # index of "100% core"


def lognormal_params(mean: np.ndarray, sd: np.ndarray):
    """Simple-return (mean, sd) -> (mu, sigma) of the log return."""
    sigma2 = np.log1p(sd**2 / (1.0 + mean) ** 2)
    mu = np.log1p(mean) - sigma2 / 2.0
    return mu, np.sqrt(sigma2)


def regime_log_params():
    """Per regime: log-return mean vector (10,) and Cholesky factor (10, 10)."""
    mus, chols = [], []
    for reg in REGIMES:
        mean = np.array([reg["core"][0]] * N_CORE + [reg["sat"][0]] * N_SAT)
        sd = np.array([reg["core"][1]] * N_CORE + [reg["sat"][1]] * N_SAT)
        mu, sigma = lognormal_params(mean, sd)
        corr = np.full((N_ASSETS, N_ASSETS), reg["corr"])
        np.fill_diagonal(corr, 1.0)
        cov = sigma[:, None] * corr * sigma[None, :]
        mus.append(mu)
        chols.append(np.linalg.cholesky(cov))
    return np.array(mus), np.array(chols)


# ---------------------------------------------------------------------------
# Market simulation
# ---------------------------------------------------------------------------

def simulate_regimes(rng: np.random.Generator, months: int, paths: int) -> np.ndarray:
    """Regime index per (month, path): month 0 from START_DIST, later months
    from the transition row of the previous month's regime."""
    u = rng.random((months, paths))
    p_stressed = TRANSITION[:, 1]  # P(next = stressed | current)
    regimes = np.empty((months, paths), dtype=np.int8)
    regimes[0] = u[0] < START_DIST[1]
    for t in range(1, months):
        regimes[t] = u[t] < p_stressed[regimes[t - 1]]
    return regimes


def simulate_returns(rng, months, paths, mus, chols):
    """Monthly simple returns, shape (months, paths, assets), and regimes."""
    regimes = simulate_regimes(rng, months, paths)
    z = rng.standard_normal((months, paths, N_ASSETS))
    x = np.empty_like(z)
    for k in range(len(REGIMES)):
        mask = regimes == k
        x[mask] = z[mask] @ chols[k].T + mus[k]
    np.expm1(x, out=x)
    return x, regimes


# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------

def run_accounts(r: np.ndarray):
    """Run all policies on simple returns r (months, paths, assets).

    Returns net and gross monthly returns, shape (policies, paths, months),
    and the number-of-rebalances-weighted turnover sum, shape (policies, paths).
    """
    months, paths, _ = r.shape
    n_pol = len(POLICIES)
    targets = np.array([p[1] for p in POLICIES])            # (pol, assets)
    periods = np.array([p[2] for p in POLICIES])
    bands = np.array([p[3] for p in POLICIES])
    band_pol = bands > 0
    fee = 1.0 - EXPENSE_RATIO / PERIODS_PER_YEAR             # (assets,)

    h = np.broadcast_to(targets[:, None, :], (n_pol, paths, N_ASSETS)).copy()
    v_start = np.ones((n_pol, paths))
    net = np.empty((n_pol, paths, months))
    gross = np.empty((n_pol, paths, months))
    turnover = np.zeros((n_pol, paths))

    for t in range(months):
        h *= 1.0 + r[t]                                      # market move
        v_gross = h.sum(axis=-1)
        h *= fee                                             # expense ratio
        v_end = h.sum(axis=-1)

        scheduled = (periods > 0) & ((t + 1) % np.maximum(periods, 1) == 0)
        rebalance = np.broadcast_to(scheduled[:, None], (n_pol, paths)).copy()
        if band_pol.any():
            drift = np.abs(h[band_pol] / v_end[band_pol][..., None]
                           - targets[band_pol][:, None, :])
            rebalance[band_pol] |= (drift > bands[band_pol][:, None, None]).any(axis=-1)

        trades = targets[:, None, :] * v_end[..., None] - h
        traded = np.abs(trades).sum(axis=-1)
        cost = np.where(rebalance, TRADING_COST * traded, 0.0)
        turnover += np.where(rebalance, traded / 2.0 / v_end, 0.0)
        v_after = v_end - cost
        h = np.where(rebalance[..., None], targets[:, None, :] * v_after[..., None], h)

        net[:, :, t] = v_after / v_start - 1.0
        gross[:, :, t] = v_gross / v_start - 1.0
        v_start = v_after

    return net, gross, turnover


# ---------------------------------------------------------------------------
# Metrics (vectorized along the last axis = months)
# ---------------------------------------------------------------------------

def cagr(r: np.ndarray) -> np.ndarray:
    n = r.shape[-1]
    return np.prod(1.0 + r, axis=-1) ** (PERIODS_PER_YEAR / n) - 1.0


def path_metrics(net, gross, turnover) -> dict[str, np.ndarray]:
    """Per (policy, path) metrics; each value has shape (policies, paths)."""
    n = net.shape[-1]
    ann = np.sqrt(PERIODS_PER_YEAR)
    m = {}
    wealth = np.cumprod(1.0 + net, axis=-1)
    m["terminal_wealth"] = wealth[..., -1]
    m["cagr"] = m["terminal_wealth"] ** (PERIODS_PER_YEAR / n) - 1.0
    sd = net.std(axis=-1, ddof=1)
    mean = net.mean(axis=-1)
    m["annual_vol"] = sd * ann
    m["sharpe"] = mean / sd * ann
    downside = np.sqrt(np.mean(np.minimum(net, 0.0) ** 2, axis=-1)) * ann
    with np.errstate(divide="ignore", invalid="ignore"):
        m["sortino"] = mean * PERIODS_PER_YEAR / downside

    # Drawdowns with the starting wealth W_0 = 1 counted as a peak.
    peak = np.maximum(np.maximum.accumulate(wealth, axis=-1), 1.0)
    dd = wealth / peak - 1.0
    m["max_drawdown"] = np.minimum(dd.min(axis=-1), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        m["calmar"] = m["cagr"] / np.abs(m["max_drawdown"])
    under = wealth < peak
    run = np.zeros(under.shape[:-1], dtype=np.int64)
    longest = np.zeros_like(run)
    for t in range(n):
        run = np.where(under[..., t], run + 1, 0)
        np.maximum(longest, run, out=longest)
    m["longest_drawdown"] = longest.astype(float)

    m["var_95"] = np.percentile(net, 5, axis=-1)
    k = int((n - 1) * 0.05) + 1
    m["cvar_95"] = np.partition(net, k - 1, axis=-1)[..., :k].mean(axis=-1)

    m["annual_turnover"] = turnover * PERIODS_PER_YEAR / n
    m["cost_drag"] = cagr(gross) - m["cagr"]

    # Relative to the benchmark policy.
    bench = net[BENCHMARK]
    active = net - bench
    te = active.std(axis=-1, ddof=1) * ann
    m["tracking_error"] = te
    with np.errstate(divide="ignore", invalid="ignore"):
        m["information_ratio"] = np.where(
            te > 0, active.mean(axis=-1) * PERIODS_PER_YEAR / te, np.nan)
    m["win_rate"] = (net > bench).mean(axis=-1)
    m["cagr_diff"] = m["cagr"] - m["cagr"][BENCHMARK]
    m["outperform"] = (m["cagr"] > m["cagr"][BENCHMARK]).astype(float)
    return m


def summarize(m: dict[str, np.ndarray]) -> list[dict]:
    """Cross-path summaries per policy."""
    out = []
    for i, (name, *_rest) in enumerate(POLICIES):
        s = {"policy": name}
        for key, values in m.items():
            v = values[i]
            if key == "outperform":
                s["prob_outperform"] = float(v.mean())
                continue
            if np.isnan(v).all():  # e.g. information ratio of the benchmark itself
                s[key] = None
                continue
            s[key] = {
                "mean": float(np.mean(v)),
                "median": float(np.median(v)),
                "p05": float(np.percentile(v, 5)),
                "p95": float(np.percentile(v, 95)),
            }
        tw = m["terminal_wealth"][i]
        s["terminal_wealth_pct"] = {
            f"p{q:02d}": float(np.percentile(tw, q)) for q in (5, 25, 50, 75, 95)
        }
        out.append(s)
    return out


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def run(paths: int, months: int, seed: int, chunk: int):
    rng = np.random.default_rng(seed)
    mus, chols = regime_log_params()
    parts: list[dict[str, np.ndarray]] = []
    for start in range(0, paths, chunk):
        n = min(chunk, paths - start)
        r, _ = simulate_returns(rng, months, n, mus, chols)
        net, gross, turnover = run_accounts(r)
        del r
        parts.append(path_metrics(net, gross, turnover))
    metrics = {k: np.concatenate([p[k] for p in parts], axis=-1) for k in parts[0]}
    return summarize(metrics)


def print_table(summary: list[dict], paths: int, months: int, seed: int) -> None:
    rows = [
        ("CAGR mean", lambda s: s["cagr"]["mean"], "pct"),
        ("CAGR median", lambda s: s["cagr"]["median"], "pct"),
        ("Annual vol mean", lambda s: s["annual_vol"]["mean"], "pct"),
        ("Sharpe mean", lambda s: s["sharpe"]["mean"], "num"),
        ("Max drawdown mean", lambda s: s["max_drawdown"]["mean"], "pct"),
        ("Terminal wealth p05", lambda s: s["terminal_wealth_pct"]["p05"], "num"),
        ("Terminal wealth p50", lambda s: s["terminal_wealth_pct"]["p50"], "num"),
        ("Terminal wealth p95", lambda s: s["terminal_wealth_pct"]["p95"], "num"),
        ("Annual turnover mean", lambda s: s["annual_turnover"]["mean"], "pct"),
        ("Cost drag mean", lambda s: s["cost_drag"]["mean"], "pct"),
        ("CAGR diff vs core mean", lambda s: s["cagr_diff"]["mean"], "pct"),
        ("P(outperform core)", lambda s: s["prob_outperform"], "pct"),
    ]
    width = 17
    print(f"paths={paths} months={months} seed={seed}")
    print(f"{'':24}" + "".join(f"{s['policy']:>{width}}" for s in summary))
    for label, get, kind in rows:
        cells = []
        for s in summary:
            v = get(s)
            cells.append(f"{v * 100:>{width - 1}.2f}%" if kind == "pct" else f"{v:>{width}.3f}")
        print(f"{label:24}" + "".join(cells))


def self_check(seed: int) -> int:
    """Check the market generator and the account arithmetic against the inputs."""
    rng = np.random.default_rng(seed)
    mus, chols = regime_log_params()
    n = 1_000_000
    ok = True
    for k, reg in enumerate(REGIMES):
        z = rng.standard_normal((n, N_ASSETS))
        x = z @ chols[k].T + mus[k]
        r = np.expm1(x)
        for sleeve, idx in (("core", slice(0, N_CORE)), ("sat", slice(N_CORE, None))):
            m_in, s_in = reg[sleeve]
            m_out = r[:, idx].mean()
            s_out = r[:, idx].std(axis=0, ddof=1).mean()
            good = abs(m_out - m_in) < 2e-4 and abs(s_out - s_in) < 5e-4
            ok &= good
            print(f"{reg['name']:9} {sleeve:4} mean {m_out:+.5f} (input {m_in:+.4f})"
                  f"  vol {s_out:.5f} (input {s_in:.4f})  {'ok' if good else 'FAIL'}")
        c = np.corrcoef(x, rowvar=False)
        off = c[~np.eye(N_ASSETS, dtype=bool)]
        good = np.abs(off - reg["corr"]).max() < 5e-3
        ok &= good
        print(f"{reg['name']:9} log-return correlations {off.min():.4f}..{off.max():.4f}"
              f" (input {reg['corr']})  {'ok' if good else 'FAIL'}")

    # Regime chain: empirical transition frequencies and month-0 regime.
    reg_path = simulate_regimes(rng, 360, 20_000)
    prev, nxt = reg_path[:-1].ravel(), reg_path[1:].ravel()
    for k in range(2):
        p = (nxt[prev == k] == 1).mean()
        good = abs(p - TRANSITION[k, 1]) < 3e-3
        ok &= good
        print(f"P(stressed | {REGIMES[k]['name']}) = {p:.4f} (input {TRANSITION[k, 1]})"
              f"  {'ok' if good else 'FAIL'}")
    good = bool((reg_path[0] == 0).all())
    ok &= good
    print(f"month 0 always calm: {good}")

    # Accounts: with zero returns only the expense ratio applies to 100% core.
    net, gross, _ = run_accounts(np.zeros((24, 3, N_ASSETS)))
    fee_core = 1 - EXPENSE_RATIO[0] / 12
    good = np.abs(net[0] - (fee_core - 1)).max() < 1e-14 and np.abs(gross).max() < 1e-14
    ok &= good
    print(f"zero-return 100% core: monthly net {net[0, 0, 0]:.6e} (fee {fee_core - 1:.6e})"
          f"  {'ok' if good else 'FAIL'}")

    # Accounts: vectorized result vs a plain per-path, per-month loop.
    r, _ = simulate_returns(rng, 120, 8, mus, chols)
    net, gross, turnover = run_accounts(r)
    worst = 0.0
    for i, (_name, target, period, band) in enumerate(POLICIES):
        for p in range(r.shape[1]):
            h = target.copy()
            to = 0.0
            for t in range(r.shape[0]):
                v0 = h.sum()
                g = (h * (1 + r[t, p])).sum() / v0 - 1
                h = h * (1 + r[t, p]) * (1 - EXPENSE_RATIO / 12)
                v = h.sum()
                due = (period > 0 and (t + 1) % period == 0) or (
                    band > 0 and np.any(np.abs(h / v - target) > band))
                if due:
                    trades = target * v - h
                    cost = TRADING_COST * np.abs(trades).sum()
                    to += np.abs(trades).sum() / 2 / v
                    v -= cost
                    h = target * v
                worst = max(worst, abs(v / v0 - 1 - net[i, p, t]), abs(g - gross[i, p, t]))
            worst = max(worst, abs(to - turnover[i, p]))
    good = worst < 1e-13
    ok &= good
    print(f"accounts vs scalar loop: max abs difference {worst:.2e}  {'ok' if good else 'FAIL'}")
    print("self-check", "passed" if ok else "FAILED")
    return 0 if ok else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paths", type=int, default=10_000)
    ap.add_argument("--months", type=int, default=360)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=2_000, help="paths per chunk")
    ap.add_argument("--json", metavar="OUT", help="also write all summaries as JSON")
    ap.add_argument("--self-check", action="store_true",
                    help="check generator and accounts against the inputs, then exit")
    args = ap.parse_args(argv)
    if args.self_check:
        return self_check(args.seed)

    t0 = time.perf_counter()
    summary = run(args.paths, args.months, args.seed, args.chunk)
    elapsed = time.perf_counter() - t0

    print_table(summary, args.paths, args.months, args.seed)
    print(f"elapsed {elapsed:.3f} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"paths": args.paths, "months": args.months, "seed": args.seed,
                       "chunk": args.chunk, "elapsed_seconds": elapsed,
                       "policies": summary}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
