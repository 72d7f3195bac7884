#!/usr/bin/env python3
"""How the table rows of the rebuilt 平潭 text files were split.

The archive's page.txt runs a row's cells together ("一、本年新收政府信息公开申请数量713000074").
A row of table 三 has seven numbers: six applicant columns and their 总计. This lists every way
to cut the digits into seven numbers (no leading zeros, a space in the source is always a cut)
such that the six add up to the seventh. A row is rebuilt only when exactly one cut exists;
otherwise the row is read from the page's html cells, or the report is left out.

Usage: python3 split_cells.py 713000074 "20 0 00 0 121" ...
"""
import sys


def splits(s, n=7):
    """All cuts of `s` into n non-negative integers whose first n-1 add up to the last."""
    groups = s.split()
    out = []

    def rec(gi, pos, acc):
        if len(acc) > n:
            return
        if gi == len(groups):
            if len(acc) == n and sum(acc[:-1]) == acc[-1]:
                out.append(list(acc))
            return
        g = groups[gi]
        if pos == len(g):
            rec(gi + 1, 0, acc)
            return
        for end in range(pos + 1, len(g) + 1):
            tok = g[pos:end]
            if len(tok) > 1 and tok[0] == "0":
                break
            rec(gi, end, acc + [int(tok)])

    rec(0, 0, [])
    return out


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        found = splits(arg)
        mark = "ok " if len(found) == 1 else "AMBIGUOUS" if found else "NONE"
        print(f"{mark} {arg!r}: {found}")
