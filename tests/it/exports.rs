//! Exports for graph databases and tools, each loaded by its real consumer.
