//! Runs `check` over every `.txt` file of a folder, as `cargo bench`'s
//! `check` does (one file at a time, in memory), a given number of times.
//! Under `valgrind --tool=callgrind` the difference between two and one
//! passes is the instruction count of one steady pass, without what a
//! process pays once (see BENCHMARKS.md, "The cost of issue 11's rules").
//!
//!     cargo run --profile profiling --example check_passes -- DIR PASSES [IGNORE,...]

use digest_lint::config::{Config, Selector};
use digest_lint::lint;
use std::process::ExitCode;

#[path = "common/digests.rs"]
mod digests;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(passes))) = (args.first(), args.get(1).map(|p| p.parse::<usize>()))
    else {
        eprintln!("usage: check_passes DIR PASSES [CODE,CODE,...]");
        return ExitCode::from(2);
    };
    let ignore = args
        .get(2)
        .map(|codes| codes.split(',').map(Selector::new).collect())
        .unwrap_or_default();
    let config = Config {
        ignore,
        ..Config::default()
    };
    let files = match digests::read(dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut findings = 0;
    for _ in 0..passes {
        for (name, text) in &files {
            findings += lint::check(text, Some(name), &config).len();
        }
    }
    println!(
        "{} files, {passes} passes, {findings} findings",
        files.len()
    );
    ExitCode::SUCCESS
}
