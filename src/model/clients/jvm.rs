//! Java and Kotlin: the JDK `HttpClient`, Spring's `RestTemplate`, Apache
//! HttpClient and `URLConnection`.

use super::{found, line};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Interaction, Kind, Setting, Shape};
use crate::rules::Cx;
use crate::semantic::descendants;
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use tree_sitter::Node;

const JVM: &[Lang] = &[Lang::Java, Lang::Kotlin];

pub static JDK_NEW: ClientApi = ClientApi {
    id: "jvm.java.net.http.HttpClient.newHttpClient",
    library: "java.net.http",
    lang: JVM,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Client,
    param: "connectTimeout",
    default: "no connect timeout, and no request timeout unless each request sets one",
    default_source: "JDK docs, HttpClient.Builder.connectTimeout: \"If this method is not invoked … the connect timeout is infinite\"",
    default_too_long: true,
    missing: "`HttpClient.newHttpClient()` has no connect timeout, and its requests none unless each sets one.",
    disabled: "`HttpClient.newHttpClient()` has no connect timeout, and its requests none unless each sets one.",
    impact: Impact::Client,
    fix: "Build the client with `HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()` and give each request `.timeout(Duration.ofSeconds(30))`.",
    severity: Severity::High,
    title: None,
};

pub static JDK_BUILDER: ClientApi = ClientApi {
    id: "jvm.java.net.http.HttpClient.newBuilder",
    missing: "This `HttpClient.newBuilder()` chain never calls `.connectTimeout(...)`; connects wait forever.",
    disabled: "This `HttpClient.newBuilder()` chain never calls `.connectTimeout(...)`; connects wait forever.",
    fix: "Add `.connectTimeout(Duration.ofSeconds(3))` to the builder and `.timeout(...)` to each request.",
    ..JDK_NEW
};

pub static REST_TEMPLATE: ClientApi = ClientApi {
    id: "jvm.spring.RestTemplate",
    library: "Spring RestTemplate",
    lang: JVM,
    kind: Kind::SyncRpc,
    peer: "the remote service",
    shape: Shape::Client,
    param: "connectTimeout/readTimeout",
    default: "infinite connect and read timeouts (SimpleClientHttpRequestFactory)",
    default_source: "Spring docs, SimpleClientHttpRequestFactory: timeouts default to -1 (infinite)",
    default_too_long: true,
    missing: "`{label}` uses `SimpleClientHttpRequestFactory`, whose connect and read timeouts are infinite.",
    disabled: "`{label}` uses `SimpleClientHttpRequestFactory`, whose connect and read timeouts are infinite.",
    impact: Impact::Client,
    fix: "Build it with timeouts: `new RestTemplateBuilder().setConnectTimeout(Duration.ofSeconds(3)).setReadTimeout(Duration.ofSeconds(30)).build()`.",
    severity: Severity::High,
    title: None,
};

pub static APACHE_DEFAULT: ClientApi = ClientApi {
    id: "jvm.apache.HttpClients.createDefault",
    library: "Apache HttpClient",
    peer: "the remote server",
    default: "no connect or socket timeout",
    default_source: "Apache HttpClient 4 docs, RequestConfig: timeouts default to -1 (system default: infinite)",
    missing: "`HttpClients.createDefault()` builds an Apache client without connect or socket timeouts.",
    disabled: "`HttpClients.createDefault()` builds an Apache client without connect or socket timeouts.",
    fix: "Use `HttpClients.custom().setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(3000).setSocketTimeout(30000).build()).build()`.",
    ..REST_TEMPLATE
};

