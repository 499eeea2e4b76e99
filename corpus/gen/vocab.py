"""Status vocabularies: the words a county's tables write in their status column, and the labels
its narrative counts with. Every word here is in corpus/vocabulary.yaml (checked by `check`)."""
from __future__ import annotations

STATUSES = ("completed", "on_track", "behind", "preparing", "unassigned")

# Table status cells, by vocabulary. Each status has one or two words a county uses side by side;
# the negated forms (尚未达到序时进度, 没有启动, 尚未开工, 未达序时进度, 任务未下达) are deliberate.
TABLE: dict[str, dict[str, list[str]]] = {
    # the 湘西 words the first five bulletins use (a control: the tool was shown these)
    "xiangxi": {
        "completed": ["完成年度任务"],
        "on_track": ["进展有序", "有序推进"],
        "behind": ["未完成时序进度", "进展滞后"],
        "preparing": ["前期准备"],
        "unassigned": ["未下指标"],
    },
    "shunli": {
        "completed": ["超额完成", "已完成全年任务"],
        "on_track": ["进展顺利", "按计划推进"],
        "behind": ["序时进度滞后", "尚未达到序时进度"],
        "preparing": ["暂未启动", "没有启动"],
        "unassigned": ["尚未下达"],
    },
    "zhengchang": {
        "completed": ["已完成"],
        "on_track": ["正常推进", "按序时推进"],
        "behind": ["滞后", "未达序时进度"],
        "preparing": ["前期工作", "尚未开工"],
        "unassigned": ["待下达"],
    },
    "dabiao": {
        "completed": ["达标", "已达标"],
        "on_track": ["有序实施", "序时推进"],
        "behind": ["低于序时", "进度偏慢"],
        "preparing": ["筹备中", "前期筹备"],
        "unassigned": ["未分解下达", "任务未下达"],
    },
}

# A status cell may carry the reason after the word, as some offices write: 滞后（资金未到位）.
REMARKS = {
    "behind": ["（资金未到位）", "（受汛期影响）", "，正在督促", "（要素保障不足）"],
    "preparing": ["（正在选址）", "（方案编制中）"],
}
REMARK_VOCABS = ("shunli", "zhengchang")

# Narrative labels: how the body counts a status ("进展滞后6项", "6项低于序时进度").
NARRATIVE: dict[str, list[str]] = {
    "completed": ["已完成年度任务", "已完成", "完成年度目标", "已达到年度目标", "提前完成全年任务",
                  "超额完成年度任务"],
    "on_track": ["进展有序", "有序推进", "稳步推进", "正常推进", "按序时推进", "进展顺利", "按计划推进"],
    "behind": ["未完成时序进度", "进展滞后", "滞后于序时进度", "未达到序时进度", "进度滞后",
               "低于序时进度", "落后于序时进度"],
    "preparing": ["处于前期准备阶段", "正在开展前期工作", "尚处于前期筹备阶段", "尚未启动", "处于筹备阶段"],
    "unassigned": ["待市里下达具体任务", "尚未下达指标", "待上级下达任务", "未下达目标任务", "暂未分解下达"],
}


def check(status_of) -> None:
    """Every word maps to its status through the corpus vocabulary (status_of = build.status_of)."""
    bad = []
    for name, table in TABLE.items():
        for status, words in table.items():
            bad += [(name, w, status, status_of(w)) for w in words if status_of(w) != status]
            for remark in REMARKS.get(status, []):
                bad += [(name, w + remark, status, status_of(w + remark))
                        for w in words if status_of(w + remark) != status]
    for status, words in NARRATIVE.items():
        bad += [("narrative", w, status, status_of(w)) for w in words if status_of(w) != status]
    if bad:
        raise ValueError(f"status words not in corpus/vocabulary.yaml as intended: {bad}")
