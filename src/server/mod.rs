//! `digest-lint server`: the Language Server Protocol over a connection
//! (standard input and output for editors, in memory for tests).
//!
//! The message loop only keeps the open documents in step and hands out
//! work: checking runs on a lint thread that keeps the newest version of
//! each document and drops results for versions the editor has moved past;
//! requests (code actions, formatting, hover, completion, commands) run on
//! a request thread against a snapshot of the document taken when they
//! arrived. Configuration is resolved again for every check, so a changed
//! configuration file or editor setting applies without a restart.
//!
//! Layer: uses the driver ([`crate::lint`]), the rules (for their
//! documentation), the formatter, the configuration, `io` (to read the
//! digests around a document for tag counts) and the tree; only the
//! command line uses it.

mod documents;
mod encoding;
mod handlers;
mod settings;
mod tags;

pub use encoding::Encoding;
pub use handlers::{FIX_ALL_COMMAND, FIX_ALL_KIND};
pub use settings::{
    CommandLineDefaults, Project, Settings, TagVocabulary, VocabularyEntry, apply as apply_settings,
};

use crossbeam_channel::{Receiver, Sender, select, unbounded};
use documents::{Document, Snapshot};
use gen_lsp_types as lsp;
use lsp::{Notification as _, Request as _};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use tags::Archive;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Serves one client over standard input and output until it exits.
pub fn run_stdio(project: Arc<dyn Project>) -> Result<(), Error> {
    let (connection, io_threads) = Connection::stdio();
    run(connection, project)?;
    io_threads.join()?;
    Ok(())
}

