//! The standard outline and tables of a report: the six section titles,
//! the tables' names, and the row and column keys of the known tables with
//! their standard labels.
//!
//! Keys are stable numbers (they cross the plugin ABI). Labels are the
//! official wording; the parser matches real labels against the
//! `match_*` keywords after normalising the text.

use crate::{SectionKind, TableKind};

/// The six sections of the 2019 and 2021 formats in their order (一 … 六),
/// with their titles as the format documents word them.
pub const STANDARD_TITLES: [(SectionKind, &str); 6] = [
    (SectionKind::OVERVIEW, "总体情况"),
    (SectionKind::ACTIVE, "主动公开政府信息情况"),
    (SectionKind::APPLICATIONS, "收到和处理政府信息公开申请情况"),
    (SectionKind::REVIEW, "政府信息公开行政复议、行政诉讼情况"),
    (SectionKind::PROBLEMS, "存在的主要问题及改进情况"),
    (SectionKind::OTHER, "其他需要报告的事项"),
];

/// The standard title of a section; `None` for NONE and LEGACY.
pub fn standard_title(kind: SectionKind) -> Option<&'static str> {
    STANDARD_TITLES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, title)| *title)
}

/// A table's name as the format documents label it: "第二十条第（一）项",
/// "收到和处理政府信息公开申请情况"; "表格" for an unknown table.
pub fn table_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::ART20_1 => "第二十条第（一）项",
        TableKind::ART20_5 => "第二十条第（五）项",
        TableKind::ART20_6 => "第二十条第（六）项",
        TableKind::ART20_8 => "第二十条第（八）项",
        TableKind::ART20_9 => "第二十条第（九）项",
        TableKind::APPLICATIONS => "收到和处理政府信息公开申请情况",
        TableKind::REVIEW => "行政复议、行政诉讼情况",
        TableKind::STATS_PRE2019 => "政府信息公开情况统计表",
        _ => "表格",
    }
}

/// A table's name in English: "article 20 item (1)", "applications".
pub fn table_name_en(kind: TableKind) -> &'static str {
    match kind {
        TableKind::ART20_1 => "article 20 item (1)",
        TableKind::ART20_5 => "article 20 item (5)",
        TableKind::ART20_6 => "article 20 item (6)",
        TableKind::ART20_8 => "article 20 item (8)",
        TableKind::ART20_9 => "article 20 item (9)",
        TableKind::APPLICATIONS => "applications",
        TableKind::REVIEW => "administrative review and litigation",
        TableKind::STATS_PRE2019 => "statistics table (pre-2019 format)",
        _ => "table",
    }
}

/// Rows and columns of the 第二十条 tables in section 二.
pub mod art20 {
    pub const ROW_RULES: u16 = 1; // 规章
    pub const ROW_NORMATIVE: u16 = 2; // (行政)规范性文件
    pub const ROW_LICENSING: u16 = 3; // 行政许可
    pub const ROW_OTHER_SERVICES: u16 = 4; // 其他对外管理服务事项
    pub const ROW_PENALTY: u16 = 5; // 行政处罚
    pub const ROW_COERCION: u16 = 6; // 行政强制
    pub const ROW_FEES: u16 = 7; // 行政事业性收费
    pub const ROW_PROCUREMENT: u16 = 8; // 政府集中采购

    /// 2019 format columns.
    pub const COL_NEW_MADE: u16 = 1; // 本年新制作数量
    pub const COL_NEW_PUBLISHED: u16 = 2; // 本年新公开数量
    pub const COL_TOTAL_PUBLISHED: u16 = 3; // 对外公开总数量
    pub const COL_PREV_COUNT: u16 = 4; // 上一年项目数量
    pub const COL_CHANGE: u16 = 5; // 本年增/减
    pub const COL_DECISIONS: u16 = 6; // (本年)处理决定数量
    pub const COL_PROCUREMENT_COUNT: u16 = 7; // 采购项目数量
    pub const COL_PROCUREMENT_AMOUNT: u16 = 8; // 采购总金额
    /// 2021 format columns.
    pub const COL_ISSUED: u16 = 11; // 本年制发件数
    pub const COL_REPEALED: u16 = 12; // 本年废止件数
    pub const COL_IN_FORCE: u16 = 13; // 现行有效件数
    pub const COL_FEE_AMOUNT: u16 = 14; // 本年收费金额

