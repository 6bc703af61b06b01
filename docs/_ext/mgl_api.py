"""The pure-Python half of the docs extension (no Sphinx import, so the test suite can use
it without the docs extra): which public names exist, where each is documented, and the
reST that documents them. See ``mgl_docs.py`` for the directives built on it.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT_PACKAGE = "mygrad_like"


# --------------------------------------------------------------------------- name resolution
def _public_names(ns: ModuleType) -> list[str]:
    names = getattr(ns, "__all__", None)
    if names is None:  # a package without __all__: what a star import would give
        names = [n for n in vars(ns) if not n.startswith("_")]
    return list(names)


def public_path(name: str, obj: Any, module_name: str) -> str:
    """The shortest dotted path under which ``obj`` is public as ``name``.

    Tries ``mygrad_like``, then each parent package of ``module_name``, then the module
    itself; a namespace qualifies when it lists ``name`` in its ``__all__`` (or, lacking
    one, exposes it) and the attribute there is the very same object.
    """
    parts = module_name.split(".")
    candidates = [".".join(parts[: i + 1]) for i in range(len(parts))]
    for ns_name in candidates:
        try:
            ns = importlib.import_module(ns_name)
        except ImportError:
            continue
        if name in _public_names(ns) and getattr(ns, name, None) is obj:
            return f"{ns_name}.{name}"
    return f"{module_name}.{name}"


def is_reexport(name: str, obj: Any, module_name: str) -> bool:
    """Whether ``obj`` is defined in (and exported by) another module of the package, as
    ``nnet.activations.tanh`` is ``mygrad_like.tanh``: it is then listed, not documented twice.
    A package's own (private) submodules do not count: the package documents what it gathers."""
    home = getattr(obj, "__module__", None)
    if not home or home == module_name or not home.startswith(ROOT_PACKAGE + "."):
        return False
    if home.startswith(module_name + "."):
        return False
    home_mod = sys.modules.get(home)
    return home_mod is not None and name in getattr(home_mod, "__all__", ())


def select(module_name: str, names: list[str] | None = None, exclude: tuple = ()) -> list:
    """``[(public_path, object, reexport)]`` for a module's ``__all__`` (or ``names``),
    submodules skipped."""
    mod = importlib.import_module(module_name)
    listed = names if names else getattr(mod, "__all__", None)
    if listed is None:
        raise ValueError(f"{module_name} has no __all__; list the names with :names:")
    out = []
    for n in listed:
        if n in exclude:
            continue
        if not hasattr(mod, n):
            raise ValueError(f"{module_name} has no attribute {n!r}")
        obj = getattr(mod, n)
        if inspect.ismodule(obj):
            continue
        out.append((public_path(n, obj, module_name), obj, is_reexport(n, obj, module_name)))
    return out


def words(text: str | None) -> list[str]:
    return (text or "").replace(",", " ").split()


# --------------------------------------------------------------------------- mgl-api
def _is_ufunc_object(obj: Any) -> bool:
    """``mg.add`` and its kin: classes whose type is the package's ufunc type."""
    ufuncs = sys.modules.get(ROOT_PACKAGE + ".ufuncs")
    return ufuncs is not None and isinstance(obj, ufuncs.MyGradUfunc)


def render_entries(entries: list, summary: bool = True) -> list[str]:
    """reST for an autosummary table plus one autodoc entry per ``(path, obj, reexport)``
    (a re-exported name is only listed in the table, which links to its entry)."""
    lines: list[str] = []
    by_module: dict[str, list] = {}
    for path, obj, reexport in entries:
        mod, _, name = path.rpartition(".")
        by_module.setdefault(mod, []).append((name, obj, reexport))
    for mod, items in by_module.items():
        lines += [f".. currentmodule:: {mod}", ""]
        if summary:
            lines += [".. autosummary::", "   :nosignatures:", ""]
            lines += [f"   {name}" for name, _, _ in items]
            lines += [""]
        for name, obj, reexport in items:
            if reexport and summary:
                continue
            if _is_ufunc_object(obj):  # a class that acts as a function: document the function
                lines += [f".. autofunction:: {name}", ""]
            elif inspect.isclass(obj):
                lines += [
                    f".. autoclass:: {name}",
                    "   :members:",
                    "   :undoc-members:",
                    "   :show-inheritance:",
                    "",
                ]
            elif inspect.isroutine(obj):
                lines += [f".. autofunction:: {name}", ""]
            else:  # e.g. no_autodiff, an object usable as a context manager and a decorator
                lines += [f".. autodata:: {name}", "   :no-value:", ""]
    return lines


_API_DIRECTIVE = re.compile(r"^\.\. mgl-api:: *(\S+) *\n((?:[ \t]+:[\w-]+:.*\n?)*)", re.M)


def documented_paths(api_dir: Path) -> set[str]:
    """Every public path that the ``mgl-api`` directives under ``api_dir`` document."""
    covered: set[str] = set()
    for page in sorted(api_dir.rglob("*.rst")):
        for m in _API_DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            opts = dict(re.findall(r":([\w-]+):[ \t]*(.*)", m.group(2)))
            try:
                entries = select(
                    m.group(1), words(opts.get("names")) or None, tuple(words(opts.get("exclude")))
                )
            except (ImportError, ValueError):
                continue
            covered.update(path for path, _, _ in entries)
    return covered


def undocumented(api_dir: Path, namespaces: list[str]) -> list:
    covered = documented_paths(api_dir)
    rest, seen = [], set()
    for ns_name in namespaces:
        try:
            ns = importlib.import_module(ns_name)
        except ImportError:
            continue
        for n in _public_names(ns):
            obj = getattr(ns, n, None)
            if obj is None or inspect.ismodule(obj):
                continue
            path = public_path(n, obj, ns_name)
            if path not in covered and path not in seen:
                seen.add(path)
                rest.append((path, obj, False))
    return rest


# --------------------------------------------------------------------------- MyGrad names
def mygrad_names_missing() -> tuple[str, dict[str, list[str]]] | None:
    """``(mygrad version, {namespace: [names]})``: MyGrad's public names that the matching
    mygrad_like namespace lacks, or ``None`` when MyGrad is not installed."""
    try:
        import mygrad
    except ImportError:
        return None
    import numpy as np

    found: dict[str, list[str]] = {}
    for sub in ("", ".nnet", ".nnet.activations", ".nnet.losses", ".nnet.initializers", ".nnet.layers"):
        try:
            theirs = importlib.import_module("mygrad" + sub)
            ours = importlib.import_module(ROOT_PACKAGE + sub)
        except ImportError:
            continue
        names = [
            n
            for n in dir(theirs)
            if not n.startswith("_")
            and not inspect.ismodule(getattr(theirs, n))
            and n not in ("TYPE_CHECKING",)
            and not hasattr(ours, n)
        ]
        if sub == "":  # NumPy dtypes, constants and non-differentiable functions MyGrad re-exports
            numpy_ones = [n for n in names if getattr(np, n, None) is getattr(theirs, n)]
            if numpy_ones:
                found["mygrad (NumPy objects it re-exports unchanged)"] = numpy_ones
            names = [n for n in names if n not in numpy_ones]
        if names:
            found["mygrad" + sub] = names
    return mygrad.__version__, found
