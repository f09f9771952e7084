//! DUR005 non-durable-broker-config.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Unless;
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::semantic::ts::object_keys;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct NonDurableBrokerConfig;

static META: Meta = Meta {
    id: "DUR005",
    name: "non-durable-broker-config",
    pillar: Pillar::Durability,
    severity: Severity::High,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Ts, Family::Go, Family::Java],
    refs: &["TEST-RR-Q01", "TEST-RR-Q02"],
    title: "Broker setting loses messages",
    preview: true,
    docs: Docs {
        what: "Flags broker settings that lose messages: pika `queue_declare(...)` without \
`durable=True` (exclusive, auto-delete and passive declares are temporary by design and not \
flagged); `basic_publish(...)` without a persistent `delivery_mode` (2 or \
`pika.DeliveryMode.Persistent`); amqplib `assertQueue(q, { durable: false })`; and a Celery app \
whose service never sets `task_acks_late = True` (MEDIUM: a task is acknowledged on receipt and \
lost if the worker dies).",
        why: "A non-durable queue disappears when the broker restarts, with every message in it; \
a transient message is dropped even from a durable queue. With early acks, Celery removes the \
message the moment a worker takes it, so a crash, OOM kill or deploy mid-task loses the job.",
        example: "channel.queue_declare(queue=\"orders\")\nchannel.basic_publish(exchange=\"\", routing_key=\"orders\", body=payload)",
        use_instead: "channel.queue_declare(queue=\"orders\", durable=True)\nchannel.basic_publish(exchange=\"\", routing_key=\"orders\", body=payload,\n                      properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent))",
    },
};

