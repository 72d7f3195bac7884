//! `nblint`: lints 政府信息公开工作年度报告 (government information
//! disclosure annual reports).
//!
//! Exit codes, identical in every output format: 0 clean, 1 diagnostics at
//! or above `--fail-on`, 2 usage or runtime failure.
// A binary: printing is what it is for.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod audit;
mod baseline;
mod check;
mod ci_formats;
mod explain;
mod fix;
mod human;
mod json;
mod output;
mod parse_cmd;
mod serve;
mod snippet;

use clap::{Parser, Subcommand, ValueEnum};
use nblint_engine::{Engine, EngineOptions, Lang, RunError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "nblint",
    version,
    about = "Lints 政府信息公开工作年度报告 (government information disclosure annual reports)",
    after_help = "Exit codes: 0 clean, 1 diagnostics at or above --fail-on, 2 usage or runtime failure.\nConfiguration: the nearest nblint.toml upward from each file (see `nblint init`)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files, directories (recursively, respecting ignore files) or `-` for stdin.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print what the parser reads in a file: reports, sections, tables, figures, issues.
    Parse(ParseArgs),
    /// List the rules: id, default severity, plugin, summary.
    Rules(RulesArgs),
    /// Explain a rule: rationale, source clause, passing and failing examples.
    Explain(ExplainArgs),
    /// Write a commented nblint.toml in the current directory (never overwrites).
    Init,
    /// Run the language server on stdin/stdout (for editors).
    Lsp(LspArgs),
    /// Serve the checking page and HTTP API (for drafts written in Word or WPS).
    ///
    /// Examples:
    ///   nblint serve --open                  open the page; drop a .docx on it
    ///   nblint serve 2024报告.docx --open     show this file, re-checked each time Word saves it
    ///   nblint serve --bind 0.0.0.0 --token SECRET --port 8790   a checking service on the intranet
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Files or directories to show and re-check whenever they change.
    #[arg(value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// TCP port (0: any free port).
    #[arg(long, default_value_t = 8790)]
    port: u16,
    /// Address to listen on. Anything but loopback needs --token or --no-auth.
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    bind: std::net::IpAddr,
    /// Secret every API request must carry as `Authorization: Bearer SECRET`.
    #[arg(
        long,
        value_name = "SECRET",
        env = "NBLINT_SERVE_TOKEN",
        hide_env_values = true
    )]
    token: Option<String>,
    /// Allow a non-loopback --bind without a token (a trusted network only).
    #[arg(long)]
    no_auth: bool,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Largest upload accepted, in MiB.
    #[arg(long = "max-upload", value_name = "MIB", default_value_t = 32)]
    max_upload_mb: usize,
    /// Longest one check may take, in seconds (then 504).
    #[arg(long = "timeout", value_name = "SECONDS", default_value_t = 30)]
    timeout_secs: u64,
    /// Checks run at once; more wait, then get 503.
    #[arg(long = "max-checks", value_name = "N", default_value_t = 4)]
    max_checks: usize,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(clap::Args, Debug)]
struct LspArgs {
    #[command(flatten)]
    common: CommonArgs,
}

/// `check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics with the report's text (ariadne).
    Human,
    /// One line per diagnostic: `path:line:column: severity[rule] message`.
    Concise,
    /// JSON (docs/json-schema.md).
    Json,
    /// SARIF 2.1.0, for code scanning (docs/output-formats.md).
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
    /// The batch audit page: one self-contained HTML file (use with -o audit.html).
    Html,
}

/// `check --color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// `rules --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ParseFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// Options shared by the commands that run plugins.
#[derive(clap::Args, Debug, Clone)]
struct CommonArgs {
    /// Load a native rule plugin (repeatable).
    #[arg(long = "plugin", value_name = "PATH")]
    plugins: Vec<PathBuf>,
    /// Use this configuration file instead of discovering nblint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Language of messages (overrides `lang` in nblint.toml).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files, directories, or `-` for standard input. Default: the current directory.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Exit with 1 when there is a diagnostic of this severity or higher.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Other reports to use as context for cross-document rules (not linted).
    #[arg(long, value_name = "PATH")]
    compare_with: Vec<PathBuf>,
    /// Colours in human output: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    color: ColorWhen,
    /// The same as --color never.
    #[arg(long, hide = true)]
    no_color: bool,
    /// Print only the diagnostics: no summary, no progress.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Exit with 0 even when there are diagnostics (2 still means a failure).
    #[arg(long)]
    exit_zero: bool,
    /// Run only these rules or plugins (comma-separated), e.g. --select arithmetic,sections/missing.
    #[arg(long, value_delimiter = ',', value_name = "RULE|PLUGIN")]
    select: Option<Vec<String>>,
    /// Run these rules or plugins too, even if the configuration turns them off.
    #[arg(long, value_delimiter = ',', value_name = "RULE|PLUGIN")]
    extend_select: Vec<String>,
    /// Do not run these rules or plugins, e.g. --ignore arithmetic/percent,duplicates.
    #[arg(long, value_delimiter = ',', value_name = "RULE|PLUGIN")]
    ignore: Vec<String>,
    #[command(flatten)]
    output: output::OutputArgs,
    #[command(flatten)]
    fix: fix::FixArgs,
    #[command(flatten)]
    baseline: baseline::BaselineArgs,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(clap::Args, Debug)]
