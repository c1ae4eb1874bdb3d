"""results/results.json -> the tables people read: README's headline table and results/README.md's long tables.

    python -m tools.report          rewrite both from results/results.json (make reproduce does it too)

Pure functions from a results dict to Markdown, so that they can be tested on a small fixture
(tests/test_report.py); `write()` is the only one that touches files. Each file keeps its hand-written text: only the
part between `<!-- results:start -->` and `<!-- results:end -->` is generated.
"""

import json
import statistics
import sys

from tools.lectures import LECTURES, NOTEBOOK_DIR, REPO

RESULTS = REPO / "results" / "results.json"
README = REPO / "README.md"
RESULTS_README = REPO / "results" / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
SUMMARY_MARK = "DLVC_SUMMARY:"


def load_results(path=RESULTS):
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"notebooks": {}}


def save_results(results, path=RESULTS):
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_summary(cell):
    """The summary dict that a cell appended for the run printed after SUMMARY_MARK, or None."""
    for out in cell.get("outputs", []):
        for line in out.get("text", "").splitlines():
            if line.startswith(SUMMARY_MARK):
                return json.loads(line[len(SUMMARY_MARK) :])
    return None


def link(stem, topic):
    return f"[{topic}](notebooks/{stem}.ipynb)" if (NOTEBOOK_DIR / f"{stem}.ipynb").exists() else topic


def fmt_time(entry):
    if not entry:
        return "—"
    text = f"{entry['wall_seconds']:.0f} s"
    if entry["summary"].get("seconds_per_epoch") is not None:
        text += f" ({entry['summary']['seconds_per_epoch']:.2f} s/epoch)"
    if entry["machine"].get("gpu") and entry["summary"]["device"].startswith("cuda"):
        text += f", {entry['machine']['gpu']}"
    return text


def machines_of(entries):
    return sorted(
        {f"{e['machine']['cpu']}, {e['machine']['cores']} cores, torch {e['machine']['torch']}" for e in entries}
    )


def headline_table(results):
    """README's table: per lecture what it reported and what the stored full run measured, with CPU/GPU time."""
    rows = [
        "| Lecture | Notebook | Lecture reported | Measured here (full mode) | CPU time | GPU time |",
        "|---|---|---|---|---|---|",
    ]
    for lecture in LECTURES:
        runs = results["notebooks"].get(lecture.stem, {})
        cpu, gpu = runs.get("cpu"), runs.get("cuda")
        best = cpu or gpu
        measured = lecture.format_headline(best["summary"]) if best else "not run yet"
        rows.append(
            f"| {lecture.number} | {link(lecture.stem, lecture.topic)} | {lecture.reported} | {measured} | "
            f"{fmt_time(cpu)} | {fmt_time(gpu) if gpu else 'not measured yet'} |"
        )
    entries = [e for runs in results["notebooks"].values() for e in runs.values()]
    lines = rows + [
        "",
        f"CPU time: the whole notebook, the worked solutions of its exercises included, wall clock, on "
        f"{'; '.join(machines_of(entries))} (median seconds per epoch of its main training in brackets). "
        "Numbers from `make reproduce`, stored in `results/results.json`; the seed spread, the test "
        "suite's time, the package versions checked and the course notebooks timed beside ours are in "
        "[results/README.md](results/README.md).",
    ]
    checked = [
        stem for stem, runs in results["notebooks"].items() if any("second_run_identical" in e for e in runs.values())
    ]
    if checked:
        same = [
            s for s in checked if all(e.get("second_run_identical", True) for e in results["notebooks"][s].values())
        ]
        lines.append(
            f"Determinism: two consecutive full runs gave identical metrics for {len(same)} of "
            f"{len(checked)} notebooks{'' if len(same) == len(checked) else ' (see results.json)'}."
        )
    return "\n".join(lines)


def seed_table(results):
    """The spread from the seed alone, full and quick mode."""
    lines = []
    for key, mode in (("seeds", "full"), ("seeds_quick", "quick")):
        studies = results.get(key)
        if not studies:
            continue
        where = sorted({f"{s['machine']['cpu']}, {s['machine']['cores']} cores, {s['date']}" for s in studies.values()})
        lines += [
            f"### {mode.capitalize()} mode",
            "",
            f"`python -m tools.reproduce seeds -n N{' --quick' if mode == 'quick' else ''}`: the same notebook "
            f"in {mode} mode with `SEED = 0, 1, …, N-1`. Measured on {'; '.join(where)}.",
            "",
            "| Notebook | metric | seed 0 | mean ± sd | [min, max] | seeds |",
            "|---|---|---|---|---|---|",
        ]
        for stem, study in studies.items():
            for metric, st in study["spread"].items():
                seed0 = next(run[metric] for run in study["runs"] if run["seed"] == 0)
                digits = 4 if abs(st["mean"]) < 1 else 2  # MSE values, else accuracies in %
                lines.append(
                    f"| {stem} | {metric} | {seed0} | {st['mean']:.{digits}f} ± {st['sd']:.{digits}f} | "
                    f"[{st['min']}, {st['max']}] | {len(study['seeds'])} ({study['device']}) |"
                )
        lines.append("")
    return "\n".join(lines).rstrip()


