//! Reading a library's object header before loading it: format and
//! architecture must be this nblint's.

use super::HostErrorKind;
use object::read::macho::{FatArch, MachOFatFile32, MachOFatFile64};
use object::{Architecture, FileKind, Object, ObjectKind, ReadCache, ReadRef};
use std::path::Path;

/// The architecture nblint runs on, in Rust's naming (`x86_64`, `aarch64` …).
pub fn host_arch() -> &'static str {
    std::env::consts::ARCH
}

/// An object file architecture in Rust's naming (as
/// `std::env::consts::ARCH`).
pub fn arch_name(arch: Architecture) -> String {
    let s = match arch {
        Architecture::I386 => "x86",
        Architecture::X86_64 => "x86_64",
        Architecture::X86_64_X32 => "x86_64 (x32)",
        Architecture::Aarch64 => "aarch64",
        Architecture::Aarch64_Ilp32 => "aarch64 (ilp32)",
        Architecture::Arm => "arm",
        Architecture::LoongArch64 => "loongarch64",
        Architecture::Mips => "mips",
        Architecture::Mips64 => "mips64",
        Architecture::PowerPc => "powerpc",
        Architecture::PowerPc64 => "powerpc64",
        Architecture::Riscv32 => "riscv32",
        Architecture::Riscv64 => "riscv64",
        Architecture::S390x => "s390x",
        Architecture::Sparc => "sparc",
        Architecture::Sparc64 => "sparc64",
        Architecture::Wasm32 => "wasm32",
        Architecture::Wasm64 => "wasm64",
        Architecture::Unknown => "an unknown architecture",
        other => return format!("{other:?}").to_lowercase(),
    };
    s.to_string()
}

/// The object format libraries have on this platform.
fn host_format() -> &'static str {
    if cfg!(target_vendor = "apple") {
        "Mach-O"
    } else if cfg!(windows) {
        "PE"
    } else {
        "ELF"
    }
}

/// Checks, without loading it, that `path` is a readable shared library of
/// this platform's object format and of this nblint's architecture.
pub fn check_library_file(path: &Path) -> Result<(), HostErrorKind> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(HostErrorKind::NotFound),
        Err(e) => return Err(HostErrorKind::Unreadable(e.to_string())),
    };
    if !meta.is_file() {
        return Err(HostErrorKind::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(|e| HostErrorKind::Unreadable(e.to_string()))?;
    // Reads only the parts of the file the parser asks for.
    let cache = ReadCache::new(file);
    check_object(&cache)
}

fn check_object<'a, R: ReadRef<'a>>(data: R) -> Result<(), HostErrorKind> {
    let kind = FileKind::parse(data).map_err(|_| HostErrorKind::UnknownFormat)?;
    let format = match kind {
        FileKind::Elf32 | FileKind::Elf64 => "ELF",
        FileKind::MachO32 | FileKind::MachO64 | FileKind::MachOFat32 | FileKind::MachOFat64 => {
            "Mach-O"
        }
        FileKind::Pe32 | FileKind::Pe64 => "PE",
        FileKind::Archive => {
            return Err(HostErrorKind::NotShared {
                what: "a static library",
            })
        }
        FileKind::Coff | FileKind::CoffBig | FileKind::CoffImport => {
            return Err(HostErrorKind::NotShared {
                what: "an object file",
            })
        }
        _ => return Err(HostErrorKind::UnknownFormat),
    };
    if format != host_format() {
        return Err(HostErrorKind::WrongFormat {
            found: format,
            host: host_format(),
        });
    }
    let host = host_arch();
    if matches!(kind, FileKind::MachOFat32 | FileKind::MachOFat64) {
        // A universal binary: fine when one of its slices is ours.
        let arches: Vec<String> = match kind {
            FileKind::MachOFat32 => MachOFatFile32::parse(data).map(|f| {
                f.arches()
                    .iter()
                    .map(|a| arch_name(a.architecture()))
                    .collect()
            }),
            _ => MachOFatFile64::parse(data).map(|f| {
                f.arches()
                    .iter()
                    .map(|a| arch_name(a.architecture()))
                    .collect()
            }),
        }
        .map_err(|_| HostErrorKind::UnknownFormat)?;
        if arches.iter().any(|a| a == host) {
            return Ok(());
        }
        return Err(HostErrorKind::WrongArch {
            plugin: arches.join(", "),
            host,
        });
    }
    let obj = object::File::parse(data).map_err(|_| HostErrorKind::UnknownFormat)?;
    let arch = arch_name(obj.architecture());
    if arch != host {
        return Err(HostErrorKind::WrongArch { plugin: arch, host });
    }
    match obj.kind() {
        ObjectKind::Dynamic => Ok(()),
        ObjectKind::Relocatable => Err(HostErrorKind::NotShared {
            what: "an object file",
        }),
        ObjectKind::Executable => Err(HostErrorKind::NotShared {
            what: "an executable",
        }),
        _ => Err(HostErrorKind::UnknownFormat),
    }
}

/// The ELF headers the integration tests write to files.
#[cfg(test)]
#[path = "../../tests/host_support/elf.rs"]
mod elf_fixture;

#[cfg(test)]
mod tests {
    use super::elf_fixture::elf_header;
    use super::*;

    #[test]
    fn foreign_architectures_are_named() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let aarch64 = elf_header(183);
        let x86_64 = elf_header(62);
        let (foreign, foreign_name) = if host_arch() == "aarch64" {
            (&x86_64, "x86_64")
        } else {
            (&aarch64, "aarch64")
        };
        match check_object(foreign.as_slice()) {
            Err(HostErrorKind::WrongArch { plugin, host }) => {
                assert_eq!(plugin, foreign_name);
                assert_eq!(host, host_arch());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn non_libraries_are_refused() {
        assert_eq!(
            check_object(b"just some text".as_slice()),
            Err(HostErrorKind::UnknownFormat)
        );
        assert_eq!(
            check_object(b"!<arch>\n                                ".as_slice()),
            Err(HostErrorKind::NotShared {
                what: "a static library"
            })
        );
        if cfg!(target_os = "linux") {
            let mut mach = vec![0u8; 64];
            mach[..4].copy_from_slice(&0xfeedfacfu32.to_le_bytes());
            assert!(matches!(
                check_object(mach.as_slice()),
                Err(HostErrorKind::WrongFormat {
                    found: "Mach-O",
                    ..
                })
            ));
        }
    }
}
