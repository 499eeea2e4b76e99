"""Where the committed corpus, the test fixtures and ../shared are: imported by conftest and the
tests alike (tests/ is on pytest's pythonpath, so `from paths import CORPUS` works in every import mode)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "corpus"
# ../shared beside the checkout; a git worktree sits deeper (/work/wt/NAME), so look upwards
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpus-real").is_dir()), ROOT.parent / "shared")
CORPUS_REAL = SHARED / "corpus-real"


def checkout_env() -> dict[str, str]:
    """The environment for a Python child process of a test: it imports this checkout's extract and
    the test helpers, not an installed (maybe older) zhuanbao, whatever the working folder."""
    inherited = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests"), *([inherited] if inherited else [])])}


def as_a_terminal_job() -> None:
    """preexec_fn for a child started as a terminal starts a job: SIGINT, SIGTERM and SIGHUP at their
    default dispositions. A runner that ignores them (a background job of a non-interactive shell
    ignores SIGINT) would otherwise hand that on, and the CLI rightly keeps a signal it inherits
    ignored (nohup), so a signal test would pass or fail by how the suite was started."""
    import signal

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def missing_distributions(pyproject: Path = ROOT / "pyproject.toml", extras: tuple[str, ...] = ("test",)) -> list[str]:
    """The distributions pyproject.toml asks for (dependencies and the given extras, this project's
    own name aside) that the running Python does not have installed."""
    import tomllib
    from importlib.metadata import PackageNotFoundError, version

    from packaging.requirements import Requirement

    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    wanted = list(project.get("dependencies", []))
    for extra in extras:
        wanted += project.get("optional-dependencies", {}).get(extra, [])
    missing = []
    for line in wanted:
        name = Requirement(line).name
        if name == project["name"]:
            continue
        try:
            version(name)
        except PackageNotFoundError:
            missing.append(name)
    return missing
