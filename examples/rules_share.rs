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

use std::process::ExitCode;

#[path = "common/digests.rs"]
mod digests;
#[path = "common/share.rs"]
mod share;

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
    let codes = args.get(2).map_or(share::NEW_RULES, String::as_str);
    let files = match digests::read(dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let m = share::measure(&files, rounds, codes);
    println!(
        "{} files, {rounds} rounds, without {codes} ({} findings in all)",
        files.len(),
        m.findings
    );
    println!("quantile   all rules   without   their share");
    for q in [0.0, 0.1, 0.25, 0.5] {
        let (a, b) = (
            share::quantile(&m.with_ms, q),
            share::quantile(&m.without_ms, q),
        );
        println!(
            "{q:>8.2} {a:>9.2} ms {b:>7.2} ms {:>11.1}%",
            100.0 * (1.0 - b / a)
        );
    }
    println!("{}", m.summary());
    ExitCode::SUCCESS
}
