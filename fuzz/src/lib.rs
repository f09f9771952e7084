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
    // A parse the grammar cannot finish quickly is given up at its budget (an
    // `errors` entry, tested); kept well under libFuzzer's timeout, so that a
    // timeout found here is faultline's own work running away.
    let opts = Options {
        parse_budget: std::time::Duration::from_secs(1),
        ..Options::all_rules()
    };
    let result = check_files(&[(path, text.as_str())], opts);
    // Every finding points inside the file.
    let lines = text.lines().count().max(1);
    for f in &result.findings {
        assert!(f.line >= 1 && f.line <= lines + 1, "{}:{}", f.path, f.line);
    }
}
