//! Unit tests of [`super`].

use super::*;

#[test]
fn dates_round_trip_through_day_numbers() {
    let date = Date {
        year: 2026,
        month: 11,
        day: 26,
    };
    assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
    assert_eq!(
        Date {
            year: 1970,
            month: 1,
            day: 1
        }
        .days_since_epoch(),
        0
    );
    assert_eq!(date.human(), "26 November 2026");
    assert_eq!(date.rfc3339(), "2026-11-26T00:00:00Z");
}

#[test]
fn effort_reads_minutes_and_hours() {
    assert_eq!(effort_minutes("1 min"), Some(1));
    assert_eq!(effort_minutes("30 minutes"), Some(30));
    assert_eq!(effort_minutes("1 hour"), Some(60));
    assert_eq!(effort_minutes("soon"), None);
}
