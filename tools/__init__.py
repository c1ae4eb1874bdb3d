"""What builds and measures the notebooks, run from the repository's folder as `python -m tools.NAME`.

lectures   the one table of per-lecture facts           tags       the cell-tag vocabulary
reproduce  full-mode runs, benchmark, seeds, CI timing  report     results.json -> README and results/README.md
tidy       after an edit: stamp, strip, slide types     stamp      the shared code, from tools/shared/
slides     slide types and offline decks                student    the student edition
standin    lecture 14's synthetic ALL-IDB2 stand-in     notebook_cells  reading cells and outputs

CONTRIBUTING.md says when to use which. The notebooks never import this package: each runs alone.
"""
