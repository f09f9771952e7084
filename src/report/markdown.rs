//! `--format markdown`: the reviewer's report, grouped by pillar.

use super::{groups, plural, Report};
use crate::finding::{Pillar, Severity, Stack};

pub fn render(r: &Report) -> String {
    let s = r.stats;
    let mut out = String::new();
    // Per kind of file scanned, the pillars some enabled rule checks there.
    let mut sets = Vec::new();
    for (stack, files, name) in [
        (Stack::Backend, s.by_stack.backend, "backend"),
        (Stack::Frontend, s.by_stack.frontend, "frontend"),
        (Stack::Config, s.by_stack.config, "config"),
    ] {
        if files == 0 {
            continue;
        }
        let pillars: Vec<&str> = Pillar::ALL
            .into_iter()
            .filter(|p| {
                crate::rules::ALL.iter().zip(r.enabled).any(|(rule, on)| {
                    *on && rule.meta().pillar == *p && rule.meta().scope.admits(stack)
                })
            })
            .map(|p| p.title())
            .collect();
        sets.push(if pillars.is_empty() {
            format!("{name}: no enabled rule")
        } else {
            format!("{name} ({})", pillars.join(", "))
        });
    }
    let applied = if sets.is_empty() {
        "none".to_string()
    } else {
        sets.join("; ")
    };
    out.push_str(&format!(
        "Scanned {} ({} backend, {} frontend, {} config, {} lines) and found {}: {} HIGH, {} MEDIUM, {} LOW. Pillars checked: {}.{}\n",
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
        for g in groups(items) {
            let f = g.first;
            let (title, places, impact) = if g.rest.is_empty() {
                (
                    f.title.clone(),
                    format!("**File**: `{}:{}`", f.path, f.line),
                    f.impact.clone(),
                )
            } else {
                let all: Vec<String> = std::iter::once(f)
                    .chain(g.rest.iter().copied())
                    .map(|o| format!("`{}:{}`", o.path, o.line))
                    .collect();
                (
                    format!(
                        "{} ({}× in {})",
                        f.title,
                        g.len(),
                        plural(g.files(), "file", "files")
                    ),
                    format!("**Files**: {}", all.join(", ")),
                    if g.same_impact() {
                        f.impact.clone()
                    } else {
                        format!("At `{}:{}`: {}", f.path, f.line, f.impact)
                    },
                )
            };
            out.push_str(&format!(
                "### [Severity: {}] {}\n{}\n**Rule**: {} {} ({})\n**Issue**: {}\n**Impact**: {}\n**Fix**: {}\n\n",
                f.severity,
                title,
                places,
                f.rule,
                f.name,
                f.refs.join(", "),
                f.issue,
                impact,
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
