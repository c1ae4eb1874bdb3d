"""ruff, configured in pyproject.toml: lint for tools, tests and notebooks, format for tools and tests (make lint)."""

import importlib.util
import subprocess
import sys

import pytest

from tools.lectures import REPO

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("ruff") is None, reason="ruff is not installed here (make test installs it)"
)


def ruff(*args):
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_check_passes():
    result = ruff("check", ".", "--output-format", "concise")
    assert result.returncode == 0, f"`make lint` finds:\n{result.stdout[-3000:]}{result.stderr[-1000:]}"


def test_tools_and_tests_are_formatted():
    result = ruff("format", "--check", "tools", "tests", "conftest.py")
    assert result.returncode == 0, f"run `make format`:\n{result.stdout[-3000:]}"


def test_the_lint_catches_a_broken_file(tmp_path):
    """A broken copy: an undefined name and an unused import in a file of its own."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n\nprint(undefined_name)\n")
    result = ruff(
        "check", "--no-cache", "--config", str(REPO / "pyproject.toml"), str(bad), "--output-format", "concise"
    )
    assert result.returncode == 1 and "F401" in result.stdout and "F821" in result.stdout
