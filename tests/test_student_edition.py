"""`make student`: the notebooks without their solutions, for instructors to hand out.

The student edition runs no cell that the full notebook does not run before it (nbval runs the full notebooks), so
the one way it can break on its own is a kept cell that needs a name only a left-out solution defines: that is
checked statically, on every notebook and on a deliberately broken copy.
"""

import ast
import builtins
import re

import nbformat
import pytest

from tools import student
from tools.notebook_cells import NOTEBOOKS
from tools.notebook_cells import parse_cell as parse


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    student.build(NOTEBOOKS, out)
    return out


def exercises_index(nb):
    found = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Exercises")]
    assert len(found) == 1, "a notebook has one markdown cell starting with '## Exercises'"
    return found[0]


def bound(tree):
    """Every name a cell binds anywhere: assignments, loop and with targets, functions, classes, imports."""
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
    names |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    names |= {n.arg for n in ast.walk(tree) if isinstance(n, ast.arg)}
    names |= {
        (a.asname or a.name).split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names
    }
    return names


def names_only_solutions_define(nb):
    """{cell index: names} of the kept (non-solution) code cells that use a name that only solution cells bind."""
    kept = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and not student.is_solution(c)]
    solution_names = set().union(
        *(bound(parse(c.source)) for c in nb.cells if c.cell_type == "code" and student.is_solution(c))
    )
    kept_names = set().union(*(bound(parse(c.source)) for _, c in kept)) | set(dir(builtins))
    only_solutions = solution_names - kept_names
    found = {}
    for i, cell in kept:
        used = {n.id for n in ast.walk(parse(cell.source)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if used & only_solutions:
            found[i] = sorted(used & only_solutions)
    return found


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
        assert any("assert " in c.source for c in mine), (
            f"the solution to exercise {number} asserts the fact it teaches (a check that can fail)"
        )
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
def test_no_kept_cell_needs_a_name_that_only_a_solution_defines(path):
    found = names_only_solutions_define(nbformat.read(path, as_version=4))
    assert not found, f"cells that would fail in the student edition (NameError), with the names: {found}"


def test_the_name_check_catches_a_cell_that_needs_a_solution():
    """A broken copy: the results cell reads a name that only the solution of an exercise defines."""
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    solution = next(c for c in nb.cells if c.cell_type == "code" and student.is_solution(c))
    solution.source += "\nanswer_only_in_a_solution = 1"
    results = next(c for c in nb.cells if "results" in c.metadata.get("tags", []))
    results.source += "\nprint(answer_only_in_a_solution)"
    assert list(names_only_solutions_define(nb).values()) == [["answer_only_in_a_solution"]]
