//! Word lists for fictional but realistic units, people and models.

pub const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Hà", "Lương", "Triệu", "Nông", "Mai", "Tạ", "Lò",
];
pub const MIDDLE_M: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Mạnh", "Tiến", "Ngọc", "Trọng",
];
pub const MIDDLE_F: &[&str] = &[
    "Thị",
    "Thu",
    "Thanh",
    "Ngọc",
    "Minh",
    "Thị Thu",
    "Hồng",
    "Kim",
    "Diệu",
    "Phương",
];
pub const GIVEN_M: &[&str] = &[
    "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Long", "Lâm",
    "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Việt", "Vinh",
    "Hoà", "Khoa", "Lộc", "Nghĩa", "Phúc", "Tài", "Thịnh",
];
pub const GIVEN_F: &[&str] = &[
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Hường", "Huyền",
    "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Thảo", "Thuỷ",
    "Trang", "Tuyết", "Vân", "Yến", "Lệ", "Quyên",
];

/// (kind, short name, sub-units that implement models, positions)
pub struct UnitTemplate {
    pub kind: &'static str,
    pub short: &'static str,
    pub abbrev: &'static str,
    pub sector: Sector,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sector {
    Agency,
    Health,
    School,
    Enterprise,
    Bank,
    MassOrg,
}

macro_rules! u {
    ($kind:literal, $short:literal, $abbrev:literal, $sector:ident) => {
        UnitTemplate {
            kind: $kind,
            short: $short,
            abbrev: $abbrev,
            sector: Sector::$sector,
        }
    };
}

pub const DB: &str = "Đảng bộ cơ sở";
pub const CB: &str = "Chi bộ cơ sở";
pub const DT: &str = "Đoàn thể";

pub const UNITS: &[UnitTemplate] = &[
    u!("Đảng bộ cơ sở", "Sở Y tế", "So Y te", Health),
    u!(
        "Đảng bộ cơ sở",
        "Sở Giáo dục và Đào tạo",
        "So GD-DT",
        School
    ),
    u!("Đảng bộ cơ sở", "Sở Tài chính", "So Tai chinh", Agency),
    u!("Đảng bộ cơ sở", "Sở Kế hoạch và Đầu tư", "So KHDT", Agency),
    u!("Đảng bộ cơ sở", "Sở Giao thông vận tải", "So GTVT", Agency),
    u!(
        "Đảng bộ cơ sở",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "So NNPTNT",
        Agency
    ),
    u!("Đảng bộ cơ sở", "Sở Công Thương", "So Cong Thuong", Agency),
    u!("Đảng bộ cơ sở", "Sở Xây dựng", "So Xay dung", Agency),
    u!(
        "Đảng bộ cơ sở",
        "Sở Tài nguyên và Môi trường",
        "So TNMT",
        Agency
    ),
    u!(
        "Đảng bộ cơ sở",
        "Bệnh viện Đa khoa tỉnh",
        "BV Da khoa tinh",
        Health
    ),
    u!("Đảng bộ cơ sở", "Bệnh viện Sản Nhi", "BV San Nhi", Health),
    u!("Đảng bộ cơ sở", "Bảo hiểm xã hội tỉnh", "BHXH tinh", Agency),
    u!("Đảng bộ cơ sở", "Cục Thuế tỉnh", "Cuc Thue", Agency),
    u!(
        "Đảng bộ cơ sở",
        "Kho bạc Nhà nước tỉnh",
        "KBNN tinh",
        Agency
    ),
    u!(
        "Đảng bộ cơ sở",
        "Công ty Điện lực tỉnh",
        "Dien luc",
        Enterprise
    ),
    u!(
        "Đảng bộ cơ sở",
        "Công ty Cổ phần Môi trường và Dịch vụ đô thị",
        "Cty CP Moi truong",
        Enterprise
    ),
    u!("Đảng bộ cơ sở", "Viễn thông tỉnh", "Vien thong", Enterprise),
    u!("Đảng bộ cơ sở", "Bưu điện tỉnh", "Buu dien", Enterprise),
    u!("Đảng bộ cơ sở", "Trường Cao đẳng Y tế", "CD Y te", School),
    u!(
        "Đảng bộ cơ sở",
        "Công ty Cổ phần Cấp nước",
        "Cty CP Cap nuoc",
        Enterprise
    ),
    u!("Chi bộ cơ sở", "Sở Tư pháp", "So Tu phap", Agency),
    u!("Chi bộ cơ sở", "Sở Nội vụ", "So Noi vu", Agency),
    u!(
        "Chi bộ cơ sở",
        "Sở Văn hóa, Thể thao và Du lịch",
        "So VHTTDL",
        Agency
    ),
    u!(
        "Chi bộ cơ sở",
        "Sở Lao động - Thương binh và Xã hội",
        "So LDTBXH",
        Agency
    ),
    u!(
        "Chi bộ cơ sở",
        "Sở Khoa học và Công nghệ",
        "So KHCN",
        Agency
    ),
    u!(
        "Chi bộ cơ sở",
        "Sở Thông tin và Truyền thông",
        "So TTTT",
        Agency
    ),
    u!("Chi bộ cơ sở", "Sở Ngoại vụ", "So Ngoai vu", Agency),
    u!("Chi bộ cơ sở", "Thanh tra tỉnh", "Thanh tra", Agency),
    u!(
        "Chi bộ cơ sở",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Dai PTTH",
        Agency
    ),
    u!("Chi bộ cơ sở", "Báo tỉnh", "Bao tinh", Agency),
    u!(
        "Chi bộ cơ sở",
        "Liên minh Hợp tác xã tỉnh",
        "Lien minh HTX",
        Agency
    ),
    u!(
        "Chi bộ cơ sở",
        "Trường THPT Chuyên Nguyễn Tất Thành",
        "THPT Chuyen",
        School
    ),
    u!(
        "Chi bộ cơ sở",
        "Trường THPT Lý Thường Kiệt",
        "THPT Ly Thuong Kiet",
        School
    ),
    u!(
        "Chi bộ cơ sở",
        "Trường Chính trị tỉnh",
        "Truong Chinh tri",
        School
    ),
    u!(
        "Chi bộ cơ sở",
        "Trung tâm Kiểm soát bệnh tật tỉnh",
        "CDC tinh",
        Health
    ),
    u!(
        "Chi bộ cơ sở",
        "Bệnh viện Y dược cổ truyền",
        "BV YDCT",
        Health
    ),
    u!(
        "Chi bộ cơ sở",
        "Quỹ Đầu tư phát triển tỉnh",
        "Quy DTPT",
        Agency
    ),
    u!(
        "Chi bộ cơ sở",
        "Công ty TNHH MTV Xổ số kiến thiết",
        "Cty Xo so",
        Enterprise
    ),
    u!(
        "Chi bộ cơ sở",
        "Công ty Cổ phần Giống cây trồng",
        "Cty CP Giong",
        Enterprise
    ),
    u!(
        "Chi bộ cơ sở",
        "Công ty Cổ phần Dược phẩm",
        "Cty CP Duoc",
        Enterprise
    ),
    u!(
        "Chi bộ cơ sở",
        "Ban Quản lý các khu công nghiệp",
        "BQL KCN",
        Agency
    ),
    u!(
        "Chi bộ cơ sở",
        "Công ty Cổ phần Vận tải",
        "Cty CP Van tai",
        Enterprise
    ),
    u!(
        "Chi bộ cơ sở",
        "Trung tâm Dịch vụ việc làm",
        "TT Viec lam",
        Agency
    ),
    u!(
        "Chi bộ cơ sở",
        "Công ty Lâm nghiệp",
        "Cty Lam nghiep",
        Enterprise
    ),
    u!("Đoàn thể", "Đoàn Thanh niên Khối", "Doan TN Khoi", MassOrg),
    u!(
        "Đoàn thể",
        "Công đoàn Viên chức tỉnh",
        "Cong doan VC",
        MassOrg
    ),
    u!(
        "Đoàn thể",
        "Hội Cựu chiến binh Khối",
        "Hoi CCB Khoi",
        MassOrg
    ),
    u!("Đoàn thể", "Hội Phụ nữ Khối", "Hoi PN Khoi", MassOrg),
    u!(
        "Đảng bộ cơ sở",
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "NHNN",
        Bank
    ),
    u!(
        "Đảng bộ cơ sở",
        "Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh",
        "Agribank",
        Bank
    ),
    u!(
        "Chi bộ cơ sở",
        "Ngân hàng TMCP Ngoại thương chi nhánh tỉnh",
        "Vietcombank",
        Bank
    ),
    u!(
        "Chi bộ cơ sở",
        "Ngân hàng TMCP Đầu tư và Phát triển chi nhánh tỉnh",
        "BIDV",
        Bank
    ),
    u!(
        "Chi bộ cơ sở",
        "Ngân hàng TMCP Công Thương chi nhánh tỉnh",
        "VietinBank",
        Bank
    ),
    u!(
        "Chi bộ cơ sở",
        "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
        "NHCSXH",
        Bank
    ),
];

/// Sub-units that implement models, by sector.
pub fn sub_units(s: Sector) -> &'static [&'static str] {
    match s {
        Sector::Agency => &[
            "Văn phòng",
            "Phòng Tổ chức cán bộ",
            "Phòng Kế hoạch - Tài chính",
            "Thanh tra",
            "Bộ phận một cửa",
            "Chi bộ Văn phòng",
            "Phòng Nghiệp vụ",
            "Công đoàn cơ sở",
            "Chi đoàn Thanh niên",
        ],
        Sector::Health => &[
            "Khoa Nội",
            "Khoa Ngoại",
            "Khoa Nhi",
            "Khoa Khám bệnh",
            "Khoa Dược",
            "Phòng Điều dưỡng",
            "Chi bộ Khối lâm sàng",
            "Khoa Cấp cứu",
            "Công đoàn cơ sở",
        ],
        Sector::School => &[
            "Tổ Ngữ văn",
            "Tổ Toán - Tin",
            "Tổ Ngoại ngữ",
            "Chi bộ Giáo viên",
            "Đoàn trường",
            "Phòng Đào tạo",
            "Công đoàn trường",
            "Tổ Văn phòng",
        ],
        Sector::Enterprise => &[
            "Phân xưởng sản xuất số 1",
            "Phân xưởng sản xuất số 2",
            "Phòng Kỹ thuật",
            "Phòng Kinh doanh",
            "Đội vận hành",
            "Chi bộ Sản xuất",
            "Công đoàn công ty",
            "Phòng An toàn",
        ],
        Sector::Bank => &[
            "Phòng Khách hàng",
            "Phòng Giao dịch trung tâm",
            "Phòng Kế toán - Ngân quỹ",
            "Chi bộ Nghiệp vụ",
            "Phòng Tín dụng",
            "Công đoàn cơ sở",
        ],
        Sector::MassOrg => &[
            "Chi đoàn Sở Y tế",
            "Chi đoàn Sở Tài chính",
            "Công đoàn Sở Tư pháp",
            "Chi hội Cựu chiến binh Sở Nội vụ",
            "Chi hội Phụ nữ Báo tỉnh",
            "Chi đoàn Viễn thông",
            "Công đoàn Bưu điện",
            "Chi đoàn Cục Thuế",
            "Chi hội Phụ nữ Kho bạc",
            "Chi đoàn Trường Chính trị",
            "Công đoàn Điện lực",
            "Chi hội CCB Cục Thuế",
        ],
    }
}

