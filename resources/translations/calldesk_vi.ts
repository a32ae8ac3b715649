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
    <name>AdminEditorDialog</name>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
</context>
<context>
    <name>AppMessages</name>
    <message>
        <source>a user name is required</source>
        <translation>Cần nhập tên đăng nhập</translation>
    </message>
    <message>
        <source>the password must have at least 6 characters</source>
        <translation>Mật khẩu phải có ít nhất 6 ký tự</translation>
    </message>
    <message>
        <source>unknown role %1</source>
        <translation>Không có vai trò %1</translation>
    </message>
    <message>
        <source>unknown role %1; one of %2</source>
        <translation>Không có vai trò %1; hãy chọn một trong: %2</translation>
    </message>
    <message>
        <source>an administrator already exists; log in instead</source>
        <translation>Đã có quản trị viên; hãy đăng nhập</translation>
    </message>
    <message>
        <source>no active user %1</source>
        <translation>Không có người dùng %1 đang hoạt động</translation>
    </message>
    <message>
        <source>no user %1</source>
        <translation>Không có người dùng %1</translation>
    </message>
    <message>
        <source>no such user</source>
        <translation>Không có người dùng này</translation>
    </message>
    <message>
        <source>%1 has not signed in on this workstation while the server answered (recently enough), so cannot sign in while it is unreachable</source>
        <translation>%1 chưa từng đăng nhập trên máy này khi máy chủ còn kết nối (hoặc đã quá lâu), nên không thể đăng nhập khi máy chủ không truy cập được</translation>
    </message>
    <message>
        <source>the user %1 already exists</source>
        <translation>Người dùng %1 đã tồn tại</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu</translation>
    </message>
    <message>
        <source>a %1 user needs a department</source>
        <translation>Người dùng có vai trò %1 cần thuộc một bộ phận</translation>
    </message>
    <message>
        <source>that user no longer exists</source>
        <translation>Người dùng này không còn tồn tại</translation>
    </message>
    <message>
        <source>%1 was changed by someone else meanwhile; reload</source>
        <translation>%1 vừa được người khác thay đổi; hãy tải lại</translation>
    </message>
    <message>
        <source>you cannot deactivate or demote yourself</source>
        <translation>Bạn không thể tự khoá tài khoản hoặc tự hạ quyền của chính mình</translation>
    </message>
    <message>
        <source>%1 (%2) may not %3</source>
        <translation>%1 (%2) không được phép %3</translation>
    </message>
    <message>
        <source>%1 may not %2: it belongs to another department</source>
        <translation>%1 không được phép %2: phiếu thuộc bộ phận khác</translation>
    </message>
    <message>
        <source>%1 may not open the %2 queue</source>
        <translation>%1 không được phép mở hàng đợi %2</translation>
    </message>
    <message>
        <source>status must be one of %1</source>
        <translation>Trạng thái phải là một trong: %1</translation>
    </message>
    <message>
        <source>no customer %1</source>
        <translation>Không có khách hàng %1</translation>
    </message>
    <message>
        <source>no customer %1 (give its id or external id)</source>
        <translation>Không có khách hàng %1 (hãy nhập mã khách hàng hoặc mã bên ngoài)</translation>
    </message>
    <message>
        <source>a customer needs a name</source>
        <translation>Khách hàng cần có tên</translation>
    </message>
    <message>
        <source>kind must be person or organization</source>
        <translation>Loại khách hàng phải là cá nhân hoặc tổ chức</translation>
    </message>
    <message>
        <source>tier must be one of %1</source>
        <translation>Hạng phải là một trong: %1</translation>
    </message>
    <message>
        <source>cannot edit %1</source>
        <translation>Không được sửa %1</translation>
    </message>
    <message>
        <source>this customer no longer exists</source>
        <translation>Khách hàng này không còn tồn tại</translation>
    </message>
    <message>
        <source>that customer no longer exists</source>
        <translation>Khách hàng này không còn tồn tại</translation>
    </message>
    <message>
        <source>the customer was changed by someone else meanwhile</source>
        <translation>Khách hàng vừa được người khác thay đổi</translation>
    </message>
    <message>
        <source>%1 was changed by someone else (you had version %2, it is now %3)</source>
        <translation>%1 vừa được người khác thay đổi (bạn đang xem phiên bản %2, hiện tại là phiên bản %3)</translation>
    </message>
    <message>
        <source>%1 is not a phone number, email or handle that can be stored</source>
        <translation>%1 không phải số điện thoại, email hay tài khoản mạng xã hội có thể lưu</translation>
    </message>
    <message>
        <source>a call needs a reference</source>
        <translation>Cuộc gọi cần có mã tham chiếu</translation>
    </message>
    <message>
        <source>that call is no longer in the log</source>
        <translation>Cuộc gọi này không còn trong nhật ký</translation>
    </message>
    <message>
        <source>the number of this call was withheld; there is nothing to attach</source>
        <translation>Cuộc gọi này ẩn số; không có số nào để gắn</translation>
    </message>
    <message>
        <source>a customer cannot be merged into itself</source>
        <translation>Không thể gộp một khách hàng vào chính nó</translation>
    </message>
    <message>
        <source>customer %1 was itself merged into %2</source>
        <translation>Khách hàng %1 cần giữ lại đã được gộp vào %2</translation>
    </message>
    <message>
        <source>customer %1 was already merged into %2</source>
        <translation>Khách hàng %1 đã được gộp vào %2 từ trước</translation>
    </message>
    <message>
        <source>one of the customers was changed at another workstation meanwhile; reload and merge again</source>
        <translation>Một trong hai khách hàng vừa được thay đổi ở máy khác; hãy tải lại rồi gộp lại</translation>
    </message>
    <message>
        <source>channel must be one of %1</source>
        <translation>Kênh phải là một trong: %1</translation>
    </message>
    <message>
        <source>direction must be inbound or outbound</source>
        <translation>Chiều liên hệ phải là gọi đến hoặc gọi đi</translation>
    </message>
    <message>
        <source>satisfaction is a rating from 1 to 5</source>
        <translation>Mức hài lòng là điểm từ 1 đến 5</translation>
    </message>
    <message>
        <source>an interaction cannot end before it starts</source>
        <translation>Tương tác không thể kết thúc trước khi bắt đầu</translation>
    </message>
    <message>
        <source>no ticket %1</source>
        <translation>Không có phiếu %1</translation>
    </message>
    <message>
        <source>not a ticket number: %1 (expected e.g. T-000123 or 123)</source>
        <translation>Không phải số phiếu: %1 (ví dụ đúng: T-000123 hoặc 123)</translation>
    </message>
    <message>
        <source>no category %1; known: %2</source>
        <translation>Không có danh mục %1; các danh mục hiện có: %2</translation>
    </message>
    <message>
        <source>no department with code %1</source>
        <translation>Không có bộ phận mã %1</translation>
    </message>
    <message>
        <source>kind must be one of %1</source>
        <translation>Loại phiếu phải là một trong: %1</translation>
    </message>
    <message>
        <source>priority must be one of %1</source>
        <translation>Mức ưu tiên phải là một trong: %1</translation>
    </message>
    <message>
        <source>a ticket needs a subject or a text</source>
        <translation>Phiếu cần có tiêu đề hoặc nội dung</translation>
    </message>
    <message>
        <source>ticket %1 was changed by someone else (you had version %2, it is now %3)</source>
        <translation>Phiếu %1 vừa được người khác thay đổi (bạn đang xem phiên bản %2, hiện tại là phiên bản %3)</translation>
    </message>
    <message>
        <source>an empty comment says nothing</source>
        <translation>Ghi chú đang trống, hãy nhập nội dung</translation>
    </message>
    <message>
        <source>a transfer needs a reason</source>
        <translation>Cần ghi lý do chuyển</translation>
    </message>
    <message>
        <source>unknown field %1; known: %2</source>
        <translation>Không có trường %1; các trường hợp lệ: %2</translation>
    </message>
    <message>
        <source>a %1 ticket cannot become %2</source>
        <translation>Phiếu ở trạng thái %1 không thể chuyển sang %2</translation>
    </message>
    <message>
        <source>ticket %1 is already with %2</source>
        <translation>Phiếu %1 đã ở bộ phận %2</translation>
    </message>
    <message>
        <source>a ticket cannot be merged into itself</source>
        <translation>Không thể gộp một phiếu vào chính nó</translation>
    </message>
    <message>
        <source>ticket %1 is already merged</source>
        <translation>Phiếu %1 đã được gộp</translation>
    </message>
    <message>
        <source>ticket %1 was merged into another one</source>
        <translation>Phiếu %1 đã được gộp vào phiếu khác</translation>
    </message>
    <message>
        <source>the ticket is not on the server (was its creation discarded?)</source>
        <translation>Phiếu không có trên máy chủ (có phải thao tác tạo phiếu đã bị hủy bỏ?)</translation>
    </message>
    <message>
        <source>this CallDesk does not know the operation %1</source>
        <translation>Phiên bản CallDesk này không biết thao tác %1</translation>
    </message>
    <message>
        <source>ticket %1 was merged into another one meanwhile</source>
        <translation>Trong lúc chờ, phiếu %1 đã được gộp vào phiếu khác</translation>
    </message>
    <message>
        <source>ticket %1 was %2 meanwhile</source>
        <translation>Trong lúc chờ, phiếu %1 đã chuyển sang trạng thái %2</translation>
    </message>
    <message>
        <source>this change waited longer than the server remembers applied changes, so it may have arrived already: check, enter it again if it is missing, and discard it</source>
        <translation>Thay đổi này đã chờ lâu hơn thời gian máy chủ lưu các thay đổi đã áp dụng, nên có thể nó đã tới máy chủ: hãy kiểm tra, nhập lại nếu còn thiếu, rồi hủy bỏ nó</translation>
    </message>
    <message>
        <source>a rule set needs at least the catch-all rule</source>
        <translation>Bộ quy tắc cần có ít nhất quy tắc chung</translation>
    </message>
    <message>
        <source>the last enabled rule must be a catch-all that names a department</source>
        <translation>Quy tắc cuối cùng đang bật phải là quy tắc chung và chỉ định một bộ phận</translation>
    </message>
    <message>
        <source>rule %1: unknown condition %2</source>
        <translation>Quy tắc %1: không có điều kiện %2</translation>
    </message>
    <message>
        <source>rule %1: unknown action %2</source>
        <translation>Quy tắc %1: không có hành động %2</translation>
    </message>
    <message>
        <source>rule %1: no department with code %2</source>
        <translation>Quy tắc %1: không có bộ phận mã %2</translation>
    </message>
    <message>
        <source>rule %1: no SLA policy named %2</source>
        <translation>Quy tắc %1: không có chính sách SLA tên %2</translation>
    </message>
    <message>
        <source>rule %1: priority must be one of %2</source>
        <translation>Quy tắc %1: mức ưu tiên phải là một trong: %2</translation>
    </message>
    <message>
        <source>rule %1: hours need from/to as HH:MM</source>
        <translation>Quy tắc %1: khung giờ cần có giờ bắt đầu/kết thúc dạng HH:MM</translation>
    </message>
    <message>
        <source>not a CallDesk routing rules file: %1</source>
        <translation>Không phải tệp quy tắc điều phối của CallDesk: %1</translation>
    </message>
    <message>
        <source>no SLA policy named %1</source>
        <translation>Không có chính sách SLA tên %1</translation>
    </message>
    <message>
        <source>SLA policy %1: the reopen window is 0 to 365 days</source>
        <translation>Chính sách SLA %1: thời hạn mở lại phải từ 0 đến 365 ngày</translation>
    </message>
    <message>
        <source>SLA policy %1: targets must be at least one minute</source>
        <translation>Chính sách SLA %1: chỉ tiêu thời gian phải ít nhất một phút</translation>
    </message>
    <message>
        <source>SLA policy %1: the first response cannot be due after the resolution</source>
        <translation>Chính sách SLA %1: hạn phản hồi đầu tiên không được sau hạn xử lý xong</translation>
    </message>
    <message>
        <source>SLA policy %1 was changed by someone else (you had version %2, it is now %3)</source>
        <translation>Chính sách SLA %1 vừa được người khác thay đổi (bạn đang xem phiên bản %2, hiện tại là phiên bản %3)</translation>
    </message>
    <message>
        <source>working hours %1: write them as HH:MM-HH:MM</source>
        <translation>Giờ làm việc %1: hãy viết theo dạng HH:MM-HH:MM</translation>
    </message>
    <message>
        <source>unknown time zone %1</source>
        <translation>Không có múi giờ %1</translation>
    </message>
    <message>
        <source>calendar %1: a calendar needs working hours on at least one day</source>
        <translation>Lịch làm việc %1: cần có giờ làm việc vào ít nhất một ngày</translation>
    </message>
    <message>
        <source>calendar %1: %2</source>
        <translation>Lịch làm việc %1: %2</translation>
    </message>
    <message>
        <source>no business calendar named %1</source>
        <translation>Không có lịch làm việc tên %1</translation>
    </message>
    <message>
        <source>calendar %1 was changed by someone else (you had version %2, it is now %3)</source>
        <translation>Lịch làm việc %1 vừa được người khác thay đổi (bạn đang xem phiên bản %2, hiện tại là phiên bản %3)</translation>
    </message>
    <message>
        <source>weekday %1 is not 0 (Monday) to 6 (Sunday)</source>
        <translation>Ngày trong tuần %1 không nằm trong khoảng 0 (thứ Hai) đến 6 (Chủ nhật)</translation>
    </message>
    <message>
        <source>working hours %1–%2 end before they start</source>
        <translation>Giờ làm việc %1–%2 kết thúc trước khi bắt đầu</translation>
    </message>
    <message>
        <source>working hours overlap on weekday %1</source>
        <translation>Giờ làm việc bị chồng lên nhau vào ngày %1 trong tuần</translation>
    </message>
    <message>
        <source>the calendar has no working hours in the next ten years</source>
        <translation>Lịch không có giờ làm việc nào trong mười năm tới</translation>
    </message>
    <message>
        <source>service-level seconds must be 1-3600, not %1</source>
        <translation>Số giây của mức phục vụ phải từ 1 đến 3600, không phải %1</translation>
    </message>
    <message>
        <source>service-level target must be between 0 and 1, not %1</source>
        <translation>Chỉ tiêu mức phục vụ phải từ 0 đến 1, không phải %1</translation>
    </message>
    <message>
        <source>short-abandon seconds must be 0-600, not %1</source>
        <translation>Số giây bỏ máy sớm phải từ 0 đến 600, không phải %1</translation>
    </message>
    <message>
        <source>FCR window must be 1-90 days, not %1</source>
        <translation>Khoảng thời gian tính FCR phải từ 1 đến 90 ngày, không phải %1</translation>
    </message>
    <message>
        <source>empty date</source>
        <translation>Chưa nhập ngày</translation>
    </message>
    <message>
        <source>%1 is not a date (2026-03-01) or a date-time (2026-03-01T08:00+07:00)</source>
        <translation>%1 không phải ngày (2026-03-01) hoặc ngày giờ (2026-03-01T08:00+07:00)</translation>
    </message>
    <message>
        <source>--to (%1) must be after --from (%2)</source>
        <translation>--to (%1) phải sau --from (%2)</translation>
    </message>
    <message>
        <source>after-call work cannot be negative</source>
        <translation>Thời gian xử lý sau cuộc gọi không được âm</translation>
    </message>
    <message>
        <source>that call is no longer in the list</source>
        <translation>Cuộc gọi này không còn trong danh sách</translation>
    </message>
    <message>
        <source>Asterisk AMI needs the agent&apos;s extension to follow</source>
        <translation>Asterisk AMI cần máy lẻ của điện thoại viên để theo dõi cuộc gọi</translation>
    </message>
    <message>
        <source>Asterisk AMI needs a user name</source>
        <translation>Asterisk AMI cần tên đăng nhập</translation>
    </message>
    <message>
        <source>no AMI secret: save it in the settings or set CALLDESK_AMI_SECRET</source>
        <translation>Chưa có mật khẩu AMI: hãy lưu trong phần cài đặt hoặc đặt biến CALLDESK_AMI_SECRET</translation>
    </message>
    <message>
        <source>the CTI webhook needs a token; set one in the settings</source>
        <translation>Webhook CTI cần mã truy cập; hãy đặt mã trong phần cài đặt</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>Không mở được cổng nghe tại %1:%2: %3</translation>
    </message>
    <message>
        <source>not a database URL: %1</source>
        <translation>Không phải địa chỉ cơ sở dữ liệu: %1</translation>
    </message>
    <message>
        <source>cannot use database %1: %2</source>
        <translation>Không dùng được cơ sở dữ liệu %1: %2</translation>
    </message>
    <message>
        <source>cannot reach the database at %1: %2</source>
        <translation>Không kết nối được cơ sở dữ liệu tại %1: %2</translation>
    </message>
    <message>
        <source>%1 is a folder, not a CSV file</source>
        <translation>%1 là thư mục, không phải tệp CSV</translation>
    </message>
    <message>
        <source>%1 is a folder; give a file name such as customers.csv</source>
        <translation>%1 là thư mục; hãy nhập tên tệp, ví dụ customers.csv</translation>
    </message>
    <message>
        <source>folder %1 does not exist</source>
        <translation>Thư mục %1 không tồn tại</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1: không có tệp này</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>Không đọc được %1: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <source>%1 is empty: it needs a header line and rows</source>
        <translation>%1 trống: tệp cần có dòng tiêu đề và các dòng dữ liệu</translation>
    </message>
    <message>
        <source>%1: line %2: not valid CSV: %3</source>
        <translation>%1: dòng %2: không phải CSV hợp lệ: %3</translation>
    </message>
    <message>
        <source>%1: column %2 appears twice in the header</source>
        <translation>%1: cột %2 xuất hiện hai lần trong dòng tiêu đề</translation>
    </message>
    <message>
        <source>%1: missing required column(s) %2; the first line must be a header such as %3</source>
        <translation>%1: thiếu cột bắt buộc %2; dòng đầu tiên phải là dòng tiêu đề, ví dụ %3</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text: line %2, byte %3 of the file (0x%4) can&apos;t be decoded; save it as &apos;CSV UTF-8&apos; and import again</source>
        <translation>%1 không phải văn bản UTF-8: không giải mã được dòng %2, byte %3 của tệp (0x%4); hãy lưu lại dưới dạng &apos;CSV UTF-8&apos; rồi nhập lại</translation>
    </message>
    <message>
        <source>--limit must be a positive number</source>
        <translation>--limit phải là số dương</translation>
    </message>
    <message>
        <source>%1 wants a date like 2026-11-30, not %2</source>
        <translation>%1 cần một ngày dạng 2026-11-30, không phải %2</translation>
    </message>
    <message>
        <source>--region %1 is not a two-letter country code such as VN or US</source>
        <translation>--region %1 không phải mã quốc gia hai chữ cái như VN hoặc US</translation>
    </message>
    <message>
        <source>no CTI source configured; pass --source baresip|webhook|ami</source>
        <translation>Chưa cấu hình nguồn CTI; hãy dùng --source baresip|webhook|ami</translation>
    </message>
    <message>
        <source>--agents must be between 1 and 1000</source>
        <translation>--agents phải từ 1 đến 1000</translation>
    </message>
    <message>
        <source>--calls-per-hour must be above 0 and at most 100000</source>
        <translation>--calls-per-hour phải lớn hơn 0 và không quá 100000</translation>
    </message>
    <message>
        <source>--minutes must be above 0 and at most a week</source>
        <translation>--minutes phải lớn hơn 0 và không quá một tuần</translation>
    </message>
    <message>
        <source>--speed cannot be negative</source>
        <translation>--speed không được âm</translation>
    </message>
    <message>
        <source>--port must be 0-65535</source>
        <translation>--port phải từ 0 đến 65535</translation>
    </message>
    <message>
        <source>--customers must be zero or more</source>
        <translation>--customers phải từ 0 trở lên</translation>
    </message>
    <message>
        <source>--exec must be the path of the calldesk executable</source>
        <translation>--exec phải là đường dẫn tới tệp chạy calldesk</translation>
    </message>
    <message>
        <source>desktop entries are for Linux desktops; see build/README.md for Windows</source>
        <translation>Mục desktop chỉ dành cho máy tính Linux; với Windows, xem build/README.md</translation>
    </message>
    <message>
        <source>--to must be after --from</source>
        <translation>--to phải sau --from</translation>
    </message>
    <message>
        <source>no subcommand given (see --help); start the GUI with `calldesk`</source>
        <translation>Chưa có lệnh con (xem --help); mở giao diện bằng lệnh `calldesk`</translation>
    </message>
    <message>
        <source>`calldesk open` needs the CallDesk window; run the calldesk executable</source>
        <translation>`calldesk open` cần cửa sổ CallDesk; hãy chạy tệp calldesk</translation>
    </message>
    <message>
        <source>the number in %1 is too long</source>
        <translation>Số điện thoại trong %1 quá dài</translation>
    </message>
    <message>
        <source>NUMBER is empty; pass the caller id (or &apos;anonymous&apos; when withheld)</source>
        <translation>NUMBER đang trống; hãy truyền số người gọi (hoặc &apos;anonymous&apos; khi ẩn số)</translation>
    </message>
    <message>
        <source>--%1 is longer than %2 characters</source>
        <translation>--%1 dài hơn %2 ký tự</translation>
    </message>
    <message>
        <source>the CallDesk window refused the call: %1</source>
        <translation>Cửa sổ CallDesk từ chối cuộc gọi: %1</translation>
    </message>
    <message>
        <source>stdin must be a JSON object such as {&quot;text&quot;: &quot;...&quot;}</source>
        <translation>stdin phải là một đối tượng JSON, ví dụ {&quot;text&quot;: &quot;...&quot;}</translation>
    </message>
    <message>
        <source>stdin is not JSON: %1</source>
        <translation>stdin không phải JSON: %1</translation>
    </message>
    <message>
        <source>the demo agents agent1... are missing or inactive</source>
        <translation>Không có các điện thoại viên demo agent1... hoặc họ đã bị khoá</translation>
    </message>
    <message>
        <source>demo customers of seed %1 are already in this database (e.g. %2); use another --seed or a fresh database</source>
        <translation>Cơ sở dữ liệu này đã có khách hàng demo của seed %1 (ví dụ %2); hãy dùng --seed khác hoặc một cơ sở dữ liệu mới</translation>
    </message>
    <message>
        <source>the number of customers must be zero or more</source>
        <translation>Số khách hàng phải từ 0 trở lên</translation>
    </message>
    <message>
        <source>the demo ran out of phone numbers with prefix 0%1</source>
        <translation>Dữ liệu demo đã hết số điện thoại có đầu số 0%1</translation>
    </message>
    <message>
        <source>look up customers</source>
        <translation>tra cứu khách hàng</translation>
    </message>
    <message>
        <source>change customer data</source>
        <translation>sửa dữ liệu khách hàng</translation>
    </message>
    <message>
        <source>merge customers</source>
        <translation>gộp khách hàng</translation>
    </message>
    <message>
        <source>export customers</source>
        <translation>xuất danh sách khách hàng</translation>
    </message>
    <message>
        <source>import customers</source>
        <translation>nhập danh sách khách hàng</translation>
    </message>
    <message>
        <source>log interactions</source>
        <translation>ghi nhận tương tác</translation>
    </message>
    <message>
        <source>create tickets</source>
        <translation>tạo phiếu</translation>
    </message>
    <message>
        <source>see this ticket</source>
        <translation>xem phiếu này</translation>
    </message>
    <message>
        <source>work this ticket</source>
        <translation>xử lý phiếu này</translation>
    </message>
    <message>
        <source>transfer this ticket</source>
        <translation>chuyển phiếu này</translation>
    </message>
    <message>
        <source>assign tickets</source>
        <translation>giao phiếu</translation>
    </message>
    <message>
        <source>change priorities, SLA policies or merge tickets</source>
        <translation>đổi mức ưu tiên, chính sách SLA hoặc gộp phiếu</translation>
    </message>
    <message>
        <source>see other departments&apos; queues</source>
        <translation>xem hàng đợi của bộ phận khác</translation>
    </message>
    <message>
        <source>run the escalation</source>
        <translation>chạy việc chuyển cấp trên</translation>
    </message>
    <message>
        <source>change routing rules</source>
        <translation>sửa quy tắc điều phối</translation>
    </message>
    <message>
        <source>change SLA policies and business hours</source>
        <translation>sửa chính sách SLA và giờ làm việc</translation>
    </message>
    <message>
        <source>see KPIs</source>
        <translation>xem các chỉ số KPI</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>xem nhật ký truy cập</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>quản lý người dùng</translation>
    </message>
    <message>
        <source>Address already in use</source>
        <translation>địa chỉ này đang được chương trình khác sử dụng</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>không có quyền truy cập</translation>
    </message>
    <message>
        <source>Cannot assign requested address</source>
        <translation>máy này không dùng được địa chỉ đó</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>không có tệp hoặc thư mục này</translation>
    </message>
    <message>
        <source>Only one usage of each socket address (protocol/network address/port) is normally permitted</source>
        <translation>địa chỉ này đang được chương trình khác sử dụng</translation>
    </message>
    <message>
        <source>An attempt was made to access a socket in a way forbidden by its access permissions</source>
        <translation>không có quyền dùng cổng này</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign a number</source>
        <translation>Gán số điện thoại</translation>
    </message>
    <message>
        <source>Whose number is %1?</source>
        <translation>Số %1 là của ai?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Gán</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký truy cập</translation>
    </message>
    <message>
        <source>Who viewed, changed, merged or exported customer data</source>
        <translation>Ai đã xem, sửa, gộp hoặc xuất dữ liệu khách hàng</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Customer id or external id</source>
        <translation>Mã khách hàng hoặc mã ngoài</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Mọi thao tác</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>No entries match</source>
        <translation>Không có mục nào khớp</translation>
    </message>
    <message>
        <source>Entries: %1+ (scroll for more)</source>
        <translation>Số mục: %1+ (cuộn để xem thêm)</translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation>Số mục: %1</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Viewed</source>
        <translation>Đã xem</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Đã sửa</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Đã tạo</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Đã gộp</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Đã xuất</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Đã nhập</translation>
    </message>
    <message>
        <source>User administration</source>
        <translation>Quản trị người dùng</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>When</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>(hệ thống)</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>khách hàng</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>danh sách khách hàng</translation>
    </message>
    <message>
        <source>ticket</source>
        <translation>phiếu</translation>
    </message>
    <message>
        <source>user</source>
        <translation>người dùng</translation>
    </message>
