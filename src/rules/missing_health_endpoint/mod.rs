//! RES010 missing-health-endpoint.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Unless;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::Event;
use tree_sitter::Node;

pub struct MissingHealthEndpoint;

static META: Meta = Meta {
    id: "RES010",
    name: "missing-health-endpoint",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Rs, Family::Java],
    refs: &["F7"],
    title: "HTTP service has no health endpoint",
    preview: true,
    docs: Docs {
        what: "Flags an HTTP service — a FastAPI/Starlette/Flask app, an Express/Fastify/Koa/Hono \
app or Nest application, a Go `http.NewServeMux`/gin/echo/chi/fiber router, an axum `Router` in the \
file that serves it — when no file of the project registers a liveness or readiness route: a \
route (decorator, `app.get('/x', handler)`, `mux.HandleFunc`, `.route(\"/x\", get(h))`, \
`@GetMapping`, a `@Controller('health')` or `Group(\"/ping\")` prefix) whose short, \
parameter-free path ends in `health`, `healthz`, `healthcheck`, `ready`, `readyz`, `readiness`, \
`live`, `livez`, `liveness`, `alive`, `ping` or `status` (also `/_healthz`), or whose path constant \
is named for one (`AliveCheckPath`). A client call to another service's `/health`, a comment or an \
import path does not count. One finding per service, at its construction.\n\nA route counts however its last segment is spelled (`/health-check/`, `/health_check`), \
so does a route a file defines by where it sits (`pages/api/health.ts`, `app/api/healthz/route.ts`, \
`routes/api+/health.ts`), and so does a `HEALTHCHECK` in the service's Dockerfile. A Spring Boot application counts \
`spring-boot-starter-actuator` in its own build file or in a parent POM's.\n\nNot flagged: \
example, sample, demo, docs and benchmark code, tooling (`scripts/`, `cli/`, a top-level \
`tools/`), library code (an app builder in a framework or \
helper package), servers that listen on the loopback interface only, and services the \
repository builds no container image for (no Dockerfile in the service's directory, above it or \
below it): probes belong to a deployment, and nothing here shows one.",
        why: "Without a health endpoint the orchestrator can only tell that the process exists. \
A deadlocked, disconnected or still-starting instance keeps receiving traffic, deploys roll on \
before the new version works, and a wedged replica is never restarted.",
        example: "app = FastAPI()\n\n@app.post(\"/orders\")\ndef create(order: Order): ...",
        use_instead: "app = FastAPI()\n\n@app.get(\"/healthz\")\ndef healthz():\n    return {\"ok\": True}",
    },
};

/// Resolved constructors of HTTP apps and routers, per language.
fn is_app(lang: Lang, target: &str, text: &str) -> bool {
    match lang {
        Lang::Python => matches!(
            target,
            "fastapi.FastAPI"
                | "starlette.applications.Starlette"
                | "flask.Flask"
                | "quart.Quart"
                | "sanic.Sanic"
        ),
        Lang::Go => matches!(
            target,
            "net/http.NewServeMux"
                | "github.com/gin-gonic/gin.Default"
                | "github.com/gin-gonic/gin.New"
                | "github.com/labstack/echo/v4.New"
                | "github.com/go-chi/chi/v5.NewRouter"
                | "github.com/go-chi/chi.NewRouter"
                | "github.com/gorilla/mux.NewRouter"
                | "github.com/gofiber/fiber/v2.New"
        ),
        Lang::Rust => target == "axum.Router.new" && text.contains("axum::serve"),
        _ => matches!(
            target,
            "express"
                | "fastify"
                | "fastify.default"
                | "koa"
                | "hono.Hono"
                | "@nestjs/core.NestFactory.create"
        ),
    }
}

impl Rule for MissingHealthEndpoint {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call, Event::New, Event::Class]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        super::contexts::for_deployed_service(cx, out, |out| find(cx, node, out));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // A health route however it is spelled, one a file defines by where it
            // sits, and an image that checks its own health are probes.
            Case::new(
                "backend/app/main.py",
                r#"
from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter(prefix="/utils")

@router.get("/health-check/")
def health_check():
    return True
"#,
            ),
            Case::new(
                "server/app.ts",
                r#"
import express from 'express';

const app = express();
app.post('/documents', create);
"#,
            )
            .with_file(
                "app/routes/api+/health.ts",
                "export const loader = () => new Response('ok');\n",
            ),
            Case::new(
                "app/main.py",
                r#"
from fastapi import FastAPI

app = FastAPI()

@app.get("/api/app/about")
def about():
    return {"version": "1"}
"#,
            )
            .with_file(
                "Dockerfile",
                "FROM python:3.12-slim\nHEALTHCHECK CMD python -m app.healthcheck\n",
            ),
            // No container image in the repository: nothing shows a deployment
            // that would probe the service.
            Case::new(
                "codec-server/server.ts",
                r#"
import express from 'express';

const app = express();
app.post('/decode', decode);
app.listen(8888);
"#,
            ),
            // An example is not deployed as it is.
            Case::new(
                "examples/cors/main.py",
                r#"
from fastapi import FastAPI

app = FastAPI()

@app.get('/items')
def items():
    return []
"#,
            ),
            Case::new(
                "app/main.py",
                r#"
from fastapi import FastAPI

app = FastAPI(title='orders')  # expect: RES010

@app.post('/orders')
def create():
    pass
"#,
            )
            .with_file("Dockerfile", "FROM scratch\n"),
            Case::new(
                "app/ok.py",
                r#"
from fastapi import FastAPI, APIRouter

app = FastAPI()
router = APIRouter()

@app.get('/healthz')
def healthz():
    return {'ok': True}
"#,
            ),
            Case::new(
                "cmd/api/main.go",
                r#"
package main

import "net/http"

func main() {
	mux := http.NewServeMux()  // expect: RES010
	mux.HandleFunc("/orders", create)
}
"#,
            )
            .with_file("Dockerfile", "FROM scratch\n"),
            Case::new(
                "cmd/web/main.go",
                r#"
package main

import "github.com/gorilla/mux"

func main() {
	r := mux.NewRouter()
	r.HandleFunc(baseURL+"/_healthz", ok)
}
"#,
            ),
            Case::new(
                "cmd/api/ok.go",
                r#"
package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.Default()
	r.GET("/readyz", ready)
}
"#,
            ),
            Case::new(
                "server/app.ts",
                r#"
import express from 'express';

const app = express();  // expect: RES010
app.post('/orders', create);
"#,
            )
            .with_file("Dockerfile", "FROM scratch\n"),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

