"""Benchmark the ``ntm`` command: start-up against the import floor, and scale.

Usage::

    .venv/bin/python benchmarks/bench.py [--runs N] [--quick] [--json FILE] [--strict]

1. Whole processes on the demo data (a temp copy of examples/demo), median of N runs
   after a warm-up (which also fills ntm's cache of validated files, as any second run
   of a user would find it), run round-robin so that every command sees the same load:
   ``ntm --version``, ``--help``, ``status``, ``status --format json``, ``record`` (a new
   value with --force each run, so each run really writes), ``summary 2027`` when it exists;
   with the floor ``python -c "import typer, rich, pydantic, yaml, tabulate"`` and
   ``python -c "pass"``. Each median is shown as a ratio to the import floor.
2. Synthetic plans of 100, 1,000 and 10,000 indicators with 30 years of actuals,
   written by ntm's own year-file writer: ``status --format json`` and ``check``, time
   and peak memory per size and the growth between sizes. The first run of each size
   reads every file the full way (YAML and validation) and fills the cache: it is
   reported as "cold"; the median is of the runs after it. ``check`` never uses the
   cache. Each (size, command) runs in a fresh child process, so
   ``getrusage(RUSAGE_CHILDREN)`` there gives the peak of that size alone.

Plain Python: subprocess, time.perf_counter, resource. Linux and macOS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
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
DEMO = ROOT / "examples" / "demo"
FLOOR_CODE = "import typer, rich, pydantic, yaml, tabulate"
START_LIMIT = 1.3  # x the import floor, for version, help, status and record
SCALE_SECONDS = 5.0  # status --format json on the largest plan
SCALE_MB = 500.0
SIZES = (100, 1_000, 10_000)
YEARS = range(2001, 2031)  # 30 years of actuals; baseline 2001, targets in 2030
LIMITED = {"--version", "--help", "status", "status --format json", "record"}


@dataclass
class Case:
    name: str
    argv: Callable[[int], list[str]]  # run index -> command line
    times: list[float] = field(default_factory=list)
    error: str | None = None


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
    return {
        "cpu": cpu,
        "cores": usable,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": platform.platform(terse=True),
    }


def ntm_command() -> tuple[list[str], str]:
    """The venv's ``ntm`` script next to this interpreter, else ``python -m ntm_tracker``."""
    script = Path(sys.executable).parent / "ntm"
    if script.is_file():
        return [str(script)], f"{script} (console script)"
    return [sys.executable, "-m", "ntm_tracker"], f"{sys.executable} -m ntm_tracker"


def child_env() -> dict[str, str]:
    """The caller's environment without settings that change what ntm does or costs.

    Bytecode caching stays on, as for an installed ntm, in a temporary
    PYTHONPYCACHEPREFIX (set by ``main``) so that the work tree stays clean.
    """
    drop = ("NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "PYDANTIC_DISABLE_PLUGINS")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NTM_") and k not in drop}
    env["COLUMNS"] = "120"
    env["NTM_CACHE_DIR"] = os.environ.get("BENCH_CACHE_DIR", "")  # a private cache (main)
    return env


