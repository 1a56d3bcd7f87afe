<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AccountBox</name>
    <message>
        <source>Show receipt</source>
        <translation>查看收据</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退费…</translation>
    </message>
    <message>
        <source>Invoice…</source>
        <translation>换开发票…</translation>
    </message>
    <message>
        <source>Pay out credit…</source>
        <translation>退预存…</translation>
    </message>
    <message>
        <source>Payments and receipts:</source>
        <translation>收费及收据：</translation>
    </message>
    <message>
        <source>Statement for {date}, paying by {method}</source>
        <translation>{date} 应缴（按{method}付款计算）</translation>
    </message>
    <message>
        <source>Credit: {amount}</source>
        <translation>预存：{amount}</translation>
    </message>
    <message>
        <source>Total due: {amount}</source>
        <translation>应缴合计：{amount}</translation>
    </message>
</context>
<context>
    <name>AccountFinder</name>
    <message>
        <source>Account no., phone, name or address; or scan a receipt (F6 / Ctrl+F)</source>
        <translation>户号、电话、户名或地址；或扫描收据二维码验真（F6 / Ctrl+F）</translation>
    </message>
    <message>
        <source>No account matches “{text}”.</source>
        <translation>没有与“{text}”相符的用户。</translation>
    </message>
    <message>
        <source>{count} found; Enter opens the first.</source>
        <translation>找到 {count} 户；按回车打开第一户。</translation>
    </message>
</context>
<context>
    <name>AgentCollectionDialog</name>
    <message>
        <source>Collection files and suspense</source>
        <translation>代收文件与待查款项</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose a bank or agent collection file (CSV or Excel).</source>
        <translation>请选择银行或代收单位的代收文件（CSV 或 Excel）。</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Account no. in the file</source>
        <translation>文件中的户号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>付款日期</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The right account no.</source>
        <translation>正确的户号</translation>
    </message>
    <message>
        <source>Assign to this account</source>
        <translation>入账到此户</translation>
    </message>
    <message>
        <source>Suspense (account no. unknown):</source>
        <translation>待查款项（户号不存在）：</translation>
    </message>
    <message>
        <source>Collection file</source>
        <translation>代收文件</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx)</source>
        <translation>表格文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>{posted} payments ({posted_amount}); {skipped} imported before, skipped; {suspense} to suspense ({suspense_amount}).</source>
        <translation>入账 {posted} 笔（{posted_amount}）；已导入过而跳过 {skipped} 笔；转待查 {suspense} 笔（{suspense_amount}）。</translation>
    </message>
    <message>
        <source>Checked, nothing written yet. Importing would post: </source>
        <translation>已检查，尚未写入任何数据。导入将会：</translation>
    </message>
    <message>
        <source>Imported: </source>
        <translation>已导入：</translation>
    </message>
    <message>
        <source>The file was refused: nothing was imported.</source>
        <translation>文件被拒绝：没有导入任何数据。</translation>
    </message>
    <message>
        <source>Select a row and type the account no.</source>
        <translation>请选中一行并输入户号。</translation>
    </message>
    <message>
        <source>Posted as receipt {receipt}.</source>
        <translation>已入账，收据号 {receipt}。</translation>
    </message>
