//! RES001 in Python.

use super::{client_impact, hang_impact, Case, Cx, Diag};
use crate::finding::Severity;
use tree_sitter::Node;

const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

/// What kind of client a resolved call target is.
enum Client {
    Requests,
    Urlopen,
    Httpx,
    Aiohttp,
    Redis,
    /// A socket-level client whose timeout may also be the `n`-th positional argument.
    Socket(usize),
    Llm,
}

fn classify(target: &str) -> Option<Client> {
    let (recv, method) = target.rsplit_once('.').unwrap_or(("", target));
    let requests_recv = matches!(
        recv,
        "requests"
            | "requests.Session()"
            | "requests.session()"
            | "requests.sessions.Session()"
            | "requests.api"
    );
    if requests_recv && HTTP_METHODS.contains(&method) {
        return Some(Client::Requests);
    }
    if target == "urllib.request.urlopen" {
        return Some(Client::Urlopen);
    }
    if target.starts_with("httpx.") {
        return Some(Client::Httpx);
    }
    match target {
        "aiohttp.ClientSession" | "aiohttp.client.ClientSession" => return Some(Client::Aiohttp),
        "redis.Redis"
        | "redis.StrictRedis"
        | "redis.from_url"
        | "redis.Redis.from_url"
        | "redis.asyncio.Redis"
        | "redis.asyncio.from_url"
        | "redis.asyncio.Redis.from_url"
        | "redis.client.Redis" => return Some(Client::Redis),
        "smtplib.SMTP" | "smtplib.SMTP_SSL" => return Some(Client::Socket(3)),
        "ftplib.FTP" | "ftplib.FTP_TLS" => return Some(Client::Socket(4)),
        "socket.create_connection" => return Some(Client::Socket(1)),
        _ => {}
    }
    let root = target.split('.').next().unwrap_or("");
    let llm_class = matches!(
        method,
        "OpenAI" | "AsyncOpenAI" | "AzureOpenAI" | "AsyncAzureOpenAI"
    ) && root == "openai"
        || matches!(method, "Anthropic" | "AsyncAnthropic") && root == "anthropic"
        || matches!(method, "ChatOpenAI" | "ChatAnthropic" | "AzureChatOpenAI")
            && root.starts_with("langchain");
    llm_class.then_some(Client::Llm)
}

fn is_none(cx: &Cx, value: Node) -> bool {
    let t = cx.text(value);
    t == "None"
        || t.replace(' ', "") == "httpx.Timeout(None)"
        || t.replace(' ', "") == "Timeout(None)"
}

pub(super) fn check<'t>(cx: &Cx<'_, 't>, node: Node<'t>, out: &mut Vec<Diag<'t>>) {
    let Some(call) = cx.call(node) else { return };
    let Some(target) = call.target.as_deref() else {
        return;
    };
    let Some(client) = classify(target) else {
        return;
    };
    let label = cx.call_label(&call);
    let timeout = call.kwarg("timeout");
    // Unknown is not missing: `**kwargs` may carry the timeout.
    let missing = timeout.is_none() && !call.has_spread();
    let explicit_none = timeout.is_some_and(|v| is_none(cx, v));
    match client {
        Client::Requests if missing || explicit_none => out.push(Diag::new(
            node,
            if explicit_none {
                format!("`{label}` passes `timeout=None`; requests then waits forever.")
            } else {
                format!("`{label}` is called without `timeout=`; requests waits forever by default.")
            },
            hang_impact(cx, "the remote server"),
            "Pass `timeout=(3.05, 30)` (connect, read seconds), or a bound that fits this call's SLA.",
        )),
        Client::Urlopen if missing && call.positional_count() < 3 => out.push(Diag::new(
            node,
            format!("`{label}` is called without `timeout`; it falls back to the socket default, which is no timeout."),
            hang_impact(cx, "the remote server"),
            "Pass `timeout=10` (seconds), or switch to a client with explicit connect and read timeouts.",
        )),
        Client::Httpx if explicit_none => out.push(Diag::new(
            node,
            format!("`{label}` sets `timeout=None`, turning off httpx's 5-second default."),
            if target.ends_with("Client") { client_impact("the remote server") } else { hang_impact(cx, "the remote server") },
            "Drop `timeout=None` to keep httpx's 5 s default, or pass `httpx.Timeout(10.0, connect=3.0)`.",
        )),
        Client::Aiohttp if missing => out.push(
            Diag::new(
                node,
                format!("`{label}` is created without `timeout=`; aiohttp's default allows 300 seconds per request."),
                "A stalled peer holds each request for five minutes: coroutines and connections pile up, and callers time out long before this code notices.",
                "Pass `timeout=aiohttp.ClientTimeout(total=30, connect=5)`.",
            )
            .severity(Severity::Medium),
        ),
        Client::Redis if call.kwarg("socket_timeout").is_none() && !call.has_spread() && !cx.project.redis_has_default_timeout => out.push(
            Diag::new(
                node,
                format!("`{label}` is created without `socket_timeout`; redis-py before 8 waits forever on a stalled server."),
                "When Redis stalls (failover, full memory, network partition), every command blocks its worker indefinitely (redis-py#2243).",
                "Pass `socket_timeout=5, socket_connect_timeout=2`, or pin `redis>=8`, whose default is 5 s.",
            )
            .severity(Severity::Low)
            .title("Redis client has no socket timeout"),
        ),
        Client::Socket(pos) if missing && call.positional_count() <= pos => out.push(
            Diag::new(
                node,
                format!("`{label}` is called without `timeout`; the socket blocks forever by default."),
                hang_impact(cx, "the server"),
                "Pass `timeout=10` (seconds).",
            )
            .title("Outbound connection has no timeout"),
        ),
        Client::Llm if missing && call.kwarg("request_timeout").is_none() && call.kwarg("default_request_timeout").is_none() => out.push(
            Diag::new(
                node,
                format!("`{label}` is created without `timeout`; the SDK waits up to 600 seconds per request."),
                "A slow model response holds the caller for ten minutes: user requests time out upstream while the worker keeps waiting, and queued work backs up behind it.",
                "Pass `timeout=30` (or `httpx.Timeout(60.0, connect=5.0)`) sized to the longest completion you accept.",
            )
            .severity(Severity::Medium)
            .title("LLM client has a 10-minute default timeout"),
        ),
        _ => {}
    }
}

