"""max_pool and avg_pool on a 4x4 input with 2x2 windows: the values, and where max_pool's
gradient goes (x.grad after out.sum().backward())."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from _common import save

import mygrad_like as mg
from mygrad_like.nnet import avg_pool, max_pool

x = mg.tensor(
    np.array([[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 8.0, 1.0], [0.0, 2.0, 6.0, 7.0], [9.0, 1.0, 3.0, 5.0]])
)
mx = max_pool(x, (2, 2), 2)
mx.sum().backward()
grad = x.grad.copy()
av = avg_pool(x, (2, 2), 2)


def show(ax: plt.Axes, a: np.ndarray, title: str, cmap: str) -> None:
    ax.imshow(a, cmap=cmap, vmin=0, vmax=max(a.max(), 1) * 1.4)
    for (i, j), v in np.ndenumerate(a):
        ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=8.5)
    if a.shape[0] == 4:  # window borders
        for t in (1.5,):
            ax.axhline(t, color="black", lw=1.5)
            ax.axvline(t, color="black", lw=1.5)


fig, axes = plt.subplots(1, 4, figsize=(9, 2.6))
show(axes[0], x.data, "x (2x2 windows)", "Blues")
show(axes[1], mx.data, "max_pool(x, (2, 2), 2)", "Greens")
show(axes[2], av.data, "avg_pool(x, (2, 2), 2)", "Greens")
show(axes[3], grad, "x.grad of max_pool(...).sum()", "Oranges")
save(fig, "pooling")
