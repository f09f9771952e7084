//! DUR001 unsupervised-background-write.

use crate::semantic::KindName as _;
mod cases;

use super::background::{self, SpawnKind};
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::model::writes;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct UnsupervisedBackgroundWrite;

static META: Meta = Meta {
    id: "DUR001",
    name: "unsupervised-background-write",
    pillar: Pillar::Durability,
    severity: Severity::High,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Java, Family::Ts, Family::Rs, Family::Kt],
    refs: &["000"],
    title: "Data is written by unsupervised background work",
    preview: true,
    docs: Docs {
        what: "Flags work that persists data — database and ORM writes (`session.add/commit`, \
`execute(insert/update/delete …)`, `.save()`, `.create(`, `.insert*`, `.update*`, `.delete*`, \
`db.Exec`, `repository.save`), object-store puts and queue publishes — started in a way no one \
supervises: `asyncio.create_task`/`ensure_future`, `threading.Thread(target=…)`, \
FastAPI/Starlette `background_tasks.add_task` (MEDIUM: it runs in-process after the response), Go \
`go` statements in a request handler, Java `CompletableFuture.runAsync` and `@Async` methods, Kotlin \
`GlobalScope.launch`, Rust `tokio::spawn`, and in TS `void` promises, `setImmediate`/`setTimeout` \
callbacks and write promises that are never awaited. The write is looked for in the spawned \
closure or in the function it runs when that function is in the same file. Not flagged: a handle \
kept and awaited, joined or collected later in the same function (`t = asyncio.create_task(…)` … \
`await asyncio.wait_for(t, 10)`, `t.join()`): its creator supervises it.",
        why: "Background work that writes is a write that can vanish. The caller has already \
been told it worked; if the process is deployed, scaled down or crashes before the task finishes, \
the write never happens, nothing retries it, and nothing even records that it was pending.",
        example: "@app.post(\"/orders\")\nasync def create(order: Order):\n    asyncio.create_task(save_order(order))\n    return {\"status\": \"accepted\"}",
        use_instead: "@app.post(\"/orders\")\nasync def create(order: Order):\n    await save_order(order)  # or enqueue a durable job (Celery, Temporal) before answering\n    return {\"status\": \"created\"}",
    },
};

impl Rule for UnsupervisedBackgroundWrite {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        background::EVENTS
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let impact = "If the process is deployed, scaled down or crashes before this finishes, the write is lost silently: the caller was already told it worked, nothing retries it, and nothing records that it was pending.";
        let Some(s) = background::spawn(cx, node) else {
            unawaited_write(cx, node, impact, out);
            return;
        };
        let Some(work) = s.work else { return };
        // A handle kept and awaited later in the function (`t = create_task(…)`
        // … `await asyncio.wait_for(t, 10)`) is supervised by its creator.
        if !s.dropped && awaited_later(cx, node) {
            return;
        }
        let Some((write, kind)) = writes::first_write(cx.m, work) else {
            return;
        };
        let what = match cx.m.functions.iter().find(|f| f.node == work) {
            Some(f) if !f.name.starts_with('<') => format!("runs `{}`, which makes", f.name),
            _ => "makes".to_string(),
        };
        let diag = Diag::new(
            node,
            format!(
                "`{}` {what} a {} (`{}`, line {}) that nothing supervises.",
                s.label,
                kind.noun(),
                cx.snippet(write, 40),
                write.start_position().row + 1
            ),
            if s.kind == SpawnKind::BackgroundTasks {
                "FastAPI runs it in-process after the response is sent: if the worker restarts first, the write never happens and nothing retries it."
            } else {
                impact
            },
            "Do the write before answering (await it), or enqueue it as a durable job with retries.",
        )
        .hint(Hint::Durable(cx.m.lang.family()));
        out.push(if s.kind == SpawnKind::BackgroundTasks {
            diag.severity(Severity::Medium)
        } else {
            diag
        });
    }

    fn cases(&self) -> Vec<Case> {
        cases::CASES.to_vec()
    }
}

/// TS: `repo.save(x);` in an async function, never awaited.
fn unawaited_write<'t>(cx: &Cx<'_, 't>, node: Node<'t>, impact: &str, out: &mut Vec<Diag<'t>>) {
    if !matches!(cx.m.lang, Lang::TypeScript | Lang::Tsx | Lang::JavaScript)
        || node.kind_name() != "call_expression"
    {
        return;
    }
    let statement = node
        .parent()
        .is_some_and(|p| p.kind_name() == "expression_statement");
    if !statement || !cx.function().is_some_and(|f| f.is_async) {
        return;
    }
    let verb = cx.callee_name(node);
    if !writes::is_write_verb(verb) {
        return;
    }
    // A unit of work's `persist`/`merge`/`remove` (MikroORM, TypeORM's entity
    // manager) only marks entities: the write happens at the awaited flush.
    if matches!(verb, "persist" | "merge" | "remove") {
        return;
    }
    let Some(call) = cx.call(node) else { return };
    let Some(kind) = writes::write_kind(cx.m, &call) else {
        return;
    };
    out.push(
        Diag::new(
            node,
            format!("`{}` is a {} that is never awaited: its failure is unhandled and nothing waits for it.", cx.call_label(&call), kind.noun()),
            impact.to_string(),
            "Await the write before answering, or enqueue it as a durable job with retries.",
        )
        .hint(Hint::Durable(cx.m.lang.family())),
    );
}

/// Whether the handle the spawn is assigned to (`task = asyncio.create_task(…)`,
/// `const p = job()`) is awaited or joined later in the same function: a line
/// after it that names the handle and awaits, joins or collects a result.
fn awaited_later(cx: &Cx, spawn: Node) -> bool {
    let Some(assignment) = cx.parent.filter(|p| {
        matches!(
            p.kind_name(),
            "assignment" | "variable_declarator" | "let_declaration" | "short_var_declaration"
        )
    }) else {
        return false;
    };
    let name_node = assignment
        .child_by_field_name("left")
        .or_else(|| assignment.child_by_field_name("name"))
        .or_else(|| assignment.child_by_field_name("pattern"));
    let Some(name) = name_node.map(|n| cx.text(n).trim()) else {
        return false;
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        return false;
    }
    let end = cx
        .function()
        .map_or(cx.m.src.len(), |f| f.node.end_byte())
        .min(cx.m.src.len());
    let after = cx.m.src.get(spawn.end_byte()..end).unwrap_or("");
    after.lines().take(2_000).any(|line| {
        line.match_indices(name).any(|(i, _)| {
            let before = line[..i].chars().last();
            let next = line[i + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
        }) && [
            "await",
            ".join(",
            ".result(",
            "gather(",
            "wait_for(",
            "Promise.all",
        ]
        .iter()
        .any(|w| line.contains(w))
    })
}
