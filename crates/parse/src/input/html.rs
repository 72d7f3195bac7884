//! HTML → visible text, with a map from every text offset back to the
//! HTML source.
//!
//! A small tokenizer (HTML5 rules for tags, attributes, comments and raw
//! text elements; it never fails) followed by an emitter that keeps what a
//! reader sees: `head`, `script`, `style`, `template`, hidden elements
//! (`hidden`, `display:none`) are dropped; block elements and `<br>` break
//! lines; whitespace collapses; entities are decoded. Tables become one
//! line per row with tab-separated cells on the table grid (colspan →
//! empty cells after the cell, rowspan → empty cells below). A table that
//! contains another table, or has only one column, is a layout table: its
//! cells are blocks, not tab-separated cells.

use super::out::{Flow, Grid, Out};
use super::SourceMap;
use encoding_rs::Encoding;
use memchr::memchr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Other,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Base,
    Script,
    Style,
    Template,
    Noscript,
    Iframe,
    Noembed,
    Noframes,
    Svg,
    Math,
    Select,
    Object,
    Br,
    Hr,
    /// A block element (p, div, h1, li, …).
    Block,
    /// A block element whose end tag may be omitted (p, li, dt, dd).
    OptBlock,
    Table,
    Caption,
    Section, // thead, tbody, tfoot
    Tr,
    Td,
    Pre,
    Textarea,
    Xmp,
    Plaintext,
    /// Void elements other than br/hr/meta/link/base (img, input, …).
    Void,
}

fn tag_of(name: &[u8]) -> Tag {
    let mut buf = [0u8; 12];
    if name.len() > buf.len() {
        return Tag::Other;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..name.len()] {
        b"html" => Tag::Html,
        b"head" => Tag::Head,
        b"body" => Tag::Body,
        b"title" => Tag::Title,
        b"meta" => Tag::Meta,
        b"link" => Tag::Link,
        b"base" => Tag::Base,
        b"script" => Tag::Script,
        b"style" => Tag::Style,
        b"template" => Tag::Template,
        b"noscript" => Tag::Noscript,
        b"iframe" => Tag::Iframe,
        b"noembed" => Tag::Noembed,
        b"noframes" => Tag::Noframes,
        b"svg" => Tag::Svg,
        b"math" => Tag::Math,
        b"select" | b"datalist" => Tag::Select,
        b"object" => Tag::Object,
        b"br" => Tag::Br,
        b"hr" => Tag::Hr,
        b"p" | b"li" | b"dt" | b"dd" | b"option" => Tag::OptBlock,
        b"address" | b"article" | b"aside" | b"blockquote" | b"center" | b"details" | b"dialog"
        | b"dir" | b"div" | b"dl" | b"fieldset" | b"figcaption" | b"figure" | b"footer"
        | b"form" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"header" | b"hgroup"
        | b"legend" | b"main" | b"menu" | b"nav" | b"ol" | b"section" | b"summary" | b"ul"
        | b"frameset" | b"listing" => Tag::Block,
        b"table" => Tag::Table,
        b"caption" => Tag::Caption,
        b"thead" | b"tbody" | b"tfoot" => Tag::Section,
        b"tr" => Tag::Tr,
        b"td" | b"th" => Tag::Td,
        b"pre" => Tag::Pre,
        b"textarea" => Tag::Textarea,
        b"xmp" => Tag::Xmp,
        b"plaintext" => Tag::Plaintext,
        b"area" | b"col" | b"embed" | b"img" | b"input" | b"param" | b"source" | b"track"
        | b"wbr" | b"keygen" | b"image" => Tag::Void,
        _ => Tag::Other,
    }
}

/// Elements whose content is raw text up to their end tag.
fn is_raw(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Script
            | Tag::Style
            | Tag::Title
            | Tag::Textarea
            | Tag::Xmp
            | Tag::Iframe
            | Tag::Noembed
            | Tag::Noframes
            | Tag::Noscript
            | Tag::Plaintext
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Character data (entities not yet decoded).
    Text,
    /// Content of a raw text element (`tag` says which).
    Raw,
    Start,
    End,
    /// A comment, or markup dropped as one (doctype, `<?…>`, `<![…]>`).
    Comment,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    tag: Tag,
    self_closing: bool,
    /// For a table start tag: the table is a layout table.
    layout: bool,
    start: u32,
    end: u32,
    /// End of the tag name (Start/End).
    name_end: u32,
}

impl Tok {
    fn name<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        let from = self.start as usize + if self.kind == Kind::End { 2 } else { 1 };
        &src[from..self.name_end as usize]
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&hay[from.min(hay.len())..], needle).map(|i| from + i)
}

