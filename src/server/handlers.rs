//! The answers: pure functions of a document snapshot, its configuration
//! and the editor's settings. They run on worker threads, never on the
//! message loop.

use super::documents::Snapshot;
use super::encoding::{Encoding, Positions};
use super::settings::{Settings, TagVocabulary, VocabularyEntry};
use super::tags::{self, Archive};
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fix::FixMode;
use crate::format::{self, FormatOptions};
use crate::lint;
use crate::rules;
use gen_lsp_types as lsp;
use std::collections::HashMap;

/// The server's name in `source`, and the suffix of its fix-all kind.
pub const SOURCE: &str = "digest-lint";
/// The code action kind that applies every safe fix.
pub const FIX_ALL_KIND: &str = "source.fixAll.digest-lint";
/// The command that applies every safe fix (arguments: the document URI).
pub const FIX_ALL_COMMAND: &str = "digest-lint.applyFixAll";

/// Rules whose findings mark text that can go: shown faded by editors.
const UNNECESSARY: &[&str] = &["A002", "T002", "W001"];

/// The findings of `check` for this text, file name and configuration.
pub fn findings(snap: &Snapshot, config: &Config) -> Vec<Diagnostic> {
    lint::check(&snap.text, snap.file_name.as_deref(), config)
}

/// One finding as an LSP diagnostic.
pub fn to_lsp(
    d: &Diagnostic,
    positions: &Positions<'_>,
    uri: &lsp::Uri,
    settings: &Settings,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: uri.clone(),
                range: positions.range(l.span.start, l.span.end),
            },
            message: l.message.to_string(),
        })
        .collect();
    lsp::Diagnostic {
        range: positions.range(d.span.start, d.span.end),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::Error,
            Severity::Warning => lsp::DiagnosticSeverity::Warning,
        }),
        code: Some(lsp::Code::String(d.code.to_string())),
        code_description: settings
            .rule_docs(d.code, d.rule)
            .and_then(|href| lsp::Uri::parse(&href).ok())
            .map(|href| lsp::CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: message.into(),
        tags: UNNECESSARY
            .contains(&d.code)
            .then(|| vec![lsp::DiagnosticTag::Unnecessary]),
        related_information: (!related.is_empty()).then_some(related),
        data: Some(serde_json::json!({ "rule": d.rule })),
    }
}

/// The diagnostics to publish for a snapshot.
pub fn diagnostics(
    snap: &Snapshot,
    config: &Config,
    settings: &Settings,
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    let positions = Positions::new(&snap.text, encoding);
    findings(snap, config)
        .iter()
        .map(|d| to_lsp(d, &positions, &snap.uri, settings))
        .collect()
}

/// The smallest single edit that turns `old` into `new`: the common start
/// and end are left alone, so the cursor and folds around stay put.
pub fn minimal_edit(old: &str, new: &str, positions: &Positions<'_>) -> lsp::TextEdit {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .chars()
        .rev()
        .zip(new.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0, |acc, n| {
            *acc += n;
            Some(*acc)
        })
        .take_while(|&n| n <= max_suffix)
        .last()
        .unwrap_or(0);
    lsp::TextEdit {
        range: positions.edit_range(prefix, old.len() - suffix),
        new_text: new
            .get(prefix..new.len() - suffix)
            .unwrap_or_default()
            .to_string(),
    }
}

fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// The text after every safe fix, as `check --fix` leaves it; `None` when
/// nothing changes.
pub fn fix_all(snap: &Snapshot, config: &Config) -> Option<String> {
    let outcome = lint::fix(&snap.text, snap.file_name.as_deref(), config, FixMode::Safe);
    (outcome.text != *snap.text).then_some(outcome.text)
}

/// The edit that applies every safe fix.
pub fn fix_all_edit(
    snap: &Snapshot,
    config: &Config,
    encoding: Encoding,
) -> Option<lsp::WorkspaceEdit> {
    let fixed = fix_all(snap, config)?;
    let positions = Positions::new(&snap.text, encoding);
    let edit = minimal_edit(&snap.text, &fixed, &positions);
    Some(workspace_edit(&snap.uri, vec![edit]))
}

fn wanted(only: Option<&[lsp::CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = String::from(k.clone());
            kind == k || kind.strip_prefix(&k).is_some_and(|r| r.starts_with('.'))
        })
    })
}

