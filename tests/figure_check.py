"""Checks every figure a notebook shows, while the test suite runs it: readable on a projector.

conftest.py gives the kernels that nbval starts an IPython start-up file that runs this file (under the name
INSTALL_NAME, in a namespace of its own, so the notebook sees none of its names) before a notebook's first cell.
Run so, it wraps `plt.show()` and `Figure.savefig()` (the two ways our notebooks display a figure) and
raises, in the cell that shows the figure, when the figure
- has no title (neither a figure title nor a title on every panel),
- shows tick labels on an axis that has no axis label (panels with their axes switched off are pictures: exempt),
- has text smaller than MIN_POINTS (annotations, tick labels, legends, titles).
Nothing here changes what a figure looks like.
"""

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.text import Text

MIN_POINTS = 9


def _title_of(fig):
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        return suptitle.get_text().strip()
    return ""


def _panels(fig):
    """The axes that show data: not colour bars, not switched off."""
    return [ax for ax in fig.get_axes() if ax.get_label() != "<colorbar>" and ax.axison and ax.get_visible()]


def _shown_ticklabels(ax, which):
    labels = ax.get_xticklabels() if which == "x" else ax.get_yticklabels()
    return [t for t in labels if t.get_visible() and t.get_text().strip()]


def figure_problems(fig):
    """A list of what makes this figure hard to read; empty when it is fine."""
    # Tick labels exist only after a draw; a draw that renders nothing sets them too, without rasterising large
    # weight mosaics a second time.
    fig.draw_without_rendering()
    problems = []
    title = _title_of(fig)
    axes = [ax for ax in fig.get_axes() if ax.get_label() != "<colorbar>" and ax.get_visible()]
    untitled = [ax for ax in axes if not any(ax.get_title(loc).strip() for loc in ("left", "center", "right"))]
    if not title and (not axes or untitled):
        problems.append("no title: give the figure a suptitle, or every panel a title")
    name = title or next((ax.get_title() for ax in axes if ax.get_title()), "untitled figure")
    supxlabel = getattr(fig, "_supxlabel", None)
    supylabel = getattr(fig, "_supylabel", None)
    for ax in _panels(fig):
        if _shown_ticklabels(ax, "x") and not ax.get_xlabel().strip() and supxlabel is None:
            problems.append(f"a panel ({ax.get_title() or 'no title'!r}) shows x tick labels but no x-axis label")
        if _shown_ticklabels(ax, "y") and not ax.get_ylabel().strip() and supylabel is None:
            problems.append(f"a panel ({ax.get_title() or 'no title'!r}) shows y tick labels but no y-axis label")
    small = sorted(
        {
            (round(t.get_fontsize(), 1), t.get_text().strip()[:30])
            for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_POINTS
        }
    )
    if small:
        examples = ", ".join(f"{text!r} at {size} pt" for size, text in small[:3])
        problems.append(f"{len(small)} text(s) under {MIN_POINTS} pt, e.g. {examples}")
    return [f"{name}: {p}" for p in problems]


def _check(fig):
    problems = figure_problems(fig)
    if problems:
        raise AssertionError("figure check (tests/figure_check.py) failed:\n  " + "\n  ".join(problems))


INSTALL_NAME = "dlvc_figure_check"


def install():
    original_show, original_savefig = plt.show, Figure.savefig

    def show(*args, **kwargs):
        for number in plt.get_fignums():
            _check(plt.figure(number))
        return original_show(*args, **kwargs)

    def savefig(self, *args, **kwargs):
        _check(self)
        return original_savefig(self, *args, **kwargs)

    plt.show = show
    Figure.savefig = savefig


if __name__ == INSTALL_NAME:
    install()
