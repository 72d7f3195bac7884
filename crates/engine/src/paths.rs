//! Comparing paths the user wrote in different ways (relative, with `.`
//! and `..`) without touching the file system.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against the working directory (left relative if
/// there is none), with `.` removed and `..` resolved lexically: symlinks
/// are not followed.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_resolved() {
        assert_eq!(
            absolute(Path::new("/a/b/../c/./d.so")),
            PathBuf::from("/a/c/d.so")
        );
        assert!(absolute(Path::new("x/../y")).is_absolute());
    }
}
