//! Rust: the async reqwest client (the blocking client has a 30 s default).

use super::{found, line};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Interaction, Kind, Setting, Shape};
use crate::rules::Cx;
use crate::semantic::descendants;
use crate::semantic::KindName as _;
use tree_sitter::Node;

const RS: &[Lang] = &[Lang::Rust];

pub static REQWEST_GET: ClientApi = ClientApi {
    id: "rust.reqwest.get",
    library: "reqwest",
    lang: RS,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: "timeout",
    default: "no timeout",
    default_source: "reqwest docs, ClientBuilder::timeout: \"Default is no timeout\"",
    default_too_long: true,
    missing: "`{label}` builds a throwaway async reqwest client, which has no timeout.",
    disabled: "`{label}` builds a throwaway async reqwest client, which has no timeout.",
    impact: Impact::Hang,
    fix: "Build one shared client with `reqwest::Client::builder().timeout(Duration::from_secs(30)).connect_timeout(Duration::from_secs(3)).build()?` and reuse it; for streamed bodies and large transfers, use `.connect_timeout(…)` and `.read_timeout(…)` (each read) without the total `.timeout(…)`.",
    severity: Severity::High,
    title: None,
};

pub static REQWEST_NEW: ClientApi = ClientApi {
    id: "rust.reqwest.Client::new",
    shape: Shape::Client,
    missing: "`{label}` creates an async reqwest client with no timeout.",
    disabled: "`{label}` creates an async reqwest client with no timeout.",
    impact: Impact::Client,
    ..REQWEST_GET
};

pub static REQWEST_BUILDER: ClientApi = ClientApi {
    id: "rust.reqwest.ClientBuilder",
    shape: Shape::Client,
    missing: "This `Client::builder()` chain never calls `.timeout(...)`; async reqwest requests wait forever.",
    disabled: "This `Client::builder()` chain never calls `.timeout(...)`; async reqwest requests wait forever.",
    impact: Impact::Client,
    ..REQWEST_GET
};

pub static ROWS: &[&ClientApi] = &[&REQWEST_GET, &REQWEST_NEW, &REQWEST_BUILDER];

pub(crate) fn interaction<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let call = cx.call(node)?;
    let target = call.target.as_deref()?;
    let label = cx.call_label(&call);
    match target {
        "reqwest.get" => found(node, &REQWEST_GET, label, Setting::Missing),
        "reqwest.Client.new" => {
            let timeout = match chained_time_limited(cx, node)
                .or_else(|| field_uses_time_limited(cx, node))
                .or_else(|| local_uses_time_limited(cx, node))
            {
                Some(at) => Setting::set("a time limit on every request through it", at),
                None => match handed_to_exporter(cx, node) {
                    Some(at) => exporter_bound(at),
                    None => Setting::Missing,
                },
            };
            found(node, &REQWEST_NEW, label, timeout)
        }
        t if (t.starts_with("reqwest.Client.builder()")
            || t.starts_with("reqwest.ClientBuilder.new()"))
            && t.ends_with(".build") =>
        {
            let timeout = if t.contains(".timeout()") || t.contains(".read_timeout()") {
                Setting::set(".timeout(...)", line(node))
            } else if let Some(at) = builder_timeout_elsewhere(cx, node) {
                // `let mut b = Client::builder(); if … { b = b.timeout(d); } b.build()`
                Setting::set(".timeout(...) on the builder", at)
            } else if let Some(at) =
                field_uses_time_limited(cx, node).or_else(|| local_uses_time_limited(cx, node))
            {
                Setting::set("a time limit on every request through it", at)
            } else if let Some(at) = handed_to_exporter(cx, node) {
                exporter_bound(at)
            } else {
                Setting::Missing
            };
            found(node, &REQWEST_BUILDER, label, timeout)
        }
        _ => None,
    }
}

/// What bounds a client a telemetry exporter sends through: its batch
/// processor races each export against a timeout of its own.
fn exporter_bound(at: usize) -> Setting {
    Setting::unknown(
        "a telemetry exporter's batch processor bounds each export (`max_export_timeout`)",
        at,
    )
}

