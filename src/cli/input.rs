//! The inputs of a run: which paths, and reading them (files, folders,
//! standard input), each failure reported once, naming the file.

use super::exit::say;
use crate::io::{self, SourceError};
use std::path::PathBuf;

/// The paths to work on. None given means the current folder, or standard
/// input when `--stdin-filename` names it; a name for standard input with
/// paths that do not include `-` is a mistake (silently walking the folder
/// instead could rewrite files the user never meant to touch).
pub(super) fn input_paths(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
) -> Result<Vec<PathBuf>, String> {
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

/// Reads every input. Errors are printed (naming the file) and counted.
pub(super) fn read_sources(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Source>, usize) {
    let mut sources = Vec::new();
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
            Ok(text) => sources.push(Source {
                path: name.to_string(),
                file: None,
                text,
                stamp: None,
            }),
            Err(e) => report(e),
        }
    }
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    let (found, errors) = io::discover(&files);
    errors.into_iter().for_each(&mut report);
    for file in found {
        match io::read_file_stamped(&file) {
            Ok((text, stamp)) => sources.push(Source {
                path: file.display().to_string(),
                file: Some(file),
                text,
                stamp: Some(stamp),
            }),
            Err(e) => report(e),
        }
    }
    (sources, failures)
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
