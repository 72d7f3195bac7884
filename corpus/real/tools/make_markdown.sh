#!/bin/sh
# Markdown as Word→Markdown converters make it, from whole real reports (run
# from corpus/real): the report laid out as Word with heading styles
# (text_to_docx.py --headings), converted by pandoc. GitHub-flavoured
# Markdown gives pipe tables; CommonMark has no tables, so pandoc writes
# them (merged cells and all) as HTML <table>s inside the Markdown.
set -e
work=$(mktemp -d)
shared=${NBLINT_CORPUS:-../../../shared/corpus}
python3 tools/text_to_docx.py "$shared/real/pingtan-szf-2019.txt" "$work/2019.docx" --headings
pandoc -f docx -t gfm "$work/2019.docx" -o pingtan-szf-2019-markdown.md
python3 tools/text_to_docx.py "$shared/real/pingtan-szf-2021.txt" "$work/2021.docx" --headings
pandoc -f docx -t commonmark "$work/2021.docx" -o pingtan-szf-2021-markdown-html.md
rm -r "$work"
