//! Records the target triple so a plugin's declaration can say what it
//! was built for (the host compares it with its own).
// Cargo reads a build script's instructions from its standard output.
#![allow(clippy::print_stdout)]

fn main() {
    let target = std::env::var("TARGET").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=NBLINT_BUILD_TARGET={target}");
    println!("cargo:rerun-if-changed=build.rs");
}
