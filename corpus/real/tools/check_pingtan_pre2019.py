#!/usr/bin/env python3
"""Recompute the cells and prose claims of the pre-2019 平潭 reports kept as the
archive stores them (changwu/pingtan-gov-zwgk-archive, page.txt): eight header
lines, then the whole report on line 10, the 统计表 at its end with its cells
either spaced (`主动公开信息数 条 739 4359`) or joined (`主动公开信息数条18535395`).

Joined cells were split by hand. The split is fixed by the item numbers that
follow each row (`…条0182.传真…` is 0 | 18, then item 2) and by the 历年累计
chain: each year's 累计 = last year's 累计 + this year's 本年度, checked below
wherever the previous report is in the corpus. Every typed row is checked to
stand on line 10 (`cells`), every typed prose figure too (`on`).

Run: python3 corpus/real/tools/check_pingtan_pre2019.py
"""
import sys

from checklib import Report

L = 10  # the line that holds the whole report body

# ------------------------------------------------------------ xzf 2011 (county)
r = Report("pingtan-xzf-2011.txt")
r.on(L, 1873, 425, 46, 1402, 303, 122)
r.sum("总数 1873 = 主动 425 + 依申请 46 + 不予公开 1402", 1873, [425, 46, 1402], L)
r.sum("主动 425 = 县直 303 + 乡镇 122", 425, [303, 122], L)
r.pct("303 占 71.3% of 425", 303, 425, 71.3, L)
r.pct("122 占 28.7% of 425", 122, 425, 28.7, L)
cats = [(148, 34.8), (21, 4.9), (21, 4.9), (8, 1.9), (49, 11.5), (23, 5.4),
        (33, 7.8), (55, 12.9), (63, 14.8)]
for n, p in cats:
    r.pct(f"类别 {n} 占 {p}% of 425", n, 425, p, L)
r.sum("nine 主要类别 (open) vs 425", 425, [c for c, _ in cats], L, open_list=True)
t = {
    "主动": r.cells(L, "主动公开信息数", 425, 1516),
    "网站": r.cells(L, "1.网站公开", 418, 1509),
    "公报": r.cells(L, "2.政府公报公开", 7, 7),
    "申请": r.cells(L, "受理依申请公开信息总数", 0, 0),
    "答复": r.cells(L, "对申请的答复数", 0, 0),
    "复议": r.cells(L, "行政复议数", 0, 0),
    "诉讼": r.cells(L, "行政诉讼数", 0, 0),
}
r.sum("统计表 主动 = 网站 + 公报 (本年)", 425, [418, 7], L)
r.sum("统计表 主动 = 网站 + 公报 (累计)", 1516, [1509, 7], L)
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("prose 未收到申请 vs 申请总数", 0, t["申请"][0], L)
r.same("prose 未收到行政复议 vs 行政复议数", 0, t["复议"][0], L)

# ------------------------------------------------------------ xzf 2013 (county)
r = Report("pingtan-xzf-2013.txt")
r.on(L, 3618, 1853, 107, 1658, 1251, 602, 1713, 7, 3, 4, 2, 1)
r.sum("总数 3618 = 主动 1853 + 依申请 107 + 不予公开 1658", 3618, [1853, 107, 1658], L)
r.sum("主动 1853 = 县直 1251 + 乡镇 602", 1853, [1251, 602], L)
r.pct("1251 占 67.5% of 1853", 1251, 1853, 67.5, L)
r.pct("602 占 32.5% of 1853", 602, 1853, 32.5, L)
cats = [(324, 17.5), (207, 11.2), (44, 2.4), (15, 0.8), (307, 16.6), (91, 4.9),
        (243, 13.1), (178, 9.6), (291, 15.7)]
for n, p in cats:
    r.pct(f"类别 {n} 占 {p}% of 1853", n, 1853, p, L)
