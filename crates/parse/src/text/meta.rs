//! A report's year, agency and format, and where each came from.

use super::lines::Line;
use super::norm::{Mode, Norm};
use super::tables::TableDraft;
use nblint_model::{FormatVersion, Source, Span};
use regex::Regex;
use std::sync::OnceLock;

fn title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:[^:]{0,12}:)?(.*?)((?:19|20)\d{2})年度?(.{0,12}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)")
            .expect("valid regex")
    })
}

fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|-|—)((?:19|20)\d{2})年12月31日")
            .expect("valid regex")
    })
}

fn text_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"((?:19|20)\d{2})年度?(?:政府信息公开|政务公开)").expect("valid regex")
    })
}

/// A title-like line: "济源市人民政府办公室2020年政府信息公开工作年度报告".
pub struct Title {
    pub year: u16,
    pub agency: String,
}

pub fn title(line: &Line) -> Option<Title> {
    let c = &line.compact;
    if c.chars().count() > 70 || c.ends_with('。') || c.contains("关于") || c.contains("通知")
    {
        return None;
    }
    let caps = title_re().captures(c)?;
    // The agency stands before the year ("济源市人民政府办公室2020年…") or,
    // in some titles, after it ("2019年上海市人民政府办公厅政府信息公开…").
    let before = caps.get(1).map_or("", |m| m.as_str());
    let after = caps.get(3).map_or("", |m| m.as_str());
    let agency = if before.chars().any(char::is_alphanumeric) || after.chars().count() < 2 {
        before
    } else {
        after
    };
    let agency = agency
        .trim_start_matches(|ch: char| !ch.is_alphanumeric() || ch.is_ascii_digit())
        .trim_end_matches(['《', '“', '"']);
    Some(Title {
        year: caps[2].parse().ok()?,
        agency: agency.to_string(),
    })
}

/// The publisher of a web page's "来源：平潭综合实验区管委会办公室 时间：…"
/// line (compact), without the date that follows it.
pub fn source_line(compact: &str) -> Option<String> {
    let rest = compact.strip_prefix("来源:")?;
    let end = ["时间", "发布", "日期", "作者", "浏览", "字号", "|"]
        .iter()
        .filter_map(|k| rest.find(k))
        .min()
        .unwrap_or(rest.len());
    let name = &rest[..end];
    let chars = name.chars().count();
    (2..=30).contains(&chars).then(|| name.to_string())
}

/// 统计期限/统计时限/统计期间/统计时间 … YYYY年1月1日 … 至 … YYYY年12月31日,
/// matched on the compact text (no white space, full-width folded).
fn statement_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"统计(?:期限|时限|期间|时间)[^。；;]{0,20}?(\d{4})年0?1月0?1日[^。；;\d]{0,8}?(\d{4})年12月31日")
            .expect("valid regex")
    })
}

/// Bytes after 统 that can hold a whole period statement, OCR spaces included.
const PERIOD_WINDOW: usize = 400;

/// The statistics period a report states, found in its text: the
/// statement and the digits of its start and end years as spans of the
/// original text, and the years.
pub struct Period {
    pub statement: Span,
    pub start: Span,
    pub end: Span,
    pub start_year: u16,
    pub end_year: u16,
}

/// The first statistics period stated in `text[span]`. Read on a compact
/// view (OCR spaces, line breaks and full-width digits do not hide it)
/// whose byte map leads back to the original.
pub fn statistics_period(text: &str, span: Span) -> Option<Period> {
    let report = &text[span.range()];
    // Only the text after each 统 can hold the statement: compacting a
    // short window there, not the whole report, keeps this linear.
    report.match_indices('统').find_map(|(at, _)| {
        let from = span.start as usize + at;
        let mut to = (from + PERIOD_WINDOW).min(span.end as usize);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let view = Norm::new(text, from, to, Mode::Compact);
        let caps = statement_re().captures(&view.text)?;
        let (whole, start, end) = (caps.get(0)?, caps.get(1)?, caps.get(2)?);
        Some(Period {
            statement: view.orig_span(text, whole.start(), whole.end()),
            start: view.orig_span(text, start.start(), start.end()),
            end: view.orig_span(text, end.start(), end.end()),
            start_year: start.as_str().parse().ok()?,
            end_year: end.as_str().parse().ok()?,
        })
    })
}

