//! The list of misspellings as the build writes it and C007 reads it.
//! `build.rs` takes the list from the `typos-dict` crate once, when the
//! crate is built, and writes these tables into the build's output
//! folder, which C007 takes into the binary as they are:
//!
//! - the records, each `misspelling<TAB>correction<TAB>correction…`, the
//!   misspelling in ASCII lower case, sorted by misspelling, with no byte
//!   between them (`RECORDS`); and where each starts, as little-endian
//!   `u32`s, with the end of the last one after them (`OFFSETS`);
//! - a Bloom filter of the misspellings (`FILTER`): 2^[`FILTER_BITS`]
//!   bits in little-endian words of 64 bits, three bits set per word of
//!   the list, found by [`word_hash`] and [`filter_bits`];
//! - an index of the records (`INDEX`): 2^[`INDEX_BITS`] slots, each the
//!   number of a record as a little-endian `u32` or [`EMPTY`]; a record
//!   sits in the slot [`index_slot`] gives for its hash, or in the first
//!   free one after it (the last slot followed by the first).
//!
//! Tables with no pointers in them cost the program nothing to load; the
//! crate's own map of the list holds about 240,000 pointers, which the
//! loader fixed one by one at every start, and the filter was built at
//! every start too.
//!
//! This file is read by `build.rs` and by C007 alike, so that the filter is
//! asked with the hash it was written with.

/// Between a misspelling and its corrections, and between corrections.
pub(crate) const SEPARATOR: char = '\t';

/// The filter holds 2^FILTER_BITS bits (256 KiB).
pub(crate) const FILTER_BITS: u32 = 21;

/// A hash of a word of ASCII letters that ignores case (`| 0x20` lowers
/// an ASCII letter's case): its length, then its letters eight at a time,
/// the last eight filled out with zero bytes, and never fewer than two
/// eights, so that C007 can hash a word of up to sixteen letters with no
/// branch on its length.
pub(crate) fn word_hash(word: &[u8]) -> u64 {
    let mut h = hash_start(word.len());
    let mut eights = 0;
    for chunk in word.chunks(8) {
        // The first byte lowest, built in registers.
        h = hash_mix(
            h,
            chunk.iter().rev().fold(0u64, |x, &c| x << 8 | u64::from(c)),
        );
        eights += 1;
    }
    for _ in eights..2 {
        h = hash_mix(h, 0);
    }
    hash_end(h)
}

const HASH_K: u64 = 0x9e37_79b9_7f4a_7c15;

/// The three steps of [`word_hash`]: the length, eight letters, the end.
pub(crate) fn hash_start(len: usize) -> u64 {
    (len as u64).wrapping_mul(HASH_K)
}

pub(crate) fn hash_mix(h: u64, x: u64) -> u64 {
    (h ^ (x | 0x2020_2020_2020_2020))
        .wrapping_mul(HASH_K)
        .rotate_left(31)
}

pub(crate) fn hash_end(mut h: u64) -> u64 {
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// The word of the filter (of 64 bits) that stands for a word's hash, and
/// the three bits of it that must be set: one memory read per look-up.
pub(crate) fn filter_bits(h: u64) -> (usize, u64) {
    let cell = (h & ((1u64 << (FILTER_BITS - 6)) - 1)) as usize;
    let bits = 1u64 << (h >> 32 & 63) | 1u64 << (h >> 40 & 63) | 1u64 << (h >> 48 & 63);
    (cell, bits)
}

/// The index holds 2^INDEX_BITS slots (1 MiB), a little over two and a
/// half per record: most look-ups read one slot.
pub(crate) const INDEX_BITS: u32 = 18;

/// A slot of the index that holds no record.
pub(crate) const EMPTY: u32 = u32::MAX;

/// The slot of the index where a look-up of a word of hash `h` starts.
pub(crate) fn index_slot(h: u64) -> usize {
    (h >> 40) as usize & ((1 << INDEX_BITS) - 1)
}
