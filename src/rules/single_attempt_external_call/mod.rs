//! RES002 single-attempt-external-call.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use tree_sitter::Node;

pub struct SingleAttemptExternalCall;

static META: Meta = Meta {
    id: "RES002",
    name: "single-attempt-external-call",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py],
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
            _ => &[],
        }
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
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
        ]
    }
}
