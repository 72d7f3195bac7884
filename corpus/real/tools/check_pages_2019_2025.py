#!/usr/bin/env python3
"""Hand-transcribed cells and prose figures of the 2019-2025 web-page reports
(corpus/real/*-20{19..24}.txt taken from the search tool's `pages` corpus), and
the identities of shared/spec/report-format.md recomputed over them.

Every number below was typed in by reading the report file named beside it;
nothing is read from nblint.  Run: python3 corpus/real/tools/check_pages_2019_2025.py
It prints one line per check: OK, or WRONG with the numbers (those are the
[[finding]]s of the expected files), and exits 1 if a transcription no longer
matches its file (the quoted sentence must still stand on the given line).
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
failures: list[str] = []


def line_has(slug: str, line: int, quote: str) -> None:
    """The transcription's anchor: `quote` stands on `line` of the report."""
    path = next(HERE.glob(f"{slug}.*[!l]"))  # the report, not .expected.toml
    text = path.read_text(encoding="utf-8").split("\n")
    if quote not in text[line - 1]:
        failures.append(f"{slug}:{line}: {quote!r} not on that line")


def text_sum(slug: str, line: int, total: int, parts: list[int], closed: bool, what: str) -> None:
    s = sum(parts)
    ok = s == total or (not closed and s < total)
    verdict = "OK" if ok else "WRONG"
    kind = "closed" if closed else "open"
    print(f"{verdict:5} {slug}:{line} {what}: {'+'.join(map(str, parts))} = {s}, total {total} ({kind} list)")


def percent(slug: str, line: int, part: int, base: int, stated: str, what: str) -> None:
    exact = Fraction(part * 100, base)
    decimals = len(stated.split(".")[1]) if "." in stated else 0
    scale = 10**decimals
    rounded = Fraction(int(exact * scale + Fraction(1, 2)), scale)
    truncated = Fraction(int(exact * scale), scale)
    claim = Fraction(stated)
    ok = claim in (rounded, truncated)
    verdict = "OK" if ok else "WRONG"
    print(
        f"{verdict:5} {slug}:{line} {what}: {part}/{base} = {float(exact):.4f}% "
        f"(rounded {float(rounded)}, truncated {float(truncated)}), stated {stated}%"
    )


def equal(slug: str, line: int, a: int, b: int, what: str) -> None:
    verdict = "OK" if a == b else "WRONG"
    print(f"{verdict:5} {slug}:{line} {what}: {a} vs {b}")


def row_total(slug: str, line: int, cells: list[int], total: int, what: str) -> None:
    equal(slug, line, sum(cells), total, f"{what} row total ({'+'.join(map(str, cells))})")


# --- shanghai-szf-2022 (上海市, 2021 format) --------------------------------
s = "shanghai-szf-2022"
line_has(s, 13, "主动公开市政府规章13件(含新制定5件,修改4件,废止4件)")
text_sum(s, 13, 13, [5, 4, 4], True, "规章13件(含新制定、修改、废止)")

# --- hanyang-qzfb-2022 (武汉市汉阳区人民政府办公室, 2021 format) ------------
s = "hanyang-qzfb-2022"
# 第二十条（一）: rows are "|" then one cell per line ending in " |".
line_has(s, 13, "规章 |")
hy_rules = ["0", "0", ""]  # 本年制发, 本年废止, 现行有效 (line 16 is an empty cell)
line_has(s, 16, "|")
print(f"{'WRONG' if '' in hy_rules else 'OK':5} {s}:16 规章·现行有效件数 blank: {hy_rules}")
line_has(s, 50, "共收到8份政府信息公开申请")
text_sum(s, 50, 8, [2, 2, 1, 2, 1], True, "8份 = 予以公开+部分公开+过程性+不掌握+其他")
hy_new = [8, 0, 0, 0, 0, 0]
line_has(s, 65, "一、本年新收政府信息公开申请数量")
row_total(s, 65, hy_new, 8, "三·一、本年新收")
equal(s, 50, 8, 8, "prose 共收到8份 vs 三·一 总计")
equal(s, 50, 8, hy_new[0], "prose 均为自然人申请 vs 三·一 自然人")

