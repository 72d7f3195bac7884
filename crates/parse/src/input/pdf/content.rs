//! Content streams → positioned characters and ruling lines.
//!
//! A small interpreter of the operators that place text (`BT`…`ET`, `Tf`,
//! `Tm`, `Td`, `TJ`…) and draw straight lines (`m`/`l`/`re` then a paint
//! operator), through `q`/`Q`/`cm` and form XObjects. Everything else
//! (colours, images, shading) is ignored. Work is bounded by a shared
//! [`Budget`].

use super::fonts::{deref, num, Font, Glyph};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// A character placed on the page (PDF user space, y up).
#[derive(Clone, Debug)]
pub(crate) struct Char {
    pub text: String,
    /// Origin (start of the baseline) and the end of its advance.
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Font size in user space.
    pub size: f32,
}

/// A straight horizontal or vertical line segment (or the edge of a thin
/// filled rectangle), y up.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Segment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// Limits shared by all pages of one file.
pub(crate) struct Budget {
    /// Bytes of content streams still allowed to be decompressed.
    pub bytes: usize,
    /// Operators still allowed to be interpreted.
    pub ops: usize,
    /// Characters still allowed to be placed.
    pub chars: usize,
    pub exhausted: bool,
}

impl Budget {
    pub(crate) fn new() -> Budget {
        Budget {
            bytes: 256 << 20,
            ops: 50_000_000,
            chars: 20_000_000,
            exhausted: false,
        }
    }
}

