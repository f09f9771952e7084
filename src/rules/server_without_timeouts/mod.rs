//! RES008 server-without-timeouts.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct ServerWithoutTimeouts;

static META: Meta = Meta {
    id: "RES008",
    name: "server-without-timeouts",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Go],
    refs: &["F1"],
    title: "HTTP server has no read timeouts",
    preview: false,
    docs: Docs {
        what: "Flags Go `http.ListenAndServe(...)`/`http.ListenAndServeTLS(...)`, which give no way \
to set timeouts, and `http.Server{...}` literals without `ReadHeaderTimeout` or `ReadTimeout` (and \
no `srv.ReadHeaderTimeout = …` later). Not flagged: a line that carries gosec's suppression of the \
same check (`#nosec G112`, `#nosec G114`, golangci-lint's `//nolint:gosec`): the owner has already decided; \
in a scan of a whole repository (its `.git` among the paths), a server started in a function no other file names \
and its own file names only where it is defined (dead code; a library's excepted), which never runs; \
a server in a directory of developer tooling (`devtools/`, `hack/`, `scripts/`, `dev/`) or of a demo \
(`demo/`, `demo_api/`, `cmd/app-demo-p2p/`), which serves whoever runs it, and an example's, a docs \
site's or a benchmark's server (`examples/`, `docs/`), which nobody deploys as it is (on real code, their owners judged one \
such finding in six worth a change; in a repository of samples, `samples-go`, the samples are what its owners publish, and \
reported); a server that lives only while \
its function (not `main`) waits for one answer with a deadline and closes it on the way out (a CLI login's OAuth \
callback: `defer s.Close()` and `time.NewTimer(time.Minute)`), which no slow client outlives; a server that listens \
on the loopback interface only (`localhost:`, `127.0.0.1`, an address from a loopback helper such as \
`netutil.IPv4Localhost()`) or on a Unix socket \
(`srv.Serve(unixListener)`, or a server built where the listener opened for it is `net.ListenUnix`/`net.Listen(\"unix\", …)`, \
or one a constructor keeps in a field, `s.srv = &http.Server{…}` or `&Server{srv: &http.Server{…}}`, that the file serves only on such a listener), which no slow remote client reaches; \
a server literal handed straight to another package's serving function (`zhttp.Serve(l, stop, &http.Server{…})`, \
a `Serve…`/`Listen…`/`Run…`/`Start…` call), which may fill in the timeouts left zero (a wrapper built around it, \
`manners.NewWithServer(&http.Server{…})`, is reported); \
a server served on a listener the project builds with a timeout (`util.NewListener(addr, idleTimeout)`), whose \
connections carry read and write deadlines; `http.ListenAndServe(addr, nil)` in a file that \
imports `net/http/pprof` for its side effect and registers nothing else (the profiler's listener, also with \
`http.DefaultServeMux` as the handler, and a default-mux listener with no routes in its file whose address is named for \
the profiler or a debug port, `-debug.port`, whose import sits in a sibling file); a server whose handler serves only what operators scrape and probe — \
metrics (`promhttp.Handler()`, `promhttp.HandlerFor(…)`, at any path, also through a variable: `mux.HandleFunc(\"/\", metricsHandler.ServeHTTP)`), health probes (`/healthz`, `/readyz`, `/ping`) and Go's profiler (`pprof`, `/debug/pprof/`) — \
or a function named for metrics' or health handlers (`s.PromHandler()`, `metrics.Handler()`, `healthHandler(l)`), \
status pages (`/status`, `/status.json`, `/stats`), or a mux named for such routes (`m.observabilityMux`, `metricsMux`) — \
whether as its handler, as the routes of the mux it is given (filled by the serving function, or by the function \
whose goroutine serves it), or as the only routes the file registers on the default mux, \
or that a function named for the profiler starts (`startPprof`), or whose address the project names for such a port \
(`conf.HealthPort`, `conf.PrometheusPort`, `metrics-addr`, `health-check-addr`, `DebugHandlerPort`): an operator's side listener, scraped from inside the \
deployment. (The catalog exempts the profiler's; metrics and probe listeners are the same kind of port, and their \
owners judged such findings not worth a change.)",
        why: "Go's server waits forever for a client to send its headers and body by default. \
Slow or stuck clients — or a slowloris attack — each hold a connection and a goroutine \
indefinitely, until file descriptors or memory run out and healthy requests are refused.",
        example: "log.Fatal(http.ListenAndServe(\":8080\", mux))",
        use_instead: "srv := &http.Server{Addr: \":8080\", Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second}\nlog.Fatal(srv.ListenAndServe())",
    },
};

impl Rule for ServerWithoutTimeouts {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call, Event::New]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // A developer's tool (`devtools/`, `hack/`, `scripts/`) or a demo
        // someone starts to try the project out serves whoever runs it, not
        // the service's clients; an example's server is deployed by nobody as
        // it is. (A repository of samples publishes its samples: reported.)
        if cx.m.tooling || (cx.origin() == crate::model::Origin::Example && !cx.samples_repo) {
            return;
        }
        // A server only the machine itself can reach has no slow clients to fear.
        let before = out.len();
        find(cx, node, out);
        if out.len() > before
            && (crate::model::roles::is_demo_path(cx.project_path)
                || super::contexts::serves_loopback_only(cx))
        {
            out.truncate(before);
        }
    }

    fn cases(&self) -> Vec<Case> {
        cases()
    }
}

