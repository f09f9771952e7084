//! The language layer rules query instead of raw nodes.
//!
//! One walk over a file's tree builds a [`Model`]: its imports and aliases, the
//! values assigned to names (per function, at module level, on `self.`/`this.`),
//! its functions (async-ness, decorators, parameters, whether they handle
//! requests) and a frame for every enclosing function, class, try body, handler
//! and loop. Rules then ask questions such as "what does this call resolve to?"
//! (`rq.get` → `requests.get`, `s.get` → `requests.Session().get`) or "is this node
//! inside a try body?" without knowing the grammar.

mod dart;
pub mod fields;
mod go;
mod java;
mod kotlin;
mod python;
pub mod retry;
pub(crate) mod rust;
mod swift;
pub mod ts;
pub mod walk;

use crate::lang::Lang;
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

/// A node's kind name, read from a per-grammar table by its kind id:
/// `Node::kind` checks the grammar's C string for UTF-8 on every call, and
/// the model and the rules ask for kinds hundreds of thousands of times a
/// scan.
pub trait KindName {
    fn kind_name(&self) -> &'static str;
}

thread_local! {
    /// Per grammar seen on this thread, its kind names by id.
    static KIND_NAMES: std::cell::RefCell<Vec<(tree_sitter::Language, Vec<&'static str>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl KindName for Node<'_> {
    #[inline]
    fn kind_name(&self) -> &'static str {
        let id = usize::from(self.kind_id());
        let language = self.language();
        KIND_NAMES.with(|cell| {
            let mut tables = cell.borrow_mut();
            let at = match tables.iter().position(|(l, _)| *l == *language) {
                Some(at) => at,
                None => {
                    let names = (0..language.node_kind_count())
                        .map(|k| {
                            u16::try_from(k)
                                .ok()
                                .and_then(|k| language.node_kind_for_id(k))
                                .unwrap_or("")
                        })
                        .collect();
                    tables.push(((*language).clone(), names));
                    tables.len() - 1
                }
            };
            // Ids past the table (the error symbols) ask the grammar itself.
            match tables[at].1.get(id) {
                Some(name) if !name.is_empty() => name,
                _ => self.kind(),
            }
        })
    }
}

pub type FuncId = u32;
pub type FrameId = u32;

/// The constructs rules subscribe to. Rules never name grammar node kinds: each
/// language says which of its nodes are each event ([`Language::events`]), and
/// the walk hands a rule the nodes of the events it asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// A call of a function or method.
    Call,
    /// An object built by a constructor expression or a literal of a type:
    /// `new X(…)`, Java `new X(…)`, Go `T{…}`, Rust `T { … }`.
    New,
    /// A named argument or an entry of a literal mapping: `timeout=5`,
    /// `{timeout: 5}`, Go `Timeout: d`.
    Entry,
    /// Where an error is handled: a `catch`/`except` clause, Go's `if` (on an
    /// error value), Rust's match arm or `if let`, Dart's `try` (its clauses are
    /// flat).
    Handler,
    /// A loop that runs while a condition holds, or forever.
    Loop,
    /// A loop over the items of a collection (Go's `for` is both).
    Each,
    /// A decorator, annotation or attribute.
    Decorator,
    /// A `return`.
    Return,
    /// A class or struct declaration.
    Class,
    /// A field of a class or struct (a Python class-body assignment).
    Field,
    /// A named binding that can live at module level: an assignment, a
    /// variable declaration, a Java field, a Rust `static`.
    Binding,
    /// Syntax that detaches work from its caller without a call's result:
    /// Go's `go`, JavaScript's `void`.
    Detach,
    /// A named function or method declaration.
    Function,
}

/// Which grammar node kinds are each [`Event`], for one language.
pub type EventKinds = &'static [(Event, &'static [&'static str])];

/// What the language layer needs from one grammar: which nodes the walk hands
/// it, what entering one records (imports, bindings, functions, frames), how a
/// name resolves, and how a call splits into callee and arguments. One
/// implementation per language, one registry ([`language`]).
pub trait Language: Sync {
    /// The node kinds [`Language::enter`] handles.
    fn enter_kinds(&self) -> &'static [&'static str];
    /// The node kinds that are each [`Event`].
    fn events(&self) -> EventKinds;
    /// Records what `node` declares; returns the frame to push for it, if any.
    fn enter<'t>(
        &self,
        b: &mut walk::Builder<'t>,
        node: Node<'t>,
        field: Option<&str>,
        parent: Option<Node<'t>>,
    ) -> Option<FrameKind>;
    fn resolve<'t>(
        &self,
        m: &Model<'t>,
        node: Node<'t>,
        scope: Option<FuncId>,
        depth: u8,
    ) -> Option<String>;
    fn call_parts<'t>(&self, m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)>;
    /// The target of a call that is its own callee (Java invocations carry
    /// receiver and name as fields).
    fn callee_target<'t>(
        &self,
        _m: &Model<'t>,
        _node: Node<'t>,
        _scope: Option<FuncId>,
        _depth: u8,
    ) -> Option<String> {
        None
    }
}

