//! What some rules cost `check`, in wall time: passes over every `.txt`
//! file of a folder (one file at a time, in memory, as `cargo bench` runs
//! `check`), with all rules and without the given ones, taken in turn in
//! one process. Taking them in turn puts both under the same moments of a
//! noisy machine: the share of the rules is read from each round's pair
//! of passes, and the median of those shares stays steady where two
//! separate runs swing by 10% or more.
//!
//!     cargo run --release --example rules_share -- DIR ROUNDS [CODE,CODE,...]
//!
//! Without codes, the rules issue 11 added: A003, C005, C006, C007, C008
//! and E010 (see BENCHMARKS.md, "The cost of issue 11's rules").

use digest_lint::config::{Config, Selector};
use digest_lint::lint;
use std::process::ExitCode;

#[path = "common/digests.rs"]
mod digests;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(rounds))) = (args.first(), args.get(1).map(|r| r.parse::<usize>()))
    else {
        eprintln!("usage: rules_share DIR ROUNDS [CODE,CODE,...]");
        return ExitCode::from(2);
    };
    if rounds == 0 {
        eprintln!("rules_share: ROUNDS must be at least 1");
        return ExitCode::from(2);
    }
    let codes = args
        .get(2)
        .map_or("A003,C005,C006,C007,C008,E010", String::as_str);
    let files = match digests::read(dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let all = Config::default();
    let without = Config {
        ignore: codes.split(',').map(Selector::new).collect(),
        ..Config::default()
    };
    // Milliseconds per pass, with all rules and without the given ones.
    let (mut with_ms, mut without_ms) = (Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..rounds {
        for (config, times) in [(&all, &mut with_ms), (&without, &mut without_ms)] {
            let start = Instant::now();
            for (name, text) in &files {
                findings += lint::check(text, Some(name), config).len();
            }
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    // The share of the rules in each round, from its two passes.
    let mut shares: Vec<f64> = with_ms
        .iter()
        .zip(&without_ms)
        .map(|(a, b)| 100.0 * (1.0 - b / a))
        .collect();
    shares.sort_by(f64::total_cmp);
    with_ms.sort_by(f64::total_cmp);
    without_ms.sort_by(f64::total_cmp);
    let at = |times: &[f64], q: f64| {
        let i = ((times.len() - 1) as f64 * q).round() as usize;
        times.get(i).copied().unwrap_or(f64::NAN)
    };
    println!(
        "{} files, {rounds} rounds, without {codes} ({findings} findings in all)",
        files.len()
    );
    println!("quantile   all rules   without   their share");
    for q in [0.0, 0.1, 0.25, 0.5] {
        let (a, b) = (at(&with_ms, q), at(&without_ms, q));
        println!(
            "{q:>8.2} {a:>9.2} ms {b:>7.2} ms {:>11.1}%",
            100.0 * (1.0 - b / a)
        );
    }
    println!(
        "their share per round: median {:.1}%, middle half {:.1}% to {:.1}%",
        at(&shares, 0.5),
        at(&shares, 0.25),
        at(&shares, 0.75)
    );
    ExitCode::SUCCESS
}
