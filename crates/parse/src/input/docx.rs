//! DOCX → text: `word/document.xml`, paragraphs as lines, table rows as
//! tab-separated lines.

use super::numbering::Numbering;
use super::out::join_soft;
use super::{decode, Input, InputError, InputErrorKind, InputKind, SourceMap};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// Largest `document.xml` read (uncompressed), against zip bombs.
const MAX_XML: u64 = 512 << 20;
/// Widest `w:gridSpan` honoured.
const MAX_SPAN: u32 = 64;

fn corrupt(zh: String, en: String) -> InputError {
    InputError::new(InputErrorKind::Corrupt, zh, en)
}

pub(crate) fn read(bytes: &[u8]) -> Result<Input, InputError> {
    if !bytes.starts_with(b"PK") {
        let what = if bytes.is_empty() {
            ("文件是空的", "the file is empty")
        } else {
            ("文件不是 ZIP 格式", "the file is not a ZIP archive")
        };
        return Err(corrupt(
            format!("{}，不是有效的 Word .docx 文档", what.0),
            format!("{}, so not a valid Word .docx document", what.1),
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        corrupt(
            format!("不是有效的 .docx 文档：ZIP 结构损坏（{e}）"),
            format!("not a valid .docx document: the ZIP structure is damaged ({e})"),
        )
    })?;
    let part = main_part(&mut zip).unwrap_or_else(|| "word/document.xml".to_owned());
    let xml_bytes = match read_entry(&mut zip, &part)? {
        Some(b) => b,
        None => return Err(not_word(&zip)),
    };
    let decoded = decode::decode(&xml_bytes, None).map_err(|_| {
        corrupt(
            format!("不是有效的 .docx 文档：{part} 不是文本"),
            format!("not a valid .docx document: {part} is not text"),
        )
    })?;
    // Automatic numbering: the definitions beside the main part.
    let dir = part.rfind('/').map_or("", |i| &part[..=i]);
    let aux = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        read_entry(zip, &format!("{dir}{name}"))
            .ok()
            .flatten()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    let numbering = Numbering::parse(
        aux(&mut zip, "numbering.xml").as_deref(),
        aux(&mut zip, "styles.xml").as_deref(),
    );
    let blocks = parse(&decoded.text, numbering).map_err(|(pos, e)| {
        corrupt(
            format!("不是有效的 .docx 文档：{part} 不是有效的 XML（第 {pos} 字节附近：{e}）"),
            format!(
                "not a valid .docx document: {part} is not well-formed XML (near byte {pos}: {e})"
            ),
        )
    })?;
    let mut text = String::with_capacity(decoded.text.len() / 4);
    render(&blocks, &mut text);
    Ok(Input {
        text,
        encoding: "UTF-8",
        kind: InputKind::Docx,
        source_map: SourceMap::default(),
        page: super::PageMeta::default(),
        source: None,
        bom_len: 0,
        replacements: decoded.replacements,
        first_invalid_byte: None,
    })
}

/// An explanation of what the ZIP is, when it holds no Word document.
fn not_word(zip: &zip::ZipArchive<Cursor<&[u8]>>) -> InputError {
    let has = |n: &str| zip.index_for_name(n).is_some();
    let (zh, en) = if has("xl/workbook.xml") {
        ("Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)")
    } else if has("ppt/presentation.xml") {
        (
            "PowerPoint 演示文稿（.pptx）",
            "a PowerPoint presentation (.pptx)",
        )
    } else if has("content.xml") {
        (
            "OpenDocument 文档（.odt 等），请另存为 .docx",
            "an OpenDocument file (.odt…); save it as .docx",
        )
    } else {
        ("普通 ZIP 压缩包", "a plain ZIP archive")
    };
    corrupt(
        format!("不是 Word .docx 文档：文件是{zh}，没有 word/document.xml"),
        format!("not a Word .docx document: the file is {en} without word/document.xml"),
    )
}

fn read_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, InputError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(corrupt(
                format!("不是有效的 .docx 文档：无法读取 {name}（{e}）"),
                format!("not a valid .docx document: cannot read {name} ({e})"),
            ))
        }
    };
    let mut buf = Vec::with_capacity((file.size().min(MAX_XML)) as usize);
    file.take(MAX_XML + 1).read_to_end(&mut buf).map_err(|e| {
        corrupt(
            format!("不是有效的 .docx 文档：{name} 已损坏（{e}）"),
            format!("not a valid .docx document: {name} is damaged ({e})"),
        )
    })?;
    if buf.len() as u64 > MAX_XML {
        return Err(InputError::new(
            InputErrorKind::TooLarge,
            format!("{name} 解压后超过 {} MiB，nblint 不读取", MAX_XML >> 20),
            format!(
                "{name} is larger than {} MiB uncompressed; nblint does not read it",
                MAX_XML >> 20
            ),
        ));
    }
    Ok(Some(buf))
}

