//! Typed errors of the library.
//!
//! Every reader reports where it stopped: the file, and a line and column (1-based)
//! when the input is text. The command line prints an error on one line and maps it
//! to an exit code with [`Error::exit_code`].

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input: the file and, where known, a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file (or `-` for standard input, or `<bundled>` for built-in data).
    pub path: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
}

impl Location {
    /// A location at a line and column of `path`.
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line,
            column,
        }
    }

    /// A location naming only the file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location::new(path, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Everything that can go wrong in claimgraph's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An input did not have the expected form.
    #[error("{location}: {message}")]
    Parse {
        /// Where the problem is.
        location: Location,
        /// What was expected and what was found.
        message: String,
    },
    /// A claim names a relation that the vocabulary does not declare.
    #[error("{location}: unknown relation `{relation}` (known: {known})")]
    UnknownRelation {
        /// Where the claim is.
        location: Location,
        /// The relation as written.
        relation: String,
        /// The known relation names, comma-separated.
        known: String,
    },
    /// A name given on the command line matches no entity of the graph.
    #[error("no entity named `{name}` in the graph{}", suggest(.closest))]
    UnknownEntity {
        /// The name as given.
        name: String,
        /// The closest known names.
        closest: Vec<String>,
    },
    /// An external program that an output needs is not installed.
    #[error("`{program}` is needed for {purpose} but was not found: {hint}")]
    MissingTool {
        /// The program (such as `dot`).
        program: String,
        /// What it was needed for.
        purpose: String,
        /// How to install it.
        hint: String,
    },
    /// An external program failed.
    #[error("`{program}` failed: {message}")]
    ToolFailed {
        /// The program.
        program: String,
        /// Its error output.
        message: String,
    },
    /// With `--keep-going`: some inputs failed (each was reported as it failed).
    #[error("{failed} of {total} inputs failed")]
    Partial {
        /// How many inputs failed.
        failed: usize,
        /// How many inputs there were.
        total: usize,
    },
    /// Extracting a document failed for an internal reason (a bug in claimgraph, not in
    /// the document): the failure is contained to that document.
    #[error(
        "{document}: internal error while extracting this document ({message}); this is a bug in claimgraph, please report it with the document"
    )]
    Internal {
        /// The document's id (its path for files).
        document: String,
        /// What failed.
        message: String,
    },
    /// `check` found errors in the data.
    #[error("check found {0} error(s)")]
    CheckFailed(usize),
    /// The request itself does not make sense (a usage error).
    #[error("{0}")]
    Usage(String),
}

fn suggest(closest: &[String]) -> String {
    if closest.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", closest.join(", "))
    }
}

impl Error {
    /// A parse error at `path:line:column`.
    pub fn parse(
        path: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Error::Parse {
            location: Location::new(path.as_ref(), line, column),
            message: message.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// The process exit code for this error: 1 input, 2 usage, 3 missing external tool.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::MissingTool { .. } => 3,
            _ => 1,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The 1-based line and column (in characters) of byte offset `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut cut = offset;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &text[..cut];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}
