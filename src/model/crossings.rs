//! Every boundary crossing of a file as a [`Record`]: synchronous RPCs (the
//! client table, or an HTTP request through a client faultline does not know),
//! database writes, object-store puts, publishes, workflow starts and consumer
//! registrations — each with its target, operation, enclosing function, code
//! role and settings. The failure-mode matrix is built from these records, and
//! the rules read the same facts.

use super::interaction::{http_request, Kind, Record, Setting, SettingRecord, Settings, Target};
use super::roles::Role;
use super::writes::{self, WriteKind};
use crate::rules::{contexts, Cx};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// The record of the crossing at `node`, if it is one.
pub fn record<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Record> {
    let path = cx.path;
    let p = node.start_position();
    let mut settings = Settings::default();
    let (kind, target, operation, api, library, label) = if let Some(i) = cx.m.interaction_at(node)
    {
        settings.insert("timeout", SettingRecord::of(&i.timeout, path));
        let call = cx.call(node);
        let target = call
            .as_ref()
            .map_or_else(Target::unknown, |c| url_target(cx, c));
        let verb = cx.callee_name(node).to_ascii_uppercase();
        (
            Kind::SyncRpc,
            target,
            verb,
            i.api.id,
            i.api.library,
            i.label.clone(),
        )
    } else if let Some(r) = http_request(cx, node) {
        settings.insert(
            "timeout",
            SettingRecord::of(
                &Setting::unknown("a client faultline does not know", p.row + 1),
                path,
            ),
        );
        let label = cx.call_label(&r.call);
        (
            Kind::SyncRpc,
            url_target(cx, &r.call),
            r.verb.to_ascii_uppercase(),
            "http",
            "HTTP client",
            label,
        )
    } else if let Some(g) = grpc_call(cx, node, path, &mut settings) {
        g
    } else if let Some(w) = workflow_start(cx, node, path, &mut settings) {
        w
    } else if let Some(t) = celery_send(cx, node) {
        t
    } else {
        let name = cx.callee_name(node);
        let callee = || {
            node.child_by_field_name("function")
                .map_or("", |f| cx.text(f))
        };
        let producer = name == "send" && writes::producer_send(callee());
        if !(producer || writes::is_write_verb(name)) {
            return None;
        }
        // A write is decided from names and text: no resolution needed.
        let call = cx.m.call_unresolved(node)?;
        let kind = writes::write_kind(cx.m, &call)?;
        let (kind, target) = match kind {
            WriteKind::Database => (Kind::DbWrite, table_target(cx, &call)),
            WriteKind::ObjectStore => (
                Kind::ObjectPut,
                named_target(cx, &call, &["Bucket", "bucket"], "url"),
            ),
            WriteKind::Publish => (
                Kind::Publish,
                named_target(
                    cx,
                    &call,
                    &[
                        "routing_key",
                        "queue",
                        "topic",
                        "subject",
                        "QueueUrl",
                        "TopicArn",
                        "exchange",
                    ],
                    "queue",
                ),
            ),
        };
        let label = cx.call_label(&call);
        (
            kind,
            target,
            cx.callee_name(node).to_string(),
            "write",
            "database, store or broker client",
            label,
        )
    };
    let (function, role) = where_(cx);
    let function_line = cx.function().map_or(0, |f| f.node.start_position().row + 1);
    let mut guards = Vec::new();
    if cx.in_try_body() {
        guards.push("try");
    }
    if cx.in_loop() {
        guards.push("loop");
    }
    if super::coverage::covering(cx, node, true).is_some() {
        guards.push("retry");
    }
    if kind == Kind::Publish && after_commit(node, cx) {
        guards.push("on_commit");
    }
    Some(Record {
        kind,
        target,
        operation,
        line: p.row + 1,
        column: p.column + 1,
        function,
        function_line,
        role,
        api,
        library,
        label,
        settings,
        guards,
    })
}

