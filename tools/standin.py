"""Draw the SYNTHETIC stand-in for ALL-IDB2 from the command line (for dry runs and CI; it is not medical data).

ALL-IDB2 (University of Milan) is given out only to people who sign its licence agreement, so it can be
neither downloaded by code nor shipped with this repository. The lecture 14 notebook therefore draws a
stand-in itself when `USE_STANDIN = True`: 260 cartoon cells with the real data set's file names, image size
and label split. The drawing code lives in that notebook only (its collapsed cell tagged `standin-generator`),
so that the notebook also runs on its own, e.g. in Colab. This command runs that same cell, from the
repository's folder:

    python -m tools.standin [DATA_DIR]      # default: the repository's data/

and writes DATA_DIR/ALL_IDB2_standin/img/Im001_1.tif ... Im260_0.tif (257x257 RGB TIFF; Im001-Im130 label 1 =
blast, Im131-Im260 label 0 = healthy, as in ALL-IDB2) and a README.txt that says it is synthetic. The real
data go to DATA_DIR/ALL_IDB2/img/, a different folder, so the two can never be confused.
"""

import os
import sys
from pathlib import Path

from tools.lectures import BY_NUMBER, REPO
from tools.notebook_cells import tagged

NOTEBOOK = BY_NUMBER["14"].path
TAG = "standin-generator"
FOLDER = "ALL_IDB2_standin"


def generator():
    """The notebook's generator cell, executed with the stand-in switch off: a namespace with make_standin()."""
    namespace = {"__name__": "standin_generator", "USE_STANDIN": False, "DATA_DIR": None}
    exec(compile(tagged(NOTEBOOK, TAG), f"<{NOTEBOOK.name}, cell {TAG}>", "exec"), namespace)
    return namespace


def main(data_dir):
    """Write the stand-in under data_dir/ALL_IDB2_standin/ and return the path of its img/ folder."""
    return generator()["make_standin"](Path(data_dir))


def use_standin_without_real_data(data_dir=None):
    """For automated runs: without the real ALL-IDB2 in data_dir (default: DLVC_DATA, else the repository's data/),
    select the stand-in (the notebook draws it)."""
    data_dir = data_dir or os.environ.get("DLVC_DATA") or REPO / "data"
    if not (Path(data_dir) / "ALL_IDB2" / "img").is_dir():
        os.environ.setdefault("DLVC_ALL_IDB2_STANDIN", "1")


if __name__ == "__main__":
    default = REPO / "data"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if not target.is_dir():
        sys.exit(f"{target} is not an existing folder: create it first or pass another one.")
    folder = main(target)
    print(
        f"wrote 260 SYNTHETIC stand-in images to {folder} "
        f"(set USE_STANDIN = True in the lecture 14 notebook; they are not the real ALL-IDB2)"
    )
