//! Routes behind an administrators-only guard.
//!
//! A router applies middleware to a group (`users.Use(session.MustAdmin())`,
//! `r.With(adminOnly).Group(func(r chi.Router) { … })`), to one registration
//! (`orgs.GET("", session.MustAdmin(), api.GetOrgs)`,
//! `router.use('/settings', isAuthenticated(Permission.ADMIN), settingsRoutes)`),
//! or to everything a setup function or a mounted router registers. The guard is
//! read from code, never from a path string: `Group("/admin")` guards nothing.
//!
//! Each registration is recorded as a [`RouteGuard`]: the handler (or setup
//! function, or mounted router) it names, the context it is registered in, and
//! whether a guard around it says "admin". A name is administrators-only when
//! every registration of it is, directly or through its context
//! ([`admin_names`]).

use crate::lang::Lang;
use crate::semantic::KindName as _;
use crate::semantic::{last_name, named_children, Call, FuncId, Model};
use std::collections::{BTreeMap, BTreeSet};
use tree_sitter::Node;

/// One name a route registration hands to the router.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RouteGuard {
    /// The handler, setup function or mounted router named (keyed as the
    /// call graph keys names: case-folded but in Go).
    pub name: String,
    /// Where the registration sits: its outermost function's name, or at module
    /// level the router it registers on (`settingsRoutes`).
    pub within: String,
    /// A guard around the registration says "admin".
    pub admin: bool,
}

/// Registration calls whose function arguments group routes.
pub const GROUPS: &[&str] = &["Group", "Route", "group", "route"];

/// Whether code (not a string in it) names an administrators' guard:
/// `session.MustAdmin()`, `adminOnlyMiddleware`, `Permission.ADMIN`,
/// `requireSuperuser`.
pub fn says_admin(text: &str) -> bool {
    let mut code = String::with_capacity(text.len().min(4096));
    let mut quote = None;
    for ch in text.chars().take(4096) {
        match quote {
            Some(q) if ch == q => quote = None,
            Some(_) => {}
            None if matches!(ch, '"' | '\'' | '`') => quote = Some(ch),
            None => code.push(ch.to_ascii_lowercase()),
        }
    }
    code.contains("admin") || code.contains("superuser") || code.contains("staff")
}

/// Whether a file's text names an administrators' guard anywhere (any case):
/// where it does not, no registration in it is guarded.
pub fn may_guard(src: &str) -> bool {
    // The spellings code uses (`isAdmin`, `MustAdmin`, `Permission.ADMIN`,
    // `requireSuperuser`, `is_staff`), found by their tails with SIMD search.
    static TAILS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            ["dmin", "DMIN", "uperuser", "UPERUSER", "taff", "TAFF"]
                .iter()
                .map(|t| memchr::memmem::Finder::new(t.as_bytes()))
                .collect()
        });
    TAILS.iter().any(|f| f.find(src.as_bytes()).is_some())
}

/// The receiver a registration is made on, up to its first call or member:
/// `users` for `users.GET`, `r` for `r.With(mw).Get`.
fn receiver_root<'t>(m: &Model<'t>, call: &Call<'t>) -> Option<&'t str> {
    let callee = m.text(call.callee);
    let (receiver, _) = callee.rsplit_once('.')?;
    let end = receiver
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(receiver.len());
    Some(&receiver[..end]).filter(|r| !r.is_empty())
}

/// The first argument when it is the route's path (a string or a constant).
fn is_path_arg(node: Node) -> bool {
    let kind = node.kind_name();
    kind.contains("string") || kind == "identifier" && node.prev_named_sibling().is_none()
}

fn is_function(node: Node) -> bool {
    matches!(
        node.kind_name(),
        "func_literal" | "arrow_function" | "function_expression" | "function"
    )
}

/// Whether a route registration sits behind an administrators' guard the code
/// around it shows: a middleware argument, a guarded receiver, a `Use` of a
/// guard on the same router earlier in an enclosing block, or a guarded group
/// call whose function holds it.
pub fn guarded<'t>(m: &Model<'t>, node: Node<'t>, call: &Call<'t>) -> bool {
    let args: Vec<Node> = call.args.iter().map(|a| a.value).collect();
    // Middleware: the arguments between the path and the handler.
    let skip = usize::from(args.first().is_some_and(|a| is_path_arg(*a)));
    if args.len() > skip + 1
        && args[skip..args.len() - 1]
            .iter()
            .any(|a| !is_function(*a) && says_admin(m.text(*a)))
    {
        return true;
    }
    // A guard applied in the receiver's chain (`r.With(adminOnly).Get`); the
    // receiver's own name (`admin.GET`) is not a guard.
    if let Some((receiver, _)) = m.text(call.callee).rsplit_once('.') {
        if receiver
            .split_once('(')
            .is_some_and(|(_, args)| says_admin(args))
        {
            return true;
        }
    }
    let root = receiver_root(m, call);
    let mut inner = node;
    let mut up = node.parent();
    for _ in 0..48 {
        let Some(n) = up else { break };
        match n.kind_name() {
            "block" | "statement_block" | "statement_list" | "program" | "source_file" => {
                if let Some(root) = root {
                    if block_guards(m, n, root, inner.start_byte()) {
                        return true;
                    }
                }
            }
            // The registration sits in a function handed to a group:
            // `r.With(adminOnly).Group(func(r chi.Router) { … })`.
            "call_expression" | "call" => {
                if let Some(outer) = m.call_unresolved(n) {
                    let chained = m
                        .text(outer.callee)
                        .split_once('(')
                        .is_some_and(|(_, args)| says_admin(args));
                    let guard_args = outer
                        .args
                        .iter()
                        .filter(|a| {
                            !is_function(a.value) && !a.value.kind_name().contains("string")
                        })
                        .any(|a| says_admin(m.text(a.value)));
                    if chained || guard_args {
                        return true;
                    }
                }
            }
            "function_declaration" | "method_declaration" => break,
            _ => {}
        }
        inner = n;
        up = n.parent();
    }
    false
}