impl Rule for NonDurableBrokerConfig {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let name = cx.callee_name(node);
        if matches!(name, "QueueDeclare" | "queueDeclare") {
            // amqp091-go `ch.QueueDeclare(name, durable, …)`, Java `channel.queueDeclare(name, durable, …)`.
            let Some(call) = cx.call(node) else { return };
            let Some(durable) = call.positional(1) else {
                return;
            };
            let exclusive = call.positional(2).is_some_and(|e| cx.text(e) == "true");
            if cx.text(durable) == "false" && !exclusive {
                out.push(Diag::new(
                    node,
                    format!("`{}` declares the queue with `durable` false: it is deleted, with its messages, when the broker restarts.", cx.call_label(&call)),
                    "A RabbitMQ restart or failover silently empties the queue: every pending job in it is gone.",
                    "Declare it durable (second argument `true`) and publish persistent messages.",
                ));
            }
            return;
        }
        if !matches!(
            name,
            "queue_declare" | "basic_publish" | "Celery" | "assertQueue"
        ) {
            return;
        }
        let Some(call) = cx.call(node) else { return };
        if call.has_spread() {
            return;
        }
        let label = cx.call_label(&call);
        match name {
            "queue_declare" => {
                // A flag passed through (`durable=durable`) is unknown, not missing;
                // exclusive, auto-delete and passive declares are temporary by design.
                let not_false = |k: &str| {
                    call.kwarg(k)
                        .is_some_and(|v| !matches!(cx.text(v), "False" | "0"))
                };
                if ["durable", "exclusive", "auto_delete", "passive"]
                    .iter()
                    .any(|k| not_false(k))
                {
                    return;
                }
                out.push(Diag::new(
                    node,
                    format!("`{label}` declares a queue without `durable=True`: it is deleted, with its messages, when the broker restarts."),
                    "A RabbitMQ restart or failover silently empties the queue: every pending job in it is gone, and nothing upstream knows to resend.",
                    "Declare it with `durable=True` (and publish persistent messages).",
                ));
            }
            "basic_publish" => {
                let persistent = call.kwarg("properties").is_none_or(|p| {
                    // Properties built elsewhere are unknown, not missing.
                    if p.kind_name() != "call" {
                        return true;
                    }
                    let t = cx.text(p);
                    t.contains("delivery_mode=2")
                        || t.contains("Persistent")
                        || t.contains("PERSISTENT_DELIVERY_MODE")
                }) && call.kwarg("properties").is_some();
                if persistent {
                    return;
                }
                out.push(Diag::new(
                    node,
                    format!("`{label}` publishes without `delivery_mode=2`: the message is transient and kept in memory only."),
                    "Transient messages are dropped when the broker restarts, even from a durable queue: published work vanishes with no error anywhere.",
                    "Pass `properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent)`, and enable publisher confirms for messages that must not be lost.",
                ));
            }
            "Celery" if call.target.as_deref() == Some("celery.Celery") => {
                out.push(
                    Diag::new(
                        node,
                        format!("`{label}` is a Celery app whose configuration never sets `task_acks_late = True`: tasks are acknowledged the moment a worker receives them."),
                        "If a worker crashes, is OOM-killed or redeployed mid-task, the broker has already forgotten the message: the job is lost and never retried.",
                        "Set `task_acks_late = True` (with `task_reject_on_worker_lost = True`) and make tasks idempotent, since a task may then run twice.",
                    )
                    .severity(Severity::Medium)
                    .unless(Unless::CeleryAcksLate),
                );
            }
            "assertQueue" => {
                let Some(opts) = call.positional(1) else {
                    return;
                };
                let explicit_false = object_keys(cx.m, opts).is_some()
                    && cx.text(opts).replace(' ', "").contains("durable:false");
                if explicit_false {
                    out.push(Diag::new(
                        opts,
                        format!("`{label}` declares the queue with `durable: false`: it is deleted, with its messages, when the broker restarts."),
                        "A RabbitMQ restart or failover silently empties the queue: every pending job in it is gone.",
                        "Declare it with `{ durable: true }` and publish with `{ persistent: true }`.",
                    ));
                }
            }
            _ => {}
        }
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            Case::new(
                "worker/publish.py",
                r#"
import pika
from celery import Celery

app = Celery('shop', broker='amqp://rabbit')  # expect: DUR005

def publish(channel, body):
    channel.queue_declare(queue='orders')  # expect: DUR005
    channel.basic_publish(exchange='', routing_key='orders', body=body)  # expect: DUR005
    channel.basic_publish(exchange='', routing_key='orders', body=body, properties=pika.BasicProperties(content_type='application/json'))  # expect: DUR005
"#,
            ),
            Case::new(
                "worker/ok.py",
                r#"
import pika
from celery import Celery

app = Celery('shop')
app.conf.task_acks_late = True

def publish(channel, body, props):
    channel.queue_declare(queue='orders', durable=True)
    channel.queue_declare(queue='', exclusive=True)
    channel.queue_declare(queue=name, durable=durable)
    channel.basic_publish(exchange='', routing_key='orders', body=body, properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent))
    channel.basic_publish(exchange='', routing_key='orders', body=body, properties=props)
"#,
            ),
            Case::new(
                "server/queue.ts",
                r#"
import amqp from 'amqplib';
import express from 'express';

export async function setup(ch: amqp.Channel) {
  await ch.assertQueue('orders', { durable: false });  // expect: DUR005
}
"#,
            ),
            Case::new(
                "svc/queue.go",
                r#"
package svc

func Setup(ch *amqp.Channel) {
	ch.QueueDeclare("orders", false, false, false, false, nil)  // expect: DUR005
}
"#,
            ),
            Case::new(
                "svc/queue_ok.go",
                r#"
package svc

func Setup(ch *amqp.Channel) {
	ch.QueueDeclare("orders", true, false, false, false, nil)
	ch.QueueDeclare("", false, true, true, false, nil)
}
"#,
            ),
            Case::new(
                "src/main/java/app/Queues.java",
                r#"
package app;

class Queues {
  void setup(Channel channel) throws Exception {
    channel.queueDeclare("orders", false, false, false, null);  // expect: DUR005
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/QueuesOk.java",
                r#"
package app;

class QueuesOk {
  void setup(Channel channel) throws Exception {
    channel.queueDeclare("orders", true, false, false, null);
  }
}
"#,
            ),
            Case::new(
                "server/queue_ok.ts",
                r#"
import amqp from 'amqplib';
import express from 'express';

export async function setup(ch: amqp.Channel) {
  await ch.assertQueue('orders', { durable: true });
  await ch.assertQueue('', { exclusive: true });
}
"#,
            ),
        ]
    }
}
