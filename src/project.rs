//! Facts about the scanned project as a whole, gathered once per scan from its
//! manifests: pinned dependency versions and what each `package.json` is for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Dependencies that make a JS/TS package a server.
pub const SERVER_PACKAGES: &[&str] = &[
    "express",
    "fastify",
    "hono",
    "koa",
    "prisma",
    "@prisma/client",
    "typeorm",
    "sequelize",
    "pg",
    "mongoose",
    "bullmq",
];

/// Packages that drive a browser from Node: a module importing one is Node
/// code, and `document` in its callbacks runs in the page. (As a dependency in
/// `package.json` they mean nothing: front-end apps use them for end-to-end tests.)
pub const BROWSER_DRIVERS: &[&str] = &[
    "playwright",
    "playwright-core",
    "puppeteer",
    "puppeteer-core",
];
/// Dependencies that make a JS/TS package a UI.
pub const UI_PACKAGES: &[&str] = &[
    "react",
    "react-dom",
    "react-native",
    "next",
    "vue",
    "svelte",
    "expo",
    "solid-js",
    "preact",
    "lit",
    // Hotwire's Stimulus controllers and Turbo, Alpine: behaviour for
    // server-rendered pages, in the browser.
    "@hotwired/stimulus",
    "@hotwired/turbo",
    "stimulus",
    "alpinejs",
];

/// Libraries only a browser build uses: cookies from `document.cookie`,
/// style sheets compiled for pages. (A DOM to test against, `jsdom`, is no
/// such sign: a server rendering SVG or HTML tests its output in one.)
const BROWSER_PACKAGES: &[&str] = &["js-cookie", "sass", "less", "tailwindcss"];

pub fn is_server_package(name: &str) -> bool {
    SERVER_PACKAGES.contains(&name) || name.starts_with("@nestjs/")
}

pub fn is_ui_package(name: &str) -> bool {
    UI_PACKAGES.contains(&name) || name.starts_with("@angular/")
}

/// What a `package.json` says its code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum PackageKind {
    Server,
    Ui,
    /// Server and UI dependencies both: a full-stack app (Next.js with an ORM,
    /// a Vite app with its dev server), whose directories tell its parts apart.
    Both,
    /// A command-line tool: the manifest declares `bin` executables and depends
    /// on neither a server nor a UI framework.
    Cli,
    /// Deployed to an edge runtime: a Cloudflare Worker, whose `wrangler.toml`
    /// (or `wrangler.json`/`wrangler.jsonc`) sits beside its `package.json`.
    /// Server code, but each invocation is isolated and ends with its request.
    Edge,
    Neither,
}

/// The configuration files of a Cloudflare Worker.
pub const WRANGLER_CONFIGS: &[&str] = &["wrangler.toml", "wrangler.json", "wrangler.jsonc"];

#[derive(Debug, Default)]
pub struct ProjectFacts {
    /// `redis>=8` is pinned: redis-py then defaults to 5 s socket timeouts.
    pub redis_has_default_timeout: bool,
    /// Env examples as typed documents, by the directory they sit in.
    pub env_examples: Vec<(String, crate::model::config::ConfigDoc)>,
    /// Celery workers started with a time limit on their command line
    /// (`celery multi start short --soft-time-limit=300 -Q short_tasks` in a
    /// supervisord program, a Procfile, a systemd unit, an entrypoint script):
    /// the queues each consumes, or `None` for every queue.
    pub celery_worker_limits: Vec<Option<Vec<String>>>,
    /// The major versions of node-fetch the project's `package.json` files
    /// declare: v2 honours a `timeout` option, v3 dropped it.
    pub node_fetch_majors: Vec<u32>,
    /// Go modules: the directory of each `go.mod` and the module path it declares.
    pub go_modules: Vec<(String, String)>,
    /// Rust crates: the service root of each `Cargo.toml` with a package and
    /// the name its library is written by (`torrust-index` → `torrust_index`).
    pub rust_crates: Vec<(String, String)>,
    /// Django management commands a process file runs (`./manage.py
    /// perf_sheriff "$@"` in an entrypoint script, `release: python manage.py
    /// migrate` in a Procfile): deployed work, not a person's one-shot run.
    pub deployed_commands: std::collections::BTreeSet<String>,
}

impl ProjectFacts {
    /// Whether a Celery worker started with a time limit consumes `queue`
    /// (Celery's default queue is `celery`).
    pub fn worker_limits_queue(&self, queue: &str) -> bool {
        self.celery_worker_limits
            .iter()
            .any(|q| q.as_ref().is_none_or(|qs| qs.iter().any(|x| x == queue)))
    }
}

