#!/usr/bin/env python3
"""Rebuild the layout of an archive page.txt: the recipe used for the rebuilt 平潭 .txt files.

Input: a skeleton file holding the report's words as stored, one paragraph per line (line
breaks put back before headings and （一） subheadings), where the run-together tables
stood replaced by markers:
  {T3 <25 or 23 raw cell runs separated by '|'>}  table 三 (2021 format: 25 runs; 2019: 23)
  {T4 <raw run of the 15 numbers>}                table 四
Table 二 is written by hand in the skeleton (its rows have no total to cut them by).
Each raw run of table 三 is cut with split_cells.splits; a run with no single cut stops the
rebuild, except a run written "=ddddddd": seven digits for seven cells, one digit each (used
where the report's own 总计 cell does not add up, so no cut can balance it). Output: the tab-separated layout of shared/corpus/real (same labels, same columns).

Usage: python3 rebuild.py SKELETON > OUT.txt
"""
import re
import sys

from split_cells import splits

HEAD = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况",
    "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
    "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
]
LABELS_COMMON = [
    "一、本年新收政府信息公开申请数量\t\t",
    "二、上年结转政府信息公开申请数量\t\t",
    "三、本年度办理结果\t（一）予以公开\t",
    "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t",
    "\t（三）不予公开\t1.属于国家秘密",
    "\t\t2.其他法律行政法规禁止公开",
    "\t\t3.危及“三安全一稳定”",
    "\t\t4.保护第三方合法权益",
    "\t\t5.属于三类内部事务信息",
    "\t\t6.属于四类过程性信息",
    "\t\t7.属于行政执法案卷",
    "\t\t8.属于行政查询事项",
    "\t（四）无法提供\t1.本机关不掌握相关政府信息",
    "\t\t2.没有现成信息需要另行制作",
    "\t\t3.补正后申请内容仍不明确",
    "\t（五）不予处理\t1.信访举报投诉类申请",
    "\t\t2.重复申请",
    "\t\t3.要求提供公开出版物",
    "\t\t4.无正当理由大量反复申请",
    "\t\t5.要求行政机关确认或重新出具已获取信息",
]
LABELS_2021 = LABELS_COMMON + [
    "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "\t\t3.其他",
    "\t（七）总计\t",
    "四、结转下年度继续办理\t\t",
]
LABELS_2019 = LABELS_COMMON + [
    "\t（六）其他处理\t",
    "\t（七）总计\t",
    "四、结转下年度继续办理\t\t",
]
T4_HEAD = [
    "行政复议\t\t\t\t\t行政诉讼",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
    "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
]


def table3(raw):
    runs = [r.strip() for r in raw.split("|")]
    labels = {25: LABELS_2021, 23: LABELS_2019}.get(len(runs))
    if labels is None:
        sys.exit(f"table 三 needs 25 or 23 runs, got {len(runs)}")
    lines = list(HEAD)
    for label, run in zip(labels, runs):
        if run.startswith("="):
            # Seven digits for seven cells: each digit is a cell, whether or not they add up
            # (the report's own 总计 may be wrong; the html cells were checked where marked).
            digits = run[1:]
            if len(digits) != 7 or not digits.isdigit():
                sys.exit(f"run {run!r}: '=' takes exactly seven digits")
            lines.append(label + "\t" + "\t".join(digits))
            continue
        found = splits(run)
        if len(found) != 1:
            sys.exit(f"run {run!r} ({label.strip()}): {len(found)} cuts {found}")
        lines.append(label + "\t" + "\t".join(map(str, found[0])))
    return "\n".join(lines)


def table4(raw):
    nums = raw.split()
    if len(nums) != 15:
        sys.exit(f"table 四 needs 15 numbers, got {nums}")
    return "\n".join(T4_HEAD + ["\t".join(nums)])


def main(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"\{T3 ([^}]*)\}", lambda m: table3(m.group(1)), text)
    text = re.sub(r"\{T4 ([^}]*)\}", lambda m: table4(m.group(1)), text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv[1])
