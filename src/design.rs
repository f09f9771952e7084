//! The design a system declares (`[design]` in `faultline.toml`, or
//! `--design FILE`): its components with their criticality and latency
//! budget, and its interactions with their communication style, delivery
//! and consistency expectations. `faultline failure-modes` checks the code
//! against it and ranks safeguards by the declared criticality.
//!
//! ```toml
//! [design.components.payments]
//! criticality = "critical"      # critical | high | medium | low
//! latency = "800ms"             # the budget for its outbound calls
//! sla = "99.95% of charges within 2 s"
//!
//! [[design.interactions]]
//! from = "checkout"             # a component
//! to = "payments"               # a queue, topic, table, host or environment variable
//! style = "async-queue"         # sync-rpc | async-queue | event-stream
//! delivery = "exactly-once"     # at-most-once | at-least-once | exactly-once
//! consistency = "eventual"      # strong | read-your-writes | eventual
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// `[design]` as written, with where each value sits.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawDesign {
    components: Option<BTreeMap<Spanned<String>, RawComponent>>,
    interactions: Option<Vec<Spanned<RawInteraction>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawComponent {
    criticality: Option<Spanned<String>>,
    latency: Option<Spanned<String>>,
    sla: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawInteraction {
    from: Spanned<String>,
    to: Spanned<String>,
    style: Option<Spanned<String>>,
    delivery: Option<Spanned<String>>,
    consistency: Option<Spanned<String>>,
}

/// A `--design FILE`: a `[design]` table, or the design's keys at the top.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignFile {
    design: RawDesign,
}

/// The declared design, validated.
#[derive(Debug, Clone, Default)]
pub struct Design {
    pub components: Vec<DeclaredComponent>,
    pub interactions: Vec<DeclaredInteraction>,
}

#[derive(Debug, Clone)]
pub struct DeclaredComponent {
    pub name: String,
    pub criticality: Option<Criticality>,
    /// The latency budget in milliseconds, and as written.
    pub latency: Option<(f64, String)>,
    pub sla: Option<String>,
    /// Where it is declared (`faultline.toml:12`).
    pub at: String,
}

#[derive(Debug, Clone)]
pub struct DeclaredInteraction {
    pub from: String,
    pub to: String,
    pub style: Option<Style>,
    pub delivery: Option<Delivery>,
    pub consistency: Option<Consistency>,
    pub at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Criticality {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    SyncRpc,
    AsyncQueue,
    EventStream,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    AtMostOnce,
    AtLeastOnce,
    ExactlyOnce,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consistency {
    Strong,
    ReadYourWrites,
    Eventual,
}

impl Criticality {
    pub fn name(self) -> &'static str {
        match self {
            Criticality::Low => "low",
            Criticality::Medium => "medium",
            Criticality::High => "high",
            Criticality::Critical => "critical",
        }
    }
}

impl Style {
    pub fn name(self) -> &'static str {
        match self {
            Style::SyncRpc => "sync-rpc",
            Style::AsyncQueue => "async-queue",
            Style::EventStream => "event-stream",
        }
    }
}

impl Delivery {
    pub fn name(self) -> &'static str {
        match self {
            Delivery::AtMostOnce => "at-most-once",
            Delivery::AtLeastOnce => "at-least-once",
            Delivery::ExactlyOnce => "exactly-once",
        }
    }
}

impl Consistency {
    pub fn name(self) -> &'static str {
        match self {
            Consistency::Strong => "strong",
            Consistency::ReadYourWrites => "read-your-writes",
            Consistency::Eventual => "eventual",
        }
    }
}

/// One of `choices` (case-insensitive; `_` for `-`), or an error naming them.
fn choose<T: Copy>(
    v: &Spanned<String>,
    key: &str,
    choices: &[(&str, T)],
    err: &dyn Fn(usize, String) -> crate::config::Error,
) -> Result<T, crate::config::Error> {
    let want = v.get_ref().trim().to_ascii_lowercase().replace('_', "-");
    // `effectively-once` is the same promise as exactly-once.
    let want = if want == "effectively-once" {
        "exactly-once".to_string()
    } else {
        want
    };
    choices
        .iter()
        .find(|(n, _)| *n == want)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            err(
                v.span().start,
                format!(
                    "design: {key} `{}` is not one of {}{}",
                    v.get_ref(),
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    crate::rules::did_you_mean(v.get_ref(), names.iter().copied())
                ),
            )
        })
}

/// A duration as written in a design (`800ms`, `2s`, `1.5 s`, `1m`), in
/// milliseconds.
pub fn duration_ms(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (n, unit) = t.split_at(split);
    let n: f64 = n.parse().ok()?;
    let scale = match unit.trim() {
        "ms" => 1.0,
        "s" | "sec" | "secs" | "second" | "seconds" => 1000.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60_000.0,
        _ => return None,
    };
    (n.is_finite() && n > 0.0).then_some(n * scale)
}

