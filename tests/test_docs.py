"""The documentation: it builds with ``sphinx-build -W``, its API reference has a page for
every public name, its pages load nothing from other hosts, and every Python example in the
guides runs and prints what the page says it prints.

The build tests skip when Sphinx (the ``docs`` extra) is not installed; the guide examples
only need the package itself (and scikit-learn where a guide loads a data set).
"""

from __future__ import annotations

import doctest
import html.parser
import importlib
import inspect
import os
import re
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.rst")), *sorted((DOCS / "guides").glob("*.rst"))]
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


NAMESPACES = ["mygrad_like", "mygrad_like.nnet", "mygrad_like.testing", "mygrad_like.random"]


def test_every_public_name_has_a_section_or_the_catch_all_table() -> None:
    """Static check (no Sphinx needed): each public name is on a section page or in the
    tables of the names no section lists (a name added to an ``__all__`` is never lost)."""
    covered = mgl_api.documented_paths(DOCS / "api")
    rest = {path for path, _, _ in mgl_api.undocumented(DOCS / "api", mgl_api.namespaces(NAMESPACES))}
    missing = [
        f"mygrad_like.{n}"
        for n, obj in _public_names("mygrad_like")
        if not inspect.ismodule(obj) and f"mygrad_like.{n}" not in covered | rest
    ]
    assert not missing, f"public names in no API table: {missing}"
    # today every name has a section: the catch-all is for names added later
    assert "mygrad_like.conv_nd" not in rest and "mygrad_like.nnet.conv_nd" in covered


def test_undocumented_lists_what_no_page_covers(tmp_path: Path) -> None:
    (tmp_path / "one.rst").write_text(".. mgl-api:: mygrad_like.ops.trig\n   :exclude: sinc\n")
    rest = {path for path, _, _ in mgl_api.undocumented(tmp_path, ["mygrad_like"])}
    assert "mygrad_like.sinc" in rest and "mygrad_like.exp" in rest
    assert "mygrad_like.sin" not in rest


def test_has_module_looks_in_the_package_itself() -> None:
    assert mgl_api.has_module("mygrad_like.nnet.conv") and mgl_api.has_module("mygrad_like.testing")
    assert not mgl_api.has_module("mygrad_like.no_such_module")
    assert not mgl_api.has_module("numpy.linalg")  # found, but not in the package's folder
    left_out = mgl_api.gallery_left_out()
    assert ("plot_functional_" in left_out) is not mgl_api.has_module("mygrad_like.functional")


def test_namespaces_follow_all_and_skip_missing_modules() -> None:
    found = mgl_api.namespaces(["mygrad_like.testing", "mygrad_like.no_such_module"])
    assert found[0] == "mygrad_like"
    assert {"mygrad_like.nnet", "mygrad_like.random", "mygrad_like.testing"} <= set(found)
    assert "mygrad_like.no_such_module" not in found


