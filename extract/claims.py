"""Narrative sentences -> Claim records.

The narrative's first part (一、工作进展情况) states, per campaign section (一)…(六), a total
("共有重点监测指标40项"), per-status parts with a count and a share ("已完成年度任务1项，占比2.5%"),
and named lists ("未完成时序进度的指标分别为A、B、C"). Each is one Claim; checks.py compares them
with the annex tables. Wording lives in rules/claims.yaml; the statuses a label stands for in
rules/status.yaml (`narrative_labels`).

Steps:
1. `outline`: join the PDF's wrapped lines into paragraphs (a paragraph starts at a heading
   marker), repair them, split them into parts (一、), sections ((一)) and items (1.), and into
   sentences, each with the page/locator of the line where it starts.
2. `extract_claims`: link each section to its annex ("详见附件N", else the campaign name in its
   heading, fuzzy), read the sentences' claims, and add the counts printed inside table cells
   (annex 3 style "共有37项任务清单，其中已完成年度任务6项，稳步推进31项").
3. `link_sections(claims, …)`: the section -> (annex, sub-table, campaign, drift) mapping both
   this module and checks.py use; it is computed from the claims alone, so checks need nothing
   else. A sub-section's total claim is labelled with the sub-section's heading (the thing the
   total counts: "省定十大重点民生实事项目"); that heading picks the annex sub-table.

Claim.campaign is the campaign as the narrative's section heading names it when the heading is
a campaign name (fuzzy score >= linking.campaign_min_score), else the linked annex's campaign; a
difference from the annex's campaign is reported by checks as campaign_name_drift.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import regex
from rapidfuzz import fuzz

from extract.model import Annex, Claim, Indicator, TextLine
from extract.numbers import parse_cn_int, parse_percent, to_arabic_in_text
from extract.text import repair_cjk, squash

KIND_TOTAL = "total"
KIND_PART = "part"
KIND_ALL = "all"
KIND_NAMES = "names"
KIND_CELL = "cell"
STATUS_TOTAL = "total"
STATUS_GROUPS = "total_groups"


# --------------------------------------------------------------------------- outline


@dataclass
class Sentence:
    text: str            # repaired, Chinese numerals made Arabic: what patterns read
    raw: str             # repaired only: where names are cut from (一户一表 stays)
    page: int | None
    locator: str


@dataclass
class Section:
    key: str                      # "(一)", "(六)1"
    parent: str                   # "(六)" for "(六)1"; the key itself for a section
    heading: str                  # "打好经济增长主动仗" / "省定十大重点民生实事项目"
    campaign_heading: str         # the section's (not the item's) heading
    sentences: list[Sentence] = field(default_factory=list)
    page: int | None = None
    locator: str = ""

    @property
    def is_item(self) -> bool:
        return self.key != self.parent


@dataclass
class _Para:
    kind: str                     # part | section | item | text
    marker: str                   # "一、" "(一)" "1."
    lines: list[tuple[str, int | None, str]]   # (repaired text, page, locator), marker removed


@lru_cache(maxsize=64)
def _rx(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


def _cfg(rules: Any) -> dict[str, Any]:
    return rules.claims or {}


def _paragraphs(narrative: list[TextLine], rules: Any) -> list[_Para]:
    cfg = _cfg(rules)
    heads = cfg.get("headings", {})
    bullet = _rx(cfg.get("bullet", r"^\s*[-•·]\s+"))
    stop = _rx(cfg.get("stop", r"^附\s*件\s*[:：]"))
    markers = [(kind, _rx(heads[kind])) for kind in ("part", "section", "item") if heads.get(kind)]
    paras: list[_Para] = []
    for line in narrative:
        text = repair_cjk(bullet.sub("", line.text)).strip()
        if not text:
            continue
        if stop.match(text):
            break
        for kind, rx in markers:
            m = rx.match(text)
            if m:
                body = text[m.end():].strip()
                paras.append(_Para(kind, squash(m.group()), [(body, line.page, line.locator)] if body else []))
                if not body:
                    paras[-1].lines.append(("", line.page, line.locator))
                break
        else:
            if not paras:
                paras.append(_Para("text", "", []))
            paras[-1].lines.append((text, line.page, line.locator))
    return paras


def _split_heading(para: _Para, rules: Any) -> tuple[str, list[tuple[str, int | None, str]]]:
    """The heading of a section/item paragraph and the lines of its body.

    A heading ends at the first punctuation ("打好经济增长主动仗。共有…" -> 打好经济增长主动仗).
    A short first line with no punctuation is a heading on its own line; the body starts after it.
    """
    cfg = _cfg(rules)
    lines = [entry for entry in para.lines if entry[0]]
    if not lines:
        return "", []
    first = lines[0][0]
    punct = _rx(r"[。；;，,：:！？!?]")
    m = punct.search(first)
    max_chars = int(cfg.get("heading_only_max_chars", 24))
    if m is None and len(lines) > 1 and len(first) <= max_chars:
        return first, lines[1:]
    joined = "".join(text for text, _, _ in lines)
    m = punct.search(joined)
    heading = joined[: m.start()] if m else joined
    return heading.strip(), lines


def _sentences(lines: list[tuple[str, int | None, str]], rules: Any) -> list[Sentence]:
    """Join wrapped lines (no separator: CJK text) and split into sentences with their pages."""
    cfg = _cfg(rules)
    end = _rx(cfg.get("sentence_end", r"[。；;！？!?]"))
    text, starts = "", []
    for line_text, page, locator in lines:
        starts.append((len(text), page, locator))
        text += line_text

    def where(offset: int) -> tuple[int | None, str]:
        page, locator = None, ""
        for start, p, loc in starts:
            if start <= offset:
                page, locator = p, loc
            else:
                break
        return page, locator

    out: list[Sentence] = []
    pos = 0
    bounds = [m.end() for m in end.finditer(text)] + [len(text)]
    for stop in bounds:
        chunk = text[pos:stop]
        lead = len(chunk) - len(chunk.lstrip())
        raw = repair_cjk(chunk).strip()
        if raw:
            page, locator = where(pos + lead)
            out.append(Sentence(to_arabic_in_text(raw), raw, page, locator))
        pos = stop
    return out


def _part_is_claims(title: str, rules: Any) -> bool:
    spec = _cfg(rules).get("parts", {})
    t = squash(title)
    if any(word in t for word in spec.get("exclude", [])):
        return False
    return any(word in t for word in spec.get("include", []))


def outline(narrative: list[TextLine], rules: Any) -> list[Section]:
    """The sections (and items) of the narrative's claims part(s), with their sentences."""
    paras = _paragraphs(narrative, rules)
    has_parts = any(p.kind == "part" for p in paras)
    in_claims = not has_parts
    sections: list[Section] = []
    current: Section | None = None      # the current (X) section
    item: Section | None = None         # the current item inside it
    for para in paras:
        if para.kind == "part":
            title = "".join(text for text, _, _ in para.lines)
            in_claims = _part_is_claims(title, rules)
            current = item = None
            continue
        if not in_claims:
            continue
        if para.kind == "section":
            heading, body = _split_heading(para, rules)
            first = next((entry for entry in para.lines if entry[0]), ("", None, ""))
            key = para.marker
            current = Section(key, key, heading, heading, page=first[1], locator=first[2])
            current.sentences = _sentences(body, rules)
            sections.append(current)
            item = None
        elif para.kind == "item" and current is not None:
            heading, body = _split_heading(para, rules)
            first = next((entry for entry in para.lines if entry[0]), ("", None, ""))
            number = regex.sub(r"\D", "", para.marker)
            item = Section(f"{current.key}{number}", current.key, heading, current.campaign_heading,
                           page=first[1], locator=first[2])
            item.sentences = _sentences(body, rules)
            sections.append(item)
        elif current is not None:
            target = item if item is not None else current
            target.sentences.extend(_sentences(para.lines, rules))
    return sections


