//! `nblint_parse::input` on HTML: visible text, tables on the grid, and
//! the source map back into the user's file.

use nblint_parse::input::{read, Input, InputKind};
use nblint_test_support::seed_text;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read_html(bytes: &[u8]) -> Input {
    read(Some(Path::new("report.html")), bytes).expect("HTML reads")
}

/// Every character of the text maps to where it came from: the same
/// character in the source, an entity (`&`), or — for the tabs, line
/// breaks and joining spaces made from markup — a tag (`<`).
fn assert_map_points_at_origin(input: &Input) {
    let src = input.source_text();
    for (off, c) in input.text.char_indices() {
        let s = input.source_map.to_source(off as u32) as usize;
        assert!(s <= src.len(), "offset {off} maps past the source");
        let rest = &src[s..];
        let ok = rest.starts_with(c)
            || rest.starts_with('&')
            || (matches!(c, '\t' | '\n' | ' ') && (rest.starts_with('<') || rest.is_empty()))
            || (c == ' ' && rest.starts_with(|r: char| r.is_ascii_whitespace()));
        assert!(
            ok,
            "text offset {off} ({c:?}) maps to source {s}: {:?}",
            &rest[..rest.len().min(40)]
        );
    }
    assert_eq!(
        input.source_map.to_source(input.text.len() as u32) as usize,
        src.len(),
        "the end of the text maps to the end of the source"
    );
}

const ROWS: &[&str] = &[
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t",
    "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
    "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
    "一、本年新收政府信息公开申请数量\t\t\t12\t3\t0\t0\t0\t1\t16",
    "二、上年结转政府信息公开申请数量\t\t\t1\t0\t0\t0\t0\t0\t1",
    "三、本年度办理结果\t（一）予以公开\t\t8\t2\t0\t0\t0\t1\t11",
    "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t2\t0\t0\t0\t0\t0\t2",
    "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
    "\t\t2.其他法律行政法规禁止公开\t\t0\t0\t0\t0\t0\t0",
    "\t\t3.危及“三安全一稳定”\t3\t1\t0\t0\t0\t0\t4",
    "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0",
];

#[test]
fn rowspan_colspan_table_gives_grid_rows() {
    let html = std::fs::read_to_string(fixture("applications-rowspan.html")).unwrap();
    let input = read_html(html.as_bytes());
    assert_eq!(input.kind, InputKind::Html);
    assert_eq!(input.encoding, "UTF-8");
    let lines: Vec<&str> = input.text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("（本列数据的勾稽关系为"))
        .expect("the table header row");
    assert_eq!(&lines[first..first + ROWS.len()], ROWS);
    for row in ROWS {
        assert_eq!(row.split('\t').count(), 10, "{row}");
    }
    // Head, title, script, hidden elements are not text; the marker
    // comment is a line of its own just before the sentence it governs.
    assert!(!input.text.contains("document.write"));
    assert!(!input.text.contains("隐藏的统计代码"));
    assert!(!input.text.contains("font-family"));
    assert_eq!(
        input
            .text
            .matches("某某区人民政府2021年政府信息公开工作年度报告")
            .count(),
        1,
        "the <title> is not text"
    );
    let marker = lines
        .iter()
        .position(|l| *l == "<!-- nblint-disable-next-line arithmetic/percent -->")
        .expect("marker line");
    assert_eq!(
        lines[marker + 1],
        "全年共收到申请16件，予以公开11件，占比68.8%。"
    );
    assert_map_points_at_origin(&input);
}

#[test]
fn source_map_points_at_the_cells_in_the_file() {
    let html = std::fs::read_to_string(fixture("applications-rowspan.html")).unwrap();
    let input = read_html(html.as_bytes());
    let text = &input.text;
    for needle in [
        "一、本年新收政府信息公开申请数量",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "2.其他法律行政法规禁止公开",
        "全年共收到申请16件",
    ] {
        let t = text.find(needle).unwrap() as u32;
        let s = input.source_map.to_source(t) as usize;
        assert_eq!(s, html.find(needle).unwrap(), "{needle}");
        // Inside a run the map progresses one to one.
        let last = t + needle.len() as u32 - 3;
        assert_eq!(
            input.source_map.to_source(last) as usize,
            s + needle.len() - 3
        );
    }
    // The 16 in the 总计 column of 一、: the only "<td>16</td>".
    let row = text.find("一、本年新收").unwrap();
    let cell = row + text[row..].find("\t16\n").unwrap() + 1;
    let s = input.source_map.to_source(cell as u32) as usize;
    assert_eq!(s, html.find("<td>16</td>").unwrap() + 4);
    assert_eq!(&html[s..s + 2], "16");
    // An entity maps to its `&`; the text after it to itself.
    let q = text.find('“').unwrap();
    let s = input.source_map.to_source(q as u32) as usize;
    assert!(html[s..].starts_with("&ldquo;"));
    let s = input.source_map.to_source((q + '“'.len_utf8()) as u32) as usize;
    assert!(html[s..].starts_with("三安全"));
}

#[test]
fn declared_gbk_page_decodes_and_maps_to_file_bytes() {
    let html = std::fs::read_to_string(fixture("applications-rowspan.html"))
        .unwrap()
        .replace("charset=utf-8", "charset=gb2312");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&html);
    assert!(!unmappable);
    let input = read_html(&gbk);
    assert_eq!(input.encoding, "GBK", "the declared charset");
    assert_eq!(input.replacements, 0);
    assert_eq!(input.source_text(), html);
    let utf8 = read_html(html.as_bytes());
    assert_eq!(input.text, utf8.text);
    // file_offset gives the byte in the GBK file.
    let needle = "予以公开";
    let t = input.text.find(needle).unwrap() as u32;
    let at = input.file_offset(t);
    let enc = encoding_rs::GBK.encode(needle).0;
    assert_eq!(&gbk[at..at + enc.len()], &enc[..]);

    // A page that declares gb2312 but was saved as UTF-8 is read as UTF-8.
    let input = read_html(html.as_bytes());
    assert_eq!(input.encoding, "UTF-8");

    // Without a declaration GBK is detected.
    let bare = html.replace("charset=gb2312", "");
    let input = read_html(&encoding_rs::GBK.encode(&bare).0);
    assert!(matches!(input.encoding, "GBK" | "gb18030"));
    assert_eq!(input.text, utf8.text);
}

