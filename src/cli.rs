//! The command line: `faultline check`, `faultline rules`, `faultline rule ID`.

use crate::finding::Severity;
use crate::report::{self, Format, Report};
use crate::rules::{self, Rule};
use crate::scan::{self, Options, StackOverride};
use crate::semantic::KindName as _;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "faultline",
    version,
    about = "Finds where a codebase will break in production."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan files and directories (default: .).
    Check(Box<CheckArgs>),
    /// List every rule: ID, name, pillar, severity, stack, languages.
    Rules {
        /// `text` (a table) or `json` (every rule with its documentation).
        #[arg(long, value_enum, ignore_case = true, default_value = "text")]
        format: RulesFormat,
    },
    /// Print the settings in force for a path: which configuration file governs it, and what it resolves to.
    Config {
        /// A file or directory (default: .).
        path: Option<PathBuf>,
        /// Use this configuration instead of the nearest one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Build the failure-mode matrix of a system: every boundary crossing, how it
    /// behaves under timeouts, partitions, duplicates and partial failure, its
    /// invariants and the missing safeguards ranked by blast radius.
    FailureModes(Box<FailureModesArgs>),
    /// Show one rule's documentation.
    Rule {
        /// A rule ID, e.g. RES001.
        id: String,
    },
    /// Print a file's syntax tree (named nodes, fields, lines): for writing rules.
    #[command(hide = true)]
    Ast { file: PathBuf },
    /// Parse and walk files without running rules (the benchmark baseline).
    #[command(hide = true)]
    Parse {
        paths: Vec<PathBuf>,
        #[arg(long)]
        jobs: Option<usize>,
        /// Also parse test code (which `check` skips unless told otherwise).
        #[arg(long)]
        include_tests: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum StackArg {
    Auto,
    Backend,
    Frontend,
}

/// What a scan reads: the paths, the rules, the configuration and the cache.
#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// Files or directories to scan.
    paths: Vec<PathBuf>,
    /// Rules to run: IDs, names, prefixes or pillars, comma-separated, in any case (RES001,single-attempt-external-call,IDM,resilience).
    #[arg(long, value_delimiter = ',', value_name = "ID|PREFIX|PILLAR")]
    select: Vec<String>,
    /// Also run preview rules (off by default; `faultline rules` marks them).
    #[arg(long)]
    preview: bool,
    /// Rules to skip: IDs, names, prefixes or pillars, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "ID|PREFIX|PILLAR")]
    ignore: Vec<String>,
    /// Use this configuration for every file (a faultline.toml, or a pyproject.toml with [tool.faultline]) instead of the nearest one.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Override stack detection for code files.
    #[arg(long, value_enum, ignore_case = true, default_value = "auto")]
    stack: StackArg,
    /// Also scan test code.
    #[arg(long)]
    include_tests: bool,
    /// Leave out paths matching GLOB (gitignore syntax, relative to each directory scanned; repeatable): `legacy/**`, `*.gen.ts`, `scripts/`.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Give up parsing one file after SECS seconds and list it under errors.
    #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = parse_seconds)]
    parse_timeout: f64,
    /// Check every file again, neither reading nor writing the result cache.
    #[arg(long)]
    no_cache: bool,
    /// Keep the result cache in DIR (default: `.faultline_cache` next to the
    /// configuration governing the run, or in the current directory).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    cache_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MatrixFormat {
    Markdown,
    Json,
    /// One self-contained page: the diagram and a sortable, filterable matrix.
    Html,
}

#[derive(clap::Args, Debug)]
struct FailureModesArgs {
    #[command(flatten)]
    scan: ScanArgs,
    #[arg(long, value_enum, ignore_case = true, default_value = "markdown")]
    format: MatrixFormat,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only this component's interactions (its service root, as the report names it).
    #[arg(long, value_name = "ROOT")]
    component: Option<String>,
    /// Check the code against this declared design (a TOML file with a
    /// `[design]` table); default: the `[design]` of the configuration.
    #[arg(long, value_name = "FILE")]
    design: Option<PathBuf>,
    /// No progress on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    scan: ScanArgs,
    #[arg(long, value_enum, ignore_case = true, default_value = "text")]
    format: Format,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Hide findings below this severity [default: low, or the configuration's].
    #[arg(long, value_enum, ignore_case = true)]
    min_severity: Option<Severity>,
    /// Exit 1 when a finding at or above this severity remains [default: low, or the configuration's].
    #[arg(long, value_enum, ignore_case = true)]
    fail_on: Option<crate::config::FailOn>,
    /// Report only findings on lines added or changed since the merge base of REV and HEAD (uncommitted edits and untracked files included): a branch, tag or commit.
    #[arg(long, value_name = "REV")]
    diff: Option<String>,
    /// Hide the findings recorded in FILE (written by --write-baseline): report only new ones.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the findings of this run in FILE (atomically), to pass to --baseline later; exits 0.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// List each file checked instead of the findings: language, stack (backend, frontend, config), what code it is (product, example, library, test), its service, and why it was skipped.
    #[arg(long, conflicts_with = "statistics")]
    show_files: bool,
    /// Print only findings: no summary.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print timing, the slowest files and unused suppressions on stderr.
    #[arg(long, short)]
    verbose: bool,
}

/// A positive, finite number of seconds.
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a number of seconds between 0 and 86400 (e.g. 10 or 0.5)"
        )),
    }
}