/// The main document part named by `_rels/.rels` (normally
/// `word/document.xml`).
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let rels = read_entry(zip, "_rels/.rels").ok()??;
    let rels = String::from_utf8(rels).ok()?;
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let ty = attr(&e, "Type")?;
                if ty.ends_with("/officeDocument") {
                    let target = attr(&e, "Target")?;
                    let target = target.trim_start_matches('/');
                    if target.is_empty() {
                        return None;
                    }
                    return Some(target.to_owned());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

#[derive(Debug)]
enum Block {
    Para(String),
    Table(Vec<Row>),
}

#[derive(Debug, Default)]
struct Row {
    before: u32,
    after: u32,
    cells: Vec<Cell>,
}

#[derive(Debug)]
struct Cell {
    span: u32,
    /// A `w:vMerge`/`w:hMerge` continuation: printed empty.
    cont: bool,
    blocks: Vec<Block>,
}

enum Frame {
    Table(Vec<Row>),
    Row(Row),
    Cell(Cell),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum El {
    Other,
    P,
    R,
    RPr,
    T,
    Tbl,
    Tr,
    Tc,
    TcPr,
    TrPr,
    PPr,
    NumPr,
    /// Subtrees whose text is not shown: mc:Fallback (duplicates
    /// mc:Choice), w:moveFrom, w:del, and the old properties kept by
    /// tracked formatting changes (w:pPrChange…).
    Skip,
    /// A table nested deeper than `MAX_TABLE_DEPTH`: its rows and cells
    /// are read as plain content of the enclosing cell.
    DeepTbl,
}

/// Deepest table nesting kept as tables (deeper ones are flattened, so
/// that nothing recurses without bound).
const MAX_TABLE_DEPTH: u32 = 32;

fn el_of(local: &str) -> El {
    match local {
        "p" => El::P,
        "r" => El::R,
        "rPr" => El::RPr,
        "t" => El::T,
        "tbl" => El::Tbl,
        "tr" => El::Tr,
        "tc" => El::Tc,
        "tcPr" => El::TcPr,
        "trPr" => El::TrPr,
        "pPr" => El::PPr,
        "numPr" => El::NumPr,
        "Fallback" | "moveFrom" | "del" | "pPrChange" | "rPrChange" | "tblPrChange"
        | "trPrChange" | "tcPrChange" | "sectPrChange" | "numberingChange" => El::Skip,
        _ => El::Other,
    }
}

#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u32>,
    style: Option<String>,
}

struct Builder {
    body: Vec<Block>,
    frames: Vec<Frame>,
    paras: Vec<Para>,
    numbering: Numbering,
    stack: Vec<El>,
    skip: u32,
    /// Open tables kept as tables, and open tables flattened.
    tables: u32,
    deep: u32,
    run_hidden: bool,
}

impl Builder {
    fn parent(&self) -> El {
        self.stack.last().copied().unwrap_or(El::Other)
    }

    fn grandparent(&self) -> El {
        let n = self.stack.len();
        if n >= 2 {
            self.stack[n - 2]
        } else {
            El::Other
        }
    }

    /// The element being started sits in `w:p/w:pPr` (or
    /// `w:p/w:pPr/w:numPr`).
    fn grandparent_is_p(&self) -> bool {
        let n = self.stack.len();
        match self.parent() {
            El::PPr => self.grandparent() == El::P,
            El::NumPr => n >= 3 && self.stack[n - 2] == El::PPr && self.stack[n - 3] == El::P,
            _ => false,
        }
    }

    fn push_block(&mut self, b: Block) {
        match self.frames.last_mut() {
            Some(Frame::Cell(c)) => c.blocks.push(b),
            _ => self.body.push(b),
        }
    }

    fn run_text(&mut self, s: &str) {
        if self.skip > 0 || self.run_hidden {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    /// An element starts (`empty`: it also ends).
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let local = e.local_name();
        let mut el = el_of(local.as_ref());
        if self.skip == 0 {
            match el {
                El::Tbl if self.deep > 0 || self.tables >= MAX_TABLE_DEPTH => {
                    self.deep += 1;
                    el = El::DeepTbl;
                }
                El::Tbl => self.tables += 1,
                El::Tr | El::Tc if self.deep > 0 => el = El::Other,
                _ => {}
            }
        }
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
                self.stack.push(el);
            }
            return;
        }
        let parent = self.parent();
        match el {
            El::Skip if !empty => self.skip = 1,
            El::P => self.paras.push(Para::default()),
            El::R => self.run_hidden = false,
            El::Tbl => self.frames.push(Frame::Table(Vec::new())),
            El::Tr => self.frames.push(Frame::Row(Row::default())),
            El::Tc => self.frames.push(Frame::Cell(Cell {
                span: 1,
                cont: false,
                blocks: Vec::new(),
            })),
            _ => {}
        }
        match (local.as_ref(), parent) {
            ("tab", El::R) => self.run_text("\t"),
            ("br" | "cr", El::R) => self.run_text("\n"),
            ("noBreakHyphen", El::R) => self.run_text("-"),
            ("vanish" | "specVanish", El::RPr) if self.grandparent() == El::R => {
                let off =
                    attr(e, "val").is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"));
                self.run_hidden = !off;
            }
            ("numId", El::NumPr) | ("ilvl", El::NumPr) | ("pStyle", El::PPr)
                if self.grandparent_is_p() =>
            {
                if let Some(p) = self.paras.last_mut() {
                    match local.as_ref() {
                        "numId" => p.num_id = attr(e, "val"),
                        "ilvl" => p.ilvl = attr(e, "val").and_then(|v| v.trim().parse().ok()),
                        _ => p.style = attr(e, "val"),
                    }
                }
            }
            ("gridSpan", El::TcPr) => {
                if let Some(Frame::Cell(c)) = self.frames.last_mut() {
                    c.span = number(attr(e, "val")).clamp(1, MAX_SPAN);
                }
            }
            ("vMerge" | "hMerge", El::TcPr) => {
                if let Some(Frame::Cell(c)) = self.frames.last_mut() {
                    c.cont = attr(e, "val").as_deref() != Some("restart");
                }
            }
            ("gridBefore" | "gridAfter", El::TrPr) => {
                if let Some(Frame::Row(r)) = self.frames.last_mut() {
                    let n = number(attr(e, "val")).min(MAX_SPAN);
                    if local.as_ref() == "gridBefore" {
                        r.before = n;
                    } else {
                        r.after = n;
                    }
                }
            }
            _ => {}
        }
        if empty {
            self.end_el(el);
        } else {
            self.stack.push(el);
        }
    }

    fn end(&mut self) {
        let el = self.stack.pop().unwrap_or(El::Other);
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        self.end_el(el);
    }

    fn end_el(&mut self, el: El) {
        match el {
            El::P => {
                let Some(p) = self.paras.pop() else { return };
                let mut text = p.text;
                if p.num_id.is_some() || p.style.is_some() {
                    let num = p.num_id.as_deref().map(|id| (id, p.ilvl));
                    if let Some(label) = self.numbering.label(num, p.style.as_deref()) {
                        text.insert_str(0, &label);
                    }
                }
                match self.paras.last_mut() {
                    // A paragraph inside a paragraph (a text box).
                    Some(outer) => {
                        for piece in text.split('\n') {
                            join_soft(&mut outer.text, piece);
                        }
                    }
                    None => self.push_block(Block::Para(text)),
                }
            }
            El::R => self.run_hidden = false,
            El::Tc => {
                if matches!(self.frames.last(), Some(Frame::Cell(_))) {
                    let Some(Frame::Cell(c)) = self.frames.pop() else {
                        unreachable!()
                    };
                    if let Some(Frame::Row(r)) = self.frames.last_mut() {
                        r.cells.push(c);
                    }
                }
            }
            El::Tr => {
                if matches!(self.frames.last(), Some(Frame::Row(_))) {
                    let Some(Frame::Row(r)) = self.frames.pop() else {
                        unreachable!()
                    };
                    if let Some(Frame::Table(t)) = self.frames.last_mut() {
                        t.push(r);
                    }
                }
            }
            El::DeepTbl => self.deep -= 1,
            El::Tbl => {
                self.tables = self.tables.saturating_sub(1);
                if matches!(self.frames.last(), Some(Frame::Table(_))) {
                    let Some(Frame::Table(t)) = self.frames.pop() else {
                        unreachable!()
                    };
                    self.push_block(Block::Table(t));
                }
            }
            _ => {}
        }
    }
}

