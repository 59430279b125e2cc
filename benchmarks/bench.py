"""Benchmark the ``ntm`` command against honest references, each pair timed in one run.

Usage::

    .venv/bin/python benchmarks/bench.py [--runs N] [--quick] [--sizes N ...] [--json FILE]
                                         [--strict]

1. Start-up, on the demo data (a temporary copy of examples/demo; ntm's cache filled by
   a warm-up run, as any second run of a user finds it). Whole processes, all cases run
   round-robin in shuffled rounds so that both sides of a pair see the same load; the
   median of N runs after a warm-up. The pairs (``benchmarks/references.py``):

   - ``ntm status`` against a bare typer app printing a rich table of 22 rows and the
     same 11 columns;
   - ``ntm status --format json`` against a bare typer command printing JSON;
   - ``ntm summary 2027 --format docx`` against ``ntm status --format json``;
   - and, for context, ``ntm record`` (a new value each run, so each run writes),
     ``--version``, ``python -c pass`` and ``python -c "import typer, rich"``.

2. Scale: synthetic plans of 100, 1,000 and 10,000 indicators with 30 years of
   figures, written by ntm's own writer, and the same data written as JSON:

   - ``status --format json`` with an empty cache (cold) against libyaml alone (PyYAML's
     CSafeLoader) parsing the same files, both with the collector paused;
   - ``status --format json`` with the cache filled (warm) against ``json.loads`` of the
     same data as JSON files;
   - ``check`` (never uses the cache).

   Each row gives wall time, CPU time and the peak memory of that process alone
   (``os.wait4``: the warm peak is the warm run's, not the cold run's before it), and the
   growth per x10 indicators of the time beyond start-up (the same command's time on the
   demo, 22 indicators, cold or warm, taken off), judged on CPU time.

Bytecode: every child process writes and reads its bytecode in a temporary
PYTHONPYCACHEPREFIX; the warm-up run compiles it, so what is timed runs from cached
bytecode, as an installed ntm (pip compiles on install) and the references do.

Plain Python: subprocess, os.wait4, time.perf_counter. Linux and macOS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
DEMO = ROOT / "examples" / "demo"
SIZES = (100, 1_000, 10_000)
YEARS = range(2001, 2031)  # 30 years of actuals; baseline 2001, targets in 2030

# The goals of the issue that asked for this benchmark (ratios of medians; not a test).
START_GOALS = {  # ntm case: (reference case, at most)
    "status": ("typer + rich table", 1.0),
    "status --format json": ("typer json command", 1.1),
    "summary --format docx": ("status --format json", 2.0),
}
COLD_GOAL = 1.2  # x libyaml parsing the same files, at the largest size
WARM_GOAL = 3.0  # x json.loads of the same data, at the largest size
GROWTH = (9.0, 11.0)  # per x10 indicators


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    code: int
    last: str


@dataclass
class Case:
    name: str
    argv: Callable[[int], list[str]]  # run index -> command line
    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    def median(self, attribute: str = "seconds") -> float:
        return float(statistics.median(getattr(r, attribute) for r in self.runs))


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        usable = os.cpu_count() or 0
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover
        load = -1.0
    return {
        "cpu": cpu,
        "cores": usable,
        "load_average": load,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(terse=True),
    }


def ntm_command() -> tuple[list[str], str]:
    """The venv's ``ntm`` script next to this interpreter, else ``python -m ntm_tracker``."""
    script = Path(sys.executable).parent / "ntm"
    if script.is_file():
        return [str(script)], f"{script} (console script)"
    return [sys.executable, "-m", "ntm_tracker"], f"{sys.executable} -m ntm_tracker"


def reference(*args: str) -> list[str]:
    """A reference program of references.py, imported so that its bytecode is cached."""
    code = f"import sys; sys.path.append({str(HERE)!r}); import references; references.main()"
    return [sys.executable, "-c", code, *args]


def child_env() -> dict[str, str]:
    """The caller's environment without settings that change what ntm does or costs.

    Bytecode caching stays on, in a temporary PYTHONPYCACHEPREFIX (set by ``main``) so
    that the work tree stays clean.
    """
    drop = ("NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "PYDANTIC_DISABLE_PLUGINS")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NTM_") and k not in drop}
    env["COLUMNS"] = "120"
    env["NTM_CACHE_DIR"] = os.environ.get("BENCH_CACHE_DIR", "")  # a private cache (main)
    return env