# --------------------------------------------------------------------------- linking


class SectionLink(NamedTuple):
    annex_no: int | None
    subtable: str | None          # the indicators' `section` value of the linked sub-table
    campaign: str                 # the linked annex's campaign (else the narrative's wording)
    drift: bool                   # the narrative names the campaign differently


def _annex_ref(sentences: list[Sentence], rules: Any) -> int | None:
    rx = _rx(_cfg(rules).get("annex_ref", r"详见\s*附\s*件\s*(?P<no>[0-9]+|[一二三四五六七八九十]+)"))
    for s in sentences:
        m = rx.search(s.raw)
        if m:
            return parse_cn_int(m.group("no"))
    return None


def _campaign_score(a: str, b: str) -> float:
    return fuzz.ratio(squash(a), squash(b))


def _best_campaign(heading: str, annexes: list[Annex]) -> tuple[Annex | None, float]:
    """The annex whose campaign the heading names best (its title when it has no campaign)."""
    best, best_score = None, -1.0
    for annex in annexes:
        if annex.campaign:
            score = _campaign_score(heading, annex.campaign)
        elif annex.title:
            score = fuzz.partial_ratio(squash(heading), squash(annex.title))
        else:
            continue
        if score > best_score:
            best, best_score = annex, score
    return best, best_score


