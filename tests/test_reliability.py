"""Reliability at the edges: empty inputs to every layer, all-or-nothing updates (optimizer
steps, ``load_state_dict``, a backward pass that raises midway) and damaged files.

Expectations come from PyTorch (empty batches, batch norm on an empty batch), NumPy
(``np.pad`` of a 0-d array) and from the state before the failing call (nothing changed).
"""

from __future__ import annotations

import io
import os
import pickle
import re
import warnings
import zipfile

import numpy as np
import pytest

import mygrad_like as mg
from mygrad_like import Operation, execute_op
from mygrad_like.nnet import avg_pool, batchnorm, max_pool
from mygrad_like.nnet import modules as nn
from mygrad_like.nnet.optim import SGD, Adam, AdamW, RMSprop


# --------------------------------------------------------------------------- empty inputs
def _layers():
    """(name, layer, per-sample input shape)."""
    return [
        ("Dense", nn.Dense(4, rng=0), (3,)),
        ("Conv", nn.Conv(4, 3, rng=0), (2, 5, 5)),
        ("Conv padded", nn.Conv(4, 3, padding=1, stride=2, rng=0), (2, 5, 5)),
        ("Conv 1-d", nn.Conv(4, 3, rng=0), (2, 7)),
        ("ConvTranspose", nn.ConvTranspose(4, 3, stride=2, rng=0), (2, 5, 5)),
        ("MaxPool", nn.MaxPool(2), (2, 4, 4)),
        ("MaxPool padded", nn.MaxPool(3, stride=2, padding=1), (2, 5, 5)),
        ("AvgPool", nn.AvgPool(2), (2, 4, 4)),
        ("BatchNorm", nn.BatchNorm(2), (2, 4, 4)),
        ("BatchNorm 1-d", nn.BatchNorm(3), (3,)),
        ("Dropout", nn.Dropout(0.5, rng=0), (3,)),
        ("Flatten", nn.Flatten(), (2, 3, 4)),
        ("Reshape", nn.Reshape(3, -1), (2, 3, 4)),
        ("ReLU", nn.ReLU(), (4,)),
        ("GELU", nn.GELU(), (4,)),
        ("Softmax", nn.Softmax(), (4,)),
        ("LogSoftmax", nn.LogSoftmax(), (4,)),
        ("GLU", nn.GLU(), (4,)),
        (
            "Sequential",
            nn.Conv(4, 3, padding=1, rng=0)
            >> nn.BatchNorm()
            >> nn.ReLU()
            >> nn.MaxPool(2)
            >> nn.Flatten()
            >> nn.Dense(5, rng=0),
            (1, 8, 8),
        ),
    ]


@pytest.mark.parametrize("name, layer, sample", _layers(), ids=[c[0] for c in _layers()])
def test_every_layer_takes_an_empty_batch(name, layer, sample):
    """0 samples in, 0 samples out with the shape the layer's own shape rule gives; the
    backward pass gives an empty input gradient and zero parameter gradients, without warnings."""
    expected = (0,) + tuple(layer.build((None,) + sample)[1:])
    x = mg.tensor(np.zeros((0,) + sample, np.float32))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = layer(x)
        y.sum().backward()
    assert y.shape == expected
    assert x.grad.shape == x.shape
    for p in layer.parameters():
        assert p.grad.shape == p.shape and not p.grad.any()


def test_empty_batches_match_pytorch_shapes():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    x = np.zeros((0, 2, 6, 6))
    assert max_pool(x, (2, 2)).shape == tuple(F.max_pool2d(torch.tensor(x), 2).shape)
    assert avg_pool(x, (3, 3), 2, padding=1).shape == tuple(
        F.avg_pool2d(torch.tensor(x), 3, 2, padding=1).shape
    )
    dense = nn.Dense(3, 4, rng=0)
    assert dense(np.zeros((0, 3))).shape == tuple(torch.nn.Linear(3, 4)(torch.zeros(0, 3)).shape)


def test_unbuilt_model_builds_on_an_empty_batch():
    model = nn.Sequential(nn.Conv(4, 3, rng=0), nn.ReLU(), nn.Flatten(), nn.Dense(3, rng=0))
    assert model(np.zeros((0, 1, 8, 8), np.float32)).shape == (0, 3)
    assert model(np.ones((2, 1, 8, 8), np.float32)).shape == (2, 3)


