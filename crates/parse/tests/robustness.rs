//! No input crashes or hangs the parser (product.md, "Reliability").

use nblint_parse::{parse_bytes, parse_text, ParseOptions};
use std::path::Path;

fn parse_any(bytes: &[u8]) {
    // Every container, so the HTML and DOCX readers see the bytes too.
    for name in ["x.txt", "x.html", "x.docx", "x.md"] {
        if let Ok(parsed) = parse_bytes(Some(Path::new(name)), bytes, &ParseOptions::default()) {
            let doc = parsed.doc;
            for r in &doc.reports {
                assert!(r.span.end as usize <= doc.text.len());
            }
            for c in &doc.cells {
                assert!(
                    doc.text.get(c.span.range()).is_some(),
                    "cell span on a char boundary"
                );
            }
            for f in &doc.figures {
                assert!(doc.text.get(f.span.range()).is_some());
                assert!(doc.text.get(f.sentence.range()).is_some());
            }
        }
    }
}

#[test]
fn empty_input() {
    parse_any(b"");
    // An empty file is said to be empty (issue 8), never "no problems".
    let doc = parse_text(String::new(), &ParseOptions::default());
    assert!(doc.reports.is_empty());
    assert_eq!(doc.issues.len(), 1);
    assert!(doc.issues[0].message_zh.starts_with("文件为空"));
}

#[test]
fn random_bytes() {
    // A fixed xorshift stream: reproducible "random" input.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for len in [1usize, 7, 100, 4096, 65536] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        parse_any(&bytes);
    }
}

#[test]
fn invalid_and_truncated_utf8() {
    let mut bytes = "一、总体情况\n收到申请341件".as_bytes().to_vec();
    bytes.truncate(bytes.len() - 1);
    parse_any(&bytes);
    parse_any(b"\xff\xfe\xfd 2020\xe5\xb9");
}

#[test]
fn ten_megabytes_without_a_newline() {
    nblint_test_support::slow_test!();
    let unit = "收到政府信息公开申请341件,同比去年增加了163件,上升了93%\t规章 | 0 | 3 |";
    let text = unit.repeat(10 * 1024 * 1024 / unit.len());
    let started = std::time::Instant::now();
    parse_any(text.as_bytes());
    // Not a timing assert: a guard against a hang (quadratic behaviour
    // would take hours, not seconds).
    assert!(
        started.elapsed().as_secs() < 120,
        "parsing 10 MB took {:?}",
        started.elapsed()
    );
}

#[test]
fn broken_tables() {
    let text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n一、本年新收政府信息公开申请数量\t1\t2\n二、上年结转政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\n第二十条第（一）项\n规章\n\n\n";
    let doc = parse_text(text.into(), &ParseOptions::default());
    assert!(
        !doc.issues.is_empty(),
        "a broken table yields a parse diagnostic"
    );
}
