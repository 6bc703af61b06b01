"""
Training a CNN on the 8x8 digits
================================

The library's training demo (``python -m mygrad_like.demo``), written out step by step: load
scikit-learn's 8x8 handwritten digits, build a small convolutional network, train it with
Adam and a cosine learning-rate schedule, and look at where it still errs. It reuses the
demo's functions, so the numbers are the demo's (``--seed 0``). Needs the ``examples`` extra
(scikit-learn, matplotlib, tqdm).
"""

# %%
# The data: 1,797 images of 8x8 pixels, scaled to [0, 1], with a channel axis, split into
# a stratified training set and a held-out test set (20% of each digit).
import io

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix

from mygrad_like import demo

x_train, y_train, x_test, y_test = demo.load_data(seed=0)
print(x_train.shape, x_test.shape)

fig, axes = plt.subplots(1, 8, figsize=(8, 1.3))
for ax, image, label in zip(axes, x_train[:8, 0], y_train[:8]):
    ax.imshow(image, cmap="gray_r")
    ax.set_title(str(label))
    ax.axis("off")

# %%
# The model: two 3x3 convolutions with ``padding=1`` (the 8x8 size is kept), a 2x2 max
# pool, dropout, and a dense layer to the 10 classes. ``summary()`` lists the shapes that
# the layers inferred from the input shape.
model = demo.build_model(seed=0)
print(model.summary())

# %%
# Training: 15 epochs of mini-batches of 32, Adam with a cosine decay of the learning rate
# from 0.003 to 0. The progress bar (``tqdm``) is written to a string here so that the page
# shows one line per epoch.
log = io.StringIO()
history = demo.train(
    model, (x_train, y_train, x_test, y_test), epochs=15, batch_size=32, lr=3e-3, seed=0, stream=log
)
# a progress bar redraws its line after each "\r": keep each epoch's final state
print("\n".join(line.rsplit("\r", 1)[-1] for line in log.getvalue().split("\n") if line))

fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9, 3.2))
ax0.plot(np.arange(1, 16), history["loss"], "o-")
ax0.set(xlabel="epoch", ylabel="training loss", yscale="log")
ax1.plot(np.arange(1, 16), 100 * np.array(history["train_acc"]), "o-", label="train")
ax1.plot(np.arange(1, 16), 100 * np.array(history["test_acc"]), "s-", label="test")
ax1.set(xlabel="epoch", ylabel="accuracy (%)")
ax1.legend()
fig.tight_layout()

# %%
# Evaluation on the held-out images: the accuracy and the confusion matrix (rows: true
# digit, columns: prediction), computed by scikit-learn.
predicted = demo.predict(model, x_test)
print(f"test accuracy: {100 * (predicted == y_test).mean():.2f}%")
matrix = confusion_matrix(y_test, predicted, labels=range(10))
print(matrix)
ConfusionMatrixDisplay(matrix, display_labels=range(10)).plot(colorbar=False)
plt.title("held-out confusion matrix")
plt.show()

# %%
# The images it gets wrong, with the predicted digit in the title:
wrong = np.flatnonzero(predicted != y_test)
fig, axes = plt.subplots(1, max(len(wrong), 1), figsize=(1.2 * max(len(wrong), 1), 1.5), squeeze=False)
for ax, i in zip(axes[0], wrong):
    ax.imshow(x_test[i, 0], cmap="gray_r")
    ax.set_title(f"{y_test[i]} as {predicted[i]}", fontsize=9)
for ax in axes[0]:
    ax.axis("off")