fn find<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let impact = "Slow or stuck clients (or a slowloris attack) each hold a connection and a goroutine forever, until the server runs out of file descriptors or memory and refuses healthy requests.";
    let fix = "Use an `http.Server` with `ReadHeaderTimeout: 5 * time.Second` (and `ReadTimeout`, `WriteTimeout`, `IdleTimeout` sized to your endpoints) and call its `ListenAndServe`.";
    if node.kind_name() == "call_expression" {
        if !matches!(cx.callee_name(node), "ListenAndServe" | "ListenAndServeTLS") {
            return;
        }
        let Some(call) = cx.call(node) else { return };
        if call.target_is(&["net/http.ListenAndServe", "net/http.ListenAndServeTLS"])
            && !gosec_suppressed(&cx.line_window(node))
            && !profiler_only(cx, &call)
            && !call
                .positional(0)
                .is_some_and(|a| loopback_address(cx, a) || named_for_operators(cx, a))
        {
            out.push(unless_unreferenced(
                cx,
                Diag::new(
                    node,
                    format!(
                        "`{}` starts a server with no read or write timeouts, and no way to set them.",
                        cx.call_label(&call)
                    ),
                    impact,
                    fix,
                ),
            ));
        }
        return;
    }
    let Some(ty) = node.field("type") else {
        return;
    };
    if cx.resolve(ty).as_deref() != Some("net/http.Server") {
        return;
    }
    let keys: Vec<&str> = cx.literal_keys(node);
    let set_later = |f: &str| cx.field_assigned_later(node, f);
    if keys
        .iter()
        .any(|k| matches!(*k, "ReadHeaderTimeout" | "ReadTimeout"))
        || set_later("ReadHeaderTimeout")
        || set_later("ReadTimeout")
    {
        return;
    }
    let at = node
        .parent()
        .filter(|p| p.kind_name() == "unary_expression")
        .unwrap_or(node);
    if gosec_suppressed(&cx.line_window(at))
        || handed_to_a_function(cx, at)
        || private_server(cx, node)
        || scoped_to_a_bounded_wait(cx, at)
    {
        return;
    }
    out.push(unless_unreferenced(cx, Diag::new(at, "This `http.Server{...}` sets neither `ReadHeaderTimeout` nor `ReadTimeout`: it waits forever for slow clients.".to_string(), impact, fix)));
}

/// A server in code nothing in the repository names (a function no file
/// calls: dead code) is never started; a library's, which other projects
/// call, excepted.
fn unless_unreferenced<'t>(cx: &Cx<'_, 't>, d: Diag<'t>) -> Diag<'t> {
    if cx.origin() == crate::model::Origin::Library {
        return d;
    }
    match crate::model::unreferenced::candidate(cx.m, cx.path, cx.frame) {
        Some(name) => d.unless(crate::facts::Unless::Unreferenced(name)),
        None => d,
    }
}

/// A server literal handed straight to a function that serves it
/// (`zhttp.Serve(l, stop, &http.Server{…})`, `server.Run(&http.Server{…})`):
/// that function may fill in the timeouts left zero; what it does is not seen
/// here. A wrapper built around it (`manners.NewWithServer(&http.Server{…})`)
/// serves it as it is.
fn handed_to_a_function(cx: &Cx, at: Node) -> bool {
    let Some(call) = at
        .parent()
        .filter(|p| p.kind_name() == "argument_list")
        .and_then(|a| a.parent())
    else {
        return false;
    };
    let name = cx.callee_name(call).to_ascii_lowercase();
    ["serve", "listen", "run", "start"]
        .iter()
        .any(|v| name.starts_with(v))
}

/// A server that lives only while its function waits for one answer with a
/// deadline, and that the function closes on its way out: a CLI login's OAuth
/// callback (`s := &http.Server{…}`, `defer s.Close()`, then a `select` on the
/// answer and `time.NewTimer(time.Minute)` or a context with a timeout). No
/// slow client outlives the wait. A program's `main` deferring its server's
/// `Shutdown` is no such thing: it serves until the process stops.
fn scoped_to_a_bounded_wait(cx: &Cx, literal: Node) -> bool {
    let Some(f) = cx
        .function()
        .filter(|f| !matches!(f.name.as_str(), "main" | "init"))
    else {
        return false;
    };
    // The variable the server is bound to: `s := &http.Server{…}`.
    let Some(decl) = literal
        .parent()
        .filter(|p| p.kind_name() == "expression_list")
        .and_then(|p| p.parent())
    else {
        return false;
    };
    if !matches!(
        decl.kind_name(),
        "short_var_declaration" | "assignment_statement"
    ) {
        return false;
    }
    let Some(var) = decl.child_by_field_name("left").map(|l| cx.text(l).trim()) else {
        return false;
    };
    if var.is_empty() || var.contains(',') {
        return false;
    }
    let body = cx.text(f.node);
    // Closed on the way out: a deferred call or function that closes it.
    let closes = crate::semantic::descendants(f.node)
        .filter(|n| n.kind_name() == "defer_statement")
        .take(64)
        .any(|d| {
            let t = cx.text(d);
            t.contains(&format!("{var}.Close()")) || t.contains(&format!("{var}.Shutdown("))
        });
    // Waits on a deadline: a timer's channel or a timed context's `Done()`
    // received (`case <-t.C:`, `<-waitCtx.Done()`), or `time.After`.
    let waited = |name: &str, field: &str| body.contains(&format!("<-{name}.{field}"));
    // The names `marker`'s calls are assigned to (`t := time.NewTimer(…)`).
    let assigned = |marker: &'static str| -> Vec<&str> {
        body.match_indices(marker)
            .filter_map(|(at, _)| {
                let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
                let lhs = body[line_start..at].split(":=").next()?.split('=').next()?;
                lhs.split(',')
                    .next()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
            })
            .collect()
    };
    let bounded_wait = body.contains("<-time.After(")
        || assigned("time.NewTimer(").iter().any(|t| waited(t, "C"))
        || assigned("context.WithTimeout(")
            .iter()
            .chain(&assigned("context.WithDeadline("))
            .any(|c| waited(c, "Done()"));
    closes && bounded_wait
}

/// `http.ListenAndServe(addr, nil)` in a file that imports `net/http/pprof`
/// for its side effect and registers nothing else on the default mux: the
/// profiler's listener, an operator's tool.
fn profiler_only(cx: &Cx, call: &crate::semantic::Call) -> bool {
    if profiler_function(cx) {
        return true;
    }
    let nil_handler = call
        .positional(1)
        .is_some_and(|h| matches!(cx.text(h).trim(), "nil" | "http.DefaultServeMux"));
    if nil_handler {
        // The default mux: the file's own registrations on it say what it serves.
        let registrations: Vec<&str> =
            cx.m.src
                .lines()
                .filter(|l| {
                    let l = l.trim_start();
                    l.starts_with("http.Handle(") || l.starts_with("http.HandleFunc(")
                })
                .collect();
        if registrations.is_empty() {
            return cx.m.src.contains("_ \"net/http/pprof\"")
                || call
                    .positional(0)
                    .is_some_and(|a| named_for_the_profiler(cx, a));
        }
        return operator_only(&registrations);
    }
    // A handler of metrics alone, or a mux the function fills with operator
    // routes only.
    let Some(handler) = call.positional(1).map(|h| cx.text(h).trim()) else {
        return false;
    };
    if operator_handler(handler) {
        return true;
    }
    // The mux is filled where it is made: in the serving function, or, when
    // that fills none (a goroutine, `go func() { http.ListenAndServe(addr,
    // mux) }()`), in the function it sits in.
    let inner = cx.m.function_at(cx.frame);
    let Some(function) = inner else {
        return false;
    };
    let body = cx.text(cx.m.function(function).node);
    if body.contains(&format!("{handler}.Handle")) {
        return mux_serves_operators_only(body, handler);
    }
    let Some(outer) = cx.m.outermost_function(inner) else {
        return false;
    };
    mux_serves_operators_only(cx.text(cx.m.function(outer).node), handler)
}

