"""Every notebook is also a slide deck: slide metadata in the notebooks, and reveal.js decks that work offline.

    python -m tools.slides tag [--split-headings] [NOTEBOOK ...]    (default: notebooks/*.ipynb; make tidy runs it)
    python -m tools.slides build [--out build/slides] [--notebooks FOLDER] [NOTEBOOK ...]
    make slides                                                       (= the build, into build/slides/)

`tag` sets each cell's `{"slideshow": {"slide_type": ...}}` by the rules below, changes nothing else, and writes a
notebook back (with nbformat, as Jupyter saves it) only when a slide type changed; a second run changes nothing.
First matching rule wins:

1. "skip": code cells with a tag that tools/tags.py marks off_slides (settings, setup, data-loader, all-idb2-loader,
   standin-generator, helpers, results, learning-check); any cell tagged solution; any collapsed cell (metadata
   jupyter.source_hidden); and the checks for automated runs at the end: the markdown cell right before the
   `results` cell if it speaks of "automated runs" (and has no `## ` heading, or one about checks or automated
   runs), with every cell after it up to the next `## ` heading.
2. "slide": the first markdown cell (the title) and every markdown cell with a `## ` heading.
3. "subslide": every markdown cell with a `### ` heading.
4. Figures (code cells with a stored image output) start a new subslide, together with the markdown cell right before
   them (their caption) if both fit on one slide or the caption is short (a quarter of a slide). A figure stays on the
   current slide only where it directly follows the markdown cell that started that slide and fits there.
5. "subslide": a cell that would make the current slide overflow starts a new one. Heights are estimated in pixels of
   a 1280x720 slide with the sizes of slides_template/static/slides.css (see `height`, within about 10 % of what
   Chromium draws): paragraphs wrapped at about 110 characters, code and output lines wrapped at 100, figures at
   their stored size scaled to the slide's width, at most 540 px.
6. "-" (continue the slide) for everything else; a "fragment" or "notes" set by hand is kept there.

A `## ` or `### ` heading in the middle of a markdown cell counts too, but the text above it then lands on the new
slide: `tag --split-headings` first splits such cells at those headings (it adds cells to the notebook: review the
diff). `tag` lists the cells that alone are taller than a slide. The decks deal with those when they are shown: a
slide's figures shrink (to 60 % of the slide's height), long code above a figure gets a scroll box of its own, text
shrinks (to 80 %), figures shrink further (to 35 %), and only then does the slide scroll.

`build` renders the stored outputs (nothing is executed) with `jupyter nbconvert --to slides` and the template in
tools/slides_template/, one NAME.slides.html per notebook plus an index.html, and copies what the decks load next to
them: reveal.js from the pip package sphinx-revealjs (which ships reveal.js's dist/ and plugin/ files) and MathJax 2
from jupyter-server-mathjax. No page loads anything from the internet; the folder can be copied to a USB stick.
"""

import argparse
import base64
import importlib.util
import io
import math
import re
import shutil
import subprocess
import sys
import time
from html import escape
from pathlib import Path

import nbformat

from tools.lectures import NOTEBOOK_DIR, REPO
from tools.tags import OFF_SLIDES, SOLUTION

TEMPLATE_DIR = Path(__file__).resolve().parent / "slides_template"
KEPT_BY_HAND = {"fragment", "notes"}

# Estimated heights in px on a 1280x720 slide (slides_template/static/slides.css; keep the two in step)
SLIDE_BUDGET = 690  # of the 720 px; a little over is fine: the deck then shrinks the text by a few per cent
TEXT_LINE, TEXT_CHARS = 34, 112  # 26 px markdown, line height 1.3
HEADING = {1: 66, 2: 56, 3: 48}
PARAGRAPH_GAP = 12
TABLE_ROW = 36
CODE_LINE, CODE_CHARS, CODE_PADDING = 26, 100, 24
OUTPUT_LINE, OUTPUT_CHARS, OUTPUT_PADDING = 23, 105, 6
IMAGE_WIDTH, IMAGE_MAX_HEIGHT = 1240, 540
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")

HEADING_LINE = re.compile(r"^(#{1,6})\s")
LIST_ITEM = re.compile(r"^([-*+]|\d+[.)])\s")
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"


# ---------------------------------------------------------------------------------------------------------- tag