/// (category code, label variants as units write them, model name templates)
pub const CATEGORIES: &[(&str, &[&str], &[&str])] = &[
    (
        "to_chuc_dang",
        &[
            "Tổ chức cơ sở đảng",
            "TCCS đảng",
            "Tổ chức đảng điển hình tiên tiến",
        ],
        &[
            "Chi bộ \"4 tốt\"",
            "Chi bộ trong sạch, vững mạnh tiêu biểu",
            "Sinh hoạt chi bộ chuyên đề hiệu quả",
            "Đảng viên gương mẫu, nói đi đôi với làm",
            "Nâng cao chất lượng sinh hoạt chi bộ",
            "Chi bộ gắn với nhiệm vụ chuyên môn",
        ],
    ),
    (
        "san_xuat_kinh_doanh",
        &["Sản xuất - kinh doanh", "SXKD", "Sản xuất kinh doanh"],
        &[
            "Cải tiến quy trình sản xuất tăng năng suất",
            "Sáng kiến giảm chi phí sản xuất",
            "Kinh doanh gắn với chăm sóc khách hàng",
            "Đổi mới sản phẩm, mở rộng thị trường",
            "Ứng dụng công nghệ số trong kinh doanh",
        ],
    ),
    (
        "giao_duc",
        &["Giáo dục - Đào tạo", "GD-ĐT", "GD&ĐT", "Giáo dục"],
        &[
            "Trường học hạnh phúc",
            "Lớp học thân thiện, học sinh tích cực",
            "Đổi mới phương pháp dạy học",
            "Giáo viên mẫu mực, học sinh chăm ngoan",
            "Thư viện xanh",
            "Bồi dưỡng học sinh giỏi",
        ],
    ),
    (
        "y_te",
        &[
            "Y tế",
            "Y tế, chăm sóc sức khỏe nhân dân",
            "Y tế - chăm sóc sức khoẻ",
        ],
        &[
            "Phòng khám thân thiện, người bệnh hài lòng",
            "Nụ cười Thầy thuốc",
            "Khám chữa bệnh chu đáo, tận tình",
            "Bệnh viện xanh - sạch - đẹp",
            "Điều dưỡng tận tâm",
            "Ứng dụng kỹ thuật mới trong điều trị",
        ],
    ),
    (
        "hoi_doan_the",
        &["Hội, đoàn thể", "Đoàn thể", "Tổ chức hội, đoàn thể"],
        &[
            "Ngày thứ Bảy tình nguyện",
            "Thanh niên xung kích, sáng tạo",
            "Mái ấm công đoàn",
            "Phụ nữ giúp nhau phát triển kinh tế",
            "Cựu chiến binh gương mẫu",
            "Đoàn viên nòng cốt",
            "Tuổi trẻ vì cộng đồng",
        ],
    ),
    (
        "co_quan_don_vi",
        &[
            "Cơ quan, đơn vị",
            "Khối cơ quan, đơn vị",
            "Điển hình trong cơ quan, đơn vị",
        ],
        &[
            "Cơ quan đạt chuẩn văn minh",
            "Đơn vị tiêu biểu trong thực hiện nhiệm vụ",
            "Tập thể đoàn kết, hoàn thành xuất sắc nhiệm vụ",
            "Phòng làm việc kiểu mẫu",
            "Cơ quan số",
        ],
    ),
    (
        "cai_cach_hanh_chinh",
        &["Cải cách hành chính", "CCHC", "Cải cách thủ tục hành chính"],
        &[
            "Một cửa liên thông hiện đại",
            "Giải quyết thủ tục hành chính đúng hẹn",
            "Dịch vụ công trực tuyến mức độ 4",
            "Người dân không phải đi lại nhiều lần",
            "Số hóa hồ sơ thủ tục hành chính",
        ],
    ),
    (
        "van_hoa_cong_so",
        &["Văn hóa công sở", "Văn hoá công sở"],
        &[
            "Công sở xanh - sạch - đẹp",
            "Nói lời hay, làm việc tốt",
            "Ứng xử văn minh nơi công sở",
            "Ngày không giấy tờ",
            "Cán bộ thân thiện, tận tụy",
        ],
    ),
    (
        "nam_khong",
        &["Nội dung \"5 không\"", "5 không", "Thực hiện \"5 không\""],
        &[
            "Nói không với tiêu cực",
            "Không nhận phong bì",
            "Không gây phiền hà cho người dân",
            "Không sử dụng thuốc lá nơi làm việc",
        ],
    ),
    (
        "an_toan_tiet_kiem",
        &[
            "An toàn - tiết kiệm",
            "Thi đua an toàn - tiết kiệm",
            "An toàn, tiết kiệm",
        ],
        &[
            "Tiết kiệm điện, nước",
            "An toàn lao động trong sản xuất",
            "Chống lãng phí văn phòng phẩm",
            "Vận hành an toàn lưới điện",
        ],
    ),
    (
        "trach_nhiem_xa_hoi",
        &["Trách nhiệm xã hội", "Trách nhiệm xã hội của doanh nghiệp"],
        &[
            "Doanh nghiệp vì cộng đồng",
            "Chung tay vì người nghèo",
            "Đồng hành cùng học sinh vùng khó",
            "Xây nhà tình nghĩa",
        ],
    ),
    (
        "nam_s",
        &["5S", "Chương trình \"5S\"", "Thực hiện 5S"],
        &[
            "Thực hành 5S tại nơi làm việc",
            "Kho hàng 5S",
            "Văn phòng 5S",
            "Sàng lọc, sắp xếp, sạch sẽ",
        ],
    ),
    (
        "khac",
        &["Khác", "Mô hình khác"],
        &[
            "Dân vận khéo",
            "Hoà nhập cộng đồng",
            "Tủ sách pháp luật",
            "Góc thư viện số",
            "Câu lạc bộ lý luận trẻ",
            "Vườn cây thuốc nam",
        ],
    ),
];

