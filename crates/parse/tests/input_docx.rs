//! `nblint_parse::input` on DOCX: paragraphs as lines, tables as tab rows.

use nblint_parse::input::{read, InputErrorKind, InputKind};
use nblint_test_support::template_path;
use std::io::Write;
use std::path::Path;

fn template() -> Vec<u8> {
    std::fs::read(template_path()).unwrap()
}

fn docx() -> Option<&'static Path> {
    Some(Path::new("report.docx"))
}

fn line_of<'a>(text: &'a str, start: &str) -> (usize, &'a str) {
    text.lines()
        .enumerate()
        .find(|(_, l)| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in\n{text}"))
}

#[test]
fn template_tables_are_tab_rows_with_blank_cells() {
    nblint_test_support::require_corpus!();
    let input = read(docx(), &template()).unwrap();
    assert_eq!(input.kind, InputKind::Docx);
    assert_eq!(input.encoding, "UTF-8");
    let text = &input.text;

    // Section 二: the 第二十条 tables (4 grid columns).
    for (label, row) in [
        ("第二十条第（一）项", "第二十条第（一）项\t\t\t"),
        (
            "信息内容\t本年制发件数",
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        ),
        ("规章", "规章\t\t\t"),
        ("行政规范性文件", "行政规范性文件\t\t\t"),
        (
            "信息内容\t本年处理决定数量",
            "信息内容\t本年处理决定数量\t\t",
        ),
        ("行政许可", "行政许可\t\t\t"),
        ("行政处罚", "行政处罚\t\t\t"),
        ("行政事业性收费", "行政事业性收费\t\t\t"),
    ] {
        assert_eq!(line_of(text, label).1, row, "{label}");
    }

    // Section 三: 3 label columns (gridSpan) + 7 value columns, all blank.
    for label in [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "四、结转下年度继续办理",
    ] {
        let (_, line) = line_of(text, label);
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 10, "{line:?}");
        assert_eq!(cells[0], label);
        assert!(cells[1..].iter().all(|c| c.is_empty()), "{line:?}");
        assert!(cells[3..].len() == 7, "7 blank value cells");
    }
    // Rows under a vertically merged label start with an empty cell.
    assert!(text.contains("\n三、本年度办理结果\t（一）予以公开\t\t\t\t\t\t\t\t\n"));
    assert!(text.contains("\n\t（三）不予公开\t1.属于国家秘密\t\t\t\t\t\t\t\n"));
    assert!(text.contains("\n\t\t2.其他法律行政法规禁止公开\t\t\t\t\t\t\t\n"));
    assert!(text.contains("\n\t（七）总计\t\t\t\t\t\t\t\t\n"));
    // Header rows: merged cells and a cell's paragraphs joined ("商业|企业").
    assert!(text.contains(
        "\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t\n"
    ));
    assert!(text.contains("\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n"));
    assert!(text.contains("\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"));

    // Section 四: 15 value cells.
    assert!(text.contains("\n行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n"));
    let (_, values) = line_of(text, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
    assert_eq!(values.split('\t').count(), 15);

    // Full-width spaces in empty template cells are blank.
    assert!(!text.contains('\u{3000}'));
}

#[test]
fn template_lines_are_paragraphs_in_reading_order() {
    nblint_test_support::require_corpus!();
    let input = read(docx(), &template()).unwrap();
    let lines: Vec<&str> = input.text.lines().collect();
    // The document starts with an empty paragraph, then the title.
    assert_eq!(lines[0], "");
    assert_eq!(lines[1], "政府信息公开工作年度报告格式模板");
    assert_eq!(lines[3], "一、总体情况");
    assert_eq!(lines[4], "（文字描述）");
    let order: Vec<usize> = [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    .iter()
    .map(|h| line_of(&input.text, h).0)
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(input
        .text
        .ends_with("（文字描述，收取信息处理费情况在此处报告。）\n\n"));
    assert!(input.source_map.is_identity());
}

#[test]
fn docx_is_sniffed_by_its_zip_signature() {
    nblint_test_support::require_corpus!();
    for path in [None, Some(Path::new("report.bin"))] {
        let input = read(path, &template()).unwrap();
        assert_eq!(input.kind, InputKind::Docx);
    }
}

#[test]
fn corrupt_docx_is_a_clear_error() {
    nblint_test_support::require_corpus!();
    let bytes = template();
    // Truncated: the central directory is gone.
    let err = read(docx(), &bytes[..bytes.len() / 2]).unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Corrupt);
    assert!(err.message_zh.contains(".docx"), "{}", err.message_zh);
    assert!(err.message_en.contains(".docx"), "{}", err.message_en);

    // Not a zip at all.
    let err = read(docx(), "一、总体情况".as_bytes()).unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Corrupt);
    assert!(err.message_zh.contains("ZIP"), "{}", err.message_zh);

    // Damaged compressed data: flip bytes inside the archive.
    let mut damaged = bytes.clone();
    for b in &mut damaged[200..2000] {
        *b ^= 0x5A;
    }
    let _ = read(docx(), &damaged); // an error or some text, never a panic
}

