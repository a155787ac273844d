//! `digest-lint init`: write a commented starter `.digest-lint.toml` that
//! documents every key; with `--learn-tags PATH...` its vocabulary is the
//! tags in use there, and the clusters of likely duplicates are written
//! as commented-out aliases for the author to accept.

use super::exit::{EXIT_OK, EXIT_TROUBLE, say, trouble};
use super::settings::ConfigArgs;
use super::tags::{alias_lines, clusters_of, read_digests, tag_uses, toml_string};
use crate::io;
use crate::rules::tags::is_kebab;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to write the file.
    #[arg(long, default_value = ".digest-lint.toml")]
    pub output: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Fill the tag vocabulary from the tags used in these files or
    /// folders.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub learn_tags: Vec<PathBuf>,
}

const HEAD: &str = r#"# digest-lint configuration. The nearest .digest-lint.toml (or
# digest-lint.toml) above a checked file applies, whole; paths and globs are
# relative to this file's folder. Every key is optional; what is commented
# out shows the default. Schema: digest-lint.schema.json in the repository.

# Inherit another configuration; keys set here win.
# extend = "../.digest-lint.toml"

# Files a folder walk takes. Default: *.txt files whose name carries a date
# (2025-04-25.txt, 250425.txt, or a date-patterns shape). A glob without `/`
# matches a file or folder name anywhere; with `/`, the path from here.
# include = ["*.txt"]

# Files and folders a walk leaves out. A file named on the command line is
# still checked unless --force-exclude (as the pre-commit hook passes).
# exclude = ["LICENSE.txt", "drafts"]

# How a date is read from a file name, for archives named otherwise:
# {yyyy} {yy} {mm} {m} {dd} {d} and * over the whole name.
# date-patterns = ["notes_{dd}.{mm}.{yyyy}.txt"]

[lint]
# Rules to run (codes, names, prefixes or ALL), replacing the default set.
# A rule that is off by default (A002) runs only when named by code or name.
# select = ["ALL"]
# Rules to run on top of the default set (or of select).
# extend-select = ["A002"]
# Rules never to run.
# ignore = ["C006"]
# A severity per rule or prefix, "error" or "warning".
# severity = { C002 = "error" }
# Rules to ignore in some files; `!` before a glob means the files it does
# not match.
# per-file-ignores = { "archive/2019/*.txt" = ["W006", "C002"] }

[format]
# Blank lines between entries: 0 or 1 (fmt writes it; W006 expects it).
# blank-lines-between-entries = 0

[spelling]
# Whether C007 also reads abstracts, for near misses of the title's words.
# check-abstracts = false

[tags]
# The severity of a tag outside the vocabulary (T003): "warning" or "error".
# unknown-tag = "warning"
# A file of known tags, one a line (`#` optional; `//` lines are comments).
# vocabulary-file = "tags.txt"
"#;

/// The starter file, with a vocabulary learned from `uses` when given.
pub(super) fn starter(learned: Option<(&[super::tags::TagUse], String)>) -> String {
    let mut out = HEAD.to_string();
    match learned {
        None => {
            out.push_str(
                "# Known tags, without `#`. Without a vocabulary T003 does not run.\n\
                 # vocabulary = [\"rl\", \"scaling-law\"]\n\n\
                 # Spellings that stand for a known tag (safe fix), typos' convention;\n\
                 # an empty value forbids a tag.\n\
                 [tags.aliases]\n\
                 # pretraining = \"pre-training\"\n\
                 # misc = \"\"\n",
            );
        }
        Some((uses, aliases)) => {
            let mut tags: Vec<&str> = uses
                .iter()
                .map(|u| u.tag.as_str())
                .filter(|t| is_kebab(t))
                .collect();
            tags.sort_unstable();
            out.push_str(&format!(
                "# Known tags, without `#`: the {} kebab-case tags in use when this file\n\
                 # was written (`digest-lint tags` lists them with counts). Without a\n\
                 # vocabulary T003 does not run.\n\
                 vocabulary = [\n",
                tags.len()
            ));
            for t in tags {
                out.push_str(&format!("    {},\n", toml_string(t)));
            }
            out.push_str(
                "]\n\n\
                 # Spellings that stand for a known tag (safe fix), typos' convention;\n\
                 # an empty value forbids a tag. Below: likely duplicates found among\n\
                 # the tags in use. Uncomment the ones you accept: T003 then reports\n\
                 # the alias even though the vocabulary lists it, and --fix rewrites it.\n\
                 [tags.aliases]\n",
            );
            if aliases.is_empty() {
                out.push_str("# (none found)\n");
            } else {
                out.push_str(&aliases);
            }
        }
    }
    out
}

pub(super) fn run(args: InitArgs) -> u8 {
    if args.output.exists() && !args.force {
        return trouble(format!(
            "{} exists; pass --force to replace it",
            args.output.display()
        ));
    }
    let text = if args.learn_tags.is_empty() {
        starter(None)
    } else {
        // The walk uses no configuration file: the one being written
        // would be its own input.
        let settings = ConfigArgs {
            isolated: true,
            ..ConfigArgs::default()
        };
        let (sources, failures) = match read_digests(&args.learn_tags, &settings) {
            Ok(r) => r,
            Err(code) => return code,
        };
        if failures > 0 {
            return EXIT_TROUBLE;
        }
        let uses = tag_uses(&sources);
        let clusters = clusters_of(&uses);
        let aliases = alias_lines(&clusters, "# ");
        say(format_args!(
            "learned {} tags from {} files; {} clusters of likely duplicates written as comments",
            uses.iter().filter(|u| is_kebab(&u.tag)).count(),
            sources.len(),
            clusters.len()
        ));
        starter(Some((&uses, aliases)))
    };
    match io::write_atomic(&args.output, &text) {
        Ok(()) => {
            say(format_args!("wrote {}", args.output.display()));
            EXIT_OK
        }
        Err(e) => trouble(format!("{}: cannot write: {e}", args.output.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::file;

    /// Every key of the schema is documented in the starter file, and the
    /// file (also with every commented key line taken in) is valid.
    #[test]
    fn starter_documents_every_key_and_parses() {
        let text = starter(None);
        assert!(file::parse(&text, "starter").is_ok());
        fn keys_of(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                        out.extend(props.keys().cloned());
                    }
                    map.values().for_each(|v| keys_of(v, out));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| keys_of(v, out)),
                _ => {}
            }
        }
        let mut keys = Vec::new();
        keys_of(&file::schema(), &mut keys);
        assert!(keys.len() >= 15, "{keys:?}");
        for key in &keys {
            assert!(
                text.contains(&format!("# {key} ="))
                    || text.contains(&format!("[{key}]"))
                    || text.contains(&format!(".{key}]")),
                "the starter file does not document `{key}`"
            );
        }
        // Uncommenting every `# key = value` line still gives a valid file.
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") && !rest.starts_with("extend") => rest,
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let parsed = file::parse(&uncommented, "uncommented");
        assert!(parsed.is_ok(), "{parsed:?}\n{uncommented}");
    }
}
