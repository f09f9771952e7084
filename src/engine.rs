//! The engine: checks one file's text into a [`FileOutcome`], then finishes
//! every outcome into a report with what only the whole project can tell. It
//! never touches the file system: the command line (`crate::scan`), an
//! in-memory project ([`check_files`]), a cache or an editor integration feed it.

use crate::facts::{FileFacts, ProjectIndex};
use crate::finding::{Finding, ScanError, Stack};
use crate::lang::{Family, Lang};
use crate::model::interaction::{DeadlineKind, Deadlines};
use crate::project::{PackageKind, ProjectFacts};
use crate::rules::{self, Cx, Diag, Rule};
use crate::semantic::fields::Field;
use crate::semantic::walk::{walk, Candidate, KindTable};
use crate::semantic::KindName as _;
use crate::semantic::{Event, Model};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// Which stack to assume for code files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
pub enum StackOverride {
    #[default]
    Auto,
    Backend,
    Frontend,
}

#[derive(Clone, Debug)]
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
    /// How long one file may take to parse before it is listed under
    /// `errors` instead (a grammar's error recovery on pathological input).
    pub parse_budget: std::time::Duration,
    /// Paths left out of directory walks: gitignore-style patterns, matched
    /// relative to each directory scanned (`legacy/**`, `*.gen.ts`, `scripts/`).
    pub exclude: Vec<String>,
}

/// The default [`Options::parse_budget`]: far beyond any real source file.
pub const PARSE_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

impl Options {
    /// Every rule enabled, test code included: what rule cases and in-memory
    /// projects run with.
    pub fn all_rules() -> Options {
        Options {
            enabled: vec![true; rules::ALL.len()],
            include_tests: true,
            stack: StackOverride::Auto,
            parse_only: false,
            report_unused_suppressions: false,
            progress: false,
            parse_budget: PARSE_BUDGET,
            exclude: Vec::new(),
        }
    }
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
    /// Files whose outcome the result cache supplied (for `--verbose`).
    #[serde(skip)]
    pub cached: usize,
}

pub struct ScanResult {
    pub findings: Vec<Finding>,
    pub errors: Vec<ScanError>,
    pub stats: Stats,
    /// PATH operands that did not exist (a usage error: exit 2).
    pub missing_roots: usize,
    /// Notes for `--verbose` (unused suppressions).
    pub notes: Vec<String>,
    /// Mistakes in the code's own configuration of the scan (a suppression
    /// naming no rule): printed always, and the run exits 2 after reporting.
    pub usage_errors: Vec<String>,
    /// Each file checked, in path order: for `--show-files` and `--verbose`.
    pub files: Vec<FileReport>,
    /// Problems that cost speed, not results (a result cache that could not
    /// be read or written): printed as warnings.
    pub warnings: Vec<String>,
    /// Each file's boundary crossings, in path order (test code left out):
    /// what the failure-mode matrix is built from.
    pub interactions: Vec<FileInteractions>,
}

/// The boundary crossings of one file.
#[derive(Debug, Clone)]
pub struct FileInteractions {
    pub path: String,
    pub service_root: String,
    pub records: Vec<crate::model::interaction::Record>,
}

/// One file of a scan as `--show-files` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub lang: &'static str,
    /// `backend`, `frontend` or `config`; none for a file skipped whole.
    pub stack: Option<&'static str>,
    /// `product`, `example` or `library` code, or test code.
    pub origin: &'static str,
    /// The directory of the nearest service manifest.
    pub service_root: String,
    pub lines: usize,
    /// Why the file was not checked (generated, minified, not part of a build).
    pub skipped: Option<String>,
    /// How long reading and checking it took (for `--verbose`; left out of
    /// listings, which are the same bytes on every run).
    #[serde(skip)]
    pub micros: u64,
}

/// What one file contributed: its findings (some still to be completed by the
/// whole project's facts), its facts, errors and notes. Pure data: the same
/// path and text give the same outcome.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct FileOutcome {
    pub path: String,
    pub service_root: String,
    pub findings: Vec<Pending>,
    pub facts: FileFacts,
    /// Every boundary crossing found, with its settings and their evidence.
    pub interactions: Vec<crate::model::interaction::Record>,
    /// The file's background workflows and their steps.
    pub workflows: Vec<crate::model::crossings::Workflow>,
    /// A configuration file as a typed document with its views.
    pub config: Option<crate::model::config::ConfigDoc>,
    pub errors: Vec<ScanError>,
    pub notes: Vec<String>,
    /// See [`ScanResult::usage_errors`].
    pub usage_errors: Vec<String>,
    /// Why the file was skipped whole (generated, minified, not part of a
    /// release build), when it was.
    pub skipped: Option<String>,
    /// `None` when the file was skipped (generated, minified, not config).
    pub stack: Option<Stack>,
    pub lines: usize,
    pub bytes: u64,
}

impl FileOutcome {
    /// The outcome of a file left unchecked, with why (also a `--verbose` note).
    fn skip(mut self, why: String) -> FileOutcome {
        self.notes.push(format!("{}: skipped: {why}", self.path));
        self.skipped = Some(why);
        self
    }
}

/// A finding as one file sees it: what the project must still decide (drop it
/// when another file supplies what it says is missing; complete its fix with the
/// project's own library).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Pending {
    pub finding: Finding,
    pub hint: Option<crate::facts::Hint>,
    pub unless: Option<crate::facts::Unless>,
}

/// What the engine needs to know about a file besides its text; the file system
/// layer (or an in-memory project) decides it.
#[derive(Clone, Debug, Serialize)]
pub struct FileMeta {
    /// The path as reports show it.
    pub path: String,
    /// The path from the top of its repository (else from the scanned root):
    /// what its directories say of its role is read from this one.
    #[serde(default)]
    pub project_path: String,
    pub lang: Lang,
    pub is_test: bool,
    /// What the nearest `package.json` says its code is (JS/TS only).
    pub package: Option<PackageKind>,
    /// The directory of the nearest service manifest, as reports show it.
    pub service_root: String,
    /// A `values*.yaml` next to a `Chart.yaml`.
    pub helm_values: bool,
    /// Product, example or library code.
    pub origin: crate::model::Origin,
    /// A file of a repository of samples (`samples-go`, `dubbo-samples`),
    /// whose samples are what its owners publish.
    #[serde(default)]
    pub samples_repo: bool,
    /// The project's vocabulary, from the configuration governing the file.
    #[serde(skip)]
    pub vocabulary: Option<std::sync::Arc<crate::vocabulary::Vocabulary>>,
}

impl FileMeta {
    /// A file decided from its path alone: language, test code, no package,
    /// its directory as service root. `None` for files faultline does not read.
    pub fn for_path(path: &str) -> Option<FileMeta> {
        let p = std::path::Path::new(path);
        Some(FileMeta {
            path: path.to_string(),
            project_path: path.to_string(),
            lang: Lang::from_path(p)?,
            is_test: crate::discover::is_test_path(p),
            package: None,
            service_root: path
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| d.to_string()),
            helm_values: false,
            origin: if crate::model::roles::is_example_path(path) {
                crate::model::Origin::Example
            } else {
                crate::model::Origin::Product
            },
            samples_repo: false,
            vocabulary: None,
        })
    }
}

/// A build or dependency manifest, read by the caller.
#[derive(Clone, Debug)]
pub struct Manifest {
    pub path: String,
    pub service_root: String,
    pub text: String,
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
            let wants: Vec<(u16, &[Event])> = if parse_only {
                Vec::new()
            } else {
                rules::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, r)| enabled[*i] && r.meta().langs.contains(&lang.family()))
                    .map(|(i, r)| (i as u16, r.events()))
                    .chain(std::iter::once((FACTS, crate::model::facts::EVENTS)))
                    .collect()
            };
            by_lang.insert(lang, KindTable::new(lang, &wants));
        }
        Tables { by_lang }
    }
}

/// Spring Boot facts a build or config file declares for its service.
#[derive(Debug, Default)]
struct SpringFacts {
    actuator: Vec<String>,
    graceful: Vec<String>,
    versions: Vec<(String, (u32, u32))>,
}

/// Checks files and finishes reports for one scan's options and manifests.
pub struct Engine {
    opts: Options,
    tables: Tables,
    project: ProjectFacts,
    spring: SpringFacts,
    aliases: crate::aliases::ScriptAliases,
    /// The scan covers a whole repository (a root holds `.git`): a definition
    /// no file names is then named nowhere, not just nowhere in sight.
    whole_repository: bool,
    /// The names the manifests, process files and setup files hold
    /// ([`crate::model::unreferenced::words`]): entry points name modules.
    manifest_words: Vec<u32>,
}

impl Engine {
    /// Tells the engine whether the scan covers a whole repository, and with
    /// it the names its `manifests` hold (what names a module then counts).
    pub fn whole_repository(mut self, whole: bool, manifests: &[Manifest]) -> Engine {
        self.whole_repository = whole;
        if whole {
            let mut words: Vec<u32> = manifests
                .iter()
                .flat_map(|m| crate::model::unreferenced::words(&m.text))
                .collect();
            words.sort_unstable();
            words.dedup();
            self.manifest_words = words;
        }
        self
    }

