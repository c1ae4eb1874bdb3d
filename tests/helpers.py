"""Helpers for the tests that run a notebook's own cells in this process (not a kernel): a newcomer's environment,
no network, and running cells in order."""

import socket

from tools.lectures import NOTEBOOK_DIR


def run(sources, namespace=None):
    """Exec cells in order in one namespace; return (namespace, the first exception raised or None)."""
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    for source in sources:
        try:
            exec(compile(source, "<notebook cell>", "exec"), namespace)
        except Exception as err:  # noqa: BLE001 - the tests inspect whatever the notebook raised
            return namespace, err
    return namespace, None


def newcomer(monkeypatch, **settings):
    """A newcomer's environment, run from notebooks/: quick mode, no DLVC_ variable but `settings`
    (e.g. DLVC_DEVICE="cpu", DLVC_DATA=...), plots to no screen."""
    for var in ("DLVC_DEVICE", "DLVC_DATA", "DLVC_ALL_IDB2_STANDIN", "DLVC_QUICK"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("DLVC_QUICK", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    for var, value in settings.items():
        monkeypatch.setenv(var, str(value))
    monkeypatch.chdir(NOTEBOOK_DIR)


def block_network(monkeypatch):
    """No internet: every connection attempt fails at once, as on a machine offline."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
