#![no_main]
//! Any bytes after a finding's line, where a suppression comment would go:
//! `faultline: ignore[…]` parsing on hostile text.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut source = b"import requests\nrequests.get(URL)  # faultline: ".to_vec();
    source.extend_from_slice(data);
    faultline_fuzz::scan("app/service.py", &source);
});
