#![no_main]
//! Any bytes as `src/server.rs`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("src/server.rs", data);
});