/// A handler expression that serves only metrics or the profiler
/// (`promhttp.Handler()`, `promhttp.HandlerFor(reg, …)`, `pprof.Index`), or
/// a function named for metrics' handler (`s.PromHandler()`,
/// `metrics.Handler()`, `prometheusHandler()`).
fn operator_handler(handler: &str) -> bool {
    if handler.contains("pprof") || handler.starts_with("promhttp.Handler") {
        return true;
    }
    // The called name, with its receiver or package (`metrics.Handler`).
    let callee = handler.split('(').next().unwrap_or("").trim();
    if callee.is_empty() {
        return false;
    }
    if callee.len() == handler.len() {
        return operator_mux(handler);
    }
    let words = callee.to_ascii_lowercase().replace(['_', '.'], "");
    let last = callee
        .rsplit('.')
        .next()
        .unwrap_or(callee)
        .to_ascii_lowercase();
    last.ends_with("handler")
        && ["prom", "metrics", "health"]
            .iter()
            .any(|w| words.contains(w))
}

/// A mux or handler variable (or field) named for the operators' routes it
/// holds (`m.observabilityMux`, `metricsMux`, `healthRouter`): the owner
/// keeps it apart from the service's own routes.
fn operator_mux(handler: &str) -> bool {
    let last = handler.rsplit('.').next().unwrap_or(handler);
    if last.is_empty() || !last.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let lower = last.to_ascii_lowercase().replace('_', "");
    let Some(topic) = ["mux", "handler", "router"]
        .iter()
        .find_map(|k| lower.strip_suffix(k))
    else {
        return false;
    };
    matches!(
        topic,
        "observability"
            | "metrics"
            | "prometheus"
            | "prom"
            | "health"
            | "healthcheck"
            | "probe"
            | "probes"
            | "monitoring"
            | "pprof"
            | "debug"
    )
}

/// The paths an operator's side listener serves: metrics, health probes,
/// the profiler.
fn operator_path(registration: &str) -> bool {
    let Some(path) = registration.split('"').nth(1) else {
        return registration.contains("pprof.");
    };
    // Go 1.22's method patterns: `"GET /metrics"`.
    let path = path
        .rsplit(' ')
        .next()
        .unwrap_or(path)
        .trim_end_matches('/');
    path.starts_with("/debug/pprof")
        || matches!(
            path,
            "/metrics"
                | "/debug/vars"
                | "/healthz"
                | "/health"
                | "/livez"
                | "/live"
                | "/liveness"
                | "/readyz"
                | "/ready"
                | "/readiness"
                | "/ping"
                // Status pages and counters an operator reads.
                | "/status"
                | "/status.json"
                | "/stats"
        )
}

/// Registrations (`mux.Handle("/metrics", …)` lines) that are all an
/// operator's: at least one, and no route of the service itself.
fn operator_only(registrations: &[&str]) -> bool {
    !registrations.is_empty()
        && registrations.iter().all(|l| {
            operator_path(l)
                || l.rsplit(',')
                    .next()
                    .is_some_and(|h| operator_handler(h.trim().trim_end_matches(')').trim()))
        })
}

/// Whether `mux`, a variable, is filled in `body` with operator routes only:
/// each registration's path is an operator's, or its handler serves only
/// metrics or the profiler (`mux.Handle(cfg.Endpoint, promhttp.HandlerFor(…))`,
/// `mux.HandleFunc("/", metricsHandler.ServeHTTP)` where `metricsHandler :=
/// promhttp.HandlerFor(…)`), a registration spanning lines read whole.
fn mux_serves_operators_only(body: &str, mux: &str) -> bool {
    if mux.is_empty() || !mux.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let registration = format!("{mux}.Handle");
    let mut any = false;
    for (at, _) in body.match_indices(&registration).take(64) {
        // A whole statement: `mux` starts it.
        let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
        if !body[line_start..at].trim().is_empty() {
            continue;
        }
        // The call's text, to its closing parenthesis.
        let rest = &body[at..];
        let Some(open) = rest.find('(') else { continue };
        let Some(close) =
            crate::semantic::closing_paren(&rest[open + 1..], 599).map(|k| open + 1 + k)
        else {
            return false;
        };
        let call = &rest[..=close];
        any = true;
        if operator_path(call) {
            continue;
        }
        // The handler: the last argument, or the variable it is read from.
        let handler = rest[open + 1..close]
            .rsplit(',')
            .find(|a| !a.trim().is_empty())
            .unwrap_or("")
            .trim();
        let var = handler.strip_suffix(".ServeHTTP").unwrap_or(handler);
        let bound = var.chars().all(|c| c.is_alphanumeric() || c == '_')
            && !var.is_empty()
            && body.match_indices(var).take(16).any(|(i, _)| {
                let after = body[i + var.len()..].trim_start();
                let bound_here = after.starts_with(":=") || after.starts_with("= ");
                bound_here && operator_handler(after.trim_start_matches([':', '=']).trim_start())
            });
        if !(operator_handler(handler) || bound) {
            return false;
        }
    }
    any
}

/// Words of listen addresses named for Go's profiler (`profileEndpoint :=
/// c.String("debug.pprof")`, `-debug.port`), whose import may sit in a
/// sibling file behind a build tag. `profile` alone may be a user-profile
/// service; with a listener's word after it, it is the profiler's endpoint.
const PROFILER_WORDS: &[&str] = &[
    "pprof",
    "profiler",
    "profiling",
    "profileendpoint",
    "profileaddr",
    "profileport",
    "profilelisten",
    "debugport",
    "debugaddr",
    "debuglisten",
    "debugendpoint",
    "debughandlerport",
];

