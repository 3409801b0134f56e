//! Writing outputs atomically: a temporary file in the same directory, renamed over the
//! target only once everything is written, so a failure never leaves a half-written file.
//!
//! On Linux the temporary file has no name while it is written (`O_TMPFILE`): a process
//! killed mid-write (even by SIGKILL, which nothing can catch) leaves nothing behind. Only
//! once the output is whole is it given a name beside the target and renamed over it.
//! Elsewhere, or on a file system without unnamed files, a named temporary file is used
//! and removed on every exit path the process survives.

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
    #[cfg(target_os = "linux")]
    if let Some(mut file) = unnamed::create(dir) {
        {
            let mut buf = std::io::BufWriter::new(&mut file);
            write(&mut buf)?;
            buf.flush().map_err(|e| Error::io(path, e))?;
        }
        return unnamed::finish(path, dir, &file).map_err(E::from);
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(path, e))?;
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush().map_err(|e| Error::io(path, e))?;
    }
    finish(path, tmp).map_err(E::from)
}

/// The permissions an output gets: the target's, or the usual 0644 for a new file (a
/// temporary file starts private).
#[cfg(unix)]
fn output_permissions(path: &Path) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
    std::fs::Permissions::from_mode(mode)
}

/// Gives the written temporary file its permissions and renames it over `path`.
fn finish(path: &Path, tmp: tempfile::NamedTempFile) -> Result<()> {
    #[cfg(unix)]
    std::fs::set_permissions(tmp.path(), output_permissions(path))
        .map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(target_os = "linux")]
mod unnamed {
    use std::ffi::CString;
    use std::fs::File;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    use std::path::{Path, PathBuf};

    use crate::error::{Error, Result};

    /// An unnamed file in `dir`, or `None` where the file system has none (the caller
    /// then falls back to a named temporary file, which reports any real error).
    pub(super) fn create(dir: &Path) -> Option<File> {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_TMPFILE)
            .open(dir)
            .ok()
    }

    /// Links the written file into `dir` under a fresh hidden name, then renames that
    /// over `path`.
    pub(super) fn finish(path: &Path, dir: &Path, file: &File) -> Result<()> {
        let io = |e| Error::io(path, e);
        file.set_permissions(super::output_permissions(path))
            .map_err(io)?;
        file.sync_all().map_err(io)?;
        let name = link(file, dir, path).map_err(io)?;
        std::fs::rename(&name, path).map_err(|e| {
            let _ = std::fs::remove_file(&name);
            io(e)
        })
    }

    fn link(file: &File, dir: &Path, path: &Path) -> std::io::Result<PathBuf> {
        let invalid = |_| std::io::Error::from(std::io::ErrorKind::InvalidInput);
        let source =
            CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).map_err(invalid)?;
        let stem = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        for n in 0..1000u32 {
            let name = dir.join(format!(".{stem}.{}.{n}.tmp", std::process::id()));
            let target = CString::new(name.as_os_str().as_bytes()).map_err(invalid)?;
            // SAFETY: both paths are valid NUL-terminated strings that outlive the call;
            // linkat reads them and touches no memory of ours.
            let rc = unsafe {
                libc::linkat(
                    libc::AT_FDCWD,
                    source.as_ptr(),
                    libc::AT_FDCWD,
                    target.as_ptr(),
                    libc::AT_SYMLINK_FOLLOW,
                )
            };
            if rc == 0 {
                return Ok(name);
            }
            let err = std::io::Error::last_os_error();
            if err.kind() != std::io::ErrorKind::AlreadyExists {
                return Err(err);
            }
        }
        Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomic::<Error>(&path, |w| {
            w.write_all(b"new").map_err(|e| Error::io(&path, e))
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), vec!["out.txt"]);
    }

    #[test]
    fn while_writing_there_is_no_name_but_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let seen = std::cell::RefCell::new(Vec::new());
        let r = write_atomic::<Error>(&path, |w| {
            w.write_all(b"half").map_err(|e| Error::io(&path, e))?;
            *seen.borrow_mut() = names(dir.path());
            Err(Error::io(&path, std::io::Error::other("stopped")))
        });
        assert!(r.is_err());
        if cfg!(target_os = "linux") {
            assert_eq!(
                *seen.borrow(),
                vec!["out.txt"],
                "the temporary file has no name"
            );
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), vec!["out.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_output_is_readable_by_others_and_an_old_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.txt");
        write_atomic::<Error>(&fresh, |w| {
            w.write_all(b"x").map_err(|e| Error::io(&fresh, e))
        })
        .unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        let old = dir.path().join("old.txt");
        std::fs::write(&old, "o").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic::<Error>(&old, |w| w.write_all(b"n").map_err(|e| Error::io(&old, e))).unwrap();
        let mode = std::fs::metadata(&old).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
