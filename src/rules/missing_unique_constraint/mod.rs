//! IDM004 missing-unique-constraint.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::FrameKind;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct MissingUniqueConstraint;

static META: Meta = Meta {
    id: "IDM004",
    name: "missing-unique-constraint",
    pillar: Pillar::Idempotency,
    severity: Severity::Low,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Ts, Family::Java, Family::Go],
    refs: &["000"],
    title: "Natural key has no unique constraint",
    preview: true,
    docs: Docs {
        what: "Flags ORM model fields whose name marks a natural key — `email`, `username`, \
`slug`, `external_id`, `*_external_id`, `idempotency_key`, `stripe_*_id`, `sku` — declared without \
`unique=True` (SQLAlchemy `Column`/`mapped_column`, Django fields) or TypeORM \
`@Column({ unique: true })`, and not covered by a unique constraint or index in the model \
(`UniqueConstraint(...)`, `Index(..., unique=True)`, `unique_together`, `@Unique(...)`). \
`email` and `username` are natural keys of identity models (`User`, `Account`, `Customer`, \
`Member`, `Profile`…); on an order, checkout or warehouse they are contact data and are not \
flagged. Abstract Django models are left to their concrete subclasses. A unique constraint or index that a migration creates on a column of that name (Alembic \
`op.create_unique_constraint`/`create_index(..., unique=True)`/`unique=True` columns, Django \
`unique=True` fields, `UniqueConstraint`, `unique_together`, Sequelize/Knex `addIndex(..., \
{ unique: true })`, `unique: true` columns) counts, composite ones included.\n\nOnly a column the \
project looks a single row up by is a key: a filter on it before `.one_or_none()`, `.first()`, \
a Django manager's or queryset's `.get(…)`, `get_or_create(…)`, `findOne`/`findUnique`/`findFirst`, \
gorm's `.First`/`.Take`, or a `findByEmail`-style repository method. A lookup that names its \
model (`Signal.external_id == x`, `Customer.objects.get(username=…)`, gorm's \
`FindOneUser(&UserModel{Username: u})`) makes the column a key of that model only; in Python \
only such lookups count (narrowed: on real code a Python filter that does not say its model, \
`filter(external_id=…)` on a query built elsewhere, matched a same-named column of another model \
more often than not). A natural-key name nothing looks up by (an optional external reference, \
contact data, a cache) is not flagged.",
        why: "Application checks (`if not exists: insert`) race: two requests, two retries or two \
workers pass the check together and both insert. The database's unique index is the only check \
that holds under concurrency; without it, duplicates are a matter of time.",
        example: "class User(Base):\n    __tablename__ = \"users\"\n    id = Column(Integer, primary_key=True)\n    email = Column(String, nullable=False)",
        use_instead: "class User(Base):\n    __tablename__ = \"users\"\n    id = Column(Integer, primary_key=True)\n    email = Column(String, nullable=False, unique=True)",
    },
};

fn is_natural_key(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(
        n.as_str(),
        "email"
            | "username"
            | "slug"
            | "external_id"
            | "externalid"
            | "idempotency_key"
            | "idempotencykey"
            | "sku"
    ) || n.ends_with("_external_id")
        || (n.starts_with("stripe_") && n.ends_with("_id"))
}

/// The class around the field, for model-level constraints.
fn class_text<'t>(cx: &Cx<'_, 't>, node: Node<'t>) -> &'t str {
    let mut n = node;
    for _ in 0..8 {
        match n.parent() {
            Some(p)
                if matches!(
                    p.kind_name(),
                    "class_definition" | "class_declaration" | "class" | "type_spec"
                ) =>
            {
                return cx.text(p)
            }
            Some(p) => n = p,
            None => break,
        }
    }
    ""
}

