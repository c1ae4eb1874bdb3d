"""The documents and the code say the same: the tag vocabulary, the make targets, the tools' commands."""

import re
import subprocess

import pytest

from tools.lectures import LECTURES, REPO
from tools.tags import TAGS

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
DOCUMENTS = {
    name: (REPO / name).read_text(encoding="utf-8")
    for name in ("README.md", "CONTRIBUTING.md", "data/README.md", "results/README.md")
}


def tag_table(text):
    """{tag: (meaning, collapsed, on the slides)} of the table under '## Cell tags'."""
    section = text.split("## Cell tags", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \| (yes|no) \| (yes|no) \|$", section, re.M)
    return {tag: (meaning, collapsed == "yes", slides == "yes") for tag, meaning, collapsed, slides in rows}


def test_contributing_documents_exactly_the_tags_in_the_code():
    documented = tag_table(CONTRIBUTING)
    assert documented.keys() == TAGS.keys(), (
        f"documented only: {sorted(documented.keys() - TAGS.keys())}; "
        f"in tools/tags.py only: {sorted(TAGS.keys() - documented.keys())}"
    )
    for name, tag in TAGS.items():
        assert documented[name] == (tag.meaning, tag.collapsed, not tag.off_slides), name


def test_the_tag_check_catches_an_undocumented_tag():
    """A broken copy: one row of the table left out."""
    broken = "\n".join(line for line in CONTRIBUTING.splitlines() if not line.startswith("| `helpers` |"))
    assert "helpers" not in tag_table(broken) and len(tag_table(broken)) == len(TAGS) - 1


def make_targets():
    return set(re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_make_command_in_the_documents_exists(name):
    named = set(re.findall(r"`(?:[A-Z_]+=\S+ )*make ([a-z][a-z-]*)", DOCUMENTS[name]))
    assert named <= make_targets(), (
        f"{name} names make targets that the Makefile lacks: {sorted(named - make_targets())}"
    )


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_tool_command_in_the_documents_exists(name):
    for module in set(re.findall(r"python -m tools\.([a-z_]+)", DOCUMENTS[name])):
        assert (REPO / "tools" / f"{module}.py").is_file(), (
            f"{name}: `python -m tools.{module}` has no tools/{module}.py"
        )
    assert not re.search(r"results/\w+\.py|tests/make_all_idb2", DOCUMENTS[name]), f"{name} names a tool's old place"


def test_readme_lists_every_notebook_of_the_lecture_table():
    readme = DOCUMENTS["README.md"]
    for lecture in LECTURES:
        assert f"(notebooks/{lecture.stem}.ipynb)" in readme, lecture.stem


def test_the_ci_script_parses_and_runs_readmes_test_command():
    """CI runs `bash .ci/run`, which must call the test command README gives; a syntax error would fail CI at once."""
    script = REPO / ".ci" / "run"
    check = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "make test" in DOCUMENTS["README.md"] and script.read_text().rstrip().endswith("make test")
