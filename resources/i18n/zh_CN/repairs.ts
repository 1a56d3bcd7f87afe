<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BillEditor</name>
    <message>
        <source>Bill for {number} (prices of {date})</source>
        <translation>{number} 的收费清单（按 {date} 的价格）</translation>
    </message>
    <message>
        <source>Filter by code or name</source>
        <translation>按编码或名称筛选</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>收费依据</translation>
    </message>
    <message>
        <source>Add to bill →</source>
        <translation>加入清单 →</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除该行</translation>
    </message>
    <message>
        <source>Saving a changed bill voids the customer's signature: the new version must be signed again.</source>
        <translation>保存修改后的清单会使用户原签字失效，新版本须重新签字。</translation>
    </message>
    <message>
        <source>Save bill</source>
        <translation>保存清单</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Approved prices and materials</source>
        <translation>核定的维修价格和材料</translation>
    </message>
    <message>
        <source>Bill lines (edit the quantity)</source>
        <translation>清单明细（可修改数量）</translation>
    </message>
    <message>
        <source>Line {row}: the quantity is not a number.</source>
        <translation>第 {row} 行：数量不是数字。</translation>
    </message>
    <message>
        <source>Labour {labour} · Materials {material} · &lt;b&gt;Total {total}&lt;/b&gt;&lt;br&gt;{capital}</source>
        <translation>维修项目 {labour} · 材料 {material} · &lt;b&gt;合计 {total}&lt;/b&gt;&lt;br&gt;{capital}</translation>
    </message>
</context>
<context>
    <name>DamageDialog</name>
    <message>
        <source>Damage confirmation {number}</source>
        <translation>用户责任损坏确认单 {number}</translation>
    </message>
    <message>
        <source>Damage caused by the household</source>
        <translation>用户责任损坏确认</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>维修单：</translation>
    </message>
    <message>
        <source>Damaged facility:</source>
        <translation>损坏设施：</translation>
    </message>
    <message>
        <source>Cause (explained to the customer):</source>
        <translation>损坏原因（已向用户说明）：</translation>
    </message>
    <message>
        <source>Explained by:</source>
        <translation>说明人：</translation>
    </message>
    <message>
        <source>The customer has not signed yet.</source>
        <translation>用户尚未签字。</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>The household pays</source>
        <translation>由用户付费</translation>
    </message>
    <message>
        <source>Separate several technicians with 、</source>
        <translation>多名维修人员用“、”分隔</translation>
    </message>
    <message>
        <source>Technicians:</source>
        <translation>维修人员：</translation>
    </message>
    <message>
        <source>Failed part owned by:</source>
        <translation>故障部件产权：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>What the customer was told:</source>
        <translation>向用户的说明：</translation>
    </message>
    <message>
        <source>Work done:</source>
        <translation>维修内容：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up of {number}</source>
        <translation>{number} 回访</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>满意程度：</translation>
    </message>
    <message>
        <source>What the household said:</source>
        <translation>用户意见：</translation>
    </message>
</context>
<context>
    <name>NewOrderDialog</name>
    <message>
        <source>New repair order</source>
        <translation>新建维修单</translation>
    </message>
    <message>
        <source>Only when there is no account number</source>
        <translation>无户号时填写</translation>
    </message>
    <message>
        <source>Company facility damaged by the household</source>
        <translation>供热公司设施因用户原因损坏</translation>
    </message>
    <message>
        <source>I told the caller whether this repair is paid</source>
        <translation>已告知报修人本次维修是否收费</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>报修时间：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>报修方式：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <source>Fault as reported:</source>
        <translation>故障情况：</translation>
    </message>
    <message>
        <source>Failed part owned by:</source>
        <translation>故障部件产权：</translation>
    </message>
    <message>
        <source>Paid repair: the household pays at the approved rates</source>
        <translation>有偿维修：按物价部门核定标准向用户收费</translation>
    </message>
    <message>
        <source>Free repair: the company's facility</source>
        <translation>免费维修：供热公司产权设施</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Take payment for {number}</source>
        <translation>收取维修费 {number}</translation>
    </message>
    <message>
        <source>Amount due:</source>
        <translation>应收金额：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <source>Reference no.:</source>
        <translation>交易单号：</translation>
    </message>
    <message>
        <source>Cash tendered:</source>
        <translation>现金收讫：</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>找零：</translation>
    </message>
