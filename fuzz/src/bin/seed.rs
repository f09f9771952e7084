//! Seeds each fuzz target's corpus (`fuzz/corpus/<target>/`) with the rule
//! cases and the bundled example's files: `cargo run --bin seed` in `fuzz/`.

use std::path::Path;

fn target_of(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    Some(match ext {
        "py" => "python",
        "go" => "go",
        "java" => "java",
        "rs" => "rust",
        "ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs" => "typescript",
        "kt" | "kts" => "kotlin",
        "swift" => "swift",
        "dart" => "dart",
        "yml" | "yaml" => "config",
        "toml" if name == "faultline.toml" || name == "pyproject.toml" => "settings",
        _ if name == "Dockerfile" || name.starts_with("Dockerfile.") => "config",
        _ => return None,
    })
}

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    std::fs::create_dir_all(&dir).expect("create the corpus directory");
    let mut data = Vec::new();
    // The config target reads its kind from the first byte.
    if target == "config" {
        data.push(match name {
            n if n.contains("compose") => 0,
            n if n.contains("values") => 2,
            n if n.contains("Dockerfile") => 3,
            _ => 1,
        });
    }
    data.extend_from_slice(bytes);
    std::fs::write(dir.join(name.replace('/', "_")), data).expect("write a seed");
}

fn main() {
    let mut n = 0;
    for rule in faultline::rules::ALL {
        for (i, case) in rule.cases().iter().enumerate() {
            let files = std::iter::once((case.path, case.source())).chain(case.companion_files());
            for (path, text) in files {
                if let Some(t) = target_of(path) {
                    write(
                        t,
                        &format!("{}-{i}-{path}", rule.meta().id),
                        text.as_bytes(),
                    );
                    n += 1;
                }
            }
        }
    }
    write("suppressions", "ignore-one", b"ignore[RES001] a reason\n");
    write(
        "suppressions",
        "ignore-bad",
        b"ignore[RES0,,] \n# faultline: ignore\n",
    );
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut stack = vec![examples.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let (Some(t), Ok(bytes)) =
                (target_of(&p.to_string_lossy()), std::fs::read(&p))
            {
                let rel = p
                    .strip_prefix(&examples)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .into_owned();
                write(t, &format!("example-{rel}"), &bytes);
                n += 1;
            }
        }
    }
    println!("{n} seeds written under fuzz/corpus/");
}
