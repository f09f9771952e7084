//! RES003 in Dart: `try { } on T catch (e) { }` clauses are flat siblings.

use super::{impact, is_broad_type, Case, Cx, Diag};
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use crate::semantic::{children, named_children};
use tree_sitter::Node;

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    // Walk the clauses: [`on` Type] [catch_clause] block, or `finally` block.
    let mut clause_start: Option<Node> = None;
    let mut on_type: Option<&str> = None;
    let mut after_finally = false;
    for c in children(node) {
        match c.kind_name() {
            "on" => {
                clause_start = Some(c);
                on_type = None;
            }
            "type" => on_type = Some(cx.text(c)),
            "catch_clause" => {
                clause_start.get_or_insert(c);
            }
            "finally" | "finally_clause" => after_finally = true,
            "block" if c.id() != node.field("body").map_or(0, |b| b.id()) => {
                let start = clause_start.take();
                let ty = on_type.take();
                if after_finally {
                    continue;
                }
                let broad = ty.is_none_or(is_broad_type);
                if broad && named_children(c).next().is_none() {
                    let at = start.unwrap_or(c);
                    let label = match ty {
                        Some(t) => format!("on {t}"),
                        None => "catch (e)".to_string(),
                    };
                    out.push(Diag::new(
                        at,
                        format!("This `{label} {{ }}` clause is empty; every error thrown in the try block disappears."),
                        impact(cx),
                        "Log the error (`log.severe('…', e, st)`) and show an error state, or rethrow.",
                    ));
                }
            }
            _ => {}
        }
    }
}

pub(super) const CASES: &[Case] = &[
    Case::new(
        "lib/profile.dart",
        r#"
Future<void> save(Order order) async {
  try {
    await http.post(ordersUrl, body: order.toJson());
  } catch (e) {  // expect: RES003
  }
  try { await http.post(ordersUrl, body: order.toJson()); } on Exception catch (_) { }  // expect: RES003
  try { int.parse(raw); } catch (e) { }
}
"#,
    ),
    Case::new(
        "lib/ok.dart",
        r#"
Future<void> load() async {
  try { await fetch(); } on FormatException catch (_) { }
  try { await fetch(); } catch (e, st) { log.severe('fetch failed', e, st); }
  try { await fetch(); } finally { }
}
"#,
    ),
];