/// "统计期限为2022年1月1日至2022年12月31日" → 2022.
pub fn period_year(compact: &str) -> Option<u16> {
    if !compact.contains("12月31日") {
        return None;
    }
    let caps = period_re().captures(compact)?;
    caps[2].parse().ok()
}

pub fn text_year(compact: &str) -> Option<u16> {
    if !compact.contains("公开") {
        return None;
    }
    text_year_re().captures(compact)?[1].parse().ok()
}

/// A year in a file name, when it names exactly one.
pub fn file_name_year(name: &str) -> Option<u16> {
    let years: Vec<u16> = name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4 && (run.starts_with("19") || run.starts_with("20")))
        .filter_map(|run| run.parse().ok())
        .collect();
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// The format the report's tables use; the outline when it has none.
pub fn format(tables: &[&TableDraft], legacy_outline: bool, year: u16) -> (FormatVersion, Source) {
    let count = |v: FormatVersion| tables.iter().filter(|t| t.table.format == v).count();
    let (n2019, n2021) = (count(FormatVersion::V2019), count(FormatVersion::V2021));
    if n2019 + n2021 > 0 {
        let f = if n2021 >= n2019 {
            FormatVersion::V2021
        } else {
            FormatVersion::V2019
        };
        return (f, Source::TABLES);
    }
    if count(FormatVersion::PRE2019) > 0 {
        // The pre-2019 统计表 is that format's own table.
        return (FormatVersion::PRE2019, Source::TABLES);
    }
    if legacy_outline {
        return (FormatVersion::PRE2019, Source::OUTLINE);
    }
    match year {
        0 => (FormatVersion::UNKNOWN, Source::NONE),
        1..=2018 => (FormatVersion::PRE2019, Source::YEAR),
        2019 | 2020 => (FormatVersion::V2019, Source::YEAR),
        _ => (FormatVersion::V2021, Source::YEAR),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::split;

    #[test]
    fn titles() {
        let l = &split("济源市人民政府办公室2020年政府信息公开工作年度报告")[0];
        let t = title(l).unwrap();
        assert_eq!((t.year, t.agency.as_str()), (2020, "济源市人民政府办公室"));
        let l = &split("运城市人民政府办公室 2020 年政府信息公开工作 年度 报 告")[0];
        assert_eq!(title(l).unwrap().agency, "运城市人民政府办公室");
        let l = &split("word版:济南市历下区人民政府2021年政府信息公开工作年度报告.docx")[0];
        assert_eq!(title(l).unwrap().agency, "济南市历下区人民政府");
        let l = &split("2020 年度政府信息公开工作年度报告")[0];
        assert_eq!(title(l).unwrap().agency, "");
        let l = &split("2019年上海市人民政府办公厅政府信息公开工作年度报告")[0];
        assert_eq!(title(l).unwrap().agency, "上海市人民政府办公厅");
    }

    #[test]
    fn source_lines() {
        assert_eq!(
            source_line("来源:平潭综合实验区管委会办公室时间:2025-03-10 15:35").as_deref(),
            Some("平潭综合实验区管委会办公室")
        );
        assert_eq!(source_line("来源:"), None);
        assert_eq!(source_line("一、总体情况"), None);
    }

    #[test]
    fn years() {
        assert_eq!(
            period_year("本报告中所列数据的统计期限为2022年1月1日至2022年12月31日。"),
            Some(2022)
        );
        assert_eq!(
            period_year("统计期限自2014年1月1日起至2014年12月31日止"),
            Some(2014)
        );
        let text = "报告\n本报告所列数据的统计 期限自２０１９年1月1日起至\n2019 年12月31日止。";
        let p = statistics_period(text, Span::new(0, text.len())).unwrap();
        assert_eq!((p.start_year, p.end_year), (2019, 2019));
        assert_eq!(&text[p.start.range()], "２０１９");
        assert_eq!(&text[p.end.range()], "2019");
        assert!(text[p.statement.range()].starts_with("统计 期限"));
        assert!(text[p.statement.range()].ends_with("12月31日"));
        assert_eq!(
            period_year("统计期限自2014年1月1日起至2014年12月31日止"),
            Some(2014)
        );
        assert_eq!(file_name_year("jiyuan-szfb-2020.txt"), Some(2020));
        assert_eq!(file_name_year("lixia-2014-2022.txt"), None);
    }
}
