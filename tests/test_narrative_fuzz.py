"""Fuzz the claim reader with wording it was not shown.

Every generated bulletin (corpus/sources/var-*.yaml, written by corpus/gen) carries a `plan`: what
each statement of its progress paragraphs claims. corpus/gen/rephrase.py words those paragraphs
again, every statement in a phrasing drawn from any county's habits (totals, parts in either
order, shares in Arabic, full-width or Chinese numerals, lists after any trigger, the one
unassigned item, remainders, asides such as 两三项). The claims do not change, so the findings
must not either: each rewording of a bulletin's .docx must give exactly its expected findings,
compared on (kind, annex, section). Info lines (a check not run, words not understood) are not
compared.

ZHUANBAO_FUZZ_N=20 python -m pytest tests/test_narrative_fuzz.py   # more rewordings (default 3)
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

from extract.model import TextLine
from extract.pipeline import process_document, read_document
from extract.settings.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))          # corpus/gen is a folder of the repository, not a package
from corpus.gen import findings as expected_findings
from corpus.gen import rephrase

N = int(os.environ.get("ZHUANBAO_FUZZ_N", "3"))
SOURCES = sorted((ROOT / "corpus" / "sources").glob("var-*.yaml"))
NAMES = [p.stem for p in SOURCES]

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


def _norm(text) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).split())


@functools.cache
def _source(name: str) -> dict:
    return yaml.safe_load((ROOT / "corpus" / "sources" / f"{name}.yaml").read_text(encoding="utf-8"))


@functools.cache
def _truth(name: str) -> dict:
    return json.loads((ROOT / "corpus" / "truth" / f"{name}.json").read_text(encoding="utf-8"))


@functools.cache
def _document(name: str):
    path = ROOT / "corpus" / "docx" / f"{name}.docx"
    return read_document(path, SHIPPED), hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_the_corpus_has_generated_bulletins():
    assert len(SOURCES) >= 10, "corpus/sources/var-*.yaml missing: run python -m corpus.gen"


@pytest.mark.parametrize("name", NAMES)
def test_rewordings_keep_the_claims(name):
    """The rephraser itself: same paragraph count, other words, and the plan still gives the
    expected findings of the truth file (so a failure below is the reader's, not the corpus's)."""
    source, truth = _source(name), _truth(name)
    assert expected_findings.expected(source["plan"], truth) == truth["expected_findings"]
    bodies = rephrase.narratives(source, 4, seed=0)
    start, end = rephrase.progress_span(source)
    assert all(len(b) == len(source["body"]) for b in bodies)
    assert all(b[:start] == source["body"][:start] and b[end:] == source["body"][end:] for b in bodies)
    assert len({tuple(b[start:end]) for b in bodies} | {tuple(source["body"][start:end])}) == 5


def _with_body(document, old: list[str], new: list[str]):
    """The document with the narrative paragraphs `old` (in order, before the first annex) replaced
    by `new`, each keeping its page and locator."""
    blocks = list(document.blocks)
    at = 0
    for i, block in enumerate(blocks):
        if at < len(old) and isinstance(block, TextLine) and _norm(block.text) == _norm(old[at]):
            blocks[i] = TextLine(new[at], block.page, block.locator)
            at += 1
    if at != len(old):
        raise AssertionError(f"narrative paragraph {at + 1} not found in the .docx: {old[at][:40]}")
    return dataclasses.replace(document, blocks=blocks)


def _key(kind, annex_no, section) -> tuple[str, int | None, str]:
    return str(kind), annex_no, _norm(section)


@pytest.mark.parametrize("name,i", [(n, i) for n in NAMES for i in range(N)])
def test_reworded_narrative_gives_the_same_findings(name, i, rules):
    source, truth = _source(name), _truth(name)
    document, sha = _document(name)
    start, end = rephrase.progress_span(source)
    body = rephrase.narratives(source, N, seed=1)[i]
    result = process_document(_with_body(document, source["body"][start:end], body[start:end]), rules,
                              f"{name}.docx", sha)
    got = Counter(_key(f.kind, f.annex_no, f.section) for f in result.findings if f.severity != "info")
    want = Counter(_key(f["kind"], f["annex_no"], f["section"]) for f in truth["expected_findings"])
    missing, extra = want - got, got - want
    if missing or extra:
        text = "\n".join(body[start:end])
        shown = [f"{f.kind} {f.annex_no} {f.section}: {f.detail}" for f in result.findings
                 if _key(f.kind, f.annex_no, f.section) in extra]
        pytest.fail(f"{name} rewording {i}: missing {sorted(missing.elements())}, "
                    f"extra {sorted(extra.elements())}\n" + "\n".join(shown) + "\n--- narrative:\n" + text)