/// Serves one client over `connection`: the initialize handshake, then the
/// message loop until `shutdown` and `exit`.
pub fn run(connection: Connection, project: Arc<dyn Project>) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    // Be liberal: a client whose parameters do not all parse still gets
    // the defaults (UTF-16, no settings).
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let watch_files = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let (settings, problems) = Settings::from_json(params.initialization_options.as_ref());
    let result = lsp::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(lsp::ServerInfo {
            name: "digest-lint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server::new(connection, project, encoding, settings);
    server.show_problems(&problems);
    if watch_files {
        server.register_watchers();
    }
    server.main_loop()
}

/// What the server offers.
pub fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(lsp::TextDocumentSync::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::Incremental),
                save: Some(lsp::Save::SaveOptions(lsp::SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProvider::CodeActionOptions(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QuickFix,
                    lsp::CodeActionKind::new(FIX_ALL_KIND),
                ]),
                ..Default::default()
            },
        )),
        document_formatting_provider: Some(lsp::DocumentFormattingProvider::Bool(true)),
        hover_provider: Some(lsp::HoverProvider::Bool(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["#".to_string(), "＃".to_string()]),
            ..Default::default()
        }),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![FIX_ALL_COMMAND.to_string()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// What the workers share.
struct Shared {
    project: Arc<dyn Project>,
    archive: Archive,
    encoding: Encoding,
}

/// A check to run: a snapshot with the settings in force when it was made.
struct LintJob {
    snap: Snapshot,
    settings: Arc<Settings>,
}

/// A finished check.
struct Linted {
    uri: lsp::Uri,
    version: i32,
    diagnostics: Vec<lsp::Diagnostic>,
    /// Why the document's configuration could not be read (it was then
    /// checked with the defaults).
    config_error: Option<String>,
}

type Task = Box<dyn FnOnce(&Shared, &Sender<Message>) + Send>;

struct Server {
    connection: Connection,
    shared: Arc<Shared>,
    settings: Arc<Settings>,
    documents: HashMap<lsp::Uri, Document>,
    lint_jobs: Option<Sender<LintJob>>,
    linted: Receiver<Linted>,
    tasks: Option<Sender<Task>>,
    threads: Vec<JoinHandle<()>>,
    next_id: AtomicU64,
    /// The last configuration error shown, so that it is shown once.
    shown_config_error: Option<String>,
}

impl Server {
    fn new(
        connection: Connection,
        project: Arc<dyn Project>,
        encoding: Encoding,
        settings: Settings,
    ) -> Self {
        let shared = Arc::new(Shared {
            project,
            archive: Archive::default(),
            encoding,
        });
        let (lint_tx, lint_rx) = unbounded::<LintJob>();
        let (done_tx, done_rx) = unbounded::<Linted>();
        let (task_tx, task_rx) = unbounded::<Task>();
        let lint_shared = Arc::clone(&shared);
        let lint_thread = std::thread::Builder::new()
            .name("digest-lint check".into())
            .spawn(move || lint_worker(&lint_shared, &lint_rx, &done_tx));
        let task_shared = Arc::clone(&shared);
        let sender = connection.sender.clone();
        let task_thread = std::thread::Builder::new()
            .name("digest-lint requests".into())
            .spawn(move || {
                for task in task_rx {
                    task(&task_shared, &sender);
                }
            });
        let threads = [lint_thread, task_thread]
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        Server {
            connection,
            shared,
            settings: Arc::new(settings),
            documents: HashMap::new(),
            lint_jobs: Some(lint_tx),
            linted: done_rx,
            tasks: Some(task_tx),
            threads,
            next_id: AtomicU64::new(1),
            shown_config_error: None,
        }
    }

    fn main_loop(&mut self) -> Result<(), Error> {
        loop {
            select! {
                recv(self.connection.receiver) -> message => {
                    let Ok(message) = message else { break };
                    if let Message::Request(request) = &message
                        && self.connection.handle_shutdown(request)?
                    {
                        break;
                    }
                    self.handle(message);
                }
                recv(self.linted) -> done => {
                    if let Ok(done) = done {
                        self.config_problem(done.config_error.as_deref());
                        self.publish(done);
                    }
                }
            }
        }
        // Closing the channels ends the workers.
        self.lint_jobs = None;
        self.tasks = None;
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
        Ok(())
    }

    fn send(&self, message: impl Into<Message>) {
        // The client is gone when this fails; the loop ends on its own.
        let _ = self.connection.sender.send(message.into());
    }

    fn show_problems(&self, problems: &[String]) {
        if problems.is_empty() {
            return;
        }
        let params = lsp::ShowMessageParams {
            kind: lsp::MessageType::Warning,
            message: format!("digest-lint settings: {}", problems.join("; ")),
        };
        self.send(Notification::new(
            lsp::ShowMessageNotification::METHOD.to_string(),
            params,
        ));
    }

    /// Shows a configuration error once (until it changes or goes away).
    fn config_problem(&mut self, error: Option<&str>) {
        if self.shown_config_error.as_deref() == error {
            return;
        }
        self.shown_config_error = error.map(str::to_string);
        if let Some(error) = error {
            let params = lsp::ShowMessageParams {
                kind: lsp::MessageType::Error,
                message: format!("digest-lint: {error} (checking with the defaults)"),
            };
            self.send(Notification::new(
                lsp::ShowMessageNotification::METHOD.to_string(),
                params,
            ));
        }
    }

    /// Asks the client to tell about changed digests and configuration
    /// files (for the archive's tag counts, and to check open documents
    /// again under a changed configuration).
    fn register_watchers(&self) {
        let watchers = ["**/*.txt", "**/*digest-lint.toml"]
            .into_iter()
            .map(|glob| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::Pattern(glob.to_string()),
                kind: None,
            })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "digest-lint-watch".to_string(),
                method: lsp::DidChangeWatchedFilesNotification::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let id = self.request_id();
        self.send(Request::new(
            id,
            lsp::RegistrationRequest::METHOD.to_string(),
            params,
        ));
    }

    fn request_id(&self) -> RequestId {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        RequestId::from(format!("digest-lint/{n}"))
    }

    fn handle(&mut self, message: Message) {
        match message {
            Message::Request(request) => self.on_request(request),
            Message::Notification(notification) => self.on_notification(notification),
            // Answers to our registration and applyEdit requests: nothing
            // waits for them.
            Message::Response(_) => {}
        }
    }

    fn on_notification(&mut self, n: Notification) {
        let method = n.method.as_str();
        if method == lsp::DidOpenTextDocumentNotification::METHOD.as_str() {
            let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) else {
                return;
            };
            let doc = Document::new(
                p.text_document.uri.clone(),
                p.text_document.version,
                p.text_document.text,
            );
            self.documents.insert(p.text_document.uri.clone(), doc);
            self.lint(&p.text_document.uri);
        } else if method == lsp::DidChangeTextDocumentNotification::METHOD.as_str() {
            let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params) else {
                return;
            };
            let uri = p.text_document.text_document_identifier.uri;
            if let Some(doc) = self.documents.get_mut(&uri) {
                doc.apply(
                    p.text_document.version,
                    p.content_changes,
                    self.shared.encoding,
                );
                self.lint(&uri);
            }
        } else if method == lsp::DidSaveTextDocumentNotification::METHOD.as_str() {
            let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params) else {
                return;
            };
            if let Ok(path) = p.text_document.uri.to_file_path() {
                self.shared.archive.invalidate(Some(&path));
            }
            self.lint(&p.text_document.uri);
        } else if method == lsp::DidCloseTextDocumentNotification::METHOD.as_str() {
            let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) else {
                return;
            };
            self.documents.remove(&p.text_document.uri);
            // A check still running for it is dropped when it arrives.
            self.publish_raw(p.text_document.uri, None, Vec::new());
        } else if method == lsp::DidChangeConfigurationNotification::METHOD.as_str() {
            let Ok(p) = serde_json::from_value::<lsp::DidChangeConfigurationParams>(n.params)
            else {
                return;
            };
            let (settings, problems) = Settings::from_json(Some(&p.settings));
            self.settings = Arc::new(settings);
            self.show_problems(&problems);
            self.lint_all();
        } else if method == lsp::DidChangeWatchedFilesNotification::METHOD.as_str() {
            let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(n.params) else {
                return;
            };
            for change in &p.changes {
                match change.uri.to_file_path() {
                    Ok(path) => self.shared.archive.invalidate(Some(&path)),
                    Err(()) => self.shared.archive.invalidate(None),
                }
            }
            self.lint_all();
        }
        // initialized, $/cancelRequest, $/setTrace and the rest: nothing to do.
    }

    fn lint(&self, uri: &lsp::Uri) {
        let (Some(doc), Some(jobs)) = (self.documents.get(uri), &self.lint_jobs) else {
            return;
        };
        let _ = jobs.send(LintJob {
            snap: doc.snapshot(),
            settings: Arc::clone(&self.settings),
        });
    }

    fn lint_all(&self) {
        for uri in self.documents.keys() {
            self.lint(uri);
        }
    }

    /// Publishes a finished check, unless the document changed (or closed)
    /// since: a newer check is then on its way.
    fn publish(&self, done: Linted) {
        let current = self.documents.get(&done.uri).map(|d| d.version);
        if current == Some(done.version) {
            self.publish_raw(done.uri, Some(done.version), done.diagnostics);
        }
    }

    fn publish_raw(&self, uri: lsp::Uri, version: Option<i32>, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            version,
            diagnostics,
        };
        self.send(Notification::new(
            lsp::PublishDiagnosticsNotification::METHOD.to_string(),
            params,
        ));
    }

    fn on_request(&mut self, r: Request) {
        let method = r.method.as_str();
        if method == lsp::CodeActionRequest::METHOD.as_str() {
            self.with_document::<lsp::CodeActionParams>(
                r,
                |p| &p.text_document.uri,
                |p, s, cx| {
                    let only = p.context.only.as_deref();
                    let actions = handlers::code_actions(
                        s,
                        &cx.config,
                        &cx.settings,
                        cx.encoding,
                        p.range,
                        only,
                    );
                    serde_json::to_value(Some(actions))
                },
            );
        } else if method == lsp::DocumentFormattingRequest::METHOD.as_str() {
            self.with_document::<lsp::DocumentFormattingParams>(
                r,
                |p| &p.text_document.uri,
                |_, s, cx| {
                    serde_json::to_value(Some(handlers::formatting(s, &cx.config, cx.encoding)))
                },
            );
        } else if method == lsp::HoverRequest::METHOD.as_str() {
            self.with_document::<lsp::HoverParams>(
                r,
                |p| &p.text_document_position_params.text_document.uri,
                |p, s, cx| {
                    let vocabulary = cx.vocabulary.as_deref();
                    let position = p.text_document_position_params.position;
                    let hover = handlers::hover(
                        s,
                        &cx.config,
                        cx.encoding,
                        position,
                        cx.archive,
                        vocabulary,
                    );
                    serde_json::to_value(hover)
                },
            );
        } else if method == lsp::CompletionRequest::METHOD.as_str() {
            self.with_document::<lsp::CompletionParams>(
                r,
                |p| &p.text_document_position_params.text_document.uri,
                |p, s, cx| {
                    let vocabulary = cx.vocabulary.as_deref();
                    let position = p.text_document_position_params.position;
                    let list =
                        handlers::completion(s, cx.encoding, position, cx.archive, vocabulary);
                    serde_json::to_value(list)
                },
            );
        } else if method == lsp::ExecuteCommandRequest::METHOD.as_str() {
            self.execute_command(r);
        } else {
            self.send(Response::new_err(
                r.id,
                ErrorCode::MethodNotFound as i32,
                format!("digest-lint does not handle {}", r.method),
            ));
        }
    }

    /// Runs `answer` on the request thread against a snapshot of the
    /// document the request names (as the editor has it now) and sends its
    /// result as the response.
    fn with_document<P>(
        &self,
        r: Request,
        uri_of: impl FnOnce(&P) -> &lsp::Uri,
        answer: impl FnOnce(P, &Snapshot, &TaskContext<'_>) -> serde_json::Result<serde_json::Value>
        + Send
        + 'static,
    ) where
        P: serde::de::DeserializeOwned + Send + 'static,
    {
        let id = r.id.clone();
        let params: P = match serde_json::from_value(r.params) {
            Ok(p) => p,
            Err(e) => {
                self.send(Response::new_err(
                    id,
                    ErrorCode::InvalidParams as i32,
                    e.to_string(),
                ));
                return;
            }
        };
        let Some(doc) = self.documents.get(uri_of(&params)) else {
            self.send(Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                "the document is not open".to_string(),
            ));
            return;
        };
        let snap = doc.snapshot();
        let settings = Arc::clone(&self.settings);
        self.spawn(Box::new(move |shared, sender| {
            let cx = TaskContext::new(shared, &snap, &settings);
            let response = match answer(params, &snap, &cx) {
                Ok(value) => Response::new_ok(id, value),
                Err(e) => Response::new_err(id, ErrorCode::InternalError as i32, e.to_string()),
            };
            let _ = sender.send(response.into());
        }));
    }

    fn spawn(&self, task: Task) {
        if let Some(tasks) = &self.tasks {
            let _ = tasks.send(task);
        }
    }

    /// `digest-lint.applyFixAll` with a document URI: asks the client to
    /// apply every safe fix (`workspace/applyEdit`), then answers null.
    fn execute_command(&self, r: Request) {
        let id = r.id.clone();
        let params: lsp::ExecuteCommandParams = match serde_json::from_value(r.params) {
            Ok(p) => p,
            Err(e) => {
                self.send(Response::new_err(
                    id,
                    ErrorCode::InvalidParams as i32,
                    e.to_string(),
                ));
                return;
            }
        };
        if params.command != FIX_ALL_COMMAND {
            self.send(Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("unknown command {}", params.command),
            ));
            return;
        }
        let uri = params
            .arguments
            .as_deref()
            .and_then(<[_]>::first)
            .and_then(|a| {
                a.as_str()
                    .map(str::to_string)
                    .or_else(|| a.get("uri").and_then(|u| u.as_str()).map(str::to_string))
            })
            .and_then(|s| lsp::Uri::parse(&s).ok());
        let Some(doc) = uri.and_then(|u| self.documents.get(&u)) else {
            self.send(Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("{FIX_ALL_COMMAND} takes the URI of an open document"),
            ));
            return;
        };
        let snap = doc.snapshot();
        let settings = Arc::clone(&self.settings);
        let edit_id = self.request_id();
        self.spawn(Box::new(move |shared, sender| {
            let cx = TaskContext::new(shared, &snap, &settings);
            if let Some(edit) = handlers::fix_all_edit(&snap, &cx.config, cx.encoding) {
                let params = lsp::ApplyWorkspaceEditParams {
                    label: Some("digest-lint: apply every safe fix".to_string()),
                    edit,
                    metadata: None,
                };
                let _ = sender.send(
                    Request::new(
                        edit_id,
                        lsp::ApplyWorkspaceEditRequest::METHOD.to_string(),
                        params,
                    )
                    .into(),
                );
            }
            let _ = sender.send(Response::new_ok(id, serde_json::Value::Null).into());
        }));
    }
}

