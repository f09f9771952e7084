//! RES013 unbounded-polling-loop.

use super::{Case, Cx, Diag, Docs, Meta, Rule, Scope};
use crate::finding::{Pillar, Severity};
use crate::lang::Family;
use crate::semantic::retry;
use crate::semantic::Event;
use tree_sitter::Node;

pub struct UnboundedPollingLoop;

static META: Meta = Meta {
    id: "RES013",
    name: "unbounded-polling-loop",
    pillar: Pillar::Resilience,
    severity: Severity::Low,
    scope: Scope::Backend,
    langs: &[Family::Py, Family::Go, Family::Ts],
    refs: &["TEST-RR-SL01"],
    title: "Paging or polling loop has no iteration limit",
    preview: true,
    docs: Docs {
        what: "Flags a `while True`/`for {}`/`while (true)` loop that pages through or polls an \
outbound dependency (`next_page`, `has_more`, `cursor`, `next_token`, `NextToken`, `nextCursor`, \
`status != \"done\"`) and exits only on the data condition, with no maximum number of iterations and \
no deadline. Retry loops are RES005's. Not flagged in durable-workflow code (a Temporal workflow), whose loops wait on durable timers and signals the engine owns. Not flagged: a loop in a one-shot run (a program's `main`, a script), in library code, or \
in a generator, whose caller decides when to stop.",
        why: "The exit depends on the remote side behaving: an API that keeps returning the same \
cursor, a job that never reaches \"done\", a paging bug upstream — and the loop runs forever, \
holding a worker and hammering the dependency.",
        example: "while True:\n    page = client.list_orders(cursor=cursor)\n    handle(page.items)\n    if not page.has_more:\n        break\n    cursor = page.next_cursor",
        use_instead: "for _ in range(MAX_PAGES):\n    page = client.list_orders(cursor=cursor)\n    handle(page.items)\n    if not page.has_more:\n        break\n    cursor = page.next_cursor\nelse:\n    raise RuntimeError(\"paging did not finish\")",
    },
};

const PAGING: &[&str] = &[
    "next_page",
    "has_more",
    "hasMore",
    "has_next",
    "hasNext",
    "cursor",
    "next_token",
    "NextToken",
    "nextToken",
    "NextPageToken",
    "next_page_token",
    "nextPageToken",
    "nextCursor",
    "continuation",
    "IsTruncated",
    "\"done\"",
    "'done'",
    "\"completed\"",
    "'completed'",
    "\"pending\"",
    "'pending'",
    "\"running\"",
    "'running'",
    "[\"status\"]",
    "['status']",
    ".status ==",
    ".status !=",
    ".status ===",
    ".status !==",
    ".Status ==",
    ".Status !=",
];

/// Whether `word` occurs in `text` as something the loop tests: a status
/// literal must be compared (`status == "done"`), not merely sent
/// (`send({"type": "done"})`).
fn occurs_as_condition(text: &str, word: &str) -> bool {
    if !word.starts_with(['"', '\'']) {
        return text.contains(word);
    }
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].trim_end();
        let after = text[i + word.len()..].trim_start();
        ["==", "!=", " in", "case"]
            .iter()
            .any(|op| before.ends_with(op))
            || ["==", "!=", "&&", "||"]
                .iter()
                .any(|op| after.starts_with(op))
            || before.ends_with('(') && (before.ends_with("in (") || before.ends_with("includes("))
    })
}

