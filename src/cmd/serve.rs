//! `clippings serve`: preview the site locally, rebuilt and reloaded as files change.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clippings::serve::{self, ServeOptions};

use super::SiteArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArg,
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, value_name = "N", default_value_t = serve::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on (0.0.0.0 lets other devices on your network see the preview).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Where to build the preview (default: .clippings/serve/site in the site; public/ is
    /// never touched).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = ServeOptions {
        site_dir: args.site.site,
        out_dir: args.out,
        bind: args.bind,
        port: args.port,
    };
    match serve::serve(&options)? {}
}
