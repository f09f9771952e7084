//! The kind of code a function is, which decides what a failure in it means:
//! a request handler holds a client's connection, a one-shot entry point runs
//! once by hand or at start-up (no caller retries it), and durable-workflow code
//! leaves retries and timers to its engine.

use crate::lang::Lang;
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use crate::semantic::{named_children, FuncId, Model};
use std::collections::HashMap;
use tree_sitter::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Serves an HTTP request.
    Handler,
    /// A program's entry point or what it runs at start-up: Go/Rust/Kotlin
    /// `main`, Java `static void main`, a function a script calls at module level
    /// (`asyncio.run(main())`, `run().catch(…)`).
    EntryPoint,
    /// Durable-workflow code (a Temporal workflow): the engine replays it, and
    /// its retries, timers and waits belong to the engine.
    Workflow,
    /// Anything else: library code, helpers, jobs decided by the rules.
    Other,
}

/// What a file's code is for, decided from where it sits before it is parsed.
/// Generated code has no origin: it is skipped, with a note.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Code a service or program runs in production.
    #[default]
    Product,
    /// Examples, samples, demos, documentation snippets and benchmarks (by
    /// directory, or the whole scan when its directory is named for samples):
    /// readers
    /// copy them, but nobody deploys them as they are, so what belongs to a
    /// deployment (health routes, shutdown, task limits, a database standing in
    /// as a dict) is not theirs to have.
    Example,
    /// A library other programs import: the application that embeds it owns
    /// its deployment settings (health routes, shutdown, task time limits).
    Library,
}

/// Directory names that hold examples, samples, demos, docs or benchmarks.
const EXAMPLE_DIRS: &[&str] = &[
    "example",
    "examples",
    "_examples",
    "sample",
    "samples",
    "demo",
    "demos",
    "doc",
    "docs",
    "docs_src",
    "documentation",
    "tutorial",
    "tutorials",
    "playground",
    "snippets",
    "quickstart",
    "quickstarts",
    "bench",
    "benches",
    "benchmark",
    "benchmarks",
];

/// Whether `path` (relative to the scanned root) sits in an example, sample,
/// demo, docs or benchmark directory: `examples/cors/main.rs`,
/// `docs_src/body/tutorial001.py`, `dubbo-samples-api/…`, `hello-example/…`.
pub fn is_example_path(path: &str) -> bool {
    dirs_of(path).any(|d| {
        EXAMPLE_DIRS.iter().any(|e| d.eq_ignore_ascii_case(e))
            || has_word(
                d,
                &["example", "examples", "sample", "samples", "demo", "demos"],
            )
    })
}

/// Whether `path` sits in a directory of retired code (`deprecated/`,
/// `obsolete/`): kept for reference or for a migration, not what the owners
/// maintain or harden.
pub fn is_retired_path(path: &str) -> bool {
    dirs_of(path).any(|d| {
        let d = d.trim_start_matches('_');
        d.eq_ignore_ascii_case("deprecated") || d.eq_ignore_ascii_case("obsolete")
    })
}

/// Whether `path` sits in a demo's directory (`demo/`, `demo_api/`,
/// `cmd/dendrite-demo-pinecone/`): a showcase someone starts by hand to try
/// the project out. (An example or a sample is reference code readers copy.)
pub fn is_demo_path(path: &str) -> bool {
    dirs_of(path).any(|d| has_word(d, &["demo", "demos"]))
}

/// The directories of `path`, its file name left out.
fn dirs_of(path: &str) -> impl Iterator<Item = &str> {
    path.rsplit_once(['/', '\\'])
        .map_or("", |(dirs, _)| dirs)
        .split(['/', '\\'])
}

