//! TypeScript/JavaScript on the backend: `fetch` (Node's and polyfills) and axios.

use super::{found, line};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Interaction, Kind, Setting, Shape};
use crate::rules::Cx;
use crate::semantic::ts::object_keys;
use crate::semantic::KindName as _;
use tree_sitter::Node;

const TS: &[Lang] = &[Lang::TypeScript, Lang::Tsx, Lang::JavaScript];

pub static FETCH: ClientApi = ClientApi {
    id: "ts.fetch",
    library: "Node fetch (undici)",
    lang: TS,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: "signal",
    default: "300 seconds without response headers",
    default_source: "undici docs, headersTimeout: 300e3 ms",
    default_too_long: true,
    missing: "`{label}` has no `signal`; Node's fetch gives up only after 300 seconds without response headers.",
    disabled: "`{label}` has no `signal`; Node's fetch gives up only after 300 seconds without response headers.",
    impact: Impact::Hang,
    fix: "Pass `signal: AbortSignal.timeout(10_000)` in the init object, sized to the call; for a streamed or long-running response, abort only while waiting for the headers (an `AbortController` whose timer is cleared once `fetch` resolves), or forward the incoming request's `signal`.",
    severity: Severity::Medium,
    title: None,
};

pub static FETCH_POLYFILL: ClientApi = ClientApi {
    id: "ts.fetch.polyfill",
    library: "node-fetch/cross-fetch",
    default: "no timeout",
    default_source: "node-fetch docs: the `timeout` option is gone in v3; without a signal a request never times out",
    missing: "`{label}` has no `signal`; {detail} never times out on its own.",
    disabled: "`{label}` has no `signal`; {detail} never times out on its own.",
    severity: Severity::High,
    ..FETCH
};

pub static AXIOS: ClientApi = ClientApi {
    id: "ts.axios",
    library: "axios",
    lang: TS,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: "timeout",
    default: "no timeout (0)",
    default_source: "axios docs, Request Config: `timeout` default is 0 (no timeout)",
    default_too_long: true,
    missing: "`{label}` has no `timeout`; axios's default is 0, no timeout.",
    disabled: "`{label}` sets `timeout: 0`; axios then waits forever.",
    impact: Impact::Hang,
    fix: "Create one instance with `axios.create({ baseURL, timeout: 10_000 })` and call through it, or pass `{ timeout: 10_000 }`.",
    severity: Severity::High,
    title: None,
};

pub static AXIOS_CREATE: ClientApi = ClientApi {
    id: "ts.axios.create",
    shape: Shape::Client,
    missing:
        "This `axios.create({...})` instance has no `timeout`; axios's default is 0, no timeout.",
    disabled: "This `axios.create({...})` instance sets `timeout: 0`; axios then waits forever.",
    impact: Impact::Client,
    fix: "Add `timeout: 10_000` (milliseconds) to the instance config.",
    ..AXIOS
};

pub static ROWS: &[&ClientApi] = &[&FETCH, &FETCH_POLYFILL, &AXIOS, &AXIOS_CREATE];

/// Whether an options argument sets `key`: `Set` with the line, `Missing`, or
/// `Unknown` (a spread, a parameter, an object built elsewhere).
fn option<'t>(cx: &Cx<'_, 't>, arg: Option<Node<'t>>, key: &str) -> Setting {
    option_in(cx, arg, key, cx.m.function_at(cx.frame))
}

/// [`option`] for a call in function `scope`.
fn option_in<'t>(
    cx: &Cx<'_, 't>,
    arg: Option<Node<'t>>,
    key: &str,
    scope: Option<crate::semantic::FuncId>,
) -> Setting {
    let Some(arg) = arg else {
        return Setting::Missing;
    };
    let obj = match arg.kind_name() {
        "object" => arg,
        "identifier" => match cx.m.binding(scope, cx.text(arg)) {
            Some(v) if v.kind_name() == "object" => v,
            _ => return Setting::unknown("options object built elsewhere", line(arg)),
        },
        _ => return Setting::unknown("options computed at run time", line(arg)),
    };
    let Some((keys, spread)) = object_keys(cx.m, obj) else {
        return Setting::unknown("options computed at run time", line(arg));
    };
    if keys.contains(&key) {
        Setting::set(key, line(obj))
    } else if spread {
        Setting::unknown("options spread from another object", line(obj))
    } else {
        Setting::Missing
    }
}

