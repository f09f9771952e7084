//! Code nothing refers to: the definition a node sits in, by the name the rest
//! of the project would have to write to reach it, when nothing but that name
//! can reach it.
//!
//! A top-level function or a plain class is reached by its name: a call, an
//! import, a callback handed over, a string a framework resolves
//! (`"app.tasks.sync"`, `handler: orders.process`). When no file of the project
//! holds the name but the one defining it, and that file holds it once, nothing
//! runs the code. Definitions a framework finds without the name written
//! anywhere are never candidates: decorated or annotated ones (routes, tasks,
//! beans), Python classes and script classes deriving from another (plugins a
//! registry or a setting collects, commands), methods (overrides, interfaces),
//! a package's own module (`__init__.py`, `index.ts`), default exports and the names
//! frameworks look up by convention (`main`, `handler`, `GET`, gunicorn's
//! `post_fork`).

use crate::lang::Lang;
use crate::model::facts::is_word_byte;
use crate::semantic::KindName as _;
use crate::semantic::{FrameId, FuncId, Function, Model};
use std::collections::HashMap;
use tree_sitter::Node;

/// Names a platform or framework calls by convention, written nowhere else in
/// a project that uses them.
const CONVENTIONAL: &[&str] = &[
    "main",
    "init",
    "handler",
    "handle",
    "lambda_handler",
    "application",
    "create_app",
    "make_app",
    "setup",
    "teardown",
    "run",
    "start",
    "default",
    "register",
    "activate",
    "deactivate",
    "bootstrap",
    "fetch",
    "scheduled",
    "queue",
    "load",
    "loader",
    "action",
    "middleware",
    "config",
    "getServerSideProps",
    "getStaticProps",
    "getStaticPaths",
    "getInitialProps",
    "generateMetadata",
    "generateStaticParams",
    "handleError",
    // gunicorn's configuration-file hooks
    "on_starting",
    "on_reload",
    "when_ready",
    "pre_fork",
    "post_fork",
    "post_worker_init",
    "worker_int",
    "worker_abort",
    "pre_exec",
    "pre_request",
    "post_request",
    "child_exit",
    "worker_exit",
    "nworkers_changed",
    "on_exit",
];

/// The shortest name looked up: shorter ones are too common a word for the
/// project's word index to tell anything.
pub const MIN_NAME: usize = 4;

/// The name of the definition holding the code of `frame` that only that
/// name can reach, when the definition is a candidate (see the module's
/// documentation): its own file must still write the name once
/// ([`crate::model::facts::word_matches`]), and no other file write it.
pub fn candidate(m: &Model, path: &str, frame: Option<FrameId>) -> Option<String> {
    if package_module(path) {
        return None;
    }
    candidate_function(m, m.outermost_function(m.function_at(frame))?)
}

/// Whether a file is a package's own module (`__init__.py`, `index.ts`):
/// what it defines is what the package exports to whoever imports it, in
/// this project or another.
fn package_module(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file == "__init__.py" || file.starts_with("index.")
}

/// [`candidate`] for the top-level function `top` (its file's own module
/// excepted by [`candidate`]).
pub fn candidate_function(m: &Model, top: FuncId) -> Option<String> {
    let f = m.function(top);
    let src = m.src;
    let name = match m.lang {
        Lang::Python => python(src, f, m.enclosing_class(top))?,
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => script(src, f)?,
        Lang::Go => go(src, f)?,
        Lang::Rust => rust(src, f)?,
        _ => return None,
    };
    (name.len() >= MIN_NAME && !name.starts_with("__") && !CONVENTIONAL.contains(&name.as_str()))
        .then_some(name)
}