/// The temporary file a report is being written to, while it exists: an
/// interrupt (Ctrl-C, SIGTERM) removes it before the process exits.
static PENDING_OUTPUT: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Removes the report's temporary file, if one is being written. Called on an
/// interrupt; nothing else is left behind then (a file not yet created, or
/// already renamed into place, is not there to remove).
pub fn remove_pending_output() {
    let pending = pending_output().take();
    if let Some(path) = pending {
        if let Err(e) = std::fs::remove_file(&path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("faultline: cannot remove {}: {e}", path.display());
            }
        }
    }
}

fn set_pending_output(path: Option<PathBuf>) {
    *pending_output() = path;
}

/// The pending report path, whatever a panicking holder left it as.
fn pending_output() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    PENDING_OUTPUT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs the CLI and returns the exit code: 0 clean, 1 findings, 2 usage/internal error.
pub fn main() -> i32 {
    // Interrupted, the process exits as a shell expects (130) and leaves no
    // temporary report file behind.
    if let Err(e) = ctrlc::set_handler(|| {
        remove_pending_output();
        std::process::exit(130);
    }) {
        eprintln!("faultline: warning: cannot handle interrupts ({e}); an interrupted --output may leave a temporary file");
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version print to stdout and succeed; usage errors exit 2.
            let code = e.exit_code();
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => match check(*args) {
            Ok(code) => code,
            Err(msg) => {
                eprintln!("error: {msg}");
                2
            }
        },
        Command::Rules { format } => print_stdout(&match format {
            RulesFormat::Text => rules_table(),
            RulesFormat::Json => rules_json(),
        }),
        Command::Config { path, config } => match show_config(path, config) {
            Ok(text) => print_stdout(&text),
            Err(msg) => {
                eprintln!("error: {msg}");
                2
            }
        },
        Command::FailureModes(args) => match failure_modes(*args) {
            Ok(code) => code,
            Err(msg) => {
                eprintln!("error: {msg}");
                2
            }
        },
        Command::Rule { id } => match rules::by_id(&id) {
            Some(rule) => print_stdout(&rule_doc(rule)),
            None => {
                eprintln!(
                    "error: unknown rule `{id}`{}; `faultline rules` lists them all",
                    rules::did_you_mean(&id, rules::ALL.iter().map(|r| r.meta().id))
                );
                2
            }
        },
        Command::Parse {
            paths,
            jobs,
            include_tests,
        } => parse_only(paths, jobs, include_tests),
        Command::Ast { file } => match ast(&file) {
            Ok(text) => print_stdout(&text),
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                2
            }
        },
    }
}

fn print_stdout(s: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is not worth a stack of errors.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            2
        }
    }
}

/// Checks `--select`/`--ignore` tokens against the catalog.
fn check_tokens(tokens: &[String], flag: &str, preview: bool) -> Result<(), String> {
    let t: Vec<&str> = tokens.iter().map(String::as_str).collect();
    crate::config::selection(&t, flag == "--select", preview)
        .map(|_| ())
        .map_err(|m| format!("{flag}: {m}"))
}

