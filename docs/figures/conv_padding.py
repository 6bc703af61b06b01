"""Every padding form of conv_nd on one 1-D input: where the padding goes and where each
window lands. The (lo, hi) pairs come from the documented rules and are checked against
what mygrad_like.nnet.conv_nd actually does (output size, and which input each window starts on)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from _common import INPUT, KERNEL, PAD, bare, cells, save

import mygrad_like as mg
from mygrad_like.nnet import conv_nd

X, K = 6, 3


def documented_pads(padding, stride: int, dilation: int) -> tuple[int, int]:
    """(lo, hi) by the rules in conv_nd's docstring."""
    span = dilation * (K - 1)
    if padding == "valid":
        return 0, 0
    if padding == "full":
        return span, span
    if padding == "same":
        total = max((math.ceil(X / stride) - 1) * stride + span + 1 - X, 0)
        return total // 2, total - total // 2
    if isinstance(padding, int):
        return padding, padding
    return padding[0]


def check(padding, stride: int, dilation: int, lo: int, hi: int) -> int:
    """Run conv_nd with one-hot kernels on x = 1..X; return G after checking (lo, hi)."""
    x = mg.arange(1.0, X + 1).reshape(1, 1, X)
    g_doc = (X + lo + hi - dilation * (K - 1) - 1) // stride + 1
    for j in range(K):
        w = np.zeros((1, 1, K))
        w[..., j] = 1.0
        out = conv_nd(x, w, stride=stride, padding=padding, dilation=dilation).data.ravel()
        assert out.size == g_doc, (padding, out.size, g_doc)
        expected = [
            p - lo + 1 if 0 <= p - lo < X else 0 for p in (g * stride + j * dilation for g in range(g_doc))
        ]
        assert np.array_equal(out, expected), (padding, j, out, expected)
    return g_doc


CASES = [
    ('padding=0  (or "valid")', 0, 1, 1),
    ("padding=1", 1, 1, 1),
    ("padding=((0, 2),)  asymmetric", ((0, 2),), 1, 1),
    ('padding="same"', "same", 1, 1),
    ('padding="same", stride=2', "same", 2, 1),
    ('padding="same", dilation=2', "same", 1, 2),
    ('padding="full"', "full", 1, 1),
]

ROW = 0.3  # height of one window line
fig, ax = plt.subplots(figsize=(8, 9.5))
top = 0.0
for title, padding, stride, dilation in CASES:
    lo, hi = documented_pads(padding, stride, dilation)
    G = check(padding, stride, dilation, lo, hi)
    labels = ["0"] * lo + [f"x{i}" for i in range(X)] + ["0"] * hi
    colors = [PAD] * lo + [INPUT] * X + [PAD] * hi
    cells(ax, top - 0.8, labels, colors, x0=-lo)  # input element i sits at x = i
    for g in range(G):  # one line per output position, dots on the kernel taps
        y = top - 1.15 - ROW * g
        taps = [g * stride + k * dilation - lo + 0.5 for k in range(K)]
        ax.plot([taps[0], taps[-1]], [y, y], color=KERNEL, lw=1)
        ax.plot(taps, [y] * K, "o", color=KERNEL, ms=3.5)
        ax.text(taps[-1] + 0.3, y, f"y{g}", va="center", fontsize=6.5)
    ax.text(-12.5, top - 0.4, title, fontsize=9, va="center", family="monospace")
    ax.text(-12.5, top - 1.0, f"(lo, hi) = ({lo}, {hi})   G = {G}", fontsize=8.5, va="center")
    top -= 1.15 + ROW * G + 0.55
ax.set_xlim(-12.6, X + 3.5)
ax.set_ylim(top, 0.3)
bare(ax)
ax.set_title(
    f"conv_nd padding forms for an input of X = {X} and a kernel of K = {K}\n"
    "blue: input, grey: zero padding; one line per output position y_g, dots on the kernel taps",
    fontsize=9,
)
save(fig, "conv_padding")
