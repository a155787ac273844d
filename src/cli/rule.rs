//! `digest-lint rule`: a rule's documentation, or the list of every rule.

use super::args::RuleArgs;
use super::exit::{EXIT_OK, trouble};
use super::suggest;
use crate::rules;
use std::io::Write;

pub(super) fn run(args: RuleArgs) -> u8 {
    // Output errors are ignored: a closed pipe (`| head`) only means the
    // reader has seen enough.
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.all {
        for r in rules::all() {
            let m = r.meta();
            let off = if m.default_enabled {
                ""
            } else {
                "(off by default) "
            };
            let line = writeln!(
                out,
                "{}  {:<26} {:<8} {:<16} {off}{}",
                m.code,
                m.name,
                m.severity.as_str(),
                m.fix.describe(),
                m.summary
            );
            if line.is_err() {
                break;
            }
        }
        return EXIT_OK;
    }
    let Some(key) = args.rule else {
        return trouble("name a rule (`digest-lint rule E006`) or pass --all");
    };
    match rules::by_code_or_name(&key) {
        Some(r) => {
            let _ = write!(out, "{}", rules::render_doc(r.meta()));
            EXIT_OK
        }
        None => trouble(suggest::with_hint(
            format!("no rule `{key}` (see `digest-lint rule --all`)"),
            &key,
        )),
    }
}
