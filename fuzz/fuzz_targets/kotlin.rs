#![no_main]
//! Any bytes as `src/main/kotlin/App.kt`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("src/main/kotlin/App.kt", data);
});
