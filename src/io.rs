//! The file system: finding digests, reading them as UTF-8 text, and
//! writing them back atomically. Everything else works on strings.
//!
//! Layer: uses nothing else in the crate; only the command line uses it.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be read as a digest. Each names the file.
#[derive(Debug)]
pub enum SourceError {
    Io { path: String, error: std::io::Error },
    NotUtf8 { path: String, offset: usize },
    Binary { path: String, offset: usize },
    NotFound { path: String },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io { path, error } => write!(f, "{path}: cannot read: {error}"),
            SourceError::NotUtf8 { path, offset } => {
                write!(
                    f,
                    "{path}: not valid UTF-8 (invalid byte at offset {offset}); digests must be UTF-8 text"
                )
            }
            SourceError::Binary { path, offset } => {
                write!(
                    f,
                    "{path}: looks like a binary file (NUL byte at offset {offset}), not a digest"
                )
            }
            SourceError::NotFound { path } => write!(f, "{path}: no such file or directory"),
        }
    }
}

impl std::error::Error for SourceError {}

/// Turns raw bytes into text, refusing binary data and invalid UTF-8.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, SourceError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        path: path.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

pub fn read_file(path: &Path) -> Result<String, SourceError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| SourceError::Io {
        path: shown.clone(),
        error,
    })?;
    decode(&shown, bytes)
}

pub fn read_stdin(name: &str) -> Result<String, SourceError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|error| SourceError::Io {
            path: name.to_string(),
            error,
        })?;
    decode(name, bytes)
}

/// Writes `contents` to `path` through a temporary file in the same folder
/// and a rename, so a crash leaves either the old file or the new one. The
/// file's permissions (and, where the system lets us, its owner) are kept.
/// A symbolic link is followed: the file it points to is replaced, and the
/// link stays a link.
///
/// A read-only file is refused rather than replaced: the rename would
/// otherwise succeed whenever the folder is writable. Errors say what could
/// not be done in words that do not name the temporary file.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let resolved;
    let path = if is_link {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let meta = std::fs::metadata(path).ok();
    if meta.as_ref().is_some_and(|m| !m.is_file()) {
        // A named pipe or a device would be replaced by a plain file (and
        // opening a pipe below would wait for a reader).
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "not a regular file; left unchanged",
        ));
    }
    // Opening for appending writes nothing; it fails where writing would.
    let writable = meta.as_ref().is_none_or(|m| {
        !m.permissions().readonly() && std::fs::OpenOptions::new().append(true).open(path).is_ok()
    });
    if !writable {
        return Err(Error::new(
            ErrorKind::PermissionDenied,
            "the file is read-only; left unchanged",
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let in_folder = |e: Error| {
        let why = if e.kind() == ErrorKind::PermissionDenied {
            format!("the folder {} is not writable", dir.display())
        } else {
            format!("in the folder {}", dir.display())
        };
        Error::new(
            e.kind(),
            format!("{why} ({}); left unchanged", plain_io_error(&e)),
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".digest-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(in_folder)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    if let Some(meta) = &meta {
        // Best effort: a file system without permissions still gets the text.
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::chown(tmp.path(), Some(meta.uid()), Some(meta.gid()));
        }
    }
    tmp.persist(path).map_err(|e| in_folder(e.error))?;
    Ok(())
}

/// An I/O error's own words, without the path `tempfile` adds to them.
fn plain_io_error(e: &std::io::Error) -> String {
    let os = e.raw_os_error().or_else(|| {
        let inner = e.get_ref()?;
        std::error::Error::source(inner)?
            .downcast_ref::<std::io::Error>()?
            .raw_os_error()
    });
    match os {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.kind().to_string(),
    }
}

/// Expands the command line's paths: files as given, folders walked for
/// `*.txt` (honouring `.gitignore` and skipping hidden entries), in a stable
/// order. A file named twice (`a.txt ./a.txt`, a folder and a file in it, a
/// folder twice) comes back once, under the first name it was met by, so it
/// is neither written nor reported twice nor taken for its own duplicate.
/// Paths that do not exist come back as errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<SourceError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |files: &mut Vec<PathBuf>, p: PathBuf| {
        let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if seen.insert(key) {
            files.push(p);
        }
    };
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(path).build() {
                match entry {
                    Ok(e) => {
                        let p = e.path();
                        if e.file_type().is_some_and(|t| t.is_file())
                            && p.extension().is_some_and(|x| x == "txt")
                        {
                            found.push(p.to_path_buf());
                        }
                    }
                    Err(err) => errors.push(walk_error(path, &err)),
                }
            }
            found.sort();
            for p in found {
                add(&mut files, p);
            }
        } else if path.exists() {
            add(&mut files, path.clone());
        } else {
            errors.push(SourceError::NotFound {
                path: path.display().to_string(),
            });
        }
    }
    (files, errors)
}

