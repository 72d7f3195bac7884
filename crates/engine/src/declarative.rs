//! Declarative rules from `[[rule]]` entries of `nblint.toml`: a regular
//! expression that must occur (`must = "match"`) or must not occur
//! (`must = "not-match"`) in each report, or in one section of it.

use nblint_model::{Diagnostic, DocumentView, Severity, Span};
use nblint_plugin_api::Lang;
use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Must {
    /// The pattern must occur in each report (or in the given section).
    Match,
    /// Every occurrence of the pattern is reported.
    NotMatch,
}

#[derive(Clone, Debug)]
pub struct DeclarativeRule {
    pub id: String,
    pub message: String,
    pub message_en: Option<String>,
    pub help: String,
    pub help_en: Option<String>,
    pub severity: Severity,
    pub regex: Regex,
    pub must: Must,
    /// `"六"`, `"6"`, `"（二）"` (a numbered heading) or words of a title.
    pub section: Option<String>,
    /// 1-based line of the entry's `id` in its configuration file (0 when
    /// it was not read from one), to report a clash with another rule.
    pub line: usize,
}

/// Whether `section` names a section a report can have: 一 … 六 at the top
/// level (a number at a lower level, or title words, are anything).
pub(crate) fn valid_section(section: &str) -> bool {
    match section_ref(section) {
        SectionRef::Number { number, level: 1 } => (1..=6).contains(&number),
        _ => true,
    }
}

/// Where a rule looks: a section number and level, or title words.
#[derive(Debug, PartialEq, Eq)]
enum SectionRef<'a> {
    Number { number: u16, level: u8 },
    Title(&'a str),
}

fn section_ref(s: &str) -> SectionRef<'_> {
    let t = s.trim();
    let bracketed = t.starts_with(['（', '(']);
    let core = t
        .trim_matches(|c| matches!(c, '（' | '）' | '(' | ')' | '、' | '.' | '．'))
        .trim();
    let number = core.parse::<u16>().ok().or_else(|| chinese_number(core));
    match number {
        Some(number) => SectionRef::Number {
            number,
            level: if bracketed { 2 } else { 1 },
        },
        None => SectionRef::Title(t),
    }
}

/// 一 … 九十九.
pub(crate) fn chinese_number(s: &str) -> Option<u16> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d).map(|v| v as u16).filter(|v| *v > 0),
        ['十', u] => digit(*u).map(|v| 10 + v as u16),
        [t, '十'] => digit(*t).map(|v| 10 * v as u16),
        [t, '十', u] => Some(10 * digit(*t)? as u16 + digit(*u)? as u16),
        _ => None,
    }
}

impl DeclarativeRule {
    fn message(&self, lang: Lang) -> &str {
        match (lang, &self.message_en) {
            (Lang::En, Some(m)) => m,
            _ => &self.message,
        }
    }

    fn help(&self, lang: Lang) -> &str {
        match (lang, &self.help_en) {
            (Lang::En, Some(h)) => h,
            _ => &self.help,
        }
    }

    /// The spans the rule looks at: each report (the whole text when the
    /// parser found none), or each matching section of each report.
    fn scopes(&self, doc: &DocumentView) -> Vec<(Span, Span)> {
        let whole = Span::new(0, doc.text.len());
        let mut scopes = Vec::new();
        match &self.section {
            None => {
                if doc.reports.is_empty() {
                    if !doc.text.trim().is_empty() {
                        scopes.push((whole, first_line(doc.text)));
                    }
                } else {
                    for r in doc.reports {
                        let anchor = if r.title.is_empty() {
                            Span::new(r.span.start as usize, r.span.start as usize)
                        } else {
                            r.title
                        };
                        scopes.push((r.span, anchor));
                    }
                }
            }
            Some(s) => {
                let want = section_ref(s);
                let all;
                let sections: Box<dyn Iterator<Item = &nblint_model::Section>> =
                    if doc.reports.is_empty() {
                        all = doc.sections;
                        Box::new(all.iter())
                    } else {
                        Box::new(doc.reports.iter().flat_map(|r| doc.report_sections(r)))
                    };
                for sec in sections {
                    let hit = match want {
                        SectionRef::Number { number, level } => {
                            sec.number == number && sec.level == level
                        }
                        SectionRef::Title(t) => doc.slice(sec.title).contains(t),
                    };
                    if hit {
                        scopes.push((sec.span, sec.heading));
                    }
                }
            }
        }
        scopes
    }

