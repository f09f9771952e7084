//! Rust: `use` trees, `let` bindings, async functions and blocks.

use super::fields::Field;
use super::walk::Builder;
use super::{named_children, Arg, Event, EventKinds, FrameKind, FuncId, Function, Model, Param};
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// Extractor types that make an axum/actix function a request handler.
const HANDLER_TYPES: &[&str] = &[
    "Json<",
    "State<",
    "Path<",
    "Query<",
    "Form<",
    "Extension<",
    "HttpRequest",
    "web::",
];

/// Web frameworks whose extractors mark a request handler.
const WEB_FRAMEWORKS: &[&str] = &[
    "axum",
    "actix_web",
    "rocket",
    "poem",
    "salvo",
    "warp",
    "tide",
    "ntex",
    "loco_rs",
    "aide",
];

/// Which of this grammar's nodes are each rule-facing event.
pub(super) const EVENTS: EventKinds = &[
    (Event::Call, &["call_expression"]),
    (Event::New, &["struct_expression"]),
    (Event::Handler, &["match_arm", "if_expression"]),
    (Event::Loop, &["loop_expression", "while_expression"]),
    (Event::Each, &["for_expression"]),
    (Event::Decorator, &["attribute_item"]),
    (Event::Return, &["return_expression"]),
    (Event::Class, &["struct_item"]),
    (Event::Field, &["field_declaration"]),
    (Event::Binding, &["static_item"]),
    (Event::Function, &["function_item"]),
];

/// The node kinds [`enter`] handles; the walk calls it for these only.
pub(super) const ENTER_KINDS: &[&str] = &[
    "use_declaration",
    "mod_item",
    "function_item",
    "closure_expression",
    "async_block",
    "impl_item",
    "trait_item",
    "let_declaration",
    "loop_expression",
    "while_expression",
    "for_expression",
];

