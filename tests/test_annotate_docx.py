"""check --annotate on drafts: one Word comment per finding, on its sentence or cell, nothing else changed."""
from __future__ import annotations

import dataclasses
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from paths import CORPUS
from read_annotations import (
    SOFFICE,
    as_claims_read_it,
    content_tokens,
    corrupt_a_cell,
    libreoffice_pdfs,
    other_parts,
    pdf_notes,
    read_comments,
)

from extract.chinese.numbers import CountWords
from extract.chinese.text import squash
from extract.cli import main
from extract.outputs.annotate import check_and_annotate
from extract.outputs.annotate_docx import annotate_docx
from extract.outputs.messages import message, shown
from extract.pipeline import process_file
from extract.settings.limits import Limits
from extract.settings.rules import load_rules

WORDS = CountWords.from_rules(load_rules())   # the shipped words that tell a numeral that counts
LOCATORS = load_rules().document.locators   # how the shipped rules write a place

DRAFTS = sorted((CORPUS / "docx").glob("*.docx"))
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (apt-get install libreoffice-writer)")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, rules):
    """Every corpus draft checked and annotated, plus the reference draft with a wrong table cell."""
    folder = tmp_path_factory.mktemp("annotated")
    cell_draft = folder / "cell-source.docx"
    corrupt_a_cell(CORPUS / "docx" / "fenghuang-2023-13.docx", cell_draft)
    out = []
    for source in [*DRAFTS, cell_draft]:
        before = _sha(source)
        result = process_file(source, rules)
        target = folder / f"{source.stem}.annotated.docx"
        written = annotate_docx(source, result.findings, target, rules.review, Limits.from_rules(rules), WORDS,
                                LOCATORS)
        assert _sha(source) == before, "the original draft was modified"
        out.append((source, result, target, written))
    return out


def test_one_comment_per_finding_on_its_sentence_or_cell(annotated, rules):
    cells = 0
    for source, result, target, written in annotated:
        findings = shown(result.findings, rules.review)
        comments = read_comments(target)
        assert len(comments) == len(findings) == written.marks, source.name
        assert written.approximate == []
        for finding, comment in zip(findings, comments):
            assert comment.text == message(finding, rules.review)
            assert comment.where == finding.locator, (source.name, finding.kind)
            if len(LOCATORS.in_draft(finding.locator)) == 2:    # a table cell: the whole cell
                cells += 1
                assert squash(comment.anchored) == squash(finding.sentence)
            else:                                            # the sentence, and nothing more
                assert as_claims_read_it(comment.anchored) == squash(finding.sentence), (source.name, finding.kind)
    assert sum(len(shown(r.findings, rules.review)) for _, r, _, _ in annotated) >= 15
    assert cells == 1


def test_the_comment_says_stated_vs_computed_in_chinese(annotated):
    texts = [c.text for _, _, target, _ in annotated for c in read_comments(target)]
    assert "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%" in texts
    assert "【警告】处于前期准备阶段占比16.66%为截断值，四舍五入应为16.67%（5/30）" in texts
    assert "【错误】各分项之和为86项（20 + 66），总数为87项" in texts          # the cell
    assert all(not any(word in t for word in ("stated", "computed")) for t in texts)


def test_everything_but_the_comments_is_kept(annotated):
    for source, _, target, _ in annotated:
        assert content_tokens(target) == content_tokens(source), source.name
        assert other_parts(target) == other_parts(source), source.name


def test_info_findings_are_not_comments(tmp_path, rules):
    source = CORPUS / "docx" / "fenghuang-2023-13.docx"
    result = process_file(source, rules)
    unchecked = dataclasses.replace(result.findings[0], kind="unchecked", severity="info",
                                    detail="(四) not checked: no linked table")
    written = annotate_docx(source, [unchecked, *result.findings], tmp_path / "out.docx", rules.review,
                            Limits.from_rules(rules), WORDS, LOCATORS)
    assert written.marks == len(read_comments(tmp_path / "out.docx")) == len(shown(result.findings, rules.review))


@needs_libreoffice
def test_libreoffice_opens_every_annotated_draft_and_sees_its_comments(annotated, tmp_path):
    targets = [target for _, _, target, _ in annotated]
    libreoffice_pdfs(targets, tmp_path / "pdf", tmp_path / "profile")
    for target in targets:
        printed = tmp_path / "pdf" / f"{target.stem}.pdf"
        assert printed.stat().st_size > 10_000, target.name
        assert sorted(pdf_notes(printed)) == sorted(c.text for c in read_comments(target)), target.name


def test_cli_check_annotate(tmp_path, capsys):
    source = CORPUS / "docx" / "yongshun-2024-05.docx"
    target = tmp_path / "reviewed.docx"
    assert main(["check", str(source), "--annotate", str(target)]) == 1     # errors found, as without it
    assert len(read_comments(target)) == 3
    assert "reviewed.docx：已写入批注3条" in capsys.readouterr().out


@pytest.mark.parametrize("target, reason", [("out.pdf", "annotated as a .docx"), (None, "is the input itself")])
def test_cli_refuses_a_wrong_or_same_target(tmp_path, capsys, target, reason):
    source = tmp_path / "draft.docx"
    shutil.copy(CORPUS / "docx" / "yongshun-2024-05.docx", source)
    before = _sha(source)
    assert main(["check", str(source), "--annotate", str(tmp_path / target if target else source)]) == 2
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _sha(source) == before and not (tmp_path / "out.pdf").exists()


def test_unreadable_input_writes_nothing(tmp_path, capsys):
    source = tmp_path / "broken.docx"
    source.write_bytes(b"PK\x03\x04 not really")
    assert main(["check", str(source), "--annotate", str(tmp_path / "out.docx")]) == 2
    assert not (tmp_path / "out.docx").exists()


@needs_libreoffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_and_wps_drafts_come_back_as_docx(tmp_path, rules, suffix):
    draft = CORPUS / "docx" / "jishou-2024-02.docx"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(draft)], check=True, capture_output=True, timeout=180)
    legacy = tmp_path / f"draft{suffix}"   # a WPS file LibreOffice reads as it reads Word 97
    (tmp_path / "jishou-2024-02.doc").rename(legacy)
    result, written = check_and_annotate(legacy, tmp_path / "reviewed.docx", rules)
    assert result.file == legacy.name and result.sha256 == _sha(legacy)
    expected = [message(f, rules.review) for f in shown(process_file(draft, rules).findings, rules.review)]
    assert [c.text for c in read_comments(tmp_path / "reviewed.docx")] == expected
    assert written is not None and written.approximate == []