/// Implements [`Language`] by the functions of a language module.
macro_rules! language {
    ($ty:ident, $module:ident $(, callee_target: $target:path)?) => {
        struct $ty;

        impl Language for $ty {
            fn enter_kinds(&self) -> &'static [&'static str] {
                $module::ENTER_KINDS
            }

            fn events(&self) -> EventKinds {
                $module::EVENTS
            }

            fn enter<'t>(
                &self,
                b: &mut walk::Builder<'t>,
                node: Node<'t>,
                field: Option<&str>,
                parent: Option<Node<'t>>,
            ) -> Option<FrameKind> {
                $module::enter(b, node, field, parent)
            }

            fn resolve<'t>(
                &self,
                m: &Model<'t>,
                node: Node<'t>,
                scope: Option<FuncId>,
                depth: u8,
            ) -> Option<String> {
                $module::resolve(m, node, scope, depth)
            }

            fn call_parts<'t>(
                &self,
                m: &Model<'t>,
                node: Node<'t>,
            ) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
                $module::call_parts(m, node)
            }

            $(
                fn callee_target<'t>(
                    &self,
                    m: &Model<'t>,
                    node: Node<'t>,
                    scope: Option<FuncId>,
                    depth: u8,
                ) -> Option<String> {
                    $target(m, node, scope, depth)
                }
            )?
        }
    };
}

language!(PythonSyntax, python);
language!(GoSyntax, go);
language!(JavaSyntax, java, callee_target: java::callee_target);
language!(RustSyntax, rust);
language!(TsSyntax, ts);
language!(KotlinSyntax, kotlin);
language!(SwiftSyntax, swift);
language!(DartSyntax, dart);

/// The registry: the language layer for `lang` (none for config formats).
pub fn language(lang: Lang) -> Option<&'static dyn Language> {
    Some(match lang {
        Lang::Python => &PythonSyntax,
        Lang::Go => &GoSyntax,
        Lang::Java => &JavaSyntax,
        Lang::Rust => &RustSyntax,
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => &TsSyntax,
        Lang::Kotlin => &KotlinSyntax,
        Lang::Swift => &SwiftSyntax,
        Lang::Dart => &DartSyntax,
        Lang::Yaml | Lang::Dockerfile => return None,
    })
}

/// The node kinds of `lang` that are `event`.
pub fn event_kinds(lang: Lang, event: Event) -> impl Iterator<Item = &'static str> {
    language(lang)
        .map_or(&[][..], |l| l.events())
        .iter()
        .filter(move |(e, _)| *e == event)
        .flat_map(|(_, kinds)| kinds.iter().copied())
}

/// Closures and lambdas, in every language: code written inline that may run
/// later, elsewhere (`lambda: …`, `() => …`, `async move { … }`, `func() { … }`).
pub const CLOSURES: &[&str] = &[
    "lambda",
    "lambda_expression",
    "arrow_function",
    "function_expression",
    "func_literal",
    "closure_expression",
    "async_block",
    "lambda_literal",
    "annotated_lambda",
    "function_literal",
];

/// Whether `kind` is a loop of `lang`, of either kind.
pub fn is_loop_kind(lang: Lang, kind: &str) -> bool {
    language(lang).is_some_and(|l| {
        l.events()
            .iter()
            .any(|(e, kinds)| matches!(e, Event::Loop | Event::Each) && kinds.contains(&kind))
    })
}

