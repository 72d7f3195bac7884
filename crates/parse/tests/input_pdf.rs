//! `nblint_parse::input` on PDF: the fixtures in tests/fixtures/pdf (see
//! its README: real report text exported to PDF by LibreOffice, and
//! hand-built files for the font encodings and bad files).

use nblint_model::{CellState, Document, TableKind};
use nblint_parse::input::{read, InputErrorKind, InputKind, PageMap};
use nblint_parse::{parse_bytes, parse_text, ParseOptions};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/pdf")
        .join(name)
}

fn corpus(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus/real")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn parse_pdf(name: &str) -> (Document, PageMap) {
    let path = fixture(name);
    let parsed = parse_bytes(Some(&path), &bytes(name), &ParseOptions::default()).unwrap();
    assert_eq!(parsed.kind, InputKind::Pdf);
    let pages = parsed.source_map.pages.as_deref().cloned().unwrap();
    (parsed.doc, pages)
}

/// Every table cell: (table kind, row key, column key, state, value).
fn cells(doc: &Document) -> Vec<(TableKind, u16, u16, CellState, Option<f64>)> {
    let v = doc.view();
    let mut out = Vec::new();
    for t in &doc.tables {
        for r in v.table_rows(t) {
            for c in v.row_cells(r) {
                out.push((t.kind, c.row_key, c.col_key, c.state, c.number()));
            }
        }
    }
    out
}

