//! Fuzz target `fix`: see `digest_lint_fuzz::invariants::fix` for what it asserts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Digests are UTF-8: other bytes are refused before parsing (io::decode).
    if let Ok(src) = std::str::from_utf8(data) {
        digest_lint_fuzz::invariants::fix(src);
    }
});
