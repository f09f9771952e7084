//! Project facts from syntax: routes, signal handlers, broker callbacks,
//! controllers and task-queue settings, each with its line.
//!
//! Calls and annotations come from the walk (the kinds in [`kinds`]); names that
//! only matter where they occur as code (`SIGTERM`, `task_acks_late`) are found
//! by a cheap text search and then confirmed against the syntax tree, so the
//! file is not walked a second time and a comment or a log message never counts.

use crate::lang::Lang;
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use crate::semantic::{named_children, unquote, Event, Model, ROUTE_METHODS};
use tree_sitter::Node;

/// A route the code registers: `@app.get("/healthz")`, `mux.HandleFunc("/x", h)`,
/// `.route("/livez", get(live))`, `@GetMapping("/orders")`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// `GET`, `POST`, … or `ANY` when the registration does not say.
    pub method: String,
    pub path: String,
    pub line: usize,
}

/// Code that reacts to SIGTERM/SIGINT or installs a shutdown hook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignalHandler {
    /// The token that made it one: `SIGTERM`, `os.Interrupt`, `enableShutdownHooks`…
    pub signal: String,
    pub line: usize,
}

/// A function handed to a broker as its message callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumerRegistration {
    pub callback: String,
    pub line: usize,
    /// The queue, topic or subject it consumes, when the code names it.
    pub queue: Option<String>,
    /// The registering call's name (`basic_consume`, `subscribe`), empty for an
    /// attribute assignment.
    pub via: String,
    /// The acknowledgement mode the registration sets, with its line: `auto`
    /// (acked on delivery, before the handler runs) or `manual` (the handler acks).
    pub ack: Option<(&'static str, usize)>,
    /// The consumer group it joins where the registration names one (a NATS
    /// queue group): each message goes to one member of the group.
    pub group: Option<String>,
}

/// What one file's syntax says.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    pub routes: Vec<Route>,
    pub signals: Vec<SignalHandler>,
    pub consumers: Vec<ConsumerRegistration>,
    /// Declares HTTP controllers (`@RestController`, `@GetMapping`, …).
    pub controllers: bool,
    /// Calls `Shutdown(…)` on something (Go's `srv.Shutdown(ctx)`).
    pub shutdown_call: bool,
    /// Sets Celery's `task_time_limit`/`task_soft_time_limit` (any spelling).
    pub celery_time_limit: bool,
    /// Sets Celery's `task_acks_late` to `True`.
    pub celery_acks_late: bool,
    /// Sets Celery's `task_acks_late` to a value read at run time
    /// (`env.bool("CELERY_ACKS_LATE")`).
    pub celery_acks_unknown: bool,
    /// Entry points and workflow code.
    pub roles: super::roles::Roles,
    /// Code that touches browser globals (`document.`, `window.`, `navigator.`,
    /// `localStorage.`) outside comments and strings.
    pub browser_globals: bool,
    /// Retry policies installed on clients (`axiosRetry(axios, …)`,
    /// `HTTPAdapter(max_retries=…)`, `retryablehttp.NewClient()`), with their line.
    pub retry_policies: Vec<(String, usize)>,
    /// Names route registrations hand to a router, with their context and
    /// whether an administrators' guard covers them.
    pub route_guards: Vec<super::guards::RouteGuard>,
    /// Process-wide client timeouts the file sets: `axios.defaults.timeout = …`
    /// (the global axios instance), Go's `http.DefaultClient.Timeout = …`.
    /// Each names the client whose default it changes.
    pub process_timeouts: Vec<&'static str>,
    /// Python: requests transport adapters the file defines whose `send`
    /// fills in a timeout (`class TimeoutHTTPAdapter(HTTPAdapter)` setting
    /// `kwargs["timeout"]`): a session they are mounted on is bounded.
    pub timeout_adapters: Vec<String>,
}

/// The events the walk hands to [`extract`]: calls, constructions (a Go
/// `http.Client{…}`, a Java `new OkHttpClient()`) and annotations.
pub const EVENTS: &[Event] = &[Event::Call, Event::New, Event::Decorator];

/// A node [`extract`] reads, with its function and what it is.
pub type FactNode<'t> = (Node<'t>, Option<crate::semantic::FuncId>, Event);

/// Route registrations beyond the decorator methods Python and TS frameworks
/// share ([`ROUTE_METHODS`]): a call of one of these with a path and a handler
/// (or in decorator position) registers a route.
const MORE_ROUTE_CALLS: &[&str] = &[
    "add_api_route",
    "add_route",
    "add_url_rule",
    "path",
    "re_path",
    "url",
    "Handle",
    "HandleFunc",
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "Any",
    "Get",
    "Post",
    "Put",
    "Patch",
    "Delete",
    "Head",
    "Options",
    "All",
    "Controller",
    "resource",
    "Group",
    "group",
];

/// Calls that mount a router or middleware under a path.
const MOUNTS: &[&str] = &["use", "Mount"];

pub(crate) fn is_route_call(name: &str) -> bool {
    ROUTE_METHODS.contains(&name) || MORE_ROUTE_CALLS.contains(&name)
}

/// Argument kinds that can be a request handler (a function value), as opposed
/// to a request body, an options object or a literal.
const HANDLER_KINDS: &[&str] = &[
    "identifier",
    "simple_identifier",
    "attribute",
    "member_expression",
    "selector_expression",
    "field_access",
    "field_expression",
    "scoped_identifier",
    "navigation_expression",
    "call",
    "call_expression",
    "method_invocation",
    "lambda",
    "arrow_function",
    "function_expression",
    "func_literal",
    "closure_expression",
    "lambda_expression",
    "lambda_literal",
    "annotated_lambda",
    "method_reference",
];