    pub const ROWS: &[(u16, &str)] = &[
        (ROW_RULES, "规章"),
        (ROW_NORMATIVE, "规范性文件"),
        (ROW_LICENSING, "行政许可"),
        (ROW_OTHER_SERVICES, "其他对外管理服务事项"),
        (ROW_PENALTY, "行政处罚"),
        (ROW_COERCION, "行政强制"),
        (ROW_FEES, "行政事业性收费"),
        (ROW_PROCUREMENT, "政府集中采购"),
    ];

    /// Column labels; the first entry of each is the official wording, the
    /// rest are keywords a real header may use instead.
    pub const COLUMNS: &[(u16, &[&str])] = &[
        (COL_NEW_MADE, &["本年新制作数量", "新制作"]),
        (COL_NEW_PUBLISHED, &["本年新公开数量", "新公开"]),
        (COL_TOTAL_PUBLISHED, &["对外公开总数量", "公开总数"]),
        (COL_PREV_COUNT, &["上一年项目数量", "上一年"]),
        (COL_CHANGE, &["本年增/减", "增/减", "增减"]),
        (COL_DECISIONS, &["处理决定数量", "处理决定"]),
        (COL_PROCUREMENT_COUNT, &["采购项目数量", "采购项目"]),
        (COL_PROCUREMENT_AMOUNT, &["采购总金额", "采购金额"]),
        (COL_ISSUED, &["本年制发件数", "制发件数", "制发"]),
        (COL_REPEALED, &["本年废止件数", "废止件数", "废止"]),
        (COL_IN_FORCE, &["现行有效件数", "现行有效"]),
        (COL_FEE_AMOUNT, &["本年收费金额", "收费金额"]),
    ];

    pub fn row_label(key: u16) -> &'static str {
        ROWS.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
            .unwrap_or("?")
    }
    pub fn col_label(key: u16) -> &'static str {
        COLUMNS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| l[0])
            .unwrap_or("?")
    }
}

/// Rows and columns of section 三 (收到和处理政府信息公开申请情况).
/// A sum a table states: the cell `total` is the sum of the cells `parts`
/// (cells as `(row key, column key)`). The identities of the 三 and 四
/// tables are domain facts of the report formats, stated once here for
/// the rules that check them and for the language server that shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The total's cell.
    pub total: (u16, u16),
    /// The cells that add up to it, in table order.
    pub parts: Vec<(u16, u16)>,
}

pub mod applications {
    use super::Identity;

    pub const ROW_NEW: u16 = 1;
    pub const ROW_CARRIED: u16 = 2;
    pub const ROW_PUBLIC: u16 = 3;
    pub const ROW_PARTIAL: u16 = 4;
    /// （三）不予公开 1–8: `ROW_DENY_BASE + n`.
    pub const ROW_DENY_BASE: u16 = 10;
    /// （四）无法提供 1–3: `ROW_UNABLE_BASE + n`.
    pub const ROW_UNABLE_BASE: u16 = 20;
    /// （五）不予处理 1–5: `ROW_NOT_PROCESSED_BASE + n`.
    pub const ROW_NOT_PROCESSED_BASE: u16 = 30;
    /// （六）其他处理, the single row of the 2019 format.
    pub const ROW_OTHER: u16 = 40;
    /// （六）其他处理 1–3 of the 2021 format: `ROW_OTHER_BASE + n`.
    pub const ROW_OTHER_BASE: u16 = 40;
    pub const ROW_TOTAL: u16 = 50;
    pub const ROW_CARRY_FORWARD: u16 = 51;

    pub const COL_NATURAL: u16 = 1;
    pub const COL_COMMERCIAL: u16 = 2;
    pub const COL_RESEARCH: u16 = 3;
    pub const COL_WELFARE: u16 = 4;
    pub const COL_LEGAL: u16 = 5;
    pub const COL_OTHER_ORG: u16 = 6;
    pub const COL_TOTAL: u16 = 7;
    pub const COLUMNS: [u16; 7] = [
        COL_NATURAL,
        COL_COMMERCIAL,
        COL_RESEARCH,
        COL_WELFARE,
        COL_LEGAL,
        COL_OTHER_ORG,
        COL_TOTAL,
    ];

