"""Stride, dilation and groups. Window positions follow the documented index rule
(output g reads input g*stride + k*dilation - lo); the group connectivity is measured by
running conv_nd on one-hot inputs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from _common import INPUT, KERNEL, bare, cells, save

from mygrad_like.nnet import conv_nd

X, K = 9, 3
fig = plt.figure(figsize=(9, 7))
grid = fig.add_gridspec(2, 3, height_ratios=[1.9, 1], hspace=0.25, wspace=0.3)

ax = fig.add_subplot(grid[0, :])
top = 0.0
for title, stride, dilation in [
    ("stride=1", 1, 1),
    ("stride=2", 2, 1),
    ("dilation=2", 1, 2),
    ("stride=3", 3, 1),
]:
    G = conv_nd(np.ones((1, 1, X)), np.ones((1, 1, K)), stride=stride, dilation=dilation).shape[-1]
    assert G == (X - dilation * (K - 1) - 1) // stride + 1
    cells(ax, top - 0.8, [f"x{i}" for i in range(X)], [INPUT] * X)
    for g in range(G):
        y = top - 1.1 - 0.28 * g
        taps = [g * stride + k * dilation + 0.5 for k in range(K)]
        ax.plot([taps[0], taps[-1]], [y, y], color=KERNEL, lw=1)
        ax.plot(taps, [y] * K, "o", color=KERNEL, ms=3)
        ax.text(taps[-1] + 0.25, y, f"y{g}", va="center", fontsize=6)
    ax.text(-0.4, top - 0.4, f"{title}\nG = {G}", ha="right", va="center", fontsize=8, family="monospace")
    top -= 1.1 + 0.28 * G + 0.4
# lay the four panels out side by side would be wider; stacking keeps the input aligned
ax.set_xlim(-4, X + 1.5)
ax.set_ylim(top, 0.2)
bare(ax)
ax.set_title(f"stride and dilation on X = {X}, K = {K} (no padding)", fontsize=9)

C = F = 4
for col, groups in enumerate([1, 2, 4]):
    w = np.ones((F, C // groups, 1))
    connect = np.zeros((F, C))
    for c in range(C):  # which filters see input channel c?
        x = np.zeros((1, C, 1))
        x[0, c, 0] = 1.0
        connect[:, c] = conv_nd(x, w, groups=groups).data[0, :, 0]
    ax = fig.add_subplot(grid[1, col])
    ax.imshow(connect, cmap="Greens", vmin=0, vmax=1.6)
    ax.set_xticks(range(C), [f"c{c}" for c in range(C)], fontsize=7)
    ax.set_yticks(range(F), [f"f{f}" for f in range(F)], fontsize=7)
    ax.set_xlabel("input channel", fontsize=7)
    ax.set_ylabel("filter", fontsize=7)
    title = f"groups={groups}" + ("  (depthwise)" if groups == C else "")
    ax.set_title(f"{title}\nfilter_bank {tuple(w.shape[:2])} + K", fontsize=8)
save(fig, "conv_geometry")
