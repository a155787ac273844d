//! The configuration file, `.digest-lint.toml` or `digest-lint.toml`, as
//! written: serde types with `deny_unknown_fields`, from which the JSON
//! Schema (`digest-lint.schema.json`) is generated, and the errors that
//! name the file, line, column and key.
//!
//! Reading text only; finding and reading the files is [`super::discover`].

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// A value with where it was written, for error messages.
pub type Spanned<T> = toml::Spanned<T>;

/// Configuration of digest-lint (`.digest-lint.toml` or `digest-lint.toml`).
/// The nearest file above a checked file applies, whole; `extend` inherits
/// from another file explicitly. Paths and globs are relative to the folder
/// of the file that writes them.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "digest-lint configuration")]
pub struct ConfigFile {
    /// Another configuration file this one builds on: its settings apply
    /// wherever this file does not set the same key. Relative to this
    /// file's folder.
    #[schemars(with = "Option<String>")]
    pub extend: Option<Spanned<String>>,
    /// Globs of the files a folder walk takes. Without it: `*.txt` files
    /// whose name carries a date (`2025-04-25.txt`, `250425.txt`, or a
    /// `date-patterns` shape). A pattern without `/` matches a file or
    /// folder name at any depth; one with `/` matches the path from this
    /// file's folder.
    #[schemars(with = "Option<Vec<String>>")]
    pub include: Option<Vec<Spanned<String>>>,
    /// Globs of files and folders a folder walk leaves out (same form as
    /// `include`). A file named on the command line is still checked unless
    /// `--force-exclude` is given.
    #[schemars(with = "Option<Vec<String>>")]
    pub exclude: Option<Vec<Spanned<String>>>,
    /// How a date is read from a file name, for archives named otherwise:
    /// patterns over the whole name with `{yyyy}`, `{yy}`, `{mm}`, `{m}`,
    /// `{dd}`, `{d}` and `*`, like `"notes_{dd}.{mm}.{yyyy}.txt"`. Tried
    /// before the built-in shapes `YYYY-MM-DD*.txt` and `YYMMDD*.txt`.
    #[schemars(with = "Option<Vec<String>>")]
    pub date_patterns: Option<Vec<Spanned<String>>>,
    /// Which rules run, and how their findings count.
    pub lint: Option<LintSection>,
    /// What `fmt` (and the rules that agree with it) make of the layout.
    pub format: Option<FormatSection>,
    /// The tag vocabulary (rule T003, `unknown-tag`).
    pub tags: Option<TagsSection>,
    /// What the misspelling rule (C007) reads.
    pub spelling: Option<SpellingSection>,
}

/// `[lint]`: rule selection. Selectors are codes (`E006`), names
/// (`unpaired-commentary`), code prefixes (`E`, `L0`) or `ALL`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintSection {
    /// The rules to run, replacing the default set. A rule that is off by
    /// default (A002) runs only when named by its code or name.
    #[schemars(with = "Option<Vec<String>>")]
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules to run on top of `select` or of the default set.
    #[schemars(with = "Option<Vec<String>>")]
    pub extend_select: Option<Vec<Spanned<String>>>,
    /// Rules never to run.
    #[schemars(with = "Option<Vec<String>>")]
    pub ignore: Option<Vec<Spanned<String>>>,
    /// A severity per selector, replacing the rules' own:
    /// `severity = { C002 = "error", A003 = "warning" }`.
    pub severity: Option<BTreeMap<String, SeverityName>>,
    /// Rules to ignore in some files: a glob (relative to this file's
    /// folder; `!` in front matches the files the glob does not) to a list
    /// of selectors: `"archive/2019/*.txt" = ["C002", "W006"]`.
    pub per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
}

/// `[format]`: the choices `fmt` makes.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormatSection {
    /// Blank lines between entries: 0 (the default) or 1. Rule W006 wants
    /// the same number.
    #[schemars(with = "Option<u8>", range(min = 0, max = 1))]
    pub blank_lines_between_entries: Option<Spanned<u8>>,
}

