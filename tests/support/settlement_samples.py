"""Statement files as the providers publish them (shared/domain/settlements.md), built from a
few transactions: WeChat Pay's trade bill (current and older layout), Alipay's business
detail (GBK, with its # preface and summary), and a bank statement (GB18030, preface lines).
"""

from __future__ import annotations

WECHAT_HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
    "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,"
    "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
)
WECHAT_OLD_HEADER = (
    "交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
    "交易状态,付款银行,货币种类,总金额,代金券或立减优惠金额,微信退款单号,商户退款单号,退款金额,"
    "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率"
)
WECHAT_SUMMARY = (
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
)

ALIPAY_HEADER = (
    "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,"
    "对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,"
    "商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,"
    "退款批次号/请求号,服务费（元）,分润（元）,备注"
)


def _tick(values: list[str]) -> str:
    return ",".join(f"`{value}" for value in values)


def wechat_bill(rows: list[tuple[str, str, str, str, str]], *, old: bool = False) -> bytes:
    """A trade bill (UTF-8) from (time, 微信订单号, 商户订单号, SUCCESS|REFUND, yuan) rows."""
    lines = [WECHAT_OLD_HEADER if old else WECHAT_HEADER]
    for when, order, merchant_order, status, amount in rows:
        refund = status == "REFUND"
        values = [
            when, "wx0000000000000001", "1900000001", "0", "", order, merchant_order,
            "oUser" + order[-4:], "MICROPAY", status, "OTHERS", "CNY",
            "0.00" if refund else amount, "0.00",
            "5030000" + order[-6:] if refund else "0", "R" + merchant_order if refund else "0",
            amount if refund else "0.00", "0.00", "ORIGINAL" if refund else "",
            "SUCCESS" if refund else "", "热费", "", "0.00", "0.60%",
        ]
        if not old:
            values += ["0.00" if refund else amount, amount if refund else "0.00", ""]
        lines.append(_tick(values))
    lines += [WECHAT_SUMMARY, _tick([str(len(rows)), *["0.00"] * 6])]
    return ("\n".join(lines) + "\n").encode("utf-8")


def alipay_detail(rows: list[tuple[str, str, str, str, str]]) -> bytes:
    """A business detail (GBK) from (time, 支付宝交易号, 商户订单号, 交易|退款, yuan) rows."""
    lines = [
        "#支付宝业务明细查询",
        "#账号：[20880000000000000156]",
        "#起始日期：[2025年11月10日 00:00:00]   终止日期：[2025年11月11日 00:00:00]",
        "#-----------------------------------------业务明细列表----------------------------------------",
        ALIPAY_HEADER,
    ]
    for when, trade, merchant_order, kind, amount in rows:
        refund = kind == "退款"
        shown = f"-{amount}" if refund else amount
        values = [
            trade + "\t", merchant_order + "\t", kind, "热费", when, when, "", "", "", "",
            "u***@example.com", shown, shown, "0.00", "0.00", "0.00", "0.00", "0.00", "",
            "0.00", "0.00", ("RF" + merchant_order + "\t") if refund else "", "0.00", "0.00", "",
        ]
        lines.append(",".join(values))
    lines += [
        "#-----------------------------------------业务明细列表结束------------------------------------",
        f"#交易合计：{len(rows)}笔",
        "#导出时间：[2025年11月11日 08:00:00]",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


BANK_HEADER = "交易日期,交易时间,摘要,收入金额,支出金额,余额,对方户名,流水号"


def bank_statement(rows: list[tuple[str, str, str, str, str, str]]) -> bytes:
    """A bank statement (GB18030, two preface lines) from (date, time, 摘要, in, out, serial)."""
    lines = ["幸福热力有限公司 账户明细", "账号：6222000000000000", BANK_HEADER]
    for day, when, memo, money_in, money_out, serial in rows:
        lines.append(",".join([day, when, memo, money_in, money_out, "0.00", "张三", serial]))
    lines.append("合计,,,,,,,")
    return ("\n".join(lines) + "\n").encode("gb18030")
