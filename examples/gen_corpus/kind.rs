//! The seven standard kinds of article, their folders and their share of the corpus.

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Kind {
    Guide,
    Cause,
    Fix,
    Practice,
    Restore,
    Error,
    Faq,
}

impl Kind {
    pub(crate) const ALL: [Kind; 7] = [
        Kind::Guide,
        Kind::Cause,
        Kind::Fix,
        Kind::Practice,
        Kind::Restore,
        Kind::Error,
        Kind::Faq,
    ];

    pub(crate) fn dir(self) -> &'static str {
        match self {
            Kind::Guide => "guides",
            Kind::Cause => "causes",
            Kind::Fix => "fixes",
            Kind::Practice => "practices",
            Kind::Restore => "restore",
            Kind::Error => "errors",
            Kind::Faq => "faq",
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            Kind::Guide => "Guides",
            Kind::Cause => "Causes",
            Kind::Fix => "Fixes",
            Kind::Practice => "Best practices",
            Kind::Restore => "Restore",
            Kind::Error => "Error codes",
            Kind::Faq => "FAQ",
        }
    }

    pub(crate) fn description(self) -> &'static str {
        match self {
            Kind::Guide => "How backups, storage and connections work, explained from the start.",
            Kind::Cause => "The reasons a backup or update fails, likeliest first.",
            Kind::Fix => "Step-by-step fixes, each with the time it takes.",
            Kind::Practice => "Habits that keep backups working.",
            Kind::Restore => "Getting your data back from a backup.",
            Kind::Error => "Every error code, what it means and how to clear it.",
            Kind::Faq => "Short answers to common questions.",
        }
    }

    pub(crate) fn intro(self) -> &'static str {
        match self {
            Kind::Guide => {
                "Background reading: what each feature does, where your data is kept and what \
                 the limits are."
            }
            Kind::Cause => {
                "Why things go wrong. Each page tells you how to recognise the problem and \
                 which fixes to try."
            }
            Kind::Fix => "What to do about it. Each fix lists its steps and how long it takes.",
            Kind::Practice => "Small habits that stop most problems before they start.",
            Kind::Restore => "Procedures for bringing data back onto a phone, tablet or computer.",
            Kind::Error => {
                "Look up the code you see on screen to find its causes and the fixes that \
                 clear it."
            }
            Kind::Faq => "Quick answers, with links to the causes and fixes behind them.",
        }
    }

    /// Share of the corpus, in percent; the shares add up to 100.
    pub(crate) fn percent(self) -> usize {
        match self {
            Kind::Guide => 10,
            Kind::Cause => 25,
            Kind::Fix => 30,
            Kind::Practice => 8,
            Kind::Restore => 2,
            Kind::Error => 10,
            Kind::Faq => 15,
        }
    }

    /// How many articles of each kind (in `ALL` order) make `total`: largest remainder, then at
    /// least one of each kind.
    pub(crate) fn counts(total: usize) -> [usize; 7] {
        let mut counts = Kind::ALL.map(|kind| total * kind.percent() / 100);
        let assigned: usize = counts.iter().sum();
        let mut order: Vec<usize> = (0..Kind::ALL.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(total * Kind::ALL[i].percent() % 100), i));
        for &i in order.iter().take(total - assigned) {
            counts[i] += 1;
        }
        for i in 0..counts.len() {
            while counts[i] == 0 {
                let largest = (0..counts.len()).max_by_key(|&j| (counts[j], j)).unwrap();
                counts[largest] -= 1;
                counts[i] += 1;
            }
        }
        counts
    }
}
