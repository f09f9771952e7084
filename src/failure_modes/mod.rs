//! `faultline failure-modes`: the failure-mode matrix of a system, built from
//! the interaction records the rules read (`REPORTS.md`, rubric 001).
//!
//! Every cell rests on a setting the code shows or on a finding at the same
//! call, and cites that finding's rule: a cell and a finding about one call
//! never disagree. Where the code does not show the behaviour, the verdict is
//! `unknown`; a failure that cannot happen to a kind of interaction has no
//! cell (clock skew has one only where a consumer compares its wall clock
//! with a time the message carries).

mod design_check;
mod html;

pub use design_check::DesignCheck;
pub use html::html;

use crate::engine::{FileInteractions, ScanResult};
use crate::finding::Finding;
use crate::model::interaction::{Kind, Record, SettingRecord};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The report, in the JSON shape `REPORTS.md` fixes.
#[derive(Debug, Serialize)]
pub struct Matrix {
    pub version: u32,
    pub components: Vec<Component>,
    pub interactions: Vec<Interaction>,
    pub matrix: Vec<Cell>,
    pub invariants: Vec<Invariant>,
    pub dual_writes: Vec<DualWrite>,
    pub safeguards: Vec<Safeguard>,
    /// The code against the declared design, when one is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub design: Option<Vec<DesignCheck>>,
}

#[derive(Debug, Serialize)]
pub struct Component {
    pub id: String,
    pub root: String,
    pub languages: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Interaction {
    pub id: String,
    pub component: String,
    pub kind: Kind,
    pub target: crate::model::interaction::Target,
    pub operation: String,
    pub path: String,
    pub line: usize,
    pub function: String,
    pub role: &'static str,
    pub settings: BTreeMap<&'static str, SettingRecord>,
    /// The client API or how the crossing was recognised (`python.requests`).
    pub api: &'static str,
    /// The call as written, shortened (`requests.post(...)`).
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub interaction: String,
    pub failure: &'static str,
    pub current: String,
    pub verdict: &'static str,
    pub evidence: Vec<String>,
    pub fix: String,
    pub guarantee: String,
    pub rules: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Invariant {
    pub chain: Vec<String>,
    pub delivery: &'static str,
    pub ordering: String,
    pub consistency: String,
    pub violations: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DualWrite {
    pub function: String,
    pub path: String,
    pub line: usize,
    pub interactions: Vec<String>,
    pub outbox: bool,
    /// What a crash between the writes leaves behind (none with an outbox).
    pub crash: String,
}

#[derive(Debug, Serialize)]
pub struct Safeguard {
    pub rank: usize,
    pub safeguard: &'static str,
    pub interactions: Vec<String>,
    pub blast_radius: String,
    pub guarantee: String,
    /// The concrete change, from the cells it turns safe.
    pub change: String,
}

/// Whether a publish is core NATS's, by its connection's conventional names
/// (`nc.Publish(subj, data)`, `natsConn.Publish`); JetStream's (`js.Publish`)
/// persists and acknowledges.
fn core_nats_publish(label: &str) -> bool {
    let Some((receiver, method)) = label.split('(').next().and_then(|h| h.rsplit_once('.')) else {
        return false;
    };
    method == "Publish"
        && !crate::model::facts::is_jetstream(receiver)
        && receiver
            .rsplit('.')
            .next()
            .is_some_and(|r| r == "nc" || r.to_ascii_lowercase().contains("nats"))
}

/// Words that mark money or order state: writes there rank first. Matched as
/// whole words of identifiers and paths (`create_charge`, `PaymentService`,
/// `billing/`), so `display`, `border` and `load_balancer` are not money, and
/// a page's `subscription` to a chat platform is not a customer's.
const MONEY: &[&str] = &[
    "pay", "payment", "payout", "charge", "billing", "invoice", "refund", "order", "checkout",
    "stripe", "wallet", "balance", "ledger",
];

/// Whether `text` has one of [`MONEY`]'s words among its identifier words
/// (split at punctuation and lower-to-upper case changes; a plural `s` dropped).
fn names_money(text: &str) -> bool {
    let mut word = String::new();
    let mut found = false;
    let mut flush = |word: &mut String| {
        let w = word.strip_suffix('s').unwrap_or(word);
        found |= MONEY.contains(&w) || MONEY.contains(&word.as_str());
        word.clear();
    };
    let mut prev_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut word);
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            flush(&mut word);
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    flush(&mut word);
    found
}

/// One interaction with what the report needs about it while it is built.
struct Item<'a> {
    row: Interaction,
    record: &'a Record,
    /// The findings at this call.
    findings: Vec<&'a Finding>,
}

/// Builds the matrix from a scan; `component` keeps one component's rows.
pub fn build(
    result: &ScanResult,
    component: Option<&str>,
    design: Option<&crate::design::Design>,
) -> Matrix {
    let items = items(&result.interactions, &result.findings, component);
    let mut components: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in &items {
        let lang = crate::lang::Lang::from_path(std::path::Path::new(&i.row.path))
            .map(|l| l.family().tag().to_string())
            .unwrap_or_default();
        components
            .entry(i.row.component.clone())
            .or_default()
            .insert(lang);
    }
    let roots: Vec<String> = components.keys().cloned().collect();
    let components = components
        .into_iter()
        .map(|(id, langs)| Component {
            root: id.clone(),
            id,
            languages: langs.into_iter().filter(|l| !l.is_empty()).collect(),
        })
        .collect();
    let dual_writes = dual_writes(&items);
    let mut matrix = Vec::new();
    for i in &items {
        cells(i, &items, &dual_writes, &mut matrix);
    }
    let invariants = invariants(&items, &matrix, &dual_writes);
    // With `--component`, the declarations about that component.
    let design = design.map(|d| {
        let mut d = d.clone();
        if let Some(only) = component {
            d.components
                .retain(|c| crate::design::names_component(&c.name, only));
            d.interactions
                .retain(|i| crate::design::names_component(&i.from, only));
        }
        d
    });
    let checks = design
        .as_ref()
        .map(|d| design_check::check(d, &items, &matrix, &dual_writes, &roots));
    let safeguards = safeguards(&items, &matrix, &dual_writes, design.as_ref());
    Matrix {
        version: 1,
        components,
        interactions: items.into_iter().map(|i| i.row).collect(),
        matrix,
        invariants,
        dual_writes,
        safeguards,
        design: checks,
    }
}

/// The component a service root names: the root itself, `.` for the top.
fn component_of(root: &str) -> String {
    if root.is_empty() {
        ".".to_string()
    } else {
        root.to_string()
    }
}

fn items<'a>(
    files: &'a [FileInteractions],
    findings: &'a [Finding],
    component: Option<&str>,
) -> Vec<Item<'a>> {
    let mut by_path: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_path.entry(f.path.as_str()).or_default().push(f);
    }
    let mut out = Vec::new();
    for file in files {
        let comp = component_of(&file.service_root);
        if component.is_some_and(|c| c.trim_end_matches('/') != comp) {
            continue;
        }
        let mut records: Vec<&Record> = file.records.iter().collect();
        records.sort_by_key(|r| (r.line, r.column));
        for (k, r) in records.iter().enumerate() {
            // The findings of this call: on its line, or after it and before
            // the file's next crossing (an ID argument a few lines down).
            let next = records
                .get(k + 1)
                .map_or(r.line + 20, |n| n.line.max(r.line + 1));
            let here: Vec<&Finding> = by_path
                .get(file.path.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|f| f.line >= r.line && f.line < next.min(r.line + 20))
                .collect();
            out.push(Item {
                row: Interaction {
                    id: String::new(),
                    component: comp.clone(),
                    kind: r.kind,
                    target: r.target.clone(),
                    operation: r.operation.clone(),
                    path: file.path.clone(),
                    line: r.line,
                    function: r.function.clone(),
                    role: r.role,
                    settings: settings_of(r),
                    api: r.api,
                    label: if r.label.is_empty() {
                        r.api.to_string()
                    } else {
                        r.label.clone()
                    },
                },
                record: r,
                findings: here,
            });
        }
    }
    for (n, i) in out.iter_mut().enumerate() {
        i.row.id = format!("I{}", n + 1);
    }
    out
}

