<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About CallDesk</source>
        <translation>Giới thiệu CallDesk</translation>
    </message>
    <message>
        <source>Contact-center desktop: screen-pop, tickets, complaint routing and KPIs.</source>
        <translation>Phần mềm tổng đài chăm sóc khách hàng: hiện thông tin người gọi, phiếu yêu cầu, điều phối khiếu nại và chỉ số KPI.</translation>
    </message>
    <message>
        <source>Version %1 · Qt for Python %2 · Python %3</source>
        <translation>Phiên bản %1 · Qt for Python %2 · Python %3</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPane</name>
    <message>
        <source>Loading the customer card…</source>
        <translation>Đang tải thông tin khách hàng…</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>Khách hàng này không còn tồn tại.</translation>
    </message>
    <message>
        <source>Could not load the customer: %1</source>
        <translation>Không tải được thông tin khách hàng: %1</translation>
    </message>
    <message>
        <source>No customer selected</source>
        <translation>Chưa chọn khách hàng</translation>
    </message>
    <message>
        <source>Search by name, phone, email, customer or ticket number, then pick a row.</source>
        <translation>Tìm theo tên, số điện thoại, email, mã khách hàng hoặc số phiếu, rồi chọn một dòng.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Open tickets: %1</source>
        <translation>Phiếu đang mở: %1</translation>
    </message>
    <message>
        <source>Customer ID %1</source>
        <translation>Mã khách hàng %1</translation>
    </message>
    <message>
        <source>Merged into another customer record</source>
        <translation>Đã gộp vào hồ sơ khách hàng khác</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Liên hệ</translation>
    </message>
    <message>
        <source>No phone, email or account on file.</source>
        <translation>Chưa có số điện thoại, email hay tài khoản nào.</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Chính</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Mua hàng</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>Tổng giá trị</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Đơn hàng</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>Phiếu đang mở</translation>
    </message>
    <message>
        <source>Nothing open for this customer.</source>
        <translation>Khách hàng này không có phiếu nào đang mở.</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Quá hạn từ %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Hạn xử lý %1</translation>
    </message>
    <message>
        <source>Recent interactions</source>
        <translation>Tương tác gần đây</translation>
    </message>
    <message>
        <source>No contact with this customer yet.</source>
        <translation>Chưa có lần liên hệ nào với khách hàng này.</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>Mã khách hàng</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Person</source>
        <translation>Cá nhân</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Thường</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>Bạc</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Vàng</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <source>Zalo</source>
        <translation>Zalo</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Tại quầy</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Trò chuyện trực tuyến</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Gọi đến</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Gọi đi</translation>
    </message>
    <message>
        <source>Inquiry</source>
        <translation>Hỏi đáp</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Yêu cầu</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Khiếu nại</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Waiting for customer</source>
        <translation>Chờ khách hàng</translation>
    </message>
    <message>
        <source>Waiting for supplier</source>
        <translation>Chờ nhà cung cấp</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã đóng</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Thấp</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Bình thường</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Cao</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Khẩn cấp</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Đã giao</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Chờ xử lý</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Đang giao</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã huỷ</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả hàng</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Đã thanh toán</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Điện thoại viên</translation>
    </message>
    <message>
        <source>Department staff</source>
        <translation>Nhân viên phòng ban</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Nhà cung cấp</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Giám sát viên</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>CallDesk — create the administrator</source>
        <translation>CallDesk — tạo tài khoản quản trị</translation>
    </message>
    <message>
        <source>CallDesk — sign in</source>
        <translation>CallDesk — đăng nhập</translation>
    </message>
    <message>
        <source>First start: create the administrator account</source>
        <translation>Lần đầu sử dụng: tạo tài khoản quản trị</translation>
    </message>
    <message>
        <source>Sign in to your workstation</source>
        <translation>Đăng nhập vào máy trạm của bạn</translation>
    </message>
    <message>
        <source>Connecting to the database…</source>
        <translation>Đang kết nối cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>This database has no accounts yet. The account you create now is the administrator: it manages users, departments and settings.</source>
        <translation>Cơ sở dữ liệu này chưa có tài khoản nào. Tài khoản bạn tạo bây giờ là quản trị viên: quản lý người dùng, phòng ban và cấu hình.</translation>
    </message>
    <message>
        <source>Administrator user name</source>
        <translation>Tên đăng nhập của quản trị viên</translation>
    </message>
    <message>
        <source>Password (at least 6 characters)</source>
        <translation>Mật khẩu (ít nhất 6 ký tự)</translation>
    </message>
    <message>
        <source>Confirm the password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <source>e.g. lan.nguyen</source>
        <translation>ví dụ: lan.nguyen</translation>
    </message>
    <message>
        <source>e.g. admin</source>
        <translation>ví dụ: admin</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>Đang tạo tài khoản…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>Create the administrator</source>
        <translation>Tạo tài khoản quản trị</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>The database did not answer: %1</source>
        <translation>Cơ sở dữ liệu không phản hồi: %1</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu.</translation>
    </message>
    <message>
        <source>Choose a user name for the administrator.</source>
        <translation>Hãy chọn tên đăng nhập cho quản trị viên.</translation>
    </message>
    <message>
        <source>The password must have at least 6 characters.</source>
        <translation>Mật khẩu phải có ít nhất 6 ký tự.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không khớp nhau.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CallDesk — %1</source>
        <translation>CallDesk — %1</translation>
    </message>
    <message>
        <source>Search name, phone, email, customer or ticket number</source>
        <translation>Tìm tên, số điện thoại, email, mã khách hàng hoặc số phiếu</translation>
    </message>
    <message>
        <source>Ctrl+F to search, Down to move into the list</source>
        <translation>Ctrl+F để tìm, phím mũi tên xuống để vào danh sách</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Giao diện</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Sáng</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Tối</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About CallDesk</source>
        <translation>&amp;Giới thiệu CallDesk</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Đăng nhập: %1 (%2)</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>Cơ sở dữ liệu đang dùng</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation>Không tải được danh sách: %1</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>No customer matches “%1”</source>
        <translation>Không có khách hàng nào khớp với “%1”</translation>
    </message>
    <message>
        <source>No customers yet</source>
        <translation>Chưa có khách hàng nào</translation>
    </message>
    <message>
        <source>Customers: %1+ (scroll for more)</source>
        <translation>Khách hàng: %1+ (cuộn để xem thêm)</translation>
    </message>
    <message>
        <source>Customers: %1</source>
        <translation>Khách hàng: %1</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Đã kết nối</translation>
    </message>
    <message>
        <source>Offline — %1</source>
        <translation>Mất kết nối — %1</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Đã lưu cài đặt</translation>
    </message>
    <message>
        <source>The new database settings are used the next time CallDesk starts: restart it to reconnect.</source>
        <translation>Cài đặt cơ sở dữ liệu mới sẽ được dùng từ lần khởi động CallDesk tiếp theo: hãy khởi động lại để kết nối lại.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Database password</source>
        <translation>Mật khẩu cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Password for the database</source>
        <translation>Mật khẩu của cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Server: %1
