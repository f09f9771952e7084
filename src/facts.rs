//! Facts gathered from every file during the one pass, then combined into a
//! project index that finishes findings: a fix names the retry library the
//! project already uses (with `file:line`), and a finding that only holds when
//! something is missing project-wide is dropped when another file has it.

use crate::lang::Family;
use crate::semantic::Model;
use serde::Serialize;
use std::collections::BTreeMap;

/// A library that matters to fixes, recognized by its import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Library {
    pub name: &'static str,
    pub family: Family,
    pub kind: LibraryKind,
    /// Import path prefixes that mean the library is used.
    #[serde(skip)]
    prefixes: &'static [&'static str],
}

/// A library read back (from the result cache) is the table's entry of its
/// name and family, import prefixes included.
impl<'de> serde::Deserialize<'de> for Library {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Library, D::Error> {
        #[derive(serde::Deserialize)]
        struct Named<'a> {
            name: &'a str,
            family: Family,
        }
        let named = Named::deserialize(d)?;
        LIBRARIES
            .iter()
            .find(|l| l.name == named.name && l.family == named.family)
            .copied()
            .ok_or_else(|| serde::de::Error::custom(format!("unknown library `{}`", named.name)))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub enum LibraryKind {
    Retry,
    DurableExecution,
    Logging,
}

const LIBRARIES: &[Library] = &[
    Library {
        name: "tenacity",
        family: Family::Py,
        kind: LibraryKind::Retry,
        prefixes: &["tenacity"],
    },
    Library {
        name: "backoff",
        family: Family::Py,
        kind: LibraryKind::Retry,
        prefixes: &["backoff"],
    },
    Library {
        name: "urllib3 Retry",
        family: Family::Py,
        kind: LibraryKind::Retry,
        prefixes: &[
            "urllib3.util.retry",
            "urllib3.util.Retry",
            "urllib3.Retry",
            "requests.adapters.Retry",
        ],
    },
    Library {
        name: "Temporal",
        family: Family::Py,
        kind: LibraryKind::DurableExecution,
        prefixes: &["temporalio"],
    },
    Library {
        name: "axios-retry",
        family: Family::Ts,
        kind: LibraryKind::Retry,
        prefixes: &["axios-retry"],
    },
    Library {
        name: "p-retry",
        family: Family::Ts,
        kind: LibraryKind::Retry,
        prefixes: &["p-retry"],
    },
    Library {
        name: "async-retry",
        family: Family::Ts,
        kind: LibraryKind::Retry,
        prefixes: &["async-retry"],
    },
    Library {
        name: "Temporal",
        family: Family::Ts,
        kind: LibraryKind::DurableExecution,
        prefixes: &["@temporalio/"],
    },
    Library {
        name: "cenkalti/backoff",
        family: Family::Go,
        kind: LibraryKind::Retry,
        prefixes: &["github.com/cenkalti/backoff"],
    },
    Library {
        name: "retry-go",
        family: Family::Go,
        kind: LibraryKind::Retry,
        prefixes: &["github.com/avast/retry-go"],
    },
    Library {
        name: "go-retryablehttp",
        family: Family::Go,
        kind: LibraryKind::Retry,
        prefixes: &["github.com/hashicorp/go-retryablehttp"],
    },
    Library {
        name: "Temporal",
        family: Family::Go,
        kind: LibraryKind::DurableExecution,
        prefixes: &["go.temporal.io/sdk"],
    },
    Library {
        name: "resilience4j",
        family: Family::Java,
        kind: LibraryKind::Retry,
        prefixes: &["io.github.resilience4j"],
    },
    Library {
        name: "Spring Retry",
        family: Family::Java,
        kind: LibraryKind::Retry,
        prefixes: &["org.springframework.retry"],
    },
    Library {
        name: "Temporal",
        family: Family::Java,
        kind: LibraryKind::DurableExecution,
        prefixes: &["io.temporal"],
    },
    Library {
        name: "resilience4j",
        family: Family::Kt,
        kind: LibraryKind::Retry,
        prefixes: &["io.github.resilience4j"],
    },
    Library {
        name: "backon",
        family: Family::Rs,
        kind: LibraryKind::Retry,
        prefixes: &["backon"],
    },
    Library {
        name: "tokio-retry",
        family: Family::Rs,
        kind: LibraryKind::Retry,
        prefixes: &["tokio_retry"],
    },
    Library {
        name: "backoff",
        family: Family::Rs,
        kind: LibraryKind::Retry,
        prefixes: &["backoff"],
    },
    Library {
        name: "Celery",
        family: Family::Py,
        kind: LibraryKind::DurableExecution,
        prefixes: &["celery"],
    },
    Library {
        name: "RQ",
        family: Family::Py,
        kind: LibraryKind::DurableExecution,
        prefixes: &["rq"],
    },
    Library {
        name: "Dramatiq",
        family: Family::Py,
        kind: LibraryKind::DurableExecution,
        prefixes: &["dramatiq"],
    },
    Library {
        name: "BullMQ",
        family: Family::Ts,
        kind: LibraryKind::DurableExecution,
        prefixes: &["bullmq"],
    },
    Library {
        name: "asynq",
        family: Family::Go,
        kind: LibraryKind::DurableExecution,
        prefixes: &["github.com/hibiken/asynq"],
    },
    Library {
        name: "structlog",
        family: Family::Py,
        kind: LibraryKind::Logging,
        prefixes: &["structlog"],
    },
    Library {
        name: "loguru",
        family: Family::Py,
        kind: LibraryKind::Logging,
        prefixes: &["loguru"],
    },
    Library {
        name: "pino",
        family: Family::Ts,
        kind: LibraryKind::Logging,
        prefixes: &["pino"],
    },
    Library {
        name: "winston",
        family: Family::Ts,
        kind: LibraryKind::Logging,
        prefixes: &["winston"],
    },
    Library {
        name: "bunyan",
        family: Family::Ts,
        kind: LibraryKind::Logging,
        prefixes: &["bunyan"],
    },
    Library {
        name: "zap",
        family: Family::Go,
        kind: LibraryKind::Logging,
        prefixes: &["go.uber.org/zap"],
    },
    Library {
        name: "zerolog",
        family: Family::Go,
        kind: LibraryKind::Logging,
        prefixes: &["github.com/rs/zerolog"],
    },
    Library {
        name: "logrus",
        family: Family::Go,
        kind: LibraryKind::Logging,
        prefixes: &["github.com/sirupsen/logrus"],
    },
    Library {
        name: "slog",
        family: Family::Go,
        kind: LibraryKind::Logging,
        prefixes: &["log/slog"],
    },
    Library {
        name: "SLF4J",
        family: Family::Java,
        kind: LibraryKind::Logging,
        prefixes: &["org.slf4j"],
    },
    Library {
        name: "Log4j",
        family: Family::Java,
        kind: LibraryKind::Logging,
        prefixes: &["org.apache.logging.log4j"],
    },
    Library {
        name: "Logback",
        family: Family::Java,
        kind: LibraryKind::Logging,
        prefixes: &["ch.qos.logback"],
    },
    Library {
        name: "SLF4J",
        family: Family::Kt,
        kind: LibraryKind::Logging,
        prefixes: &["org.slf4j"],
    },
    Library {
        name: "kotlin-logging",
        family: Family::Kt,
        kind: LibraryKind::Logging,
        prefixes: &["mu.KotlinLogging", "io.github.oshai.kotlinlogging"],
    },
    Library {
        name: "tracing",
        family: Family::Rs,
        kind: LibraryKind::Logging,
        prefixes: &["tracing"],
    },
];

/// The standard choice per language when the project has no retry library yet.
fn standard_retry(family: Family) -> &'static str {
    match family {
        Family::Py => "tenacity (`@retry(stop=stop_after_attempt(5), wait=wait_exponential_jitter(max=30))`)",
        Family::Ts => "p-retry (`pRetry(fn, { retries: 5, minTimeout: 200, randomize: true })`)",
        Family::Go => "cenkalti/backoff (`backoff.Retry(op, backoff.WithMaxRetries(backoff.NewExponentialBackOff(), 5))`)",
        Family::Java | Family::Kt => "resilience4j Retry with exponential backoff and a max-attempts limit",
        Family::Rs => "backon (`op.retry(ExponentialBuilder::default().with_max_times(5))`)",
        _ => "a retry library with exponential backoff, jitter and an attempt limit",
    }
}

/// The standard durable home for background work per language.
fn standard_durable(family: Family) -> &'static str {
    match family {
        Family::Py => "a Celery task with `acks_late=True` and retries, or a Temporal activity",
        Family::Ts => "a BullMQ job with `attempts` and backoff",
        Family::Go => "an asynq task or a Temporal activity",
        Family::Java | Family::Kt => "a transactional outbox, or a Temporal activity",
        _ => "a durable queue consumer with retries",
    }
}

/// Text a finding's fix gets from the project index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Hint {
    /// Point at the project's retry library, or the standard one.
    Retry(Family),
    /// Point at the project's durable queue or workflow engine, or the standard one.
    Durable(Family),
    /// Point at the project's logging library, when it has one.
    Logger(Family),
    /// Name the outbound call the function of this (lower-cased) name reaches
    /// (added to the issue, not the fix).
    Reaches(String),
    /// Point at where the project already bounds the same client API (its id),
    /// and, when `helper` holds, at its own bounded call helper
    /// (`fetchWithTimeout`) for a call made outside it (the lower-cased name of
    /// the function holding the call).
    Timeout {
        family: Family,
        holder: String,
        api: &'static str,
        helper: bool,
    },
}

/// A condition under which a finding is dropped once every file is known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Unless {
    /// Some file of the same service defines a liveness/readiness route.
    HealthRoute,
    /// Some file of the same service handles SIGTERM/SIGINT (or enables
    /// framework shutdown hooks).
    SigtermHandled,
    /// Some file of this Go package (directory) shuts its server down.
    GoShutdownIn(String),
    /// Only queue jobs with a time limit run this (lower-cased) function, or
    /// calls under a deadline (`asyncio.wait_for(sync())`), directly or
    /// through other functions only they run.
    TimeBounded(String),
    /// [`Unless::TimeBounded`], or every call of this (lower-cased) Go function
    /// hands it a context with a deadline (`sync(ctx)` after `ctx, cancel :=
    /// context.WithTimeout(…)`), directly or through functions only such calls
    /// run: the requests it builds on its context are bounded.
    ContextBounded(String),
    /// Every condition holds (an empty list never does).
    All(Vec<Unless>),
    /// [`Unless::TimeBounded`] for a method of this (lower-cased) class: the
    /// calls of it through an instance of the class (`Report(x).send()`) are
    /// made by time-limited work too.
    TimeBoundedMethod(String, String),
    /// Every route registration of this handler, setup function or router is
    /// behind an administrators' guard ([`crate::model::guards`]).
    AdminRoute(String),
    /// The service has a health route, or serves no HTTP controllers at all
    /// (a Spring Boot app that is only an RPC provider or a worker).
    HealthRouteOrNoControllers,
    /// The Spring Boot service shuts down gracefully (`server.shutdown=graceful`,
    /// or Spring Boot 3.4 and later, where it is the default).
    SpringGraceful,
    /// The service's Celery configuration sets `task_time_limit`/`task_soft_time_limit`.
    CeleryTimeLimit,
    /// The service's Celery configuration sets `task_acks_late = True`.
    CeleryAcksLate,
    /// Some migration of the project creates a unique constraint or index
    /// covering this column ([`column_key`]) of this table ([`table_key`]; a
    /// constraint or a model whose table is unknown matches any table).
    UniqueColumn(Option<String>, String),
    /// Any of these holds.
    Any(Vec<Unless>),
    /// The client is handed to this class of the project (`new
    /// JWTAuthenticator(client, …)`), whose file builds JDK `HttpRequest`s
    /// and gives every one its own `.timeout(…)`.
    RequestsTimedIn(String),
    /// The requests session the call goes through has this adapter class
    /// mounted on the call's URL prefix, and the class (of the service)
    /// fills in a timeout in its `send`.
    TimeoutAdapter(String),
    /// A Dockerfile `HEALTHCHECK` runs the file of this name: a probe, which
    /// the container runtime's own timeout bounds.
    ProbeScript(String),
    /// A container probe (a Dockerfile `HEALTHCHECK`, a compose healthcheck)
    /// runs a health or readiness subcommand of the project's own program
    /// (`lldap healthcheck`, `unleash-edge health`) that this text (the
    /// code's file, function and lines, lower-cased) names: the code is that
    /// probe's run, which the probe's timeout bounds.
    ProbeCommand(String),
    /// The repository builds no container image for the service: no
    /// Dockerfile in its root, above it or below it.
    NoImage,
    /// No file of the project looks a single row of this model ([`table_key`]
    /// of its class) up by this column ([`column_key`]): nothing treats it as a
    /// key. A lookup whose model the code does not name counts for every model.
    NeverLookedUp(String, String),
    /// Like [`Unless::NeverLookedUp`], counting only lookups that name the
    /// model (`Signal.external_id == x`, `User.objects.get(email=…)`).
    NeverLookedUpOn(String, String),
    /// A function of the same service with this (lower-cased) name catches
    /// failures in its own body.
    CalleeCatches(String),
    /// The service sets a process-wide timeout on this client's default
    /// (`axios.defaults.timeout`, `http.DefaultClient.Timeout`).
    ProcessTimeout(&'static str),
    /// The project uses no logging library of this family: printing a stack
    /// trace is then how it reports, not a way around its logs.
    NoLogger(Family),
    /// The function of this (lower-cased) name never reaches an outbound call:
    /// neither it nor any function of the service it calls (by name) makes one.
    NeverCallsOut(String),
    /// No file of the project but the one defining it holds this name
    /// ([`crate::model::unreferenced`]): nothing reaches the definition; or
    /// only calls from definitions nothing reaches
    /// ([`ProjectIndex::count_dead_callers`]) do.
    Unreferenced(String),
    /// Its own file writes this name again: nothing reaches the definition
    /// when every other mention of it is a call from a definition nothing
    /// reaches ([`ProjectIndex::count_dead_callers`]).
    UnreferencedVia(String),
    /// No file of the project but the finding's own holds this module's name
    /// (its file name's stem, `email_sender`), while most of the other modules
    /// of its directory are named elsewhere: the directory's modules are
    /// imported by name, and nothing imports this one
    /// ([`ProjectIndex::count_module_names`]).
    DeadModule(String),
    /// Every module that imports this script module ([`module_key`]) is client
    /// code (a `.tsx` component, a browser module): it runs in the browser too.
    ImportedOnlyByClients(String),
    /// The call requests this route ([`crate::stack::route_key`]) of the
    /// application itself, which the project defines (a Next.js API route or
    /// route handler): the
    /// dependency is the same deployment, bounded by its own platform limit and
    /// reported at its own outbound calls.
    OwnRoute(String),
    /// The call requests a loopback address (`http://localhost:8080/app`)
    /// on a port the service itself listens on: the same process answers it.
    /// The port as written, or the exported constant (its module's
    /// [`module_key`] and name) the URL starts with.
    OwnProcess(Option<u16>, Option<(String, String)>),
    /// The call requests a loopback address on the port named so
    /// (`f"http://localhost:{PORT}/api/alerts"`), and a server of the service
    /// starts on the port of that name (`app.run(port=PORT)`).
    OwnPortName(String),
    /// The call requests a path of a route the service registers itself
    /// (`${homeUrl}/api/docs/${id}` where `app.delete("/api/docs/:docId", …)`):
    /// a call back into the same deployment. The path's segments, `*` for a
    /// value the code fills in.
    ServedPath(Vec<String>),
    /// Every call of this script function (its module's [`module_key`] and
    /// lower-cased name) in its module and the modules importing it starts it
    /// and goes on (`track(…).catch(…)`): nothing waits on it, so a stall
    /// inside holds no caller.
    NeverAwaited(String, String),
    /// The Go package (directory), or the Rust module (file), is built only
    /// into command-line programs that run once and exit
    /// ([`go_tool_only_packages`], [`rust_tool_only_files`]): whoever runs the
    /// command sees it wait.
    ToolPackage(String),
    /// The function of this (lower-cased) name runs only at start-up: every
    /// call of it in the service comes from a program's `main` (or `init`), or
    /// from a function that itself runs only at start-up.
    StartupOnly(String),
    /// The top-level function (lower-cased name) of the Python file at this
    /// path runs only at start-up or in commands, by the calls that can be of
    /// it: through its module, or by its bare name.
    ModuleStartupOnly(String, String),
    /// The Go package-level function of this key
    /// ([`go_function_key`]) runs only at start-up or in commands, by the
    /// calls of it: by its bare name in its package, through an import of it.
    GoStartupOnly(String),
}

