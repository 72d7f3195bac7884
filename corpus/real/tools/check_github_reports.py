#!/usr/bin/env python3
"""Hand-transcribed cells and prose figures of the whole 2021-format reports taken
from a public GitHub repository (zxj6827111-blip/KIROGOVCOMPARE, test fixtures of
a report-comparison tool): shuyang-xzf-2025, shanghai-szfbgt-2025, shanghai-kw-2024.

Every number below was typed in by reading the report file; nothing is read from
nblint. Run: python3 corpus/real/tools/check_github_reports.py
One line per check: OK, or WRONG with the numbers (those are the [[finding]]s of
the expected files). Exits 1 if a typed row no longer stands on its line.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
failures: list[str] = []

COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def lines_of(name: str) -> list[str]:
    return (HERE / name).read_text(encoding="utf-8").split("\n")


def on(name: str, line: int, quote: str) -> None:
    if quote not in lines_of(name)[line - 1]:
        failures.append(f"{name}:{line}: {quote!r} not on that line")


def row_on(name: str, line: int, cells: list[int | None]) -> None:
    """The row's numbers stand on the line, in order, as the last pipe cells."""
    text = lines_of(name)[line - 1]
    found = [c.strip() for c in text.strip().strip("|").split("|")]
    typed = ["" if c is None else str(c) for c in cells]
    while found and found[-1] == "" and typed[-1] != "":
        found.pop()  # a converter's empty trailing cell
    if found[-len(typed):] != typed:
        failures.append(f"{name}:{line}: typed {typed}, the line ends in {found[-len(typed):]}")


def say(ok: bool, where: str, what: str) -> None:
    print(f"{'OK' if ok else 'WRONG':5} {where} {what}")


def table3(name: str, rows: dict[str, tuple[int, list[int | None]]], results: list[str]) -> None:
    """rows: label -> (line, 7 cells); None is a blank cell (reported, counted as 0)."""
    for label, (line, cells) in rows.items():
        row_on(name, line, cells)
        if None in cells:
            say(False, f"{name}:{line}", f"三·{label}: blank cell(s) {cells}")
            continue
        say(sum(cells[:6]) == cells[6], f"{name}:{line}", f"三·{label} row total {'+'.join(map(str, cells[:6]))} = {cells[6]}")
    v = {k: [c or 0 for c in cells] for k, (_, cells) in rows.items()}
    for i, col in enumerate(COLS):
        s = sum(v[r][i] for r in results)
        say(s == v["（七）总计"][i], f"{name}:{rows['（七）总计'][0]}", f"result-total {col}: Σ = {s}, （七） {v['（七）总计'][i]}")
        left, right = v["一"][i] + v["二"][i], v["（七）总计"][i] + v["四"][i]
        say(left == right, f"{name}:{rows['四'][0]}", f"balance {col}: 一+二 = {left}, （七）+四 = {right}")


def table4(name: str, line: int, cells: list[int]) -> None:
    row_on(name, line, cells)
    for g, grp in zip(("复议", "直接起诉", "复议后起诉"), (cells[0:5], cells[5:10], cells[10:15])):
        say(sum(grp[:4]) == grp[4], f"{name}:{line}", f"四·{g} {'+'.join(map(str, grp[:4]))} = {grp[4]}")


def text_sum(name: str, line: int, total: int, parts: list[int], what: str) -> None:
    say(sum(parts) == total, f"{name}:{line}", f"{what}: {'+'.join(map(str, parts))} = {sum(parts)}, stated {total}")


def percent(name: str, line: int, part: int, base: int, stated: str, what: str) -> None:
    exact = Fraction(part * 100, base)
    places = len(stated.split(".")[1]) if "." in stated else 0
    scale = 10**places
    ok = Fraction(stated) in (Fraction(int(exact * scale + Fraction(1, 2)), scale), Fraction(int(exact * scale), scale))
    say(ok, f"{name}:{line}", f"{what}: {part}/{base} = {float(exact):.3f} %, stated {stated} %")


def equal(name: str, line: int, a: int, b: int, what: str) -> None:
    say(a == b, f"{name}:{line}", f"{what}: {a} vs {b}")


RESULTS_2021 = ["（一）", "（二）"] + [f"（三）{i}" for i in range(1, 9)] + [f"（四）{i}" for i in range(1, 4)] \
    + [f"（五）{i}" for i in range(1, 6)] + [f"（六）{i}" for i in range(1, 4)]

