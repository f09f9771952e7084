//! DUR002 in-memory-state-store.

use super::containers::{self, ContainerKind};
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct InMemoryStateStore;

static META: Meta = Meta {
    id: "DUR002",
    name: "in-memory-state-store",
    pillar: Pillar::Durability,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java, Family::Rs],
    refs: &["000", "I5"],
    title: "State is kept only in process memory",
    preview: true,
    docs: Docs {
        what: "Flags a module-level, package-level or static mutable container (`dict`, `list`, \
`set`, `defaultdict`, `OrderedDict`, Go maps, slices and `sync.Map`, JS `new Map()`/`{}`/`[]`, \
Java static `HashMap`/`ConcurrentHashMap`/`ArrayList`) that request or job code — a request handler, \
or a task, actor, activity, consumer or scheduled job — mutates (item \
assignment, `append`, `add`, `update`, `pop`, `delete`, `set(`, `put(`, `Store(`).\n\nNot flagged: \
containers only filled at import time or in `init()`/`__init__`/`main`, registries filled by \
`register…` helpers, caches and memo tables (names with `cache`/`memo`, which are rebuilt after a \
restart), queues, which are DUR003's, and annotated class attributes (`urls: List[str] = []` in a \
pydantic model or a dataclass: a field default each instance copies). Example and docs code is not flagged: its dict stands in for the database the example is not \
about; nor is library code, whose embedding service decides what survives.",
        why: "State in process memory exists once per replica and dies with the process. Behind \
a load balancer each instance sees a different version of it, and every deploy or crash wipes it: \
sessions vanish, counters reset, \"pending\" entries are forgotten.",
        example: "SESSIONS = {}\n\n@app.post(\"/login\")\ndef login(user: User):\n    SESSIONS[user.token] = user.id",
        use_instead: "@app.post(\"/login\")\ndef login(user: User):\n    redis.set(f\"session:{user.token}\", user.id, ex=3600)",
    },
};

/// A function the job system runs: `@app.task`, `@shared_task`, `@dramatiq.actor`,
/// `@activity.defn`, `@Scheduled`, `@KafkaListener`, `@RabbitListener`, `@Cron`…
fn is_job(f: &crate::semantic::Function) -> bool {
    f.decorators.iter().any(|d| {
        let name = d.split('(').next().unwrap_or(d).to_ascii_lowercase();
        [
            "task",
            "actor",
            "activity",
            "job",
            "consumer",
            "listener",
            "scheduled",
            "cron",
            "subscriber",
            "processor",
        ]
        .iter()
        .any(|w| name.contains(w))
    })
}

