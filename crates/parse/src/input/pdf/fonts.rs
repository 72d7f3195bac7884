//! Fonts: splitting a shown string into character codes, each code's
//! Unicode text and its advance width.
//!
//! What Chinese government PDFs use: simple TrueType/Type1 subsets with a
//! `ToUnicode` map (LibreOffice), Type0 fonts with `Identity-H` and a
//! `ToUnicode` map (WPS, Word), and Type0 fonts with a predefined Adobe-GB1
//! CMap and no `ToUnicode` (older producers): for those the code itself is
//! the text in GBK/GB2312 (`GBK-EUC-H`, `GB-EUC-H`, `GBpc-EUC-H`,
//! `GBK2K-H`) or in UCS-2/UTF-16 (`UniGB-UCS2-H`, `UniGB-UTF16-H`).

use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// Largest font program or CMap decoded (bytes).
const MAX_CMAP: usize = 8 << 20;
/// Most entries one `bfrange` may expand to.
const MAX_RANGE: u32 = 1 << 16;

/// How the bytes of a string are cut into codes.
#[derive(Clone, Debug)]
enum Codes {
    /// One byte per code.
    One,
    /// Two bytes per code.
    Two,
    /// Ranges from a CMap's `codespacerange`: (length, low, high) per byte.
    Ranges(Vec<(u8, Vec<u8>, Vec<u8>)>),
    /// GBK/GB 18030 style: bytes below 0x80 alone, others in pairs.
    Euc,
}

/// What the codes mean when there is no `ToUnicode` entry for them.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fallback {
    /// A one-byte encoding table.
    Table,
    /// The code is GBK text.
    Gbk,
    /// The code is UTF-16BE text.
    Utf16,
    /// The code is a CID of the Adobe-GB1 collection (Identity-H over a
    /// CID-keyed font that declares GB1, without ToUnicode).
    AdobeGb1,
    /// Nothing known (Identity-H without ToUnicode).
    None,
}

/// Unicode of each Adobe-GB1 CID (NUL: none); see data/gen_adobe_gb1.py.
static ADOBE_GB1: &str = include_str!("data/adobe_gb1.txt");

fn adobe_gb1(cid: u32) -> Option<char> {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| ADOBE_GB1.chars().collect());
    t.get(cid as usize).copied().filter(|&c| c != '\0')
}

/// A font as the reader needs it.
#[derive(Clone, Debug)]
pub(crate) struct Font {
    codes: Codes,
    to_unicode: HashMap<u32, String>,
    fallback: Fallback,
    /// One-byte table for simple fonts (code → char).
    table: Option<Box<[char; 256]>>,
    /// Widths in glyph space (1/1000 em) by code.
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Type3 fonts scale widths by their FontMatrix.
    width_scale: f32,
}

/// One decoded character code of a shown string.
pub(crate) struct Glyph {
    pub text: String,
    /// Advance in text space units per unit font size (width / 1000).
    pub advance: f32,
    /// A single-byte code 32 (word spacing applies).
    pub is_space_code: bool,
}

impl Font {
    /// A font nothing is known of: one byte per code, Latin-1.
    pub(crate) fn unknown() -> Font {
        Font {
            codes: Codes::One,
            to_unicode: HashMap::new(),
            fallback: Fallback::Table,
            table: Some(latin1()),
            widths: HashMap::new(),
            default_width: 500.0,
            width_scale: 0.001,
        }
    }

