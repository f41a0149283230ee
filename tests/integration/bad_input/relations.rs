//! Relations and links that go nowhere: an article related to itself, a relation to a missing
//! article, a link to a file that is not Markdown.

use super::{ARTICLE, assert_refused, with_article};

#[test]
fn relation_cycle_of_one_article() {
    let site = with_article("+++\ntitle = \"How\"\nrelated = [\"guides/how-it-works\"]\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:12: `guides/how-it-works` relates the article to itself"),
    );
}

#[test]
fn relation_to_a_missing_article() {
    let site = with_article("+++\ntitle = \"How\"\nrelated = [\"causes/nope\"]\n+++\n");
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:3:12: no article `causes/nope`: `content/causes/nope.md` does not exist"
        ),
    );
}

#[test]
fn internal_link_to_a_file_that_is_not_markdown() {
    let site = with_article("+++\ntitle = \"How\"\n+++\n\nSee [this](@/causes/storage-full).\n");
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:5:12: internal link `@/causes/storage-full` does not name a Markdown file"
        ),
    );
}
