//! Extraction as a map step and assembly as a reduce, run on a real distributed engine.
