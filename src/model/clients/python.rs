//! Python clients: requests, urllib, httpx, aiohttp, redis-py, socket-level
//! protocols and LLM SDKs.

use super::{found, line};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Interaction, Kind, Setting, Shape};
use crate::rules::Cx;
use crate::semantic::Call;
use crate::semantic::KindName as _;
use tree_sitter::Node;

const PY: &[Lang] = &[Lang::Python];

pub static REQUESTS: ClientApi = ClientApi {
    id: "python.requests",
    library: "requests",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: "timeout",
    default: "no timeout",
    default_source: "requests docs, Timeouts: \"Nearly all production code should use this parameter … your program can hang indefinitely\"",
    default_too_long: true,
    missing: "`{label}` is called without `timeout=`; requests waits forever by default.",
    disabled: "`{label}` passes `timeout=None`; requests then waits forever.",
    impact: Impact::Hang,
    fix: "Pass `timeout=(3.05, 30)` (connect, read seconds), or a bound that fits this call's SLA.",
    severity: Severity::High,
    title: None,
};

pub static URLOPEN: ClientApi = ClientApi {
    id: "python.urllib.urlopen",
    library: "urllib",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: "timeout",
    default: "the socket default: no timeout",
    default_source: "Python docs, urllib.request.urlopen and socket.getdefaulttimeout (None)",
    default_too_long: true,
    missing: "`{label}` is called without `timeout`; it falls back to the socket default, which is no timeout.",
    disabled: "`{label}` passes `timeout=None`; it waits forever.",
    impact: Impact::Hang,
    fix: "Pass `timeout=10` (seconds), or switch to a client with explicit connect and read timeouts.",
    severity: Severity::High,
    title: None,
};

pub static HTTPX_CALL: ClientApi = ClientApi {
    id: "python.httpx",
    library: "httpx",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: "timeout",
    default: "5 seconds",
    default_source: "httpx docs, Timeouts: \"HTTPX is careful to enforce timeouts everywhere … default of 5 seconds\"",
    default_too_long: false,
    missing: "`{label}` has no `timeout`.",
    disabled: "`{label}` sets `timeout=None`, turning off httpx's 5-second default.",
    impact: Impact::Hang,
    fix: "Drop `timeout=None` to keep httpx's 5 s default, or pass `httpx.Timeout(10.0, connect=3.0)`.",
    severity: Severity::High,
    title: None,
};

pub static HTTPX_CLIENT: ClientApi = ClientApi {
    id: "python.httpx.Client",
    shape: Shape::Client,
    impact: Impact::Client,
    ..HTTPX_CALL
};

pub static AIOHTTP: ClientApi = ClientApi {
    id: "python.aiohttp.ClientSession",
    library: "aiohttp",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Client,
    param: "timeout",
    default: "300 seconds per request",
    default_source: "aiohttp docs, ClientTimeout: total=5*60",
    default_too_long: true,
    missing: "`{label}` is created without `timeout=`; aiohttp's default allows 300 seconds per request.",
    disabled: "`{label}` passes `timeout=None`; its requests wait forever.",
    impact: Impact::Text("A stalled peer holds each request for five minutes: coroutines and connections pile up, and callers time out long before this code notices."),
    fix: "Pass `timeout=aiohttp.ClientTimeout(total=30, connect=5)`, or, for a streamed or long transfer, `ClientTimeout(total=None, sock_connect=5, sock_read=60)`, which bounds each wait instead of the whole transfer.",
    severity: Severity::Medium,
    title: None,
};

pub static REDIS: ClientApi = ClientApi {
    id: "python.redis",
    library: "redis-py",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Client,
    param: "socket_timeout",
    default: "no socket timeout before redis-py 8; 5 seconds from 8",
    default_source: "redis-py#2243 and the redis-py 8 changelog",
    default_too_long: false,
    missing: "`{label}` is created without `socket_timeout`; redis-py before 8 waits forever on a stalled server.",
    disabled: "`{label}` passes `socket_timeout=None`; commands wait forever on a stalled server.",
    impact: Impact::Text("When Redis stalls (failover, full memory, network partition), every command blocks its worker indefinitely (redis-py#2243)."),
    fix: "Pass `socket_timeout=5, socket_connect_timeout=2`, or pin `redis>=8`, whose default is 5 s.",
    severity: Severity::Low,
    title: Some("Redis client has no socket timeout"),
};

