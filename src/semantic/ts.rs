//! TypeScript and JavaScript: ES imports, `require`, declarations, `this.` fields,
//! functions and route handlers (Express/Fastify/Koa/Hono callbacks, Nest decorators).

use super::fields::Field;
use super::walk::Builder;
use super::{
    named_children, unquote, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model, Param,
    ROUTE_METHODS,
};
use crate::semantic::KindName as _;
use tree_sitter::Node;

const FUNCTION_KINDS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
];

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["call_expression"]),
    (Event::New, &["new_expression"]),
    (Event::Entry, &["pair"]),
    (Event::Handler, &["catch_clause"]),
    (
        Event::Loop,
        &["while_statement", "for_statement", "do_statement"],
    ),
    (Event::Each, &["for_in_statement"]),
    (Event::Decorator, &["decorator"]),
    (Event::Return, &["return_statement"]),
    (Event::Class, &["class_declaration"]),
    (Event::Field, &["public_field_definition"]),
    (Event::Binding, &["variable_declarator"]),
    (Event::Detach, &["unary_expression"]),
    (
        Event::Function,
        &["function_declaration", "method_definition"],
    ),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
    "import_statement",
    "variable_declarator",
    "assignment_expression",
    "public_field_definition",
    "field_definition",
    "class_declaration",
    "class",
    "abstract_class_declaration",
    "statement_block",
    "catch_clause",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
];

