"""Sphinx configuration for the mygrad_like docs.

Build (from the repository root; warnings are errors):

    pip install -e ".[docs]"
    python -m sphinx -W --keep-going -b html docs docs/_build/html

Everything the build needs is local: no extension fetches anything from the network.
The figures in the convolution guide are drawn by the scripts in ``docs/figures/`` at the
start of every build (see ``_ext/mgl_docs.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))  # the package itself, when it is not installed

import mygrad_like  # noqa: E402

project = "mygrad_like"
author = "the mygrad_like developers"
copyright = "the mygrad_like developers"  # noqa: A001
release = mygrad_like.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "mgl_docs",
]

root_doc = "index"
exclude_patterns = ["_build", "figures", "_ext", "**/.ipynb_checkpoints"]
templates_path: list[str] = []

# --- API reference -------------------------------------------------------------------
autosummary_generate = False  # the mgl-api directive writes the entries on the group pages
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc Parameters section says it better
autodoc_default_options = {"exclude-members": "__init__, __weakref__, __dict__, __slots__"}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()
# the namespaces whose public names must all be in the reference (see api/other.rst)
mgl_api_namespaces = [
    "mygrad_like",
    "mygrad_like.random",
    "mygrad_like.nnet",
    "mygrad_like.testing",
]

# --- HTML --------------------------------------------------------------------------------
html_theme = "alabaster"
html_title = f"mygrad_like {release}"
html_theme_options = {
    "description": "Reverse-mode autodiff on NumPy, with N-dimensional convolution",
    "fixed_sidebar": True,
    "page_width": "1100px",
    "sidebar_width": "240px",
}
html_sidebars = {"**": ["about.html", "navigation.html", "relations.html", "searchbox.html"]}
html_show_sourcelink = False
pygments_style = "sphinx"
