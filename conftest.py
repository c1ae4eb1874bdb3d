"""pytest set-up for the whole suite: quick mode, offline stand-ins, notebooks run alone, a per-notebook time report.

`make test` (plain `pytest`, no paths) runs tests/ and then every notebook with nbval, each one **copied alone** into
an empty temporary folder outside the repository, with its data set in a data/ folder next to it where a download
would have put it: as a student has it in Colab, Kaggle, or with one downloaded file. The notebook must find (or
create) that folder itself; lecture 14 draws its synthetic stand-in there. `pytest notebooks/NAME.ipynb` runs a
notebook where it lies, in the repository, instead. nbval runs every notebook in a fresh kernel, which inherits this
process's environment, so the settings made here reach the notebooks.

Each notebook's wall time is reported at the end. Time fails a run only where DLVC_QUICK_LIMIT_S is set (CI sets it,
from measurements: see .ci/run): on a slow laptop `make test` reports, it does not punish.
"""

import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest

from tools.lectures import lecture_of
from tools.standin import use_standin_without_real_data

REPO = Path(__file__).resolve().parent
QUICK_LIMIT_S = float(os.environ["DLVC_QUICK_LIMIT_S"]) if os.environ.get("DLVC_QUICK_LIMIT_S") else None

os.environ.setdefault("DLVC_QUICK", "1")  # DLVC_QUICK=0 pytest ... runs the full lecture set-ups instead
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

# Every figure a notebook shows is checked in its kernel (title, axis labels, text >= 9 pt): an IPython folder of
# the test run's own gives the kernels nbval starts a start-up file that runs tests/figure_check.py.
IPYTHON_DIR = Path(tempfile.mkdtemp(prefix="dlvc-ipython-"))
(IPYTHON_DIR / "profile_default" / "startup").mkdir(parents=True)
(IPYTHON_DIR / "profile_default" / "startup" / "00-figure-check.py").write_text(
    f"__import__('runpy').run_path({str(REPO / 'tests' / 'figure_check.py')!r}, run_name='dlvc_figure_check')\n",
    encoding="utf-8",
)
os.environ["IPYTHONDIR"] = str(IPYTHON_DIR)

# ALL-IDB2 cannot be downloaded: without the real images, lecture 14 is tested on the synthetic stand-in.
use_standin_without_real_data()


def place_data(stem, data):
    """What a notebook finds in its data/ folder when it runs alone, i.e. what a first run with internet leaves there
    (its `datasets` in tools/lectures.py). MNIST-like sets: their four .gz files, copied (the notebook unpacks
    them). CIFAR-10: the image folders, linked (60 000 files; the decoded cache is shared with runs in the
    repository). ALL-IDB2: linked if you have it; else nothing, and the notebook draws the stand-in."""
    for name in lecture_of(stem).datasets:
        source = REPO / "data" / name
        if name in ("CIFAR10-images", "ALL_IDB2"):
            if source.is_dir():
                (data / name).symlink_to(source, target_is_directory=True)
        elif (source / "raw").is_dir():
            (data / name / "raw").mkdir(parents=True)
            for path in (source / "raw").glob("*.gz"):
                shutil.copy(path, data / name / "raw")


def pytest_configure(config):
    """Time every notebook; and with plain `pytest`, add the notebooks, each copied alone into a temporary folder,
    to what is collected."""
    config.pluginmanager.register(NotebookTimer(), "dlvc-notebook-timer")
    config.add_cleanup(lambda: shutil.rmtree(IPYTHON_DIR, ignore_errors=True))
    if hasattr(config, "args_source"):
        from_testpaths = config.args_source == pytest.Config.ArgsSource.TESTPATHS
    else:  # older pytest: no path among the command-line arguments
        from_testpaths = not [arg for arg in config.invocation_params.args if not str(arg).startswith("-")]
    if not from_testpaths:
        return  # paths given: run exactly those
    root = Path(tempfile.mkdtemp(prefix="dlvc-alone-"))
    for notebook in sorted((REPO / "notebooks").glob("*.ipynb")):
        folder = root / notebook.stem
        (folder / "data").mkdir(parents=True)
        place_data(notebook.stem, folder / "data")
        shutil.copy(notebook, folder)
    config.args.append(str(root))
    config.add_cleanup(lambda: shutil.rmtree(root, ignore_errors=True))


class NotebookTimer:
    """Wall time per notebook, and the quick-mode limit where one is set. A plugin object, not conftest hooks:
    conftest hooks are not called for the notebooks copied to a temporary folder outside this directory."""

    def __init__(self):
        self.seconds = defaultdict(float)

    def pytest_runtest_logreport(self, report):
        path = report.nodeid.split("::")[0]
        if path.endswith(".ipynb"):
            self.seconds[Path(path).name] += report.duration

    def pytest_terminal_summary(self, terminalreporter):
        if not self.seconds:
            return
        quick = os.environ.get("DLVC_QUICK") == "1"
        terminalreporter.section(f"notebook wall time ({'quick' if quick else 'full'} mode)")
        for name, seconds in sorted(self.seconds.items()):
            over = quick and QUICK_LIMIT_S is not None and seconds > QUICK_LIMIT_S
            terminalreporter.write_line(f"{seconds:7.1f} s  {name}{'  <-- over the quick-mode limit' if over else ''}")
        if quick and QUICK_LIMIT_S is None:
            terminalreporter.write_line(
                "(reported only: DLVC_QUICK_LIMIT_S=SECONDS makes a slower notebook fail, as CI does)"
            )

    def pytest_sessionfinish(self, session, exitstatus):
        """Quick mode is for CI and live demos: with DLVC_QUICK_LIMIT_S set, a notebook over it fails the run."""
        if os.environ.get("DLVC_QUICK") != "1" or QUICK_LIMIT_S is None:
            return
        slow = {p: s for p, s in self.seconds.items() if s > QUICK_LIMIT_S}
        if slow and session.exitstatus == 0:
            for path, seconds in slow.items():
                print(f"\nFAILED: {path} took {seconds:.1f} s in quick mode (limit {QUICK_LIMIT_S:.0f} s)")
            session.exitstatus = 1
