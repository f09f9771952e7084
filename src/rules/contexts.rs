//! Where code runs and what retries it: background work (Celery/RQ/Dramatiq
//! tasks, Temporal activities, queue consumer callbacks, scheduled jobs) and
//! retried contexts (retry decorators, tasks with retries, retry loops,
//! webhook handlers). Shared by RES002, IDM003 and IDM005.

use super::Cx;
use crate::semantic::KindName as _;
use crate::semantic::{descendants, retry, Function};
use tree_sitter::Node;

/// What makes a function's code run again after a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retried {
    /// A retry decorator (`@retry`, `@backoff.on_exception`, `@Retryable`).
    Decorator(String),
    /// A Celery task with `autoretry_for`, `max_retries` or `self.retry(`.
    TaskRetries,
    /// A Dramatiq actor (retries by default).
    Actor,
    /// A Temporal activity (retried by the server).
    Activity,
    /// A queue consumer callback: the broker redelivers.
    Consumer,
    /// A webhook route: the sender retries.
    Webhook,
}

impl Retried {
    pub fn describe(&self) -> String {
        match self {
            Retried::Decorator(d) => format!("under `@{d}`"),
            Retried::TaskRetries => "in a Celery task that retries".into(),
            Retried::Actor => "in a Dramatiq actor (retried by default)".into(),
            Retried::Activity => "in a Temporal activity (retried by the server)".into(),
            Retried::Consumer => "in a queue consumer (the broker redelivers)".into(),
            Retried::Webhook => "in a webhook handler (the sender retries)".into(),
        }
    }

    /// Redelivery comes from outside and cannot be turned off here.
    pub fn is_redelivery(&self) -> bool {
        matches!(self, Retried::Consumer | Retried::Webhook)
    }
}

/// What a decorator's head resolves to: `retry` → `tenacity.retry`.
fn decorator_target(cx: &Cx, decorator: &str) -> String {
    let head = decorator.split('(').next().unwrap_or(decorator).trim();
    match head.split_once('.') {
        Some((first, rest)) => format!("{}.{rest}", cx.m.import_target(first).unwrap_or(first)),
        None => cx.m.import_target(head).unwrap_or(head).to_string(),
    }
}

/// The workflow engine a `task`/`flow` decorator imported from another
/// library than Celery belongs to (`from prefect import task`), by the
/// decorator's resolved target, and what it makes of the function.
fn engine_task(target: &str) -> Option<&'static str> {
    const ENGINES: &[(&str, &str, &str)] = &[
        ("prefect.", "Prefect task", "Prefect flow"),
        ("airflow.", "Airflow task", "Airflow DAG"),
        ("dagster.", "Dagster op", "Dagster job"),
        ("flytekit.", "Flyte task", "Flyte workflow"),
    ];
    let (engine, task, flow) = ENGINES.iter().find(|(p, _, _)| target.starts_with(p))?;
    let last = target[engine.len()..].rsplit('.').next().unwrap_or("");
    match last {
        "task" | "op" | "asset" => Some(task),
        "flow" | "dag" | "job" | "workflow" => Some(flow),
        _ => None,
    }
}

fn is_celery_task(cx: &Cx, decorator: &str) -> bool {
    let target = decorator_target(cx, decorator);
    let head = decorator.split('(').next().unwrap_or(decorator);
    (target == "celery.shared_task" || head.ends_with(".task") || head == "task")
        && engine_task(&target).is_none()
}

/// Background work: a task, activity, actor, job, consumer callback or scheduled
/// job. Returns a short description.
pub fn background(cx: &Cx, f: &Function) -> Option<&'static str> {
    for d in &f.decorators {
        let target = decorator_target(cx, d);
        if is_celery_task(cx, d) {
            return Some("Celery task");
        }
        // Another engine's task (`from prefect import task`), by its name.
        let head = d.split('(').next().unwrap_or(d);
        if head == "task" || head.ends_with(".task") {
            if let Some(kind) = engine_task(&target) {
                return Some(kind);
            }
        }
        if target.starts_with("temporalio.activity.defn") {
            return Some("Temporal activity");
        }
        if target.starts_with("dramatiq.actor") {
            return Some("Dramatiq actor");
        }
        if target.starts_with("rq.job") || target.starts_with("rq.decorators.job") {
            return Some("RQ job");
        }
        if d.contains("scheduled_job")
            || d.starts_with("repeat_every")
            || d.contains("periodic_task")
        {
            return Some("scheduled job");
        }
    }
    if is_consumer_callback(cx, f) || consumes_messages(cx, f) {
        return Some("queue consumer");
    }
    None
}