/// The Django management commands a process file's text runs: the word
/// after `manage.py` or `django-admin` (`newrelic-admin run-program
/// ./manage.py perf_sheriff "$@"` runs `perf_sheriff`).
fn management_commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let tokens: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '[' | ']'))
            .filter(|t| !t.is_empty())
            .collect();
        for (i, t) in tokens.iter().enumerate() {
            if t.ends_with("manage.py") || *t == "django-admin" {
                if let Some(cmd) = tokens.get(i + 1).filter(|c| {
                    c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
                        && c.chars().next().is_some_and(|ch| ch.is_ascii_alphabetic())
                }) {
                    out.push(cmd.to_string());
                }
            }
        }
    }
    out
}

/// The queues of each Celery worker command with a time limit in a process
/// file's text (`None`: the worker consumes every queue). Lines continued with
/// a backslash are joined; a worker without `-Q`/`--queues` consumes all.
fn celery_worker_limits(text: &str) -> Vec<Option<Vec<String>>> {
    let joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
    let mut out = Vec::new();
    for line in joined.lines().take(100_000) {
        let line = line.trim();
        if line.starts_with('#') || !line.contains("celery") {
            continue;
        }
        let tokens: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '[' | ']'))
            .map(|t| t.trim_end_matches(','))
            .filter(|t| !t.is_empty())
            .collect();
        let Some(start) = tokens.iter().position(|t| t.ends_with("celery")) else {
            continue;
        };
        let tokens = &tokens[start..];
        if !tokens.iter().any(|t| matches!(*t, "worker" | "multi")) {
            continue;
        }
        let limited = tokens.iter().any(|t| {
            let flag = t.split('=').next().unwrap_or(t);
            matches!(flag, "--time-limit" | "--soft-time-limit")
        });
        if !limited {
            continue;
        }
        let mut queues: Option<Vec<String>> = None;
        for (i, t) in tokens.iter().enumerate() {
            let value = match t.split_once('=') {
                Some(("-Q" | "--queues", v)) => Some(v),
                None if matches!(*t, "-Q" | "--queues") => tokens.get(i + 1).copied(),
                _ => t.strip_prefix("-Q").filter(|v| !v.is_empty()),
            };
            if let Some(v) = value {
                queues
                    .get_or_insert_with(Vec::new)
                    .extend(v.split(',').filter(|q| !q.is_empty()).map(str::to_string));
            }
        }
        out.push(queues);
    }
    out
}

impl ProjectFacts {
    /// Facts from manifests given as `(file name, text)`.
    pub fn from_texts<'a>(manifests: impl Iterator<Item = (&'a str, &'a str)>) -> ProjectFacts {
        let mut facts = ProjectFacts::default();
        for (name, text) in manifests {
            if crate::discover::is_process_file(name) {
                facts
                    .celery_worker_limits
                    .extend(celery_worker_limits(text));
                facts.deployed_commands.extend(management_commands(text));
                continue;
            }
            if name == "package.json" {
                if let Some(major) = declared_major(text, "node-fetch") {
                    if !facts.node_fetch_majors.contains(&major) {
                        facts.node_fetch_majors.push(major);
                        facts.node_fetch_majors.sort_unstable();
                    }
                }
                continue;
            }
            if crate::discover::is_env_example(name) || name == "go.mod" {
                continue;
            }
            let redis = if is_lock_file(name) {
                locked_major(text, "redis")
            } else {
                pinned_major(text, "redis")
            };
            if let Some(major) = redis {
                facts.redis_has_default_timeout |= major >= 8;
            }
        }
        facts
    }
}

/// The module path a `go.mod` declares (`module github.com/acme/idp/v2`).
pub fn go_module_path(text: &str) -> Option<String> {
    text.lines().take(200).find_map(|l| {
        let rest = l.trim().strip_prefix("module")?;
        let path = rest.trim().trim_matches('"');
        (rest.starts_with([' ', '\t']) && !path.is_empty() && !path.contains(char::is_whitespace))
            .then(|| path.to_string())
    })
}

/// The lowest major version a `package.json` dependency entry admits:
/// `"node-fetch": "^2.7.0"` (not `@types/node-fetch`).
pub fn declared_major(text: &str, package: &str) -> Option<u32> {
    let key = format!("\"{package}\"");
    text.match_indices(&key).take(8).find_map(|(i, _)| {
        let rest = text[i + key.len()..].trim_start().strip_prefix(':')?;
        let spec = rest.trim_start().strip_prefix('"')?;
        lower_bound_major(spec.split('"').next()?)
    })
}

