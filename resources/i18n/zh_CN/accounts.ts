<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AccountFiles</name>
    <message>
        <source>Import accounts</source>
        <translation>导入用户</translation>
    </message>
    <message>
        <source>Account files</source>
        <translation>用户文件</translation>
    </message>
    <message>
        <source>Export accounts</source>
        <translation>导出用户</translation>
    </message>
    <message>
        <source>accounts.xlsx</source>
        <translation>用户.xlsx</translation>
    </message>
    <message>
        <source>Save import template</source>
        <translation>保存导入模板</translation>
    </message>
    <message>
        <source>accounts-template.xlsx</source>
        <translation>用户导入模板.xlsx</translation>
    </message>
    <message>
        <source>Checking {file}: {rows} rows read…</source>
        <translation>正在检查 {file}：已读取 {rows} 行…</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Exported {count} accounts to {file}.</source>
        <translation>已导出 {count} 户到 {file}。</translation>
    </message>
    <message>
        <source>Template saved to {file}.</source>
        <translation>模板已保存到 {file}。</translation>
    </message>
    <message>
        <source>Imported {count} accounts.</source>
        <translation>已导入 {count} 户。</translation>
    </message>
    <message>
        <source>{count} suspended for season {season}.</source>
        <translation>其中 {count} 户在 {season} 采暖期报停。</translation>
    </message>
    <message>
        <source>Opening arrears: {count} accounts, {amount} in all.</source>
        <translation>往年欠费：{count} 户，共 {amount}。</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>用户</translation>
    </message>
</context>
<context>
    <name>AccountPanel</name>
    <message>
        <source>Search above and pick an account to see it here.</source>
        <translation>在上方搜索并选中一户，即可在此查看详情。</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>用热信息</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>欠费明细</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>用户类别：</translation>
    </message>
    <message>
        <source>Low income:</source>
        <translation>低保：</translation>
    </message>
    <message>
        <source>Heated area:</source>
        <translation>供热面积：</translation>
    </message>
    <message>
        <source>Ceiling height:</source>
        <translation>层高：</translation>
    </message>
    <message>
        <source>Billing:</source>
        <translation>计费方式：</translation>
    </message>
    <message>
        <source>Connected on:</source>
        <translation>开通日期：</translation>
    </message>
    <message>
        <source>Contract:</source>
        <translation>供用热合同：</translation>
    </message>
    <message>
        <source>Status (newest season):</source>
        <translation>状态（最新采暖期）：</translation>
    </message>
    <message>
        <source>Opening arrears:</source>
        <translation>往年欠费：</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Low income</source>
        <translation>低保</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>层高</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>采暖期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Former holder</source>
        <translation>原户主</translation>
    </message>
    <message>
        <source>New holder</source>
        <translation>新户主</translation>
    </message>
    <message>
        <source>Status per season</source>
        <translation>各采暖期状态</translation>
    </message>
    <message>
        <source>Changes of holder</source>
        <translation>过户记录</translation>
    </message>
    <message>
        <source>History of billing facts</source>
        <translation>计费信息变更历史</translation>
    </message>
    <message>
        <source>Season / line</source>
        <translation>采暖期 / 项目</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>记账日期</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Principal paid</source>
        <translation>已缴本金</translation>
    </message>
    <message>
        <source>Principal owed</source>
        <translation>未缴本金</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>欠费合计</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Payment id</source>
        <translation>缴费编号</translation>
    </message>
    <message>
        <source>No payments recorded for this account.</source>
        <translation>该户暂无缴费记录。</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应缴</translation>
    </message>
    <message>
        <source>On:</source>
        <translation>对账日期：</translation>
    </message>
    <message>
        <source>Paying by:</source>
        <translation>缴费渠道：</translation>
    </message>
    <message>
        <source>Closed on {date}</source>
        <translation>已于 {date} 销户</translation>
    </message>
    <message>
        <source>Credit {credit}    Total due {total}</source>
        <translation>预存 {credit}    应缴合计 {total}</translation>
    </message>