/// Resolved callee prefixes of HTTP clients: their `get("/x", …)` is a request, not a route.
const CLIENT_TARGETS: &[&str] = &[
    "requests.",
    "httpx.",
    "aiohttp.",
    "urllib",
    "axios",
    "got",
    "ky.",
    "superagent",
    "net/http.Get",
    "net/http.Post",
    "reqwest.",
];

/// Extracts the facts of one file from the walk's call/annotation nodes (with
/// the function each sits in) and token searches confirmed on the
/// tree rooted at `root`.
pub fn extract<'t>(m: &Model<'t>, root: Node<'t>, nodes: &[FactNode<'t>]) -> Extracted {
    let mut out = Extracted {
        roles: super::roles::compute(m, root, nodes),
        ..Extracted::default()
    };
    // Guards are looked for only in a file that names one somewhere (asked
    // once, of a file that registers routes).
    let guards = std::cell::OnceCell::new();
    for &(node, func, event) in nodes {
        match event {
            Event::Decorator if m.lang == Lang::Java => java_annotation(m, node, &mut out),
            Event::Call | Event::New => call(m, node, func, &guards, &mut out),
            _ => {}
        }
    }
    signals(m, root, &mut out);
    if matches!(m.lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript) {
        out.browser_globals = browser_globals(m, root);
    }
    process_timeouts(m, root, &mut out);
    if m.lang == Lang::Python {
        celery_settings(m, root, &mut out);
        attribute_callbacks(m, root, &mut out);
    }
    out
}

fn line_of(node: Node) -> usize {
    node.start_position().row + 1
}

use crate::semantic::last_name;

/// A string literal's value, also at the end of a concatenation
/// (`baseURL + "/_healthz"`); `None` for anything computed.
pub(crate) fn string_value(m: &Model, node: Node) -> Option<String> {
    let mut n = node;
    for _ in 0..4 {
        let kind = n.kind_name();
        if kind.contains("string") && !kind.contains("interpolat") {
            let text = m.text(n);
            let interpolated = named_children(n).any(|c| {
                c.kind_name().contains("interpolation") || c.kind_name().contains("substitution")
            });
            if interpolated || text.contains("${") || text.contains("#{") || text.contains("\\(") {
                return None;
            }
            return Some(unquote(text).to_string());
        }
        if matches!(
            kind,
            "binary_expression" | "binary_operator" | "concatenated_string" | "additive_expression"
        ) {
            n = n.named_child(n.named_child_count().checked_sub(1)?)?;
            continue;
        }
        return None;
    }
    None
}

/// A route path as code writes it: `/x`, `x/` (Django), `health` (Nest, Vapor),
/// `GET /x` (Go 1.22 patterns); never a URL.
fn route_path(raw: &str) -> Option<String> {
    let path = raw.rsplit(' ').next().unwrap_or(raw).trim();
    if path.contains("://") || path.starts_with("http") && path.contains(':') {
        return None;
    }
    let ok = !path.is_empty()
        && path.len() <= 200
        && path.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    '/' | '_'
                        | '-'
                        | '.'
                        | ':'
                        | '{'
                        | '}'
                        | '<'
                        | '>'
                        | '*'
                        | '^'
                        | '$'
                        | '?'
                        | '('
                        | ')'
                        | '+'
                        | '\\'
                        | '['
                        | ']'
                )
        });
    ok.then(|| path.to_string())
}

fn method_of(callee: &str) -> String {
    let upper = callee.to_ascii_uppercase();
    match upper.as_str() {
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" => upper,
        _ => "ANY".to_string(),
    }
}

fn call<'t>(
    m: &Model<'t>,
    node: Node<'t>,
    func: Option<crate::semantic::FuncId>,
    guards: &std::cell::OnceCell<bool>,
    out: &mut Extracted,
) {
    // In languages without keyword arguments only a few callee names matter:
    // decide by the name before splitting the call into its arguments.
    if matches!(
        m.lang,
        Lang::Java | Lang::Go | Lang::Rust | Lang::TypeScript | Lang::Tsx | Lang::JavaScript
    ) {
        let named = node
            .field("name")
            .or_else(|| node.field("type"))
            .or_else(|| node.field("function"));
        let name = named.map_or("", |n| last_name(m.text(n)));
        let relevant = name == "Shutdown"
            || POSITIONAL_CONSUMES.contains(&name)
            || is_route_call(name)
            || MOUNTS.contains(&name)
            || SUBSCRIBE_CALLS.contains(&name)
            || super::coverage::POLICY_NAMES.contains(&name);
        if !relevant {
            return;
        }
    }
    // The callee's target is resolved only for a route registration's path.
    let Some(mut c) = m.call_unresolved(node) else {
        return;
    };
    let callee_text = if c.callee.id() == node.id() {
        // Java invocations carry their name in a field.
        node.field("name").map_or("", |n| m.text(n))
    } else {
        m.text(c.callee)
    };
    let name = last_name(callee_text);
    if name == "Shutdown" {
        out.shutdown_call = true;
    }
    if let Some(what) = super::coverage::client_policy(m, &c) {
        out.retry_policies.push((what, line_of(node)));
    }
    consumer_registration(m, &c, name, out);
    positional_consumer(m, &c, name, func, out);
    kafka_subscription(m, &c, name, func, out);
    // A registration hands the router a handler, a group's setup function or
    // (`router.use('/settings', guard, settingsRoutes)`) a mounted router.
    let mount = MOUNTS.contains(&name);
    let route = is_route_call(name);
    if (mount || route) && (c.args.len() >= 2 || super::guards::GROUPS.contains(&name)) {
        super::guards::record(
            m,
            node,
            func,
            &c,
            name,
            *guards.get_or_init(|| super::guards::may_guard(m.src)),
            &mut out.route_guards,
        );
    }
    if !route {
        return;
    }
    let Some(first) = c.positional(0) else { return };
    let path = match first.kind_name() {
        // A path held by a constant: unknown text, but its name still tells.
        "identifier"
        | "selector_expression"
        | "attribute"
        | "member_expression"
        | "field_access"
        | "scoped_identifier"
        | "navigation_expression" => {
            format!("<{}>", last_name(m.text(first)))
        }
        _ => match string_value(m, first).and_then(|p| route_path(&p)) {
            Some(p) => p,
            None => return,
        },
    };
    c.target = m.call_target(&c, None);
    if c.target
        .as_deref()
        .is_some_and(|t| CLIENT_TARGETS.iter().any(|p| t.starts_with(p)))
    {
        return;
    }
    // A registration names its handler, or decorates it, or (actix) names a resource.
    let decorates = node
        .parent()
        .is_some_and(|p| p.kind_name() == "decorator" || p.kind_name() == "annotation");
    let handler = c
        .args
        .iter()
        .filter(|a| !a.spread && a.value.id() != first.id())
        .any(|a| HANDLER_KINDS.contains(&a.value.kind_name()))
        || trailing_closure(node);
    // Prefixes (`@Controller('health')`, `r.Group("/api/ping")`, actix's
    // `web::resource("/x")`) hold routes without naming a handler themselves.
    if !(decorates || handler || matches!(name, "resource" | "Controller" | "Group" | "group")) {
        return;
    }
    out.routes.push(Route {
        method: method_of(name),
        path,
        line: line_of(node),
    });
}