/// Lock files: they record the version a project resolved, not the range it asked for.
fn is_lock_file(name: &str) -> bool {
    matches!(name, "uv.lock" | "poetry.lock" | "Pipfile.lock")
}

/// The lowest major version of `package` a lock file resolved: the `version` of
/// each `[[package]]` record named `package` (uv, Poetry), or of its entry in a
/// `Pipfile.lock` (`"redis": { "hashes": [...], "version": "==8.1.0" }`). Lines
/// that only refer to the package (`{ name = "redis", specifier = ">=5" }` in a
/// dependency list) say nothing about what was installed and are skipped.
pub fn locked_major(text: &str, package: &str) -> Option<u32> {
    let toml_record = format!("name = \"{package}\"");
    let json_entry = format!("\"{package}\": {{");
    let lines: Vec<&str> = text.lines().collect();
    let mut lowest: Option<u32> = None;
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        let window = if line.eq_ignore_ascii_case(&toml_record) {
            3
        } else if line.eq_ignore_ascii_case(&json_entry) {
            // The hashes list sits between the key and its version.
            200
        } else {
            continue;
        };
        let version = lines
            .iter()
            .skip(i + 1)
            .take(window)
            .map(|l| l.trim())
            .take_while(|l| window == 3 || !l.starts_with('}'))
            .find_map(|l| {
                l.strip_prefix("version = ")
                    .or_else(|| l.strip_prefix("\"version\": "))
            });
        if let Some(major) = version.and_then(lower_bound_major) {
            lowest = Some(lowest.map_or(major, |m| m.min(major)));
        }
    }
    lowest
}

/// The lowest major version a manifest admits for `package`.
pub fn pinned_major(text: &str, package: &str) -> Option<u32> {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let lower = line.to_ascii_lowercase();
        let Some(pos) = find_word(&lower, package) else {
            continue;
        };
        // The version is on this line or, in lock files, within the next few.
        let mut rest = lower[pos + package.len()..].to_string();
        if !rest.chars().any(|c| c.is_ascii_digit()) {
            for next in lines.iter().skip(i + 1).take(3) {
                if next.contains("version") {
                    rest = next.to_ascii_lowercase();
                    break;
                }
            }
        }
        if let Some(major) = lower_bound_major(&rest) {
            return Some(major);
        }
    }
    None
}

/// `package` as a whole dependency name, not part of `aioredis` or `redis-om`.
fn find_word(line: &str, package: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(off) = line[start..].find(package) {
        let pos = start + off;
        let before = line[..pos].chars().last();
        let after = line[pos + package.len()..].chars().next();
        let word =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !word(before) && !word(after) {
            return Some(pos);
        }
        start = pos + package.len();
    }
    None
}

