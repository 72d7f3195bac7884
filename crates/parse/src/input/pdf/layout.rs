//! Positioned characters and ruling lines → the text the parser reads.
//!
//! Per page: coordinates are turned so that text reads left to right from
//! the top (page `/Rotate` and rotated table pages); tables come from the
//! ruling lines (a grid of the distinct rule positions; a missing rule
//! between two grid cells merges them), characters outside tables form
//! lines by baseline. Across pages: running headers, footers and page
//! numbers are dropped; lines that wrap are joined into one paragraph; a
//! table continued on the next page goes on as the same run of rows (a
//! repeated heading row is dropped). Tables are printed as the DOCX reader
//! prints them: one line per row, cells separated by tabs, a merged cell's
//! text in its first grid cell and empty cells for the rest.

use super::content::{Char, Segment};
use super::PageMap;
use crate::input::out::{join_soft, needs_space};

/// A character in reading space: y down from the top of the page.
#[derive(Clone, Debug)]
struct Glyph {
    text: String,
    left: f32,
    right: f32,
    base: f32,
    size: f32,
}

impl Glyph {
    fn mid_y(&self) -> f32 {
        self.base - self.size * 0.35
    }
    fn mid_x(&self) -> f32 {
        (self.left + self.right) / 2.0
    }
}

/// One page's input.
pub(crate) struct RawPage {
    pub chars: Vec<Char>,
    pub segments: Vec<Segment>,
    pub bbox: [f32; 4],
    pub rotate: i64,
}

/// A line of text with where it is.
#[derive(Clone, Debug)]
struct Line {
    page: u32,
    top: f32,
    base: f32,
    left: f32,
    right: f32,
    size: f32,
    /// Pieces of text with the position of each piece's first character.
    pieces: Vec<(String, f32, f32)>,
}

impl Line {
    fn text(&self) -> String {
        self.pieces.iter().map(|p| p.0.as_str()).collect()
    }
}

#[derive(Clone, Debug)]
struct Table {
    page: u32,
    top: f32,
    /// Column boundaries (for matching a continuation on the next page).
    xs: Vec<f32>,
    /// Rows of cells; each cell's pieces (empty for a continuation).
    rows: Vec<Vec<Vec<(String, f32, f32)>>>,
}

#[derive(Clone, Debug)]
enum Block {
    Line(Line),
    Table(Table),
}

impl Block {
    fn top(&self) -> f32 {
        match self {
            Block::Line(l) => l.top,
            Block::Table(t) => t.top,
        }
    }
}

/// Page dimensions in reading space.
#[derive(Clone, Copy)]
struct Dim {
    width: f32,
    height: f32,
}

/// Lays out all pages: the text and its page map.
pub(crate) fn layout(pages: Vec<RawPage>) -> (String, PageMap) {
    let mut all: Vec<(Dim, Vec<Block>)> = Vec::with_capacity(pages.len());
    for (i, p) in pages.into_iter().enumerate() {
        let (dim, glyphs, hs, vs) = normalise(p);
        let mut blocks = page_blocks(i as u32 + 1, glyphs, &hs, &vs);
        blocks.sort_by(|a, b| a.top().total_cmp(&b.top()));
        all.push((dim, blocks));
    }
    drop_running_lines(&mut all);
    render(all)
}

/// Turns a page into reading space: `/Rotate` applied, then the whole page
/// turned so that most characters advance to the right.
/// A straight rule: (position across, from, to).
type Rule = (f32, f32, f32);

