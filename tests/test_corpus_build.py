"""corpus/build.py: the truth derivation (the mapping contract) and the .docx renderer.

No LibreOffice needed: render_docx output is read back with python-docx.
"""
from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "corpus" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def _table(rows, header=None, roles=None, **kw):
    t = {
        "name": "",
        "caption": False,
        "repeat_header": True,
        "widths": [1, 4, 2, 4, 2, 2],
        "header": header or [["序号", "2023年度具体目标任务", "责任单位", "当前进展情况", "完成年度任务之比", "备注"]],
        "roles": roles or {"seq": 0, "target": [1], "units": 2, "progress": 3, "completion": 4, "status": 5},
        "rows": rows,
    }
    t.update(kw)
    return t


def _source(*tables, title="凤凰县打好经济增长主动仗重要指标监测表", orientation="landscape"):
    return {
        "name": "t",
        "header": {"issuer": "凤凰县人民政府督查室", "doc_number": "凤政督函〔2023〕1号",
                   "title": "凤凰县打好\"发展六仗\"工作情况专报", "date": "2023年5月12日"},
        "body": ["近期，县政府督查室对……", "一、工作进展情况"],
        "annex_list": True,
        "annexes": [{"no": 1, "title": title, "filler_unit": "县发改局", "filler_person": "刘检华",
                     "orientation": orientation, "tables": list(tables)}],
        "expected_findings": [{"kind": "percent_mismatch", "annex_no": 1}],
    }


def _truth(*tables, **kw):
    return build.truth_for(_source(*tables, **kw))["indicators"]


# --- small pure functions ---------------------------------------------------------------------

@pytest.mark.parametrize("title, campaign", [
    ("凤凰县打好经济增长主动仗重要指标监测表", "打好经济增长主动仗"),
    ("凤凰县打好重点民生保障仗重要指标监测表(1)", "打好重点民生保障仗"),
    ("凤凰县打好重点民生保障仗重要指标监测表（2）", "打好重点民生保障仗"),
    ("泸溪县优化营商环境指标监测表", "优化营商环境"),
    ("吉首市重点项目建设监测表", "重点项目建设"),
])
def test_campaign_of(title, campaign):
    assert build.campaign_of(title) == campaign


@pytest.mark.parametrize("raw, ratio", [
    ("12.40%", 0.124), ("100.17%", 1.0017), (" 0% ", 0.0), ("-3.5%", -0.035),
    ("/", None), ("", None), ("约12%", None), ("12%（预计）", None), ("12.4", None),
])
def test_parse_percent(raw, ratio):
    assert build.parse_percent(raw) == ratio


@pytest.mark.parametrize("raw, status", [
    ("进展有序", "on_track"),
    ("未完成时序进度", "behind"),
    ("未完成时 序进度", "behind"),           # whitespace removed before matching
    ("完成年度任务", "completed"),
    ("预计完成年度任 务", "completed"),
    ("已完成", "completed"),
    ("前期准备", "preparing"),
    ("未下指标", "unassigned"),
    ("滞后", "behind"),
    ("进展有序，已开工3个", "on_track"),     # starts with a phrase
    ("总体进展良好", "unknown"),
    ("", "unknown"),
])
def test_status_of(raw, status):
    assert build.status_of(raw) == status


def test_split_units():
    assert build.split_units("县园区办、凤凰产业开发区管委会") == ["县园区办", "凤凰产业开发区管委会"]
    assert build.split_units("县发改局\n县农业农村局；县统计局, 县财政局，") == \
        ["县发改局", "县农业农村局", "县统计局", "县财政局"]
    assert build.split_units("") == []


# --- truth_for ------------------------------------------------------------------------------

def test_truth_header_and_passthrough():
    src = _source(_table([["1", "地区生产总值增长7%", "县发改局", "1-3月…", "/", "低于预期"]]))
    src["claims"] = [{"section": "(一)", "count": 40}]
    t = build.truth_for(src)
    assert (t["name"], t["doc_number"], t["issuer"], t["date"]) == \
        ("t", "凤政督函〔2023〕1号", "凤凰县人民政府督查室", "2023年5月12日")
    assert t["claims"] == [{"section": "(一)", "count": 40}]
    assert t["expected_findings"] == [{"kind": "percent_mismatch", "annex_no": 1}]
    rec = t["indicators"][0]
    assert rec == {
        "annex_no": 1, "campaign": "打好经济增长主动仗", "section": "", "seq": "1",
        "target": "地区生产总值增长7%", "responsible_units": ["县发改局"], "progress": "1-3月…",
        "completion_raw": "/", "completion_ratio": None, "status_raw": "低于预期", "status": "behind",
    }
    assert "page_start" not in rec