def suite_lines(results):
    suite = results.get("test_suite")
    if not suite:
        return ""
    lines = [
        f"`bash .ci/run` on a fresh clone, creating the venv and copying the datasets, on "
        f"{suite['machine']['cpu']} ({suite['machine']['cores']} cores), {suite['date']}, took "
        f"{suite['wall_seconds']:.0f} s ({suite['pytest_summary'] or 'exit code ' + str(suite['exit_code'])})."
    ]
    if suite.get("quick_seconds"):
        lines.append(
            "Quick mode in that run, per notebook (each copied alone, every figure checked): "
            + ", ".join(f"{stem.split('_')[0]} {sec:.0f} s" for stem, sec in suite["quick_seconds"].items())
            + "."
        )
    return "\n".join(lines)


def versions_table(results):
    entries = results.get("versions") or []
    if not entries:
        return ""
    lines = [
        "| torch / torchvision | Python | NumPy | date | machine | quick-mode test suite | how pip got there |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in sorted(entries, key=lambda e: e["date"]):
        outcome = e["pytest_summary"] or f"exit code {e['exit_code']}"
        if e.get("failed"):
            outcome += f" (first failure: {e['failed'][0]})"
        lines.append(
            f"| {e['torch']} / {e['torchvision']} | {e['python']} | {e['numpy']} | {e['date']} | "
            f"{e['machine']} | {outcome} | {e.get('resolved_by', '—')} |"
        )
    return "\n".join(lines)


def course_table(results):
    lectures = (results.get("course_comparison") or {}).get("lectures", {})
    if not lectures:
        return ""
    lines = [
        "| Lecture | course's notebooks | their time | ours (student edition, full mode) | ours / course "
        "| runs, machine, date |",
        "|---|---|---|---|---|---|",
    ]
    for number, row in sorted(lectures.items()):
        course, ours = row["course_seconds"], row["ours_seconds"]
        lines.append(
            f"| {number} | {', '.join(row['course_notebooks'])} | {statistics.median(course):.0f} s "
            f"[{min(course):.0f}–{max(course):.0f}] | {statistics.median(ours):.0f} s "
            f"[{min(ours):.0f}–{max(ours):.0f}] | {statistics.median(ours) / statistics.median(course):.2f} | "
            f"{row['repeats']}, {row['machine']['cpu']}, {row['date']} |"
        )
    return "\n".join(lines)


def benchmark_table(results):
    bench = results.get("benchmark")
    if not bench:
        return ""
    runs = [e["date"] for entries in results["notebooks"].values() for e in entries.values()]
    if runs and bench["date"] < max(runs):
        return (
            f"The last `make benchmark` ({bench['date']}) timed older versions of the notebooks than the stored "
            "runs; its numbers are kept in results.json but not shown."
        )
    lines = [
        f"`make benchmark` ({bench['repeats']} runs each, {bench['machine']['cpu']}, {bench['date']}): median "
        "wall time [min, max] per notebook and mode.",
        "",
        "| Notebook | quick mode | full mode | full: s/epoch |",
        "|---|---|---|---|",
    ]

    def cell(row):
        return (
            f"{row['median_wall_seconds']:.0f} s [{row['min_wall_seconds']:.0f}, {row['max_wall_seconds']:.0f}]"
            if row
            else "—"
        )

    for stem, modes in bench["notebooks"].items():
        full = modes.get("full")
        lines.append(
            f"| {stem} | {cell(modes.get('quick'))} | {cell(full)} | "
            f"{full.get('median_seconds_per_epoch', '—') if full else '—'} |"
        )
    return "\n".join(lines)


def results_readme_block(results):
    """The generated part of results/README.md."""
    parts = [
        ("## Spread from the seed alone", seed_table(results)),
        ("## Test suite", suite_lines(results)),
        ("## Package versions", versions_table(results)),
        ("## The course's notebooks timed beside ours", course_table(results)),
        ("## Benchmark", benchmark_table(results)),
    ]
    return "\n\n".join(f"{heading}\n\n{body}" for heading, body in parts if body)


def replace_block(text, block, name="file"):
    """`text` with everything between START and END replaced by `block`."""
    if START not in text or END not in text:
        raise ValueError(f"{name} has no {START} ... {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + START + "\n" + block + "\n" + END + tail


def write(results=None):
    """Rewrite README's headline table and results/README.md's tables from results.json."""
    results = load_results() if results is None else results
    for path, block in ((README, headline_table(results)), (RESULTS_README, results_readme_block(results))):
        path.write_text(replace_block(path.read_text(encoding="utf-8"), block, path.name), encoding="utf-8")
        print(f"{path.relative_to(REPO)}: results updated")


if __name__ == "__main__":
    sys.exit(write())