/// The exception types an except/catch clause names, as written
/// (`except (ValueError, db.IntegrityError) as e:` → `ValueError`,
/// `db.IntegrityError`; `catch (IllegalArgumentException | IOException e)` →
/// both). `None` for a bare `except:` and for languages whose catch is untyped.
pub fn caught_types<'t>(m: &Model<'t>, clause: Node<'t>) -> Option<Vec<&'t str>> {
    match m.lang {
        Lang::Python => {
            let ty = python_caught_expression(clause)?;
            Some(match ty.kind_name() {
                "tuple" | "parenthesized_expression" => {
                    named_children(ty).map(|t| m.text(t)).collect()
                }
                _ => vec![m.text(ty)],
            })
        }
        Lang::Java => {
            let param =
                named_children(clause).find(|c| c.kind_name() == "catch_formal_parameter")?;
            let ty = named_children(param).find(|c| c.kind_name() == "catch_type")?;
            Some(named_children(ty).map(|t| m.text(t)).collect())
        }
        _ => None,
    }
}

/// What a Python `except` clause catches, as one expression
/// (`(ValueError, BaseException)` in `except (ValueError, BaseException) as e:`);
/// `None` for a bare `except:`.
pub fn python_caught_expression(clause: Node) -> Option<Node> {
    let value = clause
        .child_by_field_name("value")
        .or_else(|| named_children(clause).find(|c| c.kind_name() != "block"))?;
    if value.kind_name() == "as_pattern" {
        value.named_child(0)
    } else {
        Some(value)
    }
}

/// Whether `kind` is a function, method, lambda or closure of `lang`.
pub fn is_function_kind(lang: Lang, kind: &str) -> bool {
    event_kinds(lang, Event::Function).any(|k| k == kind)
}

/// How deep name resolution follows assignments and member chains.
const RESOLVE_DEPTH: u8 = 12;

/// A function, method, lambda or closure.
#[derive(Debug)]
pub struct Function<'t> {
    pub node: Node<'t>,
    pub name: String,
    pub is_async: bool,
    /// Decorator or annotation texts without `@` (`app.get("/x")`, `Retryable`).
    pub decorators: Vec<String>,
    pub params: Vec<Param>,
    /// Go: the last result is `error`.
    pub returns_error: bool,
    /// Serves an HTTP request (route decorator, `http.ResponseWriter` parameter…).
    pub is_handler: bool,
    /// Test code inside a source file (Rust `#[test]` functions).
    pub is_test: bool,
    pub parent: Option<FuncId>,
    /// The syntax node's parent and grandparent, from the walk's stack
    /// (`Node::parent` searches down from the root).
    pub outer: [Option<Node<'t>>; 2],
}

impl<'t> Function<'t> {
    /// A synchronous, undecorated, parameterless function; languages fill in
    /// what they know.
    pub fn new(node: Node<'t>, name: impl Into<String>) -> Self {
        Function {
            node,
            name: name.into(),
            is_async: false,
            decorators: Vec::new(),
            params: Vec::new(),
            returns_error: false,
            is_handler: false,
            is_test: false,
            parent: None,
            outer: [None, None],
        }
    }
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    /// The declared type's text, when the language has one.
    pub ty: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    Function(FuncId),
    Class,
    /// The protected body of a try/do block.
    TryBody,
    /// An except/catch clause.
    Catch,
    Loop,
    /// Test code inside a source file (Rust `#[cfg(test)] mod tests`).
    Test,
}

#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub kind: FrameKind,
    pub parent: Option<FrameId>,
}

/// An import as written: `local` is the name the file uses, `target` the
/// qualified thing it stands for (`rq` → `requests`, `get` → `axios.get`).
#[derive(Debug, Clone)]
pub struct Import {
    pub local: String,
    pub target: String,
}

/// One argument of a call, normalized across languages.
#[derive(Debug, Clone, Copy)]
pub struct Arg<'t> {
    /// The keyword or label (`timeout=` in Python, `connectTimeout:` in Dart).
    pub name: Option<&'t str>,
    pub value: Node<'t>,
    /// `**kwargs`, `*args`, `...opts`: contents unknown.
    pub spread: bool,
}

/// A call or constructor, normalized across languages.
#[derive(Debug, Clone)]
pub struct Call<'t> {
    pub node: Node<'t>,
    pub callee: Node<'t>,
    /// What the callee resolves to through imports and assignments.
    pub target: Option<String>,
    pub args: Vec<Arg<'t>>,
}

