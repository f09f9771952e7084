//! Retry coverage: which retry, if any, covers a given call — a decorator or
//! task policy on its function, a retry loop around it, a retry wrapper it is
//! passed to (`pRetry(() => …)`, `retry.Do(func() error {…})`, `backoff.Retry(op, …)`),
//! or a retry policy installed on the client in this file (`axiosRetry(axios, …)`,
//! `HTTPAdapter(max_retries=…)`, `retryablehttp.NewClient()`, a `RetryTemplate`).
//! Decided from syntax, never from a word somewhere in the file.

use crate::rules::{contexts, Cx};
use crate::semantic::descendants;
use crate::semantic::KindName as _;
use serde::Serialize;
use tree_sitter::Node;

/// What retries a call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Coverage {
    /// The function's own retry policy (decorator, task retries, activity…).
    Function(String),
    /// A retry loop around the call.
    Loop,
    /// A retry wrapper the call's closure is handed to, and its line.
    Wrapper { name: String, line: usize },
    /// A retry policy installed on a client in this file, and its line.
    ClientPolicy { what: String, line: usize },
}

/// Callee names of retry wrappers that take the operation as a closure.
const WRAPPERS: &[&str] = &[
    "pRetry",
    "retry",
    "asyncRetry",
    "backoff",
    "retryWithBackoff",
    "withRetry",
    "withRetries",
    "Retry",
    "RetryNotify",
    "RetryWithData",
    "RetryNotifyWithData",
    "Do",
    "DoWithData",
    "Retrying",
    "AsyncRetrying",
    "execute",
];

/// The callee names of the calls in [`CLIENT_POLICIES`], for a cheap first test.
pub(crate) const POLICY_NAMES: &[&str] = &[
    "axiosRetry",
    "RetryTransport",
    "RetryTemplate",
    "NewClient",
    "HTTPAdapter",
];

/// Calls that install a retry policy on a client.
const CLIENT_POLICIES: &[&str] = &[
    "axiosRetry",
    "axios-retry",
    "RetryTransport",
    "RetryTemplate",
    "retryablehttp.NewClient",
    "NewClient",
];

/// The retry covering the call at `node`, if any; `redelivery` says whether a
/// broker's or sender's redelivery counts.
pub fn covering<'t>(cx: &Cx<'_, 't>, node: Node<'t>, redelivery: bool) -> Option<Coverage> {
    if let Some(r) = cx
        .function()
        .and_then(|f| contexts::retried(cx, f))
        .filter(|r| redelivery || !r.is_redelivery())
    {
        return Some(Coverage::Function(r.describe()));
    }
    if cx.in_loop() && (contexts::in_retry_loop(cx) || in_retrying_iterator(cx, node)) {
        return Some(Coverage::Loop);
    }
    if let Some(w) = wrapper(cx) {
        return Some(w);
    }
    cx.m.facts
        .retry_policies
        .first()
        .map(|(what, line)| Coverage::ClientPolicy {
            what: what.clone(),
            line: *line,
        })
}

/// tenacity's iterator form: `for attempt in Retrying(…): with attempt: call()`.
fn in_retrying_iterator(cx: &Cx, node: Node) -> bool {
    if cx.m.lang != crate::lang::Lang::Python {
        return false;
    }
    let stop = cx.function().map(|f| f.node.id());
    let mut n = node;
    for _ in 0..12 {
        let Some(p) = n.parent() else { return false };
        if Some(p.id()) == stop {
            return false;
        }
        if p.kind_name() == "for_statement" {
            let retrying = p
                .child_by_field_name("right")
                .filter(|r| r.kind_name() == "call")
                .is_some_and(|r| matches!(cx.callee_name(r), "Retrying" | "AsyncRetrying"));
            if retrying {
                return true;
            }
        }
        n = p;
    }
    false
}

