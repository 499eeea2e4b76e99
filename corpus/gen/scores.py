"""Scores per family, from the JSON of `zhuanbao eval corpus/ --json FILE`.

    python -m corpus.gen.scores FILE

For each family (wording, status_vocab, header) and value, over the generated bulletins of that
value: rows found, field accuracy, and findings recall and precision (on (kind, annex) as the
evaluation scores them). The first five bulletins, which have no families, are one more group.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from corpus import build

FIELDS = ("target", "responsible_units", "progress", "completion_ratio", "status_raw", "status")


def groups(truth_dir: Path) -> dict[str, dict[str, str]]:
    """bulletin name -> {family: value}; the hand-made bulletins -> {"*": "original"}."""
    out = {}
    for path in sorted(truth_dir.glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        out[truth["name"]] = truth.get("families") or {"*": "original"}
    return out


def table(evaluation: dict, families: dict[str, dict[str, str]]) -> list[tuple]:
    acc: dict[tuple[str, str], dict] = defaultdict(lambda: defaultdict(int))
    for file, b in evaluation["bulletins"].items():
        for family, value in families.get(Path(file).stem, {}).items():   # "NAME.pdf"
            a = acc[(family, value)]
            a["bulletins"] += 1
            a["rows_expected"] += b["rows_expected"]
            a["rows_aligned"] += b["rows_aligned"]
            for f in FIELDS:
                a[f] += b["field_hits"].get(f, 0)
            a["expected"] += len(b["findings_expected"])
            a["found"] += len(b["findings_found"])
            a["tp"] += b["findings_tp"]
    rows = []
    for (family, value), a in sorted(acc.items()):
        rows.append((family, value, a["bulletins"], a["rows_aligned"] / a["rows_expected"],
                     *(a[f] / a["rows_aligned"] if a["rows_aligned"] else 0.0 for f in FIELDS),
                     a["tp"] / a["expected"] if a["expected"] else 1.0,
                     a["tp"] / a["found"] if a["found"] else 1.0, a["expected"], a["found"], a["tp"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    evaluation = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    head = ("family", "value", "n", "rows") + tuple(f[:8] for f in FIELDS) + ("recall", "precis.", "exp", "found", "tp")
    print(" | ".join(head))
    for r in table(evaluation, groups(build.CORPUS / "truth")):
        print(" | ".join([r[0], r[1], str(r[2])] + [f"{x:.1%}" for x in r[3:12]] + [str(x) for x in r[12:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