# --- gaochun-qzf-2022 (南京市高淳区人民政府, 2021 format) --------------------
s = "gaochun-qzf-2022"
line_has(s, 4, "全区共收到政府信息公开申请130件")
gc = {"予以公开或部分公开": (59, "45.3"), "不予公开": (32, "24.6"), "无法提供": (26, "20"),
      "不予处理": (1, "0.7"), "其他处理": (12, "9.2")}
text_sum(s, 4, 130, [v for v, _ in gc.values()], True, "130件 by result")
for name, (v, p) in gc.items():
    percent(s, 4, v, 130, p, f"{name}占")
# open list: 4583条 其中 2107 主动公开 + 672 采用 (672 are re-used by the city site, not a part)
line_has(s, 3, "发布信息4583条,其中主动公开各类政府信息2107条")

# --- xingren-szf-2022 (兴仁市人民政府, 2021 format) --------------------------
s = "xingren-szf-2022"
line_has(s, 3, "共公开各类政府信息12888条")
xr = [1318, 1189, 1331, 596, 76, 14, 277, 43, 25, 16, 16, 67, 836, 183, 299, 37, 13, 6552]
text_sum(s, 3, 12888, xr, True, "12888条 by kind (ends in 其他)")
line_has(s, 4, "共收到10件依申请公开请求,2021年结转政府信息公开申请2件,共办结10件,结转2023年度继续办理2件")
equal(s, 4, 10 + 2, 10 + 2, "新收+结转 = 办结+结转下年")

# --- changchun-tyjrswj-2023 (长春市退役军人事务局, 2021 format) --------------
s = "changchun-tyjrswj-2023"
line_has(s, 3, "共受理政府信息公开申请2件")
cc_new = [3, 0, 0, 0, 0, 0]
line_has(s, 24, "| 一、本年新收政府信息公开申请数量 | 3 |")
row_total(s, 24, cc_new, 3, "三·一、本年新收")
equal(s, 3, 2, 3, "prose 共受理…申请2件 vs 三·一 总计")
line_has(s, 25, "| 二、上年结转政府信息公开申请数量 | 0 |")
cc_carry = [0, 0, 0, 0, 0, 0]
row_total(s, 25, cc_carry, 0, "三·二、上年结转")

# --- gaoping-yuancunxiang-2024 (高平市原村乡, 2021 format) -------------------
s = "gaoping-yuancunxiang-2024"
line_has(s, 6, "累计公开信息80条,主动公开80条")
yc = {"信息公开年报": (1, "1.1"), "部门工作动态信息": (54, "67.5"), "领导信息": (11, "13.8"),
      "财政信息": (7, "8.8"), "政策文件信息": (4, "5"), "政策文件解读": (3, "3.8")}
text_sum(s, 6, 80, [v for v, _ in yc.values()], True, "80条 by kind")
for name, (v, p) in yc.items():
    percent(s, 6, v, 80, p, f"{name}占比")

# --- suining-jkq-2021 (遂宁经济技术开发区, 2021 format) ----------------------
s = "suining-jkq-2021"
line_has(s, 4, "主动公开政府信息977条")
sn = [11, 270, 28, 58, 34, 38, 43, 67, 145]
text_sum(s, 4, 977, sn, True, "977条 其中包括…其他信息145条")
line_has(s, 8, "全年重点领域信息公开218条")
text_sum(s, 8, 218, [27, 8, 38, 6, 25, 9, 28, 18, 13, 46], True, "重点领域218条")
line_has(s, 11, "目前共计6个,其中微信3个,微博2个,抖音1个")
text_sum(s, 11, 6, [3, 2, 1], True, "政务新媒体6个")

# --- qingshui-xzf-2019 (清水县人民政府, 2019 format) -------------------------
s = "qingshui-xzf-2019"
line_has(s, 2, "主动公开政府信息8769条。其中,通过市政府网站公开信息2100条")
text_sum(s, 2, 8769, [2100, 5469, 1600, 600], True,
         "8769条 by channel (1600余、600余 are lower bounds: the sum only grows)")
