//! Human output through ariadne.

use crate::snippet::Snippet;
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use nblint_engine::{FileOutcome, InputKind, Lang, PositionMap, RunOutput};
use nblint_model::{Diagnostic, LineIndex, Severity};
use std::collections::BTreeMap;
use std::io::Write;

/// Related spans drawn as labels; the rest are counted in a note.
const MAX_RELATED_LABELS: usize = 6;

/// The human report: every diagnostic, then the summary (unless `quiet`).
pub fn write(out: &mut dyn Write, output: &RunOutput, lang: Lang, color: bool, quiet: bool) {
    for file in &output.files {
        let Some(parsed) = &file.parsed else { continue };
        if file.diagnostics.is_empty() {
            continue;
        }
        let text = &parsed.doc.text;
        let index = LineIndex::new(text);
        let positions = positions_of(file, text);
        for d in &file.diagnostics {
            let rendered = render(file, text, &index, &positions, d, file.lang, color);
            if out.write_all(rendered.as_bytes()).is_err() {
                return; // stdout closed (e.g. piped into `head`)
            }
        }
    }
    if !quiet {
        let _ = out.write_all(summary(output, lang).as_bytes());
    }
}

/// The file's map of positions, or one for its text alone.
fn positions_of<'a>(file: &'a FileOutcome, text: &str) -> std::borrow::Cow<'a, PositionMap> {
    match &file.positions {
        Some(p) => std::borrow::Cow::Borrowed(p),
        None => std::borrow::Cow::Owned(PositionMap::for_text(text)),
    }
}

/// `--format concise`: `path:line:column: severity[rule] message`, one
/// line per diagnostic (ruff's concise, eslint's compact), in the user's
/// language, then the summary (unless `quiet`).
pub fn write_concise(out: &mut dyn Write, output: &RunOutput, lang: Lang, quiet: bool) {
    for file in &output.files {
        let Some(parsed) = &file.parsed else { continue };
        let text = &parsed.doc.text;
        let positions = positions_of(file, text);
        for d in &file.diagnostics {
            let at = positions.position(text, d.span.start);
            let line = format!(
                "{}:{}:{}: {}[{}] {}\n",
                visible(&file.name),
                at.line,
                at.column,
                severity_word(d.severity, file.lang),
                d.rule,
                visible(&d.message).replace(['\n', '\r'], " ")
            );
            if out.write_all(line.as_bytes()).is_err() {
                return;
            }
        }
    }
    if !quiet {
        let _ = out.write_all(summary(output, lang).as_bytes());
    }
}

/// "错误"/"error": the severity in the run's language.
fn severity_word(sev: Severity, lang: Lang) -> &'static str {
    match sev {
        Severity::Error => lang.pick("错误", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Info => lang.pick("提示", "info"),
    }
}

/// The header of a diagnostic, in the run's language.
fn kind(sev: Severity, lang: Lang) -> ReportKind<'static> {
    let color = match sev {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Cyan,
    };
    ReportKind::Custom(severity_header(sev, lang), color)
}

/// Text from a report or a file name as it may reach a terminal: control
/// characters (which could move the cursor, set the window title or clear
/// the screen) become `?` (C0 and DEL) or `¿` (C1), each as many bytes as
/// the character it replaces, so that spans into the text stay valid.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    let is_bad = |c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r');
    if !s.chars().any(is_bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                c if !is_bad(c) => c,
                c if c.len_utf8() == 1 => '?',
                _ => '¿',
            })
            .collect(),
    )
}

/// ariadne writes "Help:", "Note:" and "Note 2:" in English, indented by
/// as much as the snippet's span arrows need: in a Chinese run they become
/// 修改建议 and 注 (plain, or wrapped in ariadne's colour codes).
fn chinese_labels(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 64);
    for line in s.split_inclusive('\n') {
        out.push_str(&chinese_label_line(line));
    }
    out
}

