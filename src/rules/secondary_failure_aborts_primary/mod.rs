//! RES012 secondary-failure-aborts-primary.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::model::writes;
use crate::semantic::descendants;
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct SecondaryFailureAbortsPrimary;

static META: Meta = Meta {
    id: "RES012",
    name: "secondary-failure-aborts-primary",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Ts, Family::Go, Family::Java],
    refs: &["000", "F3"],
    title: "Non-critical call can abort the primary work",
    preview: true,
    docs: Docs {
        what: "Flags an awaited or synchronous call to a non-critical dependency — analytics, \
telemetry, tracking, notification, email, push, Slack, SMS or webhook senders — whose failure \
would skip the primary work that follows it in the same function (a write, an outbound request, \
or the handler's response), because it is not in a try/catch of its own. A try/catch around the \
whole function does not count: the primary work is still skipped. Calls left un-awaited with a \
`.catch(...)` do not block and are not flagged.\n\nOnly request handlers are checked (in jobs, \
flows and reconcilers the runner retries or the next run repairs), and not flagged are durable \
workflow code (the engine retries each activity), handoffs that only queue the secondary work \
(`trigger…`, `enqueue…`, `schedule…`), writes to a table named for the dependency, callees of the \
service (in any of its files) that catch their own failures, and mail sent with \
`fail_silently=True`.",
        why: "The order should be saved whether or not the analytics vendor is up. When a \
secondary call sits on the main path, an outage of the least important dependency becomes an \
outage of the most important feature.",
        example: "@app.post(\"/orders\")\ndef create(order: Order):\n    analytics.track(\"order_started\", order.user_id)\n    save(order)\n    return {\"ok\": True}",
        use_instead: "@app.post(\"/orders\")\ndef create(order: Order):\n    try:\n        analytics.track(\"order_started\", order.user_id)\n    except Exception:\n        logger.warning(\"analytics failed\", exc_info=True)\n    save(order)\n    return {\"ok\": True}",
    },
};

/// Words in a callee that mark a secondary dependency.
const SECONDARY: &[&str] = &[
    "analytics",
    "telemetry",
    "track",
    "segment",
    "mixpanel",
    "amplitude",
    "posthog",
    "intercom",
    "notify",
    "notification",
    "send_email",
    "send_mail",
    "sendemail",
    "sendmail",
    "mailer",
    "send_push",
    "sendpush",
    "slack",
    "webhook",
    "send_sms",
    "sendsms",
    "twilio",
];

/// The secondary word a callee matches, unless the call only reads or asks
/// (`findAnalyticsIntegrations`, `shouldNotify`).
fn secondary_word(callee: &str) -> Option<&'static str> {
    // The method alone decides most calls: lowercase the whole callee (a long
    // chain, often) only for the rest.
    let original = callee.rsplit(['.', ':']).next().unwrap_or(callee);
    let method = &original.to_ascii_lowercase();
    const READS: &[&str] = &[
        "find", "get", "should", "is", "has", "list", "load", "count", "build", "format", "render",
        "parse", "validate",
    ];
    if READS.iter().any(|r| method.starts_with(r)) {
        return None;
    }
    // A setter, or a collection or ORM operation on something merely named after
    // the side effect (`webhook_events.append(…)`, `Webhook.objects.all().delete()`).
    const DATA_OPS: &[&str] = &[
        "append",
        "extend",
        "push",
        "add",
        "insert",
        "remove",
        "pop",
        "clear",
        "discard",
        "setdefault",
        "delete",
        "filter",
        "exclude",
        "all",
        "create",
        "bulk_create",
        "bulk_update",
        "save",
        "update",
        "values",
        "order_by",
        "set",
    ];
    let setter = original.starts_with("set_")
        || original
            .strip_prefix("set")
            .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_ascii_uppercase()));
    if DATA_OPS.contains(&method.as_str()) || setter {
        return None;
    }
    let c = callee.to_ascii_lowercase();
    let c = c.as_bytes();
    // (`send…message` is a broker publish as often as a chat message: chat
    // senders are named by their receiver, `slack`, `notify`.)
    if (has(c, "send") || has(c, "deliver"))
        && ["mail", "sms", "push", "notif"].iter().any(|w| has(c, w))
    {
        return Some("mail");
    }
    SECONDARY
        .iter()
        .copied()
        .find(|w| has(c, w))
        .filter(|_| !has(c, "logger") && !has(c, "log."))
}

