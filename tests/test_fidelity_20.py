"""Issue 13, lecture 20: claims that were wrong or unshown stay out, and the runs that back the new ones are stored.

Static checks on the committed notebook (its text and stored outputs); nothing is executed here.
"""

import re

import pytest

from tools.notebook_cells import REPO, cell_with, markdown, notebook, printed

PATH = REPO / "notebooks" / "lecture20_denoising_sparse_autoencoder.ipynb"


@pytest.fixture(scope="module")
def nb():
    return notebook(PATH.stem)


@pytest.mark.parametrize(
    "claim",
    [
        "stalled at exactly",  # a course-notebook run that the notebook never made
        "separate 20-epoch run",  # runs that were not stored
        "99.8 %",
        "most tiles are blank",  # 186 of 400 units are dead, not most
        "at a small cost",  # the cost is 2.4 times the MSE, dead units and a lower accuracy
        "almost every pixel would be clipped",
        "positive\n  mean on purpose",  # the lecturer's reason is the images' range, not the clamp
    ],
)
def test_removed_claims_stay_removed(nb, claim):
    assert claim not in markdown(nb)


def test_no_placeholder_left(nb):
    assert "@@" not in markdown(nb)


def test_the_lecturers_words_are_corrected(nb):
    text = markdown(nb)
    assert "under-complete" in text and "over-complete" in text
    assert "target sparsity factor" in text and "penalty *weight*" in text
    assert "Why Adam?" in text


def test_the_no_noise_autoencoder_is_in_the_chapter_and_stored(nb):
    exercises = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Exercises"))
    train = cell_with(nb, 'clean_ae, clean_history = train_autoencoder(0.0, EPOCHS, "no noise"')
    assert nb.cells.index(train) < exercises
    assert re.search(r"trained without noise +test MSE: noisy inputs 0\.\d{4}", printed(train))
    ablation = cell_with(nb, "for name, hist in ablation.items():")
    assert nb.cells.index(ablation) < exercises
    assert re.search(r"plain AE, no noise +epoch 1: +\d+\.\d\d %", printed(ablation))


def test_the_lectures_weight_ran_as_long_as_the_lecture(nb):
    table = printed(cell_with(nb, "spread = {w: sweep_ae[w]"))
    row = next(line for line in table.splitlines() if line.split("|")[0].strip() == "0.1")
    assert "-" not in row.split("|")[3], f"no 20-epoch value for weight 0.1: {row}"
