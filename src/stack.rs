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
    "client",
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
        Family::Rs if file.path.split('/').any(|d| d == "src-tauri") => Stack::Frontend,
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
    let path = std::path::Path::new(&file.path);
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
    if model.modules.iter().any(|m| {
        let p = package_of(m);
        is_server_package(p) || crate::project::BROWSER_DRIVERS.contains(&p)
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
        Some(PackageKind::Server) => return Stack::Backend,
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
