#![no_main]
//! Any bytes as `lib/client.dart`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    faultline_fuzz::scan("lib/client.dart", data);
});