const app = express();
app.get('/health', (_req, res) => res.send('ok'));
"#,
            ),
            // Calling another service's health URL, or naming one in a comment or an
            // import path, serves nothing.
            Case::new(
                "server/client.ts",
                r#"
import express from 'express';

const app = express();  // expect: RES010
app.post('/orders', create);
// see /health
const up = await fetch('http://inventory/health');
const r = await axios.get('/healthz', { timeout: 2000 });
"#,
            )
            .with_file("Dockerfile", "FROM scratch\n"),
            Case::new(
                "cmd/items/main.go",
                r#"
package main

import (
	"net/http"
	_ "google.golang.org/grpc/health"
)

func main() {
	mux := http.NewServeMux()  // expect: RES010
	mux.HandleFunc("/items/{id}/status", item)
}
"#,
            )
            .with_file("Dockerfile", "FROM scratch\n"),
            Case::new(
                "server/nest.ts",
                r#"
import { NestFactory } from '@nestjs/core';
import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  @Get()
  check() { return 'ok'; }
}

const app = await NestFactory.create(AppModule);
"#,
            ),
            Case::new(
                "cmd/probe/main.go",
                r#"
package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.Default()
	r.GET(healthx.AliveCheckPath, alive)
	r.Group("/api/ping").GET("/", pong)
}
"#,
            ),
            Case::new(
                "src/main.rs",
                r#"
use axum::{routing::post, Router};

#[tokio::main]
async fn main() {
    let app = Router::new().route("/orders", post(create));  // expect: RES010
    axum::serve(listener, app).await.unwrap();
}
"#,
            )
            .with_file("Dockerfile", "FROM scratch\n"),
            Case::new(
                "src/ok.rs",
                r#"
use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let app = Router::new().route("/livez", get(live));
    axum::serve(listener, app).await.unwrap();
}
"#,
            ),
            Case::new(
                "src/main/java/app/App.java",
                r#"
package app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication  // expect: RES010
@RestController
public class App {
  public static void main(String[] args) { SpringApplication.run(App.class, args); }
  @PostMapping("/orders") void create() {}
}
"#,
            )
            .with_file("Dockerfile", "FROM scratch\n"),
            Case::new(
                "src/main/java/app/Ok.java",
                r#"
package app;

@SpringBootApplication
public class Ok {
  @GetMapping("/healthz")
  String health() { return "ok"; }
}
"#,
            ),
        ]
    }
}

fn find<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    if cx.event == Event::Class {
        // `@SpringBootApplication class App`: Actuator on the classpath counts.
        let annotated = super::contexts::is_spring_boot_app(cx, node);
        if annotated {
            out.push(
                Diag::new(
                    node,
                    "This Spring Boot application defines no health route, and its build has no `spring-boot-starter-actuator`.".to_string(),
                    "The orchestrator can only see that the process exists: a deadlocked or disconnected instance keeps getting traffic, rollouts proceed before the new version works, and a wedged replica is never restarted.",
                    "Add `spring-boot-starter-actuator` and point the probes at `/actuator/health/liveness` and `/actuator/health/readiness`.",
                )
                .unless(Unless::Any(vec![
                    Unless::HealthRouteOrNoControllers,
                    Unless::NoImage,
                ])),
            );
        }
        return;
    }
    let name = cx.callee_name(node);
    if !matches!(
        name,
        "FastAPI"
            | "Starlette"
            | "Flask"
            | "Quart"
            | "Sanic"
            | "NewServeMux"
            | "Default"
            | "New"
            | "NewRouter"
            | "new"
            | "express"
            | "fastify"
            | "Fastify"
            | "Koa"
            | "Hono"
            | "create"
    ) {
        return;
    }
    let Some(call) = cx.call(node) else { return };
    let Some(target) = call.target.as_deref() else {
        return;
    };
    if !is_app(cx.m.lang, target, cx.m.src) {
        return;
    }
    // One finding per service: axum builds nested routers with the same
    // constructor, so only the file's first `Router::new()` stands for it.
    if cx.m.lang == Lang::Rust && cx.m.src[..node.start_byte()].contains("Router::new()") {
        return;
    }
    out.push(
        Diag::new(
            node,
            format!("`{}` builds an HTTP service, and no file of the project defines a liveness or readiness route (`/healthz`, `/readyz`, …).", cx.call_label(&call)),
            "The orchestrator can only see that the process exists: a deadlocked or disconnected instance keeps getting traffic, rollouts proceed before the new version works, and a wedged replica is never restarted.",
            "Add a cheap `/healthz` (process is alive) and a `/readyz` that checks the dependencies this service needs, and point the liveness and readiness probes at them.",
        )
        .unless(Unless::Any(vec![Unless::HealthRoute, Unless::NoImage])),
    );
}
