//! The scan: discover files, then for each file in parallel read, parse once,
//! walk once, run the rules its nodes subscribed them to, and drop the tree.

use crate::discover::{self, SourceFile};
use crate::facts::{FileFacts, ProjectIndex};
use crate::finding::{Finding, ScanError, Severity, Stack};
use crate::lang::Lang;
use crate::project::{PackageIndex, PackageKind, ProjectFacts, ServiceRoots};
use crate::rules::{self, Cx, Diag, Rule};
use crate::semantic::walk::{walk, Candidate, KindTable};
use crate::source;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

/// Which stack to assume for code files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StackOverride {
    #[default]
    Auto,
    Backend,
    Frontend,
}

pub struct Options {
    /// Enabled flag per rule in [`rules::ALL`] order.
    pub enabled: Vec<bool>,
    pub include_tests: bool,
    pub stack: StackOverride,
    /// Parse and walk only, running no rules: the benchmark's baseline.
    pub parse_only: bool,
    /// Report suppressions that suppress nothing.
    pub report_unused_suppressions: bool,
    /// Show files scanned / total on stderr when it is a terminal.
    pub progress: bool,
}

#[derive(Debug, Default, Serialize, Clone)]
pub struct ByStack {
    pub backend: usize,
    pub frontend: usize,
    pub config: usize,
}

#[derive(Debug, Default, Serialize, Clone)]
pub struct Stats {
    pub files: usize,
    pub lines: usize,
    pub by_stack: ByStack,
    pub duration_ms: u64,
    #[serde(skip)]
    pub bytes: u64,
}

pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub errors: Vec<ScanError>,
    pub stats: Stats,
    /// PATH operands that did not exist (a usage error: exit 2).
    pub missing_roots: usize,
    /// Notes for `--verbose` (unused suppressions).
    pub notes: Vec<String>,
}

/// What one file contributed.
#[derive(Default)]
struct FileOutcome {
    findings: Vec<Finding>,
    facts: FileFacts,
    display: String,
    errors: Vec<ScanError>,
    notes: Vec<String>,
    stack: Option<Stack>,
    lines: usize,
    bytes: u64,
}

thread_local! {
    static PARSERS: RefCell<HashMap<Lang, tree_sitter::Parser>> = RefCell::new(HashMap::new());
}

/// The walk's subscriber index for the nodes project facts are read from
/// (calls, annotations); rules have the indices of [`rules::ALL`].
const FACTS: u16 = u16::MAX;

/// Kind tables for every language, built once per scan from the enabled rules.
struct Tables {
    by_lang: HashMap<Lang, KindTable>,
}

impl Tables {
    fn new(enabled: &[bool], parse_only: bool) -> Tables {
        let mut by_lang = HashMap::new();
        for lang in Lang::ALL {
            let wants: Vec<(u16, &[&str])> = if parse_only {
                Vec::new()
            } else {
                rules::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, r)| enabled[*i] && r.meta().langs.contains(&lang.family()))
                    .map(|(i, r)| (i as u16, r.kinds(lang)))
                    .chain(std::iter::once((FACTS, crate::model::facts::kinds(lang))))
                    .collect()
            };
            by_lang.insert(lang, KindTable::new(lang, &wants));
        }
        Tables { by_lang }
    }
}

