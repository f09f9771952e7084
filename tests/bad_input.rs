//! Bad input never crashes the scan or loses the rest of it.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn check(dir: &Path, extra: &[&str]) -> (Output, serde_json::Value) {
    let mut args = vec!["check", ".", "--format", "json"];
    args.extend_from_slice(extra);
    let o = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(&args)
        .current_dir(dir)
        .output()
        .expect("run");
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&o.stderr)));
    (o, v)
}

fn error_for<'a>(v: &'a serde_json::Value, path: &str) -> Option<&'a str> {
    v["errors"]
        .as_array()?
        .iter()
        .find(|e| e["path"] == path)
        .and_then(|e| e["message"].as_str())
}

fn finding_lines(v: &serde_json::Value, path: &str) -> Vec<u64> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["line"].as_u64().unwrap())
        .collect()
}

const BAD: &str = "import requests\nrequests.get('http://x')\n";

#[test]
fn every_kind_of_bad_input_in_one_scan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.py"), BAD).unwrap();
    fs::write(d.join("empty.py"), "").unwrap();
    fs::write(d.join("binary.py"), b"\x7fELF\x00\x00\x01requests.get(u)").unwrap();
    // Latin-1, not UTF-8: still scanned.
    fs::write(
        d.join("latin1.py"),
        b"# caf\xe9\nimport requests\nrequests.get('http://x')\n",
    )
    .unwrap();
    // Broken syntax before a real finding.
    fs::write(
        d.join("broken.py"),
        "def f(:\n    pass\nimport requests\nrequests.get('http://x')\n",
    )
    .unwrap();
    // 100,000 nested brackets.
    let deep = format!("x = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    fs::write(d.join("deep.py"), &deep).unwrap();
    fs::write(
        d.join("deep.ts"),
        format!(
            "const x = {}1{};\n",
            "(".repeat(100_000),
            ")".repeat(100_000)
        ),
    )
    .unwrap();
    fs::write(
        d.join("deep.go"),
        format!(
            "package p\nvar x = {}1{}\n",
            "(".repeat(100_000),
            ")".repeat(100_000)
        ),
    )
    .unwrap();
    // A 20 MB generated file.
    let big = "x = 1\n".repeat(20 * 1024 * 1024 / 6);
    fs::write(d.join("generated_big.py"), big).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("missing.py", d.join("dangling.py")).unwrap();
        symlink("loop_b.py", d.join("loop_a.py")).unwrap();
        symlink("loop_a.py", d.join("loop_b.py")).unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        symlink("..", d.join("sub/parent")).unwrap();
    }

    let (o, v) = check(d, &[]);
    assert_eq!(o.status.code(), Some(1), "findings remain: exit 1, not 2");
    assert_eq!(finding_lines(&v, "good.py"), [2]);
    assert_eq!(finding_lines(&v, "latin1.py"), [3]);
    assert_eq!(finding_lines(&v, "broken.py"), [4]);
    assert!(error_for(&v, "binary.py").unwrap().contains("binary"));
    assert!(error_for(&v, "generated_big.py").unwrap().contains("limit"));
    assert!(error_for(&v, "broken.py")
        .unwrap()
        .starts_with("syntax error at 1:"));
    assert!(error_for(&v, "empty.py").is_none());
    #[cfg(unix)]
    {
        assert!(error_for(&v, "dangling.py")
            .unwrap()
            .contains("cannot read"));
        assert!(error_for(&v, "loop_a.py").unwrap().contains("cannot read"));
    }
    // Every file was accounted for: scanned, or listed under errors.
    assert!(v["stats"]["files"].as_u64().unwrap() >= 7);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_entry() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.py"), BAD).unwrap();
    // A directory where a file is expected cannot be read as source either way,
    // so this case holds for root too.
    fs::write(d.join("secret.py"), BAD).unwrap();
    fs::set_permissions(d.join("secret.py"), fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(d.join("secret.py")).is_ok();
    let (_, v) = check(d, &[]);
    assert_eq!(finding_lines(&v, "good.py"), [2]);
    if readable {
        // Running as root: permissions do not apply, the file is scanned.
        assert_eq!(finding_lines(&v, "secret.py"), [2]);
    } else {
        assert!(error_for(&v, "secret.py").unwrap().contains("cannot read"));
    }
}
