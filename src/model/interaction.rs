//! Boundary crossings with the evidence that decides them.
//!
//! An [`Interaction`] is one call that crosses a process boundary — here, a
//! synchronous RPC through an HTTP, socket or SDK client — with the client API
//! it goes through ([`ClientApi`], one row per library) and its settings, each
//! a [`Setting`]: set in the code (with the line), left at the library's
//! default (with what that default is and where it is documented), missing, or
//! unknown (a spread of options, a transport or config object built elsewhere,
//! a deadline carried by a context). Rules flag what is `Missing` or a default
//! the catalog calls too long; they never flag `Unknown`.

use super::clients;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::rules::Cx;
use crate::semantic::KindName as _;
use crate::semantic::{FuncId, Model};
use serde::Serialize;
use tree_sitter::Node;

/// What crosses the boundary (the names of `REPORTS.md`'s interaction kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A request that waits for its answer: HTTP, a socket protocol, an SDK call.
    SyncRpc,
    Publish,
    Consume,
    DbWrite,
    ObjectPut,
    WorkflowStart,
}

/// Whether the API is one exchange or a client that later calls go through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Shape {
    /// Each call is one exchange (`requests.post(…)`, `fetch(…)`).
    Call,
    /// A client constructed once; the requests made through it inherit its settings.
    Client,
}

/// One setting of an interaction, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Setting {
    /// Set in the code: the value as written and the line. `disables` when the
    /// value turns the limit off (`timeout=None`).
    Set {
        value: String,
        line: usize,
        disables: bool,
    },
    /// Not set; the library's default applies.
    LibDefault {
        value: &'static str,
        why: &'static str,
    },
    /// Not set, and the library's default is no limit at all.
    Missing,
    /// Cannot be seen here: why, and where the unknown comes from.
    Unknown { why: String, line: usize },
}

/// The value of a `signal` that forwards a caller's cancellation with no
/// timer of its own (`signal: req.signal`): the call ends when its caller
/// gives up, but no fix should cite it as a bound.
pub const FORWARDED_SIGNAL: &str = "signal (the caller's cancellation)";

impl Setting {
    pub fn set(value: &str, line: usize) -> Setting {
        Setting::Set {
            value: value.to_string(),
            line,
            disables: false,
        }
    }

    pub fn unknown(why: impl Into<String>, line: usize) -> Setting {
        Setting::Unknown {
            why: why.into(),
            line,
        }
    }
}

/// How the finding's impact reads for a client API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Impact {
    /// The caller hangs (who, depends on the code's role).
    Hang,
    /// Every request through the client can hang.
    Client,
    /// A text of its own.
    Text(&'static str),
}

/// One client API: how it is recognised (by the language extractors in
/// `src/model/clients/`), which parameter bounds its wait, what its default is
/// and where that is documented, and what a finding about it says.
#[derive(Debug)]
pub struct ClientApi {
    pub id: &'static str,
    pub library: &'static str,
    pub lang: &'static [Lang],
    pub kind: Kind,
    pub shape: Shape,
    /// The setting that bounds the wait, as the library spells it.
    pub param: &'static str,
    /// The library's default for `param`, in words, and its source.
    pub default: &'static str,
    pub default_source: &'static str,
    /// Whether a finding is due when the code relies on the default (it is no
    /// limit, or one the catalog calls too long).
    pub default_too_long: bool,
    /// The issue text when the setting is not set; `{label}` is the call.
    pub missing: &'static str,
    /// The issue text when the code turns the limit off.
    pub disabled: &'static str,
    pub impact: Impact,
    /// Who stalls, in the impact text: "the remote server".
    pub peer: &'static str,
    pub fix: &'static str,
    pub severity: Severity,
    pub title: Option<&'static str>,
}

/// One boundary crossing.
#[derive(Debug)]
pub struct Interaction<'t> {
    /// The node a finding is reported at.
    pub node: Node<'t>,
    pub api: &'static ClientApi,
    /// A short form of the call for messages: `requests.post(...)`.
    pub label: String,
    /// Words a row's texts may need besides the label (`{detail}`).
    pub detail: String,
    pub timeout: Setting,
}

