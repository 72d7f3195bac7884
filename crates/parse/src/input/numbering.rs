//! Word automatic numbering (`word/numbering.xml`, and numbering that
//! paragraph styles carry in `word/styles.xml`): the "一、", "（一）",
//! "1." that Word draws in front of a numbered paragraph are not in its
//! text, but a reader — and the section checks — see them.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

const LEVELS: usize = 9;

#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    /// `w:suff`: tab (default), space or nothing.
    suffix_nothing: bool,
    /// `w:isLgl`: all levels shown as decimal.
    legal: bool,
}

#[derive(Clone, Debug)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride/w:startOverride`, per level.
    start_override: [Option<u32>; LEVELS],
    /// Whether the overrides have been applied (on first use).
    used: bool,
}

/// (numId, ilvl) of a numbered paragraph.
type NumRef = (String, Option<u32>);

#[derive(Clone, Debug)]
struct StyleDef {
    num: Option<NumRef>,
    based_on: Option<String>,
}

/// Numbering definitions plus the running counters of one document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, [Level; LEVELS]>,
    nums: HashMap<String, Num>,
    /// Paragraph style id → the numbering it carries and its base style.
    styles: HashMap<String, StyleDef>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

fn num_attr(e: &BytesStart) -> Option<u32> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml` (either may be missing or
    /// broken: numbering is then simply not shown).
    pub fn parse(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(xml) = numbering {
            n.parse_numbering(xml);
        }
        if let Some(xml) = styles {
            n.parse_styles(xml);
        }
        n
    }

    fn parse_numbering(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut abs: Option<(String, [Level; LEVELS])> = None;
        let mut lvl: Option<usize> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_lvl: Option<usize> = None;
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.local_name();
                    match name.as_ref() {
                        "abstractNum" => {
                            abs = attr(&e, "abstractNumId").map(|id| (id, Default::default()))
                        }
                        "lvl" if abs.is_some() => {
                            lvl = attr(&e, "ilvl")
                                .and_then(|v| v.parse::<usize>().ok())
                                .filter(|&l| l < LEVELS);
                            if let (Some((_, levels)), Some(l)) = (&mut abs, lvl) {
                                levels[l] = Level {
                                    start: 1,
                                    fmt: "decimal".into(),
                                    ..Level::default()
                                };
                            }
                        }
                        "start" | "numFmt" | "lvlText" | "suff" | "isLgl" => {
                            if let (Some((_, levels)), Some(l)) = (&mut abs, lvl) {
                                let level = &mut levels[l];
                                match name.as_ref() {
                                    "start" => level.start = num_attr(&e).unwrap_or(1),
                                    "numFmt" => level.fmt = attr(&e, "val").unwrap_or_default(),
                                    "lvlText" => level.text = attr(&e, "val").unwrap_or_default(),
                                    "suff" => {
                                        level.suffix_nothing =
                                            attr(&e, "val").as_deref() == Some("nothing")
                                    }
                                    _ => {
                                        level.legal = !matches!(
                                            attr(&e, "val").as_deref(),
                                            Some("0" | "false" | "off")
                                        )
                                    }
                                }
                            }
                        }
                        "num" => {
                            num = attr(&e, "numId").map(|id| {
                                (
                                    id,
                                    Num {
                                        abstract_id: String::new(),
                                        start_override: [None; LEVELS],
                                        used: false,
                                    },
                                )
                            })
                        }
                        "abstractNumId" => {
                            if let (Some((_, n)), Some(v)) = (&mut num, attr(&e, "val")) {
                                n.abstract_id = v;
                            }
                        }
                        "lvlOverride" => {
                            override_lvl = attr(&e, "ilvl")
                                .and_then(|v| v.parse::<usize>().ok())
                                .filter(|&l| l < LEVELS)
                        }
                        "startOverride" => {
                            if let (Some((_, n)), Some(l)) = (&mut num, override_lvl) {
                                n.start_override[l] = num_attr(&e);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            self.abstracts.insert(id, levels);
                        }
                    }
                    "lvl" => lvl = None,
                    "num" => {
                        if let Some((id, n)) = num.take() {
                            self.nums.insert(id, n);
                        }
                    }
                    "lvlOverride" => override_lvl = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
    }

    fn parse_styles(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut style: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut ilvl: Option<u32> = None;
        let mut based_on: Option<String> = None;
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => {
                        style = attr(&e, "styleId");
                        num_id = None;
                        ilvl = None;
                        based_on = None;
                    }
                    "numId" if style.is_some() => num_id = attr(&e, "val"),
                    "ilvl" if style.is_some() => ilvl = num_attr(&e),
                    "basedOn" if style.is_some() => based_on = attr(&e, "val"),
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some(id) = style.take() {
                        let num = num_id.take().map(|n| (n, ilvl.take()));
                        let based_on = based_on.take();
                        self.styles.insert(id, StyleDef { num, based_on });
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }

    /// The numbering a paragraph style carries (following `basedOn`).
    fn style_num(&self, style: &str) -> Option<NumRef> {
        let mut id = style;
        for _ in 0..8 {
            let def = self.styles.get(id)?;
            if let Some(num) = &def.num {
                return Some(num.clone());
            }
            id = def.based_on.as_deref()?;
        }
        None
    }

    /// The label of a paragraph with direct numbering `num` (numId, ilvl)
    /// and style `style`, advancing the counters; `None` when the
    /// paragraph is not numbered (or is a bullet).
    pub fn label(
        &mut self,
        num: Option<(&str, Option<u32>)>,
        style: Option<&str>,
    ) -> Option<String> {
        let from_style = style.and_then(|s| self.style_num(s));
        let (num_id, ilvl) = match (num, &from_style) {
            (Some((id, l)), _) => (id.to_owned(), l.or(from_style.as_ref().and_then(|s| s.1))),
            (None, Some((id, l))) => (id.clone(), *l),
            (None, None) => return None,
        };
        if num_id == "0" {
            return None;
        }
        let level = (ilvl.unwrap_or(0) as usize).min(LEVELS - 1);
        let n = self.nums.get_mut(&num_id)?;
        let abstract_id = n.abstract_id.clone();
        let overrides = if n.used {
            [None; LEVELS]
        } else {
            n.used = true;
            n.start_override
        };
        let levels = self.abstracts.get(&abstract_id)?;
        let counters = self.counters.entry(abstract_id).or_insert([None; LEVELS]);
        for (l, o) in overrides.iter().enumerate() {
            if let Some(start) = o {
                counters[l] = Some(start.saturating_sub(1));
            }
        }
        let def = &levels[level];
        counters[level] = Some(match counters[level] {
            Some(c) => c.saturating_add(1),
            None => def.start,
        });
        for c in &mut counters[level + 1..] {
            *c = None;
        }
        if def.fmt == "bullet" || def.text.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut chars = def.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d as usize).saturating_sub(1).min(LEVELS - 1);
                    let value = counters[l].unwrap_or(levels[l].start);
                    let fmt = if def.legal && l != level {
                        "decimal"
                    } else {
                        levels[l].fmt.as_str()
                    };
                    out.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        if out.is_empty() {
            return None;
        }
        if !def.suffix_nothing && !out.ends_with(super::out::is_wide) {
            out.push(' ');
        }
        Some(out)
    }
}

/// A number in a Word `w:numFmt`.
pub(crate) fn format_number(n: u32, fmt: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const PAREN: &str = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    const STOP: &str = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
    const GAN: &str = "甲乙丙丁戊己庚辛壬癸";
    const ZHI: &str = "子丑寅卯辰巳午未申酉戌亥";
    let nth = |set: &str| -> Option<String> {
        let i = n.checked_sub(1)? as usize;
        set.chars().nth(i).map(String::from)
    };
    match fmt {
        "none" => String::new(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            nth(CIRCLED).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedParen" => nth(PAREN).unwrap_or_else(|| format!("({n})")),
        "decimalEnclosedFullstop" => nth(STOP).unwrap_or_else(|| format!("{n}.")),
        "ideographTraditional" => nth(GAN).unwrap_or_else(|| n.to_string()),
        "ideographZodiac" => nth(ZHI).unwrap_or_else(|| n.to_string()),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => chinese(n, "〇一二三四五六七八九", ["十", "百", "千"]),
        "chineseLegalSimplified" => chinese(n, "零壹贰叁肆伍陆柒捌玖", ["拾", "佰", "仟"]),
        "lowerLetter" | "upperLetter" => {
            let mut s = String::new();
            if n > 0 {
                let c = (b'a' + ((n - 1) % 26) as u8) as char;
                for _ in 0..=((n - 1) / 26).min(50) {
                    s.push(c);
                }
            }
            if fmt == "upperLetter" {
                s.make_ascii_uppercase();
            }
            s
        }
        "lowerRoman" | "upperRoman" => {
            let s = roman(n);
            if fmt == "lowerRoman" {
                s.to_ascii_lowercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

fn chinese(n: u32, digits: &str, units: [&str; 3]) -> String {
    let d: Vec<char> = digits.chars().collect();
    if n == 0 {
        return d[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let parts = [
        (n / 1000, units[2]),
        (n / 100 % 10, units[1]),
        (n / 10 % 10, units[0]),
        (n % 10, ""),
    ];
    // The zero inside a number: 一百零五, 壹佰零伍.
    let gap = if digits.starts_with('〇') {
        '零'
    } else {
        d[0]
    };
    let mut out = String::new();
    let mut zero = false;
    for (digit, unit) in parts {
        if digit == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(gap);
            zero = false;
        }
        out.push(d[digit as usize]);
        out.push_str(unit);
    }
    // 十一, not 一十一 (simplified counting only).
    if (10..20).contains(&n) && digits.starts_with('〇') {
        out.remove(0);
    }
    out
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let f = |n, fmt| format_number(n, fmt);
        assert_eq!(f(1, "chineseCounting"), "一");
        assert_eq!(f(10, "chineseCounting"), "十");
        assert_eq!(f(11, "chineseCounting"), "十一");
        assert_eq!(f(20, "chineseCounting"), "二十");
        assert_eq!(f(105, "chineseCountingThousand"), "一百零五");
        assert_eq!(f(3, "chineseLegalSimplified"), "叁");
        assert_eq!(f(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(f(2, "decimalEnclosedCircle"), "②");
        assert_eq!(f(3, "ideographTraditional"), "丙");
        assert_eq!(f(4, "upperRoman"), "IV");
        assert_eq!(f(28, "lowerLetter"), "bb");
        assert_eq!(f(7, "decimalFullWidth"), "７");
        assert_eq!(f(7, "decimal"), "7");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="5">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="6"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style>
</w:styles>"#;

    #[test]
    fn counters_levels_and_styles() {
        let mut n = Numbering::parse(Some(NUMBERING), Some(STYLES));
        let mut l = |num: Option<(&str, Option<u32>)>, style| n.label(num, style);
        assert_eq!(l(Some(("1", Some(0))), None).as_deref(), Some("一、"));
        assert_eq!(l(Some(("1", Some(1))), None).as_deref(), Some("（一）"));
        assert_eq!(l(Some(("1", Some(1))), None).as_deref(), Some("（二）"));
        assert_eq!(l(Some(("1", Some(2))), None).as_deref(), Some("1."));
        assert_eq!(l(None, Some("H1")).as_deref(), Some("二、"));
        assert_eq!(
            l(Some(("1", Some(1))), None).as_deref(),
            Some("（一）"),
            "restarted"
        );
        assert_eq!(l(None, Some("H1x")).as_deref(), Some("三、"), "basedOn");
        assert_eq!(l(Some(("2", None)), None), None, "bullets are not text");
        assert_eq!(
            l(Some(("0", None)), Some("H1")),
            None,
            "numId 0 switches off"
        );
        assert_eq!(
            l(Some(("3", Some(0))), None).as_deref(),
            Some("一、"),
            "startOverride"
        );
        assert_eq!(l(Some(("3", Some(0))), None).as_deref(), Some("二、"));
        assert_eq!(l(Some(("9", Some(0))), None), None, "unknown numId");
    }
}
