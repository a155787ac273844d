//! Finding the configuration that applies to a file, and the files a run
//! takes.
//!
//! The nearest `.digest-lint.toml` (or `digest-lint.toml`) in the file's
//! folder or above applies, whole: files are not merged, but one may
//! `extend` another. `--config PATH` applies one file everywhere;
//! `--config "key = value"` overrides a key; `--isolated` reads no file.
//! Reading goes through [`crate::io`].

use super::file::{self, ConfigError, ConfigFile, Spanned};
use super::{DatePattern, Pattern, Vocabulary};
use crate::diagnostic::Severity;
use crate::io;
use crate::syntax::date::{self, Date};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The names of a configuration file, in order of preference within one
/// folder.
pub const FILE_NAMES: [&str; 2] = [".digest-lint.toml", "digest-lint.toml"];

/// A selector or other value with where it was written (`file:line:col`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub text: String,
    pub origin: String,
}

/// A configuration read and resolved: globs anchored at the folder that
/// wrote them, the vocabulary file read. `None` means "not set here".
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The files this came from, nearest first (empty: no file).
    pub sources: Vec<String>,
    pub include: Option<Vec<Pattern>>,
    pub exclude: Option<Vec<Pattern>>,
    pub date_patterns: Option<Vec<DatePattern>>,
    pub select: Option<Vec<Located>>,
    pub extend_select: Option<Vec<Located>>,
    pub ignore: Option<Vec<Located>>,
    pub severity: Option<Vec<(Located, Severity)>>,
    pub per_file_ignores: Option<Vec<(Pattern, Vec<Located>)>>,
    pub blank_lines_between_entries: Option<usize>,
    pub vocabulary: Option<BTreeSet<String>>,
    pub aliases: Option<BTreeMap<String, String>>,
    pub unknown_tag: Option<Severity>,
    /// `[spelling] check-abstracts`.
    pub check_abstracts: Option<bool>,
}

impl Settings {
    /// These settings, with `base`'s where these set nothing.
    pub fn over(self, base: &Settings) -> Settings {
        let mut sources = self.sources;
        sources.extend(base.sources.iter().cloned());
        Settings {
            sources,
            include: self.include.or_else(|| base.include.clone()),
            exclude: self.exclude.or_else(|| base.exclude.clone()),
            date_patterns: self.date_patterns.or_else(|| base.date_patterns.clone()),
            select: self.select.or_else(|| base.select.clone()),
            extend_select: self.extend_select.or_else(|| base.extend_select.clone()),
            ignore: self.ignore.or_else(|| base.ignore.clone()),
            severity: self.severity.or_else(|| base.severity.clone()),
            per_file_ignores: self
                .per_file_ignores
                .or_else(|| base.per_file_ignores.clone()),
            blank_lines_between_entries: self
                .blank_lines_between_entries
                .or(base.blank_lines_between_entries),
            vocabulary: self.vocabulary.or_else(|| base.vocabulary.clone()),
            aliases: self.aliases.or_else(|| base.aliases.clone()),
            unknown_tag: self.unknown_tag.or(base.unknown_tag),
            check_abstracts: self.check_abstracts.or(base.check_abstracts),
        }
    }

    /// The date a file name carries, by `date-patterns` then the built-in
    /// shapes.
    pub fn file_date(&self, name: &str) -> Option<Date> {
        self.date_patterns
            .iter()
            .flatten()
            .find_map(|p| p.date(name))
            .or_else(|| date::from_file_name(name))
    }

    /// Whether a folder walk takes the file at `path` (absolute, canonical):
    /// it matches `include` (by default: a `*.txt` name carrying a date) and
    /// no `exclude` glob.
    pub fn takes(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let included = match &self.include {
            Some(globs) => globs.iter().any(|g| g.matches(path)),
            None => name.ends_with(".txt") && self.file_date(name).is_some(),
        };
        included && !self.exclude.iter().flatten().any(|g| g.matches(path))
    }

    /// The tag vocabulary, when `[tags]` configures a vocabulary or
    /// aliases.
    pub fn vocabulary(&self) -> Option<Vocabulary> {
        if self.vocabulary.is_none() && self.aliases.is_none() {
            return None;
        }
        let mut v = Vocabulary {
            known: self.vocabulary.clone().unwrap_or_default(),
            aliases: self.aliases.clone().unwrap_or_default(),
            ..Vocabulary::default()
        };
        if let Some(sev) = self.unknown_tag {
            v.unknown_severity = sev;
        }
        Some(v)
    }

