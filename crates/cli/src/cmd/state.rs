//! `v8vm state`: inspect a state database written by `v8vm run --db`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Subcommand};
use v8vm_state::{Journal, Slot};

use super::run::open_db;

#[derive(Debug, Args)]
pub(crate) struct StateArgs {
    /// The state database folder.
    #[arg(long)]
    db: PathBuf,
    #[command(subcommand)]
    command: StateCommand,
}

#[derive(Debug, Subcommand)]
enum StateCommand {
    /// The head block and its state digest, checked against one recomputed from scratch.
    Digest,
    /// A contract's storage value: a key, or a field of a map.
    Get {
        /// The contract.
        contract: String,
        /// The key (or the map's name).
        key: String,
        /// The map field.
        field: Option<String>,
    },
    /// The fields of a contract's map, in order.
    Keys {
        /// The contract.
        contract: String,
        /// The map's name.
        key: String,
    },
}

pub(crate) fn state(args: &StateArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        anyhow::bail!("no state database at {}", args.db.display());
    }
    let db = Arc::new(open_db(&args.db)?);
    let journal = Journal::new(db.clone());
    match &args.command {
        StateCommand::Digest => {
            let head = db.head();
            let recomputed = db.recompute_digest()?;
            println!("height {}", head.height);
            println!("digest {}", head.digest);
            if recomputed == head.digest {
                println!("recomputed from scratch: the same");
            } else {
                println!("recomputed from scratch: {recomputed} (DIFFERENT: the database is damaged)");
                return Ok(ExitCode::from(1));
            }
        }
        StateCommand::Get { contract, key, field } => {
            let slot = match field {
                Some(field) => Slot::field(contract, key, field),
                None => Slot::key(contract, key),
            };
            match journal.storage_get(&slot)? {
                Some(value) => println!("{value}"),
                None => {
                    eprintln!(
                        "no value at {contract} {key}{}",
                        field.as_ref().map(|f| format!(" {f}")).unwrap_or_default()
                    );
                    return Ok(ExitCode::from(1));
                }
            }
        }
        StateCommand::Keys { contract, key } => {
            for field in journal.map_fields(contract, key, usize::MAX)?.unwrap_or_default() {
                println!("{field}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