def run_once(argv: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env=child_env(), check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    last = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return elapsed, proc.returncode, last[-1] if last else ""


def commands_of(ntm: list[str]) -> set[str]:
    """The command names listed by ``ntm --help``."""
    out = subprocess.run(
        [*ntm, "--help"], capture_output=True, text=True, env=child_env(), check=True
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
            elapsed, code, last = run_once(case.argv(i))
            if code != 0:
                case.error = f"exit {code}: {last}"
            elif i >= 0:
                case.times.append(elapsed)


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


def write_synthetic(folder: Path, n: int) -> None:
    """A plan of ``n`` indicators and one year file per year, as `ntm record` writes them
    (ntm's own writer)."""
    from datetime import datetime, timedelta, timezone

    from ntm_tracker.core.domain import Entry, YearFile
    from ntm_tracker.storage import yearfile
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


def cpu_seconds() -> float:
    """User and system CPU time of this process's finished children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_child(spec: str) -> None:
    """In a fresh process: run a command once cold (an empty cache), then several times,
    print the times and the peak memory."""
    job = json.loads(spec)
    cold, code, last = run_once(job["argv"])
    cold_cpu = cpu_seconds()
    times, codes = [], [code]
    for _ in range(job["runs"]):
        elapsed, code, last = run_once(job["argv"])
        times.append(elapsed)
        codes.append(code)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss / 2**20 if sys.platform == "darwin" else usage.ru_maxrss / 2**10
    # the CPU time of a warm run (the cold run's own is left out), as the median's runs
    cpu = (cpu_seconds() - cold_cpu) / len(times) if times else cold_cpu
    result = {"times": times, "cold_s": cold, "codes": codes, "peak_mb": peak, "cpu_s": cpu,
              "last": last}  # fmt: skip
    print(json.dumps(result))


def measure(argv: list[str], runs: int) -> dict[str, Any]:
    spec = json.dumps({"argv": argv, "runs": runs})
    out = subprocess.run(
        [sys.executable, __file__, "--measure-child", spec],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout)
    return result


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (>= 15)")
    parser.add_argument("--scale-runs", type=int, default=3, help="runs per size and command")
    parser.add_argument("--quick", action="store_true", help="5 runs, 1 per size: a smoke test")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a limit is exceeded")
    parser.add_argument("--measure-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_child:
        measure_child(args.measure_child)
        return 0
    runs, scale_runs = (5, 1) if args.quick else (args.runs, args.scale_runs)

    started = time.perf_counter()
    ntm, how = ntm_command()
    info = machine()
    print(f"Machine: {info['cpu']}, {info['cores']} cores, {info['python']}, {info['os']}")
    print(f"CLI: {how}")
    available = commands_of(ntm)
    notes: list[str] = []
    results: dict[str, Any] = {"machine": info, "cli": how, "runs": runs, "notes": notes}

    with tempfile.TemporaryDirectory(prefix="ntm-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")  # inherited by children
        os.environ["BENCH_CACHE_DIR"] = str(tmp / "cache")  # ntm's cache, private to this run
        demo, writable = tmp / "demo", tmp / "record"
        shutil.copytree(DEMO, demo)
        shutil.copytree(DEMO, writable)
        d, w = ["--data-dir", str(demo)], ["--data-dir", str(writable)]
        py = sys.executable
        cases = [
            Case("python -c pass", lambda i: [py, "-c", "pass"]),
            Case("import floor", lambda i: [py, "-c", FLOOR_CODE]),
            Case("--version", lambda i: [*ntm, "--version"]),
            Case("--help", lambda i: [*ntm, "--help"]),
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
            cases.append(Case("summary", lambda i: [*ntm, *d, "summary", "2027"]))
        else:
            notes.append("`ntm summary` does not exist yet: not timed.")
        print(f"\nStart-up on the demo data: median of {runs} runs after a warm-up")
        print(f'Import floor: python -c "{FLOOR_CODE}"')
        time_round_robin(cases, runs)

        if cases[1].error is not None:
            raise SystemExit(f"The import floor failed ({cases[1].error}); is this the venv?")
        floor = statistics.median(cases[1].times)
        rows, entries = [], []
        for case in cases:
            if case.error is not None:
                notes.append(f"`{case.name}` failed ({case.error}): not timed.")
                continue
            med = statistics.median(case.times)
            limit = START_LIMIT if case.name in LIMITED else None
            ok = None if limit is None else med / floor <= limit
            mark = "" if ok is None else ("ok" if ok else "OVER")
            rows.append([case.name, ms(med), ms(min(case.times)), f"{med / floor:.2f}",
                         f"<= {limit}" if limit else "", mark])  # fmt: skip
            entries.append({"name": case.name, "median_s": med, "min_s": min(case.times),
                            "ratio_to_floor": med / floor, "limit": limit, "ok": ok})  # fmt: skip
        print_table(rows, ["command", "median ms", "min ms", "x floor", "limit", ""])
        results["startup"] = entries

        print(
            f"\nScale: synthetic plans, {len(YEARS)} years of actuals; cold: the first run (empty"
            f" cache); seconds: median of the {scale_runs} runs after it"
            " (cpu s: mean CPU time of those runs, less sensitive to other load)"
        )
        scale_cmds = {"status --format json": ["status", "--format", "json"]}
        if "check" in available:
            scale_cmds["check"] = ["check"]
        else:
            notes.append("`ntm check` does not exist yet: not timed at scale.")
        rows = []
        scale: list[dict[str, Any]] = []
        for size in sorted(args.sizes):
            folder = tmp / f"plan{size}"
            write_synthetic(folder, size)
            for name, cmd in scale_cmds.items():
                # check reads every file the full way each time: once is its measure
                runs_here = 0 if name == "check" else scale_runs
                got = measure([*ntm, "--data-dir", str(folder), *cmd], runs_here)
                if any(got["codes"]):
                    notes.append(f"`{name}` on {size} failed: {got['last']}")
                    continue
                med = statistics.median(got["times"]) if got["times"] else got["cold_s"]
                prev = next((s for s in reversed(scale) if s["command"] == name), None)
                entry = {
                    "indicators": size, "indicator_years": size * len(YEARS),
                    "command": name, "median_s": med, "cold_s": got["cold_s"],
                    "cpu_s": got["cpu_s"],
                    "peak_mb": got["peak_mb"],
                    "time_growth": med / prev["median_s"] if prev else None,
                    "cpu_growth": got["cpu_s"] / prev["cpu_s"] if prev else None,
                    "memory_growth": got["peak_mb"] / prev["peak_mb"] if prev else None,
                }  # fmt: skip
                scale.append(entry)
                growth = (
                    f"x{entry['time_growth']:.1f} / x{entry['cpu_growth']:.1f} / "
                    f"x{entry['memory_growth']:.1f}"
                    if prev
                    else ""
                )
                cells = [f"{got['cold_s']:.2f}", f"{med:.2f}", f"{got['cpu_s']:.2f}",
                         f"{got['peak_mb']:.0f}", growth]  # fmt: skip
                rows.append([f"{size:,}", name, *cells])
            shutil.rmtree(folder)
        header = ["indicators", "command", "cold s", "seconds", "cpu s", "peak MB",
                  "growth t/cpu/mem"]  # fmt: skip
        print_table(rows, header)
        results["scale"] = scale

    largest = [s for s in scale if s["command"] == "status --format json"]
    if largest and largest[-1]["indicators"] == max(SIZES):
        big = largest[-1]
        big_ok = big["median_s"] < SCALE_SECONDS and big["peak_mb"] < SCALE_MB
        print(
            f"Limit {max(SIZES):,} x {len(YEARS)} status --format json: < {SCALE_SECONDS:g} s and "
            f"< {SCALE_MB:g} MB: {'ok' if big_ok else 'OVER'}"
        )
        results["scale_ok"] = big_ok
    for note in notes:
        print(f"Note: {note}")
    total = time.perf_counter() - started
    print(f"\nBenchmark took {total:.0f} s.")
    results["seconds"] = total
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"Wrote {args.json}")
    over = [e["name"] for e in results["startup"] if e["ok"] is False]
    if results.get("scale_ok") is False:
        over.append("scale")
    return 1 if args.strict and over else 0


if __name__ == "__main__":
    sys.exit(main())
