//! RES001 in Dart server code (rare; CLI001 covers Flutter apps).

use super::{client_impact, hang_impact, Case, Cx, Diag};
use crate::finding::Stack;
use crate::semantic::fields::Field;
use tree_sitter::Node;

const HTTP_FUNCS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "read"];

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let Some(call) = cx.call(node) else { return };
    let Some(target) = call.target.as_deref() else {
        return;
    };
    let label = cx.call_label(&call);
    if let Some(func) = target.strip_prefix("package:http/http.dart.") {
        if HTTP_FUNCS.contains(&func) && !followed_by_timeout(cx, node) {
            out.push(Diag::new(
                node,
                format!("`{label}` is not followed by `.timeout(...)`; package:http has no timeout of its own."),
                hang_impact(cx, "the remote server"),
                "Chain `.timeout(const Duration(seconds: 10))` onto the request future.",
            ));
        }
    } else if target == "Dio"
        && cx.m.imports_module("package:dio/dio.dart")
        && !dio_has_timeouts(cx, &call)
    {
        out.push(Diag::new(
            node,
            format!("`{label}` is created without both `connectTimeout` and `receiveTimeout`; Dio's defaults are no limit."),
            client_impact("the remote server"),
            "Pass `BaseOptions(connectTimeout: const Duration(seconds: 5), receiveTimeout: const Duration(seconds: 30))`.",
        ));
    }
}

/// `http.get(u).timeout(d)`: the call is the receiver of a `.timeout` call.
fn followed_by_timeout(cx: &Cx, node: Node) -> bool {
    node.parent()
        .filter(|p| p.kind() == "member_expression")
        .and_then(|p| p.field("property"))
        .is_some_and(|p| cx.text(p) == "timeout")
}

fn dio_has_timeouts(cx: &Cx, call: &crate::semantic::Call) -> bool {
    let Some(opts) = call.positional(0).or_else(|| call.kwarg("options")) else {
        return false;
    };
    let Some(inner) = cx
        .call(opts)
        .filter(|c| c.target.as_deref() == Some("BaseOptions"))
    else {
        // Options built elsewhere: unknown is not missing.
        return true;
    };
    inner.kwarg("connectTimeout").is_some() && inner.kwarg("receiveTimeout").is_some()
}

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "bin/server.dart",
        "import 'package:http/http.dart' as http;\nimport 'package:dio/dio.dart';\n\nFuture<void> f(Uri u) async {\n  await http.get(u);\n  final d = Dio(BaseOptions(connectTimeout: const Duration(seconds: 1)));\n  final e = Dio();\n}\n",
        &[5, 6, 7],
    )
    .on(Stack::Backend),
    Case::pass(
        "bin/ok.dart",
        "import 'package:http/http.dart' as http;\nimport 'package:dio/dio.dart';\n\nFuture<void> f(Uri u) async {\n  await http.get(u).timeout(const Duration(seconds: 5));\n  final d = Dio(BaseOptions(connectTimeout: a, receiveTimeout: b));\n  final e = Dio(opts);\n}\n",
    )
    .on(Stack::Backend),
];