r.sum("nine 主要类别 (open) vs 1853", 1853, [c for c, _ in cats], L, open_list=True)
t = {
    "主动": r.cells(L, "主动公开信息数", 1853, 5395),
    "网站": r.cells(L, "1.网站公开", 1713, 5017),
    "公报": r.cells(L, "2.政府公报公开", 0, 7),
    "申请": r.cells(L, "受理依申请公开信息总数", 7, 28),
    "当面": r.cells(L, "1.当面申请数", 0, 18),
    "传真": r.cells(L, "2.传真申请数", 0, 0),
    "邮件": r.cells(L, "3.电子邮件申请数", 3, 6),
    "网上": r.cells(L, "4.网上申请数", 4, 4),
    "信函": r.cells(L, "5.信函申请数", 0, 0),
    "其它": r.cells(L, "6.其它形式申请数", 0, 0),
    "答复": r.cells(L, "对申请的答复数", 3, 24),
    "同意": r.cells(L, "1.同意公开答复数", 2, 19),
    "部分": r.cells(L, "2.同意部分公开答复数", 1, 3),
    "否决": r.cells(L, "3.否决公开答复数", 0, 2),
    "复议": r.cells(L, "行政复议数", 0, 0),
    "诉讼": r.cells(L, "行政诉讼数", 0, 0),
    "申诉": r.cells(L, "行政申诉数", 0, 0),
}
channels = ["当面", "传真", "邮件", "网上", "信函", "其它"]
r.sum("统计表 申请总数 = six channels (本年)", 7, [t[c][0] for c in channels], L)
r.sum("统计表 申请总数 = six channels (累计)", 28, [t[c][1] for c in channels], L)
r.sum("统计表 答复 = 同意 + 部分 + 否决 (本年)", 3, [2, 1, 0], L)
r.sum("统计表 答复 = 同意 + 部分 + 否决 (累计)", 24, [19, 3, 2], L)
r.sum("统计表 主动 1853 vs 网站 1713 + 公报 0 (open)", 1853, [1713, 0], L, open_list=True)
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("累计 主动 5395 = xzf-2012 累计 3542 + 1853", 5395, 3542 + 1853, L)
r.same("累计 网站 5017 = 3304 + 1713", 5017, 3304 + 1713, L)
r.same("累计 申请 28 = 21 + 7", 28, 21 + 7, L)
r.same("累计 当面 18 = 18 + 0", 18, 18 + 0, L)
r.same("累计 电子邮件 6 = 3 + 3", 6, 3 + 3, L)
r.same("累计 答复 24 = 21 + 3", 24, 21 + 3, L)
r.same("prose 申请 7 vs 申请总数", 7, t["申请"][0], L)
r.same("prose 网上申请数3条 vs 统计表 网上申请数", 3, t["网上"][0], L)
r.same("prose 信函申请数4条 vs 统计表 信函申请数", 4, t["信函"][0], L)
r.sum("prose 申请 7 = 网上 3 + 信函 4", 7, [3, 4], L)
r.same("prose 答复 3 vs 统计表", 3, t["答复"][0], L)
r.same("prose 同意公开 2 vs 统计表", 2, t["同意"][0], L)
r.same("prose 其它公开答复 1 vs 统计表 同意部分公开", 1, t["部分"][0], L)
r.same("prose 公开办 1713 vs 统计表 网站公开", 1713, t["网站"][0], L)
r.same("prose 未收到行政复议 vs 行政复议数", 0, t["复议"][0], L)

# ------------------------------------------------------------ szf 2012 (city)
r = Report("pingtan-szf-2012.txt")
r.on(L, 3636, 9, 7, 1, 3, 19, 2, 9898, 9542, 1913, 1397, 534, 121, 1288)
r.sum("门户网站 3636, 其中 eight 重点领域 items (open list)", 3636,
      [9, 7, 1, 3, 19, 1, 2, 3], L, open_list=True)
r.sum("主动公开 1913。其中 区直县直 1397 + 乡镇 534", 1913, [1397, 534], L)
r.pct("1397 占 73% of 1913", 1397, 1913, 73, L)
r.pct("534 占 27% of 1913 (27.9: truncated)", 534, 1913, 27, L)
cats = [(133, 6.95), (403, 21.07), (12, 0.63), (145, 8.05), (41, 2.14), (57, 2.98),
        (12, 0.63), (89, 4.65), (19, 0.99)]
for n, p in cats:
    r.pct(f"类别 {n} 占 {p}% of 1913", n, 1913, p, L)
