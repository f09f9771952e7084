//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF
//! viewers read it. The rules the scan ran are declared whether or not they
//! found anything; every result carries the finding's fingerprint, so a viewer
//! tracks it across commits as lines move.

use super::Report;
use crate::finding::Severity;
use crate::rules;
use serde_json::{json, Value};

/// The schema the log declares (OASIS SARIF 2.1.0).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// A path as a relative URI reference: `/`-separated, with every byte outside
/// the unreserved set and `/` percent-encoded (`my dir/a.py` → `my%20dir/a.py`).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_entry(m: &rules::Meta) -> Value {
    let help = format!(
        "{what}\n\n**Why it matters.** {why}\n\n**Flagged**\n\n```\n{example}\n```\n\n**Instead**\n\n```\n{instead}\n```\n\nRefs: {refs}. `faultline rule {id}` prints this page.",
        what = m.docs.what,
        why = m.docs.why,
        example = m.docs.example,
        instead = m.docs.use_instead,
        refs = m.refs.join(", "),
        id = m.id,
    );
    let mut tags: Vec<String> = vec![
        "reliability".to_string(),
        m.pillar.title().to_ascii_lowercase(),
    ];
    tags.extend(m.refs.iter().map(|r| r.to_string()));
    json!({
        "id": m.id,
        "name": m.name,
        "shortDescription": {"text": m.title},
        "fullDescription": {"text": m.docs.what},
        "help": {"text": format!("{} {}", m.docs.what, m.docs.why), "markdown": help},
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {"tags": tags, "precision": "high", "problem.severity": level(m.severity)},
    })
}

pub fn render(r: &Report) -> String {
    // The rules that ran, in catalog order; results point at them by index.
    let ran: Vec<&rules::Meta> = rules::ALL
        .iter()
        .zip(r.enabled.iter().chain(std::iter::repeat(&true)))
        .filter(|(_, on)| **on)
        .map(|(rule, _)| rule.meta())
        .collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": format!("{} Impact: {} Fix: {}", f.issue, f.impact, f.fix)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&f.path)},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    },
                }],
                "partialFingerprints": {"faultline/v1": f.fingerprint},
                "properties": {"title": f.title, "refs": f.refs},
            });
            if let Some(i) = ran.iter().position(|m| m.id == f.rule) {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    // Files that could not be read or parsed: the scan went on without them.
    let notifications: Vec<Value> = r
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "warning",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}],
            })
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "faultline",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": ran.iter().map(|m| rule_entry(m)).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    // Serializing plain data into a String cannot fail.
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("app/services/billing.py"), "app/services/billing.py");
        assert_eq!(uri("my dir/a#1.py"), "my%20dir/a%231.py");
        assert_eq!(uri("src\\win.rs"), "src/win.rs");
        assert_eq!(uri("naïve.py"), "na%C3%AFve.py");
    }
}
