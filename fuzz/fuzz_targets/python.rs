#![no_main]
//! Any bytes as `app/service.py`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("app/service.py", data);
});
