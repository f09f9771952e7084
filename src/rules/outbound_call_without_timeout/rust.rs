//! RES001 in Rust (async reqwest; the blocking client has a 30 s default).

use super::Case;

pub(super) const CASES: &[Case] = &[
    // A client kept in a field whose every request in the file is wrapped in
    // `tokio::time::timeout(…)` or given `.timeout(…)`; a field one function
    // sends through without a limit is unbounded.
    Case::new(
        "crates/service/src/caching/shared_cache.rs",
        r#"
use std::time::Duration;
use reqwest::Client;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

pub struct Store {
    client: Client,
}

impl Store {
    pub fn new() -> Self {
        Self { client: Client::new() }
    }

    async fn fetch(&self, url: &str) -> Option<Vec<u8>> {
        let request = self.client.get(url).send();
        let response = tokio::time::timeout(CONNECT_TIMEOUT, request).await.ok()?.ok()?;
        response.bytes().await.ok().map(|b| b.to_vec())
    }

    async fn store(&self, url: &str, body: Vec<u8>) -> bool {
        self.client
            .put(url)
            .timeout(Duration::from_secs(30))
            .body(body)
            .send()
            .await
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn stores() {
        let store = super::Store::new();
        store.client.post("http://localhost:9000/x").send().await.unwrap();
    }
}

pub struct Uploader {
    http: Client,
}

impl Uploader {
    pub fn new() -> Self {
        Self { http: Client::new() }  // expect: RES001
    }

    async fn upload(&self, url: &str) -> bool {
        self.http.post(url).send().await.is_ok()
    }
}
"#,
    ),
    // A command of a command-line tool takes its state through the CLI
    // framework's `State<…>` (cling): a run the user starts, not a request
    // handler. An axum handler in the server crate serves requests.
    Case::new(
        "cli/src/commands/tunnel.rs",
        r#"
use cling::prelude::*;

pub async fn run_tunnel(State(env): State<CliEnv>, opts: &Tunnel) -> Result<()> {
    let client = reqwest::Client::builder()
        .connect_timeout(env.connect_timeout())
        .build()?;
    serve(client, opts).await
}
"#,
    ),
    Case::new(
        "server/src/proxy.rs",
        r#"
use axum::extract::State;

pub async fn proxy(State(env): State<AppState>, body: String) -> String {
    let client = reqwest::Client::builder()  // expect: RES001
        .connect_timeout(env.connect_timeout())
        .build()
        .unwrap();
    forward(client, body).await
}
"#,
    ),
    // A Cargo benchmark (`benches/`) is a run a developer starts by hand; the
    // same call in the crate's `src/` serves the product.
    Case::new(
        "crates/ingest/benches/load.rs",
        r#"
fn bench_ingest(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    c.bench_function("ingest", |b| b.iter(|| rt.block_on(async { reqwest::get("http://localhost:8080/ingest").await.unwrap() })));
}
"#,
    ),
    Case::new(
        "crates/ingest/src/forward.rs",
        r#"
pub async fn forward(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await  // expect: RES001
}
"#,
    ),
    // A client the code says goes without a timeout on purpose (a stream's);
    // a to-do about the missing timeout is not a decision.
    Case::new(
        "crates/autopilot/src/client.rs",
        r#"
use std::time::Duration;

pub fn clients(timeout: Duration) -> reqwest::Result<(reqwest::Client, reqwest::Client, reqwest::Client)> {
    let rest = reqwest::Client::builder().timeout(timeout).build()?;
    // Build the SSE client without timeout (for long-lived connections)
    let sse = reqwest::Client::builder()
        .build()?;
    // TODO: no timeout here yet
    let uploads = reqwest::Client::builder().build()?;  // expect: RES001
    Ok((rest, sse, uploads))
}
"#,
    ),
    // Code compiled only with a feature named for tests is test code.
    Case::new(
        "libs/client-api/src/http.rs",
        r#"
#[cfg(feature = "test_util")]
pub async fn extract_sign_in_url(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await
}

#[cfg(feature = "test_util")]
mod harness {
    pub async fn ping() {
        let _ = reqwest::get("http://localhost:8000/health").await;
    }
}

#[cfg(feature = "metrics")]
pub async fn push_metrics(url: &str) {
    let _ = reqwest::get(url).await;  // expect: RES001
}
"#,
    ),
    // An impl block compiled only into tests, a helper compiled only into
    // debug builds: neither reaches the release. The impl beside them does.
    Case::new(
        "autoendpoint/src/server.rs",
        r#"
pub struct AppState { http: reqwest::Client }

#[cfg(test)]
impl AppState {
    pub fn test_default() -> Self {
        AppState { http: reqwest::Client::new() }
    }
}

#[cfg(any(test, feature = "mocks"))]
impl Default for AppState {
    fn default() -> Self {
        AppState { http: reqwest::Client::builder().build().unwrap() }
    }
}

#[cfg(debug_assertions)]
pub async fn sample_reqwest_error() -> reqwest::Error {
    reqwest::Client::builder().https_only(true).build().unwrap().get("http://x").send().await.unwrap_err()
}

#[cfg(not(test))]
impl AppState {
    pub fn from_settings() -> Self {
        AppState { http: reqwest::Client::new() }  // expect: RES001
    }
}
"#,
    ),
    // A deadline around the call, a timeout set on the builder in a branch.
    Case::new(
        "src/deadline.rs",
        r#"
use std::time::Duration;

async fn f(slow: bool) {
    let _ = tokio::time::timeout(Duration::from_secs(5), reqwest::get("http://x")).await;
    let mut b = reqwest::Client::builder();
    if slow {
        b = b.timeout(Duration::from_secs(60));
    }
    let c = b.build();
}
"#,
    ),
    Case::new(
        "src/client.rs",
        r#"
use reqwest::Client;

async fn f() -> reqwest::Result<()> {
    let a = reqwest::get("http://x").await?;  // expect: RES001
    let b = Client::new();  // expect: RES001
    let c = Client::builder()  // expect: RES001
        .user_agent("x")
        .build()?;
    Ok(())
}
"#,
    ),
    Case::new(
        "src/ok.rs",
        r#"
use std::time::Duration;
use reqwest::blocking;

fn f() {
    let a = reqwest::Client::builder().timeout(Duration::from_secs(5)).build();
    let b = blocking::Client::new();
    let c = reqwest::blocking::get("http://x");
    let d = other::Client::new();
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn t() {
        let c = reqwest::Client::new();
    }
}

#[tokio::test]
async fn top_level_test() {
    reqwest::get("http://localhost").await.unwrap();
}
"#,
    ),
    // A local client whose every request carries its own `.timeout(…)`, in its
    // chain or on the builder it is kept in (`builder.timeout(d).send()`); one
    // request without it, or a client handed on, stays reported.
    Case::new(
        "src/feeds/parser.rs",
        r#"
use std::time::Duration;

pub async fn read_feed(url: String, poll: u64) -> Result<String, Error> {
    let client = reqwest::Client::new();
    let req = client
        .request(Method::GET, url)
        .timeout(Duration::from_secs(poll));
    Ok(req.send().await?.text().await?)
}

pub async fn read_two(a: String, b: String) -> Result<(), Error> {
    let client = reqwest::Client::new();  // expect: RES001
    client.get(a).timeout(Duration::from_secs(5)).send().await?;
    client.get(b).send().await?;
    Ok(())
}

pub async fn read_elsewhere(a: String) -> Result<(), Error> {
    let client = reqwest::Client::new();  // expect: RES001
    client.get(a).timeout(Duration::from_secs(5)).send().await?;
    poll_forever(&client).await
}

pub async fn push_metrics(url: String, user: String, body: Vec<u8>) -> Result<bool, Error> {
    let client = reqwest::Client::new();
    let mut builder = client.post(&url).body(body);
    if !user.is_empty() {
        builder = builder.basic_auth(&user, None::<String>);
    }
    Ok(builder.timeout(Duration::from_secs(60)).send().await?.status().is_success())
}

pub async fn push_untimed(url: String, body: Vec<u8>) -> Result<bool, Error> {
    let client = reqwest::Client::new();  // expect: RES001
    let builder = client.post(&url).body(body);
    let timeout = Duration::from_secs(60);
    Ok(builder.send().await?.status().is_success())
}
"#,
    ),
    // A local client from a builder (`.build()?`, `.build().unwrap()`) whose
    // every request has its own `.timeout(…)` or is sent inside a
    // `timeout(…)` call; a `connect_timeout` bounds only the connection.
    Case::new(
        "src/server/supervisor.rs",
        r#"
use std::time::Duration;
use tokio::time::timeout;

pub async fn wait_ready(port: u16) {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    loop {
        let Ok(resp) = client.get(format!("http://127.0.0.1:{port}/health")).timeout(Duration::from_secs(1)).send().await else {
            tokio::time::sleep(Duration::from_secs(1)).await;
            continue;
        };
        if resp.status().is_success() {
            return;
        }
    }
}

pub async fn probe(url: String) -> anyhow::Result<()> {
    let client = reqwest::Client::builder().use_rustls_tls().build()?;
    let response = timeout(Duration::from_secs(5), client.get(&url).send()).await??;
    response.error_for_status()?;
    Ok(())
}

pub async fn fetch(url: String) -> anyhow::Result<String> {
    let client = reqwest::Client::builder().use_rustls_tls().build()?;  // expect: RES001
    let body = connect_timeout(client.get(&url).send()).await?;
    Ok(body.text().await?)
}
"#,
    ),
    // A throwaway client whose one request, chained on it, carries its own
    // `.timeout(…)`; a chain without one stays reported.
    Case::new(
        "src/orbiter/mod.rs",
        r#"
use std::time::Duration;

pub async fn send(body: Report) -> Result<String, Error> {
    Ok(reqwest::Client::new()
        .post("https://telemetry.example.com/v1")
        .json(&body)
        .timeout(Duration::from_secs(10))
        .send()
        .await?
        .text()
        .await?)
}

pub async fn send_slow(body: Report) -> Result<String, Error> {
    Ok(reqwest::Client::new()  // expect: RES001
        .post("https://telemetry.example.com/v1")
        .json(&body)
        .send()
        .await?
        .text()
        .await?)
}
"#,
    ),
    // A command-line tool's client serves the command its user runs.
    Case::new(
        "svix-cli/src/cmds/login.rs",
        r#"
pub async fn login(token: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    client.get("https://api.example.com/me").bearer_auth(token).send().await?;
    Ok(())
}
"#,
    ),
    // In a whole repository, a free function and an inherent method no file
    // names run nowhere; a trait's method (its trait's callers call it) and an
    // attributed function are reached.
    Case::new(
        "src/download.rs",
        r#"
pub async fn download_url(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await
}

pub struct Handler;

impl Handler {
    #[tracing::instrument(skip(self))]
    pub async fn put_file(&self, url: &str) -> reqwest::Result<String> {
        reqwest::get(url).await?.text().await
    }
}

impl Fetch for Handler {
    async fn fetch_all(&self, url: &str) -> reqwest::Result<String> {
        reqwest::get(url).await?.text().await // expect: RES001
    }
}

/// Serves the feed.
#[get("/feed")]
async fn feed_route() -> String {
    reqwest::get("https://feeds.example.com/all").await.unwrap().text().await.unwrap() // expect: RES001
}
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n"),
    // A crate whose own dependencies bring throwaway containers
    // (`testcontainers`) is an interop or integration harness: test code. One
    // that uses them only in its tests (`[dev-dependencies]`) is not.
    Case::new(
        "interop_binaries/src/commands/aggregator.rs",
        r#"
pub async fn wait_ready(endpoint: &str) -> bool {
    let client = reqwest::Client::new();
    client.get(format!("{endpoint}/health")).send().await.is_ok()
}
"#,
    )
    .with_file(
        "interop_binaries/Cargo.toml",
        "[package]\nname = \"interop_binaries\"\nversion = \"0.1.0\"\npublish = false\n\n[dependencies]\nreqwest = \"0.12\"\ntestcontainers = \"0.27\"\n",
    )
    .with_file(
        "aggregator/Cargo.toml",
        "[package]\nname = \"aggregator\"\nversion = \"0.1.0\"\n\n[dependencies]\nreqwest = \"0.12\"\n\n[dev-dependencies]\ntestcontainers = \"0.27\"\n",
    )
    .with_file(
        "aggregator/src/lib.rs",
        "pub async fn upload(endpoint: &str, body: Vec<u8>) -> reqwest::Result<reqwest::Response> {\n    let client = reqwest::Client::new();  // expect: RES001\n    client.post(endpoint).body(body).send().await\n}\n",
    ),
    // A function every caller runs under `tokio::time::timeout` (the future
    // is dropped at the deadline), in whichever file: bounded. Another
    // caller awaiting it bare leaves it reported. A timeout set only in the
    // file's inline tests is no precedent the fix points at.
    Case::new(
        "crates/probe/src/status.rs",
        r#"
pub async fn fetch_status(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await
}

pub async fn fetch_version(url: &str) -> reqwest::Result<String> {
    reqwest::get(url).await?.text().await  // expect: RES001
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn times_out() {
        let client = reqwest::Client::new();
        let r = client.get("https://example.com").timeout(std::time::Duration::from_millis(1)).send().await;
        assert!(r.is_err());
    }
}
"#,
    )
    .with_file(
        "crates/probe/src/main.rs",
        "use std::time::Duration;\nuse tokio::time::timeout;\n\nasync fn check(url: &str) {\n    let _ = timeout(Duration::from_secs(3), status::fetch_status(url)).await;\n    let _ = timeout(Duration::from_secs(3), status::fetch_version(url)).await;\n}\n\nasync fn report(url: &str) {\n    let _ = status::fetch_version(url).await;\n}\n",
    ),
    // A client a private getter builds once (`fn client() -> &'static
    // Client`), whose every request in the file is sent inside
    // `tokio::time::timeout(…)`: bounded.
    Case::new(
        "src/types/card/card_info_api.rs",
        r#"
use std::sync::OnceLock;
use std::time::Duration;

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .pool_idle_timeout(Some(Duration::from_secs(30)))
            .build()
            .expect("failed to build the card-info client")
    })
}

pub async fn card_info(url: String, timeout_ms: u64) -> Option<String> {
    let fut = client().get(&url).header("api-key", "k").send();
    let response = match tokio::time::timeout(Duration::from_millis(timeout_ms), fut).await {
        Ok(Ok(r)) => r,
        _ => return None,
    };
    response.text().await.ok()
}
"#,
    ),
    // The same getter, whose client one function keeps and sends through
    // without a limit: reported.
    Case::new(
        "src/types/card/bin_api.rs",
        r#"
use std::sync::OnceLock;
use std::time::Duration;

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder() // expect: RES001
            .pool_idle_timeout(Some(Duration::from_secs(30)))
            .build()
            .expect("failed to build the bin client")
    })
}