pub static URL_CONNECTION: ClientApi = ClientApi {
    id: "jvm.java.net.URLConnection",
    library: "java.net.URLConnection",
    peer: "the remote server",
    shape: Shape::Call,
    param: "setConnectTimeout/setReadTimeout",
    default: "infinite connect and read timeouts",
    default_source: "JDK docs, URLConnection.setReadTimeout: \"A timeout of zero is interpreted as an infinite timeout\" (the default)",
    missing: "The connection from `{label}` does not get both a connect and a read timeout in this method; both default to infinite.",
    disabled: "The connection from `{label}` does not get both a connect and a read timeout in this method; both default to infinite.",
    impact: Impact::Hang,
    fix: "Call `setConnectTimeout(3000)` and `setReadTimeout(30000)` on the connection before using it.",
    ..REST_TEMPLATE
};

pub static ROWS: &[&ClientApi] = &[
    &JDK_NEW,
    &JDK_BUILDER,
    &REST_TEMPLATE,
    &APACHE_DEFAULT,
    &URL_CONNECTION,
];

/// `HttpClient` from `java.net.http`, or unqualified (same package or wildcard).
fn is_jdk_http_client(target: &str, suffix: &str) -> bool {
    target == format!("HttpClient.{suffix}")
        || target == format!("java.net.http.HttpClient.{suffix}")
}

pub(crate) fn interaction<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let call = cx.call(node)?;
    let target = call.target.as_deref()?;
    let label = cx.call_label(&call);
    let last = target.rsplit('.').next().unwrap_or(target);
    let is_ctor = node.kind_name() == "object_creation_expression"
        || (cx.m.lang == Lang::Kotlin && last == "RestTemplate");
    // A request's own `.timeout(…)` bounds its whole exchange, the connect
    // included: a client whose every request in the file sets one is bounded.
    let per_request = || match request_timeouts(cx.m.src, cx.m.root) {
        Some((true, at)) => Setting::set("`.timeout(...)` on every request the file builds", at),
        _ => Setting::Missing,
    };
    if is_jdk_http_client(target, "newHttpClient") {
        found(node, &JDK_NEW, label, per_request())
    } else if last == "build"
        && (target.starts_with("HttpClient.newBuilder()")
            || target.starts_with("java.net.http.HttpClient.newBuilder()"))
    {
        let timeout = if target.contains(".connectTimeout()") {
            Setting::set("connectTimeout(...)", line(node))
        } else {
            per_request()
        };
        found(node, &JDK_BUILDER, label, timeout)
    } else if is_ctor && last == "RestTemplate" {
        let timeout = match call.positional(0) {
            // A request factory passed in carries its own timeouts.
            Some(f) => Setting::unknown("request factory built elsewhere", line(f)),
            None => Setting::Missing,
        };
        found(node, &REST_TEMPLATE, label, timeout)
    } else if target.ends_with("HttpClients.createDefault") {
        let timeout = match request_config_line(cx) {
            Some(at) => Setting::set("a RequestConfig with timeouts on each request", at),
            None => Setting::Missing,
        };
        found(node, &APACHE_DEFAULT, label, timeout)
    } else if last == "openConnection" {
        // The method's timeout settings, read once: they both show the
        // connection is a network one and say whether it is bounded.
        let (connect, read) = timeout_lines(cx, node);
        if !url_connection(cx, node, &call, connect.is_some() || read.is_some()) {
            return None;
        }
        let timeout = match connect.zip(read) {
            Some((c, r)) => Setting::set("setConnectTimeout/setReadTimeout", c.max(r)),
            None => Setting::Missing,
        };
        found(node, &URL_CONNECTION, label, timeout)
    } else {
        None
    }
}