/// Of the functions that call others (`callers`: each with its key in the
/// call graph), those only their name can reach ([`candidate`]) where the
/// file writes that name once: (key, name) pairs, for the keys a single
/// function of the file goes by. What code they call is reached only through
/// them.
pub fn dead_callers(
    m: &Model,
    path: &str,
    mut callers: Vec<(FuncId, String)>,
) -> Vec<(String, String)> {
    if package_module(path) {
        return Vec::new();
    }
    // How many functions of the file go by each key: another of the same
    // key could be the caller.
    let mut per_key: HashMap<String, usize> = HashMap::new();
    for g in &m.functions {
        *per_key
            .entry(crate::facts::name_key(m.lang, &g.name))
            .or_default() += 1;
    }
    callers.sort_unstable();
    callers.dedup();
    let mut found: Vec<(String, String)> = Vec::new();
    for (f, key) in callers {
        if key.starts_with('<') || per_key.get(&key) != Some(&1) {
            continue;
        }
        if let Some(name) = m
            .outermost_function(Some(f))
            .and_then(|top| candidate_function(m, top))
        {
            found.push((key, name));
        }
    }
    // (A script class's methods all go by the class's name.)
    let mut names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let counts = code_mentions(m.src, &names);
    let once: Vec<bool> = found
        .iter()
        .map(|(_, n)| {
            names
                .binary_search(&n.as_str())
                .is_ok_and(|i| counts[i] == 1)
        })
        .collect();
    found
        .into_iter()
        .zip(once)
        .filter_map(|(pair, once)| once.then_some(pair))
        .collect()
}

/// Module names a framework or a platform loads by convention, whatever
/// imports the project writes.
const CONVENTIONAL_MODULES: &[&str] = &[
    "main",
    "app",
    "apps",
    "server",
    "manage",
    "wsgi",
    "asgi",
    "settings",
    "urls",
    "models",
    "views",
    "admin",
    "tasks",
    "signals",
    "receivers",
    "handlers",
    "handler",
    "conftest",
    "setup",
    "config",
    "celery",
    "worker",
    "workers",
    "routes",
    "router",
    "middleware",
    "schema",
    "schemas",
    "serializers",
    "forms",
    "index",
    "lambda_function",
    "gunicorn",
    "gunicorn_conf",
    "wsgi_app",
    "plugin",
    "plugins",
    "hooks",
    "entrypoint",
    "cli",
];

/// Directories whose modules a framework finds by scanning them: Django's
/// commands and migrations, Alembic's versions, Airflow's DAGs, plugin and
/// spider directories, file-based routes (`pages/`, `app/`, `api/`, `routes/`)
/// and serverless functions.
const SCANNED_DIRS: &[&str] = &[
    "commands",
    "migrations",
    "versions",
    "dags",
    "plugins",
    "plugin",
    "spiders",
    "pages",
    "app",
    "api",
    "routes",
    "functions",
    "lambda",
    "lambdas",
    "handlers",
    "jobs",
    "crons",
    "cron",
    "hooks",
    "fixtures",
];

/// The module's name (its file name's stem, `email_sender` for
/// `pipeline/email_sender.py`) when nothing but an import by that name can
/// reach the module: a Python or script module that is not a package's own
/// (`__init__.py`, `index.ts`), not a program (a `__main__` guard), not a name
/// loaded by convention, and not in a directory a framework scans.
pub fn module_candidate(m: &Model, path: &str) -> Option<String> {
    let script = matches!(m.lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript);
    if m.lang != Lang::Python && !script {
        return None;
    }
    // What the path tells first: it is cheap.
    let (dirs, file) = path.rsplit_once('/').unwrap_or(("", path));
    if dirs
        .split('/')
        .any(|d| SCANNED_DIRS.iter().any(|s| d.eq_ignore_ascii_case(s)))
    {
        return None;
    }
    let stem = file.split('.').next().unwrap_or("");
    if stem.len() < MIN_NAME
        || stem.starts_with(|c: char| c.is_ascii_digit())
        || !stem.bytes().all(is_word_byte)
        || stem.starts_with("__")
        || CONVENTIONAL_MODULES
            .iter()
            .any(|c| stem.eq_ignore_ascii_case(c))
    {
        return None;
    }
    if m.lang == Lang::Python && (m.facts.roles.main_guard || top_level_call(m)) {
        return None;
    }
    // A script module that exports nothing is a program: run, not imported.
    if script && !exports(m.src) {
        return None;
    }
    Some(stem.to_string())
}

/// Whether a script module exports anything (`export …`, `module.exports`,
/// `exports.x =`).
fn exports(src: &str) -> bool {
    static ANY: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(["export ", "export{", "module.exports", "exports."])
            .expect("a fixed word list builds")
    });
    ANY.is_match(src)
}

/// Whether a Python module makes a call as a statement of its own top level
/// (`register(BigQueryGCE)`, `admin.site.register(Order)`): a module imported
/// for what that does, which a setting or a loader may name.
fn top_level_call(m: &Model) -> bool {
    let Some(root) = m.root else {
        return false;
    };
    let mut c = root.walk();
    let found = root.children(&mut c).any(|n| {
        n.kind_name() == "expression_statement"
            && n.named_child(0).is_some_and(|e| {
                let call = if e.kind_name() == "await" {
                    e.named_child(0)
                } else {
                    Some(e)
                };
                call.is_some_and(|c| c.kind_name() == "call")
            })
    });
    found
}