pub(super) fn enter<'t>(
    b: &mut Builder<'t>,
    node: Node<'t>,
    field: Option<&str>,
    parent: Option<Node<'t>>,
) -> Option<FrameKind> {
    let kind = node.kind_name();
    if FUNCTION_KINDS.contains(&kind) {
        return Some(function(b, node, parent));
    }
    match kind {
        "import_statement" => {
            let module = unquote(b.text(node.field("source")?));
            // `import type { Order } from "@prisma/client"`: a data library's types
            // are shared with browser code, and the import is erased at compile
            // time. A server framework's types (`import type { Next } from "koa"`)
            // still mark server code.
            const DATA_PACKAGES: &[&str] = &[
                "@prisma/client",
                "prisma",
                "typeorm",
                "sequelize",
                "mongoose",
                "pg",
                "bullmq",
            ];
            let type_only = (0..node.child_count())
                .filter_map(|i| node.child(i))
                .any(|c| c.kind_name() == "type");
            let data_types = type_only
                && DATA_PACKAGES.iter().any(|p| {
                    module == *p || module.strip_prefix(p).is_some_and(|r| r.starts_with('/'))
                });
            if !data_types {
                b.m.add_module(module);
            }
            let clause = named_children(node).find(|c| c.kind_name() == "import_clause")?;
            for c in named_children(clause) {
                match c.kind_name() {
                    "identifier" => {
                        let local = b.text(c);
                        b.m.add_import(local, module);
                    }
                    "namespace_import" => {
                        if let Some(id) = named_children(c).find(|n| n.kind_name() == "identifier")
                        {
                            let local = b.text(id);
                            b.m.add_import(local, module);
                        }
                    }
                    "named_imports" => {
                        for spec in
                            named_children(c).filter(|s| s.kind_name() == "import_specifier")
                        {
                            let Some(name) = spec.field("name") else {
                                continue;
                            };
                            let name = b.text(name);
                            let local = spec.field("alias").map(|a| b.text(a)).unwrap_or(name);
                            b.m.add_import(local, &format!("{module}.{name}"));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        "variable_declarator" => {
            let name = node.field("name")?;
            let value = node.field("value")?;
            if let Some(module) = required_module(&b.m, value) {
                b.m.add_module(module);
                match name.kind_name() {
                    "identifier" => {
                        let local = b.text(name);
                        b.m.add_import(local, module);
                    }
                    "object_pattern" => {
                        for p in named_children(name) {
                            match p.kind_name() {
                                "shorthand_property_identifier_pattern" => {
                                    let local = b.text(p);
                                    b.m.add_import(local, &format!("{module}.{local}"));
                                }
                                "pair_pattern" => {
                                    if let (Some(k), Some(v)) = (p.field("key"), p.field("value")) {
                                        let (k, v) = (b.text(k), b.text(v));
                                        b.m.add_import(v, &format!("{module}.{k}"));
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            } else if name.kind_name() == "identifier" {
                let local = b.text(name);
                b.bind(local, value);
            }
            None
        }
        "assignment_expression" => {
            let left = node.field("left")?;
            let right = node.field("right")?;
            let text = b.text(left);
            match left.kind_name() {
                "identifier" => b.bind(text, right),
                "member_expression" if text.starts_with("this.") => b.bind_module(text, right),
                _ => {}
            }
            None
        }
        "public_field_definition" | "field_definition" => {
            let name = node.field("name").or_else(|| node.field("property"))?;
            let value = node.field("value")?;
            let key = format!("this.{}", b.text(name));
            b.bind_module(&key, value);
            None
        }
        "class_declaration" | "class" | "abstract_class_declaration" => Some(FrameKind::Class),
        "statement_block"
            if field == Some("body")
                && parent.is_some_and(|p| p.kind_name() == "try_statement") =>
        {
            Some(FrameKind::TryBody)
        }
        "catch_clause" => Some(FrameKind::Catch),
        "for_statement" | "for_in_statement" | "while_statement" | "do_statement" => {
            Some(FrameKind::Loop)
        }
        _ => None,
    }
}

/// `require('m')`, `await import('m')`: the module name.
fn required_module<'t>(m: &Model<'t>, value: Node<'t>) -> Option<&'t str> {
    let call = if value.kind_name() == "await_expression" {
        value.named_child(0)?
    } else {
        value
    };
    if call.kind_name() != "call_expression" {
        return None;
    }
    let f = m.text(call.field("function")?);
    if f != "require" && f != "import" {
        return None;
    }
    let arg = named_children(call.field("arguments")?).next()?;
    (arg.kind_name() == "string").then(|| unquote(m.text(arg)))
}

fn function<'t>(b: &mut Builder<'t>, node: Node<'t>, parent: Option<Node<'t>>) -> FrameKind {
    let is_async = super::children(node)
        .take(3)
        .any(|c| c.kind_name() == "async");
    let name = node
        .field("name")
        .map(|n| b.text(n).to_string())
        .or_else(|| {
            let p = parent?;
            let n = match p.kind_name() {
                "variable_declarator" => p.field("name"),
                "pair" => p.field("key"),
                "assignment_expression" => p.field("left"),
                _ => None,
            }?;
            Some(b.text(n).to_string())
        })
        .unwrap_or_else(|| "<anonymous>".to_string());
    let mut decorators: Vec<String> = named_children(node)
        .filter(|c| c.kind_name() == "decorator")
        .map(|d| b.text(d).trim_start_matches('@').to_string())
        .collect();
    if node.kind_name() == "method_definition" {
        let mut prev = node.prev_named_sibling();
        while let Some(p) = prev.filter(|p| p.kind_name() == "decorator") {
            decorators.push(b.text(p).trim_start_matches('@').to_string());
            prev = p.prev_named_sibling();
        }
    }
    let params: Vec<Param> = node
        .field("parameters")
        .map(|p| {
            named_children(p)
                .map(|c| {
                    let pat = c.field("pattern").unwrap_or(c);
                    let pat = pat.field("left").unwrap_or(pat);
                    Param {
                        name: b.text(pat).trim_start_matches("...").to_string(),
                        ty: c
                            .field("type")
                            .map(|t| b.text(t).trim_start_matches(':').trim().to_string()),
                    }
                })
                .collect()
        })
        .or_else(|| {
            // `x => …` has a bare identifier parameter.
            node.field("parameter").map(|p| {
                vec![Param {
                    name: b.text(p).to_string(),
                    ty: None,
                }]
            })
        })
        .unwrap_or_default();
    let is_handler = is_route_callback(b, parent)
        || decorators.iter().any(|d| {
            let n = d.split('(').next().unwrap_or(d);
            matches!(
                n,
                "Get" | "Post" | "Put" | "Patch" | "Delete" | "All" | "Head" | "Options"
            )
        })
        || (params.len() >= 2
            && matches!(params[0].name.as_str(), "req" | "request")
            && matches!(params[1].name.as_str(), "res" | "reply" | "response"));
    b.function(Function {
        is_async,
        decorators,
        params,
        is_handler,
        ..Function::new(node, name)
    })
}

/// A function passed to `app.get('/x', …)`, `router.post(…)`, `fastify.route(…)`.
fn is_route_callback(b: &Builder, parent: Option<Node>) -> bool {
    let Some(args) = parent.filter(|p| p.kind_name() == "arguments") else {
        return false;
    };
    let Some(call) = b.grandparent else {
        return false;
    };
    let Some(callee) = call
        .field("function")
        .filter(|f| f.kind_name() == "member_expression")
    else {
        return false;
    };
    let method = callee.field("property").map(|p| b.text(p)).unwrap_or("");
    let first_is_path = named_children(args)
        .next()
        .is_some_and(|a| matches!(a.kind_name(), "string" | "template_string"));
    ROUTE_METHODS.contains(&method) && first_is_path
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
            if object.kind_name() == "this" {
                let key = format!("this.{prop}");
                return match m.binding(None, &key) {
                    Some(v) => m.resolve_in(v, None, depth - 1),
                    None => Some(key),
                };
            }
            Some(format!(
                "{}.{prop}",
                m.resolve_in(object, scope, depth - 1)?
            ))
        }
        "call_expression" => {
            // `(await import('node-fetch')).default`, `require('axios')`: the module.
            if let Some(module) = required_module(m, node) {
                return Some(module.to_string());
            }
            Some(format!(
                "{}()",
                m.resolve_in(node.field("function")?, scope, depth - 1)?
            ))
        }
        "new_expression" => Some(format!(
            "{}()",
            m.resolve_in(node.field("constructor")?, scope, depth - 1)?
        )),
        "await_expression"
        | "parenthesized_expression"
        | "as_expression"
        | "satisfies_expression"
        | "non_null_expression" => m.resolve_in(node.named_child(0)?, scope, depth - 1),
        _ => None,
    }
}

pub(super) fn call_parts<'t>(_m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
    let callee = match node.kind_name() {
        "call_expression" => node.field("function")?,
        "new_expression" => node.field("constructor")?,
        _ => return None,
    };
    let args = node
        .field("arguments")
        .filter(|a| a.kind_name() == "arguments")
        .map(|a| {
            named_children(a)
                .map(|v| Arg {
                    name: None,
                    value: v,
                    spread: v.kind_name() == "spread_element",
                })
                .collect()
        })
        .unwrap_or_default();
    Some((callee, args))
}

/// The keys of an object literal, and whether it spreads another object in
/// (then its keys are unknown).
pub fn object_keys<'t>(m: &Model<'t>, node: Node<'t>) -> Option<(Vec<&'t str>, bool)> {
    if node.kind_name() != "object" {
        return None;
    }
    let mut keys = Vec::new();
    let mut spread = false;
    for c in named_children(node) {
        match c.kind_name() {
            "pair" => {
                if let Some(k) = c.field("key") {
                    keys.push(unquote(m.text(k)));
                }
            }
            "shorthand_property_identifier" => keys.push(m.text(c)),
            "method_definition" => {
                if let Some(k) = c.field("name") {
                    keys.push(m.text(k));
                }
            }
            "spread_element" => spread = true,
            _ => {}
        }
    }
    Some((keys, spread))
}

/// The value of an object literal's property (`{ url }` or `{ baseURL: x }`).
pub fn object_value<'t>(m: &Model<'t>, object: Node<'t>, key: &str) -> Option<Node<'t>> {
    named_children(object).find_map(|p| match p.kind_name() {
        "pair" => {
            let k = p.field("key")?;
            (m.text(k).trim_matches(|c| matches!(c, '\'' | '"')) == key)
                .then(|| p.field("value"))
                .flatten()
        }
        "shorthand_property_identifier" => (m.text(p) == key).then_some(p),
        _ => None,
    })
}

/// Whether a script call names its function directly (`track(…)`) or as a
/// method of `this` (`this.track(…)`).
pub fn calls_by_name(call: Node, src: &str) -> bool {
    match call.child_by_field_name("function") {
        Some(f) if f.kind_name() == "identifier" => true,
        Some(f) if f.kind_name() == "member_expression" => f
            .child_by_field_name("object")
            .is_some_and(|o| o.kind_name() == "this" || o.utf8_text(src.as_bytes()) == Ok("this")),
        _ => false,
    }
}

/// Whether a script call's promise is dropped: the call is a statement of its
/// own (`track(…);`), perhaps with handlers chained on (`track(…).catch(…)`),
/// or `void`ed. Anything else (awaited, returned, assigned, passed on) may be
/// waited for.
pub fn started_and_left(call: Node, src: &str) -> bool {
    let mut n = call;
    for _ in 0..16 {
        let Some(p) = n.parent() else { return false };
        match p.kind_name() {
            "expression_statement" => return true,
            "unary_expression" => {
                return p.child(0).is_some_and(|op| op.kind_name() == "void");
            }
            // The body of an arrow a timer runs (`setInterval(() =>
            // report().catch(log), ms)`): the timer drops what it returns.
            "arrow_function" => {
                if p.child_by_field_name("body").map(|b| b.id()) != Some(n.id()) {
                    return false;
                }
                let timer = p
                    .parent()
                    .filter(|a| a.kind_name() == "arguments")
                    .and_then(|a| a.parent())
                    .filter(|c| c.kind_name() == "call_expression")
                    .and_then(|c| c.child_by_field_name("function"))
                    .and_then(|f| f.utf8_text(src.as_bytes()).ok())
                    .map(|f| f.rsplit('.').next().unwrap_or(f));
                return matches!(
                    timer,
                    Some(
                        "setInterval"
                            | "setTimeout"
                            | "setImmediate"
                            | "queueMicrotask"
                            | "nextTick"
                    )
                );
            }
            // `.catch(…)`, `.then(…)`, `.finally(…)` chained on the call.
            "member_expression"
                if p.child_by_field_name("object").map(|o| o.id()) == Some(n.id()) =>
            {
                let handler = p
                    .child_by_field_name("property")
                    .and_then(|prop| prop.utf8_text(src.as_bytes()).ok());
                if !matches!(handler, Some("catch" | "then" | "finally")) {
                    return false;
                }
                let Some(chained) = p.parent().filter(|g| g.kind_name() == "call_expression")
                else {
                    return false;
                };
                n = chained;
            }
            _ => return false,
        }
    }
    false
}
