#![no_main]
//! Any bytes as `src/main/java/App.java`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("src/main/java/App.java", data);
});
