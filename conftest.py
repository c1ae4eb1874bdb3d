"""pytest set-up for the whole suite: quick mode, offline stand-ins, and a per-notebook time report.

nbval runs every notebook in notebooks/ in a fresh kernel, which inherits this process's
environment, so the settings made here reach the notebooks.
"""
import os
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent
QUICK_LIMIT_S = float(os.environ.get("DLVC_QUICK_LIMIT_S", "60"))

os.environ.setdefault("DLVC_QUICK", "1")          # DLVC_QUICK=0 pytest ... runs the full lecture set-ups instead
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


# ALL-IDB2 cannot be downloaded: without the real images, lecture 14 is tested on the synthetic stand-in.
sys.path.insert(0, str(REPO / "tests"))
from make_all_idb2_standin import use_standin_without_real_data  # noqa: E402

use_standin_without_real_data(os.environ.get("DLVC_DATA") or REPO / "data")

_notebook_seconds = defaultdict(float)


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::")[0]
    if path.endswith(".ipynb"):
        _notebook_seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter):
    if not _notebook_seconds:
        return
    quick = os.environ.get("DLVC_QUICK") == "1"
    terminalreporter.section(f"notebook wall time ({'quick' if quick else 'full'} mode)")
    for path, seconds in sorted(_notebook_seconds.items()):
        flag = "  <-- over the quick-mode limit" if quick and seconds > QUICK_LIMIT_S else ""
        terminalreporter.write_line(f"{seconds:7.1f} s  {path}{flag}")


def pytest_sessionfinish(session, exitstatus):
    """Quick mode is for CI and live demos: a notebook over the limit fails the run."""
    if os.environ.get("DLVC_QUICK") != "1":
        return
    slow = {p: s for p, s in _notebook_seconds.items() if s > QUICK_LIMIT_S}
    if slow and session.exitstatus == 0:
        for path, seconds in slow.items():
            print(f"\nFAILED: {path} took {seconds:.1f} s in quick mode (limit {QUICK_LIMIT_S:.0f} s)")
        session.exitstatus = 1