/// `[tags]`: the vocabulary of tags. Without `vocabulary` or
/// `vocabulary-file`, T003 does not run.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TagsSection {
    /// Known tags, without `#`: `vocabulary = ["rl", "scaling-law"]`.
    pub vocabulary: Option<Vec<String>>,
    /// A file of known tags, one a line (`#` optional; blank lines and lines
    /// starting with `//` are skipped). Relative to this file's folder. Joins
    /// `vocabulary`.
    #[schemars(with = "Option<String>")]
    pub vocabulary_file: Option<Spanned<String>>,
    /// Spellings that stand for a known tag, typos' convention:
    /// `"pretraining" = "pre-training"` (T003 fixes it safely); an empty
    /// value forbids the tag: `"misc" = ""`.
    pub aliases: Option<BTreeMap<String, String>>,
    /// Severity of a tag outside the vocabulary: "warning" (the default)
    /// or "error".
    pub unknown_tag: Option<SeverityName>,
}

/// `[spelling]`: what C007 (`misspelling`) reads.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SpellingSection {
    /// Whether C007 also reads abstracts, for a word written once in the
    /// file that is a near miss of a word of its entry's title
    /// (`learining` under a title with `Learning`). Off by default: the
    /// abstracts are most of a digest's text, and reading them takes
    /// about a third of C007's time for a rare slip.
    pub check_abstracts: Option<bool>,
}

/// The JSON Schema of the file, as committed in `digest-lint.schema.json`.
/// TOML has no null, so an unset key is simply absent: the `null` schemars
/// allows for an `Option` is taken out.
pub fn schema() -> serde_json::Value {
    let mut value = schemars::schema_for!(ConfigFile).to_value();
    drop_null(&mut value);
    value
}

fn drop_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".to_string(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if let [only] = any.as_slice() {
                    let only = only.clone();
                    map.remove("anyOf");
                    if let Value::Object(inner) = only {
                        map.extend(inner);
                    }
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// A finding's severity as written in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Warning,
    Error,
}

impl From<SeverityName> for crate::diagnostic::Severity {
    fn from(s: SeverityName) -> Self {
        match s {
            SeverityName::Warning => crate::diagnostic::Severity::Warning,
            SeverityName::Error => crate::diagnostic::Severity::Error,
        }
    }
}