line_has(s, 2, "其中通过县政府门户网站发布政府信息5469条")
text_sum(s, 2, 5469, [2620, 1360, 995, 85, 98, 311], True, "县政府门户网站5469条 (ends in 其他)")

# --- qianan-dawulizhen-2020 (迁安市大五里镇, 2019 format) --------------------
s = "qianan-dawulizhen-2020"
line_has(s, 6, "主动公开政务信息共217条")
text_sum(s, 6, 217, [125, 92], True, "217条 = 门户网站 + 微信公众号")
line_has(s, 140, "一、本年新收政府信息公开申请数量")
line_has(s, 156, "二、上年结转政府信息公开申请数量")
dw_new = [0, 0, 0, 0, 0, 0]
dw_carry = [0, 0, 0, 0, 0, 0]
row_total(s, 140, dw_new, 0, "三·一、本年新收")
row_total(s, 156, dw_carry, 0, "三·二、上年结转")

# --- weishan-liangchengzhen-2020 (微山县两城镇, 2019 format) -----------------
s = "weishan-liangchengzhen-2020"
line_has(s, 27, "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0")
row_total(s, 27, [0] * 6, 0, "三·一、本年新收")
line_has(s, 28, "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0")
row_total(s, 28, [0] * 6, 0, "三·二、上年结转")

# --- zibo-zhongbuzhen-2020 (淄博高新区中埠镇, 2019 format) -------------------
s = "zibo-zhongbuzhen-2020"
line_has(s, 14, "统计期限自2020年1月1日起至202020年12月31日止")
print(f"WRONG {s}:14 统计期限 ends in year 202020, the title year is 2020")
line_has(s, 18, "累计主动公开政府信息21条,依申请公开0件,网上公开了21件")
equal(s, 18, 21, 21, "主动公开21条 vs 网上公开21件")

# --- xiaogan-szfb-2020 (孝感市人民政府办公室, 2019 format) -------------------
s = "xiaogan-szfb-2020"
line_has(s, 9, "全年公开以市政府和市政府办公室名义印发的文件58件")
xg_new_published = {"规章": 2, "规范性文件": 11, "其他主动公开文件": 45}
equal(s, 9, sum(xg_new_published.values()), 58, "prose 58件 vs 本年新公开数量 2+11+45")
for lbl, made, pub, total in [("规章", 2, 2, 3), ("规范性文件", 11, 11, 119)]:
    ok = pub <= total
    print(f"{'OK' if ok else 'WRONG':5} {s} {lbl}: 本年新公开 {pub} ≤ 对外公开总数量 {total}")

# --- luqiao-luoyangjd-2021 (台州市路桥区螺洋街道, 2021 format) ---------------
s = "luqiao-luoyangjd-2021"
line_has(s, 5, "共主动公开政府信息数700条")
text_sum(s, 5, 700, [65, 635], True, "700条 = 政府网站 + 政务微信")

# --- suibin-lianshengxiang-2024 (绥滨县连生乡, 2021 format) ------------------
s = "suibin-lianshengxiang-2024"
line_has(s, 4, "主动公开政府信息598条,其中,政务公开517条,政府微信公众号81条")
text_sum(s, 4, 598, [517, 81], True, "598条")