impl<'t> Call<'t> {
    pub fn kwarg(&self, name: &str) -> Option<Node<'t>> {
        self.args
            .iter()
            .find(|a| a.name == Some(name))
            .map(|a| a.value)
    }

    pub fn has_spread(&self) -> bool {
        self.args.iter().any(|a| a.spread)
    }

    /// The `i`-th positional argument.
    pub fn positional(&self, i: usize) -> Option<Node<'t>> {
        self.args
            .iter()
            .filter(|a| a.name.is_none() && !a.spread)
            .nth(i)
            .map(|a| a.value)
    }

    pub fn positional_count(&self) -> usize {
        self.args
            .iter()
            .filter(|a| a.name.is_none() && !a.spread)
            .count()
    }

    pub fn target_is(&self, names: &[&str]) -> bool {
        self.target.as_deref().is_some_and(|t| names.contains(&t))
    }
}

/// What one walk learned about one file.
pub struct Model<'t> {
    pub lang: Lang,
    pub src: &'t str,
    /// The syntax tree's root, once the walk has started.
    pub root: Option<Node<'t>>,
    pub imports: Vec<Import>,
    /// Every module path imported, for stack detection and project facts.
    pub modules: Vec<String>,
    /// The 1-based line each entry of `modules` was imported on.
    pub module_lines: Vec<usize>,
    /// The line of the node the walk is entering, for facts recorded without a node.
    pub(crate) line: usize,
    pub functions: Vec<Function<'t>>,
    pub frames: Vec<Frame>,
    /// The node each frame was opened at, by frame id.
    pub frame_nodes: Vec<Node<'t>>,
    /// The first line holding code nested deeper than rules look
    /// ([`walk::MAX_CHECKED_DEPTH`]), if any.
    pub too_deep: Option<usize>,
    /// The file sits in a tooling directory (scripts, command-line tools):
    /// its code runs once, when a person starts it.
    pub tooling: bool,
    import_map: HashMap<String, String>,
    /// Values assigned to names, per scope (`None`: module level). Lookups are by
    /// `&str`, so resolving a name allocates nothing.
    bindings: HashMap<Option<FuncId>, HashMap<String, Node<'t>>>,
    /// Fields assigned after construction (`client.Timeout = …`), as `name.Field`.
    pub assigned_fields: HashSet<String>,
    /// What the file's syntax says beyond functions and bindings: routes, signal
    /// handlers, broker callbacks, settings. Filled right after the walk.
    pub facts: crate::model::facts::Extracted,
    /// The file's boundary crossings by the id of their call node, sorted by id.
    pub interactions: Vec<(usize, crate::model::interaction::Interaction<'t>)>,
    /// Per-function facts rules compute once (see [`Model::memo_function_fact`]).
    function_facts: std::cell::RefCell<HashMap<(&'static str, usize), bool>>,
    /// Whether the file uses generated gRPC clients, decided on first ask.
    pub grpc_file: std::cell::Cell<Option<bool>>,
    /// The file's fields holding a generated gRPC client, with its service,
    /// found on first ask.
    pub grpc_fields: std::cell::RefCell<Option<HashMap<String, String>>>,
}

impl<'t> Model<'t> {
    pub fn new(lang: Lang, src: &'t str) -> Self {
        Model {
            lang,
            src,
            root: None,
            imports: Vec::new(),
            modules: Vec::new(),
            module_lines: Vec::new(),
            line: 1,
            functions: Vec::new(),
            frames: Vec::new(),
            frame_nodes: Vec::new(),
            too_deep: None,
            tooling: false,
            import_map: HashMap::new(),
            bindings: HashMap::new(),
            assigned_fields: HashSet::new(),
            facts: Default::default(),
            interactions: Vec::new(),
            function_facts: Default::default(),
            grpc_file: std::cell::Cell::new(None),
            grpc_fields: Default::default(),
        }
    }

    /// Whether this file hands the function `name` to a broker as its message
    /// callback: `basic_consume(q, on_message_callback=handle)`.
    pub fn is_consumer_callback(&self, name: &str) -> bool {
        self.facts.consumers.iter().any(|c| c.callback == name)
    }

    /// A per-function fact computed once per file: `compute` runs the first
    /// time `function` is asked about `fact`.
    pub fn memo_function_fact(
        &self,
        fact: &'static str,
        function: Node,
        compute: impl FnOnce() -> bool,
    ) -> bool {
        let key = (fact, function.id());
        if let Some(&v) = self.function_facts.borrow().get(&key) {
            return v;
        }
        let v = compute();
        self.function_facts.borrow_mut().insert(key, v);
        v
    }

    /// A fact about `node` decided earlier in this file, if it was.
    pub fn known_fact(&self, fact: &'static str, node: Node) -> Option<bool> {
        self.function_facts
            .borrow()
            .get(&(fact, node.id()))
            .copied()
    }

    /// Remembers a fact about `node` for the rest of this file.
    pub fn remember_fact(&self, fact: &'static str, node: Node, value: bool) {
        self.function_facts
            .borrow_mut()
            .insert((fact, node.id()), value);
    }

    /// The boundary crossing made by the call at `node`, if it is one.
    pub fn interaction_at(
        &self,
        node: Node,
    ) -> Option<&crate::model::interaction::Interaction<'t>> {
        let at = self
            .interactions
            .binary_search_by_key(&node.id(), |(id, _)| *id)
            .ok()?;
        Some(&self.interactions[at].1)
    }

    pub fn text(&self, node: Node) -> &'t str {
        self.src.get(node.byte_range()).unwrap_or("")
    }

    pub fn add_import(&mut self, local: &str, target: &str) {
        if local.is_empty() || target.is_empty() {
            return;
        }
        self.import_map
            .entry(local.to_string())
            .or_insert_with(|| target.to_string());
        self.imports.push(Import {
            local: local.to_string(),
            target: target.to_string(),
        });
    }

    pub fn add_module(&mut self, module: &str) {
        if !module.is_empty() {
            self.modules.push(module.to_string());
            self.module_lines.push(self.line);
        }
    }

    /// What an imported name stands for.
    pub fn import_target(&self, local: &str) -> Option<&str> {
        self.import_map.get(local).map(String::as_str)
    }

    pub fn imports_module(&self, prefix: &str) -> bool {
        self.modules.iter().any(|m| {
            m == prefix
                || m.strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with(['.', '/', ':']))
        })
    }

    /// Records `name = value` in the function `scope` (or module level for `None`).
    /// The first assignment wins: it is usually the construction.
    pub fn bind(&mut self, scope: Option<FuncId>, name: &str, value: Node<'t>) {
        let names = self.bindings.entry(scope).or_default();
        if !names.contains_key(name) {
            names.insert(name.to_string(), value);
        }
    }

    /// Whether the file declares `name` anywhere: an assignment in any scope, a
    /// parameter, or an import (a local `document` is not the browser's).
    pub fn declares(&self, name: &str) -> bool {
        self.bindings.values().any(|names| names.contains_key(name))
            || self
                .functions
                .iter()
                .any(|f| f.params.iter().any(|p| p.name == name))
            || self.import_target(name).is_some()
    }

    /// The value assigned to `name`, looked up from `scope` outwards.
    pub fn binding(&self, scope: Option<FuncId>, name: &str) -> Option<Node<'t>> {
        let mut s = scope;
        let mut guard = 0;
        loop {
            if let Some(v) = self.bindings.get(&s).and_then(|names| names.get(name)) {
                return Some(*v);
            }
            guard += 1;
            match s {
                Some(f) if guard < 64 => s = self.functions.get(f as usize).and_then(|f| f.parent),
                _ => return None,
            }
        }
    }

    /// A function or method defined in this file, by name.
    pub fn function_named(&self, name: &str) -> Option<&Function<'t>> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// The code a spawn runs, when this file holds it: a closure or lambda passed
    /// in (`lambda: …`, `() => …`, `async move { … }`, `func() { … }`), or a
    /// function of this file named (`process`) or called (`process(order)`).
    pub fn spawned_body(&self, arg: Node<'t>) -> Option<Node<'t>> {
        if CLOSURES.contains(&arg.kind_name()) {
            return Some(arg);
        }
        let named = match arg.kind_name() {
            "call" | "call_expression" | "method_invocation" | "await" | "await_expression" => {
                let call = self.call(arg, None)?;
                if CLOSURES.contains(&call.callee.kind_name()) {
                    return Some(call.callee);
                }
                call.callee
            }
            _ => arg,
        };
        let text = self.text(named);
        let name = text.rsplit(['.', ':']).next().unwrap_or(text).trim();
        let f = self.function_named(name)?;
        Some(f.node)
    }

    /// The innermost function around `frame`.
    pub fn function_at(&self, frame: Option<FrameId>) -> Option<FuncId> {
        self.frames_up(frame).find_map(|f| match f.kind {
            FrameKind::Function(id) => Some(id),
            _ => None,
        })
    }

    pub fn function(&self, id: FuncId) -> &Function<'t> {
        &self.functions[id as usize]
    }

    /// The Python class whose body defines the method `f`.
    pub fn enclosing_class(&self, f: FuncId) -> Option<Node<'t>> {
        let [first, second] = self.function(f).outer;
        // A method's parents: the class body, then the class (with a decorator
        // between when it has one).
        let (body, class) = if first.is_some_and(|n| n.kind_name() == "decorated_definition") {
            (second, second.and_then(|b| b.parent()))
        } else {
            (first, second)
        };
        body.filter(|b| b.kind_name() == "block")?;
        class.filter(|c| c.kind_name() == "class_definition")
    }

    /// Whether `f` is a Go package-level function: declared at the top of its
    /// file with `func name(…)`, not a method nor a function literal.
    pub fn is_go_package_function(&self, f: FuncId) -> bool {
        let func = self.function(f);
        self.lang == crate::lang::Lang::Go
            && func.parent.is_none()
            && func.node.kind_name() == "function_declaration"
    }

    /// Whether `f` is a Python module's own function: defined at the top of
    /// the module, not in another function or as a class's method.
    pub fn is_module_function(&self, f: FuncId) -> bool {
        self.lang == crate::lang::Lang::Python
            && self.function(f).parent.is_none()
            && self.enclosing_class(f).is_none()
    }

    /// The top-level function `f` is nested in (itself when it is one); a
    /// bounded walk, so a malformed parent chain cannot loop.
    pub fn outermost_function(&self, f: Option<FuncId>) -> Option<FuncId> {
        let mut cur = f?;
        for _ in 0..64 {
            match self.function(cur).parent {
                Some(p) => cur = p,
                None => break,
            }
        }
        Some(cur)
    }

    /// Frames from `frame` outwards.
    pub fn frames_up(&self, frame: Option<FrameId>) -> impl Iterator<Item = &Frame> {
        let mut cur = frame;
        std::iter::from_fn(move || {
            let f = self.frames.get(cur? as usize)?;
            cur = f.parent;
            Some(f)
        })
    }

    /// Whether `frame` sits in a try body (or a handler, or a loop) before the
    /// innermost enclosing function boundary.
    pub fn within(&self, frame: Option<FrameId>, kind: FrameKind) -> bool {
        for f in self.frames_up(frame) {
            if f.kind == kind {
                return true;
            }
            if matches!(f.kind, FrameKind::Function(_)) {
                return false;
            }
        }
        false
    }

    /// Whether `frame` is test code written inline in a source file: a test
    /// function or module (a Go helper that takes a `*testing.T` is a test
    /// function: it only runs under `go test`).
    pub fn in_test_code(&self, frame: Option<FrameId>) -> bool {
        self.frames_up(frame).any(|f| match f.kind {
            FrameKind::Test => true,
            FrameKind::Function(id) => self.function(id).is_test,
            _ => false,
        })
    }

    /// What an expression stands for: `rq.get` → `requests.get`,
    /// `s.get` where `s = requests.Session()` → `requests.Session().get`.
    /// Calls end in `()`, Go composite literals in `{}`.
    pub fn resolve(&self, node: Node<'t>, frame: Option<FrameId>) -> Option<String> {
        let scope = self.function_at(frame);
        self.resolve_in(node, scope, RESOLVE_DEPTH)
    }

    pub(crate) fn resolve_in(
        &self,
        node: Node<'t>,
        scope: Option<FuncId>,
        depth: u8,
    ) -> Option<String> {
        if depth == 0 {
            return None;
        }
        language(self.lang)?.resolve(self, node, scope, depth)
    }

    /// Resolves a plain name: a local binding first, then an import, else the name.
    fn resolve_name(&self, name: &str, scope: Option<FuncId>, depth: u8) -> Option<String> {
        // Python and TS rows match modules by name; Java and Go rows match on
        // types and methods, so a name there keeps its text.
        let modules_by_name = matches!(
            self.lang.family(),
            crate::lang::Family::Py | crate::lang::Family::Ts
        );
        if let Some(v) = self.binding(scope, name) {
            // `x = x.y` style self-references stop here rather than loop.
            if self.text(v) != name {
                let bound_in = scope_of_binding(self, scope, name);
                if let Some(r) = self.resolve_in(v, bound_in, depth - 1) {
                    return Some(r);
                }
                // An assignment shadows a module of its name: `requests =
                // container.object_at_path([...])` holds some object, and
                // `requests.get("cpu")` reads it. (A module-level fallback
                // beside its import, `except ImportError: requests = None`,
                // leaves the module.)
                if modules_by_name && (bound_in.is_some() || self.import_target(name).is_none()) {
                    return None;
                }
            }
        }
        // A parameter shadows a module of its name, imported or not: `def
        // parse(self, url, requests)` is handed some object (a caller's
        // session), not the `requests` module.
        let imported = self.import_target(name);
        if (modules_by_name || imported.is_some()) && self.is_parameter(scope, name) {
            return None;
        }
        if let Some(t) = imported {
            return Some(t.to_string());
        }
        Some(name.to_string())
    }

    /// The innermost function of this file whose body holds `node`.
    pub fn function_containing(&self, node: Node<'t>) -> Option<FuncId> {
        let (start, end) = (node.start_byte(), node.end_byte());
        self.functions
            .iter()
            .enumerate()
            .filter(|(_, f)| f.node.start_byte() <= start && end <= f.node.end_byte())
            .min_by_key(|(_, f)| f.node.end_byte() - f.node.start_byte())
            .map(|(i, _)| i as FuncId)
    }

    /// Whether `name` is a parameter of the function `scope` or of one around it.
    fn is_parameter(&self, scope: Option<FuncId>, name: &str) -> bool {
        let mut s = scope;
        for _ in 0..64 {
            let Some(f) = s.and_then(|f| self.functions.get(f as usize)) else {
                return false;
            };
            if f.params.iter().any(|p| p.name == name) {
                return true;
            }
            s = f.parent;
        }
        false
    }

    /// The call at `node`, normalized, or `None` if `node` is not a call.
    pub fn call(&self, node: Node<'t>, frame: Option<FrameId>) -> Option<Call<'t>> {
        let mut call = self.call_unresolved(node)?;
        call.target = self.call_target(&call, frame);
        Some(call)
    }

    /// [`Model::call`] without resolving the callee (`target` is `None`), for
    /// callers that look at the callee's name first; [`Model::call_target`]
    /// resolves it later.
    pub fn call_unresolved(&self, node: Node<'t>) -> Option<Call<'t>> {
        let (callee, args) = language(self.lang)?.call_parts(self, node)?;
        Some(Call {
            node,
            callee,
            target: None,
            args,
        })
    }

    /// What the callee of `call` resolves to through imports and assignments.
    pub fn call_target(&self, call: &Call<'t>, frame: Option<FrameId>) -> Option<String> {
        if call.callee.id() == call.node.id() {
            // Java and Kotlin invocations carry receiver and name without a callee node.
            let scope = self.function_at(frame);
            language(self.lang)?.callee_target(self, call.node, scope, RESOLVE_DEPTH)
        } else {
            self.resolve(call.callee, frame)
        }
    }
}

/// The scope a binding found from `scope` lives in, so its value resolves there.
fn scope_of_binding(m: &Model, scope: Option<FuncId>, name: &str) -> Option<FuncId> {
    let mut s = scope;
    for _ in 0..64 {
        if m.bindings
            .get(&s)
            .is_some_and(|names| names.contains_key(name))
        {
            return s;
        }
        s = Some(s.and_then(|f| m.functions.get(f as usize).and_then(|f| f.parent))?);
    }
    None
}

/// Node helpers shared by the language modules.
pub(crate) fn named_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let mut i = 0;
    let n = node.named_child_count();
    std::iter::from_fn(move || {
        while i < n {
            let c = node.named_child(i);
            i += 1;
            if let Some(c) = c {
                if c.kind_name() != "comment"
                    && c.kind_name() != "line_comment"
                    && c.kind_name() != "block_comment"
                {
                    return Some(c);
                }
            }
        }
        None
    })
}