/// Kotlin and Swift pass a handler as a trailing block: `get("/x") { … }`.
fn trailing_closure(node: Node) -> bool {
    named_children(node).any(|c| {
        matches!(c.kind_name(), "annotated_lambda" | "lambda_literal")
            || (c.kind_name() == "call_suffix"
                && named_children(c)
                    .any(|s| matches!(s.kind_name(), "lambda_literal" | "annotated_lambda")))
    })
}

/// Spring annotations: `@RestController` marks controllers; `@GetMapping("/x")`
/// and `@RequestMapping(path = "/x")` register routes.
fn java_annotation(m: &Model, node: Node, out: &mut Extracted) {
    let Some(name) = node.field("name").map(|n| last_name(m.text(n))) else {
        return;
    };
    let method = match name {
        "RestController" | "Controller" => {
            out.controllers = true;
            return;
        }
        "GetMapping" => "GET",
        "PostMapping" => "POST",
        "PutMapping" => "PUT",
        "PatchMapping" => "PATCH",
        "DeleteMapping" => "DELETE",
        "RequestMapping" => "ANY",
        _ => return,
    };
    out.controllers = true;
    let Some(args) = node.field("arguments") else {
        return;
    };
    // `("/x")`, `(value = "/x")`, `(path = {"/x", "/y"})`.
    for a in named_children(args) {
        let values: Vec<Node> = match a.kind_name() {
            "element_value_pair" => {
                let key = a.field("key").map_or("", |k| m.text(k));
                if !matches!(key, "value" | "path") {
                    continue;
                }
                a.field("value").into_iter().collect()
            }
            _ => vec![a],
        };
        for v in values {
            let strings: Vec<Node> = if v.kind_name() == "element_value_array_initializer" {
                named_children(v).collect()
            } else {
                vec![v]
            };
            for s in strings {
                if let Some(path) = string_value(m, s).and_then(|p| route_path(&p)) {
                    out.routes.push(Route {
                        method: method.to_string(),
                        path,
                        line: line_of(node),
                    });
                }
            }
        }
    }
}

/// Broker calls of languages without keyword arguments that register a
/// consumer: amqplib's `channel.consume(queue, onMessage, { noAck })`,
/// amqp091-go's `ch.Consume(queue, tag, autoAck, …)`, NATS's
/// `nc.Subscribe(subject, handler)` / `nc.QueueSubscribe(subject, group, handler)`.
const POSITIONAL_CONSUMES: &[&str] = &["consume", "Consume", "Subscribe", "QueueSubscribe"];

