"""After editing a notebook: the shared code stamped in, run-specific metadata out, slide types set (make tidy).

    python -m tools.tidy [NOTEBOOK ...]      (default: every notebook in notebooks/)

Changes sources and metadata only, never an output: run it after editing a notebook in Jupyter, and commit what it
wrote. `make reproduce` does the same around its full-mode run.
"""

import argparse
from pathlib import Path

import nbformat

from tools import slides, stamp
from tools.notebook_cells import NOTEBOOKS, run_metadata, strip_run_metadata


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or NOTEBOOKS
    stamp.main([])
    for path in paths:
        nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        if run_metadata(nb):
            nbformat.write(strip_run_metadata(nb), path)
            print(f"{Path(path).name}: run-specific metadata removed")
    slides.tag(paths)


if __name__ == "__main__":
    main()