struct ParseArgs {
    /// The file to parse, or `-` for standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: ParseFormat,
    /// Use this configuration file (for `year`/`agency`) instead of discovering nblint.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct RulesArgs {
    #[arg(long, value_enum, default_value = "human")]
    format: ListFormat,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(clap::Args, Debug)]
struct ExplainArgs {
    /// A rule id, e.g. arithmetic/balance.
    #[arg(value_name = "RULE")]
    rule: String,
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(a) => check::run(a),
        Command::Parse(a) => parse_cmd::run(a),
        Command::Rules(a) => explain::rules(a),
        Command::Explain(a) => explain::explain(a),
        Command::Init => explain::init(),
        Command::Serve(a) => serve::run(a),
        Command::Lsp(a) => {
            let options = EngineOptions {
                config: a.common.config,
                plugins: a.common.plugins,
                lang: a.common.lang.map(Lang::from),
                ..EngineOptions::default()
            };
            match nblint_lsp::run_stdio(options) {
                Ok(()) => EXIT_CLEAN,
                Err(e) => {
                    eprintln!("nblint: error: cannot start the language server: {e}");
                    EXIT_FAILURE
                }
            }
        }
    };
    ExitCode::from(code)
}

impl CommonArgs {
    fn engine(&self) -> Engine {
        Engine::new(EngineOptions {
            config: self.config.clone(),
            plugins: self.plugins.clone(),
            lang: self.lang.map(Lang::from),
            ..EngineOptions::default()
        })
    }
}

/// The language for the tool's own text: `--lang`, else `lang` of the
/// configuration that applies in the working directory, else Chinese.
fn ui_lang(engine: &Engine, arg: Option<LangArg>) -> Lang {
    if let Some(l) = arg {
        return l.into();
    }
    engine
        .config_for(None)
        .ok()
        .and_then(|c| c.settings.lang)
        .unwrap_or_default()
}

/// Prints an error ripgrep style: what went wrong, which file, what to do.
fn print_error(e: &RunError) {
    eprintln!("nblint: error: {e}");
    if let Some(h) = e.hint() {
        eprintln!("  help: {h}");
    }
}

/// `nblint check --help`: an example of every option.
const CHECK_EXAMPLES: &str = "\
Examples:
  nblint check reports/                              every report below reports/
  nblint check --format json --output result.json 2023.docx   (-o for short)
  nblint check --format concise --quiet reports/     one line per finding, no summary
  nblint check --format sarif -o nblint.sarif .      for code scanning
  nblint check --fail-on warning 2023.html           exit 1 on warnings too
  nblint check --exit-zero reports/                  report, but never fail the build
  nblint check --color never 2023.txt | less
  nblint check --select arithmetic,sections/missing 2023.txt
  nblint check --extend-select duplicates 2023.txt   even if nblint.toml turns it off
  nblint check --ignore arithmetic/percent 2023.txt
  nblint check --compare-with archive/2022/ 2023.txt last year's report as context
  nblint check --fix 2023.txt                        apply the safe fixes
  nblint check --unsafe-fixes --diff 2023.txt        show every fix as a diff
  nblint check --baseline nblint-baseline.json .     only problems not in the baseline
  nblint check --write-baseline nblint-baseline.json .
  nblint check --plugin ./libprovince.so 2023.txt
  nblint check --config ci/nblint.toml --lang en 2023.txt
Exit codes: 0 clean, 1 diagnostics at or above --fail-on, 2 usage or runtime failure.";

/// Exit codes.
const EXIT_CLEAN: u8 = 0;
const EXIT_DIAGNOSTICS: u8 = 1;
const EXIT_FAILURE: u8 = 2;
