//! Per-file stack detection, exactly as the catalog's last section describes.

use crate::engine::FileMeta;
use crate::finding::Stack;
use crate::lang::{Family, Lang};
use crate::project::{is_server_package, is_ui_package, PackageKind};
use crate::semantic::Model;
use std::path::Component;

const BACKEND_DIRS: &[&str] = &[
    "server",
    "api",
    "services",
    "backend",
    "functions",
    "workers",
];
const FRONTEND_DIRS: &[&str] = &[
    "components",
    "screens",
    "pages",
    "hooks",
    "web",
    "frontend",
    "front",
    "client",
    // Files a web framework serves to browsers as they are (Django's and
    // Flask's `static/`): no server runs from there.
    "static",
];

/// The npm package an import specifier belongs to (`@nestjs/common` stays,
/// `next/router` → `next`).
fn package_of(module: &str) -> &str {
    let mut parts = module.splitn(3, '/');
    let first = parts.next().unwrap_or(module);
    if first.starts_with('@') {
        let len = first.len() + parts.next().map_or(0, |s| s.len() + 1);
        &module[..len.min(module.len())]
    } else {
        first
    }
}

pub fn detect(file: &FileMeta, model: &Model) -> Stack {
    match file.lang.family() {
        // A Tauri app's Rust side (`src-tauri/`) is the desktop client's own process.
        Family::Rs if file.project_path.split('/').any(|d| d == "src-tauri") => Stack::Frontend,
        Family::Py | Family::Go | Family::Java | Family::Rs => Stack::Backend,
        Family::Swift | Family::Dart => Stack::Frontend,
        Family::Kt => {
            if model.imports_module("io.ktor.server") || model.imports_module("org.springframework")
            {
                Stack::Backend
            } else {
                Stack::Frontend
            }
        }
        Family::Ts => detect_script(file, model),
        Family::Docker
        | Family::Compose
        | Family::K8s
        | Family::Alembic
        | Family::DjangoMig
        | Family::Env => Stack::Config,
    }
}

fn detect_script(file: &FileMeta, model: &Model) -> Stack {
    let path = std::path::Path::new(&file.project_path);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if file.lang == Lang::Tsx || ext == "jsx" {
        return Stack::Frontend;
    }
    // React's module directives say where a module runs (Next.js, Remix).
    match directive(model.src) {
        Some("use client") => return Stack::Frontend,
        Some("use server") => return Stack::Backend,
        _ => {}
    }
    if is_next_server_route(&file.project_path) {
        return Stack::Backend;
    }
    if model.modules.iter().any(|m| {
        let p = package_of(m);
        is_server_package(p)
            || crate::project::BROWSER_DRIVERS.contains(&p)
            || NEXT_SERVER_MODULES.contains(&m.as_str())
    }) {
        return Stack::Backend;
    }
    if model.modules.iter().any(|m| is_ui_package(package_of(m))) {
        return Stack::Frontend;
    }
    // Code that touches the DOM runs in a browser, whatever a monorepo's root
    // `package.json` also serves (docs scripts, shared editor code).
    if model.facts.browser_globals {
        return Stack::Frontend;
    }
    // Markers a project puts on browser-only code: Next's `client-only` (as an
    // import or a directory) and Remix's `*.client.ts` modules.
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let client_only = model.modules.iter().any(|m| m == "client-only")
        || name.contains(".client.")
        || path
            .components()
            .any(|c| matches!(c, Component::Normal(d) if d == "client-only"));
    if client_only {
        return Stack::Frontend;
    }
    match file.package {
        Some(PackageKind::Server | PackageKind::Edge) => return Stack::Backend,
        Some(PackageKind::Ui) => return Stack::Frontend,
        // A package that is both (a Vite app with a dev server, a Next.js app
        // with an ORM) keeps its browser code in its own directories.
        _ => {}
    }
    for c in path.components().rev().skip(1) {
        if let Component::Normal(d) = c {
            let d = d.to_str().unwrap_or("");
            if BACKEND_DIRS.contains(&d) {
                return Stack::Backend;
            }
            if FRONTEND_DIRS.contains(&d) {
                return Stack::Frontend;
            }
        }
    }
    // Undecided scripts are Node code.
    Stack::Backend
}

/// Next.js modules only server code imports: route handlers' requests and
/// responses, request headers and cookies, the data cache.
const NEXT_SERVER_MODULES: &[&str] = &["next/server", "next/headers", "next/cache"];

