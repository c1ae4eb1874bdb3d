"""Reading a committed notebook's cells, text and stored outputs: for the tools (the stand-in command runs a tagged
cell) and for the static tests. Plain json and nbformat; nothing here runs a kernel."""

import ast
import json
import re
from pathlib import Path

import nbformat

from tools.lectures import NOTEBOOK_DIR, REPO  # noqa: F401  (REPO: the tests take it from here)

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def parse_cell(source):
    """A code cell's source as a Python syntax tree, with IPython magics and shell escapes blanked out."""
    lines = ["pass" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    return ast.parse("\n".join(lines))


def code_cells(path):
    """[(tags, source)] of the notebook's code cells, in order."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return [(c.get("metadata", {}).get("tags", []), "".join(c["source"])) for c in cells if c["cell_type"] == "code"]


def sources(path, *tags):
    """The sources of the cells carrying any of `tags` (all code cells when no tag is given), in order."""
    return [src for cell_tags, src in code_cells(path) if not tags or set(tags) & set(cell_tags)]


def tagged(path, tag):
    """The source of the one code cell that carries `tag`."""
    found = sources(path, tag)
    if len(found) != 1:
        raise ValueError(f"{Path(path).name} should have exactly one code cell tagged {tag!r}, it has {len(found)}")
    return found[0]


def notebook(stem):
    """The committed notebook notebooks/STEM.ipynb, as nbformat reads it."""
    return nbformat.read(NOTEBOOK_DIR / f"{stem}.ipynb", as_version=4)


def markdown(nb):
    """All markdown text of a notebook, one cell after the other."""
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def printed(cell):
    """What a code cell printed (its stored stream outputs)."""
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def code_shape(source):
    """Code with its layout taken out: no white space, no trailing commas, one kind of quote. Two pieces of code
    that a formatter (or a re-wrapped line) tells apart have the same shape, so tests that look for code compare
    shapes and do not stop a formatter or a refactor that keeps the code."""
    return re.sub(r"\s+", "", re.sub(r",\s*([)\]}])", r"\1", source)).replace("'", '"')


def has_code(source, snippet):
    """Whether `snippet` stands in `source`, layout aside (see code_shape)."""
    return code_shape(snippet) in code_shape(source)


def cell_with(nb, snippet):
    """The one code cell whose source holds `snippet`, layout aside (see code_shape)."""
    found = [c for c in nb.cells if c.cell_type == "code" and has_code(c.source, snippet)]
    assert len(found) == 1, f"one code cell holding {snippet!r}, found {len(found)}"
    return found[0]


# What a run leaves in a notebook that describes that run, not the notebook: nbclient's per-cell timestamps, and
# progress-bar widgets (live while a notebook runs; stored they read '0%' untrusted, on GitHub and in HTML).
RUN_CELL_METADATA = ("execution", "ExecuteTime")  # nbclient; the JupyterLab execute-time extension
RUN_NOTEBOOK_METADATA = ("widgets",)
WIDGET = "application/vnd.jupyter.widget-view+json"


def run_metadata(nb):
    """Where a notebook (an nbformat or plain dict) holds run-specific metadata or widget output: a list of places."""
    found = [f"notebook metadata {key!r}" for key in RUN_NOTEBOOK_METADATA if key in nb.get("metadata", {})]
    for i, cell in enumerate(nb["cells"]):
        found += [f"cell {i}: metadata {key!r}" for key in RUN_CELL_METADATA if key in cell.get("metadata", {})]
        found += [f"cell {i}: a widget output" for out in cell.get("outputs", []) if WIDGET in out.get("data", {})]
    return found


def strip_run_metadata(nb):
    """Remove what run_metadata() finds, in place: the saved notebook keeps its printed logs and figures only."""
    for key in RUN_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in RUN_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if WIDGET not in o.get("data", {})]
    return nb