pub fn positions(s: Sector) -> &'static [&'static str] {
    match s {
        Sector::Agency => &[
            "Chuyên viên",
            "Trưởng phòng",
            "Phó Trưởng phòng",
            "Chánh Văn phòng",
            "Phó Giám đốc",
            "Kế toán",
            "Văn thư",
        ],
        Sector::Health => &[
            "Bác sĩ",
            "Điều dưỡng trưởng",
            "Trưởng khoa",
            "Dược sĩ",
            "Y sĩ",
            "Kỹ thuật viên",
        ],
        Sector::School => &[
            "Giáo viên",
            "Tổ trưởng chuyên môn",
            "Phó Hiệu trưởng",
            "Bí thư Đoàn trường",
            "Nhân viên thư viện",
        ],
        Sector::Enterprise => &[
            "Công nhân vận hành",
            "Kỹ sư",
            "Quản đốc",
            "Trưởng phòng Kinh doanh",
            "Tổ trưởng sản xuất",
            "Nhân viên kỹ thuật",
        ],
        Sector::Bank => &[
            "Cán bộ tín dụng",
            "Giao dịch viên",
            "Trưởng phòng",
            "Kiểm soát viên",
        ],
        Sector::MassOrg => &[
            "Bí thư Chi đoàn",
            "Chủ tịch Công đoàn cơ sở",
            "Chi hội trưởng",
            "Đoàn viên",
            "Hội viên",
        ],
    }
}
