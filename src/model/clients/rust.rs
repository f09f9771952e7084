//! Rust: the async reqwest client (the blocking client has a 30 s default).

use super::{found, line};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Interaction, Kind, Setting, Shape};
use crate::rules::Cx;
use crate::semantic::descendants;
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
        "reqwest.Client.new" => found(node, &REQWEST_NEW, label, Setting::Missing),
        t if (t.starts_with("reqwest.Client.builder()")
            || t.starts_with("reqwest.ClientBuilder.new()"))
            && t.ends_with(".build") =>
        {
            let timeout = if t.contains(".timeout()") || t.contains(".read_timeout()") {
                Setting::set(".timeout(...)", line(node))
            } else if let Some(at) = builder_timeout_elsewhere(cx, node) {
                // `let mut b = Client::builder(); if … { b = b.timeout(d); } b.build()`
                Setting::set(".timeout(...) on the builder", at)
            } else {
                Setting::Missing
            };
            found(node, &REQWEST_BUILDER, label, timeout)
        }
        _ => None,
    }
}

/// Where the function sets a timeout on the builder variable that `.build()` is
/// called on (a conditional or later `.timeout(…)` on it), if it does.
fn builder_timeout_elsewhere(cx: &Cx, build: Node) -> Option<usize> {
    // `b.build()`: the receiver is a plain variable.
    let receiver = build
        .child_by_field_name("function")?
        .child_by_field_name("value")?;
    if receiver.kind() != "identifier" {
        return None;
    }
    let name = cx.text(receiver);
    let scope = cx.function()?.node;
    descendants(scope).find_map(|d| {
        if d.kind() != "call_expression" {
            return None;
        }
        let f = d.child_by_field_name("function")?;
        let field = f.child_by_field_name("field").map(|x| cx.text(x))?;
        let value = f.child_by_field_name("value")?;
        (matches!(field, "timeout" | "read_timeout") && cx.text(value) == name).then(|| line(d))
    })
}