def test_stub_pages(tmp_path: Path) -> None:
    """One page per name: a function's autodoc entry; a class with a members table and the
    members it gets from private bases but not those of a documented base; stale pages go."""
    import mygrad_like.nnet as nn

    (tmp_path / "mygrad_like.gone.rst").write_text("stale")
    entries = [
        ("mygrad_like.nnet.conv_nd", nn.conv_nd, False),
        ("mygrad_like.nnet.Conv", nn.Conv, False),
        ("mygrad_like.nnet.Module", nn.Module, False),
        ("mygrad_like.nnet.layers.conv_nd", nn.conv_nd, True),  # a re-export: no page
    ]
    written = mgl_api.write_stubs(tmp_path, entries)
    assert written == ["mygrad_like.nnet.Conv", "mygrad_like.nnet.Module", "mygrad_like.nnet.conv_nd"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{w}.rst" for w in written]
    func = (tmp_path / "mygrad_like.nnet.conv_nd.rst").read_text()
    assert func.startswith("mygrad\\_like.nnet.conv\\_nd\n" + "=" * 26 + "\n")
    assert ".. currentmodule:: mygrad_like.nnet" in func and ".. autofunction:: conv_nd" in func
    cls = (tmp_path / "mygrad_like.nnet.Conv.rst").read_text()
    assert ".. autoclass:: Conv" in cls and ".. autosummary::" in cls
    assert ".. automethod:: Conv.build" in cls  # defined on the class itself
    assert "Conv.parameters" not in cls  # Module's: documented on Module's page
    assert "   ~Module.parameters" in (tmp_path / "mygrad_like.nnet.Module.rst").read_text()


def test_member_doc_fills_undocumented_tensor_members() -> None:
    assert "mygrad_like.sum" in mgl_api.member_doc("mygrad_like.Tensor.sum", "method")[0]
    assert "ndarray.shape" in mgl_api.member_doc("mygrad_like.Tensor.shape", "property")[0]
    # an attribute named like a package function is not its method form
    assert "last backward pass" in mgl_api.member_doc("mygrad_like.Tensor.grad", "attribute")[0]
    assert mgl_api.member_doc("mygrad_like.nnet.Conv.forward_pass_of_nothing", "method") == []


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


# ----------------------------------------------------------------------- benchmark results
def test_parse_results_reads_fixed_width_columns() -> None:
    text = textwrap.dedent(
        """\
        # load average at start: 0.43
        case     pass       ours ms  torch ms  ratio      jax ms  ratio
        -----------------------------------------------------------------
        1d       fwd           1.96      0.86  x0.44         n/a
        2d-64ch  fwd+bwd      47.40       n/a              18.36  x3.35

        max_pool 2x2 / stride 2, ms
        float32  fwd   ours    2.70  torch    5.62 (x2.09)
        float64  fwd   ours    4.15  torch    6.05 (x1.46)

        a note in one line

        $ python bench.py   # 2026-12-02, load 8.85
        numpy 2.4.6, float64

        case                          ratio   t_a (ms)
        jvp / vjp  MLP, x (32,64)      2.38      0.436
        jvp / vjp  conv, x (8,4)       1.48      1.929
        """
    )
    parsed = mgl_api.parse_results(text)
    kinds = ["caption", "table", "caption", "table", "caption", "caption", "caption", "table"]
    assert [kind for kind, _ in parsed] == kinds
    assert parsed[7][1] == (
        ["case", "ratio", "t_a (ms)"],
        [["jvp / vjp  MLP, x (32,64)", "2.38", "0.436"], ["jvp / vjp  conv, x (8,4)", "1.48", "1.929"]],
    )
    header, rows = parsed[1][1]
    assert header == ["case", "pass", "ours ms", "torch ms", "ratio", "jax ms", "ratio"]
    assert rows == [
        ["1d", "fwd", "1.96", "0.86", "x0.44", "n/a", ""],
        ["2d-64ch", "fwd+bwd", "47.40", "n/a", "", "18.36", "x3.35"],
    ]
    header, rows = parsed[3][1]
    assert header == [] and rows[1] == ["float64", "fwd", "ours", "4.15", "torch", "6.05", "(x1.46)"]
    assert parsed[4] == ("caption", "a note in one line")


@pytest.mark.parametrize(
    "path", sorted((ROOT / "benchmarks" / "results").glob("*.txt")), ids=lambda p: p.stem
)
def test_checked_in_results_render_as_tables(path: Path) -> None:
    """Every results file in the checkout becomes at least one table whose rows all have
    the header's number of cells."""
    tables = [v for kind, v in mgl_api.parse_results(path.read_text(encoding="utf-8")) if kind == "table"]
    assert tables, f"{path.name}: no table found"
    for header, rows in tables:
        width = len(header) if header else len(rows[0])
        assert width >= 2 and all(len(r) == width for r in rows)


def test_readme_speed_figures_are_the_results_files() -> None:
    """Every time quoted in the README's speed bullet is a cell of benchmarks/results/ (the
    tables the performance page shows), so the two cannot disagree."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("**Speed where it matters**")
    bullet = readme[start : readme.index("\n\n", start)]
    quoted = re.findall(r"(\d+(?:\.\d+)?) (?:µs|ms)\b", bullet)
    assert len(quoted) >= 4
    cells = set()
    for name in ("overhead", "train_step"):
        path = ROOT / "benchmarks" / "results" / f"{name}.txt"
        if not path.exists():
            pytest.skip(f"no {path.name} in this checkout")
        for kind, value in mgl_api.parse_results(path.read_text(encoding="utf-8")):
            if kind == "table":
                cells.update(c for row in value[1] for c in row)
    assert not [q for q in quoted if q not in cells], f"README times not in the results files: {quoted}"


# ----------------------------------------------------------------------- MyGrad's names
def test_mygrad_names_missing_is_computed() -> None:
    pytest.importorskip("mygrad", reason="MyGrad (in the docs extra) is not installed")
    version, found = mgl_api.mygrad_names_missing()
    import mygrad

    assert version == mygrad.__version__
    for ns, names in found.items():
        theirs = ns.split(" (")[0].removeprefix("modules of ")
        mod = importlib.import_module(theirs)
        for n in names:
            if ns.startswith("modules of "):
                assert n.startswith("mygrad.")
                with pytest.raises(ImportError):
                    importlib.import_module("mygrad_like" + n[len("mygrad") :])
            else:
                assert hasattr(mod, n)
                assert not hasattr(importlib.import_module("mygrad_like" + theirs[len("mygrad") :]), n)


# ----------------------------------------------------------------------- the PyTorch page
def test_pytorch_page_mappings_match_torch() -> None:
    """The conv/pool rows of guides/pytorch_users.rst, against PyTorch itself."""
    torch = pytest.importorskip("torch")
    import numpy as np

    from mygrad_like import nnet

    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(2, 3, 8, 8)), rng.normal(size=(5, 3, 3, 3)), rng.normal(size=5)
    F = torch.nn.functional
    tx, tw, tb = (torch.from_numpy(a) for a in (x, w, b))
    y = nnet.conv_nd(x, w, bias=b, stride=2, padding=1)
    np.testing.assert_allclose(y.data, F.conv2d(tx, tw, bias=tb, stride=2, padding=1).numpy(), atol=1e-10)
    z = nnet.conv_transpose_nd(y, w, stride=2, padding=1, output_padding=1)
    tz = F.conv_transpose2d(torch.from_numpy(y.data), tw, stride=2, padding=1, output_padding=1)
    np.testing.assert_allclose(z.data, tz.numpy(), atol=1e-10)
    np.testing.assert_allclose(nnet.max_pool(x, (2, 2)).data, F.max_pool2d(tx, 2).numpy())
    np.testing.assert_allclose(nnet.avg_pool(x, (2, 2)).data, F.avg_pool2d(tx, 2).numpy(), atol=1e-12)


def _read_inventory(path: Path) -> set[str]:
    """The object names in a Sphinx ``objects.inv`` (version 2: 4 header lines, zlib body)."""
    with open(path, "rb") as f:
        header = [f.readline() for _ in range(4)]
        assert header[0].startswith(b"# Sphinx inventory version 2")
        body = zlib.decompress(f.read()).decode("utf-8")
    return {line.split(" ", 1)[0] for line in body.splitlines() if line.strip()}


@pytest.fixture(scope="module")
def docs_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, Path]:
    for module in ("sphinx", "numpydoc", "matplotlib", "pydata_sphinx_theme", "sphinx_gallery"):
        pytest.importorskip(module, reason="the docs extra is not installed")
    out = tmp_path_factory.mktemp("docs")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q",
           "-d", str(out / "doctrees"), str(DOCS), str(out / "html")]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=ROOT,
                          env={**os.environ, "MPLBACKEND": "Agg"})  # fmt: skip
    return proc, out / "html"


def _built(docs_build: tuple) -> Path:
    proc, html_dir = docs_build
    if proc.returncode != 0:
        pytest.fail(f"sphinx-build -W failed:\n{proc.stderr[-5000:]}")
    return html_dir


def test_sphinx_build_has_no_warnings(docs_build: tuple) -> None:
    html_dir = _built(docs_build)
    assert (html_dir / "index.html").exists()
    assert (html_dir / "api" / "tensor.html").exists()
    for page in ("installation", "faq", "changelog", "guides/pytorch_users", "gallery/index"):
        assert (html_dir / f"{page}.html").exists(), page


def test_built_reference_has_every_public_name(docs_build: tuple) -> None:
    html_dir = _built(docs_build)
    inventory = _read_inventory(html_dir / "objects.inv")
    missing = [
        f"mygrad_like.{n}" for n, _ in _public_names("mygrad_like") if f"mygrad_like.{n}" not in inventory
    ]
    assert not missing, f"public names missing from the built API reference: {missing}"
    testing = [f"mygrad_like.testing.{n}" for n, _ in _public_names("mygrad_like.testing")]
    assert not [t for t in testing if t not in inventory]


def test_every_public_name_has_its_own_page(docs_build: tuple) -> None:
    """A page per function and class, with a [source] link; no private name anywhere in
    the reference's titles, "Bases:" lines or entries."""
    html_dir = _built(docs_build)
    generated = html_dir / "api" / "generated"
    for path in ["mygrad_like.Tensor", "mygrad_like.grad", "mygrad_like.nnet.conv_nd", "mygrad_like.nnet.Conv",
                 "mygrad_like.nnet.max_pool", "mygrad_like.testing.gradcheck", "mygrad_like.sum"]:  # fmt: skip
        page = (generated / f"{path}.html").read_text(encoding="utf-8")
        assert "viewcode-link" in page, f"{path}: no [source] link"
    pages = list(generated.glob("*.html"))
    assert len(pages) >= len(_public_names("mygrad_like")) - 5  # module names have no page
    private = re.compile(r"\b_(?:ConvBase|Pool|Regularized)\b")
    offenders = [p.name for p in pages if private.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"private base classes shown on {offenders}"
    assert not list(generated.glob("*._*.html")) and not list(generated.glob("_*.html"))


def test_main_entry_points_link_each_other(docs_build: tuple) -> None:
    html_dir = _built(docs_build)
    generated = html_dir / "api" / "generated"
    links = {
        "mygrad_like.nnet.conv_nd": ["conv_transpose_nd", "mygrad_like.nnet.Conv", "max_pool", "convolution"],
        "mygrad_like.nnet.max_pool": ["conv_nd", "convolution"],
        "mygrad_like.grad": ["Tensor.backward", "mygrad_like.testing.gradcheck"],
        "mygrad_like.testing.gradcheck": ["mygrad_like.grad", "Tensor.backward", "custom_operations"],
    }
    for page, targets in links.items():
        text = (generated / f"{page}.html").read_text(encoding="utf-8")
        see_also = text[text.index("See also") :]
        for target in targets:
            assert re.search(rf'href="[^"]*{re.escape(target)}[^"]*"', see_also), f"{page} -> {target}"


def test_section_pages_have_summary_tables(docs_build: tuple) -> None:
    html_dir = _built(docs_build)
    text = (html_dir / "api" / "nnet.html").read_text(encoding="utf-8")
    row = re.search(r'href="generated/mygrad_like\.nnet\.conv_nd\.html[^>]*>.*?</tr>', text, re.S)
    assert row and "N-dimensional convolution" in row.group(0)


class _AssetParser(html.parser.HTMLParser):
    """The addresses of the scripts, stylesheets and preloads a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.loads.append(a["src"])
        elif tag == "link" and {"stylesheet", "preload", "modulepreload"} & set((a.get("rel") or "").split()):
            self.loads.append(a.get("href") or "")
        elif tag in ("img", "iframe") and a.get("src"):
            self.loads.append(a["src"])


def test_no_page_loads_anything_from_another_host(docs_build: tuple) -> None:
    html_dir = _built(docs_build)
    remote = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
    offenders = {}
    for page in html_dir.rglob("*.html"):
        parser = _AssetParser()
        parser.feed(page.read_text(encoding="utf-8"))
        bad = [u for u in parser.loads if remote.match(u)]
        if bad:
            offenders[str(page.relative_to(html_dir))] = bad
    assert not offenders, f"pages loading from other hosts: {offenders}"
    # the formulas: MathJax is served from the site itself
    conv = (html_dir / "guides" / "convolution.html").read_text(encoding="utf-8")
    assert '<span class="math' in conv or "\\(" in conv
    assert re.search(r'<script[^>]+src="\.\./_static/mathjax/tex-chtml\.js', conv)
    assert (html_dir / "_static" / "mathjax" / "tex-chtml.js").stat().st_size > 100_000
    assert list((html_dir / "_static" / "mathjax" / "output" / "chtml" / "fonts").rglob("*.woff"))


def test_asset_parser_sees_remote_loads() -> None:
    parser = _AssetParser()
    parser.feed('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" href="//h/y.css">'
                '<link rel="next" href="https://elsewhere/page.html"><script src="_static/z.js"></script>')  # fmt: skip
    assert parser.loads == ["https://cdn.example/x.js", "//h/y.css", "_static/z.js"]


def test_gallery_examples_run_and_download(docs_build: tuple) -> None:
    html_dir = _built(docs_build)
    left_out = tuple(mgl_api.gallery_left_out())  # examples of modules this version lacks
    examples = sorted(
        p.stem for p in (ROOT / "examples").glob("plot_*.py") if not p.name.startswith(left_out)
    )
    assert len(examples) >= 4
    downloads = {p.name for p in (html_dir / "_downloads").rglob("*") if p.is_file()}
    for name in examples:
        page = (html_dir / "gallery" / f"{name}.html").read_text(encoding="utf-8")
        assert f"{name}.py" in downloads and f"{name}.ipynb" in downloads, name
        assert "sphx-glr-single-img" in page or "sphx-glr-multi-img" in page, f"{name}: no figure"
    digits = (html_dir / "gallery" / "plot_digits_cnn.html").read_text(encoding="utf-8")
    assert "test accuracy:" in digits


def test_training_guide_quotes_the_demo_run(docs_build: tuple) -> None:
    """The demo's accuracy stated in the training guide is the one its build-time run printed."""
    _built(docs_build)
    printed = (DOCS / "_figures" / "digits_demo.txt").read_text(encoding="utf-8")
    guide = (DOCS / "guides" / "training_a_cnn.rst").read_text(encoding="utf-8")
    m = re.search(r"gets (\d+) of the\s+(\d+) held-out images right \(([\d.]+)%\)", guide)
    assert m, "the guide no longer states the demo's accuracy"
    right, total, percent = m.groups()
    assert f"test accuracy: {percent}% ({right}/{total})" in printed
    assert "confusion matrix of the held-out images" in printed and "\r" not in printed


def test_migration_guide_lists_mygrad_names(docs_build: tuple) -> None:
    pytest.importorskip("mygrad", reason="MyGrad (in the docs extra) is not installed")
    html_dir = _built(docs_build)
    text = (html_dir / "guides" / "migrating_from_mygrad.html").read_text(encoding="utf-8")
    assert "Computed when these docs were built, against MyGrad" in text
    assert "``" not in re.sub(r"<pre.*?</pre>", "", text, flags=re.S)  # no nested-markup leftovers


def test_search_finds_pytorch_names(docs_build: tuple) -> None:
    """A PyTorch user searching for "conv2d" or "zero_grad" finds the PyTorch page."""
    import json

    html_dir = _built(docs_build)
    text = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for term in ("conv2d", "conv_transpose2d", "max_pool2d", "no_grad", "zero_grad"):
        hits = []
        for where in ("terms", "titleterms"):  # the search looks in both
            found = index[where].get(term)
            hits += [found] if isinstance(found, int) else found or []
        assert "guides/pytorch_users" in [index["docnames"][i] for i in hits], term


def test_figures_are_built(docs_build: tuple) -> None:
    html_dir = _built(docs_build)
    scripts = [p for p in (DOCS / "figures").glob("*.py") if not p.name.startswith("_")]
    pngs = list((html_dir / "_images").glob("*.png"))
    assert len(pngs) >= len(scripts) > 0


def test_api_directive_pages_and_repeated_names(tmp_path: Path) -> None:
    """A small reference built with -W: each listed name gets its own page (and no other
    name does: without an ``mgl-api-rest`` table the rest gets none), a name may be listed
    twice, and the summary rows link to the page."""
    pytest.importorskip("sphinx", reason="the docs extra is not installed")
    pytest.importorskip("numpydoc", reason="the docs extra is not installed")
    from sphinx.cmd.build import build_main

    src = tmp_path / "docs"
    (src / "api").mkdir(parents=True)
    (src / "nofigures").mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(DOCS / '_ext')!r})\nsys.path.insert(0, {str(ROOT)!r})\n"
        "extensions = ['numpydoc', 'mgl_docs']\nmgl_figure_scripts = 'nofigures'\n"
        "numpydoc_show_class_members = False\n"
    )
    (src / "index.rst").write_text("Top\n===\n\n.. toctree::\n\n   api/trig\n")
    (src / "api" / "trig.rst").write_text(
        "Trig\n====\n\n.. mgl-api:: mygrad_like.ops.trig\n   :names: sin cos\n\n"
        "Again\n-----\n\n.. mgl-api:: mygrad_like.ops.trig\n   :names: sin\n"
    )
    assert build_main(["-W", "-q", "-b", "html", str(src), str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (src / "api" / "generated").iterdir()) == [
        "mygrad_like.cos.rst",
        "mygrad_like.sin.rst",
    ]
    page = (tmp_path / "out" / "api" / "trig.html").read_text(encoding="utf-8")
    assert page.count('href="generated/mygrad_like.sin.html') >= 2
    assert (tmp_path / "out" / "api" / "generated" / "mygrad_like.sin.html").exists()


def test_bench_directive_renders_results_or_placeholder(tmp_path: Path) -> None:
    """``mgl-bench`` shows a .csv as a table, a .txt's columns as tables, and a placeholder
    otherwise."""
    pytest.importorskip("sphinx", reason="the docs extra is not installed")
    from sphinx.cmd.build import build_main

    src = tmp_path / "docs"
    results = tmp_path / "benchmarks" / "results"
    results.mkdir(parents=True)
    src.mkdir()
    (results / "table.csv").write_text("library,us/op\nmygrad_like,4.5\nmygrad,13.8\n")
    (results / "printed.txt").write_text(
        "timing of things\nlibrary   us/op\nnumpy      0.66\nmygrad     13.80\n"
    )
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(DOCS / '_ext')!r})\nextensions = ['mgl_docs']\n"
        "mgl_figure_scripts = 'nofigures'\n"
    )
    (src / "nofigures").mkdir()
    (src / "index.rst").write_text(
        "Bench\n=====\n\n.. mgl-bench:: table\n   :command: python a.py\n\n"
        ".. mgl-bench:: printed\n\n.. mgl-bench:: missing\n   :command: python b.py\n"
    )
    assert build_main(["-W", "-q", "-b", "xml", str(src), str(tmp_path / "out")]) == 0
    xml = (tmp_path / "out" / "index.xml").read_text()
    assert xml.count("<table") == 2, "the .csv and the .txt each give a table"
    assert "<paragraph>timing of things</paragraph>" in xml and "<paragraph>0.66</paragraph>" in xml
    assert "13.8" in xml and "python a.py" in xml
    assert "Placeholder: no results file benchmarks/results/missing.csv" in xml and "python b.py" in xml
