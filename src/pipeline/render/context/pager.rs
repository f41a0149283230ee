//! A page's place in a list of more than one page (a kind's index, a tag's page; see
//! [`crate::pipeline::render::plan`] for where the pages go): its title, breadcrumb and
//! JSON-LD ([`ListedPage`]), and its pager, which pages it links, as templates get it. It shows Previous and Next, the first and the last page, the current one
//! and [`NEIGHBOURS`] on each side of it, and a gap (`…`) where pages are left out; a gap that
//! would stand for one page shows that page instead, which takes the same room. Makes no
//! HTML: `partials/pager.html` does.

use serde::Serialize;

use super::super::plan::list_page_path;
use crate::i18n::Strings;
use crate::model::Site;
use crate::seo;

/// How many pages on each side of the current one the pager links.
pub(crate) const NEIGHBOURS: usize = 2;

/// What a page of a list (a kind's index, a tag's page) knows of its place in the list.
pub(crate) struct ListedPage {
    /// The page's title without the site's: the list's, with the page's number on a page
    /// after the first ("Causes, page 2 of 250").
    pub(crate) title: String,
    /// The list's title.
    list_title: String,
    /// The site path of the list's first page.
    first: String,
    /// The page's number, from 1.
    number: usize,
    /// "Page 2 of 250" on a page after the first.
    page_of: String,
    /// "Page 2", the page's crumb, on a page after the first.
    crumb: String,
    /// The page's path as pages link to it.
    link: String,
    /// The pager, when the list has more than one page.
    pager: Option<Pager>,
}

impl ListedPage {
    /// Page `number` of `count` of the list titled `list_title` whose first page is at `first`.
    pub(crate) fn new(
        site: &Site,
        strings: &Strings,
        list_title: &str,
        first: &str,
        number: usize,
        count: usize,
    ) -> ListedPage {
        let (number_text, count_text) = (number.to_string(), count.to_string());
        let numbers = [
            ("page", number_text.as_str()),
            ("pages", count_text.as_str()),
        ];
        let (title, page_of, crumb) = if number == 1 {
            (list_title.to_string(), String::new(), String::new())
        } else {
            let mut values = vec![("title", list_title)];
            values.extend(numbers);
            (
                strings.fill("paged_title", &values),
                strings.fill("page_of", &numbers),
                strings.fill("page_number", &numbers),
            )
        };
        ListedPage {
            title,
            list_title: list_title.to_string(),
            first: first.to_string(),
            number,
            page_of,
            crumb,
            link: site.config.link(&list_page_path(first, number)),
            pager: Pager::of(site, first, number, count),
        }
    }

    /// "Page 2", the crumb of a page after the first (empty on the first).
    pub(crate) fn crumb(&self) -> &str {
        &self.crumb
    }

    /// The JSON-LD of a page after the first: the trail `crumbs`, then the list, then this
    /// page, and the page as a `CollectionPage`.
    pub(crate) fn json_ld(&self, site: &Site, mut crumbs: Vec<seo::Crumb>) -> Vec<String> {
        let path = list_page_path(&self.first, self.number);
        crumbs.push(seo::Crumb {
            title: self.list_title.clone(),
            path: self.first.clone(),
        });
        crumbs.push(seo::Crumb {
            title: self.crumb.clone(),
            path: path.clone(),
        });
        vec![
            seo::breadcrumb_json_ld(site, &crumbs),
            seo::script_json(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "CollectionPage",
                "name": self.title,
                "url": site.config.permalink(&path),
                "inLanguage": site.config.language,
            })),
        ]
    }

    /// Gives the template `pager` (none for a list of one page) and `list_page`: `number`,
    /// `page_of` ("Page 2 of 250", empty on the first page), `crumb` ("Page 2") and `path`
    /// (this page's, as pages link to it).
    pub(crate) fn insert_into(self, context: &mut tera::Context) {
        context.insert("pager", &self.pager);
        context.insert(
            "list_page",
            &serde_json::json!({
                "number": self.number,
                "page_of": self.page_of,
                "crumb": self.crumb,
                "path": self.link,
            }),
        );
    }
}

/// What templates get as `pager` on a list page of a list of more than one page (none on a
/// list that fits on one page).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Pager {
    /// The current page's number, from 1.
    pub(crate) number: usize,
    /// How many pages the list has.
    pub(crate) count: usize,
    /// The previous page's path as pages link to it; none on the first page.
    previous: Option<String>,
    /// The next page's path as pages link to it; none on the last page.
    next: Option<String>,
    /// The numbered pages and gaps, in order.
    items: Vec<PagerItem>,
}