/// Whether a file loads modules by a name it computes (`importlib.import_module(
/// "cps.metadata_provider." + name)`, `require(path.join(dir, file))`): the
/// modules of a directory it names are found, not imported by name.
pub fn loads_modules_dynamically(src: &str) -> bool {
    const LOADERS: &[&str] = &[
        "import_module(",
        "__import__(",
        "iter_modules(",
        "spec_from_file_location(",
        "load_source(",
        "readdirSync(",
        "readdir(",
        "import.meta.glob(",
        "require.context(",
    ];
    static ANY: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(LOADERS).expect("a fixed word list builds")
    });
    ANY.is_match(src)
}

/// A Python or script module's name (its file name's stem), when it is one
/// a word index can hold: the names [`module_candidate`]'s siblings go by.
pub fn module_stem(path: &str) -> Option<&str> {
    let file = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = file.split_once('.')?;
    ["py", "ts", "tsx", "js", "jsx", "mjs", "cjs"]
        .contains(&ext)
        .then_some(stem)
        .filter(|s| s.len() >= MIN_NAME && s.bytes().all(is_word_byte) && !s.starts_with("__"))
}

fn text<'s>(src: &'s str, n: Node) -> &'s str {
    src.get(n.byte_range()).unwrap_or("")
}

fn field_text<'s>(src: &'s str, n: Node, field: &str) -> Option<&'s str> {
    n.child_by_field_name(field).map(|c| text(src, c))
}

/// A function taking a platform's event and context (`handler(event,
/// context)`): an entry point configured outside the code.
fn platform_entry(src: &str, f: Node) -> bool {
    let params = field_text(src, f, "parameters").unwrap_or("");
    params.contains("event") && params.contains("context")
}

/// Decorators and attributes that wrap a function where it stands
/// (memoizing, retrying, tracing it) without handing it to anything that
/// could call it: by their last name, without arguments.
const TRANSPARENT: &[&str] = &[
    "cache",
    "cached",
    "lru_cache",
    "memoize",
    "memoized",
    "retry",
    "on_exception",
    "on_predicate",
    "contextmanager",
    "asynccontextmanager",
    "deprecated",
    "wraps",
    "instrument",
    "allow",
    "expect",
    "inline",
    "must_use",
    "cold",
    "track_caller",
    "doc",
];

/// Whether a decorator's or attribute's text (`@cached(cache=TTLCache(…))`,
/// `#[tracing::instrument(skip(self))]`) names a [`TRANSPARENT`] one.
fn transparent(text: &str) -> bool {
    let t = text
        .trim_start_matches(['@', '#', '!', '['])
        .trim_end_matches(']');
    let head = t.split(['(', ' ', '=']).next().unwrap_or("");
    let last = head.rsplit(['.', ':']).next().unwrap_or(head);
    TRANSPARENT.contains(&last)
}

/// Methods a framework calls on a plain class it is handed by name or
/// setting, without the project writing the method's name: Django's
/// middleware, database routers and authentication backends, Scrapy's
/// pipelines and middlewares, logging's handlers and filters, serializers.
/// (Dunder protocol methods, `__enter__`, are never candidates.)
const PLAIN_CLASS_HOOKS: &[&str] = &[
    "process_request",
    "process_response",
    "process_view",
    "process_exception",
    "process_template_response",
    "db_for_read",
    "db_for_write",
    "allow_relation",
    "allow_migrate",
    "authenticate",
    "get_user",
    "has_perm",
    "has_module_perms",
    "user_can_authenticate",
    "process_item",
    "open_spider",
    "close_spider",
    "from_crawler",
    "from_settings",
    "process_spider_input",
    "process_spider_output",
    "process_start_requests",
    "emit",
    "filter",
    "format",
    "handle",
    "dispatch",
    "serialize",
    "deserialize",
];

/// Whether a Python decorated definition carries only [`TRANSPARENT`]
/// decorators.
fn transparent_decorators(src: &str, d: Node) -> bool {
    let mut c = d.walk();
    let transparent = d
        .children(&mut c)
        .filter(|k| k.kind_name() == "decorator")
        .all(|k| transparent(text(src, k)));
    transparent
}

