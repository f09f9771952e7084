//! RES003 in Java and Kotlin.

use super::{impact, is_broad_type, Case, Cx, Diag};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::semantic::fields::Field;
use crate::semantic::named_children;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let (types, var, body): (Vec<&str>, &str, Option<Node>) = if cx.m.lang == Lang::Java {
        let param = named_children(node).find(|c| c.kind_name() == "catch_formal_parameter");
        let types = param
            .and_then(|p| named_children(p).find(|c| c.kind_name() == "catch_type"))
            .map(|t| named_children(t).map(|n| cx.text(n)).collect())
            .unwrap_or_default();
        let var = param
            .and_then(|p| p.field("name"))
            .map(|n| cx.text(n))
            .unwrap_or("e");
        (types, var, node.field("body"))
    } else {
        let var = named_children(node)
            .find(|c| c.kind_name() == "identifier")
            .map(|n| cx.text(n))
            .unwrap_or("e");
        let types = named_children(node)
            .filter(|c| c.kind_name() == "user_type")
            .map(|n| cx.text(n))
            .collect();
        (
            types,
            var,
            named_children(node).find(|c| c.kind_name() == "block"),
        )
    };
    let stmts: Vec<Node> = body
        .map(|b| named_children(b).collect())
        .unwrap_or_default();
    let broad = types
        .iter()
        .any(|t| is_broad_type(t) && !matches!(*t, "Object" | "dynamic" | "Error"));
    let caught = types.join(" | ");
    let clause = if cx.m.lang == Lang::Java {
        format!("catch ({caught} {var})")
    } else {
        format!("catch ({var}: {caught})")
    };
    if stmts.is_empty() && broad {
        out.push(Diag::new(
            node,
            format!("`{clause}` has an empty body; every error in the try block disappears."),
            impact(cx),
            format!("Catch the specific exceptions you expect, and log the rest (`log.error(\"…\", {var})`) or rethrow them."),
        ));
    } else if let [only] = stmts.as_slice() {
        let text: String = cx.text(*only).split_whitespace().collect();
        // A one-shot program (`main`) prints to the console its user watches.
        if text.trim_end_matches(';') == format!("{var}.printStackTrace()")
            && cx.role() != crate::model::Role::EntryPoint
        {
            out.push(
                Diag::new(
                    node,
                    format!("This catch only calls `{var}.printStackTrace()`: the trace goes to stderr, outside the service's logs and alerts."),
                    "The error is effectively swallowed: log aggregation and alerting never see it, and execution continues as if the call succeeded.".to_string(),
                    format!("Log it with the service's logger (`log.error(\"…\", {var})`) and rethrow or return an error."),
                )
                .severity(Severity::Medium)
                // Printing the trace is how a program without logging reports:
                // it is swallowed only where the project logs and this bypasses it.
                .unless(crate::facts::Unless::NoLogger(cx.m.lang.family())),
            );
        }
    }
}

pub(super) const CASES: &[Case] = &[
    Case::new(
        "src/main/java/app/Sync.java",
        r#"
package app;

import org.slf4j.Logger;

class Sync {
  void run() {
    try { orderRepository.save(order); } catch (Exception e) { }  // expect: RES003
    try { orderRepository.save(order); } catch (IOException | RuntimeException e) {  // expect: RES003
      // TODO: retry
    }
    try { orderRepository.save(order); } catch (IOException e) { e.printStackTrace(); }  // expect: RES003
    try { Integer.parseInt(raw); } catch (Exception e) { }
  }

  public static void main(String[] args) {
    try { orderRepository.save(order); } catch (IOException e) { e.printStackTrace(); }
  }
}
"#,
    ),
    Case::new(
        "src/main/java/app/Ok.java",
        r#"
package app;

class Ok {
  void run() {
    try { push(); } catch (NumberFormatException e) { }
    try { push(); } catch (Exception e) { log.error("push failed", e); }
    try { push(); } catch (Exception e) { throw new IllegalStateException(e); }
  }
}
"#,
    ),
    Case::new(
        "app/src/main/java/app/Screen.kt",
        r#"
package app

import org.slf4j.LoggerFactory

class Screen {
    fun load() {
        try { repository.save(order) } catch (e: Exception) { }  // expect: RES003
        try { repository.save(order) } catch (t: Throwable) { t.printStackTrace() }  // expect: RES003
    }
}
"#,
    ),
    Case::new(
        "app/src/main/java/app/Ok.kt",
        r#"
package app

class Ok {
    fun load() {
        try { fetch() } catch (e: NumberFormatException) { }
        try { fetch() } catch (e: Exception) { Log.e(TAG, "load failed", e) }
    }
}
"#,
    ),
];
