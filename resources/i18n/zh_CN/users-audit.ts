<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Supervisor approval</source>
        <translation>主管批准</translation>
    </message>
    <message>
        <source>{action} needs a supervisor</source>
        <translation>{action}需要主管批准</translation>
    </message>
    <message>
        <source>Asked by {name} (staff number {staff_no}).</source>
        <translation>申请人：{name}（工号 {staff_no}）。</translation>
    </message>
    <message>
        <source>A supervisor other than the person asking types in here.</source>
        <translation>请由申请人以外的一位主管在此输入。</translation>
    </message>
    <message>
        <source>Supervisor's staff number:</source>
        <translation>主管工号：</translation>
    </message>
    <message>
        <source>Supervisor's password:</source>
        <translation>主管密码：</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Only accountants and administrators see the audit log.</source>
        <translation>只有会计和管理员可以查看审计日志。</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation>共 {count} 条记录</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Exported {count} entries to {path}.</source>
        <translation>已导出 {count} 条记录到 {path}。</translation>
    </message>
    <message>
        <source>Every chain is intact ({counts}).</source>
        <translation>所有哈希链完好（{counts}）。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>A backup is a consistent copy of the whole database, made while the counters keep working. A restore first checks the copy (integrity and every hash chain) and keeps the current database beside itself.</source>
        <translation>备份是整个数据库的一致副本，备份时各收费窗口可以照常工作。恢复前先检查备份（完整性和全部哈希链），并把当前数据库另存一份。</translation>
    </message>
    <message>
        <source>Back up to a file…</source>
        <translation>备份到文件…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Backed up to {path}; the copy passed its check.</source>
        <translation>已备份到 {path}，备份已通过检查。</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace the current database with {path}? Everything recorded after that backup will no longer be shown (the current database is kept beside it).</source>
        <translation>用 {path} 替换当前数据库吗？该备份之后记录的内容将不再显示（当前数据库会另存一份）。</translation>
    </message>
    <message>
        <source>Restored. The previous database was kept as {path}.</source>
        <translation>已恢复。原数据库已另存为 {path}。</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Heating Fee Cashier — First administrator</source>
        <translation>供热收费收银台 — 创建管理员</translation>
    </message>
    <message>
        <source>Create the first administrator</source>
        <translation>创建第一位管理员</translation>
    </message>
    <message>
        <source>This database has no users yet. The administrator you create here adds the other users and gives them their roles. There is no default password.</source>
        <translation>此数据库还没有操作员。在这里创建的管理员负责添加其他操作员并分配角色。系统没有默认密码。</translation>
    </message>
    <message>
        <source>Staff number:</source>
        <translation>工号：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password (at least 8 characters):</source>
        <translation>密码（至少 8 个字符）：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Heating Fee Cashier — Locked</source>
        <translation>供热收费收银台 — 已锁定</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>This counter is locked</source>
        <translation>本收费窗口已锁定</translation>
    </message>
    <message>
        <source>Signed in: {name} (staff number {staff_no})</source>
        <translation>当前操作员：{name}（工号 {staff_no}）</translation>
    </message>
    <message>
        <source>Type your password to go on working.</source>
        <translation>请输入您的密码继续工作。</translation>
    </message>
</context>
<context>
    <name>PasswordPanel</name>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password (at least 8 characters):</source>
        <translation>新密码（至少 8 个字符）：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>锁定 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
</context>
<context>
    <name>SettingsTabs</name>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>My password</source>
        <translation>我的密码</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Heating Fee Cashier — Sign in</source>
        <translation>供热收费收银台 — 登录</translation>
    </message>
    <message>
        <source>Counter {code}</source>
        <translation>收费窗口 {code}</translation>
    </message>
    <message>
        <source>Staff number:</source>
        <translation>工号：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Demo database: every demo user's password is {password}.</source>
        <translation>演示数据库：所有演示操作员的密码都是 {password}。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Staff number:</source>
        <translation>工号：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Password (changed at first sign-in):</source>
        <translation>密码（首次登录时须修改）：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Roles…</source>
        <translation>角色…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Add operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>Operator added; they change the password at their first sign-in.</source>
        <translation>已添加操作员，首次登录时须修改密码。</translation>
    </message>
    <message>
        <source>Roles changed.</source>
        <translation>角色已修改。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Password reset; it must be changed at the next sign-in.</source>
        <translation>密码已重置，该操作员下次登录时须修改密码。</translation>
    </message>
</context>
</TS>