fn without_trailing_tabs(s: &str) -> String {
    s.lines()
        .map(|l| l.trim_end_matches('\t'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The corpus files were transcribed and checked by hand against the
/// published reports (corpus/real/README.md); the PDFs made from them
/// must give every table cell back.
#[test]
fn tables_match_the_hand_transcription_cell_for_cell() {
    for (pdf, txt) in [
        ("pingtan-szf-2021.pdf", "pingtan-szf-2021.txt"),
        ("pingtan-szf-2021-wqy.pdf", "pingtan-szf-2021.txt"),
        ("pingtan-szf-2023.pdf", "pingtan-szf-2023.txt"),
        ("pingtan-szf-2019.pdf", "pingtan-szf-2019.txt"),
    ] {
        let (doc, _) = parse_pdf(pdf);
        let want = parse_text(corpus(txt), &ParseOptions::default());
        let (got, want) = (cells(&doc), cells(&want));
        assert!(want.len() >= 20, "{txt}: {} cells", want.len());
        assert_eq!(got, want, "{pdf}");
    }
}

/// For the 2021-format reports the whole text comes back: paragraphs
/// joined over lines and pages, tables row for row (merged cells as the
/// DOCX reader prints them; trailing empty cells aside, which the
/// transcription leaves out).
#[test]
fn text_matches_the_transcription() {
    for (pdf, txt) in [
        ("pingtan-szf-2021.pdf", "pingtan-szf-2021.txt"),
        ("pingtan-szf-2021-wqy.pdf", "pingtan-szf-2021.txt"),
        ("pingtan-szf-2023.pdf", "pingtan-szf-2023.txt"),
    ] {
        let input = read(Some(&fixture(pdf)), &bytes(pdf)).unwrap();
        assert_eq!(
            without_trailing_tabs(&input.text),
            without_trailing_tabs(&corpus(txt)),
            "{pdf}"
        );
    }
}

/// The PDF gives the same text as the DOCX LibreOffice exported it from.
#[test]
fn text_matches_the_docx_it_was_exported_from() {
    for name in ["pingtan-szf-2021", "pingtan-szf-2023"] {
        let pdf = read(None, &bytes(&format!("{name}.pdf"))).unwrap();
        let docx = read(Some(Path::new("r.docx")), &bytes(&format!("{name}.docx"))).unwrap();
        assert_eq!(
            without_trailing_tabs(&pdf.text),
            without_trailing_tabs(&docx.text),
            "{name}"
        );
    }
}

fn line_page(text: &str, pages: &PageMap, start: &str) -> u32 {
    let off = text
        .find(&format!("\n{start}"))
        .unwrap_or_else(|| panic!("no line {start:?}"))
        + 1;
    pages.locate(off as u32).unwrap().page
}

/// Table 三 of the 2021 report starts on page 2 and ends on page 3, with a
/// different column grid on each page (rows 一 and 二 are on different
/// pages); it is read as one table, fully, and balances.
#[test]
fn table_three_across_two_pages_is_one_table() {
    let (doc, pages) = parse_pdf("pingtan-szf-2021.pdf");
    let text = &doc.text;
    assert_eq!(
        line_page(text, &pages, "一、本年新收政府信息公开申请数量"),
        2
    );
    assert_eq!(
        line_page(text, &pages, "二、上年结转政府信息公开申请数量"),
        3
    );
    assert_eq!(line_page(text, &pages, "四、结转下年度继续办理"), 3);
    let three: Vec<_> = doc
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::APPLICATIONS)
        .collect();
    assert_eq!(three.len(), 1);
    assert_eq!(three[0].confidence.name(), "full");
    let v = doc.view();
    let value = |label: &str| -> Vec<Option<f64>> {
        let r = v
            .table_rows(three[0])
            .iter()
            .find(|r| v.slice(r.label).contains(label))
            .unwrap_or_else(|| panic!("no row {label}"));
        v.row_cells(r).iter().map(|c| c.number()).collect()
    };
    let n = |xs: &[f64]| xs.iter().map(|&x| Some(x)).collect::<Vec<_>>();
    // Transcribed by hand from the report.
    assert_eq!(value("一、本年新收"), n(&[64., 0., 0., 2., 0., 4., 70.]));
    assert_eq!(value("二、上年结转"), n(&[0., 0., 0., 0., 0., 0., 0.]));
    assert_eq!(value("（七）总计"), n(&[63., 0., 0., 2., 0., 4., 69.]));
    assert_eq!(value("四、结转下年度"), n(&[1., 0., 0., 0., 0., 0., 1.]));
    // 一 + 二 = （七） + 四 in every column.
    for c in 0..7 {
        let a = value("一、本年新收")[c].unwrap() + value("二、上年结转")[c].unwrap();
        let b = value("（七）总计")[c].unwrap() + value("四、结转下年度")[c].unwrap();
        assert_eq!(a, b, "column {c}");
    }
}

#[test]
fn page_map_gives_pages_and_positions() {
    let (doc, pages) = parse_pdf("pingtan-szf-2021.pdf");
    assert_eq!(pages.page_count(), 4);
    assert_eq!(pages.pages[0], (595, 842));
    let title = pages.locate(0).unwrap();
    assert_eq!(title.page, 1);
    assert!(title.x > 50 && title.y < 100, "{title:?}");
    assert_eq!(line_page(&doc.text, &pages, "六、其他需要报告的事项"), 4);
    // Offsets only grow with pages.
    let ps: Vec<u32> = pages.points.iter().map(|p| p.1).collect();
    assert!(ps.windows(2).all(|w| w[0] <= w[1]));
}

/// The 第二十条 tables as (row label, numbers) for comparing pages.
fn article20(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            [
                "规章\t",
                "行政规范性文件\t",
                "行政许可\t",
                "行政处罚\t",
                "行政强制\t",
                "行政事业性收费\t",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .map(str::to_owned)
        .collect()
}

/// One page per encoding of Chinese text: Identity-H with ToUnicode (WPS
/// and Word), GBK-EUC-H and UniGB-UCS2-H without ToUnicode, Identity-H
/// over an Adobe-GB1 CID font without ToUnicode; full-width brackets and a
/// page number in the footer.
#[test]
fn cid_fonts_identity_gbk_and_ucs2() {
    let input = read(None, &bytes("cid-fonts.pdf")).unwrap();
    let rows = article20(&input.text);
    let one_page = [
        "规章\t0\t0\t0",
        "行政规范性文件\t69\t3\t665",
        "行政许可\t2293",
        "行政处罚\t1282",
        "行政强制\t42",
        "行政事业性收费\t24252.311082",
    ];
    let want: Vec<String> = (0..4)
        .flat_map(|_| one_page.iter().map(|s| s.to_string()))
        .collect();
    assert_eq!(rows, want);
    assert_eq!(
        input
            .text
            .matches("第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）")
            .count(),
        4
    );
    // The footers "- 1 -" … are page numbers, dropped.
    assert!(!input.text.contains("- 1 -") && !input.text.contains("- 2 -"));
}

/// A table on a page turned by /Rotate 90, and one whose text runs up a
/// portrait page: both read left to right.
#[test]
fn rotated_table_pages() {
    let input = read(None, &bytes("rotated-table.pdf")).unwrap();
    let rows = article20(&input.text);
    assert_eq!(rows.len(), 12, "{}", input.text);
    assert_eq!(rows[1], "行政规范性文件\t69\t3\t665");
    assert_eq!(rows[7], "行政规范性文件\t69\t3\t665");
    assert_eq!(rows[11], "行政事业性收费\t24252.311082");
}

#[test]
fn a_scan_says_so_and_what_to_do() {
    let err = read(None, &bytes("scan.pdf")).unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Unsupported);
    assert!(
        err.message_zh.contains("扫描件") && err.message_zh.contains("OCR"),
        "{}",
        err.message_zh
    );
    assert!(err.message_en.contains("scan") && err.message_en.contains("OCR"));
}

#[test]
fn encrypted_pdfs() {
    // A password to open: a clear error.
    let err = read(None, &bytes("encrypted-password.pdf")).unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Unsupported);
    assert!(err.message_zh.contains("加密") && err.message_en.contains("encrypted"));
    // Permissions only (opens without a password): read.
    let input = read(None, &bytes("encrypted-permissions.pdf")).unwrap();
    assert!(input.text.starts_with("政府信息公开工作年度报告格式模板\n"));
    assert!(input.text.contains("\n行政规范性文件\t\t\t\n"));
}

#[test]
fn a_compression_bomb_is_refused_quickly() {
    let t = std::time::Instant::now();
    let err = read(None, &bytes("bomb.pdf")).unwrap_err();
    assert_eq!(err.kind, InputErrorKind::TooLarge);
    assert!(err.message_zh.contains("上限"), "{}", err.message_zh);
    assert!(t.elapsed().as_secs() < 30);
}

#[test]
fn endless_object_graphs_end() {
    // A form drawing itself, Kids pointing back up, 5000 nested arrays.
    let err = read(None, &bytes("loops.pdf")).unwrap_err();
    assert!(
        matches!(
            err.kind,
            InputErrorKind::Unsupported | InputErrorKind::Corrupt
        ),
        "{err:?}"
    );
}

#[test]
fn truncated_and_corrupt_pdfs_are_errors_not_panics() {
    let whole = bytes("pingtan-szf-2021.pdf");
    for cut in [
        10,
        100,
        1000,
        whole.len() / 3,
        whole.len() / 2,
        whole.len() - 10,
    ] {
        match read(None, &whole[..cut]) {
            Ok(i) => assert_eq!(i.kind, InputKind::Pdf),
            Err(e) => {
                assert!(
                    matches!(
                        e.kind,
                        InputErrorKind::Corrupt | InputErrorKind::Unsupported
                    ),
                    "{cut}: {e:?}"
                );
                assert!(e.message_zh.contains("PDF"));
            }
        }
    }
    let err = read(Some(Path::new("x.pdf")), b"").unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Corrupt);
    let err = read(Some(Path::new("x.pdf")), b"not a pdf at all").unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Corrupt);
    assert!(
        err.message_zh.contains("PDF 文件已损坏"),
        "{}",
        err.message_zh
    );
}