    /// Every row key with its official label, in table order.
    pub const ROWS: &[(u16, &str)] = &[
        (ROW_NEW, "一、本年新收政府信息公开申请数量"),
        (ROW_CARRIED, "二、上年结转政府信息公开申请数量"),
        (ROW_PUBLIC, "（一）予以公开"),
        (ROW_PARTIAL, "（二）部分公开"),
        (ROW_DENY_BASE + 1, "（三）不予公开 1.属于国家秘密"),
        (
            ROW_DENY_BASE + 2,
            "（三）不予公开 2.其他法律行政法规禁止公开",
        ),
        (ROW_DENY_BASE + 3, "（三）不予公开 3.危及“三安全一稳定”"),
        (ROW_DENY_BASE + 4, "（三）不予公开 4.保护第三方合法权益"),
        (ROW_DENY_BASE + 5, "（三）不予公开 5.属于三类内部事务信息"),
        (ROW_DENY_BASE + 6, "（三）不予公开 6.属于四类过程性信息"),
        (ROW_DENY_BASE + 7, "（三）不予公开 7.属于行政执法案卷"),
        (ROW_DENY_BASE + 8, "（三）不予公开 8.属于行政查询事项"),
        (
            ROW_UNABLE_BASE + 1,
            "（四）无法提供 1.本机关不掌握相关政府信息",
        ),
        (
            ROW_UNABLE_BASE + 2,
            "（四）无法提供 2.没有现成信息需要另行制作",
        ),
        (
            ROW_UNABLE_BASE + 3,
            "（四）无法提供 3.补正后申请内容仍不明确",
        ),
        (
            ROW_NOT_PROCESSED_BASE + 1,
            "（五）不予处理 1.信访举报投诉类申请",
        ),
        (ROW_NOT_PROCESSED_BASE + 2, "（五）不予处理 2.重复申请"),
        (
            ROW_NOT_PROCESSED_BASE + 3,
            "（五）不予处理 3.要求提供公开出版物",
        ),
        (
            ROW_NOT_PROCESSED_BASE + 4,
            "（五）不予处理 4.无正当理由大量反复申请",
        ),
        (
            ROW_NOT_PROCESSED_BASE + 5,
            "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
        ),
        (ROW_OTHER, "（六）其他处理"),
        (
            ROW_OTHER_BASE + 1,
            "（六）其他处理 1.申请人无正当理由逾期不补正",
        ),
        (
            ROW_OTHER_BASE + 2,
            "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用",
        ),
        (ROW_OTHER_BASE + 3, "（六）其他处理 3.其他"),
        (ROW_TOTAL, "（七）总计"),
        (ROW_CARRY_FORWARD, "四、结转下年度继续办理"),
    ];

    /// The rows whose sum is （七）总计.
    pub fn is_result_row(key: u16) -> bool {
        (ROW_PUBLIC..ROW_TOTAL).contains(&key)
    }

    /// The applicant columns whose sum is the 总计 column: 自然人 and the
    /// five 法人或其他组织 columns.
    pub const APPLICANT_COLUMNS: [u16; 6] = [
        COL_NATURAL,
        COL_COMMERCIAL,
        COL_RESEARCH,
        COL_WELFARE,
        COL_LEGAL,
        COL_OTHER_ORG,
    ];

    /// The result rows （一）…（六） that add up to （七）总计 in a table with
    /// the rows `present`: （六）其他处理 as one row (the 2019 format) or as
    /// its three sub-rows (2021). `None` when a row of the form is missing.
    pub fn result_rows(present: &[u16]) -> Option<Vec<u16>> {
        let mut rows: Vec<u16> = vec![ROW_PUBLIC, ROW_PARTIAL];
        rows.extend((1..=8).map(|n| ROW_DENY_BASE + n));
        rows.extend((1..=3).map(|n| ROW_UNABLE_BASE + n));
        rows.extend((1..=5).map(|n| ROW_NOT_PROCESSED_BASE + n));
        let other_split = (1..=3).all(|n| present.contains(&(ROW_OTHER_BASE + n)));
        if other_split {
            rows.extend((1..=3).map(|n| ROW_OTHER_BASE + n));
        } else {
            rows.push(ROW_OTHER);
        }
        rows.iter().all(|k| present.contains(k)).then_some(rows)
    }