</context>
<context>
    <name>AccountResultsModel</name>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>AccountsArea</name>
    <message>
        <source>Accounts</source>
        <translation>用户查询</translation>
    </message>
    <message>
        <source>Seasons and tariffs</source>
        <translation>采暖期与热价</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Service records</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Account no., phone, name or address (Ctrl+F / F3)</source>
        <translation>户号、电话、户名或地址（Ctrl+F / F3）</translation>
    </message>
    <message>
        <source>Type to search.</source>
        <translation>输入即可搜索。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Template…</source>
        <translation>下载模板…</translation>
    </message>
    <message>
        <source>Type an account no., phone, name or address.</source>
        <translation>请输入户号、电话、户名或地址。</translation>
    </message>
    <message>
        <source>No account matches “{text}”.</source>
        <translation>没有与“{text}”匹配的用户。</translation>
    </message>
    <message>
        <source>{count} accounts shown; scroll down for more.</source>
        <translation>已显示 {count} 户，向下滚动加载更多。</translation>
    </message>
    <message>
        <source>{count} accounts found.</source>
        <translation>共找到 {count} 户。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
</context>
<context>
    <name>Codes</name>
    <message>
        <source>Residential</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Non-residential</source>
        <translation>非居民</translation>
    </message>
    <message>
        <source>By area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Metered</source>
        <translation>计量</translation>
    </message>
    <message>
        <source>Heating</source>
        <translation>供热</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>报停</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Agent collection</source>
        <translation>代收</translation>
    </message>
    <message>
        <source>Opening arrears</source>
        <translation>往年欠费</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
    <message>
        <source>Nothing was imported. Correct these {count} problems in the file and import it again:</source>
        <translation>未导入任何数据。请在文件中改正以下 {count} 处错误后重新导入：</translation>
    </message>
</context>
<context>
    <name>LongJob</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling… work already saved is kept.</source>
        <translation>正在取消…已保存的部分会保留。</translation>
    </message>
</context>
<context>
    <name>SeasonsPage</name>
    <message>
        <source>Season</source>
        <translation>采暖期</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>首日</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>末日</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>缴费截止日</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>已开征户数</translation>
    </message>
    <message>
        <source>Not yet billed</source>
        <translation>待开征户数</translation>
    </message>
    <message>
        <source>Load tariff file…</source>
        <translation>载入热价文件…</translation>
    </message>
    <message>
        <source>Bill season…</source>
        <translation>开征…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Billing a season bills every account that has no bill for it yet. It can be cancelled: what was billed is kept, and billing again completes it.</source>
        <translation>开征为所选采暖期尚无账单的每一户生成账单。可以中途取消：已生成的账单会保留，再次开征即可补齐。</translation>
    </message>
    <message>
        <source>Load tariff file</source>
        <translation>载入热价文件</translation>
    </message>
    <message>
        <source>Tariff files</source>
        <translation>热价文件</translation>
    </message>
    <message>
        <source>Cannot read {file}: {why}</source>
        <translation>无法读取 {file}：{why}</translation>
    </message>
    <message>
        <source>Bill season {code}</source>
        <translation>开征 {code}</translation>
    </message>
    <message>
        <source>Billed {done} of {total} accounts…</source>
        <translation>已开征 {done} / {total} 户…</translation>
    </message>
    <message>
        <source>Bill season</source>
        <translation>开征</translation>
    </message>
    <message>
        <source>Bill every account without a bill for season {code}?</source>
        <translation>为 {code} 采暖期尚无账单的所有用户开征吗？</translation>
    </message>
    <message>
        <source>Season {code} was added.</source>
        <translation>已新增 {code} 采暖期。</translation>
    </message>
    <message>
        <source>The tariffs of season {code} were replaced.</source>
        <translation>{code} 采暖期的热价已更新。</translation>
    </message>
    <message>
        <source>Season {code} already has these tariffs.</source>
        <translation>{code} 采暖期已是这些热价，无需更改。</translation>
    </message>
    <message>
        <source>Cancelled. {billed} accounts were billed and kept; bill the season again to complete it.</source>
        <translation>已取消。已开征的 {billed} 户会保留；再次开征即可补齐。</translation>
    </message>
    <message>
        <source>Season {code} billed: {billed} new bills, {already} already billed, {skipped} accounts without facts for the season.</source>
        <translation>{code} 采暖期开征完成：新开 {billed} 户，此前已开 {already} 户，{skipped} 户在本采暖期没有计费信息。</translation>
    </message>
    <message>
        <source>Seasons</source>
        <translation>采暖期</translation>
    </message>
</context>
</TS>
