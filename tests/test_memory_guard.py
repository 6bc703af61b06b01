"""Memory guarding, ``Tensor.base``, graph clearing and MyGrad's error classes.

Every test here runs on MyGrad (the reference: it must pass there) and on mygrad_like; the test id
says which library a failure is on.
"""

from __future__ import annotations

import gc
import importlib
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

pytest.importorskip("mygrad")


@pytest.fixture(params=["mygrad", "mygrad_like"])
def mg(request: pytest.FixtureRequest) -> Iterator[Any]:
    lib = importlib.import_module(request.param)
    yield lib
    # a test that switched guarding off must not leak that state into the next test
    on = getattr(lib, "turn_memory_guarding_on", None)
    if on is not None:
        on()


@pytest.fixture
def no_gc() -> Iterator[None]:
    """Graphs must be freed by reference counting alone."""
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    yield
    if was:
        gc.enable()


def writeable(*arrays: np.ndarray) -> list[bool]:
    return [bool(a.flags.writeable) for a in arrays]


def assert_locked(a: np.ndarray, what: str) -> None:
    assert not a.flags.writeable, f"{what} is writeable while a graph holds it"
    with pytest.raises(ValueError, match="read-only"):
        a[...] = 0


# ----------------------------------------------------------------------------- locking, release
def test_a_graph_locks_every_array_it_keeps(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0])
    h = x * 2
    y = (h * h).sum()
    assert_locked(x.data, "x.data (a leaf)")
    assert_locked(h.data, "h.data (an intermediate)")
    assert_locked(y.data, "y.data (the output)")
    y.backward()
    assert writeable(x.data, h.data, y.data) == [True] * 3, "backward() must release every array"
    np.testing.assert_array_equal(x.grad, [8.0, 16.0])


def test_the_exact_issue_example_raises_instead_of_a_wrong_gradient(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0, 3.0])
    loss = (x * x).sum()
    with pytest.raises(ValueError, match="read-only"):
        x.data[0] = 100.0
    loss.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0, 6.0])


def test_clear_graph_releases(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0])
    h = x * 2
    y = (h * h).sum()
    y.clear_graph()
    assert writeable(x.data, h.data, y.data) == [True] * 3, "clear_graph() on the output must release"
    assert y.creator is None


def test_dropping_the_graph_releases_without_the_cyclic_collector(mg: Any, no_gc: None) -> None:
    x = mg.tensor([1.0, 2.0])
    h = x * 2
    y = (h * h).sum()
    del y
    assert not x.data.flags.writeable, "h's graph still holds x"
    del h
    assert x.data.flags.writeable, "x is still read-only after every tensor of its graph was dropped"


def test_a_long_chain_dropped_releases_without_the_cyclic_collector(mg: Any, no_gc: None) -> None:
    x = mg.tensor(np.arange(3.0))
    y = x
    for _ in range(2000):
        y = y * 1.0
    assert not x.data.flags.writeable
    del y
    assert x.data.flags.writeable


def test_overlapping_graphs_release_only_when_both_are_gone(mg: Any, no_gc: None) -> None:
    x = mg.tensor([1.0, 2.0])
    y1 = (x * 2).sum()
    y2 = (x * 3).sum()
    del y1
    assert not x.data.flags.writeable, "y2's graph still holds x"
    del y2
    assert x.data.flags.writeable


def test_overlapping_graphs_backward_one_then_the_other(mg: Any, no_gc: None) -> None:
    x = mg.tensor([1.0, 2.0])
    y1 = (x * 2).sum()
    y2 = (x * 3).sum()
    y1.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 2.0])
    assert not x.data.flags.writeable, "y2's graph is alive and holds x"
    errors = importlib.import_module(mg.__name__ + ".errors")
    try:
        y2.backward()
    except errors.InvalidBackprop:
        pass  # MyGrad: x's part of the graph was cleared by y1's backward
    else:
        np.testing.assert_array_equal(x.grad, [3.0, 3.0])
    del y2
    assert x.data.flags.writeable


def test_read_only_arrays_stay_read_only(mg: Any) -> None:
    a = np.array([1.0, 2.0])
    a.flags.writeable = False
    b = np.array([3.0, 4.0])
    b.flags.writeable = False
    x = mg.Tensor(a, copy=False)
    y = (x * b).sum()
    y.backward()
    assert writeable(a, b) == [False, False], "an array read-only before the graph must stay read-only"
    z = (mg.tensor([1.0, 1.0]) * b).sum()
    del z
    assert not b.flags.writeable


