//! `nblint check --fix`, `--unsafe-fixes`, `--diff`.
//!
//! For each file with applicable fixes (safe ones; unsafe ones too with
//! `--unsafe-fixes`), the fixes are applied in passes: the non-overlapping
//! fixes of the current diagnostics are applied together (a fix whose
//! edits overlap an edit already chosen waits for the next pass), the text
//! is parsed and linted again, and so on until no applicable fix changes
//! anything or [`MAX_PASSES`] passes have run. The result is what a second
//! `--fix` would leave unchanged.
//!
//! The decoded file is what is edited: for plain text and Markdown that is
//! the document's text itself; for HTML it is the markup, into which an
//! edit is mapped through the parser's source map only when the text it
//! replaces stands as such in the markup (no tag, entity or synthesised
//! line break inside) and the replacement has no line break; it is
//! escaped. Other HTML fixes are left (a note says so). DOCX files are not
//! fixed. The file is re-encoded in its own encoding (UTF-8, UTF-16 LE/BE,
//! GB18030/GBK/…) with its byte order mark, after checking that
//! re-encoding the unfixed content gives back the file's exact bytes;
//! otherwise it is left alone. Each pass parses the new bytes as the
//! engine reads the file.
//!
//! A write is atomic: a temporary file in the same directory, the
//! original's permissions, fsync, rename over the original. A read-only
//! file is not written (even by root). When anything fails the message
//! names the file and says it was not changed, and the exit code is 2.

use nblint_engine::{lint_document, normalize_agency, Engine, Input, Lang, RunError, RunOutput};
use nblint_model::{Diagnostic, Document, DocumentView, Edit, Span};
use nblint_parse::{InputKind, ParseOptions};
use std::collections::BTreeSet;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Passes of fix, re-lint per file at most.
pub const MAX_PASSES: usize = 10;

/// The fix options of `nblint check`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FixArgs {
    /// Apply the safe fixes to the files (atomically), re-lint them and
    /// report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Apply the unsafe fixes too (implies --fix, or widens --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the fixes instead of writing them; exit 1
    /// when there is something to fix, 0 when not.
    #[arg(long)]
    pub diff: bool,
}

impl FixArgs {
    /// Whether any fix option was given.
    pub fn active(&self) -> bool {
        self.fix || self.unsafe_fixes || self.diff
    }
}

/// What a fix run did.
#[derive(Debug, Default)]
pub struct Report {
    diff: bool,
    unsafe_fixes: bool,
    /// Fixes applied (or, with --diff, that would be).
    fixed: usize,
    /// Files changed (or that would be).
    files: usize,
    /// Applicable fixes left in the files that were fixed (overlapping
    /// fixes that never became applicable, or no convergence).
    left: usize,
    /// A file could not be written or read back: exit code 2.
    pub failed: bool,
}

fn applicable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| (f.safe || unsafe_fixes) && !f.edits.is_empty())
}

