//! Finding the files to scan: `.gitignore`-aware walking, the catalog's default
//! skips (vendored, generated and test code), and project manifests.

use crate::lang::Lang;
use std::path::{Component, Path, PathBuf};

/// A file chosen for scanning.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as reports show it: relative to the working directory when under
    /// it, else absolute; `/` separators.
    pub display: String,
    /// The path from the top of its repository (the nearest directory holding
    /// `.git`), else from the scanned root; `/` separators. What the path
    /// tells of a file's role (a `scripts/` directory) is read from it, the
    /// same whichever directory faultline runs from.
    pub project_path: String,
    pub lang: Lang,
    pub is_test: bool,
    /// In an example, sample, demo, docs or benchmark directory of the root.
    pub is_example: bool,
    /// In a repository of samples (`samples-go`): example code throughout,
    /// and what its owners publish.
    pub samples_repo: bool,
    /// The vocabulary of the configuration governing it (set by the caller).
    pub vocabulary: Option<std::sync::Arc<crate::vocabulary::Vocabulary>>,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<SourceFile>,
    /// Dependency manifests (`requirements*.txt`, `pyproject.toml`, lock files,
    /// `package.json`) anywhere under the roots; project facts are read from them.
    pub manifests: Vec<PathBuf>,
    /// PATH operands that do not exist or cannot be walked.
    pub errors: Vec<(String, String)>,
    pub missing_roots: usize,
    /// Go test files left out of the scan (`*_test.go`): what they import
    /// tells which packages only tests use.
    pub go_test_files: Vec<(PathBuf, String)>,
    /// `faultline.toml` files under the roots (`pyproject.toml` files are
    /// among the manifests).
    pub configs: Vec<PathBuf>,
    /// The PATH operands, as given.
    pub roots: Vec<PathBuf>,
}

/// Directories never descended into: dependencies and build output.
const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "vendor",
    // A package's vendored copies of other projects (`openai/_vendor/`).
    "_vendor",
    "vendored",
    "third_party",
    "third-party",
    "dist",
    "build",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    // Peer linters' rule fixtures: deliberately bad code.
    ".semgrep",
];

const MANIFEST_NAMES: &[&str] = &[
    "pyproject.toml",
    "poetry.lock",
    "uv.lock",
    "Pipfile",
    "Pipfile.lock",
    "package.json",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "application.properties",
    "application.yml",
    "application.yaml",
    "go.mod",
    "Cargo.toml",
];

pub fn is_manifest(name: &str) -> bool {
    MANIFEST_NAMES.contains(&name)
        || (name.starts_with("requirements") && name.ends_with(".txt"))
        || is_env_example(name)
}

/// A requirements file kept in a directory of them (`requirements/pip.txt`,
/// `requirements/prod.txt`): a Python project's pins, like `requirements*.txt`.
pub fn is_requirements_dir_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "txt")
        && path
            .parent()
            .and_then(|d| d.file_name())
            .is_some_and(|d| d.to_string_lossy().starts_with("requirements"))
}

/// Files that start a service's processes: a Procfile, supervisord and
/// systemd units, entrypoint and other shell scripts. They are read with the
/// manifests (for the command lines they run), never checked as source.
pub fn is_process_file(name: &str) -> bool {
    name == "Procfile"
        || name.starts_with("Procfile.")
        || name.ends_with(".conf")
        || name.ends_with(".service")
        || name.ends_with(".sh")
}

/// Files read as text with the manifests, before the scan: manifests,
/// process files and script configurations (their import aliases).
pub fn is_read_with_manifests(name: &str) -> bool {
    is_manifest(name)
        || is_process_file(name)
        || crate::aliases::is_script_config(name)
        // Its entry points name the modules they run.
        || name == "setup.cfg"
}

/// `.env.example`, `.env.sample`, `.env.template`: the variables a service expects.
pub fn is_env_example(name: &str) -> bool {
    matches!(name, ".env.example" | ".env.sample" | ".env.template")
}

