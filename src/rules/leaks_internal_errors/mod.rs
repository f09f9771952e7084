//! RES011 leaks-internal-errors.

use crate::semantic::KindName as _;
mod cases;

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct LeaksInternalErrors;

static META: Meta = Meta {
    id: "RES011",
    name: "leaks-internal-errors",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java],
    refs: &["F8"],
    title: "Exception details are sent to the client",
    preview: true,
    docs: Docs {
        what: "Flags exception details sent in a response: Python `HTTPException(..., \
detail=str(e))`, `detail=f\"…{e}\"`, and `str(e)`/`repr(e)`/`traceback.format_exc()` returned or \
passed to `jsonify`/`JSONResponse`/`Response` from an except block; TS `res.status(…).send/json(err)`, \
`err.message` or `err.stack` in a response from a catch block or an error middleware; Go \
`http.Error(w, err.Error(), <5xx status>)` and gin `c.JSON(5xx, …err.Error()…)` (LOW: 4xx \
validation messages are fine); Java `ResponseEntity…body(e.getMessage())` in a catch block.\n\nNot flagged: a 4xx answer \
(`status=400`, `status_code=422`, a returned `(body, 400)` tuple, `ResponseEntity.badRequest()`), \
whose message is meant for the caller; a clause that catches only failures raised with a message \
for the caller (validation, invalid input, not found, permission, conflict, rate limit: \
`except ValidationError`, `catch (IllegalArgumentException e)`); an endpoint only the instance's \
administrators reach (an admin guard on the handler or its class: `Depends(check_admin)`, \
`@admin_required`, `@staff_member_required`, `BaseAdminController`; or an `admin` directory or \
module; a Go or TS route registered behind an administrators' middleware: \
`users.Use(session.MustAdmin())` on its gin group, `r.With(adminOnly).Group(…)` in chi, \
`router.use('/settings', isAuthenticated(Permission.ADMIN), settingsRoutes)`, followed through \
setup functions and mounted routers), whose error text goes to the operators who need it; a Go \
error from encoding or writing the response (`json.Marshal`, `w.Write`, `fmt.Fprintf(w, …)`), \
which names a type or a closed connection and, for a write, never reaches the client. One \
finding per line.",
        why: "An exception's text is written for developers: it carries SQL, table and column \
names, hostnames, file paths, library versions and sometimes data. Sent to clients it maps the \
system for attackers, and raw error strings quietly become an API that clients start to parse.",
        example: "except Exception as e:\n    raise HTTPException(status_code=500, detail=str(e))",
        use_instead: "except Exception:\n    logger.exception(\"order lookup failed\", extra={\"order\": order_id})\n    raise HTTPException(status_code=500, detail=\"internal error\")",
    },
};

/// Names code gives a caught exception.
const ERROR_NAMES: &[&str] = &["e", "ex", "exc", "err", "error", "exception"];

/// The exception detail a piece of code exposes, if any: `str(e)`, `{e}`,
/// `traceback.format_exc()`, `err.message`, `e.getMessage()`.
fn exposed(text: &str, lang: Lang) -> Option<String> {
    if text.contains("format_exc(")
        || text.contains("format_exception(")
        || text.contains("getStackTrace")
    {
        return Some("the stack trace".into());
    }
    for name in ERROR_NAMES {
        let found = match lang {
            Lang::Python => [
                format!("str({name})"),
                format!("repr({name})"),
                format!("{{{name}}}"),
                format!("{{{name}!r}}"),
                format!("{name}.args"),
            ]
            .into_iter()
            .find(|p| text.contains(p.as_str())),
            Lang::Java => [
                format!("{name}.getMessage()"),
                format!("{name}.toString()"),
                format!("{name}.getLocalizedMessage()"),
            ]
            .into_iter()
            .find(|p| text.contains(p.as_str())),
            Lang::Go => [format!("{name}.Error()")]
                .into_iter()
                .find(|p| text.contains(p.as_str())),
            _ => [
                format!("{name}.message"),
                format!("{name}.stack"),
                format!("${{{name}}}"),
            ]
            .into_iter()
            .find(|p| text.contains(p.as_str()))
            .or_else(|| {
                // `res.json(err)`: the whole error object.
                let bare = text.trim_start_matches('(').trim_end_matches(')').trim();
                (bare == *name
                    || bare.starts_with(&format!("{name},"))
                    || text.contains(&format!("error: {name}}}"))
                    || text.contains(&format!("error: {name} }}")))
                .then(|| name.to_string())
            }),
        };
        if let Some(f) = found {
            return Some(format!("`{f}`"));
        }
    }
    None
}

