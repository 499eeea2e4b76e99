"""Stitching table fragments across pages, on hand-made Grids."""
from __future__ import annotations

from grids import cells_from_spec

from extract.layout.segment import segment
from extract.model import Document, Grid, TextLine
from extract.pipeline import annex_tables
from extract.settings.rules import default_geometry, load_rules
from extract.tables.stitch import stitch, stitch_document

EDGES = (50.0, 100.0, 300.0, 450.0, 520.0)
H = 595.0


def frag(page: int, spec: list[list[str]], *, top: float = 60.0, edges=EDGES) -> Grid:
    """A fragment on `page` from a text spec (see grids.cells_from_spec)."""
    cells = cells_from_spec(spec, page)
    return Grid(rows=cells, row_pages=[(page, page)] * len(cells), row_locators=[f"第{page}页"] * len(cells),
                col_edges=edges[: len(spec[0]) + 1], bbox=(edges[0], top, edges[len(spec[0])], 560.0))


HEADER = ["序号", "目标任务", "当前进展情况", "备注"]


def texts(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def run(*frags: Grid, **kw) -> list[Grid]:
    return stitch(list(frags), default_geometry().stitch, load_rules().document, page_heights={1: H, 2: H, 3: H}, **kw)


def test_repeated_header_dropped():
    a = frag(1, [HEADER, ["1", "任务甲", "进展甲", "正常推进"], ["2", "任务乙", "进展乙", "滞后"]])
    b = frag(2, [HEADER, ["3", "任务丙", "进展丙", "正常推进"]])
    [t] = run(a, b)
    assert [c.text for c in t.header[0]] == HEADER
    assert [r[0] for r in texts(t)] == ["1", "2", "3"]
    assert t.row_pages == [(1, 1), (1, 1), (2, 2)]
    assert t.rows[2][0].origin == (2, 0)          # re-based to the logical table


def test_two_row_header_with_vertical_merge_and_repeat():
    spec_head = [["序号", "目标任务", "完成情况", "<"], ["^", "^", "数量", "比例"]]
    a = frag(1, spec_head + [["1", "任务甲", "3", "30%"]])
    b = frag(2, spec_head + [["2", "任务乙", "5", "50%"]])
    [t] = run(a, b)
    assert len(t.header) == 2
    assert t.header[1][0] is t.header[0][0] and t.header[1][0].origin == (0, 0)
    assert texts(t) == [["1", "任务甲", "3", "30%"], ["2", "任务乙", "5", "50%"]]


def test_header_cut_by_the_page_break_keeps_its_lower_row_out_of_the_body():
    """A sub-table's first header row at a page's foot, its second row on the next page."""
    a = frag(1, [["序号", "年度目标", "完成情况", "<"]], top=520.0)
    b = frag(2, [["", "", "推进情况", "评价"], ["1", "城镇新增就业3354人", "已完成468人。", "低于序时"]])
    [t] = run(a, b)
    assert [[c.text for c in row] for row in t.header] == [["序号", "年度目标", "完成情况", "完成情况"],
                                                           ["序号", "年度目标", "推进情况", "评价"]]
    assert texts(t) == [["1", "城镇新增就业3354人", "已完成468人。", "低于序时"]]


def test_split_row_merged_cell_by_cell():
    a = frag(1, [HEADER, ["1", "任务甲", "进展甲", "正常推进"], ["2", "任务乙前半", "进展乙前半", "滞后"]])
    b = frag(2, [["", "任务乙后半", "进展乙后半", ""], ["3", "任务丙", "进展丙", "正常推进"]])
    [t] = run(a, b)
    assert texts(t) == [
        ["1", "任务甲", "进展甲", "正常推进"],
        ["2", "任务乙前半\n任务乙后半", "进展乙前半\n进展乙后半", "滞后"],
        ["3", "任务丙", "进展丙", "正常推进"],
    ]
    assert t.row_pages[1] == (1, 2)
    assert t.row_locators[1] == "第1-2页"
    assert t.rows[2][0].origin == (2, 0)


def test_blank_first_cell_of_complete_row_is_not_a_split_row():
    # the seq column merges elsewhere (sub-rows under one 序号); the new page's first row is a complete
    # sub-row with its own status: it stays a row, and its blank 序号 continues the merge.
    a = frag(1, [HEADER, ["1", "子任务一", "进展一", "正常推进"], ["^", "子任务二", "进展二", "正常推进"],
                 ["2", "子任务三", "进展三", "滞后"]])
    b = frag(2, [["", "子任务四", "进展四", "正常推进"], ["3", "任务丙", "进展丙", "正常推进"]])
    [t] = run(a, b)
    assert [r[1] for r in texts(t)] == ["子任务一", "子任务二", "子任务三", "子任务四", "任务丙"]
    assert t.rows[3][0] is t.rows[2][0]
    assert t.rows[3][0].text == "2" and t.rows[3][0].origin == (2, 0)


def test_vertical_merge_continued_across_the_break():
    a = frag(1, [["分组", "序号", "目标任务", "备注"], ["一、创新", "1", "任务甲", "正常"], ["^", "2", "任务乙", "正常"]])
    b = frag(2, [["", "3", "任务丙", "滞后"], ["^", "4", "任务丁", "正常"], ["二、民生", "5", "任务戊", "正常"]])
    [t] = run(a, b)
    assert len(t.rows) == 5
    group = t.rows[0][0]
    assert group.text == "一、创新"
    assert all(t.rows[r][0] is group for r in range(4))
    assert t.rows[4][0].text == "二、民生" and t.rows[4][0].origin == (4, 0)
    # the seq column took no part in any merge
    assert [r[1] for r in texts(t)] == ["1", "2", "3", "4", "5"]


def test_blank_merged_cell_at_top_continues_a_single_row_cell():
    # the merge started on the last row of page 1, so page 1 shows it as a one-row cell; page 2 shows
    # its blank remainder spanning two rows
    a = frag(1, [["分组", "序号", "目标任务", "备注"], ["一、创新", "1", "任务甲", "正常"], ["二、民生", "2", "任务乙", "正常"]])
    b = frag(2, [["", "3", "任务丙", "滞后"], ["^", "4", "任务丁", "正常"]])
    [t] = run(a, b)
    assert all(t.rows[r][0].text == "二、民生" and t.rows[r][0].origin == (1, 0) for r in (1, 2, 3))


def test_new_table_when_columns_differ():
    a = frag(1, [HEADER, ["1", "任务甲", "进展甲", "正常推进"]])
    b = frag(2, [["序号", "指标", "进展"], ["1", "指标甲", "30"]])
    tables = run(a, b)
    assert len(tables) == 2
    assert tables[1].n_cols == 3 and [c.text for c in tables[1].header[0]] == ["序号", "指标", "进展"]


def test_new_table_when_edges_do_not_align_or_not_at_top():
    a = frag(1, [HEADER, ["1", "任务甲", "进展甲", "正常推进"]])
    moved = frag(2, [HEADER, ["1", "任务乙", "进展乙", "正常推进"]], edges=(50.0, 140.0, 300.0, 450.0, 520.0))
    assert len(run(a, moved)) == 2
    low = frag(2, [["2", "任务乙", "进展乙", "正常推进"]], top=200.0)
    assert len(run(a, low, text_above=[False, True])) == 2     # a caption above it: a new table
    assert len(run(a, low, text_above=[False, False])) == 1    # nothing above it: continues


def test_new_table_when_text_follows_or_pages_skip():
    a = frag(1, [HEADER, ["1", "任务甲", "进展甲", "正常推进"]])
    b = frag(2, [["2", "任务乙", "进展乙", "正常推进"]])
    assert len(run(a, b, text_below=[True, False])) == 2
    c = frag(3, [["2", "任务乙", "进展乙", "正常推进"]])
    assert len(run(a, c)) == 2


def test_numbers_in_both_rows_mean_a_new_row():
    a = frag(1, [["项目", "名称", "金额", "备注"], ["201", "一般公共服务", "100.00", "无"]])
    b = frag(2, [["", "人大事务", "50.00", "无"]])
    [t] = run(a, b)
    assert len(t.rows) == 2 and t.rows[1][0].text == ""


def test_split_sub_row_under_a_merged_seq():
    # 序号 4 spans three sub-rows; the first sub-row is cut by the page break (LibreOffice draws the
    # rest of the 序号 cell as a blank cell spanning the tail and the remaining sub-rows)
    a = frag(1, [HEADER, ["3", "任务丙", "进展丙", "正常推进"], ["4", "子任务一前半", "进展一前半", "正常推进"]])
    b = frag(2, [["", "子任务一后半", "进展一后半", ""], ["^", "子任务二", "进展二", "滞后"],
                 ["^", "子任务三", "进展三", "正常推进"], ["5", "任务戊", "进展戊", "正常推进"]])
    [t] = run(a, b)
    assert texts(t) == [
        ["3", "任务丙", "进展丙", "正常推进"],
        ["4", "子任务一前半\n子任务一后半", "进展一前半\n进展一后半", "正常推进"],
        ["4", "子任务二", "进展二", "滞后"],
        ["4", "子任务三", "进展三", "正常推进"],
        ["5", "任务戊", "进展戊", "正常推进"],
    ]
    assert t.rows[1][0] is t.rows[3][0] and t.rows[3][0].origin == (1, 0)
    assert t.row_pages[1] == (1, 2) and t.row_pages[2] == (2, 2)


def test_column_line_drawn_only_on_the_next_page_keeps_one_table():
    """LibreOffice draws a column line only where a row needs it (reference annex 6: 10 columns on
    one page, 11 on the next). The fragments share every line of the sparser one: one table."""
    a = frag(1, [HEADER, ["1", "任务甲", "进展甲", "正常推进"]])
    split = frag(2, [["2", "任务乙", "细项", "进展乙", "正常推进"]], edges=(50.0, 100.0, 220.0, 300.0, 450.0, 520.0))
    [t] = run(a, split)
    assert t.n_cols == 5 and len(t.rows) == 2
    # the wide cell of page 1 covers both new columns as one merged cell
    assert t.rows[0][1] is t.rows[0][2] and t.rows[0][1].text == "任务甲"
    assert [c.text for c in t.rows[1]] == ["2", "任务乙", "细项", "进展乙", "正常推进"]


def test_numbers_cut_in_narrow_cells_mark_a_split_sub_row():
    """Portrait pages: '25.7' | '7%' and '149' | '.6' are one number each, cut by the page break,
    so the first row of page 2 is the tail of the last row of page 1, not a new sub-row."""
    a = frag(1, [HEADER, ["10", "农村水源保障", "新增蓄水能力 13 万方", "25.7"]])
    b = frag(2, [["", "及灌溉能力提升", "", "7%"], ["^", "^", "新增灌溉面积", "25.05%"]])
    [t] = run(a, b)
    assert len(t.rows) == 2
    assert t.rows[0][3].text == "25.7\n7%" and t.rows[0][1].text == "农村水源保障\n及灌溉能力提升"


def test_sub_row_after_the_break_continues_its_merged_unit_cell():
    """A 序号 and a 责任单位 merged over two sub-rows, cut right after the first: page 1 shows
    both as one-row cells, page 2 a blank seq and a blank unit. The unit is the merge, not a blank."""
    a = frag(1, [HEADER, ["9", "任务甲", "县住建局", "进展甲"], ["10", "任务乙", "县水利局", "进展乙"],
                 ["^", "任务丙", "^", "进展丙"], ["11", "任务丁", "县水利局", "进展丁"]])
    b = frag(2, [["12", "饮水安全", "县卫健局", "进展己"], ["^", "水源保障", "县水利局", "蓄水"]])
    c = frag(3, [["", "新增灌溉面积", "", "进展戊"]])
    [t] = run(a, b, c)
    assert len(t.rows) == 7
    assert t.rows[6][0] is t.rows[5][0] and t.rows[6][0].text == "12"
    assert t.rows[6][2] is t.rows[5][2] and t.rows[6][2].text == "县水利局"


def test_cut_group_label_with_a_sparse_tail_is_one_row():
    """Without a repeated header, the last row's tail ("报送" of the group label 四、信息报送, and the
    rest of the progress text) starts page 2: a tail, not a new row."""
    a = frag(1, [HEADER, ["四、信息", "报送特色亮点工作", "1.凤凰县持续深化", "进展有序"]])
    b = frag(2, [["报送", "", "院校县合作。", ""]])
    [t] = run(a, b)
    assert len(t.rows) == 1 and t.rows[0][0].text == "四、信息\n报送"


def test_running_footer_gives_one_table_in_the_pipeline_and_in_tables(rules):
    """An annex table over three pages, each page with the office's running footer under the table:
    the footer is not text that ends the table, for the pipeline and for `zhuanbao tables` alike."""
    footer = "凤凰县人民政府督查室编印"

    def page(n: int, spec: list[list[str]], top: float) -> list:
        line = f"第{n}页"
        return [frag(n, spec, top=top), TextLine(footer, n, line), TextLine(f"- {n} -", n, line)]

    blocks = [TextLine("附件1", 1, "第1页"), TextLine("凤凰县打好经济增长主动仗重要指标监测表", 1, "第1页"),
              *page(1, [HEADER, ["1", "任务甲", "进展甲", "正常推进"]], 120.0),
              *page(2, [HEADER, ["2", "任务乙", "进展乙", "滞后"]], 60.0),
              *page(3, [["3", "任务丙", "进展丙", "正常推进"]], 60.0)]
    doc = Document("annex.pdf", "pdf", 3, blocks, page_heights=[H, H, H])
    [annex] = segment(doc, rules).annexes
    pipeline = annex_tables(annex, rules, doc.page_heights)
    tables = stitch_document(doc, default_geometry().stitch, load_rules().document, page_heights=doc.page_heights)
    assert len(pipeline) == len(tables) == 1
    assert [r[0] for r in texts(pipeline[0].grid)] == [r[0] for r in texts(tables[0])] == ["1", "2", "3"]


def test_repeated_header_with_a_tall_cell_cut_short_is_still_dropped():
    """On later pages the repeated header row is lower: 工作目标 prints as 工作目, its 标 falls into the
    first row below. The header is still the header, and 标 is not data."""
    head = ["序号", "工作目标", "当前进展情况", "备注"]
    a = frag(1, [head, ["1", "任务甲", "进展甲前半", "正常推进"]])
    b = frag(2, [["序号", "工作目", "当前进展情况", "备注"], ["", "标", "进展甲后半", ""],
                 ["2", "任务乙", "进展乙", "滞后"]])
    [t] = run(a, b)
    assert texts(t) == [["1", "任务甲", "进展甲前半\n进展甲后半", "正常推进"], ["2", "任务乙", "进展乙", "滞后"]]