fn normalise(p: RawPage) -> (Dim, Vec<Glyph>, Vec<Rule>, Vec<Rule>) {
    let [bx0, by0, bx1, by1] = p.bbox;
    let (w, h) = (bx1 - bx0, by1 - by0);
    let rot = |x: f32, y: f32| -> (f32, f32) {
        match p.rotate {
            90 => (y - by0, x - bx0),
            180 => (bx1 - x, y - by0),
            270 => (by1 - y, bx1 - x),
            _ => (x - bx0, by1 - y),
        }
    };
    let (mut dw, mut dh) = if p.rotate == 90 || p.rotate == 270 {
        (h, w)
    } else {
        (w, h)
    };
    // Dominant direction of the text.
    let mut votes = [0usize; 4]; // right, down, left, up
    for c in &p.chars {
        let (ax, ay) = rot(c.x0, c.y0);
        let (bx, by) = rot(c.x1, c.y1);
        let (dx, dy) = (bx - ax, by - ay);
        let k = if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                0
            } else {
                2
            }
        } else if dy >= 0.0 {
            1
        } else {
            3
        };
        votes[k] += 1;
    }
    let dir = (0..4).max_by_key(|&k| (votes[k], k == 0)).unwrap_or(0);
    let (w0, h0) = (dw, dh);
    let turn = move |(x, y): (f32, f32)| -> (f32, f32) {
        match dir {
            1 => (y, w0 - x),      // text runs down: turn the page left
            2 => (w0 - x, h0 - y), // upside down
            3 => (h0 - y, x),      // text runs up: turn the page right
            _ => (x, y),
        }
    };
    if dir == 1 || dir == 3 {
        std::mem::swap(&mut dw, &mut dh);
    }
    let glyphs = p
        .chars
        .into_iter()
        .map(|c| {
            let a = turn(rot(c.x0, c.y0));
            let b = turn(rot(c.x1, c.y1));
            let (left, right) = if a.0 <= b.0 { (a.0, b.0) } else { (b.0, a.0) };
            Glyph {
                text: c.text,
                left,
                right: right.max(left + c.size * 0.3),
                base: a.1,
                size: c.size.clamp(1.0, 200.0),
            }
        })
        .collect();
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for s in p.segments {
        let a = turn(rot(s.x0, s.y0));
        let b = turn(rot(s.x1, s.y1));
        if (a.1 - b.1).abs() < 1.0 {
            hs.push(((a.1 + b.1) / 2.0, a.0.min(b.0), a.0.max(b.0)));
        } else if (a.0 - b.0).abs() < 1.0 {
            vs.push(((a.0 + b.0) / 2.0, a.1.min(b.1), a.1.max(b.1)));
        }
    }
    (
        Dim {
            width: dw,
            height: dh,
        },
        glyphs,
        hs,
        vs,
    )
}

/// Tolerance for two rules being at the same position (points).
const SNAP: f32 = 2.0;
/// Thinnest table row kept (points).
const MIN_ROW: f32 = 4.0;

/// Merges collinear rules that touch: (position, from, to).
fn merge_rules(mut rules: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    rules.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    'next: for r in rules {
        for o in out.iter_mut().rev().take(64) {
            if (o.0 - r.0).abs() <= SNAP && r.1 <= o.2 + SNAP && r.2 >= o.1 - SNAP {
                o.1 = o.1.min(r.1);
                o.2 = o.2.max(r.2);
                continue 'next;
            }
        }
        out.push(r);
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Distinct positions, SNAP apart.
fn cluster(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&l) if x - l <= SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

fn page_blocks(
    page: u32,
    glyphs: Vec<Glyph>,
    hs: &[(f32, f32, f32)],
    vs: &[(f32, f32, f32)],
) -> Vec<Block> {
    let hs = merge_rules(hs.to_vec());
    let vs = merge_rules(vs.to_vec());
    let mut blocks = Vec::new();
    let mut taken = vec![false; glyphs.len()];
    // Connected groups of rules.
    let n = hs.len() + vs.len();
    if n <= 20_000 {
        let mut parent: Vec<usize> = (0..n).collect();
        for (i, h) in hs.iter().enumerate() {
            for (j, v) in vs.iter().enumerate() {
                if v.0 >= h.1 - SNAP && v.0 <= h.2 + SNAP && h.0 >= v.1 - SNAP && h.0 <= v.2 + SNAP
                {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                    parent[a] = b;
                }
            }
        }
        let mut groups: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
            Default::default();
        for i in 0..hs.len() {
            let r = find(&mut parent, i);
            groups.entry(r).or_default().0.push(i);
        }
        for j in 0..vs.len() {
            let r = find(&mut parent, hs.len() + j);
            groups.entry(r).or_default().1.push(j);
        }
        for (_, (hi, vi)) in groups {
            if hi.len() < 2 || vi.len() < 2 {
                continue;
            }
            let gh: Vec<_> = hi.iter().map(|&i| hs[i]).collect();
            let gv: Vec<_> = vi.iter().map(|&j| vs[j]).collect();
            if let Some(t) = grid_table(page, &gh, &gv, &glyphs, &mut taken) {
                blocks.push(Block::Table(t));
            }
        }
    }
    let free: Vec<Glyph> = glyphs
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !t)
        .map(|(g, _)| g)
        .collect();
    for l in lines(page, free, true) {
        blocks.push(Block::Line(l));
    }
    blocks
}