pub async fn card_info(url: String, timeout_ms: u64) -> Option<String> {
    let fut = client().get(&url).send();
    let response = tokio::time::timeout(Duration::from_millis(timeout_ms), fut).await.ok()?.ok()?;
    response.text().await.ok()
}

pub async fn bin_ranges(url: String) -> Option<String> {
    let c = client();
    c.get(&url).send().await.ok()?.text().await.ok()
}
"#,
    ),
    // A health subcommand of the project's program that the image's
    // HEALTHCHECK runs: the probe's timeout bounds it.
    Case::new(
        "crates/edge/src/health_checker.rs",
        r#"
pub async fn check_health(url: &str) -> Result<(), reqwest::Error> {
    let client = reqwest::Client::new();
    client.get(format!("{url}/internal-backstage/health")).send().await?;
    Ok(())
}
"#,
    )
    .with_file(
        "crates/edge/src/main.rs",
        "mod health_checker;\n\n#[tokio::main]\nasync fn main() {\n    if std::env::args().any(|a| a == \"health\") {\n        health_checker::check_health(\"http://localhost:3063\").await.unwrap();\n        return;\n    }\n    let app = axum::Router::new();\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:3063\").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n",
    )
    .with_file(
        "Dockerfile",
        "FROM rust:1.80 AS build\nCOPY . .\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=build /target/release/edge /edge\nHEALTHCHECK --timeout=5s CMD [\"/edge\", \"health\"]\nCMD [\"/edge\"]\n",
    ),
    // The same check where the probe is curl against the server, and the
    // server's readiness route runs the check on every probe: the health
    // check's client is the service's own, reported.
    Case::new(
        "crates/relay/src/health_checker.rs",
        r#"
pub async fn check_health(url: &str) -> Result<(), reqwest::Error> {
    let client = reqwest::Client::new(); // expect: RES001
    client.get(format!("{url}/internal-backstage/health")).send().await?;
    Ok(())
}
"#,
    )
    .with_file(
        "crates/relay/src/main.rs",
        "mod health_checker;\n\n#[tokio::main]\nasync fn main() {\n    if std::env::args().any(|a| a == \"health\") {\n        health_checker::check_health(\"http://localhost:3063\").await.unwrap();\n        return;\n    }\n    let app = axum::Router::new().route(\"/ready\", axum::routing::get(ready));\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:3063\").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n\nasync fn ready() -> &'static str {\n    match health_checker::check_health(\"http://upstream:4242\").await {\n        Ok(()) => \"ok\",\n        Err(_) => \"down\",\n    }\n}\n",
    )
    .with_file(
        "crates/relay/Dockerfile",
        "FROM debian:bookworm-slim\nCOPY relay /relay\nHEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1\nCMD [\"/relay\"]\n",
    ),
    // A client bound to a local and stored in the struct the constructor
    // builds (`Self { client, … }`), whose every request carries `.timeout()`:
    // bounded. One whose request goes without is not.
    Case::new(
        "src/notifiers/http.rs",
        r#"
use std::time::Duration;
use reqwest::Client;

pub struct HttpNotifier {
    urls: Vec<String>,
    client: Client,
    timeout_secs: u64,
}

impl HttpNotifier {
    pub fn new(urls: Vec<String>, timeout_secs: Option<u64>) -> Self {
        let client = Client::new();
        Self { urls, client, timeout_secs: timeout_secs.unwrap_or(2) }
    }

    pub async fn send(&self, body: String) -> reqwest::Result<()> {
        for url in &self.urls {
            self.client
                .post(url.as_str())
                .timeout(Duration::from_secs(self.timeout_secs))
                .body(body.clone())
                .send()
                .await?;
        }
        Ok(())
    }
}

pub struct AmqpBridge {
    http: Client,
}

impl AmqpBridge {
    pub fn new() -> Self {
        let client = Client::new(); // expect: RES001
        Self { http: client }
    }

    pub async fn forward(&self, url: &str, body: String) -> reqwest::Result<()> {
        self.http.post(url).body(body).send().await?;
        Ok(())
    }
}
"#,
    ),
    // A client kept in a struct field (through an `if` on TLS and `?`) whose
    // every sending method is called only under `tokio::time::timeout`, in
    // another file: bounded. Where one call goes without, reported.
    Case::new(
        "crates/consul/src/lib.rs",
        r#"
pub struct Consul {
    client: reqwest::Client,
    addr: String,
}

impl Consul {
    pub fn new(config: Config) -> Result<Self, Error> {
        let ctor = if let Some(tls) = config.tls {
            reqwest::ClientBuilder::new().use_preconfigured_tls(tls).build()
        } else {
            reqwest::ClientBuilder::new().build()
        };
        Ok(Self { client: ctor?, addr: config.address })
    }

    pub async fn agent_services(&self) -> Result<Services, Error> {
        Ok(self.client.get(format!("{}/v1/agent/services", self.addr)).send().await?.json().await?)
    }

    pub async fn agent_checks(&self) -> Result<Checks, Error> {
        Ok(self.client.get(format!("{}/v1/agent/checks", self.addr)).send().await?.json().await?)
    }
}

pub struct Feed {
    client: reqwest::Client,
}

impl Feed {
    pub fn new() -> Feed {
        Feed {
            client: reqwest::Client::builder()
                .user_agent("indexer")
                .build()
                .expect("reqwest client"),
        }
    }

    pub async fn user_games(&self, user: &str) -> Result<String, Error> {
        Ok(self.client.get(user).send().await?.text().await?)
    }
}

pub struct Vault {
    http: reqwest::Client,
}

impl Vault {
    pub fn new() -> Self {
        let http = reqwest::Client::builder().build().unwrap(); // expect: RES001
        Self { http }
    }

    pub async fn read_secret(&self, path: &str) -> Result<Secret, Error> {
        Ok(self.http.get(path).send().await?.json().await?)
    }

    pub async fn renew_lease(&self, id: &str) -> Result<(), Error> {
        self.http.put(id).send().await?;
        Ok(())
    }
}
"#,
    )
    .with_file(
        "src/main.rs",
        "use tokio::time::{timeout, Duration};\n\n#[tokio::main]\nasync fn main() {\n    let consul = consul::Consul::new(cfg).unwrap();\n    let vault = consul::Vault::new();\n    let feed = consul::Feed::new();\n    loop {\n        if let Ok(Ok(s)) = timeout(Duration::from_secs(5), consul.agent_services()).await { update(s); }\n        if let Ok(Ok(c)) = timeout(Duration::from_secs(5), consul.agent_checks()).await { update(c); }\n        if let Ok(Ok(s)) = timeout(Duration::from_secs(5), vault.read_secret(\"db\")).await { rotate(s); }\n        if let Ok(Ok(g)) = timeout(Duration::from_secs(60), feed.user_games(\"alice\")).await { index(g); }\n        let _ = vault.renew_lease(\"db\").await;\n        tokio::time::sleep(Duration::from_secs(10)).await;\n    }\n}\n",
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n"),
    // A client bound to a local and used only there (or handed to a helper of
    // the file that uses it within the call), in a function that only `main`
    // calls for a command (a one-shot sync job): the run shows a hang to
    // whoever started it. The same client in a function `main` calls in
    // its endless loop is a daemon's, and reported.
    Case::new(
        "sync/src/main.rs",
        r#"
use clap::Parser;
use reqwest::Client;

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Followers => sync_followers(&cli.url).await,
        Command::Watch => loop {
            push_stats(&cli.url).await?;
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        },
    }
}

