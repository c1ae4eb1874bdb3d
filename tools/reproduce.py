"""Run the notebooks headlessly and keep their results.

    python -m tools.reproduce run [NOTEBOOK ...]      full mode, write executed notebooks back (make reproduce)
    python -m tools.reproduce run --twice             ... and run each a second time to check determinism
    python -m tools.reproduce benchmark -n 3 [--quick-only]   median/spread of wall time against the targets
    python -m tools.reproduce seeds -n 10 [NOTEBOOK ...]   full mode with SEED = 0 .. n-1: the spread from the seed
    python -m tools.reproduce seeds -n 10 --quick     the same in quick mode (sets the quick-mode learning checks)
    python -m tools.reproduce suite                   time CI (`bash .ci/run`) on a fresh clone, venv included
    python -m tools.reproduce versions PYTHON         the quick-mode suite with another venv's python (other torch)
    python -m tools.reproduce course DIR [29 20 17] [-n 3]   the course's own notebooks (a checkout of
                                                      iitkliv/dlvcnptel in DIR) timed beside ours

`run` first stamps the shared code into the notebooks (tools/stamp.py), then executes them, writes them back without
run-specific metadata (progress-bar widgets, per-cell execution timestamps), sets their slide types again
(tools/slides.py) and rewrites the results tables (tools/report.py). Each notebook ends with a cell tagged "results"
whose value is a dict of its metrics; this script reads that dict (no prose is parsed), adds wall time and the
machine, and stores everything in results/results.json (one entry per notebook and device type). What is known about
each lecture (its headline metrics, datasets, the course's notebooks) comes from tools/lectures.py.
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools import report, slides, stamp
from tools.lectures import BY_STEM, LECTURES, NOTEBOOK_DIR, REPO
from tools.notebook_cells import strip_run_metadata
from tools.report import SUMMARY_MARK, load_results, read_summary, save_results
from tools.standin import use_standin_without_real_data
from tools.student import student_copy

TIMING_KEYS = {"seconds_per_epoch", "train_seconds", "wall_seconds", "device", "mode"}
# Quick mode is for CI and live demos: `benchmark` flags a notebook whose median quick-mode run takes longer.
QUICK_TARGET_S = 60


def machine_info():
    import torch

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "os": platform.system(),
    }
    if torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
    return info


def run_timed(nb, folder, env=None, timeout=3600):
    """Execute a notebook in `folder` in a fresh kernel, with `env` added to the environment; wall seconds."""
    env_backup = dict(os.environ)
    os.environ.update(env or {})
    try:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            record_timing=False,
            resources={"metadata": {"path": str(folder)}},
        )
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start
    finally:
        os.environ.clear()
        os.environ.update(env_backup)


def execute(path, quick, timeout=1800, nb=None):
    """Run one notebook (or `nb`, an edited copy of it) in a fresh kernel; return (executed notebook, wall seconds,
    summary dict). The summary dict is read from a cell appended for the run and removed again, so that the
    notebook shows students one line, not the dict."""
    nb = nb or nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(f'import json\nprint("{SUMMARY_MARK}" + json.dumps(summary))'))
    wall = run_timed(nb, NOTEBOOK_DIR, {"DLVC_QUICK": "1" if quick else "0"}, timeout)
    summary = read_summary(nb.cells.pop())
    strip_run_metadata(nb)
    return nb, wall, summary


def select(names):
    paths = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    if names:
        paths = [p for p in paths if any(n in p.name for n in names)]
    if not paths:
        sys.exit(f"no notebook matches {names}")
    return paths


def comparable(summary):
    return {k: v for k, v in summary.items() if k not in TIMING_KEYS and "seconds" not in k}


def cmd_run(args):
    use_standin_without_real_data()  # lecture 14 on the stand-in where ALL-IDB2 is absent, as in the tests
    stamp.main([])  # the shared code first, so that the run executes what is committed
    results = load_results()
    machine = machine_info()
    paths = select(args.notebooks)
    for path in paths:
        print(f"running {path.name} (full mode) ...", flush=True)
        nb, wall, summary = execute(path, quick=False)
        nbformat.write(nb, path)
        if summary is None:
            sys.exit(f"{path.name}: no cell tagged 'results' with a summary dict")
        kind = "cuda" if summary["device"].startswith("cuda") else summary["device"].split(":")[0]
        entry = {
            "date": date.today().isoformat(),
            "machine": machine,
            "wall_seconds": round(wall, 1),
            "summary": summary,
        }
        if args.twice:
            _, wall2, summary2 = execute(path, quick=False)
            entry["second_run_identical"] = comparable(summary) == comparable(summary2)
            entry["second_run_wall_seconds"] = round(wall2, 1)
            print(f"  second run identical: {entry['second_run_identical']}")
        results["notebooks"].setdefault(path.stem, {})[kind] = entry
        print(f"  {wall:.1f} s on {kind}: {BY_STEM[path.stem].format_headline(summary)}", flush=True)
        save_results(results)
    slides.tag(paths)  # new or changed cells and outputs: the slide types again
    report.write(results)


def cmd_benchmark(args):
    use_standin_without_real_data()  # lecture 14 on the stand-in where ALL-IDB2 is absent, as in the tests
    results = load_results()
    modes = [True] if args.quick_only else [True, False]
    bench = {"date": date.today().isoformat(), "machine": machine_info(), "repeats": args.n, "notebooks": {}}
    for path in select(args.notebooks):
        for quick in modes:
            walls, epochs = [], []
            for i in range(args.n):
                _, wall, summary = execute(path, quick=quick)
                walls.append(wall)
                epochs.append((summary or {}).get("seconds_per_epoch"))
                print(f"{path.stem} {'quick' if quick else 'full'} run {i + 1}/{args.n}: {wall:.1f} s", flush=True)
            row = {
                "median_wall_seconds": round(statistics.median(walls), 1),
                "min_wall_seconds": round(min(walls), 1),
                "max_wall_seconds": round(max(walls), 1),
            }
            if None not in epochs:
                row["median_seconds_per_epoch"] = round(statistics.median(epochs), 2)
                row["spread_seconds_per_epoch"] = [round(min(epochs), 2), round(max(epochs), 2)]
            bench["notebooks"].setdefault(path.stem, {})["quick" if quick else "full"] = row
    print("\nnotebook                                   mode    median wall   [min, max]     s/epoch")
    slow = []
    for name, rows in bench["notebooks"].items():
        for mode, r in rows.items():
            over = mode == "quick" and r["median_wall_seconds"] > QUICK_TARGET_S
            slow += [name] if over else []
            print(
                f"{name:42s} {mode:6s} {r['median_wall_seconds']:9.1f} s   [{r['min_wall_seconds']}, "
                f"{r['max_wall_seconds']}]   {r.get('median_seconds_per_epoch', '-')}"
                f"{f'   over the {QUICK_TARGET_S} s quick-mode target' if over else ''}"
            )
    results["benchmark"] = bench
    save_results(results)
    report.write(results)
    if slow:
        sys.exit(f"quick mode over its {QUICK_TARGET_S} s target (median): {', '.join(slow)}")


def with_seed(path, seed):
    """The notebook with its settings cell's `SEED = ...` line set to `seed` (in memory; the file is untouched)."""
    nb = nbformat.read(path, as_version=4)
    settings = next(cell for cell in nb.cells if cell.cell_type == "code")
    settings.source, count = re.subn(r"^SEED = \d+", f"SEED = {seed}", settings.source, flags=re.M)
    if count != 1:
        sys.exit(f"{path.name}: the first code cell has no line 'SEED = <number>'")
    return nb


