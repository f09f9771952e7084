//! IDM005 non-idempotent-request-retried.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::ts::object_keys;
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

    fn kinds(&self, lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Python => &["call"],
            Lang::TypeScript | Lang::JavaScript | Lang::Go => &["call_expression"],
            Lang::Java => &["method_invocation"],
            _ => &[],
        }
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
                .find(|a| a.value.kind() == "object")
                .map(|a| a.value),
        };
        match headers {
            Some(h) if has_idempotency_key(cx.text(h)) => return,
            Some(h) if cx.m.lang == Lang::Python && h.kind() != "dictionary" => return,
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
            None if contexts::in_retry_loop(cx, node) => "inside a retry loop".to_string(),
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
            Case::fail(
                "app/orders.py",
                "import time\nimport requests\nfrom tenacity import retry, stop_after_attempt, wait_exponential\nfrom celery import shared_task\n\n@retry(stop=stop_after_attempt(3), wait=wait_exponential())\ndef place(order):\n    return requests.post(URL, json=order, timeout=10)\n\n@shared_task(autoretry_for=(Exception,), max_retries=5)\ndef notify(order):\n    requests.patch(URL, json=order, timeout=10)\n\ndef submit(order):\n    for attempt in range(3):\n        try:\n            return requests.post(URL, json=order, timeout=10)\n        except requests.RequestException:\n            time.sleep(2 ** attempt)\n",
                &[8, 12, 17],
            ),
            Case::pass(
                "app/ok.py",
                "import requests\nfrom tenacity import retry, stop_after_attempt\n\n@retry(stop=stop_after_attempt(3))\ndef place(order, headers):\n    requests.post(URL, json=order, timeout=10, headers={'Idempotency-Key': f\"place-{order['id']}\"})\n    requests.post(URL, json=order, timeout=10, headers=headers)\n    requests.get(URL, timeout=10)\n\ndef once(order):\n    requests.post(URL, json=order, timeout=10)\n",
            ),
            Case::fail(
                "server/orders.ts",
                "import express from 'express';\nimport axios from 'axios';\nimport pRetry from 'p-retry';\n\nexport async function place(order: Order) {\n  return pRetry(() => axios.post(URL, order, { timeout: 5000 }), { retries: 3 });\n}\n",
                &[6],
            ),
            Case::pass(
                "server/ok.ts",
                "import express from 'express';\nimport axios from 'axios';\nimport pRetry from 'p-retry';\n\nexport async function place(order: Order) {\n  return pRetry(() => axios.post(URL, order, { timeout: 5000, headers: { 'Idempotency-Key': order.id } }), { retries: 3 });\n}\n",
            ),
            Case::fail(
                "svc/orders.go",
                "package svc\n\nimport (\n\t\"net/http\"\n\t\"github.com/cenkalti/backoff/v4\"\n)\n\nfunc Place(c *http.Client, body io.Reader) error {\n\treturn backoff.Retry(func() error {\n\t\treq, _ := http.NewRequest(\"POST\", ordersURL, body)\n\t\t_, err := c.Do(req)\n\t\treturn err\n\t}, backoff.NewExponentialBackOff())\n}\n",
                &[10],
            ),
            Case::pass(
                "svc/orders_ok.go",
                "package svc\n\nimport (\n\t\"net/http\"\n\t\"github.com/cenkalti/backoff/v4\"\n)\n\nfunc Place(c *http.Client, body io.Reader, id string) error {\n\treturn backoff.Retry(func() error {\n\t\treq, _ := http.NewRequest(\"POST\", ordersURL, body)\n\t\treq.Header.Set(\"Idempotency-Key\", \"place-\"+id)\n\t\t_, err := c.Do(req)\n\t\treturn err\n\t}, backoff.NewExponentialBackOff())\n}\n",
            ),
            Case::fail(
                "src/main/java/app/Orders.java",
                "package app;\n\nclass Orders {\n  @Retryable(maxAttempts = 3)\n  Receipt place(Order o) {\n    return restTemplate.postForObject(ORDERS_URL, o, Receipt.class);\n  }\n}\n",
                &[6],
            ),
            Case::pass(
                "src/main/java/app/OrdersOk.java",
                "package app;\n\nclass OrdersOk {\n  @Retryable(maxAttempts = 3)\n  Receipt place(Order o) {\n    HttpHeaders h = new HttpHeaders();\n    h.set(\"Idempotency-Key\", \"place-\" + o.id());\n    return restTemplate.postForObject(ORDERS_URL, new HttpEntity<>(o, h), Receipt.class);\n  }\n}\n",
            ),
        ]
    }
}

/// The enclosing function is the callback of `pRetry(…)`, `retry(…)`, `backoff(…)`.
fn wrapped_in_retry(cx: &Cx) -> bool {
    let Some(f) = cx.function() else { return false };
    let call = f.node.parent().and_then(|args| args.parent());
    call.is_some_and(|c| {
        c.kind() == "call_expression"
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
            if contexts::in_retry_loop(cx, node) {
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
    function.kind() == "func_literal"
        && function
            .parent()
            .and_then(|args| args.parent())
            .is_some_and(|call| {
                call.kind() == "call_expression"
                    && matches!(
                        cx.callee_name(call),
                        "Do" | "Retry" | "RetryNotify" | "RetryWithData"
                    )
            })
}
