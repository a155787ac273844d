//! The server through an in-memory connection: a test client sends what an
//! editor sends and reads what comes back.

use super::*;
use crate::config::Config;
use serde_json::{Value, json};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

/// Trailing white space after Hangul and an emoji (W001, safe fix), an
/// `http://arxiv.org` link (L004, safe fix) and no final newline (W002).
const DIGEST: &str = "2025년 3월 14일\nSparse Routing for Small Models\n(Mina Park, Daniel Okafor)\n작은 모델의 라우팅 비교 😀 \nA comparison of routing in small models. (http://arxiv.org/abs/2503.01234)\n#routing #efficiency";

struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
    next: i32,
    /// Messages read while waiting for something else.
    pending: Vec<Message>,
}

impl Client {
    fn start(project: Arc<dyn Project>, init: Value) -> (Client, Value) {
        let (server_side, client_side) = Connection::memory();
        let server =
            std::thread::spawn(move || run(server_side, project).map_err(|e| e.to_string()));
        let mut client = Client {
            conn: client_side,
            server: Some(server),
            next: 0,
            pending: Vec::new(),
        };
        let result = client.request("initialize", init);
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&self, message: Message) {
        if let Err(e) = self.conn.sender.send(message) {
            panic!("server gone: {e}");
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.wait(|m| match m {
            Message::Response(r) if r.id == id => Some(r.clone()),
            _ => None,
        });
        match response.response_result {
            Ok(v) => v,
            Err(e) => panic!("{method} failed: {} ({})", e.message, e.code),
        }
    }

    fn send_request(&mut self, method: &str, params: Value) -> RequestId {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Request::new(id.clone(), method.to_string(), params).into());
        id
    }

    /// The first message (read earlier or now) `pick` takes.
    fn wait<T>(&mut self, mut pick: impl FnMut(&Message) -> Option<T>) -> T {
        if let Some(i) = self.pending.iter().position(|m| pick(m).is_some()) {
            let m = self.pending.remove(i);
            if let Some(t) = pick(&m) {
                return t;
            }
        }
        loop {
            let m = match self.conn.receiver.recv_timeout(WAIT) {
                Ok(m) => m,
                Err(e) => panic!("waited {WAIT:?}: {e}; pending {:?}", self.pending),
            };
            if let Some(t) = pick(&m) {
                return t;
            }
            self.pending.push(m);
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.wait(|m| match m {
            Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["uri"] == uri
                    && n.params["version"] == version =>
            {
                n.params["diagnostics"].as_array().cloned()
            }
            _ => None,
        })
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "digest", "version": 1, "text": text}}),
        );
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        if let Some(server) = self.server.take() {
            match server.join() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => panic!("server failed: {e}"),
                Err(_) => panic!("server panicked"),
            }
        }
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("?").to_string())
        .collect()
}

fn uri_in(dir: &Path, name: &str) -> String {
    match url::Url::from_file_path(dir.join(name)) {
        Ok(u) => u.to_string(),
        Err(()) => panic!("not absolute: {}", dir.display()),
    }
}

