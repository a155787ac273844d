//! `digest-lint.schema.json` (the JSON Schema editors use to complete and
//! check `.digest-lint.toml`) is generated from the configuration's Rust
//! types; this test fails when the committed file is not what they
//! generate. Regenerate it with
//! `DIGEST_LINT_UPDATE_SCHEMA=1 cargo test --test schema`.

use std::path::Path;

#[test]
fn committed_schema_is_current() {
    let schema = digest_lint::config::file::schema();
    let mut generated = serde_json::to_string_pretty(&schema).unwrap_or_else(|e| panic!("{e}"));
    generated.push('\n');
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("digest-lint.schema.json");
    if std::env::var_os("DIGEST_LINT_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{e}"));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "digest-lint.schema.json is out of date: run DIGEST_LINT_UPDATE_SCHEMA=1 cargo test --test schema"
    );
    // The schema names every key of the file, with its documentation.
    for key in [
        "include",
        "exclude",
        "date-patterns",
        "per-file-ignores",
        "blank-lines-between-entries",
        "vocabulary-file",
        "unknown-tag",
    ] {
        assert!(generated.contains(&format!("\"{key}\"")), "{key}");
    }
}
