"""The learning checks' thresholds sit at least five standard deviations below the mean of the ten-seed study.

Every learning-check cell says so in a comment, and README promises it: a notebook that stops learning fails, while
another device or library version (whose numbers move within the seed spread) passes. The thresholds are read from
the cell's code (the expression assigned to the variable named in tools/lectures.py, evaluated for quick and full
mode) and compared with results/results.json (`seeds_quick` and `seeds`).
"""

import ast
import copy

import pytest

from tools.lectures import LECTURES
from tools.notebook_cells import tagged
from tools.report import load_results

SD = 5
CHECKS = [(lecture, metric) for lecture in LECTURES for metric in lecture.thresholds]


def threshold(source, variable, key, quick):
    """The value the cell's assignment to `variable` has in quick or full mode (lecture 14: on the stand-in)."""
    values = [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable for t in node.targets)
    ]
    assert len(values) == 1, f"the learning check assigns {variable} {len(values)} times, not once"
    value = eval(
        compile(ast.Expression(values[0]), "<learning check>", "eval"),
        {"__builtins__": {}},
        {"QUICK": quick, "USE_STANDIN": True},
    )
    return value[key] if key is not None else value


def problems(source, lecture, results):
    found = []
    for metric, (variable, key) in lecture.thresholds.items():
        for mode, study_key in (("quick", "seeds_quick"), ("full", "seeds")):
            study = results.get(study_key, {}).get(lecture.stem)
            if study is None or metric not in study["spread"]:
                found.append(f"{lecture.stem}: no {mode}-mode seed study of {metric} in results.json")
                continue
            spread = study["spread"][metric]
            limit = round(spread["mean"] - SD * spread["sd"], 4)
            value = threshold(source, variable, key, mode == "quick")
            if value > limit:
                found.append(
                    f"{lecture.stem}, {mode} mode: {variable}{f'[{key!r}]' if key else ''} = {value} is above "
                    f"mean - {SD} sd = {spread['mean']} - {SD} x {spread['sd']} = {limit}"
                )
    return found


@pytest.mark.parametrize("lecture", LECTURES, ids=[lecture.stem for lecture in LECTURES])
def test_thresholds_sit_five_sd_below_the_seed_mean(lecture):
    assert lecture.thresholds, "tools/lectures.py names no learning-check threshold for this notebook"
    assert not problems(tagged(lecture.path, "learning-check"), lecture, load_results())


def test_a_threshold_too_close_to_the_mean_is_caught():
    """A broken copy: lecture 29's full-mode threshold raised to its ten-seed mean."""
    lecture = next(lec for lec in LECTURES if lec.number == "29")
    results = load_results()
    mean = results["seeds"][lecture.stem]["spread"]["final_test_accuracy"]["mean"]
    source = tagged(lecture.path, "learning-check").replace("else 96.5", f"else {mean}")
    assert f"else {mean}" in source
    found = problems(source, lecture, results)
    assert len(found) == 1 and "full mode" in found[0]


def test_a_missing_seed_study_is_caught():
    lecture = LECTURES[0]
    results = copy.deepcopy(load_results())
    del results["seeds_quick"][lecture.stem]
    assert any(
        "no quick-mode seed study" in p for p in problems(tagged(lecture.path, "learning-check"), lecture, results)
    )