def _section_links(sections: list[Section], annexes: list[Annex], rules: Any) -> dict[str, tuple[int | None, str]]:
    """section key -> (annex_no, the campaign as the section's claims carry it).

    The annex: the "详见附件N" of the item, else of the section (for (六), the one after its
    item 3 applies to all its items), else the annex whose campaign the heading names (fuzzy).
    The campaign: the heading's wording when it names the linked annex's campaign (a drift is
    then visible to checks), else the annex's campaign.
    """
    min_score = float(rules.tolerance("linking", "campaign_min_score", default=70))
    by_no = {a.no: a for a in annexes}
    refs = {s.key: _annex_ref(s.sentences, rules) for s in sections}
    section_ref: dict[str, int | None] = {}
    for s in sections:
        if not s.is_item:
            item_refs = [refs[i.key] for i in sections if i.parent == s.key and i.is_item and refs[i.key]]
            section_ref[s.key] = refs[s.key] or (item_refs[0] if item_refs else None)
    out: dict[str, tuple[int | None, str]] = {}
    for s in sections:
        ref = refs[s.key] if s.is_item and refs[s.key] else section_ref.get(s.parent)
        best, score = _best_campaign(s.campaign_heading, annexes) if s.campaign_heading else (None, 0.0)
        names_campaign = best is not None and score >= min_score
        if ref is not None:
            annex = by_no.get(ref)
        else:
            annex = best if names_campaign else None
        if annex is None:
            out[s.key] = (ref, s.campaign_heading if names_campaign or ref is None else "")
        elif names_campaign and best is not None and best.no == annex.no:
            out[s.key] = (annex.no, s.campaign_heading)
        else:
            out[s.key] = (annex.no, annex.campaign)
    return out


def _idf_dice(a: str, b: str, df: Counter[str], n: int) -> float:
    """Character overlap of a and b, each character weighted by how rare it is among candidates."""
    ca, cb = set(squash(a)), set(squash(b))
    if not ca or not cb:
        return 0.0

    def w(chars: set[str]) -> float:
        return sum(math.log(1 + n / (df.get(ch, 0) + 0.5)) for ch in chars)

    denom = w(ca) + w(cb)
    return 100.0 * 2 * w(ca & cb) / denom if denom else 0.0


