//! Text extracted from PDFs (`pdftotext -layout`, `pdftotext -raw`,
//! pdfplumber) of real reports: page furniture, tables cut by page breaks,
//! wrapped and shifted row labels, table rows at the start of a line. The
//! inputs are corpus/real/*-pdf*.txt, made from whole real reports by
//! corpus/real/tools/make_pdf_texts.sh; the expected cells are those of
//! the reports' own tables (corpus/real/pingtan-szf-2021.txt lines 29-58,
//! pingtan-szf-2023.txt lines 29-58).

use nblint_model::schema::{applications as app, art20, review};
use nblint_model::{Confidence, Document, FormatVersion, ParagraphKind, TableKind};
use nblint_test_support::{parse_file, Lines};
use std::path::PathBuf;

fn real(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    parse_file(&path)
}

/// A row of a table of the first report: its 1-based line and its cells.
fn row(doc: &Document, kind: TableKind, key: u16) -> (u32, Vec<f64>) {
    let v = doc.view();
    let t = v.find_table(&doc.reports[0], kind).expect("table");
    let r = v
        .table_rows(t)
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("row {key} of {}", kind.name()));
    let cells = v
        .row_cells(r)
        .iter()
        .map(|c| c.number().unwrap_or(f64::NAN))
        .collect();
    (Lines::new(&doc.text).of(r.span.start), cells)
}

struct Expected {
    file: &'static str,
    new_line: u32,
    total_line: u32,
    carry_line: u32,
    review_line: u32,
}

const NEW_2021: [f64; 7] = [64.0, 0.0, 0.0, 2.0, 0.0, 4.0, 70.0];
const TOTAL_2021: [f64; 7] = [63.0, 0.0, 0.0, 2.0, 0.0, 4.0, 69.0];
const CARRY_2021: [f64; 7] = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0];
const REVIEW_2021: [f64; 15] = [
    1.0, 0.0, 2.0, 0.0, 3.0, 12.0, 0.0, 0.0, 0.0, 12.0, 0.0, 0.0, 0.0, 0.0, 0.0,
];

const PDF_2021: [Expected; 3] = [
    Expected {
        file: "pingtan-szf-2021-pdftotext-layout.txt",
        new_line: 124,
        total_line: 211,
        carry_line: 212,
        review_line: 227,
    },
    Expected {
        file: "pingtan-szf-2021-pdftotext-raw.txt",
        new_line: 112,
        total_line: 215,
        carry_line: 219,
        review_line: 258,
    },
    Expected {
        file: "pingtan-szf-2021-pdfplumber.txt",
        new_line: 97,
        total_line: 176,
        carry_line: 177,
        review_line: 191,
    },
];

#[test]
fn table_three_is_read_whole_across_page_breaks_and_wrapped_labels() {
    for e in &PDF_2021 {
        let doc = real(e.file);
        let v = doc.view();
        let t = v
            .find_table(&doc.reports[0], TableKind::APPLICATIONS)
            .unwrap_or_else(|| panic!("{}: no table 三", e.file));
        assert_eq!(t.confidence, Confidence::FULL, "{}", e.file);
        assert_eq!(t.format, FormatVersion::V2021, "{}", e.file);
        assert_eq!(v.table_rows(t).len(), 25, "{}", e.file);
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_NEW),
            (e.new_line, NEW_2021.to_vec()),
            "{}",
            e.file
        );
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_TOTAL),
            (e.total_line, TOTAL_2021.to_vec()),
            "{}",
            e.file
        );
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_CARRY_FORWARD),
            (e.carry_line, CARRY_2021.to_vec()),
            "{}",
            e.file
        );
        // （四）无法提供 1.本机关不掌握相关政府信息: 22 自然人, 3 其他, 25.
        let unable = row(&doc, TableKind::APPLICATIONS, app::ROW_UNABLE_BASE + 1).1;
        assert_eq!(
            unable,
            vec![22.0, 0.0, 0.0, 0.0, 0.0, 3.0, 25.0],
            "{}",
            e.file
        );
        // （六）其他处理 3.其他 comes after a page break in every layout.
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_OTHER_BASE + 3).1,
            CARRY_2021.to_vec(),
            "{}",
            e.file
        );
        assert_eq!(
            row(&doc, TableKind::REVIEW, review::ROW_DATA),
            (e.review_line, REVIEW_2021.to_vec()),
            "{}",
            e.file
        );
        assert_eq!(
            row(&doc, TableKind::ART20_1, art20::ROW_NORMATIVE).1,
            vec![69.0, 3.0, 665.0],
            "{}",
            e.file
        );
        assert!(doc.issues.is_empty(), "{}: {:?}", e.file, doc.issues);
    }
}