/// The major version of a lower-bound or exact specifier (`>=8`, `==8.0.1`, `^8`,
/// `~=8.1`, `version = "8.0.2"`); `None` for upper bounds only.
fn lower_bound_major(spec: &str) -> Option<u32> {
    let bytes: Vec<char> = spec.chars().collect();
    for (i, c) in bytes.iter().enumerate() {
        if !c.is_ascii_digit() {
            continue;
        }
        let op: String = bytes[..i]
            .iter()
            .rev()
            .take_while(|c| !c.is_ascii_alphanumeric() && **c != ',')
            .collect();
        let op: String = op
            .chars()
            .rev()
            .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect();
        if op.ends_with('<') || op.ends_with("<=") || op.ends_with("!=") {
            return None;
        }
        let digits: String = bytes[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        return digits.parse().ok();
    }
    None
}

/// Files that mark the root of a service (or package, or crate).
pub const SERVICE_MANIFESTS: &[&str] = &[
    "package.json",
    "go.mod",
    "pyproject.toml",
    "setup.py",
    "requirements.txt",
    "Pipfile",
    "Cargo.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "Package.swift",
    "pubspec.yaml",
];

/// The nearest directory above a file holding a service manifest: findings that
/// speak of a whole service (a missing health route, no SIGTERM handling) are
/// decided per service root. Cached per directory.
#[derive(Default)]
pub struct ServiceRoots {
    /// The nearest manifest directory above each directory seen.
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// Whether a manifest directory describes a library.
    library: HashMap<PathBuf, bool>,
}

impl ServiceRoots {
    /// The nearest directory above `file` (its own first) holding a service
    /// manifest, absolute.
    fn manifest_dir(&mut self, file: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(file).ok()?;
        let mut visited = Vec::new();
        let mut dir = abs.parent();
        let mut found = None;
        while let Some(d) = dir {
            if let Some(r) = self.by_dir.get(d) {
                found = r.clone();
                break;
            }
            visited.push(d.to_path_buf());
            if SERVICE_MANIFESTS.iter().any(|m| d.join(m).is_file()) {
                found = Some(d.to_path_buf());
                break;
            }
            dir = d.parent();
        }
        for d in visited {
            self.by_dir.insert(d, found.clone());
        }
        found
    }

    /// The service root of `file` as reports show it; empty when no manifest
    /// sits above it.
    pub fn root_of(&mut self, file: &Path, cwd: &Path) -> String {
        self.manifest_dir(file)
            .map_or_else(String::new, |d| crate::discover::display_path(&d, cwd))
    }

    /// Whether the nearest service manifest above `file` describes a library
    /// ([`is_library_dir`]); decided once per manifest directory.
    pub fn is_library(&mut self, file: &Path) -> bool {
        let Some(dir) = self.manifest_dir(file) else {
            return false;
        };
        *self
            .library
            .entry(dir)
            .or_insert_with_key(|d| is_library_dir(d))
    }
}

/// Whether the manifests in `dir` describe a library other programs import
/// rather than a program (a directory with a `Dockerfile` is deployed, so never
/// a library): a Rust crate with no binary, a Go module with no
/// `main.go` or `cmd/`, a Swift package that only vends libraries, a Python
/// distribution classified for developers, an npm package with an entry point
/// and no `start` script that is not private.
pub fn is_library_dir(dir: &Path) -> bool {
    is_library(&ProjectDir {
        read: &|name| crate::source::read_source(&dir.join(name)).ok(),
        is_file: &|name| dir.join(name).is_file(),
        is_dir: &|name| dir.join(name).is_dir(),
    })
}

/// A directory's files as [`is_library`] asks for them, by relative name.
pub struct ProjectDir<'a> {
    pub read: &'a dyn Fn(&str) -> Option<String>,
    pub is_file: &'a dyn Fn(&str) -> bool,
    pub is_dir: &'a dyn Fn(&str) -> bool,
}

/// [`is_library_dir`] over any view of the directory (on disk or in memory).
pub fn is_library(dir: &ProjectDir) -> bool {
    let read = dir.read;
    // A directory with its own image is deployed, whatever its manifest says.
    if (dir.is_file)("Dockerfile") {
        return false;
    }
    if let Some(cargo) = read("Cargo.toml") {
        return cargo.contains("[package]")
            && !cargo.contains("[[bin]]")
            && !(dir.is_file)("src/main.rs");
    }
    if (dir.is_file)("go.mod") {
        return !(dir.is_file)("main.go") && !(dir.is_dir)("cmd");
    }
    if let Some(swift) = read("Package.swift") {
        return swift.contains(".library(") && !swift.contains(".executable(");
    }
    if (dir.is_file)("pubspec.yaml") {
        return !(dir.is_file)("lib/main.dart") && !(dir.is_dir)("bin") && !(dir.is_dir)("web");
    }
    for name in ["pyproject.toml", "setup.py", "setup.cfg"] {
        if let Some(text) = read(name) {
            // Trove classifiers a package publishes to developers by.
            if text.contains("Intended Audience :: Developers")
                || text.contains("Topic :: Software Development")
            {
                return true;
            }
        }
    }
    if let Some(text) = read("package.json") {
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            return false;
        };
        let entry = ["main", "module", "exports"]
            .iter()
            .any(|k| json.get(k).is_some());
        let private = json.get("private") == Some(&serde_json::Value::Bool(true));
        let start = json.get("scripts").and_then(|s| s.get("start")).is_some();
        return entry && !private && !start;
    }
    false
}

/// The name a Rust crate's library is written by in paths (`[lib] name`, else
/// the package's name with `-` as `_`), from its `Cargo.toml`.
pub fn rust_library_name(cargo: &str) -> Option<String> {
    let manifest = toml::from_str::<toml::Table>(cargo).ok()?;
    let name = manifest
        .get("lib")
        .and_then(|l| l.get("name"))
        .and_then(toml::Value::as_str)
        .or_else(|| manifest.get("package")?.get("name")?.as_str())?;
    Some(name.replace('-', "_"))
}

