"""
Convolution, padding and pooling, visualised
============================================

What :func:`mygrad_like.nnet.conv_nd` and :func:`mygrad_like.nnet.max_pool` do to an image:
edge filters with and without padding (and the output-size rule
``out = (in + pad_lo + pad_hi - dilation * (k - 1) - 1) // stride + 1``), the padding modes,
and 2x2 max pooling, whose gradient goes to the largest element of each window only.
"""

# %%
# An image: a bright square on a dark background, 32x32, as a batch of one with one
# channel, ``(N, C, H, W) = (1, 1, 32, 32)``.
import matplotlib.pyplot as plt
import numpy as np

import mygrad_like as mg
from mygrad_like.nnet import conv_nd, max_pool

image = np.zeros((1, 1, 32, 32))
image[..., 8:24, 8:24] = 1.0
image[..., 14:18, 4:28] = 0.5

# %%
# Two 3x3 Sobel filters, stacked as ``(F, C, kH, kW) = (2, 1, 3, 3)``. Without padding the
# output loses a pixel on each side (32 - 3 + 1 = 30); ``padding=1`` keeps 32x32.
sobel_x = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
filters = np.stack([sobel_x, sobel_x.T])[:, None]
valid = conv_nd(image, filters)
same = conv_nd(image, filters, padding=1)
print("no padding:", valid.shape, " padding=1:", same.shape)

fig, axes = plt.subplots(1, 3, figsize=(9, 3))
for ax, img, title in zip(
    axes, [image[0, 0], same.data[0, 0], same.data[0, 1]], ["input", "d/dx filter", "d/dy filter"]
):
    ax.imshow(img, cmap="RdBu_r" if img.min() < 0 else "gray")
    ax.set_title(title)
    ax.axis("off")

# %%
# Padding modes: with a 5x5 averaging filter and ``padding=2``, the border depends on what
# is assumed outside the image: zeros (the default), a reflection, or the nearest edge
# value.
box = np.full((1, 1, 5, 5), 1 / 25)
modes = ["zeros", "reflect", "replicate"]
fig, axes = plt.subplots(1, 3, figsize=(9, 3))
for ax, mode in zip(axes, modes):
    out = conv_nd(image, box, padding=2, padding_mode=mode)
    ax.imshow(out.data[0, 0], cmap="gray", vmin=0, vmax=1)
    ax.set_title(f"padding_mode={mode!r}")
    ax.axis("off")

# %%
# Stride and dilation change the output size by the same rule:
for stride, dilation in [(1, 1), (2, 1), (1, 2), (2, 2)]:
    out = conv_nd(image, filters, stride=stride, dilation=dilation)
    print(f"stride={stride} dilation={dilation}: output {out.shape[2:]}")

# %%
# Max pooling over 2x2 windows halves each side. Its gradient is 1 at the largest element
# of each window and 0 elsewhere: backpropagating a sum shows which pixels "won".
x = mg.tensor(np.random.default_rng(0).random((1, 1, 8, 8)))
pooled = max_pool(x, (2, 2), (2, 2))
pooled.sum().backward()
print("pooled shape:", pooled.shape)

fig, axes = plt.subplots(1, 3, figsize=(9, 3))
for ax, img, title in zip(
    axes, [x.data[0, 0], pooled.data[0, 0], x.grad[0, 0]], ["input", "max_pool 2x2", "gradient"]
):
    ax.imshow(img, cmap="viridis")
    ax.set_title(title)
    ax.axis("off")
