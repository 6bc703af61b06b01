"""save/load: data, gradient and constant-ness round-trip through an .npz file; MyGrad's
files load (and ours load in MyGrad); bad files raise a clear ValueError."""

import io
import zipfile

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mygrad_like as mg

DTYPES = st.sampled_from([np.float64, np.float32, np.float16, np.int64, np.int8, np.bool_])


def roundtrip(t: mg.Tensor) -> mg.Tensor:
    f = io.BytesIO()
    mg.save(f, t)
    f.seek(0)
    return mg.load(f)


@given(
    data=hnp.arrays(DTYPES, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)),
    constant=st.sampled_from([None, True]),
    with_grad=st.booleans(),
)
def test_roundtrip_data_grad_constant(data, constant, with_grad):
    t = mg.tensor(data, constant=constant)
    if with_grad and not t.constant:
        t.grad = np.arange(t.size, dtype=t.dtype).reshape(t.shape)
    before = t.data.copy()
    out = roundtrip(t)
    assert type(out) is mg.Tensor and out is not t
    np.testing.assert_array_equal(out.data, data)
    assert out.dtype == t.dtype and out.shape == t.shape
    assert out.constant == t.constant
    assert out.creator is None
    if t.grad is None:
        assert out.grad is None
    else:
        np.testing.assert_array_equal(out.grad, t.grad)
        assert out.grad.dtype == t.grad.dtype
    np.testing.assert_array_equal(t.data, before)  # save does not touch the tensor


def test_a_loaded_tensor_is_a_working_leaf():
    x = mg.tensor([1.0, 2.0])
    y = x * 3.0  # a non-leaf: its graph is not saved
    y.backward()
    z = roundtrip(y)
    assert z.creator is None and not z.constant and z.grad is not None
    (z * z).sum().backward()
    np.testing.assert_array_equal(z.grad, [6.0, 12.0])
    z.data[0] = 10.0  # owns writable memory
    assert z.data[0] == 10.0


def test_files_and_paths(tmp_path):
    x = mg.tensor([[1.0, 2.0]], constant=True)
    mg.save(tmp_path / "a.npz", x)
    mg.save(str(tmp_path / "b"), x)  # like numpy.savez, ".npz" is appended
    assert (tmp_path / "b.npz").exists() and not (tmp_path / "b").exists()
    for name in ("a.npz", "b.npz"):
        for where in (tmp_path / name, str(tmp_path / name)):
            out = mg.load(where)
            np.testing.assert_array_equal(out.data, x.data)
            assert out.constant
    with open(tmp_path / "c.npz", "wb") as f:
        mg.save(f, x)
    with open(tmp_path / "c.npz", "rb") as f:
        assert mg.load(f).shape == (1, 2)
    with np.load(tmp_path / "a.npz") as z:  # the layout: MyGrad's plus a "constant" flag
        assert sorted(z.files) == ["constant", "data"]


def test_mygrad_files_load_and_ours_load_in_mygrad(tmp_path):
    mygrad = pytest.importorskip("mygrad")
    x = mygrad.tensor([1.0, 2.0, 3.0])
    (x * x).backward()
    mygrad.save(tmp_path / "theirs.npz", x)
    mygrad.save(tmp_path / "ints.npz", mygrad.tensor([1, 2]))
    ours = mg.load(tmp_path / "theirs.npz")
    np.testing.assert_array_equal(ours.data, x.data)
    np.testing.assert_array_equal(ours.grad, x.grad)
    assert not ours.constant
    assert mg.load(tmp_path / "ints.npz").constant
    t = mg.tensor([4.0, 5.0])
    (t * t).sum().backward()
    mg.save(tmp_path / "ours.npz", t)
    back = mygrad.load(tmp_path / "ours.npz")
    np.testing.assert_array_equal(back.data, t.data)
    np.testing.assert_array_equal(back.grad, t.grad)


def test_save_needs_a_tensor():
    for bad in (np.ones(2), [1.0, 2.0], 3.0):
        with pytest.raises(
            TypeError, match=f"tensor must be a mygrad_like Tensor; got .*{type(bad).__name__}"
        ):
            mg.save(io.BytesIO(), bad)


def _npz(**arrays) -> io.BytesIO:
    f = io.BytesIO()
    np.savez(f, **arrays)
    f.seek(0)
    return f


@pytest.mark.parametrize(
    "arrays, match",
    [
        ({"a": np.ones(2)}, r"no 'data' array \(it holds \['a'\]\); was it written by mygrad_like.save"),
        (
            {"data": np.ones(2), "grad": np.ones(3)},
            r"'grad' must be a float array of the data's shape \(2,\); got dtype float64 and shape \(3,\)",
        ),
        ({"data": np.ones(2), "grad": np.ones(2, int)}, r"'grad' must be a float array .* got dtype int64"),
        ({"data": np.ones(2), "constant": np.array(1)}, "'constant' must be a 0-d bool array"),
        ({"data": np.ones(2), "constant": np.array([True])}, "'constant' must be a 0-d bool array"),
        ({"data": np.array(["a", "b"])}, "must hold real numbers"),
    ],
)
def test_bad_archives_raise_value_error(arrays, match):
    with pytest.raises(ValueError, match=match) as info:
        mg.load(_npz(**arrays))
    assert str(info.value).startswith("cannot load a tensor from the file object: ")


def test_bad_files_raise_value_error(tmp_path):
    text = tmp_path / "notes.npz"
    text.write_text("hello, not an archive")
    with pytest.raises(
        ValueError, match=r"cannot load a tensor from .*notes.npz: it is not a NumPy .npz archive$"
    ):
        mg.load(text)
    npy = tmp_path / "single.npy"
    np.save(npy, np.ones(3))
    with pytest.raises(ValueError, match="holds a single array"):
        mg.load(npy)
    with pytest.raises(ValueError, match="not a NumPy .npz archive"):
        mg.load(io.BytesIO(b""))
    broken = tmp_path / "broken.npz"  # a zip archive that is not NumPy's
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("data.npy", b"not an array")
    with pytest.raises(ValueError, match="cannot load a tensor from .*broken.npz"):
        mg.load(broken)
    with pytest.raises(FileNotFoundError):
        mg.load(tmp_path / "missing.npz")


def test_objects_are_never_unpickled(tmp_path):
    f = _npz(data=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match="cannot load a tensor"):
        mg.load(f)
