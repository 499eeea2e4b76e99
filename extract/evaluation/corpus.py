"""Score the pipeline against the corpus truth (`zhuanbao eval corpus/`).

Rows are aligned per annex in order (a longest-common-subsequence alignment on the target
text, so one missing row does not shift every row after it). Text fields are compared after
NFKC and whitespace removal; completion_ratio numerically; findings by (kind, annex_no).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from extract.chinese.text import squash
from extract.model import BulletinResult, Engine, ReadChoice
from extract.outputs.export import indicator_row
from extract.pipeline import process_file
from extract.settings.rules import Rules, load_rules

TEXT_FIELDS = ("target", "responsible_units", "progress", "status_raw", "status")
FIELDS = ("target", "responsible_units", "progress", "completion_ratio", "status_raw", "status")


def _norm(field: str, value: Any) -> Any:
    if field == "completion_ratio":
        return None if value in (None, "") else round(float(value), 6)
    if field == "responsible_units":
        items = value if isinstance(value, (list, tuple)) else str(value or "").split(";")
        return tuple(squash(v) for v in items if squash(v))
    return squash(str(value or ""))


def align(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (expected index, found index) of the rows that correspond."""
    keys_e = [squash(r["target"])[:40] for r in expected]
    keys_f = [squash(r["target"])[:40] for r in found]
    pairs: list[tuple[int, int]] = []
    matcher = SequenceMatcher(None, keys_e, keys_f, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            # same-length replaced runs are the same rows with damaged targets
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
    return pairs


def score_bulletin(truth: dict[str, Any], indicators: list[dict[str, Any]], findings: list[dict[str, Any]]) -> dict[str, Any]:
    by_annex_e: dict[int, list[dict[str, Any]]] = {}
    by_annex_f: dict[int, list[dict[str, Any]]] = {}
    for row in truth["indicators"]:
        by_annex_e.setdefault(int(row["annex_no"]), []).append(row)
    for row in indicators:
        by_annex_f.setdefault(int(row["annex_no"]), []).append(row)
    annexes = {}
    field_hits: Counter[str] = Counter()
    pairs_total = 0
    mismatches: list[dict[str, Any]] = []
    for annex in sorted(set(by_annex_e) | set(by_annex_f)):
        expected, found = by_annex_e.get(annex, []), by_annex_f.get(annex, [])
        pairs = align(expected, found)
        annexes[annex] = {"expected": len(expected), "found": len(found), "aligned": len(pairs)}
        pairs_total += len(pairs)
        for i, j in pairs:
            for field in FIELDS:
                if _norm(field, expected[i].get(field)) == _norm(field, found[j].get(field)):
                    field_hits[field] += 1
                else:
                    mismatches.append({"annex_no": annex, "row": i, "field": field,
                                       "expected": expected[i].get(field), "found": found[j].get(field)})
    n_expected = sum(a["expected"] for a in annexes.values())
    expected_findings = Counter(finding_key(f, truth.get("expected_findings", [])) for f in truth.get("expected_findings", []))
    found_findings = Counter(finding_key(f, truth.get("expected_findings", [])) for f in findings
                             if f.get("severity") != "info")
    true_pos = expected_findings & found_findings
    return {
        "annexes": annexes,
        "rows_expected": n_expected,
        "rows_found": sum(a["found"] for a in annexes.values()),
        "rows_aligned": pairs_total,
        "field_hits": dict(field_hits),
        "findings_expected": sorted(expected_findings.elements()),
        "findings_found": sorted(found_findings.elements()),
        "findings_tp": sum(true_pos.values()),
        "mismatches": mismatches,
    }


def finding_key(finding: dict[str, Any], expected: list[dict[str, Any]]) -> str:
    """How findings are matched: kind@annex@section, or kind@annex where the truth gives no sections.

    Info lines (severity info: checks not run, words not understood) are no findings of the
    document and are not scored."""
    key = f"{finding['kind']}@{finding.get('annex_no')}"
    if expected and all(e.get("section") for e in expected):
        key += f"@{finding.get('section') or ''}"
    return key


def _findings_dicts(result: BulletinResult) -> list[dict[str, Any]]:
    return [{"kind": str(f.kind), "annex_no": f.annex_no, "severity": str(f.severity), "detail": f.detail,
             "section": str(f.section)} for f in result.findings]


def _documents(corpus: Path, name: str, kind: str) -> list[tuple[str, Path]]:
    """The documents of one bulletin of a kind: pdf/NAME.pdf, docx/NAME.docx, the layout
    variants/NAME--LABEL.pdf or the scanned twins scan/NAME--scanDPI.pdf (both scored against
    the bulletin's own truth)."""
    if kind in ("variants", "scan"):
        return [(p.name, p) for p in sorted((corpus / kind).glob(f"{name}--*.pdf"))]
    doc = corpus / kind / f"{name}.{kind}"
    return [(f"{name}.{kind}", doc)] if doc.exists() else []


def evaluate_corpus(corpus: Path, engine: str = ReadChoice.engine, kinds: tuple[str, ...] = ("pdf",),
                    reader: str = ReadChoice.reader) -> dict[str, Any]:
    """Run every corpus document that has a truth file; return per-bulletin and overall scores."""
    rules = load_rules()
    scores: dict[str, Any] = {"bulletins": {}}
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        name = truth_path.stem
        for kind in kinds:
            for label, doc in _documents(corpus, name, kind):
                result = process_file(doc, rules, ReadChoice.named(engine, reader, ReadChoice.ocr))
                rows = [indicator_row(i) for i in result.indicators]
                score = score_bulletin(truth, rows, _findings_dicts(result))
                score["status"] = result.status
                score["error"] = result.error
                # the wording family, status vocabulary and header layout a variant was written in
                score["families"] = truth.get("families") or {"corpus": "hand-made"}
                scores["bulletins"][label] = score
    scores["overall"] = overall(scores["bulletins"].values())
    scores["families"] = by_family(scores["bulletins"].values())
    return scores


def by_family(bulletin_scores: Iterable[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """family -> value -> the overall scores of the bulletins written that way: a wording the
    tool reads badly shows up here even when the corpus as a whole scores well."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for s in bulletin_scores:
        for family, value in s.get("families", {}).items():
            groups.setdefault((family, value), []).append(s)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for (family, value), members in sorted(groups.items()):
        out.setdefault(family, {})[value] = {"bulletins": len(members), **overall(members)}
    return out


def overall(bulletin_scores: Iterable[dict[str, Any]]) -> dict[str, Any]:
    total: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    by_kind_exp: Counter[str] = Counter()
    by_kind_found: Counter[str] = Counter()
    by_kind_tp: Counter[str] = Counter()
    for s in bulletin_scores:
        total["expected"] += s["rows_expected"]
        total["found"] += s["rows_found"]
        total["aligned"] += s["rows_aligned"]
        hits.update(s["field_hits"])
        exp = Counter(x.split("@")[0] for x in s["findings_expected"])
        fnd = Counter(x.split("@")[0] for x in s["findings_found"])
        by_kind_exp.update(exp)
        by_kind_found.update(fnd)
        tp = Counter(s["findings_expected"]) & Counter(s["findings_found"])
        by_kind_tp.update(Counter(x.split("@")[0] for x in tp.elements()))
    aligned = total["aligned"] or 1
    kinds = sorted(set(by_kind_exp) | set(by_kind_found))
    return {
        "rows_expected": total["expected"],
        "rows_found": total["found"],
        "rows_aligned": total["aligned"],
        "row_recall": total["aligned"] / total["expected"] if total["expected"] else 1.0,
        "field_accuracy": {f: hits[f] / aligned for f in FIELDS},
        "findings": {k: {"expected": by_kind_exp[k], "found": by_kind_found[k], "tp": by_kind_tp[k]} for k in kinds},
        "findings_recall": sum(by_kind_tp.values()) / max(1, sum(by_kind_exp.values())),
        "findings_precision": sum(by_kind_tp.values()) / max(1, sum(by_kind_found.values())),
    }


def score_tables(scores: dict[str, Any]) -> list[Table]:
    """Rich tables for the terminal (printed by the CLI)."""
    rows = Table(title="indicator rows and field accuracy", show_lines=False)
    for col in ("bulletin", "annex", "found/expected", "aligned", *FIELDS):
        rows.add_column(col, justify="right" if col not in ("bulletin",) else "left")
    for name, s in scores["bulletins"].items():
        if s["status"] != "ok":
            rows.add_row(Text(name), "-", Text(f"{s['status']}: {s['error']}"), *[""] * (len(FIELDS) + 1))
            continue
        aligned = s["rows_aligned"] or 1
        for annex, a in s["annexes"].items():
            rows.add_row(Text(name), str(annex), f"{a['found']}/{a['expected']}", str(a["aligned"]), *[""] * len(FIELDS))
        rows.add_row(Text(name), "all", f"{s['rows_found']}/{s['rows_expected']}", str(s["rows_aligned"]),
                     *[f"{s['field_hits'].get(f, 0) / aligned:.1%}" for f in FIELDS], end_section=True)
    o = scores["overall"]
    rows.add_row("OVERALL", "", f"{o['rows_found']}/{o['rows_expected']}", str(o["rows_aligned"]),
                 *[f"{o['field_accuracy'][f]:.1%}" for f in FIELDS])
    kinds = Table(title=f"findings: recall {o['findings_recall']:.1%}, precision {o['findings_precision']:.1%}")
    for col in ("kind", "expected", "found", "true positives"):
        kinds.add_column(col)
    for kind, k in o["findings"].items():
        kinds.add_row(kind, str(k["expected"]), str(k["found"]), str(k["tp"]))
    families = Table(title="per family of variants (wording, status vocabulary, header layout)")
    for col in ("family", "value", "bulletins", "rows", "worst field", "findings recall", "precision"):
        families.add_column(col)
    for family, values in scores.get("families", {}).items():
        for value, f in values.items():
            worst = min(FIELDS, key=lambda name: f["field_accuracy"][name])
            families.add_row(family, value, str(f["bulletins"]), f"{f['row_recall']:.1%}",
                             f"{worst} {f['field_accuracy'][worst]:.1%}", f"{f['findings_recall']:.1%}",
                             f"{f['findings_precision']:.1%}")
    return [rows, kinds, families]


# --- baselines (issue 4): the pipeline next to the raw table libraries ----------------------

BASELINE_ENGINES = tuple(Engine)


def _slim(score: dict[str, Any]) -> dict[str, Any]:
    """A bulletin score without its per-field mismatch list (kept small for the JSON output),
    with `rows_all_right`: aligned rows whose every field is right."""
    wrong = {(m["annex_no"], m["row"]) for m in score.get("mismatches", [])}
    slim = {k: v for k, v in score.items() if k != "mismatches"}
    slim["rows_all_right"] = score["rows_aligned"] - len(wrong)
    return slim


def _raw_corpus(corpus: Path, engine: str, rules: Rules) -> dict[str, Any]:
    """Score `extract.evaluation.baselines.raw_indicators` of `engine` on every corpus PDF with a truth file."""
    from extract.evaluation.baselines import raw_indicators

    bulletins: dict[str, Any] = {}
    for truth_path in sorted((corpus / "truth").glob("*.json")):
        doc = corpus / "pdf" / f"{truth_path.stem}.pdf"
        if not doc.exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        status, error, rows = "ok", "", []
        try:
            rows = raw_indicators(doc, engine, rules)
        except Exception as exc:  # a library failing on a file is a result, not a crash
            status, error = "error", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        score = score_bulletin(truth, rows, [])
        score["status"], score["error"] = status, error
        bulletins[doc.name] = score
    return {"bulletins": bulletins, "overall": overall(bulletins.values())}


def evaluate_baselines(corpus: Path, engines: tuple[str, ...] = BASELINE_ENGINES,
                       pipeline: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Side by side on the corpus PDFs: the zhuanbao pipeline per engine, then the raw library
    tables per engine (`extract.evaluation.baselines`, no repairs), each scored by `score_bulletin` /
    `overall` and timed once (wall-clock seconds for the whole corpus).

    `pipeline` may hold an `evaluate_corpus` result per engine already computed (with its
    "seconds"), so the CLI does not run the pipeline twice; its PDF bulletins are used.
    Returns {"systems": {name: {"kind", "engine", "seconds", "overall", "bulletins"}}}.
    """
    import time

    corpus = Path(corpus)
    rules = load_rules()
    systems: dict[str, Any] = {}
    for engine in engines:
        given = (pipeline or {}).get(engine)
        if given is not None:
            scores, seconds = given, given.get("seconds")
        else:
            started = time.perf_counter()
            scores = evaluate_corpus(corpus, engine=engine)
            seconds = time.perf_counter() - started
        pdfs = {k: v for k, v in scores["bulletins"].items() if k.endswith(".pdf")}
        systems[f"zhuanbao {engine}"] = {
            "kind": "pipeline", "engine": engine, "seconds": seconds, "overall": overall(pdfs.values()),
            "bulletins": {k: _slim(v) for k, v in pdfs.items()},
        }
    for engine in engines:
        started = time.perf_counter()
        scores = _raw_corpus(corpus, engine, rules)
        seconds = time.perf_counter() - started
        systems[f"raw {engine}"] = {
            "kind": "raw", "engine": engine, "seconds": seconds, "overall": scores["overall"],
            "bulletins": {k: _slim(v) for k, v in scores["bulletins"].items()},
        }
    return {"systems": systems}


def baselines_table(baselines: dict[str, Any]) -> Table:
    """One column per system (pipeline and raw, per engine), one row per measure, overall."""
    systems = baselines["systems"]
    table = Table(title="zhuanbao vs raw table libraries (corpus PDFs, overall)",
                  caption="field accuracy is over aligned rows; raw = the library's own tables, first row "
                          "as header, no repairs (extract/evaluation/baselines.py); seconds = one run on the corpus")
    table.add_column("measure", justify="left", no_wrap=True)
    for name in systems:
        table.add_column(name, justify="right")

    def cells(fn: Callable[[dict[str, Any]], str]) -> list[str]:
        return [fn(s) for s in systems.values()]

    def accuracy(field: str) -> Callable[[dict[str, Any]], str]:
        return lambda s: f"{s['overall']['field_accuracy'][field]:.1%}"

    table.add_row("rows found/expected", *cells(lambda s: f"{s['overall']['rows_found']}/{s['overall']['rows_expected']}"))
    table.add_row("rows aligned", *cells(lambda s: str(s["overall"]["rows_aligned"])))
    table.add_row("row recall", *cells(lambda s: f"{s['overall']['row_recall']:.1%}"), end_section=True)
    for f in FIELDS:
        table.add_row(f, *cells(accuracy(f)))
    table.add_row("rows right in all fields", *cells(_all_fields_right), end_section=True)
    table.add_row("errors", *cells(lambda s: str(sum(b.get("status") == "error" for b in s["bulletins"].values()))))
    table.add_row("seconds", *cells(lambda s: "-" if s.get("seconds") is None else f"{s['seconds']:.1f}"))
    return table


def _all_fields_right(system: dict[str, Any]) -> str:
    """Rows with every field right, over the expected rows."""
    right = sum(b.get("rows_all_right", 0) for b in system["bulletins"].values())
    expected = system["overall"]["rows_expected"]
    return f"{right}/{expected} ({right / expected:.1%})" if expected else "-"
