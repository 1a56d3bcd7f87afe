<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CashCountWidget</name>
    <message>
        <source> pcs</source>
        <translation> 张</translation>
    </message>
    <message>
        <source>Cash counted: {amount}</source>
        <translation>现金合计：{amount}</translation>
    </message>
</context>
<context>
    <name>CollectionsChart</name>
    <message>
        <source>Collections of the last {days} days (yuan)</source>
        <translation>最近 {days} 天收款（元）</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Collector hand-over</source>
        <translation>上门收费员缴款</translation>
    </message>
    <message>
        <source>Collector's staff number</source>
        <translation>上门收费员工号</translation>
    </message>
    <message>
        <source>Next: compare and sign</source>
        <translation>下一步：核对并签字</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Count the cash handed over</source>
        <translation>清点缴款现金</translation>
    </message>
    <message>
        <source>Collector:</source>
        <translation>上门收费员：</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Reason for the difference</source>
        <translation>差额原因</translation>
    </message>
    <message>
        <source>Collector signs</source>
        <translation>上门收费员签字</translation>
    </message>
    <message>
        <source>Receiver signs</source>
        <translation>收款人签字</translation>
    </message>
    <message>
        <source>Record hand-over</source>
        <translation>确认缴款</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>重新清点</translation>
    </message>
    <message>
        <source>Check and sign</source>
        <translation>核对并签字</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Hand-over recorded</source>
        <translation>缴款已记录</translation>
    </message>
    <message>
        <source>Choose the collector first.</source>
        <translation>请先选择上门收费员。</translation>
    </message>
    <message>
        <source>{name} holds {expected}; counted {counted}.</source>
        <translation>{name} 应缴 {expected}，实点 {counted}。</translation>
    </message>
    <message>
        <source>Please give the reason for the difference.</source>
        <translation>请填写差额原因。</translation>
    </message>
    <message>
        <source>{receipt}: {collector} handed over {counted} to {receiver} (expected {expected}) on {day}.</source>
        <translation>{receipt}：{collector} 于 {day} 向 {receiver} 缴款 {counted}（应缴 {expected}）。</translation>
    </message>
</context>
<context>
    <name>PresetDialog</name>
    <message>
        <source>Column mapping</source>
        <translation>对账单列映射</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Time (or time of day)</source>
        <translation>时间列（或交易时间）</translation>
    </message>
    <message>
        <source>Date (when separate)</source>
        <translation>日期列（单独时）</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额列</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>退款金额列</translation>
    </message>
    <message>
        <source>Money out (bank)</source>
        <translation>支出金额列（银行）</translation>
    </message>
    <message>
        <source>Values meaning refund</source>
        <translation>表示退款的值</translation>
    </message>
    <message>
        <source>References</source>
        <translation>单号列</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>对方户名列</translation>
    </message>
    <message>
        <source>Details end at</source>
        <translation>明细结束标记</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Preface lines to skip:</source>
        <translation>跳过开头行数：</translation>
    </message>
    <message>
        <source>Kind column:</source>
        <translation>类型列：</translation>
    </message>
    <message>
        <source>Characters stripped:</source>
        <translation>去除的字符：</translation>
    </message>
    <message>
        <source>Which columns hold what</source>
        <translation>各字段在哪一列</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReconRowsModel</name>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Counter / receipts</source>
        <translation>窗口/收据号</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Hand-over</source>
        <translation>缴款</translation>
    </message>
</context>
<context>
    <name>ReconciliationPage</name>
    <message>
        <source>Business day:</source>
        <translation>营业日：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close shift…</source>
        <translation>结班…</translation>
    </message>
    <message>
        <source>Hand-over…</source>
        <translation>缴款…</translation>
    </message>
    <message>
        <source>Close the day…</source>
        <translation>日结…</translation>
    </message>
    <message>
        <source>Shifts and hand-overs</source>
        <translation>班次与缴款</translation>
    </message>
    <message>
        <source>Settlement statements</source>
        <translation>结算对账单</translation>
    </message>
    <message>
        <source>Only accountants see the day's reconciliation.</source>
        <translation>只有会计可以查看当天的对账。</translation>
    </message>
    <message>
        <source>Money booked on the day: {parts}</source>
        <translation>当天入账：{parts}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Closed (the books are closed through {day}).</source>
        <translation>已日结（账簿已结至 {day}）。</translation>
    </message>
    <message>
        <source>Open: every shift is closed and all cash handed over; it can be closed once the day has ended.</source>
        <translation>未日结：班次均已结班，现金均已缴款；当天结束后即可日结。</translation>
    </message>
    <message>
        <source>Open: {why}</source>
        <translation>未日结：{why}</translation>
    </message>
    <message>
        <source>Z report {receipt}</source>
        <translation>结班报表 {receipt}</translation>
    </message>
    <message>
        <source>Close the books through {day}? Nothing can be booked to it afterwards.</source>
        <translation>日结至 {day}？日结后不能再向该日入账。</translation>
    </message>
    <message>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Signing key (kept off the database server)</source>
        <translation>签名私钥（不要放在数据库服务器上）</translation>
    </message>
    <message>
        <source>Key files (*.pem);;All files (*)</source>
        <translation>密钥文件 (*.pem);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save the signed anchors</source>
        <translation>保存签名锚点文件</translation>
    </message>
    <message>
        <source>Anchors (*.json)</source>
        <translation>锚点文件 (*.json)</translation>
    </message>
    <message>
        <source>Closed through {day}; {count} anchors signed and written.</source>
        <translation>已日结至 {day}，已签名并写出 {count} 个锚点。</translation>
    </message>