#[test]
fn html_is_sniffed_without_an_extension() {
    let html = std::fs::read(fixture("applications-rowspan.html")).unwrap();
    for path in [None, Some(Path::new("page.txt")), Some(Path::new("page"))] {
        let input = read(path, &html).unwrap();
        assert_eq!(input.kind, InputKind::Html, "{path:?}");
    }
    // UTF-16 with a BOM is sniffed after decoding.
    let text = String::from_utf8(html).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let input = read(None, &utf16).unwrap();
    assert_eq!(input.kind, InputKind::Html);
    assert!(input.text.contains(ROWS[3]));
    // Markdown is never taken for HTML.
    let input = read(
        Some(Path::new("a.md")),
        b"<table><tr><td>1</td></tr></table>",
    )
    .unwrap();
    assert_eq!(input.kind, InputKind::Markdown);
}

#[test]
fn corpus_page_fixture_gives_the_corpus_text() {
    nblint_test_support::require_corpus!();
    let html = std::fs::read(fixture("jiyuan-szfb-2020.html")).unwrap();
    let input = read_html(&html);
    let txt = seed_text("jiyuan-szfb-2020.txt");
    // The page holds the report's non-empty lines: paragraphs as <p>,
    // tab rows as <tr>.
    let expected: String = txt
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(input.text, expected);
    assert_map_points_at_origin(&input);
}

#[test]
fn whitespace_blocks_and_breaks() {
    let cases: &[(&str, &str)] = &[
        // Source line breaks inside CJK text vanish; spaces stay.
        ("<p>政府信息\n公开 工作</p>", "政府信息公开 工作\n"),
        ("<p>Open\ngovernment</p>", "Open government\n"),
        ("<div>a<div>b</div>c</div>", "a\nb\nc\n"),
        ("a<br>b<br/><br>c", "a\nb\n\nc\n"),
        ("<pre>\n  x\n   y</pre>z", "  x\n   y\nz\n"),
        // Cells: paragraphs joined without a space between CJK text.
        (
            "<table><tr><td><p>商业</p><p>企业</p></td><td>a<br>b</td><td>&nbsp;\u{3000}</td><td>x</td></tr></table>",
            "商业企业\ta b\t\tx\n",
        ),
        // Implied ends: no </td>, no </tr>.
        (
            "<table><tr><td>1<td>2<tr><td>3<td>4</table>",
            "1\t2\n3\t4\n",
        ),
        // A layout table around the article: its cells are blocks.
        (
            "<table><tr><td><p>标题</p><table><tr><td>a</td><td>b</td></tr></table><p>正文</p></td></tr></table>",
            "标题\na\tb\n正文\n",
        ),
        // A one-column table is a list of lines.
        ("<table><tr><td>一</td></tr><tr><td>二</td></tr></table>", "一\n二\n"),
        // Entities, numeric and named, and a bare ampersand.
        ("<p>A&amp;B &lt;1&gt; &#20013;&#x6587; R&D &copy</p>", "A&B <1> 中文 R&D ©\n"),
        // Word's conditional comments and namespaced tags.
        (
            "<p class=MsoNormal><![if !supportLists]><span>一、</span><![endif]>总体情况<o:p></o:p></p>",
            "一、总体情况\n",
        ),
        // <head> without </head>; text after it is the body.
        ("<html><head><title>t</title><meta charset=utf-8><p>x</p>", "x\n"),
        // A hidden block and an unclosed hidden block.
        ("<p>a</p><div hidden>b<div>c</div></div><p>d</p>", "a\nd\n"),
        ("<p>a</p><span style='display : NONE'>b", "a\n"),
    ];
    for (html, want) in cases {
        let input = read_html(html.as_bytes());
        assert_eq!(&input.text, want, "{html}");
        assert_map_points_at_origin(&input);
    }
}

#[test]
fn crlf_html_source() {
    let html =
        "<p>一、总体情况</p>\r\n<table>\r\n<tr><td>规章</td>\r\n<td>0</td></tr>\r\n</table>\r\n";
    let input = read_html(html.as_bytes());
    assert_eq!(input.text, "一、总体情况\n规章\t0\n");
    assert_map_points_at_origin(&input);
}

#[test]
fn deep_nesting_is_linear() {
    // 1.4 million nested tables and cells: neither a hang nor a crash.
    let html = "<table><tr><td>x".repeat(200_000);
    let start = std::time::Instant::now();
    let input = read_html(html.as_bytes());
    assert!(input.text.contains('x'));
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
    let html = "<div hidden>".repeat(100_000) + "y" + &"</div>".repeat(100_000) + "z";
    assert_eq!(read_html(html.as_bytes()).text, "z\n");
}

#[test]
fn html_saved_under_a_word_name() {
    let html = std::fs::read(fixture("applications-rowspan.html")).unwrap();
    for name in ["report.doc", "report.docx", "report.wps"] {
        let input = read(Some(Path::new(name)), &html).unwrap();
        assert_eq!(input.kind, InputKind::Html, "{name}");
        assert!(input.text.contains(ROWS[3]));
    }
}