# --- shuyang-xzf-2025 (沭阳县人民政府, county, 江苏; markdown, table 三 one small table per row) ---
n = "shuyang-xzf-2025.txt"
z = [0, 0, 0, 0, 0, 0, 0]
table3(n, {
    "一": (99, [705, 3, 0, 0, 5, 0, 713]),
    "二": (104, [36, 0, 0, 0, 0, 0, 36]),
    "（一）": (111, [290, 1, 0, 0, 3, 0, 294]),
    "（二）": (116, [99, 0, 0, 0, 2, 0, 101]),
    "（三）1": (121, z), "（三）2": (122, z),
    "（三）3": (123, [2, 0, 0, 0, 0, 0, 2]), "（三）4": (124, [2, 0, 0, 0, 0, 0, 2]),
    "（三）5": (125, [13, 0, 0, 0, 0, 0, 13]), "（三）6": (126, [2, 0, 0, 0, 0, 0, 2]),
    "（三）7": (127, [4, 0, 0, 0, 0, 0, 4]), "（三）8": (128, [9, 0, 0, 0, 0, 0, 9]),
    "（四）1": (133, [111, 0, 0, 0, 0, 0, 111]), "（四）2": (134, [2, 0, 0, 0, 0, 0, 2]), "（四）3": (135, z),
    "（五）1": (140, [12, 0, 0, 0, 0, 0, 12]), "（五）2": (141, [6, 1, 0, 0, 0, 0, 7]),
    "（五）3": (142, z), "（五）4": (143, z), "（五）5": (144, z),
    "（六）1": (149, [9, 0, 0, 0, 0, 0, 9]),
    "（六）2": (153, [7, 0, 0, 0, 0, 0, 7]), "（六）3": (154, [142, 1, 0, 0, 0, 0, 143]),
    "（七）总计": (155, [710, 3, 0, 0, 5, 0, 718]),
    "四": (156, [31, 0, 0, 0, 0, 0, 31]),
}, RESULTS_2021)
for line, cells in ((163, [27, 10, 9, 15, 61]), (168, [3, 0, 0, 0, 3]), (173, [8, 0, 1, 1, 10])):
    row_on(n, line, cells)
    say(sum(cells[:4]) == cells[4], f"{n}:{line}", f"四 {'+'.join(map(str, cells[:4]))} = {cells[4]}")
on(n, 26, "全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；共办理 718 件，结转下一年 31 件")
equal(n, 26, 749, 713 + 36, "受理749 = 三·一 713 + 三·二 36 (new + carried, not 新收 alone)")
equal(n, 26, 741, 705 + 36, "自然人741 = 一 705 + 二 36")
equal(n, 26, 8, 3 + 5, "法人或其他组织8 = 商业 3 + 法律服务 5")
text_sum(n, 26, 749, [741, 8], "749 = 自然人 + 法人或其他组织")
equal(n, 26, 718, 718, "共办理718 vs （七）总计")
equal(n, 26, 31, 31, "结转31 vs 四")
equal(n, 26, 74, 61 + 3 + 10, "相关案件74 vs 四 复议61 + 直接起诉3 + 复议后10")
on(n, 18, "年度涌现爆款内容52条，其中1条播放量破亿、2条破千万、49条破百万")
text_sum(n, 18, 52, [1, 2, 49], "爆款52条 (破亿/破千万/破百万 partition)")
on(n, 23, "全年累计发布解读类信息 21 条")
say(Fraction(17, 21) > Fraction(8, 10), f"{n}:23", "17/21 = 81 % 占比超八成")
on(n, 186, "收取信息处理费共计380元，其中民政局1件，收取380元")
text_sum(n, 186, 380, [380], "信息处理费380元 (one case)")

# --- shanghai-szfbgt-2025 (上海市人民政府办公厅, province; PDF -> markdown, table 三 in broken rows) ---
n = "shanghai-szfbgt-2025.md"
table3(n, {
    "一": (115, [1259, 36, 0, 0, 0, 0, 1295]),
    "二": (117, [170, 15, 0, 0, 4, 0, 189]),
    "（一）": (118, [201, 5, 0, 0, 0, 0, 206]),
    "（二）": (122, [2, 0, 0, 0, 0, 0, 2]),
    "（三）1": (124, [4, 0, 0, 0, 0, 0, 4]), "（三）2": (126, z), "（三）3": (127, [1, 0, 0, 0, 0, 0, 1]),
    "（三）4": (128, z), "（三）5": (129, [8, 0, 0, 0, 1, 0, 9]), "（三）6": (130, [1, 0, 0, 0, 0, 0, 1]),
    "（三）7": (131, z), "（三）8": (132, [5, 0, 0, 0, 0, 0, 5]),
    "（四）1": (133, [484, 28, 0, 0, 1, 0, 513]), "（四）2": (136, [47, 1, 0, 0, 0, 0, 48]),
    "（四）3": (146, [3, 0, 0, 0, 0, 0, 3]),
    "（五）1": (148, [61, 1, 0, 0, 0, 0, 62]), "（五）2": (150, [16, 0, 0, 0, 0, 0, 16]),
    "（五）3": (152, [1, 0, 0, 0, 0, 0, 1]), "（五）4": (153, [1, 0, 0, 0, 0, 0, 1]),
    "（五）5": (154, z),
    "（六）1": (156, [40, 1, 0, 0, 2, 0, 43]), "（六）2": (164, z),
    "（六）3": (166, [264, 12, 0, 0, 0, 0, 276]),
    "（七）总计": (168, [1139, 48, 0, 0, 4, 0, 1191]),
    "四": (169, [290, 3, 0, 0, 0, 0, 293]),
}, RESULTS_2021)
table4(n, 180, [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22])
on(n, 38, "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含")
equal(n, 38, 1295, 1295, "受理1295 vs 三·一 总计")
equal(n, 38, 1191, 1191, "办结1191 vs （七）总计")
on(n, 40, "分公开 208 件（17.46%），不予公开 20 件（1.68%），因本机关")
shares = {"予以公开及部分公开": (206 + 2, "17.46"), "不予公开": (4 + 1 + 9 + 1 + 5, "1.68"),
          "无法提供": (513 + 48 + 3, "47.36"), "不予处理": (62 + 16 + 1 + 1, "6.72"), "其他处理": (43 + 0 + 276, "26.78")}
