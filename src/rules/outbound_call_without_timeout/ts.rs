//! RES001 in TypeScript/JavaScript on the backend (CLI001 is the frontend twin).

use super::{client_impact, hang_impact, Case, Cx, Diag};
use crate::finding::Severity;
use crate::semantic::ts::object_keys;
use tree_sitter::Node;

/// Whether an options argument sets `key`: `Some(true)` yes, `Some(false)` no,
/// `None` unknown (a spread, a parameter, an object built elsewhere).
fn option_set<'t>(cx: &Cx<'_, 't>, arg: Node<'t>, key: &str) -> Option<bool> {
    let obj = match arg.kind() {
        "object" => arg,
        "identifier" => {
            let scope = cx.m.function_at(cx.frame);
            let v = cx.m.binding(scope, cx.text(arg))?;
            if v.kind() != "object" {
                return None;
            }
            v
        }
        _ => return None,
    };
    let (keys, spread) = object_keys(cx.m, obj)?;
    if keys.contains(&key) {
        Some(true)
    } else if spread {
        None
    } else {
        Some(false)
    }
}

/// The file configures axios globally: `axios.defaults.timeout = …` or an
/// `axios.create({ timeout })` instance.
fn file_sets_axios_timeout(src: &str) -> bool {
    if src.contains("defaults.timeout") {
        return true;
    }
    src.match_indices("axios.create(").any(|(i, m)| {
        let rest = &src[i + m.len()..];
        let mut depth = 1i32;
        for (j, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return rest[..j].contains("timeout");
                    }
                }
                _ => {}
            }
        }
        false
    })
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let Some(call) = cx.call(node) else { return };
    let Some(target) = call.target.as_deref() else {
        return;
    };
    let label = cx.call_label(&call);
    match target {
        "fetch" | "node-fetch" | "node-fetch.default" | "cross-fetch" | "undici.fetch" => {
            let init = call.positional(1);
            let has_signal = match init {
                None => Some(false),
                Some(i) => option_set(cx, i, "signal"),
            };
            if has_signal != Some(false) || call.has_spread() {
                return;
            }
            let builtin = target == "fetch" || target == "undici.fetch";
            let diag = Diag::new(
                node,
                if builtin {
                    format!("`{label}` has no `signal`; Node's fetch gives up only after 300 seconds without response headers.")
                } else {
                    format!("`{label}` has no `signal`; {target} never times out on its own.")
                },
                hang_impact(cx, "the remote server"),
                "Pass `signal: AbortSignal.timeout(10_000)` in the init object.",
            );
            out.push(if builtin {
                diag.severity(Severity::Medium)
            } else {
                diag
            });
        }
        "axios.create" => {
            let set = match call.positional(0) {
                None => Some(false),
                Some(a) => option_set(cx, a, "timeout"),
            };
            if set == Some(false) && !call.has_spread() {
                out.push(Diag::new(
                    node,
                    "This `axios.create({...})` instance has no `timeout`; axios's default is 0, no timeout.".to_string(),
                    client_impact("the remote server"),
                    "Add `timeout: 10_000` (milliseconds) to the instance config.",
                ));
            }
        }
        _ => {
            let config_index = match target {
                "axios" | "axios.request" => {
                    // `axios(url, config)` or `axios(config)`
                    if call.positional(0).is_some_and(|a| a.kind() == "object") {
                        0
                    } else {
                        1
                    }
                }
                "axios.get" | "axios.delete" | "axios.head" | "axios.options" => 1,
                "axios.post" | "axios.put" | "axios.patch" => 2,
                _ => return,
            };
            let set = match call.positional(config_index) {
                None => Some(false),
                Some(a) => option_set(cx, a, "timeout"),
            };
            if set != Some(false) || call.has_spread() || file_sets_axios_timeout(cx.m.src) {
                return;
            }
            out.push(Diag::new(
                node,
                format!("`{label}` has no `timeout`; axios's default is 0, no timeout."),
                hang_impact(cx, "the remote server"),
                "Create one instance with `axios.create({ baseURL, timeout: 10_000 })` and call through it, or pass `{ timeout: 10_000 }`.",
            ));
        }
    }
}

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "server/billing.ts",
        "import express from 'express';\nimport axios from 'axios';\n\nexport async function charge(body: unknown) {\n  const r = await fetch('https://billing/charge', { method: 'POST' });\n  await axios.post('https://billing/charge', body);\n  await axios.get('https://billing/status');\n  return axios({ url: 'https://billing/x' });\n}\nconst api = axios.create({ baseURL: 'https://x' });\n",
        &[5, 6, 7, 8, 10],
    ),
    Case::fail(
        "server/legacy.js",
        "const express = require('express');\nconst fetch = require('node-fetch');\nconst opts = { method: 'GET' };\nmodule.exports = async () => fetch('https://x', opts);\n",
        &[4],
    ),
    Case::pass(
        "server/ok.ts",
        "import express from 'express';\nimport axios from 'axios';\n\nexport async function f(init: RequestInit, cfg: object) {\n  await fetch('https://x', { signal: AbortSignal.timeout(5000) });\n  await fetch('https://x', init);\n  await fetch('https://x', { ...init });\n  await axios.get('https://x', { timeout: 5000 });\n  await axios.post('https://x', {}, cfg);\n  const api = axios.create({ timeout: 5000 });\n  return api.get('/y');\n}\n",
    ),
    // Browser script with no package.json or folder to say so: the DOM decides.
    Case::pass(
        "docs/js/custom.js",
        "const div = document.querySelector('.projects');\nasync function load(page) {\n  return fetch(`https://api.github.com/search?page=${page}`);\n}\n",
    ),
    Case::pass(
        "server/instance.ts",
        "import express from 'express';\nimport axios from 'axios';\nconst client = axios.create({ baseURL: 'https://x', timeout: 3000 });\nexport const g = () => axios.get('https://y');\n",
    ),
];
