//! Encoding detection and decoding.

use super::{InputError, InputErrorKind};
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// Bytes decoded to UTF-8.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The decoded text, BOM removed.
    pub text: String,
    /// WHATWG name of the encoding used.
    pub encoding: &'static str,
    /// Length of the removed byte order mark (0, 2 or 3).
    pub bom_len: usize,
    /// Malformed sequences replaced by U+FFFD.
    pub replacements: usize,
    /// File byte offset of the first malformed sequence.
    pub first_invalid_byte: Option<usize>,
}

/// Formats that are recognisably not text, by their magic bytes. ZIP is
/// not here (it may be a .docx).
pub(crate) fn known_binary(bytes: &[u8], ext: &str) -> Option<InputError> {
    let what: Option<(&str, &str)> = if bytes.starts_with(b"%PDF-") {
        return Some(InputError::new(
            InputErrorKind::Unsupported,
            "文件是 PDF 文档，nblint 不能直接读取 PDF：请先转换为文本（如 pdftotext）、HTML 或 DOCX 再检查".into(),
            "the file is a PDF document, which nblint cannot read: convert it to text (e.g. pdftotext), HTML or DOCX first".into(),
        ));
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(InputError::new(
            InputErrorKind::Unsupported,
            "文件是旧版 Office/WPS 文档（.doc/.wps/.xls 的 OLE 格式），nblint 不能读取：请另存为 .docx 或文本".into(),
            "the file is a legacy Office/WPS document (OLE format: .doc/.wps/.xls), which nblint cannot read: save it as .docx or text".into(),
        ));
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("PNG 图片", "a PNG image"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("JPEG 图片", "a JPEG image"))
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(("GIF 图片", "a GIF image"))
    } else if bytes.starts_with(&[0x1F, 0x8B]) {
        Some(("gzip 压缩文件", "a gzip archive"))
    } else if bytes.starts_with(b"Rar!\x1a\x07") {
        Some(("RAR 压缩文件", "a RAR archive"))
    } else if bytes.starts_with(b"7z\xBC\xAF\x27\x1C") {
        Some(("7z 压缩文件", "a 7z archive"))
    } else if bytes.starts_with(b"\x7fELF") {
        Some(("ELF 可执行文件", "an ELF executable"))
    } else if bytes.starts_with(b"{\\rtf") {
        return Some(InputError::new(
            InputErrorKind::Unsupported,
            "文件是 RTF 文档，nblint 不能读取：请另存为 .docx 或文本".into(),
            "the file is an RTF document, which nblint cannot read: save it as .docx or text"
                .into(),
        ));
    } else {
        None
    };
    let _ = ext;
    what.map(|(zh, en)| {
        InputError::new(
            InputErrorKind::Binary,
            format!("文件是{zh}，不是文本报告"),
            format!("the file is {en}, not a text report"),
        )
    })
}

/// Decodes `bytes`. `declared` is an encoding the file declares (an HTML
/// `<meta charset>`): it is used when the bytes are not valid UTF-8.
pub(crate) fn decode(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, InputError> {
    // 1. A byte order mark is authoritative.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(enc, &bytes[bom_len..], bom_len));
    }
    // 2. UTF-16 without a BOM: NULs in every other byte.
    if let Some(enc) = sniff_utf16(bytes) {
        let d = decode_with(enc, bytes, 0);
        if d.replacements == 0 && !mostly_controls(&d.text) {
            return Ok(d);
        }
    }
    // 2b. UTF-16 without a BOM and without ASCII (a report all in CJK
    //     and full-width forms has no NUL bytes): the text decodes cleanly
    //     as UTF-16 into CJK while the bytes are not UTF-8.
    if std::str::from_utf8(bytes).is_err() {
        if let Some(d) = cjk_utf16(bytes) {
            return Ok(d);
        }
    }
    // 3. Binary data.
    check_binary(bytes)?;
    // 4. Valid UTF-8 (this includes ASCII).
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
            bom_len: 0,
            replacements: 0,
            first_invalid_byte: None,
        });
    }
    // 5. UTF-8 with a few damaged sequences (a truncated file, one bad
    //    byte) stays UTF-8.
    let stats = utf8_stats(bytes);
    if stats.looks_damaged_utf8() {
        return Ok(decode_with(UTF_8, bytes, 0));
    }
    // 6. The declared encoding, if it decodes cleanly.
    let mut candidates: Vec<Decoded> = Vec::new();
    if let Some(enc) = declared {
        let enc = enc.output_encoding();
        if enc != UTF_8 {
            let d = decode_with(enc, bytes, 0);
            if d.replacements == 0 {
                return Ok(d);
            }
            candidates.push(d);
        }
    }
    // 7. Detection: chardetng, and GB18030 when the text looks Chinese.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(256 << 10)];
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    let gb = decode_with(GB18030, bytes, 0);
    if guess == GBK || guess == GB18030 {
        return Ok(gb);
    }
    if guess == BIG5 {
        let d = decode_with(BIG5, bytes, 0);
        if d.replacements == 0 {
            return Ok(d);
        }
        candidates.push(d);
    }
    if gb.replacements == 0 && looks_cjk(&gb.text) {
        return Ok(gb);
    }
    if guess != UTF_8 && guess != BIG5 {
        let d = decode_with(guess, bytes, 0);
        if d.replacements == 0 {
            return Ok(d);
        }
        candidates.push(d);
    }
    candidates.push(gb);
    candidates.push(decode_with(UTF_8, bytes, 0));
    // Fewest replacements; on a tie the earlier candidate.
    let best = candidates
        .into_iter()
        .enumerate()
        .min_by_key(|(i, d)| (d.replacements, *i))
        .map(|(_, d)| d)
        .expect("candidates is not empty");
    Ok(best)
}

