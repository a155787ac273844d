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
    Io {
        path: String,
        error: std::io::Error,
    },
    NotUtf8 {
        path: String,
        offset: usize,
    },
    Binary {
        path: String,
        offset: usize,
    },
    NotFound {
        path: String,
    },
    /// UTF-16 text, told by its byte-order mark.
    Utf16 {
        path: String,
    },
    /// A named pipe, a device or a socket: reading it could block forever
    /// or never end (`/dev/zero`).
    NotRegular {
        path: String,
    },
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
            SourceError::Utf16 { path } => write!(
                f,
                "{path}: UTF-16 text (it starts with a UTF-16 byte-order mark); digests must be UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)"
            ),
            SourceError::NotRegular { path } => write!(
                f,
                "{path}: not a regular file (a named pipe, a device or a socket); not read"
            ),
        }
    }
}

impl std::error::Error for SourceError {}

/// Turns raw bytes into text, refusing binary data and invalid UTF-8.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, SourceError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceError::Utf16 {
            path: path.to_string(),
        });
    }
    // memchr's vectorised search: a byte-at-a-time `position` cost about
    // five instructions a byte, more than the UTF-8 check below.
    if let Some(offset) = memchr::memchr(0, &bytes) {
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
    read_file_stamped(path).map(|(text, _)| text)
}

/// What a file was when it was read: its length, modification time and a
/// hash of its bytes. [`write_if_unchanged`] compares it with the file
/// just before replacing it, so that an edit saved meanwhile is not lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    hash: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            hash: hash_bytes(bytes),
        }
    }
}

/// A hash of a file's bytes, to tell whether it changed since it was read:
/// no adversary, so a fast hash does (FxHash reads eight bytes a step).
fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(bytes)
}

/// Reads a regular file as text, with its [`Stamp`]. A named pipe or a
/// device is refused before any byte is read (reading one could wait
/// forever or never end).
pub fn read_file_stamped(path: &Path) -> Result<(String, Stamp), SourceError> {
    let shown = path.display().to_string();
    let io_error = |error| SourceError::Io {
        path: shown.clone(),
        error,
    };
    // Where a file cannot be opened without waiting, its path is looked
    // at first.
    #[cfg(not(unix))]
    {
        if !std::fs::metadata(path).map_err(io_error)?.is_file() {
            return Err(SourceError::NotRegular { path: shown });
        }
    }
    let file = open_without_waiting(path).map_err(io_error)?;
    let meta = file.metadata().map_err(io_error)?;
    if !meta.is_file() {
        return Err(SourceError::NotRegular { path: shown });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Through `take`: `File`'s own `read_to_end` asks the system for the
    // file's size and place again, which `meta` has just told.
    file.take(u64::MAX)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    let stamp = Stamp::of(&meta, &bytes);
    decode(&shown, bytes).map(|text| (text, stamp))
}

/// Opens `path` for reading without waiting: opening a named pipe that no
/// program writes to would wait for one, where the caller wants to look at
/// what it opened (and refuse it) first. On a regular file the flag
/// changes nothing. One call, where a look at the path before opening it
/// was a second.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Whether `path` is still what `stamp` says: same length, modification
/// time and bytes. `Err` names what changed.
fn unchanged_since(path: &Path, stamp: &Stamp) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(Error::new(
                ErrorKind::NotFound,
                "the file was removed during the run; not re-created",
            ));
        }
        Err(e) => return Err(e),
    };
    let changed = || {
        Error::other(
            "the file changed on disk during the run; left as it is (run again to include the new edit)",
        )
    };
    if meta.len() != stamp.len || meta.modified().ok() != stamp.modified {
        return Err(changed());
    }
    let bytes = std::fs::read(path)?;
    if hash_bytes(&bytes) != stamp.hash {
        return Err(changed());
    }
    Ok(())
}

/// How many names (hard links) the file has; 1 where the system cannot say.
pub fn hard_links(path: &Path) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).map_or(1, |m| m.nlink())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        1
    }
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
    write_checked(path, contents, None)
}

/// [`write_atomic`], but only if the file is still as it was read
/// (`stamp`): an edit saved by someone else during the run is not
/// overwritten, and a file removed during the run is not re-created. The
/// check is made after the new text is safely in the temporary file, just
/// before the rename, so the window left is as short as it can be without
/// locks.
pub fn write_if_unchanged(path: &Path, contents: &str, stamp: &Stamp) -> std::io::Result<()> {
    write_checked(path, contents, Some(stamp))
}

