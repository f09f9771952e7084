//! The interaction model: for each client-API row, a snippet per setting state
//! (set, library default, missing, unknown), read from `FileOutcome::interactions`.

use faultline::engine::{Engine, FileMeta, Options};
use faultline::model::interaction::Record;

fn records(path: &str, code: &str) -> Vec<Record> {
    let engine = Engine::new(Options::all_rules(), &[]);
    let meta = FileMeta::for_path(path).unwrap();
    engine.check_source(&meta, code).interactions
}

/// `(line, api id, timeout state)` for every interaction of the client table.
fn interactions(path: &str, code: &str) -> Vec<(usize, &'static str, &'static str)> {
    records(path, code)
        .iter()
        .filter(|r| r.api.contains('.'))
        .map(|r| {
            let t = &r.settings["timeout"];
            let state = match (t.state, &t.value) {
                ("missing", Some(_)) => "disabled",
                (s, _) => s,
            };
            (r.line, r.api, state)
        })
        .collect()
}

#[test]
fn python_rows() {
    let code = "\
import requests, httpx, aiohttp, redis, smtplib, urllib.request
from openai import OpenAI

def f(u, **kw):
    requests.get(u, timeout=5)
    requests.get(u)
    requests.get(u, timeout=None)
    requests.get(u, **kw)
    httpx.get(u)
    httpx.Client(timeout=None)
    aiohttp.ClientSession()
    redis.Redis(socket_timeout=2)
    smtplib.SMTP('mail', 25, None, 10)
    urllib.request.urlopen(u)
    OpenAI()
    OpenAI(timeout=30)
";
    assert_eq!(
        interactions("app/c.py", code),
        [
            (5, "python.requests", "set"),
            (6, "python.requests", "missing"),
            (7, "python.requests", "disabled"),
            (8, "python.requests", "unknown"),
            (9, "python.httpx", "default"),
            (10, "python.httpx.Client", "disabled"),
            (11, "python.aiohttp.ClientSession", "default"),
            (12, "python.redis", "set"),
            (13, "python.socket", "set"),
            (14, "python.urllib.urlopen", "missing"),
            (15, "python.llm", "default"),
            (16, "python.llm", "set"),
        ]
    );
}

#[test]
fn go_rows_and_settings_configured_elsewhere() {
    let code = "\
package svc

import (
\t\"net/http\"
\t\"time\"
)

func F(ctx context.Context, u string, tr http.RoundTripper) {
\thttp.Get(u)
\treq, _ := http.NewRequestWithContext(ctx, \"GET\", u, nil)
\thttp.DefaultClient.Do(req)
\t_ = &http.Client{Timeout: 10 * time.Second}
\t_ = &http.Client{}
\t_ = &http.Client{Transport: tr}
\t_ = &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: time.Second}}
\t_ = &http.Client{Transport: &http.Transport{MaxIdleConns: 10}}
\t_ = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
\t_ = &http.Client{Timeout: 0}
}
";
    assert_eq!(
        interactions("svc/c.go", code),
        [
            (9, "go.net/http.DefaultClient", "missing"),
            (11, "go.net/http.DefaultClient", "unknown"),
            (12, "go.net/http.Client", "set"),
            (13, "go.net/http.Client", "missing"),
            (14, "go.net/http.Client", "unknown"),
            (15, "go.net/http.Client", "set"),
            (16, "go.net/http.Client", "missing"),
            (17, "go.net/http.Client", "missing"),
            (18, "go.net/http.Client", "disabled"),
        ]
    );
}

#[test]
fn ts_rows() {
    let code = "\
import express from 'express';
import axios from 'axios';
import pTimeout from 'p-timeout';

export async function f(init: RequestInit) {
  await fetch('https://x');
  await fetch('https://x', { signal: AbortSignal.timeout(5000) });
  await fetch('https://x', init);
  await pTimeout(fetch('https://x'), { milliseconds: 5000 });
  await axios.get('https://x');
  await axios.get('https://x', { timeout: 5000 });
  axios.create({ baseURL: 'https://x' });
}
";
    assert_eq!(
        interactions("server/c.ts", code),
        [
            (6, "ts.fetch", "default"),
            (7, "ts.fetch", "set"),
            (8, "ts.fetch", "unknown"),
            (9, "ts.fetch", "set"),
            (10, "ts.axios", "missing"),
            (11, "ts.axios", "set"),
            (12, "ts.axios.create", "missing"),
        ]
    );
}

