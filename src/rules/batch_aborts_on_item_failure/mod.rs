//! RES009 batch-aborts-on-item-failure.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::fields::Field;
use crate::semantic::{descendants, writes};
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
    docs: Docs {
        what: "Flags a loop over a collection that, per item, makes an outbound call or a write, \
inside background work (as RES002) or a function whose name says batch/bulk/sync/import/\
process_all/crawl, when one item's exception ends the whole loop: there is no try/except inside \
the loop body around the per-item work. Of nested qualifying loops only the outermost is reported.",
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

/// The loop's per-item work: an outbound call or a write.
fn per_item_work<'t>(cx: &Cx<'_, 't>, body: Node<'t>) -> Option<Node<'t>> {
    descendants(body).find(|d| {
        matches!(d.kind(), "call" | "call_expression" | "method_invocation") && {
            let name = cx.callee_name(*d);
            // An HTTP verb on a client (`requests.get`, `client.delete`), not a
            // dict's `.get(key)` or Go's builtin `delete(m, k)` on a map.
            let on_client = d.field("function").is_none_or(|f| {
                cx.text(f).rsplit_once('.').is_some_and(|(receiver, _)| {
                    let r = receiver.to_ascii_lowercase();
                    [
                        "requests", "httpx", "http", "client", "session", "axios", "api", "aiohttp",
                    ]
                    .iter()
                    .any(|w| r.contains(w))
                })
            });
            (matches!(name, "get" | "post" | "put" | "patch" | "delete") && on_client)
                || matches!(name, "request" | "urlopen")
                || cx
                    .m
                    .call(*d, None)
                    .is_some_and(|c| writes::write_kind(cx.m, &c).is_some())
        }
    })
}

impl Rule for BatchAbortsOnItemFailure {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self, lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Python | Lang::Go => &["for_statement"],
            Lang::TypeScript | Lang::JavaScript => &["for_in_statement"],
            Lang::Java => &["enhanced_for_statement"],
            _ => &[],
        }
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // A migration stops on the first failure by design: it runs in a
        // transaction and is re-run whole.
        if cx.path.contains("/migrations/") || cx.path.starts_with("migrations/") {
            return;
        }
        let Some(f) = cx.function() else { return };
        let name = f.name.to_ascii_lowercase();
        let job_annotation = f.decorators.iter().any(|d| {
            let d = d.to_ascii_lowercase();
            d.starts_with("scheduled") || d.contains("listener")
        });
        let batch = job_annotation
            || BATCH_WORDS.iter().any(|w| name.contains(w))
            || contexts::background(cx, f).is_some();
        if !batch || cx.in_try_body() {
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
                    crate::semantic::named_children(node).find(|c| c.kind() == "range_clause")
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
                d.kind() == "if_statement"
                    && d.field("condition")
                        .is_some_and(|c| cx.text(c).replace(' ', "").ends_with("err!=nil"))
                    && d.field("consequence").is_some_and(|b| {
                        let t = cx.text(b);
                        t.contains("return") && !t.contains("continue")
                    })
            }),
            _ => !descendants(body).any(|d| d.kind() == "try_statement"),
        };
        if !aborts {
            return;
        }
        let Some(work) = per_item_work(cx, body) else {
            return;
        };
        // Only the outermost qualifying loop.
        let mut p = node.parent();
        while let Some(a) = p.filter(|a| a.id() != f.node.id()) {
            if a.kind() == node.kind() {
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
            Case::fail(
                "app/tasks.py",
                "import requests\nfrom celery import shared_task\n\n@shared_task\ndef push_all(ids):\n    for i in ids:\n        requests.post(URL, json={'id': i}, timeout=10)\n\ndef sync_customers(rows):\n    for row in rows:\n        for tag in row.tags:\n            Tag.objects.create(name=tag)\n",
                &[6, 10],
            ),
            Case::pass(
                "app/lists.py",
                "from celery import shared_task\n\n@shared_task\ndef sync_all(records, totals):\n    pending = list(records)\n    for record in records:\n        total = totals.get(record.id, 0)\n        objects_enumerated.remove((record.id, total))\n",
            ),
            Case::pass(
                "app/migrations/0042_backfill.py",
                "def backfill(apps, schema_editor):\n    Order = apps.get_model('orders', 'Order')\n    for order in Order.objects.all():\n        order.total = order.net + order.tax\n        order.save()\n",
            ),
            Case::pass(
                "app/ok.py",
                "import requests\nfrom celery import shared_task\n\n@shared_task\ndef push_all(ids):\n    for i in ids:\n        try:\n            requests.post(URL, json={'id': i}, timeout=10)\n        except requests.RequestException:\n            log.exception('push failed', extra={'id': i})\n\ndef render(rows):\n    for row in rows:\n        Tag.objects.create(name=row)\n",
            ),
            Case::fail(
                "svc/sync.go",
                "package svc\n\nfunc SyncCustomers(ids []string) error {\n\tfor _, id := range ids {\n\t\tif _, err := db.Exec(\"UPDATE customers SET synced = true WHERE id = $1\", id); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n",
                &[4],
            ),
            Case::pass(
                "svc/sync_ok.go",
                "package svc\n\nfunc SyncCustomers(ids []string) {\n\tfor _, id := range ids {\n\t\tif _, err := db.Exec(\"UPDATE customers SET synced = true WHERE id = $1\", id); err != nil {\n\t\t\tlog.Printf(\"sync %s: %v\", id, err)\n\t\t\tcontinue\n\t\t}\n\t}\n}\n",
            ),
            Case::pass(
                "svc/plan.go",
                "package svc\n\nfunc Assign(plan map[string][]string, members map[string]Meta, req *SyncRequest) error {\n\tfor id, topics := range plan {\n\t\tif err := req.AddMember(id, topics); err != nil {\n\t\t\treturn err\n\t\t}\n\t\tdelete(members, id)\n\t}\n\treturn nil\n}\n",
            ),
            Case::fail(
                "server/import.ts",
                "import express from 'express';\n\nexport async function importOrders(rows: Row[]) {\n  for (const row of rows) {\n    await prisma.order.create({ data: row });\n  }\n}\n",
                &[4],
            ),
            Case::pass(
                "server/import_ok.ts",
                "import express from 'express';\n\nexport async function importOrders(rows: Row[]) {\n  for (const row of rows) {\n    try {\n      await prisma.order.create({ data: row });\n    } catch (err) {\n      logger.warn({ err, row }, 'import failed');\n    }\n  }\n}\n",
            ),
            Case::fail(
                "src/main/java/app/Nightly.java",
                "package app;\n\nclass Nightly {\n  @Scheduled(cron = \"0 0 2 * * *\")\n  void reconcile() {\n    for (Order o : orders.findOpen()) {\n      orderRepository.save(o.reconciled());\n    }\n  }\n}\n",
                &[6],
            ),
            Case::pass(
                "src/main/java/app/NightlyOk.java",
                "package app;\n\nclass NightlyOk {\n  @Scheduled(cron = \"0 0 2 * * *\")\n  void reconcile() {\n    for (Order o : orders.findOpen()) {\n      try {\n        orderRepository.save(o.reconciled());\n      } catch (Exception e) {\n        log.warn(\"reconcile failed for {}\", o.id(), e);\n      }\n    }\n  }\n}\n",
            ),
        ]
    }
}
