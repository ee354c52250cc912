//! Exact running sums of every cell: the district's totals as records arrive.

use super::Totals;
use crate::input::record::Record;
use crate::template::cell_keys;
use crate::value::Decimal;

/// Exact running sums of every cell, added to as records arrive (in any order: the result is
/// the same). A cell's total has the largest scale any report printed it with; it is out of
/// range (and left blank, with a finding) when the mantissas' absolute values at that scale
/// add up past `i64::MAX` — the range `units.parquet` and other engines hold exactly.
pub struct Sums {
    cells: Vec<CellSum>,
    /// Reports added.
    pub reports: usize,
}

#[derive(Clone, Copy, Default)]
struct CellSum {
    /// Some report printed a number here.
    any: bool,
    scale: u8,
    sum: i128,
    /// Sum of absolute values at `scale`; `None` once out of range.
    magnitude: Option<u128>,
}

impl CellSum {
    fn add(&mut self, d: Decimal) {
        if !self.any {
            *self = CellSum {
                any: true,
                scale: d.scale(),
                sum: 0,
                magnitude: Some(0),
            };
        }
        if d.scale() > self.scale {
            let up = d.scale() - self.scale;
            let grown = Decimal::new(self.sum, self.scale).mantissa_at(d.scale());
            let factor = 10u128.checked_pow(u32::from(up));
            self.magnitude = self
                .magnitude
                .zip(factor)
                .and_then(|(m, f)| m.checked_mul(f));
            match grown {
                Some(g) => self.sum = g,
                None => self.magnitude = None,
            }
            self.scale = d.scale();
        }
        let Some(m) = d.mantissa_at(self.scale) else {
            self.magnitude = None;
            return;
        };
        self.magnitude = self.magnitude.and_then(|x| x.checked_add(m.unsigned_abs()));
        match self.sum.checked_add(m) {
            Some(s) if self.magnitude.is_some() => self.sum = s,
            _ => self.magnitude = None,
        }
    }

    fn total(&self) -> Result<Option<Decimal>, ()> {
        if !self.any {
            return Ok(None);
        }
        match self.magnitude {
            Some(m) if m <= i64::MAX as u128 => Ok(Some(Decimal::new(self.sum, self.scale))),
            _ => Err(()),
        }
    }
}

impl Default for Sums {
    fn default() -> Self {
        Sums::new()
    }
}

impl Sums {
    pub fn new() -> Sums {
        Sums {
            cells: vec![CellSum::default(); cell_keys().len()],
            reports: 0,
        }
    }

    /// Add one report's printed numbers.
    pub fn add(&mut self, record: &Record) {
        self.reports += 1;
        for (sum, value) in self.cells.iter_mut().zip(record.cells.numbers()) {
            if let Some(d) = value {
                sum.add(d);
            }
        }
    }

    /// The totals, and the keys whose total is out of range.
    pub fn totals(&self) -> (Totals, Vec<String>) {
        let mut overflow = Vec::new();
        let totals = cell_keys()
            .iter()
            .zip(&self.cells)
            .map(|(key, c)| {
                let total = c.total().unwrap_or_else(|()| {
                    overflow.push(key.clone());
                    None
                });
                (key.clone(), total)
            })
            .collect();
        (totals, overflow)
    }
}
