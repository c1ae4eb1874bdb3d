"""The tools' small pure pieces: the lecture table covers every notebook, seeds are set in memory only, timings are
left out of the determinism comparison, run metadata is stripped."""

import nbformat
import pytest

from tools import reproduce
from tools.lectures import BY_STEM, LECTURES, lecture_of
from tools.notebook_cells import NOTEBOOKS, run_metadata, strip_run_metadata


def test_every_notebook_has_one_row_in_the_lecture_table_and_back():
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(BY_STEM), "notebooks/ and tools/lectures.py disagree"
    assert all(lecture.path.is_file() for lecture in LECTURES)
    assert lecture_of("lecture29") is BY_STEM["lecture29_lenet_mnist"]
    with pytest.raises(KeyError, match="tools/lectures.py"):
        lecture_of("lecture99_unknown.ipynb")


def test_every_headline_and_seed_metric_is_a_key_of_the_stored_summary():
    results = reproduce.load_results()
    for lecture in LECTURES:
        summary = results["notebooks"][lecture.stem]["cpu"]["summary"]
        lecture.format_headline(summary)  # a KeyError names a key the notebook does not write
        assert set(lecture.seed_metrics) | set(lecture.thresholds) <= summary.keys(), lecture.stem


def test_with_seed_changes_the_settings_cell_in_memory_only():
    path = BY_STEM["lecture29_lenet_mnist"].path
    before = path.read_bytes()
    nb = reproduce.with_seed(path, 7)
    settings = next(cell for cell in nb.cells if cell.cell_type == "code")
    assert "\nSEED = 7\n" in settings.source and "SEED = 0" not in settings.source
    assert path.read_bytes() == before


def test_comparable_leaves_out_timings_and_the_device():
    summary = {"final_test_accuracy": 97.96, "seconds_per_epoch": 4.8, "notebook_seconds": 300, "device": "cpu"}
    assert reproduce.comparable(summary) == {"final_test_accuracy": 97.96}


def test_strip_run_metadata_keeps_outputs():
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.outputs)
    outputs = list(cell.outputs)
    cell.metadata["execution"] = {"shell.execute_reply": "2026-12-08T03:00:00Z"}
    nb.metadata["widgets"] = {}
    assert len(run_metadata(nb)) == 2
    strip_run_metadata(nb)
    assert not run_metadata(nb) and cell.outputs == outputs
