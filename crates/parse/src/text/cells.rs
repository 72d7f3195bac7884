//! Reading table cells: numbers with units and signs, dashes, blanks,
//! and the garbled cells OCR produces.

use super::norm::{self, Number};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellText {
    Blank,
    Number(Number),
    /// "/", "-", "—", "无" where a number stands.
    Dash,
    /// Several numbers in one cell ("1 1 0 0"): cells ran together.
    Multi,
    Text,
}

/// Units a cell may carry after its number.
pub const UNITS: &[&str] = &[
    "万元", "亿元", "元", "万", "件", "个", "项", "条", "家", "次",
];

/// Classifies a cell from its raw (trimmed) text.
pub fn classify(raw: &str) -> CellText {
    classify_compact(raw, &norm::compact_cow(raw))
}

/// As [`classify`], for a cell whose compact form the caller has already.
pub fn classify_compact(raw: &str, compact: &str) -> CellText {
    if compact.is_empty() {
        return CellText::Blank;
    }
    if matches!(compact, "/" | "-" | "--" | "—" | "无" | "\\" | "——") {
        return CellText::Dash;
    }
    if let Some(n) = number_with_unit(compact) {
        if raw.contains(char::is_whitespace) && is_multi(raw) {
            return CellText::Multi;
        }
        return CellText::Number(n);
    }
    CellText::Text
}

fn number_with_unit(compact: &str) -> Option<Number> {
    let mut s = compact;
    for unit in UNITS {
        if let Some(stripped) = s.strip_suffix(unit) {
            s = stripped;
            break;
        }
    }
    norm::parse_number(s)
}

/// Whether white space separates two digit groups, other than around a
/// decimal point ("8208. 93" is one OCR'd number; "1 1 0" is three).
fn is_multi(raw: &str) -> bool {
    let folded: String = raw
        .chars()
        .filter_map(|c| norm::fold_char(c, norm::Mode::Width))
        .collect();
    let groups: Vec<&str> = folded.split_whitespace().collect();
    groups.windows(2).any(|w| {
        let left_digit = w[0].ends_with(|c: char| c.is_ascii_digit());
        let right_digit = w[1].starts_with(|c: char| c.is_ascii_digit());
        left_digit && right_digit
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(
            classify(" 76 "),
            CellText::Number(Number {
                value: 76.0,
                decimals: 0
            })
        );
        assert!(matches!(classify("8208. 93 万元"), CellText::Number(n) if n.value == 8208.93));
        assert!(matches!(classify("减 40"), CellText::Number(n) if n.value == -40.0));
        assert!(matches!(classify("38.41 万"), CellText::Number(n) if n.value == 38.41));
        assert!(matches!(classify("452万元"), CellText::Number(n) if n.value == 452.0));
        assert_eq!(classify("1 1 0 0 0 0 0 0"), CellText::Multi);
        assert_eq!(classify("/"), CellText::Dash);
        assert_eq!(classify("\u{3000}"), CellText::Blank);
        assert_eq!(classify("规章"), CellText::Text);
    }
}
