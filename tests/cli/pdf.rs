//! PDF reports end to end: the same diagnostics as the DOCX they were
//! exported from, located by page (tests/fixtures/pdf/README.md says how
//! the files were made).

use crate::ci_formats::{assert_valid_sarif, sarif_validator};
use crate::common::{corpus, repo_root, run};
use serde_json::Value;
use std::path::Path;

fn fixtures() -> std::path::PathBuf {
    repo_root().join("tests/fixtures/pdf")
}

/// A directory with the given fixtures and an empty configuration (all
/// bundled rules on).
fn dir_with(files: &[(&Path, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nblint.toml"), "").unwrap();
    for (from, to) in files {
        std::fs::copy(from, dir.path().join(to)).unwrap();
    }
    dir
}

/// (rule, severity, message, help) of a diagnostic.
type Key = (String, String, String, String);

/// The key of each diagnostic, and the pages. Lines are left out: the
/// DOCX reader gives a line to every paragraph, blank ones included, the
/// PDF has no blank lines.
fn diagnostics(v: &Value) -> (Vec<Key>, Vec<Option<u64>>) {
    let ds = v["files"][0]["diagnostics"].as_array().unwrap();
    let key = ds
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                d["help"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let pages = ds.iter().map(|d| d["page"]["page"].as_u64()).collect();
    (key, pages)
}

#[test]
fn a_pdf_gives_the_diagnostics_of_its_docx_with_pages() {
    let mut pairs: Vec<(std::path::PathBuf, std::path::PathBuf)> = [
        "pingtan-szf-2021-defect",
        "pingtan-szf-2021",
        "pingtan-szf-2023",
        "pingtan-szf-2019",
        "pingtan-xzf-2012",
    ]
    .iter()
    .map(|n| {
        (
            fixtures().join(format!("{n}.docx")),
            fixtures().join(format!("{n}.pdf")),
        )
    })
    .collect();
    if let Some(c) = corpus() {
        pairs.push((
            c.join("template-2021-format.docx"),
            fixtures().join("template-2021-format.pdf"),
        ));
    }
    let mut seen = 0;
    for (docx, pdf) in pairs {
        let dir = dir_with(&[(&docx, "r.docx"), (&pdf, "r.pdf")]);
        let a = run(dir.path(), &["check", "--format", "json", "r.docx"]);
        let b = run(dir.path(), &["check", "--format", "json", "r.pdf"]);
        assert_eq!(a.code, b.code, "{}\n{a:?}\n{b:?}", pdf.display());
        let (mut da, pa) = diagnostics(&a.json());
        let (mut db, pb) = diagnostics(&b.json());
        // Two infos about the whole report may stand at one place in one
        // and at two in the other: compared as sets.
        da.sort();
        db.sort();
        assert_eq!(da, db, "{}", pdf.display());
        assert!(pa.iter().all(Option::is_none));
        assert!(pb.iter().all(Option::is_some), "{}: {pb:?}", pdf.display());
        seen += db.len();
    }
    assert!(seen >= 4, "the pairs gave {seen} diagnostics");
}

/// One seeded defect in table 三 (（七）总计·自然人 63 → 64, on page 3 of
/// the PDF while rows 一 and 二 are on page 2): the table is checked as one
/// table, and every diagnostic is on page 3.
#[test]
fn a_defect_in_table_three_is_found_on_its_page() {
    let pdf = fixtures().join("pingtan-szf-2021-defect.pdf");
    let dir = dir_with(&[(&pdf, "r.pdf")]);
    let r = run(dir.path(), &["check", "--format", "json", "r.pdf"]);
    assert_eq!(r.code, 1, "{r:?}");
    let v = r.json();
    let ds = v["files"][0]["diagnostics"].as_array().unwrap();
    // The infos that no report of last year was found stand on page 1.
    let ds: Vec<&Value> = ds.iter().filter(|d| d["severity"] != "info").collect();
    let rules: Vec<&str> = ds.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        [
            "arithmetic/balance",
            "arithmetic/result-total",
            "arithmetic/row-total"
        ]
    );
    for d in &ds {
        assert_eq!(d["page"]["page"], 3, "{d}");
        assert!(d["page"]["x"].as_u64().unwrap() > 200);
        assert!(d["page"]["y"].as_u64().unwrap() > 600);
    }
    assert!(ds[0]["message"].as_str().unwrap().contains("64 + 1 = 65"));
    // The related cells of rows 一 and 二 are on page 2.
    let related: Vec<u64> = ds[0]["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["page"]["page"].as_u64().unwrap())
        .collect();
    assert!(related.contains(&2) && related.contains(&3), "{related:?}");

    let human = run(dir.path(), &["check", "r.pdf"]);
    assert!(human.stdout.contains("r.pdf:第 3 页"), "{}", human.stdout);
    assert!(!human.stdout.contains("r.pdf:52:"), "{}", human.stdout);
    let en = run(dir.path(), &["check", "--lang", "en", "r.pdf"]);
    assert!(en.stdout.contains("r.pdf:page 3"), "{}", en.stdout);

    let sarif = run(dir.path(), &["check", "--format", "sarif", "r.pdf"]);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_valid_sarif(&sarif_validator(), &log, "PDF");
    let results: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] != "note")
        .collect();
    assert_eq!(results.len(), 3);
    for res in results {
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["properties"]["page"], 3, "{region}");
    }
}