impl Design {
    /// A `--design FILE`.
    pub fn load(file: &std::path::Path, shown: &str) -> Result<Design, crate::config::Error> {
        let text = crate::source::read_source(file).map_err(|reason| crate::config::Error {
            file: shown.to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read the design: {reason}"),
        })?;
        let toml_error =
            |e: toml::de::Error| crate::config::Error::toml(shown, &text, "design", &e);
        // A faultline.toml's `[design]` table, or the keys at the top.
        let raw = if text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("[design") || l.starts_with("design")
        }) {
            toml::from_str::<DesignFile>(&text)
                .map_err(toml_error)?
                .design
        } else {
            toml::from_str::<RawDesign>(&text).map_err(toml_error)?
        };
        Design::resolve(raw, &text, shown)
    }

    /// Validates a design as written in `text` (the file `shown`).
    pub(crate) fn resolve(
        raw: RawDesign,
        text: &str,
        shown: &str,
    ) -> Result<Design, crate::config::Error> {
        let err =
            |offset: usize, message: String| crate::config::Error::at(shown, text, offset, message);
        let line_of =
            |offset: usize| format!("{shown}:{}", crate::config::position(text, offset).0);
        let mut design = Design::default();
        for (name, c) in raw.components.into_iter().flatten() {
            if name.get_ref().trim().is_empty() {
                return Err(err(
                    name.span().start,
                    "design: a component needs a name: its service root as the report names it (`[design.components.payments]`)".into(),
                ));
            }
            let criticality = match &c.criticality {
                None => None,
                Some(v) => Some(choose(
                    v,
                    "criticality",
                    &[
                        ("critical", Criticality::Critical),
                        ("high", Criticality::High),
                        ("medium", Criticality::Medium),
                        ("low", Criticality::Low),
                    ],
                    &err,
                )?),
            };
            let latency = match &c.latency {
                None => None,
                Some(v) => Some((
                    duration_ms(v.get_ref()).ok_or_else(|| {
                        err(
                            v.span().start,
                            format!(
                                "design: latency `{}` is not a duration; write it with its unit (`\"800ms\"`, `\"2s\"`)",
                                v.get_ref()
                            ),
                        )
                    })?,
                    v.get_ref().trim().to_string(),
                )),
            };
            design.components.push(DeclaredComponent {
                name: name.get_ref().trim().to_string(),
                criticality,
                latency,
                sla: c.sla,
                at: line_of(name.span().start),
            });
        }
        for spanned in raw.interactions.into_iter().flatten() {
            let start = spanned.span().start;
            let i = spanned.into_inner();
            for (key, v) in [("from", &i.from), ("to", &i.to)] {
                if v.get_ref().trim().is_empty() {
                    return Err(err(
                        v.span().start,
                        format!("design: an interaction's `{key}` is empty; name a component (`from`) and what it reaches (`to`: a queue, topic, table, host or variable)"),
                    ));
                }
            }
            let style = match &i.style {
                None => None,
                Some(v) => Some(choose(
                    v,
                    "style",
                    &[
                        ("sync-rpc", Style::SyncRpc),
                        ("async-queue", Style::AsyncQueue),
                        ("event-stream", Style::EventStream),
                    ],
                    &err,
                )?),
            };
            let delivery = match &i.delivery {
                None => None,
                Some(v) => Some(choose(
                    v,
                    "delivery",
                    &[
                        ("at-most-once", Delivery::AtMostOnce),
                        ("at-least-once", Delivery::AtLeastOnce),
                        ("exactly-once", Delivery::ExactlyOnce),
                    ],
                    &err,
                )?),
            };
            let consistency = match &i.consistency {
                None => None,
                Some(v) => Some(choose(
                    v,
                    "consistency",
                    &[
                        ("strong", Consistency::Strong),
                        ("read-your-writes", Consistency::ReadYourWrites),
                        ("eventual", Consistency::Eventual),
                    ],
                    &err,
                )?),
            };
            design.interactions.push(DeclaredInteraction {
                from: i.from.get_ref().trim().to_string(),
                to: i.to.get_ref().trim().to_string(),
                style,
                delivery,
                consistency,
                at: line_of(i.from.span().start.max(start)),
            });
        }
        Ok(design)
    }

    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.interactions.is_empty()
    }

    /// The declared component a report component (its root, `services/payments`)
    /// is: by the whole root or its last segment.
    pub fn component(&self, root: &str) -> Option<&DeclaredComponent> {
        self.components
            .iter()
            .find(|c| names_component(&c.name, root))
    }
}

/// Whether a declared name stands for the component rooted at `root`: the
/// root itself, or its last path segments (`payments` for `services/payments`).
pub fn names_component(name: &str, root: &str) -> bool {
    let name = name.trim_matches('/');
    let root = root.trim_matches('/');
    name.eq_ignore_ascii_case(root)
        || root
            .to_ascii_lowercase()
            .ends_with(&format!("/{}", name.to_ascii_lowercase()))
}

/// Whether a declared `to` names a target value: the same name, or a word of
/// it between separators (`payments` in `PAYMENTS_URL`, `payments.internal`).
pub fn names_target(to: &str, value: &str) -> bool {
    let to = to.to_ascii_lowercase();
    let value = value.to_ascii_lowercase();
    if to.is_empty() || value.is_empty() {
        return false;
    }
    if to == value {
        return true;
    }
    value.match_indices(&to).any(|(at, _)| {
        let before = value[..at].chars().next_back();
        let after = value[at + to.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        edge(before) && edge(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_with_units() {
        assert_eq!(duration_ms("800ms"), Some(800.0));
        assert_eq!(duration_ms("2s"), Some(2000.0));
        assert_eq!(duration_ms("1.5 s"), Some(1500.0));
        assert_eq!(duration_ms("1m"), Some(60_000.0));
        assert_eq!(duration_ms("800"), None);
        assert_eq!(duration_ms("fast"), None);
        assert_eq!(duration_ms("0s"), None);
    }

    #[test]
    fn names() {
        assert!(names_component("payments", "examples/orders/payments"));
        assert!(names_component(
            "orders/payments",
            "examples/orders/payments"
        ));
        assert!(!names_component("pay", "examples/orders/payments"));
        assert!(names_target("payments", "PAYMENTS_URL"));
        assert!(names_target("payments", "payments"));
        assert!(names_target("payments", "https://payments.internal/charge"));
        assert!(!names_target("payments", "PAYMENT_PROVIDER_URL"));
        assert!(!names_target("pay", "payments"));
    }
}