/// A `quickfix` per fix of a finding that touches `range` (unsafe ones say
/// so and are never preferred), then `source.fixAll.digest-lint` when any
/// safe fix applies.
pub fn code_actions(
    snap: &Snapshot,
    config: &Config,
    settings: &Settings,
    encoding: Encoding,
    range: lsp::Range,
    only: Option<&[lsp::CodeActionKind]>,
) -> Vec<lsp::CodeActionResponse> {
    let positions = Positions::new(&snap.text, encoding);
    let (start, end) = (positions.offset(range.start), positions.offset(range.end));
    let found = findings(snap, config);
    let mut actions = Vec::new();
    if wanted(only, "quickfix") {
        for d in &found {
            let Some(fix) = &d.fix else { continue };
            let touches = d.span.start <= end && start <= d.span.end;
            if !touches {
                continue;
            }
            let unsafe_ = fix.applicability == Applicability::Unsafe;
            let edits = fix
                .edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: positions.edit_range(e.span.start, e.span.end),
                    new_text: e.content.clone(),
                })
                .collect();
            actions.push(lsp::CodeActionResponse::CodeAction(lsp::CodeAction {
                title: format!(
                    "{}{} ({})",
                    fix.message,
                    if unsafe_ { " [unsafe]" } else { "" },
                    d.code
                ),
                kind: Some(lsp::CodeActionKind::QuickFix),
                diagnostics: Some(vec![to_lsp(d, &positions, &snap.uri, settings)]),
                is_preferred: Some(!unsafe_),
                edit: Some(workspace_edit(&snap.uri, edits)),
                ..Default::default()
            }));
        }
    }
    let any_safe = found.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    if any_safe
        && wanted(only, FIX_ALL_KIND)
        && let Some(edit) = fix_all_edit(snap, config, encoding)
    {
        actions.push(lsp::CodeActionResponse::CodeAction(lsp::CodeAction {
            title: "digest-lint: apply every safe fix".to_string(),
            kind: Some(lsp::CodeActionKind::new(FIX_ALL_KIND)),
            edit: Some(edit),
            ..Default::default()
        }));
    }
    actions
}

/// Whether the cursor at `offset` is on `span`: on one of its characters,
/// or, for an empty span (a place where something is missing), at it.
fn under(span: crate::syntax::Span, offset: usize) -> bool {
    span.start <= offset && (offset < span.end || (span.is_empty() && offset == span.start))
}

/// `fmt`'s output as one edit; no edit when the text is formatted.
pub fn formatting(snap: &Snapshot, config: &Config, encoding: Encoding) -> Vec<lsp::TextEdit> {
    let options = FormatOptions {
        blank_lines_between_entries: config.blank_lines_between_entries,
    };
    let formatted = format::format(&snap.text, &options);
    if formatted == *snap.text {
        return Vec::new();
    }
    let positions = Positions::new(&snap.text, encoding);
    vec![minimal_edit(&snap.text, &formatted, &positions)]
}

