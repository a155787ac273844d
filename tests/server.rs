//! `digest-lint server` as an editor runs it: the binary, spoken to over
//! standard input and output in JSON-RPC with `Content-Length` framing.
//!
//! With `DIGEST_LINT_TRANSCRIPT=FILE` set, the session test writes every
//! message in and out to FILE. The latency from `didChange` to
//! `publishDiagnostics` is measured by `cargo bench --bench server_latency`.

mod lsp_client;

use lsp_client::Session;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

const FIXTURE: &str = "fixtures/lsp/2025-03-14.txt";

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

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

/// The configuration file next to a document applies as it does for
/// `check`; editing it applies without a restart; a broken one is shown to
/// the user; the `[tags]` vocabulary drives completion and hover.
#[test]
fn configuration_files_apply_and_changes_are_picked_up() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (path, text) = copy_fixture(dir.path());
    let toml = dir.path().join("digest-lint.toml");
    let write = |content: &str| std::fs::write(&toml, content).unwrap_or_else(|e| panic!("{e}"));
    write(
        "[lint]\nignore = [\"W001\"]\n[tags]\nvocabulary = [\"routing\", \"long-context\", \"evaluation\", \"efficiency\"]\naliases = { route = \"routing\" }\n",
    );
    let uri = file_uri(&path);
    let mut s = Session::start();
    s.request(
        "initialize",
        json!({"capabilities": {"general": {"positionEncodings": ["utf-32"]}}}),
    );
    s.notify("initialized", json!({}));
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "digest", "version": 1, "text": text}}),
    );
    let first = s.diagnostics(&uri, 1);
    assert!(!codes(&first).contains(&"W001".to_string()), "{first:?}");
    assert_eq!(published(&first), check_json(&path));

    // Completion from the vocabulary, hover names the vocabulary.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 11, "character": 25}, "end": {"line": 11, "character": 25}},
             "text": " #e"}]}),
    );
    let typed = s.diagnostics(&uri, 2);
    assert!(
        codes(&typed).contains(&"T003".to_string()),
        "`#e` is not in the vocabulary"
    );
    let list = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 11, "character": 28}}),
    );
    let mut labels: Vec<&str> = list["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    labels.sort_unstable();
    assert_eq!(labels, ["#efficiency", "#evaluation", "#long-context"]);
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 2}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("In the vocabulary."), "{value}");

    // The file changes: W001 is no longer ignored. The watcher event (or
    // any later change) checks again.
    write("[lint]\nignore = []\n");
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&toml), "type": 2}]}),
    );
    let again = s.diagnostics(&uri, 2);
    assert!(codes(&again).contains(&"W001".to_string()), "{again:?}");

    // A broken file: shown once, and the document is checked with the
    // defaults meanwhile.
    write("[lint]\nignroe = [\"W\"]\n");
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&toml), "type": 2}]}),
    );
    let shown = s.wait(|m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("ignroe"), "{message}");
    assert_eq!(shown["params"]["type"], 1, "an error");
    assert_eq!(s.finish(), Some(0));
}
