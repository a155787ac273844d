use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::format::normalize::{is_nfc_quick_yes, nfc_runs};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::text::is_hangul_jamo;

pub struct NonNfc;

static META: RuleMeta = RuleMeta {
    code: "W005",
    name: "non-nfc",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "Text not in Unicode NFC (decomposed Hangul from some editors).",
    doc: r#"
## What it does
Checks that the text is in Unicode Normalization Form C. Some editors and
file systems (notably on macOS) write Hangul decomposed: `한` as the three
jamo `ᄒ ᅡ ᆫ`, and accented letters as a letter followed by a combining
mark. Each run of such text is one finding, pointing at the characters NFC
changes. The check costs nothing on text that is already NFC: a quick
check settles almost every file without decomposing anything.

## Why is this bad?
Decomposed text looks the same but is different text: a search for `한국`
does not find it, Hangul detection and counts go wrong, and a diff shows
lines as changed when nothing visible changed.

## Example
```text
ᄒ ᅡ ᆫ ᄀ ᅮ ᆨ (shown spaced: six jamo code points)
```
should be
```text
한국
```

## Fix
Safe: replaces the run with its NFC form, which is canonically equivalent:
the text reads the same. `fmt` does the same.
"#,
    default_enabled: true,
};

impl Rule for NonNfc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if is_nfc_quick_yes(cx.src) {
            return;
        }
        for line in &cx.digest.lines {
            let text = line.text.text(cx.src);
            for run in nfc_runs(text) {
                let span = Span::new(
                    line.text.start + run.range.start,
                    line.text.start + run.range.end,
                );
                let orig = span.text(cx.src);
                let (before, after) = (orig.chars().count(), run.nfc.chars().count());
                let what = if orig.chars().any(is_hangul_jamo) {
                    "decomposed Hangul"
                } else {
                    "text not in NFC"
                };
                let message = format!("{what} `{}`: {before} code points, {after} in NFC", run.nfc);
                out.push(
                    Diagnostic::new(&META, span, message)
                        .help("save the file as NFC (composed) text")
                        .fix(Fix::safe(
                            "Convert to NFC",
                            vec![Edit::replace(span, run.nfc.clone())],
                        )),
                );
            }
        }
    }
}
