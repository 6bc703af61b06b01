"""A small local Sphinx extension for the mygrad_like docs.

It adds, without touching the network:

``.. mgl-api:: <module>``
    The summary table (Sphinx's ``autosummary``) of one module's public names, driven by the
    module's ``__all__``, each row linking to the name's own page. Each name is documented
    under its shortest public path (``mygrad_like.add`` rather than
    ``mygrad_like.ops.arithmetic.add``), so a function added to a module's ``__all__``
    appears in the reference without touching the docs. Options: ``:names:`` (a subset, in
    this order), ``:exclude:``, ``:optional:`` (a note instead of an error while the module
    does not exist).

``.. mgl-api-rest::``
    Tables of the public names of the namespaces (the package, every module its ``__all__``
    lists, and ``mgl_api_namespaces``) that no ``mgl-api`` directive covers; nothing at all
    when every name has a section, so that nothing public is ever missing from the reference.

``.. mgl-mygrad-missing::``
    The public names of MyGrad (when it is installed) that mygrad_like does not have.

``.. mgl-bench:: <name>``
    The benchmark results ``benchmarks/results/<name>.csv`` (a header row, then rows) or
    ``<name>.txt`` (a script's printed output: its fixed-width columns become tables, its
    comment lines captions), with the command that reproduces it (``:command:``). Without a
    results file, a clearly marked placeholder.

When the build starts it writes one page per documented name into ``api/generated/``
(git-ignored; see ``mgl_api.write_stubs``) and runs every ``figures/*.py`` script (not
starting with ``_``); each writes its PNGs into the directory given as its first argument
(``_figures/`` in the source tree, git-ignored), which the guides show with
``.. figure:: /_figures/<name>.png``. A failing figure script is a build warning, hence an
error under ``sphinx-build -W``.
"""

from __future__ import annotations

import csv
import inspect
import runpy
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from mgl_api import (
    member_doc,
    mygrad_names_missing,
    namespaces,
    page_entries,
    parse_results,
    render_entries,
    select,
    undocumented,
    words,
    write_stubs,
)
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


class MglApi(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {
        "names": directives.unchanged,
        "exclude": directives.unchanged,
        "optional": directives.flag,
    }

    def run(self) -> list:
        module_name = self.arguments[0]
        names = words(self.options.get("names")) or None
        exclude = tuple(words(self.options.get("exclude")))
        try:
            entries = select(module_name, names, exclude)
        except ImportError:
            if "optional" in self.options:
                para = nodes.paragraph(text=f"{module_name} is not available in this version.")
                return [nodes.note("", para)]
            raise self.error(f"mgl-api: cannot import {module_name}") from None
        except ValueError as e:
            raise self.error(f"mgl-api: {e}") from None
        return self.parse_text_to_nodes("\n".join(render_entries(entries, toctree=_toctree(self))))


def _toctree(directive: SphinxDirective) -> str:
    """The ``generated/`` folder of the API pages, relative to the page being read."""
    depth = directive.env.docname.count("/")
    return "../" * (depth - 1) + "generated" if depth else "api/generated"


class MglApiRest(SphinxDirective):
    has_content = False

    def run(self) -> list:
        self.env.note_dependency(__file__)
        api_dir = Path(self.env.srcdir) / "api"
        for page in api_dir.glob("*.rst"):
            self.env.note_dependency(str(page))
        rest = undocumented(api_dir, namespaces(self.config.mgl_api_namespaces))
        if not rest:
            return []
        lines = [
            ".. rubric:: Other public names",
            "",
            "Public names that no section above lists yet, by module.",
            "",
            *render_entries(rest, toctree=_toctree(self)),
        ]
        return self.parse_text_to_nodes("\n".join(lines))


# --------------------------------------------------------------------------- mgl-bench
class MglBench(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"command": directives.unchanged_required}

    def run(self) -> list:
        name = self.arguments[0]
        results = Path(self.env.srcdir).parent / "benchmarks" / "results"
        command = self.options.get("command", "")
        out: list = []
        csv_path, txt_path = results / f"{name}.csv", results / f"{name}.txt"
        for p in (csv_path, txt_path):
            self.env.note_dependency(str(p))
        box = nodes.container(classes=["mgl-bench"])
        if csv_path.exists():
            with open(csv_path, newline="", encoding="utf-8") as f:
                rows = [r for r in csv.reader(f) if r]
            out += self._table(rows)
        elif txt_path.exists():
            for kind, value in parse_results(txt_path.read_text(encoding="utf-8")):
                if kind == "table":
                    header, rows = value
                    out += self._table([header, *rows] if header else rows, has_header=bool(header))
                elif kind == "caption":
                    out.append(nodes.paragraph(text=value))
                else:
                    block = nodes.literal_block(value, value)
                    block["language"] = "text"
                    out.append(block)
        else:
            msg = (
                f"Placeholder: no results file benchmarks/results/{name}.csv or .txt in this "
                "checkout yet. Run the command below to get the numbers on your machine."
            )
            out.append(nodes.warning("", nodes.paragraph(text=msg)))
        box += out
        out = [box]
        if self.content:
            container = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, container)
            out.append(container)
        if command:
            out.append(nodes.paragraph(text="Reproduce with:"))
            block = nodes.literal_block(command, command)
            block["language"] = "bash"
            out.append(block)
        return out

    def _table(self, rows: list[list[str]], has_header: bool = True) -> list:
        header, body = (rows[0], rows[1:]) if has_header else ([], rows)
        ncols = max(len(r) for r in rows)
        table = nodes.table()
        group = nodes.tgroup(cols=ncols)
        table += group
        widths = [max(len(r[i]) if i < len(r) else 0 for r in rows) + 2 for i in range(ncols)]
        group += [nodes.colspec(colwidth=w) for w in widths]

        def row(cells: list[str]) -> nodes.row:
            r = nodes.row()
            for c in (cells + [""] * ncols)[:ncols]:
                r += nodes.entry("", nodes.paragraph(text=c))
            return r

        if header:
            thead = nodes.thead()
            thead += row(header)
            group += thead
        tbody = nodes.tbody()
        tbody += [row(r) for r in body]
        group += tbody
        return [table]


