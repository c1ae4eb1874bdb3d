"""Bad input gets a clear message: unknown device, a data folder that does not exist, a missing dataset.

The notebooks' own cells are executed in this process (in order, up to the first that fails),
with the environment and the network set up as a newcomer without data would have them.
"""
import socket
from pathlib import Path

import nbformat
import pytest
import torch

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def code_sources(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code"]


def run_until_error(sources, max_cells=None):
    """Exec cells in order; return the first exception raised (or None)."""
    namespace = {"__name__": "__main__"}
    for source in sources[:max_cells]:
        try:
            exec(compile(source, "<notebook cell>", "exec"), namespace)
        except Exception as err:  # noqa: BLE001 - the test inspects whatever the notebook raised
            return err
    return None


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for var in ("DLVC_DEVICE", "DLVC_DATA", "DLVC_ALL_IDB2_STANDIN"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DLVC_QUICK", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(REPO / "notebooks")
    return monkeypatch


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
@pytest.mark.parametrize("device", ["tpu", "cuda", "mps"])
def test_unavailable_device_is_named(path, device, clean_env):
    if device == "cuda" and torch.cuda.is_available() or device == "mps" and torch.backends.mps.is_available():
        pytest.skip(f"{device} is available on this machine")
    clean_env.setenv("DLVC_DEVICE", device)
    err = run_until_error(code_sources(path), max_cells=1)
    assert isinstance(err, RuntimeError), f"expected a clear RuntimeError, got {err!r}"
    assert device in str(err) and "cpu" in str(err), f"the message should name {device!r} and the available devices: {err}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_cpu_can_be_forced(path, clean_env):
    clean_env.setenv("DLVC_DEVICE", "cpu")
    namespace = {}
    exec(compile(code_sources(path)[0], "<settings cell>", "exec"), namespace)
    assert namespace["DEVICE"] == torch.device("cpu")
    assert namespace["QUICK"] is True


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_data_dir_that_does_not_exist(path, clean_env, tmp_path):
    missing = tmp_path / "no-such-folder"
    clean_env.setenv("DLVC_DATA", str(missing))
    err = run_until_error(code_sources(path), max_cells=1)
    assert isinstance(err, FileNotFoundError), f"expected a clear FileNotFoundError, got {err!r}"
    assert str(missing) in str(err)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_missing_dataset_without_internet(path, clean_env, no_network, tmp_path):
    """An empty data folder and no network: the data cell stops with a message naming the folder."""
    clean_env.setenv("DLVC_DATA", str(tmp_path))
    clean_env.setenv("DLVC_DEVICE", "cpu")
    err = run_until_error(code_sources(path))
    assert err is not None, "the notebook ran without its dataset?"
    assert isinstance(err, (RuntimeError, FileNotFoundError)), f"expected our own clear error, got {err!r}"
    assert str(tmp_path) in str(err), f"the message should say where the data goes: {err}"
    assert len(str(err)) < 1500, "keep the message short"
