//! RES002 single-attempt-external-call.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
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
    docs: Docs {
        what: "Flags an outbound HTTP call (`requests`, `httpx`, `aiohttp`, `urlopen`, a session or \
client verb) inside background work — a Celery/RQ task, a queue consumer callback, a scheduled job \
— when nothing retries it: no retry decorator (`tenacity.retry`, `backoff.on_exception`), no retry \
loop around it, no client-level retry policy (`HTTPAdapter(max_retries=…)`), and the task itself has \
no retry configuration (`autoretry_for=`, `self.retry(`, `max_retries=`). Temporal activities and \
Dramatiq actors are retried by their framework and are not flagged; SDKs that retry by default \
(boto3, OpenAI) are not raw calls.",
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

    fn kinds(&self, lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Python => &["call"],
            Lang::TypeScript | Lang::JavaScript | Lang::Go => &["call_expression"],
            Lang::Java => &["method_invocation"],
            _ => &[],
        }
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        if cx.m.lang != Lang::Python {
            return other_languages(cx, node, out);
        }
        if !VERBS.contains(&cx.callee_name(node)) {
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
        let Some(call) = cx.call(node) else { return };
        let target = call.target.clone().unwrap_or_default();
        let receiver = cx.text(call.callee).rsplit_once('.').map_or("", |(r, _)| r);
        let raw = target.starts_with("requests.")
            || target.starts_with("httpx.")
            || target.starts_with("aiohttp.")
            || target == "urllib.request.urlopen"
            || matches!(
                receiver,
                "session" | "http" | "client" | "self.session" | "self.http" | "self.client"
            );
        if !raw {
            return;
        }
        // A retry policy on the client, a retry loop, or tenacity's `Retrying` around it.
        let src = cx.m.src;
        let client_policy = src.contains("HTTPAdapter(") && src.contains("max_retries=")
            || src.contains("RetryTransport")
            || cx.text(f.node).contains("Retrying(");
        if client_policy || contexts::in_retry_loop(cx, node) {
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
            Case::fail(
                "app/tasks.py",
                "import requests\nfrom celery import shared_task\n\n@shared_task\ndef sync_invoice(invoice_id):\n    requests.post(ERP_URL, json={'id': invoice_id}, timeout=10)\n\ndef on_message(ch, method, props, body):\n    requests.get(ENRICH_URL, timeout=5)\n\nchannel.basic_consume(queue='orders', on_message_callback=on_message)\n",
                &[6, 9],
            ),
            Case::pass(
                "app/ok.py",
                "import requests\nfrom celery import shared_task\nfrom tenacity import retry, stop_after_attempt\nfrom temporalio import activity\n\n@shared_task(autoretry_for=(requests.RequestException,), max_retries=5)\ndef a(i):\n    requests.post(ERP_URL, json={'id': i}, timeout=10)\n\n@shared_task(bind=True)\ndef b(self, i):\n    try:\n        requests.post(ERP_URL, timeout=10)\n    except requests.RequestException as exc:\n        raise self.retry(exc=exc)\n\n@activity.defn\nasync def c(i):\n    requests.post(ERP_URL, timeout=10)\n\ndef web_view(request):\n    requests.get(URL, timeout=5)\n",
            ),
            Case::fail(
                "src/main/java/app/Sync.java",
                "package app;\n\nclass Sync {\n  @Scheduled(fixedDelay = 60000)\n  void push() {\n    restTemplate.postForObject(ERP_URL, load(), Void.class);\n  }\n}\n",
                &[6],
            ),
            Case::pass(
                "src/main/java/app/SyncOk.java",
                "package app;\n\nclass SyncOk {\n  @Scheduled(fixedDelay = 60000)\n  @Retryable(maxAttempts = 5)\n  void push() {\n    restTemplate.postForObject(ERP_URL, load(), Void.class);\n  }\n}\n",
            ),
            Case::fail(
                "server/worker.ts",
                "import { Worker } from 'bullmq';\nimport axios from 'axios';\n\nnew Worker('sync', async (job) => {\n  await axios.post(ERP_URL, job.data, { timeout: 5000 });\n});\n",
                &[5],
            ),
            Case::pass(
                "server/worker_ok.ts",
                "import { Worker } from 'bullmq';\nimport axios from 'axios';\nimport pRetry from 'p-retry';\n\nnew Worker('sync', async (job) => {\n  await pRetry(() => axios.post(ERP_URL, job.data, { timeout: 5000 }), { retries: 5 });\n});\n",
            ),
            Case::fail(
                "svc/cron.go",
                "package svc\n\nimport \"net/http\"\n\nfunc Schedule(c *cron.Cron) {\n\tc.AddFunc(\"@every 1m\", func() {\n\t\thttp.Post(erpURL, \"application/json\", nil)\n\t})\n}\n",
                &[7],
            ),
            Case::fail(
                "svc/consumer.go",
                "package svc\n\nimport (\n\t\"net/http\"\n\n\tamqp \"github.com/rabbitmq/amqp091-go\"\n)\n\nfunc enrich(d amqp.Delivery) error {\n\t_, err := http.Post(enrichURL, \"application/json\", nil)\n\treturn err\n}\n",
                &[10],
            ),
            Case::pass(
                "svc/consumer_ok.go",
                "package svc\n\nimport (\n\t\"net/http\"\n\n\tamqp \"github.com/rabbitmq/amqp091-go\"\n\t\"github.com/cenkalti/backoff/v4\"\n)\n\nfunc enrich(d amqp.Delivery) error {\n\treturn backoff.Retry(func() error {\n\t\t_, err := http.Post(enrichURL, \"application/json\", nil)\n\t\treturn err\n\t}, backoff.NewExponentialBackOff())\n}\n",
            ),
            Case::pass(
                "svc/cron_ok.go",
                "package svc\n\nimport \"net/http\"\n\nfunc Push() {\n\thttp.Post(erpURL, \"application/json\", nil)\n}\n",
            ),
        ]
    }
}