def match_subtables(headings: dict[str, str], candidates: list[str], min_score: float) -> dict[str, str]:
    """Sub-section heading -> sub-table name, one-to-one, best score first."""
    if not headings or not candidates:
        return {}
    df: Counter[str] = Counter()
    for name in candidates:
        df.update(set(squash(name)))
    pairs = []
    for key, heading in headings.items():
        for name in candidates:
            score = _idf_dice(heading, name, df, len(candidates))
            tie = fuzz.ratio(squash(heading), squash(name))
            pairs.append((score, tie, key, name))
    pairs.sort(key=lambda p: (-p[0], -p[1]))
    out: dict[str, str] = {}
    used: set[str] = set()
    for score, _, key, name in pairs:
        if score < min_score or key in out or name in used:
            continue
        out[key] = name
        used.add(name)
    return out


def link_sections(claims: list[Claim], annexes: list[Annex], indicators: list[Indicator],
                  rules: Any) -> dict[str, SectionLink]:
    """section -> SectionLink(annex_no, subtable or None, campaign, drift), from the claims alone.

    annex_no is the claims' (set from "详见附件N" or the heading's campaign); a sub-section
    ("(六)1") links to the sub-table of that annex (an indicators' `section` value) its heading
    best matches, the heading being the label of its total claim; campaign is the annex's
    campaign; drift is True when the narrative names that campaign differently.
    """
    by_no = {a.no: a for a in annexes}
    min_score = float(rules.tolerance("linking", "subtable_min_score", default=40))
    first: dict[str, Claim] = {}
    heading_of: dict[str, str] = {}
    for c in claims:
        if c.kind == KIND_CELL or not c.section:
            continue
        first.setdefault(c.section, c)
        if c.kind == KIND_TOTAL and c.section not in heading_of:
            heading_of[c.section] = c.label
    for c in claims:   # a cell-only section still gets a link
        if c.section and c.section not in first:
            first[c.section] = c
    links: dict[str, SectionLink] = {}
    items_by_annex: dict[int, dict[str, str]] = defaultdict(dict)
    for key, c in first.items():
        annex = by_no.get(c.annex_no) if c.annex_no is not None else None
        campaign = annex.campaign if annex is not None else c.campaign
        drift = bool(annex is not None and annex.campaign and c.kind != KIND_CELL and c.campaign
                     and squash(c.campaign) != squash(annex.campaign))
        links[key] = SectionLink(c.annex_no, None, campaign, drift)
        if regex.search(r"\)\d+$", key) and c.annex_no is not None:
            items_by_annex[c.annex_no][key] = heading_of.get(key) or c.label
    for annex_no, headings in items_by_annex.items():
        candidates: list[str] = []
        for ind in indicators:
            if ind.annex_no == annex_no and ind.section and ind.section not in candidates:
                candidates.append(ind.section)
        for key, name in match_subtables(headings, candidates, min_score).items():
            links[key] = links[key]._replace(subtable=name)
    return links


# --------------------------------------------------------------------------- patterns


class _Patterns:
    def __init__(self, rules: Any):
        cfg = _cfg(rules)
        labels: dict[str, str] = {}
        for status, words in ((rules.status or {}).get("narrative_labels") or {}).items():
            for word in words or []:
                labels.setdefault(squash(word), status)
        self.label_status = labels
        alternation = "|".join(regex.escape(w) for w in sorted(labels, key=len, reverse=True)) or "(?!)"
        unit = cfg.get("part_units", "项|个|件")
        negations = cfg.get("negations", [])
        neg = "".join(f"(?<!{regex.escape(n)})" for n in negations)
        self.parts = [_rx(neg + p.replace("{label}", f"(?:{alternation})").replace("{unit}", f"(?:{unit})"))
                      for p in cfg.get("parts_patterns", [])]
        self.all = _rx(cfg.get("all_pattern", r"均(?P<label>{label})").replace("{label}", f"(?:{alternation})"))
        self.label_any = _rx(neg + f"(?:{alternation})")
        self.totals = [_rx(p) for p in cfg.get("totals", [])]
        self.percent = _rx(cfg.get("percent", r"占比\s*(?P<pct>[0-9]+(?:\.[0-9]+)?\s*%)"))
        spec = cfg.get("names", {})
        self.names_trigger = _rx(spec.get("trigger", r"(?:分别为|分别是)+"))
        self.names_sep = _rx(spec.get("separator", "、"))
        self.names_end = _rx(spec.get("end", r"[。；;]"))
        self.names_strip = _rx(spec.get("strip_suffix", r"等$"))
        self.clause_end = _rx(cfg.get("clause_end", r"[，,；;。]"))
        cells = cfg.get("cells", {})
        self.cell_trigger = _rx(cells.get("trigger", r"共有?\s*(?P<count>[0-9]+)\s*项\s*任务清单"))
        self.cell_label = cells.get("label", "任务清单")

    def status_of(self, label: str) -> str:
        return self.label_status.get(squash(label), "")

    def last_status(self, text: str) -> str:
        found = list(self.label_any.finditer(squash(text)))
        return self.status_of(found[-1].group()) if found else ""


