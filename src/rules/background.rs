//! Background work started from request or job code, recognized once for the
//! rules that reason about it (RES004 fire-and-forget-task, DUR001
//! unsupervised-background-write).

use super::Cx;
use crate::lang::Lang;
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpawnKind {
    /// `asyncio.create_task`, `ensure_future`, `loop.create_task`.
    AsyncioTask,
    /// `threading.Thread(target=…)`.
    Thread,
    /// FastAPI/Starlette `background_tasks.add_task` (runs after the response).
    BackgroundTasks,
    /// A Go `go` statement in a request handler.
    Goroutine,
    /// `CompletableFuture.runAsync/supplyAsync`, `executor.submit`.
    JavaAsync,
    /// A Java `@Async` method.
    AsyncMethod,
    /// Kotlin `GlobalScope.launch/async`.
    GlobalScope,
    /// `tokio::spawn`.
    TokioSpawn,
    /// TS `void promise()`.
    VoidPromise,
    /// TS `setImmediate`/`setTimeout`/`process.nextTick` callbacks.
    Timer,
}

/// One place background work starts.
pub struct Spawn<'t> {
    pub kind: SpawnKind,
    /// How the code spells it, for messages: `asyncio.create_task(...)`.
    pub label: String,
    /// Nothing keeps the handle: the result and its exception are never seen.
    pub dropped: bool,
    /// The code it runs, when this file holds it.
    pub work: Option<Node<'t>>,
}

/// The events spawns are recognized at: a call (`asyncio.create_task`,
/// `tokio::spawn`), a detaching statement (`go f()`, `void f()`) and a
/// declaration (a Java `@Async` method).
pub const EVENTS: &[Event] = &[Event::Call, Event::Detach, Event::Function];

/// Whether the expression's value is thrown away: it is a statement of its own.
fn dropped(cx: &Cx) -> bool {
    cx.parent
        .is_some_and(|p| p.kind_name() == "expression_statement")
}

pub fn spawn<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Spawn<'t>> {
    // A declaration spawns only as a Java `@Async` method; Go spawns only with `go`.
    match (cx.event, cx.m.lang) {
        (Event::Function, lang) if lang != Lang::Java => return None,
        (Event::Call, Lang::Go) => return None,
        _ => {}
    }
    match cx.m.lang {
        Lang::Python => python(cx, node),
        Lang::Go => {
            if !cx.in_request_handler() {
                return None;
            }
            let call = node.named_child(0)?;
            let work = cx.m.spawned_body(call);
            Some(Spawn {
                kind: SpawnKind::Goroutine,
                label: format!("go {}", cx.snippet(call, 30)),
                dropped: true,
                work,
            })
        }
        Lang::Java => java(cx, node),
        Lang::Kotlin => {
            let name = cx.callee_name(node);
            let callee = cx.text(node.named_child(0)?);
            if !(callee.replace(' ', "") == format!("GlobalScope.{name}")
                && matches!(name, "launch" | "async"))
            {
                return None;
            }
            let call = cx.call(node)?;
            let work = call.args.last().and_then(|a| cx.m.spawned_body(a.value));
            Some(Spawn {
                kind: SpawnKind::GlobalScope,
                label: format!("GlobalScope.{name} {{ ... }}"),
                dropped: true,
                work,
            })
        }
        Lang::Rust => {
            if cx.callee_name(node) != "spawn" {
                return None;
            }
            let call = cx.call(node)?;
            let target = call.target.as_deref()?;
            if !matches!(target, "tokio.spawn" | "tokio.task.spawn") {
                return None;
            }
            let work = call.positional(0).and_then(|a| cx.m.spawned_body(a));
            let dropped = dropped(cx)
                || cx.parent.is_some_and(|p| {
                    p.kind_name() == "let_declaration"
                        && p.field("pattern").is_some_and(|pat| cx.text(pat) == "_")
                });
            Some(Spawn {
                kind: SpawnKind::TokioSpawn,
                label: "tokio::spawn(...)".into(),
                dropped,
                work,
            })
        }
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => ts(cx, node),
        _ => None,
    }
}