def test_batchnorm_on_an_empty_batch_leaves_the_running_statistics_alone():
    """As PyTorch: the running statistics keep their values, so later evaluation is unaffected."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    ours, theirs = nn.BatchNorm(2, dtype=np.float64), torch.nn.BatchNorm2d(2, dtype=torch.float64)
    batch = rng.normal(size=(4, 2, 3, 3))
    ours(batch), theirs(torch.tensor(batch))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = ours(np.zeros((0, 2, 3, 3)))
    theirs(torch.zeros(0, 2, 3, 3, dtype=torch.float64))
    assert out.shape == (0, 2, 3, 3)
    np.testing.assert_allclose(ours.running_mean.data, theirs.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(ours.running_var.data, theirs.running_var.numpy(), rtol=1e-12)
    ours.eval(), theirs.eval()
    probe = rng.normal(size=(3, 2, 3, 3))
    np.testing.assert_allclose(ours(probe).data, theirs(torch.tensor(probe)).detach().numpy(), rtol=1e-10)


def test_batchnorm_function_on_an_empty_batch():
    x, gamma, beta = mg.tensor(np.zeros((0, 3))), mg.tensor(np.ones(3)), mg.tensor(np.zeros(3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = batchnorm(x, gamma=gamma, beta=beta, eps=1e-5)
        y.sum().backward()
    assert y.shape == (0, 3) and x.grad.shape == (0, 3)
    np.testing.assert_array_equal(gamma.grad, np.zeros(3))
    np.testing.assert_array_equal(beta.grad, np.zeros(3))


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "symmetric", "wrap"])
@pytest.mark.parametrize("width", [0, 2, (1, 3), ((1, 2),)])
def test_pad_of_a_0d_tensor_is_numpys(mode, width):
    x = mg.tensor(0.5)
    y = mg.pad(x, width, mode=mode) if mode != "constant" or width != ((1, 2),) else mg.pad(x, width)
    expected = np.pad(np.array(0.5), width, mode=mode)
    np.testing.assert_array_equal(y.data, expected)
    y.backward()
    assert x.grad == 1.0


# --------------------------------------------------------------------------- optimizer steps
def _optimizers():
    return [
        lambda ps: SGD(ps, lr=0.1, momentum=0.9),
        lambda ps: Adam(ps, lr=0.1),
        lambda ps: AdamW(ps, lr=0.1),
        lambda ps: RMSprop(ps, lr=0.1, momentum=0.5, centered=True),
    ]


def _snapshot(opt):
    params = [p.data.copy() for p in opt.params]
    state = [{k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in s.items()} for s in opt.state]
    return params, state, opt.steps


def _assert_same(opt, snap):
    params, state, steps = snap
    assert opt.steps == steps
    for p, before in zip(opt.params, params):
        np.testing.assert_array_equal(p.data, before)
    for s, before in zip(opt.state, state):
        assert s.keys() == before.keys()
        for k in s:
            np.testing.assert_array_equal(s[k], before[k])


@pytest.mark.parametrize("make", _optimizers(), ids=["SGD", "Adam", "AdamW", "RMSprop"])
@pytest.mark.parametrize(
    "bad_grad, err, match",
    [
        (np.ones(3), ValueError, r"params\[1\].grad has shape \(3,\) but the parameter has shape \(2, 3\)"),
        (np.ones((1, 3)), ValueError, r"params\[1\].grad has shape \(1, 3\)"),  # would broadcast
        (np.array([["a", "b", "c"]] * 2), TypeError, r"params\[1\].grad must hold real numbers"),
        (np.array([[None] * 3] * 2, dtype=object), TypeError, r"params\[1\].grad must hold real numbers"),
        (np.ones((2, 3), complex), TypeError, r"params\[1\].grad must hold real numbers"),
    ],
)
def test_a_bad_gradient_changes_nothing(make, bad_grad, err, match):
    """The first parameter's gradient is fine, the second's is not: the step raises before
    anything is updated (parameters, optimizer state, step count), after a good first step."""
    a, b = mg.tensor([1.0, -2.0]), mg.tensor(np.arange(6.0).reshape(2, 3))
    opt = make([a, b])
    a.grad, b.grad = np.array([0.5, 0.25]), np.ones((2, 3))
    opt.step()
    snap = _snapshot(opt)
    b.grad = bad_grad
    with pytest.raises(err, match=match):
        opt.step()
    _assert_same(opt, snap)
    b.grad = np.ones((2, 3))  # fixed: the step goes through
    opt.step()
    assert opt.steps == 2 and not np.array_equal(a.data, snap[0][0])


@pytest.mark.parametrize("make", _optimizers(), ids=["SGD", "Adam", "AdamW", "RMSprop"])
def test_a_read_only_parameter_changes_nothing(make):
    a, b = mg.tensor([1.0, -2.0]), mg.tensor([3.0])
    opt = make([a, b])
    a.grad, b.grad = np.ones(2), np.ones(1)
    b.data.flags.writeable = False
    snap = _snapshot(opt)
    with pytest.raises(ValueError, match=r"params\[1\] cannot be updated in place: its array is read-only"):
        opt.step()
    _assert_same(opt, snap)


def test_the_step_matches_pytorch_after_a_refused_step():
    torch = pytest.importorskip("torch")
    w = mg.tensor([1.0, -2.0, 0.5])
    tw = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64, requires_grad=True)
    opt, topt = Adam([w], lr=0.1), torch.optim.Adam([tw], lr=0.1)
    w.grad = np.ones(4)
    with pytest.raises(ValueError):
        opt.step()
    for g in ([0.3, -1.0, 2.0], [1.0, 1.0, -0.5]):
        w.grad, tw.grad = np.array(g), torch.tensor(g, dtype=torch.float64)
        opt.step(), topt.step()
    np.testing.assert_allclose(w.data, tw.detach().numpy(), rtol=1e-12)


@pytest.mark.parametrize("make", _optimizers(), ids=["SGD", "Adam", "AdamW", "RMSprop"])
@pytest.mark.parametrize("lr, err", [("fast", TypeError), (-0.1, ValueError), (float("nan"), ValueError)])
def test_a_bad_learning_rate_set_later_changes_nothing(make, lr, err):
    a = mg.tensor([1.0, -2.0])
    opt = make([a])
    a.grad = np.ones(2)
    opt.step()
    snap = _snapshot(opt)
    opt.lr = lr
    with pytest.raises(err, match="lr must be"):
        opt.step()
    _assert_same(opt, snap)


def test_a_schedule_step_that_fails_changes_nothing():
    from mygrad_like.nnet.optim import LambdaLR

    opt = SGD([mg.tensor([1.0])], lr=1.0)
    factors = {1: 0.5, 2: "soon"}
    sched = LambdaLR(opt, lambda t: factors.get(t, 1.0))
    assert sched.step() == 0.5
    with pytest.raises(ValueError):
        sched.step()  # float("soon")
    assert (sched.last_step, opt.lr) == (1, 0.5)
    factors[2] = -1.0
    with pytest.raises(ValueError, match="the scheduled learning rate must be a finite non-negative"):
        sched.step()
    assert (sched.last_step, opt.lr) == (1, 0.5)
    factors[2] = 0.25
    assert sched.step() == 0.25 and sched.last_step == 2


# --------------------------------------------------------------------------- load_state_dict
def _model():
    model = nn.Input((2,)) >> nn.Dense(3, rng=0) >> nn.BatchNorm() >> nn.Dense(2, rng=1)
    model(np.ones((4, 2), np.float32))  # running statistics move away from their defaults
    return model


@pytest.mark.parametrize(
    "bad, match",
    [
        (
            lambda v: np.array([None] * v.size, dtype=object).reshape(v.shape),
            "must hold real numbers; got dtype object",
        ),
        (lambda v: np.full(v.shape, "x"), "must hold real numbers; got dtype <U1"),
        (lambda v: v.astype(complex), "must hold real numbers; got dtype complex128"),
        (lambda v: np.ones(v.shape[:-1] + (v.shape[-1] + 1,)), "has shape"),
    ],
)
def test_load_state_dict_checks_everything_before_writing(bad, match):
    """The bad entry is the last layer's weight: earlier layers must not have been written."""
    model = _model()
    before = model.state_dict()
    new = {k: v + 1 for k, v in before.items()}
    new["layers.3.weight"] = bad(before["layers.3.weight"])
    with pytest.raises(ValueError, match=f"'layers.3.weight' {match}"):
        model.load_state_dict(new)
    for k, v in model.state_dict().items():
        np.testing.assert_array_equal(v, before[k])
    new["layers.3.weight"] = before["layers.3.weight"] + 1
    model.load_state_dict(new)
    for k, v in model.state_dict().items():
        np.testing.assert_array_equal(v, (before[k] + 1).astype(v.dtype))