impl Interaction<'_> {
    /// Whether the wait is unbounded (or bounded only by a default the catalog
    /// calls too long) on the evidence: unknown is never missing.
    pub fn timeout_missing(&self) -> bool {
        match &self.timeout {
            Setting::Missing => true,
            Setting::LibDefault { .. } => self.api.default_too_long,
            Setting::Set { disables, .. } => *disables,
            Setting::Unknown { .. } => false,
        }
    }

    /// The issue text for a missing or disabled timeout.
    pub fn issue(&self) -> String {
        let template = match self.timeout {
            Setting::Set { disables: true, .. } => self.api.disabled,
            _ => self.api.missing,
        };
        template
            .replace("{label}", &self.label)
            .replace("{detail}", &self.detail)
    }
}

/// An interaction as reports and caches keep it, in the shape of `REPORTS.md`:
/// kind, target, operation, where, the enclosing function and its role, and
/// each setting with its state, value and evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Record {
    pub kind: Kind,
    pub target: Target,
    pub operation: String,
    pub line: usize,
    pub column: usize,
    pub function: String,
    /// The line the enclosing function starts on (0 at module level): tells
    /// apart functions of one name (`<anonymous>` route handlers).
    pub function_line: usize,
    pub role: &'static str,
    /// The client-API row (`python.requests`), or how the crossing was recognised.
    pub api: &'static str,
    pub library: &'static str,
    pub label: String,
    pub settings: Settings,
    /// What surrounds the call inside its function: `try` (a try body or a Go
    /// error check follows), `loop`, `retry` (a retry covers it).
    pub guards: Vec<&'static str>,
}

/// Where an interaction goes, as far as the code says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Target {
    /// `url`, `env`, `queue`, `topic`, `table` or `unknown`.
    pub kind: &'static str,
    pub value: String,
}

impl Target {
    pub fn unknown() -> Target {
        Target {
            kind: "unknown",
            value: String::new(),
        }
    }
}

/// A record's settings by name, serialized as an object in name order. A sorted
/// vector: a record has one or two, where a map node would cost about a
/// kilobyte each (160,000 crossings in one generated file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings(Vec<(&'static str, SettingRecord)>);

impl Settings {
    /// Sets `name`, replacing an earlier value.
    pub fn insert(&mut self, name: &'static str, value: SettingRecord) {
        match self.0.binary_search_by(|(n, _)| n.cmp(&name)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (name, value)),
        }
    }

    /// The setting called `name`, if the record has it.
    /// Each setting with its name, in name order.
    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, SettingRecord)> {
        self.0.iter()
    }

    pub fn get(&self, name: &str) -> Option<&SettingRecord> {
        self.0
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|i| &self.0[i].1)
    }
}

impl std::ops::Index<&str> for Settings {
    type Output = SettingRecord;

    fn index(&self, name: &str) -> &SettingRecord {
        self.get(name)
            .unwrap_or_else(|| panic!("no setting `{name}`"))
    }
}

