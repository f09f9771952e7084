//! RES003 in Python.

use super::{impact, Case, Cx, Diag};
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use crate::semantic::{caught_types, named_children};
use tree_sitter::Node;

const CONSTANTS: &[&str] = &[
    "none",
    "true",
    "false",
    "integer",
    "float",
    "string",
    "concatenated_string",
];

/// A literal that says nothing of the error: not an f-string that formats it.
/// Unary operators are unwrapped in a loop (`---1`), not by recursion.
fn is_constant(n: Node) -> bool {
    let mut n = n;
    while n.kind_name() == "unary_operator" {
        match n.named_child(0) {
            Some(c) => n = c,
            None => return false,
        }
    }
    let interpolated = n.kind_name() == "string"
        && crate::semantic::named_children(n).any(|c| c.kind_name() == "interpolation");
    (CONSTANTS.contains(&n.kind_name()) && !interpolated)
        || (matches!(n.kind_name(), "list" | "dictionary" | "tuple" | "set")
            && n.named_child_count() == 0)
}

/// A statement that does nothing with the error.
fn is_trivial(s: Node) -> bool {
    match s.kind_name() {
        "pass_statement" | "continue_statement" | "break_statement" => true,
        "return_statement" => s.named_child(0).is_none_or(|v| is_constant(v)),
        "expression_statement" => s.named_child(0).is_some_and(|e| match e.kind_name() {
            "ellipsis" | "string" => true,
            "assignment" => e.field("right").is_some_and(|r| is_constant(r)),
            _ => false,
        }),
        _ => false,
    }
}

/// The caught type expression as written (`(ValueError, BaseException)`).
fn clause_type<'t>(cx: &Cx<'_, 't>, clause: Node<'t>) -> Option<&'t str> {
    crate::semantic::python_caught_expression(clause).map(|ty| cx.text(ty))
}

fn is_broad(types: &Option<Vec<&str>>) -> bool {
    match types {
        None => true,
        Some(ts) => ts
            .iter()
            .any(|t| matches!(t.rsplit('.').next(), Some("Exception" | "BaseException"))),
    }
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    if node.kind_name() == "call" {
        if cx.callee_name(node) != "suppress" {
            return;
        }
        let Some(call) = cx.call(node) else { return };
        if call.target.as_deref() == Some("contextlib.suppress")
            && call.args.iter().any(|a| {
                matches!(
                    cx.text(a.value).rsplit('.').next(),
                    Some("Exception" | "BaseException")
                )
            })
        {
            out.push(Diag::new(
                node,
                format!("`{}` silences every error raised in its block.", cx.snippet(node, 60)),
                impact(cx),
                "Suppress only the exceptions you expect (`contextlib.suppress(FileNotFoundError)`), or catch broadly and log with `logger.exception(...)`.",
            ));
        }
        return;
    }
    let types = caught_types(cx.m, node);
    if !is_broad(&types) {
        return;
    }
    let Some(body) = named_children(node)
        .filter(|c| c.kind_name() == "block")
        .last()
    else {
        return;
    };
    let stmts: Vec<Node> = named_children(body).collect();
    if !stmts.iter().all(|s| is_trivial(*s)) {
        return;
    }
    // An optional dependency: `try: from redis.cluster import RedisCluster`
    // `except Exception: RedisCluster = None` guards only imports.
    let only_imports = node
        .parent()
        .and_then(|t| t.field("body"))
        .is_some_and(|b| {
            named_children(b).all(|s| {
                matches!(
                    s.kind_name(),
                    "import_statement" | "import_from_statement" | "comment"
                )
            })
        });
    if only_imports {
        return;
    }
    let clause = match clause_type(cx, node) {
        None => "except:".to_string(),
        Some(t) => format!("except {t}:"),
    };
    let what = stmts
        .first()
        .map(|s| cx.text(*s).lines().next().unwrap_or(""))
        .unwrap_or("pass");
    out.push(Diag::new(
        node,
        format!("`{clause}` catches every error and only does `{what}`; the failure is neither logged nor re-raised."),
        impact(cx),
        "Catch the specific exceptions you expect; for anything else call `logger.exception(...)` and re-raise or return an error.",
    ));
}

pub(super) const CASES: &[Case] = &[
    Case::new(
        "app/sync.py",
        r#"
import contextlib
import requests

def sync(items):
    for item in items:
        try:
            requests.post(URL, json=item, timeout=5)
        except Exception:  # expect: RES003
            pass
        try:
            db.session.commit()
        except:  # expect: RES003
            continue
        try:
            requests.put(URL, json=item, timeout=5)
        except (ValueError, BaseException) as e:  # expect: RES003
            result = None
    with contextlib.suppress(Exception):  # expect: RES003
        requests.post(URL, json=items, timeout=5)

def ok():
    try:
        return requests.get(URL, timeout=5).ok
    except Exception:
        return False

def todo(order):
    try:
        send_mail("Receipt", body, FROM, [order.email])
    except Exception:  # expect: RES003
        pass  # TODO: alert us
"#,
    ),
    // What it guards decides: parsing, probing and cleanup fail harmlessly, and
    // a handler that explains itself is a decision; an error formatted into the
    // result is reported, not swallowed.
    Case::new(
        "app/best_effort.py",
        r#"
import requests

def version(raw):
    try:
        return int(raw.split(".")[0])
    except Exception:
        return 0

def close(conn):
    try:
        conn.close()
    except Exception:
        pass

def notify(event):
    try:
        requests.post(HOOK, json=event, timeout=5)
    except Exception:
        # Webhooks are best effort: the event is stored and shown in the UI.
        pass

def tool(city):
    try:
        return requests.get(WEATHER, params={"q": city}, timeout=5).text
    except Exception as e:
        return f"Error: {e}"
"#,
    ),
    Case::new(
        "app/optional.py",
        r#"
def is_cluster(client):
    try:
        from redis.asyncio.cluster import RedisCluster
    except Exception:
        RedisCluster = None
    return RedisCluster is not None and isinstance(client, RedisCluster)
"#,
    ),
    Case::new(
        "app/ok.py",
        r#"
import logging, contextlib, json
logger = logging.getLogger(__name__)

def f(raw):
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return None
    except KeyError:
        pass
    except Exception:
        logger.exception('parse failed')
    try:
        g()
    except Exception as e:
        raise RuntimeError('g failed') from e
    try:
        g()
    except Exception as e:
        return e
    try:
        g()
    except Exception:
        cleanup()
    with contextlib.suppress(FileNotFoundError):
        g()
    try:
        g()
    except Exception:  # pylint: disable=broad-except
        pass
    try:
        g()
    except Exception:  # noqa: BLE001
        pass
"#,
    ),
];
