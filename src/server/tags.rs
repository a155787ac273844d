//! Tags for hover and completion: where a tag is in a document, and how
//! often each tag is used in the archive (the digests in the document's
//! folder and below, with the open document's own text as the editor has
//! it).

use crate::io;

use crate::syntax::Span;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// How often a tag is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TagStats {
    /// Entries that carry the tag.
    pub uses: usize,
    /// Files where it appears.
    pub files: usize,
}

/// The tag words in a text, each without its `#` (or `＃`).
pub fn tags_in(src: &str) -> Vec<(Span, &str)> {
    let digest = crate::syntax::parse(src);
    digest
        .entries()
        .filter_map(|e| e.tags.as_ref())
        .flat_map(|t| t.tags.iter().copied())
        .filter_map(|span| Some((span, strip_mark(span.text(src))?)))
        .collect()
}

/// The tag without its mark; `None` for a bare mark.
pub fn strip_mark(word: &str) -> Option<&str> {
    let rest = word.strip_prefix('#').or_else(|| word.strip_prefix('＃'))?;
    (!rest.is_empty()).then_some(rest)
}

/// The tag under `offset`, if any: from its mark to its last character
/// (a tag's span is never empty: [`tags_in`] leaves out bare marks).
pub fn tag_at(src: &str, offset: usize) -> Option<(Span, String)> {
    tags_in(src)
        .into_iter()
        .find(|(span, _)| span.start <= offset && offset < span.end)
        .map(|(span, tag)| (span, tag.to_string()))
}

/// The `#word` being typed just before `offset`: where its mark starts and
/// what follows the mark so far.
pub fn typed_tag(src: &str, offset: usize) -> Option<(usize, &str)> {
    let before = src.get(..offset)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace())
        .last()
        .map_or(offset, |(i, _)| i);
    let word = before.get(start..)?;
    let rest = word.strip_prefix('#').or_else(|| word.strip_prefix('＃'))?;
    Some((start, rest))
}

type FileTags = BTreeMap<String, usize>;

/// Tag counts of the files on disk, read once per folder and kept until a
/// file there is saved or changes.
#[derive(Default)]
pub struct Archive {
    folders: Mutex<HashMap<PathBuf, Arc<HashMap<PathBuf, FileTags>>>>,
}

impl Archive {
    /// Forgets what was read from the folder holding `path` (every folder
    /// when `None`).
    pub fn invalidate(&self, path: Option<&Path>) {
        let mut folders = self.folders.lock().unwrap_or_else(PoisonError::into_inner);
        match path {
            // A change anywhere below a folder changes that folder's counts.
            Some(path) => folders.retain(|folder, _| !path.starts_with(folder)),
            None => folders.clear(),
        }
    }

    /// Tag counts over the document's folder, the document counted from
    /// `text` (what the editor has) instead of from disk.
    pub fn stats(&self, path: Option<&Path>, text: &str) -> BTreeMap<String, TagStats> {
        let mut stats: BTreeMap<String, TagStats> = BTreeMap::new();
        let mut add = |counts: &FileTags| {
            for (tag, n) in counts {
                let s = stats.entry(tag.clone()).or_default();
                s.uses += n;
                s.files += 1;
            }
        };
        add(&count(text));
        let Some(path) = path else {
            return stats;
        };
        let Some(folder) = path.parent() else {
            return stats;
        };
        let own = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        for (file, counts) in self.folder(folder).iter() {
            if *file != own {
                add(counts);
            }
        }
        stats
    }

    fn folder(&self, folder: &Path) -> Arc<HashMap<PathBuf, FileTags>> {
        if let Some(known) = self
            .folders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(folder)
        {
            return Arc::clone(known);
        }
        // Read outside the lock; two readers at once only read twice.
        let (files, _unreadable) = io::discover(&[folder.to_path_buf()]);
        let read: HashMap<PathBuf, FileTags> = files
            .into_iter()
            .filter_map(|file| {
                let text = io::read_file(&file).ok()?;
                let key = file.canonicalize().unwrap_or(file);
                Some((key, count(&text)))
            })
            .collect();
        let read = Arc::new(read);
        self.folders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(folder.to_path_buf(), Arc::clone(&read));
        read
    }
}

fn count(text: &str) -> FileTags {
    let mut counts = FileTags::new();
    for (_, tag) in tags_in(text) {
        *counts.entry(tag.to_string()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str =
        "2025년 1월 2일\nA title\n(Ann Lee)\n본문입니다.\nBody text.\n#llm #데이터\n";

    #[test]
    fn finds_tags_and_the_one_under_the_cursor() {
        let tags: Vec<&str> = tags_in(DIGEST).into_iter().map(|(_, t)| t).collect();
        assert_eq!(tags, ["llm", "데이터"]);
        let at = DIGEST.find("데이터").unwrap_or_default();
        assert_eq!(
            tag_at(DIGEST, at).map(|(_, t)| t),
            Some("데이터".to_string())
        );
        assert_eq!(tag_at(DIGEST, 0), None);
        // From the mark to the last character; the space after is no tag.
        let llm = DIGEST.find("#llm").unwrap_or_default();
        for (at, want) in [(llm, Some("llm")), (llm + 3, Some("llm")), (llm + 4, None)] {
            assert_eq!(tag_at(DIGEST, at).map(|(_, t)| t).as_deref(), want, "{at}");
        }
    }

    #[test]
    fn the_tag_being_typed() {
        assert_eq!(typed_tag("x #ll", 5), Some((2, "ll")));
        assert_eq!(typed_tag("#", 1), Some((0, "")));
        assert_eq!(typed_tag("x ＃가", "x ＃가".len()), Some((2, "가")));
        assert_eq!(typed_tag("x ll", 4), None);
        assert_eq!(typed_tag("a#b", 3), None);
    }

    #[test]
    fn counts_the_folder_with_the_editors_text_for_the_document() {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("tempdir: {e}"),
        };
        let other = DIGEST.replace("#데이터", "#llm2");
        let own = dir.path().join("2025-01-02.txt");
        for (name, text) in [
            ("2025-01-01.txt", other.as_str()),
            ("2025-01-02.txt", DIGEST),
        ] {
            if let Err(e) = std::fs::write(dir.path().join(name), text) {
                panic!("write: {e}");
            }
        }
        let archive = Archive::default();
        // The editor's text replaces the file on disk: `#데이터` is gone.
        let edited = DIGEST.replace("#데이터", "");
        let stats = archive.stats(Some(&own), &edited);
        assert_eq!(stats.get("llm"), Some(&TagStats { uses: 2, files: 2 }));
        assert_eq!(stats.get("llm2"), Some(&TagStats { uses: 1, files: 1 }));
        assert_eq!(stats.get("데이터"), None);
        // Cached until invalidated.
        if let Err(e) = std::fs::write(dir.path().join("2025-01-03.txt"), DIGEST) {
            panic!("write: {e}");
        }
        assert_eq!(archive.stats(Some(&own), &edited).get("데이터"), None);
        archive.invalidate(Some(&dir.path().join("2025-01-03.txt")));
        let stats = archive.stats(Some(&own), &edited);
        assert_eq!(stats.get("데이터"), Some(&TagStats { uses: 1, files: 1 }));
    }
}