/// A `signal` set on a call, told apart by whether a timer fires it: one the
/// function arms (`AbortSignal.timeout(…)`, a `setTimeout` that aborts a
/// controller) bounds the call; one that only forwards a caller's
/// cancellation (`signal: req.signal`) ends it when the caller gives up, and
/// is no precedent a fix should point to.
fn timer_or_forwarded(cx: &Cx, setting: Setting) -> Setting {
    let Setting::Set { line, .. } = setting else {
        return setting;
    };
    let function =
        cx.m.function_at(cx.frame)
            .map(|f| cx.text(cx.m.function(f).node))
            .unwrap_or(cx.m.src);
    let timer = ["setTimeout(", "AbortSignal.timeout(", "timeout", "Timeout"]
        .iter()
        .any(|t| function.contains(t));
    if timer {
        setting
    } else {
        Setting::set(crate::model::interaction::FORWARDED_SIGNAL, line)
    }
}

/// The waits an undici `dispatcher` in a fetch's init sets: an `Agent` built
/// with `headersTimeout` or `bodyTimeout` bounds them, whether built in the
/// call (`dispatcher: new Agent({ headersTimeout: 600_000 })`), in a local or
/// in a field of this class (`this.agent = new Agent({ … })`). A dispatcher
/// from elsewhere is most often a proxy or an SSRF guard with undici's
/// defaults: `Missing` then, as with no dispatcher.
fn dispatcher_timeout<'t>(cx: &Cx<'_, 't>, init: Option<Node<'t>>) -> Setting {
    let scope = cx.m.function_at(cx.frame);
    // A local, or a field of this class (`this.agent = new Agent(…)`): the
    // value the model bound where it is assigned.
    let resolve = |n: Node<'t>| match n.kind_name() {
        "identifier" | "member_expression" => cx.m.binding(scope, cx.text(n)),
        _ => Some(n),
    };
    let Some(agent) = init
        .and_then(resolve)
        .filter(|o| o.kind_name() == "object")
        .and_then(|o| crate::semantic::ts::object_value(cx.m, o, "dispatcher"))
        .and_then(resolve)
        .filter(|v| v.kind_name() == "new_expression")
    else {
        return Setting::Missing;
    };
    let text = cx.text(agent);
    if text.contains("headersTimeout") || text.contains("bodyTimeout") {
        Setting::set("dispatcher headersTimeout", line(agent))
    } else {
        Setting::Missing
    }
}

/// The request methods of an axios instance, with the position of their
/// config argument.
const AXIOS_VERBS: &[(&str, usize)] = &[
    ("get", 1),
    ("delete", 1),
    ("head", 1),
    ("options", 1),
    ("post", 2),
    ("put", 2),
    ("patch", 2),
    ("request", 0),
];

