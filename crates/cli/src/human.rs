//! Human output through ariadne.

use crate::snippet::Snippet;
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind, Source};
use nblint_engine::{FileOutcome, Lang, PositionMap, RunOutput};
use nblint_model::{Diagnostic, LineIndex, Severity};
use std::collections::BTreeMap;
use std::io::Write;

/// Related spans drawn as labels; the rest are counted in a note.
const MAX_RELATED_LABELS: usize = 6;

/// The human report: every diagnostic, then the summary.
pub fn write(out: &mut dyn Write, output: &RunOutput, lang: Lang, color: bool) {
    for file in &output.files {
        let Some(parsed) = &file.parsed else { continue };
        if file.diagnostics.is_empty() {
            continue;
        }
        let text = &parsed.doc.text;
        let index = LineIndex::new(text);
        let fallback;
        let positions = match &file.positions {
            Some(p) => p,
            None => {
                fallback = PositionMap::for_text(text);
                &fallback
            }
        };
        for d in &file.diagnostics {
            let rendered = render(file, text, &index, positions, d, file.lang, color);
            if out.write_all(rendered.as_bytes()).is_err() {
                return; // stdout closed (e.g. piped into `head`)
            }
        }
    }
    let _ = out.write_all(summary(output, lang).as_bytes());
}

fn kind(sev: Severity) -> ReportKind<'static> {
    match sev {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
        Severity::Info => ReportKind::Custom("Info", Color::Cyan),
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
    let id = file.name.clone();
    let primary = snippet.map_span(index, d.span);
    let sev_color = match d.severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Cyan,
    };
    let mut report = Report::build(kind(d.severity), (id.clone(), primary.clone()))
        .with_config(
            Config::default()
                .with_color(color)
                .with_index_type(IndexType::Byte),
        )
        .with_code(&d.rule)
        .with_message(&d.message);
    // Labels in line order: ariadne starts a new group (repeating the
    // header) whenever a label lies above the previous one.
    let here = match lang {
        Lang::Zh => "此处",
        Lang::En => "here",
    };
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
                .with_message(message)
                .with_color(color),
        );
    }
    if d.related.len() > shown_related.len() {
        let more = d.related.len() - shown_related.len();
        report = report.with_note(match lang {
            Lang::Zh => format!("另有 {more} 处相关位置（--format json 列出全部）"),
            Lang::En => format!("{more} more related locations (--format json lists them all)"),
        });
    }
    if let Some(fix) = &d.fix {
        let kind = match (fix.safe, lang) {
            (true, Lang::Zh) => "可自动修复",
            (false, Lang::Zh) => "建议修复，需人工确认",
            (true, Lang::En) => "safe fix",
            (false, Lang::En) => "unsafe fix, review it",
        };
        report = report.with_note(format!("{}（{kind}）", fix.message));
    }
    if !d.help.is_empty() {
        report = report.with_help(&d.help);
    }
    if page.is_some() {
        report = report.with_note(match lang {
            Lang::Zh => "片段取自从 PDF 提取的正文；页码指向 PDF 的页",
            Lang::En => "the excerpt is of the text extracted from the PDF; the page is the PDF's",
        });
    } else if positions.is_mapped() {
        report = report.with_note(match lang {
            Lang::Zh => "片段取自从该文件提取的正文；位置指向原文件",
            Lang::En => {
                "the excerpt is of the text extracted from the file; the position is in the file"
            }
        });
    }
    let mut buf = Vec::new();
    let source = Source::from(snippet.text.clone());
    if report
        .finish()
        .write((id.clone(), source), &mut buf)
        .is_err()
    {
        return String::new();
    }
    let mut s = String::from_utf8_lossy(&buf).into_owned();
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