def test_plain_ndarray_operand_is_locked_then_released(mg: Any, no_gc: None) -> None:
    a = np.array([1.0, 2.0])
    x = mg.tensor([3.0, 4.0])
    y = (x * a).sum()
    assert_locked(a, "a plain ndarray operand")
    del y
    assert a.flags.writeable


def test_shared_source_array_and_its_owner_are_locked_then_released(mg: Any) -> None:
    owner = np.arange(4.0)
    a = owner[1:3]
    x = mg.Tensor(a, copy=False)
    assert np.shares_memory(x.data, owner)
    y = (x * x).sum()
    assert_locked(a, "the source array of Tensor(a, copy=False)")
    assert_locked(owner, "the array that owns the source array's memory")
    y.backward()
    assert writeable(owner, a) == [True, True]
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])


def test_astensor_constant_sharing_memory_is_locked(mg: Any) -> None:
    a = np.array([1.0, 2.0])
    c = mg.astensor(a, constant=True)
    x = mg.tensor([1.0, 2.0])
    y = (x * c).sum()
    with pytest.raises(ValueError, match="read-only"):
        a[0] = 5.0
    y.backward()
    np.testing.assert_array_equal(x.grad, [1.0, 2.0])
    assert a.flags.writeable


def test_no_autodiff_builds_no_graph_and_locks_nothing(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0])
    with mg.no_autodiff:
        y = x * x
    assert x.data.flags.writeable
    assert y.creator is None


# ------------------------------------------------------------------------------- guard switches
def test_mem_guard_off_and_on_as_context_managers(mg: Any, no_gc: None) -> None:
    assert mg.mem_guard_active() is True
    with mg.mem_guard_off:
        assert mg.mem_guard_active() is False
        x = mg.tensor([1.0, 2.0])
        y = (x * x).sum()
        assert x.data.flags.writeable, "guarding is off"
        with mg.mem_guard_on:
            assert mg.mem_guard_active() is True
            z = (x * 3).sum()
            assert not x.data.flags.writeable, "mem_guard_on inside mem_guard_off guards again"
        assert mg.mem_guard_active() is False
    assert mg.mem_guard_active() is True
    del z
    assert x.data.flags.writeable, "the only guarded graph holding x was dropped"
    y.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
    assert x.data.flags.writeable


def test_mem_guard_off_and_on_as_decorators(mg: Any) -> None:
    @mg.mem_guard_off
    def unguarded() -> bool:
        x = mg.tensor([1.0, 2.0])
        _ = x * x
        return mg.mem_guard_active() or not x.data.flags.writeable

    @mg.mem_guard_on
    def guarded() -> bool:
        x = mg.tensor([1.0, 2.0])
        _ = x * x
        return mg.mem_guard_active() and not x.data.flags.writeable

    assert unguarded() is False
    assert mg.mem_guard_active() is True
    with mg.mem_guard_off:
        assert guarded() is True
        assert mg.mem_guard_active() is False


def test_turn_memory_guarding_off_and_on(mg: Any, no_gc: None) -> None:
    mg.turn_memory_guarding_off()
    assert mg.mem_guard_active() is False
    x = mg.tensor([1.0, 2.0])
    y = (x * x).sum()
    assert x.data.flags.writeable
    mg.turn_memory_guarding_on()
    assert mg.mem_guard_active() is True
    z = (x * 3).sum()
    assert not x.data.flags.writeable
    z.backward()
    assert x.data.flags.writeable, "y's graph was built unguarded and locks nothing"
    del y
    assert x.data.flags.writeable


def test_graph_built_unguarded_backpropagates_with_guarding_on(mg: Any) -> None:
    with mg.mem_guard_off:
        x = mg.tensor([1.0, 2.0])
        y = (x * x).sum()
    y.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
    assert x.data.flags.writeable