/// The Python distributions a project's top-level `requirements*.txt` files
/// declare, as import names are spelled (`cherrypy-cors` → `cherrypy_cors`).
fn declared_dependencies(root: &Path) -> std::collections::HashSet<String> {
    let mut names = std::collections::HashSet::new();
    let Ok(entries) = std::fs::read_dir(root) else {
        return names;
    };
    for entry in entries.flatten().take(1_000) {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if !(file.starts_with("requirements") && file.ends_with(".txt")) {
            continue;
        }
        let Ok(text) = crate::source::read_source(&entry.path()) else {
            continue;
        };
        for line in text.lines().take(2_000) {
            let line = line.trim();
            if line.is_empty() || line.starts_with(['#', '-']) {
                continue;
            }
            let end = line
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
                .unwrap_or(line.len());
            let name = line[..end].to_ascii_lowercase().replace(['-', '.'], "_");
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

/// Whether a directory is a copy of installed dependencies (a `lib/` the
/// application puts on its `sys.path`): at least three of its packages are
/// named for distributions the project declares, and none is a project of
/// its own (with a `pyproject.toml` or `setup.py`, as workspace members have).
fn holds_dependencies(dir: &Path, declared: &std::collections::HashSet<String>) -> bool {
    const ENOUGH: usize = 3;
    if declared.len() < ENOUGH {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut found = 0;
    for entry in entries.flatten().take(2_000) {
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        if !declared.contains(&name) {
            continue;
        }
        let path = entry.path();
        if path.join("pyproject.toml").exists() || path.join("setup.py").exists() {
            return false;
        }
        if path.join("__init__.py").is_file() {
            found += 1;
        }
    }
    found >= ENOUGH
}

/// Generated files by name: protobuf output, minified bundles, `*.generated.*`.
pub fn is_generated_name(name: &str) -> bool {
    name.ends_with("_pb2.py")
        || name.ends_with("_pb2_grpc.py")
        || name.ends_with("_pb2.pyi")
        || name.ends_with(".pb.go")
        || name.ends_with(".min.js")
        || name.contains(".generated.")
        || is_hashed_bundle(name)
}

/// Files left out by name: generated code and backup copies.
pub fn is_left_out_name(name: &str) -> bool {
    is_generated_name(name) || is_backup_name(name)
}

/// A copy kept beside the module it backs up, by name: `index.backup.ts`,
/// `client.bak.py`, `settings.orig.py`, `api.old.js` (the word as a dotted
/// part after the first). Nothing imports it by that name (a Python module
/// with a dot in its name cannot be imported at all), and no build names it
/// as an entry: it is not the code that runs.
pub fn is_backup_name(name: &str) -> bool {
    let mut parts = name.split('.');
    parts.next();
    let mut inner: Vec<&str> = parts.collect();
    // The extension is no part of the stem.
    inner.pop();
    inner.iter().any(|p| {
        ["backup", "bak", "orig", "old"]
            .iter()
            .any(|w| p.eq_ignore_ascii_case(w))
    })
}

/// A bundler's output chunk, named with a content hash: `4466.d03aa26920dcac55.js`,
/// `main.3f2a1b9c.js`, `vendor-0a1b2c3d4e.mjs` (eight or more hex digits, with
/// at least one digit and one letter, as a dot- or dash-separated part).
fn is_hashed_bundle(name: &str) -> bool {
    let Some(stem) = [".js", ".mjs", ".cjs"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
    else {
        return false;
    };
    stem.split(['.', '-']).skip(1).any(|part| {
        part.len() >= 8
            && part.chars().all(|c| c.is_ascii_hexdigit())
            && part.chars().any(|c| c.is_ascii_digit())
            && part.chars().any(|c| c.is_ascii_alphabetic())
    })
}

/// Test code by the catalog's path conventions.
pub fn is_test_path(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // Locust's load tests (`locustfile.py`) drive the service from outside.
    if name == "conftest.py"
        || name == "locustfile.py"
        || (name.starts_with("test_") && name.ends_with(".py"))
        || name.ends_with("_test.py")
        || name.ends_with("_test.go")
        || name.contains(".test.")
        || name.contains(".spec.")
        || name.contains(".e2e.")
        || name.contains(".e2e-")
        || is_test_setup_name(name)
        || is_test_helper_name(name)
        || is_mock_name(name)
    {
        return true;
    }
    let dirs: Vec<&str> = path
        .parent()
        .map(|p| {
            p.components()
                .filter_map(|c| match c {
                    Component::Normal(s) => s.to_str(),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    // Jasmine's and Mocha's `spec/` (`spec/support/helpers.js`); elsewhere a
    // `spec` package may hold a service's own types.
    let script = [".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx"]
        .iter()
        .any(|e| name.ends_with(e));
    if script && dirs.iter().any(|d| d.eq_ignore_ascii_case("spec")) {
        return true;
    }
    // Maven/Gradle `src/test/`, and Gradle's shared test fixtures `src/testFixtures/`.
    dirs.iter().any(|d| is_test_dir(d))
        || dirs
            .windows(2)
            .any(|w| w[0] == "src" && matches!(w[1], "test" | "testFixtures"))
}

/// A file of helpers for tests kept beside the code (`testutil.go`,
/// `testutils.py`, `test_helpers.ts`, `testhelper.go`).
fn is_test_helper_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        stem.replace(['_', '-'], "").as_str(),
        "testutil" | "testutils" | "testhelper" | "testhelpers"
    )
}

/// A test double kept beside the code: `mock.go`, `local_mock.go`,
/// `mock_client.py`, `mocks.ts`.
fn is_mock_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    stem.split(['_', '-'])
        .any(|w| w.eq_ignore_ascii_case("mock") || w.eq_ignore_ascii_case("mocks"))
}

/// A test runner's setup or driver file: `vitest.setup.ts`, `jest.setup.js`,
/// `setupTests.ts`, `run_tests.py`.
fn is_test_setup_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let lower = name.to_ascii_lowercase();
    // Jest's, Vitest's, Playwright's, Cypress's, Karma's and WebdriverIO's
    // own files (`jest.e2e-global-setup.ts`, `playwright.config.ts`,
    // `cypress.config.js`, whose tasks run inside the test runner) drive tests.
    [
        "vitest.",
        "jest.",
        "playwright.",
        "cypress.",
        "karma.",
        "wdio.",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || lower.starts_with("setuptests.")
        || stem
            .split(['-', '_'])
            .any(|w| w.eq_ignore_ascii_case("tests"))
}

/// A directory of test code: `tests`, `Tests`, `__tests__`, `__mocks__`,
/// `testing`, `testutils`, `e2e`, `smoke`, `testapps`, `testserver`, and names built of them (`api_tests`,
/// `integration-tests`, `cloud_storage_integration_test_support`).
fn is_test_dir(dir: &str) -> bool {
    let d = dir.to_ascii_lowercase();
    if matches!(
        d.as_str(),
        "t" | "__tests__"
            | "__mocks__"
            | "acceptance"
            | "testenv"
            | "testhelpers"
            | "e2e"
            | "smoke"
            | "playwright"
            | "cypress"
            | "testing"
            | "testdata"
            | "testutil"
            | "testutils"
            // Applications and servers a test suite deploys or starts to test against.
            | "testapp"
            | "testapps"
            | "testserver"
            | "testservers"
            | "testbed"
            | "testharness"
    ) {
        return true;
    }
    // A kind of test run into one word: `systemtests/`, `integrationtests/`,
    // `functionaltest/`, `smoketests/`, `e2etests/`.
    if let Some(kind) = d.strip_suffix("tests").or_else(|| d.strip_suffix("test")) {
        if matches!(
            kind,
            "system"
                | "integration"
                | "functional"
                | "smoke"
                | "load"
                | "stress"
                | "perf"
                | "api"
                | "unit"
                | "e2e"
                | "acceptance"
                | "regression"
                | "end2end"
        ) {
            return true;
        }
    }
    // A mock joined into one word: `mockserver/`, `mocksdk/`,
    // `destinationmockserver/` (not `mockingbird/`).
    if (d.starts_with("mock") && !d.starts_with("mocking")) || d.contains("mockserver") {
        return true;
    }
    // Stand-ins for real systems that tests run against: `mocks/`, `s3-mock/`,
    // `crates-io-msw/` (Mock Service Worker handlers), `fakes/`, `stubs/`,
    // `docker/dummy/`; and what tests set up: `fixtures/`.
    d.split(['-', '_', '.']).any(|w| {
        matches!(
            w,
            "test"
                | "tests"
                | "testutil"
                | "testutils"
                | "mock"
                | "mocks"
                | "msw"
                | "fake"
                | "fakes"
                | "stub"
                | "stubs"
                | "dummy"
                | "fixture"
                | "fixtures"
        )
    })
}

/// The top of the repository holding the absolute directory `dir`: the
/// nearest directory holding `.git`, `dir` itself included.
pub fn repository_top(dir: &Path) -> Option<&Path> {
    dir.ancestors().take(64).find(|d| d.join(".git").exists())
}

/// `path` (`dir` or under it) from the top of `dir`'s repository; without
/// one, from `dir`. `/` separators.
fn project_path(dir: &Path, path: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).map(|p| crate::config::clean(&p));
    let (Ok(dir), Ok(path)) = (abs(dir), abs(path)) else {
        return String::new();
    };
    let top = repository_top(&dir).unwrap_or(&dir);
    path.strip_prefix(top).map(slashed).unwrap_or_default()
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Renders `path` for reports, relative to `cwd` when it is under it.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let clean = crate::config::clean(path);
    let shown = clean.strip_prefix(cwd).unwrap_or(&clean);
    let s = shown.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        ".".to_string()
    } else {
        s
    }
}

/// Walks `roots` and returns the files to scan, sorted by display path.
pub fn discover(
    roots: &[PathBuf],
    include_tests: bool,
    exclude: &[String],
    cwd: &Path,
) -> Discovered {
    let mut out = Discovered {
        roots: roots.to_vec(),
        ..Discovered::default()
    };
    for root in roots {
        let meta = match std::fs::symlink_metadata(root) {
            Ok(m) => m,
            Err(e) => {
                let message = if e.kind() == std::io::ErrorKind::NotFound {
                    format!("path not found: {e}")
                } else {
                    format!("cannot read path: {e}")
                };
                out.errors.push((display_path(root, cwd), message));
                out.missing_roots += 1;
                continue;
            }
        };
        let is_dir = meta.is_dir() || (meta.file_type().is_symlink() && root.is_dir());
        // A FIFO, a socket or a device named on the command line is not source.
        if !is_dir && !std::fs::metadata(root).is_ok_and(|m| m.is_file()) {
            out.errors.push((
                display_path(root, cwd),
                "not a directory or a regular file: nothing to scan".to_string(),
            ));
            out.missing_roots += 1;
            continue;
        }
        if !is_dir {
            // An explicitly named file is scanned even where a default skip would
            // leave it out: the user asked for it.
            if let Some(lang) = Lang::from_path(root) {
                out.files.push(SourceFile {
                    path: root.clone(),
                    display: display_path(root, cwd),
                    project_path: project_path(
                        root.parent()
                            .filter(|d| !d.as_os_str().is_empty())
                            .unwrap_or(Path::new(".")),
                        root,
                    ),
                    lang,
                    is_test: is_test_path(root),
                    is_example: false,
                    samples_repo: false,
                    vocabulary: None,
                });
            } else if root
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_manifest)
            {
                out.manifests.push(root.clone());
            }
            continue;
        }
        match exclusion(root, exclude) {
            Ok(excluded) => walk_dir(root, include_tests, excluded, cwd, &mut out),
            // The command line checks the patterns first; a library caller's
            // bad pattern is this root's error.
            Err(e) => {
                out.errors
                    .push((display_path(root, cwd), format!("bad exclude pattern: {e}")));
                out.missing_roots += 1;
            }
        }
    }
    out.files.sort_by(|a, b| a.display.cmp(&b.display));
    out.files.dedup_by(|a, b| a.display == b.display);
    out.manifests.sort();
    out.manifests.dedup();
    out
}

/// The largest ignore file read; a larger one is listed under `errors`.
const MAX_IGNORE_FILE_BYTES: u64 = 1024 * 1024;

/// The ignore files of the tree, read by faultline itself so that each is a
/// regular file of bounded size (a FIFO named `.gitignore` would block the
/// walk, one linked to `/dev/zero` would fill memory): `.gitignore` and
/// `.ignore` in each directory (`.ignore` wins), the repository's
/// `.git/info/exclude`, and those of the directories above the scanned root up
/// to the repository's top. The user's global excludes are not read: the same
/// tree scans the same on every machine.
struct IgnoreFiles {
    /// Per directory (absolute), its rules, if it has any.
    by_dir: std::sync::Mutex<
        std::collections::HashMap<PathBuf, Option<std::sync::Arc<ignore::gitignore::Gitignore>>>,
    >,
    /// Ignore files that could not be read: (path, reason).
    errors: std::sync::Mutex<Vec<(PathBuf, String)>>,
    /// The repository's top (a directory holding `.git`), else the scanned root.
    top: PathBuf,
}

impl IgnoreFiles {
    fn new(root: &Path) -> IgnoreFiles {
        let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let top = repository_top(&abs).unwrap_or(&abs).to_path_buf();
        IgnoreFiles {
            by_dir: Default::default(),
            errors: Default::default(),
            top,
        }
    }

    fn rules(&self, dir: &Path) -> Option<std::sync::Arc<ignore::gitignore::Gitignore>> {
        if let Some(r) = self.by_dir.lock().ok()?.get(dir) {
            return r.clone();
        }
        let mut builder = ignore::gitignore::GitignoreBuilder::new(dir);
        let mut any = false;
        let mut files = vec![dir.join(".gitignore"), dir.join(".ignore")];
        if dir == self.top {
            files.insert(0, dir.join(".git/info/exclude"));
        }
        for file in files {
            if std::fs::symlink_metadata(&file).is_err() {
                continue;
            }
            match crate::source::read_text(&file, MAX_IGNORE_FILE_BYTES) {
                Ok(text) => {
                    for line in text.lines() {
                        // A malformed pattern is skipped, as git skips it.
                        let _ = builder.add_line(Some(file.clone()), line);
                        any = true;
                    }
                }
                // A dangling link is as good as absent; anything else is listed.
                Err(reason) if std::fs::metadata(&file).is_ok() => {
                    if let Ok(mut e) = self.errors.lock() {
                        e.push((file.clone(), reason));
                    }
                }
                Err(_) => {}
            }
        }
        let rules = if any {
            builder.build().ok().map(std::sync::Arc::new)
        } else {
            None
        };
        if let Ok(mut m) = self.by_dir.lock() {
            m.insert(dir.to_path_buf(), rules.clone());
        }
        rules
    }

    /// Whether `path` is ignored: the deepest ignore file with a pattern that
    /// matches it decides (a `!pattern` re-includes).
    fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        for dir in abs.ancestors().skip(1) {
            if let Some(rules) = self.rules(dir) {
                match rules.matched(&abs, is_dir) {
                    ignore::Match::Ignore(_) => return true,
                    ignore::Match::Whitelist(_) => return false,
                    ignore::Match::None => {}
                }
            }
            if dir == self.top || !dir.starts_with(&self.top) {
                break;
            }
        }
        false
    }
}

/// The `--exclude` patterns as a gitignore matcher rooted at `root`: a
/// pattern with a slash before its end is anchored there (`legacy/**`), one
/// without matches at any depth (`*.gen.ts`), a trailing slash matches only
/// directories (`scripts/`).
pub fn exclusion(root: &Path, patterns: &[String]) -> Result<ignore::gitignore::Gitignore, String> {
    let mut builder = ignore::gitignore::GitignoreBuilder::new(root);
    for p in patterns {
        if p.trim().is_empty() {
            return Err("an empty pattern excludes nothing".to_string());
        }
        builder.add_line(None, p).map_err(|e| e.to_string())?;
    }
    builder.build().map_err(|e| e.to_string())
}

fn walk_dir(
    root: &Path,
    include_tests: bool,
    excluded: ignore::gitignore::Gitignore,
    cwd: &Path,
    out: &mut Discovered,
) {
    // A repository of samples (`samples-go`, `dubbo-samples`) is a collection
    // of snippets, example code throughout, whatever its directories are called.
    // A demo or an example app (`microservices-demo`, `realworld-example-app`)
    // is one complete application, deployed as a reference: product code.
    let samples_repo = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .is_some_and(|name| crate::model::roles::is_samples_name(&name));
    let declared = declared_dependencies(root);
    // Where the root sits in its repository: prefixed to each file's path
    // from the root.
    let above = match project_path(root, root) {
        p if p.is_empty() => String::new(),
        p => format!("{p}/"),
    };
    let ignores = std::sync::Arc::new(IgnoreFiles::new(root));
    let rules = ignores.clone();
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        // Ignore files are read by `IgnoreFiles`, bounded and regular only.
        .standard_filters(false)
        .filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            let name = e.file_name().to_str().unwrap_or("");
            // Hidden entries are skipped, except the env examples a service
            // documents its variables in.
            if e.depth() > 0 && name.starts_with('.') {
                return !is_dir && is_env_example(name);
            }
            if e.depth() > 0 && rules.ignored(e.path(), is_dir) {
                return false;
            }
            if e.depth() > 0 && excluded.matched(e.path(), is_dir).is_ignore() {
                return false;
            }
            !(is_dir
                && e.depth() > 0
                && (SKIPPED_DIRS.contains(&name) || holds_dependencies(e.path(), &declared)))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => display_path(path, cwd),
                    _ => display_path(root, cwd),
                };
                out.errors.push((path, format!("cannot walk: {err}")));
                continue;
            }
        };
        let Some(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_dir() {
            continue;
        }
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        let name = name.as_ref();
        // Sockets, FIFOs and devices would block or fail on read: one that
        // faultline would read is listed, not opened. Symlinks are read through
        // (regular files only), so a dangling or looping one, or one to a
        // device, becomes an `errors` entry too.
        let special = !ft.is_file() && !ft.is_symlink();
        if name == crate::config::FILE_NAME {
            if special {
                out.errors.push((display_path(path, cwd), not_regular(ft)));
            } else {
                out.configs.push(path.to_path_buf());
            }
            continue;
        }
        if is_read_with_manifests(name) || is_requirements_dir_file(path) {
            if special {
                out.errors.push((display_path(path, cwd), not_regular(ft)));
            } else {
                out.manifests.push(path.to_path_buf());
            }
            continue;
        }
        let Some(lang) = Lang::from_path(path) else {
            continue;
        };
        if special {
            out.errors.push((display_path(path, cwd), not_regular(ft)));
            continue;
        }
        if is_left_out_name(name) {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path);
        let is_test = is_test_path(rel);
        if is_test && !include_tests {
            if lang == Lang::Go {
                out.go_test_files
                    .push((path.to_path_buf(), display_path(path, cwd)));
            }
            continue;
        }
        out.files.push(SourceFile {
            path: path.to_path_buf(),
            display: display_path(path, cwd),
            project_path: format!("{above}{}", slashed(rel)),
            lang,
            is_test,
            is_example: samples_repo
                || crate::model::roles::is_example_path(&rel.to_string_lossy()),
            samples_repo,
            vocabulary: None,
        });
    }
    let unread: Vec<(PathBuf, String)> =
        ignores.errors.lock().map(|e| e.clone()).unwrap_or_default();
    for (path, reason) in unread {
        out.errors.push((
            display_path(&path, cwd),
            format!("ignore file not read ({reason}); its patterns were not applied"),
        ));
    }
}

