//! The invariants the fuzz targets assert, in a module that the main
//! crate's `tests/fuzz_regressions.rs` also includes, so every input the
//! fuzzer ever found is replayed by `cargo test` on stable Rust.

pub mod invariants;
