//! `--format json`: the schema in OUTPUT.md.

use super::Report;
use serde_json::json;

pub fn render(r: &Report) -> String {
    let doc = json!({
        "version": 1,
        "tool": {"name": "faultline", "version": env!("CARGO_PKG_VERSION")},
        "findings": r.findings,
        "errors": r.errors,
        "stats": r.stats,
    });
    // Serializing plain data into a String cannot fail.
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