impl Rule for UnboundedPollingLoop {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn events(&self) -> &'static [Event] {
        &[Event::Loop]
    }

    fn check<'t>(&self, cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
        // Durable-workflow code: the engine owns retries, timers and waits.
        if cx.role() == crate::model::Role::Workflow {
            return;
        }
        if !retry::is_infinite_loop(cx.m, node)
            || retry::analyze(cx.m, node).is_some()
            || retry::has_limit_check(cx.m, node)
        {
            return;
        }
        let text = cx.text(node);
        let Some(word) = PAGING.iter().find(|w| occurs_as_condition(text, w)) else {
            return;
        };
        // It must leave somewhere: a data condition.
        if !["break", "return"].iter().any(|k| text.contains(k)) {
            return;
        }
        // Who waits decides. A one-shot run shows a stuck loop to whoever runs
        // it; a library's pager, or a generator, is driven by its caller, who
        // stops when it has enough.
        if cx.role() == crate::model::Role::EntryPoint
            || cx.origin() == crate::model::Origin::Library
            || text.contains("yield")
        {
            return;
        }
        let head = cx.snippet(node, 200);
        let head = head
            .split(['{', ':'])
            .next()
            .unwrap_or(&head)
            .trim()
            .to_string();
        out.push(Diag::new(
            node,
            format!("This `{head}` loop pages or polls (`{}`) and stops only when the remote data says so: no iteration limit, no deadline.", word.trim_matches(['"', '\''])),
            "If the dependency keeps returning the same cursor or never reaches its final state, the loop runs forever, holding a worker and hammering the dependency.",
            "Bound it: a maximum number of pages or polls, or a deadline, and fail loudly when it is reached.",
        ));
    }

    fn cases(&self) -> Vec<Case> {
        vec![
            // The caller drives a generator's paging; a script's loop shows to
            // whoever runs it.
            Case::new(
                "app/pager.py",
                r#"
def all_orders(client):
    cursor = None
    while True:
        page = client.list_orders(cursor=cursor)
        yield from page['items']
        cursor = page.get('next_cursor')
        if not cursor:
            break
"#,
            ),
            Case::new(
                "scripts/export.py",
                r#"
def main(client):
    cursor = None
    while True:
        page = client.list_orders(cursor=cursor)
        dump(page['items'])
        cursor = page.get('next_cursor')
        if not cursor:
            break

if __name__ == "__main__":
    main(make_client())
"#,
            ),
            Case::new(
                "app/sync.py",
                r#"
def sync(client):
    cursor = None
    while True:  # expect: RES013
        page = client.list_orders(cursor=cursor)
        handle(page['items'])
        if not page['has_more']:
            break
        cursor = page['next_cursor']
"#,
            ),
            Case::new(
                "app/lifespan.py",
                r#"
async def lifespan(scope, receive, send):
    while True:
        message = await receive()
        if message['type'] == 'lifespan.startup':
            try:
                start()
            except Exception:
                logger.exception('startup failed')
            finally:
                await send({'type': 'done'})
        elif message['type'] == 'lifespan.shutdown':
            return None
"#,
            ),
            Case::new(
                "app/ok.py",
                r#"
import time

def sync(client):
    cursor = None
    pages = 0
    while True:
        pages += 1
        if pages > 500:
            raise RuntimeError('too many pages')
        page = client.list_orders(cursor=cursor)
        if not page['has_more']:
            break
        cursor = page['next_cursor']

def wait(job):
    deadline = time.monotonic() + 300
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError()
        if client.get(job)['status'] == 'done':
            return
        time.sleep(5)
"#,
            ),
            Case::new(
                "svc/sync.go",
                r#"
package svc

func Sync(c *Client) error {
	token := ""
	for {  // expect: RES013
		out, err := c.List(token)
		if err != nil {
			return err
		}
		handle(out.Items)
		if out.NextToken == "" {
			return nil
		}
		token = out.NextToken
	}
}
"#,
            ),
            Case::new(
                "svc/ok.go",
                r#"
package svc

func Sync(c *Client) error {
	token := ""
	for page := 0; page < 1000; page++ {
		out, err := c.List(token)
		if err != nil {
			return err
		}
		if out.NextToken == "" {
			return nil
		}
		token = out.NextToken
	}
	return nil
}
"#,
            ),
            Case::new(
                "server/poll.ts",
                r#"
import express from 'express';

export async function waitForExport(id: string) {
  while (true) {  // expect: RES013
    const job = await api.get(`/exports/${id}`);
    if (job.data.status === 'done') return job.data;
    await sleep(2000);
  }
}
"#,
            ),
            Case::new(
                "server/ok.ts",
                r#"
import express from 'express';

export async function waitForExport(id: string) {
  const deadline = Date.now() + 60_000;
  while (true) {
    if (Date.now() > deadline) throw new Error('export timed out');
    const job = await api.get(`/exports/${id}`);
    if (job.data.status === 'done') return job.data;
    await sleep(2000);
  }
}
"#,
            ),
        ]
    }
}
