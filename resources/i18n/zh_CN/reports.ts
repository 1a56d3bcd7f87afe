<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportsPage</name>
    <message>
        <source>Daily ledger</source>
        <translation>日记账</translation>
    </message>
    <message>
        <source>Month-end summary</source>
        <translation>月度收费汇总</translation>
    </message>
    <message>
        <source>Arrears list</source>
        <translation>欠费明细</translation>
    </message>
    <message>
        <source>Collection rate</source>
        <translation>收费率统计</translation>
    </message>
    <message>
        <source>Voids, refunds and waivers</source>
        <translation>作废、退费及减免</translation>
    </message>
    <message>
        <source>Public price list</source>
        <translation>收费标准公示</translation>
    </message>
    <message>
        <source>Accounting vouchers</source>
        <translation>记账凭证</translation>
    </message>
    <message>
        <source>Arrears notices</source>
        <translation>催缴通知单</translation>
    </message>
    <message>
        <source>Every payment, void and refund booked to the day, by cashier or collector, with totals per payment method and per season.</source>
        <translation>当日入账的每笔收费、作废和退费，按收费员或上门收费员列出，并按缴费方式、采暖期汇总。</translation>
    </message>
    <message>
        <source>The month day by day, per payment method, season and cashier, and what was added to or taken off the bills.</source>
        <translation>本月逐日收费，按缴费方式、采暖期和收费员汇总，以及本月记入账单的应收变动。</translation>
    </message>
    <message>
        <source>Households that still owe on the day, by estate, building and unit, with subtotals and how long each has owed.</source>
        <translation>截至当日仍欠费的住户，按小区、楼号、单元列出，含小计和欠费账龄。</translation>
    </message>
    <message>
        <source>Billed, collected and owed per estate and season, as amounts and as households.</source>
        <translation>各小区各采暖期的应收、实收和欠费，按金额和户数计算收费率。</translation>
    </message>
    <message>
        <source>Voids, refunds and late-fee waivers between two days, with the reason and who approved each.</source>
        <translation>期间内的作废、退费和滞纳金减免，含原因和批准人。</translation>
    </message>
    <message>
        <source>The season&apos;s prices and rules for the notice board.</source>
        <translation>本采暖期的收费标准和规则，用于张贴公示。</translation>
    </message>
    <message>
        <source>Debit and credit lines per day and payment method for the accounting software (columns and accounts as set up in the settings).</source>
        <translation>按日、按缴费方式生成借贷分录，供财务软件导入（列和科目按设置）。</translation>
    </message>
    <message>
        <source>One notice per household in arrears for collectors to hand out, on A4 or on receipt paper.</source>
        <translation>每户一张催缴通知单，供上门收费员发放，可用 A4 纸或收据纸打印。</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼号</translation>
    </message>
    <message>
        <source>e.g. 2025-2026 (empty: all, or the newest)</source>
        <translation>如 2025-2026（留空：全部，或最新采暖期）</translation>
    </message>
    <message>
        <source>A4, two to a page</source>
        <translation>A4，每页两张</translation>
    </message>
    <message>
        <source>Receipt paper 58 mm</source>
        <translation>58 毫米收据纸</translation>
    </message>
    <message>
        <source>Receipt paper 80 mm</source>
        <translation>80 毫米收据纸</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼号</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>采暖期</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Create report</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>报表保存为</translation>
    </message>
    <message>
        <source>Choose a report and where to save it.</source>
        <translation>请选择报表及保存位置。</translation>
    </message>
    <message>
        <source>Creating the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <source>Read {done} of {total}…</source>
        <translation>已读取 {done} / {total}…</translation>
    </message>
    <message>
        <source>Read {done}…</source>
        <translation>已读取 {done}…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未生成文件。</translation>
    </message>
</context>
</TS>