/// The declaration of field `name` in a class's text: its line and the lines
/// indented under it (`username = models.CharField(\n    unique=True,\n)`).
fn declaration_of<'a>(class: &'a str, name: &str) -> Option<&'a str> {
    let mut offset = 0;
    let mut start = None;
    let mut indent = 0;
    for line in class.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let this_indent = line.len() - trimmed.len();
        match start {
            None => {
                let rest = trimmed.strip_prefix(name).map(str::trim_start);
                if rest.is_some_and(|r| r.starts_with('=') || r.starts_with(':')) {
                    start = Some(offset);
                    indent = this_indent;
                }
            }
            Some(s)
                if !trimmed.is_empty() && this_indent <= indent && !trimmed.starts_with(')') =>
            {
                return Some(&class[s..offset]);
            }
            Some(_) => {}
        }
        offset += line.len();
    }
    start.map(|s| &class[s..])
}

/// The model's table as [`crate::facts::table_key`]: its declared name
/// (`__tablename__ = "x"`, `@Table(name = "x")`, `tableName: "x"`), else the
/// class or struct name.
fn model_table(class: &str) -> Option<String> {
    for marker in ["__tablename__", "@Table(name", "tableName"] {
        if let Some(at) = class.find(marker) {
            let rest = &class[at + marker.len()..];
            let rest = rest.trim_start_matches([' ', '=', ':', '\t']);
            if let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                if let Some(name) = rest[1..].split(q).next() {
                    return Some(crate::facts::table_key(name));
                }
            }
        }
    }
    let key = class_key(class);
    (!key.is_empty()).then_some(key)
}

/// The model class's name as a [`crate::facts::table_key`]: what a lookup
/// that names the class (`Signal.external_id == x`) is matched by.
fn class_key(class: &str) -> String {
    let after = class.split_once("class ").map_or(class, |(_, rest)| rest);
    let name: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    crate::facts::table_key(&name)
}

