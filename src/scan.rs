//! The command line's scan: discover files on disk, read them (bounded, regular
//! files only), and run them through the [`Engine`].

use crate::cache::{Cache, Source};
use crate::discover;
pub use crate::engine::{
    scan_snippet, ByStack, Engine, FileMeta, FileOutcome, Manifest, Options, ScanResult,
    StackOverride, Stats,
};
use crate::finding::{Finding, ScanError, Severity};
use crate::lang::Lang;
use crate::project::{PackageIndex, ServiceRoots};
use crate::source;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

/// Scans `roots` on disk: discovery, manifests and service layout, then every
/// file through the [`Engine`] in parallel, then the project-wide finish.
pub fn scan(roots: &[PathBuf], opts: &Options) -> ScanResult {
    let start = Instant::now();
    let found = find(roots, opts);
    scan_found(found, opts, start, None)
}

/// Whether a root holds its repository's `.git` (a directory, or a file in a
/// worktree or submodule): every file of the repository is then in sight.
pub fn covers_repository(roots: &[PathBuf]) -> bool {
    roots.iter().any(|r| r.join(".git").exists())
}

/// The discovery step of [`scan`]: the files, manifests and configuration
/// files under `roots`.
pub fn find(roots: &[PathBuf], opts: &Options) -> discover::Discovered {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    discover::discover(roots, opts.include_tests, &opts.exclude, &cwd)
}