fn python<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Spawn<'t>> {
    let name = cx.callee_name(node);
    if !matches!(
        name,
        "create_task" | "ensure_future" | "Thread" | "add_task"
    ) {
        return None;
    }
    let call = cx.call(node)?;
    let target = call.target.clone().unwrap_or_default();
    let (kind, work_arg) = match name {
        // A TaskGroup supervises its tasks.
        "create_task" | "ensure_future"
            if !target.contains("TaskGroup") && !target.starts_with("anyio") =>
        {
            (SpawnKind::AsyncioTask, call.positional(0))
        }
        "Thread" if target == "threading.Thread" => (SpawnKind::Thread, call.kwarg("target")),
        "add_task" => {
            let receiver = cx
                .text(call.callee)
                .rsplit_once('.')
                .map_or("", |(r, _)| r)
                .to_ascii_lowercase();
            let typed = cx.function().is_some_and(|f| {
                f.params.iter().any(|p| {
                    receiver.ends_with(&p.name.to_ascii_lowercase())
                        && p.ty
                            .as_deref()
                            .is_some_and(|t| t.contains("BackgroundTasks"))
                })
            });
            if !typed && !receiver.contains("background") {
                return None;
            }
            (SpawnKind::BackgroundTasks, call.positional(0))
        }
        _ => return None,
    };
    Some(Spawn {
        kind,
        label: cx.call_label(&call),
        dropped: dropped(cx),
        work: work_arg.and_then(|a| cx.m.spawned_body(a)),
    })
}

fn java<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Spawn<'t>> {
    if cx.event == Event::Function {
        let f = cx.m.functions.iter().find(|f| f.node == node)?;
        if !f.decorators.iter().any(|d| d == "Async") {
            return None;
        }
        return Some(Spawn {
            kind: SpawnKind::AsyncMethod,
            label: format!("@Async {}()", f.name),
            dropped: false,
            work: Some(node),
        });
    }
    let name = cx.callee_name(node);
    let object = node.field("object").map(|o| cx.text(o)).unwrap_or("");
    let is_future =
        matches!(name, "runAsync" | "supplyAsync") && object.ends_with("CompletableFuture");
    let is_executor = matches!(name, "submit" | "execute") && {
        let o = object.to_ascii_lowercase();
        o.contains("executor") || o.contains("pool")
    };
    if !is_future && !is_executor {
        return None;
    }
    let call = cx.call(node)?;
    Some(Spawn {
        kind: SpawnKind::JavaAsync,
        label: format!(
            "{}.{name}(...)",
            object.rsplit('.').next().unwrap_or(object)
        ),
        // `runAsync(...).exceptionally(...)` is a handled chain, not a bare statement.
        dropped: dropped(cx),
        // `executor.submit(this)`: the class is the Runnable, its `run` the work.
        work: call.positional(0).and_then(|a| match cx.text(a) {
            "this" => cx.m.function_named("run").map(|f| f.node),
            _ => cx.m.spawned_body(a),
        }),
    })
}

fn ts<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Spawn<'t>> {
    if cx.event == Event::Detach {
        let op = node.field("operator").map(|o| cx.text(o))?;
        let arg = node.field("argument")?;
        if op != "void" || arg.kind_name() != "call_expression" {
            return None;
        }
        let text = cx.text(arg);
        // `void import(…)` preloads a module; `void p.catch(…)` handles its
        // rejection; a module-level `void main()` is a script's entry point.
        if text.starts_with("import(") || text.contains(".catch(") || cx.function().is_none() {
            return None;
        }
        return Some(Spawn {
            kind: SpawnKind::VoidPromise,
            label: format!("void {}", cx.snippet(arg, 40)),
            dropped: true,
            work: cx.m.spawned_body(arg),
        });
    }
    let name = cx.callee_name(node);
    if !matches!(name, "setImmediate" | "setTimeout" | "nextTick") {
        return None;
    }
    let call = cx.call(node)?;
    Some(Spawn {
        kind: SpawnKind::Timer,
        label: cx.call_label(&call),
        dropped: true,
        work: call.positional(0).and_then(|a| cx.m.spawned_body(a)),
    })
}

/// A Celery task decorator (`@app.task`, `@app.task(...)`, `@shared_task`,
/// `@celery.task(...)`), with its options call when it has one.
pub fn celery_task<'t>(
    cx: &Cx<'_, 't>,
    decorator: Node<'t>,
) -> Option<Option<crate::semantic::Call<'t>>> {
    let expr = decorator.named_child(0)?;
    let (callee, call) = match cx.call(expr) {
        Some(c) => (c.callee, Some(c)),
        None => (expr, None),
    };
    let text = cx.text(callee);
    let target = cx.resolve(callee).unwrap_or_default();
    let is_task = target == "celery.shared_task"
        || (text.ends_with(".task") && {
            let receiver = text.trim_end_matches(".task");
            target.starts_with("celery.Celery()")
                || matches!(
                    receiver,
                    "app" | "celery" | "celery_app" | "capp" | "worker"
                )
        });
    is_task.then_some(call)
}
