//! Go: import aliases, `:=`/`var` bindings, field assignments, funcs and their results.

use super::fields::Field;
use super::walk::Builder;
use super::{
    named_children, unquote, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model, Param,
};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// Parameter types that make a function an HTTP handler, by their package's
/// default name (so `nethttp.ResponseWriter` from an aliased import counts).
const HANDLER_PARAM_TYPES: &[&str] = &[
    "http.ResponseWriter",
    "gin.Context",
    "echo.Context",
    "fiber.Ctx",
];

/// Parameters only `go test` passes.
const TEST_PARAM_TYPES: &[&str] = &["testing.T", "testing.TB", "testing.B", "testing.F"];

/// `*nethttp.ResponseWriter` → `http.ResponseWriter`, through the file's imports.
fn canonical_type(b: &Builder, ty: &str) -> String {
    let ty = ty.trim_start_matches('*');
    match ty.split_once('.') {
        Some((pkg, name)) => {
            let path = b.m.import_target(pkg).unwrap_or(pkg);
            format!("{}.{name}", default_package_name(path))
        }
        None => ty.to_string(),
    }
}

/// The name a Go import path binds by default: its last element, without a
/// major-version suffix (`/v8`, `.v3`) or a `go-` prefix.
pub fn default_package_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let mut last = parts.next().unwrap_or(path);
    if last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit()) {
        last = parts.next().unwrap_or(last);
    }
    let last = last.split(".v").next().unwrap_or(last);
    let last = last.strip_prefix("go-").unwrap_or(last);
    last.strip_suffix("-go").unwrap_or(last)
}

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["call_expression"]),
    (Event::New, &["composite_literal"]),
    (Event::Entry, &["keyed_element"]),
    (Event::Handler, &["if_statement"]),
    (Event::Loop, &["for_statement"]),
    (Event::Each, &["for_statement"]),
    (Event::Return, &["return_statement"]),
    (Event::Class, &["type_spec"]),
    (Event::Field, &["field_declaration"]),
    (Event::Binding, &["var_spec"]),
    (Event::Detach, &["go_statement"]),
    (
        Event::Function,
        &["function_declaration", "method_declaration"],
    ),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "import_spec",
    "function_declaration",
    "method_declaration",
    "func_literal",
    "short_var_declaration",
    "assignment_statement",
    "var_spec",
    "for_statement",
];

pub(super) fn enter<'t>(
    b: &mut Builder<'t>,
    node: Node<'t>,
    _field: Option<&str>,
    _parent: Option<Node<'t>>,
) -> Option<FrameKind> {
    match node.kind_name() {
        "import_spec" => {
            let path = unquote(b.text(node.field("path")?));
            b.m.add_module(path);
            let local = match node.field("name") {
                Some(n) if n.kind_name() == "package_identifier" => b.text(n),
                Some(_) => return None,
                None => default_package_name(path),
            };
            b.m.add_import(local, path);
            None
        }
        "function_declaration" | "method_declaration" | "func_literal" => {
            let name = node
                .field("name")
                .map(|n| b.text(n))
                .unwrap_or("<func>")
                .to_string();
            let params = node
                .field("parameters")
                .map(|p| params(b, p))
                .unwrap_or_default();
            let returns_error = node
                .field("result")
                .is_some_and(|r| last_result_is_error(b, r));
            let takes = |types: &[&str]| {
                params.iter().any(|p| {
                    p.ty.as_deref()
                        .is_some_and(|t| types.contains(&canonical_type(b, t).as_str()))
                })
            };
            let is_handler = takes(HANDLER_PARAM_TYPES);
            // A helper that takes a `*testing.T`/`testing.TB` only runs under `go test`.
            let is_test = takes(TEST_PARAM_TYPES);
            Some(b.function(Function {
                params,
                returns_error,
                is_handler,
                is_test,
                ..Function::new(node, name)
            }))
        }
        "short_var_declaration" | "assignment_statement" => {
            let left = node.field("left")?;
            let right = node.field("right")?;
            let lefts: Vec<Node> = named_children(left).collect();
            let rights: Vec<Node> = named_children(right).collect();
            for (i, l) in lefts.iter().enumerate() {
                let value = if rights.len() == lefts.len() {
                    rights.get(i)
                } else if i == 0 {
                    rights.first()
                } else {
                    None
                };
                match l.kind_name() {
                    "identifier" => {
                        if let Some(v) = value {
                            let name = b.text(*l);
                            b.bind(name, *v);
                        }
                    }
                    "selector_expression" => {
                        let text: String = b.text(*l).split_whitespace().collect();
                        b.m.assigned_fields.insert(text);
                    }
                    _ => {}
                }
            }
            None
        }
        "var_spec" => {
            let value = node.field("value")?;
            let values: Vec<Node> = named_children(value).collect();
            let mut cursor = node.walk();
            let names: Vec<Node> = node.children_by_field_name("name", &mut cursor).collect();
            for (i, n) in names.iter().enumerate() {
                if let Some(v) = values.get(i) {
                    let name = b.text(*n);
                    b.bind(name, *v);
                }
            }
            None
        }
        "for_statement" => Some(FrameKind::Loop),
        _ => None,
    }
}

