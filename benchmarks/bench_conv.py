"""Convolution speed: mygrad_like.nnet.conv_nd vs a plain NumPy im2col+GEMM, PyTorch, JAX and MyGrad.

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_conv.py
      [--dtype float32 float64] [--cases 1d 2d-small ...] [--min-time 1.0] [--no-mygrad]
      [--no-im2col] [--memory]
      [--threads 1] [--jax-all]

For every case and dtype, for the forward pass and for forward+backward (the gradients
w.r.t. the input and the filters), it prints mygrad_like's time and GFLOP/s, the fraction
of NumPy's own GEMM rate that this is (``gemm``: the time of NumPy doing just the matrix
products the direct algorithm needs, at the conv's own shapes, over ours, interleaved
with ours in the same run, BLAS as configured; > 1 is possible for the FFT algorithm), and for each other implementation its time and
the time ratio ``ours / other`` (< 1: mygrad_like is faster). FLOPs counted: the forward
``2 N F (C/groups) prod(K) prod(G)``; forward+backward three times that.

Every comparison is interleaved: the two implementations alternate call by call in one
process (the order swapped every pair), and the ratio is the median of the per-pair
ratios, which cancels most of the drift of a machine shared with other work; the times
shown are the medians of each side's calls. JAX (``jax.lax.conv_general_dilated`` under
``jit``, forward+backward by ``jax.grad`` of the output weighted by the same output
gradient) runs on the cases PyTorch has no convolution for (4-D), or on all of them with
``--jax-all``; it is skipped when not installed. ``--memory`` also reports the peak RSS
increase of one forward+backward of mygrad_like (inputs excluded, the gradients
included), each case measured in a fresh subprocess (Linux: /proc/self/clear_refs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from _timing import interleaved  # noqa: E402

import mygrad_like as mg  # noqa: E402
from mygrad_like.nnet import conv_nd  # noqa: E402

# name: (x shape, w shape, stride, padding, dilation)
CASES = {
    "1d": ((32, 16, 1024), (32, 16, 5), 1, 2, 1),
    "2d-small": ((64, 3, 32, 32), (16, 3, 3, 3), 1, 1, 1),
    "2d-64ch": ((32, 64, 32, 32), (64, 64, 3, 3), 1, 1, 1),
    "2d-s2d2": ((16, 32, 65, 65), (32, 32, 3, 3), 2, 2, 2),
    "2d-15x15": ((8, 8, 128, 128), (8, 8, 15, 15), 1, 7, 1),
    "3d": ((4, 8, 32, 32, 32), (16, 8, 3, 3, 3), 1, 1, 1),
    "4d": ((2, 4, 12, 12, 12, 12), (4, 4, 3, 3, 3, 3), 1, 1, 1),
}


def out_grid(xs, ws, s, p, dl):
    return tuple((x + 2 * p - dl * (k - 1) - 1) // s + 1 for x, k in zip(xs[2:], ws[2:]))


def flops(case) -> float:
    xs, ws, s, p, dl = case
    return 2.0 * xs[0] * ws[0] * ws[1] * np.prod(ws[2:]) * np.prod(out_grid(xs, ws, s, p, dl))


JAX_ALL = False


def gemm_impl(case, dtype, rng, budget: int = 32 * 2**20) -> tuple:
    """NumPy alone doing the matrix products a direct (im2col) conv of ``case`` needs:
    (forward, forward+backward) callables. The forward is ``(F, C K) @ (C K, m)`` over
    blocks of ``m`` output positions (at most ``budget`` bytes of windows, at most one
    sample's), as many blocks as the batch has; forward+backward adds the filter gradient
    ``(C K, m) @ (m, F)`` and the input gradient ``(C K, F) @ (F, m)`` of every block.
    No window copies, no col2im: what BLAS alone costs at the conv's shapes."""
    xs, ws, s, p, dl = case
    f, ck = ws[0], int(np.prod(ws[1:]))
    positions = xs[0] * int(np.prod(out_grid(*case)))
    m = int(min(positions // xs[0], max(64, budget // (ck * dtype.itemsize))))
    blocks = -(-positions // m)
    m = -(-positions // blocks)
    w = rng.standard_normal((f, ck)).astype(dtype)
    cols = rng.standard_normal((ck, m)).astype(dtype)
    dy = rng.standard_normal((f, m)).astype(dtype)
    out, dw, dcols = np.empty((f, m), dtype), np.empty((ck, f), dtype), np.empty((ck, m), dtype)

    def fwd():
        for _ in range(blocks):
            np.matmul(w, cols, out=out)

    def fwd_bwd():
        for _ in range(blocks):
            np.matmul(w, cols, out=out)
            np.matmul(cols, dy.T, out=dw)
            np.matmul(w.T, dy, out=dcols)

    return fwd, fwd_bwd


# --------------------------------------------------------------------------- implementations
ALGORITHM = "auto"


def ours(case, dtype, rng):
    xs, ws, s, p, dl = case
    x = mg.tensor(rng.standard_normal(xs).astype(dtype))
    w = mg.tensor(rng.standard_normal(ws).astype(dtype))
    dy = rng.standard_normal((xs[0], ws[0]) + out_grid(*case)).astype(dtype)

    def fwd():
        with mg.no_autodiff:
            return conv_nd(x, w, stride=s, padding=p, dilation=dl, algorithm=ALGORITHM)

    def fwd_bwd():
        conv_nd(x, w, stride=s, padding=p, dilation=dl, algorithm=ALGORITHM).backward(dy)
        return x.grad, w.grad

    return fwd, fwd_bwd


def chosen_algorithm(case) -> str:
    """The algorithm mygrad_like's conv_nd runs for this case (its own cost estimate)."""
    from mygrad_like.nnet import _windows as W
    from mygrad_like.nnet.conv import _choose_algorithm

    xs, ws, s, p, dl = case
    d = len(ws) - 2
    geom = W.make_geometry(xs[2:], ws[2:], (s,) * d, (dl,) * d, ((p, p),) * d)
    return _choose_algorithm(ALGORITHM, geom, xs[0], xs[1], ws[0], 1)


def im2col_reference(case, dtype, rng):
    """A plain NumPy im2col + GEMM (and GEMM + col2im for the input gradient)."""
    xs, ws, s, p, dl = case
    x = rng.standard_normal(xs).astype(dtype)
    w = rng.standard_normal(ws).astype(dtype)
    d = len(ws) - 2
    n, c, f, kernel = xs[0], xs[1], ws[0], ws[2:]
    grid = out_grid(*case)
    dy = rng.standard_normal((n, f) + grid).astype(dtype)
    win_axes = tuple(range(2, 2 + d))

    def im2col():
        xp = np.pad(x, [(0, 0), (0, 0)] + [(p, p)] * d)
        view = np.lib.stride_tricks.sliding_window_view(xp, [dl * (k - 1) + 1 for k in kernel], axis=win_axes)
        view = view[(Ellipsis, *[slice(None, None, s)] * d, *[slice(None, None, dl)] * d)]
        view = view[(slice(None), slice(None), *[slice(0, g) for g in grid])]
        # (N, C, *G, *K) -> (N, *G, C, *K) -> (N*G, C*K)
        perm = (0, *range(2, 2 + d), 1, *range(2 + d, 2 + 2 * d))
        return np.ascontiguousarray(view.transpose(perm)).reshape(n * int(np.prod(grid)), -1), xp.shape

    def fwd():
        cols, _ = im2col()
        out = cols @ w.reshape(f, -1).T  # (N*G, C*K) @ (C*K, F)
        return np.ascontiguousarray(np.moveaxis(out.reshape((n, *grid, f)), -1, 1))

    def fwd_bwd():
        cols, pshape = im2col()
        wm = w.reshape(f, -1)
        out = cols @ wm.T
        np.ascontiguousarray(np.moveaxis(out.reshape((n, *grid, f)), -1, 1))
        dym = np.moveaxis(dy, 1, -1).reshape(-1, f)  # (N*G, F)
        dw = (dym.T @ cols).reshape(ws)
        dcols = (dym @ wm).reshape((n, *grid, c, *kernel))
        dxp = np.zeros(pshape, dtype)
        for k in np.ndindex(*kernel):
            sl = tuple(slice(ki * dl, ki * dl + (g - 1) * s + 1, s) for ki, g in zip(k, grid))
            dxp[(slice(None), slice(None), *sl)] += np.moveaxis(dcols[(Ellipsis, *k)], -1, 1)
        dx = dxp[(slice(None), slice(None), *[slice(p, p + xi) for xi in xs[2:]])]
        return dx, dw

    return fwd, fwd_bwd


def torch_impl(case, dtype, rng):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return None
    xs, ws, s, p, dl = case
    conv = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}.get(len(ws) - 2)
    if conv is None:
        return None
    tdtype = getattr(torch, np.dtype(dtype).name)
    x = torch.tensor(rng.standard_normal(xs), dtype=tdtype, requires_grad=True)
    w = torch.tensor(rng.standard_normal(ws), dtype=tdtype, requires_grad=True)
    dy = torch.tensor(rng.standard_normal((xs[0], ws[0]) + out_grid(*case)), dtype=tdtype)

    def fwd():
        with torch.no_grad():
            return conv(x, w, stride=s, padding=p, dilation=dl)

    def fwd_bwd():
        x.grad = w.grad = None
        conv(x, w, stride=s, padding=p, dilation=dl).backward(dy)

    return fwd, fwd_bwd


def jax_impl(case, dtype, rng):
    """``jax.lax.conv_general_dilated`` under ``jit``; fwd+bwd is ``jax.grad`` of a weighted
    sum (the same output gradient ``dy`` as the others) w.r.t. the input and filters."""
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    if np.dtype(dtype) == np.float64:
        jax.config.update("jax_enable_x64", True)
    xs, ws, s, p, dl = case
    d = len(ws) - 2
    if d <= 3 and not JAX_ALL:
        return None
    x = jnp.asarray(rng.standard_normal(xs).astype(dtype))
    w = jnp.asarray(rng.standard_normal(ws).astype(dtype))
    dy = jnp.asarray(rng.standard_normal((xs[0], ws[0]) + out_grid(*case)).astype(dtype))
    spatial = "".join(chr(ord("a") + i) for i in range(d))  # any distinct letters
    dn = jax.lax.conv_dimension_numbers(xs, ws, ("NC" + spatial, "OI" + spatial, "NC" + spatial))

    def conv(x, w):
        return jax.lax.conv_general_dilated(
            x, w, (s,) * d, [(p, p)] * d, rhs_dilation=(dl,) * d, dimension_numbers=dn
        )

    fwd_jit = jax.jit(conv)
    grad_jit = jax.jit(jax.grad(lambda x, w: jnp.vdot(conv(x, w), dy), argnums=(0, 1)))

    def fwd():
        return fwd_jit(x, w).block_until_ready()

    def fwd_bwd():
        return jax.block_until_ready(grad_jit(x, w))

    return fwd, fwd_bwd


def mygrad_impl(case, dtype, rng):
    try:
        import mygrad
        from mygrad.nnet.layers import conv_nd as mygrad_conv
    except ImportError:
        return None
    xs, ws, s, p, dl = case
    x = mygrad.tensor(rng.standard_normal(xs).astype(dtype))
    w = mygrad.tensor(rng.standard_normal(ws).astype(dtype))
    dy = rng.standard_normal((xs[0], ws[0]) + out_grid(*case)).astype(dtype)
    try:
        with mygrad.no_autodiff:
            mygrad_conv(x[:1], w, stride=s, padding=p, dilation=dl)
    except Exception:  # e.g. MyGrad refuses strides that do not tile the input exactly
        return None

    def fwd():
        with mygrad.no_autodiff:
            return mygrad_conv(x, w, stride=s, padding=p, dilation=dl)

    def fwd_bwd():
        mygrad_conv(x, w, stride=s, padding=p, dilation=dl).backward(dy)

    return fwd, fwd_bwd


# --------------------------------------------------------------------------- pooling
POOL_SHAPE = (64, 32, 32, 32)  # a 2x2 / stride-2 max pool over the last two axes


def pool_impls(dtype, rng):
    """(name, fwd, fwd+bwd) for mygrad_like, PyTorch and MyGrad's max pool."""
    from mygrad_like.nnet import max_pool

    xa = rng.standard_normal(POOL_SHAPE).astype(dtype)
    dy = rng.standard_normal(POOL_SHAPE[:2] + (16, 16)).astype(dtype)
    x = mg.tensor(xa)

    def fwd():
        with mg.no_autodiff:
            return max_pool(x, (2, 2), 2)

    out = [("ours", fwd, lambda: max_pool(x, (2, 2), 2).backward(dy))]
    try:
        import torch
        import torch.nn.functional as F

        xt, dyt = torch.tensor(xa, requires_grad=True), torch.tensor(dy)

        def tfwd():
            with torch.no_grad():
                return F.max_pool2d(xt, 2, 2)

        def tfb():
            xt.grad = None
            F.max_pool2d(xt, 2, 2).backward(dyt)

        out.append(("torch", tfwd, tfb))
    except ImportError:
        pass
    try:
        import mygrad
        from mygrad.nnet.layers import max_pool as mygrad_max_pool

        xm = mygrad.tensor(xa)

        def mfwd():
            with mygrad.no_autodiff:
                return mygrad_max_pool(xm, (2, 2), 2)

        out.append(("mygrad", mfwd, lambda: mygrad_max_pool(xm, (2, 2), 2).backward(dy)))
    except ImportError:
        pass
    return out


def pool_table(dtypes, min_time):
    print(
        f"\nmax_pool 2x2 / stride 2 on x{POOL_SHAPE}: median ms of interleaved calls, and the "
        "median per-pair ratio ours / other (< 1: mygrad_like is faster)"
    )
    for dt in dtypes:
        impls = pool_impls(np.dtype(dt), np.random.default_rng(0))
        for idx, label in ((1, "fwd"), (2, "fwd+bwd")):
            row = f"{dt:<8} {label:<8}"
            for name, *fns in impls[1:]:
                ta, tb, r = interleaved(impls[0][idx], fns[idx - 1], min_time)
                row += f"  ours {ta * 1e3:7.2f}  {name} {tb * 1e3:7.2f} (ours/{name} {r:.2f})"
            print(row, flush=True)


# --------------------------------------------------------------------------- memory
def _status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _peak_rss_child(name: str, dtype: str, algorithm: str) -> None:
    global ALGORITHM
    ALGORITHM = algorithm
    rng = np.random.default_rng(0)
    _, fwd_bwd = ours(CASES[name], np.dtype(dtype), rng)
    import gc

    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:  # reset the peak (VmHWM) to the current RSS
        f.write("5")
    base = _status_kib("VmRSS")
    fwd_bwd()
    print(json.dumps({"delta_mib": (_status_kib("VmHWM") - base) / 1024}))


def peak_rss_mib(name: str, dtype: str) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--_memory-child", name, dtype, ALGORITHM],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])["delta_mib"]


# --------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dtype", nargs="+", default=["float32", "float64"])
    ap.add_argument("--cases", nargs="+", default=list(CASES), choices=list(CASES))
    ap.add_argument("--min-time", type=float, default=1.0, help="seconds of interleaved calls per pair")
    ap.add_argument("--no-mygrad", action="store_true")
    ap.add_argument("--no-im2col", action="store_true", help="skip the plain NumPy im2col reference")
    ap.add_argument("--no-torch", action="store_true")
    ap.add_argument("--no-jax", action="store_true")
    ap.add_argument("--jax-all", action="store_true", help="run JAX on the 1-D to 3-D cases too")
    ap.add_argument("--no-pool", action="store_true", help="skip the max-pool table")
    ap.add_argument("--memory", action="store_true", help="peak RSS of one fwd+bwd (fresh subprocess)")
    ap.add_argument(
        "--threads",
        type=int,
        default=None,
        help="limit BLAS (via threadpoolctl) and PyTorch to this many threads",
    )
    ap.add_argument(
        "--algorithm",
        default="auto",
        choices=["auto", "direct", "fft"],
        help="conv_nd's algorithm argument for mygrad_like",
    )
    ap.add_argument("--_memory-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    global ALGORITHM, JAX_ALL
    JAX_ALL = args.jax_all
    if args._memory_child:
        _peak_rss_child(*args._memory_child)
        return
    ALGORITHM = args.algorithm
    if args.threads is not None:
        from threadpoolctl import threadpool_limits

        threadpool_limits(args.threads)
        try:
            import torch

            torch.set_num_threads(args.threads)
        except ImportError:
            pass
    print(
        f"# load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
        f"threads: {args.threads or 'default'}; each comparison interleaved call by call, "
        "times = medians, ratio = median of per-pair ratios ours / other (< 1: ours faster)"
    )

    others = [] if args.no_im2col else [("im2col", im2col_reference)]
    if not args.no_torch:
        others.append(("torch", torch_impl))
    if not args.no_jax:
        others.append(("jax", jax_impl))
    if not args.no_mygrad:
        others.append(("mygrad", mygrad_impl))
    header = f"{'case':<10} {'dtype':<8} {'algo':<6} {'pass':<8} {'ours ms':>9} {'GFLOP/s':>8} {'gemm':>5}"
    header += "".join(f" {name + ' ms':>11} {'ours/' + name:>11}" for name, _ in others)
    if args.memory:
        header += f" {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    for name in args.cases:
        case = CASES[name]
        for dt in args.dtype:
            dtype = np.dtype(dt)
            rng = np.random.default_rng(0)
            mine = ours(case, dtype, rng)
            impls = [(n, make(case, dtype, rng)) for n, make in others]
            mem = peak_rss_mib(name, dt) if args.memory else None
            algo = chosen_algorithm(case)
            gemm = gemm_impl(case, dtype, rng)
            for idx, label in enumerate(("fwd", "fwd+bwd")):
                cells, mine_times = "", []
                for _, impl in impls:
                    if impl is None:
                        cells += f" {'n/a':>11} {'':>11}"
                        continue
                    t_ours, t_other, ratio = interleaved(mine[idx], impl[idx], args.min_time)
                    mine_times.append(t_ours)
                    cells += f" {t_other * 1e3:11.2f} {ratio:11.2f}"
                t_ours, _, gemm_fraction = interleaved(mine[idx], gemm[idx], args.min_time)
                t = statistics.median([t_ours, *mine_times])
                gflops = flops(case) * (1 if idx == 0 else 3) / t / 1e9
                row = f"{name:<10} {dt:<8} {algo:<6} {label:<8} {t * 1e3:9.2f} {gflops:8.1f} {1 / gemm_fraction:5.2f}"
                row += cells
                if mem is not None and idx == 1:
                    row += f" {mem:9.0f}"
                print(row, flush=True)
    if not args.no_pool:
        pool_table(args.dtype, args.min_time)


if __name__ == "__main__":
    main()