def cmd_seeds(args):
    """Full mode once per seed: how far apart are two runs that differ only in their random numbers?"""
    use_standin_without_real_data()  # lecture 14 on the stand-in where ALL-IDB2 is absent, as in the tests
    if args.n < 2:
        sys.exit("seeds: a spread needs at least two seeds (-n 2 or more)")
    results = load_results()
    mode = "quick" if args.quick else "full"
    for path in select(args.notebooks):
        metrics = list(BY_STEM[path.stem].seed_metrics)
        runs = []
        for seed in range(args.n):
            _, wall, summary = execute(path, quick=args.quick, nb=with_seed(path, seed))
            runs.append({"seed": seed, **{m: summary[m] for m in metrics}, "wall_seconds": round(wall, 1)})
            print(f"{path.stem} seed {seed}: " + ", ".join(f"{m} {summary[m]}" for m in metrics), flush=True)
        spread = {}
        for m in metrics:
            values = [run[m] for run in runs]
            spread[m] = {
                "mean": round(statistics.mean(values), 4),
                "sd": round(statistics.stdev(values), 4),
                "min": min(values),
                "max": max(values),
            }
        results.setdefault("seeds" if mode == "full" else "seeds_quick", {})[path.stem] = {
            "date": date.today().isoformat(),
            "machine": machine_info(),
            "mode": mode,
            "device": summary["device"],
            "seeds": list(range(args.n)),
            "spread": spread,
            "runs": runs,
        }
        save_results(results)
    report.write(results)


