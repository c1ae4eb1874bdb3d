"""The figure check that runs inside every notebook kernel (tests/figure_check.py) catches what it should."""

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from tests.figure_check import figure_problems  # noqa: E402

ORIGINAL_SHOW, ORIGINAL_SAVEFIG = plt.show, Figure.savefig


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_a_readable_figure_passes():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2], label="loss")
    ax.set(title="Training loss", xlabel="epoch", ylabel="loss")
    ax.legend()
    assert figure_problems(fig) == []


def test_a_picture_grid_with_a_figure_title_passes():
    fig, axes = plt.subplots(2, 3)
    for ax in axes.flat:
        ax.imshow([[0, 1], [1, 0]])
        ax.axis("off")
    fig.suptitle("Six pictures")
    assert figure_problems(fig) == []


def test_a_figure_without_title_fails():
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    ax.set(xlabel="epoch", ylabel="loss")
    assert any("no title" in p for p in figure_problems(fig))


def test_missing_axis_labels_fail():
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    ax.set(title="Loss")
    problems = figure_problems(fig)
    assert any("x tick labels but no x-axis label" in p for p in problems)
    assert any("y tick labels but no y-axis label" in p for p in problems)


def test_small_text_fails():
    fig, ax = plt.subplots()
    ax.imshow([[1, 2], [3, 4]])
    ax.text(0, 0, "1", fontsize=7)
    ax.set(title="Confusion matrix", xlabel="predicted", ylabel="true")
    assert any("under 9 pt" in p for p in figure_problems(fig))


def test_the_kernels_of_the_test_run_load_the_check():
    startup = Path(os.environ["IPYTHONDIR"]) / "profile_default" / "startup" / "00-figure-check.py"
    namespace = {}
    exec(startup.read_text(encoding="utf-8"), namespace)  # what the kernel runs first
    try:
        assert plt.show is not ORIGINAL_SHOW
        fig, ax = plt.subplots()
        ax.plot([1, 2])
        with pytest.raises(AssertionError, match="no title"):
            plt.show()
    finally:
        plt.show, Figure.savefig = ORIGINAL_SHOW, ORIGINAL_SAVEFIG
    assert set(namespace) <= {"__builtins__"}, "the start-up file leaves names in the notebook's namespace"
