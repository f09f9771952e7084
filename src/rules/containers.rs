//! Module-level containers and what the file's functions do with them, shared
//! by DUR002 (in-memory state) and DUR003 (in-process queues).

use super::Cx;
use crate::lang::Lang;
use crate::semantic::{descendants, Function};
use tree_sitter::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Map,
    List,
    Set,
    Queue,
    /// A Go channel with a buffer.
    BufferedChannel,
}

/// A container declared at module/package level (or `static` in Java).
pub struct Container<'t> {
    pub name: &'t str,
    pub kind: ContainerKind,
    /// The declaration, where findings are reported.
    pub at: Node<'t>,
}

/// The module-level declaration at `node`, if it holds a mutable container.
pub fn container<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> Option<Container<'t>> {
    if cx.function().is_some() {
        return None;
    }
    let (name, value) = match cx.m.lang {
        Lang::Python => {
            let left = node.child_by_field_name("left")?;
            (left.kind() == "identifier").then_some(())?;
            (left, node.child_by_field_name("right")?)
        }
        Lang::Go => (
            node.child_by_field_name("name")?,
            node.child_by_field_name("value")
                .and_then(|v| v.named_child(0))
                .or_else(|| node.child_by_field_name("type"))?,
        ),
        Lang::Java => {
            let decl = node.child_by_field_name("declarator")?;
            let is_static = cx
                .text(node)
                .split('=')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .any(|w| w == "static");
            is_static.then_some(())?;
            (
                decl.child_by_field_name("name")?,
                decl.child_by_field_name("value")?,
            )
        }
        _ => {
            let name = node.child_by_field_name("name")?;
            (name.kind() == "identifier").then_some(())?;
            (name, node.child_by_field_name("value")?)
        }
    };
    let v = cx.text(value).trim();
    let head = v.split(['(', '{', '<', '[']).next().unwrap_or(v).trim();
    let last = head.rsplit(['.', ' ']).next().unwrap_or(head);
    let kind = match cx.m.lang {
        Lang::Python => match (value.kind(), last) {
            ("dictionary", _) | (_, "dict" | "defaultdict" | "OrderedDict" | "Counter") => {
                ContainerKind::Map
            }
            ("list", _) | (_, "list") => ContainerKind::List,
            ("set", _) | (_, "set") => ContainerKind::Set,
            (_, "Queue" | "SimpleQueue" | "LifoQueue" | "PriorityQueue" | "deque") => {
                ContainerKind::Queue
            }
            _ => return None,
        },
        Lang::Go => {
            if v.starts_with("make(chan") {
                // `make(chan T, n)` with a buffer.
                let args = v.trim_end_matches(')');
                (args.matches(',').count() >= 1).then_some(ContainerKind::BufferedChannel)?
            } else if v.starts_with("map[") || v.starts_with("make(map[") {
                ContainerKind::Map
            } else if v.starts_with("[]") {
                ContainerKind::List
            } else if v == "sync.Map" {
                ContainerKind::Map
            } else {
                return None;
            }
        }
        Lang::Java => match last {
            "HashMap" | "ConcurrentHashMap" | "LinkedHashMap" | "TreeMap" => ContainerKind::Map,
            "ArrayList" | "LinkedList" | "CopyOnWriteArrayList" => ContainerKind::List,
            "HashSet" | "ConcurrentSkipListSet" => ContainerKind::Set,
            "LinkedBlockingQueue"
            | "ArrayBlockingQueue"
            | "ConcurrentLinkedQueue"
            | "ArrayDeque" => ContainerKind::Queue,
            _ => return None,
        },
        _ => match (value.kind(), v) {
            ("object", _) => ContainerKind::Map,
            ("array", _) => ContainerKind::List,
            (_, v) if v.starts_with("new Map") => ContainerKind::Map,
            (_, v) if v.starts_with("new Set") => ContainerKind::Set,
            _ => return None,
        },
    };
    Some(Container {
        name: cx.text(name),
        kind,
        at: node,
    })
}

/// Methods that change a container.
const MUTATORS: &[&str] = &[
    "append",
    "add",
    "update",
    "pop",
    "popitem",
    "setdefault",
    "extend",
    "insert",
    "remove",
    "discard",
    "clear",
    "set",
    "push",
    "unshift",
    "splice",
    "delete",
    "put",
    "putIfAbsent",
    "computeIfAbsent",
    "compute",
    "merge",
    "Store",
    "LoadOrStore",
    "Delete",
    "put_nowait",
    "appendleft",
    "offer",
    "shift",
];