fn write_checked(path: &Path, contents: &str, stamp: Option<&Stamp>) -> std::io::Result<()> {
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
    let dir = folder_of(path);
    let in_folder = |e: Error| folder_error(dir, &e);
    if let Some(stamp) = stamp {
        unchanged_since(path, stamp)?;
    }
    // Made and registered under the lock that a signal handler takes
    // before it removes what is registered: none slips between the two.
    let mut tmp = {
        let mut list = pending_list();
        let tmp = tempfile::Builder::new()
            .prefix(&temp_prefix())
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(in_folder)?;
        list.push(tmp.path().to_path_buf());
        tmp
    };
    let pending = Pending(tmp.path().to_path_buf());
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
    // Another digest-lint run replacing the same file takes the same lock
    // (on the file as it is now) for its own last check and rename, so the
    // two cannot both pass the check with the same old text.
    let _lock = match stamp {
        Some(stamp) => {
            let held = lock(path)?;
            unchanged_since(path, stamp)?;
            held
        }
        None => None,
    };
    tmp.persist(path).map_err(|e| in_folder(e.error))?;
    drop(pending);
    Ok(())
}

// ------------------------------------------------------ temporary files --

/// Temporary files are named `.digest-lint-PID-RANDOM.tmp`, in the folder
/// of the file they replace: recognisable, and the process id tells a
/// later run whether the run that made one is gone.
const TEMP_START: &str = ".digest-lint-";
const TEMP_SUFFIX: &str = ".tmp";

fn temp_prefix() -> String {
    format!("{TEMP_START}{}-", std::process::id())
}

/// The temporary files being written now, for [`remove_pending_temps`].
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending_list() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A poisoned lock still holds the list.
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// An advisory lock on the file at `path` (flock), held while it lives;
/// `None` where the system has no such locks. A missing file is an error:
/// it was removed during the run.
fn lock(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the file was removed during the run; not re-created",
            ));
        }
        Err(e) => return Err(e),
    };
    Ok(lock_taken(file.lock())?.then_some(file))
}

/// What a request for a lock came to: taken (`true`), or not taken because
/// the file system has no such locks (`false`: the run goes on without
/// one); any other failure stays an error.
fn lock_taken(result: std::io::Result<()>) -> std::io::Result<bool> {
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(false),
        Err(e) => Err(e),
    }
}

/// A temporary file registered while it exists.
struct Pending(PathBuf);

impl Drop for Pending {
    fn drop(&mut self) {
        let mut list = pending_list();
        if let Some(i) = list.iter().position(|p| *p == self.0) {
            list.swap_remove(i);
        }
    }
}

/// Removes the temporary files being written now and ends the process
/// with `code`, holding the list's lock to the end so that no thread makes
/// a new one meanwhile. For a signal handler: the files being replaced are
/// left wholly old or wholly new.
pub fn exit_removing_temps(code: i32) -> ! {
    let list = pending_list();
    for path in list.iter() {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

/// On SIGINT (Ctrl-C), SIGTERM or SIGHUP: remove the temporary files being
/// written, then exit with 128 + the signal's number, as a shell does. The
/// files being replaced stay wholly old or wholly new.
pub fn clean_up_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                exit_removing_temps(128 + signal);
            }
        });
    }
}

/// The folder a file is in: `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// An error making or renaming the temporary file in `dir`, in words.
fn folder_error(dir: &Path, e: &std::io::Error) -> std::io::Error {
    let why = if e.kind() == std::io::ErrorKind::PermissionDenied {
        format!("the folder {} is not writable", dir.display())
    } else {
        format!("in the folder {}", dir.display())
    };
    std::io::Error::new(
        e.kind(),
        format!("{why} ({}); left unchanged", plain_io_error(e)),
    )
}

/// A temporary file left in a folder by a run that was killed.
#[derive(Debug, PartialEq, Eq)]
pub enum Leftover {
    /// Its run is gone: removed.
    Removed(PathBuf),
    /// Its run may still be going (or this system cannot tell): reported.
    Found(PathBuf),
}

