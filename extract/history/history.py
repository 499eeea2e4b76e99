"""One indicator's history across a county's bulletins: `zhuanbao history OUTDIR`.

Reads what `zhuanbao extract … --out OUTDIR` wrote (bulletins and indicators, as CSV, parquet or
JSON lines), orders each issuer's bulletins by period, links the same indicator across them
(extract/history/link.py) and returns two tables:

- history: one row per indicator per bulletin, with its `indicator_id` and the score of its link
  to the row before it;
- laggards: each run of at least `min_run` consecutive bulletins of an issuer in which an indicator
  is behind (a bulletin without the indicator ends a run).

Only bulletins with status ok take part; a bulletin without a period (old outputs) gets one from
its title, date and doc number as `extract` would have read it.
"""
from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import regex

from extract.chinese.period import read_period
from extract.history.link import LinkRules, features, link_bulletins
from extract.model import ResultStatus
from extract.settings.limits import Limits
from extract.settings.rules import Rules

if TYPE_CHECKING:
    from extract.run.options import BatchOptions

HISTORY_COLUMNS = [
    "issuer", "indicator_id", "period", "target", "completion_ratio", "status", "file", "link_score",
    "link", "period_start", "period_end", "doc_number", "annex_no", "campaign", "section", "seq",
    "responsible_units", "completion_raw", "progress",
]
LAGGARD_COLUMNS = [
    "issuer", "indicator_id", "run", "first_period", "last_period", "ongoing", "campaign", "target",
    "responsible_units", "last_completion_ratio", "last_progress", "last_file",
]
_PERIOD_COLUMNS = ("period_start", "period_end", "period_label", "period_evidence")


@dataclass
class History:
    history: pd.DataFrame
    laggards: pd.DataFrame

    def series(self) -> pd.DataFrame:
        return indicator_series(self.history)


def _read_table(out_dir: Path, name: str) -> pd.DataFrame:
    """OUT/NAME.csv, .parquet or .jsonl, whichever `extract` wrote; every column as text."""
    csv, parquet, jsonl = (out_dir / f"{name}.{ext}" for ext in ("csv", "parquet", "jsonl"))
    for path in (csv, parquet, jsonl):
        # a FIFO or a device would block the read (or never end): only a regular file is a table
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            raise ValueError(f"{path}: not a regular file")
    try:
        if csv.exists():
            return pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if parquet.exists():
            return pd.read_parquet(parquet).astype(str).replace({"None": "", "nan": "", "<NA>": ""})
        if jsonl.exists():
            return pd.read_json(jsonl, lines=True, dtype=False).fillna("").astype(str)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{out_dir}: {name} table unreadable ({type(exc).__name__})") from None
    raise ValueError(f"{out_dir}: no {name}.csv (expected the output folder of `zhuanbao extract --out`)")


