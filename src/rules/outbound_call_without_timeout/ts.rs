//! RES001 in TypeScript/JavaScript on the backend (CLI001 is the frontend twin).

use super::Case;

pub(super) const CASES: &[Case] = &[
    // Server code: `document` here is a local variable, the DOM only named in a comment.
    Case::fail(
        "lib/sign.ts",
        "// Renders like document.title in the browser preview.\nexport async function sign(id: string) {\n  const document = await db.document.findFirst({ where: { id } });\n  await fetch(`https://signer/${document.id}`);\n}\n",
        &[4],
    ),
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
