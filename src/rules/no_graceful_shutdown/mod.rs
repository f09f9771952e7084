//! RES007 no-graceful-shutdown.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::{dir_of, Unless};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use crate::semantic::{descendants, retry};
use tree_sitter::Node;

pub struct NoGracefulShutdown;

static META: Meta = Meta {
    id: "RES007",
    name: "no-graceful-shutdown",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Go, Family::Ts, Family::Rs, Family::Py, Family::Java],
    refs: &["000", "F6"],
    title: "Server or worker does not drain on SIGTERM",
    preview: true,
    docs: Docs {
        what: "Flags a server or worker entry point that never drains on SIGTERM: Go \
`http.ListenAndServe(...)`/`srv.ListenAndServe()` in a package that never calls `srv.Shutdown(` \
(a package that does shuts its server down on something: most often a context its caller \
cancels on SIGTERM, which is not visible from the package); TS `app.listen(`/`server.listen(` in a project that \
never registers `process.on('SIGTERM'` (or `SIGINT`, or Nest's `enableShutdownHooks`); Rust \
`axum::serve(...)` without `.with_graceful_shutdown(` (actix drains by default); Python modules run \
as workers (`if __name__ == \"__main__\":`) whose `while True:` loop pulls from a queue or broker \
(`blpop`, `get`, `receive_message`, `poll`, `consume`) and that install no SIGTERM handler.\n\nNot flagged: example, sample, demo, docs and benchmark \
code (not deployed as it is), tooling (`scripts/`, `cli/`, a top-level `tools/`: run by hand), \
the Rust side of a Tauri desktop app (`src-tauri/`), a Go server the function returns (its
caller's to shut down), and library code (a crate with no binary, a Go module with no \
`main.go` or `cmd/`, a package published for developers): shutdown belongs to the application that \
runs the library's server; and servers that listen on the loopback interface only (a desktop \
app's callback server, a local mock).",
        why: "Every deploy, scale-down and node drain sends SIGTERM. A process that ignores it is \
killed mid-request a few seconds later: in-flight requests fail with connection resets, and a \
worker loses the job it had just taken off the queue.",
        example: "log.Fatal(srv.ListenAndServe())",
        use_instead: "ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)\ndefer stop()\ngo srv.ListenAndServe()\n<-ctx.Done()\nshutdownCtx, cancel := context.WithTimeout(context.Background(), 25*time.Second)\ndefer cancel()\nsrv.Shutdown(shutdownCtx)",
    },
};

const IMPACT: &str = "Every deploy, scale-down and node drain sends SIGTERM; without draining, in-flight requests are cut off with connection resets and a worker loses the job it was processing.";

/// Queue and broker reads a worker loop pulls with.
const PULLS: &[&str] = &[
    "blpop",
    "brpop",
    "brpoplpush",
    "receive_message",
    "receive_messages",
    "poll",
    "consume",
    "basic_get",
    "xread",
    "xreadgroup",
    "get",
    "pull",
];

