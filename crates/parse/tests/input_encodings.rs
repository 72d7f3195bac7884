//! `nblint_parse::input`: encodings, BOMs, damaged and hostile bytes.

use nblint_parse::input::{read, InputErrorKind, InputKind};
use nblint_test_support::{seed_names, seed_text};
use std::path::Path;
use std::time::{Duration, Instant};

/// (file name, text) of every seed report, by name.
fn seeds() -> Vec<(String, String)> {
    seed_names()
        .into_iter()
        .map(|name| {
            let text = seed_text(&name);
            (name, text)
        })
        .collect()
}

fn txt() -> Option<&'static Path> {
    Some(Path::new("report.txt"))
}

#[test]
fn utf8_corpus_is_kept_exactly() {
    nblint_test_support::require_corpus!();
    for (name, text) in seeds() {
        let input = read(txt(), text.as_bytes()).unwrap();
        assert_eq!(input.text, text, "{name}");
        assert_eq!(input.encoding, "UTF-8");
        assert_eq!(input.kind, InputKind::Text);
        assert!(input.source_map.is_identity());
        assert_eq!(input.replacements, 0);
    }
}

#[test]
fn gb18030_corpus_decodes_to_the_utf8_text() {
    nblint_test_support::require_corpus!();
    for (name, text) in seeds() {
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable, "{name}");
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{name} must not be UTF-8"
        );
        for path in [txt(), None, Some(Path::new("report.md"))] {
            let input = read(path, &bytes).unwrap();
            assert_eq!(input.text, text, "{name} via {path:?}");
            assert!(
                matches!(input.encoding, "gb18030" | "GBK"),
                "{name}: {}",
                input.encoding
            );
            assert_eq!(input.replacements, 0, "{name}");
            // Many offsets at once agree with one at a time.
            let mut probes: Vec<u32> = text
                .char_indices()
                .step_by(97)
                .map(|(i, _)| i as u32)
                .collect();
            probes.reverse();
            let batch = input.file_offsets(&probes);
            for (k, &t) in probes.iter().enumerate() {
                if k % 100 == 0 {
                    assert_eq!(batch[k], input.file_offset(t), "{name} at {t}");
                }
                let c = text[t as usize..].chars().next().unwrap();
                let one = &text[t as usize..t as usize + c.len_utf8()];
                let enc = encoding_rs::GB18030.encode(one).0;
                assert_eq!(&bytes[batch[k]..batch[k] + enc.len()], &enc[..]);
            }
            // The raw byte offset of a character in the file.
            let needle = "政府信息公开";
            if let Some(at) = text.find(needle) {
                let file_at = input.file_offset(at as u32);
                let enc_needle = encoding_rs::GB18030.encode(needle).0;
                assert_eq!(
                    &bytes[file_at..file_at + enc_needle.len()],
                    &enc_needle[..],
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn gbk_subset_short_text() {
    let text = "一、总体情况\r\n本年新收政府信息公开申请6件。\r\n";
    let bytes = encoding_rs::GBK.encode(text).0;
    let input = read(txt(), &bytes).unwrap();
    assert_eq!(input.text, text, "CRLF is kept");
}

fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom
        .then_some(0xFEFFu16)
        .into_iter()
        .chain(text.encode_utf16());
    for u in units {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_with_bom() {
    nblint_test_support::require_corpus!();
    let (_, text) = seeds().into_iter().next().unwrap();
    for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let bytes = utf16(&text, le, true);
        let input = read(txt(), &bytes).unwrap();
        assert_eq!(input.text, text);
        assert_eq!(input.encoding, name);
        assert_eq!(input.bom_len, 2);
        assert_eq!(input.replacements, 0);
        // File offsets count the BOM and two bytes per BMP character.
        let at = text.find('一').unwrap();
        let chars_before = text[..at].encode_utf16().count();
        assert_eq!(input.file_offset(at as u32), 2 + 2 * chars_before);
    }
}

#[test]
fn utf16_without_bom_ascii_heavy() {
    let text = "Annual report 2020\nTable 1\t6\t0\n";
    let input = read(txt(), &utf16(text, true, false)).unwrap();
    assert_eq!(input.text, text);
    assert_eq!(input.encoding, "UTF-16LE");
    let input = read(txt(), &utf16(text, false, false)).unwrap();
    assert_eq!(input.text, text);
}

#[test]
fn odd_utf16_tail_is_replaced_not_fatal() {
    let mut bytes = utf16("报告", true, true);
    bytes.push(0x41);
    let input = read(txt(), &bytes).unwrap();
    assert_eq!(input.text, "报告\u{FFFD}");
    assert_eq!(input.replacements, 1);
}

#[test]
fn utf8_bom_is_stripped_and_counted() {
    let text = "一、总体情况\n";
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    let input = read(txt(), &bytes).unwrap();
    assert_eq!(input.text, text);
    assert_eq!(input.bom_len, 3);
    assert_eq!(input.encoding, "UTF-8");
    // Text offsets are relative to the decoded text; file offsets add the BOM.
    assert_eq!(input.source_map.to_source(0), 0);
    assert_eq!(input.file_offset(0), 3);
    assert_eq!(input.file_offset(3), 6);
}

#[test]
fn truncated_utf8_is_replaced() {
    nblint_test_support::require_corpus!();
    let (_, text) = seeds().into_iter().next().unwrap();
    let bytes = text.as_bytes();
    // Cut inside the first multi-byte character after byte 1000.
    let cut = (1000..bytes.len())
        .find(|&i| !text.is_char_boundary(i))
        .unwrap();
    let input = read(txt(), &bytes[..cut]).unwrap();
    assert_eq!(input.encoding, "UTF-8");
    assert_eq!(input.replacements, 1);
    let valid = cut - (1..4).find(|k| text.is_char_boundary(cut - k)).unwrap();
    assert_eq!(input.first_invalid_byte, Some(valid));
    assert_eq!(input.text, format!("{}\u{FFFD}", &text[..valid]));

    // A stray invalid byte inside otherwise UTF-8 text stays UTF-8.
    let mut damaged = bytes.to_vec();
    let at = text.find('\n').unwrap();
    damaged.insert(at, 0xFF);
    let input = read(txt(), &damaged).unwrap();
    assert_eq!(input.encoding, "UTF-8");
    assert_eq!(input.replacements, 1);
    assert_eq!(input.first_invalid_byte, Some(at));
}

#[test]
fn empty_input() {
    for p in [
        txt(),
        None,
        Some(Path::new("a.md")),
        Some(Path::new("a.html")),
    ] {
        let input = read(p, b"").unwrap();
        assert_eq!(input.text, "", "{p:?}");
        assert_eq!(input.source_map.to_source(0), 0);
    }
    let err = read(Some(Path::new("a.docx")), b"").unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Corrupt);
}

#[test]
fn markdown_is_text_as_is() {
    let md = "# 2020年报告\r\n\r\n| 信息内容 | 本年新制作数量 |\r\n|---|---|\r\n| 规章 | 0 |\r\n<!-- nblint-disable x -->\n";
    let input = read(Some(Path::new("report.md")), md.as_bytes()).unwrap();
    assert_eq!(input.kind, InputKind::Markdown);
    assert_eq!(input.text, md);
}

#[test]
fn binary_is_refused_with_a_clear_message() {
    let mut bytes = b"\x01\x02abc".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 64));
    bytes.extend_from_slice(b"tail");
    let err = read(txt(), &bytes).unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Binary);
    assert!(err.message_zh.contains("二进制"), "{}", err.message_zh);
    assert!(
        err.message_zh.contains("第 6 字节起有 NUL"),
        "{}",
        err.message_zh
    );
    assert!(err.message_en.contains("binary") && err.message_en.contains("byte 6"));
    assert_eq!(err.to_string(), err.message_zh);
    assert_eq!(err.message, err.message_zh);
    assert_eq!(err.message_in("en"), err.message_en);
    assert_eq!(err.message_in("zh-CN"), err.message_zh);

    // PDF is read now (input/pdf): a truncated one is a damaged PDF.
    let err = read(txt(), b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj").unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Corrupt);
    assert!(err.message_zh.contains("PDF") && err.message_en.contains("PDF"));

    let err = read(
        Some(Path::new("old.doc")),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0",
    )
    .unwrap_err();
    assert_eq!(err.kind, InputErrorKind::Unsupported);
    assert!(err.message_zh.contains(".docx"));
}

