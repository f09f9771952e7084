//! `--format text`: ruff-like diagnostics with the flagged line and a marker.

use super::{groups, plural, Report};
use crate::finding::Severity;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for g in groups(r.findings) {
        let f = g.first;
        out.push_str(&format!(
            "{}:{}:{} {} {}\n",
            f.path, f.line, f.column, f.rule, f.title
        ));
        let num = f.line.to_string();
        let pad = " ".repeat(num.len());
        let line = f.source_line.replace('\t', "    ");
        // The flagged column within the excerpt (its leading `…` is one column).
        let column = if f.source_skip > 0 {
            (f.column - 1).saturating_sub(f.source_skip) + 1
        } else {
            f.column - 1
        };
        let tabs_before = f
            .source_line
            .chars()
            .take(column)
            .filter(|c| *c == '\t')
            .count();
        let start = column + tabs_before * 3;
        let rest = line.chars().count().saturating_sub(start).max(1);
        let width = if f.end_line == f.line {
            f.end_column.saturating_sub(f.column).clamp(1, rest)
        } else {
            rest
        };
        out.push_str(&format!(
            "{pad} |\n{num} | {line}\n{pad} | {}{} {}\n",
            " ".repeat(start),
            "^".repeat(width),
            f.issue
        ));
        out.push_str(&format!(
            "{pad} = severity: {}\n{pad} = impact: {}\n{pad} = fix: {}\n",
            f.severity, f.impact, f.fix
        ));
        if !g.rest.is_empty() {
            out.push_str(&format!(
                "{pad} = same issue and fix at {} more {}{}:\n",
                g.rest.len(),
                if g.rest.len() == 1 { "place" } else { "places" },
                if g.files() > 1 {
                    format!(" ({} in all)", plural(g.files(), "file", "files"))
                } else {
                    String::new()
                }
            ));
            for o in &g.rest {
                out.push_str(&format!("{pad}     {}:{}:{}\n", o.path, o.line, o.column));
            }
        }
        out.push('\n');
    }
    for e in r.errors {
        out.push_str(&format!("error: {}: {}\n", e.path, e.message));
    }
    if !r.errors.is_empty() {
        out.push('\n');
    }
    if !r.quiet {
        let s = r.stats;
        let found = if r.findings.is_empty() {
            "No findings".to_string()
        } else {
            format!(
                "Found {} ({} high, {} medium, {} low)",
                plural(r.findings.len(), "finding", "findings"),
                r.count(Severity::High),
                r.count(Severity::Medium),
                r.count(Severity::Low)
            )
        };
        out.push_str(&format!(
            "{found} in {} ({} backend, {} frontend, {} config){}.\n",
            plural(s.files, "file", "files"),
            s.by_stack.backend,
            s.by_stack.frontend,
            s.by_stack.config,
            if r.errors.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} not fully scanned",
                    plural(r.errors.len(), "file", "files")
                )
            }
        ));
    }
    out
}
