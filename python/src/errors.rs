//! The library's errors as Python exceptions.
//!
//! The exception classes live in `claimgraph/_errors.py` (so that they can have several
//! bases, such as `ParseError(InputError, ValueError)`, and docstrings of their own);
//! this module picks the class for each library error, words the message as the command
//! line does (`claimgraph: error: MESSAGE`), and fills in the attributes the error
//! carries (`path`, `line`, `column`, `name`, ...) and the CLI's exit code.

use claimgraph::Error;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The Python exception for a library error.
pub fn to_py(error: Error) -> PyErr {
    Python::attach(|py| build(py, &error).unwrap_or_else(|failed| failed))
}

/// A `claimgraph.UsageError` with `message` (arguments that make no sense together).
pub fn usage(message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::attach(|py| {
        let attrs = PyDict::new(py);
        raise(py, "UsageError", message, 2, &attrs).unwrap_or_else(|failed| failed)
    })
}

/// The message the command line prints for `error` (some are worded for its flags).
fn message(error: &Error) -> String {
    match error {
        Error::NeedsDirectory { format } => {
            format!("`{format}` writes several files: give a directory with --out DIR")
        }
        Error::NeedsFile { format } => {
            format!("`{format}` writes one file; use `--out FILE` or standard output")
        }
        Error::UnknownRelationName { relation, known } => {
            format!("unknown relation `{relation}` in --relations (known: {known})")
        }
        e @ Error::UnsupportedVersion { .. } => {
            format!("{e}; rebuild it with `claimgraph build`")
        }
        e => e.to_string(),
    }
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let attrs = PyDict::new(py);
    if let Some(location) = error.location() {
        attrs.set_item("path", location.path.to_string_lossy())?;
        attrs.set_item("line", location.line)?;
        attrs.set_item("column", location.column)?;
    }
    let (class, code) = match error {
        Error::Io { path, .. } => {
            attrs.set_item("path", path.to_string_lossy())?;
            ("FileError", 1)
        }
        Error::Write { .. } => ("FileError", 1),
        Error::Parse { .. } | Error::UnsupportedVersion { .. } | Error::UnknownRelation { .. } => {
            ("ParseError", 1)
        }
        Error::UnknownEntity { name, closest } => {
            attrs.set_item("name", name)?;
            attrs.set_item("closest", closest.clone())?;
            ("UnknownEntityError", 1)
        }
        Error::UnknownRelationName { .. }
        | Error::NeedsDirectory { .. }
        | Error::NeedsFile { .. } => ("UsageError", 2),
        Error::MissingTool { program, .. } => {
            attrs.set_item("program", program)?;
            ("MissingToolError", 3)
        }
        Error::ToolFailed { program, .. } => {
            attrs.set_item("program", program)?;
            ("ToolError", 1)
        }
        Error::Internal { document, .. } => {
            attrs.set_item("document", document)?;
            ("InternalError", 1)
        }
        _ => ("InputError", 1),
    };
    raise(py, class, message(error), code, &attrs)
}

fn raise(
    py: Python<'_>,
    class: &str,
    message: String,
    exit_code: i32,
    attrs: &Bound<'_, PyDict>,
) -> PyResult<PyErr> {
    attrs.set_item("exit_code", exit_code)?;
    let module = py.import("claimgraph._errors")?;
    let exception = module.getattr(class)?.call((message,), Some(attrs))?;
    Ok(PyErr::from_value(exception))
}
