//! Configuration as typed documents: what kind of file it is ([`ConfigKind`]),
//! a positioned value tree for YAML ([`Yaml`]), and views config rules query —
//! a compose service, a Kubernetes container, a Dockerfile stage — instead of
//! grammar nodes. Building the tree is iterative: nesting depth never reaches
//! the call stack.

use crate::dockerfile;
use crate::lang::Family;
use crate::semantic::KindName as _;
use serde::Serialize;
use tree_sitter::Node;

/// What a configuration file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum ConfigKind {
    Dockerfile,
    Compose,
    Kubernetes,
    /// `values*.yaml` of a Helm chart.
    HelmValues,
    /// A Helm template: not YAML until rendered, so not parsed.
    HelmTemplate,
    /// An Alembic revision (`alembic/versions/*.py`, or a module importing `alembic.op`).
    AlembicMigration,
    /// A Django migration (`*/migrations/*.py`).
    DjangoMigration,
    /// Another migration script (`migrations/*.js|ts`: Sequelize, Knex, TypeORM).
    Migration,
    /// `.env.example`, `.env.sample`, `.env.template`: the variables a service expects.
    EnvExample,
}

impl ConfigKind {
    /// The catalog's language family for rules on this kind of file.
    pub fn family(self) -> Family {
        match self {
            ConfigKind::Dockerfile => Family::Docker,
            ConfigKind::Compose => Family::Compose,
            ConfigKind::Kubernetes | ConfigKind::HelmValues | ConfigKind::HelmTemplate => {
                Family::K8s
            }
            ConfigKind::AlembicMigration => Family::Alembic,
            ConfigKind::DjangoMigration => Family::DjangoMig,
            ConfigKind::Migration => Family::Ts,
            ConfigKind::EnvExample => Family::Env,
        }
    }
}

pub type ValueId = usize;

/// A YAML value with its 1-based position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Value {
    pub line: usize,
    pub column: usize,
    pub data: Data,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Data {
    /// A scalar, unquoted; `null`/`~`/empty stay as written.
    Scalar(String),
    /// Entries in order: key, key line, value (`None` for `key:` with nothing).
    Map(Vec<(String, usize, Option<ValueId>)>),
    Seq(Vec<Option<ValueId>>),
    /// An alias (`*name`) or anything else not resolved here.
    Other,
}

/// The documents of one YAML file as an arena of values.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Yaml {
    pub values: Vec<Value>,
    /// One root per `---` document.
    pub documents: Vec<ValueId>,
}

/// Where a value built from the work stack goes.
#[derive(Clone, Copy)]
enum Slot {
    Document,
    Entry(ValueId, usize),
    Item(ValueId, usize),
}