/// `str::contains` for the short callees and words above, without building a
/// searcher per word.
/// Whether the callee is a function of this file whose body catches what it
/// calls (`def notify(...): try: … except Exception: log…`): its failure is
/// handled where it happens.
fn handles_own_errors(cx: &Cx, method: &str) -> bool {
    cx.m.functions.iter().any(|f| {
        f.name.eq_ignore_ascii_case(method)
            && crate::semantic::descendants(f.node).take(5_000).any(|d| {
                matches!(
                    d.kind_name(),
                    "except_clause" | "catch_clause" | "catch_block" | "rescue"
                )
            })
    })
}

/// The part of a callee that names what it calls: its last three segments
/// after the last call in a chain (`self.notifier.client.send` →
/// `notifier.client.send`, `builder().mailer().send` → `send`), so long
/// receiver chains are not searched again for every call in them.
fn callee_tail(text: &str) -> &str {
    let text = text.rfind(')').map_or(text, |i| &text[i + 1..]);
    let mut dots = 0;
    for (i, b) in text.bytes().enumerate().rev() {
        if b == b'.' {
            dots += 1;
            if dots == 3 {
                return &text[i + 1..];
            }
        }
    }
    text.trim_start_matches('.')
}

fn has(haystack: &[u8], word: &str) -> bool {
    let word = word.as_bytes();
    let Some(&first) = word.first() else {
        return true;
    };
    haystack.len() >= word.len()
        && haystack
            .windows(word.len())
            .any(|w| w[0] == first && w == word)
}