def test_load_state_dict_accepts_tensors_and_refuses_read_only_targets():
    model = _model()
    state = {k: mg.tensor(v * 2) for k, v in model.state_dict().items()}
    model.load_state_dict(state)
    np.testing.assert_array_equal(model.layers[1].weight.data, state["layers.1.weight"].data)
    before = model.state_dict()
    model.layers[3].bias.data.flags.writeable = False
    with pytest.raises(ValueError, match="'layers.3.bias' cannot be written: its array is read-only"):
        model.load_state_dict({k: v + 1 for k, v in before.items()})
    for k, v in model.state_dict().items():
        np.testing.assert_array_equal(v, before[k])


# --------------------------------------------------------------------------- backward that raises
class _Flaky(Operation):
    """``a * b`` whose gradient for ``b`` fails while ``fail`` is set."""

    fail = True

    def __call__(self, a, b):
        self.variables = (a, b)
        return a.data * b.data

    def backward_var(self, grad, index, **kwargs):
        a, b = self.variables
        if index == 1 and _Flaky.fail:
            raise RuntimeError("the gradient for b failed")
        return grad * (b.data if index == 0 else a.data)


def test_a_backward_that_raises_midway_leaves_every_grad_as_it_was():
    """Some tensors are swept before the failing op (z, the product, the loss), some after
    (x, y): none of them may keep the new pass's gradient, and the pass can be retried."""
    x, y, z = mg.tensor([1.0, 2.0]), mg.tensor([3.0, 4.0]), mg.tensor([5.0, 6.0])
    (x * y * z).sum().backward()  # an earlier pass
    _Flaky.fail = True
    try:
        w = execute_op(_Flaky, x * 2.0, y)
        loss = (w * z).sum()
        # as in MyGrad, taking part in the new graph cleared the earlier pass's gradients
        before = {name: t.grad for name, t in zip("xyz", (x, y, z))}
        assert before == {"x": None, "y": None, "z": None}
        with pytest.raises(RuntimeError, match="the gradient for b failed"):
            loss.backward()
        for name, t in zip("xyz", (x, y, z)):
            assert t.grad is None, name
        assert w.grad is None and loss.grad is None
        _Flaky.fail = False
        loss.backward()  # the retry sees the intact graph
    finally:
        _Flaky.fail = True
    # loss = sum(2 x * y * z): compare with the same graph built from library ops
    x2, y2, z2 = (mg.tensor(t.data) for t in (x, y, z))
    (x2 * 2.0 * y2 * z2).sum().backward()
    for t, t2 in zip((x, y, z), (x2, y2, z2)):
        np.testing.assert_array_equal(t.grad, t2.grad)