</context>
<context>
    <name>CallControls</name>
    <message>
        <source>Answer</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Gác máy</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Đang đổ chuông</translation>
    </message>
    <message>
        <source>On call · %1</source>
        <translation>Đang gọi · %1</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>Cuộc gọi nhỡ</translation>
    </message>
    <message>
        <source>Call ended · %1</source>
        <translation>Đã kết thúc · %1</translation>
    </message>
</context>
<context>
    <name>CallerLogModel</name>
    <message>
        <source>Withheld</source>
        <translation>Ẩn số</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>Người gọi chưa rõ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số gọi đến</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Call ID</source>
        <translation>Mã cuộc gọi</translation>
    </message>
</context>
<context>
    <name>CallerLogWindow</name>
    <message>
        <source>Caller log</source>
        <translation>Nhật ký cuộc gọi</translation>
    </message>
    <message>
        <source>Assign number to customer…</source>
        <translation>Gán số cho khách hàng…</translation>
    </message>
    <message>
        <source>No calls yet</source>
        <translation>Chưa có cuộc gọi nào</translation>
    </message>
    <message>
        <source>Calls: %1+ (scroll for more)</source>
        <translation>Cuộc gọi: %1+ (cuộn để xem thêm)</translation>
    </message>
    <message>
        <source>Calls: %1</source>
        <translation>Cuộc gọi: %1</translation>
    </message>
    <message>
        <source>The log could not be loaded: %1</source>
        <translation>Không tải được nhật ký: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Number assigned</source>
        <translation>Đã gán số</translation>
    </message>
    <message>
        <source>Not assigned: %1</source>
        <translation>Chưa gán được: %1</translation>
    </message>