/// Python: a module-level function, undecorated but for [`TRANSPARENT`]
/// decorators, or such a method of a plain class: one at the top of its
/// module, undecorated, deriving from nothing (or `object`), by the method's
/// name, unless a framework calls it by convention ([`PLAIN_CLASS_HOOKS`]).
/// A class that derives from another overrides or implements what its base
/// calls; a plain class itself is often a plugin a setting names by its
/// dotted path in the deployment's own configuration (an authentication
/// backend), which the project need not hold, so the class's name decides
/// nothing.
fn python(src: &str, f: &Function, class: Option<Node>) -> Option<String> {
    if f.node.kind_name() != "function_definition" || platform_entry(src, f.node) {
        return None;
    }
    if let Some(class) = class {
        let plain = class.parent().is_some_and(|p| p.kind_name() == "module")
            && class.child_by_field_name("superclasses").is_none_or(|b| {
                matches!(text(src, b).replace(' ', "").as_str(), "()" | "(object)")
            });
        let undecorated = match f.outer {
            [Some(d), _] if d.kind_name() == "decorated_definition" => {
                transparent_decorators(src, d)
            }
            [Some(b), _] => b.kind_name() == "block",
            _ => false,
        };
        let name = field_text(src, f.node, "name")?;
        return (plain && undecorated && !PLAIN_CLASS_HOOKS.contains(&name))
            .then(|| name.to_string());
    }
    match f.outer {
        [Some(m), _] if m.kind_name() == "module" => {}
        [Some(d), Some(m)]
            if d.kind_name() == "decorated_definition" && m.kind_name() == "module" =>
        {
            if !transparent_decorators(src, d) {
                return None;
            }
        }
        _ => return None,
    }
    field_text(src, f.node, "name").map(str::to_string)
}

/// Script code: a top-level function declaration or function-valued constant
/// (`const sync = async (…) => …`, not `wrap(async () => …)`), or a method of
/// a plain top-level class (no `extends`/`implements`, no decorator) by the
/// class's name; exported or not, never a default export.
fn script(src: &str, f: &Function) -> Option<String> {
    if platform_entry(src, f.node) {
        return None;
    }
    let name = match (f.node.kind_name(), f.outer) {
        ("function_declaration" | "generator_function_declaration", [Some(p), _]) if at_top(p) => {
            field_text(src, f.node, "name")
        }
        ("arrow_function" | "function_expression" | "function", [Some(d), Some(l)])
            if d.kind_name() == "variable_declarator"
                && l.kind_name() == "lexical_declaration"
                && l.named_child_count() == 1
                && at_top(l.parent()?) =>
        {
            field_text(src, d, "name")
        }
        ("method_definition", [Some(body), Some(class)])
            if body.kind_name() == "class_body" && class.kind_name() == "class_declaration" =>
        {
            let parent = class.parent()?;
            let has = |n: Node, kind: &str| {
                let mut c = n.walk();
                let found = n.children(&mut c).any(|k| k.kind_name() == kind);
                found
            };
            let heritage = has(class, "class_heritage");
            let decorated = has(class, "decorator")
                || (parent.kind_name() == "export_statement" && has(parent, "decorator"));
            if !heritage && !decorated && at_top(parent) {
                field_text(src, class, "name")
            } else if !heritage && decorated && top_level(parent) && plain_method(src, f.node) {
                // A decorated class a framework builds (a NestJS service): its
                // methods are called by name, but for the hooks it calls.
                field_text(src, f.node, "name")
            } else {
                None
            }
        }
        _ => None,
    };
    name.map(str::to_string)
}

/// Whether a declaration whose parent is `parent` sits at the top of its
/// module, decorated or not, as it is or in an `export` that is not a
/// default one.
fn top_level(parent: Node) -> bool {
    match parent.kind_name() {
        "program" => true,
        "export_statement" => {
            let mut c = parent.walk();
            let plain = parent.children(&mut c).all(|k| k.kind_name() != "default");
            plain && parent.parent().is_some_and(|p| p.kind_name() == "program")
        }
        _ => false,
    }
}

/// Methods frameworks call on the classes they build without the project
/// writing the name: NestJS's lifecycle hooks and its guards', pipes',
/// interceptors', filters' and middlewares' entry points, CQRS handlers,
/// and the protocols of the language (`toJSON`, `then`).
const FRAMEWORK_METHODS: &[&str] = &[
    "canActivate",
    "intercept",
    "transform",
    "use",
    "catch",
    "resolve",
    "validate",
    "execute",
    "handle",
    "process",
    "serialize",
    "toJSON",
    "toString",
    "valueOf",
    "then",
];

