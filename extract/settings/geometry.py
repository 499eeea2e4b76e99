"""Geometry settings: every tolerance the PDF readers, the table finder and the stitcher use.

One frozen, validated object (`Geometry`), in the spirit of pdfplumber's `TableSettings`. Its
values live in `rules/geometry.yaml` (commented there; a county's rules folder may override any
of them) and nowhere in code: `load_rules()` builds it, `extract.settings.rules.default_geometry()` reads the shipped
file, and the Python API takes one (`extract.read_bulletin(path, geometry=...)`).

A bad value raises ValueError with a one-line reason naming the setting, e.g.
`geometry.yaml: words.x_tolerance must be a number >= 0, got 'abc'`.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _setting(doc: str, *, low: float, high: float | None = None, integer: bool = False,
             low_open: bool = False) -> Any:
    """A required field with its range; `doc` says what it does (shown by `describe()`)."""
    return field(metadata={"doc": doc, "low": low, "high": high, "integer": integer, "low_open": low_open})


def _check(section: str, obj: Any) -> None:
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        meta = f.metadata
        kind = "a whole number" if meta["integer"] else "a number"
        low, high = meta["low"], meta["high"]
        bound = f"> {low}" if meta["low_open"] else f">= {low}"
        if high is not None:
            bound += f" and <= {high}"
        ok = isinstance(value, int) if meta["integer"] else isinstance(value, (int, float))
        ok = ok and not isinstance(value, bool) and math.isfinite(value)
        ok = ok and (value > low if meta["low_open"] else value >= low) and (high is None or value <= high)
        if not ok:
            raise ValueError(f"geometry.yaml: {section}.{f.name} must be {kind} {bound}, got {value!r}")


@dataclass(frozen=True)
class WordSettings:
    """Characters -> words -> text lines (pdfplumber's `extract_words` semantics)."""

    x_tolerance: float = _setting("a gap wider than this (pt) between two characters starts a new word", low=0)
    y_tolerance: float = _setting("characters whose tops differ by more than this (pt) are on different lines", low=0)
    line_tolerance: float = _setting("words whose tops differ by at most this (pt) form one running-text line", low=0)

    def __post_init__(self) -> None:
        _check("words", self)


@dataclass(frozen=True)
class RulingSettings:
    """Ruling lines -> table cells (pdfplumber's "lines" strategy), and the segment limit."""

    snap_tolerance: float = _setting("parallel lines closer than this (pt) are snapped to one position", low=0)
    join_tolerance: float = _setting("collinear segments with a gap up to this (pt) are joined", low=0)
    intersection_tolerance: float = _setting("a horizontal and a vertical line within this (pt) cross", low=0)
    edge_min_length: float = _setting("joined lines shorter than this (pt) are dropped", low=0)
    edge_min_length_prefilter: float = _setting("segments shorter than this (pt) are dropped before joining", low=0)
    max_segments: int = _setting("a page with more ruling segments than this has its tables skipped (a note "
                                 "says so): a hostile page must not cost quadratic time", low=1, integer=True)

    def __post_init__(self) -> None:
        _check("ruling", self)

    def pdfplumber_table_settings(self) -> dict[str, Any]:
        """The same settings as a pdfplumber `table_settings` dict (the pdfplumber reader)."""
        return {
            "vertical_strategy": "lines", "horizontal_strategy": "lines",
            "snap_tolerance": self.snap_tolerance, "join_tolerance": self.join_tolerance,
            "intersection_tolerance": self.intersection_tolerance, "edge_min_length": self.edge_min_length,
            "edge_min_length_prefilter": self.edge_min_length_prefilter,
        }


@dataclass(frozen=True)
class DetectSettings:
    """Table cells + words -> a Grid fragment (extract/tables/detect.py)."""

    snap_tolerance: float = _setting("cell edges closer than this (pt) are one row or column boundary", low=0)
    min_rows: int = _setting("a table with fewer rows is not a data table", low=1, integer=True)
    min_cols: int = _setting("a table with fewer columns is a narrative frame, not a data table", low=1,
                             integer=True)
    narrative_fill: float = _setting("a text line filling this share of a full-width cell is running text",
                                     low=0, high=1, low_open=True)
    line_tolerance: float = _setting("words in a cell whose tops differ by at most this (pt) are one line", low=0)
    cell_padding: float = _setting("a cell's inner margin on each side (pt): the room a wrapped line fills", low=0)
    hard_break_slack: float = _setting("a line is broken by hand when its next word would have fitted with this "
                                       "share of a character to spare", low=0)

    def __post_init__(self) -> None:
        _check("detect", self)


@dataclass(frozen=True)
class StitchSettings:
    """Grid fragments on consecutive pages -> logical tables (extract/tables/stitch.py)."""

    top_fraction: float = _setting("a fragment starting within this share of its page's height is at the top",
                                   low=0, high=1)
    edge_tolerance: float = _setting("column edges of two fragments within this (pt) are aligned", low=0)
    max_header_rows: int = _setting("at most this many leading rows are a table's header", low=0, integer=True)
    header_max_chars: int = _setting("a header label is at most this long", low=1, integer=True)
    running_share: float = _setting("a line printed on more than this share of the pages is a running header",
                                    low=0, high=1, low_open=True)

    def __post_init__(self) -> None:
        _check("stitch", self)


@dataclass(frozen=True)
class Geometry:
    words: WordSettings
    ruling: RulingSettings
    detect: DetectSettings
    stitch: StitchSettings

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Geometry:
        """Build from the parsed geometry.yaml; unknown or missing keys are one-line errors."""
        # ValueError, not TypeError: a rules-file mistake, reported like every other one
        if not isinstance(data, Mapping):
            raise ValueError("geometry.yaml: expected a mapping at the top")  # noqa: TRY004
        classes = {"words": WordSettings, "ruling": RulingSettings, "detect": DetectSettings,
                   "stitch": StitchSettings}
        unknown = sorted(set(data) - set(classes))
        if unknown:
            raise ValueError(f"geometry.yaml: unknown section {unknown[0]!r} (expected {', '.join(classes)})")
        built = {}
        for name, klass in classes.items():
            values = data.get(name)
            if not isinstance(values, Mapping):
                raise ValueError(f"geometry.yaml: section {name!r} missing or not a mapping")  # noqa: TRY004
            names = [f.name for f in dataclasses.fields(klass)]
            extra = sorted(set(values) - set(names))
            if extra:
                raise ValueError(f"geometry.yaml: unknown setting {name}.{extra[0]}")
            missing = [n for n in names if n not in values]
            if missing:
                raise ValueError(f"geometry.yaml: {name}.{missing[0]} is not set")
            built[name] = klass(**values)
        return cls(**built)

    def replace(self, **changes: Mapping[str, Any]) -> Geometry:
        """A copy with some settings changed: `g.replace(words={"x_tolerance": 2})` (validated)."""
        data = dataclasses.asdict(self)
        for section, values in changes.items():
            if section not in data:
                raise ValueError(f"geometry: unknown section {section!r}")
            data[section] = {**data[section], **values}
        return Geometry.from_mapping(data)
