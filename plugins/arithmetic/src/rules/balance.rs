//! `arithmetic/balance`: in the 三 table, for each column,
//! 一（本年新收）+ 二（上年结转）= （七）总计 + 四（结转下年度）.
//!
//! The diagnostic stands on the column's （七）总计 cell: the identity is
//! the one the table's header note states, and 总计 is where a reader
//! looks first; the other three cells are related spans. No fix: any of
//! the four cells may be the wrong one.

use crate::common::*;
use crate::examples::ExampleReport;
use nblint_plugin_api::prelude::schema::applications as app;
use nblint_plugin_api::prelude::*;

/// The rule, declared once: id, default severity, docs and check.
pub const RULE: RuleDef<crate::Check> =
    RuleDef::new("arithmetic/balance", Severity::Error, docs, check);

fn docs(rule: RuleInfo) -> RuleInfo {
    rule
        .summary(
            "三表每列：一 + 二 = （七）总计 + 四",
            "Section 三 table, per column: new + carried over = total handled + carried forward",
        )
        .rationale(
            "本年新收的申请与上年结转的申请，要么在本年办结（计入（七）总计），要么结转下年度继续办理；两边不等说明漏填、错填或重复计数。表头注明了这一勾稽关系。",
            "Every application received this year or carried over from last year is either handled this year (counted in (7) total) or carried forward; if the two sides differ, a number is missing, wrong or counted twice. The table's header states this identity.",
        )
        .source(
            "国办公开办函〔2019〕60号、〔2021〕30号 年度报告格式 第三部分表注：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”",
            "the report formats (国办公开办函〔2019〕60号, 〔2021〕30号), section 三, header note",
        )
        .passing(ExampleReport::default().text())
        .failing(mark(
            &mark(
                &ExampleReport::default()
                    .app(app::ROW_CARRY_FORWARD, app::COL_NATURAL, "1")
                    .app(app::ROW_CARRY_FORWARD, app::COL_TOTAL, "1")
                    .text(),
                49,
                "13",
                1,
                "总计 列：一 + 二 = 14 + 1 = 15，但（七）总计 + 四 = 13 + 1 = 14，相差 1",
            ),
            49,
            "12",
            1,
            "自然人 列：一 + 二 = 13 + 1 = 14，但（七）总计 + 四 = 12 + 1 = 13，相差 1",
        ))
}

/// The four cells of one column.
struct Column {
    new: Num,
    carried: Num,
    total: Num,
    forward: Num,
}

fn column(view: &DocumentView<'_>, t: &Table, col: u16) -> Option<Column> {
    Some(Column {
        new: num(view, t, app::ROW_NEW, col)?,
        carried: num(view, t, app::ROW_CARRIED, col)?,
        total: num(view, t, app::ROW_TOTAL, col)?,
        forward: num(view, t, app::ROW_CARRY_FORWARD, col)?,
    })
}

pub fn check(ctx: &LintContext<'_>, report: &Report, out: &mut Vec<Diagnostic>) {
    let view = &ctx.doc;
    let Some(t) = checkable_table(view, report, TableKind::APPLICATIONS) else {
        return;
    };
    for col in app::COLUMNS {
        let Some(c) = column(view, t, col) else {
            continue;
        };
        let received = c.new.value + c.carried.value;
        let accounted = c.total.value + c.forward.value;
        if same(received, accounted) {
            continue;
        }
        let name = applications_col(ctx, col);
        let (n, ca, to, fw) = (
            fmt_num(c.new.value),
            fmt_num(c.carried.value),
            fmt_num(c.total.value),
            fmt_num(c.forward.value),
        );
        let (r, a) = (fmt_num(received), fmt_num(accounted));
        let diff = diff_text(ctx, received, accounted);
        let message = ctx.msg(
            format!("{name} 列：一 + 二 = {n} + {ca} = {r}，但（七）总计 + 四 = {to} + {fw} = {a}，{diff}"),
            format!("column {name}: new + carried over = {n} + {ca} = {r}, but (7) total + carried forward = {to} + {fw} = {a}, {diff}"),
        );
        let mut d = DiagnosticBuilder::for_rule(&RULE, c.total.span, message).help(ctx.msg(
            "核对该列的一、二、（七）总计、四，使“第一项加第二项之和，等于第三项加第四项之和”",
            "check this column's rows 一, 二, (7) total and 四 so that new + carried over = total + carried forward",
        ));
        for cell in [c.new, c.carried, c.forward] {
            d = d.related(
                cell.span,
                format!(
                    "{} = {}",
                    cell_name(ctx, TableKind::APPLICATIONS, cell.row, col),
                    fmt_num(cell.value)
                ),
            );
        }
        d.emit(out);
    }
}