/// The record's settings, with a retry setting from what surrounds the call.
fn settings_of(r: &Record) -> BTreeMap<&'static str, SettingRecord> {
    let mut s: BTreeMap<&'static str, SettingRecord> =
        r.settings.iter().map(|(k, v)| (*k, v.clone())).collect();
    if matches!(r.kind, Kind::SyncRpc | Kind::Publish | Kind::WorkflowStart) {
        s.insert(
            "retry",
            if r.guards.contains(&"retry") {
                SettingRecord {
                    state: "set",
                    value: Some("a retry in its function covers it".to_string()),
                    at: None,
                }
            } else {
                SettingRecord {
                    state: "unknown",
                    value: Some("no retry around the call in its function".to_string()),
                    at: None,
                }
            },
        );
    }
    s
}

fn at(i: &Item) -> String {
    format!("{}:{}", i.row.path, i.row.line)
}

fn rules_of(i: &Item, ids: &[&str]) -> Vec<&'static str> {
    let mut r: Vec<&'static str> = i
        .findings
        .iter()
        .filter(|f| ids.contains(&f.rule))
        .map(|f| f.rule)
        .collect();
    r.sort_unstable();
    r.dedup();
    r
}

fn finding<'a>(i: &Item<'a>, rule: &str) -> Option<&'a Finding> {
    i.findings.iter().copied().find(|f| f.rule == rule)
}

/// Whether the interaction changes state somewhere: a write, a publish, a
/// start, or a request with a method that changes state (`POST`, `PUT`,
/// `PATCH`, `DELETE`). A client's construction or a `GET` does not.
fn changes_state(i: &Interaction) -> bool {
    match i.kind {
        Kind::SyncRpc => matches!(
            i.operation.to_ascii_uppercase().as_str(),
            "POST" | "PUT" | "PATCH" | "DELETE"
        ),
        Kind::Consume => false,
        _ => true,
    }
}

/// What a consumer's acknowledgement setting gives: `at-most-once` when it
/// acks on delivery, `at-least-once` when it acks after its work, else
/// `unknown`.
fn delivery_of(i: &Item) -> &'static str {
    let mode = i
        .row
        .settings
        .get("ack")
        .and_then(|a| a.value.as_deref())
        .unwrap_or("");
    if mode.starts_with("auto") || mode.starts_with("none") {
        "at-most-once"
    } else if mode.starts_with("manual") {
        "at-least-once"
    } else {
        "unknown"
    }
}

