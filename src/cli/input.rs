//! The inputs of a run: which paths, and reading them (files, folders,
//! standard input), each failure reported once, naming the file.

use super::exit::say;
use super::settings::{ConfigArgs, select_paths};
use crate::config::discover::Resolver;
use crate::io::{self, SourceError};
use std::path::PathBuf;

/// The paths to work on. None given means the current folder, or standard
/// input when `--stdin-filename` names it; a name for standard input with
/// paths that do not include `-` is a mistake (silently walking the folder
/// instead could rewrite files the user never meant to touch).
fn input_paths(paths: &[PathBuf], stdin_name: Option<&str>) -> Result<Vec<PathBuf>, String> {
    let reads_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    match (paths.is_empty(), stdin_name) {
        (true, Some(_)) => Ok(vec![PathBuf::from("-")]),
        (true, None) => Ok(vec![PathBuf::from(".")]),
        (false, Some(name)) if !reads_stdin => Err(format!(
            "--stdin-filename {name} names standard input, but no `-` is among the paths"
        )),
        (false, _) => Ok(paths.to_vec()),
    }
}

/// A source to work on: a file, or standard input under a name.
pub(super) struct Source {
    pub(super) path: String,
    /// `None` for standard input.
    pub(super) file: Option<PathBuf>,
    pub(super) text: String,
    /// What the file was when read, to refuse overwriting a newer edit.
    pub(super) stamp: Option<io::Stamp>,
}

/// One input of a run before its text is read (standard input, which can
/// be read only once, is read when the inputs are gathered).
pub(super) struct Input {
    pub(super) path: String,
    /// `None` for standard input.
    pub(super) file: Option<PathBuf>,
    stdin: Option<String>,
    /// The file's size on disk when it was found (0 for standard input).
    size: u64,
}

impl Input {
    /// The input's text. A file is read now, so that a run holds only the
    /// texts it is working on.
    pub(super) fn read(self) -> Result<Source, SourceError> {
        match (self.file, self.stdin) {
            (Some(file), _) => {
                let (text, stamp) = io::read_file_stamped(&file)?;
                Ok(Source {
                    path: self.path,
                    file: Some(file),
                    text,
                    stamp: Some(stamp),
                })
            }
            (None, text) => Ok(Source {
                path: self.path,
                file: None,
                text: text.unwrap_or_default(),
                stamp: None,
            }),
        }
    }

    /// The size of the file on disk (0 for standard input, whose text is
    /// already held, or when it cannot be known): what reading it will
    /// cost in memory.
    pub(super) fn size(&self) -> u64 {
        self.size
    }
}

/// The prelude `check` and `fmt` share: the paths named (or the current
/// folder, or standard input), the files found under them that the
/// configuration's `include` and `exclude` select, and standard input read.
/// Failures are printed (naming the file) and counted; `Err` is trouble
/// before any file is read. The order is that of discovery, standard
/// input first.
pub(super) fn gather_sources(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    settings: &ConfigArgs,
    resolver: &mut Resolver,
) -> Result<(Vec<Input>, usize), String> {
    let paths = input_paths(paths, stdin_name)?;
    let (paths, walk_failures) = select_paths(&paths, settings, resolver)?;
    let (inputs, failures) = inputs(&paths, stdin_name, resolver);
    Ok((inputs, failures + walk_failures))
}

/// The inputs under `paths`, standard input read. Errors are printed
/// (naming the file) and counted. `resolver` has looked at the files to
/// choose their settings: its looks name each file once.
fn inputs(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    resolver: &mut Resolver,
) -> (Vec<Input>, usize) {
    let mut inputs = Vec::new();
    let mut failures = 0;
    let mut report = |e: SourceError| {
        say(format_args!("digest-lint: error: {e}"));
        failures += 1;
    };
    let (stdin, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        let name = stdin_name.unwrap_or("-");
        match io::read_stdin(name) {
            Ok(text) => inputs.push(Input {
                path: name.to_string(),
                file: None,
                stdin: Some(text),
                // Held already: it costs nothing more on disk.
                size: 0,
            }),
            Err(e) => report(e),
        }
    }
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    let (found, errors) = io::discover_sized_with(&files, |p| resolver.looked(p));
    errors.into_iter().for_each(&mut report);
    inputs.extend(found.into_iter().map(|(file, size)| Input {
        path: file.display().to_string(),
        file: Some(file),
        stdin: None,
        size,
    }));
    (inputs, failures)
}

