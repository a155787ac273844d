//! Whether to colour the report: `--color`, `NO_COLOR`, `TERM` and whether
//! the stream is a terminal.

use super::args::ColorWhen;
use codespan_reporting::term::termcolor::ColorChoice;
use std::io::IsTerminal;

/// Colour for the report, which goes to standard error when `to_stderr`.
pub(super) fn color_choice(when: ColorWhen, to_stderr: bool) -> ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if no_color || !terminal => ColorChoice::Never,
        ColorWhen::Auto if cfg!(windows) => ColorChoice::Auto,
        // termcolor's `Auto` also turns colour off for an empty `NO_COLOR`,
        // which the convention says to ignore: read `TERM` here instead.
        ColorWhen::Auto => {
            if std::env::var_os("TERM").is_some_and(|t| t != "dumb") {
                ColorChoice::Always
            } else {
                ColorChoice::Never
            }
        }
    }
}
