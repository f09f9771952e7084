//! The project's own vocabulary, declared in its configuration: the in-house
//! HTTP client wrappers that are outbound calls (and which argument bounds
//! them), the paths its health probes use, and the functions it logs and
//! reports errors with.
//!
//! ```toml
//! health-paths = ["/internal/up"]
//! loggers = ["audit.record_error"]
//!
//! [http-clients]
//! "http_util.fetch" = "timeout"   # the keyword (or option property) that bounds it
//! "callService" = 3               # or its position, counting from 1
//! ```

use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Kind, Shape};
use serde::Serialize;

/// What a configuration declares about the project's code, for the files it
/// governs.
#[derive(Debug, Default, Serialize)]
pub struct Vocabulary {
    pub http_clients: Vec<HttpClient>,
    pub health_paths: Vec<String>,
    /// Functions that log or report an error (`audit.record_error`), each
    /// with where the configuration declares it (`faultline.toml:3`).
    pub loggers: Vec<(String, String)>,
}

/// An in-house HTTP client wrapper: calling it is an outbound call.
#[derive(Debug, Serialize)]
pub struct HttpClient {
    /// The function as called, with its receiver or module as far as written
    /// (`http_util.fetch`, `fetchJson`).
    pub name: String,
    pub timeout: TimeoutArg,
    /// The client-API row its calls are reported under.
    #[serde(skip)]
    pub api: &'static ClientApi,
}

/// The argument of a wrapper that bounds its wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum TimeoutArg {
    /// A keyword (Python, Kotlin, Dart, Swift) or a property of an options
    /// object (JS/TS).
    Keyword(String),
    /// A position, counting from 1.
    Position(usize),
}

impl std::fmt::Display for TimeoutArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimeoutArg::Keyword(k) => write!(f, "`{k}`"),
            TimeoutArg::Position(p) => write!(f, "argument {p}"),
        }
    }
}

/// Whether `name` is a function as called: identifiers joined by dots.
pub fn is_call_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|seg| {
            seg.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
                && seg
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
}

impl HttpClient {
    /// The wrapper `name`, bounded by `timeout`, declared at `source`
    /// (`faultline.toml:7`). Its client-API row lives as long as the process:
    /// one per declaration, read once per run.
    pub fn new(name: &str, timeout: TimeoutArg, source: &str) -> HttpClient {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let param = match &timeout {
            TimeoutArg::Keyword(k) => k.clone(),
            TimeoutArg::Position(p) => format!("argument {p}"),
        };
        let api = Box::leak(Box::new(ClientApi {
            id: leak(format!("project:{name}")),
            library: leak(format!("the project's `{name}` ({source})")),
            lang: &Lang::ALL,
            kind: Kind::SyncRpc,
            shape: Shape::Call,
            param: leak(param.clone()),
            default: "what the wrapper does without one",
            default_source: leak(source.to_string()),
            default_too_long: true,
            missing: leak(format!(
                "`{{label}}` calls the project's HTTP client `{name}` without {timeout}, which {source} names as what bounds its wait."
            )),
            disabled: leak(format!(
                "`{{label}}` turns off the timeout of the project's HTTP client `{name}`."
            )),
            impact: Impact::Hang,
            peer: "the remote server",
            fix: leak(match &timeout {
                TimeoutArg::Keyword(k) => format!(
                    "Pass `{k}` to `{name}`, sized to what the endpoint needs (a few seconds for an API call), as {source} declares."
                ),
                TimeoutArg::Position(p) => format!(
                    "Pass argument {p} of `{name}`, its timeout, sized to what the endpoint needs (a few seconds for an API call), as {source} declares."
                ),
            }),
            severity: Severity::High,
            title: None,
        }));
        HttpClient {
            name: name.to_string(),
            timeout,
            api,
        }
    }

    /// Whether a call written `callee` (resolved to `target` through the
    /// file's imports) calls this wrapper: the name ends either, at a segment
    /// boundary (`fetch` matches `http.fetch`, not `prefetch`).
    pub fn matches(&self, callee: &str, target: Option<&str>) -> bool {
        let ends = |s: &str| {
            s == self.name
                || s.strip_suffix(self.name.as_str())
                    .is_some_and(|head| head.ends_with('.'))
        };
        ends(callee) || target.is_some_and(ends)
    }
}

impl Vocabulary {
    pub fn is_empty(&self) -> bool {
        self.http_clients.is_empty() && self.health_paths.is_empty() && self.loggers.is_empty()
    }

    /// The first declared logger `code` calls (`audit.record_error(e)`,
    /// `self.audit.record_error(e)`), with where it is declared.
    pub fn logger_called_in(&self, code: &str) -> Option<&(String, String)> {
        self.loggers.iter().find(|(name, _)| {
            code.match_indices(name.as_str()).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                let after = code[at + name.len()..].trim_start();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
                    && after.starts_with('(')
            })
        })
    }

    /// Whether `path` is one of the declared health paths (a trailing `/` aside).
    pub fn is_health_path(&self, path: &str) -> bool {
        let trim = |p: &str| p.trim_end_matches('/').to_string();
        let path = trim(path);
        self.health_paths.iter().any(|p| trim(p) == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapper_matches_at_a_segment_boundary() {
        let c = HttpClient::new(
            "http_util.fetch",
            TimeoutArg::Keyword("timeout".into()),
            "faultline.toml:3",
        );
        assert!(c.matches("http_util.fetch", None));
        assert!(c.matches("app.http_util.fetch", None));
        assert!(c.matches("fetch", Some("app.http_util.fetch")));
        assert!(!c.matches("my_http_util.fetch", None));
        assert!(!c.matches("fetch", Some("requests.fetch")));
        assert!(is_call_name("http_util.fetch"));
        assert!(is_call_name("$http.get"));
        assert!(!is_call_name("http_util."));
        assert!(!is_call_name("fetch(url)"));
    }

    #[test]
    fn a_declared_logger_is_found_where_it_is_called() {
        let v = Vocabulary {
            loggers: vec![("audit.record_error".into(), "faultline.toml:2".into())],
            ..Vocabulary::default()
        };
        assert!(v
            .logger_called_in("except Exception as e:\n    audit.record_error (e)")
            .is_some());
        assert!(v.logger_called_in("self.audit.record_error(e)").is_some());
        assert!(v.logger_called_in("myaudit.record_error(e)").is_none());
        assert!(v
            .logger_called_in("audit.record_error_count += 1")
            .is_none());
    }
}
