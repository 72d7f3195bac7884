#![allow(clippy::print_stdout, clippy::print_stderr)] // an example program: it prints what it reads
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(&p).unwrap();
    let t = std::time::Instant::now();
    match nblint_parse::input::read(Some(std::path::Path::new(&p)), &b) {
        Ok(i) => {
            print!("{}", i.text);
            eprintln!("{:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
        }
        Err(e) => println!("ERROR {:?}: {}", e.kind, e.message),
    }
}
