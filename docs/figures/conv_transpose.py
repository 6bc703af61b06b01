"""conv_transpose_nd spreads each input element over the output: y[i] * w lands at
i*stride (minus the padding). Values computed by the library."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from _common import INPUT, PAD_MODE, bare, cells, fmt, save

from mygrad_like.nnet import conv_transpose_nd

y = np.array([1.0, 2.0, 3.0])
w = np.array([1.0, 10.0, 100.0])
stride = 2
out = conv_transpose_nd(y.reshape(1, 1, -1), w.reshape(1, 1, -1), stride=stride).data.ravel()
n = out.size

fig, ax = plt.subplots(figsize=(7, 3.0))
cells(ax, 0.4, [fmt(v) for v in y], [INPUT] * y.size, x0=-6)
ax.text(-6, 1.5, "input y", fontsize=8)
cells(ax, 0.4, [fmt(v) for v in w], ["#c7e9c0"] * w.size, x0=-6 + y.size + 1)
ax.text(-6 + y.size + 1, 1.5, "kernel w", fontsize=8)
for i, v in enumerate(y):
    row = [None] * n
    for k, wk in enumerate(w):
        row[i * stride + k] = fmt(v * wk)
    colors = ["white" if r is None else PAD_MODE for r in row]
    cells(ax, -0.9 * (i + 1), row, colors, x0=2)
    ax.text(1.6, -0.9 * (i + 1) + 0.4, f"y{i} * w at {i * stride}", ha="right", va="center", fontsize=7)
total = -0.9 * (y.size + 1) - 0.3
cells(ax, total, [fmt(v) for v in out], [INPUT] * n, x0=2)
ax.text(1.6, total + 0.4, "sum = output", ha="right", va="center", fontsize=8, weight="bold")
expected = np.zeros(n)
for i, v in enumerate(y):
    expected[i * stride : i * stride + w.size] += v * w
assert np.array_equal(out, expected)
ax.set_xlim(-6.2, 2 + n + 0.2)
ax.set_ylim(total - 0.2, 2.0)
bare(ax)
ax.set_title(f"conv_transpose_nd(y, w, stride={stride}): output size (G-1)*stride + K = {n}", fontsize=9)
save(fig, "conv_transpose")