class MglMygradMissing(SphinxDirective):
    has_content = False

    def run(self) -> list:
        result = mygrad_names_missing()
        if result is None:
            text = "(MyGrad is not installed where these docs were built, so this list is empty.)"
            return [nodes.paragraph(text=text)]
        version, found = result
        if not found:
            return [nodes.paragraph(text=f"None: every public name of MyGrad {version} exists here.")]
        lines = [f"Computed when these docs were built, against MyGrad {version}:", ""]
        for ns, names in found.items():
            label = f"modules of ``{ns[11:]}``" if ns.startswith("modules of ") else f"``{ns}``"
            if " (" in ns:
                label = f"``{ns.split(' (')[0]}`` ({ns.split(' (', 1)[1]}"
            lines.append(f"* {label}: " + ", ".join(f"``{n}``" for n in sorted(names)))
        return self.parse_text_to_nodes("\n".join(lines))


# --------------------------------------------------------------------------- figures
def run_figure_scripts(app: Sphinx) -> None:
    src = Path(app.srcdir) / app.config.mgl_figure_scripts
    out = Path(app.srcdir) / app.config.mgl_figure_dir
    out.mkdir(exist_ok=True)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sys.path.insert(0, str(src))
    saved_argv = sys.argv
    try:
        for script in sorted(src.glob("*.py")):
            if script.name.startswith("_"):
                continue
            t0 = time.perf_counter()
            sys.argv = [str(script), str(out)]
            try:
                runpy.run_path(str(script), run_name="__main__")
            except Exception:
                logger.warning(f"figure script {script.name} failed:\n{traceback.format_exc()}")
            finally:
                plt.close("all")
            logger.info(f"figure script {script.name}: {time.perf_counter() - t0:.1f} s")
    finally:
        sys.argv = saved_argv
        sys.path.remove(str(src))


def write_api_pages(app: Sphinx) -> None:
    """One page per public name, for every name that an API section lists or that only the
    ``mgl-api-rest`` tables list."""
    api_dir = Path(app.srcdir) / "api"
    if not api_dir.is_dir():  # a project without an API reference
        return
    entries = [e for page in page_entries(api_dir).values() for e in page]
    if any(".. mgl-api-rest::" in page.read_text(encoding="utf-8") for page in api_dir.glob("*.rst")):
        entries += undocumented(api_dir, namespaces(app.config.mgl_api_namespaces))
    written = write_stubs(api_dir / "generated", entries)
    logger.info(f"API reference: {len(written)} pages")


def api_pages_outdated(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """The API pages are generated from the package: re-read them on every build, since
    Sphinx cannot tell when a docstring or an ``__all__`` changed."""
    return [d for d in env.found_docs if d.startswith("api/") and d not in added | changed]


def public_bases(app: Sphinx, name: str, obj: Any, options: Any, bases: list) -> None:
    """ "Bases:" names public classes only: a private base is replaced by its own bases."""
    out: list = []
    todo = list(bases)
    while todo:
        b = todo.pop(0)
        if getattr(b, "__name__", "").startswith("_"):
            todo[:0] = [c for c in b.__bases__ if c is not object]
        elif b not in out:
            out.append(b)
    bases[:] = out or [object]


def inherited_instance_doc(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list) -> None:
    """An object documented as data (e.g. ``no_autodiff``, an instance) whose own class has no
    docstring gets the first docstring up its class's MRO, instead of an empty entry; a
    method or attribute without a docstring says what it is (``mgl_api.member_doc``)."""
    if what in ("method", "attribute", "property") and not lines:
        lines.extend(member_doc(name, what))
        return
    if what != "data" or lines or inspect.isclass(obj) or inspect.isroutine(obj):
        return
    for cls in type(obj).__mro__:
        if cls is not object and cls.__doc__:
            from sphinx.util.docstrings import prepare_docstring

            lines.extend(prepare_docstring(cls.__doc__))
            return


def data_signature(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, signature: Any, ret: Any
) -> Any:
    """Data, type aliases included (``Shape = tuple[int, ...]``), has no signature. Answering
    first, with an empty (not ``None``) result, keeps the handlers after this one away:
    numpydoc's would find a signature for a callable alias, and autodoc fails to store one
    for data (an IndexError in Sphinx 9)."""
    return () if what == "data" else None


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.autodoc")  # the generated pages are autodoc entries
    app.setup_extension("sphinx.ext.autosummary")
    app.add_config_value("mgl_api_namespaces", [], "env")
    app.add_config_value("mgl_figure_scripts", "figures", "env")
    app.add_config_value("mgl_figure_dir", "_figures", "env")
    app.add_directive("mgl-api", MglApi)
    app.add_directive("mgl-api-rest", MglApiRest)
    app.add_directive("mgl-bench", MglBench)
    app.add_directive("mgl-mygrad-missing", MglMygradMissing)
    app.connect("builder-inited", write_api_pages)
    app.connect("builder-inited", run_figure_scripts)
    app.connect("env-get-outdated", api_pages_outdated)
    app.connect("autodoc-process-bases", public_bases)
    app.connect("autodoc-process-signature", data_signature, priority=100)  # before numpydoc
    app.connect("autodoc-process-docstring", inherited_instance_doc, priority=100)  # before numpydoc
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
