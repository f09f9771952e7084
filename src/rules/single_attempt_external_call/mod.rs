//! RES002 single-attempt-external-call.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::model::interaction::http_request;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct SingleAttemptExternalCall;

static META: Meta = Meta {
    id: "RES002",
    name: "single-attempt-external-call",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java],
    refs: &["000", "F2"],
    title: "Background job calls out once, with no retry",
    preview: true,
    docs: Docs {
        what: "Flags an outbound HTTP call (`requests`, `httpx`, `aiohttp`, `urlopen`, a session or \
client verb) inside background work — a Celery/RQ task, a queue consumer callback, a scheduled job \
— when nothing retries it: no retry decorator (`tenacity.retry`, `backoff.on_exception`), no retry \
loop around it, no client-level retry policy (`HTTPAdapter(max_retries=…)`), and the task itself has \
no retry configuration (`autoretry_for=`, `self.retry(`, `max_retries=`). Temporal activities and \
Dramatiq actors are retried by their framework and are not flagged; SDKs that retry by default \
(boto3, OpenAI) are not raw calls. A call inside a try block whose failure the code catches is not \
flagged either: dropping the item, reporting or falling back is a failure policy of its own (a \
handler that swallows the failure silently is RES003's).",
        why: "Background work runs unattended: when the one attempt hits a blip — a 503, a \
reset connection, a DNS hiccup — the job simply fails, and the work is lost unless someone notices \
and replays it by hand. Transient failures are the common case for network calls.",
        example: "@shared_task\ndef sync_invoice(invoice_id):\n    requests.post(ERP_URL, json=load(invoice_id), timeout=10)",
        use_instead: "@shared_task(autoretry_for=(requests.RequestException,), retry_backoff=True, retry_jitter=True, max_retries=5)\ndef sync_invoice(invoice_id):\n    requests.post(ERP_URL, json=load(invoice_id), timeout=10).raise_for_status()",
    },
};

const VERBS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "request", "urlopen",
];

impl Rule for SingleAttemptExternalCall {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        if cx.m.lang != Lang::Python {
            return other_languages(cx, node, out);
        }
        if !VERBS.contains(&cx.callee_name(node)) {
            return;
        }
        // A call whose failure the code catches has a failure policy of its own
        // (drop the item, report, fall back): one attempt is its choice.
        if cx.in_try_body() {
            return;
        }
        let Some(f) = cx.function() else { return };
        let Some(kind) = contexts::background(cx, f) else {
            return;
        };
        // Redelivery of a consumer's message is not a retry policy for this call.
        let retried = contexts::retried(cx, f).filter(|r| !r.is_redelivery());
        if matches!(kind, "Temporal activity" | "Dramatiq actor") || retried.is_some() {
            return;
        }
        let Some(request) = http_request(cx, node) else {
            return;
        };
        let call = request.call;
        // A retry policy on the client, a retry loop, or tenacity's `Retrying` around it.
        if crate::model::coverage::covering(cx, node, false).is_some() {
            return;
        }
        out.push(
            Diag::new(
                node,
                format!("`{}` in the {kind} `{}` is tried once: nothing retries it when the call fails.", cx.call_label(&call), f.name),
                "A transient failure — a 503, a reset connection, a DNS blip — fails the job outright, and the work is lost unless someone notices and replays it by hand.",
                "Retry transient failures with backoff and a limit: on a Celery task `autoretry_for=(requests.RequestException,), retry_backoff=True, max_retries=5`, or a retry decorator on the call.",
            )
            .hint(Hint::Retry(cx.m.lang.family())),
        );
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // Retry coverage is decided per call: a retry library named in a comment
            // or used elsewhere in the file covers nothing here.
            Case::new(
                "server/worker_comment.ts",
                r#"
import { Worker } from 'bullmq';
import axios from 'axios';
// TODO: wrap with p-retry

new Worker('sync', async (job) => {
  await axios.post(ERP_URL, job.data, { timeout: 5000 });  // expect: RES002
});
"#,
            ),
            // A failure the task catches is handled: a best-effort fetch.
            Case::new(
                "app/crawl.py",
                r#"
import requests
from celery import shared_task

@shared_task
def urlopen(url):
    try:
        body = requests.get(url, timeout=5).text
    except requests.exceptions.RequestException as exc:
        print(f"URL {url} gave error: {exc!r}")
        return url, 0
    return url, len(body)
"#,
            ),
            Case::new(
                "server/worker_policy.ts",
                r#"
import { Worker } from 'bullmq';
import axios from 'axios';
import axiosRetry from 'axios-retry';

axiosRetry(axios, { retries: 3, retryDelay: axiosRetry.exponentialDelay });

new Worker('sync', async (job) => {
  await axios.post(ERP_URL, job.data, { timeout: 5000 });
});
"#,
            ),
            Case::new(
                "svc/consumer_op.go",
                r#"
package svc

import (
	"net/http"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/cenkalti/backoff/v4"
)

func enrich(d amqp.Delivery) error {
	op := func() error {
		_, err := http.Post(enrichURL, "application/json", nil)
		return err
	}
	return backoff.Retry(op, backoff.NewExponentialBackOff())
}
"#,
            ),
            Case::new(
                "app/tenacity_iter.py",
                r#"
import requests
from celery import shared_task
from tenacity import Retrying, stop_after_attempt

@shared_task
def sync_invoice(invoice_id):
    for attempt in Retrying(stop=stop_after_attempt(3)):
        with attempt:
            requests.post(ERP_URL, json={'id': invoice_id}, timeout=10)
"#,
            ),
            Case::new(
                "app/tasks.py",
                r#"
import requests
from celery import shared_task

@shared_task
def sync_invoice(invoice_id):
    requests.post(ERP_URL, json={'id': invoice_id}, timeout=10)  # expect: RES002

def on_message(ch, method, props, body):
    requests.get(ENRICH_URL, timeout=5)  # expect: RES002

channel.basic_consume(queue='orders', on_message_callback=on_message)
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
import requests
from celery import shared_task
from tenacity import retry, stop_after_attempt
from temporalio import activity

@shared_task(autoretry_for=(requests.RequestException,), max_retries=5)
def a(i):
    requests.post(ERP_URL, json={'id': i}, timeout=10)

@shared_task(bind=True)
def b(self, i):
    try:
        requests.post(ERP_URL, timeout=10)
    except requests.RequestException as exc:
        raise self.retry(exc=exc)

@activity.defn
async def c(i):
    requests.post(ERP_URL, timeout=10)

def web_view(request):
    requests.get(URL, timeout=5)
"#,
            ),
            Case::new(
                "src/main/java/app/Sync.java",
                r#"
package app;

class Sync {
  @Scheduled(fixedDelay = 60000)
  void push() {
    restTemplate.postForObject(ERP_URL, load(), Void.class);  // expect: RES002
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/SyncOk.java",
                r#"
package app;

class SyncOk {
  @Scheduled(fixedDelay = 60000)
  @Retryable(maxAttempts = 5)
  void push() {
    restTemplate.postForObject(ERP_URL, load(), Void.class);
  }
}
"#,
            ),
            Case::new(
                "server/worker.ts",
                r#"
import { Worker } from 'bullmq';
import axios from 'axios';

new Worker('sync', async (job) => {
  await axios.post(ERP_URL, job.data, { timeout: 5000 });  // expect: RES002
});
"#,
            ),
            Case::new(
                "server/worker_ok.ts",
                r#"
import { Worker } from 'bullmq';
import axios from 'axios';
import pRetry from 'p-retry';

new Worker('sync', async (job) => {
  await pRetry(() => axios.post(ERP_URL, job.data, { timeout: 5000 }), { retries: 5 });
});
"#,
            ),
            Case::new(
                "svc/cron.go",
                r#"
package svc

import "net/http"

func Schedule(c *cron.Cron) {
	c.AddFunc("@every 1m", func() {
		http.Post(erpURL, "application/json", nil)  // expect: RES002
	})
}
"#,
            ),
            Case::new(
                "svc/consumer.go",
                r#"
package svc

import (
	"net/http"

	amqp "github.com/rabbitmq/amqp091-go"
)

func enrich(d amqp.Delivery) error {
	_, err := http.Post(enrichURL, "application/json", nil)  // expect: RES002
	return err
}
"#,
            ),
            Case::new(
                "svc/consumer_ok.go",
                r#"
package svc

import (
	"net/http"

	amqp "github.com/rabbitmq/amqp091-go"
	"github.com/cenkalti/backoff/v4"
)

func enrich(d amqp.Delivery) error {
	return backoff.Retry(func() error {
		_, err := http.Post(enrichURL, "application/json", nil)
		return err
	}, backoff.NewExponentialBackOff())
}
"#,
            ),
            Case::new(
                "svc/cron_ok.go",
                r#"
package svc

import "net/http"

func Push() {
	http.Post(erpURL, "application/json", nil)
}
"#,
            ),
        ]
    }
}

