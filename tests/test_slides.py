"""Every notebook is also a slide deck (tools/slides.py): the slide metadata in the notebooks, offline decks, and
one deck shown in a real browser.

The checks on notebooks/ pass once `python -m tools.slides tag` has been run on them (and again after cells were
added); `make tidy` and `make reproduce` run it. Nothing here executes a notebook: the decks are built from the
stored outputs in a few seconds.
"""

import base64
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import nbformat
import pytest

from tools import slides
from tools.notebook_cells import NOTEBOOKS, REPO
from tools.tags import OFF_SLIDES

REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
REMOTE_IMPORT = re.compile(
    r"""@import\s+(url\()?\s*["']?\s*(https?:)?//|\bimport\b[^;'"]*\bfrom\s*["'](https?:)?//""", re.IGNORECASE
)


def slide_type(cell):
    return cell.metadata.get("slideshow", {}).get("slide_type")


def tags(cell):
    return set(cell.metadata.get("tags", []))


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """All decks of notebooks/, built as `make slides` builds them, in a temporary folder."""
    out = tmp_path_factory.mktemp("slides")
    subprocess.run(
        [sys.executable, "-m", "tools.slides", "build", "--out", str(out)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    return out


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def nb(request):
    return nbformat.read(request.param, as_version=4)


# ------------------------------------------------------------------------------------------ the slide metadata


def test_every_cell_has_a_slide_type(nb):
    untagged = [i for i, c in enumerate(nb.cells) if slide_type(c) is None]
    assert not untagged, (
        f"cells {untagged} have no slide type: run `python -m tools.slides tag` (make reproduce runs it)"
    )


def test_title_and_every_section_start_a_slide(nb):
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "the notebook starts with its title"
    assert slide_type(first) == "slide", "the title is the first slide"
    starts = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown" and "solution" not in tags(c) and re.search(r"^##\s", c.source, re.MULTILINE)
    ]
    assert starts, "no `## ` section"
    for start, end in zip(starts, starts[1:] + [len(nb.cells)]):
        section = nb.cells[start:end]
        heading = re.search(r"^##\s.*", section[0].source, re.MULTILINE).group(0)
        if all(slide_type(c) == "skip" for c in section):
            assert re.search(r"check|automated", heading, re.IGNORECASE), (
                f"the section {heading!r} is not shown at all (only the checks for automated runs are hidden)"
            )
            continue
        assert any(slide_type(c) == "slide" for c in section), f"the section {heading!r} has no slide of its own"


def test_plumbing_results_and_solutions_are_not_shown(nb):
    for cell in nb.cells:
        hidden = tags(cell) & set(OFF_SLIDES) if cell.cell_type == "code" or "solution" in tags(cell) else set()
        if hidden or cell.metadata.get("jupyter", {}).get("source_hidden") is True:
            assert slide_type(cell) == "skip", (
                f"a cell tagged {sorted(hidden)} or collapsed is shown:\n" + cell.source[:200]
            )


# ---------------------------------------------------------------------------------------------------- the script


def test_tag_is_idempotent_and_changes_only_slide_metadata(tmp_path):
    for path in NOTEBOOKS:
        shutil.copy(path, tmp_path)
    copies = sorted(tmp_path.glob("*.ipynb"))
    slides.tag(copies)
    once = {p: p.read_bytes() for p in copies}
    slides.tag(copies)
    for path in copies:
        assert path.read_bytes() == once[path], f"a second `tag` changed {path.name}"
        tagged = nbformat.read(path, as_version=4)
        original = nbformat.read(REPO / "notebooks" / path.name, as_version=4)
        for cell in tagged.cells + original.cells:
            cell.metadata.pop("slideshow", None)
        assert tagged == original, f"`tag` changed more than the slide metadata of {path.name}"


def tiny_png(width, height):
    """A real PNG header is all `slides.height` reads: a 1-colour image of the given size."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_the_rules_on_a_small_notebook():
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    figure = nbformat.v4.new_output("display_data", data={"image/png": tiny_png(800, 400), "text/plain": "<Figure>"})
    cells = [
        md("# Title\n\nWhat this is."),  # 0 slide
        md("## 1. Settings"),  # 1 slide
        code("EPOCHS = 1", metadata={"tags": ["settings"]}),  # 2 skip
        code("# @title Set-up", metadata={"tags": ["setup"], "jupyter": {"source_hidden": True}}),  # 3 skip
        code("x = 1", metadata={"jupyter": {"source_hidden": True}}),  # 4 skip (collapsed)
        md("## 2. Data\n\nA few words."),  # 5 slide
        code("plot()", outputs=[figure]),  # 6 - (fits under its heading)
        code("\n".join(f"line_{i} = {i}" for i in range(30))),  # 7 subslide (too much)
        md("Below: the curves."),  # 8 subslide (a caption)
        code("plot()", outputs=[figure]),  # 9 - (with its caption)
        md("### 2.1 More"),  # 10 subslide
        md("The summary below is what `make reproduce` collects; the check after it makes automated\nruns fail."),
        code("summary = {}", metadata={"tags": ["results"]}),  # 12 skip
        code("assert True", metadata={"tags": ["learning-check"]}),  # 13 skip
        md("## Exercises\n\n1. Try."),  # 14 slide
        code("answer = 42", metadata={"tags": ["solution"]}),  # 15 skip
    ]
    types, _ = slides.slide_types(cells)
    assert types == [
        "slide",
        "slide",
        "skip",
        "skip",
        "skip",
        "slide",
        "-",
        "subslide",
        "subslide",
        "-",
        "subslide",
        "skip",
        "skip",
        "skip",
        "slide",
        "skip",
    ]


# -------------------------------------------------------------------------------------------------- the decks


class Loads(HTMLParser):
    """The addresses a page loads (script src, link href), its inline styles and scripts."""

    def __init__(self):
        super().__init__()
        self.addresses, self.inline, self._open = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.addresses.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.addresses.append(attrs["href"])
        elif tag in ("img", "iframe", "source", "video", "audio", "embed") and attrs.get("src"):
            self.addresses.append(attrs["src"])
        if tag in ("style", "script"):
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag in ("style", "script") and self._open is not None:
            self.inline.append("".join(self._open))
            self._open = None


def test_one_deck_per_notebook(decks):
    assert sorted(p.name for p in decks.glob("*.slides.html")) == [f"{p.stem}.slides.html" for p in NOTEBOOKS]
    assert (decks / "index.html").is_file()
    assert (decks / "reveal.js" / "LICENSE").is_file(), "reveal.js's MIT licence travels with its files"


def test_decks_load_nothing_from_the_internet(decks):
    css_files = set()
    for page in decks.glob("*.html"):
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        for address in parser.addresses:
            if address.startswith("data:"):
                continue
            assert not REMOTE.match(address), f"{page.name} loads {address} from the internet"
            local = decks / address.split("?")[0].split("#")[0]
            assert local.is_file(), f"{page.name} loads {address}, which is not next to it"
            if local.suffix == ".css":
                css_files.add(local)
        for text in parser.inline:
            assert not REMOTE_IMPORT.search(text), (
                f"{page.name} imports from the internet: {REMOTE_IMPORT.search(text).group(0)}"
            )
    assert css_files, "the decks link no style sheet"
    while css_files:  # the style sheets, and the ones they @import, are local too
        sheet = css_files.pop()
        text = sheet.read_text(encoding="utf-8")
        assert not REMOTE_IMPORT.search(text), f"{sheet.name} imports from the internet"
        for target in re.findall(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", text):
            assert (sheet.parent / target).is_file(), f"{sheet.name} imports {target}, which is missing"
            css_files.add((sheet.parent / target).resolve())


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    return None


class Present(HTMLParser):
    """The text of the slide that reveal.js shows (the innermost <section> with the class `present`)."""

    def __init__(self):
        super().__init__()
        self.stack, self.shown, self.ready = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html" and attrs.get("data-reveal-ready") == "1":
            self.ready = True
        if tag == "section":
            self.stack.append({"present": "present" in (attrs.get("class") or "").split(), "text": []})

    def handle_data(self, data):
        for section in self.stack:
            if section["present"]:
                section["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            section = self.stack.pop()
            if section["present"] and self.shown is None:  # the innermost one closes first
                self.shown = " ".join("".join(section["text"]).split())


def shown_slide(browser, deck, fragment, profile):
    dom = subprocess.run(
        [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--window-size=1280,720",
            "--virtual-time-budget=4000",
            "--dump-dom",
            f"{deck.as_uri()}#{fragment}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    parser = Present()
    parser.feed(dom)
    assert parser.ready, f"reveal.js did not start in {deck.name}#{fragment}"
    assert parser.shown, f"reveal.js shows no slide in {deck.name}#{fragment}"
    return parser.shown


def test_a_deck_in_a_browser(decks, tmp_path):
    browser = chromium()
    if browser is None:
        pytest.skip(
            "no Chromium (chromium, chromium-browser or google-chrome) to render a deck in: apt-get install chromium"
        )
    notebook = NOTEBOOKS[-1]
    title = slides.deck_title(nbformat.read(notebook, as_version=4), notebook.stem)
    deck = decks / f"{notebook.stem}.slides.html"
    first = shown_slide(browser, deck, "/0", tmp_path / "profile")
    assert first.startswith(title), f"the first slide does not show the title {title!r}: {first[:200]!r}"
    second = shown_slide(browser, deck, "/1", tmp_path / "profile")
    assert second != first and title not in second, "going to the next slide did not change the slide shown"
