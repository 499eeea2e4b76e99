"""Bulletins of every genre (issue 20): the narrative checked on its own, with any annex, or none."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ROOT

from extract.cli import main
from extract.evaluation.genres import evaluate_genres
from extract.pipeline import process_file

GENRES = ROOT / "corpus" / "genres"

# Two real bulletins of other offices, as pasted into a draft (issue 20).
GZBG = ["XX县人民政府督查室", "关于2023年政府工作报告重点任务落实情况的通报",
        "今年以来，县政府督查室对政府工作报告确定的145项目标任务开展了专项督查，并将其细化为222个具体工作内容。"
        "经督查核实，欠进度的有17个，占总任务的7.7%；超进度的有10个，占总任务的4.5%；已完成和提前完成24个，"
        "占总任务的10.8%；其它类9个，占总任务的4.1%；达进度的有162个，占总任务的72.9%。"]
CHANGWU = ["紫阳县人民政府督查室", "2022年第八次县政府常务会议确定事项落实情况的通报",
           "近期，县政府督查室对2022年第八次县政府常务会议确定事项落实情况开展了专项督查，现通报如下。",
           "一、总体情况",
           "2022年第八次县政府常务会议确定事项22件，截至9月14日，已办结6件，占比27%；正在办理16件，占比73%（详见附件）。",
           "二、工作要求",
           "2022年第八次县政府常务会议确定的22件事项中，16件正在办理。其中，由县民政局负责的第1件、县发改局负责的第4件、"
           "县税务局负责的第13件、县卫健局负责的第17、18件确定事项进展滞后，请以上责任单位加快工作节奏，全力推动确定事项落实。"]


def draft(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def errors(result) -> list:
    return [f for f in result.findings if f.severity != "info"]


def test_a_share_cut_instead_of_rounded_over_a_base_of_an_earlier_sentence(tmp_path, rules):
    result = process_file(draft(tmp_path / "gzbg.docx", GZBG), rules)
    assert result.status == "ok"
    assert [(f.kind, f.stated, f.computed, f.basis) for f in errors(result)] == [
        ("percent_truncated", "72.9%", "73.0%", "162/222")]
    # the five shares are each checked against 222 (个), not against the 145 tasks (项)
    shares = [c for c in result.claims if c.percent_raw]
    assert len(shares) == 5 and {c.total for c in shares} == {222}
    assert result.coverage.arithmetic >= 5


def test_decisions_of_a_meeting_are_read_checked_and_their_late_items_listed(tmp_path, rules):
    result = process_file(draft(tmp_path / "changwu.docx", CHANGWU), rules)
    assert result.status == "ok" and errors(result) == []
    first = [c for c in result.claims if c.section == "一、"]
    assert [(c.kind, c.count, c.total, c.percent_raw) for c in first] == [
        ("total", 22, 22, ""), ("part", 6, 22, "27%"), ("part", 16, 22, "73%")]
    items = [c for c in result.claims if c.kind == "items"]
    assert [(c.status, c.names) for c in items] == [("behind", ("1", "4", "13", "17", "18"))]
    assert result.coverage.arithmetic >= 2
    # 第1件 … 第18件 name items: none of their figures is read as a count
    assert not [c for c in result.claims if c.kind == "part" and c.count in (1, 4, 13, 17, 18)]


def test_a_wrong_share_of_the_same_meeting_is_an_error(tmp_path, rules):
    wrong = [p.replace("占比27%", "占比28%") for p in CHANGWU]
    result = process_file(draft(tmp_path / "changwu.docx", wrong), rules)
    assert [(f.kind, f.stated, f.computed) for f in errors(result)] == [("percent_mismatch", "28%", "27%")]


def test_nothing_checked_is_never_called_clean(tmp_path, capsys):
    path = draft(tmp_path / "memo.docx", ["XX县人民政府督查室", "关于近期督查工作的通报",
                                          "本月共开展实地督查12次，走访企业约30家，发现问题若干。"])
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "未发现" not in out and "未能核查" in out and "不代表没有问题" in out
    assert main(["check", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "No inconsistencies found" not in out and "Nothing was checked" in out
    assert main(["check", str(path), "--json"]) == 0
    bulletin = json.loads(capsys.readouterr().out)["bulletin"]
    assert bulletin["n_statements"] >= 1 and bulletin["n_checked_arithmetic"] == bulletin["n_checked_table"] == 0


def test_a_document_without_any_counted_statement_is_skipped_with_its_title(tmp_path, rules):
    path = draft(tmp_path / "note.docx", ["XX县人民政府督查室", "关于做好节日期间值班工作的通知",
                                          "各乡镇、各部门要严格落实值班制度，确保信息畅通。"])
    result = process_file(path, rules)
    assert result.status == "skipped" and "no counted statement" in result.error
    assert result.header.title == "关于做好节日期间值班工作的通知"


def test_an_annex_spreadsheet_is_checked_as_the_drafts_own_table(capsys):
    name = "pishi-guzhang-2024-09"
    sheet = GENRES / "xlsx" / f"{name}--附件1.xlsx"
    assert main(["check", str(GENRES / "docx" / f"{name}.docx"), "--annex", str(sheet), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert {(f["kind"], f["stated"], f["computed"]) for f in out["findings"] if f["severity"] == "error"} == {
        ("total_vs_table", "24", "23"), ("count_vs_table", "18", "17")}
    assert len(out["indicators"]) == 23
    # without its annex the same draft is checked by arithmetic alone, and says so
    assert main(["check", str(GENRES / "docx" / f"{name}.docx"), "--json"]) == 0
    alone = json.loads(capsys.readouterr().out)["bulletin"]
    assert alone["n_checked_table"] == 0 and alone["n_checked_arithmetic"] > 0


def test_extract_pairs_a_draft_with_its_annex_files_by_name(tmp_path):
    name = "pishi-guzhang-2024-09"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GENRES / "docx" / f"{name}.docx", folder)
    shutil.copy(GENRES / "xlsx" / f"{name}--附件1.xlsx", folder)
    assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1", "--no-cache"]) == 0
    findings = (tmp_path / "out" / "findings.csv").read_text(encoding="utf-8-sig")
    assert "total_vs_table" in findings and "count_vs_table" in findings


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"), (b"PK\x03\x04 not really a workbook", "not a readable spreadsheet"),
    (b"\xff\xfe\x00\x00 binary", "neither a spreadsheet nor"),
])
def test_a_bad_annex_is_a_one_line_error(tmp_path, capsys, content, reason):
    sheet = tmp_path / "附件1.xlsx"
    sheet.write_bytes(content)
    path = draft(tmp_path / "d.docx", CHANGWU)
    assert main(["check", str(path), "--annex", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert reason in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_annex_that_is_no_spreadsheet_by_name_is_refused(tmp_path, capsys):
    path = draft(tmp_path / "d.docx", CHANGWU)
    assert main(["check", str(path), "--annex", str(path)]) == 2
    assert main(["check", str(path), "--annex", str(tmp_path / "missing.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "must be a spreadsheet" in err and "no such annex file" in err and "Traceback" not in err


def test_a_csv_annex_in_gb18030_is_read(tmp_path, rules):
    done = {2, 3, 5, 6, 7, 8}
    rows = ["序号,确定事项,责任单位,办理情况,办理状态"] + [
        f"{k},推进第{k}号重点工程建设并完成阶段性验收,县发改局,{'已按要求完成' if k in done else '正在按计划推进'},"
        f"{'已办结' if k in done else '正在办理'}" for k in range(1, 23)]
    sheet = tmp_path / "附件.csv"
    sheet.write_bytes("\n".join(rows).encode("gb18030"))
    result = process_file(draft(tmp_path / "d.docx", CHANGWU), rules, annexes=(sheet,))
    assert len(result.indicators) == 22 and errors(result) == []
    assert result.coverage.table >= 3
    # item 2 of the table is done: said to be late, it is a finding
    late = [p.replace("第1件", "第2件") for p in CHANGWU]
    result = process_file(draft(tmp_path / "late.docx", late), rules, annexes=(sheet,))
    assert [(f.kind, f.stated) for f in errors(result)] == [("named_item_status", "第2件: behind")]


def test_a_bulletin_in_traditional_characters_reads_like_a_simplified_one(tmp_path, rules):
    traditional = [p.replace("办结", "辦結").replace("正在办理", "正在辦理").replace("占比", "佔比")
                   .replace("进展滞后", "進展滯後").replace("确定事项", "確定事項") for p in CHANGWU]
    wrong = [p.replace("佔比27%", "佔比28%") for p in traditional]
    result = process_file(draft(tmp_path / "t.docx", wrong), rules)
    assert [(f.kind, f.stated) for f in errors(result)] == [("percent_mismatch", "28%")]
    assert [c.names for c in result.claims if c.kind == "items"] == [("1", "4", "13", "17", "18")]


def test_the_genre_corpus_truth_never_reads_the_tool():
    """No generator imports the tool or opens its rules: the corpus can fail the code."""
    import ast

    for script in GENRES.glob("*.py"):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr)}
        strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                   and isinstance(node.value, str) and id(node) not in docstrings]
        assert "extract" not in imported, script
        assert not [s for s in strings if "rules" in s.split("/")], script


def test_the_genre_corpus_scores(rules):
    """Every genre's drafts: statements read >= 95%, no false alarm; the inconsistencies the corpus
    holds are all found."""
    scores = evaluate_genres(GENRES, kinds=("docx",), rules=rules)
    genres = scores["genres"]
    assert len(genres) - 1 >= 10 and genres["ALL"]["documents"] >= 60
    for genre, g in genres.items():
        assert g["statements_read_rate"] >= 0.95, (genre, g)
        assert g["precision"] == 1.0 and g["false_alarms_in_clean"] == 0, (genre, g)
    assert genres["ALL"]["recall"] == 1.0


@pytest.mark.ocr_corpus
def test_the_scanned_genre_bulletins_score_like_their_drafts(rules):
    """The scanned twins (scans.yaml) read by OCR: every statement read, every inconsistency found."""
    scores = evaluate_genres(GENRES, kinds=("scan",), rules=rules)
    assert len(scores["documents"]) == 4
    g = scores["genres"]["ALL"]
    assert g["statements_read_rate"] >= 0.95 and g["precision"] == 1.0 and g["recall"] == 1.0, g


FRAGMENTS = ["共", "其中", "，", "；", "。", "、", "占", "占比", "的", "中", "第", "件", "项", "个", "处", "亿元", "万元",
             "已办结", "正在办理", "滞后", "已完成", "未开工", "其余", "另有", "各", "合计", "办结率", "按类型分：",
             "从领域看，", "（", "）", "%", "详见附件", "12", "3", "45.6", "100", "二十二", "第十二", "0.5", "同时涉及"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40), min_size=1, max_size=6))
def test_any_narrative_is_read_without_error_and_no_share_exceeds_its_base(rules, paragraphs):
    """Whatever the words, reading and checking a narrative never raises, and a share is never
    compared with a base smaller than its count."""
    from extract.checks.checks import review
    from extract.model import TextLine
    from extract.narrative.claims import read_narrative

    lines = [TextLine("一、总体情况", None, "第1段")] + [
        TextLine("".join(words), None, f"第{k + 2}段") for k, words in enumerate(paragraphs)]
    reading = read_narrative(lines, [], [], rules, "fuzz.docx")
    findings, coverage = review(reading, [], [], rules, "fuzz.docx")
    assert coverage.statements == len([c for c in reading.claims if c.kind != "cell"])
    for c in reading.claims:
        if c.genre and c.kind in ("part", "rate") and c.percent is not None and c.total and c.count is not None:
            assert c.count <= c.total or c.percent > 1, c


def test_the_second_batch_scores(rules):
    """corpus/holdout: written after the tool was tuned on the first batch (its README gives the
    first, unseen run); pinned so that no change loses what its fixes gained."""
    scores = evaluate_genres(ROOT / "corpus" / "holdout", kinds=("docx",), rules=rules)
    g = scores["genres"]["ALL"]
    assert g["documents"] == 24 and g["statements_read_rate"] >= 0.95
    assert g["precision"] == 1.0 and g["false_alarms_in_clean"] == 0
    assert g["recalled"] >= 21, g     # 21 of 23: the two shapes corpus/holdout/README.md names are not found


# Shapes met in real public bulletins, in this project's own words (their figures kept).
def check_text(tmp_path, rules, *paragraphs: str):
    return process_file(draft(tmp_path / "t.docx", ["某县人民政府督查室", "关于重点工作推进情况的通报", *paragraphs]), rules)


def test_classes_whose_shares_are_of_their_own_sum_give_one_finding(tmp_path, rules):
    # the classes add to 195532 and each share is of that, while the total says 284406
    result = check_text(tmp_path, rules,
                        "本月热线共受理群众诉求284406件。其中，咨询类124599件，占63.72%；求助类56672件，占28.98%；"
                        "投诉类1983件，占1.01%；建议类1182件，占0.6%；举报类890件，占0.46%；感谢类415件，占0.21%；"
                        "其他类9791件，占5.01%。")
    assert [(f.kind, f.stated, f.computed) for f in errors(result)] == [("sum_mismatch", "284406", "195532")]


def test_a_rate_far_from_its_inferred_base_is_left_unchecked(tmp_path, rules):
    # 40.7% of 303 would be 123 completed projects, not 50: the rate is of a base never printed
    result = check_text(tmp_path, rules,
                        "截至9月底，全区303个重点项目中开工在建项目278个。累计投入达到序时进度的项目有188个，"
                        "占开工在建项目数的67.6%。已竣工项目共50个，竣工率为40.7%。")
    assert errors(result) == []
    # …while a slip of one count on its own sentence's base is an error
    slip = check_text(tmp_path, rules, "第五次常务会确定事项9项，完成4项，正在办理5项，完成率55.6%。")
    assert [(f.kind, f.stated) for f in errors(slip)] == [("percent_mismatch", "55.6%")]


def test_a_class_amount_share_of_its_own_plan_is_not_checked_against_the_whole_plan(tmp_path, rules):
    result = check_text(tmp_path, rules,
                        "全市安排重点项目458个，年度计划投资853.8亿元，1-8月完成投资622.2亿元，占年度投资计划的72.9%。"
                        "其中133个续建项目完成投资454.31亿元，占年度计划的75%；124个新建项目已开工122个，"
                        "完成投资124.06亿元，占年度计划的64%。")
    assert errors(result) == []
    shares = {c.amount_raw: c.base_raw for c in result.claims if c.kind == "amount" and c.percent_raw}
    assert shares == {"622.2亿元": "853.8亿元", "454.31亿元": "", "124.06亿元": ""}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is needed to write an .xls")
def test_an_old_excel_or_wps_sheet_is_read_by_its_content(tmp_path, capsys):
    """附件1.xls, and the same bytes named .et as WPS saves them: the format is told by content."""
    import shutil
    import subprocess

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: it writes the .xls this test reads")
    name = "pishi-guzhang-2024-09"
    source = GENRES / "xlsx" / f"{name}--附件1.xlsx"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "xls",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    xls = tmp_path / f"{name}--附件1.xls"
    if not xls.exists():
        pytest.skip("LibreOffice has no Calc here (Debian: libreoffice-calc-nogui): it wrote no .xls")
    et = tmp_path / "附件1.et"
    et.write_bytes(xls.read_bytes())
    for sheet in (xls, et):
        assert main(["check", str(GENRES / "docx" / f"{name}.docx"), "--annex", str(sheet), "--json"]) == 1
        out = json.loads(capsys.readouterr().out)
        assert len(out["indicators"]) == 23
        assert {f["kind"] for f in out["findings"] if f["severity"] == "error"} == {"total_vs_table", "count_vs_table"}


def test_a_milestone_count_includes_the_later_stages(tmp_path, rules):
    # all 65 started include the 26 done: 26 + 65 is no sum against 65
    result = check_text(tmp_path, rules, "截至10月31日，65件民生实事已完成26件，完成率40%；已开工65件，开工率达100%。")
    assert errors(result) == []
    # 未开工 is no milestone: done, under way and not started cover the 30
    short = check_text(tmp_path, rules, "民生实事共30项。截至6月30日，已完工8项；在建17项；未开工4项。")
    assert [(f.kind, f.stated, f.computed) for f in errors(short)] == [("sum_mismatch", "30", "29")]


def test_many_statements_in_one_part_are_each_checked_against_their_own_total(rules):
    """A long part of many statements whose counts repeat by chance (two batches each with 已办结202件):
    every share and rate is checked against its own statement's total, none against another's;
    then one wrong rate among them is the only finding."""
    from decimal import ROUND_HALF_UP, Decimal
    from random import Random

    from extract.checks.checks import review
    from extract.model import TextLine
    from extract.narrative.claims import read_narrative

    rng = Random(20)
    rows = []
    for _ in range(120):
        total = rng.randint(10, 60)
        done = rng.randint(1, total)
        rows.append((total, done, (Decimal(done * 100) / total).quantize(Decimal("0.1"), ROUND_HALF_UP)))

    def lines(wrong: int | None) -> list[TextLine]:
        out = [TextLine("一、总体情况", None, "第1段")]
        for k, (total, done, share) in enumerate(rows):
            rate = share + 1 if k == wrong else share
            out.append(TextLine(f"第{k + 1}批确定事项{total}件，已办结{done}件，占比{share}%；正在办理{total - done}件，"
                                f"办结率{rate}%。", None, f"第{k + 2}段"))
        return out

    reading = read_narrative(lines(None), [], [], rules, "x.docx")
    findings, coverage = review(reading, [], [], rules, "x.docx")
    assert [f for f in findings if f.severity != "info"] == []
    assert coverage.arithmetic == coverage.statements == 4 * len(rows)
    reading = read_narrative(lines(77), [], [], rules, "x.docx")
    findings, _ = review(reading, [], [], rules, "x.docx")
    assert [(f.kind, f.stated) for f in findings if f.severity != "info"] == [
        ("percent_mismatch", f"{rows[77][2] + 1}%")]


def test_a_finding_of_a_later_statement_names_its_section_as_printed(tmp_path, rules):
    # the second statement of 一、 is checked on its own (statement 1), yet its finding is in 一、
    result = check_text(tmp_path, rules, "一、督办件办理情况",
                        "本季度共交办督办件40件，已办结30件，办结率75%。",
                        "本季度共收到群众来信12件，已办结9件，办结率80%。")
    assert [(f.kind, f.section, f.stated, f.computed) for f in errors(result)] == [
        ("percent_mismatch", "一、", "80%", "75%")]
    assert all("#" not in f.section and "#" not in f.detail for f in result.findings)


@pytest.mark.parametrize("done", ["已答复", "已办复"])
def test_suggestions_answered_are_parts_of_the_suggestions_received(tmp_path, rules, done):
    # 人大建议/政协提案 bulletins count what was answered (办复), not what was 办结
    result = check_text(tmp_path, rules, "一、建议提案办理情况",
                        f"今年共承办人大代表建议12件，{done}9件，{done[1:]}率80%。")
    assert [(f.kind, f.stated, f.computed, f.basis) for f in errors(result)] == [
        ("percent_mismatch", "80%", "75%", "9/12")]


def test_check_speaks_the_reviewers_language_and_english_on_request(capsys, monkeypatch):
    # the terminal says what the Word comment says; the machine fields of --json do not change
    monkeypatch.setenv("COLUMNS", "300")   # one finding per line
    reference = ROOT / "corpus" / "pdf" / "fenghuang-2023-13.pdf"
    assert main(["check", str(reference)]) == 1
    out = capsys.readouterr().out
    assert "凤政督函〔2023〕13号" in out and "41页 · 指标186项" in out
    assert "【错误】已完成年度任务占比应为22.2%（4/18），文中为22.3%" in out and "读到计数表述" in out
    assert "percent_mismatch" not in out
    assert main(["check", str(reference), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "percent_mismatch" in out and "41 pages · 186 indicators" in out and "【" not in out
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(reference), "--lang", "fr"])
    assert exit_.value.code == 2


@pytest.mark.parametrize("opener", ["工单分类：", "工单类别：", "工单类型分布：", "从工单类型看，", "按工单类型统计："])
def test_a_classification_names_the_count_it_divides(opener, tmp_path, rules):
    # each of these classifies the 工单 of the first sentence, not the 转办 count just before it
    text = ("本月热线共受理群众工单812件。其中转交承办单位办理760件，热线直接答复52件；按期办结812件。"
            + opener + "求决类{a}件、咨询类150件、投诉类71件、建议类33件、其他类18件。")
    assert errors(check_text(tmp_path, rules, text.format(a=540))) == []
    wrong = check_text(tmp_path, rules, text.format(a=550))
    assert [(f.kind, f.stated, f.computed) for f in errors(wrong)] == [("sum_mismatch", "812", "822")]


@pytest.mark.parametrize("heading", ["二、诉求分类", "二、诉求类型分布", "二、从诉求类型看"])
def test_a_heading_that_classifies_names_the_count_of_an_earlier_part(heading, tmp_path, rules):
    # 二、诉求分类: its classes are of the 4280 诉求 of 一、 (not of the 2210 handled directly), and
    # they add to 4290: 308 建议 is a slip (its own share 7.20% is 308 of 4280)
    result = check_text(tmp_path, rules, "一、受理概况", "本季度热线共受理群众诉求4280件，其中直接答复2210件，"
                        "占51.6%；转交办理2070件，占48.4%。", heading,
                        "咨询类1930件，占45.09%；求助类1288件，占30.09%；投诉类702件，占16.40%；"
                        "建议类308件，占7.20%；其他类62件，占1.45%。")
    assert [(f.kind, f.stated, f.computed) for f in errors(result)] == [("sum_mismatch", "4280", "4290")]


def test_started_or_resumed_is_a_status_of_its_own_rate(tmp_path, rules):
    # 开复工 (started or resumed) reads as 开工 does: 已开复工 on track, 未开复工 not yet
    text = "各乡镇承诺一季度开复工项目40项，已开复工的项目31项，开复工率为{rate}，未开复工9项。"
    assert errors(check_text(tmp_path, rules, text.format(rate="77.5%"))) == []
    wrong = check_text(tmp_path, rules, text.format(rate="72.5%"))
    assert [(f.kind, f.stated, f.computed) for f in errors(wrong)] == [("percent_mismatch", "72.5%", "77.5%")]


def test_two_views_of_one_amount_each_add_up_to_it(tmp_path, rules):
    # 从项目类别看 and 从建设阶段看 each split the 212.6亿元; before, their classes were added together
    views = ("截至9月底，全县218个重点项目累计开工201个，累计完成投资212.6亿元。",
             "从项目类别看，产业项目96个，完成投资121.3亿元；基础设施项目70个，完成投资58.2亿元；"
             "民生项目52个，完成投资33.1亿元。",
             "从建设阶段看，续建项目104个，完成投资{a}亿元；新建项目114个，完成投资87.4亿元。")
    clean = check_text(tmp_path, rules, *views[:2], views[2].format(a="125.2"))
    assert errors(clean) == []
    slip = check_text(tmp_path, rules, *views[:2], views[2].format(a="135.2"))
    assert [(f.kind, f.stated, f.computed) for f in errors(slip)] == [("sum_mismatch", "212.6亿元", "222.6亿元")]


def test_a_rate_another_reading_of_its_own_statement_agrees_with_is_no_error(tmp_path, rules):
    # 结案率 counts the cases closed on time and those closed late; 按期结案率 is over 应结案数
    result = check_text(tmp_path, rules, "一、热线工单办理",
                        "本月派发工单735件，按时结案728件，超时办理7件，结案率100%，按时结案率99%。",
                        "二、工单考评情况",
                        "应结案数18240件，结案数17655件，结案率96.79%，按期结案数16380件，按期结案率89.8%。")
    assert errors(result) == []
    unsure = [f for f in result.findings if f.reason == "rate_counts_unsure"]
    assert [f.label for f in unsure] == ["结案率", "按期结案率"]
    assert "728 + 7/735" in unsure[0].detail and "16380/18240" in unsure[1].detail
    # …while a rate no reading of its statement gives is still an error
    wrong = check_text(tmp_path, rules, "一、热线工单办理",
                       "本月派发工单735件，按时结案728件，超时办理7件，按时结案率97%。")
    assert [(f.kind, f.stated) for f in errors(wrong)] == [("percent_mismatch", "97%")]
    # a rate read as the sum of two classes (完成整改 + 基本完成) whose author counted the first alone
    parts = check_text(tmp_path, rules, "一、整改情况",
                       "截至目前，巡察反馈的420个问题，完成整改401个，基本完成取得阶段性成果并持续整改问题12个，"
                       "未完成7个，总体完成率95.48%。")
    assert errors(parts) == [] and [f.reason for f in parts.findings] == ["rate_counts_unsure"]
    # …and so is a rate printed of the wrong count (6/11, while 办结率 counts the 5 done)
    slip = check_text(tmp_path, rules, "一、会议事项办理", "第三次会议确定事项11件，办结5件，正在办理6件，办结率54.5%。")
    assert [(f.kind, f.stated, f.computed) for f in errors(slip)] == [("percent_mismatch", "54.5%", "45.5%")]


def test_a_share_in_a_statement_whose_figures_run_together_is_left_unchecked(tmp_path, rules):
    # the page lost the mark after 76%: which plan each share is of cannot be read
    text = ("全市共安排重点项目458个，年度计划投资853.8亿元，已完成投资618.85亿元，占年度计划的72.5%。其中106个续建"
            "项目完成投资397.2亿元，占年度计划的76%{mark}98个新建项目已开工95个，完成投资118.3亿元，占年度计划的61%。")
    result = check_text(tmp_path, rules, "一、重点项目推进情况", text.format(mark=""))
    assert errors(result) == []
    assert [f.reason for f in result.findings if f.kind == "unchecked" and "亿元" in f.detail] == \
        ["not_read_whole", "not_read_whole"]
    # the 72.5% of the same plan is checked (618.85/853.8 = 72.48%)
    assert result.coverage.arithmetic >= 1


def test_a_table_in_the_body_is_said_to_be_left_unread(tmp_path, rules):
    """A hotline bulletin that prints its table of towns in the body, with no 附件 heading: the table
    is not read as an annex, and the reader is told so (not left to think it was checked)."""
    document = docx.Document()
    for text in ["某县人民政府督查室", "关于本月热线办理情况的通报", "一、总体情况",
                 "本月共受理群众诉求860件，已办结842件，正在办理18件。各乡镇办理情况见下表。"]:
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate([["乡镇", "受理件数", "办结件数"], ["城关镇", "320", "316"], ["河口镇", "290", "281"],
                             ["石门乡", "250", "245"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(tmp_path / "t.docx"))
    result = process_file(tmp_path / "t.docx", rules)
    left = [f for f in result.findings if f.reason == "table_not_read"]
    assert [(f.severity, f.locator) for f in left] == [("info", "表1第1行")]
    assert errors(result) == []
