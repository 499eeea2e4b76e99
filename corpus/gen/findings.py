"""The expected findings of a bulletin, from its plan (what each statement claims) and its truth
records (what the annex tables say), by the definitions the corpus scores against:

  percent_mismatch   a stated share ≠ count/total×100 rounded half-up at the printed decimals
  percent_truncated  (warning) the share equals count/total×100 cut, not rounded, at those decimals
  sum_mismatch       the stated parts (two or more) do not add up to the stated total
  total_vs_table     a stated total ≠ the number of the linked table's rows that have a status
  count_vs_table     a stated count of one status ≠ the number of table rows with that status
  named_item_status  a named item's row has another status than the list's
  named_item_missing a row with the list's status that the list does not name (only where the
                     section has a list for that status)
  name_not_found     a named item matches no row
  name_variant       (warning) a named item matches a row only with one or two characters different
  campaign_name_drift (warning) the section heading names the annex's campaign differently

The plan is structured (counts are numbers, names are strings), so nothing here parses text.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal

from . import numerals as N

WARNINGS = {"percent_truncated", "name_variant", "campaign_name_drift"}


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def substring_distance(name: str, text: str) -> int:
    """The least edit distance between `name` and any substring of `text` (Sellers)."""
    prev = [0] * (len(text) + 1)
    for i, a in enumerate(name, 1):
        cur = [i] + [0] * len(text)
        for j, b in enumerate(text, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b))
        prev = cur
    return min(prev)


def match(name: str, records: list[dict]) -> tuple[str, list[dict]]:
    """("exact" | "variant" | "none", the rows): a name names a row when it is part of the row's
    target; one or two characters off is a variant (for names of four characters or more)."""
    n = norm(name)
    exact = [r for r in records if n in norm(r["target"])]
    if exact:
        return "exact", exact
    if len(n) >= 4:
        near = [r for r in records if substring_distance(n, norm(r["target"])) <= 2]
        if near:
            return "variant", near
    return "none", []


def units(plan: dict, truth: dict):
    """(key, annex, stmt, records) for each counted statement; a 民生 section has one per sub-table."""
    for sec in plan["sections"]:
        rows = [r for r in truth["indicators"] if r["annex_no"] == sec["annex"]]
        if "subs" in sec:
            for sub in sec["subs"]:
                yield (f"{sec['key']}{sub['item']}", sec["annex"], sub["stmt"],
                       [r for r in rows if r["section"] == sub["table"]])
        else:
            yield sec["key"], sec["annex"], sec["stmt"], rows


def stated_parts(stmt: dict) -> list[tuple[str, int]]:
    if stmt.get("all"):
        return [(stmt["all"], stmt["total"])]
    parts = [(p["status"], p["count"]) for p in stmt["parts"]]
    if stmt.get("unassigned"):
        parts.append(("unassigned", stmt["unassigned"]["count"]))
    return parts


def stated_lists(stmt: dict) -> list[tuple[str, list[str]]]:
    lists = [(lst["status"], lst["names"]) for lst in stmt.get("lists", [])]
    if stmt.get("unassigned"):
        lists.append(("unassigned", [stmt["unassigned"]["name"]]))
    return lists


def expected(plan: dict, truth: dict) -> list[dict]:
    campaigns = {r["annex_no"]: r["campaign"] for r in truth["indicators"]}
    out: list[dict] = []

    def add(kind, key, annex, detail):
        out.append({"kind": kind, "annex_no": annex, "campaign": campaigns[annex], "section": key,
                    "severity": "warning" if kind in WARNINGS else "error", "detail": detail})

    for sec in plan["sections"]:
        if norm(sec["heading"]) != norm(campaigns[sec["annex"]]):
            add("campaign_name_drift", sec["key"], sec["annex"],
                f"heading {sec['heading']}, annex title {campaigns[sec['annex']]}")
    for key, annex, stmt, records in units(plan, truth):
        with_status = [r for r in records if r["status"] != "unknown"]
        count: dict[str, int] = {}
        for r in with_status:
            count[r["status"]] = count.get(r["status"], 0) + 1
        total = stmt["total"]
        parts = stated_parts(stmt)
        if total != len(with_status):
            add("total_vs_table", key, annex, f"total {total} ≠ {len(with_status)} rows with a status")
        if len(parts) >= 2 and sum(c for _, c in parts) != total:
            add("sum_mismatch", key, annex,
                f"{' + '.join(str(c) for _, c in parts)} = {sum(c for _, c in parts)} ≠ {total}")
        for status, c in parts:
            if c != count.get(status, 0):
                add("count_vs_table", key, annex, f"{status} {c} ≠ {count.get(status, 0)} rows")
        for part in [] if stmt.get("all") else stmt["parts"]:
            share = part.get("share")
            if share is None or share == "auto":
                continue
            d = N.decimals_of(share)
            rounded = N.share_value(part["count"], total, d)
            cut = N.share_value(part["count"], total, d, cut=True)
            if Decimal(share) == Decimal(rounded):
                continue
            kind = "percent_truncated" if Decimal(share) == Decimal(cut) else "percent_mismatch"
            add(kind, key, annex, f"{share}% for {part['count']}/{total}: rounded {rounded}%")
        for status, names in stated_lists(stmt):
            named: set[int] = set()
            for name in names:
                how, hits = match(name, records)
                if how == "none":
                    add("name_not_found", key, annex, f"“{name}” names no row of annex {annex}")
                    continue
                if how == "variant":
                    add("name_variant", key, annex,
                        f"narrative “{name}”, table “{hits[0]['target']}”")
                named.update(id(h) for h in hits)
                wrong = [h for h in hits if h["status"] != status]
                if wrong and len(wrong) == len(hits):
                    add("named_item_status", key, annex,
                        f"“{name}” listed as {status}, row {wrong[0]['seq']} is {wrong[0]['status']}")
            for r in with_status:
                if r["status"] == status and id(r) not in named:
                    add("named_item_missing", key, annex,
                        f"row {r['seq']} “{r['target'][:24]}” is {status} but not named")
    return out