/// Fixes the files of `output` and, unless `--diff`, replaces `output`
/// with a new lint of `inputs` (the fixed files). With `--diff`, prints the
/// diffs on standard output.
pub fn run(
    engine: &Engine,
    args: &FixArgs,
    inputs: Vec<Input>,
    compare_with: &[PathBuf],
    output: &mut RunOutput,
    lang: Lang,
) -> Report {
    let mut report = Report {
        diff: args.diff,
        unsafe_fixes: args.unsafe_fixes,
        ..Report::default()
    };
    let stdout = std::io::stdout();
    let mut context = None;
    for (i, file) in output.files.iter().enumerate() {
        if !file
            .diagnostics
            .iter()
            .any(|d| applicable(d, args.unsafe_fixes))
        {
            continue;
        }
        let context = context.get_or_insert_with(|| ContextDocs::new(engine, output, compare_with));
        let fixed = match fix_file(engine, output, i, context, args, lang) {
            Ok(Some(f)) => f,
            Ok(None) => continue,
            Err(Refusal::Note(msg)) => {
                eprintln!("nblint: note: {msg}");
                continue;
            }
            Err(Refusal::Failure(msg)) => {
                eprintln!("nblint: error: {msg}");
                report.failed = true;
                continue;
            }
        };
        report.left += fixed.left;
        if args.diff {
            let diff = similar::TextDiff::from_lines(&fixed.before, &fixed.after);
            let text = diff
                .unified_diff()
                .context_radius(3)
                .header(&file.name, &file.name)
                .to_string();
            let _ = stdout.lock().write_all(text.as_bytes());
            report.fixed += fixed.applied;
            report.files += 1;
            continue;
        }
        let Some(path) = &fixed.path else { continue };
        match write_atomic(path, &fixed.bytes) {
            Ok(()) => {
                report.fixed += fixed.applied;
                report.files += 1;
            }
            Err(e) => {
                eprintln!(
                    "nblint: error: {}",
                    match lang {
                        Lang::Zh =>
                            format!("{}：无法写入修复（{e}），文件未作任何修改", path.display()),
                        Lang::En => format!(
                            "{}: cannot write the fixes ({e}); the file was not changed",
                            path.display()
                        ),
                    }
                );
                report.failed = true;
            }
        }
    }
    if !args.diff && report.files > 0 {
        // The written files are linted again, as any run would.
        let mut fresh = engine.check(inputs);
        for e in std::mem::take(&mut output.errors) {
            if !fresh.errors.contains(&e) {
                fresh.errors.push(e);
            }
        }
        *output = fresh;
    }
    report
}

