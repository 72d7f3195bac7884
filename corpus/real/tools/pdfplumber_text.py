#!/usr/bin/env python3
"""pdfplumber's text of a PDF, page after page (as a reader's script gets
it: `page.extract_text()` of every page joined by a line break).

    python3 pdfplumber_text.py REPORT.pdf > REPORT-pdfplumber.txt"""
import sys

import pdfplumber

with pdfplumber.open(sys.argv[1]) as pdf:
    print("\n".join(page.extract_text() for page in pdf.pages))