type M = [f32; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct TextState {
    font: Option<std::rc::Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

#[derive(Clone)]
struct GState {
    ctm: M,
    text: TextState,
}

/// What a page yields.
#[derive(Default)]
pub(crate) struct PageContent {
    pub chars: Vec<Char>,
    pub segments: Vec<Segment>,
    /// Codes shown in fonts that cannot be mapped to text.
    pub opaque_glyphs: usize,
    /// Images drawn (a scan is images without text).
    pub images: usize,
}

pub(crate) struct Interp<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, std::rc::Rc<Font>>,
    pub budget: Budget,
}

const MAX_FORM_DEPTH: usize = 12;
/// Largest content stream decompressed (real pages are a few hundred KiB).
const MAX_CONTENT_STREAM: usize = 64 << 20;
const MAX_STACK: usize = 256;

impl<'a> Interp<'a> {
    pub(crate) fn new(doc: &'a Document) -> Self {
        Interp {
            doc,
            fonts: HashMap::new(),
            budget: Budget::new(),
        }
    }

    /// Interprets one page's content.
    pub(crate) fn page(&mut self, page: ObjectId) -> PageContent {
        let mut out = PageContent::default();
        let resources = page_resources(self.doc, page);
        let mut bytes = Vec::new();
        for id in self.doc.get_page_contents(page) {
            if let Ok(Object::Stream(s)) = self.doc.get_object(id) {
                match self.decode(s) {
                    Some(b) => {
                        bytes.extend_from_slice(&b);
                        bytes.push(b'\n');
                    }
                    None if self.budget.exhausted => return out,
                    None => {}
                }
            }
        }
        let gs = GState {
            ctm: ID,
            text: TextState {
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
        };
        let mut visiting = Vec::new();
        self.run(&bytes, resources.as_ref(), gs, &mut out, &mut visiting);
        out
    }

    /// A content stream's bytes, within the budget: a stream that would
    /// decompress past it (a compression bomb) exhausts the budget; one
    /// that is merely damaged is skipped.
    fn decode(&mut self, s: &lopdf::Stream) -> Option<Vec<u8>> {
        let limit = self.budget.bytes.min(MAX_CONTENT_STREAM);
        let plain = s.filters().map(|f| f.is_empty()).unwrap_or(true);
        let result = if plain {
            Ok(s.content.clone())
        } else {
            s.decompressed_content_with_limit(limit)
        };
        match result {
            Ok(b) if b.len() <= limit => {
                self.budget.bytes -= b.len();
                Some(b)
            }
            Ok(_)
            | Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                self.budget.exhausted = true;
                None
            }
            Err(_) => None,
        }
    }

    fn run(
        &mut self,
        bytes: &[u8],
        resources: Option<&Dictionary>,
        gs: GState,
        out: &mut PageContent,
        visiting: &mut Vec<ObjectId>,
    ) {
        let mut stack: Vec<GState> = Vec::new();
        let mut gs = gs;
        let mut tm = ID;
        let mut tlm = ID;
        let mut path: Vec<Segment> = Vec::new();
        let mut cur = (0.0f32, 0.0f32);
        let mut start = (0.0f32, 0.0f32);
        let mut glyphs: Vec<Glyph> = Vec::new();
        for op in Content::decode_iter(bytes) {
            let Ok(op) = op else { break };
            if self.budget.ops == 0 || self.budget.chars == 0 {
                self.budget.exhausted = true;
                return;
            }
            self.budget.ops -= 1;
            let a = &op.operands;
            let f = |i: usize| a.get(i).and_then(|o| num(self.doc, o)).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                "Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                "cm" => gs.ctm = mul(&[f(0), f(1), f(2), f(3), f(4), f(5)], &gs.ctm),
                "BT" => {
                    tm = ID;
                    tlm = ID;
                }
                "Tf" => {
                    gs.text.size = f(1);
                    gs.text.font = a
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|n| self.font(resources, n));
                }
                "Tc" => gs.text.char_spacing = f(0),
                "Tw" => gs.text.word_spacing = f(0),
                "Tz" => gs.text.scale = f(0) / 100.0,
                "TL" => gs.text.leading = f(0),
                "Ts" => gs.text.rise = f(0),
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.text.leading = -f(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [f(0), f(1), f(2), f(3), f(4), f(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.text.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            gs.text.word_spacing = f(0);
                            gs.text.char_spacing = f(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.text.leading], &tlm);
                        tm = tlm;
                    }
                    let items: Vec<&Object> = match (op.operator.as_str(), a.last()) {
                        ("TJ", Some(Object::Array(arr))) => arr.iter().collect(),
                        (_, Some(o)) => vec![o],
                        _ => vec![],
                    };
                    for item in items {
                        match item {
                            Object::String(s, _) => {
                                glyphs.clear();
                                let font = gs.text.font.clone();
                                let font = font.as_deref();
                                match font {
                                    Some(font) => font.decode(s, &mut glyphs),
                                    None => Font::unknown().decode(s, &mut glyphs),
                                }
                                let opaque = font.is_some_and(Font::is_opaque);
                                for g in glyphs.drain(..) {
                                    self.show(&gs, &mut tm, g, opaque, out);
                                }
                            }
                            o => {
                                if let Some(n) = num(self.doc, o) {
                                    let tx = -n / 1000.0 * gs.text.size * gs.text.scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                "m" => {
                    cur = (f(0), f(1));
                    start = cur;
                }
                "l" => {
                    let p = (f(0), f(1));
                    path.push(seg(&gs.ctm, cur, p));
                    cur = p;
                }
                "h" => {
                    path.push(seg(&gs.ctm, cur, start));
                    cur = start;
                }
                "re" => {
                    let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                    let c = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                    for k in 0..4 {
                        path.push(seg(&gs.ctm, c[k], c[(k + 1) % 4]));
                    }
                    // A thin filled rectangle is a line: keep its middle.
                    let (p, q) = if w.abs() < h.abs() {
                        ((x + w / 2.0, y), (x + w / 2.0, y + h))
                    } else {
                        ((x, y + h / 2.0), (x + w, y + h / 2.0))
                    };
                    if w.abs().min(h.abs()) < 3.0 {
                        path.truncate(path.len() - 4);
                        path.push(seg(&gs.ctm, p, q));
                    }
                    cur = (x, y);
                    start = cur;
                }
                "c" | "v" | "y" => {
                    // Curves are not table rules; move along.
                    let n = a.len();
                    cur = (f(n.saturating_sub(2)), f(n.saturating_sub(1)));
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if path.len() < 100_000 {
                        out.segments
                            .extend(path.drain(..).filter(is_axis_line).take(100_000));
                    }
                    path.clear();
                }
                "n" => path.clear(),
                "Do" => {
                    if let Some(n) = a.first().and_then(|o| o.as_name().ok()) {
                        self.xobject(resources, n, &gs, out, visiting);
                    }
                }
                _ => {}
            }
        }
    }

    fn show(&mut self, gs: &GState, tm: &mut M, g: Glyph, opaque: bool, out: &mut PageContent) {
        let t = &gs.text;
        let trm = mul(
            &mul(&[t.size * t.scale, 0.0, 0.0, t.size, 0.0, t.rise], tm),
            &gs.ctm,
        );
        let adv = g.advance * t.size
            + t.char_spacing
            + if g.is_space_code { t.word_spacing } else { 0.0 };
        let adv = adv * t.scale;
        let end = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], tm);
        let end_dev = mul(&end, &gs.ctm);
        let (x0, y0) = (trm[4], trm[5]);
        let (x1, y1) = apply(&end_dev, 0.0, t.rise);
        *tm = end;
        if opaque && g.text.is_empty() {
            out.opaque_glyphs += 1;
        }
        if g.text.is_empty() || g.text.chars().all(char::is_whitespace) {
            return;
        }
        let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return;
        }
        self.budget.chars = self.budget.chars.saturating_sub(1);
        out.chars.push(Char {
            text: g.text,
            x0,
            y0,
            x1,
            y1,
            size,
        });
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<std::rc::Rc<Font>> {
        let fonts = resources?.get(b"Font").ok().map(|o| deref(self.doc, o))?;
        let entry = fonts.as_dict().ok()?.get(name).ok()?;
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(f.clone());
        }
        let dict = deref(self.doc, entry).as_dict().ok()?;
        let font = std::rc::Rc::new(Font::load(self.doc, dict));
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        Some(font)
    }

    fn xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        gs: &GState,
        out: &mut PageContent,
        visiting: &mut Vec<ObjectId>,
    ) {
        let Some(Object::Reference(id)) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .map(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(name).ok())
        else {
            return;
        };
        let Ok(Object::Stream(s)) = self.doc.get_object(*id) else {
            return;
        };
        let subtype = s
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Image" {
            out.images += 1;
            return;
        }
        if subtype != b"Form" || visiting.contains(id) || visiting.len() >= MAX_FORM_DEPTH {
            return;
        }
        let Ok(bytes) = s
            .decompressed_content_with_limit(self.budget.bytes)
            .or_else(|e| {
                if s.filters().map(|f| f.is_empty()).unwrap_or(true) {
                    Ok(s.content.clone())
                } else {
                    Err(e)
                }
            })
        else {
            return;
        };
        self.budget.bytes = self.budget.bytes.saturating_sub(bytes.len());
        let matrix = s
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .filter(|a| a.len() == 6)
            .map(|a| {
                let v: Vec<f32> = a.iter().map(|o| num(self.doc, o).unwrap_or(0.0)).collect();
                [v[0], v[1], v[2], v[3], v[4], v[5]]
            })
            .unwrap_or(ID);
        let mut inner = gs.clone();
        inner.ctm = mul(&matrix, &gs.ctm);
        let own = s
            .dict
            .get(b"Resources")
            .ok()
            .map(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok())
            .cloned();
        visiting.push(*id);
        self.run(&bytes, own.as_ref().or(resources), inner, out, visiting);
        visiting.pop();
    }
}

