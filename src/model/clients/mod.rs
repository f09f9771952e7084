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
use tree_sitter::Node;

/// The 1-based line of byte `offset` within `node`'s text.
pub(crate) fn line_within(node: Node, text: &str, offset: usize) -> usize {
    line(node) + text[..offset].matches('\n').count()
}

pub(crate) fn line(node: Node) -> usize {
    node.start_position().row + 1
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
