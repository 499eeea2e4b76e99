"""Shared fixtures: paths of the committed corpus and test fixtures (no LibreOffice needed)."""
from __future__ import annotations

import sys
from pathlib import Path

# What pyproject's `pythonpath` says (the checkout, then tests/), again for a run that ignores the
# project's configuration (`-c /dev/null --import-mode=importlib`): pytest loads this file first.
for _folder in (Path(__file__).resolve().parent, Path(__file__).resolve().parents[1]):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

import pytest  # noqa: E402
from paths import CORPUS, FIXTURES  # noqa: E402

from extract.rules import load_rules  # noqa: E402


@pytest.fixture(scope="session")
def rules():
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
