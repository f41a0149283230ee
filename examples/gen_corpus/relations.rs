//! Relations: each cause's fixes, each error page's causes and fixes, `related` links, all
//! resolving.

use crate::corpus::{Article, Index};
use crate::kind::Kind;
use crate::rng::Rng;

pub(crate) fn link_articles(rng: &mut Rng, articles: &mut [Article], index: &Index) {
    let causes = index.by_kind[&Kind::Cause].clone();
    let fixes = index.by_kind[&Kind::Fix].clone();

    // Causes list one to four fixes, and every fix is listed by at least one cause: deal the
    // fixes out over the causes in a shuffled order first, then top up.
    let mut order = fixes.clone();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for (n, &fix) in order.iter().enumerate() {
        let cause = causes[n % causes.len()];
        articles[cause].fixes.push(fix);
    }
    for &cause in &causes {
        let wanted = rng.range(1, 4);
        let have = articles[cause].fixes.clone();
        if have.len() < wanted {
            let topic = articles[cause].topic;
            let extra = index.pick_distinct(rng, Kind::Fix, topic, wanted - have.len(), &have);
            articles[cause].fixes.extend(extra);
        }
    }

    for i in 0..articles.len() {
        let topic = articles[i].topic;
        match articles[i].kind {
            Kind::Error => {
                let cause_count = rng.range(1, 2);
                let chosen = index.pick_distinct(rng, Kind::Cause, topic, cause_count, &[]);
                // Prefer the fixes of the error's causes, then any fix.
                let mut pool: Vec<usize> = chosen
                    .iter()
                    .flat_map(|&c| articles[c].fixes.iter().copied())
                    .collect();
                pool.dedup();
                let wanted = rng.range(1, 3);
                let mut fixes_chosen = Vec::new();
                while fixes_chosen.len() < wanted && !pool.is_empty() {
                    let fix = pool.remove(rng.below(pool.len()));
                    if !fixes_chosen.contains(&fix) {
                        fixes_chosen.push(fix);
                    }
                }
                if fixes_chosen.len() < wanted {
                    let extra = index.pick_distinct(
                        rng,
                        Kind::Fix,
                        topic,
                        wanted - fixes_chosen.len(),
                        &fixes_chosen,
                    );
                    fixes_chosen.extend(extra);
                }
                articles[i].causes = chosen;
                articles[i].fixes = fixes_chosen;
            }
            Kind::Faq => {
                let cause_count = rng.range(0, 3);
                articles[i].causes = index.pick_distinct(rng, Kind::Cause, topic, cause_count, &[]);
                let fix_count = rng.range(1, 3);
                articles[i].fixes = index.pick_distinct(rng, Kind::Fix, topic, fix_count, &[]);
            }
            _ => {}
        }
        let related_count = match articles[i].kind {
            Kind::Guide | Kind::Practice | Kind::Restore => rng.range(1, 4),
            _ => rng.range(0, 3),
        };
        let mut related = Vec::with_capacity(related_count);
        let mut attempts = 0;
        while related.len() < related_count && attempts < 20 {
            attempts += 1;
            let candidate = if rng.chance(0.5) {
                *rng.pick(&index.by_topic[&topic])
            } else {
                rng.below(articles.len())
            };
            if candidate != i && !related.contains(&candidate) {
                related.push(candidate);
            }
        }
        articles[i].related = related;
    }
}