/// Methods that take work out of a queue.
const TAKES: &[&str] = &[
    "get",
    "get_nowait",
    "popleft",
    "pop",
    "shift",
    "take",
    "poll",
];
/// Methods that put work into a queue.
const PUTS: &[&str] = &[
    "put",
    "put_nowait",
    "append",
    "appendleft",
    "push",
    "offer",
    "add",
];

/// Whether `f` changes the container: `x[k] = v`, `x.append(…)`, `delete(x, k)`,
/// `x = append(x, …)`, `del x[k]`, `x <- v`.
pub fn mutates(cx: &Cx, f: &Function, name: &str) -> bool {
    descendants(f.node).any(|d| {
        let t = cx.text(d);
        match d.kind() {
            "call" | "call_expression" | "method_invocation" => {
                let callee = d
                    .child_by_field_name("function")
                    .map(|c| cx.text(c))
                    .unwrap_or(t);
                callee
                    .strip_prefix(name)
                    .and_then(|r| r.strip_prefix('.'))
                    .is_some_and(|m| MUTATORS.iter().any(|v| m.starts_with(v)))
                    || t.starts_with(&format!("delete({name},"))
            }
            "assignment"
            | "augmented_assignment"
            | "assignment_expression"
            | "assignment_statement" => {
                let left = d
                    .child_by_field_name("left")
                    .map(|l| cx.text(l))
                    .unwrap_or("");
                left.starts_with(&format!("{name}["))
                    || (left == name && t.contains(&format!("append({name}")))
            }
            "delete_statement" => t.starts_with(&format!("del {name}[")),
            "unary_expression" => t.starts_with(&format!("delete {name}[")),
            "send_statement" => {
                t.starts_with(name) && t[name.len()..].trim_start().starts_with("<-")
            }
            _ => false,
        }
    })
}

/// Functions that put into the queue, and functions that take from it inside a
/// loop (or range over a channel).
pub fn producers_and_consumers<'a, 't>(
    cx: &Cx<'a, 't>,
    name: &str,
) -> (Vec<&'a Function<'t>>, Vec<&'a Function<'t>>) {
    let calls = |f: &Function, verbs: &[&str]| {
        descendants(f.node).any(|d| {
            let t = cx.text(d);
            t.strip_prefix(name)
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|m| verbs.iter().any(|v| m.starts_with(&format!("{v}("))))
        })
    };
    let producers =
        cx.m.functions
            .iter()
            .filter(|f| {
                calls(f, PUTS)
                    || descendants(f.node)
                        .any(|d| d.kind() == "send_statement" && cx.text(d).starts_with(name))
            })
            .collect();
    let consumers = cx
        .m
        .functions
        .iter()
        .filter(|f| {
            descendants(f.node).any(|d| {
                let is_loop = matches!(
                    d.kind(),
                    "while_statement" | "for_statement" | "for_in_statement" | "loop_expression"
                );
                is_loop && {
                    let body = cx.text(d);
                    body.contains(&format!("range {name}"))
                        || body.contains(&format!("<-{name}"))
                        || TAKES.iter().any(|v| body.contains(&format!("{name}.{v}(")))
                }
            })
        })
        .collect();
    (producers, consumers)
}

/// Registration helpers and caches: mutating them is not state that matters.
pub fn is_benign(name: &str, function: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let f = function.to_ascii_lowercase();
    [
        "cache",
        "memo",
        "registry",
        "handlers",
        "plugins",
        "routes",
        "hooks",
        "listeners",
        "subscribers",
        "metrics",
        "stats",
    ]
    .iter()
    .any(|w| n.contains(w))
        || f.starts_with("register")
        || f.starts_with("_register")
        || matches!(
            function,
            "__init__" | "init" | "setup" | "configure" | "main"
        )
}

/// The node kinds module-level declarations are seen at.
pub fn kinds(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Python => &["assignment"],
        Lang::Go => &["var_spec"],
        Lang::Java => &["field_declaration"],
        Lang::TypeScript | Lang::JavaScript => &["variable_declarator"],
        _ => &[],
    }
}