impl Report {
    /// Prints the summary on standard error (after the diagnostics).
    pub fn print(&self, output: &RunOutput, lang: Lang) {
        let unsafe_left = if self.unsafe_fixes || self.diff {
            0
        } else {
            output
                .files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| applicable(d, true) && !applicable(d, false))
                .count()
        };
        let mut s = match (lang, self.diff) {
            (Lang::Zh, false) => format!("已修复 {} 处（{} 个文件）", self.fixed, self.files),
            (Lang::Zh, true) => format!(
                "可修复 {} 处（{} 个文件），未写入任何文件",
                self.fixed, self.files
            ),
            (Lang::En, false) => format!(
                "fixed {} problem{} in {} file{}",
                self.fixed,
                plural(self.fixed),
                self.files,
                plural(self.files)
            ),
            (Lang::En, true) => format!(
                "would fix {} problem{} in {} file{} (nothing written)",
                self.fixed,
                plural(self.fixed),
                self.files,
                plural(self.files)
            ),
        };
        if self.left > 0 {
            s.push_str(&match lang {
                Lang::Zh => format!(
                    "；{} 处修复与其他修复重叠或在 {MAX_PASSES} 轮后仍未收敛，未应用",
                    self.left
                ),
                Lang::En => format!(
                    "; {} fix{} overlapped others or did not settle within {MAX_PASSES} passes and {} not applied",
                    self.left,
                    if self.left == 1 { "" } else { "es" },
                    if self.left == 1 { "was" } else { "were" }
                ),
            });
        }
        if unsafe_left > 0 {
            s.push_str(&match lang {
                Lang::Zh => format!("；另有 {unsafe_left} 处可用 --unsafe-fixes 修复"),
                Lang::En => format!("; {unsafe_left} more with --unsafe-fixes"),
            });
        }
        eprintln!("{s}");
    }

    /// The exit code of `--diff`: 1 when something would change.
    pub fn diff_exit_code(&self) -> Option<u8> {
        let code = if self.failed {
            crate::EXIT_FAILURE
        } else if self.files > 0 {
            crate::EXIT_DIAGNOSTICS
        } else {
            crate::EXIT_CLEAN
        };
        self.diff.then_some(code)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

enum Refusal {
    /// The file is not fixed, which is not a failure (HTML, stdin).
    Note(String),
    /// Something went wrong: exit code 2.
    Failure(String),
}

struct FixedFile {
    /// `None` for standard input (only diffed).
    path: Option<PathBuf>,
    before: String,
    after: String,
    /// The new file content.
    bytes: Vec<u8>,
    applied: usize,
    left: usize,
}

/// The documents other files are linted against: the run's files (as
/// they were) and the `--compare-with` files, with their agencies.
struct ContextDocs<'a> {
    run: Vec<(usize, &'a Document, BTreeSet<String>)>,
    extra: Vec<(Document, BTreeSet<String>)>,
}

impl<'a> ContextDocs<'a> {
    fn new(engine: &Engine, output: &'a RunOutput, compare_with: &[PathBuf]) -> ContextDocs<'a> {
        let mut run = Vec::new();
        for (i, f) in output.files.iter().enumerate() {
            if let Some(p) = &f.parsed {
                run.push((i, &p.doc, agencies(&p.doc)));
            }
        }
        let mut extra = Vec::new();
        for path in compare_with {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let Ok(config) = engine.config_for(Some(path)) else {
                continue;
            };
            let s = engine.settings_for(&config, Some(path));
            let opts = ParseOptions {
                file_name: None,
                year: s.year,
                agency: s.agency,
            };
            if let Ok(Ok(p)) = catch_unwind(AssertUnwindSafe(|| {
                nblint_parse::parse_bytes(Some(path), &bytes, &opts)
            })) {
                let a = agencies(&p.doc);
                extra.push((p.doc, a));
            }
        }
        ContextDocs { run, extra }
    }

    /// The other documents sharing an agency with `doc`.
    fn related(&self, doc: &Document, me: usize) -> Vec<DocumentView<'_>> {
        let mine = agencies(doc);
        let run = self
            .run
            .iter()
            .filter(|(i, _, a)| *i != me && !mine.is_disjoint(a))
            .map(|(_, d, _)| d.view());
        let extra = self
            .extra
            .iter()
            .filter(|(_, a)| !mine.is_disjoint(a))
            .map(|(d, _)| d.view());
        run.chain(extra).collect()
    }
}

fn agencies(doc: &Document) -> BTreeSet<String> {
    let view = doc.view();
    view.reports
        .iter()
        .map(|r| normalize_agency(view.agency(r)))
        .filter(|a| !a.is_empty())
        .collect()
}

fn fix_file(
    engine: &Engine,
    output: &RunOutput,
    index: usize,
    context: &ContextDocs,
    args: &FixArgs,
    lang: Lang,
) -> Result<Option<FixedFile>, Refusal> {
    let unsafe_fixes = args.unsafe_fixes;
    let file = &output.files[index];
    let zh = lang == Lang::Zh;
    let note = |zh_msg: &str, en_msg: &str| {
        Refusal::Note(if zh {
            format!("{}：{zh_msg}，未修改", file.name)
        } else {
            format!("{}: {en_msg}; not changed", file.name)
        })
    };
    let path = file.path.clone();
    if path.is_none() && !args.diff {
        return Err(note(
            "标准输入无法就地修复（用 --diff 查看修复）",
            "standard input cannot be fixed in place (use --diff to see the fixes)",
        ));
    }
    let Some(parsed) = &file.parsed else {
        return Ok(None);
    };
    match parsed.kind {
        InputKind::Text | InputKind::Markdown | InputKind::Html => {}
        InputKind::Docx => {
            return Err(note(
                "DOCX 文件不自动修复，请在文字处理软件中按提示修改",
                "DOCX files are not fixed automatically; apply the fixes in a word processor",
            ))
        }
        InputKind::Pdf => {
            return Err(note(
                "PDF 文件不自动修复，请在原始文档中按提示修改后重新导出 PDF",
                "PDF files are not fixed automatically; apply the fixes in the source document and export the PDF again",
            ))
        }
    }
    let failure = |zh_msg: String, en_msg: String| {
        Refusal::Failure(if zh {
            format!("{}：{zh_msg}，文件未作任何修改", file.name)
        } else {
            format!("{}: {en_msg}; the file was not changed", file.name)
        })
    };
    let unrepresentable = |encoding: &str| {
        failure(
            format!("修复插入了 {encoding} 无法表示的字符"),
            format!("a fix inserts characters that {encoding} cannot represent"),
        )
    };
    // Standard input (diffed only) is UTF-8 text.
    let codec = match &path {
        None => Codec::Utf8 { bom: false },
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| {
                failure(
                    format!("无法重新读取（{e}）"),
                    format!("cannot read it again ({e})"),
                )
            })?;
            let codec = Codec::new(&bytes, parsed.encoding);
            if codec.encode(source_of(parsed)).as_ref() != Some(&bytes) {
                return Err(failure(
                    format!(
                        "无法按原编码（{}）原样写回（文件含无法解码的字节，或在检查期间被修改）",
                        parsed.encoding
                    ),
                    format!(
                        "it cannot be written back exactly in its encoding ({}): it holds bytes that do not decode, or it changed during the run",
                        parsed.encoding
                    ),
                ));
            }
            codec
        }
    };
    let path_ref = path.as_deref();
    let config = engine.config_for(path_ref).map_err(|e| {
        let e = RunError::from(e);
        failure(e.to_string(), e.to_string())
    })?;
    let settings = engine.settings_for(&config, path_ref);
    let (plugins, _) = engine.plugins_for(&config);
    let opts = ParseOptions {
        file_name: path_ref
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned()),
        year: settings.year,
        agency: settings.agency.clone(),
    };
    let related = context.related(&parsed.doc, index);

    // The file's decoded content (the markup for HTML) is what is edited;
    // each pass parses it again as the engine would read the file.
    let before = source_of(parsed).to_string();
    let mut text = before.clone();
    let mut diagnostics = file.diagnostics.clone();
    let mut current: Option<nblint_parse::ParsedFile> = None;
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
        let Some(bytes) = codec.encode(&text) else {
            return Err(unrepresentable(parsed.encoding));
        };
        let parse = catch_unwind(AssertUnwindSafe(|| {
            nblint_parse::parse_bytes(path_ref, &bytes, &opts)
        }));
        let Ok(Ok(p)) = parse else {
            return Err(failure(
                "修复后的文本无法解析（内部错误）".into(),
                "the fixed text cannot be parsed (internal error)".into(),
            ));
        };
        diagnostics = lint_document(&p.doc, &related, &settings, &plugins, &config.declarative);
        current = Some(p);
    }
    if text == before {
        if parsed.kind == InputKind::Html {
            return Err(note(
                "其修复无法安全地写入 HTML 标记（跨越标签或实体、插入或换行），请按提示手工修改",
                "its fixes cannot be written into the HTML markup safely (they cross tags or entities, insert text or lines); apply them by hand",
            ));
        }
        return Ok(None);
    }
    let left = diagnostics
        .iter()
        .filter(|d| applicable(d, unsafe_fixes))
        .count();
    let Some(new_bytes) = codec.encode(&text) else {
        return Err(unrepresentable(parsed.encoding));
    };
    Ok(Some(FixedFile {
        path,
        before,
        after: text,
        bytes: new_bytes,
        applied,
        left,
    }))
}

