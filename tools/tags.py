"""The cell tags the notebooks use: one list, read by the slide tagger, the student edition, the stamping of shared
cells and the tests. CONTRIBUTING.md's table of tags must list exactly these (tests/test_conventions.py)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tag:
    meaning: str
    collapsed: bool = False  # its code cells are collapsed (JupyterLab source_hidden, Colab cellView form)
    off_slides: bool = False  # its cells are left out of the slide decks


TAGS = {
    "settings": Tag(
        "the first code cell: the knobs only, each with the lecture's value in a comment; the only "
        "cell that reads environment variables",
        off_slides=True,
    ),
    "setup": Tag(
        "the second code cell: imports, device, data folder, seed; prints what it chose and why",
        collapsed=True,
        off_slides=True,
    ),
    "data-loader": Tag(
        "reads and checks a data set, with a clear message for a missing or broken file",
        collapsed=True,
        off_slides=True,
    ),
    "all-idb2-loader": Tag(
        "lecture 14's ALL-IDB2 reader (also tagged data-loader); the bad-input tests run it",
        collapsed=True,
        off_slides=True,
    ),
    "standin-generator": Tag(
        "lecture 14: draws the synthetic ALL-IDB2 stand-in; `python -m tools.standin` runs this cell",
        collapsed=True,
        off_slides=True,
    ),
    "helpers": Tag("plotting and other helpers that are not the lesson", collapsed=True, off_slides=True),
    "solution": Tag(
        "a worked solution to an exercise: collapsed code that asserts what it teaches, or the answer "
        "in words; left out of the student edition",
        collapsed=True,
        off_slides=True,
    ),
    "results": Tag(
        "the `summary` dict of final metrics that `make reproduce` collects; prints one line", off_slides=True
    ),
    "learning-check": Tag(
        "asserts that the network learned, with thresholds at least five standard deviations "
        "below the mean of ten seeds",
        off_slides=True,
    ),
}

COLLAPSED = frozenset(name for name, tag in TAGS.items() if tag.collapsed)
OFF_SLIDES = frozenset(name for name, tag in TAGS.items() if tag.off_slides)
SOLUTION = "solution"


def tags_of(cell):
    return cell.get("metadata", {}).get("tags", [])
