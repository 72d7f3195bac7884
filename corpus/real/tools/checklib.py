"""Helpers for the corpus/real/tools/check_*.py scripts.

A Report holds the hand-typed numbers of one report and prints one line per
recomputed identity or claim: `OK`, `DIFF` (a defect), or `open` (a smaller sum
of an open list, which is not a defect). `on`/`table*` verify that every typed
number stands on the line it was typed from, so a slip in transcription fails
loudly instead of producing a false finding.
"""
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.dirname(HERE)
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def pct(part, base):
    return 100.0 * part / base


def _decimals(value):
    text = repr(float(value))
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def percent_holds(part, base, stated):
    """The stated share holds when rounding or truncating part/base to the stated
    precision gives it (the spec allows either)."""
    exact = pct(part, base)
    places = _decimals(stated)
    scale = 10 ** places
    rounded = math.floor(exact * scale + 0.5) / scale
    truncated = math.floor(exact * scale) / scale
    return abs(rounded - stated) < 1e-9 or abs(truncated - stated) < 1e-9, exact


class Report:
    failures = 0

    def __init__(self, name, path=None):
        self.name = name
        with open(path or os.path.join(REAL, name), encoding="utf-8") as f:
            self.lines = f.read().split("\n")
        print(f"== {name}")

    # ------------------------------------------------------------ transcription
    def _numbers(self, line):
        return NUMBER.findall(self.lines[line - 1].replace(",", ""))

    def on(self, line, *numbers):
        found = self._numbers(line)
        for n in numbers:
            if _fmt(n) not in found:
                self._slip(f"line {line}: {n} is not on this line")

    def _row(self, line, values):
        found = [float(x) for x in self._numbers(line)[-len(values):]]
        if found != [float(v) for v in values]:
            self._slip(f"line {line}: typed {values}, the line ends in {found}")

    def cells(self, line, label, year, total, sep=""):
        """A pre-2019 统计表 row as the page stores it: `<label>条<本年度><历年累计>`
        with the cells joined (sep="") or spaced (sep=" ": `<label> 条 <本年> <累计>`).
        Returns (本年度, 历年累计) after checking the row stands on the line."""
        text = self.lines[line - 1]
        unit_cell = [u for u in ("条", "件", "元") if f"{label}{sep}{u}{sep}{year}{sep}{total}" in text]
        if not unit_cell:
            self._slip(f"line {line}: row {label} {year} {total} is not on this line")
        return (year, total)

    def _slip(self, message):
        Report.failures += 1
        print(f"  TRANSCRIPTION {message}")

    # ------------------------------------------------------------ checks
    def _say(self, status, desc, line, detail):
        print(f"  {status:<4} line {line}: {desc}: {detail}")

    def sum(self, desc, total, parts, line, open_list=False):
        got = sum(parts)
        if got == total:
            status = "OK"
        elif open_list and got < total:
            status = "open"
        else:
            status = "DIFF"
        self._say(status, desc, line, f"{'+'.join(map(str, parts))} = {got}, stated {total}")

    def pct(self, desc, part, base, stated, line, expect_fail=False):
        holds, exact = percent_holds(part, base, stated)
        status = "OK" if holds else ("no" if expect_fail else "DIFF")
        self._say(status, desc, line, f"{part}/{base} = {exact:.3f} %, stated {stated} %")

    def same(self, desc, stated, table, line):
        self._say("OK" if stated == table else "DIFF", desc, line,
                  f"stated {stated}, table {table}")

    def plaus(self, desc, small, large, line):
        self._say("OK" if small <= large else "DIFF", desc, line, f"{small} ≤ {large}")

    def table(self, rows):
        """Pre-2019 统计表: {line: (本年度, 历年累计)}."""
        for line, values in rows.items():
            self._row(line, list(values))

    def cumulative(self, rows):
        for line, (year, total) in sorted(rows.items()):
            if total < year:
                self._say("DIFF", "历年累计 < 本年度", line, f"{total} < {year}")
        print(f"  OK   历年累计 ≥ 本年度 checked on {len(rows)} rows")

    def table3(self, rows, results, new, carried, total, carry_out):
        """2019/2021 table 三: {line: [自然人, 商业企业, 科研, 公益, 法律服务, 其他, 总计]}."""
        for line, values in rows.items():
            self._row(line, values)
        for line, v in sorted(rows.items()):
            if sum(v[:6]) != v[6]:
                self._say("DIFF", "row-total", line, f"{'+'.join(map(str, v[:6]))} ≠ {v[6]}")
        for col in range(7):
            parts = [rows[ln][col] for ln in results if ln in rows]
            if sum(parts) != rows[total][col]:
                self._say("DIFF", f"result-total column {col + 1}", total,
                          f"Σ = {sum(parts)}, 总计 {rows[total][col]}")
            left = rows[new][col] + rows[carried][col]
            right = rows[total][col] + rows[carry_out][col]
            if left != right:
                self._say("DIFF", f"balance column {col + 1}", total, f"{left} ≠ {right}")
        print(f"  OK   table 三 row-total, result-total, balance checked on {len(rows)} rows")

    def table4(self, values, line):
        self._row(line, values)
        for g in range(3):
            grp = values[5 * g:5 * g + 5]
            if sum(grp[:4]) != grp[4]:
                self._say("DIFF", f"review-total group {g + 1}", line, f"{grp}")
        print(f"  OK   table 四 review-total checked, line {line}")

    def done(self):
        pass

    @staticmethod
    def exit_status():
        return 1 if Report.failures else 0


def _fmt(n):
    if isinstance(n, float):
        return repr(n)
    return str(n)
