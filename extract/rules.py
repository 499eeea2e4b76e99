"""Load the declarative rules (rules/*.yaml) that drive the pipeline.

The files ship inside the installed package as `extract.rules_data`; `--rules DIR` (or
`load_rules(DIR)`) points at another folder, so a county can carry its own wording.
Rules are loaded once per run and passed down explicitly: no module-level state.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

RULE_FILES = ("status", "columns", "claims", "tolerances", "document", "ocr")


@dataclass(frozen=True)
class Rules:
    status: dict[str, Any]
    columns: dict[str, Any]
    claims: dict[str, Any]
    tolerances: dict[str, Any]
    document: dict[str, Any]
    ocr: dict[str, Any]

    def tolerance(self, *path: str, default: Any = None) -> Any:
        """A value from tolerances.yaml by key path, or `default` when it is not set."""
        node: Any = self.tolerances or {}
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node


def _shipped(name: str) -> str:
    try:
        return resources.files("extract.rules_data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        # running from a source checkout that shadows the installed package: rules/ is beside extract/
        return (Path(__file__).resolve().parents[1] / "rules" / f"{name}.yaml").read_text(encoding="utf-8")


def _read(folder: Path | None, name: str) -> dict[str, Any]:
    text = (folder / f"{name}.yaml").read_text(encoding="utf-8") if folder is not None else _shipped(name)
    data = yaml.safe_load(text)
    return data or {}


def load_rules(folder: str | Path | None = None) -> Rules:
    """Read every rules file; a missing file in a custom folder falls back to the shipped one.

    A bad folder or a file that is not valid YAML raises ValueError with a one-line reason."""
    base = Path(folder) if folder is not None else None
    if base is not None and not base.is_dir():
        raise ValueError(f"rules folder {folder}: not a folder")
    loaded = {}
    for name in RULE_FILES:
        own = base is not None and (base / f"{name}.yaml").exists()
        try:
            loaded[name] = _read(base if own else None, name)
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" line {where.line + 1}" if where is not None else ""
            raise ValueError(f"rules file {name}.yaml{line}: not valid YAML") from None
        if not isinstance(loaded[name], dict):
            raise ValueError(f"rules file {name}.yaml: expected a mapping at the top")
    return Rules(**loaded)
