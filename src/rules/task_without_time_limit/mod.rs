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
    preview: true,
    docs: Docs {
        what: "Flags a Celery task (`@app.task`, `@shared_task`, `@celery.task`) without \
`time_limit`/`soft_time_limit` when the service's Celery configuration sets no \
`task_time_limit`/`task_soft_time_limit` (in `app.conf`, a celeryconfig module or Django \
`CELERY_` settings, in any file of the service) nor does the command line of a worker consuming its \
queue (`--time-limit`/`--soft-time-limit` with `-Q`, in a Procfile, a supervisord program, a \
systemd unit or a shell script), and the task reaches an outbound call: it \
makes one (an HTTP request, an RPC, an SDK call, or a program it starts and waits on: \
`subprocess.run`, `os.system`), or a function of the project it calls, \
followed by name through any number of calls (and a Django `call_command` into the \
command's `handle`), does.\n\nNot flagged: a task that works only on \
local data (a cleanup of expired rows, a count, an export to disk): with nothing that can stall \
on a dependency, a time limit guards nothing. Example and docs code, and a library's own \
built-in tasks: their time limits are the deploying application's configuration.",
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
        // A worker started with `--time-limit`/`--soft-time-limit` bounds the
        // tasks of the queues it consumes (Celery's default queue: `celery`).
        let queue = call
            .as_ref()
            .and_then(|c| c.kwarg("queue"))
            .map(|q| crate::semantic::unquote(cx.text(q)).to_string());
        let queue = queue.as_deref().unwrap_or("celery");
        if cx.project.worker_limits_queue(queue) {
            return;
        }
        // A task that never calls out cannot stall on a dependency: its time
        // limit would guard nothing a senior reviewer would ask for.
        let name = node
            .parent()
            .and_then(|d| d.child_by_field_name("definition"))
            .and_then(|f| f.child_by_field_name("name"))
            .map(|n| cx.text(n).to_ascii_lowercase());
        let Some(name) = name else {
            return;
        };
        out.push(
            Diag::new(
                node,
                format!("`{}` sets no `time_limit`, and the Celery configuration sets no `task_time_limit`.", cx.snippet(node, 40)),
                "One stuck call inside the task holds a worker process forever; a few of them and the queue stops draining while every worker looks busy.",
                "Set `soft_time_limit` (raises `SoftTimeLimitExceeded` so the task can clean up) and a slightly larger `time_limit` on the task, or `task_soft_time_limit`/`task_time_limit` for the whole app.",
            )
            .unless(Unless::Any(vec![
                Unless::CeleryTimeLimit,
                Unless::NeverCallsOut(name.clone()),
            ]))
            .hint(crate::facts::Hint::Reaches(name)),
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

import requests
from app.sync import sync_orders

app = Celery('shop')

def fetch(url):
    return requests.get(url, timeout=5)

@app.task  # expect: RES014
def a():
    requests.post(HOOK_URL, json={}, timeout=5)

@app.task(bind=True, max_retries=3)  # expect: RES014
def b(self):
    return fetch(RATES_URL)

@shared_task  # expect: RES014
def c():
    sync_orders()
"#,
            )
            // The outbound call is two calls away, in another file.
            .with_file(
                "app/sync.py",
                "import httpx\n\ndef sync_orders():\n    for page in pages():\n        store(page)\n\ndef pages():\n    return httpx.get(ORDERS_URL).json()\n",
            ),
            // A worker started with a time limit bounds the tasks of its queue;
            // the other queue's worker has none.
            Case::new(
                "files/tasks.py",
                r#"
import requests
from celery import shared_task

@shared_task(queue="short_tasks")
def create_thumbnail(media_id):
    requests.get(THUMB_URL, timeout=None)

@shared_task(queue="long_tasks")  # expect: RES014
def encode_media(media_id):
    requests.get(SOURCE_URL, timeout=None)
"#,
            )
            .with_file(
                "deploy/supervisord/supervisord-celery_short.conf",
                "[program:celery_short]\ncommand=/app/bin/celery multi start short1 short2 --loglevel=INFO \\\n    --soft-time-limit=300 -c10 -Q short_tasks\n\n[program:celery_long]\ncommand=/app/bin/celery multi start long1 --loglevel=INFO -Q long_tasks\n",
            ),
            // A Django management command run from a task is the task's work.
            Case::new(
                "shop/tasks.py",
                r#"
import subprocess
from celery import shared_task
from django.core.management import call_command

@shared_task  # expect: RES014
def import_rates():
    call_command('import-rates', '--delta')

@shared_task
def clear_cache():
    call_command('clear-cache')

@shared_task  # expect: RES014
def encode(path):
    subprocess.run(['ffmpeg', '-i', path, path + '.mp4'], check=True)
"#,
            )
            .with_file(
                "shop/management/commands/import-rates.py",
                "import requests\nfrom django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n    def handle(self, *args, **options):\n        store(requests.get(RATES_URL, timeout=10).json())\n",
            ),
            // Tasks that only work on local data: nothing in them can stall on a
            // dependency, so a time limit guards nothing.
            Case::new(
                "app/cleanup.py",
                r#"
from celery import shared_task
from django.contrib.sessions.models import Session

def purge(model):
    model.objects.filter(expired=True).delete()

@shared_task
def flush_sessions():
    purge(Session)

@shared_task
def count_trophies(user_id):
    return Trophy.objects.filter(user_id=user_id).count()
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
import requests
from celery import Celery

app = Celery('shop')
app.conf.update(task_time_limit=300, task_soft_time_limit=240)

@app.task
def a():
    requests.post(HOOK_URL, timeout=5)
"#,
            ),
            // Django settings with a type annotation set the limit too.
            Case::new(
                "app/settings_tasks.py",
                r#"
import requests
from typing import Final
from celery import shared_task

CELERY_TASK_TIME_LIMIT: Final[int] = env_int('WORKER_TIMEOUT', 1800)

@shared_task
def a():
    requests.post(HOOK_URL, timeout=5)
"#,
            ),
            // A parameter named like the setting, a comment, a docstring: none sets it.
            Case::new(
                "app/worker.py",
                r#"
import requests
from celery import shared_task

def start(task_time_limit=None):
    """Honours task_time_limit=300 when given."""
    # app.conf.task_time_limit = 300

@shared_task  # expect: RES014
def a():
    requests.post(HOOK_URL, timeout=5)
"#,
            ),
        ]
    }
}