/// A Celery task sent to its queue: `send_receipt.delay(order.id)`,
/// `tasks.sync.apply_async(args, countdown=5)`. Its target is the task, which
/// the task's own definition consumes ([`celery_tasks`]).
fn celery_send(cx: &Cx, node: Node) -> Option<Parts> {
    if cx.m.lang != crate::lang::Lang::Python
        || !matches!(cx.callee_name(node), "delay" | "apply_async")
    {
        return None;
    }
    let callee = node.child_by_field_name("function")?;
    if callee.kind_name() != "attribute" {
        return None;
    }
    let verb = cx.text(callee.child_by_field_name("attribute")?);
    if !matches!(verb, "delay" | "apply_async") {
        return None;
    }
    let receiver = callee.child_by_field_name("object")?;
    if !matches!(receiver.kind_name(), "identifier" | "attribute") {
        return None;
    }
    let task = cx.text(receiver).rsplit('.').next()?;
    // Tasks are functions: `send_receipt`, not an object's `Timer`.
    if task.is_empty()
        || !task
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    Some((
        Kind::Publish,
        Target {
            kind: "queue",
            value: format!("celery:{task}"),
        },
        verb.to_string(),
        "celery",
        "Celery",
        format!("{}(...)", cx.text(callee)),
    ))
}

/// Whether a send runs only once its transaction commits: inside a function
/// handed to `transaction.on_commit(…)` (a few levels up at most).
fn after_commit(node: Node, cx: &Cx) -> bool {
    let mut n = node;
    for _ in 0..6 {
        let Some(p) = n.parent() else { return false };
        if p.kind_name() == "call" {
            let head = p
                .child_by_field_name("function")
                .map(|f| cx.text(f))
                .unwrap_or("");
            if head.ends_with("on_commit") {
                return true;
            }
        }
        n = p;
    }
    false
}

/// Celery task definitions (`@shared_task`, `@app.task`, `@celery.task`): each
/// consumes its own queue, acked after it runs when the decorator says
/// `acks_late=True`, else as the project's configuration says.
pub fn celery_tasks(m: &crate::semantic::Model, path: &str) -> Vec<Record> {
    if m.lang != crate::lang::Lang::Python {
        return Vec::new();
    }
    let mut out = Vec::new();
    for f in &m.functions {
        let Some(d) = f.decorators.iter().find(|d| {
            let head = d.split('(').next().unwrap_or("");
            matches!(crate::semantic::last_name(head), "shared_task" | "task")
        }) else {
            continue;
        };
        let line = f.node.start_position().row + 1;
        let flat: String = d.split_whitespace().collect();
        let ack = if flat.contains("acks_late=True") {
            SettingRecord {
                state: "set",
                value: Some("manual: the handler acks after its work (at-least-once)".to_string()),
                at: Some(format!("{path}:{line}")),
            }
        } else {
            SettingRecord {
                state: "unknown",
                value: Some("Celery acks before the task runs unless `acks_late` (the task's or the app's) says otherwise".to_string()),
                at: None,
            }
        };
        let settings = consumer_settings(m, &f.name, path, ack);
        out.push(Record {
            kind: Kind::Consume,
            target: Target {
                kind: "queue",
                value: format!("celery:{}", f.name.to_ascii_lowercase()),
            },
            operation: "consume".to_string(),
            line,
            column: 1,
            function: f.name.clone(),
            function_line: line,
            // A task is background work, as its steps' role says.
            role: "background_job",
            api: "celery task",
            library: "Celery",
            label: f.name.clone(),
            settings,
            guards: Vec::new(),
        });
    }
    out
}

/// A Celery task's ack as the service's configuration decides it, where the
/// task's own decorator does not: `task_acks_late` set, or Celery's default.
pub fn celery_app_ack(acks_late: bool) -> SettingRecord {
    if acks_late {
        SettingRecord {
            state: "set",
            value: Some(
                "manual: the worker acks after the task returns (at-least-once)".to_string(),
            ),
            at: Some("the service's Celery configuration sets task_acks_late".to_string()),
        }
    } else {
        SettingRecord {
            state: "default",
            value: Some(
                "auto: Celery acks a task when a worker takes it, before it runs (at-most-once)"
                    .to_string(),
            ),
            at: Some("Celery: task_acks_late defaults to False, and the scanned configuration does not set it".to_string()),
        }
    }
}