impl Rule for SecondaryFailureAbortsPrimary {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // Only a call that blocks: a statement of its own, or awaited. Go has no
        // exceptions: there the failure aborts when its error returns early,
        // decided below once the callee is known to be secondary.
        let parent = cx.parent;
        let blocking = match cx.m.lang {
            Lang::Python => {
                parent.is_some_and(|p| matches!(p.kind_name(), "expression_statement" | "await"))
            }
            Lang::Java => parent.is_some_and(|p| p.kind_name() == "expression_statement"),
            Lang::Go => true,
            _ => parent.is_some_and(|p| p.kind_name() == "await_expression"),
        };
        if !blocking {
            return;
        }
        let java_callee;
        let callee = match cx.m.lang {
            Lang::Java => {
                let object = node.field("object").map_or("", |o| callee_tail(cx.text(o)));
                let name = node.field("name").map_or("", |n| cx.text(n));
                java_callee = format!("{object}.{name}");
                java_callee.as_str()
            }
            _ => node
                .field("function")
                .map(|f| callee_tail(cx.text(f)))
                .unwrap_or(""),
        };
        let Some(word) = secondary_word(callee) else {
            return;
        };
        if cx.m.lang == Lang::Go && !go_error_returns(cx, node) {
            return;
        }
        // Durable-workflow code: the engine retries each activity until it
        // succeeds; nothing aborts.
        if cx.role() == crate::model::Role::Workflow {
            return;
        }
        // A handoff (`triggerWebhook`, `enqueue_notification`) only queues the
        // secondary work; a write to a table named for it is primary work.
        let method = callee
            .rsplit(['.', ':'])
            .next()
            .unwrap_or(callee)
            .to_ascii_lowercase();
        if ["trigger", "enqueue", "schedule", "queue", "dispatch"]
            .iter()
            .any(|h| method.starts_with(h))
        {
            return;
        }
        if let Some(call) = cx.m.call_unresolved(node) {
            if crate::model::writes::write_kind(cx.m, &call).is_some() {
                return;
            }
        }
        // A callee of this file that catches its own failures cannot abort, nor
        // can a mail sent with `fail_silently=True`.
        if handles_own_errors(cx, &method) || cx.text(node).contains("fail_silently=True") {
            return;
        }
        let Some(f) = cx.function() else { return };
        // Where it costs: a request handler, whose caller sees the secondary
        // failure as the request failing (and retries work that was done). In
        // jobs, flows and reconcilers the runner retries or the next run repairs.
        if !f.is_handler {
            return;
        }
        // When the dependency is what the function or file is about (a password
        // reset's email, a Slack plugin, a notifications task), it is primary.
        let purpose = format!("{} {}", f.name, cx.path).to_ascii_lowercase();
        let purpose_words: &[&str] = match word {
            "mail" => &[
                "mail", "notif", "invite", "recover", "reset", "password", "verify", "confirm",
                "remind", "resend",
            ],
            "notify" | "notification" => &["notif"],
            "track" => &["track", "analytics"],
            _ => std::slice::from_ref(&word),
        };
        if purpose_words.iter().any(|w| purpose.contains(w)) {
            return;
        }
        // A try of its own protects it; one around the primary work too does not.
        if let Some(try_body) = enclosing_try_body(node, f.node) {
            if primary_after(cx, try_body, node, f.is_handler).is_none() {
                return;
            }
        }
        let Some(primary) = primary_after(cx, f.node, node, f.is_handler) else {
            return;
        };
        // Nor can a callee of another file of the service that catches its own.
        out.push(Diag::new(
            node,
            format!(
                "`{}` is a secondary call on the main path: if it fails, `{}` (line {}) never runs.",
                cx.snippet(node, 40),
                cx.snippet(primary, 40),
                primary.start_position().row + 1
            ),
            "An outage of the least important dependency becomes an outage of the main feature: the write or response is skipped because tracking or notification failed.",
            "Wrap the secondary call in its own try/except that logs and continues, or move it after the primary work (or off the request path entirely).",
        ).unless(crate::facts::Unless::CalleeCatches(method)));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // Not where it costs, or not able to abort: a job (its runner retries),
            // a handoff that only queues the notification, and a notifier of this
            // file that catches its own failures.
            Case::new(
                "app/tasks.py",
                r#"
from fastapi import FastAPI
from celery import shared_task

app = FastAPI()

@shared_task
def close_incident(incident_id):
    notify_slack(incident_id)
    Incident.objects.filter(id=incident_id).update(status="closed")

def send_notification(order):
    try:
        slack.chat_postMessage(channel="orders", text=str(order))
    except Exception:
        logger.exception("slack failed")

@app.post('/orders')
def create(order: dict):
    trigger_webhook("order.created", order)
    send_notification(order)
    Order.objects.create(**order)
    return {'ok': True}
"#,
            ),
            // The notifier lives in another file of the service and catches its
            // own failures; a mail sent with `fail_silently=True` cannot raise.
            Case::new(
                "app/routes.py",
                r#"
from fastapi import FastAPI
from django.core.mail import send_mail
from app.notify import notify_slack

app = FastAPI()

@app.post('/orders')
def create(order: dict):
    notify_slack(order)
    send_mail("Order", "placed", None, ["ops@example.com"], fail_silently=True)
    Order.objects.create(**order)
    return {'ok': True}
"#,
            )
            .with_file(
                "app/notify.py",
                "def notify_slack(order):\n    try:\n        slack.chat_postMessage(channel='orders', text=str(order))\n    except Exception:\n        logger.exception('slack failed')\n",
            ),
            Case::new(
                "app/orders.py",
                r#"
from fastapi import FastAPI

app = FastAPI()

@app.post('/orders')
def create(order: dict):
    analytics.track('order_started', order['user'])  # expect: RES012
    Order.objects.create(**order)
    return {'ok': True}

@app.post('/signup')
def signup(user: dict):
    try:
        send_welcome_email(user)  # expect: RES012
        User.objects.create(**user)
    except Exception:
        return {'error': 'failed'}
"#,
            ),
            Case::new(
                "app/install.py",
                r#"
from celery import shared_task

@shared_task
def install(app_id, manifest):
    webhook_events = []
    for e in manifest['events']:
        webhook_events.append(WebhookEvent(event_type=e))
    WebhookEvent.objects.bulk_create(webhook_events)

@shared_task
def variant(instance):
    set_track_inventory(instance)
    instance.save()
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
from fastapi import FastAPI

app = FastAPI()

@app.post('/orders')
def create(order: dict):
    try:
        analytics.track('order_started', order['user'])
    except Exception:
        logger.warning('analytics failed', exc_info=True)
    Order.objects.create(**order)
    return {'ok': True}
"#,
            ),
            Case::new(
                "server/orders.ts",
                r#"
import express from 'express';

const app = express();
app.post('/orders', async (req, res) => {
  await slack.notify(`new order ${req.body.id}`);  // expect: RES012
  await prisma.order.create({ data: req.body });
  res.json({ ok: true });
});
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

const app = express();
app.post('/orders', async (req, res) => {
  analytics.track('order', req.body.id).catch((err) => logger.warn({ err }, 'analytics'));
  await prisma.order.create({ data: req.body });
  res.json({ ok: true });
});
"#,
            ),
            Case::new(
                "svc/orders.go",
                r#"
package svc

import "net/http"

func Create(w http.ResponseWriter, r *http.Request) {
	if err := slack.Notify("new order"); err != nil {  // expect: RES012
		http.Error(w, "failed", 500)
		return
	}
	db.Exec("INSERT INTO orders (id) VALUES ($1) ON CONFLICT DO NOTHING", id)
}
"#,
            ),
            Case::new(
                "svc/orders_ok.go",
                r#"
package svc

import "net/http"

func Create(w http.ResponseWriter, r *http.Request) {
	if err := slack.Notify("new order"); err != nil {
		log.Printf("slack: %v", err)
	}
	db.Exec("INSERT INTO orders (id) VALUES ($1) ON CONFLICT DO NOTHING", id)
}
"#,
            ),
            Case::new(
                "src/main/java/app/Orders.java",
                r#"
package app;

class Orders {
  @PostMapping("/orders")
  Order create(Order o) {
    analytics.track("order_started", o.userId());  // expect: RES012
    return orderRepository.save(o);
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/OrdersOk.java",
                r#"
package app;

class OrdersOk {
  @PostMapping("/orders")
  Order create(Order o) {
    try {
      analytics.track("order_started", o.userId());
    } catch (Exception e) {
      log.warn("analytics failed", e);
    }
    return orderRepository.save(o);
  }
}
"#,
            ),
        ]
    }
}