impl<const N: usize> From<[(&'static str, SettingRecord); N]> for Settings {
    fn from(entries: [(&'static str, SettingRecord); N]) -> Settings {
        let mut s = Settings::default();
        for (name, value) in entries {
            s.insert(name, value);
        }
        s
    }
}

impl Serialize for Settings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Read back as it is written: an object in name order. The names borrow
/// from the input, which outlives the scan (the result cache's bytes).
impl<'de: 'static> serde::Deserialize<'de> for Settings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Settings, D::Error> {
        let map = std::collections::BTreeMap::<&'static str, SettingRecord>::deserialize(d)?;
        Ok(Settings(map.into_iter().collect()))
    }
}

/// One setting in a report: `set`, `default`, `missing` or `unknown`, its value,
/// and where it comes from (`path:line`, or the library's documentation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SettingRecord {
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl SettingRecord {
    pub fn of(s: &Setting, path: &str) -> SettingRecord {
        match s {
            Setting::Set {
                value,
                line,
                disables,
            } => SettingRecord {
                state: if *disables { "missing" } else { "set" },
                value: Some(value.clone()),
                at: Some(format!("{path}:{line}")),
            },
            Setting::LibDefault { value, why } => SettingRecord {
                state: "default",
                value: Some(value.to_string()),
                at: Some(why.to_string()),
            },
            Setting::Missing => SettingRecord {
                state: "missing",
                value: None,
                at: None,
            },
            Setting::Unknown { why, line } => SettingRecord {
                state: "unknown",
                value: Some(why.clone()),
                at: Some(format!("{path}:{line}")),
            },
        }
    }
}

/// Every callee name a sync RPC can have in any language: a call named
/// otherwise is skipped without resolving it.
const MAYBE_CLIENT: &[&str] = &[
    // HTTP verbs (requests, httpx, axios, Go's http, Dart's http, reqwest)
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "read",
    "stream",
    "Get",
    "Post",
    "PostForm",
    "Head",
    "Do",
    // constructors and factories
    "Session",
    "session",
    "Client",
    "AsyncClient",
    "ClientSession",
    "Redis",
    "StrictRedis",
    "from_url",
    "SMTP",
    "SMTP_SSL",
    "FTP",
    "FTP_TLS",
    "create_connection",
    "urlopen",
    "OpenAI",
    "AsyncOpenAI",
    "AzureOpenAI",
    "AsyncAzureOpenAI",
    "Anthropic",
    "AsyncAnthropic",
    "ChatOpenAI",
    "ChatAnthropic",
    "AzureChatOpenAI",
    "newHttpClient",
    "build",
    "RestTemplate",
    "createDefault",
    "openConnection",
    "new",
    "create",
    "axios",
    "fetch",
    "Dio",
];

/// The synchronous RPC at `node`, if it is one faultline knows, with its
/// timeout setting decided on the evidence.
pub fn sync_rpc<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let mut i = match project_client(cx, node) {
        Some(i) => i,
        None => library_client(cx, node)?,
    };
    // A deadline around the call bounds it whatever the client's setting:
    // `tokio::time::timeout(d, fut)`, `asyncio.wait_for(c, timeout=…)`, `pTimeout(p, …)`.
    if i.api.shape == Shape::Call
        && matches!(
            i.timeout,
            Setting::Missing | Setting::LibDefault { .. } | Setting::Set { disables: true, .. }
        )
    {
        if let Some((name, line)) = timeout_wrapper(cx, node).or_else(|| deadline_scope(cx, node)) {
            i.timeout = Setting::set(name, line);
        }
    }
    Some(i)
}

/// A call of one of the project's own HTTP client wrappers its configuration
/// declares ([`crate::vocabulary`]), with the argument that bounds it: set
/// when passed, unknown when arguments are spread (`**opts`, `...opts`) or an
/// options object is built elsewhere, missing otherwise.
fn project_client<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let vocabulary = cx.vocabulary?;
    if vocabulary.http_clients.is_empty() || node.kind_name() == "composite_literal" {
        return None;
    }
    let call = cx.call(node)?;
    let callee = cx.text(call.callee);
    let client = vocabulary
        .http_clients
        .iter()
        .find(|c| c.matches(callee, call.target.as_deref()))?;
    let line = node.start_position().row + 1;
    let label = format!("{callee}(...)");
    let unknown = |why: &str| Setting::unknown(why, line);
    let decided = |value: Node<'t>| {
        let text = cx.text(value);
        Setting::Set {
            value: text.to_string(),
            line: value.start_position().row + 1,
            disables: matches!(text, "None" | "null" | "undefined" | "nil"),
        }
    };
    let timeout = match &client.timeout {
        crate::vocabulary::TimeoutArg::Keyword(k) => {
            if let Some(v) = call.kwarg(k) {
                decided(v)
            } else if let Some(v) = option_property(cx, &call, k) {
                decided(v)
            } else if call.has_spread() {
                unknown("arguments are spread into the call")
            } else if cx.m.lang.family() == crate::lang::Family::Ts
                && call.args.iter().skip(1).any(|a| {
                    !matches!(
                        a.value.kind_name(),
                        "object" | "string" | "template_string" | "number" | "true" | "false"
                    )
                })
            {
                // `fetchJson(url, opts)`: an options object built elsewhere.
                unknown("an options object built elsewhere may set it")
            } else {
                Setting::Missing
            }
        }
        crate::vocabulary::TimeoutArg::Position(p) => match call.positional(p - 1) {
            Some(v) => decided(v),
            None if call.has_spread() => unknown("arguments are spread into the call"),
            None => Setting::Missing,
        },
    };
    Some(Interaction {
        node,
        api: client.api,
        label,
        detail: String::new(),
        timeout,
    })
}