def cmd_suite(args):
    """Time CI's own run on a fresh clone: `bash .ci/run` (datasets from ../shared, venv created from scratch)."""
    results = load_results()
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "main"
        subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
        shared = REPO.parent / "shared"
        if shared.is_dir():
            (Path(tmp) / "shared").symlink_to(shared.resolve())
        else:  # no offline mirror: lend the clone this checkout's datasets
            for item in (REPO / "data").iterdir():
                if item.is_dir():
                    (clone / "data" / item.name).symlink_to(item)
        start = time.perf_counter()
        proc = subprocess.run(
            ["bash", ".ci/run"], cwd=clone, capture_output=True, text=True, env={**os.environ, "CI": "true"}
        )
        wall = time.perf_counter() - start
    lines = [line for line in proc.stdout.splitlines() if " passed" in line or " failed" in line]
    print(proc.stdout[-4000:], proc.stderr[-2000:])
    results["test_suite"] = {
        "date": date.today().isoformat(),
        "machine": machine_info(),
        "command": "bash .ci/run on a fresh clone (venv created, datasets copied)",
        "wall_seconds": round(wall, 1),
        "exit_code": proc.returncode,
        "pytest_summary": lines[-1].strip("= ") if lines else "",
        "quick_seconds": {
            m.group(2): float(m.group(1))
            for m in re.finditer(r"^\s+([0-9.]+) s\s+(\S+)\.ipynb$", proc.stdout, re.M)  # conftest's time report
        },
    }
    save_results(results)
    report.write(results)
    print(f"bash .ci/run on a fresh clone: {wall:.0f} s, exit code {proc.returncode}")


