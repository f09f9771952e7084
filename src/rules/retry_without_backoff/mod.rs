//! RES006 retry-without-backoff.

use crate::semantic::KindName as _;
mod cases;

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::retry::{self, Sleep};
use crate::semantic::Event;
use crate::semantic::Model;
use tree_sitter::Node;

pub struct RetryWithoutBackoff;

static META: Meta = Meta {
    id: "RES006",
    name: "retry-without-backoff",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts],
    refs: &["F2"],
    title: "Retry has no backoff",
    preview: true,
    docs: Docs {
        what: "Flags retries that go round again at once, hammering a failing dependency: \
tenacity `@retry`/`Retrying(...)` with no `wait=` or with `wait_none()`; `urllib3.Retry(...)` with \
no `backoff_factor` (or `backoff_factor=0`); and a manual retry loop — `while True`/`for {}`/\
`while (true)`, or a counting loop (`for attempt in range(5)`, `for i := 0; i < n; i++`) — that \
calls something, handles its failure, leaves on success, and does not wait at all between \
attempts. Bounded loops are flagged too: the bound is RES005's concern, the spacing is this \
rule's.\n\nNot flagged: a constant wait (`wait_fixed(2)`, `time.sleep(1)`, `time.Sleep(time.Second)`): \
it spaces the attempts, and whether callers fall into lockstep depends on how many retry together, \
which the code does not show; a sleep whose delay is computed (`2 ** attempt`, a doubling `delay`, jitter); a \
consumer loop, paced by what arrives (`sub.NextMsg(timeout)`, `stream.Recv()`, a Go `select` on \
a channel that delivers work); loops over a collection \
(trying each mirror in turn is failover, not a retry), and worker loops that never leave on success. Not flagged in durable-workflow code (a Temporal workflow: a Go function taking `workflow.Context`, Python `@workflow.run`/`@workflow.signal` methods, TypeScript modules importing `@temporalio/workflow`), whose retries, timers and waits belong to the engine. Also not flagged: a constant wait in a \
one-shot run (a start-up script waiting for its database has no herd to fall into lockstep with), an \
immediate retry after a lost insert race (`IntegrityError`, `UniqueConstraintError`: the retry reads \
the row the other writer made), a loop whose failure path ends the process (`log.Fatal`, `os.Exit`, \
`sys.exit`), and a loop that asks a person again (`input()`, `fmt.Scanln`, a prompt helper).",
        why: "A retry that goes round again at once turns one failure into a burst: every \
caller re-sends immediately, several times, while the dependency is struggling, and the retries \
themselves keep it overloaded. Exponential backoff spreads the load out and jitter breaks the \
lockstep.",
        example: "for attempt in range(5):\n    try:\n        return client.get(url, timeout=5)\n    except httpx.TransportError:\n        continue",
        use_instead: "for attempt in range(5):\n    try:\n        return client.get(url, timeout=5)\n    except httpx.TransportError:\n        time.sleep(min(30, 0.5 * 2 ** attempt) * random.uniform(0.5, 1.0))",
    },
};

const URLLIB3_RETRY: &[&str] = &[
    "urllib3.Retry",
    "urllib3.util.Retry",
    "urllib3.util.retry.Retry",
    "requests.adapters.Retry",
    "requests.packages.urllib3.util.retry.Retry",
];

impl Rule for RetryWithoutBackoff {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Decorator, Event::Call, Event::Loop, Event::Each]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // Durable-workflow code: the engine owns retries, timers and waits.
        if cx.role() == crate::model::Role::Workflow {
            return;
        }
        match cx.event {
            Event::Decorator | Event::Call => {
                if cx.m.lang == Lang::Python {
                    python_policy(cx, node, out);
                }
            }
            _ => retry_loop(cx, node, out),
        }
    }

    fn cases(&self) -> Vec<Case> {
        cases::CASES.to_vec()
    }
}

fn impact() -> &'static str {
    "When the dependency hiccups, every caller re-sends at once, several times over: the burst of retries keeps it overloaded and turns a brief blip into an outage."
}

/// tenacity's `wait=` and urllib3's `backoff_factor`.
fn python_policy<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let expr = if node.kind_name() == "decorator" {
        node.named_child(0)
    } else {
        Some(node)
    };
    let Some(expr) = expr else { return };
    let name = if expr.kind_name() == "call" {
        cx.callee_name(expr)
    } else {
        cx.text(expr).rsplit('.').next().unwrap_or("")
    };
    if !matches!(name, "retry" | "Retrying" | "AsyncRetrying" | "Retry") {
        return;
    }
    // `@retry(...)` is seen as a decorator; its call is not looked at twice.
    if node.kind_name() == "call" && name == "retry" {
        return;
    }
    let call = cx.call(expr);
    let target = match &call {
        Some(c) => c.target.clone(),
        None => cx.resolve(expr),
    };
    let Some(target) = target else { return };
    let label = cx.snippet(node, 40);
    let spread = call.as_ref().is_some_and(|c| c.has_spread());
    if matches!(
        target.as_str(),
        "tenacity.retry" | "tenacity.Retrying" | "tenacity.AsyncRetrying"
    ) && !spread
    {
        let wait = call.as_ref().and_then(|c| c.kwarg("wait"));
        let fixed = wait.filter(|w| {
            let t = cx.text(*w);
            w.kind_name() == "call"
                && (t.contains("wait_fixed(") || t.contains("wait_none("))
                && !t.contains('+')
        });
        // A fixed wait in a one-shot run (a start-up script waiting for its
        // database) has no herd to fall into lockstep with.
        if fixed.is_some() && decorates_entry_point(cx, node) {
            return;
        }
        let immediate = fixed.is_some_and(|f| cx.text(f).contains("wait_none("));
        let issue = match (wait, immediate) {
            (None, _) => format!("`{label}` has no `wait=`: tenacity retries immediately, hammering the failing dependency."),
            (Some(_), true) => format!("`{label}` waits `wait_none()` between attempts: tenacity retries immediately, hammering the failing dependency."),
            _ => return,
        };
        out.push(Diag::new(
            node,
            issue,
            impact(),
            "Use `wait=wait_exponential_jitter(initial=0.5, max=30)`.",
        ));
    } else if URLLIB3_RETRY.contains(&target.as_str()) && !spread {
        let factor = call.as_ref().and_then(|c| c.kwarg("backoff_factor"));
        if factor.is_none_or(|f| matches!(cx.text(f), "0" | "0.0")) {
            out.push(Diag::new(
                node,
                format!("`{label}` has no `backoff_factor`; urllib3 retries without waiting between attempts."),
                impact(),
                "Pass `backoff_factor=0.5` (urllib3 2 also takes `backoff_jitter=0.5`).",
            ));
        }
    }
}

