//! RES009 batch-aborts-on-item-failure.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::model::writes;
use crate::semantic::descendants;
use crate::semantic::fields::Field;
use crate::semantic::Event;
use crate::semantic::KindName as _;
use tree_sitter::Node;

pub struct BatchAbortsOnItemFailure;

static META: Meta = Meta {
    id: "RES009",
    name: "batch-aborts-on-item-failure",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts, Family::Java],
    refs: &["F5", "TEST-RR-P01", "TEST-RR-SL02"],
    title: "One failing item aborts the whole batch",
    preview: true,
    docs: Docs {
        what: "Flags a loop over a collection that, per item, makes an outbound call or a write, \
inside background work (as RES002) or a function whose name says batch/bulk/sync/import/\
process_all/crawl (a function of its own, not a method, a request handler or code inside a \
transaction it opens: there, one item's failure aborting the whole operation is the consistent \
outcome), when one item's exception ends the whole loop: there is no try/except inside \
the loop body around the per-item work. An outbound call is an HTTP request as the interaction \
model defines it for every rule (a client of the table, an HTTP library, or an HTTP verb on a \
client-named receiver — not a map's `get`/`put`). Not flagged: a retry loop, or a loop over \
attempts (`for attempt, delay in enumerate(retry_schedule)`). Of nested qualifying loops only the \
outermost is reported.",
        why: "A batch is only as strong as its worst item: one malformed record or one failing \
call at item 3 of 10,000 aborts the run, the other 9,997 are never processed, and the next run \
fails at the same place again.",
        example: "@shared_task\ndef sync_all(ids):\n    for i in ids:\n        push(load(i))",
        use_instead: "@shared_task\ndef sync_all(ids):\n    failed = []\n    for i in ids:\n        try:\n            push(load(i))\n        except Exception:\n            logger.exception(\"sync failed\", extra={\"id\": i})\n            failed.append(i)\n    if failed:\n        retry_later(failed)",
    },
};

const BATCH_WORDS: &[&str] = &[
    "batch",
    "bulk",
    "sync",
    "import",
    "process_all",
    "crawl",
    "backfill",
    "migrate",
];

/// A method: part of an object's operation (a model's `sync_classes` run by its
/// `save`, a mutation's `_bulk_create`), whose caller decides what one item's
/// failure means. A batch job is a function of its own.
fn is_method(cx: &Cx, f: &crate::semantic::Function) -> bool {
    match cx.m.lang {
        Lang::Python => f
            .params
            .first()
            .is_some_and(|p| p.name == "self" || p.name == "cls"),
        Lang::Java | Lang::Kotlin => true,
        _ => matches!(
            f.node.kind_name(),
            "method_declaration" | "method_definition" | "method_signature"
        ),
    }
}

/// Inside a transaction the code opens (`with transaction.atomic():`,
/// `@transaction.atomic`, `session.begin()`, `db.transaction(…)`,
/// `@Transactional`): the batch is all-or-nothing by design.
fn in_transaction(cx: &Cx, node: Node) -> bool {
    const MARKERS: &[&str] = &[
        "atomic",
        "transaction",
        "Transactional",
        ".begin(",
        "begin_nested",
    ];
    if cx.function().is_some_and(|f| {
        f.decorators
            .iter()
            .any(|d| MARKERS.iter().any(|m| d.contains(m)))
    }) {
        return true;
    }
    let mut n = node;
    for _ in 0..32 {
        let Some(p) = n.parent() else { return false };
        if matches!(
            p.kind_name(),
            "with_statement" | "call" | "call_expression" | "method_invocation"
        ) {
            let head_end = p
                .field("body")
                .or_else(|| p.field("arguments"))
                .map_or(p.end_byte(), |b| b.start_byte());
            let head = cx.m.src.get(p.start_byte()..head_end).unwrap_or("");
            if MARKERS.iter().any(|m| head.contains(m)) {
                return true;
            }
        }
        if crate::semantic::is_function_kind(cx.m.lang, p.kind_name()) {
            return false;
        }
        n = p;
    }
    false
}

/// The loop's per-item work: an outbound call or a write.
fn per_item_work<'t>(cx: &Cx<'_, 't>, body: Node<'t>) -> Option<Node<'t>> {
    descendants(body).find(|d| {
        matches!(
            d.kind_name(),
            "call" | "call_expression" | "method_invocation"
        ) && {
            // An HTTP request (`requests.get`, `client.delete`), not a dict's
            // `.get(key)` or Go's builtin `delete(m, k)` on a map, or a write.
            crate::model::interaction::http_request(cx, *d).is_some()
                || cx
                    .m
                    .call(*d, None)
                    .is_some_and(|c| writes::write_kind(cx.m, &c).is_some())
        }
    })
}

