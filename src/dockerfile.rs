//! A small line-oriented Dockerfile parser: continuations, comments, `ARG`
//! defaults and `FROM … AS stage`. No tree-sitter grammar for Dockerfiles
//! builds against the tree-sitter version the other grammars need.

/// One instruction, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub line: usize,
    pub keyword: String,
    pub args: String,
}

/// A `FROM` with `ARG` references resolved from their defaults.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct From {
    pub line: usize,
    pub image: String,
    pub stage: Option<String>,
}

pub fn parse(src: &str) -> Vec<Instruction> {
    let mut out = Vec::new();
    let mut current: Option<Instruction> = None;
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        // Comment and blank lines are dropped, even inside a continuation.
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (body, continues) = match line.strip_suffix('\\') {
            Some(b) => (b.trim_end(), true),
            None => (line, false),
        };
        match current.as_mut() {
            Some(ins) => {
                if !ins.args.is_empty() {
                    ins.args.push(' ');
                }
                ins.args.push_str(body);
            }
            None => {
                let (kw, args) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
                current = Some(Instruction {
                    line: i + 1,
                    keyword: kw.to_ascii_uppercase(),
                    args: args.trim().to_string(),
                });
            }
        }
        if !continues {
            out.extend(current.take());
        }
    }
    out.extend(current);
    out
}

/// The `FROM` lines with `$VAR`/`${VAR}` replaced by the `ARG` defaults declared
/// before them.
pub fn froms(instructions: &[Instruction]) -> Vec<From> {
    let mut args: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for ins in instructions {
        match ins.keyword.as_str() {
            "ARG" => {
                if let Some((k, v)) = ins.args.split_once('=') {
                    args.push((k.trim().to_string(), v.trim().trim_matches('"').to_string()));
                }
            }
            "FROM" => {
                let words: Vec<&str> = ins
                    .args
                    .split_whitespace()
                    .filter(|w| !w.starts_with("--"))
                    .collect();
                let Some(image) = words.first() else { continue };
                let mut image = image.to_string();
                for (k, v) in &args {
                    image = image
                        .replace(&format!("${{{k}}}"), v)
                        .replace(&format!("${k}"), v);
                }
                let stage = match words.as_slice() {
                    [_, kw, name, ..] if kw.eq_ignore_ascii_case("as") => Some(name.to_string()),
                    _ => None,
                };
                out.push(From {
                    line: ins.line,
                    image,
                    stage,
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_comments_and_args() {
        let src = "# syntax=docker/dockerfile:1\nARG BASE=python:3.12-slim\nFROM ${BASE} AS build\nRUN apt-get update \\\n  # a comment inside\n  && apt-get install -y curl\nFROM build\n";
        let ins = parse(src);
        assert_eq!(ins.len(), 4);
        assert_eq!(ins[2].keyword, "RUN");
        assert_eq!(ins[2].line, 4);
        assert_eq!(ins[2].args, "apt-get update && apt-get install -y curl");
        let f = froms(&ins);
        assert_eq!(
            f[0],
            From {
                line: 3,
                image: "python:3.12-slim".into(),
                stage: Some("build".into())
            }
        );
        assert_eq!(f[1].image, "build");
    }
}
