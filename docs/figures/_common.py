"""Helpers shared by the figure scripts (not a figure itself: the name starts with ``_``).

Every script can also be run by hand: ``python docs/figures/<script>.py [out_dir]``
(``out_dir`` defaults to ``docs/_figures``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

INPUT = "#9ecae1"  # input cells
PAD = "#d9d9d9"  # zero padding
PAD_MODE = "#fdae6b"  # padding that copies input values
KERNEL = "#31a354"  # kernel taps


def out_dir() -> Path:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "_figures"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(fig: plt.Figure, name: str) -> None:
    """Write ``fig`` to ``<out_dir>/<name>.png`` atomically (two builds may run at once)."""
    target = out_dir() / f"{name}.png"
    fd, tmp = tempfile.mkstemp(suffix=".png", dir=target.parent)
    os.close(fd)
    fig.savefig(tmp, dpi=110, bbox_inches="tight")
    os.replace(tmp, target)
    plt.close(fig)


def cells(ax: plt.Axes, y: float, values: list, colors: list, *, x0: float = 0.0, h: float = 0.8) -> None:
    """A row of labelled unit squares starting at ``x0``."""
    for i, (v, c) in enumerate(zip(values, colors)):
        ax.add_patch(Rectangle((x0 + i, y), 1, h, facecolor=c, edgecolor="black", lw=0.8))
        if v is not None:
            ax.text(x0 + i + 0.5, y + h / 2, str(v), ha="center", va="center", fontsize=8)


def fmt(v: float) -> str:
    return f"{v:g}"


def bare(ax: plt.Axes) -> None:
    ax.set_aspect("equal")
    ax.axis("off")
