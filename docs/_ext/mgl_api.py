"""The pure-Python half of the docs extension (no Sphinx import, so the test suite can use
it without the docs extra): which public names exist, where each is documented, and the
reST that documents them. See ``mgl_docs.py`` for the directives built on it.
"""

from __future__ import annotations

import importlib
import importlib.util
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


# --------------------------------------------------------------------------- optional modules
# gallery examples of modules that a version may not have yet: (file name prefix, module)
GALLERY_NEEDS = {"plot_functional_": ROOT_PACKAGE + ".functional"}


def has_module(name: str) -> bool:
    """Whether the package being documented has the module ``name`` (in its own folder: a
    module found elsewhere, e.g. through another checkout's editable install, does not count)."""
    root = importlib.import_module(ROOT_PACKAGE)
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:
        return False
    home = Path(root.__file__).resolve().parent
    return spec is not None and spec.origin is not None and home in Path(spec.origin).resolve().parents


def gallery_left_out() -> list[str]:
    """The file name prefixes of the gallery examples whose module this version lacks."""
    return [prefix for prefix, module in GALLERY_NEEDS.items() if not has_module(module)]


# --------------------------------------------------------------------------- namespaces
def namespaces(extra: list[str]) -> list[str]:
    """The public namespaces whose names the reference must cover: the package, every module
    its ``__all__`` lists (recursively), and those of ``extra`` that can be imported (a
    namespace that does not exist in this version is skipped, not an error)."""
    found: list[str] = []
    queue = [ROOT_PACKAGE, *extra]
    while queue:
        name = queue.pop(0)
        if name in found:
            continue
        try:
            mod = importlib.import_module(name)
        except ImportError:
            continue
        found.append(name)
        for n in getattr(mod, "__all__", ()):
            obj = getattr(mod, n, None)
            if inspect.ismodule(obj) and obj.__name__.startswith(ROOT_PACKAGE + "."):
                queue.append(obj.__name__)
    return found


# --------------------------------------------------------------------------- mgl-api
def render_entries(entries: list, toctree: str = "generated") -> list[str]:
    """reST for the summary tables of ``(path, obj, reexport)`` entries: one autosummary table
    per module, whose rows link to the entries' own pages (written by :func:`write_stubs`). A
    re-exported name goes in a table without a toctree: its page belongs to its home section."""
    lines: list[str] = []
    by_module: dict[str, list] = {}
    for path, _obj, reexport in entries:
        mod, _, name = path.rpartition(".")
        by_module.setdefault(mod, []).append((name, reexport))
    for mod, items in by_module.items():
        lines += [f".. currentmodule:: {mod}", ""]
        for reexport in (False, True):
            names = [name for name, r in items if r is reexport]
            if not names:
                continue
            lines += [".. autosummary::", "   :nosignatures:"]
            lines += [] if reexport else [f"   :toctree: {toctree}"]
            lines += [""] + [f"   {name}" for name in names] + [""]
    return lines


_API_DIRECTIVE = re.compile(r"^\.\. mgl-api:: *(\S+) *\n((?:[ \t]+:[\w-]+:.*\n?)*)", re.M)


def page_entries(api_dir: Path) -> dict[str, list]:
    """``{page: entries}`` for the ``mgl-api`` directives of the pages under ``api_dir``."""
    pages: dict[str, list] = {}
    for page in sorted(api_dir.rglob("*.rst")):
        if "generated" in page.relative_to(api_dir).parts:
            continue
        for m in _API_DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            opts = dict(re.findall(r":([\w-]+):[ \t]*(.*)", m.group(2)))
            try:
                entries = select(
                    m.group(1), words(opts.get("names")) or None, tuple(words(opts.get("exclude")))
                )
            except (ImportError, ValueError):
                continue
            pages.setdefault(page.as_posix(), []).extend(entries)
    return pages


def documented_paths(api_dir: Path) -> set[str]:
    """Every public path that the ``mgl-api`` directives under ``api_dir`` document."""
    return {path for entries in page_entries(api_dir).values() for path, _, _ in entries}


def _defined_names(ns: ModuleType) -> list[str]:
    """The public names of a namespace: its ``__all__``, or, lacking one, the public names
    of the functions and classes defined in it (not the ones it imports)."""
    if hasattr(ns, "__all__"):
        return list(ns.__all__)
    return [
        n
        for n, obj in vars(ns).items()
        if not n.startswith("_") and getattr(obj, "__module__", None) == ns.__name__
    ]


