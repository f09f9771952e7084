//! Module-level containers and what the file's functions do with them, shared
//! by DUR002 (in-memory state) and DUR003 (in-process queues).

use super::Cx;
use crate::lang::Lang;
use crate::semantic::fields::Field;
use crate::semantic::Function;
use crate::semantic::KindName as _;
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
            let left = node.field("left")?;
            (left.kind_name() == "identifier").then_some(())?;
            // An annotated class attribute declares a field (a pydantic model's,
            // a dataclass's): each instance gets its own copy of the default.
            if node.field("type").is_some()
                && cx.m.within(cx.frame, crate::semantic::FrameKind::Class)
            {
                return None;
            }
            (left, node.field("right")?)
        }
        Lang::Go => (
            node.field("name")?,
            node.field("value")
                .and_then(|v| v.named_child(0))
                .or_else(|| node.field("type"))?,
        ),
        Lang::Java => {
            let decl = node.field("declarator")?;
            let is_static = cx
                .text(node)
                .split('=')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .any(|w| w == "static");
            is_static.then_some(())?;
            (decl.field("name")?, decl.field("value")?)
        }
        _ => {
            let name = node.field("name")?;
            (name.kind_name() == "identifier").then_some(())?;
            (name, node.field("value")?)
        }
    };
    let v = cx.text(value).trim();
    let head = v.split(['(', '{', '<', '[']).next().unwrap_or(v).trim();
    let last = head.rsplit(['.', ' ']).next().unwrap_or(head);
    let kind = match cx.m.lang {
        Lang::Python => match (value.kind_name(), last) {
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
        _ => match (value.kind_name(), v) {
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

/// What the file's functions do with one module-level container: which change
/// it, put work into it, or take work out of it in a loop. Indexed by function id.
pub struct Usage {
    pub mutated: Vec<bool>,
    pub producers: Vec<bool>,
    pub consumers: Vec<bool>,
}

/// Finds [`Usage`] from the places `name` occurs in the source rather than by
/// walking every function once per container. Every node that can witness a
/// use contains an occurrence of the name, so the nodes around each occurrence
/// (from the root down to it) are the only ones tested, each once; a function
/// uses the container when it is one of a witness's ancestors (or the witness).
pub fn usage<'t>(cx: &Cx<'_, 't>, name: &str) -> Usage {
    let m = cx.m;
    let count = m.functions.len();
    let mut u = Usage {
        mutated: vec![false; count],
        producers: vec![false; count],
        consumers: vec![false; count],
    };
    let Some(root) = m.root else { return u };
    if name.is_empty() || count == 0 {
        return u;
    }
    let mut by_node: Vec<(usize, usize)> = m
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| (f.node.id(), i))
        .collect();
    by_node.sort_unstable();
    // Per node id: whether it changes, fills or drains the container.
    let mut memo: std::collections::HashMap<usize, [bool; 3]> = std::collections::HashMap::new();
    let mut chain: Vec<Node<'t>> = Vec::new();
    let src = m.src;
    let step = name.chars().next().map_or(1, char::len_utf8);
    let go = m.lang == Lang::Go;
    let mut from = 0;
    while let Some(i) = src.get(from..).and_then(|rest| rest.find(name)) {
        let at = from + i;
        from = at + step;
        if !may_witness(src, at, name, go) {
            continue;
        }
        chain_at(root, at, &mut chain);
        let mut deepest: [Option<usize>; 3] = [None; 3];
        for (depth, &d) in chain.iter().enumerate() {
            if d.end_byte() < at + name.len() {
                break;
            }
            let uses = *memo.entry(d.id()).or_insert_with(|| {
                let t = cx.text(d);
                [
                    mutates_node(cx, d, t, name),
                    fills_node(d, t, name),
                    drains_node(d, t, name),
                ]
            });
            for (k, used) in uses.into_iter().enumerate() {
                if used {
                    deepest[k] = Some(depth);
                }
            }
        }
        for (k, lowest) in deepest.into_iter().enumerate() {
            let Some(lowest) = lowest else { continue };
            let marks = match k {
                0 => &mut u.mutated,
                1 => &mut u.producers,
                _ => &mut u.consumers,
            };
            for n in &chain[..=lowest] {
                let id = n.id();
                let first = by_node.partition_point(|&(node, _)| node < id);
                for &(_, f) in by_node[first..].iter().take_while(|&&(node, _)| node == id) {
                    marks[f] = true;
                }
            }
        }
    }
    u
}

/// Whether the occurrence of `name` at `at` has the text around it that one of
/// [`mutates_node`], [`fills_node`] and [`drains_node`] needs: each of them holds
/// only for a node containing an occurrence that passes this test.
fn may_witness(src: &str, at: usize, name: &str, go: bool) -> bool {
    if go {
        // A send statement starting with the name (`jobs <- j`, `jobsX <- j`).
        return true;
    }
    let before = &src[..at];
    let after = &src[at + name.len()..];
    if let Some(method) = after.strip_prefix('.') {
        return MUTATORS
            .iter()
            .chain(PUTS)
            .chain(TAKES)
            .any(|v| method.starts_with(v));
    }
    after.starts_with('[')
        || after.trim_start().starts_with("<-")
        || (before.ends_with("delete(") && after.starts_with(','))
        || before.ends_with("append(")
        || before.ends_with("range ")
        || before.ends_with("<-")
}

/// The nodes that contain byte `at`, from `root` down.
fn chain_at<'t>(root: Node<'t>, at: usize, chain: &mut Vec<Node<'t>>) {
    chain.clear();
    chain.push(root);
    let mut cursor = root.walk();
    while cursor.goto_first_child_for_byte(at).is_some() {
        let n = cursor.node();
        if n.start_byte() > at {
            break;
        }
        chain.push(n);
    }
}