/// The value of property `key` in an options object passed to `call`
/// (`fetchJson(url, { timeout: 5000 })`, `{ timeout }`); else a spread in it
/// (`{ ...defaults }`), which may set it too and reads as set by the spread.
fn option_property<'t>(
    cx: &Cx<'_, 't>,
    call: &crate::semantic::Call<'t>,
    key: &str,
) -> Option<Node<'t>> {
    call.args
        .iter()
        .filter(|a| a.value.kind_name() == "object")
        .find_map(|a| {
            crate::semantic::ts::object_value(cx.m, a.value, key).or_else(|| {
                crate::semantic::named_children(a.value).find(|p| p.kind_name() == "spread_element")
            })
        })
}

/// A call of a library's client API (the tables of `src/model/clients/`).
fn library_client<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let name = cx.callee_name(node);
    let maybe = match cx.m.lang {
        // The JVM rows are constructors and factories, not verbs on any receiver.
        Lang::Java | Lang::Kotlin => matches!(
            name,
            "newHttpClient" | "build" | "RestTemplate" | "createDefault" | "openConnection"
        ),
        _ => MAYBE_CLIENT.contains(&name),
    };
    if !maybe && node.kind_name() != "composite_literal" {
        return None;
    }
    match cx.m.lang {
        Lang::Python => clients::python::interaction(cx, node),
        Lang::Go => clients::go::interaction(cx, node),
        Lang::Java | Lang::Kotlin => clients::jvm::interaction(cx, node),
        Lang::Rust => clients::rust::interaction(cx, node),
        Lang::TypeScript | Lang::Tsx | Lang::JavaScript => clients::ts::interaction(cx, node),
        Lang::Dart => clients::dart::interaction(cx, node),
        _ => None,
    }
}

/// A call whose own callee is a deadline (`timeout`, `wait_for`, `withTimeout`,
/// `pTimeout`), with `node` among its arguments (through `.await`, a call chain
/// or an argument list, a few levels up at most).
fn timeout_wrapper<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<(&'t str, usize)> {
    let mut n = node;
    for _ in 0..6 {
        let p = n.parent()?;
        match p.kind_name() {
            "arguments"
            | "argument_list"
            | "await_expression"
            | "await"
            | "field_expression"
            | "member_expression"
            | "call_suffix"
            | "value_arguments"
            | "value_argument"
            | "try_expression"
            | "array"
            | "parenthesized_expression" => n = p,
            "call" | "call_expression" | "method_invocation" => {
                let name = cx.callee_name(p);
                let lower = name.to_ascii_lowercase();
                // `Promise.race([fetch(…), new Promise(r => setTimeout(r, 150))])`.
                let race = || {
                    let t = cx.text(p);
                    lower == "race"
                        && ["setTimeout(", "sleep(", "delay(", "timeout("]
                            .iter()
                            .any(|m| t.contains(m))
                };
                let is_deadline = CANCELLING_WRAPPERS
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(name))
                    || lower == "ptimeout"
                    || race();
                if is_deadline && p.id() != node.id() {
                    return Some((name, p.start_position().row + 1));
                }
                n = p;
            }
            _ => return None,
        }
    }
    None
}