/// Whether every JDK `HttpRequest` a file builds sets its own timeout
/// (`HttpRequest.newBuilder(uri).timeout(d)…`, the whole chain from
/// `HttpRequest` on; a base builder the requests copy counts once), and the
/// line of the first request: `None` when the file builds none.
pub fn request_timeouts(src: &str, root: Option<Node>) -> Option<(bool, usize)> {
    let root = root?;
    let mut first = None;
    let mut all = true;
    let mut from = 0;
    while let Some(i) = src.get(from..).and_then(|s| s.find("HttpRequest")) {
        let at = from + i;
        from = at + "HttpRequest".len();
        let rest = src[from..].trim_start();
        if !rest.starts_with('.') || !rest[1..].trim_start().starts_with("newBuilder") {
            continue;
        }
        // The qualified name's own start (`java.net.http.HttpRequest`).
        let Some(mut chain) = root.descendant_for_byte_range(at, from) else {
            continue;
        };
        // The chain is every call starting where the name starts.
        while let Some(p) = chain.parent() {
            if p.start_byte() != chain.start_byte() || p.kind_name().ends_with("statement") {
                break;
            }
            chain = p;
        }
        let timed = src
            .get(chain.byte_range())
            .is_some_and(|t| t.contains(".timeout("));
        all &= timed;
        first.get_or_insert(chain.start_position().row + 1);
    }
    first.map(|line| (all, line))
}

/// The class of the project a JDK client built at `node` is handed to, by
/// its simple name: `new JWTAuthenticator(client, …)` in the same method
/// (the client kept in a variable first, or built in the argument list), or
/// Kotlin's `SpeedClient(httpClient = HttpClient.newHttpClient())`.
pub fn handed_to_class(cx: &Cx, node: Node) -> Option<String> {
    let class_of = |creation: Node| -> Option<String> {
        let name = match creation.kind_name() {
            "object_creation_expression" => cx.text(creation.child_by_field_name("type")?),
            // Kotlin: a call of a capitalised name is a constructor's.
            "call_expression" => {
                let callee = cx.text(creation.named_child(0)?);
                callee
                    .starts_with(|c: char| c.is_ascii_uppercase())
                    .then_some(callee)?
            }
            _ => return None,
        };
        let name = name.split('<').next().unwrap_or(name);
        let name = name.rsplit('.').next().unwrap_or(name).trim();
        (!name.is_empty()).then(|| name.to_string())
    };
    // Built in the argument list.
    let mut n = node;
    for _ in 0..4 {
        let Some(p) = n.parent() else { break };
        match p.kind_name() {
            "argument_list" | "call_suffix" => return p.parent().and_then(class_of),
            "value_argument" | "value_arguments" => {}
            _ => break,
        }
        n = p;
    }
    // Kept in a variable, then handed over in the same method.
    let holder = node.parent()?;
    let name = match holder.kind_name() {
        "assignment_expression" => holder.child_by_field_name("left"),
        "variable_declarator" => holder.child_by_field_name("name"),
        _ => None,
    }?;
    let name = cx.text(name).trim();
    let name = name.strip_prefix("this.").unwrap_or(name);
    let f = cx.function()?;
    descendants(f.node)
        .take(20_000)
        .filter(|d| d.kind_name() == "object_creation_expression")
        .find_map(|creation| {
            let args = creation.child_by_field_name("arguments")?;
            crate::semantic::named_children(args)
                .any(|a| {
                    let t = cx.text(a).trim();
                    t == name || t.strip_prefix("this.") == Some(name)
                })
                .then(|| class_of(creation))
                .flatten()
        })
}

/// The `RequestConfig.Builder` setters that bound an Apache request.
const REQUEST_TIMEOUTS: &[&str] = &[
    "setConnectTimeout(",
    "setSocketTimeout(",
    "setResponseTimeout(",
];