/// A method of a decorated class that only its name reaches: undecorated
/// (a route, a scheduled job, an event listener are decorated), not an
/// override, not computed, not the constructor, not a hook frameworks call by
/// convention (`onModuleInit`, `ngOnDestroy`, [`FRAMEWORK_METHODS`]).
fn plain_method(src: &str, method: Node) -> bool {
    let mut c = method.walk();
    let modified = method
        .children(&mut c)
        .any(|k| matches!(k.kind_name(), "decorator" | "override_modifier"));
    let decorated_before = method
        .prev_sibling()
        .is_some_and(|p| p.kind_name() == "decorator");
    let Some(name) = method.child_by_field_name("name") else {
        return false;
    };
    let name_text = text(src, name);
    let hook = |prefix: &str| {
        name_text
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    };
    !modified
        && !decorated_before
        && name.kind_name() == "property_identifier"
        && name_text != "constructor"
        && !hook("on")
        && !hook("ng")
        && !hook("before")
        && !hook("after")
        && !FRAMEWORK_METHODS.contains(&name_text)
}

/// Whether a declaration whose parent is `parent` sits at the top of its
/// module, as it is or in an `export` that is not a default one.
fn at_top(parent: Node) -> bool {
    let mut c = parent.walk();
    let decorated = parent.kind_name() == "export_statement"
        && parent
            .children(&mut c)
            .any(|k| k.kind_name() == "decorator");
    !decorated && top_level(parent)
}

/// Go: a package-level function, not a method.
fn go(src: &str, f: &Function) -> Option<String> {
    (f.node.kind_name() == "function_declaration")
        .then(|| field_text(src, f.node, "name").map(str::to_string))
        .flatten()
}