    pub(crate) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| parse_cmap(&b))
            .unwrap_or_default();
        if subtype == b"Type0" {
            Font::type0(doc, dict, to_unicode)
        } else {
            Font::simple(doc, dict, to_unicode, subtype == b"Type3")
        }
    }

    fn type0(doc: &Document, dict: &Dictionary, cmap: ParsedCmap) -> Font {
        let encoding = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
        let (codes, fallback) = match encoding {
            Some(Object::Name(n)) => predefined(n),
            Some(Object::Stream(s)) => {
                // An embedded CMap: its codespace ranges cut the codes; the
                // CIDs it maps to mean nothing without ToUnicode.
                let bytes = s.get_plain_content_with_limit(MAX_CMAP).unwrap_or_default();
                let parsed = parse_cmap(&bytes);
                let codes = if parsed.ranges.is_empty() {
                    Codes::Two
                } else {
                    Codes::Ranges(parsed.ranges)
                };
                (codes, Fallback::None)
            }
            _ => (Codes::Two, Fallback::None),
        };
        // A ToUnicode map's own codespace wins only when the encoding
        // named none (Identity-H is two bytes whatever it says).
        let codes = match codes {
            Codes::Two if matches!(fallback, Fallback::None) && !cmap.ranges.is_empty() => {
                let two = cmap.ranges.iter().all(|r| r.0 == 2);
                if two {
                    Codes::Two
                } else {
                    Codes::Ranges(cmap.ranges.clone())
                }
            }
            c => c,
        };
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let mut widths = HashMap::new();
        let mut default_width = 1000.0;
        if let Some(d) = descendant {
            if let Some(dw) = d.get(b"DW").ok().and_then(|o| num(doc, o)) {
                default_width = dw;
            }
            if let Some(w) = d.get(b"W").ok().map(|o| deref(doc, o)) {
                if let Ok(arr) = w.as_array() {
                    cid_widths(doc, arr, &mut widths);
                }
            }
        }
        // Identity-H over a font whose CIDs are those of Adobe-GB1: a
        // CID-keyed CFF font, or a font not embedded (the reader's own
        // GB1 font draws it).
        let fallback = match (fallback, descendant) {
            (Fallback::None, Some(d)) if declares_gb1(doc, d) => Fallback::AdobeGb1,
            (f, _) => f,
        };
        // For Identity-H the code is the CID; for the predefined GB CMaps
        // the CID is not the code, so their widths are the default.
        if !matches!(fallback, Fallback::None | Fallback::AdobeGb1) {
            widths.clear();
        }
        Font {
            codes,
            to_unicode: cmap.map,
            fallback,
            table: None,
            widths,
            default_width,
            width_scale: 0.001,
        }
    }

    fn simple(doc: &Document, dict: &Dictionary, cmap: ParsedCmap, type3: bool) -> Font {
        let mut table = match dict.get(b"Encoding").ok().map(|o| deref(doc, o)) {
            Some(Object::Name(n)) => base_table(n),
            Some(Object::Dictionary(d)) => {
                let mut t = d
                    .get(b"BaseEncoding")
                    .ok()
                    .and_then(|o| name(doc, Some(o)))
                    .map_or_else(standard_or_latin1, |n| base_table(&n));
                if let Ok(diffs) = d.get(b"Differences").and_then(Object::as_array) {
                    apply_differences(&mut t, diffs);
                }
                t
            }
            _ => standard_or_latin1(),
        };
        // Symbolic subsets without an encoding: only ToUnicode helps.
        if table.iter().all(|&c| c == '\0') {
            table = latin1();
        }
        let first = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| num(doc, o))
            .unwrap_or(0.0) as u32;
        let mut widths = HashMap::new();
        if let Some(Object::Array(arr)) = dict.get(b"Widths").ok().map(|o| deref(doc, o)) {
            for (i, w) in arr.iter().take(256).enumerate() {
                if let Some(w) = num(doc, w) {
                    widths.insert(first + i as u32, w);
                }
            }
        }
        let width_scale = if type3 {
            dict.get(b"FontMatrix")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| num(doc, o))
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let default_width = dict
            .get(b"FontDescriptor")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(|o| num(doc, o))
            .unwrap_or(if type3 { 0.0 } else { 500.0 });
        Font {
            codes: Codes::One,
            to_unicode: cmap.map,
            fallback: Fallback::Table,
            table: Some(table),
            widths,
            default_width,
            width_scale,
        }
    }

    /// True when the font can say nothing about its characters (a CID
    /// font without ToUnicode and without a known CMap).
    pub(crate) fn is_opaque(&self) -> bool {
        self.fallback == Fallback::None && self.to_unicode.is_empty()
    }

    /// Cuts `bytes` into codes and decodes each.
    pub(crate) fn decode(&self, bytes: &[u8], out: &mut Vec<Glyph>) {
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]).min(bytes.len() - i).max(1);
            let raw = &bytes[i..i + len];
            let code = raw.iter().fold(0u32, |a, &b| (a << 8) | b as u32);
            let text = unify_radicals(self.text_of(code, raw));
            let w = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            out.push(Glyph {
                text,
                advance: w * self.width_scale,
                is_space_code: len == 1 && code == 32,
            });
            i += len;
        }
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        match &self.codes {
            Codes::One => 1,
            Codes::Two => 2,
            Codes::Euc => {
                if rest[0] < 0x80 {
                    1
                } else {
                    2
                }
            }
            Codes::Ranges(ranges) => {
                for (len, lo, hi) in ranges {
                    let n = *len as usize;
                    if rest.len() >= n && (0..n).all(|k| lo[k] <= rest[k] && rest[k] <= hi[k]) {
                        return n;
                    }
                }
                ranges.iter().map(|r| r.0 as usize).min().unwrap_or(1)
            }
        }
    }

    fn text_of(&self, code: u32, raw: &[u8]) -> String {
        if let Some(t) = self.to_unicode.get(&code) {
            return t.clone();
        }
        match self.fallback {
            Fallback::Table => self
                .table
                .as_ref()
                .map(|t| t[(code & 0xFF) as usize])
                .filter(|&c| c != '\0')
                .map(String::from)
                .unwrap_or_default(),
            Fallback::Gbk => {
                let (s, _, bad) = encoding_rs::GB18030.decode(raw);
                if bad {
                    String::new()
                } else {
                    s.into_owned()
                }
            }
            Fallback::Utf16 => {
                let (s, bad) = encoding_rs::UTF_16BE.decode_without_bom_handling(raw);
                if bad {
                    String::new()
                } else {
                    s.into_owned()
                }
            }
            Fallback::AdobeGb1 => adobe_gb1(code).map(String::from).unwrap_or_default(),
            Fallback::None => String::new(),
        }
    }
}