def _patterns(rules: Any) -> _Patterns:
    return _Patterns(rules)


@dataclass
class _Part:
    start: int
    label: str
    status: str
    count: int | None
    percent_raw: str = ""
    percent: float | None = None
    kind: str = KIND_PART


def _read_parts(text: str, pats: _Patterns) -> list[_Part]:
    """Per-status parts of a text, in order, each with the share stated after it."""
    taken: list[tuple[int, int]] = []
    parts: list[_Part] = []
    for rx in pats.parts:
        for m in rx.finditer(text):
            span = m.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            parts.append(_Part(span[0], m.group("label"), pats.status_of(m.group("label")), int(m.group("count"))))
    for m in pats.all.finditer(text):
        span = m.span()
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        taken.append(span)
        parts.append(_Part(span[0], "均" + m.group("label"), pats.status_of(m.group("label")), None, kind=KIND_ALL))
    parts.sort(key=lambda p: p.start)
    for m in pats.percent.finditer(text):
        before = [p for p in parts if p.start < m.start() and p.kind == KIND_PART]
        if not before or before[-1].percent is not None:
            continue
        pct = parse_percent(m.group("pct"))
        if pct is None:
            continue
        before[-1].percent_raw = pct.raw
        before[-1].percent = pct.value
    return parts


def _read_names(sentence: Sentence, pats: _Patterns) -> tuple[int, str, str, tuple[str, ...]] | None:
    """A named list in a sentence: (where its trigger starts in .raw, label, status, names).

    Names are cut from the repaired text before the numeral conversion (一户一表 stays).
    """
    m = pats.names_trigger.search(sentence.raw)
    if m is None:
        return None
    rest = sentence.raw[m.end():]
    end = pats.names_end.search(rest)
    body = rest[: end.start()] if end else rest
    names = []
    for name in pats.names_sep.split(body):
        name = pats.names_strip.sub("", name.strip().strip("，,：:")).strip()
        if name:
            names.append(name)
    if not names:
        return None
    before = sentence.raw[: m.start()]
    bounds = [b.end() for b in pats.clause_end.finditer(before)]
    clause = before[bounds[-1]:] if bounds else before
    # "1项待州里下达具体任务，即新建、改扩建公办幼儿园": one item, whose name holds a 、
    one = _rx(r"(?<![0-9])1\s*(?:项|个|件)").search(to_arabic_in_text(clause))
    if one and len(names) > 1:
        names = [pats.names_strip.sub("", body.strip().strip("，,：:")).strip()]
    trigger = regex.sub(r"(分别为|分别是|分别有|包括)+", r"\1", squash(m.group())).rstrip(":：")
    label = squash(clause) + trigger
    return m.start(), label, pats.last_status(clause), tuple(names)