#[test]
fn rust_rows_with_a_deadline_wrapper_and_a_conditional_builder() {
    let code = "\
use std::time::Duration;

async fn f(slow: bool) -> reqwest::Result<()> {
    reqwest::get(\"http://x\").await?;
    tokio::time::timeout(Duration::from_secs(5), reqwest::get(\"http://x\")).await;
    let a = reqwest::Client::new();
    let mut b = reqwest::Client::builder();
    if slow {
        b = b.timeout(Duration::from_secs(60));
    }
    let c = b.build()?;
    let d = reqwest::Client::builder().user_agent(\"x\").build()?;
    Ok(())
}
";
    assert_eq!(
        interactions("src/c.rs", code),
        [
            (4, "rust.reqwest.get", "missing"),
            (5, "rust.reqwest.get", "set"),
            (6, "rust.reqwest.Client::new", "missing"),
            (11, "rust.reqwest.ClientBuilder", "set"),
            (12, "rust.reqwest.ClientBuilder", "missing"),
        ]
    );
}

#[test]
fn jvm_rows() {
    let code = "\
package app;

import java.net.http.HttpClient;
import org.springframework.web.client.RestTemplate;

class C {
  HttpClient a = HttpClient.newHttpClient();
  HttpClient b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  RestTemplate c = new RestTemplate();
  RestTemplate d = new RestTemplate(factory);
}
";
    assert_eq!(
        interactions("src/main/java/app/C.java", code),
        [
            (7, "jvm.java.net.http.HttpClient.newHttpClient", "missing"),
            (8, "jvm.java.net.http.HttpClient.newBuilder", "set"),
            (9, "jvm.spring.RestTemplate", "missing"),
            (10, "jvm.spring.RestTemplate", "unknown"),
        ]
    );
}

#[test]
fn every_row_documents_its_default_and_source() {
    let rows = faultline::model::clients::all();
    assert!(rows.len() >= 20, "{}", rows.len());
    let mut ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "row ids are unique");
    for r in rows {
        assert!(
            !r.default.is_empty() && !r.default_source.is_empty(),
            "{}",
            r.id
        );
        assert!(
            r.missing.contains("`"),
            "{}: the issue names the code",
            r.id
        );
    }
}

/// `(line, kind, target kind, target, operation, function, role)` of every record.
fn crossings(
    path: &str,
    code: &str,
) -> Vec<(usize, String, String, String, String, String, &'static str)> {
    records(path, code)
        .iter()
        .map(|r| {
            let kind = serde_json::to_value(r.kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string();
            (
                r.line,
                kind,
                r.target.kind.to_string(),
                r.target.value.clone(),
                r.operation.clone(),
                r.function.clone(),
                r.role,
            )
        })
        .collect()
}

#[test]
fn every_kind_of_crossing_with_its_target_operation_and_role() {
    let code = "\
import os, requests
from fastapi import FastAPI
from celery import shared_task

app = FastAPI()

@app.post('/orders')
def create(order):
    requests.post(os.environ['BILLING_URL'], json=order, timeout=5)
    db.execute('INSERT INTO orders (id) VALUES (%s)', (order.id,))
    channel.basic_publish(exchange='', routing_key='payments', body=b'x')
    self.http_client.get('https://inventory.internal/stock/1')

@shared_task
def sync(order_id):
    Order.objects.create(id=order_id)
    s3.put_object(Bucket='receipts', Key='r', Body=b'')

async def start(client, order):
    await client.start_workflow(Ship.run, order, id=f'ship-{order.id}', task_queue='ship')

channel.basic_consume(queue='payments', on_message_callback=on_payment)
";
    let got = crossings("app/api.py", code);
    let want: Vec<(usize, &str, &str, &str, &str, &str, &str)> = vec![
        (
            9,
            "sync_rpc",
            "env",
            "BILLING_URL",
            "POST",
            "create",
            "request_handler",
        ),
        (
            10,
            "db_write",
            "table",
            "orders",
            "execute",
            "create",
            "request_handler",
        ),
        (
            11,
            "publish",
            "queue",
            "payments",
            "basic_publish",
            "create",
            "request_handler",
        ),
        (
            12,
            "sync_rpc",
            "url",
            "inventory.internal/stock/1",
            "GET",
            "create",
            "request_handler",
        ),
        // The Celery task consumes its own queue.
        (
            15,
            "consume",
            "queue",
            "celery:sync",
            "consume",
            "sync",
            "background_job",
        ),
        (
            16,
            "db_write",
            "table",
            "Order",
            "create",
            "sync",
            "background_job",
        ),
        (
            17,
            "object_put",
            "url",
            "receipts",
            "put_object",
            "sync",
            "background_job",
        ),
        (
            20,
            "workflow_start",
            "unknown",
            "",
            "start",
            "start",
            "library",
        ),
        (
            22,
            "consume",
            "queue",
            "payments",
            "consume",
            "on_payment",
            "consumer",
        ),
    ];
    let want: Vec<_> = want
        .into_iter()
        .map(|(l, k, tk, t, o, f, r)| {
            (
                l,
                k.to_string(),
                tk.to_string(),
                t.to_string(),
                o.to_string(),
                f.to_string(),
                r,
            )
        })
        .collect();
    assert_eq!(got, want);
    let start = records("app/api.py", code)
        .into_iter()
        .find(|r| r.line == 20)
        .unwrap();
    let key = &start.settings["idempotency_key"];
    assert_eq!(key.state, "set");
    assert_eq!(key.at.as_deref(), Some("app/api.py:20"));
}

#[test]
fn background_workflows_with_trigger_ordered_steps_and_guards() {
    let code = "\
import requests
from celery import shared_task

@shared_task(autoretry_for=(Exception,), max_retries=3)
def sync(order_ids):
    for i in order_ids:
        Order.objects.create(id=i)
    try:
        requests.post('https://erp.internal/sync', json=order_ids, timeout=10)
    except requests.RequestException:
        raise

def on_payment(ch, method, props, body):
    db.execute('INSERT INTO payments (id) VALUES (%s)', (body,))

channel.basic_consume(queue='payments', on_message_callback=on_payment)
";
    let engine = Engine::new(Options::all_rules(), &[]);
    let meta = FileMeta::for_path("app/tasks.py").unwrap();
    let o = engine.check_source(&meta, code);
    type Steps<'a> = Vec<(usize, Vec<&'a str>)>;
    let flows: Vec<(String, &str, String, Steps)> = o
        .workflows
        .iter()
        .map(|w| {
            let steps = w
                .steps
                .iter()
                .map(|&s| (o.interactions[s].line, o.interactions[s].guards.clone()))
                .collect();
            (w.function.clone(), w.role, w.trigger.clone(), steps)
        })
        .collect();
    assert_eq!(
        flows,
        [
            (
                "sync".to_string(),
                "background_job",
                "consume celery:sync".to_string(),
                vec![(7, vec!["loop", "retry"]), (9, vec!["try", "retry"])]
            ),
            (
                "on_payment".to_string(),
                "consumer",
                "consume payments".to_string(),
                vec![(14, vec!["retry"])]
            ),
        ]
    );
}

#[test]
fn consumes_carry_their_ack_mode() {
    let rs = records(
        "worker/consume.py",
        r#"
import pika

def on_payment(ch, method, properties, body):
    pass

def on_refund(ch, method, properties, body):
    pass

channel = pika.BlockingConnection().channel()
channel.basic_consume(queue='payments', on_message_callback=on_payment)
channel.basic_consume(queue='refunds', on_message_callback=on_refund, auto_ack=True)
"#,
    );
    let acks: Vec<(String, &str, Option<String>)> = rs
        .iter()
        .filter(|r| r.operation == "consume")
        .map(|r| {
            let ack = &r.settings["ack"];
            (r.target.value.clone(), ack.state, ack.at.clone())
        })
        .collect();
    assert_eq!(
        acks,
        vec![
            (
                "payments".to_string(),
                "default",
                Some("pika: basic_consume's auto_ack defaults to False".to_string())
            ),
            (
                "refunds".to_string(),
                "set",
                Some("worker/consume.py:12".to_string())
            ),
        ]
    );
    assert!(rs[1].settings["ack"]
        .value
        .as_deref()
        .is_some_and(|v| v.starts_with("auto")));
}

/// Consumers registered by position: amqplib's `channel.consume(queue, cb,
/// { noAck })`, amqp091-go's `ch.Consume(queue, tag, autoAck, …)`, NATS's
/// `nc.Subscribe(subject, handler)`; each with its queue and ack setting.
#[test]
fn consumers_registered_by_position_in_ts_and_go() {
    let consumes = |path: &str, code: &str| -> Vec<(usize, String, String, String, String)> {
        records(path, code)
            .iter()
            .filter(|r| r.operation == "consume")
            .map(|r| {
                let ack = &r.settings["ack"];
                (
                    r.line,
                    r.target.value.clone(),
                    r.function.clone(),
                    ack.state.to_string(),
                    ack.value.clone().unwrap_or_default(),
                )
            })
            .collect()
    };
    let ts = consumes(
        "worker/src/consumer.ts",
        "\
import amqp from 'amqplib';

async function handle(msg) { await save(msg); channel.ack(msg); }

export async function start(channel) {
  await channel.consume('payments', handle);
  await channel.consume('audit', (msg) => log(msg), { noAck: true });
  await channel.consume(queueName, handle);
  stream.consume(chunk => chunk);
}
",
    );
    assert_eq!(ts.len(), 2, "{ts:?}");
    assert_eq!(
        (
            ts[0].0,
            ts[0].1.as_str(),
            ts[0].2.as_str(),
            ts[0].3.as_str()
        ),
        (6, "payments", "handle", "default")
    );
    assert!(ts[0].4.starts_with("manual"), "{ts:?}");
    assert_eq!(
        (ts[1].1.as_str(), ts[1].2.as_str(), ts[1].3.as_str()),
        ("audit", "start", "set")
    );
    assert!(ts[1].4.starts_with("auto"), "{ts:?}");
    let go = consumes(
        "shipping/consumer.go",
        "\
package shipping

func (s *Service) Run(ch *amqp.Channel) error {
	deliveries, err := ch.Consume(\"payments.settled\", \"shipping\", false, false, false, false, nil)
	if err != nil {
		return err
	}
	for d := range deliveries {
		s.ship(d)
		d.Ack(false)
	}
	return nil
}

func (s *Service) Listen(nc *nats.Conn) {
	nc.Subscribe(\"orders.created\", s.onOrder)
	nc.QueueSubscribe(\"orders.paid\", \"workers\", func(m *nats.Msg) { s.paid(m) })
	js.Subscribe(\"orders.shipped\", s.onShipped, nats.ManualAck())
}
",
    );
    assert_eq!(go.len(), 4, "{go:?}");
    assert_eq!(
        (go[0].1.as_str(), go[0].2.as_str(), go[0].3.as_str()),
        ("payments.settled", "Run", "set")
    );
    assert!(go[0].4.starts_with("manual"), "{go:?}");
    // Core NATS: no ack and no redelivery, at most once by the library's design.
    assert_eq!(
        (go[1].1.as_str(), go[1].2.as_str(), go[1].3.as_str()),
        ("orders.created", "onOrder", "default")
    );
    assert!(go[1].4.starts_with("none: core NATS"), "{go:?}");
    assert_eq!(
        (go[2].1.as_str(), go[2].2.as_str()),
        ("orders.paid", "Listen")
    );
    assert!(go[2].4.starts_with("none: core NATS"), "{go:?}");
    assert_eq!(
        (go[3].1.as_str(), go[3].2.as_str(), go[3].3.as_str()),
        ("orders.shipped", "onShipped", "set")
    );
}

/// A consumer that decides by its own wall clock against the message's time
/// carries a `clock` setting; one that times itself on its own clock does not.
#[test]
fn consumers_comparing_the_wall_clock_with_the_message() {
    let clock = |path: &str, code: &str| -> Vec<(String, Option<String>)> {
        records(path, code)
            .iter()
            .filter(|r| r.operation == "consume")
            .map(|r| {
                (
                    r.function.clone(),
                    r.settings.get("clock").and_then(|c| c.at.clone()),
                )
            })
            .collect()
    };
    let py = clock(
        "worker/consumer.py",
        "\
import json, time

def on_order(ch, method, properties, body):
    order = json.loads(body)
    if time.time() - order['placedAt'] > 900:
        return
    save(order)

def on_audit(ch, method, properties, body):
    started = time.time()
    save(body)
    log(time.time() - started)

channel.basic_consume(queue='orders', on_message_callback=on_order)
channel.basic_consume(queue='audit', on_message_callback=on_audit)
",
    );
    assert_eq!(
        py,
        [
            (
                "on_order".to_string(),
                Some("worker/consumer.py:5".to_string())
            ),
            ("on_audit".to_string(), None)
        ]
    );
    let go = clock(
        "worker/consumer.go",
        "\
package worker

func (w *Worker) onToken(m *nats.Msg) {
	t := decode(m.Data)
	if time.Now().After(t.ExpiresAt) {
		return
	}
	w.apply(t)
}

func (w *Worker) Listen(nc *nats.Conn) {
	nc.Subscribe(\"tokens\", w.onToken)
}
",
    );
    assert_eq!(
        go,
        [(
            "onToken".to_string(),
            Some("worker/consumer.go:5".to_string())
        )]
    );
}

/// Kafka subscriptions name their topics where the consumer subscribes; the
/// subscribing function is the consumer, and its offsets' commit is unknown.
#[test]
fn kafka_subscriptions_in_ts_and_python() {
    let subs = |path: &str, code: &str| -> Vec<(String, String, String)> {
        records(path, code)
            .iter()
            .filter(|r| r.operation == "consume")
            .map(|r| {
                (
                    r.target.value.clone(),
                    r.function.clone(),
                    r.settings["ack"].state.to_string(),
                )
            })
            .collect()
    };
    let ts = subs(
        "worker/src/kafka.ts",
        "\
export async function startConsumer(consumer) {
  await consumer.subscribe({ topic: 'orders', fromBeginning: false });
  await consumer.subscribe({ topics: ['refunds', 'chargebacks'] });
  await consumer.subscribe({ topic: topicName });
  await consumer.run({ eachMessage: handle });
}
",
    );
    let owned = |v: &[(&str, &str, &str)]| -> Vec<(String, String, String)> {
        v.iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect()
    };
    assert_eq!(
        ts,
        owned(&[
            ("orders", "startConsumer", "unknown"),
            ("refunds", "startConsumer", "unknown"),
            ("chargebacks", "startConsumer", "unknown"),
        ])
    );
    let py = subs(
        "worker/consume.py",
        "\
from confluent_kafka import Consumer

def run():
    consumer = Consumer(conf)
    consumer.subscribe(['payments'])
    while True:
        msg = consumer.poll(1.0)

def listen(r):
    r.pubsub().subscribe('alerts')
",
    );
    assert_eq!(py, owned(&[("payments", "run", "unknown")]));
}

/// A Kafka producer's `send` is a publish to its topic; a response's or a
/// socket's `send` is not.
#[test]
fn kafka_producer_sends_are_publishes() {
    let publishes = |path: &str, code: &str| -> Vec<(usize, String)> {
        records(path, code)
            .iter()
            .filter(|r| r.operation == "send")
            .map(|r| (r.line, r.target.value.clone()))
            .collect()
    };
    assert_eq!(
        publishes(
            "api/src/orders.ts",
            "\
export async function create(req, res, producer) {
  await producer.send({ topic: 'orders', messages: [{ value: '1' }] });
  this.kafkaProducer.send({ topic: 'audit', messages: [] });
  socket.send('hello');
  res.send({ ok: true });
}
",
        ),
        [(2, "orders".to_string()), (3, "audit".to_string())]
    );
    assert_eq!(
        publishes(
            "api/orders.py",
            "\
def create(producer, session, req):
    producer.send('orders', value=b'1')
    session.send(req)
",
        ),
        [(2, "orders".to_string())]
    );
}

/// Reading a web framework's session, a response's JSON or headers, or a log
/// named for HTTP is no request; a client session's `get` is.
#[test]
fn dict_reads_are_not_requests() {
    let rpcs: Vec<usize> = records(
        "app/views.py",
        "\
import requests

class ClaimView:
    def form_valid(self, form):
        token = self.request.session.get('token')
        cart = request.session.get('cart')
        response = requests.post('https://graph.example.com/oauth', data={}, timeout=5)
        response_json = response.json()
        page = response_json.get('paging', {}).get('next')
        kind = response.json().get('type')
        ctype = response.headers.get('content-type')
        status = http_log.get('status')
        other = self.session.get('https://api.example.com/me')
",
    )
    .iter()
    .filter(|r| r.operation == "GET" || r.operation == "POST")
    .map(|r| r.line)
    .collect();
    assert_eq!(rpcs, [7, 13]);
}

/// NATS's connection publishes by its conventional name; an event bus does not.
#[test]
fn nats_publishes() {
    let publishes: Vec<(usize, String)> = records(
        "orders/publish.go",
        "\
package orders

func Created(nc *nats.Conn, bus *events.Bus, id string) {
	nc.Publish(\"orders.created\", []byte(id))
	bus.Publish(\"orders.created\", id)
}
",
    )
    .iter()
    .filter(|r| r.operation == "Publish")
    .map(|r| (r.line, r.target.value.clone()))
    .collect();
    assert_eq!(publishes, [(4, "orders.created".to_string())]);
}

/// `send_message` is a queue's only where the receiver or the arguments name
/// one: SQS by its client or `QueueUrl`, not a mail client or a chat SDK.
#[test]
fn send_message_is_a_publish_only_to_a_queue() {
    let publishes: Vec<usize> = records(
        "app/notify.py",
        "\
import boto3
import smtplib

def notify(order, msg):
    sqs = boto3.client('sqs')
    sqs.send_message(QueueUrl=QUEUE, MessageBody=order.id)
    client.send_message(QueueUrl=QUEUE, MessageBody=order.id)
    with smtplib.SMTP('mail.example.com', timeout=10) as smtp:
        smtp.send_message(msg)
    client.send_message(msg)
    slack.send_message(channel, msg)
",
    )
    .iter()
    .filter(|r| r.kind == faultline::model::interaction::Kind::Publish)
    .map(|r| r.line)
    .collect();
    assert_eq!(publishes, [6, 7]);
}

/// A JetStream subscription without `nats.ManualAck()` is acked by nats.go
/// when its handler returns (at-least-once); a queue group is recorded.
#[test]
fn jetstream_and_queue_groups() {
    let rs = records(
        "shipping/listen.go",
        "\
package shipping

func (s *Service) Listen(nc *nats.Conn, js nats.JetStreamContext) {
	js.Subscribe(\"orders.shipped\", s.onShipped)
	nc.QueueSubscribe(\"orders.paid\", \"packers\", s.onPaid)
}
",
    );
    let consumes: Vec<(String, String, Option<String>)> = rs
        .iter()
        .filter(|r| r.operation == "consume")
        .map(|r| {
            (
                r.target.value.clone(),
                r.settings["ack"].value.clone().unwrap_or_default(),
                r.settings.get("group").and_then(|g| g.value.clone()),
            )
        })
        .collect();
    assert_eq!(consumes.len(), 2, "{consumes:?}");
    assert_eq!(consumes[0].0, "orders.shipped");
    assert!(
        consumes[0].1.starts_with("manual: nats.go acks"),
        "{consumes:?}"
    );
    assert_eq!(consumes[0].2, None);
    assert_eq!(consumes[1].0, "orders.paid");
    assert!(consumes[1].1.starts_with("none: core NATS"), "{consumes:?}");
    assert_eq!(consumes[1].2.as_deref(), Some("packers"));
}

/// gRPC calls through generated clients: the method's path is the target and
/// the deadline is the context's (Go) or `timeout=` (Python).
#[test]
fn grpc_calls_with_their_deadlines() {
    let go = records(
        "checkout/main.go",
        "\
package main

import (
	\"context\"
	\"time\"

	pb \"example.com/shop/genproto\"
)

type checkout struct {
	cartClient pb.CartServiceClient
}

func newCheckout(conn *grpc.ClientConn) *checkout {
	return &checkout{cartClient: pb.NewCartServiceClient(conn)}
}

func (c *checkout) quote(ctx context.Context, conn *grpc.ClientConn) error {
	shipping := pb.NewShippingServiceClient(conn)
	tctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if _, err := shipping.GetQuote(tctx, &pb.GetQuoteRequest{}); err != nil {
		return err
	}
	if _, err := c.cartClient.GetCart(ctx, &pb.GetCartRequest{}); err != nil {
		return err
	}
	_, err := pb.NewCurrencyServiceClient(conn).Convert(context.TODO(), &pb.CurrencyConversionRequest{})
	return err
}
",
    );
    let grpc_rows = |rs: &[Record]| -> Vec<(usize, String, &'static str)> {
        rs.iter()
            .filter(|r| r.api == "grpc")
            .map(|r| (r.line, r.target.value.clone(), r.settings["timeout"].state))
            .collect()
    };
    assert_eq!(
        grpc_rows(&go),
        [
            (22, "/ShippingService/GetQuote".to_string(), "set"),
            (25, "/CartService/GetCart".to_string(), "unknown"),
            (28, "/CurrencyService/Convert".to_string(), "missing"),
        ]
    );
    let py = records(
        "recommendation/server.py",
        "\
import grpc
import demo_pb2
import demo_pb2_grpc

channel = grpc.insecure_channel(CATALOG_ADDR)
catalog = demo_pb2_grpc.ProductCatalogServiceStub(channel)

def recommend(request):
    products = catalog.ListProducts(demo_pb2.Empty())
    ads = catalog.GetProduct(demo_pb2.GetProductRequest(id=request.id), timeout=2.0)
    return products, ads
",
    );
    assert_eq!(
        grpc_rows(&py),
        [
            (
                9,
                "/ProductCatalogService/ListProducts".to_string(),
                "missing"
            ),
            (10, "/ProductCatalogService/GetProduct".to_string(), "set"),
        ]
    );
}

/// A Temporal start whose options are bound a few lines above: the ID is read
/// there, an options literal without one is missing, options from elsewhere
/// are unknown.
#[test]
fn workflow_options_bound_above_the_start() {
    let rs = records(
        "starter/main.go",
        "\
package starter

func Start(ctx context.Context, c client.Client, order Order, opts client.StartWorkflowOptions) error {
	options := client.StartWorkflowOptions{
		ID:        \"order-\" + order.ID,
		TaskQueue: \"orders\",
	}
	if _, err := c.ExecuteWorkflow(ctx, options, OrderWorkflow, order); err != nil {
		return err
	}
	random := client.StartWorkflowOptions{TaskQueue: \"orders\"}
	if _, err := c.ExecuteWorkflow(ctx, random, OrderWorkflow, order); err != nil {
		return err
	}
	_, err := c.ExecuteWorkflow(ctx, opts, OrderWorkflow, order)
	return err
}
",
    );
    let keys: Vec<(usize, &str, Option<String>)> = rs
        .iter()
        .filter(|r| r.operation == "start")
        .map(|r| {
            let k = &r.settings["idempotency_key"];
            (r.line, k.state, k.value.clone())
        })
        .collect();
    assert_eq!(
        keys,
        [
            (8, "set", Some("\"order-\" + order.ID".to_string())),
            (12, "missing", None),
            (15, "unknown", Some("options built elsewhere".to_string())),
        ]
    );
}