/// A Kafka consumer's subscription, the topics named where it subscribes:
/// kafkajs `consumer.subscribe({ topic: 'orders' })` / `{ topics: [...] }`,
/// confluent-kafka and kafka-python `consumer.subscribe(['orders'])`. The
/// function that subscribes is the consumer; offsets are committed as the
/// consumer's configuration says.
fn kafka_subscription(
    m: &Model,
    c: &crate::semantic::Call,
    name: &str,
    func: Option<crate::semantic::FuncId>,
    out: &mut Extracted,
) {
    if name != "subscribe" || c.args.iter().any(|a| a.name.is_some()) {
        return;
    }
    let Some(first) = c.positional(0) else { return };
    let strings = |list: Node| -> Vec<(String, usize)> {
        named_children(list)
            .filter_map(|e| string_value(m, e).map(|t| (t, line_of(e))))
            .collect()
    };
    let topics: Vec<(String, usize)> = match (m.lang, first.kind_name()) {
        (Lang::Python, "list") => strings(first),
        (Lang::TypeScript | Lang::Tsx | Lang::JavaScript, "object") => named_children(first)
            .filter(|p| p.kind_name() == "pair")
            .flat_map(|p| {
                let key = p.field("key").map_or("", |k| m.text(k));
                let value = p.field("value");
                match (key, value) {
                    ("topic", Some(v)) => string_value(m, v)
                        .map(|t| vec![(t, line_of(v))])
                        .unwrap_or_default(),
                    ("topics", Some(v)) if v.kind_name() == "array" => strings(v),
                    _ => Vec::new(),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let consumer = enclosing_name(m, func, first);
    for (topic, line) in topics {
        out.consumers.push(ConsumerRegistration {
            callback: consumer.clone(),
            line,
            queue: Some(topic),
            via: "kafka.subscribe".to_string(),
            ack: None,
            group: None,
        });
    }
}

/// The function a consumer runs in, by name: `func`'s, or the anonymous
/// function at `at`'s line.
fn enclosing_name(m: &Model, func: Option<crate::semantic::FuncId>, at: Node) -> String {
    func.map(|f| m.function(f).name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("<anonymous> at line {}", line_of(at)))
}

/// A consumer registered by position (see [`POSITIONAL_CONSUMES`]): its queue
/// or subject as written, its callback (a named function, or the function
/// that ranges over Go's deliveries), and its acknowledgement where the call
/// or the library says it.
fn positional_consumer(
    m: &Model,
    c: &crate::semantic::Call,
    name: &str,
    func: Option<crate::semantic::FuncId>,
    out: &mut Extracted,
) {
    if !POSITIONAL_CONSUMES.contains(&name) {
        return;
    }
    let script = matches!(m.lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript);
    let go = m.lang == Lang::Go;
    if !(script || go) {
        return;
    }
    // The queue or subject: a string literal first argument (a consumer of
    // an unnamed source is no chain the report can draw).
    let Some(queue) = c.positional(0).and_then(|q| string_value(m, q)) else {
        return;
    };
    let callback_name = |v: Node| -> String {
        match v.kind_name() {
            "identifier" | "member_expression" | "selector_expression" => {
                last_name(m.text(v)).to_string()
            }
            _ => enclosing_name(m, func, v),
        }
    };
    let is_callback = |v: Node| {
        matches!(
            v.kind_name(),
            "identifier"
                | "member_expression"
                | "selector_expression"
                | "arrow_function"
                | "function_expression"
                | "function"
                | "func_literal"
        )
    };
    match (script, name) {
        // amqplib: `noAck` defaults to false: the broker waits for the
        // handler's `channel.ack(msg)`.
        (true, "consume") => {
            let Some(cb) = c.positional(1).filter(|v| is_callback(*v)) else {
                return;
            };
            let ack = c.positional(2).and_then(|o| {
                let t = m.text(o);
                let at = t.find("noAck")?;
                let rest = t[at + "noAck".len()..].trim_start().strip_prefix(':')?;
                let on = rest.trim_start().starts_with("true");
                Some((if on { "auto" } else { "manual" }, line_of(o)))
            });
            out.consumers.push(ConsumerRegistration {
                callback: callback_name(cb),
                line: line_of(cb),
                queue: Some(queue),
                via: "amqplib.consume".to_string(),
                ack,
                group: None,
            });
        }
        // amqp091-go: `Consume(queue, consumer, autoAck, exclusive, noLocal, noWait, args)`.
        (false, "Consume") => {
            let Some(auto) = c.positional(2) else { return };
            let ack = match m.text(auto).trim() {
                "true" => Some(("auto", line_of(auto))),
                "false" => Some(("manual", line_of(auto))),
                _ => None,
            };
            out.consumers.push(ConsumerRegistration {
                callback: enclosing_name(m, func, auto),
                line: line_of(c.callee),
                queue: Some(queue),
                via: "amqp091.Consume".to_string(),
                ack,
                group: None,
            });
        }
        // NATS: the handler is the last argument; JetStream's `nats.ManualAck()`
        // among the options makes the handler ack.
        (_, "Subscribe" | "QueueSubscribe") if go => {
            let n = c.args.len();
            let handler = (0..n)
                .rev()
                .filter_map(|i| c.positional(i))
                .find(|v| is_callback(*v) && string_value(m, *v).is_none());
            let Some(cb) = handler.filter(|v| c.positional(0).is_some_and(|q| q.id() != v.id()))
            else {
                return;
            };
            let ack = c
                .args
                .iter()
                .any(|a| m.text(a.value).contains("ManualAck()"))
                .then(|| ("manual", line_of(cb)));
            // JetStream's context (`js`, `jetstream.New(nc)`, `nc.JetStream()`)
            // persists and redelivers; a core connection's subscription does not.
            let receiver = m.text(c.callee).rsplit_once('.').map_or("", |(r, _)| r);
            let jetstream = is_jetstream(receiver);
            let group = (name == "QueueSubscribe")
                .then(|| c.positional(1).and_then(|g| string_value(m, g)))
                .flatten();
            out.consumers.push(ConsumerRegistration {
                callback: callback_name(cb),
                line: line_of(cb),
                queue: Some(queue),
                via: format!("{}.{name}", if jetstream { "jetstream" } else { "nats" }),
                ack,
                group,
            });
        }
        _ => {}
    }
}

/// Whether a NATS receiver is a JetStream context by its conventional names
/// (`js`, `jsCtx`, `jetStream`, `nc.JetStream()`).
pub fn is_jetstream(receiver: &str) -> bool {
    let r = receiver.to_ascii_lowercase();
    r.contains("jetstream")
        || r.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "js" || w.starts_with("jsctx"))
        || receiver
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.starts_with("js") && w[2..].starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Broker calls that take a message callback by keyword.
const SUBSCRIBE_CALLS: &[&str] = &[
    "subscribe",
    "psubscribe",
    "consume",
    "basic_consume",
    "Consumer",
    "add_consumer",
];

/// `basic_consume(q, on_message_callback=handle)`, `subscriber.subscribe(path,
/// callback=handle)`, `Consumer(ch, queues, callbacks=[handle])`, `nc.subscribe(s, cb=handle)`.
fn consumer_registration(m: &Model, c: &crate::semantic::Call, name: &str, out: &mut Extracted) {
    let queue = ["queue", "topic", "subject", "subscription"]
        .iter()
        .find_map(|k| c.kwarg(k))
        .or_else(|| c.positional(0))
        .and_then(|q| string_value(m, q));
    // `auto_ack=True` (pika), `no_ack=True` (kombu, aio-pika), `manual_ack=True` (nats).
    let ack = c.args.iter().find_map(|a| {
        let on = matches!(m.text(a.value), "True" | "true");
        let mode = match a.name? {
            "auto_ack" | "no_ack" | "noAck" => on,
            "manual_ack" | "manualAck" => !on,
            _ => return None,
        };
        Some((if mode { "auto" } else { "manual" }, line_of(a.value)))
    });
    for a in &c.args {
        let Some(key) = a.name else { continue };
        let broker_call = SUBSCRIBE_CALLS.contains(&name);
        let is_callback = key == "on_message_callback"
            || (broker_call && matches!(key, "callback" | "callbacks" | "cb" | "on_message"));
        if !is_callback {
            continue;
        }
        let values: Vec<Node> = if matches!(a.value.kind_name(), "list" | "tuple") {
            named_children(a.value).collect()
        } else {
            vec![a.value]
        };
        for v in values {
            if matches!(v.kind_name(), "identifier" | "attribute") {
                out.consumers.push(ConsumerRegistration {
                    callback: last_name(m.text(v)).to_string(),
                    line: line_of(v),
                    queue: queue.clone(),
                    via: name.to_string(),
                    ack,
                    group: None,
                });
            }
        }
    }
}

/// The smallest node at `start..end`, and whether it sits in a comment or a
/// string literal (the string node, when it does).
fn token_at<'t>(root: Node<'t>, start: usize, end: usize) -> Option<(Node<'t>, Option<Node<'t>>)> {
    let n = root.descendant_for_byte_range(start, end)?;
    let mut a = Some(n);
    for _ in 0..3 {
        let Some(x) = a else { break };
        let kind = x.kind_name();
        if kind.contains("comment") {
            return None;
        }
        if kind.contains("string") || kind == "template_string" {
            return Some((n, Some(x)));
        }
        a = x.parent();
    }
    Some((n, None))
}

pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Occurrences of `token` in the source as a whole word.
pub(crate) fn word_matches<'s>(src: &'s str, token: &'s str) -> impl Iterator<Item = usize> + 's {
    let bytes = src.as_bytes();
    src.match_indices(token).filter_map(move |(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + token.len()).copied();
        let first_is_word = token.as_bytes().first().copied().is_some_and(is_word_byte);
        let boundary_before = !first_is_word || !before.is_some_and(is_word_byte);
        (boundary_before && !after.is_some_and(is_word_byte)).then_some(i)
    })
}

/// Signal tokens as code: a constant (`signal.SIGTERM`, `syscall.SIGINT`,
/// `os.Interrupt`, `SignalKind::terminate()`), a string that is exactly a signal
/// name (`process.on('SIGTERM', …)`), or a shutdown-hook call. Mentions in
/// comments and log messages do not count.
fn signals(m: &Model, root: Node, out: &mut Extracted) {
    const TOKENS: &[&str] = &[
        "SIGTERM",
        "SIGINT",
        "os.Interrupt",
        "SignalKind::terminate",
        "SignalKind::interrupt",
        "enableShutdownHooks",
        "addShutdownHook",
        "ctrl_c",
    ];
    let src = m.src;
    for token in TOKENS {
        if !src.contains(token) {
            continue;
        }
        for i in word_matches(src, token).take(64) {
            let Some((node, string)) = token_at(root, i, i + token.len()) else {
                continue;
            };
            if let Some(s) = string {
                if unquote(m.text(s)) != *token {
                    continue;
                }
            }
            out.signals.push(SignalHandler {
                signal: (*token).to_string(),
                line: line_of(node),
            });
            break;
        }
    }
}

/// A browser global used as code: `document.querySelector(…)`, `window.location`
/// — not a local variable of the same name (a document-signing service's
/// `document.id`), not a comment or a string.
fn browser_globals(m: &Model, root: Node) -> bool {
    // `chrome.`: a browser extension's APIs (`chrome.alarms`, `chrome.storage`).
    const GLOBALS: &[&str] = &["document", "window", "navigator", "localStorage", "chrome"];
    let bytes = m.src.as_bytes();
    relative_fetch(m, root)
        || worker_or_amd(m, root)
        || GLOBALS.iter().filter(|g| !m.declares(g)).any(|g| {
            word_matches(m.src, g)
                .filter(|&i| bytes.get(i + g.len()) == Some(&b'.'))
                .take(16)
                .any(|i| {
                    token_at(root, i, i + g.len()).is_some_and(|(n, string)| {
                        string.is_none() && n.kind_name() == "identifier"
                    })
                })
        })
}

/// Browser-only module shapes: a service or web worker (`self.addEventListener(…)`,
/// `self.skipWaiting()`, `self.clients`, `self.registration`, `self.postMessage(…)`,
/// `self.location`, `self.importScripts(…)`) and a RequireJS
/// AMD module (`define([…], function (…) { … })` as a statement of the module).
fn worker_or_amd(m: &Model, root: Node) -> bool {
    const WORKER: &[&str] = &[
        "addEventListener",
        "skipWaiting",
        "clients",
        "registration",
        "postMessage",
        "location",
        "importScripts",
        "onmessage",
    ];
    let bytes = m.src.as_bytes();
    let code = |i: usize, len: usize| {
        token_at(root, i, i + len)
            .is_some_and(|(n, string)| string.is_none() && n.kind_name() == "identifier")
    };
    let worker = !m.declares("self")
        && word_matches(m.src, "self").take(16).any(|i| {
            bytes.get(i + 4) == Some(&b'.')
                && WORKER.iter().any(|w| m.src[i + 5..].starts_with(w))
                && code(i, 4)
        });
    let amd = !m.declares("define")
        && word_matches(m.src, "define").take(4).any(|i| {
            m.src[i + 6..].trim_start().starts_with('(')
                && code(i, 6)
                && root
                    .descendant_for_byte_range(i, i + 6)
                    .and_then(|n| n.parent())
                    .filter(|call| call.kind_name() == "call_expression")
                    .and_then(|call| call.parent())
                    .is_some_and(|st| {
                        st.kind_name() == "expression_statement"
                            && st.parent().is_some_and(|p| p.kind_name() == "program")
                    })
        });
    worker || amd
}

/// A `fetch` of a root-relative path (`fetch('/api/files')`, or through a path
/// helper, `fetch(formatPath('/api/files'))`): Node's `fetch` cannot resolve a
/// relative URL and throws, so the code runs in a browser.
fn relative_fetch(m: &Model, root: Node) -> bool {
    let bytes = m.src.as_bytes();
    word_matches(m.src, "fetch").take(32).any(|i| {
        // The global `fetch`, not a client's method or Nuxt's `$fetch`, which
        // resolve relative paths against a base URL.
        if i > 0 && matches!(bytes[i - 1], b'.' | b'$') {
            return false;
        }
        let rest = &bytes[i + 5..];
        // `fetch(` then the path (perhaps on the next line), perhaps as a
        // helper's first argument.
        let Some(rest) = rest.strip_prefix(b"(").map(<[u8]>::trim_ascii_start) else {
            return false;
        };
        let arg = match rest
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'_')
        {
            Some(n) if n > 0 && rest.get(n) == Some(&b'(') => rest[n + 1..].trim_ascii_start(),
            _ => rest,
        };
        let relative = matches!(arg.first(), Some(b'\'' | b'"' | b'`'))
            && arg.get(1) == Some(&b'/')
            && arg.get(2) != Some(&b'/');
        relative
            && token_at(root, i, i + 5)
                .is_some_and(|(n, string)| string.is_none() && n.kind_name() == "identifier")
    })
}

/// Celery's global task settings, set in code: `app.conf.task_acks_late = True`,
/// `Celery(…, task_time_limit=300)`, `CELERY_TASK_ACKS_LATE = True` (Django),
/// `{"task_time_limit": 300}`.
fn celery_settings(m: &Model, root: Node, out: &mut Extracted) {
    let src = m.src;
    for (token, acks) in [
        ("task_time_limit", false),
        ("task_soft_time_limit", false),
        ("TASK_TIME_LIMIT", false),
        ("TASK_SOFT_TIME_LIMIT", false),
        ("task_acks_late", true),
        ("TASK_ACKS_LATE", true),
    ] {
        if !src.contains(token) {
            continue;
        }
        for (i, _) in src.match_indices(token).take(64) {
            let Some(value) = setting_value(root, i, i + token.len()) else {
                continue;
            };
            let v = m.text(value).trim();
            if acks && v == "True" {
                out.celery_acks_late = true;
            } else if acks && v != "False" {
                out.celery_acks_unknown = true;
            } else if !acks && v.contains(|c: char| c.is_ascii_digit()) && !v.contains("None") {
                // A number of seconds (`300`, `60 * 5`, `env.int("LIMIT", 300)`);
                // not a value read from the environment that defaults to no
                // limit (`env("CELERY_TASK_SOFT_TIME_LIMIT", None)`).
                out.celery_time_limit = true;
            }
        }
    }
}

/// Timeouts set on a client library's process-wide default:
/// `axios.defaults.timeout = 10000` bounds every call made through the global
/// `axios`; `http.DefaultClient.Timeout = 10 * time.Second` every `http.Get` and
/// `http.DefaultClient.Do`; undici's global dispatcher built with a
/// written-out `headersTimeout` shorter than undici's own
/// (`setGlobalDispatcher(new Agent({ headersTimeout: 30_000 }))`) every
/// `fetch` given no dispatcher of its own. Zero keeps them unbounded.
fn process_timeouts(m: &Model, root: Node, out: &mut Extracted) {
    if m.lang == Lang::Python {
        socket_default_timeout(m, root, out);
        requests_send_patch(m, root, out);
        timeout_adapters(m, out);
        return;
    }
    if matches!(m.lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript) {
        global_dispatcher_timeout(m, root, out);
    }
    let (token, client) = match m.lang {
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => ("axios.defaults.timeout", "axios"),
        Lang::Go => ("DefaultClient.Timeout", "net/http.DefaultClient"),
        _ => return,
    };
    for (i, _) in m.src.match_indices(token).take(16) {
        let Some(value) = setting_value(root, i, i + token.len()) else {
            continue;
        };
        let v = m.text(value).trim();
        if v != "0" && !out.process_timeouts.contains(&client) {
            out.process_timeouts.push(client);
        }
    }
    // Go: the default client replaced by one with a timeout,
    // `http.DefaultClient = &http.Client{Timeout: 30 * time.Second}`.
    if m.lang == Lang::Go {
        const GLOBAL: &str = "http.DefaultClient";
        for (i, _) in m.src.match_indices(GLOBAL).take(16) {
            let Some(value) = setting_value(root, i, i + GLOBAL.len()) else {
                continue;
            };
            let bounded = crate::semantic::descendants(value)
                .take(2_000)
                .filter(|d| d.kind_name() == "keyed_element")
                .any(|k| {
                    k.child_by_field_name("key")
                        .is_some_and(|key| m.text(key).trim() == "Timeout")
                        && k.child_by_field_name("value")
                            .is_some_and(|v| m.text(v).trim() != "0")
                });
            if bounded && !out.process_timeouts.contains(&client) {
                out.process_timeouts.push(client);
            }
        }
    }
}

/// undici's own wait for response headers (and between body chunks), in ms.
const UNDICI_WAIT_MS: u64 = 300_000;

/// The milliseconds a literal option sets in `text` (`headersTimeout: 30 *
/// 1000`, `headersTimeout: 30_000`): a product of integer literals, or None
/// for a value computed elsewhere.
fn literal_ms(text: &str, key: &str) -> Option<u64> {
    let at = text.find(&format!("{key}:"))? + key.len() + 1;
    let value = text[at..].split([',', '}', '\n']).next()?.trim();
    value.split('*').try_fold(1u64, |acc, f| {
        f.trim()
            .replace('_', "")
            .parse::<u64>()
            .ok()
            .map(|n| acc.saturating_mul(n))
    })
}

/// Script code: undici's global dispatcher replaced by an `Agent` whose
/// `headersTimeout`, written out in the call, is shorter than undici's own
/// 300 s (`setGlobalDispatcher(new Agent({ headersTimeout: 30 * 1000 }))`):
/// the process's `fetch` calls wait that long, a bound its owner chose. A
/// longer one, or one computed elsewhere, leaves the findings (a wait of ten
/// minutes is no bound a request path can live with).
fn global_dispatcher_timeout(m: &Model, root: Node, out: &mut Extracted) {
    const CLIENT: &str = "fetch";
    for (i, _) in m.src.match_indices("setGlobalDispatcher(").take(8) {
        let Some(call) = root
            .descendant_for_byte_range(i, i + "setGlobalDispatcher".len())
            .and_then(|n| {
                std::iter::successors(Some(n), |n| n.parent())
                    .take(4)
                    .find(|n| n.kind_name() == "call_expression")
            })
        else {
            continue;
        };
        let bounded = call.child_by_field_name("arguments").is_some_and(|args| {
            let t = m.text(args);
            t.contains("new Agent(")
                && literal_ms(t, "headersTimeout").is_some_and(|ms| ms > 0 && ms < UNDICI_WAIT_MS)
        });
        if bounded && !out.process_timeouts.contains(&CLIENT) {
            out.process_timeouts.push(CLIENT);
        }
    }
}

/// Python: `socket.setdefaulttimeout(60)` bounds every socket created without
/// its own timeout afterwards, in the whole process: `urlopen`, `smtplib`,
/// `ftplib`, `socket.create_connection`. `None` keeps them unbounded.
fn socket_default_timeout(m: &Model, root: Node, out: &mut Extracted) {
    const TOKEN: &str = "setdefaulttimeout";
    const CLIENT: &str = "python.socket-default";
    for i in word_matches(m.src, TOKEN).take(16) {
        let Some(n) = root.descendant_for_byte_range(i, i + TOKEN.len()) else {
            continue;
        };
        let n = up_to(n, "call", 2);
        let bounded = n.kind_name() == "call"
            && n.field("arguments")
                .and_then(|a| a.named_child(0))
                .is_some_and(|v| !matches!(m.text(v).trim(), "None" | "0"));
        if bounded && !out.process_timeouts.contains(&CLIENT) {
            out.process_timeouts.push(CLIENT);
        }
    }
}

/// `n`, or the nearest of its `levels` ancestors of `kind` (else the last one
/// climbed to).
fn up_to<'t>(mut n: Node<'t>, kind: &str, levels: usize) -> Node<'t> {
    for _ in 0..levels {
        if n.kind_name() == kind {
            break;
        }
        match n.parent() {
            Some(p) => n = p,
            None => break,
        }
    }
    n
}

