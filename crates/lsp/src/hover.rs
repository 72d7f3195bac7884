//! Hover: the explanation of the rules reported at a position and, on a
//! total cell of the 三 or 四 table, its computation (`3 + 1 + 1 + 8 = 13`).

use crate::analysis::Analysis;
use crate::text::Encoding;
use nblint_engine::{Config, Engine, Lang};
use nblint_model::schema::{self, applications as app, review, Identity};
use nblint_model::{DocumentView, TableKind};
use nblint_plugin_api::fmt_num;
use tower_lsp_server::ls_types as lsp;

impl Analysis {
    /// Hover: the explanation of the rules reported at the position and, on
    /// a total cell, its computation.
    pub fn hover(&self, engine: &Engine, pos: lsp::Position, enc: Encoding) -> Option<lsp::Hover> {
        let at = self.text.offset(pos, enc);
        let mut parts: Vec<String> = Vec::new();
        let mut range: Option<lsp::Range> = None;
        if let Some((text, r)) = self.total_at(at, enc) {
            parts.push(text);
            range = Some(r);
        }
        let mut rules: Vec<&str> = Vec::new();
        for (d, r) in self.diagnostics_at(lsp::Range::new(pos, pos), enc) {
            if !rules.contains(&d.rule.as_str()) {
                rules.push(&d.rule);
                range.get_or_insert(r);
            }
        }
        for rule in rules {
            if let Some(e) = explain(engine, self.config.as_deref(), rule, self.lang) {
                parts.push(e);
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range,
        })
    }

    /// The computation of the total cell at an editor offset.
    fn total_at(&self, at: u32, enc: Encoding) -> Option<(String, lsp::Range)> {
        let parsed = self.parsed.as_ref()?;
        let view = parsed.doc.view();
        for t in view.tables {
            if t.kind != TableKind::APPLICATIONS && t.kind != TableKind::REVIEW {
                continue;
            }
            let (ts, te) = (
                self.editor_offset(t.span.start),
                self.editor_offset(t.span.end),
            );
            if at < ts || at > te {
                continue;
            }
            for row in view.table_rows(t) {
                for cell in view.row_cells(row) {
                    let s = self.editor_offset(cell.span.start);
                    let e = self.editor_offset(cell.span.end);
                    if at < s || at > e {
                        continue;
                    }
                    let sums = total_sums(&view, t, cell.row_key, cell.col_key, self.lang);
                    if sums.is_empty() {
                        return None;
                    }
                    return Some((sums.join("\n\n"), self.range(cell.span, enc)));
                }
            }
        }
        None
    }
}

/// The sums a total cell is: `3 + 1 + 1 + 8 = 13` with the labels of the
/// parts, one per identity of the schema the cell closes (its column's and
/// its row's).
fn total_sums(
    view: &DocumentView<'_>,
    t: &nblint_model::Table,
    row: u16,
    col: u16,
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut sum = |label: String, parts: Vec<(String, Option<f64>)>, total: Option<f64>| {
        if parts.is_empty() {
            return;
        }
        let shown: Vec<&(String, Option<f64>)> = if parts.len() > 6 {
            parts.iter().filter(|(_, v)| *v != Some(0.0)).collect()
        } else {
            parts.iter().collect()
        };
        let expr: Vec<String> = shown
            .iter()
            .map(|(_, v)| v.map_or("?".to_string(), fmt_num))
            .collect();
        let expr = if expr.is_empty() {
            "0".to_string()
        } else {
            expr.join(" + ")
        };
        let values: Option<Vec<f64>> = parts.iter().map(|(_, v)| *v).collect();
        let mut s = format!("**{label}**\n\n`");
        match &values {
            Some(v) => {
                let total_sum: f64 = v.iter().sum();
                s.push_str(&format!("{expr} = {}`", fmt_num(total_sum)));
                if let Some(tv) = total {
                    if (tv - total_sum).abs() > 1e-6 {
                        s.push_str(&lang.pick(
                            format!("（表中为 {}）", fmt_num(tv)),
                            format!(" (the table says {})", fmt_num(tv)),
                        ));
                    }
                }
            }
            None => {
                s.push_str(&format!("{expr}`"));
                s.push_str(lang.pick(
                    "（有的单元格不是数字，无法计算）",
                    " (some cells are not numbers; cannot compute)",
                ));
            }
        }
        s.push('\n');
        for (l, v) in &shown {
            s.push_str(&format!("\n- {l}: {}", v.map_or("?".to_string(), fmt_num)));
        }
        out.push(s);
    };
    let value = |r: u16, c: u16| view.find_cell(t, r, c).and_then(|c| c.number());
    let total = value(row, col);
    let label = |r: u16, c: u16| schema::cell_label(t.kind, r, c);
    let present: Vec<u16> = view.table_rows(t).iter().map(|r| r.key).collect();
    let identities = match t.kind {
        TableKind::APPLICATIONS => app::identities(&present),
        TableKind::REVIEW => review::identities(),
        _ => Vec::new(),
    };
    let mut closed: Vec<&Identity> = identities
        .iter()
        .filter(|i| i.total == (row, col))
        .collect();
    // A column's sum before the row's (the grand total closes both).
    closed.sort_by_key(|i| i.parts.iter().all(|p| p.0 == row));
    for identity in closed {
        let parts = identity
            .parts
            .iter()
            .filter(|&&(r, c)| view.find_cell(t, r, c).is_some())
            .map(|&(r, c)| (label(r, c), value(r, c)))
            .collect();
        sum(label(row, col), parts, total);
    }
    out
}

/// A rule's explanation in Markdown: summary, rationale, source.
pub fn explain(engine: &Engine, config: Option<&Config>, rule: &str, lang: Lang) -> Option<String> {
    let default = Config::default();
    let (rules, _) = engine.rules(config.unwrap_or(&default));
    let entry = rules.iter().find(|e| e.rule.id == rule)?;
    let docs = &entry.rule.docs;
    let (l_why, l_source) = lang.pick(("原因", "依据"), ("Rationale", "Source"));
    let mut s = format!("**{}** — {}", entry.rule.id, docs.summary(lang));
    if !docs.rationale(lang).is_empty() {
        s.push_str(&format!("\n\n*{l_why}*: {}", docs.rationale(lang)));
    }
    if !docs.source(lang).is_empty() {
        s.push_str(&format!("\n\n*{l_source}*: {}", docs.source(lang)));
    }
    Some(s)
}
