<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>Collector</name>
    <message>
        <location filename="../../../cashier/ui/collector/__init__.py" line="56"/>
        <source>Route</source>
        <translation>路线</translation>
    </message>
</context>
<context>
    <name>RouteModel</name>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="23"/>
        <location filename="../../../cashier/ui/collector/route_model.py" line="37"/>
        <source>Owes</source>
        <translation>欠费</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="24"/>
        <source>Paid today</source>
        <translation>今日已收</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="25"/>
        <source>Settled</source>
        <translation>已结清</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="26"/>
        <source>Credit</source>
        <translation>有预存</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="34"/>
        <source>Place</source>
        <translation>楼栋单元房号</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="35"/>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="36"/>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="38"/>
        <source>Taken today</source>
        <translation>今日收款</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_model.py" line="39"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>RoutePage</name>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="73"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="74"/>
        <source>Sync… (F8)</source>
        <translation>同步…（F8）</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="77"/>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="77"/>
        <source>Building</source>
        <translation>楼号</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="96"/>
        <source>Enter opens the household on the Counter page; F8 syncs.</source>
        <translation>回车在收费页打开该户收费；F8 同步。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="118"/>
        <source>never</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="121"/>
        <source>Device {code} ({name}) · {waiting} entries to sync · last sync {when}</source>
        <translation>设备 {code}（{name}）· 待同步 {waiting} 条 · 最近同步：{when}</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="140"/>
        <source>All buildings</source>
        <translation>全部楼</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="142"/>
        <source>Building {no}</source>
        <translation>{no}号楼</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="155"/>
        <source>Reading the route…</source>
        <translation>正在读取路线…</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/route_page.py" line="164"/>
        <source>{households} households; {owing} still owe {owed}; {paid} paid today, {taken} taken</source>
        <translation>共 {households} 户；{owing} 户欠费，合计 {owed}；今日已收 {paid} 户，共 {taken}</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="54"/>
        <source>Sync with the central books</source>
        <translation>与总账同步</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="73"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="76"/>
        <source>Write upload file…</source>
        <translation>写出上传包…</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="78"/>
        <source>Load answer file…</source>
        <translation>载入回执包…</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="99"/>
        <source>The entries taken on this device go to the central books, each exactly once; then what changed there comes back.</source>
        <translation>本机的收费记录将上传到总账，每条只入账一次；随后下载总账中的变化。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="103"/>
        <source>No connection to the central books: write the upload file to a USB stick, have it imported at the office, then load the answer file brought back.</source>
        <translation>未连接总账：请把上传包写到U盘，在公司导入后，再载入带回的回执包。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="111"/>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="129"/>
        <source>{what}: {done} of {total}</source>
        <translation>{what}：{done} / {total}</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="133"/>
        <source>The sync did not finish: {message}</source>
        <translation>同步未完成：{message}</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="136"/>
        <source>Nothing is lost: the entries stay on this device and go with the next sync; those the central books took already are not posted twice.</source>
        <translation>没有任何记录丢失：记录仍保存在本机，下次同步时上传；总账已收到的记录不会重复入账。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="138"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="143"/>
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="149"/>
        <source>Booked to {day} in the central books.</source>
        <translation>总账记账日期：{day}。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="152"/>
        <source>This device&apos;s clock is off: {skew} (recorded).</source>
        <translation>本机时钟有偏差：{skew}（已记录）。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="156"/>
        <source>Payments whose allocation differs were kept and flagged for the accountant.</source>
        <translation>分配与收据不同的收款已照常入账，并标记给会计核对。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="157"/>
        <source>Hand the cash over at a counter (缴款).</source>
        <translation>请到收费窗口缴款。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="159"/>
        <source>Sync again</source>
        <translation>再次同步</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="171"/>
        <source>Uploaded</source>
        <translation>上传</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="172"/>
        <source>Already there</source>
        <translation>已在总账</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="173"/>
        <source>Conflicts</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="174"/>
        <source>Downloaded</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="191"/>
        <source>Write upload file</source>
        <translation>写出上传包</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="194"/>
        <source>{count} entries written to {path}.</source>
        <translation>已写出 {count} 条记录到 {path}。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="190"/>
        <source>Writing the upload file…</source>
        <translation>正在写出上传包…</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="202"/>
        <source>Have it imported at the office, then load the answer file brought back.</source>
        <translation>请在公司导入该上传包，再载入带回的回执包。</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="199"/>
        <source>Load answer file</source>
        <translation>载入回执包</translation>
    </message>
    <message>
        <location filename="../../../cashier/ui/collector/sync_dialog.py" line="201"/>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
</context>
</TS>