# --- shanghai-szfbgt-2019 (上海市人民政府办公厅, 2019 format), whole report -------
# Table 三 as the HTML gives it: None is a blank cell (&nbsp;).
# Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
_ = None
SH3 = {
    "一、本年新收": [821, 35, _, _, 2, 1, 859],
    "二、上年结转": [18, _, _, _, _, _, 18],
    "（一）予以公开": [258, 12, _, _, 1, 1, _],
    "（二）部分公开": [3, _, _, _, _, _, _],
    "（三）1.国家秘密": [14, _, _, _, _, _, _],
    "（三）2.其他法律行政法规禁止公开": [_] * 7,
    "（三）3.三安全一稳定": [_] * 7,
    "（三）4.第三方合法权益": [_] * 7,
    "（三）5.三类内部事务信息": [5, _, _, _, _, _, _],
    "（三）6.四类过程性信息": [3, 1, _, _, _, _, _],
    "（三）7.行政执法案卷": [_] * 7,
    "（三）8.行政查询事项": [10, 2, _, _, _, _, _],
    "（四）1.不掌握": [252, 12, _, _, 1, _, _],
    "（四）2.另行制作": [44, 3, _, _, _, _, _],
    "（四）3.补正后仍不明确": [25, _, _, _, _, _, _],
    "（五）1.信访举报投诉": [148, 1, _, _, _, _, _],
    "（五）2.重复申请": [5, 4, _, _, _, _, _],
    "（五）3.公开出版物": [_] * 7,
    "（五）4.大量反复申请": [_] * 7,
    "（五）5.确认或重新出具": [_] * 7,
    "（六）其他处理": [_] * 7,
    "（七）总计": [767, 35, _, _, 2, 1, 805],
    "四、结转下年度": [72, _, _, _, _, _, 72],
}
SH4 = [5, _, _, 2, 7, 8, _, _, 1, 9, _, _, _, _, _]
s = "shanghai-szfbgt-2019"
html = (HERE / f"{s}.html").read_text(encoding="utf-8")
for quote in ["予以公开及部分公开258件，占33.9%", "因本机关不掌握等原因无法提供265件，占32.9%",
              "答复政府信息公开申请805件", "<p align=\"center\">251000元</p>"]:
    if quote not in html:
        failures.append(f"{s}: {quote!r} not in the file")
v = lambda x: 0 if x is None else x
rows = list(SH3.values())
results = rows[2:21]
blank_rows = [k for k, r in SH3.items() if None in r]
print(f"WRONG {s} 三: {len(blank_rows)} of {len(SH3)} rows have blank cells (总计 blank in every result row "
      f"but （七）; 科研机构/社会公益组织 blank throughout)")
