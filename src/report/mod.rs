//! Renderers over one sorted list of findings.

mod github;
mod json;
mod markdown;
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