/// Where the tag starting at `lt` ends (after `>`) and whether it is
/// self-closing; skips quoted attribute values. `None` at end of input.
fn scan_tag(b: &[u8], mut j: usize) -> Option<(usize, bool)> {
    let n = b.len();
    loop {
        while j < n && is_ws(b[j]) {
            j += 1;
        }
        if j >= n {
            return None;
        }
        match b[j] {
            b'>' => return Some((j + 1, false)),
            b'/' => {
                if j + 1 < n && b[j + 1] == b'>' {
                    return Some((j + 2, true));
                }
                j += 1;
                continue;
            }
            _ => {}
        }
        // Attribute name (at least one byte).
        j += 1;
        while j < n && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        while j < n && is_ws(b[j]) {
            j += 1;
        }
        if j < n && b[j] == b'=' {
            j += 1;
            while j < n && is_ws(b[j]) {
                j += 1;
            }
            if j < n && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                j = memchr(q, &b[j + 1..]).map_or(n, |k| j + 1 + k + 1);
            } else {
                while j < n && !is_ws(b[j]) && b[j] != b'>' {
                    j += 1;
                }
            }
        }
    }
}

/// The value of attribute `want` (ASCII case-insensitive) in the tag
/// whose attributes start at `j` and which ends at `end`.
fn attr<'a>(b: &'a [u8], mut j: usize, end: usize, want: &[u8]) -> Option<&'a [u8]> {
    let n = end.min(b.len());
    loop {
        while j < n && (is_ws(b[j]) || b[j] == b'/') {
            j += 1;
        }
        if j >= n || b[j] == b'>' {
            return None;
        }
        let name_start = j;
        j += 1;
        while j < n && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let name = &b[name_start..j];
        while j < n && is_ws(b[j]) {
            j += 1;
        }
        let mut value: &[u8] = b"";
        if j < n && b[j] == b'=' {
            j += 1;
            while j < n && is_ws(b[j]) {
                j += 1;
            }
            if j < n && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                let vs = j + 1;
                let ve = memchr(q, &b[vs..n]).map_or(n, |k| vs + k);
                value = &b[vs..ve];
                j = (ve + 1).min(n);
            } else {
                let vs = j;
                while j < n && !is_ws(b[j]) && b[j] != b'>' {
                    j += 1;
                }
                value = &b[vs..j];
            }
        }
        if name.eq_ignore_ascii_case(want) {
            return Some(value);
        }
    }
}

/// Finds `</name` (case-insensitive) followed by a delimiter, from `from`.
/// Returns (start of the end tag, end after its `>`).
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(k) = memchr(b'<', &b[i..]) {
        let p = i + k;
        let after = p + 2 + name.len();
        if b.get(p + 1) == Some(&b'/')
            && after <= b.len()
            && b[p + 2..after].eq_ignore_ascii_case(name)
            && (after == b.len() || is_ws(b[after]) || matches!(b[after], b'/' | b'>'))
        {
            let end = memchr(b'>', &b[after..]).map_or(b.len(), |k| after + k + 1);
            return Some((p, end));
        }
        i = p + 1;
    }
    None
}

