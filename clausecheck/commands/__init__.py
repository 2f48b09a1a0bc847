"""One module per clausecheck subcommand, registered by name in clausecheck.cli.COMMANDS."""
