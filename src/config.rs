//! Project configuration: `faultline.toml`, or a `[tool.faultline]` table in
//! `pyproject.toml`. The nearest one at or above a file governs it (a
//! `faultline.toml` wins over a `pyproject.toml` in the same directory);
//! configurations do not inherit from one another.
//!
//! Errors name the file, the line and column, and the nearest valid spelling.

use crate::finding::Severity;
use crate::rules;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "faultline.toml";

/// The keys a configuration may set, as written.
pub const KEYS: &[&str] = &[
    "select",
    "ignore",
    "preview",
    "fail-on",
    "min-severity",
    "exclude",
    "extend-exclude",
    "include-tests",
    "severity",
    "per-path-ignores",
    "http-clients",
    "health-paths",
    "loggers",
    "design",
];

/// A configuration as written, with where each value sits.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    preview: Option<bool>,
    fail_on: Option<Spanned<String>>,
    min_severity: Option<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    extend_exclude: Option<Vec<Spanned<String>>>,
    include_tests: Option<bool>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    per_path_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    http_clients: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    health_paths: Option<Vec<Spanned<String>>>,
    loggers: Option<Vec<Spanned<String>>>,
    design: Option<crate::design::RawDesign>,
}

/// `pyproject.toml`: only `[tool.faultline]` is read; other tools' tables are
/// theirs.
#[derive(Deserialize)]
struct PyProject {
    tool: Option<Tools>,
}

#[derive(Deserialize)]
struct Tools {
    faultline: Option<Raw>,
}

/// When the scan fails: `never`, or at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Low,
    Medium,
    High,
    Never,
}

/// One configuration file, resolved against the rule catalog.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file, and the directory its paths are relative to.
    pub file: PathBuf,
    pub dir: PathBuf,
    /// The tokens as written (rule IDs, names, prefixes, pillars).
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub preview: Option<bool>,
    pub fail_on: Option<FailOn>,
    pub min_severity: Option<Severity>,
    pub include_tests: Option<bool>,
    /// Exclusion patterns (gitignore syntax) relative to `dir`.
    pub exclude: Vec<String>,
    /// Severity per rule ID.
    pub severity: BTreeMap<&'static str, Severity>,
    excluded: ignore::gitignore::Gitignore,
    /// Rule IDs left out per path pattern (gitignore syntax, relative to
    /// `dir`), with the pattern's matcher.
    per_path: Vec<(String, ignore::gitignore::Gitignore, Vec<&'static str>)>,
    /// The project's vocabulary, for the files this configuration governs;
    /// `None` when it declares none.
    pub vocabulary: Option<std::sync::Arc<crate::vocabulary::Vocabulary>>,
    /// The system's declared design (`[design]`), for `failure-modes`.
    pub design: Option<std::sync::Arc<crate::design::Design>>,
}

/// A configuration error: the file, where in it, and what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl Error {
    /// An error at a byte offset of `text`, the file `shown`.
    pub(crate) fn at(shown: &str, text: &str, offset: usize, message: String) -> Error {
        let (line, column) = position(text, offset);
        Error {
            file: shown.to_string(),
            line,
            column,
            message,
        }
    }

    /// A TOML reader's error, where it points, in words a user acts on
    /// (`table` names the table whose keys an unknown key is among, `""` for
    /// the top level).
    pub(crate) fn toml(shown: &str, text: &str, table: &str, e: &toml::de::Error) -> Error {
        let offset = e.span().map_or(0, |s| s.start);
        Error::at(shown, text, offset, explain_in(table, e.message()))
    }
}

fn is_pyproject(file: &Path) -> bool {
    file.file_name().is_some_and(|n| n == "pyproject.toml")
}

/// Line and column (1-based) of a byte offset.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(before.chars().count(), |nl| {
        before[nl + 1..].chars().count()
    }) + 1;
    (line, column)
}