/// The configuration `--config FILE` names, which must be one.
fn load_forced(file: &Path, cwd: &Path) -> Result<crate::config::Config, String> {
    let shown = crate::discover::display_path(file, cwd);
    match crate::config::Config::load(file, &shown) {
        Ok(Some(c)) => Ok(c),
        Ok(None) => Err(format!(
            "--config {shown}: it has no [tool.faultline] table; add one, or name a faultline.toml"
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// A baseline file: the findings a project has accepted for now, by rule and
/// fingerprint (the path and title are for the people reading it).
#[derive(serde::Serialize, serde::Deserialize)]
struct Baseline {
    version: u32,
    tool: String,
    findings: Vec<BaselineEntry>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct BaselineEntry {
    rule: String,
    fingerprint: String,
    path: String,
    title: String,
}

fn read_baseline(file: &Path) -> Result<std::collections::HashSet<(String, String)>, String> {
    let text = crate::source::read_text(file, 64 * 1024 * 1024)
        .map_err(|e| format!("--baseline {}: {e}", file.display()))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        format!(
            "--baseline {}:{}:{}: not a faultline baseline ({e}); write one with --write-baseline",
            file.display(),
            e.line(),
            e.column()
        )
    })?;
    if b.version != 1 {
        return Err(format!(
            "--baseline {}: version {} is not one this faultline reads (1); write it again with --write-baseline",
            file.display(),
            b.version
        ));
    }
    Ok(b.findings
        .into_iter()
        .map(|e| (e.rule.to_ascii_uppercase(), e.fingerprint))
        .collect())
}

fn write_baseline(file: &Path, findings: &[crate::finding::Finding]) -> Result<(), String> {
    let b = Baseline {
        version: 1,
        tool: "faultline".to_string(),
        findings: findings
            .iter()
            .map(|f| BaselineEntry {
                rule: f.rule.to_string(),
                fingerprint: f.fingerprint.clone(),
                path: f.path.clone(),
                title: f.title.to_string(),
            })
            .collect(),
    };
    let mut text =
        serde_json::to_string_pretty(&b).map_err(|e| format!("--write-baseline: {e}"))?;
    text.push('\n');
    write_atomically(file, text.as_bytes())
        .map_err(|e| e.replace("--output", "--write-baseline"))?;
    eprintln!(
        "recorded {} finding{} in {}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        file.display()
    );
    Ok(())
}

fn show_config(path: Option<PathBuf>, forced: Option<PathBuf>) -> Result<String, String> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    if !path.exists() {
        return Err(format!("{}: not found", path.display()));
    }
    let config = match forced {
        Some(f) => Some(load_forced(&f, &cwd)?),
        None => crate::config::find_above(&path, &cwd).map_err(|e| e.to_string())?,
    };
    let shown = config
        .as_ref()
        .map(|c| crate::discover::display_path(&c.file, &cwd));
    let target = crate::discover::display_path(&path, &cwd);
    let header = match &shown {
        Some(f) => format!("# settings for {target} (from {f})\n"),
        None => format!(
            "# settings for {target} (no faultline.toml or [tool.faultline] at or above it: the defaults)\n"
        ),
    };
    let resolved = crate::config::Resolved::of(config.as_ref(), shown);
    let body = toml::to_string(&resolved).map_err(|e| format!("cannot print the settings: {e}"))?;
    Ok(format!("{header}{body}"))
}

/// A scan as the configurations govern it.
struct Governed {
    result: crate::engine::ScanResult,
    /// The findings each file's configuration keeps (its rules, per-path
    /// ignores and severities).
    findings: Vec<crate::finding::Finding>,
    opts: Options,
    /// The configuration of the first path, whose run-wide keys apply.
    primary: Option<crate::config::Config>,
    paths: Vec<PathBuf>,
}

/// The paths of a scan: `.` when none is given.
fn scan_paths(scan: &ScanArgs) -> Vec<PathBuf> {
    if scan.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        scan.paths.clone()
    }
}

/// Finds the files, the configurations governing them (each file's rules,
/// exclusions and vocabulary), and scans them.
fn scan_governed(
    scan: &ScanArgs,
    quiet: bool,
    start: std::time::Instant,
) -> Result<Governed, String> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let paths = scan_paths(scan);
    // The configuration governing the run: `--config`, or the nearest at or
    // above the first path. Its run-wide keys (fail-on, min-severity,
    // include-tests) apply to the whole scan.
    let mut configs = crate::config::Configs::default();
    let primary = match &scan.config {
        Some(file) => {
            let c = load_forced(file, &cwd)?;
            configs = crate::config::Configs::forced(c.clone());
            Some(c)
        }
        None => {
            let c = crate::config::find_above(&paths[0], &cwd).map_err(|e| e.to_string())?;
            if let Some(c) = &c {
                configs.add(c.clone());
            }
            c
        }
    };
    let preview = scan.preview || primary.as_ref().and_then(|c| c.preview).unwrap_or(false);
    check_tokens(&scan.select, "--select", preview)?;
    check_tokens(&scan.ignore, "--ignore", true)?;
    if scan.jobs == Some(0) {
        return Err("--jobs must be at least 1".into());
    }
    for glob in &scan.exclude {
        crate::discover::exclusion(std::path::Path::new("."), std::slice::from_ref(glob))
            .map_err(|e| format!("--exclude `{glob}`: {e}"))?;
    }
    let mut opts = Options {
        enabled: Vec::new(),
        include_tests: scan.include_tests
            || primary
                .as_ref()
                .and_then(|c| c.include_tests)
                .unwrap_or(false),
        stack: match scan.stack {
            StackArg::Auto => StackOverride::Auto,
            StackArg::Backend => StackOverride::Backend,
            StackArg::Frontend => StackOverride::Frontend,
        },
        parse_only: false,
        // Printed only with `--verbose`; collected always, so the result
        // cache serves runs with and without it.
        report_unused_suppressions: true,
        progress: !quiet,
        parse_budget: std::time::Duration::from_secs_f64(scan.parse_timeout),
        exclude: scan.exclude.clone(),
    };
    let mut found = scan::find(&paths, &opts);
    // Every configuration above the other paths and inside the tree.
    if scan.config.is_none() {
        for p in &paths[1..] {
            if let Some(c) = crate::config::find_above(p, &cwd).map_err(|e| e.to_string())? {
                configs.add(c);
            }
        }
        let nested = found.configs.iter().chain(
            found
                .manifests
                .iter()
                .filter(|m| m.file_name().is_some_and(|n| n == "pyproject.toml")),
        );
        let mut nested: Vec<&PathBuf> = nested.collect();
        // `faultline.toml` before `pyproject.toml` in one directory.
        nested.sort_by_key(|p| {
            (
                p.parent().map(Path::to_path_buf),
                p.file_name() != Some(std::ffi::OsStr::new(crate::config::FILE_NAME)),
            )
        });
        for file in nested {
            let shown = crate::discover::display_path(file, &cwd);
            if let Some(c) =
                crate::config::Config::load_found(file, &shown).map_err(|e| e.to_string())?
            {
                if configs.has_dir(&c.dir) {
                    continue;
                }
                for key in [
                    ("fail-on", c.fail_on.is_some()),
                    ("min-severity", c.min_severity.is_some()),
                    ("include-tests", c.include_tests.is_some()),
                ]
                .iter()
                .filter(|(_, set)| *set)
                .map(|(k, _)| k)
                {
                    eprintln!(
                        "warning: {shown}: `{key}` applies to a whole run and is read from the configuration of the first path ({}); here it is not used",
                        primary
                            .as_ref()
                            .map(|p| crate::discover::display_path(&p.file, &cwd))
                            .unwrap_or_else(|| "none".to_string())
                    );
                }
                configs.add(c);
            }
        }
    }
    // Files a configuration excludes, and the rules each file's configuration
    // runs: the scan runs every rule some file needs.
    found.files.retain_mut(|f| {
        let abs = crate::config::clean(&f.path);
        let governing = configs.governing(&abs);
        f.vocabulary = governing.and_then(|(_, c)| c.vocabulary.clone());
        !governing.is_some_and(|(_, c)| c.excludes(&abs, false))
    });
    // Per configuration, in `Configs::all` order, the rules it runs; the
    // defaults for files none governs.
    let per_config: Vec<Vec<bool>> = configs
        .all()
        .map(|c| c.enabled(&scan.select, &scan.ignore, scan.preview))
        .collect();
    let defaults = crate::config::enabled(None, &scan.select, &scan.ignore, scan.preview);
    let ungoverned = found.files.is_empty()
        || found
            .files
            .iter()
            .any(|f| configs.governing(&f.path).is_none());
    let mut enabled = vec![false; rules::ALL.len()];
    for on in per_config.iter().chain(ungoverned.then_some(&defaults)) {
        for (e, o) in enabled.iter_mut().zip(on) {
            *e |= *o;
        }
    }
    opts.enabled = enabled;
    let cache_dir = (!scan.no_cache).then(|| {
        scan.cache_dir.clone().unwrap_or_else(|| {
            primary
                .as_ref()
                .map_or_else(|| cwd.clone(), |c| c.dir.clone())
                .join(crate::cache::DIR_NAME)
        })
    });
    let result = with_jobs(scan.jobs, || {
        scan::scan_found(found, &opts, start, cache_dir.as_deref())
    })?;
    for w in &result.warnings {
        eprintln!("warning: {w}");
    }
    let index: std::collections::HashMap<&str, usize> = rules::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().id, i))
        .collect();
    let findings: Vec<_> = result
        .findings
        .iter()
        .filter_map(|f| {
            let abs = crate::config::clean(&cwd.join(&f.path));
            let mut f = f.clone();
            match configs.governing(&abs) {
                Some((at, c)) => {
                    let i = index.get(f.rule)?;
                    if !per_config[at][*i] || c.ignores_at(&abs, f.rule) {
                        return None;
                    }
                    if let Some(s) = c.severity.get(f.rule) {
                        f.severity = *s;
                    }
                }
                None => {
                    if index.get(f.rule).is_some_and(|i| !defaults[*i]) {
                        return None;
                    }
                }
            }
            Some(f)
        })
        .collect();
    Ok(Governed {
        result,
        findings,
        opts,
        primary,
        paths,
    })
}

