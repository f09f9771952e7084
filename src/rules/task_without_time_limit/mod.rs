//! RES014 task-without-time-limit.

use super::{background, Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::facts::Unless;
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct TaskWithoutTimeLimit;

static META: Meta = Meta {
    id: "RES014",
    name: "task-without-time-limit",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py],
    refs: &["TEST-RR-T02"],
    title: "Celery task has no time limit",
    preview: false,
    docs: Docs {
        what: "Flags a Celery task (`@app.task`, `@shared_task`, `@celery.task`) without \
`time_limit`/`soft_time_limit` when the service's Celery configuration sets no \
`task_time_limit`/`task_soft_time_limit` (in `app.conf`, a celeryconfig module or Django \
`CELERY_` settings, in any file of the service).\n\nNot flagged: example and docs code, and a \
library's own built-in tasks: their time limits are the deploying application's configuration.",
        why: "Celery runs a task for as long as it takes. One stuck call inside a task — a \
socket with no timeout, a lock never released — holds a worker process forever; enough of them \
and the queue stops moving while every worker looks busy.",
        example: "@shared_task\ndef sync_invoices(account_id):\n    ...",
        use_instead: "@shared_task(soft_time_limit=240, time_limit=300)\ndef sync_invoices(account_id):\n    ...",
    },
};

impl Rule for TaskWithoutTimeLimit {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Decorator]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // Time limits are the deployment's: a library's built-in tasks and an
        // example's tasks leave them to the application's configuration.
        if cx.origin() != crate::model::Origin::Product {
            return;
        }
        let Some(call) = background::celery_task(cx, node) else {
            return;
        };
        let limited = call.as_ref().is_some_and(|c| {
            c.kwarg("time_limit").is_some()
                || c.kwarg("soft_time_limit").is_some()
                || c.has_spread()
        });
        if limited {
            return;
        }
        out.push(
            Diag::new(
                node,
                format!("`{}` sets no `time_limit`, and the Celery configuration sets no `task_time_limit`.", cx.snippet(node, 40)),
                "One stuck call inside the task holds a worker process forever; a few of them and the queue stops draining while every worker looks busy.",
                "Set `soft_time_limit` (raises `SoftTimeLimitExceeded` so the task can clean up) and a slightly larger `time_limit` on the task, or `task_soft_time_limit`/`task_time_limit` for the whole app.",
            )
            .unless(Unless::CeleryTimeLimit),
        );
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // Example tasks leave limits to the deployment's configuration.
            Case::new(
                "examples/tutorial/tasks.py",
                r#"
from celery import Celery

app = Celery('tutorial')

@app.task
def add(x, y):
    return x + y
"#,
            ),
            // So do a library's built-in tasks.
            Case::new(
                "mylib/builtins.py",
                r#"
from celery import shared_task

@shared_task(name='mylib.backend_cleanup')
def backend_cleanup():
    pass
"#,
            )
            .with_file(
                "pyproject.toml",
                "[project]\nname = \"mylib\"\nclassifiers = [\"Intended Audience :: Developers\"]\n",
            ),
            Case::new(
                "app/tasks.py",
                r#"
from celery import Celery, shared_task

app = Celery('shop')

@app.task  # expect: RES014
def a():
    pass

@app.task(bind=True, max_retries=3)  # expect: RES014
def b(self):
    pass

@shared_task  # expect: RES014
def c():
    pass
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
from celery import Celery, shared_task

app = Celery('shop')

@app.task(soft_time_limit=60, time_limit=90)
def a():
    pass

@shared_task(time_limit=300)
def c():
    pass
"#,
            ),
            Case::new(
                "app/configured.py",
                r#"
from celery import Celery

app = Celery('shop')
app.conf.update(task_time_limit=300, task_soft_time_limit=240)

@app.task
def a():
    pass
"#,
            ),
            // Django settings with a type annotation set the limit too.
            Case::new(
                "app/settings_tasks.py",
                r#"
from typing import Final
from celery import shared_task

CELERY_TASK_TIME_LIMIT: Final[int] = env_int('WORKER_TIMEOUT', 1800)

@shared_task
def a():
    pass
"#,
            ),
            // A parameter named like the setting, a comment, a docstring: none sets it.
            Case::new(
                "app/worker.py",
                r#"
from celery import shared_task

def start(task_time_limit=None):
    """Honours task_time_limit=300 when given."""
    # app.conf.task_time_limit = 300

@shared_task  # expect: RES014
def a():
    pass
"#,
            ),
        ]
    }
}