fn number(v: Option<String>) -> u32 {
    v.and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1)
}

fn parse(xml: &str, numbering: Numbering) -> Result<Vec<Block>, (u64, String)> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut b = Builder {
        body: Vec::new(),
        frames: Vec::new(),
        paras: Vec::new(),
        numbering,
        stack: Vec::new(),
        skip: 0,
        tables: 0,
        deep: 0,
        run_hidden: false,
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| (reader.error_position(), e.to_string()))?;
        match ev {
            Event::Start(e) => b.start(&e, false),
            Event::Empty(e) => b.start(&e, true),
            Event::End(_) => b.end(),
            Event::Text(t) if b.parent() == El::T => b.run_text(&t.xml10_content()),
            Event::CData(t) if b.parent() == El::T => b.run_text(&t.xml10_content()),
            Event::GeneralRef(r) if b.parent() == El::T => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => Some('\u{FFFD}'),
                };
                if let Some(c) = c {
                    let mut buf = [0u8; 4];
                    b.run_text(c.encode_utf8(&mut buf));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Unclosed elements at the end: keep what was read.
    while let Some(el) = b.stack.pop() {
        if b.skip > 0 {
            b.skip -= 1;
        } else {
            b.end_el(el);
        }
    }
    Ok(b.body)
}

