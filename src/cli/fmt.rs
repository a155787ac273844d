//! `digest-lint fmt`: rewrite digests into the canonical form.

use super::args::FmtArgs;
use super::diff::unified_diff;
use super::exit::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, Stdout, say, trouble};
use super::input::{input_paths, prepare_to_write, read_sources, write_back};
use super::settings::{format_options, select_paths, settings_for};
use crate::format;

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
    let mut stdout = Stdout::default();
    if !args.check && !args.diff {
        let files: Vec<_> = sources.iter().filter_map(|s| s.file.clone()).collect();
        prepare_to_write(&files);
    }
    for source in &sources {
        let options = match settings_for(&mut resolver, source.file.as_deref(), &source.path) {
            Ok(settings) => format_options(&settings, args.style),
            Err(e) => return trouble(e),
        };
        let (formatted, changes) = format::format_with_changes(&source.text, &options);
        let differs = formatted != source.text;
        if source.file.is_none() && !args.check && !args.diff {
            stdout.write(formatted.as_bytes());
            changed += usize::from(differs);
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
            match write_back(source, &formatted) {
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
    if failures > 0 || stdout.failed() {
        EXIT_TROUBLE
    } else if (args.check || args.diff) && changed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
