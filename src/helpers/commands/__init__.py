"""Subcommands of `bhxh`, one module each; `helpers.cli` finds them by listing this package."""
