//! Text fingerprints: what two passages are compared by.
//!
//! Text is normalised by [`nblint_plugin_api::fold_char`] (whitespace and
//! punctuation dropped, full-width digits and letters folded to ASCII) so that copies that differ only in
//! punctuation width, OCR spaces or line breaks compare equal. A passage is
//! then the set of hashes of its character 5-grams ("shingles"); two
//! passages are similar by the Jaccard index of those sets. For whole
//! reports only a winnowed subset of the shingles is kept (Schleimer et al.,
//! "Winnowing", 2003), which still guarantees that any common run of
//! `SHINGLE + WINNOW - 1` characters is detected.

/// Characters per shingle.
pub const SHINGLE: usize = 5;
/// Winnowing window, in shingles.
pub const WINNOW: usize = 4;

const CHAR_BITS: u32 = 21;
const WINDOW_MASK: u128 = (1u128 << (CHAR_BITS * SHINGLE as u32)) - 1;

/// A 64-bit mixing function (the SplitMix64 finaliser).
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes normalised text into shingles, counting its characters and
/// keeping an order-sensitive hash of all of it (for exact copies).
#[derive(Clone, Debug, Default)]
pub struct Shingler {
    window: u128,
    chars: usize,
    digits: usize,
    exact: u64,
}

impl Shingler {
    pub fn new() -> Shingler {
        Shingler::default()
    }

    /// Feeds already normalised text; calls `emit` with each shingle hash.
    pub fn feed(&mut self, normalised: &[char], mut emit: impl FnMut(u64)) {
        for &c in normalised {
            self.window = ((self.window << CHAR_BITS) | c as u128) & WINDOW_MASK;
            self.chars += 1;
            self.digits += c.is_ascii_digit() as usize;
            self.exact = exact_step(self.exact, c);
            if self.chars >= SHINGLE {
                let w = self.window;
                let x = (w as u64) ^ ((w >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
                emit(x ^ (x >> 31));
            }
        }
    }

    /// Normalised characters fed so far.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Normalised characters fed so far that are not digits: a run of
    /// table numbers read as prose is no paragraph worth comparing.
    pub fn words(&self) -> usize {
        self.chars - self.digits
    }

    /// A hash of everything fed, in order.
    pub fn exact(&self) -> u64 {
        mix(self.exact ^ self.chars as u64)
    }
}

/// One character of the order-sensitive hash of [`Shingler::exact`]. One
/// multiplication per character (FxHash style): this runs on every
/// character of every report.
#[inline]
fn exact_step(h: u64, c: char) -> u64 {
    (h.rotate_left(5) ^ c as u64).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// [`Shingler::exact`] of a fresh shingler fed `normalised`, without the
/// shingles: for the long sentences compared on their own, whose
/// characters were already shingled as part of their paragraph.
pub fn exact_of(normalised: &[char]) -> u64 {
    let h = normalised.iter().fold(0, |h, &c| exact_step(h, c));
    mix(h ^ normalised.len() as u64)
}

/// Selects fingerprints from a stream of shingle hashes: the minimum of
/// every window of [`WINNOW`] consecutive hashes (the rightmost on ties),
/// each selection reported once.
#[derive(Clone, Debug, Default)]
pub struct Winnower {
    ring: [u64; WINNOW],
    seen: usize,
    last: Option<usize>,
}

impl Winnower {
    pub fn new() -> Winnower {
        Winnower::default()
    }

    pub fn push(&mut self, hash: u64, mut select: impl FnMut(u64)) {
        self.ring[self.seen % WINNOW] = hash;
        self.seen += 1;
        if self.seen < WINNOW {
            return;
        }
        // A fixed number of steps, so that the loop is unrolled; `<=` keeps
        // the rightmost minimum.
        let first = self.seen - WINNOW;
        let (mut at, mut min) = (first, self.ring[first % WINNOW]);
        for k in 1..WINNOW {
            let h = self.ring[(first + k) % WINNOW];
            if h <= min {
                (at, min) = (first + k, h);
            }
        }
        if self.last != Some(at) {
            self.last = Some(at);
            select(min);
        }
    }

    /// For a passage shorter than one window: its minimum, so that short
    /// passages still leave a fingerprint.
    pub fn finish(&mut self, select: impl FnOnce(u64)) {
        if self.seen > 0 && self.seen < WINNOW {
            let min = self.ring[..self.seen].iter().copied().min();
            if let Some(m) = min {
                select(m);
            }
        }
    }
}

/// The Jaccard index of two sorted, deduplicated hash sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Number of MinHash values per passage; [`BANDS`] bands of [`ROWS`].
pub const MINHASHES: usize = BANDS * ROWS;
pub const BANDS: usize = 6;
pub const ROWS: usize = 3;

/// The MinHash signature of a shingle set, by one-permutation hashing
/// (Li, Owen, Zhang 2012): the hashes are split into [`MINHASHES`] bins by
/// their top bits and each bin keeps its minimum, one operation per
/// shingle. An empty bin stays `u64::MAX`.
pub fn minhash(set: &[u64]) -> [u64; MINHASHES] {
    let mut sig = [u64::MAX; MINHASHES];
    for &h in set {
        let bin = ((h >> 32) as usize * MINHASHES) >> 32;
        let v = h & 0xFFFF_FFFF;
        if v < sig[bin] {
            sig[bin] = v;
        }
    }
    sig
}

/// The locality-sensitive-hashing keys of a signature, one per band: two
/// passages with Jaccard index 0.9 share at least one with probability
/// 1 − (1 − 0.9³)⁶ ≈ 0.9996; at 0.5 they do with probability 0.55, and
/// candidates are verified exactly anyway.
pub fn band_keys(sig: &[u64; MINHASHES]) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        let mut h = b as u64;
        for v in &sig[b * ROWS..(b + 1) * ROWS] {
            h = mix(h ^ v);
        }
        *key = h;
    }
    keys
}

/// A hasher for keys that are already hashes: passes the `u64` through.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type HashBuild = std::hash::BuildHasherDefault<PassThrough>;
/// A set of hashes.
pub type HashSet64 = std::collections::HashSet<u64, HashBuild>;
/// A map keyed by hashes.
pub type HashMap64<V> = std::collections::HashMap<u64, V, HashBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use nblint_plugin_api::fold_char;