fn check(args: CheckArgs) -> Result<i32, String> {
    let start = std::time::Instant::now();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let paths = scan_paths(&args.scan);
    let baseline = match &args.baseline {
        Some(file) => Some(read_baseline(file)?),
        None => None,
    };
    // Checked before the scan, which a bad revision would otherwise waste.
    let changed = match &args.diff {
        Some(rev) => {
            // The repository holding the first path.
            let first = cwd.join(&paths[0]);
            let at = if first.is_dir() {
                first
            } else {
                first
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| cwd.clone())
            };
            Some(crate::diff::Changed::since(rev, &at)?)
        }
        None => None,
    };
    // Checked before the scan, which it would otherwise waste.
    for (on, flag) in [
        (args.statistics, "--statistics"),
        (args.show_files, "--show-files"),
    ] {
        if on && !matches!(args.format, Format::Text | Format::Json) {
            return Err(format!(
                "{flag} prints text or json, not {}",
                format!("{:?}", args.format).to_ascii_lowercase()
            ));
        }
    }
    let Governed {
        result,
        findings,
        opts,
        primary,
        paths,
    } = scan_governed(&args.scan, args.quiet, start)?;
    let min = args
        .min_severity
        .or(primary.as_ref().and_then(|c| c.min_severity))
        .unwrap_or(Severity::Low);
    let findings: Vec<_> = findings
        .into_iter()
        .filter(|f| {
            let abs = crate::config::clean(&cwd.join(&f.path));
            changed
                .as_ref()
                .is_none_or(|c| c.covers(&abs, f.line, f.end_line))
                && !baseline
                    .as_ref()
                    .is_some_and(|b| b.contains(&(f.rule.to_string(), f.fingerprint.clone())))
                && scan::at_least(f, min)
        })
        .collect();
    if let Some(file) = &args.write_baseline {
        write_baseline(file, &findings)?;
    }
    let report = Report {
        findings: &findings,
        errors: &result.errors,
        stats: &result.stats,
        quiet: args.quiet,
        enabled: &opts.enabled,
    };
    let rendered = if args.show_files {
        show_files(args.format == Format::Json, &result.files)
    } else if args.statistics {
        report::statistics(args.format == Format::Json, &report)
    } else {
        report::render(args.format, &report)
    };
    match &args.output {
        Some(path) => write_atomically(path, rendered.as_bytes())?,
        None => {
            if print_stdout(&rendered) != 0 {
                return Ok(2);
            }
        }
    }
    if args.verbose {
        for note in &result.notes {
            eprintln!("{note}");
        }
        let s = &result.stats;
        let secs = (s.duration_ms as f64 / 1000.0).max(0.001);
        eprintln!(
            "scanned {} files, {} lines, {:.1} MB in {} ms ({:.1} MB/s)",
            s.files,
            s.lines,
            s.bytes as f64 / 1e6,
            s.duration_ms,
            s.bytes as f64 / 1e6 / secs
        );
        if s.cached > 0 {
            eprintln!(
                "result cache: {} of {} files unchanged since the cached run",
                s.cached,
                result.files.len()
            );
        }
        let mut slow: Vec<&crate::engine::FileReport> = result.files.iter().collect();
        slow.sort_by(|a, b| b.micros.cmp(&a.micros).then_with(|| a.path.cmp(&b.path)));
        if !slow.is_empty() {
            eprintln!("slowest files:");
            for f in slow.iter().take(10) {
                eprintln!(
                    "  {:>8.1} ms  {} ({} lines)",
                    f.micros as f64 / 1000.0,
                    f.path,
                    f.lines
                );
            }
        }
    }
    for e in &result.usage_errors {
        eprintln!("error: {e}");
    }
    if nothing_scanned(&result, &paths) {
        return Ok(2);
    }
    if result.missing_roots > 0 || !result.usage_errors.is_empty() {
        return Ok(2);
    }
    if args.write_baseline.is_some() {
        return Ok(0);
    }
    use crate::config::FailOn as F;
    let fail_on = args
        .fail_on
        .or(primary.as_ref().and_then(|c| c.fail_on))
        .unwrap_or(F::Low);
    let failing = match fail_on {
        F::Never => false,
        F::Low => !findings.is_empty(),
        F::Medium => findings.iter().any(|f| f.severity >= Severity::Medium),
        F::High => findings.iter().any(|f| f.severity >= Severity::High),
    };
    Ok(i32::from(failing))
}

