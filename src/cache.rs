//! The result cache: each file's outcome from the last run, reused while the
//! file, the scan's settings and the project facts its outcome depends on are
//! unchanged.
//!
//! One cache file per scan (its working directory and paths) under the cache
//! directory (`.faultline_cache/`, tagged with `CACHEDIR.TAG` and ignored by
//! git). It opens with a magic line and holds, as MessagePack:
//! - the scan key: the format, the tool's version and build, the settings that
//!   shape a file's outcome and every manifest the engine reads (a changed
//!   `package.json`, `go.mod` or `requirements.txt` changes what a file's
//!   findings say, so it discards every entry);
//! - per file, a digest of its text and of what the scan decided about it
//!   (language, test code, service root, package), and its outcome.
//!
//! A file is checked again when its digest differs. An outcome with errors
//! (an unreadable file, a parse over its time budget) is never kept: the next
//! run tries again. A cache that is not one, is corrupt, or was written by
//! another build is discarded with a warning, and rewritten whole, atomically.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::engine::{FileMeta, FileOutcome, Manifest, Options};
use crate::finding::hex;

/// The first bytes of a cache file; the number is the format's version. The
/// scan key follows on its own line, so a cache another build or other
/// settings wrote is set aside before its body is decoded.
const MAGIC: &[u8] = b"faultline result cache 2\n";

/// What every version's first bytes start with.
const MAGIC_STEM: &[u8] = b"faultline result cache ";

/// The largest cache file read back: beyond it, the cache is discarded.
const MAX_CACHE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The directory name the cache lives in, by default in the directory of the
/// configuration governing the run or else the current directory.
pub const DIR_NAME: &str = ".faultline_cache";

#[derive(Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct Stored {
    key: String,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct Entry {
    path: String,
    digest: String,
    /// Each finding's excerpt of its line, which reports show and the
    /// outcome's own serialization leaves out.
    excerpts: Vec<(String, usize)>,
    outcome: FileOutcome,
}

/// The same, written from the scan's outcomes without copying them.
#[derive(Serialize)]
struct StoredRef<'a> {
    key: &'a str,
    entries: Vec<EntryRef<'a>>,
}

#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a str,
    digest: &'a str,
    excerpts: Vec<(&'a str, usize)>,
    outcome: &'a FileOutcome,
}

/// The cache of one scan: what the last run left, taken entry by entry as
/// files are found unchanged.
pub struct Cache {
    file: PathBuf,
    key: String,
    previous: HashMap<String, Mutex<Option<Entry>>>,
    /// Why the last run's cache was discarded, when it was not just stale.
    pub warnings: Vec<String>,
}

/// Where a file's outcome came from, with the digest to keep it under.
pub enum Source {
    /// Reused from the cache.
    Cached(String),
    /// Checked by this run.
    Checked(String),
    /// Not kept: no cache, or an outcome with errors.
    Uncached,
}

impl Cache {
    /// Opens the cache of a scan of `roots` from `cwd` in `dir`, for these
    /// settings and manifests. Never fails: an unreadable cache is an empty
    /// one (with a warning when it was not simply absent or stale).
    pub fn open(
        dir: &Path,
        cwd: &Path,
        roots: &[PathBuf],
        opts: &Options,
        manifests: &[Manifest],
    ) -> Cache {
        let mut scan = Sha256::new();
        scan.update(cwd.as_os_str().as_encoded_bytes());
        for r in roots {
            scan.update(b"\0");
            scan.update(r.as_os_str().as_encoded_bytes());
        }
        let name = format!("scan-{}", &hex(&scan.finalize())[..16]);
        let file = dir.join(name);
        let key = scan_key(opts, manifests, crate::scan::covers_repository(roots));
        let mut cache = Cache {
            file,
            key,
            previous: HashMap::new(),
            warnings: Vec::new(),
        };
        match cache.read() {
            Ok(Some(stored)) if stored.key == cache.key => {
                cache.previous = stored
                    .entries
                    .into_iter()
                    .map(|e| (e.path.clone(), Mutex::new(Some(e))))
                    .collect();
            }
            Ok(_) => {}
            Err(why) => cache.warnings.push(format!(
                "{}: {why}; discarded, it is rebuilt by this run",
                cache.file.display()
            )),
        }
        cache
    }

