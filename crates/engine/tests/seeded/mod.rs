//! The seeded-defect test's sources, case generators and harness.
//!
//! A case is one defect seeded into one clean text (a few edits), the
//! plugin meant to catch it and what it must report: the set of
//! (rule, line) pairs that must newly appear, or `expect: none` with the
//! reason nblint does not (by design) detect it.

pub mod arithmetic;
pub mod duplicates;
pub mod format;
pub mod harness;
pub mod sections;

use harness::{At, Edit, Linter, Source};

/// The clean texts, by index in [`sources`].
pub const JIYUAN: usize = 0;
pub const YUNCHENG: usize = 1;
pub const NANYANG: usize = 2;
/// The 2022 report of the lixia page (lines 135–215), clean for
/// arithmetic, with no diagnostics at all.
pub const LIXIA: usize = 3;
/// The lixia 2022 report followed by the first copy of its 2021 report
/// (lines 135–315): consecutive years for carry-over and year-on-year.
pub const LIXIA_PAIR: usize = 4;
/// The OCR'd minhe report: its tables are garbled (baseline diagnostics),
/// but its prose breakdowns add up; used for text-sum only.
pub const MINHE: usize = 5;

/// The four reports whose outline and tables are clean.
pub const CLEAN: [usize; 4] = [JIYUAN, YUNCHENG, NANYANG, LIXIA];

pub fn sources(linter: &Linter) -> Vec<Source> {
    let lixia_page = harness::read_seed("lixia-qzf-page-2014-2022.txt");
    let lixia = harness::line_range(&lixia_page, 135, 215);
    let pair = harness::line_range(&lixia_page, 135, 315);
    assert!(
        lixia.contains("统计期限为2022年1月1日至2022年12月31日")
            && lixia.trim_end().ends_with("予以报告的事项。"),
        "lines 135–215 of the lixia page are no longer its 2022 report"
    );
    assert!(
        pair.contains("统计期限为2021年1月1日至2021年12月31日"),
        "lines 216–315 of the lixia page are no longer its 2021 report"
    );
    vec![
        Source::new(
            linter,
            "jiyuan",
            "jiyuan-szfb-2020.txt",
            harness::read_seed("jiyuan-szfb-2020.txt"),
        ),
        Source::new(
            linter,
            "yuncheng",
            "yuncheng-szfb-2020.txt",
            harness::read_seed("yuncheng-szfb-2020.txt"),
        ),
        Source::new(
            linter,
            "nanyang",
            "nanyang-szfb-2019-onecell.txt",
            harness::read_seed("nanyang-szfb-2019-onecell.txt"),
        ),
        Source::new(linter, "lixia-2022", "lixia-qzf-2022.txt", lixia),
        Source::new(linter, "lixia-2022+2021", "lixia-qzf-2021-2022.txt", pair),
        Source::new(
            linter,
            "minhe",
            "minhe-xian-2020-ocr.txt",
            harness::read_seed("minhe-xian-2020-ocr.txt"),
        ),
    ]
}

/// What a case must produce.
pub enum Expect {
    /// Exactly these (rule, line) pairs newly appear.
    Found(Vec<(&'static str, At)>),
    /// `expect: none`: a defect nblint does not detect, by design; the
    /// reason says why. Nothing may change.
    None(&'static str),
    /// Not a defect (a control: an equivalent spelling); nothing may change.
    Benign(&'static str),
    /// A known defect of nblint, a finding for the lead: `right` is what
    /// should appear, `actual` what nblint reports instead (a wrong line,
    /// a cascade). The case holds while nblint reports exactly `actual`
    /// and fails once that changes, so that the table is updated. It
    /// counts as found only if `actual` includes `right`, and the pairs of
    /// `actual` outside `right` count as (known) false positives.
    /// (No case is a known issue at present; the variant stays for the
    /// next one found.)
    #[allow(dead_code)]
    Known {
        right: Vec<(&'static str, At)>,
        actual: Vec<(&'static str, At)>,
        issue: &'static str,
    },
}

pub struct Case {
    pub source: usize,
    /// The plugin meant to catch the defect.
    pub plugin: &'static str,
    /// The kind of defect (cases are counted by it).
    pub kind: &'static str,
    /// What was changed, for the case table.
    pub what: String,
    pub edits: Vec<Edit>,
    pub expect: Expect,
}

impl Case {
    pub fn new(
        source: usize,
        plugin: &'static str,
        kind: &'static str,
        what: impl Into<String>,
        edits: Vec<Edit>,
        expect: Expect,
    ) -> Case {
        Case {
            source,
            plugin,
            kind,
            what: what.into(),
            edits,
            expect,
        }
    }
}

/// Every case, generated from the sources.
pub fn all(sources: &[Source]) -> Vec<Case> {
    let mut cases = Vec::new();
    cases.extend(arithmetic::cases(sources));
    cases.extend(sections::cases(sources));
    cases.extend(format::cases(sources));
    cases.extend(duplicates::cases(sources));
    cases
}

/// Replace `part` inside the only occurrence of `context`.
pub fn replace_in(src: &Source, context: &str, part: &str, new: &str) -> (Edit, usize) {
    let at = src.find(context);
    let inner = context
        .find(part)
        .unwrap_or_else(|| panic!("“{part}” is not part of “{context}”"));
    let start = at + inner;
    (Edit::replace(start, start + part.len(), new), start)
}

/// The start of the line holding `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding `offset` (before its line break).
pub fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i)
}
