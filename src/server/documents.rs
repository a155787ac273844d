//! Open documents: their text as the editor has it, kept in step by
//! incremental changes, and where they live on disk.

use super::encoding::{Encoding, Positions};
use gen_lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::path::PathBuf;
use std::sync::Arc;

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub text: String,
    /// The file behind a `file:` URI (for its name, its configuration and
    /// the archive around it); `None` for an unsaved buffer.
    pub path: Option<PathBuf>,
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: String) -> Self {
        let path = uri.to_file_path().ok();
        Document {
            uri,
            version,
            text,
            path,
        }
    }

    /// Applies the changes of one `didChange`, in order: a change with a
    /// range replaces that range (positions in `encoding`, counted in the
    /// text as the earlier changes left it); one without replaces the whole.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change {
                TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => {
                    self.text = whole.text;
                }
                TextDocumentContentChangeEvent::TextDocumentContentChangePartial(part) => {
                    let positions = Positions::new(&self.text, encoding);
                    let a = positions.offset(part.range.start);
                    let b = positions.offset(part.range.end);
                    let (start, end) = (a.min(b), a.max(b));
                    self.text.replace_range(start..end, &part.text);
                }
            }
        }
        self.version = version;
    }

    /// The name the rules see: the file's last component, or for a buffer
    /// without a file the last segment of its URI.
    pub fn file_name(&self) -> Option<String> {
        match &self.path {
            Some(path) => path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string),
            None => self
                .uri
                .path_segments()
                .and_then(|mut s| s.next_back())
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            uri: self.uri.clone(),
            version: self.version,
            text: Arc::from(self.text.as_str()),
            path: self.path.clone(),
            file_name: self.file_name(),
        }
    }
}

/// A document's state at one version, handed to a worker.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<str>,
    pub path: Option<PathBuf>,
    pub file_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use gen_lsp_types::{
        Position, Range, TextDocumentContentChangePartial, TextDocumentContentChangeWholeDocument,
    };

    fn uri(s: &str) -> Uri {
        match Uri::parse(s) {
            Ok(u) => u,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[allow(deprecated)] // range_length: the protocol still defines it
    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangePartial {
            range: Range {
                start: Position {
                    line: l0,
                    character: c0,
                },
                end: Position {
                    line: l1,
                    character: c1,
                },
            },
            range_length: None,
            text: text.to_string(),
        }
        .into()
    }

    #[test]
    fn incremental_changes_apply_in_order_in_utf16() {
        let mut d = Document::new(uri("file:///tmp/2025-01-02.txt"), 1, "가😀b\n끝\n".into());
        // Replace "b" (after 1 + 2 UTF-16 units), then insert on the changed text.
        d.apply(
            2,
            vec![edit(0, 3, 0, 4, "c"), edit(1, 0, 1, 0, "#")],
            Encoding::Utf16,
        );
        assert_eq!(d.text, "가😀c\n#끝\n");
        assert_eq!(d.version, 2);
        // Delete across a line break, in UTF-8 units.
        d.apply(3, vec![edit(0, 7, 1, 1, "")], Encoding::Utf8);
        assert_eq!(d.text, "가😀끝\n");
        d.apply(
            4,
            vec![TextDocumentContentChangeWholeDocument::new("new\n".into()).into()],
            Encoding::Utf32,
        );
        assert_eq!(d.text, "new\n");
    }

    #[test]
    fn file_names_come_from_the_path_or_the_uri() {
        let d = Document::new(uri("file:///tmp/a%20b/2025-01-02.txt"), 1, String::new());
        assert_eq!(d.file_name().as_deref(), Some("2025-01-02.txt"));
        assert!(d.path.is_some());
        let d = Document::new(uri("untitled:Untitled-1"), 1, String::new());
        assert_eq!(d.path, None);
        // A buffer that is no file: the URI's last segment, if it has one.
        let d = Document::new(uri("vscode-vfs://host/a/2025-01-03.txt"), 1, String::new());
        assert_eq!(d.path, None);
        assert_eq!(d.file_name().as_deref(), Some("2025-01-03.txt"));
        let d = Document::new(uri("vscode-vfs://host/a/"), 1, String::new());
        assert_eq!(d.file_name(), None);
    }
}
