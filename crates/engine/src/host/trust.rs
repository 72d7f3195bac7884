//! Which native libraries may be loaded (product.md, "Trust"). Native code
//! runs with the user's rights, so a repository's own configuration must
//! not be able to make an editor load a library silently.

use super::{HostError, HostErrorKind};
use crate::paths::absolute;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where the request to load a library comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PluginSource {
    /// Found in the user's plugin directory ([`user_plugin_dir`]).
    UserConfigDir,
    /// Named with `--plugin PATH` on the command line.
    CommandLine,
    /// Named by a project configuration (`nblint.toml` in the repository),
    /// with its `sha256` pin if it has one.
    ProjectConfig { sha256: Option<String> },
}

/// `$XDG_CONFIG_HOME/nblint/plugins` when that variable is set (absolute),
/// else the platform's configuration directory (`~/.config` on Linux) +
/// `nblint/plugins`.
pub fn user_plugin_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(dirs::config_dir)?;
    Some(base.join("nblint").join("plugins"))
}

/// The libraries in the user's plugin directory (`*.so`, `*.dylib`,
/// `*.dll`), sorted; empty when there is none.
pub fn user_plugins() -> Vec<PathBuf> {
    let Some(dir) = user_plugin_dir() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "so" | "dylib" | "dll"))
        })
        .collect();
    found.sort();
    found
}

/// The file's sha256, lowercase hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Whether `path` lies in the user's plugin directory.
fn in_user_dir(path: &Path, dir: &Path) -> bool {
    absolute(path).starts_with(absolute(dir))
        || matches!(
            (path.canonicalize(), dir.canonicalize()),
            (Ok(p), Ok(d)) if p.starts_with(&d)
        )
}

/// Decides whether a native library may be loaded:
///
/// - [`PluginSource::CommandLine`]: yes, the user named it;
/// - [`PluginSource::UserConfigDir`]: yes, if it really lies in
///   [`user_plugin_dir`];
/// - [`PluginSource::ProjectConfig`]: only with a sha256 pin that matches
///   the file (or when the file lies in the user's plugin directory). A
///   missing or wrong pin is refused with the file's actual sha256 and how
///   to allow it.
pub fn check_trust(path: &Path, source: &PluginSource) -> Result<(), HostError> {
    let err = |kind| HostError::file(path, kind);
    match source {
        PluginSource::CommandLine => Ok(()),
        PluginSource::UserConfigDir => {
            let dir = user_plugin_dir();
            match &dir {
                Some(d) if in_user_dir(path, d) => Ok(()),
                _ => Err(err(HostErrorKind::NotInUserDir { user_dir: dir })),
            }
        }
        PluginSource::ProjectConfig { sha256 } => {
            let dir = user_plugin_dir();
            let pin = sha256.as_deref().map(str::trim).filter(|s| !s.is_empty());
            if pin.is_none() && dir.as_deref().is_some_and(|d| in_user_dir(path, d)) {
                return Ok(());
            }
            if let Some(pin) = pin {
                if pin.len() != 64 || !pin.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(err(HostErrorKind::BadPin {
                        pin: pin.to_string(),
                    }));
                }
            }
            let actual = match sha256_file(path) {
                Ok(h) => h,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(err(HostErrorKind::NotFound))
                }
                Err(e) => return Err(err(HostErrorKind::Unreadable(e.to_string()))),
            };
            match pin {
                None => Err(err(HostErrorKind::Untrusted {
                    sha256: actual,
                    user_dir: dir,
                })),
                Some(pin) if pin.eq_ignore_ascii_case(&actual) => Ok(()),
                Some(pin) => Err(err(HostErrorKind::HashMismatch {
                    expected: pin.to_ascii_lowercase(),
                    actual,
                })),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_dir_is_compared_after_resolving_dots() {
        assert!(!in_user_dir(
            Path::new("/home/u/.config/nblint/plugins/../../../project/x.so"),
            Path::new("/home/u/.config/nblint/plugins")
        ));
        assert!(in_user_dir(
            Path::new("/home/u/.config/nblint/plugins/x.so"),
            Path::new("/home/u/.config/nblint/plugins/")
        ));
    }
}
