"""Shared fixtures: paths of the committed corpus and test fixtures (no LibreOffice needed)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "corpus"
# ../shared beside the checkout; a git worktree sits deeper (/work/wt/NAME), so look upwards
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus-real").is_dir()), ROOT.parent / "shared")
CORPUS_REAL = SHARED / "corpus-real"


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