</context>
<context>
    <name>ApprovedDialog</name>
    <message>
        <source>Why (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>A supervisor approves next, with their own password.</source>
        <translation>下一步由主管输入本人密码审批。</translation>
    </message>
    <message>
        <source>Ask for approval…</source>
        <translation>请主管审批…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>Not approved: nothing was changed.</source>
        <translation>未获审批：没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Collection files…</source>
        <translation>代收文件…</translation>
    </message>
    <message>
        <source>Find the account: type its number, the phone, a name or an address.</source>
        <translation>查找用户：输入户号、电话、户名或地址。</translation>
    </message>
    <message>
        <source>Enter opens it; F1-F5 pick how the money is paid; Enter confirms.</source>
        <translation>回车打开；F1–F5 选择付款方式；回车确认收款。</translation>
    </message>
    <message>
        <source>Esc backs out a step; F6 or Ctrl+F comes back to the search.</source>
        <translation>Esc 退回一步；F6 或 Ctrl+F 回到查找框。</translation>
    </message>
    <message>
        <source>A scanned receipt QR code is checked: genuine, voided or refunded.</source>
        <translation>扫描收据二维码即可验真：是否真实、是否已作废或退费。</translation>
    </message>
    <message>
        <source>You may look up accounts and receipts but not take money.</source>
        <translation>您可以查询用户和收据，但不能收费。</translation>
    </message>
    <message>
        <source>Payment above what is due</source>
        <translation>收款超出应收</translation>
    </message>
    <message>
        <source>It is not known whether the payment was recorded. Press Enter again without changing anything: a payment already recorded is recognised, never posted twice.</source>
        <translation>无法确定这笔收费是否已入账。请不要做任何修改，再按一次回车：已入账的收费会被识别，绝不会重复入账。</translation>
    </message>
    <message>
        <source>Posting…</source>
        <translation>正在入账…</translation>
    </message>
</context>
<context>
    <name>CreditRefundDialog</name>
    <message>
        <source>Pay out credit</source>
        <translation>退预存</translation>
    </message>
    <message>
        <source>Amount (yuan):</source>
        <translation>金额（元）：</translation>
    </message>
    <message>
        <source>Paid out by:</source>
        <translation>退款方式：</translation>
    </message>
    <message>
        <source>Reference no.:</source>
        <translation>单号：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Credit balance:</source>
        <translation>预存余额：</translation>
    </message>
    <message>
        <source>Pay out credit of {account}</source>
        <translation>退还 {account} 的预存</translation>
    </message>
    <message>
        <source>Pay out more than 0 and at most {limit}.</source>
        <translation>退款金额须大于零，且不超过 {limit}。</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <source>Exchange for an invoice</source>
        <translation>换开发票</translation>
    </message>
    <message>
        <source>Receipt:</source>
        <translation>收据号：</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Invoice number:</source>
        <translation>发票号码：</translation>
    </message>
    <message>
        <source>Invoice date:</source>
        <translation>开票日期：</translation>
    </message>
    <message>
        <source>Receipt {receipt} for an invoice</source>
        <translation>收据 {receipt} 换开发票</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the invoice number.</source>
        <translation>请输入发票号码。</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Open a shift at counter {counter}</source>
        <translation>在窗口 {counter} 开班</translation>
    </message>
    <message>
        <source>Cashier: {name} ({staff_no})</source>
        <translation>收费员：{name}（工号 {staff_no}）</translation>
    </message>
    <message>
        <source>Opening float (yuan):</source>
        <translation>备用金（元）：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PaymentRowsModel</name>
    <message>
        <source>Receipt no.</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收费员</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>reversed by {receipt}</source>
        <translation>已被 {receipt} 冲回</translation>
    </message>
    <message>
        <source>reverses {receipt}</source>
        <translation>冲回 {receipt}</translation>
    </message>
    <message>
        <source>invoice {number}</source>
        <translation>已换开发票 {number}</translation>
    </message>
    <message>
        <source>reprinted {count}×</source>
        <translation>补打 {count} 次</translation>
    </message>
</context>
<context>
    <name>PrinterPanel</name>
    <message>
        <source>Print a test receipt</source>
        <translation>打印测试收据</translation>
    </message>
    <message>
        <source>Receipt printer:</source>
        <translation>收据打印机：</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸宽：</translation>
    </message>
    <message>
        <source>The printer is set in the settings file (printer_uri, e.g. usb:0x0416:0x5011, tcp:192.168.1.50:9100, serial:COM3, win:Printer name, file:/path; and printer_profile, e.g. 58 or 80,nocut). The test receipt also opens the drawer.</source>
        <translation>打印机在设置文件中设置（printer_uri，例如 usb:0x0416:0x5011、tcp:192.168.1.50:9100、serial:COM3、win:打印机名称、file:/路径；以及 printer_profile，例如 58 或 80,nocut）。打印测试收据时也会弹开钱箱。</translation>
    </message>
    <message>
        <source>Not set up (printer_uri is empty): receipts are not printed.</source>
        <translation>未设置（printer_uri 为空）：收据不会打印。</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>{columns} columns</source>
        <translation>每行 {columns} 列</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>The test receipt was sent to the printer.</source>
        <translation>测试收据已发送到打印机。</translation>
    </message>
    <message>
        <source>The test receipt was not printed.</source>
        <translation>测试收据没有打印出来。</translation>
    </message>
</context>
<context>
    <name>ReceiptActions</name>
    <message>
        <source>Receipt</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>{kind} {receipt} of {time}</source>
        <translation>{kind} {receipt}（{time}）</translation>
    </message>
    <message>
        <source>Receipt {receipt} exchanged for invoice {number}.</source>
        <translation>收据 {receipt} 已登记换开发票 {number}。</translation>
    </message>
</context>
<context>
    <name>ReceiptCheckDialog</name>
    <message>
        <source>Receipt check</source>
        <translation>收据验真</translation>
    </message>
    <message>
        <source>Not a receipt of this system</source>
        <translation>不是本系统开出的收据</translation>
    </message>
    <message>
        <source>NOT genuine: the record does not match</source>
        <translation>验证不通过：与记录不符</translation>
    </message>
    <message>
        <source>Genuine, but voided or refunded</source>
        <translation>收据真实，但已作废或退费</translation>
    </message>
    <message>
        <source>Genuine receipt</source>
        <translation>收据真实有效</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>Reprint (F9)</source>
        <translation>补打（F9）</translation>
    </message>
    <message>
        <source>This payment had already been recorded; it was not posted again.</source>
        <translation>这笔收费此前已经入账，没有重复入账。</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>收据已打印。</translation>
    </message>
    <message>
        <source>{error} Press F9 to reprint.</source>
        <translation>{error}按 F9 补打。</translation>
    </message>
    <message>
        <source>As first printed; F9 reprints it marked as a reprint.</source>
        <translation>这是原收据内容；按 F9 补打，补打的收据标有“补打”。</translation>
    </message>
    <message>
        <source>Reprint no. {count} printed.</source>
        <translation>第 {count} 次补打已打印。</translation>
    </message>
    <message>
        <source>{error} Press F9 to try again.</source>
        <translation>{error}按 F9 重试。</translation>
    </message>
    <message>
        <source>The receipt was not printed.</source>
        <translation>收据没有打印。</translation>
    </message>
    <message>
        <source>No receipt printer is set up: the receipt was not printed.</source>
        <translation>未设置收据打印机：收据没有打印。</translation>
    </message>
    <message>
        <source>Voided {original}: slip {receipt}</source>
        <translation>已作废 {original}：作废单 {receipt}</translation>
    </message>
    <message>
        <source>Refunded {amount}: slip {receipt}</source>
        <translation>已退款 {amount}：退费单 {receipt}</translation>
    </message>
    <message>
        <source>Received {amount}: receipt {receipt}</source>
        <translation>已收款 {amount}：收据 {receipt}</translation>
    </message>
    <message>
        <source>Change: {amount}</source>
        <translation>找零：{amount}</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>The way it was paid</source>
        <translation>原路退回</translation>
    </message>
    <message>
        <source>Money goes back:</source>
        <translation>退款方式：</translation>
    </message>
    <message>
        <source>Receipt:</source>
        <translation>收据号：</translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation>收费时间：</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Methods:</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <source>Cashier:</source>
        <translation>收费员：</translation>
    </message>
    <message>
        <source>Void receipt {receipt}</source>
        <translation>作废收据 {receipt}</translation>
    </message>
    <message>
        <source>Refund receipt {receipt}</source>
        <translation>退费：收据 {receipt}</translation>
    </message>
</context>
<context>
    <name>ShiftActions</name>
    <message>
        <source>Close shift {receipt}?</source>
        <translation>结束班次 {receipt}？</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>结班</translation>
    </message>
    <message>
        <source>Shift closed ({receipt}). Cash expected in the drawer: {cash}.</source>
        <translation>已结班（{receipt}）。钱箱应有现金 {cash}。</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
</context>
<context>
    <name>ShiftBar</name>
    <message>
        <source>Shift: loading…</source>
        <translation>班次：正在读取…</translation>
    </message>
    <message>
        <source>Open shift…</source>
        <translation>开班…</translation>
    </message>
    <message>
        <source>Close shift…</source>
        <translation>结班…</translation>
    </message>
    <message>
        <source>No shift is open: open one before taking money.</source>
        <translation>未开班：收费前请先开班。</translation>
    </message>
    <message>
        <source>Shift {receipt} of {name} ({staff_no}) since {time}, float {float}</source>
        <translation>班次 {receipt}：{name}（{staff_no}）{time} 开班，备用金 {float}</translation>
    </message>
    <message>
        <source>{payments} payments, {voids} voids, {refunds} refunds</source>
        <translation>收费 {payments} 笔，作废 {voids} 笔，退费 {refunds} 笔</translation>
    </message>
    <message>
        <source>cash expected {amount}</source>
        <translation>钱箱应有现金 {amount}</translation>
    </message>
</context>
<context>
    <name>StatementModel</name>
    <message>
        <source>Season</source>
        <translation>采暖期</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Late fee</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应缴</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <source>Reference no. (scan or type)</source>
        <translation>单号（扫码或输入）</translation>
    </message>
    <message>
        <source>Remove this method</source>
        <translation>去掉这种付款方式</translation>
    </message>
    <message>
        <source>Notes handed over</source>
        <translation>客户交来的现金</translation>
    </message>
    <message>
        <source>Confirm payment (Enter)</source>
        <translation>确认收款（回车）</translation>
    </message>
    <message>
        <source>Amount taken:</source>
        <translation>本次实收：</translation>
    </message>
    <message>
        <source>Cash tendered:</source>
        <translation>现金收讫：</translation>
    </message>
    <message>
        <source>Methods:</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <source>Pick the method: {keys}</source>
        <translation>选择付款方式：{keys}</translation>
    </message>
    <message>
        <source>Pick a method with F1-F5 first.</source>
        <translation>请先按 F1–F5 选择付款方式。</translation>
    </message>
    <message>
        <source>The methods add up to {parts}, not the amount taken {amount}.</source>
        <translation>各付款方式合计 {parts}，与本次实收 {amount} 不一致。</translation>
    </message>
    <message>
        <source>Change: {amount}</source>
        <translation>找零：{amount}</translation>
    </message>
    <message>
        <source>Cash to take: {amount}</source>
        <translation>应收现金：{amount}</translation>
    </message>
    <message>
        <source>Cash rounding: {amount}</source>
        <translation>抹零：{amount}</translation>
    </message>
    <message>
        <source>Still owed after this payment: {amount}</source>
        <translation>本次收费后尚欠：{amount}</translation>
    </message>
    <message>
        <source>{amount} more than due: it becomes credit (asks first)</source>
        <translation>超出应收 {amount}：将转为预存（会先确认）</translation>
    </message>
</context>
<context>
    <name>AccountPanel</name>
    <message>
        <source>Receipts</source>
        <translation>收据</translation>
    </message>
</context>
<context>
    <name>SettingsTabs</name>
    <message>
        <source>Receipt printer</source>
        <translation>收据打印机</translation>
    </message>
</context>
</TS>