/// Whether a directory's name has one of `words` among its words
/// (`dubbo-samples-api` has `samples`), whatever their case.
fn has_word(dir: &str, words: &[&str]) -> bool {
    dir.split(['-', '_', '.'])
        .any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// Directories of developer and operator tooling: scripts a person runs by hand
/// (`scripts/`, `dev/`, `hack/`), benchmark and offline evaluation harnesses
/// (`benchmarks/`, `evaluation/`),
/// command-line tools (`cli/`, `svix-cli/`, `hoppscotch_cli/`) and code
/// generators run at build time (`cmd/authelia-gen/`, `codegen/`). Their code is a
/// one-shot run whose hang or failure shows to whoever runs it.
const TOOLING_DIRS: &[&str] = &[
    "scripts",
    "script",
    "dev",
    "hack",
    "devtools",
    "cli",
    "benchmarks",
    "benchmark",
    // Cargo's benchmark targets (`benches/`, run by `cargo bench`).
    "benches",
    "evaluation",
    "evals",
    // Rust's convention for a workspace's developer commands (`cargo xtask`).
    "xtask",
    // The Pants build system's in-repository plugins: build rules run by a
    // developer's or CI's `pants` command.
    "pants-plugins",
    // Schema and data migrations: run once per deploy or by hand, watched by
    // whoever runs them.
    "migrations",
    "migration",
    // Ansible's playbooks, roles and modules (`ansible/library/copr.py`):
    // run by an operator's `ansible` command, on their machine or a host.
    "ansible",
    // Bruno's API collections and their scripts (`bruno/collections/…/scripts.js`):
    // run in a developer's API client, against a local environment.
    "bruno",
];

/// Top-level directories of maintainer tooling (`tools/update_postman.js`,
/// `extra/release/lib.mjs`), operators' commands (`bin/deletePad.ts`) and
/// hand-run QA harnesses (`qa/utils/api.py`). Only at the top: `app/tools/`
/// holds an agent's tools, `src/bin/` a crate's binaries.
const TOP_TOOLING_DIRS: &[&str] = &["tools", "extra", "extras", "bin", "qa"];

/// Whether `path` is tooling: it sits in a directory of tooling (see
/// [`TOOLING_DIRS`]), or its name says it holds commands or a benchmark.
pub fn is_tooling_path(path: &str) -> bool {
    // Asked for many nodes of a file: no allocation.
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    // A module named for the command line (`cli.py`, `cli.ts`) holds commands;
    // a benchmark (`benchmark_backends.py`, `bench_ingest.go`) is a run by hand.
    let stem = file.split('.').next().unwrap_or("");
    // Hatch's build hook runs when the package is built, not when it runs.
    if file == "hatch_build.py" || flyway_migration(file) {
        return true;
    }
    stem == "cli"
        || stem
            .get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("benchmark"))
        || stem
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("bench_"))
        || in_tooling_dir(path)
}

/// A Flyway Java-based migration (`V22_1_14_8__MigrateMailchimp.java`,
/// `R__Refresh.kt`): run once, when the schema is migrated at deploy, by
/// Flyway's naming convention (a prefix `V`/`U` with a version, or `R`, then
/// `__` and a description).
fn flyway_migration(file: &str) -> bool {
    let Some(stem) = file
        .strip_suffix(".java")
        .or_else(|| file.strip_suffix(".kt"))
    else {
        return false;
    };
    let Some((head, description)) = stem.split_once("__") else {
        return false;
    };
    let versioned = head.strip_prefix(['V', 'U']).is_some_and(|v| {
        v.starts_with(|c: char| c.is_ascii_digit())
            && v.chars()
                .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
    });
    (versioned || head == "R") && !description.is_empty()
}

/// Whether a Python file is a program a person runs, whole: a script of a
/// tooling directory run as a program (`scripts/x.py` with its `__main__`
/// guard), a script that defines nothing and runs its steps from the top
/// (`helpers.add_bundle(…)`, then `print(…)`), or a module named for the
/// command line (`db_cli.py`, `admin-cli.py`) run as a program.
pub fn hand_run(m: &Model, path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or("");
    m.facts.roles.main_guard
        && (in_tooling_dir(path)
            || m.functions.iter().all(|f| f.name.starts_with('<'))
            || stem.ends_with("_cli")
            || stem.ends_with("-cli"))
}

/// Whether function `f` is a command-line framework's command (a cobra `Run:`,
/// a click command) or sits inside one.
pub fn in_command(m: &Model, f: Option<FuncId>) -> bool {
    std::iter::successors(f, |&g| m.function(g).parent)
        .take(64)
        .any(|g| m.facts.roles.commands.contains(&g))
}