#[test]
fn page_of_footers_and_a_table_cut_by_them() {
    for (file, new_line, total_line, review_line) in [
        ("pingtan-szf-2023-pdftotext-layout.txt", 109, 187, 206),
        ("pingtan-szf-2023-pdfplumber.txt", 89, 164, 179),
    ] {
        let doc = real(file);
        let v = doc.view();
        let t = v
            .find_table(&doc.reports[0], TableKind::APPLICATIONS)
            .expect("table 三");
        assert_eq!(
            (t.confidence, v.table_rows(t).len()),
            (Confidence::FULL, 25),
            "{file}"
        );
        let total = [80.0, 1.0, 0.0, 0.0, 0.0, 0.0, 81.0].to_vec();
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_NEW),
            (new_line, total.clone()),
            "{file}"
        );
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_TOTAL),
            (total_line, total),
            "{file}"
        );
        // 5.属于三类内部事务信息 0, 6.属于四类过程性信息 1: the first rows after "第3页共5页".
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_DENY_BASE + 6).1[6],
            1.0,
            "{file}"
        );
        assert_eq!(
            row(&doc, TableKind::APPLICATIONS, app::ROW_DENY_BASE + 8).1[6],
            2.0,
            "{file}"
        );
        assert_eq!(
            row(&doc, TableKind::REVIEW, review::ROW_DATA),
            (
                review_line,
                [1.0, 1.0, 0.0, 0.0, 2.0, 4.0, 0.0, 0.0, 1.0, 5.0, 1.0, 0.0, 1.0, 0.0, 2.0]
                    .to_vec()
            ),
            "{file}"
        );
    }
}

/// "四、结转下 0 0 0 0 0 0 0" and "三、本年度 （一）予以 27 0 …" stand at the
/// start of a line: rows of table 三, not headings. Every file has the six
/// sections once each, in order.
#[test]
fn a_table_row_is_never_a_heading() {
    let files = PDF_2021.iter().map(|e| e.file).chain([
        "pingtan-szf-2023-pdftotext-layout.txt",
        "pingtan-szf-2023-pdfplumber.txt",
    ]);
    for file in files {
        let doc = real(file);
        let v = doc.view();
        let numbers: Vec<u16> = v
            .report_sections(&doc.reports[0])
            .iter()
            .filter(|s| s.level == 1)
            .map(|s| s.number)
            .collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "{file}");
    }
}

/// Page numbers and running headers are page furniture: no prose, no
/// figure, and a sentence cut by a page break is one paragraph.
#[test]
fn page_furniture_is_left_out() {
    let doc = real("pingtan-szf-2021-pdfplumber.txt");
    let lines = Lines::new(&doc.text);
    let line_text = |n: u32| doc.text.lines().nth(n as usize - 1).unwrap_or("");
    // Line 114 "- 3 -" and 115 the running header, inside table 三.
    assert_eq!(line_text(114), "- 3 -");
    assert_eq!(
        line_text(115),
        "平潭综合实验区2021年政府信息公开工作年度报告"
    );
    for f in &doc.figures {
        let l = lines.of(f.span.start);
        assert!(
            ![32, 63, 114, 168, 204].contains(&l),
            "a figure on furniture line {l}"
        );
    }
    for p in &doc.paragraphs {
        let (a, b) = (lines.of(p.span.start), lines.of(p.span.end));
        if p.kind == ParagraphKind::PROSE {
            for furniture in [32, 63, 114, 168, 204] {
                if (a..=b).contains(&furniture) {
                    // Only a sentence cut by the page break may span it.
                    assert!(
                        a < furniture && furniture < b,
                        "prose paragraph at line {furniture}"
                    );
                }
            }
        }
    }
    // "…关于加强政府门户网站政" (line 31) runs on, past "- 1 -" and the
    // running header, into "策文件解读发布工作的通知》…" (line 34): one
    // paragraph, whose figures include the 29 (项) of line 36.
    let cut = doc
        .paragraphs
        .iter()
        .position(|p| {
            p.kind == ParagraphKind::PROSE
                && lines.of(p.span.start) <= 31
                && lines.of(p.span.end) >= 36
        })
        .expect("the paragraph cut by the page break is one");
    let f29 = doc.figures.iter().find(|f| f.value == 29.0).expect("29项");
    assert_eq!(
        (lines.of(f29.span.start), f29.paragraph as usize),
        (36, cut)
    );
    // The page-1 header is kept: it is the report's title.
    let r = &doc.reports[0];
    assert_eq!((r.year, doc.view().agency(r)), (2021, "平潭综合实验区"));
}

