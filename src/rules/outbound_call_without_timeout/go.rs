//! RES001 in Go.

use super::{client_impact, hang_impact, Case, Cx, Diag};
use crate::semantic::fields::Field;
use crate::semantic::named_children;
use tree_sitter::Node;

const PACKAGE_CALLS: &[&str] = &[
    "net/http.Get",
    "net/http.Post",
    "net/http.PostForm",
    "net/http.Head",
    "net/http.DefaultClient.Do",
    "net/http.DefaultClient.Get",
    "net/http.DefaultClient.Post",
    "net/http.DefaultClient.PostForm",
    "net/http.DefaultClient.Head",
];

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    match node.kind() {
        "call_expression" => {
            let Some(call) = cx.call(node) else { return };
            if !call.target_is(PACKAGE_CALLS) {
                return;
            }
            let label = cx.call_label(&call);
            out.push(Diag::new(
                node,
                format!("`{label}` uses Go's default HTTP client, whose `Timeout` is 0: no timeout at all."),
                hang_impact(cx, "the remote server"),
                "Create one client with a timeout and reuse it: `var client = &http.Client{Timeout: 10 * time.Second}`, then `client.Get(url)`.",
            ));
        }
        "composite_literal" => {
            let Some(ty) = node.field("type") else {
                return;
            };
            if cx.resolve(ty).as_deref() != Some("net/http.Client") {
                return;
            }
            let has_timeout = node.field("body").is_some_and(|body| {
                named_children(body)
                    .filter(|e| e.kind() == "keyed_element")
                    .any(|e| e.named_child(0).is_some_and(|k| cx.text(k) == "Timeout"))
            });
            if has_timeout || cx.field_assigned_later(node, "Timeout") {
                return;
            }
            let at = node
                .parent()
                .filter(|p| p.kind() == "unary_expression")
                .unwrap_or(node);
            out.push(Diag::new(
                at,
                "This `http.Client{...}` has no `Timeout`; Go clients wait forever by default.".to_string(),
                client_impact("the remote server"),
                "Set `Timeout: 10 * time.Second` (the whole exchange, including reading the body) in the literal.",
            ));
        }
        _ => {}
    }
}

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "svc/client.go",
        "package svc\n\nimport (\n\t\"net/http\"\n)\n\nfunc Fetch(u string) {\n\thttp.Get(u)\n\thttp.DefaultClient.Do(nil)\n\tc := &http.Client{}\n\td := http.Client{Transport: nil}\n\t_ = c\n\t_ = d\n}\n",
        &[8, 9, 10, 11],
    ),
    Case::fail(
        "svc/alias.go",
        "package svc\n\nimport nethttp \"net/http\"\n\nvar client = &nethttp.Client{}\n\nfunc F() { nethttp.Post(\"u\", \"\", nil) }\n",
        &[5, 7],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nvar client = &http.Client{Timeout: 10 * time.Second}\n\nfunc F(u string) {\n\tclient.Get(u)\n\tc := &http.Client{}\n\tc.Timeout = time.Second\n\tc.Get(u)\n}\n",
    ),
    Case::pass(
        "svc/other.go",
        "package svc\n\nimport \"example.com/http\"\n\nfunc F() { http.Get(\"u\") }\n",
    ),
];