/// Consumer registrations (`basic_consume(queue='orders', on_message_callback=handle)`),
/// with their acknowledgement mode where the registration or the library says it.
pub fn consumes(m: &crate::semantic::Model, path: &str) -> Vec<Record> {
    m.facts
        .consumers
        .iter()
        .map(|c| Record {
            kind: Kind::Consume,
            target: c.queue.as_ref().map_or_else(Target::unknown, |q| Target {
                kind: "queue",
                value: q.clone(),
            }),
            operation: "consume".to_string(),
            line: c.line,
            column: 1,
            function: c.callback.clone(),
            function_line: 0,
            role: "consumer",
            api: "consumer registration",
            library: "broker client",
            label: c.callback.clone(),
            settings: {
                let mut settings = consumer_settings(m, &c.callback, path, ack_setting(c, path));
                if let Some(group) = &c.group {
                    settings.insert(
                        "group",
                        SettingRecord {
                            state: "set",
                            value: Some(group.clone()),
                            at: Some(format!("{path}:{}", c.line)),
                        },
                    );
                }
                settings
            },
            guards: Vec::new(),
        })
        .collect()
}

/// A consumer's settings: when it acks, and where its handler (the function
/// named `callback`) compares its clock with the message's time, if it does.
fn consumer_settings(
    m: &crate::semantic::Model,
    callback: &str,
    path: &str,
    ack: SettingRecord,
) -> Settings {
    let mut settings = Settings::from([("ack", ack)]);
    if let Some(at) = clock_comparison(m, callback, path) {
        settings.insert(
            "clock",
            SettingRecord {
                state: "set",
                value: Some(
                    "compares this host's clock with a time the message carries".to_string(),
                ),
                at: Some(at),
            },
        );
    }
    settings
}

/// Calls that read this host's wall clock.
const WALL_CLOCK: &[&str] = &[
    "datetime.now(",
    "datetime.utcnow(",
    "timezone.now(",
    "time.time()",
    "time.Now()",
    "Date.now()",
    "new Date()",
    "Instant.now()",
    "System.currentTimeMillis()",
    "Utc::now()",
    "SystemTime::now()",
];

/// Where a consumer's handler decides by comparing this host's wall clock
/// with a time the message carries (`if time.time() - body["sent_at"] > 60`,
/// `if time.Now().After(msg.ExpiresAt)`): a skewed clock on either side
/// shifts the decision. The first such line as `path:line`, for the
/// function named `callback` in this file.
fn clock_comparison(m: &crate::semantic::Model, callback: &str, path: &str) -> Option<String> {
    let f = m.functions.iter().find(|f| f.name == callback)?;
    // The message's names: the handler's parameters, but not the receiver,
    // the channel or a context.
    let mut message: Vec<&str> = f
        .params
        .iter()
        .map(|p| p.name.trim_start_matches(['*', '&']))
        .filter(|n| {
            !matches!(
                *n,
                "self" | "cls" | "ctx" | "ch" | "channel" | "context" | "_" | ""
            )
        })
        .collect();
    if message.is_empty() {
        return None;
    }
    let text = m.text(f.node);
    // Most handlers read no clock: one pass over the text first.
    if !WALL_CLOCK.iter().any(|c| text.contains(c)) {
        return None;
    }
    let mentions = |l: &str, names: &[&str]| {
        names
            .iter()
            .any(|name| crate::model::facts::word_matches(l, name).next().is_some())
    };
    for (n, l) in text.lines().enumerate().take(400) {
        // A name bound from the message (`order = json.loads(body)`) is the
        // message too.
        if let Some((left, right)) = l.split_once(" = ").or_else(|| l.split_once(" := ")) {
            let left = left
                .trim()
                .trim_start_matches("const ")
                .trim_start_matches("let ");
            let left = left.trim_start_matches("var ").trim();
            if !left.is_empty()
                && left.chars().all(|c| c.is_alphanumeric() || c == '_')
                && mentions(right, &message)
                && !message.contains(&left)
            {
                message.push(left);
                continue;
            }
        }
        if !WALL_CLOCK.iter().any(|c| l.contains(c)) {
            continue;
        }
        let compares = [
            " < ",
            " > ",
            " <= ",
            " >= ",
            " - ",
            ".After(",
            ".Before(",
            ".Sub(",
            "isBefore(",
            "isAfter(",
        ]
        .iter()
        .any(|c| l.contains(c));
        let from_message = mentions(l, &message);
        if compares && from_message {
            return Some(format!("{path}:{}", f.node.start_position().row + 1 + n));
        }
    }
    None
}

