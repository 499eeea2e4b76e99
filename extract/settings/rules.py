"""Load the declarative rules (rules/*.yaml) that drive the pipeline.

The files ship inside the installed package as `extract.rules_data`; `--rules DIR` (or
`load_rules(DIR)`) points at a county's folder. A county file merges over the shipped one key by
key: mappings merge recursively, other values replace, and a key written with a trailing "+"
(`units+: [科室]`) appends to the shipped list instead of replacing it. A key the shipped file
does not have is an error at any depth, so a misspelt key is not silently ignored; a value must be of
the shipped value's kind (a list's items like the shipped items, a list of mappings keyed like them).
Two YAML tags in the shipped files say more: `!re` marks a pattern (a county's value there must
compile), `!vocabulary` a mapping keyed by the document's words (where a county's new key is a new
word, not a misspelling).
The merged file is then built into its typed section (settings/sections.py: `rules.claims.count`,
`rules.tolerances.percent.slack_points`), so no stage reads a key by its name.
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

import regex
import yaml

from extract.settings.geometry import Geometry
from extract.settings.patterns import Pattern
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


def _pattern(value: Any, where: str) -> Pattern:
    if not isinstance(value, str):
        raise ValueError(f"{where}: must be a pattern (a text), not {_kind(value) or 'empty'}")
    try:
        regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"{where}: not a valid pattern ({' '.join(str(exc).split())})") from None
    return Pattern(value)


def _construct_patterns(loader: yaml.SafeLoader, node: yaml.Node) -> Pattern | list[Pattern]:
    where = f"line {node.start_mark.line + 1}"
    if isinstance(node, yaml.SequenceNode):
        return [_pattern(item, where) for item in loader.construct_sequence(node)]
    # PyYAML checks the node's kind itself (a mapping tagged !re is its ConstructorError)
    return _pattern(loader.construct_scalar(node), where)   # type: ignore[arg-type]


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


def _kind(value: Any) -> str | None:
    """What a rules value is, as far as the code reading it cares (None: no kind to keep)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "number"
    for kind, name in ((str, "text"), (list, "list"), (dict, "mapping")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _check_kind(value: Any, like: str | None, where: str) -> None:
    """A county's value must be of the kind the shipped file has there (a template a list of texts,
    a limit a number): the code reading it would fail on another, mid-run, file after file."""
    if like is not None and _kind(value) != like:
        raise ValueError(f"{where}: must be a {like}, as in the shipped file (not {_kind(value) or 'empty'})")


class _ItemShape(dict[str, Any]):
    """What each mapping in a shipped list of mappings looks like: every key any item has (with the
    first such item's value as its model), and `required`, the keys every item has."""

    required: frozenset[str] = frozenset()


def _model_of(values: list[Any]) -> Any:
    """What each of `values` (a shipped list's items, a vocabulary's entries) is like, for checking a
    county's: None when they are not all of one kind (a `~` among texts: nothing to keep); for
    lists, one list of all their items; for mappings, their shape."""
    if not values or len({_kind(v) for v in values}) != 1:
        return None
    if isinstance(values[0], dict):
        shape = _ItemShape()
        for value in values:
            for key, item in value.items():
                shape.setdefault(key, item)
        shape.required = frozenset.intersection(*(frozenset(v) for v in values))
        return shape
    if isinstance(values[0], list):
        return [item for value in values for item in value]
    return values[0]


def _conform(value: Any, model: Any, where: str) -> Any:
    """A county's `value` where the shipped file has `model`: of the same kind, a pattern where the
    model is one, a list's items like the model's items, a mapping's keys known, at any depth."""
    if isinstance(model, Pattern):
        return _pattern(value, where)
    _check_kind(value, _kind(model), where)
    if isinstance(model, list):
        item_model = _model_of(model)
        return [_conform(item, item_model, f"{where} item {item!r}") for item in value]
    if isinstance(model, _ItemShape):
        missing = sorted(model.required - set(value))
        if missing:
            raise ValueError(f"{where}: missing key {missing[0]!r}")
        unknown = [key for key in value if key not in model]
        if unknown:
            raise ValueError(f"{where}: unknown key {unknown[0]!r}")
        return {key: _conform(item, model[key], f"{where} {key}") for key, item in value.items()}
    if isinstance(model, dict):
        return _merge(model, value, where)
    return value


def _merge(shipped: dict[str, Any], own: dict[str, Any], where: str) -> dict[str, Any]:
    """`own` over `shipped`, key by key: a key the shipped mapping lacks is a misspelling, except in
    a vocabulary (a county's new status word is a new key of `status.yaml words`)."""
    merged = type(shipped)(shipped)
    open_keys = isinstance(shipped, Vocabulary)
    for key, value in own.items():
        name, append = (str(key)[:-1], True) if str(key).endswith("+") else (key, False)
        if name not in shipped and not open_keys:
            raise ValueError(f"{where}: unknown key {name!r}")
        here = f"{where} {name}"
        # a vocabulary's entries are all alike (完成: [completed, behind] / 序时进度内: [on_track, ~]):
        # a county's entry, new or not, is checked against all of them
        model = _model_of(list(shipped.values())) if open_keys else shipped[name]
        base = shipped.get(name)
        if append:
            if not isinstance(base, list) or not isinstance(value, list):
                raise ValueError(f"{where}: {key!r} appends to a list, but {name!r} is not a list")
            added = _conform(value, base, here)
            merged[name] = base + [v for v in added if v not in base]
        else:
            merged[name] = _conform(value, model, here)
    return merged


def _overlay(shipped: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """`own` over `shipped`, mappings merged, with no checks (for a file that checks itself)."""
    merged = dict(shipped)
    for key, value in own.items():
        base = shipped.get(key)
        merged[key] = _overlay(base, value) if isinstance(base, dict) and isinstance(value, dict) else value
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
        loaded[name] = _overlay(shipped, data) if name == "geometry" else \
            _merge(shipped, data, f"rules file {name}.yaml")
    geometry = Geometry.from_mapping(loaded.pop("geometry"))
    rules = Rules(**{name: build_section(cls, loaded[name], f"rules file {name}.yaml")
                     for name, cls in SECTIONS.items()}, geometry=geometry)
    # a number the code divides by: zero or less is no setting (limits.py and geometry.py check theirs)
    if rules.ocr.engine.worker_memory_mb <= 0:
        raise ValueError("rules file ocr.yaml: engine.worker_memory_mb must be a number above 0")
    return rules
