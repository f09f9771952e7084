//! The language layer, asked the questions rules ask.

use super::walk::{walk, KindTable};
use super::{Event, FrameKind};
use crate::lang::Lang;

/// For every node of `kind`: its text, what it resolves to as a call, the
/// enclosing function (name, async, handler) and whether it is in a try body / loop.
#[derive(Debug, PartialEq)]
struct Seen {
    text: String,
    target: Option<String>,
    func: Option<(String, bool, bool)>,
    in_try: bool,
    in_catch: bool,
    in_loop: bool,
}

fn seen(lang: Lang, code: &str, events: &[Event]) -> Vec<Seen> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&lang.grammar().unwrap()).unwrap();
    let tree = parser.parse(code, None).unwrap();
    let table = KindTable::new(lang, &[(0, events)]);
    let (m, cands) = walk(lang, &tree, code, &table);
    cands
        .iter()
        .map(|c| {
            let call = m.call(c.node, c.frame);
            let func = m.function_at(c.frame).map(|f| {
                let f = m.function(f);
                (f.name.clone(), f.is_async, f.is_handler)
            });
            Seen {
                text: m
                    .text(call.as_ref().map_or(c.node, |c| c.callee))
                    .to_string(),
                target: call.and_then(|c| c.target),
                func,
                in_try: m.within(c.frame, FrameKind::TryBody),
                in_catch: m.within(c.frame, FrameKind::Catch),
                in_loop: m.within(c.frame, FrameKind::Loop),
            }
        })
        .collect()
}

fn targets(lang: Lang, code: &str, events: &[Event]) -> Vec<String> {
    seen(lang, code, events)
        .into_iter()
        .map(|s| s.target.unwrap_or_default())
        .collect()
}

#[test]
fn python_imports_aliases_and_bindings() {
    let code = "import requests as rq\nfrom requests import get as fetch\nimport urllib.request\n\nclass Api:\n    def __init__(self):\n        self.http = rq.Session()\n\n    def me(self):\n        return self.http.get('/me')\n\nasync def f():\n    s = rq.Session()\n    s.post('/x')\n    fetch('/y')\n    urllib.request.urlopen('/z')\n    with rq.Session() as s2:\n        s2.get('/w')\n";
    let t = targets(Lang::Python, code, &[Event::Call]);
    assert!(t.contains(&"requests.Session().get".to_string()), "{t:?}");
    assert!(t.contains(&"requests.Session().post".to_string()), "{t:?}");
    assert!(t.contains(&"requests.get".to_string()), "{t:?}");
    assert!(t.contains(&"urllib.request.urlopen".to_string()), "{t:?}");
    assert_eq!(
        t.iter().filter(|x| *x == "requests.Session().get").count(),
        2,
        "{t:?}"
    );
}

#[test]
fn python_functions_handlers_and_frames() {
    let code = "@app.post('/pay')\nasync def pay(order):\n    try:\n        for x in xs:\n            charge(x)\n    except Exception:\n        report()\n\ndef view(request):\n    render()\n";
    let s = seen(Lang::Python, code, &[Event::Call]);
    let charge = s.iter().find(|s| s.text == "charge").unwrap();
    assert_eq!(charge.func, Some(("pay".into(), true, true)));
    assert!(charge.in_try && charge.in_loop);
    let report = s.iter().find(|s| s.text == "report").unwrap();
    assert!(!report.in_try, "a handler is not the try body");
    assert!(report.in_catch);
    assert!(!charge.in_catch);
    let render = s.iter().find(|s| s.text == "render").unwrap();
    assert_eq!(
        render.func,
        Some(("view".into(), false, true)),
        "Django-style view"
    );
}