    /// The selectors of `per-file-ignores` whose glob covers `path`.
    pub fn ignored_in(&self, path: &Path) -> Vec<&Located> {
        self.per_file_ignores
            .iter()
            .flatten()
            .filter(|(glob, _)| glob.matches(path))
            .flat_map(|(_, sel)| sel)
            .collect()
    }
}

/// Reads `text` (a configuration file, or a `--config` override) into
/// settings whose paths are relative to `dir`. `read` reads a vocabulary
/// file.
pub fn settings_from(
    text: &str,
    origin: &str,
    dir: &Path,
    read: &dyn Fn(&Path) -> Result<String, String>,
) -> Result<(Settings, Option<Spanned<String>>), ConfigError> {
    let f: ConfigFile = file::parse(text, origin)?;
    let at = |span: std::ops::Range<usize>| {
        let (l, c) = file::line_col(text, span.start);
        format!("{origin}:{l}:{c}")
    };
    let globs = |list: Option<Vec<Spanned<String>>>| -> Result<_, ConfigError> {
        list.map(|list| {
            list.into_iter()
                .map(|g| {
                    Pattern::new(g.get_ref(), dir)
                        .map_err(|m| ConfigError::at(origin, text, g.span().start, m))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()
    };
    let located = |list: Option<Vec<Spanned<String>>>| {
        list.map(|list| {
            list.into_iter()
                .map(|s| Located {
                    origin: at(s.span()),
                    text: s.into_inner(),
                })
                .collect::<Vec<_>>()
        })
    };
    let plain = |s: &str| Located {
        text: s.to_string(),
        origin: origin.to_string(),
    };
    let date_patterns = f
        .date_patterns
        .map(|list| {
            list.into_iter()
                .map(|p| {
                    DatePattern::new(p.get_ref())
                        .map_err(|m| ConfigError::at(origin, text, p.span().start, m))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    let lint = f.lint.unwrap_or_default();
    let per_file_ignores = lint
        .per_file_ignores
        .map(|map| {
            map.into_iter()
                .map(|(glob, sel)| {
                    let pattern = Pattern::new(&glob, dir).map_err(|m| ConfigError {
                        origin: origin.to_string(),
                        position: None,
                        message: format!("`lint.per-file-ignores`: {m}"),
                    })?;
                    Ok((pattern, sel.iter().map(|s| plain(s)).collect()))
                })
                .collect::<Result<Vec<_>, ConfigError>>()
        })
        .transpose()?;
    let tags = f.tags.unwrap_or_default();
    let mut vocabulary: Option<BTreeSet<String>> = tags
        .vocabulary
        .map(|v| v.iter().map(|t| tag_body(t).to_string()).collect());
    if let Some(path) = &tags.vocabulary_file {
        let file = dir.join(path.get_ref());
        let listed =
            read(&file).map_err(|m| ConfigError::at(origin, text, path.span().start, m))?;
        vocabulary
            .get_or_insert_with(BTreeSet::new)
            .extend(vocabulary_lines(&listed).map(str::to_string));
    }
    let aliases = tags.aliases.map(|map| {
        map.into_iter()
            .map(|(k, v)| (tag_body(&k).to_string(), tag_body(&v).to_string()))
            .collect()
    });
    let settings = Settings {
        sources: vec![origin.to_string()],
        include: globs(f.include)?,
        exclude: globs(f.exclude)?,
        date_patterns,
        select: located(lint.select),
        extend_select: located(lint.extend_select),
        ignore: located(lint.ignore),
        severity: lint.severity.map(|map| {
            map.into_iter()
                .map(|(k, v)| (plain(&k), v.into()))
                .collect()
        }),
        per_file_ignores,
        blank_lines_between_entries: f
            .format
            .and_then(|f| f.blank_lines_between_entries)
            .map(|b| usize::from(*b.get_ref())),
        vocabulary,
        aliases,
        unknown_tag: tags.unknown_tag.map(Into::into),
        check_abstracts: f.spelling.and_then(|s| s.check_abstracts),
    };
    Ok((settings, f.extend))
}

/// A tag as written in the configuration, without its `#`.
fn tag_body(tag: &str) -> &str {
    tag.trim().trim_start_matches('#')
}

/// The tags of a vocabulary file: one a line, `#` optional, blank lines
/// and `//` comments skipped.
pub fn vocabulary_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(tag_body)
}

/// How the configuration of each file is found.
pub struct Resolver {
    /// `--config PATH`: one file for everything.
    fixed: Option<Rc<Settings>>,
    isolated: bool,
    /// `--config "key = value"`, applied over whatever file applies.
    overrides: Settings,
    /// Folder → the settings that apply in it (overrides included).
    cache: HashMap<PathBuf, Rc<Settings>>,
    /// The current folder, canonical: files below it are named relative
    /// to it in errors.
    cwd: PathBuf,
    /// Canonical paths of the folders met ([`Resolver::canonical`]).
    canonical: io::Canonicalizer,
    /// Each path asked of [`Resolver::canonical`]: the look at it, and
    /// whether it could be looked at (when not, the path made absolute,
    /// whether that is a folder, and no size).
    known: HashMap<PathBuf, (io::Looked, bool)>,
}

impl Resolver {
    /// `configs` are the `--config` arguments: a path to a file, or a
    /// `key = value` line of TOML. `cwd` anchors them.
    pub fn new(configs: &[String], isolated: bool, cwd: &Path) -> Result<Self, ConfigError> {
        let mut fixed = None;
        let mut overrides = Settings::default();
        for arg in configs {
            let as_path = cwd.join(arg);
            if as_path.is_file() || !arg.contains('=') {
                if !as_path.is_file() {
                    return Err(ConfigError {
                        origin: arg.clone(),
                        position: None,
                        message: "--config names no file (and is not a `key = value` line)"
                            .to_string(),
                    });
                }
                let mut seen = Vec::new();
                fixed = Some(Rc::new(load(&as_path, arg, cwd, &mut seen)?));
            } else {
                let origin = format!("--config `{arg}`");
                let (s, extend) = settings_from(arg, &origin, cwd, &read_text)?;
                if extend.is_some() {
                    return Err(ConfigError {
                        origin,
                        position: None,
                        message: "`extend` cannot be set with --config; name the file instead"
                            .to_string(),
                    });
                }
                overrides = s.over(&overrides);
            }
        }
        Ok(Resolver {
            fixed,
            isolated,
            overrides,
            cache: HashMap::new(),
            cwd: canonical(cwd),
            canonical: io::Canonicalizer::default(),
            known: HashMap::new(),
        })
    }

    /// [`canonical`], with each path looked at once per run and the
    /// folders of the run's files found once each ([`io::Canonicalizer`]):
    /// a run asks for every file's path several times.
    pub fn canonical(&mut self, path: &Path) -> PathBuf {
        self.known(path).0
    }

    /// [`Resolver::canonical`] of `path`, and whether it is a folder.
    fn known(&mut self, path: &Path) -> (PathBuf, bool) {
        if let Some((l, _)) = self.known.get(path) {
            return (l.canonical.clone(), l.is_dir);
        }
        let known = match self.canonical.look(path) {
            Ok(l) => (l, true),
            Err(_) => {
                let canonical = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let is_dir = canonical.is_dir();
                let l = io::Looked {
                    canonical,
                    is_dir,
                    len: 0,
                };
                (l, false)
            }
        };
        let answer = (known.0.canonical.clone(), known.0.is_dir);
        self.known.insert(path.to_path_buf(), known);
        answer
    }

    /// What discovery needs of `path` ([`io::Looked`]): from the look the
    /// configuration took already when there was one (a run looks at each
    /// file to choose its settings, then to name it once), else looked at
    /// now. A path that could not be looked at is looked at again, for
    /// its error.
    pub fn looked(&mut self, path: &Path) -> std::io::Result<io::Looked> {
        if let Some((l, true)) = self.known.get(path) {
            return Ok(l.clone());
        }
        self.canonical.look(path)
    }

    /// The settings for a file (or for a folder, when `path` is one).
    pub fn settings_for(&mut self, path: &Path) -> Result<Rc<Settings>, ConfigError> {
        let (abs, is_dir) = self.known(path);
        let dir = if is_dir {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        if let Some(s) = self.cache.get(&dir) {
            return Ok(Rc::clone(s));
        }
        let found = match (&self.fixed, self.isolated) {
            (Some(fixed), _) => Rc::clone(fixed),
            (None, true) => Rc::new(Settings::default()),
            (None, false) => match nearest(&dir) {
                Some(file) => {
                    let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
                    let shown = file.strip_prefix(&self.cwd).unwrap_or(&file);
                    let shown = shown.display().to_string();
                    let mut seen = Vec::new();
                    Rc::new(load(&file, &shown, &base, &mut seen)?)
                }
                None => Rc::new(Settings::default()),
            },
        };
        let settings = Rc::new(self.overrides.clone().over(&found));
        self.cache.insert(dir, Rc::clone(&settings));
        Ok(settings)
    }
}

/// The nearest configuration file in `dir` or a folder above it.
pub fn nearest(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find_map(|d| FILE_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()))
}

/// Reads a configuration file and what it extends. `anchor` is the folder
/// its paths are relative to.
fn load(
    path: &Path,
    shown: &str,
    anchor: &Path,
    seen: &mut Vec<PathBuf>,
) -> Result<Settings, ConfigError> {
    let key = canonical(path);
    let origin = shown.to_string();
    if seen.contains(&key) {
        return Err(ConfigError {
            origin,
            position: None,
            message: "`extend` goes round in a circle back to this file".to_string(),
        });
    }
    seen.push(key);
    let text = io::read_file(path).map_err(|e| ConfigError {
        origin: origin.clone(),
        position: None,
        message: e.to_string(),
    })?;
    let anchor = canonical(anchor);
    let (settings, extend) = settings_from(&text, &origin, &anchor, &read_text)?;
    match extend {
        Some(parent) => {
            let parent_path = path
                .parent()
                .unwrap_or(Path::new("."))
                .join(parent.get_ref());
            if !parent_path.is_file() {
                return Err(ConfigError::at(
                    &origin,
                    &text,
                    parent.span().start,
                    format!("`extend`: no file {}", parent_path.display()),
                ));
            }
            let parent_anchor = parent_path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let parent_shown = Path::new(shown)
                .parent()
                .unwrap_or(Path::new(""))
                .join(parent.get_ref())
                .display()
                .to_string();
            let base = load(&parent_path, &parent_shown, &parent_anchor, seen)?;
            Ok(settings.over(&base))
        }
        None => Ok(settings),
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    io::read_file(path).map_err(|e| e.to_string())
}

/// An absolute path without `.` and `..`: canonical when it exists.
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The files a run takes from the command line's paths. A folder is walked
/// and each file in it is taken when the configuration that applies to it
/// takes it ([`Settings::takes`]). A file named on the command line is
/// always taken, unless `force_exclude`, when it is judged like a walked
/// one. `-` and paths that do not exist are passed through (reading them
/// reports the error).
pub fn select_files(
    paths: &[PathBuf],
    force_exclude: bool,
    resolver: &mut Resolver,
) -> Result<(Vec<PathBuf>, Vec<io::SourceError>), ConfigError> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.exists() {
            files.push(path.clone());
        } else if path.is_dir() {
            let (found, errs) = io::walk_files(path);
            errors.extend(errs);
            for file in found {
                let canonical = resolver.canonical(&file);
                if resolver.settings_for(&file)?.takes(&canonical) {
                    files.push(file);
                }
            }
        } else if !force_exclude || {
            let canonical = resolver.canonical(path);
            resolver.settings_for(path)?.takes(&canonical)
        } {
            files.push(path.clone());
        }
    }
    Ok((files, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vocabulary_from_tags_or_aliases_alone() {
        assert!(Settings::default().vocabulary().is_none());
        let aliases = Settings {
            aliases: Some(BTreeMap::from([("misc".to_string(), String::new())])),
            ..Settings::default()
        };
        let v = aliases.vocabulary();
        assert_eq!(v.as_ref().map(|v| v.aliases.len()), Some(1));
        assert_eq!(v.map(|v| v.known.len()), Some(0));
        let known = Settings {
            vocabulary: Some(BTreeSet::from(["rl".to_string()])),
            ..Settings::default()
        };
        assert_eq!(known.vocabulary().map(|v| v.known.len()), Some(1));
    }

    fn write(path: &Path, text: &str) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }

    fn names(files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
            .collect()
    }

    #[test]
    fn default_walk_takes_dated_txt_files_only() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        for n in [
            "2025-04-25.txt",
            "250426.txt",
            "LICENSE.txt",
            "2025-04-27.md",
        ] {
            write(&root.join(n), "x\n");
        }
        let mut r = Resolver::new(&[], false, root).unwrap_or_else(|e| panic!("{e}"));
        let (files, errors) =
            select_files(&[root.to_path_buf()], false, &mut r).unwrap_or_else(|e| panic!("{e}"));
        assert!(errors.is_empty());
        assert_eq!(names(&files), ["2025-04-25.txt", "250426.txt"]);
        // Named on the command line: taken, unless --force-exclude.
        let licence = root.join("LICENSE.txt");
        let (files, _) = select_files(std::slice::from_ref(&licence), false, &mut r)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(names(&files), ["LICENSE.txt"]);
        let (files, _) = select_files(&[licence], true, &mut r).unwrap_or_else(|e| panic!("{e}"));
        assert!(files.is_empty());
    }

    /// Discovery takes what the configuration found of a file when it
    /// chose its settings, rather than looking again: the file removed
    /// since is still answered for, from the first look. A path the
    /// configuration never asked about is looked at then.
    #[test]
    fn discovery_takes_the_configurations_look() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let file = root.join("2025-04-25.txt");
        write(&file, "abc");
        let mut r = Resolver::new(&[], false, root).unwrap_or_else(|e| panic!("{e}"));
        let (files, _) =
            select_files(&[root.to_path_buf()], false, &mut r).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(files, std::slice::from_ref(&file));
        let canonical = r.canonical(&file);
        std::fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
        let looked = r.looked(&file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            looked,
            io::Looked {
                canonical,
                is_dir: false,
                len: 3,
            }
        );
        assert!(r.looked(&root.join("2025-04-26.txt")).is_err());
        let (found, errors) = io::discover_sized_with(&files, |p| r.looked(p));
        assert_eq!((found, errors.len()), (vec![(file, 3)], 0));
    }

    #[test]
    fn nearest_file_wins_and_extend_inherits() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        write(
            &root.join("digest-lint.toml"),
            "exclude = [\"skip\"]\n[lint]\nignore = [\"W\"]\n[tags]\nvocabulary-file = \"tags.txt\"\n",
        );
        write(&root.join("tags.txt"), "#rl\n\n// comment\nscaling-law\n");
        write(
            &root.join("sub/.digest-lint.toml"),
            "extend = \"../digest-lint.toml\"\n[lint]\nselect = [\"T\"]\n",
        );
        write(
            &root.join("other/.digest-lint.toml"),
            "[lint]\nselect = [\"D\"]\n",
        );
        for d in ["sub", "other", "skip", "."] {
            write(&root.join(d).join("2025-01-01.txt"), "x\n");
        }
        let mut r = Resolver::new(&[], false, root).unwrap_or_else(|e| panic!("{e}"));
        let sub = r
            .settings_for(&root.join("sub/2025-01-01.txt"))
            .unwrap_or_else(|e| panic!("{e}"));
        let texts = |l: &Option<Vec<Located>>| {
            l.iter()
                .flatten()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&sub.select), ["T"]);
        assert_eq!(texts(&sub.ignore), ["W"], "inherited through extend");
        let vocab: Vec<_> = sub.vocabulary.iter().flatten().cloned().collect();
        assert_eq!(vocab, ["rl", "scaling-law"]);
        let other = r
            .settings_for(&root.join("other/2025-01-01.txt"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(texts(&other.select), ["D"]);
        assert!(other.ignore.is_none(), "no merging without extend");
        let (files, _) =
            select_files(&[root.to_path_buf()], false, &mut r).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(files.len(), 3, "{files:?}");
        // --isolated reads none of them; an override applies everywhere.
        let mut iso = Resolver::new(&["lint.select = [\"E\"]".to_string()], true, root)
            .unwrap_or_else(|e| panic!("{e}"));
        let s = iso
            .settings_for(&root.join("sub/2025-01-01.txt"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(texts(&s.select), ["E"]);
        assert!(s.ignore.is_none());
    }

    #[test]
    fn extend_cycle_and_bad_override_are_errors() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        write(&root.join("a.toml"), "extend = \"b.toml\"\n");
        write(&root.join("b.toml"), "extend = \"a.toml\"\n");
        let e = Resolver::new(&["a.toml".to_string()], false, root)
            .err()
            .map(|e| e.message);
        assert!(e.is_some_and(|m| m.contains("circle")));
        let e = Resolver::new(&["lint.selct = []".to_string()], false, root)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("--config `lint.selct = []`:1:6: unknown key `selct`; did you mean `select`?")
        );
    }
}