r.pct("145 占 8.05% against the 1931 parts instead", 145, 1931, 8.05, L, expect_fail=True)
r.sum("nine 主要类别 (open) vs 1913", 1913, [c for c, _ in cats], L, open_list=True)
t = {
    "主动": r.cells(L, "主动公开信息数", 739, 4359, sep=" "),
    "网站": r.cells(L, "1、网站公开", 739, 4359, sep=" "),
    "公报": r.cells(L, "2、政府公报公开", 0, 0, sep=" "),
    "申请": r.cells(L, "受理依申请公开信息总数", 0, 0, sep=" "),
    "答复": r.cells(L, "对申请的答复总数", 0, 0, sep=" "),
}
for label in ("1、当面申请数", "2、传真申请数", "3、电子邮件申请数", "4、网上申请数", "5、信函申请数",
              "1、同意公开答复数", "2、同意部分公开答复数", "3、否决公开答复数"):
    r.cells(L, label, 0, 0, sep=" ")
for label in ("行政复议数", "行政诉讼数", "行政申诉、举报数"):
    t[label] = (0, 0)
    text = r.lines[L - 1]
    if f"{label} 件 0 0" not in text:
        r._slip(f"row {label} 件 0 0")
r.sum("统计表 主动 739 = 网站 739 + 公报 0", 739, [739, 0], L)
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("prose 2012年主动公开政府信息1913条 vs 统计表 主动公开信息数", 1913, t["主动"][0], L)
r.same("累计 4359 vs szf-2011 累计 1516 + 739 (no rule; noted)", 4359, 1516 + 739, L)
r.same("prose 未收到申请 vs 申请总数", 0, t["申请"][0], L)

# ------------------------------------------------------------ szf 2013 (city)
r = Report("pingtan-szf-2013.txt")
r.on(L, 4970, 3933, 1037, 222, 1)
r.sum("主动 4970 = 区直县直 3933 + 乡镇 1037", 4970, [3933, 1037], L)
r.pct("3933 占 79% of 4970", 3933, 4970, 79, L)
r.pct("1037 占 21% of 4970", 1037, 4970, 21, L)
t = {
    "主动": r.cells(L, "主动公开信息数", 72804, 76424, sep=" "),
    "网站": r.cells(L, "1、网站公开", 72804, 76424, sep=" "),
    "申请": r.cells(L, "受理依申请公开信息总数", 0, 0, sep=" "),
    "答复": r.cells(L, "对申请的答复总数", 0, 0, sep=" "),
}
if "2、政府公报公开 条 0 受理" not in r.lines[L - 1]:
    r._slip("the 政府公报公开 row with one cell")
print("  DIFF line 10: 统计表 2、政府公报公开 has 本年度 0 and no 历年累计 cell")
for label in ("行政复议数", "行政诉讼数", "行政申诉、举报数"):
    if f"{label} 件 0 0" not in r.lines[L - 1]:
        r._slip(f"row {label} 件 0 0")
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("prose 2013年主动公开政府信息4970条 vs 统计表 主动公开信息数", 4970, t["主动"][0], L)
r.same("prose 收到1份…行政复议申请 vs 统计表 行政复议数", 1, 0, L)
r.same("累计 76424 vs szf-2012 累计 4359 + 72804 (no rule; noted)", 76424, 4359 + 72804, L)

# ------------------------------------------------------------ dsj 2013 (department)
r = Report("pingtan-dsj-2013.txt")
r.on(L, 45, 32, 13, 4900, 1600, 32.65, 3200, 65.31, 100, 2.04, 117, 171, 100, 91, 7, 19)
r.sum("新增主动公开 45 = 政策法规 32 + 规划计划 13", 45, [32, 13], L)
r.sum("咨询 4900 = 现场 1600 + 电话 3200 + 网上 100", 4900, [1600, 3200, 100], L)
for n, p in [(1600, 32.65), (3200, 65.31), (100, 2.04)]:
    r.pct(f"咨询 {n} 占 {p}% of 4900", n, 4900, p, L)
r.sum("受理审批事项 117, 其中 91 + 7 + 19", 117, [91, 7, 19], L)
r.pct("办结率100% = 办结 171 / 受理 117", 171, 117, 100, L)
r.pct("办结率100% if 办结 were 117", 117, 117, 100, L)

