//! Fixes applied to a fixed point (`nblint check --fix`, `--diff`).
//!
//! For each file with applicable fixes (safe ones; unsafe ones too when
//! asked), the fixes are applied in passes: the non-overlapping fixes of
//! the current diagnostics are applied together (a fix whose edits overlap
//! an edit already chosen waits for the next pass), the text is parsed and
//! linted again through the pipeline, and so on until no applicable fix
//! changes anything or [`MAX_PASSES`] passes have run. The result is what
//! a second `--fix` would leave unchanged.
//!
//! The decoded file is what is edited: for plain text and Markdown that is
//! the document's text itself; for HTML it is the markup, into which an
//! edit is mapped through the parser's source map only when the text it
//! replaces stands as such in the markup (no tag, entity or synthesised
//! line break inside) and the replacement has no line break; it is
//! escaped. Other HTML fixes are left ([`FixRefusal::Html`]). DOCX files
//! are not fixed. The new content is encoded in the file's own encoding
//! (UTF-8, UTF-16 LE/BE, GB18030/GBK/…) with its byte order mark, after
//! checking that encoding the unfixed content gives back the file's exact
//! bytes. Writing the file is the front end's business.

use crate::linter::{FileOutcome, RunOutput, Source};
use crate::related::{agencies, AgencyIndex};
use crate::setup::Engine;
use nblint_model::{Diagnostic, DocumentView, Edit, Span};
use nblint_parse::{InputKind, ParsedFile};
use nblint_plugin_api::Lang;
use std::path::PathBuf;

/// Passes of fix, re-lint per file at most.
pub const MAX_PASSES: usize = 10;

/// Whether a diagnostic has a fix that may be applied (unsafe ones only
/// with `unsafe_fixes`).
pub fn applicable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| (f.safe || unsafe_fixes) && !f.edits.is_empty())
}

/// A file fixed to a fixed point.
#[derive(Debug)]
pub struct FixedSource {
    /// `None` for standard input (only diffed).
    pub path: Option<PathBuf>,
    /// The decoded file before and after (the markup for HTML).
    pub before: String,
    pub after: String,
    /// The new file content, in the file's encoding.
    pub bytes: Vec<u8>,
    /// Fixes applied.
    pub applied: usize,
    /// Applicable fixes left (overlapping fixes that never became
    /// applicable, or no convergence).
    pub left: usize,
}

/// Why a file was not fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixRefusal {
    /// Standard input cannot be fixed in place (only diffed).
    Stdin,
    /// DOCX files are not fixed.
    Docx,
    /// PDF files are not fixed: the fix belongs in the source document.
    Pdf,
    /// The HTML file's fixes cannot be written into its markup safely.
    Html,
    /// The file cannot be read again.
    Reread(String),
    /// Encoding the unfixed content does not give back the file's bytes.
    NotExact { encoding: String },
    /// A fix inserts characters the file's encoding cannot represent.
    Unrepresentable { encoding: String },
    /// The fixed text cannot be parsed (a bug).
    Unparsable,
    /// The file's configuration cannot be used.
    Config(String),
}

impl FixRefusal {
    /// Whether this is a failure (exit code 2) rather than a note.
    pub fn is_failure(&self) -> bool {
        !matches!(
            self,
            FixRefusal::Stdin | FixRefusal::Docx | FixRefusal::Html
        )
    }