    /// The identities of a 三 table with the rows `present`: each row's
    /// 总计 is the sum of its applicant columns, and each column's （七）总计
    /// the sum of the result rows (when the table has them all).
    pub fn identities(present: &[u16]) -> Vec<Identity> {
        let mut out: Vec<Identity> = present
            .iter()
            .map(|&row| Identity {
                total: (row, COL_TOTAL),
                parts: APPLICANT_COLUMNS.iter().map(|&c| (row, c)).collect(),
            })
            .collect();
        if let Some(rows) = result_rows(present) {
            out.extend(COLUMNS.iter().map(|&col| Identity {
                total: (ROW_TOTAL, col),
                parts: rows.iter().map(|&r| (r, col)).collect(),
            }));
        }
        out
    }

    pub fn row_label(key: u16) -> &'static str {
        ROWS.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
            .unwrap_or("?")
    }
    pub fn col_label(key: u16) -> &'static str {
        match key {
            COL_NATURAL => "自然人",
            COL_COMMERCIAL => "商业企业",
            COL_RESEARCH => "科研机构",
            COL_WELFARE => "社会公益组织",
            COL_LEGAL => "法律服务机构",
            COL_OTHER_ORG => "其他",
            COL_TOTAL => "总计",
            _ => "?",
        }
    }
    pub fn col_label_en(key: u16) -> &'static str {
        match key {
            COL_NATURAL => "natural persons",
            COL_COMMERCIAL => "businesses",
            COL_RESEARCH => "research institutions",
            COL_WELFARE => "public-welfare organisations",
            COL_LEGAL => "legal-service institutions",
            COL_OTHER_ORG => "other organisations",
            COL_TOTAL => "total",
            _ => "?",
        }
    }
}

/// The single data row of section 四 (行政复议、行政诉讼).
pub mod review {
    pub const ROW_DATA: u16 = 1;
    /// Groups: 行政复议, 未经复议直接起诉, 复议后起诉.
    pub const GROUPS: [&str; 3] = [
        "行政复议",
        "行政诉讼·未经复议直接起诉",
        "行政诉讼·复议后起诉",
    ];
    pub const GROUPS_EN: [&str; 3] = [
        "administrative review",
        "litigation without prior review",
        "litigation after review",
    ];
    /// Within a group: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
    pub const PARTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    pub const PART_TOTAL: u16 = 4;

    /// Column key of `part` (0–4) in `group` (0–2): 1..=15 in table order.
    pub fn col(group: u16, part: u16) -> u16 {
        group * 5 + part + 1
    }

    /// The identities of the 四 table: in each group, 总计 is the sum of
    /// 结果维持, 结果纠正, 其他结果 and 尚未审结 (in group order).
    pub fn identities() -> Vec<super::Identity> {
        (0..GROUPS.len() as u16)
            .map(|group| super::Identity {
                total: (ROW_DATA, col(group, PART_TOTAL)),
                parts: (0..PART_TOTAL)
                    .map(|part| (ROW_DATA, col(group, part)))
                    .collect(),
            })
            .collect()
    }
    pub fn col_label(key: u16) -> String {
        if !(1..=15).contains(&key) {
            return "?".into();
        }
        let g = (key - 1) / 5;
        let p = (key - 1) % 5;
        format!("{}·{}", GROUPS[g as usize], PARTS[p as usize])
    }
}

/// A readable label for a cell of any known table: "（七）总计·自然人".
pub fn cell_label(kind: TableKind, row_key: u16, col_key: u16) -> String {
    match kind {
        TableKind::APPLICATIONS => format!(
            "{}·{}",
            applications::row_label(row_key),
            applications::col_label(col_key)
        ),
        TableKind::REVIEW => review::col_label(col_key),
        TableKind::STATS_PRE2019 => format!(
            "{}·{}",
            stats::row_label(row_key),
            stats::col_label(col_key)
        ),
        _ => format!(
            "{}·{}",
            art20::row_label(row_key),
            art20::col_label(col_key)
        ),
    }
}