/// The rest of [`scan`], on what [`find`] found (which the caller may have
/// narrowed); `start` is when the scan began, for its duration. With a
/// cache directory, files unchanged since the last run reuse its outcomes
/// ([`crate::cache`]).
pub fn scan_found(
    found: discover::Discovered,
    opts: &Options,
    start: Instant,
    cache_dir: Option<&Path>,
) -> ScanResult {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut services = ServiceRoots::default();
    // An unreadable manifest leaves its facts unknown (the defaults are the
    // conservative ones), and is listed under `errors`.
    let mut unread = Vec::new();
    let manifests: Vec<Manifest> = found
        .manifests
        .iter()
        .filter_map(|m| match source::read_source(m) {
            Ok(text) => Some(Manifest {
                path: discover::display_path(m, &cwd),
                service_root: services.root_of(m, &cwd),
                text,
            }),
            Err(reason) => {
                unread.push(ScanError {
                    path: discover::display_path(m, &cwd),
                    message: format!("{reason}; what it declares is unknown"),
                });
                None
            }
        })
        .collect();
    // Workspace packages only UI packages use run in the browser too.
    let mut packages = PackageIndex::with_client_only(
        crate::project::client_only_packages(
            manifests
                .iter()
                .filter(|m| m.path.ends_with("package.json"))
                .map(|m| {
                    (
                        m.path.rsplit_once('/').map_or(".", |(d, _)| d),
                        m.text.as_str(),
                    )
                }),
        )
        .into_iter()
        .map(PathBuf::from),
    );
    let roots: Vec<String> = found
        .files
        .iter()
        .map(|f| services.root_of(&f.path, &cwd))
        .collect();
    // A crate of test infrastructure holds test code, and so does one only
    // its own tests build: by each crate's `Cargo.toml`, read once with the
    // other manifests.
    let cargo: std::collections::HashMap<&str, &str> = manifests
        .iter()
        .filter(|m| m.path.rsplit('/').next() == Some("Cargo.toml"))
        .map(|m| (m.service_root.as_str(), m.text.as_str()))
        .collect();
    let test_crates = crate::project::rust_test_crates(
        found
            .files
            .iter()
            .zip(&roots)
            .filter(|(f, _)| f.lang == Lang::Rust)
            .map(|(f, root)| (f.display.as_str(), root.as_str(), root.as_str())),
        |root| cargo.get(root).map(|t| t.to_string()),
    );
    let metas: Vec<FileMeta> = found
        .files
        .iter()
        .zip(roots)
        .map(|(f, service_root)| FileMeta {
            path: f.display.clone(),
            project_path: f.project_path.clone(),
            lang: f.lang,
            is_test: f.is_test || (f.lang == Lang::Rust && test_crates.contains(&service_root)),
            package: match f.lang {
                Lang::TypeScript | Lang::JavaScript => packages.nearest(&f.path),
                _ => None,
            },
            service_root,
            helm_values: is_helm_values(&f.path),
            vocabulary: f.vocabulary.clone(),
            samples_repo: f.samples_repo,
            origin: if f.is_example {
                crate::model::Origin::Example
            } else if services.is_library(&f.path) {
                crate::model::Origin::Library
            } else {
                crate::model::Origin::Product
            },
        })
        .collect();
    let cache = cache_dir.map(|dir| Cache::open(dir, &cwd, &found.roots, opts, &manifests));
    let engine = Engine::new(opts.clone(), &manifests)
        .whole_repository(covers_repository(&found.roots), &manifests);
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let total = found.files.len();
    let outcomes: Vec<(FileOutcome, Source, u64)> = std::thread::scope(|s| {
        if opts.progress && std::io::stderr().is_terminal() {
            s.spawn(|| show_progress(&done, &finished, total, start));
        }
        let outcomes = found
            .files
            .par_iter()
            .zip(metas.par_iter())
            .map(|(file, meta)| {
                let began = Instant::now();
                let (o, source) = match source::read_source(&file.path) {
                    Ok(text) => match &cache {
                        Some(cache) => {
                            let digest = Cache::digest(meta, &text);
                            match cache.take(&meta.path, &digest) {
                                Some(o) => (o, Source::Cached(digest)),
                                None => {
                                    let o = check_guarded(&engine, meta, &text);
                                    let source = if o.errors.is_empty() {
                                        Source::Checked(digest)
                                    } else {
                                        Source::Uncached
                                    };
                                    (o, source)
                                }
                            }
                        }
                        None => (check_guarded(&engine, meta, &text), Source::Uncached),
                    },
                    Err(message) => (
                        FileOutcome {
                            path: meta.path.clone(),
                            service_root: meta.service_root.clone(),
                            errors: vec![ScanError {
                                path: meta.path.clone(),
                                message,
                            }],
                            ..FileOutcome::default()
                        },
                        Source::Uncached,
                    ),
                };
                done.fetch_add(1, Ordering::Relaxed);
                (o, source, began.elapsed().as_micros() as u64)
            })
            .collect::<Vec<_>>();
        finished.store(true, Ordering::Release);
        outcomes
    });
    let cached = outcomes
        .iter()
        .filter(|(_, s, _)| matches!(s, Source::Cached(_)))
        .count();
    let mut warnings = Vec::new();
    if let Some(cache) = &cache {
        warnings.extend(cache.warnings.iter().cloned());
        warnings.extend(cache.store(&outcomes, cached));
    }
    // Each file as `--show-files` lists it, before the outcomes are consumed.
    let files: Vec<crate::engine::FileReport> = outcomes
        .iter()
        .zip(&metas)
        .map(|((o, _, micros), meta)| crate::engine::FileReport {
            path: meta.path.clone(),
            lang: meta.lang.name(),
            stack: o.stack.map(|s| s.as_str()),
            origin: if meta.is_test {
                "test"
            } else {
                match meta.origin {
                    crate::model::Origin::Product => "product",
                    crate::model::Origin::Example => "example",
                    crate::model::Origin::Library => "library",
                }
            },
            service_root: meta.service_root.clone(),
            lines: o.lines,
            skipped: o.skipped.clone().or_else(|| {
                (!o.errors.is_empty() && o.stack.is_none())
                    .then(|| "not read: see errors".to_string())
            }),
            micros: *micros,
        })
        .collect();
    let outcomes: Vec<FileOutcome> = outcomes.into_iter().map(|(o, _, _)| o).collect();
    // The Go test files left out: their imports only, from their headers. One
    // that cannot be read leaves the packages it imports looking like product
    // code, which keeps their findings.
    let mut outcomes = outcomes;
    outcomes.par_extend(
        found
            .go_test_files
            .par_iter()
            .filter_map(|(path, display)| {
                let text = source::read_head(path, GO_HEADER_BYTES).ok()?;
                Some(crate::engine::go_test_file(display, &text))
            }),
    );
    let mut result = engine.finish(outcomes);
    result.files = files;
    stamp_fingerprints(&mut result.findings, &cwd);
    result.errors.extend(unread);
    result.errors.extend(
        found
            .errors
            .into_iter()
            .map(|(path, message)| ScanError { path, message }),
    );
    result.errors.sort();
    result.missing_roots = found.missing_roots;
    result.warnings = warnings;
    result.stats.cached = cached;
    result.stats.duration_ms = start.elapsed().as_millis() as u64;
    result
}

