//! Python: imports, assignments, `with … as`, functions and decorators.

use super::fields::Field;
use super::walk::Builder;
use super::{
    named_children, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model, Param,
    ROUTE_METHODS,
};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["call"]),
    (Event::Entry, &["keyword_argument", "pair"]),
    (Event::Handler, &["except_clause"]),
    (Event::Loop, &["while_statement"]),
    (Event::Each, &["for_statement"]),
    (Event::Decorator, &["decorator"]),
    (Event::Return, &["return_statement"]),
    (Event::Class, &["class_definition"]),
    (Event::Field, &["assignment"]),
    (Event::Binding, &["assignment"]),
    (Event::Function, &["function_definition"]),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "import_statement",
    "import_from_statement",
    "function_definition",
    "lambda",
    "class_definition",
    "assignment",
    "with_item",
    "block",
    "except_clause",
    "for_statement",
    "while_statement",
];

pub(super) fn enter<'t>(
    b: &mut Builder<'t>,
    node: Node<'t>,
    field: Option<&str>,
    parent: Option<Node<'t>>,
) -> Option<FrameKind> {
    match node.kind_name() {
        "import_statement" => {
            for c in named_children(node) {
                match c.kind_name() {
                    "dotted_name" => {
                        let full = b.text(c);
                        let head = full.split('.').next().unwrap_or(full);
                        b.m.add_import(head, head);
                        b.m.add_module(full);
                    }
                    "aliased_import" => {
                        if let (Some(n), Some(a)) = (c.field("name"), c.field("alias")) {
                            let (n, a) = (b.text(n), b.text(a));
                            b.m.add_import(a, n);
                            b.m.add_module(n);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        "import_from_statement" => {
            let module = node.field("module_name").map(|n| b.text(n)).unwrap_or("");
            b.m.add_module(module);
            let mut cursor = node.walk();
            for c in node.children_by_field_name("name", &mut cursor) {
                let (name, local) = match c.kind_name() {
                    "aliased_import" => match (c.field("name"), c.field("alias")) {
                        (Some(n), Some(a)) => (b.text(n), b.text(a)),
                        _ => continue,
                    },
                    _ => (b.text(c), b.text(c)),
                };
                b.m.add_import(local, &format!("{module}.{name}"));
            }
            None
        }
        "function_definition" => {
            let name = node
                .field("name")
                .map(|n| b.text(n))
                .unwrap_or("")
                .to_string();
            let is_async = node.child(0).is_some_and(|c| c.kind_name() == "async");
            let decorators: Vec<String> = parent
                .filter(|p| p.kind_name() == "decorated_definition")
                .map(|p| {
                    named_children(p)
                        .filter(|c| c.kind_name() == "decorator")
                        .map(|d| {
                            // The decorator's expression, without a trailing comment.
                            let expr = named_children(d).next().unwrap_or(d);
                            b.text(expr).trim_start_matches('@').trim().to_string()
                        })
                        .collect()
                })
                .unwrap_or_default();
            let params = node
                .field("parameters")
                .map(|p| params(b, p))
                .unwrap_or_default();
            let is_handler =
                decorators.iter().any(|d| is_route_decorator(d)) || is_view(&name, &params);
            Some(b.function(Function {
                is_async,
                decorators,
                params,
                is_handler,
                ..Function::new(node, name)
            }))
        }
        "lambda" => Some(b.function(Function::new(node, "<lambda>"))),
        "class_definition" => Some(FrameKind::Class),
        "assignment" => {
            if let (Some(left), Some(right)) = (node.field("left"), node.field("right")) {
                bind_target(b, left, right);
            }
            None
        }
        "with_item" => {
            let value = node.field("value")?;
            if value.kind_name() == "as_pattern" {
                let expr = value.named_child(0)?;
                let alias = value.field("alias")?;
                let target = alias.named_child(0).unwrap_or(alias);
                bind_target(b, target, expr);
            }
            None
        }
        "block"
            if field == Some("body")
                && parent.is_some_and(|p| p.kind_name() == "try_statement") =>
        {
            Some(FrameKind::TryBody)
        }
        "except_clause" => Some(FrameKind::Catch),
        "for_statement" | "while_statement" => Some(FrameKind::Loop),
        _ => None,
    }
}

fn bind_target<'t>(b: &mut Builder<'t>, left: Node<'t>, right: Node<'t>) {
    match left.kind_name() {
        "identifier" => {
            let name = b.text(left);
            b.bind(name, right);
        }
        "attribute" => {
            let text = b.text(left);
            if text.starts_with("self.") || text.starts_with("cls.") {
                b.bind_module(&text.replacen("cls.", "self.", 1), right);
            }
        }
        _ => {}
    }
}

fn params(b: &Builder, node: Node) -> Vec<Param> {
    named_children(node)
        .filter_map(|p| {
            let (name, ty) = match p.kind_name() {
                "identifier" => (b.text(p), None),
                "typed_parameter" => (
                    named_children(p).next().map(|n| b.text(n)).unwrap_or(""),
                    p.field("type").map(|t| b.text(t).to_string()),
                ),
                "default_parameter" | "typed_default_parameter" => (
                    p.field("name").map(|n| b.text(n)).unwrap_or(""),
                    p.field("type").map(|t| b.text(t).to_string()),
                ),
                _ => return None,
            };
            Some(Param {
                name: name.to_string(),
                ty,
            })
        })
        .collect()
}

/// A Django function view (`def detail(request, …)`) or a class-based view's
/// HTTP method (`def get(self, request, …)`).
fn is_view(name: &str, params: &[Param]) -> bool {
    const METHODS: &[&str] = &[
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "list",
        "create",
        "retrieve",
        "update",
        "partial_update",
        "destroy",
    ];
    match params {
        [first, ..] if first.name == "request" => true,
        [first, second, ..] => {
            first.name == "self" && second.name == "request" && METHODS.contains(&name)
        }
        _ => false,
    }
}

/// `@app.get("/x")`, `@router.post(...)`, `@bp.route(...)`, `@api_view([...])`.
fn is_route_decorator(d: &str) -> bool {
    let head = d.split('(').next().unwrap_or(d);
    let method = head.rsplit('.').next().unwrap_or(head);
    (head.contains('.') && ROUTE_METHODS.contains(&method) && d.contains('(')) || head == "api_view"
}

pub(super) fn resolve<'t>(
    m: &Model<'t>,
    node: Node<'t>,
    scope: Option<FuncId>,
    depth: u8,
) -> Option<String> {
    match node.kind_name() {
        "identifier" => m.resolve_name(m.text(node), scope, depth),
        "attribute" => {
            let object = node.field("object")?;
            let attr = m.text(node.field("attribute")?);
            let ot = m.text(object);
            if ot == "self" || ot == "cls" {
                let key = format!("self.{attr}");
                if let Some(v) = m.binding(None, &key) {
                    // Resolved where it was assigned: `self.requests = requests`
                    // in an `__init__` that takes `requests` is that argument.
                    let scope = if v.kind_name() == "identifier" {
                        m.function_containing(v)
                    } else {
                        None
                    };
                    return m.resolve_in(v, scope, depth - 1);
                }
                return Some(key);
            }
            Some(format!(
                "{}.{attr}",
                m.resolve_in(object, scope, depth - 1)?
            ))
        }
        "call" => Some(format!(
            "{}()",
            m.resolve_in(node.field("function")?, scope, depth - 1)?
        )),
        "await" | "parenthesized_expression" => {
            m.resolve_in(node.named_child(0)?, scope, depth - 1)
        }
        _ => None,
    }
}

pub(super) fn call_parts<'t>(_m: &Model<'t>, node: Node<'t>) -> Option<(Node<'t>, Vec<Arg<'t>>)> {
    if node.kind_name() != "call" {
        return None;
    }
    let callee = node.field("function")?;
    let mut args = Vec::new();
    if let Some(list) = node.field("arguments") {
        if list.kind_name() == "generator_expression" {
            args.push(Arg {
                name: None,
                value: list,
                spread: false,
            });
        } else {
            for a in named_children(list) {
                match a.kind_name() {
                    "keyword_argument" => {
                        if let (Some(n), Some(v)) = (a.field("name"), a.field("value")) {
                            args.push(Arg {
                                name: Some(_m.text(n)),
                                value: v,
                                spread: false,
                            });
                        }
                    }
                    "list_splat" | "dictionary_splat" => args.push(Arg {
                        name: None,
                        value: a,
                        spread: true,
                    }),
                    _ => args.push(Arg {
                        name: None,
                        value: a,
                        spread: false,
                    }),
                }
            }
        }
    }
    Some((callee, args))
}