/// Looks in the folders of `files` for temporary files of digest-lint
/// runs that were killed (SIGKILL, a crash, a power cut), and removes
/// those whose process is gone (Linux: no `/proc/PID`). Others are only
/// reported: a run may be writing them right now.
pub fn clean_leftovers(files: &[PathBuf]) -> Vec<Leftover> {
    let mut folders: Vec<PathBuf> = files.iter().map(|f| folder_of(f).to_path_buf()).collect();
    folders.sort();
    folders.dedup();
    let mut found = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let Some(middle) = name
                .strip_prefix(TEMP_START)
                .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
            else {
                continue;
            };
            let path = entry.path();
            let pid = middle
                .split_once('-')
                .and_then(|(p, _)| p.parse::<u32>().ok());
            let gone = pid.is_some_and(|pid| {
                pid != std::process::id()
                    && cfg!(target_os = "linux")
                    && Path::new("/proc/self").exists()
                    && !Path::new("/proc").join(pid.to_string()).exists()
            });
            if gone && std::fs::remove_file(&path).is_ok() {
                found.push(Leftover::Removed(path));
            } else if pid != Some(std::process::id()) {
                found.push(Leftover::Found(path));
            }
        }
    }
    found
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

/// `std::fs::canonicalize` and `std::fs::metadata` for many files in few
/// folders. The system's `realpath` reads every component of a path as a
/// possible link (a `readlink` each, about twenty calls for a file of an
/// archive four folders deep, and a run asked several times per file);
/// here a file that is not itself a link is its folder's canonical path,
/// found once per folder, and its name, and its `lstat` is its metadata:
/// one call per file. A link, a path that ends in `.`, `..` or `/`, and a
/// path that cannot be looked at go to the system's calls. The folders
/// are remembered for the life of the value: make one per run.
#[derive(Debug, Default)]
pub struct Canonicalizer {
    folders: std::collections::HashMap<PathBuf, PathBuf>,
}

impl Canonicalizer {
    /// The canonical path of `path`, whether it is a folder and its size
    /// (through links).
    pub fn look(&mut self, path: &Path) -> std::io::Result<Looked> {
        self.look_meta(path).map(|(canonical, meta)| Looked {
            canonical,
            is_dir: meta.is_dir(),
            len: meta.len(),
        })
    }

    /// [`Canonicalizer::look`], with the whole metadata.
    fn look_meta(&mut self, path: &Path) -> std::io::Result<(PathBuf, std::fs::Metadata)> {
        use std::path::Component;
        let plain_name = match path.components().next_back() {
            Some(Component::Normal(name))
                if !path.as_os_str().as_encoded_bytes().ends_with(b"/") =>
            {
                Some(name)
            }
            _ => None,
        };
        if let (Some(name), Some(parent)) = (plain_name, path.parent())
            && let Ok(meta) = std::fs::symlink_metadata(path)
            && !meta.file_type().is_symlink()
        {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            if let Some(folder) = self.folders.get(parent) {
                return Ok((folder.join(name), meta));
            }
            let folder = std::fs::canonicalize(parent)?;
            let canonical = folder.join(name);
            self.folders.insert(parent.to_path_buf(), folder);
            return Ok((canonical, meta));
        }
        Ok((std::fs::canonicalize(path)?, std::fs::metadata(path)?))
    }
}

/// Expands the command line's paths: files as given, folders walked for
/// `*.txt` (honouring `.gitignore` and skipping hidden entries), in a stable
/// order. A file named twice (`a.txt ./a.txt`, a folder and a file in it, a
/// folder twice) comes back once, under the first name it was met by, so it
/// is neither written nor reported twice nor taken for its own duplicate.
/// Paths that do not exist come back as errors.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<SourceError>) {
    let (found, errors) = discover_sized(paths);
    (found.into_iter().map(|(path, _)| path).collect(), errors)
}

/// What discovery needs to know of a path: its canonical form (a file
/// named twice is taken once), whether it is a folder, and its size in
/// bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Looked {
    pub canonical: PathBuf,
    pub is_dir: bool,
    pub len: u64,
}

/// [`discover`], each file with its size in bytes (0 when it cannot be
/// told): one look at each path, however many files a run names.
pub fn discover_sized(paths: &[PathBuf]) -> (Vec<(PathBuf, u64)>, Vec<SourceError>) {
    let mut canonical = Canonicalizer::default();
    discover_sized_with(paths, |p| canonical.look(p))
}