/// Whether a Rust crate's `Cargo.toml` describes test infrastructure: its own
/// dependencies, not only its development ones, bring throwaway containers
/// (`testcontainers`): an interop or integration harness, whose code runs
/// only under a test run. `false` for a manifest that does not parse.
pub fn is_rust_test_harness(cargo: &str) -> bool {
    let Ok(manifest) = toml::from_str::<toml::Table>(cargo) else {
        return false;
    };
    let harness = |deps: Option<&toml::Value>| {
        deps.and_then(toml::Value::as_table)
            .is_some_and(|t| t.keys().any(|k| k.starts_with("testcontainers")))
    };
    let targets = manifest
        .get("target")
        .and_then(toml::Value::as_table)
        .into_iter()
        .flat_map(|t| t.values())
        .filter_map(toml::Value::as_table);
    manifest.contains_key("package")
        && (harness(manifest.get("dependencies"))
            || targets.into_iter().any(|t| harness(t.get("dependencies"))))
}

/// The roots of the Rust crates whose code is test code: crates of test
/// infrastructure ([`is_rust_test_harness`]) and crates no program of the
/// workspace builds ([`unbuilt_rust_crates`]). `files` are the Rust files with
/// their service roots and what `manifest` reads a root's `Cargo.toml` by (its
/// text; asked once per root).
pub fn rust_test_crates<'a, P>(
    files: impl Iterator<Item = (&'a str, &'a str, P)>,
    mut manifest: impl FnMut(P) -> Option<String>,
) -> std::collections::BTreeSet<String> {
    let mut programs = std::collections::BTreeSet::new();
    let mut cargo: std::collections::BTreeMap<&str, Option<String>> = Default::default();
    for (path, root, at) in files {
        if root.is_empty() {
            continue;
        }
        if is_rust_program_file(path) {
            programs.insert(root.to_string());
        }
        if !cargo.contains_key(root) {
            cargo.insert(root, manifest(at));
        }
    }
    let cargo: Vec<(&str, &str)> = cargo
        .iter()
        .filter_map(|(root, text)| Some((*root, text.as_deref()?)))
        .collect();
    let mut test = unbuilt_rust_crates(cargo.iter().copied(), &programs);
    test.extend(
        cargo
            .iter()
            .filter(|(_, text)| is_rust_test_harness(text))
            .map(|(root, _)| root.to_string()),
    );
    test
}

/// Whether a Rust file is a program's entry: a crate's `src/main.rs` or a
/// file under its `src/bin/`.
fn is_rust_program_file(path: &str) -> bool {
    path == "src/main.rs"
        || path.ends_with("/src/main.rs")
        || path.starts_with("src/bin/")
        || path.contains("/src/bin/")
}

/// The crates of a Rust workspace that no program of it builds: library
/// crates (a `[package]` with no `[[bin]]` and no `src/main.rs` or `src/bin/`,
/// whose roots `programs` does not hold, not built for another runtime to
/// load, `crate-type = ["cdylib"]`, nor published for other projects: with a
/// `description` and a license, and not `publish = false`) that no other crate lists among its
/// dependencies or build dependencies, nor any crate that is itself built.
/// Only their own tests, or nothing, run their code. Empty when the workspace
/// builds no program: a library's crates are what other projects import.
/// `manifests` are each manifest's service root and text; `programs` the
/// roots holding a `src/main.rs` or a `src/bin/` file.
fn unbuilt_rust_crates<'a>(
    manifests: impl Iterator<Item = (&'a str, &'a str)>,
    programs: &std::collections::BTreeSet<String>,
) -> std::collections::BTreeSet<String> {
    use std::collections::{BTreeMap, BTreeSet};
    let key = |name: &str| name.replace('-', "_");
    // Per crate root: its name, whether it is a program, what it depends on.
    let mut crates: BTreeMap<&str, (String, bool, BTreeSet<String>)> = BTreeMap::new();
    for (root, text) in manifests {
        let Ok(manifest) = toml::from_str::<toml::Table>(text) else {
            continue;
        };
        let Some(name) = manifest
            .get("package")
            .and_then(|p| p.get("name"))
            .and_then(toml::Value::as_str)
        else {
            continue;
        };
        // A crate built as a library another runtime loads (a plugin, an
        // FFI or WebAssembly module: `crate-type = ["cdylib"]`) is built for
        // its own sake too.
        let loaded = manifest
            .get("lib")
            .and_then(|l| l.get("crate-type"))
            .and_then(toml::Value::as_array)
            .is_some_and(|types| {
                types
                    .iter()
                    .any(|t| matches!(t.as_str(), Some("cdylib" | "dylib" | "staticlib")))
            });
        // So is one published for other projects to depend on: described and
        // licensed, and not `publish = false`.
        let package = manifest.get("package");
        let field = |k: &str| package.and_then(|p| p.get(k));
        let published = field("description").is_some()
            && (field("license").is_some() || field("license-file").is_some())
            && field("publish").and_then(toml::Value::as_bool) != Some(false);
        let program = loaded
            || published
            || programs.contains(root)
            || manifest
                .get("bin")
                .and_then(toml::Value::as_array)
                .is_some_and(|b| !b.is_empty());
        let mut deps = BTreeSet::new();
        let mut add = |table: Option<&toml::Value>| {
            for (k, v) in table.and_then(toml::Value::as_table).into_iter().flatten() {
                // A renamed dependency names its crate in `package`.
                let crate_name = v.get("package").and_then(toml::Value::as_str).unwrap_or(k);
                deps.insert(key(crate_name));
            }
        };
        for section in ["dependencies", "build-dependencies"] {
            add(manifest.get(section));
        }
        for target in manifest
            .get("target")
            .and_then(toml::Value::as_table)
            .into_iter()
            .flat_map(|t| t.values())
        {
            for section in ["dependencies", "build-dependencies"] {
                add(target.get(section));
            }
        }
        crates.insert(root, (key(name), program, deps));
    }
    if !crates.values().any(|(_, program, _)| *program) {
        return BTreeSet::new();
    }
    // Built: the programs, then every crate a built crate depends on.
    let mut built: BTreeSet<&str> = crates
        .iter()
        .filter(|(_, (_, program, _))| *program)
        .map(|(root, _)| *root)
        .collect();
    let mut queue: Vec<&str> = built.iter().copied().collect();
    while let Some(root) = queue.pop() {
        let deps = &crates[root].2;
        for (other, (name, _, _)) in &crates {
            if deps.contains(name) && built.insert(other) {
                queue.push(other);
            }
        }
    }
    crates
        .keys()
        .filter(|root| !built.contains(*root))
        .map(|root| root.to_string())
        .collect()
}

