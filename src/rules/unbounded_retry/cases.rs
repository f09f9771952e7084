//! RES005 pass and fail cases, per language.

use crate::rules::Case;

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "app/rates.py",
        "import time\nimport backoff\nfrom tenacity import retry, Retrying, stop_after_attempt\n\n@retry\ndef a():\n    pass\n\n@retry(reraise=True)\ndef b():\n    pass\n\n@backoff.on_exception(backoff.expo, Exception)\ndef c():\n    pass\n\ndef d():\n    for attempt in Retrying():\n        pass\n    while True:\n        try:\n            return fetch()\n        except Exception:\n            time.sleep(1)\n",
        &[5, 9, 13, 18, 20],
    ),
    Case::pass(
        "app/ok.py",
        "import time\nimport backoff\nfrom tenacity import retry, stop_after_attempt\n\n@retry(stop=stop_after_attempt(3))\ndef a():\n    pass\n\n@backoff.on_exception(backoff.expo, Exception, max_tries=5)\ndef c():\n    pass\n\ndef consume(queue):\n    while True:\n        try:\n            handle(queue.get())\n        except Exception:\n            log.exception('failed')\n\ndef bounded():\n    attempt = 0\n    while True:\n        attempt += 1\n        try:\n            return fetch()\n        except Exception:\n            if attempt >= 5:\n                raise\n            time.sleep(2 ** attempt)\n\ndef deadline():\n    end = time.monotonic() + 30\n    while True:\n        if time.monotonic() > end:\n            raise TimeoutError()\n        try:\n            return fetch()\n        except Exception:\n            time.sleep(1)\n",
    ),
    Case::fail(
        "svc/poll.go",
        "package svc\n\nimport \"time\"\n\nfunc Fetch() []byte {\n\tfor {\n\t\tb, err := get()\n\t\tif err != nil {\n\t\t\ttime.Sleep(time.Second)\n\t\t\tcontinue\n\t\t}\n\t\treturn b\n\t}\n}\n",
        &[6],
    ),
    Case::pass(
        "svc/ok.go",
        "package svc\n\nimport \"time\"\n\nfunc Fetch() ([]byte, error) {\n\tfor attempt := 0; ; attempt++ {\n\t\tb, err := get()\n\t\tif err != nil {\n\t\t\tif attempt >= 4 {\n\t\t\t\treturn nil, err\n\t\t\t}\n\t\t\ttime.Sleep(time.Duration(1<<attempt) * time.Second)\n\t\t\tcontinue\n\t\t}\n\t\treturn b, nil\n\t}\n}\n\nfunc Serve() {\n\tfor {\n\t\tmsg, err := next()\n\t\tif err != nil {\n\t\t\tlog.Print(err)\n\t\t\tcontinue\n\t\t}\n\t\thandle(msg)\n\t}\n}\n",
    ),
    Case::pass(
        "svc/refresh.go",
        "package svc\n\nimport \"time\"\n\nfunc (c *Client) refresher() {\n\tticker := time.NewTicker(c.every)\n\tdefer ticker.Stop()\n\tfor {\n\t\tselect {\n\t\tcase <-ticker.C:\n\t\t\tif err := c.refresh(); err != nil {\n\t\t\t\tif errors.Is(err, ErrNothingToDo) {\n\t\t\t\t\tcontinue\n\t\t\t\t}\n\t\t\t\tlog.Println(\"refresh:\", err)\n\t\t\t}\n\t\tcase <-c.closer:\n\t\t\treturn\n\t\t}\n\t}\n}\n",
    ),
    Case::fail(
        "server/sync.ts",
        "import express from 'express';\n\nexport async function load() {\n  while (true) {\n    try {\n      return await fetchRates();\n    } catch (err) {\n      await sleep(1000);\n    }\n  }\n}\n",
        &[4],
    ),
    Case::pass(
        "server/ok.ts",
        "import express from 'express';\n\nexport async function load() {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    try {\n      return await fetchRates();\n    } catch (err) {\n      await sleep(2 ** attempt * 100);\n    }\n  }\n  while (true) {\n    try {\n      return await fetchRates();\n    } catch (err) {\n      throw err;\n    }\n  }\n}\n",
    ),
    Case::fail(
        "src/main/java/app/Sync.java",
        "package app;\n\nclass Sync {\n  String load() {\n    while (true) {\n      try {\n        return client.fetch();\n      } catch (Exception e) {\n        log.warn(\"retrying\", e);\n      }\n    }\n  }\n}\n",
        &[5],
    ),
    Case::pass(
        "src/main/java/app/Ok.java",
        "package app;\n\nclass Ok {\n  String load() throws Exception {\n    int attempt = 0;\n    while (true) {\n      try {\n        return client.fetch();\n      } catch (Exception e) {\n        if (++attempt >= 5) throw e;\n        Thread.sleep(1000L << attempt);\n      }\n    }\n  }\n}\n",
    ),
    Case::fail(
        "src/sync.rs",
        "async fn load() -> Rates {\n    loop {\n        match fetch().await {\n            Ok(r) => return r,\n            Err(e) => {\n                tracing::warn!(error = %e, \"retrying\");\n                tokio::time::sleep(Duration::from_secs(1)).await;\n            }\n        }\n    }\n}\n",
        &[2],
    ),
    Case::pass(
        "src/ok.rs",
        "async fn load() -> Result<Rates, E> {\n    let mut attempt = 0;\n    loop {\n        match fetch().await {\n            Ok(r) => return Ok(r),\n            Err(e) if attempt >= 5 => return Err(e),\n            Err(_) => attempt += 1,\n        }\n    }\n}\n",
    ),
    Case::fail(
        "src/main/kotlin/app/Sync.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Sync {\n    fun load(): String {\n        while (true) {\n            try {\n                return client.fetch()\n            } catch (e: Exception) {\n                Thread.sleep(1000)\n            }\n        }\n    }\n}\n",
        &[7],
    ),
    Case::pass(
        "src/main/kotlin/app/Ok.kt",
        "package app\n\nimport org.springframework.stereotype.Service\n\nclass Ok {\n    fun load(): String {\n        while (true) {\n            try {\n                return client.fetch()\n            } catch (e: Exception) {\n                throw e\n            }\n        }\n    }\n}\n",
    ),
    Case::fail(
        "bin/sync.dart",
        "Future<String> load() async {\n  while (true) {\n    try {\n      return await fetch();\n    } catch (e) {\n      await Future.delayed(const Duration(seconds: 1));\n    }\n  }\n}\n",
        &[2],
    )
    .on(crate::finding::Stack::Backend),
    Case::pass(
        "bin/ok.dart",
        "Future<String> load() async {\n  while (true) {\n    try {\n      return await fetch();\n    } catch (e) {\n      rethrow;\n    }\n  }\n}\n",
    )
    .on(crate::finding::Stack::Backend),
];