/// How a core NATS subscription receives: the `ack` setting's value, read by
/// the report as at-most-once.
pub const CORE_NATS: &str = "none: core NATS has no acknowledgement and never redelivers; a message reaches only the subscribers connected when it is published (at-most-once)";

/// When a consumer acknowledges its messages: set by the registration, a
/// library's documented default (pika's `basic_consume`, amqplib, core NATS,
/// nats.go's JetStream), or unknown.
fn ack_setting(c: &crate::model::ConsumerRegistration, path: &str) -> SettingRecord {
    let describe = |mode: &str| match mode {
        "auto" => "auto: acked on delivery, before the handler runs (at-most-once)",
        _ => "manual: the handler acks after its work (at-least-once)",
    };
    match (c.ack, c.via.as_str()) {
        (Some((mode, line)), _) => SettingRecord {
            state: "set",
            value: Some(describe(mode).to_string()),
            at: Some(format!("{path}:{line}")),
        },
        (None, "basic_consume") => SettingRecord {
            state: "default",
            value: Some(describe("manual").to_string()),
            at: Some("pika: basic_consume's auto_ack defaults to False".to_string()),
        },
        (None, "amqplib.consume") => SettingRecord {
            state: "default",
            value: Some(describe("manual").to_string()),
            at: Some("amqplib: consume's noAck defaults to false".to_string()),
        },
        (None, "kafka.subscribe") => SettingRecord {
            state: "unknown",
            value: Some(
                "Kafka commits offsets as the consumer's auto-commit setting says: before the work (at-most-once) or after it (at-least-once)"
                    .to_string(),
            ),
            at: None,
        },
        // Core NATS has no acknowledgement: a message is delivered once, to
        // whoever is subscribed then.
        (None, "nats.Subscribe" | "nats.QueueSubscribe") => SettingRecord {
            state: "default",
            value: Some(CORE_NATS.to_string()),
            at: Some("nats.go: core NATS has no acknowledgement or redelivery".to_string()),
        },
        // nats.go's JetStream subscription acks when the callback returns
        // unless `nats.ManualAck()` says the handler does.
        (None, "jetstream.Subscribe" | "jetstream.QueueSubscribe") => SettingRecord {
            state: "default",
            value: Some(
                "manual: nats.go acks when the handler returns; a failure before that is redelivered (at-least-once)"
                    .to_string(),
            ),
            at: Some("nats.go: JetStream Subscribe acks after the callback unless nats.ManualAck()".to_string()),
        },
        _ => SettingRecord {
            state: "unknown",
            value: Some("the registration does not say when messages are acked".to_string()),
            at: None,
        },
    }
}

