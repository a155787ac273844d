//! `digest-lint tags`: every tag in use with its count and the first and
//! last day it was used, and clusters of likely duplicates with a
//! ready-to-paste `[tags.aliases]` block. The judgement of which tags are
//! one is `rules::tags::similar`'s.

use super::exit::{EXIT_OK, EXIT_TROUBLE, say, trouble};
use super::input::{Source, gather_sources};
use super::settings::{ConfigArgs, settings_for};
use crate::rules::tags::{body, similar};
use crate::syntax::date::{self, Date};
use crate::syntax::parser;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct TagsArgs {
    /// Files, or folders to search for digests. Without any: the current
    /// folder.
    pub paths: Vec<PathBuf>,
    /// How to print the tags: `text`, a table and the clusters of likely
    /// duplicates with a `[tags.aliases]` block, or `json` for programs.
    #[arg(long, value_enum, default_value_t = TagsFormat::Text)]
    pub output_format: TagsFormat,
    #[command(flatten)]
    pub settings: ConfigArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TagsFormat {
    Text,
    Json,
}

/// One tag's use across the files read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TagUse {
    pub tag: String,
    pub count: usize,
    /// The first and last day (`YYYY-MM-DD`) of a digest using it, from the
    /// date header (or the file name when the header has none).
    pub first: Option<String>,
    pub last: Option<String>,
}

/// What `tags` reports.
#[derive(Debug, Serialize)]
pub struct TagReport {
    pub tags: Vec<TagUse>,
    pub clusters: Vec<ClusterOut>,
}

#[derive(Debug, Serialize)]
pub struct ClusterOut {
    pub canonical: String,
    pub aliases: Vec<String>,
    pub reason: String,
}

/// Counts the tags of every source (as written, without `#`), most used
/// first, then alphabetically.
pub(super) fn tag_uses(sources: &[Source]) -> Vec<TagUse> {
    let mut map: BTreeMap<String, (usize, Option<Date>, Option<Date>)> = BTreeMap::new();
    for source in sources {
        let digest = parser::parse(&source.text);
        let day = digest
            .header()
            .and_then(|l| date::parse_header(digest.line_text(l)))
            .map(|h| h.date())
            .or_else(|| crate::io::file_name(&source.path).and_then(date::from_file_name));
        for tags in digest.entries().filter_map(|e| e.tags.as_ref()) {
            for &tag in &tags.tags {
                let (text, _) = body(&source.text, tag);
                if text.is_empty() {
                    continue;
                }
                let entry = map.entry(text.to_string()).or_insert((0, None, None));
                entry.0 += 1;
                if let Some(d) = day {
                    entry.1 = Some(entry.1.map_or(d, |f| f.min(d)));
                    entry.2 = Some(entry.2.map_or(d, |l| l.max(d)));
                }
            }
        }
    }
    let mut uses: Vec<TagUse> = map
        .into_iter()
        .map(|(tag, (count, first, last))| TagUse {
            tag,
            count,
            first: first.map(|d| d.to_string()),
            last: last.map(|d| d.to_string()),
        })
        .collect();
    uses.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
    uses
}

/// The clusters of likely duplicates among the tags in use.
pub(super) fn clusters_of(uses: &[TagUse]) -> Vec<similar::Cluster> {
    let counts: BTreeMap<String, usize> = uses.iter().map(|u| (u.tag.clone(), u.count)).collect();
    similar::clusters(&counts)
}

/// The `[tags.aliases]` lines for clusters, each line prefixed by
/// `prefix` (`"# "` to write them commented out).
pub(super) fn alias_lines(clusters: &[similar::Cluster], prefix: &str) -> String {
    let mut out = String::new();
    for c in clusters {
        let new = if c.in_use {
            String::new()
        } else {
            format!("; add `{}` to the vocabulary", c.canonical)
        };
        for alias in &c.aliases {
            out.push_str(&format!(
                "{prefix}{} = {}    # {}{new}\n",
                toml_key(alias),
                toml_string(&c.canonical),
                c.reason
            ));
        }
    }
    out
}

