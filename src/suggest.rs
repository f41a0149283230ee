//! "Did you mean": the one rule every suggestion follows, for misspelled field names, relations
//! to missing articles, broken links and anchors, and search tests. A leaf: it imports nothing
//! of Remedy's.
//!
//! A candidate is close enough when its edit distance (Levenshtein, over characters) from what
//! was written is at most a quarter of the longer of the two, and never less than 2: `wieght`
//! gets `weight`, `fixes/free-up-space` gets `fixes/free-up-storage`, `zzz` gets nothing.

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

/// How many edits may separate `written` from a suggestion for it.
pub fn allowed_edits(written: &str, candidate: &str) -> usize {
    let longer = written.chars().count().max(candidate.chars().count());
    (longer / 4).max(2)
}

/// The candidate closest to `written` within [`allowed_edits`], the alphabetically first of
/// equally close ones; `None` when none is close enough.
pub fn closest<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(written, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= allowed_edits(written, candidate))
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("fixs", "fixes"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("wieght", "weight"), 2);
    }

    #[test]
    fn suggests_the_closest_candidate_within_reach() {
        let fields = ["title", "summary", "weight", "updated"];
        assert_eq!(closest("wieght", fields), Some("weight"));
        assert_eq!(closest("titel", fields), Some("title"));
        assert_eq!(closest("zzz", fields), None);
        let slugs = ["fixes/free-up-storage", "fixes/update-ios"];
        assert_eq!(
            closest("fixes/free-up-space", slugs),
            Some("fixes/free-up-storage")
        );
        assert_eq!(closest("fixes/reset-router", slugs), None);
        // Ties go to the alphabetically first.
        assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
    }
}