fn check_codes(text: &str, name: &str, config: &Config) -> Vec<String> {
    crate::lint::check(text, Some(name), config)
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

/// Applies LSP text edits (UTF-16 positions) to a text.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let positions = encoding::Positions::new(text, Encoding::Utf16);
            let pos = |p: &Value| lsp::Position {
                line: p["line"].as_u64().unwrap_or(0) as u32,
                character: p["character"].as_u64().unwrap_or(0) as u32,
            };
            (
                positions.offset(pos(&e["range"]["start"])),
                positions.offset(pos(&e["range"]["end"])),
                e["newText"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, t) in edits {
        out.replace_range(a..b, &t);
    }
    out
}

#[test]
fn a_session_from_open_to_exit() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let name = "2025-03-14.txt";
    let uri = uri_in(dir.path(), name);
    let (mut c, init) = Client::start(Arc::new(CommandLineDefaults), json!({"capabilities": {}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    // What the editor must send: opens and closes, saves without text.
    assert_eq!(init["capabilities"]["textDocumentSync"]["openClose"], true);
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["save"],
        json!({"includeText": false})
    );
    assert_eq!(
        init["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", FIX_ALL_KIND])
    );

    c.open(&uri, DIGEST);
    let published = c.diagnostics(&uri, 1);
    assert_eq!(
        codes(&published),
        check_codes(DIGEST, name, &Config::default())
    );
    assert!(codes(&published).contains(&"W001".to_string()));

    // Remove the emoji and the space after it: W001 goes.
    let line = DIGEST.lines().nth(3).unwrap_or_default();
    let start = line.chars().map(char::len_utf16).sum::<usize>() - 4;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 3, "character": start},
                       "end": {"line": 3, "character": start + 4}}, "text": ""}]}),
    );
    let after = c.diagnostics(&uri, 2);
    let edited = DIGEST.replace(" 😀 \n", "\n");
    assert_eq!(
        codes(&after),
        check_codes(&edited, name, &Config::default())
    );
    assert!(!codes(&after).contains(&"W001".to_string()));

    // A quick fix for L004 at its place, and the fix-all action.
    let link_line = 4;
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": link_line, "character": 45}, "end": {"line": link_line, "character": 45}},
               "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    let kinds: Vec<&str> = actions.iter().filter_map(|a| a["kind"].as_str()).collect();
    assert!(kinds.contains(&"quickfix"), "{actions:?}");
    assert!(kinds.contains(&FIX_ALL_KIND), "{actions:?}");
    let fix_all = actions.iter().find(|a| a["kind"] == FIX_ALL_KIND);
    let edits = fix_all
        .and_then(|a| a["edit"]["changes"][&uri].as_array().cloned())
        .unwrap_or_default();
    let fixed = apply_edits(&edited, &edits);
    let expected = crate::lint::fix(
        &edited,
        Some(name),
        &Config::default(),
        crate::fix::FixMode::Safe,
    );
    assert_eq!(fixed, expected.text);
    assert!(fixed.contains("https://arxiv.org/abs/2503.01234") && fixed.ends_with('\n'));

    // The command asks the client to apply the same edit.
    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": FIX_ALL_COMMAND, "arguments": [uri]}),
    );
    let apply = c.wait(|m| match m {
        Message::Request(r) if r.method == "workspace/applyEdit" => Some(r.clone()),
        _ => None,
    });
    let edits = apply.params["edit"]["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(apply_edits(&edited, &edits), expected.text);
    c.send(Response::new_ok(apply.id, json!({"applied": true})).into());
    let done = c.wait(|m| match m {
        Message::Response(r) if r.id == id => Some(r.clone()),
        _ => None,
    });
    assert_eq!(done.response_result.ok(), Some(Value::Null));

    // Formatting gives fmt's output.
    let edits = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let formatted = apply_edits(
        &edited,
        edits.as_array().map(Vec::as_slice).unwrap_or_default(),
    );
    assert_eq!(
        formatted,
        crate::format::format(&edited, &Default::default())
    );

    // Hover on the W002 finding (at the end) shows the rule's doc.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 20}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        text.contains("missing-final-newline") && text.contains("## What it does"),
        "{hover}"
    );

    c.stop();
}

#[test]
fn utf8_negotiated_positions_count_bytes() {
    let (mut c, init) = Client::start(
        Arc::new(CommandLineDefaults),
        json!({"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///nonexistent-digest-lint/2025-03-14.txt";
    c.open(uri, DIGEST);
    let published = c.diagnostics(uri, 1);
    let w001 = published.iter().find(|d| d["code"] == "W001");
    let line = DIGEST.lines().nth(3).unwrap_or_default();
    let expected = line.len() - 1; // the one trailing space, in bytes
    assert_eq!(
        w001.map(|d| d["range"]["start"].clone()),
        Some(json!({"line": 3, "character": expected}))
    );
    c.stop();
}

#[test]
fn completion_and_hover_on_tags_read_the_archive() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let other = "2025년 3월 13일\nOther Paper\n(Ann Lee)\n다른 논문입니다.\nAnother paper.\n#routing #long-context\n";
    let third = other.replace("#long-context", "#moe");
    for (name, text) in [
        ("2025-03-13.txt", other),
        ("2025-03-12.txt", third.as_str()),
    ] {
        if let Err(e) = std::fs::write(dir.path().join(name), text) {
            panic!("{e}");
        }
    }
    let uri = uri_in(dir.path(), "2025-03-14.txt");
    let (mut c, _) = Client::start(Arc::new(CommandLineDefaults), json!({"capabilities": {}}));
    let text = format!("{DIGEST}\n#lo");
    c.open(&uri, &text);
    // Hover on `#routing` (line 5): three entries in three files.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 2}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        value.contains("#routing**: used in 3 entries in 3 files"),
        "{value}"
    );
    // Completion after `#lo` offers `#long-context` from the folder.
    let list = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 3}}),
    );
    let labels: Vec<&str> = list["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["#long-context"]);
    let edit = &list["items"][0]["textEdit"];
    assert_eq!(edit["range"]["start"], json!({"line": 6, "character": 0}));
    c.stop();
}

/// A project whose configuration can change between checks, like a
/// configuration file edited while the server runs, and with a vocabulary.
#[derive(Default)]
struct Switchable {
    ignore_w: Mutex<bool>,
}

struct Vocab;

impl TagVocabulary for Vocab {
    fn entry(&self, tag: &str) -> Option<VocabularyEntry> {
        match tag {
            "routing" => Some(VocabularyEntry::Known {
                description: Some("how tokens go to experts".into()),
            }),
            "route" => Some(VocabularyEntry::Alias {
                canonical: "routing".into(),
            }),
            _ => None,
        }
    }

    fn tags(&self) -> Vec<String> {
        vec!["routing".into(), "retrieval".into()]
    }
}