/// A fuzz smoke test: thousands of mutated PDFs (bytes flipped, runs
/// deleted, duplicated or cut) through the reader, each an error or a
/// text, none a panic or a hang.
#[test]
fn mutated_pdfs_never_crash() {
    let seeds: Vec<Vec<u8>> = [
        "cid-fonts.pdf",
        "rotated-table.pdf",
        "loops.pdf",
        "scan.pdf",
    ]
    .iter()
    .map(|n| bytes(n))
    .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let runs = std::env::var("NBLINT_PDF_FUZZ_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let start = std::time::Instant::now();
    for i in 0..runs {
        let mut b = seeds[i % seeds.len()].clone();
        for _ in 0..1 + rnd(8) {
            if b.is_empty() {
                b.push(b'%');
            }
            let len = b.len();
            match rnd(5) {
                0 => {
                    let p = rnd(len);
                    b[p] = rnd(256) as u8;
                }
                1 => {
                    let p = rnd(len);
                    let n = rnd(64).min(len - p);
                    b.drain(p..p + n);
                }
                2 => {
                    let p = rnd(len);
                    let n = rnd(256).min(len - p);
                    let chunk = b[p..p + n].to_vec();
                    let q = rnd(b.len());
                    b.splice(q..q, chunk);
                }
                3 => {
                    let p = rnd(len);
                    let digits = b"0123456789-.[]<>()/ ";
                    b[p] = digits[rnd(digits.len())];
                }
                _ => b.truncate(rnd(len).max(8)),
            }
        }
        let t = std::time::Instant::now();
        let _ = read(Some(Path::new("fuzz.pdf")), &b);
        assert!(
            t.elapsed().as_secs() < 20,
            "case {i} took {:?}",
            t.elapsed()
        );
    }
    eprintln!("{runs} mutated PDFs in {:?}", start.elapsed());
}