    fn normalise(s: &str) -> Vec<char> {
        s.chars().filter_map(fold_char).collect()
    }

    fn shingles(s: &str) -> Vec<u64> {
        let mut v = Vec::new();
        Shingler::new().feed(&normalise(s), |h| v.push(h));
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn punctuation_width_and_spaces_do_not_matter() {
        assert_eq!(
            normalise("收到申请３４１件，同比 增加。"),
            normalise("收到申请341件,同比增加.")
        );
        assert_eq!(normalise("ＡＢ（一）"), ['a', 'b', '一']);
    }

    #[test]
    fn jaccard_of_near_copies() {
        let a = shingles("2021年共收到政府信息公开申请341件，同比去年增加了163件，上升了93%。");
        let b = shingles("2021年共收到政府信息公开申请339件，同比去年增加了163件，上升了93%。");
        let j = jaccard(&a, &b);
        // One digit changes 5 of about 35 shingles.
        assert!(j > 0.6 && j < 1.0, "{j}");
        assert_eq!(jaccard(&a, &a), 1.0);
        let c = shingles("本机关进一步完善依申请公开工作流程，规范答复文书格式。");
        assert!(jaccard(&a, &c) < 0.1);
    }

    #[test]
    fn winnowing_selects_window_minima_once() {
        let mut w = Winnower::new();
        let mut out = Vec::new();
        for h in [5, 3, 8, 9, 7, 1, 6] {
            w.push(h, |x| out.push(x));
        }
        assert_eq!(out, vec![3, 1]);
        let mut short = Winnower::new();
        let mut out = Vec::new();
        short.push(4, |x| out.push(x));
        short.push(2, |x| out.push(x));
        short.finish(|x| out.push(x));
        assert_eq!(out, vec![2]);
    }

    #[test]
    fn exact_of_is_a_fresh_shingler_s_exact() {
        let text = normalise("2021年共收到政府信息公开申请341件，同比去年增加了163件。");
        let mut shingler = Shingler::new();
        shingler.feed(&text, |_| {});
        assert_eq!(exact_of(&text), shingler.exact());
        assert_eq!(exact_of(&[]), Shingler::new().exact());
    }
}
