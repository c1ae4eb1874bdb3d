"""Static checks on the committed notebooks: format, conventions, and the reference outputs they carry.

These read the .ipynb files only; running the notebooks is nbval's job (see pytest.ini).
"""

import ast
import json
import re
import sys

import nbformat
import pytest

from tools.notebook_cells import NOTEBOOKS, WIDGET, run_metadata
from tools.notebook_cells import parse_cell as parse
from tools.tags import COLLAPSED, TAGS

THIRD_PARTY = {"torch", "torchvision", "numpy", "matplotlib", "PIL", "tqdm", "IPython"}
SETTINGS_NAMES = {"QUICK", "SEED", "EPOCHS", "BATCH_SIZE", "DEVICE", "DATA_DIR"}
ABSOLUTE_PATH = re.compile(
    r"(?<![\w.:/~])/(?:home|Users|root|work|tmp|mnt|opt|var|private)/|(?<![A-Za-z0-9])[A-Za-z]:\\\\[A-Za-z]"
)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def nb(request):
    return nbformat.read(request.param, as_version=nbformat.NO_CONVERT)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_valid_nbformat4_with_python3_kernel(nb):
    assert nb.nbformat == 4
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.kernelspec.language == "python"


def test_name_keeps_the_lecture_number():
    for path in NOTEBOOKS:
        assert re.fullmatch(r"lecture\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


ENV_READ = re.compile(r"os\.environ\.get\(|os\.environ\[|os\.getenv\(")


def assigned_names(source):
    """Names bound by plain assignments, tuple unpacking included."""
    names = set()
    for node in ast.walk(parse(source)):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names |= {t.id for t in ast.walk(target) if isinstance(t, ast.Name)}
    return names


def test_settings_cell_then_collapsed_setup_cell(nb):
    cells = code_cells(nb)
    settings, setup = cells[0], cells[1]
    assert settings.metadata.get("tags") == ["settings"], "the first code cell should be tagged 'settings'"
    assert setup.metadata.get("tags") == ["setup"], "the second code cell should be tagged 'setup'"
    for var in ("DLVC_QUICK", "DLVC_DEVICE", "DLVC_DATA"):
        assert var in settings.source, f"the settings cell does not read {var}"
    assigned = assigned_names(settings.source) | assigned_names(setup.source)
    missing = SETTINGS_NAMES - assigned
    assert not missing, f"the settings and set-up cells do not set {sorted(missing)}"
    knobs = assigned_names(settings.source)
    assert any(name.startswith(("LEARNING_RATE", "LR")) or "_LR" in name for name in knobs), (
        "the settings cell sets no learning rate"
    )
    assert not [n for n in ast.walk(parse(settings.source)) if isinstance(n, (ast.FunctionDef, ast.ClassDef))], (
        "the settings cell holds knobs only: functions belong in the set-up cell"
    )
    for cell in cells[1:]:
        assert not ENV_READ.search(cell.source), (
            "only the settings cell may read environment variables:\n" + cell.source[:300]
        )


def test_plumbing_cells_are_collapsed(nb):
    """Set-up, file reading, plotting helpers, the stand-in generator and worked solutions are not the lesson:
    collapsed in JupyterLab (jupyter.source_hidden) and in Colab (cellView form with an @title line)."""
    for cell in code_cells(nb):
        if COLLAPSED & set(cell.metadata.get("tags", [])):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:120]
            assert cell.metadata.get("cellView") == "form" and cell.source.startswith("# @title "), cell.source[:120]


def test_imports_only_installed_packages(nb):
    allowed = set(sys.stdlib_module_names) | THIRD_PARTY
    for cell in code_cells(nb):
        tree = parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, "relative import in a notebook"
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"imports {name!r}, which is not an installed package we use"
        assert "sys.path" not in cell.source, "notebooks must not change sys.path to import local code"


