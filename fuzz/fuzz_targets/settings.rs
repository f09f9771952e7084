#![no_main]
//! Any bytes as a `faultline.toml` (and as a `--design` file): the reader
//! returns the configuration or an error naming a line, whatever the input.

use std::path::PathBuf;
use std::sync::OnceLock;

/// One scratch directory per fuzzing process.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("faultline-fuzz-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the scratch directory");
        dir
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let file = scratch().join("faultline.toml");
    std::fs::write(&file, data).expect("write the input");
    let text_lines = String::from_utf8_lossy(data).lines().count() + 1;
    for e in [
        faultline::config::Config::load(&file, "faultline.toml").err(),
        faultline::design::Design::load(&file, "faultline.toml").err(),
    ]
    .into_iter()
    .flatten()
    {
        // An error points inside the file.
        assert!(e.line <= text_lines, "{e}");
    }
});