/// Finds the nearest `package.json` above a file and classifies it; cached per
/// directory so a monorepo's thousands of files read each manifest once.
#[derive(Default)]
pub struct PackageIndex {
    by_dir: HashMap<PathBuf, Option<PackageKind>>,
    /// Package directories (absolute) only UI packages depend on
    /// ([`client_only_packages`]): their code runs in the browser.
    client_only: std::collections::HashSet<PathBuf>,
}

impl PackageIndex {
    /// Treats the packages in these directories as UI code.
    pub fn with_client_only(dirs: impl Iterator<Item = PathBuf>) -> PackageIndex {
        PackageIndex {
            client_only: dirs.filter_map(|d| std::path::absolute(d).ok()).collect(),
            ..PackageIndex::default()
        }
    }

    pub fn nearest(&mut self, file: &Path) -> Option<PackageKind> {
        let abs = std::path::absolute(file).ok()?;
        let mut visited = Vec::new();
        let mut dir = abs.parent();
        let mut found = None;
        while let Some(d) = dir {
            if let Some(k) = self.by_dir.get(d) {
                found = *k;
                break;
            }
            visited.push(d.to_path_buf());
            let manifest = d.join("package.json");
            if manifest.is_file() {
                found = Some(if WRANGLER_CONFIGS.iter().any(|c| d.join(c).is_file()) {
                    PackageKind::Edge
                } else if self.client_only.contains(d) {
                    PackageKind::Ui
                } else {
                    classify_package_json(&manifest)
                });
                break;
            }
            dir = d.parent();
        }
        for d in visited {
            self.by_dir.insert(d, found);
        }
        found
    }
}

/// UI frameworks that also run the app's code on a server (server rendering,
/// API routes, loaders): a package such an app uses may run on either side.
const SERVER_RENDERING: &[&str] = &[
    "next",
    "nuxt",
    "@sveltejs/kit",
    "astro",
    "@remix-run/node",
    "@remix-run/react",
    "@remix-run/serve",
    "@react-router/node",
    "@react-router/serve",
    "@tanstack/react-start",
    "@tanstack/start",
    "@solidjs/start",
    "@analogjs/platform",
    "@builder.io/qwik-city",
    "@angular/ssr",
    "gatsby",
    "vike",
    "waku",
];

