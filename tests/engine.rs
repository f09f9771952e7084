//! The engine API without the file system: an in-memory project, service-wide
//! facts decided per service root, and outcomes that serialise.

use faultline::engine::{check_files, Engine, FileMeta, Options};
use faultline::lang::Lang;

fn rules(ids: &[&str]) -> Options {
    Options {
        enabled: faultline::rules::ALL
            .iter()
            .map(|r| ids.contains(&r.meta().id))
            .collect(),
        ..Options::all_rules()
    }
}

#[test]
fn a_health_route_counts_only_in_its_own_service() {
    let files = [
        ("orders/package.json", r#"{"dependencies": {"express": "4"}}"#),
        (
            "orders/src/app.ts",
            "import express from 'express';\nconst app = express();\napp.post('/orders', create);\n",
        ),
        (
            "orders/src/health.ts",
            "import { Router } from 'express';\nexport const r = Router();\nr.get('/healthz', (_q, s) => s.send('ok'));\n",
        ),
        ("billing/package.json", r#"{"dependencies": {"express": "4"}}"#),
        ("billing/Dockerfile", "FROM node:22\n"),
        (
            "billing/src/app.ts",
            "import express from 'express';\nconst app = express();\napp.post('/invoices', create);\nconst up = await fetch('http://orders/healthz');\n",
        ),
    ];
    let result = check_files(&files, rules(&["RES010"]));
    let at: Vec<(String, usize)> = result
        .findings
        .iter()
        .map(|f| (f.path.clone(), f.line))
        .collect();
    assert_eq!(at, [("billing/src/app.ts".to_string(), 2)]);
    assert_eq!(result.stats.files, 4);
}

#[test]
fn check_source_reads_nothing_but_its_text_and_serialises() {
    let engine = Engine::new(rules(&["RES001"]), &[]);
    let meta = FileMeta::for_path("svc/client.py").unwrap();
    assert_eq!(
        (meta.lang, meta.service_root.as_str()),
        (Lang::Python, "svc")
    );
    let text = "import requests\n\ndef get(u):\n    return requests.get(u)\n";
    let a = engine.check_source(&meta, text);
    let b = engine.check_source(&meta, text);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, serde_json::to_string(&b).unwrap());
    assert_eq!(a.findings.len(), 1);
    assert_eq!(a.findings[0].finding.rule, "RES001");
    assert!(json.contains("\"service_root\":\"svc\""), "{json}");
    let report = engine.finish(vec![a]);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].line, 4);
}

#[test]
fn a_redis_fix_keeps_the_socket_timeout_above_a_blocking_command() {
    let blocking = "import redis\n\nBREDIS = redis.Redis(host=\"cache\")\n\ndef next_job(key):\n    return BREDIS.blpop(key, timeout=55)\n";
    // Another client of the same file that blocks in nothing gets the plain fix.
    let beside = "import redis\n\nREDIS = redis.Redis(host=\"cache\")\nBREDIS = redis.Redis(host=\"cache\", socket_timeout=65)\n\ndef next_job(key):\n    return BREDIS.blpop(key, timeout=55)\n";
    let plain = "import redis\n\nREDIS = redis.Redis(host=\"cache\")\n\ndef get(key):\n    return REDIS.get(key)\n";
    let fix_of = |path: &str, text: &str| {
        let files = [(path, text), ("requirements.txt", "redis==4.5.0\n")];
        let result = check_files(&files, rules(&["RES001"]));
        assert_eq!(result.findings.len(), 1, "{:#?}", result.findings);
        result.findings[0].fix.clone()
    };
    let fix = fix_of("app/queue.py", blocking);
    assert!(
        fix.contains("longer than the longest blocking command")
            && fix.contains("`return BREDIS.blpop(key, timeout=55)` at `app/queue.py:6`"),
        "{fix}"
    );
    for (path, text) in [("app/cache.py", plain), ("app/both.py", beside)] {
        let fix = fix_of(path, text);
        assert!(fix.starts_with("Pass `socket_timeout=5"), "{path}: {fix}");
    }
}

#[test]
fn an_idempotency_key_from_a_conditional_names_its_random_branch() {
    let java = "package x;\n\nimport java.util.UUID;\nimport software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;\n\nclass Sink {\n    PublishBatchRequestEntry entry(Config cfg, String body) {\n        return PublishBatchRequestEntry.builder()\n            .message(body)\n            .messageDeduplicationId(cfg.dedupId() != null ? cfg.dedupId() : UUID.randomUUID().toString())\n            .build();\n    }\n}\n";
    let files = [("src/main/java/x/Sink.java", java)];
    let result = check_files(&files, rules(&["IDM001"]));
    assert_eq!(result.findings.len(), 1, "{:#?}", result.findings);
    let issue = &result.findings[0].issue;
    assert!(
        issue.starts_with("`messageDeduplicationId` is set from `UUID.randomUUID().toString()` whenever `cfg.dedupId() != null` does not hold,"),
        "{issue}"
    );
}
