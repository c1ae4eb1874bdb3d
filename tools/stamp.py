"""One source for the code that several notebooks share: tools/shared/NAME.py, stamped into the notebooks.

    python -m tools.stamp            write every shared block into the notebooks that have it (make stamp)
    python -m tools.stamp --check    change nothing; exit 1 and list the differences (the test suite does this)

Each notebook must run alone (Colab, Kaggle, one downloaded file), so it cannot import our code: the device choice,
the seeding and version line, the MD5 check and the MNIST/Fashion-MNIST reader are copied into every notebook that
needs them. The copies are not edited by hand. In a notebook, a shared block stands between two marker lines,

    # --- shared: NAME (the same in lectures 17, 20, 29) ---
    ...
    # --- end of shared: NAME ---

and this command replaces what is between them by tools/shared/NAME.py (and the first marker's list of lectures by
the lectures that have the block). Which notebook has which blocks is `shared_blocks` in tools/lectures.py. To change
shared code: edit tools/shared/NAME.py, run `make stamp`, then run the notebooks (`make reproduce`). To share a new
block: write tools/shared/NAME.py, put the two marker lines where it goes in each notebook, add NAME to those
lectures' `shared_blocks`, and run `make stamp`. Only the sources change; stored outputs stay as they are.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

from tools.lectures import LECTURES

SHARED_DIR = Path(__file__).resolve().parent / "shared"
START = re.compile(r"^# --- shared: (?P<name>[a-z0-9-]+)\b.*---$")
END = re.compile(r"^# --- end of shared: (?P<name>[a-z0-9-]+) ---$")


def canonical(name):
    """The lines of tools/shared/NAME.py."""
    path = SHARED_DIR / f"{name}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no shared block {name!r}: {path} does not exist")
    return path.read_text(encoding="utf-8").rstrip("\n").splitlines()


def users(name, lectures=LECTURES):
    return [lecture.number for lecture in lectures if name in lecture.shared_blocks]


def start_marker(name, lectures=LECTURES):
    return f"# --- shared: {name} (the same in lectures {', '.join(users(name, lectures))}) ---"


def end_marker(name):
    return f"# --- end of shared: {name} ---"


def blocks_in(source):
    """[(name, index of the start marker line, index of the end marker line)] of a cell's source."""
    found, open_block = [], None
    for i, line in enumerate(source.splitlines()):
        start, end = START.match(line), END.match(line)
        if start:
            if open_block:
                raise ValueError(f"shared block {start['name']!r} starts inside {open_block[0]!r}")
            open_block = (start["name"], i)
        elif end:
            if not open_block or open_block[0] != end["name"]:
                raise ValueError(f"'{line}' ends a shared block that was not started")
            found.append((open_block[0], open_block[1], i))
            open_block = None
    if open_block:
        raise ValueError(f"shared block {open_block[0]!r} is not ended ({end_marker(open_block[0])})")
    return found


def stamped(source, lectures=LECTURES):
    """The cell source with every shared block as tools/shared/ has it."""
    lines = source.splitlines()
    for name, start, end in reversed(blocks_in(source)):
        lines[start : end + 1] = [start_marker(name, lectures), *canonical(name), end_marker(name)]
    return "\n".join(lines)


def blocks_of(nb):
    """{name: number of times it occurs} over a notebook's code cells."""
    counts = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            for name, _, _ in blocks_in("".join(cell["source"])):
                counts[name] = counts.get(name, 0) + 1
    return counts


def placement_problems(nb, lecture, lectures=LECTURES):
    """Blocks missing, repeated, or where tools/lectures.py does not put them: a list of sentences, empty if none."""
    counts = blocks_of(nb)
    found = [
        f"{lecture.stem}: has the shared block {name!r} {counts.get(name, 0)} times, not once "
        f"(its marker lines: '{start_marker(name, lectures)}' ... '{end_marker(name)}')"
        for name in lecture.shared_blocks
        if counts.get(name, 0) != 1
    ]
    return found + [
        f"{lecture.stem}: has the shared block {name!r}, which tools/lectures.py does not give it"
        for name in counts
        if name not in lecture.shared_blocks
    ]


def content_problems(nb, lecture, lectures=LECTURES):
    """Cells whose shared blocks differ from tools/shared/: a list of sentences, empty if none."""
    found = []
    for i, cell in enumerate(nb["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and blocks_in(source) and stamped(source, lectures) != source:
            names = ", ".join(name for name, _, _ in blocks_in(source))
            found.append(
                f"{lecture.stem}, cell {i}: the shared block(s) {names} differ from tools/shared/ "
                "(edit tools/shared/NAME.py, not the notebook, then run `make stamp`)"
            )
    return found


def problems(nb, lecture, lectures=LECTURES):
    """Everything that differs between a notebook's shared blocks and tools/lectures.py / tools/shared/."""
    return placement_problems(nb, lecture, lectures) + content_problems(nb, lecture, lectures)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a copy differs")
    args = parser.parse_args(argv)
    failures = []
    for lecture in LECTURES:
        nb = nbformat.read(lecture.path, as_version=nbformat.NO_CONVERT)
        if args.check:
            failures += problems(nb, lecture)
            continue
        misplaced = placement_problems(nb, lecture)
        if misplaced:  # marker lines are placed by hand, not by this command
            failures += misplaced
            continue
        if content_problems(nb, lecture):
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.source = stamped(cell.source)
            nbformat.write(nb, lecture.path)
            print(f"{lecture.path.name}: shared blocks stamped ({', '.join(lecture.shared_blocks)})")
    if failures:
        sys.exit("\n".join(failures))
    if not args.check:
        print("shared blocks: every notebook as tools/shared/ has them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
