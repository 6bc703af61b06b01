"""Saving and loading a tensor: ``save`` and ``load``, as in MyGrad.

A tensor is stored as a NumPy ``.npz`` archive holding the arrays ``data``, ``grad``
(only when the tensor has a gradient) and ``constant`` (a 0-d bool). That is MyGrad's
layout plus the ``constant`` flag, so files written by MyGrad's ``save`` load here (their
constant-ness then follows the dtype, as for a new tensor), and MyGrad's ``load`` reads
the data and gradient of files written here.

Loading never unpickles (``allow_pickle=False``): a file is only ever read as arrays.
Every way a file can fail to be such an archive (empty, truncated, a member with a bad
checksum, a single ``.npy`` array, a pickle, an object array) raises :class:`LoadError`,
a ``ValueError`` naming the file and the problem; :meth:`Module.load
<mygrad_like.nnet.modules.Module.load>` reads model states through the same code.
"""

from __future__ import annotations

import contextlib
import os
import uuid
import zipfile
import zlib
from typing import IO, Any

import numpy as np

from .tensor import Tensor

__all__ = ["save", "load", "LoadError"]

FileLike = str | os.PathLike | IO[bytes]


class LoadError(ValueError):
    """A file could not be read as the ``.npz`` archive expected.

    Raised by :func:`load` and :meth:`Module.load <mygrad_like.nnet.modules.Module.load>`;
    the message names the file and what is wrong with it. A subclass of ``ValueError``.

    Examples
    --------
    >>> import io
    >>> import mygrad_like as mg
    >>> try:
    ...     mg.load(io.BytesIO(b"not an archive"))
    ... except mg.LoadError as e:
    ...     print(e)
    cannot load a tensor from the file object: it is not a NumPy .npz archive
    """


def write_archive(file: FileLike, arrays: dict[str, Any]) -> None:
    """``numpy.savez(file, **arrays)``, all or nothing when ``file`` is a path.

    The archive is written to a new file next to the target and renamed over it once
    complete, so that a failure part-way (a full disk, an interrupt, an array that cannot
    be written) leaves any earlier file at that path intact, and no partial file behind.
    As with ``numpy.savez``, a name without the ``.npz`` extension gets it appended.
    """
    if not isinstance(file, (str, os.PathLike)):
        np.savez(file, **arrays)
        return
    path = os.fspath(file)
    if not path.endswith(".npz"):
        path += ".npz"
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
    # created like any new file (the process's umask applies), never over an existing one
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _describe(file: Any) -> str:
    if isinstance(file, (str, os.PathLike)):
        return str(os.fspath(file))
    name = getattr(file, "name", None)
    return f"the file object {name!r}" if isinstance(name, str) else "the file object"


def read_archive(file: FileLike, what: str) -> dict[str, np.ndarray]:
    """Every array of the ``.npz`` archive ``file``, read without unpickling.

    Raises :class:`LoadError` (``"cannot load {what} from {file}: ..."``) for anything but an
    intact archive of numeric-or-text arrays, and ``FileNotFoundError`` for a missing file.
    """
    where = _describe(file)
    try:
        archive = np.load(file, allow_pickle=False)
    except FileNotFoundError:
        raise
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as e:
        # NumPy takes anything unrecognised for a pickle; its advice to unpickle is not ours
        detail = "" if "pickle" in str(e) else f" ({e})"
        raise LoadError(f"cannot load {what} from {where}: it is not a NumPy .npz archive{detail}") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise LoadError(
            f"cannot load {what} from {where}: it holds a single array (a .npy file), not an .npz archive"
        )
    with archive:
        try:
            return {name: archive[name] for name in archive.files}
        except (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error) as e:
            if "pickle" in str(e):
                problem = "it holds arrays of Python objects, which are never unpickled"
            else:
                problem = f"a member is damaged or unreadable ({e})"
            raise LoadError(f"cannot load {what} from {where}: {problem}") from None