fn describe(s: Option<&SettingRecord>) -> String {
    match s {
        None => "not recorded".to_string(),
        Some(s) => {
            let mut t = s.state.to_string();
            if let Some(v) = &s.value {
                t = format!("{t}: {v}");
            }
            if let Some(at) = &s.at {
                t = format!("{t} ({at})");
            }
            t
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn cell(
    i: &Item,
    failure: &'static str,
    current: String,
    verdict: &'static str,
    evidence: Vec<String>,
    fix: &str,
    guarantee: &str,
    rules: Vec<&'static str>,
) -> Cell {
    Cell {
        interaction: i.row.id.clone(),
        failure,
        current,
        verdict,
        evidence,
        fix: fix.to_string(),
        guarantee: guarantee.to_string(),
        rules,
    }
}

/// The deadline fix for a gRPC call, in its language.
fn grpc_fix(path: &str) -> &'static str {
    if path.ends_with(".py") {
        "Pass a deadline on each call: `stub.Method(request, timeout=2.0)`, sized to the call's SLA."
    } else {
        "Give the call a deadline: `ctx, cancel := context.WithTimeout(ctx, 2*time.Second)` and `defer cancel()` before it, sized to the call's SLA."
    }
}

const BOUNDED: &str =
    "bounded latency: a stalled peer costs at most the timeout, and the caller fails fast or falls back";
const ATOMIC: &str =
    "atomic state and message: both happen or neither, and the message is published at least once";
const OUTBOX_FIX: &str = "Write the message to an outbox table in the same transaction as the row, and publish it from there (a relay or CDC).";
const ONCE: &str =
    "at-least-once delivery with idempotent processing = effectively-once: a repeat applies once";

fn cells(i: &Item, all: &[Item], duals: &[DualWrite], out: &mut Vec<Cell>) {
    let timeout = i.row.settings.get("timeout");
    let retried = i.record.guards.contains(&"retry");
    match i.row.kind {
        Kind::SyncRpc => {
            // Timeout, and a partition, which a caller sees as one.
            let (verdict, current, fix, rules) = match (finding(i, "RES001"), timeout.map(|t| t.state)) {
                (Some(f), _) => ("unsafe", format!("no bound: {}", f.issue), f.fix.clone(), vec!["RES001"]),
                (None, Some("set" | "default")) => ("safe", describe(timeout), String::new(), vec![]),
                // gRPC calls have no deadline unless the caller gives one; no
                // rule covers them, so the cell stands on its own evidence.
                (None, Some("missing")) if i.record.api == "grpc" => {
                    let current = format!(
                        "no deadline: `{}` waits as long as the server takes, and gRPC sets none by default",
                        i.record.label
                    );
                    if i.row.role == "entrypoint" {
                        (
                            "unknown",
                            format!("{current}; a one-shot entry point shows the hang to whoever runs it"),
                            String::new(),
                            vec![],
                        )
                    } else {
                        ("unsafe", current, grpc_fix(&i.row.path).to_string(), vec![])
                    }
                }
                (None, Some("missing")) => (
                    "unknown",
                    "no timeout on the call itself; RES001 leaves this context out (a time-limited job, a one-shot command)".to_string(),
                    String::new(),
                    vec![],
                ),
                _ => ("unknown", describe(timeout), String::new(), vec![]),
            };
            let evidence = if verdict == "unsafe" {
                vec![at(i)]
            } else {
                vec![]
            };
            out.push(cell(
                i,
                "timeout",
                current.clone(),
                verdict,
                evidence.clone(),
                &fix,
                BOUNDED,
                rules.clone(),
            ));
            // A partition shows to the caller as a stall: the same bound decides.
            out.push(cell(
                i,
                "partition",
                current,
                verdict,
                evidence,
                &fix,
                "a partition fails the call within the timeout instead of holding the caller",
                rules,
            ));
            // A write repeated by a retry: applied once only with a key.
            if !changes_state(&i.row) {
                return;
            }
            let idm = finding(i, "IDM005").or_else(|| finding(i, "IDM001"));
            let (verdict, current) = match (retried, idm) {
                (_, Some(f)) => ("unsafe", f.issue.clone()),
                (true, None) => (
                    "unknown",
                    "a retry repeats the request; no idempotency key seen on it".to_string(),
                ),
                // Nothing here repeats it: a duplicate can only come from callers.
                (false, None) => return,
            };
            out.push(cell(
                i,
                "duplicate_delivery",
                current,
                verdict,
                idm.map(|_| vec![at(i)]).unwrap_or_default(),
                idm.map_or("", |f| f.fix.as_str()),
                "a repeated request with the same idempotency key is applied once",
                rules_of(i, &["IDM001", "IDM005"]),
            ));
        }
        Kind::WorkflowStart => {
            let key = i.row.settings.get("idempotency_key");
            let (verdict, current, fix, rules) = match (
                finding(i, "IDM001").or_else(|| finding(i, "IDM002")),
                key.map(|k| k.state),
            ) {
                (Some(f), _) => ("unsafe", f.issue.clone(), f.fix.clone(), vec![f.rule]),
                (None, Some("set")) => (
                    "safe",
                    format!("workflow ID {}", describe(key)),
                    String::new(),
                    vec![],
                ),
                _ => ("unknown", describe(key), String::new(), vec![]),
            };
            out.push(cell(
                i,
                "duplicate_delivery",
                current,
                verdict,
                if verdict == "unsafe" { vec![at(i)] } else { vec![] },
                &fix,
                "a deterministic workflow ID: a repeated start is rejected as already started, so the work runs once",
                rules,
            ));
        }
        Kind::Consume => {
            let ack = i.row.settings.get("ack");
            let delivery = delivery_of(i);
            let writes_in_handler: Vec<&Item> = all
                .iter()
                .filter(|o| {
                    o.row.path == i.row.path
                        && o.row.function == i.row.function
                        && o.row.kind != Kind::Consume
                })
                .collect();
            let conflict = writes_in_handler
                .iter()
                .find_map(|w| finding(w, "IDM003").map(|f| (w, f)));
            let core_nats = ack
                .and_then(|a| a.value.as_deref())
                .is_some_and(|v| v == crate::model::crossings::CORE_NATS);
            let (verdict, current, evidence, fix, rules) = if core_nats {
                // At most once by design: whether a lost message matters is
                // the product's call, not the code's.
                (
                    "unknown",
                    format!(
                        "core NATS never redelivers, so `{}` sees no duplicates from the broker; a message published while it is down, restarting or failing is lost (at-most-once)",
                        i.row.function
                    ),
                    vec![at(i)],
                    "If a lost message matters, consume the subject from a JetStream stream with a durable consumer and ack after the work is saved; make the handler idempotent.".to_string(),
                    vec![],
                )
            } else if delivery == "at-most-once" {
                (
                    "unsafe",
                    format!("{}: a crash in `{}` loses the message", describe(ack), i.row.function),
                    vec![at(i)],
                    if i.record.api == "celery task" {
                        "Set `acks_late=True` on the task (or `task_acks_late = True` for the app) with `task_reject_on_worker_lost = True`, and make the task idempotent: a worker lost mid-task then hands it to another."
                    } else {
                        "Acknowledge after the work is saved (manual ack at the end of the handler), and make the handler idempotent."
                    }
                    .to_string(),
                    rules_of(i, &["DUR004"]),
                )
            } else if let Some((w, f)) = conflict {
                (
                    "unsafe",
                    format!("redelivered after a failure; {}", f.issue),
                    vec![at(w)],
                    f.fix.clone(),
                    vec!["IDM003"],
                )
            } else if delivery == "at-least-once" {
                (
                    "unknown",
                    format!(
                        "{}; whether `{}` is idempotent is not shown",
                        describe(ack),
                        i.row.function
                    ),
                    vec![],
                    String::new(),
                    vec![],
                )
            } else {
                ("unknown", describe(ack), vec![], String::new(), vec![])
            };
            out.push(cell(
                i,
                "duplicate_delivery",
                current,
                verdict,
                evidence,
                &fix,
                ONCE,
                rules,
            ));
            let group = i.row.settings.get("group").and_then(|g| g.value.clone());
            let reordering = match (&group, core_nats) {
                (Some(g), _) => format!(
                    "queue group `{g}`: each message goes to one member, and members run concurrently, so messages of one subject can be handled out of order"
                ),
                (None, true) => "core NATS keeps one publisher's order on a subscription; handing messages on to concurrent workers reorders them".to_string(),
                (None, false) => "no ordering key or single-consumer setting where it registers".to_string(),
            };
            out.push(cell(
                i,
                "reordering",
                reordering,
                "unknown",
                vec![],
                "",
                "per-key ordering: messages of one entity are handled in the order sent",
                vec![],
            ));
            // Clock skew: only where the handler decides by the wall clock
            // against the message's time; elsewhere skew changes nothing.
            if let Some(clock) = i.row.settings.get("clock") {
                let at = clock.at.clone().unwrap_or_default();
                out.push(cell(
                    i,
                    "clock_skew",
                    format!(
                        "`{}` compares this host's clock with a time the message carries ({at}): a producer or consumer clock that runs ahead or behind shifts the decision (expiry, lateness, ordering)",
                        i.row.function
                    ),
                    "unknown",
                    vec![at],
                    "Decide on one clock: a broker-assigned timestamp or a duration measured where it starts, or allow a margin for skew (seconds, sized to the hosts' NTP bound) in the comparison.",
                    "skew-tolerant timing: a decision holds whichever host's clock is ahead",
                    vec![],
                ));
            }
            let (slow, slow_fix) = if core_nats {
                (
                    "a subscription past its pending limits (nats.go: 500,000 messages or 64 MB by default) gets `nats.ErrSlowConsumer` and its messages are dropped",
                    "Watch `nats.ErrSlowConsumer` in the connection's error handler and size `SetPendingLimits` to the handler's pace, or consume from JetStream, whose consumer waits for acks (`MaxAckPending`).",
                )
            } else {
                ("no prefetch or concurrency limit where it registers", "")
            };
            out.push(cell(
                i,
                "slow_consumer",
                slow.to_string(),
                "unknown",
                vec![],
                slow_fix,
                "backpressure: a slow handler holds a bounded number of messages, the rest wait in the broker",
                vec![],
            ));
        }
        Kind::Publish | Kind::DbWrite | Kind::ObjectPut => {
            // A crash between this write and another of the same unit of work.
            if let Some(d) = duals.iter().find(|d| d.interactions.contains(&i.row.id)) {
                out.push(cell(
                    i,
                    "partial_failure",
                    if d.outbox {
                        format!(
                            "written with an outbox row in `{}`: a relay publishes what is saved",
                            d.function
                        )
                    } else {
                        d.crash.clone()
                    },
                    if d.outbox { "safe" } else { "unsafe" },
                    if d.outbox {
                        vec![]
                    } else {
                        vec![format!("{}:{}", d.path, d.line)]
                    },
                    if d.outbox { "" } else { OUTBOX_FIX },
                    ATOMIC,
                    vec![],
                ));
            }
            if i.row.kind == Kind::Publish {
                let consumers: Vec<&Item> = all
                    .iter()
                    .filter(|c| {
                        c.row.kind == Kind::Consume
                            && !i.row.target.value.is_empty()
                            && c.row.target.value == i.row.target.value
                    })
                    .collect();
                // Core NATS keeps no copy: nothing is redelivered.
                let delivery = if core_nats_publish(&i.row.label) {
                    "core NATS never redelivers: a message published while no subscriber is connected, or dropped by a slow one, is lost; duplicates come only from a publisher's own retry"
                } else {
                    "a broker redelivers after a failure"
                };
                let current = if consumers.is_empty() {
                    format!("{delivery}; no consumer of it is in the scanned code")
                } else {
                    format!(
                        "{delivery}; consumed by {}",
                        consumers
                            .iter()
                            .map(|c| format!("{} (`{}`)", c.row.id, c.row.function))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                out.push(cell(
                    i,
                    "duplicate_delivery",
                    current,
                    "unknown",
                    vec![],
                    "",
                    ONCE,
                    vec![],
                ));
            }
            if i.row.kind == Kind::DbWrite {
                if let Some(f) = finding(i, "IDM003") {
                    out.push(cell(
                        i,
                        "duplicate_delivery",
                        f.issue.clone(),
                        "unsafe",
                        vec![at(i)],
                        &f.fix,
                        "an insert that ignores or updates on conflict leaves one row per key however often it runs",
                        vec!["IDM003"],
                    ));
                }
            }
            if i.row.kind == Kind::ObjectPut {
                out.push(cell(
                    i,
                    "duplicate_delivery",
                    "a put by key overwrites: repeating it leaves the same object".to_string(),
                    "safe",
                    vec![],
                    "",
                    "idempotent by key",
                    vec![],
                ));
            }
        }
    }
}

/// Functions that write to a database and publish or start a workflow in one
/// unit of work; and functions that write an outbox row with their state.
fn dual_writes(items: &[Item]) -> Vec<DualWrite> {
    let mut by_fn: BTreeMap<(&str, usize, &str), Vec<&Item>> = BTreeMap::new();
    for i in items {
        if !i.row.function.is_empty() && i.row.kind != Kind::Consume {
            by_fn
                .entry((&i.row.path, i.record.function_line, &i.row.function))
                .or_default()
                .push(i);
        }
    }
    let mut out = Vec::new();
    for ((path, function_line, name), its) in by_fn {
        // An unnamed function (a route's arrow function) by where it starts.
        let function = if name.starts_with('<') {
            format!("{name} at line {function_line}")
        } else {
            name.to_string()
        };
        let outbox = |i: &Item| {
            i.row.kind == Kind::DbWrite
                && i.row.target.value.to_ascii_lowercase().contains("outbox")
        };
        let state: Vec<&Item> = its
            .iter()
            .copied()
            .filter(|i| i.row.kind == Kind::DbWrite && !outbox(i))
            .collect();
        // A task sending itself its next batch continues its own work: the
        // next run picks up what is left, so it is no second write.
        let own = format!("celery:{}", name.to_ascii_lowercase());
        let sends: Vec<&Item> = its
            .iter()
            .copied()
            .filter(|i| matches!(i.row.kind, Kind::Publish | Kind::WorkflowStart))
            .filter(|i| i.row.target.value != own)
            .collect();
        let outboxes: Vec<&Item> = its.iter().copied().filter(|i| outbox(i)).collect();
        let (Some(first_state), true) = (state.first(), !sends.is_empty() || !outboxes.is_empty())
        else {
            continue;
        };
        let mut ids: Vec<&Item> = state
            .iter()
            .chain(&sends)
            .chain(&outboxes)
            .copied()
            .collect();
        ids.sort_by_key(|i| i.row.line);
        let has_outbox = sends.is_empty();
        let crash = match sends.first() {
            None => String::new(),
            Some(send) => {
                let what = |i: &Item| match i.row.kind {
                    Kind::Publish => format!(
                        "the `{}` message",
                        if i.row.target.value.is_empty() {
                            "published"
                        } else {
                            &i.row.target.value
                        }
                    ),
                    _ => "the workflow".to_string(),
                };
                let row = if first_state.row.target.value.is_empty() {
                    "the row".to_string()
                } else {
                    format!("the `{}` row", first_state.row.target.value)
                };
                if send.record.guards.contains(&"on_commit") {
                    format!(
                        "{} is sent only once the transaction commits (`on_commit`, line {}), so never for a rolled-back row; a crash between the commit and the send still loses it",
                        what(send),
                        send.row.line
                    )
                } else if first_state.row.line < send.row.line {
                    format!(
                        "a crash (or a failed send) between line {} and line {} leaves {row} saved and {} never sent: nothing downstream hears of it",
                        first_state.row.line, send.row.line, what(send)
                    )
                } else {
                    format!(
                        "a crash between line {} and line {} leaves {} sent for {row} that was never saved",
                        send.row.line, first_state.row.line, what(send)
                    )
                }
            }
        };
        out.push(DualWrite {
            function,
            path: path.to_string(),
            line: first_state.row.line,
            interactions: ids.iter().map(|i| i.row.id.clone()).collect(),
            outbox: has_outbox,
            crash,
        });
    }
    out
}

/// Per queue or topic the code both publishes to and consumes from: the
/// chain's delivery semantics and what breaks them.
fn invariants(items: &[Item], matrix: &[Cell], duals: &[DualWrite]) -> Vec<Invariant> {
    let mut targets: BTreeMap<&str, (Vec<&Item>, Vec<&Item>)> = BTreeMap::new();
    for i in items {
        if i.row.target.value.is_empty() {
            continue;
        }
        match i.row.kind {
            Kind::Publish => targets.entry(&i.row.target.value).or_default().0.push(i),
            Kind::Consume => targets.entry(&i.row.target.value).or_default().1.push(i),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (name, (pubs, subs)) in targets {
        let modes: BTreeSet<&str> = subs.iter().map(|s| delivery_of(s)).collect();
        let delivery = match (modes.len(), modes.iter().next()) {
            (1, Some(m)) => m,
            _ => "unknown",
        };
        let mut violations = Vec::new();
        for p in &pubs {
            if let Some(d) = duals
                .iter()
                .find(|d| !d.outbox && d.interactions.contains(&p.row.id))
            {
                violations.push(format!(
                    "dual write in `{}` ({}:{}): {}",
                    d.function, d.path, d.line, d.crash
                ));
            }
        }
        for c in matrix.iter().filter(|c| c.verdict == "unsafe") {
            if subs.iter().any(|s| s.row.id == c.interaction) {
                violations.push(format!(
                    "{} {}: {}",
                    c.interaction,
                    c.failure.replace('_', " "),
                    c.current
                ));
            }
        }
        if subs.is_empty() {
            violations.push(format!("no consumer of `{name}` in the scanned code: delivery depends on a consumer elsewhere"));
        }
        if pubs.is_empty() {
            violations.push(format!("no publisher of `{name}` in the scanned code"));
        }
        let mut chain: Vec<String> = pubs.iter().chain(&subs).map(|i| i.row.id.clone()).collect();
        chain.dedup();
        out.push(Invariant {
            chain,
            delivery,
            ordering: "none guaranteed: no ordering key or single-consumer setting in the code; redelivery and concurrent consumers reorder".to_string(),
            consistency: "eventual: consumers apply the change after the publisher has moved on".to_string(),
            violations,
        });
    }
    out
}

/// The safeguard each unsafe cell calls for, one per kind and component,
/// ranked by blast radius: money and state writes over reads, the request
/// path over background work, then the number of call sites.
fn safeguards(
    items: &[Item],
    matrix: &[Cell],
    duals: &[DualWrite],
    design: Option<&crate::design::Design>,
) -> Vec<Safeguard> {
    let by_id: BTreeMap<&str, &Item> = items.iter().map(|i| (i.row.id.as_str(), i)).collect();
    // (safeguard, change) → interactions, guarantee: one change (the same fix
    // text) per entry, so it applies to every place it lists, in whichever
    // components (sixteen notifier packages missing the same timeout are one
    // systemic gap, not sixteen).
    let mut groups: BTreeMap<(&'static str, String), (BTreeSet<String>, String)> = BTreeMap::new();
    for c in matrix.iter().filter(|c| c.verdict == "unsafe") {
        let Some(i) = by_id.get(c.interaction.as_str()) else {
            continue;
        };
        let kind = match (c.failure, i.row.kind) {
            ("timeout" | "partition", _) => "timeout",
            ("duplicate_delivery", Kind::WorkflowStart) => "deterministic_workflow_id",
            ("duplicate_delivery", Kind::Consume) if c.rules.contains(&"IDM003") => {
                "idempotency_key"
            }
            ("duplicate_delivery", Kind::Consume) => "ack_after_work",
            ("duplicate_delivery", _) => "idempotency_key",
            ("partial_failure", _) => "outbox",
            _ => continue,
        };
        let g = groups
            .entry((kind, c.fix.clone()))
            .or_insert_with(|| (BTreeSet::new(), c.guarantee.clone()));
        g.0.insert(c.interaction.clone());
    }
    for d in duals.iter().filter(|d| !d.outbox) {
        if !d.interactions.is_empty() {
            let g = groups
                .entry(("outbox", OUTBOX_FIX.to_string()))
                .or_insert_with(|| (BTreeSet::new(), ATOMIC.to_string()));
            g.0.extend(d.interactions.iter().cloned());
        }
    }
    let mut ranked: Vec<(usize, Safeguard)> = groups
        .into_iter()
        .map(|((kind, change), (ids, guarantee))| {
            let its: Vec<&Item> = ids
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            let components: BTreeSet<&str> = its.iter().map(|i| i.row.component.as_str()).collect();
            let writes = its.iter().filter(|i| changes_state(&i.row)).count();
            let request = its
                .iter()
                .filter(|i| i.row.role == "request_handler")
                .count();
            // Money or order state changed: first.
            // The path inside its component: the directories a scan was
            // started from (`~/checkouts/…`) say nothing about the code.
            let money = its.iter().any(|i| {
                let inside = i
                    .row
                    .path
                    .strip_prefix(i.row.component.as_str())
                    .unwrap_or(&i.row.path);
                changes_state(&i.row)
                    && [i.row.function.as_str(), i.row.target.value.as_str(), inside]
                        .iter()
                        .any(|t| names_money(t))
            });
            // A declared criticality ranks above everything the code shows:
            // the highest of the components the change touches.
            let declared = design.and_then(|d| {
                components
                    .iter()
                    .filter_map(|c| d.component(c).and_then(|c| c.criticality))
                    .max()
            });
            let score = declared.map_or(0, |k| (k as usize + 1) * 1_000_000)
                + usize::from(money) * 1000
                + writes * 100
                + request * 10
                + its.len();
            let sites = crate::report::plural(its.len(), "call site", "call sites");
            let mut radius = vec![match components.len() {
                1 => format!("{sites} in `{}`", components.first().copied().unwrap_or("")),
                n => {
                    let mut names: Vec<String> = components
                        .iter()
                        .take(3)
                        .map(|c| format!("`{c}`"))
                        .collect();
                    if n > 3 {
                        names.push(format!("{} more", n - 3));
                    }
                    format!("{sites} in {n} components ({})", names.join(", "))
                }
            }];
            if let Some(k) = declared {
                radius.insert(0, format!("declared criticality: {}", k.name()));
            }
            if request > 0 {
                radius.push(format!("{request} on the request path"));
            }
            if writes > 0 {
                radius.push(format!("{writes} changing state"));
            }
            if money {
                radius.push("money or order state changes".to_string());
            }
            (
                score,
                Safeguard {
                    rank: 0,
                    safeguard: kind,
                    interactions: by_number(ids),
                    blast_radius: radius.join("; "),
                    guarantee,
                    change,
                },
            )
        })
        .collect();
    let first = |s: &Safeguard| {
        s.interactions
            .first()
            .map_or(usize::MAX, |id| id_number(id))
    };
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| first(&a.1).cmp(&first(&b.1)))
            .then_with(|| a.1.safeguard.cmp(b.1.safeguard))
    });
    ranked
        .into_iter()
        .enumerate()
        .map(|(n, (_, mut s))| {
            s.rank = n + 1;
            s
        })
        .collect()
}

/// The number of an interaction ID (`I12` → 12).
fn id_number(id: &str) -> usize {
    id.get(1..)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

/// Interaction IDs in their numeric order (`I2` before `I10`).
fn by_number(ids: BTreeSet<String>) -> Vec<String> {
    let mut v: Vec<String> = ids.into_iter().collect();
    v.sort_by_key(|id| id_number(id));
    v
}

/// The JSON report.
pub fn json(m: &Matrix) -> String {
    let mut s =
        serde_json::to_string_pretty(m).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::SyncRpc => "sync_rpc",
        Kind::Publish => "publish",
        Kind::Consume => "consume",
        Kind::DbWrite => "db_write",
        Kind::ObjectPut => "object_put",
        Kind::WorkflowStart => "workflow_start",
    }
}

/// Text safe inside a markdown table cell.
fn cell_text(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Mermaid node ID for any text.
fn node_id(prefix: &str, n: usize) -> String {
    format!("{prefix}{n}")
}

/// Text safe inside a Mermaid label.
fn label(s: &str) -> String {
    s.replace('"', "'")
        .replace(['[', ']', '(', ')', '{', '}', '<', '>'], " ")
}

/// The markdown report: a component diagram, then the rubric's four sections.
pub fn markdown(m: &Matrix) -> String {
    let mut out = String::from("# Failure-mode review\n\n");
    out.push_str(&format!(
        "{}. Verdicts rest on what the code shows: `unknown` where it does not say.\n",
        summary(m)
    ));
    // The diagram: components, and where their interactions go.
    let g = graph(m);
    if !g.components.is_empty() {
        out.push_str("\n```mermaid\nflowchart LR\n");
        for (id, name, langs) in &g.components {
            out.push_str(&format!("  {id}[\"{} ({langs})\"]\n", label(name)));
        }
        for (id, kind, name) in &g.targets {
            let shape = match kind.as_str() {
                "queue" | "topic" => format!("{id}[[\"{}\"]]", label(name)),
                "table" => format!("{id}[(\"{}\")]", label(name)),
                _ => format!("{id}([\"{}\"])", label(name)),
            };
            out.push_str(&format!("  {shape}\n"));
        }
        for e in &g.edges {
            if e.bad {
                out.push_str(&format!(
                    "  {} -. \"{} ⚠ unsafe\" .-> {}\n",
                    e.from, e.text, e.to
                ));
            } else {
                out.push_str(&format!("  {} -- \"{}\" --> {}\n", e.from, e.text, e.to));
            }
        }
        out.push_str("```\n");
    }
    // The matrix, identical rows grouped: the same failure, verdict, behaviour
    // and fix at many call sites is one row listing them.
    out.push_str("\n## Failure Mode Matrix\n\n| Interaction | Failure | Current behavior | Correct? | Fix |\n|---|---|---|---|---|\n");
    let by_id: BTreeMap<&str, &Interaction> =
        m.interactions.iter().map(|i| (i.id.as_str(), i)).collect();
    let rows = rows(m);
    for Row {
        cell: c,
        failures,
        interactions: its,
    } in &rows
    {
        let first = its[0];
        let what = if its.len() == 1 {
            format!(
                "{} `{}` {} → {} (`{}:{}`)",
                first.id,
                first.label,
                kind_name(first.kind),
                target_text(first),
                first.path,
                first.line
            )
        } else {
            format!(
                "`{}` {} ×{}: {}",
                first.label,
                kind_name(first.kind),
                its.len(),
                its.iter()
                    .map(|i| format!("{} `{}:{}`", i.id, i.path, i.line))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let rules = if c.rules.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.rules.join(", "))
        };
        out.push_str(&format!(
            "| {} | {} | {} | {}{} | {} |\n",
            cell_text(&what),
            failures
                .iter()
                .map(|f| f.replace('_', " "))
                .collect::<Vec<_>>()
                .join(", "),
            cell_text(&c.current),
            c.verdict,
            rules,
            cell_text(if c.fix.is_empty() { "—" } else { &c.fix }),
        ));
    }
    out.push_str("\n## Invariant Analysis\n");
    if m.invariants.is_empty() && m.dual_writes.is_empty() {
        out.push_str("\nNo queue or topic is both published and consumed, and no function writes state and sends a message, in the scanned code.\n");
    }
    for inv in &m.invariants {
        out.push_str(&format!(
            "\n- **Chain {}**: delivery {}; ordering: {}; consistency: {}.\n",
            inv.chain.join(" → "),
            inv.delivery,
            inv.ordering,
            inv.consistency
        ));
        for v in &inv.violations {
            out.push_str(&format!("  - {v}\n"));
        }
    }
    for d in &m.dual_writes {
        if d.outbox {
            out.push_str(&format!(
                "\n- **Outbox** in `{}` (`{}:{}`, {}): state and message are written together.\n",
                d.function,
                d.path,
                d.line,
                d.interactions.join(", ")
            ));
        } else {
            out.push_str(&format!(
                "\n- **Dual write** in `{}` (`{}:{}`, {}): {}.\n",
                d.function,
                d.path,
                d.line,
                d.interactions.join(", "),
                d.crash
            ));
        }
    }
    if let Some(checks) = &m.design {
        out.push_str("\n## Design Check\n\nThe code against the declared design: `contradicted` where the code shows otherwise, `not shown` where it does not show what the promise needs, `not found` where the declaration names nothing in the scanned code.\n");
        for c in checks {
            out.push_str(&format!(
                "\n- **{}** ({}, `{}`): {}{}.\n",
                c.verdict.replace('_', " "),
                c.declared,
                c.at,
                c.found,
                if c.interactions.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", c.interactions.join(", "))
                }
            ));
        }
    }
    out.push_str("\n## Missing Safeguards (prioritized)\n");
    if m.safeguards.is_empty() {
        out.push_str("\nNo cell is unsafe on the evidence.\n");
    }
    for s in &m.safeguards {
        out.push_str(&format!(
            "\n{}. **{}** for {} — blast radius: {}. Buys: {}.\n",
            s.rank,
            s.safeguard.replace('_', " "),
            s.interactions.join(", "),
            s.blast_radius,
            s.guarantee
        ));
    }
    out.push_str("\n## Recommended Changes\n");
    if m.safeguards.is_empty() {
        out.push_str("\nNone on the evidence.\n");
    }
    for s in &m.safeguards {
        let places: Vec<String> = s
            .interactions
            .iter()
            .filter_map(|id| by_id.get(id.as_str()))
            .map(|i| format!("`{}:{}`", i.path, i.line))
            .collect();
        out.push_str(&format!(
            "\n{}. {} At {} (makes {} safe).\n",
            s.rank,
            if s.change.is_empty() {
                "Add the safeguard."
            } else {
                s.change.as_str()
            },
            places.join(", "),
            s.interactions.join(", ")
        ));
    }
    out
}

/// What the report covers: `2 components and 9 interactions (1 consume, 5
/// db_write, …)`.
pub(crate) fn summary(m: &Matrix) -> String {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &m.interactions {
        *kinds.entry(kind_name(i.kind)).or_default() += 1;
    }
    format!(
        "{} and {} ({})",
        crate::report::plural(m.components.len(), "component", "components"),
        crate::report::plural(m.interactions.len(), "interaction", "interactions"),
        if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    )
}

/// The component diagram both renderings draw: components, the targets
/// their interactions reach, and one edge per (from, to, kind).
pub(crate) struct Graph {
    /// (node ID, component, its languages)
    pub components: Vec<(String, String, String)>,
    /// (node ID, target kind, name)
    pub targets: Vec<(String, String, String)>,
    pub edges: Vec<Edge>,
}

pub(crate) struct Edge {
    pub from: String,
    pub to: String,
    /// The kind, with the count when there are several (`db_write ×2`).
    pub text: String,
    /// Whether any interaction on it has an unsafe cell.
    pub bad: bool,
}

pub(crate) fn graph(m: &Matrix) -> Graph {
    let unsafe_ids: BTreeSet<&str> = m
        .matrix
        .iter()
        .filter(|c| c.verdict == "unsafe")
        .map(|c| c.interaction.as_str())
        .collect();
    let comp_ids: BTreeMap<&str, String> = m
        .components
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id.as_str(), node_id("c", n)))
        .collect();
    let mut targets: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String, &str), (usize, bool)> = BTreeMap::new();
    for i in &m.interactions {
        let Some(c) = comp_ids.get(i.component.as_str()) else {
            continue;
        };
        let t = if i.target.value.is_empty() {
            format!("{} · unknown target", i.api)
        } else {
            i.target.value.clone()
        };
        let key = (i.target.kind.to_string(), t);
        let n = targets.len();
        let tid = targets
            .entry(key)
            .or_insert_with(|| node_id("t", n))
            .clone();
        let (from, to) = if i.kind == Kind::Consume {
            (tid, c.clone())
        } else {
            (c.clone(), tid)
        };
        let e = edges
            .entry((from, to, kind_name(i.kind)))
            .or_insert((0, false));
        e.0 += 1;
        e.1 |= unsafe_ids.contains(i.id.as_str());
    }
    Graph {
        components: m
            .components
            .iter()
            .map(|c| {
                (
                    comp_ids[c.id.as_str()].clone(),
                    c.id.clone(),
                    c.languages.join(", "),
                )
            })
            .collect(),
        targets: {
            let mut t: Vec<(String, String, String)> = targets
                .into_iter()
                .map(|((kind, name), id)| (id, kind, name))
                .collect();
            t.sort_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
            t
        },
        edges: edges
            .into_iter()
            .map(|((from, to, kind), (n, bad))| Edge {
                from,
                to,
                text: if n > 1 {
                    format!("{kind} ×{n}")
                } else {
                    kind.to_string()
                },
                bad,
            })
            .collect(),
    }
}

/// One row of the rendered matrix: identical cells (the same failure,
/// verdict, behaviour and fix of one client in one component) at many call
/// sites, grouped.
pub(crate) struct Row<'a> {
    pub cell: &'a Cell,
    pub failures: Vec<&'static str>,
    pub interactions: Vec<&'a Interaction>,
}

