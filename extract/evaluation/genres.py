"""Score the pipeline on the genre corpus (`zhuanbao eval corpus/genres`): bulletins of every kind
an office writes, most without annex tables, whose truth lists every figure each sentence states
and every inconsistency a reviewer would flag (corpus/genres/README.md).

Per document, run as a draft (.docx, with its spreadsheet annexes) and as the PDF printed from it:
- statements read: a truth sentence is read when every figure it states (counts, shares, amounts,
  item numbers) is a figure of the tool's claims of that sentence; figures read counts them one by one;
- findings: an expected finding is found when a finding of the same kind (info lines aside) states
  the same figures (a subset or superset of them: 第8、15件 is found by one finding per item); a
  finding that matches no expected one is a false alarm. Documents without expected findings
  measure false alarms alone.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import regex
from rich.table import Table

from extract.chinese.numbers import CountWords, parse_percent, to_arabic_in_text
from extract.model import BulletinResult, Claim, Finding, Severity
from extract.pipeline import process_file
from extract.settings.rules import Rules, load_rules

_NUMBER = regex.compile(r"[0-9]+(?:\.[0-9]+)?")
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")


def _plain(text: str, words: CountWords) -> str:
    """Text as both sides are compared: NFKC, Chinese numerals Arabic, no spaces or punctuation."""
    plain: str = _NOISE.sub("", to_arabic_in_text(unicodedata.normalize("NFKC", str(text or "")), words))
    return plain


def _numbers(text: Any, words: CountWords) -> set[Decimal]:
    out = set()
    for m in _NUMBER.finditer(to_arabic_in_text(unicodedata.normalize("NFKC", str(text or "")), words)):
        try:
            out.add(Decimal(m.group()).normalize())
        except InvalidOperation:
            continue
    return out


def _share(text: str, words: CountWords) -> tuple[float, int] | None:
    p = parse_percent(unicodedata.normalize("NFKC", str(text)), words.numerals)
    return (round(p.value, 8), p.decimals) if p is not None else None


def _figures(statement: dict[str, Any], words: CountWords) -> list[tuple[str, Any]]:
    """What a truth sentence states, figure by figure."""
    figures: list[tuple[str, Any]] = [("count", int(n)) for n in statement.get("counts") or []]
    figures += [("share", _share(s, words)) for s in statement.get("shares") or [] if _share(s, words) is not None]
    figures += [("amount", _plain(a, words)) for a in statement.get("amounts") or []]
    figures += [("item", int(n)) for n in statement.get("items") or []]
    return figures


def _claimed(claims: list[Claim], words: CountWords) -> set[tuple[str, Any]]:
    """The figures the tool's claims of one sentence hold."""
    got: set[tuple[str, Any]] = set()
    for c in claims:
        for n in (c.count, c.total):
            if n is not None:
                got.add(("count", n))
        if c.percent_raw and _share(c.percent_raw, words) is not None:
            got.add(("share", _share(c.percent_raw, words)))
        if c.amount_raw:
            got.add(("amount", _plain(c.amount_raw, words)))
        if c.kind == "items":
            got.update(("item", int(n)) for n in c.names if n.isdigit())
    return got


