//! The code against the declared design: each declaration is `consistent`,
//! `contradicted` (with the `path:line` that contradicts it), `not_shown`
//! (the code does not show what the promise needs) or `not_found` (the
//! declaration names nothing in the scanned code).

use super::{at, delivery_of, Cell, DualWrite, Item};
use crate::design::{names_component, names_target, Consistency, Delivery, Design, Style};
use crate::model::interaction::Kind;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct DesignCheck {
    /// What is declared, in words (`checkout → payments: async-queue, exactly-once`).
    pub declared: String,
    /// Where (`faultline.toml:14`).
    pub at: String,
    /// `consistent`, `contradicted`, `not_shown` or `not_found`.
    pub verdict: &'static str,
    /// What the code shows.
    pub found: String,
    pub evidence: Vec<String>,
    pub interactions: Vec<String>,
}

/// A timeout as the code writes it, in milliseconds, where the expression is
/// a literal faultline can read in the call's language: seconds in Python
/// (a `(connect, read)` pair counts both), milliseconds in JS/TS, and Go,
/// Rust, Java and Kotlin durations with their unit.
pub(crate) fn timeout_ms(value: &str, path: &str) -> Option<f64> {
    let v = value.trim().replace(' ', "");
    let num = |s: &str| {
        s.replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
    };
    let ext = path.rsplit('.').next().unwrap_or("");
    match ext {
        "py" => {
            if let Some(inner) = v.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
                let parts: Option<Vec<f64>> = inner.split(',').map(num).collect();
                return parts.map(|p| p.iter().sum::<f64>() * 1000.0);
            }
            num(&v).map(|n| n * 1000.0)
        }
        "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" | "mts" | "cts" => num(&v),
        _ => {
            // `30*time.Second`, `time.Second*30`, `Duration::from_secs(30)`,
            // `Duration.ofSeconds(30)`, `30.seconds`.
            let units: [(&str, f64); 12] = [
                ("time.Millisecond", 1.0),
                ("time.Second", 1000.0),
                ("time.Minute", 60_000.0),
                ("Duration::from_millis", 1.0),
                ("Duration::from_secs", 1000.0),
                ("Duration.ofMillis", 1.0),
                ("Duration.ofSeconds", 1000.0),
                ("Duration.ofMinutes", 60_000.0),
                (".milliseconds", 1.0),
                (".seconds", 1000.0),
                (".minutes", 60_000.0),
                ("Duration::from_secs_f64", 1000.0),
            ];
            for (unit, scale) in units {
                if let Some(rest) = v.strip_prefix(unit) {
                    if rest.is_empty() {
                        return Some(scale);
                    }
                    if let Some(n) = rest.strip_prefix('*').and_then(num) {
                        return Some(n * scale);
                    }
                    if let Some(n) = rest
                        .strip_prefix('(')
                        .and_then(|r| r.strip_suffix(')'))
                        .and_then(num)
                    {
                        return Some(n * scale);
                    }
                }
                if let Some(n) = v
                    .strip_suffix(unit)
                    .and_then(|r| r.strip_suffix('*'))
                    .and_then(num)
                {
                    return Some(n * scale);
                }
                if let Some(n) = v.strip_suffix(unit).and_then(num) {
                    return Some(n * scale);
                }
            }
            None
        }
    }
}

fn ms_text(ms: f64) -> String {
    if ms >= 1000.0 && (ms / 1000.0).fract() == 0.0 {
        format!("{}s", ms / 1000.0)
    } else {
        format!("{ms}ms")
    }
}

