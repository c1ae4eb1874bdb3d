"""Student edition: copies of the notebooks without their worked solutions (make student).

    python -m tools.student [--out build/student] [NOTEBOOK ...]

Every cell tagged "solution" (the collapsed solution code and its markdown answer) is left out; everything else,
the exercises and their starter cells ("# your code here") included, is kept as it is, stored outputs too. The
copies go to build/student/ (not committed): hand them out as assignments and keep the full notebooks for yourself.
"""

import argparse
import sys
from pathlib import Path

import nbformat

from tools.lectures import NOTEBOOK_DIR, REPO
from tools.tags import SOLUTION, tags_of

NOTICE = (
    "\n\n*Student edition: the worked solutions to the exercises are left out. The full notebook is in the "
    "course repository.*"
)


def is_solution(cell):
    return SOLUTION in tags_of(cell)


def student_copy(nb):
    """The notebook without its solution cells, with one line under the title saying so."""
    nb = nbformat.from_dict(nb)
    nb.cells = [cell for cell in nb.cells if not is_solution(cell)]
    if nb.cells and nb.cells[0].cell_type == "markdown":
        nb.cells[0].source = nb.cells[0].source.rstrip() + NOTICE
    return nb


def build(notebooks, out):
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        removed = sum(map(is_solution, nb.cells))
        copy = student_copy(nb)
        nbformat.write(copy, out / path.name)
        written.append(out / path.name)
        print(f"{out / path.name}: {removed} solution cells left out, {len(copy.cells)} cells kept")
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "student")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    build(notebooks, args.out)


if __name__ == "__main__":
    sys.exit(main())
