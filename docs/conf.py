"""Sphinx configuration for the mygrad_like docs.

Build (from the repository root; warnings are errors):

    pip install -e ".[docs]"
    python -m sphinx -W --keep-going -b html docs docs/_build/html

Everything the build needs is local, and so is everything a built page loads: the theme's
assets and a packaged copy of MathJax are copied into the site (no CDN). The figures in the
guides are drawn by the scripts in ``docs/figures/`` at the start of every build, the one
page per API name is written into ``api/generated/`` (see ``_ext/mgl_docs.py``), and the
examples in ``examples/`` are run into the gallery (``gallery/``) by sphinx-gallery.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent))  # the package itself, when it is not installed

import mgl_api  # noqa: E402

import mygrad_like  # noqa: E402

project = "mygrad_like"
author = "the mygrad_like developers"
copyright = "the mygrad_like developers"  # noqa: A001
release = mygrad_like.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.viewcode",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # serves MathJax 3 from _static/mathjax instead of a CDN
    "sphinx_gallery.gen_gallery",
    "numpydoc",
    "mgl_docs",
]

root_doc = "index"
exclude_patterns = [
    "_build",
    "figures",
    "_ext",
    "**/.ipynb_checkpoints",
    "gallery/*.ipynb",
    "**sg_execution_times.rst",  # sphinx-gallery's timing pages (off: they load from a CDN)
]
templates_path: list[str] = []
highlight_language = "text"  # a bare ``::`` block is text; Python blocks say so

# --- API reference -------------------------------------------------------------------
# mgl_docs writes one page per public name into api/generated/ (autosummary's tables link
# to them); autosummary's own generator is off because it cannot follow ``__all__`` to the
# shortest public path of a name.
autosummary_generate = False
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc Parameters section says it better
autodoc_default_options = {"exclude-members": "__init__, __weakref__, __dict__, __slots__"}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()
# namespaces whose public names must all be in the reference, besides the package and the
# modules its __all__ lists; those that do not exist in this version are skipped
mgl_api_namespaces = [
    "mygrad_like.testing",
    "mygrad_like.nnet",
    "mygrad_like.nnet.layers",
    "mygrad_like.random",
    "mygrad_like.linalg",
    "mygrad_like.functional",
    "mygrad_like.ufuncs",
    "mygrad_like.typing",
    "mygrad_like.errors",
    "mygrad_like.computational_graph",
]

# --- example gallery -----------------------------------------------------------------
# an example of a module that this version does not have is left out of the gallery
sphinx_gallery_conf = {
    "ignore_pattern": "|".join([r"__init__\.py", *mgl_api.gallery_left_out()]),
    "examples_dirs": str(HERE.parent / "examples"),
    "gallery_dirs": "gallery",
    "filename_pattern": r"/plot_",  # every plot_*.py runs at build time
    "within_subsection_order": "FileNameSortKey",
    "download_all_examples": False,
    "remove_config_comments": True,
    "show_memory": False,
    "min_reported_time": 1,
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "reference_url": {},
    "backreferences_dir": None,
    "write_computation_times": False,  # its page loads scripts from a CDN
}

# --- HTML --------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"mygrad_like {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navbar_align": "left",
    "header_links_before_dropdown": 6,
    "secondary_sidebar_items": {"**": ["page-toc"], "guides/performance": []},
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "use_edit_page_button": False,
    "pygments_light_style": "tango",
    "pygments_dark_style": "monokai",
}
# pages without sub-pages get the whole width (the benchmark tables need it)
html_sidebars = {p: [] for p in ["index", "installation", "faq", "changelog", "guides/performance"]}
html_static_path = ["_static"]
html_css_files = ["mgl.css"]
html_show_sourcelink = False
