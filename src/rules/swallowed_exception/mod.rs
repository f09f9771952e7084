//! RES003 swallowed-exception.

mod dart;
mod go;
mod guarded;
mod jvm;
mod python;
mod rust;
mod swift;
mod ts;

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::Event;
use tree_sitter::Node;

pub struct SwallowedException;

static META: Meta = Meta {
    id: "RES003",
    name: "swallowed-exception",
    pillar: Pillar::Resilience,
    severity: Severity::High,
    scope: Scope::Any,
    langs: &[Family::Py, Family::Go, Family::Java, Family::Ts, Family::Rs, Family::Kt, Family::Swift, Family::Dart],
    refs: &["000", "O1"],
    title: "Exception is swallowed",
    preview: true,
    docs: Docs {
        what: "Flags a handler that catches a broad error, neither logs, re-raises, returns nor \
records it, and guards an operation whose failure matters: a request that changes state on another \
service (POST/PUT/PATCH/DELETE), a database, queue or object-store write, or an email send. The \
handler forms: Python `except:`/`except Exception:`/`except BaseException:` whose body is only `pass`, \
`...`, `continue`, `break`, a bare or constant `return`, or constant assignments, and \
`contextlib.suppress(Exception)`; Go `if err != nil { }` and `if err != nil { return …, nil }` in a \
function whose last result is `error`; Java/Kotlin empty `catch (Exception|Throwable|RuntimeException)` \
and catches that only `printStackTrace()` (MEDIUM); TS/JS empty `catch` blocks and \
`.catch(() => {})`/`.catch(() => null)`/`.catch(noop)`; Rust `Err(_) => {}` arms and empty \
`if let Err(_) = …`; Swift and Dart empty catch-alls.\n\n\
Handled, not flagged: a call to a logger or reporter (`log`, `logger`, `logging`, `console.error`, \
`Sentry`, `capture_exception`, `report`, `metrics`, `span.record_exception`, `setError`, …), a \
re-raise or throw, returning or propagating the error, and narrow types (`KeyError`, `ValueError`, \
`FileNotFoundError`, `NumberFormatException`, …), which are deliberate control flow, and a Python \
`try` that only imports (an optional dependency).\n\n\
Not flagged either, because on real code they are decisions rather than defects: a handler around \
reads, parsing, probes or cleanup (a read that falls back to a default is a probe); a handler whose \
body explains itself in a comment (`// best effort: retried on the next tick`), unless the comment \
admits the gap (`TODO`, `FIXME`); a promise `.catch(() => null)` whose fallback is assigned or \
returned, so the code checks it; an error formatted into the returned value (`return f\"Error: {e}\"`); \
`printStackTrace()` in a program's entry point or in a project that logs nothing else; a \
handler in a retry loop, whose failed attempt the loop tries again (RES005 and RES006 judge the \
loop's bound and backoff); a handler in a function or module that reports to a third party \
on the side (`_track`, `trackEvent`, `check_for_new_version`, an `analytics/`, `telemetry/` or \
`newsletter/` module), which is meant to fail quietly. A \
catch already suppressed for a peer linter on its line or the line above (`pylint: \
disable=broad-except`, `noqa: BLE001`/`S110`/`E722`, `eslint-disable-next-line no-empty`) is a \
recorded decision and is not flagged.",
        why: "A swallowed error turns a failure into a silent success. The caller proceeds with \
missing data, nothing is logged, no metric moves, and the first sign of trouble is a customer \
report days later — with no trace to start from. In a client (a browser, mobile or desktop app) \
the failure is one user's action lost without an error state: such findings are MEDIUM.",
        example: "try:\n    sync_invoice(invoice)\nexcept Exception:\n    pass",
        use_instead: "try:\n    sync_invoice(invoice)\nexcept Exception:\n    logger.exception(\"invoice sync failed\", extra={\"invoice\": invoice.id})\n    raise",
    },
};