/// Where a client is handed to a telemetry exporter's builder
/// (`.with_http_client(reqwest::Client::builder()…build()?)`, or through
/// the local it is bound to): the line of that call.
fn handed_to_exporter(cx: &Cx, client: Node) -> Option<usize> {
    const HANDOFF: &str = "with_http_client";
    let value = unwrapped(cx, client);
    let p = value.parent()?;
    // Straight into the builder's call.
    if p.kind_name() == "arguments" {
        let call = p.parent().filter(|c| c.kind_name() == "call_expression")?;
        let method = call
            .child_by_field_name("function")
            .and_then(|f| f.child_by_field_name("field"))
            .map(|f| cx.text(f));
        return (method == Some(HANDOFF)).then(|| line(call));
    }
    // `let client = …;` then `.with_http_client(client)` in the function.
    let (_, name) = bound_local(cx, client)?;
    let f = cx.function()?;
    let body = cx.text(f.node);
    let at = body.find(&format!(".{HANDOFF}({name})"))?;
    Some(super::line_within(f.node, body, at))
}

/// The `let` a client is bound to, through `?`, `.unwrap()` and
/// `.expect(…)` (`let client = Client::builder().build()?;`), with the
/// local's name, when it is a plain one (`mut` aside).
fn bound_local<'t>(cx: &Cx<'_, 't>, client: Node<'t>) -> Option<(Node<'t>, &'t str)> {
    let decl = unwrapped(cx, client)
        .parent()
        .filter(|p| p.kind_name() == "let_declaration")?;
    let name = cx.text(decl.child_by_field_name("pattern")?).trim();
    let name = name.strip_prefix("mut ").unwrap_or(name).trim();
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then_some((decl, name))
}

/// Where the function sets a timeout on the builder variable that `.build()` is
/// called on (a conditional or later `.timeout(…)` on it), if it does.
fn builder_timeout_elsewhere(cx: &Cx, build: Node) -> Option<usize> {
    // `b.build()`: the receiver is a plain variable.
    let receiver = build
        .child_by_field_name("function")?
        .child_by_field_name("value")?;
    if receiver.kind_name() != "identifier" {
        return None;
    }
    let name = cx.text(receiver);
    let scope = cx.function()?.node;
    descendants(scope).find_map(|d| {
        if d.kind_name() != "call_expression" {
            return None;
        }
        let f = d.child_by_field_name("function")?;
        let field = f.child_by_field_name("field").map(|x| cx.text(x))?;
        let value = f.child_by_field_name("value")?;
        (matches!(field, "timeout" | "read_timeout") && cx.text(value) == name).then(|| line(d))
    })
}

/// The verbs that send a request through a reqwest client.
const VERBS: &[&str] = &[
    "get(", "post(", "put(", "patch(", "delete(", "head(", "request(", "execute(",
];

/// A throwaway client whose one request is chained on it and carries its own
/// `.timeout(…)`: `Client::new().post(url).json(&body).timeout(d).send()`.
/// The line of the limit.
fn chained_time_limited(cx: &Cx, client: Node) -> Option<usize> {
    let mut top = client;
    let mut sends = false;
    let mut limit = None;
    for _ in 0..32 {
        let Some(p) = top.parent() else { break };
        match p.kind_name() {
            // `<client>.verb`: the chain goes on through a method of the value.
            "field_expression" if p.child_by_field_name("value") == Some(top) => {
                let field = p.child_by_field_name("field");
                let name = field.map(|f| cx.text(f));
                let verb = |v: &str| name.is_some_and(|f| v.strip_suffix('(') == Some(f));
                sends |= VERBS.iter().any(|v| verb(v));
                if name.is_some_and(|f| matches!(f, "timeout" | "read_timeout")) && sends {
                    // The line of `.timeout`, not of the chain's start.
                    limit = limit.or(field.map(line));
                }
            }
            "call_expression" if p.child_by_field_name("function") == Some(top) => {}
            "await_expression" | "try_expression" => {}
            _ => break,
        }
        top = p;
    }
    limit
}

