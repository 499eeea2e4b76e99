"""The same bulletin, its progress paragraphs worded many ways; what they claim stays the same.

    narratives("var-baixi-2024-06", n=5, seed=1) -> [body, body, …]

Each body is the source's `body` (same length, same paragraphs around) with the paragraphs of
"一、工作进展情况" rendered again from the source's `plan`, every statement in a phrasing drawn
from any wording family (phrasing.py). The plan fixes every count, share, name and heading, so
the source's expected findings hold for every rendering.
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from corpus import build

from . import phrasing as P

START, END = "一、工作进展情况", "二、存在问题"


def load(source_or_name: dict | str | Path) -> dict:
    """A source dict, a .yaml path, or the name of a corpus/sources/ file."""
    if isinstance(source_or_name, dict):
        return source_or_name
    path = Path(source_or_name)
    if path.suffix not in (".yaml", ".yml"):
        path = build.CORPUS / "sources" / f"{source_or_name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def progress_span(source: dict) -> tuple[int, int]:
    """Where the progress paragraphs are in the body: body[start:end]."""
    body = source["body"]
    start = body.index(START) + 1
    n = sum(2 + 2 * len(sec["subs"]) if "subs" in sec else 1 for sec in source["plan"]["sections"])
    if body[start + n] != END:
        raise ValueError(f"{source['name']}: the body does not have the plan's {n} progress paragraphs")
    return start, start + n


def narratives(source_or_name: dict | str | Path, n: int, seed: int = 0) -> list[list[str]]:
    source = load(source_or_name)
    if "plan" not in source:
        raise ValueError(f"{source.get('name')}: not a generated source (no plan)")
    start, end = progress_span(source)
    body = source["body"]
    out = []
    for i in range(n):
        chooser = P.Chooser(random.Random(f"{seed}:{source['name']}:{i}"))
        out.append(body[:start] + P.progress_paragraphs(source["plan"], chooser) + body[end:])
    return out
