"""Train a small CNN on scikit-learn's 8x8 handwritten digits: ``python -m mygrad_like.demo``.

The data set (1,797 images, 10 classes) ships with scikit-learn, so this runs offline. It is
split into a stratified training set and a held-out test set; the model

    conv(1->16, 3x3, pad 1) - relu - conv(16->32, 3x3, pad 1) - relu - maxpool 2x2 - dropout
    - dense(512->10)

is trained with Adam and a cosine learning-rate decay on the softmax cross-entropy. A
progress bar (tqdm) shows the running loss and accuracy; at the end the test accuracy, the
confusion matrix of the held-out images (scikit-learn) and the time taken are printed, and a
PNG with the loss/accuracy curves and the confusion matrix is written (``--out PATH``; the
path is printed). Fixed seeds make two runs give the same numbers.

Needs the ``examples`` extra (``pip install -e ".[examples]"``: scikit-learn, matplotlib and
tqdm). Run ``python -m mygrad_like.demo --help`` for the options.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, TextIO

import numpy as np

import mygrad_like as mg
from mygrad_like import nnet as nn

__all__ = ["main", "load_data", "build_model", "train", "predict"]


def load_data(seed: int = 0, test_fraction: float = 0.2, subset: int | None = None) -> tuple:
    """The digits as float32 images ``(N, 1, 8, 8)`` in [0, 1] and int labels, split
    (stratified, seeded) into ``(x_train, y_train, x_test, y_test)``."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = (digits.images / 16.0).astype(np.float32)[:, None]
    y = digits.target.astype(np.int64)
    if subset is not None and subset < len(y):
        x, _, y, _ = train_test_split(x, y, train_size=subset, stratify=y, random_state=seed)
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=test_fraction, stratify=y, random_state=seed
    )
    return x_train, y_train, x_test, y_test


def build_model(seed: int = 0, dropout: float = 0.25) -> nn.Sequential:
    """The CNN, with every layer's initializer (and the dropout mask) seeded from ``seed``."""
    rngs = np.random.SeedSequence(seed).spawn(4)
    gen = [np.random.default_rng(s) for s in rngs]
    return (
        nn.Input((1, 8, 8))
        >> nn.Conv(16, 3, padding=1, rng=gen[0])
        >> nn.ReLU()
        >> nn.Conv(32, 3, padding=1, rng=gen[1])
        >> nn.ReLU()
        >> nn.MaxPool(2)
        >> nn.Dropout(dropout, rng=gen[2])
        >> nn.Flatten()
        >> nn.Dense(10, rng=gen[3])
    )


@mg.no_autodiff
def predict(model: nn.Module, x: np.ndarray, batch_size: int = 512) -> np.ndarray:
    """Class predictions in evaluation mode (no graph is recorded)."""
    was_training = model.training
    model.eval()
    try:
        out = [model(x[i : i + batch_size]).data.argmax(axis=1) for i in range(0, len(x), batch_size)]
    finally:
        model.train(was_training)
    return np.concatenate(out)


