//! A real government web page whose article has no title line: the
//! title, agency and year stand only in the page chrome (<title>, meta
//! ArticleTitle, the article_title div, the 来源 line).
//!
//! fixtures/pingtan-szf-2024-page.html is the page.html of
//! github:changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/zfxxgknb/202503/97791_平潭综合实验区2024年度政府信息公开工作年度报告/
//! (https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm), byte for byte, as
//! corpus/real/pingtan-szf-2024-html.html (branch corpus-a) holds it.

use nblint_model::Source;
use nblint_parse::{parse_bytes, ParseOptions, ParsedFile};
use std::path::PathBuf;

fn page() -> ParsedFile {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pingtan-szf-2024-page.html");
    let bytes = std::fs::read(&path).unwrap();
    parse_bytes(Some(&path), &bytes, &ParseOptions::default()).unwrap()
}

fn file_line(p: &ParsedFile, offset: u32) -> usize {
    let src = p.source.as_deref().unwrap();
    src[..p.source_map.to_source(offset) as usize]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn title_agency_and_year_come_from_the_page_chrome() {
    let p = page();
    assert_eq!(p.doc.reports.len(), 1);
    let r = &p.doc.reports[0];
    let v = p.doc.view();
    // The article_title div (file line 295) is the report's title.
    assert_eq!(
        v.slice(r.title),
        "平潭综合实验区2024年度政府信息公开工作年度报告"
    );
    assert_eq!(file_line(&p, r.title.start), 295);
    assert_eq!((r.year, r.year_source), (2024, Source::TITLE));
    assert_eq!(
        (v.agency(r), r.agency_source),
        ("平潭综合实验区", Source::TITLE)
    );
}

#[test]
fn the_head_names_the_article_and_its_publisher() {
    let p = page();
    assert_eq!(p.doc.reports.len(), 1, "the page holds one report");
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pingtan-szf-2024-page.html");
    let input = nblint_parse::input::read(Some(&path), &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        input.page.title.as_deref(),
        Some("平潭综合实验区2024年度政府信息公开工作年度报告")
    );
    assert_eq!(
        input.page.source.as_deref(),
        Some("平潭综合实验区管委会办公室")
    );
}