/// A Python `with` block that puts a deadline on everything inside it:
/// `with eventlet.Timeout(5)`, `with gevent.Timeout(5)`, `async with
/// asyncio.timeout(10)`, `async with async_timeout.timeout(10)`, `with
/// anyio.fail_after(5)`, trio's `move_on_after(5)`. Up to the enclosing function,
/// or past it when it is a helper defined inside such a block (`async def
/// request_helper(): …` under `async with async_timeout.timeout(t):`), which
/// the block's own code runs.
pub(crate) fn deadline_scope<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<(&'t str, usize)> {
    if cx.m.lang != Lang::Python {
        return None;
    }
    let mut n = node;
    for _ in 0..64 {
        let p = n.parent()?;
        match p.kind_name() {
            // A nested helper the block runs: on to the block it is defined in.
            "function_definition" if runs_in_its_block(cx, p) => {}
            "function_definition" | "lambda" | "class_definition" | "module" => return None,
            "with_statement" => {
                let clause = p
                    .named_children(&mut p.walk())
                    .find(|c| c.kind_name() == "with_clause");
                for item in clause
                    .iter()
                    .flat_map(|c| c.named_children(&mut c.walk()).collect::<Vec<_>>())
                {
                    // `with_item` → its value (a call, or `call as name`).
                    let mut value = item.child_by_field_name("value").unwrap_or(item);
                    if value.kind_name() == "as_pattern" {
                        value = value.named_child(0).unwrap_or(value);
                    }
                    if value.kind_name() != "call" {
                        continue;
                    }
                    let name = cx.callee_name(value);
                    if TIMEOUT_BLOCKS.contains(&name) {
                        return Some((name, value.start_position().row + 1));
                    }
                }
            }
            _ => {}
        }
        n = p;
    }
    None
}

/// Whether a Python function defined in a `with` block is run by the block
/// itself: called there (`request_helper()`) or handed to a call there
/// (`retry_async(request_helper)`), and never let out of it (`return inner`,
/// `self.cb = inner`), where it would run after the block has ended.
fn runs_in_its_block(cx: &Cx, def: Node) -> bool {
    let Some(block) = def.parent().filter(|b| {
        b.kind_name() == "block"
            && b.parent()
                .is_some_and(|w| w.kind_name() == "with_statement")
    }) else {
        return false;
    };
    let Some(name) = def.child_by_field_name("name").map(|n| cx.text(n)) else {
        return false;
    };
    let mut run = false;
    for d in crate::semantic::descendants(block).take(20_000) {
        if d.kind_name() != "identifier"
            || cx.text(d) != name
            || (d.start_byte() >= def.start_byte() && d.end_byte() <= def.end_byte())
        {
            continue;
        }
        match d.parent().map(|p| p.kind_name()) {
            Some("call")
                if d.parent().and_then(|p| p.child_by_field_name("function")) == Some(d) =>
            {
                run = true
            }
            Some("argument_list") => run = true,
            _ => return false,
        }
    }
    run
}

/// An outbound HTTP request, whichever rule asks: a call through a client of
/// the table, a call resolved to an HTTP library, or an HTTP verb called on a
/// receiver named like an HTTP client (`self.session.post`, `restTemplate.exchange`,
/// `this.http.get`) — not a dict's `.get(key)` or Go's builtin `delete(m, k)`.
#[derive(Debug)]
pub struct HttpRequest<'t> {
    pub call: crate::semantic::Call<'t>,
    /// The method the call names, lowercased: `get`, `post`, `fetch`, `exchange`…
    pub verb: String,
    /// The client-API row, when the table knows the call.
    pub api: Option<&'static ClientApi>,
}

impl HttpRequest<'_> {
    /// A request that changes state on the server (not a plain read).
    pub fn mutates(&self) -> bool {
        matches!(
            self.verb.as_str(),
            "post" | "put" | "patch" | "delete" | "postform" | "postforobject" | "postforentity"
        )
    }
}

/// Method names an HTTP client call can have.
const HTTP_VERBS: &[&str] = &[
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "head",
    "options",
    "request",
    "fetch",
    "urlopen",
    "do",
    "postform",
    "getforobject",
    "getforentity",
    "postforobject",
    "postforentity",
    "exchange",
    "retrieve",
];