pub fn scan(roots: &[PathBuf], opts: &Options) -> ScanResult {
    let start = Instant::now();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let found = discover::discover(roots, opts.include_tests, &cwd);
    let project = ProjectFacts::gather(&found.manifests);
    let mut packages = PackageIndex::default();
    let package_of: Vec<Option<PackageKind>> = found
        .files
        .iter()
        .map(|f| match f.lang {
            Lang::TypeScript | Lang::JavaScript => packages.nearest(&f.path),
            _ => None,
        })
        .collect();
    let mut services = ServiceRoots::default();
    let roots_of: Vec<String> = found
        .files
        .iter()
        .map(|f| services.root_of(&f.path, &cwd))
        .collect();
    let tables = Tables::new(&opts.enabled, opts.parse_only);
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let total = found.files.len();
    let outcomes: Vec<FileOutcome> = std::thread::scope(|s| {
        if opts.progress && std::io::stderr().is_terminal() {
            s.spawn(|| show_progress(&done, &finished, total, start));
        }
        let outcomes = found
            .files
            .par_iter()
            .zip(package_of.par_iter())
            .map(|(file, pkg)| {
                let o = scan_file(file, *pkg, &tables, &project, opts);
                done.fetch_add(1, Ordering::Relaxed);
                o
            })
            .collect();
        finished.store(true, Ordering::Release);
        outcomes
    });

    let mut result = ScanResult {
        findings: Vec::new(),
        errors: found
            .errors
            .into_iter()
            .map(|(path, message)| ScanError { path, message })
            .collect(),
        stats: Stats::default(),
        missing_roots: found.missing_roots,
        notes: Vec::new(),
    };
    // Outcomes are in path order (the file list is sorted), so the index names
    // the same example location on every run.
    let mut index = ProjectIndex::build(
        outcomes
            .iter()
            .zip(&roots_of)
            .map(|(o, root)| (o.display.as_str(), root.as_str(), &o.facts)),
    );
    // Spring Boot facts from build and config files: Actuator on the classpath
    // serves `/actuator/health`; the shutdown setting or version drains on SIGTERM.
    for manifest in &found.manifests {
        let name = manifest.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let spring_file = name.starts_with("pom.xml")
            || name.starts_with("build.gradle")
            || name.starts_with("application.");
        if !spring_file {
            continue;
        }
        // An unreadable build file leaves the fact unknown: findings stay.
        let Ok(text) = std::fs::read_to_string(manifest) else {
            continue;
        };
        let root = services.root_of(manifest, &cwd);
        if text.contains("spring-boot-starter-actuator") {
            index.add_health_root(root.clone());
        }
        if crate::facts::spring_graceful_setting(&text) {
            index.add_graceful_root(root.clone());
        }
        if name.starts_with("pom.xml") || name.starts_with("build.gradle") {
            if let Some(v) = crate::facts::spring_boot_version(&text) {
                index.add_spring_version(root, v);
            }
        }
    }
    // A finding about a whole service (no health route) is reported once per service.
    let mut reported_services: std::collections::HashSet<(&'static str, &str)> =
        std::collections::HashSet::new();
    for (o, root) in outcomes.into_iter().zip(&roots_of) {
        let findings: Vec<Finding> = o
            .findings
            .into_iter()
            .filter_map(|f| finish(f, &index, root))
            .filter(|f| {
                f.unless != Some(crate::facts::Unless::HealthRoute)
                    || reported_services.insert((f.rule, root.as_str()))
            })
            .collect();
        result.findings.extend(findings);
        result.errors.extend(o.errors);
        result.notes.extend(o.notes);
        if let Some(stack) = o.stack {
            result.stats.files += 1;
            result.stats.lines += o.lines;
            result.stats.bytes += o.bytes;
            match stack {
                Stack::Backend => result.stats.by_stack.backend += 1,
                Stack::Frontend => result.stats.by_stack.frontend += 1,
                Stack::Config => result.stats.by_stack.config += 1,
            }
        }
    }
    result
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    result.errors.sort();
    result.stats.duration_ms = start.elapsed().as_millis() as u64;
    result
}

/// Files scanned / total on stderr, once the scan has run for a second; erased at
/// the end so reports on stdout and stderr stay clean.
fn show_progress(done: &AtomicUsize, finished: &AtomicBool, total: usize, start: Instant) {
    let mut shown = false;
    while !finished.load(Ordering::Acquire) {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if start.elapsed().as_secs() >= 1 {
            eprint!("\rscanning: {}/{total} files", done.load(Ordering::Relaxed));
            shown = true;
        }
    }
    if shown {
        eprint!("\r\x1b[2K");
    }
}

/// Completes a finding with what only the whole project can tell, or drops it
/// when another file supplies what it said was missing.
fn finish(mut f: Finding, index: &ProjectIndex, root: &str) -> Option<Finding> {
    if f.unless.as_ref().is_some_and(|u| index.holds(u, root)) {
        return None;
    }
    if let Some(text) = f.hint.and_then(|h| index.hint_text(h)) {
        f.fix = format!("{} {}", f.fix, text);
    }
    Some(f)
}

/// YAML files that are deployment config, by name or content.
fn is_config_yaml(path: &Path, text: &str) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.contains("compose") {
        return true;
    }
    if name.starts_with("values")
        && path
            .parent()
            .is_some_and(|d| d.join("Chart.yaml").is_file())
    {
        return true;
    }
    let has = |key: &str| text.lines().any(|l| l.starts_with(key));
    has("apiVersion:") && has("kind:")
}

