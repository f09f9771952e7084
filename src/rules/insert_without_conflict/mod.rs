//! IDM003 insert-without-conflict-in-retried-context.

use super::contexts::{self, Retried};
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct InsertWithoutConflict;

static META: Meta = Meta {
    id: "IDM003",
    name: "insert-without-conflict-in-retried-context",
    pillar: Pillar::Idempotency,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java],
    refs: &["000", "C7", "TEST-RR-R03"],
    title: "Plain insert in code that is retried",
    preview: true,
    docs: Docs {
        what: "Flags a plain insert inside code that runs again after a failure — a function under \
a retry decorator, a Celery task that retries, a Dramatiq actor, a Temporal activity, a queue \
consumer callback or BullMQ worker (HIGH), a webhook handler (route path with `webhook`, HIGH): raw \
SQL `INSERT INTO` without `ON CONFLICT`/`ON DUPLICATE KEY`/`INSERT IGNORE`/`OR IGNORE`/`OR \
REPLACE`/`MERGE`; SQLAlchemy `insert(...)` without `on_conflict_do_*`; `session.add(Model(...))`; \
Django `Model.objects.create(...)`; Mongo `insert_one`; Prisma/TypeORM/Sequelize `.create(`/\
`.insert(`. Not flagged: `get_or_create`, `update_or_create`, `upsert`, `merge`, `ON CONFLICT`.",
        why: "Retried code runs twice by design: a task times out after committing, a consumer \
crashes before acking, a webhook sender never saw your 200. A plain insert then creates the row \
twice — duplicate orders, payments, emails — unless a unique key or an upsert makes the second run \
converge.",
        example: "@shared_task(autoretry_for=(Exception,), max_retries=5)\ndef record_payment(event):\n    Payment.objects.create(provider_id=event[\"id\"], amount=event[\"amount\"])",
        use_instead: "@shared_task(autoretry_for=(Exception,), max_retries=5)\ndef record_payment(event):\n    Payment.objects.get_or_create(provider_id=event[\"id\"], defaults={\"amount\": event[\"amount\"]})",
    },
};

const CONFLICT: &[&str] = &[
    "ON CONFLICT",
    "ON DUPLICATE KEY",
    "INSERT IGNORE",
    "OR IGNORE",
    "OR REPLACE",
    "MERGE ",
];

/// What kind of plain insert `node` is, if it is one.
fn plain_insert(cx: &Cx, node: Node) -> Option<String> {
    let name = cx.callee_name(node);
    let call = cx.call(node)?;
    let receiver = if call.callee.id() == call.node.id() {
        // A Java invocation: the receiver is its `object`.
        node.field("object").map_or("", |o| cx.text(o))
    } else {
        cx.text(call.callee)
            .rsplit_once(['.', ':'])
            .map_or("", |(r, _)| r)
    };
    let args: String = call
        .args
        .iter()
        .map(|a| cx.text(a.value))
        .collect::<Vec<_>>()
        .join(" ");
    let upper = args.to_ascii_uppercase();
    match name {
        // `jdbcTemplate.update("INSERT …")` runs SQL too.
        "update" if cx.m.lang == Lang::Java && receiver.to_ascii_lowercase().contains("jdbc") => {
            (upper.contains("INSERT INTO") && !CONFLICT.iter().any(|c| upper.contains(c)))
                .then(|| "`INSERT INTO` without `ON CONFLICT`".to_string())
        }
        // JPA `repository.save(new Payment(…))`: a new entity is an insert.
        "save" | "persist" if cx.m.lang == Lang::Java => {
            let new_entity = call
                .positional(0)
                .is_some_and(|a| a.kind_name() == "object_creation_expression");
            let r = receiver.to_ascii_lowercase();
            (new_entity && (r.contains("repo") || r.contains("entitymanager") || r == "em"))
                .then(|| format!("`{receiver}.{name}(new …)`"))
        }
        "execute" | "exec" | "Exec" | "ExecContext" | "query" | "raw" | "executemany" => {
            (upper.contains("INSERT INTO") && !CONFLICT.iter().any(|c| upper.contains(c)))
                .then(|| "`INSERT INTO` without `ON CONFLICT`".to_string())
        }
        "insert"
            if call
                .target
                .as_deref()
                .is_some_and(|t| t.starts_with("sqlalchemy")) =>
        {
            let stmt = statement_text(cx, node);
            (!stmt.contains("on_conflict_do") && !stmt.contains("prefix_with("))
                .then(|| "SQLAlchemy `insert(...)` without `on_conflict_do_*`".to_string())
        }
        "add"
            if matches!(
                receiver,
                "session" | "db" | "db.session" | "self.session" | "s"
            ) =>
        {
            let arg = call.positional(0)?;
            let is_model = arg.kind_name() == "call"
                && cx
                    .callee_name(arg)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
            is_model.then(|| format!("`{}.add({}(...))`", receiver, cx.callee_name(arg)))
        }
        "create" if receiver.ends_with(".objects") => Some(format!("`{receiver}.create(...)`")),
        "insert_one" | "insertOne" | "insert_many" | "insertMany" => Some(format!("`{name}(...)`")),
        "create" | "insert" | "createMany" if cx.m.lang != Lang::Python => {
            let r = receiver.to_ascii_lowercase();
            let store = r.starts_with("prisma.")
                || r.contains("repository")
                || r.contains("repo")
                || receiver.chars().next().is_some_and(char::is_uppercase);
            store.then(|| format!("`{receiver}.{name}(...)`"))
        }
        _ => None,
    }
}

