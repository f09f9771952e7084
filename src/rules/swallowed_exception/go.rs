//! RES003 in Go.

use super::{impact, Case, Cx, Diag};
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use crate::semantic::{descendants, is_reporter_name, named_children};
use tree_sitter::Node;

/// `err`, `werr`, `closeErr`: the names Go code gives errors.
fn is_error_name(name: &str) -> bool {
    name == "err" || name.ends_with("err") || name.ends_with("Err") || name == "e"
}

/// The statements of a block, through Go's `statement_list` wrapper.
fn statements(block: Node) -> Vec<Node> {
    named_children(block)
        .flat_map(|c| {
            if c.kind_name() == "statement_list" {
                named_children(c).collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let Some(cond) = node.field("condition") else {
        return;
    };
    if cond.kind_name() != "binary_expression" {
        return;
    }
    let (Some(l), Some(op), Some(r)) = (
        cond.field("left"),
        cond.field("operator"),
        cond.field("right"),
    ) else {
        return;
    };
    if cx.text(op) != "!=" {
        return;
    }
    let var = match (l.kind_name(), r.kind_name()) {
        ("identifier", "nil") => cx.text(l),
        ("nil", "identifier") => cx.text(r),
        _ => return,
    };
    if !is_error_name(var) {
        return;
    }
    let Some(body) = node.field("consequence") else {
        return;
    };
    let stmts = statements(body);
    if stmts.is_empty() {
        out.push(Diag::new(
            node,
            format!("`if {var} != nil {{ }}` has an empty body; the error is dropped."),
            impact(cx),
            format!("Return it wrapped (`return fmt.Errorf(\"…: %w\", {var})`) or log it with the service's logger before continuing."),
        ));
        return;
    }
    let returns_error = cx.function().is_some_and(|f| f.returns_error);
    let Some(last) = stmts.last().filter(|s| s.kind_name() == "return_statement") else {
        return;
    };
    let returns_nil = last
        .named_child(0)
        .map(|list| named_children(list).last().unwrap_or(list))
        .is_some_and(|v| v.kind_name() == "nil");
    if !returns_error || !returns_nil {
        return;
    }
    let handled = stmts.iter().any(|s| {
        descendants(*s).any(|d| match d.kind_name() {
            "identifier" => cx.text(d) == var,
            "call_expression" => d
                .field("function")
                .is_some_and(|f| is_reporter_name(cx.text(f))),
            _ => false,
        })
    });
    if handled {
        return;
    }
    out.push(Diag::new(
        node,
        format!("`if {var} != nil` returns a nil error: the failure is turned into success and never logged."),
        impact(cx),
        format!("Return the error (`return …, fmt.Errorf(\"…: %w\", {var})`), or log it before returning if dropping it is intended."),
    ));
}

pub(super) const CASES: &[Case] = &[
    Case::new(
        "svc/store.go",
        r#"
package svc

import (
	"database/sql"
	"net/http"
)

func Save(db *sql.DB, x int) error {
	if _, err := db.Exec("INSERT INTO items VALUES ($1)", x); err != nil {  // expect: RES003
	}
	_, err := http.Post(hookURL, "application/json", nil)
	// the hook is notified of every item
	if err != nil {  // expect: RES003
		return nil
	}
	return nil
}

func Load(db *sql.DB) (*Item, error) {
	_, err := db.Exec("UPDATE items SET seen = true")
	if err != nil {  // expect: RES003
		return nil, nil
	}
	return item, nil
}
"#,
    ),
    // Explained, or guarding nothing that matters.
    Case::new(
        "svc/quiet.go",
        r#"
package svc

import (
	"database/sql"
	"strconv"
)

func Sweep(db *sql.DB, s string) {
	if _, err := db.Exec("DELETE FROM sessions WHERE expired"); err != nil {
		// Expired sessions are swept again on the next tick.
	}
	if _, err := strconv.Atoi(s); err != nil {
	}
}
"#,
    ),
    Case::new(
        "svc/ok.go",
        r#"
package svc

import "log"

func Save(x int) error {
	if err := write(x); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := flush(); err != nil {
		log.Printf("flush failed: %v", err)
		return nil
	}
	if err := sync(); err != nil && !errors.Is(err, ErrSkip) {
		return err
	}
	return nil
}

func Count() int {
	if err := ping(); err != nil {
		return 0
	}
	return 1
}
"#,
    ),
];