/// Whether a block guards the router `root` before `before`: a
/// `root.Use(<admin guard>)` statement, or `root` defined from a guarded
/// expression (`admin := api.Group("", session.MustAdmin())`).
fn block_guards(m: &Model, block: Node, root: &str, before: usize) -> bool {
    let prefix = format!("{root}.");
    statements(block)
        .into_iter()
        .take_while(|s| s.start_byte() < before)
        .any(|s| {
            let text = m.text(s);
            match s.kind_name() {
                "expression_statement" => {
                    let Some(expr) = s.named_child(0) else {
                        return false;
                    };
                    text.starts_with(&prefix)
                        && m.call_unresolved(expr).is_some_and(|c| {
                            matches!(last_name(m.text(c.callee)), "Use" | "use")
                                && c.args.iter().any(|a| says_admin(m.text(a.value)))
                        })
                }
                "short_var_declaration"
                | "lexical_declaration"
                | "variable_declaration"
                | "var_declaration" => {
                    let defines = text
                        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                        .find(|w| !w.is_empty() && !matches!(*w, "const" | "let" | "var"))
                        == Some(root);
                    defines && text.split_once('=').is_some_and(|(_, v)| says_admin(v))
                }
                _ => false,
            }
        })
}

/// A block's statements, through Go's `statement_list` wrapper (bounded).
fn statements(block: Node) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    for s in named_children(block).take(4000) {
        if s.kind_name() == "statement_list" {
            out.extend(named_children(s).take(4000));
        } else {
            out.push(s);
        }
    }
    out
}

/// The context a registration belongs to: its outermost function's name, or at
/// module level the router it registers on.
pub fn within<'t>(m: &Model<'t>, func: Option<FuncId>, call: &Call<'t>) -> String {
    match outermost_name(m, func) {
        Some(name) => name.to_string(),
        None => receiver_root(m, call).unwrap_or("").to_string(),
    }
}

/// The name of the top-level function `func` is nested in, unless it is
/// anonymous.
pub fn outermost_name<'m>(m: &'m Model, func: Option<FuncId>) -> Option<&'m str> {
    m.outermost_function(func)
        .map(|id| m.function(id).name.as_str())
        .filter(|name| !name.is_empty() && !name.starts_with('<'))
}

/// The names a route registration hands to the router, each with where it sits
/// and whether a guard covers it. `name` is the registration's callee name.
pub fn record<'t>(
    m: &Model<'t>,
    node: Node<'t>,
    func: Option<FuncId>,
    call: &Call<'t>,
    name: &str,
    may_guard: bool,
    out: &mut Vec<RouteGuard>,
) {
    if !matches!(
        m.lang,
        Lang::Go | Lang::TypeScript | Lang::Tsx | Lang::JavaScript
    ) {
        return;
    }
    let admin = may_guard && guarded(m, node, call);
    // Keyed as the call graph keys names ([`crate::facts::name_key`]).
    let within = crate::facts::name_key(m.lang, &within(m, func, call));
    let mut push = |name: &str| {
        if !name.is_empty() {
            out.push(RouteGuard {
                name: crate::facts::name_key(m.lang, name),
                within: within.clone(),
                admin,
            });
        }
    };
    for arg in &call.args {
        let v = arg.value;
        match v.kind_name() {
            "identifier" | "selector_expression" | "member_expression" => {
                push(last_name(m.text(v)))
            }
            // A handler built by a call: `inspect(api.ds)`, `rest.GetAll(c)`.
            "call_expression" => {
                if let Some(f) = v.child_by_field_name("function") {
                    push(last_name(m.text(f)));
                }
            }
            // A group's function: the setup calls in it (`api.addPluginRoute(r)`)
            // register under the group's guard.
            _ if is_function(v) && GROUPS.contains(&name) => {
                let Some(body) = v.child_by_field_name("body") else {
                    continue;
                };
                for s in statements(body) {
                    if s.kind_name() != "expression_statement" {
                        continue;
                    }
                    let Some(f) = s
                        .named_child(0)
                        .filter(|e| e.kind_name() == "call_expression")
                        .and_then(|e| e.child_by_field_name("function"))
                    else {
                        continue;
                    };
                    let callee = last_name(m.text(f));
                    if !super::facts::is_route_call(callee) && !matches!(callee, "Use" | "use") {
                        push(callee);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The names, per service root, that only administrators reach: every
/// registration of the name is guarded, or sits in a context that is itself
/// administrators-only (a setup function only a guarded group calls, a router
/// mounted only behind a guard).
pub fn admin_names<'a>(
    guards: impl Iterator<Item = (&'a str, &'a RouteGuard)>,
) -> BTreeSet<(String, String)> {
    let mut by_name: BTreeMap<(&str, &str), Vec<(&str, bool)>> = BTreeMap::new();
    for (root, g) in guards {
        by_name
            .entry((root, g.name.as_str()))
            .or_default()
            .push((g.within.as_str(), g.admin));
    }
    let mut admin: BTreeSet<(&str, &str)> = BTreeSet::new();
    // Each round reaches one level of setup functions or mounted routers.
    for _ in 0..6 {
        let before = admin.len();
        for (&(root, name), regs) in &by_name {
            if regs
                .iter()
                .all(|(within, guarded)| *guarded || admin.contains(&(root, *within)))
            {
                admin.insert((root, name));
            }
        }
        if admin.len() == before {
            break;
        }
    }
    admin
        .into_iter()
        .map(|(r, n)| (r.to_string(), n.to_string()))
        .collect()
}
