//! Reports of the same agency: finding last year's report among the
//! linted document's reports and those of the related documents.

use crate::sdk::{DiagnosticBuilder, LintContext};
use nblint_model::{Diagnostic, DocumentView, Report, Severity};

/// The character as compared, or `None` for whitespace and punctuation:
/// full-width digits and Latin letters become ASCII, letters lower case.
/// Text folded this way compares equal across punctuation width, OCR
/// spaces and line breaks.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        // Full-width digits and Latin letters → ASCII.
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(u - 0xFEE0).map(|a| a.to_ascii_lowercase())
        }
        _ if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
        _ if c.is_whitespace() || c.is_ascii() => None,
        // General punctuation (quotes, dashes, ellipsis), CJK symbols and
        // punctuation, full-width punctuation, box drawing, middle dots.
        0x2000..=0x206F | 0x2500..=0x257F | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF65 => {
            None
        }
        0x00A0..=0x00BF | 0x00D7 | 0x00F7 => None,
        _ => Some(c),
    }
}

/// Whether two agency names are the same, ignoring whitespace,
/// punctuation and character width (see [`fold_char`]).
pub fn same_agency(a: &str, b: &str) -> bool {
    a.chars()
        .filter_map(fold_char)
        .eq(b.chars().filter_map(fold_char))
}

/// How [`LintContext::agency_reports`] tells that a report is of the
/// agency asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyMatch {
    /// Names equal after trimming, each report's agency as the parser
    /// found it. In the linted document an unknown agency on either side
    /// matches too: a scraped page holds one agency's reports. Related
    /// documents are searched only for a known agency.
    Trimmed,
    /// Names equal by [`same_agency`] (an unknown agency matches only an
    /// unknown one). In the linted document each report's agency is read
    /// with [`LintContext::agency`], so a configured agency stands for all
    /// of its reports. Related documents are searched only for an agency
    /// with something left after folding.
    Folded,
}

impl AgencyMatch {
    /// Whether `agency` is known well enough to look for it in other
    /// documents.
    fn is_known(self, agency: &str) -> bool {
        match self {
            AgencyMatch::Trimmed => !agency.trim().is_empty(),
            AgencyMatch::Folded => agency.chars().any(|c| fold_char(c).is_some()),
        }
    }

    /// Whether a report of the linted document is `agency`'s.
    fn in_linted(self, ctx: &LintContext<'_>, agency: &str, report: &Report) -> bool {
        match self {
            AgencyMatch::Trimmed => {
                let (mine, theirs) = (agency.trim(), ctx.doc.agency(report).trim());
                mine.is_empty() || theirs.is_empty() || mine == theirs
            }
            AgencyMatch::Folded => same_agency(agency, ctx.agency(report)),
        }
    }

    /// Whether a report of a related document is `agency`'s (`agency`
    /// being known).
    fn in_related(self, agency: &str, view: &DocumentView<'_>, report: &Report) -> bool {
        match self {
            AgencyMatch::Trimmed => agency.trim() == view.agency(report).trim(),
            AgencyMatch::Folded => same_agency(agency, view.agency(report)),
        }
    }
}

/// A report together with the document it is in.
#[derive(Clone, Copy, Debug)]
pub struct ReportRef<'a> {
    /// The document the report is in.
    pub view: DocumentView<'a>,
    /// The report.
    pub report: &'a Report,
    /// The report's index in the linted document; `None` in a related
    /// document (its spans are not the linted document's).
    pub local: Option<usize>,
}

impl<'a> LintContext<'a> {
    /// The reports of `year` that are `agency`'s (see [`AgencyMatch`]): the
    /// linted document's first, in order, then the related documents'.
    /// Only report metadata is read, lazily, so a rule can stop after the
    /// first few — last year's report is `agency_reports(agency, year - 1,
    /// …)`.
    pub fn agency_reports<'s>(
        &'s self,
        agency: &'s str,
        year: u16,
        matching: AgencyMatch,
    ) -> impl Iterator<Item = ReportRef<'a>> + 's {
        let doc = self.doc;
        let local = doc
            .reports
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.year == year && matching.in_linted(self, agency, r))
            .map(move |(index, report)| ReportRef {
                view: doc,
                report,
                local: Some(index),
            });
        let searched: &'a [DocumentView<'a>] = if matching.is_known(agency) {
            self.related
        } else {
            &[]
        };
        let related = searched.iter().flat_map(move |view| {
            view.reports
                .iter()
                .filter(move |r| r.year == year && matching.in_related(agency, view, r))
                .map(move |report| ReportRef {
                    view: *view,
                    report,
                    local: None,
                })
        });
        local.chain(related)
    }
}

/// Why a cross-year rule found no report of last year to compare a report
/// with: what was missing, for the one info diagnostic that says so
/// ([`LintContext::cross_year_skipped`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LastYearMissing {
    /// The report's year is unknown: there is no "last year" to look for.
    Year,
    /// The agency is unknown, so other files could not be searched, and
    /// this file holds no report of `last_year`.
    Agency {
        /// The year before the report's.
        last_year: u16,
    },
    /// No report of `last_year` of `agency` among this file's and the
    /// other files' reports.
    Report {
        /// The report's agency, as searched for.
        agency: String,
        /// The year before the report's.
        last_year: u16,
    },
    /// Reports of `last_year` were found, but none the rule could read
    /// (its table was not read completely, or has no such part).
    Unreadable {
        /// The year before the report's.
        last_year: u16,
    },
}

