"""Load the declarative rules (rules/*.yaml) that drive the pipeline.

The files ship inside the installed package as `extract.rules_data`; `--rules DIR` (or
`load_rules(DIR)`) points at a county's folder. A county file merges over the shipped one key by
key: mappings merge recursively, other values replace, and a key written with a trailing "+"
(`units+: [科室]`) appends to the shipped list instead of replacing it. A key the shipped file
does not have is an error, so a misspelt key is not silently ignored.
Rules are loaded once per run and passed down explicitly: no module-level state.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from extract.geometry import Geometry

T = TypeVar("T")

RULE_FILES = ("status", "columns", "claims", "tolerances", "document", "limits", "geometry", "review", "periods",
              "history", "ocr")


@dataclass(frozen=True)
class Rules:
    status: dict[str, Any]
    columns: dict[str, Any]
    claims: dict[str, Any]
    tolerances: dict[str, Any]
    document: dict[str, Any]
    limits: dict[str, Any]
    geometry: Geometry            # rules/geometry.yaml, validated (extract/geometry.py)
    review: dict[str, Any]
    periods: dict[str, Any]
    history: dict[str, Any]
    ocr: dict[str, Any]

    def tolerance(self, *path: str, default: Any = None) -> Any:
        """A value from tolerances.yaml by key path, or `default` when it is not set."""
        node: Any = self.tolerances or {}
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node


_CHECKOUT_RULES = Path(__file__).resolve().parents[1] / "rules"


def _shipped(name: str) -> str:
    # a source checkout reads its own rules/ beside extract/: an installed zhuanbao (an editable
    # install of another checkout, say) would otherwise hand it rules of another version
    if (_CHECKOUT_RULES.parent / "pyproject.toml").is_file() and (_CHECKOUT_RULES / f"{name}.yaml").is_file():
        return (_CHECKOUT_RULES / f"{name}.yaml").read_text(encoding="utf-8")
    return resources.files("extract.rules_data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


# libyaml's safe loader when PyYAML was built with it (a fifth of the time; the same documents)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(folder: Path | None, name: str) -> dict[str, Any]:
    text = (folder / f"{name}.yaml").read_text(encoding="utf-8") if folder is not None else _shipped(name)
    data = yaml.load(text, Loader=_SAFE_LOADER)
    return data or {}


def _merge(shipped: dict[str, Any], own: dict[str, Any], where: str, open_keys: bool) -> dict[str, Any]:
    """`own` over `shipped`, key by key. Below the top level, mappings are open (a county's new
    status word or claim label is a new key); at the top, an unknown key is a misspelling."""
    merged = dict(shipped)
    for key, value in own.items():
        name, append = (str(key)[:-1], True) if str(key).endswith("+") else (key, False)
        if name not in shipped and not open_keys:
            raise ValueError(f"{where}: unknown key {name!r}")
        base = shipped.get(name)
        if append:
            if not isinstance(base, list) or not isinstance(value, list):
                raise ValueError(f"{where}: {key!r} appends to a list, but {name!r} is not a list")
            merged[name] = base + [v for v in value if v not in base]
        elif isinstance(base, dict) and isinstance(value, dict):
            merged[name] = _merge(base, value, f"{where} {name}", open_keys=True)
        else:
            merged[name] = value
    return merged


# compiled forms of rules mappings, by the mapping's identity (the mapping is kept, so its id is not
# reused): vocabularies and column settings are asked for per table cell, and building or even
# hashing a whole rules file each time cost a third of a bulletin's time
_COMPILED: dict[tuple[Callable[[Any], Any], int], tuple[Any, Any]] = {}


def compiled(mapping: dict[str, Any], build: Callable[[dict[str, Any]], T]) -> T:
    """`build(mapping)`, built once per rules mapping."""
    key = (build, id(mapping))
    hit = _COMPILED.get(key)
    if hit is not None and hit[0] is mapping:
        return hit[1]
    value = build(mapping)
    if len(_COMPILED) >= 64:
        _COMPILED.clear()
    _COMPILED[key] = (mapping, value)
    return value


def shipped_rule(name: str) -> dict[str, Any]:
    """One shipped rules file, parsed."""
    return _read(None, name)


def load_rules(folder: str | Path | None = None) -> Rules:
    """Read every rules file; a county folder's files merge over the shipped ones (see above).

    A bad folder or a file that is not valid YAML raises ValueError with a one-line reason."""
    base = Path(folder) if folder is not None else None
    if base is not None and not base.is_dir():
        raise ValueError(f"rules folder {folder}: not a folder")
    loaded = {}
    for name in RULE_FILES:
        own = base is not None and (base / f"{name}.yaml").exists()
        try:
            shipped = _read(None, name)
            data = _read(base, name) if own else {}
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" line {where.line + 1}" if where is not None else ""
            raise ValueError(f"rules file {name}.yaml{line}: not valid YAML") from None
        if not isinstance(data, dict):
            raise ValueError(f"rules file {name}.yaml: expected a mapping at the top")
        loaded[name] = _merge(shipped, data, f"rules file {name}.yaml", open_keys=False)
    geometry = Geometry.from_mapping(loaded.pop("geometry"))
    return Rules(**loaded, geometry=geometry)