fn tokenize(src: &str) -> Vec<Tok> {
    let b = src.as_bytes();
    let n = b.len();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let tok = |kind, tag, start: usize, end: usize, name_end: usize, sc| Tok {
        kind,
        tag,
        self_closing: sc,
        layout: false,
        start: start as u32,
        end: end as u32,
        name_end: name_end as u32,
    };
    while let Some(k) = memchr(b'<', &b[i..]) {
        let lt = i + k;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        let mut raw: Option<(Tag, usize, usize)> = None; // tag, name range
        let markup = if b[lt + 1..].starts_with(b"!--") {
            let end = if b[lt + 4..].starts_with(b">") {
                lt + 5
            } else if b[lt + 4..].starts_with(b"->") {
                lt + 6
            } else {
                find(b, lt + 4, b"-->").map_or(n, |e| e + 3)
            };
            Some(tok(Kind::Comment, Tag::Other, lt, end, lt, false))
        } else if next == b'!' || next == b'?' {
            let end = memchr(b'>', &b[lt + 1..]).map_or(n, |e| lt + 1 + e + 1);
            Some(tok(Kind::Comment, Tag::Other, lt, end, lt, false))
        } else if next == b'/' {
            let c = b.get(lt + 2).copied().unwrap_or(0);
            if c.is_ascii_alphabetic() {
                let mut ne = lt + 3;
                while ne < n && !is_ws(b[ne]) && b[ne] != b'/' && b[ne] != b'>' {
                    ne += 1;
                }
                let end = memchr(b'>', &b[ne..]).map_or(n, |e| ne + e + 1);
                Some(tok(Kind::End, tag_of(&b[lt + 2..ne]), lt, end, ne, false))
            } else if lt + 2 >= n {
                None
            } else {
                // `</>` or `</ …>`: dropped.
                let end = memchr(b'>', &b[lt + 2..]).map_or(n, |e| lt + 2 + e + 1);
                Some(tok(Kind::Comment, Tag::Other, lt, end, lt, false))
            }
        } else if next.is_ascii_alphabetic() {
            let mut ne = lt + 2;
            while ne < n && !is_ws(b[ne]) && b[ne] != b'/' && b[ne] != b'>' {
                ne += 1;
            }
            let tag = tag_of(&b[lt + 1..ne]);
            match scan_tag(b, ne) {
                Some((end, sc)) => {
                    if is_raw(tag) {
                        raw = Some((tag, lt + 1, ne));
                    }
                    Some(tok(Kind::Start, tag, lt, end, ne, sc))
                }
                // A tag cut off by the end of the file is dropped.
                None => Some(tok(Kind::Comment, Tag::Other, lt, n, ne, false)),
            }
        } else {
            None
        };
        let Some(m) = markup else {
            i = lt + 1;
            continue;
        };
        if text_start < lt {
            toks.push(tok(Kind::Text, Tag::Other, text_start, lt, lt, false));
        }
        i = m.end as usize;
        toks.push(m);
        if let Some((tag, ns, ne)) = raw {
            let (content_end, after) = if tag == Tag::Plaintext {
                (n, n)
            } else {
                find_end_tag(b, i, &b[ns..ne]).unwrap_or((n, n))
            };
            if i < content_end {
                toks.push(tok(Kind::Raw, tag, i, content_end, i, false));
            }
            if content_end < n {
                toks.push(tok(
                    Kind::End,
                    tag,
                    content_end,
                    after,
                    content_end + 2 + (ne - ns),
                    false,
                ));
            }
            i = after;
        }
        text_start = i;
    }
    if text_start < n {
        toks.push(tok(Kind::Text, Tag::Other, text_start, n, n, false));
    }
    mark_layout_tables(&mut toks);
    toks
}

/// Marks tables that contain another table, or that have only one
/// column, as layout tables.
fn mark_layout_tables(toks: &mut [Tok]) {
    struct Open {
        tok: usize,
        nested: bool,
        cells: u32,
        max_cells: u32,
    }
    let mut stack: Vec<Open> = Vec::new();
    let close = |toks: &mut [Tok], o: Open| {
        toks[o.tok].layout = o.nested || o.max_cells <= 1;
    };
    for k in 0..toks.len() {
        let t = toks[k];
        match (t.kind, t.tag) {
            (Kind::Start, Tag::Table) => {
                if let Some(top) = stack.last_mut() {
                    top.nested = true;
                }
                stack.push(Open {
                    tok: k,
                    nested: false,
                    cells: 0,
                    max_cells: 0,
                });
            }
            (Kind::Start, Tag::Tr) => {
                if let Some(top) = stack.last_mut() {
                    top.cells = 0;
                }
            }
            (Kind::Start, Tag::Td) => {
                if let Some(top) = stack.last_mut() {
                    top.cells += 1;
                    top.max_cells = top.max_cells.max(top.cells);
                }
            }
            (Kind::End, Tag::Table) => {
                if let Some(o) = stack.pop() {
                    close(toks, o);
                }
            }
            _ => {}
        }
    }
    while let Some(o) = stack.pop() {
        close(toks, o);
    }
}

struct Cell {
    flow: Flow,
    colspan: u32,
    rowspan: u32,
    src: usize,
}

struct Done {
    out: Out,
    colspan: u32,
    rowspan: u32,
    src: usize,
}

struct Table {
    layout: bool,
    grid: Grid,
    row: Option<(Vec<Done>, usize)>,
    cell: Option<Cell>,
}

/// Deepest table nesting honoured (deeper `<table>` tags are ignored).
const MAX_TABLE_DEPTH: usize = 64;

struct Skip {
    name_start: usize,
    name_end: usize,
    depth: u32,
}

struct Emitter<'a> {
    src: &'a str,
    body: Flow,
    tables: Vec<Table>,
    /// Indices of the data tables with an open cell, innermost last: the
    /// last one receives the text.
    sinks: Vec<usize>,
    /// `<table>` tags beyond `MAX_TABLE_DEPTH`, ignored.
    ignored_tables: u32,
    in_head: bool,
    skip: Option<Skip>,
    pre: u32,
    /// Drop a newline right after `<pre>`.
    pre_start: bool,
    budget: usize,
}