fn has_nested_table(rows: &[Row]) -> bool {
    rows.iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| &c.blocks)
        .any(|b| matches!(b, Block::Table(_)))
}

/// The text of a cell on one line: paragraphs (and line breaks) joined by
/// nothing between CJK text and by a space otherwise; tabs become spaces;
/// blanks (U+3000 in empty template cells) trimmed away.
fn cell_text(blocks: &[Block], acc: &mut String) {
    for b in blocks {
        match b {
            Block::Para(p) => {
                for piece in p.split('\n') {
                    join_soft(acc, &piece.replace('\t', " "));
                }
            }
            Block::Table(rows) => {
                for r in rows {
                    for c in &r.cells {
                        cell_text(&c.blocks, acc);
                    }
                }
            }
        }
    }
}

fn render(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Para(p) => {
                out.push_str(p);
                out.push('\n');
            }
            Block::Table(rows) if has_nested_table(rows) => {
                for r in rows {
                    for c in &r.cells {
                        render(&c.blocks, out);
                    }
                }
            }
            Block::Table(rows) => {
                for r in rows {
                    let mut cells: Vec<String> = Vec::new();
                    cells.extend((0..r.before).map(|_| String::new()));
                    for c in &r.cells {
                        let mut t = String::new();
                        if !c.cont {
                            cell_text(&c.blocks, &mut t);
                        }
                        cells.push(t);
                        cells.extend((1..c.span).map(|_| String::new()));
                    }
                    cells.extend((0..r.after).map(|_| String::new()));
                    if cells.is_empty() {
                        continue;
                    }
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
        );
        let mut out = String::new();
        render(&parse(&xml, Numbering::default()).unwrap(), &mut out);
        out
    }

    #[test]
    fn paragraphs_tabs_and_entities() {
        assert_eq!(
            doc("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\"/></w:tabs></w:pPr><w:r><w:t>A&amp;B</w:t><w:tab/><w:t xml:space=\"preserve\"> c</w:t></w:r></w:p><w:p/>"),
            "A&B\t c\n\n"
        );
    }

    #[test]
    fn hidden_and_deleted_runs() {
        assert_eq!(
            doc("<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:t>正文</w:t></w:r></w:p>"),
            "正文\n"
        );
    }

    #[test]
    fn spans_and_merges() {
        let row = |cells: &str| format!("<w:tr>{cells}</w:tr>");
        let tc = |pr: &str, t: &str| {
            format!("<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
        };
        let body = format!(
            "<w:tbl>{}{}</w:tbl>",
            row(&(tc(
                "<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>",
                "甲"
            ) + &tc("", "\u{3000}"))),
            row(&(tc("<w:gridSpan w:val=\"2\"/><w:vMerge/>", "") + &tc("", "1"))),
        );
        assert_eq!(doc(&body), "甲\t\t\n\t\t1\n");
    }
}