/// WPS and Word exports often map CJK glyphs to Kangxi radicals
/// (⼀ U+2F00 for 一) or compatibility ideographs in `ToUnicode`: they look
/// the same but match nothing. Their compatibility forms are the unified
/// ideographs.
fn unify_radicals(text: String) -> String {
    let odd = |c: char| matches!(c as u32, 0x2E80..=0x2EFF | 0x2F00..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F);
    if !text.chars().any(odd) {
        return text;
    }
    use unicode_normalization::UnicodeNormalization;
    text.chars()
        .flat_map(|c| {
            let v: Vec<char> = if odd(c) {
                std::iter::once(c).nfkc().collect()
            } else {
                vec![c]
            };
            v
        })
        .collect()
}

/// A descendant CID font whose CIDs are Adobe-GB1's.
fn declares_gb1(doc: &Document, d: &Dictionary) -> bool {
    let ordering = d
        .get(b"CIDSystemInfo")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|i| i.get(b"Ordering").ok())
        .map(|o| deref(doc, o));
    let gb1 = matches!(ordering, Some(Object::String(s, _)) if s == b"GB1");
    let cff = name(doc, d.get(b"Subtype").ok()).as_deref() == Some(b"CIDFontType0");
    let embedded_truetype = d
        .get(b"FontDescriptor")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .is_some_and(|fd| fd.has(b"FontFile2"));
    gb1 && (cff || !embedded_truetype)
}

fn predefined(n: &[u8]) -> (Codes, Fallback) {
    match n {
        b"Identity-H" | b"Identity-V" => (Codes::Two, Fallback::None),
        b"UniGB-UCS2-H" | b"UniGB-UCS2-V" | b"UniGB-UTF16-H" | b"UniGB-UTF16-V" => {
            (Codes::Two, Fallback::Utf16)
        }
        b"GB-EUC-H" | b"GB-EUC-V" | b"GBpc-EUC-H" | b"GBpc-EUC-V" | b"GBK-EUC-H" | b"GBK-EUC-V"
        | b"GBKp-EUC-H" | b"GBKp-EUC-V" | b"GBK2K-H" | b"GBK2K-V" | b"GBT-EUC-H" | b"GBT-EUC-V" => {
            (Codes::Euc, Fallback::Gbk)
        }
        _ => (Codes::Two, Fallback::None),
    }
}

pub(crate) fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(t) => o = t,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub(crate) fn num(doc: &Document, o: &Object) -> Option<f32> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn name(doc: &Document, o: Option<&Object>) -> Option<Vec<u8>> {
    match deref(doc, o?) {
        Object::Name(n) => Some(n.clone()),
        _ => None,
    }
}

