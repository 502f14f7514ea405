"""bt's side of bench/history: the 70/30 monthly-rebalanced backtest of bench/history.yaml.

Prices are the cumulative products of (1 + r) of the dataset's monthly returns, dated at month
ends, with a starting price of 1 at the end of the month before the first: the first rebalance
(bt's first date) is at the start of the first month, like coresat's trade to targets at month 0,
and each later one at a month end. bt then earns P[t+1] / P[t] = 1 + r over each month.
Times bt.run in process (time.perf_counter; the Backtest is built outside the timer) and prints
the median of REPEATS runs and the final wealth per unit invested. Given a COMMAND, times it as a
whole process (subprocess.run, output thrown away) after each bt.run, so the two take turns on
the same machine, and prints its median and the ratio bt.run / COMMAND pair by pair.
Usage: python3 bench/bt_reference.py DATASET [REPEATS [COMMAND ...]]   (pip install bt)
"""
import statistics
import subprocess
import sys
import time
import warnings

import bt
import pandas as pd

warnings.simplefilter("ignore")
WEIGHTS = {"Mkt": 0.7, "BusEq": 0.1, "Hlth": 0.1, "Enrgy": 0.1}
CAPITAL = 1.0  # with 1e6, bt's outlay search (np.isclose, rtol 1e-16) loops on amounts near 1e9

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
command = sys.argv[3:]
returns = pd.read_csv(path, comment="#", index_col="month")[list(WEIGHTS)].loc["1926-07":"2024-12"]
ends = pd.PeriodIndex(returns.index, freq="M").to_timestamp(how="end").normalize()
start = ends[0] - pd.offsets.MonthEnd(1)
prices = pd.concat([pd.DataFrame(1.0, index=[start], columns=list(WEIGHTS)),
                    (1 + returns.set_axis(ends)).cumprod()])


def backtest():
    strategy = bt.Strategy("70/30 monthly", [
        bt.algos.RunMonthly(),  # bt's first date, then every new month
        bt.algos.SelectAll(),
        bt.algos.WeighSpecified(**WEIGHTS),
        bt.algos.Rebalance(),
    ])
    return bt.Backtest(strategy, prices, initial_capital=CAPITAL, integer_positions=False,
                       progress_bar=False)


def run_command():
    begin = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - begin


def spread(label, xs, unit=" s", digits=4):
    print(f"{label} median {statistics.median(xs):.{digits}f}{unit} "
          f"(min {min(xs):.{digits}f}, max {max(xs):.{digits}f}, {len(xs)} runs)")


if command:
    run_command()  # warm-up
times, command_times = [], []
for _ in range(repeats):
    test = backtest()
    begin = time.perf_counter()
    result = bt.run(test)
    times.append(time.perf_counter() - begin)
    if command:
        command_times.append(run_command())
wealth = result.backtests["70/30 monthly"].strategy.values.iloc[-1] / CAPITAL
spread(f"bt {bt.__version__}, {len(returns)} months: bt.run", times)
if command:
    spread("whole command:", command_times)
    spread("bt.run / command, pair by pair:", [b / c for b, c in zip(times, command_times)], " x", 1)
print(f"bt terminal wealth {float(wealth)!r}")