def test_vertical_merge_repeats_value():
    recs = _truth(_table([
        ["4", "新增规模以上服务业企业2家。", "县商务局", "拟定…", "/", "进展有序"],
        ["5", "进出口总额0.4亿元。", "^", "1-4月…", "7.05%", "未完成时序进度"],
    ]))
    assert [r["responsible_units"] for r in recs] == [["县商务局"], ["县商务局"]]
    assert recs[1]["completion_ratio"] == pytest.approx(0.0705)


def test_horizontal_merge_fills_each_column():
    recs = _truth(_table([["1", "启动建设徐特立项目", "县教体局", "未下指标", "<", "<"]]))
    assert recs[0]["progress"] == recs[0]["completion_raw"] == recs[0]["status_raw"] == "未下指标"
    assert recs[0]["status"] == "unassigned"
    assert recs[0]["completion_ratio"] is None


def test_sub_rows_with_one_status_are_one_record():
    # the reference's annex 1 row 21: two physical rows under one 序号 and one 备注
    recs = _truth(_table([
        ["21", "举办全国文化和旅游赋能乡村振兴现场会。", "县文旅广电局", "跟进做好现场会工作", "60%", "进展有序"],
        ["^", "全省夏季乡村文化旅游节等节会。", "^", "稳步筹备旅发大会", "", "^"],
        ["22", "打造网红打卡地", "县文旅广电局", "凤凰古城…", "/", "进展有序"],
    ]))
    assert len(recs) == 2
    r = recs[0]
    assert r["seq"] == "21"
    assert r["target"] == "举办全国文化和旅游赋能乡村振兴现场会。\n全省夏季乡村文化旅游节等节会。"
    assert r["progress"] == "跟进做好现场会工作\n稳步筹备旅发大会"
    assert r["responsible_units"] == ["县文旅广电局"]
    assert r["completion_raw"] == "60%" and r["completion_ratio"] == 0.6
    assert r["status_raw"] == "进展有序"


def test_sub_indicators_with_own_status_share_the_seq():
    # the reference's annex 6: rows under one merged 序号 with their own 备注 are separate records
    roles = {"seq": 0, "target": [1, 2], "units": 3, "completion": 4, "status": 5}
    recs = _truth(_table([
        ["5", "推行异地就医结算", "每个县区实现普通门诊异地结算全覆盖", "县医保局", "100.00%", "完成年度任务"],
        ["^", "^", "8县市统筹区实现门诊慢特病直接结算", "^", "50%", "进展有序"],
        ["6", "提高养老服务水平", "<", "县民政局", "", "前期准备"],
    ], roles=roles, header=[["序号", "考核指标", "<", "牵头单位", "占年度任务之比", "备注"]]))
    assert [r["seq"] for r in recs] == ["5", "5", "6"]
    assert [r["target"] for r in recs] == [
        "每个县区实现普通门诊异地结算全覆盖", "8县市统筹区实现门诊慢特病直接结算",
        "提高养老服务水平"]                       # "<" copy of the name is not a sub-indicator
    assert [r["status"] for r in recs] == ["completed", "on_track", "preparing"]
    assert recs[1]["responsible_units"] == ["县医保局"]


def test_rightmost_target_may_be_inherited_from_above():
    roles = {"seq": 0, "target": [1, 2, 3], "units": 4, "status": 5}
    recs = _truth(_table([
        ["7", "提高困难群体救助标准", "提高城乡低保标准", "城市低保标准提高到650元/月", "县民政局", "进展有序"],
        ["^", "^", "^", "农村低保标准提高到5000元/年", "^", "完成年度任务"],
        ["8", "加强农村三路建设", "农村公路提质改造", "", "县交通运输局", "前期准备"],
        ["^", "^", "^", "", "^", "进展有序"],
    ], roles=roles, widths=[1, 2, 2, 3, 2, 2],
        header=[["序号", "考核指标", "<", "<", "牵头单位", "备注"]]))
    assert [r["target"] for r in recs] == [
        "城市低保标准提高到650元/月", "农村低保标准提高到5000元/年",
        "农村公路提质改造", "农村公路提质改造"]