#[test]
fn parse_shows_the_page_of_tables_and_cells() {
    let pdf = fixtures().join("pingtan-szf-2021.pdf");
    let dir = dir_with(&[(&pdf, "r.pdf")]);
    let r = run(dir.path(), &["parse", "--format", "json", "r.pdf"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    assert_eq!(v["kind"], "pdf");
    let tables = v["reports"][0]["tables"].as_array().unwrap();
    let three = tables.iter().find(|t| t["kind"] == "applications").unwrap();
    assert_eq!(three["at"]["page"], 2);
    let pages: Vec<u64> = three["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap())
        .map(|c| c["at"]["page"].as_u64().unwrap())
        .collect();
    assert!(pages.contains(&2) && pages.contains(&3));
    assert!(pages.windows(2).all(|w| w[0] <= w[1]));
    let text = run(dir.path(), &["parse", "r.pdf"]);
    assert!(text.stdout.contains("(page 3)"), "{}", text.stdout);
}

#[test]
fn a_scanned_pdf_is_an_error_saying_what_to_do() {
    let dir = dir_with(&[(&fixtures().join("scan.pdf"), "scan.pdf")]);
    let r = run(dir.path(), &["check", "scan.pdf"]);
    assert_eq!(r.code, 2, "{r:?}");
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(
        all.contains("scan.pdf") && all.contains("扫描件") && all.contains("OCR"),
        "{all}"
    );
}

/// The audit page gives a PDF report's page and each finding's page.
#[test]
fn the_audit_page_shows_pages() {
    let pdf = fixtures().join("pingtan-szf-2021-defect.pdf");
    let docx = fixtures().join("pingtan-szf-2021-defect.docx");
    let dir = dir_with(&[(&pdf, "r.pdf"), (&docx, "r.docx")]);
    let out = dir.path().join("audit.html");
    let r = run(
        dir.path(),
        &[
            "check",
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
            "r.pdf",
            "r.docx",
        ],
    );
    assert_eq!(r.code, 1, "{r:?}");
    let html = std::fs::read_to_string(&out).unwrap();
    let open = "<script type=\"application/json\" id=\"nblint-data\">";
    let a = html.find(open).unwrap() + open.len();
    let b = a + html[a..].find("</script>").unwrap();
    let data: Value = serde_json::from_str(&html[a..b]).unwrap();
    let reports = data["reports"].as_array().unwrap();
    let pdf_row = reports.iter().find(|r| r["path"] == "r.pdf").unwrap();
    let docx_row = reports.iter().find(|r| r["path"] == "r.docx").unwrap();
    assert_eq!(pdf_row["page"], 1);
    assert!(docx_row["page"].is_null());
    let pages: Vec<&Value> = pdf_row["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f[3] != "i")
        .map(|f| &f[9])
        .collect();
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(|p| **p == 3), "{pages:?}");
    assert!(docx_row["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f[9].is_null()));
    assert!(html.contains("pdf_page"), "the script's string for pages");
}