fn seg(ctm: &M, a: (f32, f32), b: (f32, f32)) -> Segment {
    let (x0, y0) = apply(ctm, a.0, a.1);
    let (x1, y1) = apply(ctm, b.0, b.1);
    Segment { x0, y0, x1, y1 }
}

fn is_axis_line(s: &Segment) -> bool {
    let (dx, dy) = ((s.x1 - s.x0).abs(), (s.y1 - s.y0).abs());
    s.x0.is_finite()
        && s.y0.is_finite()
        && s.x1.is_finite()
        && s.y1.is_finite()
        && (dx < 1.0 || dy < 1.0)
        && dx.max(dy) > 2.0
}

/// A page's resources, inherited from its ancestors when it has none.
fn page_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut id = page;
    for _ in 0..64 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(r) = dict.get(b"Resources") {
            return deref(doc, r).as_dict().ok().cloned();
        }
        match dict.get(b"Parent") {
            Ok(Object::Reference(p)) => id = *p,
            _ => return None,
        }
    }
    None
}

/// The page's box (MediaBox, inherited) and rotation.
pub(crate) fn page_geometry(doc: &Document, page: ObjectId) -> ([f32; 4], i64) {
    let mut id = page;
    let mut bbox = None;
    let mut rotate = None;
    for _ in 0..64 {
        let Ok(dict) = doc.get_dictionary(id) else {
            break;
        };
        if bbox.is_none() {
            bbox = dict
                .get(b"CropBox")
                .or_else(|_| dict.get(b"MediaBox"))
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .filter(|a| a.len() == 4)
                .map(|a| {
                    let v: Vec<f32> = a.iter().map(|o| num(doc, o).unwrap_or(0.0)).collect();
                    [
                        v[0].min(v[2]),
                        v[1].min(v[3]),
                        v[0].max(v[2]),
                        v[1].max(v[3]),
                    ]
                });
        }
        if rotate.is_none() {
            rotate = dict
                .get(b"Rotate")
                .ok()
                .and_then(|o| deref(doc, o).as_i64().ok());
        }
        match dict.get(b"Parent") {
            Ok(Object::Reference(p)) => id = *p,
            _ => break,
        }
    }
    (
        bbox.unwrap_or([0.0, 0.0, 595.0, 842.0]),
        rotate.unwrap_or(0).rem_euclid(360),
    )
}
