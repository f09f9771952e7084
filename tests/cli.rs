//! The binary end to end: the bundled example, exit codes, selection, output files.

use std::path::Path;
use std::process::{Command, Output};

fn faultline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run faultline")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON report with its one time-dependent field pinned.
/// The findings of `faultline check . --format json` run in `dir`, with `args` added.
fn findings_in(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let o = check_in(dir, &[&[".", "--format", "json"], args].concat());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// The paths of the RES001 findings of a check of `dir` with `args`, sorted.
fn res001_paths(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut p: Vec<String> = findings_in(dir, args)
        .iter()
        .filter(|f| f["rule"] == "RES001")
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    p.sort();
    p
}

/// Asserts that `faultline args` is a usage error (exit 2) whose message holds `needle`.
fn assert_usage_error(args: &[&str], needle: &str) {
    let o = faultline(args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(needle), "{}", stderr(&o));
}

/// Asserts that `faultline check args`, run in `dir`, is a usage error (exit
/// 2) whose message holds `needle`; its output, for more checks.
fn assert_usage_error_in(dir: &Path, args: &[&str], needle: &str) -> Output {
    let o = check_in(dir, args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(needle), "{}", stderr(&o));
    o
}

/// `faultline check` with `args`, run in `dir`.
fn check_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run faultline")
}

/// Writes `text` to `path` under `dir`, making its directories.
fn write_file(dir: &Path, path: &str, text: &str) {
    let f = dir.join(path);
    std::fs::create_dir_all(f.parent().unwrap()).unwrap();
    std::fs::write(f, text).unwrap();
}