    /// The stored cache, `None` when there is none.
    fn read(&self) -> Result<Option<Stored>, String> {
        if !self.file.exists() {
            return Ok(None);
        }
        let bytes = crate::source::read_bytes(&self.file, MAX_CACHE_BYTES)
            .map_err(|e| format!("cannot read the result cache: {e}"))?;
        if !bytes.starts_with(MAGIC_STEM) {
            return Err("not a result cache of faultline".to_string());
        }
        // Another version's cache, or one another build or other settings
        // wrote: nothing in it applies, and this run replaces it.
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            return Ok(None);
        };
        let Some(end) = rest.iter().position(|&b| b == b'\n') else {
            return Err("the result cache is corrupt (no scan key)".to_string());
        };
        if rest[..end] != *self.key.as_bytes() {
            return Ok(None);
        }
        let start = MAGIC.len() + end + 1;
        // The outcomes' names borrow from the bytes they are read from, which
        // therefore live as long as the process: one allocation the size of
        // the cache, which the scan keeps in use to its end anyway.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let body = &bytes[start..];
        rmp_serde::from_slice::<Stored>(body)
            .map(Some)
            .map_err(|e| format!("the result cache is corrupt ({e})"))
    }

    /// The digest of a file as this scan sees it.
    pub fn digest(meta: &FileMeta, text: &str) -> String {
        let mut h = Sha256::new();
        h.update(format!("{meta:?}").as_bytes());
        h.update(b"\0");
        h.update(text.as_bytes());
        hex(&h.finalize())
    }

    /// The outcome the last run kept for this file, if its digest matches.
    pub fn take(&self, path: &str, digest: &str) -> Option<FileOutcome> {
        let slot = self.previous.get(path)?;
        let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
        if slot.as_ref().is_some_and(|e| e.digest == digest) {
            let entry = slot.take()?;
            let mut outcome = entry.outcome;
            for (p, (line, skip)) in outcome.findings.iter_mut().zip(entry.excerpts) {
                p.finding.source_line = line;
                p.finding.source_skip = skip;
            }
            return Some(outcome);
        }
        None
    }

    /// Writes the cache back when this run changed it (a file checked, or an
    /// entry of the last run left unused, of which `cached` were reused):
    /// every outcome kept under its digest. Returns a warning when it cannot.
    pub fn store(&self, outcomes: &[(FileOutcome, Source, u64)], cached: usize) -> Option<String> {
        let checked = outcomes
            .iter()
            .any(|(_, s, _)| matches!(s, Source::Checked(_)));
        if !checked && cached == self.previous.len() {
            return None;
        }
        let entries = outcomes
            .iter()
            .filter_map(|(o, s, _)| {
                let digest = match s {
                    Source::Cached(d) | Source::Checked(d) => d.as_str(),
                    Source::Uncached => return None,
                };
                Some(EntryRef {
                    path: &o.path,
                    digest,
                    excerpts: o
                        .findings
                        .iter()
                        .map(|p| (p.finding.source_line.as_str(), p.finding.source_skip))
                        .collect(),
                    outcome: o,
                })
            })
            .collect();
        let stored = StoredRef {
            key: &self.key,
            entries,
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(self.key.as_bytes());
        bytes.push(b'\n');
        if let Err(e) = rmp_serde::encode::write_named(&mut bytes, &stored) {
            return Some(format!("cannot encode the result cache: {e}"));
        }
        self.write(&bytes).err().map(|e| {
            format!(
                "{}: cannot write the result cache ({e}); the next run checks every file again",
                self.file.display()
            )
        })
    }

    /// Writes the cache file atomically, creating its tagged directory.
    fn write(&self, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        let dir = self.file.parent().unwrap_or(Path::new("."));
        if !dir.is_dir() {
            std::fs::create_dir_all(dir)?;
            std::fs::write(
                dir.join("CACHEDIR.TAG"),
                "Signature: 8a477f597d28d172789f06886806bc55\n\
                 # This file is a cache directory tag created by faultline.\n\
                 # For information about cache directory tags see https://bford.info/cachedir/\n",
            )?;
            std::fs::write(dir.join(".gitignore"), "# Created by faultline.\n*\n")?;
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".scan-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Filtered by the umask: the user's normal permissions.
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut tmp = builder.tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.persist(&self.file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// What makes one file's outcome valid across runs besides the file: the
/// format, this build of faultline, the settings a file's checking reads, and
/// the manifests the engine reads project facts from, and whether the scan
/// covers a whole repository (its files then keep the names they hold).
fn scan_key(opts: &Options, manifests: &[Manifest], whole_repository: bool) -> String {
    let mut h = Sha256::new();
    h.update(MAGIC);
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    // The build: a rebuilt binary may check the same file differently.
    if let Some(m) = std::env::current_exe()
        .ok()
        .and_then(|e| std::fs::metadata(e).ok())
    {
        h.update(format!("{:?} {}", m.modified().ok(), m.len()).as_bytes());
    }
    h.update(
        format!(
            "{:?} {} {:?} {} {} {:?} {}",
            opts.enabled,
            opts.include_tests,
            opts.stack,
            opts.parse_only,
            opts.report_unused_suppressions,
            opts.parse_budget,
            whole_repository
        )
        .as_bytes(),
    );
    for m in manifests {
        for part in [&m.path, &m.service_root, &m.text] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
    }
    hex(&h.finalize())
}
