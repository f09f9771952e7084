//! DUR003 in-process-work-queue.

use super::containers::{self, ContainerKind};
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Hint;
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
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

    fn kinds(&self, lang: Lang) -> &'static [&'static str] {
        containers::kinds(lang)
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
            Case::fail(
                "app/jobs.py",
                "import asyncio\n\njobs = asyncio.Queue()\n\nasync def enqueue(order):\n    await jobs.put(order)\n\nasync def worker():\n    while True:\n        order = await jobs.get()\n        await process(order)\n",
                &[3],
            ),
            Case::pass(
                "app/ok.py",
                "import asyncio\n\nasync def run(orders):\n    q = asyncio.Queue()\n    for o in orders:\n        q.put_nowait(o)\n\nresults = asyncio.Queue()\n\nasync def only_puts(x):\n    await results.put(x)\n",
            ),
            Case::fail(
                "svc/jobs.go",
                "package svc\n\nvar jobs = make(chan Job, 100)\n\nfunc Enqueue(j Job) {\n\tjobs <- j\n}\n\nfunc Worker() {\n\tfor j := range jobs {\n\t\tprocess(j)\n\t}\n}\n",
                &[3],
            ),
            Case::pass(
                "svc/ok.go",
                "package svc\n\nvar done = make(chan struct{})\n\nfunc Stop() {\n\tclose(done)\n}\n",
            ),
            Case::fail(
                "server/jobs.ts",
                "import express from 'express';\n\nconst pending: Job[] = [];\n\nexport function enqueue(j: Job) {\n  pending.push(j);\n}\n\nexport async function drain() {\n  while (true) {\n    const j = pending.shift();\n    if (j) await process(j);\n    await sleep(100);\n  }\n}\n",
                &[3],
            ),
            Case::pass("server/ok.ts", "import express from 'express';\n\nconst seen: string[] = [];\nexport const mark = (id: string) => seen.push(id);\n"),
            Case::fail(
                "src/main/java/app/Jobs.java",
                "package app;\n\nclass Jobs {\n  private static final BlockingQueue<Job> QUEUE = new LinkedBlockingQueue<>();\n\n  void enqueue(Job j) {\n    QUEUE.offer(j);\n  }\n\n  void run() throws InterruptedException {\n    while (true) {\n      process(QUEUE.take());\n    }\n  }\n}\n",
                &[4],
            ),
            Case::pass(
                "src/main/java/app/Ok.java",
                "package app;\n\nclass Ok {\n  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();\n}\n",
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
