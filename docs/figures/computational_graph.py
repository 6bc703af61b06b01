"""The graph of ``f = (x * y + x).sum()`` drawn by ``mygrad_like.computational_graph.build_graph``.

Graphviz's ``dot`` program renders it; where ``dot`` (or the ``graphviz`` Python package) is
missing, the picture committed beside this script (rendered by it) is copied instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from _common import out_dir

import mygrad_like as mg

HERE = Path(__file__).resolve().parent
NAME = "computational_graph"


def main() -> None:
    target = out_dir() / f"{NAME}.png"
    fd, tmp = tempfile.mkstemp(suffix=".png", dir=target.parent)
    os.close(fd)
    try:
        from mygrad_like.computational_graph import build_graph

        if shutil.which("dot") is None:
            raise ImportError("no dot program")
        x = mg.tensor([1.0, 2.0])
        y = mg.tensor(3.0)
        f = (x * y + x).sum()
        graph = build_graph(f, names={"x": x, "y": y, "f": f})
        graph.graph_attr.update(rankdir="LR", dpi="110")
        png = graph.pipe(format="png")
        Path(tmp).write_bytes(png)
        if os.environ.get("MGL_UPDATE_FIGURE_FALLBACK"):  # refresh the committed copy
            (HERE / f"{NAME}.png").write_bytes(png)
    except ImportError:
        shutil.copyfile(HERE / f"{NAME}.png", tmp)
    os.replace(tmp, target)  # atomic: two builds may run at once


if __name__ == "__main__":
    main()