impl Unless {
    /// Turns the [`Unless::Unreferenced`] conditions whose name `keep` refuses
    /// (their own file names them again) into [`Unless::UnreferencedVia`].
    pub fn retain_unreferenced(&mut self, keep: &mut impl FnMut(&str) -> bool) {
        match self {
            Unless::Unreferenced(name) if !keep(name) => {
                *self = Unless::UnreferencedVia(std::mem::take(name))
            }
            Unless::Any(all) | Unless::All(all) => {
                all.iter_mut().for_each(|u| u.retain_unreferenced(keep))
            }
            _ => {}
        }
    }

    /// Calls `f` with each condition this one is made of (itself, when it is
    /// neither [`Unless::Any`] nor [`Unless::All`]).
    fn each_leaf<'s>(&'s self, f: &mut impl FnMut(&'s Unless)) {
        match self {
            Unless::Any(all) | Unless::All(all) => all.iter().for_each(|u| u.each_leaf(f)),
            leaf => f(leaf),
        }
    }

    /// The names this condition asks the project's word index about.
    pub fn unreferenced_names<'s>(&'s self, out: &mut Vec<&'s str>) {
        self.each_leaf(&mut |u| {
            if let Unless::Unreferenced(name) | Unless::UnreferencedVia(name) = u {
                out.push(name);
            }
        });
    }

    /// The module stems this condition asks about ([`Unless::DeadModule`]).
    pub fn dead_module_stems<'s>(&'s self, out: &mut Vec<&'s str>) {
        self.each_leaf(&mut |u| {
            if let Unless::DeadModule(stem) = u {
                out.push(stem);
            }
        });
    }

    /// A condition about a whole service (its health route): its finding is
    /// reported once per service.
    pub fn is_service_wide(&self) -> bool {
        match self {
            Unless::HealthRoute => true,
            Unless::Any(all) => all.iter().any(Unless::is_service_wide),
            _ => false,
        }
    }
}

/// Why a call by name may not be of the project's function of that name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub enum Foreign {
    /// Through this imported module (its top name): foreign unless the project
    /// has a module of that name.
    Module(String),
    /// `self.m()` in this class (lower-cased), which defines `m`: its own method
    /// unless a class of the project derives from it.
    OwnMethod(String),
    /// `Engine(…).m()`, `Engine.objects.first().m()`: a method of an instance
    /// of this project class (lower-cased), with the method's name: that
    /// class's own method when the project defines it there and no class
    /// derives from it.
    Instance(String, String),
}

/// What one file tells about the project.
#[derive(Debug, Default, Clone, Serialize, serde::Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct FileFacts {
    /// Product code: neither tooling (a script, a command-line tool) nor an
    /// example, by where it sits. A fix's precedent is taken from it first.
    pub product_path: bool,
    /// Libraries the file imports, with the import line.
    pub libraries: Vec<(Library, usize)>,
    /// Defines a route such as `"/healthz"`.
    pub health_route: bool,
    /// Registers a SIGTERM/SIGINT handler or a framework's shutdown hooks.
    pub sigterm: bool,
    /// Go: calls `.Shutdown(` (the signal may be trapped in another file of
    /// the package, or cancel a context passed in from another package).
    pub go_shutdown_call: bool,
    /// Sets Celery's global task time limit (any spelling: `app.conf`, a
    /// celeryconfig module, Django `CELERY_` settings).
    pub celery_time_limit: bool,
    /// Sets Celery's `task_acks_late = True`.
    pub celery_acks_late: bool,
    /// Sets Celery's `task_acks_late` to a value read at run time.
    pub celery_acks_unknown: bool,
    /// Declares HTTP controllers (`@RestController`, `@GetMapping`, …).
    pub controllers: bool,
    /// Clients whose process-wide default timeout the file sets.
    pub process_timeouts: Vec<&'static str>,
    /// requests adapters the file defines that fill in a timeout.
    pub timeout_adapters: Vec<String>,
    /// A Dockerfile: the directory builds a container image.
    pub image: bool,
    /// The scripts its `HEALTHCHECK` runs, by file name.
    pub probe_scripts: Vec<String>,
    /// Columns ([`column_key`]s) the file looks a single row up by:
    /// `.filter(slug=s).one_or_none()`, `.get(email=e)`, `filter_by(external_id=x).first()`,
    /// `findOne({ where: { slug } })`, `Where("username = ?", u).First(&user)`.
    pub lookup_columns: Vec<String>,
    /// Functions of the file (lower-cased names) that catch failures in their
    /// own body: a call of one of them from another file does not raise.
    pub catching_functions: Vec<String>,
    /// Columns a migration covers with a unique constraint or index, with their
    /// table where the migration names it, as [`column_key`]s and [`table_key`]s.
    pub unique_columns: Vec<(Option<String>, String)>,
    /// Functions of the file (lower-cased names) whose own body makes an
    /// outbound call (an HTTP request, an RPC, an SDK call), each with the first
    /// such call (`` `requests.get(...)` at `app/sync.py:12` ``).
    pub calls_out: Vec<(String, String)>,
    /// Calls between functions by name: (caller, callee), lower-cased, the
    /// callee by its last name segment (`self.sync`, `sync.run` → `sync`, `run`).
    pub call_edges: Vec<(String, String)>,
    /// Calls among [`FileFacts::call_edges`] whose receiver says they are not
    /// of every function of that name: (caller, callee, why).
    pub foreign_edges: Vec<(String, String, Foreign)>,
    /// Python calls that can only be of one module's top-level function:
    /// (caller, [`module_function_key`]) for a call through an imported module
    /// (`_api.ping(url)` after `from fides.core import api as _api`).
    pub module_edges: Vec<(String, String)>,
    /// The [`FileFacts::call_edges`] (by index) made by a bare name
    /// (`ping(url)`): besides its module, the only way to call a module's
    /// function.
    pub bare_edges: Vec<u32>,
    /// The [`FileFacts::call_edges`] (by index) every call of which is made
    /// inside a deadline that bounds whatever the callee does
    /// (`asyncio.wait_for(sync())`, `tokio::time::timeout(d, sync())`).
    pub deadline_edges: Vec<u32>,
    /// The [`FileFacts::call_edges`] (by index) every call of which hands the
    /// callee a Go context carrying a deadline (`sync(ctx)` after `ctx, cancel
    /// := context.WithTimeout(…)`), or is wrapped in a deadline on some calls
    /// and handed one on the others: it bounds the requests built on it.
    pub context_deadline_edges: Vec<u32>,
    /// The base classes this file's classes name (last names, lower-cased).
    pub class_bases: Vec<String>,
    /// Names of this file's methods (Python, lower-cased): a queue job is a
    /// module's function, and a method of the same name is not that job.
    pub method_names: Vec<String>,
    /// This file's classes with each method their body defines (Python,
    /// lower-cased): (class, method).
    pub class_methods: Vec<(String, String)>,
    /// Script modules this one imports by relative path, as [`module_key`]s.
    pub script_imports: Vec<String>,
    /// A script module marks itself as client code: React's `'use client'`
    /// directive, or a hook call (`useState(`), which only client components
    /// make.
    pub client_marks: bool,
    /// A script module marks itself as server code (`'use server'`): what it
    /// imports runs on the server, whoever imports it.
    pub server_marks: bool,
    /// Names route registrations hand to a router, with whether an
    /// administrators' guard covers them.
    pub route_guards: Vec<crate::model::guards::RouteGuard>,
    /// Rust files this one declares as test-only modules
    /// (`#[cfg(test)] mod harness;` → `util/harness.rs`, `util/harness/mod.rs`).
    pub test_modules: Vec<String>,
    /// Functions (lower-cased) a job queue runs under a time limit its
    /// decorator sets: `@job("queries", timeout=30)` (RQ),
    /// `@app.task(time_limit=300)` (Celery), `@dramatiq.actor(time_limit=…)`.
    pub bounded_jobs: Vec<String>,
    /// Celery tasks (lower-cased) whose decorator sets no time limit
    /// (`@app.task`, `@shared_task(bind=True)`): the app's `task_time_limit`,
    /// where its configuration sets one, kills them.
    pub celery_tasks: Vec<String>,
    /// Python functions (lower-cased last names) the file hands to RQ to run as
    /// jobs (`queue.enqueue(sync_orders, …)`, `scheduler.cron(…, func=f)`):
    /// RQ kills a job after its `job_timeout`, 180 s unless set.
    pub queued_jobs: Vec<String>,
    /// The file's functions that hand one of their parameters to RQ as a job
    /// (a project's scheduling wrapper): (function, parameter), lower-cased.
    pub job_wrappers: Vec<(String, String)>,
    /// Functions passed by keyword to a call (`job_scheduler(function=sync)`):
    /// (callee, keyword, function), lower-cased; jobs when the callee is a
    /// [`FileFacts::job_wrappers`] entry of the service.
    pub job_handoffs: Vec<(String, String, String)>,
    /// Script functions (lower-cased callee names) this file calls without
    /// waiting (a statement `track(…)`, `track(…).catch(…)`, `void track(…)`),
    /// and those it calls any other way (awaited, returned, passed on).
    pub detached_calls: Vec<String>,
    pub waited_calls: Vec<String>,
    /// Functions (lower-cased callee names) called inside a loop: work that
    /// repeats, so not start-up work even when `main` is the caller.
    pub looped_callees: Vec<String>,
    /// Functions (lower-cased callee names) called inside a loop that never
    /// ends: a daemon's repeated work.
    pub endless_callees: Vec<String>,
    /// The file's command-line commands, as the caller key their calls carry in
    /// [`FileFacts::call_edges`] (`cli:<path>`).
    pub commands: Vec<String>,
    /// A Go file with a package `init` function: `init` is a program's
    /// start-up there (elsewhere, `init` is an ordinary method name).
    pub go_init: bool,
    /// The file loads modules by a name it computes
    /// ([`crate::model::unreferenced::loads_modules_dynamically`]).
    pub dynamic_loads: bool,
    /// A Go program's main file: `package main` with a `func main`.
    pub go_main: bool,
    /// A Go file that keeps its program running ([`go_daemon_marks`]).
    pub go_daemon: bool,
    /// A Java or Kotlin file's JDK `HttpRequest`s: whether every one it builds
    /// sets its own `.timeout(…)`; `None` when it builds none.
    pub timed_requests: Option<bool>,
    /// Functions named for a timeout (`fetchWithTimeout`, `get_with_timeout`)
    /// that make an outbound call themselves: the project's bounded helpers,
    /// with their line.
    pub timeout_helpers: Vec<(String, usize)>,
    /// Client APIs (their ids) the file bounds with a timeout it sets, with the
    /// line of the first such setting.
    pub bounded_apis: Vec<(&'static str, usize)>,
    /// Script code: the ports it listens on (`app.listen(process.env.PORT ||
    /// 8080)`); Python: the ports its server starts on (`app.run(port=5000)`).
    pub listen_ports: Vec<u16>,
    /// Python: the names a server's port is given by (`app.run(port=PORT)`,
    /// `uvicorn.run(app, port=settings.port)`), as written.
    pub listen_port_names: Vec<String>,
    /// Script code: exported constants holding a loopback URL, with its port.
    pub loopback_consts: Vec<(String, u16)>,
    /// Go: the import paths of the file.
    pub go_imports: Vec<String>,
    /// Rust: the paths the file's text writes into its own or another crate
    /// of the workspace ([`rust_paths`]).
    pub rust_paths: Vec<String>,
    /// A Rust file that keeps its program running ([`rust_daemon_marks`]).
    pub rust_daemon: bool,
    /// The paths of the routes the file registers (`app.delete("/api/docs/:docId",
    /// …)`), as written.
    pub route_paths: Vec<String>,
    /// The names the file's text holds, as [`crate::model::unreferenced::words`]
    /// hashes: whether any other file names a definition.
    pub words: Vec<u32>,
    /// The file's functions that call others and that nothing but their name
    /// reaches, written once in the file ([`crate::model::unreferenced::dead_callers`]):
    /// (call-graph key, the name that reaches them).
    pub dead_callers: Vec<(String, String)>,
}

/// A script module's key: its path without the extension, and a directory's
/// `index` module as the directory (`web/api/index.ts` → `web/api`).
pub fn module_key(path: &str) -> String {
    const EXTENSIONS: &[&str] = &[".tsx", ".ts", ".jsx", ".mjs", ".cjs", ".js"];
    let stem = EXTENSIONS
        .iter()
        .find_map(|e| path.strip_suffix(e))
        .unwrap_or(path);
    stem.strip_suffix("/index").unwrap_or(stem).to_string()
}

/// A route's or a requested path's segments, with `*` for a parameter
/// (`:docId`, `{id}`, `<int:id>`, `${doc.id}`) and `**` for a catch-all
/// (`*splat`), which matches nothing; the query left out.
/// None for a path of fewer than two segments, or one whose first segment is
/// not written out: too little to tell one service's route from another's.
pub fn route_segments(path: &str) -> Option<Vec<String>> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.contains('*') {
                // A catch-all (`*splat`, `*`): a mounted handler's, whose own
                // routes are not known.
                "**".to_string()
            } else if s.starts_with(':')
                || s.starts_with('{')
                || s.starts_with('<')
                || s.contains("${")
            {
                "*".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    (segments.len() >= 2 && segments[0] != "*").then_some(segments)
}

/// Whether a requested path's segments are those of a route: the same count,
/// each the same or a parameter on either side, and at least two written out
/// on both.
fn same_route(route: &[String], path: &[String]) -> bool {
    !route.iter().any(|r| r == "**")
        && route.len() == path.len()
        && route
            .iter()
            .zip(path)
            .all(|(r, p)| r == "*" || p == "*" || r == p)
        && route
            .iter()
            .zip(path)
            .filter(|(r, p)| *r != "*" && *p != "*")
            .count()
            >= 2
}

#[cfg(test)]
mod module_key_tests {
    #[test]
    fn relative_imports_name_module_keys() {
        use super::{module_key, relative_module};
        assert_eq!(module_key("web/api/index.ts"), "web/api");
        assert_eq!(module_key("web/user.service.ts"), "web/user.service");
        assert_eq!(
            relative_module("web/limits/provider/client.tsx", "../client").as_deref(),
            Some("web/limits/client")
        );
        assert_eq!(
            relative_module("web/a.ts", "./user.service").as_deref(),
            Some("web/user.service")
        );
        assert_eq!(
            relative_module("web/a.ts", "./b.js").as_deref(),
            Some("web/b")
        );
        assert_eq!(relative_module("a.ts", "../../x"), None);
        assert_eq!(relative_module("web/a.ts", "react"), None);
    }
}

/// The [`module_key`] a relative import specifier (`../client`) names from
/// the file at `path`; `None` for a package import.
pub fn relative_module(path: &str, spec: &str) -> Option<String> {
    if !(spec.starts_with("./") || spec.starts_with("../")) {
        return None;
    }
    normalize_path(&format!("{}/{spec}", dir_of(path))).map(|p| module_key(&p))
}

