//! Go: net/http's package functions and default client, and `http.Client` literals.

use super::{found, line};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Interaction, Kind, Setting, Shape};
use crate::rules::Cx;
use crate::semantic::KindName as _;
use tree_sitter::Node;

const GO: &[Lang] = &[Lang::Go];

pub static DEFAULT_CLIENT: ClientApi = ClientApi {
    id: "go.net/http.DefaultClient",
    library: "net/http",
    lang: GO,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: "Client.Timeout",
    default: "no timeout",
    default_source: "net/http docs, Client.Timeout: \"A Timeout of zero means no timeout\"; DefaultClient has none",
    default_too_long: true,
    missing: "`{label}` {detail} Go's default HTTP client, whose `Timeout` is 0: no timeout at all.",
    disabled: "`{label}` {detail} Go's default HTTP client, whose `Timeout` is 0: no timeout at all.",
    impact: Impact::Hang,
    fix: "Create one client with a timeout and reuse it: `var client = &http.Client{Timeout: 10 * time.Second}`, then `client.Get(url)`; for a download or a stream, bound the connection instead (`Transport: &http.Transport{ResponseHeaderTimeout: 10 * time.Second}` and a dialer timeout), since `Timeout` also cuts off reading the body.",
    severity: Severity::High,
    title: None,
};

pub static CLIENT: ClientApi = ClientApi {
    id: "go.net/http.Client",
    shape: Shape::Client,
    missing: "This `http.Client{...}` has no `Timeout`; Go clients wait forever by default.",
    disabled: "This `http.Client{...}` sets `Timeout: 0`; Go clients then wait forever.",
    impact: Impact::Client,
    fix: "Set `Timeout: 10 * time.Second` (the whole exchange, including reading the body) in the literal; if the client streams or moves large files, set a `Transport` with `ResponseHeaderTimeout` and a dialer timeout instead.",
    ..DEFAULT_CLIENT
};

pub static ROWS: &[&ClientApi] = &[&DEFAULT_CLIENT, &CLIENT];

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

/// Transport fields that bound how long a request waits for its answer.
const TRANSPORT_TIMEOUTS: &[&str] = &["ResponseHeaderTimeout"];

pub(crate) fn interaction<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    match node.kind_name() {
        "call_expression" => {
            let call = cx.call(node)?;
            if !call.target_is(PACKAGE_CALLS) {
                return None;
            }
            let label = cx.call_label(&call);
            // `DefaultClient.Do(req)` with `req` from `http.NewRequestWithContext(ctx, …)`:
            // the context may carry a deadline this code cannot see.
            let mut timeout = Setting::Missing;
            if call.target.as_deref() == Some("net/http.DefaultClient.Do") {
                if let Some(req) = call.positional(0) {
                    if let Some(ctx_line) = request_with_context(cx, req) {
                        timeout = Setting::unknown("deadline from the request's context", ctx_line);
                    }
                }
            }
            let mut i = found(node, &DEFAULT_CLIENT, label, timeout)?;
            i.detail = if falls_back(cx, &call) {
                "uses, when its caller passes no client,".to_string()
            } else {
                "uses".to_string()
            };
            Some(i)
        }
        "composite_literal" => {
            let ty = node.child_by_field_name("type")?;
            if cx.resolve(ty).as_deref() != Some("net/http.Client") {
                return None;
            }
            let at = node
                .parent()
                .filter(|p| p.kind_name() == "unary_expression")
                .unwrap_or(node);
            let fields = cx.literal_fields(node);
            let timeout = if let Some(&(_, v)) = fields.iter().find(|(k, _)| *k == "Timeout") {
                Setting::Set {
                    value: cx.snippet(v, 40),
                    line: line(v),
                    disables: cx.text(v).trim() == "0",
                }
            } else if cx.field_assigned_later(node, "Timeout") {
                Setting::set("assigned later", line(node))
            } else if let Some(&(_, t)) = fields.iter().find(|(k, _)| *k == "Transport") {
                transport_setting(cx, t)
            } else {
                Setting::Missing
            };
            // Looked for only where it can matter: no timeout, or `Timeout: 0`.
            let deadline = if matches!(
                timeout,
                Setting::Missing | Setting::Set { disables: true, .. }
            ) {
                deadline_on_requests(cx, at)
            } else {
                None
            };
            let timeout = match (timeout, deadline) {
                (Setting::Missing, Some(at)) => {
                    Setting::set("deadline on each request's context", at)
                }
                // No timeout, or `Timeout: 0`, and no deadline on the requests.
                (t @ (Setting::Missing | Setting::Set { disables: true, .. }), None) => {
                    if let Some(start) = lambda_handler_file(cx) {
                        Setting::unknown(
                            "each request is built on a context, and a Lambda invocation's context carries the function's deadline",
                            start,
                        )
                    } else if matches!(t, Setting::Missing) && websocket_dialer(cx, at) {
                        Setting::unknown(
                            "a websocket library's dial and read limits govern the connection",
                            line(at),
                        )
                    } else if rpc_client_transport(cx, at) {
                        // `Timeout: 0` too: streams of such a client outlive any
                        // fixed bound, and the context bounds each call.
                        Setting::unknown(
                            "an RPC client's transport: every call carries its caller's context and deadline",
                            line(at),
                        )
                    } else {
                        t
                    }
                }
                (t, _) => t,
            };
            found(at, &CLIENT, String::new(), timeout)
        }
        _ => None,
    }
}