/// Whether `path` sits in a directory of tooling (see [`TOOLING_DIRS`]): what
/// is there is run by hand, whatever its name.
pub fn in_tooling_dir(path: &str) -> bool {
    let (dirs, file) = path.rsplit_once(['/', '\\']).unwrap_or(("", path));
    let dirs = dirs.trim_start_matches("./");
    let top = dirs.split(['/', '\\']).next().unwrap_or("");
    // A top-level `bin/` holds scripts' commands; a Dart package's `bin/` its
    // executables, a Rust workspace's `bin/core/` a crate: servers among them.
    let script = [".py", ".ts", ".js", ".mjs", ".cjs"]
        .iter()
        .any(|e| file.ends_with(e));
    if !dirs.is_empty()
        && TOP_TOOLING_DIRS.iter().any(|t| top.eq_ignore_ascii_case(t))
        && (top != "bin" || script)
    {
        return true;
    }
    let ends_with = |d: &str, tail: &str| {
        d.len() >= tail.len()
            && d.is_char_boundary(d.len() - tail.len())
            && d[d.len() - tail.len()..].eq_ignore_ascii_case(tail)
    };
    // Turborepo's code generators (`turbo/generators/config.ts`), run by a
    // developer's `turbo gen`.
    if dirs.contains("turbo/generators") {
        return true;
    }
    dirs.split(['/', '\\']).any(|d| {
        TOOLING_DIRS.iter().any(|t| d.eq_ignore_ascii_case(t))
            // `svix-cli/`, `hoppscotch_cli/`, `symbolicli/`
            || ends_with(d, "cli")
            || ends_with(d, "-gen")
            || ends_with(d, "_gen")
            || d.eq_ignore_ascii_case("codegen")
            // `scripts-dev/`, `scripts_ci/`, `dev-scripts/`
            || d
                .get(..8)
                .is_some_and(|p| p.eq_ignore_ascii_case("scripts-") || p.eq_ignore_ascii_case("scripts_"))
            || ends_with(d, "-scripts")
            || ends_with(d, "_scripts")
            // A harness or generator named for what it is (`agent-evaluation/`,
            // `load_benchmarks/`, `iana-codegen/`), a workspace's developer
            // command (`xtask-setup/`).
            || d.split(['-', '_']).any(|w| {
                ["evaluation", "evals", "benchmark", "benchmarks", "devtools", "codegen", "xtask"]
                    .iter()
                    .any(|t| w.eq_ignore_ascii_case(t))
            })
    }) || {
        // A Go binary named for a benchmark (`cmd/rqbench/`, `cmd/load-bench/`).
        let segments: Vec<&str> = dirs.split(['/', '\\']).collect();
        segments.windows(2).any(|w| {
            w[0] == "cmd"
                && ends_with(w[1], "bench")
                && !ends_with(w[1], "workbench")
        })
    }
}

/// Libraries only tests use: pytest, throwaway containers for integration
/// tests (ory/dockertest, Testcontainers), the JS test runners' own APIs.
fn is_test_library(lang: Lang, module: &str) -> bool {
    let under = |prefix: &str| {
        module == prefix
            || module
                .strip_prefix(prefix)
                .is_some_and(|r| r.starts_with(['.', '/']))
    };
    match lang.family() {
        crate::lang::Family::Py => under("pytest") || under("_pytest") || under("testcontainers"),
        // testify outside `_test.go` files: an integration test's harness.
        // (Go's `testing` alone is not: a package's helper taking a `*testing.T`
        // may sit beside its product code.)
        crate::lang::Family::Go => {
            under("github.com/stretchr/testify")
                || under("github.com/ory/dockertest")
                || under("github.com/testcontainers/testcontainers-go")
        }
        crate::lang::Family::Ts => {
            matches!(
                module,
                "vitest"
                    | "@jest/globals"
                    | "@playwright/test"
                    | "testcontainers"
                    // Cucumber's step definitions (`Given`, `When`, `Then`).
                    | "@cucumber/cucumber"
                    | "cucumber"
            ) || module.starts_with("@testcontainers/")
        }
        crate::lang::Family::Java | crate::lang::Family::Kt => {
            under("org.testcontainers") || under("org.junit")
        }
        _ => false,
    }
}

/// Whether a Python file is a notebook kept as a script (Jupytext's and VS
/// Code's percent format): it opens with a `# %%` cell marker, or with
/// Jupytext's `# ---` header naming `jupyter:`. Cells a person runs by hand
/// and watches.
pub fn is_notebook(src: &str) -> bool {
    let mut lines = src
        .trim_start_matches('\u{feff}')
        .lines()
        .filter(|l| !l.trim().is_empty());
    match lines.next().map(str::trim_end) {
        Some("# ---") => lines.take(4).any(|l| l.trim_end() == "# jupyter:"),
        Some(l) => l == "# %%" || l.starts_with("# %% "),
        None => false,
    }
}

/// Whether a repository's directory name says it is a collection of samples:
/// `samples-go`, `dubbo-samples`, `temporalio+samples-python`.
pub fn is_samples_name(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(['-', '_', '.', '+'])
        .any(|w| w == "samples")
}

