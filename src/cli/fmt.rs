//! `digest-lint fmt`: rewrite digests into the canonical form.

use super::args::FmtArgs;
use super::diff::unified_diff;
use super::exit::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, say, trouble};
use super::input::{input_paths, read_sources};
use super::settings::{format_options, select_paths, settings_for};
use crate::format;
use crate::io;
use std::io::Write;

pub(super) fn run(args: FmtArgs) -> u8 {
    let mut resolver = match args.settings.resolver() {
        Ok(r) => r,
        Err(e) => return trouble(e),
    };
    let paths = match input_paths(&args.paths, args.stdin_filename.as_deref()) {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let (paths, walk_failures) = match select_paths(&paths, &args.settings, &mut resolver) {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let (sources, mut failures) = read_sources(&paths, args.stdin_filename.as_deref());
    failures += walk_failures;
    let mut changed = 0;
    let mut unchanged = 0;
    let stdout = std::io::stdout();
    for source in &sources {
        let options = match settings_for(&mut resolver, source.file.as_deref(), &source.path) {
            Ok(settings) => format_options(&settings, args.style),
            Err(e) => return trouble(e),
        };
        let (formatted, changes) = format::format_with_changes(&source.text, &options);
        let differs = formatted != source.text;
        if source.file.is_none() && !args.check && !args.diff {
            let _ = stdout.lock().write_all(formatted.as_bytes());
            changed += usize::from(differs);
            continue;
        }
        if !differs {
            unchanged += 1;
            continue;
        }
        // Output errors are ignored: a closed pipe (`| head`) only means
        // the reader has seen enough; the exit status still counts.
        if args.diff {
            let diff = unified_diff(&source.path, &source.text, &formatted);
            let _ = stdout.lock().write_all(diff.as_bytes());
        } else if args.check {
            let reasons = changes.reasons();
            let _ = if reasons.is_empty() {
                writeln!(stdout.lock(), "Would reformat: {}", source.path)
            } else {
                writeln!(
                    stdout.lock(),
                    "Would reformat: {} ({})",
                    source.path,
                    reasons.join(", ")
                )
            };
        } else if let Some(file) = &source.file
            && let Err(e) = io::write_atomic(file, &formatted)
        {
            // One file that cannot be written does not stop the others;
            // the exit status says it.
            say(format_args!(
                "digest-lint: error: {}: cannot write: {e}",
                source.path
            ));
            failures += 1;
            continue;
        }
        changed += 1;
    }
    let to_stdout = sources.iter().any(|s| s.file.is_none()) && !args.check && !args.diff;
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
    if failures > 0 {
        EXIT_TROUBLE
    } else if (args.check || args.diff) && changed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
