//! RES001 in Rust (async reqwest; the blocking client has a 30 s default).

use super::{client_impact, hang_impact, Case, Cx, Diag};
use tree_sitter::Node;

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let Some(call) = cx.call(node) else { return };
    let Some(target) = call.target.as_deref() else {
        return;
    };
    let label = cx.call_label(&call);
    let issue = match target {
        "reqwest.get" => format!("`{label}` builds a throwaway async reqwest client, which has no timeout."),
        "reqwest.Client.new" => format!("`{label}` creates an async reqwest client with no timeout."),
        t if (t.starts_with("reqwest.Client.builder()") || t.starts_with("reqwest.ClientBuilder.new()"))
            && t.ends_with(".build")
            && !t.contains(".timeout()")
            && !t.contains(".read_timeout()") =>
        {
            "This `Client::builder()` chain never calls `.timeout(...)`; async reqwest requests wait forever.".to_string()
        }
        _ => return,
    };
    let impact = if target == "reqwest.get" {
        hang_impact(cx, "the remote server")
    } else {
        client_impact("the remote server")
    };
    out.push(Diag::new(
        node,
        issue,
        impact,
        "Build one shared client with `reqwest::Client::builder().timeout(Duration::from_secs(30)).connect_timeout(Duration::from_secs(3)).build()?` and reuse it.",
    ));
}

pub(super) const CASES: &[Case] = &[
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