/// Decodes with `enc`, counting malformed sequences.
fn decode_with(enc: &'static Encoding, bytes: &[u8], bom_len: usize) -> Decoded {
    if enc == UTF_8 {
        let mut text = String::with_capacity(bytes.len());
        let mut replacements = 0;
        let mut first = None;
        let mut pos = 0;
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            pos += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                replacements += 1;
                first.get_or_insert(bom_len + pos);
                text.push('\u{FFFD}');
                pos += chunk.invalid().len();
            }
        }
        return Decoded {
            text,
            encoding: UTF_8.name(),
            bom_len,
            replacements,
            first_invalid_byte: first,
        };
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(cap);
    let mut src = bytes;
    let mut consumed = 0usize;
    let mut replacements = 0;
    let mut first = None;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut text, true);
        consumed += read;
        src = &src[read..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                let more = decoder
                    .max_utf8_buffer_length_without_replacement(src.len())
                    .unwrap_or(src.len().saturating_mul(3))
                    .max(16);
                text.reserve(more);
            }
            encoding_rs::DecoderResult::Malformed(bad, extra) => {
                replacements += 1;
                let at = consumed - extra as usize - bad as usize;
                first.get_or_insert(bom_len + at);
                if text.capacity() - text.len() < 3 {
                    text.reserve(16);
                }
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded {
        text,
        encoding: enc.name(),
        bom_len,
        replacements,
        first_invalid_byte: first,
    }
}

/// UTF-16 without a BOM: in the first 64 KiB, at least 40 % of the
/// 16-bit units have a zero high byte and (almost) none a zero low byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(1 << 16) & !1];
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        zero_even += (pair[0] == 0) as usize;
        zero_odd += (pair[1] == 0) as usize;
    }
    if zero_odd * 10 >= units * 4 && zero_even * 50 <= units {
        Some(UTF_16LE)
    } else if zero_even * 10 >= units * 4 && zero_odd * 50 <= units {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Even-length bytes that decode without error as UTF-16 (LE, else BE)
/// into text that is mostly CJK, with line breaks: a BOM-less UTF-16 file
/// of Chinese text. GB18030 bytes seldom pass: their pairs decode into
/// rare ideographs, Hangul or private-use characters, which fail the CJK
/// share test or leave no line break.
fn cjk_utf16(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find_map(|enc| {
        let d = decode_with(enc, bytes, 0);
        let ok = d.replacements == 0
            && !mostly_controls(&d.text)
            && d.text.contains('\n')
            && common_cjk_share(&d.text) >= 0.9;
        ok.then_some(d)
    })
}

/// The share of characters that are common ideographs (the basic block),
/// CJK punctuation, full-width forms, printable ASCII or white space.
fn common_cjk_share(text: &str) -> f64 {
    let (mut total, mut cjk) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        cjk += (matches!(c as u32, 0x4E00..=0x9FA5 | 0x3000..=0x303F | 0xFF01..=0xFF5E)
            || (c.is_ascii() && !c.is_ascii_control())
            || c.is_whitespace()) as usize;
    }
    if total == 0 {
        return 0.0;
    }
    cjk as f64 / total as f64
}

