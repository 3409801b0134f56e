//! The `claimgraph` binary: parse the arguments, run, map errors to exit codes.

mod cli;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    if let Err(e) = cli.run() {
        if e.is_broken_pipe() {
            std::process::exit(0);
        }
        eprintln!("claimgraph: error: {e}");
        std::process::exit(e.exit_code());
    }
}
