//! RES001 outbound-call-without-timeout.

use crate::semantic::KindName as _;
mod dart;
mod go;
mod jvm;
mod python;
mod rust;
mod ts;

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::model::interaction::Impact;
use crate::semantic::fields::Field;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct OutboundCallWithoutTimeout;

static META: Meta = Meta {
    id: "RES001",
    name: "outbound-call-without-timeout",
    pillar: Pillar::Resilience,
    severity: Severity::High,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Java, Family::Rs, Family::Ts, Family::Kt, Family::Dart],
    refs: &["F1", "TEST-RR-T01"],
    title: "Outbound HTTP call has no timeout",
    preview: false,
    docs: Docs {
        what: "Flags outbound network calls, and HTTP clients constructed, with no timeout where the \
library's default is to wait forever (HIGH) or for minutes (MEDIUM): `requests` and its sessions, \
`urllib.request.urlopen`, `httpx` with an explicit `timeout=None`, `aiohttp.ClientSession` (300 s), \
redis-py before 8 (LOW), `smtplib`/`ftplib`/`socket.create_connection`, OpenAI/Anthropic \
clients (600 s), LangChain chat models (`ChatOpenAI`, `ChatAnthropic`: no timeout, as they pass `timeout=None` to the SDK); Go `http.Get`/`http.DefaultClient` and `http.Client{}` without `Timeout`; Java/Kotlin \
`HttpClient.newHttpClient()`, builders without `connectTimeout`, `new RestTemplate()`, \
`HttpClients.createDefault()`, `url.openConnection()` without both timeouts (not a class's own \
`openConnection(url, user, password)` helper, nor a classpath resource from `getResource`); Rust \
async `reqwest`; \
Node `fetch` without a `signal` (300 s) and `axios` without `timeout`.\n\n\
Not flagged — the setting is set or unknown, not missing: options passed through \
`**kwargs`/spread or an unknown object, a parameter named like a module (`def parse(self, url, requests)`: whatever session the caller hands in), a Go client whose `Transport` is built elsewhere or sets \
`ResponseHeaderTimeout`, a Go client handed to a generated RPC client's constructor (connect-go's \
`xv1connect.NewXServiceClient(&http.Client{}, url)`, also with `Timeout: 0`: each call takes its caller's context), `http.DefaultClient.Do(req)` on a request made with \
`http.NewRequestWithContext` (the context may carry a deadline), a Go client whose requests are built on a \
`context.WithTimeout` context in its function or by the file's request builder it calls (`req, cancel, err := \
createPostRequest(ctx, …)`), or, kept in a struct field (`httpClient: &http.Client{}`, also through a variable: `httpClient := &http.Client{}` then \
`httpClient: httpClient`) or a package variable (`var HTTPClient = &http.Client{…}`), sent through only by functions of the file that build each request on such a context, \
or only by functions that build each request on the context they are handed where every caller of each, in whichever file, hands one with a deadline \
(a function handing the field on to a helper that sends, `doWithRetry(ctx, w.httpClient, req)`, sends through it; one handing its context on to a function \
of its own name, `n.slack.Notify(ctx, …)` in `Notify`, is bounded by its own callers; Go's names are told apart by case, and a call through a standard \
library package, `signal.Notify(ch)`, is never the project's); \
an Apache `HttpClients.createDefault()` whose request gets a `RequestConfig` with timeouts (`httpMethod.setConfig(…)`, in the method or a helper of the file it calls); \
`fetch(request)` where `request` is a `new Request(url, { signal })`; a `fetch` given an undici `dispatcher` built \
with `headersTimeout` or `bodyTimeout` (in the call, in a local, or in a field of its class: `this.agent = new Agent({ headersTimeout })`; \
a dispatcher from elsewhere, most often a proxy or an SSRF guard, keeps undici's defaults and is flagged); a call inside a deadline wrapper \
(`tokio::time::timeout`, `asyncio.wait_for`, `pTimeout`, Dart `.timeout(…)`, a `Promise.race` \
against a timer) or a Python `with` \
block that puts a deadline on its body (`eventlet.Timeout`, `gevent.Timeout`, `asyncio.timeout`, \
`anyio.fail_after`, trio's `move_on_after`; a helper defined inside such a block and run there counts too), \
a function every caller, in whichever file, runs inside such a wrapper or block (`asyncio.wait_for(fetch_feed(url), 30)`, \
`timeout(d, fetch_status(url))`: Python's, Rust's and Kotlin's cancel what they bound; a script's race against a timer \
and Dart's `.timeout` only stop waiting, so the request goes on and is still reported there), \
a Go function building its requests on the context it is handed where every caller hands it one with a deadline \
(`ctx, cancel := context.WithTimeout(…)` then `deliver(ctx, …)`, in whichever file, directly or through functions only such callers run), \
a JDK `HttpClient` whose every `HttpRequest` in the file sets its own `.timeout(…)` (a base builder copied per request \
counts), or that is handed to a class of the project whose file gives every request one, a reqwest builder \
given `.timeout(…)` in a branch, a throwaway reqwest client whose one chained request carries `.timeout(…)` \
(`Client::new().post(url).timeout(d).send()`), a local reqwest client (`Client::new()`, or from a builder: `.build()?`) whose every request in the function carries its own \
`.timeout(…)`, in its chain or on the builder it is kept in (`let mut builder = client.post(url)…; builder.timeout(d).send()`), or is sent inside a `timeout(d, client.get(url).send())` call, \
a Python `FTP()`/`SMTP()` connected later with one (`out.connect(host, port, timeout=60)`), aiohttp 3's deprecated `ClientSession(conn_timeout=…, read_timeout=…)`, \
a Go client returned beside an error (`return &http.Client{}, err`: a placeholder its callers drop), \
a client whose comment says it goes without a timeout on purpose, above the call, above the field that turns it off (`// Timeout: 0 is safe for SSE because …`) \
or in its function's docstring or doc comment (\"used for blocking stream reads, so it must not carry any socket timeout\"), \
an `axios.create()` instance whose every request in the file passes its own `timeout` (`this.pollConnection.get(url, { timeout })`), a Go client whose `Transport` dials a Unix socket (`DialContext` to \
`\"unix\"`: a process on this machine answers), a redis-py client on a Unix socket (`Redis(unix_socket_path=…)`, `Redis.from_url(\"unix://…\")`), \
a reqwest client handed to a telemetry exporter's builder (`.with_http_client(client)`: its batch processor races each export against `max_export_timeout`), \
a serverless function's module (a top-level `lambda_handler(event, context)` or `handler = async (event, context) =>`, a Java class implementing AWS Lambda's \
`RequestHandler`/`RequestStreamHandler`: the platform stops each invocation at the function's timeout), `functools.partial(requests.get, timeout=…)`, a TS/JS module that only client code imports (`.tsx` components, browser \
modules, by relative path or through a `tsconfig.json`/`jsconfig.json` `paths` alias, directly or through modules \
only such code imports: it runs in the browser; a package with a browser-only library, `js-cookie` or `sass`, and no \
server is browser code too; a \
Next.js App Router page or component is server code unless it says `'use client'` or calls a hook), a `fetch` of \
one of the application's own API routes (`` `${process.env.APP_URL}/api/jobs/…` `` where the project defines \
`pages/api/jobs/…` or `app/api/jobs/…/route.ts`: the dependency is the same deployment, reported at its own \
outbound calls), a script request for a path one of the service's own registered routes serves, on a base URL the code \
does not write out (`` this._homeApiUrl + `/api/docs/${id}` `` or `` await getHomeUrlByDocId(id, `/api/docs/${id}`) `` where \
`app.delete(\"/api/docs/:docId\", …)`, at least two segments written out alike; a catch-all a service mounts, `/api/auth/*splat`, \
says nothing of which paths it serves), a request to this very process over the loopback interface (`axios.get(serverUrl + \
'/users/me')` where `serverUrl` is, through the file's variables or an exported constant, `'http://localhost:8080/app'` and \
the service listens on 8080: a Parse Server mounted in its own Express app; in Python, \
`requests.post(f\"http://localhost:{PORT}/api/alerts\")` where a server of the service starts with `app.run(port=PORT)`; \
a loopback URL on another port is a sidecar, and flagged), a function every call of which, in its module and the modules importing it, starts it and \
goes on (`track(…).catch(…)`, `void track(…)`, the body of a timer's arrow, `setInterval(() => track(…).catch(…), ms)`: nothing waits on it), and so a request itself started and left \
(`fetch(url).then(…).catch(…);`), a Python subscription stream given `timeout=None` \
in a loop that reconnects (`client.stream(\"GET\", url, timeout=None)`, `stream=True`: it waits for \
its next event by design), httpx's 5 s default, boto3 (60 s and \
retries), OkHttp (10 s), the blocking reqwest client (30 s), a script a container's `HEALTHCHECK` runs (the probe's timeout bounds it), code checking health or readiness outside a request handler \
(a file or function named for it, or lines saying so: `Commands::Healthcheck`, `healthcheck_url`) where a Dockerfile `HEALTHCHECK` or a compose healthcheck runs \
a health subcommand of the project's own program (`lldap healthcheck`, `unleash-edge health`, `-healthcheck`; not `curl` or `wget`), and test code (test files, Go helpers that take a `*testing.T`, Go test-helper packages: \
named `…test` and importing `testing`, like `httptest`, and test support wherever it sits: a Python module importing `pytest` \
(a pytest plugin's fixtures), code driving throwaway containers (ory/dockertest, Testcontainers) and a Rust crate whose own dependencies bring them, a JS test runner's API, Cucumber's step definitions).\n\nNot flagged: a call made in a one-shot run — a program's `main` and the helpers only it \
calls (in any file of the service, through any number of calls, and not from a loop), a script's module-level code (`if __name__ == \"__main__\"`, calling `main()` as a statement or in `sys.exit(main() or 0)`, a `#!…python` program with no class: a \
test-data seeding script, an argument-dispatching command-line script and the helpers it defines; or a flat script with no function \
or class whose top-level code prints its results: an API usage example) and the functions and methods of its own classes only that code runs (`api = UserCreation(…); api.auth()`), a notebook kept as a \
script (it opens with a `# %%` cell or Jupytext's header), an example's start-up, \
a command-line command (click/typer/flask-script `@cli.command()`, a Django management command no code runs \
through `call_command` and no process file runs (`./manage.py perf_sheriff` in an entrypoint script or a Procfile \
is the service's scheduled work, and reported), a cobra `Run:`/urfave `Action:` (in the literal, or assigned: `credsCmd.RunE = runCreds`), a Go program's function its `main` keeps in a variable and runs (`commandF = doVars`; not a request handler) or the project's own command package built the same way (`&cli.Command{Action: run}`), a Dropwizard or picocli command, a program of a tooling directory: `scripts/resolve_runner.py` with its `__main__` guard, or a Python script that \
defines nothing and runs its steps from the top, printing what it did: `helpers.add_bundle(…)` then `print(…)`, or a \
module named for the command line run as a program: `db_cli.py` with its `__main__` guard; the clients such a program, or a \
command (a cobra `Run:`, a click command) in a file that starts no server, builds live for its run wherever it hands them) \
and what only commands \
call, even over a loop of items (a Python module's function by the calls that can be of it: through its module, \
`_api.upsert(…)` after `from fides.core import api as _api`, or by its bare name, a few modules deep; another object's \
method of the same name, `queue.push(item)` in a view, is not its caller; a function also handed to a call as a value, \
`Thread(target=set_official)`, has callers the code does not show, and is never one-shot), and an npm package that declares `bin` and depends on no server or UI framework — whose \
hang shows to whoever runs it (a client built there for the service to use is still flagged, unless the run only \
calls methods on it itself); code that runs in a browser although its package serves (a service or web worker, a RequireJS \
`define(…)` module, a function handed to a headless page's `page.evaluate`); code on an edge runtime, whose platform \
isolates each invocation (a module exporting `runtime = 'edge'` or the pages router's `config = { runtime: 'edge' }`, a Cloudflare Worker: a `wrangler.toml`/`wrangler.json` beside \
its `package.json`); a client or call whose comment says it goes without a timeout on purpose (`// Build the SSE \
client without timeout (for long-lived connections)`; a `TODO`/`FIXME` or a warning about the hang is not a decision); a module's function nothing can call \
(not exported, named only in other such functions), and a Python class-private method (`def __stream_names(self)`) its module never names again; \
in a scan of a whole repository (its `.git` among the paths), code no other file names: a top-level function, a script class that derives from nothing, \
an undecorated method of a decorated script class that derives from nothing (a NestJS service; not a hook the framework calls, `onModuleInit`, `canActivate`), \
a method of a plain Python class (not a hook frameworks call on such classes: `process_request`, `authenticate`, `db_for_read`) \
or a Rust inherent method, undecorated, outside a package's `__init__.py`/`index` module, a library and the names frameworks call by convention \
(`main`, `handler`, `GET`, gunicorn's `post_fork`), whose name no other file of the repository holds (test code does not count, reported or not; nor does the definition's own doc comment), \
or whose every other mention is a call made by such a definition (`create_async_grant` called only by `EndaomentService.create_grant`, which only tests call) — \
it is dead in production, and a scan of part of a repository does not decide it; likewise a Python or script module (a script one that exports something; not a program with a `__main__` guard, not one that makes a call at its top level, `register(Runner)`, not a name loaded by convention, `tasks`, `views`, nor in a directory frameworks scan, `commands/`, `migrations/`, `dags/`, `plugins/`, `pages/`, `api/`) that no other file names, neither the code nor the manifests, process files and `setup.cfg` (entry points), while most of the other modules of its directory are named elsewhere: they are imported by name and it is not, unless a file loading modules by computed name (`import_module`, `readdirSync`) holds the directory's name; a Go package only command-line programs build from that run once and exit: no package any of them builds from serves (`ListenAndServe`, handlers, a router), waits for a signal, ticks, subscribes or loops without end, and no other code imports it (its methods excepted, which a framework handed a value may call for as long as it runs); a Rust module of a crate \
with programs that only its one-shot programs reach by the paths their files write (`use torrent_index::api::client::Http` in \
`src/bin/seeder.rs`, then `crate::…`, `super::…`, a group reaching every module below it), none of whose files serves, listens, \
spawns, loops for good or waits for a signal, and that no other file's paths lead to; axios given a `signal`, `fetch(new Request(url, incoming))`; \
Rust code compiled only with a feature named for tests (`#[cfg(feature = \"test_util\")]`); a \
call only queue jobs with a time limit run, directly or through helpers only they call \
(a plugin's `run` the job starts through its base class, and the methods that `run` calls on `self`; \
`@job(\"queries\", timeout=30)` in RQ, and any RQ job not given `timeout=-1`, which runs under RQ's 180 s default: \
a `@job`, a function handed to `queue.enqueue(f)`, `enqueue_in`/`enqueue_at`/`enqueue_call` or rq-scheduler's `cron`/`schedule`, \
or passed by keyword (`function=f`) to the project's own wrapper that hands that parameter to RQ; `@app.task(time_limit=300)` in Celery, \
and any Celery task (`@app.task`, `@shared_task`) not given `time_limit=None` in a service whose Celery configuration sets \
`task_time_limit`): the job is killed \
when the call stalls; code \
retired into a `deprecated/` or `obsolete/` directory; example, sample, demo, docs and benchmark code \
(`examples/`, `dubbo-samples-*/`, `demo/`, `docs/`, `benches/`), which nobody deploys as it is (in a repository of samples, `samples-go`, \
the samples are what its owners publish, and reported), unless the call \
sits in a loop that never ends (a heartbeat sample: one stalled call silences it for good) — on real code, a reader's copy of \
an example is not a finding its owners act on; code \
in a directory of tooling — `scripts/`, `dev/`, `hack/`, `devtools/`, `benchmarks/`, `benches/`, `evaluation/`, `evals/`, `cli/`, `*cli/` (`svix-cli/`, `symbolicli/`), `migrations/`, \
code generators (`*-gen/`, `*_gen/`, `codegen/`), `scripts-dev/`, `dev-scripts/` and the like, Rust's `xtask/`, Pants's `pants-plugins/`, and \
`tools/`, `extra/`, `extras/`, `qa/` and, for Python and JS/TS scripts, `bin/` at the top of the project — a module named `cli`, a benchmark \
(`benchmark_*.py`, `bench_*.go`), a pyinvoke tasks file (`from invoke import task`) or an Alembic migration \
(`from alembic import op`, wherever its `versions/` sits), which runs \
when a person starts it or a deploy runs it once, unless the call sits in a loop that never ends, or in a helper of the file that \
such a loop calls and no `break` or `return` leaves (`loop { update_webclient(&state).await; sleep(d).await }`) (a daemon's; a `while True` \
that breaks out, or that returns without pacing itself (a search that returns what it finds), a pagination, a loop whose condition counts to a limit, a loop running while a flag its own body sets (`while should_continue:`), ends); and a \
Python client whose every request in the file (in its `with` block, for a session opened there; in its function, for a \
local not handed on, returned or stored; closing it sends nothing) passes its own `timeout=` \
or sits in a block with a deadline (`async with asyncio.timeout(300):`); a call through the \
global `axios` or Go's `http.DefaultClient` in a service that sets `axios.defaults.timeout` or \
`http.DefaultClient.Timeout` (to anything but zero), or replaces `http.DefaultClient` with a client that has a `Timeout`, in any of its files; \
a `fetch` given no dispatcher of its own in a service that replaces undici's global dispatcher with an `Agent` whose \
`headersTimeout`, written out, is shorter than undici's 300 s (`setGlobalDispatcher(new Agent({ headersTimeout: 30 * 1000 }))`; a \
longer wait, or one computed elsewhere, is no bound for a request path, and the call is still flagged); \
Python's socket-level clients (`urlopen`, `smtplib`, `ftplib`, `socket.create_connection`) in a service that sets \
`socket.setdefaulttimeout(…)` (to anything but `None` or zero) in any of its files (requests is still flagged: it \
turns that default off); requests calls in a service that replaces `requests.Session.send` or `Session.request` (or `HTTPAdapter.send`) with a \
function that fills in a timeout; a requests session call whose session (the same name in the same class, or \
what a getter of that name returns) has a transport adapter of the service mounted on a prefix covering its URL \
(`session.mount(self.api_url, TimeoutHTTPAdapter(15, 3))`, an `HTTPAdapter` subclass whose `send` fills in a \
timeout): a URL built from that prefix, or one the file cannot see, is covered; one built on another base \
(`f\"{self.base_url}/token\"`) is not; a `fetch` that is a local binding (a parameter, a destructured context member, a \
wrapper declared in the file), not the global; a request in an async function started and left on the spot \
(`(async () => {…})();`), which nothing waits for; a Go `http.DefaultClient.Do(req)` whose request carries a context \
(`http.NewRequestWithContext(ctx, …)`, `req = req.WithContext(ctx)`, or built by a helper handed `ctx`), whose deadline \
is unknown here, and one handed in as a parameter (`func (c *Client) do(req *http.Request)`) whose callers in the file \
build it on a context, or whose callers the file does not show; a Go client kept in a struct field whose `Timeout` the file \
sets through that field (`c.Client.Timeout = c.Timeout`); a Rust reqwest client kept in a struct field, or built by a private \
getter (`fn client() -> &'static Client`, a `OnceLock` filled once) that no function keeps or hands on, whose every \
request in the file (outside tests) is wrapped in `tokio::time::timeout(…)` or given `.timeout(…)`, or whose every sending \
function (found through `?`, `.expect(…)` and either arm of an `if`: `Self { client: ctor? }`) is called, in whichever file, only \
inside `timeout(d, consul.agent_services())`; a Go client a getter \
returns (`n.client().Do(req)`) counts like one kept in a struct field; a Go file built only \
with a development tag (`//go:build debug`, `e2e`, `integration`): never part of a release; Rust items compiled only into tests or debug builds (`#[cfg(test)]`, `#[cfg(debug_assertions)]`, a feature named for tests, also on a module declaration: `#[cfg(feature = \"test-harness\")] pub mod test_harness;`); \
redis where the project pins redis 8 or later (`requirements*.txt`, a `requirements/` directory's `.txt` files, `pyproject.toml`) or a lock file (uv, Poetry, Pipfile) resolves it; node-fetch given a `timeout` option \
where the project declares node-fetch 2 (which honours it; node-fetch 3 ignores it, and is flagged) or does not say which, and \
cross-fetch (built on node-fetch 2) given one; a Go package only `_test.go` files import (clients and servers an \
integration test keeps beside it), or that nothing imports and whose directory is mostly tests (a test suite's \
client, `fvt/sdk.go` beside `fvt/*_test.go`) in a module that builds a program, which is test code; a Rust library \
crate no crate the workspace's programs build depends on (only a dev-dependency, or nothing; not a `cdylib` another \
runtime loads), which runs in no deployed program; a JavaScript workspace package only browser apps depend on (an API \
client a Vite, React Native or Tauri app bundles; not one a Next.js or Nuxt app uses, whose server runs it too), which \
is client code; an axios request whose `cancelToken` a timer the function arms cancels, like an abort signal; a Rust \
client bound to a local the constructor stores (`let client = Client::new(); Self { client, … }`) counts like one built \
in the field; a Python client built on a \
pool or HTTP client made elsewhere (`Redis(connection_pool=pool)`, `OpenAI(http_client=…)`), whose \
settings govern; a Python client that every call reaches through a wrapper (`wrap_openai(OpenAI())`) or a factory (`def _client(): \
return OpenAI()`) passing `timeout=`; a `fetch` of a static file by its extension (a font, an \
image, a stylesheet); and code that fetches a root-relative path (`fetch('/api/…')`), which only a \
browser can resolve.\n\nWhere a script or Python project has its own bounded helper (a function named for a \
timeout that makes the call itself, like `fetchWithTimeout`), the fix of a call made outside it names the helper \
and where it is; otherwise the fix names where the project already bounds the same client (in the same \
file first).",
        why: "A call with no timeout waits as long as the peer lets it. When a dependency stalls \
(not fails — stalls), every worker that calls it hangs, the pool drains, and the service stops \
answering even though it is healthy. The hang looks like an outage of your service, not of the \
dependency, and retries never start because nothing ever fails.",
        example: "import requests\n\ndef charge(order):\n    return requests.post(BILLING_URL, json=order.payload())",
        use_instead: "import requests\n\ndef charge(order):\n    return requests.post(BILLING_URL, json=order.payload(), timeout=(3.05, 30))",
    },
};