/// `faultline failure-modes`: the matrix of the scanned system.
fn failure_modes(args: FailureModesArgs) -> Result<i32, String> {
    let start = std::time::Instant::now();
    // The design is read first: a mistake in it stops the run before the scan.
    let forced = match &args.design {
        Some(file) => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let shown = crate::discover::display_path(file, &cwd);
            Some(crate::design::Design::load(file, &shown).map_err(|e| format!("--design {e}"))?)
        }
        None => None,
    };
    let Governed {
        mut result,
        findings,
        paths,
        primary,
        ..
    } = scan_governed(&args.scan, args.quiet, start)?;
    for w in &result.warnings {
        eprintln!("warning: {w}");
    }
    result.findings = findings;
    let design = forced.or_else(|| primary.as_ref().and_then(|c| c.design.as_deref().cloned()));
    let design = design.filter(|d| !d.is_empty());
    let matrix = crate::failure_modes::build(&result, args.component.as_deref(), design.as_ref());
    if let Some(c) = &args.component {
        if matrix.components.is_empty() {
            let all = crate::failure_modes::build(&result, None, None);
            let names: Vec<&str> = all.components.iter().map(|c| c.id.as_str()).collect();
            return Err(format!(
                "--component `{c}`: no component of that name has interactions{}; the components are: {}",
                rules::did_you_mean(c, names.iter().copied()),
                if names.is_empty() { "none".to_string() } else { names.join(", ") }
            ));
        }
    }
    let rendered = match args.format {
        MatrixFormat::Markdown => crate::failure_modes::markdown(&matrix),
        MatrixFormat::Json => crate::failure_modes::json(&matrix),
        MatrixFormat::Html => crate::failure_modes::html(&matrix),
    };
    match &args.output {
        Some(path) => write_atomically(path, rendered.as_bytes())?,
        None => {
            if print_stdout(&rendered) != 0 {
                return Ok(2);
            }
        }
    }
    for e in &result.errors {
        eprintln!("warning: {}: {}", e.path, e.message);
    }
    if nothing_scanned(&result, &paths) {
        return Ok(2);
    }
    Ok(if result.missing_roots > 0 { 2 } else { 0 })
}