# ---------------------------------------------------------------------------------- Tensor.base
@pytest.mark.parametrize(
    "make",
    [
        "x[1:]",
        "x[::-1]",
        "x[None, ..., 1]",
        "x[1:][::2]",
        "x.reshape(3, 2)",
        "x.reshape(3, 2).T",
        "x.reshape(3, 2).T[0]",
        "mg.moveaxis(x.reshape(1, 3, 2), 0, 2)",
        "mg.swapaxes(x.reshape(3, 2), 0, 1)",
        "x.reshape(3, 2).transpose(1, 0)",
        "mg.expand_dims(x, 0)",
        "mg.squeeze(mg.expand_dims(x, 0))",
        "mg.broadcast_to(x, (2, 6))",
        "mg.atleast_2d(x)",
        "mg.atleast_3d(x)",
        "mg.ravel(x.reshape(3, 2))",
    ],
)
def test_view_base_is_the_owner(mg: Any, make: str) -> None:
    x = mg.tensor(np.arange(6.0))
    v = eval(make, {"mg": mg, "x": x})
    assert x.base is None, "a tensor that owns its memory has base None"
    assert v.base is x, "a view (of a view) points at the tensor that owns the memory"
    assert np.shares_memory(v.data, x.data)
    assert mg.shares_memory(v, x) and mg.may_share_memory(v, x)


@pytest.mark.parametrize(
    "make",
    [
        "x[[0, 1]]",
        "x[x.data > 2]",
        "x * 1",
        "x.reshape(3, 2).T.reshape(6)",
        "mg.ravel(x.reshape(3, 2).T)",
        "mg.ravel(x[::2])",
        "mg.Tensor(x)",
        "x.copy()",
    ],
)
def test_copies_have_no_base(mg: Any, make: str) -> None:
    x = mg.tensor(np.arange(6.0))
    c = eval(make, {"mg": mg, "x": x})
    assert c.base is None
    assert not np.shares_memory(c.data, x.data)
    assert not mg.shares_memory(c, x)


def test_view_of_an_intermediate_points_at_it(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0, 3.0])
    h = x * 2
    v = h[1:]
    assert v.base is h
    (v * v).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 16.0, 24.0])


def test_atleast_1d_of_a_1d_tensor_is_the_tensor(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0])
    assert mg.atleast_1d(x) is x


def test_shares_memory_accepts_tensors_and_arrays(mg: Any) -> None:
    x = mg.tensor(np.arange(4.0))
    assert mg.shares_memory(x, x[::2]) is True
    assert mg.shares_memory(x, x[[0]]) is False
    assert mg.shares_memory(x.data, x[1:]) is True
    assert mg.may_share_memory(x[:2], x[2:]) in (True, False)
    assert mg.shares_memory(x[:2], x[2:]) is False


def test_a_view_grad_is_its_base_grad_seen_through_it(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0, 3.0])
    v = x[1:]
    (v * v).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 4.0, 6.0])
    np.testing.assert_array_equal(v.grad, [4.0, 6.0])
    x = mg.tensor([1.0, 2.0, 3.0])
    v = x[1:]
    (x * x).sum().backward()
    np.testing.assert_array_equal(v.grad, [4.0, 6.0])


# ---------------------------------------------------------------------- backward, grad clearing
def test_backward_on_a_constant_is_a_no_op(mg: Any) -> None:
    c = mg.tensor([1.0, 2.0], constant=True)
    c.backward()
    assert c.grad is None
    d = c * 2
    d.backward()
    assert d.grad is None and c.grad is None


def test_grad_is_cleared_when_the_tensor_takes_part_in_a_new_op(mg: Any) -> None:
    x = mg.tensor([1.0, 2.0])
    (x * x).sum().backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
    y = x * 1
    assert x.grad is None, "x.grad must be None once x is used in a new operation"
    y.backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])


def test_clear_graph_then_backward_from_a_later_tensor_raises_invalid_backprop(mg: Any) -> None:
    errors = importlib.import_module(mg.__name__ + ".errors")
    x = mg.tensor([1.0, 2.0])
    y = x * 2
    z = y * 3
    y.clear_graph()
    with pytest.raises(errors.InvalidBackprop):
        z.backward()


def test_sibling_backward_after_shared_node_was_cleared(mg: Any) -> None:
    errors = importlib.import_module(mg.__name__ + ".errors")
    x = mg.tensor([1.0, 2.0])
    y = x * 2
    z = (y * 3).sum()
    w = (y * 4).sum()
    z.backward()
    try:
        w.backward()
    except errors.InvalidBackprop:
        return  # MyGrad's behaviour
    np.testing.assert_array_equal(x.grad, [8.0, 8.0])


def test_errors_module_has_mygrads_classes(mg: Any) -> None:
    errors = importlib.import_module(mg.__name__ + ".errors")
    for name in ("MyGradException", "InvalidGradient", "InvalidBackprop", "DisconnectedView"):
        cls = getattr(errors, name, None)
        assert isinstance(cls, type) and issubclass(cls, Exception), f"{mg.__name__}.errors.{name}"
    for name in ("InvalidGradient", "InvalidBackprop", "DisconnectedView"):
        assert issubclass(getattr(errors, name), errors.MyGradException)


