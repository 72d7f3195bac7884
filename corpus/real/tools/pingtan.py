#!/usr/bin/env python3
"""Hand-transcribed cells of the 平潭 reports of 2019 and later, and the checks run on them.

The numbers below were typed by hand from each report as stored (the archive's page.txt,
where table cells are run together, read against the row totals; for the html page, the
<td> cells). They are NOT read from the corpus files: `verify_file` re-reads each corpus
file's table lines and compares them with this transcription, so a slip in either shows.

Run: python3 corpus/real/tools/pingtan.py            (all reports)
     python3 corpus/real/tools/pingtan.py SLUG ...   (some)

What is checked (shared/spec/report-format.md, "Identities"):
  三  per column: 一 + 二 = （七）总计 + 四;  （七）总计 = sum of the result rows;
      per row: 总计 = sum of the six applicant columns;
  四  per group: 总计 = 维持 + 纠正 + 其他 + 尚未审结;
  cross-year: 二、上年结转 (t) = 四、结转下年度 (t-1), per column;
              现行有效 (t) = 现行有效 (t-1) + 制发 - 废止 (2021 format);
  prose claims listed per report (sums, shares, restated cells), each with the author's base;
  reuse of last year's prose: share of this year's sentences that are >= 90 % similar
  (difflib ratio) to a sentence of last year's report.
"""
import difflib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.dirname(HERE)

# Result rows of table 三 in order (2021 format). 2019 format has one r6 row ("r6").
ROWS_2021 = (
    ["r1", "r2"]
    + [f"r3_{i}" for i in range(1, 9)]
    + [f"r4_{i}" for i in range(1, 4)]
    + [f"r5_{i}" for i in range(1, 6)]
    + [f"r6_{i}" for i in range(1, 4)]
)
ROWS_2019 = ROWS_2021[:-3] + ["r6"]
COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
Z = [0] * 7

# ---------------------------------------------------------------------------------------
# Per-report transcription. t3: rows of table 三 that are not all zero, 7 numbers each
# (six applicant columns, then 总计). t4: the 15 numbers of table 四. t2: table 二.
# claims: (description, stated, recomputed-from-cells, base note) for prose figures.
# ---------------------------------------------------------------------------------------
DATA = {}