/// Resolved targets of HTTP libraries.
const HTTP_LIBRARIES: &[&str] = &[
    "requests.",
    "httpx.",
    "aiohttp.",
    "urllib.request.urlopen",
    "axios",
    "fetch",
    "node-fetch",
    "cross-fetch",
    "undici.",
    "got",
    "ky.",
    "superagent",
    "net/http.",
    "reqwest.",
];

/// Receiver names (their last segment, lowercased) that stand for an HTTP client.
const CLIENT_RECEIVERS: &[&str] = &[
    "requests",
    "httpx",
    "aiohttp",
    "axios",
    "session",
    "http",
    "https",
    "client",
    "httpclient",
    "http_client",
    "api",
    "apiclient",
    "api_client",
    "resttemplate",
    "rest_template",
    "webclient",
    "web_client",
];

pub fn http_request<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<HttpRequest<'t>> {
    let name = cx.callee_name(node);
    // `httpClient.send(req, handler)`, `client.execute(httpGet)`: generic names that
    // are HTTP only on an HTTP-named receiver.
    let generic = name.eq_ignore_ascii_case("send") || name.eq_ignore_ascii_case("execute");
    if !generic && !HTTP_VERBS.iter().any(|v| v.eq_ignore_ascii_case(name)) {
        return None;
    }
    // Several rules and the crossings ask about the same call: a call found
    // not to be a request is not resolved again.
    if cx.m.known_fact("not-http-request", node) == Some(true) {
        return None;
    }
    let verb = name.to_ascii_lowercase();
    let api = cx.m.interaction_at(node).map(|i| i.api);
    // Names and receiver first; the callee is resolved only when they cannot decide.
    let mut call = cx.m.call_unresolved(node)?;
    let receiver = if call.callee.id() == node.id() {
        // Java: `restTemplate.postForObject(…)` carries its receiver as `object`.
        node.child_by_field_name("object")
            .map_or("", |o| cx.text(o))
    } else {
        cx.text(call.callee).rsplit_once('.').map_or("", |(r, _)| r)
    };
    let last = receiver
        .rsplit(['.', ':', '>'])
        .next()
        .unwrap_or("")
        .trim_start_matches('_')
        .to_ascii_lowercase();
    if generic {
        let http_named = last.contains("http") || last.contains("rest");
        return http_named.then_some(HttpRequest { call, verb, api });
    }
    // A web framework's session (`request.session.get("cart")`) is a dict,
    // and a name for a log or a response is data (`http_log.get(…)`).
    let framework_session = || {
        last == "session"
            && receiver
                .trim_end_matches(".session")
                .rsplit(['.', ':', '>'])
                .next()
                .is_some_and(|r| matches!(r, "request" | "req" | "flask"))
    };
    let data_named = || {
        [
            "log", "logs", "response", "resp", "headers", "status", "json", "data",
        ]
        .iter()
        .any(|w| last.ends_with(w))
    };
    let client_receiver = (CLIENT_RECEIVERS.contains(&last.as_str())
        || (last.contains("http") && !data_named()))
        && !framework_session();
    let bare_fetch = matches!(verb.as_str(), "fetch" | "urlopen") && receiver.is_empty();
    if api.is_some() || client_receiver || bare_fetch {
        call.target = cx.m.call_target(&call, cx.frame);
        return Some(HttpRequest { call, verb, api });
    }
    // An HTTP library's own functions (`requests.get`, `http.Get`, `axios.post`,
    // `reqwest::get`): JVM, Swift and Dart code calls HTTP through client objects,
    // which the receiver names.
    if matches!(
        cx.m.lang,
        Lang::Java | Lang::Kotlin | Lang::Swift | Lang::Dart
    ) {
        return None;
    }
    call.target = cx.m.call_target(&call, cx.frame);
    let target = call.target.as_deref().unwrap_or("");
    // A method of what a request returned (`requests.get(u).json().get("id")`,
    // `resp.headers.get(…)`) reads the response: it is no request.
    let reads_response = || {
        [
            ".json()", ".headers", ".cookies", ".text", ".content", ".raw",
        ]
        .iter()
        .any(|r| target.contains(r))
    };
    let library = HTTP_LIBRARIES
        .iter()
        .any(|p| target == p.trim_end_matches('.') || target.starts_with(p))
        && !reads_response();
    if !library {
        cx.m.remember_fact("not-http-request", node, true);
    }
    library.then_some(HttpRequest { call, verb, api })
}

