//! What the format-version rules share: the format a year requires and
//! how to name formats and tables in messages.

use nblint_plugin_api::prelude::*;

/// The format the report year requires (report-format.md, "Format
/// versions"): 2021 from 2021 on, 2019 for 2019 and 2020, the old one before.
pub fn required_format(year: u16) -> FormatVersion {
    match year {
        2021.. => FormatVersion::V2021,
        2019..=2020 => FormatVersion::V2019,
        _ => FormatVersion::PRE2019,
    }
}

/// A format's name with its basis, in Chinese and English.
pub fn format_name(format: FormatVersion) -> (&'static str, &'static str) {
    match format {
        FormatVersion::V2021 => (
            "2021 年格式（国办公开办函〔2021〕30号）",
            "the 2021 format (国办公开办函〔2021〕30号)",
        ),
        FormatVersion::V2019 => (
            "2019 年格式（国办公开办函〔2019〕60号）",
            "the 2019 format (国办公开办函〔2019〕60号)",
        ),
        FormatVersion::PRE2019 => ("2019 年以前的格式", "the pre-2019 format"),
        _ => ("未知格式", "an unknown format"),
    }
}

/// What gives a table's format away, for messages.
pub fn format_evidence(kind: TableKind, format: FormatVersion) -> (&'static str, &'static str) {
    match (kind, format) {
        (TableKind::APPLICATIONS, FormatVersion::V2019) => {
            ("（六）其他处理只有一行", "a single （六）其他处理 row")
        }
        (TableKind::APPLICATIONS, FormatVersion::V2021) => (
            "（六）其他处理分为三行",
            "（六）其他处理 split in three rows",
        ),
        (TableKind::ART20_9, _) => (
            "第（九）项政府集中采购只在 2019 年格式中",
            "item (9) exists only in the 2019 format",
        ),
        (TableKind::ART20_1, FormatVersion::V2019) => (
            "表头为本年新制作数量/本年新公开数量/对外公开总数量",
            "headers 本年新制作数量/本年新公开数量/对外公开总数量",
        ),
        (TableKind::ART20_1, FormatVersion::V2021) => (
            "表头为本年制发件数/本年废止件数/现行有效件数",
            "headers 本年制发件数/本年废止件数/现行有效件数",
        ),
        (TableKind::ART20_5 | TableKind::ART20_6 | TableKind::ART20_8, FormatVersion::V2019) => (
            "表头含上一年项目数量/本年增/减",
            "headers with 上一年项目数量/本年增/减",
        ),
        (TableKind::ART20_5 | TableKind::ART20_6, FormatVersion::V2021) => {
            ("表头为本年处理决定数量", "header 本年处理决定数量")
        }
        (TableKind::ART20_8, FormatVersion::V2021) => ("表头为本年收费金额", "header 本年收费金额"),
        _ => ("", ""),
    }
}

/// The tables of a report whose headers tell a 2019 or 2021 format.
pub fn dated_tables<'a>(ctx: &LintContext<'a>, report: &Report) -> Vec<&'a Table> {
    ctx.doc
        .report_tables(report)
        .iter()
        .filter(|t| matches!(t.format, FormatVersion::V2019 | FormatVersion::V2021))
        .collect()
}

/// Whether the report's tables use both the 2019 and the 2021 format.
pub fn is_mixed(tables: &[&Table]) -> bool {
    tables.iter().any(|t| t.format == FormatVersion::V2019)
        && tables.iter().any(|t| t.format == FormatVersion::V2021)
}

/// Where a diagnostic about a table points: its label, else its header,
/// else the whole table.
pub fn table_anchor(table: &Table) -> Span {
    [table.label, table.header, table.span]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or(table.span)
}

/// Where a table shows the format it follows, for a diagnostic to point
/// at: table 三's single （六）其他处理 row in the 2019 format, the header
/// (the columns of 第二十条's tables), else the table's anchor.
pub fn where_format_shows(ctx: &LintContext<'_>, table: &Table) -> Span {
    if table.kind == TableKind::APPLICATIONS && table.format == FormatVersion::V2019 {
        let other = ctx
            .doc
            .table_rows(table)
            .iter()
            .find(|r| r.key == schema::applications::ROW_OTHER);
        if let Some(row) = other {
            return row.span;
        }
    }
    if !table.header.is_empty() {
        return table.header;
    }
    table_anchor(table)
}

/// “第二十条第（一）项（表头为……）” for a list of tables.
pub fn describe_tables(ctx: &LintContext<'_>, tables: &[&Table]) -> String {
    let parts: Vec<String> = tables
        .iter()
        .map(|t| {
            let (name_zh, name_en) = (schema::table_name(t.kind), schema::table_name_en(t.kind));
            let (ev_zh, ev_en) = format_evidence(t.kind, t.format);
            match (ev_zh.is_empty(), ctx.lang()) {
                (true, Lang::Zh) => format!("“{name_zh}”"),
                (true, Lang::En) => name_en.to_string(),
                (false, Lang::Zh) => format!("“{name_zh}”（{ev_zh}）"),
                (false, Lang::En) => format!("{name_en} ({ev_en})"),
            }
        })
        .collect();
    parts.join(ctx.msg("、", ", ").as_str())
}