    /// The message about the file `name`, saying it was not changed.
    pub fn message(&self, name: &str, lang: Lang) -> String {
        let (zh, en) = match self {
            FixRefusal::Stdin => (
                "标准输入无法就地修复（用 --diff 查看修复）".to_string(),
                "standard input cannot be fixed in place (use --diff to see the fixes)".to_string(),
            ),
            FixRefusal::Docx => (
                "DOCX 文件不自动修复，请在文字处理软件中按提示修改".into(),
                "DOCX files are not fixed automatically; apply the fixes in a word processor".into(),
            ),
            FixRefusal::Pdf => (
                "PDF 文件不自动修复，请在原始文档中按提示修改后重新导出 PDF".into(),
                "PDF files are not fixed automatically; apply the fixes in the source document and export the PDF again".into(),
            ),
            FixRefusal::Html => (
                "其修复无法安全地写入 HTML 标记（跨越标签或实体、插入或换行），请按提示手工修改".into(),
                "its fixes cannot be written into the HTML markup safely (they cross tags or entities, insert text or lines); apply them by hand".into(),
            ),
            FixRefusal::Reread(e) => (
                format!("无法重新读取（{e}）"),
                format!("cannot read it again ({e})"),
            ),
            FixRefusal::NotExact { encoding } => (
                format!("无法按原编码（{encoding}）原样写回（文件含无法解码的字节，或在检查期间被修改）"),
                format!("it cannot be written back exactly in its encoding ({encoding}): it holds bytes that do not decode, or it changed during the run"),
            ),
            FixRefusal::Unrepresentable { encoding } => (
                format!("修复插入了 {encoding} 无法表示的字符"),
                format!("a fix inserts characters that {encoding} cannot represent"),
            ),
            FixRefusal::Unparsable => (
                "修复后的文本无法解析（内部错误）".into(),
                "the fixed text cannot be parsed (internal error)".into(),
            ),
            FixRefusal::Config(e) => (e.clone(), e.clone()),
        };
        match (self.is_failure(), lang) {
            (false, Lang::Zh) => format!("{name}：{zh}，未修改"),
            (false, Lang::En) => format!("{name}: {en}; not changed"),
            (true, Lang::Zh) => format!("{name}：{zh}，文件未作任何修改"),
            (true, Lang::En) => format!("{name}: {en}; the file was not changed"),
        }
    }
}

/// The documents a fixed file is linted against: the run's files (as
/// they were) and its `--compare-with` files, indexed by agency.
struct RelatedDocs<'a> {
    docs: Vec<Option<&'a ParsedFile>>,
    /// Keys: indices into `docs`; the run's files come first, at their
    /// index in the run.
    index: AgencyIndex<usize>,
}

impl<'a> RelatedDocs<'a> {
    fn new(output: &'a RunOutput) -> RelatedDocs<'a> {
        let mut docs = Vec::new();
        let mut index = AgencyIndex::default();
        let run = output.files.iter().map(|f| f.parsed.as_ref());
        for (i, parsed) in run.chain(output.context.iter().map(Some)).enumerate() {
            if let Some(p) = parsed {
                index.insert(i, agencies(&p.doc));
            }
            docs.push(parsed);
        }
        RelatedDocs { docs, index }
    }

    fn related(&self, me: usize) -> Vec<DocumentView<'_>> {
        let Some(mine) = self.index.agencies_of(&me) else {
            return Vec::new();
        };
        self.index
            .related(mine, Some(&me))
            .into_iter()
            .filter_map(|i| self.docs[i].map(|p| p.doc.view()))
            .collect()
    }
}

impl Engine {
    /// Fixes every file of a run that has an applicable fix, each to a
    /// fixed point, against the same related reports the run used. With
    /// `in_place` false (a diff), standard input is fixed too. Returns the
    /// run's file index with what came of it (`Ok(None)`: nothing changed).
    pub fn fix(
        &self,
        output: &RunOutput,
        unsafe_fixes: bool,
        in_place: bool,
    ) -> Vec<(usize, Result<Option<FixedSource>, FixRefusal>)> {
        let wanted: Vec<usize> = (0..output.files.len())
            .filter(|&i| {
                output.files[i]
                    .diagnostics
                    .iter()
                    .any(|d| applicable(d, unsafe_fixes))
            })
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let related = RelatedDocs::new(output);
        wanted
            .into_iter()
            .map(|i| {
                let file = &output.files[i];
                let result = self.fix_file(file, &related.related(i), unsafe_fixes, in_place);
                (i, result)
            })
            .collect()
    }

