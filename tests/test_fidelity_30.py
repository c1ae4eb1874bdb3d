"""Issue 13, lecture 30: claims that were wrong or unshown stay out, and the outputs that back the new ones are stored.

Static checks on the committed notebook (its text and stored outputs); nothing is executed here.
"""

import re

import pytest

from tools.notebook_cells import REPO, cell_with, has_code, markdown, notebook, printed

PATH = REPO / "notebooks" / "lecture30_lenet_cifar10.ipynb"


@pytest.fixture(scope="module")
def nb():
    return notebook(PATH.stem)


def has_figure(cell):
    return any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


@pytest.mark.parametrize(
    "claim",
    [
        "much smaller scale",  # the colour bars said ±0.07 against ±0.08 and ±0.13
        "not random noise",  # never measured
        "45.8 % | 48.4 %",  # the long-run table of an unstored run
        "50.9 %",
        "46.74",  # the course notebook's number, not run here
        "2–3 points",  # the JPEG copy against the official files: not measured
        "leans heavily",  # a hypothesis stated as a fact
        "LONG_RUN",  # the long run is now part of every run
        "«",  # no unfilled placeholder
    ],
)
def test_removed_claims_stay_removed(nb, claim):
    assert claim not in markdown(nb)


def test_the_long_run_is_no_longer_optional(nb):
    assert not any("LONG_RUN" in c.source for c in nb.cells if c.cell_type == "code")


def test_training_accuracy_is_recorded_and_plotted(nb):
    fit = cell_with(nb, "def fit(")
    assert has_code(fit.source, 'history["train_acc"].append(')
    training = printed(cell_with(nb, "net, history = fit(EPOCHS)"))
    assert re.search(r"epoch  10/10 .* training +\d+\.\d\d %, test +\d+\.\d\d %", training)
    plot = cell_with(nb, 'ax_acc.plot(epochs, history["train_acc"]')
    assert has_figure(plot)


def test_the_long_runs_are_stored(nb):
    run = cell_with(nb, "long_runs = {")
    out = printed(run)
    assert "from lr 1e-04 (lecture), halved every 10 epochs" in out
    assert "from lr 1e-03, halved every 10 epochs" in out
    assert re.search(r"epoch  40/40 ", out) and re.search(r"epoch  20/20 ", out)
    assert has_figure(run)
    table = printed(cell_with(nb, "lecture_history, long_history = long_histories.values()"))
    assert re.search(r"best test accuracy \d+\.\d\d % at epoch \d+", table)
    assert "epochs 21-100 add up to" in table
    assert "much above the 80 percent benchmark" in markdown(nb)  # quoted from the transcript


def test_the_grid_of_mistakes_is_stored(nb):
    grid = cell_with(nb, "grid_rows = {")
    assert has_code(grid.source, '"aeroplanes\\ncalled ship": ("airplane", "ship")')
    assert has_code(grid.source, '"cars called\\ntruck": ("automobile", "truck")')
    assert has_figure(grid)


def test_conv2_scales_are_printed(nb):
    out = printed(cell_with(nb, "conv2_rows = {"))
    assert re.search(r"largest absolute value: initial \d\.\d{3}, trained \d\.\d{3}, difference \d\.\d{3}", out)


def test_summary_keeps_its_keys_and_adds_the_long_run(nb):
    results = [c for c in nb.cells if "results" in c.metadata.get("tags", [])][0].source
    for key in (
        "final_test_accuracy",
        "long_run_test_accuracy",
        "train_accuracy_per_epoch",
        "long_run_train_accuracy_per_epoch",
        "lecture_schedule_test_accuracy",
    ):
        assert f'"{key}"' in results