/// Whether the call goes through a variable that holds Go's default client
/// only as a fallback for one its caller may pass (`client := http.DefaultClient`
/// then `if httpClient != nil { client = httpClient }`, or `if client == nil {
/// client = http.DefaultClient }`).
fn falls_back(cx: &Cx, call: &crate::semantic::Call) -> bool {
    let callee = cx.text(call.callee);
    let Some((var, _)) = callee.rsplit_once('.') else {
        return false;
    };
    let var = var.trim();
    if var.is_empty() || !var.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let Some(f) = cx.function() else {
        return false;
    };
    let body = cx.text(f.node);
    let nil_check = body.contains(&format!("if {var} == nil"));
    let reassigned = body.match_indices(&format!("{var} = ")).any(|(at, _)| {
        let whole = !body[..at]
            .bytes()
            .next_back()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
        whole && !body[at..].starts_with(&format!("{var} = http.DefaultClient"))
    });
    nil_check || reassigned
}

/// Whether a client literal is handed straight to a generated RPC client's
/// constructor (connect-go: `xv1connect.NewVaultServiceClient(&http.Client{},
/// url)`, `connect.NewClient[Req, Res](&http.Client{}, url)`): every call of
/// that client takes a context, whose deadline bounds it, and the code cannot
/// be called without one.
fn rpc_client_transport(cx: &Cx, client: Node) -> bool {
    let Some(call) = client
        .parent()
        .filter(|p| p.kind_name() == "argument_list")
        .filter(|a| a.named_child(0).is_some_and(|c| c.id() == client.id()))
        .and_then(|a| a.parent())
        .filter(|c| c.kind_name() == "call_expression")
    else {
        return false;
    };
    let Some(call) = cx.call(call) else {
        return false;
    };
    let target = call.target.as_deref().unwrap_or("");
    let (package, name) = target.rsplit_once('.').unwrap_or(("", target));
    let name = name.split('[').next().unwrap_or(name);
    name.starts_with("New")
        && name.ends_with("Client")
        && (package.ends_with("connect") || package == "connectrpc.com/connect")
}