/// Python: requests' sending replaced process-wide by a function that fills in
/// a timeout (`requests.Session.send = send_with_timeout`, or `Session.request
/// = new_request` on requests' imported `Session`, where the function sets
/// `kwargs["timeout"]`): every requests call goes through `Session.send`,
/// so none of them waits without a bound.
fn requests_send_patch(m: &Model, root: Node, out: &mut Extracted) {
    const CLIENT: &str = "python.requests-patched";
    const TARGETS: &[&str] = &[
        "requests.Session.send",
        "requests.Session.request",
        "requests.sessions.Session.send",
        "requests.sessions.Session.request",
        "requests.adapters.HTTPAdapter.send",
        "HTTPAdapter.send",
        // `from requests import Session`, then `Session.request = new_request`.
        "Session.send",
        "Session.request",
    ];
    for target in TARGETS {
        // A bare `Session` is requests' only where the file imports it so.
        if target.starts_with("Session.")
            && !m
                .import_target("Session")
                .is_some_and(|t| t.starts_with("requests."))
        {
            continue;
        }
        for (i, _) in m.src.match_indices(target).take(8) {
            let Some(n) = root.descendant_for_byte_range(i, i + target.len()) else {
                continue;
            };
            // Up to the assignment whose left side is the target.
            let n = up_to(n, "assignment", 3);
            if n.kind_name() != "assignment"
                || n.field("left").is_none_or(|l| m.text(l).trim() != *target)
            {
                continue;
            }
            // The replacement: a function of this file, or a lambda, that sets
            // a timeout.
            let Some(value) = n.field("right") else {
                continue;
            };
            let body = if value.kind_name() == "identifier" {
                m.function_named(m.text(value)).map(|f| m.text(f.node))
            } else {
                Some(m.text(value))
            };
            if body.is_some_and(sets_timeout) && !out.process_timeouts.contains(&CLIENT) {
                out.process_timeouts.push(CLIENT);
            }
        }
    }
}

