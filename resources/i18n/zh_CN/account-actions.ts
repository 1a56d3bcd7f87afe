<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AccountActions</name>
    <message>
        <source>Change holder…</source>
        <translation>过户…</translation>
    </message>
    <message>
        <source>Meter reading…</source>
        <translation>抄表…</translation>
    </message>
    <message>
        <source>Close account…</source>
        <translation>销户…</translation>
    </message>
    <message>
        <source>Change facts…</source>
        <translation>变更计费信息…</translation>
    </message>
    <message>
        <source>Heating / suspended…</source>
        <translation>供热/报停…</translation>
    </message>
    <message>
        <source>Opening arrears…</source>
        <translation>往年欠费…</translation>
    </message>
    <message>
        <source>Waive late fee…</source>
        <translation>减免滞纳金…</translation>
    </message>
    <message>
        <source>Saved; bills adjusted by {amount}.</source>
        <translation>已保存；账单调整 {amount}。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>Not saved: no supervisor approved it.</source>
        <translation>未保存：没有主管批准。</translation>
    </message>
</context>
<context>
    <name>ArrearsDialog</name>
    <message>
        <source>Opening arrears of {account}</source>
        <translation>往年欠费：{account}</translation>
    </message>
    <message>
        <source>Carried over:</source>
        <translation>原系统结转：</translation>
    </message>
    <message>
        <source>Now, with {count} corrections:</source>
        <translation>现为（含 {count} 次调整）：</translation>
    </message>
    <message>
        <source>New total (yuan):</source>
        <translation>调整为（元）：</translation>
    </message>
    <message>
        <source>Booked on:</source>
        <translation>记账日期：</translation>
    </message>
    <message>
        <source>The amount carried over is kept; the difference is added as an adjustment with your reason and the supervisor who approves it.</source>
        <translation>原系统结转的金额保持不变；差额作为一笔调整记入，并记录原因和批准的主管。</translation>
    </message>
</context>
<context>
    <name>FactsDialog</name>
    <message>
        <source>Change billing facts of {account}</source>
        <translation>变更计费信息：{account}</translation>
    </message>
    <message>
        <source>Urban low-income household (低保)</source>
        <translation>城镇低保户</translation>
    </message>
    <message>
        <source>empty: no ceiling surcharge</source>
        <translation>留空：不加收层高费</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>用户类别：</translation>
    </message>
    <message>
        <source>Heated area (m²):</source>
        <translation>供热面积（㎡）：</translation>
    </message>
    <message>
        <source>Ceiling height (m):</source>
        <translation>层高（米）：</translation>
    </message>
    <message>
        <source>Billing:</source>
        <translation>计费方式：</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <source>Seasons already billed are corrected by adjustments dated today. A change of the heated area, the category or the low-income flag needs a supervisor&apos;s approval.</source>
        <translation>已开征的采暖期以今天日期的调整更正。变更供热面积、用户类别或低保需要主管批准。</translation>
    </message>
    <message>
        <source>Please type the heated area.</source>
        <translation>请填写供热面积。</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有要修改的内容。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Heating or suspended: {account}</source>
        <translation>供热/报停：{account}</translation>
    </message>
    <message>
        <source>{season} (now: {status})</source>
        <translation>{season}（现为：{status}）</translation>
    </message>
    <message>
        <source>Season:</source>
        <translation>采暖期：</translation>
    </message>
    <message>
        <source>New status:</source>
        <translation>变更为：</translation>
    </message>
    <message>
        <source>A season already billed is corrected by adjustments dated today. A change of status needs a supervisor&apos;s approval.</source>
        <translation>已开征的采暖期以今天日期的调整更正。变更供热状态需要主管批准。</translation>
    </message>
    <message>
        <source>No season is loaded yet.</source>
        <translation>还没有载入采暖期。</translation>
    </message>
</context>
<context>
    <name>WaiverDialog</name>
    <message>
        <source>Waive late fee: {account}</source>
        <translation>减免滞纳金：{account}</translation>
    </message>
    <message>
        <source>{season} (late fee {amount})</source>
        <translation>{season}（滞纳金 {amount}）</translation>
    </message>
    <message>
        <source>Season:</source>
        <translation>采暖期：</translation>
    </message>
    <message>
        <source>Waive (yuan):</source>
        <translation>减免金额（元）：</translation>
    </message>
    <message>
        <source>The waiver is a credit of the season dated {date}, kept with your reason and the supervisor who approves it.</source>
        <translation>减免作为该采暖期 {date} 的一笔减收记入，并记录原因和批准的主管。</translation>
    </message>
    <message>
        <source>No season owes late fee today.</source>
        <translation>今天没有需要减免的滞纳金。</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close account {account}</source>
        <translation>销户：{account}</translation>
    </message>
    <message>
        <source>A closed account is no longer billed and takes no more changes. It can be closed only when nothing is owed on {date} and no credit is left.</source>
        <translation>销户后不再开征，也不能再作任何变更。只有在 {date} 没有任何欠费、也没有预存余额时才能销户。</translation>
    </message>
</context>
<context>
    <name>HolderDialog</name>
    <message>
        <source>Change of holder: {account}</source>
        <translation>过户：{account}</translation>
    </message>
    <message>
        <source>Holder now:</source>
        <translation>现户主：</translation>
    </message>
    <message>
        <source>New holder:</source>
        <translation>新户主：</translation>
    </message>
    <message>
        <source>New phone:</source>
        <translation>新电话：</translation>
    </message>
    <message>
        <source>The account keeps its number, bills, arrears and payments; the former holder is kept in the account's history with your reason.</source>
        <translation>户号、账单、欠费和缴费记录都保持不变；原户主和填写的原因保留在过户记录中。</translation>
    </message>
    <message>
        <source>Please type the new holder's name.</source>
        <translation>请填写新户名。</translation>
    </message>
</context>
<context>
    <name>ReadingDialog</name>
    <message>
        <source>Meter reading: {account}</source>
        <translation>抄表：{account}</translation>
    </message>
    <message>
        <source>Season:</source>
        <translation>采暖期：</translation>
    </message>
    <message>
        <source>Consumption:</source>
        <translation>用量：</translation>
    </message>
    <message>
        <source>Read on:</source>
        <translation>抄表日期：</translation>
    </message>
    <message>
        <source>Consumption in the season's metered unit (kWh or GJ). The settlement (多退少补) is posted on the season's bill as soon as the reading is saved, as the readings import does.</source>
        <translation>用量按本采暖期计量热价的单位（kWh 或 GJ）填写。保存后立即在本采暖期账单上记入计量结算（多退少补），与抄表文件导入相同。</translation>
    </message>
    <message>
        <source>No season is loaded yet.</source>
        <translation>还没有载入采暖期。</translation>
    </message>
</context>
</TS>