/// Rust: a free function, or a method of an inherent `impl` (not a trait's),
/// with no attribute (`#[tokio::main]`, a route macro) on it or its `impl`
/// but [`TRANSPARENT`] ones (`#[instrument]`).
fn rust(src: &str, f: &Function) -> Option<String> {
    if f.node.kind_name() != "function_item" {
        return None;
    }
    // An attribute above the item, past its doc comments, that hands it on.
    let attributed = |n: Node| {
        std::iter::successors(n.prev_named_sibling(), |s| s.prev_named_sibling())
            .filter(|s| !matches!(s.kind_name(), "line_comment" | "block_comment"))
            .take_while(|s| s.kind_name() == "attribute_item")
            .any(|s| !transparent(text(src, s)))
    };
    if attributed(f.node) {
        return None;
    }
    match f.outer {
        [Some(p), _] if p.kind_name() == "source_file" => {}
        [Some(list), Some(holder)] if list.kind_name() == "declaration_list" => {
            match holder.kind_name() {
                "mod_item" => {}
                "impl_item" if holder.child_by_field_name("trait").is_none() => {
                    if attributed(holder) {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        _ => return None,
    }
    field_text(src, f.node, "name").map(str::to_string)
}

/// Whether `text` writes `name` once, outside comments (whole `//`, `/*`,
/// `*` and `#` lines, not Rust's `#[…]` attributes, and the inside of a
/// `/* … */` block: a doc comment naming the function it documents): the
/// definition's own mention.
pub fn named_once_in_code(text: &str, name: &str) -> bool {
    crate::model::facts::word_matches(text, name)
        .filter(|&at| {
            let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let line = text[start..at].trim_start();
            let comment = ["//", "/*", "*"].iter().any(|c| line.starts_with(c))
                || (line.starts_with('#') && !line.starts_with("#[") && !line.starts_with("#!["));
            !comment && !in_block_comment(&text[..start])
        })
        .take(2)
        .count()
        == 1
}

/// How many times `text` writes each of `names` as a whole word outside
/// comments, counted as [`named_once_in_code`] counts (whole `//`, `/*`, `*`
/// and `#` lines, the inside of a `/* … */` block), in one pass over the text.
pub fn code_mentions(text: &str, names: &[&str]) -> Vec<u32> {
    let mut counts = vec![0u32; names.len()];
    if names.is_empty() {
        return counts;
    }
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut in_block = false;
    for line in text.lines() {
        let t = line.trim_start();
        if in_block {
            in_block = !t.contains("*/");
            continue;
        }
        if t.starts_with("/*") {
            in_block = !t.contains("*/");
            continue;
        }
        let comment = t.starts_with("//")
            || t.starts_with('*')
            || (t.starts_with('#') && !t.starts_with("#[") && !t.starts_with("#!["));
        if comment {
            continue;
        }
        for word in line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if let Some(&i) = index.get(word) {
                counts[i] += 1;
            }
        }
    }
    counts
}

/// Whether the line after `before` sits inside a `/* … */` block opened at
/// the start of an earlier line (a doc comment's body), looking back at most
/// 64 lines (a line holding `*/` first ends the search).
fn in_block_comment(before: &str) -> bool {
    for line in before.lines().rev().take(64) {
        let t = line.trim_start();
        if t.contains("*/") {
            return false;
        }
        if t.starts_with("/*") {
            return true;
        }
    }
    false
}

/// The hash a word is indexed by ([`words`]).
pub fn word_hash(word: &[u8]) -> u32 {
    // FNV-1a: a collision only makes a name look referenced.
    word.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The words of a text (names of at least [`MIN_NAME`] ASCII letters, digits
/// and underscores, not starting with a digit), as sorted, distinct hashes:
/// what the project's word index knows of one file.
pub fn words(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = text
        .as_bytes()
        .split(|&b| !is_word_byte(b))
        .filter(|w| w.len() >= MIN_NAME && !w[0].is_ascii_digit())
        .map(word_hash)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole_names_of_four_or_more() {
        let w = words("def sync_orders(x): return fetch2(x) + 12abc and");
        assert!(w.binary_search(&word_hash(b"sync_orders")).is_ok());
        assert!(w.binary_search(&word_hash(b"fetch2")).is_ok());
        assert!(w.binary_search(&word_hash(b"return")).is_ok());
        assert!(w.binary_search(&word_hash(b"abc")).is_err());
        assert!(w.binary_search(&word_hash(b"12abc")).is_err());
        assert!(w.binary_search(&word_hash(b"sync")).is_err());
    }

    #[test]
    fn a_name_occurs_as_a_whole_word() {
        let src = "sync(); sync_all(); resync(); sync";
        assert_eq!(crate::model::facts::word_matches(src, "sync").count(), 2);
    }

    #[test]
    fn wrappers_are_transparent_and_registrations_are_not() {
        for t in [
            "@cached(cache=TTLCache(maxsize=2, ttl=20))",
            "@functools.lru_cache",
            "@backoff.on_exception(backoff.expo, Exception)",
            "#[tracing::instrument(skip(self))]",
            "#[allow(dead_code)]",
        ] {
            assert!(transparent(t), "{t}");
        }
        for t in [
            "@app.route(\"/x\")",
            "@shared_task",
            "#[tokio::main]",
            "#[get(\"/\")]",
        ] {
            assert!(!transparent(t), "{t}");
        }
    }
}

#[cfg(test)]
mod doc_comment_tests {
    use super::named_once_in_code;

    #[test]
    fn comments_do_not_name_a_definition_again() {
        // Go's doc comment, a JSDoc block, a Python comment.
        let go = "// serveTLS starts an HTTPS server.\nfunc serveTLS() error {\n\treturn nil\n}\n";
        assert!(named_once_in_code(go, "serveTLS"));
        let ts =
            "/**\n getAssetBuffer reads an asset.\n */\nexport const getAssetBuffer = () => 1;\n";
        assert!(named_once_in_code(ts, "getAssetBuffer"));
        let py = "# sync_orders runs nightly\ndef sync_orders():\n    pass\n";
        assert!(named_once_in_code(py, "sync_orders"));
    }

    #[test]
    fn code_still_names_a_definition_again() {
        // A call, a Rust attribute naming a function, a call after a string
        // holding `*/*`.
        let call = "func serveTLS() {}\nfunc main() { serveTLS() }\n";
        assert!(!named_once_in_code(call, "serveTLS"));
        let attr = "fn as_secs(d: &D) {}\n#[serde(with = \"as_secs\")]\nstruct S;\n";
        assert!(!named_once_in_code(attr, "as_secs"));
        let mime = "/* client */\nconst h = { Accept: \"*/*\" };\nfunction load() {}\nload();\n";
        assert!(!named_once_in_code(mime, "load"));
    }
}
