"""Helpers for the tests that run a notebook's own cells in this process (not a kernel), and for the static tests
that read a committed notebook's text and stored outputs."""
import json
import socket
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


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


def run(sources, namespace=None):
    """Exec cells in order in one namespace; return (namespace, the first exception raised or None)."""
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    for source in sources:
        try:
            exec(compile(source, "<notebook cell>", "exec"), namespace)
        except Exception as err:  # noqa: BLE001 - the tests inspect whatever the notebook raised
            return namespace, err
    return namespace, None


def newcomer(monkeypatch, **settings):
    """A newcomer's environment, run from notebooks/: quick mode, no DLVC_ variable but `settings`
    (e.g. DLVC_DEVICE="cpu", DLVC_DATA=...), plots to no screen."""
    for var in ("DLVC_DEVICE", "DLVC_DATA", "DLVC_ALL_IDB2_STANDIN", "DLVC_QUICK"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DLVC_QUICK", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    for var, value in settings.items():
        monkeypatch.setenv(var, str(value))
    monkeypatch.chdir(REPO / "notebooks")


def block_network(monkeypatch):
    """No internet: every connection attempt fails at once, as on a machine offline."""
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def notebook(stem):
    """The committed notebook notebooks/STEM.ipynb, as nbformat reads it."""
    return nbformat.read(REPO / "notebooks" / f"{stem}.ipynb", as_version=4)


def markdown(nb):
    """All markdown text of a notebook, one cell after the other."""
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def printed(cell):
    """What a code cell printed (its stored stream outputs)."""
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def cell_with(nb, snippet):
    """The one code cell whose source holds `snippet`."""
    found = [c for c in nb.cells if c.cell_type == "code" and snippet in c.source]
    assert len(found) == 1, f"one code cell holding {snippet!r}, found {len(found)}"
    return found[0]