def run_once(argv: list[str], cache: Path | None = None) -> Run:
    """One whole process: wall time, its own CPU time and peak memory (``os.wait4``)."""
    env = child_env()
    if cache is not None:
        env["NTM_CACHE_DIR"] = str(cache)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err, env=env)  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    scale = 2**20 if sys.platform == "darwin" else 2**10  # ru_maxrss: bytes on macOS
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / scale,
               proc.returncode, lines[-1] if lines else "")  # fmt: skip


def commands_of(ntm: list[str]) -> set[str]:
    """The command names listed by ``ntm --help``."""
    out = subprocess.run(
        [*ntm, "--lang", "en", "--help"],
        capture_output=True,
        text=True,
        env=child_env(),
        check=True,
    ).stdout
    names: set[str] = set()
    listing = False
    for line in out.splitlines():
        if line.strip() == "Commands:":
            listing = True
        elif listing and (m := re.match(r"^\s+([a-z][\w-]*)(\s|$)", line)):
            names.add(m.group(1))
    return names


def time_round_robin(cases: list[Case], runs: int) -> None:
    """Warm up every case once, then run all cases ``runs`` times in shuffled rounds."""
    order = random.Random(5)
    for i in range(-1, runs):
        live = [c for c in cases if c.error is None]
        order.shuffle(live)
        for case in live:
            run = run_once(case.argv(i))
            if run.code != 0:
                case.error = f"exit {run.code}: {run.last}"
            elif i >= 0:
                case.runs.append(run)


# -- synthetic plans ------------------------------------------------------------------
FIELDS = ("economy", "culture_society", "party_government", "defence_security")
UNITS = {
    "percent": ("'%'", "'%'"),
    "amount": ("tỷ đồng", "billion VND"),
    "rate": ("'%/năm'", "'% a year'"),
    "yes_no": ("có/không", "yes/no"),
}
# kind, measure, comparator, target, extra plan lines
KINDS = (
    ("level", "percent", "at_least", "95", ""),
    ("level", "amount", "at_least", "1000", "    trajectory: compound\n"),
    ("level", "percent", "below", "1.5", ""),
    ("cumulative", "amount", "at_least", "1000", ""),
    ("annual", "rate", "at_least", "8", ""),
    ("maintained", "yes_no", "at_least", "true", ""),
    ("average", "rate", "above", "6", ""),
    ("milestone", "yes_no", "at_least", "true", ""),
)


def synthetic_value(rng: random.Random, kind: int, t: int) -> float | bool:
    """A plausible value of indicator type ``kind`` in year offset ``t`` (0-29)."""
    if kind == 0:
        return round(min(100.0, 50 + 1.5 * t + rng.uniform(-2, 2)), 1)
    if kind == 1:
        return round(100 * 1.07**t * rng.uniform(0.9, 1.1), 1)
    if kind == 2:
        return round(max(0.0, 12 - 0.35 * t + rng.uniform(-0.5, 0.5)), 2)
    if kind == 3:
        return round(rng.uniform(80, 120), 1)
    if kind in (4, 6):
        return round(rng.uniform(-3, 15), 1)
    return rng.random() < 0.9