/// `400`…`499` or a named 4xx status.
fn is_client_error(status: &str) -> bool {
    let s = status.trim();
    (s.len() == 3 && s.starts_with('4') && s.chars().all(|c| c.is_ascii_digit()))
        || [
            "BAD_REQUEST",
            "NOT_FOUND",
            "UNAUTHORIZED",
            "FORBIDDEN",
            "CONFLICT",
            "UNPROCESSABLE",
            "TOO_MANY_REQUESTS",
            "NOT_ACCEPTABLE",
            "GONE",
            "PRECONDITION",
            "badRequest()",
            "notFound()",
            "unprocessableEntity()",
        ]
        .iter()
        .any(|n| s.contains(n))
}

/// An exception type whose message is written for the caller: a validation,
/// lookup or permission failure the code raises on purpose with a message about
/// the request, not about the system.
fn message_for_caller(ty: &str) -> bool {
    const WORDS: &[&str] = &[
        "Validation",
        "Invalid",
        "NotFound",
        "DoesNotExist",
        "PermissionDenied",
        "Forbidden",
        "Unauthorized",
        "Unauthenticated",
        "BadRequest",
        "IllegalArgument",
        "ValueError",
        "Conflict",
        "AlreadyExists",
        "Duplicate",
        "NotAllowed",
        "QuotaExceeded",
        "LimitExceeded",
        "RateLimit",
    ];
    WORDS.iter().any(|w| ty.contains(w))
}

/// The status a Python response is sent with: a `status`/`status_code`
/// argument, `HTTPException`'s first argument, or the second item of a
/// returned `(body, status)` tuple.
fn python_status<'t>(cx: &Cx<'_, 't>, node: Node<'t>, name: &str) -> Option<&'t str> {
    // The response call: the node itself, or the call a `return` hands back
    // (`return JsonResponse(…, status=400)`).
    let response = match cx.event {
        Event::Return => node.named_child(0).filter(|v| v.kind_name() == "call"),
        _ => Some(node),
    };
    if let Some(call) = response.and_then(|r| cx.call(r)) {
        // `HTTPException(500, …)`; `make_response(body, 502)`, `Response(body, 500)`.
        let name = match cx.event {
            Event::Return => cx.callee_name(call.node),
            _ => name,
        };
        let positional = match name {
            "HTTPException" => Some(0),
            "make_response" | "Response" | "JSONResponse" => Some(1),
            _ => None,
        };
        let first = positional.and_then(|i| call.positional(i));
        let status = call
            .kwarg("status_code")
            .or_else(|| call.kwarg("status"))
            .or(first);
        if let Some(s) = status {
            return Some(cx.text(s));
        }
    }
    // `return body, 400`: the node is the return, or the body inside it.
    let list = if cx.event == Event::Return {
        node.named_child(0)
    } else {
        node.parent()
    }?;
    if !matches!(list.kind_name(), "expression_list" | "tuple") {
        return None;
    }
    let mut cursor = list.walk();
    let mut items = list.named_children(&mut cursor);
    let first = items.next()?;
    if cx.event == Event::Call && first.id() != node.id() {
        return None;
    }
    items.next().map(|s| cx.text(s))
}