/// The timeout of an axios instance whose every request in the file passes
/// one: the instance is bound to a name (`const api = axios.create()`, a class
/// field `pollConnection = axios.create()`, `this.api = axios.create()`), the
/// file uses that name only to send (`this.pollConnection.get(url, { timeout
/// })`) or to add interceptors, and every request's config sets `timeout`
/// (set) or is an object built elsewhere (unknown). `None` when one request
/// goes without, or the instance is handed on.
fn instance_calls_timeout(cx: &Cx, create: Node) -> Option<Setting> {
    let parent = create.parent()?;
    let name_node = match parent.kind_name() {
        "variable_declarator" | "public_field_definition" | "field_definition" => parent
            .child_by_field_name("name")
            .or_else(|| parent.child_by_field_name("property")),
        "assignment_expression" => parent
            .child_by_field_name("left")
            .filter(|l| l.kind_name() == "member_expression")
            .and_then(|l| l.child_by_field_name("property")),
        _ => None,
    }?;
    let name = cx.text(name_node);
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    {
        return None;
    }
    let src = cx.m.src;
    // Every mention of the name: its binding, a request, an interceptor.
    for (at, _) in src.match_indices(name).take(256) {
        let before = src[..at].chars().next_back();
        let after = &src[at + name.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
            || after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$')
        {
            continue;
        }
        let rest = after.trim_start();
        if (rest.starts_with('=') && !rest.starts_with("==")) || rest.starts_with(':') {
            continue;
        }
        let member = rest.strip_prefix('.')?;
        let sends = AXIOS_VERBS.iter().any(|(v, _)| {
            member
                .strip_prefix(v)
                .is_some_and(|r| r.starts_with('(') || r.starts_with('<'))
        });
        if !(sends || member.starts_with("interceptors") || member.starts_with("defaults")) {
            return None;
        }
    }
    let root = cx.m.root?;
    let mut first: Option<usize> = None;
    let mut unknown = false;
    for d in crate::semantic::descendants(root).take(200_000) {
        if d.kind_name() != "call_expression" {
            continue;
        }
        let Some(f) = d.child_by_field_name("function") else {
            continue;
        };
        if f.kind_name() != "member_expression" {
            continue;
        }
        let Some(object) = f.child_by_field_name("object") else {
            continue;
        };
        let through = match object.kind_name() {
            "identifier" => cx.text(object) == name,
            "member_expression" => object
                .child_by_field_name("property")
                .is_some_and(|p| cx.text(p) == name),
            _ => false,
        };
        if !through {
            continue;
        }
        let verb = f.child_by_field_name("property").map(|p| cx.text(p));
        let Some(&(_, at)) = AXIOS_VERBS.iter().find(|(v, _)| Some(*v) == verb) else {
            continue;
        };
        let Some(call) = cx.m.call(d, None) else {
            continue;
        };
        let setting = if call.has_spread() {
            Setting::unknown("options passed through a spread", line(d))
        } else {
            option_in(
                cx,
                call.positional(at),
                "timeout",
                cx.m.function_containing(d),
            )
        };
        match setting {
            Setting::Missing | Setting::LibDefault { .. } => return None,
            Setting::Set { disables: true, .. } => return None,
            Setting::Unknown { .. } => unknown = true,
            Setting::Set { line, .. } => {
                first.get_or_insert(line);
            }
        }
    }
    if unknown {
        Some(Setting::unknown("each request's own config", line(create)))
    } else {
        first.map(|at| Setting::set("a timeout on every request through it", at))
    }
}

/// The line of a file-wide axios timeout: `axios.defaults.timeout = …` or an
/// `axios.create({ timeout })` instance.
fn file_axios_timeout(src: &str) -> Option<usize> {
    let line_at = |i: usize| src[..i].matches('\n').count() + 1;
    if let Some(i) = src.find("defaults.timeout") {
        return Some(line_at(i));
    }
    src.match_indices("axios.create(").find_map(|(i, m)| {
        let rest = &src[i + m.len()..];
        let close = crate::semantic::closing_paren(rest, usize::MAX)?;
        rest[..close].contains("timeout").then(|| line_at(i))
    })
}

/// A string or template literal naming a static file by its extension:
/// `` `${APP_URL}/fonts/noto-sans.ttf` ``, `'/logo.png'`.
fn is_static_asset(url: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        ".ttf", ".otf", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico",
        ".webp", ".css",
    ];
    let Some(inner) = url
        .strip_suffix(['\'', '"', '`'])
        .filter(|_| url.starts_with(['\'', '"', '`']))
    else {
        return false;
    };
    let lower = inner.to_ascii_lowercase();
    EXTENSIONS.iter().any(|e| lower.ends_with(e))
}

/// A URL argument that is a root-relative path: a string or template starting
/// with one `/` (`fetch('/api/files')`). A path helper's result
/// (`apiUrl('/users')`) may well be absolute, so only the literal counts.
fn root_relative(cx: &Cx, url: Node) -> bool {
    matches!(url.kind_name(), "string" | "template_string") && {
        let t = cx.text(url);
        let inner = t.get(1..).unwrap_or("");
        inner.starts_with('/') && !inner.starts_with("//")
    }
}