def save(file: FileLike, tensor: Tensor) -> None:
    """Save a tensor, its gradient and its constant-ness to an ``.npz`` file.

    Parameters
    ----------
    file : str, path or binary file object
        Where to write. As with :func:`numpy.savez`, a file name without the ``.npz``
        extension gets it appended. A file at that path is replaced only once the new
        archive is complete: a save that fails part-way leaves it as it was.
    tensor : Tensor
        The tensor to save (its graph is not saved: :func:`load` gives a leaf).

    Raises
    ------
    TypeError
        If ``tensor`` is not a :class:`~mygrad_like.Tensor`.

    Examples
    --------
    >>> import io
    >>> import mygrad_like as mg
    >>> x = mg.tensor([1.0, 2.0, 3.0])
    >>> (x * x).sum().backward()
    >>> f = io.BytesIO()
    >>> mg.save(f, x)
    >>> _ = f.seek(0)
    >>> y = mg.load(f)
    >>> y, y.grad, y.constant
    (Tensor([1., 2., 3.]), array([2., 4., 6.]), False)
    """
    if not isinstance(tensor, Tensor):
        raise TypeError(f"tensor must be a mygrad_like Tensor; got an object of type {type(tensor).__name__}")
    arrays = {"data": tensor.data, "constant": np.array(tensor.constant)}
    if tensor.grad is not None:
        arrays["grad"] = np.asarray(tensor.grad)
    write_archive(file, arrays)


def load(file: FileLike) -> Tensor:
    """Load a tensor written by :func:`save` (or by MyGrad's ``save``).

    Parameters
    ----------
    file : str, path or binary file object
        An ``.npz`` file with a ``data`` array, and optionally ``grad`` and ``constant``.

    Returns
    -------
    Tensor
        A leaf tensor with the saved data, gradient (``None`` if none was saved) and
        constant-ness (for a file without ``constant``, the default for its dtype).

    Raises
    ------
    LoadError
        (a ``ValueError``) If the file is not an intact ``.npz`` archive of a tensor (empty,
        truncated or damaged; a ``.npy`` file or a pickle; no ``data`` array, a ``grad`` of
        another shape, a non-boolean ``constant``...), naming the file and the problem.
    FileNotFoundError
        If there is no such file.

    Examples
    --------
    >>> import io
    >>> import mygrad_like as mg
    >>> f = io.BytesIO()
    >>> mg.save(f, mg.tensor([1.0, 2.0], constant=True))
    >>> _ = f.seek(0)
    >>> t = mg.load(f)
    >>> t, t.constant, t.grad is None
    (Tensor([1., 2.]), True, True)
    """
    return _tensor_from(read_archive(file, "a tensor"), _describe(file))


def _tensor_from(arrays: dict[str, Any], where: Any) -> Tensor:
    if "data" not in arrays:
        raise LoadError(
            f"cannot load a tensor from {where!s}: it has no 'data' array (it holds {sorted(arrays)}); "
            "was it written by mygrad_like.save?"
        )
    data = arrays["data"]
    constant = None
    if "constant" in arrays:
        flag = arrays["constant"]
        if flag.shape != () or flag.dtype != bool:
            raise LoadError(
                f"cannot load a tensor from {where!s}: 'constant' must be a 0-d bool array; "
                f"got dtype {flag.dtype} and shape {flag.shape}"
            )
        constant = bool(flag) or None  # None: the dtype decides (integer tensors are constants)
    try:
        t = Tensor(data, constant=constant, copy=False)
    except TypeError as e:
        raise LoadError(f"cannot load a tensor from {where!s}: {e}") from None
    if "grad" in arrays:
        grad = arrays["grad"]
        if grad.shape != data.shape or grad.dtype.kind != "f":
            raise LoadError(
                f"cannot load a tensor from {where!s}: its 'grad' must be a float array of the "
                f"data's shape {data.shape}; got dtype {grad.dtype} and shape {grad.shape}"
            )
        t.grad = grad
    return t