/// Generated files announce themselves in their first lines: Go's `// Code
/// generated … DO NOT EDIT.`, `@generated`, "This file was automatically
/// generated" banners, in any letter case.
fn is_generated_source(text: &str) -> bool {
    const MARKERS: &[&str] = &[
        "do not edit",
        "@generated",
        "auto-generated",
        "autogenerated",
        "automatically generated",
        "code generated by",
    ];
    text.lines().take(5).any(|l| {
        let lower = l.as_bytes().to_ascii_lowercase();
        MARKERS
            .iter()
            .any(|m| lower.windows(m.len()).any(|w| w == m.as_bytes()))
    })
}

/// Bundled or minified JavaScript: large, with very long lines on average.
/// Hand-written code averages well under 100 characters a line.
fn is_minified(text: &str) -> bool {
    const MIN_BYTES: usize = 20 * 1024;
    const MIN_AVERAGE_LINE: usize = 300;
    text.len() >= MIN_BYTES && text.len() / text.lines().count().max(1) >= MIN_AVERAGE_LINE
}

fn scan_file(
    file: &SourceFile,
    package: Option<PackageKind>,
    tables: &Tables,
    project: &ProjectFacts,
    opts: &Options,
) -> FileOutcome {
    let mut out = FileOutcome {
        display: file.display.clone(),
        ..FileOutcome::default()
    };
    let text = match source::read_source(&file.path) {
        Ok(t) => t,
        Err(message) => {
            out.errors.push(ScanError {
                path: file.display.clone(),
                message,
            });
            return out;
        }
    };
    out.lines = text.lines().count();
    out.bytes = text.len() as u64;
    match file.lang {
        Lang::Dockerfile => {
            // Parsed so config rules can query instructions; no Dockerfile rule is
            // enabled in this version.
            let _ = crate::dockerfile::parse(&text);
            out.stack = Some(Stack::Config);
            return out;
        }
        Lang::Yaml => {
            if !is_config_yaml(&file.path, &text) {
                return out;
            }
            if text.contains("{{") {
                // A Helm template is not YAML until rendered.
                out.stack = Some(Stack::Config);
                return out;
            }
        }
        _ => {}
    }
    if is_generated_source(&text) {
        return out;
    }
    if file.lang.family() == crate::lang::Family::Ts && is_minified(&text) {
        out.notes
            .push(format!("{}: skipped: minified bundle", file.display));
        return out;
    }
    let Some(grammar) = file.lang.grammar() else {
        return out;
    };
    let table = &tables.by_lang[&file.lang];
    let tree = PARSERS.with(|p| {
        let mut parsers = p.borrow_mut();
        let parser = parsers.entry(file.lang).or_insert_with(|| {
            let mut p = tree_sitter::Parser::new();
            // The grammar crates are pinned to ABI-compatible versions; a failure
            // here would surface as `parse` returning None below.
            let _ = p.set_language(&grammar);
            p
        });
        parser.parse(text.as_bytes(), None)
    });
    let Some(tree) = tree else {
        out.errors.push(ScanError {
            path: file.display.clone(),
            message: "parser gave up on this file".into(),
        });
        return out;
    };
    if tree.root_node().has_error() {
        if let Some((line, col, bytes)) = syntax_errors(&tree) {
            // Small gaps are usually syntax the grammar does not know yet (new
            // language features, generic tagged templates): the file is still
            // scanned almost whole. A material gap is a scan the user should know
            // was incomplete.
            let share = bytes * 100 / text.len().max(1);
            let message = format!("syntax error at {line}:{col}; {share}% of the file could not be parsed, the rest was scanned");
            if share >= MATERIAL_SYNTAX_ERROR_PERCENT {
                out.errors.push(ScanError {
                    path: file.display.clone(),
                    message,
                });
            } else {
                out.notes.push(format!("{}: {message}", file.display));
            }
        }
    }
    if opts.parse_only {
        let mut cursor = tree.walk();
        let mut visited = 0usize;
        'walk: loop {
            visited += 1;
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        std::hint::black_box(visited);
        out.stack = Some(Stack::Backend);
        return out;
    }
    let (mut model, candidates) = walk(file.lang, &tree, &text, table);
    let fact_nodes: Vec<(tree_sitter::Node, Option<crate::semantic::FuncId>)> = candidates
        .iter()
        .filter(|c| c.rule == FACTS)
        .map(|c| (c.node, model.function_at(c.frame)))
        .collect();
    model.facts = crate::model::facts::extract(&model, tree.root_node(), &fact_nodes);
    // `--stack` overrides detection for code; config stays config.
    let detected = crate::stack::detect(file, &model, package);
    let stack = match opts.stack {
        _ if detected == Stack::Config => Stack::Config,
        StackOverride::Backend => Stack::Backend,
        StackOverride::Frontend => Stack::Frontend,
        StackOverride::Auto => detected,
    };
    out.stack = Some(stack);
    out.facts = FileFacts::gather(&model);
    run_rules(
        file,
        stack,
        &model,
        &candidates,
        project,
        opts.include_tests,
        &mut out,
    );
    apply_suppressions(file, &text, opts, &mut out);
    out
}

