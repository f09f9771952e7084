//! `--format markdown`: the reviewer's report, grouped by pillar.

use super::{plural, Report};
use crate::finding::{Pillar, Severity};

pub fn render(r: &Report) -> String {
    let s = r.stats;
    let mut out = String::new();
    let mut sets = Vec::new();
    if s.by_stack.backend > 0 {
        sets.push("backend (Resilience, Idempotency, Durability, Concurrency, Isolation, Observability & Operations)");
    }
    if s.by_stack.frontend > 0 {
        sets.push("frontend (Remote Kill Switch, Client Resilience & Graceful Degradation, and swallowed errors)");
    }
    if s.by_stack.config > 0 {
        sets.push("config (Isolation, Observability & Operations)");
    }
    let applied = if sets.is_empty() {
        "none".to_string()
    } else {
        sets.join("; ")
    };
    out.push_str(&format!(
        "Scanned {} ({} backend, {} frontend, {} config, {} lines) and found {}: {} HIGH, {} MEDIUM, {} LOW. Pillar sets applied: {}.{}\n",
        plural(s.files, "file", "files"),
        s.by_stack.backend,
        s.by_stack.frontend,
        s.by_stack.config,
        s.lines,
        plural(r.findings.len(), "finding", "findings"),
        r.count(Severity::High),
        r.count(Severity::Medium),
        r.count(Severity::Low),
        applied,
        if r.errors.is_empty() { String::new() } else { format!(" {} could not be fully scanned (listed at the end).", plural(r.errors.len(), "file", "files")) }
    ));
    for pillar in Pillar::ALL {
        let mut items: Vec<_> = r.findings.iter().filter(|f| f.pillar == pillar).collect();
        if items.is_empty() {
            continue;
        }
        items.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.sort_key().cmp(&b.sort_key()))
        });
        out.push_str(&format!("\n## {}\n", pillar.title()));
        for f in items {
            out.push_str(&format!(
                "### [Severity: {}] {}\n**File**: `{}:{}`\n**Rule**: {} {} ({})\n**Issue**: {}\n**Impact**: {}\n**Fix**: {}\n\n",
                f.severity,
                f.title,
                f.path,
                f.line,
                f.rule,
                f.name,
                f.refs.join(", "),
                f.issue,
                f.impact,
                f.fix
            ));
        }
    }
    if !r.errors.is_empty() {
        out.push_str("\n## Files not fully scanned\n");
        for e in r.errors {
            out.push_str(&format!("- `{}`: {}\n", e.path, e.message));
        }
    }
    out
}