pub(crate) fn children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let n = node.child_count();
    (0..n).filter_map(move |i| node.child(i))
}

/// Whether `node` sits after a statement that leaves its block (`return`,
/// `raise`, `throw`, `break`, `continue`) in the same block, at any level up
/// to its function: code that never runs (a sample left after `return
/// response.read()`).
pub fn unreachable(node: Node) -> bool {
    const BLOCKS: &[&str] = &["block", "statement_block", "compound_statement"];
    let mut n = node;
    for _ in 0..64 {
        let Some(parent) = n.parent() else {
            return false;
        };
        if matches!(
            parent.kind_name(),
            "function_definition"
                | "function_declaration"
                | "method_definition"
                | "method_declaration"
                | "arrow_function"
                | "function_expression"
                | "func_literal"
                | "lambda"
        ) {
            return false;
        }
        // A declaration after the `return` is hoisted (JavaScript) or a
        // definition: not a statement that runs in order.
        if matches!(
            n.kind_name(),
            "function_declaration"
                | "function_definition"
                | "class_declaration"
                | "class_definition"
                | "decorated_definition"
        ) {
            return false;
        }
        // The statements before it, in one pass (`prev_named_sibling`
        // searches from the block's start each time).
        if BLOCKS.contains(&parent.kind_name())
            && named_children(parent)
                .take_while(|s| s.id() != n.id())
                .any(always_leaves)
        {
            return true;
        }
        n = parent;
    }
    false
}

