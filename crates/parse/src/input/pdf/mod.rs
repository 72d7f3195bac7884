//! PDF → text: the text layer with glyph positions, laid out again into
//! paragraphs and tab-separated table rows (see `layout`), with a
//! [`PageMap`] from text offsets to pages and positions.
//!
//! The file is read with `lopdf` (pure Rust, MIT); fonts and content
//! streams are interpreted here (`fonts`, `content`) because the layout
//! needs every character's position and the table rules, which no
//! extractor returns. docs/pdf.md records how the crate was chosen.
//!
//! Bad files fail with an [`InputError`], never a panic: encrypted files
//! (unless the empty user password opens them, as it does for
//! "permissions-only" PDFs), truncated or corrupt files, files with no text
//! layer (scans), and files that would cost too much (a budget of
//! decompressed bytes, operators and characters, bounded recursion).

mod content;
mod fonts;
mod layout;

use super::{Input, InputError, InputErrorKind, InputKind, SourceMap};
use content::Interp;
use layout::RawPage;

/// Most pages read.
const MAX_PAGES: usize = 5000;
/// Largest single stream decompressed while loading (object streams).
const MAX_STREAM: usize = 64 << 20;

/// Where text offsets are on the pages of a PDF.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMap {
    /// (width, height) of each page in points, as read (after rotation).
    pub pages: Vec<(u32, u32)>,
    /// (text offset, page number from 1, x, y) sorted by offset: the
    /// character at that offset starts at (x, y) points from the top-left
    /// corner of the page as displayed (y is its baseline).
    pub points: Vec<(u32, u32, u32, u32)>,
}

/// A place on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLocation {
    /// The page number, from 1.
    pub page: u32,
    /// Points from the left edge of the page.
    pub x: u32,
    /// Points from the top edge of the page (the baseline).
    pub y: u32,
}

impl PageMap {
    pub(crate) fn add(&mut self, offset: usize, page: u32, x: f32, y: f32) {
        let off = u32::try_from(offset).unwrap_or(u32::MAX);
        let p = (
            off,
            page,
            x.max(0.0).round() as u32,
            y.max(0.0).round() as u32,
        );
        if self.points.last().is_some_and(|l| l.0 == off) {
            self.points.pop();
        }
        self.points.push(p);
    }

    /// The page and position of the character at `offset` of the text
    /// (the nearest placed character at or before it).
    pub fn locate(&self, offset: u32) -> Option<PageLocation> {
        let i = self.points.partition_point(|p| p.0 <= offset);
        let p = if i == 0 {
            self.points.first()?
        } else {
            &self.points[i - 1]
        };
        Some(PageLocation {
            page: p.1,
            x: p.2,
            y: p.3,
        })
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}

fn error(kind: InputErrorKind, zh: impl Into<String>, en: impl Into<String>) -> InputError {
    InputError::new(kind, zh.into(), en.into())
}

/// True when the bytes are a PDF, whatever the file's name.
pub(crate) fn sniff(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

pub(crate) fn read(bytes: &[u8]) -> Result<Input, InputError> {
    // lopdf is third-party code run on untrusted input: a panic in it
    // becomes a "corrupt" error instead of bringing the run down.
    match std::panic::catch_unwind(|| read_inner(bytes)) {
        Ok(r) => r,
        Err(_) => Err(error(
            InputErrorKind::Corrupt,
            "PDF 文件已损坏，无法读取（解析时出错）",
            "the PDF file is damaged and cannot be read (the reader failed)",
        )),
    }
}

fn read_inner(bytes: &[u8]) -> Result<Input, InputError> {
    if bytes.is_empty() {
        return Err(error(
            InputErrorKind::Corrupt,
            "文件是空的，不是有效的 PDF 文档",
            "the file is empty, so not a valid PDF document",
        ));
    }
    let opts = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, opts).map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(encrypted());
    }
    let page_ids: Vec<_> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if page_ids.is_empty() {
        return Err(error(
            InputErrorKind::Corrupt,
            "PDF 文件已损坏或不完整：找不到任何页面",
            "the PDF file is damaged or incomplete: it has no pages",
        ));
    }
    if page_ids.len() > MAX_PAGES {
        return Err(error(
            InputErrorKind::TooLarge,
            format!("PDF 超过 {MAX_PAGES} 页，nblint 不读取"),
            format!("the PDF has more than {MAX_PAGES} pages; nblint does not read it"),
        ));
    }
    let mut interp = Interp::new(&doc);
    let mut pages = Vec::with_capacity(page_ids.len());
    let (mut chars, mut opaque, mut images) = (0usize, 0usize, 0usize);
    for id in page_ids {
        let c = interp.page(id);
        if interp.budget.exhausted {
            return Err(error(
                InputErrorKind::TooLarge,
                "PDF 的内容超出 nblint 的处理上限（解压后的数据或绘制指令过多），可能是损坏或恶意构造的文件",
                "the PDF's content exceeds nblint's limits (too much decompressed data or too many drawing operations); the file may be damaged or crafted",
            ));
        }
        chars += c.chars.len();
        opaque += c.opaque_glyphs;
        images += c.images;
        let (bbox, rotate) = content::page_geometry(&doc, id);
        pages.push(RawPage {
            chars: c.chars,
            segments: c.segments,
            bbox,
            rotate,
        });
    }
    if chars == 0 {
        return Err(no_text(opaque, images, pages.len()));
    }
    let (text, map) = layout::layout(pages);
    Ok(Input {
        text,
        encoding: "UTF-8",
        kind: InputKind::Pdf,
        source_map: SourceMap {
            points: Vec::new(),
            pages: Some(std::sync::Arc::new(map)),
        },
        source: None,
        bom_len: 0,
        replacements: 0,
        first_invalid_byte: None,
        page: super::PageMeta::default(),
    })
}

