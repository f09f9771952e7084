//! The one walk per file: builds the [`Model`] and collects the nodes of the
//! events each enabled rule asked for.

use super::{Event, FrameKind, FuncId, Function, Model};
use crate::lang::Lang;
use tree_sitter::{Node, Tree};

/// A node a rule subscribed to, with the frame it sits in.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'t> {
    pub rule: u16,
    pub event: Event,
    pub node: Node<'t>,
    /// The node's parent, from the walk's own stack (`Node::parent` searches
    /// down from the root).
    pub parent: Option<Node<'t>>,
    pub frame: Option<u32>,
}

/// Rules to visit (with the event the node is to them), and whether the
/// language layer wants to see the node, indexed by a grammar's node kind id.
#[derive(Default, Debug)]
pub struct KindTable {
    by_kind: Vec<Vec<(u16, Event)>>,
    enter: Vec<bool>,
}

impl KindTable {
    /// Builds the table for `lang` from `(rule index, events)` pairs. A node
    /// that is two events a rule asked for (Go's `for`) is handed to it once,
    /// as the first of them in the rule's list.
    pub fn new(lang: Lang, wants: &[(u16, &[Event])]) -> KindTable {
        let Some(grammar) = lang.grammar() else {
            return KindTable::default();
        };
        let count = grammar.node_kind_count();
        let mut by_kind = vec![Vec::new(); count];
        let mut enter = vec![false; count];
        let enter_kinds = enter_kinds(lang);
        for id in 0..count as u16 {
            let Some(name) = grammar.node_kind_for_id(id) else {
                continue;
            };
            if !grammar.node_kind_is_named(id) {
                continue;
            }
            enter[id as usize] = enter_kinds.contains(&name);
            for (rule, events) in wants {
                let event = events
                    .iter()
                    .find(|e| super::event_kinds(lang, **e).any(|k| k == name));
                if let Some(&event) = event {
                    by_kind[id as usize].push((*rule, event));
                }
            }
        }
        KindTable { by_kind, enter }
    }

    fn enters(&self, kind_id: u16) -> bool {
        self.enter.get(kind_id as usize).copied().unwrap_or(false)
    }

    fn rules(&self, kind_id: u16) -> &[(u16, Event)] {
        self.by_kind
            .get(kind_id as usize)
            .map_or(&[], Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.by_kind.iter().all(Vec::is_empty)
    }
}

/// State the language modules update while the walk enters nodes.
pub struct Builder<'t> {
    pub m: Model<'t>,
    /// The innermost function, for scoping bindings.
    pub func: Option<FuncId>,
    /// The parent of the entered node's parent. `Node::parent()` searches down
    /// from the root, which is slow on huge flat trees (minified bundles).
    pub grandparent: Option<Node<'t>>,
}

impl<'t> Builder<'t> {
    pub fn text(&self, node: Node) -> &'t str {
        self.m.text(node)
    }

    pub fn bind(&mut self, name: &str, value: Node<'t>) {
        let scope = self.func;
        self.m.bind(scope, name, value);
    }

    pub fn bind_module(&mut self, name: &str, value: Node<'t>) {
        self.m.bind(None, name, value);
    }

    /// Registers a function and returns the frame to push for it.
    pub fn function(&mut self, mut f: Function<'t>) -> FrameKind {
        f.parent = self.func;
        let id = self.m.functions.len() as FuncId;
        self.m.functions.push(f);
        FrameKind::Function(id)
    }
}

/// The deepest syntax node rules are run on.
pub const MAX_CHECKED_DEPTH: usize = 1024;

/// Walks `tree` once: every node is offered to the language module (imports,
/// bindings, functions, frames) and, when a rule subscribed to its kind, kept as a
/// candidate for that rule.
pub fn walk<'t>(
    lang: Lang,
    tree: &'t Tree,
    src: &'t str,
    table: &KindTable,
) -> (Model<'t>, Vec<Candidate<'t>>) {
    let mut b = Builder {
        m: Model::new(lang, src),
        func: None,
        grandparent: None,
    };
    let syntax = super::language(lang);
    b.m.root = Some(tree.root_node());
    let mut candidates = Vec::new();
    let mut frame: Option<u32> = None;
    // (depth the frame was pushed at, frame and function to restore on leaving)
    let mut pushed: Vec<(usize, Option<u32>, Option<FuncId>)> = Vec::new();
    let mut parents: Vec<Node<'t>> = Vec::new();
    let mut cursor = tree.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        let kind_id = node.kind_id();
        let entered = if table.enters(kind_id) {
            b.grandparent = parents.len().checked_sub(2).map(|i| parents[i]);
            b.m.line = node.start_position().row + 1;
            syntax.and_then(|l| l.enter(&mut b, node, cursor.field_name(), parents.last().copied()))
        } else {
            None
        };
        if let Some(kind) = entered {
            pushed.push((depth, frame, b.func));
            let id = b.m.frames.len() as u32;
            b.m.frames.push(super::Frame {
                kind,
                parent: frame,
            });
            b.m.frame_nodes.push(node);
            frame = Some(id);
            if let FrameKind::Function(f) = kind {
                b.func = Some(f);
                let n = parents.len();
                b.m.functions[f as usize].outer = [
                    parents.last().copied(),
                    n.checked_sub(2).map(|i| parents[i]),
                ];
            }
        }
        // Rules look around a node through its parents, and a node's parent is
        // found by a search from the root: past this depth (machine-made
        // nesting; a builder chain of 300 calls is some 600 levels) that would
        // make a file's work quadratic, so such nodes are left unchecked, and
        // the file says so.
        let rules = table.rules(kind_id);
        if depth <= MAX_CHECKED_DEPTH {
            candidates.extend(rules.iter().map(|&(rule, event)| Candidate {
                rule,
                event,
                node,
                parent: parents.last().copied(),
                frame,
            }));
        } else if !rules.is_empty() {
            b.m.too_deep.get_or_insert(node.start_position().row + 1);
        }
        if cursor.goto_first_child() {
            parents.push(node);
            depth += 1;
            continue;
        }
        loop {
            while let Some(&(d, prev_frame, prev_func)) = pushed.last() {
                if d < depth {
                    break;
                }
                frame = prev_frame;
                b.func = prev_func;
                pushed.pop();
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return (b.m, candidates);
            }
            parents.pop();
            depth -= 1;
        }
    }
}

/// The node kinds a language's `enter` handles.
pub fn enter_kinds(lang: Lang) -> &'static [&'static str] {
    super::language(lang).map_or(&[], |l| l.enter_kinds())
}
