//! The `konbit` command line: the same services as the desktop app, on the same database.

fn main() -> std::process::ExitCode {
    konbit_core::cli::main()
}
