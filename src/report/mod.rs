//! Renderers over one sorted list of findings.

mod github;
mod json;
mod markdown;
pub mod refs;
mod sarif;
mod text;

use crate::finding::{Finding, ScanError, Severity};
use crate::scan::Stats;

/// Everything a report shows.
pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub errors: &'a [ScanError],
    pub stats: &'a Stats,
    pub quiet: bool,
    /// Enabled flag per rule in [`crate::rules::ALL`] order: what the scan
    /// checked, so a summary never claims a pillar no rule looked at.
    pub enabled: &'a [bool],
}

impl Report<'_> {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Sarif,
    Github,
}

pub fn render(format: Format, report: &Report) -> String {
    match format {
        Format::Text => text::render(report),
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
    }
}

/// `--statistics`: findings per rule, most first, then by rule ID; as a list
/// of `{rule, name, severity, count, files}` for JSON, else as a table.
pub fn statistics(json: bool, report: &Report) -> String {
    let mut counts: Vec<(&'static str, &'static str, Severity, usize, usize)> = Vec::new();
    for f in report.findings {
        match counts.iter_mut().find(|c| c.0 == f.rule) {
            Some(c) => c.3 += 1,
            None => counts.push((f.rule, f.name, f.severity, 1, 0)),
        }
    }
    for c in &mut counts {
        c.4 = file_count(report.findings.iter().filter(|f| f.rule == c.0));
    }
    counts.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(b.0)));
    if !json {
        let mut out = String::new();
        for (rule, name, severity, n, files) in &counts {
            out.push_str(&format!(
                "{n:>6}  {rule:<7} {:<6}  {name}  ({})\n",
                severity.as_str(),
                plural(*files, "file", "files")
            ));
        }
        out.push_str(&format!(
            "{:>6}  total{}\n",
            report.findings.len(),
            if report.errors.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} not scanned: see errors)",
                    plural(report.errors.len(), "file", "files")
                )
            }
        ));
        return out;
    }
    let rows: Vec<serde_json::Value> = counts
                .iter()
                .map(|(rule, name, severity, n, files)| {
                    serde_json::json!({"rule": rule, "name": name, "severity": severity.as_str(), "count": n, "files": files})
                })
                .collect();
    let mut s = serde_json::to_string_pretty(&serde_json::json!({
        "version": 1,
        "statistics": rows,
        "total": report.findings.len(),
        "errors": report.errors.len(),
    }))
    .unwrap_or_default();
    s.push('\n');
    s
}

/// How many files `findings` are in.
fn file_count<'a>(findings: impl Iterator<Item = &'a Finding>) -> usize {
    let mut paths: Vec<&str> = findings.map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}

/// Findings of one rule that say the same thing (severity, issue and fix),
/// shown once with every place they occur: the text and markdown reports
/// group repeats, JSON and SARIF keep every finding.
pub(crate) struct Group<'a> {
    pub first: &'a Finding,
    /// The other places, in report order.
    pub rest: Vec<&'a Finding>,
}

impl Group<'_> {
    pub fn len(&self) -> usize {
        1 + self.rest.len()
    }

    /// How many files the group's places are in.
    pub fn files(&self) -> usize {
        file_count(std::iter::once(self.first).chain(self.rest.iter().copied()))
    }

    /// Whether every place has the first one's impact (an impact often names
    /// the function it is in).
    pub fn same_impact(&self) -> bool {
        self.rest.iter().all(|f| f.impact == self.first.impact)
    }
}

/// `findings` grouped by rule, severity, issue and fix, in the order of each
/// group's first finding. Linear in the findings (one map lookup each).
pub(crate) fn groups<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<Group<'a>> {
    let mut index: std::collections::HashMap<(&str, Severity, &str, &str), usize> =
        std::collections::HashMap::new();
    let mut out: Vec<Group<'a>> = Vec::new();
    for f in findings {
        let key = (f.rule, f.severity, f.issue.as_str(), f.fix.as_str());
        match index.get(&key) {
            Some(&i) => out[i].rest.push(f),
            None => {
                index.insert(key, out.len());
                out.push(Group {
                    first: f,
                    rest: Vec::new(),
                });
            }
        }
    }
    out
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
