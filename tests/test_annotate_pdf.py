"""check --annotate on PDFs: a highlight per finding over its sentence's characters, the message as its note."""
from __future__ import annotations

import dataclasses
import hashlib

import pytest
from paths import CORPUS
from pypdf import PdfReader
from read_annotations import (
    SOFFICE,
    as_claims_read_it,
    corrupt_a_cell,
    libreoffice_pdfs,
    read_highlights,
)

from extract.chinese.numbers import CountWords
from extract.chinese.text import squash
from extract.cli import main
from extract.outputs.annotate_pdf import annotate_pdf
from extract.outputs.messages import message, shown
from extract.pipeline import process_file
from extract.settings.limits import Limits
from extract.settings.rules import load_rules

WORDS = CountWords.from_rules(load_rules())   # the shipped words that tell a numeral that counts

PDFS = sorted((CORPUS / "pdf").glob("*.pdf"))


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _annotate(source, target, rules):
    before = _sha(source)
    result = process_file(source, rules)
    written = annotate_pdf(source, result.findings, target, rules.review, Limits.from_rules(rules), WORDS)
    assert _sha(source) == before, "the original PDF was modified"
    return result, written


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, rules):
    folder = tmp_path_factory.mktemp("annotated-pdf")
    return [(source, *_annotate(source, folder / source.name, rules), folder / source.name) for source in PDFS]


def _check_highlights(result, target, rules) -> int:
    findings = shown(result.findings, rules.review)
    highlights: dict[str, list] = {}   # read page by page: match by note; a sentence that runs on is one per page
    for h in read_highlights(target):
        highlights.setdefault(h.contents, []).append(h)
    assert sorted(highlights) == sorted(message(f, rules.review) for f in findings), target.name
    for finding in findings:
        marks = highlights[message(finding, rules.review)]
        assert {mark.author for mark in marks} == {rules.review.author}
        assert [mark.page for mark in marks] == list(range(finding.page, finding.page + len(marks)))
        # the highlighted characters are the sentence (Chinese numerals read as digits), nothing more
        covered = "".join(mark.covered for mark in marks)
        assert as_claims_read_it(covered) == squash(finding.sentence), (target.name, finding.kind)
    return len(findings)


def test_every_corpus_pdf_gets_a_highlight_over_each_finding_sentence(annotated, rules):
    total = 0
    for _source, result, written, target in annotated:
        assert written.marks == len(shown(result.findings, rules.review)) and written.approximate == []
        total += _check_highlights(result, target, rules)
    assert total >= 10   # not vacuous: the corpus has 11 today


def test_the_pdf_is_otherwise_the_same(annotated):
    for source, _, _, target in annotated:
        before, after = PdfReader(str(source)), PdfReader(str(target))
        assert len(before.pages) == len(after.pages)
        assert [p.extract_text() for p in before.pages] == [p.extract_text() for p in after.pages]


def test_each_highlight_has_a_popup_note(annotated, rules):
    _, result, _, target = next(a for a in annotated if a[0].name == "fenghuang-2023-13.pdf")
    kinds = []
    for page in PdfReader(str(target)).pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            kinds.append(annot["/Subtype"])
            if annot["/Subtype"] == "/Highlight":
                assert annot["/Popup"].get_object()["/Parent"].get_object() == annot
    # one per shown finding: its sentences sit on one page each here
    assert kinds.count("/Highlight") == kinds.count("/Popup") == len(shown(result.findings, rules.review)) >= 2


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (apt-get install libreoffice-writer)")
def test_a_table_cell_finding_highlights_the_cell(tmp_path, rules):
    draft = tmp_path / "cell.docx"
    corrupt_a_cell(CORPUS / "docx" / "fenghuang-2023-13.docx", draft)
    libreoffice_pdfs([draft], tmp_path, tmp_path / "profile")
    result, _ = _annotate(tmp_path / "cell.pdf", tmp_path / "out.pdf", rules)
    # the draft's four (with 大唐领域/大唐领御, a name_variant) and the corrupted cell's sum
    assert _check_highlights(result, tmp_path / "out.pdf", rules) == 5
    cell = next(h for h in read_highlights(tmp_path / "out.pdf") if "20 + 66" in h.contents)
    assert squash(cell.covered) == "共有87项任务清单,其中已完成年度任务20项,稳步推进66项。"


def test_a_sentence_not_on_its_page_gets_a_note_at_the_top(tmp_path, rules):
    source = CORPUS / "pdf" / "fenghuang-2023-13.pdf"
    result = process_file(source, rules)
    lost = dataclasses.replace(result.findings[0], sentence="这句话不在这一页上，也不在下一页上。")
    written = annotate_pdf(source, [lost], tmp_path / "out.pdf", rules.review, Limits.from_rules(rules), WORDS)
    assert written.marks == 1 and written.approximate == [lost]
    (mark,) = read_highlights(tmp_path / "out.pdf")
    assert mark.page == lost.page and "这句话不在这一页上" in mark.contents


def test_cli_check_annotate_pdf(tmp_path, capsys):
    target = tmp_path / "reviewed.pdf"
    assert main(["check", str(CORPUS / "pdf" / "jishou-2024-02.pdf"), "--annotate", str(target)]) == 1
    assert "reviewed.pdf：已写入标注3处" in capsys.readouterr().out
    assert len(read_highlights(target)) == 3
