"""Shared fixtures: paths of the committed corpus and test fixtures (no LibreOffice needed)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# the cache's signing key (extract/run/cache.py key_file) of the test run, never the user's own; set
# before any worker starts, so they all sign with it
os.environ.setdefault("ZHUANBAO_KEY_DIR", tempfile.mkdtemp(prefix="zhuanbao-test-key-"))

# What pyproject's `pythonpath` says (the checkout, then tests/), again for a run that ignores the
# project's configuration (`-c /dev/null --import-mode=importlib`): pytest loads this file first.
for _folder in (Path(__file__).resolve().parent, Path(__file__).resolve().parents[1]):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

import pytest  # noqa: E402
from paths import CORPUS, FIXTURES, missing_distributions  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """One clear line, not one ImportError per test module, when the tests run under a Python that
    lacks the project's dependencies (a system `pytest` outside the project's venv)."""
    missing = missing_distributions(extras=("test", "serve"))
    if missing:
        raise pytest.UsageError(
            f"the tests need zhuanbao's dependencies, and {sys.executable} lacks {', '.join(missing)}: "
            f"install them with `pip install '.[test]'` (README: Install and pass the tests)")



@pytest.fixture(scope="session")
def rules():
    from extract.settings.rules import load_rules  # here, not at import: pytest_configure checks the dependencies first

    return load_rules()


@pytest.fixture(scope="session")
def mini_pdf() -> Path:
    return FIXTURES / "mini-bulletin.pdf"


@pytest.fixture(scope="session")
def mini_docx() -> Path:
    return FIXTURES / "mini-bulletin.docx"


@pytest.fixture(scope="session")
def reference_pdf() -> Path:
    return CORPUS / "pdf" / "fenghuang-2023-13.pdf"


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, through playwright (tests/browsers.py); skipped without playwright."""
    from browsers import CHROMIUM, FLAGS

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