/// Every file under `dir`, of any name (honouring `.gitignore` and skipping
/// hidden entries, as [`discover`] does), sorted. Which of them a run takes
/// is the configuration's choice (`config::discover`).
pub fn walk_files(dir: &Path) -> (Vec<PathBuf>, Vec<SourceError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).build() {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                found.push(e.path().to_path_buf());
            }
            Ok(_) => {}
            Err(err) => errors.push(walk_error(dir, &err)),
        }
    }
    found.sort();
    (found, errors)
}

/// A folder that could not be walked, named by the path that failed.
fn walk_error(root: &Path, err: &ignore::Error) -> SourceError {
    fn path_of(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    let path = path_of(err).unwrap_or(root).display().to_string();
    let error = match err.io_error() {
        Some(e) => std::io::Error::new(e.kind(), plain_io_error(e)),
        None => std::io::Error::other(err.to_string()),
    };
    SourceError::Io { path, error }
}

/// The last component of a path, for rules that read the file name.
pub fn file_name(path: &str) -> Option<&str> {
    Path::new(path).file_name().and_then(|n| n.to_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_errors_name_the_file_and_offset() {
        let e = decode("a.txt", vec![b'o', b'k', 0xff])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("a.txt: not valid UTF-8 (invalid byte at offset 2); digests must be UTF-8 text")
        );
        let e = decode("b.txt", vec![b'x', 0]).err().map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("b.txt") && m.contains("offset 1")));
        assert_eq!(decode("c.txt", "가".into()).ok().as_deref(), Some("가"));
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_symlink_keeps_the_link() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "old")?;
        std::os::unix::fs::symlink(&real, &link)?;
        write_atomic(&link, "new")?;
        assert!(std::fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real)?, "new");
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            2,
            "no temporary file left behind"
        );
        Ok(())
    }

    #[test]
    fn atomic_write_refuses_read_only_and_irregular_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.txt");
        std::fs::write(&path, "old")?;
        let mut perms = std::fs::metadata(&path)?.permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms)?;
        let e = write_atomic(&path, "new").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("the file is read-only; left unchanged"));
        assert_eq!(std::fs::read_to_string(&path)?, "old");
        // A folder (or a named pipe) is not replaced by a file.
        let folder = dir.path().join("x.txt");
        std::fs::create_dir(&folder)?;
        let e = write_atomic(&folder, "new").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("not a regular file; left unchanged"));
        assert!(folder.is_dir());
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 2);
        Ok(())
    }

    #[test]
    fn a_file_met_twice_is_discovered_once() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x")?;
        let dotted = dir.path().join(".").join("a.txt");
        let paths = [
            file.clone(),
            dir.path().to_path_buf(),
            dotted,
            dir.path().to_path_buf(),
        ];
        let (files, errors) = discover(&paths);
        assert!(errors.is_empty());
        assert_eq!(files, [file]);
        Ok(())
    }

    #[test]
    fn atomic_write_replaces_contents() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.txt");
        std::fs::write(&path, "old")?;
        write_atomic(&path, "new")?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            1,
            "no temporary file left behind"
        );
        Ok(())
    }
}