impl<'a> LintContext<'a> {
    /// What a cross-year rule that found nothing for `report` was missing:
    /// `year` is the year the rule compared under (see [`LintContext::year`]),
    /// `matching` how it matched agencies.
    pub fn last_year_missing(
        &self,
        report: &Report,
        year: Option<u16>,
        matching: AgencyMatch,
    ) -> LastYearMissing {
        let Some(last_year) = year.and_then(|y| y.checked_sub(1)) else {
            return LastYearMissing::Year;
        };
        let agency = match matching {
            AgencyMatch::Trimmed => self.doc.agency(report),
            AgencyMatch::Folded => self.agency(report),
        };
        if self
            .agency_reports(agency, last_year, matching)
            .next()
            .is_some()
        {
            LastYearMissing::Unreadable { last_year }
        } else if matching.is_known(agency) {
            LastYearMissing::Report {
                agency: agency.trim().to_string(),
                last_year,
            }
        } else {
            LastYearMissing::Agency { last_year }
        }
    }

    /// The info diagnostic, once per report, saying that the cross-year
    /// `checks` (zh, en: "上年结转核对（arithmetic/carry-over）") were not
    /// made and what was missing; reported under `rule`, at the report's
    /// title (else its first line: page furniture above a title must not
    /// move it).
    pub fn cross_year_skipped(
        &self,
        report: &Report,
        rule: &str,
        checks: (&str, &str),
        missing: &LastYearMissing,
    ) -> Diagnostic {
        let (checks_zh, checks_en) = checks;
        let (why_zh, why_en) = match missing {
            LastYearMissing::Year => (
                "未能确定本报告的年度".to_string(),
                "the report's year is unknown".to_string(),
            ),
            LastYearMissing::Agency { last_year } => (
                format!("未能确定报告机关，无法在其他文件中查找 {last_year} 年度报告，本文件中也没有"),
                format!("the agency is unknown, so other files could not be searched for the {last_year} report, and this file holds none"),
            ),
            LastYearMissing::Report { agency, last_year } => (
                format!("未找到{agency}的 {last_year} 年度报告"),
                format!("no {last_year} report of {agency} was found"),
            ),
            LastYearMissing::Unreadable { last_year } => (
                format!("找到了 {last_year} 年度报告，但其中需要核对的部分未能完整读取"),
                format!("the {last_year} report was found, but the part to compare could not be read completely"),
            ),
        };
        DiagnosticBuilder::new(
            rule,
            Severity::Info,
            if !report.title.is_empty() && report.span.contains(report.title.start) {
                report.title
            } else {
                self.first_line(report)
            },
            self.msg(
                format!("跨年核对未进行（{checks_zh}）：{why_zh}"),
                format!("cross-year checks skipped ({checks_en}): {why_en}"),
            ),
        )
        .help(self.msg(
            "把上一年度报告放在同一目录或同一文件中，或用 --compare-with 指定；报告机关和年度可在 nblint.toml 中设置（agency、year）",
            "put last year's report in the same directory or file, or pass it with --compare-with; the agency and year can be set in nblint.toml (agency, year)",
        ))
        .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sdk::PluginConfig;
    use nblint_model::{Document, StrRef};

    fn doc(reports: &[(u16, &str)]) -> Document {
        let mut d = Document::default();
        for (year, agency) in reports {
            let agency: StrRef = d.intern(agency);
            d.reports.push(Report {
                year: *year,
                agency,
                ..Default::default()
            });
        }
        d
    }

    fn years<'a>(found: impl Iterator<Item = ReportRef<'a>>) -> Vec<(u16, Option<usize>)> {
        found.map(|r| (r.report.year, r.local)).collect()
    }

    #[test]
    fn folding_ignores_width_spaces_and_punctuation() {
        assert!(same_agency("济源市 人民政府（办）", "济源市人民政府办"));
        assert!(same_agency("ＡＢ局", "ab局"));
        assert!(!same_agency("济源市人民政府", ""));
    }

    #[test]
    fn trimmed_matching_accepts_an_unknown_agency_only_in_the_linted_document() {
        let linted = doc(&[(2020, ""), (2020, "乙局"), (2020, " 甲局"), (2021, "甲局")]);
        let other = doc(&[(2020, "甲局"), (2020, "")]);
        let related = [other.view()];
        let cfg = PluginConfig::default();
        let ctx = LintContext::new(linted.view(), &related, &cfg);
        let found = years(ctx.agency_reports("甲局", 2020, AgencyMatch::Trimmed));
        assert_eq!(found, [(2020, Some(0)), (2020, Some(2)), (2020, None)]);
        let unknown = years(ctx.agency_reports(" ", 2020, AgencyMatch::Trimmed));
        assert_eq!(unknown, [(2020, Some(0)), (2020, Some(1)), (2020, Some(2))]);
    }

    #[test]
    fn folded_matching_reads_the_configured_agency_in_the_linted_document() {
        let linted = doc(&[(2020, ""), (2020, "甲 局"), (2020, "乙局")]);
        let other = doc(&[(2020, "甲局。"), (2020, "")]);
        let related = [other.view()];
        let mut cfg = PluginConfig::default();
        let ctx = LintContext::new(linted.view(), &related, &cfg);
        let found = years(ctx.agency_reports("甲局", 2020, AgencyMatch::Folded));
        assert_eq!(found, [(2020, Some(1)), (2020, None)]);
        let unknown = years(ctx.agency_reports("", 2020, AgencyMatch::Folded));
        assert_eq!(unknown, [(2020, Some(0))]);
        cfg.agency = Some("甲局".into());
        let ctx = LintContext::new(linted.view(), &related, &cfg);
        let configured = years(ctx.agency_reports("甲局", 2020, AgencyMatch::Folded));
        assert_eq!(configured.len(), 4);
    }
}
