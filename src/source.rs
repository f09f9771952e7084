//! Reading a file into text: size limits, binary detection and encoding fallback.

use std::fs;
use std::io::Read;
use std::path::Path;

/// Files over this size are reported under `errors` instead of parsed: they are
/// nearly always generated, and parsing them would dominate scan time and memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads `path` as source text. Invalid UTF-8 is decoded as Latin-1 (every byte is a
/// character), so legacy-encoded sources are still scanned.
pub fn read_source(path: &Path) -> Result<String, String> {
    read_text(path, MAX_FILE_BYTES)
}

/// Reads `path` as text if it is a regular file (or a link to one) of at most
/// `max` bytes; anything else is refused with the reason, never opened (a FIFO
/// would block, a device never end).
pub fn read_text(path: &Path, max: u64) -> Result<String, String> {
    let meta = regular_file(path)?;
    let limit = |n: u64| {
        if n >= 1024 * 1024 {
            format!("{} MiB", n / (1024 * 1024))
        } else {
            format!("{} KiB", n / 1024)
        }
    };
    if meta.len() > max {
        return Err(format!(
            "skipped: {} bytes is over the {} limit for one file (generated code? exclude it)",
            meta.len(),
            limit(max)
        ));
    }
    let bytes = read_up_to(path, max + 1, meta.len() as usize)?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "skipped: over the {} limit for one file",
            limit(max)
        ));
    }
    decode(bytes)
}

/// Reads the first `max` bytes of `path` as text (a file's header: its
/// imports), if it is a regular file; a character cut at the end is dropped.
pub fn read_head(path: &Path, max: u64) -> Result<String, String> {
    let meta = regular_file(path)?;
    let mut bytes = read_up_to(path, max, meta.len().min(max) as usize)?;
    if bytes.len() as u64 == max {
        let keep = match std::str::from_utf8(&bytes) {
            Ok(_) => bytes.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => bytes.len(),
        };
        bytes.truncate(keep);
    }
    decode(bytes)
}

/// The bytes of `path` if it is a regular file (or a link to one) of at most
/// `max` bytes.
pub fn read_bytes(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = regular_file(path)?;
    if meta.len() > max {
        return Err(format!("{} bytes is over the {max}-byte limit", meta.len()));
    }
    let bytes = read_up_to(path, max + 1, meta.len() as usize)?;
    if bytes.len() as u64 > max {
        return Err(format!("over the {max}-byte limit"));
    }
    Ok(bytes)
}

/// The metadata of `path` if it is a regular file (or a link to one).
fn regular_file(path: &Path) -> Result<fs::Metadata, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    Ok(meta)
}

/// At most `limit` bytes from the start of `path`.
fn read_up_to(path: &Path, limit: u64, capacity: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(capacity);
    fs::File::open(path)
        .and_then(|f| f.take(limit).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read file: {e}"))?;
    Ok(bytes)
}

/// Turns file bytes into text, refusing binary content.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("skipped: binary file (contains NUL bytes)".to_string());
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => Ok(e.into_bytes().iter().map(|&b| b as char).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_not_refused() {
        let text = decode(b"name = 'caf\xe9'\n".to_vec()).unwrap();
        assert_eq!(text, "name = 'caf\u{e9}'\n");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(decode(vec![0x7f, b'E', b'L', b'F', 0, 0])
            .unwrap_err()
            .contains("binary"));
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(
            decode("\u{feff}x = 1".as_bytes().to_vec()).unwrap(),
            "x = 1"
        );
    }
}