fn stable_json(o: &Output) -> String {
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    v["stats"]["duration_ms"] = 0.into();
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn example_json_report() {
    // With the preview rules, so that every rule's findings on the example stay covered.
    let o = faultline(&["check", "examples/shop", "--format", "json", "--preview"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!(stable_json(&o));
}

#[test]
fn example_markdown_report() {
    let o = faultline(&["check", "examples/shop", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn example_text_report() {
    let o = faultline(&["check", "examples/shop"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn example_github_report() {
    let o = faultline(&[
        "check",
        "examples/shop",
        "--format",
        "github",
        "--select",
        "RES001",
    ]);
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let a = faultline(&[
        "check",
        "examples/shop",
        "--format",
        "json",
        "--jobs",
        "1",
        "--preview",
    ]);
    let b = faultline(&[
        "check",
        "examples/shop",
        "--format",
        "json",
        "--jobs",
        "4",
        "--preview",
    ]);
    assert_eq!(stable_json(&a), stable_json(&b));
    let c = faultline(&["check", "examples/shop", "--format", "markdown"]);
    let d = faultline(&["check", "examples/shop", "--format", "markdown"]);
    assert_eq!(c.stdout, d.stdout);
}

#[test]
fn exit_codes_follow_fail_on() {
    assert_eq!(
        faultline(&["check", "examples/shop", "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        faultline(&["check", "examples/shop", "--fail-on", "high"])
            .status
            .code(),
        Some(1)
    );
    // Only LOW findings remain when RES001's Redis finding is all that is selected…
    let low_only = [
        "check",
        "examples/shop/api/app/cache.py",
        "--fail-on",
        "medium",
    ];
    assert_eq!(faultline(&low_only).status.code(), Some(0));
    // …and hiding them leaves nothing to fail on.
    let hidden = faultline(&[
        "check",
        "examples/shop/api/app/cache.py",
        "--min-severity",
        "medium",
        "--format",
        "json",
    ]);
    assert_eq!(hidden.status.code(), Some(0));
    assert!(stable_json(&hidden).contains("\"findings\": []"));
    assert_eq!(
        faultline(&["check", "examples/shop/api/app/cache.py"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn clean_code_exits_zero() {
    let o = faultline(&[
        "check",
        "examples/shop/api/app/__init__.py",
        "examples/shop/web/src/api.ts",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("No findings in 2 files"));
}

#[test]
fn select_and_ignore_by_id_prefix_and_pillar() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["check", "examples/shop", "--format", "json"];
        full.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_slice(&faultline(&full).stdout).unwrap();
        let mut ids: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        ids.dedup();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(ids(&["--select", "RES003"]), ["RES003"]);
    assert_eq!(ids(&["--select", "res001"]), ["RES001"]);
    let without = ids(&["--ignore", "RES001", "--preview"]);
    assert!(
        !without.contains(&"RES001".to_string()) && without.contains(&"RES003".to_string()),
        "{without:?}"
    );
    // Preview rules run for a prefix or pillar only with `--preview`.
    let res = ids(&["--select", "RES", "--preview"]);
    assert!(
        res.iter().all(|id| id.starts_with("RES")) && res.len() >= 2,
        "{res:?}"
    );
    assert_eq!(ids(&["--select", "resilience", "--preview"]), res);
    let dur = ids(&["--select", "durability", "--preview"]);
    assert!(
        !dur.is_empty() && dur.iter().all(|id| id.starts_with("DUR")),
        "{dur:?}"
    );
    let idm = ids(&["--select", "idempotency", "--preview"]);
    assert!(
        !idm.is_empty() && idm.iter().all(|id| id.starts_with("IDM")),
        "{idm:?}"
    );
    assert!(ids(&["--select", "RES", "--ignore", "resilience"]).is_empty());
    // A pillar with nothing to run would gate nothing: a usage error that says
    // why, for one with no rules and for one with only preview rules.
    assert_usage_error(
        &["check", "examples/shop", "--select", "concurrency"],
        "the Concurrency pillar (`concurrency`) has no rules yet",
    );
    assert_usage_error(
        &["check", "examples/shop", "--select", "DUR"],
        "has only preview rules: add --preview",
    );
    // Ignoring an empty pillar ignores nothing.
    let o = faultline(&["check", "examples/shop", "--ignore", "CON", "-q"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn unknown_selector_is_a_usage_error_with_a_suggestion() {
    let o = faultline(&["check", "examples/shop", "--select", "RES01"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("--select: unknown rule, prefix or pillar `RES01`"),
        "{err}"
    );
    assert!(err.contains("did you mean `RES001`?"), "{err}");
}

#[test]
fn bad_flag_exits_two_with_a_message() {
    assert_usage_error(&["check", "--colour"], "unexpected argument '--colour'");
    let o = faultline(&["check", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value 'pdf'"), "{}", stderr(&o));
    assert_eq!(faultline(&["check", "--jobs", "0"]).status.code(), Some(2));
}

#[test]
fn missing_path_is_reported_and_exits_two() {
    let o = faultline(&[
        "check",
        "examples/shop/api",
        "no/such/dir",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], "no/such/dir");
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("path not found"));
    // The rest of the scan completed.
    assert!(!v["findings"].as_array().unwrap().is_empty());
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    std::fs::write(&target, "stale").unwrap();
    let o = faultline(&[
        "check",
        "examples/shop",
        "--format",
        "json",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left behind"
    );
    assert_usage_error(
        &[
            "check",
            "examples/shop",
            "--output",
            "/no/such/dir/report.json",
        ],
        "--output /no/such/dir/report.json",
    );
}

#[test]
fn rules_and_rule_docs() {
    let o = faultline(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
    let o = faultline(&["rule", "res001"]);
    assert_eq!(o.status.code(), Some(0));
    let doc = stdout(&o);
    for section in [
        "# RES001 outbound-call-without-timeout",
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "Use instead:",
    ] {
        assert!(doc.contains(section), "missing {section}");
    }
    let o = faultline(&["rule", "RES0003"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `RES003`?"));
}

#[test]
fn suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("svc.py");
    std::fs::write(
        &f,
        "import requests\n\n# faultline: ignore[RES001] internal sidecar on localhost\nrequests.get('http://localhost:1')\nrequests.get('http://b')  # faultline: ignore[RES003] wrong rule\n# faultline: ignore\nrequests.get('http://c')\n# faultline: ignore[RES001] nothing here\n",
    )
    .unwrap();
    let o = faultline(&[
        "check",
        f.to_str().unwrap(),
        "--format",
        "json",
        "--verbose",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [5, 7]);
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("needs a rule list"));
    assert!(
        stderr(&o).contains(":8: unused suppression ignore[RES001]"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains(":5: unused suppression ignore[RES003]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn readme_starts_with_the_two_commands() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let head: String = readme.lines().take(15).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains("cargo run --release -- check examples/shop"),
        "{head}"
    );
    assert!(head.contains("cargo test"), "{head}");
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = readme
        .split("<!-- rules:start -->\n")
        .nth(1)
        .and_then(|r| r.split("<!-- rules:end -->").next())
        .unwrap();
    let rows: Vec<Vec<String>> = table
        .lines()
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    let listed = stdout(&faultline(&["rules"]));
    let expected: Vec<Vec<String>> = listed
        .lines()
        .skip(1)
        .map(|l| {
            // ID, name, pillar (may hold spaces), severity, stack, status, languages
            let words: Vec<&str> = l.split_whitespace().collect();
            let sev = words
                .iter()
                .position(|w| matches!(*w, "HIGH" | "MEDIUM" | "LOW"))
                .unwrap();
            vec![
                words[0].to_string(),
                words[1].to_string(),
                words[2..sev].join(" "),
                words[sev].to_string(),
                words[sev + 1].to_string(),
                words[sev + 2].to_string(),
                words[sev + 3..].join(" "),
            ]
        })
        .collect();
    assert_eq!(
        rows, expected,
        "README rule table is out of date with `faultline rules`"
    );
}

#[test]
fn script_stack_comes_from_imports_package_json_and_path() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |p: &str, s: &str| write_file(d, p, s);
    let call = "export const f = () => fetch('https://x');\n";
    write("api/package.json", r#"{"dependencies": {"express": "^4"}}"#);
    write("api/lib/client.ts", call);
    write("web/package.json", r#"{"dependencies": {"react": "^18"}}"#);
    write("web/lib/client.ts", call);
    // An ORM's types are shared with browser code: the package decides.
    write(
        "web/lib/types_only.ts",
        &format!("import type {{ Order }} from '@prisma/client';\n{call}"),
    );
    // A server framework's types mark server code.
    write(
        "web/server_types.ts",
        &format!("import type {{ Next }} from 'koa';\n{call}"),
    );
    write("misc/services/client.js", call);
    write("misc/hooks/client.js", call);
    write(
        "misc/imports_express.ts",
        &format!("import express from 'express';\n{call}"),
    );
    // Markers of browser-only code beat a server package: Next's `client-only`
    // (directory or import) and Remix's `*.client.ts`.
    write("api/client-only/download.ts", call);
    write("api/lib/upload.client.ts", call);
    write(
        "api/lib/marked.ts",
        &format!("import 'client-only';\n{call}"),
    );
    // A browser driver runs in Node, `document` in its callbacks in the page;
    // as a front end's dev dependency it says nothing.
    write(
        "web/lib/archive.ts",
        &format!(
            "import {{ chromium }} from 'playwright';\nconst t = () => document.title;\n{call}"
        ),
    );
    write(
        "e2e-app/package.json",
        r#"{"dependencies": {"react": "^18"}, "devDependencies": {"playwright": "^1"}}"#,
    );
    write("e2e-app/src/api.ts", call);
    // A full-stack package (server and UI dependencies): its directories tell
    // browser code from server code, and so do React's module directives.
    write(
        "editor/package.json",
        r#"{"dependencies": {"express": "^4", "react": "^18", "react-dom": "^18"}}"#,
    );
    write("editor/client/src/lib/queryClient.ts", call);
    write("editor/server/routes.ts", call);
    write(
        "editor/lib/swr/documents.ts",
        &format!("'use client';\n{call}"),
    );
    write(
        "editor/lib/actions.ts",
        &format!("// server actions\n\"use server\";\n{call}"),
    );
    // A browser extension's background worker.
    write(
        "extension/src/background.ts",
        &format!("chrome.alarms.onAlarm.addListener(() => refresh());\n{call}"),
    );
    let run = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["check", ".", "--format", "json", "--select", "RES001"];
        args.extend_from_slice(extra);
        let o = Command::new(env!("CARGO_BIN_EXE_faultline"))
            .args(&args)
            .current_dir(d)
            .output()
            .unwrap();
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let paths = |v: &serde_json::Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    let auto = run(&[]);
    assert_eq!(
        paths(&auto),
        [
            "api/lib/client.ts",
            "editor/lib/actions.ts",
            "editor/server/routes.ts",
            "misc/imports_express.ts",
            "misc/services/client.js",
            "web/lib/archive.ts",
            "web/server_types.ts"
        ]
    );
    assert_eq!(auto["stats"]["by_stack"]["backend"], 7);
    assert_eq!(auto["stats"]["by_stack"]["frontend"], 10);
    let forced = run(&["--stack", "backend"]);
    assert_eq!(paths(&forced).len(), 17);
}

#[test]
fn redis_8_pin_in_the_project_silences_the_redis_timeout_finding() {
    let scan = |requirements: &str| -> usize {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("requirements.txt"), requirements).unwrap();
        std::fs::create_dir(dir.path().join("app")).unwrap();
        std::fs::write(
            dir.path().join("app/cache.py"),
            "import redis\nr = redis.Redis(host='cache')\n",
        )
        .unwrap();
        findings_in(dir.path(), &[]).len()
    };
    assert_eq!(scan("redis==5.0.8\n"), 1);
    assert_eq!(scan("redis>=8.0\n"), 0);
    // Pins kept in a directory of requirements files (`requirements/pip.txt`).
    let in_dir = |pins: &str| -> usize {
        let dir = tempfile::tempdir().unwrap();
        write_file(dir.path(), "requirements/pip.txt", pins);
        write_file(dir.path(), "requirements/docs.txt", "sphinx==7.0\n");
        write_file(
            dir.path(),
            "app/cache.py",
            "import redis\nr = redis.Redis(host='cache')\n",
        );
        findings_in(dir.path(), &[]).len()
    };
    assert_eq!(in_dir("django==5.0\nredis==5.0.8\n"), 1);
    assert_eq!(in_dir("django==5.0\nredis==8.0.1\n"), 0);
}

#[test]
fn project_wide_facts_come_from_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("server")).unwrap();
    std::fs::write(
        d.join("server/app.ts"),
        "import express from 'express';\nconst app = express();\napp.listen(3000);\n",
    )
    .unwrap();
    std::fs::write(d.join("server/Dockerfile"), "FROM node:22\n").unwrap();
    let rules = |d: &Path| -> Vec<String> {
        findings_in(d, &["--select", "RES007,RES010"])
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules(d), ["RES010", "RES007"]);
    std::fs::write(d.join("server/health.ts"), "import { Router } from 'express';\nexport const health = Router().get('/healthz', (_q, s) => s.send('ok'));\n").unwrap();
    assert_eq!(rules(d), ["RES007"]);
    std::fs::write(
        d.join("server/shutdown.ts"),
        "import express from 'express';\nprocess.on('SIGTERM', () => process.exit(0));\n",
    )
    .unwrap();
    assert!(rules(d).is_empty());
}

#[test]
fn service_facts_are_per_service_root() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |p: &str, s: &str| write_file(d, p, s);
    write("a/package.json", r#"{"dependencies": {"express": "^4"}}"#);
    write(
        "a/src/app.ts",
        "import express from 'express';\nconst app = express();\napp.get('/healthz', ok);\n",
    );
    write("b/package.json", r#"{"dependencies": {"koa": "^2"}}"#);
    write("Dockerfile", "FROM node:22\n");
    write(
        "b/src/main.ts",
        "import Koa from 'koa';\nconst app = new Koa();\n",
    );
    write(
        "b/src/routes/api.ts",
        "import Koa from 'koa';\nconst api = new Koa();\n",
    );
    let found = findings_in(d, &["--select", "RES010"]);
    let paths: Vec<&str> = found.iter().map(|f| f["path"].as_str().unwrap()).collect();
    // Service a has its health route; service b is reported once, not per sub-app.
    assert_eq!(paths, ["b/src/main.ts"]);
}

#[test]
fn spring_boot_actuator_counts_as_a_health_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("src/main/java/app")).unwrap();
    std::fs::write(
        d.join("src/main/java/app/App.java"),
        "package app;\n\n@SpringBootApplication\n@RestController\npublic class App {}\n",
    )
    .unwrap();
    let count = |d: &Path| findings_in(d, &["--select", "RES010"]).len();
    std::fs::write(d.join("Dockerfile"), "FROM eclipse-temurin:21\n").unwrap();
    std::fs::write(d.join("pom.xml"), "<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>").unwrap();
    assert_eq!(count(d), 1);
    std::fs::write(d.join("pom.xml"), "<project><dependencies><dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency></dependencies></project>").unwrap();
    assert_eq!(count(d), 0);
    // An app with no controllers (an RPC provider, a worker) serves no HTTP.
    std::fs::write(d.join("pom.xml"), "<project></project>").unwrap();
    std::fs::write(
        d.join("src/main/java/app/App.java"),
        "package app;\n\n@SpringBootApplication\npublic class App {}\n",
    )
    .unwrap();
    assert_eq!(count(d), 0);
}

#[test]
fn spring_boot_actuator_in_a_parent_pom_is_inherited_by_its_modules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let module = d.join("shop-portal");
    std::fs::create_dir_all(module.join("src/main/java/app")).unwrap();
    std::fs::write(
        module.join("src/main/java/app/App.java"),
        "package app;\n\n@SpringBootApplication\n@RestController\npublic class App {}\n",
    )
    .unwrap();
    std::fs::write(
        module.join("pom.xml"),
        "<project><parent><artifactId>shop</artifactId></parent></project>",
    )
    .unwrap();
    let count = |d: &Path| findings_in(d, &["--select", "RES010"]).len();
    std::fs::write(module.join("Dockerfile"), "FROM eclipse-temurin:21\n").unwrap();
    std::fs::write(
        d.join("pom.xml"),
        "<project><modules><module>shop-portal</module></modules></project>",
    )
    .unwrap();
    assert_eq!(count(d), 1);
    std::fs::write(d.join("pom.xml"), "<project><dependencies><dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency></dependencies></project>").unwrap();
    assert_eq!(count(d), 0);
}

#[test]
fn spring_boot_graceful_shutdown_from_config_or_version() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("src/main/java/app")).unwrap();
    std::fs::create_dir_all(d.join("src/main/resources")).unwrap();
    std::fs::write(
        d.join("src/main/java/app/App.java"),
        "package app;\n\n@SpringBootApplication\n@RestController\npublic class App {}\n",
    )
    .unwrap();
    let count = |d: &Path| findings_in(d, &["--select", "RES007"]).len();
    let pom = |v: &str| {
        format!("<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>{v}</version></parent></project>")
    };
    std::fs::write(d.join("pom.xml"), pom("3.2.5")).unwrap();
    assert_eq!(count(d), 1);
    std::fs::write(
        d.join("src/main/resources/application.properties"),
        "server.shutdown=graceful\n",
    )
    .unwrap();
    assert_eq!(count(d), 0);
    std::fs::remove_file(d.join("src/main/resources/application.properties")).unwrap();
    std::fs::write(d.join("pom.xml"), pom("3.4.1")).unwrap();
    assert_eq!(count(d), 0);
}

#[test]
fn swallowed_errors_point_at_the_projects_own_logger() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fixes = |d: &Path| -> Vec<String> {
        findings_in(d, &["--select", "RES003"])
            .iter()
            .map(|f| {
                format!(
                    "{}: {}",
                    f["path"].as_str().unwrap(),
                    f["fix"].as_str().unwrap()
                )
            })
            .collect()
    };
    std::fs::write(
        d.join("app.py"),
        "import requests\n\ndef sync(order):\n    try:\n        requests.post(URL, json=order, timeout=5)\n    except Exception:\n        pass\n",
    )
    .unwrap();
    std::fs::write(
        d.join("store.go"),
        "package store\n\nfunc Save(db DB) error {\n\tif err := db.Exec(); err != nil {\n\t\treturn nil\n\t}\n\treturn nil\n}\n",
    )
    .unwrap();
    let before = fixes(d);
    assert_eq!(before.len(), 2, "{before:?}");
    assert!(
        before.iter().all(|f| !f.contains("This project logs")),
        "{before:?}"
    );

    std::fs::write(
        d.join("logs.py"),
        "import logging\n\nimport structlog\n\nlogger = structlog.get_logger()\n",
    )
    .unwrap();
    std::fs::write(
        d.join("logs.go"),
        "package store\n\nimport \"go.uber.org/zap\"\n\nvar Log, _ = zap.NewProduction()\n",
    )
    .unwrap();
    let after = fixes(d);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(
        after[0].starts_with("app.py:") && after[0].ends_with("This project logs with structlog (`logs.py:3`): record the error there, with its context."),
        "{after:?}"
    );
    assert!(
        after[1].starts_with("store.go:") && after[1].ends_with("This project logs with zap (`logs.go:3`): record the error there, with its context."),
        "{after:?}"
    );
}

#[test]
fn a_repository_of_samples_is_example_code() {
    let dir = tempfile::tempdir().unwrap();
    let server = "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\":8080\", nil)\n}\n";
    let scan = |repo: &str| -> Vec<String> {
        let d = dir.path().join(repo);
        std::fs::create_dir_all(d.join("codec-server")).unwrap();
        std::fs::write(d.join("codec-server/main.go"), server).unwrap();
        std::fs::write(d.join("codec-server/Dockerfile"), "FROM golang:1.23\n").unwrap();
        findings_in(&d, &["--select", "RES007"])
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    // One deployable application, a demo or not, is product code.
    assert_eq!(scan("payments-demo"), ["RES007"]);
    // A collection of samples is what readers copy, not what anyone deploys.
    assert!(scan("samples-go").is_empty());
}

#[test]
fn examples_are_reported_only_in_a_repository_of_samples() {
    let dir = tempfile::tempdir().unwrap();
    let activity = "package expense\n\nimport \"net/http\"\n\nfunc Approve(id string) error {\n\t_, err := http.Get(\"https://expense.example.com/approve/\" + id)\n\treturn err\n}\n";
    let server = "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\":8080\", routes())\n}\n";
    let scan = |repo: &str| -> Vec<String> {
        let d = dir.path().join(repo);
        std::fs::create_dir_all(d.join("examples/expense")).unwrap();
        std::fs::create_dir_all(d.join("examples/codec-server")).unwrap();
        std::fs::write(d.join("examples/expense/activities.go"), activity).unwrap();
        std::fs::write(d.join("examples/codec-server/main.go"), server).unwrap();
        let mut found: Vec<String> = findings_in(&d, &["--select", "RES001,RES008"])
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["rule"].as_str().unwrap(),
                    f["path"].as_str().unwrap()
                )
            })
            .collect();
        found.sort();
        found
    };
    // A product's examples are not what its owners deploy or harden…
    assert!(scan("payments").is_empty());
    // …but a repository of samples publishes them: they are its product.
    assert_eq!(
        scan("samples-go"),
        [
            "RES001 examples/expense/activities.go",
            "RES008 examples/codec-server/main.go"
        ]
    );
}

#[test]
fn preview_rules_run_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("app")).unwrap();
    std::fs::write(
        dir.path().join("app/sync.py"),
        "def sync(client):\n    cursor = None\n    while True:\n        page = client.list_orders(cursor=cursor)\n        handle(page['items'])\n        if not page['has_more']:\n            break\n        cursor = page['next_cursor']\n",
    )
    .unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        findings_in(dir.path(), args)
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    // RES013 is a preview rule: off by default and for a prefix or pillar…
    assert!(!rules(&[]).contains(&"RES013".to_string()));
    assert!(!rules(&["--select", "RES"]).contains(&"RES013".to_string()));
    assert!(!rules(&["--select", "resilience"]).contains(&"RES013".to_string()));
    // …on with --preview, or when named.
    assert_eq!(rules(&["--preview", "--select", "RES013"]), ["RES013"]);
    assert_eq!(rules(&["--select", "RES013"]), ["RES013"]);
    assert!(rules(&["--preview"]).contains(&"RES013".to_string()));
    assert!(rules(&["--select", "RES", "--preview"]).contains(&"RES013".to_string()));
    assert!(rules(&["--preview", "--ignore", "RES013"]).is_empty());
    // The catalog says which rules are preview.
    let table = stdout(&faultline(&["rules"]));
    let line = table.lines().find(|l| l.starts_with("RES013")).unwrap();
    assert!(line.contains("preview"), "{line}");
    let line = table.lines().find(|l| l.starts_with("RES001")).unwrap();
    assert!(!line.contains("preview"), "{line}");
    assert!(stdout(&faultline(&["rule", "RES013"])).contains("**Preview**: off by default"));
}

#[test]
fn rust_modules_declared_for_tests_only_are_test_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |p: &str, s: &str| write_file(d, p, s);
    write(
        "Cargo.toml",
        "[package]\nname = \"svc\"\nversion = \"0.1.0\"\n\n[[bin]]\nname = \"svc\"\npath = \"src/main.rs\"\n",
    );
    write(
        "src/util/mod.rs",
        "pub mod client;\n#[cfg(test)]\npub mod harness;\n#[cfg(feature = \"test-harness\")]\npub mod test_harness;\n#[cfg(feature = \"tls\")]\npub mod tls;\n",
    );
    let call = "pub async fn ping(url: &str) {\n    let c = reqwest::Client::new();\n    let _ = c.get(url).send().await;\n}\n";
    write("src/util/client.rs", call);
    write("src/util/harness.rs", call);
    // Compiled only with a feature named for tests: test code too; a
    // feature named for anything else is the service's.
    write("src/util/test_harness.rs", call);
    write("src/util/tls.rs", call);
    let paths = |args: &[&str]| res001_paths(d, args);
    assert_eq!(paths(&[]), ["src/util/client.rs", "src/util/tls.rs"]);
    assert_eq!(
        paths(&["--include-tests"]),
        [
            "src/util/client.rs",
            "src/util/harness.rs",
            "src/util/test_harness.rs",
            "src/util/tls.rs"
        ]
    );
}

#[test]
fn a_copy_of_declared_dependencies_is_not_the_projects_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |p: &str, s: &str| write_file(d, p, s);
    let call = "import requests\n\ndef send(url):\n    return requests.get(url)\n";
    write(
        "requirements.txt",
        "apscheduler==3.11\narrow==1.4.0\nga4mp==2.0.4\ncherrypy-cors==1.7\nrequests==2.32\ncore\napi\nworker\n",
    );
    // `lib/` holds installed copies of three declared distributions.
    for pkg in ["apscheduler", "arrow", "cherrypy_cors"] {
        write(&format!("lib/{pkg}/__init__.py"), "");
    }
    write("lib/ga4mp/__init__.py", "");
    write("lib/ga4mp/ga4mp.py", call);
    write("app/notify.py", call);
    // Workspace members are projects of their own, however they are named.
    for pkg in ["core", "api", "worker"] {
        write(&format!("packages/{pkg}/__init__.py"), "");
        write(
            &format!("packages/{pkg}/pyproject.toml"),
            "[project]\nname = \"x\"\n",
        );
    }
    write("packages/core/client.py", call);
    let paths: Vec<String> = findings_in(d, &["--select", "RES001"])
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert!(
        paths.iter().any(|p| p.ends_with("app/notify.py")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|p| p.ends_with("packages/core/client.py")),
        "{paths:?}"
    );
    assert!(!paths.iter().any(|p| p.contains("lib/ga4mp")), "{paths:?}");
}

/// A Go package only `_test.go` files import (test clients kept beside an
/// integration test) is test code; one product code imports too is not. The
/// test files are not scanned: their headers are read for their imports.
#[test]
fn go_packages_only_tests_import_are_test_code() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("go.mod", "module github.com/acme/idp/v2\n");
    let client = "package clients\n\nimport \"net/http\"\n\nfunc New(endpoint string) *http.Client {\n\treturn &http.Client{}\n}\n";
    let test = |pkg: &str| {
        format!(
            "package integration_test\n\nimport (\n\t\"testing\"\n\n\tc \"github.com/acme/idp/v2/{pkg}/clients\"\n)\n\nfunc TestIt(t *testing.T) {{ c.New(\"http://x\") }}\n"
        )
    };
    write("oauth/integration/clients/introspect.go", client);
    write(
        "oauth/integration/introspect_test.go",
        &test("oauth/integration"),
    );
    write("oauth/remote/clients/introspect.go", client);
    write("oauth/remote/introspect_test.go", &test("oauth/remote"));
    write(
        "oauth/handler.go",
        "package oauth\n\nimport \"github.com/acme/idp/v2/oauth/remote/clients\"\n\nvar Introspector = clients.New(\"https://idp/introspect\")\n",
    );
    let o = faultline(&[
        "check",
        dir.path().to_str().unwrap(),
        "--select",
        "RES001",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .rsplit("oauth/")
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(paths, ["remote/clients/introspect.go"], "{}", stdout(&o));
    // With the tests included, the test clients are checked like the rest.
    let o = faultline(&[
        "check",
        dir.path().to_str().unwrap(),
        "--select",
        "RES001",
        "--include-tests",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        2,
        "{}",
        stdout(&o)
    );
}

/// A Go package nothing imports, kept beside its own tests (twice as many
/// test files as code) in a module that builds a program (a functional-test
/// suite's client), runs only in those tests; a package the program imports
/// runs in it, and so does the program's own. Without a program the
/// module is a library, whose packages other projects import.
#[test]
fn go_packages_nothing_imports_beside_their_tests_are_test_code() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |p: &str, s: &str| write_file(d, p, s);
    write("go.mod", "module example.com/edge\n\ngo 1.22\n");
    let post = |pkg: &str| {
        format!("package {pkg}\n\nimport \"net/http\"\n\nfunc Send(url string) {{\n\thttp.Post(url, \"application/json\", nil)\n}}\n")
    };
    write("fvt/sdk.go", &post("fvt"));
    write(
        "fvt/rule_test.go",
        "package fvt\n\nimport \"testing\"\n\nfunc TestRule(t *testing.T) { Send(\"http://localhost:9081/rules\") }\n",
    );
    write(
        "fvt/server_test.go",
        "package fvt\n\nimport \"testing\"\n\nfunc TestServer(t *testing.T) { Send(\"http://localhost:9081/ping\") }\n",
    );
    write("notify/notify.go", &post("notify"));
    write(
        "notify/notify_test.go",
        "package notify\n\nimport \"testing\"\n\nfunc TestSend(t *testing.T) {}\n",
    );
    let main = "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/edge/notify\"\n)\n\nfunc main() {\n\thttp.HandleFunc(\"/up\", func(w http.ResponseWriter, r *http.Request) { notify.Send(\"https://hooks.example.com\") })\n\thttp.HandleFunc(\"/status\", func(w http.ResponseWriter, r *http.Request) { http.Get(\"https://status.example.com\") })\n\thttp.ListenAndServe(\":8080\", nil)\n}\n";
    let paths = |args: &[&str]| res001_paths(d, args);
    // No program: a library's packages, each reported.
    assert_eq!(paths(&[]), ["fvt/sdk.go", "notify/notify.go"]);
    write("cmd/edged/main.go", main);
    for t in ["main_test.go", "flags_test.go"] {
        write(
            &format!("cmd/edged/{t}"),
            "package main\n\nimport \"testing\"\n\nfunc TestMain(t *testing.T) {}\n",
        );
    }
    assert_eq!(paths(&[]), ["cmd/edged/main.go", "notify/notify.go"]);
    assert_eq!(
        paths(&["--include-tests"]),
        ["cmd/edged/main.go", "fvt/sdk.go", "notify/notify.go"]
    );
}

/// A Go function is its package's: a call by a bare name is of the caller's
/// own package, `client.F` of the imported one. A client function that only a
/// command-line program's start-up reaches runs once and exits, even where
/// another package has a function of the caller's name (`encrypt`) that a
/// server's handler calls; an exported wrapper nothing in the repository
/// calls (`Fetch`) is no way in. A function the program loops over, or hands
/// on as a value (`http.HandleFunc`), is the service's work.
#[test]
fn go_functions_only_a_command_line_program_reaches_are_one_shot() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |p: &str, s: &str| write_file(d, p, s);
    std::fs::create_dir_all(d.join(".git")).unwrap();
    write("go.mod", "module example.com/vault\n\ngo 1.22\n");
    write(
        "pkg/client/client.go",
        "package client\n\nimport \"net/http\"\n\n\
         func Fetch(url string) { FetchWithToken(url, \"\") }\n\n\
         func FetchWithToken(url, token string) {\n\thttp.Get(url + token)\n}\n\n\
         func Ping(url string) {\n\thttp.Get(url)\n}\n\n\
         func Pull(url string) {\n\thttp.Get(url)\n}\n",
    );
    write(
        "pkg/server/server.go",
        "package server\n\nimport \"net/http\"\n\n\
         func Handle(w http.ResponseWriter, r *http.Request) {\n\tencrypt(\"x\")\n\tNotify(\"https://hooks.example.com\")\n}\n\n\
         func encrypt(s string) string { return s }\n\n\
         func Notify(url string) {\n\thttp.Post(url, \"application/json\", nil)\n}\n",
    );
    write(
        "cmd/vault/main.go",
        "package main\n\nimport \"example.com/vault/pkg/client\"\n\n\
         func main() { encrypt() }\n\n\
         func encrypt() { client.FetchWithToken(\"https://vault.example.com\", \"t\") }\n",
    );
    write(
        "cmd/vaultd/main.go",
        "package main\n\nimport (\n\t\"net/http\"\n\t\"time\"\n\n\t\"example.com/vault/pkg/client\"\n\t\"example.com/vault/pkg/server\"\n)\n\n\
         func main() {\n\thttp.HandleFunc(\"/enc\", server.Handle)\n\thttp.HandleFunc(\"/sync\", sync)\n\tsync(nil, nil)\n\tgo func() {\n\t\tfor {\n\t\t\tpoll()\n\t\t\ttime.Sleep(time.Minute)\n\t\t}\n\t}()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n\n\
         func poll() { client.Ping(\"https://upstream.example.com\") }\n\n\
         func sync(w http.ResponseWriter, r *http.Request) { client.Pull(\"https://upstream.example.com\") }\n",
    );
    let lines: Vec<(String, u64)> = findings_in(d, &[])
        .iter()
        .filter(|f| f["rule"] == "RES001")
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let at = |p: &str, l: u64| (p.to_string(), l);
    // `FetchWithToken` (line 8) is the command's; `Ping` the poller's loop,
    // `Pull` a handler's, `Notify` the server's handler's.
    assert_eq!(
        lines,
        [
            at("pkg/client/client.go", 12),
            at("pkg/client/client.go", 16),
            at("pkg/server/server.go", 13),
        ],
        "{lines:?}"
    );
}

/// A library crate of a Rust workspace that no crate the workspace's program
/// builds depends on (only a dev-dependency, or nothing) runs in no deployed
/// program; a crate the program depends on, directly or through another, runs
/// in it. A workspace with no program is a library's: nothing is left out.
/// (The crate left out is test code: it runs only in tests, if anywhere.)
#[test]
fn rust_crates_no_program_builds_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |p: &str, s: &str| write_file(d, p, s);
    write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"apps/server\", \"crates/*\"]\n",
    );
    let call = "pub async fn send(url: &str) {\n    let _ = reqwest::Client::new().post(url).send().await;\n}\n";
    for (krate, deps) in [
        ("integrations", ""),
        (
            "update-check",
            "notify-core = { path = \"../notify-core\" }\n",
        ),
        ("notify-core", ""),
    ] {
        write(
            &format!("crates/{krate}/Cargo.toml"),
            &format!("[package]\nname = \"{krate}\"\nversion = \"0.1.0\"\n\n[dependencies]\nreqwest = \"0.12\"\n{deps}"),
        );
        write(&format!("crates/{krate}/src/lib.rs"), call);
    }
    let paths = |args: &[&str]| res001_paths(d, args);
    let all = [
        "crates/integrations/src/lib.rs",
        "crates/notify-core/src/lib.rs",
        "crates/update-check/src/lib.rs",
    ];
    assert_eq!(paths(&[]), all);
    // A crate built for another runtime to load (a plugin) is built for its
    // own sake, whoever depends on it.
    write(
        "crates/sink-plugin/Cargo.toml",
        "[package]\nname = \"sink-plugin\"\nversion = \"0.1.0\"\n\n[lib]\ncrate-type = [\"cdylib\", \"lib\"]\n\n[dependencies]\nreqwest = \"0.12\"\n",
    );
    write("crates/sink-plugin/src/lib.rs", call);
    // So is one published for other projects (an SDK kept in the repository).
    write(
        "sdk/Cargo.toml",
        "[package]\nname = \"acme-sdk\"\nversion = \"1.2.0\"\nlicense = \"MIT\"\ndescription = \"Rust SDK for the Acme API.\"\n\n[dependencies]\nreqwest = \"0.12\"\n",
    );
    write("sdk/src/lib.rs", call);
    write(
        "apps/server/Cargo.toml",
        "[package]\nname = \"server\"\nversion = \"0.1.0\"\n\n[dependencies]\nupdate_check = { package = \"update-check\", path = \"../../crates/update-check\" }\n\n[dev-dependencies]\nintegrations = { path = \"../../crates/integrations\" }\n",
    );
    write(
        "apps/server/src/main.rs",
        "#[tokio::main]\nasync fn main() {\n    update_check::send(\"https://api.github.com\").await;\n}\n",
    );
    assert_eq!(
        paths(&[]),
        [
            "crates/notify-core/src/lib.rs",
            "crates/sink-plugin/src/lib.rs",
            "crates/update-check/src/lib.rs",
            "sdk/src/lib.rs"
        ]
    );
}

/// `faultline rules --format json`: every rule of the table, with what its
/// page documents, for tools that build on the catalog; the same bytes twice.
#[test]
fn rules_list_as_json() {
    let o = faultline(&["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let rules = v["rules"].as_array().unwrap();
    let table = stdout(&faultline(&["rules"]));
    assert_eq!(rules.len(), table.lines().count() - 1);
    let res001 = rules.iter().find(|r| r["id"] == "RES001").unwrap();
    assert_eq!(res001["name"], "outbound-call-without-timeout");
    assert_eq!(res001["severity"], "HIGH");
    assert_eq!(res001["default"], true);
    assert!(res001["languages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "go"));
    assert!(res001["docs"]["what"]
        .as_str()
        .unwrap()
        .contains("Not flagged"));
    let preview = rules.iter().find(|r| r["id"] == "RES002").unwrap();
    assert_eq!(preview["default"], false);
    assert_eq!(o.stdout, faultline(&["rules", "--format", "json"]).stdout);
    let bad = faultline(&["rules", "--format", "yaml"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Rules are selected by ID or name, in any case, and option values are
/// case-insensitive: `--select Outbound-Call-Without-Timeout --fail-on HIGH`.
#[test]
fn rules_and_values_are_named_in_any_case() {
    let by_name = faultline(&[
        "check",
        "examples/shop",
        "--select",
        "Outbound-Call-Without-Timeout",
        "--fail-on",
        "HIGH",
        "--format",
        "JSON",
    ]);
    assert_eq!(by_name.status.code(), Some(1), "{}", stderr(&by_name));
    let v: serde_json::Value = serde_json::from_slice(&by_name.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f["rule"] == "RES001"));
    let by_id = faultline(&[
        "check",
        "examples/shop",
        "--select",
        "res001",
        "--format",
        "json",
    ]);
    let by_id: serde_json::Value = serde_json::from_slice(&by_id.stdout).unwrap();
    assert_eq!(v["findings"], by_id["findings"]);
    // A preview rule named by its name runs, like one named by its ID.
    let preview = faultline(&[
        "check",
        "examples/shop",
        "--select",
        "single_attempt_external_call",
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(preview.status.code(), Some(0), "{}", stderr(&preview));
    let page = faultline(&["rule", "outbound-call-without-timeout"]);
    assert!(stdout(&page).starts_with("# RES001"));
    assert_usage_error(
        &[
            "check",
            "examples/shop",
            "--select",
            "outbound-call-without-timeot",
        ],
        "did you mean `outbound-call-without-timeout`",
    );
}

/// `--format sarif` on the bundled example: valid against the SARIF 2.1.0
/// schema, every finding a result that points at its rule, fingerprints kept.
#[test]
fn sarif_report_is_valid_sarif_2_1_0() {
    let o = faultline(&["check", "examples/shop", "--format", "sarif", "--preview"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    // The official schema has one `pattern` (`run.language`) that ECMA-262
    // reads with a literal `]` and the validator's regex check refuses: it is
    // escaped here, meaning the same.
    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    let unescaped = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(schema_text.contains(unescaped));
    let schema: serde_json::Value = serde_json::from_str(
        &schema_text.replace(unescaped, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The same findings as the JSON report, each pointing at its rule.
    let json = faultline(&["check", "examples/shop", "--format", "json", "--preview"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert!(!results.is_empty());
    for (r, f) in results.iter().zip(findings) {
        assert_eq!(r["ruleId"], f["rule"]);
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], f["rule"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], f["path"]);
        assert_eq!(loc["region"]["startLine"], f["line"]);
        assert_eq!(r["partialFingerprints"]["faultline/v1"], f["fingerprint"]);
        let level = match f["severity"].as_str().unwrap() {
            "HIGH" => "error",
            "MEDIUM" => "warning",
            _ => "note",
        };
        assert_eq!(r["level"], level);
        assert!(rules[i]["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("**Instead**"));
    }
    // A rule that ran and found nothing is declared all the same.
    let declared: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let found: std::collections::BTreeSet<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(declared.len() > found.len(), "{declared:?}");

    // A schema violation is caught: the test can fail.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
}

/// `--exclude`: gitignore patterns relative to the directory scanned, anchored
/// when they hold a slash, at any depth when they do not; repeatable. A bad
/// pattern is a usage error that names it.
#[test]
fn exclude_leaves_matching_paths_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let call = "import requests\n\ndef f(u):\n    return requests.get(u)\n";
    write_file(d, "requirements.txt", "requests\n");
    for p in [
        "app/api.py",
        "legacy/old.py",
        "app/legacy/kept.py",
        "app/report_gen.py",
        "jobs/seed.py",
    ] {
        write_file(d, p, call);
    }
    let paths = |args: &[&str]| -> Vec<String> {
        let mut p: Vec<String> = findings_in(d, args)
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        p.dedup();
        p
    };
    assert_eq!(paths(&[]).len(), 5);
    assert_eq!(
        paths(&[
            "--exclude",
            "/legacy/**",
            "--exclude",
            "*_gen.py",
            "--exclude",
            "jobs/"
        ]),
        ["app/api.py", "app/legacy/kept.py"]
    );
    assert_eq!(
        paths(&["--exclude", "legacy"]),
        ["app/api.py", "app/report_gen.py", "jobs/seed.py"]
    );

    assert_usage_error(
        &["check", "examples/shop", "--exclude", "src/{a"],
        "--exclude `src/{a`: error parsing glob",
    );
}

/// `--statistics`: counts per rule instead of the findings, in text or JSON;
/// the exit status is the same as without it.
#[test]
fn statistics_count_findings_per_rule() {
    let all = faultline(&["check", "examples/shop", "--format", "json", "--preview"]);
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    let findings = all["findings"].as_array().unwrap();
    let o = faultline(&[
        "check",
        "examples/shop",
        "--statistics",
        "--format",
        "json",
        "--preview",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let stats: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(stats["total"].as_u64().unwrap() as usize, findings.len());
    let rows = stats["statistics"].as_array().unwrap();
    let sum: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(sum as usize, findings.len());
    let res001 = findings.iter().filter(|f| f["rule"] == "RES001").count();
    assert_eq!(rows[0]["rule"], "RES001");
    assert_eq!(rows[0]["count"].as_u64().unwrap() as usize, res001);
    // Most first.
    assert!(rows
        .windows(2)
        .all(|w| w[0]["count"].as_u64() >= w[1]["count"].as_u64()));

    let text = faultline(&["check", "examples/shop", "--statistics", "--preview"]);
    let text = stdout(&text);
    assert!(text.lines().next().unwrap().contains("RES001"), "{text}");
    assert!(
        text.trim_end()
            .ends_with(&format!("{}  total", findings.len())),
        "{text}"
    );
    assert!(!text.contains("impact"), "{text}");

    assert_usage_error(
        &[
            "check",
            "examples/shop",
            "--statistics",
            "--format",
            "markdown",
        ],
        "--statistics prints text or json",
    );
}

/// Repeats are grouped in the text and markdown reports: one entry per rule,
/// issue and fix, listing every place. JSON keeps every finding.
#[test]
fn repeated_findings_are_grouped_in_text_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(d, "requirements.txt", "requests\n");
    write_file(
        d,
        "app/one.py",
        "import requests\n\ndef a(u):\n    return requests.get(u)\n\ndef b(u):\n    return requests.get(u)\n",
    );
    write_file(d, "app/two.py", "import requests\n\ndef c(u):\n    return requests.post(u)\n\ndef e(u):\n    return requests.get(u)\n");
    assert_eq!(findings_in(d, &[]).len(), 4);
    let run = |format: &str| {
        let o = check_in(d, &[".", "--format", format]);
        stdout(&o)
    };
    let text = run("text");
    // One entry for the three `requests.get`, one for the `requests.post`.
    assert_eq!(
        text.matches("RES001 Outbound HTTP call has no timeout")
            .count(),
        2,
        "{text}"
    );
    assert!(
        text.contains("= same issue and fix at 2 more places (2 files in all):\n      app/one.py:7:12\n      app/two.py:7:12\n"),
        "{text}"
    );
    assert!(text.contains("Found 4 findings"), "{text}");
    let md = run("markdown");
    assert!(
        md.contains("Outbound HTTP call has no timeout (3× in 2 files)"),
        "{md}"
    );
    assert!(
        md.contains("**Files**: `app/one.py:4`, `app/one.py:7`, `app/two.py:7`"),
        "{md}"
    );
    // The impact names the function it is in: shown for the first place, and said so.
    assert!(md.contains("**Impact**: At `app/one.py:4`: "), "{md}");
    assert_eq!(md.matches("### [Severity: HIGH]").count(), 2, "{md}");
}

/// A suppression names rules by ID or name, in any case; an entry that names
/// no rule suppresses nothing, is reported with the nearest rule, and the run
/// exits 2 once the report is written.
#[test]
fn suppressions_name_real_rules() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(d, "requirements.txt", "requests\n");
    write_file(
        d,
        "svc.py",
        "import requests\n\ndef a(u):\n    return requests.get(u)  # faultline: ignore[RES01] typo\n\ndef b(u):\n    return requests.get(u)  # faultline: ignore[Outbound_Call_Without_Timeout] by name\n\ndef c(u):\n    return requests.get(u)  # faultline: ignore[RES003, res001] one of two\n",
    );
    let o = check_in(d, &[".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4]);
    assert!(
        stderr(&o).contains(
            "error: svc.py:4: `faultline: ignore[RES01]` names no rule (did you mean `RES001`?)"
        ),
        "{}",
        stderr(&o)
    );
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("names no rule"));
}

/// Scanning nothing is not a clean result: a warning that says why, and exit 2.
#[test]
fn scanning_no_file_is_a_warning_and_exit_2() {
    assert_usage_error(
        &["check", "README.md"],
        "warning: no file was scanned: `README.md`",
    );
    let dir = tempfile::tempdir().unwrap();
    write_file(
        dir.path(),
        "tests/test_api.py",
        "import requests\nrequests.get('http://x')\n",
    );
    let only_tests = check_in(dir.path(), &["."]);
    assert_eq!(only_tests.status.code(), Some(2));
    assert!(
        stderr(&only_tests).contains("--include-tests"),
        "{}",
        stderr(&only_tests)
    );
    let with_tests = check_in(dir.path(), &[".", "--include-tests"]);
    assert_ne!(with_tests.status.code(), Some(2), "{}", stderr(&with_tests));
}

/// A throwaway directory marked as a repository's top (a `.git` in it), where
/// the search for configurations and the fingerprints' paths stop.
fn repository_top() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

const UNBOUNDED: &str = "import requests\ndef f():\n    requests.get(\"https://x\")\n";

/// `faultline config PATH` in `dir`.
fn config_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .arg("config")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run faultline")
}

fn lines_of(findings: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["path"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_configuration_file_selects_excludes_and_reweighs() {
    let dir = repository_top();
    let d = dir.path();
    for p in ["svc/a.py", "svc/legacy/b.py", "jobs/c.py", "worker/d.py"] {
        write_file(d, p, UNBOUNDED);
    }
    write_file(
        d,
        "faultline.toml",
        "select = [\"resilience\"]\nexclude = [\"svc/legacy/\"]\nfail-on = \"high\"\n\n[severity]\nres001 = \"medium\"\n\n[per-path-ignores]\n\"jobs/**\" = [\"RES001\"]\n",
    );
    assert_eq!(
        lines_of(&findings_in(d, &[])),
        ["svc/a.py RES001 MEDIUM", "worker/d.py RES001 MEDIUM"]
    );
    // Below the configuration's fail-on: exit 0; the command line wins over it.
    assert_eq!(check_in(d, &["."]).status.code(), Some(0));
    assert_eq!(
        check_in(d, &[".", "--fail-on", "medium"]).status.code(),
        Some(1)
    );
    // A nested configuration governs its own directory, whole (no inheritance).
    write_file(
        d,
        "worker/faultline.toml",
        "ignore = [\"outbound-call-without-timeout\"]\n",
    );
    assert_eq!(lines_of(&findings_in(d, &[])), ["svc/a.py RES001 MEDIUM"]);
    // `--config` governs every file.
    write_file(d, "strict.toml", "select = [\"RES001\"]\n");
    assert_eq!(
        lines_of(&findings_in(d, &["--config", "strict.toml"])),
        [
            "jobs/c.py RES001 HIGH",
            "svc/a.py RES001 HIGH",
            "svc/legacy/b.py RES001 HIGH",
            "worker/d.py RES001 HIGH"
        ]
    );
    // Named by a path through `..`, its patterns still start at its own directory.
    let o = check_in(
        &d.join("worker"),
        &["..", "--format", "json", "--config", "../faultline.toml"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // Paths outside the working directory are shown absolute.
    let found = lines_of(v["findings"].as_array().unwrap());
    assert_eq!(found.len(), 2, "{found:?}: {}", stderr(&o));
    assert!(found[0].ends_with("/svc/a.py RES001 MEDIUM"), "{found:?}");
    assert_eq!(found[1], "d.py RES001 MEDIUM");
}

#[test]
fn pyproject_tool_faultline_is_a_configuration() {
    let dir = repository_top();
    let d = dir.path();
    write_file(d, "app/a.py", UNBOUNDED);
    write_file(
        d,
        "pyproject.toml",
        "[project]\nname = \"app\"\n\n[tool.ruff]\nline-length = 100\n\n[tool.faultline]\nignore = [\"RES001\"]\n",
    );
    assert!(findings_in(d, &[]).is_empty());
    // A faultline.toml beside it wins.
    write_file(d, "faultline.toml", "fail-on = \"never\"\n");
    assert_eq!(findings_in(d, &[]).len(), 1);
    assert_eq!(check_in(d, &["."]).status.code(), Some(0));
    // A pyproject.toml without the table is no configuration.
    let o = check_in(d, &[".", "--config", "pyproject.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(d.join("pyproject.toml"), "[project]\nname = \"app\"\n").unwrap();
    assert_usage_error_in(
        d,
        &[".", "--config", "pyproject.toml"],
        "pyproject.toml: it has no [tool.faultline] table",
    );
}

#[test]
fn configuration_errors_name_the_file_the_line_and_the_fix() {
    let dir = repository_top();
    let d = dir.path();
    write_file(d, "a.py", UNBOUNDED);
    for (text, needle) in [
        ("select = [\"RES\"]\nignroe = [\"RES001\"]\n", "faultline.toml:2:1: unknown key `ignroe` (did you mean `ignore`?)"),
        ("select = [\"RES\"]\nignore = [\"RES01\"]\n", "faultline.toml:2:11: ignore: unknown rule, prefix or pillar `RES01` (did you mean `RES001`?)"),
        ("fail-on = \"hgh\"\n", "faultline.toml:1:11: fail-on: `hgh` is not a severity (did you mean `high`?)"),
        ("[severity]\nRES01 = \"high\"\n", "faultline.toml:2:1: severity: unknown rule `RES01` (did you mean `RES001`?)"),
        ("[per-path-ignores]\n\"scripts/**\" = [\"RES0001\"]\n", "faultline.toml:2:17: per-path-ignores: unknown rule, prefix or pillar `RES0001`"),
        ("select = [\"concurrency\"]\n", "faultline.toml:1:11: select: the Concurrency pillar (`concurrency`) has no rules yet"),
        ("select = \"RES\"\n", "faultline.toml:1:10: invalid type: string \"RES\", expected a sequence; write a list"),
        ("[http-clients]\n\"fetch(url)\" = \"timeout\"\n", "faultline.toml:2:1: http-clients: `fetch(url)` is not a function as code calls it"),
        ("[http-clients]\n\"http.fetch\" = 0\n", "faultline.toml:2:16: http-clients: `http.fetch` takes the name of the argument that bounds its wait"),
        ("health-paths = [\"internal/up\"]\n", "faultline.toml:1:17: health-paths: `internal/up` is not a path"),
        ("loggers = [\"audit.record(\"]\n", "faultline.toml:1:12: loggers: `audit.record(` is not a function as code calls it"),
        ("[http-client]\n\"fetch\" = \"timeout\"\n", "faultline.toml:1:2: unknown key `http-client` (did you mean `http-clients`?)"),
    ] {
        std::fs::write(d.join("faultline.toml"), text).unwrap();
        let o = assert_usage_error_in(d, &["."], needle);
        assert!(o.stdout.is_empty(), "{text}");
        // `faultline config` says the same.
        let o = config_in(d, &["."]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(needle), "{text}: {}", stderr(&o));
    }
}

#[test]
fn config_prints_the_settings_in_force_for_a_path() {
    let dir = repository_top();
    let d = dir.path();
    write_file(d, "svc/a.py", UNBOUNDED);
    let o = config_in(d, &["svc/a.py"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("(no faultline.toml or [tool.faultline] at or above it: the defaults)"),
        "{}",
        stdout(&o)
    );
    write_file(
        d,
        "faultline.toml",
        "ignore = [\"IDM\"]\nfail-on = \"medium\"\n[severity]\nRES001 = \"low\"\n",
    );
    write_file(d, "svc/faultline.toml", "select = [\"RES001\"]\n");
    let o = config_in(d, &["svc/a.py"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "# settings for svc/a.py (from svc/faultline.toml)\nconfig = \"svc/faultline.toml\"\nrules = [\"RES001\"]\npreview = false\nfail-on = \"low\"\nmin-severity = \"low\"\ninclude-tests = false\nexclude = []\nhealth-paths = []\nloggers = []\n\n[severity]\n\n[per-path-ignores]\n\n[http-clients]\n"
    );
    let o = config_in(d, &["."]);
    let out = stdout(&o);
    assert!(out.contains("(from faultline.toml)"), "{out}");
    assert!(out.contains("fail-on = \"medium\""), "{out}");
    assert!(out.contains("RES001 = \"low\""), "{out}");
    assert!(!out.contains("IDM001"), "{out}");
}

/// Runs git in `dir`, failing the test if it fails.
fn git_in(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

#[test]
fn diff_reports_only_what_the_change_adds() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git_in(d, &["init", "-q", "-b", "main"]);
    write_file(d, "app/a.py", UNBOUNDED);
    write_file(d, "app/old.py", UNBOUNDED);
    git_in(d, &["add", "."]);
    git_in(d, &["commit", "-qm", "base"]);
    git_in(d, &["checkout", "-qb", "feature"]);
    // Committed on the branch: a new call below the old one, and lines added
    // above the old one (which moves, but is not part of the change).
    write_file(
        d,
        "app/a.py",
        "import requests\n# moved down\ndef f():\n    requests.get(\"https://x\")\n\ndef g():\n    requests.post(\"https://y\")\n",
    );
    git_in(d, &["commit", "-qam", "second call"]);
    // Main moves on: only the merge base counts.
    git_in(d, &["checkout", "-q", "main"]);
    write_file(d, "app/main_only.py", UNBOUNDED);
    git_in(d, &["add", "."]);
    git_in(d, &["commit", "-qm", "main moves"]);
    git_in(d, &["checkout", "-q", "feature"]);
    // Not committed: a file git does not track yet.
    write_file(d, "app/new.py", UNBOUNDED);
    let lines = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = findings_in(d, args)
            .iter()
            .map(|f| format!("{}:{}", f["path"].as_str().unwrap(), f["line"]))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        lines(&[]),
        ["app/a.py:4", "app/a.py:7", "app/new.py:3", "app/old.py:3"]
    );
    assert_eq!(lines(&["--diff", "main"]), ["app/a.py:7", "app/new.py:3"]);
    // From another directory, the repository of the path is used.
    let app = d.join("app");
    let o = check_in(
        &std::env::temp_dir(),
        &["--format", "json", "--diff", "main", app.to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 2, "{}", stderr(&o));
    // An unknown revision, and a tree outside any repository, are usage errors.
    let o = assert_usage_error_in(
        d,
        &[".", "--diff", "no-such-branch"],
        "--diff no-such-branch: unknown revision",
    );
    assert!(o.stdout.is_empty());
    let plain = tempfile::tempdir().unwrap();
    write_file(plain.path(), "a.py", UNBOUNDED);
    assert_usage_error_in(
        plain.path(),
        &[".", "--diff", "main"],
        "is not inside a git repository",
    );
}

#[test]
fn a_baseline_hides_known_findings_through_shifts_and_reformatting() {
    let dir = repository_top();
    let d = dir.path();
    write_file(d, "svc/app/a.py", UNBOUNDED);
    write_file(d, "svc/app/b.py", UNBOUNDED);
    let o = check_in(d, &[".", "--write-baseline", "faultline-baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("recorded 2 findings in faultline-baseline.json"));
    // Lines added above, the call reformatted, a comment beside it.
    write_file(
        d,
        "svc/app/a.py",
        "import requests\n\n# The partner API.\n\ndef f():\n    requests.get(\n        \"https://x\",\n    )  # no timeout yet\n",
    );
    // And a new finding in a function of its own.
    std::fs::write(
        d.join("svc/app/b.py"),
        format!("{UNBOUNDED}\ndef g():\n    requests.post(\"https://y\")\n"),
    )
    .unwrap();
    let found = findings_in(d, &["--baseline", "faultline-baseline.json"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["path"], "svc/app/b.py");
    assert_eq!(found[0]["line"], 6);
    // The baseline works from another directory: fingerprints do not depend on it.
    let o = check_in(
        &d.join("svc"),
        &[
            "app",
            "--format",
            "json",
            "--baseline",
            "../faultline-baseline.json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{}", stderr(&o));
    assert_eq!(v["findings"][0]["fingerprint"], found[0]["fingerprint"]);
    // A file that is not a baseline is a usage error.
    std::fs::write(d.join("bad.json"), "{\"findings\": 3}").unwrap();
    let o = assert_usage_error_in(
        d,
        &[".", "--baseline", "bad.json"],
        "--baseline bad.json:1:",
    );
    assert!(
        stderr(&o).contains("not a faultline baseline"),
        "{}",
        stderr(&o)
    );
}

/// The pre-commit hook's command, run as pre-commit runs it, reports what a
/// commit adds; the GitHub Action passes only flags `check` has.
#[test]
fn the_integrations_run_as_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .expect("an entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("faultline"));
    let args: Vec<&str> = words.collect();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git_in(d, &["init", "-q", "-b", "main"]);
    write_file(d, "app/a.py", UNBOUNDED);
    git_in(d, &["add", "."]);
    git_in(d, &["commit", "-qm", "base"]);
    std::fs::write(
        d.join("app/a.py"),
        format!("{UNBOUNDED}\ndef g():\n    requests.post(\"https://y\")\n"),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(&args)
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("app/a.py:6:5 RES001"), "{out}");
    assert!(!out.contains("app/a.py:3:5"), "{out}");

    let action = std::fs::read_to_string(root.join("action.yml")).unwrap();
    let run = action
        .lines()
        .find(|l| l.contains("/bin/faultline\" check"))
        .expect("the action runs faultline check");
    let help = stdout(&faultline(&["check", "--help"]));
    for flag in run.split_whitespace().filter(|w| w.starts_with("--")) {
        assert!(
            help.contains(flag),
            "{flag} is not a flag of `faultline check`"
        );
    }
}

#[test]
fn github_annotations_stop_where_github_stops_showing_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut code = String::from("import requests\n");
    for i in 0..12 {
        code.push_str(&format!(
            "\ndef f{i}():\n    requests.get(\"https://x/{i}\")\n"
        ));
    }
    write_file(d, "app/calls.py", &code);
    let o = check_in(d, &[".", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::error ")).count(),
        10,
        "{out}"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("app/calls.py:"))
            .count(),
        2,
        "{out}"
    );
    assert!(
        lines.last().unwrap().starts_with(
            "::notice title=faultline::2 more findings are in the log above, not annotated"
        ),
        "{out}"
    );
}

#[test]
fn show_files_lists_each_file_its_kind_and_why_it_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(d, "svc/requirements.txt", "requests\n");
    write_file(d, "svc/app.py", UNBOUNDED);
    write_file(
        d,
        "svc/gen.go",
        "// Code generated by protoc. DO NOT EDIT.\npackage svc\n",
    );
    write_file(d, "web/src/page.tsx", "export const Page = () => null;\n");
    write_file(d, "examples/demo.py", UNBOUNDED);
    let o = check_in(d, &[".", "--show-files"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let line = |p: &str| {
        out.lines()
            .find(|l| l.starts_with(p))
            .unwrap_or_else(|| panic!("{p}: {out}"))
            .to_string()
    };
    assert!(
        line("svc/app.py ").contains("python     backend  product service svc"),
        "{out}"
    );
    assert!(
        line("svc/gen.go ").contains("skipped: generated code"),
        "{out}"
    );
    assert!(line("web/src/page.tsx ").contains("frontend"), "{out}");
    assert!(line("examples/demo.py ").contains("example"), "{out}");
    assert!(
        out.ends_with("3 checked, 1 skipped; test code is left out unless --include-tests\n"),
        "{out}"
    );
    // JSON, the same bytes on every run (no timings).
    let a = check_in(d, &[".", "--show-files", "--format", "json"]);
    let b = check_in(d, &[".", "--show-files", "--format", "json", "--jobs", "1"]);
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 4);
    assert_eq!(v["files"][2]["skipped"], "generated code", "{v}");
    // A listing in another format is a usage error, before any scan.
    assert_usage_error_in(
        d,
        &[".", "--show-files", "--format", "markdown"],
        "--show-files prints text or json",
    );
    // --verbose names the slowest files.
    let o = check_in(d, &[".", "--verbose"]);
    assert!(stderr(&o).contains("slowest files:"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(" ms  svc/app.py (3 lines)"),
        "{}",
        stderr(&o)
    );
}

/// The `result cache:` line `--verbose` prints, if any.
fn cache_line(o: &Output) -> Option<String> {
    stderr(o)
        .lines()
        .find(|l| l.starts_with("result cache:"))
        .map(str::to_string)
}

#[test]
fn an_unchanged_tree_reuses_the_result_cache_and_reports_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(
        d,
        "app/sync.py",
        "import requests\n\ndef pull():\n    return requests.get('https://api.example.com/items').json()\n",
    );
    write_file(d, "app/util.py", "def double(x):\n    return 2 * x\n");
    let json = ["app", "--format", "json", "--fail-on", "never", "-v"];
    let cold = check_in(d, &json);
    assert_eq!(cache_line(&cold), None, "{}", stderr(&cold));
    let tag = std::fs::read_to_string(d.join(".faultline_cache/CACHEDIR.TAG")).unwrap();
    assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
    let ignore = std::fs::read_to_string(d.join(".faultline_cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));
    let warm = check_in(d, &json);
    assert_eq!(
        cache_line(&warm).as_deref(),
        Some("result cache: 2 of 2 files unchanged since the cached run")
    );
    assert_eq!(stable_json(&cold), stable_json(&warm));
    assert!(stable_json(&warm).contains("RES001"));
    // The text report's excerpt of the flagged line comes back with the outcome.
    let text = ["app", "--fail-on", "never"];
    let uncached = check_in(d, &[&text[..], &["--no-cache"]].concat());
    check_in(d, &text);
    let cached = check_in(d, &text);
    assert_eq!(stdout(&uncached), stdout(&cached));
    assert!(stdout(&cached).contains("requests.get('https://api.example.com/items')"));
    // A changed file is checked again; the other is still reused.
    write_file(
        d,
        "app/sync.py",
        "import requests\n\ndef pull():\n    return requests.get('https://api.example.com/items', timeout=5).json()\n",
    );
    let edited = check_in(d, &json);
    assert_eq!(
        cache_line(&edited).as_deref(),
        Some("result cache: 1 of 2 files unchanged since the cached run")
    );
    assert!(!stable_json(&edited).contains("RES001"));
}

#[test]
fn a_changed_manifest_or_setting_checks_every_file_again() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(d, "requirements.txt", "redis==5.0.8\n");
    write_file(
        d,
        "app/cache.py",
        "import redis\nr = redis.Redis(host='cache')\n",
    );
    let count = |extra: &[&str]| {
        let o = check_in(d, &[&[".", "--format", "json", "-v"], extra].concat());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (v["findings"].as_array().unwrap().len(), cache_line(&o))
    };
    assert_eq!(count(&[]), (1, None));
    assert!(count(&[]).1.is_some());
    // The project's pins are facts a file's findings depend on.
    write_file(d, "requirements.txt", "redis>=8.0\n");
    assert_eq!(count(&[]), (0, None));
    // So are the rules the scan runs.
    assert_eq!(count(&["--select", "RES"]), (0, None));
}

#[test]
fn a_corrupt_or_foreign_cache_is_discarded_with_a_warning_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(
        d,
        "app/sync.py",
        "import requests\nrequests.post('https://api.example.com/pay')\n",
    );
    let args = [".", "--format", "json", "--fail-on", "never", "-v"];
    let first = check_in(d, &args);
    let caches: Vec<_> = std::fs::read_dir(d.join(".faultline_cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("scan-")
        })
        .collect();
    assert_eq!(caches.len(), 1, "{caches:?}");
    let cache = &caches[0];
    let good = std::fs::read(cache).unwrap();
    // Cut short: the magic line is right, the rest is not.
    std::fs::write(cache, &good[..good.len() / 2]).unwrap();
    let corrupt = check_in(d, &args);
    assert!(
        stderr(&corrupt).contains("the result cache is corrupt"),
        "{}",
        stderr(&corrupt)
    );
    assert_eq!(corrupt.status.code(), Some(0));
    assert_eq!(stable_json(&first), stable_json(&corrupt));
    assert!(cache_line(&check_in(d, &args)).is_some());
    // Something else entirely under the cache's name.
    std::fs::write(cache, "not a cache\n").unwrap();
    let foreign = check_in(d, &args);
    assert!(
        stderr(&foreign).contains("not a result cache"),
        "{}",
        stderr(&foreign)
    );
    assert_eq!(stable_json(&first), stable_json(&foreign));
    let rebuilt = check_in(d, &args);
    assert!(
        !stderr(&rebuilt).contains("warning"),
        "{}",
        stderr(&rebuilt)
    );
    assert!(cache_line(&rebuilt).is_some());
    // Another version's cache, and one another build or other settings
    // wrote (its scan key differs): set aside without a word, and replaced.
    for stale in [
        b"faultline result cache 1\n\x92\xa3key".to_vec(),
        [
            b"faultline result cache 2\nsome other key\n".as_slice(),
            &good[..good.len() / 2],
        ]
        .concat(),
    ] {
        std::fs::write(cache, &stale).unwrap();
        let replaced = check_in(d, &args);
        assert!(
            !stderr(&replaced).contains("warning"),
            "{}",
            stderr(&replaced)
        );
        assert_eq!(stable_json(&first), stable_json(&replaced));
        assert!(cache_line(&check_in(d, &args)).is_some());
    }
}

#[test]
fn no_cache_leaves_no_cache_and_cache_dir_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(d, "app/util.py", "def double(x):\n    return 2 * x\n");
    check_in(d, &["app", "--no-cache"]);
    assert!(!d.join(".faultline_cache").exists());
    check_in(d, &["app", "--cache-dir", "elsewhere"]);
    assert!(!d.join(".faultline_cache").exists());
    assert!(d.join("elsewhere/CACHEDIR.TAG").is_file());
    assert_usage_error_in(
        d,
        &["app", "--no-cache", "--cache-dir", "x"],
        "cannot be used with",
    );
}

#[test]
fn the_project_vocabulary_declares_its_http_clients_and_health_paths() {
    let dir = repository_top();
    let d = dir.path();
    write_file(
        d,
        "faultline.toml",
        "health-paths = [\"/internal/up\"]\n\n[http-clients]\n\"http_util.fetch\" = \"timeout\"\n\"fetchJson\" = \"timeout\"\n\"call_service\" = 3\n",
    );
    write_file(d, "requirements.txt", "flask\n");
    write_file(
        d,
        "Dockerfile",
        "FROM python:3.12-slim\nCMD [\"gunicorn\", \"app.main:app\"]\n",
    );
    write_file(
        d,
        "app/sync.py",
        "from app import http_util\nfrom app.rpc import call_service\n\ndef pull(i):\n    return http_util.fetch(f\"https://api.example.com/orders/{i}\")\n\ndef pull_bounded(i):\n    return http_util.fetch(f\"https://api.example.com/orders/{i}\", timeout=5)\n\ndef pull_opts(i, **opts):\n    return http_util.fetch(f\"https://api.example.com/orders/{i}\", **opts)\n\ndef charge(body):\n    return call_service(\"billing\", body)\n\ndef charge_bounded(body):\n    return call_service(\"billing\", body, 10)\n",
    );
    write_file(
        d,
        "web/package.json",
        "{\"name\":\"web\",\"dependencies\":{\"express\":\"4\"}}\n",
    );
    write_file(
        d,
        "web/api.ts",
        "import { fetchJson } from \"./http\";\n\nexport async function load(id: string) {\n  return fetchJson(`/api/items/${id}`);\n}\n\nexport async function loadBounded(id: string) {\n  return fetchJson(`/api/items/${id}`, { timeout: 5000 });\n}\n\nexport async function loadWith(id: string, opts: object) {\n  return fetchJson(`/api/items/${id}`, opts);\n}\n",
    );
    write_file(
        d,
        "app/main.py",
        "from flask import Flask\nfrom app.sync import charge, pull\n\napp = Flask(__name__)\n\n@app.route(\"/internal/up\")\ndef up():\n    return \"ok\"\n\n@app.post(\"/orders/<i>\")\ndef order(i):\n    return charge(pull(i))\n",
    );
    let findings = findings_in(d, &["--select", "RES001,RES010"]);
    let at: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["rule"].as_str().unwrap()
            )
        })
        .collect();
    // Missing where the wrapper is called without what bounds it; set when it
    // is passed (by keyword, option property or position); unknown when spread
    // or handed an options object built elsewhere. The health path declared
    // counts as the service's health route.
    assert_eq!(
        at,
        [
            "app/sync.py:5 RES001",
            "app/sync.py:14 RES001",
            "web/api.ts:4 RES001"
        ],
        "{findings:#?}"
    );
    let issue = findings[0]["issue"].as_str().unwrap();
    assert!(
        issue.contains("the project's HTTP client `http_util.fetch` without `timeout`, which faultline.toml:4 names"),
        "{issue}"
    );
    assert!(findings[0]["fix"]
        .as_str()
        .unwrap()
        .contains("app/sync.py:8"));
    // Configurations do not inherit: a nested one without the vocabulary
    // governs its files without it.
    write_file(
        d,
        "app/faultline.toml",
        "select = [\"RES001\", \"RES010\"]\n",
    );
    let nested = findings_in(d, &[]);
    let rules: Vec<&str> = nested.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"RES010"), "{nested:#?}");
    assert!(
        !nested.iter().any(|f| f["path"] == "app/sync.py"),
        "{nested:#?}"
    );
}

#[test]
fn frontend_findings_sit_under_the_frontend_pillar() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(
        d,
        "web/package.json",
        "{\"name\":\"web\",\"dependencies\":{\"react\":\"18\"}}\n",
    );
    let pay = "export async function pay(orderId: string, signal: AbortSignal) {\n  try {\n    await fetch(`/api/orders/${orderId}/pay`, { method: 'POST', signal });\n  } catch (e) {\n  }\n}\n";
    write_file(d, "web/src/Pay.tsx", &format!("'use client';\n{pay}"));
    write_file(
        d,
        "server/package.json",
        "{\"name\":\"server\",\"dependencies\":{\"express\":\"4\"}}\n",
    );
    write_file(
        d,
        "server/pay.ts",
        &format!("import express from 'express';\n{pay}"),
    );
    let findings = findings_in(d, &["--select", "RES003"]);
    let pillars: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["pillar"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pillars,
        [
            ("server/pay.ts", "Resilience"),
            (
                "web/src/Pay.tsx",
                "Client Resilience & Graceful Degradation"
            )
        ]
    );
    let md = stdout(&check_in(
        d,
        &[".", "--select", "RES003", "--format", "markdown"],
    ));
    assert!(
        md.contains("frontend (Client Resilience & Graceful Degradation)"),
        "{md}"
    );
    assert!(
        md.contains("\n## Client Resilience & Graceful Degradation\n"),
        "{md}"
    );
}

#[test]
fn declared_loggers_are_the_fix_a_swallowed_error_is_pointed_at() {
    let dir = repository_top();
    let d = dir.path();
    write_file(d, "go.mod", "module example.com/svc\n");
    write_file(
        d,
        "svc/save.go",
        "package svc\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n)\n\nfunc Save(db *sql.DB) error {\n\t_, err := http.Post(hookURL, \"application/json\", nil)\n\tif err != nil {\n\t\taudit.Record(err)\n\t\treturn nil\n\t}\n\t_, err = db.Exec(\"UPDATE items SET seen = true\")\n\tif err != nil {\n\t\treturn nil\n\t}\n\treturn nil\n}\n",
    );
    let fixes = |d: &Path| -> Vec<(u64, String)> {
        findings_in(d, &["--select", "RES003"])
            .iter()
            .map(|f| {
                (
                    f["line"].as_u64().unwrap(),
                    f["fix"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let plain = fixes(d);
    assert_eq!(plain.len(), 1, "{plain:?}");
    assert!(!plain[0].1.contains("audit.Record"), "{plain:?}");
    write_file(
        d,
        "faultline.toml",
        "# how this service reports\nloggers = [\"audit.Record\"]\n",
    );
    let declared = fixes(d);
    assert_eq!(declared.len(), 1, "{declared:?}");
    assert_eq!(declared[0].0, 15);
    assert!(
        declared[0]
            .1
            .ends_with("This project reports errors with `audit.Record` (faultline.toml:2): record the error there, with its context."),
        "{declared:?}"
    );
    assert!(stdout(&config_in(d, &["svc/save.go"])).contains("loggers = [\"audit.Record\"]"));
}

#[test]
fn failure_modes_matrix_of_the_orders_example() {
    let md = faultline(&["failure-modes", "examples/orders", "--no-cache"]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    insta::assert_snapshot!("failure_modes_markdown", stdout(&md));
    let json = faultline(&[
        "failure-modes",
        "examples/orders",
        "--no-cache",
        "--format",
        "json",
    ]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    insta::assert_snapshot!("failure_modes_json", stdout(&json));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // The publisher in one language and the consumer in another form one chain.
    let chain = v["invariants"][0]["chain"].as_array().unwrap();
    let kinds: Vec<&str> = chain
        .iter()
        .map(|id| {
            v["interactions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == *id)
                .unwrap()["kind"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(kinds, ["publish", "consume"]);
    // The dual write is unsafe; the outbox next to it is not.
    let duals = v["dual_writes"].as_array().unwrap();
    assert_eq!(duals.len(), 2);
    assert_eq!(duals[0]["outbox"], false);
    assert_eq!(duals[1]["outbox"], true);
    // Without a declared criticality (an empty design replaces the
    // example's), the dual write that changes order state on the request
    // path ranks first.
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("design.toml");
    std::fs::write(&empty, "").unwrap();
    let plain = faultline(&[
        "failure-modes",
        "examples/orders",
        "--no-cache",
        "--format",
        "json",
        "--design",
        empty.to_str().unwrap(),
    ]);
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert_eq!(plain["safeguards"][0]["safeguard"], "outbox");
    assert!(plain.get("design").is_none());
}

/// Every cell that cites a rule rests on that rule's finding at the same call,
/// and every finding at a call the matrix lists makes one of its cells unsafe.
#[test]
fn failure_mode_cells_and_findings_agree() {
    for root in ["examples/orders", "examples/shop"] {
        let m = faultline(&["failure-modes", root, "--no-cache", "--format", "json"]);
        let m: serde_json::Value = serde_json::from_slice(&m.stdout).unwrap();
        let c = faultline(&["check", root, "--no-cache", "--format", "json"]);
        let c: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
        let findings: Vec<(String, u64, String)> = c["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let interactions = m["interactions"].as_array().unwrap();
        let at = |id: &str| {
            let i = interactions.iter().find(|i| i["id"] == id).unwrap();
            (
                i["path"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
            )
        };
        for cell in m["matrix"].as_array().unwrap() {
            let (path, line) = at(cell["interaction"].as_str().unwrap());
            for rule in cell["rules"].as_array().unwrap() {
                assert_eq!(cell["verdict"], "unsafe", "{cell}");
                assert!(
                    findings
                        .iter()
                        .any(|(p, l, r)| *p == path && *l >= line && *l < line + 20 && r == rule),
                    "{root}: {cell} cites {rule} with no such finding"
                );
            }
        }
        for (path, line, rule) in findings.iter().filter(|f| f.2 == "RES001") {
            let id = interactions
                .iter()
                .find(|i| i["path"] == path.as_str() && i["line"] == *line)
                .map(|i| i["id"].as_str().unwrap().to_string());
            let Some(id) = id else { continue };
            assert!(
                m["matrix"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["interaction"] == id.as_str()
                        && c["failure"] == "timeout"
                        && c["verdict"] == "unsafe"
                        && c["rules"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|r| r == rule.as_str())),
                "{root}: {rule} at {path}:{line} has no unsafe timeout cell"
            );
        }
    }
}

#[test]
fn failure_modes_filters_a_component_and_names_the_others() {
    let o = faultline(&[
        "failure-modes",
        "examples/orders",
        "--no-cache",
        "--format",
        "json",
        "--component",
        "examples/orders/payments",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let comps: Vec<&str> = v["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(comps, ["examples/orders/payments"]);
    assert_usage_error(
        &["failure-modes", "examples/orders", "--no-cache", "--component", "examples/orders/payment"],
        "--component `examples/orders/payment`: no component of that name has interactions (did you mean `examples/orders/payments`?); the components are: examples/orders/checkout, examples/orders/payments",
    );
}

/// The orders example declares its design in `examples/orders/faultline.toml`:
/// the report checks the code against it and ranks by declared criticality.
#[test]
fn failure_modes_checks_the_declared_design() {
    let o = faultline(&[
        "failure-modes",
        "examples/orders",
        "--no-cache",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let checks = v["design"].as_array().unwrap();
    let verdict = |declared: &str| {
        checks
            .iter()
            .find(|c| c["declared"].as_str().unwrap().starts_with(declared))
            .map(|c| c["verdict"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    // The payments latency budget: its provider call has no timeout.
    assert_eq!(verdict("component `payments`"), "contradicted");
    assert_eq!(verdict("component `checkout`"), "consistent");
    // Declared at-least-once: the consumer acks on delivery, and the publisher
    // dual-writes; both are cited.
    let chain = checks
        .iter()
        .find(|c| {
            c["declared"]
                .as_str()
                .unwrap()
                .starts_with("checkout → payments")
        })
        .unwrap();
    assert_eq!(chain["verdict"], "contradicted");
    assert_eq!(chain["at"], "examples/orders/faultline.toml:13");
    let found = chain["found"].as_str().unwrap();
    assert!(found.contains("acknowledges on delivery"), "{found}");
    assert!(found.contains("without an outbox"), "{found}");
    // Declared criticality ranks first: the critical payments service's
    // safeguards come before checkout's (high) outbox.
    let first = &v["safeguards"][0];
    assert!(first["blast_radius"]
        .as_str()
        .unwrap()
        .starts_with("declared criticality: critical"));
    let outbox = v["safeguards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["safeguard"] == "outbox")
        .unwrap();
    assert_eq!(outbox["rank"], 4);
}

#[test]
fn failure_modes_design_file_overrides_and_contradicts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("design.toml");
    // Keys at the top level; a declared synchronous style and strong
    // consistency that a queue contradicts; exactly-once that the consumer
    // does not show; a component and an interaction the code lacks.
    std::fs::write(
        &file,
        r#"[components.ledger]
criticality = "high"

[[interactions]]
from = "checkout"
to = "payments"
style = "sync-rpc"
consistency = "strong"

[[interactions]]
from = "payments"
to = "PAYMENT_PROVIDER_URL"
style = "sync_rpc"
delivery = "exactly-once"

[[interactions]]
from = "checkout"
to = "inventory"
"#,
    )
    .unwrap();
    let o = faultline(&[
        "failure-modes",
        "examples/orders",
        "--no-cache",
        "--format",
        "json",
        "--design",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let checks: Vec<(String, String, String)> = v["design"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["declared"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
                c["found"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(checks.len(), 4, "{checks:?}");
    assert_eq!(checks[0].1, "not_found");
    assert!(checks[0]
        .2
        .contains("the components are: examples/orders/checkout, examples/orders/payments"));
    assert_eq!(checks[1].0, "checkout → payments: sync-rpc, strong");
    assert_eq!(checks[1].1, "contradicted");
    assert!(
        checks[1].2.contains("sends `payments` a message"),
        "{}",
        checks[1].2
    );
    assert!(checks[1].2.contains("(eventual)"), "{}", checks[1].2);
    assert_eq!(checks[2].1, "not_shown");
    assert!(checks[2].2.contains("delivery is a property of messages"));
    assert_eq!(checks[3].1, "not_found");
    // The file replaces the configuration's design: no criticality for payments.
    assert!(!v["safeguards"][0]["blast_radius"]
        .as_str()
        .unwrap()
        .contains("declared"));
}

#[test]
fn design_mistakes_name_the_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("design.toml");
    // The design `text` read with `--design`: a usage error, its message.
    let design_error = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let o = faultline(&[
            "failure-modes",
            "examples/orders",
            "--no-cache",
            "--design",
            file.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        stderr(&o)
    };
    let e = design_error(
        "[design]\n[[design.interactions]]\nfrom = \"a\"\nto = \"b\"\nstyle = \"async-queu\"\n",
    );
    assert!(e.contains("design.toml:5:"), "{e}");
    assert!(e.contains("style `async-queu` is not one of `sync-rpc`, `async-queue`, `event-stream` (did you mean `async-queue`?)"), "{e}");
    let e = design_error("[components.payments]\ncriticalty = \"high\"\n");
    assert!(e.contains("design.toml:2:"), "{e}");
    assert!(
        e.contains("unknown key `criticalty` in [design] (did you mean `criticality`?)"),
        "{e}"
    );
    let e = design_error("[components.payments]\nlatency = \"2\"\n");
    assert!(
        e.contains("latency `2` is not a duration; write it with its unit"),
        "{e}"
    );
    // In a faultline.toml, the same mistake stops `check` too.
    let cfg = dir.path().join("faultline.toml");
    std::fs::write(&cfg, "[design.components.api]\ncriticality = \"urgent\"\n").unwrap();
    let o = faultline(&[
        "check",
        "examples/orders",
        "--no-cache",
        "--config",
        cfg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("faultline.toml:2:"), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("criticality `urgent` is not one of `critical`, `high`, `medium`, `low`"),
        "{}",
        stderr(&o)
    );
}

/// A fix points at the project's own bounded call in product code, not at a
/// script's that sorts first.
#[test]
fn a_fix_points_at_product_code_over_a_script() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (path, text) in [
        ("requirements.txt", "requests\nflask\n"),
        (
            "bin/sync.py",
            "import requests\n\ndef sync(u):\n    return requests.get(u, timeout=60)\n",
        ),
        (
            "svc/api.py",
            "import requests\n\ndef fetch(u):\n    return requests.get(u, timeout=5)\n",
        ),
        (
            "svc/views.py",
            "import requests\n\ndef show(u):\n    return requests.get(u)\n",
        ),
    ] {
        write_file(d, path, text);
    }
    let fix = fix_of(d, "svc/views.py");
    assert!(
        fix.contains("already bounds this kind of call at `svc/api.py:4`"),
        "{fix}"
    );
}

/// The fix text of the finding `faultline check` reports in `path` of the
/// project at `d`.
fn fix_of(d: &std::path::Path, path: &str) -> String {
    let o = check_in(d, &[".", "--no-cache", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .expect("the unbounded call is reported")["fix"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A fetch that only forwards its caller's cancellation (`signal: req.signal`)
/// is no precedent: the fix points at the call a timer bounds.
#[test]
fn a_fix_points_at_a_timer_not_a_forwarded_signal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (path, text) in [
        ("package.json", r#"{"dependencies": {"express": "4.0.0"}}"#),
        (
            "src/a_proxy.ts",
            "export async function proxy(req: Request) {\n  return fetch('https://up.example.com', { signal: req.signal });\n}\n",
        ),
        (
            "src/b_status.ts",
            "export async function status() {\n  const r = await fetch('https://status.example.com', {\n    signal: AbortSignal.timeout(5000),\n  });\n  return r.json();\n}\n",
        ),
        (
            "src/c_users.ts",
            "export async function users() {\n  const r = await fetch('https://users.example.com');\n  return r.json();\n}\n",
        ),
    ] {
        write_file(d, path, text);
    }
    let fix = fix_of(d, "src/c_users.ts");
    assert!(
        fix.contains("already bounds this kind of call at `src/b_status.ts:2`"),
        "{fix}"
    );
}

/// The failure-mode matrix, as JSON, of a throwaway project made of `files`.
fn failure_modes_of(files: &[(&str, &str)]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write_file(dir.path(), path, text);
    }
    let out = faultline(&[
        "failure-modes",
        dir.path().to_str().unwrap(),
        "--no-cache",
        "--format",
        "json",
    ]);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The first interaction `pick` chooses, and its cell for `failure`.
fn interaction_and_cell(
    v: &serde_json::Value,
    pick: impl Fn(&serde_json::Value) -> bool,
    failure: &str,
) -> (serde_json::Value, serde_json::Value) {
    let i = v["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| pick(i))
        .unwrap_or_else(|| panic!("no such interaction in {}", v["interactions"]))
        .clone();
    let cell = v["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["interaction"] == i["id"] && c["failure"] == failure)
        .unwrap_or_else(|| panic!("no {failure} cell for {i}"))
        .clone();
    (i, cell)
}

/// One missing safeguard shared by several components is one ranked entry
/// naming them all (sixteen notifier packages without a timeout are one
/// systemic gap), and only money words rank a write as money.
#[test]
fn failure_modes_merges_one_fix_across_components() {
    let app = "import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n@app.post('/send')\ndef send_display_payload():\n    return requests.post('https://hooks.example.com/send', json={}).text\n";
    let files: Vec<(String, &str)> = ["notify-slack", "notify-email", "notify-sms"]
        .iter()
        .flat_map(|n| {
            [
                (format!("{n}/requirements.txt"), "flask\nrequests\n"),
                (format!("{n}/app.py"), app),
            ]
        })
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let v = failure_modes_of(&files);
    let timeouts: Vec<&serde_json::Value> = v["safeguards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["safeguard"] == "timeout")
        .collect();
    assert_eq!(timeouts.len(), 1, "{}", v["safeguards"]);
    assert_eq!(timeouts[0]["interactions"].as_array().unwrap().len(), 3);
    let radius = timeouts[0]["blast_radius"].as_str().unwrap();
    assert!(
        radius.starts_with("3 call sites in 3 components (`"),
        "{radius}"
    );
    for name in ["notify-email`, ", "notify-slack`, ", "notify-sms`)"] {
        assert!(radius.contains(name), "{radius}");
    }
    assert!(!radius.contains("money"), "{radius}");
}

/// Core NATS is described as it behaves: at most once, no redelivery, slow
/// subscribers dropped, a queue group splitting one subject's order.
#[test]
fn failure_modes_describes_core_nats() {
    let v = failure_modes_of(&[
        (
            "orders/go.mod",
            "module example.com/orders\n\ngo 1.22\n\nrequire github.com/nats-io/nats.go v1.37.0\n",
        ),
        (
            "orders/main.go",
            "package main\n\nimport \"github.com/nats-io/nats.go\"\n\nfunc publish(nc *nats.Conn, id string) error {\n\treturn nc.Publish(\"orders.created\", []byte(id))\n}\n\nfunc listen(nc *nats.Conn) {\n\tnc.QueueSubscribe(\"orders.created\", \"packers\", onOrder)\n}\n\nfunc onOrder(m *nats.Msg) {\n\tpack(string(m.Data))\n}\n",
        ),
    ]);
    let current = |kind: &str, failure: &str| -> String {
        let (_, cell) = interaction_and_cell(&v, |i| i["kind"] == kind, failure);
        cell["current"].as_str().unwrap().to_string()
    };
    assert!(current("publish", "duplicate_delivery").starts_with("core NATS never redelivers"));
    assert!(current("consume", "duplicate_delivery").contains("is lost (at-most-once)"));
    assert!(current("consume", "reordering").starts_with("queue group `packers`"));
    assert!(current("consume", "slow_consumer").contains("nats.ErrSlowConsumer"));
    assert_eq!(
        v["invariants"][0]["delivery"], "at-most-once",
        "{}",
        v["invariants"]
    );
}

/// A gRPC call with no deadline is an unsafe timeout cell on its own
/// evidence (no rule covers gRPC), with the fix in the file's language.
#[test]
fn failure_modes_grpc_call_without_deadline() {
    let v = failure_modes_of(&[
        ("checkout/go.mod", "module example.com/checkout\n\ngo 1.22\n"),
        (
            "checkout/main.go",
            "package main\n\nimport (\n\t\"context\"\n\n\tpb \"example.com/checkout/genproto\"\n)\n\nfunc convert(conn *grpc.ClientConn) error {\n\t_, err := pb.NewCurrencyServiceClient(conn).Convert(context.TODO(), &pb.CurrencyConversionRequest{})\n\treturn err\n}\n",
        ),
    ]);
    let (_, cell) = interaction_and_cell(
        &v,
        |i| i["target"]["value"] == "/CurrencyService/Convert",
        "timeout",
    );
    assert_eq!(cell["verdict"], "unsafe", "{cell}");
    assert!(
        cell["fix"]
            .as_str()
            .unwrap()
            .contains("context.WithTimeout"),
        "{cell}"
    );
    assert_eq!(cell["rules"].as_array().unwrap().len(), 0);
    assert!(
        cell["evidence"][0]
            .as_str()
            .unwrap()
            .ends_with("checkout/main.go:10"),
        "{cell}"
    );
}

/// A Celery task whose decorator leaves the ack open takes the app's:
/// Celery's default acks on receipt (at most once); `task_acks_late` in the
/// service's configuration acks after the task; one read at run time leaves
/// it unknown.
#[test]
fn failure_modes_celery_ack_from_the_app() {
    let task = "from celery import shared_task\n\n@shared_task\ndef send_receipt(order_id):\n    return order_id\n";
    let app = "from celery import Celery\n\napp = Celery('shop')\napp.conf.task_acks_late = True\n";
    let from_env = "CELERY_TASK_ACKS_LATE = env.bool('CELERY_TASK_ACKS_LATE', default=True)\n";
    let ack_of = |config: Option<&str>| -> (String, String, String) {
        let mut files = vec![
            ("shop/requirements.txt", "celery\n"),
            ("shop/tasks.py", task),
        ];
        if let Some(config) = config {
            files.push(("shop/celery_app.py", config));
        }
        let v = failure_modes_of(&files);
        let (i, cell) = interaction_and_cell(&v, |i| i["kind"] == "consume", "duplicate_delivery");
        (
            i["settings"]["ack"]["value"].as_str().unwrap().to_string(),
            cell["verdict"].as_str().unwrap().to_string(),
            cell["fix"].as_str().unwrap().to_string(),
        )
    };
    let (ack, verdict, fix) = ack_of(None);
    assert!(
        ack.starts_with("auto: Celery acks a task when a worker takes it"),
        "{ack}"
    );
    assert_eq!(verdict, "unsafe");
    assert!(fix.contains("acks_late=True"), "{fix}");
    let (ack, verdict, _) = ack_of(Some(app));
    assert!(ack.starts_with("manual:"), "{ack}");
    assert_ne!(verdict, "unsafe");
    // Read from the environment: when it acks is unknown, not the default.
    let (ack, verdict, _) = ack_of(Some(from_env));
    assert!(
        ack.starts_with("Celery acks before the task runs unless"),
        "{ack}"
    );
    assert_eq!(verdict, "unknown");
}

/// What a file's directories say of its role (`tools/`, `dev/`) is read from
/// its path within the repository, not from the path faultline is given: a
/// checkout kept under `~/dev/` is product code, whichever directory
/// faultline runs from and whichever PATH it is given.
#[test]
fn roles_come_from_the_path_within_the_repository() {
    let outer = tempfile::tempdir().unwrap();
    let repo = outer.path().join("dev/shop");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    write_file(&repo, "app/client.py", UNBOUNDED);
    write_file(&repo, "tools/seed.py", UNBOUNDED);
    let paths = |dir: &Path, args: &[&str]| -> Vec<String> {
        let o = check_in(dir, &[args, &["--format", "json"]].concat());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut p: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        p.sort();
        p
    };
    assert_eq!(paths(&repo, &["."]), ["app/client.py"]);
    assert_eq!(
        paths(outer.path(), &["dev/shop"]),
        ["dev/shop/app/client.py"]
    );
    assert_eq!(paths(&repo.join("app"), &["."]), ["client.py"]);
    // The top-level `tools/` of the repository, scanned on its own.
    assert!(paths(&repo.join("tools"), &["."]).is_empty());
    assert!(paths(&repo, &["tools"]).is_empty());
    // Without a repository, the path is read from the scanned directory.
    let plain = outer.path().join("scripts/shop");
    write_file(&plain, "app/client.py", UNBOUNDED);
    assert_eq!(
        paths(outer.path(), &["scripts/shop"]),
        ["scripts/shop/app/client.py"]
    );
}

/// The project's own bounded helper a fix points at makes requests: one that
/// runs a program with a timeout (`_popen_timeouted`) is no way to bound an
/// HTTP call.
#[test]
fn a_fix_points_at_a_request_helper_not_a_program_runner() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_file(
        d,
        "app/sshcmd.py",
        "import subprocess\n\n\ndef _popen_timeouted(cmd, timeout=60):\n    return subprocess.run(cmd, timeout=timeout, check=True)\n",
    );
    write_file(
        d,
        "app/client.py",
        "import requests\n\n\ndef fetch(url):\n    return requests.get(url).json()\n",
    );
    let fix = fix_of(d, "app/client.py");
    assert!(!fix.contains("_popen_timeouted"), "{fix}");
    write_file(
        d,
        "app/http.py",
        "import requests\n\n\ndef get_with_timeout(url):\n    return requests.get(url, timeout=10)\n",
    );
    let fix = fix_of(d, "app/client.py");
    assert!(
        fix.contains("`get_with_timeout` (`app/http.py:4`)"),
        "{fix}"
    );
}