fn overlaps(a: Span, b: Span) -> bool {
    if a.start == a.end && b.start == b.end {
        return a.start == b.start;
    }
    a.start < b.end && b.start < a.end
}

/// The decoded file: the HTML markup, or the text itself.
fn source_of(parsed: &nblint_parse::ParsedFile) -> &str {
    parsed.source.as_deref().unwrap_or(&parsed.doc.text)
}

/// An edit of the document's text as an edit of the decoded file. For
/// HTML only a replacement of text that appears as such in the markup (no
/// tag, entity or synthesised line break inside it) by text without line
/// breaks, escaped; `None` otherwise.
fn map_edit(parsed: &nblint_parse::ParsedFile, e: &Edit) -> Option<Edit> {
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

/// Replaces `path` with `bytes` atomically: a temporary file in the same
/// directory with the original's permissions, synced, renamed over the
/// original. A read-only file is refused. On failure the original is
/// untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    // Through a symbolic link, the file it points to is replaced.
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(Error::new(
            ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    // Fails for a user without write access to the file.
    std::fs::OpenOptions::new().append(true).open(&target)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".nblint-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().set_permissions(meta.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keeps the owner when allowed (root); harmless otherwise.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
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
            Some(Path::new("r.html")),
            html.as_bytes(),
            &ParseOptions::default(),
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
