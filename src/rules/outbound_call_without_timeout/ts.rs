//! RES001 in TypeScript/JavaScript on the backend (CLI001 is the frontend twin).

use super::Case;

pub(super) const CASES: &[Case] = &[
    // A module only client components import runs in the browser…
    Case::new(
        "packages/ee/limits/client.ts",
        r#"
export async function getLimits(team: string) {
  const res = await fetch(`${process.env.NEXT_PUBLIC_WEBAPP_URL}/api/limits?team=${team}`);
  return res.json();
}
"#,
    )
    .with_file(
        "packages/ee/limits/provider/client.tsx",
        "import { getLimits } from '../client';\nexport const LimitsProvider = () => { getLimits('t'); return null; };\n",
    ),
    // …one a server module imports runs on the server.
    Case::new(
        "packages/ee/quota/client.ts",
        r#"
export async function getQuota(team: string) {
  const res = await fetch(`${process.env.QUOTA_URL}/quota?team=${team}`);  // expect: RES001
  return res.json();
}
"#,
    )
    .with_file(
        "packages/ee/quota/route.ts",
        "import express from 'express';\nimport { getQuota } from './client.js';\nexport const handler = async () => getQuota('t');\n",
    ),
    // A request raced against a timer is waited on only until the timer fires.
    Case::new(
        "server/jobs.ts",
        r#"
import express from 'express';

export async function submit(endpoint: string, body: string) {
  await Promise.race([
    fetch(endpoint, { method: 'POST', body }).catch(() => null),
    new Promise((resolve) => setTimeout(resolve, 150)),
  ]);
  await Promise.race([fetch(endpoint), other()]);  // expect: RES001
}
"#,
    ),
    // Server code: `document` here is a local variable, the DOM only named in a comment.
    Case::new(
        "lib/sign.ts",
        r#"
// Renders like document.title in the browser preview.
export async function sign(id: string) {
  const document = await db.document.findFirst({ where: { id } });
  await fetch(`https://signer/${document.id}`);  // expect: RES001
}
"#,
    ),
    Case::new(
        "server/billing.ts",
        r#"
import express from 'express';
import axios from 'axios';

export async function charge(body: unknown) {
  const r = await fetch('https://billing/charge', { method: 'POST' });  // expect: RES001
  await axios.post('https://billing/charge', body);  // expect: RES001
  await axios.get('https://billing/status');  // expect: RES001
  return axios({ url: 'https://billing/x' });  // expect: RES001
}
const api = axios.create({ baseURL: 'https://x' });  // expect: RES001
"#,
    ),
    Case::new(
        "server/legacy.js",
        r#"
const express = require('express');
const fetch = require('node-fetch');
const opts = { method: 'GET' };
module.exports = async () => fetch('https://x', opts);  // expect: RES001
"#,
    ),
    Case::new(
        "server/ok.ts",
        r#"
import express from 'express';
import axios from 'axios';

export async function f(init: RequestInit, cfg: object) {
  await fetch('https://x', { signal: AbortSignal.timeout(5000) });
  await fetch('https://x', init);
  await fetch('https://x', { ...init });
  await axios.get('https://x', { timeout: 5000 });
  await axios.post('https://x', {}, cfg);
  const api = axios.create({ timeout: 5000 });
  return api.get('/y');
}
"#,
    ),
    // Browser script with no package.json or folder to say so: the DOM decides.
    Case::new(
        "docs/js/custom.js",
        r#"
const div = document.querySelector('.projects');
async function load(page) {
  return fetch(`https://api.github.com/search?page=${page}`);
}
"#,
    ),
    Case::new(
        "server/instance.ts",
        r#"
import express from 'express';
import axios from 'axios';
const client = axios.create({ baseURL: 'https://x', timeout: 3000 });
export const g = () => axios.get('https://y');
"#,
    ),
    // Node's fetch cannot resolve a root-relative URL: this file runs in a
    // browser. And a static asset the app serves itself is not a dependency.
    Case::new(
        "packages/lib/upload/put-file.ts",
        r#"
export const putFile = async (file: File) => {
  const res = await fetch(formatPath('/api/files/upload'), { method: 'POST', body: file });
  const { url } = await res.json();
  return fetch(url, { method: 'PUT', body: file });
};
"#,
    ),
    Case::new(
        "packages/lib/server-only/pdf/stamp.ts",
        r#"
export const stamp = async (pdf) => {
  const font = await fetch(`${APP_URL()}/fonts/noto-sans.ttf`).then((r) => r.arrayBuffer());
  const meta = await fetch(`${APP_URL()}/api/meta`);  // expect: RES001
  return [font, meta];
};
"#,
    ),
    // The process-wide default, set once at start-up in another file, bounds
    // every call through the global instance.
    Case::new(
        "server/routes/payments.ts",
        r#"
import axios from 'axios';
export async function charge(req, res) {
  res.json(await axios.post('https://billing/charge', req.body));
}
"#,
    )
    .with_file(
        "server/index.ts",
        "import axios from 'axios';\naxios.defaults.timeout = 10000;\n",
    ),
    // A zero default is no bound.
    Case::new(
        "server/routes/refunds.ts",
        r#"
import axios from 'axios';
export async function refund(req, res) {
  res.json(await axios.post('https://billing/refund', req.body));  // expect: RES001
}
"#,
    )
    .with_file(
        "server/index.ts",
        "import axios from 'axios';\naxios.defaults.timeout = 0;\n",
    ),
];