    pub fn new(opts: Options, manifests: &[Manifest]) -> Engine {
        let tables = Tables::new(&opts.enabled, opts.parse_only);
        let mut project = ProjectFacts::from_texts(
            manifests
                .iter()
                .map(|m| (file_name(&m.path), m.text.as_str())),
        );
        project.go_modules = manifests
            .iter()
            .filter(|m| file_name(&m.path) == "go.mod")
            .filter_map(|m| {
                crate::project::go_module_path(&m.text)
                    .map(|module| (crate::facts::dir_of(&m.path), module))
            })
            .collect();
        project.go_modules.sort();
        project.rust_crates = manifests
            .iter()
            .filter(|m| file_name(&m.path) == "Cargo.toml")
            .filter_map(|m| {
                crate::project::rust_library_name(&m.text).map(|n| (m.service_root.clone(), n))
            })
            .collect();
        project.rust_crates.sort();
        project.env_examples = manifests
            .iter()
            .filter(|m| crate::discover::is_env_example(file_name(&m.path)))
            .map(|m| {
                (
                    crate::facts::dir_of(&m.path),
                    crate::model::config::ConfigDoc::env_example(&m.text),
                )
            })
            .collect();
        // Spring Boot facts from build and config files: Actuator on the classpath
        // serves `/actuator/health`; the shutdown setting or version drains on SIGTERM.
        let mut spring = SpringFacts::default();
        for m in manifests {
            let name = file_name(&m.path);
            let build = name.starts_with("pom.xml") || name.starts_with("build.gradle");
            if !(build || name.starts_with("application.")) {
                continue;
            }
            if m.text.contains("spring-boot-starter-actuator") {
                spring.actuator.push(m.service_root.clone());
            }
            if crate::facts::spring_graceful_setting(&m.text) {
                spring.graceful.push(m.service_root.clone());
            }
            if build {
                if let Some(v) = crate::facts::spring_boot_version(&m.text) {
                    spring.versions.push((m.service_root.clone(), v));
                }
            }
        }
        let aliases = crate::aliases::ScriptAliases::from_configs(
            manifests
                .iter()
                .filter(|m| crate::aliases::is_script_config(file_name(&m.path)))
                .map(|m| (m.path.as_str(), m.text.as_str())),
        );
        Engine {
            opts,
            tables,
            project,
            spring,
            aliases,
            whole_repository: false,
            manifest_words: Vec::new(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Combines every file's outcome into the report: findings that another file
    /// makes moot are dropped, fixes name the project's own libraries, service-wide
    /// findings are reported once per service, and everything is sorted.
    /// `outcomes` must be in path order, so the example location a fix names is
    /// the same on every run.
    pub fn finish(&self, outcomes: Vec<FileOutcome>) -> ScanResult {
        let mut result = ScanResult {
            findings: Vec::new(),
            errors: Vec::new(),
            stats: Stats::default(),
            missing_roots: 0,
            notes: Vec::new(),
            usage_errors: Vec::new(),
            warnings: Vec::new(),
            files: Vec::new(),
            interactions: Vec::new(),
        };
        let mut index = ProjectIndex::build(
            outcomes
                .iter()
                .map(|o| (o.path.as_str(), o.service_root.as_str(), &o.facts)),
        );
        // Calls by name link functions of one language within a service.
        let scopes: Vec<std::borrow::Cow<str>> = outcomes
            .iter()
            .map(|o| crate::facts::call_scope(&o.service_root, &o.path))
            .collect();
        index.link_calls(
            outcomes
                .iter()
                .zip(&scopes)
                .map(|(o, scope)| (o.path.as_str(), scope.as_ref(), &o.facts)),
            &self.project.deployed_commands,
            self.whole_repository,
        );
        // In a Next.js App Router project a component is a server component
        // unless it marks itself as client code: only those count as clients.
        let app_roots: std::collections::BTreeSet<&str> = outcomes
            .iter()
            .filter_map(|o| crate::stack::app_router_root(&o.path))
            .collect();
        let server_component = |o: &FileOutcome| {
            !o.facts.client_marks
                && app_roots.iter().any(|r| {
                    r.is_empty() || o.path.strip_prefix(r).is_some_and(|p| p.starts_with('/'))
                })
        };
        // Which definitions findings sit in that no other file names, when
        // the scan sees every file that could. A name only tests write is
        // reached only from tests, which do not run in production, whether
        // the scan reports on tests or not.
        if self.whole_repository {
            let mut names = Vec::new();
            for p in outcomes.iter().flat_map(|o| &o.findings) {
                if let Some(u) = &p.unless {
                    u.unreferenced_names(&mut names);
                }
            }
            let names = names.into_iter().map(str::to_string).collect();
            let product: Vec<&FileOutcome> = outcomes
                .iter()
                .filter(|o| !crate::discover::is_test_path(std::path::Path::new(&o.path)))
                .collect();
            // Modules nothing imports: each candidate's directory and the
            // other modules there.
            let mut candidates = std::collections::BTreeSet::new();
            for o in &outcomes {
                let mut stems = Vec::new();
                for p in &o.findings {
                    if let Some(u) = &p.unless {
                        u.dead_module_stems(&mut stems);
                    }
                }
                for stem in stems {
                    candidates.insert((crate::facts::dir_of(&o.path), stem.to_string()));
                }
            }
            let mut siblings: std::collections::BTreeMap<String, Vec<String>> = Default::default();
            if !candidates.is_empty() {
                let dirs: std::collections::BTreeSet<&String> =
                    candidates.iter().map(|(d, _)| d).collect();
                for o in &product {
                    let dir = crate::facts::dir_of(&o.path);
                    if !dirs.contains(&dir) {
                        continue;
                    }
                    if let Some(stem) = crate::model::unreferenced::module_stem(&o.path) {
                        let list = siblings.entry(dir).or_default();
                        if list.len() < 256 && !list.iter().any(|s| s == stem) {
                            list.push(stem.to_string());
                        }
                    }
                }
            }
            index.count_module_names(
                candidates,
                &siblings,
                product.iter().map(|o| (o.path.as_str(), &o.facts)),
                &self.manifest_words,
            );
            index.count_names(
                names,
                product.iter().map(|o| (o.path.as_str(), &o.facts)),
                &self.manifest_words,
            );
        }
        index.link_imports(outcomes.iter().map(|o| {
            (
                o.path.as_str(),
                o.stack == Some(Stack::Frontend) && !server_component(o),
                &o.facts,
            )
        }));
        for root in &self.spring.actuator {
            index.add_health_root(root.clone());
        }
        for root in &self.spring.graceful {
            index.add_graceful_root(root.clone());
        }
        for (root, v) in &self.spring.versions {
            index.add_spring_version(root.clone(), *v);
        }
        // Rust files declared as `#[cfg(test)]` modules are test code.
        let test_modules: std::collections::HashSet<String> = if self.opts.include_tests {
            Default::default()
        } else {
            outcomes
                .iter()
                .flat_map(|o| o.facts.test_modules.iter().cloned())
                .collect()
        };
        // Go packages only test files import are test code too.
        let go_test_packages = if self.opts.include_tests {
            Default::default()
        } else {
            crate::facts::go_test_only_packages(
                &self.project.go_modules,
                outcomes.iter().map(|o| (o.path.as_str(), &o.facts)),
            )
        };
        // Go packages and Rust modules only one-shot programs build from run
        // once per command.
        let mut tools = crate::facts::go_tool_only_packages(
            &self.project.go_modules,
            outcomes.iter().map(|o| (o.path.as_str(), &o.facts)),
        );
        tools.extend(crate::facts::rust_tool_only_files(
            &self.project.rust_crates,
            outcomes
                .iter()
                .map(|o| (o.path.as_str(), o.service_root.as_str(), &o.facts)),
        ));
        index.set_go_tools(tools);
        // A finding about a whole service (no health route) is reported once per service.
        let mut reported_services: std::collections::HashSet<(&'static str, String)> =
            std::collections::HashSet::new();
        for o in outcomes {
            let root = o.service_root;
            let test_module = test_modules.contains(&o.path)
                || (o.path.ends_with(".go")
                    && go_test_packages.contains(&crate::facts::dir_of(&o.path)));
            if !test_module && !o.interactions.is_empty() {
                let mut records = o.interactions;
                // A Celery task's ack the decorator leaves open is the app's:
                // late where the service's configuration says so, else on
                // receipt, Celery's default.
                // (Read at run time, `env.bool(…)`: it stays unknown.)
                let acks_late = index.holds(&crate::facts::Unless::CeleryAcksLate, &root, &o.path);
                let unknown = !acks_late && index.celery_acks_unknown(&root);
                for r in records.iter_mut().filter(|r| r.api == "celery task") {
                    if !unknown && r.settings.get("ack").is_some_and(|a| a.state == "unknown") {
                        r.settings
                            .insert("ack", crate::model::crossings::celery_app_ack(acks_late));
                    }
                }
                result.interactions.push(FileInteractions {
                    path: o.path.clone(),
                    service_root: root.clone(),
                    records,
                });
            }
            for p in o.findings {
                if test_module {
                    continue;
                }
                let health = p.unless.as_ref().is_some_and(|u| u.is_service_wide());
                let Some(f) = complete(p, &index, &root) else {
                    continue;
                };
                if health && !reported_services.insert((f.rule, root.clone())) {
                    continue;
                }
                result.findings.push(f);
            }
            result.errors.extend(o.errors);
            result.notes.extend(o.notes);
            result.usage_errors.extend(o.usage_errors);
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
        result
    }
}

/// A Go test file left out of the scan, as the project sees it: only what it
/// imports (`import "x"`, `import ( … )`), read from its header as text. It
/// has no other facts, so it belongs to no service.
pub fn go_test_file(path: &str, text: &str) -> FileOutcome {
    let mut imports = Vec::new();
    let mut in_block = false;
    for line in text.lines().take(2_000) {
        let line = line.trim();
        let spec = if in_block {
            if line.starts_with(')') {
                in_block = false;
                continue;
            }
            line
        } else if let Some(rest) = line.strip_prefix("import") {
            let rest = rest.trim_start();
            if let Some(block) = rest.strip_prefix('(') {
                in_block = true;
                block.trim_start()
            } else {
                rest
            }
        } else if ["func ", "type ", "var ", "const "]
            .iter()
            .any(|k| line.starts_with(k))
        {
            break;
        } else {
            continue;
        };
        // `alias "path"`, `_ "path"`, `"path" // comment`
        if let Some(path) = spec.split('"').nth(1).filter(|_| spec.contains('"')) {
            if !path.is_empty() && imports.len() < 256 {
                imports.push(path.to_string());
            }
        }
    }
    let mut out = FileOutcome {
        path: path.to_string(),
        ..FileOutcome::default()
    };
    out.facts.go_imports = imports;
    out
}

/// The build constraint in a Go file's header (`//go:build EXPR`; the old
/// `// +build` form only for `ignore`). `ignore` leaves the file out of every
/// build: a program run by hand with `go run`, not product code.
fn go_build_constraint(text: &str) -> Option<&str> {
    let header = || {
        text.lines()
            .map(str::trim)
            .take_while(|l| !l.starts_with("package "))
            .take(64)
    };
    header()
        .find_map(|l| l.strip_prefix("//go:build "))
        .map(str::trim)
        .or_else(|| {
            header()
                .any(|l| l == "// +build ignore")
                .then_some("ignore")
        })
}

/// The tag a build constraint requires that no release build sets (`debug`,
/// `integration && linux`, `e2e || debug`): code for debugging or testing,
/// compiled only when asked for.
fn dev_tag(expr: &str) -> Option<&str> {
    const DEV_TAGS: &[&str] = &[
        "debug",
        "dev",
        "e2e",
        "integration",
        "integration_test",
        "test",
        "testing",
        "mock",
        "mocks",
    ];
    if expr.contains('!') || expr.contains('(') {
        return None;
    }
    let dev = |tag: &str| DEV_TAGS.contains(&tag.trim());
    if expr.contains("||") {
        // Every alternative needs a development tag.
        let mut alts = expr.split("||").map(str::trim);
        return if expr.contains("&&") {
            None
        } else if alts.clone().all(dev) {
            alts.next()
        } else {
            None
        };
    }
    expr.split("&&").map(str::trim).find(|t| dev(t))
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Completes a finding with what only the whole project can tell, or drops it
/// when another file supplies what it said was missing.
fn complete(p: Pending, index: &ProjectIndex, root: &str) -> Option<Finding> {
    if p.unless
        .as_ref()
        .is_some_and(|u| index.holds(u, root, &p.finding.path))
    {
        return None;
    }
    let mut f = p.finding;
    if let Some(h) = &p.hint {
        if let Some(text) = index.hint_text(h, root, &f.path) {
            match h {
                crate::facts::Hint::Reaches(_) => f.issue = format!("{} {}", f.issue, text),
                _ => f.fix = format!("{} {}", f.fix, text),
            }
        }
    }
    Some(f)
}

impl Engine {
    /// Checks one file: parse once, walk once, run the rules its nodes
    /// subscribed them to. Reads nothing but `text`.
    pub fn check_source(&self, file: &FileMeta, text: &str) -> FileOutcome {
        let mut out = FileOutcome {
            path: file.path.clone(),
            service_root: file.service_root.clone(),
            ..FileOutcome::default()
        };
        out.lines = text.lines().count();
        out.bytes = text.len() as u64;
        // Every file read can name a definition, generated code and
        // deployment descriptors too; what names what matters only when the
        // scan sees the whole repository.
        let mut out = self.check_read(file, text, out);
        if self.whole_repository && !self.opts.parse_only {
            out.facts.words = crate::model::unreferenced::words(text);
            out.facts.dynamic_loads = crate::model::unreferenced::loads_modules_dynamically(text);
            // A definition its own file names again is reached from there;
            // its doc comment (`// serveTLS starts …`) does not reach it.
            let mut seen: HashMap<String, bool> = HashMap::new();
            let mut once = |name: &str| {
                *seen
                    .entry(name.to_string())
                    .or_insert_with(|| crate::model::unreferenced::named_once_in_code(text, name))
            };
            for p in &mut out.findings {
                if let Some(u) = &mut p.unless {
                    u.retain_unreferenced(&mut once);
                }
            }
        }
        out
    }

    fn check_read(&self, file: &FileMeta, text: &str, mut out: FileOutcome) -> FileOutcome {
        let (tables, project, opts) = (&self.tables, &self.project, &self.opts);
        match file.lang {
            Lang::Dockerfile => {
                let doc = crate::model::config::ConfigDoc::dockerfile(text);
                // The image checks its own health: its service has a probe.
                out.facts.health_route = doc.healthcheck.is_some();
                out.facts.image = true;
                out.facts.probe_scripts = doc.probe_scripts.clone();
                out.config = Some(doc);
                out.stack = Some(Stack::Config);
                return out;
            }
            Lang::Yaml => {
                if !crate::scan::is_config_yaml(&file.path, file.helm_values, text) {
                    return out;
                }
                if text.contains("{{") {
                    // A Helm template is not YAML until rendered.
                    out.config = Some(crate::model::config::ConfigDoc::empty(
                        crate::model::config::ConfigKind::HelmTemplate,
                    ));
                    out.stack = Some(Stack::Config);
                    return out;
                }
            }
            _ => {}
        }
        if crate::scan::is_generated_source(text) {
            return out.skip("generated code".to_string());
        }
        if file.lang == Lang::Go {
            match go_build_constraint(text) {
                Some("ignore") => {
                    return out.skip("excluded from every build (`//go:build ignore`)".to_string())
                }
                Some(expr) => {
                    if let Some(tag) = dev_tag(expr) {
                        return out.skip(format!(
                            "built only with the `{tag}` tag (`//go:build {tag}`), never into a release"
                        ));
                    }
                }
                None => {}
            }
        }
        if file.lang.family() == crate::lang::Family::Ts && crate::scan::is_minified(text) {
            return out.skip("minified bundle".to_string());
        }
        let Some(grammar) = file.lang.grammar() else {
            return out;
        };
        // The YAML grammar keeps one entry per open indentation level in a
        // fixed buffer and aborts the process past it: such a file is not parsed.
        if file.lang == Lang::Yaml {
            if let Some(line) = crate::scan::yaml_indentation_beyond(text, MAX_YAML_INDENT) {
                out.errors.push(ScanError {
                    path: file.path.clone(),
                    message: format!(
                        "line {line} is indented more than {MAX_YAML_INDENT} columns deep; the file was not parsed"
                    ),
                });
                return out;
            }
        }
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
            // The parser reports progress now and then; past the budget it stops.
            let started = std::time::Instant::now();
            let budget = self.opts.parse_budget;
            let mut over_budget = |_: &tree_sitter::ParseState| started.elapsed() > budget;
            let bytes = text.as_bytes();
            parser.parse_with_options(
                &mut |i, _| bytes.get(i..).unwrap_or(&[]),
                None,
                Some(tree_sitter::ParseOptions::new().progress_callback(&mut over_budget)),
            )
        });
        let Some(tree) = tree else {
            // A cancelled parse leaves the parser mid-way: start afresh next time.
            PARSERS.with(|p| p.borrow_mut().remove(&file.lang));
            out.errors.push(ScanError {
                path: file.path.clone(),
                message: format!(
                    "parsing took longer than {:?} (--parse-timeout); the file was not scanned",
                    self.opts.parse_budget
                ),
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
                        path: file.path.clone(),
                        message,
                    });
                } else {
                    out.notes.push(format!("{}: {message}", file.path));
                }
            }
        }
        if file.lang == Lang::Yaml && !opts.parse_only {
            let yaml = crate::model::config::Yaml::from_tree(tree.root_node(), text);
            let doc = crate::model::config::ConfigDoc::yaml(&yaml, &file.path, file.helm_values);
            out.facts.probe_scripts = doc.probe_scripts.clone();
            out.config = Some(doc);
            out.stack = Some(Stack::Config);
            return out;
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
        let (mut model, candidates) = walk(file.lang, &tree, text, table);
        if let Some(line) = model.too_deep {
            out.errors.push(ScanError {
                path: file.path.clone(),
                message: format!(
                    "code nested more than {} syntax levels deep (from line {line}) was not checked; the rest of the file was",
                    crate::semantic::walk::MAX_CHECKED_DEPTH
                ),
            });
        }
        let fact_nodes: Vec<crate::model::facts::FactNode> = candidates
            .iter()
            .filter(|c| c.rule == FACTS)
            .map(|c| (c.node, model.function_at(c.frame), c.event))
            .collect();
        model.facts = crate::model::facts::extract(&model, tree.root_node(), &fact_nodes);
        // A tooling directory, a pyinvoke tasks file (`from invoke import task`),
        // an Alembic migration (`from alembic import op`, wherever its
        // `versions/` sits; not a module running them with `alembic.command`)
        // or a notebook kept as a script: commands, migrations and cells run
        // once, by hand or at deploy.
        // A Django management command's module holds one command.
        model.facts.roles.command_file =
            file.lang.family() == Family::Py && django_command(&file.path).is_some();
        model.tooling = crate::model::roles::is_tooling_path(&file.project_path)
            || file.package == Some(crate::project::PackageKind::Cli)
            || (file.lang.family() == Family::Py
                && (model
                    .modules
                    .iter()
                    .any(|m| m == "invoke" || m.starts_with("invoke."))
                    || model.import_target("op") == Some("alembic.op")
                    || crate::model::roles::is_notebook(text)
                    || crate::model::roles::is_interactive_shell(&model.modules, text)
                    || crate::model::roles::says_usage_python(text)));
        // `--stack` overrides detection for code; config stays config.
        let detected = crate::stack::detect(file, &model);
        let stack = match opts.stack {
            _ if detected == Stack::Config => Stack::Config,
            StackOverride::Backend => Stack::Backend,
            StackOverride::Frontend => Stack::Frontend,
            StackOverride::Auto => detected,
        };
        out.stack = Some(stack);
        out.facts = FileFacts::gather(&model, &file.path, file.vocabulary.as_deref());
        out.facts.product_path = !crate::model::roles::is_tooling_path(&file.project_path)
            && !crate::model::roles::is_example_path(&file.project_path);
        // The script modules this one imports by relative path or through an
        // alias its `tsconfig.json` declares.
        if file.lang.family() == Family::Ts {
            out.facts.script_imports = model
                .modules
                .iter()
                .filter_map(|m| {
                    crate::facts::relative_module(&file.path, m)
                        .or_else(|| self.aliases.module(&file.path, m))
                })
                .collect();
            out.facts.client_marks = crate::stack::marks_client(model.src);
            out.facts.server_marks = crate::stack::marks_server(model.src);
        }
        // A migration is also a typed document: the constraints it creates.
        if let Some(kind) = crate::model::migrations::kind(&file.project_path, &model) {
            let doc = crate::model::migrations::document(&model, tree.root_node(), kind);
            out.facts.unique_columns = doc
                .unique
                .iter()
                .flat_map(|u| {
                    let table = u.table.as_deref().map(crate::facts::table_key);
                    u.columns
                        .iter()
                        .map(move |c| (table.clone(), crate::facts::column_key(c)))
                })
                .collect();
            out.config = Some(doc);
        }
        // The interactions: every boundary crossing with its settings, decided once
        // for every rule and report that asks.
        if stack == Stack::Backend {
            let callee_memo = std::cell::Cell::new((usize::MAX, 0, 0));
            let calls = || {
                candidates
                    .iter()
                    .filter(|c| c.rule == FACTS && matches!(c.event, Event::Call | Event::New))
            };
            let mut found = Vec::new();
            // The client APIs this file bounds, where it sets their timeout itself.
            let mut bounded: Vec<(&'static str, usize)> = Vec::new();
            for c in calls() {
                let Some(i) = crate::model::interaction::sync_rpc(
                    &Cx::at(&model, file, stack, project, c, &callee_memo),
                    c.node,
                ) else {
                    continue;
                };
                if let crate::model::interaction::Setting::Set {
                    line,
                    disables: false,
                    ref value,
                } = i.timeout
                {
                    // A forwarded cancellation is no precedent for a timeout,
                    // nor is one set in inline test code (`#[cfg(test)] mod tests`).
                    if value != crate::model::interaction::FORWARDED_SIGNAL
                        && !bounded.iter().any(|(api, _)| *api == i.api.id)
                        && !model.in_test_code(c.frame)
                    {
                        bounded.push((i.api.id, line));
                    }
                }
                found.push((c.node.id(), i));
            }
            bounded.sort();
            out.facts.bounded_apis = bounded;
            // Looked up by node id (binary search): linear in the file overall.
            found.sort_by_key(|(id, _)| *id);
            model.interactions = found;
            // Every crossing as a report record, in source order.
            let mut records = crate::model::crossings::consumes(&model, &file.path);
            records.extend(crate::model::crossings::celery_tasks(&model, &file.path));
            // With the calls between functions by name, and the functions that call
            // out themselves: what a task or handler reaches, across files.
            let mut edges: Vec<(u32, &str)> = Vec::new();
            let classes = PyClasses::of(&model);
            let mut foreign: Vec<(u32, &str, crate::facts::Foreign)> = Vec::new();
            let mut plain: Vec<(u32, &str)> = Vec::new();
            let mut calling_out: Vec<(u32, String)> = Vec::new();
            // The functions making a request themselves (not running a program).
            let mut requesting: Vec<u32> = Vec::new();
            let mut command_calls: Vec<(u32, String)> = Vec::new();
            // A program a person runs (a tooling directory's script, a
            // script of top-level steps) is a command, whole: its top-level
            // calls are its command's.
            let hand_run = crate::model::roles::hand_run(&model, &file.project_path);
            let mut top_level_calls: Vec<&str> = Vec::new();
            // Python: calls through an imported module, and by a bare name.
            let mut module_calls: Vec<(u32, &str, &str, &str)> = Vec::new();
            let star_import = model.lang.family() == Family::Py && model.src.contains("import *");
            // Go: calls of package-level functions by their package (see
            // [`crate::facts::go_function_key`]), and the functions handed on
            // as values (`None`: whoever holds one may call it, any number of
            // times).
            let go_package = (model.lang.family() == Family::Go)
                .then(|| crate::facts::go_package_of(&project.go_modules, &file.path))
                .flatten();
            let mut go_calls: Vec<(Option<u32>, String)> = Vec::new();
            // This module's functions, and those of them handed to a call as a
            // value (`Thread(target=set_official)`, `executor.submit(ping)`):
            // whoever holds one may call it any number of times, so it gets a
            // caller that is never one-shot (`?`).
            let mut module_functions: Vec<&str> = (0..model.functions.len() as u32)
                .filter(|&id| model.is_module_function(id))
                .map(|id| model.function(id).name.as_str())
                .filter(|name| !name.starts_with('<'))
                .collect();
            module_functions.sort_unstable();
            let mut value_refs: Vec<&str> = Vec::new();
            let own_module =
                crate::facts::python_module_of(&file.path, &file.service_root).unwrap_or_default();
            let mut bare_calls: Vec<(u32, &str)> = Vec::new();
            // Calls under a deadline (`asyncio.wait_for(sync())`,
            // `tokio::time::timeout(d, sync())`, Go's `sync(ctx)` with `ctx`
            // from `context.WithTimeout`), and the others: (caller, callee).
            let deadlines = Deadlines::of(&model);
            let mut under_deadline: Vec<(u32, &str, DeadlineKind)> = Vec::new();
            let mut looped: Vec<&str> = Vec::new();
            let mut endless: Vec<&str> = Vec::new();
            let (mut detached, mut waited): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
            let scripts = model.lang.family() == Family::Ts;
            let mut jobs = QueuedJobs::default();
            let rq = model.lang == Lang::Python
                && ["rq", "django_rq", "rq_scheduler"]
                    .iter()
                    .any(|p| model.imports_module(p));
            // A function handed on by keyword needs the keyword in the text.
            let handoffs = model.lang == Lang::Python
                && ["func=", "function=", "func =", "function ="]
                    .iter()
                    .any(|k| model.src.contains(k));
            for c in calls() {
                let cx = Cx::at(&model, file, stack, project, c, &callee_memo);
                // Calls that can be of a function of the project by name: `f(…)`
                // or a method on `this`, not a method of some other object.
                if scripts && crate::semantic::ts::calls_by_name(c.node, model.src) {
                    let callee = cx.callee_name(c.node);
                    if !callee.is_empty() {
                        if crate::semantic::ts::started_and_left(c.node, model.src) {
                            detached.push(callee);
                        } else {
                            waited.push(callee);
                        }
                    }
                }
                if rq || handoffs {
                    queued_job(&cx, c.node, model.function_at(c.frame), rq, &mut jobs);
                }
                if !module_functions.is_empty() {
                    handed_functions(&model, c.node, &module_functions, &mut value_refs);
                }
                if let Some(own) = &go_package {
                    go_handed_functions(&model, c.node, own, &project.go_modules, &mut go_calls);
                }
                let record = crate::model::crossings::record(&cx, c.node);
                if let Some(caller) = model.function_at(c.frame) {
                    let callee = cx.callee_name(c.node);
                    // A known client's call, or a request whose target the code shows:
                    // `session.get("trainer")` on a web framework's session is not one.
                    let requests = record.as_ref().is_some_and(|r| {
                        r.kind == crate::model::interaction::Kind::SyncRpc
                            && (model.interaction_at(c.node).is_some()
                                || r.target.kind != "unknown"
                                || !names_a_key(&cx, c.node))
                    }) && !model.functions.iter().any(|f| f.name == callee);
                    if requests {
                        requesting.push(caller);
                    }
                    let calls_out = requests || runs_a_program(&cx, c.node);
                    // (A call of a function of this file, `fetch(url)` in Python, is
                    // followed by name instead.) The first such call is its witness.
                    if calls_out && !calling_out.iter().any(|(f, _)| *f == caller) {
                        let label = cx
                            .call(c.node)
                            .map(|call| cx.call_label(&call))
                            .unwrap_or_else(|| cx.snippet(c.node, 40));
                        let line = c.node.start_position().row + 1;
                        calling_out.push((caller, format!("`{label}` at `{}:{line}`", file.path)));
                    }
                    // A function calling itself (`self.download(cursor)` paging
                    // through results), or an override calling the method it
                    // overrides (`super().run()`, `Base.run(self)`), is no caller
                    // of its own.
                    let recursion = callee == model.function(caller).name
                        && cx.call(c.node).is_some_and(|call| {
                            let callee = model.text(call.callee);
                            match callee.rsplit_once('.') {
                                None => true,
                                Some((receiver, _)) => {
                                    let receiver = receiver.trim();
                                    matches!(receiver, "self" | "this" | "cls")
                                        || receiver.starts_with("super(")
                                        || (receiver.starts_with(|c: char| c.is_ascii_uppercase())
                                            && call
                                                .positional(0)
                                                .is_some_and(|a| model.text(a) == "self"))
                                }
                            }
                        });
                    if !callee.is_empty() && !recursion {
                        match foreign_scope(&model, &classes, caller, c.node) {
                            Some(scope) => foreign.push((caller, callee, scope)),
                            None => plain.push((caller, callee)),
                        }
                        edges.push((caller, callee));
                        if let Some(own) = &go_package {
                            if let Some(key) = cx.call(c.node).and_then(|call| {
                                go_callee_key(&model, call.callee, own, &project.go_modules)
                            }) {
                                go_calls.push((Some(caller), key));
                            }
                        }
                        if let Some(kind) = deadlines.of_call(&cx, caller, c.node) {
                            under_deadline.push((caller, callee, kind));
                        }
                        if model.lang.family() == Family::Py {
                            match module_call(&model, c.node) {
                                // `ping(url)`: of the module it is imported from,
                                // else of this one ("").
                                Some(ModuleCall::Bare) => {
                                    // Imported by name, or this module's own; a
                                    // builtin or a local function is neither.
                                    let module = match model.import_target(callee) {
                                        Some(t) => t.rsplit_once('.').map(|(m, _)| {
                                            if m.is_empty() {
                                                "."
                                            } else {
                                                m
                                            }
                                        }),
                                        None => module_functions
                                            .binary_search(&callee)
                                            .is_ok()
                                            .then_some(""),
                                    };
                                    if let Some(module) = module {
                                        module_calls.push((caller, module, "", callee));
                                    }
                                    // A star import may bring a function of any module.
                                    if star_import {
                                        bare_calls.push((caller, callee));
                                    }
                                }
                                Some(ModuleCall::Through(module, rest))
                                    if !is_python_library_module(module) =>
                                {
                                    module_calls.push((caller, module, rest, callee))
                                }
                                Some(ModuleCall::Through(..)) | None => {}
                            }
                        }
                        if cx.in_loop() {
                            looped.push(callee);
                            if in_endless_loop(&model, c.frame) {
                                endless.push(callee);
                            }
                        }
                    }
                    // Django's `call_command("name")` runs that command's `handle`.
                    if callee == "call_command" && model.lang.family() == Family::Py {
                        if let Some(arg) = cx.call(c.node).and_then(|call| call.positional(0)) {
                            let name = crate::semantic::unquote(model.text(arg));
                            if !name.is_empty() && name.len() < model.text(arg).len() {
                                command_calls.push((caller, format!("call_command:{name}")));
                            }
                        }
                    }
                } else if hand_run {
                    // A script's own steps, run from its top.
                    let callee = cx.callee_name(c.node);
                    if !callee.is_empty() {
                        top_level_calls.push(callee);
                    }
                }
                records.extend(record);
            }
            // A Go program's function kept in a variable by another of its
            // functions (`commandF = doVars`, then `commandF(args)`): run by
            // that function, as if called there.
            if model.lang.family() == Family::Go && model.facts.roles.go_main_package {
                let from = edges.len();
                go_function_values(&model, &mut edges);
                if let Some(own) = &go_package {
                    go_calls.extend(
                        edges[from..]
                            .iter()
                            .map(|&(f, name)| (Some(f), crate::facts::go_function_key(own, name))),
                    );
                }
            }
            let key = |n: &str| crate::facts::name_key(model.lang, n);
            let name = |f: u32| key(&model.function(f).name);
            // A command's calls are made by the command, named for its file
            // (`cli:lemur/manage.py`): commands are entered by a person, not called
            // by name, and their own names (`handle`, `run`) say nothing.
            let command_key = format!("cli:{}", file.path);
            let is_command = |f: u32| {
                let roles = &model.facts.roles;
                roles.command_file || hand_run || crate::model::roles::in_command(&model, Some(f))
            };
            let caller_name = |f: u32| {
                if is_command(f) {
                    command_key.clone()
                } else {
                    name(f)
                }
            };
            // The project's bounded call helpers: named for a timeout, and making
            // a request themselves (one that runs a program with a timeout,
            // `_popen_timeouted`, is no way to bound a request).
            requesting.sort_unstable();
            requesting.dedup();
            let mut helpers: Vec<(String, usize)> = requesting
                .iter()
                .map(|f| model.function(*f))
                .filter(|func| {
                    func.name.to_ascii_lowercase().contains("timeout")
                        && !func.name.starts_with('<')
                })
                .map(|func| (func.name.clone(), func.node.start_position().row + 1))
                .collect();
            helpers.sort();
            helpers.dedup();
            out.facts.timeout_helpers = helpers;
            calling_out.sort_unstable();
            out.facts.calls_out = calling_out
                .into_iter()
                .map(|(f, witness)| (caller_name(f), witness))
                .collect();
            edges.sort_unstable();
            // A pair is under a deadline when every call it stands for is:
            // as many of its calls under one as it has calls.
            under_deadline.sort_unstable();
            let calls_of = |list: &[(u32, &str)], pair: (u32, &str)| {
                let from = list.partition_point(|p| *p < pair);
                list[from..].iter().take_while(|p| **p == pair).count()
            };
            let mut deadline_pairs: Vec<(u32, &str, DeadlineKind)> = Vec::new();
            for group in under_deadline.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
                let (caller, callee, _) = group[0];
                if group.len() == calls_of(&edges, (caller, callee)) {
                    // A context on one of its calls: bounded only where it is carried.
                    let kind = if group.iter().any(|g| g.2 == DeadlineKind::Context) {
                        DeadlineKind::Context
                    } else {
                        DeadlineKind::Wrapper
                    };
                    deadline_pairs.push((caller, callee, kind));
                }
            }
            edges.dedup();
            looped.sort_unstable();
            looped.dedup();
            for (list, out_list) in [
                (&mut detached, &mut out.facts.detached_calls),
                (&mut waited, &mut out.facts.waited_calls),
            ] {
                list.sort_unstable();
                list.dedup();
                *out_list = list.iter().map(|n| key(n)).collect();
            }
            out.facts.looped_callees = looped.into_iter().map(key).collect();
            endless.sort_unstable();
            endless.dedup();
            out.facts.endless_callees = endless.into_iter().map(key).collect();
            out.facts.go_init = model.lang.family() == Family::Go
                && model
                    .functions
                    .iter()
                    .any(|f| f.parent.is_none() && f.name == "init");
            if model.lang.family() == Family::Go {
                out.facts.go_main = model
                    .functions
                    .iter()
                    .any(|f| f.parent.is_none() && f.name == "main")
                    && model.src.lines().take(256).any(|l| {
                        l.trim()
                            .strip_prefix("package main")
                            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '/']))
                    });
                out.facts.go_daemon = crate::facts::go_daemon_marks(model.src);
            }
            if model.lang == Lang::Rust {
                out.facts.rust_paths = crate::facts::rust_paths(model.src);
                out.facts.rust_daemon = crate::facts::rust_daemon_marks(model.src);
            }
            if edges.iter().any(|&(f, _)| is_command(f))
                || model.facts.roles.command_file
                || hand_run
            {
                out.facts.commands.push(command_key.clone());
            }
            // A pair is foreign only when none of its calls is an ordinary one.
            plain.sort_unstable();
            plain.dedup();
            foreign.retain(|(f, callee, _)| plain.binary_search(&(*f, *callee)).is_err());
            foreign.sort_unstable();
            foreign.dedup();
            out.facts.foreign_edges = foreign
                .into_iter()
                .map(|(f, callee, scope)| (caller_name(f), key(callee), scope))
                .collect();
            jobs.queued.sort_unstable();
            jobs.queued.dedup();
            out.facts.queued_jobs = jobs.queued;
            out.facts.job_wrappers = jobs
                .wrappers
                .into_iter()
                .map(|(f, p)| (caller_name(f), p))
                .collect();
            out.facts.job_wrappers.sort_unstable();
            out.facts.job_wrappers.dedup();
            jobs.handoffs.sort_unstable();
            jobs.handoffs.dedup();
            out.facts.job_handoffs = jobs.handoffs;
            out.facts.class_bases = classes.bases();
            out.facts.method_names = classes.methods();
            out.facts.class_methods = classes.class_methods();
            // By their index among the call edges (sorted alike): no copies.
            out.facts.bare_edges = bare_calls
                .iter()
                .filter_map(|pair| edges.binary_search(pair).ok())
                .map(|i| i as u32)
                .collect();
            out.facts.bare_edges.sort_unstable();
            out.facts.bare_edges.dedup();
            for (caller, callee, kind) in deadline_pairs {
                if let Ok(i) = edges.binary_search(&(caller, callee)) {
                    match kind {
                        DeadlineKind::Wrapper => out.facts.deadline_edges.push(i as u32),
                        DeadlineKind::Context => out.facts.context_deadline_edges.push(i as u32),
                    }
                }
            }

            // Which callers nothing but their name reaches, when the scan
            // sees every file that could name them.
            if self.whole_repository && !self.opts.parse_only {
                let callers: Vec<(u32, String)> = edges
                    .iter()
                    .filter(|&&(f, _)| !is_command(f))
                    .map(|&(f, _)| (f, name(f)))
                    .collect();
                out.facts.dead_callers =
                    crate::model::unreferenced::dead_callers(&model, &file.path, callers);
            }
            out.facts.call_edges = edges
                .into_iter()
                .map(|(f, callee)| (caller_name(f), key(callee)))
                .chain(
                    command_calls
                        .into_iter()
                        .map(|(f, cmd)| (caller_name(f), cmd)),
                )
                .chain(
                    top_level_calls
                        .into_iter()
                        .map(|callee| (command_key.clone(), key(callee))),
                )
                .collect();
            module_calls.sort_unstable();
            module_calls.dedup();
            // The caller too by its module where it is a module's function: its
            // own callers decide, not those of every function of its name.
            let caller_key = |f: u32| {
                if !is_command(f) && model.is_module_function(f) {
                    crate::facts::module_function_key(&own_module, &model.function(f).name)
                } else {
                    caller_name(f)
                }
            };
            out.facts.module_edges = module_calls
                .into_iter()
                .map(|(f, module, rest, callee)| {
                    let module = resolve_module(&own_module, module);
                    let key = crate::facts::module_function_key(&format!("{module}{rest}"), callee);
                    (caller_key(f), key)
                })
                .collect();
            // A Go package-level function by its package, as caller too.
            if let Some(own) = &go_package {
                go_calls.sort_unstable();
                go_calls.dedup();
                let go_caller_key = |f: u32| {
                    if !is_command(f) && model.is_go_package_function(f) {
                        crate::facts::go_function_key(own, &model.function(f).name)
                    } else {
                        caller_name(f)
                    }
                };
                // A function handed on, by name too: what follows calls by
                // name sees its unknown caller.
                for (_, key) in go_calls.iter().filter(|(f, _)| f.is_none()) {
                    let name = key.rsplit(':').next().unwrap_or("");
                    out.facts
                        .call_edges
                        .push(("?".to_string(), name.to_string()));
                }
                out.facts.module_edges.extend(
                    go_calls
                        .into_iter()
                        .map(|(f, key)| (f.map_or_else(|| "?".to_string(), go_caller_key), key)),
                );
                out.facts.module_edges.sort_unstable();
                out.facts.module_edges.dedup();
            }
            // A module's function handed on as a value (`Thread(target=set_official)`,
            // `on_message_callback=handle`): whoever holds it may call it, any
            // number of times, so it has a caller that is never one-shot (`?`).
            if model.lang == Lang::Python {
                value_refs.sort_unstable();
                value_refs.dedup();
                for name in value_refs {
                    out.facts.module_edges.push((
                        "?".to_string(),
                        crate::facts::module_function_key(&own_module, name),
                    ));
                    // And by name, for what follows calls by name.
                    out.facts
                        .call_edges
                        .push(("?".to_string(), name.to_ascii_lowercase()));
                }
                out.facts.module_edges.sort_unstable();
                out.facts.module_edges.dedup();
            }
            // A Django management command is entered through its `handle`:
            // `call_command("name")` runs the command's module.
            if let Some(command) = django_command(&file.path) {
                out.facts
                    .call_edges
                    .push((format!("call_command:{command}"), command_key.clone()));
            }
            records.sort_by_key(|r| (r.line, r.column));
            out.workflows = crate::model::crossings::workflows(&records);
            out.interactions = records;
        }
        run_rules(
            file,
            stack,
            &model,
            &candidates,
            project,
            opts.include_tests,
            &mut out,
        );
        apply_suppressions(file, text, opts, &mut out);
        out
    }
}

