//! Measures the plugin's throughput on a large file (the corpus pages
//! concatenated many times, digits varied so that the reports differ):
//! `cargo run --release -p nblint-duplicates --example throughput [copies]`.
// An example binary: printing is what it is for.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use nblint_plugin_api::{testing, PluginConfig};
use std::time::Instant;

fn main() {
    let copies: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
    let mut seeds = String::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            seeds.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    let mut text = String::new();
    for i in 0..copies {
        let digit = char::from(b'0' + (i % 10) as u8);
        text.push_str(&seeds.replace('1', &digit.to_string()));
    }
    let parse_start = Instant::now();
    let doc = nblint_parse::parse_text(text, &Default::default());
    let parse_secs = parse_start.elapsed().as_secs_f64();
    let start = Instant::now();
    let diags = testing::lint(
        nblint_duplicates::declaration(),
        doc.view(),
        &[],
        &PluginConfig::default(),
    )
    .unwrap();
    let secs = start.elapsed().as_secs_f64();
    let mb = doc.text.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB, {} reports, {} paragraphs, {} diagnostics: {secs:.3} s, {:.0} MB/s (parsing: {parse_secs:.3} s)",
        doc.reports.len(),
        doc.paragraphs.len(),
        diags.len(),
        mb / secs
    );
}