/// The packages of a JavaScript workspace only its UI packages use: a
/// package that is neither a server's nor a UI's by its own dependencies
/// (an API client, a shared SDK), that some workspace package depends on,
/// and every one that does is a UI package rendering only in the browser (not
/// a Next.js or Nuxt app, whose server runs it too) or such a package itself. Its code
/// runs in the browsers and apps that bundle it. `packages` are each
/// `package.json`'s directory and text; the directories are returned.
pub fn client_only_packages<'a>(
    packages: impl Iterator<Item = (&'a str, &'a str)>,
) -> std::collections::BTreeSet<String> {
    use std::collections::BTreeSet;
    struct Package<'a> {
        dir: &'a str,
        name: Option<String>,
        kind: PackageKind,
        deps: BTreeSet<String>,
    }
    let all: Vec<Package> = packages
        .filter_map(|(dir, text)| {
            let json = serde_json::from_str::<serde_json::Value>(text).ok()?;
            let deps = ["dependencies", "devDependencies", "peerDependencies"]
                .iter()
                .filter_map(|k| json.get(*k)?.as_object())
                .flat_map(|o| o.keys().cloned())
                .collect();
            Some(Package {
                dir,
                name: json
                    .get("name")
                    .and_then(|n| n.as_str())
                    .map(str::to_string),
                kind: classify_package(&json),
                deps,
            })
        })
        .collect();
    let mut client: BTreeSet<&str> = BTreeSet::new();
    // Through packages only client packages use, a few levels deep.
    for _ in 0..4 {
        let before = client.len();
        for p in all.iter().filter(|p| p.kind == PackageKind::Neither) {
            let Some(name) = &p.name else { continue };
            let mut dependents = all
                .iter()
                .filter(|d| d.dir != p.dir && d.deps.contains(name));
            let mut any = false;
            let only_clients = dependents.all(|d| {
                any = true;
                (d.kind == PackageKind::Ui
                    && !d
                        .deps
                        .iter()
                        .any(|dep| SERVER_RENDERING.contains(&dep.as_str())))
                    || client.contains(d.dir)
            });
            if any && only_clients {
                client.insert(p.dir);
            }
        }
        if client.len() == before {
            break;
        }
    }
    client.into_iter().map(str::to_string).collect()
}

fn classify_package_json(path: &Path) -> PackageKind {
    // An unreadable manifest says nothing about its code.
    match crate::source::read_source(path) {
        Ok(text) => classify_package_text(&text),
        Err(_) => PackageKind::Neither,
    }
}

/// What a `package.json`'s dependencies say its code is.
pub fn classify_package_text(text: &str) -> PackageKind {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(json) => classify_package(&json),
        Err(_) => PackageKind::Neither,
    }
}