/// Extracts the visible text of an HTML document.
/// What a web page says about its article outside the article body: on
/// government sites the report's title and publisher often stand only
/// there (`<meta name="ArticleTitle">`, `<title>`, `<meta name="ContentSource">`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The article's title: `ArticleTitle`, else the first part of
    /// `<title>` ("平潭综合实验区2023年度…报告_政府信息公开年报_…").
    pub title: Option<String>,
    /// The publishing office (`ContentSource`).
    pub source: Option<String>,
}

/// The page's [`PageMeta`].
pub(crate) fn page_meta(src: &str) -> PageMeta {
    let b = src.as_bytes();
    let lower = src.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut article_title = None;
    let mut source = None;
    let mut from = 0;
    while let Some(at) = find(lb, from, b"<meta") {
        let end = memchr(b'>', &b[at..]).map_or(b.len(), |k| at + k + 1);
        let value = |want: &[u8]| {
            attr(b, at + 5, end, want).map(|v| {
                let (text, _) = extract(&String::from_utf8_lossy(v));
                text.trim().to_string()
            })
        };
        let name = attr(b, at + 5, end, b"name").unwrap_or(b"");
        if name.eq_ignore_ascii_case(b"ArticleTitle") {
            article_title = value(b"content").filter(|v| !v.is_empty());
        } else if name.eq_ignore_ascii_case(b"ContentSource") {
            source = value(b"content").filter(|v| !v.is_empty());
        }
        from = end;
    }
    let title = article_title.or_else(|| {
        let open = find(lb, 0, b"<title")?;
        let start = open + memchr(b'>', &b[open..])? + 1;
        let (close, _) = find_end_tag(b, start, b"title")?;
        let (text, _) = extract(&src[start..close]);
        let first = text.split(['_', '|']).next().unwrap_or("").trim();
        (!first.is_empty()).then(|| first.to_string())
    });
    PageMeta { title, source }
}

/// Markdown with HTML `<table>`s in it (converters write tables with
/// merged cells so: `pandoc -t commonmark`): the Markdown is kept as it
/// is and each table becomes its tab-separated rows, as in an HTML page.
/// `None` when there is no table.
pub(crate) fn extract_embedded_tables(src: &str) -> Option<(String, SourceMap)> {
    let lower = src.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut text = String::with_capacity(src.len());
    let mut points: Vec<(u32, u32)> = Vec::new();
    let mut done = 0usize;
    let mut from = 0usize;
    while let Some(open) = find(b, from, b"<table") {
        // The matching end tag, over nested tables.
        let mut depth = 0usize;
        let mut at = open;
        let close = loop {
            let next_open = find(b, at + 1, b"<table");
            let next_close = find(b, at + 1, b"</table");
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    at = o;
                }
                (_, Some(c)) if depth > 0 => {
                    depth -= 1;
                    at = c;
                }
                (_, Some(c)) => break b[c..].iter().position(|&x| x == b'>').map(|p| c + p + 1),
                _ => break None,
            }
        };
        let Some(close) = close else { break };
        points.push((text.len() as u32, done as u32));
        text.push_str(&src[done..open]);
        let (table, map) = extract(&src[open..close]);
        let base = text.len() as u32;
        points.extend(map.points.iter().map(|&(t, s)| (base + t, open as u32 + s)));
        text.push_str(&table);
        done = close;
        from = close;
    }
    if done == 0 {
        return None;
    }
    points.push((text.len() as u32, done as u32));
    text.push_str(&src[done..]);
    points.dedup_by_key(|p| p.0);
    Some((
        text,
        SourceMap {
            points,
            pages: None,
        },
    ))
}

pub(crate) fn extract(src: &str) -> (String, SourceMap) {
    let toks = tokenize(src);
    let mut e = Emitter {
        src,
        body: Flow::body(),
        tables: Vec::new(),
        sinks: Vec::new(),
        ignored_tables: 0,
        in_head: false,
        skip: None,
        pre: 0,
        pre_start: false,
        budget: 4 * src.len() + 100_000,
    };
    for t in &toks {
        e.token(t);
    }
    while !e.tables.is_empty() {
        e.close_table(src.len());
    }
    e.body.block_break(src.len());
    let Out { text, mut points } = e.body.out;
    // The end of the text is the end of the source (and an empty text
    // still has a map).
    let (t_end, s_end) = (text.len() as u32, src.len() as u32);
    if points.last().is_some_and(|&(t, _)| t == t_end) {
        points.pop();
    }
    points.push((t_end, s_end));
    (
        text,
        SourceMap {
            points,
            pages: None,
        },
    )
}