/// A Next.js server route by its place: an API route under `pages/api/`, a
/// route handler (`app/**/route.ts`).
fn is_next_server_route(path: &str) -> bool {
    let mut dirs = path.split('/').rev();
    let name = dirs.next().unwrap_or("");
    let dirs: Vec<&str> = dirs.collect();
    let under_pages_api = dirs.windows(2).any(|w| w == ["api", "pages"]);
    let route_handler = name
        .strip_suffix(".ts")
        .or_else(|| name.strip_suffix(".js"))
        == Some("route")
        && dirs.contains(&"app");
    under_pages_api || route_handler
}

/// The route a Next.js server route serves, as [`route_key`] names it:
/// `pages/api/teams/[id].ts` and `app/(ee)/api/teams/route.ts` serve
/// `api/teams`, `app/base-specs/route.ts` serves `base-specs` (route groups
/// such as `(ee)` aside); `None` for any other file, or a route whose first
/// segment is dynamic.
pub fn next_route(path: &str) -> Option<String> {
    if !is_next_server_route(path) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let start = segments
        .windows(2)
        .rposition(|w| w == ["pages", "api"])
        .or_else(|| segments.iter().rposition(|s| *s == "app"))?;
    let mut rest = segments[start + 1..]
        .iter()
        .filter(|s| !(s.starts_with('(') && s.ends_with(')')))
        .map(|s| s.split('.').next().unwrap_or(s));
    let first = rest.next()?;
    let second = rest.next();
    route_key(first, second.filter(|s| *s != "route"))
}

/// The key two routes are compared by: the first path segment, or the first
/// two under `api/`; none for a dynamic segment or a version prefix (`v1`),
/// which many services share.
pub fn route_key(first: &str, second: Option<&str>) -> Option<String> {
    let plain = |s: &str| {
        !s.is_empty()
            && !s.starts_with('[')
            && s != "route"
            && s != "index"
            && !(s.starts_with('v') && s[1..].bytes().all(|b| b.is_ascii_digit()))
    };
    if first == "api" {
        let second = second.filter(|s| plain(s))?;
        return Some(format!("api/{second}"));
    }
    plain(first).then(|| first.to_string())
}

/// The directory of a Next.js App Router project, for a file that shows one:
/// a page or layout under an `app/` directory (`web/src/app/about/page.tsx`
/// → `web`, with its `src/`). `""` for a project at the scan root.
pub fn app_router_root(path: &str) -> Option<&str> {
    const SPECIAL: &[&str] = &["page", "layout", "template"];
    let (dir, name) = path.rsplit_once('/')?;
    let stem = name.split('.').next().unwrap_or(name);
    if !SPECIAL.contains(&stem)
        || !matches!(name.rsplit('.').next(), Some("tsx" | "jsx" | "js" | "ts"))
    {
        return None;
    }
    let app = if dir == "app" || dir.starts_with("app/") {
        0
    } else {
        dir.find("/app/")
            .map(|i| i + 1)
            .or_else(|| dir.ends_with("/app").then(|| dir.len() - 3))?
    };
    let root = path[..app].trim_end_matches('/');
    Some(
        root.strip_suffix("/src")
            .or_else(|| (root == "src").then_some(""))
            .unwrap_or(root),
    )
}

/// Whether a script marks itself as client code: React's `'use client'`
/// directive, or a hook call (`useState(`, `useRouter(`).
pub fn marks_client(src: &str) -> bool {
    if directive(src) == Some("use client") {
        return true;
    }
    let bytes = src.as_bytes();
    memchr::memmem::find_iter(bytes, b"use").any(|i| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            return false;
        }
        let rest = &bytes[i + 3..];
        rest.first().is_some_and(u8::is_ascii_uppercase)
            && rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                .is_some_and(|n| rest[n] == b'(')
    })
}

/// Whether a script module marks itself as server code: React's `'use
/// server'` directive (a module of server actions, which client components
/// import and call over the network).
pub fn marks_server(src: &str) -> bool {
    directive(src) == Some("use server")
}

/// The module's leading directive (`'use client'`), after comments.
fn directive(src: &str) -> Option<&str> {
    let mut rest = src.trim_start_matches('\u{feff}');
    for _ in 0..64 {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &rest[1..];
    let end = body.find(quote)?;
    Some(&body[..end]).filter(|d| d.starts_with("use ") && d.len() < 16)
}

#[cfg(test)]
mod tests {
    use super::package_of;

    #[test]
    fn packages_of_specifiers() {
        assert_eq!(package_of("@nestjs/common"), "@nestjs/common");
        assert_eq!(package_of("@angular/core/testing"), "@angular/core");
        assert_eq!(package_of("next/router"), "next");
        assert_eq!(package_of("express"), "express");
    }
}