</context>
<context>
    <name>CallsMenu</name>
    <message>
        <source>&amp;Calls</source>
        <translation>&amp;Cuộc gọi</translation>
    </message>
    <message>
        <source>Show the last &amp;caller&apos;s card</source>
        <translation>Xem thẻ &amp;người gọi gần nhất</translation>
    </message>
    <message>
        <source>Caller &amp;log…</source>
        <translation>&amp;Nhật ký cuộc gọi…</translation>
    </message>
    <message>
        <source>&amp;Missed calls…</source>
        <translation>Cuộc gọi &amp;nhỡ…</translation>
    </message>
    <message>
        <source>&amp;Duplicate customers…</source>
        <translation>Khách hàng &amp;trùng lặp…</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>The ticket was changed meanwhile</source>
        <translation>Phiếu đã bị thay đổi trong lúc bạn xem</translation>
    </message>
    <message>
        <source>Someone else changed %1</source>
        <translation>Người khác đã thay đổi %1</translation>
    </message>
    <message>
        <source>Your change: %1</source>
        <translation>Thay đổi của bạn: %1</translation>
    </message>
    <message>
        <source>What you saw (version %1)</source>
        <translation>Bạn đã xem (phiên bản %1)</translation>
    </message>
    <message>
        <source>Now (version %1)</source>
        <translation>Hiện tại (phiên bản %1)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Bộ phận</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Người phụ trách</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Thay đổi gần nhất</translation>
    </message>
    <message>
        <source>Log entries</source>
        <translation>Số mục nhật ký</translation>
    </message>
    <message>
        <source>Reload, drop my change</source>
        <translation>Tải lại, bỏ thay đổi của tôi</translation>
    </message>
    <message>
        <source>Apply my change to the new version</source>
        <translation>Áp dụng thay đổi của tôi lên phiên bản mới</translation>
    </message>