/// A configuration that cannot be used, with where it went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (or `--config` override) at fault.
    pub origin: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl ConfigError {
    /// An error at a byte offset of `text`.
    pub fn at(origin: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        ConfigError {
            origin: origin.to_string(),
            position: Some(line_col(text, offset)),
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Reads a configuration from its text. `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<ConfigFile, ConfigError> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| explain(text, origin, &e))?;
    if let Some(blank) = file
        .format
        .as_ref()
        .and_then(|f| f.blank_lines_between_entries.as_ref())
        && *blank.get_ref() > 1
    {
        return Err(ConfigError::at(
            origin,
            text,
            blank.span().start,
            format!(
                "`format.blank-lines-between-entries` is {}, but must be 0 or 1",
                blank.get_ref()
            ),
        ));
    }
    Ok(file)
}

/// Turns toml's error into one line naming the key, with a did-you-mean
/// for a misspelt key.
fn explain(text: &str, origin: &str, e: &toml::de::Error) -> ConfigError {
    let message = e.message().trim();
    let start = e.span().map_or(0, |s| s.start);
    let position = e.span().map(|s| line_col(text, s.start));
    let table = enclosing_table(text, start);
    let in_table = table
        .as_deref()
        .map(|t| format!(" in `[{t}]`"))
        .unwrap_or_default();
    let message = if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backquoted(expected);
        let hint = did_you_mean(key, &known)
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_else(|| {
                if known.is_empty() {
                    String::new()
                } else {
                    let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                    format!("; known keys: {}", known.join(", "))
                }
            });
        format!("unknown key `{key}`{in_table}{hint}")
    } else if let Some(key) = key_on_line(text, start) {
        let key = match &table {
            Some(t) => format!("{t}.{key}"),
            None => key,
        };
        format!("`{key}`: {message}")
    } else {
        message.to_string()
    };
    ConfigError {
        origin: origin.to_string(),
        position,
        message,
    }
}

/// The closest of `known` to a misspelt `key`, when close enough.
pub fn did_you_mean<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The `a`, `b` of "expected one of `a`, `b`".
fn backquoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The `[table]` header above an offset, if any.
fn enclosing_table(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset.min(text.len()))?;
    before.lines().rev().find_map(|l| {
        let l = l.trim();
        let name = l.strip_prefix('[')?.split(']').next()?;
        Some(name.trim_matches(['[', ' ']).to_string())
    })
}

/// The key written on the line of `offset` (`key = value`).
fn key_on_line(text: &str, offset: usize) -> Option<String> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, "x.toml")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_key_is_suggested_only_above_the_bar() {
        let known = ["select", "extend-select", "ignore", "severity"];
        assert_eq!(did_you_mean("selct", &known), Some("select"));
        assert_eq!(did_you_mean("severty", &known), Some("severity"));
        // Exactly 0.8 (Jaro-Winkler) is not close enough.
        assert_eq!(strsim::jaro_winkler("seae", "select"), 0.8);
        assert_eq!(did_you_mean("seae", &["select"]), None);
        assert_eq!(did_you_mean("zzz", &known), None);
    }

    #[test]
    fn null_is_dropped_inside_arrays_too() {
        // As schemars writes an `Option` of a struct, and a list of them.
        let mut v = serde_json::json!({
            "anyOf": [{ "$ref": "#/$defs/X" }, { "type": "null" }],
            "items": [{ "type": ["integer", "null"] }]
        });
        drop_null(&mut v);
        assert_eq!(
            v,
            serde_json::json!({ "$ref": "#/$defs/X", "items": [{ "type": "integer" }] })
        );
    }

    #[test]
    fn the_key_of_a_line() {
        let text = "[lint]\nselect = [\"E\"]\n = 3\n\"quoted\" = 1\n";
        assert_eq!(key_on_line(text, 9).as_deref(), Some("select"));
        assert_eq!(key_on_line(text, 24), None);
        assert_eq!(key_on_line(text, 30).as_deref(), Some("quoted"));
        assert_eq!(key_on_line(text, 2), None);
    }

    #[test]
    fn a_misspelt_key_is_named_with_a_suggestion() {
        assert_eq!(
            err("[lint]\nselect = [\"E\"]\nignroe = [\"W\"]\n"),
            "x.toml:3:1: unknown key `ignroe` in `[lint]`; did you mean `ignore`?"
        );
        assert_eq!(
            err("exlude = []\n"),
            "x.toml:1:1: unknown key `exlude`; did you mean `exclude`?"
        );
        let far = err("[tags]\nzzz = 1\n");
        assert!(
            far.starts_with("x.toml:2:1: unknown key `zzz` in `[tags]`; known keys: `"),
            "{far}"
        );
    }

    #[test]
    fn a_wrong_type_names_the_key() {
        let e = err("[lint]\nselect = \"E\"\n");
        assert!(e.starts_with("x.toml:2:10: `lint.select`: "), "{e}");
        let e = err("[format]\nblank-lines-between-entries = 2\n");
        assert_eq!(
            e,
            "x.toml:2:31: `format.blank-lines-between-entries` is 2, but must be 0 or 1"
        );
    }

    #[test]
    fn a_full_file_reads() {
        let text = r#"
extend = "../base.toml"
include = ["*.txt"]
exclude = ["LICENSE.txt"]
date-patterns = ["notes_{dd}.{mm}.{yyyy}.txt"]
[lint]
select = ["ALL"]
extend-select = ["A002"]
ignore = ["C006"]
severity = { C002 = "error" }
per-file-ignores = { "old/*.txt" = ["W006"] }
[format]
blank-lines-between-entries = 1
[tags]
vocabulary = ["rl"]
vocabulary-file = "tags.txt"
aliases = { "reinforcement-learning" = "rl", misc = "" }
unknown-tag = "error"
"#;
        let f = parse(text, "x.toml").unwrap_or_else(|e| panic!("{e}"));
        let tags = f.tags.unwrap_or_default();
        assert_eq!(tags.unknown_tag, Some(SeverityName::Error));
        assert_eq!(tags.aliases.unwrap_or_default().len(), 2);
        assert_eq!(
            f.format
                .and_then(|f| f.blank_lines_between_entries)
                .map(|b| *b.get_ref()),
            Some(1)
        );
    }
}
