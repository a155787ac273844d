//! `digest-lint fmt`: rewrite digests into the canonical form.

use super::args::FmtArgs;
use super::diff::unified_diff;
use super::exit::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, Stdout, say, trouble};
use super::input::{
    CHUNK_BYTES, CHUNK_FILES, chunks, gather_sources, prepare_to_write, write_back,
};
use super::settings::{format_options, settings_for};
use crate::format;
use rayon::prelude::*;

pub(super) fn run(args: FmtArgs) -> u8 {
    let mut resolver = match args.settings.resolver() {
        Ok(r) => r,
        Err(e) => return trouble(e),
    };
    let (inputs, mut failures) = match gather_sources(
        &args.paths,
        args.stdin_filename.as_deref(),
        &args.settings,
        &mut resolver,
    ) {
        Ok(found) => found,
        Err(e) => return trouble(e),
    };
    // Every file's options before anything is written.
    let mut options = Vec::with_capacity(inputs.len());
    for input in &inputs {
        match settings_for(&mut resolver, input.file.as_deref(), &input.path) {
            Ok(settings) => options.push(format_options(&settings, args.style)),
            Err(e) => return trouble(e),
        }
    }
    let reads_stdin = inputs.iter().any(|s| s.file.is_none());
    let mut changed = 0;
    let mut unchanged = 0;
    let mut stdout = Stdout::default();
    if !args.check && !args.diff {
        let files: Vec<_> = inputs.iter().filter_map(|s| s.file.clone()).collect();
        prepare_to_write(&files);
    }
    let mut options = options.into_iter();
    // Chunk by chunk: read and formatted on every core, then written and
    // reported in the inputs' order; a chunk's texts are dropped before the
    // next is read.
    for chunk in chunks(inputs, CHUNK_FILES, CHUNK_BYTES) {
        let chunk_options: Vec<_> = options.by_ref().take(chunk.len()).collect();
        let done: Vec<_> = chunk
            .into_par_iter()
            .zip(chunk_options)
            .map(|(input, options)| {
                input.read().map(|source| {
                    let (formatted, changes) = format::format_with_changes(&source.text, &options);
                    (source, formatted, changes)
                })
            })
            .collect();
        for result in done {
            let (source, formatted, changes) = match result {
                Ok(done) => done,
                Err(e) => {
                    say(format_args!("digest-lint: error: {e}"));
                    failures += 1;
                    continue;
                }
            };
            let differs = formatted != source.text;
            if source.file.is_none() && !args.check && !args.diff {
                stdout.write(formatted.as_bytes());
                continue;
            }
            if !differs {
                unchanged += 1;
                continue;
            }
            if args.diff {
                let diff = unified_diff(&source.path, &source.text, &formatted);
                stdout.write(diff.as_bytes());
            } else if args.check {
                let reasons = changes.reasons();
                let line = if reasons.is_empty() {
                    format!("Would reformat: {}\n", source.path)
                } else {
                    format!("Would reformat: {} ({})\n", source.path, reasons.join(", "))
                };
                stdout.write(line.as_bytes());
            } else {
                match write_back(&source, &formatted) {
                    Ok(note) => note.into_iter().for_each(say),
                    Err(e) => {
                        // One file that cannot be written does not stop the
                        // others; the exit status says it.
                        say(format_args!(
                            "digest-lint: error: {}: cannot write: {e}",
                            source.path
                        ));
                        failures += 1;
                        continue;
                    }
                }
            }
            changed += 1;
        }
    }
    let to_stdout = reads_stdin && !args.check && !args.diff;
    if !to_stdout {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let verb = if args.check || args.diff {
            "would be reformatted"
        } else {
            "reformatted"
        };
        say(format_args!(
            "{changed} file{} {verb}, {unchanged} file{} already formatted",
            plural(changed),
            plural(unchanged)
        ));
    }
    if failures > 0 || stdout.failed() {
        EXIT_TROUBLE
    } else if (args.check || args.diff) && changed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
