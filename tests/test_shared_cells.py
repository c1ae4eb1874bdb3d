"""The code that several notebooks share is stamped from tools/shared/ (tools/stamp.py), never edited by hand."""

import copy

import nbformat
import pytest

from tools import stamp
from tools.lectures import LECTURES


def read(lecture):
    return nbformat.read(lecture.path, as_version=nbformat.NO_CONVERT)


@pytest.mark.parametrize("lecture", LECTURES, ids=[lecture.stem for lecture in LECTURES])
def test_every_shared_block_is_the_one_in_tools_shared(lecture):
    assert not stamp.problems(read(lecture), lecture)


def test_every_shared_block_is_used_and_every_file_is_a_block():
    used = {name for lecture in LECTURES for name in lecture.shared_blocks}
    files = {path.stem for path in stamp.SHARED_DIR.glob("*.py")}
    assert used == files, (
        f"blocks without a file: {sorted(used - files)}; files no notebook uses: {sorted(files - used)}"
    )


def test_the_mnist_reader_is_one_code():
    """The three readers of MNIST / Fashion-MNIST (lectures 17, 20, 29) had drifted apart; now one source."""
    readers = [lecture for lecture in LECTURES if "mnist-reader" in lecture.shared_blocks]
    assert [lecture.number for lecture in readers] == ["17", "20", "29"]
    bodies = set()
    for lecture in readers:
        cell = next(c for c in read(lecture).cells if "data-loader" in c.metadata.get("tags", []))
        ((name, start, end),) = [b for b in stamp.blocks_in(cell.source) if b[0] == "mnist-reader"]
        bodies.add("\n".join(cell.source.splitlines()[start + 1 : end]))
    assert len(bodies) == 1 and "def load_split(dataset_class, train):" in bodies.pop()


def edited_copy(lecture, old, new, nb=None):
    nb = copy.deepcopy(read(lecture)) if nb is None else nb
    cell = next(c for c in nb.cells if old in c.get("source", ""))
    cell.source = cell.source.replace(old, new, 1)
    return nb


def test_a_hand_edited_copy_is_caught_and_stamping_repairs_it():
    lecture = LECTURES[3]
    nb = edited_copy(lecture, "return torch.device(wanted)", "return torch.device('cpu')")
    found = stamp.problems(nb, lecture)
    assert len(found) == 1 and "differ from tools/shared/" in found[0]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = stamp.stamped(cell.source)
    assert not stamp.problems(nb, lecture)


def test_a_missing_or_unended_block_is_caught():
    lecture = LECTURES[1]
    nb = edited_copy(lecture, "# --- end of shared: md5 ---\n", "")
    with pytest.raises(ValueError, match="starts inside"):
        stamp.problems(nb, lecture)
    nb = edited_copy(lecture, stamp.start_marker("md5"), "# md5 block, markers removed")
    nb = edited_copy(lecture, "# --- end of shared: md5 ---", "", nb)
    assert any("'md5' 0 times" in p for p in stamp.problems(nb, lecture))