/// The body of the nearest try statement around `node` inside `function`.
fn enclosing_try_body<'t>(node: Node<'t>, function: Node<'t>) -> Option<Node<'t>> {
    let mut n = node;
    for _ in 0..64 {
        let p = n.parent()?;
        if p.id() == function.id() {
            return None;
        }
        if p.kind_name() == "try_statement" && p.field("body").is_some_and(|b| b.id() == n.id()) {
            return Some(n);
        }
        n = p;
    }
    None
}

/// The first primary work after `call` within `scope`: a write, an outbound
/// request, or (in a handler) the response.
fn primary_after<'t>(
    cx: &Cx<'_, 't>,
    scope: Node<'t>,
    call: Node<'t>,
    handler: bool,
) -> Option<Node<'t>> {
    descendants(scope).find(|d| {
        if d.start_byte() <= call.end_byte() {
            return false;
        }
        match d.kind_name() {
            "return_statement" => handler,
            "call" | "call_expression" | "method_invocation" => {
                let name = cx.callee_name(*d);
                if handler && matches!(name, "json" | "send" | "render" | "redirect" | "sendStatus")
                {
                    return true;
                }
                cx.m.call(*d, None)
                    .is_some_and(|c| writes::write_kind(cx.m, &c).is_some())
                    || matches!(name, "post" | "put" | "patch" | "urlopen")
            }
            _ => false,
        }
    })
}

/// Go: `if err := notify(…); err != nil { return … }`, or `err := notify(…)`
/// followed by that check.
fn go_error_returns(cx: &Cx, call: Node) -> bool {
    let returns = |if_stmt: Node| {
        if_stmt.kind_name() == "if_statement"
            && if_stmt
                .field("condition")
                .is_some_and(|c| cx.text(c).replace(' ', "").ends_with("err!=nil"))
            && if_stmt
                .field("consequence")
                .is_some_and(|b| cx.text(b).contains("return"))
    };
    let mut n = call;
    for _ in 0..4 {
        let Some(p) = n.parent() else { return false };
        match p.kind_name() {
            "short_var_declaration" | "assignment_statement" => {
                // As an `if` initializer, or followed by the check.
                if let Some(outer) = p.parent().filter(|o| o.kind_name() == "if_statement") {
                    return returns(outer);
                }
                return p.next_named_sibling().is_some_and(returns);
            }
            "expression_list" => n = p,
            _ => return false,
        }
    }
    false
}
