//! Import path aliases a TypeScript/JavaScript project declares in its
//! `tsconfig.json` or `jsconfig.json` (`compilerOptions.paths`): `@/lib/files`
//! names `lib/files` under the config's directory. With them, an import
//! through an alias counts like a relative one when deciding which code
//! imports a module (browser components only, or the server too).

use std::collections::BTreeMap;

/// The configuration files that declare aliases, read with the manifests.
pub fn is_script_config(name: &str) -> bool {
    matches!(name, "tsconfig.json" | "jsconfig.json")
}

/// Deeper nesting than any real configuration is refused before parsing, so a
/// hostile file cannot make the parser recurse without bound.
const MAX_NESTING: usize = 32;

#[derive(serde::Deserialize, Default)]
struct Config {
    #[serde(rename = "compilerOptions", default)]
    compiler_options: Option<CompilerOptions>,
}

#[derive(serde::Deserialize, Default)]
struct CompilerOptions {
    #[serde(rename = "baseUrl", default)]
    base_url: Option<String>,
    #[serde(default)]
    paths: Option<BTreeMap<String, Vec<String>>>,
}

/// One `paths` entry: `"@/*": ["./src/*"]` is the prefix `@/`, a wildcard,
/// and the target `src/` (relative to the scan root) before the wildcard.
#[derive(Debug, Clone, PartialEq)]
struct Alias {
    prefix: String,
    wildcard: bool,
    target: String,
}

/// Every configuration's aliases, by the directory it sits in.
#[derive(Default, Debug)]
pub struct ScriptAliases {
    by_dir: BTreeMap<String, Vec<Alias>>,
}

impl ScriptAliases {
    /// Reads the aliases of every `(path, text)` configuration; one that does
    /// not parse, or declares none, declares nothing.
    pub fn from_configs<'a>(configs: impl Iterator<Item = (&'a str, &'a str)>) -> ScriptAliases {
        let mut out = ScriptAliases::default();
        for (path, text) in configs {
            let dir = crate::facts::dir_of(path);
            let aliases = parse(&dir, text);
            if !aliases.is_empty() {
                out.by_dir.insert(dir, aliases);
            }
        }
        out
    }

    /// The module key ([`crate::facts::module_key`]) an aliased import
    /// specifier names from the file at `path`: the nearest configuration above
    /// the file that declares aliases decides, its longest matching prefix
    /// first. `None` for a specifier no alias matches.
    pub fn module(&self, path: &str, spec: &str) -> Option<String> {
        if self.by_dir.is_empty() || spec.starts_with('.') {
            return None;
        }
        let mut dir = crate::facts::dir_of(path);
        let aliases = loop {
            if let Some(a) = self.by_dir.get(&dir) {
                break a;
            }
            if dir.is_empty() {
                return None;
            }
            dir = crate::facts::dir_of(&dir);
        };
        let alias = aliases
            .iter()
            .filter(|a| {
                if a.wildcard {
                    spec.starts_with(&a.prefix)
                } else {
                    spec == a.prefix
                }
            })
            .max_by_key(|a| a.prefix.len())?;
        let rest = if alias.wildcard {
            &spec[alias.prefix.len()..]
        } else {
            ""
        };
        crate::facts::normalize_path(&format!("{}{rest}", alias.target))
            .map(|p| crate::facts::module_key(&p))
    }
}

/// The aliases one configuration at `dir` declares.
fn parse(dir: &str, text: &str) -> Vec<Alias> {
    if nesting(text) > MAX_NESTING {
        return Vec::new();
    }
    let Ok(config) = jsonc_parser::parse_to_serde_value::<Option<Config>>(
        text,
        &jsonc_parser::ParseOptions::default(),
    ) else {
        return Vec::new();
    };
    let Some(options) = config.and_then(|c| c.compiler_options) else {
        return Vec::new();
    };
    let Some(paths) = options.paths else {
        return Vec::new();
    };
    // Targets are relative to `baseUrl` when it is set, else to the config.
    let base = join(dir, options.base_url.as_deref().unwrap_or("."));
    let mut out = Vec::new();
    for (pattern, targets) in paths {
        let Some(first) = targets.first() else {
            continue;
        };
        let (prefix, wildcard) = match pattern.split_once('*') {
            Some((p, _)) => (p.to_string(), true),
            None => (pattern.clone(), false),
        };
        let target = match (wildcard, first.split_once('*')) {
            (true, Some((t, _))) => t,
            (false, None) => first.as_str(),
            // A wildcard on one side only maps nothing a specifier can name.
            _ => continue,
        };
        if prefix.is_empty() {
            continue;
        }
        out.push(Alias {
            prefix,
            wildcard,
            target: join(&base, target),
        });
    }
    out
}

/// `dir` joined with a relative `path`, keeping a trailing `/` (a wildcard
/// target's directory).
fn join(dir: &str, path: &str) -> String {
    match (dir.is_empty(), path) {
        (true, _) => path.to_string(),
        (false, ".") => dir.to_string(),
        _ => format!("{dir}/{path}"),
    }
}

/// How deeply the text's brackets nest, strings and comments aside; an
/// upper bound is all [`parse`] needs.
fn nesting(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::ScriptAliases;

    #[test]
    fn aliases_name_modules_under_their_config() {
        let next = r#"{
  // Next.js
  "compilerOptions": {
    "paths": { "@/*": ["./*"], "@ui/*": ["components/ui/*",], "~env": ["src/env.ts"] },
  }
}"#;
        let based =
            r##"{ "compilerOptions": { "baseUrl": "src", "paths": { "#lib/*": ["lib/*"] } } }"##;
        let aliases = ScriptAliases::from_configs(
            [
                ("apps/web/tsconfig.json", next),
                ("apps/api/jsconfig.json", based),
                (
                    "packages/x/tsconfig.json",
                    r#"{ "compilerOptions": { "strict": true } }"#,
                ),
            ]
            .into_iter(),
        );
        let m = |path: &str, spec: &str| aliases.module(path, spec);
        assert_eq!(
            m("apps/web/components/upload.tsx", "@/lib/files/put-file").as_deref(),
            Some("apps/web/lib/files/put-file")
        );
        // The longest prefix wins; an exact alias names its one file.
        assert_eq!(
            m("apps/web/app/page.tsx", "@ui/button").as_deref(),
            Some("apps/web/components/ui/button")
        );
        assert_eq!(
            m("apps/web/app/page.tsx", "~env").as_deref(),
            Some("apps/web/src/env")
        );
        assert_eq!(
            m("apps/api/routes/a.js", "#lib/db/index.js").as_deref(),
            Some("apps/api/src/lib/db")
        );
        // Packages, relative paths and files under no aliasing config: not aliases.
        assert_eq!(m("apps/web/app/page.tsx", "react"), None);
        assert_eq!(m("apps/web/app/page.tsx", "./x"), None);
        assert_eq!(m("packages/x/a.ts", "@/lib"), None);
        assert_eq!(m("other/a.ts", "@/lib"), None);
    }

    #[test]
    fn unreadable_or_hostile_configs_declare_nothing() {
        let deep = format!(
            "{{\"compilerOptions\": {{\"paths\": {}1{}}}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        for text in ["", "{", "not json", "[]", deep.as_str()] {
            let a = ScriptAliases::from_configs([("tsconfig.json", text)].into_iter());
            assert_eq!(a.module("a.ts", "@/x"), None, "{text:.20}");
        }
    }
}
