//! Every registered rule: docs present, pass and fail cases for each language it
//! covers, every pass case silent, every fail case firing on exactly its marked
//! lines. One test per rule, named by its ID: `cargo test RES001`.

use faultline::lang::Lang;
use faultline::rules::{self, Rule};
use faultline::scan::scan_snippet;
use std::path::Path;

fn only(rule: &dyn Rule) -> Vec<bool> {
    rules::ALL
        .iter()
        .map(|r| r.meta().id == rule.meta().id)
        .collect()
}

/// Runs one rule's cases; every mismatch, with what was found instead.
fn run_cases(id: &str) {
    let rule = rules::by_id(id).unwrap_or_else(|| panic!("{id} is not registered"));
    let mut failures = Vec::new();
    for case in rule.cases() {
        let findings = match scan_snippet(
            case.path,
            case.source(),
            &only(rule),
            case.stack,
            case.companion_files(),
        ) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{id} {}: scan failed: {e}", case.path));
                continue;
            }
        };
        // Each file of the case against its own markers.
        for (path, source) in
            std::iter::once((case.path, case.source())).chain(case.companion_files())
        {
            let mut lines: Vec<usize> = findings
                .iter()
                .filter(|f| f.rule == id && f.path == path)
                .map(|f| f.line)
                .collect();
            lines.sort_unstable();
            let mut expected = faultline::rules::Case::expected_in(source, id);
            expected.sort_unstable();
            if lines != expected {
                failures.push(format!(
                    "{id} {path}: expected findings on lines {:?}, got {:?}\n{}",
                    expected,
                    lines,
                    findings
                        .iter()
                        .filter(|f| f.path == path)
                        .map(|f| format!("  {}:{} {}", f.line, f.column, f.issue))
                        .collect::<Vec<_>>()
                        .join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// One `#[test]` per rule, named by its ID, so `cargo test RES001` runs its cases.
macro_rules! rule_tests {
    ($($id:ident),* $(,)?) => {
        $(
            #[test]
            #[allow(non_snake_case)]
            fn $id() {
                run_cases(stringify!($id));
            }
        )*
        const LISTED: &[&str] = &[$(stringify!($id)),*];
    };
}

rule_tests!(
    RES001, RES002, RES003, RES004, RES005, RES006, RES007, RES008, RES009, RES010, RES011, RES012,
    RES013, RES014, IDM001, IDM002, IDM003, IDM004, IDM005, DUR001, DUR002, DUR003, DUR004, DUR005,
);

#[test]
fn every_registered_rule_has_its_own_test() {
    let registered: Vec<&str> = rules::ALL.iter().map(|r| r.meta().id).collect();
    assert_eq!(LISTED, registered.as_slice());
}

#[test]
fn markers_name_the_rule_whose_cases_they_are_in() {
    for rule in rules::ALL {
        let id = rule.meta().id;
        for case in rule.cases() {
            for (i, line) in case.source().lines().enumerate() {
                if let Some(at) = line.find("expect: ") {
                    let named = &line[at + "expect: ".len()..];
                    assert!(
                        named.starts_with(id),
                        "{id} {}:{}: marker names another rule: {line}",
                        case.path,
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn every_rule_has_docs_and_cases_for_each_language() {
    for rule in rules::ALL {
        let m = rule.meta();
        assert!(
            m.id.len() == 6 && m.name.contains('-'),
            "{}: malformed id/name",
            m.id
        );
        for (section, text) in [
            ("what", m.docs.what),
            ("why", m.docs.why),
            ("example", m.docs.example),
            ("use instead", m.docs.use_instead),
        ] {
            assert!(
                text.trim().len() > 20,
                "{}: docs section `{section}` is missing",
                m.id
            );
        }
        let cases = rule.cases();
        for family in m.langs {
            let of_family = |fail: bool| {
                cases.iter().any(|c| {
                    Lang::from_path(Path::new(c.path)).is_some_and(|l| l.family() == *family)
                        && c.is_fail() == fail
                })
            };
            assert!(
                of_family(false),
                "{}: no pass case for {}",
                m.id,
                family.tag()
            );
            assert!(
                of_family(true),
                "{}: no fail case for {}",
                m.id,
                family.tag()
            );
        }
    }
}

#[test]
fn rule_ids_are_unique_and_in_catalog_order() {
    // The catalog orders rules by pillar, then by number.
    let keys: Vec<_> = rules::ALL
        .iter()
        .map(|r| (r.meta().pillar, r.meta().id))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(keys, sorted);
}

/// The rendered fail cases, reviewed like any other output.
#[test]
fn fail_case_reports() {
    for rule in rules::ALL {
        let mut out = String::new();
        for case in rule.cases().iter().filter(|c| c.is_fail()) {
            let findings = scan_snippet(
                case.path,
                case.source(),
                &only(*rule),
                case.stack,
                case.companion_files(),
            )
            .unwrap_or_default();
            for f in findings {
                out.push_str(&format!(
                    "{}:{}:{} {} [{}] {}\n  issue: {}\n  impact: {}\n  fix: {}\n",
                    f.path, f.line, f.column, f.rule, f.severity, f.title, f.issue, f.impact, f.fix
                ));
            }
        }
        insta::assert_snapshot!(format!("fail_cases_{}", rule.meta().id), out);
    }
}