/// The top-level functions of a Go file that its functions assign to a
/// variable (`commandF = doVars`, `handler := serveStatus`), as edges from the
/// function assigning them.
fn go_function_values<'t>(model: &crate::semantic::Model<'t>, edges: &mut Vec<(u32, &'t str)>) {
    for (id, f) in model.functions.iter().enumerate() {
        if f.parent.is_some() {
            continue;
        }
        for d in crate::semantic::descendants(f.node).take(50_000) {
            if !matches!(
                d.kind_name(),
                "assignment_statement" | "short_var_declaration"
            ) {
                continue;
            }
            let Some(right) = d.child_by_field_name("right") else {
                continue;
            };
            for value in crate::semantic::named_children(right) {
                if value.kind_name() != "identifier" {
                    continue;
                }
                let name = model.text(value);
                // A request handler kept in a variable still serves requests.
                if model
                    .functions
                    .iter()
                    .any(|g| g.parent.is_none() && g.name == name && !g.is_handler)
                {
                    edges.push((id as u32, name));
                }
            }
        }
    }
}

/// The key of the Go package-level function a call's callee names (see
/// [`crate::facts::go_function_key`]): a bare name is of the file's own
/// package (`own`), `alias.F` of the project's package imported as `alias`.
/// A method's call (`c.Fetch()`) names none.
fn go_callee_key(
    m: &crate::semantic::Model,
    callee: tree_sitter::Node,
    own: &str,
    modules: &[(String, String)],
) -> Option<String> {
    match callee.kind_name() {
        "identifier" => Some(crate::facts::go_function_key(own, m.text(callee))),
        "selector_expression" => {
            let operand = callee.child_by_field_name("operand")?;
            if operand.kind_name() != "identifier" {
                return None;
            }
            let path = m.import_target(m.text(operand))?;
            if !crate::facts::go_own_import(modules, path) {
                return None;
            }
            let field = callee.child_by_field_name("field")?;
            Some(crate::facts::go_function_key(path, m.text(field)))
        }
        _ => None,
    }
}

