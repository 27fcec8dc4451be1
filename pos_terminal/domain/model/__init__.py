"""The domain model, one module per aggregate. Plain Python: storage maps these classes from
outside (pos_terminal/storage), so nothing here knows about SQLAlchemy, Qt, devices or HTTP.

Timestamps are timezone-aware UTC; money is `Money` (integer minor units). Every class is
re-exported here: `from pos_terminal.domain.model import Sale` is the way to import one.
"""

from pos_terminal.domain.model.cards import CardRequest, CardRequestKind, CardRequestState
from pos_terminal.domain.model.orders import ItemUnit, Order, OrderLine, OrderStatus
from pos_terminal.domain.model.outbox import OutboxMessage, Settlement
from pos_terminal.domain.model.paid import NewOrder, NewOrderLine, PaidSale, PaidTender
from pos_terminal.domain.model.receipts import PrintState, Receipt, ReceiptCounter, ReceiptKind
from pos_terminal.domain.model.refunds import PayoutRoute, RefundCase, RefundPhoto, RefundStatus
from pos_terminal.domain.model.sales import Sale, SaleStatus, Tender, TenderKind
from pos_terminal.domain.model.shifts import Shift, ShiftStatus
from pos_terminal.domain.model.users import ROLE_PERMISSIONS, LockoutPolicy, Permission, Role, User

__all__ = [
    "ROLE_PERMISSIONS", "CardRequest", "CardRequestKind", "CardRequestState", "ItemUnit", "LockoutPolicy",
    "NewOrder", "NewOrderLine", "Order", "OrderLine", "OrderStatus", "OutboxMessage", "PaidSale", "PaidTender",
    "PayoutRoute", "Permission", "PrintState", "Receipt",
    "ReceiptCounter", "ReceiptKind", "RefundCase", "RefundPhoto", "RefundStatus", "Role", "Sale", "SaleStatus",
    "Settlement", "Shift", "ShiftStatus", "Tender", "TenderKind", "User",
]