/// Words of listen addresses named for the other side listeners operators
/// keep apart from the service: metrics scrapes and health probes
/// (`conf.PrometheusPort`, `c.String("health-check-addr")`).
const OPERATOR_WORDS: &[&str] = &[
    "metricsport",
    "metricsaddr",
    "metricslisten",
    "prometheusport",
    "prometheusaddr",
    "prometheuslisten",
    "promport",
    "promaddr",
    "healthport",
    "healthaddr",
    "healthlisten",
    "healthcheckport",
    "healthcheckaddr",
    "healthcheckaddress",
    "probeport",
    "probeaddr",
];

/// A listen address named for Go's profiler or a debug port, as written or
/// where its variable is bound: a debug port on the default mux with nothing
/// registered in the file serves what the profiler and expvar register there.
fn named_for_the_profiler(cx: &Cx, addr: Node) -> bool {
    address_says(cx, addr, |t| names_one_of(t, PROFILER_WORDS))
}

/// Whether a text, lower-cased and without `_`, `-` and `.`, holds one of
/// `words` (`conf.Health_Port` holds `healthport`).
fn names_one_of(text: &str, words: &[&str]) -> bool {
    let t = text.to_ascii_lowercase().replace(['_', '-', '.'], "");
    words.iter().any(|w| t.contains(w))
}

/// A listen address named for an operator's side listener (the profiler's,
/// metrics', health probes'), as written or where its variable is bound.
fn named_for_operators(cx: &Cx, addr: Node) -> bool {
    address_says(cx, addr, |t| {
        names_one_of(t, PROFILER_WORDS) || names_one_of(t, OPERATOR_WORDS)
    })
}

/// Whether a listen address, as written or through the variables it is
/// built from (bound in the function that starts the server), says what
/// `says` looks for.
fn address_says(cx: &Cx, addr: Node, says: impl Fn(&str) -> bool) -> bool {
    if says(cx.text(addr)) {
        return true;
    }
    let scope = cx.m.function_at(cx.frame);
    crate::semantic::descendants(addr)
        .take(64)
        .filter(|n| n.kind_name() == "identifier")
        .any(|n| {
            cx.m.binding(scope, cx.text(n))
                .is_some_and(|v| v != addr && says(cx.text(v)))
        })
}

/// A listen address on the loopback interface: as written, or through the
/// variables it is built from (`addr := netip.AddrPortFrom(netutil.IPv4Localhost(),
/// port)` in the function that starts the server's goroutine).
fn loopback_address(cx: &Cx, addr: Node) -> bool {
    address_says(cx, addr, super::contexts::names_loopback)
}

/// The enclosing function is named for Go's profiler (`startPprof`,
/// `StartPprof`): the server it starts is the profiler's, an operator's tool.
fn profiler_function(cx: &Cx) -> bool {
    cx.named_function()
        .is_some_and(|f| f.name.to_ascii_lowercase().contains("pprof"))
}

/// A server no remote client reaches: it serves a Unix socket
/// (`srv.Serve(unixListener)`), or its handler serves only Go's profiler
/// (`mux.HandleFunc("/debug/pprof/", pprof.Index)`), an operator's tool.
fn private_server(cx: &Cx, literal: Node) -> bool {
    let Some(function) = cx.function() else {
        return false;
    };
    let body = cx.text(function.node);
    // The variable the server is kept in, and the handler it is given.
    let var = std::iter::successors(literal.parent(), |n| n.parent())
        .take(3)
        .find(|n| {
            matches!(
                n.kind_name(),
                "short_var_declaration" | "assignment_statement"
            )
        })
        .and_then(|d| d.child_by_field_name("left"))
        .map(|l| cx.text(l).trim());
    if let Some(var) = var.filter(|v| !v.is_empty() && !v.contains(',')) {
        // Served on a listener that is a Unix socket: named so, or assigned
        // from `net.Listen("unix", …)` in the same function.
        let unix_listener = |arg: &str| {
            let arg = arg.trim();
            arg.to_ascii_lowercase().contains("unix")
                || (!arg.is_empty()
                    && arg.chars().all(|c| c.is_alphanumeric() || c == '_')
                    && body.lines().any(|l| {
                        let l = l.trim_start();
                        l.strip_prefix(arg)
                            .is_some_and(|r| r.starts_with([',', ' ', ':', '=']))
                            && l.contains("Listen(\"unix")
                    }))
        };
        let serves_unix = body.match_indices(&format!("{var}.Serve(")).any(|(i, m)| {
            body[i + m.len()..]
                .split(')')
                .next()
                .is_some_and(unix_listener)
        });
        if serves_unix {
            return true;
        }
    }
    if served_on_bounded_listener(cx, literal)
        || field_served_on_bounded_listener(cx, literal)
        || profiler_function(cx)
    {
        return true;
    }
    if cx
        .literal_fields(literal)
        .into_iter()
        .any(|(k, v)| k == "Addr" && (loopback_address(cx, v) || named_for_operators(cx, v)))
    {
        return true;
    }
    let Some(handler) = cx
        .literal_fields(literal)
        .into_iter()
        .find(|(k, _)| *k == "Handler")
        .map(|(_, v)| cx.text(v).trim())
    else {
        return false;
    };
    operator_handler(handler) || mux_serves_operators_only(body, handler)
}