def write_synthetic(folder: Path, n: int, as_json: Path) -> None:
    """A plan of ``n`` indicators and one year file per year, as `ntm record` writes them
    (ntm's own writer); and the same data as JSON files in ``as_json``."""
    from datetime import datetime, timedelta, timezone

    from ntm_tracker.core.domain import Entry, YearFile
    from ntm_tracker.storage import yearfile
    from ntm_tracker.storage.codec import encode
    from ntm_tracker.storage.planfile import validate

    rng = random.Random(n)
    plan = [
        "title: {vi: Kế hoạch tổng hợp, en: Synthetic plan}\n",
        "commune: Benchmark\n",
        f"term: {{start: {YEARS[0]}, end: {YEARS[-1]}}}\n",
        f"baseline_year: {YEARS[0]}\n",
        "indicators:\n",
    ]
    for i in range(n):
        kind, measure, comparator, target, extra = KINDS[i % len(KINDS)]
        vi, en = UNITS[measure]
        plan.append(
            f"  - id: ind_{i:05d}\n"
            f"    number: '{i + 1}'\n"
            f"    field: {FIELDS[i % len(FIELDS)]}\n"
            f"    name: {{vi: Chỉ tiêu số {i + 1}, en: Indicator number {i + 1}}}\n"
            f"    unit: {{vi: {vi}, en: {en}}}\n"
            f"    kind: {kind}\n"
            f"    measure: {measure}\n"
            f"    comparator: {comparator}\n"
            f"    target: {target}\n"
            f"    target_year: {YEARS[-1]}\n" + extra
        )
    folder.mkdir(parents=True)
    text = "".join(plan)
    (folder / "targets.yaml").write_text(text, encoding="utf-8")
    parsed = validate(text).content
    assert parsed is not None, "the synthetic plan must be valid"
    actuals = folder / "actuals"
    actuals.mkdir()
    as_json.mkdir(parents=True)
    (as_json / "targets.json").write_text(json.dumps(encode(parsed)), encoding="utf-8")
    tz = timezone(timedelta(hours=7))
    for t, year in enumerate(YEARS):
        at = datetime(year + 1, 1, 15, 9, 30, tzinfo=tz)
        values = {
            f"ind_{i:05d}": Entry(
                synthetic_value(rng, i % len(KINDS), t),
                year == YEARS[-1] and i % 3 == 0,
                f"Ghi chú {i}" if i % 50 == 0 else None,
                at,
                "thongke",
            )
            for i in range(n)
        }
        content = yearfile.new_text(parsed, YearFile(year, None, values), ["Benchmark"])
        (actuals / f"{year}.yaml").write_text(content, encoding="utf-8")
        same = {
            k: {"value": e.value, "estimate": e.estimate, "note": e.note,
                "recorded_at": at.isoformat(), "recorded_by": e.recorded_by}
            for k, e in values.items()
        }  # fmt: skip
        text = json.dumps({"year": year, "values": same}, ensure_ascii=False)
        (as_json / f"{year}.json").write_text(text, encoding="utf-8")


# -- report ---------------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def print_table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, ["-" * w for w in widths], *rows]:
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())


def verdict(ratio: float, limit: float) -> str:
    return "ok" if ratio <= limit else "OVER"


def startup(ntm: list[str], tmp: Path, runs: int, available: set[str]) -> dict[str, Any]:
    demo, writable = tmp / "demo", tmp / "record"
    shutil.copytree(DEMO, demo)
    shutil.copytree(DEMO, writable)
    d, w = ["--data-dir", str(demo)], ["--data-dir", str(writable)]
    py = sys.executable
    docx = tmp / "report.docx"
    cases = [
        Case("python -c pass", lambda i: [py, "-c", "pass"]),
        Case('python -c "import typer, rich"', lambda i: [py, "-c", "import typer, rich"]),
        Case("typer + rich table", lambda i: reference("table")),
        Case("typer json command", lambda i: reference("json")),
        Case("--version", lambda i: [*ntm, "--version"]),
        Case("status", lambda i: [*ntm, *d, "status"]),
        Case("status --format json", lambda i: [*ntm, *d, "status", "--format", "json"]),
        # a new value each run (a percent between 60 and 99), so each run writes
        Case(
            "record",
            lambda i: [
                *ntm,
                *w,
                "record",
                "2027",
                "schools",
                f"{60 + (i + 1) % 400 / 10:.1f}",
                "--force",
            ],
        ),
    ]
    if "summary" in available:
        cases.append(
            Case(
                "summary --format docx",
                lambda i: [*ntm, *d, "summary", "2027", "--output", str(docx), "--force"],
            )
        )
    print(f"\nStart-up on the demo data: median of {runs} runs after a warm-up, all cases")
    print("round-robin in shuffled rounds (cpu: the process's own user + system time)")
    time_round_robin(cases, runs)
    by_name = {c.name: c for c in cases}
    rows, entries = [], []
    for case in cases:
        if case.error is not None:
            print(f"Note: `{case.name}` failed ({case.error}): not timed.")
            continue
        entry: dict[str, Any] = {
            "name": case.name,
            "median_s": case.median(),
            "min_s": min(r.seconds for r in case.runs),
            "cpu_s": case.median("cpu"),
            "peak_mb": case.median("peak_mb"),
        }
        cells = [case.name, ms(entry["median_s"]), ms(entry["cpu_s"]), f"{entry['peak_mb']:.0f}"]
        goal = START_GOALS.get(case.name)
        ref = by_name.get(goal[0]) if goal else None
        if goal and ref is not None and ref.runs:
            wall = entry["median_s"] / ref.median()
            cpu = entry["cpu_s"] / ref.median("cpu")
            entry.update(
                reference=ref.name, ratio=wall, cpu_ratio=cpu, goal=goal[1], ok=wall <= goal[1]
            )
            cells += [
                ref.name,
                f"{wall:.2f}",
                f"{cpu:.2f}",
                f"<= {goal[1]}",
                verdict(wall, goal[1]),
            ]
        else:
            cells += ["", "", "", "", ""]
        rows.append(cells)
        entries.append(entry)
    print_table(
        rows,
        ["command", "median ms", "cpu ms", "peak MB", "against", "x wall", "x cpu", "goal", ""],
    )
    return {"cases": entries}