#[test]
fn go_import_aliases_and_handlers() {
    let code = "package p\n\nimport (\n\tnethttp \"net/http\"\n\t\"github.com/redis/go-redis/v9\"\n)\n\nfunc h(w nethttp.ResponseWriter, r *nethttp.Request) {\n\tc := &nethttp.Client{}\n\tc.Get(\"u\")\n\tredis.NewClient(nil)\n\tfor {\n\t\tnethttp.Get(\"u\")\n\t}\n}\n";
    let s = seen(Lang::Go, code, &[Event::Call]);
    let t: Vec<_> = s
        .iter()
        .map(|s| s.target.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        t,
        [
            "net/http.Client{}.Get",
            "github.com/redis/go-redis/v9.NewClient",
            "net/http.Get"
        ]
    );
    assert!(
        s[0].func.as_ref().unwrap().2,
        "http.ResponseWriter parameter makes a handler: {s:?}"
    );
    assert!(s[2].in_loop && !s[0].in_loop);
}

#[test]
fn ts_default_named_namespace_and_require_imports() {
    let code = "import axios, { get as g } from 'axios';\nimport * as ax from 'axios';\nconst nf = require('node-fetch');\nconst { request } = require('undici');\nclass S { constructor() { this.api = axios.create({}); } async m() { return this.api.get('/x'); } }\napp.post('/pay', async (req, res) => { g('/a'); ax.post('/b'); nf('/c'); request('/d'); });\n";
    let s = seen(Lang::TypeScript, code, &[Event::Call]);
    let t: Vec<_> = s
        .iter()
        .map(|s| s.target.clone().unwrap_or_default())
        .collect();
    for want in [
        "axios.create().get",
        "axios.get",
        "axios.post",
        "node-fetch",
        "undici.request",
    ] {
        assert!(t.contains(&want.to_string()), "{want} in {t:?}");
    }
    let handler = s.iter().find(|s| s.text == "g").unwrap();
    assert_eq!(
        handler.func.as_ref().map(|f| (f.1, f.2)),
        Some((true, true)),
        "async route callback"
    );
    let method = s.iter().find(|s| s.text == "this.api.get").unwrap();
    assert_eq!(method.func, Some(("m".into(), true, false)));
}

#[test]
fn java_imports_fields_and_annotations() {
    let code = "import java.net.http.HttpClient;\nclass C {\n  private final HttpClient http = HttpClient.newHttpClient();\n  @PostMapping(\"/pay\")\n  public void pay() {\n    try { this.http.send(req, h); } catch (Exception e) { log.error(\"x\", e); }\n  }\n}\n";
    let s = seen(Lang::Java, code, &[Event::Call]);
    let send = s
        .iter()
        .find(|s| s.target.as_deref().is_some_and(|t| t.ends_with(".send")))
        .unwrap();
    assert_eq!(
        send.target.as_deref(),
        Some("java.net.http.HttpClient.newHttpClient().send")
    );
    assert!(send.in_try);
    assert_eq!(send.func, Some(("pay".into(), false, true)));
}

#[test]
fn rust_use_trees_and_async() {
    let code = "use reqwest::{Client, blocking::{self, get as bget}};\nuse std::time::Duration as D;\n\nasync fn f() {\n    let c = Client::builder().timeout(D::from_secs(1)).build().unwrap();\n    c.get(\"u\");\n    bget(\"u\");\n    blocking::Client::new();\n    loop { tokio::spawn(async { g().await }); }\n}\n";
    let s = seen(Lang::Rust, code, &[Event::Call]);
    let t: Vec<_> = s
        .iter()
        .map(|s| s.target.clone().unwrap_or_default())
        .collect();
    for want in [
        "reqwest.Client.builder().timeout().build().unwrap().get",
        "reqwest.blocking.get",
        "reqwest.blocking.Client.new",
        "std.time.Duration.from_secs",
    ] {
        assert!(t.contains(&want.to_string()), "{want} in {t:?}");
    }
    let spawn = s.iter().find(|s| s.text == "tokio::spawn").unwrap();
    assert!(spawn.in_loop && spawn.func.as_ref().unwrap().1);
    let g = s.iter().find(|s| s.text == "g").unwrap();
    assert_eq!(
        g.func.as_ref().map(|f| f.1),
        Some(true),
        "async block is async"
    );
}