/// What a request needs besides the snapshot.
struct TaskContext<'a> {
    config: crate::config::Config,
    settings: Arc<Settings>,
    encoding: Encoding,
    archive: &'a Archive,
    vocabulary: Option<Arc<dyn TagVocabulary>>,
}

impl<'a> TaskContext<'a> {
    fn new(shared: &'a Shared, snap: &Snapshot, settings: &Arc<Settings>) -> Self {
        let path = snap.path.as_deref();
        let (config, _) = resolve(shared, path, settings);
        let vocabulary = shared.project.vocabulary(path).or_else(|| {
            config
                .tags
                .clone()
                .map(|v| Arc::new(v) as Arc<dyn TagVocabulary>)
        });
        TaskContext {
            config,
            settings: Arc::clone(settings),
            encoding: shared.encoding,
            archive: &shared.archive,
            vocabulary,
        }
    }
}

/// A document's configuration, or the defaults (with the editor's
/// settings) and the reason when it cannot be read.
fn resolve(
    shared: &Shared,
    path: Option<&std::path::Path>,
    settings: &Settings,
) -> (crate::config::Config, Option<String>) {
    match shared.project.config(path, settings) {
        Ok(config) => (config, None),
        Err(e) => (
            apply_settings(crate::config::Config::default(), settings),
            Some(e),
        ),
    }
}

/// Checks documents one after the other. Jobs that queued up while a check
/// ran are thinned to the newest per document first: an older version's
/// result would be dropped anyway.
fn lint_worker(shared: &Shared, jobs: &Receiver<LintJob>, done: &Sender<Linted>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while let Ok(next) = jobs.try_recv() {
            keep_newest(&mut batch, next, |j| &j.snap.uri);
        }
        for job in batch {
            let (config, config_error) = resolve(shared, job.snap.path.as_deref(), &job.settings);
            let diagnostics =
                handlers::diagnostics(&job.snap, &config, &job.settings, shared.encoding);
            let finished = Linted {
                uri: job.snap.uri,
                version: job.snap.version,
                diagnostics,
                config_error,
            };
            if done.send(finished).is_err() {
                return;
            }
        }
    }
}

/// Adds `next` to `batch`, in the place of a job for the same document
/// (`document` of each), which it is newer than.
fn keep_newest<T, K: PartialEq>(batch: &mut Vec<T>, next: T, document: impl Fn(&T) -> &K) {
    match batch.iter_mut().find(|j| document(j) == document(&next)) {
        Some(older) => *older = next,
        None => batch.push(next),
    }
}

#[cfg(test)]
mod tests;
