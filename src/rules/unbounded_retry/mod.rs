//! RES005 unbounded-retry.

mod cases;
mod python;

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::retry;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct UnboundedRetry;

static META: Meta = Meta {
    id: "RES005",
    name: "unbounded-retry",
    pillar: Pillar::Resilience,
    severity: Severity::High,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java, Family::Rs, Family::Kt, Family::Dart],
    refs: &["F2", "TEST-RR-R01"],
    title: "Retry has no attempt limit or deadline",
    preview: true,
    docs: Docs {
        what: "Flags retry mechanisms with no bound on attempts or time: tenacity `@retry`, \
`@retry(...)`, `Retrying(...)` and `AsyncRetrying(...)` without `stop=` (tenacity retries forever \
by default); `backoff.on_exception(...)` without `max_tries` or `max_time`; and, in every language, \
a `while True` / `for {}` / `loop {}` / `while (true)` loop that calls something inside a \
try/catch (or an `err != nil` check), leaves the loop on success, and on failure goes round again \
(continue, sleep, or falls through) with no attempt counter or deadline that ends it.\n\n\
Not flagged: a loop whose failure path can leave it (`raise`, `throw`, `return`, `break`), a loop \
with a limit check (`if attempt >= 5: raise`, `if time.monotonic() > deadline`), a loop with its \
own condition (`for attempt in range(5)`), and worker loops that never leave on success \
(`while True: handle(queue.get())`): those are consumers, not retries. Not flagged in durable-workflow code (a Temporal workflow: a Go function taking `workflow.Context`, Python `@workflow.run`/`@workflow.signal` methods, TypeScript modules importing `@temporalio/workflow`), whose retries, timers and waits belong to the engine. \
Narrowed to the loops that hand the operation's result to a caller (`return fetch()` on \
success): a loop that leaves with `break` or a bare `return` waits for a condition — a \
dependency at start-up, a drain, the end of a cursor, a supervised reconnect, a background \
job meant to run until done — and on real code bounding it was almost never the fix. Not \
flagged either: a tenacity/backoff decorator on a function that itself runs forever (a \
`while True` listener restarted after each failure).",
        why: "A retry with no bound turns an outage into an infinite loop. The caller never \
fails, so nothing alerts; the worker is held forever; and every stuck caller keeps hammering the \
dependency that is trying to recover, which keeps it down.",
        example: "@retry\ndef fetch_rates():\n    return client.get(\"/rates\", timeout=5).json()",
        use_instead: "@retry(stop=stop_after_attempt(5), wait=wait_exponential_jitter(max=30))\ndef fetch_rates():\n    return client.get(\"/rates\", timeout=5).json()",
    },
};

impl Rule for UnboundedRetry {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Decorator, Event::Call, Event::Loop]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // Durable-workflow code: the engine owns retries, timers and waits.
        if cx.role() == crate::model::Role::Workflow {
            return;
        }
        if matches!(cx.event, Event::Decorator | Event::Call) {
            // Retry policies are decorators and calls in Python (tenacity).
            if cx.m.lang == Lang::Python {
                python::check(cx, node, out);
            }
            return;
        }
        // Only loops with no condition of their own can retry forever.
        if !retry::is_infinite_loop(cx.m, node) {
            return;
        }
        let Some(r) = retry::analyze(cx.m, node) else {
            return;
        };
        if !r.infinite || r.bounded {
            return;
        }
        // Only a loop that hands the operation's result to its caller
        // (`return fetch()` on success) is a retry wrapper its caller waits on for
        // as long as the dependency is down. One that leaves with `break` or a
        // bare `return` waits for a condition: a dependency at start-up, a drain,
        // the end of a cursor, a supervised reconnect or background job. On real
        // code those are meant to run until done, and bounding them would stop
        // the service's own work.
        if !r.yields_value {
            return;
        }
        let head = cx.snippet(node, 200);
        let head = head.split(['{', ':']).next().unwrap_or(&head).trim();
        out.push(
            Diag::new(
                node,
                format!("This `{head}` retry loop has no attempt limit or deadline: on failure it always goes round again."),
                impact(),
                "Bound the attempts (5 is plenty) or the total time, and raise the last error when the bound is reached.",
            )
            .hint(Hint::Retry(cx.m.lang.family())),
        );
    }

    fn cases(&self) -> Vec<Case> {
        cases::CASES.to_vec()
    }
}

fn impact() -> &'static str {
    "When the dependency stays down, this retries forever: the caller never fails so nothing alerts, the worker is held indefinitely, and every stuck caller keeps hammering the dependency while it tries to recover."
}
