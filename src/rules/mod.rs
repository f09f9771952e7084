//! The rule registry. A rule is one folder: metadata and docs, the detection for
//! each language side by side, and pass/fail cases. Adding a rule means adding
//! its folder and one line in [`ALL`].

use crate::semantic::KindName as _;
mod ack_before_persist;
mod background;
mod batch_aborts_on_item_failure;
mod containers;
pub mod contexts;
mod fire_and_forget_task;
mod in_memory_state_store;
mod in_process_work_queue;
mod insert_without_conflict;
mod leaks_internal_errors;
mod missing_health_endpoint;
mod missing_unique_constraint;
mod no_graceful_shutdown;
mod non_durable_broker_config;
mod non_idempotent_request_retried;
mod nondeterministic_idempotency_key;
mod outbound_call_without_timeout;
mod retry_without_backoff;
mod secondary_failure_aborts_primary;
mod server_without_timeouts;
mod single_attempt_external_call;
mod swallowed_exception;
mod task_without_time_limit;
mod unbounded_polling_loop;
mod unbounded_retry;
mod unsupervised_background_write;
mod workflow_id_not_set;

use crate::finding::{Pillar, Severity, Stack};
use crate::lang::Family;
use crate::project::ProjectFacts;
use crate::semantic::fields::Field;
use crate::semantic::{Call, Event, FrameId, FrameKind, Function, Model};
use tree_sitter::Node;

/// Every rule faultline knows, in catalog order.
pub static ALL: &[&dyn Rule] = &[
    &outbound_call_without_timeout::OutboundCallWithoutTimeout,
    &single_attempt_external_call::SingleAttemptExternalCall,
    &swallowed_exception::SwallowedException,
    &fire_and_forget_task::FireAndForgetTask,
    &unbounded_retry::UnboundedRetry,
    &retry_without_backoff::RetryWithoutBackoff,
    &no_graceful_shutdown::NoGracefulShutdown,
    &server_without_timeouts::ServerWithoutTimeouts,
    &batch_aborts_on_item_failure::BatchAbortsOnItemFailure,
    &missing_health_endpoint::MissingHealthEndpoint,
    &leaks_internal_errors::LeaksInternalErrors,
    &secondary_failure_aborts_primary::SecondaryFailureAbortsPrimary,
    &unbounded_polling_loop::UnboundedPollingLoop,
    &task_without_time_limit::TaskWithoutTimeLimit,
    &nondeterministic_idempotency_key::NondeterministicIdempotencyKey,
    &workflow_id_not_set::WorkflowIdNotSet,
    &insert_without_conflict::InsertWithoutConflict,
    &missing_unique_constraint::MissingUniqueConstraint,
    &non_idempotent_request_retried::NonIdempotentRequestRetried,
    &unsupervised_background_write::UnsupervisedBackgroundWrite,
    &in_memory_state_store::InMemoryStateStore,
    &in_process_work_queue::InProcessWorkQueue,
    &ack_before_persist::AckBeforePersist,
    &non_durable_broker_config::NonDurableBrokerConfig,
];

/// Which files a rule runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Backend,
    Frontend,
    Any,
    Config,
}

impl Scope {
    pub fn admits(self, stack: Stack) -> bool {
        match self {
            Scope::Backend => stack == Stack::Backend,
            Scope::Frontend => stack == Stack::Frontend,
            Scope::Any => stack != Stack::Config,
            Scope::Config => stack == Stack::Config,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Backend => "backend",
            Scope::Frontend => "frontend",
            Scope::Any => "any",
            Scope::Config => "config",
        }
    }
}

/// A rule's documentation, in the sections `faultline rule ID` prints.
pub struct Docs {
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub use_instead: &'static str,
}