impl Rule for SwallowedException {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Handler, Event::Call]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let before = out.len();
        // Calls that handle errors: `contextlib.suppress`-like calls in Python,
        // promise `.catch(...)` in TS/JS.
        if cx.event == Event::Call
            && !matches!(
                cx.m.lang,
                Lang::Python | Lang::TypeScript | Lang::Tsx | Lang::JavaScript
            )
        {
            return;
        }
        match cx.m.lang {
            Lang::Python => python::check(cx, node, out),
            Lang::Go => go::check(cx, node, out),
            Lang::Java | Lang::Kotlin => jvm::check(cx, node, out),
            Lang::TypeScript | Lang::Tsx | Lang::JavaScript => ts::check(cx, node, out),
            Lang::Rust => rust::check(cx, node, out),
            Lang::Swift => swift::check(cx, node, out),
            Lang::Dart => dart::check(cx, node, out),
            _ => {}
        }
        // A handler that calls one of the project's declared loggers reports
        // the failure (`loggers` in its configuration).
        if let Some(v) = cx.vocabulary {
            let mut i = before;
            while i < out.len() {
                if v.logger_called_in(cx.text(out[i].node)).is_some() {
                    out.remove(i);
                } else {
                    i += 1;
                }
            }
        }
        // A failed attempt in a retry loop is tried again: the loop handles it
        // (RES005/RES006 judge its bound and backoff).
        if out.len() > before && super::contexts::in_retry_loop(cx) {
            out.truncate(before);
            return;
        }
        // A best-effort report to a third party (analytics, telemetry, a newsletter
        // sign-up, a version check) is meant to fail quietly: the user's work
        // does not depend on it.
        if out.len() > before && reports_to_third_party(cx) {
            out.truncate(before);
            return;
        }
        // Only a failure that matters: the handler guards a call of another service
        // or a write, and does not explain itself in a comment.
        let mut i = before;
        while i < out.len() {
            let handler = out[i].node;
            let guarded = if guarded::explained(cx, handler) || guarded::fallback_used(handler) {
                None
            } else {
                guarded::protected(handler).and_then(|r| guarded::consequential(cx, r))
            };
            match guarded {
                Some((call, what)) => {
                    let d = &mut out[i];
                    d.issue = format!(
                        "{} It guards `{}` ({what}, line {}): when that fails, the code carries on as if it had succeeded.",
                        d.issue,
                        cx.snippet(call, 50),
                        call.start_position().row + 1
                    );
                    i += 1;
                }
                None => {
                    out.remove(i);
                }
            }
        }
        // Server code is pointed at the project's own logger, when it has one.
        // In a client the failure is one user's, seen on their screen (or not):
        // a client impact, at MEDIUM.
        if cx.stack == crate::finding::Stack::Backend {
            let declared = cx.vocabulary.and_then(|v| v.loggers.first());
            for d in &mut out[before..] {
                match declared {
                    // The project's own, as its configuration names it.
                    Some((name, at)) => {
                        d.fix = format!(
                            "{} This project reports errors with `{name}` ({at}): record the error there, with its context.",
                            d.fix
                        );
                        // The project logs: printing a trace bypasses it.
                        if d.unless == Some(crate::facts::Unless::NoLogger(cx.m.lang.family())) {
                            d.unless = None;
                        }
                    }
                    None => d.hint = Some(crate::facts::Hint::Logger(cx.m.lang.family())),
                }
            }
        } else {
            let place = match cx.function() {
                Some(f) if !f.name.starts_with('<') => format!("`{}`", f.name),
                _ => "the screen".to_string(),
            };
            for d in &mut out[before..] {
                d.severity = Some(Severity::Medium);
                d.impact = format!(
                    "When this fails, {place} behaves as if it worked: the user's action is silently lost, no error state is shown, and no error report reaches you."
                );
            }
        }
        // A broad catch already suppressed for a peer linter is a recorded decision.
        let mut i = before;
        while i < out.len() {
            if cx.line_has_marker(out[i].node, PEER_SUPPRESSIONS) {
                out.remove(i);
            } else {
                i += 1;
            }
        }
    }

    fn cases(&self) -> Vec<Case> {
        [
            python::CASES,
            go::CASES,
            jvm::CASES,
            ts::CASES,
            rust::CASES,
            swift::CASES,
            dart::CASES,
        ]
        .concat()
    }
}

/// Peer linters' codes for "broad or empty catch": pylint `broad-except`/`W0703`,
/// `bare-except`/`W0702`, ruff/flake8 `BLE001`, `S110`, `E722`, ESLint `no-empty`.
const PEER_SUPPRESSIONS: &[&str] = &[
    "broad-except",
    "broad-exception-caught",
    "bare-except",
    "W0703",
    "W0718",
    "W0702",
    "BLE001",
    "S110",
    "S112",
    "E722",
    "no-empty",
];

/// What happens when the swallowed failure occurs, for the impact text.
/// Whether the enclosing function (by its name or its module's path) reports
/// to a third party on the side: `_track`, `check_for_new_version`,
/// `newsletter/providers/listmonk.provider.ts`.
fn reports_to_third_party(cx: &Cx) -> bool {
    const WORDS: &[&str] = &[
        "analytics",
        "telemetry",
        "trackevent",
        "track_event",
        "newsletter",
        "marketing",
        "new_version",
        "newversion",
        "version_check",
        "versioncheck",
    ];
    let name = cx
        .function()
        .map(|f| f.name.to_ascii_lowercase())
        .unwrap_or_default();
    let path = cx.project_path.to_ascii_lowercase();
    name.trim_matches('_') == "track"
        || WORDS
            .iter()
            .any(|w| name.contains(w) || path.split('/').any(|seg| seg.contains(w)))
}

fn impact(cx: &Cx) -> String {
    let place = match cx.function() {
        Some(f) if f.is_handler && f.name.starts_with('<') => {
            "this request handler reports success".to_string()
        }
        Some(f) if f.is_handler => format!("the request handler `{}` reports success", f.name),
        Some(f) if f.name.starts_with('<') => {
            "this callback carries on as if it succeeded".to_string()
        }
        Some(f) => format!("`{}` carries on as if it succeeded", f.name),
        None => "the module carries on as if it succeeded".to_string(),
    };
    format!(
        "When this fails in production, {place}: nothing is logged, no alert fires, and the lost work surfaces later as missing data with no trace to start from."
    )
}

/// Catch-all type names across the JVM languages, Dart and Python.
pub(crate) fn is_broad_type(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name).trim();
    matches!(
        last,
        "Exception"
            | "Throwable"
            | "RuntimeException"
            | "BaseException"
            | "Object"
            | "dynamic"
            | "Error"
    )
}