def train(
    model: nn.Module,
    data: tuple,
    *,
    epochs: int,
    batch_size: int,
    lr: float,
    seed: int,
    stream: TextIO,
) -> dict:
    """Train with Adam and cosine decay, showing a tqdm progress bar per epoch on ``stream``;
    returns the per-epoch history."""
    from tqdm import tqdm

    x_train, y_train, x_test, y_test = data
    n = len(y_train)
    steps_per_epoch = -(-n // batch_size)
    opt = nn.Adam(model, lr=lr)
    schedule = nn.CosineLR(opt, total_steps=epochs * steps_per_epoch)
    order_rng = np.random.default_rng(seed)
    history: dict[str, list] = {"loss": [], "train_acc": [], "test_acc": [], "step_loss": []}
    for epoch in range(1, epochs + 1):
        model.train()
        order = order_rng.permutation(n)
        bar = tqdm(
            total=steps_per_epoch,
            desc=f"epoch {epoch:>2d}/{epochs}",
            file=stream,
            ncols=100,
            ascii=True,
            bar_format="{desc} [{bar:20}] {n_fmt}/{total_fmt}{postfix}",
        )
        seen = correct = 0
        total_loss = 0.0
        for step in range(steps_per_epoch):
            idx = order[step * batch_size : (step + 1) * batch_size]
            xb, yb = x_train[idx], y_train[idx]
            scores = model(xb)
            loss = nn.softmax_crossentropy(scores, yb)
            loss.backward()
            opt.step()
            schedule.step()
            seen += len(idx)
            correct += int((scores.data.argmax(axis=1) == yb).sum())
            total_loss += loss.item() * len(idx)
            history["step_loss"].append(loss.item())
            bar.set_postfix_str(
                f"loss {total_loss / seen:.4f}  acc {100 * correct / seen:5.1f}%", refresh=False
            )
            bar.update()
        test_acc = float((predict(model, x_test) == y_test).mean())
        history["loss"].append(total_loss / seen)
        history["train_acc"].append(correct / seen)
        history["test_acc"].append(test_acc)
        bar.set_postfix_str(
            f"loss {total_loss / seen:.4f}  acc {100 * correct / seen:5.1f}%  test acc {100 * test_acc:5.1f}%"
        )
        bar.close()
    return history


def plot(history: dict, matrix: np.ndarray, accuracy: float, path: str) -> None:
    """Write loss and accuracy curves and the confusion matrix to ``path`` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    epochs = np.arange(1, len(history["loss"]) + 1)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.4))
    ax = axes[0]
    steps = np.linspace(0, len(epochs), len(history["step_loss"]) + 1)[1:]
    ax.plot(steps, history["step_loss"], color="0.75", lw=0.8, label="per step")
    ax.plot(epochs, history["loss"], "o-", label="epoch mean")
    ax.set(title="training loss", xlabel="epoch", ylabel="softmax cross-entropy", yscale="log")
    ax.legend()
    ax = axes[1]
    ax.plot(epochs, 100 * np.array(history["train_acc"]), "o-", label="train")
    ax.plot(epochs, 100 * np.array(history["test_acc"]), "s-", label="test (held out)")
    ax.set(title="accuracy", xlabel="epoch", ylabel="%")
    ax.grid(alpha=0.3)
    ax.legend()
    ax = axes[2]
    ax.imshow(matrix, cmap="Blues")
    for (i, j), v in np.ndenumerate(matrix):
        if v:
            ax.text(
                j,
                i,
                str(v),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if v > matrix.max() / 2 else "black",
            )
    ax.set(
        title=f"test confusion matrix (accuracy {100 * accuracy:.1f}%)",
        xlabel="predicted",
        ylabel="true",
        xticks=range(10),
        yticks=range(10),
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _matrix_text(matrix: np.ndarray) -> str:
    width = max(len(str(matrix.max())), 2)
    head = "     " + " ".join(f"{j:>{width}d}" for j in range(matrix.shape[1]))
    rows = [f"{i:>3d}  " + " ".join(f"{v:>{width}d}" for v in row) for i, row in enumerate(matrix)]
    return "\n".join([head, *rows])


def main(argv: list[str] | None = None, stream: TextIO | None = None) -> dict[str, Any]:
    """Run the demo; returns the test accuracy, the time taken, the history, the confusion
    matrix, and the held-out predictions and labels."""
    p = argparse.ArgumentParser(prog="python -m mygrad_like.demo", description=__doc__.split("\n\n")[0])
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-3, help="Adam's initial learning rate (cosine decay to 0)")
    p.add_argument(
        "--seed", type=int, default=0, help="seeds the split, the weights, the shuffling and dropout"
    )
    p.add_argument("--subset", type=int, default=None, help="use only this many images (for a quick run)")
    p.add_argument(
        "--out",
        default="digits_demo.png",
        metavar="PATH",
        help="where to write the PNG (default: %(default)s)",
    )
    p.add_argument("--no-plot", action="store_true", help="skip the figure")
    args = p.parse_args(argv)
    out = sys.stdout if stream is None else stream
    for name in ("epochs", "batch_size"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be positive")
    try:
        import sklearn  # noqa: F401
        import tqdm  # noqa: F401
    except ImportError:
        p.error(
            'the demo needs scikit-learn and tqdm (and matplotlib for the plot): pip install -e ".[examples]"'
        )
    from sklearn.metrics import confusion_matrix

    t0 = time.perf_counter()
    data = load_data(seed=args.seed, subset=args.subset)
    model = build_model(seed=args.seed)
    print(f"8x8 digits: {len(data[1])} training and {len(data[3])} held-out test images", file=out)
    print(model.summary(), file=out)
    history = train(
        model, data, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, seed=args.seed, stream=out
    )
    predictions = predict(model, data[2])
    accuracy = float((predictions == data[3]).mean())
    elapsed = time.perf_counter() - t0
    print(
        f"test accuracy: {100 * accuracy:.2f}% ({int((predictions == data[3]).sum())}/{len(data[3])}) "
        f"in {elapsed:.1f} s",
        file=out,
    )
    matrix = confusion_matrix(data[3], predictions, labels=np.arange(10))
    print("confusion matrix of the held-out images (rows: true digit, columns: predicted):", file=out)
    print(_matrix_text(matrix), file=out)
    if not args.no_plot:
        plot(history, matrix, accuracy, args.out)
        print(f"wrote {args.out} (loss/accuracy curves and the confusion matrix)", file=out)
    return {
        "accuracy": accuracy,
        "seconds": elapsed,
        "history": history,
        "confusion": matrix,
        "predictions": predictions,
        "labels": data[3],
    }


if __name__ == "__main__":
    main()
