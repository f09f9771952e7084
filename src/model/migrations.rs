//! Migrations as typed documents: which columns a migration makes unique
//! (Alembic `op.create_unique_constraint`, `sa.Column(..., unique=True)`,
//! Django `unique=True` fields, `UniqueConstraint`, `unique_together`,
//! Sequelize/Knex `addIndex(..., { unique: true })` and `unique: true` columns).
//! Rules ask them before claiming a key has no unique constraint.

use super::config::{ConfigDoc, ConfigKind, UniqueConstraint};
use crate::lang::Lang;
use crate::semantic::fields::Field;
use crate::semantic::KindName as _;
use crate::semantic::{named_children, unquote, Model};
use tree_sitter::Node;

/// The kind of migration a source file is, from its path and imports.
pub fn kind(path: &str, m: &Model) -> Option<ConfigKind> {
    let dirs: Vec<&str> = path
        .rsplit_once('/')
        .map_or(vec![], |(d, _)| d.split('/').collect());
    let in_migrations = dirs.contains(&"migrations");
    let alembic_dir = dirs.windows(2).any(|w| w == ["alembic", "versions"])
        || (dirs.last() == Some(&"versions") && in_migrations);
    match m.lang {
        Lang::Python if m.imports_module("alembic") || alembic_dir => {
            Some(ConfigKind::AlembicMigration)
        }
        Lang::Python if in_migrations => Some(ConfigKind::DjangoMigration),
        Lang::TypeScript | Lang::JavaScript if in_migrations => Some(ConfigKind::Migration),
        _ => None,
    }
}

/// The migration's document: its unique constraints. Only the places that
/// say `unique` are looked at (a text search, then a few ancestors each), so a
/// migration costs little more than its text.
pub fn document(m: &Model, root: Node, kind: ConfigKind) -> ConfigDoc {
    let mut unique = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let src = m.src;
    let mut at = 0;
    while let Some(found) = find_unique(&src[at..]) {
        let start = at + found;
        at = start + "unique".len();
        let Some(leaf) = root.descendant_for_byte_range(start, at) else {
            continue;
        };
        let mut n = leaf;
        for _ in 0..6 {
            match n.kind_name() {
                // Sequelize/Knex column options: `email: { type: …, unique: true }`.
                "pair" if m.lang != Lang::Python => {
                    if let Some(u) = unique_column_option(m, n) {
                        if seen.insert(n.id()) {
                            unique.push(u);
                        }
                        break;
                    }
                }
                "call" | "call_expression" => {
                    if seen.insert(n.id()) {
                        if let Some(u) = unique_call(m, n) {
                            unique.push(u);
                        }
                    }
                    break;
                }
                _ => {}
            }
            let Some(p) = n.parent() else { break };
            n = p;
        }
    }
    unique.sort_by_key(|u| u.line);
    ConfigDoc {
        unique,
        ..ConfigDoc::empty(kind)
    }
}

