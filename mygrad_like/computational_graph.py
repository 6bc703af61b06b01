"""Draw the computational graph that produced a tensor (with Graphviz).

:func:`build_graph` needs the ``graphviz`` Python package (the ``graph`` extra:
``pip install mygrad_like[graph]``); rendering the picture, or saving it, also needs
Graphviz's ``dot`` program (Debian/Ubuntu: ``apt-get install graphviz``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .tensor import Tensor

__all__ = ["build_graph"]


def _label(value: Any, names: Mapping[str, Any] | None, dims: bool, dtypes: bool, sum_stats: bool) -> str:
    """A node's text: its name from ``names`` (matched by identity) or its values, then the
    requested statistics."""
    data = value.data if isinstance(value, Tensor) else np.asarray(value)
    name = None
    if names is not None:
        name = next((k for k, v in names.items() if v is value), None)
        if name is None and data.ndim > 0:
            name = "Constant" if not isinstance(value, Tensor) else None
    if data.ndim == 0:
        text = repr(data.item()) if name is None else f"{name}\n{data.item()!r}"
    else:
        text = name if name is not None else np.array2string(data, threshold=20)
    if dims and data.ndim > 0:
        text += f"\nshape={data.shape}"
    if dtypes:
        text += f"\ndtype={data.dtype}"
    if sum_stats and data.ndim > 0 and data.size > 0:
        text += (
            f"\nmin={data.min():.4g} max={data.max():.4g}"
            f"\nmedian={np.median(data):.4g} mean={data.mean():.4g}"
        )
    return text


def build_graph(
    fin: Tensor,
    names: Mapping[str, Any] | None = None,
    *,
    render: bool = True,
    save: bool = False,
    dims: bool = False,
    dtypes: bool = False,
    sum_stats: bool = False,
) -> Any:
    """The graph of operations that produced ``fin``, as a ``graphviz.Digraph``.

    Tensors (and the constants that entered an operation) are ellipses labelled with their
    values or names; operations are red boxes labelled with the op's class name. An edge
    goes from each input to the operation, and from the operation to its result. A graph
    that a backward pass has freed shows only ``fin``.

    Parameters
    ----------
    fin : Tensor
        The last tensor of the graph.
    names : mapping of str to tensor or array, optional
        Labels: a node whose tensor (or array) *is* one of the values is labelled with its
        key (pass ``names=locals()`` to use your variable names). Without ``names`` a node
        shows its values; with ``names``, unnamed constants that are not tensors show
        ``Constant``. A 0-d node always shows its value.
    render : bool, default True
        Return the ``graphviz.Digraph`` (Jupyter displays it); with ``False`` return ``None``.
    save : bool, default False
        Also write the picture to ``computational_graph.pdf`` in the working directory
        (needs the ``dot`` program).
    dims, dtypes, sum_stats : bool, default False
        Add each tensor's shape, dtype, or min/max/median/mean to its label (shape and
        statistics only for tensors of one or more dimensions).

    Returns
    -------
    graphviz.Digraph or None

    Raises
    ------
    ImportError
        When the ``graphviz`` Python package is not installed.

    Examples
    --------
    >>> import mygrad_like as mg
    >>> from mygrad_like.computational_graph import build_graph
    >>> x = mg.tensor(2.0)
    >>> y = mg.tensor(3.0)
    >>> f = x * y + 1.0
    >>> g = build_graph(f, names={"x": x, "y": y, "f": f})
    >>> print(g.source)  # doctest: +ELLIPSIS
    digraph {
    ...Multiply...
    }

    ``g.render("graph", format="png")`` draws it (with Graphviz's ``dot``).
    """
    if not isinstance(fin, Tensor):
        raise TypeError(f"fin must be a Tensor; got {type(fin).__name__}")
    if names is not None and not isinstance(names, Mapping):
        raise TypeError(f"names must be None or a mapping of names to tensors; got {type(names).__name__}")
    try:
        from graphviz import Digraph
    except ImportError:  # pragma: no cover - the graph extra is in the test extra
        raise ImportError(
            "build_graph needs the graphviz Python package: pip install mygrad_like[graph]"
        ) from None

    graph = Digraph(strict=False)
    graph.node_attr.update(fontsize="12")
    label = {"names": names, "dims": dims, "dtypes": dtypes, "sum_stats": sum_stats}
    seen: set[int] = set()
    # an explicit stack: a deep graph must not hit the recursion limit
    graph.node(name=str(id(fin)), label=_label(fin, **label))
    stack = [fin]
    while stack:
        t = stack.pop()
        op = t.creator
        if op is None or id(op) in seen or getattr(op, "inputs", None) is None:
            continue
        seen.add(id(op))
        op_id = str(id(op))
        graph.node(name=op_id, label=type(op).__name__, shape="box", style="filled", fillcolor="red")
        graph.edge(op_id, str(id(t)))
        for i, x in enumerate(op.inputs):
            # a non-tensor input (scalar/array) gets a node per use: ids of scalars are shared
            x_id = str(id(x)) if isinstance(x, Tensor) else f"{op_id}-{i}"
            if not isinstance(x, Tensor) or id(x) not in seen:
                graph.node(name=x_id, label=_label(x, **label))
            graph.edge(x_id, op_id)
            if isinstance(x, Tensor) and id(x) not in seen:
                seen.add(id(x))
                stack.append(x)
    if save:
        graph.render(filename="computational_graph", format="pdf", cleanup=True)
    return graph if render else None