pub struct Meta {
    pub id: &'static str,
    pub name: &'static str,
    pub pillar: Pillar,
    pub severity: Severity,
    pub scope: Scope,
    /// Languages the rule covers (catalog "must" and "should").
    pub langs: &'static [Family],
    pub refs: &'static [&'static str],
    /// The default one-line title of a finding.
    pub title: &'static str,
    /// A preview rule runs only when asked for (`--preview`, or its ID in
    /// `--select`): its findings on real services are not yet reliable enough to
    /// be on by default.
    pub preview: bool,
    pub docs: Docs,
}

/// A test vector, written like the catalog reads: `code` at `path`, with a
/// marker comment on each line the rule must flag (`# expect: RES001`,
/// `// expect: RES001`, `expect: RES001*2` for two findings on one line). A
/// case without markers is a pass case: the rule must stay silent.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    pub path: &'static str,
    /// The snippet; one leading newline (after `r#"`) is not part of it.
    pub code: &'static str,
    /// Forces the stack, for languages whose files default to the other side.
    pub stack: Option<Stack>,
    /// Other files of the project the case needs (a `pom.xml`, a config, an
    /// importer), in the order they were added.
    pub companions: [Option<(&'static str, &'static str)>; MAX_COMPANIONS],
}

/// How many companion files a case may carry.
pub const MAX_COMPANIONS: usize = 4;

impl Case {
    pub const fn new(path: &'static str, code: &'static str) -> Case {
        Case {
            path,
            code,
            stack: None,
            companions: [None; MAX_COMPANIONS],
        }
    }

    /// Adds a companion file the case's project needs (at most
    /// [`MAX_COMPANIONS`]; one more fails to compile).
    pub const fn with_file(mut self, path: &'static str, text: &'static str) -> Case {
        let mut i = 0;
        while self.companions[i].is_some() {
            i += 1;
        }
        self.companions[i] = Some((path, text));
        self
    }

    /// The companion files, in order.
    pub fn companion_files(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.companions.iter().flatten().copied()
    }

    pub const fn on(self, stack: Stack) -> Case {
        Case {
            stack: Some(stack),
            ..self
        }
    }

    /// The snippet as scanned.
    pub fn source(&self) -> &'static str {
        self.code.strip_prefix('\n').unwrap_or(self.code)
    }

    /// The lines `rule` must flag in the snippet, from the markers (a line
    /// twice for `*2`).
    pub fn expected(&self, rule: &str) -> Vec<usize> {
        Self::expected_in(self.source(), rule)
    }

    /// The lines `rule` must flag in one file of the case (the snippet or a
    /// companion), from its markers.
    pub fn expected_in(source: &str, rule: &str) -> Vec<usize> {
        let marker = format!("expect: {rule}");
        let mut lines = Vec::new();
        for (i, line) in source.lines().enumerate() {
            let Some(at) = line.find(&marker) else {
                continue;
            };
            let rest = &line[at + marker.len()..];
            let times = rest
                .strip_prefix('*')
                .and_then(|n| n.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            lines.extend(std::iter::repeat_n(i + 1, times));
        }
        lines
    }

    pub fn is_fail(&self) -> bool {
        self.code.contains("expect: ")
            || self.companion_files().any(|(_, t)| t.contains("expect: "))
    }
}

pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static Meta;
    /// The events this rule inspects; the walk hands it only those nodes, in
    /// the languages of its [`Meta::langs`].
    fn events(&self) -> &'static [Event];
    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>);
    fn cases(&self) -> Vec<Case>;
}

/// What a rule reports; the scanner turns it into a [`crate::finding::Finding`].
pub struct Diag<'t> {
    pub node: Node<'t>,
    pub severity: Option<Severity>,
    pub title: Option<String>,
    pub issue: String,
    pub impact: String,
    pub fix: String,
    pub hint: Option<crate::facts::Hint>,
    pub unless: Option<crate::facts::Unless>,
    pub evidence: Option<crate::finding::Evidence>,
}

