//! Throughput of `parse`, `check` and `fmt`, in bytes per second, and the
//! share of `check`'s time that issue 11's rules take.
//!
//! Runs on the whole corpus in `../shared/corpus` (read into memory) when
//! that folder exists, otherwise on a generated digest of a few hundred KB.
//!
//! Criterion measures `check` with and without those rules at different
//! moments, and on a shared machine the two swing apart by 10% or more; so
//! after criterion's benchmarks, when the filter given takes `check`, the
//! share is also measured in rounds of one pass with and one without them
//! (`examples/common/share.rs`), and printed as the median of the rounds.

use criterion::{Criterion, Throughput, criterion_group};
use digest_lint::config::{Config, Selector};
use digest_lint::format::{self, FormatOptions};
use digest_lint::lint;
use digest_lint::syntax::parser;
use std::hint::black_box;
use std::path::Path;

#[path = "../examples/common/share.rs"]
mod share;

/// The texts to measure, with their file names.
fn inputs() -> (String, Vec<(String, String)>) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    if let Ok(dir) = std::fs::read_dir(&corpus) {
        for entry in dir.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "txt")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                let name = entry.file_name().to_string_lossy().into_owned();
                files.push((name, text));
            }
        }
    }
    files.sort();
    if !files.is_empty() {
        return (format!("corpus ({} files)", files.len()), files);
    }
    (
        "generated".to_string(),
        vec![("2025-04-25.txt".into(), generated(300_000))],
    )
}

/// An invented digest of at least `bytes` bytes.
fn generated(bytes: usize) -> String {
    let mut out = String::from("2025년 4월 25일\n");
    let mut i = 0;
    while out.len() < bytes {
        i += 1;
        out.push_str(&format!(
            "Paper number {i}: Scaling Something Useful (Again)\n\
             (Ann Lee, Bo Kim, Carla Diaz)\n\
             We study a method for training models and report 79.2% accuracy on a benchmark with 2.7B parameters. Code: https://github.com/example/repo{i}.\n\
             모델 학습 방법을 연구하고 2.7B 모델로 79.2%의 정확도를 얻었습니다. 이전 연구와 비교합니다. (https://arxiv.org/abs/2501.{i:05})\n\
             They study a training method and reach 79.2% accuracy with a 2.7B model, compared with earlier work. (https://arxiv.org/abs/2501.{i:05})\n\
             #training #scaling-law\n"
        ));
    }
    out
}

fn throughput(c: &mut Criterion) {
    let (label, files) = inputs();
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    let config = Config::default();
    let options = FormatOptions::default();
    let mut group = c.benchmark_group(label);
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(20);
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (_, text) in &files {
                black_box(parser::parse(black_box(text)));
            }
        })
    });
    group.bench_function("check", |b| {
        b.iter(|| {
            for (name, text) in &files {
                black_box(lint::check(black_box(text), Some(name), &config));
            }
        })
    });
    // The same check without the rules issue 11 added, so that one run
    // shows what they cost: `check` against this.
    let without_new = Config {
        ignore: ["A003", "C005", "C006", "C007", "C008", "E010"]
            .map(Selector::new)
            .to_vec(),
        ..Config::default()
    };
    group.bench_function("check without A003 C005-C008 E010", |b| {
        b.iter(|| {
            for (name, text) in &files {
                black_box(lint::check(black_box(text), Some(name), &without_new));
            }
        })
    });
    group.bench_function("fmt", |b| {
        b.iter(|| {
            for (_, text) in &files {
                black_box(format::format(black_box(text), &options));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, throughput);

/// Rounds of the paired measure: about ten seconds over the corpus.
const ROUNDS: usize = 150;

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // runs each benchmark once only. The filter is the first argument that
    // is not an option.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filter = args.iter().find(|a| !a.starts_with('-'));
    let bench = args.iter().any(|a| a == "--bench");
    if bench && filter.is_none_or(|f| "check".contains(f.as_str()) || f.contains("check")) {
        let (label, files) = inputs();
        let m = share::measure(&files, ROUNDS, share::NEW_RULES);
        println!(
            "{label}: issue 11's rules ({}) in {ROUNDS} rounds of one pass with and one without them \
             (medians {:.2} ms and {:.2} ms); {}",
            share::NEW_RULES,
            share::quantile(&m.with_ms, 0.5),
            share::quantile(&m.without_ms, 0.5),
            m.summary()
        );
    }
}
