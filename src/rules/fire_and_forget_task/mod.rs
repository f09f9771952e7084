//! RES004 fire-and-forget-task.

use crate::semantic::KindName as _;
mod cases;

use super::background::{self, SpawnKind};
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::model::writes;
use crate::semantic::descendants;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct FireAndForgetTask;

static META: Meta = Meta {
    id: "RES004",
    name: "fire-and-forget-task",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Java, Family::Kt],
    refs: &["000"],
    title: "Background task is fire-and-forget",
    preview: true,
    docs: Docs {
        what: "Flags a task whose handle is dropped, so its exception is never seen and the work \
dies with the process: `asyncio.create_task(...)`, `asyncio.ensure_future(...)` and \
`loop.create_task(...)` as a bare statement (not in a `__del__` finalizer, which cannot await); Java \
`CompletableFuture.runAsync/supplyAsync(...)` or `executor.submit(...)` as a bare statement; Kotlin \
`GlobalScope.launch`/`GlobalScope.async`.\n\n\
Not flagged: tasks kept and awaited, `asyncio.TaskGroup` tasks, `runAsync(...).exceptionally(...)` \
chains, `executor.execute(...)` (an exception reaches the thread's uncaught-exception handler), tasks \
whose body catches and reports its errors itself (a log call, or Java's `printStackTrace`/`System.err`) \
or only waits and calls functions of the same file that do (`() -> sendToSubscriber(…)`, \
`executor.submit(this)` with a `run()` that catches), and tasks whose work writes data — those are \
reported as DUR001 (one problem, one finding). Rust and TypeScript are not checked: on real code a \
dropped tokio `JoinHandle` is the idiom for connection drivers, forwarders and sweepers whose \
results travel by channel, and `void promise()` marks a call whose callee handles its own \
rejection; a floating promise that writes is DUR001's.",
        why: "A dropped task fails in silence: its exception surfaces, if at all, as a \"Task \
exception was never retrieved\" line long after the fact. asyncio keeps only a weak reference, so \
an unreferenced task can even be garbage-collected mid-flight. And on every deploy or crash the \
work in flight is simply gone.",
        example: "async def checkout(order):\n    asyncio.create_task(warm_recommendations(order.user_id))\n    return await place(order)",
        use_instead: "async def checkout(order):\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(warm_recommendations(order.user_id))\n        placed = tg.create_task(place(order))\n    return placed.result()",
    },
};

impl Rule for FireAndForgetTask {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        background::EVENTS
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let Some(s) = background::spawn(cx, node) else {
            return;
        };
        // On real code, a dropped tokio `JoinHandle` is the idiom for connection
        // drivers, forwarders and sweepers whose results travel by channel, and a
        // `void` promise marks calls whose callee handles its own rejection (a
        // floating promise that writes is DUR001's). `executor.execute` hands an
        // exception to the thread's uncaught-exception handler; `submit` keeps it
        // in a future nobody reads.
        let fire_and_forget = match s.kind {
            SpawnKind::AsyncioTask => s.dropped && !in_finalizer(cx),
            SpawnKind::JavaAsync => s.dropped && !s.label.ends_with(".execute(...)"),
            SpawnKind::GlobalScope => true,
            _ => false,
        };
        if !fire_and_forget {
            return;
        }
        // Work that writes is DUR001's finding, not this one.
        if s.work
            .is_some_and(|w| writes::first_write(cx.m, w).is_some())
        {
            return;
        }
        // A task that catches and reports its own errors is not silent, nor one
        // that only waits and calls functions of this file that do.
        if s.work
            .is_some_and(|w| handles_its_errors(cx, w) || delegates_handled(cx, w))
        {
            return;
        }
        let (issue, fix) = match s.kind {
            SpawnKind::AsyncioTask => (
                format!("The task from `{}` is dropped: nothing awaits it or sees its exception.", s.label),
                "Keep a reference and await it, or start it in an `asyncio.TaskGroup`; add a done-callback that logs failures if it must outlive the request.",
            ),
            SpawnKind::JavaAsync => (
                format!("`{}` is neither joined nor given `.exceptionally(...)`: an exception in it is never seen.", s.label),
                "Chain `.exceptionally(e -> { log.error(\"…\", e); return null; })`, or keep the future and join it.",
            ),
            SpawnKind::GlobalScope => (
                format!("`{}` starts a coroutine no scope owns: it is never cancelled, and its failure reaches no caller.", s.label),
                "Launch it in a scope tied to the work's lifetime (a `coroutineScope`, the request's or service's scope) and handle its failure.",
            ),
            SpawnKind::TokioSpawn => (
                format!("The `JoinHandle` of `{}` is dropped: a panic or error in the task is never seen.", s.label),
                "Keep the handle and `.await` it, or spawn into a `JoinSet` the owner drains, logging each task's error.",
            ),
            _ => (
                format!("`{}` discards the promise: its rejection is unhandled and nothing waits for it.", s.label),
                "Await it, or attach `.catch((err) => logger.error({ err }, '…'))` if it is truly optional.",
            ),
        };
        out.push(
            Diag::new(
                node,
                issue,
                "If the task fails, nobody finds out; if the process is deployed or crashes while it runs, the work is simply gone.",
                fix,
            )
            .hint(Hint::Durable(cx.m.lang.family())),
        );
    }

    fn cases(&self) -> Vec<Case> {
        cases::CASES.to_vec()
    }
}

/// A Python finalizer (`__del__`) cannot await: scheduling cleanup is all it can do.
fn in_finalizer(cx: &Cx) -> bool {
    cx.function().is_some_and(|f| f.name == "__del__")
}

/// Work whose calls are all waits or functions of this file that handle and
/// report their own failures (`() -> sendToSubscriber(id, emitter, logs)`, a
/// loop that sleeps and calls `backup_store`, which logs each failure).
fn delegates_handled(cx: &Cx, work: Node) -> bool {
    const WAITS: &[&str] = &["sleep", "wait", "wait_for", "await"];
    let mut handled = false;
    for d in descendants(work).take(4000) {
        if !matches!(
            d.kind_name(),
            "call" | "call_expression" | "method_invocation"
        ) {
            continue;
        }
        let name = cx.callee_name(d);
        if WAITS.contains(&name) {
            continue;
        }
        match cx.m.function_named(name) {
            Some(f) if f.node.id() != work.id() && handles_its_errors(cx, f.node) => handled = true,
            _ => return false,
        }
    }
    handled
}

/// Work that handles its own failure and reports it: a catch/except or an `Err`
/// branch that logs (`log.error`, `logger.exception`, `tracing::error!`).
fn handles_its_errors(cx: &Cx, work: Node) -> bool {
    const HANDLERS: &[&str] = &[
        "catch_clause",
        "except_clause",
        "catch_block",
        "match_arm",
        "if_expression",
        "if_statement",
    ];
    descendants(work).any(|d| {
        HANDLERS.contains(&d.kind_name()) && {
            let t = cx.text(d);
            let catches = match d.kind_name() {
                "match_arm" | "if_expression" => {
                    t.trim_start().starts_with("Err") || t.contains("let Err(")
                }
                "if_statement" => t.contains("err != nil"),
                _ => true,
            };
            let lower = t.to_ascii_lowercase();
            catches
                && [
                    "log",
                    "error!",
                    "warn!",
                    "eprintln!",
                    "tracing::",
                    "sentry",
                    "report",
                    "console.error",
                    // Printed where the process's output goes: seen, if crudely.
                    "printstacktrace",
                    "system.err",
                ]
                .iter()
                .any(|w| lower.contains(w))
        }
    })
}
