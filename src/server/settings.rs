//! What the editor tells the server (initialization options and
//! `workspace/didChangeConfiguration`), and the pluggable part that turns a
//! document's path into its configuration and tag vocabulary.

use crate::config::{Config, Selector, Vocabulary};
use crate::rules;
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;

/// Settings from the editor. The same keys are read from the top level or
/// from a `digest-lint` (or `digestLint`) section, so one JSON works as
/// initialization options and as workspace settings:
///
/// ```json
/// { "select": ["E", "W"], "ignore": ["C003"], "blankLinesBetweenEntries": 0,
///   "ruleDocsUrl": "https://example.org/rules/{code}.html" }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    pub blank_lines_between_entries: Option<usize>,
    /// Where a rule's documentation lives, with `{code}` and `{name}` put
    /// in; diagnostics link their code there. Without it, a diagnostic
    /// carries no link and hover shows the documentation.
    pub rule_docs_url: Option<String>,
}

impl Settings {
    /// Reads settings, ignoring keys it does not know. Returns the problems
    /// (a selector that matches no rule, a value of the wrong type) to show
    /// the user; the rest still applies.
    pub fn from_json(value: Option<&Value>) -> (Settings, Vec<String>) {
        let mut problems = Vec::new();
        let mut settings = Settings::default();
        let Some(value) = value else {
            return (settings, problems);
        };
        let section = value
            .get("digest-lint")
            .or_else(|| value.get("digestLint"))
            .unwrap_or(value);
        let mut selectors = |key: &str| -> Vec<Selector> {
            match section.get(key) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(|item| match item.as_str().map(rules::selector) {
                        Some(Ok(s)) => Some(s),
                        Some(Err(e)) => {
                            problems.push(format!("{key}: {e}"));
                            None
                        }
                        None => {
                            problems.push(format!("{key}: {item} is not a string"));
                            None
                        }
                    })
                    .collect(),
                Some(other) => {
                    problems.push(format!("{key}: expected a list of rules, got {other}"));
                    Vec::new()
                }
            }
        };
        settings.select = selectors("select");
        settings.ignore = selectors("ignore");
        match section.get("blankLinesBetweenEntries") {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64() {
                Some(n @ 0..=1) => settings.blank_lines_between_entries = usize::try_from(n).ok(),
                _ => problems.push(format!("blankLinesBetweenEntries: {v} is not 0 or 1")),
            },
        }
        settings.rule_docs_url = section
            .get("ruleDocsUrl")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        (settings, problems)
    }

    /// The link to a rule's documentation, when a template is set.
    pub fn rule_docs(&self, code: &str, name: &str) -> Option<String> {
        let template = self.rule_docs_url.as_deref()?;
        Some(template.replace("{code}", code).replace("{name}", name))
    }
}

/// A vocabulary entry for a tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VocabularyEntry {
    /// An accepted tag, with what it means when the vocabulary says.
    Known { description: Option<String> },
    /// Another spelling of `canonical`.
    Alias { canonical: String },
    /// A tag the vocabulary rejects.
    Forbidden,
}

/// A project's tag vocabulary (tags written without their `#`).
pub trait TagVocabulary: Send + Sync {
    fn entry(&self, tag: &str) -> Option<VocabularyEntry>;
    /// The accepted tags, offered by completion.
    fn tags(&self) -> Vec<String>;
}

/// Where a document's configuration and vocabulary come from. The server
/// asks again for every check, so a changed configuration file is seen on
/// the next edit without a restart.
pub trait Project: Send + Sync {
    /// The configuration for a document at `path` (`None`: an unsaved
    /// buffer), with the editor's settings on top; an error (a broken
    /// configuration file) is shown to the user, and the document is then
    /// checked with the defaults.
    fn config(&self, path: Option<&Path>, settings: &Settings) -> Result<Config, String>;

    /// The tag vocabulary that applies at `path`, when it does not come
    /// with the configuration ([`Config::tags`], used otherwise). Without
    /// either, completion offers the tags used in the files around.
    fn vocabulary(&self, _path: Option<&Path>) -> Option<Arc<dyn TagVocabulary>> {
        None
    }
}

/// The configured vocabulary (`[tags]` in the configuration file): known
/// tags, and aliases (an empty canonical tag forbids the alias).
impl TagVocabulary for Vocabulary {
    fn entry(&self, tag: &str) -> Option<VocabularyEntry> {
        if self.known.contains(tag) {
            return Some(VocabularyEntry::Known { description: None });
        }
        match self.aliases.get(tag) {
            Some(canonical) if canonical.is_empty() => Some(VocabularyEntry::Forbidden),
            Some(canonical) => Some(VocabularyEntry::Alias {
                canonical: canonical.clone(),
            }),
            None => None,
        }
    }

    fn tags(&self) -> Vec<String> {
        self.known.iter().cloned().collect()
    }
}

/// The command line's defaults with the editor's settings on top: what
/// `digest-lint check --select ... --ignore ...` uses for the same file.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommandLineDefaults;

impl Project for CommandLineDefaults {
    fn config(&self, _path: Option<&Path>, settings: &Settings) -> Result<Config, String> {
        Ok(apply(Config::default(), settings))
    }
}

/// The editor's settings over a configuration: a selection replaces the
/// configured one, ignored rules add to it.
pub fn apply(mut config: Config, settings: &Settings) -> Config {
    if !settings.select.is_empty() {
        config.select = settings.select.clone();
    }
    config.ignore.extend(settings.ignore.iter().cloned());
    if let Some(n) = settings.blank_lines_between_entries {
        config.blank_lines_between_entries = n;
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_configured_vocabulary_answers_hover_and_completion() {
        let mut v = Vocabulary::default();
        v.known.insert("routing".into());
        v.aliases.insert("route".into(), "routing".into());
        v.aliases.insert("misc".into(), String::new());
        assert_eq!(
            v.entry("routing"),
            Some(VocabularyEntry::Known { description: None })
        );
        assert_eq!(
            v.entry("route"),
            Some(VocabularyEntry::Alias {
                canonical: "routing".into()
            })
        );
        assert_eq!(v.entry("misc"), Some(VocabularyEntry::Forbidden));
        assert_eq!(v.entry("other"), None);
        assert_eq!(v.tags(), ["routing"]);
    }

    #[test]
    fn settings_read_from_the_top_or_a_section_and_report_problems() {
        let value = json!({"digest-lint": {"select": ["W", "nope"], "ignore": "W001",
            "blankLinesBetweenEntries": 1, "ruleDocsUrl": "https://x/{code}/{name}"}});
        let (s, problems) = Settings::from_json(Some(&value));
        assert_eq!(s.select.len(), 1);
        assert!(s.ignore.is_empty());
        assert_eq!(s.blank_lines_between_entries, Some(1));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("nope")));
        assert_eq!(
            s.rule_docs("W001", "trailing-whitespace").as_deref(),
            Some("https://x/W001/trailing-whitespace")
        );
        let (s, problems) = Settings::from_json(Some(&json!({"ignore": ["W001"]})));
        assert!(problems.is_empty());
        let config = CommandLineDefaults
            .config(None, &s)
            .unwrap_or_else(|e| panic!("{e}"));
        let w001 = rules::by_code_or_name("W001").map(|r| r.meta());
        let w002 = rules::by_code_or_name("W002").map(|r| r.meta());
        assert_eq!(w001.map(|m| config.is_enabled(m)), Some(false));
        assert_eq!(w002.map(|m| config.is_enabled(m)), Some(true));
    }
}