def scale(
    ntm: list[str], tmp: Path, sizes: list[int], runs: int, available: set[str]
) -> list[dict[str, Any]]:
    print(f"\nScale: synthetic plans, {len(YEARS)} years of figures. cold: the first run (empty")
    print(f"cache), paired with libyaml parsing the same files; warm: the median of {runs} runs")
    print("with the cache filled, each paired with json.loads of the same data as JSON. Peak")
    print("memory is each process's own. Growth: per x10 indicators, of the time beyond")
    print("start-up (the same command on the demo, 22 indicators, cold or warm, taken off),")
    print("wall / cpu.")
    found: list[dict[str, Any]] = []
    rows = []
    # each command's start-up: the same run on the demo (22 indicators), cold or warm
    demo = ["--data-dir", str(tmp / "demo")]
    base = {
        "cold status --format json": [
            run_once([*ntm, *demo, "status", "--format", "json"], tmp / f"cold{i}")
            for i in range(3)
        ],
        "warm status --format json": [
            run_once([*ntm, *demo, "status", "--format", "json"]) for _ in range(3)
        ],
        "check": [run_once([*ntm, *demo, "check"]) for _ in range(3)],
    }
    fixed = {
        name: (statistics.median(r.seconds for r in got), statistics.median(r.cpu for r in got))
        for name, got in base.items()
    }
    for size in sorted(sizes):
        folder, as_json, cache = tmp / f"plan{size}", tmp / f"json{size}", tmp / f"cache{size}"
        write_synthetic(folder, size, as_json)
        status = [*ntm, "--data-dir", str(folder), "status", "--format", "json"]
        cold = run_once(status, cache)
        cold_floor = run_once(reference("yaml", str(folder)))
        warm, warm_floor = [], []
        for _ in range(runs):
            warm.append(run_once(status, cache))
            warm_floor.append(run_once(reference("loads", str(as_json))))
        pairs = [
            ("cold status --format json", [cold], "libyaml", [cold_floor]),
            ("warm status --format json", warm, "json.loads", warm_floor),
        ]
        if "check" in available:
            pairs.append(("check", [run_once([*ntm, "--data-dir", str(folder), "check"])], "", []))
        for name, got, floor_name, floor in pairs:
            if any(r.code for r in got):
                print(f"Note: `{name}` on {size} failed: {got[0].last}")
                continue
            med = statistics.median(r.seconds for r in got)
            cpu = statistics.median(r.cpu for r in got)
            entry: dict[str, Any] = {
                "indicators": size,
                "command": name,
                "seconds": med,
                "cpu_s": cpu,
                "peak_mb": max(r.peak_mb for r in got),
                "beyond_startup_s": med - fixed[name][0],
                "beyond_startup_cpu_s": cpu - fixed[name][1],
            }
            cells = [f"{size:,}", name, f"{med:.2f}", f"{cpu:.2f}", f"{entry['peak_mb']:.0f}"]
            if floor and not any(r.code for r in floor):
                f_med = statistics.median(r.seconds for r in floor)
                f_cpu = statistics.median(r.cpu for r in floor)
                entry.update(
                    reference=floor_name,
                    reference_s=f_med,
                    reference_cpu_s=f_cpu,
                    ratio=med / f_med,
                    cpu_ratio=cpu / f_cpu,
                )
                cells += [floor_name, f"{f_med:.2f}", f"{med / f_med:.2f}", f"{cpu / f_cpu:.2f}"]
            else:
                cells += ["", "", "", ""]
            prev = next((e for e in reversed(found) if e["command"] == name), None)
            # growth beyond start-up, where that is large enough to measure (50 ms)
            if (
                prev is not None
                and min(prev["beyond_startup_cpu_s"], prev["beyond_startup_s"]) > 0.05
            ):
                entry["growth"] = entry["beyond_startup_s"] / prev["beyond_startup_s"]
                entry["cpu_growth"] = entry["beyond_startup_cpu_s"] / prev["beyond_startup_cpu_s"]
                cells.append(f"x{entry['growth']:.1f} / x{entry['cpu_growth']:.1f}")
            else:
                cells.append("")
            rows.append(cells)
            found.append(entry)
        shutil.rmtree(folder)
        shutil.rmtree(as_json)
    print_table(
        rows,
        [
            "indicators",
            "command",
            "seconds",
            "cpu s",
            "peak MB",
            "against",
            "its s",
            "x wall",
            "x cpu",
            "growth",
        ],
    )
    return found