</context>
<context>
    <name>CtiSettingsPanel</name>
    <message>
        <source>Telephony</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Command only (calldesk pop from the softphone)</source>
        <translation>Chỉ lệnh (softphone chạy calldesk pop)</translation>
    </message>
    <message>
        <source>baresip softphone (control socket)</source>
        <translation>Softphone baresip (cổng điều khiển)</translation>
    </message>
    <message>
        <source>Phone system webhook (generic CTI)</source>
        <translation>Webhook của tổng đài (CTI chung)</translation>
    </message>
    <message>
        <source>Asterisk (AMI)</source>
        <translation>Asterisk (AMI)</translation>
    </message>
    <message>
        <source>Call events from</source>
        <translation>Sự kiện cuộc gọi từ</translation>
    </message>
    <message>
        <source>My extension</source>
        <translation>Máy lẻ của tôi</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Mã truy cập</translation>
    </message>
    <message>
        <source>AMI user</source>
        <translation>Người dùng AMI</translation>
    </message>
    <message>
        <source>AMI secret</source>
        <translation>Mật khẩu AMI</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Tạo mã</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved one</source>
        <translation>Để trống để giữ giá trị đã lưu</translation>
    </message>
    <message>
        <source>Empty: every call</source>
        <translation>Để trống: mọi cuộc gọi</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Lắng nghe trên</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Set the softphone to run “calldesk pop %N” on an incoming call (%N: the caller&apos;s number, in the softphone&apos;s own notation).</source>
        <translation>Đặt softphone chạy “calldesk pop %N” khi có cuộc gọi đến (%N: số người gọi, theo cách ghi của softphone).</translation>
    </message>
    <message>
        <source>Load baresip&apos;s ctrl_tcp module (ctrl_tcp_listen 127.0.0.1:4444). The card gets Answer and Hang up; CallDesk reconnects when the softphone restarts.</source>
        <translation>Nạp mô-đun ctrl_tcp của baresip (ctrl_tcp_listen 127.0.0.1:4444). Thẻ khách hàng có nút Trả lời và Gác máy; CallDesk tự kết nối lại khi softphone khởi động lại.</translation>
    </message>
    <message>
        <source>Point the phone system at %1 with the token.</source>
        <translation>Cấu hình tổng đài gửi sự kiện tới %1 kèm mã truy cập.</translation>
    </message>
    <message>
        <source>Follows the calls that ring your extension.</source>
        <translation>Theo dõi các cuộc gọi đổ chuông tới máy lẻ của bạn.</translation>
    </message>
    <message>
        <source>No system keyring: set CALLDESK_CTI_TOKEN / CALLDESK_AMI_SECRET instead.</source>
        <translation>Máy không có kho khóa hệ thống: hãy đặt CALLDESK_CTI_TOKEN / CALLDESK_AMI_SECRET thay thế.</translation>
    </message>
    <message>
        <source>Changes take effect the next time CallDesk starts.</source>
        <translation>Thay đổi có hiệu lực từ lần khởi động CallDesk tiếp theo.</translation>
    </message>
</context>
<context>
    <name>CtiStatusLabel</name>
    <message>
        <source>Phone: %1</source>
        <translation>Điện thoại: %1</translation>
    </message>
    <message>
        <source>Phone connected</source>
        <translation>Điện thoại đã kết nối</translation>
    </message>
    <message>
        <source>Phone: listening</source>
        <translation>Điện thoại: đang lắng nghe</translation>
    </message>
    <message>
        <source>Phone not connected</source>
        <translation>Điện thoại chưa kết nối</translation>
    </message>
</context>
<context>
    <name>CustomerCardView</name>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Last contact per channel</source>
        <translation>Liên hệ gần nhất theo kênh</translation>
    </message>
    <message>
        <source>No contact with this customer yet.</source>
        <translation>Chưa liên hệ với khách hàng này.</translation>
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
        <source>Last purchase</source>
        <translation>Lần mua gần nhất</translation>
    </message>
    <message>
        <source>Possible duplicate: %1 (%2). Press M to compare and merge.</source>
        <translation>Có thể trùng: %1 (%2). Nhấn M để so sánh và gộp.</translation>
    </message>
    <message>
        <source>Value segment (recency, frequency, money): %1</source>
        <translation>Phân khúc giá trị (gần đây, tần suất, chi tiêu): %1</translation>
    </message>
    <message>
        <source>Customer ID %1</source>
        <translation>Mã khách hàng %1</translation>
    </message>
    <message>
        <source>Works at %1</source>
        <translation>Làm việc tại %1</translation>
    </message>
    <message>
        <source>Contacts: %1</source>
        <translation>Người liên hệ: %1</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>và %1 người khác</translation>
    </message>
    <message>
        <source>No contact people on file</source>
        <translation>Chưa có người liên hệ</translation>
    </message>
    <message>
        <source>Merged record: showing the kept customer</source>
        <translation>Hồ sơ đã gộp: đang hiện hồ sơ được giữ</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa mua</translation>
    </message>
    <message>
        <source>Overdue by %1</source>
        <translation>Quá hạn %1</translation>
    </message>
    <message>
        <source>due in %1</source>
        <translation>còn %1</translation>
    </message>
    <message>
        <source>Open tickets (%1)</source>
        <translation>Phiếu đang mở (%1)</translation>
    </message>
    <message>
        <source>%1 contacts on this channel</source>
        <translation>%1 lần liên hệ qua kênh này</translation>
    </message>
</context>
<context>
    <name>CustomerConflictDialog</name>
    <message>
        <source>The customer was changed meanwhile</source>
        <translation>Khách hàng đã bị thay đổi trong lúc bạn sửa</translation>
    </message>
    <message>
        <source>Someone else changed %1</source>
        <translation>Người khác đã thay đổi %1</translation>
    </message>
    <message>
        <source>Keep what is there now, or save your version over it.</source>
        <translation>Giữ bản hiện có, hoặc lưu bản của bạn đè lên.</translation>
    </message>
    <message>
        <source>What you saw (version %1)</source>
        <translation>Bạn đã xem (phiên bản %1)</translation>
    </message>
    <message>
        <source>Your change</source>
        <translation>Thay đổi của bạn</translation>
    </message>
    <message>
        <source>Now (version %1)</source>
        <translation>Hiện tại (phiên bản %1)</translation>
    </message>
    <message>
        <source>Keep theirs, drop my change</source>
        <translation>Giữ bản của họ, bỏ thay đổi của tôi</translation>
    </message>
    <message>
        <source>Save my version over theirs</source>
        <translation>Lưu bản của tôi đè lên bản của họ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
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
        <source>Edit name, tier, warning and notes</source>
        <translation>Sửa tên, hạng, cảnh báo và ghi chú</translation>
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
        <source>Log interaction</source>
        <translation>Ghi nhận tương tác</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>Phiếu mới</translation>
    </message>
    <message>
        <source>File complaint</source>
        <translation>Ghi nhận khiếu nại</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sửa</translation>
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
        <source>Open the ticket</source>
        <translation>Mở phiếu</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Quá hạn từ %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Hạn xử lý %1</translation>
    </message>
</context>
<context>
    <name>CustomerEditDialog</name>
    <message>
        <source>Edit customer</source>
        <translation>Sửa thông tin khách hàng</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Shown in red on the card and the pop</source>
        <translation>Hiện màu đỏ trên thẻ khách hàng và cửa sổ cuộc gọi</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Hạng</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
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
        <source>Someone else just saved this customer. Saving will show you both versions.</source>
        <translation>Người khác vừa lưu khách hàng này. Khi lưu, bạn sẽ thấy cả hai phiên bản.</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>Khách hàng này không còn tồn tại.</translation>
    </message>
    <message>
        <source>Reloaded: this is the customer as saved by the other workstation.</source>
        <translation>Đã tải lại: đây là thông tin khách hàng do máy khác vừa lưu.</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Search name, phone, email or customer number</source>
        <translation>Tìm tên, số điện thoại, email hoặc mã khách hàng</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>First %1 customers; type more to narrow down</source>
        <translation>%1 khách hàng đầu tiên; gõ thêm để thu hẹp</translation>
    </message>
    <message>
        <source>Customers found: %1</source>
        <translation>Tìm thấy %1 khách hàng</translation>
    </message>
    <message>
        <source>No customer matches this search</source>
        <translation>Không có khách hàng nào khớp</translation>
    </message>
    <message>
        <source>Type a name, phone number or customer number</source>
        <translation>Gõ tên, số điện thoại hoặc mã khách hàng</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Tìm kiếm thất bại: %1</translation>
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
    <name>DuplicatesModel</name>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Shared value</source>
        <translation>Giá trị trùng</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Khách hàng</translation>
    </message>
</context>
<context>
    <name>DuplicatesWindow</name>
    <message>
        <source>Duplicate customers</source>
        <translation>Khách hàng trùng lặp</translation>
    </message>
    <message>
        <source>Compare and merge…</source>
        <translation>So sánh và gộp…</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation>Không tải được danh sách: %1</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Đang tìm bản trùng…</translation>
    </message>
    <message>
        <source>No duplicates found</source>
        <translation>Không có bản trùng</translation>
    </message>
    <message>
        <source>Possible duplicates: %1</source>
        <translation>Có thể trùng: %1</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>Ticket created · %1 · %2</source>
        <translation>Tạo phiếu · %1 · %2</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Ghi chú nội bộ</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>Phản hồi khách hàng</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Trạng thái: %1 → %2</translation>
    </message>
    <message>
        <source>reopened: the customer contacted again</source>
        <translation>mở lại: khách hàng liên hệ lại</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Bỏ phân công</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>Phân công cho %1</translation>
    </message>
    <message>
        <source>Routed to %1 · no rule matched, fallback desk</source>
        <translation>Chuyển đến %1 · không có quy tắc phù hợp, bộ phận dự phòng</translation>
    </message>
    <message>
        <source>Routed to %1 by rule “%2”</source>
        <translation>Chuyển đến %1 theo quy tắc “%2”</translation>
    </message>
    <message>
        <source>Because %1</source>
        <translation>Vì %1</translation>
    </message>
    <message>
        <source>SLA policy: %1</source>
        <translation>Chính sách SLA: %1</translation>
    </message>
    <message>
        <source>Transferred: %1 → %2</source>
        <translation>Chuyển tiếp: %1 → %2</translation>
    </message>
    <message>
        <source>SLA policy: %1 → %2</source>
        <translation>Chính sách SLA: %1 → %2</translation>
    </message>
    <message>
        <source>Priority: %1 → %2</source>
        <translation>Mức ưu tiên: %1 → %2</translation>
    </message>
    <message>
        <source>first response</source>
        <translation>phản hồi đầu tiên</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>xử lý xong</translation>
    </message>
    <message>
        <source>SLA breached: the %1 deadline passed</source>
        <translation>Vi phạm SLA: đã quá hạn %1</translation>
    </message>
    <message>
        <source>Priority raised: %1 → %2</source>
        <translation>Nâng mức ưu tiên: %1 → %2</translation>
    </message>
    <message>
        <source>Notified: %1</source>
        <translation>Đã báo cho: %1</translation>
    </message>
    <message>
        <source>Reassigned to %1</source>
        <translation>Phân công lại cho %1</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Đã chuyển cấp trên</translation>
    </message>
    <message>
        <source>Merged into %1</source>
        <translation>Đã gộp vào %1</translation>
    </message>
    <message>
        <source>Merged %1 into this ticket</source>
        <translation>Đã gộp %1 vào phiếu này</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Đã gộp</translation>
    </message>
    <message>
        <source>Nothing logged yet.</source>
        <translation>Chưa có mục nào trong nhật ký.</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Lý do:</translation>
    </message>
    <message>
        <source>CallDesk (automatic)</source>
        <translation>CallDesk (tự động)</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
