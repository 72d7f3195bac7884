//! `-o/--output FILE`: where `check` writes its report, in every format.
//! A file is written atomically (a temporary file in the same directory,
//! then a rename), keeping an existing file's permissions; when anything
//! fails, the existing file is left as it was and the message says so.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct OutputArgs {
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// Whether the report goes to a file (so never in colour).
    pub fn to_file(&self) -> bool {
        self.output.as_ref().is_some_and(|p| p.as_os_str() != "-")
    }
}

/// Writes the report to standard output or the `-o` file. `Err` after
/// printing why (the caller exits with 2).
pub fn emit(args: &OutputArgs, bytes: &[u8]) -> Result<(), ()> {
    match &args.output {
        Some(path) if path.as_os_str() != "-" => write_report(path, bytes).map_err(|e| {
            eprintln!(
                "nblint: error: {}: cannot write the report: {e}; nothing was written",
                path.display()
            );
            eprintln!("  help: check that the directory exists and is writable, or choose another -o FILE");
        }),
        _ => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            // A closed pipe (`| head`) is not a failure.
            let _ = out.write_all(bytes).and_then(|_| out.flush());
            Ok(())
        }
    }
}

/// The report to `-o PATH`: through to a device, a FIFO or a socket that is
/// already there (`-o /dev/null`, `-o /dev/stdout`, a named pipe), never
/// replacing it with a regular file; atomically to a regular file.
fn write_report(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if special {
        let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
        return f.write_all(bytes).and_then(|_| f.flush());
    }
    write_atomic(path, bytes)
}

/// Replaces `path` with `bytes` atomically: a temporary file in the same
/// directory, synced, renamed over the original (through a symbolic link,
/// the file it points to), then the directory synced. An existing file
/// keeps its permissions (and owner, when allowed); a read-only file, or
/// one the user cannot write, is refused; a new file is created 0644. On
/// failure the original is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    if path.is_dir() {
        return Err(Error::other("is a directory"));
    }
    let existing = std::fs::canonicalize(path).ok();
    let meta = existing.as_deref().map(std::fs::metadata).transpose()?;
    if let (Some(target), Some(meta)) = (&existing, &meta) {
        if meta.permissions().readonly() {
            return Err(Error::new(
                ErrorKind::PermissionDenied,
                "the file is read-only",
            ));
        }
        // Fails for a user without write access to the file.
        std::fs::OpenOptions::new().append(true).open(target)?;
    }
    let target = existing.unwrap_or_else(|| path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".nblint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    match &meta {
        Some(meta) => {
            tmp.as_file().set_permissions(meta.permissions())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                // Keeps the owner when allowed (root); harmless otherwise.
                let _ =
                    std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
            }
        }
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644))?;
            }
        }
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.sarif");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_atomic(&p, b"two").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // Nothing but the file is left in the directory.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_atomic(&dir.path().join("missing/out.sarif"), b"x").is_err());
    }
}