impl Rule for InMemoryStateStore {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Binding]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // An example's dict stands in for the database it is not about; a
        // library's module state is its design, and the embedding service's
        // deployment decides what survives.
        if cx.origin() != crate::model::Origin::Product {
            return;
        }
        if cx.m.lang == Lang::Rust {
            return rust_static(cx, node, out);
        }
        let Some(c) = containers::container(cx, node) else {
            return;
        };
        if matches!(
            c.kind,
            ContainerKind::Queue | ContainerKind::BufferedChannel
        ) {
            return;
        }
        let usage = containers::usage(cx, c.name);
        // A queue with a producer and a draining consumer is DUR003's finding.
        if super::in_process_work_queue::queue_roles(cx, &usage).is_some() {
            return;
        }
        // Request or job code: a handler, or a function decorated as a task,
        // actor, activity, consumer or scheduled job.
        let writer = cx
            .m
            .functions
            .iter()
            .zip(&usage.mutated)
            .find(|(f, &mutated)| {
                (f.is_handler || is_job(f)) && !containers::is_benign(c.name, &f.name) && mutated
            })
            .map(|(f, _)| f);
        let Some(writer) = writer else { return };
        let what = match c.kind {
            ContainerKind::Map => "map",
            ContainerKind::Set => "set",
            _ => "list",
        };
        out.push(Diag::new(
            c.at,
            format!(
                "`{}` is a module-level {what} that {} changes at run time: this state lives only in this process.",
                c.name,
                if writer.name.starts_with('<') { "a request handler".to_string() } else { format!("`{}`", writer.name) }
            ),
            "Each replica has its own copy and every deploy or crash wipes it: users see entries appear and vanish depending on which instance serves them, and nothing survives a restart.",
            "Keep this state in a shared store (Redis with an expiry, the database), or make it derived data that can be rebuilt.",
        ));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // A library's module state is its design; the embedding service
            // decides what survives.
            Case::new(
                "worker/state.py",
                r#"
from celery import shared_task

total_count = {}

@shared_task
def task_ready(name):
    total_count[name] = total_count.get(name, 0) + 1
"#,
            )
            .with_file(
                "pyproject.toml",
                "[project]\nname = \"taskq\"\nclassifiers = [\"Topic :: Software Development :: Object Brokering\"]\n",
            ),
            // A tutorial's dict stands in for the database it is not about.
            Case::new(
                "docs_src/body_updates/tutorial001.py",
                r#"
from fastapi import FastAPI

app = FastAPI()
items = {}

@app.put('/items/{item_id}')
def update(item_id: str, item: dict):
    items[item_id] = item
    return item
"#,
            ),
            // A pydantic model's field default is copied for each instance; a
            // module-level annotated dict is the process's.
            Case::new(
                "app/webhook.py",
                r#"
from typing import Dict, List
from pydantic import BaseModel

class GitChanges(BaseModel):
    urls: List[str] = []
    names: List[str] = []

seen: Dict[str, int] = {}  # expect: DUR002

@app.post('/webhook')
def webhook(event: dict):
    urls = []
    urls.append(event['url'])
    names = [event['name']]
    names.append('x')
    seen[event['id']] = 1
    return GitChanges(urls=urls, names=names)
"#,
            ),
            Case::new(
                "app/sessions.py",
                r#"
from collections import defaultdict
from celery import shared_task

SESSIONS = {}  # expect: DUR002
attempts = defaultdict(int)  # expect: DUR002

@app.post('/login')
def login(token, user_id):
    SESSIONS[token] = user_id

@shared_task
def fail(user):
    attempts[user] += 1

state = []

def reset_state():
    state.clear()
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
ROUTES = {}
STATUSES = {'new': 1, 'paid': 2}
_cache = {}

def register(name):
    def deco(fn):
        ROUTES[name] = fn
        return fn
    return deco

def price(sku):
    if sku not in _cache:
        _cache[sku] = load(sku)
    return _cache[sku]

def status(name):
    return STATUSES[name]
"#,
            ),
            Case::new(
                "svc/state.go",
                r#"
package svc

import "net/http"

var sessions = map[string]string{}  // expect: DUR002

func Login(w http.ResponseWriter, r *http.Request) {
	sessions[r.FormValue("token")] = r.FormValue("user")
}
"#,
            ),
            Case::new(
                "svc/ok.go",
                r#"
package svc

var codes = map[string]int{}

func init() {
	codes["a"] = 1
}

func Code(s string) int { return codes[s] }
"#,
            ),
            Case::new(
                "server/state.ts",
                r#"
import express from 'express';

const app = express();
const carts = new Map<string, Cart>();  // expect: DUR002

app.post('/cart', (req, res) => {
  carts.set(req.body.user, req.body.item);
  res.end();
});
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

const LIMITS = { free: 10, pro: 100 };
export const limit = (plan: string) => LIMITS[plan];
"#,
            ),
            Case::new(
                "src/main/java/app/Carts.java",
                r#"
package app;

class Carts {
  private static final Map<String, Cart> CARTS = new ConcurrentHashMap<>();  // expect: DUR002

  @PostMapping("/cart")
  void add(String user, Cart c) {
    CARTS.put(user, c);
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/Ok.java",
                r#"
package app;

class Ok {
  private static final Map<String, Integer> CODES = Map.of("a", 1);
  private final Map<String, Cart> carts = new HashMap<>();
}
"#,
            ),
            Case::new(
                "src/sessions.rs",
                r#"
static SESSIONS: LazyLock<Mutex<HashMap<String, u64>>> = LazyLock::new(|| Mutex::new(HashMap::new()));  // expect: DUR002

async fn login(Json(body): Json<Login>) -> StatusCode {
    SESSIONS.lock().unwrap().insert(body.token, body.user_id);
    StatusCode::OK
}
"#,
            ),
            Case::new(
                "src/ok.rs",
                r#"
static LIMITS: LazyLock<HashMap<&str, u32>> = LazyLock::new(|| HashMap::from([("free", 10)]));
static REQUESTS: AtomicU64 = AtomicU64::new(0);

async fn limit(plan: &str) -> u32 {
    LIMITS[plan]
}
"#,
            ),
        ]
    }
}

/// Rust: a `static` `Mutex`/`RwLock` around a map, set or vec (or a `DashMap`)
/// that a request handler locks and changes.
fn rust_static<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let (Some(name), Some(ty)) = (node.field("name"), node.field("type")) else {
        return;
    };
    let (name, ty) = (cx.text(name), cx.text(ty));
    let container = ["HashMap", "HashSet", "BTreeMap", "Vec<", "VecDeque"]
        .iter()
        .any(|c| ty.contains(c));
    let shared =
        (ty.contains("Mutex") || ty.contains("RwLock")) && container || ty.contains("DashMap");
    if !shared {
        return;
    }
    const MUTATORS: &[&str] = &[
        ".insert(",
        ".push(",
        ".remove(",
        ".entry(",
        ".extend(",
        ".retain(",
        ".clear()",
        ".push_back(",
    ];
    let writer = cx.m.functions.iter().find(|f| {
        let body = cx.text(f.node);
        let touches = body.contains(&format!("{name}.lock()"))
            || body.contains(&format!("{name}.write()"))
            || body.contains(&format!("{name}."));
        (f.is_handler || f.is_async) && touches && MUTATORS.iter().any(|m| body.contains(m))
    });
    let Some(writer) = writer else { return };
    out.push(Diag::new(
        node,
        format!("`{name}` is a process-wide `static` collection that `{}` changes at run time: this state lives only in this process.", writer.name),
        "Each replica has its own copy and every deploy or crash wipes it: users see entries appear and vanish depending on which instance serves them, and nothing survives a restart.",
        "Keep this state in a shared store (Redis with an expiry, the database), or make it derived data that can be rebuilt.",
    ));
}