/// Whether `name` at `node` is a local binding rather than the global of that
/// name: a parameter of an enclosing function (destructured too: `({ fetch,
/// log }) => …`), or a declaration in an enclosing block or the module (`const
/// { fetch } = ctx`, `function fetch(uri) { … }`).
fn shadowed(cx: &Cx, node: Node, name: &str) -> bool {
    // Most files never bind the name: every occurrence is a call (`fetch(`)
    // or a member (`.fetch`, `x.fetch =`). Only then is the tree walked.
    let src = cx.m.src;
    let may_bind = src.match_indices(name).any(|(i, _)| {
        let before = src[..i].trim_end_matches([' ', '\t', '\n', '\r']);
        let after = src[i + name.len()..].trim_start_matches([' ', '\t', '\n', '\r']);
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        let whole = !word(before.chars().last().filter(|_| before.len() == i))
            && !word(src[i + name.len()..].chars().next());
        // `function fetch(…)` declares it; `fetch(…)` and `.fetch` use one.
        whole
            && (before.ends_with("function") || (!before.ends_with('.') && !after.starts_with('(')))
    });
    if !may_bind {
        return false;
    }
    let binds = |pattern: Node| {
        crate::semantic::descendants(pattern).take(256).any(|n| {
            matches!(
                n.kind_name(),
                "identifier" | "shorthand_property_identifier_pattern"
            ) && cx.text(n) == name
        })
    };
    let declares = |stmt: Node| {
        let stmt = if stmt.kind_name() == "export_statement" {
            match stmt.child_by_field_name("declaration") {
                Some(d) => d,
                None => return false,
            }
        } else {
            stmt
        };
        match stmt.kind_name() {
            "lexical_declaration" | "variable_declaration" => crate::semantic::named_children(stmt)
                .any(|d| {
                    d.kind_name() == "variable_declarator"
                        && d.child_by_field_name("name").is_some_and(binds)
                }),
            "function_declaration" | "generator_function_declaration" => stmt
                .child_by_field_name("name")
                .is_some_and(|n| cx.text(n) == name),
            _ => false,
        }
    };
    let mut cur = node.parent();
    for _ in 0..256 {
        let Some(n) = cur else { break };
        let params = n
            .child_by_field_name("parameters")
            .or_else(|| n.child_by_field_name("parameter"));
        let function = matches!(
            n.kind_name(),
            "function_declaration"
                | "function_expression"
                | "function"
                | "arrow_function"
                | "method_definition"
                | "generator_function_declaration"
                | "generator_function"
        );
        if function && params.is_some_and(binds) {
            return true;
        }
        if matches!(n.kind_name(), "statement_block" | "program" | "switch_case")
            && crate::semantic::named_children(n).any(declares)
        {
            return true;
        }
        cur = n.parent();
    }
    false
}