/// The matrix's rows, grouped; unsafe first, then unknown, safe, n/a, in
/// interaction order within each.
pub(crate) fn rows(m: &Matrix) -> Vec<Row<'_>> {
    let by_id: BTreeMap<&str, &Interaction> =
        m.interactions.iter().map(|i| (i.id.as_str(), i)).collect();
    // (first cell, failures, interactions), and each row's index by its key.
    let mut rows: Vec<(&Cell, Vec<&str>, Vec<&Interaction>)> = Vec::new();
    let mut row_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in &m.matrix {
        let Some(i) = by_id.get(c.interaction.as_str()) else {
            continue;
        };
        let key = format!(
            "{}\0{}\0{}\0{}\0{}\0{}",
            i.component,
            i.api,
            kind_name(i.kind),
            c.verdict,
            c.current,
            c.fix
        );
        match row_of.get(&key) {
            Some(&at) => {
                let (_, failures, its) = &mut rows[at];
                if !failures.contains(&c.failure) {
                    failures.push(c.failure);
                }
                if !its.iter().any(|x| x.id == i.id) {
                    its.push(i);
                }
            }
            None => {
                row_of.insert(key, rows.len());
                rows.push((c, vec![c.failure], vec![i]));
            }
        }
    }
    // Unsafe first, then unknown, safe, n/a; in interaction order within each.
    let order = |v: &str| match v {
        "unsafe" => 0,
        "unknown" => 1,
        "safe" => 2,
        _ => 3,
    };
    rows.sort_by_key(|(c, _, its)| (order(c.verdict), id_number(&its[0].id)));
    rows.into_iter()
        .map(|(cell, failures, interactions)| Row {
            cell,
            failures,
            interactions,
        })
        .collect()
}

pub(crate) fn target_text(i: &Interaction) -> String {
    if i.target.value.is_empty() {
        "unknown target".to_string()
    } else {
        format!("{} `{}`", i.target.kind, i.target.value)
    }
}

#[cfg(test)]
mod tests {
    use super::names_money;

    #[test]
    fn money_is_a_whole_word_of_an_identifier_or_path() {
        for t in [
            "create_charge",
            "PaymentService",
            "services/billing/api.py",
            "refundOrder",
            "orders",
            "STRIPE_URL",
        ] {
            assert!(names_money(t), "{t}");
        }
        for t in [
            "display_name",
            "border_color",
            "load_balancer",
            "payload",
            "reorder",
            "subscribed_apps",
            "channels/types/facebook/type.py",
        ] {
            assert!(!names_money(t), "{t}");
        }
    }
}
