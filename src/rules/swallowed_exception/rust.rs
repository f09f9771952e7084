//! RES003 in Rust.

use super::{impact, Case, Cx, Diag};
use crate::semantic::fields::Field;
use crate::semantic::named_children;
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// `Err(_)`, `Err(_e)`, `Err(err)` patterns. `Err(_frame)` is not: some APIs
/// return the input back in `Err` (`into_data()`, `try_send`), which is not an error.
fn err_pattern(cx: &Cx, p: Node) -> bool {
    let p = if p.kind_name() == "match_pattern" {
        p.named_child(0).unwrap_or(p)
    } else {
        p
    };
    let is_err = p.kind_name() == "tuple_struct_pattern"
        && p.field("type").is_some_and(|t| cx.text(t) == "Err");
    if !is_err {
        return false;
    }
    let binding = p.named_child(1).map(|b| cx.text(b)).unwrap_or("_");
    let name = binding.trim_start_matches('_').to_ascii_lowercase();
    name.is_empty()
        || matches!(name.as_str(), "e" | "err" | "error" | "ex")
        || name.ends_with("err")
        || name.ends_with("error")
}

fn is_empty(cx: &Cx, n: Node) -> bool {
    match n.kind_name() {
        "block" => named_children(n).next().is_none(),
        "unit_expression" => true,
        _ => cx.text(n) == "()",
    }
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let fix = "Propagate it with `?`, or log it (`tracing::warn!(error = %e, \"…\")`) if continuing is intended.";
    match node.kind_name() {
        "match_arm" => {
            let (Some(p), Some(v)) = (node.field("pattern"), node.field("value")) else {
                return;
            };
            if err_pattern(cx, p) && is_empty(cx, v) {
                out.push(Diag::new(
                    node,
                    format!(
                        "The arm `{} => {}` drops the error.",
                        cx.text(p),
                        cx.text(v)
                    ),
                    impact(cx),
                    fix,
                ));
            }
        }
        "if_expression" => {
            let Some(cond) = node
                .field("condition")
                .filter(|c| c.kind_name() == "let_condition")
            else {
                return;
            };
            let (Some(p), Some(body)) = (cond.field("pattern"), node.field("consequence")) else {
                return;
            };
            if err_pattern(cx, p) && is_empty(cx, body) {
                out.push(Diag::new(
                    node,
                    format!(
                        "`if let {} = … {{}}` matches the error and does nothing with it.",
                        cx.text(p)
                    ),
                    impact(cx),
                    fix,
                ));
            }
        }
        _ => {}
    }
}

pub(super) const CASES: &[Case] = &[
    Case::new(
        "src/sync.rs",
        r#"
fn sync(repo: &Repo, order: &Order) {
    match repo.save(order) {
        Ok(n) => println!("{n}"),
        Err(_) => {}  // expect: RES003
    }
    match repo.save(order) {
        Ok(_) => (),
        Err(_e) => (),  // expect: RES003
    }
    if let Err(_) = repo.save(order) {}  // expect: RES003
    match parse(order) {
        Ok(_) => (),
        Err(_) => (),
    }
    match frame.into_data() {
        Ok(d) => return d,
        Err(_frame) => {}
    }
}
"#,
    ),
    Case::new(
        "src/ok.rs",
        r#"
fn sync() -> Result<(), E> {
    match push() {
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "push failed"),
    }
    if let Err(e) = push() {
        return Err(e);
    }
    push()?;
    Ok(())
}
"#,
    ),
];
