"""`make student`: the notebooks without their solutions, for instructors to hand out."""
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "results"))
import student  # noqa: E402

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    student.build(NOTEBOOKS, out)
    return out


def exercises_index(nb):
    found = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Exercises")]
    assert len(found) == 1, "a notebook has one markdown cell starting with '## Exercises'"
    return found[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_exercise_has_a_tagged_solution(path):
    nb = nbformat.read(path, as_version=4)
    start = exercises_index(nb)
    exercises = re.findall(r"^\d+\. ", nb.cells[start].source, flags=re.MULTILINE)
    assert exercises, "the exercises are a numbered list"
    solutions = [c for c in nb.cells if student.is_solution(c)]
    code = [c for c in solutions if c.cell_type == "code"]
    for cell in code:
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, "solution code is collapsed"
    for number in range(1, len(exercises) + 1):
        mine = [c for c in code if c.source.startswith(f"# @title Solution to exercise {number}")]
        assert mine, f"no collapsed solution cell '# @title Solution to exercise {number}: ...'"
        assert any("assert " in c.source for c in mine), \
            f"the solution to exercise {number} asserts the fact it teaches (a check that can fail)"
    assert any(c.cell_type == "markdown" for c in solutions), "the solutions say in words what the numbers show"
    assert all(nb.cells.index(c) > start for c in solutions), "solutions come after the exercises"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_student_edition_has_no_solution_and_keeps_everything_else(edition, path):
    original = nbformat.read(path, as_version=4)
    copy = nbformat.read(edition / path.name, as_version=4)
    assert not [c for c in copy.cells if student.is_solution(c)], "a solution cell in the student edition"
    kept = [c.source for c in original.cells if not student.is_solution(c)]
    assert [c.source for c in copy.cells][1:] == kept[1:], "the student edition lost or changed a cell"
    assert copy.cells[0].source.startswith(kept[0]) and "Student edition" in copy.cells[0].source
    start = exercises_index(copy)
    assert copy.cells[start].source == original.cells[exercises_index(original)].source, "every exercise is kept"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_student_edition_runs_up_to_the_exercises(edition, path, monkeypatch):
    """Quick mode, in a fresh kernel, in the repository (its data folder), every cell before the exercises."""
    copy = nbformat.read(edition / path.name, as_version=4)
    copy.cells = copy.cells[:exercises_index(copy)]
    monkeypatch.setenv("DLVC_QUICK", "1")       # lecture 14: conftest.py switched on the stand-in if needed
    NotebookClient(copy, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
