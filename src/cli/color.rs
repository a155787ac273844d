//! Whether to colour the report: `--color`, `NO_COLOR`, `TERM` and whether
//! the stream is a terminal.

use super::args::ColorWhen;
use codespan_reporting::term::termcolor::ColorChoice;
use std::io::IsTerminal;

/// Colour for the report, which goes to standard error when `to_stderr`.
pub(super) fn color_choice(when: ColorWhen, to_stderr: bool) -> ColorChoice {
    let terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    choose(
        when,
        Surroundings {
            no_color: std::env::var_os("NO_COLOR"),
            terminal,
            term: std::env::var_os("TERM"),
            windows: cfg!(windows),
        },
    )
}

/// What [`choose`] reads of the process's surroundings.
struct Surroundings {
    /// `NO_COLOR`, if set (an empty value counts as unset).
    no_color: Option<std::ffi::OsString>,
    /// The report's stream is a terminal.
    terminal: bool,
    /// `TERM`, if set.
    term: Option<std::ffi::OsString>,
    windows: bool,
}

fn choose(when: ColorWhen, around: Surroundings) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if around.no_color.is_some_and(|v| !v.is_empty()) || !around.terminal => {
            ColorChoice::Never
        }
        ColorWhen::Auto if around.windows => ColorChoice::Auto,
        // termcolor's `Auto` also turns colour off for an empty `NO_COLOR`,
        // which the convention says to ignore: read `TERM` here instead.
        ColorWhen::Auto => {
            if around.term.is_some_and(|t| t != "dumb") {
                ColorChoice::Always
            } else {
                ColorChoice::Never
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(
        no_color: Option<&str>,
        terminal: bool,
        term: Option<&str>,
        windows: bool,
    ) -> ColorChoice {
        let term = term.map(std::ffi::OsString::from);
        choose(
            ColorWhen::Auto,
            Surroundings {
                no_color: no_color.map(std::ffi::OsString::from),
                terminal,
                term,
                windows,
            },
        )
    }

    #[test]
    fn auto_colours_a_terminal_that_can_show_colour() {
        use ColorChoice::{Always, Auto, Never};
        assert_eq!(auto(None, true, Some("xterm-256color"), false), Always);
        // An empty NO_COLOR is no request (the convention's words).
        assert_eq!(auto(Some(""), true, Some("xterm"), false), Always);
        // Not a terminal (a pipe, a file), or NO_COLOR set: none.
        assert_eq!(auto(None, false, Some("xterm"), false), Never);
        assert_eq!(auto(Some("1"), true, Some("xterm"), false), Never);
        assert_eq!(auto(Some("1"), false, Some("xterm"), false), Never);
        // A terminal that says it cannot, or says nothing.
        assert_eq!(auto(None, true, Some("dumb"), false), Never);
        assert_eq!(auto(None, true, None, false), Never);
        // On Windows the console is asked (termcolor's own `Auto`).
        assert_eq!(auto(None, true, None, true), Auto);
        assert_eq!(auto(None, false, None, true), Never);
    }

    #[test]
    fn always_and_never_ask_nothing() {
        for terminal in [false, true] {
            let around = || Surroundings {
                no_color: Some("1".into()),
                terminal,
                term: None,
                windows: false,
            };
            assert_eq!(choose(ColorWhen::Always, around()), ColorChoice::Always);
            assert_eq!(choose(ColorWhen::Never, around()), ColorChoice::Never);
        }
    }
}