/// Whether a client literal is the `HTTPClient` of a websocket library's
/// options (`websocket.DialOptions{HTTPClient: …}`,
/// `graphql.WebsocketOptions{HTTPClient: …}`): it only dials the upgrade, under
/// the library's own dial and read limits, and a `Timeout` would cut the
/// long-lived socket.
fn websocket_dialer(cx: &Cx, client: Node) -> bool {
    let Some(keyed) = client
        .parent()
        .filter(|p| p.kind_name() == "literal_element")
        .and_then(|e| e.parent())
        .filter(|k| k.kind_name() == "keyed_element")
    else {
        return false;
    };
    if keyed
        .child_by_field_name("key")
        .is_none_or(|k| cx.text(k).trim() != "HTTPClient")
    {
        return false;
    }
    keyed
        .parent()
        .and_then(|body| body.parent())
        .filter(|lit| lit.kind_name() == "composite_literal")
        .and_then(|lit| lit.child_by_field_name("type"))
        .is_some_and(|ty| cx.text(ty).to_ascii_lowercase().contains("websocket"))
}

/// What a client's `Transport:` says about waiting: a `&http.Transport{…}`
/// literal with `ResponseHeaderTimeout` bounds it, one without does not, and a
/// transport built elsewhere is unknown.
fn transport_setting(cx: &Cx, value: Node) -> Setting {
    if cx.text(value).trim() == "nil" {
        return Setting::Missing;
    }
    let literal = if value.kind_name() == "unary_expression" {
        value.named_child(0).unwrap_or(value)
    } else {
        value
    };
    if literal.kind_name() != "composite_literal" {
        // A wrapper around Go's default transport (`otelhttp.NewTransport(http.DefaultTransport)`)
        // inherits its missing response timeout.
        if cx.text(value).contains("DefaultTransport") {
            return Setting::Missing;
        }
        return Setting::unknown("transport built elsewhere", line(value));
    }
    let fields = cx.literal_fields(literal);
    match fields.iter().find(|(k, _)| TRANSPORT_TIMEOUTS.contains(k)) {
        Some(&(k, v)) => Setting::set(&format!("Transport.{k}"), line(v)),
        None => match fields
            .iter()
            .find(|(k, v)| matches!(*k, "Dial" | "DialContext") && dials_unix(cx.text(*v)))
        {
            // `DialContext: … dialer.DialContext(ctx, "unix", path)`: every
            // request goes to a process on this machine, as a Unix-socket
            // server takes only local clients.
            Some(&(_, v)) => Setting::unknown("the transport dials a Unix socket", line(v)),
            None => Setting::Missing,
        },
    }
}

/// A dial function's text that dials a Unix socket (`"unix"` as the network).
fn dials_unix(t: &str) -> bool {
    t.contains("\"unix\"") || t.contains("\"unixpacket\"")
}

/// Where the function that builds the client gives its requests a deadline:
/// a `context.WithTimeout`/`WithDeadline` context that the requests it builds
/// carry (`http.NewRequestWithContext(ctx, …)`, `req.WithContext(ctx)`), or
/// a request builder of the same file that does (`req, cancel, err :=
/// createPostRequest(ctx, url, body)`).
fn deadline_on_requests(cx: &Cx, literal: Node) -> Option<usize> {
    if let Some(var) = package_var_of(cx, literal) {
        return uses_with_deadline(cx, &format!("{var}."), false);
    }
    let f = cx.function()?;
    deadline_line(cx, f.node)
        .or_else(|| field_uses_with_deadline(cx, literal))
        .or_else(|| {
            cx.called_helpers(f)
                .filter(|g| g.parent.is_none())
                .find_map(|g| deadline_line(cx, g.node))
        })
        .or_else(|| callers_give_deadline(cx, f))
}

/// A Go Lambda function's file (it hands its handler to `lambda.Start…`)
/// whose requests are built on a context (`NewRequestWithContext(ctx, …)`):
/// the invocation's context carries the function's configured deadline. The
/// line of the `lambda.Start…` call.
fn lambda_handler_file(cx: &Cx) -> Option<usize> {
    let src = cx.m.src;
    if !src.contains("\"github.com/aws/aws-lambda-go/lambda\"")
        || !(src.contains("NewRequestWithContext(") || src.contains(".WithContext("))
    {
        return None;
    }
    let at = src.find("lambda.Start")?;
    Some(src[..at].matches('\n').count() + 1)
}