/// The enclosing function's name and its code role, in the report's words.
fn where_(cx: &Cx) -> (String, &'static str) {
    let Some(f) = cx.function() else {
        return (String::new(), "entrypoint");
    };
    let role = match cx.role() {
        Role::Handler => "request_handler",
        Role::EntryPoint => "entrypoint",
        Role::Workflow => "workflow",
        Role::Other => match contexts::background(cx, f) {
            Some(k) if k.contains("activity") => "activity",
            Some(k) if k.contains("consumer") => "consumer",
            Some(k) if k.contains("scheduled") || k.contains("cron") => "scheduled",
            Some(_) => "background_job",
            None => "library",
        },
    };
    (f.name.clone(), role)
}

/// Temporal starts: `client.start_workflow(…, id=…)`, Go `ExecuteWorkflow(ctx,
/// client.StartWorkflowOptions{ID: …}, …)`, TS `client.workflow.start(wf, { workflowId })`.
type Parts = (Kind, Target, String, &'static str, &'static str, String);

fn workflow_start(cx: &Cx, node: Node, path: &str, settings: &mut Settings) -> Option<Parts> {
    let name = cx.callee_name(node);
    let start = matches!(
        name,
        "start_workflow"
            | "execute_workflow"
            | "signal_with_start_workflow"
            | "ExecuteWorkflow"
            | "SignalWithStartWorkflow"
    ) || (matches!(name, "start" | "execute" | "signalWithStart")
        && cx
            .text(node)
            .split('(')
            .next()
            .is_some_and(|h| h.ends_with(&format!("workflow.{name}"))));
    if !start {
        return None;
    }
    let call = cx.call(node)?;
    // The ID in an options literal's text (`ID: "order-" + id`, `workflowId: …`).
    let id_in = |text: &str, line: usize| {
        ["ID:", "workflowId:", "workflowId"].iter().find_map(|k| {
            text.find(k).map(|at| {
                let value: String = text[at + k.len()..]
                    .trim_start_matches([':', ' '])
                    .chars()
                    .take_while(|c| *c != ',' && *c != '}' && *c != '\n')
                    .collect();
                (value.trim().to_string(), line)
            })
        })
    };
    // The workflow ID is the start's idempotency key.
    let id = call
        .kwarg("id")
        .map(|v| (cx.snippet(v, 40), v.start_position().row + 1))
        .or_else(|| id_in(cx.text(node), node.start_position().row + 1));
    // Options bound a few lines above in the same function
    // (`options := client.StartWorkflowOptions{ID: …}`): read there.
    let scope = cx.m.function_at(cx.frame);
    let bound: Vec<Node> = call
        .args
        .iter()
        .filter(|a| a.value.kind_name() == "identifier")
        .filter_map(|a| cx.m.binding(scope, cx.text(a.value)))
        .filter(|v| {
            matches!(
                v.kind_name(),
                "composite_literal" | "unary_expression" | "object" | "dictionary"
            )
        })
        .collect();
    let id = id.or_else(|| {
        bound
            .iter()
            .find_map(|v| id_in(cx.text(*v), v.start_position().row + 1))
    });
    let key = match id {
        Some((value, line)) => Setting::Set {
            value,
            line,
            disables: false,
        },
        // Options built elsewhere may carry the ID.
        None if bound.is_empty()
            && call
                .args
                .iter()
                .any(|a| a.value.kind_name() == "identifier") =>
        {
            Setting::unknown("options built elsewhere", node.start_position().row + 1)
        }
        None => Setting::Missing,
    };
    settings.insert("idempotency_key", SettingRecord::of(&key, path));
    Some((
        Kind::WorkflowStart,
        Target::unknown(),
        "start".to_string(),
        "temporal",
        "Temporal",
        cx.call_label(&call),
    ))
}