/// A numbered page of a [`Pager`], or a gap where pages are left out.
#[derive(Debug, Serialize, PartialEq, Eq)]
struct PagerItem {
    /// The page's number; none for a gap.
    number: Option<usize>,
    /// The page's path as pages link to it (empty for a gap).
    path: String,
    /// Whether it is the page the pager is on (shown, not linked).
    current: bool,
}

impl Pager {
    /// The pager of page `number` of `count` of the list whose first page is at the site path
    /// `first` (`causes/`); none when the list has one page.
    pub(crate) fn of(site: &Site, first: &str, number: usize, count: usize) -> Option<Pager> {
        if count <= 1 {
            return None;
        }
        let path = |number: usize| site.config.link(&list_page_path(first, number));
        let items = shown_pages(number, count)
            .into_iter()
            .map(|shown| PagerItem {
                number: shown,
                path: shown.map(path).unwrap_or_default(),
                current: shown == Some(number),
            })
            .collect();
        Some(Pager {
            number,
            count,
            previous: (number > 1).then(|| path(number - 1)),
            next: (number < count).then(|| path(number + 1)),
            items,
        })
    }
}

/// The page numbers a pager on page `current` of `count` shows, in order, `None` for a gap:
/// the first and last pages, `current` and [`NEIGHBOURS`] on each side, and a page alone
/// between two of those (a gap would take its room).
pub(crate) fn shown_pages(current: usize, count: usize) -> Vec<Option<usize>> {
    let low = current.saturating_sub(NEIGHBOURS).max(1);
    let high = current.saturating_add(NEIGHBOURS).min(count);
    let mut wanted = vec![1];
    wanted.extend(low.max(2)..=high);
    if count > 1 && *wanted.last().unwrap_or(&0) < count {
        wanted.push(count);
    }
    let mut shown = Vec::with_capacity(wanted.len() + 2);
    for page in wanted {
        match shown.last() {
            Some(Some(previous)) if page - previous == 2 => shown.push(Some(page - 1)),
            Some(Some(previous)) if page - previous > 2 => shown.push(None),
            _ => {}
        }
        shown.push(Some(page));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shown pages as text: `1 … 4 5 [6] 7 8 … 20`.
    fn shown(current: usize, count: usize) -> String {
        shown_pages(current, count)
            .into_iter()
            .map(|page| match page {
                Some(page) if page == current => format!("[{page}]"),
                Some(page) => page.to_string(),
                None => "…".to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_pager_shows_the_ends_the_current_page_and_two_on_each_side() {
        assert_eq!(shown(1, 1), "[1]");
        assert_eq!(shown(1, 2), "[1] 2");
        assert_eq!(shown(2, 2), "1 [2]");
        assert_eq!(shown(1, 7), "[1] 2 3 … 7");
        assert_eq!(shown(6, 20), "1 … 4 5 [6] 7 8 … 20");
        assert_eq!(shown(20, 20), "1 … 18 19 [20]");
        assert_eq!(shown(10, 250), "1 … 8 9 [10] 11 12 … 250");
    }

    #[test]
    fn a_gap_of_one_page_shows_the_page() {
        // 1 and 3 ... : a gap between them would hide only 2.
        assert_eq!(shown(5, 9), "1 2 3 4 [5] 6 7 8 9");
        assert_eq!(shown(4, 6), "1 2 3 [4] 5 6");
        assert_eq!(shown(1, 5), "[1] 2 3 4 5");
        assert_eq!(shown(1, 6), "[1] 2 3 … 6");
        assert_eq!(shown(6, 10), "1 … 4 5 [6] 7 8 9 10");
    }

    #[test]
    fn every_page_is_shown_or_in_a_gap_of_two_or_more() {
        for count in 1..40 {
            for current in 1..=count {
                let pages = shown_pages(current, count);
                let mut next = 1;
                for (i, page) in pages.iter().enumerate() {
                    match page {
                        Some(page) => {
                            assert_eq!(*page, next, "{current} of {count}: {pages:?}");
                            next += 1;
                        }
                        None => {
                            let after = pages[i + 1].expect("a gap is followed by a page");
                            assert!(after >= next + 2, "{current} of {count}: {pages:?}");
                            next = after;
                        }
                    }
                }
                assert_eq!(next, count + 1, "{current} of {count}: {pages:?}");
                assert!(pages.contains(&Some(current)));
            }
        }
    }
}