def goals(results: dict[str, Any]) -> list[str]:
    """The issue's goals, each with its measure; returns those not met."""
    print("\nGoals (ratios of medians, wall time; cpu in brackets)")
    missed = []
    for e in results["startup"]["cases"]:
        if "goal" in e:
            line = (
                f"  {e['name']} <= {e['goal']} x {e['reference']}: {e['ratio']:.2f} "
                f"({e['cpu_ratio']:.2f}) {verdict(e['ratio'], e['goal'])}"
            )
            print(line)
            if not e["ok"]:
                missed.append(e["name"])
    largest = max((e["indicators"] for e in results["scale"]), default=0)
    for name, limit in (
        ("cold status --format json", COLD_GOAL),
        ("warm status --format json", WARM_GOAL),
    ):
        e = next(
            (
                e
                for e in results["scale"]
                if e["command"] == name and e["indicators"] == largest and "ratio" in e
            ),
            None,
        )
        if e is not None:
            print(
                f"  {name}, {largest:,}: <= {limit} x {e['reference']}: {e['ratio']:.2f} "
                f"({e['cpu_ratio']:.2f}) {verdict(e['ratio'], limit)}"
            )
            if e["ratio"] > limit:
                missed.append(f"{name} {largest}")
    for e in results["scale"]:
        if "growth" in e:
            ok = GROWTH[0] <= e["cpu_growth"] <= GROWTH[1]  # CPU time: less swayed by load
            print(
                f"  {e['command']} to {e['indicators']:,}: x10 +-10% per x10: "
                f"x{e['cpu_growth']:.1f} cpu (x{e['growth']:.1f} wall) {'ok' if ok else 'OFF'}"
            )
            if not ok:
                missed.append(f"growth {e['command']} {e['indicators']}")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per start-up case")
    parser.add_argument("--scale-runs", type=int, default=3, help="warm runs per size")
    parser.add_argument("--quick", action="store_true", help="5 runs, 1 per size: a smoke test")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args()
    runs, scale_runs = (5, 1) if args.quick else (args.runs, args.scale_runs)

    started = time.perf_counter()
    ntm, how = ntm_command()
    info = machine()
    print(
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['python']}, {info['os']}, "
        f"load average {info['load_average']:.1f} at the start"
    )
    print(f"CLI: {how}")
    available = commands_of(ntm)
    results: dict[str, Any] = {"machine": info, "cli": how, "runs": runs}
    with tempfile.TemporaryDirectory(prefix="ntm-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")  # inherited by children
        os.environ["BENCH_CACHE_DIR"] = str(tmp / "cache")  # ntm's cache, private to this run
        results["startup"] = startup(ntm, tmp, runs, available)
        results["scale"] = scale(ntm, tmp, args.sizes, scale_runs, available)
    missed = goals(results)
    results["missed"] = missed
    total = time.perf_counter() - started
    info["load_average_end"] = os.getloadavg()[0]
    print(
        f"\nBenchmark took {total:.0f} s; load average {info['load_average_end']:.1f} at the end."
    )
    results["seconds"] = total
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"Wrote {args.json}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