/// Binary: NUL bytes, in numbers no text file has (one stray NUL in a
/// long file is kept as a character).
fn check_binary(bytes: &[u8]) -> Result<(), InputError> {
    let Some(first) = memchr::memchr(0, bytes) else {
        return Ok(());
    };
    let nuls = memchr::memchr_iter(0, bytes).count();
    if nuls >= 16 || nuls * 1000 >= bytes.len() {
        let n = first + 1;
        return Err(InputError::new(
            InputErrorKind::Binary,
            format!("文件看起来是二进制数据（第 {n} 字节起有 NUL，共 {nuls} 个），不是文本报告"),
            format!(
                "the file looks like binary data (NUL bytes from byte {n} on, {nuls} in all), not a text report"
            ),
        ));
    }
    Ok(())
}

/// More than 1 % control characters (other than tab, line breaks, form feed).
fn mostly_controls(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        total += 1;
        controls += (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) as usize;
    }
    controls * 100 > total
}

struct Utf8Stats {
    /// Valid non-ASCII characters.
    multibyte: usize,
    /// Invalid sequences.
    invalid: usize,
}

impl Utf8Stats {
    fn looks_damaged_utf8(&self) -> bool {
        self.invalid > 0 && self.multibyte >= 8 * self.invalid
    }
}

fn utf8_stats(bytes: &[u8]) -> Utf8Stats {
    let mut s = Utf8Stats {
        multibyte: 0,
        invalid: 0,
    };
    for chunk in bytes.utf8_chunks() {
        s.multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        s.invalid += !chunk.invalid().is_empty() as usize;
        if s.invalid >= 64 && s.invalid * 8 > s.multibyte {
            break; // clearly not UTF-8: no need to look further
        }
    }
    s
}

/// Most non-ASCII characters are CJK ideographs or CJK punctuation.
fn looks_cjk(text: &str) -> bool {
    let (mut non_ascii, mut cjk) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        cjk += is_cjk(c) as usize;
    }
    non_ascii > 0 && cjk * 10 >= non_ascii * 7
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF     // CJK unified ideographs
        | 0x3400..=0x4DBF   // extension A
        | 0x3000..=0x303F   // CJK symbols and punctuation
        | 0xFF00..=0xFFEF   // full-width forms
        | 0x2010..=0x2027   // dashes, quotes, ellipsis
        | 0x2460..=0x24FF   // enclosed numbers ①
        | 0x2160..=0x217F   // Roman numerals Ⅰ
        | 0x00B7 | 0x00D7 | 0x00F7 | 0x2030 | 0x2103 | 0x2116 | 0x25A1 | 0x25CB | 0x25CF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_detected() {
        let text = "二〇二〇年政府信息公开工作年度报告，收到申请6件。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn short_gbk() {
        let (bytes, _, _) = GB18030.encode("报告");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "报告");
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = "政府信息公开工作年度报告".as_bytes().to_vec();
        bytes.insert(6, 0xFF);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replacements, 1);
        assert_eq!(d.first_invalid_byte, Some(6));
        assert_eq!(d.text, "政府\u{FFFD}信息公开工作年度报告");
    }

    #[test]
    fn gb18030_malformed_position() {
        let mut bytes = GB18030.encode("政府信息").0.into_owned();
        bytes.push(0x81); // truncated lead byte
        let d = decode_with(GB18030, &bytes, 0);
        assert_eq!(d.replacements, 1);
        assert_eq!(d.first_invalid_byte, Some(8));
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn bomless_utf16() {
        let text = "一、总体情况\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let ascii = "Report 2020\n";
        let le2: Vec<u8> = ascii.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&le2, None).unwrap().text, ascii);
        // CJK-only UTF-16 has no NUL pattern: it is told by its decoding.
        let d = decode(&le, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, None).unwrap().encoding, "UTF-16BE");
        // GB18030 text of even length is not taken for UTF-16.
        let (gb, _, _) = GB18030.encode("二〇二〇年政府信息公开工作年度报告\r\n");
        assert_eq!(decode(&gb, None).unwrap().encoding, "gb18030");
    }

    #[test]
    fn nul_heavy_is_binary() {
        let mut bytes = vec![b'a'; 100];
        bytes[10] = 0;
        let e = decode(&bytes, None).unwrap_err();
        assert_eq!(e.kind, InputErrorKind::Binary);
        assert!(e.message_zh.contains("第 11 字节"), "{}", e.message_zh);
        // One NUL in a long text file is kept.
        let mut long = vec![b'a'; 10_000];
        long[5000] = 0;
        assert_eq!(decode(&long, None).unwrap().text.len(), 10_000);
    }
}
