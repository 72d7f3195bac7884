#!/bin/sh
# Makes the PDF-extracted corpus files from whole real reports (run from
# corpus/real): the report's text laid out as Word (text_to_docx.py), printed
# to PDF by LibreOffice, and the PDF's text as pdftotext and pdfplumber give it.
set -e
work=$(mktemp -d)
shared=${NBLINT_CORPUS:-../../../shared/corpus}
pdf() { # slug footer header
    python3 tools/text_to_docx.py "$shared/real/$1.txt" "$work/$1.docx" --footer "$2" ${3:+--header "$3"}
    soffice --headless --convert-to pdf --outdir "$work" "$work/$1.docx" >/dev/null
}
pdf pingtan-szf-2021 dash "平潭综合实验区2021年政府信息公开工作年度报告"
pdftotext -layout "$work/pingtan-szf-2021.pdf" pingtan-szf-2021-pdftotext-layout.txt
pdftotext -raw "$work/pingtan-szf-2021.pdf" pingtan-szf-2021-pdftotext-raw.txt
python3 tools/pdfplumber_text.py "$work/pingtan-szf-2021.pdf" > pingtan-szf-2021-pdfplumber.txt
pdf pingtan-szf-2023 page-of ""
pdftotext -layout "$work/pingtan-szf-2023.pdf" pingtan-szf-2023-pdftotext-layout.txt
python3 tools/pdfplumber_text.py "$work/pingtan-szf-2023.pdf" > pingtan-szf-2023-pdfplumber.txt
pdf pingtan-szf-2019 dash ""
pdftotext -layout "$work/pingtan-szf-2019.pdf" pingtan-szf-2019-pdftotext-layout.txt
rm -r "$work"