pub static SOCKET: ClientApi = ClientApi {
    id: "python.socket",
    library: "smtplib/ftplib/socket",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the server",
    shape: Shape::Client,
    param: "timeout",
    default: "the socket default: no timeout",
    default_source: "Python docs, socket.getdefaulttimeout (None)",
    default_too_long: true,
    missing: "`{label}` is called without `timeout`; the socket blocks forever by default.",
    disabled: "`{label}` passes `timeout=None`; the socket blocks forever.",
    impact: Impact::Hang,
    fix: "Pass `timeout=10` (seconds).",
    severity: Severity::High,
    title: Some("Outbound connection has no timeout"),
};

pub static LLM: ClientApi = ClientApi {
    id: "python.llm",
    library: "OpenAI/Anthropic/LangChain SDKs",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Client,
    param: "timeout",
    default: "600 seconds per request",
    default_source: "openai-python and anthropic-sdk-python READMEs, Timeouts: \"By default requests time out after 10 minutes\"",
    default_too_long: true,
    missing: "`{label}` is created without `timeout`; the SDK waits up to 600 seconds per request.",
    disabled: "`{label}` passes `timeout=None`; requests wait forever.",
    impact: Impact::Text("A slow model response holds the caller for ten minutes: user requests time out upstream while the worker keeps waiting, and queued work backs up behind it."),
    fix: "Pass `timeout=30` (or `httpx.Timeout(60.0, connect=5.0)`) sized to the longest completion you accept.",
    severity: Severity::Medium,
    title: Some("LLM client has a 10-minute default timeout"),
};

/// LangChain's chat models pass their `timeout` (`None` unless given) on to
/// the SDK client explicitly, and an SDK given `None` has no timeout at all:
/// not the SDK's own 600-second default.
pub static LANGCHAIN_LLM: ClientApi = ClientApi {
    id: "python.langchain-llm",
    library: "LangChain chat models",
    lang: PY,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Client,
    param: "timeout",
    default: "no timeout",
    default_source: "langchain-openai BaseChatOpenAI.request_timeout and langchain-anthropic ChatAnthropic.default_request_timeout default to None and are passed to the SDK client as `timeout=None`, which the SDK honours as no timeout",
    default_too_long: true,
    missing: "`{label}` is created without `timeout`; LangChain passes `timeout=None` to the SDK client, so requests wait forever.",
    disabled: "`{label}` passes `timeout=None`; requests wait forever.",
    impact: Impact::Text("A stalled model response holds the caller with no limit: user requests time out upstream while the worker keeps waiting, and queued work backs up behind it."),
    fix: "Pass `timeout=30` (or `timeout=httpx.Timeout(60.0, connect=5.0)`) sized to the longest completion you accept.",
    severity: Severity::High,
    title: Some("LLM client has no timeout"),
};

pub static ROWS: &[&ClientApi] = &[
    &REQUESTS,
    &URLOPEN,
    &HTTPX_CALL,
    &HTTPX_CLIENT,
    &AIOHTTP,
    &REDIS,
    &SOCKET,
    &LLM,
    &LANGCHAIN_LLM,
];

const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