/// A client bound to a local (`let client = Client::new();`, `let client =
/// Client::builder()….build()?;`) whose every request in the function carries
/// its own `.timeout(…)` in the same statement (`client.request(m,
/// url).timeout(d)`) or is sent inside a `timeout(…)` call
/// (`timeout(d, client.get(url).send())`). The line of the first.
fn local_uses_time_limited(cx: &Cx, client: Node) -> Option<usize> {
    let (decl, name) = bound_local(cx, client)?;
    let function = cx.function()?.node;
    let body = cx.text(function);
    let after = decl.end_byte().saturating_sub(function.start_byte());
    let mut first: Option<usize> = None;
    let mut sends = 0;
    for (at, _) in body.match_indices(name).filter(|(at, _)| *at >= after) {
        // The whole identifier, then `.verb(`.
        let before = body[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let after_name = body[at + name.len()..].chars().next();
        if after_name.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        // Handed on, cloned or stored: the requests it makes there are not
        // seen, so nothing is proven.
        let rest = body[at + name.len()..].trim_start().strip_prefix('.')?;
        if !VERBS.iter().any(|v| rest.trim_start().starts_with(v)) {
            return None;
        }
        sends += 1;
        // The statement: to the next `;` (a builder chain spans lines).
        let statement = rest.split(';').next().unwrap_or(rest);
        // The statement's start: inside a `timeout(d, …)` call.
        let head = body[..at]
            .rfind([';', '{', '}'])
            .map_or(&body[..at], |i| &body[i + 1..at]);
        let offset = match statement.find(".timeout(") {
            Some(t) => body.len() - rest.len() + t,
            None => match head.match_indices("timeout(").find(|(i, _)| {
                !head[..*i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            }) {
                Some((i, _)) => at - head.len() + i,
                // A builder kept in a local (`let mut builder = client.post(url)…;`)
                // and given its timeout later (`builder.timeout(d).send()`).
                None => builder_timeout_later(&body[..at], &body[at..])?,
            },
        };
        let line = super::line_within(function, body, offset);
        first = Some(first.map_or(line, |l| l.min(line)));
    }
    (sends > 0).then_some(first).flatten()
}

/// Where a request builder bound by the statement ending `before` (`let mut
/// builder = ` + the client's call) is given `.timeout(` in `after`, as an
/// offset into `before` + `after`.
fn builder_timeout_later(before: &str, after: &str) -> Option<usize> {
    let binding = before.trim_end().strip_suffix('=')?.trim_end();
    let (head, name) = binding.rsplit_once(|c: char| c.is_whitespace())?;
    let head = head.trim_end();
    if !(head.ends_with("let") || head.ends_with("let mut"))
        || name.is_empty()
        || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    after.match_indices(name).find_map(|(at, _)| {
        let prev = after[..at].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            return None;
        }
        let rest = &after[at + name.len()..];
        let trimmed = rest.trim_start();
        trimmed
            .starts_with(".timeout(")
            .then(|| before.len() + at + name.len() + (rest.len() - trimmed.len()))
    })
}

/// The name of the private function that builds and returns the client
/// (`fn client() -> &'static reqwest::Client { CLIENT.get_or_init(||
/// Client::builder()….build()…) }`), taking nothing: only its file calls it.
fn private_getter(cx: &Cx) -> Option<String> {
    let f =
        cx.m.function(cx.m.outermost_function(cx.m.function_at(cx.frame))?);
    let text = cx.text(f.node).trim_start();
    let private = text.starts_with("fn ") || text.starts_with("async fn ");
    (private && f.params.is_empty() && !f.name.is_empty() && f.node.kind_name() == "function_item")
        .then(|| f.name.clone())
}

/// The value one `?`, `.unwrap()` or `.expect(…)` around `value` makes of
/// it, if its parent applies one.
fn unwrap_step<'t>(cx: &Cx, value: Node<'t>) -> Option<Node<'t>> {
    let p = value.parent()?;
    match p.kind_name() {
        "try_expression" => Some(p),
        "field_expression"
            if p.child_by_field_name("field")
                .is_some_and(|f| matches!(cx.text(f), "unwrap" | "expect")) =>
        {
            p.parent().filter(|c| c.kind_name() == "call_expression")
        }
        _ => None,
    }
}

/// `value` through the `?`, `.unwrap()` and `.expect(…)` around it (a few).
fn unwrapped<'t>(cx: &Cx, value: Node<'t>) -> Node<'t> {
    let mut value = value;
    for _ in 0..4 {
        match unwrap_step(cx, value) {
            Some(v) => value = v,
            None => break,
        }
    }
    value
}

