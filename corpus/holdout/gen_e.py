#!/usr/bin/env python3
"""Held-out generator e: gzbg, changwu, pishi, duban, jianyi, rexian (two bulletins each).

Every bulletin is composed from its own figures: a paragraph is a run of plain text and tagged
tokens (C = count, S = share, A = amount, I = numbered item); the statements of the truth are the
pieces (cut at 。/；) that hold tokens.  Shares are computed here (half-up, `decimal`); a wrong value
is written in on purpose only through an explicit `printed=` and matched by an `expect(...)`.
`check()` reloads every source and recomputes the findings from the recorded claims and the annex
rows, independently of the hand-written expectations.

    python corpus/holdout/gen_e.py
"""
import random
import re
import sys
import unicodedata
from collections import Counter
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OUT = HERE / 'sources'
VOCAB_E = HERE / 'vocabulary-e.yaml'
VOCAB_MAIN = HERE.parent / 'vocabulary.yaml'
random.seed(20240605)

# --------------------------------------------------------------------------- helpers

def pct(part, base, dec=1, mode=ROUND_HALF_UP):
    v = (Decimal(part) * 100 / Decimal(base)).quantize(Decimal(1).scaleb(-dec), rounding=mode)
    return f'{v}%'


def decimals_of(share):
    m = re.search(r'\.(\d+)%', share)
    return len(m.group(1)) if m else 0


CN = '零一二三四五六七八九'


