"""Bad input gets a clear message: unknown device, a data folder that does not exist, a missing dataset.

The notebooks' own cells are executed in this process (in order, up to the first that fails),
with the environment and the network set up as a newcomer without data would have them.
"""

import shutil
import traceback

import pytest
import torch

from tests.helpers import block_network, newcomer, run
from tools.notebook_cells import NOTEBOOKS, REPO, sources


@pytest.fixture
def clean_env(monkeypatch):
    newcomer(monkeypatch)
    threads = torch.get_num_threads()
    yield monkeypatch
    torch.set_num_threads(threads)  # lecture 14's set-up changes it for its kernel


@pytest.fixture
def no_network(monkeypatch):
    block_network(monkeypatch)


def setup_cells(path):
    return sources(path, "settings", "setup")


def raised_in_notebook(err):
    """True when the exception was raised by the notebook's own code, not deep inside a library."""
    return traceback.extract_tb(err.__traceback__)[-1].filename == "<notebook cell>"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_settings_then_setup_come_first(path):
    assert len(setup_cells(path)) == 2, "expected one cell tagged 'settings' and one tagged 'setup'"
    assert sources(path)[:2] == setup_cells(path), "the settings and set-up cells must be the first two code cells"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
@pytest.mark.parametrize("device", ["tpu", "cuda", "mps"])
def test_unavailable_device_is_named(path, device, clean_env):
    if device == "cuda" and torch.cuda.is_available() or device == "mps" and torch.backends.mps.is_available():
        pytest.skip(f"{device} is available on this machine")
    clean_env.setenv("DLVC_DEVICE", device)
    _, err = run(setup_cells(path))
    assert isinstance(err, RuntimeError), f"expected a clear RuntimeError, got {err!r}"
    assert device in str(err) and "cpu" in str(err), (
        f"the message should name {device!r} and the available devices: {err}"
    )
    assert raised_in_notebook(err)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_gpu_index_beyond_the_gpus_present(path, clean_env):
    n_gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
    wanted = f"cuda:{n_gpus}"  # indices start at 0: this is one past the last GPU
    clean_env.setenv("DLVC_DEVICE", wanted)
    _, err = run(setup_cells(path))
    assert isinstance(err, RuntimeError), f"expected a clear RuntimeError for {wanted}, got {err!r}"
    assert wanted in str(err) and "Available here: " in str(err) and "cpu" in str(err), str(err)
    assert raised_in_notebook(err)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_cpu_can_be_forced(path, clean_env):
    clean_env.setenv("DLVC_DEVICE", "cpu")
    namespace, err = run(setup_cells(path))
    assert err is None, err
    assert namespace["DEVICE"] == torch.device("cpu")
    assert namespace["QUICK"] is True
    assert namespace["DATA_DIR"].resolve() == (REPO / "data").resolve(), "in the repository: its data/ folder"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_data_dir_that_does_not_exist(path, clean_env, tmp_path):
    missing = tmp_path / "no-such-folder"
    clean_env.setenv("DLVC_DATA", str(missing))
    _, err = run(setup_cells(path))
    assert isinstance(err, FileNotFoundError), f"expected a clear FileNotFoundError, got {err!r}"
    assert str(missing) in str(err)
    assert not missing.exists(), "a data folder named in the settings must not be created behind the user's back"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_missing_dataset_without_internet(path, clean_env, no_network, tmp_path):
    """An empty data folder and no network: the data cell stops with a message naming the folder."""
    clean_env.setenv("DLVC_DATA", str(tmp_path))
    clean_env.setenv("DLVC_DEVICE", "cpu")
    _, err = run(sources(path))
    assert err is not None, "the notebook ran without its dataset?"
    assert isinstance(err, (RuntimeError, FileNotFoundError)), f"expected our own clear error, got {err!r}"
    assert str(tmp_path) in str(err), f"the message should say where the data goes: {err}"
    assert len(str(err)) < 1500, "keep the message short"
    assert raised_in_notebook(err), "".join(traceback.format_exception(err))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_alone_without_data_or_network(path, clean_env, no_network, tmp_path, capsys):
    """The notebook copied alone into an empty folder, no data, no network: a data/ folder is made next to it,
    and the data cell stops with one clear message (lecture 14: without the stand-in switched on)."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(path, alone)
    clean_env.chdir(alone)
    clean_env.setenv("DLVC_DEVICE", "cpu")
    namespace, err = run(sources(alone / path.name))
    assert (alone / "data").is_dir(), "no data/ folder was created next to the notebook"
    assert namespace["DATA_DIR"].resolve() == (alone / "data").resolve()
    assert isinstance(err, (RuntimeError, FileNotFoundError)), f"expected our own clear error, got {err!r}"
    assert "data" in str(err) and len(str(err)) < 1500, str(err)
    assert raised_in_notebook(err), "".join(traceback.format_exception(err))
    assert sorted(p.name for p in alone.iterdir()) == sorted([path.name, "data"]), "only data/ should appear"
    said = capsys.readouterr().out
    assert "no repository around this notebook" in said and str((alone / "data").resolve()) in said, said
