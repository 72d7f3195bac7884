#!/usr/bin/env python3
"""Lays a report's text out as a Word document the way agencies publish it,
so that a real converter (LibreOffice → PDF, then pdftotext / pdfplumber)
can make the text a reader of the PDF gets.

    python3 text_to_docx.py REPORT.txt OUT.docx [--footer dash|page-of] [--header TEXT] [--headings]

Only the layout is made here, never the words or numbers: every non-empty
line of REPORT.txt is one paragraph, and every run of tab-separated lines is
one Word table (one row per line, one cell per tab-separated cell). In the
label columns of a table (before the first number) an empty cell is merged
with the cell above it, as in the official template (三、本年度办理结果 spans
the 办理结果 rows), and merged labels are vertically centred. Pages get a
footer page number ("- 3 -", or "第 3 页 共 8 页") and, with --header, a
running header: the page furniture PDF text carries. With --headings, the
section headings (一、…) get Word's Heading 2 style and short subheadings
(（一）…) are bold, as in a report drafted with styles: what Word→Markdown
converters turn into `## 一、…` and `**（一）…**`."""
import re
import sys

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


def field(run, code):
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def footer(section, style):
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if style == "page-of":
        p.add_run("第 ")
        field(p.add_run(), "PAGE")
        p.add_run(" 页 共 ")
        field(p.add_run(), "NUMPAGES")
        p.add_run(" 页")
    else:
        p.add_run("- ")
        field(p.add_run(), "PAGE")
        p.add_run(" -")


def is_number(s):
    return re.fullmatch(r"[0-9][0-9.,]*", s.strip()) is not None


def add_table(doc, rows):
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    first_num = [next((k for k, c in enumerate(r) if is_number(c)), ncols) for r in rows]
    # Label columns are wide, number columns narrow, as in the template.
    labels = min(first_num)
    table.autofit = False
    total = Cm(16)
    for k in range(ncols):
        if labels and k < labels:
            width = int(total * 0.42 / labels)
        else:
            width = int(total * (0.58 if labels else 1.0) / (ncols - labels))
        table.columns[k].width = width
        for i in range(len(rows)):
            table.cell(i, k).width = width
    for i, r in enumerate(rows):
        for k, text in enumerate(r):
            cell = table.cell(i, k)
            cell.text = text.strip()
            for par in cell.paragraphs:
                for run in par.runs:
                    run.font.size = Pt(9)
    # Merge empty label cells into the label above them.
    for k in range(ncols):
        i = 0
        while i < len(rows):
            j = i + 1
            while (j < len(rows) and k < first_num[j] and k < first_num[i]
                   and not rows[j][k].strip() and rows[i][k].strip()
                   and any(rows[j][m].strip() for m in range(k + 1, ncols))):
                j += 1
            if j - i > 1:
                merged = table.cell(i, k).merge(table.cell(j - 1, k))
                merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                # merge() concatenates paragraphs: keep the label only.
                for par in merged.paragraphs[1:]:
                    par._p.getparent().remove(par._p)
            i = j


def main():
    src, out = sys.argv[1], sys.argv[2]
    style = "dash"
    header = None
    headings = False
    args = sys.argv[3:]
    while args:
        opt = args.pop(0)
        if opt == "--footer":
            style = args.pop(0)
        elif opt == "--header":
            header = args.pop(0)
        elif opt == "--headings":
            headings = True
    doc = Document()
    sec = doc.sections[0]
    footer(sec, style)
    if header:
        hp = sec.header.paragraphs[0]
        hp.text = header
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    normal = doc.styles["Normal"]
    normal.font.name = "Noto Serif CJK SC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    normal.font.size = Pt(12)
    lines = open(src, encoding="utf-8").read().split("\n")
    table = []
    for line in lines + [""]:
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        if table:
            add_table(doc, table)
            table = []
        text = line.strip()
        if headings and re.match(r"^[一二三四五六七八九十]+、", text) and len(text) <= 40:
            doc.add_heading(text, level=2)
        elif headings and re.match(r"^（[一二三四五六七八九十]+）", text) and len(text) <= 20:
            doc.add_paragraph().add_run(text).bold = True
        elif text:
            doc.add_paragraph(text)
    doc.save(out)


main()