</context>
<context>
    <name>RepairActions</name>
    <message>
        <source>Receipt {number}</source>
        <translation>收据 {number}</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <source>Refund {number}</source>
        <translation>退费 {number}</translation>
    </message>
    <message>
        <source>Reason for the refund:</source>
        <translation>退费原因：</translation>
    </message>
    <message>
        <source>Refund slip {number}</source>
        <translation>退费单 {number}</translation>
    </message>
    <message>
        <source>Load repair prices</source>
        <translation>载入维修价格</translation>
    </message>
    <message>
        <source>Prices loaded: {added} new rows, {unchanged} already there</source>
        <translation>已载入维修价格：新增 {added} 行，{unchanged} 行已存在</translation>
    </message>
</context>
<context>
    <name>RepairDetail</name>
    <message>
        <source>Received</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障情况</translation>
    </message>
    <message>
        <source>Owner and charge</source>
        <translation>产权与收费</translation>
    </message>
    <message>
        <source>told {time}</source>
        <translation>{time} 已告知</translation>
    </message>
    <message>
        <source>Arrival (target 30 min)</source>
        <translation>到达（30分钟内）</translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>处理经过</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>收费清单</translation>
    </message>
    <message>
        <source>No bill yet</source>
        <translation>尚无收费清单</translation>
    </message>
    <message>
        <source>version {version} of {count}, {lines} lines</source>
        <translation>第 {version} 版（共 {count} 版），{lines} 行</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>客户签字</translation>
    </message>
    <message>
        <source>Damage confirmation</source>
        <translation>损坏确认单</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>RepairTables</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>供热公司</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完工</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤单</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <source>Paid/free revised</source>
        <translation>重新认定收费</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>维修项目</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Overdue: nobody on site</source>
        <translation>超时未到达</translation>
    </message>
    <message>
        <source>{minutes} min (late)</source>
        <translation>{minutes} 分钟（超时）</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>{time} 前到达</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到达</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障情况</translation>
    </message>
</context>
<context>
    <name>RepairsPage</name>
    <message>
        <source>Repairs</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Search: order no., account, name, address, phone or fault (Ctrl+F)</source>
        <translation>搜索：单号、户号、姓名、地址、电话或故障（Ctrl+F）</translation>
    </message>
    <message>
        <source>New order (F2)</source>
        <translation>新建维修单（F2）</translation>
    </message>
    <message>
        <source>Load prices…</source>
        <translation>载入维修价格…</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超时未到达</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完工</translation>
    </message>
    <message>
        <source>Awaiting follow-up</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤单</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Select an order to see it here.</source>
        <translation>选择一张维修单，在此查看详情。</translation>
    </message>
    <message>
        <source>Dispatch…</source>
        <translation>派工…</translation>
    </message>
    <message>
        <source>Arrived…</source>
        <translation>到达现场…</translation>
    </message>
    <message>
        <source>Finished…</source>
        <translation>完工…</translation>
    </message>
    <message>
        <source>Paid or free…</source>
        <translation>收费认定…</translation>
    </message>
    <message>
        <source>Bill…</source>
        <translation>收费清单…</translation>
    </message>
    <message>
        <source>Customer signs…</source>
        <translation>客户签字…</translation>
    </message>
    <message>
        <source>Damage confirmation…</source>
        <translation>损坏确认单…</translation>
    </message>
    <message>
        <source>Take payment…</source>
        <translation>收取维修费…</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退费…</translation>
    </message>
    <message>
        <source>Follow-up…</source>
        <translation>回访…</translation>
    </message>
    <message>
        <source>Save bill PDF…</source>
        <translation>导出清单 PDF…</translation>
    </message>
    <message>
        <source>Save damage PDF…</source>
        <translation>导出确认单 PDF…</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>打印小票</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>撤单…</translation>
    </message>
    <message>
        <source>Open {open} · overdue {overdue} · awaiting follow-up {no_followup}</source>
        <translation>处理中 {open} · 超时未到达 {overdue} · 待回访 {no_followup}</translation>
    </message>
</context>
<context>
    <name>SignBillDialog</name>
    <message>
        <source>Customer signs the bill {number}</source>
        <translation>客户签字确认收费清单 {number}</translation>
    </message>
    <message>
        <source>The customer has not signed yet.</source>
        <translation>用户尚未签字。</translation>
    </message>
</context>
<context>
    <name>_SigningDialog</name>
    <message>
        <source>Customer signs here</source>
        <translation>请用户在此签字</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Confirm signature</source>
        <translation>确认签字</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Signed by:</source>
        <translation>签字人：</translation>
    </message>
</context>
</TS>
