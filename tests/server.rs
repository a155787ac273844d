//! `digest-lint server` as an editor runs it: the binary, spoken to over
//! standard input and output in JSON-RPC with `Content-Length` framing.
//!
//! With `DIGEST_LINT_TRANSCRIPT=FILE` set, the session test writes every
//! message in and out to FILE. `latency` (ignored; run it with
//! `cargo test --test server -- --ignored --nocapture`, with
//! `DIGEST_LINT_BIN=target/release/digest-lint` to time a release build)
//! prints the time from `didChange` to `publishDiagnostics` on a
//! 3,000-line digest.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);
const FIXTURE: &str = "fixtures/lsp/2025-03-14.txt";

struct Session {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    pending: Vec<Value>,
    transcript: Option<Vec<String>>,
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Session {
    fn start() -> Session {
        // DIGEST_LINT_BIN: measure another build (a release binary).
        let bin = std::env::var_os("DIGEST_LINT_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_digest-lint").into());
        let mut child = match Command::new(bin)
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => panic!("cannot start the server: {e}"),
        };
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            panic!("no pipes")
        };
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let transcript = std::env::var_os("DIGEST_LINT_TRANSCRIPT").map(|_| Vec::new());
        Session {
            child,
            stdin,
            incoming: rx,
            next_id: 0,
            pending: Vec::new(),
            transcript,
        }
    }

    fn log(&mut self, arrow: &str, message: &Value) {
        if let Some(t) = &mut self.transcript {
            t.push(format!("{arrow} {message}"));
        }
    }

    fn send(&mut self, message: Value) {
        self.log("-->", &message);
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        if let Err(e) = self
            .stdin
            .write_all(framed.as_bytes())
            .and_then(|()| self.stdin.flush())
        {
            panic!("server gone: {e}");
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.wait(|m| m["id"] == id && m.get("method").is_none());
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response["result"].clone()
    }

    fn wait(&mut self, pick: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pick) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) => {
                    self.log("<--", &m);
                    if pick(&m) {
                        return m;
                    }
                    self.pending.push(m);
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("waited {WAIT:?}; unanswered: {:?}", self.pending)
                }
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn finish(mut self) -> Option<i32> {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status.code(),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                _ => {
                    let _ = self.child.kill();
                    panic!("the server did not exit after `exit`");
                }
            }
        };
        if let (Some(lines), Some(path)) =
            (&self.transcript, std::env::var_os("DIGEST_LINT_TRANSCRIPT"))
            && let Err(e) = std::fs::write(&path, lines.join("\n") + "\n")
        {
            panic!("cannot write the transcript: {e}");
        }
        status
    }
}

/// A finding's code, start and end (0-based line, column in scalar values).
type Place = (String, (u64, u64), (u64, u64));

fn file_uri(path: &Path) -> String {
    match url::Url::from_file_path(path) {
        Ok(u) => u.to_string(),
        Err(()) => panic!("not absolute: {}", path.display()),
    }
}