def cmd_versions(args):
    """The quick-mode test suite under another environment's Python (e.g. the oldest or newest torch that
    requirements.txt admits), recorded in results.json under "versions"."""
    probe = (
        "import platform, numpy, torch, torchvision; print(platform.python_version(), torch.__version__, "
        "torchvision.__version__, numpy.__version__)"
    )
    found = subprocess.run([args.python, "-c", probe], capture_output=True, text=True)
    if found.returncode != 0:
        sys.exit(f"{args.python} cannot import torch/torchvision/numpy:\n{found.stderr[-2000:]}")
    python, torch_version, vision_version, numpy_version = found.stdout.split()
    start = time.perf_counter()
    proc = subprocess.run(
        [args.python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "DLVC_QUICK": "1"},
    )
    wall = time.perf_counter() - start
    lines = [line for line in proc.stdout.splitlines() if " passed" in line or " failed" in line or " error" in line]
    failed = [line.split(" - ")[0] for line in proc.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    print(proc.stdout[-3000:])
    entry = {
        "date": date.today().isoformat(),
        "python": python,
        "torch": torch_version,
        "torchvision": vision_version,
        "numpy": numpy_version,
        "exit_code": proc.returncode,
        "pytest_summary": lines[-1].strip("= ") if lines else "",
        "failed": failed[:20],
        "wall_seconds": round(wall, 1),
        "machine": machine_info()["cpu"],
    }
    results = load_results()
    results.setdefault("versions", [])
    results["versions"] = [
        e for e in results["versions"] if (e["torch"], e["torchvision"]) != (torch_version, vision_version)
    ] + [entry]
    save_results(results)
    report.write(results)
    print(
        f"torch {torch_version} / torchvision {vision_version}: exit code {proc.returncode}, {entry['pytest_summary']}"
    )


# The course's notebooks (github.com/iitkliv/dlvcnptel, not part of this repository) for each of our lectures and the
# data folders they read come from tools/lectures.py (course_notebooks, course_data; torchvision finds the .gz files
# there and downloads nothing). The one change they need to run on today's Python: `iterator.next()` became
# `next(iterator)` in Python 3.
COURSE = {lecture.number: lecture for lecture in LECTURES if lecture.course_notebooks}


def printed_tail(nb, lines=6):
    """The last lines a notebook printed (the course's notebooks end with their accuracy per class)."""
    text = "".join(
        o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream"
    )
    return [line for line in text.splitlines() if line.strip()][-lines:]


def cmd_course(args):
    """Side by side on this machine, alternating: each course notebook as published (float64 where it uses it, four
    DataLoader workers, its own epochs) and our notebook's student edition (the lecture's chapter without the worked
    solutions of the exercises) in full mode. Medians of n runs each, stored under "course_comparison"."""
    course_dir = Path(args.course_dir)
    data = Path(os.environ.get("DLVC_DATA") or REPO / "data")
    results = load_results()
    table = {}
    for lecture in args.lectures:
        files, folders = COURSE[lecture].course_notebooks, COURSE[lecture].course_data
        missing = [f for f in files if not (course_dir / f).exists()] + [
            s for s in folders.values() if not (data / s).is_dir()
        ]
        if missing:
            sys.exit(f"course: missing {missing} (course notebooks in {course_dir}, datasets in {data})")
        ours = student_copy(nbformat.read(COURSE[lecture].path, as_version=4))
        walls, tails = {"course": [], "ours": []}, {}
        for i in range(args.n):
            with tempfile.TemporaryDirectory() as tmp:
                tmp = Path(tmp)
                for target, source in folders.items():
                    (tmp / target).mkdir(parents=True)
                    for gz in (data / source).glob("*.gz"):
                        shutil.copy(gz, tmp / target)
                wall = 0.0
                for name in files:
                    nb = nbformat.read(course_dir / name, as_version=4)
                    for cell in nb.cells:
                        cell.source = re.sub(r"(\w+)\.next\(\)", r"next(\1)", cell.source)
                    wall += run_timed(nb, tmp)
                    tails[name] = printed_tail(nb)
                walls["course"].append(wall)
            walls["ours"].append(
                run_timed(nbformat.from_dict(ours), NOTEBOOK_DIR, {"DLVC_QUICK": "0", "DLVC_DATA": str(data)})
            )
            print(
                f"lecture {lecture} run {i + 1}/{args.n}: course {walls['course'][-1]:.1f} s, "
                f"ours {walls['ours'][-1]:.1f} s",
                flush=True,
            )
        table[lecture] = {
            "course_notebooks": list(files),
            "ours": f"{COURSE[lecture].stem} (student edition, full mode)",
            "course_seconds": [round(w, 1) for w in walls["course"]],
            "ours_seconds": [round(w, 1) for w in walls["ours"]],
            "course_median": round(statistics.median(walls["course"]), 1),
            "ours_median": round(statistics.median(walls["ours"]), 1),
            "course_printed_last": tails,
            "date": date.today().isoformat(),
            "machine": machine_info(),
            "repeats": args.n,
        }
    previous = results.get("course_comparison", {}).get("lectures", {})
    results["course_comparison"] = {"lectures": {**previous, **table}}  # one lecture at a time keeps the others
    save_results(results)
    report.write(results)
    for lecture, row in table.items():
        print(
            f"lecture {lecture}: course {row['course_median']} s, ours {row['ours_median']} s "
            f"({row['ours_median'] / row['course_median']:.2f}x)"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="execute notebooks in full mode and write them back")
    run.add_argument("notebooks", nargs="*", help="substrings of notebook names (default: all)")
    run.add_argument("--twice", action="store_true", help="run each twice and record whether the metrics are identical")
    bench = sub.add_parser("benchmark", help="time notebooks in quick and full mode")
    bench.add_argument("notebooks", nargs="*")
    bench.add_argument("-n", type=int, default=3, help="repeats per notebook and mode (default 3)")
    bench.add_argument("--quick-only", action="store_true")
    seeds = sub.add_parser("seeds", help="full mode with SEED = 0 .. n-1, not written back: the spread of the results")
    seeds.add_argument("notebooks", nargs="*")
    seeds.add_argument("-n", type=int, default=10, help="number of seeds (default 10)")
    seeds.add_argument("--quick", action="store_true", help="quick mode instead of full mode (stored as seeds_quick)")
    sub.add_parser("suite", help="time bash .ci/run on a fresh clone (venv creation included)")
    versions = sub.add_parser("versions", help="run the quick-mode suite with another environment's python")
    versions.add_argument("python", help="path of that environment's python, e.g. /tmp/venv-torch23/bin/python")
    course = sub.add_parser("course", help="time the course's own notebooks beside ours, alternating")
    course.add_argument("course_dir", help="a checkout of github.com/iitkliv/dlvcnptel")
    course.add_argument("lectures", nargs="*", default=["29", "20"], choices=sorted(COURSE))
    course.add_argument("-n", type=int, default=3, help="runs of each side (default 3)")
    args = parser.parse_args()
    if args.command == "run":
        cmd_run(args)
    elif args.command == "benchmark":
        cmd_benchmark(args)
    elif args.command == "seeds":
        cmd_seeds(args)
    elif args.command == "suite":
        cmd_suite(args)
    elif args.command == "versions":
        cmd_versions(args)
    else:
        cmd_course(args)


if __name__ == "__main__":
    main()