/// A function that builds its requests on a context handed to it (`func (hc
/// httpCheck) check(ctx context.Context, …)` with `NewRequestWithContext(ctx,
/// …)`), which every caller in the file gives a deadline (`ctx, cancel :=
/// context.WithTimeout(…)` then `chk.check(ctx, …)`): the line of the first
/// such deadline. None where no caller in the file shows one.
fn callers_give_deadline(cx: &Cx, f: &crate::semantic::Function) -> Option<usize> {
    if !builds_on_context_param(cx, f) {
        return None;
    }
    super::callers_showing(cx, f, &["context.WithTimeout(", "context.WithDeadline("])?
}

/// Whether function `f` builds its requests on a context it is handed
/// (`func send(ctx context.Context, …)` with `http.NewRequestWithContext(ctx,
/// …)` or `req.WithContext(ctx)`).
pub(crate) fn builds_on_context_param(cx: &Cx, f: &crate::semantic::Function) -> bool {
    let body = cx.text(f.node);
    // The first argument after the call's opening parenthesis, however the
    // call is laid out (`NewRequestWithContext(\n\t\tctx,`).
    let first_args = |call: &'static str| {
        body.match_indices(call).filter_map(move |(at, _)| {
            let rest = body[at + call.len()..].trim_start();
            let end = rest.find([',', ')'])?;
            Some((rest[..end].trim(), rest.as_bytes()[end]))
        })
    };
    f.params.iter().any(|p| {
        !p.name.is_empty()
            && (first_args("NewRequestWithContext(").any(|(a, end)| a == p.name && end == b',')
                || first_args(".WithContext(").any(|(a, end)| a == p.name && end == b')'))
    })
}

/// A client kept in a struct field (`httpClient: &http.Client{}` in the
/// constructor's literal, or `httpClient := &http.Client{}` then
/// `httpClient: httpClient`): when every function of the file that sends
/// through that field (`n.httpClient.Do(req)`) builds its request on a
/// context with a deadline, each request is bounded.
fn field_uses_with_deadline(cx: &Cx, literal: Node) -> Option<usize> {
    let (receiver, field) = kept_in(cx, literal)?;
    uses_with_deadline(cx, &receiver, field)
}

/// How the file's code reaches a client literal kept for later: through the
/// struct field it is stored in (`.httpClient.`), or through the getter
/// returning it (`func (n *Notifier) client() *http.Client { … return
/// &http.Client{…} }`: `.client().`; a plain function's `client().`), with
/// whether the receiver is a field's or a method's (any expression before it).
fn kept_in(cx: &Cx, literal: Node) -> Option<(String, bool)> {
    if let Some(field) = struct_field_of(cx, literal) {
        return Some((format!(".{field}."), true));
    }
    let ret = literal
        .parent()
        .filter(|p| p.kind_name() == "expression_list")
        .unwrap_or(literal)
        .parent()
        .filter(|p| p.kind_name() == "return_statement")?;
    let f = cx.function()?;
    // The getter itself: the return is its own (not a closure's), and it takes nothing.
    let own = std::iter::successors(ret.parent(), |n| n.parent())
        .find(|n| {
            matches!(
                n.kind_name(),
                "function_declaration" | "method_declaration" | "func_literal"
            )
        })
        .is_some_and(|n| n.id() == f.node.id());
    if !own || !f.params.is_empty() || f.name.is_empty() || f.name.starts_with('<') {
        return None;
    }
    Some(if f.node.kind_name() == "method_declaration" {
        (format!(".{}().", f.name), true)
    } else {
        (format!("{}().", f.name), false)
    })
}

/// The functions of the file that send through the struct field a client
/// literal is stored in, when every one builds its requests on
/// the context it is handed (`func (n *Notifier) Notify(ctx context.Context,
/// …)` with `http.NewRequestWithContext(ctx, …)`): their names, whose callers' deadlines,
/// in whichever file, bound the client's requests. None where one does not,
/// or none sends through it.
pub(crate) fn field_senders_on_context(cx: &Cx, literal: Node) -> Option<Vec<String>> {
    let (receiver, field) = kept_in(cx, literal)?;
    let senders = senders_through(cx, &receiver, field);
    if senders.is_empty() || !senders.iter().all(|g| builds_on_context_param(cx, g)) {
        return None;
    }
    Some(senders.iter().map(|g| g.name.clone()).collect())
}

