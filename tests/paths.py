"""Where the committed corpus, the test fixtures and ../shared are: imported by conftest and the
tests alike (tests/ is on pytest's pythonpath, so `from paths import CORPUS` works in every import mode)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "corpus"
# ../shared beside the checkout; a git worktree sits deeper (/work/wt/NAME), so look upwards
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus-real").is_dir()), ROOT.parent / "shared")
CORPUS_REAL = SHARED / "corpus-real"
