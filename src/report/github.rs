//! `--format github`: one workflow command per finding.

use super::Report;
use crate::finding::Severity;

/// Escapes a workflow-command property or message.
fn escape(s: &str, property: bool) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for f in r.findings {
        let level = match f.severity {
            Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low => "notice",
        };
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape(&f.path, true),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            escape(&format!("{} {}", f.rule, f.title), true),
            escape(
                &format!("{} Impact: {} Fix: {}", f.issue, f.impact, f.fix),
                false
            ),
        ));
    }
    out
}
