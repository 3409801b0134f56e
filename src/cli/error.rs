//! The command line's errors: the library's, worded for the command line's flags, and the
//! failures only a command has (a usage error, a partial run, a failed check), each with
//! its exit code: 0 ok, 1 input error, 2 usage error, 3 a missing external tool.

use std::fmt;
use std::path::Path;

/// An error of a command.
#[derive(Debug)]
pub enum Error {
    /// The library failed.
    Lib(claimgraph::Error),
    /// The request itself does not make sense.
    Usage(String),
    /// With `--keep-going`: some inputs failed (each was reported as it failed).
    Partial {
        /// How many inputs failed.
        failed: usize,
        /// How many inputs there were.
        total: usize,
    },
    /// `check` found errors in the data.
    CheckFailed(usize),
    /// Under `--strict`: imported records failed a check.
    Quarantined {
        /// How many.
        count: usize,
        /// The quarantine file they were written to, if any.
        file: Option<std::path::PathBuf>,
    },
    /// Writing to standard output failed.
    Stdout(std::io::Error),
}

/// A command's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<claimgraph::Error> for Error {
    fn from(e: claimgraph::Error) -> Self {
        Error::Lib(e)
    }
}

impl Error {
    /// A parse error at `path:line:column` of an input the command reads itself.
    pub fn parse(
        path: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Error::Lib(claimgraph::Error::parse(path, line, column, message))
    }

    /// An I/O error on the file `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Lib(claimgraph::Error::io(path, source))
    }

    /// The process exit code: 1 input error, 2 usage error, 3 a missing external tool.
    pub fn exit_code(&self) -> i32 {
        use claimgraph::Error as L;
        match self {
            Error::Usage(_) => 2,
            Error::Lib(L::NeedsDirectory { .. } | L::NeedsFile { .. }) => 2,
            Error::Lib(L::UnknownRelationName { .. }) => 2,
            Error::Lib(L::MissingTool { .. }) => 3,
            _ => 1,
        }
    }

    /// Whether the error is the reader of standard output going away (`| head`), which
    /// ends a command quietly and successfully.
    pub fn is_broken_pipe(&self) -> bool {
        let io = match self {
            Error::Stdout(e) => Some(e),
            Error::Lib(e) => e.io_error(),
            _ => None,
        };
        io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use claimgraph::Error as L;
        match self {
            Error::Lib(L::NeedsDirectory { format }) => write!(
                f,
                "`{format}` writes several files: give a directory with --out DIR"
            ),
            Error::Lib(L::NeedsFile { format }) => write!(
                f,
                "`{format}` writes one file; use `--out FILE` or standard output"
            ),
            Error::Lib(L::UnknownRelationName { relation, known }) => write!(
                f,
                "unknown relation `{relation}` in --relations (known: {known})"
            ),
            Error::Lib(e @ L::UnsupportedVersion { .. }) => {
                write!(f, "{e}; rebuild it with `claimgraph build`")
            }
            Error::Lib(e) => write!(f, "{e}"),
            Error::Usage(m) => f.write_str(m),
            Error::Partial { failed, total } => write!(f, "{failed} of {total} inputs failed"),
            Error::CheckFailed(n) => write!(f, "check found {n} error(s)"),
            Error::Quarantined { count, file } => {
                write!(f, "{count} imported record(s) failed a check")?;
                if let Some(q) = file {
                    write!(f, " (written to {})", q.display())?;
                }
                write!(f, "; --strict makes that an error")
            }
            Error::Stdout(e) => write!(f, "writing to standard output: {e}"),
        }
    }
}

impl std::error::Error for Error {}
