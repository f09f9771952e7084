#![no_main]
//! Any bytes as `Sources/App/Client.swift`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("Sources/App/Client.swift", data);
});