/// xorshift: deterministic pseudo-random bytes.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn random_bytes_never_panic() {
    let paths = [
        None,
        txt(),
        Some(Path::new("a.html")),
        Some(Path::new("a.docx")),
        Some(Path::new("a.md")),
    ];
    for seed in 0..200u64 {
        let len = (seed as usize * 37) % 3000;
        let mut bytes = random_bytes(seed, len);
        // Half of them without NULs, so they get decoded rather than refused.
        if seed % 2 == 0 {
            for b in &mut bytes {
                if *b == 0 {
                    *b = b'<';
                }
            }
        }
        for p in paths {
            if let Ok(input) = read(p, &bytes) {
                // Every text offset maps somewhere inside the source.
                let src_len = input.source_text().len() as u32;
                for off in [0, input.text.len() as u32 / 2, input.text.len() as u32] {
                    assert!(input.source_map.to_source(off) <= src_len.max(off));
                }
                let _ = input.file_offset(input.text.len() as u32);
            }
        }
    }
    // Random high bytes: a legacy-encoding guess, never a panic.
    for seed in 0..50u64 {
        let bytes: Vec<u8> = random_bytes(seed + 1000, 500)
            .into_iter()
            .map(|b| b | 0x80)
            .collect();
        let input = read(txt(), &bytes).unwrap();
        assert!(!input.text.is_empty());
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let v = f();
    (v, start.elapsed())
}

