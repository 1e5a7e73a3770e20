"""Our own Vietnamese news text for the demo mirror: topics, sentence pools, names, places.

Nothing here is copied from a real page. Sentences carry ``{slots}`` (places, people, numbers) so
that articles built from the same pool still differ word for word: near-duplicate detection must
not mistake two demo articles on one topic for copies. Pools are shared by all sites, so a later
test can print the same story on two papers on purpose.

Slots: ``{place}``/``{Place}`` (a commune or ward, lower/upper first letter), ``{prov}`` ("Lào
Cai"), ``{province}`` ("tỉnh Lào Cai"), ``{resident}``/``{Resident}`` ("ông Lò Văn Thắng"),
``{official}`` (a name), ``{detail}`` (the topic's title detail), ``{when}`` (the lead's opener),
numbers ``{n}`` (2-9), ``{n2}`` (10-95), ``{n3}`` (120-950), ``{big}`` ("1.250"), ``{km}``
("3,5"), ``{money}`` ("12,6"), ``{pct}`` (60-98), ``{ha}`` (20-900), ``{w}`` ("3,5"), ``{year}``.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL = frozenset({"baolaocai", "baocantho", "baolangson"})
NORTH = frozenset({"baolaocai", "baolangson"})
CANTHO = frozenset({"baocantho"})


@dataclass(frozen=True, slots=True)
class Topic:
    """One kind of story: how its titles, sapo, lead and body sentences read."""

    key: str
    titles: tuple[str, ...]  # each has {place} and {detail}
    details: tuple[str, ...]
    sapos: tuple[str, ...]
    lead: str  # starts with "{when}, " and a capitalised subject
    sentences: tuple[str, ...]
    captions: tuple[str, ...]
    tags: tuple[str, ...]  # no commas: feeds and keywords split tags on them
    sites: frozenset[str] = ALL


TOPICS: tuple[Topic, ...] = (
    Topic(
        key="giao-thong",
        titles=("{Place} góp sức làm đường {detail}", "Mở rộng tuyến đường {detail} ở {place}"),
        details=("liên thôn", "vào vùng sản xuất", "đến điểm trường"),
        sapos=(
            "Sau hơn {n} tháng thi công, tuyến đường {detail} tại {place} đã cơ bản hoàn thành, "
            "giúp người dân đi lại và vận chuyển nông sản thuận lợi hơn.",
            "Bằng cách vận động người dân hiến đất, góp ngày công, {place} đã mở mới và cứng hóa "
            "hàng chục cây số đường {detail} trong năm nay.",
        ),
        lead="{when}, UBND {place} tổ chức nghiệm thu và đưa vào sử dụng tuyến đường {detail} "
        "dài hơn {km} km, tổng vốn đầu tư khoảng {money} tỷ đồng.",
        sentences=(
            "Tuyến đường được đổ bê tông rộng {w} m, có rãnh thoát nước hai bên và cọc tiêu ở "
            "những khúc cua nguy hiểm.",
            "Trước đây, cứ đến mùa mưa, con đường đất lầy lội khiến việc đi lại của bà con và "
            "học sinh gặp rất nhiều khó khăn.",
            "Để có mặt bằng thi công, {n2} hộ dân đã tự nguyện hiến gần {big} m2 đất, tháo dỡ "
            "tường rào và chặt bỏ cây cối trên phần đất của gia đình.",
            "{Resident} cho biết từ khi có đường mới, xe tải đã vào tận thôn thu mua nông sản "
            "nên giá bán ổn định hơn trước.",
            "Cán bộ xã thường xuyên có mặt tại công trường để giám sát chất lượng và kịp thời "
            "tháo gỡ vướng mắc cho đơn vị thi công.",
            "Theo kế hoạch, năm tới {place} tiếp tục cứng hóa thêm {n2} km đường ngõ xóm theo "
            "phương châm nhà nước và nhân dân cùng làm.",
            "Nhiều gia đình đã chủ động trồng hoa, làm hàng rào xanh dọc hai bên đường, tạo "
            "cảnh quan sáng, xanh, sạch, đẹp.",
            "Việc hoàn thành tuyến đường giúp {place} giữ vững tiêu chí giao thông trong xây "
            "dựng nông thôn mới nâng cao.",
        ),
        captions=(
            "Tuyến đường {detail} mới được bê tông hóa tại {place}.",
            "Người dân {place} góp ngày công làm đường {detail}.",
        ),
        tags=("Giao thông nông thôn", "Nông thôn mới"),
    ),
    Topic(
        key="mua-vu",
        titles=("Nông dân {place} {detail}", "{Place} khẩn trương {detail}"),
        details=("thu hoạch lúa mùa", "gieo cấy vụ đông", "thu hoạch ngô"),
        sapos=(
            "Tận dụng những ngày nắng ráo, nông dân {place} tập trung nhân lực, máy móc để "
            "{detail}, bảo đảm kịp khung lịch thời vụ.",
            "Năm nay, nhờ thời tiết thuận lợi và áp dụng giống mới, năng suất lúa tại {place} "
            "ước đạt {n2} tạ mỗi héc-ta.",
        ),
        lead="{when}, Phòng Kinh tế {place} cho biết toàn địa bàn đã {detail} được hơn {ha} ha, "
        "đạt khoảng {pct}% kế hoạch.",
        sentences=(
            "Trên những cánh đồng, tiếng máy gặt đập liên hợp hòa cùng tiếng cười nói của bà "
            "con từ sáng sớm đến chiều muộn.",
            "Nhiều hộ đã thuê máy cắt lúa nên chỉ mất nửa ngày là xong một mẫu ruộng, tiết "
            "kiệm đáng kể chi phí nhân công.",
            "Cán bộ khuyến nông khuyến cáo bà con thu hoạch khi lúa chín khoảng {pct}% để hạn "
            "chế thất thoát.",
            "{Resident} phấn khởi cho biết gia đình cấy {n} sào, năm nay lúa ít sâu bệnh nên "
            "thu được nhiều hơn năm trước.",
            "Giá lúa tươi tại ruộng hiện ở mức khoảng {n}.{n3} đồng mỗi ki-lô-gam, thương lái đến "
            "tận nơi thu mua.",
            "Ngay sau khi thu hoạch, xã hướng dẫn người dân làm đất, vệ sinh đồng ruộng để "
            "chuẩn bị cho vụ sau.",
            "Rơm rạ được thu gom để làm thức ăn cho gia súc và ủ phân hữu cơ thay vì đốt ngay trên ruộng.",
            "Hợp tác xã nông nghiệp địa phương đã ký hợp đồng bao tiêu {n3} tấn lúa chất lượng "
            "cao cho các thành viên.",
        ),
        captions=(
            "Nông dân {place} {detail}.",
            "Máy gặt đập liên hợp hoạt động trên cánh đồng {place}.",
        ),
        tags=("Nông nghiệp", "Mùa vụ"),
    ),
    Topic(
        key="le-hoi",
        titles=("Khai mạc {detail} tại {place}", "{Place} rộn ràng {detail}"),
        details=("lễ hội xuống đồng", "ngày hội văn hóa các dân tộc", "hội chợ mùa thu"),
        sapos=(
            "Với nhiều hoạt động văn hóa, thể thao đặc sắc, {detail} ở {place} thu hút hàng "
            "nghìn người dân và du khách tham gia.",
            "{Detail} năm nay được tổ chức quy mô hơn, góp phần giữ gìn bản sắc và quảng bá "
            "hình ảnh quê hương {place}.",
        ),
        lead="{when}, UBND {place} long trọng tổ chức {detail} năm {year} với sự tham gia của "
        "{n2} đội văn nghệ đến từ các thôn, bản.",
        sentences=(
            "Phần lễ diễn ra trang nghiêm với nghi thức dâng hương, cầu cho mưa thuận gió hòa, "
            "mùa màng bội thu.",
            "Phần hội sôi nổi với các trò chơi dân gian như kéo co, đẩy gậy, ném còn và bắt vịt dưới ao.",
            "Những làn điệu dân ca mộc mạc do chính người dân biểu diễn nhận được nhiều tràng "
            "pháo tay của khán giả.",
            "Các gian hàng ẩm thực giới thiệu món ăn truyền thống như xôi ngũ sắc, bánh chưng "
            "đen, thịt trâu gác bếp.",
            "{Resident} năm nay đã ngoài bảy mươi tuổi nhưng vẫn tham gia tập luyện cùng đội "
            "văn nghệ của thôn suốt một tháng.",
            "Ban tổ chức bố trí lực lượng bảo đảm an ninh trật tự, phân luồng giao thông để "
            "người dân vui hội an toàn.",
            "Lễ hội là dịp để các thế hệ gặp gỡ, trao truyền những nét văn hóa đẹp của cha ông cho lớp trẻ.",
            "Du khách đến từ Hà Nội và các tỉnh lân cận hào hứng chụp ảnh, tìm hiểu phong tục của đồng bào.",
        ),
        captions=(
            "Tiết mục văn nghệ tại {detail} ở {place}.",
            "Người dân và du khách tham gia trò chơi dân gian tại {place}.",
        ),
        tags=("Lễ hội", "Văn hóa"),
    ),
    Topic(
        key="truong-hoc",
        titles=("{Place} khánh thành {detail}", "Niềm vui {detail} ở {place}"),
        details=("điểm trường mầm non mới", "nhà bán trú cho học sinh", "phòng học bộ môn"),
        sapos=(
            "Công trình {detail} tại {place} được đưa vào sử dụng, giúp học sinh có thêm điều "
            "kiện học tập và sinh hoạt tốt hơn.",
            "Từ nguồn xã hội hóa và vốn ngân sách, {place} đã hoàn thành {detail} trước thời "
            "hạn gần một tháng.",
        ),
        lead="{when}, Trường Tiểu học {place} tổ chức lễ đưa vào sử dụng "
        "{detail} với tổng kinh phí hơn {money} tỷ đồng.",
        sentences=(
            "Công trình gồm {n} phòng học, phòng thư viện, khu vệ sinh khép kín và sân chơi "
            "lát gạch rộng rãi.",
            "Trước đây, học sinh phải học trong các phòng tạm lợp tôn, mùa hè nóng bức, mùa "
            "đông gió lùa lạnh buốt.",
            "Năm học này, trường có {n3} học sinh, trong đó hơn {pct}% là con em đồng bào dân tộc thiểu số.",
            "Cô giáo {official} xúc động chia sẻ các em giờ đây được ăn ở ngay tại trường nên "
            "tỷ lệ chuyên cần tăng rõ rệt.",
            "Phụ huynh trong thôn đã góp hàng trăm ngày công san gạt mặt bằng và vận chuyển "
            "vật liệu cho công trình.",
            "Nhà trường chú trọng dạy tiếng Việt cho trẻ mầm non để các em tự tin khi bước vào lớp một.",
            "Ngành giáo dục {prov} đặt mục tiêu xóa toàn bộ phòng học tạm, phòng học mượn trong năm học tới.",
            "Nhân dịp này, các nhà hảo tâm trao tặng {n3} suất quà gồm sách vở, áo ấm và chăn "
            "cho học sinh nghèo.",
        ),
        captions=(
            "Học sinh {place} trong {detail}.",
            "Các em học sinh vui mừng ngày khánh thành công trình.",
        ),
        tags=("Giáo dục", "Trường học"),
    ),
    Topic(
        key="cua-khau",
        titles=("Hàng hóa qua {detail} {place} tăng mạnh", "Thông quan thuận lợi tại {detail} {place}"),
        details=("cửa khẩu", "lối mở biên giới", "điểm thông quan"),
        sapos=(
            "Những tháng cuối năm, lượng phương tiện chở nông sản qua {detail} {place} tăng "
            "cao, các lực lượng chức năng làm việc cả ngày nghỉ.",
            "Việc áp dụng khai báo điện tử giúp rút ngắn thời gian thông quan tại {detail} "
            "{place} xuống còn vài chục phút mỗi xe.",
        ),
        lead="{when}, Ban Quản lý khu kinh tế {province} cho biết mỗi ngày có khoảng {n3} "
        "lượt phương tiện làm thủ tục qua {detail} {place}.",
        sentences=(
            "Mặt hàng xuất khẩu chủ yếu là hoa quả tươi, tinh bột sắn và thủy sản, trong khi "
            "hàng nhập khẩu phần lớn là máy móc, vật tư nông nghiệp.",
            "Các lực lượng hải quan, biên phòng và kiểm dịch phối hợp chặt chẽ, không để xe "
            "hàng ùn tắc kéo dài.",
            "Doanh nghiệp được hướng dẫn khai báo trực tuyến trên nền tảng cửa khẩu số trước "
            "khi phương tiện đến bãi.",
            "Tổng kim ngạch xuất nhập khẩu qua địa bàn từ đầu năm ước đạt {big} triệu USD, tăng "
            "{n2}% so với cùng kỳ.",
            "Bãi kiểm hóa được mở rộng thêm {n} nghìn m2, có mái che và hệ thống camera giám "
            "sát hoạt động suốt ngày đêm.",
            "Ông {official}, đại diện một doanh nghiệp vận tải, cho biết thủ tục nay gọn hơn "
            "nhiều so với vài năm trước.",
            "Lực lượng biên phòng tăng cường tuần tra, kiểm soát, ngăn chặn buôn lậu và vận "
            "chuyển hàng cấm qua biên giới.",
            "Tỉnh đang kêu gọi đầu tư trung tâm logistics để phục vụ dòng hàng ngày càng lớn.",
        ),
        captions=(
            "Xe chở hàng chờ làm thủ tục tại {detail} {place}.",
            "Cán bộ hải quan kiểm tra hàng hóa xuất khẩu tại {place}.",
        ),
        tags=("Kinh tế cửa khẩu", "Xuất nhập khẩu"),
        sites=NORTH,
    ),
    Topic(
        key="du-lich",
        titles=("{Detail} hút khách ở {place}", "{Place} phát triển {detail}"),
        details=("du lịch cộng đồng", "homestay ven suối", "du lịch trải nghiệm nông nghiệp"),
        sapos=(
            "Từ những ngôi nhà truyền thống, nhiều hộ dân ở {place} đã làm {detail}, có thêm "
            "nguồn thu ổn định quanh năm.",
            "{Detail} đang mở ra hướng đi mới cho người dân {place}, vừa giữ được cảnh quan vừa "
            "nâng cao thu nhập.",
        ),
        lead="{when}, Phòng Văn hóa - Xã hội {place} cho biết từ đầu năm địa phương đã đón "
        "hơn {big} lượt khách đến trải nghiệm {detail}.",
        sentences=(
            "Du khách được cùng người dân đi hái rau, bắt cá, nấu cơm lam và thưởng thức các "
            "món ăn của địa phương.",
            "Mỗi homestay có thể đón khoảng {n2} khách một lượt, giá phòng từ {n3} nghìn đồng mỗi đêm.",
            "{Resident} kể rằng ban đầu gia đình chỉ có vài chiếc đệm, nay đã đầu tư thêm khu "
            "vệ sinh và bếp riêng cho khách.",
            "Xã tổ chức các lớp tập huấn kỹ năng đón tiếp, nấu ăn và giới thiệu văn hóa cho "
            "các hộ làm du lịch.",
            "Những cung đường quanh co, ruộng bậc thang và đồi chè là nơi check-in được giới trẻ yêu thích.",
            "Nhiều gia đình đã mở quầy bán đặc sản, đồ thủ công để phục vụ khách mang về làm quà.",
            "Địa phương khuyến khích giữ kiến trúc nhà truyền thống và hạn chế xây dựng bê "
            "tông hóa trong khu du lịch.",
            "Doanh thu từ du lịch năm nay ước đạt hơn {money} tỷ đồng, gấp đôi năm trước.",
        ),
        captions=(
            "Du khách trải nghiệm {detail} tại {place}.",
            "Một homestay của người dân {place}.",
        ),
        tags=("Du lịch", "Homestay"),
    ),
    Topic(
        key="hoi-nghi",
        titles=("{Place} {detail}", "Hội nghị {detail} của {place}"),
        details=(
            "tổng kết công tác dân vận",
            "triển khai nhiệm vụ quý cuối năm",
            "đối thoại với thanh niên",
        ),
        sapos=(
            "Hội nghị đánh giá kết quả đạt được, chỉ rõ hạn chế và thống nhất nhiều giải pháp "
            "cho thời gian tới của {place}.",
            "Tại hội nghị {detail}, nhiều ý kiến tâm huyết đã được gửi tới lãnh đạo {place}.",
        ),
        lead="{when}, Ban Thường vụ Đảng ủy {place} tổ chức hội nghị {detail} với sự tham "
        "dự của {n3} đại biểu.",
        sentences=(
            "Báo cáo tại hội nghị cho thấy các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch đề ra.",
            "Công tác cải cách hành chính có chuyển biến, tỷ lệ hồ sơ giải quyết đúng hạn đạt hơn {pct}%.",
            "Các đại biểu thẳng thắn chỉ ra một số tồn tại như tiến độ giải ngân vốn đầu tư công còn chậm.",
            "Phát biểu kết luận, đồng chí {official} đề nghị các chi bộ bám sát cơ sở, lắng "
            "nghe ý kiến nhân dân.",
            "Hội nghị đã khen thưởng {n2} tập thể và cá nhân có thành tích xuất sắc trong năm.",
            "Nhiều kiến nghị về đất đai, môi trường và việc làm đã được trả lời ngay tại hội nghị.",
            "Đảng ủy yêu cầu các cơ quan chuyên môn phân công rõ người, rõ việc, rõ thời hạn hoàn thành.",
            "Mô hình dân vận khéo tiếp tục được nhân rộng ở tất cả các thôn, tổ dân phố.",
        ),
        captions=(
            "Quang cảnh hội nghị {detail} tại {place}.",
            "Đại biểu phát biểu ý kiến tại hội nghị.",
        ),
        tags=("Hội nghị", "Xây dựng Đảng"),
    ),
    Topic(
        key="thien-tai",
        titles=("{Place} chủ động {detail}", "Khẩn trương {detail} ở {place}"),
        details=("phòng chống sạt lở", "ứng phó mưa lũ", "khắc phục hậu quả mưa lớn"),
        sapos=(
            "Trước diễn biến phức tạp của thời tiết, {place} đã rà soát các điểm nguy hiểm và "
            "sẵn sàng phương án di dời người dân.",
            "Lực lượng chức năng {place} đang {detail}, bảo đảm an toàn tính mạng và tài sản của nhân dân.",
        ),
        lead="{when}, Ban Chỉ huy phòng thủ dân sự {place} cho biết mưa lớn kéo dài đã làm "
        "{n} tuyến đường bị sạt lở taluy, ách tắc cục bộ.",
        sentences=(
            "Ngay trong đêm, xã huy động lực lượng dân quân, công an và máy xúc đến hiện trường "
            "để thông tuyến.",
            "{n2} hộ dân sống gần khu vực có nguy cơ cao đã được di chuyển đến nơi ở tạm an toàn.",
            "Cơ quan khí tượng dự báo trong {n} ngày tới, khu vực còn mưa vừa, có nơi mưa to.",
            "Người dân được khuyến cáo không qua lại các ngầm tràn khi nước lớn và không vớt củi trên suối.",
            "Hệ thống loa truyền thanh phát thông tin cảnh báo nhiều lần trong ngày bằng cả "
            "tiếng phổ thông và tiếng dân tộc.",
            "Xã đã chuẩn bị sẵn lương thực, nước uống và thuốc men tại các điểm có nguy cơ bị chia cắt.",
            "Thiệt hại ban đầu ước tính khoảng {money} tỷ đồng, chủ yếu là hoa màu và công trình giao thông.",
            "Đoàn công tác của tỉnh đã đến thăm hỏi, hỗ trợ các gia đình bị ảnh hưởng.",
        ),
        captions=(
            "Lực lượng chức năng {detail} tại {place}.",
            "Máy xúc thông tuyến đường bị sạt lở ở {place}.",
        ),
        tags=("Thiên tai", "Phòng chống thiên tai"),
    ),
    Topic(
        key="y-te",
        titles=("{Place} đẩy mạnh {detail}", "Người dân {place} hưởng ứng {detail}"),
        details=("tiêm chủng mở rộng", "khám sàng lọc miễn phí", "chiến dịch phòng sốt xuất huyết"),
        sapos=(
            "Trạm Y tế {place} phối hợp với các thôn, bản tổ chức {detail}, hướng tới mục tiêu "
            "bảo vệ sức khỏe cộng đồng.",
            "Đợt {detail} tại {place} đã thu hút đông đảo người dân, nhất là người cao tuổi và trẻ em.",
        ),
        lead="{when}, Trung tâm Y tế khu vực phối hợp với Trạm Y tế {place} triển khai đợt "
        "{detail} cho hơn {n3} người dân.",
        sentences=(
            "Các y, bác sĩ đến tận thôn để khám, tư vấn và phát thuốc miễn phí cho bà con.",
            "Tỷ lệ trẻ dưới một tuổi được tiêm chủng đầy đủ trên địa bàn đạt {pct}%.",
            "Nhân viên y tế thôn bản đến từng nhà vận động những gia đình còn e ngại đưa trẻ đi tiêm.",
            "{Resident} cho biết được khám bệnh gần nhà nên không phải đi xa, tiết kiệm thời "
            "gian và chi phí.",
            "Ngành y tế khuyến cáo người dân thường xuyên diệt lăng quăng, lật úp dụng cụ chứa "
            "nước quanh nhà.",
            "Qua khám sàng lọc, {n2} trường hợp được phát hiện bệnh sớm và hướng dẫn điều trị kịp thời.",
            "Trạm y tế đã được trang bị thêm máy siêu âm và tủ lạnh bảo quản vắc xin.",
            "Chiến dịch sẽ kéo dài đến hết tháng, ưu tiên các thôn vùng sâu, vùng xa.",
        ),
        captions=(
            "Nhân viên y tế {place} thực hiện {detail}.",
            "Người dân đến khám bệnh tại Trạm Y tế {place}.",
        ),
        tags=("Y tế", "Sức khỏe cộng đồng"),
    ),
    Topic(
        key="chuyen-doi-so",
        titles=(
            "{Place} đưa {detail} đến với người dân",
            "Tổ công nghệ số cộng đồng {place} hỗ trợ {detail}",
        ),
        details=("dịch vụ công trực tuyến", "thanh toán không dùng tiền mặt", "sổ sức khỏe điện tử"),
        sapos=(
            "Tổ công nghệ số cộng đồng ở {place} đã đến từng nhà hướng dẫn bà con sử dụng "
            "{detail} ngay trên điện thoại.",
            "Nhờ {detail}, người dân {place} giờ đây có thể làm nhiều thủ tục mà không cần đến trụ sở xã.",
        ),
        lead="{when}, UBND {place} ra mắt mô hình hỗ trợ {detail} với {n2} thành viên là "
        "đoàn viên thanh niên và cán bộ thôn.",
        sentences=(
            "Các thành viên hướng dẫn người dân cài đặt ứng dụng định danh điện tử và nộp hồ sơ trực tuyến.",
            "Từ đầu năm, tỷ lệ hồ sơ nộp qua mạng tại bộ phận một cửa của xã đạt khoảng {pct}%.",
            "Nhiều tiểu thương ở chợ đã dùng mã QR để nhận tiền, không còn lo thiếu tiền lẻ.",
            "{Resident} lần đầu tự làm thủ tục cấp giấy khai sinh cho cháu qua điện thoại chỉ "
            "trong vài phút.",
            "Xã bố trí máy tính và đường truyền miễn phí tại nhà văn hóa để người dân đến sử dụng.",
            "Với người cao tuổi, tổ công nghệ số kiên trì cầm tay chỉ việc, hướng dẫn nhiều lần.",
            "Mục tiêu đến cuối năm, mỗi hộ gia đình có ít nhất một người biết sử dụng dịch vụ "
            "công trực tuyến.",
            "Chính quyền xã cũng công khai số điện thoại hỗ trợ để người dân gọi khi gặp vướng mắc.",
        ),
        captions=(
            "Đoàn viên thanh niên hướng dẫn người dân {place} sử dụng {detail}.",
            "Bộ phận một cửa của {place}.",
        ),
        tags=("Chuyển đổi số", "Dịch vụ công"),
    ),
    Topic(
        key="ocop",
        titles=("Nâng tầm {detail} của {place}", "{Detail} {place} đạt chuẩn OCOP"),
        details=("sản phẩm mật ong", "tinh dầu sả", "bánh truyền thống"),
        sapos=(
            "Sau khi đạt chuẩn OCOP, {detail} của {place} được nhiều siêu thị và sàn thương mại "
            "điện tử nhận bày bán.",
            "Từ sản phẩm làm thủ công, {detail} của {place} nay đã có bao bì, tem truy xuất "
            "nguồn gốc rõ ràng.",
        ),
        lead="{when}, Hội đồng đánh giá sản phẩm OCOP {province} công nhận {detail} của một "
        "hợp tác xã ở {place} đạt {n} sao.",
        sentences=(
            "Hợp tác xã hiện có {n2} thành viên, mỗi năm cung ứng ra thị trường hơn {n2} tấn sản phẩm.",
            "Nguyên liệu được thu mua từ các hộ trong vùng theo quy trình sản xuất an toàn.",
            "Giám đốc hợp tác xã {official} cho biết đơn hàng tăng mạnh sau khi sản phẩm được gắn sao OCOP.",
            "Sản phẩm được giới thiệu tại nhiều hội chợ xúc tiến thương mại trong và ngoài tỉnh.",
            "Bao bì mới in hình ảnh văn hóa địa phương, giúp sản phẩm trở thành món quà được "
            "du khách ưa chuộng.",
            "Tỉnh hỗ trợ kinh phí thiết kế nhãn mác và xây dựng trang bán hàng trực tuyến cho "
            "các chủ thể OCOP.",
            "Doanh thu của hợp tác xã năm nay ước đạt {money} tỷ đồng, tạo việc làm cho {n2} lao động.",
            "Thời gian tới, đơn vị sẽ hoàn thiện hồ sơ để nâng hạng sản phẩm lên cấp cao hơn.",
        ),
        captions=(
            "{Detail} của {place} được trưng bày tại hội chợ.",
            "Thành viên hợp tác xã đóng gói sản phẩm OCOP.",
        ),
        tags=("OCOP", "Kinh tế hợp tác"),
    ),
    Topic(
        key="trong-rung",
        titles=("{Place} trồng mới {detail}", "Hiệu quả từ {detail} ở {place}"),
        details=("rừng quế", "rừng hồi", "rừng gỗ lớn"),
        sapos=(
            "Nhờ được hỗ trợ cây giống và kỹ thuật, người dân {place} đã mở rộng diện tích "
            "{detail}, phủ xanh đất trống đồi trọc.",
            "{Detail} đang trở thành cây làm giàu của nhiều gia đình ở {place}.",
        ),
        lead="{when}, Hạt Kiểm lâm khu vực cho biết từ đầu năm {place} đã trồng mới hơn {ha} "
        "ha {detail}, vượt kế hoạch được giao.",
        sentences=(
            "Cây giống được cấp miễn phí cho các hộ có đất lâm nghiệp và cam kết chăm sóc ít nhất ba năm.",
            "Bà con tranh thủ những ngày mưa ẩm để xuống giống, bảo đảm tỷ lệ cây sống cao.",
            "{Resident} hiện có gần {n2} ha rừng, mỗi năm thu về vài trăm triệu đồng từ bán vỏ và lá.",
            "Kiểm lâm địa bàn thường xuyên tuyên truyền người dân không đốt nương làm rẫy trong mùa khô.",
            "Độ che phủ rừng của địa phương đã tăng lên khoảng {pct}%.",
            "Nhiều hộ liên kết với doanh nghiệp để tiêu thụ sản phẩm theo tiêu chuẩn hữu cơ.",
            "Các tổ đội quản lý bảo vệ rừng được thành lập ở từng thôn, tuần tra hằng tuần.",
            "Tiền chi trả dịch vụ môi trường rừng giúp người dân có thêm thu nhập để gắn bó với rừng.",
        ),
        captions=(
            "Người dân {place} trồng {detail}.",
            "Diện tích {detail} xanh tốt ở {place}.",
        ),
        tags=("Lâm nghiệp", "Trồng rừng"),
        sites=NORTH,
    ),
    Topic(
        key="cay-an-qua",
        titles=("Vườn {detail} ở {place} được mùa", "{Place} xây dựng vùng {detail} an toàn"),
        details=("cam sành", "bưởi", "chuối"),
        sapos=(
            "Năm nay, vườn {detail} của nhiều gia đình ở {place} sai trĩu quả, giá bán ổn định "
            "nên bà con rất phấn khởi.",
            "Áp dụng quy trình sản xuất an toàn giúp {detail} của {place} dễ dàng vào các chuỗi siêu thị.",
        ),
        lead="{when}, Hội Nông dân {place} cho biết toàn địa bàn có hơn {ha} ha {detail}, sản "
        "lượng ước đạt {big} tấn.",
        sentences=(
            "Thương lái đến tận vườn thu mua với giá khoảng {n2} nghìn đồng mỗi ki-lô-gam.",
            "Nhiều nhà vườn đã được cấp mã số vùng trồng, đủ điều kiện cung ứng cho thị trường khó tính.",
            "{Resident} cho biết nhờ bón phân hữu cơ và tỉa cành đúng kỹ thuật, quả to và ngọt hơn.",
            "Hội Nông dân tổ chức cho hội viên đi học tập mô hình trồng cây ăn quả ở các tỉnh bạn.",
            "Ngoài bán quả tươi, một số hộ đã làm mứt, sấy khô để kéo dài thời gian tiêu thụ.",
            "Cán bộ khuyến nông hướng dẫn bà con phòng trừ sâu bệnh bằng chế phẩm sinh học.",
            "Vườn cây còn đón khách đến tham quan, tự tay hái quả vào cuối tuần.",
            "Địa phương đang xây dựng nhãn hiệu tập thể cho sản phẩm để nâng cao giá trị.",
        ),
        captions=(
            "Vườn {detail} sai quả của người dân {place}.",
            "Nông dân {place} thu hoạch {detail}.",
        ),
        tags=("Cây ăn quả", "Nông nghiệp"),
    ),
    Topic(
        key="nha-o",
        titles=("{Place} hoàn thành {detail}", "Mái ấm mới cho hộ nghèo ở {place} nhờ {detail}"),
        details=("xóa nhà tạm", "chương trình hỗ trợ nhà ở", "phong trào chung tay vì người nghèo"),
        sapos=(
            "Nhờ sự chung tay của cộng đồng, {n2} hộ nghèo ở {place} đã có nhà mới kiên cố "
            "trước mùa mưa bão.",
            "Chương trình {detail} giúp nhiều gia đình ở {place} yên tâm lao động, sản xuất.",
        ),
        lead="{when}, Ủy ban Mặt trận Tổ quốc {place} tổ chức bàn giao {n} ngôi nhà cho hộ "
        "nghèo theo chương trình {detail}.",
        sentences=(
            "Mỗi ngôi nhà được hỗ trợ {n} chục triệu đồng, phần còn lại do gia đình và dòng họ đóng góp.",
            "Đoàn viên thanh niên và dân quân giúp vận chuyển vật liệu, dựng khung nhà.",
            "{Resident} rưng rưng xúc động khi nhận chìa khóa ngôi nhà mới.",
            "Trước đây, cả gia đình năm người sống trong căn nhà tranh vách đất đã xuống cấp.",
            "Các doanh nghiệp trên địa bàn ủng hộ xi măng, tôn lợp và giường tủ cho các hộ.",
            "Xã tiếp tục rà soát để hỗ trợ những trường hợp khó khăn về nhà ở còn lại.",
            "Cán bộ Mặt trận thường xuyên đến thăm, động viên các hộ vươn lên thoát nghèo bền vững.",
            "Đến nay, tỷ lệ hộ nghèo của địa phương giảm còn khoảng {n},{n}%.",
        ),
        captions=(
            "Bàn giao nhà cho hộ nghèo ở {place}.",
            "Ngôi nhà mới được xây dựng từ chương trình {detail}.",
        ),
        tags=("Giảm nghèo", "An sinh xã hội"),
    ),
    Topic(
        key="thanh-nien",
        titles=("Tuổi trẻ {place} ra quân {detail}", "Đoàn viên {place} sôi nổi {detail}"),
        details=("tình nguyện mùa thu", "làm sạch môi trường", "hỗ trợ trẻ em vùng cao"),
        sapos=(
            "Hàng trăm đoàn viên thanh niên {place} đã tham gia {detail} với nhiều phần việc thiết thực.",
            "Chiến dịch {detail} để lại nhiều công trình ý nghĩa trên địa bàn {place}.",
        ),
        lead="{when}, Đoàn Thanh niên {place} tổ chức lễ ra quân chiến dịch {detail} với "
        "sự tham gia của {n3} đoàn viên.",
        sentences=(
            "Các đội hình tình nguyện dọn vệ sinh, phát quang đường làng và sửa chữa nhà văn hóa.",
            "Đoàn viên cũng tổ chức lớp dạy kỹ năng sống và ôn tập kiến thức cho học sinh.",
            "Nhiều bạn trẻ dùng mạng xã hội để kêu gọi quyên góp sách vở, quần áo cho trẻ em.",
            "Bí thư Đoàn xã {official} cho biết chiến dịch sẽ kéo dài đến cuối tháng.",
            "Công trình thanh niên năm nay là tuyến đường hoa dài gần {n} km.",
            "Hoạt động hiến máu tình nguyện thu về {n3} đơn vị máu.",
            "Tinh thần xung kích của tuổi trẻ được người dân ghi nhận và ủng hộ.",
            "Kết thúc chiến dịch, các tập thể và cá nhân tiêu biểu sẽ được biểu dương.",
        ),
        captions=(
            "Đoàn viên thanh niên {place} tham gia {detail}.",
            "Đội hình tình nguyện làm việc tại {place}.",
        ),
        tags=("Thanh niên", "Tình nguyện"),
    ),
    Topic(
        key="cho-noi",
        titles=("{Detail} nhộn nhịp ở {place}", "Giữ hồn {detail} {place}"),
        details=("chợ nổi", "chợ quê ven sông", "phiên chợ sáng"),
        sapos=(
            "Từ tờ mờ sáng, {detail} ở {place} đã tấp nập ghe thuyền chở nông sản, thu hút "
            "đông đảo du khách.",
            "Nhiều giải pháp đang được triển khai để giữ nét văn hóa sông nước của {detail} {place}.",
        ),
        lead="{when}, Trung tâm Văn hóa - Thể thao {place} phối hợp với các hộ kinh doanh tổ "
        "chức chương trình làm đẹp {detail}.",
        sentences=(
            "Mỗi ghe treo cây bẹo với trái cây, rau củ để khách nhìn từ xa là biết bán mặt hàng gì.",
            "Các tàu du lịch đưa khách len lỏi giữa chợ, thưởng thức hủ tiếu và cà phê ngay trên sông.",
            "{Resident} đã gắn bó với chợ gần {n2} năm, ngày nào cũng dậy từ ba giờ sáng.",
            "Lực lượng chức năng hướng dẫn người bán không xả rác xuống sông.",
            "Thành phố có kế hoạch chỉnh trang bến tàu và bổ sung phao cứu sinh cho ghe nhỏ.",
            "Du khách nước ngoài thích thú học cách gọt thơm, chèo xuồng cùng người dân.",
            "Mỗi ngày có khoảng {n3} ghe xuồng tham gia mua bán tại chợ.",
            "Ngành du lịch mong muốn chợ trở thành điểm đến hấp dẫn vào mọi mùa trong năm.",
        ),
        captions=(
            "Ghe thuyền tấp nập tại {detail} {place}.",
            "Du khách mua trái cây trên sông ở {place}.",
        ),
        tags=("Chợ nổi", "Du lịch sông nước"),
        sites=CANTHO,
    ),
    Topic(
        key="thuy-san",
        titles=("Người nuôi {detail} ở {place} lãi khá", "{Place} mở rộng vùng nuôi {detail}"),
        details=("cá tra", "tôm càng xanh", "cá thát lát"),
        sapos=(
            "Giá {detail} tăng trở lại giúp nhiều hộ nuôi ở {place} có lãi sau thời gian dài khó khăn.",
            "Áp dụng quy trình nuôi tuần hoàn tiết kiệm nước giúp người nuôi {detail} ở {place} "
            "giảm chi phí.",
        ),
        lead="{when}, Phòng Kinh tế {place} cho biết diện tích nuôi {detail} trên địa bàn "
        "đạt hơn {ha} ha, sản lượng ước {big} tấn.",
        sentences=(
            "Giá bán tại ao hiện ở mức {n2} nghìn đồng mỗi ki-lô-gam, người nuôi lãi vài nghìn đồng mỗi ký.",
            "{Resident} cho biết gia đình có {n} ao nuôi, vụ này thu hoạch sớm hơn dự kiến.",
            "Doanh nghiệp chế biến đã ký hợp đồng bao tiêu toàn bộ sản lượng đạt chuẩn.",
            "Người nuôi được khuyến cáo thả giống có nguồn gốc rõ ràng và kiểm soát chặt chất lượng nước.",
            "Mô hình nuôi kết hợp trồng lúa đang cho hiệu quả cao và thân thiện với môi trường.",
            "Ngành chức năng tăng cường quan trắc môi trường để cảnh báo dịch bệnh kịp thời.",
            "Một số hộ đã lắp hệ thống quạt nước dùng điện mặt trời để tiết kiệm chi phí.",
            "Địa phương định hướng phát triển vùng nuôi tập trung gắn với chế biến xuất khẩu.",
        ),
        captions=(
            "Thu hoạch {detail} tại {place}.",
            "Ao nuôi {detail} của người dân {place}.",
        ),
        tags=("Thủy sản", "Nuôi trồng thủy sản"),
        sites=CANTHO,
    ),
    Topic(
        key="an-toan-giao-thong",
        titles=("{Place} ra quân {detail}", "Tăng cường {detail} trên địa bàn {place}"),
        details=(
            "bảo đảm trật tự an toàn giao thông",
            "kiểm tra nồng độ cồn",
            "tuyên truyền luật giao thông",
        ),
        sapos=(
            "Lực lượng chức năng {place} đẩy mạnh {detail}, kiên quyết xử lý các hành vi vi phạm.",
            "Đợt cao điểm {detail} giúp số vụ tai nạn trên địa bàn {place} giảm rõ rệt.",
        ),
        lead="{when}, Công an {place} ra quân đợt cao điểm {detail} đến hết năm {year}.",
        sentences=(
            "Các tổ công tác được bố trí tại những tuyến đường có mật độ phương tiện cao vào "
            "giờ tan học, tan tầm.",
            "Trong tuần đầu, lực lượng chức năng đã lập biên bản {n2} trường hợp vi phạm.",
            "Lỗi phổ biến là không đội mũ bảo hiểm, chở quá số người quy định và điều khiển xe "
            "sau khi uống rượu bia.",
            "Công an xã phối hợp với nhà trường tuyên truyền cho học sinh không đi xe máy khi chưa đủ tuổi.",
            "Nhiều quán ăn đã treo khẩu hiệu nhắc khách đã uống rượu bia thì không lái xe.",
            "Các điểm đen về tai nạn được khảo sát để đề xuất lắp biển báo, gương cầu lồi.",
            "{Resident} cho rằng việc xử lý nghiêm giúp người dân có ý thức hơn khi tham gia giao thông.",
            "Từ đầu năm, số vụ tai nạn giao thông giảm {n2}% so với cùng kỳ.",
        ),
        captions=(
            "Lực lượng công an {place} {detail}.",
            "Tuyên truyền an toàn giao thông cho học sinh {place}.",
        ),
        tags=("An toàn giao thông", "Công an"),
    ),
    Topic(
        key="the-thao",
        titles=("Sôi nổi {detail} {place}", "Bế mạc {detail} {place} năm {year}"),
        details=("giải bóng chuyền hơi", "giải việt dã", "hội thao nông dân"),
        sapos=(
            "{Detail} {place} năm nay quy tụ hàng trăm vận động viên đến từ các thôn, tổ dân phố.",
            "Sau nhiều ngày tranh tài sôi nổi, {detail} {place} đã khép lại với nhiều trận đấu hấp dẫn.",
        ),
        lead="{when}, UBND {place} khai mạc {detail} năm {year} với {n2} đội tham gia.",
        sentences=(
            "Các trận đấu diễn ra trên sân nhà văn hóa, thu hút đông đảo cổ động viên.",
            "Nhiều vận động viên là nông dân, tranh thủ tập luyện sau giờ làm đồng.",
            "Đội thôn {n} giành giải nhất sau trận chung kết kịch tính kéo dài ba hiệp.",
            "Ban tổ chức trao cúp, cờ và tiền thưởng cho các đội đạt giải.",
            "Giải đấu góp phần đẩy mạnh phong trào toàn dân rèn luyện thân thể theo gương Bác Hồ vĩ đại.",
            "Kinh phí tổ chức chủ yếu từ nguồn xã hội hóa do doanh nghiệp và con em xa quê đóng góp.",
            "{Resident}, một cổ động viên, cho biết năm nào cũng mong đến mùa giải.",
            "Qua giải, xã sẽ chọn vận động viên tiêu biểu tham dự đại hội thể dục thể thao cấp tỉnh.",
        ),
        captions=(
            "Trận đấu tại {detail} {place}.",
            "Ban tổ chức trao giải cho các đội tại {place}.",
        ),
        tags=("Thể thao", "Phong trào thể dục thể thao"),
    ),
    Topic(
        key="nuoc-sach",
        titles=("{Place} đưa {detail} vào sử dụng", "Niềm vui có {detail} ở {place}"),
        details=("công trình nước sạch", "kênh thủy lợi mới", "trạm bơm điện"),
        sapos=(
            "Hàng trăm hộ dân ở {place} đã có nước sạch sinh hoạt và tưới tiêu ổn định nhờ {detail}.",
            "{Detail} tại {place} giúp giải quyết tình trạng thiếu nước kéo dài nhiều năm.",
        ),
        lead="{when}, Ban Quản lý dự án {place} bàn giao {detail} phục vụ hơn {n3} hộ dân với "
        "tổng mức đầu tư {money} tỷ đồng.",
        sentences=(
            "Công trình gồm bể chứa, hệ thống lọc và gần {n2} km đường ống dẫn đến từng cụm dân cư.",
            "Trước đây, vào mùa khô, người dân phải đi vài cây số để gánh nước về dùng.",
            "{Resident} cho biết giờ đây mở vòi là có nước, không còn lo cảnh giếng cạn.",
            "Tổ quản lý vận hành do người dân bầu ra, thu phí thấp để bảo dưỡng công trình.",
            "Kênh mương được kiên cố hóa giúp tưới chủ động cho hơn {ha} ha lúa và hoa màu.",
            "Nước được kiểm tra chất lượng định kỳ, bảo đảm đạt quy chuẩn sinh hoạt.",
            "Địa phương tuyên truyền người dân sử dụng nước tiết kiệm và bảo vệ nguồn nước.",
            "Tỷ lệ hộ dân nông thôn được dùng nước hợp vệ sinh của địa phương đạt {pct}%.",
        ),
        captions=(
            "{Detail} tại {place}.",
            "Người dân {place} sử dụng nước sạch từ công trình mới.",
        ),
        tags=("Nước sạch", "Thủy lợi"),
    ),
    Topic(
        key="viec-lam",
        titles=("{Place} mở {detail}", "Lao động {place} có việc làm nhờ {detail}"),
        details=(
            "lớp dạy nghề may công nghiệp",
            "phiên giao dịch việc làm",
            "lớp đào tạo nghề sửa chữa máy nông nghiệp",
        ),
        sapos=(
            "{Detail} tại {place} giúp nhiều lao động nông thôn có thêm kỹ năng và cơ hội việc làm ổn định.",
            "Sau khi tham gia {detail}, nhiều thanh niên {place} đã được doanh nghiệp tuyển dụng.",
        ),
        lead="{when}, Trung tâm Dịch vụ việc làm {province} phối hợp với UBND {place} tổ chức "
        "{detail} cho {n2} học viên.",
        sentences=(
            "Học viên được học lý thuyết kết hợp thực hành ngay tại xưởng của doanh nghiệp.",
            "Toàn bộ học phí được hỗ trợ, học viên còn được trợ cấp tiền ăn và đi lại.",
            "{Resident} cho biết sau khóa học có thể vừa làm tại nhà vừa chăm sóc con nhỏ.",
            "Nhiều doanh nghiệp tham gia tuyển dụng với mức lương khoảng {n} triệu đồng mỗi tháng.",
            "Tỷ lệ học viên có việc làm sau đào tạo đạt khoảng {pct}%.",
            "Địa phương chú trọng đào tạo nghề gắn với nhu cầu thực tế của thị trường lao động.",
            "Người lao động được tư vấn kỹ về hợp đồng, bảo hiểm xã hội trước khi nhận việc.",
            "Năm nay, xã phấn đấu giải quyết việc làm mới cho hơn {n3} lao động.",
        ),
        captions=(
            "Học viên {detail} tại {place}.",
            "Lao động {place} tìm hiểu thông tin tuyển dụng.",
        ),
        tags=("Việc làm", "Đào tạo nghề"),
    ),
)

# Sentences that fit any story, near its end.
GENERIC: tuple[str, ...] = (
    "Thời gian qua, cấp ủy, chính quyền {place} luôn quan tâm tạo điều kiện để người dân phát triển kinh tế.",
    "Người dân đồng tình, hưởng ứng và tích cực tham gia vì thấy rõ lợi ích thiết thực.",
    "Bên cạnh kết quả đạt được, địa phương vẫn còn những khó khăn về nguồn lực và nhân lực.",
    "Theo lãnh đạo {place}, bài học lớn nhất là phải lấy người dân làm trung tâm.",
    "Nhiều mô hình hay, cách làm sáng tạo đã được các thôn học tập và nhân rộng.",
    "Công tác tuyên truyền được thực hiện thường xuyên qua loa truyền thanh và các buổi họp thôn.",
    "Các đoàn thể phát huy vai trò nòng cốt trong vận động hội viên cùng thực hiện.",
    "Kết quả này góp phần hoàn thành các mục tiêu phát triển kinh tế - xã hội của {province}.",
    "Đây là dịp để các địa phương chia sẻ kinh nghiệm và học hỏi lẫn nhau.",
    "Cán bộ, đảng viên gương mẫu đi đầu, tạo sức lan tỏa trong cộng đồng dân cư.",
    "Nhiều hộ gia đình đã mạnh dạn thay đổi tập quán cũ, áp dụng tiến bộ khoa học kỹ thuật.",
    "Năm {year}, {province} tiếp tục dành nguồn vốn lớn cho các xã còn nhiều khó khăn.",
    "Các ngành chức năng đã vào cuộc, hỗ trợ kỹ thuật và kinh phí cho địa phương.",
    "Mỗi thôn đều có tổ tự quản, phân công người theo dõi và báo cáo hằng tháng.",
    "Sự đồng lòng của nhân dân là yếu tố quyết định thành công của phong trào.",
    "Nhìn lại chặng đường đã qua, có thể thấy diện mạo nông thôn đã đổi thay rõ rệt.",
    "Tuy vậy, việc duy trì kết quả lâu dài đòi hỏi sự kiên trì của cả hệ thống chính trị.",
    "Lãnh đạo địa phương cho biết sẽ tiếp tục lắng nghe và giải quyết kịp thời kiến nghị của người dân.",
    "Những đổi thay ấy được chính người dân ghi nhận bằng sự hài lòng và tin tưởng.",
    "Hoạt động nhận được sự quan tâm, chỉ đạo sát sao của lãnh đạo {province}.",
    "Kinh phí thực hiện được lồng ghép từ các chương trình mục tiêu quốc gia.",
    "Đến nay, {n2} thôn trên địa bàn đã hoàn thành các nội dung theo kế hoạch.",
)

# Last paragraphs: forward-looking, as most provincial stories end.
CLOSINGS: tuple[str, ...] = (
    "Thời gian tới, {place} sẽ tiếp tục huy động mọi nguồn lực để duy trì và phát huy những kết "
    "quả đã đạt được.",
    "Với quyết tâm cao, {place} đặt mục tiêu hoàn thành toàn bộ kế hoạch trước cuối năm {year}.",
    "Những kết quả bước đầu là động lực để người dân {place} tiếp tục chung sức xây dựng quê "
    "hương ngày càng giàu đẹp.",
    "Địa phương sẽ sơ kết, rút kinh nghiệm để nhân rộng mô hình ra các thôn khác trong thời gian tới.",
    "Chính quyền {place} cam kết đồng hành, tháo gỡ khó khăn để người dân yên tâm sản xuất và "
    "ổn định cuộc sống.",
    "Hy vọng rằng những nỗ lực hôm nay sẽ mang lại cuộc sống ấm no, hạnh phúc hơn cho bà con {place}.",
    "Tin rằng với sự đồng lòng của nhân dân, {place} sẽ sớm hoàn thành các mục tiêu đề ra.",
    "Các ngành chức năng sẽ tiếp tục theo dõi, hướng dẫn để công trình phát huy hiệu quả lâu dài.",
)

# The article with HTML entities tells this story (with OCOP sentences) so that ô, à, ố and &
# all occur in its title, sapo and body.
ENTITY_TOPIC = "ocop"
ENTITY_TITLE = "Hội chợ nông sản & hàng thủ công {place}: tiêu thụ tốt sản phẩm của đồng bào"
ENTITY_SAPO = (
    "Hội chợ nông sản & hàng thủ công tại {place} giúp đồng bào bán được sản phẩm ngay tại địa "
    "phương, với giá tốt hơn."
)
ENTITY_LEAD = (
    "{when}, UBND {place} khai mạc hội chợ nông sản & hàng thủ công với sự tham gia của {n2} hợp "
    "tác xã và tổ hợp tác."
)
ENTITY_SENTENCE = (
    "Ban tổ chức bố trí {n2} gian hàng nông sản & đồ thủ công, thu hút đông đảo người dân đến "
    "mua sắm và tham quan."
)

# ---- places, people, papers -------------------------------------------------------------------

PLACES: dict[str, tuple[str, ...]] = {
    "baolaocai": (
        "xã Bát Xát", "phường Sa Pa", "xã Bắc Hà", "phường Nghĩa Lộ", "xã Mù Cang Chải",
        "xã Trạm Tấu", "xã Văn Bàn", "xã Bảo Yên", "xã Lục Yên", "phường Cam Đường",
        "xã Si Ma Cai", "xã Mường Khương", "xã Văn Chấn", "xã Yên Bình", "xã Bảo Thắng",
        "xã Phong Hải", "xã Tú Lệ", "xã Khánh Yên", "xã Cốc San", "xã Đông Cuông",
    ),
    "baocantho": (
        "phường Ninh Kiều", "phường Cái Răng", "phường Bình Thủy", "phường Ô Môn",
        "phường Thốt Nốt", "xã Phong Điền", "xã Cờ Đỏ", "xã Vĩnh Thạnh", "xã Thới Lai",
        "phường Vị Thanh", "phường Ngã Bảy", "xã Kế Sách", "phường Sóc Trăng", "xã Long Mỹ",
        "xã Châu Thành", "phường Tân An", "xã Trường Long", "xã Mỹ Tú", "xã Thạnh An",
        "phường Long Tuyền",
    ),
    "baolangson": (
        "xã Cao Lộc", "phường Đông Kinh", "xã Đồng Đăng", "xã Hữu Lũng", "xã Chi Lăng",
        "xã Bắc Sơn", "xã Bình Gia", "xã Văn Lãng", "xã Tràng Định", "xã Lộc Bình",
        "xã Đình Lập", "xã Văn Quan", "phường Kỳ Lừa", "xã Mẫu Sơn", "phường Tam Thanh",
        "xã Na Sầm", "xã Thất Khê", "xã Tân Thành", "xã Na Dương", "xã Khuất Xá",
    ),
}  # fmt: skip

PROVINCES: dict[str, tuple[str, str]] = {
    # site: (short name, "tỉnh X" / "thành phố X")
    "baolaocai": ("Lào Cai", "tỉnh Lào Cai"),
    "baocantho": ("Cần Thơ", "thành phố Cần Thơ"),
    "baolangson": ("Lạng Sơn", "tỉnh Lạng Sơn"),
}

RESIDENTS: dict[str, tuple[str, ...]] = {
    "baolaocai": (
        "ông Lò Văn Thắng",
        "bà Hoàng Thị Mai",
        "ông Giàng A Páo",
        "chị Lù Thị Sen",
        "anh Vàng Seo Lử",
        "bà Đặng Thị Nhung",
        "ông Hà Văn Khiêm",
        "anh Sần Văn Dũng",
    ),
    "baocantho": (
        "ông Nguyễn Văn Út",
        "bà Trần Thị Bé Hai",
        "anh Lê Văn Sáu",
        "chị Huỳnh Thị Kiều",
        "ông Thạch Sa Rươne",
        "bà Võ Thị Mười",
        "anh Phan Thanh Tâm",
        "ông Danh Hoàng Phúc",
    ),
    "baolangson": (
        "ông Hoàng Văn Pác",
        "bà Lương Thị Hoa",
        "anh Vi Văn Tuấn",
        "chị Nông Thị Thủy",
        "ông Lộc Văn Chiến",
        "bà Chu Thị Lan",
        "anh Hứa Văn Thịnh",
        "ông Mông Văn Đoàn",
    ),
}

OFFICIALS: tuple[str, ...] = (
    "Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Minh Tuấn", "Phạm Quốc Bảo", "Hoàng Thị Ngọc",
    "Đỗ Văn Kiên", "Vũ Thị Hồng", "Bùi Đức Thịnh", "Lý Thị Phương", "Ngô Thanh Sơn",
)  # fmt: skip

# Bylines in each paper's habit: F1 prints a plain name, F4 a credit line, F2 capitals.
AUTHORS: dict[str, tuple[str, ...]] = {
    "baolaocai": (
        "Hoàng Lan", "Minh Anh", "Thanh Hà", "Đức Toàn", "Ngọc Bích", "Văn Tuấn",
        "Hải Yến", "Quang Huy", "Thu Trang", "Bảo Ngọc",
    ),
    "baocantho": (
        "T.H", "K.X", "M.T", "N.Đ", "HOÀNG LAN", "BẢO TRÂN", "DUY KHANG", "MỸ TIÊN",
    ),
    "baolangson": (
        "MINH ANH", "HOÀNG LAN", "THU TRANG", "ĐỨC THỌ", "VĂN HIẾU", "HẢI ĐĂNG",
        "NGỌC ÁNH", "QUANG VINH",
    ),
}  # fmt: skip

WEEKDAYS_VI = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")

# ---- the papers derived from the spiders (aggregator.demo.sites) -------------------------------
# Communes and wards of each paper's current province (old province's places included).

PLACES.update({
    "baogialai": ("phường Pleiku", "xã Chư Sê", "xã Ia Grai", "phường An Khê", "xã Kbang",
                  "phường Quy Nhơn", "xã Tuy Phước", "phường Hoài Nhơn"),
    "baohatinh": ("phường Thành Sen", "xã Cẩm Xuyên", "xã Kỳ Anh", "phường Hồng Lĩnh",
                  "xã Hương Khê", "xã Đức Thọ", "xã Nghi Xuân", "xã Thạch Hà"),
    "baoquangninh": ("phường Hạ Long", "phường Cẩm Phả", "phường Uông Bí", "phường Móng Cái",
                     "xã Tiên Yên", "xã Bình Liêu", "xã Hải Hà", "xã Ba Chẽ"),
    "baocaobang": ("phường Thục Phán", "xã Trùng Khánh", "xã Hà Quảng", "xã Bảo Lạc",
                   "xã Nguyên Bình", "xã Quảng Hòa", "xã Hạ Lang", "xã Thạch An"),
    "baohungyen": ("phường Phố Hiến", "xã Văn Giang", "xã Khoái Châu", "phường Trần Lãm",
                   "xã Tiền Hải", "xã Kiến Xương", "xã Quỳnh Phụ", "xã Ân Thi"),
    "baodongnai": ("phường Trấn Biên", "phường Long Khánh", "xã Nhơn Trạch", "xã Tân Phú",
                   "phường Đồng Xoài", "phường Bình Long", "xã Bù Đăng", "xã Định Quán"),
    "baokhanhhoa": ("phường Nha Trang", "phường Cam Ranh", "phường Ninh Hòa", "xã Diên Khánh",
                    "xã Vạn Ninh", "phường Phan Rang", "xã Ninh Phước", "xã Bác Ái"),
    "baothainguyen": ("phường Phan Đình Phùng", "phường Sông Công", "phường Phổ Yên", "xã Đại Từ",
                      "xã Định Hóa", "phường Đức Xuân", "xã Ba Bể", "xã Chợ Đồn"),
    "baodaklak": ("phường Buôn Ma Thuột", "phường Buôn Hồ", "xã Krông Pắc", "xã Ea Kar", "xã Lắk",
                  "phường Tuy Hòa", "xã Sơn Hòa", "phường Đông Hòa"),
    "baoquangtri": ("phường Đông Hà", "phường Quảng Trị", "xã Vĩnh Linh", "xã Hướng Hóa",
                    "xã Gio Linh", "phường Đồng Hới", "xã Lệ Thủy", "xã Bố Trạch"),
    "baotuyenquang": ("phường Minh Xuân", "xã Chiêm Hóa", "xã Na Hang", "xã Sơn Dương",
                      "xã Hàm Yên", "phường Hà Giang", "xã Đồng Văn", "xã Mèo Vạc"),
    "baovinhlong": ("phường Long Châu", "xã Trà Ôn", "xã Vũng Liêm", "phường An Hội", "xã Mỏ Cày",
                    "phường Trà Vinh", "xã Cầu Kè", "xã Tiểu Cần"),
    "baolamdong": ("phường Xuân Hương", "phường Bảo Lộc", "xã Đức Trọng", "xã Lạc Dương",
                   "phường Gia Nghĩa", "xã Đắk Mil", "phường Phan Thiết", "xã Tuy Phong"),
    "baotayninh": ("phường Tân Ninh", "phường Hòa Thành", "phường Trảng Bàng", "xã Dương Minh Châu",
                   "phường Long An", "xã Đức Hòa", "xã Cần Giuộc", "xã Mộc Hóa"),
    "baodongthap": ("phường Cao Lãnh", "phường Sa Đéc", "xã Tháp Mười", "xã Lai Vung",
                    "phường Mỹ Tho", "xã Cái Bè", "xã Gò Công Đông", "xã Chợ Gạo"),
    "baocamau": ("phường An Xuyên", "xã Năm Căn", "xã Đầm Dơi", "xã U Minh", "xã Trần Văn Thời",
                 "phường Bạc Liêu", "xã Hồng Dân", "phường Giá Rai"),
    "baoangiang": ("phường Long Xuyên", "phường Châu Đốc", "phường Rạch Giá", "xã Tri Tôn", "xã Chợ Mới",
                   "phường Hà Tiên", "đặc khu Phú Quốc", "xã Thoại Sơn"),
    "baodongkhoi": ("phường Bến Tre", "xã Mỏ Cày", "xã Ba Tri", "xã Bình Đại", "xã Thạnh Phú",
                    "xã Chợ Lách", "xã Giồng Trôm", "xã Châu Thành"),
    "baonghean": ("phường Vinh Hưng", "phường Cửa Lò", "xã Diễn Châu", "xã Quỳnh Lưu",
                  "xã Con Cuông", "xã Kỳ Sơn", "xã Nam Đàn", "phường Thái Hòa"),
    "baohaiphong": ("phường Hồng Bàng", "phường Đồ Sơn", "phường Thủy Nguyên", "xã Tiên Lãng",
                    "phường Hải Dương", "phường Chí Linh", "xã Thanh Hà", "xã Ninh Giang"),
    "baodanang": ("phường Hải Châu", "phường Sơn Trà", "xã Hòa Vang", "phường Hội An",
                  "phường Tam Kỳ", "xã Duy Xuyên", "xã Núi Thành", "xã Trà My"),
    "baothanhhoa": ("phường Hạc Thành", "phường Sầm Sơn", "xã Hoằng Hóa", "xã Nga Sơn",
                    "xã Thọ Xuân", "xã Ngọc Lặc", "xã Quan Hóa", "phường Bỉm Sơn"),
    "baoquangngai": ("phường Cẩm Thành", "xã Bình Sơn", "xã Sơn Tịnh", "phường Đức Phổ",
                     "xã Mộ Đức", "phường Kon Tum", "xã Đắk Hà", "xã Ngọc Hồi"),
    "baophutho": ("phường Việt Trì", "xã Thanh Sơn", "xã Tam Nông", "phường Vĩnh Yên",
                  "phường Phúc Yên", "phường Hòa Bình", "xã Mai Châu", "xã Lạc Sơn"),
    "baobacninhtv": ("phường Kinh Bắc", "phường Từ Sơn", "xã Tiên Du", "xã Gia Bình",
                     "phường Bắc Giang", "xã Lục Ngạn", "xã Yên Thế", "xã Hiệp Hòa"),
    "baoninhbinh": ("phường Hoa Lư", "phường Tam Điệp", "xã Gia Viễn", "xã Kim Sơn",
                    "phường Phủ Lý", "xã Lý Nhân", "phường Nam Định", "xã Hải Hậu"),
    "baolaichau": ("phường Tân Phong", "xã Tam Đường", "xã Phong Thổ", "xã Sìn Hồ", "xã Mường Tè",
                   "xã Than Uyên", "xã Tân Uyên", "xã Nậm Nhùn"),
    "baodienbienphu": ("phường Điện Biên Phủ", "phường Mường Lay", "xã Tuần Giáo", "xã Mường Chà",
                       "xã Tủa Chùa", "xã Mường Nhé", "xã Mường Ảng", "xã Thanh Nưa"),
    "baohaugiang": ("phường Vị Thanh", "phường Ngã Bảy", "xã Long Mỹ", "xã Phụng Hiệp",
                    "xã Vị Thủy", "xã Châu Thành A", "phường Đại Thành", "xã Hòa An"),
    "baosonla": ("phường Tô Hiệu", "xã Mai Sơn", "phường Mộc Châu", "xã Thuận Châu", "xã Sông Mã",
                 "xã Yên Châu", "xã Bắc Yên", "xã Phù Yên"),
})  # fmt: skip

_CITIES = frozenset({"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ"})
_SOUTH = frozenset({"Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
                    "TP. Hồ Chí Minh"})  # fmt: skip
_CENTRAL = frozenset({"Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi",
                      "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk"})  # fmt: skip
_REGION_RESIDENTS: dict[str, tuple[str, ...]] = {
    "north": ("ông Nguyễn Văn Thịnh", "bà Trần Thị Hòa", "anh Phạm Văn Quân", "chị Đỗ Thị Hằng",
              "ông Lò Văn Pản", "bà Hà Thị Xuân", "anh Vũ Đức Mạnh", "chị Nông Thị Hiền"),
    "central": ("ông Lê Văn Cường", "bà Hồ Thị Lài", "anh Trương Công Vinh", "chị Phan Thị Diệu",
                "ông Y Bhin Niê", "bà Đinh Thị Ngát", "anh Võ Văn Toàn", "chị Nguyễn Thị Mến"),
    "south": ("ông Huỳnh Văn Tám", "bà Lê Thị Năm", "anh Trần Văn Bảy", "chị Võ Thị Diễm",
              "ông Thạch Sóc", "bà Nguyễn Thị Út", "anh Đặng Minh Trí", "chị Lâm Thị Kim Ngân"),
}  # fmt: skip
# Bylines by habit: plain names, capitals (F2), credit lines and initials (F4, "Tin, ảnh: " added).
_AUTHOR_STYLES: dict[str, tuple[str, ...]] = {
    "plain": ("Minh Châu", "Thanh Tùng", "Hồng Nhung", "Văn Long", "Phương Thảo", "Đình Nam",
              "Khánh Linh", "Trung Kiên"),
    "caps": ("PHƯƠNG LINH", "ĐỨC ANH", "BÍCH NGỌC", "THANH SƠN", "MẠNH HÙNG", "THU HIỀN"),
    "credit": ("T.N", "H.L", "PHƯƠNG VY", "THANH NHÃ", "MINH KHÔI", "NGỌC HÂN"),
}  # fmt: skip


def places(site: str) -> tuple[str, ...]:
    return PLACES[site]


def province_names(site: str, province: str) -> tuple[str, str]:
    """(short name, "tỉnh X" / "thành phố X") of a paper's province."""
    if site in PROVINCES:
        return PROVINCES[site]
    kind = "thành phố" if province in _CITIES else "tỉnh"
    return province, f"{kind} {province.removeprefix('TP. ')}"


def residents(site: str, province: str) -> tuple[str, ...]:
    if site in RESIDENTS:
        return RESIDENTS[site]
    region = "south" if province in _SOUTH else "central" if province in _CENTRAL else "north"
    return _REGION_RESIDENTS[region]


def authors(site: str, platform: str) -> tuple[str, ...]:
    if site in AUTHORS:
        return AUTHORS[site]
    return _AUTHOR_STYLES["caps" if platform == "F2" else "credit" if platform == "F4" else "plain"]
