//! DUR004 ack-before-persist.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::model::writes;
use crate::semantic::descendants;
use crate::semantic::fields::Field;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct AckBeforePersist;

static META: Meta = Meta {
    id: "DUR004",
    name: "ack-before-persist",
    pillar: Pillar::Durability,
    severity: Severity::High,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java],
    refs: &["000", "TEST-RR-Q02"],
    title: "Message is acknowledged before its work is done",
    preview: true,
    docs: Docs {
        what: "Flags a consumer that acknowledges a message before its work is done: \
`ch.basic_ack`, `message.ack()`, `msg.Ack()`, `channel.ack(msg)`, `consumer.commit()`, \
`sqs.delete_message(...)` appearing before the handler's writes or processing calls (a database \
or object-store write, a publish, an outbound request, a `process…`/`handle…` call) in the same \
function; and Kafka consumers configured with `enable_auto_commit=True` or \
`\"enable.auto.commit\": true` (MEDIUM: at-most-once delivery).",
        why: "The ack tells the broker the message is safe to forget. Acked first, the message is \
gone the moment the work fails or the process dies: the order is never saved, the email never \
sent, and no redelivery will ever come.",
        example: "def on_message(ch, method, props, body):\n    ch.basic_ack(delivery_tag=method.delivery_tag)\n    save_order(json.loads(body))",
        use_instead: "def on_message(ch, method, props, body):\n    save_order(json.loads(body))\n    ch.basic_ack(delivery_tag=method.delivery_tag)",
    },
};

const ACKS: &[&str] = &[
    "basic_ack",
    "basicAck",
    "commitSync",
    "ack",
    "Ack",
    "commit",
    "delete_message",
    "deleteMessage",
    "DeleteMessage",
    "acknowledge",
];

/// Work that must finish before the ack: a write, a publish, an outbound call,
/// or handing the message to a `process…`/`handle…`/`save…` function.
fn is_work(cx: &Cx, node: Node) -> bool {
    let Some(call) = cx.call(node) else {
        return false;
    };
    if writes::write_kind(cx.m, &call).is_some() {
        return true;
    }
    let name = cx.callee_name(node).to_ascii_lowercase();
    [
        "process", "handle", "save", "store", "persist", "insert", "fulfil", "charge",
    ]
    .iter()
    .any(|w| name.starts_with(w))
        || crate::model::interaction::http_request(cx, node)
            .is_some_and(|r| r.mutates() || matches!(r.verb.as_str(), "urlopen" | "fetch"))
}

impl Rule for AckBeforePersist {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call, Event::Entry]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        if cx.event == Event::Entry {
            let key = node
                .field("name")
                .or_else(|| node.field("key"))
                .map(|k| cx.text(k))
                .unwrap_or("");
            let value = node
                .field("value")
                .map(|v| cx.text(v).trim_matches(['"', '\'']))
                .unwrap_or("");
            let auto = matches!(
                key.trim_matches(['"', '\'']),
                "enable_auto_commit" | "enable.auto.commit"
            ) && matches!(value, "True" | "true");
            if auto {
                out.push(
                    Diag::new(
                        node,
                        format!("`{}` commits offsets on a timer, whether or not the messages were processed.", cx.snippet(node, 40)),
                        "A consumer that crashes after the auto-commit but before finishing its batch skips those messages for good: at-most-once delivery.",
                        "Set auto-commit off and commit each offset after its message is processed (`consumer.commit(message)`), with idempotent processing for the redeliveries.",
                    )
                    .severity(Severity::Medium),
                );
            }
            return;
        }
        let name = cx.callee_name(node);
        if !ACKS.contains(&name) {
            return;
        }
        let Some(call) = cx.call(node) else { return };
        let receiver = cx
            .text(call.callee)
            .rsplit_once('.')
            .map_or("", |(r, _)| r)
            .to_ascii_lowercase();
        // `session.commit()` is a database commit, not a message ack.
        let is_ack = match name {
            "commit" => receiver.contains("consumer"),
            "ack" | "Ack" | "basic_ack" | "basicAck" | "acknowledge" | "commitSync" => {
                !receiver.is_empty()
            }
            _ => {
                receiver.contains("sqs")
                    || receiver.contains("queue")
                    || receiver.contains("client")
            }
        };
        if !is_ack {
            return;
        }
        let Some(f) = cx.function() else { return };
        let after =
            descendants(f.node).find(|d| d.start_byte() > node.end_byte() && is_work(cx, *d));
        let Some(work) = after else { return };
        out.push(Diag::new(
            node,
            format!(
                "`{}` acknowledges the message before `{}` (line {}) has done its work.",
                cx.call_label(&call),
                cx.snippet(work, 40),
                work.start_position().row + 1
            ),
            "If the work fails or the process dies after the ack, the broker has already forgotten the message: the work is lost and never redelivered.",
            "Acknowledge last, after the work succeeded (and make the work idempotent, since a crash before the ack redelivers it).",
        ));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            Case::new(
                "worker/consume.py",
                r#"
import json
from kafka import KafkaConsumer

consumer = KafkaConsumer('orders', enable_auto_commit=True)  # expect: DUR004

def on_message(ch, method, props, body):
    ch.basic_ack(delivery_tag=method.delivery_tag)  # expect: DUR004
    save_order(json.loads(body))

def poll(sqs):
    for m in sqs.receive_message(QueueUrl=Q)['Messages']:
        sqs.delete_message(QueueUrl=Q, ReceiptHandle=m['ReceiptHandle'])  # expect: DUR004
        Order.objects.create(**json.loads(m['Body']))
"#,
            ),
            Case::new(
                "worker/ok.py",
                r#"
import json

def on_message(ch, method, props, body):
    save_order(json.loads(body))
    ch.basic_ack(delivery_tag=method.delivery_tag)

def tx(session, row):
    session.commit()
    session.add(row)
"#,
            ),
            Case::new(
                "svc/consume.go",
                r#"
package svc

func Handle(msg *nats.Msg) {
	msg.Ack()  // expect: DUR004
	db.Exec("INSERT INTO orders (id) VALUES ($1)", id)
}
"#,
            ),
            Case::new(
                "svc/ok.go",
                r#"
package svc

func Handle(msg *nats.Msg) error {
	if _, err := db.Exec("INSERT INTO orders (id) VALUES ($1) ON CONFLICT DO NOTHING", id); err != nil {
		return err
	}
	return msg.Ack()
}
"#,
            ),
            Case::new(
                "src/main/java/app/Consumer.java",
                r#"
package app;

class Consumer {
  void handle(Channel channel, Delivery d) throws Exception {
    channel.basicAck(d.getEnvelope().getDeliveryTag(), false);  // expect: DUR004
    orderRepository.save(parse(d.getBody()));
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/ConsumerOk.java",
                r#"
package app;

class ConsumerOk {
  void handle(Channel channel, Delivery d) throws Exception {
    orderRepository.save(parse(d.getBody()));
    channel.basicAck(d.getEnvelope().getDeliveryTag(), false);
  }
}
"#,
            ),
            Case::new(
                "server/consume.ts",
                r#"
import express from 'express';

export async function onMessage(channel: Channel, msg: Message) {
  channel.ack(msg);  // expect: DUR004
  await processOrder(JSON.parse(msg.content.toString()));
}
const config = { 'enable.auto.commit': true };  // expect: DUR004
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

export async function onMessage(channel: Channel, msg: Message) {
  await processOrder(JSON.parse(msg.content.toString()));
  channel.ack(msg);
}
"#,
            ),
        ]
    }
}
