//! `--format markdown`: the reviewer's report, grouped by pillar.

use super::{file_count, groups, plural, Report};
use crate::finding::{Pillar, Severity, Stack};

pub fn render(r: &Report) -> String {
    let s = r.stats;
    let mut out = String::new();
    // Per kind of file scanned, the pillars some enabled rule checks there.
    let mut sets = Vec::new();
    for stack in scanned(r) {
        let name = stack.as_str();
        let pillars: Vec<&str> = Pillar::ALL
            .into_iter()
            .filter(|p| checks(r, *p, stack))
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
    out.push_str("# faultline review\n\n");
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
    top_risks(r, &mut out);
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
    not_checked(r, &mut out);
    legend(r, &mut out);
    if !r.errors.is_empty() {
        out.push_str("\n## Files not fully scanned\n");
        for e in r.errors {
            out.push_str(&format!("- `{}`: {}\n", e.path, e.message));
        }
    }
    out
}

/// The problems that matter most, one line per rule and severity: HIGH
/// first, then the most places, then the most files; each with where it
/// first occurs.
fn top_risks(r: &Report, out: &mut String) {
    const TOP: usize = 5;
    let mut items: Vec<&crate::finding::Finding> = r.findings.iter().collect();
    items.sort_by_key(|f| f.sort_key());
    // The findings of each rule and severity, in report order.
    let mut risks: Vec<Vec<&crate::finding::Finding>> = Vec::new();
    for f in items {
        match risks
            .iter_mut()
            .find(|g| g[0].rule == f.rule && g[0].severity == f.severity)
        {
            Some(g) => g.push(f),
            None => risks.push(vec![f]),
        }
    }
    if risks.is_empty() {
        return;
    }
    let files = |g: &[&crate::finding::Finding]| file_count(g.iter().copied());
    risks.sort_by(|a, b| {
        b[0].severity
            .cmp(&a[0].severity)
            .then_with(|| b.len().cmp(&a.len()))
            .then_with(|| files(b).cmp(&files(a)))
            .then_with(|| a[0].sort_key().cmp(&b[0].sort_key()))
    });
    out.push_str("\n## Top risks\n");
    for g in risks.iter().take(TOP) {
        let f = g[0];
        let places = if g.len() == 1 {
            format!("`{}:{}`", f.path, f.line)
        } else {
            format!(
                "{} places in {}, first `{}:{}`",
                g.len(),
                plural(files(g), "file", "files"),
                f.path,
                f.line
            )
        };
        out.push_str(&format!(
            "- **{}** {} ({}): {}\n",
            f.severity, f.title, f.rule, places
        ));
    }
    if risks.len() > TOP {
        out.push_str(&format!(
            "- and {} below\n",
            plural(
                risks.len() - TOP,
                "more kind of finding",
                "more kinds of finding"
            )
        ));
    }
}

/// The pillars no enabled rule checked on the files scanned, and why: never
/// presented as clean.
fn not_checked(r: &Report, out: &mut String) {
    let stacks = scanned(r);
    let mut lines = Vec::new();
    for p in Pillar::ALL {
        if stacks.iter().any(|st| checks(r, p, *st)) {
            continue;
        }
        let rules: Vec<(&dyn crate::rules::Rule, bool)> = crate::rules::ALL
            .iter()
            .zip(r.enabled)
            .filter(|(rule, _)| {
                let m = rule.meta();
                [Stack::Backend, Stack::Frontend, Stack::Config]
                    .iter()
                    .any(|st| m.scope.admits(*st) && m.pillar.on(*st) == p)
            })
            .map(|(rule, on)| (*rule, *on))
            .collect();
        let why = if rules.is_empty() {
            "faultline has no rules for it yet"
        } else if !rules.iter().any(|(_, on)| *on) {
            if rules.iter().all(|(rule, _)| rule.meta().preview) {
                "its rules are in preview, which this run left out (`--preview` runs them)"
            } else {
                "its rules were not selected in this run"
            }
        } else {
            "none of the files scanned is of the kind its rules read"
        };
        lines.push(format!("- **{}**: {why}\n", p.title()));
    }
    if !lines.is_empty() {
        out.push_str("\n## Not checked\n");
        out.push_str(
            "These pillars were not checked, so having no findings in them says nothing about them:\n",
        );
        for l in lines {
            out.push_str(&l);
        }
    }
}

/// What the references the findings cite stand for.
fn legend(r: &Report, out: &mut String) {
    let mut cited: Vec<&str> = r
        .findings
        .iter()
        .flat_map(|f| f.refs.iter().copied())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    if cited.is_empty() {
        return;
    }
    out.push_str("\n## References\n");
    for c in cited {
        if let Some(m) = super::refs::meaning(c) {
            out.push_str(&format!("- `{c}`: {m}\n"));
        }
    }
}

/// The kinds of file the scan read, in report order.
fn scanned(r: &Report) -> Vec<Stack> {
    let by = &r.stats.by_stack;
    [
        (Stack::Backend, by.backend),
        (Stack::Frontend, by.frontend),
        (Stack::Config, by.config),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(st, _)| st)
    .collect()
}

/// Whether an enabled rule of `pillar` reads files of `stack`.
fn checks(r: &Report, pillar: Pillar, stack: Stack) -> bool {
    crate::rules::ALL.iter().zip(r.enabled).any(|(rule, on)| {
        *on && rule.meta().pillar.on(stack) == pillar && rule.meta().scope.admits(stack)
    })
}
