#!/usr/bin/env python3
"""Share of a report's prose that stands word for word in the same agency's
previous report (the measure quoted in the duplicates/previous-year findings).

Prose = the report body (after the archive's "==== 正文 ====" line and the page's
"当前位置 … 相关链接：" furniture, if any, and without the standard headings) up to
the 统计表 (指标名称, found after whitespace is removed); reused = the characters of matching
passages of at least 20 characters (difflib, no autojunk), over the prose length.

Run: python3 corpus/real/tools/prose_overlap.py
"""
import difflib
import os
import re

REAL = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIN_PASSAGE = 20


# Headings and the site's page furniture are not prose (spec: statutory
# boilerplate and headings never count as reuse).
HEADINGS = [
    "一、概述", "二、主动公开政府信息情况", "（一）主动公开政府信息的数量",
    "（二）主动公开政府信息的主要类别", "（三）主动公开政府信息的主要形式",
    "三、政府信息依申请公开工作情况", "四、政府信息公开工作存在的主要问题及改进情况",
    "附件下载",
]


def prose(name):
    with open(os.path.join(REAL, name), encoding="utf-8") as f:
        text = f.read()
    if "==== 正文 ====" in text:
        text = text.split("==== 正文 ====", 1)[1]
    text = re.sub(r"\s+", "", text)
    if "相关链接：" in text[:300]:
        text = text.split("相关链接：", 1)[1]
    table = text.find("指标名称")
    text = text[:table] if table > 0 else text
    for heading in HEADINGS:
        text = text.replace(heading, "")
    return text


def reused_share(previous, current):
    a, b = prose(previous), prose(current)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    reused = sum(m.size for m in matcher.get_matching_blocks() if m.size >= MIN_PASSAGE)
    return reused / len(b), len(b)


PAIRS = [
    ("pingtan-xzf-2011.txt", "pingtan-xzf-2012.txt"),
    ("pingtan-xzf-2012.txt", "pingtan-xzf-2013.txt"),
    ("pingtan-szf-2011.txt", "pingtan-szf-2012.txt"),
    ("pingtan-szf-2012.txt", "pingtan-szf-2013.txt"),
    ("pingtan-szf-2013.txt", "pingtan-szf-2014.txt"),
    ("pingtan-szf-2014.txt", "pingtan-szf-2015.txt"),
    ("pingtan-szf-2015.txt", "pingtan-szf-2016.txt"),
    ("pingtan-szf-2016.txt", "pingtan-szf-2017.txt"),
    ("pingtan-szf-2017.txt", "pingtan-szf-2018.txt"),
    ("pingtan-szf-2018.txt", "pingtan-szf-2019.txt"),
    ("pingtan-xczj-2009.txt", "pingtan-xczj-2010.txt"),
    ("pingtan-xczj-2010.txt", "pingtan-xczj-2011.txt"),
    ("pingtan-xczj-2011.txt", "pingtan-xczj-2012.txt"),
    ("pingtan-xczj-2012.txt", "pingtan-xczj-2013.txt"),
    ("pingtan-cjj-2012.txt", "pingtan-cjj-2013.txt"),
    ("pingtan-cjj-2013.txt", "pingtan-cjj-2014.txt"),
    ("pingtan-cjj-2014.txt", "pingtan-cjj-2015.txt"),
    ("pingtan-cjj-2015.txt", "pingtan-cjj-2016.txt"),
    ("pingtan-cjj-2016.txt", "pingtan-cjj-2017.txt"),
    ("pingtan-cjj-2017.txt", "pingtan-cjj-2018.txt"),
    # same year, two agencies' names on one text: no duplicates rule applies
    ("pingtan-szf-2011.txt", "pingtan-xzf-2011.txt"),
]

if __name__ == "__main__":
    for previous, current in PAIRS:
        share, length = reused_share(previous, current)
        print(f"{current}: {share:.0%} of its {length} prose characters stand in {previous}")
