"""The documentation: it builds with ``sphinx-build -W``, its API reference lists every public
name, and every Python example in the guides runs and prints what the page says it prints.

The build tests skip when Sphinx (the ``docs`` extra) is not installed; the guide examples
only need the package itself (and scikit-learn where a guide loads a data set).
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import re
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [DOCS / "index.rst", *sorted((DOCS / "guides").glob("*.rst"))]
SKIP_MARK = ".. docs-test: skip"  # an reST comment: the next Python block is shown, not run
REQUIRES = re.compile(r"^\.\. docs-test: requires (.+)$", re.M)  # a page's optional dependencies

sys.path.insert(0, str(DOCS / "_ext"))
import mgl_api  # noqa: E402  (the pure-Python half of the docs extension: no Sphinx needed)

sys.path.remove(str(DOCS / "_ext"))


# ----------------------------------------------------------------------- extracting examples
def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


_CODE_DIRECTIVE = re.compile(r"\s*\.\. (?:code-block|code|sourcecode)::\s*(\w+)\s*$")


def extract_examples(text: str) -> list[tuple[int, str, str]]:
    """The Python examples of an reST page in order: ``(line, kind, source)``.

    ``kind`` is ``"doctest"`` for ``>>>`` examples (doctest blocks, or code blocks that start
    with ``>>>``), whose printed output is checked, and ``"exec"`` for a plain
    ``.. code-block:: python``. A block right after a ``.. docs-test: skip`` comment is left out.
    """
    lines = text.splitlines()
    chunks: list[tuple[int, str, str]] = []
    skip_next = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == SKIP_MARK:
            skip_next = True
            i += 1
            continue
        m = _CODE_DIRECTIVE.match(line)
        if m:
            indent = _indent(line)
            i += 1
            while i < len(lines) and lines[i].strip().startswith(":") and _indent(lines[i]) > indent:
                i += 1  # directive options
            while i < len(lines) and not lines[i].strip():
                i += 1
            start = i + 1  # 1-based line of the block's first line
            body = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > indent):
                body.append(lines[i])
                i += 1
            source = textwrap.dedent("\n".join(body)).strip("\n")
            if m.group(1) in ("python", "py", "python3", "pycon") and source:
                if not skip_next:
                    kind = "doctest" if source.lstrip().startswith(">>>") else "exec"
                    chunks.append((start, kind, source + "\n"))
                skip_next = False
            continue
        if line.lstrip().startswith(">>>"):  # an reST doctest block: runs to the next blank line
            start = i + 1
            body = []
            while i < len(lines) and lines[i].strip():
                body.append(lines[i])
                i += 1
            if not skip_next:
                chunks.append((start, "doctest", textwrap.dedent("\n".join(body)) + "\n"))
            skip_next = False
            continue
        i += 1
    return chunks


def run_examples(chunks: list[tuple[int, str, str]], name: str) -> list[str]:
    """Run the chunks in order in one namespace; a list of failure reports (empty: all passed)."""
    globs: dict = {"__name__": f"docs:{name}"}
    parser = doctest.DocTestParser()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    failures: list[str] = []
    for lineno, kind, source in chunks:
        if kind == "exec":
            try:
                exec(compile(source, f"{name}:{lineno}", "exec"), globs)  # noqa: S102
            except Exception as e:  # report and stop: later blocks depend on this one
                failures.append(
                    f"{name}, code block at line {lineno} raised {type(e).__name__}: {e}\n{source}"
                )
                break
            continue
        test = parser.get_doctest(source, globs, name, name, lineno - 1)
        report: list[str] = []
        runner = doctest.DocTestRunner(optionflags=flags)
        runner.run(test, out=report.append, clear_globs=False)
        globs.update(test.globs)
        if runner.failures:
            failures.append("".join(report))
    return failures


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = page.read_text(encoding="utf-8")
    for modules in REQUIRES.findall(text):
        for module in modules.split():
            pytest.importorskip(module, reason=f"{page.name} needs {module}")
    chunks = extract_examples(text)
    monkeypatch.chdir(tmp_path)  # examples that save files write them here
    failures = run_examples(chunks, page.relative_to(DOCS).as_posix())
    assert not failures, "\n\n".join(failures)


def test_extractor_finds_and_runner_checks() -> None:
    page = textwrap.dedent(
        """\
        Title
        =====

        .. code-block:: python
           :caption: a caption

           a = 2
           b = a + 1

        >>> b * 2
        6

        .. docs-test: skip

        .. code-block:: python

           raise RuntimeError("never run")

        .. code-block:: bash

           echo shell is not Python

        * a list item whose example is indented:

          >>> b
          4
        """
    )
    chunks = extract_examples(page)
    assert [(k, s.split()[0]) for _, k, s in chunks] == [
        ("exec", "a"),
        ("doctest", ">>>"),
        ("doctest", ">>>"),
    ]
    assert chunks[0][0] == 7  # the line of the first statement
    failures = run_examples(chunks, "synthetic.rst")
    assert len(failures) == 1 and "Expected:\n    4\nGot:\n    3" in failures[0]


def test_code_block_error_is_reported() -> None:
    failures = run_examples([(3, "exec", "x = 1 / 0\n"), (9, "doctest", ">>> x\n1\n")], "p.rst")
    assert len(failures) == 1 and "line 3 raised ZeroDivisionError" in failures[0]


# ----------------------------------------------------------------------- the API reference
def _public_names(module_name: str) -> list[tuple[str, object]]:
    ns = importlib.import_module(module_name)
    return [(n, getattr(ns, n)) for n in ns.__all__]


def test_api_pages_cover_every_public_name() -> None:
    """Static check (no Sphinx needed): the ``mgl-api`` directives list every public name."""
    covered = mgl_api.documented_paths(DOCS / "api")
    missing = [
        f"mygrad_like.{n}"
        for n, obj in _public_names("mygrad_like")
        if not inspect.ismodule(obj) and f"mygrad_like.{n}" not in covered
    ]
    # anything missing is still documented, on the catch-all page; this test asks for a group
    assert not missing, f"public names on no API group page (only on api/other): {missing}"


def test_undocumented_lists_what_no_page_covers(tmp_path: Path) -> None:
    (tmp_path / "one.rst").write_text(".. mgl-api:: mygrad_like.ops.trig\n   :exclude: sinc\n")
    rest = {path for path, _, _ in mgl_api.undocumented(tmp_path, ["mygrad_like"])}
    assert "mygrad_like.sinc" in rest and "mygrad_like.exp" in rest
    assert "mygrad_like.sin" not in rest


def test_every_public_function_has_examples() -> None:
    """Every function in the API reference has an Examples section (run by the doctests);
    the demo program's functions are exempt (running them trains a network)."""
    lacking = []
    for path in sorted(mgl_api.documented_paths(DOCS / "api")):
        module_name, _, name = path.rpartition(".")
        if module_name == "mygrad_like.demo":
            continue
        obj = getattr(importlib.import_module(module_name), name)
        if inspect.isroutine(obj) and ">>>" not in (inspect.getdoc(obj) or ""):
            lacking.append(f"{obj.__module__}.{obj.__qualname__}")
    assert not lacking, f"public functions without an Examples section: {sorted(set(lacking))}"


