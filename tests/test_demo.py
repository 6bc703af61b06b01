"""The training demo, shortened (a subset of the digits, two epochs) to keep the suite fast."""

from __future__ import annotations

import io

import numpy as np
import pytest

pytest.importorskip("sklearn")
pytest.importorskip("matplotlib")

from mygrad_like import demo  # noqa: E402


def run(tmp_path, *extra):
    out = io.StringIO()
    result = demo.main(
        ["--epochs", "2", "--subset", "400", "--plot", str(tmp_path / "demo.png"), *extra], stream=out
    )
    return result, out.getvalue()


def test_short_demo_trains_reports_and_plots(tmp_path):
    result, text = run(tmp_path)
    assert "320 training and 80 held-out test images" in text
    assert "(?, 32, 4, 4)" in text and "total parameters: 9,930" in text  # the summary
    assert "epoch  1/2 [" in text and "epoch  2/2 [########################]  10/10 loss" in text
    assert "test acc" in text and "test accuracy:" in text and "wrote" in text
    assert 0.6 < result["accuracy"] <= 1.0  # two epochs on 320 images: far above chance (0.1)
    assert result["history"]["loss"][1] < result["history"]["loss"][0]
    assert len(result["history"]["step_loss"]) == 20
    assert result["confusion"].sum() == 80 and np.trace(result["confusion"]) == round(80 * result["accuracy"])
    png = (tmp_path / "demo.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_demo_is_deterministic(tmp_path):
    a, _ = run(tmp_path, "--no-plot")
    b, _ = run(tmp_path, "--no-plot", "--seed", "0")
    assert a["accuracy"] == b["accuracy"]
    assert a["history"]["step_loss"] == b["history"]["step_loss"]
    assert not (tmp_path / "demo.png").exists()
    c, _ = run(tmp_path, "--no-plot", "--seed", "1")
    assert c["history"]["step_loss"] != a["history"]["step_loss"]


def test_progress_bar_redraws_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    bar = demo.ProgressBar(4, "epoch 1/1", stream, width=8)
    bar.update(2, "loss 1.0")
    bar.close("done")
    assert stream.getvalue() == "\repoch 1/1 [####----]   2/4 loss 1.0\repoch 1/1 [########]   4/4 done\n"


def test_bad_arguments_exit(capsys):
    with pytest.raises(SystemExit):
        demo.main(["--epochs", "0"])
    assert "--epochs must be positive" in capsys.readouterr().err


def test_confusion_matrix():
    m = demo.confusion_matrix(np.array([0, 1, 1, 2]), np.array([0, 2, 1, 2]), n_classes=3)
    np.testing.assert_array_equal(m, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])