/// The row a resolved call target belongs to, and for socket-level clients the
/// position at which `timeout` may also be passed.
fn classify(target: &str) -> Option<(&'static ClientApi, Option<usize>)> {
    let (recv, method) = target.rsplit_once('.').unwrap_or(("", target));
    let requests_recv = matches!(
        recv,
        "requests"
            | "requests.Session()"
            | "requests.session()"
            | "requests.sessions.Session()"
            | "requests.api"
    );
    if requests_recv && HTTP_METHODS.contains(&method) {
        return Some((&REQUESTS, None));
    }
    if target == "urllib.request.urlopen" {
        return Some((&URLOPEN, Some(2)));
    }
    if target.starts_with("httpx.") {
        let row = if target.ends_with("Client") {
            &HTTPX_CLIENT
        } else {
            &HTTPX_CALL
        };
        return Some((row, None));
    }
    match target {
        "aiohttp.ClientSession" | "aiohttp.client.ClientSession" => return Some((&AIOHTTP, None)),
        "redis.Redis"
        | "redis.StrictRedis"
        | "redis.from_url"
        | "redis.Redis.from_url"
        | "redis.asyncio.Redis"
        | "redis.asyncio.from_url"
        | "redis.asyncio.Redis.from_url"
        | "redis.client.Redis" => return Some((&REDIS, None)),
        "smtplib.SMTP" | "smtplib.SMTP_SSL" => return Some((&SOCKET, Some(3))),
        "ftplib.FTP" | "ftplib.FTP_TLS" => return Some((&SOCKET, Some(4))),
        "socket.create_connection" => return Some((&SOCKET, Some(1))),
        _ => {}
    }
    let root = target.split('.').next().unwrap_or("");
    if matches!(method, "ChatOpenAI" | "ChatAnthropic" | "AzureChatOpenAI")
        && root.starts_with("langchain")
    {
        return Some((&LANGCHAIN_LLM, None));
    }
    let llm_class = matches!(
        method,
        "OpenAI" | "AsyncOpenAI" | "AzureOpenAI" | "AsyncAzureOpenAI"
    ) && root == "openai"
        || matches!(method, "Anthropic" | "AsyncAnthropic") && root == "anthropic";
    llm_class.then_some((&LLM, None))
}

/// Where the local a socket-level client is bound to (`out = FTP()`) is given
/// its timeout when its function connects it: `out.connect(host, port,
/// timeout=30)`.
fn connects_with_timeout(cx: &Cx, construction: Node) -> Option<usize> {
    let assignment = construction
        .parent()
        .filter(|p| p.kind_name() == "assignment")?;
    let name = cx.text(assignment.child_by_field_name("left")?);
    let function = cx.function()?.node;
    crate::semantic::descendants(function)
        .take(20_000)
        .filter(|d| d.kind_name() == "call")
        .find_map(|d| {
            let callee = d.child_by_field_name("function")?;
            if callee.kind_name() != "attribute"
                || callee
                    .child_by_field_name("object")
                    .is_none_or(|o| cx.text(o) != name)
                || callee
                    .child_by_field_name("attribute")
                    .is_none_or(|a| cx.text(a) != "connect")
            {
                return None;
            }
            let call = cx.call(d)?;
            call.kwarg("timeout").filter(|v| !is_none(cx, *v)).map(line)
        })
}

fn is_none(cx: &Cx, value: Node) -> bool {
    let t = cx.text(value);
    t == "None"
        || t.replace(' ', "") == "httpx.Timeout(None)"
        || t.replace(' ', "") == "Timeout(None)"
}

/// Methods and attributes of a client that send no request.
const NOT_REQUESTS: &[&str] = &[
    "close",
    "aclose",
    "detach",
    "headers",
    "cookies",
    "cookie_jar",
    "mount",
    "closed",
];

