"""Helpers of the serve tests: what `zhuanbao check --json` says of a file, and its shown findings."""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

from extract.cli import main


def check_json(path: Path) -> dict[str, Any]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["check", str(path), "--json"])
    return json.loads(buffer.getvalue())


def shown(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings a reviewer is shown (error and warning; the info lines are folded apart)."""
    return [f for f in findings if f["severity"] != "info"]