/// corpus/real/suibin-lianshengxiang-2024.txt (a stored web page's text,
/// one table cell per line ending in " |"): each row label stands on its
/// own line, its numbers on the lines after it (lines 20-27).
#[test]
fn a_row_label_on_one_line_and_its_numbers_on_the_next() {
    let doc = real("suibin-lianshengxiang-2024.txt");
    let v = doc.view();
    let t = v
        .find_table(&doc.reports[0], TableKind::ART20_1)
        .expect("第二十条第（一）项");
    assert_eq!(t.confidence, Confidence::FULL);
    assert_eq!(
        row(&doc, TableKind::ART20_1, art20::ROW_RULES),
        (20, vec![0.0, 0.0, 0.0])
    );
    assert_eq!(
        row(&doc, TableKind::ART20_1, art20::ROW_NORMATIVE),
        (24, vec![0.0, 0.0, 0.0])
    );
    let lines = Lines::new(&doc.text);
    let rules = v
        .table_rows(t)
        .iter()
        .find(|r| r.key == art20::ROW_RULES)
        .unwrap();
    let spans: Vec<u32> = v
        .row_cells(rules)
        .iter()
        .map(|c| lines.of(c.span.start))
        .collect();
    assert_eq!(spans, [21, 22, 23]);
}

/// The 2019 format through `pdftotext -layout` (pingtan-szf-2019.txt lines
/// 27-58): 23 rows of seven numbers, （六）其他处理 a single row; the
/// （七）总计 row's numbers (line 253) stand rows away from its label
/// (line 256), and 政府集中采购's amount has its unit set apart.
#[test]
fn the_2019_template_through_pdftotext_layout() {
    let doc = real("pingtan-szf-2019-pdftotext-layout.txt");
    let v = doc.view();
    let t = v
        .find_table(&doc.reports[0], TableKind::APPLICATIONS)
        .unwrap();
    assert_eq!(
        (t.confidence, t.format, v.table_rows(t).len()),
        (Confidence::FULL, FormatVersion::V2019, 23)
    );
    let all = vec![23.0, 0.0, 0.0, 0.0, 0.0, 0.0, 23.0];
    assert_eq!(
        row(&doc, TableKind::APPLICATIONS, app::ROW_NEW),
        (187, all.clone())
    );
    assert_eq!(
        row(&doc, TableKind::APPLICATIONS, app::ROW_OTHER),
        (249, vec![0.0; 7])
    );
    assert_eq!(
        row(&doc, TableKind::APPLICATIONS, app::ROW_TOTAL),
        (253, all)
    );
    assert_eq!(
        row(&doc, TableKind::APPLICATIONS, app::ROW_CARRY_FORWARD),
        (255, vec![0.0; 7])
    );
    assert_eq!(
        row(&doc, TableKind::APPLICATIONS, app::ROW_UNABLE_BASE + 1).1,
        vec![7.0, 0.0, 0.0, 0.0, 0.0, 0.0, 7.0]
    );
    assert_eq!(
        row(&doc, TableKind::ART20_9, art20::ROW_PROCUREMENT),
        (167, vec![135.0, 75394432.52])
    );
    assert_eq!(
        row(&doc, TableKind::REVIEW, review::ROW_DATA),
        (274, vec![0.0; 15])
    );
}