async fn sync_followers(url: &str) -> Result<()> {
    let http = Client::new();
    let mut cursor = String::new();
    loop {
        let page = fetch_page(&http, url, &cursor).await?;
        if page.items.is_empty() {
            break;
        }
        cursor = page.next;
    }
    Ok(())
}

async fn fetch_page(http: &Client, url: &str, cursor: &str) -> Result<Page> {
    Ok(http.get(url).query(&[("after", cursor)]).send().await?.json().await?)
}

async fn push_stats(url: &str) -> Result<()> {
    let http = Client::new(); // expect: RES001
    http.post(url).send().await?;
    Ok(())
}
"#,
    )
    .with_file(".git/HEAD", "ref: refs/heads/main\n"),
    // An API client module that only a one-shot program of the crate reaches
    // by its paths (a seeder binary run by hand), while the crate's server
    // reaches it by none: that run's. The same module a server's handler
    // reaches is the service's, and reported.
    Case::new(
        "src/api/client/http.rs",
        r#"
pub struct Http {
    base: String,
}

impl Http {
    pub fn new(base: &str) -> Self {
        Self { base: base.to_string() }
    }

    pub async fn post(&self, path: &str, body: String) -> reqwest::Result<String> {
        reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .body(body)
            .send()
            .await?
            .text()
            .await
    }
}
"#,
    )
    .with_file("Cargo.toml", "[package]\nname = \"torrent-index\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.7\"\nreqwest = \"0.12\"\ntokio = \"1\"\n")
    .with_file("src/lib.rs", "pub mod api {\n    pub mod client {\n        pub mod http;\n    }\n}\npub mod web;\n")
    .with_file(
        "src/main.rs",
        "#[tokio::main]\nasync fn main() {\n    let app = torrent_index::web::router();\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:3001\").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n",
    )
    .with_file(
        "src/bin/seeder.rs",
        "use torrent_index::api::client::http::Http;\n\n#[tokio::main]\nasync fn main() {\n    let api = Http::new(\"http://localhost:3001\");\n    for n in 0..10 {\n        api.post(\"/torrent/upload\", format!(\"torrent {n}\")).await.unwrap();\n    }\n}\n",
    ),
    Case::new(
        "index/src/api/client/http.rs",
        r#"
pub struct Http {
    base: String,
}

impl Http {
    pub fn new(base: &str) -> Self {
        Self { base: base.to_string() }
    }

    pub async fn post(&self, path: &str, body: String) -> reqwest::Result<String> {
        reqwest::Client::new() // expect: RES001
            .post(format!("{}{path}", self.base))
            .body(body)
            .send()
            .await?
            .text()
            .await
    }
}
"#,
    )
    .with_file("index/Cargo.toml", "[package]\nname = \"torrent-index\"\nversion = \"0.1.0\"\n\n[dependencies]\naxum = \"0.7\"\nreqwest = \"0.12\"\ntokio = \"1\"\n")
    .with_file("index/src/lib.rs", "pub mod api {\n    pub mod client {\n        pub mod http;\n    }\n}\npub mod web;\n")
    .with_file(
        "index/src/main.rs",
        "use torrent_index::api::client::http::Http;\n\n#[tokio::main]\nasync fn main() {\n    let app = axum::Router::new().route(\"/mirror\", axum::routing::post(mirror));\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:3001\").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n\nasync fn mirror(body: String) -> String {\n    Http::new(\"http://mirror:3001\").post(\"/torrent/upload\", body).await.unwrap_or_default()\n}\n",
    )
    .with_file(
        "index/src/bin/seeder.rs",
        "use torrent_index::api::client::http::Http;\n\n#[tokio::main]\nasync fn main() {\n    let api = Http::new(\"http://localhost:3001\");\n    api.post(\"/torrent/upload\", String::new()).await.unwrap();\n}\n",
    ),
    // A client handed to a telemetry exporter's builder: its batch processor
    // races each export against a timeout of its own. A client the code
    // sends through itself is reported.
    Case::new(
        "crates/telemetry/src/exporter.rs",
        r#"
use std::time::Duration;

pub fn datadog_exporter(endpoint: &str) -> anyhow::Result<opentelemetry_datadog::DatadogExporter> {
    let exporter = opentelemetry_datadog::new_pipeline()
        .with_agent_endpoint(endpoint)
        .with_http_client(
            reqwest::Client::builder()
                .pool_idle_timeout(Duration::from_millis(1))
                .build()?,
        )
        .build_exporter()?;
    Ok(exporter)
}

pub fn otlp_exporter(endpoint: &str) -> anyhow::Result<opentelemetry_otlp::SpanExporter> {
    let client = reqwest::Client::builder().use_rustls_tls().build()?;
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_http_client(client)
        .with_endpoint(endpoint)
        .build()?;
    Ok(exporter)
}

pub async fn push_metrics(endpoint: &str, body: String) -> anyhow::Result<()> {
    let client = reqwest::Client::builder().use_rustls_tls().build()?;  // expect: RES001
    client.post(endpoint).body(body).send().await?;
    Ok(())
}
"#,
    ),
];
