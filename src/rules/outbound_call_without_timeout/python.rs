//! RES001 in Python.

use super::Case;

/// A plugin base class whose `start` runs the subclass's `run`.
const PLUGIN_BASE: &str = "class Plugin:\n    def start(self):\n        return self.run()\n";
/// A time-limited Celery task that starts a plugin.
const PLUGIN_TASK: &str = "from celery import shared_task\n\n@shared_task(soft_time_limit=300)\ndef run_plugin(name):\n    load_plugin(name).start()\n";

pub(super) const CASES: &[Case] = &[
    // A pytest plugin shipped in the package (its fixtures call the server
    // under test): test support, wherever it sits.
    Case::new(
        "pulpcore/pytest_plugin.py",
        r#"
import pytest
import requests

@pytest.fixture(scope="session")
def pulp_status(bindings_cfg):
    return requests.get(f"{bindings_cfg.host}/pulp/api/v3/status/").json()
"#,
    ),
    Case::new(
        "pulpcore/app/status.py",
        r#"
import requests

def pulp_status(host):
    return requests.get(f"{host}/pulp/api/v3/status/").json()  # expect: RES001
"#,
    ),
    // A command-line command (click, flask-script, typer) runs when a person or
    // a cron line starts it, and so does what only commands call, in any file,
    // even over a loop of items; a function a view also calls serves requests.
    Case::new(
        "app/manage.py",
        r#"
import click
import requests

from app.plugins import vendor

@click.group()
def cli():
    pass

@cli.command("publish_units")
def publish_units():
    for unit in vendor.available_units():
        requests.post("http://localhost:8078/metrics", data=unit)
"#,
    )
    .with_file(
        "app/plugins/vendor.py",
        "import requests\n\ndef available_units():\n    return requests.get(URL + \"/units\").json()\n\ndef clear_pending():\n    for order in requests.get(URL + \"/orders\").json():\n        reject(order)\n\ndef reject(order):\n    requests.get(URL + \"/reject/\" + order)\n\ndef lookup(order):\n    return requests.get(URL + \"/orders/\" + order).json()  # expect: RES001\n",
    )
    .with_file(
        "app/cli.py",
        "import click\nfrom app.plugins import vendor\n\n@click.command()\ndef clear():\n    vendor.clear_pending()\n\n@click.command()\ndef show(order):\n    print(vendor.lookup(order))\n",
    )
    .with_file(
        "app/views.py",
        "from flask import Flask\nfrom app.plugins import vendor\n\napp = Flask(__name__)\n\n@app.get(\"/orders/<order>\")\ndef order(order):\n    return vendor.lookup(order)\n",
    ),
    // A Django management command's module, and a client class only commands
    // use, even from a loop; a command a task runs through `call_command` is
    // that task's work.
    Case::new(
        "kobo/libs/briefcase_client.py",
        r#"
import requests

class BriefcaseClient:
    def download_xforms(self):
        for form in self._forms():
            self._get_response(form.url)

    def _forms(self):
        return requests.get(self.form_list_url).json()

    def _get_response(self, url):
        return requests.get(url, auth=self.auth)

    def download_instances(self, cursor=0):
        page = requests.get(self.submission_list_url, params={"cursor": cursor}).json()
        if page["next"]:
            self.download_instances(page["next"])
"#,
    )
    .with_file(
        "kobo/apps/logger/management/commands/import_briefcase.py",
        "import requests\nfrom django.core.management.base import BaseCommand\nfrom kobo.libs.briefcase_client import BriefcaseClient\n\nclass Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n        requests.get(kwargs[\"url\"])\n        bc = BriefcaseClient()\n        bc.download_xforms()\n        bc.download_instances()\n",
    )
    .with_file(
        "kobo/apps/logger/management/commands/sync_media.py",
        "import requests\nfrom django.core.management.base import BaseCommand\nfrom kobo.libs.media import fetch_media\n\nclass Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n        requests.get(INDEX_URL)  # expect: RES001\n        fetch_media()\n",
    )
    .with_file(
        "kobo/libs/media.py",
        "import requests\n\ndef fetch_media():\n    return requests.get(MEDIA_URL)  # expect: RES001\n",
    )
    .with_file(
        "kobo/tasks.py",
        "from celery import shared_task\nfrom django.core.management import call_command\n\n@shared_task\ndef sync_media():\n    call_command(\"sync_media\")\n",
    ),
    // A management command the deployment runs (an entrypoint script's
    // `./manage.py perf_sheriff`) is the service's scheduled work, not a
    // person's run: what it calls hangs unwatched. A command no process file
    // names stays a person's.
    Case::new(
        "app/services/actions.py",
        r#"
import requests

def load_actions(url):
    return requests.get(url).json()  # expect: RES001

def load_report(url):
    return requests.get(url).json()
"#,
    )
    .with_file(
        "app/management/commands/perf_sheriff.py",
        "from django.core.management.base import BaseCommand\nfrom app.services.actions import load_actions\n\nclass Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n        load_actions(kwargs[\"url\"])\n",
    )
    .with_file(
        "app/management/commands/report.py",
        "from django.core.management.base import BaseCommand\nfrom app.services.actions import load_report\n\nclass Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n        load_report(kwargs[\"url\"])\n",
    )
    .with_file(
        "docker/entrypoint_prod.sh",
        "#!/bin/bash\nif [ \"$1\" == \"perf_sheriff\" ]; then\n    newrelic-admin run-program ./manage.py perf_sheriff \"$@\"\nfi\n",
    ),
    // A queue job with a time limit is killed when the call stalls, and so is
    // what only such jobs run: an RQ job without `timeout=` runs under RQ's
    // 180 s default; one that turns the limit off (`-1`) is not bounded.
    Case::new(
        "app/query_runner/graphite.py",
        r#"
import requests

class Graphite:
    def test_connection(self):
        r = requests.get(self.base_url + "/render")
        r.raise_for_status()

    def get_schema(self):
        return requests.get(self.base_url + "/metrics/index.json").json()  # expect: RES001
"#,
    )
    .with_file(
        "app/tasks.py",
        "from app.worker import job\n\n@job(\"queries\", timeout=30, ttl=90)\ndef test_connection(data_source_id):\n    source = load(data_source_id)\n    source.query_runner.test_connection()\n\n@job(\"schemas\", timeout=-1)\ndef refresh_schema(data_source_id):\n    load(data_source_id).query_runner.get_schema()\n\n@job(\"default\")\ndef subscribe(form):\n    load_forms().newsletter_post(form)\n",
    ),
    // A function handed to RQ runs as a job under RQ's 180 s default job
    // timeout (`queue.enqueue(f)`), unless the hand-off turns it off
    // (`job_timeout=-1`).
    Case::new(
        "app/mail.py",
        r#"
import requests

def send_welcome(user_id):
    requests.post("https://mail.example.com/send", json={"user": user_id})

def refresh_all():
    requests.get("https://mail.example.com/lists")  # expect: RES001
"#,
    )
    .with_file(
        "app/signup.py",
        "from rq import Queue\nfrom app.redis import conn\nfrom app.mail import send_welcome, refresh_all\n\nqueue = Queue(connection=conn)\n\ndef on_signup(user):\n    queue.enqueue(send_welcome, user.id)\n    queue.enqueue(refresh_all, job_timeout=-1)\n",
    ),
    // A project's scheduling wrapper hands its `function` parameter to RQ:
    // what is passed to it by that keyword is a job. The same keyword given to
    // a function that is no such wrapper says nothing.
    Case::new(
        "app/emails.py",
        r#"
import requests

def ingest_emails():
    requests.get("https://graph.example.com/messages")

def pull_feed():
    requests.get("https://feeds.example.com/latest")  # expect: RES001
"#,
    )
    .with_file(
        "app/queues/scheduler.py",
        "from rq import Retry\nfrom app.queues.rq_scheduler import Scheduler\n\ndef job_scheduler(function, cron=None, job_timeout=180):\n    with Scheduler() as scheduler:\n        if cron is not None:\n            return scheduler.cron(cron=cron, function=function, timeout=job_timeout)\n        return scheduler.enqueue(function=function, job_timeout=job_timeout, retry=Retry(max=3))\n",
    )
    .with_file(
        "app/cron.py",
        "from app.queues.scheduler import job_scheduler\nfrom app.emails import ingest_emails, pull_feed\nfrom app.hooks import register_hook\n\ndef schedule_jobs():\n    job_scheduler(function=ingest_emails, cron=\"*/5 * * * *\")\n    register_hook(function=pull_feed)\n",
    ),
    // A plugin's `run`, entered only through the base class's `start` from a
    // time-limited task: the time limit bounds it. Other functions named `run`
    // are no way in: `subprocess.run` and an object an imported module builds
    // (`ql = Qiling(…)`, `ql.run()`), and a command's `self.run` of its own
    // static method, which no class overrides. An override calling the method
    // it overrides (`super().run()`) is no way in either.
    Case::new(
        "app/plugins/lookup.py",
        r#"
import requests
from app.plugins.base import Plugin

class Lookup(Plugin):
    def run(self):
        return requests.get(self.url).json()

class CachedLookup(Lookup):
    def run(self):
        return self.cache or super().run()
"#,
    )
    .with_file(
        "app/plugins/base.py",
        "class Plugin:\n    def start(self):\n        self.before_run()\n        return self.run()\n\n    def run(self):\n        raise NotImplementedError\n",
    )
    .with_file(
        "app/tasks.py",
        PLUGIN_TASK,
    )
    .with_file(
        "app/management/commands/reload.py",
        "import subprocess\nfrom django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n    def handle(self, *args, **options):\n        self.run(\"pkill celery\")\n\n    @staticmethod\n    def run(cmd):\n        subprocess.run(cmd.split(), check=True)\n",
    )
    .with_file(
        "integrations/sandbox/analyze.py",
        "from qiling import Qiling\n\ndef sandbox(path):\n    ql = Qiling([path])\n    ql.run()\n",
    ),
    // The helpers a plugin's `run` calls on `self` run inside the same time
    // limit, a private `__poll` as much as a `_lookup`. A helper whose name a
    // view also calls is not bounded by it.
    Case::new(
        "app/plugins/scan.py",
        r#"
import requests
from app.plugins.base import Plugin

class Scan(Plugin):
    def run(self):
        self.__poll(self._lookup(self.target))
        return self.report()

    def _lookup(self, target):
        return requests.get(self.url + target).json()

    def __poll(self, key):
        return requests.get(self.url + key).json()

    def report(self):
        return requests.get(self.url + "/report").json()  # expect: RES001
"#,
    )
    .with_file(
        "app/plugins/base.py",
        PLUGIN_BASE,
    )
    .with_file(
        "app/tasks.py",
        PLUGIN_TASK,
    )
    .with_file(
        "app/views.py",
        "from app.jobs import load_job\n\ndef show(request):\n    return load_job(request.pk).report()\n",
    ),
    // A view running another class's own `run` (a row of a model that
    // defines it, an instance it builds) is no way into the plugins' `run`.
    Case::new(
        "app/plugins/whois.py",
        r#"
import requests
from app.plugins.base import Plugin

class Whois(Plugin):
    def run(self):
        return requests.get(self.url).json()
"#,
    )
    .with_file(
        "app/plugins/base.py",
        PLUGIN_BASE,
    )
    .with_file(
        "app/tasks.py",
        PLUGIN_TASK,
    )
    .with_file(
        "app/engines/models.py",
        "from django.db import models\n\nclass EngineConfig(models.Model):\n    def run(self, job):\n        return job.pk\n\nclass Engine:\n    def run(self):\n        return 1\n",
    )
    .with_file(
        "app/engines/views.py",
        "from app.engines.models import Engine, EngineConfig\n\ndef trigger(request):\n    EngineConfig.objects.first().run(request.job)\n    return Engine().run()\n",
    ),
    // The same call shape reaching the flagged class's own method from a view
    // is a way in: `Report(x).send()` runs `Report.send`.
    Case::new(
        "app/reports.py",
        r#"
import requests

class Report:
    def send(self):
        requests.post(self.url, json=self.body)  # expect: RES001

class Digest:
    def send(self):
        return None
"#,
    )
    .with_file(
        "app/tasks.py",
        "from celery import shared_task\nfrom app.reports import Report\n\n@shared_task(soft_time_limit=60)\ndef nightly(pk):\n    load(pk).send()\n",
    )
    .with_file(
        "app/views.py",
        "from app.reports import Report\n\ndef share(request):\n    return Report(request.body).send()\n",
    ),
    // The app's Celery configuration sets `task_time_limit`: every task without
    // a limit of its own is killed after it, and so is what only tasks call. A
    // task that turns the limit off (`time_limit=None`) waits on.
    Case::new(
        "packit_service/worker/tasks.py",
        r#"
import redis
import requests
from packit_service.celerizer import celery_app

@celery_app.task
def cleanup_orphaned_queues():
    client = redis.Redis(host="broker")
    for key in client.scan_iter("*.reply.celery.pidbox"):
        client.expire(key, 3600)
    notify("cleanup done")

def notify(text):
    requests.post("https://chat.example.com/hook", json={"text": text})

@celery_app.task(time_limit=None)
def import_all():
    requests.get("https://src.example.com/export")  # expect: RES001
"#,
    )
    .with_file(
        "packit_service/celery_config.py",
        "broker_url = \"redis://broker\"\ntask_time_limit = 900  # 15 min\n",
    ),
    // A function whose docstring says why its connection goes without a
    // timeout: a decision, not an oversight.
    Case::new(
        "server/queue_bridge/client.py",
        r#"
from redis import Redis

class Client:
    def new_redis_conn(self):
        """ Returns a new Redis connection for blocking stream reads (XREADGROUP with block=...),
        so it must not carry any socket timeout: the server ends the block.
        """
        return Redis(host=self.host, port=self.port, socket_timeout=None)

    def new_cache_conn(self):
        """ Returns a new Redis connection for the cache. """
        return Redis(host=self.host, port=self.port, socket_timeout=None)  # expect: RES001
"#,
    ),
    // A limit read from the environment with no limit as its default sets
    // none.
    Case::new(
        "bookwyrm/tasks.py",
        r#"
import requests
from celery import shared_task

@shared_task
def refresh_covers():
    requests.get("https://covers.example.com/refresh")  # expect: RES001
"#,
    )
    .with_file(
        "celerywyrm/settings.py",
        "import environ\nenv = environ.Env()\nCELERY_TASK_SOFT_TIME_LIMIT = env(\"CELERY_TASK_SOFT_TIME_LIMIT\", None)\n",
    ),
    // A module's function only command-line commands call through the module
    // (`_api.ping(url)`) runs when a person runs them; another object's method
    // of the same name (`conn.ping()` in a view) is not its caller.
    Case::new(
        "src/fides/core/api.py",
        r#"
import requests

def ping(url):
    return requests.get(f"{url}/health")
"#,
    )
    .with_file(
        "src/fides/cli/commands.py",
        "import click\nfrom fides.core import api as _api\n\n@click.command()\ndef status(url):\n    _api.ping(url)\n",
    )
    .with_file(
        "src/fides/api/views.py",
        "from flask import Flask\napp = Flask(__name__)\n\n@app.get(\"/ready\")\ndef ready():\n    return str(cache.ping())\n",
    ),
    // Two modules deep: the command calls `_push.push(…)`, which calls
    // `api.upsert(…)`; a view's `queue.push(item)` is another object's method.
    Case::new(
        "src/fides/core/api.py",
        r#"
import requests

def upsert(url, body):
    return requests.post(f"{url}/upsert", json=body)
"#,
    )
    .with_file(
        "src/fides/core/push.py",
        "from fides.core import api\n\ndef push(url, manifests):\n    for m in manifests:\n        api.upsert(url, m)\n",
    )
    .with_file(
        "src/fides/cli/commands.py",
        "import click\nfrom fides.core import push as _push\n\n@click.command()\ndef push(url):\n    _push.push(url, [])\n",
    )
    .with_file(
        "src/fides/api/views.py",
        "from flask import Flask\napp = Flask(__name__)\n\n@app.post(\"/jobs\")\ndef enqueue():\n    queue.push(1)\n    return \"ok\"\n",
    ),
    // A function also handed on as a value (a thread's `target`) from code
    // that serves requests has that code for a caller too.
    Case::new(
        "plexpy/mobile_app.py",
        r#"
import threading
import requests

def validate(device_id):
    return requests.get(f"https://api.onesignal.com/devices/{device_id}")  # expect: RES001

def set_official(device_id):
    validate(device_id)

def add_device(device_id):
    threading.Thread(target=set_official, args=[device_id]).start()

def revalidate_all(ids):
    for device_id in ids:
        set_official(device_id)
"#,
    )
    .with_file(
        "plexpy/cli.py",
        "import click\nfrom plexpy import mobile_app\n\n@click.command()\ndef revalidate():\n    mobile_app.revalidate_all([])\n",
    ),
    // The same function also called by its bare name from a view serves
    // requests.
    Case::new(
        "src/fides/core/api.py",
        r#"
import requests

def ping(url):
    return requests.get(f"{url}/health")  # expect: RES001
"#,
    )
    .with_file(
        "src/fides/cli/commands.py",
        "import click\nfrom fides.core import api as _api\n\n@click.command()\ndef status(url):\n    _api.ping(url)\n",
    )
    .with_file(
        "src/fides/api/views.py",
        "from flask import Flask\nfrom fides.core.api import ping\napp = Flask(__name__)\n\n@app.get(\"/upstream\")\ndef upstream():\n    return str(ping(\"http://up\"))\n",
    ),
    // A time-limited job named `update` is not every `update`: a plugin's
    // method of that name that a control command calls runs without a limit.
    Case::new(
        "app/plugins/feeds.py",
        r#"
import requests

class Feed:
    @classmethod
    def update(cls):
        return requests.get(cls.url).content  # expect: RES001
"#,
    )
    .with_file(
        "app/tasks.py",
        "from celery import shared_task\n\n@shared_task(soft_time_limit=300)\ndef update(pk):\n    broadcast(\"update_plugin\", pk)\n\ndef update_plugin(state, pk):\n    load(pk).update()\n",
    ),
    // requests' sending patched process-wide to fill in a timeout bounds every
    // requests call of the service; a patch that sets none does not.
    Case::new(
        "modules/anilist.py",
        r#"
import requests

def search(query):
    return requests.post("https://graphql.anilist.co", json={"query": query})
"#,
    )
    .with_file(
        "kometa.py",
        "import requests\n\nold_send = requests.Session.send\n\ndef new_send(*send_args, **kwargs):\n    if kwargs.get(\"timeout\", None) is None:\n        kwargs[\"timeout\"] = run_args[\"timeout\"]\n    return old_send(*send_args, **kwargs)\n\nrequests.Session.send = new_send\n",
    ),
    Case::new(
        "modules/trakt.py",
        r#"
import requests

def search(query):
    return requests.post("https://api.trakt.tv/search", json={"query": query})  # expect: RES001
"#,
    )
    .with_file(
        "kometa.py",
        "import requests\n\nold_send = requests.Session.send\n\ndef new_send(*send_args, **kwargs):\n    kwargs[\"headers\"] = {\"User-Agent\": \"kometa\"}\n    return old_send(*send_args, **kwargs)\n\nrequests.Session.send = new_send\n",
    ),
    // A module named for the command line and run as a program is a command
    // a person runs: the session it builds lives for that run, whatever it is
    // handed to. A program's `main` building a client for its service is
    // reported.
    Case::new(
        "comet/db_cli.py",
        r#"
import argparse
import asyncio

import aiohttp

from comet.metadata import Scraper


async def cleanup(args):
    async with aiohttp.ClientSession() as session:
        await Scraper(session).verify(args.account)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("account")
    asyncio.run(cleanup(parser.parse_args()))


if __name__ == "__main__":
    main()
"#,
    )
    .with_file(
        "comet/worker.py",
        "import asyncio\n\nimport aiohttp\n\nfrom comet.metadata import Scraper\n\n\nasync def serve():\n    async with aiohttp.ClientSession() as session:  # expect: RES001\n        await Scraper(session).run_forever()\n\n\nif __name__ == \"__main__\":\n    asyncio.run(serve())\n",
    ),
    // Code after a `return` in its block never runs (a sample left below the
    // real body); code after a `return` that only one branch makes does.
    Case::new(
        "models/tts.py",
        r#"
import requests


class Speech:
    def text_to_speech(self, client, text):
        with client.audio.speech.with_streaming_response.create(input=text) as response:
            return response.read()

        url = "https://api.example.com/v1/audio/speech"
        response = requests.request("POST", url, json={"input": text})

    def voices(self, cached):
        return cached
        requests.get("https://api.example.com/v1/voices")

    def models(self, cached):
        if cached:
            return cached
        return requests.get("https://api.example.com/v1/models")  # expect: RES001
"#,
    ),
    // A script that defines nothing and runs its steps from the top, printing
    // what it did, is run by hand: what only such scripts call is a command's
    // work. A helper the service's code also calls is reported.
    Case::new(
        "backend/helpers/helpers.py",
        r#"
import requests

base = ""


def set_path_prefix(prefix):
    global base
    base = prefix


def add_bundle(name):
    return requests.post(base + "/bundles", json={"name": name}).json()["id"]


def add_application(bundle_id, name):
    return requests.post(base + "/applications", json={"bundle": bundle_id, "name": name})  # expect: RES001


def delete_bundle(bundle_id):
    return requests.delete(base + "/bundles/" + bundle_id).status_code
"#,
    )
    .with_file(
        "backend/helpers/delete_bundle.py",
        "import helpers\n\nhelpers.set_path_prefix(\"http://localhost:8085\")\nbundle_id = helpers.find_bundle(\"a-bundle\")\nif bundle_id is not None:\n    print(\"Bundle has id \" + bundle_id)\n    helpers.delete_bundle(bundle_id)\nelse:\n    print(\"Bundle did not exist\")\n",
    )
    .with_file(
        "backend/helpers/create_bundle.py",
        "import helpers\n\nhelpers.set_path_prefix(\"http://localhost:8085\")\n\nprint(\">>> create bundle\")\nbundle_id = helpers.add_bundle(\"a-bundle\")\nprint(bundle_id)\nhelpers.add_application(bundle_id, \"an-app\")\n",
    )
    .with_file(
        "backend/app/views.py",
        "from helpers import add_application\n\n\ndef create(request):\n    return add_application(request.json[\"bundle\"], request.json[\"name\"])\n",
    ),
    // A session with a transport adapter mounted whose `send` fills in a
    // timeout: its calls on URLs under the mounted prefix are bounded (built
    // from it, or a value the file cannot see); a URL built on another base,
    // a bare `requests` call and an adapter setting only retries are not.
    Case::new(
        "app/jamf/client.py",
        r#"
import requests
from requests.adapters import HTTPAdapter

from app.utils.http import TimeoutHTTPAdapter


class Client:
    def __init__(self, base_url, timeout):
        self.base_url = base_url
        self.api_base_url = base_url + "/JSSResource"
        self.session = requests.Session()
        self.session.mount(self.api_base_url, TimeoutHTTPAdapter(timeout, 3))
        self.plain = requests.Session()
        self.plain.mount("https://", HTTPAdapter(max_retries=3))

    def token(self):
        return self.session.post(f"{self.base_url}/api/v1/auth/token")  # expect: RES001

    def computers(self):
        return self.session.get(f"{self.api_base_url}/computers")

    def fetch(self, url):
        return self.session.get(url)

    def download(self, url):
        return requests.get(url)  # expect: RES001

    def ping(self, url):
        return self.plain.get(url)  # expect: RES001


class Store:
    def __init__(self, store):
        self._session = requests.Session()
        adapter = TimeoutHTTPAdapter(store.timeout, store.retries)
        for prefix in (store.search_url, store.input_url):
            self._session.mount(prefix, adapter)

    def search(self, body):
        return self._session.post(self.search_url, json=body)


class Issuer:
    @property
    def session(self):
        s = requests.Session()
        s.mount("https://", TimeoutHTTPAdapter(10, 0))
        return s

    def issue(self, csr):
        return self.session.post(self.api_url, json={"csr": csr})
"#,
    )
    .with_file(
        "app/utils/http.py",
        "from requests.adapters import HTTPAdapter\n\n\nclass TimeoutHTTPAdapter(HTTPAdapter):\n    def __init__(self, default_timeout, retries):\n        self.default_timeout = default_timeout\n        super().__init__(max_retries=retries)\n\n    def send(self, *args, **kwargs):\n        if kwargs.get(\"timeout\") is None:\n            kwargs[\"timeout\"] = self.default_timeout\n        return super().send(*args, **kwargs)\n",
    ),
    // The same patch on requests' `Session` imported by name, replacing
    // `request` from a setup function; another library's `Session` is no patch.
    Case::new(
        "src/openforms/registrations/client.py",
        r#"
import requests

def register(url, data):
    return requests.Session().post(url, json=data)
"#,
    )
    .with_file(
        "src/openforms/setup.py",
        r#"
from requests import Session

def monkeypatch_requests():
    Session._original_request = Session.request

    def new_request(self, *args, **kwargs):
        kwargs.setdefault("timeout", settings.DEFAULT_TIMEOUT_REQUESTS)
        return self._original_request(*args, **kwargs)

    Session.request = new_request
"#,
    ),
    Case::new(
        "src/shop/client.py",
        r#"
import requests

def register(url, data):
    return requests.post(url, json=data)  # expect: RES001
"#,
    )
    .with_file(
        "src/shop/setup.py",
        r#"
from sqlalchemy.orm import Session

def patch():
    def new_request(self, *args, **kwargs):
        kwargs.setdefault("timeout", 10)
        return self._original_request(*args, **kwargs)

    Session.request = new_request
"#,
    ),
    // A parameter named like a module is whatever the caller passes: the
    // project's own wrapper here, not the `requests` module.
    Case::new(
        "modules/omdb.py",
        r#"
import requests

class OMDb:
    def __init__(self, requests, params):
        self.requests = requests
        self.params = params

    def get_omdb(self, imdb_id):
        return self.requests.get_json("http://www.omdbapi.com/", params={"i": imdb_id})

    def get_raw(self, imdb_id):
        return self.requests.get("http://www.omdbapi.com/", params={"i": imdb_id})

class Direct:
    def __init__(self):
        self.http = requests

    def get(self, url):
        return self.http.get(url)  # expect: RES001
"#,
    ),
    // A session the function builds when none is given, whose one request
    // passes its own timeout: closing it sends nothing. A session with a
    // request that passes none is still reported.
    Case::new(
        "client/login.py",
        r#"
import aiohttp

async def login(base_url, timeout, login_session=None):
    owns_session = login_session is None
    session = login_session or aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))
    try:
        async with session.post(f"{base_url}/login", timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            return await response.json()
    finally:
        if owns_session:
            await session.close()

async def status(base_url, given=None):
    session = given or aiohttp.ClientSession()  # expect: RES001
    try:
        async with session.get(f"{base_url}/status") as response:
            return await response.json()
    finally:
        await session.close()

async def sync_all(urls):
    session = aiohttp.ClientSession()  # expect: RES001
    await session.post(AUDIT_URL, timeout=aiohttp.ClientTimeout(total=5))
    for url in urls:
        await fetch(session, url)

async def fetch(session, url):
    return await session.get(url)
"#,
    ),
    // A flat script (no function or class, printing what it got) is an API
    // usage example a person runs; a module fetching its settings at import
    // time is the service's start-up, which hangs unwatched.
    Case::new(
        "app/api/join/join.py",
        r#"
import requests

headers = {"authorization": API_KEY_SECRET}
response = requests.post(MIROTALK_URL, headers=headers, json={"room": "test"})
print("Status code:", response.status_code)
"#,
    ),
    // A queue job's stall holds a worker, and the jobs queued behind it wait:
    // the impact names the job, not a request pool.
    Case::new(
        "billing/tasks.py",
        r#"
import requests
from celery import shared_task

@shared_task(acks_late=True)
def push_invoice(invoice_id):
    requests.post(ERP_URL, json={"id": invoice_id})  # expect: RES001
"#,
    ),
    // A class-private method that its module never names again is dead: only
    // its class could call it. One its class calls stays reported.
    Case::new(
        "keep/providers/openobserve_provider/openobserve_provider.py",
        r#"
import requests

class OpenobserveProvider:
    def __get_all_stream_names(self) -> list[str]:
        response = requests.get(f"{self.url}/api/streams")
        return [s["name"] for s in response.json()["list"]]

    def __get_alerts(self):
        return requests.get(f"{self.url}/api/alerts").json()  # expect: RES001

    def _get_alerts(self):
        return self.__get_alerts()
"#,
    ),
    // An interpreter line makes a flat file a program (a test-data seeding
    // script a shell script runs), whether it prints or not.
    Case::new(
        "profiles/dab/make_test_data.py",
        r#"#!/usr/bin/env python
import requests

ROOT = "https://localhost"
rr = requests.get(ROOT + "/api/roles/", verify=False)
ROLES = {x["name"]: x for x in rr.json()["results"]}
for name in ("alice", "bob"):
    requests.post(ROOT + "/api/users/", json={"username": name}, verify=False)
"#,
    ),
    // A command-line script dispatching on its arguments, with a helper it
    // defines: a program too. Without the interpreter line and the guard, a
    // module's import-time call stays reported.
    Case::new(
        "api.py",
        r#"#! /usr/bin/env python3
import sys
import requests

URL = "http://localhost:4000/"
arguments = len(sys.argv) - 1
if arguments == 1:
    if sys.argv[1] == "users":
        def flags(role):
            return {"isAdmin": role == "admin"}
        body = requests.get(URL + "api/users", headers={"Accept": "application/json"})
        print(body.text)
"#,
    ),
    // A script's helper named like a library object's method it calls
    // (`release.upload_asset(…)` in `upload_asset`) is still only the
    // script's `main`'s.
    Case::new(
        "github_release.py",
        r#"#!/usr/bin/python3
import requests
from github import Github

def send_hash(pkg_hash, key):
    requests.put(KV_URL + key, data=pkg_hash)

def upload_asset(release, path, key):
    release.upload_asset(path)
    send_hash(digest(path), key)

def main():
    release = Github(TOKEN).get_repo(REPO).get_release(VERSION)
    for path in FILES:
        upload_asset(release, path, path)

main()
"#,
    ),
    Case::new(
        "app/feeds.py",
        r#"
import requests

def parse(body):
    return body.json()

FEEDS = parse(requests.get(FEEDS_URL))  # expect: RES001
"#,
    ),
    Case::new(
        "app/settings_remote.py",
        r#"
import requests

FLAGS = requests.get(FLAGS_URL).json()  # expect: RES001
LOG_LEVEL = FLAGS.get("log_level", "info")
"#,
    ),
    // A module the file never imports is no module: a parameter named
    // `requests` is the session a caller hands in (a task's own session with
    // its default timeout), directly or kept on `self`.
    Case::new(
        "plugins/sites/bakabt.py",
        r#"
from plugins import plugin

class UrlRewriteBakaBT:
    def url_rewrite(self, task, entry):
        entry["url"] = self.parse_download_page(entry["url"], task.requests)

    def parse_download_page(self, url, requests):
        return requests.get(url, headers={})

class PyloadApi:
    def __init__(self, requests, url):
        self.requests = requests
        self.url = url

    def get(self, method):
        return self.requests.get(self.url + method)
"#,
    ),
    // A request to this very process over the loopback interface: the URL's
    // port is the name the service's own server starts on. A loopback URL on
    // another port is a sidecar, and flagged.
    Case::new(
        "runner/web_api.py",
        r#"
import requests
from core.env_vars import PORT, AGENT_PORT

def trigger(body):
    url = f"http://127.0.0.1:{PORT}/api/trigger"
    return requests.post(url, json=body)

def agent_status():
    return requests.get(f"http://localhost:{AGENT_PORT}/status")  # expect: RES001
"#,
    )
    .with_file(
        "runner/web.py",
        r#"
from flask import Flask
from core.env_vars import PORT

app = Flask(__name__)

def run():
    app.run(host="0.0.0.0", port=PORT, use_reloader=False)
"#,
    ),
    // Example code is nobody's deployment; a sample that loops forever (a
    // heartbeat) is silenced for good by one stalled call, and reported.
    Case::new(
        "examples/gevent/tasks.py",
        r#"
import requests

def urlopen(url):
    return requests.get(url).text
"#,
    ),
    Case::new(
        "extra/push-examples/python/index.py",
        r#"
import time
import requests

def push(url):
    while True:
        requests.get(url)  # expect: RES001
        time.sleep(60)
"#,
    ),
    // A plugin retired into `deprecated/` is not what its owners harden; the
    // live one beside it is.
    Case::new(
        "plugins/analytics/deprecated/dnsdb.py",
        r#"
import requests

class DNSDB:
    def lookup(self, name):
        return requests.get(f"https://api.dnsdb.info/lookup/rrset/name/{name}").json()
"#,
    ),
    Case::new(
        "plugins/analytics/dnsdb.py",
        r#"
import requests

class DNSDB:
    def lookup(self, name):
        return requests.get(f"https://api.dnsdb.info/lookup/rrset/name/{name}").json()  # expect: RES001
"#,
    ),
    // A local assignment shadows a module of its name: `requests` here is a
    // dict of resource requests, and `.get("cpu")` reads it.
    Case::new(
        "core/model/pods.py",
        r#"
import requests

def resources(container):
    requests = container.object_at_path(["resources", "requests"])
    return requests.get("memory", "0Mi"), requests.get("cpu", 0.0)

def fetch(url):
    return requests.get(url)  # expect: RES001
"#,
    ),
    // A module-level fallback beside the import leaves the module.
    Case::new(
        "collectors/github_contents.py",
        r#"
try:
    import requests
except ImportError:
    requests = None

def download(item):
    return requests.get(item["download_url"]).content  # expect: RES001
"#,
    ),
    Case::new(
        "plugins/sites/direct.py",
        r#"
import requests

class Direct:
    def parse_download_page(self, url, session=None):
        return requests.get(url, headers={})  # expect: RES001
"#,
    ),
    // An interactive shell (`cmd.Cmd`) and a script that documents its usage
    // are run by a person, who watches them; a connect-only probe is bounded by
    // the kernel.
    Case::new(
        "sfcli.py",
        r#"
import cmd
import requests

class SpiderFootCli(cmd.Cmd):
    def request(self, url):
        return requests.get(url).text
"#,
    ),
    Case::new(
        "socorro/schemas/validate_crash.py",
        r#"
"""Validate a crash report against the telemetry schema.

Usage: python socorro/schemas/validate_crash.py CRASHID
"""
import requests

def fetch(crash_id):
    return requests.get(f"https://crash-stats.example.com/api/RawCrash/?crash_id={crash_id}").json()
"#,
    ),
    Case::new(
        "app/utils.py",
        r#"
import socket
import requests

def can_connect(ip, port):
    try:
        socket.create_connection((ip, port)).close()
        return True
    except OSError:
        return False

def read_banner(ip, port):
    s = socket.create_connection((ip, port))  # expect: RES001
    return s.recv(64)

def ping(url):
    return requests.get(url)  # expect: RES001
"#,
    ),
    // The same plugin run from a view, through the project's own module, is not
    // bounded by the task's limit.
    Case::new(
        "app/plugins/geo.py",
        r#"
import requests
from app.plugins.base import Plugin

class Geo(Plugin):
    def run(self):
        return requests.get(self.url).json()  # expect: RES001
"#,
    )
    .with_file(
        "app/plugins/base.py",
        PLUGIN_BASE,
    )
    .with_file(
        "app/tasks.py",
        PLUGIN_TASK,
    )
    .with_file(
        "app/views.py",
        "from app.plugins import geo\n\ndef preview(request):\n    return geo.Geo().run()\n",
    ),
    Case::new(
        "app/forms.py",
        r#"
import requests

class Forms:
    def newsletter_post(self, form):
        requests.post("https://version.example.com/subscribe", json=form)
"#,
    )
    .with_file(
        "app/tasks.py",
        "from rq.decorators import job\n\n@job(\"default\")\ndef subscribe(form):\n    Forms().newsletter_post(form)\n",
    ),
    Case::new(
        "app/crawl.py",
        r#"
import asyncio
import eventlet
import requests
import anyio
import httpx

def crawl(url):
    with eventlet.Timeout(5, False):
        return requests.get(url).text

async def fetch(client, url):
    async with asyncio.timeout(10):
        return await client.get(url)

async def poll(url):
    with anyio.fail_after(3) as scope:
        return httpx.get(url, timeout=None)

def later(url):
    with eventlet.Timeout(5, False):
        pass
    return requests.get(url).text  # expect: RES001

def nested(url):
    with eventlet.Timeout(5, False):
        def inner():
            return requests.get(url).text  # expect: RES001
        return inner
"#,
    ),
    // Maintainer tooling at the top of the project, a pyinvoke tasks file and a
    // benchmark are runs by hand; a paging `while True` that breaks out ends.
    Case::new(
        "tools/update_authors.py",
        r#"
import requests

def fetch_commits(url):
    page = 1
    out = []
    while True:
        data = requests.get(url, params={"page": page}).json()
        if not data:
            break
        out.extend(data)
        page += 1
    return out
"#,
    ),
    Case::new(
        "app/tasks.py",
        r#"
import requests
from invoke import task

@task
def download_fixtures(context):
    requests.get("https://example.com/fixtures.zip", stream=True)
"#,
    ),
    // An Alembic data migration (`from alembic import op`) runs once per
    // deploy, wherever its `versions/` directory sits; a module that runs the
    // migrations (`from alembic import command`) is the service's own.
    Case::new(
        "alembic/versions/c6250555a36c_.py",
        r#"
import redis
from alembic import op

def upgrade():
    db = redis.Redis(host="redis")
    for key in db.scan_iter("build:*"):
        op.execute(f"INSERT INTO builds VALUES ('{key}')")
"#,
    ),
    Case::new(
        "src/auslib/db.py",
        r#"
from aiohttp import ClientSession
from alembic import command

async def upload_history(blob_name, data):
    async with ClientSession() as session:  # expect: RES001
        await session.put(f"https://storage.example.com/{blob_name}", data=data)

def upgrade(config):
    command.upgrade(config, "head")
"#,
    ),
    Case::new(
        "python/benchmark_backends.py",
        r#"
import redis

conn = redis.Redis(host="localhost")
"#,
    ),
    // A script's paging loop, paced to respect a rate limit, still ends.
    Case::new(
        "tools/scripts/page_each_user.py",
        r#"
import time
import requests

page = 1
while True:
    r = requests.get(BASE + "/api/v1/users/", params={"page": page})
    for u in r.json()["results"]:
        requests.post(HOOK, json={"title": u["username"]})
        time.sleep(5)
    page += 1
    if page > int(r.json()["total_pages"]):
        break
"#,
    ),
    // So does one that counts its pages to a limit.
    Case::new(
        "scripts/fetch_service_refs.py",
        r#"
import time
import urllib.request

def latest(url):
    fetches = 0
    while url and fetches < MAX_FETCHES:
        fetches += 1
        resp = urllib.request.urlopen(url)
        url = next_page(resp)
        time.sleep(1)
"#,
    ),
    // A paced loop that runs until it is told to stop is a daemon's.
    Case::new(
        "scripts/poll_refs.py",
        r#"
import time
import urllib.request

def poll(url, stop):
    while not stop.is_set():
        urllib.request.urlopen(url)  # expect: RES001
        time.sleep(60)
"#,
    ),
    // A script's loop that runs while a flag its own body sets (a pagination
    // over continuation tokens, paced by a backoff) ends: a run by hand. A
    // flag cleared elsewhere (a signal handler) keeps a daemon running.
    Case::new(
        "backend/scripts/reset_indexes.py",
        r#"
import signal
from time import sleep

import requests

def wipe(endpoint):
    continuation = None
    should_continue = True
    while should_continue:
        params = {"continuation": continuation} if continuation else {}
        for attempt in range(3):
            try:
                response = requests.delete(endpoint, params=params)
                continuation = response.json().get("continuation")
                should_continue = bool(continuation)
                break
            except requests.RequestException:
                sleep(2**attempt)

running = True

def stop(*_):
    global running
    running = False

def poll(url):
    signal.signal(signal.SIGTERM, stop)
    while running:
        requests.get(url)  # expect: RES001
        sleep(30)
"#,
    ),
    // A tool's endless loop is a daemon's: it runs unattended.
    Case::new(
        "tools/heartbeat.py",
        r#"
import requests

def beat():
    while True:
        requests.post("https://hc.example.com/ping")  # expect: RES001
        pace()
"#,
    ),
    // A service's background loop (a telemetry thread) stops at a stalled call
    // for good: its text says so, not that requests pile up.
    Case::new(
        "app/telemetry.py",
        r#"
import threading
import time
import requests

class Telemetry:
    def start(self):
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self):
        while True:
            requests.post("https://telemetry.example.com/v1", json={})  # expect: RES001
            time.sleep(3600)