/// The Go package-level functions a call or a composite literal hands on as
/// values (`http.HandleFunc("/", serve)`, `&Job{Run: sync.Pull}`): whoever
/// holds one may call it any number of times, so each gets a caller that is
/// never one-shot (`None`).
fn go_handed_functions(
    m: &crate::semantic::Model,
    node: tree_sitter::Node,
    own: &str,
    modules: &[(String, String)],
    out: &mut Vec<(Option<u32>, String)>,
) {
    let mut handle = |v: tree_sitter::Node| {
        if v.kind_name() == "identifier"
            && matches!(m.text(v), "nil" | "true" | "false" | "err" | "ctx" | "_")
        {
            return;
        }
        if let Some(key) = go_callee_key(m, v, own, modules) {
            out.push((None, key));
        }
    };
    match node.kind_name() {
        "call_expression" => {
            for v in node
                .child_by_field_name("arguments")
                .into_iter()
                .flat_map(crate::semantic::named_children)
            {
                handle(v);
            }
        }
        "composite_literal" => {
            for v in node
                .child_by_field_name("body")
                .into_iter()
                .flat_map(crate::semantic::named_children)
                .filter_map(|e| match e.kind_name() {
                    "keyed_element" => crate::semantic::named_children(e).last(),
                    _ => Some(e),
                })
                .map(|v| match v.kind_name() {
                    "literal_element" => crate::semantic::named_children(v).next().unwrap_or(v),
                    _ => v,
                })
            {
                handle(v);
            }
        }
        _ => {}
    }
}

