//! Findings and fixes, and what a finding says of its rule: plain data,
//! independent of how it is printed. Uses only [`crate::syntax`].

use crate::syntax::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a rule can repair what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Always a safe fix.
    Safe,
    /// Always an unsafe fix.
    Unsafe,
    /// A fix for some findings (safe or unsafe, as each finding says).
    Sometimes,
}

impl FixAvailability {
    pub fn describe(self) -> &'static str {
        match self {
            FixAvailability::None => "no fix",
            FixAvailability::Safe => "safe fix",
            FixAvailability::Unsafe => "unsafe fix",
            FixAvailability::Sometimes => "fix where clear",
        }
    }
}

/// Everything about a rule that is not its check.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable public code, like `E006`. Never renumbered.
    pub code: &'static str,
    /// Stable kebab-case name, like `unpaired-commentary`.
    pub name: &'static str,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// One line: what the rule catches.
    pub summary: &'static str,
    /// User documentation in Markdown with the sections `## What it does`,
    /// `## Why is this bad?`, `## Example` and `## Fix`.
    pub doc: &'static str,
    /// Whether the rule runs without being selected. A rule that is off by
    /// default runs only when `select` or `extend-select` names its code or
    /// name.
    pub default_enabled: bool,
}

/// How far a fix can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change what the text says: applied by `--fix`.
    Safe,
    /// A good guess a person should review: applied with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes of `span` with `content`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Edit {
            span,
            content: content.into(),
        }
    }

    pub fn delete(span: Span) -> Self {
        Edit {
            span,
            content: String::new(),
        }
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Edit {
            span: Span::new(at, at),
            content: content.into(),
        }
    }
}

/// A set of non-overlapping edits that repairs one finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub message: Text,
    /// Sorted by position, never overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(message: impl Into<Text>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, message, edits)
    }

    pub fn unsafe_(message: impl Into<Text>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, message, edits)
    }

    fn new(applicability: Applicability, message: impl Into<Text>, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Fix {
            applicability,
            message: message.into(),
            edits,
        }
    }

    /// The span covering every edit.
    pub fn span(&self) -> Option<Span> {
        let first = self.edits.first()?.span;
        Some(self.edits.iter().fold(first, |acc, e| acc.cover(e.span)))
    }
}

/// The text of a label, a help or a fix's message: most are written once
/// in the rule (`"first here"`) and are kept without a copy; the others
/// are made for the finding.
pub type Text = std::borrow::Cow<'static, str>;

/// A secondary place that explains the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: Text,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The exact text the finding is about.
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<Text>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(meta: &'static RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: meta.code,
            rule: meta.name,
            severity: meta.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn label(mut self, span: Span, message: impl Into<Text>) -> Self {
        // Most findings have one label at most: room for exactly one,
        // where a first push would make room for four. Later labels grow
        // the list as usual (one more each time would copy it each time).
        if self.labels.is_empty() {
            self.labels.reserve_exact(1);
        }
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Puts a label before the others (room for exactly one when it is the
    /// only one).
    pub fn first_label(&mut self, span: Span, message: impl Into<Text>) {
        if self.labels.is_empty() {
            self.labels.reserve_exact(1);
        }
        self.labels.insert(
            0,
            Label {
                span,
                message: message.into(),
            },
        );
    }

    pub fn help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}