User: %2</source>
        <translation>Máy chủ: %1
Người dùng: %2</translation>
    </message>
    <message>
        <source>To keep the password in the system keyring, save it in File → Settings.</source>
        <translation>Để lưu mật khẩu vào kho khoá của hệ thống, hãy lưu trong Tệp → Cài đặt.</translation>
    </message>
    <message>
        <source>There is no system keyring on this computer, so CallDesk keeps the password only until it closes.</source>
        <translation>Máy tính này không có kho khoá hệ thống, nên CallDesk chỉ giữ mật khẩu cho đến khi đóng chương trình.</translation>
    </message>
    <message>
        <source>The server refused this password. Try again.</source>
        <translation>Máy chủ từ chối mật khẩu này. Hãy thử lại.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Kết nối</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>CallDesk settings</source>
        <translation>Cài đặt CallDesk</translation>
    </message>
    <message>
        <source>Database connection</source>
        <translation>Kết nối cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Leave the address empty to work on this computer alone. To share customers and tickets with other workstations, enter the central PostgreSQL server.</source>
        <translation>Để trống địa chỉ nếu chỉ làm việc trên máy này. Để dùng chung khách hàng và phiếu với các máy trạm khác, hãy nhập máy chủ PostgreSQL trung tâm.</translation>
    </message>
    <message>
        <source>Database address</source>
        <translation>Địa chỉ cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Empty: the embedded database on this computer</source>
        <translation>Để trống: dùng cơ sở dữ liệu tích hợp trên máy này</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Require an encrypted connection (TLS)</source>
        <translation>Bắt buộc kết nối mã hoá (TLS)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>A changed database is used the next time CallDesk starts.</source>
        <translation>Cơ sở dữ liệu mới sẽ được dùng từ lần khởi động CallDesk tiếp theo.</translation>
    </message>
    <message>
        <source>Kept in the system keyring (%1), never in the settings file.</source>
        <translation>Được lưu trong kho khoá hệ thống (%1), không bao giờ lưu trong tệp cài đặt.</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved password</source>
        <translation>Để trống để giữ mật khẩu đã lưu</translation>
    </message>
    <message>
        <source>No system keyring on this computer: the password will be asked each time</source>
        <translation>Máy tính này không có kho khoá hệ thống: mật khẩu sẽ được hỏi mỗi lần khởi động</translation>
    </message>
    <message>
        <source>Only used for “Test connection”</source>
        <translation>Chỉ dùng cho “Kiểm tra kết nối”</translation>
    </message>
    <message>
        <source>Embedded database: %1</source>
        <translation>Cơ sở dữ liệu tích hợp: %1</translation>
    </message>
    <message>
        <source>For example: postgresql://db.example.vn:5432/calldesk</source>
        <translation>Ví dụ: postgresql://db.example.vn:5432/calldesk</translation>
    </message>
    <message>
        <source>A database file on this computer.</source>
        <translation>Một tệp cơ sở dữ liệu trên máy này.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Đã kết nối: %1</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Không kết nối được: %1</translation>
    </message>
    <message>
        <source>Not a database address: %1</source>
        <translation>Không phải địa chỉ cơ sở dữ liệu: %1</translation>
    </message>
    <message>
        <source>The keyring refused the password: %1</source>
        <translation>Kho khoá từ chối lưu mật khẩu: %1</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Preparing the database…</source>
        <translation>Đang chuẩn bị cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>CallDesk cannot open the database</source>
        <translation>CallDesk không mở được cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Cài đặt…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Check that the database server is running and reachable, or change the connection in Settings.</source>
        <translation>Hãy kiểm tra máy chủ cơ sở dữ liệu đang chạy và truy cập được, hoặc đổi kết nối trong Cài đặt.</translation>
    </message>
</context>
</TS>
