//! IDM003 insert-without-conflict-in-retried-context.

use super::contexts::{self, Retried};
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
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
                .is_some_and(|a| a.kind() == "object_creation_expression");
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
            let is_model = arg.kind() == "call"
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
                    p.kind(),
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
    (call.kind() == "new_expression" && cx.callee_name(call) == "Worker")
        .then_some(Retried::Consumer)
}

impl Rule for InsertWithoutConflict {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self, lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Python => &["call"],
            Lang::Go | Lang::TypeScript | Lang::JavaScript => &["call_expression"],
            Lang::Java => &["method_invocation"],
            _ => &[],
        }
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
            Case::fail(
                "app/payments.py",
                "from celery import shared_task\nfrom sqlalchemy import insert\nfrom tenacity import retry, stop_after_attempt\n\n@shared_task(autoretry_for=(Exception,), max_retries=5)\ndef record(event):\n    Payment.objects.create(provider_id=event['id'])\n    db.execute(\"INSERT INTO ledger (id, amount) VALUES (%s, %s)\", (event['id'], event['amount']))\n\n@retry(stop=stop_after_attempt(3))\ndef store(row):\n    session.add(Payment(**row))\n    session.execute(insert(Ledger).values(**row))\n\ndef on_message(ch, method, props, body):\n    events.insert_one({'body': body})\n\nchannel.basic_consume(queue='payments', on_message_callback=on_message)\n",
                &[7, 8, 12, 13, 16],
            ),
            Case::pass(
                "app/ok.py",
                "from celery import shared_task\nfrom sqlalchemy.dialects.postgresql import insert\n\n@shared_task(autoretry_for=(Exception,), max_retries=5)\ndef record(event):\n    Payment.objects.get_or_create(provider_id=event['id'])\n    db.execute(\"INSERT INTO ledger (id) VALUES (%s) ON CONFLICT (id) DO NOTHING\", (event['id'],))\n    session.execute(insert(Ledger).values(id=event['id']).on_conflict_do_nothing())\n\ndef once(event):\n    Payment.objects.create(provider_id=event['id'])\n",
            ),
            // A `callback=` keyword on something that is not a broker call (a form
            // field, a UI widget) does not make the function a queue consumer.
            Case::pass(
                "app/forms.py",
                "from fastapi import Form\n\ndef save_order(order):\n    events.insert_one({'order': order})\n\nfield = Form(callback=save_order)\n",
            ),
            Case::fail(
                "app/mqtt.py",
                "def on_message(client, userdata, msg):\n    events.insert_one({'body': msg.payload})\n\nclient.on_message = on_message\n",
                &[2],
            ),
            Case::fail(
                "svc/webhooks.go",
                "package svc\n\nimport \"net/http\"\n\nfunc StripeWebhook(w http.ResponseWriter, r *http.Request) {\n\tdb.Exec(\"INSERT INTO payments (id) VALUES ($1)\", id)\n}\n",
                &[6],
            ),
            Case::fail(
                "svc/consumer.go",
                "package svc\n\nimport \"github.com/IBM/sarama\"\n\nfunc handle(msg *sarama.ConsumerMessage) error {\n\t_, err := db.Exec(\"INSERT INTO payments (id) VALUES ($1)\", msg.Key)\n\treturn err\n}\n\nfunc onOrder(m *nats.Msg) {\n\tdb.Exec(\"INSERT INTO orders (id) VALUES ($1)\", m.Data)\n}\n",
                &[6, 11],
            ),
            Case::pass(
                "svc/consumer_ok.go",
                "package svc\n\nimport \"github.com/IBM/sarama\"\n\nfunc handle(msg *sarama.ConsumerMessage) error {\n\t_, err := db.Exec(\"INSERT INTO payments (id) VALUES ($1) ON CONFLICT (id) DO NOTHING\", msg.Key)\n\treturn err\n}\n\nfunc record(p Payment) {\n\tdb.Exec(\"INSERT INTO payments (id) VALUES ($1)\", p.ID)\n}\n",
            ),
            Case::fail(
                "app/consumer.py",
                "from kafka import KafkaConsumer\n\ndef run():\n    consumer = KafkaConsumer('payments')\n    for msg in consumer:\n        db.execute(\"INSERT INTO payments (id) VALUES (%s)\", (msg.key,))\n\ndef drain(sqs):\n    while True:\n        resp = sqs.receive_message(QueueUrl=URL)\n        for m in resp.get('Messages', []):\n            Payment.objects.create(provider_id=m['MessageId'])\n",
                &[6, 12],
            ),
            Case::pass(
                "app/consumer_ok.py",
                "from kafka import KafkaConsumer\n\ndef run():\n    consumer = KafkaConsumer('payments')\n    for msg in consumer:\n        db.execute(\"INSERT INTO payments (id) VALUES (%s) ON CONFLICT (id) DO NOTHING\", (msg.key,))\n\ndef load(rows):\n    while rows:\n        Payment.objects.create(provider_id=rows.pop())\n",
            ),
            Case::pass(
                "svc/ok.go",
                "package svc\n\nimport \"net/http\"\n\nfunc StripeWebhook(w http.ResponseWriter, r *http.Request) {\n\tdb.Exec(\"INSERT INTO payments (id) VALUES ($1) ON CONFLICT (id) DO NOTHING\", id)\n}\n\nfunc CreateOrder(w http.ResponseWriter, r *http.Request) {\n\tdb.Exec(\"INSERT INTO orders (id) VALUES ($1)\", id)\n}\n",
            ),
            Case::fail(
                "server/webhooks.ts",
                "import express from 'express';\nimport { Worker } from 'bullmq';\n\nconst app = express();\napp.post('/webhooks/stripe', async (req, res) => {\n  await prisma.payment.create({ data: { id: req.body.id } });\n  res.sendStatus(200);\n});\nnew Worker('emails', async (job) => {\n  await prisma.email.create({ data: job.data });\n});\n",
                &[6, 10],
            ),
            Case::pass(
                "server/ok.ts",
                "import express from 'express';\n\nconst app = express();\napp.post('/webhooks/stripe', async (req, res) => {\n  await prisma.payment.upsert({ where: { id: req.body.id }, create: { id: req.body.id }, update: {} });\n  res.sendStatus(200);\n});\napp.post('/orders', async (req, res) => {\n  await prisma.order.create({ data: req.body });\n});\n",
            ),
            Case::fail(
                "src/main/java/app/Payments.java",
                "package app;\n\nclass Payments {\n  @KafkaListener(topics = \"payments\")\n  void on(PaymentEvent e) {\n    paymentRepository.save(new Payment(e.id(), e.amount()));\n  }\n\n  @Retryable\n  void record(PaymentEvent e) {\n    jdbcTemplate.update(\"INSERT INTO ledger (id, amount) VALUES (?, ?)\", e.id(), e.amount());\n  }\n}\n",
                &[6, 11],
            ),
            Case::pass(
                "src/main/java/app/PaymentsOk.java",
                "package app;\n\nclass PaymentsOk {\n  @KafkaListener(topics = \"payments\")\n  void on(PaymentEvent e) {\n    jdbcTemplate.update(\"INSERT INTO ledger (id) VALUES (?) ON CONFLICT (id) DO NOTHING\", e.id());\n    paymentRepository.save(existing);\n  }\n\n  void create(Order o) {\n    orderRepository.save(new Order(o.id()));\n  }\n}\n",
            ),
        ]
    }
}