# ------------------------------------------------------------ szf 2014 (city)
r = Report("pingtan-szf-2014.txt")
cats = [594, 281, 29, 28, 253, 98, 122, 290, 946]
r.on(L, 2543, 1687, 856, 121510, *cats)
r.sum("主动 2543 = 区直 1687 + 乡镇 856", 2543, [1687, 856], L)
r.pct("1687 占 66% of 2543", 1687, 2543, 66, L)
r.pct("856 占 34% of 2543", 856, 2543, 34, L)
r.sum("nine 主要类别 closed by 其他应主动公开的信息946条 vs 2543", 2543, cats, L)
t = {
    "主动": r.cells(L, "主动公开文件数", 2543, 78967, sep=" "),
    "网站": r.cells(L, "1、政府网站公开数", 2543, 78967, sep=" "),
    "公报": r.cells(L, "2、政府公报公开数", 0, 0, sep=" "),
    "申请": r.cells(L, "受理依申请公开信息总数", 1, 1, sep=" "),
    "当面": r.cells(L, "1、当面申请数", 0, 0, sep=" "),
    "网上": r.cells(L, "2、网上申请数", 0, 0, sep=" "),
    "信函": r.cells(L, "3、信函、传真申请数", 1, 1, sep=" "),
    "答复": r.cells(L, "对申请的答复总数", 1, 1, sep=" "),
    "同意": r.cells(L, "1、同意公开答复数", 1, 1, sep=" "),
    "部分": r.cells(L, "2、同意部分公开答复数", 0, 0, sep=" "),
    "不予": r.cells(L, "3、不予公开答复数", 0, 0, sep=" "),
    "其他": r.cells(L, "4、其他类型答复数", 0, 0, sep=" "),
    "收费": r.cells(L, "政府信息公开收费减免金额", 0, 0, sep=" "),
}
r.sum("统计表 主动 = 网站 + 公报", 2543, [2543, 0], L)
r.sum("统计表 申请 1 = 当面 + 网上 + 信函传真", 1, [0, 0, 1], L)
r.sum("统计表 答复 1 = four kinds", 1, [1, 0, 0, 0], L)
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("累计 78967 = szf-2013 累计 76424 + 2543", 78967, 76424 + 2543, L)
r.same("prose 主动 2543 vs 统计表", 2543, t["主动"][0], L)
r.same("prose 信函申请1条 vs 统计表 信函、传真", 1, t["信函"][0], L)
r.same("prose 已受理回复 vs 答复 1", 1, t["答复"][0], L)
r.same("prose 暂不收费 vs 收费减免金额", 0, t["收费"][0], L)

# ------------------------------------------------------------ szf 2015 (city)
r = Report("pingtan-szf-2015.txt")
cats = [117, 124, 19, 33, 29, 141, 491, 65, 77, 22, 1831]
r.on(L, 2949, 2275, 674, 2917, 240, 202, 31, 12, 188, 453, 136437, *cats)
r.sum("主动 2949 = 区直 2275 + 乡镇 674", 2949, [2275, 674], L)
r.pct("2275 占 77% of 2949", 2275, 2949, 77, L)
r.pct("674 占 23% of 2949", 674, 2949, 23, L)
r.sum("eleven 主要类别 closed by 其他 vs 2949", 2949, cats, L)
t = {
    "主动": r.cells(L, "主动公开文件数", 2949, 81916),
    "网站": r.cells(L, "1、政府网站公开数", 2949, 81916),
    "公报": r.cells(L, "2、政府公报公开数", 0, 0),
    "申请": r.cells(L, "受理依申请公开信息总数", 0, 1),
    "当面": r.cells(L, "1、当面申请数", 0, 0),
    "网上": r.cells(L, "2、网上申请数", 0, 0),
    "信函": r.cells(L, "3、信函、传真申请数", 0, 1),
    "答复": r.cells(L, "对申请的答复总数", 0, 1),
    "同意": r.cells(L, "1、同意公开答复数", 0, 1),
    "收费": r.cells(L, "政府信息公开收费减免金额", 0, 0),
}
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("累计 81916 = szf-2014 累计 78967 + 2949", 81916, 78967 + 2949, L)
r.same("累计 申请 1 = 1 + 0", 1, 1 + 0, L)
r.same("prose 主动 2949 vs 统计表", 2949, t["主动"][0], L)
r.same("prose 未收到申请 vs 申请总数", 0, t["申请"][0], L)

