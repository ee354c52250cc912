//! Times for the outputs, in the machine's local zone with its offset: RFC 3339 for the
//! manifest (`2026-12-06T02:30:00+08:00`), `2026-12-06 02:30 +08:00` in the views.
//! `SOURCE_DATE_EPOCH` fixes the clock, for reproducible outputs; the zone is the system's (or
//! `TZ`'s).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now (or `SOURCE_DATE_EPOCH`) as `YYYY-MM-DDTHH:MM:SS+HH:MM`, in the local zone.
pub fn now() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(wall_secs);
    rfc3339(secs)
}

/// The wall clock, whatever `SOURCE_DATE_EPOCH` says (for the run lock: when a run really
/// started).
pub fn wall() -> String {
    rfc3339(wall_secs())
}

fn wall_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Seconds since the epoch → RFC 3339 in the local zone, with its offset.
pub fn rfc3339(secs: i64) -> String {
    let offset = local_offset(secs);
    format!(
        "{}{}",
        civil(secs + i64::from(offset), 'T', true),
        zone(offset)
    )
}

/// An RFC 3339 time (this tool's, or an older manifest's `…Z`) as the views print it, in the
/// local zone: `2026-12-06 02:30 +08:00`. Text that is not such a time is given back.
pub fn view(rfc: &str) -> String {
    match parse(rfc) {
        Some(secs) => {
            let offset = local_offset(secs);
            format!(
                "{} {}",
                civil(secs + i64::from(offset), ' ', false),
                zone(offset)
            )
        }
        None => rfc.to_string(),
    }
}

/// `+08:00`, `-05:00`, `+00:00`.
fn zone(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let m = offset.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The local zone's offset from UTC at `secs`, in seconds (the system's zone, or `TZ`'s).
fn local_offset(secs: i64) -> i32 {
    #[cfg(unix)]
    {
        let t = secs as libc::time_t;
        // SAFETY: `localtime_r` writes only into `tm`, which lives for the call.
        let mut tm: libc::tm = unsafe { std::mem::zeroed() };
        let got = unsafe { libc::localtime_r(&t, &mut tm) };
        if got.is_null() {
            0
        } else {
            i32::try_from(tm.tm_gmtoff).unwrap_or(0)
        }
    }
    #[cfg(not(unix))]
    {
        let _ = secs;
        0
    }
}

/// Seconds of an RFC 3339 time `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`.
fn parse(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let offset = match &s[19..] {
        "Z" => 0,
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) => {
            let v = num(20..22)? * 3600 + num(23..25)? * 60;
            if z.starts_with('-') {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since the epoch (already shifted to the zone) → `YYYY-MM-DD?HH:MM[:SS]`
/// (civil-from-days, Howard Hinnant's algorithm).
fn civil(secs: i64, sep: char, seconds: bool) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let (h, mi, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    if seconds {
        format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02}{sep}{h:02}:{mi:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(civil(0, 'T', true), "1970-01-01T00:00:00");
        assert_eq!(civil(1_709_883_240, 'T', true), "2024-03-08T07:34:00");
        assert_eq!(civil(951_782_400, ' ', false), "2000-02-29 00:00");
        for secs in [0, 951_782_400, 1_709_883_240, 1_796_581_800] {
            let text = format!("{}Z", civil(secs, 'T', true));
            assert_eq!(parse(&text), Some(secs), "{text}");
        }
        assert_eq!(
            parse("2026-12-06T02:30:00+08:00"),
            parse("2026-12-05T18:30:00Z")
        );
        assert_eq!(zone(8 * 3600), "+08:00");
        assert_eq!(zone(-(5 * 3600 + 30 * 60)), "-05:30");
        assert_eq!(view("not a time"), "not a time");
        // Whatever the zone, a time read back is the same moment.
        let t = rfc3339(1_796_581_800);
        assert_eq!(parse(&t), Some(1_796_581_800), "{t}");
    }
}
