<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <source>Program error</source>
        <translation>程序错误</translation>
    </message>
    <message>
        <source>An unexpected error occurred and was written to the log. Please try again; if it keeps happening, contact the administrator.</source>
        <translation>程序出现意外错误，详细信息已写入日志。请重试；如果问题反复出现，请联系管理员。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Collect</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Fee collection is not part of your role. Here cashiers find an account, take payment and print the receipt.</source>
        <translation>您的角色不含收费功能。收费员在这里查找热用户、收取供热费并打印收据。</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Account management is not part of your role. Here staff look up households, their heated area, bills and payments.</source>
        <translation>您的角色不含账户管理。工作人员在这里查询热用户及其供热面积、应收和收费记录。</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Repair orders are not part of your role. Here technicians record repair calls and price the work item by item.</source>
        <translation>您的角色不含维修单功能。维修人员在这里登记报修并逐项计价。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Service records are not part of your role. Here staff record temperature measurements, outages, complaints and applications.</source>
        <translation>您的角色不含服务记录。工作人员在这里登记测温、停热、投诉和用热申请。</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Reconciliation is not part of your role. Here accountants check shifts and match bank, WeChat and Alipay settlements.</source>
        <translation>您的角色不含对账功能。会计在这里核对班次，并与银行、微信、支付宝结算单逐笔对账。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Reports are not part of your role. Here shift, daily and arrears reports are printed.</source>
        <translation>您的角色不含报表功能。这里用于打印结班报表、日报表和欠费报表。</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>The audit log is not part of your role. Here accountants and administrators review who did what.</source>
        <translation>您的角色不含审计日志。会计和管理员在这里查看每项操作的记录。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Database: {label}</source>
        <translation>数据库：{label}</translation>
    </message>
    <message>
        <source>Counter: {code}</source>
        <translation>收费窗口：{code}</translation>
    </message>
    <message>
        <source>Operator: {name} ({staff_no})</source>
        <translation>操作员：{name}（工号 {staff_no}）</translation>
    </message>
    <message>
        <source>Demo data: not for real collection</source>
        <translation>演示数据，不可用于实际收费</translation>
    </message>
    <message>
        <source>Heating Fee Cashier</source>
        <translation>供热收费收银台</translation>
    </message>
    <message>
        <source>[Demo data]</source>
        <translation>【演示数据】</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <source>The operation could not be completed. The details were written to the log; please try again, and contact the administrator if it keeps happening.</source>
        <translation>操作未能完成，详细信息已写入日志。请重试；如果问题反复出现，请联系管理员。</translation>
    </message>
    <message>
        <source>Operation failed</source>
        <translation>操作失败</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Counter:</source>
        <translation>收费窗口：</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>供热单位：</translation>
    </message>
    <message>
        <source>Service phone:</source>
        <translation>服务电话：</translation>
    </message>
    <message>
        <source>These settings come from the configuration file and can only be viewed here.</source>
        <translation>以上设置来自配置文件，此处仅供查看。</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
</context>
</TS>