def _read_inventory(path: Path) -> set[str]:
    """The object names in a Sphinx ``objects.inv`` (version 2: 4 header lines, zlib body)."""
    with open(path, "rb") as f:
        header = [f.readline() for _ in range(4)]
        assert header[0].startswith(b"# Sphinx inventory version 2")
        body = zlib.decompress(f.read()).decode("utf-8")
    return {line.split(" ", 1)[0] for line in body.splitlines() if line.strip()}


@pytest.fixture(scope="module")
def docs_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    pytest.importorskip("sphinx", reason="the docs extra is not installed")
    pytest.importorskip("numpydoc", reason="the docs extra is not installed")
    pytest.importorskip("matplotlib", reason="the docs extra is not installed")
    out = tmp_path_factory.mktemp("docs")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q",
           "-d", str(out / "doctrees"), str(DOCS), str(out / "html")]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=ROOT,
                          env={**__import__("os").environ, "MPLBACKEND": "Agg"})  # fmt: skip
    return proc, out / "html"


def test_sphinx_build_has_no_warnings(docs_build: tuple) -> None:
    proc, html = docs_build
    assert proc.returncode == 0, f"sphinx-build -W failed:\n{proc.stderr[-5000:]}"
    assert (html / "index.html").exists()
    assert (html / "api" / "tensor.html").exists()


def test_built_reference_has_every_public_name(docs_build: tuple) -> None:
    _, html = docs_build
    inventory = _read_inventory(html / "objects.inv")
    missing = [
        f"mygrad_like.{n}" for n, _ in _public_names("mygrad_like") if f"mygrad_like.{n}" not in inventory
    ]
    assert not missing, f"public names missing from the built API reference: {missing}"
    testing = [f"mygrad_like.testing.{n}" for n, _ in _public_names("mygrad_like.testing")]
    assert not [t for t in testing if t not in inventory]


def test_figures_are_built(docs_build: tuple) -> None:
    _, html = docs_build
    scripts = [p for p in (DOCS / "figures").glob("*.py") if not p.name.startswith("_")]
    pngs = list((html / "_images").glob("*.png"))
    assert len(pngs) >= len(scripts) > 0


def test_bench_directive_renders_results_or_placeholder(tmp_path: Path) -> None:
    """``mgl-bench`` shows a .csv as a table, a .txt verbatim, and a placeholder otherwise."""
    pytest.importorskip("sphinx", reason="the docs extra is not installed")
    from sphinx.cmd.build import build_main

    src = tmp_path / "docs"
    results = tmp_path / "benchmarks" / "results"
    results.mkdir(parents=True)
    src.mkdir()
    (results / "table.csv").write_text("library,us/op\nmygrad_like,4.5\nmygrad,13.8\n")
    (results / "printed.txt").write_text("library   us/op\nnumpy      0.66\n")
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(DOCS / '_ext')!r})\nextensions = ['mgl_docs']\n"
    )
    (src / "index.rst").write_text(
        "Bench\n=====\n\n.. mgl-bench:: table\n   :command: python a.py\n\n"
        ".. mgl-bench:: printed\n\n.. mgl-bench:: missing\n   :command: python b.py\n"
    )
    assert build_main(["-W", "-q", "-b", "text", str(src), str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "index.txt").read_text()
    assert "mygrad_like" in text and "13.8" in text and "python a.py" in text
    assert "numpy      0.66" in text
    assert "Placeholder: no results file benchmarks/results/missing.csv" in text and "python b.py" in text
