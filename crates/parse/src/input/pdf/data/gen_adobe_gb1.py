#!/usr/bin/env python3
"""Writes adobe_gb1.txt: for each CID of the Adobe-GB1 character collection,
its Unicode character (NUL when none), from Adobe's UniGB-UTF16-H CMap
(BSD-3-Clause; Debian: poppler-data, /usr/share/poppler/cMap/Adobe-GB1/).

    python3 gen_adobe_gb1.py /usr/share/poppler/cMap/Adobe-GB1/UniGB-UTF16-H > adobe_gb1.txt

The CMap maps Unicode to CIDs; inverted, a CID reached from several code
points keeps a unified ideograph over a compatibility ideograph or radical,
then the lowest code point."""
import re
import sys


def decode(hexs):
    b = bytes.fromhex(hexs)
    return b.decode("utf-16-be")


def odd(c):
    u = ord(c)
    return 0x2E80 <= u <= 0x2FDF or 0xF900 <= u <= 0xFAFF or 0x2F800 <= u <= 0x2FA1F


def main(path):
    text = open(path, encoding="latin-1").read()
    best = {}

    def put(cid, ch):
        if len(ch) != 1:
            return
        key = (odd(ch), ord(ch))
        if cid not in best or key < best[cid][0]:
            best[cid] = (key, ch)

    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)", block):
            a, b = decode(lo), decode(hi)
            if len(a) != 1 or len(b) != 1:
                continue
            for k in range(ord(b) - ord(a) + 1):
                put(int(cid) + k, chr(ord(a) + k))
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for src, cid in re.findall(r"<([0-9a-fA-F]+)>\s*(\d+)", block):
            put(int(cid), decode(src))
    n = max(best) + 1
    out = "".join(best[c][1] if c in best else "\0" for c in range(n))
    sys.stdout.write(out)


if __name__ == "__main__":
    main(sys.argv[1])
