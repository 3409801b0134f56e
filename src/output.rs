//! Writing outputs atomically: a temporary file in the same directory, renamed over the
//! target only once everything is written, so a failure never leaves a half-written file.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `path` atomically with the bytes `write` produces.
///
/// # Errors
/// The directory is not writable, `write` fails, or the rename fails; the previous file,
/// if any, is then left as it was.
/// `write` may fail with any error that a library error converts into (the caller's own
/// error type, or [`Error`]).
pub fn write_atomic<E: From<Error>>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(path, e))?;
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush().map_err(|e| Error::io(path, e))?;
    }
    finish(path, tmp).map_err(E::from)
}

/// Gives the written temporary file its permissions and renames it over `path`.
fn finish(path: &Path, tmp: tempfile::NamedTempFile) -> Result<()> {
    // A temporary file is private (0600); give the output the target's permissions,
    // or the usual 0644 for a new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
