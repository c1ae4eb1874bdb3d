"""Lecture 14 (ALL-IDB2): the image loader gives a clear message for every kind of bad input.

ALL-IDB2 is licensed and cannot be downloaded, so the notebook must explain itself when it is missing,
and must never mistake the synthetic stand-in for the real data. These tests execute the notebook's
settings cell and its cell tagged `all-idb2-loader` in this process, with DLVC_DATA pointing at a
temporary folder that each test fills with good or bad files.
"""

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from tests.helpers import newcomer
from tools import standin
from tools.lectures import BY_NUMBER
from tools.notebook_cells import tagged

NOTEBOOK = BY_NUMBER["14"].path
LOADER_TAG = "all-idb2-loader"


def notebook_cells():
    """Sources of the settings, set-up, stand-in and loader cells, from the notebook's JSON."""
    return [(tag, tagged(NOTEBOOK, tag)) for tag in ("settings", "setup", "standin-generator", LOADER_TAG)]


def run_loader():
    """Exec the settings, set-up, stand-in and loader cells; return the namespace (exceptions propagate)."""
    namespace = {"__name__": "__main__"}
    for name, source in notebook_cells():
        exec(compile(source, f"<{name} cell>", "exec"), namespace)
    return namespace


@pytest.fixture
def env(monkeypatch, tmp_path):
    """A newcomer's environment: quick mode, CPU, no stand-in switch, DLVC_DATA = an empty temporary folder."""
    newcomer(monkeypatch, DLVC_DEVICE="cpu", DLVC_DATA=tmp_path)
    threads = torch.get_num_threads()
    yield monkeypatch
    torch.set_num_threads(threads)  # the set-up cell sets it for the notebook's kernel


def real_folder(tmp_path):
    folder = tmp_path / "ALL_IDB2" / "img"
    folder.mkdir(parents=True)
    return folder


def write_tif(path, seed=0, size=16):
    pixels = np.random.default_rng(seed).integers(0, 256, size=(size, size, 3), dtype=np.uint8)
    Image.fromarray(pixels, mode="RGB").save(path, format="TIFF")


