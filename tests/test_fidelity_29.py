"""Issue 13, lecture 29: claims that were wrong or unshown stay out, and the outputs that back the new ones are stored.

Static checks on the committed notebook (its text and stored outputs); nothing is executed here.
"""

import re

import pytest

from tools.notebook_cells import REPO, cell_with, has_code, markdown, notebook, printed
from tools.report import load_results

PATH = REPO / "notebooks" / "lecture29_lenet_mnist.ipynb"
LECTURE_LOSS = "[0.010279, 0.003504, 0.002661, 0.002197, 0.001840, 0.001596, 0.001413, 0.001268,"


@pytest.fixture(scope="module")
def nb():
    return notebook(PATH.stem)


@pytest.mark.parametrize(
    "claim",
    [
        "the dimension must be named",  # PyTorch still only warns
        "normalised each picture to its own range",  # make_grid(normalize=True) scales a whole grid
        "all pictures in a row share",  # the rows had scales of their own; now initial and trained share one
        "train longer and they sharpen",  # not shown; the lecturer's 100 or 500 epochs are quoted instead
    ],
)
def test_removed_claims_stay_removed(nb, claim):
    assert claim not in markdown(nb)


def test_lecture_losses_are_plotted_and_tabled(nb):
    plot = cell_with(nb, "LECTURE_LOSS = [")
    assert has_code(plot.source, LECTURE_LOSS) and has_code(plot.source, "0.001151]")
    assert has_code(plot.source, '"lecture, printed × 100"')
    assert any("image/png" in o.get("data", {}) for o in plot.outputs), "the loss plot is not stored"
    table = printed(cell_with(nb, "lecture × 100"))
    assert re.search(r"^\s+1\s+88\.15\s+\S+\s+1\.0279\s", table, re.M), "epoch 1: the lecture's 1.0279"
    assert re.search(r"^\s+9\s+97\.05\s+\S+\s+0\.1151\s", table, re.M), "epoch 9: the lecture's 0.1151"
    # the "this run" columns are the stored run's own numbers (results.json), whatever machine made it
    summary = load_results()["notebooks"][PATH.stem]["cpu"]["summary"]
    rows = [line.split() for line in table.splitlines() if re.match(r"^\s+\d+\s", line)]
    assert [float(row[2]) for row in rows] == summary["test_accuracy_per_epoch"]
    assert [float(row[4]) for row in rows] == summary["train_loss_per_epoch"]
    assert "runningLoss/60000.0" in markdown(nb)  # the factor, cited to the slide


def test_initial_and_trained_kernels_share_one_scale(nb):
    for snippet in ("conv1_rows = {", "conv2_rows = {"):
        cell = cell_with(nb, snippet)
        assert has_code(cell.source, 'shared=("initial", "trained")')
        out = printed(cell)
        assert "largest |weight|: initial" in out
        ratios = re.search(r"‖trained − initial‖ / ‖initial‖ per \w+: (.*)", out).group(1).split(", ")
        assert len(ratios) == 6 and all(float(r) > 0 for r in ratios)


def test_test_batch_size_checked(nb):
    out = printed(cell_with(nb, "lecture_test_loader = DataLoader("))
    assert re.search(r"test batches of 100: [\d.]+ %, of 1000: [\d.]+ %; 0 of 10000 predictions differ", out)


def test_autoencoder_comparison_cites_stored_outputs(nb):
    text = markdown(nb)
    for claim in (
        "91.73 %",
        "92.33 %",
        "94 to 95 %",
        "(lecture17_stacked_autoencoders.ipynb)",
        "(lecture20_denoising_sparse_autoencoder.ipynb)",
        "100\nor 500 epochs",
    ):
        assert claim in text, claim
    for name, number in (
        ("lecture17_stacked_autoencoders", "91.73 %"),
        ("lecture17_stacked_autoencoders", "94.63 %"),
        ("lecture20_denoising_sparse_autoencoder", "92.33 %"),
    ):
        other = notebook(name)
        assert any(number in printed(c) for c in other.cells if c.cell_type == "code"), (name, number)


def test_exercise_3_does_not_ask_to_fix_fc1(nb):
    assert "fix fc1" not in markdown(nb) and "fix `fc1`" not in markdown(nb)