/// Whether `d` changes the container: `x[k] = v`, `x.append(…)`, `delete(x, k)`,
/// `x = append(x, …)`, `del x[k]`, `x <- v`.
fn mutates_node(cx: &Cx, d: Node, t: &str, name: &str) -> bool {
    match d.kind_name() {
        "call" | "call_expression" | "method_invocation" => {
            let callee = d.field("function").map(|c| cx.text(c)).unwrap_or(t);
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
            let left = d.field("left").map(|l| cx.text(l)).unwrap_or("");
            left.starts_with(&format!("{name}["))
                || (left == name && t.contains(&format!("append({name}")))
        }
        "delete_statement" => t.starts_with(&format!("del {name}[")),
        "unary_expression" => t.starts_with(&format!("delete {name}[")),
        "send_statement" => t.starts_with(name) && t[name.len()..].trim_start().starts_with("<-"),
        _ => false,
    }
}

/// Whether `d` puts work into the queue: `q.put(…)`, `q <- v`.
fn fills_node(d: Node, t: &str, name: &str) -> bool {
    t.strip_prefix(name)
        .and_then(|r| r.strip_prefix('.'))
        .is_some_and(|m| PUTS.iter().any(|v| m.starts_with(&format!("{v}("))))
        || (d.kind_name() == "send_statement" && t.starts_with(name))
}

/// Whether `d` is a loop that takes work out of the queue (or ranges over it).
fn drains_node(d: Node, t: &str, name: &str) -> bool {
    let is_loop = matches!(
        d.kind_name(),
        "while_statement" | "for_statement" | "for_in_statement" | "loop_expression"
    );
    is_loop
        && (t.contains(&format!("range {name}"))
            || t.contains(&format!("<-{name}"))
            || TAKES.iter().any(|v| t.contains(&format!("{name}.{v}("))))
}

/// Functions that put into the queue, and functions that take from it inside a
/// loop (or range over a channel), in the file's order.
pub fn producers_and_consumers<'a, 't>(
    cx: &Cx<'a, 't>,
    u: &Usage,
) -> (Vec<&'a Function<'t>>, Vec<&'a Function<'t>>) {
    let pick = |marks: &[bool]| {
        cx.m.functions
            .iter()
            .zip(marks)
            .filter(|(_, &on)| on)
            .map(|(f, _)| f)
            .collect()
    };
    (pick(&u.producers), pick(&u.consumers))
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