def _find_total(sec: Section, pats: _Patterns) -> tuple[int, regex.Match[str]] | None:
    """The section's total: the first sentence (and first pattern) stating one."""
    for index, s in enumerate(sec.sentences):
        for rx in pats.totals:
            m = rx.search(s.text)
            if m:
                return index, m
    return None


def _claims_of_section(sec: Section, link: tuple[int | None, str], pats: _Patterns, file: str) -> list[Claim]:
    annex_no, campaign = link
    found = _find_total(sec, pats)
    total = groups = None
    if found is not None:
        groups_text = found[1].groupdict().get("groups")
        total, groups = int(found[1].group("count")), (int(groups_text) if groups_text else None)

    def make(label: str, status: str, count: int | None, s: Sentence, kind: str, percent_raw: str = "",
             percent: float | None = None, names: tuple[str, ...] = (), of: int | None = None) -> Claim:
        return Claim(file=file, section=sec.key, campaign=campaign, annex_no=annex_no, label=label,
                     status=status, count=count, total=total if of is None else of, percent_raw=percent_raw,
                     percent=percent, text=s.text, page=s.page, locator=s.locator, names=names, kind=kind)

    claims: list[Claim] = []
    last_status = ""
    for index, s in enumerate(sec.sentences):
        if found is not None and index == found[0]:
            m = found[1]
            label = m.groupdict().get("label") or ""
            label = sec.heading if (sec.is_item or not label) and sec.heading else label
            claims.append(make(label, STATUS_TOTAL, total, s, KIND_TOTAL, of=total))
            if groups is not None:
                claims.append(make(label, STATUS_GROUPS, groups, s, KIND_TOTAL, of=groups))
        named = _read_names(s, pats)
        text = s.text if named is None else to_arabic_in_text(s.raw[: named[0]])
        for part in _read_parts(text, pats):
            count = total if part.kind == KIND_ALL else part.count
            claims.append(make(part.label, part.status, count, s, part.kind, part.percent_raw, part.percent))
            last_status = part.status or last_status
        if named is not None:
            _, label, status, names = named
            claims.append(make(label, status or last_status, len(names), s, KIND_NAMES, names=names))
    return claims


def _cell_claims(indicators: list[Indicator], annex_section: dict[int, str], annexes: list[Annex],
                 pats: _Patterns, file: str) -> list[Claim]:
    campaigns = {a.no: a.campaign for a in annexes}
    claims: list[Claim] = []
    for ind in indicators:
        text = to_arabic_in_text(repair_cjk(ind.progress or ""))
        m = pats.cell_trigger.search(text)
        if m is None:
            continue
        total = int(m.group("count"))
        section = annex_section.get(ind.annex_no, "")
        campaign = campaigns.get(ind.annex_no, ind.campaign)

        def make(label: str, status: str, count: int | None) -> Claim:
            return Claim(file=file, section=section, campaign=campaign, annex_no=ind.annex_no, label=label,
                         status=status, count=count, total=total, percent_raw="", percent=None, text=text,
                         page=ind.page_start, locator=ind.locator, kind=KIND_CELL)

        claims.append(make(pats.cell_label, STATUS_TOTAL, total))
        for part in _read_parts(text[m.end():], pats):
            if part.kind == KIND_PART:
                claims.append(make(part.label, part.status, part.count))
    return claims


def extract_claims(narrative: list[TextLine], annexes: list[Annex], indicators: list[Indicator],
                   rules: Any, file: str) -> list[Claim]:
    """Every counted statement of the narrative's progress part, and the counts in table cells."""
    pats = _patterns(rules)
    sections = outline(narrative, rules)
    links = _section_links(sections, annexes, rules)
    claims: list[Claim] = []
    annex_section: dict[int, str] = {}
    for sec in sections:
        annex_no = links[sec.key][0]
        if annex_no is not None:
            annex_section.setdefault(annex_no, sec.parent)
        claims.extend(_claims_of_section(sec, links[sec.key], pats, file))
    claims.extend(_cell_claims(indicators, annex_section, annexes, pats, file))
    return claims