/// Where the method that builds a default Apache client gives its request a
/// `RequestConfig` with timeouts (`httpMethod.setConfig(config)`), itself or
/// through a method of the same file it calls (`setRequestConfig(httpMethod)`),
/// or, for a request handed in (`executeRequest(HttpUriRequest request)`),
/// where every caller in the file configures the request it passes
/// (`request.setConfig(requestConfig)`) and the file builds its configs with
/// timeouts: a request's config overrides the client's defaults.
fn request_config_line(cx: &Cx) -> Option<usize> {
    let f = cx.function()?;
    let configures = |node: Node| -> Option<usize> {
        let body = cx.text(node);
        let at = body.find(".setConfig(")?;
        REQUEST_TIMEOUTS
            .iter()
            .any(|t| body.contains(t))
            .then(|| super::line_within(node, body, at))
    };
    configures(f.node)
        .or_else(|| cx.called_helpers(f).find_map(|g| configures(g.node)))
        .or_else(|| {
            let body = cx.text(f.node);
            let handed_in = f
                .params
                .iter()
                .any(|p| !p.name.is_empty() && body.contains(&format!(".execute({}", p.name)));
            let bounded = REQUEST_TIMEOUTS.iter().any(|t| cx.m.src.contains(t));
            (handed_in && bounded)
                .then(|| super::callers_showing(cx, f, &[".setConfig("]))
                .flatten()
                .flatten()
        })
}

/// Whether `openConnection` is `URL.openConnection()` to somewhere remote: it
/// takes no argument but a proxy and has a receiver (a bare
/// `openConnection(url, user, password)` is the class's own method, a JDBC
/// wrapper), and the URL is not a classpath resource
/// (`classLoader.getResource(name)`, a `file:`/`jar:` URL).
fn url_connection<'t>(
    cx: &Cx<'_, 't>,
    node: Node<'t>,
    call: &crate::semantic::Call<'t>,
    sets_a_timeout: bool,
) -> bool {
    // Java's invocation is its own callee, with the receiver in a field;
    // Kotlin's callee is `url.openConnection`.
    let receiver = if call.callee.id() == node.id() {
        node.field("object").map(|o| cx.text(o))
    } else {
        cx.text(call.callee).rsplit_once('.').map(|(r, _)| r)
    };
    let Some(receiver) = receiver.map(str::trim).filter(|r| !r.is_empty()) else {
        return false;
    };
    if call.args.len() > 1 || receiver.contains("getResource(") {
        return false;
    }
    let simple = receiver.chars().all(|c| c.is_alphanumeric() || c == '_');
    let scope = cx.m.function_at(cx.frame);
    if simple
        && cx
            .m
            .binding(scope, receiver)
            .is_some_and(|v| cx.text(v).contains("getResource("))
    {
        return false;
    }
    // The connection is a network one when the code says so: it casts the
    // result to `HttpURLConnection` (Java's cast, Kotlin's `as`), opens a
    // literal `http(s)://` URL, or sets one of the two timeouts. A plain
    // `URLConnection` over a `URL` from elsewhere reads whatever the URL names
    // (a classpath or jar resource, a file): its protocol is unknown, not
    // missing a timeout.
    let cast_to_http = node
        .parent()
        .into_iter()
        .chain(node.parent().and_then(|p| p.parent()))
        .any(|p| {
            matches!(p.kind_name(), "cast_expression" | "as_expression")
                && ["HttpURLConnection", "HttpsURLConnection"]
                    .iter()
                    .any(|t| cx.text(p).contains(t))
        });
    cast_to_http || receiver.contains("\"http") || sets_a_timeout
}

/// Where the method around `node` sets the connect and the read timeout of a
/// URLConnection, each if it does.
fn timeout_lines(cx: &Cx, node: Node) -> (Option<usize>, Option<usize>) {
    let scope = cx.function().map(|f| f.node).unwrap_or_else(|| {
        let mut n = node;
        while let Some(p) = n.parent() {
            n = p;
        }
        n
    });
    let (mut connect, mut read) = (None, None);
    for d in descendants(scope) {
        let name = match d.kind_name() {
            "method_invocation" => d.child_by_field_name("name").map(|n| cx.text(n)),
            "navigation_expression" | "identifier" => {
                Some(cx.text(d).rsplit('.').next().unwrap_or(""))
            }
            _ => None,
        };
        match name {
            Some("setConnectTimeout" | "connectTimeout") => connect = Some(line(d)),
            Some("setReadTimeout" | "readTimeout") => read = Some(line(d)),
            _ => {}
        }
    }
    (connect, read)
}
