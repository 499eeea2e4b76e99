"""Shared fixtures: paths of the committed corpus and test fixtures (no LibreOffice needed)."""
from __future__ import annotations

from pathlib import Path

import pytest
from paths import CORPUS, FIXTURES

from extract.rules import load_rules


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