    /// Runs the rule over a document.
    pub fn check(&self, doc: &DocumentView, lang: Lang) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (scope, anchor) in self.scopes(doc) {
            let Some(text) = doc.text.get(scope.range()) else {
                continue;
            };
            match self.must {
                Must::Match => {
                    if !self.regex.is_match(text) {
                        out.push(self.diagnostic(anchor, lang));
                    }
                }
                Must::NotMatch => {
                    for m in self.regex.find_iter(text) {
                        let start = scope.start as usize + m.start();
                        let span = Span::new(start, start + m.len());
                        if !out.iter().any(|d: &Diagnostic| d.span == span) {
                            out.push(self.diagnostic(span, lang));
                        }
                    }
                }
            }
        }
        out
    }

    fn diagnostic(&self, span: Span, lang: Lang) -> Diagnostic {
        Diagnostic {
            rule: self.id.clone(),
            severity: self.severity,
            message: self.message(lang).to_string(),
            span,
            related: Vec::new(),
            fix: None,
            help: self.help(lang).to_string(),
        }
    }
}

fn first_line(text: &str) -> Span {
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    Span::new(0, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nblint_model::{Document, IdxRange, Report, Section};

    fn rule(pattern: &str, must: Must, section: Option<&str>) -> DeclarativeRule {
        DeclarativeRule {
            id: "p/x".into(),
            message: "消息".into(),
            message_en: Some("msg".into()),
            help: String::new(),
            help_en: None,
            line: 0,
            severity: Severity::Warning,
            regex: Regex::new(pattern).unwrap(),
            must,
            section: section.map(str::to_string),
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(chinese_number("六"), Some(6));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(
            section_ref("（三）"),
            SectionRef::Number {
                number: 3,
                level: 2
            }
        );
        assert_eq!(section_ref("其他"), SectionRef::Title("其他"));
    }

    #[test]
    fn whole_text_without_reports() {
        let doc = Document {
            text: "甲乙丙\n甲丁".into(),
            ..Default::default()
        };
        let d = rule("甲", Must::NotMatch, None).check(&doc.view(), Lang::Zh);
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].span, Span::new(10, 13));
        let d = rule("戊", Must::Match, None).check(&doc.view(), Lang::En);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "msg");
        assert_eq!(d[0].span, Span::new(0, 9));
    }

    #[test]
    fn in_a_section() {
        let text = "一、总体情况\n好\n六、其他需要报告的事项\n无\n";
        let six = text.find("六").unwrap();
        let mut doc = Document {
            text: text.into(),
            ..Default::default()
        };
        doc.sections.push(Section {
            span: Span::new(0, six),
            heading: Span::new(0, 18),
            level: 1,
            number: 1,
            parent: u32::MAX,
            ..Default::default()
        });
        doc.sections.push(Section {
            span: Span::new(six, text.len()),
            heading: Span::new(six, six + 33),
            level: 1,
            number: 6,
            parent: u32::MAX,
            ..Default::default()
        });
        doc.reports.push(Report {
            span: Span::new(0, text.len()),
            sections: IdxRange { start: 0, len: 2 },
            ..Default::default()
        });
        let v = doc.view();
        assert!(rule("无", Must::Match, Some("六"))
            .check(&v, Lang::Zh)
            .is_empty());
        let d = rule("信息处理费", Must::Match, Some("六")).check(&v, Lang::Zh);
        assert_eq!(d[0].span, Span::new(six, six + 33));
        assert_eq!(
            rule("好", Must::NotMatch, Some("六"))
                .check(&v, Lang::Zh)
                .len(),
            0
        );
        assert_eq!(
            rule("好", Must::NotMatch, Some("一"))
                .check(&v, Lang::Zh)
                .len(),
            1
        );
    }
}