#[test]
fn ten_megabyte_single_line_is_linear() {
    // The budget is generous (debug builds, shared cores); quadratic
    // behaviour on 10 MB would take hours.
    let limit = Duration::from_secs(30);
    let unit = "本年新收政府信息公开申请数量6件，予以公开4件，占比66.7%。";
    let n = 10_000_000 / unit.len();
    let line = unit.repeat(n);

    let (input, took) = time(|| read(txt(), line.as_bytes()).unwrap());
    assert_eq!(input.text.len(), line.len());
    assert!(took < limit, "UTF-8 10 MB line took {took:?}");

    let gb = encoding_rs::GB18030.encode(unit).0.repeat(n);
    let (input, took) = time(|| read(txt(), &gb).unwrap());
    assert!(input.text == line);
    assert!(took < limit, "GB18030 10 MB line took {took:?}");

    let html = format!("<p>{}</p>", format!("{unit}&nbsp;<b>x</b> ").repeat(n));
    let (input, took) = time(|| read(Some(Path::new("a.html")), html.as_bytes()).unwrap());
    assert!(input.text == format!("{unit}\u{a0}x ").repeat(n).trim_end().to_owned() + "\n");
    assert!(took < limit, "HTML 10 MB line took {took:?}");

    let cells = "<td>6</td>".repeat(1_000_000);
    let html = format!("<table><tr>{cells}</tr><tr><td rowspan=3>a</td></tr></table>");
    let (input, took) = time(|| read(Some(Path::new("a.html")), html.as_bytes()).unwrap());
    assert_eq!(input.text.matches('\t').count(), 999_999);
    assert!(took < limit, "HTML 10 MB table row took {took:?}");
}

#[test]
fn span_bombs_are_bounded() {
    let html = "<table><tr><td colspan=1000 rowspan=65534>x</td></tr>".to_owned()
        + &"<tr></tr>".repeat(100_000)
        + "</table>";
    let input = read(Some(Path::new("a.html")), html.as_bytes()).unwrap();
    assert!(
        input.text.len() < 10 * html.len() + 1_000_000,
        "{} bytes of text from {} bytes of HTML",
        input.text.len(),
        html.len()
    );
}

/// Every seed and every 平潭 report saved as UTF-16 without a byte order
/// mark (as some Windows tools write it): a mostly Chinese text has too
/// few NUL bytes for the NUL pattern, and is told by its decoding.
#[test]
fn bomless_utf16_corpus_is_detected() {
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/real");
    let mut texts = seeds();
    for name in ["pingtan-szf-2021.txt", "pingtan-szf-2023-pdfplumber.txt"] {
        texts.push((
            name.into(),
            std::fs::read_to_string(own.join(name)).unwrap(),
        ));
    }
    for (name, text) in texts {
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, enc) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let input = read(txt(), &bytes).unwrap_or_else(|e| panic!("{name} {enc}: {e}"));
            assert_eq!(input.encoding, enc, "{name}");
            assert_eq!(input.text, text, "{name} {enc}");
        }
    }
}
