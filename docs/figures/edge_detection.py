"""An edge-detection (Laplacian) kernel applied to each colour channel of a real photograph
with one depthwise conv_nd call (groups = 3), and the gradient of an edge-energy loss with
respect to the image, from one backward pass.

The photograph ships with scikit-learn (sklearn.datasets.load_sample_image("china.jpg"));
without scikit-learn a synthetic image is used instead."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from _common import save

import mygrad_like as mg
from mygrad_like.nnet import conv_nd


def load_image() -> tuple[np.ndarray, str]:
    try:
        from sklearn.datasets import load_sample_image

        img = load_sample_image("china.jpg")[::2, ::2]  # (214, 320, 3) uint8
        return img.astype(np.float32) / 255, 'sklearn.datasets.load_sample_image("china.jpg")'
    except Exception:  # scikit-learn missing: discs and bars in three colours
        yy, xx = np.mgrid[0:200, 0:300]
        img = np.zeros((200, 300, 3), np.float32)
        img[..., 0] = ((xx - 90) ** 2 + (yy - 100) ** 2 < 60**2) * 0.9
        img[..., 1] = ((xx // 30) % 2) * 0.7
        img[..., 2] = (((xx - 210) ** 2 + (yy - 90) ** 2) < 50**2) * 0.8 + (yy > 150) * 0.3
        return img, "a synthetic image (scikit-learn is not installed)"


img, source = load_image()
laplacian = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], np.float32)
x = mg.tensor(img.transpose(2, 0, 1)[None])  # (N=1, C=3, H, W)
kernels = np.repeat(laplacian[None, None], 3, axis=0)  # (F=3, C/groups=1, 3, 3): one per channel
edges = conv_nd(x, kernels, padding="same", padding_mode="replicate", groups=3)
assert edges.shape == x.shape and edges.dtype == np.float32
energy = (edges**2).mean()
energy.backward()  # d energy / d image: large where edges are
grad = np.abs(x.grad[0]).sum(axis=0)

fig, axes = plt.subplots(2, 3, figsize=(10, 5.4))
axes[0, 0].imshow(img)
axes[0, 0].set_title("input (N=1, C=3, H, W)", fontsize=8)
for c, name in enumerate(["red", "green", "blue"]):
    ax = axes[(c + 1) // 3, (c + 1) % 3]
    resp = np.abs(edges.data[0, c])
    ax.imshow(resp, cmap="gray_r", vmin=0, vmax=np.percentile(resp, 99.5))
    ax.set_title(f"|Laplacian| of the {name} channel", fontsize=8)
axes[1, 1].imshow(np.clip(np.abs(edges.data[0]).transpose(1, 2, 0) * 2, 0, 1))
axes[1, 1].set_title("all three responses as RGB (x2)", fontsize=8)
axes[1, 2].imshow(grad, cmap="magma", vmax=np.percentile(grad, 99.5))
axes[1, 2].set_title("|d mean(edges**2) / d image|, summed over C", fontsize=8)
for ax in axes.ravel():
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle(
    'conv_nd(x, kernels, padding="same", padding_mode="replicate", groups=3) on ' + source, fontsize=8.5
)
fig.tight_layout()
save(fig, "edge_detection")
