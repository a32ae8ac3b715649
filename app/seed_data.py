"""What the demo data is made of: the reference set (departments, users, calendar, SLA
policies, routing rules) and the word lists customers, orders and tickets are drawn from.

Kept apart from app.seed so the generator reads as logic and these lists can grow
without touching it; resources/demo/README.md documents the reference set. Weights are
rough population shares, so a directory of a million customers looks like a Vietnamese
one (four in ten are Nguyễn).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

# --- the organisation ------------------------------------------------------------------

# (code, name, kind)
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("CARE", "Customer care", "internal"),
    ("DELIVERY", "Delivery", "internal"),
    ("QUALITY", "Quality", "internal"),
    ("BILLING", "Billing", "internal"),
    ("CS_SUP", "CS supervisors", "internal"),
    ("SUP_SAOMAI", "Supplier: Sao Mai Foods", "supplier"),
    ("SUP_HOABINH", "Supplier: Hoa Binh Electronics", "supplier"),
    ("SUP_GLOBALHOME", "Supplier: Global Home Appliances", "supplier"),
    ("PARTNER_FASTSHIP", "Partner: FastShip Logistics", "partner"),
)

# role -> the documented demo password
PASSWORDS = {
    "admin": "admin123",
    "supervisor": "super123",
    "agent": "agent123",
    "department": "dept123",
    "supplier": "supplier123",
}

# (username, display name, role, department code); agents agent1.. are added by count.
STAFF: tuple[tuple[str, str, str, str | None], ...] = (
    ("admin", "Quản trị hệ thống", "admin", None),
    ("supervisor", "Nguyễn Thị Lan", "supervisor", "CS_SUP"),
    ("supervisor2", "Trần Minh Quân", "supervisor", "CS_SUP"),
    ("delivery1", "Lê Thu Hà", "department", "DELIVERY"),
    ("delivery2", "Phạm Đức Huy", "department", "DELIVERY"),
    ("quality1", "Hoàng Ngọc Anh", "department", "QUALITY"),
    ("quality2", "Võ Thanh Tùng", "department", "QUALITY"),
    ("billing1", "Đặng Thùy Linh", "department", "BILLING"),
    ("billing2", "Bùi Quang Vinh", "department", "BILLING"),
    ("saomai", "Sao Mai Foods (CSKH)", "supplier", "SUP_SAOMAI"),
    ("hoabinh", "Hoa Binh Electronics (bảo hành)", "supplier", "SUP_HOABINH"),
    ("globalhome", "Global Home Appliances (service)", "supplier", "SUP_GLOBALHOME"),
    ("fastship", "FastShip Logistics (điều phối)", "supplier", "PARTNER_FASTSHIP"),
)
AGENT_NAMES = (
    "Đỗ Mỹ Duyên",
    "Ngô Gia Bảo",
    "Huỳnh Kim Ngân",
    "Phan Văn Khoa",
    "Vũ Hoài Thương",
    "Dương Tuấn Kiệt",
    "Lý Bảo Trâm",
    "Hồ Minh Nhật",
    "Trịnh Quốc Bảo",
    "Mai Thanh Hương",
    "Lâm Gia Huy",
    "Châu Ngọc Hân",
)

CALENDAR_NAME = "Vietnam"
CALENDAR_TZ = "Asia/Ho_Chi_Minh"
_WORKDAY = [["08:00", "17:30"]]
# ISO weekday (0 = Monday) -> opening hours
CALENDAR_HOURS: dict[str, Any] = {
    "0": _WORKDAY,
    "1": _WORKDAY,
    "2": _WORKDAY,
    "3": _WORKDAY,
    "4": _WORKDAY,
    "5": [["08:00", "12:00"]],
}


def _days(first: str, last: str) -> list[str]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


# Days off: New Year, Tết, Hùng Kings (10/3 lunar), 30/4 + 1/5, 2/9 + an adjacent day,
# with the decreed swaps and the weekends inside the Tết break.
HOLIDAYS: list[str] = sorted(
    [
        "2025-01-01",
        *_days("2025-01-25", "2025-02-02"),
        "2025-04-07",
        *_days("2025-04-30", "2025-05-04"),
        *_days("2025-08-30", "2025-09-02"),
        "2026-01-01",
        *_days("2026-02-14", "2026-02-22"),
        "2026-04-27",
        "2026-04-30",
        "2026-05-01",
        "2026-09-01",
        "2026-09-02",
        "2027-01-01",
        *_days("2027-02-04", "2027-02-10"),
        "2027-04-16",
        "2027-04-30",
        "2027-05-03",
        "2027-09-02",
        "2027-09-03",
    ]
)

_FASTER = {"high": 0.5, "urgent": 0.25}
# (name, first response minutes, resolution minutes, counted in the business calendar?,
#  actions as app.sla and app.tickets.escalate read them)
SLA_POLICIES: tuple[tuple[str, int, int, bool, dict[str, Any]], ...] = (
    (
        "24 hours",
        60,
        24 * 60,
        False,
        {"notify": ["supervisor"], "raise_priority": True, "priority_factors": _FASTER},
    ),
    (
        "48 hours",
        240,
        48 * 60,
        False,
        {"notify": ["supervisor"], "raise_priority": True, "priority_factors": _FASTER},
    ),
    (
        "3 business days",
        240,
        int(3 * 9.5 * 60),
        True,
        {"notify": ["supervisor", "department"], "raise_priority": True},
    ),
    ("VIP 8 hours", 30, 8 * 60, False, {"notify": ["supervisor"], "raise_priority": True}),
)

# Keywords are matched on text folded to lower case without diacritics, as whole words.
KW_CONDUCT = ["thai do", "bat lich su", "rude", "impolite", "unprofessional"]
KW_PAYMENT = [
    "hoan tien",
    "tru tien",
    "vi dien tu",
    "momo",
    "zalopay",
    "the tin dung",
    "refund",
    "double charge",
    "charged twice",
    "e-wallet",
]
KW_DELIVERY = [
    "giao hang",
    "tre",
    "chua nhan",
    "shipper",
    "van chuyen",
    "late",
    "delivery",
    "damaged",
    "courier",
]
KW_QUALITY = ["hong", "loi", "het han", "kem chat luong", "defect", "expired", "broken", "faulty"]

# The default rule set, in order (app.routing semantics: a rule without a department is a
# modifier; the first rule naming a department decides).
ROUTING_RULES: tuple[tuple[str, dict[str, Any], dict[str, Any]], ...] = (
    (
        "VIP customers: high priority",
        {"tiers": ["vip"]},
        {"priority": "high", "tags": ["vip"]},
    ),
    (
        "Facebook and Zalo: tag for the social team",
        {"channels": ["facebook", "zalo"]},
        {"tags": ["social"]},
    ),
    (
        "Supplier products: the supplier's account",
        {"categories": ["supplier_product"], "suppliers": ["*"]},
        {
            "department": "@supplier",
            "sla_policy": "3 business days",
            "assign": "round_robin",
            "tags": ["supplier"],
        },
    ),
    (
        "Agent conduct: CS supervisors",
        {"categories": ["agent_conduct"], "keywords": KW_CONDUCT},
        {"department": "CS_SUP", "sla_policy": "24 hours", "assign": "least_loaded"},
    ),
    (
        "Payment and e-wallet: Billing",
        {"categories": ["payment"], "keywords": KW_PAYMENT},
        {"department": "BILLING", "sla_policy": "24 hours", "assign": "round_robin"},
    ),
    (
        "Delivery: Delivery",
        {"categories": ["delivery"], "keywords": KW_DELIVERY},
        {"department": "DELIVERY", "sla_policy": "24 hours", "assign": "least_loaded"},
    ),
    (
        "Product quality: Quality",
        {"categories": ["product", "supplier_product"], "keywords": KW_QUALITY},
        {"department": "QUALITY", "sla_policy": "24 hours", "assign": "least_loaded"},
    ),
    (
        "VIP customers, anything else: customer care, 8 hours",
        {"tiers": ["vip"]},
        {"department": "CARE", "sla_policy": "VIP 8 hours", "assign": "round_robin"},
    ),
    (
        "Everything else: customer care",
        {},
        {"department": "CARE", "sla_policy": "48 hours", "assign": "round_robin"},
    ),
)

# --- telephony -------------------------------------------------------------------------

# (prefix after the trunk 0, market weight): Viettel, Vinaphone, Mobifone, Vietnamobile,
# Gmobile; only ranges where every 7-digit subscriber number is valid.
MOBILE_PREFIXES: tuple[tuple[str, float], ...] = (
    ("32", 3), ("33", 3), ("34", 3), ("35", 3), ("36", 3), ("37", 3), ("38", 3), ("39", 3),
    ("86", 5), ("96", 5), ("97", 6), ("98", 6),
    ("81", 2), ("82", 2), ("83", 2), ("84", 2), ("85", 2), ("88", 3), ("91", 5), ("94", 3),
    ("70", 2), ("76", 1.5), ("77", 1.5), ("78", 1.5), ("79", 1.5), ("90", 4), ("93", 4),
    ("56", 0.8), ("58", 0.8), ("92", 2), ("59", 0.4),
)  # fmt: skip
# (area code after the trunk 0, lowest and highest first subscriber digit, subscriber
#  digits, weight)
LANDLINE_AREAS: tuple[tuple[str, int, int, int, float], ...] = (
    ("28", 2, 9, 8, 45),  # Hồ Chí Minh City
    ("24", 2, 8, 8, 35),  # Hà Nội
    ("236", 0, 9, 7, 8),  # Đà Nẵng
    ("225", 0, 9, 7, 6),  # Hải Phòng
    ("292", 0, 9, 7, 6),  # Cần Thơ
)
# Foreign numbers as people write them; each 'x' becomes a random digit.
INTL_PHONES = (
    "+1 415 5x2 xxxx",
    "+1 (212) 6x8-xxxx",
    "+65 9xxx xxxx",
    "0065 8xxxxxxx",
    "+82 10-xxxx-xxxx",
    "+81 90-xxxx-xxxx",
    "+33 6 xx xx xx xx",
    "+49 151 xxxxxxxx",
    "+61 4xx xxx xxx",
    "+44 7700 9xxxxx",
)
HOTLINE = "19006868"
QUEUES = ("sales", "support", "complaints")

EMAIL_DOMAINS: tuple[tuple[str, float], ...] = (
    ("gmail.com", 60),
    ("yahoo.com", 10),
    ("yahoo.com.vn", 5),
    ("outlook.com", 7),
    ("hotmail.com", 5),
    ("icloud.com", 5),
    ("fpt.vn", 3),
    ("vnn.vn", 2),
    ("viettel.vn", 3),
)

# --- people ---------------------------------------------------------------------------

# (family name, weight in percent)
VN_FAMILY: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 3.0),
    ("Huỳnh", 2.1),
    ("Phan", 4.5),
    ("Vũ", 2.0),
    ("Võ", 1.9),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đinh", 0.6),
    ("Mai", 0.5),
    ("Trương", 0.6),
    ("Lâm", 0.4),
    ("Đoàn", 0.5),
    ("Trịnh", 0.4),
    ("Lương", 0.4),
    ("Cao", 0.3),
    ("Đào", 0.4),
    ("Tạ", 0.2),
    ("Hà", 0.3),
    ("Lưu", 0.2),
    ("Tô", 0.2),
    ("Châu", 0.2),
    ("Quách", 0.1),
    ("Kiều", 0.1),
    ("Vương", 0.1),
    ("Phùng", 0.1),
    ("Chu", 0.1),
    ("Thái", 0.1),
    ("La", 0.1),
    ("Tăng", 0.1),
    ("Nghiêm", 0.05),
    ("Mạc", 0.05),
)

VN_MIDDLE_MALE = (
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quang",
    "Thanh",
    "Công",
    "Ngọc",
    "Hoàng",
    "Xuân",
    "Trọng",
    "Gia",
    "Anh",
    "Tuấn",
    "Bảo",
    "Quốc",
    "Thành",
    "Đình",
)
VN_MIDDLE_FEMALE = (
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thu",
    "Thanh",
    "Minh",
    "Phương",
    "Hoài",
    "Mỹ",
    "Bảo",
    "Khánh",
    "Diệu",
    "Kim",
    "Hồng",
    "Thùy",
)
VN_GIVEN_MALE = (
    "An",
    "Anh",
    "Bảo",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Đạt",
    "Đức",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khang",
    "Khoa",
    "Khánh",
    "Kiên",
    "Lâm",
    "Long",
    "Lộc",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nhân",
    "Phát",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Hưng",
    "Khải",
)
VN_GIVEN_FEMALE = (
    "An",
    "Anh",
    "Châu",
    "Chi",
    "Diễm",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhi",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thu",
    "Thủy",
    "Trang",
    "Trâm",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Yến",
    "Xuân",
)

INTL_GIVEN = (
    "John",
    "Emily",
    "Michael",
    "Sarah",
    "David",
    "Anna",
    "James",
    "Sophie",
    "Thomas",
    "Laura",
    "Kenji",
    "Yuki",
    "Hiroshi",
    "Min-jun",
    "Ji-woo",
    "Wei",
    "Mei",
    "Pierre",
    "Marie",
    "François",
    "Hans",
    "Jürgen",
    "Olga",
    "Somchai",
    "Siti",
    "Ahmad",
    "Priya",
    "Raj",
    "Carlos",
    "Ana",
    "Lars",
    "Søren",
    "Ingrid",
    "Łukasz",
    "Zoë",
    "Daniel",
    "Chloé",
    "Matteo",
    "Giulia",
    "Noah",
)
INTL_FAMILY = (
    "Smith",
    "Johnson",
    "Brown",
    "Williams",
    "Miller",
    "Tanaka",
    "Sato",
    "Suzuki",
    "Kim",
    "Park",
    "Lee",
    "Chen",
    "Wang",
    "Müller",
    "Schmidt",
    "Dubois",
    "Martin",
    "Rossi",
    "García",
    "Nowak",
    "Kowalski",
    "Jensen",
    "Nielsen",
    "O'Brien",
    "Tan",
    "Lim",
    "Wong",
    "Singh",
    "Patel",
    "Silva",
    "Johansson",
    "Novák",
    "Wilson",
    "Taylor",
    "Anderson",
)

# --- organisations --------------------------------------------------------------------

VN_COMPANY_FORM = (
    "Công ty TNHH",
    "Công ty TNHH",
    "Công ty Cổ phần",
    "Công ty TNHH MTV",
    "Doanh nghiệp tư nhân",
    "Cửa hàng",
    "Nhà hàng",
    "Khách sạn",
    "Trường Mầm non",
    "Hợp tác xã",
)
VN_COMPANY_SECTOR = (
    "Thương mại",
    "Thương mại Dịch vụ",
    "Xây dựng",
    "Vận tải",
    "Thực phẩm",
    "Công nghệ",
    "Điện máy",
    "Nội thất",
    "Dược phẩm",
    "Du lịch",
    "Đầu tư",
    "Sản xuất",
    "Xuất nhập khẩu",
    "In ấn",
    "Giáo dục",
    "",
    "",
)
VN_COMPANY_BRAND = (
    "Phú Thịnh",
    "Minh Phát",
    "An Khang",
    "Hòa Bình",
    "Sao Việt",
    "Đại Dương",
    "Hưng Thịnh",
    "Thành Công",
    "Tân Phát",
    "Hoàng Long",
    "Phương Nam",
    "Bắc Á",
    "Trường Sơn",
    "Kim Ngân",
    "Việt Tiến",
    "Sài Gòn Xanh",
    "Hà Thành",
    "Mê Kông",
    "Thiên Phú",
    "Gia Bảo",
    "Ánh Dương",
    "Bình Minh",
    "Đông Á",
    "Hồng Hà",
    "Lạc Hồng",
    "Nam Việt",
    "Quang Minh",
    "Tây Nguyên",
    "Vạn Xuân",
    "Hải Âu",
)
INTL_COMPANY_BRAND = (
    "Northwind",
    "Blue Harbor",
    "Acme Asia",
    "Lotus Pacific",
    "Kaito",
    "Han River",
    "Silverline",
    "Evergreen",
    "Orchid Bay",
    "Red Dragon",
    "Sunrise",
    "Meridian",
    "Golden Gate",
    "Nordic Star",
    "Pacific Rim",
)
INTL_COMPANY_FORM = (
    "Trading Co., Ltd.",
    "Pte. Ltd.",
    "Ltd.",
    "GmbH",
    "Industries K.K.",
    "Vietnam LLC",
    "Holdings",
    "Logistics JSC",
)

# --- products: (name, price in VND, supplier department code or None) ------------------

PRODUCTS: tuple[tuple[str, int, str | None], ...] = (
    ("Sữa tươi Sao Mai 1L (thùng 12)", 360_000, "SUP_SAOMAI"),
    ("Sữa chua Sao Mai (lốc 4)", 32_000, "SUP_SAOMAI"),
    ("Bánh trung thu Sao Mai hộp 4 bánh", 420_000, "SUP_SAOMAI"),
    ("Cà phê rang xay Sao Mai 500g", 145_000, "SUP_SAOMAI"),
    ("Nước mắm cá cơm 500ml", 45_000, None),
    ("Gạo ST25 túi 5kg", 185_000, None),
    ("Mì ăn liền (thùng 30 gói)", 115_000, None),
    ("Dầu ăn 2L", 95_000, None),
    ("Trà xanh túi lọc (hộp 100)", 68_000, None),
    ("Tivi thông minh Hoa Binh 43 inch", 7_490_000, "SUP_HOABINH"),
    ("Tai nghe Bluetooth Hoa Binh", 390_000, "SUP_HOABINH"),
    ("Điện thoại Hoa Binh H5", 4_990_000, "SUP_HOABINH"),
    ("Sạc dự phòng Hoa Binh 10000mAh", 290_000, "SUP_HOABINH"),
    ("Loa kéo karaoke Hoa Binh", 2_350_000, "SUP_HOABINH"),
    ("Nồi cơm điện Global Home 1.8L", 890_000, "SUP_GLOBALHOME"),
    ("Máy xay sinh tố Global Home", 650_000, "SUP_GLOBALHOME"),
    ("Máy giặt Global Home 8kg", 6_990_000, "SUP_GLOBALHOME"),
    ("Tủ lạnh Global Home 180L", 5_490_000, "SUP_GLOBALHOME"),
    ("Nồi chiên không dầu Global Home 5L", 1_590_000, "SUP_GLOBALHOME"),
    ("Quạt đứng 3 cánh", 450_000, None),
    ("Điều hòa 1HP inverter", 7_990_000, None),
    ("Laptop 14 inch Core i5", 15_990_000, None),
    ("Chuột không dây", 189_000, None),
    ("Bàn phím cơ", 890_000, None),
    ("Bộ nồi inox 5 món", 790_000, None),
    ("Chăn ga gối cotton 1m6", 1_250_000, None),
    ("Nệm cao su 1m6 x 2m", 4_500_000, None),
    ("Bàn làm việc gỗ", 1_890_000, None),
    ("Ghế công thái học", 2_990_000, None),
    ("Áo thun nam cotton", 159_000, None),
    ("Áo dài lụa", 1_200_000, None),
    ("Giày thể thao", 890_000, None),
    ("Túi xách nữ", 650_000, None),
    ("Kem chống nắng SPF50", 285_000, None),
    ("Sữa rửa mặt 150ml", 165_000, None),
    ("Bỉm trẻ em (bịch 60)", 329_000, None),
    ("Sữa bột trẻ em 900g", 589_000, None),
    ("Xe đạp thể thao", 3_990_000, None),
    ("Vali kéo 24 inch", 1_450_000, None),
    ("Thẻ quà tặng 500.000đ", 500_000, None),
)

# --- categories: (code, name, parent code) --------------------------------------------

CATEGORIES: tuple[tuple[str, str, str | None], ...] = (
    ("delivery", "Delivery / Giao hàng", None),
    ("delivery.late", "Late delivery / Giao trễ", "delivery"),
    ("delivery.damaged", "Damaged in transit / Hàng hư hỏng khi giao", "delivery"),
    ("delivery.wrong_item", "Wrong item / Giao sai hàng", "delivery"),
    ("product", "Product quality / Chất lượng sản phẩm", None),
    ("product.defect", "Defective / Sản phẩm lỗi", "product"),
    ("product.expired", "Expired / Hết hạn sử dụng", "product"),
    ("product.not_as_described", "Not as described / Không đúng mô tả", "product"),
    ("payment", "Payment & e-wallet / Thanh toán & ví điện tử", None),
    ("payment.double_charge", "Charged twice / Trừ tiền hai lần", "payment"),
    ("payment.refund", "Refund / Hoàn tiền", "payment"),
    ("payment.ewallet", "E-wallet failure / Lỗi ví điện tử", "payment"),
    ("supplier_product", "Supplier product / Sản phẩm nhà cung cấp", None),
    ("supplier_product.defect", "Supplier product defect / Lỗi sản phẩm NCC", "supplier_product"),
    ("supplier_product.warranty", "Warranty claim / Bảo hành", "supplier_product"),
    ("agent_conduct", "Agent conduct / Thái độ nhân viên", None),
    ("agent_conduct.rude", "Rude or impolite / Thiếu lịch sự", "agent_conduct"),
    ("agent_conduct.wrong_info", "Wrong information given / Tư vấn sai", "agent_conduct"),
    ("account", "Account / Tài khoản", None),
    ("account.login", "Cannot log in / Không đăng nhập được", "account"),
    ("account.update", "Update details / Cập nhật thông tin", "account"),
    ("other", "Other / Khác", None),
)

# Ticket texts per (sub)category: (Vietnamese subject, body, English subject, body).
# `{o}` is an order reference, `{n}` a small number. Bodies carry the routing keywords.
TICKET_TEXTS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "delivery.late": (
        (
            "Giao hàng trễ đơn {o}",
            "Khách phản ánh đơn {o} giao hàng trễ {n} ngày so với hẹn, shipper không gọi trước.",
            "Late delivery of order {o}",
            "Customer reports order {o} is {n} days late; the courier never called.",
        ),
        (
            "Chưa nhận được hàng đơn {o}",
            "Đã quá hạn {n} ngày vẫn chưa nhận được hàng, khách yêu cầu kiểm tra giao hàng.",
            "Order {o} not received",
            "Delivery is {n} days late and the parcel has not arrived.",
        ),
    ),
    "delivery.damaged": (
        (
            "Hàng bị móp méo khi giao đơn {o}",
            "Thùng hàng bị móp, sản phẩm bên trong bị hỏng khi giao hàng. Khách gửi ảnh qua Zalo.",
            "Parcel damaged in delivery, order {o}",
            "The box arrived crushed and the item is damaged. Photos sent by email.",
        ),
    ),
    "delivery.wrong_item": (
        (
            "Giao sai hàng đơn {o}",
            "Khách đặt một sản phẩm nhưng nhận được sản phẩm khác, cần đổi lại khi giao hàng.",
            "Wrong item delivered, order {o}",
            "Customer received a different product; delivery must swap it.",
        ),
    ),
    "product.defect": (
        (
            "Sản phẩm lỗi sau {n} ngày sử dụng",
            "Sản phẩm bị hỏng, không hoạt động sau {n} ngày. Khách yêu cầu đổi mới.",
            "Product defective after {n} days",
            "The product stopped working after {n} days; customer wants a replacement (defect).",
        ),
    ),
    "product.expired": (
        (
            "Sản phẩm hết hạn sử dụng đơn {o}",
            "Khách nhận hàng đã hết hạn sử dụng {n} ngày. Yêu cầu thu hồi lô hàng.",
            "Expired product in order {o}",
            "The item was expired by {n} days on arrival.",
        ),
    ),
    "product.not_as_described": (
        (
            "Sản phẩm không đúng mô tả",
            "Màu sắc và kích thước không đúng như mô tả trên website.",
            "Product not as described",
            "Colour and size differ from the website description.",
        ),
    ),
    "payment.double_charge": (
        (
            "Bị trừ tiền hai lần đơn {o}",
            "Khách bị trừ tiền hai lần khi thanh toán thẻ, yêu cầu hoàn tiền ngay.",
            "Charged twice for order {o}",
            "The card was charged twice (double charge); customer asks for a refund.",
        ),
    ),
    "payment.refund": (
        (
            "Chưa nhận được hoàn tiền đơn {o}",
            "Đã hủy đơn {n} ngày nhưng chưa được hoàn tiền về tài khoản.",
            "Refund not received for order {o}",
            "Order cancelled {n} days ago; the refund has not arrived.",
        ),
    ),
    "payment.ewallet": (
        (
            "Lỗi thanh toán ví điện tử MoMo",
            "Thanh toán qua ví điện tử MoMo báo lỗi nhưng tài khoản vẫn bị trừ tiền.",
            "E-wallet payment failed",
            "MoMo e-wallet payment failed but the balance was debited.",
        ),
        (
            "Không thanh toán được bằng ZaloPay",
            "Ví điện tử ZaloPay báo giao dịch thất bại nhiều lần.",
            "ZaloPay payment keeps failing",
            "The ZaloPay e-wallet rejects the payment every time.",
        ),
    ),
    "supplier_product.defect": (
        (
            "Lỗi sản phẩm nhà cung cấp: {p}",
            "Sản phẩm {p} (đơn {o}) bị lỗi, cần nhà cung cấp kiểm tra và đổi trả.",
            "Supplier product fault: {p}",
            "{p} from order {o} is faulty; the supplier must inspect and replace it.",
        ),
    ),
    "supplier_product.warranty": (
        (
            "Yêu cầu bảo hành {p}",
            "Khách yêu cầu bảo hành {p} mua trong đơn {o}.",
            "Warranty claim for {p}",
            "Customer claims warranty for {p} bought in order {o}.",
        ),
    ),
    "agent_conduct.rude": (
        (
            "Phản ánh thái độ nhân viên",
            "Khách phản ánh nhân viên tổng đài có thái độ thiếu lịch sự, ngắt lời khách.",
            "Complaint about an agent's attitude",
            "Customer says the agent was rude and kept interrupting.",
        ),
    ),
    "agent_conduct.wrong_info": (
        (
            "Nhân viên tư vấn sai thông tin",
            "Nhân viên tư vấn sai chính sách đổi trả, khách mất thêm phí.",
            "Agent gave wrong information",
            "The agent quoted the wrong return policy and the customer paid an extra fee.",
        ),
    ),
    "account.login": (
        (
            "Không đăng nhập được tài khoản",
            "Khách quên mật khẩu, không nhận được mã OTP.",
            "Cannot log in",
            "Customer forgot the password and gets no OTP code.",
        ),
    ),
    "account.update": (
        (
            "Cập nhật số điện thoại tài khoản",
            "Khách đổi số điện thoại, yêu cầu cập nhật thông tin tài khoản.",
            "Update account phone number",
            "Customer changed phone number and wants the account updated.",
        ),
    ),
    "other": (
        (
            "Góp ý về dịch vụ",
            "Khách góp ý nên có thêm cửa hàng ở Thủ Đức.",
            "Service feedback",
            "Customer suggests opening a store in Thu Duc.",
        ),
        (
            "Hỏi về chương trình khuyến mãi",
            "Khách hỏi điều kiện áp dụng mã giảm giá tháng này.",
            "Question about a promotion",
            "Customer asks how this month's voucher applies.",
        ),
    ),
}

# Interaction summaries: (wrap-up code from app.interactions.WRAPUP_CODES, Vietnamese,
# English).
SUMMARIES: tuple[tuple[str, str, str], ...] = (
    (
        "information_given",
        "Khách hỏi tình trạng đơn hàng, đã báo dự kiến giao trong 2 ngày.",
        "Asked about order status; told delivery within 2 days.",
    ),
    (
        "information_given",
        "Tư vấn chính sách đổi trả 7 ngày.",
        "Explained the 7-day return policy.",
    ),
    (
        "information_given",
        "Hỏi giờ mở cửa và địa chỉ cửa hàng gần nhất.",
        "Asked for opening hours and the nearest store.",
    ),
    (
        "resolved",
        "Tư vấn sản phẩm, khách đặt thêm đơn mới.",
        "Product advice; customer placed a new order.",
    ),
    (
        "resolved",
        "Hướng dẫn cài đặt và sử dụng sản phẩm.",
        "Walked the customer through setting up the product.",
    ),
    (
        "information_given",
        "Khách hỏi tiến độ hoàn tiền, đã kiểm tra với bộ phận kế toán.",
        "Customer asked about a refund; checked with billing.",
    ),
    (
        "callback_promised",
        "Khách bận, hẹn gọi lại sau 17:00.",
        "Customer busy; callback booked after 17:00.",
    ),
    (
        "wrong_number",
        "Khách gọi nhầm số.",
        "Wrong number.",
    ),
    (
        "resolved",
        "Cập nhật địa chỉ giao hàng mới.",
        "Updated the delivery address.",
    ),
)
COMPLAINT_SUMMARY = (
    "complaint_filed",
    "Tiếp nhận khiếu nại, đã tạo phiếu và chuyển bộ phận xử lý.",
    "Complaint logged; ticket created and routed.",
)
REQUEST_SUMMARY = (
    "ticket_opened",
    "Ghi nhận yêu cầu của khách, đã tạo phiếu.",
    "Request recorded; ticket created.",
)

WARNINGS = (
    "Khách hay khiếu nại: xác minh đơn hàng trước khi hoàn tiền",
    "Đã từng bị lừa đảo qua điện thoại: không bao giờ hỏi mã OTP",
    "Chỉ liên hệ sau 18:00",
    "Customer asked for no marketing calls",
    "Hearing impaired: prefers Zalo or chat",
    "Nợ quá hạn: chuyển Billing trước khi hỗ trợ",
)
NOTES = (
    "Ưu tiên giao hàng giờ hành chính",
    "Prefers English",
    "Khách quen từ cửa hàng Quận 1",
    "Gọi số cơ quan trong giờ hành chính",
    "Thích nhận thông tin khuyến mãi qua Zalo",
)

COMMENTS_VI = (
    "Đã liên hệ khách, xác nhận thông tin.",
    "Đang chờ kho kiểm tra lại.",
    "Đã gửi ảnh cho bộ phận chất lượng.",
    "Khách đồng ý phương án đổi hàng.",
    "Đã nhắc đối tác vận chuyển.",
    "Đang đối soát giao dịch với ngân hàng.",
)
COMMENTS_EN = (
    "Called the customer and confirmed the details.",
    "Waiting for the warehouse to check.",
    "Photos forwarded to quality.",
    "Customer accepted a replacement.",
    "Chased the courier.",
    "Reconciling the transaction with the bank.",
)
RESOLUTIONS_VI = (
    "Đã đổi sản phẩm mới cho khách.",
    "Đã hoàn tiền đầy đủ.",
    "Đã giao lại hàng thành công.",
    "Đã giải thích và khách đồng ý.",
)
RESOLUTIONS_EN = (
    "Replacement sent.",
    "Refunded in full.",
    "Redelivered successfully.",
    "Explained; customer satisfied.",
)
TRANSFER_REASONS = (
    "Sai bộ phận, chuyển đúng nơi xử lý",
    "Cần bộ phận chuyên môn kiểm tra",
    "Wrong queue; moved to the owning team",
)
TRANSFERRED_SUMMARY = (
    "transferred",
    "Chuyển cuộc gọi sang bộ phận chuyên trách.",
    "Transferred the call to the specialist desk.",
)
CALLBACK_SUMMARY = (
    "resolved",
    "Gọi lại cho khách theo hẹn, đã giải quyết.",
    "Called the customer back as promised; sorted.",
)