impl Rule for NoGracefulShutdown {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call, Event::Loop, Event::Class]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        super::contexts::for_deployed_service(cx, out, |out| find(cx, node, out));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // A maintainer's tool and a desktop app's own process are not deployed
            // services that an orchestrator stops.
            Case::new(
                "tools/preview-server.ts",
                r#"
import express from 'express';

const app = express();
app.listen(3000);
"#,
            ),
            Case::new(
                "apps/desktop/src-tauri/src/server.rs",
                r#"
pub async fn oauth_callback_server(listener: tokio::net::TcpListener, app: axum::Router) {
    axum::serve(listener, app).await.unwrap();
}
"#,
            ),
            Case::new(
                "server/src/server.rs",
                r#"
pub async fn run(listener: tokio::net::TcpListener, app: axum::Router) {
    axum::serve(listener, app).await.unwrap();  // expect: RES007
}
"#,
            ),
            // A server handed back to the caller is the caller's to shut down.
            Case::new(
                "internal/http/server/acme.go",
                r#"
package server

import "net/http"

func startChallengeServer(h http.Handler) *http.Server {
	srv := &http.Server{Handler: h, Addr: ":http"}
	go func() {
		srv.ListenAndServe()
	}()
	return srv
}
"#,
            )
            .with_file("Dockerfile", "FROM golang:1.22\n"),
            // A Go package is its directory: the signal is trapped in one file and
            // the server shut down in another.
            Case::new(
                "admin/server.go",
                r#"
package admin

import (
	"context"
	"net/http"
)

var srv = &http.Server{Addr: ":2019"}

func Start() error {
	return srv.ListenAndServe()
}

func Stop(ctx context.Context) error {
	return srv.Shutdown(ctx)
}
"#,
            )
            .with_file(
                "admin/sigtrap.go",
                "package admin\n\nimport (\n\t\"os\"\n\t\"os/signal\"\n\t\"syscall\"\n)\n\nfunc trapSignals() {\n\tsigchan := make(chan os.Signal, 1)\n\tsignal.Notify(sigchan, syscall.SIGTERM)\n\tgo func() { <-sigchan; Stop(ctx) }()\n}\n",
            ),
            // The package shuts its server down when a context ends; the context
            // is cancelled on SIGTERM by the caller, in another package.
            Case::new(
                "server/server.go",
                r#"
package server

import (
	"context"
	"net/http"
	"time"
)

func Run(ctx context.Context, h http.Handler) error {
	srv := &http.Server{Addr: ":4533", Handler: h}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(shutdownCtx)
	}()
	return srv.ListenAndServe()
}
"#,
            )
            .with_file("Dockerfile", "FROM golang:1.22\n"),
            // A server on the loopback interface only (a desktop app's callback
            // server, a local mock) is nobody's deployment.
            Case::new(
                "server/callback.ts",
                r#"
import express from 'express';

export function startCallbackServer() {
  const app = express();
  app.get('/callback', onCallback);
  return app.listen(17321, '127.0.0.1');
}
"#,
            ),
            // An example is not deployed as it is.
            Case::new(
                "examples/hello/main.go",
                r#"
package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}
"#,
            ),
            // A library's `Run` helper leaves signals to the application.
            Case::new(
                "web.go",
                r#"
package web

import "net/http"

func (e *Engine) Run(addr string) error {
	return http.ListenAndServe(addr, e)
}
"#,
            )
            .with_file("go.mod", "module example.com/web\n"),
            // The same code deployed with its own image is a service.
            Case::new(
                "web.go",
                r#"
package web

import "net/http"

func (e *Engine) Run(addr string) error {
	return http.ListenAndServe(addr, e)  // expect: RES007
}
"#,
            )
            .with_file("Dockerfile", "FROM golang:1.22\n"),
            Case::new(
                "cmd/api/main.go",
                r#"
package main

import "net/http"

func main() {
	srv := &http.Server{Addr: ":8080"}
	srv.ListenAndServe()  // expect: RES007
}
"#,
            ),
            Case::new(
                "cmd/api/ok.go",
                r#"
package main

import (
	"context"
	"net/http"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Addr: ":8080"}
	go srv.ListenAndServe()
	<-ctx.Done()
	srv.Shutdown(context.Background())
}
"#,
            ),
            Case::new(
                "server/main.ts",
                r#"
import express from 'express';

const app = express();
app.listen(3000);  // expect: RES007
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

const app = express();
const server = app.listen(3000);
process.on('SIGTERM', () => server.close());
"#,
            ),
            // A comment or a log line that mentions the signal handles nothing.
            Case::new(
                "server/todo.ts",
                r#"
import express from 'express';

const app = express();
// TODO: handle SIGTERM
app.listen(3000);  // expect: RES007
console.log('no SIGTERM handler yet');
"#,
            ),
            Case::new(
                "server/signals.ts",
                r#"
import express from 'express';

const app = express();
const server = app.listen(3000);
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => server.close());
"#,
            ),
            Case::new(
                "src/main.rs",
                r#"
#[tokio::main]
async fn main() {
    axum::serve(listener, app).await.unwrap();  // expect: RES007
}
"#,
            ),
            Case::new(
                "src/ok.rs",
                r#"
#[tokio::main]
async fn main() {
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.unwrap();
}
"#,
            ),
            Case::new(
                "worker/main.py",
                r#"
import redis

r = redis.Redis(socket_timeout=5)

def main():
    while True:  # expect: RES007
        job = r.blpop('jobs', timeout=5)
        handle(job)

if __name__ == '__main__':
    main()
"#,
            ),
            // A module that only mentions the guard in its docstring is imported, not run.
            Case::new(
                "worker/lib.py",
                r#"
"""Run with `if __name__ == '__main__': main()` in your script."""
import redis

r = redis.Redis(socket_timeout=5)

def main():
    while True:
        job = r.blpop('jobs', timeout=5)
        handle(job)
"#,
            ),
            Case::new(
                "worker/ok.py",
                r#"
import signal
import redis

r = redis.Redis(socket_timeout=5)
stopping = False

def stop(*_):
    global stopping
    stopping = True

def main():
    signal.signal(signal.SIGTERM, stop)
    while True:
        if stopping:
            break
        job = r.blpop('jobs', timeout=5)
        handle(job)

if __name__ == '__main__':
    main()
"#,
            ),
            Case::new(
                "src/main/java/app/App.java",
                r#"
package app;

@SpringBootApplication  // expect: RES007
@RestController
public class App {
  @GetMapping("/orders") String list() { return "[]"; }
}
"#,
            )
            .with_file("pom.xml", "<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.2.5</version></parent></project>"),
            Case::new(
                "src/main/java/app/Ok.java",
                r#"
package app;

public class Ok {}
"#,
            ),
        ]
    }
}