/// A `/`-separated path with its `.` and `..` segments resolved; `None` when
/// it climbs above the scan root.
pub fn normalize_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The key of a Python module's top-level function across files:
/// `py:fides/core/api:ping` for `ping` in `fides.core.api` (the file
/// `src/fides/core/api.py` below its service root), lower-cased; the module
/// named as imports do (dotted) or as [`python_module_of`] does (a path).
pub fn module_function_key(module: &str, function: &str) -> String {
    format!(
        "py:{}:{}",
        module.replace('.', "/").to_ascii_lowercase(),
        function.to_ascii_lowercase()
    )
}

/// A Python file's module path below its service root, as imports name it:
/// `src/fides/core/api.py` → `fides/core/api`; a package's `__init__.py` is
/// the package.
pub fn python_module_of(path: &str, root: &str) -> Option<String> {
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .trim_start_matches('/')
        .strip_suffix(".py")?;
    let rel = rel.strip_prefix("src/").unwrap_or(rel);
    let rel = rel.strip_suffix("/__init__").unwrap_or(rel);
    Some(rel.to_string())
}

/// The key of a Go package-level function across files: its package's import
/// path and its name (`go:github.com/acme/app/pkg/client:Fetch`). A call by a
/// bare name is of its own package's function, a call through an import
/// alias of that package's: two packages' `encrypt` are two functions.
pub fn go_function_key(package: &str, function: &str) -> String {
    format!("go:{package}:{function}")
}

/// The import path of the Go package a file at `path` belongs to, when a
/// `go.mod` of the project holds it.
pub fn go_package_of(modules: &[(String, String)], path: &str) -> Option<String> {
    go_import_path(modules, &dir_of(path))
}

/// Whether a Go import path names one of the project's own packages.
pub fn go_own_import(modules: &[(String, String)], import: &str) -> bool {
    modules.iter().any(|(_, module)| {
        import == module
            || import
                .strip_prefix(module.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// A Go package's import path: its `go.mod`'s module path joined with its
/// directory below that `go.mod` (the nearest one above it).
fn go_import_path(modules: &[(String, String)], dir: &str) -> Option<String> {
    go_module_of(modules, dir).map(|(_, module, rest)| {
        if rest.is_empty() {
            module.to_string()
        } else {
            format!("{module}/{rest}")
        }
    })
}

/// The Go module a directory belongs to (the nearest `go.mod` above it): its
/// root, its module path and the directory below the root.
fn go_module_of<'m, 'd>(
    modules: &'m [(String, String)],
    dir: &'d str,
) -> Option<(&'m str, &'m str, &'d str)> {
    modules
        .iter()
        .filter_map(|(root, module)| {
            let rest = if root.is_empty() {
                Some(dir)
            } else if dir == root {
                Some("")
            } else {
                dir.strip_prefix(root.as_str())?.strip_prefix('/')
            };
            rest.map(|r| (root.as_str(), module.as_str(), r))
        })
        .max_by_key(|(root, _, _)| root.len())
}

/// Import path → package directory, for the product (non-test) Go packages
/// among `files`.
fn go_packages<'a>(
    modules: &[(String, String)],
    files: impl Iterator<Item = (&'a str, &'a FileFacts)>,
) -> BTreeMap<String, String> {
    files
        .filter(|(path, _)| path.ends_with(".go") && !path.ends_with("_test.go"))
        .map(|(path, _)| dir_of(path))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|dir| go_import_path(modules, &dir).map(|p| (p, dir)))
        .collect()
}

/// Go packages (directories) that only test files import: helpers of an
/// integration test kept outside `_test.go` files (a test server, test clients).
/// So is a package nothing imports whose directory is mostly tests (twice as
/// many `_test.go` files as others), in a module that builds programs
/// (`package main`) and that is not one itself: a test suite's client
/// (`fvt/sdk.go` beside `fvt/*_test.go`), which only those tests run. (A
/// package with fewer tests may be imported from a directory the scan does
/// not read, `build/`.)
/// A package's import path is its `go.mod`'s module path joined with its
/// directory below that `go.mod` (the nearest one above it).
pub fn go_test_only_packages<'a>(
    modules: &[(String, String)],
    files: impl Iterator<Item = (&'a str, &'a FileFacts)> + Clone,
) -> std::collections::BTreeSet<String> {
    let is_test = |path: &str| path.ends_with("_test.go");
    let packages = go_packages(modules, files.clone());
    if packages.is_empty() {
        return Default::default();
    }
    // Directories holding tests, and programs, by their module's root.
    let mut tested: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut programs: std::collections::BTreeSet<&str> = Default::default();
    let mut mains: std::collections::BTreeSet<String> = Default::default();
    let module_root = |dir: &str| go_module_of(modules, dir).map(|(root, _, _)| root);
    // Per package: imported by a test file, imported by other code.
    let mut importers: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for (path, facts) in files {
        let own = dir_of(path);
        let counts = tested.entry(own.clone()).or_default();
        if is_test(path) {
            counts.0 += 1;
        } else {
            counts.1 += 1;
            if facts.go_main {
                programs.extend(module_root(&own));
                mains.insert(own.clone());
            }
        }
        for import in &facts.go_imports {
            let Some(package) = packages.get(import) else {
                continue;
            };
            if *package == own {
                continue;
            }
            let e = importers.entry(package.as_str()).or_default();
            if is_test(path) {
                e.0 = true;
            } else {
                e.1 = true;
            }
        }
    }
    let unimported = packages.values().filter(|dir| {
        !importers.contains_key(dir.as_str())
            && tested
                .get(dir.as_str())
                .is_some_and(|(tests, code)| *tests >= 2 * *code)
            && !mains.contains(*dir)
            && module_root(dir).is_some_and(|root| programs.contains(root))
    });
    importers
        .iter()
        .filter(|(_, (tests, others))| *tests && !*others)
        .map(|(p, _)| p.to_string())
        .chain(unimported.cloned())
        .collect()
}

/// What in a Go file's text keeps a program running: a server (or the
/// handlers and router one serves), a signal it waits for, a ticker, a
/// subscription, a block forever. A program whose packages hold none of these
/// runs once and exits.
pub fn go_daemon_marks(src: &str) -> bool {
    const MARKS: &[&str] = &[
        "ListenAndServe",
        "Serve(",
        "ServeTLS",
        "Listen(",
        "signal.Notify",
        "NotifyContext",
        "SetupSignalHandler",
        "InterruptCh",
        "NewTicker",
        "time.Tick(",
        "select {}",
        "Subscribe(",
        "Consume(",
        "cron.",
        "wait.Until",
        "wait.Forever",
        // Registering handlers is serving them; so is importing a router.
        "http.Handle",
        "ServeMux",
        "http.Server{",
        "grpc.NewServer",
        "gin-gonic/gin",
        "labstack/echo",
        "gofiber/fiber",
        "gorilla/mux",
        "go-chi/chi",
        "julienschmidt/httprouter",
    ];
    static ANY: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(MARKS).expect("a fixed word list builds")
    });
    ANY.is_match(src)
}

/// Go packages (directories) built only into command-line programs that run
/// once and exit: every program (`package main` with `func main`) whose
/// imports reach the package starts no server and no long-lived loop
/// ([`FileFacts::go_daemon`] in none of the packages it builds from), and
/// every other package importing it is such a package too. The programs'
/// own packages count. A package no program reaches is not among them.
pub fn go_tool_only_packages<'a>(
    modules: &[(String, String)],
    files: impl Iterator<Item = (&'a str, &'a FileFacts)> + Clone,
) -> std::collections::BTreeSet<String> {
    use std::collections::BTreeSet;
    let packages = go_packages(modules, files.clone());
    if packages.is_empty() {
        return BTreeSet::new();
    }
    // Per package: the packages it imports, whether it keeps a program
    // running, whether it is a program.
    let mut imports: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut daemon: BTreeSet<String> = BTreeSet::new();
    let mut mains: BTreeSet<String> = BTreeSet::new();
    for (path, facts) in
        files.filter(|(path, _)| path.ends_with(".go") && !path.ends_with("_test.go"))
    {
        let own = dir_of(path);
        if facts.go_daemon || !facts.endless_callees.is_empty() {
            daemon.insert(own.clone());
        }
        if facts.go_main {
            mains.insert(own.clone());
        }
        let e = imports.entry(own.clone()).or_default();
        for import in &facts.go_imports {
            if let Some(package) = packages.get(import).filter(|p| **p != own) {
                e.insert(package.as_str());
            }
        }
    }
    // Each program's packages, by a walk over the imports (no recursion).
    let reach = |main: &str| -> BTreeSet<String> {
        let mut seen: BTreeSet<String> = BTreeSet::from([main.to_string()]);
        let mut stack = vec![main.to_string()];
        while let Some(p) = stack.pop() {
            for next in imports.get(&p).into_iter().flatten() {
                if seen.insert((*next).to_string()) {
                    stack.push((*next).to_string());
                }
            }
        }
        seen
    };
    let mut once: BTreeSet<String> = BTreeSet::new();
    let mut running: BTreeSet<String> = BTreeSet::new();
    for main in &mains {
        let built = reach(main);
        if built.iter().any(|p| daemon.contains(p)) {
            running.extend(built);
        } else {
            once.extend(built);
        }
    }
    let mut tools: BTreeSet<String> = once.difference(&running).cloned().collect();
    // A package some other code imports (a library's package, one a plugin
    // loads) may run elsewhere: left out, and what only it imports too.
    loop {
        let outside: Vec<String> = imports
            .iter()
            .filter(|(from, _)| !tools.contains(*from))
            .flat_map(|(_, to)| to.iter())
            .filter(|p| tools.contains(**p))
            .map(|p| p.to_string())
            .collect();
        if outside.is_empty() {
            break;
        }
        for p in outside {
            tools.remove(&p);
        }
    }
    tools
}

/// Whether a Rust file's text keeps its program running: it serves, listens,
/// spawns work, loops for good, ticks or waits for a signal.
pub fn rust_daemon_marks(src: &str) -> bool {
    const MARKS: &[&str] = &[
        "serve(",
        "Server::bind",
        "Server::builder",
        "HttpServer",
        ".listen(",
        "TcpListener::bind",
        "UdpSocket::bind",
        "spawn(",
        "loop {",
        "#[launch]",
        "rocket::",
        "actix_web::main",
        "interval(",
        "ctrl_c(",
    ];
    MARKS.iter().any(|m| src.contains(m))
}

