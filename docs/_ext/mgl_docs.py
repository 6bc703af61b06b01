"""A small local Sphinx extension for the mygrad_like docs.

It adds three things, none of which needs the network:

``.. mgl-api:: <module>``
    The API reference of one module, driven by the module's ``__all__``: an autosummary
    table, then the full numpydoc entry of every name. Each name is documented under its
    shortest public path (``mygrad_like.add`` rather than ``mygrad_like.ops.arithmetic.add``),
    so a function added to a module's ``__all__`` appears in the reference without touching
    the docs. Options: ``:names:`` (a subset, in this order), ``:exclude:``, ``:optional:``
    (render a note instead of failing while the module does not exist yet).

``.. mgl-api-rest::``
    Every public name of the namespaces in ``mgl_api_namespaces`` that no ``mgl-api``
    directive in ``api/`` documents, so that nothing public is ever missing from the reference.

``.. mgl-mygrad-missing::``
    The public names of MyGrad (when it is installed) that mygrad_like does not have.

``.. mgl-bench:: <name>``
    The benchmark table ``benchmarks/results/<name>.csv`` (a header row, then rows) or
    ``<name>.txt`` (a script's printed output, shown verbatim), with the command that
    reproduces it (``:command:``). Without a results file, a clearly marked placeholder.

It also runs every ``figures/*.py`` script (not starting with ``_``) when the build starts;
each writes its PNGs into the directory given as its first argument (``_figures/`` in the
source tree, git-ignored), which the guides show with ``.. figure:: /_figures/<name>.png``.
A failing figure script is a build warning, hence an error under ``sphinx-build -W``.
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
    ROOT_PACKAGE,
    mygrad_names_missing,
    render_entries,
    select,
    undocumented,
    words,
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
        "no-summary": directives.flag,
    }

    def run(self) -> list:
        module_name = self.arguments[0]
        names = words(self.options.get("names")) or None
        exclude = tuple(words(self.options.get("exclude")))
        try:
            entries = select(module_name, names, exclude)
        except ImportError:
            if "optional" in self.options:
                para = nodes.paragraph(text=f"{module_name} is not available in this version yet.")
                return [nodes.note("", para)]
            raise self.error(f"mgl-api: cannot import {module_name}") from None
        except ValueError as e:
            raise self.error(f"mgl-api: {e}") from None
        lines = render_entries(entries, summary="no-summary" not in self.options)
        return self.parse_text_to_nodes("\n".join(lines))


class MglApiRest(SphinxDirective):
    has_content = False

    def run(self) -> list:
        self.env.note_dependency(__file__)
        api_dir = Path(self.env.srcdir) / "api"
        for page in api_dir.rglob("*.rst"):
            self.env.note_dependency(str(page))
        rest = undocumented(api_dir, self.config.mgl_api_namespaces)
        if not rest:
            text = "Every public name is documented in one of the sections above."
            return [nodes.paragraph(text=text)]
        return self.parse_text_to_nodes("\n".join(render_entries(rest)))


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
        if csv_path.exists():
            with open(csv_path, newline="", encoding="utf-8") as f:
                rows = [r for r in csv.reader(f) if r]
            out += self._table(rows)
        elif txt_path.exists():
            text = txt_path.read_text(encoding="utf-8").rstrip()
            out.append(nodes.literal_block(text, text))
        else:
            msg = (
                f"Placeholder: no results file benchmarks/results/{name}.csv or .txt in this "
                "checkout yet. Run the command below to get the numbers on your machine."
            )
            out.append(nodes.warning("", nodes.paragraph(text=msg)))
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

    def _table(self, rows: list[list[str]]) -> list:
        header, body = rows[0], rows[1:]
        ncols = len(header)
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

        thead = nodes.thead()
        thead += row(header)
        tbody = nodes.tbody()
        tbody += [row(r) for r in body]
        group += thead
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
            lines.append(f"* ``{ns}``: " + ", ".join(f"``{n}``" for n in sorted(names)))
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


def api_pages_outdated(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    """The API pages are generated from the package: re-read them on every build, since
    Sphinx cannot tell when a docstring or an ``__all__`` changed."""
    return [d for d in env.found_docs if d.startswith("api/") and d not in added | changed]


def purge_api_pages_first(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Forget every API page's objects before reading any of them: a name moving from one
    page to another (e.g. off ``api/other``) is then no duplicate in an incremental build."""
    for docname in docnames:
        if docname.startswith("api/"):
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)


def inherited_instance_doc(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list) -> None:
    """An object documented as data (e.g. ``no_autodiff``, an instance) whose own class has no
    docstring gets the first docstring up its class's MRO, instead of an empty entry."""
    if what != "data" or lines or inspect.isclass(obj) or inspect.isroutine(obj):
        return
    for cls in type(obj).__mro__:
        if cls is not object and cls.__doc__:
            from sphinx.util.docstrings import prepare_docstring

            lines.extend(prepare_docstring(cls.__doc__))
            return


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.autodoc")  # mgl-api writes autodoc and autosummary directives
    app.setup_extension("sphinx.ext.autosummary")
    app.add_config_value("mgl_api_namespaces", [ROOT_PACKAGE], "env")
    app.add_config_value("mgl_figure_scripts", "figures", "env")
    app.add_config_value("mgl_figure_dir", "_figures", "env")
    app.add_directive("mgl-api", MglApi)
    app.add_directive("mgl-api-rest", MglApiRest)
    app.add_directive("mgl-bench", MglBench)
    app.add_directive("mgl-mygrad-missing", MglMygradMissing)
    app.connect("builder-inited", run_figure_scripts)
    app.connect("env-get-outdated", api_pages_outdated)
    app.connect("env-before-read-docs", purge_api_pages_first)
    app.connect("autodoc-process-docstring", inherited_instance_doc, priority=100)  # before numpydoc
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
