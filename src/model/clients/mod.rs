//! The client-API table, one file per language: each row ([`ClientApi`]) is a
//! library's API with its timeout parameter, its default and where that default
//! is documented; each extractor recognises the row's calls and decides the
//! setting on the evidence. Adding a client is adding a row and its match.
//!
//! [`ClientApi`]: super::interaction::ClientApi

pub mod dart;
pub mod go;
pub mod jvm;
pub mod python;
pub mod rust;
pub mod ts;

use super::interaction::{ClientApi, Interaction, Setting};
use crate::rules::Cx;
use tree_sitter::Node;

/// The 1-based line of byte `offset` within `node`'s text.
pub(crate) fn line_within(node: Node, text: &str, offset: usize) -> usize {
    line(node) + text[..offset].matches('\n').count()
}

pub(crate) fn line(node: Node) -> usize {
    node.start_position().row + 1
}

/// Over the functions of the file that call `f` by name: the line of the
/// first of `words` in the first of them, `Some(None)` when none calls it,
/// `None` when a caller shows none of `words` (or `f` has no name).
pub(crate) fn callers_showing(
    cx: &Cx,
    f: &crate::semantic::Function,
    words: &[&str],
) -> Option<Option<usize>> {
    let name = f.name.as_str();
    if name.is_empty() {
        return None;
    }
    let mut first = None;
    for caller in cx.m.functions.iter().filter(|c| c.node != f.node) {
        // The body: a method of the same name on another type
        // (`func (gc grpcCheck) check(ctx …)`) declares it, and calls nothing.
        let node = caller
            .node
            .child_by_field_name("body")
            .unwrap_or(caller.node);
        let body = cx.text(node);
        let calls = crate::model::facts::word_matches(body, name)
            .any(|at| body[at + name.len()..].starts_with('('));
        if !calls {
            continue;
        }
        let at = words.iter().filter_map(|w| body.find(w)).min()?;
        first.get_or_insert(line_within(node, body, at));
    }
    Some(first)
}

pub(crate) fn found<'t>(
    node: Node<'t>,
    api: &'static ClientApi,
    label: String,
    timeout: Setting,
) -> Option<Interaction<'t>> {
    Some(Interaction {
        node,
        api,
        label,
        detail: String::new(),
        timeout,
    })
}

/// Every row, for documentation and tests.
pub fn all() -> Vec<&'static ClientApi> {
    [
        python::ROWS,
        go::ROWS,
        jvm::ROWS,
        rust::ROWS,
        ts::ROWS,
        dart::ROWS,
    ]
    .concat()
}