def read_outputs(out_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ValueError(f"{out_dir}: not a folder")
    bulletins, indicators = _read_table(out_dir, "bulletins"), _read_table(out_dir, "indicators")
    for table, name, needed in ((bulletins, "bulletins", ("file", "status", "issuer", "title")),
                                (indicators, "indicators", ("file", "campaign", "target", "status"))):
        missing = [c for c in needed if c not in table.columns]
        if missing:
            raise ValueError(f"{out_dir}: {name} table has no column {', '.join(missing)}")
    return bulletins, indicators


def _with_periods(bulletins: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    bulletins = bulletins.copy()
    for column in ("date", "doc_number", *_PERIOD_COLUMNS):
        if column not in bulletins.columns:
            bulletins[column] = ""
    for i, row in bulletins[bulletins["period_end"] == ""].iterrows():
        period = read_period(row["title"], row["date"], row["doc_number"], rules)
        bulletins.loc[i, list(_PERIOD_COLUMNS)] = [period.start, period.end, period.label, period.evidence]
    return bulletins


def _order_key(row: pd.Series, doc_number: regex.Pattern[str]) -> tuple[str, str, tuple[int, int], str]:
    """Bulletins of one issuer in the order they report: by period, then doc number (document.yaml
    `marks.doc_number`), then name."""
    doc = doc_number.search(row["doc_number"])
    return (row["period_end"] or "9999", row["period_start"],
            (int(doc.group("year")), int(doc.group("seq"))) if doc else (9999, 0), row["file"])


def _issuer_key(issuer: str) -> str:
    return hashlib.sha1(issuer.encode("utf-8")).hexdigest()[:6]


def build_history(bulletins: pd.DataFrame, indicators: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    link_rules = LinkRules.from_rules(rules.history, Limits.from_rules(rules).history_max_score_cells)
    ok = _with_periods(bulletins[bulletins["status"] == ResultStatus.OK], rules)
    # the issuer groups the bulletins; without a masthead, the doc number's prefix (凤政督函) does
    doc_number = rules.document.marks.doc_number
    ok["issuer"] = [i or ((m := doc_number.search(d)) and m.group("issuer")) or d
                    for i, d in zip(ok["issuer"], ok["doc_number"])]
    ok = ok.drop_duplicates("file")
    ok = ok.assign(_order=[_order_key(r, doc_number) for _, r in ok.iterrows()]).sort_values(["issuer", "_order"])
    if "sha256" in ok.columns:
        # a byte-identical copy (a second download, `… (1).pdf`) is the same bulletin: counted twice
        # it would lengthen every laggard's run. The shortest name is kept (a copy's adds a suffix).
        by_name = ok.assign(_len=ok["file"].str.len()).sort_values(["_len", "file"])
        ok = ok.loc[ok.index.isin(by_name.index[(by_name["sha256"] == "") | ~by_name.duplicated("sha256")])]
    meta = ok.set_index("file")
    rows = indicators[indicators["file"].isin(meta.index)].reset_index(drop=True)
    for column in ("section", "responsible_units", "annex_no", "seq", "completion_ratio", "completion_raw",
                   "progress"):
        if column not in rows.columns:
            rows[column] = ""
    ids = [""] * len(rows)
    scores: list[float | None] = [None] * len(rows)
    kinds = [""] * len(rows)
    row_issuer = rows["file"].map(meta["issuer"])
    for issuer, group in ok.groupby("issuer", sort=True):
        mine = rows[row_issuer == issuer]
        local = {file: np.asarray(idx, dtype=np.intp) for file, idx in mine.groupby("file", sort=False).indices.items()}
        f = features(mine["target"].tolist(), mine["responsible_units"].tolist(), mine["campaign"].tolist(),
                     mine["section"].tolist(), link_rules)
        links = link_bulletins([local.get(file, np.zeros(0, dtype=np.intp)) for file in group["file"]], f, link_rules)
        key = _issuer_key(str(issuer))
        position = mine.index.to_numpy()
        for row, link in links.items():
            at = int(position[row])
            ids[at] = f"{key}-{link.series + 1:04d}"
            scores[at] = link.score
            kinds[at] = link.kind
    m = meta.loc[rows["file"]]
    history = pd.DataFrame({
        "issuer": m["issuer"].to_numpy(), "indicator_id": ids, "period": m["period_label"].to_numpy(),
        "target": rows["target"], "completion_ratio": pd.to_numeric(rows["completion_ratio"], errors="coerce"),
        "status": rows["status"], "file": rows["file"], "link_score": scores, "link": kinds,
        "period_start": m["period_start"].to_numpy(), "period_end": m["period_end"].to_numpy(),
        "doc_number": m["doc_number"].to_numpy(), "annex_no": rows["annex_no"], "campaign": rows["campaign"],
        "section": rows["section"], "seq": rows["seq"], "responsible_units": rows["responsible_units"],
        "completion_raw": rows["completion_raw"], "progress": rows["progress"],
    })
    position = {file: i for i, file in enumerate(ok["file"])}
    history["_position"] = history["file"].map(position)
    history = history.sort_values(["issuer", "_position"], kind="stable")   # rows keep their order
    return history.drop(columns="_position").reset_index(drop=True)[HISTORY_COLUMNS]


def find_laggards(history: pd.DataFrame, rules: Rules, min_run: int | None = None) -> pd.DataFrame:
    """Runs of >= min_run consecutive bulletins of an issuer in which an indicator is behind."""
    min_run = int(rules.history.min_run if min_run is None else min_run)
    # each row's bulletin as a number within its issuer (history is in period order)
    position = history.groupby("issuer", sort=False)["file"].transform(lambda f: pd.factorize(f)[0])
    last = history.assign(_p=position).groupby("issuer", sort=False)["_p"].transform("max")
    behind = history.assign(_p=position, _last=last)[history["status"].isin(rules.history.behind)]
    behind = behind.sort_values(["issuer", "indicator_id", "_p"], kind="stable")
    # a run starts where the indicator changes or a bulletin is skipped
    same = (behind["issuer"].eq(behind["issuer"].shift()) & behind["indicator_id"].eq(behind["indicator_id"].shift())
            & behind["_p"].eq(behind["_p"].shift() + 1))
    runs = behind.groupby((~same).cumsum(), sort=False)
    first, final, size = runs.head(1), runs.tail(1), runs.size()
    laggards = pd.DataFrame({
        "issuer": final["issuer"].to_numpy(), "indicator_id": final["indicator_id"].to_numpy(),
        "run": size.to_numpy(), "first_period": first["period"].to_numpy(), "last_period": final["period"].to_numpy(),
        "ongoing": (final["_p"] == final["_last"]).to_numpy(), "campaign": final["campaign"].to_numpy(),
        "target": final["target"].to_numpy(), "responsible_units": final["responsible_units"].to_numpy(),
        "last_completion_ratio": final["completion_ratio"].to_numpy(), "last_progress": final["progress"].to_numpy(),
        "last_file": final["file"].to_numpy(),
    }, columns=LAGGARD_COLUMNS)
    laggards = laggards[laggards["run"] >= min_run]
    return laggards.sort_values(["issuer", "run", "indicator_id"], ascending=[True, False, True]).reset_index(drop=True)


def indicator_history(out_dir: str | Path, rules: Rules, min_run: int | None = None) -> History:
    if min_run is not None and min_run < 1:
        raise ValueError(f"--min-run {min_run}: must be at least 1")
    bulletins, indicators = read_outputs(out_dir)
    history = build_history(bulletins, indicators, rules)
    return History(history=history, laggards=find_laggards(history, rules, min_run))


def run_history(out_dir: str | Path, rules: Rules, options: BatchOptions, min_run: int | None = None) -> History:
    """`indicator_history` in a worker process under the options' timeout and memory limit, as
    `check` runs a file: a rules pattern that backtracks without end, or a table too big for memory,
    ends in a one-line ValueError instead of a hang."""
    from extract.run.pools import call_in_worker

    if min_run is not None and min_run < 1:   # a usage error: before a worker starts
        raise ValueError(f"--min-run {min_run}: must be at least 1")
    memory_mb = Limits.from_rules(rules).memory_limit(options.memory_mb)   # one no worker runs under: one line, here
    try:
        return call_in_worker(indicator_history, (str(out_dir), rules, min_run), options.timeout, memory_mb)
    except TimeoutError as exc:
        raise ValueError(f"history of {out_dir}: {exc} (a rules pattern that never ends? --timeout sets the "
                         "limit)") from None
    except MemoryError:
        raise ValueError(f"history of {out_dir}: over the memory limit of {memory_mb} MiB "
                         "(--memory-limit, worker.memory_mb in rules/limits.yaml)") from None


def write_history(result: History, target: str | Path, encoding: str = "utf-8-sig") -> None:
    """history.csv and laggards.csv into `target` (`zhuanbao history`, the serve batch page)."""
    from extract.outputs.export import frame_csv_text, write_text_atomic

    target = Path(target)
    write_text_atomic(target / "history.csv", frame_csv_text(result.history), encoding=encoding)
    write_text_atomic(target / "laggards.csv", frame_csv_text(result.laggards), encoding=encoding)


def indicator_series(history: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: its periods, completion ratios and statuses in order (for sparklines)."""
    grouped = history.groupby(["issuer", "indicator_id"], sort=True)
    return grouped.agg(campaign=("campaign", "last"), target=("target", "last"), periods=("period", list),
                       period_ends=("period_end", list), completion=("completion_ratio", list),
                       statuses=("status", list)).reset_index()