def undocumented(api_dir: Path, namespace_names: list[str]) -> list:
    """``(path, obj, False)`` for every public name of the namespaces that no ``mgl-api``
    directive covers: these get a table on the API index, so nothing public is missing."""
    covered = documented_paths(api_dir)
    rest, seen = [], set()
    for ns_name in namespace_names:
        try:
            ns = importlib.import_module(ns_name)
        except ImportError:
            continue
        for n in _defined_names(ns):
            obj = getattr(ns, n, None)
            if obj is None or inspect.ismodule(obj):
                continue
            path = public_path(n, obj, ns_name)
            if path not in covered and path not in seen:
                seen.add(path)
                rest.append((path, obj, False))
    return rest


# --------------------------------------------------------------------------- one page per name
def _is_ufunc_object(obj: Any) -> bool:
    """``mg.add`` and its kin where they are ufunc objects: classes whose type is the
    package's ufunc type (in versions that have ``mygrad_like.ufuncs``)."""
    ufuncs = sys.modules.get(ROOT_PACKAGE + ".ufuncs")
    kind = getattr(ufuncs, "MyGradUfunc", None)
    return kind is not None and isinstance(obj, kind)


def _is_class(obj: Any) -> bool:
    return inspect.isclass(obj) and not _is_ufunc_object(obj)


def _escape(text: str) -> str:
    return re.sub(r"([_*`\\])", r"\\\1", text)


def class_members(cls: type, documented: set[type]) -> list[tuple[str, str]]:
    """``(name, autodoc directive)`` for the documented public methods and attributes to
    show on ``cls``'s page: its own, and those it inherits from private or undocumented
    bases (a documented base has its own page)."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for klass in cls.__mro__:
        if klass is object or (klass is not cls and klass in documented):
            continue
        for n, member in vars(klass).items():
            if n.startswith("_") or n in seen:
                continue
            seen.add(n)
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            if isinstance(member, property):
                kind = "autoproperty"
            elif inspect.isroutine(member):
                kind = "automethod"
            elif inspect.isdatadescriptor(member):
                kind = "autoattribute"
            else:
                continue
            found.append((n, kind))
    return found


# the attributes of a tensor that are no NumPy name (see member_doc)
TENSOR_ATTRIBUTES = {
    "data": "The NumPy array that the tensor wraps.",
    "grad": "The gradient from the last backward pass that reached the tensor (a NumPy array), or ``None``.",
    "constant": "Whether the tensor is a constant (takes no part in gradients).",
    "creator": "The operation that produced the tensor in the graph, or ``None`` for a leaf.",
}


def member_doc(qualname: str, what: str) -> list[str]:
    """A one-paragraph docstring for a public method or attribute (``what``: autodoc's
    ``"method"``, ``"attribute"`` or ``"property"``) that has none: the method form of a
    package function, a tensor attribute, or a NumPy array attribute."""
    member = qualname.rpartition(".")[2]
    import numpy as np

    root = importlib.import_module(ROOT_PACKAGE)
    if what == "method" and inspect.isroutine(getattr(root, member, None)):
        return [f"The method form of :func:`{ROOT_PACKAGE}.{member}`, with the tensor as its first argument."]
    if what != "method" and member in TENSOR_ATTRIBUTES and qualname.split(".")[-2] == "Tensor":
        return [TENSOR_ATTRIBUTES[member]]
    if hasattr(np.ndarray, member):
        return [f"As ``numpy.ndarray.{member}``, of the tensor's data."]
    return []


def stub_text(path: str, obj: Any, documented_classes: set[type]) -> str:
    """The reST of the page of one public name: its title and its autodoc entry; for a
    class, then a summary table of its members and their entries."""
    mod, _, name = path.rpartition(".")
    title = _escape(path)
    lines = [title, "=" * len(title), "", f".. currentmodule:: {mod}", ""]
    if _is_ufunc_object(obj):  # a class that acts as a function: document the function
        lines += [f".. autofunction:: {name}", ""]
    elif _is_class(obj):
        lines += [f".. autoclass:: {name}"]
        lines += ["   :show-inheritance:", ""] if obj.__bases__ != (object,) else [""]
        members = class_members(obj, documented_classes)
        if members:
            lines += [".. rubric:: Methods and attributes", "", ".. autosummary::", "   :nosignatures:", ""]
            lines += [f"   ~{name}.{m}" for m, _ in members] + [""]
            for m, kind in members:
                lines += [f".. {kind}:: {name}.{m}", ""]
    elif inspect.isroutine(obj):
        lines += [f".. autofunction:: {name}", ""]
    else:  # e.g. no_autodiff, an object usable as a context manager and a decorator
        lines += [f".. autodata:: {name}", "   :no-value:", ""]
    return "\n".join(lines)


def write_stubs(out_dir: Path, entries: list) -> list[str]:
    """Write one page per ``(path, obj, reexport)`` entry that is not a re-export into
    ``out_dir`` (rewriting a file only when its text changes, so that incremental builds stay
    incremental) and delete the pages of names that are gone. Returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    own = {path: obj for path, obj, reexport in entries if not reexport}
    classes = {obj for obj in own.values() if _is_class(obj)}
    for path, obj in own.items():
        target = out_dir / f"{path}.rst"
        text = stub_text(path, obj, classes)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    for old in out_dir.glob("*.rst"):
        if old.stem not in own:
            old.unlink()
    return sorted(own)


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
        modules = []
        for n in dir(theirs):
            mod = getattr(theirs, n)
            if n.startswith("_") or not inspect.ismodule(mod) or not mod.__name__.startswith("mygrad."):
                continue
            try:
                importlib.import_module(ROOT_PACKAGE + mod.__name__[len("mygrad") :])
            except ImportError:
                modules.append(mod.__name__)
        if modules:
            found[f"modules of mygrad{sub}"] = modules
    return mygrad.__version__, found