/// `digest-lint check --output-format json` on a file: (code, start, end)
/// with 0-based lines and columns in Unicode scalar values.
fn check_json(path: &Path) -> Vec<Place> {
    let output = match Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(["check", "--output-format", "json"])
        .arg(path)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    let findings: Value = match serde_json::from_slice(&output.stdout) {
        Ok(v) => v,
        Err(e) => panic!("check's JSON: {e}"),
    };
    let at = |p: &Value| {
        (
            p["line"].as_u64().unwrap_or(0).saturating_sub(1),
            p["column"].as_u64().unwrap_or(0).saturating_sub(1),
        )
    };
    findings
        .as_array()
        .map(|list| {
            list.iter()
                .map(|f| {
                    (
                        f["code"].as_str().unwrap_or("?").to_string(),
                        at(&f["range"]["start"]),
                        at(&f["range"]["end"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn published(diagnostics: &[Value]) -> Vec<Place> {
    let at = |p: &Value| {
        (
            p["line"].as_u64().unwrap_or(u64::MAX),
            p["character"].as_u64().unwrap_or(u64::MAX),
        )
    };
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("?").to_string(),
                at(&d["range"]["start"]),
                at(&d["range"]["end"]),
            )
        })
        .collect()
}

/// Applies LSP text edits whose positions count Unicode scalar values.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let character = p["character"].as_u64().unwrap_or(0) as usize;
        let mut start = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i == line {
                let content = l.trim_end_matches('\n');
                return start
                    + content
                        .char_indices()
                        .nth(character)
                        .map_or(content.len(), |(b, _)| b);
            }
            start += l.len();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, t) in edits {
        out.replace_range(a..b, t);
    }
    out
}

fn copy_fixture(dir: &Path) -> (std::path::PathBuf, String) {
    let text = match std::fs::read_to_string(FIXTURE) {
        Ok(t) => t,
        Err(e) => panic!("{FIXTURE}: {e}"),
    };
    let path = dir.join("2025-03-14.txt");
    if let Err(e) = std::fs::write(&path, &text) {
        panic!("{e}");
    }
    (path, text)
}

#[test]
fn a_whole_session_over_stdio() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let (path, text) = copy_fixture(dir.path());
    // A second digest in the folder, for the tag counts.
    let other = "2025년 3월 13일\nAnother Paper\n(Ann Lee)\n다른 논문입니다.\nAnother paper.\n#routing #long-context\n";
    if let Err(e) = std::fs::write(dir.path().join("2025-03-13.txt"), other) {
        panic!("{e}");
    }
    let uri = file_uri(&path);
    let mut s = Session::start();

    // initialize: UTF-32 asked for (so columns compare with check's JSON).
    let init = s.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(dir.path()),
               "capabilities": {"general": {"positionEncodings": ["utf-32", "utf-16"]}}}),
    );
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-32");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["documentFormattingProvider"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["completionProvider"]["triggerCharacters"][0], "#");
    assert_eq!(
        caps["executeCommandProvider"]["commands"][0],
        "digest-lint.applyFixAll"
    );
    assert_eq!(init["serverInfo"]["name"], "digest-lint");
    s.notify("initialized", json!({}));

    // didOpen -> publishDiagnostics: exactly check's findings.
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "digest", "version": 1, "text": text}}),
    );
    let first = s.diagnostics(&uri, 1);
    let expected = check_json(&path);
    assert!(expected.len() >= 5, "{expected:?}");
    assert_eq!(published(&first), expected);
    let w001 = first.iter().find(|d| d["code"] == "W001");
    assert_eq!(
        w001.map(|d| d["source"].clone()),
        Some(json!("digest-lint"))
    );
    assert_eq!(
        w001.map(|d| d["tags"].clone()),
        Some(json!([1])),
        "Unnecessary"
    );
    assert_eq!(
        w001.map(|d| d["severity"].clone()),
        Some(json!(2)),
        "Warning"
    );

    // didChange (incremental): remove the two spaces' extra one on line 3.
    let w004 = first.iter().find(|d| d["code"] == "W004").cloned();
    let Some(w004) = w004 else {
        panic!("W004 expected in {first:?}")
    };
    let start = &w004["range"]["start"];
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": start, "end": {"line": start["line"], "character": start["character"].as_u64().unwrap_or(0) + 1}},
             "text": ""}]}),
    );
    let second = s.diagnostics(&uri, 2);
    let edited = text.replacen(",  ", ", ", 1);
    std::fs::write(&path, &edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(published(&second), check_json(&path));
    assert!(!second.iter().any(|d| d["code"] == "W004"));

    // codeAction on the W001 line: its quick fix, and fix-all.
    let w001 = second.iter().find(|d| d["code"] == "W001").cloned();
    let Some(w001) = w001 else {
        panic!("W001 expected")
    };
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": w001["range"],
               "context": {"diagnostics": [w001]}}),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    let quick = actions.iter().find(|a| {
        a["kind"] == "quickfix" && a["title"].as_str().is_some_and(|t| t.contains("W001"))
    });
    let Some(quick) = quick else {
        panic!("no W001 quick fix in {actions:?}")
    };
    assert_eq!(quick["isPreferred"], true);
    let quick_edits = quick["edit"]["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let after_quick = apply_edits(&edited, &quick_edits);
    assert_eq!(after_quick, edited.replacen("연구 😀 \n", "연구 😀\n", 1));
    assert!(
        actions
            .iter()
            .any(|a| a["kind"] == "source.fixAll.digest-lint")
    );

    // workspace/executeCommand fix-all: the server asks us to apply the
    // edit, which must be what `check --fix` writes.
    let id = s.send_request(
        "workspace/executeCommand",
        json!({"command": "digest-lint.applyFixAll", "arguments": [uri]}),
    );
    let apply = s.wait(|m| m["method"] == "workspace/applyEdit");
    let fix_edits = apply["params"]["edit"]["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fixed = apply_edits(&edited, &fix_edits);
    // The command line's results, in a folder of their own (the server
    // counts tags in the document's folder).
    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixed_path = scratch.path().join("2025-03-14.txt");
    std::fs::write(&fixed_path, &edited).unwrap_or_else(|e| panic!("{e}"));
    let _ = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(["check", "--fix"])
        .arg(&fixed_path)
        .output();
    let by_cli = std::fs::read_to_string(&fixed_path).unwrap_or_default();
    assert_eq!(fixed, by_cli);
    assert_ne!(fixed, edited);
    let apply_id = apply["id"].clone();
    s.send(json!({"jsonrpc": "2.0", "id": apply_id, "result": {"applied": true}}));
    let done = s.wait(|m| m["id"] == id && m.get("method").is_none());
    assert_eq!(done["result"], Value::Null);

    // The editor applied it: a full-text change, then no fixable finding.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": fixed}]}),
    );
    let third = s.diagnostics(&uri, 3);
    let codes: Vec<&str> = third.iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["C001"]);

    // formatting on the text before the fixes gives fmt's output.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": edited}]}),
    );
    let edits = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let formatted = apply_edits(
        &edited,
        edits.as_array().map(Vec::as_slice).unwrap_or_default(),
    );
    std::fs::write(&fixed_path, &edited).unwrap_or_else(|e| panic!("{e}"));
    let _ = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .arg("fmt")
        .arg(&fixed_path)
        .output();
    assert_eq!(
        formatted,
        std::fs::read_to_string(&fixed_path).unwrap_or_default()
    );

    // hover on a finding: the rule's documentation, as `rule CODE` prints.
    let w001_line = w001["range"]["start"]["line"].clone();
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": w001["range"]["start"]}),
    );
    let doc = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(["rule", "W001"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    assert_eq!(hover["contents"]["value"].as_str(), Some(doc.as_str()));
    assert_eq!(hover["range"]["start"]["line"], w001_line);

    // hover on a tag: its use in the folder.
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 3}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        value.starts_with("**#routing**: used in 2 entries in 2 files"),
        "{value}"
    );

    // completion after `#lo` at the end of the last tags line.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [
            {"range": {"start": {"line": 11, "character": 25}, "end": {"line": 11, "character": 25}},
             "text": " #lo"}]}),
    );
    let list = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 11, "character": 29},
               "context": {"triggerKind": 1}}),
    );
    let labels: Vec<&str> = list["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["#long-context"]);
    assert_eq!(
        list["items"][0]["textEdit"]["range"]["start"],
        json!({"line": 11, "character": 26})
    );

    // shutdown, exit: status 0.
    assert_eq!(s.finish(), Some(0));
}

/// An invented digest of `entries` entries, 6 lines each.
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

#[test]
#[ignore = "a measurement, not a check: run with --ignored --nocapture"]
fn latency() {
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
    s.diagnostics(uri, 1);
    let mut times = Vec::new();
    for i in 0..100 {
        let version = i + 2;
        // Type (or delete) a space at the end of a line in the middle.
        let line = 1500 + (i % 50) * 6;
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line - 6, "character": 0}, "end": {"line": line - 6, "character": 1}}, "text": ""})
        };
        let started = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        s.diagnostics(uri, version as i64);
        times.push(started.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    println!(
        "didChange -> publishDiagnostics on {lines} lines ({} bytes), 100 edits: median {:.2} ms, worst {:.2} ms",
        text.len(),
        median.as_secs_f64() * 1000.0,
        worst.as_secs_f64() * 1000.0
    );
    assert_eq!(s.finish(), Some(0));
}