</context>
<context>
    <name>Kpi</name>
    <message>
        <source>All queues</source>
        <translation>Tất cả hàng chờ</translation>
    </message>
    <message>
        <source>Agents: %1</source>
        <translation>Nhân viên: %1</translation>
    </message>
    <message>
        <source>%1 logged in</source>
        <translation>%1 đang đăng nhập</translation>
    </message>
    <message>
        <source>%1: waiting</source>
        <translation>%1: đang chờ</translation>
    </message>
    <message>
        <source>offered today %1</source>
        <translation>hôm nay %1 cuộc gọi đến</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Chờ lâu nhất</translation>
    </message>
    <message>
        <source>target %1 s</source>
        <translation>mục tiêu %1 giây</translation>
    </message>
    <message>
        <source>Service level today</source>
        <translation>Mức phục vụ hôm nay</translation>
    </message>
    <message>
        <source>target %1 in %2 s</source>
        <translation>mục tiêu %1 trong %2 giây</translation>
    </message>
    <message>
        <source>ASA today</source>
        <translation>ASA hôm nay</translation>
    </message>
    <message>
        <source>answered %1</source>
        <translation>đã trả lời %1</translation>
    </message>
    <message>
        <source>Abandoned today</source>
        <translation>Bỏ máy hôm nay</translation>
    </message>
    <message>
        <source>%1 of offered</source>
        <translation>%1 số cuộc gọi đến</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Khoảng thời gian</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Cuộc gọi đến</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Đã trả lời</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Bỏ máy</translation>
    </message>
    <message>
        <source>Short abandons</source>
        <translation>Bỏ máy sớm</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Mức phục vụ</translation>
    </message>
    <message>
        <source>ASA</source>
        <translation>ASA</translation>
    </message>
    <message>
        <source>AHT</source>
        <translation>AHT</translation>
    </message>
    <message>
        <source>Abandonment</source>
        <translation>Tỷ lệ bỏ máy</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Nhân viên</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Bộ phận</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>Tỷ lệ bận</translation>
    </message>
    <message>
        <source>FCR</source>
        <translation>FCR</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Đang mở</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Average resolution</source>
        <translation>Thời gian giải quyết TB</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>Tuân thủ SLA</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Phân khúc</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Average value</source>
        <translation>Giá trị trung bình</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Khiếu nại</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Lượt liên hệ</translation>
    </message>
    <message>
        <source>Complaint rate</source>
        <translation>Tỷ lệ khiếu nại</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Hoạt động</translation>
    </message>
    <message>
        <source>Active the month before</source>
        <translation>Hoạt động tháng trước</translation>
    </message>
    <message>
        <source>Retained</source>
        <translation>Giữ chân</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Tỷ lệ giữ chân</translation>
    </message>
    <message>
        <source>Churn</source>
        <translation>Tỷ lệ rời bỏ</translation>
    </message>
    <message>
        <source>Forecast calls</source>
        <translation>Cuộc gọi dự báo</translation>
    </message>
    <message>
        <source>Erlangs</source>
        <translation>Erlang</translation>
    </message>
    <message>
        <source>Agents needed</source>
        <translation>Nhân viên cần</translation>
    </message>
    <message>
        <source>Agents logged in</source>
        <translation>Nhân viên đăng nhập</translation>
    </message>
    <message>
        <source>Calls offered</source>
        <translation>Cuộc gọi đến</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>On call</source>
        <translation>Đang gọi</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Hoàn tất cuộc gọi</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>(no queue)</source>
        <translation>(không có hàng chờ)</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>Khách hàng xuất sắc</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>Trung thành</translation>
    </message>
    <message>
        <source>Potential loyalists</source>
        <translation>Tiềm năng trung thành</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>Khách hàng mới</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Cần quan tâm</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Có nguy cơ</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>Ngủ đông</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Đã mất</translation>
    </message>
    <message>
        <source>No orders</source>
        <translation>Chưa mua hàng</translation>
    </message>
</context>
<context>
    <name>KpiPanel</name>
    <message>
        <source>Live</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>Wallboard</source>
        <translation>Bảng treo tường</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Nhóm theo</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Hàng chờ</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Tất cả hàng chờ</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>Xuất bảng…</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Xuất biểu đồ…</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Cuộc gọi</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Nhân viên</translation>
    </message>
    <message>
        <source>Service and departments</source>
        <translation>Dịch vụ và bộ phận</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation>Nhân sự</translation>
    </message>
    <message>
        <source>Calls offered</source>
        <translation>Cuộc gọi đến</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>Mức phục vụ</translation>
    </message>
    <message>
        <source>Average handle time (s)</source>
        <translation>Thời gian xử lý trung bình (giây)</translation>
    </message>
    <message>
        <source>Abandonment</source>
        <translation>Tỷ lệ bỏ máy</translation>
    </message>
    <message>
        <source>SLA compliance by department</source>
        <translation>Tuân thủ SLA theo bộ phận</translation>
    </message>
    <message>
        <source>Complaint rate</source>
        <translation>Tỷ lệ khiếu nại</translation>
    </message>
    <message>
        <source>Customer satisfaction (CSAT)</source>
        <translation>Mức hài lòng của khách (CSAT)</translation>
    </message>
    <message>
        <source>Customers per RFM segment</source>
        <translation>Khách hàng theo phân khúc RFM</translation>
    </message>
    <message>
        <source>Complaint rate by segment</source>
        <translation>Tỷ lệ khiếu nại theo phân khúc</translation>
    </message>
    <message>
        <source>Retention by month</source>
        <translation>Tỷ lệ giữ chân theo tháng</translation>
    </message>
    <message>
        <source>Agents needed (Erlang C) and logged in</source>
        <translation>Nhân viên cần (Erlang C) và đang đăng nhập</translation>
    </message>
    <message>
        <source>Forecast: the same half hour on the same weekday over the last 4 weeks. Agents needed meet %1 of calls answered within %2 s.</source>
        <translation>Dự báo: cùng nửa giờ, cùng thứ trong 4 tuần qua. Số nhân viên cần đạt %1 cuộc gọi được trả lời trong %2 giây.</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>cập nhật lúc %1</translation>
    </message>
    <message>
        <source>live figures unavailable: %1</source>
        <translation>không lấy được số liệu trực tiếp: %1</translation>
    </message>
    <message>
        <source>could not load figures: %1</source>
        <translation>không tải được số liệu: %1</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Cuộc gọi đến</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Đã trả lời</translation>
    </message>
    <message>
        <source>AHT</source>
        <translation>AHT</translation>
    </message>
    <message>
        <source>ASA</source>
        <translation>ASA</translation>
    </message>
    <message>
        <source>%1 offered</source>
        <translation>%1 cuộc gọi đến</translation>
    </message>
    <message>
        <source>%1 answered</source>
        <translation>%1 đã trả lời</translation>
    </message>
    <message>
        <source>%1 handled</source>
        <translation>%1 đã xử lý</translation>
    </message>
    <message>
        <source>%1 short abandons</source>
        <translation>%1 bỏ máy sớm</translation>
    </message>
    <message>
        <source>FCR</source>
        <translation>FCR</translation>
    </message>
    <message>
        <source>%1 resolved</source>
        <translation>%1 đã giải quyết</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>Tuân thủ SLA</translation>
    </message>
    <message>
        <source>%1 deadlines</source>
        <translation>%1 hạn xử lý</translation>
    </message>
    <message>
        <source>%1 complaints</source>
        <translation>%1 khiếu nại</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>%1 ratings</source>
        <translation>%1 đánh giá</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Tỷ lệ giữ chân</translation>
    </message>
    <message>
        <source>Churn</source>
        <translation>Tỷ lệ rời bỏ</translation>
    </message>
    <message>
        <source>Agents needed</source>
        <translation>Nhân viên cần</translation>
    </message>
    <message>
        <source>Agents logged in</source>
        <translation>Nhân viên đăng nhập</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Xuất bảng</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Xuất biểu đồ</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
</context>
<context>
    <name>KpiSettingsDialog</name>
    <message>
        <source>KPI settings</source>
        <translation>Cài đặt KPI</translation>
    </message>
    <message>
        <source>Service level: answered within (s)</source>
        <translation>Mức phục vụ: trả lời trong (giây)</translation>
    </message>
    <message>
        <source>Service-level target</source>
        <translation>Mục tiêu mức phục vụ</translation>
    </message>
    <message>
        <source>Short abandon: hung up within (s)</source>
        <translation>Bỏ máy sớm: gác máy trong (giây)</translation>
    </message>
    <message>
        <source>FCR: no repeat contact within (days)</source>
        <translation>FCR: không liên hệ lại trong (ngày)</translation>
    </message>
    <message>
        <source>Business time zone</source>
        <translation>Múi giờ làm việc</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Không lưu được: %1</translation>
    </message>
</context>
<context>
    <name>KpiWorkspace</name>
    <message>
        <source>KPIs</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>&amp;KPIs</source>
        <translation>&amp;KPI</translation>
    </message>
    <message>
        <source>&amp;KPI panel</source>
        <translation>Bảng &amp;KPI</translation>
    </message>
    <message>
        <source>&amp;Wallboard</source>
        <translation>Bảng &amp;treo tường</translation>
    </message>
    <message>
        <source>KPI &amp;settings…</source>
        <translation>&amp;Cài đặt KPI…</translation>
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
    <message>
        <source>Available</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>On a call</source>
        <translation>Đang gọi</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Hoàn tất cuộc gọi</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Vắng mặt</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
</context>
<context>
    <name>ListWindow</name>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