/// Every declaration, checked.
pub(crate) fn check(
    design: &Design,
    items: &[Item],
    matrix: &[Cell],
    duals: &[DualWrite],
    components: &[String],
) -> Vec<DesignCheck> {
    let mut out = Vec::new();
    let listed = || {
        if components.is_empty() {
            "none".to_string()
        } else {
            components.join(", ")
        }
    };
    for c in &design.components {
        let mut declared = vec![format!("component `{}`", c.name)];
        if let Some(k) = c.criticality {
            declared.push(format!("criticality {}", k.name()));
        }
        if let Some((_, text)) = &c.latency {
            declared.push(format!("latency budget {text}"));
        }
        if let Some(sla) = &c.sla {
            declared.push(format!("SLA {sla}"));
        }
        let declared = declared.join(", ");
        let mine: Vec<&Item> = items
            .iter()
            .filter(|i| names_component(&c.name, &i.row.component))
            .collect();
        if !components.iter().any(|r| names_component(&c.name, r)) {
            out.push(DesignCheck {
                declared,
                at: c.at.clone(),
                verdict: "not_found",
                found: format!(
                    "no component of that name has interactions in the scanned code; the components are: {}",
                    listed()
                ),
                evidence: Vec::new(),
                interactions: Vec::new(),
            });
            continue;
        }
        let Some((budget, budget_text)) = &c.latency else {
            out.push(DesignCheck {
                declared,
                at: c.at.clone(),
                verdict: "consistent",
                found: format!(
                    "{} in the code{}",
                    crate::report::plural(mine.len(), "interaction", "interactions"),
                    if c.criticality.is_some() {
                        "; its safeguards rank by the declared criticality"
                    } else {
                        ""
                    }
                ),
                evidence: Vec::new(),
                interactions: Vec::new(),
            });
            continue;
        };
        // The latency budget: every outbound call bounded within it.
        let calls: Vec<&Item> = mine
            .iter()
            .copied()
            .filter(|i| i.row.kind == Kind::SyncRpc)
            .collect();
        let mut over = Vec::new();
        let mut unread = 0;
        for i in &calls {
            let t = i.row.settings.get("timeout");
            match t.map(|t| t.state) {
                Some("missing") => over.push((*i, "no timeout".to_string())),
                Some("set" | "default") => {
                    match t
                        .and_then(|t| t.value.as_deref())
                        .and_then(|v| timeout_ms(v, &i.row.path))
                    {
                        Some(ms) if ms > *budget => {
                            over.push((*i, format!("a timeout of {}", ms_text(ms))))
                        }
                        Some(_) => {}
                        None => unread += 1,
                    }
                }
                _ => unread += 1,
            }
        }
        let unread_text = if unread > 0 {
            format!(
                "; {} whose bound faultline cannot read",
                crate::report::plural(unread, "call", "calls")
            )
        } else {
            String::new()
        };
        if over.is_empty() {
            out.push(DesignCheck {
                declared,
                at: c.at.clone(),
                verdict: if calls.is_empty() || unread < calls.len() {
                    "consistent"
                } else {
                    "not_shown"
                },
                found: format!(
                    "{} bounded within {budget_text}{unread_text}",
                    crate::report::plural(calls.len() - unread, "outbound call", "outbound calls")
                ),
                evidence: Vec::new(),
                interactions: Vec::new(),
            });
        } else {
            out.push(DesignCheck {
                declared,
                at: c.at.clone(),
                verdict: "contradicted",
                found: format!(
                    "{} can wait past the {budget_text} budget: {}{unread_text}",
                    crate::report::plural(over.len(), "outbound call", "outbound calls"),
                    over.iter()
                        .map(|(i, why)| format!("`{}` at {} has {why}", i.row.label, at(i)))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                evidence: over.iter().map(|(i, _)| at(i)).collect(),
                interactions: over.iter().map(|(i, _)| i.row.id.clone()).collect(),
            });
        }
    }
    for d in &design.interactions {
        let mut words = Vec::new();
        if let Some(s) = d.style {
            words.push(s.name());
        }
        if let Some(x) = d.delivery {
            words.push(x.name());
        }
        if let Some(x) = d.consistency {
            words.push(x.name());
        }
        let declared = if words.is_empty() {
            format!("{} → {}", d.from, d.to)
        } else {
            format!("{} → {}: {}", d.from, d.to, words.join(", "))
        };
        let outgoing: Vec<&Item> = items
            .iter()
            .filter(|i| {
                i.row.kind != Kind::Consume
                    && names_component(&d.from, &i.row.component)
                    && names_target(&d.to, &i.row.target.value)
            })
            .collect();
        let consumers: Vec<&Item> = items
            .iter()
            .filter(|i| i.row.kind == Kind::Consume && names_target(&d.to, &i.row.target.value))
            .collect();
        if outgoing.is_empty() {
            let found = if components.iter().any(|r| names_component(&d.from, r)) {
                format!(
                    "no interaction of `{}` reaches `{}` in the scanned code{}",
                    d.from,
                    d.to,
                    if consumers.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " (consumed at {})",
                            consumers
                                .iter()
                                .map(|i| at(i))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                )
            } else {
                format!(
                    "no component `{}` has interactions in the scanned code; the components are: {}",
                    d.from,
                    listed()
                )
            };
            out.push(DesignCheck {
                declared,
                at: d.at.clone(),
                verdict: "not_found",
                found,
                evidence: consumers.iter().map(|i| at(i)).collect(),
                interactions: consumers.iter().map(|i| i.row.id.clone()).collect(),
            });
            continue;
        }
        let publishes: Vec<&Item> = outgoing
            .iter()
            .copied()
            .filter(|i| i.row.kind == Kind::Publish)
            .collect();
        let syncs: Vec<&Item> = outgoing
            .iter()
            .copied()
            .filter(|i| i.row.kind == Kind::SyncRpc)
            .collect();
        // (what the code shows, where, which interactions)
        let mut against: Vec<(String, Vec<&Item>)> = Vec::new();
        let mut unshown: Vec<(String, Vec<&Item>)> = Vec::new();
        let places = |its: &[&Item]| its.iter().map(|i| at(i)).collect::<Vec<_>>().join(", ");
        match d.style {
            Some(Style::SyncRpc) if !publishes.is_empty() => against.push((
                format!(
                    "the code sends `{}` a message ({}): the caller neither waits for nor learns the outcome",
                    d.to,
                    places(&publishes)
                ),
                publishes.clone(),
            )),
            Some(Style::AsyncQueue | Style::EventStream) if !syncs.is_empty() => against.push((
                format!(
                    "the code calls `{}` synchronously ({}): when it is slow or down, `{}` waits or fails with it",
                    d.to,
                    places(&syncs),
                    d.from
                ),
                syncs.clone(),
            )),
            _ => {}
        }
        if let Some(delivery) = d.delivery {
            if publishes.is_empty() && consumers.is_empty() {
                unshown.push((
                    format!(
                        "delivery is a property of messages; the code reaches `{}` only by {}",
                        d.to,
                        outgoing
                            .iter()
                            .map(|i| super::kind_name(i.row.kind))
                            .collect::<std::collections::BTreeSet<_>>()
                            .into_iter()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    outgoing.clone(),
                ));
            }
            if matches!(delivery, Delivery::AtLeastOnce | Delivery::ExactlyOnce) {
                let early: Vec<&Item> = consumers
                    .iter()
                    .copied()
                    .filter(|c| delivery_of(c) == "at-most-once")
                    .collect();
                if !early.is_empty() {
                    against.push((
                        format!(
                            "the consumer acknowledges on delivery, before its work ({}): a crash in it loses the message (at-most-once)",
                            places(&early)
                        ),
                        early,
                    ));
                }
                for p in &publishes {
                    if let Some(dw) = duals
                        .iter()
                        .find(|dw| !dw.outbox && dw.interactions.contains(&p.row.id))
                    {
                        against.push((
                            format!(
                                "the publisher writes state and publishes without an outbox in `{}` ({}:{}): {}",
                                dw.function, dw.path, dw.line, dw.crash
                            ),
                            vec![*p],
                        ));
                    }
                }
            }
            if delivery == Delivery::ExactlyOnce {
                for c in &consumers {
                    let cell = matrix
                        .iter()
                        .find(|m| m.interaction == c.row.id && m.failure == "duplicate_delivery");
                    match cell.map(|m| m.verdict) {
                        Some("safe") => {}
                        Some("unsafe") if delivery_of(c) == "at-most-once" => {}
                        Some("unsafe") => against.push((
                            format!(
                                "a redelivered message is applied twice by `{}` ({}): {}",
                                c.row.function,
                                at(c),
                                cell.map_or("", |m| m.current.as_str())
                            ),
                            vec![*c],
                        )),
                        _ => unshown.push((
                            format!(
                                "exactly-once needs idempotent processing; the code does not show `{}` ({}) deduplicating a redelivered message (no idempotency key, conflict clause or processed-message check)",
                                c.row.function,
                                at(c)
                            ),
                            vec![*c],
                        )),
                    }
                }
            }
        }
        if matches!(
            d.consistency,
            Some(Consistency::Strong | Consistency::ReadYourWrites)
        ) && !publishes.is_empty()
        {
            against.push((
                format!(
                    "the code hands the change over as a message ({}): its consumers apply it later, so a read right after the write does not see it (eventual)",
                    places(&publishes)
                ),
                publishes.clone(),
            ));
        }
        let (verdict, list) = if !against.is_empty() {
            ("contradicted", against)
        } else if !unshown.is_empty() {
            ("not_shown", unshown)
        } else {
            (
                "consistent",
                vec![(
                    format!(
                        "{} from `{}` to `{}` ({}){}",
                        crate::report::plural(outgoing.len(), "interaction", "interactions"),
                        d.from,
                        d.to,
                        places(&outgoing),
                        if consumers.is_empty() {
                            String::new()
                        } else {
                            format!(", consumed at {}", places(&consumers))
                        }
                    ),
                    outgoing.clone(),
                )],
            )
        };
        let mut evidence: Vec<String> = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for (_, its) in &list {
            for i in its {
                if !evidence.contains(&at(i)) {
                    evidence.push(at(i));
                }
                if !ids.contains(&i.row.id) {
                    ids.push(i.row.id.clone());
                }
            }
        }
        ids.sort_by_key(|id| super::id_number(id));
        out.push(DesignCheck {
            declared,
            at: d.at.clone(),
            verdict,
            found: list
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
                .join("; "),
            evidence,
            interactions: ids,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::timeout_ms;

    #[test]
    fn timeouts_read_in_their_language() {
        assert_eq!(timeout_ms("10", "a.py"), Some(10_000.0));
        assert_eq!(timeout_ms("(3.05, 27)", "a.py"), Some(30_050.0));
        assert_eq!(timeout_ms("5000", "a.ts"), Some(5000.0));
        assert_eq!(timeout_ms("30 * time.Second", "a.go"), Some(30_000.0));
        assert_eq!(timeout_ms("time.Second * 2", "a.go"), Some(2000.0));
        assert_eq!(timeout_ms("500*time.Millisecond", "a.go"), Some(500.0));
        assert_eq!(timeout_ms("time.Minute", "a.go"), Some(60_000.0));
        assert_eq!(timeout_ms("Duration::from_secs(5)", "a.rs"), Some(5000.0));
        assert_eq!(timeout_ms("Duration.ofMillis(250)", "A.java"), Some(250.0));
        assert_eq!(timeout_ms("cfg.Timeout", "a.go"), None);
        assert_eq!(timeout_ms("settings.TIMEOUT", "a.py"), None);
        assert_eq!(timeout_ms("10", "a.go"), None);
        assert_eq!(timeout_ms("30_000", "a.ts"), Some(30_000.0));
    }
}