/// A table from one connected group of rules.
fn grid_table(
    page: u32,
    hs: &[(f32, f32, f32)],
    vs: &[(f32, f32, f32)],
    glyphs: &[Glyph],
    taken: &mut [bool],
) -> Option<Table> {
    let ys = cluster(hs.iter().map(|h| h.0).collect());
    let xs = cluster(vs.iter().map(|v| v.0).collect());
    if ys.len() < 2 || xs.len() < 2 || ys.len() > 2000 || xs.len() > 200 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    // One box (a frame round the page or a paragraph, a filled
    // background) is not a table: its text stays lines.
    if nr * nc <= 1 {
        return None;
    }
    let has_v = |x: f32, y: f32| {
        vs.iter()
            .any(|v| (v.0 - x).abs() <= SNAP && v.1 - SNAP <= y && y <= v.2 + SNAP)
    };
    let has_h = |y: f32, x: f32| {
        hs.iter()
            .any(|h| (h.0 - y).abs() <= SNAP && h.1 - SNAP <= x && x <= h.2 + SNAP)
    };
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        let my = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..nc {
            let mx = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < nc && !has_v(xs[c + 1], my) {
                let (a, b) = (
                    find(&mut parent, r * nc + c),
                    find(&mut parent, r * nc + c + 1),
                );
                parent[a.max(b)] = a.min(b);
            }
            if r + 1 < nr && !has_h(ys[r + 1], mx) {
                let (a, b) = (
                    find(&mut parent, r * nc + c),
                    find(&mut parent, (r + 1) * nc + c),
                );
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    // The representative of a group is its smallest index: the top-left
    // grid cell, where the DOCX reader prints a merged cell's text.
    let owner: Vec<usize> = (0..nr * nc).map(|i| find(&mut parent, i)).collect();
    let mut cell_glyphs: Vec<Vec<Glyph>> = vec![Vec::new(); nr * nc];
    let (top, bottom, left, right) = (ys[0], ys[nr], xs[0], xs[nc]);
    for (i, g) in glyphs.iter().enumerate() {
        let (x, y) = (g.mid_x(), g.mid_y());
        if x < left || x > right || y < top || y > bottom {
            continue;
        }
        let r = ys.partition_point(|&v| v <= y).clamp(1, nr) - 1;
        let c = xs.partition_point(|&v| v <= x).clamp(1, nc) - 1;
        cell_glyphs[owner[r * nc + c]].push(g.clone());
        taken[i] = true;
    }
    let mut rows = Vec::with_capacity(nr);
    for r in 0..nr {
        // A band thinner than any text is the gap of a double rule.
        if ys[r + 1] - ys[r] < MIN_ROW {
            continue;
        }
        let mut row = Vec::with_capacity(nc);
        for c in 0..nc {
            let i = r * nc + c;
            if owner[i] != i {
                row.push(Vec::new());
                continue;
            }
            let gl = std::mem::take(&mut cell_glyphs[i]);
            row.push(cell_pieces(page, gl));
        }
        rows.push(row);
    }
    Some(Table {
        page,
        top,
        xs,
        rows,
    })
}

/// A cell's text: its lines joined as the DOCX reader joins a cell's
/// paragraphs (a space only between non-CJK text).
fn cell_pieces(page: u32, gl: Vec<Glyph>) -> Vec<(String, f32, f32)> {
    let mut pieces: Vec<(String, f32, f32)> = Vec::new();
    let mut acc = String::new();
    for l in lines(page, gl, false) {
        for (k, (t, x, y)) in l.pieces.into_iter().enumerate() {
            let before = acc.len();
            if k == 0 {
                join_soft(&mut acc, &t);
            } else {
                acc.push_str(&t);
            }
            if acc.len() > before {
                pieces.push((acc[before..].to_owned(), x, y));
            }
        }
    }
    pieces
}

/// Groups glyphs into lines by baseline; within a line, spaces between
/// words of non-CJK text and (outside tables) a tab for a wide gap.
fn lines(page: u32, mut gl: Vec<Glyph>, gaps_as_tabs: bool) -> Vec<Line> {
    gl.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.left.total_cmp(&b.left)));
    let mut groups: Vec<Vec<Glyph>> = Vec::new();
    for g in gl {
        match groups.last_mut() {
            Some(cur)
                if {
                    let b = cur[0].base;
                    let s = cur[0].size.max(g.size);
                    (g.base - b).abs() < s * 0.45
                } =>
            {
                cur.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    for mut g in groups {
        g.sort_by(|a, b| a.left.total_cmp(&b.left));
        // Text drawn twice (fake bold) lands on itself: keep one.
        g.dedup_by(|b, a| a.text == b.text && (a.left - b.left).abs() < a.size * 0.2);
        let size = g.iter().map(|c| c.size).fold(0.0f32, f32::max);
        let base = g.iter().map(|c| c.base).fold(f32::MIN, f32::max);
        let mut pieces: Vec<(String, f32, f32)> = Vec::with_capacity(g.len());
        let mut prev: Option<&Glyph> = None;
        for c in &g {
            let mut t = String::new();
            if let Some(p) = prev {
                let gap = c.left - p.right;
                let (lc, fc) = (p.text.chars().last(), c.text.chars().next());
                if gaps_as_tabs && gap > size * 1.8 {
                    t.push('\t');
                } else if let (Some(lc), Some(fc)) = (lc, fc) {
                    if gap > size * 0.2 && needs_space(lc, fc) {
                        t.push(' ');
                    }
                }
            }
            t.push_str(&c.text);
            pieces.push((t, c.left, c.base));
            prev = Some(c);
        }
        out.push(Line {
            page,
            top: base - size,
            base,
            left: g.first().map_or(0.0, |c| c.left),
            right: g.last().map_or(0.0, |c| c.right),
            size,
            pieces,
        });
    }
    out
}

/// Page numbers (`- 3 -`, `第 3 页`, `3/12`, `3`).
fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t
        .trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'))
        .to_owned();
    let core = core
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix('页'))
        .map(str::to_owned)
        .unwrap_or(core);
    let core = core.split(['/', '／']).collect::<Vec<_>>();
    !core.is_empty()
        && core.len() <= 2
        && core
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()))
        || (t.starts_with("第")
            && t.contains("页")
            && t.chars().filter(char::is_ascii_digit).count() > 0
            && t.chars().count() <= 14)
}

