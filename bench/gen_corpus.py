#!/usr/bin/env python3
"""Generates a reproducible polyglot corpus for the benchmark (seeded; same bytes every run).

Each file is assembled from realistic snippets — services, handlers, clients, retries,
error handling — with identifiers varied per file, in Python, Go, Java, Rust,
TypeScript/TSX, JavaScript, Kotlin, Swift and Dart.

usage: gen_corpus.py OUT_DIR [FILES_PER_LANGUAGE]
"""
import os
import random
import sys

PY = '''import logging
import requests
from fastapi import FastAPI, HTTPException

logger = logging.getLogger(__name__)
app = FastAPI()
session = requests.Session()


class {C}Repository:
    def __init__(self, db):
        self.db = db
        self.cache = {{}}

    def get(self, key):
        if key in self.cache:
            return self.cache[key]
        row = self.db.execute("SELECT * FROM {t} WHERE id = %s", (key,)).fetchone()
        self.cache[key] = row
        return row

    def save(self, item):
        try:
            self.db.execute("INSERT INTO {t} VALUES (%s)", (item,))
            self.db.commit()
        except Exception:
            logger.exception("save failed")
            raise


@app.get("/{t}/{{item_id}}")
async def read_{f}(item_id: int):
    repo = {C}Repository(db=None)
    item = repo.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail="not found")
    return {{"id": item_id, "value": item}}


def sync_{f}(items):
    results = []
    for item in items:
        try:
            resp = session.post("http://upstream/{t}", json=item, timeout={n})
            results.append(resp.json())
        except ValueError:
            continue
    return results


def fetch_{f}(url):
    return requests.get(url{timeout})


def compute_{f}(values):
    total = 0
    for v in values:
        if v % 2 == 0:
            total += v * {n}
        else:
            total -= v
    return [x for x in values if x > total]
'''

GO = '''package {p}

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"time"
)

type {C} struct {{
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}}

var client{C} = &http.Client{{Timeout: {n} * time.Second}}

func Handle{C}(w http.ResponseWriter, r *http.Request) {{
	item := {C}{{ID: 1, Name: "x"}}
	if err := json.NewEncoder(w).Encode(item); err != nil {{
		log.Printf("encode: %v", err)
	}}
}}

func Fetch{C}(url string) (*{C}, error) {{
	resp, err := client{C}.Get(url)
	if err != nil {{
		return nil, fmt.Errorf("fetch {t}: %w", err)
	}}
	defer resp.Body.Close()
	var out {C}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {{
		return nil, err
	}}
	return &out, nil
}}

func Sum{C}(xs []int) int {{
	total := 0
	for _, x := range xs {{
		if x%2 == 0 {{
			total += x * {n}
		}} else {{
			total -= x
		}}
	}}
	return total
}}

func Legacy{C}(url string) {{
	resp, err := http.Get(url)
	if err != nil {{
		return
	}}
	resp.Body.Close()
}}
'''

JAVA = '''package com.example.{p};

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class {C}Controller {{
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds({n})).build();
    private final List<String> names = new ArrayList<>();

    @GetMapping("/{t}")
    public List<String> list() {{
        return names;
    }}

    public int sum(int[] xs) {{
        int total = 0;
        for (int x : xs) {{
            if (x % 2 == 0) {{
                total += x * {n};
            }} else {{
                total -= x;
            }}
        }}
        return total;
    }}

    public void load(String raw) {{
        try {{
            names.add(Integer.toString(Integer.parseInt(raw)));
        }} catch (NumberFormatException e) {{
            names.add("invalid");
        }}
    }}
}}
'''

RUST = '''use std::collections::HashMap;
use std::time::Duration;

pub struct {C}Store {{
    items: HashMap<u64, String>,
    client: reqwest::Client,
}}

impl {C}Store {{
    pub fn new() -> Self {{
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs({n}))
            .build()
            .expect("client");
        Self {{ items: HashMap::new(), client }}
    }}

    pub async fn fetch(&self, url: &str) -> Result<String, reqwest::Error> {{
        self.client.get(url).send().await?.text().await
    }}

    pub fn sum(&self, xs: &[i64]) -> i64 {{
        let mut total = 0;
        for x in xs {{
            if x % 2 == 0 {{
                total += x * {n};
            }} else {{
                total -= x;
            }}
        }}
        total
    }}

    pub fn get(&self, id: u64) -> Option<&String> {{
        match self.items.get(&id) {{
            Some(v) => Some(v),
            None => None,
        }}
    }}
}}
'''

TS = '''import express from 'express';
import axios from 'axios';

const api{C} = axios.create({{ baseURL: 'http://{t}', timeout: {n}000 }});

export interface {C} {{
  id: number;
  name: string;
  tags: string[];
}}

export async function load{C}(id: number): Promise<{C}> {{
  const res = await api{C}.get(`/{t}/${{id}}`);
  return res.data as {C};
}}

export function sum{C}(xs: number[]): number {{
  let total = 0;
  for (const x of xs) {{
    if (x % 2 === 0) {{
      total += x * {n};
    }} else {{
      total -= x;
    }}
  }}
  return total;
}}

export const router{C} = express.Router();
router{C}.get('/{t}/:id', async (req, res) => {{
  try {{
    res.json(await load{C}(Number(req.params.id)));
  }} catch (err) {{
    console.error('load failed', err);
    res.status(502).end();
  }}
}});

export async function ping{C}() {{
  return fetch('http://{t}/health'{signal});
}}
'''