/// The package-level variable a client literal is the value of (`var
/// HTTPClient = &http.Client{…}`).
fn package_var_of<'t>(cx: &Cx<'_, 't>, literal: Node<'t>) -> Option<&'t str> {
    let spec = literal
        .parent()
        .filter(|p| p.kind_name() == "expression_list")
        .and_then(|l| l.parent())
        .filter(|s| s.kind_name() == "var_spec")?;
    // `var x = …`, or one spec of `var ( … )`, at the top of the file.
    let top = std::iter::successors(spec.parent(), |n| n.parent())
        .take(2)
        .find(|n| n.kind_name() == "var_declaration")
        .and_then(|d| d.parent())
        .is_some_and(|f| f.kind_name() == "source_file");
    let name = cx.text(spec.child_by_field_name("name")?).trim();
    (top && !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then_some(name)
}

/// When every top-level function of the file that sends through a client
/// (`receiver` then a verb: `.httpClient.` for a field, `HTTPClient.` for a
/// package variable, where no name character or dot comes before it) builds
/// its request on a context with a deadline: the first such deadline's line.
fn uses_with_deadline(cx: &Cx, receiver: &str, field: bool) -> Option<usize> {
    let uses = senders_through(cx, receiver, field);
    if uses.is_empty() {
        return None;
    }
    let lines: Vec<usize> = uses
        .iter()
        .map(|g| deadline_line(cx, g.node))
        .collect::<Option<_>>()?;
    lines.into_iter().min()
}

/// The top-level functions of the file (at most 32) that send through a
/// client by `receiver` then a verb (`.httpClient.Do(` for a field;
/// `HTTPClient.Do(` for a package variable, where no name character or dot
/// comes before it).
fn senders_through<'a, 't>(
    cx: &Cx<'a, 't>,
    receiver: &str,
    field: bool,
) -> Vec<&'a crate::semantic::Function<'t>> {
    if !cx.m.src.contains(receiver.trim_end_matches('.')) {
        return Vec::new();
    }
    let calls: Vec<String> = ["Do(", "Get(", "Post(", "Head(", "PostForm("]
        .iter()
        .map(|verb| format!("{receiver}{verb}"))
        .collect();
    // A field handed on to a helper that sends (`doWithRetry(ctx,
    // w.httpClient, req)`) is sent through too.
    let handed: Vec<String> = if field {
        [",", ")"]
            .iter()
            .map(|end| format!("{}{end}", receiver.trim_end_matches('.')))
            .collect()
    } else {
        Vec::new()
    };
    let sends = |body: &str| {
        calls.iter().any(|call| {
            body.match_indices(call.as_str()).any(|(at, _)| {
                field
                    || !body[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
            })
        }) || handed.iter().any(|h| body.contains(h.as_str()))
    };
    cx.m.functions
        .iter()
        .filter(|g| g.parent.is_none())
        .filter(|g| sends(cx.text(g.node)))
        .take(32)
        .collect()
}

/// The struct field a client literal is stored in: the key of the keyed
/// element it is the value of (`httpClient: &http.Client{}`), or of the one
/// the enclosing function gives the variable it is declared into
/// (`httpClient := &http.Client{}` … `httpClient: httpClient`).
fn struct_field_of<'t>(cx: &Cx<'_, 't>, literal: Node<'t>) -> Option<&'t str> {
    let plain = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_');
    // The key of the keyed element whose value is `element`.
    let keyed_key = |element: Node<'t>| -> Option<&'t str> {
        let keyed = element
            .parent()
            .filter(|k| k.kind_name() == "keyed_element")?;
        let key = keyed.child_by_field_name("key")?;
        (key.id() != element.id())
            .then(|| cx.text(key).trim())
            .filter(|k| plain(k))
    };
    if let Some(key) = literal
        .parent()
        .filter(|p| p.kind_name() == "literal_element")
        .and_then(keyed_key)
    {
        return Some(key);
    }
    // `svc.client = &http.Client{…}`: the field assigned.
    if let Some(assign) = literal
        .parent()
        .filter(|p| p.kind_name() == "expression_list")
        .and_then(|l| l.parent())
        .filter(|d| d.kind_name() == "assignment_statement")
    {
        let left = assign.child_by_field_name("left")?;
        let target = crate::semantic::named_children(left).next()?;
        if target.kind_name() != "selector_expression" {
            return None;
        }
        let field = cx.text(target.child_by_field_name("field")?).trim();
        return plain(field).then_some(field);
    }
    let decl = literal
        .parent()
        .filter(|p| p.kind_name() == "expression_list")
        .and_then(|l| l.parent())
        .filter(|d| d.kind_name() == "short_var_declaration")?;
    let var = cx.text(decl.child_by_field_name("left")?).trim();
    if !plain(var) {
        return None;
    }
    let f = cx.function()?;
    crate::semantic::descendants(f.node)
        .filter(|n| n.kind_name() == "literal_element" && n.start_byte() > decl.end_byte())
        .filter(|n| cx.text(*n).trim() == var)
        .find_map(keyed_key)
}

