//! Languages faultline parses, and the tree-sitter grammar behind each.

use serde::Serialize;
use std::path::Path;

/// A source language, as parsed. TypeScript, TSX and JavaScript share the
/// catalog's `ts` rules but need different grammars.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Lang {
    Python,
    Go,
    Java,
    Rust,
    TypeScript,
    Tsx,
    JavaScript,
    Kotlin,
    Swift,
    Dart,
    Yaml,
    Dockerfile,
}

/// The language families the rule catalog speaks of (`py go java rs ts kt swift dart`
/// plus the config kinds).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub enum Family {
    Py,
    Go,
    Java,
    Rs,
    Ts,
    Kt,
    Swift,
    Dart,
    Docker,
    Compose,
    K8s,
    /// Alembic revisions.
    Alembic,
    /// Django migrations.
    DjangoMig,
    /// `.env.example` files.
    Env,
}

impl Family {
    pub fn tag(self) -> &'static str {
        match self {
            Family::Py => "py",
            Family::Go => "go",
            Family::Java => "java",
            Family::Rs => "rs",
            Family::Ts => "ts",
            Family::Kt => "kt",
            Family::Swift => "swift",
            Family::Dart => "dart",
            Family::Docker => "docker",
            Family::Compose => "compose",
            Family::K8s => "k8s",
            Family::Alembic => "alembic",
            Family::DjangoMig => "django-mig",
            Family::Env => "env",
        }
    }
}

impl Lang {
    /// The language's name as listings show it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::Rust => "rust",
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
            Lang::JavaScript => "javascript",
            Lang::Kotlin => "kotlin",
            Lang::Swift => "swift",
            Lang::Dart => "dart",
            Lang::Yaml => "yaml",
            Lang::Dockerfile => "dockerfile",
        }
    }

    pub const ALL: [Lang; 12] = [
        Lang::Python,
        Lang::Go,
        Lang::Java,
        Lang::Rust,
        Lang::TypeScript,
        Lang::Tsx,
        Lang::JavaScript,
        Lang::Kotlin,
        Lang::Swift,
        Lang::Dart,
        Lang::Yaml,
        Lang::Dockerfile,
    ];

    /// Picks the language from a file name; `None` for files faultline does not read.
    pub fn from_path(path: &Path) -> Option<Lang> {
        // A name that is not UTF-8 still says its language by its extension.
        let name = path.file_name()?.to_string_lossy();
        let name = name.as_ref();
        if name == "Dockerfile" || name.starts_with("Dockerfile.") || name.ends_with(".dockerfile")
        {
            return Some(Lang::Dockerfile);
        }
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "py" | "pyi" => Lang::Python,
            "go" => Lang::Go,
            "java" => Lang::Java,
            "rs" => Lang::Rust,
            "ts" | "mts" | "cts" => Lang::TypeScript,
            "tsx" => Lang::Tsx,
            "js" | "jsx" | "mjs" | "cjs" => Lang::JavaScript,
            "kt" | "kts" => Lang::Kotlin,
            "swift" => Lang::Swift,
            "dart" => Lang::Dart,
            "yaml" | "yml" => Lang::Yaml,
            _ => return None,
        })
    }

    pub fn family(self) -> Family {
        match self {
            Lang::Python => Family::Py,
            Lang::Go => Family::Go,
            Lang::Java => Family::Java,
            Lang::Rust => Family::Rs,
            Lang::TypeScript | Lang::Tsx | Lang::JavaScript => Family::Ts,
            Lang::Kotlin => Family::Kt,
            Lang::Swift => Family::Swift,
            Lang::Dart => Family::Dart,
            // The family a YAML file's rules use comes from its document kind
            // (`model::config::ConfigKind::family`: compose or Kubernetes); this
            // is only the default for YAML nobody classified.
            Lang::Yaml => Family::K8s,
            Lang::Dockerfile => Family::Docker,
        }
    }

    /// The tree-sitter grammar, or `None` for the hand-parsed Dockerfile.
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        Some(match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
            Lang::Java => tree_sitter_java::LANGUAGE.into(),
            Lang::Rust => tree_sitter_rust::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::Kotlin => tree_sitter_kotlin_ng::LANGUAGE.into(),
            Lang::Swift => tree_sitter_swift::LANGUAGE.into(),
            Lang::Dart => tree_sitter_dart::LANGUAGE.into(),
            Lang::Yaml => tree_sitter_yaml::LANGUAGE.into(),
            Lang::Dockerfile => return None,
        })
    }

    /// Which comment prefix a suppression uses in this language.
    pub fn line_comment(self) -> &'static str {
        match self {
            Lang::Python | Lang::Yaml | Lang::Dockerfile => "#",
            _ => "//",
        }
    }
}
