//! What the measuring examples share: the digests of a folder, read once.

/// Every `.txt` file of `dir` as (file name, text), sorted by name; files
/// that are not UTF-8 are left out, as `cargo bench` leaves them out.
pub fn read(dir: &str) -> Result<Vec<(String, String)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "txt")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            files.push((entry.file_name().to_string_lossy().into_owned(), text));
        }
    }
    files.sort();
    Ok(files)
}
