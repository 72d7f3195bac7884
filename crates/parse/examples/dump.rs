//! Prints what the parser understood of a file (a debugging aid; the
//! user-facing equivalent is `nblint parse`).
use nblint_model::schema;

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let parsed =
        nblint_parse::parse_bytes(Some(path.as_ref()), &bytes, &Default::default()).expect("parse");
    let doc = parsed.doc;
    let v = doc.view();
    let li = nblint_model::LineIndex::new(&doc.text);
    let line = |o: u32| li.line_of(o) + 1;
    for r in &doc.reports {
        println!(
            "REPORT L{}-{} year={} ({}) format={} ({}) agency={:?} ({})",
            line(r.span.start),
            line(r.span.end),
            r.year,
            r.year_source.name(),
            r.format.name(),
            r.format_source.name(),
            v.agency(r),
            r.agency_source.name()
        );
        for s in v.report_sections(r).iter().filter(|s| s.level == 1) {
            println!(
                "  SEC L{} {} {:?} {} {}",
                line(s.heading.start),
                s.number,
                v.slice(s.title),
                s.kind.name(),
                s.title_match.name()
            );
        }
        for t in v.report_tables(r) {
            println!(
                "  TABLE L{} {} {} {}",
                line(t.span.start),
                t.kind.name(),
                t.format.name(),
                t.confidence.name()
            );
            for row in v.table_rows(t) {
                let cells: Vec<String> = v
                    .row_cells(row)
                    .iter()
                    .map(|c| match c.state.name() {
                        "number" => format!("{}", c.value),
                        s => s[..1].to_string(),
                    })
                    .collect();
                println!(
                    "    L{} {:<28} {}",
                    line(row.span.start),
                    match t.kind {
                        nblint_model::TableKind::APPLICATIONS =>
                            schema::applications::row_label(row.key),
                        nblint_model::TableKind::REVIEW => "data",
                        _ => schema::art20::row_label(row.key),
                    },
                    cells.join(" ")
                );
            }
        }
        let n = v.report_figures(r).len();
        println!("  figures: {n}");
    }
    for reg in &doc.regions {
        println!(
            "REGION L{}-{} {}",
            line(reg.span.start),
            line(reg.span.end),
            reg.description
        );
    }
    for i in &doc.issues {
        println!("ISSUE L{} {}", line(i.span.start), i.message_zh);
    }
}