/// The enclosing closures (innermost first, a few levels) handed to a retry
/// wrapper, directly (`pRetry(() => …)`) or through a variable
/// (`op := func() error {…}; backoff.Retry(op, b)`).
fn wrapper(cx: &Cx) -> Option<Coverage> {
    let mut f = cx.m.function_at(cx.frame);
    for _ in 0..4 {
        let id = f?;
        let func = cx.m.function(id);
        let [parent, grandparent] = func.outer;
        if let Some(call) = parent
            .filter(|p| matches!(p.kind_name(), "arguments" | "argument_list"))
            .and(grandparent)
        {
            if let Some(w) = as_wrapper(cx, call) {
                return Some(w);
            }
        }
        if let Some(name) = bound_name(cx, func.outer) {
            if let Some(outer) = func.parent.map(|p| cx.m.function(p).node) {
                let passed = descendants(outer).find_map(|d| {
                    let w = as_wrapper(cx, d)?;
                    let args = d.child_by_field_name("arguments")?;
                    crate::semantic::named_children(args)
                        .any(|a| cx.text(a) == name)
                        .then_some(w)
                });
                if passed.is_some() {
                    return passed;
                }
            }
        }
        f = func.parent;
    }
    None
}

fn as_wrapper(cx: &Cx, call: Node) -> Option<Coverage> {
    if !matches!(
        call.kind_name(),
        "call" | "call_expression" | "method_invocation"
    ) {
        return None;
    }
    let name = cx.callee_name(call);
    if !WRAPPERS.contains(&name) {
        return None;
    }
    // `Do`/`execute` are retries only on a retry receiver (`retry.Do`,
    // `retryTemplate.execute`), not `client.Do(req)`.
    if matches!(name, "Do" | "DoWithData" | "execute") {
        let text = cx.text(call).to_ascii_lowercase();
        let head = text.split('(').next().unwrap_or("");
        if !head.contains("retry") {
            return None;
        }
    }
    Some(Coverage::Wrapper {
        name: name.to_string(),
        line: call.start_position().row + 1,
    })
}

/// The variable a closure is assigned to: `op := func() error {…}`,
/// `const op = async () => …`.
/// The name a closure is bound to, from its parent and grandparent.
fn bound_name<'t>(cx: &Cx<'_, 't>, outer: [Option<Node<'t>>; 2]) -> Option<&'t str> {
    let mut p = outer[0]?;
    if p.kind_name() == "expression_list" {
        p = outer[1]?;
    }
    let left = match p.kind_name() {
        "short_var_declaration" | "assignment_statement" | "assignment" => {
            p.child_by_field_name("left")?
        }
        "variable_declarator" => p.child_by_field_name("name")?,
        _ => return None,
    };
    let name = cx.text(left).trim();
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(name)
}

/// Whether the call at `node` installs a client retry policy; its description.
pub(crate) fn client_policy(
    m: &crate::semantic::Model,
    call: &crate::semantic::Call,
) -> Option<String> {
    let own_callee = call.callee.id() == call.node.id();
    let name = if own_callee {
        // A Java invocation or construction names itself in a field.
        let named = call
            .node
            .child_by_field_name("name")
            .or_else(|| call.node.child_by_field_name("type"));
        named.map_or("", |n| crate::semantic::last_name(m.text(n)))
    } else {
        crate::semantic::last_name(m.text(call.callee))
    };
    if !POLICY_NAMES.contains(&name) {
        return None;
    }
    let resolved = if call.callee.id() == call.node.id() {
        // A Java construction or invocation carries its target in its fields.
        m.call(call.node, None).and_then(|c| c.target)
    } else {
        m.resolve(call.callee, None)
    };
    let target = resolved.as_deref().unwrap_or("");
    let matched = CLIENT_POLICIES.iter().any(|p| {
        target == *p
            || target.strip_suffix(p).is_some_and(|r| r.ends_with('.'))
            || (name == *p && name != "NewClient")
    }) || (name == "NewClient" && target.contains("retryablehttp"))
        || (name == "HTTPAdapter" && call.kwarg("max_retries").is_some());
    matched.then(|| m.text(call.callee).to_string())
}