/// How a call is kept under a deadline: inside a wrapper that bounds
/// whatever the callee does (`asyncio.wait_for(sync())`,
/// `tokio::time::timeout(d, sync())`), or handed a Go context that carries one
/// (`sync(ctx)` after `ctx, cancel := context.WithTimeout(…)`), which bounds
/// only the requests built on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DeadlineKind {
    Wrapper,
    Context,
}

/// What a file shows of the deadlines its calls are made under, found once
/// per file: [`Deadlines::of_call`] then answers per call.
pub struct Deadlines<'t> {
    /// The byte ranges a deadline bounds: a cancelling wrapper's arguments
    /// (`asyncio.wait_for(…)`, `tokio::time::timeout(d, …)`, with the
    /// receiver of a `.timeout(d)` method) and the bodies of Python's timeout
    /// blocks (`with anyio.fail_after(5):`).
    ranges: Vec<std::ops::Range<usize>>,
    /// Go: each variable assigned a context with a deadline, with where.
    contexts: Vec<(usize, &'t str)>,
}

/// Wrappers that cancel what they bound, by the name called.
const CANCELLING_WRAPPERS: &[&str] = &["wait_for", "timeout", "timeout_at", "withTimeout"];

/// Calls opening a Python `with` block that puts a deadline on its body
/// (`with eventlet.Timeout(5)`, `async with asyncio.timeout(10)`, `with
/// anyio.fail_after(5)`, trio's `move_on_after(5)`), by the name called.
const TIMEOUT_BLOCKS: &[&str] = &[
    "Timeout",
    "timeout",
    "timeout_at",
    "fail_after",
    "fail_at",
    "move_on_after",
    "move_on_at",
];

/// Whether a Python `with` statement's context managers include a
/// [`TIMEOUT_BLOCKS`] call (`with anyio.fail_after(5):`, `async with
/// asyncio.timeout(10) as t:`).
fn opens_timeout_block(m: &Model, with: Node) -> bool {
    let clause = crate::semantic::named_children(with).find(|c| c.kind_name() == "with_clause");
    clause
        .into_iter()
        .flat_map(crate::semantic::named_children)
        .any(|item| {
            let mut value = item.child_by_field_name("value").unwrap_or(item);
            if value.kind_name() == "as_pattern" {
                value = value.named_child(0).unwrap_or(value);
            }
            value.kind_name() == "call"
                && value.child_by_field_name("function").is_some_and(|f| {
                    let callee = m.text(f);
                    TIMEOUT_BLOCKS.contains(&callee.rsplit('.').next().unwrap_or(callee))
                })
        })
}