/// A server a constructor keeps in a field (`s.httpServer = &http.Server{…}`,
/// or `&Server{svr: &http.Server{…}}`) that the file serves only on
/// Unix-socket or timed listeners
/// (`listener, err := net.Listen("unix", path)` then
/// `s.httpServer.Serve(listener)` in `Start`).
fn field_served_on_bounded_listener(cx: &Cx, literal: Node) -> bool {
    let Some(holder) = std::iter::successors(literal.parent(), |n| n.parent())
        .take(4)
        .find(|n| matches!(n.kind_name(), "assignment_statement" | "keyed_element"))
    else {
        return false;
    };
    let field = if holder.kind_name() == "keyed_element" {
        // `&Server{path: p, svr: &http.Server{…}}`: the key names the field.
        crate::semantic::named_children(holder)
            .next()
            .map(|k| cx.text(k).trim())
            .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_'))
    } else {
        holder
            .field("left")
            .and_then(|l| crate::semantic::named_children(l).next())
            .filter(|l| l.kind_name() == "selector_expression")
            .and_then(|l| l.field("field"))
            .map(|f| cx.text(f))
    };
    let Some(field) = field else {
        return false;
    };
    let src = cx.m.src;
    let mut served = 0;
    for method in ["Serve(", "ServeTLS("] {
        let needle = format!(".{field}.{method}");
        for (at, _) in src.match_indices(&needle).take(16) {
            let arg: String = src[at + needle.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                .collect();
            let name = arg.rsplit('.').next().unwrap_or("");
            if name.is_empty() {
                return false;
            }
            let (spaced, listed) = (format!("{name} "), format!("{name},"));
            let bounded = src.lines().any(|l| {
                let l = l.trim_start();
                (l.starts_with(&spaced) || l.starts_with(&listed))
                    && (l.contains(":=") || l.contains(" = "))
                    && bounded_listener_text(l)
            });
            if !bounded {
                return false;
            }
            served += 1;
        }
    }
    served > 0
}

/// A listener's construction that bounds its clients: a Unix socket, or one
/// the project builds with a timeout (`util.NewListener(addr, idleTimeout)`).
fn bounded_listener_text(t: &str) -> bool {
    let timed = (t.contains("Listener(") || t.contains("Listeners("))
        && ["imeout", "time.Second", "time.Minute", "time.Duration("]
            .iter()
            .any(|w| t.contains(w));
    t.contains("ListenUnix(") || t.contains("Listen(\"unix") || timed
}

/// Whether the listener opened nearest before the server, in its own scope,
/// is a Unix socket: `if l, err = net.ListenUnix("unix", addr); err != nil
/// { … } else { srv = &http.Server{…} }`, or `l, _ := net.Listen("unix", p)`
/// a statement before it; or one the project builds with a timeout
/// (`util.NewListener(addr, idleTimeout)`, whose connections carry read and
/// write deadlines), which bounds slow clients whatever the server's fields.
/// A listener opened in a sibling branch or in another goroutine is not the
/// server's.
fn served_on_bounded_listener(cx: &Cx, literal: Node) -> bool {
    // Some(true): a Unix socket or a listener given a timeout; Some(false):
    // another listener.
    let listener = |n: Node| -> Option<bool> {
        let t = cx.text(n);
        if bounded_listener_text(t) {
            Some(true)
        } else if t.contains("Listen(") || t.contains("ListenTCP(") || t.contains("ListenAndServe")
        {
            Some(false)
        } else {
            None
        }
    };
    let Some(function) = cx.function() else {
        return false;
    };
    let mut child = literal;
    for _ in 0..64 {
        let Some(parent) = child.parent() else {
            return false;
        };
        if parent.id() == function.node.id() {
            return false;
        }
        let found = match parent.kind_name() {
            "if_statement" => {
                let in_branch = ["consequence", "alternative"]
                    .iter()
                    .any(|f| parent.field(f).is_some_and(|b| b.id() == child.id()));
                if in_branch {
                    ["initializer", "condition"]
                        .iter()
                        .filter_map(|f| parent.field(f))
                        .find_map(listener)
                } else {
                    None
                }
            }
            "block" | "statement_list" => crate::semantic::named_children(parent)
                .take_while(|s| s.id() != child.id())
                .filter(|s| {
                    matches!(
                        s.kind_name(),
                        "short_var_declaration" | "assignment_statement" | "var_declaration"
                    )
                })
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .find_map(listener),
            _ => None,
        };
        if let Some(unix) = found {
            return unix;
        }
        child = parent;
    }
    false
}

fn cases() -> Vec<Case> {
    vec![
        // In a whole repository, a server started in a function no file
        // names (dead code; its doc comment does not call it) never runs;
        // one `main` calls does.
        Case::new(
            "cmd/server.go",
            r#"
package main

import "net/http"

func main() {
	serveHTTP(":8080", http.NewServeMux())
}

func serveHTTP(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h} // expect: RES008
	return srv.ListenAndServe()
}

// serveTLSListener starts an HTTPS server.
func serveTLSListener(addr, cert, key string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h}
	return srv.ListenAndServeTLS(cert, key)
}
"#,
        )
        .with_file(".git/HEAD", "ref: refs/heads/main\n")
        .with_file("go.mod", "module example.com/app\n\ngo 1.22\n"),
        // A server literal handed straight to a serving function of another
        // package (which may fill in the timeouts left zero) is not seen
        // served; one bound to a variable and served here stays reported.
        Case::new(
            "cmd/app/serve.go",
            r#"
package main

import (
	"net/http"

	"zgo.at/zhttp"
)

func serve(listen string, stop chan struct{}, h http.Handler) error {
	ch, err := zhttp.Serve(0, stop, &http.Server{
		Addr:    listen,
		Handler: h,
	})
	if err != nil {
		return err
	}
	<-ch
	admin := &http.Server{Addr: ":9000", Handler: h}  // expect: RES008
	go admin.ListenAndServe()
	wrapped := manners.NewWithServer(&http.Server{Addr: ":8080", Handler: h})  // expect: RES008
	return wrapped.ListenAndServe()
}
"#,
        ),
        // A CLI login's OAuth callback server, closed by its function, which
        // waits a minute at most for the answer. A `main` deferring the
        // server's shutdown serves until the process stops, and a function
        // that closes its server but waits without a deadline keeps it.
        Case::new(
            "cmd/token.go",
            r#"
package cmd

import (
	"context"
	"net/http"
	"time"
)

func callbackToken(addr string) (string, error) {
	resC := make(chan string)
	s := &http.Server{Addr: addr, Handler: handler(resC)}
	go s.ListenAndServe()
	defer func() {
		_ = s.Close()
	}()
	t := time.NewTimer(time.Minute)
	select {
	case <-t.C:
		return "", errTimeout
	case tok := <-resC:
		return tok, nil
	}
}

func waitToken(ctx context.Context, addr string) (string, error) {
	waitCtx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	server := &http.Server{Addr: addr}
	defer server.Shutdown(context.Background())
	go server.ListenAndServe()
	<-waitCtx.Done()
	return "", waitCtx.Err()
}

func serveForever(addr string, done chan struct{}) {
	s := &http.Server{Addr: addr} // expect: RES008
	defer s.Close()
	go s.ListenAndServe()
	<-done
}

// A deadline only on the way down: the server itself runs until told to stop.
func Run(router http.Handler, shutdown chan error) error {
	s := &http.Server{Handler: router} // expect: RES008
	go s.ListenAndServe()
	err := <-shutdown
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	defer s.Shutdown(ctx)
	return err
}
"#,
        ),
        Case::new(
            "cmd/api/main.go",
            r#"
package main

import (
	"context"
	"net/http"
	"time"
)

func main() {
	srv := &http.Server{Addr: ":8080", Handler: routes()} // expect: RES008
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}()
	srv.ListenAndServe()
}
"#,
        ),
        // A developer's proxy run by hand and an example's server are nobody's
        // deployment; the service's own server is.
        Case::new(
            "devtools/simpleproxy/main.go",
            r#"
package main

import "net/http"

func main() {
	http.ListenAndServe(":3030", proxy())
}
"#,
        ),
        Case::new(
            "examples/webhooks/main.go",
            r#"
package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}
"#,
        ),
        Case::new(
            "cmd/server/main.go",
            r#"
package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", routes()) // expect: RES008
}
"#,
        ),
        // The server built where its listener is a Unix socket; the servers of
        // the other branches listen on TCP.
        Case::new(
            "internal/server/start.go",
            r#"
package server

import (
	"crypto/tls"
	"net"
	"net/http"
)

func Start(socket, addr string, router http.Handler, cert, key string) {
	var server *http.Server
	if socket != "" {
		var listener net.Listener
		var err error
		if listener, err = net.ListenUnix("unix", &net.UnixAddr{Name: socket, Net: "unix"}); err != nil {
			return
		} else {
			server = &http.Server{Addr: socket, Handler: router}
			go StartHttp(server, listener)
		}
	} else if cert != "" {
		server = &http.Server{Addr: addr, TLSConfig: &tls.Config{}, Handler: router}  // expect: RES008
		go server.ListenAndServeTLS(cert, key)
	} else {
		if listener, err := net.Listen("tcp", addr); err != nil {
			return
		} else {
			server = &http.Server{Addr: addr, Handler: router}  // expect: RES008
			go StartHttp(server, listener)
		}
	}
}

func StartHttp(s *http.Server, l net.Listener) {
	_ = s.Serve(l)
}
"#,
        ),
        // A Unix-socket server and a profiler-only server reach no remote
        // client; the public server next to them does.
        Case::new(
            "server/server.go",
            r#"
package server

import (
	"net/http"
	"net/http/pprof"
)

func (s *Server) Run(mux *http.ServeMux) {
	httpServer := &http.Server{Handler: mux}
	go httpServer.Serve(s.unixListener)
	profileMux := http.NewServeMux()
	profileMux.HandleFunc("/debug/pprof/", pprof.Index)
	profileMux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	profileServer := &http.Server{Addr: s.config.ProfileListen, Handler: profileMux}
	go profileServer.ListenAndServe()
	public := &http.Server{Addr: s.config.Listen, Handler: mux}  // expect: RES008
	public.ListenAndServe()
}

func (s *Server) RunSocket(mux *http.ServeMux, path string) {
	sockSrv := &http.Server{Handler: mux}
	go func() {
		listener, err := net.Listen("unix", path)
		if err != nil {
			return
		}
		_ = sockSrv.Serve(listener)
	}()
	tcpSrv := &http.Server{Handler: mux}  // expect: RES008
	ln, _ := net.Listen("tcp", s.config.Listen)
	_ = tcpSrv.Serve(ln)
}
"#,
        ),
        // The profiler's own listener: the default mux, which only the blank
        // `net/http/pprof` import fills.
        Case::new(
            "internal/diagnostics/profiling.go",
            r#"
package diagnostics

import (
	"fmt"
	"net/http"
	_ "net/http/pprof"
)

func SetupProfiling(enabled bool, host string, port int) {
	if enabled {
		go func() {
			_ = http.ListenAndServe(fmt.Sprintf("%s:%d", host, port), nil)
		}()
	}
}
"#,
        ),
        // A demo someone starts by hand to try the project out.
        Case::new(
            "cmd/chat-demo-p2p/main.go",
            r#"
package main

import "net/http"

func main() {
	srv := &http.Server{Addr: ":8008", Handler: mux}
	srv.ListenAndServe()
}
"#,
        ),
        // Operators' side listeners: metrics, probes and the profiler only.
        Case::new(
            "internal/metrics/serve.go",
            r#"
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func Start(cfg Config) {
	s := &http.Server{Addr: cfg.MetricsListen, Handler: promhttp.Handler()}
	go s.ListenAndServe()
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {})
	mux.Handle("/debug/pprof/", http.DefaultServeMux)
	go http.ListenAndServe(cfg.SideListen, mux)
}
"#,
        ),
        Case::new(
            "cmd/exporter/main.go",
            r#"
package main

import (
	"log"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	http.Handle("/metrics", promhttp.Handler())
	http.HandleFunc("/readyz", ready)
	log.Fatal(http.ListenAndServe(address, nil))
}
"#,
        ),
        // A mux whose every route serves metrics, whatever its path: the
        // handler bound to a variable (`metricsHandler.ServeHTTP`) or a
        // registration spanning lines with the path from configuration.
        Case::new(
            "cmd/metricsserver/main.go",
            r#"
package main

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func serveMetrics(addr string) error {
	metricsHandler := promhttp.HandlerFor(registry, promhttp.HandlerOpts{})
	metricsMux := http.NewServeMux()
	metricsMux.HandleFunc("/", metricsHandler.ServeHTTP)
	metricsSrv := http.Server{
		Addr:    addr,
		Handler: metricsMux,
	}
	return metricsSrv.ListenAndServe()
}

func newExporter(config Config) *http.Server {
	mux := http.NewServeMux()
	mux.Handle(
		config.ServerEndpoint,
		promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}),
	)
	return &http.Server{Addr: config.ServerAddr, Handler: mux}
}