# --------------------------------------------------------------------------- damaged files
def _damaged_files(good: bytes) -> dict[str, bytes]:
    crc = bytearray(good)
    member = good.index(b"\x93NUMPY", 100)  # the second member's array header
    crc[member + 130] ^= 0xFF  # a byte of its data: the stored CRC no longer matches
    npy, npz_objects = io.BytesIO(), io.BytesIO()
    np.save(npy, np.ones(3))
    np.savez(npz_objects, data=np.array([None, None], dtype=object))
    return {
        "truncated": good[: len(good) // 2],
        "truncated at the end": good[:-10],
        "bad CRC": bytes(crc),
        "empty": b"",
        "npy": npy.getvalue(),
        "pickle": pickle.dumps({"layers.1.weight": np.ones((2, 3))}),
        "objects": npz_objects.getvalue(),
        "text": b"weights, but as text",
    }


_PROBLEMS = {
    "truncated": "it is not a NumPy .npz archive",
    "truncated at the end": "it is not a NumPy .npz archive",
    "bad CRC": "a member is damaged or unreadable .*CRC",
    "empty": "it is not a NumPy .npz archive",
    "npy": "it holds a single array",
    "pickle": "it is not a NumPy .npz archive$",
    "objects": "it holds arrays of Python objects, which are never unpickled",
    "text": "it is not a NumPy .npz archive",
}


@pytest.mark.parametrize("kind", list(_PROBLEMS))
def test_damaged_files_raise_load_error_and_leave_the_model_alone(kind, tmp_path):
    model = _model()
    good = tmp_path / "good.npz"
    model.save(good)
    data = _damaged_files(good.read_bytes())[kind]
    path = tmp_path / f"{kind.replace(' ', '_')}.npz"
    path.write_bytes(data)
    before = model.state_dict()
    with pytest.raises(
        mg.LoadError, match=f"cannot load a Sequential state from {re.escape(str(path))}: {_PROBLEMS[kind]}"
    ) as info:
        model.load(path)
    assert isinstance(info.value, ValueError)
    assert "allow_pickle" not in str(info.value)
    for k, v in model.state_dict().items():
        np.testing.assert_array_equal(v, before[k])
    with pytest.raises(
        mg.LoadError, match=f"cannot load a tensor from {re.escape(str(path))}: {_PROBLEMS[kind]}"
    ):
        mg.load(path)


def test_a_file_of_another_model_is_a_load_error(tmp_path):
    path = tmp_path / "other.npz"
    (nn.Input((2,)) >> nn.Dense(7, rng=0)).save(path)
    model = _model()
    before = model.state_dict()
    with pytest.raises(mg.LoadError, match=f"from {re.escape(str(path))}: the state does not match"):
        model.load(path)
    for k, v in model.state_dict().items():
        np.testing.assert_array_equal(v, before[k])


def test_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        _model().load(tmp_path / "missing.npz")


def test_a_good_file_still_round_trips(tmp_path):
    model, other = _model(), _model()
    for p in other.parameters():
        p.data[...] = 0
    model.save(tmp_path / "m")
    other.load(tmp_path / "m")  # ".npz" found as numpy.savez appends it
    for (k, v), (k2, v2) in zip(model.state_dict().items(), other.state_dict().items()):
        assert k == k2
        np.testing.assert_array_equal(v, v2)
    assert os.path.exists(tmp_path / "m.npz")
    with zipfile.ZipFile(tmp_path / "m.npz") as z:
        assert z.testzip() is None


def test_a_save_that_fails_part_way_leaves_the_earlier_file_intact(tmp_path, monkeypatch):
    """An interrupted save (simulated: the writer stops after some bytes) must neither truncate
    the file already at that path nor leave a partial file behind."""
    model = _model()
    path = tmp_path / "model.npz"
    model.save(path)
    x = mg.tensor([1.0, 2.0])
    mg.save(tmp_path / "x.npz", x)
    saved = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_savez = np.savez

    def interrupted(file, **arrays):
        file.write(b"PK\x03\x04 the first bytes of an archive")
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", interrupted)
    for nudge in model.parameters():
        nudge.data += 1
    with pytest.raises(KeyboardInterrupt):
        model.save(path)
    with pytest.raises(KeyboardInterrupt):
        mg.save(tmp_path / "x", x + 1)
    monkeypatch.setattr(np, "savez", real_savez)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == saved  # no stray files either
    other = _model()
    other.load(path)
    np.testing.assert_array_equal(mg.load(tmp_path / "x.npz").data, x.data)


def test_saved_files_get_the_usual_permissions(tmp_path):
    _model().save(tmp_path / "ours.npz")
    np.savez(tmp_path / "numpys.npz", a=np.ones(2))
    assert os.stat(tmp_path / "ours.npz").st_mode == os.stat(tmp_path / "numpys.npz").st_mode