/// Whether the Go error answered by `call` comes from encoding the response
/// (`json.Marshal`) or writing it (`w.Write`, `fmt.Fprintf(w, …)`,
/// `json.NewEncoder(w).Encode`): an encoder's error names a Go type, and a
/// failed write means the client is gone; neither carries the system's
/// internals to anyone.
fn go_error_says_nothing<'t>(cx: &Cx<'_, 't>, call: Node<'t>) -> bool {
    // The `if err != nil` the answer sits in, and the statement that set `err`:
    // the `if`'s initializer or the statement before it.
    let Some(branch) = std::iter::successors(call.parent(), |n| n.parent())
        .take(6)
        .find(|n| n.kind_name() == "if_statement")
    else {
        return false;
    };
    let Some(source) = branch.child_by_field_name("initializer").or_else(|| {
        std::iter::successors(branch.prev_named_sibling(), |n| n.prev_named_sibling())
            .take(8)
            .find(|n| n.kind_name() != "comment")
    }) else {
        return false;
    };
    if !matches!(
        source.kind_name(),
        "short_var_declaration" | "assignment_statement" | "expression_statement"
    ) {
        return false;
    }
    let Some(set) = crate::semantic::descendants(source)
        .take(200)
        .find(|n| n.kind_name() == "call_expression")
    else {
        return false;
    };
    let callee = set
        .child_by_field_name("function")
        .map_or("", |f| cx.text(f));
    let first_arg = set
        .child_by_field_name("arguments")
        .and_then(|a| a.named_child(0))
        .map_or("", |a| cx.text(a));
    // The handler's response writer: `w http.ResponseWriter`, gin's `c.Writer`.
    let writer = |t: &str| {
        cx.function().is_some_and(|f| {
            f.params.iter().any(|p| {
                p.name == t
                    && p.ty
                        .as_deref()
                        .is_some_and(|ty| ty.contains("ResponseWriter"))
            })
        }) || t.ends_with(".Writer")
    };
    let name = crate::semantic::last_name(callee);
    match name {
        "Marshal" | "MarshalIndent" => callee.starts_with("json.") || callee.starts_with("xml."),
        "Write" | "WriteString" => callee
            .rsplit_once('.')
            .is_some_and(|(receiver, _)| writer(receiver)),
        "Fprintf" | "Fprint" | "Fprintln" | "Copy" => writer(first_arg),
        "Encode" => callee
            .split_once("NewEncoder(")
            .and_then(|(_, rest)| rest.split(')').next())
            .is_some_and(writer),
        _ => false,
    }
}