impl<'a> Emitter<'a> {
    fn sink(&mut self) -> &mut Flow {
        match self.sinks.last() {
            Some(&i) => match &mut self.tables[i].cell {
                Some(cell) => &mut cell.flow,
                None => &mut self.body,
            },
            None => &mut self.body,
        }
    }

    fn token(&mut self, t: &Tok) {
        let b = self.src.as_bytes();
        if let Some(skip) = &mut self.skip {
            let same = |t: &Tok| {
                t.name(b)
                    .eq_ignore_ascii_case(&b[skip.name_start..skip.name_end])
            };
            match t.kind {
                Kind::Start if !t.self_closing && same(t) => skip.depth += 1,
                Kind::End if same(t) => {
                    skip.depth -= 1;
                    if skip.depth == 0 {
                        self.skip = None;
                    }
                }
                Kind::End if matches!(t.tag, Tag::Body | Tag::Html) => self.skip = None,
                _ => {}
            }
            return;
        }
        if self.in_head {
            match (t.kind, t.tag) {
                (Kind::End, Tag::Head) => {
                    self.in_head = false;
                    return;
                }
                (Kind::Start, Tag::Body) => self.in_head = false,
                (
                    Kind::Start,
                    Tag::Meta
                    | Tag::Title
                    | Tag::Style
                    | Tag::Script
                    | Tag::Noscript
                    | Tag::Template
                    | Tag::Link
                    | Tag::Base
                    | Tag::Other,
                )
                | (Kind::End | Kind::Raw, _) => return,
                (Kind::Start, _) => self.in_head = false,
                (Kind::Text, _) => {
                    let s = &self.src[t.start as usize..t.end as usize];
                    if s.bytes().all(is_ws) {
                        return;
                    }
                    self.in_head = false;
                }
                (Kind::Comment, _) => {}
            }
        }
        match t.kind {
            Kind::Text => self.text(t.start as usize, t.end as usize),
            Kind::Raw => {
                if matches!(t.tag, Tag::Textarea | Tag::Xmp | Tag::Plaintext) {
                    let (s, e) = (t.start as usize, t.end as usize);
                    let text = &self.src[s..e];
                    self.sink().pre(text, s);
                }
            }
            Kind::Comment => self.comment(t),
            Kind::Start => self.start(t),
            Kind::End => self.end(t),
        }
    }

    fn comment(&mut self, t: &Tok) {
        let (s, e) = (t.start as usize, t.end as usize);
        let whole = &self.src[s..e];
        let Some(inner) = whole.strip_prefix("<!--") else {
            return;
        };
        let inner = inner.strip_suffix("-->").unwrap_or(inner);
        if inner.trim_start().starts_with("nblint") {
            let mut line = Out::default();
            line.push(whole.trim_end_matches(['\r', '\n']), s);
            self.body.line(&line, s);
        }
    }

    fn hidden(&self, t: &Tok) -> bool {
        let b = self.src.as_bytes();
        let (j, end) = (t.name_end as usize, t.end as usize);
        if attr(b, j, end, b"hidden").is_some() {
            return true;
        }
        if let Some(style) = attr(b, j, end, b"style") {
            let compact: Vec<u8> = style
                .iter()
                .filter(|c| !c.is_ascii_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            return find(&compact, 0, b"display:none").is_some()
                || find(&compact, 0, b"visibility:hidden").is_some();
        }
        false
    }

    fn start_skip(&mut self, t: &Tok) {
        if t.self_closing {
            return;
        }
        let from = t.start as usize + 1;
        self.skip = Some(Skip {
            name_start: from,
            name_end: t.name_end as usize,
            depth: 1,
        });
    }

    fn span_attr(&self, t: &Tok, name: &[u8]) -> u32 {
        let b = self.src.as_bytes();
        let Some(v) = attr(b, t.name_end as usize, t.end as usize, name) else {
            return 1;
        };
        let digits: Vec<u8> = v
            .iter()
            .copied()
            .skip_while(|c| c.is_ascii_whitespace())
            .take_while(|c| c.is_ascii_digit())
            .take(6)
            .collect();
        match std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse::<u32>().ok())
        {
            Some(0) if name == b"rowspan" => u32::MAX, // to the end of the table
            Some(n) if n >= 1 => n,
            _ => 1,
        }
    }

