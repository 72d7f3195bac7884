//! "Did you mean …?": the known name nearest to a misspelt one.

/// The candidate nearest to `name` by edit distance, if it is near enough
/// to be a slip (at most a third of the name's length, and at least 1);
/// a plugin name also matches the ids of its rules (`dupliates` →
/// `duplicates`).
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(name, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn slips_are_matched_and_strangers_are_not() {
        let known = [
            "sections/missing",
            "sections/order",
            "duplicates",
            "arithmetic/balance",
        ];
        assert_eq!(closest("sections/mising", &known), Some("sections/missing"));
        assert_eq!(closest("dupliates", &known), Some("duplicates"));
        assert_eq!(
            closest("arithmetic/balanse", &known),
            Some("arithmetic/balance")
        );
        assert_eq!(closest("province/fee", &known), None);
    }
}
