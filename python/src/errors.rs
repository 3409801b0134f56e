//! The library's errors as Python exceptions.
//!
//! The exception classes live in `claimgraph/_errors.py` (so that they can have several
//! bases, such as `ParseError(InputError, ValueError)`, and docstrings of their own);
//! this module picks the class for each library error and fills in the attributes the
//! error carries (`path`, `line`, `column`, `name`, ...). The message is the library's
//! own `Display`, which is exactly what the command line prints after `error: `.

use claimgraph::Error;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The Python exception for a library error.
pub fn to_py(error: Error) -> PyErr {
    Python::attach(|py| build(py, &error).unwrap_or_else(|failed| failed))
}

/// A `claimgraph.UsageError` with `message` (arguments that make no sense together).
pub fn usage(message: impl Into<String>) -> PyErr {
    to_py(Error::Usage(message.into()))
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let attrs = PyDict::new(py);
    let class = match error {
        Error::Io { path, .. } => {
            attrs.set_item("path", path.to_string_lossy())?;
            "FileError"
        }
        Error::Parse { location, .. } | Error::UnknownRelation { location, .. } => {
            attrs.set_item("path", location.path.to_string_lossy())?;
            attrs.set_item("line", location.line)?;
            attrs.set_item("column", location.column)?;
            "ParseError"
        }
        Error::UnknownEntity { name, closest } => {
            attrs.set_item("name", name)?;
            attrs.set_item("closest", closest.clone())?;
            "UnknownEntityError"
        }
        Error::MissingTool { program, .. } => {
            attrs.set_item("program", program)?;
            "MissingToolError"
        }
        Error::ToolFailed { program, .. } => {
            attrs.set_item("program", program)?;
            "ToolError"
        }
        Error::Internal { document, .. } => {
            attrs.set_item("document", document)?;
            "InternalError"
        }
        Error::CheckFailed(_) | Error::Partial { .. } => "InputError",
        Error::Usage(_) => "UsageError",
    };
    attrs.set_item("exit_code", error.exit_code())?;
    let module = py.import("claimgraph._errors")?;
    let exception = module
        .getattr(class)?
        .call((error.to_string(),), Some(&attrs))?;
    Ok(PyErr::from_value(exception))
}
