//! IDM005 non-idempotent-request-retried.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::ts::object_keys;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct NonIdempotentRequestRetried;

static META: Meta = Meta {
    id: "IDM005",
    name: "non-idempotent-request-retried",
    pillar: Pillar::Idempotency,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Ts, Family::Go, Family::Java],
    refs: &["001", "C7"],
    title: "Non-idempotent request is retried without an idempotency key",
    preview: true,
    docs: Docs {
        what: "Flags a raw HTTP POST or PATCH (`requests`/`httpx`/session/client `.post(`/`.patch(`, \
`axios.post`, `fetch` with `method: \"POST\"`) made under a retry mechanism — a retry decorator on \
the function (tenacity, backoff), a Celery task that retries, a retry loop around it, a `p-retry` \
wrapper — with no `Idempotency-Key` header. SDK methods (`client.embeddings.create`) are not raw \
requests and are not flagged; headers built elsewhere are unknown, not missing.",
        why: "A POST that timed out may well have succeeded: the response was lost, not the \
request. Retrying it without a key the server can deduplicate on creates a second order, a second \
charge, a second ticket.",
        example: "@retry(stop=stop_after_attempt(3), wait=wait_exponential())\ndef place(order):\n    return session.post(ORDERS_URL, json=order, timeout=10)",
        use_instead: "@retry(stop=stop_after_attempt(3), wait=wait_exponential())\ndef place(order):\n    return session.post(ORDERS_URL, json=order, timeout=10,\n                        headers={\"Idempotency-Key\": f\"place-{order['id']}\"})",
    },
};

fn has_idempotency_key(text: &str) -> bool {
    text.to_ascii_lowercase().contains("idempotency")
}

impl Rule for NonIdempotentRequestRetried {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        if matches!(cx.m.lang, Lang::Go | Lang::Java) {
            return go_java(cx, node, out);
        }
        let name = cx.callee_name(node);
        if !matches!(name, "post" | "patch" | "fetch") {
            return;
        }
        let Some(request) = crate::model::interaction::http_request(cx, node) else {
            return;
        };
        let call = request.call;
        // `fetch(url, { method: 'POST' })`: the method is in the init object.
        if request.verb == "fetch"
            && !call
                .positional(1)
                .is_some_and(|o| cx.text(o).contains("POST") || cx.text(o).contains("PATCH"))
        {
            return;
        }
        // Headers with a key, or built elsewhere (unknown, not missing).
        let headers = match cx.m.lang {
            Lang::Python => call.kwarg("headers"),
            _ => call
                .args
                .iter()
                .rev()
                .find(|a| a.value.kind_name() == "object")
                .map(|a| a.value),
        };
        match headers {
            Some(h) if has_idempotency_key(cx.text(h)) => return,
            Some(h) if cx.m.lang == Lang::Python && h.kind_name() != "dictionary" => return,
            Some(h)
                if cx.m.lang != Lang::Python
                    && object_keys(cx.m, h).is_some_and(|(_, spread)| spread) =>
            {
                return
            }
            _ => {}
        }
        if call.has_spread() {
            return;
        }
        let why = match cx.function().and_then(|f| contexts::retried(cx, f)) {
            Some(r) => r.describe(),
            None if contexts::in_retry_loop(cx) => "inside a retry loop".to_string(),
            None if wrapped_in_retry(cx) => "inside a retry wrapper".to_string(),
            None => return,
        };
        out.push(Diag::new(
            node,
            format!("`{}` is a non-idempotent request made {why}, with no `Idempotency-Key` header.", cx.call_label(&call)),
            "A timed-out POST may have succeeded; the retry sends it again and the server creates a second order, charge or ticket.",
            "Send an `Idempotency-Key` derived from the operation (`f\"place-{order.id}\"`) that the server deduplicates on, or make the endpoint an idempotent PUT.",
        ));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            Case::new(
                "app/orders.py",
                r#"
import time
import requests
from tenacity import retry, stop_after_attempt, wait_exponential
from celery import shared_task

@retry(stop=stop_after_attempt(3), wait=wait_exponential())
def place(order):
    return requests.post(URL, json=order, timeout=10)  # expect: IDM005

@shared_task(autoretry_for=(Exception,), max_retries=5)
def notify(order):
    requests.patch(URL, json=order, timeout=10)  # expect: IDM005

def submit(order):
    for attempt in range(3):
        try:
            return requests.post(URL, json=order, timeout=10)  # expect: IDM005
        except requests.RequestException:
            time.sleep(2 ** attempt)
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
import requests
from tenacity import retry, stop_after_attempt

@retry(stop=stop_after_attempt(3))
def place(order, headers):
    requests.post(URL, json=order, timeout=10, headers={'Idempotency-Key': f"place-{order['id']}"})
    requests.post(URL, json=order, timeout=10, headers=headers)
    requests.get(URL, timeout=10)

def once(order):
    requests.post(URL, json=order, timeout=10)
"#,
            ),
            Case::new(
                "server/orders.ts",
                r#"
import express from 'express';
import axios from 'axios';
import pRetry from 'p-retry';

export async function place(order: Order) {
  return pRetry(() => axios.post(URL, order, { timeout: 5000 }), { retries: 3 });  // expect: IDM005
}
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';
import axios from 'axios';
import pRetry from 'p-retry';

export async function place(order: Order) {
  return pRetry(() => axios.post(URL, order, { timeout: 5000, headers: { 'Idempotency-Key': order.id } }), { retries: 3 });
}
"#,
            ),
            Case::new(
                "svc/orders.go",
                r#"
package svc

import (
	"net/http"
	"github.com/cenkalti/backoff/v4"
)

func Place(c *http.Client, body io.Reader) error {
	return backoff.Retry(func() error {
		req, _ := http.NewRequest("POST", ordersURL, body)  // expect: IDM005
		_, err := c.Do(req)
		return err
	}, backoff.NewExponentialBackOff())
}
"#,
            ),
            Case::new(
                "svc/orders_ok.go",
                r#"
package svc

import (
	"net/http"
	"github.com/cenkalti/backoff/v4"
)

func Place(c *http.Client, body io.Reader, id string) error {
	return backoff.Retry(func() error {
		req, _ := http.NewRequest("POST", ordersURL, body)
		req.Header.Set("Idempotency-Key", "place-"+id)
		_, err := c.Do(req)
		return err
	}, backoff.NewExponentialBackOff())
}
"#,
            ),
            Case::new(
                "src/main/java/app/Orders.java",
                r#"
package app;

class Orders {
  @Retryable(maxAttempts = 3)
  Receipt place(Order o) {
    return restTemplate.postForObject(ORDERS_URL, o, Receipt.class);  // expect: IDM005
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/OrdersOk.java",
                r#"
package app;

class OrdersOk {
  @Retryable(maxAttempts = 3)
  Receipt place(Order o) {
    HttpHeaders h = new HttpHeaders();
    h.set("Idempotency-Key", "place-" + o.id());
    return restTemplate.postForObject(ORDERS_URL, new HttpEntity<>(o, h), Receipt.class);
  }
}
"#,
            ),
        ]
    }
}

