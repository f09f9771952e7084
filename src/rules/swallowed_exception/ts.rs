//! RES003 in TypeScript/JavaScript.

use super::{impact, Case, Cx, Diag};
use crate::semantic::fields::Field;
use crate::semantic::named_children;
use crate::semantic::KindName as _;
use tree_sitter::Node;

/// A `.catch(...)` callback that drops the error.
fn is_noop_callback(cx: &Cx, f: Node) -> bool {
    match f.kind_name() {
        "arrow_function" | "function_expression" => {
            let Some(body) = f.field("body") else {
                return false;
            };
            match body.kind_name() {
                "statement_block" => named_children(body).next().is_none(),
                "null" | "undefined" => true,
                "identifier" => cx.text(body) == "undefined",
                "unary_expression" => cx.text(body).replace(' ', "") == "void0",
                _ => false,
            }
        }
        "identifier" | "member_expression" => {
            let t = cx.text(f);
            t == "noop" || t.ends_with(".noop")
        }
        _ => false,
    }
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    if node.kind_name() == "catch_clause" {
        let Some(body) = node.field("body") else {
            return;
        };
        if named_children(body).next().is_some() {
            return;
        }
        let param = node.field("parameter").map(|p| cx.text(p));
        let clause = match param {
            Some(p) => format!("catch ({p}) {{}}"),
            None => "catch {}".to_string(),
        };
        out.push(Diag::new(
            node,
            format!("`{clause}` is empty; every error thrown in the try block disappears."),
            impact(cx),
            "Log the error with the service's logger (or `console.error` on the client) and rethrow, or show an error state.",
        ));
        return;
    }
    let Some(callee) = node
        .field("function")
        .filter(|f| f.kind_name() == "member_expression")
    else {
        return;
    };
    let Some(prop) = callee.field("property").filter(|p| cx.text(*p) == "catch") else {
        return;
    };
    let Some(args) = node.field("arguments") else {
        return;
    };
    let Some(handler) = named_children(args).next() else {
        return;
    };
    if !is_noop_callback(cx, handler) {
        return;
    }
    out.push(Diag::new(
        prop,
        format!("`.catch({})` discards the rejection.", cx.snippet(handler, 40)),
        impact(cx),
        "Handle the rejection: log it (`.catch((err) => logger.error({ err }, 'sync failed'))`) or let it propagate to a caller that does.",
    ));
}

pub(super) const CASES: &[Case] = &[
    // A failed attempt in a retry loop is tried again; a loop over items that
    // drops one item's failure swallows it.
    // A best-effort report to a third party (analytics, a newsletter sign-up)
    // is meant to fail quietly; the sign-up's own write is not.
    Case::new(
        "server/auth.service.ts",
        r#"
import express from 'express';

export class AuthService {
  private async _track(name: string, email: string) {
    try {
      await fetch('https://datafast.io/api/v1/goals', { method: 'POST', body: JSON.stringify({ name, email }) });
    } catch (err) {}
  }

  async register(email: string) {
    try {
      await fetch('https://accounts/api/users', { method: 'POST', body: email });
    } catch (err) {}  // expect: RES003
  }
}
"#,
    ),
    Case::new(
        "server/newsletter/providers/listmonk.provider.ts",
        r#"
import express from 'express';

export class ListmonkProvider {
  async register(email: string) {
    try {
      await fetch(`${process.env.LISTMONK_DOMAIN}/api/subscribers`, { method: 'POST', body: email });
    } catch (err) {}
  }
}
"#,
    ),
    Case::new(
        "server/verify.ts",
        r#"
import express from 'express';

export async function verify(body: string, attempts = 3) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const res = await fetch('https://billing/verify', { method: 'POST', body });
      if (res.ok) {
        return true;
      }
    } catch {}
    await wait(1500);
  }
  return false;
}

export async function publishAll(events: string[]) {
  for (const e of events) {
    try {
      await fetch('https://bus/publish', { method: 'POST', body: e });
    } catch {}  // expect: RES003
  }
}
"#,
    ),
    Case::new(
        "web/components/Profile.tsx",
        r#"
import React from 'react';

export function Profile() {
  try {
    fetch('/api/profile', { method: 'PUT' });
  } catch (e) {  // expect: RES003
    // TODO
  }
  try { fetch('/api/seen', { method: 'POST' }); } catch {}  // expect: RES003
  fetch('/api/profile', { method: 'PUT' })
    .then(render)
    .catch(() => {});  // expect: RES003
  fetch('/api/ping').catch(() => null);
  fetch('/api/seen', { method: 'POST' }).catch(() => null);  // expect: RES003
  axios.post('/api/events', event).catch(noop);  // expect: RES003
  try { JSON.parse(localStorage.getItem('prefs')); } catch {}
  return null;
}
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';

export async function f() {
  try { await load(); } catch (e) { console.error('load failed', e); }
  try { await load(); } catch (e) { throw new Error('load failed', { cause: e }); }
  save().catch((err) => logger.error({ err }, 'save failed'));
  save().catch(handleError);
}

// A failure mapped to an absent value the code then checks, and a handler
// that explains itself, are decisions.
export async function consume(token: string) {
  const t = await prisma.verificationToken.delete({ where: { token } }).catch(() => null);
  if (!t) throw new AppError('NOT_FOUND');
  await prisma.session.deleteMany({ where: { token } }).catch(() => {
    // Sessions expire on their own; a failed sweep is retried on the next login.
  });
}
"#,
    ),
];
