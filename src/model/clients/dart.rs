//! Dart server code: package:http and Dio (CLI001 covers Flutter apps).

use super::{found, line};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::interaction::{ClientApi, Impact, Interaction, Kind, Setting, Shape};
use crate::rules::Cx;
use crate::semantic::KindName as _;
use tree_sitter::Node;

const DART: &[Lang] = &[Lang::Dart];

pub static HTTP: ClientApi = ClientApi {
    id: "dart.package:http",
    library: "package:http",
    lang: DART,
    kind: Kind::SyncRpc,
    peer: "the remote server",
    shape: Shape::Call,
    param: ".timeout(...) on the future",
    default: "no timeout",
    default_source: "package:http docs: requests have no timeout; use Future.timeout",
    default_too_long: true,
    missing:
        "`{label}` is not followed by `.timeout(...)`; package:http has no timeout of its own.",
    disabled:
        "`{label}` is not followed by `.timeout(...)`; package:http has no timeout of its own.",
    impact: Impact::Hang,
    fix: "Chain `.timeout(const Duration(seconds: 10))` onto the request future.",
    severity: Severity::High,
    title: None,
};

pub static DIO: ClientApi = ClientApi {
    id: "dart.dio",
    library: "Dio",
    shape: Shape::Client,
    param: "connectTimeout/receiveTimeout",
    default: "no limit",
    default_source: "Dio docs, BaseOptions: connectTimeout and receiveTimeout default to null (no limit)",
    missing: "`{label}` is created without both `connectTimeout` and `receiveTimeout`; Dio's defaults are no limit.",
    disabled: "`{label}` is created without both `connectTimeout` and `receiveTimeout`; Dio's defaults are no limit.",
    impact: Impact::Client,
    fix: "Pass `BaseOptions(connectTimeout: const Duration(seconds: 5), receiveTimeout: const Duration(seconds: 30))`.",
    ..HTTP
};

pub static ROWS: &[&ClientApi] = &[&HTTP, &DIO];

const HTTP_FUNCS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "read"];

pub(crate) fn interaction<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Interaction<'t>> {
    let call = cx.call(node)?;
    let target = call.target.as_deref()?;
    let label = cx.call_label(&call);
    if let Some(func) = target.strip_prefix("package:http/http.dart.") {
        if !HTTP_FUNCS.contains(&func) {
            return None;
        }
        let timeout = if followed_by_timeout(cx, node) {
            Setting::set(".timeout(...)", line(node))
        } else {
            Setting::Missing
        };
        found(node, &HTTP, label, timeout)
    } else if target == "Dio" && cx.m.imports_module("package:dio/dio.dart") {
        found(node, &DIO, label, dio_timeouts(cx, &call))
    } else {
        None
    }
}

/// `http.get(u).timeout(d)`: the call is the receiver of a `.timeout` call.
fn followed_by_timeout(cx: &Cx, node: Node) -> bool {
    node.parent()
        .filter(|p| p.kind_name() == "member_expression")
        .and_then(|p| p.child_by_field_name("property"))
        .is_some_and(|p| cx.text(p) == "timeout")
}

fn dio_timeouts(cx: &Cx, call: &crate::semantic::Call) -> Setting {
    let Some(opts) = call.positional(0).or_else(|| call.kwarg("options")) else {
        return Setting::Missing;
    };
    let Some(inner) = cx
        .call(opts)
        .filter(|c| c.target.as_deref() == Some("BaseOptions"))
    else {
        return Setting::unknown("options built elsewhere", line(opts));
    };
    if inner.kwarg("connectTimeout").is_some() && inner.kwarg("receiveTimeout").is_some() {
        Setting::set("connectTimeout, receiveTimeout", line(opts))
    } else {
        Setting::Missing
    }
}
