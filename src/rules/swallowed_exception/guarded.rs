//! What a swallowing handler guards. A broad catch that swallows is a defect
//! where the failure it hides matters: the code it protects sends, writes,
//! publishes or calls another service, and after the catch the program carries
//! on as if that happened. A catch around parsing, probing, cleanup or a
//! best-effort convenience, or one whose handler explains itself in a comment,
//! is a decision the owner made.

use crate::model::writes;
use crate::rules::Cx;
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use crate::semantic::{descendants, named_children};
use tree_sitter::Node;

/// The code a handler protects: the try body of a catch clause, the promise a
/// `.catch(...)` is attached to, the statement whose error a Go `if err != nil`
/// checks, the value a Rust `match`/`if let` inspects, the body of a
/// `with suppress(...)`.
pub(super) fn protected<'t>(handler: Node<'t>) -> Option<Node<'t>> {
    let parent = handler.parent();
    // Dart reports the `on`/`catch` keyword or the block of a flat try statement.
    if let Some(t) =
        parent.filter(|p| p.kind_name() == "try_statement" && handler.kind_name() != "catch_clause")
    {
        return t.field("body");
    }
    match handler.kind_name() {
        // Python `except`, Java/TS `catch`: the try statement's body.
        "except_clause" | "catch_clause" => {
            let t = parent?;
            t.field("body").or_else(|| {
                named_children(t).find(|c| matches!(c.kind_name(), "block" | "statement_block"))
            })
        }
        // Kotlin `catch` of a `try` expression, Swift `catch` of a `do`.
        "catch_block" => named_children(parent?).find(|c| {
            matches!(
                c.kind_name(),
                "block" | "statements" | "control_structure_body"
            )
        }),
        // Dart: the try statement's first block.
        "try_statement" => named_children(handler).find(|c| c.kind_name() == "block"),
        // TS `.catch(...)`: the promise it is attached to; Python
        // `suppress(...)`: the `with` body.
        "call_expression" => handler
            .field("function")
            .filter(|f| f.kind_name() == "member_expression")
            .and_then(|f| f.field("object")),
        "call" => {
            let mut n = handler;
            for _ in 0..4 {
                n = n.parent()?;
                if n.kind_name() == "with_statement" {
                    return n.field("body");
                }
            }
            None
        }
        // Go `if err := f(); err != nil {}`, or the statement before the `if`.
        "if_statement" if handler.field("initializer").is_some() => handler.field("initializer"),
        "if_statement" => {
            let mut s = handler.prev_named_sibling();
            while let Some(c) = s.filter(|c| c.kind_name().contains("comment")) {
                s = c.prev_named_sibling();
            }
            s
        }
        // TS `p.catch(() => {})` is reported at `catch`: the promise it is on.
        "property_identifier" => parent
            .filter(|p| p.kind_name() == "member_expression")
            .and_then(|p| p.field("object")),
        // Rust `match f() { Err(_) => {} }`: the matched value.
        "match_arm" => parent?.parent()?.field("value"),
        // Rust `if let Err(_) = f() {}`.
        "if_expression" => handler.field("condition"),
        _ => None,
    }
}

/// The first call in `region` whose failure matters: a request that changes
/// state on another service, a write (database, queue, object store) or an
/// email send, with what it is for the issue text. Reads are not: a read that
/// falls back to a default is a probe.
pub(super) fn consequential<'t>(
    cx: &Cx<'_, 't>,
    region: Node<'t>,
) -> Option<(Node<'t>, &'static str)> {
    // Bounded: a handler guards a few statements, not a file.
    descendants(region).take(4_000).find_map(|d| {
        if !matches!(
            d.kind_name(),
            "call" | "call_expression" | "method_invocation" | "await_expression"
        ) {
            return None;
        }
        // A read with a fallback (`except: return "unknown"` around a status
        // GET) is a probe; a request that changes state is not.
        if let Some(req) = crate::model::interaction::http_request(cx, d) {
            return mutating(cx, &req).then_some((d, "HTTP request that changes state"));
        }
        let name = cx.callee_name(d);
        if MAIL_SENDS.contains(&name) {
            return Some((d, "email send"));
        }
        if !writes::is_write_verb(name) {
            return None;
        }
        let call = cx.m.call(d, None)?;
        writes::write_kind(cx.m, &call).map(|k| (d, k.noun()))
    })
}

/// A request that changes state: a mutating verb, or a generic call (`fetch`,
/// `request`) whose options name a mutating method.
fn mutating(cx: &Cx, req: &crate::model::interaction::HttpRequest) -> bool {
    if req.mutates() {
        return true;
    }
    if !matches!(
        req.verb.as_str(),
        "fetch" | "request" | "urlopen" | "exchange" | "send"
    ) {
        return false;
    }
    let text = cx.text(req.call.node).to_ascii_uppercase();
    ["POST", "PUT", "PATCH", "DELETE"]
        .iter()
        .any(|m| text.contains(&format!("'{m}'")) || text.contains(&format!("\"{m}\"")))
}

/// Mail senders: nodemailer/Django/SendGrid-style calls whose failure loses a
/// message someone was owed.
const MAIL_SENDS: &[&str] = &[
    "sendMail",
    "send_mail",
    "sendEmail",
    "send_email",
    "send_mass_mail",
];

/// Whether a promise `.catch(() => null)` gives its fallback to a variable or
/// returns it: `const t = await tokens.delete(…).catch(() => null); if (!t) …`
/// maps a failure to an absent value the code then checks, a decision the code
/// makes visible.
pub(super) fn fallback_used(handler: Node) -> bool {
    if handler.kind_name() != "property_identifier" {
        return false;
    }
    let mut n = handler.parent().and_then(|m| m.parent());
    for _ in 0..3 {
        let Some(p) = n.and_then(|c| c.parent()) else {
            return false;
        };
        match p.kind_name() {
            "await_expression" | "parenthesized_expression" => n = Some(p),
            "variable_declarator" | "assignment_expression" | "return_statement" => return true,
            _ => return false,
        }
    }
    false
}

/// Whether the handler explains itself: a comment inside its body (`// the
/// cache is optional`, `# best effort`), the mark of a deliberate decision. A
/// handler whose comments admit a gap (`TODO: alert us`, `FIXME`) is not explained.
pub(super) fn explained(cx: &Cx, handler: Node) -> bool {
    let call = match handler.kind_name() {
        "call_expression" => Some(handler),
        // `.catch` of `p.catch(() => {})`.
        "property_identifier" => handler.parent().and_then(|m| m.parent()),
        _ => None,
    };
    let body = match call {
        // `.catch(() => { /* ignore */ })`: the callback's body.
        Some(c) => c
            .field("arguments")
            .and_then(|a| a.named_child(0))
            .and_then(|f| f.field("body")),
        None => Some(handler),
    };
    let Some(body) = body else { return false };
    // Lines below the clause: a marker on the clause line (`except Exception:
    // # noqa`) is not an explanation of what the handler does.
    let clause_row = handler.start_position().row;
    let comments: Vec<String> = descendants(body)
        .take(2_000)
        .filter(|d| d.kind_name().contains("comment") && d.start_position().row > clause_row)
        .map(|d| cx.text(d).to_ascii_lowercase())
        .collect();
    let admits_gap = comments.iter().any(|t| {
        ["todo", "fixme", "xxx", "hack"]
            .iter()
            .any(|w| t.contains(w))
    });
    !comments.is_empty() && !admits_gap
}
