//! The `clippings` command: a thin shell over the library. Each subcommand lives in
//! `cmd/` and only parses its flags, calls the library and prints what happened.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