/// Roles decided per file after the walk.
#[derive(Clone, Debug, Default)]
pub struct Roles {
    pub entry_points: Vec<FuncId>,
    pub workflows: Vec<FuncId>,
    /// Every function of the file is workflow code (a TypeScript workflow module).
    pub workflow_file: bool,
    /// A Python module run as a program: `if __name__ == "__main__":`, or a
    /// flat script (no class; a `#!…python` line, or no function and it
    /// prints what it did).
    pub main_guard: bool,
    /// A Go file of package `main`: a program, whatever module it sits in.
    pub go_main_package: bool,
    /// A Go test-helper package: named `…test` and importing `testing`
    /// (`httptest`, `caddytest`): its code runs only under `go test`.
    pub go_test_package: bool,
    /// Test support code wherever it sits: a Python module importing `pytest`
    /// (fixtures, a pytest plugin), a module driving throwaway containers
    /// (dockertest, Testcontainers) or a JS test runner's API.
    pub test_support: bool,
    /// Command-line commands a person (or a cron line) runs: a click/typer
    /// `@cli.command()` function, a cobra `Run:`/urfave `Action:` function, the
    /// methods of a Dropwizard or picocli command class. Also entry points.
    pub commands: Vec<FuncId>,
    /// Every function of the file is a command's: a Django management command.
    pub command_file: bool,
}