/// [`discover_sized`], each path looked at by `look`: a run whose
/// configuration has looked at its files already answers from what it
/// found, where a second look was a call per file.
pub fn discover_sized_with(
    paths: &[PathBuf],
    mut look: impl FnMut(&Path) -> std::io::Result<Looked>,
) -> (Vec<(PathBuf, u64)>, Vec<SourceError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |files: &mut Vec<(PathBuf, u64)>, p: PathBuf, looked: std::io::Result<Looked>| {
        let (key, size) = match looked {
            Ok(l) => (l.canonical, l.len),
            Err(_) => (p.clone(), 0),
        };
        if seen.insert(key) {
            files.push((p, size));
        }
    };
    for path in paths {
        let looked = look(path);
        let meta = looked.as_ref();
        if meta.is_ok_and(|l| l.is_dir) {
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
            sort_paths(&mut found);
            for p in found {
                let looked = look(&p);
                add(&mut files, p, looked);
            }
        } else if meta.is_ok() {
            add(&mut files, path.clone(), looked);
        } else if std::fs::symlink_metadata(path).is_ok() {
            // A link that leads nowhere, or round in a loop: say which.
            let error = match std::fs::metadata(path) {
                Err(e) => std::io::Error::new(e.kind(), link_error(&e)),
                Ok(_) => std::io::Error::other("cannot be followed"),
            };
            errors.push(SourceError::Io {
                path: path.display().to_string(),
                error,
            });
        } else {
            errors.push(SourceError::NotFound {
                path: path.display().to_string(),
            });
        }
    }
    (files, errors)
}

/// Why a symbolic link cannot be followed, in words.
fn link_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "a symbolic link to a file that does not exist".to_string(),
        _ => format!(
            "a symbolic link that cannot be followed ({})",
            plain_io_error(e)
        ),
    }
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
    sort_paths(&mut found);
    (found, errors)
}