fn params(b: &Builder, list: Node) -> Vec<Param> {
    let mut out = Vec::new();
    for p in named_children(list) {
        let ty = p.field("type").map(|t| b.text(t).to_string());
        let mut cursor = p.walk();
        let names: Vec<Node> = p.children_by_field_name("name", &mut cursor).collect();
        if names.is_empty() {
            out.push(Param {
                name: String::new(),
                ty: ty.clone(),
            });
        }
        for n in names {
            out.push(Param {
                name: b.text(n).to_string(),
                ty: ty.clone(),
            });
        }
    }
    out
}

fn last_result_is_error(b: &Builder, result: Node) -> bool {
    match result.kind_name() {
        "parameter_list" => named_children(result)
            .last()
            .and_then(|p| p.field("type"))
            .is_some_and(|t| b.text(t) == "error"),
        _ => b.text(result) == "error",
    }
}

pub(super) fn resolve<'t>(
    m: &Model<'t>,
    node: Node<'t>,
    scope: Option<FuncId>,
    depth: u8,
) -> Option<String> {
    match node.kind_name() {
        "identifier" | "package_identifier" | "type_identifier" => {
            m.resolve_name(m.text(node), scope, depth)
        }
        "selector_expression" => {
            let operand = node.field("operand")?;
            let field = m.text(node.field("field")?);
            Some(format!(
                "{}.{field}",
                m.resolve_in(operand, scope, depth - 1)?
            ))
        }
        "qualified_type" => {
            let pkg = m.text(node.field("package")?);
            let name = m.text(node.field("name")?);
            Some(format!("{}.{name}", m.import_target(pkg).unwrap_or(pkg)))
        }
        "call_expression" => Some(format!(
            "{}()",
            m.resolve_in(node.field("function")?, scope, depth - 1)?
        )),
        "composite_literal" => Some(format!(
            "{}{{}}",
            m.resolve_in(node.field("type")?, scope, depth - 1)?
        )),
        "unary_expression" | "parenthesized_expression" | "pointer_type" => {
            let inner = node.field("operand").or_else(|| node.named_child(0))?;
            m.resolve_in(inner, scope, depth - 1)
        }
        _ => None,
    }
}

pub(super) fn call_parts<'t>(_m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
    if node.kind_name() != "call_expression" {
        return None;
    }
    let callee = node.field("function")?;
    let args = node
        .field("arguments")
        .map(|a| {
            named_children(a)
                .map(|v| Arg {
                    name: None,
                    value: v,
                    spread: v.kind_name() == "variadic_argument",
                })
                .collect()
        })
        .unwrap_or_default();
    Some((callee, args))
}

#[cfg(test)]
mod tests {
    use super::default_package_name;

    #[test]
    fn package_names() {
        assert_eq!(default_package_name("net/http"), "http");
        assert_eq!(
            default_package_name("github.com/redis/go-redis/v9"),
            "redis"
        );
        assert_eq!(default_package_name("gopkg.in/yaml.v3"), "yaml");
        assert_eq!(
            default_package_name("github.com/sashabaranov/go-openai"),
            "openai"
        );
    }
}