def score_document(truth: dict[str, Any], result: BulletinResult, words: CountWords) -> dict[str, Any]:
    by_sentence: dict[str, list[Claim]] = defaultdict(list)
    for c in result.claims:
        by_sentence[_plain(c.text, words)].append(c)
    statements = figures = statements_read = figures_read = 0
    missed: list[str] = []
    for st in truth.get("statements") or []:
        key = _plain(st["text"], words)
        claims = [c for text, group in by_sentence.items() if text and (text in key or key in text) for c in group]
        wanted = _figures(st, words)
        got = _claimed(claims, words)
        hits = sum(1 for f in wanted if f in got)
        statements += 1
        figures += len(wanted)
        figures_read += hits
        if hits == len(wanted):
            statements_read += 1
        else:
            missed.append(st["text"])
    found = [f for f in result.findings if f.severity is not Severity.INFO]
    expected = list(truth.get("expected_findings") or [])
    matched_expected = [any(_same(e, f, words) for f in found) for e in expected]
    true_found = [any(_same(e, f, words) for e in expected) for f in found]
    return {
        "genre": truth.get("genre", ""), "status": str(result.status), "error": result.error,
        "statements": statements, "statements_read": statements_read, "figures": figures,
        "figures_read": figures_read, "expected": len(expected), "found": len(found),
        "recalled": sum(matched_expected), "true_found": sum(true_found),
        "missed_statements": missed,
        "missed_findings": [e for e, hit in zip(expected, matched_expected) if not hit],
        "false_alarms": [f"{f.kind}: {f.detail}" for f, ok in zip(found, true_found) if not ok],
    }


def _same(expected: dict[str, Any], found: Finding, words: CountWords) -> bool:
    if expected.get("kind") != found.kind:
        return False
    want, got = _numbers(expected.get("stated"), words), _numbers(found.stated, words)
    return not want or not got or want <= got or got <= want


def evaluate_genres(corpus: Path, kinds: tuple[str, ...] = ("docx", "pdf"), rules: Rules | None = None) -> dict[str, Any]:
    """Every document of the genre corpus, as each kind (docx, pdf, scan); per-document and per-genre scores."""
    rules = rules or load_rules()
    documents: dict[str, dict[str, Any]] = {}
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        name = truth_path.stem
        annexes = tuple(sorted((corpus / "xlsx").glob(f"{name}--*.xlsx")))
        for kind in kinds:
            # the scanned twins (scan/NAME--scanDPI.pdf) are scored against the same truth
            paths = sorted((corpus / "scan").glob(f"{name}--*.pdf")) if kind == "scan" else [corpus / kind / f"{name}.{kind}"]
            for path in (p for p in paths if p.exists()):
                result = process_file(path, rules, annexes=annexes)
                documents[path.name] = score_document(truth, result, CountWords.from_rules(rules))
    return {"documents": documents, "genres": by_genre(documents.values())}


def by_genre(scores: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in scores:
        groups[s["genre"]].append(s)
        groups["ALL"].append(s)
    out = {}
    for genre, members in sorted(groups.items(), key=lambda g: (g[0] == "ALL", g[0])):
        total = {k: sum(m[k] for m in members) for k in ("statements", "statements_read", "figures", "figures_read",
                                                          "expected", "found", "recalled", "true_found")}
        clean = [m for m in members if not m["expected"]]
        out[genre] = {
            "documents": len(members), "clean": len(clean),
            "false_alarms_in_clean": sum(m["found"] for m in clean), **total,
            "statements_read_rate": total["statements_read"] / max(1, total["statements"]),
            "figures_read_rate": total["figures_read"] / max(1, total["figures"]),
            "recall": total["recalled"] / total["expected"] if total["expected"] else 1.0,
            "precision": total["true_found"] / total["found"] if total["found"] else 1.0,
        }
    return out


def genre_table(scores: dict[str, Any]) -> Table:
    table = Table(title="genre corpus: statements read and findings, per genre (drafts and PDFs)")
    for col in ("genre", "documents", "clean", "statements read", "figures read", "findings found",
                "recall", "precision", "false alarms in clean"):
        table.add_column(col, justify="left" if col == "genre" else "right")
    for genre, g in scores["genres"].items():
        table.add_row(genre, str(g["documents"]), str(g["clean"]),
                      f"{g['statements_read_rate']:.1%} ({g['statements_read']}/{g['statements']})",
                      f"{g['figures_read_rate']:.1%}", f"{g['recalled']}/{g['expected']}",
                      f"{g['recall']:.1%}", f"{g['precision']:.1%} ({g['true_found']}/{g['found']})",
                      str(g["false_alarms_in_clean"]), end_section=genre == "ALL")
    return table