/// The line of the first `context.WithTimeout`/`WithDeadline` in `node`, when
/// `node` also builds its requests on a context.
fn deadline_line(cx: &Cx, node: Node) -> Option<usize> {
    let body = cx.text(node);
    let deadline = ["context.WithTimeout(", "context.WithDeadline("]
        .iter()
        .filter_map(|d| body.find(d))
        .min()?;
    let carries = body.contains("NewRequestWithContext(") || body.contains(".WithContext(");
    carries.then(|| super::line_within(node, body, deadline))
}

/// Where `req` is given a context, which may carry a deadline: built by
/// `http.NewRequestWithContext(ctx, …)` or by a helper handed the context
/// (`buildTokenRequest(ctx, …)`), or given one afterwards (`req =
/// req.WithContext(ctx)`, `Do(req.WithContext(ctx))`).
fn request_with_context(cx: &Cx, req: Node) -> Option<usize> {
    let name = cx.text(req);
    if name.contains(".WithContext(") {
        return Some(line(req));
    }
    let scope = cx.m.function_at(cx.frame);
    if let Some(value) = cx.m.binding(scope, name) {
        let text = cx.text(value);
        if text.contains("NewRequestWithContext") {
            return Some(line(value));
        }
        // A helper that builds the request from a context.
        if value.kind_name() == "call_expression"
            && !text.starts_with("http.NewRequest(")
            && value.child_by_field_name("arguments").is_some_and(|args| {
                crate::semantic::named_children(args).any(|a| {
                    let t = cx.text(a);
                    t == "ctx" || t.ends_with("Ctx") || t.ends_with(".Context()")
                })
            })
        {
            return Some(line(value));
        }
    }
    // A request handed in (`func (c *Client) do(req *http.Request)`): its
    // callers built it. Given a context where every caller in the file builds
    // it on one; unknown too where no caller in the file shows how.
    let scope = scope?;
    let helper = cx.m.function(scope);
    if helper.params.iter().any(|p| p.name == name) {
        return callers_give_context(cx, scope);
    }
    // `req = req.WithContext(ctx)` before the call, in the same function.
    let body = helper.node;
    let src = cx.text(body);
    let given = format!("{name} = {name}.WithContext(");
    let at = src.find(&given)?;
    Some(super::line_within(body, src, at))
}

/// For a helper handed its request: the line of the first caller in the file
/// (a function calling it by name) that builds its requests on a context, when
/// every such caller does; the helper's own line when the file shows none.
fn callers_give_context(cx: &Cx, helper: crate::semantic::FuncId) -> Option<usize> {
    let f = cx.m.function(helper);
    let first = super::callers_showing(cx, f, &["NewRequestWithContext(", ".WithContext("])?;
    Some(first.unwrap_or_else(|| line(f.node)))
}
