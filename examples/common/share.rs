//! The share of some rules in `check`'s wall time: passes over the same
//! files with all rules and without the given ones, taken in turn. Taking
//! them in turn puts both under the same moments of a noisy machine: the
//! share is read from each round's pair of passes, and the median of those
//! shares stays steady where two separate runs (criterion's two
//! benchmarks among them) swing by 10% or more.

// Shared by an example and a bench, each printing part of what is measured.
#![allow(dead_code)]

use digest_lint::config::{Config, Selector};
use digest_lint::lint;
use std::time::Instant;

/// The rules issue 11 added (C006 is off by default, so it costs nothing
/// in a default run).
pub const NEW_RULES: &str = "A003,C005,C006,C007,C008,E010";

/// Milliseconds per pass with all rules and without the given ones, the
/// share per round (percent), each sorted, and the findings counted.
pub struct Shares {
    pub with_ms: Vec<f64>,
    pub without_ms: Vec<f64>,
    pub shares: Vec<f64>,
    pub findings: usize,
}

/// Runs `rounds` rounds of a pass with every default rule then one
/// without `codes` (comma-separated).
pub fn measure(files: &[(String, String)], rounds: usize, codes: &str) -> Shares {
    let all = Config::default();
    let without = Config {
        ignore: codes.split(',').map(Selector::new).collect(),
        ..Config::default()
    };
    let (mut with_ms, mut without_ms) = (Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..rounds {
        for (config, times) in [(&all, &mut with_ms), (&without, &mut without_ms)] {
            let start = Instant::now();
            for (name, text) in files {
                findings += lint::check(text, Some(name), config).len();
            }
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mut shares: Vec<f64> = with_ms
        .iter()
        .zip(&without_ms)
        .map(|(a, b)| 100.0 * (1.0 - b / a))
        .collect();
    for v in [&mut shares, &mut with_ms, &mut without_ms] {
        v.sort_by(f64::total_cmp);
    }
    Shares {
        with_ms,
        without_ms,
        shares,
        findings,
    }
}

/// The `q` quantile of sorted values (NaN when there are none).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let i = ((sorted.len().saturating_sub(1)) as f64 * q).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

impl Shares {
    /// One line: the median share and the middle half.
    pub fn summary(&self) -> String {
        format!(
            "their share per round: median {:.1}%, middle half {:.1}% to {:.1}%",
            quantile(&self.shares, 0.5),
            quantile(&self.shares, 0.25),
            quantile(&self.shares, 0.75)
        )
    }
}