    fn start(&mut self, t: &Tok) {
        let src = t.start as usize;
        match t.tag {
            Tag::Head => self.in_head = true,
            Tag::Html | Tag::Body | Tag::Hr => self.sink().block_break(src),
            Tag::Br => self.sink().line_break(src),
            Tag::Block => {
                if self.hidden(t) {
                    self.start_skip(t);
                } else {
                    self.sink().block_break(src);
                }
            }
            Tag::OptBlock | Tag::Caption => self.sink().block_break(src),
            Tag::Pre => {
                self.pre += 1;
                self.pre_start = true;
                self.sink().block_break(src);
            }
            Tag::Template | Tag::Svg | Tag::Math | Tag::Select | Tag::Object => self.start_skip(t),
            Tag::Table => {
                if self.hidden(t) {
                    self.start_skip(t);
                    return;
                }
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    self.ignored_tables += 1;
                    return;
                }
                self.sink().block_break(src);
                self.tables.push(Table {
                    layout: t.layout,
                    grid: Grid::default(),
                    row: None,
                    cell: None,
                });
            }
            Tag::Section => {
                if let Some(top) = self.tables.last() {
                    if !top.layout {
                        self.close_row(src);
                    }
                }
            }
            Tag::Tr => match self.tables.last() {
                Some(top) if !top.layout => {
                    self.close_row(src);
                    self.tables.last_mut().expect("checked").row = Some((Vec::new(), src));
                }
                _ => self.sink().block_break(src),
            },
            Tag::Td => match self.tables.last() {
                Some(top) if !top.layout => {
                    self.close_cell();
                    let colspan = self.span_attr(t, b"colspan");
                    let rowspan = self.span_attr(t, b"rowspan");
                    let top = self.tables.last_mut().expect("checked");
                    if top.row.is_none() {
                        top.row = Some((Vec::new(), src));
                    }
                    top.cell = Some(Cell {
                        flow: Flow::cell(),
                        colspan,
                        rowspan,
                        src,
                    });
                    let i = self.tables.len() - 1;
                    if self.sinks.last() != Some(&i) {
                        self.sinks.push(i);
                    }
                }
                Some(_) => self.sink().block_break(src),
                None => self.sink().whitespace(src, false),
            },
            Tag::Other if self.hidden(t) => self.start_skip(t),
            _ => {}
        }
    }

    fn end(&mut self, t: &Tok) {
        let src = t.start as usize;
        match t.tag {
            Tag::Head => self.in_head = false,
            Tag::Html | Tag::Body | Tag::Block | Tag::OptBlock | Tag::Caption => {
                self.sink().block_break(src)
            }
            Tag::Br => self.sink().line_break(src),
            Tag::Pre => {
                self.pre = self.pre.saturating_sub(1);
                self.sink().block_break(src);
            }
            Tag::Table if self.ignored_tables > 0 => self.ignored_tables -= 1,
            Tag::Table if !self.tables.is_empty() => self.close_table(src),
            Tag::Section | Tag::Tr => match self.tables.last() {
                Some(top) if !top.layout => self.close_row(src),
                Some(_) => self.sink().block_break(src),
                None => {}
            },
            Tag::Td => match self.tables.last() {
                Some(top) if !top.layout => self.close_cell(),
                Some(_) => self.sink().block_break(src),
                None => {}
            },
            _ => {}
        }
    }

    fn close_cell(&mut self) {
        let top_index = self.tables.len().wrapping_sub(1);
        let Some(top) = self.tables.last_mut() else {
            return;
        };
        if let Some(cell) = top.cell.take() {
            if self.sinks.last() == Some(&top_index) {
                self.sinks.pop();
            }
            let done = Done {
                out: cell.flow.finish_cell(),
                colspan: cell.colspan,
                rowspan: cell.rowspan,
                src: cell.src,
            };
            match &mut top.row {
                Some((cells, _)) => cells.push(done),
                None => top.row = Some((vec![done], cell.src)),
            }
        }
    }

    fn close_row(&mut self, src: usize) {
        self.close_cell();
        let Some(top) = self.tables.last_mut() else {
            return;
        };
        let Some((cells, row_src)) = top.row.take() else {
            return;
        };
        let spans: Vec<(u32, u32)> = cells.iter().map(|c| (c.colspan, c.rowspan)).collect();
        let slots = top.grid.place(&spans, &mut self.budget);
        if slots.is_empty() {
            return;
        }
        let mut line = Out::default();
        let mut sep_src = row_src;
        for (j, slot) in slots.iter().enumerate() {
            if let Some(i) = slot {
                sep_src = cells[*i].src;
            }
            if j > 0 {
                line.push("\t", sep_src);
            }
            if let Some(i) = slot {
                line.append(&cells[*i].out);
            }
        }
        let _ = src;
        self.sink().line(&line, row_src);
    }

    fn close_table(&mut self, src: usize) {
        let layout = self.tables.last().is_some_and(|t| t.layout);
        if !layout {
            self.close_row(src);
        }
        self.tables.pop();
        while self.sinks.last().is_some_and(|&i| i >= self.tables.len()) {
            self.sinks.pop();
        }
        self.sink().block_break(src);
    }

    fn text(&mut self, start: usize, end: usize) {
        let src = self.src;
        let s = &src[start..end];
        let b = s.as_bytes();
        let pre = self.pre > 0;
        let mut i = 0;
        if std::mem::take(&mut self.pre_start) && pre {
            if b.starts_with(b"\r\n") {
                i = 2;
            } else if b.starts_with(b"\n") || b.starts_with(b"\r") {
                i = 1;
            }
        }
        let mut run = i;
        let sink_flush = |this: &mut Self, from: usize, to: usize| {
            if from < to {
                let piece = &s[from..to];
                if pre {
                    this.sink().pre(piece, start + from);
                } else {
                    this.sink().content(piece, start + from);
                }
            }
        };
        while i < b.len() {
            let c = b[i];
            if c == b'&' {
                if let Some((value, len)) = entity(&b[i..]) {
                    sink_flush(self, run, i);
                    let mut buf = [0u8; 4];
                    let v: &str = match value {
                        Decoded::Str(s) => s,
                        Decoded::Char(c) => c.encode_utf8(&mut buf),
                    };
                    if !pre && v.len() == 1 && is_ws(v.as_bytes()[0]) {
                        let nl = matches!(v, "\n" | "\r");
                        self.sink().whitespace(start + i, nl);
                    } else if pre {
                        self.sink().pre(v, start + i);
                    } else {
                        self.sink().content(v, start + i);
                    }
                    i += len;
                    run = i;
                    continue;
                }
            } else if !pre && is_ws(c) {
                sink_flush(self, run, i);
                let ws_start = i;
                let mut nl = false;
                while i < b.len() && is_ws(b[i]) {
                    nl |= matches!(b[i], b'\n' | b'\r');
                    i += 1;
                }
                self.sink().whitespace(start + ws_start, nl);
                run = i;
                continue;
            }
            i += 1;
        }
        sink_flush(self, run, b.len());
    }
}

