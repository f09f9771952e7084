//! RES003 in Go.

use super::{impact, Case, Cx, Diag};
use crate::semantic::fields::Field;
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
            if c.kind() == "statement_list" {
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
    if cond.kind() != "binary_expression" {
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
    let var = match (l.kind(), r.kind()) {
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
    let Some(last) = stmts.last().filter(|s| s.kind() == "return_statement") else {
        return;
    };
    let returns_nil = last
        .named_child(0)
        .map(|list| named_children(list).last().unwrap_or(list))
        .is_some_and(|v| v.kind() == "nil");
    if !returns_error || !returns_nil {
        return;
    }
    let handled = stmts.iter().any(|s| {
        descendants(*s).any(|d| match d.kind() {
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
    Case::fail(
        "svc/store.go",
        "package svc\n\nfunc Save(x int) error {\n\tif err := write(x); err != nil {\n\t\t// ignore\n\t}\n\terr := flush()\n\tif err != nil {\n\t\treturn nil\n\t}\n\treturn nil\n}\n\nfunc Load() (*Item, error) {\n\titem, err := read()\n\tif err != nil {\n\t\treturn nil, nil\n\t}\n\treturn item, nil\n}\n",
        &[4, 8, 16],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nimport \"log\"\n\nfunc Save(x int) error {\n\tif err := write(x); err != nil {\n\t\treturn fmt.Errorf(\"write: %w\", err)\n\t}\n\tif err := flush(); err != nil {\n\t\tlog.Printf(\"flush failed: %v\", err)\n\t\treturn nil\n\t}\n\tif err := sync(); err != nil && !errors.Is(err, ErrSkip) {\n\t\treturn err\n\t}\n\treturn nil\n}\n\nfunc Count() int {\n\tif err := ping(); err != nil {\n\t\treturn 0\n\t}\n\treturn 1\n}\n",
    ),
];