# ------------------------------------------------------------ szf 2016 (city)
r = Report("pingtan-szf-2016.txt")
cats = [612, 223, 59, 39, 272, 101, 132, 226, 1796]
r.on(L, 3460, 1822, 1638, 3646, 281, 4635, 41, 189, 423, 245, 180, *cats)
r.sum("主动 3460 = 区直 1822 + 乡镇 1638", 3460, [1822, 1638], L)
r.pct("1822 占 53% of 3460", 1822, 3460, 53, L)
r.pct("1638 占 47% of 3460", 1638, 3460, 47, L)
r.sum("nine 主要类别 closed by 其他 vs 3460", 3460, cats, L)
t = {
    "主动": r.cells(L, "主动公开文件数", 3460, 85376),
    "网站": r.cells(L, "1、政府网站公开数", 3460, 85376),
    "公报": r.cells(L, "2、政府公报公开数", 0, 0),
    "申请": r.cells(L, "受理依申请公开信息总数", 0, 0),
    "答复": r.cells(L, "对申请的答复总数", 0, 0),
}
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("累计 85376 = szf-2015 累计 81916 + 3460", 85376, 81916 + 3460, L)
r.same("累计 申请 0 after szf-2015's 1 (no rule; noted)", 0, 1, L)
r.same("prose 主动 3460 vs 统计表", 3460, t["主动"][0], L)

# ------------------------------------------------------------ szf 2017 (city)
r = Report("pingtan-szf-2017.txt")
cats = [205, 95, 19, 32, 2, 7, 15, 131, 21, 12, 276, 20, 6, 99, 21, 1161]
r.on(L, 2122, 1509, 71.11, 613, 28.89, 348, 19, 224, 20, 84, 1, 467, 54, 43, 322, 5, 8,
     30, *cats)
r.sum("主动 2122 = 区直 1509 + 乡镇 613", 2122, [1509, 613], L)
r.pct("1509 占 71.11% of 2122", 1509, 2122, 71.11, L)
r.pct("613 占 28.89% of 2122", 613, 2122, 28.89, L)
r.sum("sixteen 主要类别 closed by 其他信息 vs 2122", 2122, cats, L)
r.sum("财政资金 348 = 19 + 224 + 20 + 84 + 1", 348, [19, 224, 20, 84, 1], L)
r.sum("环境 467 = 54 + 43 + 322 + 5 + 8 + 30 + 5", 467, [54, 43, 322, 5, 8, 30, 5], L)
t = {
    "主动": r.cells(L, "主动公开文件数", 2122, 10037),
    "网站": r.cells(L, "1、政府网站公开数", 2122, 10037),
    "公报": r.cells(L, "2、政府公报公开数", 0, 0),
    "申请": r.cells(L, "受理政府信息依申请公开总数", 0, 0),
    "答复": r.cells(L, "对申请的答复总数", 0, 0),
}
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("累计 10037 vs szf-2016 累计 85376 + 2122 (restarted; no rule; noted)", 10037,
       85376 + 2122, L)
r.same("szf-2018 累计 12106 = 10037 + 2069", 12106, 10037 + 2069, L)
r.same("prose 主动 2122 vs 统计表", 2122, t["主动"][0], L)

# ------------------------------------------------------------ 平潭县财政局 (department)
# 2009 and 2010: a one-column 附表 (年末统计), cells spaced.
for year, n, date_ok in ((2009, 6, "二○一○年四月十日"), (2010, 3, "二○一一年元月二十日")):
    r = Report(f"pingtan-xczj-{year}.txt")
    r.on(L, n, year)
    text = r.lines[L - 1]
    for row in (f"主动公开信息数 条 {n}", f"1．网站公开 条 {n}", "2．政府公报公开 条 0",
                "受理依申请公开信息总数 条 0", "对申请的答复总数 条 0", "行政复议数 件 0",
                "行政诉讼数 件 0", "行政申诉数 件 0"):
        if row not in text:
            r._slip(f"row {row!r}")
    r.same(f"prose 清理出{n}条 / 主动公开政府信息{n}条 vs 附表 主动公开信息数", n, n, L)
    r.sum(f"附表 主动 {n} = 网站 {n} + 公报 0", n, [n, 0], L)
    r.same("prose 没有收到信息公开申请 vs 受理依申请公开信息总数", 0, 0, L)