/// Whether a statement always leaves its block: an exit statement, or a
/// `with` block whose last statement is one (`with … as r: return r.read()`).
fn always_leaves(statement: Node) -> bool {
    let mut s = statement;
    // A few `with` blocks deep, each ending in the next.
    for _ in 0..8 {
        match s.kind_name() {
            "return_statement" | "raise_statement" | "throw_statement" | "break_statement"
            | "continue_statement" => return true,
            "with_statement" => {
                let Some(last) = s
                    .child_by_field_name("body")
                    .and_then(|b| b.named_child(b.named_child_count().saturating_sub(1)))
                else {
                    return false;
                };
                s = last;
            }
            _ => return false,
        }
    }
    false
}

/// The last name of a callee's text: `post` for `self.app.post`, `HandleFunc`
/// for `mux.HandleFunc`, `route` for `Router::new().route`.
pub fn last_name(text: &str) -> &str {
    let text = text.trim_end();
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '$')
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// Strips quotes from a string literal's text.
pub(crate) fn unquote(s: &str) -> &str {
    let s = s.trim();
    let s = s
        .strip_prefix(['r', 'b', 'f', 'u'])
        .filter(|r| r.starts_with(['"', '\'']))
        .unwrap_or(s);
    s.trim_matches(|c| c == '"' || c == '\'' || c == '`')
}