/// The field a client bound to a local (`let client = Client::new();`) is
/// stored in by the struct the same function builds (`Self { client, … }`,
/// `Self { http: client }`). The local may take the client from either arm of
/// an `if` (`let c = if tls { …build() } else { …build() };`) and store it
/// unwrapped (`Self { client: c? }`).
fn stored_local(cx: &Cx, client: Node) -> Option<String> {
    // Up to the `let`: through `?`, `.unwrap()`/`.expect(…)` and the tails
    // of an `if`'s blocks.
    let mut value = client;
    let mut decl = None;
    for _ in 0..8 {
        if let Some(v) = unwrap_step(cx, value) {
            value = v;
            continue;
        }
        let p = value.parent()?;
        match p.kind_name() {
            "let_declaration" => {
                decl = Some(p);
                break;
            }
            "if_expression" | "else_clause" => value = p,
            // The block's value: its last expression, with no `;`.
            "block"
                if crate::semantic::named_children(p).last().map(|n| n.id())
                    == Some(value.id()) =>
            {
                value = p
            }
            _ => return None,
        }
    }
    let binding = decl?
        .child_by_field_name("pattern")
        .filter(|p| p.kind_name() == "identifier")?;
    let name = cx.text(binding);
    let stored = |v: &str| {
        let v = v.trim();
        let v = v
            .strip_suffix('?')
            .or_else(|| v.strip_suffix(".unwrap()"))
            .or_else(|| {
                v.strip_suffix(')')
                    .and_then(|v| v.rsplit_once(".expect("))
                    .map(|(v, _)| v)
            })
            .unwrap_or(v);
        v.trim() == name
    };
    let f = cx.m.function(cx.m.function_at(cx.frame)?);
    crate::semantic::descendants(f.node).find_map(|n| match n.kind_name() {
        "shorthand_field_initializer" if cx.text(n).trim() == name => Some(name.to_string()),
        "field_initializer"
            if n.child_by_field_name("value")
                .is_some_and(|v| stored(cx.text(v))) =>
        {
            Some(cx.text(n.child_by_field_name("field")?).trim().to_string())
        }
        _ => None,
    })
}

/// The file's functions that send through a client kept in a struct field
/// (`Self { client: Client::new(), … }`), or returned by a private getter
/// (`client()`), when every request through it is made in them. `None` when
/// the client is kept nowhere this file can follow, or the getter's client is
/// kept or handed on (its requests are not seen), or nothing sends.
fn field_senders<'a, 't>(
    cx: &Cx<'a, 't>,
    client: Node,
) -> Option<Vec<&'a crate::semantic::Function<'t>>> {
    // The value stored: through `?`, `.unwrap()` and `.expect(…)`.
    let through = match unwrapped(cx, client)
        .parent()
        .filter(|p| p.kind_name() == "field_initializer")
        .and_then(|init| init.child_by_field_name("field"))
        .map(|f| cx.text(f).trim().to_string())
        .or_else(|| stored_local(cx, client))
    {
        Some(field) => {
            if field.is_empty() || !field.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            format!(".{field}")
        }
        None => format!("{}()", private_getter(cx)?),
    };
    let getter = !through.starts_with('.');
    let mut senders = Vec::new();
    for f in
        cx.m.functions
            .iter()
            .filter(|f| f.node.kind_name() == "function_item" && !f.is_test)
    {
        let body = cx.text(f.node);
        let mut sends = false;
        // A getter's whole name (`client()`, not `http_client()` nor a
        // method `self.client()`), called (not declared: `fn client() ->`).
        for (at, _) in body.match_indices(&through).filter(|(at, _)| {
            !getter
                || !body[..*at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                    && !body[..*at].trim_end().ends_with("fn")
        }) {
            let verb = body[at + through.len()..]
                .trim_start()
                .strip_prefix('.')
                .is_some_and(|rest| VERBS.iter().any(|v| rest.trim_start().starts_with(v)));
            // A getter's client kept or handed on (`let c = client();`): its
            // requests are not seen.
            if !verb && getter {
                return None;
            }
            sends |= verb;
        }
        if sends {
            senders.push(f);
        }
    }
    (!senders.is_empty()).then_some(senders)
}

/// A client kept in a struct field or returned by a private getter
/// ([`field_senders`]) whose every request in the file is time-limited: each
/// function sending through it wraps the request in `tokio::time::timeout(…)`
/// or gives it `.timeout(…)`. The line of the first such limit.
fn field_uses_time_limited(cx: &Cx, client: Node) -> Option<usize> {
    let mut first: Option<usize> = None;
    for f in field_senders(cx, client)? {
        let body = cx.text(f.node);
        let at = body.find("timeout(")?;
        let line = super::line_within(f.node, body, at);
        first = Some(first.map_or(line, |l| l.min(line)));
    }
    first
}

/// The names of the functions that send through a client kept in a struct
/// field ([`field_senders`]), for a check that every caller of each bounds
/// it (`timeout(d, lila.user_games(…))`). Only named functions: a closure's
/// callers are not known.
pub(crate) fn field_sender_names(cx: &Cx, client: Node) -> Option<Vec<String>> {
    field_senders(cx, client)?
        .into_iter()
        .map(|f| (!f.name.is_empty() && !f.name.starts_with('<')).then(|| f.name.clone()))
        .collect()
}