/// A gRPC call through a generated client: Go `client.GetQuote(ctx, req)` on
/// a client from `pb.NewShippingServiceClient(conn)` (bound to a name, kept in
/// a field, or called inline), Python `stub.GetQuote(request, timeout=…)` on a
/// `ShippingServiceStub(channel)`. Its target is the method's path
/// (`/ShippingService/GetQuote`); its deadline is the Go context's
/// (`context.WithTimeout` → set, `context.Background()`/`TODO()` → missing, a
/// caller's context → unknown) or Python's `timeout=` (none: no deadline).
fn grpc_call(cx: &Cx, node: Node, path: &str, settings: &mut Settings) -> Option<Parts> {
    use crate::lang::Lang;
    let go = cx.m.lang == Lang::Go;
    if !(go || cx.m.lang == Lang::Python) {
        return None;
    }
    // Only files that use generated gRPC code: decided once per file.
    let grpc_file = cx.m.grpc_file.get().unwrap_or_else(|| {
        let found = cx.m.modules.iter().any(|m| {
            m.contains("grpc") || m.contains("genproto") || m.ends_with("pb") || m.ends_with("_pb2")
        }) && (cx.m.src.contains("Client(") || cx.m.src.contains("Stub("));
        cx.m.grpc_file.set(Some(found));
        found
    });
    if !grpc_file {
        return None;
    }
    let method = cx.callee_name(node);
    if go && !method.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let callee = node.child_by_field_name("function")?;
    let receiver = callee.child_by_field_name(if go { "operand" } else { "object" })?;
    let constructor = if go {
        ("New", "Client(")
    } else {
        ("", "Stub(")
    };
    // The generated constructor the receiver comes from: inline, through the
    // name it is bound to, or the field it is kept in.
    let made_by = |t: &str| -> Option<String> {
        let end = t.find(constructor.1)?;
        let head = &t[..end];
        let name = head
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()?;
        let service = name.strip_prefix(constructor.0)?;
        (!service.is_empty() && service.starts_with(|c: char| c.is_ascii_uppercase()))
            .then(|| service.to_string())
    };
    let rtext = cx.text(receiver);
    let service = made_by(rtext)
        .or_else(|| {
            (receiver.kind_name() == "identifier")
                .then(|| cx.m.binding(cx.m.function_at(cx.frame), rtext))
                .flatten()
                .and_then(|v| made_by(cx.text(v)))
        })
        .or_else(|| {
            // A field: `cartClient: pb.NewCartServiceClient(conn)`,
            // `s.cart = pb.NewCartServiceClient(conn)`, `self.stub = CartStub(ch)`.
            let field = rtext.rsplit('.').next().filter(|f| *f != rtext)?;
            let mut fields = cx.m.grpc_fields.borrow_mut();
            let fields =
                fields.get_or_insert_with(|| grpc_fields(cx.m.src, constructor.1, &made_by));
            fields.get(field).cloned()
        })?;
    let call = cx.call(node)?;
    let line = super::clients::line;
    let timeout = if go {
        let ctx = call.positional(0)?;
        let deadline = |t: &str| t.contains("WithTimeout(") || t.contains("WithDeadline(");
        let background =
            |t: &str| t.contains("context.Background()") || t.contains("context.TODO()");
        let text = cx.text(ctx);
        if background(text) {
            Setting::Missing
        } else if ctx.kind_name() == "identifier" {
            match cx.m.binding(cx.m.function_at(cx.frame), text) {
                Some(v) if deadline(cx.text(v)) => Setting::set(&cx.snippet(v, 60), line(v)),
                Some(v) if background(cx.text(v)) => Setting::Missing,
                _ => Setting::unknown(
                    format!("the deadline of `{text}`, a context from the caller"),
                    line(ctx),
                ),
            }
        } else if deadline(text) {
            Setting::set(&cx.snippet(ctx, 60), line(ctx))
        } else {
            Setting::unknown(
                format!("the deadline of `{}`", cx.snippet(ctx, 40)),
                line(ctx),
            )
        }
    } else {
        match call.kwarg("timeout") {
            Some(v) => Setting::set(&cx.snippet(v, 40), line(v)),
            None if call.has_spread() => {
                Setting::unknown("options passed through `**kwargs`", line(node))
            }
            None => Setting::Missing,
        }
    };
    settings.insert("timeout", SettingRecord::of(&timeout, path));
    Some((
        Kind::SyncRpc,
        Target {
            kind: "url",
            value: format!("/{service}/{method}"),
        },
        method.to_string(),
        "grpc",
        "gRPC",
        cx.call_label(&call),
    ))
}