/// Sorts paths as `sort` does (part by part), each path cut into its parts
/// once: `Path`'s comparison cuts both paths again at every step. Over
/// the corpus's folder (243 files) that sort took 1.4M instructions, a
/// fifth of what a run does before it reads its first file; this one
/// takes 0.6M.
fn sort_paths(paths: &mut Vec<PathBuf>) {
    let mut keyed: Vec<(Vec<&std::ffi::OsStr>, usize)> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| (p.components().map(|c| c.as_os_str()).collect(), i))
        .collect();
    keyed.sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    let mut taken: Vec<Option<PathBuf>> = std::mem::take(paths).into_iter().map(Some).collect();
    paths.extend(
        order
            .into_iter()
            .filter_map(|i| taken.get_mut(i).and_then(Option::take)),
    );
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

    /// Paths sorted part by part, as `sort` does: `a/x` before `a-b/x`,
    /// although `-` comes before `/` as a byte.
    #[test]
    fn paths_sort_part_by_part() {
        let mut paths: Vec<PathBuf> = [
            "a-b/x.txt",
            "a/x.txt",
            "a.txt",
            "a/b/c.txt",
            "a//b/a.txt",
            "b",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut expected = paths.clone();
        expected.sort();
        sort_paths(&mut paths);
        assert_eq!(paths, expected);
        let names: Vec<_> = paths.iter().map(|p| p.to_string_lossy()).collect();
        assert_eq!(
            names,
            [
                "a//b/a.txt",
                "a/b/c.txt",
                "a/x.txt",
                "a-b/x.txt",
                "a.txt",
                "b"
            ]
        );
    }

    /// Only a file system without locks lets a run go on unlocked; a lock
    /// that fails for any other reason stops the write.
    #[test]
    fn a_lock_is_skipped_only_where_the_system_has_none() {
        use std::io::{Error, ErrorKind};
        assert!(lock_taken(Ok(())).is_ok_and(|taken| taken));
        assert!(lock_taken(Err(Error::from(ErrorKind::Unsupported))).is_ok_and(|taken| !taken));
        for kind in [
            ErrorKind::Other,
            ErrorKind::WouldBlock,
            ErrorKind::PermissionDenied,
        ] {
            let e = lock_taken(Err(Error::from(kind))).err().map(|e| e.kind());
            assert_eq!(e, Some(kind));
        }
    }

    /// A temporary file is on the list a signal handler empties only while
    /// it is being written: after the rename (or a failure) it is gone from
    /// it, and the entries of other writes stay.
    #[test]
    fn a_temporary_file_leaves_the_list_when_it_is_done() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let ours = |list: &[PathBuf]| -> Vec<PathBuf> {
            list.iter()
                .filter(|p| p.starts_with(dir.path()))
                .cloned()
                .collect()
        };
        let other = dir.path().join("other.tmp");
        pending_list().push(other.clone());
        let file = dir.path().join("a.txt");
        write_atomic(&file, "one\n")?;
        write_atomic(&file, "two\n")?;
        assert_eq!(std::fs::read_to_string(&file)?, "two\n");
        assert_eq!(ours(&pending_list()), std::slice::from_ref(&other));
        drop(Pending(other));
        assert_eq!(ours(&pending_list()), [] as [PathBuf; 0]);
        Ok(())
    }

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

    #[test]
    fn an_edit_saved_after_reading_is_not_overwritten() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.txt");
        std::fs::write(&path, "old")?;
        let (text, stamp) = read_file_stamped(&path).map_err(std::io::Error::other)?;
        assert_eq!(text, "old");
        // Someone saves the file meanwhile (same length: only the bytes tell).
        std::fs::write(&path, "new")?;
        let e = write_if_unchanged(&path, "fmt", &stamp)
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("changed on disk during the run")));
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        // Unchanged: written.
        let (_, stamp) = read_file_stamped(&path).map_err(std::io::Error::other)?;
        write_if_unchanged(&path, "fmt", &stamp)?;
        assert_eq!(std::fs::read_to_string(&path)?, "fmt");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[test]
    fn a_change_is_seen_in_the_bytes_the_time_or_the_length_alone() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.txt");
        std::fs::write(&path, "old")?;
        let (_, stamp) = read_file_stamped(&path).map_err(std::io::Error::other)?;
        let Some(modified) = stamp.modified else {
            // A file system without modification times: nothing to test.
            return Ok(());
        };
        let set_time = |time: std::time::SystemTime| -> std::io::Result<()> {
            std::fs::OpenOptions::new()
                .write(true)
                .open(&path)?
                .set_modified(time)
        };
        assert!(unchanged_since(&path, &stamp).is_ok());
        // Other bytes of the same length, the time put back: the bytes tell.
        std::fs::write(&path, "new")?;
        set_time(modified)?;
        assert!(unchanged_since(&path, &stamp).is_err());
        // The same bytes with another time: the time tells.
        std::fs::write(&path, "old")?;
        set_time(modified + std::time::Duration::from_secs(60))?;
        assert!(unchanged_since(&path, &stamp).is_err());
        // Back as read: unchanged.
        set_time(modified)?;
        assert!(unchanged_since(&path, &stamp).is_ok());
        // A path that cannot be looked up is an error of its own, not a
        // file removed.
        let e = unchanged_since(&path.join("below"), &stamp).err();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.kind() != std::io::ErrorKind::NotFound
                    && !e.to_string().contains("removed")),
            "{e:?}"
        );
        Ok(())
    }

    /// An error that wraps an I/O error as its source, as `tempfile` does.
    #[derive(Debug)]
    struct WithSource(std::io::Error);

    impl std::fmt::Display for WithSource {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{} at /some/path", self.0)
        }
    }

    impl std::error::Error for WithSource {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_folder_error_says_whether_the_folder_is_not_writable() {
        let dir = Path::new("some/folder");
        let denied = folder_error(
            dir,
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(denied.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(
            denied
                .to_string()
                .starts_with("the folder some/folder is not writable (")
        );
        let other = folder_error(dir, &std::io::Error::other("tempfile's own words"));
        assert_eq!(
            other.to_string(),
            "in the folder some/folder (other error); left unchanged"
        );
        // The system's words for the error, without what a library added.
        #[cfg(unix)]
        {
            let os = std::io::Error::from_raw_os_error(28);
            let wrapped = std::io::Error::new(os.kind(), WithSource(os));
            let expected = std::io::Error::from_raw_os_error(28).to_string();
            assert_eq!(plain_io_error(&wrapped), expected);
            assert!(folder_error(dir, &wrapped).to_string().contains(&expected));
        }
        assert_eq!(folder_of(Path::new("a.txt")), Path::new("."));
        assert_eq!(folder_of(Path::new("d/a.txt")), Path::new("d"));
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_are_counted() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.txt");
        std::fs::write(&path, "text")?;
        assert_eq!(hard_links(&path), 1);
        std::fs::hard_link(&path, dir.path().join("e.txt"))?;
        assert_eq!(hard_links(&path), 2);
        Ok(())
    }

    #[test]
    fn a_file_removed_after_reading_is_not_re_created() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.txt");
        std::fs::write(&path, "old")?;
        let (_, stamp) = read_file_stamped(&path).map_err(std::io::Error::other)?;
        std::fs::remove_file(&path)?;
        let e = write_if_unchanged(&path, "new", &stamp)
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("removed during the run")));
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 0);
        Ok(())
    }

    #[test]
    fn utf16_and_irregular_files_are_named() {
        let e = decode("u.txt", vec![0xFF, 0xFE, b'a', 0])
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("u.txt") && m.contains("UTF-16")));
        #[cfg(unix)]
        {
            let e = read_file_stamped(Path::new("/dev/null"))
                .err()
                .map(|e| e.to_string());
            assert!(e.is_some_and(|m| m.contains("not a regular file")));
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_of_a_dead_run_are_removed_and_others_reported() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x")?;
        // No process has this id (above the kernel's pid_max).
        let dead = dir.path().join(".digest-lint-4294967295-abcdef.tmp");
        let unknown = dir.path().join(".digest-lint-abcdef.tmp");
        std::fs::write(&dead, "half")?;
        std::fs::write(&unknown, "half")?;
        let mut found = clean_leftovers(&[file]);
        found.sort_by_key(|l| format!("{l:?}"));
        assert_eq!(
            found,
            [
                Leftover::Found(unknown.clone()),
                Leftover::Removed(dead.clone())
            ]
        );
        assert!(!dead.exists() && unknown.exists());
        // A run that is still going (this test's parent process) is
        // reported, not removed; this process's own files are neither.
        #[cfg(unix)]
        {
            std::fs::remove_file(&unknown)?;
            let live = dir.path().join(format!(
                ".digest-lint-{}-abcdef.tmp",
                std::os::unix::process::parent_id()
            ));
            let own = dir.path().join(format!("{}abcdef.tmp", temp_prefix()));
            std::fs::write(&live, "half")?;
            std::fs::write(&own, "half")?;
            let found = clean_leftovers(&[dir.path().join("a.txt")]);
            assert_eq!(found, [Leftover::Found(live.clone())]);
            assert!(live.exists() && own.exists());
        }
        Ok(())
    }

    #[test]
    fn a_walk_keeps_files_only_and_names_the_path_that_failed() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        std::fs::create_dir(dir.path().join("sub"))?;
        std::fs::write(dir.path().join("sub/b.txt"), "b")?;
        std::fs::write(dir.path().join("a.txt"), "a")?;
        std::fs::write(dir.path().join("notes.md"), "n")?;
        std::fs::create_dir(dir.path().join("old.txt"))?;
        let (found, errors) = walk_files(dir.path());
        let txt = [dir.path().join("a.txt"), dir.path().join("sub/b.txt")];
        assert_eq!(
            found,
            [&txt[..1], &[dir.path().join("notes.md")], &txt[1..]].concat()
        );
        assert!(errors.is_empty());
        // `discover` keeps the `.txt` files, not a folder named so.
        let (found, errors) = discover(&[dir.path().to_path_buf()]);
        assert_eq!(found, txt);
        assert!(errors.is_empty());
        // A failure is named by its own path, however deep it is wrapped.
        let root = Path::new("root");
        let io = || ignore::Error::Io(std::io::Error::from(std::io::ErrorKind::NotFound));
        let with_path = || ignore::Error::WithPath {
            path: PathBuf::from("root/deep/x"),
            err: Box::new(io()),
        };
        let named = |e: &ignore::Error| match walk_error(root, e) {
            SourceError::Io { path, .. } => path,
            other => format!("{other:?}"),
        };
        assert_eq!(named(&with_path()), "root/deep/x");
        let deep = ignore::Error::WithDepth {
            depth: 2,
            err: Box::new(ignore::Error::WithLineNumber {
                line: 3,
                err: Box::new(with_path()),
            }),
        };
        assert_eq!(named(&deep), "root/deep/x");
        assert_eq!(named(&io()), "root");
        Ok(())
    }

    #[test]
    fn a_link_that_cannot_be_followed_says_why() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            link_error(&missing),
            "a symbolic link to a file that does not exist"
        );
        let other = std::io::Error::other("loop");
        assert_eq!(
            link_error(&other),
            "a symbolic link that cannot be followed (other error)"
        );
        assert_eq!(file_name("a/b/2025-04-25.txt"), Some("2025-04-25.txt"));
        assert_eq!(file_name("2025-04-25.txt"), Some("2025-04-25.txt"));
        assert_eq!(file_name("a/.."), None);
    }

    #[test]
    fn a_lock_on_a_removed_file_says_so_and_other_failures_say_theirs() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("d.txt");
        std::fs::write(&path, "text")?;
        assert!(lock(&path).is_ok());
        let removed = lock(&dir.path().join("gone.txt")).err();
        assert!(
            removed
                .as_ref()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound
                    && e.to_string().contains("removed during the run")),
            "{removed:?}"
        );
        // Below a file: not a folder, which is not a removed file.
        let below = lock(&path.join("x")).err();
        assert!(
            below
                .as_ref()
                .is_some_and(|e| e.kind() != std::io::ErrorKind::NotFound
                    && !e.to_string().contains("removed")),
            "{below:?}"
        );
        Ok(())
    }

    #[test]
    fn temporary_files_carry_the_process_id() {
        let p = temp_prefix();
        assert!(p.starts_with(".digest-lint-") && p.contains(&std::process::id().to_string()));
    }

    /// The canonicalizer answers as the system's calls do, for plain
    /// files, folders, links to either, paths through a linked folder,
    /// relative paths, `..`, a trailing `/`, and paths that lead nowhere.
    #[cfg(unix)]
    #[test]
    fn the_canonicalizer_agrees_with_the_system() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("real/inner")).unwrap();
        std::fs::write(root.join("real/a.txt"), "a").unwrap();
        std::fs::write(root.join("real/inner/b.txt"), "bb").unwrap();
        symlink(root.join("real"), root.join("linked")).unwrap();
        symlink(root.join("real/a.txt"), root.join("real/to-a.txt")).unwrap();
        symlink(root.join("nowhere"), root.join("real/broken.txt")).unwrap();
        let paths = [
            root.join("real/a.txt"),
            root.join("real/inner/b.txt"),
            root.join("linked/a.txt"),
            root.join("linked/inner/b.txt"),
            root.join("real/to-a.txt"),
            root.join("real/broken.txt"),
            root.join("real/missing.txt"),
            root.join("real/inner/../a.txt"),
            root.join("real/./a.txt"),
            root.join("real/inner"),
            root.join("linked"),
            root.join("real/inner/"),
            root.join("real/a.txt/"),
            // A trailing `/` makes `lstat` follow the link: not a plain file.
            root.join("linked/"),
            PathBuf::from("Cargo.toml"),
            PathBuf::from("./src/io.rs"),
            PathBuf::from("src/../Cargo.toml"),
        ];
        let mut c = Canonicalizer::default();
        // Twice: the second time from the folders remembered.
        for _ in 0..2 {
            for p in &paths {
                let system = std::fs::canonicalize(p)
                    .and_then(|canonical| Ok((canonical, std::fs::metadata(p)?)));
                match (c.look(p), system) {
                    (Ok(mine), Ok((theirs, their_meta))) => {
                        assert_eq!(mine.canonical, theirs, "{}", p.display());
                        assert_eq!(mine.is_dir, their_meta.is_dir(), "{}", p.display());
                        assert_eq!(mine.len, their_meta.len(), "{}", p.display());
                    }
                    (Err(_), Err(_)) => {}
                    (mine, theirs) => panic!("{}: {mine:?} against {theirs:?}", p.display()),
                }
            }
        }
        // The folders of the plain files were found once and remembered
        // (the fast path was taken); a link's folder was not asked for.
        for folder in ["real", "real/inner", "linked"] {
            assert!(c.folders.contains_key(&root.join(folder)), "{folder}");
        }
        assert!(c.folders.contains_key(Path::new(".")));
        assert!(!c.folders.contains_key(root));
    }
}
