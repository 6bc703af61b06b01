"""What the padding holds in each padding_mode. The values are computed by conv_nd itself:
with a 1-element kernel equal to 1, the output is exactly the padded input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from _common import INPUT, PAD, PAD_MODE, bare, cells, fmt, save

import mygrad_like as mg
from mygrad_like.nnet import conv_nd

X, P = 6, 3
x = mg.arange(1.0, X + 1).reshape(1, 1, X)
identity = np.ones((1, 1, 1))

fig, ax = plt.subplots(figsize=(7.5, 3.2))
for row, mode in enumerate(["zeros", "reflect", "replicate", "circular"]):
    padded = conv_nd(x, identity, padding=P, padding_mode=mode).data.ravel()
    border = PAD if mode == "zeros" else PAD_MODE
    colors = [border] * P + [INPUT] * X + [border] * P
    y = -1.1 * row
    cells(ax, y, [fmt(v) for v in padded], colors, x0=-P)
    ax.text(
        -P - 0.4, y + 0.4, f'padding_mode="{mode}"', ha="right", va="center", fontsize=9, family="monospace"
    )
ax.set_xlim(-P - 7, X + P + 0.2)
ax.set_ylim(-1.1 * 3 - 0.2, 1.0)
bare(ax)
ax.set_title(f"x = 1..{X} with padding={P}: blue is the input, orange/grey the padding", fontsize=9)
save(fig, "conv_padding_modes")