fn stream_bytes(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => s.get_plain_content_with_limit(MAX_CMAP).ok(),
        _ => None,
    }
}

/// `W` array of a CID font: `c [w1 w2 …]` or `c1 c2 w`.
fn cid_widths(doc: &Document, arr: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < arr.len() && out.len() < 1 << 17 {
        let Some(first) = num(doc, &arr[i]) else {
            return;
        };
        let first = first.max(0.0) as u32;
        match arr.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    if let Some(w) = num(doc, w) {
                        out.insert(first.saturating_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(doc, o).unwrap_or(first as f32).max(0.0) as u32;
                let w = arr.get(i + 2).and_then(|o| num(doc, o)).unwrap_or(1000.0);
                for c in first..=last.min(first.saturating_add(MAX_RANGE)) {
                    out.insert(c, w);
                }
                i += 3;
            }
            None => return,
        }
    }
}

/// A parsed CMap: code → text, and the codespace ranges.
#[derive(Default)]
struct ParsedCmap {
    map: HashMap<u32, String>,
    ranges: Vec<(u8, Vec<u8>, Vec<u8>)>,
}

/// Tokens of a CMap: hex strings, numbers/names/operators, array brackets.
#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

fn tokens(b: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < 4_000_000 {
        match b[i] {
            b'%' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if b.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if b.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = b[start..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |p| start + p);
                let digits: Vec<u8> = b[start..end]
                    .iter()
                    .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let mut bytes: Vec<u8> = digits
                    .chunks(2)
                    .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
                    .collect();
                if bytes.is_empty() {
                    bytes.push(0);
                }
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            c if c.is_ascii_whitespace() || c == b'(' || c == b')' || c == b'{' || c == b'}' => {
                i += 1
            }
            _ => {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && !b"<>[]%(){}".contains(&b[i]) {
                    i += 1;
                }
                out.push(Tok::Word(&b[start..i]));
            }
        }
    }
    out
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |a, &b| (a << 8) | b as u32)
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
        .collect();
    String::from_utf16_lossy(&units)
        .chars()
        .filter(|&c| c != '\0')
        .collect()
}