/// Resolves `--select`/`--ignore`-style tokens to rule indices. A prefix or
/// pillar takes preview rules only when `preview` is set; a rule's own ID or
/// name always takes it. The error says what is wrong with the token, without
/// naming where it came from.
pub fn selection(tokens: &[&str], selecting: bool, preview: bool) -> Result<Vec<bool>, String> {
    use crate::finding::Pillar;
    let mut chosen = vec![false; rules::ALL.len()];
    for raw in tokens {
        let token = raw.trim();
        if token.is_empty() {
            continue;
        }
        let upper = token.to_ascii_uppercase();
        let lower = token.to_ascii_lowercase().replace('_', "-");
        let pillar = Pillar::ALL.iter().find(|p| {
            p.prefix() == upper || p.selector() == lower || p.title().to_ascii_lowercase() == lower
        });
        let mut matched = false;
        for (i, r) in rules::ALL.iter().enumerate() {
            let m = r.meta();
            if m.id == upper
                || m.name == lower
                || (pillar.is_some_and(|p| m.pillar == *p) && (preview || !m.preview))
            {
                chosen[i] = true;
                matched = true;
            }
        }
        if !matched && pillar.is_none() {
            let mut valid: Vec<&str> = rules::ALL.iter().map(|r| r.meta().id).collect();
            valid.extend(Pillar::ALL.iter().map(|p| p.prefix()));
            valid.extend(Pillar::ALL.iter().map(|p| p.selector()));
            valid.extend(rules::ALL.iter().map(|r| r.meta().name));
            return Err(format!(
                "unknown rule, prefix or pillar `{token}`{}; `faultline rules` lists the rules",
                rules::did_you_mean(token, valid)
            ));
        }
        // A pillar with nothing to run would gate nothing, and pass forever.
        if let (false, Some(p), true) = (matched, pillar, selecting) {
            let has_preview = rules::ALL
                .iter()
                .any(|r| r.meta().pillar == *p && r.meta().preview);
            return Err(if has_preview {
                format!(
                    "the {} pillar (`{token}`) has only preview rules: add --preview (`preview = true` in a configuration), or name them; `faultline rules` lists them",
                    p.title()
                )
            } else {
                format!(
                    "the {} pillar (`{token}`) has no rules yet, so it would check nothing; `faultline rules` lists the pillars that have",
                    p.title()
                )
            });
        }
    }
    Ok(chosen)
}

impl Config {
    /// Reads the configuration in `file` (`faultline.toml`, or the
    /// `[tool.faultline]` table of a `pyproject.toml`). `Ok(None)` for a
    /// `pyproject.toml` without that table. `shown` is how errors name the file.
    pub fn load(file: &Path, shown: &str) -> Result<Option<Config>, Error> {
        Config::read(file, shown, false)
    }

    /// [`Config::load`] for a file found while looking for configurations: a
    /// `pyproject.toml` that cannot be read is no configuration (its manifest
    /// reader lists it under `errors`); a `faultline.toml` is an error.
    pub fn load_found(file: &Path, shown: &str) -> Result<Option<Config>, Error> {
        Config::read(file, shown, true)
    }

    fn read(file: &Path, shown: &str, found: bool) -> Result<Option<Config>, Error> {
        let text = match crate::source::read_source(file) {
            Ok(text) => text,
            Err(_) if found && is_pyproject(file) => return Ok(None),
            Err(reason) => {
                return Err(Error {
                    file: shown.to_string(),
                    line: 0,
                    column: 0,
                    message: format!("cannot read the configuration: {reason}"),
                })
            }
        };
        let file = clean(file);
        let dir = file
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        Config::parse(&text, &file, &dir, shown)
    }