</context>
<context>
    <name>LogInteractionDialog</name>
    <message>
        <source>Log interaction</source>
        <translation>Ghi nhận tương tác</translation>
    </message>
    <message>
        <source>Unknown caller — not linked to a customer</source>
        <translation>Người gọi chưa xác định — chưa gắn với khách hàng</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Khách hàng: %1</translation>
    </message>
    <message>
        <source>Loading the customer…</source>
        <translation>Đang tải khách hàng…</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>Cuộc gọi %1</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Chiều</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Tóm tắt</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Mức hài lòng</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Phiếu</translation>
    </message>
    <message>
        <source>What did the customer want, what was done?</source>
        <translation>Khách hàng cần gì, đã xử lý thế nào?</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Chưa hỏi</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 trên 5</translation>
    </message>
    <message>
        <source>No ticket (or type a number)</source>
        <translation>Không có phiếu (hoặc nhập số phiếu)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Write a short summary or choose a wrap-up code.</source>
        <translation>Hãy viết tóm tắt ngắn hoặc chọn kết quả cuộc gọi.</translation>
    </message>
    <message>
        <source>“%1” is not a ticket number.</source>
        <translation>“%1” không phải là số phiếu.</translation>
    </message>
    <message>
        <source>Saved. The customer contacted us again soon after a resolution, so %1 was reopened and is back in its queue.</source>
        <translation>Đã lưu. Khách hàng liên hệ lại ngay sau khi phiếu được xử lý xong, nên %1 đã được mở lại và trở về hàng đợi.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
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
        <source>The server cannot be reached. If you have signed in on this workstation before, you can sign in and work offline: your changes are sent when the server is back.</source>
        <translation>Không kết nối được máy chủ. Nếu bạn đã từng đăng nhập trên máy này, bạn vẫn có thể đăng nhập và làm việc ngoại tuyến: các thay đổi sẽ được gửi khi máy chủ hoạt động trở lại.</translation>
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
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
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
        <source>The server cannot be reached, and “%1” has not signed in on this workstation recently: signing in needs the server this time.</source>
        <translation>Không kết nối được máy chủ, và “%1” chưa đăng nhập trên máy này gần đây: lần này cần có máy chủ để đăng nhập.</translation>
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
        <source>Customers</source>
        <translation>Khách hàng</translation>
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
    <name>MergeDialog</name>
    <message>
        <source>Merge customers</source>
        <translation>Gộp khách hàng</translation>
    </message>
    <message>
        <source>Merge duplicate customers</source>
        <translation>Gộp hồ sơ khách hàng trùng</translation>
    </message>
    <message>
        <source>Choose the record to keep. Everything the other one holds — contacts, orders, interactions, tickets and calls — moves to it, and the other record remains only as a pointer to the kept one.</source>
        <translation>Chọn hồ sơ cần giữ. Mọi thứ của hồ sơ kia — liên hệ, đơn hàng, tương tác, phiếu và cuộc gọi — được chuyển sang hồ sơ này; hồ sơ kia chỉ còn là đường dẫn tới hồ sơ được giữ.</translation>
    </message>
    <message>
        <source>Keep this record</source>
        <translation>Giữ hồ sơ này</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Gộp</translation>
    </message>
    <message>
        <source>One of these customers no longer exists.</source>
        <translation>Một trong hai khách hàng không còn tồn tại.</translation>
    </message>
    <message>
        <source>These records were already merged.</source>
        <translation>Hai hồ sơ này đã được gộp.</translation>
    </message>
    <message>
        <source>Not merged: %1</source>
        <translation>Chưa gộp được: %1</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Customer ID %1</source>
        <translation>Mã khách hàng %1</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Liên hệ</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Orders: %1 (%2)</source>
        <translation>Đơn hàng: %1 (%2)</translation>
    </message>
    <message>
        <source>Open tickets: %1</source>
        <translation>Phiếu đang mở: %1</translation>
    </message>
    <message>
        <source>Recent interactions: %1</source>
        <translation>Tương tác gần đây: %1</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Đang gộp…</translation>
    </message>
</context>
<context>
    <name>MissedCallsModel</name>
    <message>
        <source>Unknown caller</source>
        <translation>Người gọi chưa rõ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số máy</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Hàng đợi</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Đã chờ</translation>
    </message>
</context>
<context>
    <name>MissedCallsWindow</name>
    <message>
        <source>Missed calls</source>
        <translation>Cuộc gọi nhỡ</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Gọi lại</translation>
    </message>
    <message>
        <source>Copy number, mark called</source>
        <translation>Chép số, đánh dấu đã gọi</translation>
    </message>
    <message>
        <source>No missed calls to return</source>
        <translation>Không còn cuộc gọi nhỡ cần gọi lại</translation>
    </message>
    <message>
        <source>Missed calls: %1+</source>
        <translation>Cuộc gọi nhỡ: %1+</translation>
    </message>
    <message>
        <source>Missed calls: %1</source>
        <translation>Cuộc gọi nhỡ: %1</translation>
    </message>
    <message>
        <source>The list could not be loaded: %1</source>
        <translation>Không tải được danh sách: %1</translation>
    </message>
    <message>
        <source>The softphone is not connected; nothing was dialled</source>
        <translation>Softphone chưa kết nối; chưa quay số nào</translation>
    </message>
    <message>
        <source>Calling %1…</source>
        <translation>Đang gọi %1…</translation>
    </message>
    <message>
        <source>%1 copied: dial it on your phone</source>
        <translation>Đã chép %1: hãy quay số trên điện thoại của bạn</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Chưa lưu được: %1</translation>
    </message>
</context>
<context>
    <name>MyWorkPanel</name>
    <message>
        <source>Your tickets could not be loaded: %1</source>
        <translation>Không tải được phiếu của bạn: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>Nothing assigned to you right now</source>
        <translation>Hiện chưa có phiếu nào giao cho bạn</translation>
    </message>
    <message>
        <source>Assigned to you: %1</source>
        <translation>Giao cho bạn: %1</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Subcategory</source>
        <translation>Danh mục con</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Mô tả</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Nhà cung cấp</translation>
    </message>
    <message>
        <source>One line; taken from the description if empty</source>
        <translation>Một dòng; để trống thì lấy từ mô tả</translation>
    </message>
    <message>
        <source>What happened, in the customer&apos;s words</source>
        <translation>Chuyện gì đã xảy ra, theo lời khách hàng</translation>
    </message>
    <message>
        <source>Optional: the product concerned</source>
        <translation>Không bắt buộc: sản phẩm liên quan</translation>
    </message>
    <message>
        <source>ROUTING</source>
        <translation>ĐIỀU PHỐI</translation>
    </message>
    <message>
        <source>File complaint</source>
        <translation>Ghi nhận khiếu nại</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>Phiếu mới</translation>
    </message>
    <message>
        <source>Create ticket</source>
        <translation>Tạo phiếu</translation>
    </message>
    <message>
        <source>No customer linked</source>
        <translation>Chưa gắn khách hàng</translation>
    </message>
    <message>
        <source>Loading the customer…</source>
        <translation>Đang tải khách hàng…</translation>
    </message>
    <message>
        <source>— not chosen —</source>
        <translation>— chưa chọn —</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— không có —</translation>
    </message>
    <message>
        <source>Working out where this goes…</source>
        <translation>Đang xác định nơi xử lý…</translation>
    </message>
    <message>
        <source>no routing rule matched: the fallback desk</source>
        <translation>không có quy tắc điều phối phù hợp: bộ phận dự phòng</translation>
    </message>
    <message>
        <source>because %1</source>
        <translation>vì %1</translation>
    </message>
    <message>
        <source>Write a subject or a description.</source>
        <translation>Hãy nhập tiêu đề hoặc mô tả.</translation>
    </message>
</context>
<context>
    <name>Offline</name>
    <message>
        <source>Logged contact</source>
        <translation>Liên hệ đã ghi</translation>
    </message>
    <message>
        <source>New ticket</source>
        <translation>Phiếu mới</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Bình luận</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>Đổi trạng thái</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Khách hàng mới</translation>
    </message>
    <message>
        <source>Number attached</source>
        <translation>Đã gắn số</translation>
    </message>
    <message>
        <source>Call recorded</source>
        <translation>Đã ghi cuộc gọi</translation>
    </message>
    <message>
        <source>Phone event</source>
        <translation>Sự kiện cuộc gọi</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>This change waited longer than the server remembers sent changes, so it may have arrived already: check, enter it again if it is missing, then discard it.</source>
        <translation>Thay đổi này đã chờ lâu hơn thời gian máy chủ lưu các thay đổi đã gửi, nên có thể nó đã đến máy chủ rồi: hãy kiểm tra, nhập lại nếu còn thiếu, rồi bỏ nó đi.</translation>
    </message>
    <message>
        <source>Back online — sending %1 changes…</source>
        <translation>Đã kết nối lại — đang gửi %1 thay đổi…</translation>
    </message>
    <message>
        <source>Offline — %1 changes waiting</source>
        <translation>Mất kết nối — %1 thay đổi đang chờ</translation>
    </message>
    <message>
        <source>%1 changes need you</source>
        <translation>%1 thay đổi cần bạn xử lý</translation>
    </message>
    <message>
        <source>Ticket %1 saved offline; it gets its number when the server is back</source>
        <translation>Phiếu %1 đã lưu khi mất kết nối; phiếu sẽ có số khi máy chủ hoạt động lại</translation>
    </message>
    <message>
        <source>Offline · created on this workstation, not on the server yet</source>
        <translation>Mất kết nối · tạo trên máy này, chưa có trên máy chủ</translation>
    </message>
    <message>
        <source>Offline · saved copy · open tickets: %1, complaints: %2</source>
        <translation>Mất kết nối · bản lưu · phiếu đang mở: %1, khiếu nại: %2</translation>
    </message>
    <message>
        <source>Offline · %1 (saved copy)</source>
        <translation>Mất kết nối · %1 (bản lưu)</translation>
    </message>
</context>
<context>
    <name>OfflineMode</name>
    <message>
        <source>Changes the server refused: retry or discard them</source>
        <translation>Các thay đổi máy chủ đã từ chối: thử lại hoặc hủy bỏ</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>When</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
</context>
<context>
    <name>OutboxWindow</name>
    <message>
        <source>Changes waiting for the server</source>
        <translation>Các thay đổi đang chờ máy chủ</translation>
    </message>
    <message>
        <source>Changes made while the server could not be reached are sent in order when it is back. The server refused the ones marked Conflict or Failed: retry one to send it again as the record is now, or discard it.</source>
        <translation>Các thay đổi thực hiện khi không kết nối được máy chủ sẽ được gửi theo thứ tự khi máy chủ hoạt động lại. Máy chủ đã từ chối các mục đánh dấu Xung đột hoặc Thất bại: thử lại để gửi lại theo dữ liệu hiện tại, hoặc hủy bỏ.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Thử lại</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Hủy bỏ…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>%1 waiting, %2 refused</source>
        <translation>%1 đang chờ, %2 bị từ chối</translation>
    </message>
    <message>
        <source>Discard this change?</source>
        <translation>Hủy bỏ thay đổi này?</translation>
    </message>
    <message>
        <source>“%1: %2” will never reach the server. This cannot be undone.</source>
        <translation>“%1: %2” sẽ không bao giờ được gửi tới máy chủ. Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Giữ lại</translation>
    </message>