/// What a Python file's calls hand to RQ to run as jobs (see
/// [`crate::facts::FileFacts::queued_jobs`]).
#[derive(Default)]
struct QueuedJobs {
    queued: Vec<String>,
    wrappers: Vec<(u32, String)>,
    handoffs: Vec<(String, String, String)>,
}

/// The keywords a function is handed on by to run later.
const JOB_KEYWORDS: &[&str] = &["func", "function"];

/// Records what `call` hands to RQ: a function to run as a job (`queue.enqueue(f)`,
/// `queue.enqueue_in(delay, f)`, `scheduler.cron(spec, func=f)`, a dotted path
/// as a string), or the caller's own parameter (the caller is then a
/// scheduling wrapper); and any function passed by a job keyword, which the
/// project resolves against the wrappers. A job with no time limit
/// (`job_timeout=-1`, `None`) is not recorded.
fn queued_job(
    cx: &Cx,
    node: tree_sitter::Node,
    caller: Option<u32>,
    rq: bool,
    jobs: &mut QueuedJobs,
) {
    let m = cx.m;
    let callee = cx.callee_name(node);
    let queues = rq
        && matches!(
            callee,
            "enqueue" | "enqueue_call" | "enqueue_in" | "enqueue_at" | "cron" | "schedule"
        );
    // Cheap before resolving the call: a queueing verb, or a job keyword among
    // the arguments as written.
    if !queues && !has_job_keyword(node, m.src) {
        return;
    }
    let Some(call) = cx.call(node) else { return };
    let unlimited = ["job_timeout", "timeout"].iter().any(|k| {
        call.kwarg(k)
            .is_some_and(|v| matches!(m.text(v).trim(), "-1" | "None"))
    });
    if unlimited {
        return;
    }
    // The function's last name: `sync`, `tasks.sync`, `"app.tasks.sync"`.
    let name_of = |arg: tree_sitter::Node| -> Option<String> {
        let text = crate::semantic::unquote(m.text(arg));
        let last = text.rsplit('.').next()?;
        (!last.is_empty() && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .then(|| last.to_ascii_lowercase())
    };
    let by_keyword = JOB_KEYWORDS
        .iter()
        .find_map(|k| call.kwarg(k).map(|v| (*k, v)));
    if queues {
        let handed = by_keyword.map(|(_, v)| v).or_else(|| match callee {
            "enqueue" | "enqueue_call" => call.positional(0),
            "enqueue_in" | "enqueue_at" => call.positional(1),
            _ => None,
        });
        if let Some(arg) = handed {
            let own_param = caller.and_then(|f| {
                let text = m.text(arg);
                m.function(f)
                    .params
                    .iter()
                    .find(|p| p.name == text)
                    .map(|p| (f, p.name.to_ascii_lowercase()))
            });
            match own_param {
                Some(wrapper) => jobs.wrappers.push(wrapper),
                None => jobs.queued.extend(name_of(arg)),
            }
            return;
        }
    }
    if let Some((k, v)) = by_keyword {
        if !callee.is_empty() && m.text(v) == crate::semantic::unquote(m.text(v)) {
            if let Some(name) = name_of(v) {
                jobs.handoffs
                    .push((callee.to_ascii_lowercase(), k.to_string(), name));
            }
        }
    }
}

/// Whether a Python call passes one of [`JOB_KEYWORDS`] (`function=sync`), read
/// from its argument list's own children.
fn has_job_keyword(node: tree_sitter::Node, src: &str) -> bool {
    let Some(args) = node.child_by_field_name("arguments") else {
        return false;
    };
    let mut c = args.walk();
    let found = args.named_children(&mut c).any(|a| {
        a.kind_name() == "keyword_argument"
            && a.child_by_field_name("name")
                .and_then(|n| src.get(n.byte_range()))
                .is_some_and(|n| JOB_KEYWORDS.contains(&n))
    });
    found
}

/// Whether a call in `frame` sits in a loop that never ends (`while True`,
/// `for {}`, `loop`) within its function: a daemon's work, not a command's.
/// Walks the walk's frames, not the syntax tree: a node's parent is found by
/// a search from the root, which deep nesting would make quadratic.
fn in_endless_loop(m: &crate::semantic::Model, frame: Option<crate::semantic::FrameId>) -> bool {
    let mut cur = frame;
    for _ in 0..64 {
        let Some(id) = cur else { return false };
        let Some(f) = m.frames.get(id as usize) else {
            return false;
        };
        match f.kind {
            crate::semantic::FrameKind::Function(_) => return false,
            crate::semantic::FrameKind::Loop
                if m.frame_nodes
                    .get(id as usize)
                    .is_some_and(|n| crate::semantic::retry::is_infinite_loop(m, *n)) =>
            {
                return true;
            }
            _ => {}
        }
        cur = f.parent;
    }
    false
}

/// Whether a call starts another program and waits on it (`subprocess.run`,
/// `os.system`): work that can stall
/// like a call to a remote dependency.
fn runs_a_program(cx: &Cx, call: tree_sitter::Node) -> bool {
    // Resolved only for the few names that can be one.
    if cx.m.lang.family() != Family::Py
        || !matches!(
            cx.callee_name(call),
            "run"
                | "call"
                | "check_call"
                | "check_output"
                | "Popen"
                | "system"
                | "popen"
                | "create_subprocess_exec"
                | "create_subprocess_shell"
        )
    {
        return false;
    }
    let Some(c) = cx.call(call) else {
        return false;
    };
    let target = cx.resolve(c.callee).unwrap_or_default();
    matches!(
        target.as_str(),
        "subprocess.run"
            | "subprocess.call"
            | "subprocess.check_call"
            | "subprocess.check_output"
            | "subprocess.Popen"
            | "os.system"
            | "os.popen"
            | "asyncio.create_subprocess_exec"
            | "asyncio.create_subprocess_shell"
    )
}

/// Whether a call's first argument is a string that is no address
/// (`session.get("trainer.identity")`): a lookup by key, not a request.
fn names_a_key(cx: &Cx, call: tree_sitter::Node) -> bool {
    cx.call(call)
        .and_then(|c| c.positional(0))
        .is_some_and(|a| {
            let text = cx.m.text(a);
            let inner = crate::semantic::unquote(text);
            inner.len() < text.len() && !inner.contains(['/', ':', '{'])
        })
}

/// The command a Django management command module defines
/// (`app/management/commands/import_products.py` → `import_products`).
fn django_command(path: &str) -> Option<&str> {
    let (dir, file) = path.rsplit_once('/')?;
    if !(dir.ends_with("/management/commands") || dir == "management/commands") {
        return None;
    }
    file.strip_suffix(".py").filter(|n| !n.starts_with('_'))
}

/// The deepest indentation (in columns, a sequence's `- ` counted) a YAML file
/// may have. The grammar's scanner stores 4 bytes per open indentation level
/// after a 10-byte header in a 1,024-byte buffer, and levels are strictly
/// increasing columns: 240 columns keep it within 242 levels.
const MAX_YAML_INDENT: usize = 240;

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
    file: &FileMeta,
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
        let cx = Cx::at(model, file, stack, project, c, &callee_memo);
        rule.check(&cx, c.node, &mut buf);
        diags.extend(buf.drain(..).map(|d| (c.rule, d, c.frame)));
    }
    if diags.is_empty() {
        return;
    }
    let lines: Vec<&str> = model.src.lines().collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // One finding per rule per line: two calls, or a call and the statement
    // around it, on one line are one thing to fix.
    let mut reported: std::collections::HashSet<(u16, usize)> = Default::default();
    for (rule_idx, d, frame) in diags {
        let rule: &dyn Rule = rules::ALL[rule_idx as usize];
        let meta = rule.meta();
        let start = d.node.start_position();
        // Code after a `return` in its block never runs.
        if !reported.insert((rule_idx, start.row)) || crate::semantic::unreachable(d.node) {
            continue;
        }
        let end = d.node.end_position();
        let line_text = lines.get(start.row).copied().unwrap_or("");
        let (source_line, source_skip) = crate::finding::excerpt(line_text, start.column);
        let func = model
            .function_at(frame)
            .map(|f| model.function(f).name.as_str())
            .unwrap_or("");
        // The code without its layout: a formatter that breaks a call over
        // lines (and adds a trailing comma) leaves the fingerprint as it was.
        let code: String = model.text(d.node).split_whitespace().collect();
        let code = code
            .replace(",)", ")")
            .replace(",]", "]")
            .replace(",}", "}");
        let code: String = code.chars().take(200).collect();
        // The path is mixed in by the scan, relative to the repository's top,
        // so the fingerprint does not depend on where faultline runs from.
        let base = format!("{}\0{}\0{}", meta.id, func, code);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let digest = Sha256::digest(format!("{base}\0{n}").as_bytes());
        let fingerprint = crate::finding::hex(&digest[..8]);
        out.findings.push(Pending {
            hint: d.hint,
            unless: d.unless,
            finding: Finding {
                rule: meta.id,
                name: meta.name,
                pillar: meta.pillar.on(stack),
                severity: d.severity.unwrap_or(meta.severity),
                path: file.path.clone(),
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
                source_line,
                source_skip,
                evidence: d.evidence,
            },
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
fn apply_suppressions(file: &FileMeta, text: &str, opts: &Options, out: &mut FileOutcome) {
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
                // Each entry a rule ID or name, in any case; one that names no
                // rule suppresses nothing and is reported, with the nearest.
                let mut known = Vec::new();
                for token in ids.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    match crate::rules::by_id(token) {
                        Some(rule) => known.push(rule.meta().id.to_string()),
                        None => {
                            let message = format!(
                                "line {}: `faultline: ignore[{token}]` names no rule{}; `faultline rules` lists them",
                                i + 1,
                                crate::rules::did_you_mean(
                                    token,
                                    crate::rules::ALL
                                        .iter()
                                        .flat_map(|r| [r.meta().id, r.meta().name])
                                )
                            );
                            out.usage_errors.push(format!(
                                "{}:{}: {}",
                                file.path,
                                i + 1,
                                message.split_once(": ").map_or(message.as_str(), |(_, m)| m)
                            ));
                            out.errors.push(ScanError {
                                path: file.path.clone(),
                                message,
                            });
                        }
                    }
                }
                marks.insert(i + 1, (known, false));
            }
            _ => out.errors.push(ScanError {
                path: file.path.clone(),
                message: format!(
                    "line {}: `faultline: ignore` needs a rule list, e.g. `faultline: ignore[RES001] reason`; this suppression was not applied",
                    i + 1
                ),
            }),
        }
    }
    out.findings.retain(|p| {
        let f = &p.finding;
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
                    file.path,
                    ids.join(",")
                ));
            }
        }
    }
}

