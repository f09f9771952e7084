#![no_main]
//! Any bytes as deployment config: the first byte picks a compose file, a
//! Kubernetes manifest, a Helm values file or a Dockerfile.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let path = match kind % 4 {
        0 => "docker-compose.yml",
        1 => "deploy/k8s/deployment.yaml",
        2 => "charts/api/values.yaml",
        _ => "Dockerfile",
    };
    faultline_fuzz::scan(path, rest);
});