/// The statistics table of the pre-2019 format (政府信息公开情况统计表,
/// [`TableKind::STATS_PRE2019`]): one row per 指标, columns 计量单位 /
/// 本年度 / 历年累计. Real tables vary in wording and in which rows they
/// have; the parser maps a row by the words of its label
/// ([`stats::row_key`]) and says which rows it could not map.
///
/// Keys are stable: a new row gets a new key, none is ever renumbered.
pub mod stats {
    /// 主动公开信息数 (主动公开政府信息数, 主动公开文件数).
    pub const ROW_ACTIVE: u16 = 1;
    /// 其中：全文电子化的主动公开信息数.
    pub const ROW_ACTIVE_FULL_TEXT: u16 = 2;
    /// 其中：网站公开 (政府网站公开数).
    pub const ROW_ACTIVE_WEBSITE: u16 = 3;
    /// 其中：政府公报公开.
    pub const ROW_ACTIVE_GAZETTE: u16 = 4;
    /// 依申请公开信息数 (information classified as available on request;
    /// not a count of applications).
    pub const ROW_ON_REQUEST_INFO: u16 = 8;
    /// 申请总数 (受理依申请公开信息总数, 收到申请数).
    pub const ROW_APPLICATIONS: u16 = 10;
    pub const ROW_APP_IN_PERSON: u16 = 11; // 当面申请数
    pub const ROW_APP_FAX: u16 = 12; // 传真申请数
    pub const ROW_APP_EMAIL: u16 = 13; // 电子邮件申请数
    pub const ROW_APP_ONLINE: u16 = 14; // 网上申请数
    pub const ROW_APP_LETTER: u16 = 15; // 信函申请数
    /// 信函、传真申请数 (one row for both).
    pub const ROW_APP_LETTER_FAX: u16 = 16;
    /// 其他形式申请数: closes the list of channels.
    pub const ROW_APP_OTHER: u16 = 17;
    /// 对申请的答复数 (对申请的答复总数).
    pub const ROW_REPLIES: u16 = 20;
    pub const ROW_REPLY_PUBLIC: u16 = 21; // 同意公开答复数
    pub const ROW_REPLY_PARTIAL: u16 = 22; // 同意部分公开答复数
    /// 否决公开 / 不同意公开 / 不予公开答复数.
    pub const ROW_REPLY_DENIED: u16 = 23;
    /// 其他类型答复数: closes the list of replies.
    pub const ROW_REPLY_OTHER: u16 = 24;
    pub const ROW_REPLY_ALREADY_PUBLIC: u16 = 25; // 属于已主动公开范围数
    pub const ROW_REPLY_NOT_OURS: u16 = 26; // 不属于本行政机关公开数
    pub const ROW_REPLY_NOT_EXIST: u16 = 27; // 申请信息不存在数
    pub const ROW_REPLY_AMEND: u16 = 28; // 告知作出更改补充数
    pub const ROW_REPLY_ELSEWHERE: u16 = 29; // 告知通过其他途径办理数
    pub const ROW_REVIEW: u16 = 30; // 行政复议数
    pub const ROW_LITIGATION: u16 = 31; // 行政诉讼数
    /// (行政)申诉数, 举报数.
    pub const ROW_COMPLAINT: u16 = 32;
    /// 依申请提供政府信息收取的费用 (收费).
    pub const ROW_FEES: u16 = 40;
    /// 减免收费.
    pub const ROW_FEES_WAIVED: u16 = 41;

    /// 本年度 (2011年度, 本年, 统计数).
    pub const COL_THIS_YEAR: u16 = 1;
    /// 历年累计 (累计数).
    pub const COL_CUMULATIVE: u16 = 2;
    /// 计量单位: a text cell (条, 件, 万元), never a number.
    pub const COL_UNIT: u16 = 3;

    /// Every row with its label as the 2008 template words it.
    pub const ROWS: &[(u16, &str)] = &[
        (ROW_ACTIVE, "主动公开信息数"),
        (ROW_ACTIVE_FULL_TEXT, "其中：全文电子化的主动公开信息数"),
        (ROW_ACTIVE_WEBSITE, "其中：网站公开"),
        (ROW_ACTIVE_GAZETTE, "其中：政府公报公开"),
        (ROW_ON_REQUEST_INFO, "依申请公开信息数"),
        (ROW_APPLICATIONS, "申请总数"),
        (ROW_APP_IN_PERSON, "当面申请数"),
        (ROW_APP_FAX, "传真申请数"),
        (ROW_APP_EMAIL, "电子邮件申请数"),
        (ROW_APP_ONLINE, "网上申请数"),
        (ROW_APP_LETTER, "信函申请数"),
        (ROW_APP_LETTER_FAX, "信函、传真申请数"),
        (ROW_APP_OTHER, "其他形式申请数"),
        (ROW_REPLIES, "对申请的答复数"),
        (ROW_REPLY_PUBLIC, "同意公开答复数"),
        (ROW_REPLY_PARTIAL, "同意部分公开答复数"),
        (ROW_REPLY_DENIED, "否决公开答复数"),
        (ROW_REPLY_OTHER, "其他类型答复数"),
        (ROW_REPLY_ALREADY_PUBLIC, "属于已主动公开范围数"),
        (ROW_REPLY_NOT_OURS, "不属于本行政机关公开数"),
        (ROW_REPLY_NOT_EXIST, "申请信息不存在数"),
        (ROW_REPLY_AMEND, "告知作出更改补充数"),
        (ROW_REPLY_ELSEWHERE, "告知通过其他途径办理数"),
        (ROW_REVIEW, "行政复议数"),
        (ROW_LITIGATION, "行政诉讼数"),
        (ROW_COMPLAINT, "申诉数"),
        (ROW_FEES, "收费"),
        (ROW_FEES_WAIVED, "减免收费"),
    ];

