//! Kotlin: imports, `val`/`var` bindings, property assignments, suspend functions.

use super::fields::Field;
use super::walk::Builder;
use super::{named_children, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model, Param};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["call_expression"]),
    (Event::Handler, &["catch_block"]),
    (Event::Loop, &["while_statement", "do_while_statement"]),
    (Event::Each, &["for_statement"]),
    (Event::Decorator, &["annotation"]),
    (Event::Class, &["class_declaration"]),
    (Event::Binding, &["property_declaration"]),
    (Event::Function, &["function_declaration"]),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "import",
    "function_declaration",
    "lambda_literal",
    "anonymous_function",
    "class_declaration",
    "object_declaration",
    "property_declaration",
    "assignment",
    "block",
    "catch_block",
    "for_statement",
    "while_statement",
    "do_while_statement",
];

pub(super) fn enter<'t>(
    b: &mut Builder<'t>,
    node: Node<'t>,
    _field: Option<&str>,
    parent: Option<Node<'t>>,
) -> Option<FrameKind> {
    match node.kind_name() {
        "import" => {
            let path = named_children(node).find(|c| c.kind_name() == "qualified_identifier")?;
            let full = b.text(path);
            b.m.add_module(full);
            if super::children(node).any(|c| c.kind_name() == "*") {
                return None;
            }
            let alias = super::children(node)
                .skip_while(|c| c.kind_name() != "as")
                .find(|c| c.kind_name() == "identifier")
                .map(|a| b.text(a));
            let local = alias.unwrap_or_else(|| full.rsplit('.').next().unwrap_or(full));
            b.m.add_import(local, full);
            None
        }
        "function_declaration" | "lambda_literal" | "anonymous_function" => {
            let name = node
                .field("name")
                .map(|n| b.text(n))
                .unwrap_or("<lambda>")
                .to_string();
            let modifiers = named_children(node).find(|c| c.kind_name() == "modifiers");
            let is_async =
                modifiers.is_some_and(|m| b.text(m).split_whitespace().any(|w| w == "suspend"));
            let decorators: Vec<String> = modifiers
                .map(|m| {
                    named_children(m)
                        .filter(|c| c.kind_name() == "annotation")
                        .map(|a| b.text(a).trim_start_matches('@').to_string())
                        .collect()
                })
                .unwrap_or_default();
            let params: Vec<Param> = named_children(node)
                .find(|c| c.kind_name() == "function_value_parameters")
                .map(|p| {
                    named_children(p)
                        .filter(|c| c.kind_name() == "parameter")
                        .map(|c| Param {
                            name: named_children(c)
                                .next()
                                .map(|n| b.text(n))
                                .unwrap_or("")
                                .to_string(),
                            ty: named_children(c).nth(1).map(|t| b.text(t).to_string()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let is_handler = decorators
                .iter()
                .any(|d| d.split('(').next().unwrap_or(d).ends_with("Mapping"));
            Some(b.function(Function {
                is_async,
                decorators,
                params,
                is_handler,
                ..Function::new(node, name)
            }))
        }
        "class_declaration" | "object_declaration" => Some(FrameKind::Class),
        "property_declaration" => {
            let var = named_children(node).find(|c| c.kind_name() == "variable_declaration")?;
            let name = b.text(named_children(var).next()?);
            let value = named_children(node)
                .filter(|c| c.kind_name() != "variable_declaration" && c.kind_name() != "modifiers")
                .last()?;
            if b.func.is_none() {
                b.bind_module(&format!("this.{name}"), value);
            }
            b.bind(name, value);
            None
        }
        "assignment" => {
            let left = node.field("left")?;
            if left.kind_name() == "navigation_expression" {
                let text: String = b.text(left).split_whitespace().collect();
                b.m.assigned_fields.insert(text);
            }
            None
        }
        "block" if parent.is_some_and(|p| p.kind_name() == "try_expression") => {
            Some(FrameKind::TryBody)
        }
        "catch_block" => Some(FrameKind::Catch),
        "for_statement" | "while_statement" | "do_while_statement" => Some(FrameKind::Loop),
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
        "identifier" => m.resolve_name(m.text(node), scope, depth),
        "navigation_expression" => {
            let first = node.named_child(0)?;
            let last = node.named_child(node.named_child_count().saturating_sub(1))?;
            if first == last {
                return None;
            }
            let name = m.text(last);
            if first.kind_name() == "this_expression" {
                return Some(format!("this.{name}"));
            }
            Some(format!("{}.{name}", m.resolve_in(first, scope, depth - 1)?))
        }
        "call_expression" => Some(format!(
            "{}()",
            m.resolve_in(node.named_child(0)?, scope, depth - 1)?
        )),
        "parenthesized_expression" => m.resolve_in(node.named_child(0)?, scope, depth - 1),
        _ => None,
    }
}

pub(super) fn call_parts<'t>(m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
    if node.kind_name() != "call_expression" {
        return None;
    }
    let callee = node.named_child(0)?;
    let mut args = Vec::new();
    for part in named_children(node).skip(1) {
        match part.kind_name() {
            "value_arguments" => {
                for a in named_children(part).filter(|a| a.kind_name() == "value_argument") {
                    let kids: Vec<Node> = named_children(a).collect();
                    let has_eq = super::children(a).any(|c| c.kind_name() == "=");
                    let spread = super::children(a).any(|c| c.kind_name() == "*");
                    match (has_eq, kids.as_slice()) {
                        (true, [name, value, ..]) => args.push(Arg {
                            name: Some(m.text(*name)),
                            value: *value,
                            spread,
                        }),
                        (_, [value, ..]) => args.push(Arg {
                            name: None,
                            value: *value,
                            spread,
                        }),
                        _ => {}
                    }
                }
            }
            "annotated_lambda" => args.push(Arg {
                name: None,
                value: part,
                spread: false,
            }),
            _ => {}
        }
    }
    Some((callee, args))
}