/// Manifests that mark the root of a service (or package, or crate).
const SERVICE_MANIFESTS: &[&str] = crate::project::SERVICE_MANIFESTS;

/// Checks an in-memory project: `files` are `(path, text)` pairs with `/`
/// separators, manifests (`package.json`, `pom.xml`, `go.mod`…) among them.
/// Service roots, packages and test code are decided from the paths alone, as
/// the command line decides them on disk.
pub fn check_files(files: &[(&str, &str)], opts: Options) -> ScanResult {
    let dir_of = |p: &str| {
        p.rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    };
    let names: Vec<(&str, &str)> = files.iter().map(|(p, _)| (*p, file_name(p))).collect();
    let service_dirs: std::collections::BTreeSet<String> = names
        .iter()
        .filter(|(_, n)| SERVICE_MANIFESTS.contains(n))
        .map(|(p, _)| dir_of(p))
        .collect();
    let workers: std::collections::BTreeSet<String> = names
        .iter()
        .filter(|(_, n)| crate::project::WRANGLER_CONFIGS.contains(n))
        .map(|(p, _)| dir_of(p))
        .collect();
    let client_only = crate::project::client_only_packages(
        files
            .iter()
            .filter(|(p, _)| file_name(p) == "package.json")
            .map(|(p, t)| (p.rsplit_once('/').map_or("", |(d, _)| d), *t)),
    );
    let packages: BTreeMap<String, PackageKind> = files
        .iter()
        .filter(|(p, _)| file_name(p) == "package.json")
        .map(|(p, t)| {
            let dir = dir_of(p);
            let kind = if workers.contains(&dir) {
                PackageKind::Edge
            } else if client_only.contains(&dir) {
                PackageKind::Ui
            } else {
                crate::project::classify_package_text(t)
            };
            (dir, kind)
        })
        .collect();
    let charts: std::collections::BTreeSet<String> = names
        .iter()
        .filter(|(_, n)| *n == "Chart.yaml")
        .map(|(p, _)| dir_of(p))
        .collect();
    // The nearest directory (the file's own first) that `holds`, walking up.
    fn nearest(path: &str, holds: impl Fn(&str) -> bool) -> Option<String> {
        let mut dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        loop {
            if holds(dir) {
                return Some(dir.to_string());
            }
            if dir.is_empty() {
                return None;
            }
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        }
    }
    let root_of = |path: &str| -> String {
        match nearest(path, |d| service_dirs.contains(d)) {
            Some(d) if d.is_empty() => ".".to_string(),
            Some(d) => d,
            None => String::new(),
        }
    };
    let by_path: HashMap<&str, &str> = files.iter().copied().collect();
    // The path of a file `name` in a service root (`.` is the top).
    let in_root = |root: &str, name: &str| {
        if root == "." {
            name.to_string()
        } else {
            format!("{root}/{name}")
        }
    };
    let library_dir = |root: &str| {
        let under = |name: &str| in_root(root, name);
        crate::project::is_library(&crate::project::ProjectDir {
            read: &|name| by_path.get(under(name).as_str()).map(|t| t.to_string()),
            is_file: &|name| by_path.contains_key(under(name).as_str()),
            is_dir: &|name| {
                let prefix = format!("{}/", under(name));
                by_path.keys().any(|p| p.starts_with(&prefix))
            },
        })
    };
    let manifests: Vec<Manifest> = files
        .iter()
        .filter(|(p, _)| {
            crate::discover::is_read_with_manifests(file_name(p))
                || crate::discover::is_requirements_dir_file(std::path::Path::new(p))
        })
        .map(|(p, t)| Manifest {
            path: p.to_string(),
            service_root: root_of(p),
            text: t.to_string(),
        })
        .collect();
    let include_tests = opts.include_tests;
    // An in-memory project with a `.git/` entry is a whole repository.
    let whole = files.iter().any(|(p, _)| p.starts_with(".git/"));
    let engine = Engine::new(opts, &manifests).whole_repository(whole, &manifests);
    let mut sources: Vec<(&str, &str)> = files
        .iter()
        .copied()
        .filter(|(p, _)| !crate::discover::is_manifest(file_name(p)))
        .collect();
    sources.sort();
    // A crate of test infrastructure holds test code, and so does one only
    // its own tests build.
    let roots: Vec<(&str, String)> = sources
        .iter()
        .filter(|(p, _)| p.ends_with(".rs"))
        .map(|(p, _)| (*p, root_of(p)))
        .collect();
    let test_crates = crate::project::rust_test_crates(
        roots.iter().map(|(p, r)| (*p, r.as_str(), r.as_str())),
        |root| {
            by_path
                .get(in_root(root, "Cargo.toml").as_str())
                .map(|t| t.to_string())
        },
    );
    let mut outcomes = Vec::new();
    for (path, text) in sources {
        let Some(lang) = Lang::from_path(std::path::Path::new(path)) else {
            continue;
        };
        let root = root_of(path);
        let is_test = crate::discover::is_test_path(std::path::Path::new(path))
            || (lang == Lang::Rust && test_crates.contains(&root));
        if is_test && !include_tests && lang == Lang::Go {
            outcomes.push(go_test_file(path, text));
        }
        if (is_test && !include_tests) || crate::discover::is_left_out_name(file_name(path)) {
            continue;
        }
        let package = match lang.family() {
            crate::lang::Family::Ts => {
                nearest(path, |d| packages.contains_key(d)).map(|d| packages[&d])
            }
            _ => None,
        };
        let origin = if crate::model::roles::is_example_path(path) {
            crate::model::Origin::Example
        } else if !root.is_empty() && library_dir(&root) {
            crate::model::Origin::Library
        } else {
            crate::model::Origin::Product
        };
        let meta = FileMeta {
            path: path.to_string(),
            project_path: path.to_string(),
            lang,
            is_test,
            package,
            service_root: root,
            helm_values: file_name(path).starts_with("values") && charts.contains(&dir_of(path)),
            origin,
            samples_repo: false,
            vocabulary: None,
        };
        outcomes.push(engine.check_source(&meta, text));
    }
    engine.finish(outcomes)
}

