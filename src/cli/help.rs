//! The examples and exit codes that `--help` prints after the options
//! (and the man page shows), one text per command.

/// After `digest-lint --help`.
pub(super) const TOP: &str = "\
Examples:
  digest-lint check                     Check every *.txt under the current folder
  digest-lint check --fix digests/      Apply safe fixes, then report what is left
  digest-lint fmt --check .             List the files fmt would change
  digest-lint rule E006                 Print a rule's documentation
  digest-lint server                    Run the language server for an editor
  digest-lint completions bash          Print bash completions

Exit status:
  0  No error-severity finding; nothing for --check or --diff to change
  1  An error-severity finding, or a change that fmt --check or --diff found
  2  Bad usage, an unreadable file, or a file that is not UTF-8 text";

/// After `digest-lint check --help`.
pub(super) const CHECK: &str = "\
Examples:
  digest-lint check                                  Every *.txt under the current folder
  digest-lint check 2025-03-14.txt digests/          A file and a folder
  digest-lint check --fix --unsafe-fixes digests/    Apply every fix, then report the rest
  digest-lint check --diff a.txt                     Show what --fix would change
  digest-lint check --select E,W002 --ignore E008    Only some rules
  digest-lint check --output-format concise          One line per finding
  cat a.txt | digest-lint check --stdin-filename 2025-03-14.txt

Exit status:
  0  No error-severity finding (warnings alone exit 0)
  1  An error-severity finding, or a change --diff would make
  2  Bad usage, an unreadable file, a file that is not UTF-8 text, or a
     file --fix could not write";

/// After `digest-lint fmt --help`.
pub(super) const FMT: &str = "\
Examples:
  digest-lint fmt                                   Format every *.txt under the current folder
  digest-lint fmt --check digests/                  List the files that would change
  digest-lint fmt --diff 2025-03-14.txt             Show the changes, write nothing
  digest-lint fmt - < a.txt > b.txt                 Format standard input to standard output
  digest-lint fmt --blank-lines-between-entries 1   One blank line between entries

Exit status:
  0  Formatted, or nothing to change
  1  --check or --diff found a file to change
  2  Bad usage, an unreadable file, a file that is not UTF-8 text, or a
     file that could not be written";

/// After `digest-lint rule --help`.
pub(super) const RULE: &str = "\
Examples:
  digest-lint rule E006                  By code
  digest-lint rule unpaired-commentary   By name
  digest-lint rule --all                 Every rule: code, name, severity, fix, summary

Exit status:
  0  Printed
  2  No such rule (a close name is suggested), or neither a rule nor --all";

/// After `digest-lint server --help`.
pub(super) const SERVER: &str = "\
An editor starts it and talks to it over standard input and output; it
reads the same configuration as `check` for each document, plus the
editor's settings (initialization options or the `digest-lint` section of
workspace settings: select, ignore, blankLinesBetweenEntries, ruleDocsUrl).
See the README for Neovim, Helix and VS Code.

Examples:
  digest-lint server                     What an editor runs

Exit status:
  0  The editor sent shutdown and exit
  2  The connection broke or the editor did not follow the protocol";

/// After `digest-lint completions --help`.
pub(super) const COMPLETIONS: &str = "\
Examples:
  source <(digest-lint completions bash)                  In the current bash
  digest-lint completions bash > ~/.local/share/bash-completion/completions/digest-lint
  digest-lint completions zsh > ~/.zfunc/_digest-lint     With ~/.zfunc in fpath
  digest-lint completions fish > ~/.config/fish/completions/digest-lint.fish
  digest-lint completions powershell >> $PROFILE
  digest-lint completions elvish >> ~/.config/elvish/rc.elv

Exit status:
  0  Printed";

/// After `digest-lint version --help`.
pub(super) const VERSION: &str = "\
Examples:
  digest-lint version        digest-lint 0.1.0 (1a2b3c4d5 2026-11-26)
  digest-lint --version      digest-lint 0.1.0

Exit status:
  0  Printed";
