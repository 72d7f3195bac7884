//! `nblint-bench`: the numbers in BENCHMARKS.md.
//!
//! - `nblint-bench generate DIR N`: writes N reports made from the real
//!   seeds in `../shared/corpus/seeds` (each copy gets its own agency name, so
//!   cross-document matching sees N agencies, as in a province's archive).
//! - `nblint-bench throughput DIR`: lints every file of DIR with all bundled
//!   rules on ONE thread and prints MB/s.
//! - `nblint-bench startup NBLINT FILE [RUNS]`: runs `NBLINT check FILE`
//!   RUNS times and prints the median and p95 wall time.
//! - `nblint-bench pdf RUNS FILE…`: reads each PDF RUNS times (the PDF
//!   reader alone, then the whole check on one thread) and prints the best
//!   time as MB/s and ms per page.
// A binary: printing is what it is for.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use nblint_engine::{Engine, EngineOptions, Input};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The agency names of the seeds, replaced per copy.
const AGENCIES: &[&str] = &[
    "济源市人民政府办公室",
    "济南市历下区人民政府",
    "历下区",
    "海东市民和县",
    "民和县",
    "南阳市人民政府办公室",
    "运城市人民政府办公室",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") if args.len() == 3 => generate(Path::new(&args[1]), &args[2]),
        Some("throughput") if args.len() == 2 => throughput(Path::new(&args[1])),
        Some("startup") if args.len() >= 3 => startup(&args[1], &args[2], args.get(3)),
        Some("pdf") if args.len() >= 3 => pdf(&args[1], &args[2..]),
        _ => Err(
            "usage: nblint-bench generate DIR N | throughput DIR | startup NBLINT FILE [RUNS] | pdf RUNS FILE…"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nblint-bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn seeds_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if dir.is_dir() {
        dir
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
    }
}

fn generate(out: &Path, count: &str) -> Result<(), String> {
    let n: usize = count
        .parse()
        .map_err(|_| format!("N must be a number, got {count:?}"))?;
    let dir = seeds_dir();
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "txt") {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            seeds.push((
                path.file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                text,
            ));
        }
    }
    if seeds.is_empty() {
        return Err(format!("no .txt seeds in {}", dir.display()));
    }
    seeds.sort();
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut bytes = 0usize;
    for i in 0..n {
        let (stem, text) = &seeds[i % seeds.len()];
        let mut copy = text.clone();
        for agency in AGENCIES {
            copy = copy.replace(agency, &format!("{agency}第{i}分局"));
        }
        let path = out.join(format!("{i:05}-{stem}.txt"));
        std::fs::write(&path, &copy).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes += copy.len();
    }
    println!(
        "wrote {n} reports, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}

fn throughput(dir: &Path) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let bytes: u64 = files
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| e.to_string())?;
    let engine = Engine::new(EngineOptions::default());
    let inputs: Vec<Input> = files.iter().cloned().map(Input::Path).collect();
    let started = Instant::now();
    let output = pool.install(|| engine.lint_paths(inputs));
    let secs = started.elapsed().as_secs_f64();
    let diags: usize = output.files.iter().map(|f| f.diagnostics.len()).sum();
    println!(
        "{} files, {:.1} MB, one thread: {:.2} s = {:.1} MB/s ({diags} diagnostics)",
        files.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}

fn startup(nblint: &str, file: &str, runs: Option<&String>) -> Result<(), String> {
    let runs: usize = runs
        .map_or(Ok(30), |r| r.parse())
        .map_err(|_| "RUNS must be a number".to_string())?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let status = Command::new(nblint)
            .args(["check", file])
            .stdout(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("{nblint}: {e}"))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if status.code().is_none_or(|c| c > 1) {
            return Err(format!("{nblint} check {file} failed: {status}"));
        }
    }
    times.sort_by(f64::total_cmp);
    let p = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "nblint check {file}: median {:.1} ms, p95 {:.1} ms over {runs} runs",
        p(0.5),
        p(0.95)
    );
    Ok(())
}

fn pdf(runs: &str, files: &[String]) -> Result<(), String> {
    let runs: usize = runs
        .parse()
        .map_err(|_| "RUNS must be a number".to_string())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| e.to_string())?;
    let engine = Engine::new(EngineOptions::default());
    let (mut all_bytes, mut all_pages, mut all_read, mut all_check) = (0usize, 0usize, 0f64, 0f64);
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
        let path = Path::new(file);
        let mut read_best = f64::MAX;
        let mut pages = 0;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let input = nblint_parse::input::read(Some(path), &bytes)
                .map_err(|e| format!("{file}: {e}"))?;
            read_best = read_best.min(t.elapsed().as_secs_f64());
            pages = input
                .source_map
                .pages
                .as_ref()
                .map_or(0, |m| m.page_count());
        }
        let mut check_best = f64::MAX;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let out = pool.install(|| engine.lint_paths(vec![Input::Path(path.to_path_buf())]));
            check_best = check_best.min(t.elapsed().as_secs_f64());
            if out.files.iter().any(|f| f.error.is_some()) {
                return Err(format!("{file}: the check failed"));
            }
        }
        println!(
            "{file}: {:.0} KB, {pages} pages: read {:.1} ms ({:.1} ms/page, {:.1} MB/s); check {:.1} ms ({:.1} MB/s)",
            bytes.len() as f64 / 1e3,
            read_best * 1e3,
            read_best * 1e3 / pages.max(1) as f64,
            bytes.len() as f64 / 1e6 / read_best,
            check_best * 1e3,
            bytes.len() as f64 / 1e6 / check_best,
        );
        all_bytes += bytes.len();
        all_pages += pages;
        all_read += read_best;
        all_check += check_best;
    }
    println!(
        "all: {:.2} MB, {all_pages} pages: read {:.1} MB/s, {:.1} ms/page; check {:.1} MB/s, {:.1} ms/page",
        all_bytes as f64 / 1e6,
        all_bytes as f64 / 1e6 / all_read,
        all_read * 1e3 / all_pages.max(1) as f64,
        all_bytes as f64 / 1e6 / all_check,
        all_check * 1e3 / all_pages.max(1) as f64,
    );
    Ok(())
}