/// Scans one snippet as the file `path` of a small project (plus companion
/// files such as its `pom.xml`): the engine the rule cases and unit tests run
/// through. Errors other than syntax notes fail the call.
pub fn scan_snippet<'a>(
    path: &'a str,
    code: &'a str,
    enabled: &[bool],
    stack: Option<Stack>,
    companions: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Finding>, String> {
    Lang::from_path(std::path::Path::new(path)).ok_or_else(|| format!("no language for {path}"))?;
    let opts = Options {
        enabled: enabled.to_vec(),
        stack: match stack {
            Some(Stack::Backend) => StackOverride::Backend,
            Some(Stack::Frontend) => StackOverride::Frontend,
            _ => StackOverride::Auto,
        },
        ..Options::all_rules()
    };
    let files: Vec<(&str, &str)> = std::iter::once((path, code)).chain(companions).collect();
    let result = check_files(&files, opts);
    if let Some(e) = result
        .errors
        .iter()
        .find(|e| !e.message.starts_with("syntax error"))
    {
        return Err(format!("{}: {}", e.path, e.message));
    }
    Ok(result.findings)
}

/// A Go call of a standard library package's function (`signal.Notify(ch,
/// …)`, `errors.New(…)`): never of the project's function of that name. (An
/// import path whose first element has no dot is the standard library's.)
fn go_standard_call(model: &Model, call: tree_sitter::Node) -> Option<crate::facts::Foreign> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let callee = call.child_by_field_name("function")?;
    if callee.kind_name() != "selector_expression" {
        return None;
    }
    let operand = callee.child_by_field_name("operand")?;
    if operand.kind_name() != "identifier" {
        return None;
    }
    let path = model.import_target(model.text(operand))?;
    let first = path.split('/').next().unwrap_or(path);
    (!first.contains('.')).then(|| crate::facts::Foreign::Module(path.to_string()))
}