def heading_levels(source):
    """[(line index, level)] of the markdown headings of a cell, outside code fences."""
    found, fenced = [], False
    for i, line in enumerate(source.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and (match := HEADING_LINE.match(line)):
            found.append((i, len(match.group(1))))
    return found


def has_heading(cell, level):
    return cell.cell_type == "markdown" and any(lvl == level for _, lvl in heading_levels(cell.source))


def is_figure(cell):
    return cell.cell_type == "code" and any(
        k in out.get("data", {}) for out in cell.get("outputs", []) for k in IMAGE_TYPES
    )


def image_height(out):
    """Displayed height of an image output: its stored size, scaled down to the slide's width, at most the CSS max."""
    data = out["data"]
    width = height = None
    meta = out.get("metadata", {})
    for kind in IMAGE_TYPES:
        if kind in data and isinstance(meta.get(kind), dict):
            width, height = meta[kind].get("width"), meta[kind].get("height")
    if not (width and height) and ("image/png" in data or "image/jpeg" in data):
        from PIL import Image  # matplotlib's dependency, installed with the notebooks' packages

        raw = data.get("image/png") or data.get("image/jpeg")
        raw = "".join(raw) if isinstance(raw, list) else raw
        with Image.open(io.BytesIO(base64.b64decode(raw))) as image:
            width, height = image.size
    if not (width and height):
        return IMAGE_MAX_HEIGHT
    return min(height * min(1.0, IMAGE_WIDTH / width), IMAGE_MAX_HEIGHT)


def wrapped(lines, chars):
    return sum(max(1, math.ceil(len(line.rstrip()) / chars)) for line in lines)


def height(cell):
    """Estimated height in px of a cell on a 1280x720 slide (see the constants above)."""
    if cell.cell_type == "markdown":
        total, fenced, paragraph = 0, False, ""

        def flush():
            return TEXT_LINE * math.ceil(len(paragraph) / TEXT_CHARS) if paragraph else 0

        for line in cell.source.splitlines():
            text = line.strip()
            if text.startswith(("```", "~~~")):
                fenced = not fenced
            match = None if fenced else HEADING_LINE.match(text)
            if fenced or match or not text or text.startswith("|") or LIST_ITEM.match(text):
                total, paragraph = total + flush(), ""  # a new block
            if fenced:
                total += CODE_LINE * wrapped([line], CODE_CHARS)
            elif match:
                total += HEADING.get(len(match.group(1)), TEXT_LINE)
            elif not text:
                total += PARAGRAPH_GAP
            elif text.startswith("|"):
                if not re.fullmatch(r"\|?[\s:|-]+\|?", text):  # not the |---|---| row
                    total += TABLE_ROW
            else:
                paragraph += (" " if paragraph else "") + text  # a paragraph's lines flow together
        return total + flush()
    if cell.cell_type != "code":
        return TEXT_LINE * wrapped(cell.source.splitlines() or [""], TEXT_CHARS)
    total = CODE_PADDING + CODE_LINE * wrapped(cell.source.splitlines() or [""], CODE_CHARS)
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        total += OUTPUT_PADDING
        if any(k in data for k in IMAGE_TYPES):
            total += image_height(out)
        elif out.get("output_type") == "stream":
            total += OUTPUT_LINE * wrapped(out.get("text", "").splitlines(), OUTPUT_CHARS)
        elif "text/html" in data:
            total += OUTPUT_LINE * wrapped("".join(data["text/html"]).splitlines(), OUTPUT_CHARS)
        elif "text/plain" in data:
            total += OUTPUT_LINE * wrapped("".join(data["text/plain"]).splitlines(), OUTPUT_CHARS)
        elif out.get("output_type") == "error":
            total += OUTPUT_LINE * len(out.get("traceback", []))
    return total


def checks_section(cells):
    """Indices of the cells of the final checks for automated runs (rule 1), or an empty set."""
    results = [i for i, c in enumerate(cells) if c.cell_type == "code" and "results" in c.metadata.get("tags", [])]
    if not results or results[0] == 0:
        return set()
    start = results[0] - 1
    intro = cells[start]
    if intro.cell_type != "markdown" or not re.search(r"automated\s+runs?", intro.source, re.IGNORECASE):
        return set()
    section_headings = [line for line in intro.source.splitlines() if re.match(r"##\s", line)]
    if any(not re.search(r"check|automated", line, re.IGNORECASE) for line in section_headings):
        return set()
    end = start + 1
    while end < len(cells) and not has_heading(cells[end], 2):
        end += 1
    return set(range(start, end))


def skipped(cell, index, checks):
    tags = set(cell.metadata.get("tags", []))
    if SOLUTION in tags or index in checks:
        return True
    if cell.metadata.get("jupyter", {}).get("source_hidden") is True:
        return True
    return cell.cell_type == "code" and bool(tags & OFF_SLIDES)


def slide_types(cells):
    """The slide type of every cell by the rules of this module's docstring, and the shown cells taller than a slide."""
    checks = checks_section(cells)
    types = ["skip" if skipped(c, i, checks) else None for i, c in enumerate(cells)]
    shown = [i for i, t in enumerate(types) if t is None]
    first_markdown = next((i for i in shown if cells[i].cell_type == "markdown"), None)
    heights = {i: height(cells[i]) for i in shown}
    too_tall = [i for i in shown if heights[i] > SLIDE_BUDGET]
    used = 0  # estimated px on the current slide
    started_by = None  # the shown cell that started the current slide or subslide
    captioned = None  # the figure whose caption started the current subslide
    for n, i in enumerate(shown):
        cell, h = cells[i], heights[i]
        previous = shown[n - 1] if n else None
        following = shown[n + 1] if n + 1 < len(shown) else None
        if i == first_markdown or has_heading(cell, 2):
            kind = "slide"
        elif has_heading(cell, 3):
            kind = "subslide"
        elif is_figure(cell):
            fits_here = previous is not None and previous == started_by and cells[previous].cell_type == "markdown"
            kind = "-" if fits_here and (used + h <= SLIDE_BUDGET or captioned == i) else "subslide"
        elif n and used + h > SLIDE_BUDGET:
            kind = "subslide"
        else:
            kind = "-"
        if (
            kind in ("-", "subslide")
            and n
            and cell.cell_type == "markdown"
            and following is not None
            and is_figure(cells[following])
            and (h + heights[following] <= SLIDE_BUDGET or h <= SLIDE_BUDGET / 4)
        ):
            kind, captioned = "subslide", following  # rule 4: the caption goes with its figure
        if kind == "-" and n == 0:
            kind = "slide"
        if kind == "-":
            current = cell.metadata.get("slideshow", {}).get("slide_type")
            kind = current if current in KEPT_BY_HAND else "-"
            used += h
        else:
            used, started_by = h, i
        types[i] = kind
    return types, too_tall


def split_at_headings(nb):
    """Split markdown cells before each `## ` or `### ` heading that has text above it in the same cell."""
    cells, changed = [], False
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        lines = cell.source.splitlines()
        cuts = [
            i
            for i, level in heading_levels(cell.source)
            if level in (2, 3) and i > 0 and any(line.strip() and not HEADING_LINE.match(line) for line in lines[:i])
        ]
        if not cuts:
            cells.append(cell)
            continue
        changed = True
        parts = [lines[a:b] for a, b in zip([0] + cuts, cuts + [len(lines)])]
        cell.source = "\n".join(parts[0]).rstrip()
        cells.append(cell)
        for part in parts[1:]:
            metadata = {k: v for k, v in cell.metadata.items() if k != "slideshow"}
            cells.append(nbformat.v4.new_markdown_cell("\n".join(part).rstrip(), metadata=metadata))
    nb.cells = cells
    return changed


def tag(paths, split=False):
    for path in paths:
        nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        changed = split_at_headings(nb) if split else False
        types, too_tall = slide_types(nb.cells)
        for cell, kind in zip(nb.cells, types):
            if cell.metadata.get("slideshow", {}).get("slide_type") != kind:
                cell.metadata.setdefault("slideshow", {})["slide_type"] = kind
                changed = True
        if changed:
            nbformat.validate(nb)
            nbformat.write(nb, path)
        counts = {k: types.count(k) for k in ("slide", "subslide", "skip")}
        mid = [
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "markdown"
            and types[i] != "skip"
            and any(line > 0 and level in (2, 3) for line, level in heading_levels(c.source))
            and not re.match(r"#{2,3}\s", c.source)
        ]
        print(
            f"{Path(path).name}: {'updated' if changed else 'unchanged'}; {counts['slide']} slides, "
            f"{counts['subslide']} subslides, {counts['skip']} cells skipped"
        )
        if too_tall:
            print(f"    taller than a slide on their own (the deck shrinks them, then scrolls): cells {too_tall}")
        if mid and not split:
            print(f"    a heading in the middle of markdown cells {mid}: `tag --split-headings` splits them there")


# -------------------------------------------------------------------------------------------------------- build


def package_folder(module, marker, what):
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        sys.exit(
            f"{what} comes from the pip package {module.replace('_', '-')}, which is not installed: "
            f"run `make slides` (it installs requirements.txt) or `pip install {module.replace('_', '-')}`"
        )
    found = sorted(Path(spec.origin).parent.rglob(marker))
    if not found:
        sys.exit(f"{module} is installed but has no {marker}: its layout changed; see tools/slides.py")
    return found[0].parents[marker.count("/")]


def copy_assets(out):
    """reveal.js and MathJax next to the decks: only the files they load, and the licences."""
    reveal = package_folder("sphinx_revealjs", "dist/reveal.js", "reveal.js")  # reveal.js 5, MIT
    target = out / "reveal.js"
    for name in ("LICENSE", "dist/reveal.css", "dist/reveal.js", "dist/theme/white.css", "plugin/notes/notes.js"):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(reveal / name, target / name)
    shutil.copytree(
        reveal / "dist/theme/fonts/source-sans-pro",
        target / "dist/theme/fonts/source-sans-pro",
        ignore=shutil.ignore_patterns("*.eot", "*.ttf"),
        dirs_exist_ok=True,
    )

    mathjax = package_folder("jupyter_server_mathjax", "MathJax.js", "MathJax")  # MathJax 2.7, Apache 2.0
    shutil.copytree(
        mathjax,
        out / "mathjax",
        dirs_exist_ok=True,
        ignore=lambda folder, names: [
            n for n in names if n in ("localization", "SVG") and Path(folder).name in ("static", "output")
        ],
    )


def deck_title(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def write_index(out, notebooks):
    rows = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        rows.append(f'<li><a href="{escape(path.stem)}.slides.html">{escape(deck_title(nb, path.stem))}</a></li>')
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Slides</title>\n'
        "<style>body{font:22px/1.5 sans-serif;margin:2em auto;max-width:50em}</style></head>\n<body>\n"
        "<h1>Slides</h1>\n<p>Space or the arrow keys: next slide; Esc: overview; F: full screen; S: speaker notes.</p>"
        "\n<ul>\n" + "\n".join(rows) + "\n</ul>\n</body>\n</html>\n",
        encoding="utf-8",
    )


def build(notebooks, out):
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        if not any("slideshow" in c.metadata for c in nb.cells):
            print(f"warning: {path.name} has no slide metadata (one long slide): run `python -m tools.slides tag`")
    copy_assets(out)
    command = [
        sys.executable,
        "-m",
        "nbconvert",
        "--to",
        "slides",
        f"--TemplateExporter.extra_template_basedirs={TEMPLATE_DIR.parent}",
        f"--template={TEMPLATE_DIR.name}",
        "--SlidesExporter.reveal_url_prefix=reveal.js",
        "--SlidesExporter.reveal_theme=white",
        f"--HTMLExporter.mathjax_url=mathjax/MathJax.js?config={MATHJAX_CONFIG}",
        f"--output-dir={out}",
        *map(str, notebooks),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"nbconvert failed:\n{result.stderr[-3000:]}")
    write_index(out, notebooks)
    print(f"{len(notebooks)} decks in {out} ({time.perf_counter() - start:.1f} s); open {out / 'index.html'}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    tagger = commands.add_parser("tag", help="set the slide metadata of notebooks (default: all in notebooks/)")
    tagger.add_argument("notebooks", nargs="*", type=Path)
    tagger.add_argument(
        "--split-headings",
        action="store_true",
        help="first split markdown cells at `## `/`### ` headings that have text above them",
    )
    builder = commands.add_parser("build", help="write one offline reveal.js deck per notebook")
    builder.add_argument("notebooks", nargs="*", type=Path, help="notebooks (default: all in --notebooks)")
    builder.add_argument(
        "--notebooks",
        dest="folder",
        type=Path,
        default=NOTEBOOK_DIR,
        help="folder of the notebooks (default: notebooks/)",
    )
    builder.add_argument("--out", type=Path, default=REPO / "build" / "slides", help="default: build/slides")
    args = parser.parse_args(argv)
    if args.command == "tag":
        tag(args.notebooks or sorted((NOTEBOOK_DIR).glob("*.ipynb")), split=args.split_headings)
    else:
        notebooks = args.notebooks or sorted(args.folder.glob("*.ipynb"))
        if not notebooks:
            sys.exit(f"no notebooks in {args.folder}")
        build(notebooks, args.out)


if __name__ == "__main__":
    main()
