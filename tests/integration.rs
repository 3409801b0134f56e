//! Integration tests: one test binary (fast to link), one module per concern.

mod it;