/// Whether a function's text gives the request a timeout it fills in:
/// `kwargs["timeout"] = …`, `kwargs.setdefault("timeout", …)`, or a call
/// passing `timeout=`.
fn sets_timeout(body: &str) -> bool {
    body.contains("[\"timeout\"]")
        || body.contains("['timeout']")
        || body.contains("setdefault(\"timeout\"")
        || body.contains("setdefault('timeout'")
        || body.contains("timeout=")
}

/// See [`Extracted::timeout_adapters`]: a class deriving from requests'
/// `HTTPAdapter` whose own `send` sets the timeout.
fn timeout_adapters(m: &Model, out: &mut Extracted) {
    if !m.src.contains("HTTPAdapter") {
        return;
    }
    for (id, f) in m.functions.iter().enumerate() {
        if f.name != "send" {
            continue;
        }
        let Some(class) = m.enclosing_class(id as crate::semantic::FuncId) else {
            continue;
        };
        let derives = class.field("superclasses").is_some_and(|bases| {
            crate::semantic::named_children(bases)
                .any(|b| crate::semantic::last_name(m.text(b)) == "HTTPAdapter")
        });
        let Some(name) = class.field("name").map(|n| m.text(n).to_string()) else {
            continue;
        };
        if derives && sets_timeout(m.text(f.node)) && !out.timeout_adapters.contains(&name) {
            out.timeout_adapters.push(name);
        }
    }
}