stated = {"予以公开及部分公开": 208, "不予公开": 20, "无法提供": 564, "不予处理": 80, "其他处理": 319}
for k, (table_value, p) in shares.items():
    equal(n, 40, stated[k], table_value, f"prose {k} vs table 三")
    percent(n, 40, stated[k], 1191, p, f"{k} share of 办结 1191")
text_sum(n, 40, 1191, list(stated.values()), "办结1191 by result")
on(n, 28, "全年主动公开市政府规章 22 件、市政府及市政府办公厅行")
equal(n, 28, 22, 22, "规章22件 vs 表二 规章 本年制发")
equal(n, 29, 34, 34, "行政规范性文件34件 vs 表二 本年制发")
on(n, 97, "| 规章 | 22 | 235 |")
on(n, 100, "| 行政规范性文件 | 34 | 189 |")
print("NOTE  shanghai-szfbgt-2025.md:97,100 表二 rows have 3 cells for 4 columns: the converter put 22（其中修订16件）/55（含自然失效29件） on lines 79-82")
on(n, 183, "（一）2024 年工作中存在问题的改进情况")
print("NOTE  shanghai-szfbgt-2025.md:183 no heading 五、… before （一）2024 年工作中存在问题的改进情况 (section 五 has no title line in this text)")

# --- shanghai-kw-2024 (上海市科学技术委员会, department; PDF -> markdown) ---
n = "shanghai-kw-2024.md"
table3(n, {
    "一": (102, [32, 2, 0, 0, 0, 0, 34]),
    "二": (103, [2, 0, 0, 0, 0, 0, 2]),
    "（一）": (104, [9, 0, 0, 0, 0, 0, 9]),
    "（二）": (105, z),
    "（三）1": (114, z), "（三）2": (116, z), "（三）3": (118, z), "（三）4": (120, z),
    "（三）5": (128, [1, 0, 0, 0, 0, 0, 1]), "（三）6": (130, [1, 0, 0, 0, 0, 0, 1]),
    "（三）7": (132, z), "（三）8": (133, z),
    "（四）1": (134, [4, 0, 0, 0, 0, 0, 4]), "（四）2": (141, [6, 0, 0, 0, 0, 0, 6]), "（四）3": (143, z),
    "（五）1": (145, z), "（五）2": (147, z), "（五）3": (148, z),
    "（五）4": (159, z), "（五）5": (161, z),
    "（六）1": (163, [8, 2, 0, 0, 0, 0, 10]), "（六）2": (173, z),
    "（六）3": (175, [4, 0, 0, 0, 0, 0, 4]),
    "（七）总计": (177, [33, 2, 0, 0, 0, 0, 35]),
    "四": (178, [1, 0, 0, 0, 0, 0, None]),
}, RESULTS_2021)
table4(n, 189, [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
on(n, 42, "全年收到政府信息公开申请 34 件，上年结转政府信息公开")
prose = {"同意公开": 9, "部分公开": 0, "不予公开": 2, "无法提供": 10, "不予处理": 0, "其他处理": 14, "转下一年度": 1}
table = {"同意公开": 9, "部分公开": 0, "不予公开": 1 + 1, "无法提供": 4 + 6, "不予处理": 0, "其他处理": 10 + 4, "转下一年度": 1}
for k in prose:
    equal(n, 44, prose[k], table[k], f"prose {k} vs table 三")
text_sum(n, 44, 34 + 2, list(prose.values()), "34 新收 + 2 结转 by result and carry-over")
on(n, 89, "| 规范性文件 | 13 | 0 | 55 |")
on(n, 32, "当年发布政府信息 393 件，其中")
equal(n, 33, 13, 13, "行政规范性文件13件 vs 表二 本年制发")
on(n, 65, "网站全年累计发布信息 2139 条，其中动态类")
on(n, 66, "信息发布 1744 条，政务信息发布 393 条，解读类信息发布 21 条，")
on(n, 67, "回应公众关注热点信息 2 条。")
text_sum(n, 65, 2139, [1744, 393, 21, 2], "网站2139条 by kind (a sum above its total is wrong)")
on(n, 73, "一、主动公开政府信息情况")
print("NOTE  shanghai-kw-2024.md:73 numbering restarts: 一…六 (lines 13-55), then 一、二、三 (73, 91, 180) and 五 (205); no 四, and 存在的主要问题及改进情况 has no title line (its （一）主要问题 stands on 192)")

if failures:
    print("\n".join("TRANSCRIPTION " + f for f in failures))
    sys.exit(1)