func serveApi(config Config) *http.Server {
	mux := http.NewServeMux()
	mux.Handle(
		config.ServerEndpoint,
		promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}),
	)
	mux.HandleFunc("/", apiHandler.ServeHTTP)
	return &http.Server{Addr: config.ServerAddr, Handler: mux}  // expect: RES008
}
"#,
        ),
        // The profiler's import sits in a sibling file behind a build tag;
        // the address is named for it.
        Case::new(
            "maddy.go",
            r#"
package maddy

import (
	"log"
	"net/http"
)

func Run(c *cli.Context) error {
	if c.IsSet("debug.pprof") {
		profileEndpoint := c.String("debug.pprof")
		go func() {
			log.Println("failed to listen on profiler endpoint:", http.ListenAndServe(profileEndpoint, nil))
		}()
	}
	return nil
}
"#,
        ),
        Case::new(
            "internal/web/serve.go",
            r#"
package web

import (
	"net/http"
	_ "net/http/pprof"
)

func Serve(addr string) {
	http.HandleFunc("/api/items", items)
	_ = http.ListenAndServe(addr, nil)  // expect: RES008
}

func ServeWithMetrics(cfg Config) {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/api/orders", orders)
	_ = http.ListenAndServe(cfg.Addr, mux)  // expect: RES008
}

func ServeProfiles(cfg Config) {
	profileService := cfg.ProfileServiceAddr
	_ = http.ListenAndServe(profileService, nil)  // expect: RES008
}
"#,
        ),
        // A control server the constructor keeps in a field and `Start`
        // serves on a Unix socket; one served on TCP stays reported.
        Case::new(
            "server.go",
            r#"
package litestream

import (
	"net"
	"net/http"
)

func NewServer() *Server {
	s := &Server{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /sync", s.handleSync)
	s.httpServer = &http.Server{Handler: mux}
	s.publicServer = &http.Server{Handler: mux}  // expect: RES008
	return s
}

func (s *Server) Start() error {
	listener, err := net.Listen("unix", s.SocketPath)
	if err != nil {
		return err
	}
	go s.httpServer.Serve(listener)
	public, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return err
	}
	go s.publicServer.Serve(public)
	return nil
}
"#,
        ),
        // The same, kept by a keyed field of the constructor's literal.
        Case::new(
            "internal/socket/server.go",
            r#"
package socket

import (
	"net"
	"net/http"
)

func NewServer(socketPath string, handler http.Handler) (*Server, error) {
	return &Server{
		path: socketPath,
		svr:  &http.Server{Handler: handler},
		pub:  &http.Server{Handler: handler},  // expect: RES008
	}, nil
}

func (s *Server) Start() error {
	ln, err := net.Listen("unix", s.path)
	if err != nil {
		return err
	}
	go func() {
		_ = s.svr.Serve(ln)
	}()
	tcp, err := net.Listen("tcp", s.addr)
	if err != nil {
		return err
	}
	go s.pub.Serve(tcp)
	return nil
}
"#,
        ),
        // An opt-in debug port on the default mux, nothing registered in the
        // file: the profiler's and expvar's. A server served on a listener the
        // project builds with an idle timeout is bounded by its connections'
        // deadlines; one on a plain listener is not.
        Case::new(
            "weed/command/filer.go",
            r#"
package command

import (
	"fmt"
	"net/http"
	"time"
)

func runFiler(cmd *Command, args []string) bool {
	if *f.debug {
		go http.ListenAndServe(fmt.Sprintf(":%d", *f.debugPort), nil)
	}
	listener, err := util.NewListener(addr, time.Duration(*f.idleTimeout)*time.Second)
	if err != nil {
		return false
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(listener)
	plain, err := net.Listen("tcp", publicAddr)
	if err != nil {
		return false
	}
	public := &http.Server{Handler: mux}  // expect: RES008
	return public.Serve(plain) == nil
}
"#,
        ),
        // The profiler's server: started by a function named for it (its
        // routes added by a helper), or serving the default mux the blank
        // import fills; bound to loopback through a helper.
        Case::new(
            "internal/home/debug.go",
            r#"
package home

import (
	"net/http"
	"net/netip"
)

func startPprof(port uint16) {
	mux := http.NewServeMux()
	httputil.RoutePprof(mux)
	go func() { _ = http.ListenAndServe(fmt.Sprintf(":%d", port), mux) }()
}

func startDebug(port uint16) {
	addr := netip.AddrPortFrom(netutil.IPv4Localhost(), port)
	mux := http.NewServeMux()
	mux.HandleFunc("/vars", vars)
	go func() { _ = http.ListenAndServe(addr.String(), mux) }()
}

func startAdmin(port uint16) {
	mux := http.NewServeMux()
	mux.HandleFunc("/vars", vars)
	go func() { _ = http.ListenAndServe(fmt.Sprintf(":%d", port), mux) }()  // expect: RES008
}
"#,
        ),
        Case::new(
            "src/lib/profile.go",
            r#"
package lib

import (
	"net/http"
	_ "net/http/pprof"
	"os"
)

func Start() {
	if os.Getenv("PROFILE") != "true" {
		return
	}
	go func() { _ = http.ListenAndServe(os.Getenv("PROFILE_ADDR"), http.DefaultServeMux) }()
}
"#,
        ),
        // A program excluded from every build is run by hand, not deployed.
        Case::new(
            "server/webdav/litmus_test_server.go",
            r#"
//go:build ignore

package main

import "net/http"

func main() {
	http.ListenAndServe(":9999", handler())
}
"#,
        ),
        // Code built only with a debugging tag never ships in a release.
        Case::new(
            "controllers/debug.go",
            r#"
//go:build debug

package controllers

import "net/http"

func init() {
	srv := &http.Server{Addr: "0.0.0.0:6060", Handler: nil}
	go srv.ListenAndServe()
}
"#,
        ),
        // Built into every release but debug builds: it ships.
        Case::new(
            "controllers/serve.go",
            r#"
//go:build linux && !debug

package controllers

import "net/http"

func Serve() {
	srv := &http.Server{Addr: "0.0.0.0:8080", Handler: nil}  // expect: RES008
	srv.ListenAndServe()
}
"#,
        ),
        // A server only the machine itself can reach (a local codec server).
        Case::new(
            "codec-server/main.go",
            r#"
package main

import (
	"net/http"
	"strconv"
)

func main() {
	srv := &http.Server{Addr: "localhost:" + strconv.Itoa(port), Handler: h}
	srv.ListenAndServe()
}
"#,
        ),
        Case::new(
            "api/main.go",
            r#"
package main

import "net/http"

func main() {
	srv := &http.Server{Addr: ":" + port, Handler: h}  // expect: RES008
	srv.ListenAndServe()
}
"#,
        ),
        // gosec's own suppression of the same check (G112: no
        // ReadHeaderTimeout; G114: serve functions without timeouts) is
        // the owner's decision, recorded where the tool that asked saw it.
        Case::new(
            "cmd/lib/run.go",
            r#"
package main

import "net/http"

func main() {
	server := &http.Server{ // #nosec G112
		Addr:    ":8080",
		Handler: mux,
	}
	server.ListenAndServe()
	http.ListenAndServe(":9090", metrics) // #nosec G114
	demo := &http.Server{ //nolint:gosec // a demo
		Addr: ":8888",
	}
	demo.ListenAndServe()
	go func() { http.ListenAndServe(debugAddr, dbg) /* #nosec */ }()
	go func() {
		/* #nosec */
		if err := http.ListenAndServe(supportAddr, mux); err != nil {
			log.Print(err)
		}
	}()
	http.ListenAndServe(":9191", admin) // #nosec G402 G114 -- behind the VPN
}
"#,
        ),
        Case::new(
            "cmd/lib/other.go",
            r#"
package main

import "net/http"

func main() {
	http.ListenAndServe(":9090", api) // #nosec G402  // expect: RES008
	http.ListenAndServe(":9091", api) //nolint:errcheck  // expect: RES008
}
"#,
        ),
        Case::new(
            "cmd/api/main.go",
            r#"
package main

import "net/http"

func main() {
	go http.ListenAndServe(":9090", metrics)  // expect: RES008
	srv := &http.Server{Addr: ":8080", Handler: mux}  // expect: RES008
	srv.ListenAndServe()
}
"#,
        ),
        Case::new(
            "cmd/api/ok.go",
            r#"
package main

import (
	"net/http"
	"time"
)

func main() {
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	other := &http.Server{Addr: ":9090"}
	other.ReadTimeout = 10 * time.Second
	srv.ListenAndServe()
	other.ListenAndServe()
}
"#,
        ),
        // Side listeners for operators, by the project's own naming: a port
        // named for health probes or metrics, a handler named for metrics, a
        // metrics handler registered on the default mux under a configured
        // path. The service's own port and API handler stay reported.
        Case::new(
            "pkg/server/server.go",
            r#"
package server

import (
	"fmt"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func (s *Server) Start(conf *Config) {
	go http.ListenAndServe(fmt.Sprintf(":%d", conf.HealthPort), &statusHandler{s})
	prom := &http.Server{
		Addr:    fmt.Sprintf(":%d", conf.PrometheusPort),
		Handler: s.PromHandler(),
	}
	go prom.ListenAndServe()
	side := &http.Server{Addr: conf.SideAddr, Handler: metrics.Handler()}
	go side.ListenAndServe()
	api := &http.Server{ // expect: RES008
		Addr:    conf.ListenAddr,
		Handler: s.APIHandler(),
	}
	go api.ListenAndServe()
	http.ListenAndServe(fmt.Sprintf(":%d", conf.Port), s.router) // expect: RES008
}

func RunSink(addr string, path string) {
	http.Handle(path, promhttp.Handler())
	http.ListenAndServe(addr, nil)
}
"#,
        ),
        // An operator's side listener: its mux filled, in the function whose
        // goroutine serves it, with health, metrics and status routes only
        // (the root served by a health handler too), or a mux named for
        // them (`m.observabilityMux`). A mux with one route of the service's
        // own stays reported.
        Case::new(
            "agent/agent_pool.go",
            r#"
package agent

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func (ap *AgentPool) StartStatusServer(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", healthHandler(ap))
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/status", ap.statusPage)
	mux.HandleFunc("/status.json", ap.statusJSONHandler())
	go func() {
		_ = http.ListenAndServe(addr, mux)
	}()
}

func (ap *AgentPool) StartControlServer(addr string) {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	mux.HandleFunc("/jobs", ap.acceptJob)
	go func() {
		_ = http.ListenAndServe(addr, mux)  // expect: RES008
	}()
}

// The goroutine fills a profiler mux of its own, shadowing the router of
// the function it sits in: its routes decide.
func (s *Server) routes(debug bool) {
	r := mux.NewRouter()
	r.HandleFunc("/api/services", s.services)
	if debug {
		go func() {
			r := http.NewServeMux()
			r.HandleFunc("/debug/pprof/", pprof.Index)
			_ = http.ListenAndServe(":9090", r)
		}()
	}
}

func (s *Server) ServeObservability(l net.Listener) error {
	srv := &http.Server{Handler: s.observabilityMux}
	return srv.Serve(l)
}

func (s *Server) ServeAPI(l net.Listener) error {
	srv := &http.Server{Handler: s.apiMux}  // expect: RES008
	return srv.Serve(l)
}
"#,
        ),
    ]
}