/// The value a setting named at `start..end` is given: the setting must be the
/// name side of a keyword argument, an assignment or a dict entry.
fn setting_value(root: Node, start: usize, end: usize) -> Option<Node> {
    let mut n = root.descendant_for_byte_range(start, end)?;
    for _ in 0..5 {
        if n.kind_name().contains("comment") {
            return None;
        }
        let (name, value) = match n.kind_name() {
            "keyword_argument" => ("name", "value"),
            "assignment" | "assignment_expression" | "assignment_statement" => ("left", "right"),
            "pair" => ("key", "value"),
            _ => {
                n = n.parent()?;
                continue;
            }
        };
        let name = n.field(name)?;
        if name.start_byte() <= start && end <= name.end_byte() {
            return n.field(value);
        }
        return None;
    }
    None
}

/// paho-mqtt style registration by assignment: `client.on_message = handle`.
fn attribute_callbacks(m: &Model, root: Node, out: &mut Extracted) {
    let src = m.src;
    if !src.contains(".on_message") {
        return;
    }
    for i in word_matches(src, "on_message").take(64) {
        if i == 0 || src.as_bytes()[i - 1] != b'.' {
            continue;
        }
        let Some(value) = setting_value(root, i, i + "on_message".len()) else {
            continue;
        };
        if matches!(value.kind_name(), "identifier" | "attribute") {
            out.consumers.push(ConsumerRegistration {
                callback: last_name(m.text(value)).to_string(),
                line: line_of(value),
                queue: None,
                via: String::new(),
                ack: None,
                group: None,
            });
        }
    }
}