fn chinese_label_line(line: &str) -> std::borrow::Cow<'_, str> {
    // The label stands after the last gutter bar, its indentation and
    // any colour codes.
    let Some(bar) = line.rfind('│') else {
        return line.into();
    };
    let mut at = bar + '│'.len_utf8();
    loop {
        let rest = &line[at..];
        if rest.starts_with(' ') {
            at += 1;
        } else if rest.starts_with('\u{1b}') {
            match rest.find('m') {
                Some(i) => at += i + 1,
                None => return line.into(),
            }
        } else {
            break;
        }
    }
    let (prefix, rest) = line.split_at(at);
    for (en, zh) in [("Help", "修改建议"), ("Note", "注")] {
        let Some(after) = rest.strip_prefix(en) else {
            continue;
        };
        // "Note 2" keeps its number.
        let digits = after
            .strip_prefix(' ')
            .map(|a| a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len())
            .filter(|&n| n > 0)
            .map_or(0, |n| n + 1);
        let (number, after) = after.split_at(digits);
        let reset = if after.starts_with("\u{1b}[0m") {
            "\u{1b}[0m"
        } else {
            ""
        };
        let Some(text) = after[reset.len()..].strip_prefix(": ") else {
            continue;
        };
        let number = number.trim_start();
        return format!("{prefix}{zh}{number}{reset}：{text}").into();
    }
    line.into()
}

/// Removes terminal escape sequences (`ESC [ … letter`): ariadne paints a
/// custom header kind whatever its configuration says, and without colour
/// nothing may reach a pipe, a file or a `NO_COLOR` terminal.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn severity_header(sev: Severity, lang: Lang) -> &'static str {
    match sev {
        Severity::Error => lang.pick("错误", "Error"),
        Severity::Warning => lang.pick("警告", "Warning"),
        Severity::Info => lang.pick("提示", "Info"),
    }
}

/// One diagnostic as ariadne draws it, over a trimmed snippet, with the
/// header's position replaced by the real one in the user's file.
pub fn render(
    file: &FileOutcome,
    text: &str,
    index: &LineIndex,
    positions: &PositionMap,
    d: &Diagnostic,
    lang: Lang,
    color: bool,
) -> String {
    let page = file
        .parsed
        .as_ref()
        .and_then(|p| p.source_map.pages.as_deref())
        .and_then(|m| m.locate(d.span.start));
    let shown_related = &d.related[..d.related.len().min(MAX_RELATED_LABELS)];
    let mut spans = vec![d.span];
    spans.extend(shown_related.iter().map(|r| r.span));
    let snippet = Snippet::new(text, index, &spans);
    let id = visible(&file.name).into_owned();
    let primary = snippet.map_span(index, d.span);
    let sev_color = match d.severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Cyan,
    };
    let mut report = Report::build(kind(d.severity, lang), (id.clone(), primary.clone()))
        .with_config(
            Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte),
        )
        .with_code(&d.rule)
        .with_message(visible(&d.message));
    // Labels in line order: ariadne starts a new group (repeating the
    // header) whenever a label lies above the previous one.
    let here = lang.pick("此处", "here");
    let mut labels = vec![(primary.clone(), here, sev_color)];
    for r in shown_related {
        labels.push((
            snippet.map_span(index, r.span),
            r.message.as_str(),
            Color::Blue,
        ));
    }
    labels.sort_by_key(|(range, _, _)| range.start);
    for (range, message, color) in labels {
        report = report.with_label(
            Label::new((id.clone(), range))
                .with_message(visible(message))
                .with_color(color),
        );
    }
    if d.related.len() > shown_related.len() {
        let more = d.related.len() - shown_related.len();
        report = report.with_note(lang.pick(
            format!("另有 {more} 处相关位置（--format json 列出全部）"),
            format!("{more} more related locations (--format json lists them all)"),
        ));
    }
    if let Some(fix) = &d.fix {
        // DOCX and PDF files are never fixed by nblint: the change is for
        // the author to make in Word.
        let never_fixed = file
            .parsed
            .as_ref()
            .is_some_and(|p| matches!(p.kind, InputKind::Docx | InputKind::Pdf));
        let kind = match (never_fixed, fix.safe, lang) {
            (true, _, Lang::Zh) => "请在原文档中修改",
            (true, _, Lang::En) => "make this change in the source document",
            (false, true, Lang::Zh) => "可自动修复",
            (false, false, Lang::Zh) => "建议修复，需人工确认",
            (false, true, Lang::En) => "safe fix",
            (false, false, Lang::En) => "unsafe fix, review it",
        };
        report = report.with_note(format!("{}（{kind}）", fix.message));
    }
    if !d.help.is_empty() {
        report = report.with_help(visible(&d.help));
    }
    // On a line too long to find by its column (a page's article on one
    // physical line), say where the problem stands in the document.
    if let Some(parsed) = file
        .parsed
        .as_ref()
        .filter(|_| positions.on_long_line(d.span.start))
    {
        let context = parsed.doc.view().context(d.span.start);
        report = report.with_note(match lang {
            Lang::Zh => format!("位置：{context}"),
            Lang::En => format!("where: {context}"),
        });
    }
    if page.is_some() {
        report = report.with_note(lang.pick(
            "片段取自从 PDF 提取的正文；页码指向 PDF 的页",
            "the excerpt is of the text extracted from the PDF; the page is the PDF's",
        ));
    } else if positions.is_mapped() {
        report = report.with_note(lang.pick(
            "片段取自从该文件提取的正文；位置指向原文件",
            "the excerpt is of the text extracted from the file; the position is in the file",
        ));
    }
    let mut buf = Vec::new();
    let source = Source::from(visible(&snippet.text).into_owned());
    if report
        .finish()
        .write((id.clone(), source), &mut buf)
        .is_err()
    {
        return String::new();
    }
    let mut s = String::from_utf8_lossy(&buf).into_owned();
    if !color {
        s = strip_ansi(&s);
    }
    if lang == Lang::Zh {
        s = chinese_labels(&s);
    }
    // ariadne's header position counts columns in the trimmed snippet (and
    // is repeated when it splits the labels into groups).
    let shown_line = snippet.text[..primary.start].matches('\n').count() + 1;
    let shown = format!("{id}:{shown_line}:{}", snippet.column(primary.start));
    let real = match (page, lang) {
        (Some(p), Lang::Zh) => format!("{id}:第 {} 页", p.page),
        (Some(p), Lang::En) => format!("{id}:page {}", p.page),
        (None, _) => {
            let real = positions.position(text, d.span.start);
            format!("{id}:{}:{}", real.line, real.column)
        }
    };
    if shown != real {
        s = s.replace(&shown, &real);
    }
    s
}