def cn(n):
    if n < 10:
        return CN[n]
    if n < 20:
        return '十' + (CN[n - 10] if n % 10 else '')
    if n < 100:
        return CN[n // 10] + '十' + (CN[n % 10] if n % 10 else '')
    h, r = divmod(n, 100)
    s = CN[h] + '百'
    if r == 0:
        return s
    if r < 10:
        return s + '零' + CN[r]
    return s + cn(r) if r >= 20 else s + '一' + cn(r)


FW = str.maketrans('0123456789', '０１２３４５６７８９')


def C(n): return ('c', n)
def S(x): return ('s', x)
def A(x): return ('a', x)
def I(n): return ('i', n)


class Doc:
    def __init__(self, name, genre, issuer, doc_number, title, date, digits='ar', annex_format='docx'):
        self.name, self.genre, self.digits, self.annex_format = name, genre, digits, annex_format
        self.header = {'issuer': issuer, 'doc_number': doc_number, 'title': title, 'date': date}
        self.body, self.stmts, self.annexes = [], [], []
        self.findings, self.injections, self.claims = [], [], []

    def num(self, n):
        if self.digits == 'cn':
            return cn(n)
        return str(n).translate(FW) if self.digits == 'fw' else str(n)

    def p(self, *pieces):
        text, start = '', 0
        cur = {'counts': [], 'shares': [], 'amounts': [], 'items': []}
        for pc in pieces:
            if isinstance(pc, tuple):
                kind, v = pc
                if kind == 'c':
                    text += self.num(v); cur['counts'].append(v)
                elif kind == 'i':
                    text += str(v).translate(FW) if self.digits == 'fw' else str(v); cur['items'].append(v)
                elif kind == 's':
                    text += v; cur['shares'].append(v)
                else:
                    text += v; cur['amounts'].append(v)
                continue
            for ch in pc:
                text += ch
                if ch in '。；':
                    if any(cur.values()):
                        self.stmts.append({'text': text[start:], **cur})
                    start = len(text)
                    cur = {'counts': [], 'shares': [], 'amounts': [], 'items': []}
        assert not any(cur.values()), f'figures after the last 。/； in {text!r}'
        self.body.append(text)

    # a printed share; `printed` overrides the right value (a mistake written in on purpose)
    def sh(self, part, base, dec=1, printed=None):
        out = printed or pct(part, base, dec)
        self.claims.append({'c': 'share', 'part': part, 'base': base, 'printed': out})
        return S(out)

    def sum_of(self, total, parts, stated):
        self.claims.append({'c': 'sum', 'total': total, 'parts': parts, 'stated': stated})

    def tab(self, claim, annex=1, **kw):
        self.claims.append({'c': claim, 'annex': annex, **kw})

    def expect(self, kind, stated, computed, note):
        self.findings.append({'kind': kind, 'stated': stated, 'computed': computed, 'note': note})
        self.injections.append(f'{kind}: {note}')

    def annex(self, no, title, header, roles, rows, widths, filler_unit=None, orientation='landscape'):
        full = {'seq': None, 'target': [], 'units': None, 'progress': None, 'completion': None,
                'status': None, 'section': None, 'target_goal': None, 'seq_in_target': False}
        full.update(roles)
        a = {'no': no, 'title': title}
        if filler_unit:
            a['filler_unit'] = filler_unit
        a['orientation'] = orientation
        a['tables'] = [{'name': '', 'caption': False, 'repeat_header': True, 'widths': widths,
                        'header': [header], 'roles': full, 'rows': rows}]
        self.annexes.append(a)

    def data(self):
        d = {'name': self.name, 'genre': self.genre, 'annex_format': self.annex_format,
             'header': self.header, 'body': self.body}
        if self.annexes:
            d['annex_list'] = True
        d['annexes'] = self.annexes
        d['statements'] = self.stmts
        d['expected_findings'] = self.findings
        d['injections'] = self.injections
        return d


class Flow(list):
    """A list printed on one line (table rows, header rows, the figures of a statement)."""


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(Flow, lambda dm, v: dm.represent_sequence('tag:yaml.org,2002:seq', v, flow_style=True))


def flowed(d):
    for st in d['statements']:
        for k in ('counts', 'shares', 'amounts', 'items'):
            st[k] = Flow(st[k])
    for a in d['annexes']:
        for t in a['tables']:
            t['widths'] = Flow(t['widths'])
            t['header'] = [Flow(r) for r in t['header']]
            t['roles']['target'] = Flow(t['roles']['target'])
            t['rows'] = [Flow(r) if isinstance(r, list) else r for r in t['rows']]
    return d


def pick(options):
    return random.choice(options)


# --------------------------------------------------------------------------- gzbg

def gzbg_xiuchuan():
    d = Doc('gzbg-xiuchuan-2024-07', 'gzbg', '岫川县人民政府督查室', '岫政督通〔2024〕7号',
            '关于2024年县《政府工作报告》重点任务上半年推进情况的通报', '2024年7月12日')
    W = [  # (重点任务, 具体工作, 牵头单位, 推进状态, 进展)
        ('扩大有效投资', '实施县级重点项目60个，完成年度投资46亿元', '县发改局', '序时推进', None),
        ('^', '争取地方政府专项债券资金3亿元以上', '县财政局', '已完成', '已争取专项债券资金3.4亿元。'),
        ('^', '新开工亿元以上产业项目10个', '县发改局', '序时推进', None),
        ('壮大工业经济', '新增规模以上工业企业8家', '县工信局', '序时推进', None),
        ('^', '建成经开区标准化厂房10万平方米', '县经开区管委会', '滞后', '受用地报批影响，二期厂房尚未开工，进度滞后。'),
        ('^', '推动12家企业实施技术改造', '县工信局', '序时推进', None),
        ('繁荣商贸消费', '举办县域消费促进活动', '县商务局', '序时推进', None),
        ('^', '新增限额以上商贸企业6家', '县商务局', '已完成', '已新增入库7家，提前完成全年任务。'),
        ('推进乡村振兴', '新建高标准农田3.2万亩', '县农业农村局', '序时推进', None),
        ('^', '村级集体经济收入10万元以上的村达到80%', '县农业农村局', '序时推进', None),
        ('^', '粮食播种面积稳定在42万亩以上', '县农业农村局', '序时推进', None),
        ('提升城市品质', '改造城镇老旧小区14个', '县住建局', '滞后', '仅开工5个小区，资金筹措进度慢，进度滞后。'),
        ('^', '新增城区公共停车泊位1200个', '县住建局', '序时推进', None),
        ('^', '完成滨河路提质改造', '县城投公司', '已完成', '主体工程已完工并通过验收。'),
        ('改善生态环境', '城区空气质量优良天数比例达到92%以上', '县生态环境分局', '序时推进', None),
        ('^', '完成人工造林1.5万亩', '县林业局', '序时推进', None),
        ('^', '关停整治无证砂石场', '县自然资源局', '已完成', '排查出的无证砂石场已全部关停取缔。'),
        ('办好人民满意教育', '新建公办幼儿园3所', '县教育局', '序时推进', None),
        ('^', '城区中小学新增学位2000个', '县教育局', '已完成', '新增学位已在春季学期投入使用。'),
        ('^', '推进县职教中心实训楼建设', '县教育局', '序时推进', None),
        ('推进健康岫川建设', '县人民医院综合楼主体封顶', '县卫健局', '滞后', '施工单位变更，主体施工进度滞后。'),
        ('^', '完成村卫生室标准化建设40个', '县卫健局', '序时推进', None),
        ('强化就业和社会保障', '城镇新增就业3500人', '县人社局', '序时推进', None),
        ('^', '发放创业担保贷款1.2亿元', '县人社局', '已完成', '已累计发放创业担保贷款1.26亿元。'),
        ('^', '建成县级综合养老服务中心', '县民政局', '序时推进', None),
        ('优化营商环境', '推出“一件事一次办”集成服务事项30项', '县政务服务中心', '序时推进', None),
        ('^', '工程建设项目审批时限压缩至60个工作日以内', '县住建局', '滞后', '联审联办平台尚未上线运行，进度滞后。'),
        ('建设更高水平平安岫川', '开展安全生产隐患大排查大整治', '县应急管理局', '序时推进', None),
        ('^', '完成重点信访矛盾化解攻坚', '县信访局', '已完成', '列入攻坚清单的信访事项已全部化解。'),
        ('加强政府自身建设', '人大代表建议、政协委员提案按期办复率100%', '县政府办', '序时推进', None),
    ]
    on_track_txt = ['按计划有序推进，进度符合序时要求。', '已完成阶段性目标，正按时间节点推进。',
                    '正在组织实施，各项工作进展正常。', '已制定实施方案，正在推进落实。']
    rows = []
    for k, (task, work, unit, st, prog) in enumerate(W, 1):
        rows.append([str(k), task, work, unit, prog or pick(on_track_txt), st])
    n = len(W)
    cnt = Counter(r[5] for r in rows)
    done, ok, late = cnt['已完成'], cnt['序时推进'], cnt['滞后']
    late_seq = [k for k, r in enumerate(rows, 1) if r[5] == '滞后']
    d.sum_of(n, [done, ok, late], str(n))
    d.tab('ttotal', stated=n, printed=str(n))
    for st, v in (('completed', done), ('on_track', ok), ('behind', late)):
        d.tab('tcount', status=st, stated=v, printed=str(v))
    for k in late_seq:
        d.tab('titem', seq=k, status='behind', printed=f'{k}')

    d.p('按照县政府统一安排，7月上旬，县政府督查室会同县发改局，采取查阅台账、实地察看、电话抽查相结合的方式，'
        '对2024年县《政府工作报告》确定的重点任务推进情况开展了专项督查。现将有关情况通报如下。')
    d.p('一、总体进展')
    d.p('今年县《政府工作报告》部署的重点任务共', C(12), '项，经各牵头单位细化分解，形成可量化、可考核的具体工作', C(n), '个。')
    d.p('从督查核实情况看：已完成的具体工作', C(done), '个，占', d.sh(done, n), '；按序时推进的', C(ok), '个（',
        d.sh(ok, n), '）；进度滞后的', C(late), '个，占', d.sh(late, n), '（详见附件）。')
    d.p('主要指标方面，上半年全县完成固定资产投资', A('21.36亿元'), '，占年度目标', A('46亿元'), '的', d.sh(2136, 4600),
        '；规模以上工业增加值增长', S('7.8%'), '，增速比全市平均水平高1.2个百分点。')
    d.p('从任务属性看，', C(n), '个具体工作中，涉及民生保障的', C(11), '个，涉及项目建设的', C(9), '个，部分工作同时属于上述类别。')
    d.p('二、存在问题')
    items = []
    for j, k in enumerate(late_seq):
        items += (['第'] if j == 0 else ['、']) + [I(k)]
    d.p('一是部分工作推进偏慢。', *items, '个具体工作未达到序时进度，问题主要集中在项目前期手续办理和资金筹措环节。')
    d.p('二是佐证材料报送不够及时。约三成牵头单位未能按要求同步报送进展佐证资料，个别单位报送的进度数据与实地核查情况存在出入。')
    d.p('三、下步工作')
    d.p('各牵头单位要对照年度目标倒排工期、挂图作战，确保下半年各项工作按节点推进；对', C(late),
        '个进度滞后的具体工作，县政府督查室将实行清单管理、逐月跟踪，直至达到序时进度。')
    d.annex(1, '岫川县2024年《政府工作报告》重点任务上半年推进情况表',
            ['序号', '重点任务', '具体工作', '牵头单位', '上半年进展情况', '推进状态'],
            {'seq': 0, 'section': 1, 'target': [2], 'units': 3, 'progress': 4, 'status': 5},
            rows, [1, 3, 5, 2, 6, 2], filler_unit='县政府督查室')
    return d


def gzbg_liaoting():
    d = Doc('gzbg-liaoting-2023-11', 'gzbg', '蓼汀县人民政府督查室', '蓼政督通〔2023〕11号',
            '2023年县《政府工作报告》目标任务前三季度落实情况的通报', '2023年10月20日')
    tasks, works = 138, 306
    parts = {'已完成和提前完成': 38, '超进度': 19, '达进度': 214, '欠进度': 26, '其它类': 9}
    assert sum(parts.values()) == works
    done, ahead, on, lag, other = parts.values()
    wrong_lag = pct(lag, works, 1, ROUND_DOWN)          # 8.4% instead of 8.5%
    assert wrong_lag != pct(lag, works)
    d.sum_of(works, list(parts.values()), str(works))
    d.p('10月上旬，县政府督查室抽调人员组成督查组，通过听取汇报、查阅资料、现场核实等方式，'
        '对2023年县《政府工作报告》目标任务前三季度落实情况进行了督查。现将督查情况通报如下。')
    d.p('一、总体情况')
    d.p('县《政府工作报告》共明确目标任务', C(tasks), '项，经牵头单位分解、分管县领导审定，细化为具体工作内容', C(works), '个。')
    d.p('经督查核实，截至9月底，', C(works), '个具体工作内容中，已完成和提前完成的', C(done), '个，占总任务的', d.sh(done, works),
        '；超进度的', C(ahead), '个，占总任务的', d.sh(ahead, works),
        '；达进度的', C(on), '个，占总任务的', d.sh(on, works),
        '；欠进度的', C(lag), '个，占总任务的', d.sh(lag, works, printed=wrong_lag),
        '；其它类', C(other), '个，占总任务的', d.sh(other, works), '，主要为需待上级部署或年底集中考核的事项。')
    d.expect('percent_truncated', wrong_lag, pct(lag, works),
             f'{lag}/{works} = {Decimal(lag) * 100 / works:.3f}%, printed cut instead of rounded')
    d.p('在已完成的', C(done), '个具体工作内容中，有', C(11), '个提前完成全年目标。')
    d.p('总的看，已完成、超进度和达进度的合计', C(done + ahead + on), '个，占', d.sh(done + ahead + on, works), '，多数任务进展符合预期。')
    inv, plan = 3258, 5200           # 万元
    wrong_inv = '66.7%'
    d.p('主要经济指标方面，前三季度全县完成固定资产投资', A('32.58亿元'), '，占年度计划', A('52亿元'), '的',
        d.sh(inv, plan, printed=wrong_inv), '；一般公共预算收入完成', A('4.27亿元'), '，同比增长', S('5.3%'), '。')
    d.expect('percent_mismatch', wrong_inv, pct(inv, plan),
             f'32.58/52 = {Decimal(inv) * 100 / plan:.2f}%, printed 66.7%')
    d.p('二、存在的问题')
    d.p('一是欠进度任务相对集中。欠进度的', C(lag), '个具体工作内容中，项目建设类', C(13), '个，招商引资类', C(7),
        '个，其余分布在社会事业等领域。')
    d.p('二是部分单位推进节奏不均衡。有20余个具体工作内容进展持续缓慢，个别单位对欠进度原因分析不深、整改措施不实。')
    d.p('三、下步工作要求')
    d.p('一是紧盯欠进度任务。对欠进度的具体工作内容实行挂牌督办，责任单位要逐项制定赶超措施，按月报送进展情况。')
    d.p('二是强化结果运用。督查结果将纳入年度目标责任考核，对连续欠进度的单位予以通报，并约谈主要负责人。')
    return d


# --------------------------------------------------------------------------- changwu

def changwu_tonggang():
    d = Doc('changwu-tonggang-2024-09', 'changwu', '桐冈县人民政府督查室', '桐政督〔2024〕9号',
            '2024年第六次县政府常务会议确定事项落实情况的通报', '2024年8月26日', annex_format='xlsx')
    T = [  # (议题, 确定事项, 责任单位, 状态)
        ('关于下半年重点项目调度情况的汇报', '印发下半年重点项目攻坚计划', '县发改局', '已办结'),
        ('^', '建立项目问题清单周调度机制', '县发改局', '已办结'),
        ('^', '完成工业园区二期用地报批', '县自然资源局', '正在办理'),
        ('关于城区防汛排涝工作的议题', '完成城区易涝点排查整治', '县住建局', '正在办理'),
        ('^', '储备防汛抢险物资', '县应急管理局', '已办结'),
        ('^', '修订县级防汛应急预案', '县水利局', '已办结'),
        ('关于农村供水保障工程的议题', '实施农村供水保障提升工程', '县水利局', '正在办理'),
        ('^', '开展农村饮用水水质检测全覆盖', '县疾控中心', '正在办理'),
        ('^', '完成小型水库除险加固', '县水利局', '正在办理'),
        ('关于秋季学期学位保障的议题', '制定城区学位调配方案', '县教育局', '已办结'),
        ('^', '推进县一中新校区建设', '县教育局', '正在办理'),
        ('^', '落实教师周转房分配', '县教育局', '已办结'),
        ('关于城市更新工作的议题', '启动第二批老旧小区改造', '县住建局', '正在办理'),
        ('^', '完成城区雨污分流管网改造一期', '县住建局', '正在办理'),
        ('^', '推进保障性租赁住房项目', '县住建局', '正在办理'),
        ('关于财政收支情况的汇报', '盘活财政存量资金', '县财政局', '正在办理'),
        ('^', '建立财政资金支付周报制度', '县财政局', '已办结'),
        ('关于安全生产工作的议题', '开展城镇燃气安全专项整治', '县城管局', '正在办理'),
        ('^', '组织建筑施工安全专项检查', '县住建局', '已办结'),
    ]
    prog = {'已办结': ['已按会议要求落实到位。', '相关文件已印发执行。', '已完成并报县政府备案。'],
            '正在办理': ['正在按计划推进。', '已完成前期工作，正在组织实施。', '正在协调推进，尚在完成时限内。']}
    rows = [[str(k), t, w, u, pick(prog[s]), s] for k, (t, w, u, s) in enumerate(T, 1)]
    n = len(rows)
    done = sum(r[5] == '已办结' for r in rows)
    doing = n - done
    slow = [3, 9, 14, 15]
    assert all(rows[k - 1][5] == '正在办理' for k in slow)
    d.sum_of(n, [done, doing], str(n))
    d.tab('ttotal', stated=n, printed=str(n))
    d.tab('tcount', status='completed', stated=done, printed=str(done))
    d.tab('tcount', status='on_track', stated=doing, printed=str(doing))
    for k in slow:
        d.tab('titem', seq=k, status='not_completed', printed=str(k))

    d.p('根据县政府督查工作安排，8月中旬，县政府督查室对2024年第六次县政府常务会议确定事项的落实情况进行了跟踪督查，现将有关情况通报如下。')
    d.p('一、落实情况')
    d.p('本次常务会议共研究议题', C(7), '个，形成确定事项', C(n), '件。')
    d.p('截至8月23日，', C(n), '件确定事项中已办结', C(done), '件，占比', d.sh(done, n), '；正在办理', C(doing), '件，占比',
        d.sh(doing, n), '（详见附件）。')
    d.p('会议明确的县级配套资金', A('2860万元'), '，目前已拨付', A('1930万元'), '，拨付进度', d.sh(1930, 2860), '。')
    d.p('二、需要关注的事项')
    d.p('在正在办理的事项中，县自然资源局负责的第', I(3), '件、县水利局负责的第', I(9), '件、县住建局负责的第', I(14), '、', I(15),
        '件推进较慢，距会议要求的完成时限已为期不远，请相关单位高度重视。')
    d.p('三、工作要求')
    d.p('各责任单位要对照会议确定的时间节点逐件细化措施，每周向县政府督查室报送进展；对尚未办结的', C(doing),
        '件事项，督查室将按临期、到期、逾期分级预警督办，办结后及时销号。')
    d.annex(1, '2024年第六次县政府常务会议确定事项落实情况汇总表',
            ['序号', '议题', '确定事项', '责任单位', '办理情况', '办理状态'],
            {'seq': 0, 'section': 1, 'target': [2], 'units': 3, 'progress': 4, 'status': 5},
            rows, [1, 4, 5, 2, 4, 2])
    return d


def changwu_zhiyuan():
    d = Doc('changwu-zhiyuan-2023-12', 'changwu', '芷垣县人民政府督查室', '芷政督通〔2023〕12号',
            '关于2023年县长办公会议确定事项完成情况的通报', '2023年12月8日')
    # meetings 3–6: (确定事项, 办结); meetings 1–2 together: 15, all done
    first_two = 15
    M = {'三': (12, 9), '四': (10, 7), '五': (9, 4), '六': (11, 6)}
    total = first_two + sum(t for t, _ in M.values())
    done = first_two + sum(x for _, x in M.values())
    doing = total - done
    assert (total, done, doing) == (57, 41, 16)
    d.sum_of(total, [done, doing], str(total))
    d.sum_of(total, [first_two] + [t for t, _ in M.values()], str(total))
    d.p('为推动县长办公会议各项决策部署落地见效，11月下旬，县政府督查室对今年以来县长办公会议确定事项的完成情况进行了全面梳理和督查。现将有关情况通报如下。')
    d.p('一、基本情况')
    d.p('今年以来，县政府共召开县长办公会议', C(6), '次，确定事项', C(total), '件。截至11月30日，已办结', C(done), '件，正在办理',
        C(doing), '件，办结率', d.sh(done, total), '。')
    pieces = ['分会次看：第一次、第二次县长办公会共确定事项', C(first_two), '件，已全部办结']
    for k, (t, x) in M.items():
        d.sum_of(t, [x, t - x], str(t))
        dec = 0 if (x * 100) % t == 0 else 1
        printed = '55.6%' if k == '五' else None
        pieces += ['；第', k, '次县长办公会确定事项', C(t), '件，办结', C(x), '件，正在办理', C(t - x), '件，办结率',
                   d.sh(x, t, dec, printed=printed)]
        if printed:
            d.expect('percent_mismatch', printed, pct(x, t, dec),
                     f'第五次: {x}/{t} = {Decimal(x) * 100 / t:.2f}%, printed 55.6% (5/9)')
    d.p(*pieces, '（详见附件）。')
    T6 = [  # 第六次县长办公会: (确定事项, 责任单位, 完成时限, 状态)
        ('研究城区农贸市场提质改造方案', '县商务局', '2023年11月底', '已办结'),
        ('推进工业园区污水处理厂提标改造', '县生态环境分局', '2023年12月底', '正在办理'),
        ('明确农村客运班线运营补贴标准', '县交通运输局', '2023年11月底', '已办结'),
        ('加快城区公共停车场建设', '县住建局', '2023年12月底', '正在办理'),
        ('做好秋粮收购准备工作', '县发改局', '2023年10月底', '已办结'),
        ('落实冬春季森林防火责任', '县林业局', '2023年11月中旬', '已办结'),
        ('推进县医院医技楼建设', '县卫健局', '2024年6月底', '正在办理'),
        ('做好重点企业用工保障', '县人社局', '2023年12月底', '正在办理'),
        ('实施城区老旧供水管网改造', '县水利局', '2023年11月底', '已办结'),   # named as slow in the text
        ('启动城区学校食堂改造', '县教育局', '2024年3月底', '正在办理'),
        ('完善社区养老服务站运营机制', '县民政局', '2023年11月底', '已办结'),
    ]
    prog = {'已办结': '已按要求完成，办结材料已报送。', '正在办理': '正在推进，已完成阶段性任务。'}
    rows = [[str(k), w, u, t, prog[s], s] for k, (w, u, t, s) in enumerate(T6, 1)]
    t6, x6 = M['六']
    assert len(rows) == t6 and sum(r[5] == '已办结' for r in rows) == x6
    d.tab('ttotal', stated=t6, printed=str(t6))
    d.tab('tcount', status='completed', stated=x6, printed=str(x6))
    d.tab('tcount', status='on_track', stated=t6 - x6, printed=str(t6 - x6))
    d.tab('titem', seq=4, status='not_completed', printed='第4件')
    d.tab('titem', seq=9, status='not_completed', printed='第9件')
    d.expect('named_item_status', '第9件', '已办结',
             '第9件 (老旧供水管网改造) is said to be still in progress and lagging; annex row 9 reads 已办结')
    d.p('二、存在问题')
    d.p('一是部分事项进展偏慢。第六次县长办公会确定的', C(t6), '件事项中，尚有', C(t6 - x6), '件正在办理，其中第', I(4),
        '件（加快城区公共停车场建设）、第', I(9), '件（实施城区老旧供水管网改造）推进明显滞后。')
    d.p('二是办理反馈不够及时。个别责任单位对会议确定事项重部署、轻落实，未按要求报送办理进展，多次催办后仍无实质进展。')
    d.p('三、下步要求')
    d.p('对正在办理的', C(doing), '件事项，县政府督查室将建立台账、逐件跟踪，实行办结销号；对无正当理由逾期未完成的，将提请县政府予以通报批评。')
    d.annex(1, '第六次县长办公会议确定事项办理情况表',
            ['序号', '确定事项', '责任单位', '完成时限', '办理情况', '办理状态'],
            {'seq': 0, 'target': [1], 'units': 2, 'progress': 4, 'status': 5},
            rows, [1, 5, 2, 2, 4, 2])
    return d


# --------------------------------------------------------------------------- pishi

def pishi_puao():
    d = Doc('pishi-puao-2024-10', 'pishi', '蒲岙县人民政府督查室', '蒲政督通〔2024〕10号',
            '关于1—9月领导批示件办理情况的通报', '2024年10月14日')
    total, prov, city = 86, 7, 23
    county = total - prov - city
    done, ontime = 79, 74
    doing, late = total - done, done - ontime
    d.sum_of(total, [prov, city, county], str(total))
    d.sum_of(total, [done, doing], str(total))
    d.sum_of(done, [ontime, late], str(done))
    d.p('今年以来，县政府督查室把领导批示件办理作为督查工作的重中之重，实行登记、交办、跟踪、审核、反馈全程闭环管理。现将1—9月领导批示件办理情况通报如下。')
    d.p('一、基本情况')
    d.p('1—9月，县政府督查室累计登记领导批示件', C(total), '件。按批示来源分，省领导批示', C(prov), '件，市领导批示', C(city),
        '件，县领导批示', C(county), '件。')
    d.p('截至9月30日，已办结', C(done), '件，办结率', d.sh(done, total), '；正在办理', C(doing), '件，均在规定时限内。')
    d.p('已办结的', C(done), '件中，按时办结', C(ontime), '件，占已办结件数的', d.sh(ontime, done), '；经督促后办结', C(late), '件。')
    d.p('从批示内容看，涉及项目建设和招商引资的最多，有', C(31), '件，占', d.sh(31, total), '；涉及民生保障的', C(24), '件，占',
        d.sh(24, total), '；涉及安全生产和生态环境的近20件。')
    d.p('从承办单位看，县住建局、县交通运输局、县自然资源局承办件数居前三位，分别为', C(14), '件、', C(11), '件、', C(9), '件。')
    d.p('二、存在问题')
    d.p('一是个别单位办理时效不高。有', C(late), '件批示件经督查室多次催办后才办结，反映出少数单位对批示件办理的紧迫感不强。')
    d.p('二是部分办理报告质量不高。有的报告只讲过程、不讲结果，有的对批示要求回应不全面，需退回重新办理。')
    d.p('三、下步工作')
    d.p('对正在办理的', C(doing), '件批示件，县政府督查室将逐件明确完成时限，实行周调度；对办理不及时、质量不高的单位，将在全县督查通报中点名。')
    return d


def pishi_meigang():
    """繁體; the narrative says 11 辦結 where the annex shows 10."""
    d = Doc('pishi-meigang-2024-05', 'pishi', '湄岡縣人民政府督查室', '湄政督專〔2024〕5號',
            '關於市領導批示交辦事項落實情況的專報', '2024年5月20日')
    T = [  # (事項, 交辦時間, 責任單位, 狀態)
        ('加快推進縣城污水處理廠擴建', '1月8日', '縣住建局', '已辦結'),
        ('城北片區雨污分流改造', '1月15日', '縣住建局', '正在辦理'),
        ('化解錦繡小區辦證遺留問題', '1月22日', '縣自然資源局', '已辦結'),
        ('做好汛期地質災害隱患排查', '2月2日', '縣自然資源局', '已辦結'),
        ('推進高速公路連接線建設', '2月6日', '縣交通運輸局', '正在辦理'),
        ('妥善處置農民工欠薪投訴', '2月19日', '縣人社局', '已辦結'),
        ('開展城鎮燃氣安全隱患排查', '2月26日', '縣住建局', '已辦結'),
        ('解決石橋村季節性飲水困難', '3月4日', '縣水利局', '已辦結'),
        ('推進產業園標準廠房招商', '3月11日', '縣經開區管委會', '正在辦理'),
        ('整治國道沿線環境衛生', '3月18日', '縣城管局', '已辦結'),
        ('落實道路交通安全專項整治', '3月25日', '縣公安局', '已辦結'),
        ('化解原縣化肥廠職工安置矛盾', '4月1日', '縣工信局', '已辦結'),
        ('廢棄礦山生態修復', '4月8日', '縣自然資源局', '正在辦理'),
        ('推進縣第二中學擴建', '4月15日', '縣教育局', '正在辦理'),
        ('做好春季森林防火', '4月22日', '縣林業局', '已辦結'),
        ('推動縣醫院與市級醫院組建醫聯體', '4月29日', '縣衛健局', '正在辦理'),
    ]
    prog = {'已辦結': '已按批示要求落實，辦結報告已報送。', '正在辦理': '正在按計劃推進，已明確階段性目標。'}
    rows = [[str(k), w, t, u, prog[s], s] for k, (w, t, u, s) in enumerate(T, 1)]
    n = len(rows)
    done_table = sum(r[5] == '已辦結' for r in rows)
    said_done = done_table + 1                  # the mistake: 11 said, 10 in the table
    kinds = [6, 4, 3, 3]
    assert sum(kinds) == n
    d.sum_of(n, kinds, str(n))
    d.tab('ttotal', stated=n, printed=str(n))
    d.tab('tcount', status='completed', stated=said_done, printed=str(said_done))
    d.tab('titem', seq=2, status='not_completed', printed='2')
    d.tab('titem', seq=13, status='not_completed', printed='13')
    d.expect('count_vs_table', str(said_done), str(done_table),
             f'{said_done} 件 said 已辦結; the annex has {done_table} rows 已辦結')
    d.p('今年以來，市領導先後對我縣多項工作作出批示，市政府辦公室以交辦單形式轉我縣落實。縣政府督查室按照「件件有回音、事事有著落」的要求，'
        '逐件建立台賬，明確責任單位和辦理時限。現將落實情況報告如下。')
    d.p('一、總體情況')
    d.p('截至5月15日，共收到市領導批示交辦事項', C(n), '件，已辦結', C(said_done), '件，辦結率', d.sh(said_done, n), '（詳見附件）。')
    d.p('按事項類別分，涉及項目推進的', C(kinds[0]), '件，涉及信訪矛盾化解的', C(kinds[1]), '件，涉及安全生產的', C(kinds[2]),
        '件，其他事項', C(kinds[3]), '件。')
    d.p('尚未辦結的事項均已明確階段性目標，正按計劃推進。')
    d.p('二、存在的困難')
    d.p('第', I(2), '件（城北片區雨污分流改造）涉及管網遷改，需與供電、通信等單位反復協調，進度慢於預期；第', I(13),
        '件（廢棄礦山生態修復）受雨季影響，土方工程暫時無法全面鋪開。')
    d.p('三、下一步打算')
    d.p('縣政府督查室將對未辦結事項實行周調度、月通報，督促責任單位倒排工期、加快推進，確保按市領導批示要求全部辦結，並及時向市政府辦公室報送辦理結果。')
    d.annex(1, '市領導批示交辦事項落實情況台賬',
            ['序號', '批示交辦事項', '交辦時間', '責任單位', '落實情況', '辦理狀態'],
            {'seq': 0, 'target': [1], 'units': 3, 'progress': 4, 'status': 5},
            rows, [1, 5, 2, 2, 4, 2], orientation='portrait')
    return d


# --------------------------------------------------------------------------- duban

def duban_yujie():
    d = Doc('duban-yujie-2024-03', 'duban', '榆阶县人民政府督查室', '榆政督通〔2024〕3号',
            '关于一季度县政府督办件办理情况的通报', '2024年4月9日', annex_format='xlsx')
    T = [  # (督办事项, 承办单位, 办理时限, 状态)
        ('乡镇敬老院消防设施整改', '县民政局', '2月底前', '按期办结'),
        ('城区主干道破损路面修复', '县住建局', '3月15日前', '按期办结'),
        ('农贸市场周边占道经营整治', '县城管局', '2月底前', '按期办结'),
        ('县城第二水厂供水工程推进', '县水利局', '4月底前', '正在办理'),
        ('春耕化肥农药储备', '县供销社', '3月10日前', '按期办结'),
        ('农民工工资专户核查', '县人社局', '2月10日前', '按期办结'),
        ('学校周边交通安全设施完善', '县公安局交警大队', '3月底前', '按期办结'),
        ('河道非法采砂整治', '县水利局', '2月底前', '逾期办结'),
        ('高标准农田建设项目招标', '县农业农村局', '3月20日前', '按期办结'),
        ('乡镇卫生院药品配送问题', '县卫健局', '3月15日前', '按期办结'),
        ('小区物业服务投诉集中整改', '县住建局', '3月底前', '按期办结'),
        ('工业园区企业用电增容', '县工信局', '4月15日前', '正在办理'),
        ('农村危房改造补助资金拨付', '县住建局', '3月底前', '按期办结'),
        ('景区节假日安全检查', '县文旅局', '2月15日前', '按期办结'),
        ('城区建筑垃圾消纳场选址', '县城管局', '3月15日前', '逾期办结'),
        ('春季森林防火值守', '县林业局', '3月底前', '按期办结'),
        ('中小学营养餐供餐监管', '县教育局', '3月10日前', '按期办结'),
        ('企业增值税留抵退税办理', '县税务局', '4月底前', '正在办理'),
        ('农村客运班线恢复运营', '县交通运输局', '3月底前', '按期办结'),
        ('不动产登记历史遗留问题', '县自然资源局', '3月底前', '按期办结'),
        ('养老机构等级评定', '县民政局', '5月底前', '正在办理'),
    ]
    prog = {'按期办结': '已在时限内办结，经督查室审核销号。', '逾期办结': '已办结，但超出规定办理时限。',
            '正在办理': '正在推进，尚在办理时限内。'}
    rows = [[str(k), w, u, t, prog[s], s] for k, (w, u, t, s) in enumerate(T, 1)]
    n = len(rows)
    c = Counter(r[5] for r in rows)
    ontime, late, doing = c['按期办结'], c['逾期办结'], c['正在办理']
    done = ontime + late
    units = len({r[2] for r in rows})
    late_seq = [k for k, r in enumerate(rows, 1) if r[5] == '逾期办结']
    assert late_seq == [8, 15]
    d.sum_of(n, [done, doing], str(n))
    d.sum_of(done, [ontime, late], str(done))
    d.tab('ttotal', stated=n, printed=str(n))
    d.tab('tcount', status='completed', stated=done, printed=str(done))
    d.tab('tcount', status='按期办结', stated=ontime, printed=str(ontime))
    d.tab('tcount', status='逾期办结', stated=late, printed=str(late))
    d.tab('tcount', status='on_track', stated=doing, printed=str(doing))
    for k in late_seq:
        d.tab('titem', seq=k, status='逾期办结', printed=str(k))
    d.p('一季度，县政府督查室围绕县委、县政府中心工作和群众反映强烈的问题，以督办通知单形式向有关单位交办督办事项，并实行跟踪问效。现将办理情况通报如下。')
    d.p('（一）总体情况。一季度共下发督办件', C(n), '件，涉及', C(units), '个部门。')
    d.p('截至3月31日，已办结', C(done), '件，办结率', d.sh(done, n), '，其中按期办结', C(ontime), '件、逾期办结', C(late),
        '件；尚在办理', C(doing), '件（详见附件）。')
    d.p('涉及资金拨付的督办事项，应拨付资金', A('1260万元'), '，已拨付', A('980万元'), '，拨付比例为', d.sh(980, 1260), '。')
    d.p('（二）存在问题。逾期办结的', C(late), '件分别为第', I(8), '件（河道非法采砂整治）和第', I(15),
        '件（城区建筑垃圾消纳场选址），均因涉及多部门协调、前期论证时间较长而超出办理时限。')
    d.p('此外，个别单位存在“重答复、轻落实”倾向，办结报告反映的措施与实地核查情况不完全一致。')
    d.p('（三）工作要求。对尚在办理的', C(doing), '件督办件，各承办单位要明确专人、倒排时限，每周向县政府督查室报告进展；'
        '县政府督查室将适时开展“回头看”，对办结质量不高的予以退回重办。')
    d.annex(1, '一季度县政府督办件办理情况表',
            ['序号', '督办事项', '承办单位', '办理时限', '办理结果', '办理状态'],
            {'seq': 0, 'target': [1], 'units': 2, 'progress': 4, 'status': 5},
            rows, [1, 5, 3, 2, 5, 2])
    return d


def duban_dipu():
    d = Doc('duban-dipu-2023-08', 'duban', '荻浦县人民政府督查室', '荻政督通〔2023〕8号',
            '关于上半年重点督办事项办理情况的通报', '2023年7月18日')
    T = [
        ('县城东区学校建设用地征收', '县自然资源局', '已办结'), ('城区集中供暖管网延伸', '县住建局', '已办结'),
        ('农村饮水安全巩固提升', '县水利局', '已办结'), ('中心城区交通拥堵点治理', '县公安局交警大队', '已办结'),
        ('规上工业企业用地手续办理', '县自然资源局', '已办结'), ('城南农贸市场搬迁', '县商务局', '超期未办结'),
        ('春季植树造林任务落实', '县林业局', '已办结'), ('农民工欠薪专项治理', '县人社局', '已办结'),
        ('县人民医院门诊楼改造', '县卫健局', '正在办理'), ('城区生活垃圾分类试点', '县城管局', '已办结'),
        ('农村公路危桥改造', '县交通运输局', '超期未办结'), ('义务教育学校课后服务全覆盖', '县教育局', '已办结'),
        ('重点河段巡河问题整改', '县水利局', '已办结'), ('城区背街小巷路灯修复', '县城管局', '已办结'),
        ('乡镇便民服务中心规范化建设', '县政务服务中心', '已办结'), ('县域冷链物流中心建设', '县发改局', '正在办理'),
        ('市场主体登记“一网通办”', '县市场监管局', '已办结'), ('高标准农田项目验收', '县农业农村局', '已办结'),
        ('工业园区污水管网接入', '县生态环境分局', '超期未办结'), ('老年助餐点建设', '县民政局', '已办结'),
        ('燃气管道老化更新排查', '县住建局', '已办结'), ('县城停车收费管理规范', '县发改局', '正在办理'),
        ('企业上市后备资源培育', '县金融服务中心', '已办结'),
    ]
    limits = ['3月底前', '4月底前', '5月底前', '6月底前']
    prog = {'已办结': '已办结，经督查室核查销号。', '正在办理': '正在推进，尚在办理时限内。',
            '超期未办结': '已超出办理时限，尚未办结。'}
    rows = [[str(k), w, u, limits[k % 4], prog[s], s] for k, (w, u, s) in enumerate(T, 1)]
    rows_n = len(rows)
    said_total = rows_n + 1                      # the mistake: 24 said, 23 rows
    done = sum(r[5] == '已办结' for r in rows)
    over = [k for k, r in enumerate(rows, 1) if r[5] == '超期未办结']
    src = [11, 8, 5]
    assert sum(src) == said_total and over == [6, 11, 19] and done == 17
    d.sum_of(said_total, src, str(said_total))
    d.tab('ttotal', stated=said_total, printed=str(said_total))
    d.tab('tcount', status='completed', stated=done, printed=str(done))
    d.tab('tcount', status='behind', stated=len(over), printed=str(len(over)))
    for k in over:
        d.tab('titem', seq=k, status='behind', printed=str(k))
    d.expect('total_vs_table', str(said_total), str(rows_n),
             f'{said_total} 督办事项 stated; the annex lists {rows_n}')
    paid, unpaid_said, fund = 3120, 1430, 4650     # 万元; the right unpaid sum is 1530
    d.sum_of(fund, [paid, unpaid_said], f'{fund}万元')
    d.expect('sum_mismatch', f'{fund}万元', f'{paid + unpaid_said}万元',
             f'已拨付{paid} + 尚待拨付{unpaid_said} = {paid + unpaid_said}万元, not {fund}万元')

    d.p('上半年，县政府督查室对县委常委会、县政府常务会议部署和县领导交办的重点事项实行立项督办，建立“一事一单”工作台账。'
        '7月上旬，督查室对督办事项逐一进行了核查，现将情况通报如下。')
    d.p('一、办理情况')
    d.p('上半年共立项督办重点事项', C(said_total), '件。按来源分：县委、县政府主要领导交办', C(src[0]), '件，县政府常务会议部署',
        C(src[1]), '件，其他渠道转办', C(src[2]), '件。')
    d.p('截至6月30日，已办结', C(done), '件，办结率', d.sh(done, said_total), '；尚未办结的事项中，超期未办结', C(len(over)),
        '件，其余均在办理时限内（详见附件）。')
    d.p('督办事项共涉及资金', A(f'{fund}万元'), '，截至目前已拨付', A(f'{paid}万元'), '，拨付率', d.sh(paid, fund),
        '，尚待拨付', A(f'{unpaid_said}万元'), '。')
    d.p('二、存在问题')
    d.p('超期未办结的', C(len(over)), '件事项分别为第', I(6), '件（城南农贸市场搬迁）、第', I(11), '件（农村公路危桥改造）和第', I(19),
        '件（工业园区污水管网接入），主要原因是征拆协调难度大、配套资金未及时到位。')
    d.p('同时，少数承办单位对督办事项重视不够，存在等靠思想，办理进展报送不及时、不准确。')
    d.p('三、下步要求')
    d.p('各承办单位要对照督办台账逐项销号，对超期未办结事项说明原因、明确完成时限；县政府督查室将对超期事项实行挂牌督办，并将办理情况纳入年度目标考核。')
    d.annex(1, '上半年重点督办事项办理情况一览表',
            ['序号', '督办事项', '责任单位', '办理时限', '办理进展', '状态'],
            {'seq': 0, 'target': [1], 'units': 2, 'progress': 4, 'status': 5},
            rows, [1, 5, 3, 2, 4, 2], orientation='portrait')
    return d


# --------------------------------------------------------------------------- jianyi

def jianyi_henggao():
    """Counts in Chinese numerals."""
    d = Doc('jianyi-henggao-2024-15', 'jianyi', '蘅皋县人民政府督查室', '蘅政督通〔2024〕15号',
            '关于县十八届人大三次会议代表建议和县政协十届三次会议委员提案办理情况的通报', '2024年11月5日', digits='cn')
    jy, ta = 98, 126
    jy_abc = [51, 34, 13]
    ta_abc = [79, 38, 9]
    satisfied, basic = 206, 18
    tot = jy + ta
    assert sum(jy_abc) == jy and sum(ta_abc) == ta and satisfied + basic == tot
    d.sum_of(tot, [jy, ta], str(tot))
    d.sum_of(jy, jy_abc, str(jy))
    d.sum_of(ta, ta_abc, str(ta))
    d.sum_of(tot, [satisfied, basic], str(tot))
    d.p('县十八届人大三次会议和县政协十届三次会议期间，代表、委员围绕全县经济社会发展和群众关心的热点难点问题，提出了许多有价值的意见建议。'
        '县政府高度重视，及时召开交办会，逐件明确承办单位和办理时限。现将办理情况通报如下。')
    d.p('一、交办情况')
    d.p('今年县政府系统共承办代表建议和委员提案', C(tot), '件，其中代表建议', C(jy), '件，委员提案', C(ta), '件，分别交由', C(37), '个单位办理。')
    d.p('二、办理情况')
    d.p('截至10月31日，', C(tot), '件建议提案已全部办复，办复率', d.sh(tot, tot, 0), '。')
    d.p('从办理结果看，代表建议中，所提问题已经解决或基本解决的（A类）', C(jy_abc[0]), '件，占', d.sh(jy_abc[0], jy),
        '；正在解决或已列入计划解决的（B类）', C(jy_abc[1]), '件，占', d.sh(jy_abc[1], jy),
        '；因条件限制暂时难以解决、已作出解释说明的（C类）', C(jy_abc[2]), '件，占', d.sh(jy_abc[2], jy), '。')
    d.p('委员提案中，A类', C(ta_abc[0]), '件、B类', C(ta_abc[1]), '件、C类', C(ta_abc[2]), '件，A类和B类合计占',
        d.sh(ta_abc[0] + ta_abc[1], ta), '。')
    d.p('从代表委员反馈意见看，对办理结果表示满意的', C(satisfied), '件，基本满意的', C(basic), '件，满意率（含基本满意）',
        d.sh(satisfied + basic, tot, 0), '。')
    d.p('县发改局、县教育局、县住建局承办件数居前三位，分别承办', C(26), '件、', C(22), '件、', C(19), '件。')
    d.p('三、存在问题')
    d.p('少数承办单位办理前与代表委员沟通不够，答复内容以政策解释为主的有十余件，解决实际问题的举措不够具体；个别单位对B类件的后续落实跟踪不紧。')
    d.p('四、下步工作')
    d.p('各承办单位要对B类、C类件建立跟踪落实台账，已承诺的事项要明确完成时限，确保“办复”与“办成”相统一；县政府督查室将适时组织开展办理质量回访。')
    return d


def jianyi_weiping():
    """Plain paragraphs; B类 of the 建议 said 30 (the parts no longer reach 85) and one 提案 share off."""
    d = Doc('jianyi-weiping-2023-21', 'jianyi', '苇坪县人民政府督查室', '苇政督函〔2023〕21号',
            '2023年县人大代表建议和县政协委员提案办理工作情况', '2023年12月15日')
    jy, ta = 85, 112
    jy_abc_said = [41, 30, 12]                 # the right B类 is 32
    ta_abc = [63, 38, 11]
    sat, basic, unsat = 172, 18, 7
    tot = jy + ta
    assert sum(ta_abc) == ta and sat + basic + unsat == tot and sum(jy_abc_said) != jy
    d.sum_of(tot, [jy, ta], str(tot))
    d.sum_of(jy, jy_abc_said, str(jy))
    d.expect('sum_mismatch', str(jy), str(sum(jy_abc_said)),
             f'代表建议 A/B/C = 41 + 30 + 12 = {sum(jy_abc_said)}, not {jy}')
    d.sum_of(ta, ta_abc, str(ta))
    d.sum_of(tot, [sat, basic, unsat], str(tot))
    d.sum_of(15, [9, 6], '15')
    wrong_b = '34.9%'
    d.p('2023年，县政府系统共承办县人大代表建议', C(jy), '件、县政协委员提案', C(ta), '件，合计', C(tot), '件，分别交由', C(32),
        '家单位主办或会办。')
    d.p('各承办单位坚持把建议提案办理与推动本部门重点工作结合起来，主要负责同志亲自阅批、亲自协调，逐件制定办理方案。')
    d.p('在承办的代表建议中，所提问题已经解决或基本解决的（A类）', C(jy_abc_said[0]), '件，正在解决或已列入计划解决的（B类）',
        C(jy_abc_said[1]), '件，因客观条件限制暂时难以解决、已向代表作出说明的（C类）', C(jy_abc_said[2]), '件。')
    d.p('委员提案办理方面，', C(ta), '件提案中，A类', C(ta_abc[0]), '件，占', d.sh(ta_abc[0], ta), '；B类', C(ta_abc[1]), '件，占',
        d.sh(ta_abc[1], ta, printed=wrong_b), '；C类', C(ta_abc[2]), '件，占', d.sh(ta_abc[2], ta), '。')
    d.expect('percent_mismatch', wrong_b, pct(ta_abc[1], ta),
             f'提案 B类 {ta_abc[1]}/{ta} = {Decimal(ta_abc[1]) * 100 / ta:.2f}%, printed 34.9%')
    d.p('所有建议提案均在规定时限内答复，办复率', d.sh(tot, tot, 0), '。')
    d.p('从代表委员反馈的意见看，对办理结果满意的', C(sat), '件，基本满意的', C(basic), '件，总体满意率（含基本满意）',
        d.sh(sat + basic, tot), '；另有', C(unsat), '件表示不满意，已责成承办单位重新办理并再次答复。')
    d.p('县政府确定的重点督办建议提案共', C(15), '件，由县政府领导领衔督办，目前已有', C(9), '件办结，其余', C(6), '件正在推进。')
    d.p('办理工作中也还存在一些不足：有的承办单位与代表委员沟通不够充分，答复内容较为笼统；个别C类件解释说明不够到位，代表委员不够理解。')
    d.p('下一步，县政府将进一步健全建议提案办理工作机制，对B类件实行跟踪督办，推动“答复件”向“落实件”转变，切实提高办理实效。')
    return d


# --------------------------------------------------------------------------- rexian

def rexian_litan():
    d = Doc('rexian-litan-2024-19', 'rexian', '砾滩县人民政府督查室', '砾政督通〔2024〕19号',
            '2024年8月12345政务服务便民热线工单办理情况通报', '2024年9月6日')
    cats = [('咨询类', 1752), ('求助类', 1038), ('投诉类', 1127), ('建议类', 96), ('其他类', 173)]
    tot = sum(v for _, v in cats)
    direct, transfer = 2193, 1993
    done = 1921
    visits, happy = 1650, 1578
    assert tot == 4186 and direct + transfer == tot
    d.sum_of(tot, [v for _, v in cats], str(tot))
    d.sum_of(tot, [direct, transfer], str(tot))
    d.sum_of(transfer, [done, transfer - done], str(transfer))
    d.p('现将8月份全县12345政务服务便民热线（以下简称“12345热线”）工单办理情况通报如下。')
    d.p('一、受理情况')
    d.p('8月，12345热线共受理群众诉求', C(tot), '件，同比增长', S('8.4%'), '。')
    pieces = ['按诉求类型分：']
    for j, (k, v) in enumerate(cats):
        pieces += [k, C(v), '件，占', d.sh(v, tot), '；' if j < len(cats) - 1 else '。']
    d.p(*pieces)
    d.p('其中，直接答复办结', C(direct), '件，转派承办单位办理', C(transfer), '件。')
    d.p('二、办理情况')
    d.p('转派的', C(transfer), '件工单中，已办结', C(done), '件，办结率', d.sh(done, transfer), '；正在办理', C(transfer - done), '件。')
    d.p('回访群众', C(visits), '人次，满意和基本满意', C(happy), '人次，满意率', d.sh(happy, visits), '。')
    d.p('从各承办单位看，城关镇、县住建局、县市场监管局转派工单量居前三位，分别为', C(316), '件、', C(241), '件、', C(187),
        '件；县交通运输局、县人社局等', C(12), '个单位办结率达到', S('100%'), '。')
    d.p('诉求热点主要集中在物业管理、供水供气、劳动保障等方面，其中物业管理类诉求近600件。')
    d.p('三、存在问题')
    d.p('一是超期办理仍有发生。本月有', C(17), '件工单因超期被市级平台预警，反映出个别单位签收不及时、办理拖沓。')
    d.p('二是答复质量有待提高。部分工单存在答非所问、简单告知等情况，群众重复来电较多。')
    d.p('四、工作要求')
    d.p('各承办单位要落实专人负责工单签收和办理，严格执行办理时限；对群众不满意的工单要主动回访、二次办理，切实提升群众满意度。')
    return d


def rexian_zhaoxi():
    """Counts in full-width digits (shares half-width); 正在办理 said 145 (the right figure is 155); 满意率 cut."""
    d = Doc('rexian-zhaoxi-2023-14', 'rexian', '棹溪县人民政府督查室', '棹政督通〔２０２３〕１４号',
            '关于三季度１２３４５热线和县长信箱诉求办理情况的通报', '２０２３年１０月１６日', digits='fw')
    hot, box = 2514, 349
    tot = hot + box
    done, doing_said = 2708, 145               # the right figure is 155
    ontime = 2619
    overdue = done - ontime
    visits, sat, basic = 2240, 1968, 182
    wrong_sat = pct(sat + basic, visits, 1, ROUND_DOWN)
    cats = [('城乡建设类', 712), ('社会保障类', 487), ('市场监管类', 395), ('交通运输类', 306), ('其他类', 963)]
    assert sum(v for _, v in cats) == tot and wrong_sat != pct(sat + basic, visits)
    d.sum_of(tot, [hot, box], str(tot))
    d.sum_of(tot, [done, doing_said], str(tot).translate(FW))
    d.expect('sum_mismatch', str(tot).translate(FW), str(done + doing_said),
             f'已办结{done} + 正在办理{doing_said} = {done + doing_said}, not {tot}')
    d.sum_of(done, [ontime, overdue], str(done))
    d.sum_of(tot, [v for _, v in cats], str(tot))
    d.p('三季度，县政府督查室会同县政务服务中心，对全县１２３４５热线和县长信箱诉求办理情况进行了督查。现将有关情况通报如下。')
    d.p('一、基本情况')
    d.p('７—９月，全县共受理群众诉求', C(tot), '件，其中１２３４５热线', C(hot), '件、县长信箱', C(box), '件。')
    d.p('已办结', C(done), '件，正在办理', C(doing_said), '件，办结率', d.sh(done, tot), '。')
    d.p('在已办结的诉求中，按期办结', C(ontime), '件，超期办结', C(overdue), '件。')
    d.p('三季度共回访群众', C(visits), '人次，其中满意', C(sat), '人次、基本满意', C(basic), '人次，满意率（含基本满意）',
        d.sh(sat + basic, visits, printed=wrong_sat), '。')
    d.expect('percent_truncated', wrong_sat, pct(sat + basic, visits),
             f'({sat}+{basic})/{visits} = {Decimal(sat + basic) * 100 / visits:.3f}%, printed cut')
    pieces = ['从诉求内容看，']
    for j, (k, v) in enumerate(cats):
        pieces += [k, C(v), '件，占', d.sh(v, tot), '；' if j < len(cats) - 1 else '。']
    d.p(*pieces)
    d.p('二、存在问题')
    d.p('一是超期办结问题仍然存在。超期办结的', C(overdue), '件中，县住建局', C(21), '件、县自然资源局', C(14), '件，上述单位合计占近四成。')
    d.p('二是重复诉求较多。同一诉求多次重复来电的有', C(112), '件，主要涉及物业纠纷、房屋办证等历史遗留问题，反映出部分单位“一答了之”，问题未真正解决。')
    d.p('三、工作要求')
    d.p('各承办单位要严格落实首接负责和限时办结要求，对超期件逐件说明原因；对重复诉求要建立专门台账，主要负责同志亲自协调，推动问题实质性解决。')
    return d


BUILDERS = [gzbg_xiuchuan, gzbg_liaoting, changwu_tonggang, changwu_zhiyuan, pishi_puao, pishi_meigang,
            duban_yujie, duban_dipu, jianyi_henggao, jianyi_weiping, rexian_litan, rexian_zhaoxi]

VOCAB_WORDS = {'completed': [], 'on_track': [], 'behind': ['超期未办结'], 'preparing': [], 'unassigned': []}


# --------------------------------------------------------------------------- check

def load_vocab():
    pairs = []
    for f in (VOCAB_MAIN, VOCAB_E):
        for st, words in (yaml.safe_load(f.read_text(encoding='utf-8'))['statuses'] or {}).items():
            pairs += [(unicodedata.normalize('NFKC', w), st) for w in words or []]
    return sorted(pairs, key=lambda p: -len(p[0]))


def status_of(cell, vocab):
    t = re.sub(r'\s+', '', unicodedata.normalize('NFKC', cell))
    for w, st in vocab:
        if t.startswith(w):
            return st
    return 'unknown'


def segments(par):
    return re.findall(r'[^。；]*[。；]', par)


def check(claims_by_name):
    vocab = load_vocab()
    bad = 0
    for f in sorted(OUT.glob('*.yaml')):
        src = yaml.safe_load(f.read_text(encoding='utf-8'))
        name = src['name']
        body = src['body']
        alltext = '\n'.join(body) + '\n' + yaml.safe_dump(src['annexes'], allow_unicode=True)
        errs = []
        segs = {s for par in body for s in segments(par)}
        for st in src['statements']:
            if st['text'] not in segs:
                errs.append(f'statement not a body segment: {st["text"]}')
            for s in st['shares']:
                if s not in st['text']:
                    errs.append(f'share {s} not in {st["text"]}')
            for a in st['amounts']:
                if a not in st['text']:
                    errs.append(f'amount {a} not in {st["text"]}')
        for fd in src['expected_findings']:
            if fd['stated'] not in alltext:
                errs.append(f'finding stated {fd["stated"]} not in the document')
        rows_of = {}
        for a in src['annexes']:
            for t in a['tables']:
                w = len(t['header'][0])
                for r in t['rows']:
                    if isinstance(r, list) and len(r) != w:
                        errs.append(f'annex {a["no"]} row of {len(r)} cells, header has {w}')
                rows_of[a['no']] = (t['rows'], t['roles'])
        # recompute the findings from the claims and the rows
        derived = []
        for c in claims_by_name[name]:
            if c['c'] == 'share':
                dec = decimals_of(c['printed'])
                right = pct(c['part'], c['base'], dec)
                if c['printed'] != right:
                    cut = pct(c['part'], c['base'], dec, ROUND_DOWN)
                    derived.append(('percent_truncated' if c['printed'] == cut else 'percent_mismatch', c['printed']))
            elif c['c'] == 'sum':
                if sum(c['parts']) != c['total']:
                    derived.append(('sum_mismatch', c['stated']))
            else:
                rows, roles = rows_of[c['annex']]
                sti = roles['status']
                if c['c'] == 'ttotal':
                    if len(rows) != c['stated']:
                        derived.append(('total_vs_table', c['printed']))
                elif c['c'] == 'tcount':
                    if c['status'] in VOCAB_WORDS:
                        k = sum(status_of(r[sti], vocab) == c['status'] for r in rows)
                    else:
                        k = sum(r[sti].startswith(c['status']) for r in rows)
                    if k != c['stated']:
                        derived.append(('count_vs_table', c['printed']))
                elif c['c'] == 'titem':
                    row = next(r for r in rows if r[roles['seq']] == str(c['seq']))
                    st = status_of(row[sti], vocab)
                    ok = (st != 'completed') if c['status'] == 'not_completed' else (
                        st == c['status'] if c['status'] in VOCAB_WORDS else row[sti].startswith(c['status']))
                    if not ok:
                        derived.append(('named_item_status', c['printed']))
        for rows, roles in rows_of.values():
            for r in rows:
                if status_of(r[roles['status']], vocab) == 'unknown':
                    errs.append(f'status word not in the vocabulary: {r[roles["status"]]}')
        expected = sorted((fd['kind'], fd['stated']) for fd in src['expected_findings'])
        if sorted(derived) != expected:
            errs.append(f'findings derived {sorted(derived)} != expected {expected}')
        if len(src['injections']) != len(src['expected_findings']):
            errs.append('injections and expected findings differ in number')
        for e in errs:
            print(f'{name}: {e}')
        bad += len(errs)
    return bad


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    VOCAB_E.write_text(
        '# Status words of corpus/holdout/gen_e.py tables that corpus/vocabulary.yaml lacks.\n'
        + yaml.safe_dump({'statuses': VOCAB_WORDS}, allow_unicode=True, sort_keys=False), encoding='utf-8')
    claims = {}
    for b in BUILDERS:
        d = b()
        claims[d.name] = d.claims
        (OUT / f'{d.name}.yaml').write_text(
            yaml.dump(flowed(d.data()), Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096,
                      default_flow_style=False),
            encoding='utf-8')
    bad = check(claims)
    print(f'{len(BUILDERS)} sources written to {OUT}; {bad} problem(s)')
    if '-v' in sys.argv:   # every segment that holds a digit, with what the truth says of it
        for f in sorted(OUT.glob('*.yaml')):
            src = yaml.safe_load(f.read_text(encoding='utf-8'))
            tagged = {s['text']: s for s in src['statements']}
            for par in src['body']:
                for s in segments(par):
                    if re.search(r'[0-9０-９]', s) or s in tagged:
                        t = tagged.get(s)
                        tag = {k: v for k, v in t.items() if k != 'text' and v} if t else '—'
                        print(f'{src["name"]}: {s}\n    {tag}')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