#[test]
fn kotlin_swift_dart_calls_and_functions() {
    let kt = seen(Lang::Kotlin, "import java.net.http.HttpClient as JClient\nsuspend fun f() { try { JClient.newHttpClient() } catch (e: Exception) {} }\n", &[Event::Call]);
    assert_eq!(
        kt[0].target.as_deref(),
        Some("java.net.http.HttpClient.newHttpClient")
    );
    assert!(kt[0].in_try && kt[0].func.as_ref().unwrap().1);
    let sw = seen(
        Lang::Swift,
        "func f() async { do { try g() } catch { } }\n",
        &[Event::Call],
    );
    assert!(sw[0].in_try && sw[0].func.as_ref().unwrap().1);
    let dart = seen(Lang::Dart, "import 'package:http/http.dart' as http;\nFuture<void> f() async { try { await http.get(u); } catch (e) {} }\n", &[Event::Call]);
    let get = dart.iter().find(|s| s.text == "http.get").unwrap();
    assert_eq!(get.target.as_deref(), Some("package:http/http.dart.get"));
    assert!(get.in_try && get.func.as_ref().unwrap().1);
}

/// A misspelled kind in a language's `ENTER_KINDS` or `EVENTS` would be
/// silently never visited.
#[test]
fn every_declared_kind_exists_in_its_grammar() {
    fn exists(lang: Lang, k: &str) -> bool {
        // The TS/JS module serves three grammars: a kind may be JavaScript-only.
        let langs: &[Lang] = match lang {
            Lang::TypeScript | Lang::Tsx | Lang::JavaScript => {
                &[Lang::TypeScript, Lang::Tsx, Lang::JavaScript]
            }
            _ => std::slice::from_ref(&lang),
        };
        langs.iter().filter_map(|l| l.grammar()).any(|g| {
            (0..g.node_kind_count() as u16)
                .any(|id| g.node_kind_for_id(id) == Some(k) && g.node_kind_is_named(id))
        })
    }
    for lang in Lang::ALL {
        for k in super::retry::kinds(lang) {
            // Kotlin's `break` is an anonymous keyword node.
            assert!(
                exists(lang, k) || k == "break",
                "{lang:?}: retry analysis names no node kind `{k}`"
            );
        }
        for k in super::walk::enter_kinds(lang) {
            assert!(exists(lang, k), "{lang:?}: no node kind `{k}`");
        }
        for (event, kinds) in super::language(lang).map_or(&[][..], |l| l.events()) {
            for k in *kinds {
                assert!(
                    exists(lang, k),
                    "{lang:?}: {event:?} names no node kind `{k}`"
                );
            }
        }
    }
}

#[test]
fn kind_names_from_the_table_are_the_grammars_own() {
    use super::KindName;
    let samples = [
        (Lang::Python, "import x\n@d\nasync def f(a, *b):\n    try:\n        await x.get(a)\n    except: pass\n(\n"),
        (Lang::Go, "package m\nfunc (s *S) F(ctx context.Context) error { for { select {} } }\nfunc {\n"),
        (Lang::TypeScript, "export const f = async (a: T<U>) => { try { await fetch(a) } catch {} };\nclass {\n"),
        (Lang::Tsx, "export default function A() { return <div a={1}>x</div>; }\n"),
        (Lang::JavaScript, "module.exports = { f() { return `a${b}` } };\n"),
        (Lang::Rust, "#[get(\"/\")]\nasync fn f() -> Result<(), E> { let x = y?.z().await; }\nimpl {\n"),
        (Lang::Java, "@Service class A { void f() throws E { try { g(); } catch (E e) {} } }\n"),
        (Lang::Kotlin, "suspend fun f(x: Int) = runCatching { g(x) }\n"),
        (Lang::Swift, "func f() async throws { try await g() }\n"),
        (Lang::Dart, "Future<void> f() async { try { await g(); } catch (e) {} }\n"),
    ];
    for (lang, code) in samples {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&lang.grammar().unwrap()).unwrap();
        let tree = parser.parse(code, None).unwrap();
        let mut stack = vec![tree.root_node()];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            assert_eq!(
                n.kind_name(),
                n.kind(),
                "{lang:?} node {:?}",
                n.byte_range()
            );
            seen += 1;
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        assert!(seen > 10, "{lang:?}");
    }
}