/// Share of a file (in percent of bytes) that must fail to parse before the file
/// is listed under `errors`.
const MATERIAL_SYNTAX_ERROR_PERCENT: usize = 10;

/// The first syntax error's position and the bytes covered by error nodes.
fn syntax_errors(tree: &tree_sitter::Tree) -> Option<(usize, usize, usize)> {
    let mut cursor = tree.walk();
    let mut first = None;
    let mut bytes = 0;
    loop {
        let n = cursor.node();
        let is_error = n.is_error() || n.is_missing();
        if is_error {
            let p = n.start_position();
            first.get_or_insert((p.row + 1, p.column + 1));
            bytes += n.end_byte() - n.start_byte();
        }
        // Descend only into subtrees that contain an error, and not into one.
        if !is_error && n.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return first.map(|(l, c)| (l, c, bytes));
            }
        }
    }
}

fn run_rules<'t>(
    file: &SourceFile,
    stack: Stack,
    model: &crate::semantic::Model<'t>,
    candidates: &[Candidate<'t>],
    project: &ProjectFacts,
    include_tests: bool,
    out: &mut FileOutcome,
) {
    let mut diags: Vec<(u16, Diag<'t>, Option<u32>)> = Vec::new();
    let callee_memo = std::cell::Cell::new((usize::MAX, 0, 0));
    let mut buf = Vec::new();
    for c in candidates.iter().filter(|c| c.rule != FACTS) {
        let rule = rules::ALL[c.rule as usize];
        if !rule.meta().scope.admits(stack) {
            continue;
        }
        // Inline test code (`#[cfg(test)] mod tests`) is test code like a test file.
        if !include_tests && model.in_test_code(c.frame) {
            continue;
        }
        let cx = Cx {
            m: model,
            path: &file.display,
            stack,
            is_test: file.is_test,
            project,
            frame: c.frame,
            callee_memo: &callee_memo,
        };
        rule.check(&cx, c.node, &mut buf);
        diags.extend(buf.drain(..).map(|d| (c.rule, d, c.frame)));
    }
    if diags.is_empty() {
        return;
    }
    let lines: Vec<&str> = model.src.lines().collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (rule_idx, d, frame) in diags {
        let rule: &dyn Rule = rules::ALL[rule_idx as usize];
        let meta = rule.meta();
        let start = d.node.start_position();
        let end = d.node.end_position();
        let line_text = lines.get(start.row).copied().unwrap_or("");
        let func = model
            .function_at(frame)
            .map(|f| model.function(f).name.as_str())
            .unwrap_or("");
        let code: String = model
            .text(d.node)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let code: String = code.chars().take(200).collect();
        let base = format!("{}\0{}\0{}\0{}", meta.id, file.display, func, code);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let digest = Sha256::digest(format!("{base}\0{n}").as_bytes());
        let fingerprint: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        out.findings.push(Finding {
            rule: meta.id,
            name: meta.name,
            pillar: meta.pillar,
            severity: d.severity.unwrap_or(meta.severity),
            path: file.display.clone(),
            line: start.row + 1,
            column: char_column(lines.get(start.row).copied().unwrap_or(""), start.column),
            end_line: end.row + 1,
            end_column: char_column(lines.get(end.row).copied().unwrap_or(""), end.column),
            title: d.title.unwrap_or_else(|| meta.title.to_string()),
            issue: d.issue,
            impact: d.impact,
            fix: d.fix,
            refs: meta.refs.to_vec(),
            fingerprint,
            source_line: line_text.to_string(),
            hint: d.hint,
            unless: d.unless,
        });
    }
}

/// 1-based character column from a byte offset into `line`.
fn char_column(line: &str, byte_col: usize) -> usize {
    let end = byte_col.min(line.len());
    let mut end = end;
    while end > 0 && !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].chars().count() + 1
}

