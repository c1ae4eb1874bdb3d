"""A broken dataset file gets one message that names it and says what to do, and nothing else is touched.

Truncated MNIST files (lectures 17, 20, 29), a damaged CIFAR-10 cache, damaged official CIFAR-10 files and a
damaged CIFAR-10 image (lecture 30). Lecture 14's damaged and unlabelled images: tests/test_all_idb2_input.py.
The notebooks' own cells run in this process, with DLVC_DATA pointing at a temporary folder.
"""

import shutil
import traceback

import pytest

from tests.helpers import block_network, newcomer, run
from tools.notebook_cells import REPO, sources

DATA = REPO / "data"
MNIST_USERS = ["lecture17_stacked_autoencoders", "lecture20_denoising_sparse_autoencoder", "lecture29_lenet_mnist"]
CIFAR = REPO / "notebooks" / "lecture30_lenet_cifar10.ipynb"


def notebook(stem):
    return REPO / "notebooks" / f"{stem}.ipynb"


@pytest.fixture
def env(monkeypatch, tmp_path):
    newcomer(monkeypatch, DLVC_DEVICE="cpu", DLVC_DATA=tmp_path)
    block_network(monkeypatch)  # a broken file must never be blamed on the network
    return monkeypatch


def copy_gz(name, tmp_path):
    source = DATA / name / "raw"
    if not all((source / f).is_file() for f in ("train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")):
        pytest.skip(f"needs the {name} .gz files in {source} (.ci/run copies them there)")
    raw = tmp_path / name / "raw"
    raw.mkdir(parents=True)
    for gz in source.glob("*.gz"):
        shutil.copy(gz, raw)
    return raw


def snapshot(folder):
    return {p: p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def assert_clear(err, *names):
    assert isinstance(err, RuntimeError), f"expected our own clear RuntimeError, got {err!r}"
    for name in names:
        assert str(name) in str(err), f"the message should name {name}: {err}"
    assert "internet" not in str(err), f"a broken file is not a network problem: {err}"
    assert "again" in str(err), f"the message should say what to do: {err}"
    assert traceback.extract_tb(err.__traceback__)[-1].filename == "<notebook cell>", "raised inside a library"


@pytest.mark.parametrize("stem", MNIST_USERS)
def test_truncated_gz_is_named(stem, env, tmp_path):
    raw = copy_gz("MNIST", tmp_path)
    if stem == "lecture17_stacked_autoencoders":
        copy_gz("FashionMNIST", tmp_path)
    broken = raw / "train-images-idx3-ubyte.gz"
    broken.write_bytes(broken.read_bytes()[:100_000])
    before = snapshot(tmp_path)
    _, err = run(sources(notebook(stem)))
    assert_clear(err, broken)
    assert "Delete it" in str(err)
    assert snapshot(tmp_path) == before, "the data folder was changed"


def test_truncated_unpacked_file_is_named(env, tmp_path):
    raw = copy_gz("MNIST", tmp_path)
    stem = "lecture29_lenet_mnist"
    assert (
        run(sources(notebook(stem), "settings", "setup", "data-loader") + ["load_split(datasets.MNIST, True)"])[1]
        is None
    )
    unpacked = raw / "train-images-idx3-ubyte"
    unpacked.write_bytes(unpacked.read_bytes()[:50_000])
    _, err = run(sources(notebook(stem)))
    assert_clear(err, raw, "train-images-idx3-ubyte")
    assert "keep the .gz files" in str(err)


def image_folders(tmp_path):
    source = DATA / "CIFAR10-images"
    if not (source / "train").is_dir() or not (source / "test").is_dir():
        pytest.skip(f"needs the CIFAR-10 image folders in {source} (.ci/run copies them there)")
    folder = tmp_path / "CIFAR10-images"
    folder.mkdir()
    for split in ("train", "test"):
        (folder / split).symlink_to(source / split, target_is_directory=True)
    return folder


def test_damaged_cifar10_cache_is_named(env, tmp_path):
    cache = image_folders(tmp_path) / "cache_uint8.pt"
    cache.write_bytes(b"PK\x03\x04 not a complete torch file")
    _, err = run(sources(CIFAR))
    assert_clear(err, cache)
    assert cache.read_bytes() == b"PK\x03\x04 not a complete torch file", "the damaged cache was overwritten"


def test_damaged_official_cifar10_file_is_named(env, tmp_path):
    official = tmp_path / "cifar-10-batches-py"
    official.mkdir()
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch", "batches.meta"]:
        (official / name).write_bytes(b"\0" * 64)
    before = snapshot(tmp_path)
    _, err = run(sources(CIFAR))
    assert_clear(err, official / "data_batch_1")
    assert snapshot(tmp_path) == before, "the data folder was changed"


def test_damaged_official_cifar10_archive_is_named(env, tmp_path):
    archive = tmp_path / "cifar-10-python.tar.gz"
    archive.write_bytes(b"\x1f\x8b" + b"\0" * 1000)  # a download cut short
    _, err = run(sources(CIFAR))
    assert_clear(err, archive)
    assert archive.stat().st_size == 1002, "the damaged archive was changed"


def test_damaged_cifar10_image_is_named(env, tmp_path):
    broken = tmp_path / "0001.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 truncated JPEG")
    namespace, err = run(sources(CIFAR, "settings", "setup", "data-loader"))
    assert err is None, err
    err = run([f"decode([({str(broken)!r}, 0)])"], namespace)[1]
    assert_clear(err, broken)