</context>
<context>
    <name>SettlementItemsModel</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单金额</translation>
    </message>
    <message>
        <source>Books</source>
        <translation>本方金额</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理说明</translation>
    </message>
    <message>
        <source>Amounts differ</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <source>Only on the statement</source>
        <translation>对账单有、本方无</translation>
    </message>
    <message>
        <source>Only in the books</source>
        <translation>本方有、对账单无</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>已匹配</translation>
    </message>
</context>
<context>
    <name>SettlementsPanel</name>
    <message>
        <source>Import statement…</source>
        <translation>导入对账单…</translation>
    </message>
    <message>
        <source>Edit mapping…</source>
        <translation>编辑列映射…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Resolve selected…</source>
        <translation>处理所选…</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Mapping:</source>
        <translation>列映射：</translation>
    </message>
    <message>
        <source>{day}: {matched} matched, {mismatched} with different amounts, {lines} only on the statement, {parts} only in the books; {open} not resolved yet.</source>
        <translation>{day}：已匹配 {matched} 笔，金额不符 {mismatched} 笔，对账单有本方无 {lines} 笔，本方有对账单无 {parts} 笔；尚有 {open} 项未处理。</translation>
    </message>
    <message>
        <source>Import a statement</source>
        <translation>导入对账单</translation>
    </message>
    <message>
        <source>Statements (*.csv *.xlsx)</source>
        <translation>对账单 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Choose a column mapping first.</source>
        <translation>请先选择列映射。</translation>
    </message>
    <message>
        <source>Imported {lines} lines, {total}.</source>
        <translation>已导入 {lines} 笔，合计 {total}。</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>处理差异</translation>
    </message>
    <message>
        <source>What was found or done:</source>
        <translation>核实结果或处理方式：</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <source>Close shift</source>
        <translation>结班</translation>
    </message>
    <message>
        <source>Next: compare</source>
        <translation>下一步：核对</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Count the drawer</source>
        <translation>清点钱箱</translation>
    </message>
    <message>
        <source>Count the cash by denomination and enter every slip of the card terminal. What the books expect is shown only after the count.</source>
        <translation>请按面额清点现金，并录入刷卡机的每张小票。清点完成后才显示账面应有金额。</translation>
    </message>
    <message>
        <source>Card terminal slips</source>
        <translation>刷卡小票</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应有</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Reason for the difference</source>
        <translation>差额原因</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>重新清点</translation>
    </message>
    <message>
        <source>Expected and counted</source>
        <translation>应有与实点</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Shift closed: Z report</source>
        <translation>已结班：结班报表</translation>
    </message>
    <message>
        <source>settled by statement</source>
        <translation>凭对账单核对</translation>
    </message>
    <message>
        <source>Difference {difference} is above {threshold}: give a reason; a supervisor approves when you close.</source>
        <translation>差额 {difference} 超过 {threshold}：请填写原因，结班时需主管批准。</translation>
    </message>
    <message>
        <source>Difference {difference}.</source>
        <translation>差额 {difference}。</translation>
    </message>
    <message>
        <source>Please give the reason for the difference.</source>
        <translation>请填写差额原因。</translation>
    </message>
    <message>
        <source>The Z report was printed.</source>
        <translation>结班报表已打印。</translation>
    </message>
    <message>
        <source>No receipt printer is set up: save the Z report as PDF.</source>
        <translation>未设置收据打印机：请将结班报表另存为 PDF。</translation>
    </message>
</context>
<context>
    <name>SlipsWidget</name>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Slip amount</source>
        <translation>小票金额</translation>
    </message>
    <message>
        <source>Reference (optional)</source>
        <translation>参考号（可不填）</translation>
    </message>
    <message>
        <source>Add slip</source>
        <translation>添加小票</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>A slip cannot be zero.</source>
        <translation>小票金额不能为零。</translation>
    </message>
    <message>
        <source>{count} slips: {amount}</source>
        <translation>小票 {count} 张：{amount}</translation>
    </message>
</context>
<context>
    <name>ZReportView</name>
    <message>
        <source>Print again (reprint)</source>
        <translation>补打</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Reprinted (copy {n}).</source>
        <translation>已补打（第{n}次）。</translation>
    </message>
    <message>
        <source>Reprint {n} recorded; no receipt printer is set up.</source>
        <translation>已记录第 {n} 次补打；未设置收据打印机。</translation>
    </message>
    <message>
        <source>Save the Z report</source>
        <translation>保存结班报表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
</TS>
