"""build_graph: the nodes and edges of a small expression; rendering where Graphviz's dot exists."""

from __future__ import annotations

import re
import shutil

import numpy as np
import pytest

import mygrad_like as mg
from mygrad_like.computational_graph import build_graph

graphviz = pytest.importorskip("graphviz")  # in the test extra: this always runs in CI


def _parse(graph) -> tuple[dict, set]:
    """``({node id: label}, {(tail, head)})`` from a Digraph's body lines."""
    nodes, edges = {}, set()
    for line in graph.body:
        line = line.strip()
        m = re.fullmatch(r"(\S+) -> (\S+)", line)
        if m:
            edges.add(m.groups())
            continue
        m = re.fullmatch(r'(\S+) \[label=(?:"((?:[^"\\]|\\.)*)"|(\S+))(.*)\]', line, re.S)
        if m:
            nodes[m.group(1)] = m.group(2) if m.group(2) is not None else m.group(3)
    return nodes, edges


def test_nodes_and_edges_of_a_small_expression():
    x = mg.tensor([1.0, 2.0])
    y = mg.tensor(3.0)
    z = x * y
    f = (z + x).sum()
    nodes, edges = _parse(build_graph(f, names={"x": x, "y": y, "z": z, "f": f}))
    by_label = {label.split("\n")[0]: i for i, label in nodes.items()}
    ops = {label for label in nodes.values() if label in ("Multiply", "Add", "Sum")}
    assert ops == {"Multiply", "Add", "Sum"}
    assert set(by_label) >= {"x", "y", "z", "f", "Multiply", "Add", "Sum"}
    mul, add, s = by_label["Multiply"], by_label["Add"], by_label["Sum"]
    x_, y_, z_, f_ = by_label["x"], by_label["y"], by_label["z"], by_label["f"]
    add_out = next(t for (t, h) in edges if h == s)
    assert edges == {
        (x_, mul), (y_, mul), (mul, z_),
        (z_, add), (x_, add), (add, add_out),
        (add_out, s), (s, f_),
    }  # fmt: skip
    assert len(nodes) == 8  # 5 tensors + 3 operations: x appears once though used twice


def test_labels_show_values_and_requested_statistics():
    x = mg.tensor([[1.0, 3.0]])
    f = mg.exp(x)
    nodes, _ = _parse(build_graph(f, dims=True, dtypes=True, sum_stats=True))
    labels = "\n".join(nodes.values())
    assert "shape=(1, 2)" in labels and "dtype=float64" in labels and "mean=2" in labels
    assert "[[1. 3.]]" in labels and "Exp" in labels


def test_constants_get_a_node_per_use_and_scalars_show_their_value():
    x = mg.tensor(2.0)
    f = x * 5.0 + np.array([1.0, 1.0])
    nodes, edges = _parse(build_graph(f, names={"x": x}))
    labels = sorted(nodes.values())
    assert "Constant" in labels and any(lab == "5.0" for lab in labels) and "x\n2.0" in labels
    assert len(edges) == 6


def test_render_false_returns_none_and_bad_input_raises():
    x = mg.tensor([1.0])
    assert build_graph(x * 2, render=False) is None
    with pytest.raises(TypeError, match="fin must be a Tensor"):
        build_graph(np.ones(2))
    with pytest.raises(TypeError, match="names"):
        build_graph(x, names=["x"])


def test_a_leaf_or_a_freed_graph_is_one_node():
    x = mg.tensor([1.0, 2.0])
    nodes, edges = _parse(build_graph(x))
    assert len(nodes) == 1 and not edges


def test_matches_mygrads_graph_size():
    mygrad = pytest.importorskip("mygrad")
    from mygrad.computational_graph import build_graph as mygrad_build_graph

    def expression(lib):
        a, b = lib.tensor([1.0, 2.0]), lib.tensor([3.0, 4.0])
        return lib.sum(lib.multiply(a, b) + a)

    ours = _parse(build_graph(expression(mg)))
    theirs = _parse(mygrad_build_graph(expression(mygrad)))
    assert (len(ours[0]), len(ours[1])) == (len(theirs[0]), len(theirs[1]))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is not installed")
def test_rendering_writes_a_picture(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    x = mg.tensor([1.0, 2.0])
    g = build_graph((x * x).sum(), names={"x": x}, save=True)
    assert (tmp_path / "computational_graph.pdf").stat().st_size > 0
    png = g.render(tmp_path / "graph", format="png", cleanup=True)
    assert open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
