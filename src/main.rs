fn main() -> std::process::ExitCode {
    digest_lint::cli::run(std::env::args_os())
}