pub(crate) fn interaction<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let call = cx.call(node)?;
    let target = call.target.as_deref()?;
    let label = cx.call_label(&call);
    let spread = || Setting::unknown("options passed through a spread", line(node));
    match target {
        "fetch" | "node-fetch" | "node-fetch.default" | "cross-fetch" | "undici.fetch" => {
            // A static asset the app serves itself (a font, an image, a
            // stylesheet) is a file read over HTTP, not a dependency call; a
            // root-relative path (`fetch('/api/files')`) is a browser's
            // request: Node's fetch refuses it.
            if call
                .positional(0)
                .is_some_and(|u| is_static_asset(cx.text(u)) || root_relative(cx, u))
            {
                return None;
            }
            // A local `fetch` (a parameter, a destructured context member, a
            // wrapper declared in this file) is not the global one.
            if target == "fetch" && shadowed(cx, node, "fetch") {
                return None;
            }
            let builtin = target == "fetch" || target == "undici.fetch";
            let api: &'static ClientApi = if builtin { &FETCH } else { &FETCH_POLYFILL };
            let mut timeout = timer_or_forwarded(cx, option(cx, call.positional(1), "signal"));
            // `fetch(new Request(url, init))`: the Request carries the init's
            // signal (an incoming request's, when `init` is that request).
            if timeout == Setting::Missing {
                // The Request built beforehand: `const request = new Request(url,
                // { signal }); fetch(request)`.
                let request = call.positional(0).and_then(|r| {
                    if r.kind_name() == "identifier" {
                        let scope = cx.m.function_at(cx.frame);
                        cx.m.binding(scope, cx.text(r))
                    } else {
                        Some(r)
                    }
                });
                if let Some(init) = request
                    .filter(|r| r.kind_name() == "new_expression")
                    .filter(|r| {
                        r.child_by_field_name("constructor")
                            .is_some_and(|c| cx.text(c) == "Request")
                    })
                    .and_then(|r| r.child_by_field_name("arguments"))
                    .and_then(|a| a.named_child(1))
                {
                    timeout = if init.kind_name() == "object" {
                        option(cx, Some(init), "signal")
                    } else {
                        Setting::unknown("a Request built from another request or init", line(node))
                    };
                }
            }
            // An undici dispatcher handed to this call governs its waits.
            if builtin && timeout == Setting::Missing {
                timeout = dispatcher_timeout(cx, call.positional(1));
            }
            // node-fetch 2 (and cross-fetch, built on it) bounds the whole
            // request with a `timeout` option; node-fetch 3 ignores it.
            if !builtin && timeout == Setting::Missing {
                let with_timeout = option(cx, call.positional(1), "timeout");
                if let Setting::Set { line, .. } = with_timeout {
                    let majors = &cx.project.node_fetch_majors;
                    timeout = if target == "cross-fetch" || majors.iter().any(|&m| m <= 2) {
                        Setting::set("timeout", line)
                    } else if majors.is_empty() {
                        Setting::unknown(
                            "a `timeout` option, honoured by node-fetch 2 and ignored by 3; no package.json declares which",
                            line,
                        )
                    } else {
                        Setting::Missing
                    };
                }
            }
            if call.has_spread() {
                timeout = spread();
            } else if builtin && timeout == Setting::Missing {
                timeout = Setting::LibDefault {
                    value: FETCH.default,
                    why: FETCH.default_source,
                };
            }
            let mut i = found(node, api, label, timeout)?;
            i.detail = target.trim_end_matches(".default").to_string();
            Some(i)
        }
        "axios.create" => {
            let mut timeout = if call.has_spread() {
                spread()
            } else {
                option(cx, call.positional(0), "timeout")
            };
            if timeout == Setting::Missing {
                if let Some(per_call) = instance_calls_timeout(cx, node) {
                    timeout = per_call;
                }
            }
            found(node, &AXIOS_CREATE, label, timeout)
        }
        _ => {
            let config_index = match target {
                // `axios.request(config)` takes only a config.
                "axios.request" => 0,
                // `axios(url, config)` or `axios(config)`
                "axios" => {
                    let url_first = call
                        .positional(0)
                        .is_some_and(|a| matches!(a.kind_name(), "string" | "template_string"));
                    if call.positional_count() >= 2 || url_first {
                        1
                    } else {
                        0
                    }
                }
                "axios.get" | "axios.delete" | "axios.head" | "axios.options" => 1,
                "axios.post" | "axios.put" | "axios.patch" => 2,
                _ => return None,
            };
            let mut timeout = if call.has_spread() {
                spread()
            } else {
                option(cx, call.positional(config_index), "timeout")
            };
            // An abort signal in the config (`signal: ctx.abortController.signal`)
            // ends the request when whoever owns it aborts.
            // So does a legacy cancel token (`cancelToken: source.token`), which
            // a timer the function arms cancels (`setTimeout(() => source.cancel(), 1000)`).
            for key in ["signal", "cancelToken"] {
                if timeout == Setting::Missing {
                    timeout =
                        timer_or_forwarded(cx, option(cx, call.positional(config_index), key));
                }
            }
            if timeout == Setting::Missing {
                if let Some(at) = file_axios_timeout(cx.m.src) {
                    timeout = Setting::set("axios defaults in this file", at);
                }
            }
            found(node, &AXIOS, label, timeout)
        }
    }
}