/// Background work outside Python: a Java `@Scheduled`/listener method, a TS
/// BullMQ processor or Nest `@Cron`/`@Interval` method, a Go `cron.AddFunc`
/// callback. `None` when the work retries by itself (`@Retryable`).
fn background_elsewhere(cx: &Cx, f: &crate::semantic::Function) -> Option<&'static str> {
    let heads: Vec<&str> = f
        .decorators
        .iter()
        .map(|d| d.split('(').next().unwrap_or(d))
        .collect();
    if heads.iter().any(|h| h.ends_with("Retryable")) {
        return None;
    }
    if heads.iter().any(|h| {
        matches!(
            *h,
            "Scheduled" | "KafkaListener" | "RabbitListener" | "SqsListener" | "JmsListener"
        )
    }) {
        return Some("scheduled job or listener");
    }
    if heads
        .iter()
        .any(|h| matches!(*h, "Cron" | "Interval" | "Process"))
    {
        return Some("scheduled job");
    }
    if contexts::consumes_messages(cx, f) {
        return Some("queue consumer");
    }
    let call = f.node.parent().and_then(|args| args.parent())?;
    match cx.m.lang {
        Lang::Go => (cx.callee_name(call) == "AddFunc").then_some("cron job"),
        _ => (call.kind_name() == "new_expression" && cx.callee_name(call) == "Worker")
            .then_some("BullMQ worker"),
    }
}

fn other_languages<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let lang = cx.m.lang;
    if http_request(cx, node).is_none() {
        return;
    }
    if cx.in_try_body() {
        return;
    }
    let Some(f) = cx.function() else { return };
    let Some(kind) = background_elsewhere(cx, f) else {
        return;
    };
    // A retry wrapper, loop, annotation or client policy that covers this call.
    if crate::model::coverage::covering(cx, node, false).is_some() {
        return;
    }
    out.push(
        Diag::new(
            node,
            format!("`{}` in the {kind} `{}` is tried once: nothing retries it when the call fails.", cx.snippet(node, 40), f.name),
            "A transient failure — a 503, a reset connection, a DNS blip — fails the job outright, and the work is lost unless someone notices and replays it by hand.",
            "Retry transient failures with backoff and a limit around this call.",
        )
        .hint(Hint::Retry(lang.family())),
    );
}