pub(super) const CASES: &[Case] = &[
    Case::fail(
        "app/billing.py",
        "import requests\n\ndef charge(url, body):\n    return requests.post(url, json=body)\n",
        &[4],
    ),
    Case::fail(
        "app/aliases.py",
        "import requests as rq\nfrom requests import get as fetch\n\ndef a(u):\n    rq.get(u)\n    fetch(u)\n",
        &[5, 6],
    ),
    Case::fail(
        "app/session.py",
        "import requests\n\nclass Api:\n    def __init__(self):\n        self.http = requests.Session()\n\n    def me(self):\n        return self.http.get('/me')\n\ndef f():\n    s = requests.Session()\n    s.post('/x', timeout=None)\n    with requests.Session() as s2:\n        s2.get('/y')\n",
        &[8, 12, 14],
    ),
    Case::fail(
        "app/misc.py",
        "import urllib.request\nimport aiohttp\nimport smtplib\nimport socket\nimport httpx\n\nurllib.request.urlopen('http://x')\nsession = aiohttp.ClientSession()\nsmtplib.SMTP('mail')\nsocket.create_connection(('h', 1))\nhttpx.get('u', timeout=None)\nhttpx.Client(timeout=None)\nimport ftplib\nftplib.FTP('ftp.example.com')\nftplib.FTP('ftp.example.com', timeout=10)\n",
        &[7, 8, 9, 10, 11, 12, 14],
    ),
    Case::fail(
        "app/llm.py",
        "from openai import OpenAI\nimport anthropic\nfrom langchain_openai import ChatOpenAI\n\nclient = OpenAI()\nclaude = anthropic.Anthropic()\nchat = ChatOpenAI(model='gpt-4o')\n",
        &[5, 6, 7],
    ),
    Case::fail("app/cache.py", "import redis\n\nr = redis.Redis(host='cache')\n", &[3]),
    Case::pass(
        "app/ok.py",
        "import requests, httpx, aiohttp, boto3, functools, urllib.request, redis\nfrom openai import OpenAI\n\ndef f(u, **kwargs):\n    requests.get(u, timeout=5)\n    requests.post(u, **kwargs)\n    httpx.get(u)\n    httpx.Client()\n    aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))\n    boto3.client('s3')\n    get = functools.partial(requests.get, timeout=5)\n    get(u)\n    urllib.request.urlopen(u, None, 10)\n    redis.Redis(socket_timeout=5)\n    OpenAI(timeout=30)\n    session.get(u)\n",
    ),
    Case::pass(
        "tests/test_billing.py",
        "import requests\n\ndef test_charge():\n    requests.post('http://localhost:8000/charge')\n",
    ),
];