/// What a parsed `package.json`'s dependencies say its code is.
fn classify_package(json: &serde_json::Value) -> PackageKind {
    let deps = |kinds: &[&str]| -> Vec<String> {
        kinds
            .iter()
            .filter_map(|k| json.get(*k)?.as_object())
            .flat_map(|o| o.keys().cloned())
            .collect()
    };
    // A server package among the development dependencies (a dev server, a
    // mock API for tests) is not what the package's code runs on.
    let server = deps(&["dependencies", "peerDependencies"])
        .iter()
        .any(|d| is_server_package(d));
    let all = deps(&["dependencies", "devDependencies", "peerDependencies"]);
    // A UI framework, or a library only a browser build uses in a package
    // with no server (a server package may serve its pages' scripts from its
    // own tree).
    let ui = all
        .iter()
        .any(|d| is_ui_package(d) || (!server && BROWSER_PACKAGES.contains(&d.as_str())));
    if server && ui {
        PackageKind::Both
    } else if server {
        PackageKind::Server
    } else if ui {
        PackageKind::Ui
    } else if json.get("bin").is_some_and(|b| {
        b.as_str().is_some_and(|s| !s.is_empty()) || b.as_object().is_some_and(|o| !o.is_empty())
    }) {
        PackageKind::Cli
    } else {
        PackageKind::Neither
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn packages_only_browser_apps_use_are_client_code() {
        let packages = [
            (
                "packages/sdk",
                r#"{"name": "@a/sdk", "dependencies": {"axios": "1"}}"#,
            ),
            ("packages/types", r#"{"name": "@a/types"}"#),
            (
                "packages/auth",
                r#"{"name": "@a/auth", "dependencies": {"@a/types": "*"}}"#,
            ),
            (
                "packages/unused",
                r#"{"name": "@a/unused", "dependencies": {"axios": "1"}}"#,
            ),
            (
                "apps/web",
                r#"{"name": "web", "dependencies": {"react": "18", "vite": "5", "@a/sdk": "*", "@a/auth": "*"}}"#,
            ),
            (
                "apps/site",
                r#"{"name": "site", "dependencies": {"react": "18", "next": "15", "@a/auth": "*"}}"#,
            ),
            (
                "apps/api",
                r#"{"name": "api", "dependencies": {"express": "4", "@a/types": "*"}}"#,
            ),
        ];
        let client = super::client_only_packages(packages.iter().map(|(d, t)| (*d, *t)));
        // The SDK only the Vite app uses; not `auth`, which a Next.js app's
        // server runs too, nor `types`, which the API server uses, nor a
        // package nothing uses.
        assert_eq!(client.into_iter().collect::<Vec<_>>(), ["packages/sdk"]);
    }

    use super::{
        celery_worker_limits, locked_major, management_commands, pinned_major, ProjectFacts,
    };

    #[test]
    fn management_commands_a_process_file_runs() {
        assert_eq!(
            management_commands(
                "elif [ \"$1\" == \"perf_sheriff\" ]; then\n    newrelic-admin run-program ./manage.py perf_sheriff \"$@\"\nrelease: python manage.py migrate --noinput\nweb: gunicorn app.wsgi\ncommand: [\"django-admin\", \"sync_feeds\"]\n./manage.py --help\n"
            ),
            ["perf_sheriff", "migrate", "sync_feeds"]
        );
    }

    #[test]
    fn celery_worker_command_lines() {
        let q = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        // supervisord, continued with a backslash.
        assert_eq!(
            celery_worker_limits(
                "command=/app/bin/celery multi start s1 \\\n  --soft-time-limit=300 -Q short,mail\n"
            ),
            [q(&["short", "mail"])]
        );
        // A Procfile worker with no queue consumes them all; `--queues=` and `-Qx`.
        assert_eq!(
            celery_worker_limits(
                "worker: celery -A app worker --time-limit 600\nbeat: celery -A app beat\nw2: celery -A app worker --queues=io -Qcpu --soft-time-limit=60\n"
            ),
            [None, q(&["io", "cpu"])]
        );
        // A list-form command (systemd/compose style), a comment, and a worker
        // without a limit.
        assert_eq!(
            celery_worker_limits(
                "# celery worker --time-limit=1\nExecStart=[\"celery\", \"worker\", \"-Q\", \"a\", \"--time-limit=5\"]\ncelery -A app worker -Q b\n"
            ),
            [q(&["a"])]
        );
    }

    #[test]
    fn redis_pins() {
        assert_eq!(pinned_major("flask==3.0\nredis>=8.0\n", "redis"), Some(8));
        assert_eq!(pinned_major("redis[hiredis]==7.4.0", "redis"), Some(7));
        assert_eq!(
            pinned_major("dependencies = [\n  \"redis ~= 8.1\",\n]", "redis"),
            Some(8)
        );
        assert_eq!(
            pinned_major(
                "[[package]]\nname = \"redis\"\nversion = \"8.0.2\"\n",
                "redis"
            ),
            Some(8)
        );
        assert_eq!(
            pinned_major("aioredis==2.0\ntypes-redis==4.6", "redis"),
            None
        );
        assert_eq!(pinned_major("redis<9", "redis"), None);
    }

    #[test]
    fn redis_locked_versions() {
        // uv: a dependency list refers to redis with a range before its record.
        let uv = "[[package]]\nname = \"app\"\ndependencies = [\n    { name = \"redis\" },\n]\n\n[package.metadata]\nrequires-dist = [{ name = \"redis\", specifier = \">=5.2.1\" }]\n\n[[package]]\nname = \"redis\"\nversion = \"8.1.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n";
        assert_eq!(locked_major(uv, "redis"), Some(8));
        assert_eq!(pinned_major(uv, "redis"), Some(5));
        // Two resolutions: the lowest counts.
        let two = "[[package]]\nname = \"redis\"\nversion = \"7.4.0\"\n\n[[package]]\nname = \"redis\"\nversion = \"8.0.1\"\n";
        assert_eq!(locked_major(two, "redis"), Some(7));
        let pipfile = "{\n  \"default\": {\n    \"redis\": {\n      \"hashes\": [\n        \"sha256:ab\"\n      ],\n      \"version\": \"==8.2.0\"\n    }\n  }\n}\n";
        assert_eq!(locked_major(pipfile, "redis"), Some(8));
        assert_eq!(
            locked_major(
                "[[package]]\nname = \"aioredis\"\nversion = \"9.0\"\n",
                "redis"
            ),
            None
        );
        let facts = ProjectFacts::from_texts(
            [
                ("pyproject.toml", "dependencies = [\"redis>=6\"]\n"),
                ("uv.lock", uv),
            ]
            .into_iter(),
        );
        assert!(facts.redis_has_default_timeout);
        let facts = ProjectFacts::from_texts(
            [
                ("pyproject.toml", "dependencies = [\"redis>=6\"]\n"),
                ("uv.lock", two),
            ]
            .into_iter(),
        );
        assert!(!facts.redis_has_default_timeout);
    }
}