def test_invalid_gradient_from_a_custom_operation(mg: Any) -> None:
    errors = importlib.import_module(mg.__name__ + ".errors")
    base = getattr(mg, "Operation", None) or importlib.import_module("mygrad.operation_base").Operation

    class Bad(base):
        def __call__(self, a: Any) -> np.ndarray:
            self.variables = (a,)
            return a.data * 1

        def backward_var(self, grad: Any, index: int, **kwargs: Any) -> Any:
            return "not a gradient"

    out = mg.execute_op(Bad, mg.tensor([1.0, 2.0]))
    with pytest.raises(errors.InvalidGradient):
        out.backward()


# ------------------------------------------------------------------------------------ threads
def test_threads_build_guarded_graphs_concurrently(mg: Any) -> None:
    results: dict[int, Any] = {}
    barrier = threading.Barrier(4)

    def work(k: int) -> None:
        try:
            x = mg.tensor(np.arange(3.0) + k)
            y = (x * x).sum()
            barrier.wait(timeout=10)
            locked = not x.data.flags.writeable
            y.backward()
            results[k] = (locked, bool(x.data.flags.writeable), x.grad.tolist())
        except Exception as e:  # noqa: BLE001 - reported below
            results[k] = e

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in range(4):
        assert results[k] == (True, True, (2 * (np.arange(3.0) + k)).tolist()), f"thread {k}: {results[k]}"


def test_no_autodiff_is_thread_local_and_guarding_still_applies() -> None:
    import mygrad_like as mg

    inside, done = threading.Event(), threading.Event()
    seen: dict[str, Any] = {}

    def quiet() -> None:
        with mg.no_autodiff:
            inside.set()
            done.wait(timeout=10)

    t = threading.Thread(target=quiet)
    t.start()
    try:
        assert inside.wait(timeout=10)
        x = mg.tensor([1.0, 2.0])
        y = (x * x).sum()
        seen["locked"] = not x.data.flags.writeable
        y.backward()
        seen["grad"] = x.grad.tolist()
        seen["released"] = bool(x.data.flags.writeable)
    finally:
        done.set()
        t.join()
    assert seen == {"locked": True, "grad": [2.0, 4.0], "released": True}


# ---------------------------------------------------------------- mygrad_like only: deep graphs
def test_retained_graph_stays_guarded_until_the_last_backward() -> None:
    import mygrad_like as mg

    x = mg.tensor([1.0, 2.0])
    y = (x * x).sum()
    y.backward(retain_graph=True)
    assert not x.data.flags.writeable, "a retained graph still needs x"
    y.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
    assert x.data.flags.writeable


def test_a_200000_op_chain_is_guarded_backpropagated_and_released(no_gc: None) -> None:
    import mygrad_like as mg

    x = mg.tensor([1.0, 2.0])
    y = x
    for _ in range(200_000):
        y = y + 1.0
    assert not x.data.flags.writeable
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0])
    assert x.data.flags.writeable
    z = x
    for _ in range(200_000):
        z = z * 1.0
    assert not x.data.flags.writeable
    del z
    assert x.data.flags.writeable, "a dropped 200,000-op chain must release x without the collector"


def test_many_writes_through_one_view(no_gc: None) -> None:
    import mygrad_like as mg

    x = mg.tensor(np.arange(4.0))
    y = x * 1
    w = y[::-1]
    for k in range(2_000):
        w[k % 4] += 1.0
    assert w.base is y
    np.testing.assert_array_equal(y.data, np.arange(4.0) + 500.0)
    (y * y).sum().backward()
    np.testing.assert_array_equal(x.grad, 2 * (np.arange(4.0) + 500.0))
    assert x.data.flags.writeable


def test_a_write_through_a_view_chain_deeper_than_the_recursion_limit(no_gc: None) -> None:
    # MyGrad raises RecursionError here (it walks the view tree recursively on every write)
    import sys

    import mygrad_like as mg

    depth = sys.getrecursionlimit() + 200
    x = mg.tensor(np.arange(4.0))
    y = x * 1
    v = y
    for k in range(depth):
        v = v[...] if k % 2 else v[::-1]
    assert v.base is y
    v[0] = 5.0  # depth is even: v has y's layout
    np.testing.assert_array_equal(y.data, [5.0, 1.0, 2.0, 3.0])
    (y * y).sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 2.0, 4.0, 6.0])
    assert x.data.flags.writeable