/// A Python call that cannot be of the project's function of its name, however
/// the name is spelled elsewhere: through an imported module (`subprocess.run`,
/// `uvicorn.run`) or an object one builds (`ql = Qiling(…)`, then `ql.run()`)
/// — foreign unless the module is the project's own, which the project index
/// decides — or `self.run()` in a class that defines `run` itself, which is
/// that class's method unless a class of the project derives from it.
fn foreign_scope(
    model: &Model,
    classes: &PyClasses,
    caller: u32,
    call: tree_sitter::Node,
) -> Option<crate::facts::Foreign> {
    if model.lang == crate::lang::Lang::Go {
        return go_standard_call(model, call);
    }
    if model.lang.family() != Family::Py || call.kind_name() != "call" {
        return None;
    }
    let callee = call.child_by_field_name("function")?;
    if callee.kind_name() != "attribute" {
        return None;
    }
    let method = model.text(callee.child_by_field_name("attribute")?);
    // The leftmost name of the receiver chain.
    let mut object = callee.child_by_field_name("object")?;
    for _ in 0..32 {
        match object.kind_name() {
            "attribute" => object = object.child_by_field_name("object")?,
            "call" => object = object.child_by_field_name("function")?,
            _ => break,
        }
    }
    if object.kind_name() != "identifier" {
        return None;
    }
    let name = model.text(object);
    if name == "self" {
        // Only `self.m()` itself, not `self.client.m()`.
        let receiver = callee.child_by_field_name("object")?;
        if receiver.kind_name() != "identifier" {
            return None;
        }
        let (name, methods) = classes.of_function(caller)?;
        return methods
            .contains(&method)
            .then(|| crate::facts::Foreign::OwnMethod(name.to_ascii_lowercase()));
    }
    // An instance of a class the code names: built here (`Engine(cfg).run()`)
    // or one row of a Django model (`Engine.objects.first().run()`).
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        let receiver = callee.child_by_field_name("object")?;
        let built = receiver.kind_name() == "call"
            && receiver
                .child_by_field_name("function")
                .is_some_and(|f| f.id() == object.id());
        let row = receiver.kind_name() == "call"
            && receiver
                .child_by_field_name("function")
                .and_then(|f| {
                    let text = model.text(f);
                    let (head, verb) = text.rsplit_once('.')?;
                    Some(
                        head.strip_prefix(name) == Some(".objects")
                            && matches!(
                                verb,
                                "get" | "first" | "last" | "latest" | "earliest" | "create"
                            ),
                    )
                })
                .unwrap_or(false);
        if built || row {
            return Some(crate::facts::Foreign::Instance(
                name.to_ascii_lowercase(),
                method.to_ascii_lowercase(),
            ));
        }
    }
    let module = model.import_target(name).map(str::to_string).or_else(|| {
        // An object built by calling something imported: `ql = Qiling(…)`.
        let scope = Some(caller);
        let value = model.binding(scope, name)?;
        if value.kind_name() != "call" {
            return None;
        }
        let mut f = value.child_by_field_name("function")?;
        for _ in 0..32 {
            match f.kind_name() {
                "attribute" => f = f.child_by_field_name("object")?,
                _ => break,
            }
        }
        (f.kind_name() == "identifier")
            .then(|| model.import_target(model.text(f)))
            .flatten()
            .map(str::to_string)
    })?;
    // A relative import is the project's own.
    let top = module.split('.').next().filter(|t| !t.is_empty())?;
    Some(crate::facts::Foreign::Module(top.to_string()))
}

/// The names among `functions` a Python call takes as values: a positional
/// argument or a keyword's value that is one of them (`target=set_official`).
fn handed_functions<'t>(
    model: &Model<'t>,
    call: tree_sitter::Node<'t>,
    functions: &[&str],
    out: &mut Vec<&'t str>,
) {
    let Some(args) = call.field("arguments") else {
        return;
    };
    for i in 0..args.named_child_count().min(16) {
        let Some(a) = args.named_child(i) else {
            break;
        };
        let value = match a.kind_name() {
            "identifier" => a,
            "keyword_argument" => match a.field("value") {
                Some(v) if v.kind_name() == "identifier" => v,
                _ => continue,
            },
            _ => continue,
        };
        let name = model.text(value);
        if functions.binary_search(&name).is_ok() {
            out.push(name);
        }
    }
}

/// Whether an import names a module of Python's standard library or of a
/// common distribution (`os.path`, `json`, `requests`): calls through it are
/// never of the project's functions.
fn is_python_library_module(module: &str) -> bool {
    let top = module.split('.').next().unwrap_or(module);
    matches!(
        top,
        "os" | "sys"
            | "json"
            | "re"
            | "logging"
            | "time"
            | "datetime"
            | "math"
            | "random"
            | "uuid"
            | "subprocess"
            | "typing"
            | "collections"
            | "itertools"
            | "functools"
            | "pathlib"
            | "shutil"
            | "asyncio"
            | "threading"
            | "hashlib"
            | "base64"
            | "socket"
            | "copy"
            | "inspect"
            | "traceback"
            | "warnings"
            | "io"
            | "csv"
            | "tempfile"
            | "glob"
            | "urllib"
            | "http"
            | "string"
            | "struct"
            | "enum"
            | "dataclasses"
            | "textwrap"
            | "signal"
            | "contextlib"
            | "operator"
            | "pickle"
            | "gzip"
            | "zipfile"
            | "argparse"
            | "abc"
            | "decimal"
            | "platform"
            | "secrets"
            | "multiprocessing"
            | "concurrent"
            | "unittest"
            | "pytest"
            | "numpy"
            | "np"
            | "pandas"
            | "pd"
            | "requests"
            | "httpx"
            | "aiohttp"
            | "click"
            | "typer"
            | "django"
            | "flask"
            | "fastapi"
            | "sqlalchemy"
            | "sa"
            | "pydantic"
            | "boto3"
            | "botocore"
            | "celery"
            | "redis"
            | "yaml"
            | "jwt"
            | "attr"
            | "attrs"
            | "structlog"
            | "sentry_sdk"
            | "dateutil"
            | "pytz"
            | "six"
            | "mock"
            | "rest_framework"
    )
}

/// A Python module named by an import, as a dotted path from the service
/// root: `""` is the importing module itself (`own`, a `/` path), a relative
/// import (`.api`, `..core.api`) is resolved against its package.
fn resolve_module(own: &str, module: &str) -> String {
    if module.is_empty() {
        return own.replace('/', ".");
    }
    let dots = module.len() - module.trim_start_matches('.').len();
    if dots == 0 {
        return module.to_string();
    }
    // `.x` is a sibling of the importing module: drop its own name, then one
    // package per further dot.
    let mut parts: Vec<&str> = own.split('/').filter(|p| !p.is_empty()).collect();
    for _ in 0..dots {
        parts.pop();
    }
    let rest = &module[dots..];
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts.join(".")
}

/// How a Python call can reach a module's top-level function.
enum ModuleCall<'t> {
    /// `ping(url)`: by its bare name (imported by name, or in its module).
    Bare,
    /// `_api.ping(url)`, `fides.core.api.ping(url)`: through the module the
    /// receiver's imported name is, with the rest of a dotted receiver
    /// (`fides` imported, `.core.api` after it).
    Through(&'t str, &'t str),
}

/// Whether a Python call is by a bare name or through an imported module; any
/// other call (a method of an object, of `self`) is neither.
fn module_call<'t>(model: &'t Model, call: tree_sitter::Node) -> Option<ModuleCall<'t>> {
    let callee = call.field("function")?;
    match callee.kind_name() {
        "identifier" => Some(ModuleCall::Bare),
        "attribute" => {
            // The receiver: a name or a dotted chain of names (`fides.core.api`).
            let receiver = callee.field("object")?;
            let mut first = receiver;
            for _ in 0..8 {
                if first.kind_name() != "attribute" {
                    break;
                }
                first = first.field("object")?;
            }
            if first.kind_name() != "identifier" {
                return None;
            }
            let name = model.text(first);
            if name == "self" || name == "cls" {
                return None;
            }
            let target = model.import_target(name)?;
            let rest = &model.src[first.end_byte()..receiver.end_byte()];
            if !rest
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            {
                return None;
            }
            Some(ModuleCall::Through(target, rest))
        }
        _ => None,
    }
}

/// The Python classes of a file that have methods, found once: each
/// function's class, and each class's name, method names and base classes.
#[derive(Default)]
struct PyClasses<'t> {
    /// Per function (by id), the index of its class in `classes`.
    class_of: Vec<Option<usize>>,
    /// (class name, method names, base classes' last names).
    classes: Vec<(&'t str, Vec<&'t str>, Vec<&'t str>)>,
}

impl<'t> PyClasses<'t> {
    fn of(model: &'t Model<'_>) -> PyClasses<'t> {
        let mut out = PyClasses::default();
        if model.lang.family() != Family::Py {
            return out;
        }
        let mut ids: Vec<usize> = Vec::new();
        for f in 0..model.functions.len() as u32 {
            let index = model.enclosing_class(f).and_then(|class| {
                let name = model.text(class.child_by_field_name("name")?);
                Some(match ids.iter().position(|&id| id == class.id()) {
                    Some(i) => i,
                    None => {
                        let bases = class
                            .child_by_field_name("superclasses")
                            .map(|args| {
                                crate::semantic::named_children(args)
                                    .filter(|b| matches!(b.kind_name(), "identifier" | "attribute"))
                                    .map(|b| crate::semantic::last_name(model.text(b)))
                                    .collect()
                            })
                            .unwrap_or_default();
                        ids.push(class.id());
                        out.classes.push((name, Vec::new(), bases));
                        out.classes.len() - 1
                    }
                })
            });
            if let Some(i) = index {
                out.classes[i].1.push(model.function(f).name.as_str());
            }
            out.class_of.push(index);
        }
        out
    }

    /// The class `f` is a method of: its name and method names.
    fn of_function(&self, f: u32) -> Option<(&'t str, &[&'t str])> {
        let i = (*self.class_of.get(f as usize)?)?;
        let (name, methods, _) = &self.classes[i];
        Some((name, methods))
    }

    /// The base classes named (last names, lower-cased), sorted.
    fn bases(&self) -> Vec<String> {
        lowered(self.classes.iter().flat_map(|(_, _, b)| b.iter()))
    }

    /// The method names (lower-cased), sorted.
    fn methods(&self) -> Vec<String> {
        lowered(self.classes.iter().flat_map(|(_, m, _)| m.iter()))
    }

    /// Each class with each method it defines (lower-cased), sorted.
    fn class_methods(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .classes
            .iter()
            .flat_map(|(c, ms, _)| {
                ms.iter()
                    .map(|m| (c.to_ascii_lowercase(), m.to_ascii_lowercase()))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Names lower-cased, sorted, without repeats.
fn lowered<'a>(names: impl Iterator<Item = &'a &'a str>) -> Vec<String> {
    let mut out: Vec<String> = names.map(|n| n.to_ascii_lowercase()).collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::resolve_module;

    #[test]
    fn python_imports_resolve_to_module_paths() {
        // The importing module itself, an absolute import, and relative ones.
        assert_eq!(resolve_module("fides/core/push", ""), "fides.core.push");
        assert_eq!(
            resolve_module("fides/core/push", "fides.core.api"),
            "fides.core.api"
        );
        assert_eq!(resolve_module("fides/core/push", ".api"), "fides.core.api");
        assert_eq!(resolve_module("fides/core/push", "."), "fides.core");
        assert_eq!(
            resolve_module("fides/core/push", "..cli.utils"),
            "fides.cli.utils"
        );
        assert_eq!(
            crate::facts::python_module_of("svc/src/fides/core/__init__.py", "svc"),
            Some("fides/core".to_string())
        );
        assert_eq!(
            crate::facts::module_function_key("fides.core.api", "Ping"),
            "py:fides/core/api:ping"
        );
    }
}
