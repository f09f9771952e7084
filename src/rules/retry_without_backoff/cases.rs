//! RES006 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    // Temporal workflow code: the engine owns retries and timers (`workflow.Sleep`
    // is a durable timer), so a loop there is not a hand-rolled retry.
    Case::pass(
        "svc/workflow.go",
        "package svc\n\nimport \"go.temporal.io/sdk/workflow\"\n\nfunc OrderWorkflow(ctx workflow.Context) error {\n\tfor i := 0; i < 5; i++ {\n\t\terr := workflow.ExecuteActivity(ctx, Charge).Get(ctx, nil)\n\t\tif err != nil {\n\t\t\tcontinue\n\t\t}\n\t\treturn nil\n\t}\n\treturn nil\n}\n",
    ),
    Case::fail(
        "svc/activity.go",
        "package svc\n\nimport \"context\"\n\nfunc Charge(ctx context.Context) error {\n\tfor i := 0; i < 5; i++ {\n\t\terr := callBank(ctx)\n\t\tif err != nil {\n\t\t\tcontinue\n\t\t}\n\t\treturn nil\n\t}\n\treturn nil\n}\n",
        &[6],
    ),
    Case::pass(
        "src/workflows.ts",
        "import { proxyActivities, sleep } from '@temporalio/workflow';\n\nexport async function order(): Promise<void> {\n  for (let attempt = 1; attempt <= 3; ++attempt) {\n    try {\n      return await charge();\n    } catch (err) {\n      continue;\n    }\n  }\n}\n",
    ),
    Case::fail(
        "app/sync.py",
        "import time\nimport requests\nfrom requests.adapters import HTTPAdapter, Retry\nfrom tenacity import retry, stop_after_attempt, wait_fixed\n\n@retry(stop=stop_after_attempt(3))\ndef a():\n    pass\n\n@retry(stop=stop_after_attempt(3), wait=wait_fixed(2))\ndef b():\n    pass\n\nadapter = HTTPAdapter(max_retries=Retry(total=5, status_forcelist=[502, 503]))\n\ndef c():\n    for attempt in range(5):\n        try:\n            return requests.get('http://x', timeout=5)\n        except requests.RequestException:\n            time.sleep(1)\n\ndef d():\n    while True:\n        try:\n            return requests.get('http://x', timeout=5)\n        except requests.RequestException:\n            continue\n",
        &[6, 10, 14, 17, 24],
    ),
    Case::pass(
        "app/ok.py",
        "import random, time\nimport requests\nfrom urllib3.util.retry import Retry\nfrom tenacity import retry, stop_after_attempt, wait_exponential_jitter, wait_fixed, wait_random\n\n@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(max=10))\ndef a():\n    pass\n\n@retry(stop=stop_after_attempt(3), wait=wait_fixed(1) + wait_random(0, 1))\ndef b():\n    pass\n\nr = Retry(total=5, backoff_factor=0.5)\n\ndef c():\n    for attempt in range(5):\n        try:\n            return requests.get('http://x', timeout=5)\n        except requests.RequestException:\n            time.sleep(min(30, 2 ** attempt) * random.random())\n\ndef mirrors(urls):\n    for url in urls:\n        try:\n            return requests.get(url, timeout=5)\n        except requests.RequestException:\n            continue\n",
    ),
    Case::fail(
        "svc/sync.go",
        "package svc\n\nimport \"time\"\n\nfunc Fetch() ([]byte, error) {\n\tvar err error\n\tfor i := 0; i < 5; i++ {\n\t\tvar b []byte\n\t\tb, err = get()\n\t\tif err != nil {\n\t\t\ttime.Sleep(500 * time.Millisecond)\n\t\t\tcontinue\n\t\t}\n\t\treturn b, nil\n\t}\n\treturn nil, err\n}\n",
        &[7],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nimport \"time\"\n\nfunc Fetch() ([]byte, error) {\n\tvar err error\n\tdelay := 100 * time.Millisecond\n\tfor i := 0; i < 5; i++ {\n\t\tvar b []byte\n\t\tb, err = get()\n\t\tif err != nil {\n\t\t\ttime.Sleep(delay)\n\t\t\tdelay *= 2\n\t\t\tcontinue\n\t\t}\n\t\treturn b, nil\n\t}\n\treturn nil, err\n}\n\nfunc Each(urls []string) []byte {\n\tfor _, u := range urls {\n\t\tb, err := getURL(u)\n\t\tif err != nil {\n\t\t\tcontinue\n\t\t}\n\t\treturn b\n\t}\n\treturn nil\n}\n",
    ),
    Case::pass(
        "svc/coordinator.go",
        "package svc\n\nimport \"time\"\n\nfunc (s *Session) coordinator() (*Broker, error) {\n\ttimer := time.NewTimer(s.backoff)\n\tdefer timer.Stop()\n\tretries := 3\n\tfor {\n\t\tb, err := s.client.Coordinator(s.group)\n\t\tif err != nil {\n\t\t\tif retries <= 0 {\n\t\t\t\treturn nil, err\n\t\t\t}\n\t\t\ttimer.Reset(s.backoff)\n\t\t\tselect {\n\t\t\tcase <-s.dying:\n\t\t\t\treturn nil, err\n\t\t\tcase <-timer.C:\n\t\t\t\tretries--\n\t\t\t}\n\t\t\tcontinue\n\t\t}\n\t\treturn b, nil\n\t}\n}\n",
    ),
    Case::fail(
        "server/sync.ts",
        "import express from 'express';\n\nexport async function load() {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    try {\n      return await fetchRates();\n    } catch (err) {\n      await new Promise((r) => setTimeout(r, 1000));\n    }\n  }\n}\n",
        &[4],
    ),
    Case::pass(
        "server/ok.ts",
        "import express from 'express';\n\nexport async function load() {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    try {\n      return await fetchRates();\n    } catch (err) {\n      await sleep(2 ** attempt * 100 + Math.random() * 100);\n    }\n  }\n}\n",
    ),
];