/// The enclosing function is the callback of `pRetry(…)`, `retry(…)`, `backoff(…)`.
fn wrapped_in_retry(cx: &Cx) -> bool {
    let Some(f) = cx.function() else { return false };
    let call = f.node.parent().and_then(|args| args.parent());
    call.is_some_and(|c| {
        c.kind_name() == "call_expression"
            && matches!(
                cx.callee_name(c),
                "pRetry" | "retry" | "asyncRetry" | "backOff" | "backoff"
            )
    })
}

/// Go `http.NewRequest("POST", …)`/`http.Post`/`client.Post` in a retry loop or a
/// `retry.Do`/`backoff.Retry` callback; Java `postForObject`/`postForEntity`/
/// `exchange(…POST…)`/`.POST(` in a `@Retryable` method. The function sets no
/// `Idempotency-Key` anywhere.
fn go_java<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let name = cx.callee_name(node);
    let text = cx.text(node);
    let post = match cx.m.lang {
        Lang::Go => {
            (matches!(name, "Post" | "PostForm")
                && crate::model::interaction::http_request(cx, node).is_some())
                || (matches!(name, "NewRequest" | "NewRequestWithContext")
                    && (text.contains("\"POST\"")
                        || text.contains("\"PATCH\"")
                        || text.contains("MethodPost")
                        || text.contains("MethodPatch")))
        }
        _ => {
            matches!(
                name,
                "postForObject" | "postForEntity" | "POST" | "patchForObject"
            ) || (name == "exchange"
                && (text.contains("HttpMethod.POST") || text.contains("HttpMethod.PATCH")))
        }
    };
    if !post {
        return;
    }
    let Some(f) = cx.function() else { return };
    if has_idempotency_key(cx.text(f.node)) {
        return;
    }
    let why = match cx.m.lang {
        Lang::Java => match contexts::retried(cx, f) {
            Some(r) => r.describe(),
            None => return,
        },
        _ => {
            if contexts::in_retry_loop(cx) {
                "inside a retry loop".to_string()
            } else if go_retry_callback(cx, f.node) {
                "inside a retry callback".to_string()
            } else {
                return;
            }
        }
    };
    out.push(Diag::new(
        node,
        format!("`{}` sends a non-idempotent request {why}, and no `Idempotency-Key` header is set.", cx.snippet(node, 50)),
        "A timed-out POST may have succeeded; the retry sends it again and the server creates a second order, charge or ticket.",
        "Set an `Idempotency-Key` header derived from the operation (the order ID plus the step) that the server deduplicates on.",
    ));
}

/// A Go func literal passed to `retry.Do(…)`, `backoff.Retry(…)`, `backoff.RetryNotify(…)`.
fn go_retry_callback(cx: &Cx, function: Node) -> bool {
    function.kind_name() == "func_literal"
        && function
            .parent()
            .and_then(|args| args.parent())
            .is_some_and(|call| {
                call.kind_name() == "call_expression"
                    && matches!(
                        cx.callee_name(call),
                        "Do" | "Retry" | "RetryNotify" | "RetryWithData"
                    )
            })
}
