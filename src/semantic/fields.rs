//! Field access by id. `Node::child_by_field_name` looks the name up among the
//! grammar's field names (string comparisons) on every call; rules and the
//! language layer ask for a handful of fields hundreds of thousands of times
//! per scan, so each (grammar, name) pair is resolved once per thread.

use std::cell::RefCell;
use tree_sitter::{Language, Node};

/// Field ids per grammar, by the address and length of the name.
type Ids = Vec<((usize, usize), u16)>;

thread_local! {
    static IDS: RefCell<Vec<(Language, Ids)>> = const { RefCell::new(Vec::new()) };
}

/// The id of field `name` in the grammar of `node`, 0 when it has none.
fn field_id(node: &Node, name: &'static str) -> u16 {
    let lang = node.language();
    let key = (name.as_ptr() as usize, name.len());
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        let at = match ids.iter().position(|(l, _)| *l == *lang) {
            Some(at) => at,
            None => {
                ids.push(((*lang).clone(), Vec::new()));
                ids.len() - 1
            }
        };
        let names = &mut ids[at].1;
        match names.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(i) => names[i].1,
            Err(i) => {
                let id = lang.field_id_for_name(name).map_or(0, |id| id.get());
                names.insert(i, (key, id));
                id
            }
        }
    })
}

/// `child_by_field_name` with the field id resolved once per grammar.
pub trait Field<'t> {
    fn field(&self, name: &'static str) -> Option<Node<'t>>;
}

impl<'t> Field<'t> for Node<'t> {
    fn field(&self, name: &'static str) -> Option<Node<'t>> {
        match field_id(self, name) {
            0 => None,
            id => self.child_by_field_id(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    #[test]
    fn fields_match_lookups_by_name() {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .unwrap();
        let tree = parser.parse("x = f(a, b=1)\n", None).unwrap();
        let assignment = tree.root_node().child(0).unwrap().child(0).unwrap();
        for name in ["left", "right", "function", "nonexistent"] {
            assert_eq!(
                assignment.field(name),
                assignment.child_by_field_name(name),
                "{name}"
            );
        }
        let call = assignment.field("right").unwrap();
        assert_eq!(call.field("function"), call.child_by_field_name("function"));
        assert_eq!(
            call.field("arguments"),
            call.child_by_field_name("arguments")
        );
    }
}