"#,
    ),
    // `tools/` below the top holds an application's code (an agent's tools).
    Case::new(
        "app/agent/tools/weather.py",
        r#"
import requests

def weather(city):
    return requests.get(f"https://wttr.in/{city}").text  # expect: RES001
"#,
    ),
    // A one-shot run shows its hang to whoever runs it: a script's calls, and an
    // example's whole run.
    Case::new(
        "scripts/backfill.py",
        r#"
import requests

def main():
    for page in range(10):
        requests.get(f"https://api.example.com/items?page={page}")

if __name__ == "__main__":
    main()
"#,
    ),
    Case::new(
        "examples/demo.py",
        r#"
from openai import OpenAI

client = OpenAI()
print(client.responses.create(model="gpt-4o", input="hi").output_text)
"#,
    ),
    // A script's own class, driven from its `main`: the script's run, wherever
    // the file sits.
    Case::new(
        "utils/create_users/bulk_create.py",
        r#"
import requests

class UserCreation:
    def __init__(self, domain):
        self.domain = domain

    def auth(self):
        return requests.post(f"{self.domain}/api/auth/", data={})

    def lookup(self, name):
        return requests.get(f"{self.domain}/api/users/?name={name}")

    def create_users(self, names):
        for name in names:
            if not self.lookup(name):
                requests.post(f"{self.domain}/api/users/", data={"name": name})

def main():
    api = UserCreation("http://localhost:8080")
    api.auth()
    api.create_users(["a", "b"])

if __name__ == "__main__":
    main()
"#,
    ),
    // A console script's `main`, run as `sys.exit(main() or 0)`: its class's
    // search loop returns what it finds and ends; it is not a daemon's loop.
    Case::new(
        "pghoard/archive_sync.py",
        r#"
import sys
import requests

class ArchiveSync:
    def check_archive(self, base):
        n = 0
        while True:
            resp = requests.head(f"{base}/archive/{n}")
            if resp.status_code == 200:
                return n
            n += 1

    def run(self):
        return self.check_archive("http://127.0.0.1:16000")

def main():
    tool = ArchiveSync()
    return tool.run()

if __name__ == "__main__":
    sys.exit(main() or 0)
"#,
    ),
    // A program's endless loop that paces itself is a daemon's even when it
    // returns on a condition.
    Case::new(
        "agent/report.py",
        r#"
import sys
import time
import requests

def main():
    while True:
        resp = requests.post("https://collector.example.com/report")  # expect: RES001
        if resp.status_code == 410:
            return 1
        time.sleep(60)

if __name__ == "__main__":
    sys.exit(main() or 0)
"#,
    ),
    // A script's session opened in a `with` block and used only there is its
    // run's; one handed on serves whatever takes it.
    Case::new(
        "tubesync/backup_tool.py",
        r#"
import argparse
import asyncio
import aiohttp

async def backup_mode(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return await resp.text()

async def crawl_mode(url):
    async with aiohttp.ClientSession() as session:  # expect: RES001
        return await crawl(session, url)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("input")
    args = p.parse_args()
    asyncio.run(backup_mode(args.input))
    asyncio.run(crawl_mode(args.input))

if "__main__" == __name__:
    main()
"#,
    ),
    // A method the script's request handler calls too serves requests.
    Case::new(
        "app/users/dev_server.py",
        r#"
import requests
from flask import Flask

app = Flask(__name__)

class UserCreation:
    def __init__(self, domain):
        self.domain = domain

    def auth(self):
        return requests.post(f"{self.domain}/api/auth/", data={})  # expect: RES001

@app.post("/login")
def login():
    api = UserCreation("http://accounts")
    return api.auth().text

def main():
    api = UserCreation("http://localhost:8080")
    api.auth()
    app.run()

if __name__ == "__main__":
    main()
"#,
    ),
    // A notebook kept as a script (`# %%` cells) is run by hand, cell by cell.
    Case::new(
        "recipes/fine_tune/openai_nb.py",
        r#"
# %%
from openai import OpenAI

# %%
client = OpenAI()
job = client.fine_tuning.jobs.create(training_file="file-1", model="gpt-4o-mini")
"#,
    ),
    Case::new(
        "recipes/fine_tune/openai_job.py",
        r#"
# A module of the service, with a comment that mentions cells: %% not a marker.
from openai import OpenAI

client = OpenAI()  # expect: RES001
job = client.fine_tuning.jobs.create(training_file="file-1", model="gpt-4o-mini")
"#,
    ),
    // A client whose every request passes its own timeout is bounded per call;
    // one request without it leaves the client's default in force.
    Case::new(
        "app/agent.py",
        r#"
from openai import OpenAI

client = OpenAI()

def answer(q):
    return client.responses.create(model="gpt-4o", input=q, timeout=30)

def summarize(t):
    return client.responses.create(model="gpt-4o", input=t, timeout=60)
"#,
    ),
    // So is one whose requests each sit in a block with a deadline; one
    // request outside it leaves the session's 300 s default in force.
    Case::new(
        "app/tasks/analytics.py",
        r#"
import aiohttp
from asyncio import timeout

async def post_analytics(url, payload):
    async with aiohttp.ClientSession() as session:
        async with timeout(300):
            async with session.post(url, data=payload) as resp:
                return resp.status

async def post_twice(url, payload):
    async with aiohttp.ClientSession() as session:  # expect: RES001
        async with timeout(300):
            await session.post(url, data=payload)
        await session.post(url, data=payload)
"#,
    ),
    // So is a session opened in a `with` block whose requests each pass one.
    Case::new(
        "app/tools/online_search.py",
        r#"
import aiohttp

async def read_webpage(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url, timeout=60) as response:
            return await response.text()
"#,
    )
    .with_file(
        "app/tools/run_code.py",
        "import aiohttp\n\nasync def run(code):\n    async with aiohttp.ClientSession() as sandbox:  # expect: RES001\n        await sandbox.post(SANDBOX_URL, json={\"code\": code}, timeout=30)\n        return await sandbox.get(SANDBOX_URL + \"/result\")\n",
    )
    .with_file(
        "app/updater.py",
        "from aiohttp import ClientSession\n\nclass Updater:\n    async def config(self, url):\n        async with ClientSession(trust_env=True) as session:  # expect: RES001\n            return await session.get(url, **self._ssl_context_kwargs)\n",
    ),
    // A call that passes `**options` may carry the timeout: unknown, not missing.
    Case::new(
        "app/activities.py",
        r#"
from openai import AsyncOpenAI

async def call_openai(request):
    client = AsyncOpenAI(max_retries=0)
    args = {"model": request.model, "input": request.input, "timeout": 30}
    return await client.responses.create(**args)
"#,
    ),
    // A developer's script and a command-line tool are one-shot runs: a hang
    // shows to whoever runs them.
    Case::new(
        "dev/code-generation/gen_locales.py",
        r#"
import requests

class Crowdin:
    def projects(self):
        return requests.get("https://api.crowdin.com/api/v2/projects", headers=self.headers)
"#,
    ),
    Case::new(
        "src/app/cli.py",
        r#"
import click
import requests

@click.command()
def perf_test(url):
    requests.post(url, json={})
"#,
    ),
    // A script the container's HEALTHCHECK runs: the probe's timeout bounds it.
    Case::new(
        "docker/fetchstatus.py",
        r#"
import urllib.request

with urllib.request.urlopen("http://localhost:8000/api/v3/status/") as f:
    assert f.read() == b"OK"
"#,
    )
    .with_file(
        "docker/Dockerfile",
        "FROM python:3.12-slim\nCOPY docker/fetchstatus.py /app/\nHEALTHCHECK --interval=60s CMD ./fetchstatus.py\n",
    ),
    Case::new(
        "svc/jobs/locales.py",
        r#"
import requests

class Crowdin:
    def projects(self):
        return requests.get("https://api.crowdin.com/api/v2/projects", headers=self.headers)  # expect: RES001
"#,
    ),
    // Built on a pool or an HTTP client whose settings are made elsewhere.
    Case::new(
        "app/buffers.py",
        r#"
import httpx
from openai import OpenAI
from redis import Redis

def connect(pool):
    return Redis(connection_pool=pool)

llm = OpenAI(http_client=make_http_client())
plain = Redis(host="cache")  # expect: RES001
"#,
    ),
    // Through a wrapper, or from a factory the calls go through.
    Case::new(
        "app/traced.py",
        r#"
from langsmith.wrappers import wrap_openai
from openai import AsyncOpenAI

def _client() -> AsyncOpenAI:
    return AsyncOpenAI(max_retries=0)

async def answer(q):
    client = wrap_openai(AsyncOpenAI(max_retries=0))
    return await client.responses.create(model="gpt-4o", input=q, timeout=30)

async def triage(t):
    return await _client().chat.completions.create(model="gpt-4o", messages=t, timeout=30)
"#,
    ),
    Case::new(
        "app/factory.py",
        r#"
from openai import AsyncOpenAI

def _client() -> AsyncOpenAI:
    return AsyncOpenAI(max_retries=0)  # expect: RES001

async def triage(t):
    return await _client().chat.completions.create(model="gpt-4o", messages=t)
"#,
    ),
    Case::new(
        "app/summarize.py",
        r#"
from openai import OpenAI

client = OpenAI()  # expect: RES001

def answer(q):
    return client.responses.create(model="gpt-4o", input=q, timeout=30)

def summarize(t):
    return client.responses.create(model="gpt-4o", input=t)
"#,
    ),
    Case::new(
        "app/billing.py",
        r#"
import requests

def charge(url, body):
    return requests.post(url, json=body)  # expect: RES001
"#,
    ),
    Case::new(
        "app/aliases.py",
        r#"
import requests as rq
from requests import get as fetch

def a(u):
    rq.get(u)  # expect: RES001
    fetch(u)  # expect: RES001
"#,
    ),
    Case::new(
        "app/session.py",
        r#"
import requests

class Api:
    def __init__(self):
        self.http = requests.Session()

    def me(self):
        return self.http.get('/me')  # expect: RES001

def f():
    s = requests.Session()
    s.post('/x', timeout=None)  # expect: RES001
    with requests.Session() as s2:
        s2.get('/y')  # expect: RES001
"#,
    ),
    Case::new(
        "app/misc.py",
        r#"
import urllib.request
import requests
import aiohttp
import smtplib
import socket
import httpx

urllib.request.urlopen('http://x')  # expect: RES001
session = aiohttp.ClientSession()  # expect: RES001
smtplib.SMTP('mail')  # expect: RES001
socket.create_connection(('h', 1))  # expect: RES001
httpx.get('u', timeout=None)  # expect: RES001
httpx.Client(timeout=None)  # expect: RES001
# A subscription that reconnects waits for its next event by design…
while running:
    with httpx.stream('GET', 'https://node/v1/invoices/subscribe', timeout=None) as r:
        for line in r.iter_lines():
            handle(line)
    for event in requests.get('https://node/events', stream=True, timeout=None).iter_lines():
        handle(event)
# …a stream read once, like a request, does not.
with httpx.stream('GET', 'https://node/v2/router/track/1', timeout=None) as r:  # expect: RES001
    first = next(r.iter_lines())
requests.get('https://node/file.zip', stream=True)  # expect: RES001
import ftplib
ftplib.FTP('ftp.example.com')  # expect: RES001
ftplib.FTP('ftp.example.com', timeout=10)
"#,
    ),
    // A socket-level client built with no host and connected later with a
    // timeout keeps it; aiohttp 3's deprecated `read_timeout`/`conn_timeout`
    // still set one.
    Case::new(
        "server/outconn_ftp.py",
        r#"
import aiohttp
from ftplib import FTP, FTP_TLS

class Outconn:
    def connect(self):
        if self.use_ssl:
            out = FTP_TLS(context=self.tls_context)
        else:
            out = FTP()
        out.connect(self.host, self.port, timeout=60)
        out.login(self.username, self.password)
        return out

    def connect_untimed(self):
        out = FTP()  # expect: RES001
        out.connect(self.host, self.port)
        return out

    async def master(self):
        return aiohttp.ClientSession(conn_timeout=5, read_timeout=5)
"#,
    ),
    // A process-wide socket default set at start-up bounds every socket
    // created without its own timeout, in every module of the service…
    Case::new(
        "app/notify.py",
        r#"
import smtplib
import urllib.request
import requests
def send(msg):
    with smtplib.SMTP('mail') as s:
        s.send_message(msg)
def ping(url):
    return urllib.request.urlopen(url).read()
def hook(url):
    requests.post(url)  # expect: RES001
"#,
    )
    .with_file(
        "app/net.py",
        "import socket\nsocket.setdefaulttimeout(DEF_NETWORKING_TIMEOUT)\n",
    ),
    // …not a client with its own default (requests waits forever unless each
    // call passes `timeout=`); and `None` or `0` is no bound.
    Case::new(
        "svc/notify.py",
        r#"
import smtplib
def send(msg):
    with smtplib.SMTP('mail') as s:  # expect: RES001
        s.send_message(msg)
"#,
    )
    .with_file(
        "svc/net.py",
        "import socket\nfrom socket import setdefaulttimeout\nsocket.setdefaulttimeout(None)\nsetdefaulttimeout(0)\n",
    ),
    Case::new(
        "app/llm.py",
        r#"
from openai import OpenAI
import anthropic
from langchain_openai import ChatOpenAI

client = OpenAI()  # expect: RES001
claude = anthropic.Anthropic()  # expect: RES001
chat = ChatOpenAI(model='gpt-4o')  # expect: RES001
"#,
    ),
    Case::new(
        "app/cache.py",
        r#"
import redis

r = redis.Redis(host='cache')  # expect: RES001
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
import requests, httpx, aiohttp, boto3, functools, urllib.request, redis
from openai import OpenAI

def f(u, **kwargs):
    requests.get(u, timeout=5)
    requests.post(u, **kwargs)
    httpx.get(u)
    httpx.Client()
    aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
    boto3.client('s3')
    get = functools.partial(requests.get, timeout=5)
    get(u)
    urllib.request.urlopen(u, None, 10)
    redis.Redis(socket_timeout=5)
    OpenAI(timeout=30)
    session.get(u)
"#,
    ),
    Case::new(
        "tests/test_billing.py",
        r#"
import requests

def test_charge():
    requests.post('http://localhost:8000/charge')
"#,
    ),
    // In a whole repository (its `.git` in the scan), a module's function no
    // file names runs nowhere, memoized or not, nor one only a test names; one
    // a view calls, a decorated one (a route, a task) and a plain class (an
    // authentication backend a deployment's settings name) are reached.
    Case::new(
        "app/vendors.py",
        r#"
import smtplib
from functools import lru_cache

import requests

def get_lexile(isbn):
    return requests.get(f"https://api.example.com/lexile/{isbn}").json()

def export_catalogue(url):
    return requests.post(url, json={"all": True}).json()

@lru_cache(maxsize=1)
def get_smtp_server():
    return smtplib.SMTP("mail.example.com", 25)

def get_cover(isbn):
    return requests.get(f"https://covers.example.com/{isbn}").content  # expect: RES001

class SMTPBackend:
    def authenticate(self, request, username=None, password=None):
        return requests.post("https://auth.example.com/check", data={"u": username})  # expect: RES001
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "tests/test_vendors.py",
        "from app.vendors import export_catalogue\n\n\ndef test_export(server):\n    assert export_catalogue(server.url)\n",
    )
    .with_file(
        "app/views.py",
        "import requests\nfrom flask import Flask\nfrom app.vendors import get_cover\n\napp = Flask(__name__)\n\n@app.get(\"/covers/<isbn>\")\ndef cover(isbn):\n    return get_cover(isbn)\n\n@app.get(\"/ping/<host>\")\ndef ping(host):\n    return requests.get(f\"https://{host}/ping\").text  # expect: RES001\n",
    ),
    // Scanning part of a repository, what names a function may be out of sight.
    Case::new(
        "app/vendors.py",
        r#"
import requests

def get_lexile(isbn):
    return requests.get(f"https://api.example.com/lexile/{isbn}").json()  # expect: RES001
"#,
    ),
    // A session a getter makes on first use and returns: bounded when every
    // request through what the getter returns passes its own timeout; one
    // request without leaves it reported.
    Case::new(
        "app/clients/flow.py",
        r#"
from aiohttp import ClientSession, ClientTimeout


class FlowClient:
    def __init__(self, base):
        self.base = base
        self._session = None

    def _get_session(self):
        if self._session is None:
            self._session = ClientSession(trust_env=True)
        return self._session

    async def create(self, body):
        session = self._get_session()
        async with session.post(f"{self.base}/threads", json=body, timeout=ClientTimeout(total=20)) as r:
            return await r.json()

    async def delete(self, tid):
        async with self._get_session().delete(f"{self.base}/threads/{tid}", timeout=ClientTimeout(total=20)) as r:
            return r.status
"#,
    )
    .with_file(
        "app/clients/runs.py",
        "from aiohttp import ClientSession, ClientTimeout\n\n\nclass RunsClient:\n    def __init__(self, base):\n        self.base = base\n        self._session = None\n\n    def _get_session(self):\n        if self._session is None:\n            self._session = ClientSession()  # expect: RES001\n        return self._session\n\n    async def start(self, body):\n        session = self._get_session()\n        async with session.post(f\"{self.base}/runs\", json=body, timeout=ClientTimeout(total=20)) as r:\n            return await r.json()\n\n    async def stream(self, rid):\n        session = self._get_session()\n        async with session.get(f\"{self.base}/runs/{rid}/stream\") as r:\n            return await r.text()\n",
    ),
    // A helper defined inside a deadline block runs inside it: the block's
    // own code calls it. One defined outside any such block is not bounded.
    Case::new(
        "client/aio.py",
        r#"
import aiohttp
import async_timeout


async def request(url, timeout=60, **kwargs):
    async with aiohttp.ClientSession() as session:
        async with async_timeout.timeout(timeout):

            async def request_helper():
                async with session.request("GET", url, **kwargs) as resp:
                    return await resp.json()

            return await retry_async(request_helper)


async def download(url):
    async with aiohttp.ClientSession() as session:  # expect: RES001

        async def fetch():
            async with session.get(url) as resp:
                return await resp.read()

        return await retry_async(fetch)
"#,
    ),
    // Code only a hand-run program of a tooling directory reaches (a
    // `scripts/` runner with its `__main__` guard, looping over its items) is
    // a run by hand too. A request handler stays one whatever such a program
    // calls by its name (`semaphore.release()` is no call of the `release`
    // route).
    Case::new(
        "app/review/resolver.py",
        r#"
import requests

URL = "https://phabricator.example.com/api/differential.diff.search"


class Resolver:
    def fetch_diff(self, diff_id):
        return requests.post(URL, data={"id": diff_id}).json()

    def resolve_all(self, ids):
        return [self.fetch_diff(i) for i in ids]
"#,
    )
    .with_file(
        "scripts/resolve_runner.py",
        "import asyncio\n\nfrom app.review.resolver import Resolver\n\n\ndef main():\n    tool = Resolver()\n    semaphore = asyncio.Semaphore(4)\n    for batch in [[1, 2], [3]]:\n        tool.resolve_all(batch)\n        semaphore.release()\n\n\nif __name__ == \"__main__\":\n    main()\n",
    )
    .with_file(
        "app/api/system.py",
        "import requests\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.post(\"/release/\")\nasync def release():\n    return requests.get(\"https://api.github.com/repos/o/r/releases/latest\").json()  # expect: RES001\n",
    ),
    // A helper every caller runs under a deadline that cancels it
    // (`asyncio.wait_for(fetch_feed(url), timeout)`, a `with
    // anyio.fail_after(…)` block), in whichever file: bounded. One caller
    // that does not wrap it leaves the other helper's call reported.
    Case::new(
        "app/web/req.py",
        r#"
import aiohttp


async def fetch_feed(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return await resp.text()


async def fetch_icon(url):
    async with aiohttp.ClientSession() as session:  # expect: RES001
        async with session.get(url) as resp:
            return await resp.read()
"#,
    )
    .with_file(
        "app/monitor.py",
        "import asyncio\n\nimport anyio\n\nfrom app.web.req import fetch_feed, fetch_icon\n\n\nasync def poll(url):\n    return await asyncio.wait_for(fetch_feed(url), 30)\n\n\nasync def refresh(url):\n    with anyio.fail_after(10):\n        await fetch_feed(url)\n    await asyncio.wait_for(fetch_icon(url), 5)\n",
    )
    .with_file(
        "app/icons.py",
        "from app.web.req import fetch_icon\n\n\nasync def icon(url):\n    return await fetch_icon(url)\n",
    ),
    // A `with` block whose context manager is a client given a timeout
    // (`aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(…))`) bounds that
    // client's requests, not every function called inside it.
    Case::new(
        "app/alerts.py",
        r#"
import requests


def notify_slack(text):
    requests.post("https://hooks.slack.com/services/T/B/X", json={"text": text})  # expect: RES001
"#,
    )
    .with_file(
        "app/digest.py",
        "import aiohttp\n\nfrom app.alerts import notify_slack\n\n\nasync def send_digest(url):\n    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:\n        async with session.get(url) as resp:\n            notify_slack(await resp.text())\n",
    ),
    // In a whole repository, a method of a plain class that no file names
    // runs nowhere; one another file calls, one of a class deriving from
    // another (an override its base calls) and a hook a framework calls on
    // a plain class by convention (a middleware's `process_request`) are
    // reached.
    Case::new(
        "app/clients/repo.py",
        r#"
import requests

class RepoClient:
    def load_repo_to_tmp_dir(self, url):
        return requests.get(url).content

    def get_pr_diff(self, pr):
        return requests.get(pr.diff_url).text  # expect: RES001

class Auditor(Base):
    def collect_findings(self, url):
        return requests.get(url).json()  # expect: RES001

class RequestLogger:
    def process_request(self, request):
        requests.post("https://audit.example.com/log", json={"path": request.path})  # expect: RES001
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "app/review.py",
        "from celery import shared_task\n\nfrom app.clients.repo import RepoClient\n\n\n@shared_task\ndef review(pr):\n    return RepoClient().get_pr_diff(pr)\n",
    )
    .with_file(
        "tests/test_repo.py",
        "from app.clients.repo import RepoClient\n\n\ndef test_load(server):\n    assert RepoClient().load_repo_to_tmp_dir(server.url)\n",
    ),
    // A module no file imports, in a directory whose other modules are
    // imported by name (a registry lists them): nothing runs it.
    Case::new(
        "vulnfeeds/importers/legacy_oval.py",
        r#"
import requests


class LegacyOvalImporter:
    def fetch(self, url):
        return requests.get(url).content
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "vulnfeeds/importers/__init__.py",
        "from vulnfeeds.importers import alpine_feed, debian_feed\n\nREGISTRY = [alpine_feed.Importer, debian_feed.Importer]\n",
    )
    .with_file(
        "vulnfeeds/importers/alpine_feed.py",
        "class Importer:\n    name = 'alpine'\n",
    )
    .with_file(
        "vulnfeeds/importers/debian_feed.py",
        "class Importer:\n    name = 'debian'\n",
    ),
    // The same directory loaded by computed names (`import_module`): every
    // module of it may run.
    Case::new(
        "vulnsync/sources/legacy_oval.py",
        r#"
import requests


class LegacyOvalImporter:
    def fetch(self, url):
        return requests.get(url).content  # expect: RES001
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "vulnsync/sources/__init__.py",
        "import importlib\n\nfrom vulnsync.sources import alpine_feed, debian_feed\n\n\ndef load(name):\n    return importlib.import_module('vulnsync.sources.' + name)\n",
    )
    .with_file(
        "vulnsync/sources/alpine_feed.py",
        "class Importer:\n    name = 'alpine'\n",
    )
    .with_file(
        "vulnsync/sources/debian_feed.py",
        "class Importer:\n    name = 'debian'\n",
    ),
    // A directory most of whose modules no file names (plugins a loader
    // finds, whatever it is): none of them is taken for dead.
    Case::new(
        "syncd/connectors/legacy_sync.py",
        r#"
import requests


def pull(url):
    return requests.get(url).json()  # expect: RES001
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file("syncd/base.py", "from syncd.connectors import github_sync\n")
    .with_file("syncd/connectors/github_sync.py", "def pull(url):\n    return url\n")
    .with_file("syncd/connectors/gitlab_sync.py", "def pull(url):\n    return url\n"),
    // A session made for the one request chained on it, which passes its
    // own timeout; one that passes none is reported.
    Case::new(
        "sandbox/stop.py",
        r#"
import aiohttp


async def stop(sandbox_url):
    await aiohttp.ClientSession().get(f"{sandbox_url}/stop", timeout=5)


async def reset(sandbox_url):
    await aiohttp.ClientSession().post(f"{sandbox_url}/reset")  # expect: RES001
"#,
    ),
    // A session a property makes on first use (kept per event loop), whose
    // every request through the property passes its own timeout.
    Case::new(
        "daemons/jsonrpc.py",
        r#"
from asyncio import get_event_loop

from aiohttp import ClientSession, ClientTimeout


class RPCProxy:
    def __init__(self, url):
        self.url = url
        self._sessions = {}

    @property
    def session(self):
        loop = get_event_loop()
        session = self._sessions.get(loop)
        if session is not None:
            return session
        self._sessions[loop] = ClientSession()
        return self._sessions[loop]

    async def raw_request(self, method, **kwargs):
        async with self.session.post(f"{self.url}/{method}", json=kwargs, timeout=ClientTimeout(total=300)) as r:
            return await r.json()

    async def notify(self, method, **kwargs):
        async with self.session.post(f"{self.url}/notify", json=kwargs, timeout=ClientTimeout(total=30)) as r:
            return r.status
"#,
    ),
    // The same property, one of whose requests passes no timeout.
    Case::new(
        "daemons/rpc_untimed.py",
        r#"
from asyncio import get_event_loop

from aiohttp import ClientSession, ClientTimeout


class RPCProxy:
    def __init__(self, url):
        self.url = url
        self._sessions = {}

    @property
    def session(self):
        loop = get_event_loop()
        session = self._sessions.get(loop)
        if session is not None:
            return session
        self._sessions[loop] = ClientSession()  # expect: RES001
        return self._sessions[loop]

    async def raw_request(self, method, **kwargs):
        async with self.session.post(f"{self.url}/{method}", json=kwargs, timeout=ClientTimeout(total=300)) as r:
            return await r.json()

    async def notify(self, method, **kwargs):
        async with self.session.post(f"{self.url}/notify", json=kwargs) as r:
            return r.status
"#,
    ),
    // A synchronous client called straight from a coroutine blocks its event
    // loop: the impact says so.
    Case::new(
        "testlists/routes/health.py",
        r#"
from urllib.request import urlopen

from fastapi import APIRouter

router = APIRouter()


@router.get("/health")
async def health():
    response = urlopen("http://fastpath:8000/health")  # expect: RES001
    return {"fastpath": response.status}
"#,
    ),
    // A task of another workflow engine than Celery (`from prefect import
    // task`) is named for its engine in the impact.
    Case::new(
        "pipeline/src/flows/areas.py",
        r#"
import requests
from prefect import flow, task


@task(retries=2)
def extract_areas(url):
    return requests.get(url).json()  # expect: RES001


@flow(name="Areas")
def areas_flow(url):
    extract_areas(url)
"#,
    ),
    // In a whole repository, a method only dead code calls is dead too: a
    // client's `create_grant` call reaches it only from a service method
    // only tests call. The service's other method, which a view calls,
    // keeps its client method reached.
    Case::new(
        "app/purchase/endaoment_client.py",
        r#"
import requests


class EndaomentClient:
    def __init__(self, base):
        self.base = base

    def create_async_grant(self, body):
        return requests.post(self.base + "/grants", json=body)

    def create_async_transfer(self, body):
        return requests.post(self.base + "/transfers", json=body)  # expect: RES001
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "app/purchase/endaoment_service.py",
        "from app.purchase.endaoment_client import EndaomentClient\n\n\nclass EndaomentService:\n    def __init__(self):\n        self.client = EndaomentClient(\"https://api.endaoment.org\")\n\n    def create_grant(self, body):\n        return self.client.create_async_grant(body)\n\n    def transfer_funds(self, body):\n        return self.client.create_async_transfer(body)\n",
    )
    .with_file(
        "app/purchase/views.py",
        "from app.purchase.endaoment_service import EndaomentService\n\n\ndef contribute(request):\n    return EndaomentService().transfer_funds(request.json)\n",
    )
    .with_file(
        "tests/test_endaoment.py",
        "from app.purchase.endaoment_service import EndaomentService\n\n\ndef test_grant():\n    EndaomentService().create_grant({})\n",
    ),
    // A Redis client on a Unix socket talks to a process on this machine:
    // no network lies between them. One on a host does.
    Case::new(
        "lookup/context.py",
        r#"
from redis import Redis


def socket_path(name):
    return f"/run/valkey/{name}.sock"


class Context:
    def __init__(self):
        self.cache = Redis(unix_socket_path=socket_path("cache"), db=1)
        self.index = Redis.from_url("unix:///run/valkey/index.sock")
        self.shared = Redis(host="redis.internal", port=6379)  # expect: RES001
"#,
    ),
    // An AWS Lambda handler's module: the platform stops each invocation at
    // the function's timeout. A web app's module with the same call is
    // reported.
    Case::new(
        "ops/lambda/code/slack_lambda.py",
        r#"
import json
import urllib.request


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode())
    return urllib.request.urlopen(req)


def lambda_handler(event, context):
    for record in event["Records"]:
        post("https://hooks.slack.com/services/T/B/X", {"text": record["Sns"]["Message"]})
"#,
    )
    .with_file(
        "web/notify.py",
        "import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.post(\"/notify\")\ndef notify():\n    requests.post(\"https://hooks.slack.com/services/T/B/X\", json={})  # expect: RES001\n    return \"ok\"\n",
    ),
];
