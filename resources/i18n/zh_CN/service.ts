<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountField</name>
    <message>
        <source>Account no., Enter to look up</source>
        <translation>户号，回车查询</translation>
    </message>
</context>
<context>
    <name>AccountServicePanel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>已减收</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>采暖期</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Measurements and outages</source>
        <translation>测温与停热记录</translation>
    </message>
    <message>
        <source>Complaints, reports and applications</source>
        <translation>投诉、举报与用热申请</translation>
    </message>
    <message>
        <source>Credited by service records: {amount}</source>
        <translation>服务记录减收合计：{amount}</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>测温</translation>
    </message>
    <message>
        <source>Outage</source>
        <translation>停热</translation>
    </message>
    <message>
        <source>Corrected by {number}; </source>
        <translation>已由 {number} 更正；</translation>
    </message>
    <message>
        <source>Refund running until the next measurement; </source>
        <translation>退费计算中，待下次测温；</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Append step</source>
        <translation>追加步骤</translation>
    </message>
    <message>
        <source>Append (nothing here is ever edited or deleted):</source>
        <translation>追加办理记录（已有记录不可修改或删除）：</translation>
    </message>
    <message>
        <source>&lt;b&gt;{number}&lt;/b&gt; {kind} · {category} · {channel}&lt;br&gt;Received {received} · {who}&lt;br&gt;Deadline: {deadline} · State: {state}&lt;br&gt;{text}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt; {kind} · {category} · {channel}&lt;br&gt;受理时间 {received} · {who}&lt;br&gt;答复期限：{deadline} · 状态：{state}&lt;br&gt;{text}</translation>
    </message>
</context>
<context>
    <name>MeasurementDialog</name>
    <message>
        <source>Temperature measurement</source>
        <translation>测温记录</translation>
    </message>
    <message>
        <source>Measurer's signature</source>
        <translation>测温员签字</translation>
    </message>
    <message>
        <source>Household's signature</source>
        <translation>用户签字</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Area m²</source>
        <translation>面积（㎡）</translation>
    </message>
    <message>
        <source>Reading °C</source>
        <translation>温度（°C）</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Measured at:</source>
        <translation>测温时间：</translation>
    </message>
    <message>
        <source>Measurer:</source>
        <translation>测温员：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Add room</source>
        <translation>添加房间</translation>
    </message>
    <message>
        <source>Remove room</source>
        <translation>删除所选房间</translation>
    </message>
    <message>
        <source>Rooms below the season's standard earn a refund for the whole days until the next signed measurement. Both sides sign; the record can never be changed afterwards.</source>
        <translation>低于本采暖期室温标准的房间，自本次测温起至下次签字测温止，按整天数退费。测温员与用户双方签字，记录保存后不得改写。</translation>
    </message>
    <message>
        <source>Correcting {number}: the original stays on record, this one takes its place.</source>
        <translation>更正 {number}：原记录保留，以本记录为准。</translation>
    </message>
    <message>
        <source>Row {row}: area and reading must be numbers.</source>
        <translation>第{row}行：面积和温度应为数字。</translation>
    </message>
    <message>
        <source>{number} saved; refund posted to the bill: {amount}</source>
        <translation>{number} 已保存；室温退费已计入账单：{amount}</translation>
    </message>
    <message>
        <source>{number} saved.</source>
        <translation>{number} 已保存。</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>Receive: {kind}</source>
        <translation>受理：{kind}</translation>
    </message>
    <message>
        <source>What the caller said, as exactly as possible</source>
        <translation>如实、详细记录用户反映的情况</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Received at:</source>
        <translation>受理时间：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Contact name:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Contact phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
</context>
<context>
    <name>OutageDialog</name>
    <message>
        <source>Record an outage</source>
        <translation>登记停热</translation>
    </message>
    <message>
        <source>Heat is back at</source>
        <translation>已恢复供热，时间</translation>
    </message>
    <message>
        <source>Households told at</source>
        <translation>已通知用户，时间</translation>
    </message>
    <message>
        <source>Or account numbers, separated by commas</source>
        <translation>或填写户号，用逗号分隔</translation>
    </message>
    <message>
        <source>Heat stopped at:</source>
        <translation>停热时间：</translation>
    </message>
    <message>
        <source>Cause:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Estate:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Buildings (none ticked: all):</source>
        <translation>楼号（不勾选即全小区）：</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Outages of at least the season's minimum hours credit every affected account with a bill, once the time heat came back is known.</source>
        <translation>停热达到本采暖期规定时长的，录入恢复供热时间后，自动为已开征的受影响用户计算停热减收。</translation>
    </message>
    <message>
        <source>Building {b}</source>
        <translation>{b}号楼</translation>
    </message>
</context>
<context>
    <name>OutageEventDialog</name>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