impl<'t> Diag<'t> {
    /// The interaction and setting that decided the finding.
    pub fn evidence(mut self, e: crate::finding::Evidence) -> Self {
        self.evidence = Some(e);
        self
    }

    pub fn new(
        node: Node<'t>,
        issue: String,
        impact: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Diag {
            node,
            severity: None,
            title: None,
            issue,
            impact: impact.into(),
            fix: fix.into(),
            hint: None,
            unless: None,
            evidence: None,
        }
    }

    /// Keeps the finding only if, across the whole project, `u` does not hold.
    /// Drops the finding when `u` holds for the project; a second condition
    /// joins the first (either one drops it).
    pub fn unless(mut self, u: crate::facts::Unless) -> Self {
        self.unless = Some(match self.unless.take() {
            None => u,
            Some(crate::facts::Unless::Any(mut all)) => {
                all.push(u);
                crate::facts::Unless::Any(all)
            }
            Some(first) => crate::facts::Unless::Any(vec![first, u]),
        });
        self
    }

    pub fn severity(mut self, s: Severity) -> Self {
        self.severity = Some(s);
        self
    }

    /// Completes the fix with what the project already uses.
    pub fn hint(mut self, h: crate::facts::Hint) -> Self {
        self.hint = Some(h);
        self
    }

    pub fn title(mut self, t: impl Into<String>) -> Self {
        self.title = Some(t.into());
        self
    }
}

/// What a rule sees of the file around a node.
pub struct Cx<'a, 't> {
    pub m: &'a Model<'t>,
    pub path: &'a str,
    /// The path from the top of the repository: what its directories say of
    /// the file's role (`deprecated/`, `migrations/`, `demo/`) is read here.
    pub project_path: &'a str,
    pub stack: Stack,
    pub is_test: bool,
    origin: crate::model::Origin,
    /// A file of a repository of samples, whose samples are its product.
    pub samples_repo: bool,
    /// What the nearest `package.json` says its code is (JS/TS only).
    pub package: Option<crate::project::PackageKind>,
    /// The project's vocabulary, from the configuration governing the file.
    pub vocabulary: Option<&'a crate::vocabulary::Vocabulary>,
    pub project: &'a ProjectFacts,
    pub frame: Option<FrameId>,
    /// What the node is to the rule.
    pub event: Event,
    /// The node's parent (cheaper than `Node::parent`, which searches from the root).
    pub parent: Option<Node<'t>>,
    /// The last `callee_name` answer, by node id: the rules subscribed to a node
    /// run one after another and most of them ask it first.
    pub callee_memo: &'a std::cell::Cell<(usize, usize, usize)>,
}

impl<'a, 't> Cx<'a, 't> {
    /// The context of a node the walk handed over, in the file `file`.
    pub fn at(
        m: &'a Model<'t>,
        file: &'a crate::engine::FileMeta,
        stack: Stack,
        project: &'a ProjectFacts,
        candidate: &crate::semantic::walk::Candidate<'t>,
        callee_memo: &'a std::cell::Cell<(usize, usize, usize)>,
    ) -> Cx<'a, 't> {
        Cx {
            m,
            path: &file.path,
            project_path: &file.project_path,
            stack,
            is_test: file.is_test,
            origin: file.origin,
            samples_repo: file.samples_repo,
            package: file.package,
            vocabulary: file.vocabulary.as_deref(),
            project,
            frame: candidate.frame,
            event: candidate.event,
            parent: candidate.parent,
            callee_memo,
        }
    }