fn parse_cmap(b: &[u8]) -> ParsedCmap {
    let toks = tokens(b);
    let mut out = ParsedCmap::default();
    let mut i = 0;
    let mut section: &[u8] = b"";
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(
                w @ (b"begincodespacerange"
                | b"beginbfchar"
                | b"beginbfrange"
                | b"begincidchar"
                | b"begincidrange"),
            ) => {
                section = w;
                i += 1;
            }
            Tok::Word(
                b"endcodespacerange" | b"endbfchar" | b"endbfrange" | b"endcidchar"
                | b"endcidrange",
            ) => {
                section = b"";
                i += 1;
            }
            Tok::Hex(lo) if section == b"begincodespacerange" => {
                if let Some(Tok::Hex(hi)) = toks.get(i + 1) {
                    if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                        out.ranges.push((lo.len() as u8, lo.clone(), hi.clone()));
                    }
                }
                i += 2;
            }
            Tok::Hex(src) if section == b"beginbfchar" => {
                if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                    out.map.insert(be(src), utf16(dst));
                }
                i += 2;
            }
            Tok::Hex(lo) if section == b"beginbfrange" => {
                let (lo, hi) = (be(lo), toks.get(i + 1));
                let hi = match hi {
                    Some(Tok::Hex(h)) => be(h),
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let hi = hi.min(lo.saturating_add(MAX_RANGE));
                match toks.get(i + 2) {
                    Some(Tok::Hex(dst)) => {
                        // The last byte of the destination counts up.
                        let mut d = dst.clone();
                        for code in lo..=hi {
                            out.map.insert(code, utf16(&d));
                            if let Some(last) = d.last_mut() {
                                let (v, carry) = last.overflowing_add(1);
                                *last = v;
                                if carry && d.len() >= 2 {
                                    let n = d.len();
                                    d[n - 2] = d[n - 2].wrapping_add(1);
                                }
                            }
                        }
                        i += 3;
                    }
                    Some(Tok::Open) => {
                        let mut k = i + 3;
                        let mut code = lo;
                        while let Some(Tok::Hex(dst)) = toks.get(k) {
                            if code <= hi {
                                out.map.insert(code, utf16(dst));
                            }
                            code = code.saturating_add(1);
                            k += 1;
                        }
                        i = k + 1;
                    }
                    _ => i += 2,
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn latin1() -> Box<[char; 256]> {
    let mut t = Box::new(['\0'; 256]);
    for (i, c) in t.iter_mut().enumerate() {
        if i >= 32 {
            *c = char::from_u32(i as u32).unwrap_or('\0');
        }
    }
    t
}

fn standard_or_latin1() -> Box<[char; 256]> {
    // StandardEncoding agrees with Latin-1 on ASCII, which is what
    // reports use outside their CJK fonts.
    latin1()
}

fn base_table(n: &[u8]) -> Box<[char; 256]> {
    let mut t = latin1();
    if n == b"WinAnsiEncoding" {
        const HIGH: [char; 32] = [
            '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0',
            '\0', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
        ];
        for (i, c) in HIGH.iter().enumerate() {
            t[0x80 + i] = *c;
        }
    }
    t
}

fn apply_differences(t: &mut [char; 256], diffs: &[Object]) {
    let mut code = 0usize;
    for o in diffs {
        match o {
            Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
            Object::Name(n) => {
                if code < 256 {
                    if let Some(c) = glyph_char(n) {
                        t[code] = c;
                    }
                }
                code += 1;
            }
            _ => {}
        }
    }
}

/// The character of a glyph name: `uniXXXX`, `uXXXX[XX]`, single letters
/// and digits, and the common punctuation names.
fn glyph_char(n: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(n).ok()?;
    if let Some(h) = s.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    }
    if let Some(h) = s.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Ok(v) = u32::from_str_radix(h, 16) {
            return char::from_u32(v);
        }
    }
    let mut cs = s.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return Some(c);
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("colon", ':'),
        ("semicolon", ';'),
        ("hyphen", '-'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("percent", '%'),
        ("slash", '/'),
        ("plus", '+'),
        ("equal", '='),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("quotedbl", '"'),
        ("quotesingle", '\''),
        ("underscore", '_'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("bullet", '•'),
        ("ellipsis", '…'),
    ];
    NAMES.iter().find(|(k, _)| *k == s).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_bfchar_and_bfrange() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0A1B> <4E00> endbfchar\n\
            2 beginbfrange <0010> <0012> <FF08> <0020> <0021> [<62A5> <544A>] endbfrange";
        let p = parse_cmap(cmap);
        assert_eq!(p.ranges.len(), 1);
        assert_eq!(p.map[&0x0A1B], "一");
        assert_eq!(p.map[&0x0011], "）");
        assert_eq!(p.map[&0x0021], "告");
    }

    #[test]
    fn kangxi_radicals_become_ideographs() {
        assert_eq!(unify_radicals("⼀、总体情况".into()), "一、总体情况");
        assert_eq!(unify_radicals("⽂字".into()), "文字");
        assert_eq!(unify_radicals("\u{F9B2}".into()), "零");
        assert_eq!(unify_radicals("（二）".into()), "（二）");
    }

    #[test]
    fn adobe_gb1_cids() {
        assert_eq!(adobe_gb1(1), Some(' '));
        assert_eq!(adobe_gb1(17), Some('0'));
        // GB 2312 row 16 starts at CID 940: 啊 阿 埃; 一 is CID 4162
        // (UniGB-UTF16-H: <554a> 940, <4e00> 4162).
        assert_eq!(
            (940..943).filter_map(adobe_gb1).collect::<String>(),
            "啊阿埃"
        );
        assert_eq!(adobe_gb1(4162), Some('一'));
    }

    #[test]
    fn gbk_codes_decode_as_gbk() {
        let mut f = Font::unknown();
        f.codes = Codes::Euc;
        f.fallback = Fallback::Gbk;
        f.table = None;
        let (bytes, _, _) = encoding_rs::GBK.encode("报告1");
        let mut out = Vec::new();
        f.decode(&bytes, &mut out);
        let text: String = out.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "报告1");
        assert_eq!(out.len(), 3);
    }
}