/// Decides entry points and workflow code for one file from its calls, each
/// with the function it is made in (`None`: module level).
pub fn compute<'t>(m: &Model<'t>, root: Node<'t>, nodes: &[super::facts::FactNode<'t>]) -> Roles {
    let calls: Vec<(Node<'t>, Option<FuncId>)> = nodes
        .iter()
        .filter(|n| n.2 == crate::semantic::Event::Call)
        .map(|&(node, func, _)| (node, func))
        .collect();
    let calls = calls.as_slice();
    let mut roles = Roles::default();
    let package = (m.lang == Lang::Go)
        .then(|| named_children(root).find(|c| c.kind_name() == "package_clause"))
        .flatten()
        .map(|p| m.text(p).trim_end().rsplit(' ').next().unwrap_or(""));
    let go_main_package = package == Some("main");
    roles.go_test_package = package.is_some_and(|p| p.len() > 4 && p.ends_with("test"))
        && m.modules.iter().any(|i| i == "testing");
    for (id, f) in m.functions.iter().enumerate() {
        let id = id as FuncId;
        let top_level = f.parent.is_none();
        let entry = top_level
            && f.name == "main"
            && match m.lang {
                Lang::Go => go_main_package,
                Lang::Rust | Lang::Kotlin => true,
                Lang::Java => m
                    .text(f.node)
                    .split('(')
                    .next()
                    .is_some_and(|head| head.split_whitespace().any(|w| w == "static")),
                _ => false,
            };
        if entry {
            roles.entry_points.push(id);
        }
        if is_command(m, f) {
            roles.commands.push(id);
            roles.entry_points.push(id);
        }
        let workflow = match m.lang {
            // Go workflow functions take a `workflow.Context`.
            Lang::Go => f.params.first().is_some_and(|p| {
                p.ty.as_deref()
                    .is_some_and(|t| t.ends_with("workflow.Context"))
                    && m.imports_module("go.temporal.io/sdk")
            }),
            // Python: `@workflow.run`/`@workflow.signal`/… methods.
            Lang::Python => {
                m.imports_module("temporalio")
                    && f.decorators
                        .iter()
                        .any(|d| d.starts_with("workflow.") && !d.starts_with("workflow.defn"))
            }
            _ => false,
        };
        if workflow {
            roles.workflows.push(id);
        }
    }
    roles.main_guard =
        m.lang == Lang::Python && (has_main_guard(m, root) || is_flat_script(m, root));
    roles.test_support = m
        .modules
        .iter()
        .any(|module| is_test_library(m.lang, module));
    roles.go_main_package = go_main_package;
    // Temporal's TypeScript workflows live in modules that import the workflow
    // API; a module that also connects a client (`@temporalio/client`) is a
    // starter borrowing a helper (`isCancellation`): workflow code cannot
    // open connections.
    roles.workflow_file = matches!(m.lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript)
        && m.modules.iter().any(|p| p == "@temporalio/workflow")
        && !m.modules.iter().any(|p| p == "@temporalio/client");
    // A script's statement-level calls of its own functions: `main()`,
    // `asyncio.run(main())`, `run().catch(console.error)`, `void main()`.
    if matches!(
        m.lang,
        Lang::Python | Lang::TypeScript | Lang::Tsx | Lang::JavaScript
    ) {
        for &(call, caller) in calls {
            if caller.is_some() {
                continue;
            }
            let Some(name) = bare_callee(m, call) else {
                continue;
            };
            // The parent walk last: most module-level calls name nothing of this file.
            if !m
                .functions
                .iter()
                .any(|f| f.parent.is_none() && f.name == name)
                || !is_statement_level(call)
            {
                continue;
            }
            for (id, f) in m.functions.iter().enumerate() {
                if f.parent.is_none() && f.name == name {
                    roles.entry_points.push(id as FuncId);
                }
            }
        }
    }
    roles.entry_points.sort_unstable();
    roles.entry_points.dedup();
    if !roles.entry_points.is_empty() {
        helpers_of_entry_points(m, calls, &mut roles.entry_points, roles.main_guard);
    }
    roles
}

/// Python command-line frameworks whose `@….command` decorator makes a command.
const PY_CLI_MODULES: &[&str] = &[
    "click",
    "asyncclick",
    "rich_click",
    "typer",
    "flask_script",
    "flask",
    "cyclopts",
];

/// Go command-line frameworks, and the fields of their command literals that
/// hold what the command runs.
const GO_CLI_MODULES: &[&str] = &[
    "github.com/spf13/cobra",
    "github.com/urfave/cli",
    "github.com/urfave/cli/v2",
    "github.com/urfave/cli/v3",
];
const GO_COMMAND_FIELDS: &[&str] = &[
    "Run",
    "RunE",
    "PreRun",
    "PreRunE",
    "PostRun",
    "PostRunE",
    "PersistentPreRun",
    "PersistentPreRunE",
    "Action",
    "Before",
    "After",
];

/// Whether a function is a command-line command (see [`Roles::commands`]).
fn is_command(m: &Model, f: &crate::semantic::Function) -> bool {
    match m.lang {
        // `@cli.command("rotate")`, `@click.command()`, `@manager.command`,
        // `@app.cli.command()`, typer's `@app.command()`.
        Lang::Python => {
            f.decorators.iter().any(|d| {
                let callee = d.split('(').next().unwrap_or("").trim();
                crate::semantic::last_name(callee) == "command"
            }) && PY_CLI_MODULES.iter().any(|p| m.imports_module(p))
        }
        // `Run: func(cmd *cobra.Command, args []string) { … }` in a command
        // literal; `RunE: runImport` names a function of the file.
        Lang::Go => {
            // A project's own command package built like urfave's
            // (`github.com/acme/app/pkg/cli` with `&cli.Command{Action: run}`).
            let own_cli = || {
                m.src.contains("cli.Command{")
                    && m.modules
                        .iter()
                        .any(|i| i.rsplit('/').next() == Some("cli"))
            };
            if !GO_CLI_MODULES
                .iter()
                .any(|p| m.modules.iter().any(|i| i == p))
                && !own_cli()
            {
                return false;
            }
            let keyed_value = |n: Node| {
                n.parent()
                    .filter(|p| p.kind_name() == "keyed_element")
                    .and_then(|k| k.child_by_field_name("key"))
                    .is_some_and(|k| GO_COMMAND_FIELDS.contains(&m.text(k).trim()))
            };
            if f.node.kind_name() == "func_literal" {
                return f
                    .outer
                    .first()
                    .copied()
                    .flatten()
                    .is_some_and(|v| v.kind_name() == "literal_element" && keyed_value(v));
            }
            // A named function handed to such a field: `RunE: runImport`, or
            // assigned to it (`credsCmd.RunE = runCreds` in an `init`).
            let word = |c: char| c.is_alphanumeric() || c == '_';
            f.parent.is_none()
                && m.src.match_indices(f.name.as_str()).take(32).any(|(i, _)| {
                    let after = &m.src[i + f.name.len()..];
                    let before = m.src[..i].trim_end();
                    let (field, assigned) = match before.strip_suffix(':') {
                        Some(field) => (field, false),
                        None => match before.strip_suffix('=') {
                            Some(b) if !b.ends_with([':', '=', '!', '<', '>']) => (b, true),
                            _ => return false,
                        },
                    };
                    let field = field.trim_end();
                    !after.starts_with(|c: char| word(c) || c == '(')
                        && GO_COMMAND_FIELDS.iter().any(|k| {
                            field.strip_suffix(k).is_some_and(|b| {
                                if assigned {
                                    b.ends_with('.')
                                } else {
                                    !b.ends_with(word)
                                }
                            })
                        })
                })
        }
        // Dropwizard's `Command`/`ConfiguredCommand`/`EnvironmentCommand`
        // subclasses, and picocli's `@Command` classes.
        Lang::Java => {
            let dropwizard = m.modules.iter().any(|i| i.starts_with("io.dropwizard"));
            let picocli = m.modules.iter().any(|i| i.starts_with("picocli"));
            if !dropwizard && !picocli {
                return false;
            }
            let mut n = f.node;
            for _ in 0..8 {
                let Some(p) = n.parent() else { return false };
                if p.kind_name() == "class_declaration" {
                    let extends = p
                        .child_by_field_name("superclass")
                        .map(|s| m.text(s))
                        .unwrap_or("");
                    let base = extends
                        .trim_start_matches("extends")
                        .trim()
                        .split('<')
                        .next()
                        .unwrap_or("");
                    let base = crate::semantic::last_name(base);
                    let annotated = named_children(p)
                        .filter(|c| c.kind_name() == "modifiers")
                        .any(|c| {
                            let t = m.text(c);
                            t.contains("@Command(") || t.contains("@CommandLine.Command(")
                        });
                    return (dropwizard
                        && matches!(base, "Command" | "ConfiguredCommand" | "EnvironmentCommand"))
                        || (picocli && annotated);
                }
                n = p;
            }
            false
        }
        _ => false,
    }
}

/// A Python file that is a script a person runs (`python join.py`): no
/// class, and either a `#!…python` line that makes it a program (an
/// argument-dispatching command-line script, with the helpers it defines), or
/// no function and top-level code that prints its results (an API usage
/// example kept next to a service). A module imported for its side effects
/// neither starts with an interpreter line nor prints them.
fn is_flat_script(m: &Model, root: Node) -> bool {
    let program = m
        .src
        .lines()
        .next()
        .is_some_and(|l| l.starts_with("#!") && l.contains("python"));
    let classes = || {
        named_children(root).any(|c| {
            c.kind_name() == "class_definition"
                || (c.kind_name() == "decorated_definition"
                    && c.child_by_field_name("definition")
                        .is_some_and(|d| d.kind_name() == "class_definition"))
        })
    };
    if program {
        return !classes();
    }
    // With no function, every `print(…)` is the script's own output, at the
    // top or in its `if`s and loops.
    m.functions.is_empty()
        && !classes()
        && m.src.match_indices("print(").take(64).any(|(i, _)| {
            root.descendant_for_byte_range(i, i + "print".len())
                .and_then(|n| n.parent())
                .is_some_and(|call| {
                    call.kind_name() == "call"
                        && call
                            .child_by_field_name("function")
                            .is_some_and(|f| m.text(f) == "print")
                })
        })
}

/// `if __name__ == "__main__":` as code: the comparison of the `__name__`
/// identifier with the string `"__main__"` (not a comment or a docstring).
fn has_main_guard(m: &Model, root: Node) -> bool {
    m.src.match_indices("__name__").take(16).any(|(i, t)| {
        let Some(n) = root.descendant_for_byte_range(i, i + t.len()) else {
            return false;
        };
        n.kind_name() == "identifier"
            && n.parent().is_some_and(|p| {
                p.kind_name() == "comparison_operator"
                    && named_children(p).any(|c| {
                        c.kind_name() == "string"
                            && crate::semantic::unquote(m.text(c)) == "__main__"
                    })
            })
    })
}

/// The callee of a call by a plain name (`runWorkflow(c)`), if it is one.
fn bare_callee<'t>(m: &Model<'t>, call: Node<'t>) -> Option<&'t str> {
    let callee = call.field("function")?;
    (callee.kind_name() == "identifier").then(|| m.text(callee))
}

/// The method a Python call names on a plain object (`api.auth()`,
/// `self.get_detail(…)`), if it is one.
fn method_callee<'t>(m: &Model<'t>, call: Node<'t>) -> Option<&'t str> {
    let callee = call.field("function")?;
    if callee.kind_name() != "attribute" {
        return None;
    }
    let object = callee.field("object")?;
    (object.kind_name() == "identifier")
        .then(|| callee.field("attribute"))
        .flatten()
        .map(|a| m.text(a))
}

/// A top-level function of this file that is called only from entry points (a
/// starter's `runWorkflow` helper) runs as part of them. Callers in other files
/// are unknown; within a `package main` or a script, they are the file's own.
///
/// In a script (`if __name__ == "__main__":`), the methods of its own classes
/// too, called on an object (`api.auth()`, `self.get_detail(…)`): the script's
/// objects are its own, and a module run as a program is seldom imported.
fn helpers_of_entry_points(
    m: &Model,
    calls: &[(Node, Option<FuncId>)],
    entry: &mut Vec<FuncId>,
    script: bool,
) {
    // The script's own classes' method names: a method call by another name
    // (`release.upload_asset(…)` on a library's object) calls none of them.
    let methods: std::collections::HashSet<&str> = if script {
        (0..m.functions.len() as FuncId)
            .filter(|&id| m.enclosing_class(id).is_some())
            .map(|id| m.function(id).name.as_str())
            .collect()
    } else {
        Default::default()
    };
    // Callee name → the outermost functions calling it by a plain name.
    let mut callers: HashMap<&str, Vec<Option<FuncId>>> = HashMap::new();
    for &(call, caller) in calls {
        let name = bare_callee(m, call).or_else(|| {
            script
                .then(|| method_callee(m, call))
                .flatten()
                .filter(|n| methods.contains(n))
        });
        if let Some(name) = name {
            callers
                .entry(name)
                .or_default()
                .push(m.outermost_function(caller));
        }
    }
    let mut is_entry = vec![false; m.functions.len()];
    for &e in entry.iter() {
        is_entry[e as usize] = true;
    }
    // Helpers of helpers, a few levels deep: each round is linear in the file.
    const DEPTH: usize = 4;
    for _ in 0..DEPTH {
        let mut added = false;
        for (id, f) in m.functions.iter().enumerate() {
            if f.parent.is_some() || is_entry[id] {
                continue;
            }
            let Some(from) = callers.get(f.name.as_str()) else {
                continue;
            };
            if from.iter().all(|c| c.is_some_and(|c| is_entry[c as usize])) {
                is_entry[id] = true;
                entry.push(id as FuncId);
                added = true;
            }
        }
        if !added {
            break;
        }
    }
    entry.sort_unstable();
}

/// Whether a call is (part of) a statement of its own: `main()`,
/// `asyncio.run(main())`, `run().catch(…)`, `await main()`, `void main()`, as
/// opposed to a value computed for something else.
fn is_statement_level(call: Node) -> bool {
    let mut n = call;
    for _ in 0..5 {
        let Some(p) = n.parent() else { return false };
        match p.kind_name() {
            "expression_statement" | "assignment" | "variable_declarator" => return true,
            "argument_list" | "arguments" | "call" | "call_expression" | "await"
            | "await_expression" | "unary_expression" | "member_expression" | "attribute"
            // `sys.exit(main() or 0)`
            | "boolean_operator" => n = p,
            _ => return false,
        }
    }
    false
}

impl<'t> Model<'t> {
    /// The role of the code in function `f` (`None`: module level), looking
    /// outwards so a closure inside `main` or a workflow is that too.
    pub fn role_of(&self, f: Option<FuncId>) -> Role {
        let roles = &self.facts.roles;
        // Module-level code runs once, when the program starts or imports it.
        if f.is_none() {
            return Role::EntryPoint;
        }
        if roles.workflow_file && f.is_some() {
            return Role::Workflow;
        }
        let mut cur = f;
        let mut first = true;
        for _ in 0..64 {
            let Some(id) = cur else { break };
            let func = self.function(id);
            if first && func.is_handler {
                return Role::Handler;
            }
            first = false;
            if roles.workflows.contains(&id) {
                return Role::Workflow;
            }
            if roles.entry_points.contains(&id) {
                return Role::EntryPoint;
            }
            cur = func.parent;
        }
        Role::Other
    }
}

/// A Python interactive shell: a `cmd.Cmd` subclass, whose commands a person
/// types and watches (`class Shell(cmd.Cmd)`).
pub fn is_interactive_shell(modules: &[String], src: &str) -> bool {
    modules.iter().any(|m| m == "cmd")
        && (src.contains("(cmd.Cmd)") || src.contains("from cmd import Cmd"))
}

/// A Python script that documents itself as one a person runs: a `Usage:
/// python …` line in its opening comment or docstring (the first 40 lines).
pub fn says_usage_python(src: &str) -> bool {
    src.lines().take(40).any(|l| {
        let l = l
            .trim_start_matches(['#', ' ', '\t', '"', '\''])
            .to_ascii_lowercase();
        l.starts_with("usage: python")
            || l.starts_with("usage: ./")
            || l.starts_with("usage: uv run")
    })
}

#[cfg(test)]
mod tests {
    use super::{is_demo_path, is_example_path, is_notebook, is_tooling_path};

    #[test]
    fn repositories_named_for_samples_are_collections_of_them() {
        for n in ["samples-go", "dubbo-samples", "temporalio+samples-python"] {
            assert!(super::is_samples_name(n), "{n}");
        }
        for n in [
            "microservices-demo",
            "realworld-example-app",
            "sampler",
            "shop",
        ] {
            assert!(!super::is_samples_name(n), "{n}");
        }
    }

    #[test]
    fn tooling_paths_are_scripts_and_command_line_tools() {
        for p in [
            "scripts/seed.py",
            "dev/code-generation/gen_ts_locales.py",
            "hack/update.go",
            "svix-cli/src/cmds/login.rs",
            "packages/hoppscotch-cli/src/utils/request.ts",
            "src/dispatch/cli/perf.py",
            "src/dispatch/cli.py",
            "tools/update_postman.js",
            "extra/release/lib.mjs",
            "extras/authors/generate_authors_api.py",
            "python/benchmark_backends.py",
            "bench_ingest.go",
            "packages/benchmarks/src/startContainers.ts",
            "evaluation/core/__init__.py",
            "cmd/authelia-gen/cmd_misc.go",
            "crates/xtask/src/common/instance/release.rs",
            "tools_gen/api.py",
            "packages/codegen/src/index.ts",
            "bin/createUserSession.ts",
            "scripts-dev/federation_client.py",
            "tools/dev-scripts/seed.ts",
            "qa/utils/fides_api.py",
            "crates/symbolicli/src/main.rs",
            "migrations/archives/201706030000-add-HostId.js",
            "app/db/migration/versions/0042_backfill.py",
            "docs/agent-evaluation/src/llm-judge.ts",
            "perf/load_benchmarks/run.py",
            "crates/iana-codegen/src/main.rs",
            "cmd/rqbench/http.go",
            "cmd/load-bench/main.go",
            "pants-plugins/release/packagecloud_rules.py",
            "conda-store-server/hatch_build.py",
            "ansible/library/copr.py",
            "deploy/ansible/filter_plugins/names.py",
            "turbo/generators/config.ts",
            "xtask-setup/src/github_server/mod.rs",
            "bruno/collections/Rafiki/scripts.js",
            "src/main/java/alfio/db/PGSQL/V22_1_14_8__MigrateMailchimp.java",
            "src/main/kotlin/db/migration/V3__Backfill.kt",
            "src/main/java/db/migration/R__Refresh_views.java",
        ] {
            assert!(is_tooling_path(p), "{p}");
        }
        for p in [
            "src/bin/crates-io/background_worker.rs",
            "src/main/java/alfio/Version__Info.java",
            "src/main/java/alfio/V2__.java",
            "src/main/java/alfio/VatService.java",
            "src/generators/invoice.ts",
            "app/ansible_runner.py",
            "app/tools/weather.py",
            "src/client/api.ts",
            "scripts.py",
            "devices/api.go",
            "tools.py",
            "src/agent/tools/search.ts",
            "extras.py",
            "benches.rs",
            "internal/oxygen/api.go",
            "internal/evaluator/rules.go",
            "app/evaluations/api.py",
            "src/regen/api.ts",
            "src/bin/server.ts",
            "src/scriptsrunner/api.py",
            "bin/server.dart",
            "bin/core/src/alert/mod.rs",
            "app/qa/checks.py",
            "src/public/api.ts",
            "app/migrator/service.py",
            "cmd/workbench/main.go",
            "internal/rqbench/client.go",
            "src/codegenerator_api/views.py",
        ] {
            assert!(!is_tooling_path(p), "{p}");
        }
    }

    #[test]
    fn demo_directories() {
        for p in [
            "demo_api/main.go",
            "cmd/dendrite-demo-pinecone/monolith/monolith.go",
            "contrib/dendrite-demo-tor/main_tor.go",
            "demos/chat/server.go",
        ] {
            assert!(is_demo_path(p), "{p}");
        }
        for p in [
            "examples/http_server/http_server.go",
            "demo.go",
            "internal/demodata/seed.go",
            "democracy/api.go",
        ] {
            assert!(!is_demo_path(p), "{p}");
        }
    }

    #[test]
    fn notebooks_kept_as_scripts() {
        assert!(is_notebook("# %%\nimport os\n"));
        assert!(is_notebook("\n# %% [markdown]\n# Title\n"));
        assert!(is_notebook(
            "# ---\n# jupyter:\n#   jupytext:\n# ---\nimport os\n"
        ));
        assert!(!is_notebook("import os\n# %%\n"));
        assert!(!is_notebook("# ---\n# title: x\n# ---\n"));
        assert!(!is_notebook("# %%timeit\n"));
        assert!(!is_notebook(""));
    }

    #[test]
    fn example_paths_are_directories_of_examples_docs_and_benchmarks() {
        for p in [
            "examples/cors/src/main.rs",
            "docs_src/body/tutorial001.py",
            "1-basic/dubbo-samples-api/src/Main.java",
            "hello-example/app.py",
            "benches/bench.rs",
            "Docs/Guide/Snippet.swift",
        ] {
            assert!(is_example_path(p), "{p}");
        }
        for p in [
            "example.py",
            "app/examples.py",
            "src/exampleservice/main.go",
            "services/demographics/api.py",
            "documents/api.ts",
        ] {
            assert!(!is_example_path(p), "{p}");
        }
    }
}