impl Yaml {
    /// The value tree of a tree-sitter-yaml parse of `src`.
    pub fn from_tree(root: Node, src: &str) -> Yaml {
        let mut y = Yaml::default();
        let text = |n: Node| src.get(n.byte_range()).unwrap_or("");
        let mut work: Vec<(Node, Slot)> = Vec::new();
        // Documents in order: push in reverse so the first is built first.
        let mut docs: Vec<Node> = Vec::new();
        let mut cursor = root.walk();
        if root.kind_name() == "stream" {
            docs.extend(
                root.named_children(&mut cursor)
                    .filter(|c| c.kind_name() == "document"),
            );
        }
        for d in docs.into_iter().rev() {
            work.push((d, Slot::Document));
        }
        while let Some((n, slot)) = work.pop() {
            // Unwrap document/node wrappers, anchors and tags down to the value.
            let mut n = n;
            let mut guard = 0;
            while matches!(n.kind_name(), "document" | "block_node" | "flow_node") && guard < 8 {
                guard += 1;
                let mut c = n.walk();
                let inner = n
                    .named_children(&mut c)
                    .filter(|k| !matches!(k.kind_name(), "anchor" | "tag" | "comment"))
                    .last();
                match inner {
                    Some(i) => n = i,
                    None => break,
                }
            }
            let p = n.start_position();
            let (line, column) = (p.row + 1, p.column + 1);
            let id = y.values.len();
            let data = match n.kind_name() {
                "block_mapping" | "flow_mapping" => {
                    let mut entries = Vec::new();
                    let mut c = n.walk();
                    let pairs: Vec<Node> = n
                        .named_children(&mut c)
                        .filter(|k| matches!(k.kind_name(), "block_mapping_pair" | "flow_pair"))
                        .collect();
                    for (i, pair) in pairs.iter().enumerate() {
                        let key = pair
                            .child_by_field_name("key")
                            .map(|k| scalar_text(text(k)))
                            .unwrap_or_default();
                        let key_line = pair.start_position().row + 1;
                        entries.push((key, key_line, None));
                        if let Some(v) = pair.child_by_field_name("value") {
                            work.push((v, Slot::Entry(id, i)));
                        }
                    }
                    Data::Map(entries)
                }
                "block_sequence" | "flow_sequence" => {
                    let mut c = n.walk();
                    let items: Vec<Node> = n
                        .named_children(&mut c)
                        .filter(|k| k.kind_name() != "comment")
                        .collect();
                    for (i, item) in items.iter().enumerate() {
                        let value = if item.kind_name() == "block_sequence_item" {
                            let mut c2 = item.walk();
                            let v = item
                                .named_children(&mut c2)
                                .find(|k| k.kind_name() != "comment");
                            v
                        } else {
                            Some(*item)
                        };
                        if let Some(v) = value {
                            work.push((v, Slot::Item(id, i)));
                        }
                    }
                    Data::Seq(vec![None; items.len()])
                }
                k if k.contains("scalar") => Data::Scalar(scalar_text(text(n))),
                _ => Data::Other,
            };
            y.values.push(Value { line, column, data });
            match slot {
                Slot::Document => y.documents.push(id),
                Slot::Entry(map, i) => {
                    if let Data::Map(entries) = &mut y.values[map].data {
                        if let Some(e) = entries.get_mut(i) {
                            e.2 = Some(id);
                        }
                    }
                }
                Slot::Item(seq, i) => {
                    if let Data::Seq(items) = &mut y.values[seq].data {
                        if let Some(e) = items.get_mut(i) {
                            *e = Some(id);
                        }
                    }
                }
            }
        }
        y
    }

    pub fn value(&self, id: ValueId) -> &Value {
        &self.values[id]
    }

    /// The value at `key` of the mapping `id`.
    pub fn get(&self, id: ValueId, key: &str) -> Option<ValueId> {
        match &self.values.get(id)?.data {
            Data::Map(entries) => entries.iter().find(|(k, _, _)| k == key)?.2,
            _ => None,
        }
    }

    /// The value at a key path: `get_path(doc, &["spec", "template", "spec"])`.
    pub fn get_path(&self, id: ValueId, path: &[&str]) -> Option<ValueId> {
        path.iter().try_fold(id, |at, key| self.get(at, key))
    }

    pub fn scalar(&self, id: ValueId) -> Option<&str> {
        match &self.values.get(id)?.data {
            Data::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The entries of a mapping (none for anything else).
    pub fn entries(&self, id: ValueId) -> &[(String, usize, Option<ValueId>)] {
        match self.values.get(id).map(|v| &v.data) {
            Some(Data::Map(entries)) => entries,
            _ => &[],
        }
    }

    /// The items of a sequence (none for anything else).
    pub fn items(&self, id: ValueId) -> impl Iterator<Item = ValueId> + '_ {
        let items: &[Option<ValueId>] = match self.values.get(id).map(|v| &v.data) {
            Some(Data::Seq(items)) => items,
            _ => &[],
        };
        items.iter().flatten().copied()
    }
}

fn scalar_text(raw: &str) -> String {
    let t = raw.trim();
    let unquoted = if (t.starts_with('"') && t.ends_with('"')
        || t.starts_with('\'') && t.ends_with('\''))
        && t.len() >= 2
    {
        &t[1..t.len() - 1]
    } else {
        t
    };
    unquoted.to_string()
}

/// The subcommands of the project's own program a container probe runs
/// (`HEALTHCHECK CMD ["/app/lldap", "healthcheck"]`, compose's `test: [
/// "CMD", "/unleash-edge", "health"]`, `-healthcheck`), as `cmd:` entries
/// of [`ConfigDoc::probe_scripts`]: words naming a health or readiness check
/// that are neither a path, a URL nor a tool's (`curl`, `wget`).
fn probe_commands(command: &str) -> Vec<String> {
    let words: Vec<&str> = command
        .split([' ', '"', '\'', ',', '[', ']', '\t'])
        .filter(|w| !w.is_empty())
        .collect();
    // The program the probe runs: the first word after `CMD`/`CMD-SHELL`,
    // else the first that is no option (`--interval=1m`).
    let start = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("CMD") || w.eq_ignore_ascii_case("CMD-SHELL"))
        .map_or(0, |i| i + 1);
    let Some(at) = words[start..].iter().position(|w| !w.starts_with('-')) else {
        return Vec::new();
    };
    let program = words[start + at].rsplit('/').next().unwrap_or("");
    if PROBE_TOOLS.contains(&program) {
        return Vec::new();
    }
    words[start + at + 1..]
        .iter()
        .map(|w| w.trim_start_matches('-'))
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            (lower.contains("health") || lower.contains("ready") || lower.contains("live"))
                && w.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(|w| format!("cmd:{}", w.to_ascii_lowercase()))
        .collect()
}

