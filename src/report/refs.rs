//! What the references in findings point to: the review rubrics faultline
//! automates, their codes and tests. The markdown report explains the ones it
//! cites.

/// A reference and what it stands for.
pub const LEGEND: &[(&str, &str)] = &[
    ("000", "the production-hardening review: backend pillars (resilience, idempotency, durability) and frontend pillars (kill switch, client resilience)"),
    ("001", "the failure-mode review: what each interaction does under timeouts, partial failure, duplicates and reordering"),
    ("C7", "production standard C7: external writes are idempotent, so a retry has no duplicate side effect"),
    ("F1", "production standard F1: every external call has a timeout; no unbounded waits"),
    ("F2", "production standard F2: retry transient failures only, with bounded attempts and backoff with jitter"),
    ("F3", "production standard F3: a fallback when a provider is down; degrade instead of failing"),
    ("F5", "production standard F5: partial failure is handled; a batch goes on past a failed item"),
    ("F6", "production standard F6: a graceful lifecycle; start-up fails fast, SIGTERM drains in-flight work"),
    ("F7", "production standard F7: liveness and readiness endpoints the orchestrator probes"),
    ("F8", "production standard F8: clean client errors; no internals or stack traces in responses"),
    ("I5", "production standard I5: the service is stateless; no in-process state that must survive or be shared"),
    ("O1", "production standard O1: structured logging through the project's logger"),
    ("TEST-RR-T01", "reliability test T01: an external call times out, and its resources are cleaned up"),
    ("TEST-RR-T02", "reliability test T02: a job has a time limit"),
    ("TEST-RR-SL01", "reliability test SL01: a loop does not run forever"),
    ("TEST-RR-SL02", "reliability test SL02: one item's error does not stop the rest"),
    ("TEST-RR-Q01", "reliability test Q01: a queue message is not lost"),
    ("TEST-RR-Q02", "reliability test Q02: a worker that fails does not acknowledge"),
    ("TEST-RR-P01", "reliability test P01: a batch that fails at item 7 of 20 keeps the other 19"),
    ("TEST-RR-R01", "reliability test R01: a single failed item can be retried"),
    ("TEST-RR-R03", "reliability test R03: a retry is idempotent"),
];

/// What `code` stands for, if the legend knows it.
pub fn meaning(code: &str) -> Option<&'static str> {
    LEGEND.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_reference_a_rule_cites_is_explained() {
        for rule in crate::rules::ALL {
            for r in rule.meta().refs {
                assert!(
                    super::meaning(r).is_some(),
                    "{} cites `{r}`, which the legend does not explain",
                    rule.meta().id
                );
            }
        }
    }
}