impl Rule for MissingUniqueConstraint {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Field]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // A class attribute, not a local variable (Go struct fields have no frame).
        let in_class =
            cx.m.frames_up(cx.frame)
                .next()
                .is_some_and(|f| f.kind == FrameKind::Class);
        if cx.m.lang != Lang::Go && !in_class {
            return;
        }
        let (name, declaration) = match cx.m.lang {
            Lang::Python => {
                let Some(left) = node.field("left").filter(|l| l.kind_name() == "identifier")
                else {
                    return;
                };
                let Some(right) = node.field("right").filter(|r| r.kind_name() == "call") else {
                    return;
                };
                let callee = cx.text(right.field("function").unwrap_or(right));
                // An ORM column: SQLAlchemy's (`Column`, `mapped_column`, Flask-
                // SQLAlchemy's `db.Column`), not a table widget's (`tables.Column`).
                let sqlalchemy = matches!(cx.callee_name(right), "Column" | "mapped_column")
                    && (callee.starts_with("db.")
                        || cx.call(right).is_some_and(|c| {
                            c.target
                                .as_deref()
                                .is_some_and(|t| t.starts_with("sqlalchemy"))
                        }));
                let orm =
                    sqlalchemy || (callee.starts_with("models.") && callee.ends_with("Field"));
                if !orm {
                    return;
                }
                (cx.text(left), cx.text(right))
            }
            Lang::Java => {
                // A JPA column: `@Column(...) private String email;`
                let text = cx.text(node);
                let Some(name) = node.field("declarator").and_then(|d| d.field("name")) else {
                    return;
                };
                if !text.contains("@Column") || text.contains("@Id") || text.contains("@NaturalId")
                {
                    return;
                }
                (cx.text(name), text)
            }
            Lang::Go => {
                // A GORM model field: `Email string `gorm:"…"``
                let (Some(tag), Some(name)) = (node.field("tag"), node.field("name")) else {
                    return;
                };
                let tag = cx.text(tag);
                // GORM spells it `unique`, `uniqueIndex` (v2) or `unique_index` (v1).
                if !tag.contains("gorm:") || tag.to_ascii_lowercase().contains("unique") {
                    return;
                }
                (cx.text(name), tag)
            }
            _ => {
                let Some(prop) = node.field("name") else {
                    return;
                };
                let text = cx.text(node);
                if !text.contains("@Column") {
                    return;
                }
                (cx.text(prop), text)
            }
        };
        if !is_natural_key(name) {
            return;
        }
        // A migration's model classes are snapshots of a past schema.
        if crate::model::migrations::kind(cx.project_path, cx.m).is_some() {
            return;
        }
        let compact: String = declaration.split_whitespace().collect();
        if compact.contains("unique=True")
            || compact.contains("unique:true")
            || compact.contains("unique=true")
            || compact.contains("uniqueIndex")
            || compact.contains("unique;")
            || compact.contains("unique\"")
            || compact.contains("primary_key=True")
            || compact.contains("primaryKey")
            || compact.contains("PrimaryColumn")
        {
            return;
        }
        // A model-level unique constraint or index naming the field.
        let class = class_text(cx, node);
        // An abstract Django model: the concrete models declare the constraints.
        let flat: String = class.split_whitespace().collect();
        if flat.contains("abstract=True") {
            return;
        }
        // An email or username identifies an account; on an order, a checkout
        // or a warehouse it is contact data that repeats.
        // One unique identity key is enough: with `username` unique, `email` is
        // contact data (and the other way round).
        if matches!(name.to_ascii_lowercase().as_str(), "email" | "username") {
            let other = if name.eq_ignore_ascii_case("email") {
                "username"
            } else {
                "email"
            };
            let declares_other_unique = declaration_of(class, other).is_some_and(|d| {
                let d: String = d.split_whitespace().collect();
                d.contains("unique=True") || d.contains("unique:true")
            });
            if declares_other_unique {
                return;
            }
        }
        if matches!(name.to_ascii_lowercase().as_str(), "email" | "username") && !class.is_empty() {
            // `class User(Base):`, `@Entity class User`, Go's `User struct {…}`.
            let model = class
                .split_once("class ")
                .map_or(class, |(_, rest)| rest)
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            const IDENTITY: &[&str] = &[
                "user",
                "account",
                "customer",
                "member",
                "profile",
                "subscriber",
                "person",
                "login",
                "identity",
                "admin",
                "staff",
                "employee",
                "tenant",
                "principal",
            ];
            if !IDENTITY.iter().any(|w| model.contains(w)) {
                return;
            }
        }
        let quoted = [format!("\"{name}\""), format!("'{name}'")];
        let constrained = [
            "UniqueConstraint",
            "uniqueConstraints",
            "unique_together",
            "unique=True",
            "@Unique",
            "@Index",
        ]
        .iter()
        .any(|k| {
            class
                .lines()
                .any(|l| l.contains(k) && quoted.iter().any(|q| l.contains(q.as_str())))
        });
        if constrained {
            return;
        }
        out.push(Diag::new(
            node,
            format!("`{name}` looks like a natural key but has no unique constraint or index."),
            "Existence checks in code race under concurrency and retries: two requests or two workers pass the check together and both insert, leaving duplicate accounts or records.",
            format!("Declare it unique (`unique=True`, `@Column({{ unique: true }})`) or add a unique index on `{name}` in a migration, and handle the conflict error."),
        )
        // A migration may create the index the model does not declare; and a
        // column no code looks a row up by is not used as a key.
        .unless(crate::facts::Unless::Any(vec![
            crate::facts::Unless::UniqueColumn(
                model_table(class_text(cx, node)),
                crate::facts::column_key(name),
            ),
            // Python queries name their model (`Tag.external_id == x`,
            // `Tag.objects.get(…)`); one that does not filters some other model.
            if cx.m.lang == crate::lang::Lang::Python {
                crate::facts::Unless::NeverLookedUpOn(
                    class_key(class_text(cx, node)),
                    crate::facts::column_key(name),
                )
            } else {
                crate::facts::Unless::NeverLookedUp(
                    class_key(class_text(cx, node)),
                    crate::facts::column_key(name),
                )
            },
        ])));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // A table widget's column is not a model field; with `username`
            // unique, `email` is contact data; a migration's model is a snapshot.
            Case::new(
                "users/tables.py",
                r#"
import django_tables2 as tables

class UserTable(tables.Table):
    username = tables.Column(linkify=True)
"#,
            ),
            Case::new(
                "users/models.py",
                r#"
from django.db import models

class User(models.Model):
    username = models.CharField(
        max_length=150,
        unique=True,
    )
    email = models.EmailField(blank=True)
"#,
            ),
            Case::new(
                "alembic/versions/0007_backfill.py",
                r#"
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()

class Organization(Base):
    __tablename__ = "organization"
    id = Column(Integer, primary_key=True)
    slug = Column(String)
"#,
            ),
            // A migration creates the unique index the model does not declare.
            Case::new(
                "server/user.entity.ts",
                r#"
import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
import express from 'express';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() externalId: string;
  @Column() email: string;
}

