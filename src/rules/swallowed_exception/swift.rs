//! RES003 in Swift.

use super::{impact, Case, Cx, Diag};
use crate::semantic::fields::Field;
use crate::semantic::named_children;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    // A typed pattern (`catch URLError.cancelled`, `catch let e as DecodingError`)
    // is a deliberate, narrow catch.
    let narrow = node.field("error").is_some_and(|p| {
        let t = cx.text(p);
        t.contains(" as ") || !(t.starts_with("let ") || t.starts_with("var ") || t == "_")
    });
    let empty = named_children(node)
        .filter(|c| c.kind_name() == "statements")
        .all(|s| named_children(s).next().is_none());
    if narrow || !empty {
        return;
    }
    out.push(Diag::new(
        node,
        "This `catch { }` is empty; every error thrown in the `do` block disappears.".to_string(),
        impact(cx),
        "Log the error (`logger.error(\"…: \\(error)\")`) and surface a failure state, or let the function `throw`.",
    ));
}

pub(super) const CASES: &[Case] = &[
    Case::new(
        "App/Profile.swift",
        r#"
func save(order: Order) async {
    do {
        try await api.post(order)
    } catch {  // expect: RES003
    }
    do { try await api.post(order) } catch let e { }  // expect: RES003
    do { try decoder.decode(Order.self, from: data) } catch { }
}
"#,
    ),
    Case::new(
        "App/Ok.swift",
        r#"
func load() {
    do { try fetch() } catch { logger.error("fetch failed: \(error)") }
    do { try fetch() } catch URLError.cancelled { }
}
"#,
    ),
];