/// Whether the scan read nothing at all, which is no clean bill of health:
/// says so on stderr.
fn nothing_scanned(result: &crate::engine::ScanResult, paths: &[PathBuf]) -> bool {
    let nothing = result.stats.files == 0 && result.errors.is_empty() && result.missing_roots == 0;
    if nothing {
        eprintln!(
            "warning: no file was scanned: {} holds no source file or deployment config that faultline reads (test code needs --include-tests; see README)",
            paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    nothing
}

/// `--show-files`: each file checked, as a table or JSON.
fn show_files(json: bool, files: &[crate::engine::FileReport]) -> String {
    if json {
        let mut s = serde_json::to_string_pretty(&serde_json::json!({
            "version": 1,
            "files": files,
        }))
        .unwrap_or_default();
        s.push('\n');
        return s;
    }
    let width = files
        .iter()
        .map(|f| f.path.len())
        .max()
        .unwrap_or(0)
        .min(80);
    let mut out = String::new();
    for f in files {
        let what = match &f.skipped {
            Some(why) => format!("skipped: {why}"),
            None => format!(
                "{:<8} {:<7} service {}",
                f.stack.unwrap_or("-"),
                f.origin,
                if f.service_root.is_empty() {
                    "-"
                } else {
                    &f.service_root
                }
            ),
        };
        out.push_str(&format!("{:<width$}  {:<10} {what}\n", f.path, f.lang));
    }
    let skipped = files.iter().filter(|f| f.skipped.is_some()).count();
    out.push_str(&format!(
        "{} checked, {skipped} skipped; test code is left out unless --include-tests\n",
        files.len() - skipped
    ));
    out
}

fn with_jobs<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T, String> {
    match jobs {
        None => Ok(f()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| format!("cannot start {n} worker threads: {e}")),
    }
}

/// Writes `bytes` to `path` via a temporary file in the same directory and a
/// rename, so readers never see a half-written report. A symlink is written
/// through (its target is replaced, the link stays); a device or FIFO
/// (`/dev/null`, `/dev/stdout`) is written to directly, never replaced. A new
/// report gets the user's usual permissions (0666 less the umask), a replaced
/// one keeps its mode. The temporary file is removed when the write fails.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    // Through a symlink to what it names (a dangling link names a file to create).
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(t) => t,
            Err(_) => {
                let link = std::fs::read_link(path)
                    .map_err(|e| format!("--output {shown}: cannot read the link: {e}"))?;
                path.parent().unwrap_or(Path::new(".")).join(link)
            }
        },
        _ => path.to_path_buf(),
    };
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        if existing.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(format!("--output {shown}: is a directory"));
        }
        // A device or a FIFO: write to it as it is.
        return std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| format!("--output {shown}: cannot write: {e}"));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".faultline-report");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode is filtered by the umask when the file is created.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(&dir).map_err(|e| {
        format!(
            "--output {shown}: cannot create a file in {}: {e}",
            dir.display()
        )
    })?;
    set_pending_output(Some(tmp.path().to_path_buf()));
    let result = write_and_rename(tmp, bytes, existing.as_ref(), &target, &shown.to_string());
    set_pending_output(None);
    result
}