</context>
<context>
    <name>PagedListWindow</name>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
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
    <name>PopCard</name>
    <message>
        <source>Incoming call</source>
        <translation>Cuộc gọi đến</translation>
    </message>
    <message>
        <source>INCOMING CALL</source>
        <translation>CUỘC GỌI ĐẾN</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>Đang tra cứu…</translation>
    </message>
    <message>
        <source>Log call</source>
        <translation>Ghi cuộc gọi</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Phiếu</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Khiếu nại</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>The lookup failed: %1</source>
        <translation>Tra cứu thất bại: %1</translation>
    </message>
    <message>
        <source>Loading the customer…</source>
        <translation>Đang tải khách hàng…</translation>
    </message>
    <message>
        <source>this customer no longer exists</source>
        <translation>khách hàng này không còn tồn tại</translation>
    </message>
    <message>
        <source>Records merged</source>
        <translation>Đã gộp hồ sơ</translation>
    </message>
    <message>
        <source>Customer created</source>
        <translation>Đã tạo khách hàng</translation>
    </message>
    <message>
        <source>Number attached</source>
        <translation>Đã gắn số cho khách hàng</translation>
    </message>
    <message>
        <source>Lookup failed</source>
        <translation>Tra cứu thất bại</translation>
    </message>
    <message>
        <source>Number withheld</source>
        <translation>Ẩn số</translation>
    </message>
    <message>
        <source>Not in the directory</source>
        <translation>Chưa có trong danh bạ</translation>
    </message>
    <message>
        <source>%1 customers share this number</source>
        <translation>%1 khách hàng dùng chung số này</translation>
    </message>
    <message>
        <source>Known customer · %1</source>
        <translation>Khách hàng đã biết · %1</translation>
    </message>
    <message>
        <source>Known customer</source>
        <translation>Khách hàng đã biết</translation>
    </message>
    <message>
        <source>Shared number: %1 of %2 · ← → to switch</source>
        <translation>Số dùng chung: %1 / %2 · ← → để chuyển</translation>
    </message>
</context>
<context>
    <name>PopTexts</name>
    <message>
        <source>Champions</source>
        <translation>Khách hàng tốt nhất</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>Trung thành</translation>
    </message>
    <message>
        <source>Potential</source>
        <translation>Tiềm năng</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Khách hàng mới</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Cần quan tâm</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Có nguy cơ rời bỏ</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>Ít hoạt động</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Đã rời bỏ</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 ngày</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 ngày</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 giờ</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 giờ</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 phút</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>vừa xong</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 trước</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>hôm qua</translation>
    </message>
    <message>
        <source>Complaint in progress, %1 overdue</source>
        <translation>Khiếu nại đang xử lý, quá hạn %1</translation>
    </message>
    <message>
        <source>Complaint in progress, overdue</source>
        <translation>Khiếu nại đang xử lý, đã quá hạn</translation>
    </message>
    <message>
        <source>Complaint in progress, waiting for the customer</source>
        <translation>Khiếu nại đang xử lý, chờ khách hàng phản hồi</translation>
    </message>
    <message>
        <source>Complaint in progress, due in %1</source>
        <translation>Khiếu nại đang xử lý, còn %1</translation>
    </message>
    <message>
        <source>Complaint in progress, due %1</source>
        <translation>Khiếu nại đang xử lý, hạn %1</translation>
    </message>
    <message>
        <source>Complaint in progress</source>
        <translation>Khiếu nại đang xử lý</translation>
    </message>
    <message>
        <source>same number</source>
        <translation>trùng số</translation>
    </message>
    <message>
        <source>number before renumbering</source>
        <translation>số trước khi đổi đầu số</translation>
    </message>
    <message>
        <source>same number without area code</source>
        <translation>trùng số không có mã vùng</translation>
    </message>
    <message>
        <source>same email</source>
        <translation>trùng email</translation>
    </message>
    <message>
        <source>same account</source>
        <translation>trùng tài khoản</translation>
    </message>
    <message>
        <source>Same phone</source>
        <translation>Trùng số điện thoại</translation>
    </message>
    <message>
        <source>Same email</source>
        <translation>Trùng email</translation>
    </message>
    <message>
        <source>Same Facebook</source>
        <translation>Trùng Facebook</translation>
    </message>
    <message>
        <source>Same Zalo</source>
        <translation>Trùng Zalo</translation>
    </message>
    <message>
        <source>Same account</source>
        <translation>Trùng tài khoản</translation>
    </message>
    <message>
        <source>Same name</source>
        <translation>Trùng tên</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>Number</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Phụ trách</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Thời gian còn lại</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
</context>
<context>
    <name>QueuesPanel</name>
    <message>
        <source>Departments</source>
        <translation>Bộ phận</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Hàng đợi</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Đang mở</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Pick a department</source>
        <translation>Chọn một bộ phận</translation>
    </message>
    <message>
        <source>%1 — %2 open · %3 overdue</source>
        <translation>%1 — %2 đang mở · %3 quá hạn</translation>
    </message>
    <message>
        <source>The queue could not be loaded: %1</source>
        <translation>Không tải được hàng đợi: %1</translation>
    </message>
</context>
<context>
    <name>RuleForm</name>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Bật</translation>
    </message>
    <message>
        <source>Used for routing</source>
        <translation>Dùng để điều phối</translation>
    </message>
    <message>
        <source>When (all given conditions must hold)</source>
        <translation>Khi (mọi điều kiện đã nhập đều đúng)</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Thì</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>Từ khoá</translation>
    </message>
    <message>
        <source>Customer tiers</source>
        <translation>Hạng khách hàng</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>Loại phiếu</translation>
    </message>
    <message>
        <source>Suppliers</source>
        <translation>Nhà cung cấp</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Khung giờ</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Bộ phận</translation>
    </message>
    <message>
        <source>SLA policy</source>
        <translation>Chính sách SLA</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Phân công</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Category codes, comma-separated</source>
        <translation>Mã danh mục, cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <source>Known: %1</source>
        <translation>Hiện có: %1</translation>
    </message>
    <message>
        <source>Words in the text, e.g. giao hang, late (used when no category is chosen)</source>
        <translation>Từ có trong nội dung, ví dụ giao hang, late (dùng khi chưa chọn danh mục)</translation>
    </message>
    <message>
        <source>Supplier department codes, or * for any</source>
        <translation>Mã bộ phận nhà cung cấp, hoặc * cho bất kỳ</translation>
    </message>
    <message>
        <source>Words in the product name</source>
        <translation>Từ có trong tên sản phẩm</translation>
    </message>
    <message>
        <source>Only between</source>
        <translation>Chỉ trong khoảng</translation>
    </message>
    <message>
        <source>Tags, comma-separated</source>
        <translation>Nhãn, cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <source>— none: a modifier, routing goes on —</source>
        <translation>— không: quy tắc bổ sung, tiếp tục điều phối —</translation>
    </message>
    <message>
        <source>The supplier named in the complaint</source>
        <translation>Nhà cung cấp nêu trong khiếu nại</translation>
    </message>
    <message>
        <source>— keep —</source>
        <translation>— giữ nguyên —</translation>
    </message>
    <message>
        <source>— nobody —</source>
        <translation>— không ai —</translation>
    </message>
    <message>
        <source>Round robin among available members</source>
        <translation>Xoay vòng giữa các thành viên đang sẵn sàng</translation>
    </message>
    <message>
        <source>Least loaded available member</source>
        <translation>Thành viên sẵn sàng đang ít việc nhất</translation>
    </message>
</context>
<context>
    <name>RulesEditorDialog</name>
    <message>
        <source>Routing rules</source>
        <translation>Quy tắc điều phối</translation>
    </message>
    <message>
        <source>Checked top to bottom; the first rule that names a department wins. Rules without a department only adjust priority, SLA or tags. The last rule must catch everything.</source>
        <translation>Kiểm tra từ trên xuống; quy tắc đầu tiên chỉ định bộ phận sẽ được áp dụng. Quy tắc không có bộ phận chỉ điều chỉnh mức ưu tiên, SLA hoặc nhãn. Quy tắc cuối cùng phải nhận mọi trường hợp còn lại.</translation>
    </message>
    <message>
        <source>ORDER</source>
        <translation>THỨ TỰ</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Nhập…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <source>modifier</source>
        <translation>bổ sung</translation>
    </message>
    <message>
        <source>supplier</source>
        <translation>nhà cung cấp</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Quy tắc mới</translation>
    </message>
    <message>
        <source>Saved. New tickets are routed by these rules.</source>
        <translation>Đã lưu. Phiếu mới sẽ được điều phối theo các quy tắc này.</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Đã xuất ra %1</translation>
    </message>
    <message>
        <source>Imported %1 rules.</source>
        <translation>Đã nhập %1 quy tắc.</translation>
    </message>
    <message>
        <source>Export routing rules</source>
        <translation>Xuất quy tắc điều phối</translation>
    </message>
    <message>
        <source>Rules (*.json)</source>
        <translation>Quy tắc (*.json)</translation>
    </message>
    <message>
        <source>Import routing rules</source>
        <translation>Nhập quy tắc điều phối</translation>
    </message>
</context>
<context>
    <name>ScreenPop</name>
    <message>
        <source>Incoming call: %1</source>
        <translation>Cuộc gọi đến: %1</translation>
    </message>
    <message>
        <source>Incoming call from an unknown number</source>
        <translation>Cuộc gọi đến từ số chưa biết</translation>
    </message>
    <message>
        <source>Number attached</source>
        <translation>Đã gắn số cho khách hàng</translation>
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
    <name>SlaDisplay</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 ngày %2 giờ</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 phút %2 giây</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>No SLA</source>
        <translation>Không có SLA</translation>
    </message>
    <message>
        <source>Paused (waiting for customer)</source>
        <translation>Tạm dừng (chờ khách hàng)</translation>
    </message>
    <message>
        <source>Overdue · %1 left</source>
        <translation>Quá hạn · còn %1</translation>
    </message>
    <message>
        <source>Overdue by %1</source>
        <translation>Quá hạn %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>Còn %1</translation>
    </message>