impl Rule for OutboundCallWithoutTimeout {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Call, Event::New]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // Tests call fakes and local servers on purpose.
        if cx.in_test_code() {
            return;
        }
        let Some(i) = cx.m.interaction_at(node) else {
            return;
        };
        if !i.timeout_missing() {
            return;
        }
        // A request in an async function started on the spot and left
        // (`(async () => { await fetch(…) })();`): nothing waits for it.
        if cx.m.lang.family() == crate::lang::Family::Ts
            && i.api.shape != crate::model::interaction::Shape::Client
            && cx.function().is_some_and(|f| {
                matches!(
                    f.node.kind_name(),
                    "arrow_function" | "function_expression" | "function"
                ) && f.outer[0].is_some_and(|p| p.kind_name() == "parenthesized_expression")
                    && f.outer[1].is_some_and(|c| {
                        c.kind_name() == "call_expression"
                            && crate::semantic::ts::started_and_left(c, cx.m.src)
                    })
            })
        {
            return;
        }
        // The owner has written down that this client or call goes without a
        // timeout, and why (a stream, a large transfer): a decision, not an
        // oversight.
        if documented_without_timeout(cx, node)
            || matches!(i.timeout, crate::model::interaction::Setting::Set { disables: true, line, .. }
                if documented_line(cx.m.src, node, line))
            || function_documented_without_timeout(cx)
        {
            return;
        }
        // A module declared to run on an Edge runtime (`export const runtime =
        // 'edge'`), or a Cloudflare Worker's: the platform isolates each
        // invocation and ends it with its request, and no process accumulates
        // stalled calls.
        if cx.m.lang.family() == Family::Ts
            && (cx.package == Some(crate::project::PackageKind::Edge)
                || cx.m.root.is_some_and(|root| {
                    cx.m.memo_function_fact("edge_runtime", root, || edge_runtime(cx.m.src))
                }))
        {
            return;
        }
        // A serverless function's module (an AWS Lambda or Cloud Functions
        // handler): the platform stops each invocation at the function's
        // configured timeout, and no process accumulates stalled calls.
        if cx.m.root.is_some_and(|root| {
            cx.m.memo_function_fact("serverless_function", root, || serverless_function(cx.m))
        }) {
            return;
        }
        // Code retired into a `deprecated/` or `obsolete/` directory: not what
        // its owners harden. Nor is example, sample, demo, docs or benchmark
        // code, which nobody deploys as it is, unless it loops forever (a
        // heartbeat sample: one stalled call silences it for good).
        if crate::model::roles::is_retired_path(cx.project_path)
            || (cx.origin() == crate::model::Origin::Example
                && !cx.samples_repo
                && !in_daemon_loop(cx, node))
        {
            return;
        }
        // A Go client returned beside an error (`return &http.Client{}, err`):
        // a placeholder its callers drop when they check the error.
        if cx.m.lang == crate::lang::Lang::Go && returned_with_error(cx, i.node) {
            return;
        }
        // A module's own function that nothing can call: not exported, and
        // named nowhere else in its module but in other such functions.
        if cx.m.lang.family() == Family::Ts && unreachable_in_module(cx, node) {
            return;
        }
        // A class-private Python method (`def __stream_names(self)`) that its
        // module never names: only its class can call it, and it does not.
        if cx.m.lang == crate::lang::Lang::Python && unused_private_method(cx) {
            return;
        }
        // A function handed to a headless browser's page (`page.evaluate(async
        // () => fetch(…))`) runs in the page, with the browser's network stack.
        if cx.m.lang.family() == Family::Ts && runs_in_page(cx, node) {
            return;
        }
        // A request started and left (`fetch(url).then(…).catch(…);` as a
        // statement): nothing waits on it, unless its handlers answer a
        // callback the caller waits for (`.then(() => callback(null, info))`).
        if cx.m.lang.family() == Family::Ts
            && i.api.shape != crate::model::interaction::Shape::Client
            && crate::semantic::ts::started_and_left(node, cx.m.src)
            && !answers_a_callback(cx, node)
        {
            return;
        }
        // A one-shot run (a script, a CLI command, a program's start-up) shows a
        // hang to whoever runs it. A client it builds for the service to use is
        // still reported, and so is a module's import-time code unless the module
        // is a script; in an example, the whole run is the reader's.
        // A server in tooling (a local proxy a developer starts from
        // `scripts/`) serves whoever started it: the same one-shot run.
        let role = cx.role();
        if role == crate::model::Role::EntryPoint
            || (cx.m.tooling && role == crate::model::Role::Handler)
        {
            // An example's or a tool's whole run is its reader's or its user's.
            let example = cx.origin() == crate::model::Origin::Example || cx.m.tooling;
            // A command's clients live for its run, wherever it hands them: a
            // hand-run program's, or a command-line framework's command (a
            // cobra `Run:`, a click command) in a file that starts no server
            // (`serve` commands build the service's clients).
            let command = || {
                crate::model::roles::hand_run(cx.m, cx.project_path)
                    || (crate::model::roles::in_command(cx.m, cx.m.function_at(cx.frame))
                        && !starts_a_server(cx.m.src))
            };
            let one_shot = match cx.function() {
                Some(_) => {
                    example
                        || i.api.shape != crate::model::interaction::Shape::Client
                        || client_used_only_here(cx, i.node)
                        || command()
                }
                None => example || cx.m.facts.roles.main_guard,
            };
            // A `main` whose work is a loop that never ends, or paces itself with
            // a sleep, is a daemon (an agent, a heartbeat, a poller): it runs
            // unattended, and a hung call silences it for good. So is a helper
            // such a loop calls.
            if one_shot && !in_daemon_loop(cx, node) && !called_in_daemon_loop(cx) {
                return;
            }
        }
        let impact = match i.api.impact {
            Impact::Hang => {
                // A library default that bounds the call, late: the call waits
                // that long, not forever.
                let late = match &i.timeout {
                    crate::model::interaction::Setting::LibDefault { value, .. } => Some(*value),
                    _ => None,
                };
                hang_impact(cx, node, i.api, late)
            }
            Impact::Client => client_impact(cx, i.api.peer),
            Impact::Text(t) => t.to_string(),
        };
        let (state, value) = match &i.timeout {
            crate::model::interaction::Setting::Set { value, .. } => ("set", Some(value.clone())),
            crate::model::interaction::Setting::LibDefault { value, .. } => {
                ("default", Some(value.to_string()))
            }
            _ => ("missing", None),
        };
        let evidence = crate::finding::Evidence {
            interaction: "sync_rpc",
            api: i.api.id,
            library: i.api.library,
            setting: "timeout",
            state,
            value,
            default: i.api.default,
            default_source: i.api.default_source,
        };
        // The name the client is kept under (`BREDIS = redis.Redis(…)`).
        let kept_as = i
            .node
            .parent()
            .filter(|p| p.kind_name() == "assignment")
            .and_then(|p| p.child_by_field_name("left"))
            .map(|l| cx.text(l).trim())
            .filter(|l| {
                !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            });
        let blocking = kept_as
            .filter(|_| i.api.id == "python.redis")
            .and_then(|name| blocking_redis_call(cx.m.src, name));
        let fix = match blocking {
            // A socket timeout shorter than a blocking command's own wait
            // would break that command: it must outlast it.
            Some((line, call)) => format!(
                "Pass a `socket_timeout` longer than the longest blocking command this client waits in (`{call}` at `{}:{line}`), with `socket_connect_timeout=2`, or give the blocking commands a client of their own and `socket_timeout=5` to the rest.",
                cx.path
            ),
            // Go's package calls: the fix sends the same way (`http.Post` →
            // `client.Post(…)`), not always a GET.
            None if i.api.id == "go.net/http.DefaultClient" => {
                let call = match cx.callee_name(i.node) {
                    "Post" => "client.Post(url, contentType, body)",
                    "PostForm" => "client.PostForm(url, data)",
                    "Head" => "client.Head(url)",
                    "Do" => "client.Do(req)",
                    _ => "client.Get(url)",
                };
                i.api.fix.replace("client.Get(url)", call)
            }
            None => i.api.fix.to_string(),
        };
        let mut d = Diag::new(i.node, i.issue(), impact, fix)
            .severity(i.api.severity)
            .evidence(evidence);
        if let Some(t) = i.api.title {
            d = d.title(t);
        } else if let crate::model::interaction::Setting::LibDefault { value, .. } = &i.timeout {
            // A library default bounds the call, only late: the title says so
            // rather than that there is no timeout at all.
            d = d.title(format!(
                "Outbound HTTP call is bounded only by a long library default ({value})"
            ));
        }
        // The project's own bounded helper (`fetchWithTimeout`), where it has one,
        // for a script's or Python's request call (a client built without a
        // timeout needs its own setting; Go and JVM code bound clients, and their
        // helpers are for one verb and payload).
        // Otherwise, where the project already bounds the same client.
        d = d.hint(crate::facts::Hint::Timeout {
            family: cx.m.lang.family(),
            holder: cx
                .function()
                .map(|f| f.name.to_ascii_lowercase())
                .unwrap_or_default(),
            api: i.api.id,
            helper: i.api.shape != crate::model::interaction::Shape::Client
                && matches!(cx.m.lang.family(), Family::Ts | Family::Py),
        });
        // A process-wide default set in another file of the service bounds the
        // global client's calls, in place of the library's own.
        if matches!(
            i.timeout,
            crate::model::interaction::Setting::Missing
                | crate::model::interaction::Setting::LibDefault { .. }
        ) {
            let client = match i.api.id {
                "ts.axios" => Some("axios"),
                "ts.fetch" => Some("fetch"),
                "go.net/http.DefaultClient" => Some("net/http.DefaultClient"),
                "python.urllib.urlopen" | "python.socket" => Some("python.socket-default"),
                "python.requests" => Some("python.requests-patched"),
                _ => None,
            };
            if let Some(c) = client {
                d = d.unless(crate::facts::Unless::ProcessTimeout(c));
            }
            // A session whose mounted adapter fills in a timeout.
            if i.api.id == "python.requests" {
                if let Some(class) = cx
                    .call(i.node)
                    .and_then(|call| crate::model::clients::python::mounted_adapter(cx, &call))
                {
                    d = d.unless(crate::facts::Unless::TimeoutAdapter(class));
                }
            }
        }
        // A client kept in a struct field, sent through only by functions
        // whose every caller, in whichever file, bounds them: a Go function
        // building its requests on the context it is handed, given one with a
        // deadline; a Rust one called only under a deadline (`timeout(d,
        // lila.user_games(…))`).
        if i.api.shape == crate::model::interaction::Shape::Client
            && i.timeout == crate::model::interaction::Setting::Missing
        {
            use crate::facts::Unless;
            let bounded: Option<Vec<Unless>> = match cx.m.lang {
                crate::lang::Lang::Go => {
                    crate::model::clients::go::field_senders_on_context(cx, i.node)
                        .map(|s| s.into_iter().map(Unless::ContextBounded).collect())
                }
                crate::lang::Lang::Rust => {
                    crate::model::clients::rust::field_sender_names(cx, i.node).map(|s| {
                        s.iter()
                            .map(|n| Unless::TimeBounded(crate::facts::name_key(cx.m.lang, n)))
                            .collect()
                    })
                }
                _ => None,
            };
            if let Some(all) = bounded {
                d = d.unless(Unless::All(all));
            }
        }
        // A JDK client handed to a class of the project whose requests each
        // set their own timeout.
        if matches!(cx.m.lang.family(), Family::Java | Family::Kt) {
            if let Some(class) = crate::model::clients::jvm::handed_to_class(cx, i.node) {
                d = d.unless(crate::facts::Unless::RequestsTimedIn(class));
            }
        }
        // A script module only client code imports runs in the browser too.
        if cx.m.lang.family() == crate::lang::Family::Ts {
            d = d.unless(crate::facts::Unless::ImportedOnlyByClients(
                crate::facts::module_key(cx.path),
            ));
            // A function every caller starts and leaves: nothing waits on it.
            if let Some(f) = cx.function().filter(|f| !f.name.starts_with('<')) {
                d = d.unless(crate::facts::Unless::NeverAwaited(
                    crate::facts::module_key(cx.path),
                    f.name.to_ascii_lowercase(),
                ));
            }
            // A request to one of the application's own API routes.
            if let Some(route) = cx
                .call(node)
                .and_then(|c| c.positional(0))
                .and_then(|u| own_route(cx.text(u)))
            {
                d = d.unless(crate::facts::Unless::OwnRoute(route));
            }
            // A request to a path of a route the service registers itself.
            if let Some(path) = served_path(cx, node) {
                d = d.unless(crate::facts::Unless::ServedPath(path));
            }
            // A request to this very process over the loopback interface.
            if let Some(own) = loopback_target(cx, node) {
                d = d.unless(own);
            }
        }
        // A Python request to this very process over the loopback interface.
        if cx.m.lang.family() == Family::Py {
            if let Some(own) = py_loopback_target(cx, node) {
                d = d.unless(own);
            }
        }
        // Code nothing in the project names runs nowhere: a library's, which
        // other projects call, excepted.
        if cx.origin() != crate::model::Origin::Library {
            if let Some(name) = crate::model::unreferenced::candidate(cx.m, cx.path, cx.frame) {
                d = d.unless(crate::facts::Unless::Unreferenced(name));
            }
            if let Some(stem) = crate::model::unreferenced::module_candidate(cx.m, cx.path) {
                d = d.unless(crate::facts::Unless::DeadModule(stem));
            }
        }
        // A Go package only command-line programs that run once and exit
        // build from: whoever runs the command sees it wait. (Not a method: a
        // framework the program hands a value to may call it for as long as
        // it runs, `plugin.Run(&Webhook{})`.)
        let method =
            cx.m.outermost_function(cx.m.function_at(cx.frame))
                .is_some_and(|f| cx.m.function(f).node.kind() == "method_declaration");
        if cx.m.lang == crate::lang::Lang::Go && !method {
            d = d.unless(crate::facts::Unless::ToolPackage(crate::facts::dir_of(
                cx.path,
            )));
        }
        // A Rust module only one-shot programs reach by their paths (an API
        // client only the seeder binary uses): its calls serve those runs.
        if cx.m.lang == crate::lang::Lang::Rust && !in_daemon_loop(cx, node) {
            d = d.unless(crate::facts::Unless::ToolPackage(cx.path.to_string()));
        }
        // A script a container's HEALTHCHECK runs is bounded by the probe's timeout.
        let name = cx.path.rsplit('/').next().unwrap_or(cx.path).to_string();
        d = d.unless(crate::facts::Unless::ProbeScript(name));
        // So is the health check a probe runs as a subcommand of the
        // project's program (`kanidmd scripting healthcheck`).
        if !cx.function().is_some_and(|f| f.is_handler) && !in_daemon_loop(cx, node) {
            d = d.unless(crate::facts::Unless::ProbeCommand(probe_context(cx, node)));
        }
        // A call (not a client built for the service to use) in a function that
        // only start-up code or a command calls, in whichever file: a one-shot run.
        if (i.api.shape != crate::model::interaction::Shape::Client
            || client_used_only_here(cx, i.node))
            && !in_daemon_loop(cx, node)
        {
            if let Some(f) = cx.function().filter(|f| !f.name.starts_with('<')) {
                let name = crate::facts::name_key(cx.m.lang, &f.name);
                // A request handler is entered by requests, whatever else
                // calls a function of its name.
                if !f.is_handler {
                    d = d.unless(crate::facts::Unless::StartupOnly(name.clone()));
                }
                // A Python module's own function, by its module: the calls of
                // other objects' methods of that name are not its.
                if cx
                    .m
                    .function_at(cx.frame)
                    .is_some_and(|id| cx.m.is_module_function(id))
                {
                    d = d.unless(crate::facts::Unless::ModuleStartupOnly(
                        cx.path.to_string(),
                        name.clone(),
                    ));
                }
                // A Go package-level function, by its package: the calls of
                // other packages' functions of that name are not its.
                if let Some(package) =
                    cx.m.function_at(cx.frame)
                        .filter(|&id| cx.m.is_go_package_function(id))
                        .and_then(|_| crate::facts::go_package_of(&cx.project.go_modules, cx.path))
                {
                    d = d.unless(crate::facts::Unless::GoStartupOnly(
                        crate::facts::go_function_key(&package, &f.name),
                    ));
                }
                // A queue job with a time limit (RQ `timeout=`, Celery
                // `time_limit=`) is killed when the call stalls: bounded.
                if !f.is_handler {
                    let class =
                        cx.m.function_at(cx.frame)
                            .filter(|_| cx.m.lang == crate::lang::Lang::Python)
                            .and_then(|id| cx.m.enclosing_class(id))
                            .and_then(|c| c.child_by_field_name("name"))
                            .map(|n| cx.text(n).to_ascii_lowercase());
                    // A Go function whose requests carry the context it is
                    // handed: bounded where every call hands it a deadline.
                    // (`http.Get(url)` cannot carry one.)
                    if cx.m.lang == crate::lang::Lang::Go
                        && i.api.shape == crate::model::interaction::Shape::Client
                        && crate::model::clients::go::builds_on_context_param(cx, f)
                    {
                        d = d.unless(crate::facts::Unless::ContextBounded(name.clone()));
                    }
                    d = d.unless(match class {
                        Some(class) => crate::facts::Unless::TimeBoundedMethod(class, name),
                        None => crate::facts::Unless::TimeBounded(name),
                    });
                }
            }
        }
        // A Django management command that no code runs (`call_command`): a
        // person or a scheduler starts it, and its module is loaded only then,
        // so a client the module builds serves that run.
        if cx.m.facts.roles.command_file && !in_daemon_loop(cx, node) {
            d = d.unless(crate::facts::Unless::StartupOnly(format!(
                "cli:{}",
                cx.path
            )));
        }
        out.push(d);
    }

    fn cases(&self) -> Vec<Case> {
        [
            python::CASES,
            go::CASES,
            jvm::CASES,
            rust::CASES,
            ts::CASES,
            dart::CASES,
        ]
        .concat()
    }
}

