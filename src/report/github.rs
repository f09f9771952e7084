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

/// Annotations GitHub shows per step for each level (error, warning, notice);
/// it drops the rest silently.
pub const PER_LEVEL: usize = 10;

/// One workflow command per finding, up to what GitHub shows for each level;
/// the rest are printed as plain log lines, and a closing notice says how
/// many were not annotated (one notice is kept for it).
pub fn render(r: &Report) -> String {
    let level_of = |s: Severity| match s {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    };
    let over = [Severity::High, Severity::Medium, Severity::Low]
        .iter()
        .any(|&s| r.count(s) > PER_LEVEL);
    let cap = |s: Severity| {
        if over && s == Severity::Low {
            PER_LEVEL - 1
        } else {
            PER_LEVEL
        }
    };
    let mut shown = [0usize; 3];
    let mut left = 0usize;
    let mut out = String::new();
    for f in r.findings {
        let i = f.severity as usize;
        if shown[i] >= cap(f.severity) {
            left += 1;
            out.push_str(&format!(
                "{}:{}:{}: {} {} [{}]: {}\n",
                f.path,
                f.line,
                f.column,
                f.rule,
                f.title,
                f.severity.as_str(),
                f.issue
            ));
            continue;
        }
        shown[i] += 1;
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            level_of(f.severity),
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
    if left > 0 {
        out.push_str(&format!(
            "::notice title=faultline::{left} more {} in the log above, not annotated: GitHub shows {PER_LEVEL} errors, {PER_LEVEL} warnings and {PER_LEVEL} notices per step. Upload --format sarif to code scanning to see every finding on the pull request.\n",
            if left == 1 { "finding is" } else { "findings are" }
        ));
    }
    out
}
