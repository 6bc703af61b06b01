"""Module machinery, layers, shape inference, summaries, state round-trips, penalties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mygrad_like as mg
from mygrad_like import nnet as nn
from mygrad_like.nnet import modules as M
from mygrad_like.testing import gradcheck


def small_cnn(seed=0):
    return (
        nn.Input((1, 8, 8))
        >> nn.Conv(16, 3, padding=1, rng=seed)
        >> nn.ReLU()
        >> nn.Conv(32, 3, padding=1, rng=seed + 1)
        >> nn.ReLU()
        >> nn.MaxPool(2)
        >> nn.Flatten()
        >> nn.Dense(10, rng=seed + 2)
    )


# --------------------------------------------------------------------------- Module machinery
class Block(M.Module):
    def __init__(self):
        self.a = nn.Dense(3, 4, rng=0)
        self.stack = [nn.Dense(4, 4, rng=1), nn.ReLU(), nn.Dense(4, 2, rng=2, bias=False)]
        self.scale = mg.tensor(np.float32(2.0))
        self.fixed = mg.tensor(np.ones(2, np.float32), constant=True)
        self._cache = mg.tensor([1.0])  # private: ignored

    def forward(self, x):
        for layer in [self.a, *self.stack]:
            x = layer(x)
        return x * self.scale + self.fixed


def test_parameter_and_buffer_discovery():
    b = Block()
    names = [n for n, _ in b.named_parameters()]
    assert names == ["a.weight", "a.bias", "stack.0.weight", "stack.0.bias", "stack.2.weight", "scale"]
    assert [n for n, _ in b.named_buffers()] == ["fixed"]
    assert b.num_parameters() == 12 + 4 + 16 + 4 + 8 + 1
    assert [n for n, _ in b.named_modules()] == ["", "a", "stack.0", "stack.1", "stack.2"]
    b.stack.append(b.a)  # a shared layer is listed once
    assert len(b.parameters()) == 6


def test_train_eval_propagate():
    model = nn.Sequential(nn.Dense(2, 2), nn.Dropout(0.5), nn.BatchNorm())
    assert all(m.training for m in model.modules())
    assert model.eval() is model
    assert not any(m.training for m in model.modules())
    model.train()
    assert all(m.training for m in model.modules())
    with pytest.raises(TypeError, match="mode"):
        model.train("yes")


def test_zero_grad_and_default_build_traces_forward():
    b = Block()
    b(np.ones((2, 3), np.float32)).sum().backward()
    assert all(p.grad is not None for p in b.parameters())
    b.zero_grad()
    assert all(p.grad is None for p in b.parameters())
    assert b.build((None, 3)) == (None, 2)  # no build(): traced on a zero batch


def test_state_round_trip(tmp_path):
    x = np.random.default_rng(0).random((5, 1, 8, 8), dtype=np.float32)
    a, b = small_cnn(0), small_cnn(10)
    assert not np.allclose(a(x).data, b(x).data)
    path = tmp_path / "model.npz"
    a.save(path)
    b.load(path)
    np.testing.assert_array_equal(a(x).data, b(x).data)
    # the load copies in place: the tensors (and an optimizer holding them) stay the same objects
    before = [id(p) for p in b.parameters()]
    b.load(path)
    assert [id(p) for p in b.parameters()] == before
    a.save(tmp_path / "plain")  # numpy adds .npz; load finds it
    b.load(tmp_path / "plain")
    state = a.state_dict()
    assert list(state) == [
        "layers.1.weight",
        "layers.1.bias",
        "layers.3.weight",
        "layers.3.bias",
        "layers.7.weight",
        "layers.7.bias",
    ]
    state["layers.1.weight"][...] = 0  # a copy: the model is untouched
    assert np.abs(a.layers[1].weight.data).sum() > 0


def test_batchnorm_buffers_round_trip(tmp_path):
    a = nn.Sequential(nn.Dense(3, 4, rng=0), nn.BatchNorm(), input_shape=(3,))
    a(np.random.default_rng(0).random((8, 3)))
    assert "layers.1.running_mean" in a.state_dict()
    b = nn.Sequential(nn.Dense(3, 4, rng=1), nn.BatchNorm(), input_shape=(3,))
    a.save(tmp_path / "bn.npz")
    b.load(tmp_path / "bn.npz")
    np.testing.assert_array_equal(a.layers[1].running_var.data, b.layers[1].running_var.data)


def test_load_mismatched_file(tmp_path):
    path = tmp_path / "m.npz"
    small_cnn().save(path)
    other = nn.Input((1, 8, 8)) >> nn.Conv(8, 3, padding=1) >> nn.Flatten() >> nn.Dense(10)
    with pytest.raises(ValueError, match=r"m\.npz.*unexpected.*layers\.7\.weight.*shape") as info:
        other.load(path)
    assert "layers.1.weight" in str(info.value)
    before = other.layers[1].weight.data.copy()
    np.testing.assert_array_equal(before, other.layers[1].weight.data)  # unchanged after the failure
    partial = {k: v for k, v in small_cnn().state_dict().items() if k.startswith("layers.7")}
    model = small_cnn(3)
    model.load_state_dict(partial, strict=False)
    np.testing.assert_array_equal(model.layers[7].weight.data, partial["layers.7.weight"])
    with pytest.raises(ValueError, match="missing"):
        model.load_state_dict(partial)
    with pytest.raises(TypeError, match="dict"):
        model.load_state_dict([1, 2])


def test_unbuilt_model_errors():
    model = nn.Sequential(nn.Conv(4, 3), nn.Flatten(), nn.Dense(2))
    assert not model.built and model.parameters() == []
    with pytest.raises(ValueError, match="not built"):
        model.state_dict()
    with pytest.raises(ValueError, match="input shape"):
        model.summary()
    with pytest.raises(ValueError, match="params is empty"):
        nn.SGD(model, lr=0.1)
    y = model(np.zeros((2, 3, 5, 5), np.float32))  # built on the first call
    assert y.shape == (2, 2) and model.built
    assert model.output_shapes == [(None, 4, 3, 3), (None, 36), (None, 2)]
    assert len(model.parameters()) == 4


# --------------------------------------------------------------------------- Sequential
def test_summary_and_shapes():
    model = small_cnn()
    text = model.summary()
    lines = text.splitlines()
    assert "(?, 16, 8, 8)" in lines[3] and lines[3].rstrip().endswith("160")
    assert "(?, 32, 8, 8)" in lines[5] and lines[5].rstrip().endswith("4,640")
    assert "(?, 32, 4, 4)" in lines[7] and "(?, 512)" in lines[8]
    assert "Dense(512 -> 10)" in lines[9] and lines[9].rstrip().endswith("5,130")
    assert lines[-1] == "total parameters: 9,930 (trainable 9,930)"
    assert isinstance(text, str) and repr(text) == text  # shows as the table at the prompt
    assert model.num_parameters() == 160 + 4640 + 5130
    assert model.layers[3].in_channels == 16  # inferred
    assert model(np.zeros((3, 1, 8, 8), np.float32)).shape == (3, 10)
    assert len(model) == 8 and isinstance(model[1], nn.Conv) and list(model)[0] is model[0]


def test_rshift_and_input_shape_forms():
    a = nn.Sequential(nn.Dense(5), nn.ReLU(), input_shape=(3,))
    b = a >> nn.Dense(2)
    assert b.output_shapes == [(None, 5), (None, 5), (None, 2)]
    c = nn.Sequential(nn.Dense(3, 4)) >> nn.Sequential(nn.ReLU(), nn.Dense(1))
    assert [type(m).__name__ for m in c] == ["Dense", "ReLU", "Dense"] and not c.built
    d = nn.Input((3,)) >> (nn.Dense(4) >> nn.ReLU())  # a Sequential on the right is spliced in
    assert [type(m).__name__ for m in d] == ["Input", "Dense", "ReLU"] and d.built
    with pytest.raises(TypeError, match="only a Module"):
        nn.ReLU() >> "dense"
    assert nn.Sequential([nn.Dense(2, 2)]).layers[0].in_features == 2
    with pytest.raises(TypeError, match="layer 1 must be a Module"):
        nn.Sequential(nn.Dense(2, 2), "relu")
    with pytest.raises(TypeError, match="only a Module"):
        a >> 3
    with pytest.raises(ValueError, match="input_shape entries"):
        nn.Sequential(nn.Dense(2), input_shape=(0,))


@pytest.mark.parametrize(
    "layers, input_shape, match",
    [
        (
            [nn.Dense(100, 10)],
            (1, 8, 8),
            r"layer 0 Dense\(100 -> 10\) cannot take the input, of shape \(\?, 1, 8, 8\)",
        ),
        (
            [nn.Conv(1, 8, 3), nn.Dense(512, 10)],
            (1, 8, 8),
            r"layer 1 Dense\(512 -> 10\) cannot take the output of layer 0 Conv\(1 -> 8, .*\), of shape \(\?, 8, 6, 6\)",
        ),
        (
            [nn.Conv(8, 3), nn.Flatten(), nn.Dense(100, 10)],
            (1, 8, 8),
            r"layer 2 Dense.*layer 1 Flatten.*\(\?, 288\)",
        ),
        (
            [nn.Conv(8, 3), nn.Conv(4, 8, 3)],
            (1, 8, 8),
            "layer 1 Conv.*layer 0 Conv.*expects 4 input channels",
        ),
        ([nn.Conv(8, (3, 3))], (1, 8), r"2 spatial axes.*4 dimensions"),
        ([nn.Conv(8, 5)], (1, 3, 3), "kernel spans 5"),
        ([nn.MaxPool(4), nn.MaxPool(4)], (1, 8, 8), "layer 1 MaxPool.*layer 0 MaxPool.*pool"),
        ([nn.Flatten(), nn.Reshape(3, 3)], (1, 4, 4), "cannot reshape samples of 16 elements"),
        ([nn.BatchNorm(3)], (2, 5), "BatchNorm expects 3 channels"),
        ([nn.Conv(6, 3, groups=3)], (4, 8, 8), "groups=3 must divide the input's 4 channels"),
        ([nn.GLU(axis=1)], (3, 4), "GLU splits axis 1"),
    ],
)
def test_shape_mismatch_reported_at_construction(layers, input_shape, match):
    with pytest.raises(ValueError, match=match):
        nn.Sequential(*layers, input_shape=input_shape)


def test_dense_flatten_hint():
    with pytest.raises(ValueError, match=r"put a Flatten\(\) before it"):
        nn.Input((32, 4, 4)) >> nn.Dense(512, 10)


# --------------------------------------------------------------------------- Dense
def test_dense_forward_gradient_and_options(rng):
    layer = nn.Dense(3, 2, dtype=np.float64, rng=0)
    x = rng.standard_normal((4, 3))
    np.testing.assert_allclose(layer(x).data, x @ layer.weight.data + layer.bias.data)
    assert layer(rng.standard_normal((5, 6, 3))).shape == (5, 6, 2)  # acts on the last axis

    def f(w, b, xx):
        layer.weight, layer.bias = w, b
        return layer(xx)

    assert gradcheck(f, layer.weight.data.copy(), layer.bias.data.copy(), x)
    nobias = nn.Dense(3, 2, bias=False, weight_init=0.5)
    assert nobias.bias is None and nobias.parameters() == [nobias.weight]
    np.testing.assert_array_equal(nobias(np.ones((1, 3), np.float32)).data, [[1.5, 1.5]])
    assert nn.Dense(3, 2).weight.dtype == np.float32


def test_dense_initializer_fans_follow_pytorch():
    w = nn.Dense(1000, 50, rng=0).weight.data  # stored (in, out); fan_in = 1000
    assert w.shape == (1000, 50)
    assert abs(w.std() - np.sqrt(2 / 1000)) < 0.002
    custom = nn.Dense(2, 3, weight_init=lambda *s, dtype, rng: np.arange(6.0).reshape(s))
    np.testing.assert_array_equal(custom.weight.data, np.arange(6.0).reshape(3, 2).T)
    with pytest.raises(ValueError, match="returned an array of shape"):
        nn.Dense(2, 3, weight_init=lambda *s, dtype, rng: np.zeros(5))
    with pytest.raises(TypeError, match="weight_init"):
        nn.Dense(2, 3, weight_init="he")


def test_seeded_layers_are_deterministic():
    a, b = small_cnn(4), small_cnn(4)
    for p, q in zip(a.parameters(), b.parameters()):
        np.testing.assert_array_equal(p.data, q.data)
    mg.random.seed(0)
    c = nn.Dense(3, 3)
    mg.random.seed(0)
    np.testing.assert_array_equal(c.weight.data, nn.Dense(3, 3).weight.data)


# --------------------------------------------------------------------------- Conv family
geometry = st.fixed_dictionaries(
    {
        "d": st.integers(1, 3),
        "k": st.integers(1, 3),
        "stride": st.integers(1, 3),
        "dilation": st.integers(1, 2),
        "padding": st.sampled_from([0, 1, 2, "valid", "same", "full"]),
        "groups": st.sampled_from([1, 2]),
        "size": st.integers(5, 7),
    }
)


@given(g=geometry)
def test_conv_shape_inference_matches_forward(g):
    d = g["d"]
    layer = nn.Conv(
        4,
        g["k"],
        stride=g["stride"],
        padding=g["padding"],
        dilation=g["dilation"],
        groups=g["groups"],
        dtype=np.float64,
        rng=0,
    )
    shape = (2, 2) + (g["size"],) * d
    inferred = layer.build((None,) + shape[1:])
    x = np.random.default_rng(0).standard_normal(shape)
    y = layer(x)
    assert inferred == (None,) + y.shape[1:]
    expected = nn.conv_nd(
        x,
        layer.weight,
        stride=g["stride"],
        padding=g["padding"],
        dilation=g["dilation"],
        groups=g["groups"],
        bias=layer.bias,
    )
    np.testing.assert_allclose(y.data, expected.data)


@given(g=geometry, output_padding=st.integers(0, 1))
def test_conv_transpose_shape_inference_and_adjointness(g, output_padding):
    d, s, dl = g["d"], g["stride"], g["dilation"]
    pad = g["padding"] if not isinstance(g["padding"], str) else 0
    op = output_padding if output_padding < max(s, dl) else 0
    conv = nn.Conv(
        2,
        4,
        g["k"],
        stride=s,
        padding=pad,
        dilation=dl,
        groups=g["groups"],
        bias=False,
        dtype=np.float64,
        rng=0,
    )
    x = np.random.default_rng(1).standard_normal((2, 2) + (g["size"],) * d)
    y = conv(x)
    tconv = nn.ConvTranspose(
        4,
        2,
        g["k"],
        stride=s,
        padding=pad,
        output_padding=op,
        dilation=dl,
        groups=g["groups"],
        bias=False,
        dtype=np.float64,
    )
    inferred = tconv.build((None,) + y.shape[1:])
    tconv.weight.data[...] = conv.weight.data  # (C_in, C_out / groups, K) is the conv's filter layout
    u = np.random.default_rng(2).standard_normal(y.shape)
    back = tconv(u)
    assert inferred == (None,) + back.shape[1:]
    if back.shape == x.shape:  # <conv(x), u> == <x, conv_transpose(u)> (strided convs may drop a tail)
        np.testing.assert_allclose(np.sum(y.data * u), np.sum(x * back.data), rtol=1e-9)


def test_conv_positional_forms_and_rank():
    assert nn.Conv(1, 16, 3).in_channels == 1
    c = nn.Conv(16, 3)
    assert (c.in_channels, c.out_channels, c.kernel_size, c.weight) == (None, 16, 3, None)
    c3 = nn.Conv(2, 8, 3, ndim=2)
    assert c3.weight.shape == (8, 2, 3, 3)
    ck = nn.Conv(in_channels=2, out_channels=8, kernel_size=(3, 1, 2))
    assert ck.weight.shape == (8, 2, 3, 1, 2)
    unbuilt = nn.Conv(2, 8, 3)  # an int kernel without ndim: the rank comes from the input
    assert unbuilt.weight is None
    assert unbuilt.build((None, 2, 6)) == (None, 8, 4) and unbuilt.weight.shape == (8, 2, 3)
    with pytest.raises(TypeError, match="kernel_size is required"):
        nn.Conv(16)


def test_conv_operation_convolution_flips_the_kernel(rng):
    x = rng.standard_normal((1, 1, 5, 6))
    corr = nn.Conv(1, 1, (2, 3), dtype=np.float64, rng=0)
    conv = nn.Conv(1, 1, (2, 3), conv_operation="convolution", dtype=np.float64, rng=0)
    k = conv.weight.data[0, 0]
    expected = np.zeros((4, 4))  # a true 2-D convolution, by hand
    for i in range(4):
        for j in range(4):
            for a in range(2):
                for b in range(3):
                    expected[i, j] += x[0, 0, i + 1 - a, j + 2 - b] * k[a, b]
    np.testing.assert_allclose(conv(x).data[0, 0] - conv.bias.data, expected)
    assert not np.allclose(corr(x).data, conv(x).data)
    w = mg.tensor(conv.weight.data)
    assert gradcheck(lambda ww: (setattr(conv, "weight", ww), conv(x))[1], w)


def test_conv_padding_modes_and_groups(rng):
    x = rng.standard_normal((2, 4, 5, 5)).astype(np.float32)
    for mode in ("zeros", "reflect", "replicate", "circular"):
        layer = nn.Conv(4, 6, 3, padding="same", padding_mode=mode, groups=2, rng=0)
        assert layer.build((None, 4, 5, 5)) == (None, 6, 5, 5)
        y = layer(x)
        assert y.shape == (2, 6, 5, 5) and y.dtype == np.float32
        expected = nn.conv_nd(x, layer.weight, padding="same", padding_mode=mode, groups=2, bias=layer.bias)
        np.testing.assert_allclose(y.data, expected.data)
    with pytest.raises(ValueError, match="too wide"):
        nn.Conv(1, 1, 5, padding=4, padding_mode="reflect").build((None, 1, 3, 3))


@pytest.mark.parametrize(
    "make, exc, match",
    [
        (lambda: nn.Conv(1, 8, 3, padding_mode="mirror"), ValueError, "padding_mode"),
        (lambda: nn.Conv(1, 8, 3, conv_operation="corr"), ValueError, "conv_operation"),
        (lambda: nn.Conv(1, 8, 3, padding="half", ndim=2), ValueError, "padding"),
        (lambda: nn.Conv(1, 8, (3, 3), stride=0), ValueError, "stride"),
        (lambda: nn.Conv(1, 8, (3, 3), dilation=(1, 2, 3)), ValueError, "dilation"),
        (lambda: nn.Conv(3, 8, 3, groups=2), ValueError, "groups=2 must divide in_channels=3"),
        (lambda: nn.Conv(1, 8, "3"), TypeError, "kernel_size"),
        (lambda: nn.Conv(0, 8, 3), ValueError, "in_channels"),
        (lambda: nn.Conv(1, 8, (3, 3), ndim=3), ValueError, "ndim"),
        (lambda: nn.Conv(1, 8, 3, bias=1), TypeError, "bias"),
        (lambda: nn.Conv(1, 8, 3, weight_regularizer_l2=-1), ValueError, "weight_regularizer_l2"),
        (lambda: nn.ConvTranspose(2, 2, (3,), stride=2, output_padding=2), ValueError, "output_padding"),
        (lambda: nn.ConvTranspose(2, 2, (3,), padding="same"), ValueError, "padding"),
        (lambda: nn.Dense(0), ValueError, "out_features"),
        (lambda: nn.MaxPool("2"), TypeError, "pool"),
        (lambda: nn.AvgPool(2, count_include_pad=1), TypeError, "count_include_pad"),
        (lambda: nn.BatchNorm(momentum=2), ValueError, "momentum"),
        (lambda: nn.Dropout(1.5), ValueError, "p must be"),
        (lambda: nn.Reshape(2, -1, -1), ValueError, "at most one"),
        (lambda: nn.Input("3"), TypeError, "shape"),
        (lambda: nn.LeakyReLU("x"), TypeError, "slope"),
        (lambda: nn.GELU("erf"), ValueError, "approximate"),
        (lambda: nn.Softplus(0), ValueError, "beta"),
        (lambda: nn.HardTanh(1, -1), ValueError, "lower_bound"),
        (lambda: nn.Activation(3), TypeError, "callable"),
    ],
)
def test_construction_errors(make, exc, match):
    with pytest.raises(exc, match=match):
        make()


# --------------------------------------------------------------------------- pools, reshapes
@given(
    d=st.integers(1, 3),
    pool=st.integers(1, 3),
    stride=st.sampled_from([None, 1, 2]),
    padding=st.sampled_from([0, 1, "same"]),
    size=st.integers(3, 6),
    avg=st.booleans(),
)
def test_pool_shape_inference_matches_forward(d, pool, stride, padding, size, avg):
    if padding == 1 and pool == 1:
        padding = 0  # a 1-wide window over pure padding is rejected (tested in the pooling module)
    layer = nn.AvgPool(pool, stride, padding) if avg else nn.MaxPool(pool, stride, padding)
    shape = (2, 3) + (size,) * d
    try:
        inferred = layer.build((None,) + shape[1:])
    except ValueError:
        with pytest.raises(ValueError):
            layer(np.zeros(shape))
        return
    x = np.random.default_rng(0).standard_normal(shape)
    y = layer(x)
    assert inferred == (None,) + y.shape[1:]
    fn = nn.avg_pool if avg else nn.max_pool
    np.testing.assert_allclose(y.data, fn(x, (pool,) * d, stride, padding).data)


def test_flatten_reshape():
    x = mg.tensor(np.arange(24.0).reshape(2, 3, 4))
    y = nn.Flatten()(x)
    assert y.shape == (2, 12) and nn.Flatten().build((None, 3, 4)) == (None, 12)
    z = nn.Reshape(4, -1)(y)
    assert z.shape == (2, 4, 3) and nn.Reshape((4, 3)).build((None, 12)) == (None, 4, 3)
    z.sum().backward()
    np.testing.assert_array_equal(x.grad, 1)


# --------------------------------------------------------------------------- BatchNorm, Dropout layers
def test_batchnorm_layer_running_statistics(rng):
    bn = nn.BatchNorm(momentum=0.2, dtype=np.float64)
    x1 = rng.standard_normal((6, 3, 2)) * 3 + 1
    y = bn(x1)
    assert bn.num_features == 3 and bn.gamma.shape == (3,)
    np.testing.assert_allclose(y.data.mean(axis=(0, 2)), 0, atol=1e-12)
    n = 12
    mean = x1.mean(axis=(0, 2))
    var = x1.var(axis=(0, 2)) * n / (n - 1)
    np.testing.assert_allclose(bn.running_mean.data, 0.2 * mean)
    np.testing.assert_allclose(bn.running_var.data, 0.8 + 0.2 * var)
    y.clear_graph()  # the graph guards the parameters' data while it lives
    bn.gamma.data[...] = [1.0, 2.0, 3.0]
    bn.beta.data[...] = [0.0, 1.0, -1.0]
    bn.eval()
    x2 = rng.standard_normal((2, 3, 2))
    expected = (x2 - bn.running_mean.data[:, None]) / np.sqrt(bn.running_var.data[:, None] + bn.eps)
    expected = expected * bn.gamma.data[:, None] + bn.beta.data[:, None]
    out = bn(x2)
    np.testing.assert_allclose(out.data, expected)
    out.sum().backward()  # eval mode still trains gamma and beta
    np.testing.assert_allclose(bn.beta.grad, [4, 4, 4])
    assert bn.running_mean.constant and [n for n, _ in bn.named_buffers()] == ["running_mean", "running_var"]


def test_batchnorm_without_running_stats_or_affine(rng):
    bn = nn.BatchNorm(2, affine=False, track_running_stats=False).eval()
    x = rng.standard_normal((5, 2)) * 4
    np.testing.assert_allclose(bn(x).data, (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-5))
    assert bn.parameters() == [] and list(bn.named_buffers()) == []
    plain = nn.BatchNorm(2, affine=False).eval()  # running statistics, no affine part
    y = plain(x)
    assert isinstance(y, mg.Tensor)
    np.testing.assert_allclose(y.data, x / np.sqrt(1 + 1e-5), rtol=1e-6)


def test_dropout_layer():
    layer = nn.Dropout(0.25, rng=0)
    x = mg.tensor(np.ones((100, 100), np.float32))
    y1, y2 = layer(x), layer(x)
    assert not np.array_equal(y1.data, y2.data)  # the generator advances
    assert abs((y1.data == 0).mean() - 0.25) < 0.03
    layer.eval()
    assert layer(x) is x


@pytest.mark.parametrize(
    "layer, fn",
    [
        (nn.ReLU(), nn.relu),
        (nn.LeakyReLU(0.2), lambda x: nn.leaky_relu(x, 0.2)),
        (nn.ELU(0.5), lambda x: nn.elu(x, 0.5)),
        (nn.SELU(), nn.selu),
        (nn.GELU("tanh"), lambda x: nn.gelu(x, "tanh")),
        (nn.Sigmoid(), nn.sigmoid),
        (nn.Tanh(), mg.tanh),
        (nn.Softmax(), nn.softmax),
        (nn.LogSoftmax(axis=0), lambda x: nn.logsoftmax(x, axis=0)),
        (nn.Softplus(2.0), lambda x: nn.softplus(x, 2.0)),
        (nn.SoftSign(), nn.soft_sign),
        (nn.HardTanh(-0.5, 0.5), lambda x: nn.hard_tanh(x, lower_bound=-0.5, upper_bound=0.5)),
        (nn.GLU(), nn.glu),
        (nn.Activation(mg.exp), mg.exp),
    ],
)
def test_activation_layers(layer, fn, rng):
    x = rng.standard_normal((3, 4))
    np.testing.assert_allclose(layer(x).data, fn(x).data)
    assert layer.build((None, 4)) == ((None, 2) if isinstance(layer, nn.GLU) else (None, 4))
    assert layer.parameters() == []


# --------------------------------------------------------------------------- penalties
def test_regularizer_penalty(rng):
    dense = nn.Dense(
        6,
        2,
        weight_regularizer_l1=0.1,
        weight_regularizer_l2=0.2,
        bias_regularizer_l2=0.5,
        bias_init=1.0,
        dtype=np.float64,
        rng=0,
    )
    conv = nn.Conv(1, 2, (2, 2), bias_regularizer_l1=0.3, bias_init=-2.0, dtype=np.float64, rng=0)
    model = nn.Sequential(conv, nn.Flatten(), dense, input_shape=(1, 2, 4))
    w = dense.weight.data
    expected = 0.1 * np.abs(w).sum() + 0.2 * (w**2).sum() + 0.5 * 2 + 0.3 * 4
    pen = model.penalty()
    np.testing.assert_allclose(pen.data, expected)
    pen.backward()
    np.testing.assert_allclose(dense.weight.grad, 0.1 * np.sign(w) + 0.4 * w)
    np.testing.assert_allclose(dense.bias.grad, [1.0, 1.0])
    np.testing.assert_allclose(conv.bias.grad, [-0.3, -0.3])
    assert conv.weight.grad is None
    plain = small_cnn().penalty()
    assert plain.item() == 0 and plain.dtype == np.float32 and plain.constant


# --------------------------------------------------------------------------- end to end
def test_training_reduces_the_loss():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 2)).astype(np.float32)
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)  # XOR-like: needs the hidden layer
    model = nn.Input((2,)) >> nn.Dense(16, rng=1) >> nn.Tanh() >> nn.Dense(2, rng=2)
    opt = nn.Adam(model, lr=0.05)
    losses = []
    for _ in range(150):
        loss = nn.softmax_crossentropy(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.25 * losses[0]
    assert (model(x).data.argmax(1) == y).mean() > 0.9