/// How much of a Go test file is read for its imports.
const GO_HEADER_BYTES: u64 = 16 * 1024;

/// Checks one file; a defect of faultline's own that panics on it becomes
/// that file's `errors` entry, and the rest of the scan goes on.
fn check_guarded(engine: &Engine, meta: &FileMeta, text: &str) -> FileOutcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.check_source(meta, text)))
        .unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            FileOutcome {
                path: meta.path.clone(),
                service_root: meta.service_root.clone(),
                errors: vec![ScanError {
                    path: meta.path.clone(),
                    message: format!(
                        "internal error while checking this file ({why}); it was skipped, please report it"
                    ),
                }],
                ..FileOutcome::default()
            }
        })
}

/// A Helm chart's values file: `values*.yaml` next to a `Chart.yaml`.
fn is_helm_values(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with("values")
        && path
            .parent()
            .is_some_and(|d| d.join("Chart.yaml").is_file())
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

/// YAML files that are deployment config, by name or content.
pub(crate) fn is_config_yaml(path: &str, helm_values: bool, text: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.contains("compose") || helm_values {
        return true;
    }
    let has = |key: &str| text.lines().any(|l| l.starts_with(key));
    has("apiVersion:") && has("kind:")
}

/// Generated files announce themselves in their first lines: Go's `// Code
/// generated … DO NOT EDIT.`, `@generated`, "This file was automatically
/// generated", "Generated file. Do not edit." banners, in any letter case. A
/// lone "do not edit" counts in capitals (the generators' convention) or next to
/// a word about generating; a hand-kept file saying "Do not edit this file,
/// edit its twin" is still read.
pub(crate) fn is_generated_source(text: &str) -> bool {
    const MARKERS: &[&str] = &[
        "@generated",
        "auto-generated",
        "autogenerated",
        "automatically generated",
        "code generated by",
        "generated file",
        "generated by",
    ];
    let head = banner_lines(text);
    let contains =
        |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
    let lower: Vec<Vec<u8>> = head
        .iter()
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect();
    // Scaffolding generated once to be edited by hand (Django migrations open
    // with "Generated by Django …" and grow RunPython code) is read like any code.
    let scaffolding = lower.iter().any(|l| contains(l, "generated by django"));
    if !scaffolding && lower.iter().any(|l| MARKERS.iter().any(|m| contains(l, m))) {
        return true;
    }
    let generating = lower.iter().any(|l| contains(l, "generate"));
    head.iter().any(|l| l.contains("DO NOT EDIT"))
        || (generating && lower.iter().any(|l| contains(l, "do not edit")))
}

/// The lines a file's banner can be in: the first five, and the rest of a
/// leading comment or docstring block (an OpenAPI client's license and
/// "Generated by OpenAPI Generator" docstring), up to its fifteenth line.
fn banner_lines(text: &str) -> Vec<&str> {
    const FIRST: usize = 5;
    const BLOCK: usize = 15;
    let mut head = Vec::new();
    let mut in_block: Option<&str> = None;
    // Only a block the file opens with: once code starts, the banner is over.
    let mut leading = true;
    for (i, line) in text.lines().take(BLOCK).enumerate() {
        let t = line.trim();
        let comment = match in_block {
            Some(end) => {
                if t.contains(end) {
                    in_block = None;
                }
                true
            }
            None => {
                for (open, close) in [("\"\"\"", "\"\"\""), ("'''", "'''"), ("/*", "*/")] {
                    if let Some(rest) = t.strip_prefix(open) {
                        if !rest.contains(close) {
                            in_block = Some(close);
                        }
                    }
                }
                t.is_empty()
                    || ["#", "//", "/*", "*", "--", "\"\"\"", "'''"]
                        .iter()
                        .any(|p| t.starts_with(p))
            }
        };
        leading &= comment;
        if i >= FIRST && !leading {
            break;
        }
        head.push(line);
    }
    head
}

/// The first line (1-based) of a YAML text whose block structure is indented
/// more than `max` columns: its leading blanks plus the `- `, `? ` and `: `
/// indicators that open nested levels on the same line (`- - - x`). Blank and
/// comment lines open no level. Linear in the text.
pub(crate) fn yaml_indentation_beyond(text: &str, max: usize) -> Option<usize> {
    for (i, line) in text.lines().enumerate() {
        let bytes = line.as_bytes();
        let mut col = 0;
        while col < bytes.len() {
            match bytes[col] {
                b' ' | b'\t' => col += 1,
                b'-' | b'?' | b':' if matches!(bytes.get(col + 1), None | Some(b' ' | b'\t')) => {
                    col += 1
                }
                _ => break,
            }
        }
        if col > max && !matches!(bytes.get(col), None | Some(b'#')) {
            return Some(i + 1);
        }
    }
    None
}

/// Bundled or minified JavaScript: large, with very long lines on average, or
/// a small script squeezed onto a line or two of a thousand characters and more
/// (a tracking snippet served as a static asset). Hand-written code averages
/// well under 100 characters a line.
pub(crate) fn is_minified(text: &str) -> bool {
    const MIN_BYTES: usize = 20 * 1024;
    const MIN_AVERAGE_LINE: usize = 300;
    const ONE_LINER: usize = 1000;
    let lines = text.lines().count().max(1);
    (text.len() >= MIN_BYTES && text.len() / lines >= MIN_AVERAGE_LINE)
        || (lines <= 2 && text.len() >= ONE_LINER)
}

/// Severity helpers for the CLI's filters.
pub fn at_least(f: &Finding, min: Severity) -> bool {
    f.severity >= min
}

/// Completes each finding's fingerprint with its file's path relative to the
/// top of its repository (the nearest directory holding `.git`; without one,
/// the path as shown): the same finding gets the same fingerprint whichever
/// directory faultline runs from and whichever PATH it is given.
fn stamp_fingerprints(findings: &mut [Finding], cwd: &Path) {
    use sha2::{Digest, Sha256};
    let mut tops: std::collections::HashMap<PathBuf, Option<PathBuf>> = Default::default();
    for f in findings {
        let abs = crate::config::clean(&cwd.join(&f.path));
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let top = tops
            .entry(dir.clone())
            .or_insert_with(|| crate::discover::repository_top(&dir).map(Path::to_path_buf))
            .clone();
        let key = top
            .and_then(|t| {
                abs.strip_prefix(t)
                    .ok()
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
            })
            .unwrap_or_else(|| f.path.clone());
        let digest = Sha256::digest(format!("{key}\0{}", f.fingerprint).as_bytes());
        f.fingerprint = crate::finding::hex(&digest[..8]);
    }
}

#[cfg(test)]
mod tests {
    use super::{is_generated_source, is_minified};

    #[test]
    fn minified_bundles_and_one_line_snippets() {
        let snippet = format!(
            "!function(){{{}}}();\n",
            "var a=1;fetch('/t',{method:'POST'});".repeat(40)
        );
        assert!(is_minified(&snippet));
        let bundle = vec!["x".repeat(400); 60].join("\n");
        assert!(is_minified(&bundle));
        let hand = "export async function ping() {\n  return fetch('/api/ping');\n}\n".repeat(50);
        assert!(!is_minified(&hand));
        assert!(!is_minified("export const x = 1;\n"));
    }

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
            "// Generated file. Do not edit.\n",
            "# Regenerate with the schema tool; do not edit.\n",
            "/* AUTOMATICALLY GENERATED CODE DO NOT MODIFY */\n",
            "# coding: utf-8\n\n\"\"\"\n    Kanidm\n\n    API for the system.\n\n    The version of the OpenAPI document: 1.9.0\n    Generated by OpenAPI Generator (https://openapi-generator.tech)\n\n    Do not edit the class manually.\n\"\"\"\n\nimport io\n",
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
            // Hand-kept twins say "do not edit" too.
            "// Do not edit this file. Check its twin in the other repository.\nexport {};\n",
            "# Generated by Django 5.2 on 2025-09-09 16:48\n\nfrom django.db import migrations\n",
            "import os\n\n\n\n\n# Generated by the build, do not edit the output\n",
        ] {
            assert!(!is_generated_source(text), "{text}");
        }
    }
}