def test_title_rows_set_section_and_are_not_records():
    recs = _truth(_table([
        {"title": "省重点民生实事项目"},
        ["1", "启动建设徐特立项目", "县教体局", "", "", "未下指标"],
        {"title": "省重点监测民生项目"},
        ["1", "扩大社会保险覆盖", "县人社局", "", "95.40%", "进展有序"],
    ]))
    assert [(r["section"], r["seq"]) for r in recs] == [("省重点民生实事项目", "1"), ("省重点监测民生项目", "1")]


def test_section_from_table_name_or_section_column():
    named = _table([["1", "a", "县发改局", "", "", "进展有序"]], name="州重点民生实事项目", caption=True)
    roles = {"seq": 0, "section": 1, "target": [2], "progress": 3, "status": 4}
    grouped = _table([
        ["1", "一、创新成果转化攻坚行动", "高新技术产业增加值增长12%", "…", "进展有序"],
        ["2", "^", "技术合同成交额", "…", "未完成时序进度"],
    ], roles=roles, widths=[1, 2, 4, 4, 2], header=[["指标", "风险类型", "2023年度具体目标任务", "当前工作进展情况", "备注"]])
    recs = _truth(named, grouped)
    assert [r["section"] for r in recs] == ["州重点民生实事项目", "一、创新成果转化攻坚行动", "一、创新成果转化攻坚行动"]
    assert recs[1]["responsible_units"] == []                # no units role


def test_seq_in_target():
    roles = {"seq": None, "target": [0], "units": 1, "status": 2, "seq_in_target": True}
    recs = _truth(_table([
        ["1、高新技术产业增加值增长12%以上。", "县科技工信局", "进展有序"],
        ["2、全社会研发经费投入增长12%以上", "县科技工信局", "预计完成年度任务"],
    ], roles=roles, widths=[5, 2, 2], header=[["目标任务", "责任单位", "进展评价"]]))
    assert [(r["seq"], r["target"]) for r in recs] == [
        ("1", "高新技术产业增加值增长12%以上。"), ("2", "全社会研发经费投入增长12%以上")]
    assert recs[1]["status"] == "completed"


def test_seq_from_target_when_seq_cell_empty():
    recs = _truth(_table([["", "3、重点项目投资90.5亿元。", "县发改局", "", "29.00%", "进展有序"],
                          ["4", "5、不是序号", "县发改局", "", "", "进展有序"]]))
    assert [(r["seq"], r["target"]) for r in recs] == [("3", "重点项目投资90.5亿元。"), ("4", "5、不是序号")]


def test_target_goal_when_name_shared_by_several_records():
    # the 州 table: no 序号; 教育事业发展 covers two indicators (own status each) -> 工作目标;
    # 小区治理 covers four rows with one status -> one record named by the name cell
    roles = {"seq": None, "target": [0], "units": 1, "target_goal": 2, "completion": 3, "status": 4}
    recs = _truth(_table([
        ["教育事业发展", "县教体局", "开展教育质量提升攻坚行动", "", "进展有序"],
        ["^", "^", "完成4所乡镇标准化寄宿制学校建设", "20.00%", "前期准备"],
        ["小区治理", "县住建局", "一是实现物业管理全覆盖", "", "进展有序"],
        ["^", "^", "二是建立协调机制", "", "^"],
        ["新增天然气用户", "县住建局", "2100户", "25.00%", "进展有序"],
    ], roles=roles, widths=[3, 2, 4, 2, 2], header=[["考核项目指标名称", "单位", "工作目标", "占年度任务之比", "备注"]]))
    assert [r["target"] for r in recs] == [
        "开展教育质量提升攻坚行动", "完成4所乡镇标准化寄宿制学校建设", "小区治理", "新增天然气用户"]
    assert [r["seq"] for r in recs] == ["", "", "", ""]
    assert recs[2]["status_raw"] == "进展有序"
    assert recs[3]["completion_ratio"] == 0.25


def test_merge_marker_errors():
    with pytest.raises(ValueError):
        _truth(_table([["^", "a", "b", "c", "d", "e"]]))
    with pytest.raises(ValueError):
        _truth(_table([{"title": "x"}, ["1", "^", "b", "c", "d", "e"]]))
    with pytest.raises(ValueError):
        build.validate_source(_source(_table([["1", "a", "b"]])))     # wrong width
    with pytest.raises(ValueError):    # an L-shaped merge cannot be drawn
        build.grid_origins([["a", "<"], ["^", "b"], ["^", "^"]])


# --- render_docx ------------------------------------------------------------------------------

def _render(tmp_path, source):
    import docx
    path = build.render_docx(source, tmp_path / "x.docx")
    return docx.Document(str(path)), path