/// The outbound call verbs of Go, TS and Java clients.
fn is_outbound(lang: Lang, name: &str) -> bool {
    match lang {
        Lang::Go => matches!(name, "Get" | "Post" | "PostForm" | "Do" | "Head"),
        Lang::Java => matches!(
            name,
            "getForObject"
                | "getForEntity"
                | "postForObject"
                | "postForEntity"
                | "exchange"
                | "send"
                | "execute"
                | "retrieve"
        ),
        _ => matches!(
            name,
            "fetch" | "get" | "post" | "put" | "patch" | "delete" | "request"
        ),
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
        _ => (call.kind() == "new_expression" && cx.callee_name(call) == "Worker")
            .then_some("BullMQ worker"),
    }
}

fn other_languages<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let lang = cx.m.lang;
    if !is_outbound(lang, cx.callee_name(node)) {
        return;
    }
    let Some(f) = cx.function() else { return };
    let Some(kind) = background_elsewhere(cx, f) else {
        return;
    };
    // A retry library in the file, or a retry loop around the call.
    let src = cx.m.src;
    let retrying = [
        "axios-retry",
        "p-retry",
        "async-retry",
        "retry.Do(",
        "backoff.Retry(",
        "RetryTemplate",
        "@Retryable",
        "retryablehttp",
    ]
    .iter()
    .any(|k| src.contains(k));
    if retrying || contexts::in_retry_loop(cx, node) {
        return;
    }
    let receiver_ok = match lang {
        Lang::Go => cx
            .call(node)
            .and_then(|c| c.target)
            .is_some_and(|t| t.starts_with("net/http")),
        Lang::Java => {
            let object = node
                .field("object")
                .map_or(String::new(), |o| cx.text(o).to_ascii_lowercase());
            object.contains("resttemplate")
                || object.contains("client")
                || object.contains("webclient")
        }
        _ => cx
            .call(node)
            .and_then(|c| c.target)
            .is_some_and(|t| t == "fetch" || t.starts_with("axios")),
    };
    if !receiver_ok {
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