    fn fix_file(
        &self,
        file: &FileOutcome,
        related: &[DocumentView],
        unsafe_fixes: bool,
        in_place: bool,
    ) -> Result<Option<FixedSource>, FixRefusal> {
        let path = file.path.clone();
        if path.is_none() && in_place {
            return Err(FixRefusal::Stdin);
        }
        let Some(parsed) = &file.parsed else {
            return Ok(None);
        };
        match parsed.kind {
            InputKind::Docx => return Err(FixRefusal::Docx),
            InputKind::Pdf => return Err(FixRefusal::Pdf),
            _ => {}
        }
        let encoding = || parsed.encoding.to_string();
        // Standard input (diffed only) is UTF-8 text.
        let codec = match &path {
            None => Codec::Utf8 { bom: false },
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| FixRefusal::Reread(e.to_string()))?;
                let codec = Codec::new(&bytes, parsed.encoding);
                if codec.encode(source_of(parsed)).as_ref() != Some(&bytes) {
                    return Err(FixRefusal::NotExact {
                        encoding: encoding(),
                    });
                }
                codec
            }
        };
        let (setup, _) = self.setup_one(path.as_deref());
        let setup = setup.map_err(|e| FixRefusal::Config(e.to_string()))?;

        // The file's decoded content (the markup for HTML) is what is
        // edited; each pass parses it again as the run read the file.
        let before = source_of(parsed).to_string();
        let mut text = before.clone();
        let mut diagnostics = file.diagnostics.clone();
        let mut current: Option<ParsedFile> = None;
        let mut applied = 0;
        for _ in 0..MAX_PASSES {
            let p = current.as_ref().unwrap_or(parsed);
            let fixes = fixes_in(&text, &diagnostics, unsafe_fixes, |e| map_edit(p, e));
            let (next, n) = apply_edits(&text, fixes);
            if n == 0 {
                break;
            }
            applied += n;
            text = next;
            let bytes = codec
                .encode(&text)
                .ok_or_else(|| FixRefusal::Unrepresentable {
                    encoding: encoding(),
                })?;
            let source = Source {
                path: path.as_deref(),
                bytes: &bytes,
            };
            let p = self
                .parse(source, &setup.settings)
                .map_err(|_| FixRefusal::Unparsable)?;
            diagnostics = setup.lint(&p.doc, related);
            current = Some(p);
        }
        if text == before {
            if parsed.kind == InputKind::Html {
                return Err(FixRefusal::Html);
            }
            return Ok(None);
        }
        let left = diagnostics
            .iter()
            .filter(|d| applicable(d, unsafe_fixes))
            .count();
        let bytes = codec
            .encode(&text)
            .ok_or_else(|| FixRefusal::Unrepresentable {
                encoding: encoding(),
            })?;
        Ok(Some(FixedSource {
            path,
            before,
            after: text,
            bytes,
            applied,
            left,
        }))
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    if a.start == a.end && b.start == b.end {
        return a.start == b.start;
    }
    a.start < b.end && b.start < a.end
}

/// The decoded file: the HTML markup, or the text itself.
fn source_of(parsed: &ParsedFile) -> &str {
    parsed.source.as_deref().unwrap_or(&parsed.doc.text)
}

/// An edit of the document's text as an edit of the decoded file. For
/// HTML only a replacement of text that appears as such in the markup (no
/// tag, entity or synthesised line break inside it) by text without line
/// breaks, escaped; `None` otherwise.
fn map_edit(parsed: &ParsedFile, e: &Edit) -> Option<Edit> {
    let Some(source) = parsed.source.as_deref() else {
        return Some(e.clone());
    };
    if parsed.source_map.is_identity() && source == parsed.doc.text {
        return Some(e.clone());
    }
    let (start, end) = (e.span.start, e.span.end);
    if start >= end || e.replacement.contains(['\n', '\r']) {
        return None;
    }
    let piece = parsed.doc.text.get(start as usize..end as usize)?;
    let map = &parsed.source_map;
    let from = map.to_source(start) as usize;
    if source.get(from..from + piece.len()) != Some(piece) {
        return None;
    }
    // The text runs on in the markup without a jump inside the span.
    let first = map.points.partition_point(|&(t, _)| t <= start);
    for &(t, s) in &map.points[first..] {
        if t >= end {
            break;
        }
        if s as usize != from + (t - start) as usize {
            return None;
        }
    }
    let replacement = e
        .replacement
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Some(Edit {
        span: Span::new(from, from + piece.len()),
        replacement,
    })
}