def test_outputs_are_a_clean_full_mode_run(nb):
    cells = code_cells(nb)
    counts = [c.execution_count for c in cells]
    assert None not in counts, "some code cells were never run: commit a full Restart & Run All"
    assert counts == sorted(counts) and len(set(counts)) == len(counts), "cells were run out of order"
    settings_text = "".join(o.get("text", "") for o in cells[1].outputs if o.output_type == "stream")
    assert "mode: full" in settings_text, "the stored outputs are not from a full-mode run"
    for cell in cells:
        for out in cell.outputs:
            assert out.output_type != "error", f"stored error output: {out.get('ename')}: {out.get('evalue')}"
            if out.output_type == "stream" and out.name == "stderr":
                assert "Warning" not in out.text, f"a warning in the stored output:\n{out.text[:500]}"


def test_no_absolute_paths(nb):
    text = json.dumps(nb)
    match = ABSOLUTE_PATH.search(text)
    assert not match, f"machine-specific absolute path: ...{text[max(0, match.start() - 60) : match.end() + 60]}..."


MAX_OUTPUT_LINES = 40


def test_no_run_specific_metadata_or_widgets(nb):
    """Clean diffs: no per-cell execution timestamps (nbclient writes them) and no stored progress-bar widget (it
    reads '0%' in an untrusted notebook, on GitHub and in HTML). `make tidy` removes both."""
    found = run_metadata(nb)
    assert not found, f"run-specific metadata, run `make tidy`: {found[:5]}{' ...' if len(found) > 5 else ''}"
    for cell in code_cells(nb):
        for out in cell.outputs:
            text = out.get("text", "") + "".join(out.get("data", {}).get("text/plain", ""))
            assert not re.search(r"\b0%\|", text), "a progress bar frozen at 0 %:\n" + text[:200]


def test_the_run_metadata_check_catches_a_fresh_nbclient_run():
    """A broken copy: what nbclient leaves in a cell it ran, and a widget output, are both found."""
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    assert not run_metadata(nb)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.metadata["execution"] = {"iopub.execute_input": "2026-12-08T03:00:00.000000Z"}
    cell.outputs.append(nbformat.v4.new_output("display_data", data={WIDGET: {"model_id": "x"}}))
    assert len(run_metadata(nb)) == 2


def test_every_tag_is_in_the_vocabulary(nb):
    """The tags the notebooks use are those of tools/tags.py (documented in CONTRIBUTING.md)."""
    used = {tag for cell in nb.cells for tag in cell.metadata.get("tags", [])}
    assert used <= set(TAGS), f"tags not in tools/tags.py: {sorted(used - set(TAGS))}"


def test_outputs_are_short(nb):
    """A cell's text output fits on a screen: logs print every k-th epoch, the plots show the whole history."""
    for cell in code_cells(nb):
        lines = sum(
            len(out.get("text", "").splitlines()) + len("".join(out.get("data", {}).get("text/plain", "")).splitlines())
            for out in cell.outputs
            if out.output_type in ("stream", "execute_result")
        )
        assert lines <= MAX_OUTPUT_LINES, f"{lines} lines of output (at most {MAX_OUTPUT_LINES}):\n" + cell.source[:200]


def test_has_results_and_learning_check(nb):
    tagged = {tag: c for c in code_cells(nb) for tag in c.metadata.get("tags", [])}
    assert "results" in tagged, "no cell tagged 'results' (the summary that make reproduce collects)"
    assert "learning-check" in tagged, "no cell tagged 'learning-check'"
    check = tagged["learning-check"].source
    assert "assert" in check and "quick" in check.lower(), (
        "the learning check must assert thresholds for quick and full mode (and say so when they are the same)"
    )
    results = tagged["results"]
    keys = {
        key.value
        for node in ast.walk(parse(results.source))
        if isinstance(node, ast.Dict)
        for key in node.keys
        if isinstance(key, ast.Constant)
    }
    for key in ("lecture", "mode", "device", "epochs"):
        assert key in keys, f"the results summary lacks {key!r}"
    assert not [o for o in results.outputs if o.output_type == "execute_result"], (
        "the results cell shows students one printed line, not the summary dict (make reproduce reads the dict)"
    )
    assert len("".join(o.get("text", "") for o in results.outputs).splitlines()) <= 2