    /// A total and the rows that divide it, when the table lists them:
    /// 申请总数 by channel, 对申请的答复数 by kind of reply. The last key
    /// of each closes the list (其他…): only with it present may the parts
    /// fall short of the total. (主动公开 by 网站/公报 is no partition:
    /// one document is often published both ways, or in neither.)
    pub const PARTITIONS: &[(u16, &[u16], u16)] = &[
        (
            ROW_APPLICATIONS,
            &[
                ROW_APP_IN_PERSON,
                ROW_APP_FAX,
                ROW_APP_EMAIL,
                ROW_APP_ONLINE,
                ROW_APP_LETTER,
                ROW_APP_LETTER_FAX,
                ROW_APP_OTHER,
            ],
            ROW_APP_OTHER,
        ),
        (
            ROW_REPLIES,
            &[
                ROW_REPLY_ALREADY_PUBLIC,
                ROW_REPLY_PUBLIC,
                ROW_REPLY_PARTIAL,
                ROW_REPLY_DENIED,
                ROW_REPLY_NOT_OURS,
                ROW_REPLY_NOT_EXIST,
                ROW_REPLY_AMEND,
                ROW_REPLY_ELSEWHERE,
                ROW_REPLY_OTHER,
            ],
            ROW_REPLY_OTHER,
        ),
    ];

    /// The row a label means, from its words (compact, without numbering
    /// or punctuation: "其中1当面申请数", "受理依申请公开信息总数").
    /// `None` for a row the schema does not know.
    pub fn row_key(words: &str) -> Option<u16> {
        let has = |w: &str| words.contains(w);
        let key = if has("申请") && !has("答复") && !has("依申请公开信息数") {
            if has("总数") || has("收到") || has("受理") {
                ROW_APPLICATIONS
            } else if has("当面") {
                ROW_APP_IN_PERSON
            } else if has("信函") && has("传真") {
                ROW_APP_LETTER_FAX
            } else if has("传真") {
                ROW_APP_FAX
            } else if has("电子邮件") || has("邮件") {
                ROW_APP_EMAIL
            } else if has("网上") || has("网络") {
                ROW_APP_ONLINE
            } else if has("信函") {
                ROW_APP_LETTER
            } else if has("其他") || has("其它") {
                ROW_APP_OTHER
            } else {
                return None;
            }
        } else if has("答复") || has("告知") || has("申请信息不存在") {
            if has("部分公开") {
                ROW_REPLY_PARTIAL
            } else if has("否决") || has("不同意") || has("不予公开") {
                ROW_REPLY_DENIED
            } else if has("同意公开") {
                ROW_REPLY_PUBLIC
            } else if has("已主动公开") {
                ROW_REPLY_ALREADY_PUBLIC
            } else if has("不属于") {
                ROW_REPLY_NOT_OURS
            } else if has("不存在") {
                ROW_REPLY_NOT_EXIST
            } else if has("更改") || has("补充") {
                ROW_REPLY_AMEND
            } else if has("其他途径") {
                ROW_REPLY_ELSEWHERE
            } else if has("其他") || has("其它") {
                ROW_REPLY_OTHER
            } else if has("对申请") || has("答复数") || has("答复总数") {
                ROW_REPLIES
            } else {
                return None;
            }
        } else if has("主动公开") {
            if has("全文电子化") {
                ROW_ACTIVE_FULL_TEXT
            } else if words.starts_with("其中") && !has("网站") && !has("公报") {
                return None;
            } else {
                ROW_ACTIVE
            }
        } else if has("网站") {
            ROW_ACTIVE_WEBSITE
        } else if has("公报") {
            ROW_ACTIVE_GAZETTE
        } else if has("依申请公开信息") {
            ROW_ON_REQUEST_INFO
        } else if has("行政复议") && !has("诉讼") {
            ROW_REVIEW
        } else if has("行政诉讼") && !has("举报") && !has("复议") {
            ROW_LITIGATION
        } else if has("申诉") || has("举报") {
            ROW_COMPLAINT
        } else if has("减免") {
            ROW_FEES_WAIVED
        } else if has("收费") || has("费用") {
            ROW_FEES
        } else {
            return None;
        };
        Some(key)
    }