impl Rule for LeaksInternalErrors {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call, Event::Return]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let lang = cx.m.lang;
        // A returned error body is a response only where a handler's return
        // value is the response (Python); elsewhere a response is a call.
        if cx.event == Event::Return && lang != Lang::Python {
            return;
        }
        let (what, low) = match lang {
            Lang::Python => {
                let name = cx.callee_name(node);
                // A 4xx answer carries a message meant for the caller (asked
                // once the node is known to be a response).
                let client_error = || python_status(cx, node, name).is_some_and(is_client_error);
                if cx.event == Event::Return {
                    // `return {"error": str(e)}` from an except block of a handler.
                    if !cx.in_catch() || !cx.in_request_handler() || client_error() {
                        return;
                    }
                    (exposed(cx.text(node), lang), false)
                } else {
                    let response = matches!(
                        name,
                        "HTTPException"
                            | "jsonify"
                            | "JSONResponse"
                            | "Response"
                            | "make_response"
                            | "JsonResponse"
                            | "HttpResponse"
                    );
                    if !response || client_error() {
                        return;
                    }
                    let Some(call) = cx.call(node) else { return };
                    let detail = call
                        .kwarg("detail")
                        .or_else(|| call.kwarg("content"))
                        .map(|d| cx.text(d));
                    let text = match (name, detail) {
                        ("HTTPException", Some(d)) => d.to_string(),
                        ("HTTPException", None) => call
                            .positional(1)
                            .map(|d| cx.text(d).to_string())
                            .unwrap_or_default(),
                        _ if cx.in_catch() => cx.text(node).to_string(),
                        _ => return,
                    };
                    (exposed(&text, lang), false)
                }
            }
            Lang::Go => {
                let name = cx.callee_name(node);
                if !matches!(name, "Error" | "JSON" | "String" | "AbortWithStatusJSON") {
                    return;
                }
                let Some(call) = cx.call(node) else { return };
                let (status, body) = match name {
                    "Error" if call.target.as_deref() == Some("net/http.Error") => {
                        (call.positional(2), call.positional(1))
                    }
                    "JSON" | "String" | "AbortWithStatusJSON" if call.positional_count() >= 2 => {
                        (call.positional(0), call.positional(1))
                    }
                    _ => return,
                };
                let server_error = status.is_some_and(|s| {
                    let t = cx.text(s);
                    t.starts_with('5')
                        || t.contains("StatusInternalServerError")
                        || t.contains("StatusBadGateway")
                        || t.contains("StatusServiceUnavailable")
                });
                if !server_error || go_error_says_nothing(cx, node) {
                    return;
                }
                (body.and_then(|b| exposed(cx.text(b), lang)), true)
            }
            Lang::Java => {
                if cx.callee_name(node) != "body" || !cx.in_catch() {
                    return;
                }
                let Some(call) = cx.call(node) else { return };
                // `ResponseEntity.badRequest().body(e.getMessage())`: a 4xx answer.
                let chain = node.field("object").map(|o| cx.text(o)).unwrap_or("");
                if is_client_error(chain)
                    || chain
                        .split("status(")
                        .nth(1)
                        .is_some_and(|s| is_client_error(s.split(')').next().unwrap_or("")))
                {
                    return;
                }
                (
                    call.positional(0).and_then(|b| exposed(cx.text(b), lang)),
                    false,
                )
            }
            _ => {
                // `res.status(500).json(err)`, `res.send(err.message)` in a catch
                // block or an error middleware `(err, req, res, next)`.
                if !matches!(cx.callee_name(node), "json" | "send" | "end") {
                    return;
                }
                let error_middleware = cx.function().is_some_and(|f| {
                    f.params.len() == 4 && ERROR_NAMES.contains(&f.params[0].name.as_str())
                });
                if !cx.in_catch() && !error_middleware {
                    return;
                }
                let callee = node.field("function").map(|f| cx.text(f)).unwrap_or("");
                if !(callee.starts_with("res.")
                    || callee.starts_with("reply.")
                    || callee.starts_with("response.")
                    || callee.contains("res.status("))
                {
                    return;
                }
                // `res.status(500)` or no status: flagged; `res.status(404)` is a
                // message meant for the caller; `res.status(err.code)` is unknown.
                if let Some(pos) = callee.find("status(") {
                    let status = callee[pos + 7..].split(')').next().unwrap_or("").trim();
                    if !(status.starts_with('5') || status.contains("INTERNAL")) {
                        return;
                    }
                }
                let args = node.field("arguments").map(|a| cx.text(a)).unwrap_or("");
                (exposed(args, lang), false)
            }
        };
        let Some(what) = what else { return };
        // An endpoint only the instance's administrators reach answers its
        // operators, who need the failure's text.
        if cx.admin_only() {
            return;
        }
        // So does a route registered behind an administrators' guard, here or
        // wherever its handler, setup function or router is registered.
        let Some(route_names) = cx.route_names(node) else {
            return;
        };
        // A clause that catches only failures raised with a message for the
        // caller (validation, not found, permission) answers with that message.
        if let Some(types) = cx
            .catch_clause()
            .and_then(|c| crate::semantic::caught_types(cx.m, c))
        {
            let last = |t: &str| t.rsplit('.').next().unwrap_or(t).trim().to_string();
            if !types.is_empty() && types.iter().all(|t| message_for_caller(&last(t))) {
                return;
            }
        }
        let diag = Diag::new(
            node,
            format!("This response carries {what}: the exception's own text goes to the client."),
            "Internal details — SQL, table names, hostnames, file paths, library versions, sometimes data — reach callers and attackers, and raw error strings become an API clients start to parse.",
            "Log the exception server-side with its context, and return a generic message with a correlation ID the client can quote.",
        );
        let diag = route_names.into_iter().fold(diag, |d, name| {
            d.unless(crate::facts::Unless::AdminRoute(crate::facts::name_key(
                cx.m.lang, &name,
            )))
        });
        out.push(if low {
            diag.severity(Severity::Low)
        } else {
            diag
        });
    }

    fn cases(&self) -> Vec<Case> {
        cases::CASES.to_vec()
    }
}