/// The text of the statement around an expression (a few levels up).
fn statement_text<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> &'t str {
    let mut n = node;
    for _ in 0..8 {
        match n.parent() {
            Some(p)
                if !matches!(
                    p.kind_name(),
                    "expression_statement" | "assignment" | "return_statement" | "block"
                ) =>
            {
                n = p
            }
            _ => break,
        }
    }
    cx.text(n)
}

/// TS/Go: a webhook route callback, or a BullMQ `new Worker(…, processor)`.
fn script_context(cx: &Cx) -> Option<Retried> {
    let f = cx.function()?;
    if contexts::consumes_messages(cx, f) {
        return Some(Retried::Consumer);
    }
    if cx.m.lang == Lang::Go {
        return (f.is_handler && f.name.to_ascii_lowercase().contains("webhook"))
            .then_some(Retried::Webhook);
    }
    let call = f.node.parent().and_then(|args| args.parent())?;
    let first_arg = call
        .field("arguments")
        .and_then(|a| a.named_child(0))
        .map(|a| cx.text(a))
        .unwrap_or("");
    if f.is_handler && first_arg.to_ascii_lowercase().contains("webhook") {
        return Some(Retried::Webhook);
    }
    (call.kind_name() == "new_expression" && cx.callee_name(call) == "Worker")
        .then_some(Retried::Consumer)
}