/// Programs probes run that are not the project's: HTTP clients and the
/// databases' and brokers' own checks.
const PROBE_TOOLS: &[&str] = &[
    "curl",
    "wget",
    "nc",
    "grpc_health_probe",
    "pg_isready",
    "redis-cli",
    "mongosh",
    "mongo",
    "mc",
    "mysqladmin",
    "cqlsh",
    "rabbitmq-diagnostics",
    "rabbitmqctl",
    "sh",
    "bash",
];

/// A compose service, as config rules see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ComposeService {
    pub name: String,
    pub line: usize,
    pub image: Option<(String, usize)>,
    pub has_healthcheck: bool,
    pub restart: Option<String>,
    pub has_build: bool,
}

/// A container of a Kubernetes workload, as config rules see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct K8sContainer {
    /// The workload's `kind` and `metadata.name`.
    pub workload: String,
    pub name: String,
    pub line: usize,
    pub image: Option<(String, usize)>,
    pub liveness: bool,
    pub readiness: bool,
    pub resources: bool,
}

/// A typed configuration document with its views.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct ConfigDoc {
    pub kind: ConfigKind,
    pub compose_services: Vec<ComposeService>,
    pub containers: Vec<K8sContainer>,
    /// Dockerfile `FROM`s with `ARG` defaults resolved.
    pub stages: Vec<dockerfile::From>,
    /// Unique constraints and indexes a migration creates.
    pub unique: Vec<UniqueConstraint>,
    /// The variables an env example declares.
    pub env: Vec<EnvVar>,
    /// A Dockerfile's `HEALTHCHECK` (not `NONE`): the line it is on.
    pub healthcheck: Option<usize>,
    /// The scripts a Dockerfile's `HEALTHCHECK` runs, by file name
    /// (`CMD ./fetchstatus.py` → `fetchstatus.py`), and the health
    /// subcommands of the project's program it or a compose healthcheck runs
    /// (`cmd:healthcheck`, [`probe_commands`]).
    pub probe_scripts: Vec<String>,
}

/// A unique constraint or index a migration creates: the columns it covers
/// (one for `unique=True`, several for a composite one) and its table where the
/// migration names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct UniqueConstraint {
    pub table: Option<String>,
    pub columns: Vec<String>,
    pub line: usize,
}

/// A variable an env example file declares, with its example value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct EnvVar {
    pub name: String,
    pub value: String,
    pub line: usize,
}

impl ConfigDoc {
    /// An empty document of `kind`.
    pub fn empty(kind: ConfigKind) -> ConfigDoc {
        ConfigDoc {
            kind,
            compose_services: Vec::new(),
            containers: Vec::new(),
            stages: Vec::new(),
            unique: Vec::new(),
            env: Vec::new(),
            healthcheck: None,
            probe_scripts: Vec::new(),
        }
    }

