//! The one finding type every report renders.

use serde::Serialize;
use std::fmt;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    clap::ValueEnum,
    serde::Deserialize,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The review pillars, in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pillar {
    Resilience,
    Idempotency,
    Durability,
    Concurrency,
    Isolation,
    Observability,
    KillSwitch,
    ClientResilience,
}

impl Pillar {
    pub const ALL: [Pillar; 8] = [
        Pillar::Resilience,
        Pillar::Idempotency,
        Pillar::Durability,
        Pillar::Concurrency,
        Pillar::Isolation,
        Pillar::Observability,
        Pillar::KillSwitch,
        Pillar::ClientResilience,
    ];

    /// The heading used in reports.
    pub fn title(self) -> &'static str {
        match self {
            Pillar::Resilience => "Resilience",
            Pillar::Idempotency => "Idempotency",
            Pillar::Durability => "Durability",
            Pillar::Concurrency => "Concurrency",
            Pillar::Isolation => "Isolation",
            Pillar::Observability => "Observability & Operations",
            Pillar::KillSwitch => "Remote Kill Switch",
            Pillar::ClientResilience => "Client Resilience & Graceful Degradation",
        }
    }

    /// The selector users type in `--select`/`--ignore` (`durability`, `kill-switch`).
    pub fn selector(self) -> &'static str {
        match self {
            Pillar::Resilience => "resilience",
            Pillar::Idempotency => "idempotency",
            Pillar::Durability => "durability",
            Pillar::Concurrency => "concurrency",
            Pillar::Isolation => "isolation",
            Pillar::Observability => "observability",
            Pillar::KillSwitch => "kill-switch",
            Pillar::ClientResilience => "client-resilience",
        }
    }

    /// The ID prefix of the pillar's rules.
    pub fn prefix(self) -> &'static str {
        match self {
            Pillar::Resilience => "RES",
            Pillar::Idempotency => "IDM",
            Pillar::Durability => "DUR",
            Pillar::Concurrency => "CON",
            Pillar::Isolation => "ISO",
            Pillar::Observability => "OBS",
            Pillar::KillSwitch => "FLG",
            Pillar::ClientResilience => "CLI",
        }
    }

    /// Backend pillars vs frontend pillars, for the report summary.
    pub fn is_frontend(self) -> bool {
        matches!(self, Pillar::KillSwitch | Pillar::ClientResilience)
    }

    /// The pillar a finding of a rule of this pillar sits under in code of
    /// `stack`: in frontend code, a failure handled badly or a request unsafe
    /// to repeat is the client's resilience (the rubric's frontend pillar).
    pub fn on(self, stack: Stack) -> Pillar {
        match (stack, self) {
            (Stack::Frontend, Pillar::Resilience | Pillar::Idempotency) => Pillar::ClientResilience,
            _ => self,
        }
    }
}

impl Serialize for Pillar {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.title())
    }
}

impl<'de> serde::Deserialize<'de> for Pillar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Pillar, D::Error> {
        let title = <&str>::deserialize(d)?;
        Pillar::ALL
            .into_iter()
            .find(|p| p.title() == title)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown pillar `{title}`")))
    }
}

/// Which side of a codebase a file belongs to; decides which pillar sets apply.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stack {
    Backend,
    Frontend,
    Config,
}

impl Stack {
    pub fn as_str(self) -> &'static str {
        match self {
            Stack::Backend => "backend",
            Stack::Frontend => "frontend",
            Stack::Config => "config",
        }
    }
}

/// One problem at one place, with the four reviewer texts.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct Finding {
    pub rule: &'static str,
    pub name: &'static str,
    pub pillar: Pillar,
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub title: String,
    pub issue: String,
    pub impact: String,
    pub fix: String,
    pub refs: Vec<&'static str>,
    pub fingerprint: String,
    /// The interaction and the setting that decided the finding, when a model
    /// fact did (RES001: the client API, the timeout's state and its source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// The flagged line's text, for the text report's excerpt: a window
    /// around the flagged column when the line is long, marked with `…`.
    #[serde(skip)]
    pub source_line: String,
    /// How many characters of the line the excerpt's leading `…` stands for
    /// (0: the excerpt starts with the line).
    #[serde(skip)]
    pub source_skip: usize,
}

/// Bytes as lower-case hexadecimal: fingerprints and digests.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The longest line (in bytes) a finding's excerpt keeps whole.
const EXCERPT_WHOLE: usize = 400;

/// An excerpt of `line` around the byte column `at`: the line itself when it
/// is short, else a window of it with `…` for what was cut, and how many
/// characters the leading `…` stands for. Bounded whatever the line's length.
pub fn excerpt(line: &str, at: usize) -> (String, usize) {
    if line.len() <= EXCERPT_WHOLE {
        return (line.to_string(), 0);
    }
    let floor = |mut i: usize| {
        i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(at.saturating_sub(120));
    let to = floor(at.saturating_add(240).max(from));
    let mut text = String::with_capacity(to - from + 8);
    let skip = if from > 0 {
        text.push('…');
        line[..from].chars().count()
    } else {
        0
    };
    text.push_str(&line[from..to]);
    if to < line.len() {
        text.push('…');
    }
    (text, skip)
}

impl Finding {
    /// The deterministic report order: path, line, column, rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.path, self.line, self.column, self.rule)
    }
}

/// A file that could not be read or fully parsed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct ScanError {
    pub path: String,
    pub message: String,
}

/// Structured evidence behind a finding: the boundary crossing and the setting
/// (with its state, value and where it comes from) that decided it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Evidence {
    /// `sync_rpc`, `publish`, … as in the failure-mode report.
    pub interaction: &'static str,
    /// The client-API row: `python.requests`.
    pub api: &'static str,
    pub library: &'static str,
    /// The setting that decided it: `timeout`.
    pub setting: &'static str,
    /// `missing`, `default` (a default the catalog calls too long) or `set`
    /// (to a value that turns the limit off).
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The library's default and where it is documented.
    pub default: &'static str,
    pub default_source: &'static str,
}