def test_missing_data_says_where_how_and_what_else(env, tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        run_loader()
    message = str(info.value)
    assert str(tmp_path / "ALL_IDB2" / "img") in message, "the message should say where the images go"
    assert "homes.di.unimi.it/scotti/all" in message and "licence" in message, "... how to request them"
    assert "USE_STANDIN = True" in message and "DLVC_ALL_IDB2_STANDIN=1" in message, "... how to use the stand-in"
    assert len(message) < 1500, "keep the message short"


def test_misplaced_archive_is_pointed_out(env, tmp_path):
    nested = tmp_path / "ALL_IDB2_v1" / "ALL_IDB2" / "img"  # unzipped one level too deep / renamed
    nested.mkdir(parents=True)
    write_tif(nested / "Im001_1.tif")
    with pytest.raises(FileNotFoundError) as info:
        run_loader()
    assert str(nested) in str(info.value)


def test_missing_standin_is_drawn_by_the_notebook(env, tmp_path, capsys):
    env.setenv("DLVC_ALL_IDB2_STANDIN", "1")
    ns = run_loader()
    folder = tmp_path / "ALL_IDB2_standin" / "img"
    assert ns["image_folder"] == folder and len(list(folder.glob("*.tif"))) == 260
    assert not (tmp_path / "ALL_IDB2_standin" / "img.partial").exists()
    assert "SYNTHETIC" in (folder.parent / "README.txt").read_text()
    out = capsys.readouterr().out
    assert "drawing the SYNTHETIC stand-in" in out and "SYNTHETIC STAND-IN" in out


def test_standin_switch_in_the_settings_cell(env, tmp_path):
    """USE_STANDIN = True in the settings cell works without the environment variable."""
    cells = notebook_cells()
    settings = cells[0][1]
    switch = re.search(r"^USE_STANDIN = .*$", settings, flags=re.M)
    assert switch and "set True" in switch.group(0), "the settings cell should offer a plain USE_STANDIN switch"
    namespace = {"__name__": "__main__"}
    for name, source in [(cells[0][0], settings.replace(switch.group(0), "USE_STANDIN = True", 1))] + cells[1:]:
        exec(compile(source, f"<{name} cell>", "exec"), namespace)
    assert namespace["USE_STANDIN"] and namespace["image_folder"] == tmp_path / "ALL_IDB2_standin" / "img"
    assert namespace["DATA_TAG"] == "SYNTHETIC STAND-IN"


def test_script_and_notebook_draw_the_same_standin(env, tmp_path):
    """One source: the command-line script runs the notebook's own generator cell."""
    script_dir, notebook_dir = tmp_path / "script", tmp_path / "notebook"
    script_dir.mkdir()
    notebook_dir.mkdir()
    standin.main(script_dir)
    env.setenv("DLVC_DATA", str(notebook_dir))
    env.setenv("DLVC_ALL_IDB2_STANDIN", "1")
    run_loader()
    for name in ("Im001_1.tif", "Im131_0.tif", "Im260_0.tif"):
        a = (script_dir / "ALL_IDB2_standin" / "img" / name).read_bytes()
        b = (notebook_dir / "ALL_IDB2_standin" / "img" / name).read_bytes()
        assert a == b, name
    script = Path(standin.__file__).read_text()
    assert "def draw_cell" not in script, "the drawing code must live in the notebook only"


def test_empty_folder_is_named(env, tmp_path):
    folder = real_folder(tmp_path)
    (folder / ".DS_Store").write_bytes(b"\0")  # hidden files do not count
    with pytest.raises(FileNotFoundError) as info:
        run_loader()
    assert str(folder) in str(info.value) and "no .tif images" in str(info.value)


def test_file_that_is_not_an_image_is_named(env, tmp_path):
    folder = real_folder(tmp_path)
    write_tif(folder / "Im001_1.tif")
    broken = folder / "Im002_1.tif"
    broken.write_text("this is not a TIFF file\n")
    with pytest.raises(ValueError) as info:
        run_loader()
    assert str(broken) in str(info.value) and "not a readable image" in str(info.value)


@pytest.mark.parametrize("name", ["Im003.tif", "Im003_7.tif", "Im003_.tif", "cell_blast.tif"])
def test_file_name_without_label_is_named(env, tmp_path, name):
    folder = real_folder(tmp_path)
    write_tif(folder / "Im001_1.tif")
    write_tif(folder / name)
    with pytest.raises(ValueError) as info:
        run_loader()
    assert str(folder / name) in str(info.value) and "no label" in str(info.value)


def test_incomplete_set_is_reported(env, tmp_path):
    folder = real_folder(tmp_path)
    for i in range(1, 11):
        write_tif(folder / f"Im{i:03d}_{i % 2}.tif", seed=i)
    with pytest.raises(ValueError) as info:
        run_loader()
    assert str(folder) in str(info.value) and "5 blast and 5 healthy" in str(info.value)


def test_real_layout_loads_without_any_standin_label(env, tmp_path, capsys):
    folder = real_folder(tmp_path)
    for i in range(1, 261):
        write_tif(folder / f"Im{i:03d}_{1 if i <= 130 else 0}.tif", seed=i)
    (folder / "Thumbs.db").write_bytes(b"\0" * 10)  # the kind of file a zip made on Windows carries
    ns = run_loader()
    out = capsys.readouterr().out
    assert ns["x_all"].shape == (260, 3072) and ns["x_all"].dtype == torch.float32
    assert ns["y_all"].sum().item() == 130
    assert ns["image_folder"] == folder and not ns["USE_STANDIN"]
    assert "SYNTHETIC" not in out and "STAND-IN" not in out, "real data must never be labelled as the stand-in"
    assert "Thumbs.db" in out, "ignored files should be mentioned"


def test_standin_is_complete_labelled_and_deterministic(env, tmp_path, capsys):
    folder = standin.main(tmp_path)
    assert folder == tmp_path / "ALL_IDB2_standin" / "img"
    assert "SYNTHETIC" in (folder.parent / "README.txt").read_text()
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"Im{i:03d}_{1 if i <= 130 else 0}.tif" for i in range(1, 261)]
    with Image.open(folder / "Im001_1.tif") as image:
        assert image.size == (257, 257) and image.mode == "RGB"
    digest = hashlib.sha256((folder / "Im200_0.tif").read_bytes()).hexdigest()
    standin.main(tmp_path)
    assert hashlib.sha256((folder / "Im200_0.tif").read_bytes()).hexdigest() == digest, "not deterministic"

    env.setenv("DLVC_ALL_IDB2_STANDIN", "1")
    ns = run_loader()
    out = capsys.readouterr().out
    assert ns["image_folder"] == folder and ns["USE_STANDIN"]
    assert ns["x_all"].shape == (260, 3072) and 0.0 <= ns["x_all"].min() and ns["x_all"].max() <= 1.0
    assert torch.bincount(ns["y_all"]).tolist() == [130, 130]
    assert "SYNTHETIC STAND-IN" in out and "SYNTHETIC STAND-IN" in ns["BANNER"]


def test_standin_is_never_read_without_the_switch(env, tmp_path):
    standin.main(tmp_path)  # stand-in present, real data absent
    with pytest.raises(FileNotFoundError) as info:
        run_loader()
    assert str(tmp_path / "ALL_IDB2" / "img") in str(info.value)
