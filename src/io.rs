//! The file system: finding digests, reading them as UTF-8 text, and
//! writing them back atomically. Everything else works on strings.

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
/// file's permissions are kept. A symbolic link is followed: the file it
/// points to is replaced, and the link stays a link.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let resolved;
    let path = if is_link {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".digest-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Best effort: a file system without permissions still gets the text.
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Expands the command line's paths: files as given, folders walked for
/// `*.txt` (honouring `.gitignore` and skipping hidden entries), in a stable
/// order. Paths that do not exist come back as errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<SourceError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
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
                    Err(err) => errors.push(SourceError::Io {
                        path: path.display().to_string(),
                        error: std::io::Error::other(err.to_string()),
                    }),
                }
            }
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            errors.push(SourceError::NotFound {
                path: path.display().to_string(),
            });
        }
    }
    (files, errors)
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
