//! RES001 in TypeScript/JavaScript on the backend (CLI001 is the frontend twin).

use super::Case;

pub(super) const CASES: &[Case] = &[
    // Cucumber's step definitions drive the service under test: test code
    // wherever they sit.
    Case::new(
        "features/step_definitions/inbox.steps.js",
        r#"
import { When, Then } from '@cucumber/cucumber';

When('a note is delivered to {string}', async function (name) {
    this.response = await fetch(`${this.baseUrl}/.ghost/activitypub/inbox/${name}`, { method: 'POST' });
});
"#,
    ),
    // A function declared after the `return` is hoisted: it runs when called.
    Case::new(
        "src/server/quota.ts",
        r#"
import express from "express";

export async function getQuota(user: string) {
  return lookup(user);

  async function lookup(id: string) {
    return fetch(`https://quota.example.com/users/${id}`);  // expect: RES001
  }
}
"#,
    ),
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
    // An axios instance whose every request passes its own `timeout` (a
    // class field, and a config object built in each branch); an instance with
    // one request that does not, or one handed on, stays reported.
    Case::new(
        "backend/src/api/bitcoin/esplora-api.ts",
        r#"
import axios from 'axios';
import config from '../../config';

class FailoverRouter {
  pollConnection = axios.create();
  requestConnection = axios.create({ httpAgent: agent });
  statusConnection = axios.create();  // expect: RES001
  sharedConnection = axios.create();  // expect: RES001

  constructor() {
    this.pollConnection.interceptors.request.use((c) => c);
  }

  async tip(host: string) {
    return this.pollConnection.get<number>(host + '/blocks/tip/height', { timeout: config.ESPLORA.FALLBACK_TIMEOUT });
  }

  async $query<T>(method: 'get' | 'post', url: string, data: any): Promise<T> {
    let axiosConfig;
    if (url.startsWith('/')) {
      axiosConfig = { socketPath: url, timeout: config.ESPLORA.REQUEST_TIMEOUT };
    } else {
      axiosConfig = { timeout: config.ESPLORA.REQUEST_TIMEOUT };
    }
    return method === 'post'
      ? this.requestConnection.post<T>(url, data, axiosConfig)
      : this.requestConnection.get<T>(url, axiosConfig);
  }

  async status(host: string) {
    await this.statusConnection.get(host + '/ready', { timeout: 1000 });
    return this.statusConnection.get(host + '/status');
  }

  share() {
    this.sharedConnection.get('/a', { timeout: 1000 });
    return watch(this.sharedConnection);
  }
}
"#,
    ),
    // An undici dispatcher passed to the call: an `Agent` with a headers or body
    // timeout bounds the waits, built in the call or in the class's field; an
    // `Agent` with undici's defaults leaves the 300 s wait, and so does a
    // dispatcher from elsewhere (most often a proxy or an SSRF guard).
    Case::new(
        "server/utils/collectorApi/index.js",
        r#"
const express = require('express');
const { Agent } = require('undici');

class CollectorApi {
  constructor() {
    this.extensionAgent = new Agent({ headersTimeout: 900_000, bodyTimeout: 900_000 });
  }

  async processDocument(filename) {
    return fetch(`${this.endpoint}/process`, {
      method: 'POST',
      body: JSON.stringify({ filename }),
      dispatcher: new Agent({ headersTimeout: 600_000 }),
    });
  }

  async forwardExtension(body) {
    const init = { method: 'POST', body, dispatcher: this.extensionAgent };
    return fetch(`${this.endpoint}/ext`, init);
  }

  async ping() {
    return fetch(`${this.endpoint}/ping`, { dispatcher: new Agent({ connections: 4 }) }); // expect: RES001
  }

  async guestToken(dispatcher) {
    return fetch(`${this.endpoint}/token`, { method: 'POST', dispatcher }); // expect: RES001
  }
}
module.exports = { CollectorApi };
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
    // Imports through a `tsconfig.json` alias count: a helper only client
    // components import (they call hooks) runs in the browser…
    Case::new(
        "dash/lib/files/put-file.ts",
        r#"
export async function putFile(data: string, key: string) {
  return fetch(`${process.env.STORAGE_URL}/objects/${key}`, { method: 'PUT', body: data });
}
"#,
    )
    .with_file(
        "dash/components/upload-zone.tsx",
        "import { useCallback } from 'react';\nimport { putFile } from '@/lib/files/put-file';\nexport const Zone = () => { const up = useCallback((f) => putFile(f, '/x'), []); return null; };\n",
    )
    .with_file(
        "dash/tsconfig.json",
        "{\n  // Next.js\n  \"compilerOptions\": { \"paths\": { \"@/*\": [\"./*\"] }, },\n}\n",
    )
    .with_file("dash/package.json", r#"{"dependencies": {"next": "15", "react": "19", "@prisma/client": "6"}}"#),
    // …and one an App Router page imports runs on the server: a page is a
    // server component unless it says `'use client'` or calls a hook.
    Case::new(
        "shop/lib/data.js",
        r#"
export async function getProduct(id) {
  const res = await fetch(`${process.env.BACKEND_URL}/products/${id}`);  // expect: RES001
  return res.json();
}
"#,
    )
    .with_file(
        "shop/src/app/product/[id]/page.jsx",
        "import { getProduct } from '@/lib/data';\nexport default async function Page({ params }) { const p = await getProduct(params.id); return <div>{p.name}</div>; }\n",
    )
    .with_file(
        "shop/jsconfig.json",
        r#"{"compilerOptions": {"paths": {"@/*": ["./*"]}}}"#,
    ),
    // A request to one of the application's own API routes is not a
    // dependency call; the same base with a path the app does not serve is.
    Case::new(
        "lib/trigger/notify.ts",
        r#"
export async function notify(teamId: string) {
  await fetch(`${process.env.NEXT_PUBLIC_BASE_URL}/api/jobs/send-notification`, { method: 'POST' });
  await fetch(`${process.env.NEXT_PUBLIC_BASE_URL}/api/teams/${teamId}/documents`);
  await fetch(`${process.env.NEXT_PUBLIC_BASE_URL}/api/billing/charge`);  // expect: RES001
  await fetch(`${BASE}/base-specs?area=store`, { next: { revalidate: 3000 } });
  await fetch(`${process.env.PARTNER_URL}/v1/teams`);  // expect: RES001
}
"#,
    )
    .with_file("pages/api/jobs/send-notification.ts", "export default function handler() {}\n")
    .with_file("app/base-specs/route.ts", "export async function GET() {}\n")
    .with_file("app/(ee)/api/teams/[teamId]/documents/route.ts", "export async function GET() {}\n"),
    // A root-relative URL on the next line is still a browser's.
    Case::new(
        "lib/documents/move-documents.ts",
        r#"
import { mutate } from 'swr';
export const moveDocuments = async (teamId: string, ids: string[]) => {
  const response = await fetch(
    `/api/teams/${teamId}/documents/move`,
    { method: 'PATCH', body: JSON.stringify({ ids }) },
  );
  mutate(`/api/teams/${teamId}/documents`);
  return response;
};
"#,
    )
    .with_file("package.json", r#"{"dependencies": {"next": "15", "react": "19", "@prisma/client": "6"}}"#),
    // An abort signal in axios's config, and a Request built from an incoming
    // request (which carries its signal), are bounded by whoever aborts them.
    Case::new(
        "src/workflows/cancellation.ts",
        r#"
import axios from 'axios';
export async function step(ctx: Context) {
  await axios.get('https://api.example.com/slow', { signal: ctx.abortController.signal });
  await axios.get('https://api.example.com/slow');  // expect: RES001
}
export async function proxy(request: Request, hubUrl: string) {
  const upstream = await fetch(new Request(hubUrl, request));
  const plain = await fetch(new Request(hubUrl));  // expect: RES001
  return [upstream, plain];
}
export async function metadata(clientId: string, options?: { signal?: AbortSignal }) {
  const request = new Request(clientId, { redirect: 'error', signal: options?.signal });
  const response = await fetch(request);
  const bare = new Request(clientId, { redirect: 'error' });
  return [response, await fetch(bare)];  // expect: RES001
}
"#,
    ),
    // A module's own function nothing can call (not exported, named only in
    // another such function) runs never; an exported one, or one the module
    // calls at its top level, runs.
    Case::new(
        "packages/tinybird/src/delete.ts",
        r#"
import pRetry from 'p-retry';
async function deleteFromDatasource(datasource: string) {
  const res = await fetch(`${BASE}/v0/datasources/${datasource}/delete`, { method: 'POST' });
  return res.json();
}
async function _deleteWithRetry(datasource: string) {
  return pRetry(() => deleteFromDatasource(datasource), { retries: 5 });
}
async function ping() {
  return fetch(`${BASE}/v0/ping`);  // expect: RES001
}
export async function purge(table: string) {
  return fetch(`${BASE}/v0/datasources/${table}/truncate`, { method: 'POST' });  // expect: RES001
}
const sync = async () => fetch(`${BASE}/v0/sync`);  // expect: RES001
export { sync };
export const handler = async () => ping();
"#,
    ),
    // `init` is start-up only as a Go package's `init`: a class's `init`
    // method runs whenever it is called, and so does what it calls.
    Case::new(
        "packages/components/nodes/drive.ts",
        r#"
import express from 'express';
class DriveLoader {
  async init(nodeData: any) {
    return this.listFiles(nodeData.folder);
  }
  async listFiles(folder: string, page?: string): Promise<any[]> {
    const res = await fetch(`https://www.googleapis.com/drive/v3/files?q=${folder}&pageToken=${page}`);  // expect: RES001
    const body = await res.json();
    return body.nextPageToken ? [...body.files, ...(await this.listFiles(folder, body.nextPageToken))] : body.files;
  }
}
"#,
    ),
    // A module loaded on demand is that module: node-fetch has no timeout at all.
    Case::new(
        "src/utils.ts",
        r#"
import express from 'express';
export async function getRemote(url: string) {
  const fetch = (await import('node-fetch')).default;
  const res = await fetch(url);  // expect: RES001
  return res.json();
}
"#,
    ),
    // node-fetch 2 bounds a request with its `timeout` option…
    Case::new(
        "packages/core/src/health.ts",
        r#"
import express from 'express';
import fetch from 'node-fetch';
export async function probe(url: string, timeout: number) {
  const res = await fetch(url, { method: 'GET', timeout });
  return res.ok;
}
"#,
    )
    .with_file(
        "packages/core/package.json",
        r#"{"dependencies": {"express": "4", "node-fetch": "^2.7.0"}, "devDependencies": {"@types/node-fetch": "^2.6.4"}}"#,
    ),
    // …node-fetch 3 ignores it.
    Case::new(
        "svc/src/health.ts",
        r#"
import express from 'express';
import fetch from 'node-fetch';
export async function probe(url: string) {
  const res = await fetch(url, { method: 'GET', timeout: 5000 });  // expect: RES001
  return res.ok;
}
"#,
    )
    .with_file(
        "svc/package.json",
        r#"{"dependencies": {"express": "4", "node-fetch": "^3.3.2"}, "devDependencies": {"@types/node-fetch": "^2.6.4"}}"#,
    ),
    // A call made outside the project's own bounded helper: the fix names it.
    Case::new(
        "apps/web/app/api/import/route.ts",
        r#"
export async function POST(req: Request) {
  const res = await fetch('https://api-ssl.bitly.com/v4/groups', { headers: { Authorization: 'x' } });  // expect: RES001
  return Response.json(await res.json());
}
"#,
    )
    .with_file(
        "packages/utils/src/functions/fetch-with-timeout.ts",
        "export async function fetchWithTimeout(input: string, init: RequestInit = {}, timeout = 5000) {\n  return fetch(input, { ...init, signal: AbortSignal.timeout(timeout) });\n}\n",
    ),
    // A function handed to a headless browser's page runs in the page.
    Case::new(
        "src/archive.ts",
        r#"
import puppeteer from 'puppeteer';
export async function archive(url: string) {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  const html = await page.evaluate(async (u) => (await fetch(u)).text(), url);
  const meta = await fetch(url + '/meta.json');  // expect: RES001
  return [html, await meta.json()];
}
"#,
    ),
    // A service worker and a RequireJS (AMD) module run in the browser, whatever
    // the package's server dependencies; a Node module of the same package does not.
    Case::new(
        "public/src/service-worker.js",
        r#"
'use strict';
self.addEventListener('fetch', function (event) {
  event.respondWith(caches.match(event.request).then(function (response) {
    return response || fetch(event.request);
  }));
});
"#,
    )
    .with_file(
        "public/src/modules/iconSelect.js",
        "'use strict';\ndefine('iconSelect', ['benchpress'], function (Benchpress) {\n  const iconSelect = {};\n  iconSelect.findIcons = async function (q) {\n    const res = await fetch('https://api.fontawesome.com', { method: 'POST', body: q });\n    return res.json();\n  };\n  return iconSelect;\n});\n",
    )
    .with_file(
        "src/meta/icons.js",
        "'use strict';\nconst self = module.exports;\nself.define = function (q) {\n  return fetch('https://api.fontawesome.com/' + q);  // expect: RES001\n};\n",
    )
    .with_file("package.json", r#"{"dependencies": {"express": "4"}}"#),
    // A web worker (it posts its results back to the page) runs in the browser.
    Case::new(
        "src/app/plugins/viewer/static/js/worker.js",
        r#"
var baseUrl = self.location.href.substring(0, self.location.href.length - 9);
importScripts("../lib/pako.js");
const lines = async function* (fileURL) {
  const response = await fetch(fileURL);
  yield* response.body;
};
var parse = async function (msg) {
  for await (const line of lines(baseUrl + msg.path)) { count(line); }
  self.postMessage({ cmd: "done" });
};
onmessage = function (e) {
  parse(e.data.msg);
};
"#,
    ),
    // A package built on a browser UI framework (Solid, Preact, Lit) is client
    // code.
    Case::new(
        "packages/embeds/js/src/queries/executeHttpRequest.ts",
        r#"
export async function executeHttpRequest(url: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), credentials: 'include' });
  return res.json();
}
"#,
    )
    .with_file(
        "packages/embeds/js/package.json",
        r#"{"name": "@acme/js", "devDependencies": {"solid-js": "1.9"}}"#,
    ),
    // So is a Stimulus controller of a server-rendered app's pages.
    Case::new(
        "warehouse/static/js/controllers/repo_stats_controller.js",
        r#"
import { Controller } from "@hotwired/stimulus";

export default class extends Controller {
  load() {
    return fetch(`${this.urlValue}/issues?state=opened`, { mode: "cors" }).then((r) => r.json());
  }
}
"#,
    ),
    // A package that declares `bin` executables and depends on no server or UI
    // framework is a command-line tool: a run its user starts and watches.
    Case::new(
        "packages/api/src/client.ts",
        r#"
export class ApiClient {
  async get(path: string) {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: this.headers });
    return res.json();
  }
}
"#,
    )
    .with_file(
        "packages/api/package.json",
        r#"{"name": "@acme/api", "bin": {"acme-api": "bin/acme-api.js"}, "dependencies": {"commander": "15"}}"#,
    )
    .with_file(
        "packages/server/src/client.ts",
        "export async function get(url: string) {\n  const res = await fetch(url);  // expect: RES001\n  return res.json();\n}\n",
    )
    .with_file(
        "packages/server/package.json",
        r#"{"name": "@acme/server", "bin": {"acme-server": "dist/main.js"}, "dependencies": {"express": "5"}}"#,
    ),
    // Next.js API routes are server code, whatever else the package serves.
    Case::new(
        "pages/api/passkeys/register.ts",
        r#"
import { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const r = await fetch(`https://passkeys.example.com/${req.query.tenant}/credentials`);  // expect: RES001
  res.json(await r.json());
}
"#,
    )
    .with_file("package.json", r#"{"dependencies": {"next": "15", "react": "19", "@prisma/client": "6"}}"#),
    // An Edge runtime ends every invocation itself.
    Case::new(
        "app/api/feedback/route.ts",
        r#"
export const runtime = "edge";
export async function POST(req: Request) {
  await fetch(process.env.SLACK_WEBHOOK_URL!, { method: 'POST', body: await req.text() });
  return new Response(null, { status: 204 });
}
"#,
    ),
    // The pages router declares it in the route's exported `config`.
    Case::new(
        "pages/api/events/stream.ts",
        r#"
export const config = {
  maxDuration: 30,
  runtime: 'edge',
}

export default async function handler(req: Request) {
  return fetch(`${process.env.EVENTS_URL}/stream`, { cache: 'no-cache' })
}
"#,
    ),
    // Another key named `runtime` is no edge declaration.
    Case::new(
        "pages/api/report.ts",
        r#"
export const config = { api: { bodyParser: false } }
const settings = { runtime: 'edge' }

export default async function handler(req: Request) {
  return fetch(`${process.env.REPORT_URL}/render`)  // expect: RES001
}
"#,
    ),
    // A request to this very process over the loopback interface (a Parse
    // Server mounted in the app's own Express server, called through its REST
    // API): the port is the one the service listens on. A loopback URL on
    // another port is a sidecar, a dependency like any other.
    Case::new(
        "server/cloud/getDrive.js",
        r#"
import axios from 'axios';
import { cloudServerUrl, ocrUrl } from '../Utils.js';

const serverUrl = cloudServerUrl;
const docUrl = `${serverUrl}/classes/Document`;

export async function getDrive(request) {
  const me = await axios.get(serverUrl + '/users/me', { headers: request.headers });
  const url = `${serverUrl}/loginAs`;
  await axios({ method: 'POST', url, data: { userId: me.data.objectId } });
  await axios.put(`${docUrl}/${request.params.id}`, {});
  await axios.post('batch', { requests: [] }, { baseURL: cloudServerUrl });
  await axios.get('http://localhost:8080/app/health');
  return axios.post(`${ocrUrl}/scan`, request.params);  // expect: RES001
}
"#,
    )
    .with_file(
        "server/Utils.js",
        "export const cloudServerUrl = 'http://localhost:8080/app';\nexport const ocrUrl = 'http://localhost:8005';\n",
    )
    .with_file(
        "server/index.js",
        r#"
import express from 'express';
const app = express();
const port = process.env.PORT || 8080;
app.listen(port, () => console.log(`listening on ${port}`));
"#,
    )
    .with_file("server/package.json", r#"{"dependencies": {"express": "4", "axios": "1"}}"#),
    // So does Cloudflare's, for a Worker (its `wrangler.toml` beside the
    // package's manifest); a package without one runs on Node.
    Case::new(
        "ci/notifications-worker/worker.js",
        r#"
export default {
  async fetch(request, env) {
    const event = await request.json();
    await fetch(env.SLACK_WEBHOOK_URL, { method: "POST", body: JSON.stringify({ text: event.action }) });
    return new Response("ok");
  },
};
"#,
    )
    .with_file("ci/notifications-worker/package.json", r#"{"devDependencies": {"wrangler": "4"}}"#)
    .with_file("ci/notifications-worker/wrangler.toml", "name = \"notifications\"\nmain = \"worker.js\"\n")
    .with_file(
        "ci/notifications-node/server.js",
        r#"
export default {
  async fetch(request, env) {
    const event = await request.json();
    await fetch(env.SLACK_WEBHOOK_URL, { method: "POST", body: JSON.stringify({ text: event.action }) });  // expect: RES001
    return new Response("ok");
  },
};
"#,
    )
    .with_file("ci/notifications-node/package.json", r#"{"dependencies": {"hono": "4"}}"#),
    Case::new(
        "app/api/feedback-node/route.ts",
        r#"
export const runtime = "nodejs";
export async function POST(req: Request) {
  await fetch(process.env.SLACK_WEBHOOK_URL!, { method: 'POST', body: await req.text() });  // expect: RES001
  return new Response(null, { status: 204 });
}
"#,
    ),
    // A function every caller starts and leaves (`track(…).catch(…)`):
    // nothing waits on it. One caller that awaits it keeps it reported.
    Case::new(
        "server/services/auth.ts",
        r#"
import express from 'express';
export class AuthService {
  async register(email: string) {
    this.track('register', email).catch(() => {});
    void this.welcome(email);
    await this.sync(email);
  }
  private async track(event: string, email: string) {
    await fetch('https://analytics.example.com/events', { method: 'POST', body: event + email });
  }
  private async welcome(email: string) {
    await fetch('https://mail.example.com/welcome', { method: 'POST', body: email });
  }
  private async sync(email: string) {
    await fetch('https://crm.example.com/contacts', { method: 'POST', body: email });  // expect: RES001
  }
}
export async function audit(email: string) {
  await fetch('https://audit.example.com/log', { method: 'POST', body: email });  // expect: RES001
}
export class WebdavBackend {
  constructor(private url: string) {
    fetch(this.url, { method: 'PROPFIND' }).then((r) => r.ok).catch(() => undefined);
  }
}
export class MailTransport {
  send(mail: Mail, callback: (err: Error | null, info: unknown) => void) {
    fetch('https://api.mail.example.com/tx', { method: 'POST', body: mail.body })  // expect: RES001
      .then((res) => callback(null, res.status))
      .catch((err) => callback(err, null));
  }
}
"#,
    )
    .with_file(
        "server/routes/signup.ts",
        "import { audit } from '../services/auth';\nexport async function signup(req, res) { await audit(req.body.email); res.end(); }\n",
    ),
    // A root-relative URL is a browser's request, whatever else the module
    // imports: Node's fetch refuses it. A path helper may build an absolute one.
    Case::new(
        "server/shared/files.ts",
        r#"
import express from 'express';
export async function presign(key: string) {
  await fetch('/api/files/presigned-get-url', { method: 'POST', body: key });
  return fetch(apiUrl('/files/presign'), { method: 'POST', body: key });  // expect: RES001
}
"#,
    ),
    // A `fetch` that is a local binding is not the global: a destructured
    // context member, a wrapper declared in the module. A function beside them
    // that does not bind it calls the global.
    Case::new(
        "services/rotor/destinations/crm.ts",
        r#"
import express from 'express';
export const send = async (event: Event, { props, fetch, log }: FullContext) => {
  await fetch(props.url, { method: 'POST', body: JSON.stringify(event) });
};
export async function upsert(event: Event, ctx: FullContext) {
  const { fetch: _unused, log } = ctx;
  const { jsonFetch } = ctx;
  await fetch(`${ctx.props.url}/contacts`, { method: 'POST' });  // expect: RES001
}
export async function lookup(event: Event, ctx: FullContext) {
  const { fetch } = ctx;
  return fetch(`${ctx.props.url}/lookup`);
}
"#,
    ),
    Case::new(
        "server/plugins/preview.ts",
        r#"
import got from 'got';
export async function preview(uri: string) {
  const res = await fetch(uri, { 'User-Agent': 'bot' });
  return res.body;
}
function fetch(uri: string, headers: Record<string, string>) {
  return got.stream(uri, { headers, timeout: { request: 5000 } });
}
"#,
    ),
    // A request in an async function started and left on the spot: nothing
    // waits for it. One awaited is waited for.
    Case::new(
        "src/messaging/gotify.ts",
        r#"
import express from 'express';
export function sendGotify(msg: string) {
  (async () => {
    await fetch(`${process.env.GOTIFY_URL}/message`, { method: 'POST', body: msg });
  })();
}
export async function sendNtfy(msg: string) {
  await (async () => {
    await fetch(`${process.env.NTFY_URL}/alerts`, { method: 'POST', body: msg });  // expect: RES001
  })();
}
"#,
    ),
    // `axios.request(config)` takes only a config: one a helper builds may
    // carry the timeout. A bare URL carries none.
    Case::new(
        "server/utils/request.ts",
        r#"
import axios from 'axios';
import express from 'express';
const buildConfig = (options: any) => ({ url: options.url, timeout: options.timeout ?? 600000 });
export const call = (options: any) => {
  const config = buildConfig(options);
  return axios.request(config).then((r) => r.data);
};
export const ping = () => axios('https://status.example.com/ping');  // expect: RES001
"#,
    ),
    // In a whole repository, an exported function no module imports and a
    // plain class nothing constructs run nowhere; an imported one, a default
    // export (a route file's), a class deriving from another and a function
    // wrapped in a call (`onRequest(async () => …)`) are reached.
    Case::new(
        "src/server/notify.ts",
        r#"
export async function sendToDiscord(message: string) {
  await fetch(process.env.DISCORD_WEBHOOK!, { method: "POST", body: message });
}

export async function sendToSlack(message: string) {
  await fetch(process.env.SLACK_WEBHOOK!, { method: "POST", body: message }); // expect: RES001
}

export class S3DownloadService {
  async download(url: string) {
    return fetch(url);
  }
}

export class GitHubSource extends Source {
  async pull(url: string) {
    return fetch(url); // expect: RES001
  }
}

export const onSignup = onRequest(async (req, res) => {
  res.json(await (await fetch("https://api.example.com/signup")).json()); // expect: RES001
});
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "src/server/alerts.ts",
        "import { sendToSlack } from \"./notify\";\n\nexport default async function alert(req: Request) {\n  await sendToSlack(await req.text());\n  return fetch(\"https://status.example.com/incident\"); // expect: RES001\n}\n",
    ),
    // A local proxy a developer starts from a scripts directory serves only
    // them; the same route in the product's server is reported.
    Case::new(
        "frontend/scripts/serve.mjs",
        r#"
import express from "express";

const app = express();
app.use("/api/*", async (req, res) => {
  const proxied = await fetch("http://localhost:9090" + req.baseUrl, { method: req.method });
  res.status(proxied.status).send(await proxied.text());
});
app.listen(3004);
"#,
    )
    .with_file(
        "backend/server.mjs",
        "import express from \"express\";\n\nconst app = express();\napp.use(\"/api/*\", async (req, res) => {\n  const proxied = await fetch(\"https://api.example.com\" + req.baseUrl, { method: req.method }); // expect: RES001\n  res.status(proxied.status).send(await proxied.text());\n});\napp.listen(3004);\n",
    ),
    // A script's race against a timer (`withTimeout(p, ms)`, `Promise.race`)
    // only stops waiting: the raced request goes on, and what it holds (an
    // in-progress flag, a socket) stays held. A function only called under
    // one is still reported.
    Case::new(
        "server/src/integrations/airtable.ts",
        r#"
import axios from "axios";

export async function refreshToken(refreshToken: string) {
  const response = await axios.post("https://airtable.com/oauth2/v1/token", { refreshToken });  // expect: RES001
  return response.data;
}
"#,
    )
    .with_file(
        "server/src/scheduler.ts",
        "import { refreshToken } from \"./integrations/airtable\";\n\nasync function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {\n  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(\"timeout\")), ms))]);\n}\n\nexport async function refreshAll(token: string) {\n  await withTimeout(refreshToken(token), 65000);\n}\n",
    ),
    // A package built with browser-only libraries (`js-cookie`, `sass`) and
    // no server is browser code: an API client its front end bundles. A server
    // package with the same library serves its pages' scripts, and its own
    // code stays Node's.
    Case::new(
        "client/api/src/client.js",
        r#"
import axios from "axios";

export function login(email, password) {
  return axios.post("/api/auth/login", { email, password });
}
"#,
    )
    .with_file(
        "client/api/package.json",
        r#"{"name": "panel-api", "exports": {".": {"import": "./dist/api.mjs"}}, "dependencies": {"axios": "1", "js-cookie": "3"}, "devDependencies": {"sass": "1", "vite": "5"}}"#,
    )
    .with_file(
        "src/static/js/pluginfw/installer.ts",
        "import axios from \"axios\";\n\nexport async function availablePlugins() {\n  const res = await axios.get(\"https://static.example.org/plugins.json\");  // expect: RES001\n  return res.data;\n}\n",
    )
    .with_file(
        "src/package.json",
        r#"{"name": "pad", "dependencies": {"express": "4", "js-cookie": "3", "axios": "1"}}"#,
    ),
    // A module only browser code reaches through its importers, however many
    // modules deep (`android/session.js` extending `app/user.js`, imported
    // only by the app's browser entry), runs in the browser too. One a
    // server file also imports runs on the server.
    Case::new(
        "app/user.js",
        r#"
export default class User {
  async login() {
    const r = await fetch("https://accounts.example.com/oauth/token", { method: "POST" });
    return r.json();
  }
}
"#,
    )
    .with_file(
        "android/session.js",
        "import User from '../app/user';\n\nexport default class Session extends User {}\n",
    )
    .with_file(
        "android/main.js",
        "import Session from './session';\n\ndocument.body.addEventListener('click', () => new Session().login());\n",
    )
    .with_file(
        "app/account.js",
        "export async function profile(id) {\n  const r = await fetch('https://accounts.example.com/v1/profile/' + id);  // expect: RES001\n  return r.json();\n}\n",
    )
    .with_file(
        "server/routes.js",
        "import express from 'express';\nimport { profile } from '../app/account';\n\nconst app = express();\napp.get('/p/:id', async (req, res) => res.json(await profile(req.params.id)));\napp.listen(8080);\n",
    ),
    // A module of server actions (`'use server'`) that client components
    // import runs on the server: so do the helpers it imports.
    Case::new(
        "lib/integrations/forward-message.ts",
        r#"
export async function forwardToSupport(url: string, body: string) {
  await fetch(url, { method: "POST", body });  // expect: RES001
}
"#,
    )
    .with_file(
        "lib/messages/send-message.ts",
        "\"use server\";\n\nimport { forwardToSupport } from \"../integrations/forward-message\";\n\nexport async function sendMessage(text: string) {\n  await forwardToSupport(process.env.SUPPORT_URL!, text);\n}\n",
    )
    .with_file(
        "app/messages/page-client.tsx",
        "\"use client\";\n\nimport { sendMessage } from \"../../lib/messages/send-message\";\n\nexport function Composer() {\n  return <button onClick={() => sendMessage(\"hi\")}>Send</button>;\n}\n",
    ),
    // A request back into a route the service registers itself (the home
    // server's own `/api/docs/:docId`) is a call into the same deployment;
    // one to a path no route of the service serves goes elsewhere, and a
    // catch-all the service mounts (`/api/auth/*splat`) does not say which
    // paths it serves.
    Case::new(
        "app/server/lib/Housekeeper.ts",
        r#"
export class Housekeeper {
  constructor(private _homeApiUrl: string, private _billingUrl: string) {}

  public async deleteDoc(docId: string) {
    const docApiUrl = this._homeApiUrl + `/api/docs/${docId}`;
    return fetch(docApiUrl, { method: "DELETE" });
  }

  public async createDoc(server: { getHomeInternalUrl(p: string): string }) {
    return fetch(server.getHomeInternalUrl("/api/docs/new"), { method: "POST" });
  }

  public async removeSnapshots(server: { getHomeUrlByDocId(id: string, p: string): Promise<string> }, docId: string) {
    const url = await server.getHomeUrlByDocId(docId, `/api/docs/${docId}`);
    return fetch(url, { method: "DELETE" });
  }

  public async charge(orgId: string) {
    return fetch(`${this._billingUrl}/api/charges/${orgId}`, { method: "POST" });  // expect: RES001
  }

  public async session(authUrl: string) {
    return fetch(`${authUrl}/api/auth/session`);  // expect: RES001
  }
}
"#,
    )
    .with_file(
        "app/server/lib/DocApi.ts",
        "import express from 'express';\n\nexport function addEndpoints(app: express.Express) {\n  app.delete('/api/docs/:docId', async (req, res) => { res.json({}); });\n  app.post('/api/docs/new', async (req, res) => { res.json({}); });\n  app.all('/api/auth/*splat', authHandler);\n}\n",
    )
    .with_file(
        "package.json",
        "{\"name\": \"home\", \"dependencies\": {\"express\": \"^4.19.0\"}}\n",
    ),
    // A service that replaces undici's global dispatcher with an Agent whose
    // `headersTimeout`, written out, is shorter than undici's 300 s bounds
    // every `fetch` given no dispatcher of its own, in whichever file.
    Case::new(
        "server/utils/collector/links.js",
        r#"
class CollectorApi {
  async processLink(link) {
    const res = await fetch(`${this.endpoint}/process-link`, { method: "POST", body: JSON.stringify({ link }) });
    return res.json();
  }
}
module.exports = { CollectorApi };
"#,
    )
    .with_file(
        "server/utils/boot/patchTimeouts.js",
        "const { Agent, setGlobalDispatcher } = require(\"undici\");\n\nsetGlobalDispatcher(new Agent({\n  connections: 100,\n  headersTimeout: 30 * 1000,\n  bodyTimeout: 30_000,\n}));\n",
    )
    .with_file(
        "server/package.json",
        "{\"name\": \"server\", \"dependencies\": {\"express\": \"^4.19.0\", \"undici\": \"^6.0.0\"}}\n",
    ),
    // A global dispatcher that only routes through a proxy keeps undici's
    // waits; one whose wait is computed elsewhere, or longer than undici's
    // own, is no bound a finding should give way to.
    Case::new(
        "api/src/sync.ts",
        r#"
export async function syncRates(url: string) {
  const res = await fetch(url); // expect: RES001
  return res.json();
}
"#,
    )
    .with_file(
        "api/src/main.ts",
        "import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';\n\nsetGlobalDispatcher(new EnvHttpProxyAgent());\n",
    )
    .with_file(
        "api/src/boot/timeouts.ts",
        "import { Agent, setGlobalDispatcher } from 'undici';\n\nexport function patch(timeoutMs: number) {\n  setGlobalDispatcher(new Agent({ headersTimeout: timeoutMs }));\n  setGlobalDispatcher(new Agent({ headersTimeout: 600_000 }));\n}\n",
    )
    .with_file(
        "api/package.json",
        "{\"name\": \"api\", \"dependencies\": {\"express\": \"^4.19.0\", \"undici\": \"^6.0.0\"}}\n",
    ),
    // A script module no file imports, among modules imported by name.
    Case::new(
        "server/providers/MusicBrainz.js",
        r#"
const axios = require('axios')

class MusicBrainz {
  search(title) {
    return axios.get('https://musicbrainz.org/ws/2/release', { params: { query: title } })
  }
}
module.exports = MusicBrainz
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "server/finders/BookFinder.js",
        "const Audible = require('../providers/Audible')\nconst iTunes = require('../providers/iTunesStore')\nmodule.exports = { Audible, iTunes }\n",
    )
    .with_file("server/providers/Audible.js", "module.exports = class Audible {}\n")
    .with_file("server/providers/iTunesStore.js", "module.exports = class iTunesStore {}\n"),
    // A module that exports nothing is a program someone runs: reported.
    Case::new(
        "tools_x/mintdemux.ts",
        r#"
const OLD = process.env.OLD_MINT
const r = await fetch(`${OLD}/v1/keysets`) // expect: RES001
console.log(await r.json())
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file("tools_x/index.ts", "import { keysets } from './keysets'\nimport { quotes } from './quotes'\nexport { keysets, quotes }\n")
    .with_file("tools_x/keysets.ts", "export const keysets = []\n")
    .with_file("tools_x/quotes.ts", "export const quotes = []\n"),
    // A legacy axios cancel token a timer the function arms cancels bounds the
    // request, as an abort signal does.
    Case::new(
        "backend/src/core/utils/ec2.ts",
        r#"
import axios from 'axios'

export const queryAwsMetadata = () => {
  const source = axios.CancelToken.source()
  setTimeout(() => {
    source.cancel('Getting AWS metadata timed out')
  }, 1000)
  return axios.get('http://169.254.169.254/latest/meta-data/instance-id', {
    cancelToken: source.token,
  })
}

export const queryRegion = () => {
  return axios.get('http://169.254.169.254/latest/meta-data/placement/region') // expect: RES001
}
"#,
    ),
    // A workspace package only UI packages depend on (an API client the web
    // and desktop apps bundle) runs in their browsers; one a server package
    // also depends on runs on the server too.
    Case::new(
        "packages/sdk/src/api.ts",
        r#"
import axios from 'axios'

export const api = axios.create({ baseURL: '/api/v1' })
"#,
    )
    .with_file(
        "packages/sdk/package.json",
        "{\"name\": \"@acme/sdk\", \"version\": \"1.0.0\", \"dependencies\": {\"axios\": \"^1.6.0\"}}\n",
    )
    .with_file(
        "packages/web/package.json",
        "{\"name\": \"@acme/web\", \"private\": true, \"dependencies\": {\"react\": \"^18.2.0\", \"@acme/sdk\": \"workspace:*\"}}\n",
    )
    .with_file(
        "packages/shared/package.json",
        "{\"name\": \"@acme/shared\", \"version\": \"1.0.0\", \"dependencies\": {\"axios\": \"^1.6.0\"}}\n",
    )
    .with_file(
        "packages/shared/src/api.ts",
        "import axios from 'axios'\n\nexport const api = axios.create({ baseURL: '/api/v1' }) // expect: RES001\n",
    ),
    // In a whole repository, a function only a function nothing names
    // calls, in the same file, runs nowhere; one a route reaches through
    // its caller is reported.
    Case::new(
        "src/shared/chain/chain-capabilities.ts",
        r#"
export async function getChainCapabilities(chainId: number) {
  const res = await fetch(`https://api.example.com/chains/${chainId}/capabilities`);
  return res.json();
}

export async function doesChainSupportService(chainId: number, service: string) {
  const caps = await getChainCapabilities(chainId);
  return caps.services.includes(service);
}
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "src/shared/chain/prices.ts",
        "export async function fetchPrice(symbol: string) {\n  const res = await fetch(`https://api.example.com/prices/${symbol}`);  // expect: RES001\n  return res.json();\n}\n\nexport async function priceInUsd(symbol: string) {\n  const p = await fetchPrice(symbol);\n  return p.usd;\n}\n",
    )
    .with_file(
        "src/server/routes.ts",
        "import express from \"express\";\nimport { priceInUsd } from \"../shared/chain/prices\";\n\nconst app = express();\napp.get(\"/price/:s\", async (req, res) => res.json(await priceInUsd(req.params.s)));\napp.listen(3000);\n",
    ),
    // A Lambda handler's module (`handler(event, context)`): the platform
    // stops each invocation at the function's timeout.
    Case::new(
        "functions/bulk-qrcode/http.ts",
        r#"
import axios from "axios";

export const handler = async (event: { body: string }, context: unknown) => {
  const res = await axios.post("https://api.example.com/qrcodes", JSON.parse(event.body));
  return { statusCode: 200, body: JSON.stringify(res.data) };
};
"#,
    ),
    // A file the parser cannot read whole (a constructor parameter named
    // `as`) may hide the method around a call: still reported, without
    // naming a place the call is not in.
    Case::new(
        "src/CommentProcessor.ts",
        r#"
import axios from "axios";

export class CommentProcessor {
  constructor(
    private as: Appservice,
    private mediaUrl: string,
  ) {}

  private async replaceImages(urls: string[]): Promise<Buffer[]> {
    const out: Buffer[] = [];
    for (const url of urls) {
      const { data } = await axios.get(url, { responseType: "arraybuffer" });  // expect: RES001
      out.push(data);
    }
    return out;
  }
}
"#,
    ),
    // In a whole repository, a method of a decorated service class (NestJS)
    // that no file names is dead; one a scheduled job calls, and a lifecycle
    // hook the framework calls, are reached.
    Case::new(
        "src/plex/plex-api.service.ts",
        r#"
import { Injectable } from '@nestjs/common';
import axios from 'axios';

@Injectable()
export class PlexApiService {
  public async getDiscoverDataUserState(userId: string) {
    const res = await axios.get(`https://discover.provider.plex.tv/users/${userId}/state`);
    return res.data;
  }

  public async getWatchlist(userId: string) {
    const res = await axios.get(`https://metadata.provider.plex.tv/users/${userId}/watchlist`);  // expect: RES001
    return res.data;
  }

  async onModuleInit() {
    await axios.get('https://plex.tv/api/v2/ping');  // expect: RES001
  }
}
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n")
    .with_file(
        "src/rules/rules.service.ts",
        "import { Injectable } from '@nestjs/common';\nimport { Cron } from '@nestjs/schedule';\nimport { PlexApiService } from '../plex/plex-api.service';\n\n@Injectable()\nexport class RulesService {\n  constructor(private readonly plex: PlexApiService) {}\n\n  @Cron('0 * * * *')\n  async sync() {\n    return this.plex.getWatchlist('me');\n  }\n}\n",
    ),
    // A function every caller starts and leaves, from a timer's arrow too
    // (`setInterval(() => send(c).catch(log), ms)`): nothing waits on it. One
    // a caller awaits is waited on.
    Case::new(
        "src/lib/houston.js",
        r#"
async function sendToHouston(client) {
  const res = await fetch('https://stats.example.com/api/v4/houston', {
    method: 'POST',
    body: JSON.stringify({ guilds: client.guilds.cache.size }),
  });
  if (!res.ok) throw new Error(res.statusText);
}

async function fetchAnnouncements(client) {
  const res = await fetch('https://stats.example.com/api/v4/announcements');  // expect: RES001
  return res.json();
}

module.exports = { sendToHouston, fetchAnnouncements };
"#,
    )
    .with_file(
        "src/listeners/ready.js",
        "const { sendToHouston, fetchAnnouncements } = require('../lib/houston');\n\nmodule.exports = {\n  name: 'ready',\n  async run(client) {\n    sendToHouston(client).catch((e) => client.log.warn(e));\n    setInterval(() => sendToHouston(client).catch((e) => client.log.warn(e)), 12 * 3600 * 1000);\n    client.announcements = await fetchAnnouncements(client);\n  },\n};\n",
    )
    .with_file("package.json", r#"{"name": "bot", "dependencies": {"discord.js": "14"}}"#),
];