    /// [`Config::load`] on text already read; `dir` is the file's directory,
    /// absolute and clean.
    fn parse(text: &str, file: &Path, dir: &Path, shown: &str) -> Result<Option<Config>, Error> {
        let at = |offset: usize, message: String| Error::at(shown, text, offset, message);
        let toml_error = |e: toml::de::Error| Error::toml(shown, text, "", &e);
        let raw: Raw = if is_pyproject(file) {
            if !text.contains("tool.faultline") {
                return Ok(None);
            }
            // Parsed as the whole document, so spans are the file's.
            let doc: PyProject = toml::from_str(text).map_err(toml_error)?;
            let Some(raw) = doc.tool.and_then(|t| t.faultline) else {
                return Ok(None);
            };
            raw
        } else {
            toml::from_str(text).map_err(toml_error)?
        };
        let tokens_ok = |list: &Option<Vec<Spanned<String>>>, selecting: bool, key: &str| {
            let Some(list) = list else { return Ok(None) };
            for t in list {
                selection(&[t.get_ref().as_str()], selecting, true)
                    .map_err(|m| at(t.span().start, format!("{key}: {m}")))?;
            }
            Ok::<_, Error>(Some(
                list.iter().map(|t| t.get_ref().clone()).collect::<Vec<_>>(),
            ))
        };
        let select = tokens_ok(&raw.select, true, "select")?;
        let ignore = tokens_ok(&raw.ignore, false, "ignore")?.unwrap_or_default();
        let fail_on = match &raw.fail_on {
            None => None,
            Some(v) => Some(
                <FailOn as clap::ValueEnum>::from_str(v.get_ref(), true).map_err(|_| {
                    at(
                        v.span().start,
                        format!(
                            "fail-on: `{}` is not a severity{}; use low, medium, high or never",
                            v.get_ref(),
                            rules::did_you_mean(v.get_ref(), ["low", "medium", "high", "never"])
                        ),
                    )
                })?,
            ),
        };
        let severity_of = |v: &Spanned<String>, key: &str| {
            Severity::parse(v.get_ref()).ok_or_else(|| {
                at(
                    v.span().start,
                    format!(
                        "{key}: `{}` is not a severity{}; use low, medium or high",
                        v.get_ref(),
                        rules::did_you_mean(v.get_ref(), ["low", "medium", "high"])
                    ),
                )
            })
        };
        let min_severity = match &raw.min_severity {
            None => None,
            Some(v) => Some(severity_of(v, "min-severity")?),
        };
        let rule_id = |t: &Spanned<String>, key: &str| {
            rules::by_id(t.get_ref())
                .map(|r| r.meta().id)
                .ok_or_else(|| {
                    at(
                        t.span().start,
                        format!(
                            "{key}: unknown rule `{}`{}; `faultline rules` lists them",
                            t.get_ref(),
                            rules::did_you_mean(
                                t.get_ref(),
                                rules::ALL.iter().map(|r| r.meta().id)
                            )
                        ),
                    )
                })
        };
        let mut severity = BTreeMap::new();
        for (rule, level) in raw.severity.iter().flatten() {
            severity.insert(rule_id(rule, "severity")?, severity_of(level, "severity")?);
        }
        let mut exclude = Vec::new();
        for p in raw.exclude.iter().chain(&raw.extend_exclude).flatten() {
            crate::discover::exclusion(dir, std::slice::from_ref(p.get_ref()))
                .map_err(|e| at(p.span().start, format!("exclude `{}`: {e}", p.get_ref())))?;
            exclude.push(p.get_ref().clone());
        }
        let excluded = crate::discover::exclusion(dir, &exclude)
            .map_err(|e| at(0, format!("exclude: {e}")))?;
        let mut per_path = Vec::new();
        for (pattern, ids) in raw.per_path_ignores.iter().flatten() {
            let matcher = crate::discover::exclusion(dir, std::slice::from_ref(pattern.get_ref()))
                .map_err(|e| {
                    at(
                        pattern.span().start,
                        format!("per-path-ignores `{}`: {e}", pattern.get_ref()),
                    )
                })?;
            let mut rules_here = Vec::new();
            for t in ids {
                let chosen = selection(&[t.get_ref().as_str()], false, true)
                    .map_err(|m| at(t.span().start, format!("per-path-ignores: {m}")))?;
                rules_here.extend(
                    rules::ALL
                        .iter()
                        .zip(chosen)
                        .filter(|(_, c)| *c)
                        .map(|(r, _)| r.meta().id),
                );
            }
            rules_here.sort_unstable();
            rules_here.dedup();
            per_path.push((pattern.get_ref().clone(), matcher, rules_here));
        }
        let mut vocabulary = crate::vocabulary::Vocabulary::default();
        // A function as the project's code calls it, with where this file
        // declares it (`faultline.toml:4`), for texts that name it.
        let declared = |name: &'_ Spanned<String>, key: &str, example: &str| {
            let n = name.get_ref().trim().to_string();
            if !crate::vocabulary::is_call_name(&n) {
                return Err(at(
                    name.span().start,
                    format!(
                        "{key}: `{n}` is not a function as code calls it; write its name with the module or receiver it is called through, e.g. `{example}`"
                    ),
                ));
            }
            let (line, _) = position(text, name.span().start);
            Ok((n, format!("{shown}:{line}")))
        };
        for (name, arg) in raw.http_clients.iter().flatten() {
            let (n, source) = declared(name, "http-clients", "\"http_util.fetch\" = \"timeout\"")?;
            let timeout = match arg.get_ref() {
                toml::Value::String(k) if crate::vocabulary::is_call_name(k) && !k.contains('.') => {
                    crate::vocabulary::TimeoutArg::Keyword(k.clone())
                }
                toml::Value::Integer(p) if *p >= 1 => {
                    crate::vocabulary::TimeoutArg::Position(*p as usize)
                }
                _ => {
                    return Err(at(
                        arg.span().start,
                        format!(
                            "http-clients: `{n}` takes the name of the argument that bounds its wait (`\"timeout\"`), or its position counting from 1 (`2`)"
                        ),
                    ))
                }
            };
            vocabulary
                .http_clients
                .push(crate::vocabulary::HttpClient::new(&n, timeout, &source));
        }
        for p in raw.health_paths.iter().flatten() {
            if !p.get_ref().starts_with('/') {
                return Err(at(
                    p.span().start,
                    format!(
                        "health-paths: `{}` is not a path; write it as requested, from `/` (`\"/internal/up\"`)",
                        p.get_ref()
                    ),
                ));
            }
            vocabulary.health_paths.push(p.get_ref().clone());
        }
        for l in raw.loggers.iter().flatten() {
            vocabulary
                .loggers
                .push(declared(l, "loggers", "\"audit.record_error\"")?);
        }
        let design = match raw.design {
            None => None,
            Some(d) => Some(std::sync::Arc::new(crate::design::Design::resolve(
                d, text, shown,
            )?)),
        };
        Ok(Some(Config {
            vocabulary: (!vocabulary.is_empty()).then(|| std::sync::Arc::new(vocabulary)),
            design,
            file: file.to_path_buf(),
            dir: dir.to_path_buf(),
            select,
            ignore,
            preview: raw.preview,
            fail_on,
            min_severity,
            include_tests: raw.include_tests,
            exclude,
            severity,
            excluded,
            per_path,
        }))
    }

    /// Whether `path` (absolute, under [`Config::dir`]) is left out.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        path.strip_prefix(&self.dir).is_ok()
            && self
                .excluded
                .matched_path_or_any_parents(path, is_dir)
                .is_ignore()
    }

    /// The rules run on files this configuration governs, given the command
    /// line's `--select` (which replaces the file's), `--ignore` (which adds to
    /// it) and `--preview`.
    pub fn enabled(
        &self,
        cli_select: &[String],
        cli_ignore: &[String],
        cli_preview: bool,
    ) -> Vec<bool> {
        enabled(Some(self), cli_select, cli_ignore, cli_preview)
    }

    /// Whether a per-path ignore leaves `rule` out at `path` (absolute).
    pub fn ignores_at(&self, path: &Path, rule: &str) -> bool {
        path.strip_prefix(&self.dir).is_ok()
            && self.per_path.iter().any(|(_, m, ids)| {
                ids.contains(&rule) && m.matched_path_or_any_parents(path, false).is_ignore()
            })
    }
}