# --------------------------------------------------------------------------- benchmark results
_RULE = re.compile(r"^[\s\-=+|]+$")
_NUMBER = re.compile(r"^[x(]?[-+]?\d[\d.,]*[x%)]*$")


def _columns(rows: list[str]) -> list[tuple[int, int]]:
    """Column spans of fixed-width rows: the runs of positions where some row has text,
    separated by positions where every row has a space; a run with text in the first row
    only, one space before the next run, is a word of a header cell (``ours ms``)."""
    width = max(len(r) for r in rows)
    used = [any(i < len(r) and not r[i].isspace() for r in rows) for i in range(width)]
    spans: list[tuple[int, int]] = []
    start = None
    for i, u in enumerate([*used, False]):
        if u and start is None:
            start = i
        elif not u and start is not None:
            spans.append((start, i))
            start = None
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged:
            pa, pb = merged[-1]
            header_only = all(not r[pa:pb].strip() for r in rows[1:])
            if header_only and a - pb == 1:
                merged[-1] = (pa, b)
                continue
        merged.append((a, b))
    return merged


def _join_headerless(spans: list[tuple[int, int]], header_row: str) -> list[tuple[int, int]]:
    """A column without a header continues the one on its left (``jvp / vjp  MLP``)."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and not header_row[a:b].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def parse_results(text: str) -> list[tuple[str, Any]]:
    """A benchmark script's printed output as ``[("caption", line) | ("table", (header, rows))
    | ("text", block)]``: blocks are separated by blank lines; the leading ``#`` and ``$``
    lines and lines without a run of two spaces are captions; the rest are fixed-width
    columns, the first row a header unless one of its cells is a number (a column without a
    header joins the one on its left). What does not line up stays text."""
    out: list[tuple[str, Any]] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [ln.rstrip().expandtabs() for ln in block.splitlines() if ln.strip() and not _RULE.match(ln)]
        grid: list[str] = []
        for ln in lines:
            if not grid and (ln.lstrip().startswith(("#", "$ ")) or "  " not in ln.strip()):
                out.append(("caption", ln.strip().lstrip("#").strip()))
            else:
                grid.append(ln)
        if not grid:
            continue
        spans = _columns(grid)
        cells = [[r[a:b].strip() for a, b in spans] for r in grid]
        if len(spans) < 2 or len(cells) < 2:
            out.append(("text", "\n".join(grid)))
            continue
        if any(_NUMBER.match(c) for c in cells[0] if c):
            header: list[str] = []
        else:
            spans = _join_headerless(spans, grid[0])
            cells = [[r[a:b].strip() for a, b in spans] for r in grid]
            header, cells = cells[0], cells[1:]
        out.append(("table", (header, cells)))
    return out
