"""Run the training demo (python -m mygrad_like.demo) as the docs are built, keeping its
printed output (digits_demo.txt, with each progress bar's final state) and its figure
(digits_demo.png) for the training guide."""

from __future__ import annotations

import io
import os
import tempfile

import matplotlib.pyplot as plt
from _common import out_dir, save

out = out_dir()
text_path, png_path = out / "digits_demo.txt", out / "digits_demo.png"
try:
    import sklearn
    import tqdm
except ImportError:
    sklearn = tqdm = None

if sklearn is None or tqdm is None:
    fig, ax = plt.subplots(figsize=(6, 1))
    ax.text(0.5, 0.5, "scikit-learn or tqdm is not installed: the demo could not run", ha="center")
    ax.axis("off")
    save(fig, "digits_demo")
    printed = "(scikit-learn or tqdm is not installed where these docs were built: the demo could not run)\n"
else:
    from mygrad_like import demo

    fd, tmp_png = tempfile.mkstemp(suffix=".png", dir=out)
    os.close(fd)
    stream = io.StringIO()
    command = "python -m mygrad_like.demo"
    demo.main(["--out", tmp_png], stream=stream)
    os.replace(tmp_png, png_path)
    # a progress bar redraws its line after a carriage return: keep what the terminal shows
    shown = "\n".join(line.rsplit("\r", 1)[-1] for line in stream.getvalue().split("\n"))
    printed = f"$ {command}\n" + shown.replace(tmp_png, "digits_demo.png") + "\n"

fd, tmp_txt = tempfile.mkstemp(suffix=".txt", dir=out)
with os.fdopen(fd, "w") as f:
    f.write(printed)
os.replace(tmp_txt, text_path)
