//! Latency of `digest-lint server`: the time from sending `didChange` to
//! receiving the `publishDiagnostics` for that version, on an invented
//! 3,000-line digest, over 100 edits. Prints the median and the worst; it
//! asserts no timing (the machines are shared).
//!
//! `cargo bench --bench server_latency` (an optimized build).

#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use lsp_client::Session;
use serde_json::json;
use std::time::Instant;

/// An invented digest: a header and `entries` entries of 5 lines.
fn long_digest(entries: usize) -> String {
    let mut text = String::from("2025년 3월 14일\n");
    for i in 0..entries {
        text.push_str(&format!(
            "Paper Number {i} on Sparse Routing\n(Mina Park, Daniel Okafor)\n\
             작은 언어 모델에서 라우팅 방식 {i}번을 비교한 연구입니다.\n\
             A comparison of routing method {i} in small language models.\n\
             #routing #efficiency\n"
        ));
    }
    text
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not ours skips.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"server_latency".contains(a.as_str()))
    {
        return;
    }
    let text = long_digest(600);
    let lines = text.lines().count();
    let uri = "file:///nonexistent-digest-lint/2025-03-14.txt";
    let mut s = Session::start();
    s.request("initialize", json!({"capabilities": {}}));
    s.notify("initialized", json!({}));
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "digest", "version": 1, "text": text}}),
    );
    let first = s.diagnostics(uri, 1);
    let mut times = Vec::new();
    for i in 0..100_i64 {
        let version = i + 2;
        // Type an `x` at the start of a title line, then delete it.
        let line = 1501 + (i / 2 % 50) * 5;
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let started = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        let published = s.diagnostics(uri, version);
        times.push(started.elapsed());
        // The edits never change what is found: a sanity check that the
        // server checked the text it was sent.
        assert_eq!(published.len(), first.len(), "edit {i}");
    }
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "server_latency: didChange -> publishDiagnostics, {lines} lines ({} bytes), 100 edits: \
         median {:.1} ms, worst {:.1} ms",
        text.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    );
    let _ = s.finish();
}