# 2011 and 2013: the other 附表 (七、需要说明的事项与附表, one column, cells joined).
for year, n, cats in ((2011, 20, [(2, []), (14, [2, 12]), (4, [])]),
                      (2013, 26, [(2, []), (20, [8, 12]), (4, [])])):
    r = Report(f"pingtan-xczj-{year}.txt")
    r.on(L, n, 100)
    r.sum(f"总数 {n} = 主动 {n} + 依申请 0 + 不予公开 0", n, [n, 0, 0], L)
    r.sum(f"主要类别 of the {n}: {[c for c, _ in cats]}", n, [c for c, _ in cats], L)
    for c, parts in cats:
        if parts:
            r.sum(f"为民办实事类 {c} = 一事一议 + 家电下乡", c, parts, L)
    if f"主动公开信息数条{n}正式受理" not in r.lines[L - 1]:
        r._slip(f"附表 主动公开信息数 {n}")
    r.same(f"prose 主动公开 {n} vs 附表 主动公开信息数", n, n, L)
    heads = [h for h in ("一、", "二、", "三、", "四、", "五、", "六、", "七、") if h in r.lines[L - 1]]
    print(f"  DIFF line 10: level-1 headings {''.join(heads)}: 四 is followed by 七")

# 2012: the 2012 统计表 (本年度 | 历年累计, cells joined).
r = Report("pingtan-xczj-2012.txt")
r.on(L, 24, 1, 7, 16, 100)
r.sum("总数 24 = 主动 24 + 0 + 0", 24, [24, 0, 0], L)
r.sum("其中：预决算 1 + 行政管理 7 + 其他应主动公开 16 (closed)", 24, [1, 7, 16], L)
t = {
    "主动": r.cells(L, "主动公开信息数", 24, 24),
    "网站": r.cells(L, "1、网站公开", 24, 24),
    "公报": r.cells(L, "2、政府公报公开", 0, 0),
    "申请": r.cells(L, "受理依申请公开信息总数", 0, 0),
    "答复": r.cells(L, "对申请的答复总数", 0, 0),
}
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("prose 主动公开 24 vs 统计表", 24, t["主动"][0], L)

# ------------------------------------------------------------ 平潭综合实验区财政金融局 (department)
r = Report("pingtan-cjj-2012.txt")
cats = [9, 7, 2, 13, 1, 2, 1, 3]
r.on(L, 38, 100, *cats)
r.sum("总数 38 = 主动 38 + 0 + 0", 38, [38, 0, 0], L)
r.sum("其中 eight items closed by 其他应主动公开的信息3条", 38, cats, L)
t = {
    "主动": r.cells(L, "主动公开信息数", 26, 26),
    "网站": r.cells(L, "1、网站公开", 26, 26),
    "公报": r.cells(L, "2、政府公报公开", 0, 0),
    "申请": r.cells(L, "受理依申请公开信息总数", 0, 0),
    "答复": r.cells(L, "对申请的答复总数", 0, 0),
}
r.cumulative({i: v for i, v in enumerate(t.values())})
r.same("prose 主动公开政府信息38条 vs 统计表 主动公开信息数", 38, t["主动"][0], L)

r = Report("pingtan-cjj-2013.txt")
cats = [2, 20, 4, 1, 2, 2, 1]
r.on(L, 32, 26, 100, *cats)
r.sum("总数 32 = 主动 26 + 依申请 0 + 不予公开 0 (a partition)", 32, [26, 0, 0], L)
r.sum("主要类别 of 在主动公开的32条 (2 + 20 + 4 + 1 + 2 + 2 + 1)", 32, cats, L)
r.sum("为民办实事类 20 = 8 + 12", 20, [8, 12], L)
if "主动公开信息数条32正式受理" not in r.lines[L - 1]:
    r._slip("附表 主动公开信息数 32")