/// At most this many files are held at once by `check` and `fmt`, and no
/// more than this many bytes of text (unless one file is larger). Only
/// memory and time depend on them: every chunking prints the same.
pub(super) const CHUNK_FILES: usize = 64;
pub(super) const CHUNK_BYTES: u64 = 8 << 20;

/// Cuts the inputs into consecutive chunks for a run that holds one chunk
/// of texts at a time: at most `files` inputs, and no more than `bytes` on
/// disk unless one file alone is larger.
pub(super) fn chunks(inputs: Vec<Input>, files: usize, bytes: u64) -> Vec<Vec<Input>> {
    let mut out = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for input in inputs {
        let n = input.size();
        if !chunk.is_empty() && (chunk.len() >= files || size + n > bytes) {
            out.push(std::mem::take(&mut chunk));
            size = 0;
        }
        size += n;
        chunk.push(input);
    }
    if !chunk.is_empty() {
        out.push(chunk);
    }
    out
}

/// Before a run that writes: SIGTERM and Ctrl-C remove the temporary file
/// being written, and temporary files that killed runs left beside the
/// files are removed (their run is gone) or reported.
pub(super) fn prepare_to_write(files: &[PathBuf]) {
    io::clean_up_on_signals();
    for leftover in io::clean_leftovers(files) {
        match leftover {
            io::Leftover::Removed(path) => say(format_args!(
                "digest-lint: note: removed {}, a temporary file left by an interrupted run",
                path.display()
            )),
            io::Leftover::Found(path) => say(format_args!(
                "digest-lint: warning: {} looks like a temporary file left by an interrupted run; remove it if no digest-lint run is going on",
                path.display()
            )),
        }
    }
}

/// Writes a file's new text, unless it changed on disk since it was read.
/// A file with more than one name (hard links) gets a new inode: the other
/// names keep the old text, and the warning returned says so.
pub(super) fn write_back(source: &Source, text: &str) -> std::io::Result<Option<String>> {
    let Some(file) = &source.file else {
        return Ok(None);
    };
    let links = io::hard_links(file);
    match &source.stamp {
        Some(stamp) => io::write_if_unchanged(file, text, stamp)?,
        None => io::write_atomic(file, text)?,
    }
    Ok((links > 1).then(|| {
        format!(
            "digest-lint: warning: {}: had {links} hard links; it was replaced by a new file, and the other {} keep the old text",
            source.path,
            if links == 2 { "name" } else { "names" }
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files of the given sizes in `dir`, as inputs, in order, as the run
    /// finds them (their sizes read by discovery).
    fn inputs_of(dir: &std::path::Path, sizes: &[usize]) -> Vec<Input> {
        let paths: Vec<PathBuf> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let file = dir.join(format!("{i}.txt"));
                std::fs::write(&file, "x".repeat(n)).unwrap_or_default();
                file
            })
            .collect();
        let (found, errors) = io::discover_sized(&paths);
        assert!(errors.is_empty());
        found
            .into_iter()
            .map(|(file, size)| Input {
                path: file.display().to_string(),
                file: Some(file),
                stdin: None,
                size,
            })
            .collect()
    }

    fn sizes(chunks: &[Vec<Input>]) -> Vec<Vec<u64>> {
        chunks
            .iter()
            .map(|c| c.iter().map(Input::size).collect())
            .collect()
    }

    #[test]
    fn chunks_hold_at_most_so_many_files_and_bytes_unless_one_is_larger() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else {
            panic!("no temporary folder");
        };
        let cut = chunks(inputs_of(dir.path(), &[5, 5, 20, 1, 1, 1, 1]), 3, 10);
        assert_eq!(sizes(&cut), [vec![5, 5], vec![20], vec![1, 1, 1], vec![1]]);
        assert!(chunks(Vec::new(), 3, 10).is_empty());
    }
}