    pub fn text(&self, node: Node) -> &'t str {
        self.m.text(node)
    }

    pub fn call(&self, node: Node<'t>) -> Option<Call<'t>> {
        self.m.call(node, self.frame)
    }

    pub fn resolve(&self, node: Node<'t>) -> Option<String> {
        self.m.resolve(node, self.frame)
    }

    /// The innermost enclosing function.
    pub fn function(&self) -> Option<&'a Function<'t>> {
        self.m.function_at(self.frame).map(|id| self.m.function(id))
    }

    /// The nearest enclosing function with a name: the one a closure (`go
    /// func() { … }()`, a callback) is written in.
    pub fn named_function(&self) -> Option<&'a Function<'t>> {
        let mut id = self.m.function_at(self.frame)?;
        for _ in 0..64 {
            let f = self.m.function(id);
            match f.parent {
                Some(p) if f.name.starts_with('<') => id = p,
                _ => return Some(f),
            }
        }
        Some(self.m.function(id))
    }

    /// The functions of this file that `f`'s body calls by name
    /// (`setRequestConfig(httpMethod)`, `createPostRequest(ctx, …)`), at
    /// most 16: the file's own helpers a rule may look into.
    pub fn called_helpers(
        &self,
        f: &'a Function<'t>,
    ) -> impl Iterator<Item = &'a Function<'t>> + use<'a, 't> {
        let m = self.m;
        let body = m.text(f.node);
        m.functions
            .iter()
            .filter(move |g| {
                g.node.id() != f.node.id() && !g.name.is_empty() && !g.name.starts_with('<')
            })
            .filter(move |g| {
                body.match_indices(g.name.as_str()).any(|(i, name)| {
                    body[i + name.len()..].starts_with('(')
                        && !body[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            })
            .take(16)
    }

    pub fn in_try_body(&self) -> bool {
        self.m.within(self.frame, FrameKind::TryBody)
    }

    /// Test code: a test file, or inline tests (`#[cfg(test)] mod tests`).
    pub fn in_test_code(&self) -> bool {
        self.is_test
            || self.m.facts.roles.go_test_package
            || self.m.facts.roles.test_support
            || self.m.in_test_code(self.frame)
    }

    /// Whether the flagged line, or the line above it, carries one of `markers`
    /// (a peer linter's suppression such as `pylint: disable=broad-except`).
    pub fn line_has_marker(&self, node: Node, markers: &[&str]) -> bool {
        let window = self.line_window(node);
        markers.iter().any(|m| window.contains(m))
    }

    /// The text of the node's line and the line above (where suppression
    /// comments sit), bounded to a few hundred bytes each way.
    pub fn line_window(&self, node: Node) -> std::borrow::Cow<'_, str> {
        // A bounded window: the end of the line above through the end of this
        // line, at most a few hundred bytes each way (minified code has 500 KB lines).
        const REACH: usize = 400;
        let src = self.m.src.as_bytes();
        let start = node.start_byte().min(src.len());
        let line_start = src[..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let above_floor = line_start.saturating_sub(REACH);
        let above_end = line_start.saturating_sub(1);
        let above_start = src[above_floor..above_end]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(above_floor, |i| above_floor + i + 1);
        let line_end = src[start..]
            .iter()
            .take(REACH)
            .position(|&b| b == b'\n')
            .map_or((start + REACH).min(src.len()), |i| start + i);
        String::from_utf8_lossy(&src[above_start..line_end])
    }

    /// Inside an except/catch clause.
    pub fn in_catch(&self) -> bool {
        self.m.within(self.frame, FrameKind::Catch)
    }

    /// The innermost except/catch clause around the node, within its function.
    pub fn catch_clause(&self) -> Option<Node<'t>> {
        let mut f = self.frame;
        while let Some(id) = f {
            let frame = self.m.frames[id as usize];
            match frame.kind {
                FrameKind::Catch => return self.m.frame_nodes.get(id as usize).copied(),
                FrameKind::Function(_) => return None,
                _ => f = frame.parent,
            }
        }
        None
    }

    /// The kind of code the node sits in (handler, entry point, workflow…).
    /// Product, example or library code. A Go `package main` is a program
    /// wherever it sits.
    pub fn origin(&self) -> crate::model::Origin {
        use crate::model::Origin;
        match self.origin {
            Origin::Library if self.m.facts.roles.go_main_package => Origin::Product,
            o => o,
        }
    }

    /// The kind of code the node runs as. Code in a tooling directory (scripts,
    /// command-line tools) runs once, when a person starts it.
    pub fn role(&self) -> crate::model::Role {
        use crate::model::Role;
        match self.m.role_of(self.m.function_at(self.frame)) {
            Role::Other if self.m.tooling => Role::EntryPoint,
            r => r,
        }
    }

    /// Inside a function that serves an HTTP request.
    pub fn in_request_handler(&self) -> bool {
        self.function().is_some_and(|f| f.is_handler)
    }

    /// Whether the enclosing handler serves only the instance's administrators:
    /// an admin guard on it (`Depends(check_admin)`, `@admin_required`,
    /// `@staff_member_required`, `@PreAuthorize("hasRole('ADMIN')")`), on its
    /// class (`class DebugController(BaseAdminController)`), or an `admin`
    /// directory or module (`routes/admin/debug.py`).
    pub fn admin_only(&self) -> bool {
        let Some(f) = self.function() else {
            return false;
        };
        let says_admin = |t: &str| {
            let t = t.to_ascii_lowercase();
            t.contains("admin") || t.contains("superuser") || t.contains("staff_member")
        };
        let path_admin = self
            .path
            .rsplit('/')
            .skip(1)
            .any(|d| d == "admin" || d == "admins")
            || self
                .path
                .rsplit('/')
                .next()
                .is_some_and(|file| file.starts_with("admin"));
        if path_admin || f.decorators.iter().any(|d| says_admin(d)) {
            return true;
        }
        // The signature (parameters with their guards), and the class around a method.
        let header = |n: Node<'t>| {
            let end = n
                .child_by_field_name("body")
                .map_or(n.end_byte(), |b| b.start_byte());
            self.m.src.get(n.start_byte()..end).unwrap_or("")
        };
        // The class: a few levels up (decorated definition, body, class).
        says_admin(header(f.node))
            || std::iter::successors(f.node.parent(), |n| n.parent())
                .take(4)
                .find(|n| n.kind_name().contains("class"))
                .is_some_and(|c| says_admin(header(c)))
    }

    /// Where the route that runs `node` is registered: `None` when an
    /// administrators' guard around the registration shows in this file (the
    /// handler is a function literal passed to a guarded registration), else the
    /// names whose registrations elsewhere decide it — the outermost function
    /// (a named handler, a handler factory), and the context of a registration
    /// `node` sits in ([`crate::model::guards`]).
    pub fn route_names(&self, node: Node<'t>) -> Option<Vec<String>> {
        let func = self.m.function_at(self.frame);
        let mut names: Vec<String> = crate::model::guards::outermost_name(self.m, func)
            .map(str::to_string)
            .into_iter()
            .collect();
        let mut up = node.parent();
        for _ in 0..48 {
            let Some(n) = up else { break };
            if matches!(n.kind_name(), "call_expression" | "call") {
                if let Some(call) = self.m.call_unresolved(n) {
                    let callee = crate::semantic::last_name(self.text(call.callee));
                    if crate::model::facts::is_route_call(callee) && call.args.len() >= 2 {
                        if crate::model::guards::guarded(self.m, n, &call) {
                            return None;
                        }
                        let within = crate::model::guards::within(self.m, func, &call);
                        if !within.is_empty() && !names.contains(&within) {
                            names.push(within);
                        }
                        break;
                    }
                }
            }
            up = n.parent();
        }
        Some(names)
    }

    /// The keys a Go composite literal sets (`http.Server{Addr: …, Handler: …}`
    /// → `Addr`, `Handler`).
    pub fn literal_keys(&self, literal: Node<'t>) -> Vec<&'t str> {
        self.literal_fields(literal)
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    }

    /// The `Key: value` pairs of a Go composite literal, through the
    /// `literal_element` wrappers newer grammars put around keys and values.
    pub fn literal_fields(&self, literal: Node<'t>) -> Vec<(&'t str, Node<'t>)> {
        fn unwrap(n: Node) -> Node {
            if n.kind_name() == "literal_element" {
                n.named_child(0).unwrap_or(n)
            } else {
                n
            }
        }
        let Some(body) = literal.child_by_field_name("body") else {
            return Vec::new();
        };
        crate::semantic::named_children(body)
            .filter(|e| e.kind_name() == "keyed_element")
            .filter_map(|e| {
                let key = unwrap(e.named_child(0)?);
                let value = unwrap(e.named_child(1)?);
                Some((self.text(key), value))
            })
            .collect()
    }

    pub fn in_loop(&self) -> bool {
        self.m.within(self.frame, FrameKind::Loop)
    }

    /// The last name of a call's callee, without resolving anything: `post` for
    /// `self.http.post(...)`, `RestTemplate` for `new RestTemplate()`. Rules use it
    /// to skip the many calls that cannot match before paying for resolution.
    pub fn callee_name(&self, call: Node<'t>) -> &'t str {
        // Remembered as a byte range of the source: the name is a slice of it.
        let src = self.m.src;
        let (id, start, end) = self.callee_memo.get();
        if id == call.id() {
            return src.get(start..end).unwrap_or("");
        }
        let name = self.compute_callee_name(call);
        let start = (name.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
        if !name.is_empty() && start <= src.len() {
            self.callee_memo.set((call.id(), start, start + name.len()));
        }
        name
    }

    fn compute_callee_name(&self, call: Node<'t>) -> &'t str {
        let callee = call
            .field("function")
            .or_else(|| call.field("name"))
            .or_else(|| call.field("type"))
            .or_else(|| call.field("constructor"))
            .or_else(|| call.named_child(0));
        let text = callee.map(|c| self.text(c)).unwrap_or("").trim_end();
        // `ArrayList<String>` → `ArrayList`; a chain ends in its last name.
        let text = if text.ends_with('>') {
            text.split('<').next().unwrap_or(text)
        } else {
            text
        };
        crate::semantic::last_name(text)
    }

    /// Whether the variable a Go composite literal is assigned to gets `field` set
    /// later in the file: `c := &http.Client{}` then `c.Timeout = …`; or, for a
    /// literal kept in a struct field (`Client: &http.Client{}`), that field's
    /// (`c.Client.Timeout = c.Timeout`).
    pub fn field_assigned_later(&self, literal: Node, field: &str) -> bool {
        let held = literal
            .parent()
            .filter(|p| p.kind_name() == "unary_expression")
            .unwrap_or(literal)
            .parent()
            .filter(|p| p.kind_name() == "literal_element")
            .and_then(|e| e.parent())
            .filter(|k| k.kind_name() == "keyed_element")
            .and_then(|k| k.field("key"));
        if let Some(key) = held {
            let tail = format!(".{}.{field}", self.text(key).trim());
            return self.m.assigned_fields.iter().any(|a| a.ends_with(&tail));
        }
        let mut n = literal;
        for _ in 0..3 {
            let Some(p) = n.parent() else { return false };
            if matches!(
                p.kind_name(),
                "short_var_declaration" | "var_spec" | "assignment_statement"
            ) {
                let left = p.field("left").or_else(|| p.field("name"));
                return left.is_some_and(|l| {
                    let name = self.text(l.named_child(0).unwrap_or(l));
                    self.m.assigned_fields.contains(&format!("{name}.{field}"))
                });
            }
            n = p;
        }
        false
    }

    /// A node's code on one line, shortened to `max` characters: for messages.
    /// Comments inside the node are left out (`@app.task  # noqa` reads
    /// `@app.task`); only the leaves needed for `max` characters are visited.
    pub fn snippet(&self, node: Node, max: usize) -> String {
        let mut flat = String::new();
        let mut count = 0usize;
        // Whitespace (or a comment) seen since the last character kept.
        let mut space = false;
        let mut last_end: Option<usize> = None;
        let mut cursor = node.walk();
        let mut truncated = false;
        'walk: loop {
            let n = cursor.node();
            if n.kind_name().contains("comment") {
                space = true;
            } else if n.child_count() == 0 || n.kind_name().contains("string_content") {
                let gap = last_end.map_or("", |e| self.m.src.get(e..n.start_byte()).unwrap_or(""));
                space |= gap.chars().any(char::is_whitespace);
                for c in self.text(n).chars() {
                    if c.is_whitespace() {
                        space = true;
                        continue;
                    }
                    let pending = usize::from(space && !flat.is_empty());
                    if count + pending >= max {
                        truncated = true;
                        break 'walk;
                    }
                    if pending == 1 {
                        flat.push(' ');
                        count += 1;
                    }
                    space = false;
                    flat.push(c);
                    count += 1;
                }
                last_end = Some(n.end_byte());
            } else if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() || cursor.node().id() == node.id() {
                    break 'walk;
                }
            }
        }
        if truncated {
            flat.push('…');
        }
        flat
    }

    /// A short form of a call for messages: `requests.post(...)`.
    pub fn call_label(&self, call: &Call) -> String {
        let callee = if call.callee.id() == call.node.id() {
            // A Java invocation is its own callee: `object.name`, or `new Type`.
            let n = call.node;
            match (n.field("object"), n.field("name"), n.field("type")) {
                (Some(o), Some(name), _) => format!("{}.{}", self.text(o), self.text(name)),
                (None, Some(name), _) => self.text(name).to_string(),
                (_, _, Some(ty)) => format!("new {}", self.text(ty)),
                _ => String::new(),
            }
        } else {
            self.text(call.callee).to_string()
        };
        // `session\n    .post` loses the break; inner calls keep their parentheses.
        let callee = callee
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" .", ".");
        let n = callee.chars().count();
        let callee = if n > 60 {
            format!("…{}", callee.chars().skip(n - 40).collect::<String>())
        } else {
            callee
        };
        format!("{callee}(...)")
    }
}

/// A registered rule by its ID or its name (`RES001`, `res001`,
/// `outbound-call-without-timeout`), in any case.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    let id = id.trim();
    ALL.iter().copied().find(|r| {
        let m = r.meta();
        m.id.eq_ignore_ascii_case(id) || m.name.eq_ignore_ascii_case(&id.replace('_', "-"))
    })
}

/// ` (did you mean `X`?)` for the candidate nearest to `input` (in any case,
/// at most three edits away), else nothing: for error messages.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let input = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&input, &c.to_ascii_lowercase()), c))
        .min()
        .filter(|(d, _)| *d <= 3)
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::scan::scan_snippet;

    fn lines(code: &str) -> Vec<usize> {
        let enabled: Vec<bool> = super::ALL.iter().map(|r| r.meta().id == "RES003").collect();
        scan_snippet("app/x.py", code, &enabled, None, [])
            .unwrap()
            .iter()
            .map(|f| f.line)
            .collect()
    }

    #[test]
    fn peer_markers_count_on_the_flagged_line_or_the_one_above_only() {
        let f = "import requests\n";
        assert!(lines(&format!("{f}try:\n    requests.post(u, timeout=5)\nexcept Exception:  # noqa: BLE001\n    pass\n")).is_empty());
        assert!(lines(&format!("{f}try:\n    requests.post(u, timeout=5)\n# noqa: BLE001\nexcept Exception:\n    pass\n")).is_empty());
        assert_eq!(
            lines(&format!("{f}# noqa: BLE001\n\ntry:\n    requests.post(u, timeout=5)\nexcept Exception:\n    pass\n")),
            [6]
        );
    }
}
