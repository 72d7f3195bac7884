//! [`RunError`]: what goes wrong outside the rules. It depends only on the
//! configuration's and the plugin host's own errors, so every module of the
//! engine can return it without importing the pipeline.

use crate::config::ConfigError;
use crate::host::HostError;
use nblint_plugin_api::Lang;
use std::fmt;
use std::path::{Path, PathBuf};

/// Something that went wrong outside the rules: a file that cannot be
/// read, an invalid configuration, a plugin that cannot be loaded. Any of
/// these makes the CLI exit with 2. [`RunError::message`] says what went
/// wrong, [`RunError::hint`] what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// An input file that cannot be read.
    Read {
        path: PathBuf,
        kind: std::io::ErrorKind,
        /// The system's description of the failure.
        detail: String,
    },
    /// A configuration file that cannot be used.
    Config(ConfigError),
    /// `--config FILE` names no file.
    ConfigNotFound(PathBuf),
    /// A plugin the host refused (the message names the library).
    Plugin {
        path: Option<PathBuf>,
        message: String,
    },
    /// Two plugins with one name.
    DuplicatePlugin { path: PathBuf, name: String },
    /// Bytes the parser cannot decode.
    Decode {
        path: Option<PathBuf>,
        message: String,
    },
    /// The parser panicked on a file (a bug in nblint).
    ParserPanic {
        path: Option<PathBuf>,
        message: String,
    },
    /// Anything else a front end reports alongside the engine's errors
    /// (an unreadable baseline, a directory that cannot be walked).
    Other {
        path: Option<PathBuf>,
        message: String,
        hint: Option<String>,
    },
}

impl RunError {
    /// A front end's own error ([`RunError::Other`]).
    pub fn new(path: Option<&Path>, message: impl Into<String>, hint: Option<String>) -> RunError {
        RunError::Other {
            path: path.map(Path::to_path_buf),
            message: message.into(),
            hint,
        }
    }

    /// A read failure of an input.
    pub fn read(path: &Path, e: &std::io::Error) -> RunError {
        // `is_dir` is asked only on failure: it costs a system call.
        let kind = if path.is_dir() {
            std::io::ErrorKind::IsADirectory
        } else {
            e.kind()
        };
        RunError::Read {
            path: path.to_path_buf(),
            kind,
            detail: e.to_string(),
        }
    }

    /// A plugin the host refused, its message in `lang`.
    pub(crate) fn plugin(e: &HostError, lang: Lang) -> RunError {
        RunError::Plugin {
            path: e.file.clone(),
            message: e.message(lang),
        }
    }

    /// The file it is about (the input, the configuration or the plugin).
    pub fn path(&self) -> Option<&Path> {
        match self {
            RunError::Read { path, .. }
            | RunError::ConfigNotFound(path)
            | RunError::DuplicatePlugin { path, .. } => Some(path),
            RunError::Config(e) => Some(&e.path),
            RunError::Plugin { path, .. }
            | RunError::Decode { path, .. }
            | RunError::ParserPanic { path, .. }
            | RunError::Other { path, .. } => path.as_deref(),
        }
    }

    /// What went wrong (without the file's name).
    pub fn message(&self) -> String {
        match self {
            RunError::Read { kind, detail, .. } => match kind {
                std::io::ErrorKind::NotFound => "no such file".into(),
                std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                std::io::ErrorKind::IsADirectory => "is a directory".into(),
                _ => format!("cannot read the file: {detail}"),
            },
            RunError::Config(e) => {
                let mut msg = String::from("invalid configuration: ");
                if e.line > 0 {
                    msg.push_str(&format!("line {}, column {}: ", e.line, e.column));
                }
                if let Some(k) = &e.key {
                    msg.push_str(&format!("key `{k}`: "));
                }
                msg.push_str(&e.message);
                msg
            }
            RunError::ConfigNotFound(_) => "configuration file not found".into(),
            RunError::DuplicatePlugin { name, .. } => {
                format!("a plugin named `{name}` is already loaded; this one is not")
            }
            RunError::ParserPanic { message, .. } => {
                format!("internal error: the parser panicked on this file ({message})")
            }
            RunError::Plugin { message, .. }
            | RunError::Decode { message, .. }
            | RunError::Other { message, .. } => message.clone(),
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> Option<String> {
        let hint = match self {
            RunError::Read { kind, .. } => match kind {
                std::io::ErrorKind::NotFound => {
                    "check the path; directories are searched recursively"
                }
                std::io::ErrorKind::PermissionDenied => "check the file's permissions",
                std::io::ErrorKind::IsADirectory => {
                    "pass directories to `nblint check`, which walks them"
                }
                _ => return None,
            },
            RunError::Config(_) => "fix the file (the schema is in README.md, `nblint init` writes a commented example) or pass another with --config",
            RunError::ConfigNotFound(_) => "check the path given to --config",
            RunError::DuplicatePlugin { .. } => {
                "give each plugin a distinct name, or load only one of them"
            }
            RunError::Decode { .. } => "save the report as UTF-8 or GB18030 text, HTML or DOCX",
            RunError::ParserPanic { .. } => "please report this with the file attached",
            RunError::Plugin { .. } => return None,
            RunError::Other { hint, .. } => return hint.clone(),
        };
        Some(hint.into())
    }

    /// This error with a note on where it comes from appended to its
    /// message (a plugin listed in a configuration file).
    pub(crate) fn noting(self, note: &str) -> RunError {
        match self {
            RunError::Plugin { path, message } => RunError::Plugin {
                path,
                message: format!("{message} ({note})"),
            },
            other => other,
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message();
        match self.path() {
            // Messages of the plugin host already name the file.
            Some(p) if !message.contains(&p.display().to_string()) => {
                write!(f, "{}: {message}", p.display())
            }
            _ => f.write_str(&message),
        }
    }
}

impl std::error::Error for RunError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RunError::Config(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ConfigError> for RunError {
    fn from(e: ConfigError) -> RunError {
        RunError::Config(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_says_so_and_what_to_do() {
        let e = RunError::read(
            Path::new("/nonexistent/a.txt"),
            &std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(e.to_string(), "/nonexistent/a.txt: no such file");
        assert!(e.hint().unwrap().contains("check the path"));
    }

    #[test]
    fn a_configuration_error_names_line_and_key_and_is_its_source() {
        let e = RunError::from(ConfigError {
            path: "nblint.toml".into(),
            line: 3,
            column: 5,
            key: Some("lang".into()),
            message: "expected zh or en".into(),
        });
        assert_eq!(
            e.to_string(),
            "nblint.toml: invalid configuration: line 3, column 5: key `lang`: expected zh or en"
        );
        assert!(std::error::Error::source(&e).is_some());
    }
}
