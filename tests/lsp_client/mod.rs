//! A test client for `digest-lint server`: starts the binary and speaks
//! JSON-RPC with `Content-Length` framing over its standard input and
//! output. Shared by `tests/server.rs` and `benches/server_latency.rs`.
// Each user takes what it needs.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(30);

pub struct Session {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    pub next_id: i64,
    pub pending: Vec<Value>,
    transcript: Option<Vec<String>>,
}

pub fn read_message(reader: &mut impl BufRead) -> Option<Value> {
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
    pub fn start() -> Session {
        let bin = env!("CARGO_BIN_EXE_digest-lint");
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

    pub fn log(&mut self, arrow: &str, message: &Value) {
        if let Some(t) = &mut self.transcript {
            t.push(format!("{arrow} {message}"));
        }
    }

    pub fn send(&mut self, message: Value) {
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

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.wait(|m| m["id"] == id && m.get("method").is_none());
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response["result"].clone()
    }

    pub fn wait(&mut self, pick: impl Fn(&Value) -> bool) -> Value {
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

    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
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

    pub fn finish(mut self) -> Option<i32> {
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