</context>
<context>
    <name>SlaEditorDialog</name>
    <message>
        <source>SLA and business hours</source>
        <translation>SLA và giờ làm việc</translation>
    </message>
    <message>
        <source>SLA policies (targets in business minutes)</source>
        <translation>Chính sách SLA (chỉ tiêu tính bằng phút làm việc)</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Chính sách</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Phản hồi đầu tiên</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Xử lý xong</translation>
    </message>
    <message>
        <source>Reopen within</source>
        <translation>Mở lại trong vòng</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <source>Business calendar</source>
        <translation>Lịch làm việc</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Thứ Bảy</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Chủ Nhật</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Múi giờ</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>Ngày nghỉ lễ</translation>
    </message>
    <message>
        <source>Closed (or e.g. 08:00-12:00, 13:30-17:30)</source>
        <translation>Nghỉ (hoặc ví dụ 08:00-12:00, 13:30-17:30)</translation>
    </message>
    <message>
        <source>Add holiday</source>
        <translation>Thêm ngày nghỉ</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ngày</translation>
    </message>
    <message>
        <source>Always open</source>
        <translation>Luôn mở</translation>
    </message>
    <message>
        <source>Saved. New deadlines use these targets; open tickets keep theirs.</source>
        <translation>Đã lưu. Hạn xử lý mới dùng các chỉ tiêu này; phiếu đang mở giữ hạn cũ.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
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
<context>
    <name>StatusSelector</name>
    <message>
        <source>Your status: who is available gets new tickets</source>
        <translation>Trạng thái của bạn: ai sẵn sàng sẽ được giao phiếu mới</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>PROCESSING LOG</source>
        <translation>NHẬT KÝ XỬ LÝ</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Tải lại</translation>
    </message>
    <message>
        <source>DETAILS</source>
        <translation>CHI TIẾT</translation>
    </message>
    <message>
        <source>ACTIONS</source>
        <translation>THAO TÁC</translation>
    </message>
    <message>
        <source>Write a comment… (Ctrl+Enter adds it)</source>
        <translation>Viết bình luận… (Ctrl+Enter để thêm)</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Ghi chú nội bộ</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>Phản hồi khách hàng</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>Thêm bình luận</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Đổi</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Phụ trách</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Phân công</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Đặt</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Chuyển</translation>
    </message>
    <message>
        <source>Reason for the transfer (required)</source>
        <translation>Lý do chuyển (bắt buộc)</translation>
    </message>
    <message>
        <source>Loading the ticket…</source>
        <translation>Đang tải phiếu…</translation>
    </message>
    <message>
        <source>%1 was changed by someone else (version %2). Reload to see it.</source>
        <translation>%1 vừa được người khác thay đổi (phiên bản %2). Tải lại để xem.</translation>
    </message>
    <message>
        <source>%1 is no longer available to you: it was transferred to another desk or removed.</source>
        <translation>Bạn không còn xem được %1: phiếu đã được chuyển sang bộ phận khác hoặc đã bị xóa.</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>Vi phạm SLA</translation>
    </message>
    <message>
        <source>No customer linked</source>
        <translation>Chưa gắn khách hàng</translation>
    </message>
    <message>
        <source>Version %1 · last changed %2</source>
        <translation>Phiên bản %1 · thay đổi lần cuối %2</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Bộ phận</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Chưa phân công</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <source>SLA policy</source>
        <translation>Chính sách SLA</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Không có</translation>
    </message>
    <message>
        <source>First response due</source>
        <translation>Hạn phản hồi đầu tiên</translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation>Hạn xử lý xong</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Ngày tạo</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Nhãn</translation>
    </message>
    <message>
        <source>Write the comment first.</source>
        <translation>Hãy viết bình luận trước.</translation>
    </message>
    <message>
        <source>status → %1</source>
        <translation>trạng thái → %1</translation>
    </message>
    <message>
        <source>A transfer needs a reason, so the next desk knows why.</source>
        <translation>Cần ghi lý do chuyển để bộ phận tiếp nhận biết vì sao.</translation>
    </message>
    <message>
        <source>transfer to %1 (“%2”)</source>
        <translation>chuyển đến %1 (“%2”)</translation>
    </message>
    <message>
        <source>assign to %1</source>
        <translation>phân công cho %1</translation>
    </message>
    <message>
        <source>priority → %1</source>
        <translation>mức ưu tiên → %1</translation>
    </message>
</context>
<context>
    <name>TicketTexts</name>
    <message>
        <source>Resolved on the call</source>
        <translation>Đã giải quyết trong cuộc gọi</translation>
    </message>
    <message>
        <source>Information given</source>
        <translation>Đã cung cấp thông tin</translation>
    </message>
    <message>
        <source>Ticket opened</source>
        <translation>Đã mở phiếu</translation>
    </message>
    <message>
        <source>Complaint filed</source>
        <translation>Đã ghi nhận khiếu nại</translation>
    </message>
    <message>
        <source>Callback promised</source>
        <translation>Hẹn gọi lại</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Đã chuyển tiếp</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>Nhầm số</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Không nghe máy</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Tạo phiếu</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Bình luận</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Phân công</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Chuyển tiếp</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Chuyển cấp trên</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>Vi phạm SLA</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Đã gộp</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Mức ưu tiên</translation>
    </message>
    <message>
        <source>round robin</source>
        <translation>xoay vòng</translation>
    </message>
    <message>
        <source>least loaded</source>
        <translation>ít việc nhất</translation>
    </message>
    <message>
        <source>no specific rule applies (catch-all)</source>
        <translation>không có quy tắc riêng (quy tắc chung)</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>danh mục %1</translation>
    </message>
    <message>
        <source>text mentions %1</source>
        <translation>nội dung có %1</translation>
    </message>
    <message>
        <source>tier %1</source>
        <translation>hạng %1</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>phân khúc %1</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>kênh %1</translation>
    </message>
    <message>
        <source>kind %1</source>
        <translation>loại %1</translation>
    </message>
    <message>
        <source>supplier %1</source>
        <translation>nhà cung cấp %1</translation>
    </message>
    <message>
        <source>product %1</source>
        <translation>sản phẩm %1</translation>
    </message>
    <message>
        <source>time %1</source>
        <translation>khung giờ %1</translation>
    </message>
</context>
<context>
    <name>TicketWorkspace</name>
    <message>
        <source>Queues</source>
        <translation>Hàng đợi</translation>
    </message>
    <message>
        <source>My work</source>
        <translation>Việc của tôi</translation>
    </message>
    <message>
        <source>&amp;Tickets</source>
        <translation>&amp;Phiếu</translation>
    </message>
    <message>
        <source>&amp;Log interaction…</source>
        <translation>&amp;Ghi nhận tương tác…</translation>
    </message>
    <message>
        <source>&amp;New ticket…</source>
        <translation>Phiếu &amp;mới…</translation>
    </message>
    <message>
        <source>File &amp;complaint…</source>
        <translation>Ghi nhận &amp;khiếu nại…</translation>
    </message>
    <message>
        <source>&amp;Refresh queues</source>
        <translation>&amp;Làm mới hàng đợi</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Quản trị</translation>
    </message>
    <message>
        <source>&amp;Routing rules…</source>
        <translation>&amp;Quy tắc điều phối…</translation>
    </message>
    <message>
        <source>&amp;SLA and business hours…</source>
        <translation>&amp;SLA và giờ làm việc…</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Người dùng…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>&amp;Nhật ký truy cập…</translation>
    </message>
    <message>
        <source>%1 ticket(s) breached their SLA and were escalated: %2</source>
        <translation>%1 phiếu vi phạm SLA và đã được chuyển cấp trên: %2</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>Vi phạm SLA</translation>
    </message>
</context>
<context>
    <name>TimelineCard</name>
    <message>
        <source>Timeline</source>
        <translation>Dòng thời gian</translation>
    </message>
    <message>
        <source>No contact with this customer yet.</source>
        <translation>Chưa có liên hệ nào với khách hàng này.</translation>
    </message>
    <message>
        <source>Open the ticket</source>
        <translation>Mở phiếu</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Đơn hàng</translation>
    </message>
</context>
<context>
    <name>UnknownCallerPanel</name>
    <message>
        <source>Number withheld</source>
        <translation>Người gọi ẩn số</translation>
    </message>
    <message>
        <source>The caller hid their number. You can still create a customer.</source>
        <translation>Người gọi đã ẩn số. Bạn vẫn có thể tạo khách hàng mới.</translation>
    </message>
    <message>
        <source>Unknown caller</source>
        <translation>Người gọi chưa rõ</translation>
    </message>
    <message>
        <source>%1 is not in the customer directory.</source>
        <translation>Số %1 chưa có trong danh bạ khách hàng.</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Khách hàng mới</translation>
    </message>
    <message>
        <source>Create a customer with this number</source>
        <translation>Tạo khách hàng với số này</translation>
    </message>
    <message>
        <source>Create a customer without a number</source>
        <translation>Tạo khách hàng không kèm số</translation>
    </message>
    <message>
        <source>Attach to existing</source>
        <translation>Gắn vào khách hàng có sẵn</translation>
    </message>
    <message>
        <source>Add this number to a customer you find</source>
        <translation>Thêm số này cho một khách hàng bạn tìm thấy</translation>
    </message>
    <message>
        <source>Not possible: there is no number to attach</source>
        <translation>Không thực hiện được: không có số để gắn</translation>
    </message>
    <message>
        <source>Esc dismisses the card; the call stays in the caller log (Ctrl+Shift+L).</source>
        <translation>Esc để đóng thẻ; cuộc gọi vẫn nằm trong nhật ký cuộc gọi (Ctrl+Shift+L).</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>ẩn số</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Create customer</source>
        <translation>Tạo khách hàng</translation>
    </message>
    <message>
        <source>Attach %1 to a customer</source>
        <translation>Gắn số %1 cho khách hàng</translation>
    </message>
    <message>
        <source>Attach to selected</source>
        <translation>Gắn cho khách hàng đã chọn</translation>
    </message>
    <message>
        <source>Caller %1</source>
        <translation>Người gọi %1</translation>
    </message>
    <message>
        <source>New caller</source>
        <translation>Người gọi mới</translation>
    </message>
    <message>
        <source>Enter creates the customer; type to replace the name first.</source>
        <translation>Nhấn Enter để tạo khách hàng; gõ tên mới để thay tên tạm.</translation>
    </message>
    <message>
        <source>Give the customer a name.</source>
        <translation>Hãy nhập tên khách hàng.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Chưa lưu được: %1</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Users, roles and departments</source>
        <translation>Người dùng, vai trò và phòng ban</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Bộ phận</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Số máy lẻ</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Active (may sign in)</source>
        <translation>Đang hoạt động (được đăng nhập)</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Người dùng mới</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— không có —</translation>
    </message>
    <message>
        <source>At least 6 characters</source>
        <translation>Ít nhất 6 ký tự</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Sửa %1</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <source>Department staff and supplier accounts need a department</source>
        <translation>Nhân viên phòng ban và tài khoản nhà cung cấp cần có phòng ban</translation>
    </message>
    <message>
        <source>User %1 created</source>
        <translation>Đã tạo người dùng %1</translation>
    </message>
    <message>
        <source>User %1 saved</source>
        <translation>Đã lưu người dùng %1</translation>
    </message>
    <message>
        <source>Password of %1 reset</source>
        <translation>Đã đặt lại mật khẩu của %1</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Bộ phận</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Đã khóa</translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <source>CallDesk wallboard</source>
        <translation>Bảng treo tường CallDesk</translation>
    </message>
    <message>
        <source>Contact center now</source>
        <translation>Tổng đài lúc này</translation>
    </message>
    <message>
        <source>Esc: leave the wallboard</source>
        <translation>Esc: thoát bảng treo tường</translation>
    </message>
</context>
</TS>