    pub fn row_label(key: u16) -> &'static str {
        ROWS.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
            .unwrap_or("?")
    }
    pub fn col_label(key: u16) -> &'static str {
        match key {
            COL_THIS_YEAR => "本年度",
            COL_CUMULATIVE => "历年累计",
            COL_UNIT => "计量单位",
            _ => "?",
        }
    }
    pub fn col_label_en(key: u16) -> &'static str {
        match key {
            COL_THIS_YEAR => "this year",
            COL_CUMULATIVE => "cumulative",
            COL_UNIT => "unit",
            _ => "?",
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn real_labels_map_to_rows() {
            for (words, key) in [
                ("主动公开信息数", ROW_ACTIVE),
                ("主动公开文件数", ROW_ACTIVE),
                ("其中1网站公开", ROW_ACTIVE_WEBSITE),
                ("1政府网站公开数", ROW_ACTIVE_WEBSITE),
                ("2政府公报公开", ROW_ACTIVE_GAZETTE),
                ("受理依申请公开信息总数", ROW_APPLICATIONS),
                ("其中1当面申请数", ROW_APP_IN_PERSON),
                ("3电子邮件申请数", ROW_APP_EMAIL),
                ("3信函传真申请数", ROW_APP_LETTER_FAX),
                ("6其它形式申请数", ROW_APP_OTHER),
                ("对申请的答复总数", ROW_REPLIES),
                ("其中1同意公开答复数", ROW_REPLY_PUBLIC),
                ("2同意部分公开答复数", ROW_REPLY_PARTIAL),
                ("3否决公开答复数", ROW_REPLY_DENIED),
                ("4其他类型答复数", ROW_REPLY_OTHER),
                ("接受行政诉讼举报数", ROW_COMPLAINT),
                ("行政复议数", ROW_REVIEW),
                ("行政诉讼数", ROW_LITIGATION),
                ("行政申诉数", ROW_COMPLAINT),
                ("依申请公开信息数", ROW_ON_REQUEST_INFO),
            ] {
                assert_eq!(row_key(words), Some(key), "{words}");
            }
            assert_eq!(row_key("指标名称计量单位"), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2021_form_sums_the_three_other_rows_and_the_2019_form_the_one() {
        use applications::*;
        let mut rows_2019: Vec<u16> = ROWS.iter().map(|(k, _)| *k).collect();
        rows_2019.retain(|k| !(ROW_OTHER_BASE + 1..=ROW_OTHER_BASE + 3).contains(k));
        let sum_2019 = result_rows(&rows_2019).unwrap();
        assert_eq!(sum_2019.len(), 19);
        assert!(sum_2019.contains(&ROW_OTHER));
        let all: Vec<u16> = ROWS.iter().map(|(k, _)| *k).collect();
        let sum_2021 = result_rows(&all).unwrap();
        assert_eq!(sum_2021.len(), 21);
        assert!(!sum_2021.contains(&ROW_OTHER));
        assert_eq!(result_rows(&[ROW_PUBLIC, ROW_TOTAL]), None);
        let ids = identities(&all);
        // The grand total closes two sums: its row and its column.
        let grand: Vec<usize> = ids
            .iter()
            .filter(|i| i.total == (ROW_TOTAL, COL_TOTAL))
            .map(|i| i.parts.len())
            .collect();
        assert_eq!(grand, [6, 21]);
        let new = ids
            .iter()
            .find(|i| i.total == (ROW_NEW, COL_TOTAL))
            .unwrap();
        assert_eq!(new.parts.len(), 6);
    }

    #[test]
    fn each_review_group_total_is_its_four_outcomes() {
        let ids = review::identities();
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[1].total, (review::ROW_DATA, 10));
        assert_eq!(
            ids[1].parts.iter().map(|p| p.1).collect::<Vec<_>>(),
            [6, 7, 8, 9]
        );
    }
}