/// The setting of the first of `names` the call passes, else `otherwise`.
/// The timeout of a client whose requests each pass one: the client is bound to
/// a name (`client = OpenAI()`, `self.llm = …`) and every call made on that name
/// in the file (`client.responses.create(…, timeout=30)`) names a timeout.
/// The locals a file binds to `call` (`session = self._get_session()`,
/// `s = await self._session()`), as prefixes of calls through them (`session.`).
fn locals_bound_to(src: &str, call: &str) -> Vec<String> {
    let mut out: Vec<String> = src
        .lines()
        .filter_map(|l| {
            let (left, right) = l.trim().split_once(" = ")?;
            let right = right.trim().trim_start_matches("await ").trim();
            (right == call
                && !left.is_empty()
                && left.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .then(|| format!("{left}."))
        })
        .take(16)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn per_call_timeout(cx: &Cx, construction: Node, names: &[&str]) -> Option<Setting> {
    use crate::semantic::fields::Field;
    // What the calls go through: the name the client is bound to, through
    // wrappers (`client = wrap_openai(OpenAI())`), or the factory that returns
    // it (`def _client(): return OpenAI()`, called as `_client().chat…`).
    let mut n = construction;
    let mut prefixes = Vec::new();
    let mut block = false;
    // Where the calls are looked for: the file, or a `with` block's statement.
    let mut within = cx.m.root?;
    for _ in 0..4 {
        let p = n.parent()?;
        match p.kind_name() {
            "argument_list" => n = p.parent()?,
            // `session = given or aiohttp.ClientSession()`: bound all the same.
            "boolean_operator" | "conditional_expression" | "parenthesized_expression" => n = p,
            "assignment" => {
                let left = p.field("left")?;
                prefixes.push(format!("{}.", cx.text(left)));
                // A getter that makes the client on first use and returns it
                // (`def _get_session(self): … self._session = ClientSession();
                // return self._session`): its callers' requests go through what
                // it returns, directly or through a local
                // (`session = self._get_session()`).
                // (`self._sessions[loop] = ClientSession()` too, returned as
                // such; a `@property` is read without a call: `self.session.`.)
                if matches!(left.kind_name(), "attribute" | "subscript") {
                    if let Some(getter) = cx.function().filter(|f| {
                        let returned = format!("return {}", cx.text(left));
                        cx.text(f.node).lines().any(|l| l.trim() == returned)
                    }) {
                        let call = format!("self.{}()", getter.name);
                        prefixes.push(format!("{call}."));
                        prefixes.extend(locals_bound_to(cx.m.src, &call));
                        if getter
                            .decorators
                            .iter()
                            .any(|d| d == "property" || d.ends_with("cached_property"))
                        {
                            let read = format!("self.{}", getter.name);
                            prefixes.push(format!("{read}."));
                            prefixes.extend(locals_bound_to(cx.m.src, &read));
                        }
                    }
                }
                // A local's calls are its function's, unless it is handed on
                // (`fetch(session, url)`), returned or stored: then its other
                // users are unseen, and the file's calls by its name decide.
                if left.kind_name() == "identifier" {
                    if let Some(f) = cx.function() {
                        let name = cx.text(left);
                        let handed_on =
                            crate::semantic::descendants(f.node).take(20_000).any(|d| {
                                d.kind_name() == "identifier"
                                    && cx.text(d) == name
                                    && d.parent().is_some_and(|p| {
                                        matches!(
                                            p.kind_name(),
                                            "argument_list"
                                                | "return_statement"
                                                | "keyword_argument"
                                        ) || (p.kind_name() == "assignment"
                                            && p.field("right").is_some_and(|r| r.id() == d.id()))
                                    })
                            });
                        if !handed_on {
                            within = f.node;
                        }
                    }
                }
                break;
            }
            // `async with aiohttp.ClientSession() as session:`: each of its
            // requests in sight must pass a timeout itself (a `**kwargs` spread
            // there is its own, known settings, not a timeout left unseen).
            "as_pattern" => {
                block = true;
                let alias = p.field("alias").or_else(|| {
                    crate::semantic::named_children(p)
                        .find(|c| c.kind_name() == "as_pattern_target")
                })?;
                prefixes.push(format!("{}.", cx.text(alias).trim()));
                // The name is the block's: its requests are the ones inside.
                if let Some(w) = std::iter::successors(p.parent(), |n| n.parent())
                    .take(4)
                    .find(|n| n.kind_name() == "with_statement")
                {
                    within = w;
                }
                break;
            }
            // `aiohttp.ClientSession().get(url, timeout=5)`: a client made for
            // the one request chained on it, which carries its own timeout.
            "attribute" => {
                let call = p.parent().filter(|c| {
                    c.kind_name() == "call" && c.field("function").is_some_and(|f| f.id() == p.id())
                })?;
                let call = cx.m.call(call, None)?;
                let passed = names.iter().find_map(|n| call.kwarg(n))?;
                return Some(Setting::set(
                    &format!("{} on its one call", cx.snippet(passed, 40)),
                    line(passed),
                ));
            }
            "return_statement" => {
                let name = &cx.function()?.name;
                prefixes.push(format!("{name}()."));
                prefixes.push(format!("self.{name}()."));
                prefixes.push(format!("cls.{name}()."));
                break;
            }
            _ => return None,
        }
    }
    if prefixes.is_empty() {
        return None;
    }
    let mut first = None;
    let mut spread = None;
    let mut calls = 0;
    // Bounded: a file's calls, not a walk per call.
    for d in crate::semantic::descendants(within).take(100_000) {
        if d.kind_name() != "call" {
            continue;
        }
        // Closing the client or reading its headers and cookies sends nothing.
        let on_client = d.field("function").is_some_and(|f| {
            let t = cx.text(f);
            prefixes.iter().any(|p| {
                t.strip_prefix(p.as_str()).is_some_and(|rest| {
                    !NOT_REQUESTS.iter().any(|w| {
                        rest.strip_prefix(w)
                            .is_some_and(|r| r.is_empty() || r.starts_with('.'))
                    })
                })
            })
        });
        if !on_client {
            continue;
        }
        let call = cx.m.call(d, None)?;
        // A call inside a block that puts a deadline on it (`async with
        // asyncio.timeout(300):`) is bounded by the block.
        if let Some((name, at)) = crate::model::interaction::deadline_scope(cx, d) {
            calls += 1;
            first.get_or_insert((format!("a `{name}(…)` block"), at));
            continue;
        }
        // A call that passes `**options` may carry the timeout: unknown, not missing.
        let Some(passed) = names.iter().find_map(|n| call.kwarg(n)) else {
            if call.has_spread() && !block {
                spread.get_or_insert(line(d));
                continue;
            }
            return None;
        };
        calls += 1;
        first.get_or_insert((cx.snippet(passed, 40), line(passed)));
    }
    match (first, spread) {
        (Some((value, at)), _) => Some(Setting::set(
            &format!("{value} on each of its {calls} calls"),
            at,
        )),
        (None, Some(at)) => Some(Setting::unknown(
            "its calls pass their options through `**kwargs`",
            at,
        )),
        (None, None) => None,
    }
}

fn keyword<'t>(cx: &Cx<'_, 't>, call: &Call<'t>, names: &[&str], otherwise: Setting) -> Setting {
    for name in names {
        if let Some(v) = call.kwarg(name) {
            // `client.stream("GET", url, timeout=None)`, `get(url, stream=True,
            // timeout=None)` in a loop that reconnects: a subscription (server-sent
            // events, a node's invoice feed) waits for its next event by design; no
            // timeout there is a choice. A stream read once, like a request, is not.
            let stream = (cx.callee_name(call.node) == "stream"
                || call.kwarg("stream").is_some_and(|s| cx.text(s) == "True"))
                && cx.in_loop();
            return Setting::Set {
                value: cx.snippet(v, 40),
                line: line(v),
                disables: is_none(cx, v) && !stream,
            };
        }
    }
    if call.has_spread() {
        return Setting::unknown("options passed through `**kwargs`", line(call.node));
    }
    otherwise
}

pub(crate) fn interaction<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let call = cx.call(node)?;
    let (api, positional) = classify(call.target.as_deref()?)?;
    // `socket.create_connection(addr).close()`: a probe that only connects,
    // which the kernel bounds; nothing is read or written.
    if call.target.as_deref() == Some("socket.create_connection")
        && node.parent().is_some_and(|p| {
            p.kind_name() == "attribute"
                && p.child_by_field_name("attribute")
                    .is_some_and(|a| cx.text(a) == "close")
        })
    {
        return None;
    }
    let label = cx.call_label(&call);
    let default = if api.default_too_long {
        match api.default {
            "no timeout" | "the socket default: no timeout" => Setting::Missing,
            value => Setting::LibDefault {
                value,
                why: api.default_source,
            },
        }
    } else if std::ptr::eq(api, &REDIS) && !cx.project.redis_has_default_timeout {
        Setting::Missing
    } else {
        Setting::LibDefault {
            value: api.default,
            why: api.default_source,
        }
    };
    let names: &[&str] = if std::ptr::eq(api, &REDIS) {
        &["socket_timeout"]
    } else if std::ptr::eq(api, &LLM) || std::ptr::eq(api, &LANGCHAIN_LLM) {
        &["timeout", "request_timeout", "default_request_timeout"]
    } else if std::ptr::eq(api, &AIOHTTP) {
        // aiohttp 3.x still honours the deprecated `conn_timeout` and
        // `read_timeout` keywords.
        &["timeout", "read_timeout", "conn_timeout"]
    } else {
        &["timeout"]
    };
    let mut timeout = keyword(cx, &call, names, default);
    // Built on a pool, transport or HTTP client made elsewhere
    // (`Redis(connection_pool=pool)`, `OpenAI(http_client=httpx.Client(…))`): its
    // settings govern, and they are not visible here.
    if matches!(timeout, Setting::Missing | Setting::LibDefault { .. }) {
        if let Some(v) = ["connection_pool", "http_client", "transport", "session"]
            .iter()
            .find_map(|k| call.kwarg(k))
        {
            timeout = Setting::unknown("the timeout of the pool or client it is built on", line(v));
        }
    }
    // `client = OpenAI()` whose every request passes `timeout=`: bounded per call.
    if api.shape == super::super::interaction::Shape::Client
        && matches!(timeout, Setting::Missing | Setting::LibDefault { .. })
    {
        if let Some(per_call) = per_call_timeout(cx, node, names) {
            timeout = per_call;
        }
    }
    // `urlopen(url, data, 10)`, `SMTP(host, port, local, 10)`: passed by position.
    if let Some(pos) = positional {
        if matches!(timeout, Setting::Missing) {
            if let Some(v) = call.positional(pos) {
                timeout = Setting::set(&cx.snippet(v, 40), line(v));
            }
        }
    }
    // `Redis(unix_socket_path=…)`, `Redis.from_url("unix:///run/redis.sock")`:
    // a process on this machine answers, as a Unix-socket server takes only
    // local clients; no network lies between them.
    if std::ptr::eq(api, &REDIS) && matches!(timeout, Setting::Missing | Setting::LibDefault { .. })
    {
        let unix = call.kwarg("unix_socket_path").or_else(|| {
            call.positional(0)
                .filter(|u| crate::semantic::unquote(cx.text(*u)).starts_with("unix://"))
        });
        if let Some(v) = unix {
            timeout = Setting::unknown("the client connects over a Unix socket", line(v));
        }
    }
    // `out = FTP(); out.connect(host, port, timeout=30)`: built with no host,
    // connected later with the timeout, which the object keeps.
    if std::ptr::eq(api, &SOCKET) && matches!(timeout, Setting::Missing) {
        if let Some(at) = connects_with_timeout(cx, node) {
            timeout = Setting::set("timeout= on its .connect(…)", at);
        }
    }
    found(node, api, label, timeout)
}