/// The paths a Rust file's text writes that may lead into a crate of the
/// workspace (`crate::web::api::Client`, `super::http::Http`,
/// `torrust_index::console::run`): each a lower-case name followed by `::`
/// segments, up to its last name. A group is spelt out (`use crate::api::{a,
/// b::C}` → `crate::api::a`, `crate::api::b::C`); a glob ends in `*` (`use
/// super::*`). Comments count: a path too many is a reference too many,
/// which keeps code in. At most 512.
pub fn rust_paths(src: &str) -> Vec<String> {
    const MAX: usize = 512;
    let bytes = src.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out: Vec<String> = Vec::new();
    let push = |out: &mut Vec<String>, path: String| {
        let first = path.split("::").next().unwrap_or("");
        if !matches!(first, "std" | "core" | "alloc") && path.len() <= 256 && out.len() < MAX {
            out.push(path);
        }
    };
    // The bytes group scans may read in all: linear in the file, however
    // many unclosed groups it holds.
    let mut budget = 2 * bytes.len() + 65_536;
    let mut i = 0;
    while i < bytes.len() && out.len() < MAX {
        let starts = (bytes[i].is_ascii_lowercase() || bytes[i] == b'_')
            && (i == 0 || !(word(bytes[i - 1]) || bytes[i - 1] == b':'));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut segments = 0;
        let mut tail = None;
        loop {
            while end < bytes.len() && word(bytes[end]) {
                end += 1;
            }
            if !bytes[end..].starts_with(b"::") {
                break;
            }
            match bytes.get(end + 2) {
                Some(b) if word(*b) => {
                    end += 2;
                    segments += 1;
                }
                Some(b @ (b'{' | b'*')) => {
                    tail = Some(*b);
                    break;
                }
                _ => break,
            }
        }
        let path = &src[start..end];
        match tail {
            Some(b'*') => push(&mut out, format!("{path}::*")),
            Some(_) => {
                // The group, to its closing brace.
                let open = end + 2;
                let mut depth = 0usize;
                let mut close = None;
                let window = 4096.min(budget);
                budget -= window;
                for (k, &b) in bytes[open..].iter().enumerate().take(window) {
                    match b {
                        b'{' => depth += 1,
                        b'}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                close = Some(open + k);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                match close {
                    Some(close) => {
                        // Nested groups by a stack of (prefix, items), no recursion.
                        let mut stack = vec![(path.to_string(), &src[open + 1..close])];
                        while let Some((prefix, items)) = stack.pop() {
                            let mut depth = 0usize;
                            let mut from = 0;
                            let ib = items.as_bytes();
                            for k in 0..=ib.len() {
                                let b = ib.get(k).copied().unwrap_or(b',');
                                match b {
                                    b'{' => depth += 1,
                                    b'}' => depth = depth.saturating_sub(1),
                                    b',' if depth == 0 => {
                                        let item = items[from..k].trim();
                                        let item = item.split(" as ").next().unwrap_or(item).trim();
                                        from = k + 1;
                                        if item.is_empty() || item == "self" {
                                            push(&mut out, prefix.clone());
                                        } else if let Some((head, group)) = item.split_once("::{") {
                                            let group = group.strip_suffix('}').unwrap_or(group);
                                            stack.push((format!("{prefix}::{head}"), group));
                                        } else {
                                            push(&mut out, format!("{prefix}::{item}"));
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                        end = close;
                    }
                    // An unclosed group: everything below its prefix.
                    None => push(&mut out, format!("{path}::*")),
                }
            }
            _ if segments > 0 => push(&mut out, path.to_string()),
            _ => {}
        }
        i = end.max(i + 1);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A Rust file's path below its crate's root.
fn crate_relative<'p>(path: &'p str, root: &str) -> Option<&'p str> {
    if matches!(root, "" | ".") {
        Some(path)
    } else {
        path.strip_prefix(root)?.strip_prefix('/')
    }
}

/// A Rust file's module in its crate (`src/web/api/mod.rs` → `web::api`,
/// `src/lib.rs` → the crate's root, ``), or `None` for a program's own file
/// (`src/main.rs`, `src/bin/seed.rs`) and a file outside `src/`.
fn rust_module_of(path: &str, root: &str) -> Option<String> {
    let rel = crate_relative(path, root)?;
    if program_relative(rel) {
        return None;
    }
    let rel = rel.strip_prefix("src/")?.strip_suffix(".rs")?;
    if rel == "lib" {
        return Some(String::new());
    }
    let rel = rel.strip_suffix("/mod").unwrap_or(rel);
    Some(rel.replace('/', "::"))
}

/// Whether a Rust file is its crate's program's own: `src/main.rs` or under
/// `src/bin/`.
fn rust_program_file(path: &str, root: &str) -> bool {
    crate_relative(path, root).is_some_and(program_relative)
}

/// [`rust_program_file`] for a path below the crate's root.
fn program_relative(rel: &str) -> bool {
    rel == "src/main.rs" || rel.starts_with("src/bin/")
}

/// The Rust files (by path) of crates with programs that only programs
/// which end build from: files that the paths written in one-shot programs
/// (an admin command, a seeder, a migration tool, [`rust_daemon_marks`] in
/// none of the files they reach) lead to, and the paths of no program that
/// keeps running, nor of any other file. `crates` are each crate's root and
/// library name (`torrust_index`); `files` each file's path, crate root and
/// facts. Like [`go_tool_only_packages`], by the paths the files write: a
/// file no path leads to is left out.
pub fn rust_tool_only_files<'a>(
    crates: &[(String, String)],
    files: impl Iterator<Item = (&'a str, &'a str, &'a FileFacts)>,
) -> std::collections::BTreeSet<String> {
    use std::collections::BTreeSet;
    // Each Rust file with its module (`None`: a program's own file, or one
    // outside `src/`).
    let rust: Vec<(&str, &str, &FileFacts, Option<String>)> = files
        .filter(|(path, _, _)| path.ends_with(".rs"))
        .map(|(path, root, facts)| (path, root, facts, rust_module_of(path, root)))
        .collect();
    // (root, module) → file; the crates with a program.
    let mut modules: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    let mut with_programs: BTreeSet<&str> = BTreeSet::new();
    for (path, root, _, module) in &rust {
        match module {
            Some(m) => {
                modules.insert((root, m.as_str()), path);
            }
            None if rust_program_file(path, root) => {
                with_programs.insert(root);
            }
            None => {}
        }
    }
    if with_programs.is_empty() {
        return BTreeSet::new();
    }
    let lib_root = |name: &str| {
        crates
            .iter()
            .find(|(_, n)| n == name)
            .map(|(r, _)| r.as_str())
    };
    // Each file's edges to the files its paths lead to.
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut daemon: BTreeSet<&str> = BTreeSet::new();
    let mut programs: Vec<&str> = Vec::new();
    for &(path, root, facts, ref module) in &rust {
        if facts.rust_daemon || !facts.endless_callees.is_empty() {
            daemon.insert(path);
        }
        if module.is_none() && rust_program_file(path, root) {
            programs.push(path);
        }
        let own: Vec<&str> = module
            .iter()
            .flat_map(|m| m.split("::"))
            .filter(|s| !s.is_empty())
            .collect();
        let e = edges.entry(path).or_default();
        for p in &facts.rust_paths {
            let mut segments: Vec<&str> = p.split("::").collect();
            let glob = segments.last() == Some(&"*");
            if glob {
                segments.pop();
            }
            let (crate_root, mut full): (&str, Vec<&str>) = match segments[0] {
                "crate" => (root, segments[1..].to_vec()),
                "self" => (root, own.iter().chain(&segments[1..]).copied().collect()),
                "super" => {
                    let ups = segments.iter().take_while(|s| **s == "super").count();
                    let keep = own.len().saturating_sub(ups);
                    (
                        root,
                        own[..keep]
                            .iter()
                            .chain(&segments[ups..])
                            .copied()
                            .collect(),
                    )
                }
                name => match lib_root(name) {
                    Some(r) => (r, segments[1..].to_vec()),
                    None => continue,
                },
            };
            // A group or a glob may reach any module below its prefix.
            if glob {
                let prefix = full.join("::");
                let below = format!("{prefix}::");
                e.extend(
                    modules
                        .range((crate_root, prefix.as_str())..)
                        .take_while(|((r, m), _)| {
                            *r == crate_root
                                && (m.starts_with(&below) || *m == prefix || prefix.is_empty())
                        })
                        .map(|(_, f)| *f),
                );
            }
            // The longest prefix naming a module of the crate.
            loop {
                if let Some(file) = modules.get(&(crate_root, full.join("::").as_str())) {
                    e.insert(file);
                    break;
                }
                if full.pop().is_none() {
                    break;
                }
            }
        }
    }
    // Each program's files, by a walk over the edges (no recursion).
    let reach = |from: &'a str| -> BTreeSet<&'a str> {
        let mut seen: BTreeSet<&str> = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(f) = stack.pop() {
            for next in edges.get(f).into_iter().flatten() {
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        seen
    };
    let mut once: BTreeSet<&str> = BTreeSet::new();
    let mut running: BTreeSet<&str> = BTreeSet::new();
    for program in programs {
        let built = reach(program);
        if built.iter().any(|f| daemon.contains(f)) {
            running.extend(built);
        } else {
            once.extend(built);
        }
    }
    // Only a module of a crate with programs: a library crate's are its
    // users' too.
    let of_programs: BTreeSet<&str> = modules
        .iter()
        .filter(|((root, _), _)| with_programs.contains(root))
        .map(|(_, file)| *file)
        .collect();
    let mut tools: BTreeSet<&str> = once
        .difference(&running)
        .copied()
        .filter(|f| of_programs.contains(f))
        .collect();
    // A file some other file's paths lead to may run elsewhere: left out,
    // and what only it leads to too.
    loop {
        let outside: Vec<&str> = edges
            .iter()
            .filter(|(from, _)| !tools.contains(*from) && !once.contains(*from))
            .flat_map(|(_, to)| to.iter().copied())
            .filter(|f| tools.contains(f))
            .collect();
        if outside.is_empty() {
            break;
        }
        for f in outside {
            tools.remove(f);
        }
    }
    tools.into_iter().map(str::to_string).collect()
}

/// A column name compared across spellings: `external_id`, `externalId` and
/// `ExternalID` are one column.
pub fn column_key(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// A table or model name compared across spellings and number: `users`,
/// `User` and `user` are one table.
pub fn table_key(name: &str) -> String {
    let key = column_key(name);
    key.strip_suffix('s').map_or(key.clone(), str::to_string)
}

/// A service root and the directories above it, ending with the scan root
/// (`""`): where a parent build file's declarations are inherited from.
fn dirs_up(root: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(root), |d| match d.rsplit_once('/') {
        Some((parent, _)) => Some(parent),
        None if !d.is_empty() => Some(""),
        None => None,
    })
}

/// The scope calls by name are linked in for a file of service `root`: code
/// of one language calls only functions of that language (a Go `decrypt` is
/// not the one a TypeScript page calls), Java and Kotlin calling each other.
/// Python's is the root itself, the key its module paths are relative to.
pub fn call_scope<'r>(root: &'r str, path: &str) -> std::borrow::Cow<'r, str> {
    let lang = crate::lang::Lang::from_path(std::path::Path::new(path)).map(|l| l.family());
    let tag = match lang {
        Some(Family::Go) => "go",
        Some(Family::Rs) => "rs",
        Some(Family::Ts) => "ts",
        Some(Family::Java | Family::Kt) => "jvm",
        Some(Family::Swift) => "swift",
        Some(Family::Dart) => "dart",
        _ => return std::borrow::Cow::Borrowed(root),
    };
    std::borrow::Cow::Owned(format!("{root}{SCOPE_MARK}{tag}"))
}

/// Separates a service root from the language of a [`call_scope`].
const SCOPE_MARK: char = '\u{1f}';

/// The service root of a [`call_scope`].
fn scope_root(scope: &str) -> &str {
    scope.split(SCOPE_MARK).next().unwrap_or(scope)
}

/// A function's name as the call graph keys it: case-folded, since most
/// languages' conventions spell one function several ways (`Sync`/`sync` in
/// Python's dispatch tables, SQL, configuration), except in Go, where case
/// tells two functions apart (`notify` and the `Notify` it calls).
pub fn name_key(lang: crate::lang::Lang, name: &str) -> String {
    if lang == crate::lang::Lang::Go {
        name.to_string()
    } else {
        name.to_ascii_lowercase()
    }
}

/// The directory part of a report path: a Go package.
pub fn dir_of(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}

impl FileFacts {
    pub fn gather(
        model: &Model,
        path: &str,
        vocabulary: Option<&crate::vocabulary::Vocabulary>,
    ) -> FileFacts {
        let family = model.lang.family();
        let mut libraries = Vec::new();
        let imported = model
            .modules
            .iter()
            .zip(&model.module_lines)
            .map(|(m, l)| (m.as_str(), *l))
            .chain(model.imports.iter().map(|i| (i.target.as_str(), 0)));
        for (module, line) in imported {
            for lib in LIBRARIES.iter().filter(|l| l.family == family) {
                if lib.prefixes.iter().any(|p| module.starts_with(p))
                    && !libraries.iter().any(|(l, _)| l == lib)
                {
                    libraries.push((*lib, line.max(1)));
                }
            }
        }
        let facts = &model.facts;
        let sigterm = !facts.signals.is_empty();
        // The ports a server starts on, as numbers and as names (Python).
        let (listen_ports, listen_port_names) = match family {
            Family::Ts => (listen_ports(model.src), Vec::new()),
            Family::Py => py_listen(model.src),
            _ => (Vec::new(), Vec::new()),
        };
        FileFacts {
            // Set by the engine, which knows where the file sits in its project.
            product_path: false,
            libraries,
            route_paths: facts.routes.iter().map(|r| r.path.clone()).collect(),
            health_route: facts.routes.iter().any(|r| {
                crate::model::facts::is_health_path(&r.path)
                    || vocabulary.is_some_and(|v| v.is_health_path(&r.path))
            }) || (family == Family::Ts
                && crate::model::facts::is_health_route_file(path)),
            sigterm,
            go_shutdown_call: family == Family::Go && facts.shutdown_call,
            celery_time_limit: facts.celery_time_limit,
            celery_acks_late: facts.celery_acks_late,
            celery_acks_unknown: facts.celery_acks_unknown,
            controllers: facts.controllers,
            process_timeouts: facts.process_timeouts.clone(),
            timeout_adapters: facts.timeout_adapters.clone(),
            catching_functions: catching_functions(model),
            route_guards: facts.route_guards.clone(),
            bounded_jobs: bounded_jobs(model),
            celery_tasks: celery_tasks(model),
            test_modules: if family == Family::Rs {
                test_modules(model.src, path)
            } else {
                Vec::new()
            },
            lookup_columns: lookup_columns(model.src),
            image: false,
            probe_scripts: Vec::new(),
            unique_columns: Vec::new(),
            calls_out: Vec::new(),
            call_edges: Vec::new(),
            foreign_edges: Vec::new(),
            module_edges: Vec::new(),
            bare_edges: Vec::new(),
            deadline_edges: Vec::new(),
            context_deadline_edges: Vec::new(),
            class_bases: Vec::new(),
            method_names: Vec::new(),
            class_methods: Vec::new(),
            queued_jobs: Vec::new(),
            job_wrappers: Vec::new(),
            job_handoffs: Vec::new(),
            detached_calls: Vec::new(),
            waited_calls: Vec::new(),
            looped_callees: Vec::new(),
            endless_callees: Vec::new(),
            commands: Vec::new(),
            go_init: false,
            go_main: false,
            dynamic_loads: false,
            go_daemon: false,
            timed_requests: if matches!(family, Family::Java | Family::Kt)
                && model.src.contains("HttpRequest")
            {
                crate::model::clients::jvm::request_timeouts(model.src, model.root)
                    .map(|(all, _)| all)
            } else {
                None
            },
            timeout_helpers: Vec::new(),
            bounded_apis: Vec::new(),
            script_imports: Vec::new(),
            client_marks: false,
            server_marks: false,
            listen_ports,
            listen_port_names,
            loopback_consts: if family == Family::Ts {
                loopback_consts(model.src)
            } else {
                Vec::new()
            },
            go_imports: if family == Family::Go {
                model.modules.clone()
            } else {
                Vec::new()
            },
            rust_paths: Vec::new(),
            rust_daemon: false,
            words: Vec::new(),
            dead_callers: Vec::new(),
        }
    }
}

/// Where the name that ends `s` starts: after its last character that is not
/// part of a name (`[A-Za-z0-9_]`), which may take more than one byte.
fn name_start(s: &str) -> usize {
    s.char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// The port of a loopback URL as written in a string literal
/// (`'http://localhost:8080/app'`, `"http://127.0.0.1:3000"`).
pub fn loopback_port(literal: &str) -> Option<u16> {
    let url = literal.trim_matches(|c| matches!(c, '\'' | '"' | '`'));
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (host, port) = authority.rsplit_once(':')?;
    if !matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
        return None;
    }
    port.parse().ok()
}

/// The ports a script module listens on: `server.listen(8080)`,
/// `app.listen(port, …)` where `const port = process.env.PORT || 8080` (every
/// number the port's expression names).
fn listen_ports(src: &str) -> Vec<u16> {
    let numbers = |expr: &str| -> Vec<u16> {
        expr.split(|c: char| !c.is_ascii_digit())
            .filter(|d| (2..=5).contains(&d.len()))
            .filter_map(|d| d.parse::<u16>().ok())
            .filter(|&p| p >= 80)
            .collect()
    };
    let mut ports = Vec::new();
    for (i, m) in src.match_indices(".listen(").take(16) {
        let args = &src[i + m.len()..];
        let first = args.split([',', ')']).next().unwrap_or("").trim();
        if first.is_empty() || first.len() > 120 {
            continue;
        }
        if first
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
            && !first.starts_with(|c: char| c.is_ascii_digit())
        {
            // The variable's assignment in the module: `const port = …;`.
            let assigned = src.match_indices(first).take(64).find_map(|(j, _)| {
                let before = src[..j].chars().last();
                let after = src[j + first.len()..].trim_start();
                (!before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                    && after.starts_with('=')
                    && !after.starts_with("=="))
                .then(|| after[1..].split([';', '\n']).next().unwrap_or(""))
            });
            if let Some(expr) = assigned {
                ports.extend(numbers(expr));
            }
        } else {
            ports.extend(numbers(first));
        }
    }
    ports.sort_unstable();
    ports.dedup();
    ports
}

/// The calls that start a Python server on a port: Flask's and Socket.IO's
/// `app.run`, `uvicorn.run`, aiohttp's `web.run_app` and `TCPSite`,
/// waitress's `serve`, tornado's `listen`.
const PY_SERVER_STARTS: &[&str] = &[
    "run",
    "run_app",
    "serve",
    "run_server",
    "TCPSite",
    "listen",
    "start_server",
];

/// The ports a Python module's servers start on, and the names they are
/// given by: `app.run(host=HOST, port=PORT)` names `PORT`,
/// `uvicorn.run(app, port=8000)` is port 8000.
fn py_listen(src: &str) -> (Vec<u16>, Vec<String>) {
    let mut ports = Vec::new();
    let mut names = Vec::new();
    for (i, m) in src.match_indices("port=").take(32) {
        // A keyword argument: after `(` or `,`, not `report=` or `port==`.
        let before = src[..i].trim_end();
        if !(before.ends_with('(') || before.ends_with(',')) || src[i + m.len()..].starts_with('=')
        {
            continue;
        }
        // The call it is an argument of: the nearest unclosed `(` within a
        // few lines, and the name before it.
        let window = &before[before.len().saturating_sub(400)..];
        let mut depth = 0usize;
        let Some(open) = window.char_indices().rev().find_map(|(k, c)| match c {
            ')' | ']' | '}' => {
                depth += 1;
                None
            }
            '(' | '[' | '{' if depth > 0 => {
                depth -= 1;
                None
            }
            '(' => Some(k),
            _ => None,
        }) else {
            continue;
        };
        let callee = window[..open].trim_end();
        let method = &callee[name_start(callee)..];
        if !PY_SERVER_STARTS.contains(&method) {
            continue;
        }
        let value = src[i + m.len()..]
            .split([',', ')', '\n'])
            .next()
            .unwrap_or("")
            .trim();
        if let Ok(port) = value.parse::<u16>() {
            ports.push(port);
        } else if !value.is_empty()
            && !value.starts_with(|c: char| c.is_ascii_digit())
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            names.push(value.to_string());
        } else {
            // `int(os.environ.get("PORT", 5000))`: the default it names.
            ports.extend(
                value
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|d| (2..=5).contains(&d.len()))
                    .filter_map(|d| d.parse::<u16>().ok())
                    .filter(|&p| p >= 80),
            );
        }
    }
    ports.sort_unstable();
    ports.dedup();
    names.sort_unstable();
    names.dedup();
    (ports, names)
}

/// A script module's exported constants that hold a loopback URL:
/// `export const cloudServerUrl = 'http://localhost:8080/app';`.
fn loopback_consts(src: &str) -> Vec<(String, u16)> {
    src.lines()
        .filter_map(|l| {
            let rest = l.trim_start().strip_prefix("export const ")?;
            let (name, value) = rest.split_once('=')?;
            let name = name
                .trim()
                .trim_end_matches(|c: char| c == ':' || c.is_whitespace());
            let name = name.split(':').next()?.trim();
            let value = value.trim().trim_end_matches(';').trim();
            Some((name.to_string(), loopback_port(value)?))
        })
        .take(64)
        .collect()
}

/// The project's facts, from every file.
#[derive(Debug, Default)]
pub struct ProjectIndex {
    /// Handlers, setup functions and mounted routers only administrators reach,
    /// per service root.
    admin_routes: std::collections::BTreeSet<(String, String)>,
    /// The first place (by path, then line) each library is used.
    libraries: BTreeMap<(Family, &'static str), (LibraryKind, String, usize)>,
    /// The first bounded call helper per language family and service root
    /// (the root `None` entry: the first in the whole project): name, path, line.
    timeout_helpers: BTreeMap<(Family, Option<String>), (String, String, usize)>,
    /// Per service root and client API: the first place that sets its timeout.
    /// (path, line, whether the path is product code rather than tooling or an example)
    bounded_apis: BTreeMap<(String, &'static str), (String, usize, bool)>,
    /// Per file and client API: the line that sets its timeout.
    bounded_in_file: BTreeMap<(String, &'static str), usize>,
    /// Service roots with a health route / with SIGTERM handling.
    health_roots: std::collections::BTreeSet<String>,
    sigterm_roots: std::collections::BTreeSet<String>,
    celery_time_limit_roots: std::collections::BTreeSet<String>,
    controller_roots: std::collections::BTreeSet<String>,
    graceful_roots: std::collections::BTreeSet<String>,
    /// Spring Boot versions declared by build files, by directory.
    spring_versions: BTreeMap<String, (u32, u32)>,
    celery_acks_late_roots: std::collections::BTreeSet<String>,
    /// Service roots whose Celery `task_acks_late` is read at run time.
    celery_acks_unknown_roots: std::collections::BTreeSet<String>,
    /// Go packages with a `.Shutdown(` call in any file.
    go_shutdown_call_dirs: std::collections::BTreeSet<String>,
    /// Directories whose build file puts Spring Boot Actuator on the classpath.
    actuator_roots: std::collections::BTreeSet<String>,
    /// Columns some migration of the project makes unique, with their table
    /// where it is known.
    unique_columns: std::collections::BTreeSet<(Option<String>, String)>,
    /// Service roots that set a client's process-wide default timeout.
    process_timeouts: std::collections::BTreeSet<(String, &'static str)>,
    /// Service roots and the requests adapters of theirs that fill in a timeout.
    timeout_adapters: std::collections::BTreeSet<(String, String)>,
    /// Service roots and the functions of theirs that catch their own failures.
    catching_functions: std::collections::BTreeSet<(String, String)>,
    /// Columns some file of the project looks a single row up by.
    lookup_columns: std::collections::BTreeSet<String>,
    /// Directories with a Dockerfile.
    image_dirs: std::collections::BTreeSet<String>,
    /// Scripts some Dockerfile's `HEALTHCHECK` runs, by file name.
    probe_scripts: std::collections::BTreeSet<String>,
    /// Service roots and the functions of theirs that make an outbound call,
    /// themselves or through the project's functions they call (by name).
    /// With the outbound call each one reaches first.
    reaches_out: BTreeMap<(String, String), String>,
    /// The routes the project's Next.js server files define, by
    /// [`crate::stack::route_key`] (`api/teams`, `base-specs`).
    own_routes: std::collections::BTreeSet<String>,
    /// Script calls by lower-cased callee name: the calling module's index in
    /// `script_modules`, and whether the call is started and left.
    script_calls: BTreeMap<String, Vec<(usize, bool)>>,
    /// Script modules that make calls: their [`module_key`] and the modules
    /// they import.
    script_modules: Vec<(String, Vec<String>)>,
    /// The names findings asked about ([`Unless::Unreferenced`]) that no more
    /// than one file holds.
    unreferenced: std::collections::BTreeSet<String>,
    /// The names asked about whose every mention outside their own file is
    /// a call from a definition nothing reaches ([`Self::count_dead_callers`]);
    /// and those whose every mention at all is.
    dead_called: std::collections::BTreeSet<String>,
    dead_called_only: std::collections::BTreeSet<String>,
    /// Modules nothing imports, by directory and stem ([`Unless::DeadModule`]).
    dead_modules: std::collections::BTreeSet<(String, String)>,
    /// Script modules ([`module_key`]s) with how many importers are client
    /// code and how many are not.
    importers: BTreeMap<String, (u32, u32)>,
    /// Service roots and the functions of theirs that only start-up code calls.
    startup_only: std::collections::BTreeSet<(String, String)>,
    /// [`go_tool_only_packages`].
    go_tools: std::collections::BTreeSet<String>,
    /// Functions only a time-limited queue job runs, directly or through other
    /// such functions, per service root.
    time_bounded: std::collections::BTreeSet<(String, String)>,
    /// Work bounded by a deadline on the context its requests are built on:
    /// the [`ProjectIndex::time_bounded`] work, and every function all of whose
    /// callers hand it a Go context with a deadline or are such work.
    context_bounded: std::collections::BTreeSet<(String, String)>,
    /// The callers of a class's own method through an instance of it
    /// (`Engine(cfg).run()`), which the calls by name leave out of that name's
    /// callers: (root, class, method) → callers.
    instance_callers: BTreeMap<(String, String, String), Vec<String>>,
    /// Per service root, the ports its script code listens on.
    listen_ports: std::collections::BTreeSet<(String, u16)>,
    /// Per service root, the names its Python servers' ports are given by.
    listen_port_names: std::collections::BTreeSet<(String, String)>,
    /// Per service root, the segments of the routes it registers, `*` for a
    /// parameter.
    route_paths: std::collections::BTreeSet<(String, Vec<String>)>,
    /// Exported script constants holding a loopback URL: (module key, name) → port.
    loopback_consts: BTreeMap<(String, String), u16>,
    /// JVM source files by name (a class's own file) that build JDK
    /// `HttpRequest`s: whether every request of all files of that name sets
    /// its own timeout.
    timed_requests: BTreeMap<String, bool>,
}

/// Calls that fetch one row, and how far back their filter may start.
const SINGLE_ROW: &[&str] = &[
    ".one_or_none(",
    ".one(",
    ".first(",
    ".get(",
    "get_or_create(",
    "update_or_create(",
    "get_object_or_404(",
    ".scalar_one_or_none(",
    ".scalar(",
    "findOne(",
    "findOneBy(",
    "findUnique(",
    "findFirst(",
    ".First(",
    ".Take(",
    "findBy",
];

/// The columns the file looks a single row up by (see
/// [`FileFacts::lookup_columns`]): the keyword arguments, `Model.col ==`
/// comparisons, `where: { col` keys and `"col = ?"` conditions in the few
/// hundred bytes before a single-row fetch (or, for `findOne`, after it).
fn lookup_columns(src: &str) -> Vec<String> {
    const WINDOW: usize = 400;
    // Only the columns a natural key can be named (what IDM004 asks about):
    // most files name none of them and are not searched further.
    const KEY_WORDS: &[&str] = &[
        "email",
        "username",
        "slug",
        "external",
        "idempotency",
        "sku",
        "stripe",
    ];
    // Any spelling (`email`, `Email`, `userName`, `SKU`), in one pass.
    static ANY_KEY: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(KEY_WORDS)
                .expect("a fixed word list builds")
        });
    let mut out: Vec<String> = Vec::new();
    if !ANY_KEY.is_match(src) {
        return out;
    }
    // A column, or `table:column` when the lookup names its model.
    let mut add = |w: &str, model: Option<&str>| {
        let k = column_key(w);
        if !KEY_WORDS.iter().any(|kw| k.contains(kw)) {
            return;
        }
        let k = match model {
            Some(m) => format!("{}:{k}", table_key(m)),
            None => k,
        };
        if !out.contains(&k) {
            out.push(k);
        }
    };
    // Every single-row fetch, in one pass over the file.
    static FETCHES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(SINGLE_ROW).expect("a fixed word list builds")
        });
    for m in FETCHES.find_iter(src).take(4_000) {
        let (i, marker) = (m.start(), SINGLE_ROW[m.pattern().as_usize()]);
        // `.get(` fetches a row only on a Django manager or queryset
        // (`User.objects.get(`, `qs.filter(…).get(`), not on a dict, a client or
        // a plugin (`plugin.instance.get(external_id=…)`).
        if marker == ".get(" {
            let line = &src[src[..i].rfind('\n').map_or(0, |k| k + 1)..i];
            if ![
                "objects",
                "queryset",
                "_set",
                "filter(",
                "select_related(",
                "prefetch_related(",
            ]
            .iter()
            .any(|q| line.contains(q))
            {
                continue;
            }
        }
        let mut start = i.saturating_sub(WINDOW);
        while !src.is_char_boundary(start) {
            start += 1;
        }
        let mut end = (i + marker.len() + WINDOW / 2).min(src.len());
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        // Only the statement around the fetch: not past a blank line or the
        // start of the function or class it is in.
        let before = &src[start..i];
        if let Some(cut) = ["\n\n", "def ", "class ", "function ", "func "]
            .iter()
            .filter_map(|b| before.rfind(b).map(|k| k + b.len()))
            .max()
        {
            start += cut;
        }
        if let Some(stop) = ["\n\n", ";\n", "\ndef ", "\nfunc "]
            .iter()
            .filter_map(|b| src[i..end].find(b))
            .min()
        {
            end = i + stop;
        }
        let window = &src[start..end];
        let bytes = window.as_bytes();
        // `User.objects.get(email=…)`, `User.query.filter_by(email=…)`: the model
        // a keyword filters, named on the keyword's own line.
        let line_model = |at: usize| {
            let line = &window[window[..at].rfind('\n').map_or(0, |k| k + 1)..at];
            // A Go struct literal the lookup filters by: `&UserModel{Username: u}`.
            let literal = line.rfind('{').and_then(|brace| {
                let head = &line[..brace];
                let from = name_start(head);
                let class = &head[from..];
                class
                    .starts_with(|c: char| c.is_ascii_uppercase())
                    .then_some(class)
            });
            if literal.is_some() {
                return literal;
            }
            [".objects.", ".query."].iter().find_map(|m| {
                let end = line.rfind(m)?;
                let from = name_start(&line[..end]);
                let class = &line[from..end];
                class
                    .starts_with(|c: char| c.is_ascii_uppercase())
                    .then_some(class)
            })
        };
        let mut j = 0;
        while j < bytes.len() {
            if bytes[j].is_ascii_alphabetic() || bytes[j] == b'_' {
                let s0 = j;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                    j += 1;
                }
                let word = &window[s0..j];
                let rest = window[j..].trim_start_matches([' ', '\t']);
                let keyword = rest.starts_with('=') && !rest.starts_with("==");
                let compared = s0 > 0 && bytes[s0 - 1] == b'.' && rest.starts_with("==");
                let key = rest.starts_with(':') && !rest.starts_with("::");
                let condition = rest.starts_with("= ?") || rest.starts_with("=?");
                let django = word.contains("__") && rest.starts_with('=');
                if django {
                    add(word.split("__").next().unwrap_or(""), None);
                } else if compared {
                    // `Signal.external_id == x`: a lookup on that model's table.
                    let class_start = name_start(&window[..s0 - 1]);
                    let class = &window[class_start..s0 - 1];
                    let model = class
                        .starts_with(|c: char| c.is_ascii_uppercase())
                        .then_some(class);
                    add(word, model);
                } else if keyword || key || condition {
                    add(word, line_model(s0));
                }
            } else {
                j += 1;
            }
        }
        // `findByEmail(…)`, `FindByUsername`: the column is in the name.
        if marker == "findBy" {
            let name: String = src[i + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            add(&name, None);
        }
    }
    out
}

/// The files of the modules a Rust file declares under `#[cfg(test)]`, or
/// another attribute compiling them only for tests (`#[cfg(feature =
/// "test-harness")]`, `#[cfg(any(test, …))]`), without a body (`#[cfg(test)]
/// pub mod test;`).
fn test_modules(src: &str, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `lib.rs`, `main.rs` and `mod.rs` declare modules beside them; `util.rs`
    // declares them in `util/`.
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let base = match file {
        "lib.rs" | "main.rs" | "mod.rs" => dir.to_string(),
        _ => {
            let stem = file.trim_end_matches(".rs");
            if dir.is_empty() {
                stem.to_string()
            } else {
                format!("{dir}/{stem}")
            }
        }
    };
    for (i, _) in src.match_indices("#[cfg(").take(64) {
        let Some(end) = src[i..].find(']') else {
            continue;
        };
        let attribute: String = src[i..=i + end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !crate::semantic::rust::test_only(&attribute) {
            continue;
        }
        let rest = src[i + end + 1..].trim_start();
        let rest = rest
            .strip_prefix("pub(crate)")
            .or_else(|| rest.strip_prefix("pub"))
            .unwrap_or(rest)
            .trim_start();
        let Some(rest) = rest.strip_prefix("mod ") else {
            continue;
        };
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let after = rest.trim_start()[name.len()..].trim_start();
        if name.is_empty() || !after.starts_with(';') {
            continue;
        }
        let at = |p: String| {
            if base.is_empty() {
                p
            } else {
                format!("{base}/{p}")
            }
        };
        out.push(at(format!("{name}.rs")));
        out.push(at(format!("{name}/mod.rs")));
    }
    out
}

/// Functions decorated as queue jobs with a time limit (see
/// [`FileFacts::bounded_jobs`]).
fn bounded_jobs(model: &Model) -> Vec<String> {
    const JOBS: &[&str] = &["job", "task", "shared_task", "actor"];
    const LIMITS: &[&str] = &[
        "timeout=",
        "job_timeout=",
        "time_limit=",
        "soft_time_limit=",
    ];
    let mut names: Vec<String> = Vec::new();
    if model.lang != crate::lang::Lang::Python {
        return names;
    }
    // No limit at all: RQ's `-1`, or `None` for any of them.
    const UNLIMITED: &[&str] = &["=-1", "= -1", "=None", "= None"];
    for f in &model.functions {
        let bounded = f.decorators.iter().any(|d| {
            let callee = d.split('(').next().unwrap_or("");
            let kind = crate::semantic::last_name(callee);
            let Some((_, args)) = d.split_once('(') else {
                return false;
            };
            let limit = LIMITS
                .iter()
                .find_map(|l| args.find(l).map(|i| &args[i + l.len() - 1..]));
            match limit {
                Some(value) => {
                    JOBS.contains(&kind) && !UNLIMITED.iter().any(|u| value.starts_with(u))
                }
                // An RQ job (`@job("default")`) without one runs under RQ's
                // default job timeout, 180 s: the worker kills it after that.
                None => kind == "job",
            }
        });
        let name = f.name.to_ascii_lowercase();
        if bounded && !name.starts_with('<') && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Celery tasks with no time limit of their own (see
/// [`FileFacts::celery_tasks`]): `@shared_task`, or `@….task` on an app.
/// A task that turns the limit off (`time_limit=None`) is not among them.
fn celery_tasks(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    if model.lang != crate::lang::Lang::Python {
        return names;
    }
    for f in &model.functions {
        let task = f.decorators.iter().any(|d| {
            let (callee, args) = d.split_once('(').unwrap_or((d.as_str(), ""));
            let callee = callee.trim();
            (callee == "shared_task"
                || callee.ends_with(".shared_task")
                || (callee.ends_with(".task") && !callee.starts_with("invoke.")))
                && !args.contains("time_limit")
        });
        let name = f.name.to_ascii_lowercase();
        if task && !name.starts_with('<') && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn catching_functions(model: &Model) -> Vec<String> {
    use crate::semantic::FrameKind;
    let mut names: Vec<String> = Vec::new();
    for (id, frame) in model.frames.iter().enumerate() {
        if frame.kind != FrameKind::Catch {
            continue;
        }
        let Some(f) = model.function_at(Some(id as u32)) else {
            continue;
        };
        let name = model.function(f).name.to_ascii_lowercase();
        if !name.starts_with('<') && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The caller a call made under a deadline is recorded with: bounded, like a
/// time-limited job.
const DEADLINE: &str = "<deadline>";

/// A Python dunder (`__init__`), which the language calls; a private
/// `__helper` is not one.
fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// `seed` and every function (per service root) all of whose callers are in
/// the set, unless `skip` excludes it, a few levels of calls deep (each round
/// reaches one level).
fn only_called_from<'a>(
    mut set: std::collections::BTreeSet<(&'a str, &'a str)>,
    callers: &BTreeMap<(&'a str, &'a str), Vec<&'a str>>,
    skip: impl Fn((&'a str, &'a str)) -> bool,
) -> std::collections::BTreeSet<(&'a str, &'a str)> {
    for _ in 0..8 {
        let before = set.len();
        for (&(root, callee), from) in callers {
            // Python's dunders are called by the language (`__init__` by the
            // class's name): the calls by name seen are not all of them. A
            // private `__helper` is called by name like any other method.
            if !set.contains(&(root, callee))
                && !skip((root, callee))
                && !is_dunder(callee)
                && from.iter().all(|c| set.contains(&(root, *c)))
            {
                set.insert((root, callee));
            }
        }
        if set.len() == before {
            break;
        }
    }
    set
}

/// The first files holding a name, and whether a file loading modules by
/// computed names ([`FileFacts::dynamic_loads`]) holds it.
#[derive(Default)]
struct Holders<'a> {
    files: Vec<&'a str>,
    loaded: bool,
}

/// Which files (the first four) hold each of `names`, the manifests counting
/// as a holder that is no module (`""`): entry points name modules too.
fn hold<'a>(
    names: impl Iterator<Item = String>,
    files: impl Iterator<Item = (&'a str, &'a FileFacts)>,
    manifest_words: &[u32],
) -> BTreeMap<String, Holders<'a>> {
    let mut out: BTreeMap<String, Holders<'a>> = names.map(|n| (n, Holders::default())).collect();
    let mut hashed: Vec<(u32, &mut Holders<'a>)> = out
        .iter_mut()
        .map(|(n, h)| (crate::model::unreferenced::word_hash(n.as_bytes()), h))
        .collect();
    for (path, facts) in files {
        for (hash, h) in hashed.iter_mut() {
            if facts.words.binary_search(hash).is_ok() {
                h.loaded |= facts.dynamic_loads;
                if h.files.len() < 4 {
                    h.files.push(path);
                }
            }
        }
    }
    for (hash, h) in hashed.iter_mut() {
        if h.files.len() < 4 && manifest_words.binary_search(hash).is_ok() {
            h.files.push("");
        }
    }
    out
}

/// Whether a file other than the module `dir/stem.*` itself holds `stem`.
fn named_elsewhere(names: &BTreeMap<String, Holders>, dir: &str, stem: &str) -> bool {
    names.get(stem).is_some_and(|h| {
        h.files
            .iter()
            .any(|p| dir_of(p) != dir || crate::model::unreferenced::module_stem(p) != Some(stem))
    })
}

impl ProjectIndex {
    /// Combines per-file facts; `files` must be in report order so the example
    /// location a fix names is deterministic.
    pub fn build<'a>(
        files: impl Iterator<Item = (&'a str, &'a str, &'a FileFacts)>,
    ) -> ProjectIndex {
        let mut index = ProjectIndex::default();
        let mut guards = Vec::new();
        for (path, root, facts) in files {
            guards.extend(facts.route_guards.iter().map(|g| (root, g)));
            for &port in &facts.listen_ports {
                index.listen_ports.insert((root.to_string(), port));
            }
            if let Some(timed) = facts.timed_requests {
                let file = path.rsplit('/').next().unwrap_or(path);
                let class = file.split('.').next().unwrap_or(file).to_string();
                *index.timed_requests.entry(class).or_insert(true) &= timed;
            }
            for name in &facts.listen_port_names {
                index
                    .listen_port_names
                    .insert((root.to_string(), name.clone()));
            }
            for route in &facts.route_paths {
                if let Some(segments) = route_segments(route) {
                    index.route_paths.insert((root.to_string(), segments));
                }
            }
            for (name, port) in &facts.loopback_consts {
                index
                    .loopback_consts
                    .insert((module_key(path), name.clone()), *port);
            }
            if facts.health_route {
                index.health_roots.insert(root.to_string());
            }
            if facts.sigterm {
                index.sigterm_roots.insert(root.to_string());
            }
            if facts.controllers {
                index.controller_roots.insert(root.to_string());
            }
            if facts.celery_time_limit {
                index.celery_time_limit_roots.insert(root.to_string());
            }
            if facts.celery_acks_late {
                index.celery_acks_late_roots.insert(root.to_string());
            }
            if facts.celery_acks_unknown {
                index.celery_acks_unknown_roots.insert(root.to_string());
            }
            if facts.go_shutdown_call {
                index.go_shutdown_call_dirs.insert(dir_of(path));
            }
            if let Some(route) = crate::stack::next_route(path) {
                index.own_routes.insert(route);
            }
            if !facts.detached_calls.is_empty() || !facts.waited_calls.is_empty() {
                let at = index.script_modules.len();
                index
                    .script_modules
                    .push((module_key(path), facts.script_imports.clone()));
                for (names, detached) in
                    [(&facts.detached_calls, true), (&facts.waited_calls, false)]
                {
                    for n in names {
                        index
                            .script_calls
                            .entry(n.clone())
                            .or_default()
                            .push((at, detached));
                    }
                }
            }
            index
                .unique_columns
                .extend(facts.unique_columns.iter().cloned());
            for client in &facts.process_timeouts {
                index.process_timeouts.insert((root.to_string(), client));
            }
            for class in &facts.timeout_adapters {
                index
                    .timeout_adapters
                    .insert((root.to_string(), class.clone()));
            }
            index
                .lookup_columns
                .extend(facts.lookup_columns.iter().cloned());
            if facts.image {
                index.image_dirs.insert(dir_of(path));
            }
            index
                .probe_scripts
                .extend(facts.probe_scripts.iter().cloned());
            let family = (!facts.timeout_helpers.is_empty())
                .then(|| crate::lang::Lang::from_path(std::path::Path::new(path)))
                .flatten()
                .map(|l| l.family());
            if let Some(family) = family {
                for (name, line) in &facts.timeout_helpers {
                    for key in [(family, Some(root.to_string())), (family, None)] {
                        index
                            .timeout_helpers
                            .entry(key)
                            .or_insert_with(|| (name.clone(), path.to_string(), *line));
                    }
                }
            }
            // The service's precedent a fix points at: the first in product
            // code, over one in a script, a command-line tool or an example.
            let product = || facts.product_path;
            for &(api, line) in &facts.bounded_apis {
                index.bounded_in_file.insert((path.to_string(), api), line);
                match index.bounded_apis.entry((root.to_string(), api)) {
                    std::collections::btree_map::Entry::Vacant(e) => {
                        e.insert((path.to_string(), line, product()));
                    }
                    std::collections::btree_map::Entry::Occupied(mut e) => {
                        if !e.get().2 && product() {
                            e.insert((path.to_string(), line, true));
                        }
                    }
                }
            }
            for name in &facts.catching_functions {
                index
                    .catching_functions
                    .insert((root.to_string(), name.clone()));
            }
            for (lib, line) in &facts.libraries {
                index
                    .libraries
                    .entry((lib.family, lib.name))
                    .or_insert_with(|| (lib.kind, path.to_string(), *line));
            }
        }
        index.admin_routes = crate::model::guards::admin_names(guards.into_iter());
        index
    }

    /// Finds which of `names` no more than one of the project's files holds
    /// (each file's [`FileFacts::words`]; `files` gives each file's path and
    /// facts, tests left out): the definition's own. Then, from the same
    /// holders, which only dead code calls ([`Self::count_dead_callers`]).
    pub fn count_names<'a>(
        &mut self,
        names: std::collections::BTreeSet<String>,
        files: impl Iterator<Item = (&'a str, &'a FileFacts)> + Clone,
        manifest_words: &[u32],
    ) {
        if names.is_empty() {
            return;
        }
        let held = hold(names.iter().cloned(), files.clone(), manifest_words);
        // The manifests (`""`) do not count here: a definition's name in an
        // entry point is a module's.
        self.unreferenced = held
            .iter()
            .filter(|(_, h)| h.files.iter().filter(|f| !f.is_empty()).count() <= 1)
            .map(|(n, _)| n.clone())
            .collect();
        self.count_dead_callers(&held, files, manifest_words);
    }

    /// Finds which of the names asked about (`held`, each with the files
    /// that hold it) only dead code calls: every call of the name in the
    /// project's files (`files`, tests left out) is made by a definition
    /// nothing but its name reaches ([`FileFacts::dead_callers`]) whose name
    /// no other file, nor a manifest, holds; and the name is held by no file
    /// but those callers' and, for [`Unless::Unreferenced`], one more: its
    /// own. Calls by name are all the graph knows: a name handed on as a
    /// value is held by a file with no such call, and stays reached.
    fn count_dead_callers<'a>(
        &mut self,
        held: &BTreeMap<String, Holders<'a>>,
        files: impl Iterator<Item = (&'a str, &'a FileFacts)> + Clone,
        manifest_words: &[u32],
    ) {
        let open: Vec<&String> = held.keys().collect();
        if open.is_empty() {
            return;
        }
        // The call-graph keys a name goes by (Go's as written, others
        // lower-cased).
        let mut keys: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, n) in open.iter().enumerate() {
            keys.entry((*n).clone()).or_default().push(i);
            let lower = n.to_ascii_lowercase();
            if lower != **n {
                keys.entry(lower).or_default().push(i);
            }
        }
        // Each open name's calls: the calling file, and the name that alone
        // reaches the caller (None where something else may).
        let mut calls: Vec<Vec<(&'a str, Option<&'a str>)>> = vec![Vec::new(); open.len()];
        for (path, facts) in files.clone() {
            for (caller, callee) in &facts.call_edges {
                let Some(at) = keys.get(callee) else {
                    continue;
                };
                let dead = facts
                    .dead_callers
                    .iter()
                    .find(|(k, _)| k == caller)
                    .map(|(_, n)| n.as_str());
                for &i in at {
                    if calls[i].len() < 64 {
                        calls[i].push((path, dead));
                    } else {
                        calls[i].push((path, None));
                    }
                }
            }
        }
        let callers: std::collections::BTreeSet<String> = calls
            .iter()
            .flatten()
            .filter_map(|(_, n)| n.map(str::to_string))
            .collect();
        if callers.is_empty() {
            return;
        }
        let callers = hold(callers.into_iter(), files, manifest_words);
        let reached_only_by_own_file = |n: &str| {
            callers
                .get(n)
                .is_some_and(|h| h.files.len() <= 1 && !h.files.contains(&""))
        };
        for (i, name) in open.iter().enumerate() {
            let list = &calls[i];
            if list.is_empty()
                || !list
                    .iter()
                    .all(|(_, n)| n.is_some_and(reached_only_by_own_file))
            {
                continue;
            }
            let Some(h) = held.get(*name) else { continue };
            if h.files.len() >= 4 || h.loaded {
                continue;
            }
            let others = h
                .files
                .iter()
                .filter(|f| !list.iter().any(|(p, _)| p == *f))
                .count();
            if others == 0 {
                self.dead_called_only.insert((*name).clone());
            }
            if others <= 1 && !h.files.contains(&"") {
                self.dead_called.insert((*name).clone());
            }
        }
    }

    /// Finds the modules nothing imports among `candidates` (directory, stem):
    /// no file but its own holds the stem, and at least two other modules of
    /// its directory (`siblings`), and at least half of them, are named by a
    /// file other than their own (`files` gives each file's path and facts).
    /// A directory whose modules a framework finds by scanning it (plugins,
    /// DAGs, commands) has most of them named nowhere, and keeps every one.
    pub fn count_module_names<'a>(
        &mut self,
        candidates: std::collections::BTreeSet<(String, String)>,
        siblings: &BTreeMap<String, Vec<String>>,
        files: impl Iterator<Item = (&'a str, &'a FileFacts)> + Clone,
        manifest_words: &[u32],
    ) {
        // A directory's own name, which a file loading modules by computed
        // names may hold.
        let last = |dir: &str| dir.rsplit('/').next().unwrap_or(dir).to_string();
        // The candidates no other file names; then, for their directories
        // only, the directory's and the other modules' names.
        let stems = hold(
            candidates.iter().map(|(_, stem)| stem.clone()),
            files.clone(),
            manifest_words,
        );
        let unnamed: Vec<(String, String)> = candidates
            .into_iter()
            .filter(|(dir, stem)| !named_elsewhere(&stems, dir, stem))
            .collect();
        if unnamed.is_empty() {
            return;
        }
        let dirs: std::collections::BTreeSet<&String> = unnamed.iter().map(|(d, _)| d).collect();
        let names = hold(
            dirs.iter().flat_map(|dir| {
                std::iter::once(last(dir)).chain(siblings.get(*dir).into_iter().flatten().cloned())
            }),
            files,
            manifest_words,
        );
        self.dead_modules = unnamed
            .into_iter()
            .filter(|(dir, stem)| {
                let others: Vec<&String> = siblings
                    .get(dir)
                    .into_iter()
                    .flatten()
                    .filter(|s| *s != stem)
                    .collect();
                let named = others
                    .iter()
                    .filter(|s| named_elsewhere(&names, dir, s))
                    .count();
                // A directory a loader names, or whose name is too short to
                // tell, may be loaded whole.
                let name = last(dir);
                let scanned = name.len() < crate::model::unreferenced::MIN_NAME
                    || names.get(&name).is_some_and(|h| h.loaded);
                !scanned && named >= 2 && named * 2 >= others.len()
            })
            .collect();
    }

    /// Counts, for each script module, its importers that are client code and
    /// those that are not (`files` gives each file's path, whether it is
    /// client code, and its facts). An importer that is not client code
    /// itself but that only client code imports, through any number of such
    /// modules (`android/user.js` extending `app/user.js`, imported only by
    /// the app's browser entry), counts as client code: it runs where they do.
    pub fn link_imports<'a>(
        &mut self,
        files: impl Iterator<Item = (&'a str, bool, &'a FileFacts)>,
    ) {
        // Each module's importers: (importer's module, client code).
        let mut by: BTreeMap<&'a str, Vec<(String, bool)>> = BTreeMap::new();
        // Modules that say they are server code pass no client code on.
        let mut servers: std::collections::BTreeSet<String> = Default::default();
        for (path, client, facts) in files {
            if facts.server_marks {
                servers.insert(module_key(path));
            }
            for key in &facts.script_imports {
                by.entry(key.as_str())
                    .or_default()
                    .push((module_key(path), client));
            }
        }
        let mut client_only: std::collections::BTreeSet<String> = Default::default();
        // Each round settles one more level of imports.
        for _ in 0..8 {
            let before = client_only.len();
            for (key, from) in &by {
                if !client_only.contains(*key)
                    && !servers.contains(*key)
                    && from.iter().all(|(m, c)| *c || client_only.contains(m))
                {
                    client_only.insert((*key).to_string());
                }
            }
            if client_only.len() == before {
                break;
            }
        }
        for (key, from) in by {
            let client = from
                .iter()
                .filter(|(m, c)| *c || client_only.contains(m))
                .count() as u32;
            let e = self.importers.entry(key.to_string()).or_default();
            e.0 += client;
            e.1 += from.len() as u32 - client;
        }
    }

    /// Which functions reach an outbound call, per [`call_scope`] (`files` gives
    /// each file's path, scope and facts): those that make one, then, breadth
    /// first over the calls by name, every function calling one that does
    /// (linear in the edges: each function is queued once); and which run only
    /// at start-up.
    /// `deployed_commands`: the Django management commands the project's
    /// process files run, which are deployed work rather than a person's run;
    /// `whole_repository`: the scan sees every file that could call a function.
    pub fn link_calls<'a>(
        &mut self,
        files: impl Iterator<Item = (&'a str, &'a str, &'a FileFacts)>,
        deployed_commands: &std::collections::BTreeSet<String>,
        whole_repository: bool,
    ) {
        let files: Vec<(&'a str, &'a str, &'a FileFacts)> = files.collect();
        // The project's own Python modules per service root, and the classes it
        // derives from: a call through any other module, or of a class's own
        // method that no class overrides, is not of every function of that name.
        let mut modules: std::collections::BTreeSet<(&'a str, String)> =
            std::collections::BTreeSet::new();
        let mut bases: std::collections::BTreeSet<(&'a str, &'a str)> =
            std::collections::BTreeSet::new();
        let mut methods: std::collections::BTreeSet<(&'a str, &'a str)> =
            std::collections::BTreeSet::new();
        let mut class_methods: std::collections::BTreeSet<(&'a str, &'a str, &'a str)> =
            std::collections::BTreeSet::new();
        for &(path, root, facts) in &files {
            bases.extend(facts.class_bases.iter().map(|b| (root, b.as_str())));
            class_methods.extend(
                facts
                    .class_methods
                    .iter()
                    .map(|(c, m)| (root, c.as_str(), m.as_str())),
            );
            methods.extend(facts.method_names.iter().map(|m| (root, m.as_str())));
            // Where a module can be imported from by its top name: the service
            // root and `src/` (a file `m.py`, a package directory `m/`), and a
            // script's own directory.
            if let Some(rel) = path.strip_suffix(".py") {
                let rel = rel
                    .strip_prefix(root)
                    .unwrap_or(rel)
                    .trim_start_matches('/');
                let rel = rel.strip_suffix("/__init__").unwrap_or(rel);
                modules.insert((root, rel.to_string()));
                if let Some((top, _)) = rel.split_once('/') {
                    modules.insert((root, top.to_string()));
                }
                if let Some(inner) = rel.strip_prefix("src/") {
                    let top = inner.split('/').next().unwrap_or(inner);
                    modules.insert((root, format!("src/{top}")));
                }
            }
        }
        // How many classes define each method name.
        let mut defining: BTreeMap<(&'a str, &'a str), usize> = BTreeMap::new();
        for (root, _, method) in &class_methods {
            *defining.entry((*root, *method)).or_default() += 1;
        }
        let is_foreign = |path: &str, root: &'a str, why: &Foreign| match why {
            Foreign::Module(top) => {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .trim_start_matches('/');
                let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
                let own = |m: String| modules.contains(&(root, m));
                !(own(top.clone())
                    || own(format!("src/{top}"))
                    // A script's own directory is on its path; a package
                    // module's is not (no implicit relative imports).
                    || (!dir.is_empty()
                        && !modules.contains(&(root, dir.to_string()))
                        && own(format!("{dir}/{top}"))))
            }
            Foreign::OwnMethod(class) => !bases.contains(&(root, class.as_str())),
            // Foreign to the other classes' methods of that name; with no
            // other, the call is of the one method by that name.
            Foreign::Instance(class, method) => {
                !bases.contains(&(root, class.as_str()))
                    && class_methods.contains(&(root, class.as_str(), method.as_str()))
                    && defining
                        .get(&(root, method.as_str()))
                        .is_some_and(|n| *n > 1)
            }
        };
        let mut callers: BTreeMap<(&'a str, &'a str), Vec<&'a str>> = BTreeMap::new();
        let mut looped: std::collections::BTreeSet<(&'a str, &'a str)> =
            std::collections::BTreeSet::new();
        let mut queue = std::collections::VecDeque::new();
        let mut jobs: std::collections::BTreeSet<(&'a str, &'a str)> =
            std::collections::BTreeSet::new();
        let mut endless: std::collections::BTreeSet<(&'a str, &'a str)> =
            std::collections::BTreeSet::new();
        let mut commands: Vec<(&'a str, &'a str)> = Vec::new();
        let mut wrappers: std::collections::BTreeSet<(&'a str, &'a str, &'a str)> =
            std::collections::BTreeSet::new();
        let mut handoffs: Vec<(&'a str, &'a str, &'a str, &'a str)> = Vec::new();
        let mut go_init: std::collections::BTreeSet<&'a str> = std::collections::BTreeSet::new();
        // The calls by name less those foreign ones; a call under a deadline
        // by the caller [`DEADLINE`].
        let mut scoped: BTreeMap<(&'a str, &'a str), Vec<&'a str>> = BTreeMap::new();
        // The same, with a Go call handed a context with a deadline by
        // [`DEADLINE`] too: only where some call is.
        let any_context = files
            .iter()
            .any(|(_, _, f)| !f.context_deadline_edges.is_empty());
        let mut context_scoped: BTreeMap<(&'a str, &'a str), Vec<&'a str>> = BTreeMap::new();
        // A class's calls of its own methods (`self.lookup()` where no class
        // derives from it), left out of `scoped`: the method's only way in may
        // be through them.
        let mut own_calls: BTreeMap<(&'a str, &'a str), Vec<&'a str>> = BTreeMap::new();
        // Python calls through a module, and by a bare name (see below).
        let mut module_callers: BTreeMap<(&'a str, &'a str), Vec<&'a str>> = BTreeMap::new();
        for &(path, root, facts) in &files {
            if facts.go_init {
                go_init.insert(root);
            }
            for (caller, key) in &facts.module_edges {
                module_callers
                    .entry((root, key.as_str()))
                    .or_default()
                    .push(caller.as_str());
            }
            jobs.extend(facts.bounded_jobs.iter().map(|j| (root, j.as_str())));
            if self.celery_time_limit_roots.contains(root) {
                jobs.extend(facts.celery_tasks.iter().map(|j| (root, j.as_str())));
            }
            jobs.extend(facts.queued_jobs.iter().map(|j| (root, j.as_str())));
            wrappers.extend(
                facts
                    .job_wrappers
                    .iter()
                    .map(|(f, p)| (root, f.as_str(), p.as_str())),
            );
            handoffs.extend(
                facts
                    .job_handoffs
                    .iter()
                    .map(|(c, k, f)| (root, c.as_str(), k.as_str(), f.as_str())),
            );
            looped.extend(facts.looped_callees.iter().map(|c| (root, c.as_str())));
            endless.extend(facts.endless_callees.iter().map(|c| (root, c.as_str())));
            commands.extend(facts.commands.iter().map(|c| (root, c.as_str())));
            // Each pair's reasons to be foreign, looked up once per call edge.
            let mut why: BTreeMap<(&str, &str), Vec<&Foreign>> = BTreeMap::new();
            for (caller, callee, reason) in &facts.foreign_edges {
                why.entry((caller.as_str(), callee.as_str()))
                    .or_default()
                    .push(reason);
            }
            for (i, (caller, callee)) in facts.call_edges.iter().enumerate() {
                callers
                    .entry((root, callee.as_str()))
                    .or_default()
                    .push(caller.as_str());
                let foreign = why
                    .get(&(caller.as_str(), callee.as_str()))
                    .is_some_and(|reasons| reasons.iter().all(|r| is_foreign(path, root, r)));
                // A call under a deadline is bounded whoever makes it.
                let i = i as u32;
                let wrapped = facts.deadline_edges.binary_search(&i).is_ok();
                let handed = facts.context_deadline_edges.binary_search(&i).is_ok();
                if !foreign {
                    scoped
                        .entry((root, callee.as_str()))
                        .or_default()
                        .push(if wrapped { DEADLINE } else { caller.as_str() });
                    // A function handing its context on to another of its
                    // name (`n.slack.Notify(ctx, …)` in `Notify`) is bounded
                    // by its own callers: the call adds nothing.
                    if any_context && (wrapped || handed || caller != callee) {
                        context_scoped
                            .entry((root, callee.as_str()))
                            .or_default()
                            .push(if wrapped || handed {
                                DEADLINE
                            } else {
                                caller.as_str()
                            });
                    }
                } else {
                    // A call of one class's method: it stays that method's caller.
                    for r in why
                        .get(&(caller.as_str(), callee.as_str()))
                        .into_iter()
                        .flatten()
                    {
                        if let Foreign::OwnMethod(_) = r {
                            own_calls
                                .entry((root, callee.as_str()))
                                .or_default()
                                .push(caller.as_str());
                        }
                        if let Foreign::Instance(class, method) = r {
                            self.instance_callers
                                .entry((root.to_string(), class.clone(), method.clone()))
                                .or_default()
                                .push(if wrapped {
                                    DEADLINE.to_string()
                                } else {
                                    caller.clone()
                                });
                        }
                    }
                }
            }
            for (name, witness) in &facts.calls_out {
                let key = (root.to_string(), name.clone());
                if let std::collections::btree_map::Entry::Vacant(e) = self.reaches_out.entry(key) {
                    e.insert(witness.clone());
                    queue.push_back((root, name.as_str()));
                }
            }
        }
        // A function handed to the service's scheduling wrapper is a job too.
        jobs.extend(
            handoffs
                .iter()
                .filter(|(root, callee, kw, _)| wrappers.contains(&(*root, *callee, *kw)))
                .map(|(root, _, _, f)| (*root, *f)),
        );
        while let Some((root, name)) = queue.pop_front() {
            let witness = self.reaches_out[&(root.to_string(), name.to_string())].clone();
            for caller in callers.get(&(root, name)).into_iter().flatten() {
                let key = (root.to_string(), (*caller).to_string());
                if let std::collections::btree_map::Entry::Vacant(e) = self.reaches_out.entry(key) {
                    e.insert(witness.clone());
                    queue.push_back((root, caller));
                }
            }
        }
        // Start-up work: called, and only from `main` (or a Go package's `init`)
        // or from other start-up work (not from a loop: repeated work is not
        // start-up's).
        let entries: std::collections::BTreeSet<(&str, &str)> = callers
            .keys()
            .map(|(root, _)| (*root, "main"))
            .chain(go_init.iter().map(|root| (*root, "init")))
            .collect();
        let startup = only_called_from(entries.clone(), &callers, |key| looped.contains(&key));
        // A command-line command's work, entered by whoever runs the command (no
        // code calls the command itself): a command may loop over its items, and
        // its run still ends, unless the loop never does.
        let commands: std::collections::BTreeSet<(&str, &str)> =
            commands
                .into_iter()
                .filter(|key| {
                    // A management command an entrypoint script or Procfile runs
                    // is the service's own scheduled or release work: nobody
                    // watches it run.
                    let deployed = key
                        .1
                        .strip_prefix("cli:")
                        .and_then(|p| p.rsplit_once("/management/commands/"))
                        .and_then(|(_, f)| f.strip_suffix(".py"))
                        .is_some_and(|name| deployed_commands.contains(name));
                    if deployed {
                        return false;
                    }
                    // A Django command is also entered through `call_command("name")`
                    // where some code makes that call.
                    callers.get(key).into_iter().flatten().all(|c| {
                        c.starts_with("call_command:") && !callers.contains_key(&(key.0, *c))
                    })
                })
                .collect();
        let command_work =
            only_called_from(commands.clone(), &callers, |key| endless.contains(&key));
        self.startup_only = startup
            .difference(&entries)
            // The commands themselves too, by their `cli:<path>` key: one that
            // code also runs (`call_command`) is not among them.
            .chain(command_work.iter())
            .map(|(r, n)| (r.to_string(), n.to_string()))
            .collect();
        // A Python module's function called through its module (`_api.ping(…)`)
        // or by its bare name, and only from start-up or command work: one
        // that other code calls by the same name on some object (`cache.ping()`)
        // is not its caller.
        // The bare-name calls of those functions' names only.
        let wanted: std::collections::BTreeSet<(&'a str, &'a str)> = module_callers
            .keys()
            .map(|(root, key)| (*root, key.rsplit(':').next().unwrap_or("")))
            .collect();
        let mut bare_callers: BTreeMap<(&'a str, &'a str), Vec<&'a str>> = BTreeMap::new();
        if !wanted.is_empty() {
            for &(_, root, facts) in &files {
                for &i in &facts.bare_edges {
                    let Some((caller, callee)) = facts.call_edges.get(i as usize) else {
                        continue;
                    };
                    if wanted.contains(&(root, callee.as_str())) {
                        bare_callers
                            .entry((root, callee.as_str()))
                            .or_default()
                            .push(caller.as_str());
                    }
                }
            }
        }
        // A caller is one-shot work by its plain name (every function of that
        // name is), or, a module's function, by its module's key.
        let one_shot = |root: &'a str, caller: &'a str| {
            let plain = caller
                .strip_prefix("py:")
                .or_else(|| caller.strip_prefix("go:"))
                .and_then(|k| k.rsplit_once(':'))
                .map_or(caller, |(_, name)| name);
            entries.contains(&(root, plain))
                || (startup.contains(&(root, plain)) && !looped.contains(&(root, plain)))
                || command_work.contains(&(root, caller))
                || command_work.contains(&(root, plain))
        };
        // A Go package-level function nothing in the project calls or hands
        // on (its package's API for other programs, or dead code), when the
        // scan sees every file: no caller of its callees in this project's
        // programs.
        let uncalled_go = |root: &'a str, caller: &'a str| {
            whole_repository
                && caller.starts_with("go:")
                && !module_callers.contains_key(&(root, caller))
        };
        // Through helpers a few modules deep: each round is linear in the calls.
        let mut qualified: std::collections::BTreeSet<(&'a str, &'a str)> = Default::default();
        for _ in 0..6 {
            let mut added = false;
            for ((root, key), from) in &module_callers {
                if qualified.contains(&(*root, *key)) {
                    continue;
                }
                let function = key.rsplit(':').next().unwrap_or("");
                // A Go function a loop calls is repeated work, not start-up's
                // (a command's loop over its items still ends; one that never
                // does is a daemon's).
                if key.starts_with("go:")
                    && (endless.contains(&(*root, function))
                        || (looped.contains(&(*root, function))
                            && from.iter().any(|c| !c.starts_with("cli:"))))
                {
                    continue;
                }
                let bare = bare_callers.get(&(*root, function)).into_iter().flatten();
                if from.iter().chain(bare).all(|c| {
                    one_shot(root, c) || qualified.contains(&(*root, *c)) || uncalled_go(root, c)
                }) {
                    qualified.insert((*root, *key));
                    added = true;
                }
            }
            if !added {
                break;
            }
        }
        self.startup_only.extend(
            qualified
                .into_iter()
                .map(|(r, k)| (r.to_string(), k.to_string())),
        );
        // Helpers only administrators' handlers call answer administrators too.
        // (Guards are per service root: each of its scopes starts from them.)
        let scopes: std::collections::BTreeSet<&'a str> =
            files.iter().map(|&(_, scope, _)| scope).collect();
        let admin = only_called_from(
            scopes
                .iter()
                .flat_map(|scope| {
                    let root = scope_root(scope);
                    self.admin_routes
                        .iter()
                        .filter(move |(r, _)| r == root)
                        .map(move |(_, n)| (*scope, n.as_str()))
                })
                .collect(),
            &callers,
            |_| false,
        );
        let admin: Vec<(String, String)> = admin
            .into_iter()
            .map(|(r, n)| (scope_root(r).to_string(), n.to_string()))
            .collect();
        self.admin_routes.extend(admin);
        // Work only time-limited jobs run: the jobs, then every function all of
        // whose callers are such work.
        // A job's name that a method also has: calls by that name may be of
        // the method, which no time limit bounds.
        // (A job calling the method it is named for, `test_connection` calling
        // `runner.test_connection()`, leaves the name bounded, and so does a
        // command a person runs and watches.)
        let only_jobs_call = |key: &(&'a str, &'a str)| {
            scoped
                .get(key)
                .into_iter()
                .flatten()
                .all(|c| c.starts_with("cli:") || jobs.contains(&(key.0, *c)))
        };
        let ambiguous: Vec<(&'a str, &'a str)> = jobs
            .iter()
            .filter(|key| methods.contains(*key) && !only_jobs_call(key))
            .copied()
            .collect();
        for key in &ambiguous {
            jobs.remove(key);
        }
        // A helper a job's method calls on `self` runs inside that job's limit
        // when nothing calls it by name but its classes' own methods, and
        // those are work only time-limited jobs run. (A name also called by
        // name keeps only those calls: `Command.run` on `self` is no way into
        // the plugins' `run`.)
        for (key, from) in own_calls {
            if any_context {
                if let std::collections::btree_map::Entry::Vacant(e) = context_scoped.entry(key) {
                    e.insert(from.clone());
                }
            }
            if let std::collections::btree_map::Entry::Vacant(e) = scoped.entry(key) {
                e.insert(from);
            }
        }
        // Calls under a deadline: bounded whoever makes them.
        let scopes_called: std::collections::BTreeSet<&'a str> =
            scoped.keys().map(|(root, _)| *root).collect();
        jobs.extend(scopes_called.iter().map(|root| (*root, DEADLINE)));
        if any_context {
            // (Its roots are `scoped`'s: `jobs` seeds them already.)
            self.context_bounded = only_called_from(jobs.clone(), &context_scoped, |_| false)
                .into_iter()
                .map(|(r, n)| (r.to_string(), n.to_string()))
                .collect();
        }
        self.time_bounded = only_called_from(jobs, &scoped, |_| false)
            .into_iter()
            .map(|(r, n)| (r.to_string(), n.to_string()))
            .collect();
    }

    /// Whether the service's Celery configuration sets `task_acks_late` from
    /// a value read at run time, so when its tasks are acked is unknown.
    pub fn celery_acks_unknown(&self, root: &str) -> bool {
        self.celery_acks_unknown_roots.contains(root)
    }

    /// The Go packages only one-shot programs build from ([`go_tool_only_packages`]).
    pub fn set_go_tools(&mut self, dirs: std::collections::BTreeSet<String>) {
        self.go_tools = dirs;
    }

    /// Records a health endpoint that a build manifest provides (Spring Boot
    /// Actuator on the classpath) for the service rooted at `root`, and for the
    /// modules under it: a parent POM's dependencies are inherited.
    pub fn add_health_root(&mut self, root: String) {
        self.actuator_roots.insert(root.clone());
        self.health_roots.insert(root);
    }

    /// Whether a build file of `root` or of a directory above it puts Actuator
    /// on the classpath.
    fn actuator_inherited(&self, root: &str) -> bool {
        dirs_up(root).any(|d| self.actuator_roots.contains(d))
            || (!matches!(root, "" | ".") && self.actuator_roots.contains("."))
    }

    /// Records that the Spring Boot service rooted at `root` drains on SIGTERM.
    pub fn add_graceful_root(&mut self, root: String) {
        self.graceful_roots.insert(root);
    }

    /// Records the Spring Boot version a build file in `dir` declares.
    pub fn add_spring_version(&mut self, dir: String, version: (u32, u32)) {
        self.spring_versions.insert(dir, version);
    }

    /// The Spring Boot version for a service: its own build file's, or the
    /// nearest parent build's (multi-module projects declare it once).
    fn spring_version(&self, root: &str) -> Option<(u32, u32)> {
        dirs_up(root).find_map(|d| self.spring_versions.get(d).copied())
    }

    /// Whether the condition holds for a file of service `root`, so a finding
    /// that depends on it is dropped.
    pub fn holds(&self, unless: &Unless, root: &str, path: &str) -> bool {
        match unless {
            Unless::HealthRoute => self.health_roots.contains(root),
            Unless::SigtermHandled => self.sigterm_roots.contains(root),
            Unless::SpringGraceful => {
                // `server.shutdown` governs the embedded web server: only services
                // with controllers are in scope, and an unknown version is not old.
                self.graceful_roots.contains(root)
                    || !self.controller_roots.contains(root)
                    || self.spring_version(root).is_none_or(|v| v >= (3, 4))
            }
            Unless::HealthRouteOrNoControllers => {
                self.health_roots.contains(root)
                    || self.actuator_inherited(root)
                    || !self.controller_roots.contains(root)
            }
            Unless::CeleryTimeLimit => self.celery_time_limit_roots.contains(root),
            Unless::Any(all) => all.iter().any(|u| self.holds(u, root, path)),
            Unless::All(all) => !all.is_empty() && all.iter().all(|u| self.holds(u, root, path)),
            Unless::NeverLookedUp(model, column) => {
                !self.lookup_columns.contains(column)
                    && !self.lookup_columns.contains(&format!("{model}:{column}"))
            }
            Unless::NeverLookedUpOn(model, column) => {
                !self.lookup_columns.contains(&format!("{model}:{column}"))
            }
            Unless::ProbeScript(name) => self.probe_scripts.contains(name),
            Unless::ProbeCommand(context) => self
                .probe_scripts
                .iter()
                .filter_map(|s| s.strip_prefix("cmd:"))
                .any(|word| context.contains(word)),
            Unless::RequestsTimedIn(class) => self.timed_requests.get(class) == Some(&true),
            Unless::NoImage => {
                let root = root.trim_start_matches("./");
                let below = format!("{root}/");
                !self.image_dirs.iter().any(|d| {
                    root.is_empty()
                        || d == root
                        || d.starts_with(&below)
                        || dirs_up(root).any(|up| up == d.as_str())
                })
            }
            Unless::CalleeCatches(name) => self
                .catching_functions
                .contains(&(root.to_string(), name.clone())),
            Unless::ProcessTimeout(client) => {
                self.process_timeouts.contains(&(root.to_string(), *client))
            }
            Unless::TimeoutAdapter(class) => self
                .timeout_adapters
                .contains(&(root.to_string(), class.clone())),
            Unless::CeleryAcksLate => self.celery_acks_late_roots.contains(root),
            Unless::OwnRoute(route) => self.own_routes.contains(route),
            Unless::OwnProcess(port, konst) => port
                .or_else(|| {
                    konst
                        .as_ref()
                        .and_then(|k| self.loopback_consts.get(k).copied())
                })
                .is_some_and(|p| self.listen_ports.contains(&(root.to_string(), p))),
            Unless::OwnPortName(name) => self
                .listen_port_names
                .contains(&(root.to_string(), name.clone())),
            Unless::ServedPath(path) => self
                .route_paths
                .range((root.to_string(), Vec::new())..)
                .take_while(|(r, _)| r == root)
                .any(|(_, route)| same_route(route, path)),
            Unless::NeverAwaited(module, name) => {
                // The calls that can be of this function: in its own module, or
                // in one that imports it. At least one, and none waited on.
                let mut calls = self
                    .script_calls
                    .get(name)
                    .into_iter()
                    .flatten()
                    .filter(|(at, _)| {
                        let (key, imports) = &self.script_modules[*at];
                        key == module || imports.contains(module)
                    })
                    .peekable();
                calls.peek().is_some() && calls.all(|(_, detached)| *detached)
            }
            Unless::Unreferenced(name) => {
                self.unreferenced.contains(name) || self.dead_called.contains(name)
            }
            Unless::UnreferencedVia(name) => self.dead_called_only.contains(name),
            Unless::DeadModule(stem) => self.dead_modules.contains(&(dir_of(path), stem.clone())),
            Unless::ImportedOnlyByClients(key) => self
                .importers
                .get(key)
                .is_some_and(|(client, other)| *client > 0 && *other == 0),
            Unless::TimeBounded(name) => self
                .time_bounded
                .contains(&(call_scope(root, path).into_owned(), name.clone())),
            Unless::ContextBounded(name) => self
                .context_bounded
                .contains(&(call_scope(root, path).into_owned(), name.clone())),
            Unless::TimeBoundedMethod(class, name) => {
                let scope = call_scope(root, path);
                let bounded = |f: &str| {
                    self.time_bounded
                        .contains(&(scope.to_string(), f.to_string()))
                };
                bounded(name)
                    && self
                        .instance_callers
                        .get(&(scope.to_string(), class.clone(), name.clone()))
                        .into_iter()
                        .flatten()
                        .all(|c| c.starts_with("cli:") || bounded(c))
            }
            Unless::ToolPackage(dir) => self.go_tools.contains(dir),
            Unless::StartupOnly(name) => self
                .startup_only
                .contains(&(call_scope(root, path).into_owned(), name.clone())),
            Unless::ModuleStartupOnly(path, name) => {
                python_module_of(path, root).is_some_and(|module| {
                    self.startup_only
                        .contains(&(root.to_string(), module_function_key(&module, name)))
                })
            }
            Unless::GoStartupOnly(key) => self
                .startup_only
                .contains(&(call_scope(root, path).into_owned(), key.clone())),
            Unless::NeverCallsOut(name) => !self
                .reaches_out
                .contains_key(&(call_scope(root, path).into_owned(), name.clone())),
            // A Go package is its directory: the signal may be trapped in one file
            // (`sigtrap_posix.go`) and the server shut down in another. A package
            // that calls `Shutdown` at all stops its server on something, most often
            // a context its caller cancels on SIGTERM (`<-ctx.Done(); srv.Shutdown`):
            // where that signal comes from is unknown here, not missing.
            Unless::GoShutdownIn(dir) => self.go_shutdown_call_dirs.contains(dir),
            Unless::AdminRoute(name) => self
                .admin_routes
                .contains(&(root.to_string(), name.clone())),
            Unless::NoLogger(family) => !self
                .libraries
                .iter()
                .any(|((f, _), (kind, _, _))| f == family && *kind == LibraryKind::Logging),
            Unless::UniqueColumn(table, column) => self
                .unique_columns
                .iter()
                .any(|(t, c)| c == column && (t.is_none() || table.is_none() || t == table)),
        }
    }

    /// The sentence a hint adds to a finding (to its fix; [`Hint::Reaches`] to
    /// its issue), if it has one to add.
    pub fn hint_text(&self, hint: &Hint, root: &str, path: &str) -> Option<String> {
        Some(match *hint {
            Hint::Reaches(ref name) => {
                let witness = self
                    .reaches_out
                    .get(&(call_scope(root, path).into_owned(), name.clone()))?;
                format!("It reaches {witness}, which can stall on a dependency.")
            }
            Hint::Timeout {
                family,
                ref holder,
                api,
                helper,
            } => {
                let helper = helper
                    .then(|| {
                        self.timeout_helpers
                            .get(&(family, Some(root.to_string())))
                            .or_else(|| self.timeout_helpers.get(&(family, None)))
                    })
                    .flatten()
                    .filter(|(name, _, _)| !name.eq_ignore_ascii_case(holder));
                if let Some((name, path, line)) = helper {
                    format!("This project already bounds its calls with `{name}` (`{path}:{line}`): call through it.")
                } else {
                    // The same file's own precedent first, then the service's first.
                    let (at, line) = match self.bounded_in_file.get(&(path.to_string(), api)) {
                        Some(line) => (path, *line),
                        None => {
                            let (at, line, _) = self.bounded_apis.get(&(root.to_string(), api))?;
                            (at.as_str(), *line)
                        }
                    };
                    format!("This project already bounds this kind of call at `{at}:{line}`: do the same here.")
                }
            }
            Hint::Retry(family) => {
                let used = self
                    .libraries
                    .iter()
                    .find(|((f, _), (kind, _, _))| *f == family && *kind == LibraryKind::Retry);
                match used {
                    Some(((_, name), (_, path, line))) => {
                        format!("This project already retries with {name} (`{path}:{line}`): use the same policy here.")
                    }
                    None => format!("The standard choice is {}.", standard_retry(family)),
                }
            }
            Hint::Durable(family) => {
                let used = self.libraries.iter().find(|((f, _), (kind, _, _))| {
                    *f == family && *kind == LibraryKind::DurableExecution
                });
                match used {
                    Some(((_, name), (_, path, line))) => {
                        format!("This project already runs durable work with {name} (`{path}:{line}`): move it there.")
                    }
                    None => format!("The standard choice is {}.", standard_durable(family)),
                }
            }
            Hint::Logger(family) => {
                let used = self
                    .libraries
                    .iter()
                    .find(|((f, _), (kind, _, _))| *f == family && *kind == LibraryKind::Logging);
                match used {
                    Some(((_, name), (_, path, line))) => {
                        format!("This project logs with {name} (`{path}:{line}`): record the error there, with its context.")
                    }
                    // The fix already names the standard way to log.
                    None => return None,
                }
            }
        })
    }
}

/// Whether a Spring Boot config file turns graceful shutdown on.
pub fn spring_graceful_setting(text: &str) -> bool {
    let flat: String = text.split_whitespace().collect();
    flat.contains("server.shutdown=graceful") || flat.contains("shutdown:graceful")
}

/// The Spring Boot version a build file declares: the starter parent, the
/// dependencies BOM or the Gradle plugin.
pub fn spring_boot_version(text: &str) -> Option<(u32, u32)> {
    let flat: String = text.split_whitespace().collect();
    let at = [
        "spring-boot-starter-parent",
        "spring-boot-dependencies",
        "org.springframework.boot",
    ]
    .iter()
    .find_map(|a| flat.find(a))?;
    // The version follows within the same declaration.
    let window: String = flat[at..].chars().take(160).collect();
    let v = window.find("version")?;
    let after: String = window[v + "version".len()..].chars().take(60).collect();
    let literal = match after.find("${") {
        // `<version>${spring-boot.version}</version>`: resolve the property.
        Some(p) if after[..p].chars().all(|c| !c.is_ascii_digit()) => {
            let name = after[p + 2..].split('}').next()?;
            let def = flat.find(&format!("<{name}>"))?;
            flat[def + name.len() + 2..]
                .chars()
                .take(20)
                .collect::<String>()
        }
        _ => after,
    };
    let digits: String = literal
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut parts = digits.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next().flatten().unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::{rust_module_of, rust_paths, spring_boot_version, spring_graceful_setting};

    #[test]
    fn rust_paths_and_modules() {
        let src = "use crate::web::api::{client, server::{Router, self}, v1::Http as H};\nuse super::super::http::Http;\nuse std::time::Duration;\nuse self::*;\nfn f() { let d = Duration::from_secs(1); torrust_index::app::run(); }\n";
        assert_eq!(
            rust_paths(src),
            vec![
                "crate::web::api::client",
                "crate::web::api::server",
                "crate::web::api::server::Router",
                "crate::web::api::v1::Http",
                "self::*",
                "super::super::http::Http",
                "torrust_index::app::run",
            ]
        );
        assert_eq!(rust_module_of("src/lib.rs", "."), Some(String::new()));
        assert_eq!(
            rust_module_of("crates/index/src/web/api/mod.rs", "crates/index"),
            Some("web::api".to_string())
        );
        assert_eq!(rust_module_of("src/bin/seeder.rs", ""), None);
        assert_eq!(rust_module_of("src/main.rs", ""), None);
        assert_eq!(rust_module_of("build.rs", ""), None);
    }

    #[test]
    fn spring_graceful_shutdown_settings_and_versions() {
        assert!(spring_graceful_setting("server:\n  shutdown: graceful\n"));
        assert!(spring_graceful_setting("server.shutdown = graceful"));
        assert!(!spring_graceful_setting("server.port=8080"));
        assert_eq!(
            spring_boot_version("plugins { id(\"org.springframework.boot\") version \"3.5.0\" }"),
            Some((3, 5))
        );
        assert_eq!(
            spring_boot_version("plugins { id 'org.springframework.boot' version '3.3.4' }"),
            Some((3, 3))
        );
        assert_eq!(
            spring_boot_version(
                "<artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version>"
            ),
            Some((2, 7))
        );
        assert_eq!(
            spring_boot_version("<artifactId>dubbo-spring-boot-starter</artifactId>"),
            None
        );
    }
}