/// The rules run where `config` governs (none: the defaults). Tokens were
/// checked when read, so none fails here.
pub fn enabled(
    config: Option<&Config>,
    cli_select: &[String],
    cli_ignore: &[String],
    cli_preview: bool,
) -> Vec<bool> {
    let preview = cli_preview || config.and_then(|c| c.preview).unwrap_or(false);
    fn tokens(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let select: Option<Vec<&str>> = if !cli_select.is_empty() {
        Some(tokens(cli_select))
    } else {
        config.and_then(|c| c.select.as_deref()).map(tokens)
    };
    let mut on = match select {
        Some(t) => selection(&t, true, preview).unwrap_or_else(|_| vec![false; rules::ALL.len()]),
        None => rules::ALL
            .iter()
            .map(|r| preview || !r.meta().preview)
            .collect(),
    };
    let mut ignored: Vec<&str> = tokens(cli_ignore);
    if let Some(c) = config {
        ignored.extend(c.ignore.iter().map(String::as_str));
    }
    let off = selection(&ignored, false, true).unwrap_or_else(|_| vec![false; rules::ALL.len()]);
    for (e, i) in on.iter_mut().zip(off) {
        *e &= !i;
    }
    on
}

/// The configuration file at or above `start` (a file or directory), nearest
/// first: `faultline.toml`, or a `pyproject.toml` with `[tool.faultline]`.
/// The search stops at the top of a repository (a directory holding `.git`).
pub fn find_above(start: &Path, cwd: &Path) -> Result<Option<Config>, Error> {
    let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        if let Some(c) = in_dir(d, cwd)? {
            return Ok(Some(c));
        }
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    Ok(None)
}

/// The configuration kept in directory `dir`, if it has one.
pub fn in_dir(dir: &Path, cwd: &Path) -> Result<Option<Config>, Error> {
    for name in [FILE_NAME, "pyproject.toml"] {
        let file = dir.join(name);
        if file.is_file() {
            let shown = crate::discover::display_path(&file, cwd);
            if let Some(c) = Config::load_found(&file, &shown)? {
                return Ok(Some(c));
            }
        }
    }
    Ok(None)
}

/// A serde message made friendlier: an unknown key gets the nearest valid one.
/// A TOML error in words a user acts on: an unknown key gets the nearest
/// valid spelling and the keys of its table (`table` names it, `""` for the
/// top level).
fn explain_in(table: &str, message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or("");
        // The table's keys, as serde names them after `expected`.
        let expected: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let keys: Vec<&str> =
            if table.is_empty() && (expected.is_empty() || expected.contains(&"select")) {
                KEYS.to_vec()
            } else {
                expected
            };
        let hint = rules::did_you_mean(key, keys.iter().copied());
        let place = if table.is_empty() {
            String::new()
        } else {
            format!(" in [{table}]")
        };
        return format!(
            "unknown key `{key}`{place}{hint}; the keys are {}",
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if message.starts_with("invalid type") && message.contains("expected a sequence") {
        return format!("{}; write a list, e.g. `[\"RES\"]`", message.trim());
    }
    message.trim().to_string()
}

/// The settings in force for one path, as `faultline config` prints them.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Resolved {
    pub config: Option<String>,
    pub rules: Vec<&'static str>,
    pub preview: bool,
    pub fail_on: FailOn,
    pub min_severity: String,
    pub include_tests: bool,
    pub exclude: Vec<String>,
    pub severity: BTreeMap<&'static str, String>,
    pub per_path_ignores: BTreeMap<String, Vec<&'static str>>,
    pub http_clients: BTreeMap<String, crate::vocabulary::TimeoutArg>,
    pub health_paths: Vec<String>,
    pub loggers: Vec<String>,
}

impl Resolved {
    pub fn of(config: Option<&Config>, shown: Option<String>) -> Resolved {
        let on = enabled(config, &[], &[], false);
        Resolved {
            config: shown,
            rules: rules::ALL
                .iter()
                .zip(on)
                .filter(|(_, e)| *e)
                .map(|(r, _)| r.meta().id)
                .collect(),
            preview: config.and_then(|c| c.preview).unwrap_or(false),
            fail_on: config.and_then(|c| c.fail_on).unwrap_or(FailOn::Low),
            min_severity: config
                .and_then(|c| c.min_severity)
                .unwrap_or(Severity::Low)
                .as_str()
                .to_ascii_lowercase(),
            include_tests: config.and_then(|c| c.include_tests).unwrap_or(false),
            exclude: config.map(|c| c.exclude.clone()).unwrap_or_default(),
            severity: config
                .map(|c| {
                    c.severity
                        .iter()
                        .map(|(k, v)| (*k, v.as_str().to_ascii_lowercase()))
                        .collect()
                })
                .unwrap_or_default(),
            per_path_ignores: config
                .map(|c| {
                    c.per_path
                        .iter()
                        .map(|(pattern, _, ids)| (pattern.clone(), ids.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            http_clients: config
                .and_then(|c| c.vocabulary.as_ref())
                .map(|v| {
                    v.http_clients
                        .iter()
                        .map(|c| (c.name.clone(), c.timeout.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            health_paths: config
                .and_then(|c| c.vocabulary.as_ref())
                .map(|v| v.health_paths.clone())
                .unwrap_or_default(),
            loggers: config
                .and_then(|c| c.vocabulary.as_ref())
                .map(|v| v.loggers.iter().map(|(n, _)| n.clone()).collect())
                .unwrap_or_default(),
        }
    }
}

/// A path made absolute, with `.` and `..` resolved by name (links are not
/// followed): how configurations and files are matched to each other.
pub fn clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The configurations of one run, and which governs what.
#[derive(Debug, Default)]
pub struct Configs {
    /// `--config FILE`: this one governs every file.
    forced: Option<Config>,
    list: Vec<Config>,
    by_dir: std::collections::HashMap<PathBuf, usize>,
}

impl Configs {
    /// `--config FILE`, for every file.
    pub fn forced(config: Config) -> Configs {
        Configs {
            forced: Some(config),
            ..Configs::default()
        }
    }

    /// Adds a configuration found above a root or inside the scanned tree; the
    /// first one kept for a directory wins.
    pub fn add(&mut self, config: Config) {
        if self.forced.is_some() || self.by_dir.contains_key(&config.dir) {
            return;
        }
        self.by_dir.insert(config.dir.clone(), self.list.len());
        self.list.push(config);
    }

    /// Whether a configuration for `dir` is already kept.
    pub fn has_dir(&self, dir: &Path) -> bool {
        self.by_dir.contains_key(&clean(dir))
    }

    /// The configuration governing `path` (the nearest at or above it), with
    /// its place in [`Configs::all`].
    pub fn governing(&self, path: &Path) -> Option<(usize, &Config)> {
        if let Some(f) = &self.forced {
            return Some((0, f));
        }
        let path = clean(path);
        path.ancestors()
            .skip(1)
            .find_map(|d| self.by_dir.get(d))
            .map(|&i| (i, &self.list[i]))
    }

    /// Every configuration kept: the one `--config` names, or those found.
    pub fn all(&self) -> impl Iterator<Item = &Config> {
        self.forced.iter().chain(&self.list)
    }
}
