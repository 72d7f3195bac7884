//! Bad inputs and outputs handled as a careful tool would: a FIFO or a
//! device as an input is refused, not waited on; `-o` writes through to a
//! device or a FIFO instead of replacing it; control characters from a
//! report never reach the terminal raw.

use crate::common::*;
use std::os::unix::fs::FileTypeExt;
use std::process::Command;

fn mkfifo(path: &std::path::Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_or_a_device_as_an_input_is_refused_not_waited_on() {
    let dir = scratch("");
    mkfifo(&dir.path().join("pipe.txt"));
    let r = run(dir.path(), &["check", "pipe.txt"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("pipe.txt: not a regular file"), "{r:?}");
    let r = run(dir.path(), &["check", "/dev/zero"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("/dev/zero: not a regular file"), "{r:?}");
}

#[test]
fn output_to_a_device_or_a_fifo_writes_through_and_keeps_it() {
    let dir = scratch(RULE_NOT_MATCH);
    write(dir.path(), "r.txt", REPORT);
    let r = run(
        dir.path(),
        &["check", "--format", "json", "-o", "/dev/null", "r.txt"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is still a device"
    );

    let fifo = dir.path().join("report.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let r = run(
        dir.path(),
        &["check", "--format", "json", "-o", "report.fifo", "r.txt"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let got = reader.join().unwrap();
    assert!(got.contains("demo/open-day"), "{got}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn control_characters_from_a_report_never_reach_the_terminal() {
    let dir = scratch(RULE_NOT_MATCH);
    // A title-setting sequence and a bell inside the flagged sentence.
    let hostile = REPORT.replace(
        "政务开放日活动",
        "\u{1b}]0;pwned\u{7}政务开放日\u{1b}[2J活动",
    );
    write(dir.path(), "r\u{1b}[31m.txt", &hostile);
    for format in ["human", "concise"] {
        let r = run(dir.path(), &["check", "--format", format, "."]);
        assert!(r.stdout.contains("不要写政务开放日"), "{format}: {r:?}");
        assert!(
            !r.stdout.contains('\u{1b}') && !r.stdout.contains('\u{7}'),
            "{format}: {:?}",
            r.stdout
        );
        assert!(
            r.stdout.contains("r?[31m.txt"),
            "the file name too: {:?}",
            r.stdout
        );
        if format == "human" {
            assert!(
                r.stdout.contains("?]0;pwned?"),
                "the text shown: {:?}",
                r.stdout
            );
        }
    }
}