/// Whether the receiver of `srv.ListenAndServe()` is returned by the
/// top-level function the call sits in (through any goroutine literal).
fn go_server_returned(cx: &Cx, callee: Node) -> bool {
    let Some(receiver) = callee
        .child_by_field_name("operand")
        .filter(|o| o.kind_name() == "identifier")
    else {
        return false;
    };
    let name = cx.text(receiver);
    let Some(top) = std::iter::successors(callee.parent(), |n| n.parent())
        .take(256)
        .filter(|n| matches!(n.kind_name(), "function_declaration" | "method_declaration"))
        .last()
    else {
        return false;
    };
    crate::semantic::descendants(top)
        .take(20_000)
        .filter(|n| n.kind_name() == "return_statement")
        .any(|r| {
            // A returned value itself (`return cfg, srv`), not a call's receiver
            // (`return http.ListenAndServe(…)`).
            crate::semantic::named_children(r)
                .flat_map(|e| {
                    if e.kind_name() == "expression_list" {
                        crate::semantic::named_children(e).collect()
                    } else {
                        vec![e]
                    }
                })
                .any(|v| v.kind_name() == "identifier" && cx.text(v) == name)
        })
}

fn find<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    // A Spring Boot application is a class; a Python worker a loop; a server
    // elsewhere starts with a call.
    let expected = match cx.m.lang {
        Lang::Java => Event::Class,
        Lang::Python => Event::Loop,
        _ => Event::Call,
    };
    if cx.event != expected {
        return;
    }
    match cx.m.lang {
        Lang::Java => {
            let annotated = super::contexts::is_spring_boot_app(cx, node);
            if annotated {
                out.push(
                    Diag::new(
                        node,
                        "This Spring Boot application does not set `server.shutdown=graceful`, and its Spring Boot version predates 3.4, where graceful shutdown became the default.".to_string(),
                        IMPACT,
                        "Set `server.shutdown=graceful` and `spring.lifecycle.timeout-per-shutdown-phase=25s` (shorter than the pod's grace period), or upgrade to Spring Boot 3.4+.",
                    )
                    .unless(Unless::SpringGraceful),
                );
            }
        }
        Lang::Go => {
            if !matches!(
                cx.callee_name(node),
                "ListenAndServe" | "ListenAndServeTLS" | "Serve" | "ServeTLS"
            ) {
                return;
            }
            let Some(call) = cx.call(node) else { return };
            let target = call.target.unwrap_or_default();
            if !(target.starts_with("net/http.") || target.contains("net/http.Server")) {
                return;
            }
            // A server the function hands back (`return tlsConfig, srv`) is its
            // caller's to shut down: unknown here, not missing.
            if go_server_returned(cx, call.callee) {
                return;
            }
            out.push(
                Diag::new(
                    node,
                    format!("`{}` is never shut down on SIGTERM: this package calls no `Shutdown`.", cx.snippet(call.callee, 40)),
                    IMPACT,
                    "Run the server in a goroutine, wait on `signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)`, then call `srv.Shutdown` with a deadline shorter than the pod's grace period.",
                )
                .unless(Unless::GoShutdownIn(dir_of(cx.path))),
            );
        }
        Lang::Rust => {
            if cx.callee_name(node) != "serve"
                || cx.call(node).and_then(|c| c.target).as_deref() != Some("axum.serve")
            {
                return;
            }
            // `axum::serve(l, app).with_graceful_shutdown(signal)`
            let chained = node
                .parent()
                .and_then(|p| p.field("field"))
                .is_some_and(|f| cx.text(f) == "with_graceful_shutdown");
            if chained {
                return;
            }
            out.push(Diag::new(
                node,
                "`axum::serve(...)` has no `.with_graceful_shutdown(...)`: on SIGTERM the process stops with requests in flight.".to_string(),
                IMPACT,
                "Chain `.with_graceful_shutdown(shutdown_signal())`, where `shutdown_signal` awaits `tokio::signal::unix::signal(SignalKind::terminate())` or `ctrl_c()`.",
            ));
        }
        Lang::Python => {
            if !retry::is_infinite_loop(cx.m, node)
                || !cx.m.facts.signals.is_empty()
                || !cx.m.facts.roles.main_guard
            {
                return;
            }
            let pulls = descendants(node)
                .any(|d| d.kind_name() == "call" && PULLS.contains(&cx.callee_name(d)));
            if !pulls {
                return;
            }
            out.push(Diag::new(
                node,
                "This worker loop pulls work from a queue, and the module installs no SIGTERM handler: it is killed mid-job.".to_string(),
                IMPACT,
                "Install `signal.signal(signal.SIGTERM, handler)` that sets a flag the loop checks, finish the current job, then exit; ack only after the work is done.",
            ));
        }
        _ => {
            if cx.callee_name(node) != "listen" {
                return;
            }
            let receiver = node
                .field("function")
                .and_then(|f| f.field("object"))
                .map(|o| cx.text(o))
                .unwrap_or("");
            if !matches!(
                receiver,
                "app" | "server" | "srv" | "httpServer" | "fastify" | "api"
            ) {
                return;
            }
            out.push(
                Diag::new(
                    node,
                    format!("`{receiver}.listen(...)` starts a server, and no file of the project handles SIGTERM to close it."),
                    IMPACT,
                    "Register `process.on('SIGTERM', () => server.close(() => process.exit(0)))` (Nest: `app.enableShutdownHooks()`), and stop taking new work before closing.",
                )
                .unless(Unless::SigtermHandled),
            );
        }
    }
}