pub(super) fn enter<'t>(
    b: &mut Builder<'t>,
    node: Node<'t>,
    _field: Option<&str>,
    _parent: Option<Node<'t>>,
) -> Option<FrameKind> {
    match node.kind_name() {
        "use_declaration" => {
            if let Some(arg) = node.field("argument") {
                use_tree(b, arg, "", 0);
            }
            None
        }
        "function_item" | "closure_expression" | "async_block" => {
            let name = node
                .field("name")
                .map(|n| b.text(n))
                .unwrap_or("<closure>")
                .to_string();
            let is_async = match node.kind_name() {
                "async_block" => true,
                "closure_expression" => super::children(node).any(|c| c.kind_name() == "async"),
                _ => named_children(node)
                    .find(|c| c.kind_name() == "function_modifiers")
                    .is_some_and(|m| b.text(m).contains("async")),
            };
            let params: Vec<Param> = node
                .field("parameters")
                .map(|p| {
                    named_children(p)
                        .filter(|c| c.kind_name() == "parameter")
                        .map(|c| Param {
                            name: c
                                .field("pattern")
                                .map(|n| b.text(n))
                                .unwrap_or("")
                                .to_string(),
                            ty: c.field("type").map(|t| b.text(t).to_string()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            // An extractor of a web framework the file uses: a command-line
            // framework's `State<CliEnv>` (cling) serves no request.
            let web = || {
                WEB_FRAMEWORKS.iter().any(|w| b.m.imports_module(w))
                    || params.iter().any(|p| {
                        p.ty.as_deref().is_some_and(|t| {
                            WEB_FRAMEWORKS.iter().any(|w| t.contains(&format!("{w}::")))
                        })
                    })
            };
            let is_handler = node.kind_name() == "function_item"
                && is_async
                && params.iter().any(|p| {
                    p.ty.as_deref()
                        .is_some_and(|t| HANDLER_TYPES.iter().any(|h| t.contains(h)))
                })
                && web();
            let is_test = node.kind_name() == "function_item"
                && has_attribute(b, node, |a| {
                    a == "#[test]"
                        || a.ends_with("::test]")
                        || a.contains("::test(")
                        || test_only(a)
                });
            Some(b.function(Function {
                is_async,
                params,
                is_test,
                is_handler,
                ..Function::new(node, name)
            }))
        }
        "impl_item" | "mod_item" if has_attribute(b, node, test_only) => Some(FrameKind::Test),
        "impl_item" | "trait_item" => Some(FrameKind::Class),
        "let_declaration" => {
            let pattern = node.field("pattern")?;
            let value = node.field("value")?;
            if pattern.kind_name() == "identifier" {
                let name = b.text(pattern);
                b.bind(name, value);
            }
            None
        }
        "loop_expression" | "while_expression" | "for_expression" => Some(FrameKind::Loop),
        _ => None,
    }
}

/// An attribute (whitespace removed) that compiles its item only into test or
/// debug builds, never into the release a service runs: `#[cfg(test)]`,
/// `#[cfg(any(test, feature = "mocks"))]`, `#[cfg(debug_assertions)]`, a
/// feature named for tests.
pub(crate) fn test_only(attribute: &str) -> bool {
    attribute.contains("cfg(test)")
        || attribute.contains("cfg(any(test,")
        || attribute.contains("cfg(all(test,")
        || attribute == "#[cfg(debug_assertions)]"
        || test_feature(attribute)
}

/// `#[cfg(feature = "test_util")]` (whitespace removed): code compiled only when
/// a feature named for tests is on, which test builds turn on.
fn test_feature(attribute: &str) -> bool {
    attribute
        .strip_prefix("#[cfg(feature=\"")
        .and_then(|rest| rest.strip_suffix("\")]"))
        .is_some_and(|feature| feature.to_ascii_lowercase().contains("test"))
}

/// Whether an outer attribute right above `node` matches `pred` (`#[cfg(test)]`).
fn has_attribute(b: &Builder, node: tree_sitter::Node, pred: impl Fn(&str) -> bool) -> bool {
    let mut prev = node.prev_named_sibling();
    while let Some(p) = prev.filter(|p| {
        matches!(
            p.kind_name(),
            "attribute_item" | "line_comment" | "block_comment"
        )
    }) {
        let text: String = b.text(p).split_whitespace().collect();
        if p.kind_name() == "attribute_item" && pred(&text) {
            return true;
        }
        prev = p.prev_named_sibling();
    }
    false
}

fn path_text(b: &Builder, node: Node) -> String {
    b.text(node)
        .split_whitespace()
        .collect::<String>()
        .replace("::", ".")
}

fn join(prefix: &str, rest: &str) -> String {
    if prefix.is_empty() {
        rest.to_string()
    } else {
        format!("{prefix}.{rest}")
    }
}

/// Records every name a `use` tree brings into scope; depth-bounded.
fn use_tree(b: &mut Builder, node: Node, prefix: &str, depth: u8) {
    if depth > 16 {
        return;
    }
    match node.kind_name() {
        "identifier" | "scoped_identifier" => {
            let full = join(prefix, &path_text(b, node));
            let local = full.rsplit('.').next().unwrap_or(&full).to_string();
            b.m.add_module(&full);
            if local == "self" {
                let module = full.trim_end_matches(".self");
                let local = module.rsplit('.').next().unwrap_or(module).to_string();
                b.m.add_import(&local, module);
            } else {
                b.m.add_import(&local, &full);
            }
        }
        "self" => {
            let local = prefix.rsplit('.').next().unwrap_or(prefix).to_string();
            b.m.add_import(&local, prefix);
        }
        "use_as_clause" => {
            if let (Some(p), Some(a)) = (node.field("path"), node.field("alias")) {
                let full = join(prefix, &path_text(b, p));
                let alias = b.text(a).to_string();
                b.m.add_module(&full);
                b.m.add_import(&alias, &full);
            }
        }
        "scoped_use_list" => {
            let p = node
                .field("path")
                .map(|p| path_text(b, p))
                .unwrap_or_default();
            let next = join(prefix, &p);
            if let Some(list) = node.field("list") {
                use_tree(b, list, &next, depth + 1);
            }
        }
        "use_list" => {
            for c in named_children(node) {
                use_tree(b, c, prefix, depth + 1);
            }
        }
        "use_wildcard" => {
            let full = join(prefix, &path_text(b, node));
            b.m.add_module(full.trim_end_matches(".*"));
        }
        _ => {}
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
        "scoped_identifier" | "scoped_type_identifier" => {
            let name = m.text(node.field("name")?);
            match node.field("path") {
                Some(p) => Some(format!("{}.{name}", m.resolve_in(p, scope, depth - 1)?)),
                None => Some(name.to_string()),
            }
        }
        "generic_type" => m.resolve_in(node.field("type")?, scope, depth - 1),
        "crate" | "self" | "super" => Some(m.text(node).to_string()),
        "field_expression" => {
            let value = node.field("value")?;
            let field = m.text(node.field("field")?);
            Some(format!(
                "{}.{field}",
                m.resolve_in(value, scope, depth - 1)?
            ))
        }
        "call_expression" => Some(format!(
            "{}()",
            m.resolve_in(node.field("function")?, scope, depth - 1)?
        )),
        "try_expression"
        | "await_expression"
        | "parenthesized_expression"
        | "reference_expression" => m.resolve_in(node.named_child(0)?, scope, depth - 1),
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
                    spread: false,
                })
                .collect()
        })
        .unwrap_or_default();
    Some((callee, args))
}