fn markdown(value: String) -> lsp::MarkupContent {
    lsp::MarkupContent {
        kind: lsp::MarkupKind::Markdown,
        value,
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// On a finding: its rule's documentation. On a tag: how often the archive
/// uses it, and what the vocabulary says of it.
#[allow(clippy::too_many_arguments)]
pub fn hover(
    snap: &Snapshot,
    config: &Config,
    encoding: Encoding,
    position: lsp::Position,
    archive: &Archive,
    vocabulary: Option<&dyn TagVocabulary>,
) -> Option<lsp::Hover> {
    let positions = Positions::new(&snap.text, encoding);
    let offset = positions.offset(position);
    let here: Vec<Diagnostic> = findings(snap, config)
        .into_iter()
        .filter(|d| under(d.span, offset))
        .collect();
    if let Some(first) = here.first() {
        let mut docs: Vec<String> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for d in &here {
            if seen.contains(&d.code) {
                continue;
            }
            seen.push(d.code);
            if let Some(rule) = rules::by_code_or_name(d.code) {
                docs.push(rules::render_doc(rule.meta()));
            }
        }
        return Some(lsp::Hover {
            contents: lsp::Contents::MarkupContent(markdown(docs.join("\n---\n\n"))),
            range: Some(positions.range(first.span.start, first.span.end)),
        });
    }
    let (span, tag) = tags::tag_at(&snap.text, offset)?;
    let stats = archive.stats(snap.path.as_deref(), &snap.text);
    let s = stats.get(&tag).copied().unwrap_or_default();
    let mut text = format!(
        "**#{tag}**: used in {} in {} of this archive.",
        plural(s.uses, "entry").replace("entrys", "entries"),
        plural(s.files, "file")
    );
    match vocabulary.and_then(|v| v.entry(&tag)) {
        Some(VocabularyEntry::Known {
            description: Some(d),
        }) => text.push_str(&format!("\n\nVocabulary: {d}")),
        Some(VocabularyEntry::Known { description: None }) => {
            text.push_str("\n\nIn the vocabulary.");
        }
        Some(VocabularyEntry::Alias { canonical }) => {
            text.push_str(&format!(
                "\n\nAn alias of `#{canonical}` in the vocabulary."
            ));
        }
        Some(VocabularyEntry::Forbidden) => text.push_str("\n\nForbidden by the vocabulary."),
        None if vocabulary.is_some() => text.push_str("\n\nNot in the vocabulary."),
        None => {}
    }
    Some(lsp::Hover {
        contents: lsp::Contents::MarkupContent(markdown(text)),
        range: Some(positions.range(span.start, span.end)),
    })
}

/// After `#`: the vocabulary's tags, or without one the tags used in the
/// archive, most used first.
pub fn completion(
    snap: &Snapshot,
    encoding: Encoding,
    position: lsp::Position,
    archive: &Archive,
    vocabulary: Option<&dyn TagVocabulary>,
) -> Option<lsp::CompletionResponse> {
    let positions = Positions::new(&snap.text, encoding);
    let offset = positions.offset(position);
    let (mark, typed) = tags::typed_tag(&snap.text, offset)?;
    // What is being typed is not a tag of the archive yet.
    let mut rest = String::with_capacity(snap.text.len());
    rest.push_str(snap.text.get(..mark).unwrap_or_default());
    rest.push_str(snap.text.get(offset..).unwrap_or_default());
    let stats = archive.stats(snap.path.as_deref(), &rest);
    let mut candidates: Vec<(String, usize)> = match vocabulary {
        Some(v) => v
            .tags()
            .into_iter()
            .map(|t| {
                let uses = stats.get(&t).map_or(0, |s| s.uses);
                (t, uses)
            })
            .collect(),
        None => stats.iter().map(|(t, s)| (t.clone(), s.uses)).collect(),
    };
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let replace = positions.range(mark, offset);
    let items = candidates
        .into_iter()
        .filter(|(t, _)| t.contains(typed))
        .enumerate()
        .map(|(rank, (tag, uses))| {
            let label = format!("#{tag}");
            lsp::CompletionItem {
                label: label.clone(),
                kind: Some(lsp::CompletionItemKind::Keyword),
                detail: Some(format!(
                    "used in {}",
                    plural(uses, "entry").replace("entrys", "entries")
                )),
                sort_text: Some(format!("{rank:06}")),
                filter_text: Some(label.clone()),
                text_edit: Some(lsp::CompletionItemTextEdit::TextEdit(lsp::TextEdit {
                    range: replace,
                    new_text: label,
                })),
                ..Default::default()
            }
        })
        .collect();
    Some(lsp::CompletionResponse::CompletionList(
        // Complete (`is_incomplete` false, the default): the client
        // filters further as more is typed without asking again.
        lsp::CompletionList {
            items,
            ..Default::default()
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::documents::Document;

    fn snap(text: &str) -> Snapshot {
        let uri = match lsp::Uri::parse("file:///nonexistent-digest-lint/2025-03-14.txt") {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        Document::new(uri, 1, text.to_string()).snapshot()
    }

    #[test]
    fn minimal_edits_keep_the_common_start_and_end() {
        for (old, new) in [
            ("abc", "abc"),
            ("a가c", "a나c"),
            ("aaa", "aa"),
            ("aa", "aaa"),
            ("x😀y", "x😀😀y"),
            ("", "new"),
            ("old", ""),
        ] {
            let positions = Positions::new(old, Encoding::Utf8);
            let edit = minimal_edit(old, new, &positions);
            let (a, b) = (
                positions.offset(edit.range.start),
                positions.offset(edit.range.end),
            );
            let mut applied = old.to_string();
            applied.replace_range(a..b, &edit.new_text);
            assert_eq!(applied, new, "{old:?} -> {new:?}");
            assert!(edit.new_text.len() <= new.len());
        }
        let positions = Positions::new("a가c", Encoding::Utf16);
        let edit = minimal_edit("a가c", "a나c", &positions);
        assert_eq!(edit.new_text, "나");
        assert_eq!(
            (edit.range.start.character, edit.range.end.character),
            (1, 2)
        );
    }

    #[test]
    fn diagnostics_are_checks_findings_with_positions_in_the_encoding() {
        // Trailing white space after a Hangul word, and no final newline.
        let text = "2025년 3월 14일\nA title\n(Ann Lee)\n한국어 본문 😀 \nEnglish body.\n#llm";
        let s = snap(text);
        let config = Config::default();
        let found = findings(&s, &config);
        assert!(!found.is_empty());
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let published = diagnostics(&s, &config, &Settings::default(), encoding);
            let codes: Vec<_> = published.iter().map(|d| d.code.clone()).collect();
            let expected: Vec<_> = found
                .iter()
                .map(|d| Some(lsp::Code::String(d.code.to_string())))
                .collect();
            assert_eq!(codes, expected);
            let positions = Positions::new(text, encoding);
            for (p, d) in published.iter().zip(&found) {
                assert_eq!(positions.offset(p.range.start), d.span.start);
                assert_eq!(positions.offset(p.range.end), d.span.end);
            }
        }
        let w001 = diagnostics(&s, &config, &Settings::default(), Encoding::Utf16)
            .into_iter()
            .find(|d| d.code == Some(lsp::Code::String("W001".into())));
        let Some(w001) = w001 else {
            panic!("W001 expected in {found:?}")
        };
        // "한국어 본문 😀" is 9 UTF-16 units (the emoji counts two).
        assert_eq!(
            w001.range.start,
            lsp::Position {
                line: 3,
                character: 9
            }
        );
        assert_eq!(w001.tags, Some(vec![lsp::DiagnosticTag::Unnecessary]));
    }

    /// A trailing space on the Korean line (W001, no label) and a tag
    /// written twice (T002, with a label at the first).
    const TWO_FINDINGS: &str =
        "2025년 3월 14일\nA title\n(Ann Lee)\n한국어 본문 \nEnglish body.\n#llm #llm\n";

    fn code(d: &lsp::Diagnostic) -> String {
        match &d.code {
            Some(lsp::Code::String(c)) => c.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn related_information_comes_from_labels_only() {
        let published = diagnostics(
            &snap(TWO_FINDINGS),
            &Config::default(),
            &Settings::default(),
            Encoding::Utf8,
        );
        let of = |c: &str| match published.iter().find(|d| code(d) == c) {
            Some(d) => d.related_information.as_ref().map(Vec::len),
            None => panic!("{c} expected in {published:?}"),
        };
        assert_eq!(of("T002"), Some(1));
        assert_eq!(of("W001"), None);
    }

    #[test]
    fn the_kinds_a_client_asks_for() {
        let kinds = |k: &[&'static str]| {
            k.iter()
                .map(|k| lsp::CodeActionKind::new(k))
                .collect::<Vec<_>>()
        };
        assert!(wanted(None, "quickfix"));
        assert!(wanted(Some(&kinds(&["quickfix"])), "quickfix"));
        assert!(!wanted(Some(&kinds(&["quickfix"])), FIX_ALL_KIND));
        assert!(!wanted(Some(&[]), "quickfix"));
        // A kind asks for the kinds below it, at a dot.
        assert!(wanted(Some(&kinds(&["source"])), FIX_ALL_KIND));
        assert!(wanted(Some(&kinds(&["source.fixAll"])), FIX_ALL_KIND));
        assert!(!wanted(Some(&kinds(&["source.fix"])), FIX_ALL_KIND));
    }

    #[test]
    fn quick_fixes_are_those_of_the_findings_the_range_touches() {
        let at = |line, character| lsp::Position { line, character };
        // On the tags line, inside the second `#llm`: T002's fix only.
        let range = lsp::Range {
            start: at(5, 7),
            end: at(5, 7),
        };
        let actions = |only: Option<&[lsp::CodeActionKind]>| -> Vec<lsp::CodeAction> {
            let s = snap(TWO_FINDINGS);
            let settings = Settings::default();
            code_actions(
                &s,
                &Config::default(),
                &settings,
                Encoding::Utf8,
                range,
                only,
            )
            .into_iter()
            .map(|a| match a {
                lsp::CodeActionResponse::CodeAction(a) => a,
                other => panic!("{other:?}"),
            })
            .collect()
        };
        let fixed: Vec<Vec<String>> = actions(Some(&[lsp::CodeActionKind::QuickFix]))
            .iter()
            .map(|a| a.diagnostics.iter().flatten().map(code).collect())
            .collect();
        assert_eq!(fixed, [["T002"]]);
        // Asked for everything: the quick fix, and the fix-all action.
        let titles: Vec<String> = actions(None).into_iter().map(|a| a.title).collect();
        assert_eq!(
            titles,
            [
                "Remove the repeated tag (T002)",
                "digest-lint: apply every safe fix"
            ]
        );
    }

    #[test]
    fn the_cursor_is_on_a_span_from_its_start_to_its_last_character() {
        use crate::syntax::Span;
        let word = Span::new(2, 5);
        for (offset, on) in [(1, false), (2, true), (4, true), (5, false)] {
            assert_eq!(under(word, offset), on, "{offset}");
        }
        // A place where something is missing: only at it.
        let place = Span::new(3, 3);
        for (offset, on) in [(2, false), (3, true), (4, false)] {
            assert_eq!(under(place, offset), on, "{offset}");
        }
    }

    /// What hover says of a tag: what the vocabulary says of it, that it
    /// is not in the vocabulary, or nothing of a vocabulary without one.
    #[test]
    fn hover_on_a_tag_says_what_the_vocabulary_says() {
        struct Only(&'static str, VocabularyEntry);
        impl TagVocabulary for Only {
            fn entry(&self, tag: &str) -> Option<VocabularyEntry> {
                (tag == self.0).then(|| self.1.clone())
            }
            fn tags(&self) -> Vec<String> {
                vec![self.0.to_string()]
            }
        }
        let text =
            "2025년 3월 14일\n\nA Title\n(Ann Lee)\n가상의 방법.\nA made-up way.\n#alpha #beta\n";
        let snap = snap(text);
        let on_beta = lsp::Position::new(6, 9);
        let said = |vocabulary: Option<&dyn TagVocabulary>| {
            let hover = hover(
                &snap,
                &Config::default(),
                Encoding::Utf8,
                on_beta,
                &Archive::default(),
                vocabulary,
            );
            match hover.map(|h| h.contents) {
                Some(lsp::Contents::MarkupContent(m)) => m.value,
                other => panic!("{other:?}"),
            }
        };
        let known = Only(
            "beta",
            VocabularyEntry::Known {
                description: Some("the second letter".into()),
            },
        );
        let alias = Only(
            "beta",
            VocabularyEntry::Alias {
                canonical: "b".into(),
            },
        );
        let bare = Only("beta", VocabularyEntry::Known { description: None });
        let forbidden = Only("beta", VocabularyEntry::Forbidden);
        let other = Only("alpha", VocabularyEntry::Known { description: None });
        let cases: [(Option<&dyn TagVocabulary>, &str); 6] = [
            (Some(&known), "Vocabulary: the second letter"),
            (Some(&alias), "An alias of `#b` in the vocabulary."),
            (Some(&bare), "In the vocabulary."),
            (Some(&forbidden), "Forbidden by the vocabulary."),
            (Some(&other), "Not in the vocabulary."),
            (None, "of this archive."),
        ];
        for (vocabulary, last) in cases {
            let value = said(vocabulary);
            assert!(value.starts_with("**#beta**: used in "), "{value}");
            assert!(value.ends_with(last), "{value}");
        }
    }

    /// Completion offers the tags that hold what is typed anywhere in them,
    /// most used first, each replacing the `#` and what follows it.
    #[test]
    fn completion_offers_tags_holding_what_is_typed() {
        let text = "2025년 3월 14일\n\nA Title\n(Ann Lee)\n가상.\nMade up.\n#routing #grouping #beta\n\n\
                    B Title\n(Bo Kim)\n가상.\nMade up.\n#routing #ou";
        let snap = snap(text);
        let end = lsp::Position::new(12, 12);
        let list = match completion(&snap, Encoding::Utf8, end, &Archive::default(), None) {
            Some(lsp::CompletionResponse::CompletionList(list)) => list,
            other => panic!("{other:?}"),
        };
        assert!(!list.is_incomplete);
        let items: Vec<_> = list
            .items
            .iter()
            .map(|i| {
                (
                    i.label.as_str(),
                    i.kind,
                    i.detail.as_deref(),
                    i.sort_text.as_deref(),
                    i.filter_text.as_deref(),
                )
            })
            .collect();
        let keyword = Some(lsp::CompletionItemKind::Keyword);
        assert_eq!(
            items,
            [
                (
                    "#routing",
                    keyword,
                    Some("used in 2 entries"),
                    Some("000000"),
                    Some("#routing")
                ),
                (
                    "#grouping",
                    keyword,
                    Some("used in 1 entry"),
                    Some("000001"),
                    Some("#grouping")
                ),
            ]
        );
        for item in &list.items {
            match &item.text_edit {
                Some(lsp::CompletionItemTextEdit::TextEdit(edit)) => {
                    assert_eq!(edit.new_text, item.label);
                    let start = lsp::Position::new(12, 9);
                    assert_eq!((edit.range.start, edit.range.end), (start, end));
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
