#![no_main]
//! Any bytes as `src/server.ts`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("src/server.ts", data);
});