def _merge_source():
    t = _table([
        {"title": "省重点民生实事项目"},
        ["1", "地区生产总值增长7%", "县发改局", "1-3月…\n1-4月…", "/", "低于预期"],
        ["2", "固定资产投资79.4亿元", "^", "1-4月…", "15%", "进展有序"],
        ["3", "启动建设徐特立项目", "县教体局", "未下指标", "<", "<"],
    ], header=[["序号", "2023年度具体目标任务", "责任单位", "完成情况", "<", "备注"],
               ["^", "^", "^", "当前进展情况", "完成年度任务之比", "^"]])
    src = _source(t)
    src["annexes"].append({"no": 2, "title": "凤凰县打好科技创新攻坚仗重要指标监测表",
                           "orientation": "portrait",
                           "tables": [_table([["1", "a", "县科技工信局", "", "", "进展有序"]],
                                             name="子表", caption=True, repeat_header=False)]})
    return src


def test_render_docx_sections_and_orientation(tmp_path):
    from docx.enum.section import WD_ORIENT, WD_SECTION
    d, _ = _render(tmp_path, _merge_source())
    secs = d.sections
    assert len(secs) == 3                                   # main text + one per annex
    assert secs[0].orientation == WD_ORIENT.PORTRAIT and secs[0].page_width < secs[0].page_height
    assert secs[1].orientation == WD_ORIENT.LANDSCAPE and secs[1].page_width > secs[1].page_height
    assert secs[1].start_type == WD_SECTION.NEW_PAGE
    assert secs[2].orientation == WD_ORIENT.PORTRAIT
    assert abs(secs[0].page_width.cm - 21.0) < 0.01         # A4, not python-docx's Letter
    texts = [p.text for p in d.paragraphs]
    assert "附件：1. 凤凰县打好经济增长主动仗重要指标监测表" in texts
    assert "附件1：" in texts and "附件2：" in texts
    assert "填报单位：县发改局\t填报人：刘检华" in texts
    assert "子表" in texts                                    # caption above the sub-table
    assert d.core_properties.author == build.FIXED_AUTHOR


def _raw_tc(table, r, c):
    """The w:tc element at grid position (r, c) of row r itself (python-docx's table.cell()
    returns the top cell of a vertical merge; this does not)."""
    col = 0
    for tc in table.rows[r]._tr.tc_lst:
        if col <= c < col + tc.grid_span:
            return tc
        col += tc.grid_span
    raise IndexError((r, c))


def test_render_docx_merges_and_header_flags(tmp_path):
    from docx.oxml.ns import qn
    d, _ = _render(tmp_path, _merge_source())
    t = d.tables[0]
    assert len(t.rows) == 2 + 1 + 3
    # header: "完成情况" spans 2 columns, 序号 spans 2 rows
    assert t.cell(0, 3)._tc is t.cell(0, 4)._tc
    assert t.cell(0, 3).text == "完成情况"
    assert _raw_tc(t, 1, 0).vMerge == "continue" and t.cell(0, 0).text == "序号"
    assert t.cell(1, 3).text == "当前进展情况"
    # both header rows repeat; body rows do not; nothing forbids rows splitting over pages
    flags = [r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None for r in t.rows]
    assert flags == [True, True, False, False, False, False]
    assert not t._tbl.xpath(".//w:cantSplit")
    # title row: one cell across all columns
    assert _raw_tc(t, 2, 0).grid_span == 6 and len(t.rows[2]._tr.tc_lst) == 1 and t.cell(2, 0).text == "省重点民生实事项目"
    # vertical merge of 责任单位: text of the top cell only
    assert _raw_tc(t, 4, 2).vMerge == "continue" and _raw_tc(t, 3, 2).vMerge == "restart"
    assert t.cell(3, 2).text == "县发改局"
    # horizontal merge of 未下指标 over three columns, text not repeated
    assert _raw_tc(t, 5, 3).grid_span == 3 and t.cell(5, 3).text == "未下指标"
    # "\n" = separate paragraphs
    assert [p.text for p in t.cell(3, 3).paragraphs] == ["1-3月…", "1-4月…"]
    # explicit borders on the table
    assert t._tbl.tblPr.find(qn("w:tblBorders")) is not None
    # sub-table with repeat_header false
    t2 = d.tables[1]
    assert t2._tbl.xpath(".//w:tblHeader") == []


