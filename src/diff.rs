//! `--diff REV`: the lines a change adds or changes since the merge base of
//! `REV` and `HEAD`, read from git (the `git` command; a working tree's
//! uncommitted edits and untracked files count as part of the change).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The lines added or changed per file, by path relative to the repository's top.
#[derive(Debug, Default)]
pub struct Changed {
    top: PathBuf,
    /// Inclusive line ranges per file; a file the change adds holds every line.
    lines: HashMap<String, Vec<(usize, usize)>>,
}

/// Runs git in `cwd`; its standard output, or what went wrong.
fn git(cwd: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(cwd)
        .args(["-c", "core.quotepath=false"])
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git ({e}); --diff needs git on PATH"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(err
            .lines()
            .next()
            .unwrap_or("git failed")
            .trim()
            .to_string())
    }
}

impl Changed {
    /// What changed since the merge base of `rev` and `HEAD`, for the
    /// repository holding `cwd`.
    pub fn since(rev: &str, cwd: &Path) -> Result<Changed, String> {
        let top = git(cwd, &["rev-parse", "--show-toplevel"]).map_err(|_| {
            format!(
                "--diff {rev}: {} is not inside a git repository",
                cwd.display()
            )
        })?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
        let verified = format!("{rev}^{{commit}}");
        git(cwd, &["rev-parse", "--verify", "--quiet", &verified])
            .map_err(|_| format!("--diff {rev}: unknown revision (a branch, tag or commit git knows, e.g. origin/main)"))?;
        let base = git(cwd, &["merge-base", rev, "HEAD"])
            .map_err(|e| format!("--diff {rev}: no merge base with HEAD ({e})"))?;
        let base = String::from_utf8_lossy(&base).trim().to_string();
        let diff = git(
            &top,
            &[
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                &base,
            ],
        )
        .map_err(|e| format!("--diff {rev}: git diff failed ({e})"))?;
        let mut changed = Changed {
            top: crate::config::clean(&top),
            lines: parse(&String::from_utf8_lossy(&diff)),
        };
        // Files git does not track yet are new in their whole.
        let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])
            .map_err(|e| format!("--diff {rev}: git ls-files failed ({e})"))?;
        for path in untracked.split(|b| *b == 0).filter(|p| !p.is_empty()) {
            changed.lines.insert(
                String::from_utf8_lossy(path).into_owned(),
                vec![(1, usize::MAX)],
            );
        }
        Ok(changed)
    }

    /// Whether a finding at `path` (absolute) spanning `line..=end_line` touches
    /// a line the change added or changed.
    pub fn covers(&self, path: &Path, line: usize, end_line: usize) -> bool {
        let Ok(rel) = crate::config::clean(path)
            .strip_prefix(&self.top)
            .map(Path::to_path_buf)
        else {
            return false;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        self.lines.get(&rel).is_some_and(|ranges| {
            ranges
                .iter()
                .any(|&(a, b)| a <= end_line.max(line) && line <= b)
        })
    }
}

/// The added line ranges per file of a `git diff --unified=0` (new paths,
/// relative to the top).
fn parse(diff: &str) -> HashMap<String, Vec<(usize, usize)>> {
    let mut out: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            current = unquote(path).strip_prefix("b/").map(str::to_string);
            continue;
        }
        let Some(hunk) = line.strip_prefix("@@ ") else {
            continue;
        };
        let Some(file) = &current else { continue };
        // `@@ -a[,b] +c[,d] @@`
        let Some(new) = hunk.split_whitespace().find(|w| w.starts_with('+')) else {
            continue;
        };
        let mut parts = new[1..].split(',');
        let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let count: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
        if count > 0 && start > 0 {
            out.entry(file.clone())
                .or_default()
                .push((start, start + count - 1));
        }
    }
    out
}

/// A path as git prints it: C-quoted when it holds unusual characters.
fn unquote(path: &str) -> String {
    let path = path.trim_end();
    match path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
        Some(inner) => {
            let mut bytes = Vec::new();
            let mut it = inner.bytes().peekable();
            while let Some(b) = it.next() {
                if b != b'\\' {
                    bytes.push(b);
                    continue;
                }
                match it.next() {
                    Some(b'n') => bytes.push(b'\n'),
                    Some(b't') => bytes.push(b'\t'),
                    Some(d @ b'0'..=b'7') => {
                        let mut v = u32::from(d - b'0');
                        for _ in 0..2 {
                            if let Some(&n @ b'0'..=b'7') = it.peek() {
                                v = v * 8 + u32::from(n - b'0');
                                it.next();
                            }
                        }
                        bytes.push(v as u8);
                    }
                    Some(other) => bytes.push(other),
                    None => {}
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, unquote};

    #[test]
    fn hunks_give_the_added_lines() {
        let diff = "diff --git a/app/a.py b/app/a.py\n--- a/app/a.py\n+++ b/app/a.py\n@@ -3,0 +4,2 @@ def f():\n+    x()\n+    y()\n@@ -10 +12 @@\n-a\n+b\n@@ -20,3 +22,0 @@\n-gone\ndiff --git a/new.py b/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,3 @@\n+a\n+b\n+c\n";
        let p = parse(diff);
        assert_eq!(p["app/a.py"], [(4, 5), (12, 12)]);
        assert_eq!(p["new.py"], [(1, 3)]);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn quoted_paths_are_unquoted() {
        assert_eq!(unquote("\"b/caf\\303\\251 x.py\""), "b/café x.py");
        assert_eq!(unquote("b/plain.py"), "b/plain.py");
    }
}
