//! Shared by the fuzz targets: one scan of one in-memory file, every rule on.

use faultline::engine::{check_files, Options};

/// Scans `data` as the file `path` (decoded like a file on disk: invalid
/// UTF-8 as Latin-1) with every rule, preview ones included. Whatever the
/// input, this returns: a crash, a hang or a blow-up is the finding.
pub fn scan(path: &str, data: &[u8]) {
    let text = match faultline::source::decode(data.to_vec()) {
        Ok(t) => t,
        Err(_) => return,
    };
    let result = check_files(&[(path, text.as_str())], Options::all_rules());
    // Every finding points inside the file.
    let lines = text.lines().count().max(1);
    for f in &result.findings {
        assert!(f.line >= 1 && f.line <= lines + 1, "{}:{}", f.path, f.line);
    }
}