def test_render_docx_widths_scaled_to_text_width(tmp_path):
    d, _ = _render(tmp_path, _merge_source())
    sec = d.sections[1]
    text_width = sec.page_width - sec.left_margin - sec.right_margin
    cols = [c.width for c in d.tables[0].columns]
    assert abs(sum(cols) - text_width) < 20000             # EMU; rounding only
    assert cols[1] == pytest.approx(4 * cols[0], rel=0.01)


def test_render_docx_fonts(tmp_path):
    from docx.oxml.ns import qn
    d, _ = _render(tmp_path, _merge_source())
    run = d.tables[0].cell(3, 1).paragraphs[0].runs[0]
    rfonts = run._element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == build.FONT_BODY and rfonts.get(qn("w:ascii")) == build.FONT_BODY
    title = next(p for p in d.paragraphs if p.text == "凤凰县打好\"发展六仗\"工作情况专报")
    assert title.runs[0].bold and title.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == build.FONT_TITLE


def test_render_docx_is_deterministic(tmp_path):
    src = _merge_source()
    a = build.render_docx(src, tmp_path / "a.docx").read_bytes()
    b = build.render_docx(copy.deepcopy(src), tmp_path / "b.docx").read_bytes()
    assert a == b


def test_main_writes_truth_and_docx_without_pdf(tmp_path):
    import yaml
    src = _merge_source()
    src["name"] = "mini"
    p = tmp_path / "mini.yaml"
    p.write_text(yaml.safe_dump(src, allow_unicode=True), encoding="utf-8")
    assert build.main(["--no-pdf", "--out", str(tmp_path / "out"), str(p)]) == 0
    truth = json.loads((tmp_path / "out" / "truth" / "mini.json").read_text(encoding="utf-8"))
    assert [r["seq"] for r in truth["indicators"]] == ["1", "2", "3", "1"]
    assert truth["indicators"][0]["section"] == "省重点民生实事项目"
    assert truth["indicators"][3]["section"] == "子表"
    assert (tmp_path / "out" / "docx" / "mini.docx").exists()


def test_unquoted_no_key_of_schema_is_accepted(tmp_path):
    # SCHEMA.md writes `- no: 1`; PyYAML reads the key `no` as the boolean False
    text = """
name: y
header: {issuer: 凤凰县人民政府督查室, doc_number: 凤政督函〔2023〕2号, title: 专报}
annexes:
  - no: 3
    title: 凤凰县打好优化发展环境持久仗重要指标监测表
    orientation: portrait
    tables:
      - widths: [1, 4, 2]
        header: [[序号, 量化考核指标, 备注]]
        roles: {seq: 0, target: [1], status: 2}
        rows:
          - ["1", 实施政务服务提升行动, 稳步推进]
"""
    p = tmp_path / "y.yaml"
    p.write_text(text, encoding="utf-8")
    src = build.load_source(p)
    assert build.truth_for(src)["indicators"][0]["annex_no"] == 3
    d, _ = _render(tmp_path, src)
    assert "附件3：" in [q.text for q in d.paragraphs]


def test_scan_settings_default_override_and_refuse_unknown_keys(tmp_path):
    assert build.scan_settings({"variants": {"scan": False}}) is None
    assert build.scan_settings({}) is None
    assert build.scan_settings({"variants": {"scan": True}}) == build.SCAN_DEFAULTS
    custom = build.scan_settings({"variants": {"scan": {"dpi": 300, "jpeg": 40}}})
    assert custom["dpi"] == 300 and custom["jpeg"] == 40 and custom["angle"] == build.SCAN_DEFAULTS["angle"]
    assert build.scan_name("luxi-2023-07", custom) == "luxi-2023-07--scan300.pdf"
    with pytest.raises(ValueError, match="unknown keys"):
        build.scan_settings({"variants": {"scan": {"dpi": 300, "colour": True}}})


def test_a_scan_has_no_text_layer_and_is_the_same_on_a_rebuild(tmp_path):
    pdf = ROOT / "tests" / "fixtures" / "mini-bulletin.pdf"
    a = build.render_scan(pdf, tmp_path / "a" / "scan.pdf", dpi=72, angle=1.0, noise=2.0, jpeg=50)
    b = build.render_scan(pdf, tmp_path / "b" / "scan.pdf", dpi=72, angle=1.0, noise=2.0, jpeg=50)
    assert a.read_bytes() == b.read_bytes()
    import pdfplumber

    with pdfplumber.open(str(a)) as doc:
        assert len(doc.pages) == 2 and all(not p.extract_text().strip() and p.images for p in doc.pages)