/// Fills the temporary report file and renames it over `target`; on an error
/// the temporary file is dropped, which removes it.
fn write_and_rename(
    mut tmp: tempfile::NamedTempFile,
    bytes: &[u8],
    existing: Option<&std::fs::Metadata>,
    target: &Path,
    shown: &str,
) -> Result<(), String> {
    if let Some(m) = existing {
        tmp.as_file()
            .set_permissions(m.permissions())
            .map_err(|e| format!("--output {shown}: cannot keep the file's mode: {e}"))?;
    }
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("--output {shown}: cannot write: {e}"))?;
    tmp.persist(target)
        .map_err(|e| format!("--output {shown}: cannot replace the file: {}", e.error))?;
    Ok(())
}

fn langs_of(rule: &dyn Rule) -> String {
    rule.meta()
        .langs
        .iter()
        .map(|f| f.tag())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn rules_table() -> String {
    let mut out = format!(
        "{:<8} {:<44} {:<28} {:<8} {:<9} {:<8} {}\n",
        "ID", "NAME", "PILLAR", "SEVERITY", "STACK", "STATUS", "LANGUAGES"
    );
    for r in rules::ALL {
        let m = r.meta();
        out.push_str(&format!(
            "{:<8} {:<44} {:<28} {:<8} {:<9} {:<8} {}\n",
            m.id,
            m.name,
            m.pillar.title(),
            m.severity,
            m.scope.as_str(),
            if m.preview { "preview" } else { "on" },
            langs_of(*r)
        ));
    }
    out
}

/// Every rule as JSON, in catalog order: what `faultline rules` lists, the
/// title its findings carry, its references and its documentation (what
/// `faultline rule ID` shows). For tools that build on the catalog.
pub fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = rules::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "id": m.id,
                "name": m.name,
                "pillar": m.pillar.title(),
                "severity": m.severity.as_str(),
                "stack": m.scope.as_str(),
                "languages": m.langs.iter().map(|f| f.tag()).collect::<Vec<_>>(),
                "default": !m.preview,
                "title": m.title,
                "refs": m.refs,
                "docs": {
                    "what": m.docs.what,
                    "why": m.docs.why,
                    "example": m.docs.example,
                    "use_instead": m.docs.use_instead,
                },
            })
        })
        .collect();
    let mut out =
        serde_json::to_string_pretty(&serde_json::json!({ "version": 1, "rules": rules }))
            .unwrap_or_default();
    out.push('\n');
    out
}

/// What a preview rule's page says about it being off by default.
const PREVIEW_NOTE: &str = "\n**Preview**: off by default. On real services its findings have not yet \
been reliable enough to be worth reading on every pull request; run it with `--preview` or by naming \
it in `--select`.\n";