impl Project for Switchable {
    fn config(&self, path: Option<&Path>, settings: &Settings) -> Result<Config, String> {
        let mut config = CommandLineDefaults.config(path, settings)?;
        if *self.ignore_w.lock().unwrap_or_else(|e| e.into_inner()) {
            config.ignore.extend(crate::rules::selector("W"));
        }
        Ok(config)
    }

    fn vocabulary(&self, _path: Option<&Path>) -> Option<Arc<dyn TagVocabulary>> {
        Some(Arc::new(Vocab))
    }
}

#[test]
fn configuration_changes_apply_without_a_restart() {
    let project = Arc::new(Switchable::default());
    let (mut c, _) = Client::start(
        project.clone(),
        json!({"capabilities": {},
        "initializationOptions": {"ignore": ["L"]}}),
    );
    let uri = "file:///nonexistent-digest-lint/2025-03-14.txt";
    c.open(uri, DIGEST);
    let first = codes(&c.diagnostics(uri, 1));
    assert!(first.contains(&"W001".to_string()) && !first.iter().any(|c| c.starts_with('L')));
    // The configuration file changed: the watcher's event re-checks.
    *project.ignore_w.lock().unwrap_or_else(|e| e.into_inner()) = true;
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [
        {"uri": "file:///nonexistent-digest-lint/digest-lint.toml", "type": 2}]}),
    );
    let second = codes(&c.diagnostics(uri, 1));
    assert!(!second.iter().any(|c| c.starts_with('W')), "{second:?}");
    // Editor settings change: L is no longer ignored.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"digest-lint": {"select": ["L"]}}}),
    );
    let third = codes(&c.diagnostics(uri, 1));
    assert_eq!(third, ["L004"]);
    // Completion comes from the vocabulary, hover says what it knows.
    let text = format!("{DIGEST}\n#r");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let list = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 2}}),
    );
    let labels: Vec<&str> = list["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, ["#routing", "#retrieval"]);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 3}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(value.contains("how tokens go to experts"), "{value}");
    c.stop();
}

#[test]
fn stale_results_are_dropped_and_the_newest_version_is_published() {
    let (mut c, _) = Client::start(Arc::new(CommandLineDefaults), json!({"capabilities": {}}));
    let uri = "file:///nonexistent-digest-lint/2025-03-14.txt";
    c.open(uri, DIGEST);
    // Many edits in a row, without waiting.
    for version in 2..=30 {
        let text = if version % 2 == 0 {
            DIGEST.to_string()
        } else {
            format!("{DIGEST}\n")
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }
    let last = c.diagnostics(uri, 30);
    assert_eq!(
        codes(&last),
        check_codes(DIGEST, "2025-03-14.txt", &Config::default())
    );
    // Whatever was published before version 30 came in order and no
    // version was published after a newer one.
    let mut seen: Vec<i64> = c
        .pending
        .iter()
        .filter_map(|m| match m {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                n.params["version"].as_i64()
            }
            _ => None,
        })
        .collect();
    let sorted = {
        let mut s = seen.clone();
        s.sort_unstable();
        s
    };
    assert_eq!(seen, sorted);
    seen.dedup();
    assert!(seen.iter().all(|&v| v < 30));
    c.stop();
}

#[test]
fn unknown_requests_get_an_error_and_bad_settings_a_message() {
    let (mut c, _) = Client::start(
        Arc::new(CommandLineDefaults),
        json!({"capabilities": {}, "initializationOptions": {"select": ["Z9"]}}),
    );
    let shown = c.wait(|m| match m {
        Message::Notification(n) if n.method == "window/showMessage" => {
            n.params["message"].as_str().map(str::to_string)
        }
        _ => None,
    });
    assert!(shown.contains("Z9"), "{shown}");
    let id = c.send_request("textDocument/definition", json!({}));
    let response = c.wait(|m| match m {
        Message::Response(r) if r.id == id => Some(r.clone()),
        _ => None,
    });
    assert_eq!(
        response.response_result.err().map(|e| e.code),
        Some(ErrorCode::MethodNotFound as i32)
    );
    c.stop();
}

#[test]
fn a_client_that_can_watch_files_is_asked_to() {
    let (mut c, _) = Client::start(
        Arc::new(CommandLineDefaults),
        json!({"capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    let params = c.wait(|m| match m {
        Message::Request(r) if r.method == "client/registerCapability" => Some(r.params.clone()),
        _ => None,
    });
    let registration = &params["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&Value> = registration["registerOptions"]["watchers"]
        .as_array()
        .map(|w| w.iter().map(|w| &w["globPattern"]).collect())
        .unwrap_or_default();
    assert_eq!(globs, [&json!("**/*.txt"), &json!("**/*digest-lint.toml")]);
    c.stop();
}

#[test]
fn queued_checks_keep_the_newest_version_of_each_document() {
    let mut batch = vec![("a", 1)];
    for next in [("b", 1), ("a", 2), ("c", 1), ("b", 2), ("a", 3)] {
        keep_newest(&mut batch, next, |j| &j.0);
    }
    assert_eq!(batch, [("a", 3), ("b", 2), ("c", 1)]);
}
