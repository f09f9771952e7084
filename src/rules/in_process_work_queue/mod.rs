//! DUR003 in-process-work-queue.

use super::containers::{self, ContainerKind};
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct InProcessWorkQueue;

static META: Meta = Meta {
    id: "DUR003",
    name: "in-process-work-queue",
    pillar: Pillar::Durability,
    severity: Severity::High,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java],
    refs: &["000", "TEST-RR-Q01"],
    title: "Work is queued in process memory",
    preview: true,
    docs: Docs {
        what: "Flags a module-level or package-level in-memory queue — `asyncio.Queue`, \
`queue.Queue`, `collections.deque`, a buffered Go `chan`, a JS array, a Java `BlockingQueue` — that \
one function puts work into and another drains in a loop. (A queue reported here is not also \
reported as DUR002.)",
        why: "A queue in process memory is a buffer of promises nobody will keep after a \
restart. Every deploy, crash or scale-down drops the jobs waiting in it, and the process comes \
back empty with no record of what was pending.",
        example: "jobs: asyncio.Queue = asyncio.Queue()\n\nasync def enqueue(order):\n    await jobs.put(order)\n\nasync def worker():\n    while True:\n        process(await jobs.get())",
        use_instead: "@app.task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)\ndef process_order(order_id):\n    process(load_order(order_id))",
    },
};

impl Rule for InProcessWorkQueue {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Binding]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let Some(c) = containers::container(cx, node) else {
            return;
        };
        if !matches!(
            c.kind,
            ContainerKind::Queue | ContainerKind::BufferedChannel | ContainerKind::List
        ) {
            return;
        }
        let Some((producer, consumer)) = queue_roles(cx, &containers::usage(cx, c.name)) else {
            return;
        };
        out.push(
            Diag::new(
                c.at,
                format!("`{}` is an in-process queue: `{producer}` puts work in and `{consumer}` drains it in a loop.", c.name),
                "Jobs waiting in it are lost on every deploy, crash or scale-down, and the process restarts empty with no record of what was pending.",
                "Move the work to a durable queue with acknowledgements and retries.",
            )
            .hint(Hint::Durable(cx.m.lang.family())),
        );
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            Case::new(
                "app/jobs.py",
                r#"
import asyncio

jobs = asyncio.Queue()  # expect: DUR003

async def enqueue(order):
    await jobs.put(order)

async def worker():
    while True:
        order = await jobs.get()
        await process(order)
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
import asyncio

async def run(orders):
    q = asyncio.Queue()
    for o in orders:
        q.put_nowait(o)

results = asyncio.Queue()

async def only_puts(x):
    await results.put(x)
"#,
            ),
            Case::new(
                "svc/jobs.go",
                r#"
package svc

var jobs = make(chan Job, 100)  // expect: DUR003

func Enqueue(j Job) {
	jobs <- j
}

func Worker() {
	for j := range jobs {
		process(j)
	}
}
"#,
            ),
            Case::new(
                "svc/ok.go",
                r#"
package svc

var done = make(chan struct{})

func Stop() {
	close(done)
}
"#,
            ),
            Case::new(
                "server/jobs.ts",
                r#"
import express from 'express';

const pending: Job[] = [];  // expect: DUR003

export function enqueue(j: Job) {
  pending.push(j);
}

export async function drain() {
  while (true) {
    const j = pending.shift();
    if (j) await process(j);
    await sleep(100);
  }
}
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

const seen: string[] = [];
export const mark = (id: string) => seen.push(id);
"#,
            ),
            Case::new(
                "src/main/java/app/Jobs.java",
                r#"
package app;

class Jobs {
  private static final BlockingQueue<Job> QUEUE = new LinkedBlockingQueue<>();  // expect: DUR003

  void enqueue(Job j) {
    QUEUE.offer(j);
  }

  void run() throws InterruptedException {
    while (true) {
      process(QUEUE.take());
    }
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/Ok.java",
                r#"
package app;

class Ok {
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
}
"#,
            ),
        ]
    }
}

/// A producer and a different consumer function of queue `name`.
pub(crate) fn queue_roles(cx: &Cx, usage: &containers::Usage) -> Option<(String, String)> {
    let (producers, consumers) = containers::producers_and_consumers(cx, usage);
    let consumer = consumers.first()?;
    let producer = producers.iter().find(|p| p.node != consumer.node)?;
    Some((producer.name.clone(), consumer.name.clone()))
}