/// The applicable fixes of `diagnostics` as edits of `content` (`map`
/// turns an edit of the document's text into one of `content`; a fix with
/// an edit it cannot map, or outside `content`, is left out). Edits that
/// change nothing are dropped; a fix of only those is already applied.
fn fixes_in(
    content: &str,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
    map: impl Fn(&Edit) -> Option<Edit>,
) -> Vec<Vec<Edit>> {
    let mut fixes = Vec::new();
    for d in diagnostics.iter().filter(|d| applicable(d, unsafe_fixes)) {
        let Some(fix) = &d.fix else { continue };
        let Some(edits) = fix.edits.iter().map(&map).collect::<Option<Vec<Edit>>>() else {
            continue;
        };
        let valid = edits.iter().all(|e| {
            let (s, t) = (e.span.start as usize, e.span.end as usize);
            s <= t
                && t <= content.len()
                && content.is_char_boundary(s)
                && content.is_char_boundary(t)
        });
        if !valid {
            continue;
        }
        let edits: Vec<Edit> = edits
            .into_iter()
            .filter(|e| content[e.span.range()] != *e.replacement)
            .collect();
        if !edits.is_empty() {
            fixes.push(edits);
        }
    }
    fixes
}

/// Applies the non-overlapping applicable fixes of `diagnostics` to
/// `text` (in order of position; a fix is applied whole or not at all).
/// Returns the new text and the number of fixes applied.
#[cfg(test)]
fn apply_fixes(text: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (String, usize) {
    apply_edits(
        text,
        fixes_in(text, diagnostics, unsafe_fixes, |e| Some(e.clone())),
    )
}

/// Applies the fixes (each a list of edits) that do not overlap an
/// earlier one, in order of position. Returns the new content and the
/// number of fixes applied.
fn apply_edits(content: &str, mut fixes: Vec<Vec<Edit>>) -> (String, usize) {
    let text = content;
    fixes.sort_by_key(|edits| edits.iter().map(|e| (e.span.start, e.span.end)).min());
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for edits in &fixes {
        let clash = edits.iter().enumerate().any(|(i, e)| {
            chosen.iter().any(|c| overlaps(e.span, c.span))
                || edits[..i].iter().any(|o| overlaps(e.span, o.span))
        });
        if clash {
            continue;
        }
        chosen.extend(edits);
        count += 1;
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&text[at..e.span.start as usize]);
        out.push_str(&e.replacement);
        at = e.span.end as usize;
    }
    out.push_str(&text[at..]);
    (out, count)
}

/// How a plain-text file's text is turned back into its bytes.
enum Codec {
    Utf8 { bom: bool },
    Utf16 { little_endian: bool, bom: bool },
    Legacy(&'static encoding_rs::Encoding),
    Unknown,
}

impl Codec {
    fn new(bytes: &[u8], encoding: &str) -> Codec {
        match encoding {
            "UTF-8" => Codec::Utf8 {
                bom: bytes.starts_with(b"\xEF\xBB\xBF"),
            },
            "UTF-16LE" => Codec::Utf16 {
                little_endian: true,
                bom: bytes.starts_with(b"\xFF\xFE"),
            },
            "UTF-16BE" => Codec::Utf16 {
                little_endian: false,
                bom: bytes.starts_with(b"\xFE\xFF"),
            },
            name => encoding_rs::Encoding::for_label(name.as_bytes())
                .filter(|e| e.output_encoding() == *e)
                .map_or(Codec::Unknown, Codec::Legacy),
        }
    }