def test_deterministic_cells_are_checked(nb):
    checked = [c for c in code_cells(nb) if c.source.startswith("# NBVAL_CHECK_OUTPUT")]
    assert checked, "no cell carries # NBVAL_CHECK_OUTPUT (dataset sizes, the printed model, parameter counts)"
    for cell in checked:
        assert cell.outputs, "a # NBVAL_CHECK_OUTPUT cell has no stored output to compare"


def test_modern_pytorch_only(nb):
    for cell in code_cells(nb):
        src = cell.source
        assert "Variable(" not in src, "torch.autograd.Variable is gone: use tensors"
        assert ".cuda()" not in src, "use .to(DEVICE) instead of .cuda()"
        assert ".data[0]" not in src, "use .item()"
        for match in re.finditer(r"\b(?:F|torch)\.(?:log_)?softmax\(", src):
            call = src[match.end() : match.end() + 200].split("\n")[0]
            assert "dim=" in call, f"softmax needs an explicit dim=: {src[match.start() : match.start() + 80]}"


MAX_SETTINGS_LINES = 15
MAX_VISIBLE_CELL_LINES = 30
MAX_LINE_CHARS = 100


def is_collapsed(cell):
    return cell.metadata.get("jupyter", {}).get("source_hidden") is True


def test_settings_cell_holds_the_knobs_only(nb):
    """At most one screen of code before the first picture: the settings cell is short."""
    settings = code_cells(nb)[0]
    lines = settings.source.splitlines()
    assert len(lines) <= MAX_SETTINGS_LINES, (
        f"the settings cell has {len(lines)} lines (at most {MAX_SETTINGS_LINES}): move plumbing to the set-up cell"
    )


def test_visible_code_cells_are_short(nb):
    """A visible code cell fits on a slide; longer helpers that are not the lesson are collapsed."""
    for cell in code_cells(nb):
        lines = cell.source.splitlines()
        if not is_collapsed(cell):
            assert len(lines) <= MAX_VISIBLE_CELL_LINES, (
                f"a visible code cell of {len(lines)} lines (at most {MAX_VISIBLE_CELL_LINES}):\n" + cell.source[:200]
            )


def test_code_lines_fit_the_screen(nb):
    """JupyterLab with its file browser open shows about 100 characters of code."""
    for cell in code_cells(nb):
        for line in cell.source.splitlines():
            assert len(line) <= MAX_LINE_CHARS, (
                f"a code line of {len(line)} characters (at most {MAX_LINE_CHARS}):\n{line}"
            )


def test_collapsed_cells_are_marked_for_jupyterlab_and_colab(nb):
    """A cell with an @title line is collapsed in both, and every collapsed cell says what it holds."""
    for cell in code_cells(nb):
        titled = cell.source.startswith("# @title ")
        marked = is_collapsed(cell) and cell.metadata.get("cellView") == "form"
        assert titled == marked == is_collapsed(cell), (
            "a collapsed cell needs jupyter.source_hidden, cellView 'form' and a first line '# @title ...':\n"
            + cell.source[:120]
        )


def test_chapter_ends_with_exercises_then_checks(nb):
    """Same order everywhere: ... our numbers against the lecture's -> exercises (and their solutions) -> the checks
    for automated runs (the cells tagged results and learning-check) last."""
    position = {id(c): i for i, c in enumerate(nb.cells)}
    exercises = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Exercises")]
    assert len(exercises) == 1, "one markdown cell starting with '## Exercises'"
    checks = [
        position[id(c)] for c in code_cells(nb) if {"results", "learning-check"} & set(c.metadata.get("tags", []))
    ]
    solutions = [i for i, c in enumerate(nb.cells) if "solution" in c.metadata.get("tags", [])]
    assert checks and min(checks) > max(solutions + exercises), (
        "the checks for automated runs come last, after the exercises and their solutions"
    )