enum Decoded {
    Str(&'static str),
    Char(char),
}

/// Windows-1252 meanings of numeric references 0x80–0x9F (HTML spec).
const C1_REMAP: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// Names that browsers decode even without the semicolon (the common
/// ones of the legacy set).
const LEGACY: &[&[u8]] = &[
    b"amp", b"lt", b"gt", b"quot", b"nbsp", b"copy", b"reg", b"AMP", b"LT", b"GT", b"QUOT",
    b"COPY", b"REG", b"middot", b"times", b"divide", b"deg", b"plusmn", b"sect", b"yen",
];

/// Decodes the character reference at the start of `b` (which starts
/// with `&`): the value and the length of the reference.
fn entity(b: &[u8]) -> Option<(Decoded, usize)> {
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let mut j = from;
        let mut v: u32 = 0;
        while j < b.len() {
            let d = match (hex, b[j]) {
                (_, c @ b'0'..=b'9') => (c - b'0') as u32,
                (true, c @ b'a'..=b'f') => (c - b'a' + 10) as u32,
                (true, c @ b'A'..=b'F') => (c - b'A' + 10) as u32,
                _ => break,
            };
            v = v
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            j += 1;
        }
        if j == from {
            return None;
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        let v = match v {
            0 => 0xFFFD,
            0x80..=0x9F => C1_REMAP[(v - 0x80) as usize],
            v => v,
        };
        return Some((Decoded::Char(char::from_u32(v).unwrap_or('\u{FFFD}')), j));
    }
    let mut j = 1;
    while j < b.len() && j <= 33 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let name = &b[1..j];
    if name.is_empty() {
        return None;
    }
    let semi = b.get(j) == Some(&b';');
    if !semi && !LEGACY.contains(&name) {
        return None;
    }
    let table = &html_escape::NAMED_ENTITIES;
    let i = table.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    Some((Decoded::Str(table[i].1), j + semi as usize))
}

/// The bytes start like an HTML document (after a UTF-8 BOM and blanks).
pub(crate) fn sniff(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|&c| !is_ws(c)).unwrap_or(b.len());
    sniff_start(&b[start..b.len().min(start + 4096)])
}

/// Decoded text that starts like an HTML document.
pub(crate) fn sniff_text(text: &str) -> bool {
    let t = text.trim_start();
    let end = t.len().min(4096);
    sniff_start(&t.as_bytes()[..end])
}

fn sniff_start(b: &[u8]) -> bool {
    let lower: Vec<u8> = b.iter().map(|c| c.to_ascii_lowercase()).collect();
    const STARTS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<table",
        b"<style",
    ];
    if STARTS.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    if lower.starts_with(b"<!--") || lower.starts_with(b"<?xml") {
        return find(&lower, 0, b"<html").is_some() || find(&lower, 0, b"<body").is_some();
    }
    false
}

