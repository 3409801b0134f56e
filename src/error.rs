//! Typed errors of the library.
//!
//! Every reader reports where it stopped: the file, and a line and column (1-based)
//! when the input is text ([`Location`]). The errors describe the library's operations
//! only; the command line decides how to word them for its flags and which exit code
//! each gets.

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
///
/// The variants say what went wrong in the library's own terms; they never name a
/// command-line flag or an exit code (the command line maps them to its messages).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A named file could not be read or written.
    #[error("{path}: {source}", path = .path.display())]
    Io {
        /// The file concerned (`-` for standard input).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Writing to a caller's writer failed (a stream with no file name the library knows).
    #[error("writing {what}: {source}")]
    Write {
        /// What was being written (such as `N-Triples`).
        what: String,
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
    /// A saved graph was written by a format version this build does not read.
    #[error(
        "{location}: saved graph format version {version} is {} the versions this build reads ({})",
        if *.version > crate::kg::FORMAT_VERSION { "newer than" } else { "older than" },
        crate::kg::READ_VERSIONS
    )]
    UnsupportedVersion {
        /// Where the version is written.
        location: Location,
        /// The version found.
        version: u32,
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
    /// A relation asked for (in a query filter) is not in the vocabulary.
    #[error("unknown relation `{relation}` (known: {known})")]
    UnknownRelationName {
        /// The relation as given.
        relation: String,
        /// The known relation names, comma-separated.
        known: String,
    },
    /// A name matches no entity of the graph.
    #[error("no entity named `{name}` in the graph{}", suggest(.closest))]
    UnknownEntity {
        /// The name as given.
        name: String,
        /// The closest known names.
        closest: Vec<String>,
    },
    /// An export format that writes several files was asked to write one stream.
    #[error("`{format}` writes several files into a directory")]
    NeedsDirectory {
        /// The format's name.
        format: String,
    },
    /// An export format that writes one file was asked to fill a directory.
    #[error("`{format}` writes one file, not a directory")]
    NeedsFile {
        /// The format's name.
        format: String,
    },
    /// A term of the vocabulary cannot be written as an IRI.
    #[error("cannot export `{iri}` as an IRI: {reason}")]
    InvalidIri {
        /// The text that should have been an IRI.
        iri: String,
        /// Why it is not one.
        reason: String,
    },
    /// Writing CSV failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
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
    /// claimgraph produced output that it cannot read back: a bug, reported rather than
    /// written.
    #[error("internal error: {0}")]
    Inconsistent(String),
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

    /// An I/O error on the file `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// An error writing `what` to a caller's writer.
    pub fn write(what: impl Into<String>, source: std::io::Error) -> Self {
        Error::Write {
            what: what.into(),
            source,
        }
    }

    /// Where in an input the error is, when it is about one place of one input.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Parse { location, .. }
            | Error::UnsupportedVersion { location, .. }
            | Error::UnknownRelation { location, .. } => Some(location),
            _ => None,
        }
    }

    /// The I/O error underneath, if this is one (a closed pipe, a full disk...).
    pub fn io_error(&self) -> Option<&std::io::Error> {
        match self {
            Error::Io { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The 1-based line and column (in characters) of byte offset `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut cut = offset;
    while cut > 0 && !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &text[..cut];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}