r.same("prose 其中主动公开政府信息26条 vs 附表 主动公开信息数", 26, 32, L)
r.same("prose 在主动公开的32条 vs 附表", 32, 32, L)
r.pct("主动公开的政府信条，占100% (26 of 32)", 26, 32, 100, L)

# 2014-2018: a short one-column 附表 (年末统计), cells spaced or joined.
def one_column(r, rows):
    text = r.lines[L - 1]
    for label, unit, value in rows:
        if not any(f"{label}{sep}{unit}{sep}{value}" in text for sep in (" ", "")):
            r._slip(f"附表 row {label} {value}")


def headings(r):
    found = [h for h in ("一、", "二、", "三、", "四、", "五、", "六、", "七、") if h in r.lines[L - 1]]
    gap = "四、" in found and "七、" in found and "五、" not in found
    print(f"  {'DIFF' if gap else 'OK  '} line 10: level-1 headings {''.join(found)}")


r = Report("pingtan-cjj-2014.txt")
cats = [24, 3, 8, 4, 3]
r.on(L, 51, 9, 100, *cats)
r.sum("总数 51 = 51 + 0 + 0", 51, [51, 0, 0], L)
r.sum("five 类别 of the 51 (open list, no 其他)", 51, cats, L, open_list=True)
r.sum("the same five plus 全文电子化 9", 51, [9] + cats, L)
one_column(r, [("主动公开信息数", "条", 51), ("1、网站公开", "条", 7), ("2、政府公报公开", "条", 0),
               ("受理依申请公开信息总数", "条", 0)])
r.sum("附表 主动 51 vs 网站 7 + 公报 0 (open list of channels)", 51, [7, 0], L, open_list=True)
headings(r)

r = Report("pingtan-cjj-2015.txt")
r.on(L, 65, 57, 13, 100)
r.sum("总数 65 = 65 + 0 + 0", 65, [65, 0, 0], L)
one_column(r, [("主动公开信息数", "条", 65), ("1、网站公开", "条", 57), ("2、政府公报公开", "条", 0),
               ("受理依申请公开信息总数", "条", 0)])
r.same("prose 全文电子化 57 vs 附表 网站公开 57", 57, 57, L)
headings(r)

r = Report("pingtan-cjj-2016.txt")
cats = [45, 4, 3, 22, 12]
r.on(L, 86, 100, *cats)
r.sum("总数 86 = 86 + 0 + 0", 86, [86, 0, 0], L)
r.sum("five 类别 of the 86", 86, cats, L)
one_column(r, [("主动公开信息数", "条", 86), ("1、网站公开", "条", 86), ("2、政府公报公开", "条", 0),
               ("受理依申请公开信息总数", "条", 0)])
headings(r)

r = Report("pingtan-cjj-2017.txt")
cats = [5, 14, 14, 1, 1, 7, 2, 2, 3, 6, 2, 12]
r.on(L, 70, 69, 1, 98.55, *cats)
r.sum("总数 70 = 主动 69 + 依申请 1 + 不予公开 0", 70, [69, 1, 0], L)
r.pct("主动公开的政府信息占98.55% (69 of 70)", 69, 70, 98.55, L)
r.pct("98.55 % would be 68/69", 68, 69, 98.55, L)
r.sum("twelve 类别 closed by 工作进展动态和其他…12条", 69, cats, L)
one_column(r, [("主动公开信息数", "条", 69), ("1、网站公开", "条", 69), ("2、政府公报公开", "条", 0),
               ("受理依申请公开信息总数", "条", 1), ("3、电子邮件申请数", "条", 1)])
r.same("prose 收到1项申请 vs 附表 受理依申请公开信息总数", 1, 1, L)
headings(r)

r = Report("pingtan-cjj-2018.txt")
cats = [46, 12, 0, 3, 0, 18, 19, 8, 0, 8, 24]
r.on(L, 138, 100, *cats)
r.sum("总数 138 = 138 + 0 + 0", 138, [138, 0, 0], L)
r.sum("eleven 类别 closed by 工作进展动态和其他…24条", 138, cats, L)
one_column(r, [("主动公开信息数", "条", 138), ("1、网站公开", "条", 138), ("2、政府公报公开", "条", 0),
               ("受理依申请公开信息总数", "条", 0)])
headings(r)

sys.exit(Report.exit_status())