impl Rule for InsertWithoutConflict {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        if !matches!(
            cx.callee_name(node),
            "execute"
                | "exec"
                | "Exec"
                | "ExecContext"
                | "query"
                | "raw"
                | "executemany"
                | "insert"
                | "add"
                | "create"
                | "insert_one"
                | "insertOne"
                | "insert_many"
                | "insertMany"
                | "createMany"
                | "save"
                | "persist"
                | "update"
        ) {
            return;
        }
        let context = match cx.m.lang {
            Lang::Python | Lang::Java => cx.function().and_then(|f| contexts::retried(cx, f)),
            _ => script_context(cx),
        };
        let Some(context) = context else { return };
        let Some(what) = plain_insert(cx, node) else {
            return;
        };
        let diag = Diag::new(
            node,
            format!("{what} runs {}: a second run inserts the row again.", context.describe()),
            "The retry or redelivery that this code is built for creates duplicate rows — orders, payments, emails — instead of converging on one.",
            "Make the write converge: an upsert (`INSERT … ON CONFLICT (key) DO NOTHING`, `on_conflict_do_nothing`, `get_or_create`, `upsert`) on a unique business key.",
        );
        out.push(if context.is_redelivery() {
            diag.severity(Severity::High)
        } else {
            diag
        });
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            Case::new(
                "app/payments.py",
                r#"
from celery import shared_task
from sqlalchemy import insert
from tenacity import retry, stop_after_attempt

@shared_task(autoretry_for=(Exception,), max_retries=5)
def record(event):
    Payment.objects.create(provider_id=event['id'])  # expect: IDM003
    db.execute("INSERT INTO ledger (id, amount) VALUES (%s, %s)", (event['id'], event['amount']))  # expect: IDM003

@retry(stop=stop_after_attempt(3))
def store(row):
    session.add(Payment(**row))  # expect: IDM003
    session.execute(insert(Ledger).values(**row))  # expect: IDM003

def on_message(ch, method, props, body):
    events.insert_one({'body': body})  # expect: IDM003

channel.basic_consume(queue='payments', on_message_callback=on_message)
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
from celery import shared_task
from sqlalchemy.dialects.postgresql import insert

@shared_task(autoretry_for=(Exception,), max_retries=5)
def record(event):
    Payment.objects.get_or_create(provider_id=event['id'])
    db.execute("INSERT INTO ledger (id) VALUES (%s) ON CONFLICT (id) DO NOTHING", (event['id'],))
    session.execute(insert(Ledger).values(id=event['id']).on_conflict_do_nothing())

def once(event):
    Payment.objects.create(provider_id=event['id'])
"#,
            ),
            // A `callback=` keyword on something that is not a broker call (a form
            // field, a UI widget) does not make the function a queue consumer.
            Case::new(
                "app/forms.py",
                r#"
from fastapi import Form

def save_order(order):
    events.insert_one({'order': order})

field = Form(callback=save_order)
"#,
            ),
            Case::new(
                "app/mqtt.py",
                r#"
def on_message(client, userdata, msg):
    events.insert_one({'body': msg.payload})  # expect: IDM003

client.on_message = on_message
"#,
            ),
            Case::new(
                "svc/webhooks.go",
                r#"
package svc

import "net/http"

func StripeWebhook(w http.ResponseWriter, r *http.Request) {
	db.Exec("INSERT INTO payments (id) VALUES ($1)", id)  // expect: IDM003
}
"#,
            ),
            Case::new(
                "svc/consumer.go",
                r#"
package svc

import "github.com/IBM/sarama"

func handle(msg *sarama.ConsumerMessage) error {
	_, err := db.Exec("INSERT INTO payments (id) VALUES ($1)", msg.Key)  // expect: IDM003
	return err
}

func onOrder(m *nats.Msg) {
	db.Exec("INSERT INTO orders (id) VALUES ($1)", m.Data)  // expect: IDM003
}
"#,
            ),
            Case::new(
                "svc/consumer_ok.go",
                r#"
package svc

import "github.com/IBM/sarama"

func handle(msg *sarama.ConsumerMessage) error {
	_, err := db.Exec("INSERT INTO payments (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", msg.Key)
	return err
}

func record(p Payment) {
	db.Exec("INSERT INTO payments (id) VALUES ($1)", p.ID)
}
"#,
            ),
            Case::new(
                "app/consumer.py",
                r#"
from kafka import KafkaConsumer

def run():
    consumer = KafkaConsumer('payments')
    for msg in consumer:
        db.execute("INSERT INTO payments (id) VALUES (%s)", (msg.key,))  # expect: IDM003

def drain(sqs):
    while True:
        resp = sqs.receive_message(QueueUrl=URL)
        for m in resp.get('Messages', []):
            Payment.objects.create(provider_id=m['MessageId'])  # expect: IDM003
"#,
            ),
            Case::new(
                "app/consumer_ok.py",
                r#"
from kafka import KafkaConsumer

def run():
    consumer = KafkaConsumer('payments')
    for msg in consumer:
        db.execute("INSERT INTO payments (id) VALUES (%s) ON CONFLICT (id) DO NOTHING", (msg.key,))

def load(rows):
    while rows:
        Payment.objects.create(provider_id=rows.pop())
"#,
            ),
            Case::new(
                "svc/ok.go",
                r#"
package svc

import "net/http"

func StripeWebhook(w http.ResponseWriter, r *http.Request) {
	db.Exec("INSERT INTO payments (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", id)
}

func CreateOrder(w http.ResponseWriter, r *http.Request) {
	db.Exec("INSERT INTO orders (id) VALUES ($1)", id)
}
"#,
            ),
            Case::new(
                "server/webhooks.ts",
                r#"
import express from 'express';
import { Worker } from 'bullmq';

const app = express();
app.post('/webhooks/stripe', async (req, res) => {
  await prisma.payment.create({ data: { id: req.body.id } });  // expect: IDM003
  res.sendStatus(200);
});
new Worker('emails', async (job) => {
  await prisma.email.create({ data: job.data });  // expect: IDM003
});
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

const app = express();
app.post('/webhooks/stripe', async (req, res) => {
  await prisma.payment.upsert({ where: { id: req.body.id }, create: { id: req.body.id }, update: {} });
  res.sendStatus(200);
});
app.post('/orders', async (req, res) => {
  await prisma.order.create({ data: req.body });
});
"#,
            ),
            Case::new(
                "src/main/java/app/Payments.java",
                r#"
package app;

class Payments {
  @KafkaListener(topics = "payments")
  void on(PaymentEvent e) {
    paymentRepository.save(new Payment(e.id(), e.amount()));  // expect: IDM003
  }

  @Retryable
  void record(PaymentEvent e) {
    jdbcTemplate.update("INSERT INTO ledger (id, amount) VALUES (?, ?)", e.id(), e.amount());  // expect: IDM003
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/PaymentsOk.java",
                r#"
package app;

class PaymentsOk {
  @KafkaListener(topics = "payments")
  void on(PaymentEvent e) {
    jdbcTemplate.update("INSERT INTO ledger (id) VALUES (?) ON CONFLICT (id) DO NOTHING", e.id());
    paymentRepository.save(existing);
  }

  void create(Order o) {
    orderRepository.save(new Order(o.id()));
  }
}
"#,
            ),
        ]
    }
}
