//! Swift: imports, functions (async), do/catch and loops.

use super::fields::Field;
use super::walk::Builder;
use super::{named_children, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["call_expression"]),
    (Event::Handler, &["catch_block"]),
    (Event::Loop, &["while_statement", "repeat_while_statement"]),
    (Event::Each, &["for_statement"]),
    (Event::Class, &["class_declaration"]),
    (Event::Function, &["function_declaration"]),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "import_declaration",
    "function_declaration",
    "lambda_literal",
    "init_declaration",
    "class_declaration",
    "protocol_declaration",
    "property_declaration",
    "statements",
    "catch_block",
    "for_statement",
    "while_statement",
    "repeat_while_statement",
];

pub(super) fn enter<'t>(
    b: &mut Builder<'t>,
    node: Node<'t>,
    _field: Option<&str>,
    parent: Option<Node<'t>>,
) -> Option<FrameKind> {
    match node.kind_name() {
        "import_declaration" => {
            if let Some(id) = named_children(node).find(|c| c.kind_name() == "identifier") {
                let module = b.text(id);
                b.m.add_module(module);
            }
            None
        }
        "function_declaration" | "lambda_literal" | "init_declaration" => {
            let name = node
                .field("name")
                .map(|n| b.text(n))
                .unwrap_or("<closure>")
                .to_string();
            let is_async = super::children(node).any(|c| c.kind_name() == "async");
            Some(b.function(Function {
                is_async,
                ..Function::new(node, name)
            }))
        }
        "class_declaration" | "protocol_declaration" => Some(FrameKind::Class),
        "property_declaration" => {
            let name = node.field("name")?;
            let value = node.field("value")?;
            let name = b.text(name.named_child(0).unwrap_or(name));
            b.bind(name, value);
            None
        }
        "statements" if parent.is_some_and(|p| p.kind_name() == "do_statement") => {
            Some(FrameKind::TryBody)
        }
        "catch_block" => Some(FrameKind::Catch),
        "for_statement" | "while_statement" | "repeat_while_statement" => Some(FrameKind::Loop),
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
        "simple_identifier" => m.resolve_name(m.text(node), scope, depth),
        "navigation_expression" => {
            let target = node.field("target")?;
            let suffix = node.field("suffix")?;
            let name = m.text(suffix).trim_start_matches('.');
            Some(format!(
                "{}.{name}",
                m.resolve_in(target, scope, depth - 1)?
            ))
        }
        "call_expression" => Some(format!(
            "{}()",
            m.resolve_in(node.named_child(0)?, scope, depth - 1)?
        )),
        _ => None,
    }
}

pub(super) fn call_parts<'t>(m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
    if node.kind_name() != "call_expression" {
        return None;
    }
    let callee = node.named_child(0)?;
    let mut args = Vec::new();
    if let Some(suffix) = named_children(node).find(|c| c.kind_name() == "call_suffix") {
        for list in named_children(suffix).filter(|c| c.kind_name() == "value_arguments") {
            for a in named_children(list).filter(|a| a.kind_name() == "value_argument") {
                let Some(value) = a.field("value") else {
                    continue;
                };
                let name = a.field("name").map(|n| m.text(n).trim_end_matches(':'));
                args.push(Arg {
                    name,
                    value,
                    spread: false,
                });
            }
        }
    }
    Some((callee, args))
}
