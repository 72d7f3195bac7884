//! End-to-end tests of the `nblint` binary.
//!
//! They drive the real executable (`CARGO_BIN_EXE_nblint`). Tests over the
//! real reports read `../shared/corpus` relative to the repository root (or
//! `$NBLINT_CORPUS`); when it is absent they fail saying where they looked,
//! unless `NBLINT_SKIP_CORPUS=1`.
// Test helpers say on stderr why a test skips.
#![allow(clippy::print_stderr)]

mod accuracy;
mod audit;
mod baseline;
mod check;
mod ci_formats;
mod commands;
mod common;
mod config;
mod context;
mod corpus;
mod encodings;
mod fix;
mod output_options;
mod pdf;
mod plugins;
mod reliability;
mod serve;