/// The charset an HTML document declares (`<meta charset>`, `<meta
/// http-equiv content="…; charset=…">`, `<?xml encoding>`), from its
/// first 8 KiB.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(8192)];
    let lower: Vec<u8> = b.iter().map(|c| c.to_ascii_lowercase()).collect();
    let label_after = |mut j: usize| -> Option<&'static Encoding> {
        while j < lower.len() && (is_ws(lower[j]) || matches!(lower[j], b'=' | b'"' | b'\'')) {
            j += 1;
        }
        let s = j;
        while j < lower.len()
            && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_' | b':' | b'.'))
        {
            j += 1;
        }
        Encoding::for_label(&lower[s..j])
    };
    if lower.starts_with(b"<?xml") {
        let end = memchr(b'>', &lower).unwrap_or(lower.len());
        if let Some(p) = find(&lower[..end], 0, b"encoding") {
            if let Some(enc) = label_after(p + 8) {
                return Some(enc);
            }
        }
    }
    let mut from = 0;
    while let Some(p) = find(&lower, from, b"<meta") {
        let end = memchr(b'>', &lower[p..]).map_or(lower.len(), |e| p + e);
        if let Some(c) = find(&lower[..end], p, b"charset") {
            if let Some(enc) = label_after(c + 7) {
                return Some(enc);
            }
        }
        from = p + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html).0
    }

    #[test]
    fn paragraphs_and_breaks() {
        let t = text("<html><head><title>x</title><style>p{}</style></head><body><p>一、总体\n情况</p><p>a<br>b &amp; c&nbsp;d</p><script>var x='<p>';</script></body></html>");
        assert_eq!(t, "一、总体情况\na\nb & c\u{a0}d\n");
    }

    #[test]
    fn table_spans() {
        let html =
            "<table><tr><td rowspan=2>三</td><td colspan=2>（一）予以公开</td><td>6</td></tr>\
                    <tr><td>a</td><td>b</td><td>c</td></tr></table>";
        assert_eq!(text(html), "三\t（一）予以公开\t\t6\n\ta\tb\tc\n");
    }

    #[test]
    fn entity_decoding() {
        assert!(matches!(
            entity(b"&#x4E00;"),
            Some((Decoded::Char('一'), 8))
        ));
        assert!(matches!(
            entity(b"&#150;"),
            Some((Decoded::Char('\u{2013}'), 6))
        ));
        assert!(matches!(
            entity(b"&ldquo;x"),
            Some((Decoded::Str("\u{201C}"), 7))
        ));
        assert!(matches!(
            entity(b"&nbsp "),
            Some((Decoded::Str("\u{a0}"), 5))
        ));
        assert!(entity(b"&foo bar").is_none());
        assert!(entity(b"& x").is_none());
    }

    #[test]
    fn page_meta_from_the_head() {
        let m = page_meta("<html><head><meta name=\"ArticleTitle\" content=\"甲市2023年度政府信息公开工作年度报告\"><title>x_年报_甲市</title><meta name=\"ContentSource\" content=\"甲市办公室\"></head>");
        assert_eq!(
            m.title.as_deref(),
            Some("甲市2023年度政府信息公开工作年度报告")
        );
        assert_eq!(m.source.as_deref(), Some("甲市办公室"));
        let m = page_meta(
            "<title>\n乙县2019年政府信息公开工作年度报告_政府信息公开年报_乙县人民政府</title>",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("乙县2019年政府信息公开工作年度报告")
        );
        assert_eq!(page_meta("<p>no head</p>"), PageMeta::default());
    }

    #[test]
    fn charset() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=gbk>"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared_charset(
                b"<META http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
            ),
            Some(encoding_rs::GBK)
        );
    }

    #[test]
    fn hidden_and_markers() {
        let t = text("<div style=\"display: none\"><div>x</div>y</div><p>z</p><!-- nblint-disable-next-line a/b -->\n<p>w</p>");
        assert_eq!(t, "z\n<!-- nblint-disable-next-line a/b -->\nw\n");
    }

    #[test]
    fn never_panics_on_fragments() {
        for s in [
            "<",
            "<a",
            "</",
            "</a",
            "<!",
            "<!-",
            "<!--",
            "<!-- x",
            "&",
            "&#",
            "&#x",
            "&#99999999999;",
            "<table><td>",
            "<td>x</td>",
            "</table></tr>",
            "<pre>",
            "<script>",
            "<p\"=>",
            "<a b='>",
            "<table><tr><td rowspan=0>x<tr><td>y",
            "<textarea>a&amp;b",
        ] {
            let (t, m) = extract(s);
            let _ = m.to_source(t.len() as u32);
        }
    }
}
