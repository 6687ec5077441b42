//! The command line in Vietnamese: help headings and usage lines (set on the
//! commands), and clap's usage errors said again in Vietnamese, with its typo
//! suggestion and `gợi ý:`.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Command;
use std::process::ExitCode;

/// The help of every command: clap's `Usage:` heading replaced.
pub const TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The commands with clap's own English flags and subcommand taken out (the
/// Vietnamese `-h` and `-V` are declared in `CommonArgs`).
pub fn vietnamese(cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    let mut cmd = cmd;
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| {
            s.disable_help_flag(true)
                .disable_version_flag(true)
                .next_help_heading("Tùy chọn")
        });
    }
    cmd
}

/// Prints a parse error (or the help or version asked for) and gives the exit
/// code: 0 for help and version, 2 for wrong usage.
pub fn report(e: &clap::Error, cmd: &Command) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayVersion => {
            println!("tonghop {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprintln!("lỗi: chưa chọn lệnh\n");
            let mut cmd = cmd.clone();
            let _ = cmd.write_help(&mut std::io::stderr());
            return ExitCode::from(2);
        }
        _ => {}
    }
    eprintln!("{}", message(e, cmd));
    ExitCode::from(2)
}

fn value(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| match v {
        ContextValue::Strings(list) => list.join(", "),
        other => other.to_string(),
    })
}

fn list(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// The error in Vietnamese: what is wrong, a suggestion when clap has one,
/// the usage line and where to read more.
pub fn message(e: &clap::Error, cmd: &Command) -> String {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let given = value(e, ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh \"{}\"",
            value(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => format!("không hiểu tùy chọn \"{arg}\""),
        ErrorKind::InvalidValue => {
            let valid = list(e, ContextKind::ValidValue);
            if given.is_empty() {
                format!("{arg} cần một giá trị")
            } else if valid.is_empty() {
                format!("giá trị \"{given}\" không dùng được cho {arg}")
            } else {
                format!(
                    "giá trị \"{given}\" không dùng được cho {arg} (chọn một trong: {})",
                    valid.join(", ")
                )
            }
        }
        ErrorKind::ValueValidation => {
            format!("không đọc được giá trị \"{given}\" của {arg}: cần một số nguyên không âm")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu {}", list(e, ContextKind::InvalidArg).join(", "))
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} không dùng cùng với {}",
            value(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => format!("thừa giá trị \"{given}\""),
        ErrorKind::NoEquals => format!("{arg} cần dấu = trước giá trị"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị của {arg} không đúng")
        }
        ErrorKind::InvalidUtf8 => "đối số có ký tự không đọc được (không phải UTF-8)".to_owned(),
        _ => "cách gọi lệnh không đúng".to_owned(),
    };
    let mut out = format!("lỗi: {what}");
    let mut suggested: Vec<String> = list(e, ContextKind::SuggestedSubcommand)
        .into_iter()
        .chain(list(e, ContextKind::SuggestedArg))
        .collect();
    if suggested.is_empty() {
        // clap's own measure misses swapped letters (`rnu` for `run`).
        suggested = match e.kind() {
            ErrorKind::InvalidSubcommand => near(
                &value(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
                cmd.get_subcommands().map(|s| s.get_name().to_owned()),
            ),
            ErrorKind::UnknownArgument => near(
                &arg,
                cmd.get_subcommands()
                    .flat_map(Command::get_arguments)
                    .chain(cmd.get_arguments())
                    .filter_map(|a| a.get_long().map(|l| format!("--{l}"))),
            ),
            _ => Vec::new(),
        };
    }
    // An option of another command is "suggested" as itself: say where it belongs.
    let exact = suggested.contains(&arg) && !arg.is_empty();
    suggested.retain(|s| *s != arg);
    if exact {
        let owners: Vec<String> = cmd
            .get_subcommands()
            .filter(|s| {
                s.get_arguments()
                    .any(|a| a.get_long().is_some_and(|l| format!("--{l}") == arg))
            })
            .map(|s| s.get_name().to_owned())
            .collect();
        if !owners.is_empty() {
            out.push_str(&format!(
                "\n\ngợi ý: {arg} chỉ dùng với lệnh {}; xem cách dùng dưới đây",
                owners.join(", ")
            ));
        }
    }
    if !suggested.is_empty() {
        let names = suggested
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(" hoặc ");
        out.push_str(&format!("\n\ngợi ý: có phải ý bạn là {names}?"));
    }
    if let Some(usage) = value(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n\nCách dùng: {usage}"));
    }
    out.push_str("\n\nXem thêm: tonghop --help");
    out
}

/// The names within one or two edits (a swap counts as one) of `word`.
fn near(word: &str, names: impl Iterator<Item = String>) -> Vec<String> {
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    let mut found: Vec<(usize, String)> = names
        .map(|n| (tonghop_text::osa_distance(word, &n), n))
        .filter(|(d, _)| *d <= limit)
        .collect();
    found.sort();
    found.dedup();
    found.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn error(args: &[&str]) -> String {
        let cmd = vietnamese(crate::Cli::command());
        match cmd.try_get_matches_from(args) {
            Ok(_) => String::new(),
            Err(e) => message(&e, &vietnamese(crate::Cli::command())),
        }
    }

    #[test]
    fn a_typo_gets_the_command_it_meant() {
        let m = error(&["tonghop", "rnu"]);
        assert!(m.starts_with("lỗi: không có lệnh \"rnu\""), "{m}");
        assert!(m.contains("gợi ý: có phải ý bạn là \"run\"?"), "{m}");
        assert!(m.contains("Cách dùng: tonghop [TÙY CHỌN] <LỆNH>"), "{m}");
        assert!(!m.contains("Usage") && !m.contains("tip:"), "{m}");
    }

    #[test]
    fn an_unknown_option_and_a_bad_number() {
        let m = error(&["tonghop", "run", "--outt", "x"]);
        assert!(m.contains("không hiểu tùy chọn \"--outt\""), "{m}");
        assert!(m.contains("\"--out\""), "{m}");
        let m = error(&["tonghop", "run", "--max-rows", "ba"]);
        assert!(m.contains("\"ba\"") && m.contains("số nguyên"), "{m}");
        // An option of another command is not suggested as itself.
        let m = error(&["tonghop", "run", "--inputs", "x"]);
        assert!(m.contains("--inputs chỉ dùng với lệnh inspect"), "{m}");
        assert!(!m.contains("có phải ý bạn là \"--inputs\""), "{m}");
        let m = error(&["tonghop", "claims"]);
        assert!(m.starts_with("lỗi: thiếu"), "{m}");
    }

    #[test]
    fn help_is_vietnamese() {
        let mut cmd = vietnamese(crate::Cli::command());
        let help = cmd.render_help().to_string();
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
        ] {
            assert!(!help.contains(english), "{english} in\n{help}");
        }
        assert!(
            help.contains("Lệnh:") && help.contains("Tùy chọn:"),
            "{help}"
        );
        let mut run = cmd.find_subcommand_mut("run").unwrap().clone();
        let help = run.render_long_help().to_string();
        assert!(
            help.contains("Đối số:") && help.contains("Cách dùng: tonghop run"),
            "{help}"
        );
        assert!(
            !help.contains("Options:") && !help.contains("[default:"),
            "{help}"
        );
    }
}