/// Parameter types that mean the function handles one broker message (or a
/// claim of them): the broker redelivers what it fails on.
const MESSAGE_TYPES: &[&str] = &[
    // Go: sarama, NATS, RabbitMQ, segmentio/kafka-go, franz-go, confluent.
    "sarama.ConsumerMessage",
    "sarama.ConsumerGroupClaim",
    "nats.Msg",
    "jetstream.Msg",
    "amqp.Delivery",
    "amqp091.Delivery",
    "kafka.Message",
    "kgo.Record",
    // Java/Kotlin: Kafka, AWS Lambda SQS events.
    "ConsumerRecord<",
    "ConsumerRecords<",
    "SQSEvent",
    // TS: kafkajs, amqplib, NATS, AWS Lambda SQS events.
    "EachMessagePayload",
    "EachBatchPayload",
    "KafkaMessage",
    "ConsumeMessage",
    "JsMsg",
    "SQSEvent",
    "SQSRecord",
];

/// Calls that pull messages from a broker; in a loop they make the function a consumer.
const POLL_CALLS: &[&str] = &[
    "poll",
    "receive_message",
    "receiveMessage",
    "ReceiveMessage",
    "consume",
    "FetchMessage",
    "PollFetches",
];

/// A function that consumes broker messages: it takes a message (or a claim)
/// as a typed parameter, or pulls them with a poll/receive call inside a loop
/// (`for msg in consumer:`, `while True: sqs.receive_message(…)`).
pub fn consumes_messages(cx: &Cx, f: &Function) -> bool {
    if f.params.iter().any(|p| {
        p.ty.as_deref()
            .is_some_and(|t| MESSAGE_TYPES.iter().any(|m| t.contains(m)))
    }) {
        return true;
    }
    cx.m.memo_function_fact("pulls-messages", f.node, || pulls_messages(cx, f.node))
}

/// A loop in the function that iterates a consumer (`for msg in consumer:`) or
/// calls a broker's pull inside it (`while True: sqs.receive_message(…)`).
fn pulls_messages(cx: &Cx, function: Node) -> bool {
    // Most functions name no pull at all: skip the walk for them.
    let text = cx.text(function);
    if !text.contains("consumer") && !POLL_CALLS.iter().any(|c| text.contains(c)) {
        return false;
    }
    let is_loop = |n: Node| crate::semantic::is_loop_kind(cx.m.lang, n.kind_name());
    // One pass over the function; a pull call looks up its ancestors for a loop.
    let in_loop = |n: Node| {
        let mut p = n.parent();
        for _ in 0..64 {
            let Some(a) = p else { return false };
            if a.id() == function.id() {
                return false;
            }
            if is_loop(a) {
                return true;
            }
            p = a.parent();
        }
        false
    };
    descendants(function).any(|d| {
        if is_loop(d) {
            return d
                .child_by_field_name("right")
                .is_some_and(|r| cx.text(r).to_ascii_lowercase().ends_with("consumer"));
        }
        matches!(
            d.kind_name(),
            "call" | "call_expression" | "method_invocation"
        ) && POLL_CALLS.contains(&cx.callee_name(d))
            && (d.kind_name() == "method_invocation"
                || d.child_by_field_name("function")
                    .is_some_and(|f| f.kind_name() != "identifier"))
            && in_loop(d)
    })
}

/// A function handed to a broker as its message callback:
/// `basic_consume(queue, on_message_callback=handle)`, `consumer.subscribe(…, callback=handle)`.
fn is_consumer_callback(cx: &Cx, f: &Function) -> bool {
    cx.m.is_consumer_callback(&f.name)
}

/// A Celery task body that calls `self.retry(…)`.
fn calls_self_retry(cx: &Cx, function: Node) -> bool {
    descendants(function).any(|d| {
        d.kind_name() == "call"
            && d.child_by_field_name("function")
                .is_some_and(|f| cx.text(f) == "self.retry")
    })
}

