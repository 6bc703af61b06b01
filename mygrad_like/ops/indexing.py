"""indexing ops (being written)."""

from __future__ import annotations

__all__: list = []


def plain_index(index):
    """``index`` with tensors replaced by their data (for NumPy indexing)."""
    from ..tensor import Tensor

    if isinstance(index, tuple):
        return tuple(i.data if isinstance(i, Tensor) else i for i in index)
    return index.data if isinstance(index, Tensor) else index