fn encrypted() -> InputError {
    error(
        InputErrorKind::Unsupported,
        "PDF 文件已加密，需要密码才能打开：请用密码打开后另存为不加密的 PDF（或导出 Word/DOCX）再检查",
        "the PDF file is encrypted and needs a password: open it with the password, save an unencrypted copy (or export Word/DOCX) and check that",
    )
}

fn load_error(e: lopdf::Error) -> InputError {
    use lopdf::Error as E;
    match e {
        E::InvalidPassword | E::Decryption(_) | E::AlreadyEncrypted => encrypted(),
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => error(
            InputErrorKind::TooLarge,
            format!(
                "PDF 中有数据流解压后超过 {} MiB，可能是损坏或恶意构造的文件，nblint 不读取",
                MAX_STREAM >> 20
            ),
            format!(
                "a stream of the PDF decompresses to more than {} MiB; the file may be damaged or crafted, and nblint does not read it",
                MAX_STREAM >> 20
            ),
        ),
        e => error(
            InputErrorKind::Corrupt,
            format!("PDF 文件已损坏或不完整，无法读取（{e}）"),
            format!("the PDF file is damaged or incomplete and cannot be read ({e})"),
        ),
    }
}

/// A PDF without a text layer: a scan, or fonts that cannot be mapped.
fn no_text(opaque: usize, images: usize, pages: usize) -> InputError {
    if opaque > 0 {
        return error(
            InputErrorKind::Unsupported,
            format!(
                "PDF 有 {opaque} 个字形无法转换为文字（字体没有 Unicode 映射）：请从原始 Word/WPS 文档重新导出 PDF，或直接检查 DOCX"
            ),
            format!(
                "the PDF has {opaque} glyphs that cannot be turned into text (its fonts have no Unicode map): export the PDF again from the original Word/WPS document, or check the DOCX"
            ),
        );
    }
    let (zh, en) = if images > 0 {
        (
            format!("PDF 共 {pages} 页，没有文字层，只有图像（扫描件）：请先用 OCR 识别（如 tesseract -l chi_sim，或 WPS/Acrobat 的“识别文字”），另存为带文字的 PDF 或 DOCX 再检查"),
            format!("the PDF's {pages} pages have no text layer, only images (a scan): run OCR first (e.g. tesseract -l chi_sim, or the text recognition of WPS/Acrobat) and check the PDF or DOCX with text it produces"),
        )
    } else {
        (
            format!("PDF 共 {pages} 页，没有任何文字"),
            format!("the PDF's {pages} pages contain no text"),
        )
    };
    error(InputErrorKind::Unsupported, zh, en)
}
