"""Load the declarative rules (rules/*.yaml) that drive the pipeline.

The files ship inside the installed package as `extract.rules_data`; `--rules DIR` (or
`load_rules(DIR)`) points at a county's folder. A county file merges over the shipped one key by
key: mappings merge recursively, other values replace, and a key written with a trailing "+"
(`units+: [科室]`) appends to the shipped list instead of replacing it. A key the shipped file
does not have is an error at any depth, so a misspelt key is not silently ignored, except in a
mapping tagged `!vocabulary` in the shipped file: its keys are the document's words, so a county's
new key is a new word. Values tagged `!re` are patterns, compiled as the shipped file is read.
The merged file is then built into its typed section (settings/sections.py: `rules.claims.count`,
`rules.tolerances.percent.slack_points`), which checks each value against its field's type (a
number, a list of patterns that compile, a list of mappings with their keys), so no stage reads a key
by its name or meets a value of the wrong kind.
Rules are loaded once per run and passed down explicitly: no module-level state. The stages'
compiled forms of them (the status vocabulary, the claim grammar) live on the object (`Rules.view`).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from extract.settings.geometry import Geometry
from extract.settings.patterns import Pattern, checked_pattern
from extract.settings.sections import (
    ClaimRules,
    ColumnRules,
    DocumentRules,
    HistoryRules,
    LimitRules,
    NumberRules,
    OcrRules,
    PeriodRules,
    ReviewRules,
    StatusRules,
    Tolerances,
    build_section,
)

T = TypeVar("T")

# each rules file and the section it is built into (geometry.yaml's checks itself: Geometry)
SECTIONS: dict[str, type] = {
    "status": StatusRules, "columns": ColumnRules, "claims": ClaimRules, "tolerances": Tolerances,
    "document": DocumentRules, "limits": LimitRules, "review": ReviewRules, "periods": PeriodRules,
    "history": HistoryRules, "ocr": OcrRules, "numbers": NumberRules,
}
RULE_FILES = (*SECTIONS, "geometry")


@dataclass(frozen=True)
class Rules:
    """Every rules file as its typed section (settings/sections.py), and the stages' compiled views."""

    status: StatusRules
    columns: ColumnRules
    claims: ClaimRules
    tolerances: Tolerances
    document: DocumentRules
    limits: LimitRules
    geometry: Geometry            # rules/geometry.yaml, validated (extract/settings/geometry.py)
    review: ReviewRules
    periods: PeriodRules
    history: HistoryRules
    ocr: OcrRules
    numbers: NumberRules          # rules/numbers.yaml: the words that tell a numeral that counts
    # the stages' compiled forms of these rules (the status vocabulary, the claim grammar …), built
    # once per rules object by `view`; not part of what the rules are (pickling, equality, hashing)
    _views: dict[Callable[[Rules], Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def view(self, build: Callable[[Rules], T]) -> T:
        """`build(self)`, once per rules object: a stage's compiled form of its rules is asked for per
        table cell, and building it (or even hashing a rules file) each time cost a third of a
        bulletin's time. `build` is a module-level function, so it names the view."""
        views = self._views
        if build not in views:
            views[build] = build(self)
        value: T = views[build]
        return value

    def sections(self) -> dict[str, Any]:
        """The rules files' sections by file name (without the compiled views)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    def __getstate__(self) -> dict[str, Any]:
        # a worker builds its own views: compiled patterns pickle as their source anyway
        return {**self.__dict__, "_views": {}}


# A source checkout keeps its rules beside extract/ (pyproject maps rules/ to extract.rules_data).
# Run from a checkout that shadows an installed package, its own rules are the ones that go with
# its code: an editable install of another checkout would otherwise serve that checkout's rules.
_CHECKOUT = Path(__file__).resolve().parents[2]


def _shipped(name: str) -> str:
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "rules" / f"{name}.yaml").is_file():
        return (_CHECKOUT / "rules" / f"{name}.yaml").read_text(encoding="utf-8")
    return resources.files("extract.rules_data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


class Vocabulary(dict[str, Any]):
    """A rules mapping whose keys are the document's own words (tagged `!vocabulary`): a county adds
    its words as new keys. Every other mapping is a schema, where a new key is a misspelling."""


# libyaml's safe loader when PyYAML was built with it (a fifth of the time; the same documents)
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_patterns(loader: yaml.SafeLoader, node: yaml.Node) -> Pattern | list[Pattern]:
    where = f"line {node.start_mark.line + 1}"
    if isinstance(node, yaml.SequenceNode):
        return [checked_pattern(item, where) for item in loader.construct_sequence(node)]
    # PyYAML checks the node's kind itself (a mapping tagged !re is its ConstructorError)
    return checked_pattern(loader.construct_scalar(node), where)   # type: ignore[arg-type]


def _construct_vocabulary(loader: yaml.SafeLoader, node: yaml.Node) -> Vocabulary:
    # PyYAML checks the node's kind itself (a list tagged !vocabulary is its ConstructorError)
    return Vocabulary(loader.construct_mapping(node, deep=True))   # type: ignore[arg-type]


_Loader.add_constructor("!re", _construct_patterns)
_Loader.add_constructor("!vocabulary", _construct_vocabulary)


def _read(folder: Path | None, name: str) -> dict[str, Any]:
    text = (folder / f"{name}.yaml").read_text(encoding="utf-8") if folder is not None else _shipped(name)
    if folder is not None:
        # aliases expand without bound: 527 bytes of nested `*a` ("billion laughs") grow to gigabytes
        # once the rules are hashed, so a county's file may not use them (the shipped ones do not)
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line = f" line {event.start_mark.line + 1}" if event.start_mark is not None else ""
                raise ValueError(f"rules file {name}.yaml{line}: YAML aliases (*{event.anchor}) "
                                 "are not allowed in rules")
    try:
        data = yaml.load(text, Loader=_Loader)
    except ValueError as exc:   # a `!re` value of the county's own that does not compile
        raise ValueError(f"rules file {name}.yaml {exc}") from None
    return data or {}


def _merge(shipped: dict[str, Any], own: dict[str, Any], where: str, closed: bool = True) -> dict[str, Any]:
    """`own` over `shipped`, key by key: mappings merge, a `key+` list appends, other values replace.
    A key the shipped mapping lacks is a misspelling (when `closed`), except in a vocabulary (a
    county's new status word is a new key of `status.yaml words`). What each value must be is its
    section's to say (sections.py builds the merged file, field by field)."""
    merged = type(shipped)(shipped)
    open_keys = not closed or isinstance(shipped, Vocabulary)
    for key, value in own.items():
        name, append = (str(key)[:-1], True) if str(key).endswith("+") else (key, False)
        if name not in shipped and not open_keys:
            raise ValueError(f"{where}: unknown key {name!r}")
        base = shipped.get(name)
        if append:
            if not isinstance(base, list):
                raise ValueError(f"{where}: {key!r} appends to a list, but {name!r} is not a list")
            if not isinstance(value, list):
                raise ValueError(f"{where} {key}: must be a list of what to append (not {value!r})")
            merged[name] = base + [v for v in value if v not in base]
        elif isinstance(base, dict) and isinstance(value, dict):
            merged[name] = _merge(base, value, f"{where} {name}", closed)
        else:
            merged[name] = value
    return merged


def shipped_rule(name: str) -> dict[str, Any]:
    """One shipped rules file, parsed."""
    return _read(None, name)


@functools.cache
def default_geometry() -> Geometry:
    """The shipped rules/geometry.yaml (read once per process: it is a constant of the install),
    for callers outside a run; a run passes its rules' own geometry down."""
    return Geometry.from_mapping(shipped_rule("geometry"))


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
        # geometry.py validates its file itself, value by value, with its own messages
        loaded[name] = _merge(shipped, data, f"rules file {name}.yaml", closed=name != "geometry")
    geometry = Geometry.from_mapping(loaded.pop("geometry"))
    rules = Rules(**{name: build_section(cls, loaded[name], f"rules file {name}.yaml")
                     for name, cls in SECTIONS.items()}, geometry=geometry)
    # a number the code divides by: zero or less is no setting (limits.py and geometry.py check theirs)
    if rules.ocr.engine.worker_memory_mb <= 0:
        raise ValueError("rules file ocr.yaml: engine.worker_memory_mb must be a number above 0")
    return rules