/// Whether a peer linter's suppression of the same concern sits on the line
/// or the line above: gosec's `#nosec` bare (every gosec rule, as gosec reads
/// it) or naming G112 (no `ReadHeaderTimeout`) or G114 (serve functions
/// without timeouts), and golangci-lint's `nolint:gosec` (or bare `nolint`).
fn gosec_suppressed(window: &str) -> bool {
    for (at, _) in window.match_indices("#nosec") {
        let rest = &window[at + "#nosec".len()..];
        // The rule list: `G112`, `G114 G402`, `G112,G114`, until anything else.
        let rules: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .take_while(|t| {
                t.len() > 1 && t.starts_with('G') && t[1..].bytes().all(|b| b.is_ascii_digit())
            })
            .collect();
        if rules.is_empty() || rules.iter().any(|r| matches!(*r, "G112" | "G114")) {
            return true;
        }
    }
    window.match_indices("nolint").any(|(at, _)| {
        let rest = &window[at + "nolint".len()..];
        // `//nolint` alone, or a list that names gosec.
        match rest.strip_prefix(':') {
            Some(list) => list
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .is_some_and(|l| l.split(',').any(|n| n == "gosec")),
            None => !rest.starts_with(|c: char| c.is_ascii_alphanumeric()),
        }
    })
}