/// The first command a file sends through the Redis client kept as `client`
/// that blocks on the server by design (`client.blpop(key, timeout=55)`,
/// `client.xread(streams, block=5000)`), with its line: the client's socket
/// timeout must outlast its wait.
fn blocking_redis_call<'s>(src: &'s str, client: &str) -> Option<(usize, &'s str)> {
    const BLOCKING: &[&str] = &[
        "blpop(",
        "brpop(",
        "brpoplpush(",
        "blmove(",
        "bzpopmin(",
        "bzpopmax(",
        "xread(",
        "xreadgroup(",
    ];
    let mut first: Option<usize> = None;
    for w in BLOCKING {
        let call = format!("{client}.{w}");
        for (at, _) in src.match_indices(&call).take(8) {
            // A whole name (not `OTHER_BREDIS.blpop(` for `BREDIS`), and a
            // stream read given `block=`, which alone blocks.
            let whole = !src[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            let blocks = !w.starts_with('x')
                || src[at..]
                    .lines()
                    .next()
                    .is_some_and(|l| l.contains("block="));
            if whole && blocks {
                first = Some(first.map_or(at, |f| f.min(at)));
            }
        }
    }
    let at = first?;
    let line_start = src[..at].rfind('\n').map_or(0, |k| k + 1);
    let text = src[line_start..].lines().next().unwrap_or("").trim();
    // At most 80 bytes of it, cut at a character's boundary.
    let cut = (0..=text.len().min(80))
        .rev()
        .find(|&k| text.is_char_boundary(k))
        .unwrap_or(0);
    Some((src[..at].matches('\n').count() + 1, &text[..cut]))
}

/// Whether the statement holding a script call calls one of the enclosing
/// function's parameters (a callback) or a promise executor's `resolve`/`reject`:
/// then the caller waits for the request after all.
fn answers_a_callback(cx: &Cx, node: Node) -> bool {
    let mut statement = node;
    while let Some(p) = statement.parent() {
        statement = p;
        if p.kind_name() == "expression_statement" {
            break;
        }
    }
    let text = cx.text(statement);
    let calls = |name: &str| {
        text.match_indices(name).any(|(i, _)| {
            let before = text[..i].chars().last();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                && text[i + name.len()..].trim_start().starts_with('(')
        })
    };
    if calls("resolve") || calls("reject") {
        return true;
    }
    let Some(f) = cx.function() else {
        return false;
    };
    let params = f
        .node
        .child_by_field_name("parameters")
        .map(|p| {
            crate::semantic::descendants(p)
                .take(64)
                .filter(|d| d.kind_name() == "identifier")
                .map(|d| cx.text(d))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    params.iter().any(|p| calls(p))
}

/// Whether a client is built into a local variable that its function only
/// calls methods on (`client := &http.Client{}` then `client.Do(req)`): it
/// serves this run's own calls, not the service (not returned, passed on or
/// stored).
fn client_used_only_here(cx: &Cx, node: Node) -> bool {
    let Some(f) = cx.function() else {
        return false;
    };
    // The variable the construction is assigned to.
    let mut n = node;
    let mut name = None;
    for _ in 0..4 {
        let Some(p) = n.parent() else { break };
        let left = match p.kind_name() {
            "short_var_declaration" | "assignment_statement" | "assignment" => {
                p.child_by_field_name("left")
            }
            // Java's `var c = …;` and try-with-resources `(HttpClient c = …)`.
            "variable_declarator" | "resource" => p.child_by_field_name("name"),
            // Python's `with aiohttp.ClientSession() as session:`.
            "as_pattern" => p.child_by_field_name("alias"),
            // Rust's `let http = Client::new();`.
            "let_declaration" => p.child_by_field_name("pattern"),
            _ => None,
        };
        if let Some(l) = left {
            let t = cx.text(l).trim();
            if !t.is_empty() && t.chars().all(|c| c.is_alphanumeric() || c == '_') {
                name = Some((t, p.end_byte()));
            }
            break;
        }
        n = p;
    }
    let Some((name, from)) = name else {
        return false;
    };
    let body = f.node.byte_range();
    let Some(rest) = cx.m.src.get(from..body.end) else {
        return false;
    };
    // A use inside a closure (a handler the function returns) outlives the run.
    let Some(root) = cx.m.root else {
        return false;
    };
    let in_this_function = |at: usize| {
        let Some(mut n) = root.descendant_for_byte_range(at, at + name.len()) else {
            return false;
        };
        for _ in 0..256 {
            if n.id() == f.node.id() {
                return true;
            }
            if crate::semantic::is_function_kind(cx.m.lang, n.kind_name())
                || crate::semantic::CLOSURES.contains(&n.kind_name())
            {
                // A function called where it is written (`func() { … }()`) runs
                // within this run.
                let invoked = n.parent().is_some_and(|call| {
                    matches!(call.kind_name(), "call_expression" | "call")
                        && call
                            .child_by_field_name("function")
                            .is_some_and(|f| f.id() == n.id())
                });
                if !invoked {
                    return false;
                }
            }
            let Some(p) = n.parent() else { return false };
            n = p;
        }
        false
    };
    let mut uses = 0;
    for (i, _) in rest.match_indices(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            || after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        if !(after.starts_with('.') || handed_to_own_function(cx, root, from + i, name.len()))
            || !in_this_function(from + i)
        {
            return false;
        }
        uses += 1;
    }
    uses > 0
}

/// Whether the name at `at` is an argument (`&http`, `http`) of a call of a
/// top-level function of this file by its bare name (`bulk_update(&http,
/// …)`) that uses it within the call: one that serves, loops, spawns or
/// builds an app with it (`serve(client)`) keeps it for the service.
fn handed_to_own_function(cx: &Cx, root: Node, at: usize, len: usize) -> bool {
    let Some(mut n) = root.descendant_for_byte_range(at, at + len) else {
        return false;
    };
    // Through a borrow (`&http`, `&mut http`) to the argument list.
    for _ in 0..3 {
        let Some(p) = n.parent() else { return false };
        if matches!(p.kind_name(), "arguments" | "argument_list") {
            let Some(call) = p.parent() else { return false };
            let Some(callee) = call.child_by_field_name("function") else {
                return false;
            };
            if !matches!(call.kind_name(), "call_expression" | "call")
                || callee.kind_name() != "identifier"
            {
                return false;
            }
            const KEEPS: &[&str] = &[
                "serve",
                "Serve",
                "listen",
                "Listen",
                "spawn",
                "go ",
                "go\t",
                "thread",
                "Thread",
                "loop",
                "for {",
                "while",
                "setInterval",
                "forever",
                "outer",
                "Router",
                "App",
                "app.",
                "Self",
                "self.",
                "this.",
            ];
            let callee = cx.text(callee);
            return cx.m.functions.iter().any(|f| {
                f.parent.is_none()
                    && f.name == callee
                    && f.node
                        .child_by_field_name("body")
                        .is_some_and(|b| !KEEPS.iter().any(|k| cx.text(b).contains(k)))
            });
        }
        if !matches!(p.kind_name(), "reference_expression" | "unary_expression") {
            return false;
        }
        n = p;
    }
    false
}

/// The call is in a class-private Python method (`__name`, mangled by the
/// language, so only its own class's code can call it) that the module names
/// nowhere but at its `def`.
fn unused_private_method(cx: &Cx) -> bool {
    let Some(f) = cx.named_function() else {
        return false;
    };
    let name = f.name.as_str();
    if !name.starts_with("__") || name.ends_with("__") || name.len() < 3 {
        return false;
    }
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let src = cx.m.src;
    src.match_indices(name)
        .filter(|(at, _)| !src[..*at].ends_with(word) && !src[at + name.len()..].starts_with(word))
        .take(2)
        .count()
        == 1
}

/// Whether the call sits in a top-level function of a script module that is
/// not exported and is named nowhere in the module but in its own body or in
/// other such functions (a leftover `_deleteWithRetry` and the helper only it
/// calls): no code can run it.
fn unreachable_in_module(cx: &Cx, node: Node) -> bool {
    let Some(root) = cx.m.root else {
        return false;
    };
    // Top-level functions: (name, declaration statement, exported).
    let mut functions: Vec<(&str, Node, bool)> = Vec::new();
    for st in crate::semantic::named_children(root).take(4_000) {
        let (decl, exported) = match st.kind_name() {
            "export_statement" => match st.child_by_field_name("declaration") {
                Some(d) => (d, true),
                None => continue,
            },
            _ => (st, false),
        };
        let name = match decl.kind_name() {
            "function_declaration" | "generator_function_declaration" => {
                decl.child_by_field_name("name")
            }
            "lexical_declaration" | "variable_declaration" => {
                let mut it = crate::semantic::named_children(decl)
                    .filter(|d| d.kind_name() == "variable_declarator");
                match (it.next(), it.next()) {
                    (Some(v), None)
                        if v.child_by_field_name("value").is_some_and(|f| {
                            matches!(
                                f.kind_name(),
                                "arrow_function" | "function_expression" | "function"
                            )
                        }) =>
                    {
                        v.child_by_field_name("name")
                            .filter(|n| n.kind_name() == "identifier")
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some(n) = name {
            functions.push((cx.text(n), st, exported));
        }
    }
    let src = cx.m.src;
    let holder = |at: usize| {
        functions
            .iter()
            .position(|(_, st, _)| st.byte_range().contains(&at))
    };
    let Some(start) = holder(node.start_byte()) else {
        return false;
    };
    // Dead functions, found from the one holding the call outwards: each must be
    // unexported, and every mention of it must sit in a function already found.
    let mut dead = vec![start];
    let mut i = 0;
    while i < dead.len() && dead.len() <= 4 {
        let (name, st, exported) = functions[dead[i]];
        if exported || name.is_empty() {
            return false;
        }
        let mut mentions = 0;
        for (at, _) in src.match_indices(name) {
            let word = !src[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$')
                && !src[at + name.len()..]
                    .starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$');
            if !word || st.byte_range().contains(&at) {
                continue;
            }
            mentions += 1;
            if mentions > 16 {
                return false;
            }
            // A mention in a comment or a string names nothing.
            let Some(n) = root.descendant_for_byte_range(at, at + name.len()) else {
                return false;
            };
            if n.kind_name().contains("comment") || n.kind_name().contains("string") {
                continue;
            }
            match holder(at) {
                Some(h) if dead.contains(&h) => {}
                Some(h) if !functions[h].2 => dead.push(h),
                _ => return false,
            }
        }
        i += 1;
    }
    i == dead.len()
}

/// Whether the call sits in a function passed to a Puppeteer/Playwright page
/// method that runs it in the browser page.
fn runs_in_page(cx: &Cx, node: Node) -> bool {
    const PAGE: &[&str] = &[
        "evaluate",
        "evaluateHandle",
        "evaluateOnNewDocument",
        "addInitScript",
        "waitForFunction",
        "$eval",
        "$$eval",
    ];
    let mut n = node;
    for _ in 0..64 {
        let Some(p) = n.parent() else { return false };
        if matches!(
            p.kind_name(),
            "arrow_function" | "function_expression" | "function"
        ) {
            let call = p
                .parent()
                .filter(|a| a.kind_name() == "arguments")
                .and_then(|a| a.parent())
                .filter(|c| c.kind_name() == "call_expression");
            if let Some(call) = call {
                if PAGE.contains(&cx.callee_name(call)) {
                    return true;
                }
            }
        }
        n = p;
    }
    false
}

/// Whether the comment right above the statement holding `node` (or at the
/// end of its first line) says it goes without a timeout on purpose: "Build the
/// SSE client without timeout (for long-lived connections)", "no timeout for
/// uploads: they can take hours". A to-do or a warning ("has no timeout: a
/// stalled peer holds this handler") is not a decision.
fn documented_without_timeout(cx: &Cx, node: Node) -> bool {
    // The statement: the outermost node starting on a line of its own within
    // a few levels (a builder chain's first call, an assignment, a `let`).
    let mut statement = node;
    for _ in 0..8 {
        let Some(p) = statement.parent() else { break };
        if p.start_position().row != statement.start_position().row
            && !matches!(
                p.kind_name(),
                "let_declaration"
                    | "short_var_declaration"
                    | "var_declaration"
                    | "lexical_declaration"
                    | "variable_declaration"
                    | "local_variable_declaration"
                    | "expression_statement"
                    | "assignment"
                    | "assignment_statement"
                    | "assignment_expression"
            )
        {
            break;
        }
        statement = p;
    }
    let src = cx.m.src;
    let line_start = src[..statement.start_byte()]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = src[node.end_byte()..]
        .find('\n')
        .map_or(src.len(), |i| node.end_byte() + i);
    decides_without_timeout(src, line_start, &src[node.end_byte()..line_end])
}

/// Whether the documentation of the function holding the call (a Python
/// docstring, or the comment right above the function) says it goes without a
/// timeout on purpose: "The connection is used for blocking stream reads, so
/// it must not carry any socket timeout".
fn function_documented_without_timeout(cx: &Cx) -> bool {
    let Some(f) = cx.function() else {
        return false;
    };
    if cx.m.lang == crate::lang::Lang::Python {
        let docstring = f
            .node
            .child_by_field_name("body")
            .and_then(|b| b.named_child(0))
            .filter(|s| s.kind_name() == "expression_statement")
            .and_then(|s| s.named_child(0))
            .filter(|s| s.kind_name() == "string");
        return docstring.is_some_and(|d| {
            let text = cx.text(d).replace('\n', " ");
            decides_without_timeout(&format!("# {text}\n"), text.len() + 3, "")
        });
    }
    let src = cx.m.src;
    let line_start = src[..f.node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    decides_without_timeout(src, line_start, "")
}

/// Whether the setting that turns the timeout off on 1-based `line` inside
/// `node` (a literal's `Timeout: 0,` field) carries a comment above it or at its end
/// that says so on purpose: "Timeout: 0 is safe for SSE because the request
/// is created with r.Context()".
fn documented_line(src: &str, node: Node, line: usize) -> bool {
    // Within the node (the literal), from its first line on.
    let first = node.start_position().row + 1;
    if line <= first || line > node.end_position().row + 1 {
        return false;
    }
    let from = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let Some(line_start) = src[from..node.end_byte()]
        .match_indices('\n')
        .nth(line - first - 1)
        .map(|(i, _)| from + i + 1)
    else {
        return false;
    };
    let line_end = src[line_start..]
        .find('\n')
        .map_or(src.len(), |i| line_start + i);
    decides_without_timeout(src, line_start, &src[line_start..line_end])
}

/// Whether the comment lines right above the line starting at `line_start`,
/// with the comment in `rest` of that line, record a decision to go without a
/// timeout.
fn decides_without_timeout(src: &str, line_start: usize, rest: &str) -> bool {
    let mut text = String::new();
    // A trailing comment on the line.
    if let Some(i) = rest.find("//").or_else(|| rest.find('#')) {
        text.push_str(&rest[i..]);
    }
    // The comment lines right above the statement.
    for line in src[..line_start].lines().rev().take(6) {
        let t = line.trim_start();
        if !["//", "#", "/*", "*", "--"]
            .iter()
            .any(|p| t.starts_with(p))
        {
            break;
        }
        text.push(' ');
        text.push_str(t);
    }
    if text.is_empty() {
        return false;
    }
    let text = text.to_ascii_lowercase();
    // A decision: the comment builds or describes it so, or gives a reason.
    let decided = [
        "without timeout",
        "without a timeout",
        "without any timeout",
        "without timeouts",
        "timeout-less",
        "no timeout for",
        "no timeout because",
        "no timeout since",
        "no timeout on purpose",
        "disable the timeout",
        "disables the timeout",
        "timeout disabled",
        "no deadline for",
    ]
    .iter()
    .any(|w| text.contains(w))
        // A reason and the timeout in one sentence: "Timeout: 0 is safe for
        // SSE because …", "… so it must not carry any socket timeout".
        || text.split(['.', ';']).any(|sentence| {
            sentence.contains("timeout")
                && [
                    "intentional",
                    "deliberate",
                    "on purpose",
                    "by design",
                    "is safe",
                    "because",
                    "must not",
                ]
                .iter()
                .any(|w| sentence.contains(w))
        });
    // A warning or a to-do names the risk instead: "the default client has no
    // timeout: a stalled peer holds this handler", "TODO: add a timeout".
    let warns = [
        "todo", "fixme", "xxx", "hang", "stall", "forever", "risk", "should", "bug",
    ]
    .iter()
    .any(|w| text.contains(w));
    decided && !warns
}

/// Whether a script module exports Next.js's `runtime = 'edge'` segment
/// setting, or the pages router's `config = { runtime: 'edge' }`.
/// Whether a module is a serverless function's: a top-level function taking
/// the platform's event and context (`def lambda_handler(event, context)`,
/// `export const handler = async (event, context) => …`), or a Java class
/// implementing AWS Lambda's `RequestHandler`/`RequestStreamHandler`.
fn serverless_function(m: &crate::semantic::Model) -> bool {
    match m.lang.family() {
        Family::Py | Family::Ts => m.functions.iter().enumerate().any(|(id, f)| {
            f.parent.is_none()
                && f.node.kind_name() != "method_definition"
                && match f.params.as_slice() {
                    [event, context, ..] => {
                        event.name.to_ascii_lowercase().ends_with("event")
                            && matches!(context.name.as_str(), "context" | "_context")
                    }
                    _ => false,
                }
                && (m.lang.family() != Family::Py || m.is_module_function(id as u32))
        }),
        Family::Java | Family::Kt => {
            m.src.contains("com.amazonaws.services.lambda.runtime")
                && (m.src.contains("RequestHandler<") || m.src.contains("RequestStreamHandler"))
        }
        _ => false,
    }
}

fn edge_runtime(src: &str) -> bool {
    src.match_indices("runtime").take(8).any(|(i, _)| {
        let before = src[..i].trim_end();
        let after = src[i + "runtime".len()..].trim_start();
        let edge = |sep: char| {
            after
                .strip_prefix(sep)
                .map(str::trim_start)
                .is_some_and(|v| v.starts_with("\"edge\"") || v.starts_with("'edge'"))
        };
        let segment = before.ends_with("const")
            && before[..before.len() - 5].trim_end().ends_with("export")
            && edge('=');
        // A key of the exported `config` object, before the object closes.
        let config = || {
            let Some(j) = before.rfind("export const config") else {
                return false;
            };
            let object = before[j + "export const config".len()..].trim_start();
            object
                .strip_prefix('=')
                .is_some_and(|o| o.trim_start().starts_with('{') && !o.contains('}'))
        };
        segment || edge(':') && config()
    })
}

/// What a URL template holds after the base it starts with, its closing
/// backtick included: the path of `` `${process.env.APP_URL}/api/teams/${id}` ``.
/// The base is one interpolation, with no template nested in it.
fn after_base(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("`${")?;
    let close = rest.find('}')?;
    (!rest[..close].contains('`')).then(|| &rest[close + 1..])
}

/// The route ([`crate::stack::route_key`]) a URL template names on a base it
/// takes from configuration: `` `${process.env.APP_URL}/api/teams/${id}` ``
/// names `api/teams`. Whether the project defines that route is decided with
/// the whole project.
fn own_route(url: &str) -> Option<String> {
    let path = after_base(url)?.strip_prefix('/')?;
    let mut segments = path.split('/').map(|s| {
        let end = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(s.len());
        &s[..end]
    });
    let first = segments.next()?;
    crate::stack::route_key(first, segments.next())
}

/// The path a script request asks for on a base URL the code does not write
/// out (`this._homeApiUrl + `/api/docs/${doc.id}``, `${homeUrl}/api/docs`,
/// `await server.getHomeUrlByDocId(docId, `/api/docs/${docId}`)`), as route segments, followed
/// through the file's own variables. None for a URL whose host is written out
/// (an outside service's) or a path too short to tell.
fn served_path(cx: &Cx, node: Node) -> Option<Vec<String>> {
    let call = cx.call(node)?;
    let scope = cx.m.function_at(cx.frame);
    let mut n = call.positional(0)?;
    for _ in 0..4 {
        match n.kind_name() {
            "identifier" => {
                n =
                    cx.m.binding(scope, cx.text(n))
                        .filter(|v| v.id() != n.id())?
            }
            "await_expression" => n = n.named_child(0)?,
            _ => break,
        }
    }
    let literal = |n: Node| -> Option<String> {
        let t = cx.text(n);
        matches!(n.kind_name(), "string" | "template_string")
            .then(|| {
                t.trim_matches(|c| matches!(c, '\'' | '"' | '`'))
                    .to_string()
            })
            .filter(|t| t.starts_with('/') && !t.starts_with("//"))
    };
    let path = match n.kind_name() {
        "template_string" => after_base(cx.text(n))?.trim_end_matches('`').to_string(),
        "binary_expression" => literal(n.field("right")?)?,
        "call_expression" => {
            let callee = cx.text(n.field("function")?);
            let last = callee.rsplit('.').next().unwrap_or(callee);
            if !last.to_ascii_lowercase().contains("url") {
                return None;
            }
            crate::semantic::named_children(n.field("arguments")?).find_map(literal)?
        }
        _ => return None,
    };
    if !path.starts_with('/') {
        return None;
    }
    crate::facts::route_segments(&path)
}

/// Where a script request goes when its URL starts at a loopback address:
/// the port as written (`'http://localhost:8080/users/me'`), or the imported
/// constant the URL is built on (`serverUrl + '/users/me'` where `const
/// serverUrl = cloudServerUrl`, imported from `../Utils.js`), followed through
/// the file's own variables, concatenations, templates, axios's config object
/// (`{ url }`) and its `baseURL`.
fn loopback_target<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<crate::facts::Unless> {
    let call = cx.call(node)?;
    let scope = cx.m.function_at(cx.frame);
    let mut n = call.positional(0)?;
    // The config object holding a relative URL's `baseURL`.
    let base_url = || -> Option<Node<'t>> {
        call.args.iter().find_map(|a| {
            let mut o = a.value;
            if o.kind_name() == "identifier" {
                o = cx.m.binding(scope, cx.text(o))?;
            }
            (o.kind_name() == "object")
                .then(|| crate::semantic::ts::object_value(cx.m, o, "baseURL"))
                .flatten()
        })
    };
    for _ in 0..16 {
        match n.kind_name() {
            "identifier" | "shorthand_property_identifier" => {
                let name = cx.text(n);
                if let Some(v) = cx.m.binding(scope, name).filter(|v| v.id() != n.id()) {
                    n = v;
                    continue;
                }
                let target = cx.m.import_target(name)?;
                let (module, konst) = target.rsplit_once('.')?;
                let key = crate::facts::relative_module(cx.path, module)?;
                return Some(crate::facts::Unless::OwnProcess(
                    None,
                    Some((key, konst.to_string())),
                ));
            }
            "binary_expression" => n = n.field("left")?,
            "parenthesized_expression" => n = n.named_child(0)?,
            "object" => n = crate::semantic::ts::object_value(cx.m, n, "url")?,
            "template_string" => {
                if cx.text(n).starts_with("`${") {
                    n = crate::semantic::named_children(n)
                        .find(|c| c.kind_name() == "template_substitution")?
                        .named_child(0)?;
                } else {
                    return crate::facts::loopback_port(cx.text(n))
                        .map(|p| crate::facts::Unless::OwnProcess(Some(p), None));
                }
            }
            "string" => {
                let text = cx.text(n);
                let url = text.trim_matches(|c| matches!(c, '\'' | '"'));
                if url.starts_with("http://") || url.starts_with("https://") {
                    return crate::facts::loopback_port(text)
                        .map(|p| crate::facts::Unless::OwnProcess(Some(p), None));
                }
                // A path relative to the client's `baseURL`.
                n = base_url()?;
            }
            _ => return None,
        }
    }
    None
}

/// Where a Python request goes when its URL is a loopback address: the port
/// as written (`"http://127.0.0.1:5000/api"`), or the name it is given by
/// (`f"http://localhost:{PORT}/api/alerts"`), in the call or in the local the
/// URL is kept in.
fn py_loopback_target(cx: &Cx, node: Node) -> Option<crate::facts::Unless> {
    let call = cx.call(node)?;
    let scope = cx.m.function_at(cx.frame);
    let mut url = call.positional(0).or_else(|| call.kwarg("url"))?;
    for _ in 0..4 {
        if url.kind_name() != "identifier" {
            break;
        }
        url = cx.m.binding(scope, cx.text(url))?;
    }
    if url.kind_name() != "string" {
        return None;
    }
    let text = cx
        .text(url)
        .trim_start_matches(['f', 'F', 'r', 'R', 'u', 'U']);
    let text = text.trim_start_matches(['"', '\'']);
    let rest = text
        .strip_prefix("http://")
        .or_else(|| text.strip_prefix("https://"))?;
    let rest = ["localhost:", "127.0.0.1:", "[::1]:"]
        .iter()
        .find_map(|h| rest.strip_prefix(h))?;
    if let Some(named) = rest.strip_prefix('{') {
        let name = named.split('}').next()?.trim();
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        return plain.then(|| crate::facts::Unless::OwnPortName(name.to_string()));
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .ok()
        .map(|p| crate::facts::Unless::OwnProcess(Some(p), None))
}

/// Whether a Go value is returned beside an error that is not `nil`: `return
/// &http.Client{}, err`, `return &http.Client{}, fmt.Errorf(…)`.
fn returned_with_error(cx: &Cx, node: Node) -> bool {
    let mut n = node;
    for _ in 0..3 {
        let Some(p) = n.parent() else { return false };
        if p.kind_name() == "expression_list" {
            let ret = p
                .parent()
                .is_some_and(|r| r.kind_name() == "return_statement");
            let count = p.named_child_count();
            let Some(last) = p.named_child(count.saturating_sub(1)) else {
                return false;
            };
            if !ret || count < 2 || last.id() == n.id() {
                return false;
            }
            let text = cx.text(last);
            return match last.kind_name() {
                "identifier" => text == "err" || text.ends_with("Err") || text.ends_with("Error"),
                "call_expression" => {
                    let callee = last
                        .child_by_field_name("function")
                        .map_or("", |f| cx.text(f));
                    callee.starts_with("fmt.Errorf")
                        || callee.starts_with("errors.")
                        || callee.ends_with(".Wrap")
                        || callee.ends_with(".Wrapf")
                }
                _ => false,
            };
        }
        if !matches!(
            p.kind_name(),
            "unary_expression" | "parenthesized_expression"
        ) {
            return false;
        }
        n = p;
    }
    false
}

/// Whether `node` runs in a loop that never ends (`while True`, `for {}`,
/// `loop`) or paces itself with a sleep, inside its function (or module).
fn in_daemon_loop(cx: &Cx, node: Node) -> bool {
    daemon_loop_around(cx, node, cx.function().map(|f| f.node.id()), false)
}

/// Whether the file calls the function the call is in, by its bare name, from
/// inside a daemon's loop (`loop { poll().await; sleep(d).await }` in
/// `main`): the helper then runs for as long as the program does, however
/// one-shot each of its runs looks.
fn called_in_daemon_loop(cx: &Cx) -> bool {
    let Some(f) = cx.m.outermost_function(cx.m.function_at(cx.frame)) else {
        return false;
    };
    let function = cx.m.function(f);
    let name = function.name.as_str();
    let Some(root) = cx.m.root else {
        return false;
    };
    if name.is_empty() || name.starts_with('<') || cx.m.src.matches(name).nth(1).is_none() {
        return false;
    }
    // Decided once per function: every finding in it asks the same.
    cx.m.memo_function_fact("called_in_daemon_loop", function.node, || {
        called_from_daemon_loop(cx, root, name)
    })
}

/// [`called_in_daemon_loop`] for the function of `name`: a call of it in the
/// file sits in a strict daemon loop of its caller.
fn called_from_daemon_loop(cx: &Cx, root: Node, name: &str) -> bool {
    crate::semantic::descendants(root)
        .take(200_000)
        .filter(|n| {
            matches!(
                n.kind_name(),
                "call_expression" | "call" | "method_invocation"
            ) && cx.callee_name(*n) == name
        })
        .any(|call| {
            // Up to the caller's own function.
            let caller = std::iter::successors(call.parent(), |n| n.parent())
                .take(256)
                .find(|n| crate::semantic::is_function_kind(cx.m.lang, n.kind_name()));
            daemon_loop_around(cx, call, caller.map(|c| c.id()), true)
        })
}

/// [`in_daemon_loop`] for `node`, looking outwards up to the node `function`.
/// `strict`: only a loop nothing leaves, neither by a `break` nor by a
/// `return` (an interactive command's tail loop returns at the end of its
/// stream; a bounded retry returns after its attempts).
fn daemon_loop_around(cx: &Cx, node: Node, function: Option<usize>, strict: bool) -> bool {
    const PAUSES: &[&str] = &[
        "sleep",
        "Sleep",
        "delay",
        "setTimeout",
        "setInterval",
        "After",
        "Tick",
    ];
    let mut n = node;
    for _ in 0..64 {
        let Some(p) = n.parent() else { return false };
        if Some(p.id()) == function {
            return false;
        }
        if crate::semantic::is_loop_kind(cx.m.lang, p.kind_name()) {
            let paced = || {
                crate::semantic::descendants(p)
                    .take(5_000)
                    .any(|d| PAUSES.contains(&cx.callee_name(d)))
            };
            // A loop that breaks out (pagination until the last page, paced to
            // respect a rate limit) ends, and so does one over a collection, or
            // an unpaced search that returns what it finds; a daemon's loop
            // does not.
            let returns = || crate::semantic::retry::returns_out(cx.m, p);
            let ends = crate::semantic::retry::breaks_out(cx.m, p)
                || (if strict {
                    returns()
                } else {
                    returns() && !paced()
                });
            if !ends
                && (crate::semantic::retry::is_infinite_loop(cx.m, p)
                    || (!iterates_collection(cx, p)
                        && !counts_to_a_limit(cx, p)
                        && !flag_set_in_body(cx, p)
                        && paced()))
            {
                return true;
            }
        }
        n = p;
    }
    false
}

/// Whether a loop's condition compares against a limit (`while url and
/// fetches < MAX_FETCHES`, `while time.time() < deadline`, Go's `for i := 0;
/// i < n; i++`): it ends when the count or the clock runs out.
fn counts_to_a_limit(cx: &Cx, lp: Node) -> bool {
    let condition = lp.field("condition").or_else(|| {
        // Go: `for cond {` or a `for_clause` holding the condition.
        crate::semantic::named_children(lp)
            .find(|c| c.kind_name() == "for_clause")
            .and_then(|c| c.field("condition"))
            .or_else(|| {
                crate::semantic::named_children(lp).find(|c| c.kind_name() == "binary_expression")
            })
    });
    let Some(condition) = condition else {
        return false;
    };
    let text = cx.text(condition);
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        (c == b'<' || c == b'>')
            && b.get(i + 1).is_none_or(|&n| n != c)
            && i.checked_sub(1)
                .and_then(|j| b.get(j))
                .is_none_or(|&p| p != c && p != b'-' && p != b'=')
    })
}

/// Whether a loop runs while a flag its own body sets (`while should_continue:`
/// with `should_continue = bool(continuation)` inside, a pagination): it ends
/// when the body says so. A daemon's flag (`while running:`) is cleared
/// elsewhere, by a signal handler or a `stop()`.
fn flag_set_in_body(cx: &Cx, lp: Node) -> bool {
    let (Some(condition), Some(body)) = (lp.field("condition"), lp.field("body")) else {
        return false;
    };
    let flag = cx
        .text(condition)
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let flag = flag
        .strip_prefix("not ")
        .or_else(|| flag.strip_prefix('!'))
        .unwrap_or(flag)
        .trim();
    if flag.is_empty() || !flag.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return false;
    }
    let text = cx.text(body);
    crate::model::facts::word_matches(text, flag).any(|at| {
        let rest = text[at + flag.len()..].trim_start();
        !text[..at].ends_with('.')
            && (rest.starts_with(":=") || (rest.starts_with('=') && !rest.starts_with("==")))
    })
}

/// Whether a loop walks a collection (`for item in items`, Go's `range`),
/// which ends with it.
fn iterates_collection(cx: &Cx, lp: Node) -> bool {
    let each = crate::semantic::language(cx.m.lang).is_some_and(|l| {
        l.events()
            .iter()
            .any(|(e, kinds)| matches!(e, Event::Each) && kinds.contains(&lp.kind_name()))
    });
    match cx.m.lang.family() {
        // Go's one `for` is also its `while` and its endless loop.
        Family::Go => {
            each && crate::semantic::named_children(lp).any(|c| c.kind_name() == "range_clause")
        }
        _ => each,
    }
}

/// Whether a Go call runs in a goroutine of its own: inside `go func() { … }()`,
/// or in a function this file only ever starts with `go name(…)`.
fn in_goroutine(cx: &Cx, node: Node) -> bool {
    if cx.m.lang.family() != Family::Go {
        return false;
    }
    let mut n = node;
    for _ in 0..64 {
        let Some(p) = n.parent() else { break };
        if p.kind_name() == "func_literal" {
            // `go func() { … }()`: the literal is the callee of the go statement's call.
            return p
                .parent()
                .and_then(|call| call.parent())
                .is_some_and(|g| g.kind_name() == "go_statement");
        }
        if matches!(p.kind_name(), "function_declaration" | "method_declaration") {
            break;
        }
        n = p;
    }
    let Some(f) = cx.function().filter(|f| !f.name.starts_with('<')) else {
        return false;
    };
    // Every other mention of `name(` in this file starts it: `go name(…)` or
    // `go recv.name(…)`; the declaration (`func name(`, `func (r T) name(`) aside.
    let src = cx.m.src;
    let pattern = format!("{}(", f.name);
    let (mut started, mut other) = (0, 0);
    for (i, _) in src.match_indices(&pattern) {
        let line_start = src[..i].rfind('\n').map_or(0, |j| j + 1);
        let before = &src[line_start..i];
        if before
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let before = before.trim_end();
        // Drop a receiver: `go s.` → `go`.
        let head = before
            .strip_suffix('.')
            .map(|b| b.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_'))
            .unwrap_or(before)
            .trim_end();
        if head.ends_with("func") || head.trim_start().starts_with("func ") {
            continue;
        }
        if head == "go" || head.ends_with(" go") || head.ends_with("\tgo") {
            started += 1;
        } else {
            other += 1;
        }
    }
    started > 0 && other == 0
}

/// Whether the call waits on its own, with no worker pool behind it: on an
/// event loop (Node, Dart, a Python coroutine, an async Rust client's task:
/// the Rust rows are async reqwest's, awaited wherever the client was built)
/// or in a goroutine (Go serves each request on its own): a stalled call
/// blocks nothing else, it only never finishes, and stalled calls accumulate.
fn on_event_loop(cx: &Cx) -> bool {
    match cx.m.lang.family() {
        crate::lang::Family::Ts
        | crate::lang::Family::Dart
        | crate::lang::Family::Go
        | crate::lang::Family::Rs => true,
        crate::lang::Family::Py => cx.function().is_some_and(|f| f.is_async),
        _ => false,
    }
}

/// What names the check the code at `node` may be, lower-cased, for
/// [`crate::facts::Unless::ProbeCommand`]: its file's stem
/// (`health_checker`), its function's name (`check_api`), and the lines
/// around it (`if let Some(Commands::Healthcheck { url })`,
/// `client.get(&healthcheck_url)`).
fn probe_context(cx: &Cx, node: Node) -> String {
    let file = cx.path.rsplit('/').next().unwrap_or(cx.path);
    let mut out = file.split('.').next().unwrap_or(file).to_string();
    if let Some(f) = cx.function() {
        out.push(' ');
        out.push_str(&f.name);
    }
    // Three lines either side, at most 600 bytes each way.
    let src = cx.m.src;
    let at = node.start_byte().min(src.len());
    let mut start = at;
    for _ in 0..4 {
        match src[..start].rfind('\n') {
            Some(i) if at - i <= 600 => start = i,
            _ => break,
        }
    }
    let mut end = at;
    for _ in 0..4 {
        match src[end..].find('\n') {
            Some(i) if end + i - at <= 600 => end += i + 1,
            _ => break,
        }
    }
    out.push(' ');
    out.push_str(&src[start..end]);
    out.to_ascii_lowercase()
}

/// Whether the call at `node` blocks a Python coroutine's event loop: a
/// synchronous client's (`requests`, `urlopen`, a socket's, httpx's module
/// functions) made in an `async def` itself (not a function or lambda within
/// it) and not awaited, so it runs on the loop's thread.
fn blocks_event_loop(cx: &Cx, node: Node, api: &str) -> bool {
    matches!(
        api,
        "python.requests" | "python.urllib.urlopen" | "python.socket" | "python.httpx"
    ) && cx.m.lang.family() == crate::lang::Family::Py
        && cx.function().is_some_and(|f| f.is_async)
        && !std::iter::successors(node.parent(), |p| p.parent())
            .take(3)
            .any(|p| p.kind_name() == "await")
}

/// Whether a file's code starts a server or a long-running service loop
/// (`ListenAndServe`, `.Serve(`, `uvicorn.run`, `app.listen(`): a command
/// there runs the service, not a task that ends.
fn starts_a_server(src: &str) -> bool {
    [
        "ListenAndServe",
        ".Serve(",
        "serve_forever",
        "uvicorn.run",
        "web.run_app",
        "app.run(",
        ".listen(",
        "run_forever",
        "start_consuming",
        "Worker(",
    ]
    .iter()
    .any(|s| src.contains(s))
}

/// Who hangs when the call does not return, for the impact text; `late` is
/// the library default that ends the wait, where one does (`300 seconds
/// without response headers`): then they wait that long, not forever.
fn who_hangs(cx: &Cx, late: Option<&str>) -> String {
    let (hangs, never) = match late {
        Some(d) => {
            let waits = format!("waits up to {d}");
            (waits.clone(), waits)
        }
        None => ("hangs".to_string(), "never finishes".to_string()),
    };
    if cx.function().is_some() && cx.role() == crate::model::Role::EntryPoint {
        return match late {
            Some(_) => format!("this run {hangs}"),
            None => "this run hangs until someone kills it".to_string(),
        };
    }
    let event_loop = on_event_loop(cx);
    match cx.function() {
        Some(f) if f.is_handler && f.name.starts_with('<') => {
            format!("this request handler {hangs} with its connection open")
        }
        Some(f) if f.is_handler => format!(
            "the request handler `{}` {hangs} with its connection open",
            f.name
        ),
        Some(f) if f.name.starts_with('<') && event_loop => {
            format!("this callback {never}")
        }
        Some(f) if f.name.starts_with('<') => {
            format!("this callback {hangs} and holds its worker")
        }
        Some(f) if event_loop => {
            format!("`{}` {never}, and whatever waits on it waits too", f.name)
        }
        Some(f) => format!("`{}` {hangs} and holds its worker", f.name),
        // A file the parser could not read whole may hide the function
        // around the call (a syntax it does not know): name no place.
        None if cx.m.root.is_some_and(|r| r.has_error()) => {
            format!("the code making this call {hangs}")
        }
        None => format!("module start-up {hangs}"),
    }
}

/// The impact text for a client constructed without a timeout: the calls made
/// through it are what hang.
fn client_impact(cx: &Cx, peer: &str) -> String {
    if on_event_loop(cx) {
        return format!(
            "Every request made through this client can wait forever: when {peer} stalls, the request or job that made each call never finishes, and under load the stalled calls hold their sockets and memory until the process degrades."
        );
    }
    format!(
        "Every request made through this client can wait forever: when {peer} stalls, each caller holds its worker, calls pile up behind it until the pool is drained, and the service stops answering."
    )
}

/// The standard impact text for a call that can wait forever.
fn hang_impact(
    cx: &Cx,
    node: Node,
    api: &crate::model::interaction::ClientApi,
    late: Option<&str>,
) -> String {
    let peer = api.peer;
    // A loop that never ends outside a request (a renewal daemon, a poller
    // started by `main`, at module level or in a background thread or task,
    // a telemetry heartbeat): no pool drains and nothing piles up; the loop
    // itself stops.
    if !cx.function().is_some_and(|f| f.is_handler) && in_daemon_loop(cx, node) {
        if let Some(d) = late {
            return format!(
                "When {peer} stalls, this loop waits at this call for up to {d} each time: the work it repeats (renewals, polls, heartbeats) falls behind while the process still looks alive."
            );
        }
        return format!(
            "When {peer} stalls, this loop stops at this call for good: the work it repeats (renewals, polls, heartbeats) silently stops while the process still looks alive, and nothing restarts it."
        );
    }
    // A helper such a loop calls: the loop waits on it.
    if !cx.function().is_some_and(|f| f.is_handler) && called_in_daemon_loop(cx) {
        let helper =
            cx.m.outermost_function(cx.m.function_at(cx.frame))
                .map(|f| cx.m.function(f).name.as_str())
                .unwrap_or("this function");
        if let Some(d) = late {
            return format!(
                "When {peer} stalls, `{helper}` waits at this call for up to {d}, and so does the loop that repeats it: the work it repeats (renewals, polls, updates) falls behind while the process still looks alive."
            );
        }
        return format!(
            "When {peer} stalls, `{helper}` never returns to the loop that repeats it: the work that loop repeats (renewals, polls, updates) silently stops while the process still looks alive, and nothing restarts it."
        );
    }
    // Work started in its own goroutine holds no caller: what a stall leaks is
    // the goroutine itself.
    if in_goroutine(cx, node) && late.is_none() {
        return format!(
            "When {peer} stalls, the goroutine making this call never finishes: its starter goes on, but each stalled call keeps a goroutine, a socket and memory, and under load they accumulate until the process degrades."
        );
    }
    // A Python queue job (a Celery task, an RQ job, a Dramatiq actor, a
    // consumer): a stall holds a worker process, and the jobs behind it wait.
    if let Some((f, kind)) = cx
        .named_function()
        .filter(|_| cx.m.lang == crate::lang::Lang::Python)
        .and_then(|f| Some((f, super::contexts::background(cx, f)?)))
    {
        let stalls = match late {
            Some(d) => format!("waits up to {d}"),
            None => "never finishes".to_string(),
        };
        return format!(
            "When {peer} stalls, the {kind} `{}` {stalls} and holds its worker: the jobs queued behind it wait, and once every worker holds one, the queue stops draining while the workers still look alive.",
            f.name
        );
    }
    // A blocking call made straight from a Python coroutine (`requests.get`
    // in an `async def`, not awaited) holds the event loop itself.
    if blocks_event_loop(cx, node, api.id) {
        return format!(
            "When {peer} stalls, {}, and since the call blocks, the event loop it runs on stops with it: every other request and task of this process waits behind it, and the service stops answering.",
            who_hangs(cx, late)
        );
    }
    // On an event loop nothing else waits behind the call; what it holds is its
    // own caller, socket and memory.
    if on_event_loop(cx) {
        return format!(
            "When {peer} stalls, {}: other work goes on, but each stalled call keeps its caller, socket and memory, and under load they accumulate until the process degrades.",
            who_hangs(cx, late)
        );
    }
    format!(
        "When {peer} stalls, {}; every call that follows piles up behind it until the worker pool is drained and the service stops answering.",
        who_hangs(cx, late)
    )
}
