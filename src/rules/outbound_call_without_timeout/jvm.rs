//! RES001 in Java and Kotlin.

use super::{client_impact, hang_impact, Case, Cx, Diag};
use crate::lang::Lang;
use crate::semantic::descendants;
use crate::semantic::fields::Field;
use tree_sitter::Node;

/// `HttpClient` from `java.net.http`, or unqualified (same package or wildcard).
fn is_jdk_http_client(target: &str, suffix: &str) -> bool {
    target == format!("HttpClient.{suffix}")
        || target == format!("java.net.http.HttpClient.{suffix}")
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let Some(call) = cx.call(node) else { return };
    let Some(target) = call.target.as_deref() else {
        return;
    };
    let label = cx.call_label(&call);
    let last = target.rsplit('.').next().unwrap_or(target);
    let is_ctor = node.kind() == "object_creation_expression"
        || (cx.m.lang == Lang::Kotlin && last == "RestTemplate");
    if is_jdk_http_client(target, "newHttpClient") {
        out.push(Diag::new(
            node,
            "`HttpClient.newHttpClient()` has no connect timeout, and its requests none unless each sets one.".to_string(),
            client_impact("the remote server"),
            "Build the client with `HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()` and give each request `.timeout(Duration.ofSeconds(30))`.",
        ));
    } else if last == "build"
        && (target.starts_with("HttpClient.newBuilder()")
            || target.starts_with("java.net.http.HttpClient.newBuilder()"))
    {
        if !target.contains(".connectTimeout()") {
            out.push(Diag::new(
                node,
                "This `HttpClient.newBuilder()` chain never calls `.connectTimeout(...)`; connects wait forever.".to_string(),
                client_impact("the remote server"),
                "Add `.connectTimeout(Duration.ofSeconds(3))` to the builder and `.timeout(...)` to each request.",
            ));
        }
    } else if is_ctor && last == "RestTemplate" && call.args.is_empty() {
        out.push(Diag::new(
            node,
            format!("`{label}` uses `SimpleClientHttpRequestFactory`, whose connect and read timeouts are infinite."),
            client_impact("the remote service"),
            "Build it with timeouts: `new RestTemplateBuilder().setConnectTimeout(Duration.ofSeconds(3)).setReadTimeout(Duration.ofSeconds(30)).build()`.",
        ));
    } else if target.ends_with("HttpClients.createDefault") {
        out.push(Diag::new(
            node,
            "`HttpClients.createDefault()` builds an Apache client without connect or socket timeouts.".to_string(),
            client_impact("the remote server"),
            "Use `HttpClients.custom().setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(3000).setSocketTimeout(30000).build()).build()`.",
        ));
    } else if last == "openConnection" && !sets_both_timeouts(cx, node) {
        out.push(Diag::new(
            node,
            format!("The connection from `{label}` does not get both a connect and a read timeout in this method; both default to infinite."),
            hang_impact(cx, "the remote server"),
            "Call `setConnectTimeout(3000)` and `setReadTimeout(30000)` on the connection before using it.",
        ));
    }
}

/// Whether the method around `node` sets both URLConnection timeouts
/// (`setConnectTimeout(…)` or Kotlin's `connectTimeout = …`).
fn sets_both_timeouts(cx: &Cx, node: Node) -> bool {
    let scope = cx.function().map(|f| f.node).unwrap_or_else(|| {
        let mut n = node;
        while let Some(p) = n.parent() {
            n = p;
        }
        n
    });
    let (mut connect, mut read) = (false, false);
    for d in descendants(scope) {
        let name = match d.kind() {
            "method_invocation" => d.field("name").map(|n| cx.text(n)),
            "navigation_expression" | "identifier" => {
                Some(cx.text(d).rsplit('.').next().unwrap_or(""))
            }
            _ => None,
        };
        match name {
            Some("setConnectTimeout" | "connectTimeout") => connect = true,
            Some("setReadTimeout" | "readTimeout") => read = true,
            _ => {}
        }
    }
    connect && read
}

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "src/main/java/app/Clients.java",
        "package app;\n\nimport java.net.http.HttpClient;\nimport org.springframework.web.client.RestTemplate;\nimport org.apache.http.impl.client.HttpClients;\n\nclass Clients {\n  HttpClient a = HttpClient.newHttpClient();\n  HttpClient b = HttpClient.newBuilder()\n      .followRedirects(HttpClient.Redirect.NORMAL)\n      .build();\n  RestTemplate rt = new RestTemplate();\n  Object c = HttpClients.createDefault();\n\n  void get(java.net.URL url) throws Exception {\n    var conn = (java.net.HttpURLConnection) url.openConnection();\n    conn.setConnectTimeout(1000);\n    conn.getInputStream();\n  }\n}\n",
        &[8, 9, 12, 13, 16],
    ),
    Case::pass(
        "src/main/java/app/Ok.java",
        "package app;\n\nimport java.net.http.HttpClient;\nimport java.time.Duration;\nimport okhttp3.OkHttpClient;\n\nclass Ok {\n  HttpClient a = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();\n  RestTemplate rt = new RestTemplate(factory);\n  OkHttpClient ok = new OkHttpClient();\n\n  void get(java.net.URL url) throws Exception {\n    var conn = url.openConnection();\n    conn.setConnectTimeout(1000);\n    conn.setReadTimeout(1000);\n  }\n}\n",
    ),
    Case::fail(
        "src/main/kotlin/app/Clients.kt",
        "package app\n\nimport java.net.http.HttpClient\nimport org.springframework.web.client.RestTemplate\n\nclass Clients {\n    val a = HttpClient.newHttpClient()\n    val rt = RestTemplate()\n    fun get(url: java.net.URL) {\n        val conn = url.openConnection()\n        conn.connectTimeout = 1000\n    }\n}\n",
        &[7, 8, 10],
    ),
    Case::pass(
        "src/main/kotlin/app/Ok.kt",
        "package app\n\nimport java.net.http.HttpClient\nimport java.time.Duration\nimport org.springframework.web.client.RestTemplate\n\nclass Ok {\n    val a = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()\n    val rt = RestTemplate(factory)\n    fun get(url: java.net.URL) {\n        val conn = url.openConnection()\n        conn.connectTimeout = 1000\n        conn.readTimeout = 1000\n    }\n}\n",
    ),
];