DATA["pingtan-szf-2022"] = dict(
    agency="平潭综合实验区",
    year=2022,
    format="2021",
    prev="pingtan-szf-2021",
    t2={"规章": [0, 0, 0], "行政规范性文件": [88, 55, 698], "行政许可": [10690],
        "行政处罚": [2113], "行政强制": [0], "行政事业性收费": ["9116.36"]},
    t3={
        "new": [71, 3, 0, 0, 0, 0, 74],
        "carried": [1, 0, 0, 0, 0, 0, 1],
        "r1": [21, 0, 0, 0, 0, 0, 21],
        "r2": [8, 1, 0, 0, 0, 0, 9],
        "r3_5": [1, 0, 0, 0, 0, 0, 1],
        "r3_6": [2, 0, 0, 0, 0, 0, 2],
        "r3_7": [1, 0, 0, 0, 0, 0, 1],
        "r4_1": [37, 0, 0, 0, 0, 0, 37],
        "r6_1": [2, 0, 0, 0, 0, 0, 2],
        "r6_3": [0, 2, 0, 0, 0, 0, 2],
        "total": [72, 3, 0, 0, 0, 0, 75],
        "next": Z,
    },
    t4=[0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    prev_t3_next=[1, 0, 0, 0, 0, 0, 1],  # pingtan-szf-2021.txt line 53
    prev_valid=665,  # pingtan-szf-2021.txt line 14
    claims=[
        ("现行有效行政规范性文件698件", 698, lambda d: d["t2"]["行政规范性文件"][2], "table 二 (一)"),
        ("本年度制发的规范性文件88件", 88, lambda d: d["t2"]["行政规范性文件"][0], "table 二 (一)"),
        ("收到政府信息公开申请75件", 75, lambda d: d["t3"]["new"][6] + d["t3"]["carried"][6],
         "一 74 + 二 1 = （七）总计 75: the applications handled, not the 74 new ones"),
        ("涉及自然人72件、商业企业3件 (sum)", 75, lambda d: 72 + 3, "the 75 before"),
        ("自然人72件", 72, lambda d: d["t3"]["total"][0], "（七）总计·自然人 (一 71 + 二 1)"),
        ("行政诉讼案件1件", 1, lambda d: d["t4"][9] + d["t4"][14], "四 诉讼 总计"),
        ("行政复议案件2件", 2, lambda d: d["t4"][4], "四 复议 总计"),
    ],
)


DATA["pingtan-szf-2024-html"] = dict(
    agency="平潭综合实验区",
    year=2024,
    format="2021",
    ext="html",
    prev="pingtan-szf-2023",
    t2={"规章": [0, 0, 0], "行政规范性文件": [62, 33, 440], "行政许可": [4529],
        "行政处罚": [1100], "行政强制": [65], "行政事业性收费": ["18651.06"]},
    t3={
        "new": [217, 1, 0, 0, 0, 0, 218],
        "r1": [71, 0, 0, 0, 0, 0, 71],
        "r2": [29, 0, 0, 0, 0, 0, 29],
        "r3_1": [4, 0, 0, 0, 0, 0, 4],
        "r3_4": [3, 0, 0, 0, 0, 0, 3],
        "r3_5": [32, 0, 0, 0, 0, 0, 32],
        "r4_1": [75, 0, 0, 0, 0, 0, 75],
        "r5_2": [1, 0, 0, 0, 0, 0, 1],
        "r6_1": [1, 0, 0, 0, 0, 0, 1],
        "r6_3": [1, 1, 0, 0, 0, 0, 2],
        "total": [217, 1, 0, 0, 0, 0, 218],
    },
    t4=[2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19],
    prev_t3_next=Z,  # pingtan-szf-2023.txt line 53
    prev_valid=470,  # pingtan-szf-2023.txt line 14
    claims=[
        ("全年办理政府信息公开申请218件", 218, lambda d: d["t3"]["total"][6], "（七）总计"),
        ("本年度制发行政规范性文件62件", 62, lambda d: d["t2"]["行政规范性文件"][0], "table 二 (一)"),
    ],
)

# 平潭综合实验区财政金融局 (department), 2023-2025. One new application in each of 2024, 2025.
_CZJ_T3_2 = {
    "new": [2, 0, 0, 0, 0, 0, 2],
    "r1": [1, 0, 0, 0, 0, 0, 1],
    "r4_1": [1, 0, 0, 0, 0, 0, 1],
    "total": [2, 0, 0, 0, 0, 0, 2],
}
DATA["pingtan-czj-2023"] = dict(
    agency="平潭综合实验区财政金融局",
    year=2023,
    format="2021",
    t2={"规章": [0, 0, 0], "行政规范性文件": [0, 0, 8], "行政许可": [1],
        "行政处罚": [0], "行政强制": [0], "行政事业性收费": ["5949.09"]},
    t3={},
    t4=[0] * 15,
    claims=[
        ("总数509条 = 主动107 + 依申请354 + 不予48", 509, lambda d: 107 + 354 + 48, "a partition of the 总数"),
        ("主动公开的政府信息占21.02%", 21.02, lambda d: round(107 / 509 * 100, 2), "107 / 509"),
        ("全文电子化…共107条，其中 22、2、7、9、其他54 (sum)", 107, lambda d: 22 + 2 + 7 + 9 + 54,
         "closed list: ends in 其他文件"),
        ("未收到政府信息公开申请", 0, lambda d: d["t3"].get("new", Z)[6], "table 三 一"),
    ],
)
DATA["pingtan-czj-2024"] = dict(
    agency="平潭综合实验区财政金融局",
    year=2024,
    format="2021",
    prev="pingtan-czj-2023",
    t2={"规章": [0, 0, 0], "行政规范性文件": [0, 2, 1], "行政许可": [0],
        "行政处罚": [1], "行政强制": [0], "行政事业性收费": ["18651.064104"]},
    t3=dict(_CZJ_T3_2),
    t4=[0] * 15,
    prev_t3_next=Z,
    prev_valid=8,
    claims=[
        ("总数397条 = 主动61 + 依申请255 + 不予81", 397, lambda d: 61 + 255 + 81, "a partition of the 总数"),
        ("主动公开的政府信息占15.4%", 15.4, lambda d: round(61 / 397 * 100, 1), "61 / 397"),
        ("全文电子化…共61条，其中 5、1、7、12、其他51 (sum)", 61, lambda d: 5 + 1 + 7 + 12 + 51,
         "closed list: ends in 其他文件"),
        ("收到…申请件2件", 2, lambda d: d["t3"]["new"][6], "table 三 一"),
        ("公开答复1件", 1, lambda d: d["t3"]["r1"][6], "（一）予以公开"),
        ("无法提供1件", 1, lambda d: d["t3"]["r4_1"][6], "（四）无法提供"),
    ],
)
DATA["pingtan-czj-2025"] = dict(
    agency="平潭综合实验区财政金融局",
    year=2025,
    format="2021",
    prev="pingtan-czj-2024",
    t2={"规章": [0, 0, 0], "行政规范性文件": [0, 1, 0], "行政许可": [0],
        "行政处罚": [1], "行政强制": [0], "行政事业性收费": ["4166.214619"]},
    t3=dict(_CZJ_T3_2),
    t4=[0] * 15,
    prev_t3_next=Z,
    prev_valid=1,
    claims=[
        ("总数467条 = 主动53 + 依申请246 + 不予168", 467, lambda d: 53 + 246 + 168, "a partition of the 总数"),
        ("主动公开的政府信息占11.3%", 11.3, lambda d: round(53 / 467 * 100, 1), "53 / 467"),
        ("全文电子化…共53条，其中 1、1、5、7、其他39 (sum)", 53, lambda d: 1 + 1 + 5 + 7 + 39,
         "closed list: ends in 其他文件"),
        ("收到…申请件2件", 2, lambda d: d["t3"]["new"][6], "table 三 一"),
    ],
)


# 平潭综合实验区海坛片区管理局 (片区: the township-level office over 潭城镇 and its neighbours).
DATA["pingtan-htp-2023"] = dict(
    agency="平潭综合实验区海坛片区管理局",
    year=2023,
    format="2019",  # table 三 as published: a single （六）其他处理 row (the 2019 layout)
    t2={"规范性文件": [0, 0, 0], "行政许可": [0], "行政处罚": [0], "行政强制": [0],
        "行政事业性收费": [0]},
    t3={},
    t4=[0] * 15,
    claims=[
        ("公开政府信息159条，其中 2、2、2、2、其他7；专栏144 (sum)", 159,
         lambda d: 2 + 2 + 2 + 2 + 7 + 144, "the list ends with the 专栏 total"),
        ("未收到依申请公开事宜", 0, lambda d: cell(d, "new")[6], "table 三 一"),
    ],
)
DATA["pingtan-htp-2024"] = dict(
    agency="平潭综合实验区海坛片区管理局",
    year=2024,
    format="2021",
    prev="pingtan-htp-2023",
    t2={"规范性文件": [0, 0, 0], "行政许可": [0], "行政处罚": [0], "行政强制": [0],
        "行政事业性收费": [0]},
    t3={  # every 总计 cell is 0 as published
        "new": [5, 1, 0, 0, 0, 0, 0],
        "r4_1": [4, 0, 0, 0, 0, 0, 0],
        "r4_3": [1, 0, 0, 0, 0, 0, 0],
        "r6_1": [1, 0, 0, 0, 0, 0, 0],
        "r6_3": [0, 1, 0, 0, 0, 0, 0],
        "total": [5, 1, 0, 0, 0, 0, 0],
    },
    t4=[0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    prev_t3_next=Z,
    claims=[
        ("公开政府信息共计128条，1、5、2、其他7；专栏113 (sum)", 128, lambda d: 1 + 5 + 2 + 7 + 113,
         "the list that follows 共计"),
        ("共受理政府信息公开申请6件", 6, lambda d: sum(d["t3"]["new"][:6]),
         "自然人 5 + 商业企业 1 (the row's 总计 cell says 0)"),
        ("行政复议1件", 1, lambda d: d["t4"][4], "四 复议 总计"),
        ("行政诉讼0件", 0, lambda d: d["t4"][9] + d["t4"][14], "四 诉讼 总计"),
    ],
)

DATA["pingtan-htp-2025-html"] = dict(
    agency="平潭综合实验区海坛片区管理局",
    year=2025,
    format="2021",
    ext="html",
    prev="pingtan-htp-2024",
    t2={"规范性文件": [0, 0, 0], "行政许可": [0], "行政处罚": [0], "行政强制": [0],
        "行政事业性收费": [0]},
    t3={  # read from the <td> cells: every 总计 cell (width 46) is 0
        "new": [2, 0, 0, 0, 0, 0, 0],
        "r2": [1, 0, 0, 0, 0, 0, 0],
        "r4_1": [1, 0, 0, 0, 0, 0, 0],
        "total": [2, 0, 0, 0, 0, 0, 0],
    },
    t4=[0] * 15,
    prev_t3_next=Z,
    claims=[
        ("公开政府信息共129条，其中108、2、2、其他17 (sum)", 129, lambda d: 108 + 2 + 2 + 17, "closed: ends in 其他"),
        ("共受理政府信息公开申请2件", 2, lambda d: sum(d["t3"]["new"][:6]), "自然人 2 (the row's 总计 cell says 0)"),
    ],
)

# ---------------------------------------------------------------------------------------
def rows_of(d):
    return ROWS_2021 if d["format"] == "2021" else ROWS_2019


def cell(d, key):
    return d["t3"].get(key, Z)


def check_t3(d):
    out = []
    for key in ["new", "carried", "total", "next"] + rows_of(d):
        v = cell(d, key)
        assert len(v) == 7, (key, v)
        if sum(v[:6]) != v[6]:
            out.append(f"row-total: {key} 总计 {v[6]} != {'+'.join(map(str, v[:6]))} = {sum(v[:6])}")
    for c in range(7):
        s = sum(cell(d, k)[c] for k in rows_of(d))
        if s != cell(d, "total")[c]:
            out.append(f"result-total: （七）总计·{COLS[c]} {cell(d, 'total')[c]} != sum of results {s}")
        lhs = cell(d, "new")[c] + cell(d, "carried")[c]
        rhs = cell(d, "total")[c] + cell(d, "next")[c]
        if lhs != rhs:
            out.append(f"balance: {COLS[c]} 一+二 = {lhs} != （七）+四 = {rhs}")
    return out


def check_t4(d):
    out = []
    t = d["t4"]
    for g, name in enumerate(["行政复议", "未经复议直接起诉", "复议后起诉"]):
        part = t[5 * g: 5 * g + 5]
        if sum(part[:4]) != part[4]:
            out.append(f"review-total: {name} 总计 {part[4]} != {sum(part[:4])}")
    return out


def check_cross_year(d):
    out = []
    if "prev_t3_next" in d and d["prev_t3_next"] != cell(d, "carried"):
        out.append(f"carry-over: 上年结转 {cell(d, 'carried')} != last year's 结转 {d['prev_t3_next']}")
    if "prev_valid" in d and d["format"] == "2021":
        made, repealed, valid = d["t2"]["行政规范性文件"]
        expect = d["prev_valid"] + made - repealed
        if expect != valid:
            out.append(f"现行有效 {valid} != {d['prev_valid']} + {made} - {repealed} = {expect} (warning-level)")
    return out


def check_claims(d):
    out = []
    for text, stated, f, base in d.get("claims", []):
        got = f(d)
        if isinstance(stated, float) or isinstance(got, float):
            ok = abs(float(stated) - float(got)) < 0.0051
        else:
            ok = stated == got
        out.append(f"{'ok ' if ok else 'BAD'} {text}: stated {stated}, cells {got}  [{base}]")
    return out


SENT = re.compile(r"[^。；！？\n]+[。；！？]?")


def prose_sentences(path):
    """Sentences of the prose (table lines, headings and short lines left out)."""
    sents = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if "\t" in line or len(line) < 20:
                continue
            for s in SENT.findall(line):
                s = s.strip()
                if len(s) >= 15:
                    sents.append(s)
    return sents


def reuse_share(path, prev_path):
    """Share (by characters) of this report's prose sentences >= 90 % similar to one of last year's."""
    cur, prev = prose_sentences(path), prose_sentences(prev_path)
    total = sum(len(s) for s in cur)
    reused = 0
    for s in cur:
        best = max((difflib.SequenceMatcher(None, s, p).ratio() for p in prev), default=0)
        if best >= 0.9:
            reused += len(s)
    return reused / total if total else 0.0


def table_numbers(path):
    """Numbers on the tab-separated table lines of a rebuilt text file, in order."""
    nums = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "\t" not in line:
                continue
            for tok in line.rstrip("\n").split("\t"):
                if re.fullmatch(r"-?\d+(\.\d+)?(元|万元)?", tok.strip()):
                    nums.append(tok.strip())
    return nums


def verify_file(slug, d):
    """The corpus file's table cells equal this transcription (text layouts only)."""
    path = os.path.join(REAL, slug + ".txt")
    if not os.path.exists(path):
        return []
    want = []
    for row in d["t2"].values():
        want += [str(x) for x in row]
    for key in ["new", "carried"] + rows_of(d) + ["total", "next"]:
        want += [str(x) for x in cell(d, key)]
    want += [str(x) for x in d["t4"]]
    got = [re.sub(r"(元|万元)$", "", x) for x in table_numbers(path)]
    want = [re.sub(r"(元|万元)$", "", x) for x in want]
    return [] if got == want else [f"FILE MISMATCH: file cells {got} != transcription {want}"]


def main(slugs):
    for slug in slugs:
        d = DATA[slug]
        print(f"== {slug}")
        problems = check_t3(d) + check_t4(d) + check_cross_year(d) + verify_file(slug, d)
        for p in problems:
            print("  ", p)
        if not problems:
            print("   tables: all identities hold; file cells = transcription")
        for c in check_claims(d):
            print("  ", c)
        prev = d.get("prev")
        path = os.path.join(REAL, slug + "." + d.get("ext", "txt"))
        if prev and d.get("ext", "txt") == "txt":
            prev_path = os.path.join(REAL, prev + ".txt")
            if os.path.exists(prev_path) and os.path.exists(path):
                print(f"   prose reused from {prev}: {reuse_share(path, prev_path):.0%}")


if __name__ == "__main__":
    main(sys.argv[1:] or list(DATA))
