//! Java: imports, locals and fields, methods with their annotations.

use super::fields::Field;
use super::walk::Builder;
use super::{named_children, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model, Param};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["method_invocation"]),
    (Event::New, &["object_creation_expression"]),
    (Event::Handler, &["catch_clause"]),
    (
        Event::Loop,
        &["while_statement", "for_statement", "do_statement"],
    ),
    (Event::Each, &["enhanced_for_statement"]),
    (Event::Decorator, &["annotation", "marker_annotation"]),
    (Event::Return, &["return_statement"]),
    (Event::Class, &["class_declaration"]),
    (Event::Field, &["field_declaration"]),
    (Event::Binding, &["field_declaration"]),
    (Event::Function, &["method_declaration"]),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "import_declaration",
    "method_declaration",
    "constructor_declaration",
    "lambda_expression",
    "class_declaration",
    "interface_declaration",
    "enum_declaration",
    "record_declaration",
    "variable_declarator",
    "assignment_expression",
    "block",
    "catch_clause",
    "for_statement",
    "enhanced_for_statement",
    "while_statement",
    "do_statement",
];

pub(super) fn enter<'t>(
    b: &mut Builder<'t>,
    node: Node<'t>,
    field: Option<&str>,
    parent: Option<Node<'t>>,
) -> Option<FrameKind> {
    match node.kind_name() {
        "import_declaration" => {
            let path = named_children(node)
                .find(|c| matches!(c.kind_name(), "scoped_identifier" | "identifier"))?;
            let full = b.text(path);
            b.m.add_module(full);
            if named_children(node).any(|c| c.kind_name() == "asterisk") {
                return None;
            }
            let local = full.rsplit('.').next().unwrap_or(full);
            b.m.add_import(local, full);
            None
        }
        "method_declaration" | "constructor_declaration" | "lambda_expression" => {
            let name = node
                .field("name")
                .map(|n| b.text(n))
                .unwrap_or("<lambda>")
                .to_string();
            let decorators = annotations(b, node);
            let params = node
                .field("parameters")
                .map(|p| {
                    named_children(p)
                        .filter(|c| c.kind_name() == "formal_parameter")
                        .map(|c| Param {
                            name: c.field("name").map(|n| b.text(n)).unwrap_or("").to_string(),
                            ty: c.field("type").map(|t| b.text(t).to_string()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let is_handler = decorators.iter().any(|d| {
                let n = d.split('(').next().unwrap_or(d);
                n.ends_with("Mapping") || matches!(n, "GET" | "POST" | "PUT" | "DELETE" | "PATCH")
            });
            Some(b.function(Function {
                decorators,
                params,
                is_handler,
                ..Function::new(node, name)
            }))
        }
        "class_declaration"
        | "interface_declaration"
        | "enum_declaration"
        | "record_declaration" => Some(FrameKind::Class),
        "variable_declarator" => {
            let name = b.text(node.field("name")?);
            let value = node.field("value")?;
            if parent.is_some_and(|p| p.kind_name() == "field_declaration") {
                b.bind_module(name, value);
                b.bind_module(&format!("this.{name}"), value);
            } else {
                b.bind(name, value);
            }
            None
        }
        "assignment_expression" => {
            let left = node.field("left")?;
            let right = node.field("right")?;
            let text = b.text(left);
            match left.kind_name() {
                "identifier" => b.bind(text, right),
                "field_access" if text.starts_with("this.") => b.bind_module(text, right),
                _ => {}
            }
            None
        }
        "block"
            if field == Some("body")
                && parent.is_some_and(|p| {
                    matches!(
                        p.kind_name(),
                        "try_statement" | "try_with_resources_statement"
                    )
                }) =>
        {
            Some(FrameKind::TryBody)
        }
        "catch_clause" => Some(FrameKind::Catch),
        "for_statement" | "enhanced_for_statement" | "while_statement" | "do_statement" => {
            Some(FrameKind::Loop)
        }
        _ => None,
    }
}

fn annotations(b: &Builder, node: Node) -> Vec<String> {
    named_children(node)
        .filter(|c| c.kind_name() == "modifiers")
        .flat_map(named_children)
        .filter(|c| matches!(c.kind_name(), "annotation" | "marker_annotation"))
        .map(|a| b.text(a).trim_start_matches('@').to_string())
        .collect()
}

/// `obj.method` for a method invocation, resolved through `obj`.
pub(super) fn callee_target<'t>(
    m: &Model<'t>,
    node: Node<'t>,
    scope: Option<FuncId>,
    depth: u8,
) -> Option<String> {
    match node.kind_name() {
        "method_invocation" => {
            let name = m.text(node.field("name")?);
            match node.field("object") {
                Some(o) => Some(format!("{}.{name}", m.resolve_in(o, scope, depth - 1)?)),
                None => m.resolve_name(name, scope, depth),
            }
        }
        "object_creation_expression" => m.resolve_in(node.field("type")?, scope, depth - 1),
        _ => None,
    }
}

pub(super) fn resolve<'t>(
    m: &Model<'t>,
    node: Node<'t>,
    scope: Option<FuncId>,
    depth: u8,
) -> Option<String> {
    match node.kind_name() {
        "identifier" | "type_identifier" => m.resolve_name(m.text(node), scope, depth),
        "scoped_type_identifier" | "scoped_identifier" => Some(m.text(node).to_string()),
        "generic_type" => m.resolve_in(node.named_child(0)?, scope, depth - 1),
        "field_access" => {
            let object = node.field("object")?;
            let field = m.text(node.field("field")?);
            if object.kind_name() == "this" {
                let key = format!("this.{field}");
                return match m.binding(None, &key) {
                    Some(v) => m.resolve_in(v, None, depth - 1),
                    None => Some(key),
                };
            }
            Some(format!(
                "{}.{field}",
                m.resolve_in(object, scope, depth - 1)?
            ))
        }
        "method_invocation" | "object_creation_expression" => {
            Some(format!("{}()", callee_target(m, node, scope, depth)?))
        }
        "parenthesized_expression" | "cast_expression" => m.resolve_in(
            node.named_child(node.named_child_count().saturating_sub(1))?,
            scope,
            depth - 1,
        ),
        _ => None,
    }
}

pub(super) fn call_parts<'t>(_m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
    if !matches!(
        node.kind_name(),
        "method_invocation" | "object_creation_expression"
    ) {
        return None;
    }
    let args = node
        .field("arguments")
        .map(|a| {
            named_children(a)
                .map(|v| Arg {
                    name: None,
                    value: v,
                    spread: false,
                })
                .collect()
        })
        .unwrap_or_default();
    // The invocation is its own callee: `obj.name` has no node of its own.
    Some((node, args))
}