</context>
<context>
    <name>ServiceCodes</name>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <source>Heat-supply application</source>
        <translation>用热申请</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Referred by the authority</source>
        <translation>主管部门转办</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Rooms below standard</source>
        <translation>室温不达标</translation>
    </message>
    <message>
        <source>No heat</source>
        <translation>停热</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Staff conduct</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新装用热</translation>
    </message>
    <message>
        <source>Resume heating</source>
        <translation>恢复用热</translation>
    </message>
    <message>
        <source>Suspend heating</source>
        <translation>暂停用热（报停）</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>上门测温</translation>
    </message>
    <message>
        <source>Device log</source>
        <translation>设备记录</translation>
    </message>
    <message>
        <source>Heat restored</source>
        <translation>恢复供热</translation>
    </message>
    <message>
        <source>Households told</source>
        <translation>已通知用户</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已答复</translation>
    </message>
</context>
<context>
    <name>ServicePage</name>
    <message>
        <source>Service records</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Complaint / report (F2)</source>
        <translation>投诉/举报（F2）</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>用热申请</translation>
    </message>
    <message>
        <source>Measure (F4)</source>
        <translation>测温（F4）</translation>
    </message>
    <message>
        <source>Outage</source>
        <translation>停热</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>投诉举报与申请</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>测温记录</translation>
    </message>
    <message>
        <source>Correct selected</source>
        <translation>更正所选记录</translation>
    </message>
    <message>
        <source>Show signatures</source>
        <translation>查看签字</translation>
    </message>
    <message>
        <source>Outages</source>
        <translation>停热记录</translation>
    </message>
    <message>
        <source>Heat restored…</source>
        <translation>恢复供热…</translation>
    </message>
    <message>
        <source>Households told…</source>
        <translation>已通知用户…</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Account / contact</source>
        <translation>户号/联系人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Cases (double-click to handle)</source>
        <translation>投诉、举报与申请（双击办理）</translation>
    </message>
    <message>
        <source>Outages and device readings</source>
        <translation>停热与设备测温提醒</translation>
    </message>
    <message>
        <source>Overdue: {overdue} · due within 24 h: {soon} · no deadline: {none} · follow-ups: {follow} · heat not back: {open} · not told in 12 h: {late} · cold device readings: {cold}</source>
        <translation>已逾期：{overdue} · 24小时内到期：{soon} · 无法计算期限：{none} · 待回访：{follow} · 未恢复供热：{open} · 12小时内未通知：{late} · 设备测温偏低：{cold}</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within 24 hours</source>
        <translation>24小时内到期</translation>
    </message>
    <message>
        <source>Awaiting answer</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>Deadline cannot be computed</source>
        <translation>无法计算期限</translation>
    </message>
    <message>
        <source>Follow-up owed</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Heat not back</source>
        <translation>未恢复供热</translation>
    </message>
    <message>
        <source>Not told within 12 hours</source>
        <translation>12小时内未通知用户</translation>
    </message>
    <message>
        <source>Cold device reading: measure on site</source>
        <translation>设备测温偏低，需上门测温</translation>
    </message>
    <message>
        <source>{number} received, answer {deadline}</source>
        <translation>已受理 {number}，答复期限：{deadline}</translation>
    </message>
    <message>
        <source>{number} recorded for {count} accounts; credits posted: {credited}</source>
        <translation>已登记 {number}，涉及 {count} 户；已减收 {credited} 户</translation>
    </message>
</context>
<context>
    <name>ServiceTables</name>
    <message>
        <source>No holiday schedule for {year}</source>
        <translation>缺少{year}年节假日安排</translation>
    </message>
    <message>
        <source>By end of {date}</source>
        <translation>{date} 24时前</translation>
    </message>
    <message>
        <source>By {time}</source>
        <translation>{time} 前</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source> (late)</source>
        <translation>（逾期答复）</translation>
    </message>
    <message>
        <source>Both signed</source>
        <translation>双方已签字</translation>
    </message>
    <message>
        <source>Unsigned</source>
        <translation>未签字</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Account / contact</source>
        <translation>户号/联系人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>测温时间</translation>
    </message>
    <message>
        <source>Lowest °C</source>
        <translation>最低温度（°C）</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>Measurer</source>
        <translation>测温员</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签字</translation>
    </message>
    <message>
        <source>Corrects</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>停热时间</translation>
    </message>
    <message>
        <source>Heat back</source>
        <translation>恢复时间</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Households told</source>
        <translation>通知用户</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here</source>
        <translation>请在此签字</translation>
    </message>
</context>
<context>
    <name>SignatureViewer</name>
    <message>
        <source>Measurer</source>
        <translation>测温员</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>(not signed)</source>
        <translation>（未签字）</translation>
    </message>
</context>
</TS>