/// The file's fields that hold a generated gRPC client, with its service, in
/// one pass over the lines that build one (`cart: pb.NewCartServiceClient(conn)`,
/// `s.cart = pb.NewCartServiceClient(conn)`, `self.stub = CartStub(channel)`).
fn grpc_fields(
    src: &str,
    constructor: &str,
    made_by: &dyn Fn(&str) -> Option<String>,
) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for l in src.lines().filter(|l| l.contains(constructor)) {
        let Some(service) = made_by(l) else {
            continue;
        };
        // The name before `:` or ` =`: a struct field's key, or an attribute
        // assigned (`s.cart`, `self.stub`).
        let head = l[..l.find(constructor).unwrap_or(0)].trim_end();
        let target = if let Some((left, _)) = head.split_once(" = ") {
            left.trim().rsplit_once('.').map(|(_, f)| f)
        } else if let Some((left, _)) = head.rsplit_once(':') {
            left.rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
        } else {
            None
        };
        if let Some(f) = target.filter(|f| !f.is_empty()) {
            out.entry(f.to_string()).or_insert(service);
        }
    }
    out
}

/// The URL of a request: a literal's host and path, or the environment
/// variable it comes from (`os.environ["BILLING_URL"]`, `process.env.BILLING_URL`).
fn url_target(cx: &Cx, call: &crate::semantic::Call) -> Target {
    let Some(arg) = call.kwarg("url").or_else(|| call.positional(0)) else {
        return Target::unknown();
    };
    let mut text = cx.text(arg).to_string();
    // A name bound in this function or module: look once at what it holds.
    if arg.kind_name() == "identifier" {
        if let Some(v) = cx.m.binding(cx.m.function_at(cx.frame), &text) {
            text = cx.text(v).to_string();
        }
    }
    if let Some(env) = env_var(&text) {
        return Target {
            kind: "env",
            value: env,
        };
    }
    let literal = crate::semantic::unquote(text.trim_start_matches(['f', '`']));
    // A URL built on a base held in a name: `f"{PROVIDER}/charges"`,
    // `` `${API_URL}/items` ``, where the name holds an environment variable.
    let base = literal
        .strip_prefix("${")
        .or_else(|| literal.strip_prefix('{'))
        .and_then(|rest| rest.split_once('}'))
        .map(|(name, _)| name)
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_'));
    if let Some(name) = base {
        let scope = cx.m.function_at(cx.frame);
        let value =
            cx.m.binding(scope, name)
                .or_else(|| cx.m.binding(None, name))
                .map(|v| cx.text(v).to_string());
        if let Some(env) = value.as_deref().and_then(env_var) {
            return Target {
                kind: "env",
                value: env,
            };
        }
    }
    if let Some((_, rest)) = literal.split_once("://") {
        let end = rest
            .find(['?', '#', '{', '$', '"', '\'', '`'])
            .unwrap_or(rest.len());
        return Target {
            kind: "url",
            value: rest[..end].trim_end_matches('/').to_string(),
        };
    }
    if literal.starts_with('/') && !literal.contains(['{', '$']) {
        return Target {
            kind: "url",
            value: literal.to_string(),
        };
    }
    Target::unknown()
}