/// The adapter class mounted on the requests session a call goes through, on
/// a prefix that covers the call's URL (`self.session.mount(self.api_url,
/// TimeoutHTTPAdapter(15, 3))`, then `self.session.get(f"{self.api_url}/x")`).
/// The mount is looked for in the file, on the call's own receiver or on the
/// session a getter of that name returns (`def session(self): s =
/// Session(); s.mount(…); return s`). A prefix covers a URL the code builds
/// from it, and any URL when it is a value the file cannot see (`prefix` of
/// a loop, a parameter) or the scheme alone (`"https://"`); a URL built from
/// another base (`f"{self.base_url}/token"`) it does not cover.
pub fn mounted_adapter(cx: &Cx, call: &Call) -> Option<String> {
    use crate::semantic::fields::Field;
    let (receiver, method) = cx.text(call.callee).rsplit_once('.')?;
    let receiver = receiver.trim();
    if receiver == "requests" || !cx.m.src.contains(".mount(") {
        return None;
    }
    let url = if method == "request" {
        call.positional(1)
    } else {
        call.positional(0)
    }
    .or_else(|| call.kwarg("url"))
    .map(|u| cx.text(u))?;
    let getter = receiver
        .strip_prefix("self.")
        .or_else(|| receiver.strip_suffix("()"))
        .unwrap_or(receiver);
    // `self.session` is one class's: its mounts are that class's.
    let class_of = |n: Node| {
        std::iter::successors(n.parent(), |p| p.parent())
            .take(64)
            .find(|p| p.kind_name() == "class_definition")
            .map(|c| c.id())
    };
    let own_class = receiver.starts_with("self.").then(|| class_of(call.node));
    let root = cx.m.root?;
    // The file's `.mount(` calls, found by their text: a few per file, not a
    // walk of the tree per request.
    let mounts =
        cx.m.src
            .match_indices(".mount(")
            .take(32)
            .filter_map(|(i, t)| {
                let name = root.descendant_for_byte_range(i + 1, i + t.len() - 1)?;
                std::iter::successors(Some(name), |n| n.parent())
                    .take(3)
                    .find(|n| n.kind_name() == "call")
            });
    for d in mounts {
        let Some(mount) = cx.m.call(d, None) else {
            continue;
        };
        let Some((on, "mount")) = cx.text(mount.callee).rsplit_once('.') else {
            continue;
        };
        let on = on.trim();
        if own_class.is_some_and(|c| class_of(d) != c) {
            continue;
        }
        // The session of a getter: a local it mounts on and returns.
        let function = std::iter::successors(d.parent(), |n| n.parent())
            .take(64)
            .find(|n| n.kind_name() == "function_definition");
        let returned_by_getter = || {
            function.is_some_and(|f| {
                f.field("name").is_some_and(|n| cx.text(n) == getter)
                    && cx
                        .text(f)
                        .lines()
                        .any(|l| l.trim() == format!("return {on}"))
            })
        };
        if on != receiver && !returned_by_getter() {
            continue;
        }
        let (Some(prefix), Some(adapter)) = (mount.positional(0), mount.positional(1)) else {
            continue;
        };
        // The adapter built in place, or bound to a name in the same function.
        let built = if adapter.kind_name() == "call" {
            Some(adapter)
        } else {
            cx.m.binding(cx.m.function_containing(d), cx.text(adapter))
                .filter(|v| v.kind_name() == "call")
        };
        let class = built.and_then(|c| c.field("function")).map(|f| cx.text(f));
        let Some(class) = class
            .map(crate::semantic::last_name)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        let prefix_text = cx.text(prefix);
        let literal = crate::semantic::unquote(prefix_text);
        let covers = if literal.len() < prefix_text.len() {
            // A literal prefix: the scheme alone, or the start of a literal URL.
            matches!(literal, "http://" | "https://")
                || crate::semantic::unquote(url).starts_with(literal) && !literal.is_empty()
        } else if prefix.kind_name() == "identifier" {
            true
        } else {
            url.contains(prefix_text) || !names_a_base(url)
        };
        if covers {
            return Some(class.to_string());
        }
    }
    None
}

/// Whether a URL expression says what it is built on: an attribute
/// (`self.base_url`), or a literal address.
fn names_a_base(url: &str) -> bool {
    url.contains("self.") || url.contains("cls.") || url.contains("://")
}
