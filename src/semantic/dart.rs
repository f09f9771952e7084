//! Dart: imports (with `as` prefixes), local bindings, functions, try/on/catch.

use super::fields::Field;
use super::walk::Builder;
use super::{named_children, unquote, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["call_expression"]),
    (Event::Handler, &["try_statement"]),
    (
        Event::Loop,
        &["while_statement", "do_statement", "for_statement"],
    ),
    (Event::Each, &["for_statement"]),
    (Event::Class, &["class_declaration"]),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "import_specification",
    "function_body",
    "class_declaration",
    "initialized_variable_declaration",
    "static_final_declaration",
    "initialized_identifier",
    "block",
    "for_statement",
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
        "import_specification" => {
            let uri = unquote(b.text(node.field("uri")?));
            b.m.add_module(uri);
            if let Some(alias) = node.field("alias") {
                let alias = b.text(alias);
                b.m.add_import(alias, uri);
            }
            None
        }
        "function_body" => {
            let is_async =
                super::children(node).any(|c| matches!(c.kind_name(), "async" | "async*"));
            let name = parent
                .and_then(|p| p.field("signature").or_else(|| p.prev_named_sibling()))
                .and_then(|s| {
                    s.field("name")
                        .or_else(|| named_children(s).find_map(|c| c.field("name")))
                })
                .map(|n| b.text(n).to_string())
                .unwrap_or_else(|| "<function>".to_string());
            Some(b.function(Function {
                is_async,
                ..Function::new(node, name)
            }))
        }
        "class_declaration" => Some(FrameKind::Class),
        "initialized_variable_declaration"
        | "static_final_declaration"
        | "initialized_identifier" => {
            let name = node
                .field("name")
                .or_else(|| named_children(node).find(|c| c.kind_name() == "identifier"))?;
            let value = node
                .field("value")
                .or_else(|| named_children(node).nth(1))?;
            let name = b.text(name);
            b.bind(name, value);
            None
        }
        "block" if parent.is_some_and(|p| p.kind_name() == "try_statement") => {
            if field == Some("body") {
                Some(FrameKind::TryBody)
            } else {
                Some(FrameKind::Catch)
            }
        }
        "for_statement" | "while_statement" | "do_statement" => Some(FrameKind::Loop),
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
        "member_expression" => {
            let object = node.field("object")?;
            let prop = m.text(node.field("property")?);
            Some(format!(
                "{}.{prop}",
                m.resolve_in(object, scope, depth - 1)?
            ))
        }
        "call_expression" => Some(format!(
            "{}()",
            m.resolve_in(node.field("function")?, scope, depth - 1)?
        )),
        "new_expression" | "const_object_expression" => Some(format!(
            "{}()",
            m.resolve_in(node.field("type")?, scope, depth - 1)?
        )),
        "type" => m.resolve_in(node.named_child(0)?, scope, depth - 1),
        "unary_expression" | "await_expression" | "parenthesized_expression" => {
            m.resolve_in(named_children(node).last()?, scope, depth - 1)
        }
        _ => None,
    }
}

pub(super) fn call_parts<'t>(m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
    let callee = match node.kind_name() {
        "call_expression" => node.field("function")?,
        "new_expression" | "const_object_expression" => node.field("type")?,
        _ => return None,
    };
    let mut args = Vec::new();
    if let Some(list) = node.field("arguments") {
        for a in named_children(list) {
            if a.kind_name() == "named_argument" {
                let label = named_children(a).find(|c| c.kind_name() == "label");
                let name = label.and_then(|l| l.named_child(0)).map(|n| m.text(n));
                if let Some(value) = named_children(a).find(|c| c.kind_name() != "label") {
                    args.push(Arg {
                        name,
                        value,
                        spread: false,
                    });
                }
            } else {
                args.push(Arg {
                    name: None,
                    value: a,
                    spread: false,
                });
            }
        }
    }
    Some((callee, args))
}