impl<'t> Deadlines<'t> {
    pub fn of(m: &Model<'t>) -> Deadlines<'t> {
        let src = m.src;
        let mut ranges = Vec::new();
        // A wrapper that cancels what it bounds: Python's `wait_for` and
        // timeout blocks, Rust's `timeout` (the future is dropped), Kotlin's
        // `withTimeout`. A script's race (`Promise.race`, `pTimeout`) or
        // Dart's `.timeout` only stops waiting: the request it raced goes on.
        if let (true, Some(root)) = (
            matches!(m.lang, Lang::Python | Lang::Rust | Lang::Kotlin),
            m.root,
        ) {
            let word_before = |at: usize| {
                src[..at]
                    .bytes()
                    .next_back()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            };
            for name in CANCELLING_WRAPPERS {
                let needle = format!("{name}(");
                for (at, _) in src.match_indices(&needle).take(128) {
                    if word_before(at) {
                        continue;
                    }
                    let Some(leaf) = root.descendant_for_byte_range(at, at + name.len()) else {
                        continue;
                    };
                    let call = std::iter::successors(Some(leaf), |n| n.parent())
                        .take(4)
                        .find(|n| matches!(n.kind_name(), "call" | "call_expression"));
                    let Some(call) = call else { continue };
                    // The wrapper's own arguments, and for a method
                    // (`fut.timeout(d)`) its receiver too: the whole call.
                    // (Kotlin's `withTimeout(ms) { … }` bounds its trailing lambda.)
                    let bounded = if src[..at].ends_with('.') || m.lang == Lang::Kotlin {
                        Some(call.byte_range())
                    } else {
                        call.child_by_field_name("arguments")
                            .map(|a| a.byte_range())
                            .or_else(|| {
                                crate::semantic::named_children(call)
                                    .find(|c| c.kind_name() == "value_arguments")
                                    .map(|a| a.byte_range())
                            })
                    };
                    ranges.extend(bounded);
                }
            }
            if m.lang == Lang::Python {
                for block in TIMEOUT_BLOCKS {
                    for (at, _) in src.match_indices(&format!("{block}(")).take(64) {
                        let line = src[..at].rfind('\n').map_or(0, |i| i + 1);
                        if !src[line..at].trim_start().starts_with("with ")
                            && !src[line..at].trim_start().starts_with("async with ")
                        {
                            continue;
                        }
                        if word_before(at) {
                            continue;
                        }
                        let Some(leaf) = root.descendant_for_byte_range(at, at + 1) else {
                            continue;
                        };
                        let with = std::iter::successors(Some(leaf), |n| n.parent())
                            .take(8)
                            .find(|n| n.kind_name() == "with_statement");
                        // The block's own context manager, not a call among
                        // its arguments (`ClientSession(timeout=…)`).
                        let Some(with) = with.filter(|w| opens_timeout_block(m, *w)) else {
                            continue;
                        };
                        if let Some(body) = with.child_by_field_name("body") {
                            ranges.push(body.byte_range());
                        }
                    }
                }
            }
        }
        let mut contexts = Vec::new();
        if m.lang == Lang::Go {
            for marker in ["context.WithTimeout", "context.WithDeadline"] {
                for (at, _) in src.match_indices(marker).take(256) {
                    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
                    let line = &src[start..at];
                    let Some((lhs, _)) = line.split_once(":=").or_else(|| line.split_once('='))
                    else {
                        continue;
                    };
                    let lhs = lhs.trim().trim_start_matches("if ").trim();
                    let name = lhs.split(',').next().unwrap_or("").trim();
                    if !name.is_empty()
                        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    {
                        contexts.push((at, name));
                    }
                }
            }
            contexts.sort_unstable();
        }
        Deadlines { ranges, contexts }
    }

    /// The deadline the call at `node`, made by `caller`, is under, if any.
    pub fn of_call(&self, cx: &Cx<'_, 't>, caller: FuncId, node: Node<'t>) -> Option<DeadlineKind> {
        let at = node.start_byte();
        if self.ranges.iter().any(|r| r.contains(&at)) {
            return Some(DeadlineKind::Wrapper);
        }
        if self.contexts.is_empty() {
            return None;
        }
        // A context assigned before the call in the caller's outermost
        // function (a closure sees its enclosing function's variables).
        let args = node.child_by_field_name("arguments")?;
        let outer = cx.m.outermost_function(Some(caller))?;
        let range = cx.m.function(outer).node.byte_range();
        let mut assigned = self
            .contexts
            .iter()
            .filter(|(pos, _)| range.contains(pos) && *pos < at)
            .peekable();
        assigned.peek()?;
        let assigned: Vec<&str> = assigned.map(|(_, name)| *name).collect();
        crate::semantic::named_children(args)
            .any(|a| assigned.contains(&cx.text(a).trim()))
            .then_some(DeadlineKind::Context)
    }
}