/// `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`, `process.env.X`,
/// `os.Getenv("X")`, `System.getenv("X")`, `env::var("X")` anywhere in `text`.
fn env_var(text: &str) -> Option<String> {
    for open in [
        "os.environ[",
        "os.environ.get(",
        "os.getenv(",
        "os.Getenv(",
        "System.getenv(",
        "env::var(",
        "Platform.environment[",
    ] {
        if let Some(at) = text.find(open) {
            let rest = &text[at + open.len()..];
            let name: String = rest
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    let at = text.find("process.env.")?;
    let name: String = text[at + "process.env.".len()..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The table a database write goes to: from its SQL (`INSERT INTO orders`,
/// `UPDATE orders`, `DELETE FROM orders`), or the model class it writes
/// (`Order.objects.create`, `session.add(Order(…))`, `Order.create`).
fn table_target(cx: &Cx, call: &crate::semantic::Call) -> Target {
    for a in &call.args {
        let t = cx.text(a.value).to_ascii_uppercase();
        for k in [
            "INSERT INTO ",
            "UPDATE ",
            "DELETE FROM ",
            "MERGE INTO ",
            "REPLACE INTO ",
        ] {
            if let Some(at) = t.find(k) {
                let raw = &cx.text(a.value)[at + k.len()..];
                let name: String = raw
                    .trim_start_matches(['"', '`'])
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
                    .collect();
                if !name.is_empty() {
                    return Target {
                        kind: "table",
                        value: name,
                    };
                }
            }
        }
    }
    let callee = cx.text(call.callee);
    let model = callee
        .split(['.', ':'])
        .find(|s| s.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_string)
        .or_else(|| {
            // `session.add(Order(...))`: the constructed model.
            let first = call.positional(0)?;
            let c = cx.call(first)?;
            let name = crate::semantic::unquote(cx.text(c.callee))
                .rsplit('.')
                .next()?
                .to_string();
            name.chars()
                .next()
                .is_some_and(char::is_uppercase)
                .then_some(name)
        });
    model.map_or_else(Target::unknown, |value| Target {
        kind: "table",
        value,
    })
}

/// A target named by one of `keys`, else the first string argument.
fn named_target(
    cx: &Cx,
    call: &crate::semantic::Call,
    keys: &[&str],
    kind: &'static str,
) -> Target {
    let value = keys
        .iter()
        .find_map(|k| call.kwarg(k))
        .or_else(|| call.positional(0))
        .and_then(|v| {
            super::facts::string_value(cx.m, v).or_else(|| {
                // An options object: `producer.send({ topic: 'orders', … })`.
                (v.kind_name() == "object")
                    .then(|| {
                        keys.iter()
                            .find_map(|k| crate::semantic::ts::object_value(cx.m, v, k))
                    })
                    .flatten()
                    .and_then(|p| super::facts::string_value(cx.m, p))
            })
        });
    match value {
        Some(v) if !v.is_empty() => Target { kind, value: v },
        _ => Target::unknown(),
    }
}

/// A background workflow of one file: a function run outside a request (task,
/// activity, consumer, scheduled job, durable workflow) with its ordered steps.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Workflow {
    pub function: String,
    pub role: &'static str,
    /// What starts it: the queue it consumes, else its role.
    pub trigger: String,
    /// Indices into the file's interaction records, in source order.
    pub steps: Vec<usize>,
}

/// Groups a file's records (in source order) into its background workflows.
pub fn workflows(records: &[Record]) -> Vec<Workflow> {
    const BACKGROUND: &[&str] = &[
        "background_job",
        "consumer",
        "scheduled",
        "activity",
        "workflow",
    ];
    let mut out: Vec<Workflow> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        if r.function.is_empty() {
            continue;
        }
        if r.kind == Kind::Consume {
            // The registration names the consumer and its queue: the trigger.
            let trigger = format!("consume {}", r.target.value);
            match out.iter_mut().find(|w| w.function == r.function) {
                Some(w) => w.trigger = trigger,
                None => out.push(Workflow {
                    function: r.function.clone(),
                    role: r.role,
                    trigger,
                    steps: Vec::new(),
                }),
            }
            continue;
        }
        if !BACKGROUND.contains(&r.role) {
            continue;
        }
        match out.iter_mut().find(|w| w.function == r.function) {
            Some(w) => w.steps.push(i),
            None => out.push(Workflow {
                function: r.function.clone(),
                role: r.role,
                trigger: r.role.replace('_', " "),
                steps: vec![i],
            }),
        }
    }
    out
}
