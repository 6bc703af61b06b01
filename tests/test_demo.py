"""The training demo, shortened (a subset of the digits, two epochs) to keep the suite fast."""

from __future__ import annotations

import io

import numpy as np
import pytest

pytest.importorskip("sklearn")
pytest.importorskip("matplotlib")
pytest.importorskip("tqdm")

from mygrad_like import demo  # noqa: E402


def run(tmp_path, *extra):
    out = io.StringIO()
    result = demo.main(
        ["--epochs", "2", "--subset", "400", "--out", str(tmp_path / "demo.png"), *extra], stream=out
    )
    return result, out.getvalue()


def test_short_demo_trains_reports_and_plots(tmp_path):
    result, text = run(tmp_path)
    assert "320 training and 80 held-out test images" in text
    assert "(?, 32, 4, 4)" in text and "total parameters: 9,930" in text  # the summary
    final_bars = [line.rsplit("\r", 1)[-1] for line in text.split("\n") if "\r" in line]
    assert len(final_bars) == 2  # one tqdm bar per epoch, each ending on its own line
    assert final_bars[1].startswith("epoch  2/2 [####################] 10/10, loss")
    assert all("test acc" in bar for bar in final_bars)
    assert "test accuracy:" in text
    assert 0.6 < result["accuracy"] <= 1.0  # two epochs on 320 images: far above chance (0.1)
    assert result["history"]["loss"][1] < result["history"]["loss"][0]
    assert len(result["history"]["step_loss"]) == 20
    matrix = result["confusion"]
    assert matrix.shape == (10, 10) and matrix.sum() == 80
    assert np.trace(matrix) == round(80 * result["accuracy"])
    # the printed matrix is the returned one: row i lists the predictions for true digit i
    printed = text.split("(rows: true digit, columns: predicted):\n", 1)[1].splitlines()[1:11]
    np.testing.assert_array_equal([[int(v) for v in row.split()[1:]] for row in printed], matrix)
    assert text.rstrip().endswith(
        f"wrote {tmp_path / 'demo.png'} (loss/accuracy curves and the confusion matrix)"
    )
    png = (tmp_path / "demo.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_confusion_matrix_counts_true_against_predicted(tmp_path):
    """Recount the returned matrix from the model's predictions by a plain loop."""
    result, _ = run(tmp_path, "--no-plot")
    predicted = result["predictions"]
    truth = result["labels"]
    counts = np.zeros((10, 10), dtype=int)
    for t, p in zip(truth, predicted):
        counts[t, p] += 1
    np.testing.assert_array_equal(result["confusion"], counts)


def test_demo_is_deterministic(tmp_path):
    a, _ = run(tmp_path, "--no-plot")
    b, _ = run(tmp_path, "--no-plot", "--seed", "0")
    assert a["accuracy"] == b["accuracy"]
    assert a["history"]["step_loss"] == b["history"]["step_loss"]
    assert not (tmp_path / "demo.png").exists()
    c, _ = run(tmp_path, "--no-plot", "--seed", "1")
    assert c["history"]["step_loss"] != a["history"]["step_loss"]


@pytest.mark.parametrize("flag", ["--epochs", "--batch-size"])
def test_bad_arguments_exit(flag, capsys):
    with pytest.raises(SystemExit):
        demo.main([flag, "0"])
    assert f"{flag} must be positive" in capsys.readouterr().err
