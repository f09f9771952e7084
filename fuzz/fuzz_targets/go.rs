#![no_main]
//! Any bytes as `internal/api/handler.go`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("internal/api/handler.go", data);
});