@Entity()
export class Team {
  @PrimaryGeneratedColumn() id: number;
  @Column() slug: string;
}

@Entity()
export class Collection {
  @PrimaryGeneratedColumn() id: number;
  @Column() slug: string;  // expect: IDM004
}

export const bySlug = (slug: string) => collections.findOne({ where: { slug: slug } });
"#,
            )
            .with_file(
                "server/migrations/20240101-users.js",
                r#"
module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addIndex("users", ["authenticationProviderId", "externalId"], { unique: true });
    await queryInterface.createTable("users", { email: { type: Sequelize.STRING, unique: true } });
    await queryInterface.createTable("teams", { slug: { type: Sequelize.STRING, unique: true } });
  },
};
"#,
            ),
            // A lookup that names its model counts for that model only: `Signal`'s
            // external ID is a key, `Tag`'s is not; a Django lookup names it too;
            // `.get(` fetches a row only on a manager or queryset.
            Case::new(
                "app/signals/models.py",
                r#"
from sqlalchemy import Column, Integer, String
from django.db import models

class Signal(Base):
    id = Column(Integer, primary_key=True)
    external_id = Column(String)  # expect: IDM004

class Tag(Base):
    id = Column(Integer, primary_key=True)
    external_id = Column(String)

class Customer(models.Model):
    username = models.CharField(max_length=40)  # expect: IDM004

class Team(models.Model):
    username = models.CharField(max_length=40)
"#,
            )
            .with_file(
                "app/signals/service.py",
                r#"
def get_signal(db, external_id):
    return db.query(Signal).filter(Signal.external_id == external_id).one_or_none()

def get_customer(name):
    return Customer.objects.get(username=name)

def sync(plugin, source):
    # A plugin's `get`, not a row fetch: no model is looked up by it.
    return plugin.instance.get(external_id=source.external_id)
"#,
            ),
            Case::new(
                "app/models.py",
                r#"
from sqlalchemy import Column, Integer, String

class User(Base):
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)
    username = Column(String)  # expect: IDM004

def by_name(db, name):
    return db.query(User).filter(User.username == name).one_or_none()
"#,
            )
            .with_file(
                "alembic/versions/0001_users.py",
                r#"
from alembic import op
import sqlalchemy as sa

def upgrade():
    op.create_unique_constraint("uq_users_email", "users", ["email"])
    op.create_table("accounts", sa.Column("slug", sa.String(), unique=False))
"#,
            ),
            Case::new(
                "shop/models.py",
                r#"
from django.db import models

class Customer(models.Model):
    email = models.EmailField()
    username = models.CharField(max_length=40)
"#,
            )
            .with_file(
                "shop/migrations/0002_customer.py",
                r#"
from django.db import migrations, models

class Migration(migrations.Migration):
    operations = [
        migrations.AddField(model_name="customer", name="email", field=models.EmailField(unique=True)),
        migrations.AlterUniqueTogether(name="customer", unique_together={("username", "shop")}),
    ]
"#,
            ),
            Case::new(
                "app/models.py",
                r#"
from sqlalchemy import Column, Integer, String
from django.db import models

class User(Base):
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)  # expect: IDM004
    stripe_customer_id = Column(String)  # expect: IDM004