TSX = '''import React, {{ useEffect, useState }} from 'react';

type Props = {{ id: number; title: string }};

export function {C}Card({{ id, title }}: Props) {{
  const [data, setData] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {{
    let cancelled = false;
    fetch(`/api/{t}/${{id}}`, {{ signal: AbortSignal.timeout({n}000) }})
      .then((r) => r.text())
      .then((t) => {{ if (!cancelled) setData(t); }})
      .catch((e) => setError(String(e)));
    return () => {{ cancelled = true; }};
  }}, [id]);

  if (error) return <p role="alert">{{error}}</p>;
  if (!data) return <p>Loading {{title}}…</p>;
  return (
    <section>
      <h2>{{title}}</h2>
      <ul>
        {{data.split(',').map((x) => <li key={{x}}>{{x}}</li>)}}
      </ul>
    </section>
  );
}}
'''

KT = '''package com.example.{p}

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RestController

data class {C}(val id: Int, val name: String)

@RestController
class {C}Controller {{
    private val items = mutableListOf<{C}>()

    @GetMapping("/{t}")
    fun list(): List<{C}> = items

    fun sum(xs: List<Int>): Int {{
        var total = 0
        for (x in xs) {{
            if (x % 2 == 0) total += x * {n} else total -= x
        }}
        return total
    }}

    fun parse(raw: String): Int? = try {{
        raw.toInt()
    }} catch (e: NumberFormatException) {{
        null
    }}
}}
'''

SWIFT = '''import Foundation

struct {C}: Codable {{
    let id: Int
    let name: String
}}

final class {C}Loader {{
    private let session = URLSession.shared

    func load(id: Int) async throws -> {C} {{
        let url = URL(string: "https://api.example.com/{t}/\\(id)")!
        let (data, _) = try await session.data(from: url)
        return try JSONDecoder().decode({C}.self, from: data)
    }}

    func sum(_ xs: [Int]) -> Int {{
        var total = 0
        for x in xs {{
            if x % 2 == 0 {{ total += x * {n} }} else {{ total -= x }}
        }}
        return total
    }}
}}
'''

DART = '''import 'package:http/http.dart' as http;

class {C} {{
  final int id;
  final String name;
  {C}(this.id, this.name);
}}

class {C}Repository {{
  Future<String> load(int id) async {{
    final res = await http
        .get(Uri.parse('https://api.example.com/{t}/$id'))
        .timeout(const Duration(seconds: {n}));
    return res.body;
  }}

  int sum(List<int> xs) {{
    var total = 0;
    for (final x in xs) {{
      if (x % 2 == 0) {{
        total += x * {n};
      }} else {{
        total -= x;
      }}
    }}
    return total;
  }}
}}
'''

TEMPLATES = [
    ("svc_py", ".py", PY),
    ("svc_go", ".go", GO),
    ("svc_java", ".java", JAVA),
    ("svc_rs", ".rs", RUST),
    ("server", ".ts", TS),
    ("components", ".tsx", TSX),
    ("jobs_js", ".js", TS.replace(": Promise<{C}>", "").replace(": number[]", "").replace(": number", "").replace(" as {C}", "").replace("export interface {C} {{\n  id;\n  name: string;\n  tags: string[];\n}}\n", "")),
    ("svc_kt", ".kt", KT),
    ("ios", ".swift", SWIFT),
    ("app_dart", ".dart", DART),
]

WORDS = ["order", "invoice", "user", "cart", "payment", "shipment", "refund", "coupon", "stock", "review"]


def main():
    out = sys.argv[1]
    per_lang = int(sys.argv[2]) if len(sys.argv) > 2 else 240
    rng = random.Random(42)
    for folder, ext, template in TEMPLATES:
        # Several copies of the template per file make realistic sizes (200–600 lines).
        for i in range(per_lang):
            d = os.path.join(out, folder, f"pkg{i % 20}")
            os.makedirs(d, exist_ok=True)
            parts = []
            copies = rng.randint(2, 5)
            for j in range(copies):
                w = rng.choice(WORDS)
                name = f"{w.capitalize()}{i}x{j}"
                text = template.format(
                    C=name,
                    t=w,
                    f=f"{w}_{i}_{j}",
                    p=f"pkg{i % 20}",
                    n=rng.randint(2, 30),
                    timeout="" if rng.random() < 0.3 else ", timeout=5",
                    signal="" if rng.random() < 0.3 else ", { signal: AbortSignal.timeout(2000) }",
                )
                if j > 0 and ext in (".go", ".java", ".kt"):
                    # One package/import header per file.
                    text = text.split("\n\n", 2)[-1] if ext == ".go" else text.split("\n\n", 2)[-1]
                parts.append(text)
            with open(os.path.join(d, f"{folder}_{i}{ext}"), "w") as f:
                f.write("\n".join(parts))


if __name__ == "__main__":
    main()