/// The next `unique`/`Unique` in `text`.
fn find_unique(text: &str) -> Option<usize> {
    let lower = text.find("unique");
    let upper = text.find("Unique");
    match (lower, upper) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `email: { type: …, unique: true }`: the column whose options make it unique.
fn unique_column_option(m: &Model, pair: Node) -> Option<UniqueConstraint> {
    let key = pair.field("key").map(|k| unquote(m.text(k)));
    let value = pair.field("value").map(|v| m.text(v));
    if key != Some("unique") || value != Some("true") {
        return None;
    }
    let column = pair
        .parent()
        .and_then(|object| object.parent())
        .filter(|p| p.kind_name() == "pair")
        .and_then(|p| p.field("key"))
        .map(|k| unquote(m.text(k)).to_string())?;
    Some(UniqueConstraint {
        table: enclosing_table(m, pair),
        columns: vec![column],
        line: pair.start_position().row + 1,
    })
}

/// A call that makes columns unique, with the columns it names.
fn unique_call(m: &Model, call: Node) -> Option<UniqueConstraint> {
    let callee = call.field("function").map(|f| m.text(f)).unwrap_or("");
    let name = callee.rsplit(['.', ':']).next().unwrap_or(callee);
    let args = call.field("arguments")?;
    let named_unique = name.to_ascii_lowercase().contains("unique");
    let mut flagged = named_unique;
    let mut lists = Vec::new();
    let mut strings = Vec::new();
    let mut table = None;
    for a in named_children(args) {
        match a.kind_name() {
            "keyword_argument" => {
                let key = a.field("name").map(|n| m.text(n)).unwrap_or("");
                let value = a.field("value");
                match key {
                    "unique" => flagged |= value.is_some_and(|v| m.text(v) == "True"),
                    "fields" | "columns" | "unique_together" => {
                        lists.extend(value.map(|v| identifiers(m, v)).unwrap_or_default())
                    }
                    "model_name" => table = value.map(|v| unquote(m.text(v)).to_string()),
                    _ => {}
                }
            }
            "object" => {
                for p in named_children(a).filter(|p| p.kind_name() == "pair") {
                    let key = p.field("key").map(|k| unquote(m.text(k))).unwrap_or("");
                    let value = p.field("value").map(|v| unquote(m.text(v))).unwrap_or("");
                    match key {
                        "unique" => flagged |= value == "true",
                        "type" => flagged |= value.eq_ignore_ascii_case("unique"),
                        "fields" => lists.extend(
                            p.field("value")
                                .map(|v| identifiers(m, v))
                                .unwrap_or_default(),
                        ),
                        _ => {}
                    }
                }
            }
            "list" | "tuple" | "set" | "array" => lists.extend(identifiers(m, a)),
            "string" => strings.extend(identifier(m, a)),
            _ => {}
        }
    }
    if !flagged {
        return None;
    }
    let columns = if !lists.is_empty() {
        // `op.create_unique_constraint(name, table, [cols])`, `addIndex(table, [cols], …)`.
        if table.is_none() && strings.len() >= 2 {
            table = Some(strings[1].clone());
        } else if table.is_none() && strings.len() == 1 && !named_unique {
            table = Some(strings[0].clone());
        }
        lists
    } else if !strings.is_empty() {
        // `sa.Column("email", …, unique=True)`, `UniqueConstraint("a", "b")`.
        strings
    } else {
        // Django: `("email", models.EmailField(unique=True))`, or
        // `AddField(model_name=…, name="email", field=models.EmailField(unique=True))`.
        let parent = call.parent()?;
        match parent.kind_name() {
            "tuple" => named_children(parent)
                .next()
                .and_then(|n| identifier(m, n))
                .into_iter()
                .collect(),
            "keyword_argument" => {
                let outer = parent.parent()?;
                named_children(outer)
                    .filter(|k| k.kind_name() == "keyword_argument")
                    .find(|k| k.field("name").is_some_and(|n| m.text(n) == "name"))
                    .and_then(|k| k.field("value"))
                    .and_then(|v| identifier(m, v))
                    .into_iter()
                    .collect()
            }
            _ => Vec::new(),
        }
    };
    if columns.is_empty() {
        return None;
    }
    Some(UniqueConstraint {
        table: table.or_else(|| enclosing_table(m, call)),
        columns,
        line: call.start_position().row + 1,
    })
}

/// Operations whose first string (or `model_name=`, or `name=` for the ones
/// marked) names the table the nested columns belong to.
const TABLE_OPERATIONS: &[(&str, bool)] = &[
    ("create_table", false),
    ("createTable", false),
    ("add_column", false),
    ("addColumn", false),
    ("changeColumn", false),
    ("alter_column", false),
    ("CreateModel", true),
    ("AddField", false),
    ("AlterField", false),
    ("AddConstraint", false),
    ("AlterUniqueTogether", true),
];

/// The table a nested unique column belongs to: the operation it is an
/// argument of (`op.create_table("users", sa.Column(…, unique=True))`,
/// `migrations.AddField(model_name="user", …)`), or the model class it is
/// declared in (`__tablename__ = "plugin"`).
fn enclosing_table(m: &Model, node: Node) -> Option<String> {
    let mut n = node;
    for step in 0..8 {
        // The operation itself first (`AlterUniqueTogether(name="customer", …)`).
        if step > 0 || !matches!(n.kind_name(), "call" | "call_expression") {
            n = n.parent()?;
        }
        match n.kind_name() {
            "call" | "call_expression" => {
                let callee = n.field("function").map(|f| m.text(f)).unwrap_or("");
                let name = callee.rsplit(['.', ':']).next().unwrap_or(callee);
                let Some(&(_, by_name)) = TABLE_OPERATIONS.iter().find(|(op, _)| *op == name)
                else {
                    continue;
                };
                let args = n.field("arguments")?;
                let kwarg = |key: &str| {
                    named_children(args)
                        .filter(|a| a.kind_name() == "keyword_argument")
                        .find(|a| a.field("name").is_some_and(|k| m.text(k) == key))
                        .and_then(|a| a.field("value"))
                        .and_then(|v| identifier(m, v))
                };
                return kwarg("model_name")
                    .or_else(|| if by_name { kwarg("name") } else { None })
                    .or_else(|| named_children(args).find_map(|a| identifier(m, a)));
            }
            "class_definition" => {
                let body = n.field("body")?;
                let declared = named_children(body)
                    .filter_map(|s| s.named_child(0))
                    .filter(|a| a.kind_name() == "assignment")
                    .find(|a| {
                        a.field("left")
                            .is_some_and(|l| m.text(l) == "__tablename__")
                    })
                    .and_then(|a| a.field("right"))
                    .and_then(|v| identifier(m, v));
                if declared.is_some() {
                    return declared;
                }
            }
            _ => {}
        }
    }
    None
}

/// A string literal naming an identifier (a column or table).
fn identifier(m: &Model, node: Node) -> Option<String> {
    if !node.kind_name().contains("string") {
        return None;
    }
    let s = unquote(m.text(node));
    let ok = !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !s.as_bytes()[0].is_ascii_digit();
    ok.then(|| s.to_string())
}

/// The identifiers in a list, tuple or set, one level of nesting deep
/// (`unique_together = {("a", "b")}`).
fn identifiers(m: &Model, node: Node) -> Vec<String> {
    let mut out: Vec<String> = identifier(m, node).into_iter().collect();
    for c in named_children(node) {
        out.extend(identifier(m, c));
        if matches!(c.kind_name(), "list" | "tuple" | "set" | "array") {
            out.extend(named_children(c).filter_map(|n| identifier(m, n)));
        }
    }
    out
}