/// `faultline: ignore[RES001,RES003] reason` on the flagged line or the line above.
fn apply_suppressions(file: &SourceFile, text: &str, opts: &Options, out: &mut FileOutcome) {
    if !text.contains("faultline:") {
        return;
    }
    let mut marks: BTreeMap<usize, (Vec<String>, bool)> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some(pos) = line.find("faultline:") else {
            continue;
        };
        let rest = line[pos + "faultline:".len()..].trim_start();
        let Some(rest) = rest.strip_prefix("ignore") else {
            continue;
        };
        match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((ids, _)) if !ids.trim().is_empty() => {
                let ids = ids.split(',').map(|s| s.trim().to_ascii_uppercase()).collect();
                marks.insert(i + 1, (ids, false));
            }
            _ => out.errors.push(ScanError {
                path: file.display.clone(),
                message: format!(
                    "line {}: `faultline: ignore` needs a rule list, e.g. `faultline: ignore[RES001] reason`; this suppression was not applied",
                    i + 1
                ),
            }),
        }
    }
    out.findings.retain(|f| {
        for line in [f.line, f.line.saturating_sub(1)] {
            if let Some((ids, used)) = marks.get_mut(&line) {
                if ids.iter().any(|id| id == f.rule) {
                    *used = true;
                    return false;
                }
            }
        }
        true
    });
    if opts.report_unused_suppressions {
        for (line, (ids, used)) in marks {
            if !used {
                out.notes.push(format!(
                    "{}:{line}: unused suppression ignore[{}]",
                    file.display,
                    ids.join(",")
                ));
            }
        }
    }
}

/// Scans one in-memory snippet as if it were the file `path`: the engine the
/// rule cases and unit tests run through.
pub fn scan_snippet(
    path: &str,
    code: &str,
    enabled: &[bool],
    stack: Option<Stack>,
    companion: Option<(&str, &str)>,
) -> Result<Vec<Finding>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    for (p, text) in std::iter::once((path, code)).chain(companion) {
        let full = dir.path().join(p);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&full, text).map_err(|e| e.to_string())?;
    }
    Lang::from_path(Path::new(path)).ok_or_else(|| format!("no language for {path}"))?;
    let opts = Options {
        enabled: enabled.to_vec(),
        include_tests: true,
        stack: match stack {
            Some(Stack::Backend) => StackOverride::Backend,
            Some(Stack::Frontend) => StackOverride::Frontend,
            _ => StackOverride::Auto,
        },
        parse_only: false,
        report_unused_suppressions: false,
        progress: false,
    };
    // The whole pipeline (discovery, manifests, project facts), as for a real project.
    let result = scan(&[dir.path().to_path_buf()], &opts);
    if let Some(e) = result
        .errors
        .iter()
        .find(|e| !e.message.starts_with("syntax error"))
    {
        return Err(format!("{}: {}", e.path, e.message));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let prefix = format!("{}/", discover::display_path(dir.path(), &cwd));
    Ok(result
        .findings
        .into_iter()
        .map(|mut f| {
            f.path = f.path.strip_prefix(&prefix).unwrap_or(&f.path).to_string();
            f.fix = f.fix.replace(&prefix, "");
            f.issue = f.issue.replace(&prefix, "");
            f
        })
        .collect())
}

/// Severity helpers for the CLI's filters.
pub fn at_least(f: &Finding, min: Severity) -> bool {
    f.severity >= min
}

#[cfg(test)]
mod tests {
    use super::is_generated_source;

    #[test]
    fn generated_banners_in_any_case() {
        for banner in [
            "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage api\n",
            "// AUTO GENERATED FILE, DO NOT EDIT.\nimport 'dart:ffi';\n",
            "# This file was automatically generated by the build. Do not edit.\nX = 1\n",
            "/*\n * This file was Automatically Generated from schema.json\n */\nexport {};\n",
            "# -*- coding: utf-8 -*-\n# @generated by tool\n",
            "// Autogenerated by Thrift\n",
            "/* auto-generated */\n",
        ] {
            assert!(is_generated_source(banner), "{banner}");
        }
    }

    #[test]
    fn hand_written_files_are_not_generated() {
        for text in [
            "import os\n\ndef main():\n    pass\n",
            "// Package api serves the HTTP API.\npackage api\n",
            // A banner below the first lines is not a file banner.
            "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n# This file was automatically generated\n",
            "// Generates reports; edit freely.\nexport {};\n",
        ] {
            assert!(!is_generated_source(text), "{text}");
        }
    }
}
