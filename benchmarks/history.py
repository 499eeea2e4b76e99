"""How fast does `zhuanbao history` link a long run of one county's bulletins?

    python benchmarks/history.py                  # 1,000 bulletins of 186 indicators each
    python benchmarks/history.py --bulletins 200  # quicker

Builds, in a temporary folder, the bulletins.csv and indicators.csv that `zhuanbao extract` would
write for N monthly bulletins of one county: the first is the reference bulletin's 186 indicators
(corpus/truth/fenghuang-2023-13.json); each next one is the one before with perturbed targets (the
numbers changed, the year moved on in January), a few indicators dropped, a few new ones from the
other corpus bulletins, a few reworded (全县…, 完成 → 实现), a few rows reordered and statuses moved on. Every row keeps its true series
id, so the run also reports link precision and recall on the synthetic archive.

One run times, on the same folder: reading the two tables with pandas (the baseline: the least any
tool must do), and `indicator_history` (read + period order + link + laggards). The target is
linking 1,000 bulletins in under 30 s; the ratio to the read baseline says how much linking adds.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.history.history import indicator_history, read_outputs  # noqa: E402
from extract.history.link import LinkRules, mask  # noqa: E402
from extract.settings.limits import Limits  # noqa: E402
from extract.settings.rules import load_rules  # noqa: E402

ISSUER = "凤凰县人民政府督查室"
STATUSES = ["completed", "on_track", "behind", "behind", "on_track", "preparing"]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _perturb(text: str, rng: random.Random, year: int) -> str:
    """Another year's wording of the same target: some numbers change, the year is the new one."""
    def number(m: re.Match) -> str:
        value = m.group(0)
        if len(value) == 4 and value.startswith("20"):
            return str(year)
        if rng.random() < 0.3:
            return str(round(float(value) * rng.uniform(0.8, 1.4), 1 if "." in value else None))
        return value
    return NUMBER.sub(number, text)


def _reword(text: str, rng: random.Random) -> str:
    """A small change of wording that keeps the meaning."""
    if "完成" in text and rng.random() < 0.5:
        return text.replace("完成", "实现", 1)
    return "全县" + text if not text.startswith("全县") else text[2:]


def build_archive(n: int, folder: Path, seed: int = 7) -> pd.DataFrame:
    """Write bulletins.csv and indicators.csv of n bulletins into folder; return the rows with their sid."""
    rng = random.Random(seed)
    base = json.loads((ROOT / "corpus" / "truth" / "fenghuang-2023-13.json").read_text(encoding="utf-8"))["indicators"]
    shipped = load_rules()
    rules = LinkRules.from_rules(shipped.history, Limits.from_rules(shipped).history_max_score_cells)
    known = {mask(r["target"], rules) for r in base}
    pool = []
    for path in sorted((ROOT / "corpus" / "truth").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8"))["indicators"]:
            masked = mask(row["target"], rules)
            if masked not in known:      # a new indicator is not a rewording of a current one
                known.add(masked)
                pool.append(row)
    rng.shuffle(pool)
    towns = [a + b + "镇" for a in "东南西北中上下前后新老大小长" for b in "溪河山坪田桥湾塘寨坡"]

    def new_rows():
        """The pool's indicators, then the same again for one town after another: always a new meaning."""
        for town in [""] + towns:
            for row in pool:
                yield dict(row, target=town + row["target"])

    fresh = new_rows()
    sid_counter = itertools.count()
    current = [dict(row, sid=next(sid_counter)) for row in base]
    bulletins, indicators = [], []
    for k in range(n):
        year, month = 2000 + k // 12, k % 12 + 1
        if k:
            current = [dict(row, target=_perturb(row["target"], rng, year) if month == 1 or rng.random() < 0.02
                            else row["target"]) for row in current if rng.random() > 0.01]
            current = [dict(row, target=_reword(row["target"], rng)) if rng.random() < 0.01 else row
                       for row in current]
            for _ in range(rng.randint(0, 4)):
                current.insert(rng.randrange(len(current) + 1), dict(next(fresh), sid=next(sid_counter)))
            for _ in range(5):
                i, j = rng.randrange(len(current)), rng.randrange(len(current))
                current[i], current[j] = current[j], current[i]
        file = f"fenghuang-{year}-{month:02d}.pdf"
        bulletins.append({"file": file, "status": "ok", "issuer": ISSUER, "doc_number": f"凤政督函〔{year}〕{month}号",
                          "title": f"凤凰县打好“发展六仗”{year}年{month}月工作情况专报", "date": "",
                          "period_start": f"{year}-{month:02d}-01", "period_end": f"{year}-{month:02d}-28",
                          "period_label": f"{year}年{month}月", "period_evidence": "title"})
        for seq, row in enumerate(current, start=1):
            indicators.append({"file": file, "annex_no": row["annex_no"], "campaign": row["campaign"],
                               "section": row["section"], "seq": str(seq), "target": row["target"],
                               "responsible_units": ";".join(row["responsible_units"]), "progress": row["progress"],
                               "completion_raw": "", "completion_ratio": "", "status": rng.choice(STATUSES),
                               "sid": row["sid"]})
    rows = pd.DataFrame(indicators)
    pd.DataFrame(bulletins).to_csv(folder / "bulletins.csv", index=False, encoding="utf-8-sig")
    rows.drop(columns="sid").to_csv(folder / "indicators.csv", index=False, encoding="utf-8-sig")
    return rows


def link_scores(history: pd.DataFrame, truth: pd.DataFrame) -> tuple[float, float]:
    """Precision and recall of the links between consecutive appearances of an indicator."""
    merged = history.merge(truth[["file", "seq", "sid"]].astype({"seq": str}), on=["file", "seq"], validate="1:1")

    def links(column: str) -> set[tuple[int, int]]:
        out = set()
        for _, group in merged.groupby(column, sort=False):
            index = group.index.tolist()
            out.update(zip(index, index[1:]))
        return out

    predicted, true = links("indicator_id"), links("sid")
    return len(predicted & true) / max(len(predicted), 1), len(predicted & true) / max(len(true), 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bulletins", type=int, default=1000)
    args = ap.parse_args(argv)
    rules = load_rules()
    with tempfile.TemporaryDirectory(prefix="zhuanbao-history-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        truth = build_archive(args.bulletins, folder)
        built = time.perf_counter() - started
        started = time.perf_counter()
        read_outputs(folder)
        read = time.perf_counter() - started
        started = time.perf_counter()
        result = indicator_history(folder, rules)
        linked = time.perf_counter() - started
    precision, recall = link_scores(result.history, truth)
    print(f"{args.bulletins} bulletins, {len(truth)} rows, {truth['sid'].nunique()} true indicators "
          f"(archive built in {built:.1f} s)")
    print(f"read bulletins.csv + indicators.csv (baseline): {read:6.2f} s")
    print(f"zhuanbao history (read + order + link + laggards): {linked:6.2f} s  ({linked / read:.1f}x the read)")
    print(f"links: precision {precision:.4f}, recall {recall:.4f}; "
          f"{result.history['indicator_id'].nunique()} ids; {len(result.laggards)} laggard runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