    /// The file's bytes for `text`; `None` when the encoding cannot
    /// represent it.
    fn encode(&self, text: &str) -> Option<Vec<u8>> {
        match self {
            Codec::Utf8 { bom } => {
                let mut out = Vec::with_capacity(text.len() + 3);
                if *bom {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                }
                out.extend_from_slice(text.as_bytes());
                Some(out)
            }
            Codec::Utf16 { little_endian, bom } => {
                let mut out = Vec::with_capacity(text.len() * 2 + 2);
                let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
                for u in units {
                    out.extend_from_slice(&if *little_endian {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    });
                }
                Some(out)
            }
            Codec::Legacy(enc) => {
                let (bytes, _, unmappable) = enc.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
            Codec::Unknown => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nblint_model::{Fix, Severity};

    fn diag(start: usize, end: usize, replacement: &str, safe: bool) -> Diagnostic {
        Diagnostic {
            rule: "t/r".into(),
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, end),
            related: vec![],
            fix: Some(Fix {
                message: String::new(),
                safe,
                edits: vec![Edit {
                    span: Span::new(start, end),
                    replacement: replacement.into(),
                }],
            }),
            help: String::new(),
        }
    }

    #[test]
    fn non_overlapping_edits_apply_and_overlapping_ones_wait() {
        let text = "abcdef";
        let d = [
            diag(0, 2, "X", true),
            diag(1, 3, "Y", true),
            diag(4, 4, "Z", true),
            diag(5, 6, "W", false),
        ];
        assert_eq!(apply_fixes(text, &d, false), ("XcdZef".into(), 2));
        assert_eq!(apply_fixes(text, &d, true), ("XcdZeW".into(), 3));
        // An edit that changes nothing is not a fix.
        assert_eq!(apply_fixes(text, &[diag(0, 1, "a", true)], false).1, 0);
        // Out of range or inside a character: skipped.
        assert_eq!(apply_fixes("é", &[diag(1, 2, "e", true)], false).1, 0);
    }

    #[test]
    fn html_edits_map_into_the_markup_only_where_the_text_stands_as_such() {
        let html = "<p>六、其他</p>\n<p>a<b>b</b>c &amp; d</p>\n";
        let parsed = nblint_parse::parse_bytes(
            Some(std::path::Path::new("r.html")),
            html.as_bytes(),
            &Default::default(),
        )
        .unwrap();
        let text = &parsed.doc.text;
        let edit = |needle: &str, replacement: &str| {
            let s = text.find(needle).unwrap();
            Edit {
                span: Span::new(s, s + needle.len()),
                replacement: replacement.into(),
            }
        };
        let m = map_edit(&parsed, &edit("其他", "其<他>")).unwrap();
        assert_eq!(&html[m.span.range()], "其他");
        assert_eq!(m.replacement, "其&lt;他&gt;");
        // Across a tag, across an entity, an insertion, a line break: no.
        assert!(map_edit(&parsed, &edit("abc", "x")).is_none());
        assert!(map_edit(&parsed, &edit("& d", "x")).is_none());
        assert!(map_edit(&parsed, &edit("", "x")).is_none());
        assert!(map_edit(&parsed, &edit("其他", "x\ny")).is_none());
    }

    #[test]
    fn codecs_round_trip_with_their_bom() {
        let text = "一、总体情况\r\n";
        for (bytes, name) in [
            (
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                "UTF-8",
            ),
            (text.as_bytes().to_vec(), "UTF-8"),
            (encoding_rs::GB18030.encode(text).0.into_owned(), "gb18030"),
            (
                [
                    b"\xFF\xFE".to_vec(),
                    text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                ]
                .concat(),
                "UTF-16LE",
            ),
            (
                text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                "UTF-16BE",
            ),
        ] {
            let c = Codec::new(&bytes, name);
            assert_eq!(c.encode(text).unwrap(), bytes, "{name}");
        }
        assert!(Codec::new(b"", "GBK").encode("😀").is_none());
    }
}