/// Where the parenthesis closing an opened one sits in `after_open`, the text
/// right after the `(`, looking at no more than `max_chars` characters.
pub(crate) fn closing_paren(after_open: &str, max_chars: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (i, c) in after_open.char_indices().take(max_chars) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Pre-order iteration over a subtree, iterative and bounded.
pub(crate) fn descendants<'t>(root: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    let mut cursor = root.walk();
    let mut started = false;
    let mut done = false;
    let mut budget: u32 = 200_000;
    std::iter::from_fn(move || {
        if done || budget == 0 {
            return None;
        }
        budget -= 1;
        if !started {
            started = true;
            return Some(root);
        }
        if cursor.goto_first_child() {
            return Some(cursor.node());
        }
        loop {
            if cursor.node() == root {
                done = true;
                return None;
            }
            if cursor.goto_next_sibling() {
                return Some(cursor.node());
            }
            if !cursor.goto_parent() {
                done = true;
                return None;
            }
        }
    })
}

/// Whether a callee names a logger or error reporter (`logger.error`,
/// `console.warn`, `Sentry.captureException`, `span.record_exception`, `log.Printf`):
/// calling one counts as handling an error.
pub fn is_reporter_name(callee: &str) -> bool {
    let lower = callee.to_ascii_lowercase();
    if lower.starts_with("console.") {
        return true;
    }
    const WORDS: &[&str] = &[
        "sentry",
        "metrics",
        "statsd",
        "span",
        "slog",
        "zap",
        "logrus",
        "klog",
        "glog",
        "tracing",
        "bugsnag",
        "rollbar",
        "newrelic",
        "crashlytics",
        "seterror",
        "set_error",
        "errorf",
        "reporterror",
        "report_error",
    ];
    lower
        .split(['.', ':', '(', '!'])
        .filter(|s| !s.is_empty())
        .any(|seg| {
            WORDS.contains(&seg)
                || seg.starts_with("log")
                || seg.ends_with("logger")
                || seg.ends_with("_log")
                || seg.contains("report")
                || seg.contains("capture")
                || seg.contains("record_exception")
                || seg.contains("recorderror")
                || seg.contains("recordexception")
                || seg == "warn"
                || seg == "warning"
        })
}

/// Handler-route decorator methods shared by Python and TS frameworks.
pub(crate) const ROUTE_METHODS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "route",
    "api_route",
    "websocket",
    "all",
];

#[cfg(test)]
mod tests;
