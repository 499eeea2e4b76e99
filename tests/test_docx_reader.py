"""Drafts: .docx read from the document structure; old .doc/.wps through LibreOffice."""
from __future__ import annotations

import shutil
import subprocess

import docx
import pytest

from extract.model import Grid
from extract.pipeline import process_file
from extract.readers.docx import read_docx
from extract.settings.limits import Limits
from extract.settings.rules import load_rules

SHIPPED = load_rules()   # the shipped rules, as a run without --rules uses them


def test_merged_cells_resolve_to_shared_origins(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    table.cell(1, 0).merge(table.cell(2, 0))       # vertical merge (vMerge)
    table.cell(0, 1).merge(table.cell(0, 2))       # horizontal merge (gridSpan)
    path = tmp_path / "t.docx"
    document.save(str(path))
    [grid] = [b for b in read_docx(path, Limits.from_rules(SHIPPED), SHIPPED.document.locators).blocks if isinstance(b, Grid)]
    assert grid.rows[1][0].origin == grid.rows[2][0].origin == (1, 0)
    assert grid.rows[2][0].text == grid.rows[1][0].text
    assert grid.rows[0][1].origin == grid.rows[0][2].origin == (0, 1)
    assert grid.rows[2][1].origin == (2, 1)
    assert grid.row_locators[2] == "表1第3行"


def test_legacy_doc_without_libreoffice_says_how_to_install(tmp_path, monkeypatch, rules):
    path = tmp_path / "draft.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = process_file(path, rules)
    assert result.status == "error" and "LibreOffice" in result.error and "apt-get install" in result.error


def _small_bulletin_html(path):
    """A bulletin as HTML: LibreOffice's own import gives native Writer tables, which its Word 97
    export keeps (tables written by python-docx do not survive that export in LibreOffice 7)."""
    paragraphs = ("测试县人民政府督查室", "测政督函〔2024〕2号", "测试县重点工作情况专报", "一、工作进展情况",
                  "（一）打好经济增长主动仗。共有重点监测指标2项，截至目前，均有序推进。（详见附件1）",
                  "附件1：", "测试县打好经济增长主动仗重要指标监测表")
    rows = [("序号", "目标任务", "责任单位", "当前进展情况", "完成年度任务之比", "备注"),
            ("1", "地区生产总值增长7%。", "县发改局", "同比增长5.2%。", "/", "进展有序"),
            ("2", "重点项目投资90.5亿元。", "县发改局", "完成年计划投资的29%。", "29.00%", "进展有序")]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    path.write_text(f'<html><meta charset="utf-8"><body>{body}<table border="1">{table}</table></body></html>',
                    encoding="utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_legacy_doc_through_libreoffice(tmp_path, rules):
    source = tmp_path / "draft.html"
    _small_bulletin_html(source)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--infilter=HTML (StarWriter)",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path / "doc"), str(source)],
                   check=True, capture_output=True, timeout=180)
    result = process_file(tmp_path / "doc" / "draft.doc", rules)
    assert result.status == "ok", result.error
    assert [i.target for i in result.indicators] == ["地区生产总值增长7%。", "重点项目投资90.5亿元。"]
    assert result.header.doc_number == "测政督函〔2024〕2号" and result.findings == []
