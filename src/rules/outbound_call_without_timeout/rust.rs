//! RES001 in Rust (async reqwest; the blocking client has a 30 s default).

use super::Case;

pub(super) const CASES: &[Case] = &[
    // A deadline around the call, a timeout set on the builder in a branch.
    Case::pass(
        "src/deadline.rs",
        "use std::time::Duration;\n\nasync fn f(slow: bool) {\n    let _ = tokio::time::timeout(Duration::from_secs(5), reqwest::get(\"http://x\")).await;\n    let mut b = reqwest::Client::builder();\n    if slow {\n        b = b.timeout(Duration::from_secs(60));\n    }\n    let c = b.build();\n}\n",
    ),
    Case::fail(
        "src/client.rs",
        "use reqwest::Client;\n\nasync fn f() -> reqwest::Result<()> {\n    let a = reqwest::get(\"http://x\").await?;\n    let b = Client::new();\n    let c = Client::builder()\n        .user_agent(\"x\")\n        .build()?;\n    Ok(())\n}\n",
        &[4, 5, 6],
    ),
    Case::pass(
        "src/ok.rs",
        "use std::time::Duration;\nuse reqwest::blocking;\n\nfn f() {\n    let a = reqwest::Client::builder().timeout(Duration::from_secs(5)).build();\n    let b = blocking::Client::new();\n    let c = reqwest::blocking::get(\"http://x\");\n    let d = other::Client::new();\n}\n\n#[cfg(test)]\nmod tests {\n    #[tokio::test]\n    async fn t() {\n        let c = reqwest::Client::new();\n    }\n}\n\n#[tokio::test]\nasync fn top_level_test() {\n    reqwest::get(\"http://localhost\").await.unwrap();\n}\n",
    ),
];