/// Whether a loop's header (its variable or what it iterates) speaks of
/// attempts rather than items: `attempt`, `retry`, `tries`, `backoff`, `delays`.
fn iterates_attempts(cx: &Cx, node: Node) -> bool {
    let body_start = node
        .child_by_field_name("body")
        .map_or(node.end_byte(), |b| b.start_byte());
    let header =
        cx.m.src
            .get(node.start_byte()..body_start)
            .unwrap_or("")
            .to_ascii_lowercase();
    ["attempt", "retry", "retries", "tries", "backoff", "delays"]
        .iter()
        .any(|w| header.contains(w))
}

impl Rule for BatchAbortsOnItemFailure {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Each]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // A migration stops on the first failure by design: it runs in a
        // transaction and is re-run whole.
        if cx.project_path.contains("/migrations/") || cx.project_path.starts_with("migrations/") {
            return;
        }
        let Some(f) = cx.function() else { return };
        let name = f.name.to_ascii_lowercase();
        let job_annotation = f.decorators.iter().any(|d| {
            let d = d.to_ascii_lowercase();
            d.starts_with("scheduled") || d.contains("listener")
        });
        // A batch named as one counts outside a request: in a request, a
        // mutation or a model's save, aborting the whole operation on one
        // item's failure is the consistent outcome (often one transaction).
        let named = BATCH_WORDS.iter().any(|w| name.contains(w))
            && !is_method(cx, f)
            && !f.is_handler
            && cx.role() != crate::model::Role::Handler
            && !in_transaction(cx, node);
        let batch = job_annotation || named || contexts::background(cx, f).is_some();
        if !batch || cx.in_try_body() {
            return;
        }
        // A loop over attempts of one operation (`for attempt, delay in
        // enumerate(retry_schedule)`), or a retry loop, is not a batch of items.
        if crate::semantic::retry::analyze(cx.m, node).is_some() || iterates_attempts(cx, node) {
            return;
        }
        let lang = cx.m.lang;
        // A loop over a collection: not `for attempt in range(3)`, not Go's
        // three-clause `for`.
        let item = match lang {
            Lang::Python => {
                if node
                    .field("right")
                    .is_some_and(|r| cx.text(r).starts_with("range("))
                {
                    return;
                }
                node.field("left").map(|l| cx.text(l))
            }
            Lang::Go => {
                let Some(range) =
                    crate::semantic::named_children(node).find(|c| c.kind_name() == "range_clause")
                else {
                    return;
                };
                range
                    .field("left")
                    .map(|l| cx.text(l).rsplit(',').next().unwrap_or("").trim())
            }
            Lang::Java => node.field("name").map(|n| cx.text(n)),
            _ => node.field("left").map(|l| cx.text(l)),
        }
        .unwrap_or("item");
        let Some(body) = node.field("body") else {
            return;
        };
        let aborts = match lang {
            // Go: the first item error returns out of the whole loop.
            Lang::Go => descendants(body).any(|d| {
                d.kind_name() == "if_statement"
                    && d.field("condition")
                        .is_some_and(|c| cx.text(c).replace(' ', "").ends_with("err!=nil"))
                    && d.field("consequence").is_some_and(|b| {
                        let t = cx.text(b);
                        t.contains("return") && !t.contains("continue")
                    })
            }),
            _ => !descendants(body).any(|d| d.kind_name() == "try_statement"),
        };
        if !aborts {
            return;
        }
        let Some(work) = per_item_work(cx, body) else {
            return;
        };
        // Only the outermost qualifying loop.
        let mut p = cx.parent;
        while let Some(a) = p.filter(|a| a.id() != f.node.id()) {
            if a.kind_name() == node.kind_name() {
                return;
            }
            p = a.parent();
        }
        let how = if lang == Lang::Go {
            "returns on the first item error"
        } else {
            "runs with no try/catch around it"
        };
        out.push(Diag::new(
            node,
            format!("One failing `{item}` ends this loop in `{}`: `{}` (line {}) {how}.", f.name, cx.snippet(work, 40), work.start_position().row + 1),
            "One bad record or one failing call aborts the whole run: every item after it is never processed, and the next run stops at the same place.",
            "Handle failures per item: log the failure with the item's ID, collect it for a retry or a dead-letter list, and carry on with the rest.",
        ));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            Case::new(
                "app/tasks.py",
                r#"
import requests
from celery import shared_task

@shared_task
def push_all(ids):
    for i in ids:  # expect: RES009
        requests.post(URL, json={'id': i}, timeout=10)

def sync_customers(rows):
    for row in rows:  # expect: RES009
        for tag in row.tags:
            Tag.objects.create(name=tag)
"#,
            ),
            // Part of an object's operation, or one transaction: all or nothing
            // is the point.
            Case::new(
                "app/models.py",
                r#"
from django.db import models, transaction

class ScriptModule(models.Model):
    def sync_classes(self):
        for name in self.added:
            ScriptClass.objects.create(module=self, name=name)

def import_rows(rows):
    with transaction.atomic():
        for row in rows:
            Row.objects.create(**row)
"#,
            ),
            Case::new(
                "app/retrying.py",
                r#"
import asyncio
from celery import shared_task

@shared_task
async def sync_invoice(client, body):
    response = await client.post(URL, json=body)
    for attempt, delay in enumerate([1, 2, 4]):
        if response.status_code < 500:
            break
        await asyncio.sleep(delay)
        response = await client.post(URL, json=body)
    return response
"#,
            ),
            Case::new(
                "app/lists.py",
                r#"
from celery import shared_task

@shared_task
def sync_all(records, totals):
    pending = list(records)
    for record in records:
        total = totals.get(record.id, 0)
        objects_enumerated.remove((record.id, total))
"#,
            ),
            Case::new(
                "app/migrations/0042_backfill.py",
                r#"
def backfill(apps, schema_editor):
    Order = apps.get_model('orders', 'Order')
    for order in Order.objects.all():
        order.total = order.net + order.tax
        order.save()
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
import requests
from celery import shared_task

@shared_task
def push_all(ids):
    for i in ids:
        try:
            requests.post(URL, json={'id': i}, timeout=10)
        except requests.RequestException:
            log.exception('push failed', extra={'id': i})

def render(rows):
    for row in rows:
        Tag.objects.create(name=row)
"#,
            ),
            Case::new(
                "svc/sync.go",
                r#"
package svc

func SyncCustomers(ids []string) error {
	for _, id := range ids {  // expect: RES009
		if _, err := db.Exec("UPDATE customers SET synced = true WHERE id = $1", id); err != nil {
			return err
		}
	}
	return nil
}
"#,
            ),
            Case::new(
                "svc/sync_ok.go",
                r#"
package svc

func SyncCustomers(ids []string) {
	for _, id := range ids {
		if _, err := db.Exec("UPDATE customers SET synced = true WHERE id = $1", id); err != nil {
			log.Printf("sync %s: %v", id, err)
			continue
		}
	}
}
"#,
            ),
            Case::new(
                "svc/plan.go",
                r#"
package svc

func Assign(plan map[string][]string, members map[string]Meta, req *SyncRequest) error {
	for id, topics := range plan {
		if err := req.AddMember(id, topics); err != nil {
			return err
		}
		delete(members, id)
	}
	return nil
}
"#,
            ),
            Case::new(
                "server/import.ts",
                r#"
import express from 'express';

export async function importOrders(rows: Row[]) {
  for (const row of rows) {  // expect: RES009
    await prisma.order.create({ data: row });
  }
}
"#,
            ),
            Case::new(
                "server/import_ok.ts",
                r#"
import express from 'express';

export async function importOrders(rows: Row[]) {
  for (const row of rows) {
    try {
      await prisma.order.create({ data: row });
    } catch (err) {
      logger.warn({ err, row }, 'import failed');
    }
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/Nightly.java",
                r#"
package app;

class Nightly {
  @Scheduled(cron = "0 0 2 * * *")
  void reconcile() {
    for (Order o : orders.findOpen()) {  // expect: RES009
      orderRepository.save(o.reconciled());
    }
  }
}
"#,
            ),
            Case::new(
                "src/main/java/app/NightlyOk.java",
                r#"
package app;

class NightlyOk {
  @Scheduled(cron = "0 0 2 * * *")
  void reconcile() {
    for (Order o : orders.findOpen()) {
      try {
        orderRepository.save(o.reconciled());
      } catch (Exception e) {
        log.warn("reconcile failed for {}", o.id(), e);
      }
    }
  }
}
"#,
            ),
        ]
    }
}