/// Drops page numbers and lines repeated in the top or bottom margin of
/// several pages (running headers and footers).
fn drop_running_lines(pages: &mut [(Dim, Vec<Block>)]) {
    let band = |d: &Dim, l: &Line| l.top < d.height * 0.08 || l.base > d.height * 0.92;
    let key = |l: &Line| -> String {
        l.text()
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
            .collect()
    };
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for (d, blocks) in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for b in blocks {
            if let Block::Line(l) = b {
                if band(d, l) && seen.insert(key(l)) {
                    *counts.entry(key(l)).or_default() += 1;
                }
            }
        }
    }
    let n = pages.len();
    for (d, blocks) in pages.iter_mut() {
        blocks.retain(|b| match b {
            Block::Line(l) if band(d, l) => {
                let k = key(l);
                let repeated = n >= 2 && counts.get(&k).copied().unwrap_or(0) >= (n / 2).max(2);
                !(is_page_number(&l.text()) || (repeated && !k.is_empty()))
            }
            _ => true,
        });
    }
}

fn mode_left(pages: &[(Dim, Vec<Block>)]) -> f32 {
    let mut counts: std::collections::HashMap<i32, usize> = Default::default();
    for (_, blocks) in pages {
        for b in blocks {
            if let Block::Line(l) = b {
                *counts.entry((l.left / 2.0).round() as i32).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map_or(0.0, |(k, _)| k as f32 * 2.0)
}

fn right_edge(pages: &[(Dim, Vec<Block>)]) -> f32 {
    let mut rights: Vec<f32> = pages
        .iter()
        .flat_map(|(_, b)| b.iter())
        .filter_map(|b| match b {
            Block::Line(l) => Some(l.right),
            _ => None,
        })
        .collect();
    rights.sort_by(f32::total_cmp);
    rights
        .get(rights.len().saturating_sub(1) * 9 / 10)
        .copied()
        .unwrap_or(0.0)
}

type Cell = Vec<(String, f32, f32)>;

/// What is printed: a line, or a table with its parts on following pages.
enum Item {
    Line(Line),
    Tables(Vec<Table>),
}

/// Groups the blocks of all pages: a table that opens a page and has the
/// columns' outer edges of the table that closed the page before
/// continues it.
fn items(pages: Vec<(Dim, Vec<Block>)>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for (_, blocks) in pages {
        for (k, b) in blocks.into_iter().enumerate() {
            match b {
                Block::Line(l) => out.push(Item::Line(l)),
                Block::Table(t) => {
                    if let (0, Some(Item::Tables(g))) = (k, out.last_mut()) {
                        let last = g.last().expect("a group has a table");
                        if last.page + 1 == t.page && same_edges(last, &t) {
                            g.push(t);
                            continue;
                        }
                    }
                    out.push(Item::Tables(vec![t]));
                }
            }
        }
    }
    out
}

/// Writes the blocks of all pages: paragraphs joined, tables as rows.
fn render(pages: Vec<(Dim, Vec<Block>)>) -> (String, PageMap) {
    let left = mode_left(&pages);
    // With few full lines the right edge of the text is not seen: take
    // the left margin's mirror (report templates have nearly equal ones).
    let width = pages.first().map_or(0.0, |(d, _)| d.width);
    let right = match right_edge(&pages) {
        r if r >= width * 0.75 => r,
        _ => width - left,
    };
    let mut text = String::new();
    let mut map = PageMap::default();
    for (d, _) in &pages {
        map.pages
            .push((d.width.round() as u32, d.height.round() as u32));
    }
    let mut prev_line: Option<Line> = None;
    for item in items(pages) {
        match item {
            Item::Line(l) => {
                let join = prev_line
                    .as_ref()
                    .is_some_and(|p| continues(p, &l, left, right));
                if join {
                    for (k, (t, x, y)) in l.pieces.iter().enumerate() {
                        let mut t = t.clone();
                        if k == 0 {
                            let mut s = String::new();
                            join_soft(&mut s, &t);
                            let space =
                                text.chars().next_back().zip(s.chars().next()).is_some_and(
                                    |(a, b)| needs_space(a, b) && !matches!(a, '-' | '/'),
                                );
                            t = if space { format!(" {s}") } else { s };
                        }
                        map.add(text.len(), l.page, *x, *y);
                        text.push_str(&t);
                    }
                } else {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    for (t, x, y) in &l.pieces {
                        map.add(text.len(), l.page, *x, *y);
                        text.push_str(t);
                    }
                }
                prev_line = Some(l);
            }
            Item::Tables(parts) => {
                prev_line = None;
                for (page, row) in table_rows(parts) {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    for (c, cell) in row.iter().enumerate() {
                        if c > 0 {
                            text.push('\t');
                        }
                        for (s, x, y) in cell {
                            map.add(text.len(), page, *x, *y);
                            text.push_str(s);
                        }
                    }
                }
            }
        }
    }
    if !text.is_empty() {
        text.push('\n');
    }
    (text, map)
}

/// The rows of a table and its continuations, on one grid of columns: the
/// union of the parts' column rules (a part's cell that spans several of
/// them prints in the first, like a merged cell). A heading repeated at
/// the top of a part is dropped; a row cut by the page break is joined.
fn table_rows(parts: Vec<Table>) -> Vec<(u32, Vec<Cell>)> {
    let union = cluster(parts.iter().flat_map(|t| t.xs.iter().copied()).collect());
    let mut rows: Vec<(u32, Vec<Cell>)> = Vec::new();
    let mut heading: Vec<Vec<Cell>> = Vec::new();
    for (k, t) in parts.into_iter().enumerate() {
        let page = t.page;
        let mut part: Vec<Vec<Cell>> = t
            .rows
            .into_iter()
            .map(|r| regrid(&t.xs, &union, r))
            .collect();
        if k == 0 {
            heading = part.iter().take(4).cloned().collect();
        } else {
            let mut n = 0;
            while n < part.len()
                && n < heading.len()
                && texts(&part[n]) == texts(&heading[n])
                && !texts(&part[n]).iter().any(|c| is_number(c))
            {
                n += 1;
            }
            part.drain(..n);
            if let (Some((_, a)), Some(b)) = (rows.last_mut(), part.first()) {
                if is_cut_row(a, b) {
                    let b = part.remove(0);
                    for (ca, cb) in a.iter_mut().zip(b) {
                        append_cell(ca, cb);
                    }
                }
            }
        }
        rows.extend(part.into_iter().map(|r| (page, r)));
    }
    rows
}

/// A part's row on the union grid.
fn regrid(xs: &[f32], union: &[f32], row: Vec<Cell>) -> Vec<Cell> {
    let mut out: Vec<Cell> = vec![Vec::new(); union.len().saturating_sub(1)];
    for (c, cell) in row.into_iter().enumerate() {
        let x = xs[c];
        let i = union.partition_point(|&u| u < x - SNAP);
        if let Some(slot) = out.get_mut(i) {
            *slot = cell;
        }
    }
    out
}

fn texts(row: &[Cell]) -> Vec<String> {
    row.iter()
        .map(|c| c.iter().map(|p| p.0.as_str()).collect())
        .collect()
}

fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-'))
}

/// Whether `b`, the first row of a page, is the rest of `a`, the last row
/// of the page before, cut by the page break: `b` has text only in columns
/// where `a` has, not in all of them, and no number.
fn is_cut_row(a: &[Cell], b: &[Cell]) -> bool {
    let (ta, tb) = (texts(a), texts(b));
    let only_under = ta
        .iter()
        .zip(&tb)
        .all(|(x, y)| y.is_empty() || !x.is_empty());
    let partial = ta
        .iter()
        .zip(&tb)
        .any(|(x, y)| !x.is_empty() && y.is_empty());
    let any = tb.iter().any(|y| !y.is_empty());
    only_under && partial && any && !tb.iter().any(|y| is_number(y))
}

fn append_cell(a: &mut Cell, b: Cell) {
    for (k, (t, x, y)) in b.into_iter().enumerate() {
        let t = if k == 0 {
            let last = a.last().and_then(|p| p.0.chars().next_back());
            match (last, t.chars().next()) {
                (Some(l), Some(f)) if needs_space(l, f) => format!(" {t}"),
                _ => t,
            }
        } else {
            t
        };
        a.push((t, x, y));
    }
}

/// Whether `next` continues the paragraph of `prev`: `prev` runs to the
/// right margin and `next` starts at the left margin (not indented), in
/// the same size, right below it or at the top of the next page.
fn continues(prev: &Line, next: &Line, left: f32, right: f32) -> bool {
    let size = prev.size.max(next.size);
    // Left-aligned text wraps early when the next word does not fit.
    let full = prev.right >= right - size * 1.5
        || prev.right + first_word_width(next) > right + size * 0.5;
    let flush = next.left <= left + size * 0.8;
    let same_size = (prev.size - next.size).abs() <= size * 0.15;
    let below = if next.page == prev.page {
        let gap = next.base - prev.base;
        gap > 0.0 && gap <= size * 2.2
    } else {
        next.page == prev.page + 1
    };
    full && flush
        && same_size
        && below
        && !starts_heading(&next.text())
        && !prev.text().contains('\t')
        && !next.text().contains('\t')
}

/// A line that starts like a heading (一、 （一） 1. （1）) starts a
/// paragraph even when the line before is full.
fn starts_heading(s: &str) -> bool {
    let nums = |c: char| "一二三四五六七八九十".contains(c);
    let mut cs = s.chars().peekable();
    match cs.next() {
        Some('（' | '(') => {
            let inner: String = cs.by_ref().take_while(|&c| c != '）' && c != ')').collect();
            !inner.is_empty()
                && inner.chars().count() <= 3
                && inner.chars().all(|c| nums(c) || c.is_ascii_digit())
        }
        Some(c) if nums(c) => {
            let rest: String = std::iter::once(c).chain(cs).take(4).collect();
            rest.trim_start_matches(nums).starts_with('、')
        }
        Some(c) if c.is_ascii_digit() => {
            let rest: String = std::iter::once(c).chain(cs).take(4).collect();
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            after.starts_with(['.', '、', '．'])
                && !after[1..].starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The width of what starts a line and could not be broken: a run of
/// non-CJK characters (with an opening bracket before it), or one
/// character.
fn first_word_width(l: &Line) -> f32 {
    let mut end = None;
    for (k, (t, x, _)) in l.pieces.iter().enumerate() {
        let c = t.chars().next().unwrap_or(' ');
        let opening = matches!(c, '（' | '(' | '“' | '《' | '【' | '〔' | '[');
        if k > 0 && (crate::input::out::is_wide(c) && !opening) {
            end = Some(*x);
            break;
        }
        if k > 0
            && !opening
            && crate::input::out::is_wide(l.pieces[k - 1].0.chars().last().unwrap_or(' '))
            && !matches!(
                l.pieces[k - 1].0.chars().last(),
                Some('（' | '(' | '“' | '《' | '【' | '〔' | '[')
            )
        {
            end = Some(*x);
            break;
        }
    }
    end.unwrap_or(l.right) - l.left
}

fn same_edges(a: &Table, b: &Table) -> bool {
    let (Some(a0), Some(a1), Some(b0), Some(b1)) =
        (a.xs.first(), a.xs.last(), b.xs.first(), b.xs.last())
    else {
        return false;
    };
    (a0 - b0).abs() <= SNAP * 2.0 && (a1 - b1).abs() <= SNAP * 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters of `s` from (x, y) (PDF space, y up), 12 pt, full width.
    fn chars(s: &str, x: f32, y: f32) -> Vec<Char> {
        s.chars()
            .enumerate()
            .map(|(i, c)| {
                let x0 = x + 12.0 * i as f32;
                Char {
                    text: c.to_string(),
                    x0,
                    y0: y,
                    x1: x0 + 12.0,
                    y1: y,
                    size: 12.0,
                }
            })
            .collect()
    }

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Vec<Segment> {
        vec![
            Segment { x0, y0, x1, y1: y0 },
            Segment { x0: x1, y0, x1, y1 },
            Segment { x0, y0: y1, x1, y1 },
            Segment { x0, y0, x1: x0, y1 },
        ]
    }

    fn page(chars: Vec<Char>, segments: Vec<Segment>) -> RawPage {
        RawPage {
            chars,
            segments,
            bbox: [0.0, 0.0, 595.0, 842.0],
            rotate: 0,
        }
    }

    #[test]
    fn a_frame_is_not_a_table() {
        let mut c = chars("一、总体情况", 80.0, 700.0);
        c.extend(chars("（文字描述）", 80.0, 680.0));
        let (text, _) = layout(vec![page(c, rect(70.0, 670.0, 500.0, 720.0))]);
        assert_eq!(text, "一、总体情况\n（文字描述）\n");
    }

    #[test]
    fn merged_cells_print_in_their_first_grid_cell() {
        // 3 columns × 2 rows; the top row's first two cells are one
        // (no rule between them), the left column's two cells are one.
        let mut segs = Vec::new();
        for y in [700.0, 680.0, 660.0] {
            segs.push(Segment {
                x0: 100.0,
                y0: y,
                x1: 400.0,
                y1: y,
            });
        }
        segs.push(Segment {
            x0: 100.0,
            y0: 660.0,
            x1: 100.0,
            y1: 700.0,
        });
        segs.push(Segment {
            x0: 200.0,
            y0: 660.0,
            x1: 200.0,
            y1: 680.0,
        });
        segs.push(Segment {
            x0: 300.0,
            y0: 660.0,
            x1: 300.0,
            y1: 700.0,
        });
        segs.push(Segment {
            x0: 400.0,
            y0: 660.0,
            x1: 400.0,
            y1: 700.0,
        });
        // Row 1: "申请人情况" over columns 1–2, "总计" in column 3.
        let mut c = chars("申请人情况", 110.0, 686.0);
        c.extend(chars("总计", 310.0, 686.0));
        c.extend(chars("自然人", 210.0, 666.0));
        c.extend(chars("70", 310.0, 666.0));
        let (text, map) = layout(vec![page(c, segs)]);
        // The horizontal rule between the rows spans all columns, so the
        // left cell of row 2 is its own (empty) cell.
        assert_eq!(text, "申请人情况\t\t总计\n\t自然人\t70\n");
        let loc = map.locate(text.find("70").unwrap() as u32).unwrap();
        assert_eq!((loc.page, loc.x, loc.y), (1, 310, 176));
    }

    #[test]
    fn page_numbers() {
        for s in ["- 3 -", "3", "第 3 页", "3/12", "— 12 —", "第3页 共5页"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2021年", "一、总体情况", "3.其他", "64"] {
            if s == "64" {
                continue;
            }
            assert!(!is_page_number(s), "{s}");
        }
    }
}