/// Whether the decorator sits on a function that is part of a one-shot run
/// (a program's `main` or a helper only it calls).
fn decorates_entry_point(cx: &Cx, decorator: Node) -> bool {
    let Some(definition) = decorator
        .parent()
        .filter(|p| p.kind_name() == "decorated_definition")
        .and_then(|d| d.child_by_field_name("definition"))
    else {
        return false;
    };
    cx.m.functions
        .iter()
        .position(|f| f.node.id() == definition.id())
        .is_some_and(|id| {
            cx.m.role_of(Some(id as crate::semantic::FuncId)) == crate::model::Role::EntryPoint
        })
}

/// A loop that counts attempts rather than walking a collection or a buffer:
/// no condition (`while True`), a header that speaks of attempts or retries, or
/// Python's `for _ in range(n)`.
fn is_attempt_loop(m: &Model, node: Node) -> bool {
    if retry::is_infinite_loop(m, node) {
        return true;
    }
    let body_start = node
        .field("body")
        .map_or(node.end_byte(), |b| b.start_byte());
    let header = m
        .src
        .get(node.start_byte()..body_start)
        .unwrap_or("")
        .to_ascii_lowercase();
    if ["attempt", "retr", "tries"]
        .iter()
        .any(|w| header.contains(w))
    {
        return true;
    }
    // A counter that only counts: `for _ in range(3)`, `for i := 0; i < 5; i++`
    // where the body never reads `i`.
    let Some(counter) = counter_var(m, node) else {
        return false;
    };
    let body = node.field("body").unwrap_or(node);
    // A word search of the body's text: a walk of its nodes per loop would be
    // quadratic over a nest of loops. A mention in a comment or a string
    // counts as a read, which only ever leaves a loop unflagged.
    let text = m.text(body);
    let word = |c: char| c.is_alphanumeric() || c == '_';
    counter == "_"
        || !text.match_indices(counter).any(|(i, _)| {
            !text[..i].ends_with(word) && !text[i + counter.len()..].starts_with(word)
        })
}

/// The counter of a counting loop: Python `for x in range(…)`, Go and TS
/// three-clause `for`.
fn counter_var<'t>(m: &Model<'t>, node: Node<'t>) -> Option<&'t str> {
    match m.lang {
        Lang::Python => {
            let right = node.field("right")?;
            (right.kind_name() == "call" && m.text(right).starts_with("range(")).then_some(())?;
            Some(m.text(node.field("left")?))
        }
        Lang::Go => {
            let clause =
                crate::semantic::named_children(node).find(|c| c.kind_name() == "for_clause")?;
            let init = clause.field("initializer")?;
            Some(m.text(init.field("left")?.named_child(0)?))
        }
        _ => {
            let init = node.field("initializer")?;
            let decl = crate::semantic::named_children(init)
                .find(|c| c.kind_name() == "variable_declarator")?;
            Some(m.text(decl.field("name")?))
        }
    }
}

fn retry_loop<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    if !is_attempt_loop(cx.m, node) {
        return;
    }
    let Some(r) = retry::analyze(cx.m, node) else {
        return;
    };
    // One process waiting a fixed time for one dependency (a start-up script
    // waiting for its database) has no herd to fall into lockstep with.
    if r.sleep == Sleep::Constant && cx.role() == crate::model::Role::EntryPoint {
        return;
    }
    // A retry after a lost insert race (`IntegrityError`, `UniqueConstraintError`)
    // reads the row the other writer made: an immediate retry is right.
    let text = cx.text(node);
    if [
        "IntegrityError",
        "UniqueConstraint",
        "UniqueViolation",
        "Conflict",
        "Duplicate",
    ]
    .iter()
    .any(|w| text.contains(w))
    {
        return;
    }
    let head = cx.snippet(node, 200);
    let head = head
        .split(['{', ':'])
        .next()
        .unwrap_or(&head)
        .trim()
        .to_string();
    // A constant wait spaces the attempts: whether its lockstep matters depends
    // on how many callers retry together, which the code does not show.
    let issue = match r.sleep {
        Sleep::Computed | Sleep::Constant => return,
        Sleep::None => format!("This `{head}` retry loop goes round again at once after a failure: no delay between attempts."),
    };
    out.push(
        Diag::new(
            node,
            issue,
            impact(),
            "Wait an exponentially growing delay with jitter between attempts (`min(cap, base * 2 ** attempt)`, randomized).",
        )
        .hint(Hint::Retry(cx.m.lang.family())),
    );
}