/// Route paths that are a liveness or readiness endpoint: the last segment is
/// a health word, also with the underscore prefix some services use (`/_healthz`),
/// in a short path with no parameters (`/items/{id}/status` is a resource's
/// status, not the service's). A path given by a constant counts when the
/// constant is named for one (`r.GET(AliveCheckPath, …)`).
pub fn is_health_path(path: &str) -> bool {
    const WORDS: &[&str] = &[
        "health",
        "healthz",
        "healthcheck",
        "ready",
        "readyz",
        "readiness",
        "live",
        "livez",
        "liveness",
        "alive",
        "ping",
        "status",
    ];
    if let Some(name) = path.strip_prefix('<').and_then(|p| p.strip_suffix('>')) {
        let lower = name.to_ascii_lowercase();
        return ["health", "alive", "ready", "liveness", "readiness"]
            .iter()
            .any(|w| lower.contains(w));
    }
    let trimmed = path.trim_end_matches(['/', '$']);
    let segments: Vec<&str> = trimmed.split('/').filter(|s| !s.is_empty()).collect();
    let parameter = |s: &&str| s.starts_with([':', '{', '<', '*']) || s.contains('(');
    if segments.len() > 3 || segments.iter().any(parameter) {
        return false;
    }
    let last = segments.last().copied().unwrap_or("");
    let last = last.strip_prefix('_').unwrap_or(last);
    // `health-check`, `health_check`, `Health`: one word however it is spelled.
    let word: String = last
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect();
    WORDS.contains(&word.as_str())
}

/// A route a file defines by where it sits (file-system routing: Next.js
/// `pages/api/health.ts`, `app/api/healthz/route.ts`, Remix `routes/api+/health.ts`,
/// SvelteKit `routes/health/+server.ts`) that is a health route.
pub fn is_health_route_file(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    let Some(at) = segments
        .iter()
        .rposition(|s| matches!(*s, "routes" | "pages" | "app"))
    else {
        return false;
    };
    let route: Vec<String> = segments[at + 1..]
        .iter()
        .map(|s| {
            let s = s.split('.').next().unwrap_or(s);
            s.trim_end_matches('+').to_string()
        })
        .filter(|s| !s.is_empty() && !matches!(s.as_str(), "route" | "index" | "+server" | "api"))
        .collect();
    route
        .last()
        .is_some_and(|last| is_health_path(&format!("/{last}")))
}