/// How a preview rule's findings held up on services it was never tuned on
/// (43 open-source services, each finding judged by a reviewer who had not
/// seen the rule), when it was moved to preview: findings worth reporting and
/// findings that were not, debatable ones aside. A rule returns to the default
/// set once it holds 0.8 on a set of services it has never seen.
const MEASURED: &[(&str, u32, u32)] = &[
    ("RES003", 4, 5),
    ("RES004", 2, 16),
    ("RES005", 1, 15),
    ("RES007", 5, 21),
    ("RES010", 0, 3),
    ("RES011", 28, 68),
    ("RES014", 3, 30),
    ("DUR001", 5, 13),
    ("DUR002", 0, 6),
    ("DUR005", 1, 1),
    ("IDM003", 0, 2),
    ("IDM004", 0, 6),
];

/// The preview note of a rule's page, with its measurement where there is one.
fn preview_note(id: &str) -> String {
    match MEASURED.iter().find(|(m, _, _)| *m == id) {
        Some((_, kept, not)) => format!(
            "{PREVIEW_NOTE}Measured on services it was never tuned on, {kept} of its {} findings were \
worth reporting (debatable ones aside); it returns to the default set once it holds 0.8 there.\n",
            kept + not
        ),
        None => PREVIEW_NOTE.to_string(),
    }
}

pub fn rule_doc(rule: &dyn Rule) -> String {
    let m = rule.meta();
    format!(
        "# {} {}\n\nPillar: {} · Default severity: {} · Stack: {} · Languages: {} · Refs: {}\n{}\n## What it does\n{}\n\n## Why is this bad?\n{}\n\n## Example\n```\n{}\n```\n\nUse instead:\n```\n{}\n```\n",
        m.id,
        m.name,
        m.pillar.title(),
        m.severity,
        m.scope.as_str(),
        langs_of(rule),
        m.refs.join(", "),
        if m.preview { preview_note(m.id) } else { String::new() },
        m.docs.what,
        m.docs.why,
        m.docs.example,
        m.docs.use_instead
    )
}

fn ast(file: &Path) -> Result<String, String> {
    let lang = crate::lang::Lang::from_path(file).ok_or("not a language faultline parses")?;
    let grammar = lang
        .grammar()
        .ok_or("no tree-sitter grammar for this file kind")?;
    let text = crate::source::read_source(file)?;
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&grammar).map_err(|e| e.to_string())?;
    let tree = parser.parse(&text, None).ok_or("the parser gave up")?;
    let mut out = String::new();
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let n = cursor.node();
        if n.is_named() {
            let field = cursor
                .field_name()
                .map(|f| format!("{f}: "))
                .unwrap_or_default();
            let leaf = if n.named_child_count() == 0 {
                format!(
                    " {:?}",
                    text.get(n.byte_range())
                        .unwrap_or("")
                        .chars()
                        .take(60)
                        .collect::<String>()
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{}{field}{} [{}]{leaf}\n",
                "  ".repeat(depth),
                n.kind_name(),
                n.start_position().row + 1
            ));
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return Ok(out);
            }
            depth -= 1;
        }
    }
}

fn parse_only(paths: Vec<PathBuf>, jobs: Option<usize>, include_tests: bool) -> i32 {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    };
    let opts = Options {
        enabled: vec![false; rules::ALL.len()],
        include_tests,
        stack: StackOverride::Auto,
        parse_only: true,
        report_unused_suppressions: false,
        progress: false,
        parse_budget: crate::engine::PARSE_BUDGET,
        exclude: Vec::new(),
    };
    match with_jobs(jobs, || scan::scan(&paths, &opts)) {
        Ok(r) => {
            let s = &r.stats;
            let secs = (s.duration_ms as f64 / 1000.0).max(0.001);
            let line = format!(
                "parsed {} files, {} lines, {:.1} MB in {} ms ({:.1} MB/s)\n",
                s.files,
                s.lines,
                s.bytes as f64 / 1e6,
                s.duration_ms,
                s.bytes as f64 / 1e6 / secs
            );
            if std::io::stderr().is_terminal() {
                eprint!("{line}");
            }
            print_stdout(&line)
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupt_removes_the_report_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join(".faultline-report123");
        std::fs::write(&tmp, "half a report").unwrap();
        set_pending_output(Some(tmp.clone()));
        remove_pending_output();
        assert!(!tmp.exists());
        // Nothing pending (already renamed into place): nothing is touched.
        let done = dir.path().join("report.json");
        std::fs::write(&done, "{}").unwrap();
        remove_pending_output();
        assert!(done.exists());
    }
}