class Product(models.Model):
    sku = models.CharField(max_length=32)  # expect: IDM004
    name = models.CharField(max_length=200)

def lookups(e, c, s):
    return (
        User.query.filter_by(email=e).first(),
        User.query.filter_by(stripe_customer_id=c).first(),
        Product.objects.get(sku=s),
    )
"#,
            ),
            Case::new(
                "svc/order.go",
                r#"
package svc

type Order struct {
	ID    uint
	Email string `gorm:"size:255"`
}
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
from django.db import models

class Checkout(models.Model):
    email = models.EmailField(blank=True, null=True)

class SeoTranslation(models.Model):
    slug = models.SlugField(max_length=255)

    class Meta:
        abstract = True

from sqlalchemy import Column, Integer, String, UniqueConstraint

class User(Base):
    __table_args__ = (UniqueConstraint('username', name='uq_username'),)
    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True)
    username = Column(String)

def f():
    email = Column(String)
"#,
            ),
            Case::new(
                "server/user.entity.ts",
                r#"
import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
import express from 'express';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;  // expect: IDM004
}

export const byEmail = (email: string) => users.findOne({ where: { email: email } });
"#,
            ),
            Case::new(
                "src/main/java/app/User.java",
                r#"
package app;

@Entity
class User {
  @Id private Long id;
  @Column(nullable = false)  // expect: IDM004
  private String email;
}

interface UserRepository extends JpaRepository<User, Long> {
  Optional<User> findByEmail(String email);
}
"#,
            ),
            Case::new(
                "src/main/java/app/Ok.java",
                r#"
package app;

@Entity
@Table(uniqueConstraints = @UniqueConstraint(columnNames = {"username"}))
class Ok {
  @Column(nullable = false, unique = true)
  private String email;
  @Column private String username;
  @Column private String name;
}
"#,
            ),
            Case::new(
                "svc/models.go",
                r#"
package svc

type User struct {
	ID    uint
	Email string `gorm:"size:255;not null"`  // expect: IDM004
}

func ByEmail(db *gorm.DB, e string) (u User, err error) {
	err = db.Where("email = ?", e).First(&u).Error
	return
}
"#,
            ),
            // Python: only a lookup that names its model makes the column that
            // model's key; `filter_by(external_id=…)` on a query built elsewhere
            // says nothing about `Source`.
            Case::new(
                "app/signals.py",
                r#"
from sqlalchemy import Column, Integer, String

class Source(Base):
    id = Column(Integer, primary_key=True)
    external_id = Column(String)

class Signal(Base):
    id = Column(Integer, primary_key=True)
    external_id = Column(String)  # expect: IDM004

def get_signal(db, ext):
    return db.query(Signal).filter(Signal.external_id == ext).one_or_none()

def get_instance(query, ext):
    return query.filter_by(external_id=ext).first()
"#,
            ),
            // A natural-key name nothing looks a row up by: an optional reference.
            Case::new(
                "app/tags.py",
                r#"
from sqlalchemy import Column, Integer, String

class Tag(Base):
    id = Column(Integer, primary_key=True)
    external_id = Column(String, nullable=True)

def by_name(db, name):
    return db.query(Tag).filter(Tag.name == name).one_or_none()
"#,
            ),
            Case::new(
                "svc/ok.go",
                r#"
package svc

type User struct {
	ID    uint
	Email string `gorm:"uniqueIndex;size:255"`
	Slug  string `gorm:"unique"`
	SKU   string `gorm:"column:sku;unique_index"`
	Name  string `gorm:"size:255"`
}
"#,
            ),
            Case::new(
                "server/ok.entity.ts",
                r#"
import { Entity, Column } from 'typeorm';
import express from 'express';

@Entity()
export class User {
  @Column({ unique: true }) email: string;
  @Column() name: string;
}
"#,
            ),
        ]
    }
}
