//! One module per rule.

pub mod balance;
pub mod carry_over;
pub mod cell_value;
pub mod percent;
pub mod plausibility;
pub mod result_total;
pub mod review_total;
pub mod row_total;
pub mod stats_total;
pub mod text_sum;
pub mod text_table;