/// "3 个错误，2 个警告" and a count per rule.
pub fn summary(output: &RunOutput, lang: Lang) -> String {
    let errors = output.count(Severity::Error);
    let warnings = output.count(Severity::Warning);
    let infos = output.count(Severity::Info);
    let files = output.files.len();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for d in output.files.iter().flat_map(|f| &f.diagnostics) {
        *per_rule.entry(&d.rule).or_default() += 1;
    }
    let mut s = String::new();
    if !per_rule.is_empty() {
        s.push('\n');
        let width = per_rule.keys().map(|k| k.len()).max().unwrap_or(0);
        for (rule, n) in &per_rule {
            s.push_str(&format!("  {rule:<width$}  {n}\n"));
        }
    }
    let failed = output.files.iter().filter(|f| f.error.is_some()).count();
    if failed > 0 && failed == files {
        // Nothing was checked: "no problems" would be a lie.
        s.push_str(&lang.pick(
            format!("没有检查任何文件：{failed} 个文件无法检查（原因见上）\n"),
            format!(
                "nothing checked: {failed} file{} could not be checked (see above)\n",
                if failed == 1 { "" } else { "s" }
            ),
        ));
        return s;
    }
    match lang {
        Lang::Zh => {
            if errors + warnings + infos == 0 {
                s.push_str(&format!("未发现问题（检查了 {} 个文件）", files - failed));
            } else {
                s.push_str(&format!("{errors} 个错误，{warnings} 个警告"));
                if infos > 0 {
                    s.push_str(&format!("，{infos} 个提示"));
                }
                s.push_str(&format!("（检查了 {} 个文件）", files - failed));
            }
            if failed > 0 {
                s.push_str(&format!("；{failed} 个文件无法检查"));
            }
        }
        Lang::En => {
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            let checked = plural(files - failed, "file");
            if errors + warnings + infos == 0 {
                s.push_str(&format!("no problems found ({checked} checked)"));
            } else {
                s.push_str(&format!(
                    "{}, {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                ));
                if infos > 0 {
                    s.push_str(&format!(", {}", plural(infos, "info")));
                }
                s.push_str(&format!(" ({checked} checked)"));
            }
            if failed > 0 {
                s.push_str(&format!(
                    "; {} could not be checked",
                    plural(failed, "file")
                ));
            }
        }
    }
    s.push('\n');
    s
}