/// What retries the code of `f`, if anything does.
pub fn retried(cx: &Cx, f: &Function) -> Option<Retried> {
    for d in &f.decorators {
        let target = decorator_target(cx, d);
        if matches!(
            target.as_str(),
            "tenacity.retry" | "backoff.on_exception" | "backoff.on_predicate"
        ) || target.ends_with("Retryable")
        {
            return Some(Retried::Decorator(
                d.split('(').next().unwrap_or(d).to_string(),
            ));
        }
        if is_celery_task(cx, d)
            && (d.contains("autoretry_for")
                || d.contains("max_retries")
                || calls_self_retry(cx, f.node))
        {
            return Some(Retried::TaskRetries);
        }
        if target.starts_with("dramatiq.actor") {
            return Some(Retried::Actor);
        }
        if target.starts_with("temporalio.activity.defn") || d.starts_with("ActivityMethod") {
            return Some(Retried::Activity);
        }
        // Spring message listeners: the broker redelivers on failure.
        let head = d.split('(').next().unwrap_or(d);
        if matches!(
            head,
            "KafkaListener" | "RabbitListener" | "SqsListener" | "JmsListener" | "StreamListener"
        ) {
            return Some(Retried::Consumer);
        }
        if f.is_handler && d.to_ascii_lowercase().contains("webhook") {
            return Some(Retried::Webhook);
        }
    }
    (is_consumer_callback(cx, f) || consumes_messages(cx, f)).then_some(Retried::Consumer)
}

/// Whether the node `cx` was handed sits in a retry loop inside its function.
pub fn in_retry_loop(cx: &Cx) -> bool {
    // Outside any loop of its function (the walk's frames say so cheaply) a
    // call cannot be in a retry loop.
    if !cx.in_loop() {
        return false;
    }
    // The loops around the call, from the walk's frames up to its function; each
    // loop is analysed once per file however many calls inside it ask.
    let mut f = cx.frame;
    while let Some(id) = f {
        let frame = cx.m.frames[id as usize];
        match frame.kind {
            crate::semantic::FrameKind::Function(_) => return false,
            crate::semantic::FrameKind::Loop => {
                let p = cx.m.frame_nodes[id as usize];
                if crate::semantic::is_loop_kind(cx.m.lang, p.kind_name())
                    && cx
                        .m
                        .memo_function_fact("retry-loop", p, || retry::analyze(cx.m, p).is_some())
                {
                    return true;
                }
            }
            _ => {}
        }
        f = frame.parent;
    }
    false
}

/// Whether the server started around the node `cx` was handed listens on the
/// loopback interface only (`127.0.0.1`, `localhost`, `[::1]` in its function):
/// a desktop app's callback server or a sample's local mock, which no
/// orchestrator probes or stops.
pub fn serves_loopback_only(cx: &Cx) -> bool {
    let text = match cx.function() {
        Some(f) => cx.text(f.node),
        None => cx.m.src,
    };
    names_loopback(text)
}

/// Whether code text names the loopback interface (and not every interface):
/// `127.0.0.1`, `"localhost:…"`, `[::1]`, or an address from a loopback helper
/// (`netutil.IPv4Localhost()`, `netip.IPv6Loopback()`, `net.IPv4(127, 0, 0, 1)`).
pub fn names_loopback(text: &str) -> bool {
    [
        "127.0.0.1",
        "\"localhost",
        "'localhost",
        "`localhost",
        "[::1]",
        "Localhost()",
        "Loopback()",
        "IPv4(127,",
    ]
    .iter()
    .any(|w| text.contains(w))
        && !text.contains("0.0.0.0")
}

/// Runs `find` for a rule about a deployed service (health route, shutdown):
/// only on product code (a library's server helper and an example are not
/// deployed as they are), and keeping nothing found for a server that listens
/// on the loopback interface only (asked once something was found: it reads
/// the function's text). Tooling (a maintainer's script, a CLI) is not deployed.
pub fn for_deployed_service<'t>(
    cx: &Cx<'_, 't>,
    out: &mut Vec<super::Diag<'t>>,
    find: impl FnOnce(&mut Vec<super::Diag<'t>>),
) {
    if cx.origin() != crate::model::Origin::Product || cx.m.tooling {
        return;
    }
    let before = out.len();
    find(out);
    if out.len() > before && serves_loopback_only(cx) {
        out.truncate(before);
    }
}

/// `@SpringBootApplication class App`: the class a Spring Boot service starts from.
pub fn is_spring_boot_app(cx: &Cx, class: Node) -> bool {
    crate::semantic::named_children(class)
        .find(|c| c.kind_name() == "modifiers")
        .is_some_and(|m| cx.text(m).contains("@SpringBootApplication"))
}