fn zip_with(files: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, content) in files {
            z.start_file(*name, opts).unwrap();
            z.write_all(content.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn zip_without_a_word_document() {
    let bytes = zip_with(&[("xl/workbook.xml", "<workbook/>")]);
    let err = read(docx(), &bytes).unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Corrupt);
    assert!(err.message_zh.contains("Excel"), "{}", err.message_zh);
    assert!(
        err.message_en.contains("word/document.xml"),
        "{}",
        err.message_en
    );
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    )
}

#[test]
fn small_document_features() {
    let p = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
    let tc = |pr: &str, t: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(t));
    let body = [
        p("\u{3000}\u{3000}2021年，本机关收到申请6件。"),
        // A row that starts after a skipped grid column, and one that ends early.
        format!(
            "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr><w:tr>{}<w:trPr><w:gridAfter w:val=\"2\"/></w:trPr></w:tr></w:tbl>",
            tc("", "a"),
            tc("", "b"),
            tc("", "c"),
        ),
        // mc:Fallback repeats the mc:Choice content: read once.
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>".to_owned(),
        // A field: the instruction is not text, the result is.
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>".to_owned(),
        // A manual line break inside a paragraph.
        "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>".to_owned(),
    ]
    .concat();
    let bytes = zip_with(&[("word/document.xml", &document(&body))]);
    let input = read(docx(), &bytes).unwrap();
    assert_eq!(
        input.text,
        "\u{3000}\u{3000}2021年，本机关收到申请6件。\n\ta\tb\nc\t\t\n甲\n3\n第一行\n第二行\n"
    );
}

#[test]
fn main_part_from_relationships() {
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>"#;
    let body = "<w:p><w:r><w:t>正文</w:t></w:r></w:p>";
    let bytes = zip_with(&[
        ("_rels/.rels", rels),
        ("word/document2.xml", &document(body)),
    ]);
    assert_eq!(read(docx(), &bytes).unwrap().text, "正文\n");
}

#[test]
fn malformed_xml_is_a_clear_error() {
    let bytes = zip_with(&[(
        "word/document.xml",
        "<w:document><w:body><w:p><w:t>x</w:body",
    )]);
    match read(docx(), &bytes) {
        Ok(input) => assert!(input.text.contains('x')),
        Err(err) => {
            assert_eq!(err.kind, InputErrorKind::Corrupt);
            assert!(err.message_zh.contains("XML"), "{}", err.message_zh);
        }
    }
}

#[test]
fn automatic_numbering_is_text() {
    let numbering = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#;
    let h1 = |t: &str| {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
    };
    let h2 = |t: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"2\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
    };
    // A tracked change keeps the old numbering in w:pPrChange: not counted.
    let changed = "<w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>";
    let body = [
        h1("总体情况"),
        h2("主动公开情况"),
        changed.to_owned(),
        h2("依申请公开情况"),
        h1("主动公开政府信息情况"),
    ]
    .concat();
    let bytes = zip_with(&[
        ("word/document.xml", &document(&body)),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
    ]);
    let input = read(docx(), &bytes).unwrap();
    assert_eq!(
        input.text,
        "一、总体情况\n（一）主动公开情况\n正文\n（二）依申请公开情况\n二、主动公开政府信息情况\n"
    );
}

#[test]
fn deeply_nested_tables_do_not_overflow() {
    let open = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>";
    let close = "</w:tc></w:tr></w:tbl>";
    let body = open.repeat(50_000) + &close.repeat(50_000);
    let bytes = zip_with(&[("word/document.xml", &document(&body))]);
    let input = read(docx(), &bytes).unwrap();
    assert_eq!(input.text.matches('x').count(), 50_000);
}
