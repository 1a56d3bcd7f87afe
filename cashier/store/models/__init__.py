"""Every table of the application; importing this package registers them on Base.metadata."""

from cashier.store.models.account_records import (
    ClosureRecord,
    HolderChangeRecord,
    MeterReadingRecord,
    OpeningArrearsAdjustmentRecord,
    OpeningArrearsRecord,
)
from cashier.store.models.accounts import Account, AccountFacts, AccountStatus
from cashier.store.models.audit import AuditEntry
from cashier.store.models.bills import Bill, BillLine, TariffVersion
from cashier.store.models.journal import (
    AgentReceipt,
    CounterRow,
    InvoiceExchange,
    JournalAnchor,
    JournalRow,
    ReceiptReprint,
    SuspenseAssignment,
)
from cashier.store.models.reconciliation import (
    DayCloseRow,
    HandoverRow,
    SettlementImportRow,
    SettlementLineRow,
    SettlementPresetRow,
    SettlementResolutionRow,
)
from cashier.store.models.repairs import (
    RepairBillLineRow,
    RepairBillVersionRow,
    RepairDamageRow,
    RepairEventRow,
    RepairFollowUpRow,
    RepairOrderRow,
    RepairPaymentRow,
    RepairPriceRow,
    RepairSignOffRow,
)
from cashier.store.models.seasons import Season
from cashier.store.models.service import (
    MeasurementRoom,
    Outage,
    OutageAccount,
    OutageEventRecord,
    ServiceCase,
    ServiceCaseStep,
    ServiceCredit,
    ServiceJournalEntry,
    SignatureRecord,
    TemperatureMeasurement,
)
from cashier.store.models.settings import AppSetting
from cashier.store.models.users import User, UserRole

__all__ = [
    "Account",
    "AgentReceipt",
    "AccountFacts",
    "AccountStatus",
    "AppSetting",
    "AuditEntry",
    "Bill",
    "BillLine",
    "ClosureRecord",
    "CounterRow",
    "DayCloseRow",
    "HandoverRow",
    "HolderChangeRecord",
    "InvoiceExchange",
    "JournalAnchor",
    "JournalRow",
    "MeterReadingRecord",
    "OpeningArrearsAdjustmentRecord",
    "OpeningArrearsRecord",
    "ReceiptReprint",
    "RepairBillLineRow",
    "RepairBillVersionRow",
    "RepairDamageRow",
    "RepairEventRow",
    "RepairFollowUpRow",
    "RepairOrderRow",
    "RepairPaymentRow",
    "RepairPriceRow",
    "RepairSignOffRow",
    "Season",
    "SettlementImportRow",
    "SettlementLineRow",
    "SettlementPresetRow",
    "SettlementResolutionRow",
    "SuspenseAssignment",
    "TariffVersion",
    "User",
    "UserRole",
    "MeasurementRoom",
    "Outage",
    "OutageAccount",
    "OutageEventRecord",
    "ServiceCase",
    "ServiceCaseStep",
    "ServiceCredit",
    "ServiceJournalEntry",
    "SignatureRecord",
    "TemperatureMeasurement",
]