    pub fn dockerfile(src: &str) -> ConfigDoc {
        let instructions = dockerfile::parse(src);
        ConfigDoc {
            stages: dockerfile::froms(&instructions),
            healthcheck: instructions.iter().find_map(|i| {
                (i.keyword.eq_ignore_ascii_case("HEALTHCHECK")
                    && !i.args.trim().eq_ignore_ascii_case("NONE"))
                .then_some(i.line)
            }),
            probe_scripts: instructions
                .iter()
                .filter(|i| i.keyword.eq_ignore_ascii_case("HEALTHCHECK"))
                .flat_map(|i| {
                    i.args
                        .split([' ', '"', '\'', ',', '[', ']'])
                        .filter_map(|w| {
                            let name = w.rsplit('/').next().unwrap_or(w);
                            [".py", ".js", ".mjs", ".ts", ".sh", ".rb"]
                                .iter()
                                .any(|e| name.ends_with(e))
                                .then(|| name.to_string())
                        })
                        .chain(probe_commands(&i.args))
                })
                .collect(),
            ..ConfigDoc::empty(ConfigKind::Dockerfile)
        }
    }

    /// An env example: `NAME=value` lines (`export` allowed, comments and blank
    /// lines skipped, quotes around the value removed).
    pub fn env_example(src: &str) -> ConfigDoc {
        let mut env = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
            let Some((name, value)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim();
            let valid = !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !name.as_bytes()[0].is_ascii_digit();
            if !valid {
                continue;
            }
            let value = value.split(" #").next().unwrap_or("").trim();
            env.push(EnvVar {
                name: name.to_string(),
                value: value.trim_matches(['"', '\'']).to_string(),
                line: i + 1,
            });
        }
        ConfigDoc {
            env,
            ..ConfigDoc::empty(ConfigKind::EnvExample)
        }
    }

    /// A YAML config file: compose when named so or holding `services:`,
    /// Kubernetes when its documents have `apiVersion` and `kind`, Helm values
    /// when the caller says so.
    pub fn yaml(y: &Yaml, path: &str, helm_values: bool) -> ConfigDoc {
        let name = path.rsplit('/').next().unwrap_or(path);
        let has_services = y.documents.iter().any(|d| y.get(*d, "services").is_some());
        let kubernetes = y
            .documents
            .iter()
            .any(|d| y.get(*d, "apiVersion").is_some() && y.get(*d, "kind").is_some());
        let kind = if helm_values {
            ConfigKind::HelmValues
        } else if name.contains("compose") || (has_services && !kubernetes) {
            ConfigKind::Compose
        } else {
            ConfigKind::Kubernetes
        };
        ConfigDoc {
            kind,
            compose_services: if kind == ConfigKind::Compose {
                compose_services(y)
            } else {
                Vec::new()
            },
            containers: if kind == ConfigKind::Kubernetes {
                k8s_containers(y)
            } else {
                Vec::new()
            },
            probe_scripts: if kind == ConfigKind::Compose {
                compose_probe_commands(y)
            } else {
                Vec::new()
            },
            ..ConfigDoc::empty(kind)
        }
    }
}