/// Why a special file is not read: what it is.
fn not_regular(ft: std::fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = if ft.is_fifo() {
            "a FIFO"
        } else if ft.is_socket() {
            "a socket"
        } else if ft.is_block_device() || ft.is_char_device() {
            "a device"
        } else {
            "not a regular file"
        };
        format!("not read: {kind}, not a regular file")
    }
    #[cfg(not(unix))]
    {
        let _ = ft;
        "not read: not a regular file".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths_follow_the_catalog() {
        for p in [
            "tests/a.py",
            "pkg/test/x.go",
            "web/__tests__/a.tsx",
            "src/test/java/A.java",
            "scheduler/core/src/testFixtures/java/dao/AbstractDaoTest.java",
            "test_x.py",
            "x_test.py",
            "x_test.go",
            "a.test.ts",
            "a.spec.js",
            "conftest.py",
            "Tests/AlamofireTests/Upload.swift",
            "api_tests/src/shared.ts",
            "integration-tests/helpers/app.js",
            "integrations/cloud_storage_integration_test_support/lib/run.dart",
            "internal/testutil/fake.go",
            "packages/crates-io-msw/handlers/crates/remove-owners.ts",
            "packages/crates-io-msw/vitest.setup.ts",
            "external-storage/s3-mock/main.go",
            "src/__mocks__/api.ts",
            "_mini-relay/run_tests.py",
            "web/setupTests.ts",
            "frontend/app/src/durable_eviction.e2e.ts",
            "sdks/typescript/jest.e2e-global-setup.ts",
            "apps/web/playwright/api/conversions/helpers.ts",
            "packages/app/cypress/support/commands.js",
            "crates/core/fixtures/deployment/proxy.py",
            "docker/dummy/oidc/app/server.go",
            "acceptance/support/http.ts",
            "gateway/testutil.go",
            "internal/testenv/upstreams/http.go",
            "src/integrationTest/java/com/acme/KafkaUtils.java",
            "app/test_helpers.py",
            "systemtests/lib/client.py",
            "src/functionalTests/kotlin/Api.kt",
            "smoketests/run.go",
            "smoke/languages/typescript/smoke.js",
            "integration/testapps/multi-health/cmd/web/web.go",
            "internal/testserver/main.go",
            "internal/destinationmockserver/server.go",
            "src/loadgenerator/locustfile.py",
            "internal/destinationmockserver/mocksdk/mocksdk.go",
            "internal/pkg/billing/mock.go",
            "router/marketo/local_mock.go",
            "app/mock_client.py",
            "spec/support/etapi.js",
            "packages/server/spec/helpers/app.ts",
            "cypress.config.js",
            "web/karma.conf.js",
            "e2e-runner/wdio.conf.ts",
        ] {
            assert!(is_test_path(Path::new(p)), "{p}");
        }
        for p in [
            "app/main.py",
            "src/main/java/A.java",
            "contest.py",
            "latest/a.py",
            "attestation/verify.go",
            "src/testimonials/api.ts",
            "src/mockingbird/api.ts",
            "app/stubborn.py",
            "requests_tester.py",
            "src/jester/handler.ts",
            "src/e2ee/keys.ts",
            "app/fixtureless/api.py",
            "src/dummyproof/api.ts",
            "src/orders/acceptance_policy.ts",
            "internal/testing_mode/flags.go",
            "app/contest_utils.py",
            "src/latest/api.py",
            "pkg/contest/api.go",
            "app/protests/views.py",
            "src/smokehouse/orders.ts",
            "src/testaments/api.ts",
            "internal/spec/types.go",
            "app/spec/schema.py",
            "src/mockingbird/client.ts",
            "app/hammock.py",
            "src/cypress_trees.ts",
            "src/karmaPoints.ts",
        ] {
            assert!(!is_test_path(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn hashed_bundles_are_generated() {
        for n in [
            "4466.d03aa26920dcac55.js",
            "main.3f2a1b9c.js",
            "vendor-0a1b2c3d4e.mjs",
        ] {
            assert!(is_generated_name(n), "{n}");
        }
        for n in [
            "deadbeef.js",
            "app.12345678.js",
            "handlers.facade.js",
            "server.ts",
            "migrate-20240101.js",
            "user-profile.js",
        ] {
            assert!(!is_generated_name(n), "{n}");
        }
    }

    #[test]
    fn backup_copies_are_not_source() {
        for n in [
            "index.backup.ts",
            "firecrawl.backup.py",
            "client.bak.py",
            "settings.orig.py",
            "api.OLD.js",
            "server.v2.backup.go",
        ] {
            assert!(is_backup_name(n), "{n}");
        }
        for n in [
            "backup.py",
            "old.ts",
            "backup_service.go",
            "db.backup-job.ts",
            "index.ts",
            "restore.from.backups.py",
            "notes.bak",
        ] {
            assert!(!is_backup_name(n), "{n}");
        }
    }

    #[test]
    fn ignore_files_are_honoured_deepest_first() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let write = |p: &str, t: &str| {
            let p = d.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, t).unwrap();
        };
        std::fs::create_dir_all(d.join(".git/info")).unwrap();
        write(".git/info/exclude", "local_only.py\n");
        write(".gitignore", "generated/\n*.tmp.py\n!keep.tmp.py\n");
        write("app/.gitignore", "!special.tmp.py\nsecret.py\n");
        write("app/.ignore", "!secret.py\n");
        for f in [
            "main.py",
            "local_only.py",
            "generated/api.py",
            "x.tmp.py",
            "keep.tmp.py",
            "app/special.tmp.py",
            "app/other.tmp.py",
            "app/secret.py",
        ] {
            write(f, "x = 1\n");
        }
        let found = discover(&[d.to_path_buf()], false, &[], d);
        let names: Vec<&str> = found.files.iter().map(|f| f.display.as_str()).collect();
        assert_eq!(
            names,
            [
                "app/secret.py",
                "app/special.tmp.py",
                "keep.tmp.py",
                "main.py"
            ]
        );
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        // Scanning a subdirectory still applies the repository's patterns above it.
        let found = discover(&[d.join("app")], false, &[], d);
        let names: Vec<&str> = found.files.iter().map(|f| f.display.as_str()).collect();
        assert_eq!(names, ["app/secret.py", "app/special.tmp.py"]);
    }

    #[test]
    fn generated_names() {
        assert!(is_generated_name("user_pb2.py"));
        assert!(is_generated_name("api.pb.go"));
        assert!(is_generated_name("vendor.min.js"));
        assert!(is_generated_name("schema.generated.ts"));
        assert!(!is_generated_name("main.go"));
    }

    #[test]
    fn display_paths_are_relative_with_slashes() {
        let cwd = Path::new("/work/p");
        assert_eq!(display_path(Path::new("/work/p/./a/b.py"), cwd), "a/b.py");
        assert_eq!(display_path(Path::new("/other/b.py"), cwd), "/other/b.py");
    }
}