/// A TOML string.
pub(super) fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_string()
    } else {
        toml_string(s)
    }
}

/// Reads the digests a run takes from `paths` (walk, configuration),
/// reporting trouble. `Err` carries the exit status.
pub(super) fn read_digests(
    paths: &[PathBuf],
    settings: &ConfigArgs,
) -> Result<(Vec<Source>, usize), u8> {
    let mut resolver = settings.resolver().map_err(trouble)?;
    let (inputs, mut failures) =
        gather_sources(paths, None, settings, &mut resolver).map_err(trouble)?;
    let mut sources = Vec::with_capacity(inputs.len());
    for input in inputs {
        match input.read() {
            Ok(source) => sources.push(source),
            Err(e) => {
                say(format_args!("digest-lint: error: {e}"));
                failures += 1;
            }
        }
    }
    // The settings are read for each file so that a broken configuration
    // file is reported here too.
    for s in &sources {
        settings_for(&mut resolver, s.file.as_deref(), &s.path).map_err(trouble)?;
    }
    Ok((sources, failures))
}

pub(super) fn run(args: TagsArgs) -> u8 {
    let (sources, failures) = match read_digests(&args.paths, &args.settings) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let uses = tag_uses(&sources);
    let clusters = clusters_of(&uses);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // A closed pipe (`| head`) only means the reader has seen enough.
    let _ = match args.output_format {
        TagsFormat::Json => {
            let report = TagReport {
                tags: uses,
                clusters: clusters
                    .into_iter()
                    .map(|c| ClusterOut {
                        canonical: c.canonical,
                        aliases: c.aliases,
                        reason: c.reason,
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&report)
                .map_err(std::io::Error::other)
                .and_then(|json| writeln!(out, "{json}"))
        }
        TagsFormat::Text => write_text(&mut out, &uses, &clusters, sources.len()),
    };
    if failures > 0 { EXIT_TROUBLE } else { EXIT_OK }
}

fn write_text(
    out: &mut dyn Write,
    uses: &[TagUse],
    clusters: &[similar::Cluster],
    files: usize,
) -> std::io::Result<()> {
    let width = uses
        .iter()
        .map(|u| u.tag.len() + 1)
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(out, "{:>5}  {:<10}  {:<10}  TAG", "COUNT", "FIRST", "LAST")?;
    for u in uses {
        writeln!(
            out,
            "{:>5}  {:<10}  {:<10}  #{}",
            u.count,
            u.first.as_deref().unwrap_or("-"),
            u.last.as_deref().unwrap_or("-"),
            u.tag
        )?;
    }
    let total: usize = uses.iter().map(|u| u.count).sum();
    writeln!(
        out,
        "\n{} tags, {total} uses in {files} file{}.",
        uses.len(),
        if files == 1 { "" } else { "s" }
    )?;
    if clusters.is_empty() {
        return writeln!(out, "No likely duplicates.");
    }
    let count = |t: &str| {
        uses.iter()
            .find(|u| u.tag == t)
            .map_or("unused".to_string(), |u| u.count.to_string())
    };
    writeln!(out, "\nLikely duplicates ({}):", clusters.len())?;
    for c in clusters {
        let aliases: Vec<String> = c
            .aliases
            .iter()
            .map(|a| format!("#{a} ({})", count(a)))
            .collect();
        writeln!(
            out,
            "  {:<width$} <- {}   {}",
            format!("#{} ({})", c.canonical, count(&c.canonical)),
            aliases.join(", "),
            c.reason,
            width = width + 6
        )?;
    }
    writeln!(out, "\nTo adopt them, paste into .digest-lint.toml:\n")?;
    writeln!(out, "[tags.aliases]")?;
    write!(out, "{}", alias_lines(clusters, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_bare_only_when_toml_allows_it() {
        assert_eq!(toml_key("pre-training_2"), "pre-training_2");
        for (key, quoted) in [
            ("gpt-4.5", "\"gpt-4.5\""),
            ("", "\"\""),
            ("자기", "\"자기\""),
        ] {
            assert_eq!(toml_key(key), quoted);
        }
    }
}
