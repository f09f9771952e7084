//! RES009 batch-aborts-on-item-failure.

use super::contexts;
use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::{Family, Lang};
use crate::semantic::{descendants, writes};
use tree_sitter::Node;

pub struct BatchAbortsOnItemFailure;

static META: Meta = Meta {
    id: "RES009",
    name: "batch-aborts-on-item-failure",
    pillar: Pillar::Resilience,
    severity: Severity::Medium,
    scope: Scope::Backend,
    langs: &[Family::Py],
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
        d.kind() == "call" && {
            let name = cx.callee_name(*d);
            matches!(
                name,
                "get" | "post" | "put" | "patch" | "delete" | "request" | "urlopen"
            ) || cx
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
            Lang::Python => &["for_statement"],
            _ => &[],
        }
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        let Some(f) = cx.function() else { return };
        let name = f.name.to_ascii_lowercase();
        let batch =
            contexts::background(cx, f).is_some() || BATCH_WORDS.iter().any(|w| name.contains(w));
        if !batch || cx.in_try_body() {
            return;
        }
        // `for attempt in range(3)` is a retry loop, not a batch.
        if node
            .child_by_field_name("right")
            .is_some_and(|r| cx.text(r).starts_with("range("))
        {
            return;
        }
        let Some(body) = node.child_by_field_name("body") else {
            return;
        };
        if descendants(body).any(|d| d.kind() == "try_statement") {
            return;
        }
        let Some(work) = per_item_work(cx, body) else {
            return;
        };
        // Only the outermost qualifying loop.
        let mut p = node.parent();
        while let Some(a) = p.filter(|a| a.id() != f.node.id()) {
            if a.kind() == "for_statement" {
                return;
            }
            p = a.parent();
        }
        let item = node
            .child_by_field_name("left")
            .map(|l| cx.text(l))
            .unwrap_or("item");
        out.push(Diag::new(
            node,
            format!("One failing `{item}` ends this loop in `{}`: `{}` (line {}) runs with no try/except around it.", f.name, cx.snippet(work, 40), work.start_position().row + 1),
            "One bad record or one failing call aborts the whole run: every item after it is never processed, and the next run stops at the same place.",
            "Catch per item: log the failure with the item's ID, collect it for a retry or a dead-letter list, and carry on with the rest.",
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
                "app/ok.py",
                "import requests\nfrom celery import shared_task\n\n@shared_task\ndef push_all(ids):\n    for i in ids:\n        try:\n            requests.post(URL, json={'id': i}, timeout=10)\n        except requests.RequestException:\n            log.exception('push failed', extra={'id': i})\n\ndef render(rows):\n    for row in rows:\n        Tag.objects.create(name=row)\n",
            ),
        ]
    }
}