for col, name in enumerate(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
    total = sum(v(r[col]) for r in results)
    equal(s, 1, total, v(SH3["（七）总计"][col]), f"三 result-total {name}")
    equal(s, 1, v(SH3["一、本年新收"][col]) + v(SH3["二、上年结转"][col]),
          v(SH3["（七）总计"][col]) + v(SH3["四、结转下年度"][col]), f"三 balance {name}")
row_sums = {k: sum(v(x) for x in r[:6]) for k, r in SH3.items()}
for k in ["一、本年新收", "二、上年结转", "（七）总计", "四、结转下年度"]:
    equal(s, 1, row_sums[k], SH3[k][6], f"三 row-total {k}")
equal(s, 1, sum(row_sums[k] for k in list(SH3)[2:21]), 805, "三 总计 column: the result rows' own sums vs （七）总计")
equal(s, 1, 859 + 18, 805 + 72, "三 balance 总计")
for g in (SH4[0:5], SH4[5:10], SH4[10:15]):
    equal(s, 1, sum(v(x) for x in g[:4]), v(g[4]), "四 review-total")
granted = row_sums["（一）予以公开"] + row_sums["（二）部分公开"]
unable = sum(row_sums[k] for k in ["（四）1.不掌握", "（四）2.另行制作", "（四）3.补正后仍不明确"])
denied = sum(row_sums[k] for k in list(SH3)[4:12])
untreated = sum(row_sums[k] for k in list(SH3)[15:20])
equal(s, 1, 258, granted, "prose 予以公开及部分公开258件 vs 三 （一）+（二）")
equal(s, 1, 265, unable, "prose 无法提供265件 vs 三 （四）1+2+3")
equal(s, 1, 35, denied, "prose 不予公开35件 vs 三 （三）")
equal(s, 1, 158, untreated, "prose 不予处理158件 vs 三 （五）")
text_sum(s, 1, 805, [258, 35, 265, 158, 0], True, "答复805件 by result (the five kinds partition 答复)")
percent(s, 1, 258, 805, "33.9", "予以公开及部分公开258件占")
percent(s, 1, 35, 805, "4.34", "不予公开35件占")
percent(s, 1, 265, 805, "32.9", "无法提供265件占")
percent(s, 1, 158, 805, "19.6", "不予处理158件占")
equal(s, 1, 7, v(SH4[4]), "prose 行政复议7件 vs 四 复议·总计")
equal(s, 1, 9, v(SH4[9]) + v(SH4[14]), "prose 诉讼9件 vs 四 诉讼 总计")

# --- second batch of page excerpts ---------------------------------------------
s = "jiaxian-xizhen-2022"
line_has(s, 2, "2022年度螅镇政府信息公开工作年度报告")
line_has(s, 15, "本年新制作数量")
line_has(s, 63, "第二十条第(九)项")
line_has(s, 11, "第二十条第(一)项")
print(f"WRONG {s}:11 a 2022 report uses the 2019-format 第二十条 tables (本年新制作数量 …, 第二十条（九）项)")
JX_ROWS = {21: "规章", 23: "规范性文件", 35: "行政许可", 37: "其他对外管理服务事项", 49: "行政处罚", 51: "行政强制",
           61: "行政事业性收费", 71: "政府集中采购", 95: "一、本年新收", 97: "二、上年结转", 101: "(一)予以公开",
           103: "(二)部分公开", 107: "1.属于国家秘密", 109: "2.其他法律行政法规禁止公开", 111: "3.危及",
           113: "4.保护第三方合法权益", 115: "5.属于三类内部事务信息", 117: "6.属于四类过程性信息",
           119: "7.属于行政执法案卷", 121: "8.属于行政查询事项", 125: "1.本机关不掌握相关政府信息",
           127: "2.没有现成信息需要另行制作"}
text = (HERE / f"{s}.txt").read_text(encoding="utf-8").split("\n")
for line, label in JX_ROWS.items():
    line_has(s, line, label)
    # the next non-empty line is the next label, never a number: the row has no cells
    nxt = next(t for t in text[line:] if t.strip())
    print(f"{'WRONG' if not nxt.strip().isdigit() else 'OK':5} {s}:{line} {label}: no cell value (next line {nxt[:12]!r})")

s = "longtian-zhen-2021"
line_has(s, 24, "第二十条第(一)项")
line_has(s, 28, "本年新制作数量")
print(f"WRONG {s}:24 a 2021 report uses the 2019-format 第二十条 table (本年新制作数量 / 本年新公开数量 / 对外公开总数量)")

s = "lintao-xintianzhen-2022"
line_has(s, 1, "全年主动公开政务信息382条,包括政府网站35条")
text_sum(s, 1, 382, [35, 80, 2443], True, "382条 包括 网站+媒体+微信公众号")

s = "wendeng-zekuzhen-2023"
line_has(s, 5, "公开政府信息532条,其中通过“扬帆泽库”微信公众号发布消息357条")
text_sum(s, 5, 532, [357, 101, 75], True, "532条 by channel")
text_sum(s, 5, 75, [24, 36, 5, 2, 8], True, "网站75篇 by content (从内容分类看)")

s = "nileke-zhen-2023"
line_has(s, 15, "规章")
line_has(s, 21, "6")
print(f"WRONG {s}:21 a township's 规章·现行有效件数 is 6 (a township makes no 规章)")

s = "wuyi-xiang-2023"
line_has(s, 1, "主动公开内容按照国办发〔2021〕30号文件要求编制")
print(f"WRONG {s}:1 国办发〔2021〕30号 for the format document 国办公开办函〔2021〕30号")

s = "xixian-taipingzhen-2022"
line_has(s, 5, "(国办公开办函〔2019〕60号)的要求,编制《太平镇政府2022年度政府信息公开工作年度报告》")
print(f"WRONG {s}:5 a 2022 report compiled under 国办公开办函〔2019〕60号, replaced by 国办公开办函〔2021〕30号")

s = "longgang-qbm-2024"
LG = {22: ("一、本年新收", [58, 7, 0, 0, 1, 0], 66), 23: ("二、上年结转", [2, 0, 0, 0, 0, 0], 2),
      24: ("（一）予以公开", [2, 1, 0, 0, 0, 0], 3), 25: ("（二）部分公开", [16, 1, 0, 0, 0, 0], 17),
      30: ("（三）5.三类内部事务", [1, 0, 0, 0, 0, 0], 1)}
for line, (label, cells, total) in LG.items():
    line_has(s, line, " | ".join(map(str, cells)) + f" | {total} |")
    row_total(s, line, cells, total, label)

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
