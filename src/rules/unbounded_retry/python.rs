//! RES005's Python retry libraries: tenacity and backoff.

use super::{impact, Cx, Diag};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// The decorated expression or the call, with what it resolves to.
pub(super) fn retry_target<'t>(
    cx: &Cx<'_, 't>,
    node: Node<'t>,
) -> Option<(Option<crate::semantic::Call<'t>>, String)> {
    match node.kind_name() {
        "decorator" => {
            let expr = node.named_child(0)?;
            match cx.call(expr) {
                Some(call) => {
                    let t = call.target.clone()?;
                    Some((Some(call), t))
                }
                None => Some((None, cx.resolve(expr)?)),
            }
        }
        "call" => {
            let call = cx.call(node)?;
            let t = call.target.clone()?;
            Some((Some(call), t))
        }
        _ => None,
    }
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    if node.kind_name() == "call" && !matches!(cx.callee_name(node), "Retrying" | "AsyncRetrying") {
        return;
    }
    let Some((call, target)) = retry_target(cx, node) else {
        return;
    };
    let has = |k: &str| {
        call.as_ref()
            .is_some_and(|c| c.kwarg(k).is_some() || c.has_spread())
    };
    // A decorator on a function that runs forever (`while True:` reading a
    // subscription) restarts a long-lived listener after each failure: a
    // supervisor, meant to run as long as the service does.
    if node.kind_name() == "decorator" && decorates_endless_loop(node) {
        return;
    }
    let label = cx.snippet(node, 40);
    match target.as_str() {
        "tenacity.retry" | "tenacity.Retrying" | "tenacity.AsyncRetrying" if !has("stop") => out.push(Diag::new(
            node,
            format!("`{label}` has no `stop=`; tenacity retries forever by default."),
            impact(),
            "Add `stop=stop_after_attempt(5)` (or `stop_after_delay(60)`), with `wait=wait_exponential_jitter(max=30)`.",
        )),
        "backoff.on_exception" | "backoff.on_predicate" if !has("max_tries") && !has("max_time") => out.push(Diag::new(
            node,
            format!("`{label}` has neither `max_tries` nor `max_time`; backoff retries forever by default."),
            impact(),
            "Add `max_tries=5` or `max_time=60`.",
        )),
        _ => {}
    }
}

/// Whether the decorated function's body runs a `while True:` loop.
fn decorates_endless_loop(decorator: Node) -> bool {
    let Some(body) = decorator
        .parent()
        .and_then(|d| d.child_by_field_name("definition"))
        .and_then(|f| f.child_by_field_name("body"))
    else {
        return false;
    };
    crate::semantic::named_children(body).take(200).any(|s| {
        s.kind_name() == "while_statement"
            && s.child_by_field_name("condition")
                .is_some_and(|c| c.kind_name() == "true")
    })
}