/// The health subcommands compose healthchecks run ([`probe_commands`]):
/// each service's `healthcheck.test`, a string or a list (`["CMD",
/// "/unleash-edge", "health"]`).
fn compose_probe_commands(y: &Yaml) -> Vec<String> {
    let mut out = Vec::new();
    for &doc in &y.documents {
        let Some(services) = y.get(doc, "services") else {
            continue;
        };
        for (_, _, value) in y.entries(services) {
            let Some(test) = value.and_then(|s| y.get_path(s, &["healthcheck", "test"])) else {
                continue;
            };
            let command = match y.scalar(test) {
                Some(s) => s.to_string(),
                None => y
                    .items(test)
                    .filter_map(|i| y.scalar(i))
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            out.extend(probe_commands(&command));
        }
    }
    out
}

fn compose_services(y: &Yaml) -> Vec<ComposeService> {
    let mut out = Vec::new();
    for &doc in &y.documents {
        let Some(services) = y.get(doc, "services") else {
            continue;
        };
        for (name, line, value) in y.entries(services) {
            let Some(s) = *value else { continue };
            out.push(ComposeService {
                name: name.clone(),
                line: *line,
                image: y
                    .get(s, "image")
                    .and_then(|i| Some((y.scalar(i)?.to_string(), y.value(i).line))),
                has_healthcheck: y.get(s, "healthcheck").is_some(),
                restart: y
                    .get(s, "restart")
                    .and_then(|r| y.scalar(r))
                    .map(str::to_string),
                has_build: y.get(s, "build").is_some(),
            });
        }
    }
    out
}

/// Workload kinds and where their pod spec sits.
const POD_SPECS: &[(&str, &[&str])] = &[
    ("Deployment", &["spec", "template", "spec"]),
    ("StatefulSet", &["spec", "template", "spec"]),
    ("DaemonSet", &["spec", "template", "spec"]),
    ("ReplicaSet", &["spec", "template", "spec"]),
    ("Job", &["spec", "template", "spec"]),
    (
        "CronJob",
        &["spec", "jobTemplate", "spec", "template", "spec"],
    ),
    ("Pod", &["spec"]),
];

fn k8s_containers(y: &Yaml) -> Vec<K8sContainer> {
    let mut out = Vec::new();
    for &doc in &y.documents {
        let Some(kind) = y.get(doc, "kind").and_then(|k| y.scalar(k)) else {
            continue;
        };
        let Some((_, path)) = POD_SPECS.iter().find(|(k, _)| *k == kind) else {
            continue;
        };
        let Some(pod) = y.get_path(doc, path) else {
            continue;
        };
        let workload_name = y
            .get_path(doc, &["metadata", "name"])
            .and_then(|n| y.scalar(n))
            .unwrap_or("");
        for key in ["initContainers", "containers"] {
            let Some(list) = y.get(pod, key) else {
                continue;
            };
            for c in y.items(list) {
                out.push(K8sContainer {
                    workload: format!("{kind}/{workload_name}"),
                    name: y
                        .get(c, "name")
                        .and_then(|n| y.scalar(n))
                        .unwrap_or("")
                        .to_string(),
                    line: y.value(c).line,
                    image: y
                        .get(c, "image")
                        .and_then(|i| Some((y.scalar(i)?.to_string(), y.value(i).line))),
                    liveness: y.get(c, "livenessProbe").is_some(),
                    readiness: y.get(c, "readinessProbe").is_some(),
                    resources: y.get(c, "resources").is_some(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{probe_commands, ConfigDoc, Yaml};

    #[test]
    fn compose_healthchecks_name_their_health_subcommands() {
        let src = "services:\n  edge:\n    image: unleash-edge\n    healthcheck:\n      test: [\"CMD\", \"/unleash-edge\", \"health\"]\n  api:\n    image: svix\n    healthcheck:\n      test:\n        - CMD-SHELL\n        - svix-server healthcheck http://localhost:8071\n  db:\n    image: postgres\n    healthcheck:\n      test: pg_isready -U postgres\n";
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&crate::lang::Lang::Yaml.grammar().unwrap())
            .unwrap();
        let tree = parser.parse(src, None).unwrap();
        let doc = ConfigDoc::yaml(
            &Yaml::from_tree(tree.root_node(), src),
            "docker-compose.yml",
            false,
        );
        assert_eq!(doc.probe_scripts, ["cmd:health", "cmd:healthcheck"]);
    }

    #[test]
    fn probes_running_the_programs_own_health_subcommand() {
        for (command, want) in [
            (
                r#"CMD ["/app/lldap", "healthcheck", "--config-file", "/data/lldap_config.toml"]"#,
                vec!["cmd:healthcheck"],
            ),
            (
                r#"CMD [ "/vouch-proxy", "-healthcheck" ]"#,
                vec!["cmd:healthcheck"],
            ),
            (r#"["CMD", "/unleash-edge", "health"]"#, vec!["cmd:health"]),
            (
                r#"["CMD-SHELL", "svix-server healthcheck http://localhost:8071"]"#,
                vec!["cmd:healthcheck"],
            ),
            ("CMD /hanko isready api", vec!["cmd:isready"]),
        ] {
            assert_eq!(probe_commands(command), want, "{command}");
        }
        for command in [
            "CMD curl -f http://localhost:3000/health || exit 1",
            r#"["CMD-SHELL", "pg_isready -U postgres"]"#,
            r#"["CMD", "mc", "ready", "local"]"#,
            "curl --fail http://127.0.0.1:9999/health || exit 1",
            r#"["CMD", "wget", "--spider", "http://localhost:4242/health"]"#,
            r#"CMD ["/bin/grpc_health_probe", "-addr=:9000"]"#,
            r#"CMD ["/app/server", "--port", "8080"]"#,
        ] {
            assert!(probe_commands(command).is_empty(), "{command}");
        }
    }
}
