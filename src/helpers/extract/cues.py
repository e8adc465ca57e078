"""The words that tell what a figure of a sentence is: count nouns, enrolment verbs, plan and
comparison words, money, ranges; the vocabulary `helpers.extract.figures` reads with.
"""

from __future__ import annotations

import re

# What the number counts, from the word right after it ("người", "lượt", "hội nghị").
NOUN = re.compile(
    r"\s*(?:(?P<people>nguoi|doi\s+tuong|hoi\s+vien|lao\s+dong|doan\s+vien|nong\s+dan)"
    r"|(?P<delegates>dai\s+bieu)"  # present at a meeting: reached, never members
    r"|(?P<visits>luot)|(?P<events>hoi\s+nghi|buoi|cuoc|le\s+ra\s+quan|dot\s+ra\s+quan|hoi\s+thao))"
    r"(?![a-z])"
)
# Verbs before a count of people; the one nearest to the number decides.
CUES = {
    "dropouts": r"dung\s+dong|ngung\s+dong|dung\s+tham\s+gia|bo\s+tham\s+gia"
    r"|giam(?!\s+doc|\s+sat|\s+dinh|\s+con)",
    "new_participants": r"phat\s+trien(?:\s+moi)?(?:\s+them)?(?:\s+duoc)?|van\s+dong(?:\s+duoc)?"
    # "phấn đấu mở rộng thêm khoảng 19.000 người tham gia BHXH bắt buộc, 4.000 ...": who are
    # added, as "phát triển thêm", not the stock.
    r"|mo\s+rong\s+them(?:\s+duoc)?"
    r"|co\s+them|khai\s+thac(?:\s+duoc|\s+dat)?"
    r"|thu\s+hut|ket\s+nap|tang\s+moi|tham\s+gia\s+moi|moi\s+tham\s+gia"
    # "Số người tham gia BHXH tự nguyện mới trong năm 2023 là 6.120" (not "... mới đạt")
    r"|so\s+nguoi\s+tham\s+gia(?:\s+[a-z]+){1,4}?\s+moi(?!\s+(?:dat|co|chi|duoc|bang|o\s+muc))",
    # "có" only right before the number: "toàn tỉnh có 7.548", not "có kết quả cao gồm: ...".
    # "toàn tỉnh đang quản lý 1.114.733 người", "quản lý 6.363 đơn vị với 1.114.733 người":
    # the members the insurance office manages, a stock.
    "participants": r"quan\s+ly(?=\s*(?:$|\d[\d.,]*\s+(?:don\s+vi|doanh\s+nghiep)(?![a-z])))"
    r"|co(?=\s*$)|con(?=\s*$)|tang\s+len|nang\s+len|dat|(?:giam|chi)\s+con"
    r"|o\s+muc|bao\s+phu|len(?=\s*$)"  # "tăng 305 lần, lên 1,83 triệu người"
    r"|tong\s+so|con\s+lai|so\s+nguoi\s+tham\s+gia(?!\s+moi)"
    # "Số người lao động tham gia BHTN là 12,5 triệu người", "số lao động tham gia BHXH": the
    # members, whoever the subject names them as.
    r"|so\s+(?:nguoi\s+lao\s+dong|lao\s+dong)\s+tham\s+gia(?!\s+moi)"
    # "Số người đóng BHTN hơn 1,6 triệu người": who pay in are members, as "số người tham gia".
    r"|so\s+nguoi\s+(?:dong|co\s+the)(?!\s+moi)"
    # "Số người có BHYT là 1,189 triệu người": who hold the scheme are its members.
    r"|so\s+nguoi\s+(?:da\s+)?co(?=\s+(?:the\s+)?(?:bhyt|bhxh|bao\s+hiem))"
    # "Đến cuối năm 2018, con số này là 953.284 người": the figure the text counts, again, at a
    # new date (not "với xã nông thôn mới, con số này là 1.500", a criterion for other units).
    r"|(?:\d{4}|\d{1,2}/\d{4}|nay|hien\s+nay)\s*,?\s*con\s+so\s+(?:nay|do)\s+(?:la|dat)(?=\s*$)",
    "people_reached": r"su\s+tham\s+gia\s+cua|tham\s+du|doi\s+thoai(?:\s+truc\s+tiep)?\s+voi"
    r"|tuyen\s+truyen\s+(?:cho|toi|den)|tu\s+van\s+cho|tiep\s+can"
    r"|(?:nhan\s+tin|goi\s+dien|gui\s+tin\s+nhan)\s+(?:den|cho|toi)",
    "breakdown": r"trong\s+do(?:\s*,)?(?:\s+co)?|rieng",
}
CUE_RE = re.compile(
    "(?<![a-z])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in CUES.items()) + ")(?![a-z])"
)
# "vượt chỉ tiêu 120 người": what a plan was exceeded by, in people; no stock and no target.
OVER_PLAN_BEFORE = re.compile(
    r"(?<![a-z])(?:vuot|cao\s+hon|thap\s+hon|hut)\s+(?:so\s+voi\s+)?(?:chi\s+tieu|ke\s+hoach)"
    r"(?:\s+(?:[a-z]+|nam\s+\d{4})){0,3}?\s*$")
# "Trên 80% số xã ... đạt tỷ lệ bao phủ trên 95%", "9/21 xã đạt tỷ lệ 5%": how many places
# passed a threshold; the rate is the threshold, not a place's coverage.
UNITS_PASSING = re.compile(
    r"(?:\d\s*%\s*(?:so\s+)?|\d+/\d+\s+|\d+\s+)(?:xa|phuong|thi\s+tran|huyen|don\s+vi|dia\s+phuong"
    r"|tinh|thon)(?![a-z])[^;.]*?(?<![a-z])(?:dat|co\s+ty\s+le)(?![a-z])[^;.]*$")
# "- BHXH tự nguyện: 12.450 người, đạt 48,2% kế hoạch", "* Huyện Cẩm Xuyên: 1.240 người": a
# label (a scheme or a place) and a colon opening a line or clause, then the count: a stock.
LABEL_BEFORE = re.compile(r"(?:^|[-*•+;.]\s*)(?P<label>[^\d:;.,]{2,50}):\s*$")
# "còn thiếu 62.762 người so với chỉ tiêu": people still to enrol to meet a plan, a target.
SHORTFALL_BEFORE = re.compile(r"(?<![a-z])(?:con\s+)?thieu\s*$")
# People still to enrol before a plan is met, said with a modal: "còn phải phát triển thêm
# 1.900 người", "cần thêm khoảng 3.000 người", "phải vận động được 5.000 người"; and
# "còn 450 người nữa mới đạt chỉ tiêu". A target of new members ("cần có N người": of a stock).
STILL_TO_ENROL_BEFORE = re.compile(
    r"(?<![a-z])(?:con\s+)?(?:can|phai)(?:\s+phai)?(?P<verb>\s+(?:phat\s+trien|van\s+dong"
    r"|khai\s+thac)(?:\s+moi)?)?(?P<more>\s+them)?(?:\s+(?:duoc|toi\s+thieu|it\s+nhat))?"
    r"(?P<stock>\s+co)?\s*$")
STILL_TO_ENROL_AFTER = re.compile(
    r"[^,;.]*?(?<![a-z])nua(?![a-z])\s*,?\s*(?:moi|de|thi\s+moi)\s+(?:co\s+the\s+)?"
    r"(?:dat|hoan\s+thanh|ve\s+dich|bang)(?![a-z])")
NET_BEFORE = re.compile(r"(?<![a-z])(?P<sign>tang|giam)(?:\s+them|(?P<net>\s+thuan))?\s*$")
# "giảm 2,1% so với cùng kỳ, tương ứng giảm 4.350 người": the count behind a rate of change.
EQUALS_CHANGE_BEFORE = re.compile(r"(?:tuong\s+duong|tuong\s+ung|bang)\s*(?:voi\s+)?(?:tang|giam)"
                                  r"\s*$")
COMPARED = re.compile(r"^\s*(?:nguoi|doi\s+tuong)?\s*(?:\S+\s+){0,2}?so\s+voi")
DROPOUT_AFTER = re.compile(r"^\s*(?:nguoi|doi\s+tuong)\s+(?:da\s+)?giam(?![a-z])")
# The verb can follow the people and their scheme: "có 3.105 người tham gia BHXH tự nguyện
# dừng đóng", "612 người tham gia mới". Checked up to the end of the figure's clause.
AFTER_VERB = re.compile(
    r"(?<![a-z])(?:(?P<dropouts>dung\s+dong|ngung\s+dong|dung\s+tham\s+gia|ngung\s+tham\s+gia"
    r"|khong\s+(?:the\s+)?tiep\s+tuc\s+(?:tham\s+gia|dong)"
    r"|bo\s+tham\s+gia)|(?P<new_participants>tham\s+gia(?:\s+[a-z]+){0,4}?\s+moi|moi\s+tham\s+gia"
    r"|tang\s+moi"
    r"|duoc\s+van\s+dong|duoc\s+phat\s+trien|dang\s+ky\s+tham\s+gia)"
    r"|(?P<people_reached>tham\s+du|du\s+hoi\s+nghi|du(?=\s*$))"
    # "hơn 59 triệu người có thẻ BHYT", "75,9 triệu người đã có BHYT": who hold the scheme (its
    # card) are its members, a stock ("chưa có thẻ" is read as not members before this).
    r"|(?P<participants>(?:da\s+|dang\s+)?co\s+(?:the\s+)?(?:bhyt|bhxh|bao\s+hiem)))(?![a-z])"
)
# Occupational accident and disease insurance: not a scheme of the contract.
OCCUPATIONAL = re.compile(r"(?<![a-z])(?:(?:bao\s+hiem\s+)?tai\s+nan\s+lao\s+dong|bhtnld)(?![a-z])")
# "..., tương ứng 33% và 26,7% lực lượng lao động": "tương ứng" right before the figures says
# "respectively" too ("các con số tương ứng là ..." is `pairing.CORRESPONDING`).
RESPECTIVELY = re.compile(r"(?<![a-z])lan\s+luot(?![a-z])"
                          r"|(?<![a-z])(?<!so\s)(?<!le\s)tuong\s+ung(?=\s+(?:la\s+)?\d)")
# "người dân tham gia BHXH": the scheme of the count before; "số người tham gia BHYT" opens
# the next figure's subject.
JOINS_BEFORE = re.compile(r"(?<!so nguoi )tham\s+gia\s*$")
LIST_GLUE = re.compile(r"\s*(?:,|va)?\s*$")
# People receiving benefits or care, and visits that are not outreach, are outside the
# vocabulary: "12.000 người hưởng lương hưu", "1,2 triệu lượt khám", "77.000 người chưa ...".
NOT_ENROLMENT = re.compile(
    # "100 triệu lượt người bệnh được khám chữa bệnh BHYT": patients' visits
    r"\s*(?:dan\s+|lao\s+dong\s+|nguoi\s+benh\s+|benh\s+nhan\s+|nguoi\s+)?(?:dang\s+|da\s+)?"
    r"(?:huong|nhan|rut|duoc\s+cap|duoc\s+tang|duoc\s+kham|duoc\s+dieu\s+tri"
    r"|duoc\s+ho\s+tro|thu\s+huong|kham|dieu\s+tri|truy\s+cap|xem|nguoi\s+kham|chua"
    # "150 người được nhận sổ BHXH", "15 triệu lượt người sử dụng thẻ BHYT đi khám": given a
    # book or card, or a medical visit; not members
    r"|duoc\s+(?:nhan|trao|huong)|nguoi\s+su\s+dung\s+the(?:\s+[a-z]+){0,3}?\s+(?:di\s+)?kham"
    # the pool of potential members, broadcast turns, renewals
    r"|thuoc\s+(?:dien|nhom)|nam\s+trong\s+(?:nhom|dien)|phat\s+thanh|phat\s+song"
    r"|lam\s+viec"  # "20,3 triệu lao động làm việc trong khu vực phi chính thức": workers
    r"|(?:con\s+lai\s+)?(?:la\s+)?tai\s+tuc)(?![a-z])"
)
# "56 người đủ điều kiện tham gia BHXH tự nguyện đã được trao sổ BHXH": people handed their
# books or cards at a ceremony, in the count's predicate; not a stock of members.
HANDED_OVER_AFTER = re.compile(
    r"(?<![a-z])(?:da\s+)?duoc\s+(?:trao|nhan|tang)(?:\s+lai)?\s+(?:so|the)(?![a-z])")
STOCK_WORDS = re.compile(r"tong\s+so|so\s+nguoi|hien\s+(?:co|nay)|tinh\s+den|den\s+(?:het|nay)")
# "Trong đó, xã Quỳnh Tân có 97 người": a breakdown of the previous sentence's figure.
# "Trong đó, BHXH bắt buộc là 16,823 triệu người": a scheme's part stated with "là".
COPULA_BEFORE = re.compile(r"(?<![a-z])la\s*$")
BREAKDOWN_SENTENCE = re.compile(r"\s*(?:trong\s+do|trong\s+so\s+(?:do|nay))(?![a-z])")
# A place with its type word: "huyện Kỳ Anh", "Thành phố Long Xuyên" (not "Văn hóa xã trên").
PLACE_WORD = re.compile(
    r"(?<!\w)(?i:huyện|thị xã|thành phố|quận|xã|phường|thị trấn|huyen|thi xa|thanh pho|quan|xa"
    r"|phuong|thi tran|tp\.?|tx\.?)\s*(?<=\s|\.)(?P<first>\w)"
)
DURING_CAMPAIGN = re.compile(
    # "chỉ sau một ngày ra quân đã có 24.704 người", "sau 2 buổi ra quân", "trong chiến dịch"
    r"(?:trong|sau|tai)\s+(?:(?:mot|hai|ba|\d+)\s+)?(?:(?:ngay|buoi|dot|le)\s+ra\s+quan"
    r"|(?:thang|dot)\s+cao\s+diem|thang\s+van\s+dong|(?:cac\s+)?hoi\s+nghi"
    r"|chien\s+dich(?!\s+(?:nam|thang|dai\s+han))(?![a-z]))"
)
# "Chỉ sau một ngày ra quân, toàn tỉnh đã có ...": a sentence that opens on the campaign.
# ("Tại hội nghị ..., ông A cho biết" opens on where a figure was told: no campaign.)
CAMPAIGN_OPENING = re.compile(
    r"\W*(?:chi\s+|ngay\s+)?(?:trong|sau)\s+(?:(?:mot|hai|ba|\d+)\s+)?(?:(?:ngay|buoi|dot|le)"
    r"\s+ra\s+quan|(?:thang|dot)\s+cao\s+diem|thang\s+van\s+dong|chien\s+dich(?![a-z]))")
# "Sau khi được nghe giải thích về lợi ích của BHXH, khoảng 8.500 người đã tham gia": a
# sentence that opens on outreach counts the people who joined after it.
AFTER_OUTREACH = re.compile(
    r"\W*(?:ngay\s+|chi\s+)?sau\s+khi\s+(?:duoc\s+)?(?:nghe\s+)?(?:can\s+bo\s+)?"
    r"(?:giai\s+thich|tuyen\s+truyen|tu\s+van|van\s+dong|pho\s+bien)(?![a-z])")
MONEY = re.compile(r"(?<![a-z])(?:(?:ty|trieu|nghin)\s+dong|(?:tong\s+)?so\s+thu|usd"
                   # "thu ngân sách cao hơn 1,4% so với dự toán": the state budget's revenue
                   r"|thu\s+ngan\s+sach)(?![a-z])"
                    r"|^\s*dong(?![a-z])")  # "25,2 ngàn tỷ đồng": the number took "tỷ"
CLAUSE_END = re.compile(r"[;(]|[,.](?!\d)")  # not the marks inside "4.760"
ADJACENT = re.compile(r"\s*(?:co|dat|la|voi|:)?\s*")
# Visits that are not outreach ("7,7 triệu lượt người" served by hospitals) and enrolments
# counted in visits ("khai thác đạt 31.438 lượt", "8.896 lượt là người tham gia mới").
# "Số lượt khám, chữa bệnh BHYT là 195,5 triệu lượt": visits to a doctor.
SERVED_BEFORE = re.compile(
    r"(?:phuc\s+vu|giai\s+quyet)[^,;.]*$|luot\s+(?:nguoi\s+)?kham(?![a-z])[^;.]*$")
# "... lượt người sử dụng thẻ BHYT đi khám, chữa bệnh; lũy kế 10 tháng đạt hơn 146 triệu
# lượt": the sentence is about medical visits (searched in all the sentence before the count).
VISITS_BEFORE = re.compile(
    r"luot\s+nguoi\s+su\s+dung\s+the(?:\s+[a-z]+){0,3}?\s+(?:di\s+)?kham(?![a-z])[^.]*$")
# "khám chữa bệnh cho 322.600 lượt người, tăng 24.000 lượt": visits paid for or given care,
# in the part of the sentence that follows the care.
CARE_BEFORE = re.compile(
    r"(?<![a-z])(?:kham(?:\s*,)?\s*chua\s+benh|kham\s+benh|dieu\s+tri)\s+cho\s[^;]*$")
SHARE_BEFORE = re.compile(r"(?<![a-z])(?:chiem|bang)\s*$")
# "Tổng số thu BHXH, BHYT ... vượt 5,9% ...; tăng 11,61%": a sentence about revenue.
REVENUE_SUBJECT = re.compile(r"^\W*(?:[a-z]+\s+){0,3}?(?:tong\s+)?so\s+thu(?![a-z])")
# "Tỷ lệ thu BHXH, BHYT đạt 95,2% kế hoạch", "công tác thu đạt 97%": the collection of money
# (not "tỷ lệ thu hút"); a rate of it is not of members.
COLLECTION_BEFORE = re.compile(
    r"(?<![a-z])(?:ty\s+le\s+thu|cong\s+tac\s+thu|thu\s+no|so\s+phai\s+thu|ke\s+hoach\s+thu)"
    r"(?!\s+hut)(?![a-z])(?:[^,;.]|,\s*(?=bh|bao\s+hiem))*$")
# People a sentence counts that are not members: not (yet) insured, owed contributions, out
# of work, the working-age pool, members singled out by a support ("... được hỗ trợ thêm 10%
# mức đóng": a part of the stock left out, like RECEIVERS_BEFORE).
NOT_MEMBERS_AFTER = re.compile(
    r"(?<![a-z])(?:(?:khong|chua)\s+(?:tham\s+gia|co\s+(?:the|bhyt|so)|dong|duoc\s+tham\s+gia)"
    # "35.876 người không còn thuộc diện được cấp thẻ BHYT miễn phí": out of a group
    r"|khong\s+con\s+(?:thuoc\s+dien|duoc)"
    # "Hơn 40 triệu người có thể tham gia BHXH tự nguyện": who could join, the pool
    r"|co\s+the\s+tham\s+gia"
    r"|bi\s+(?:no|cham|mat|anh\s+huong)|no\s+(?:dong|bhxh)|cham\s+dong|mat\s+viec"
    r"|(?<!hiem\s)(?<!bh\s)that\s+nghiep"
    r"|(?:da\s+)?(?:duoc\s+)?huong\s+(?:luong\s+huu|tro\s+cap|che\s+do|bhxh\s+mot\s+lan)"
    # "4,06 triệu người rời hệ thống", "... đã chọn rút một lần", "761.000 người rút ra":
    # who left with a lump sum, neither members nor drop-outs (a withdrawal, not a pause)
    r"|roi\s+(?:khoi\s+)?(?:he\s+thong|bhxh)|(?:chon\s+)?rut(?:\s+(?:ra|mot\s+lan|bhxh|so))?\s*(?:[,;.]|$)"
    r"|(?:chon\s+)?rut\s+(?:ra|mot\s+lan|bhxh|so)|nhan\s+bhxh\s+mot\s+lan"
    r"|(?:duoc|nhan)\s+(?:[a-z]+\s+){0,3}?ho\s+tro(?:\s+them)?(?:\s+(?:mot|muc|ngoai|tu)|\s*$)"
    r")(?![a-z])")
# An amount of money at a position ("2,27 tỷ đồng"), and counts of people joined by "và", the
# last one's predicate shared by both ("hơn 1.700 người ... và hơn 52.000 người ...").
MONEY_AT = re.compile(r"[\d.,]+\s*(?:ty|trieu|nghin|ngan)?\s*(?:dong|usd)(?![a-z])")
COUNTS_JOINED = re.compile(r"^\s*(?:nguoi|lao\s+dong)(?![a-z])[^,;]*?(?<![a-z])va\s*"
                           r"(?:(?:hon|tren|gan|khoang|xap\s+xi|ngot|it\s+nhat)\s*)?$")
COUNT_AT = re.compile(
    r"[\d.,]+(?:\s*(?:trieu|nghin|ngan|van))?(?=\s*(?:nguoi|lao\s+dong)(?![a-z]))")
# "Tỉnh có khoảng 650.000 người trong độ tuổi lao động" (with nothing after that joined).
WORKING_AGE_AFTER = re.compile(r"\s*(?:nguoi|lao\s+dong)\s+(?:dan\s+)?trong\s+do\s+tuoi"
                               r"(?:\s+lao\s+dong)?\s*(?:[,;.]|$)")
PREDICATE_END = re.compile(r"[;:(]|\.(?!\d)|\d")
NOT_MEMBERS_BEFORE = re.compile(
    r"(?<![a-z])so\s+(?:nguoi|lao\s+dong)\s+(?:[a-z]+\s+){0,3}?(?:chua|khong)\s+(?:tham\s+gia|co)"
    r"[^,;.]*$")
ENROLLED_AFTER = re.compile(r"\s*(?:la\s+)?(?:nguoi\s+)?(?:tham\s+gia\s+moi|moi\s+tham\s+gia)")
NOT_COVERED_AFTER = re.compile(r"[^,;.]*?(?<![a-z])chua\s+(?:tham\s+gia|co)(?![a-z])")
STOCK_THEN_CHANGE = re.compile(r"\s*(?:nguoi|doi\s+tuong)[^,;.]*,\s*giam\s*")
# "đạt 100,07% kế hoạch BHXH Việt Nam giao và bằng 184,7% kế hoạch UBND tỉnh giao": a plan
# already measured against, with its share between.
PLAN_MET = re.compile(
    r"(?:hoan\s+thanh|vuot|dat|cao\s+hon|bang)\s+(?:[\d.,]+\s*%\s*)?(?:cac\s+|toan\s+bo\s+)?"
    r"(?:chi\s+tieu|ke\s+hoach)")
COMPARATIVE = re.compile(r"(?<![a-z])(?P<word>nhieu|it|cao|thap)\s+hon(?![a-z])")
RANGE_FROM = re.compile(r"(?<![a-z])tu\s*$")
RANGE_TO = re.compile(r"\s*(?:den|toi|tro\s+len)(?![a-z])|(?<![a-z])(?:den|toi)\s*$")
BRACKET_CLOSE = re.compile(r"\s*(?:nguoi|luot)?\s*\)")
# "tỷ lệ ... đạt 39,25% lực lượng lao động, tương đương 18,25 triệu người": the stock.
EQUALS_PEOPLE = re.compile(r"(?:tuong\s+duong|tuong\s+ung|bang)\s*(?:voi\s+)?$")
THIS_FIGURE = re.compile(r"(?<![a-z])(?:con\s+so|so\s+lieu|ty\s+le)\s+(?:nay|tren)(?![a-z])")
RATE_SUBJECT = re.compile(r"(?<![a-z])ty\s+le(?![a-z])")
RISE_TO = re.compile(r"(?<![a-z])len\s*$")
# "tăng hơn 107%, từ 277.000 người năm 2018 lên gần 574.000 người năm 2019": two stocks, each
# dated by the year after it, not a range.
# "từ 3.200 người (năm 2020) lên", and with no year: "tăng gần 2,8 lần, từ 3.200 người lên
# 8.900 người" (the first stock is then as of the start of the window the sentence names).
# "từ 5,9 triệu người khi bắt đầu triển khai năm 2009 lên": the year of a start told in words.
RISE_FROM = re.compile(r"\s*(?:nguoi|lao\s+dong|doi\s+tuong)?\s*(?P<year>\(?\s*(?:vao\s+|cuoi\s+"
                       r"|(?:khi|luc)\s+(?:[a-z]+\s+){0,4}?)?nam\s+\d{4}\s*\)?\s*)?len\s*$")
SCHEME_NEXT = re.compile(r"\s*(?:bh|bao\s+hiem)")
COMPARISON = re.compile(r"(?<![a-z])so\s+voi(?![a-z])")
JOINED = re.compile(r"(?<!su\s)tham\s+gia(?!\s+cua)")
# Receivers of benefits named before the number: "Số người hưởng trợ cấp thất nghiệp là ...".
# Also a part of the participants singled out by a support: "Số người tham gia ... được ngân
# sách hỗ trợ mức đóng là 58.900 người".
RECEIVERS_BEFORE = re.compile(
    r"nguoi\s+(?:dang\s+|da\s+)?(?:huong|nhan|rut)(?![a-z])|thu\s+ho(?:\s+cho)?\s*(?:hon|tren)?\s*$"
    r"|nguoi[^,;.]{0,40}?duoc\s+(?:[a-z]+\s+){0,4}?ho\s+tro[^,;.]*$"
    # "trao sổ BHXH, quà cho 10 người tham gia": people given something, not enrolled
    r"|(?<![a-z])(?:trao|tang)\s[^;.]{0,40}?(?<![a-z])cho\s*$"
)
# "được giảm 50%", "được Nhà nước hỗ trợ 70% mức đóng", "được miễn giảm 30%": a cut or a
# support of the premium given to someone, not a change or a coverage.
SUPPORT_RATE_BEFORE = re.compile(
    r"(?<![a-z])duoc\s+(?:[a-z]+\s+){0,3}?(?:giam|ho\s+tro|mien(?:\s+giam)?)(?:\s+them)?\s*$")
_COUNT_QUALIFIER = r"(?:(?:hon|tren|gan|khoang|xap\s+xi|ngot|it\s+nhat)\s+)?"
# "việc hỗ trợ mức đóng cho hơn 1.700 người tham gia BHXH tự nguyện và hơn 52.000 người tham
# gia BHYT": those a support is given to (R7), each count of the list.
SUPPORTED_BEFORE = re.compile(
    r"(?<![a-z])ho\s+tro\s[^,;.]{0,40}?(?<![a-z])cho\s+"
    r"(?:" + _COUNT_QUALIFIER + r"[\d.,]+(?:\s*(?:trieu|nghin|ngan))?\s*(?:nguoi|lao\s+dong)"
    r"(?![a-z])[^,;.\d]*?(?:,|(?<![a-z])va)\s+)*$")
# A figure is a number with "%", a unit word, a count noun or "lần" right after it; sentences
# without one (dates and document numbers only) skip the slower number reader. Two scans
# (`may_have_figure`): the numbers, from digits and brackets, and the words, only in
# sentences that write "lan", "doi", "nua" or "phan"; one scan of both tried every character.
FIGURE_NUMBER = re.compile(
    r"\d\s*(?:%|nghin|ngan|trieu|ty|van|nguoi|doi|hoi|lao|doan|nong|luot|buoi|cuoc|le|dot|lan|dai)"
    r"|\(\s*\d[\d.]*\s*\)"  # "Hiệp Hòa (291)"
)
FIGURE_WORDS = re.compile(
    r"(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+lan(?![a-z])|gap\s+doi(?![a-z])"
    r"|(?:nua|phan\s+(?:hai|ba|tu|bon|nam|muoi))\s+(?:so\s+)?(?:chi\s+tieu|ke\s+hoach|muc\s+tieu"
    r"|nguoi\s+lao\s+dong|luc\s+luong\s+lao\s+dong|dan\s+so|nguoi\s+dan|nay)"
)
_FIGURE_WORDS_NEED = ("lan", "doi", "nua", "phan")  # one of them is in every FIGURE_WORDS match
MAY_HAVE_FIGURE = re.compile(f"{FIGURE_NUMBER.pattern}|{FIGURE_WORDS.pattern}")


def may_have_figure(folded: str) -> bool:
    """``bool(MAY_HAVE_FIGURE.search(folded))``, by its two faster scans."""
    return bool(FIGURE_NUMBER.search(folded)) or any(
        word in folded for word in _FIGURE_WORDS_NEED) and bool(FIGURE_WORDS.search(folded))
# "thấp hơn chỉ tiêu 91,5%", "trong khi chỉ tiêu Chính phủ giao là 95%"
PLAN_ANYWHERE = re.compile(r"(?<![a-z])(?:chi\s+tieu|ke\s+hoach|muc\s+tieu)(?![a-z])")
# "chỉ tiêu giao năm 2024 là 45.000 người": the plan's year may stand between.
PLAN_WORD_BEFORE = re.compile(
    r"(?:chi\s+tieu|ke\s+hoach|muc\s+tieu)(?:\s+(?:[a-z]+|nam\s+\d{4})){0,4}\s*$")
EQUALS_BEFORE = re.compile(r"(?:tuong\s+duong|tuong\s+ung|bang)\s*(?:voi\s+)?$")
AVERAGE_BEFORE = re.compile(r"(?:binh\s+quan|trung\s+binh)[^%,;]{0,30}?(?:la|dat|o\s+muc|\()\s*$")
# Words that name who a change is about: "số người tham gia chỉ tăng 239 người".
SUBJECT = re.compile(r"so\s+nguoi\s+tham\s+gia|tong\s+so|nguoi\s+tham\s+gia")
# "huyện A đạt 99,4%, huyện B (thấp nhất) với 96,1%": the rate of the figure before.
REACH_BEFORE = re.compile(r"(?<![a-z])(?:dat|len|(?<!so\s)voi)\s*$")
# A rate may be followed by its own year: "đạt 37% vào năm 2030;".
BARE_AFTER = re.compile(
    r"\s*(?:(?:vao|den|trong)\s+(?:het\s+|cuoi\s+)?nam\s+\d{4}\s*)?(?:[.;,)]|$)")
# "đạt 95% vào năm 2025", "có 9.000 người tham gia vào năm 2025": the year after a figure, in
# its clause, is the figure's own (a goal's deadline), not the next figure's.
YEAR_AFTER = re.compile(r"(?<![a-z])(?:vao|den)\s+(?:het\s+|cuoi\s+)?nam\s+\d{4}")
# "Năm 2022 có 4.500 người và đến năm 2023 là 7.100 người", "... thì đến năm 2023 đã có
# 8.900 người": a year that a verb or copula leads on to the next figure opens that figure's
# clause; it is not the deadline of the figure before it.
YEAR_OPENS_NEXT = re.compile(
    r"\s*\)?\s*(?:(?:thi|toan\s+[a-z]+|[a-z]+\s+nay|con\s+so\s+nay|da|moi|chi|se)\s+){0,3}"
    r"(?:la|co|dat|len|con|o\s+muc|tang\s+len|giam\s+con|dat\s+duoc)\s*$")
# "Tỷ lệ bao phủ năm 2020 đạt 88,5%, đến năm 2023 là 93,2%": the level of a later year, given
# with "là" after its year, continues the rate before.
YEAR_THEN_LEVEL = re.compile(r"(?<![a-z])nam\s+\d{4}\s*\)?\s*,?\s*(?:la|o\s+muc|con)\s*$")
# "26 - 27%": a range written with a dash, the unit on its upper bound.
# "tháng 4", "quý 2", "ngày 15": the number is part of a date.
DATE_PART_BEFORE = re.compile(r"(?<![a-z])(?:thang|quy|ngay|tuan)\s+$")
RANGE_DASH = re.compile(r"\s*[-–—]\s*")
# "mỗi xã tổ chức ít nhất 2 hội nghị": a norm per unit, not a count.
PER_UNIT = re.compile(
    r"(?<![a-z])(?:moi|binh\s+quan)\s+(?:xa|phuong|thi\s+tran|huyen|thon|ban|don\s+vi|dia\s+phuong"
    r"|to|can\s+bo|thang|nguoi)(?![a-z])"
)
CONNECTOR = re.compile(r"^\s*(?:,|va|hoac)?\s*$")
# "BHXH bắt buộc chiếm 38,6%, BHXH tự nguyện chiếm 6,5% lực lượng lao động": parallel
# clauses, the noun of the last one shared (a scheme must be named between them).
PARALLEL = re.compile(r"^\s*(?:,|;|va)\s*(?:[a-z]+\s+){1,5}?(?:chiem|dat|la)\s*$")
# "Hơn 89.000 người và 12.000 người tham gia BHYT và BHTN": the verb after the last count.
NOUN_CONNECTOR = re.compile(r"^\s*(?:nguoi|lao\s+dong)\s*(?:,|va|hoac)\s*$")
# "huyện A: 1.240 người; huyện B: 980 người; thị xã C: 760 người tham gia ...", "Dẫn đầu là
# huyện A với 1.240 người, tiếp đến là huyện B với 980 người tham gia ...": places listed
# with their counts, the last one's words shared by all.
PLACE_LIST_GAP = re.compile(
    r"\s*(?:nguoi|luot)\s*[;,]\s*(?:(?:va|tiep\s+(?:den|theo)(?:\s+la)?|sau\s+do(?:\s+la)?"
    r"|thu\s+hai(?:\s+la)?)\s+)?(?:huyen|thi\s+xa|thanh\s+pho|quan|xa|phuong|thi\s+tran|tp\.?"
    r"|tx\.?)\s[^\d;,.()]{1,30}?(?:\s*:|\s+(?:voi|co|dat|la))\s*$")
# "... vào năm 2015 và 84%": a figure listed after the previous one and its year.
LISTED_AFTER = re.compile(r"(?:,|(?<![a-z])va)\s*$")
# "tỷ lệ hoàn thành cao nhất với 88,2%": a rate of the plan met.
ATTAINMENT_BEFORE = re.compile(r"ty\s+le\s+hoan\s+thanh(?:\s+[a-z]+){0,4}?\s+(?:la|dat|voi)\s*$")
# "đạt 73,58% dự toán BHXH Việt Nam giao": the budgeted plan ("dự toán") is a plan too.
ATTAINMENT_AFTER = re.compile(
    r"^\s*(?:so\s+voi\s+)?(?:ke\s+hoach|chi\s+tieu|muc\s+tieu|du\s+toan(?![a-z]))")
COVERAGE_AFTER = re.compile(
    r"^\s*(?:[a-z]+\s+){0,3}?(?:luc\s+luong\s+lao\s+dong|llld|dan\s+so|nguoi\s+dan|so\s+dan"
    # "hơn 90% người Việt Nam có BHYT": the country's people, its population
    r"|nguoi\s+viet\s+nam"
    # "một nửa số người lao động có BHXH", "một nửa số này tham gia BHXH": a share of the
    # workers, or of the whole just named, that joins a scheme
    r"|so\s+nguoi\s+lao\s+dong(?=\s+(?:co|tham\s+gia)\s+(?:bhxh|bhyt|bao\s+hiem))"
    r"|so\s+nay(?=\s+(?:co|tham\s+gia)\s+(?:bhxh|bhyt|bao\s+hiem))"
    # "chiếm 3,2% tổng số lao động trong độ tuổi"
    r"|(?:tong\s+so\s+)?(?:nguoi\s+)?lao\s+dong\s+trong\s+do\s+tuoi"
    # "chiếm 28% tổng số người lao động": the workers as a whole
    r"|tong\s+so\s+(?:nguoi\s+)?lao\s+dong(?![a-z])(?!\s+(?:cac|trong|tai|cua|o|nganh|thuoc))"
    # "đạt 2,96% tổng số nông dân và lao động khu vực phi chính thức trong độ tuổi lao động":
    # the working-age people the rate is of, however the group is named
    r"|tong\s+so\s+(?:[a-z]+\s+){1,10}?trong\s+do\s+tuoi(?![a-z]))"
)
COVERAGE_BEFORE = re.compile(
    r"bao\s+phu|ty\s+le(?:[\s,]+[a-z]+){0,8}?\s+tham\s+gia"
    # "Lực lượng lao động trong độ tuổi tham gia BHXH đạt gần 40%", "dân số tham gia BHYT là
    # 92%": the whole the rate is of, said as the subject, then the level it reached.
    r"|(?<![a-z])(?:luc\s+luong\s+lao\s+dong|llld|dan\s+so|nguoi\s+dan)(?:[\s,]+[a-z]+){0,6}?"
    r"\s+tham\s+gia(?![a-z])[^,;%\d]{0,60}?(?<![a-z])(?:dat|la|len)\s*$")
# "thấp hơn 1,9% so với chỉ tiêu": a gap from the plan, below or above it.
GAP_BEFORE = re.compile(
    r"(?<![a-z])(?:(?P<below>thap\s+hon|kem|hut|it\s+hon)|cao\s+hon|vuot)\s*$")
# "vượt 0,3%", "tăng 7,07% so với kế hoạch", "cao hơn 0,15% so với nghị quyết": a change said of
# a rate, or against a plan or a resolution, is a gap (in points, or of unknown kind).
CHANGE_WORD_BEFORE = re.compile(r"(?<![a-z])(?:tang|giam|vuot|(?:cao|thap)(?:\s+hon)?)\s*$")
RATE_JUST_BEFORE = re.compile(r"%\s*[,(]?\s*(?:(?:tang|giam|cao|thap)(?:\s+hon)?\s*)?$")
AGAINST_PLAN_AFTER = re.compile(
    r"\s*(?:so\s+voi\s+)?(?:[a-z]+\s+){0,2}?(?P<plan>ke\s+hoach|chi\s+tieu|muc\s+tieu"
    r"|(?P<resolution>nghi\s+quyet))(?![a-z])")
# "tỷ lệ học sinh có thẻ BHYT đạt 95,86%", "phấn đấu 100% học sinh, sinh viên có BHYT": the rate
# of a group of the population, not of the place (R9).
_GROUP = (r"(?:hoc\s+sinh|sinh\s+vien|hssv|tre\s+em|nguoi\s+cao\s+tuoi|(?:ho\s+)?(?:can\s+)?ngheo"
          r"|dong\s+bao\s+dan\s+toc|nguoi\s+dan\s+toc\s+thieu\s+so)(?![a-z])")
RATE_OPENING = re.compile(r"(?<![a-z])(?:ty\s+le|so|trong\s+do)(?![a-z])")
# ... and what it rose to or by ("lên 100%", "tăng gần 16%"), or the level it reached ("tỷ lệ
# học sinh tham gia BHYT đạt 98,5%", R9; b07's gold corrected to it).
GROUP_MOVE_BEFORE = re.compile(r"(?<![a-z])(?:len|tang|giam|dat|la)(?:\s+[a-z]+)?\s*$")
GROUP_OPENED = re.compile(r"[\s,]+(?:[a-z]+\s+){0,2}?" + _GROUP)
GROUP_AFTER = re.compile(r"\s*(?:so\s+|cac\s+)?(?:nguoi\s+(?:dan\s+)?(?:thuoc\s+)?)?" + _GROUP)
# "Các nhóm ..., gồm người thuộc hộ cận nghèo, học sinh, sinh viên, cũng có tỷ lệ tham gia BHYT
# gần 100%": groups named as the subject of the rate.
GROUP_SUBJECT_BEFORE = re.compile(
    r"(?<![a-z])(?:cac\s+nhom|nhom\s+doi\s+tuong|" + _GROUP + r")[^;.]*?(?<![a-z])(?:cung\s+)?"
    r"co\s+ty\s+le(?![a-z])[^;.]*$")
# "số người tham gia BHYT giảm 8.410 người": the count of participants fell (a net change).
# "tăng 15% với 20.537 người": the people the rise is worth, a net change.
WORTH_BEFORE = re.compile(r"\s*voi\s*$")
# So does the number of people who hold the scheme, or "tổng số" ("tổng số lại giảm hơn 1,2
# triệu người"): a stock that fell.
COUNT_FELL = re.compile(
    r"(?:so\s+nguoi\s+(?:tham\s+gia|co\s+(?:the\s+)?(?:bhyt|bhxh|bao\s+hiem|the))|tong\s+so)"
    r"(?![a-z])[^,;]*giam\s*$")
# Not "giảm còn 2,93%", "tăng lên 5%": the level a rate reached.
GROWTH_BEFORE = re.compile(
    r"(?P<sign>tang|giam)(?:\s+truong)?(?![a-z])(?!\s+(?:con|len|tu|xuong)(?![a-z]))[^,;%]{0,40}$")
# ", tăng 7%" right after the figure before it, in one clause: a change said of that figure.
CHANGE_OF_BEFORE = re.compile(
    r"^[^,;.%\d]{0,25}?[\s,]+(?:va\s+)?(?:tang|giam)(?![a-z])[^,;%]{0,12}$")
# "tỷ lệ ... đạt 89%, nhưng sang tháng 9 con số này đã giảm xuống còn 75%": the rate's new
# level, not a change.
FALL_TO = re.compile(
    r"(?<![a-z])(?:(?:giam|ha|tut)(?:\s+xuong)?\s+(?:con|xuong)|xuong\s+con)\s*$")
# "để đạt chuẩn xã nông thôn mới, tỷ lệ ... phải đạt trên 93%", "thấp hơn mức 95% mà xã phải
# đạt để giữ chuẩn": a criterion's required rate (R17, R56), not a place's coverage or goal.
CRITERION = re.compile(r"(?<![a-z])(?:tieu\s+chi|(?:dat|giu|len)\s+chuan|quy\s+dinh)(?![a-z])")
REQUIRED_BEFORE = re.compile(
    r"(?<![a-z])phai(?:\s+dat)?(?:\s+(?:tu|tren|it\s+nhat|toi\s+thieu))?\s*$")
REQUIRED_AFTER = re.compile(r"\s*(?:dan\s+so\s*)?ma\s+[^,;.]{0,40}?(?<![a-z])phai(?![a-z])")
# "tăng độ bao phủ ... thêm 1,3%": a rise of the rate, in points; not recorded.
POINT_RISE_BEFORE = re.compile(r"(?:tang|nang)\s+(?:do|ty\s+le|muc)\s+bao\s+phu[^,;%]*them\s*$")
# "nâng mức hỗ trợ cho người thuộc hộ cận nghèo từ 70% lên 100%": a support level (of the
# premium, a cost), not a share of people, even after "tỷ lệ bao phủ" earlier in the sentence.
SUPPORT_LEVEL_BEFORE = re.compile(
    r"(?<![a-z])(?:muc\s+(?:ho\s+tro|dong|huong)|ho\s+tro)(?![a-z])"
    r"(?:(?!bao\s+phu|tham\s+gia|co\s+the|duoc\s+cap)[^;.])*$")
# "98% người dân hài lòng với dịch vụ y tế", "70% dân số được quản lý sức khỏe bằng hồ sơ
# điện tử": a share of the people that says something else of them than membership.
OTHER_SHARE_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+){0,3}?(?:dan\s+so|nguoi\s+dan)"
    r"(?:(?!tham\s+gia|bhyt|bhxh|bao\s+hiem|co\s+the)[^,;.]){0,40}?(?<![a-z])"
    r"(?:hai\s+long|duoc\s+quan\s+ly|ho\s+so\s+suc\s+khoe|tiem|su\s+dung)(?![a-z])")
# "một số địa phương được giao nâng tỷ lệ ... lên gần 100%": a rate of places left unnamed.
SOME_PLACES = re.compile(r"(?<![a-z])mot\s+so\s+(?:dia\s+phuong|tinh|huyen|xa|don\s+vi)"
                         r"(?!\s*(?:nhu|:))(?![a-z])")
# "ảnh hưởng tới khoảng 25% dân số": a share of the population that is not covered by anything.
NOT_COVERAGE_BEFORE = re.compile(r"(?:anh\s+huong|thuoc\s+dien|chua)[^,;]*$")
RATIO = (re.compile(r"(?<![a-z])(?:gap|tang)\s*$"), re.compile(r"^\s*lan(?![a-z])"))
TARGET = re.compile(
    r"(?<![a-z])(?:phan\s+dau|muc\s+tieu|chi\s+tieu|du\s+kien|ke\s+hoach|giao|se|dat\s+ra"
    r"|keu\s+goi"  # "Thủ tướng kêu gọi hơn 90% người Việt Nam có BHYT": a call is a goal
    r"|muon"  # "muốn một nửa số này tham gia BHXH" (not "muộn", late: told by its accent)
    r"|ky\s+vong|uoc\s+tinh\s+se|du\s+bao"
    # "Hướng tới 90% dân số tham gia BHYT vào năm 2020": the figure aimed at
    # (read up to the number: "$" is the number's start)
    r"|huong\s+(?:toi|den)(?=\s+(?:muc\s+tieu|ty\s+le|dat|tren|tu)|\s*$)"
    r"|can\s+(?:phai\s+)?(?:phat\s+trien|van\s+dong|khai\s+thac)"  # "cần phát triển thêm"
    r"|yeu\s+cau"  # "với yêu cầu phát triển thêm 688 người"
    # "Để đạt tỷ lệ 3% lực lượng lao động": a purpose names a goal (not "Để đạt kết quả này")
    r"|(?:de|nham)\s+dat(?:\s+duoc)?(?=\s+(?:muc\s+tieu|ty\s+le|chi\s+tieu|\d)))(?![a-z])"
)
# "đạt 133,4% kế hoạch", "so với kế hoạch", "Kế hoạch số 81": a plan named, not a plan figure.
NOT_TARGET_BEFORE = re.compile(
    r"(?:(?:%|so\s+voi)(?:\s*[a-z]+){0,4}|(?:vuot|dat|hoan\s+thanh|cao\s+hon|thap\s+hon|tiem\s+can)"
    r"(?:\s*[a-z]+)?|(?:hoan\s+thanh|dat)\s+(?:mot\s+nua|hai\s+phan\s+ba|mot\s+phan\s+[a-z]+))"
    r"\s*$"
)
# "Kế hoạch số 81", "về đích"; and a plan word that closes its phrase ("đạt 102% kế hoạch
# BHXH Việt Nam giao, tăng 15,2%") names the plan of an earlier figure, not a new target.
# "Về các chỉ tiêu chủ yếu, ... cả nước có": the report's key indicators, results not goals.
NOT_TARGET_AFTER = re.compile(r"\s+so\s+\d|\s+dich(?![a-z])|\s*[,;.)]"
                              r"|\s+(?:chu\s+yeu|co\s+ban)(?![a-z])")
CLOSING_OK = ("phan dau", "du kien", "se", "ky vong")
# "đặt mục tiêu" (set a goal) folds like "đạt mục tiêu" (reached it); the accents tell.
SET_GOAL = re.compile(r"(?i:đặt)(?:\s+ra)?\s*$")
# "Để đạt mục tiêu 15.500 người": the goal to reach, so a target.
TO_REACH = re.compile(r"(?<![a-z])(?:de|nham|phan\s+dau)\s+dat(?:\s+duoc)?\s*$")
# "chỉ tiêu 91,5%", "chỉ tiêu bao phủ 94,7%": the plan's own value.
RIGHT_BEFORE = re.compile(r"\s*(?:(?:bao\s+phu|giao|de\s+ra|dat\s+ra|nam)\s+)?(?:la\s+)?")
ACHIEVED = re.compile(r"(?<![a-z])da(?![a-z])")

PEOPLE_INDICATORS = ("participants", "new_participants", "dropouts", "net_change")
CHANGES = ("net_change", "growth_pct", "growth_ratio", "attainment_pct")


# "trên 99% như Thái Sơn, Thường Thắng và thị trấn Thắng.", "đạt 100% ... là Xuân Cẩm": a
# band or a level, then the places that reached it, to the end of the sentence (raw text).
_NAMED_AFTER = re.compile(r"\s*%?[^,;:()\d]{0,40}?\s(?:như|là|gồm)\s*:?\s+(?P<list>[^;:()\d]+?)"
                          r"\s*[.!]?\s*$")
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:và\s+)?|\s+và\s+")
_UNIT_WORD = re.compile(r"^(?:các\s+)?(?:xã|phường|thị\s+trấn)\s+", re.IGNORECASE)


def listed_names(sentence: str, end: int) -> list[str]:
    """The names that close a sentence after the figure ending at `end`, each with or without
    its type word ("... trên 97% như Đồng Tân, Đức Thắng và thị trấn Thắng." -> the three
    names); empty when the sentence does not close with such a list or an item is not one to
    three capitalised words.

    >>> s = "Một số xã đạt trên 99% như Thái Sơn, Thường Thắng và thị trấn Thắng."
    >>> listed_names(s, s.index("%"))
    ['Thái Sơn', 'Thường Thắng', 'Thắng']
    >>> s = "Tỷ lệ đạt 95% là mức cao nhất từ trước đến nay."
    >>> listed_names(s, s.index("%"))
    []
    """
    m = _NAMED_AFTER.match(sentence, end)
    if not m:
        return []
    names = []
    for item in _ITEM_SPLIT.split(m["list"]):
        name = _UNIT_WORD.sub("", item.strip())
        tokens = name.split()
        if not 1 <= len(tokens) <= 3 or not all(t[0].isupper() for t in tokens):
            return []
        names.append(name)
    return names


# A multiple is a growth only against the same quantity at an earlier time ("gấp 12,7 lần",
# "tăng 12,8 lần so với năm 1995"). Against a goal, a plan, an average or the country ("cao
# gấp 2,5 lần mục tiêu đề ra", "gấp 2,5 lần bình quân cả nước", "tăng hơn 2 lần so với mức
# tăng bình quân hằng năm") it compares two different quantities: no fact.
MULTIPLE_OF_OTHER_AFTER = re.compile(
    r"^\s*lan\s+(?:so\s+voi\s+)?(?:[a-z]+\s+){0,2}?(?:muc\s+tieu|ke\s+hoach|chi\s+tieu"
    r"|binh\s+quan|trung\s+binh|ca\s+nuoc|toan\s+quoc|muc\s+chung)(?![a-z])")
# The subject of a multiple or a change named before it in its clause is money, benefits or
# people who are not members: "Tổng chi cho an sinh xã hội ... gấp 1,8 lần", "tổng số thu ...
# tăng 425,7 lần", "Số người hưởng BHTN gấp 2,5 lần", "Số người rời hệ thống tăng bình quân 11%".
OTHER_SUBJECT_BEFORE = re.compile(
    r"(?<![a-z])(?:tong\s+chi|chi\s+(?:cho|tra)|so\s+thu|tong\s+thu|(?:so\s+)?no(?:\s+dong)?\s+bh"
    r"|so\s+(?:nguoi|lao\s+dong)\s+(?:dang\s+|da\s+)?(?:huong|nhan|rut|roi|nghi\s+viec"
    r"|mat\s+viec|tim\s+(?:duoc\s+)?viec|co\s+viec))(?![a-z])")
# A change that follows a figure of something else in the same clause is that figure's:
# "hơn 18.000 tin, bài ... được đăng tải, tăng 28,6%", "54.000 đơn vị ... đang đóng BHXH ...,
# tăng 12,5%", "203.000 người tìm được việc làm mới, tăng 13%", "93,08% số bệnh nhân ... có
# sử dụng thẻ BHYT, tăng 3,38%". The words from that figure to the change: no new clause.
CHANGE_OF_FIGURE_BEFORE = re.compile(
    r"^[^;.:]{0,110}?,\s*(?:va\s+)?(?:tang|giam)(?:\s+(?:khoang|gan|hon|tren|xap\s+xi))?\s*$")
# Things counted that are not people: news items, employers, enterprises, records, pages.
THINGS_AFTER = re.compile(
    r"\s*(?:tin|bai|tin\s*,\s*bai|don\s+vi|doanh\s+nghiep|co\s+so|ho\s+so|trang|video|clip"
    r"|tai\s+lieu|to\s+roi|an\s+pham|luot\s+(?:xem|truy\s+cap|chia\s+se))(?![a-z])")
# Visits and uses told right after "lượt người": "180 triệu lượt người đi khám, chữa bệnh",
# "55 triệu lượt người đã dùng hình thức này": services used, not outreach.
VISITS_USED_AFTER = re.compile(
    r"\s*(?:nguoi\s+)?(?:(?:da|duoc|dang)\s+)?(?:di\s+kham|kham|chua\s+benh|dung|su\s+dung"
    r"|huong|dieu\s+tri|truy\s+cap|xem|tai)(?![a-z])")
# "... thanh toán chi phí khám, chữa bệnh BHYT cho hơn 109 triệu lượt người": care paid for.
CARE_PAID_BEFORE = re.compile(
    r"(?<![a-z])(?:kham(?:\s*,)?\s*chua\s+benh|kham\s+benh|dieu\s+tri)(?:\s+[a-z]+){0,2}?"
    r"\s+cho\s+(?:hon\s+|tren\s+|gan\s+|khoang\s+)?$"
    # "BHXH Việt Nam đã giải quyết hưởng lương hưu, trợ cấp ... cho ..., cùng với 8,8 triệu lượt
    # người": a sentence about benefits paid, its visits are benefit claims
    r"|(?<![a-z])giai\s+quyet\s+(?:cho\s+)?huong(?![a-z])(?:[^.]|\.\d)*$")
# Who a count of people is when it is not members: people who found a job, staff of the
# health sector, followers of a page, workers of a strike.
OTHER_PEOPLE_AFTER = re.compile(
    r"\s*(?:nguoi|lao\s+dong)\s+(?:(?:da|duoc|dang)\s+)?(?:tim\s+(?:duoc\s+)?viec|co\s+viec\s+lam"
    r"|lam\s+(?:cong\s+tac|viec\s+tai)|theo\s+doi|bi\s+(?:cham\s+dut|giam\s+gio|mat)"
    r"|nghi\s+viec|(?:tham\s+gia\s+)?ngung\s+viec|dinh\s+cong)(?![a-z])")
STRIKE_BEFORE = re.compile(
    r"(?<![a-z])(?:ngung\s+viec|dinh\s+cong|cham\s+dut\s+hop\s+dong|giam\s+gio\s+lam)"
    r"(?![a-z])[^;.]*$")
# The whole a share is taken of, named as such: "chiếm 8,5% trong tổng số 695.000 lao động tự
# do", "thành phố có hơn 1,572 triệu lao động khu vực phi chính thức", "số người tham gia tiềm
# năng rất lớn, hơn 40 triệu người", "số lao động của Việt Nam sẽ đạt 60 triệu người".
POOL_BEFORE = re.compile(
    r"(?<![a-z])trong\s+tong\s+so\s*(?:hon\s+|tren\s+|gan\s+|khoang\s+)?$"
    r"|(?<![a-z])tiem\s+nang(?![a-z])[^;.]*$"
    r"|(?<![a-z])so\s+lao\s+dong\s+(?:cua\s+)?(?!tham\s+gia)[^;.,]*?(?:se\s+)?(?:dat|la|co)\s+"
    r"(?:hon\s+|tren\s+|gan\s+|khoang\s+)?$")
POOL_AFTER = re.compile(
    r"\s*(?:nguoi\s+)?lao\s+dong\s+(?:khu\s+vuc\s+)?(?:phi\s+chinh\s+thuc|tu\s+do)"
    r"(?:(?!tham\s+gia|dong\s+bh|co\s+bh|co\s+the\s+bh)[^;.])*(?:[;.]|$)")
# "Tỷ lệ người dân hài lòng đạt trên 87%", "... do hơn 70% dân số của tỉnh là người dân tộc
# thiểu số" (or "là đồng bào dân tộc thiểu số"), "kèm theo 2 điều kiện: 100% thành viên ...
# và 10% số dân trong xã tham gia":
# a share of the people that is satisfaction, their make-up or a condition set.
OTHER_SHARE_BEFORE = re.compile(
    r"(?<![a-z])(?:hai\s+long|dieu\s+kien\s*:)[^;.]*$")
COMPOSITION_AFTER = re.compile(
    r"\s*(?:dan\s+so|nguoi\s+dan)(?:\s+cua\s+[a-z]+)?\s+la\s+(?:nguoi|dan\s+toc|dong\s+bao)"
    r"(?![a-z])")
# A rate that a counted set of places reached ("Bốn tỉnh A, B, C và D có tỷ lệ bao phủ BHYT
# đạt 100%", "Nhiều địa phương trong huyện có tỷ lệ ... trên 93%, như: xã A đạt 93,01%"):
# the band the places are in, not a figure of the whole.
PLACES_IN_BAND_BEFORE = re.compile(
    r"^\W*(?:(?:hai|ba|bon|nam|sau|bay|tam|chin|muoi|nhieu|mot\s+so|cac|nhung|\d+)\s+)"
    r"(?:tinh|thanh\s+pho|dia\s+phuong|huyen|xa|phuong)(?![a-z])[^;.]*?(?<![a-z])co\s+ty\s+le"
    r"(?:(?!nhu(?![a-z]))[^;.:])*$")
# "440.000 người nghèo được cấp thẻ BHYT", "12,1 triệu người cao tuổi được cấp thẻ": a group of
# the population (R7, R9), not the place's members.
GROUP_PEOPLE_AFTER = re.compile(r"\s*(?:(?:nguoi|lao\s+dong)\s+(?:dan\s+)?(?:thuoc\s+)?)?" + _GROUP
                                + r"[^,;.]{0,30}?(?<![a-z])duoc\s+cap(?![a-z])")
# "chưa đến 200 người", "dưới 30%", "không quá 5%": an upper bound says the figure is not
# known, only that it is below; no fact.
UPPER_BOUND_BEFORE = re.compile(
    r"(?<![a-z])(?:chua\s+(?:den|toi|duoc)|duoi|khong\s+(?:qua|den|toi)|thap\s+hon\s+muc)\s*$")
# "tỷ lệ tham gia đóng BHYT giảm 10,8%": a rate that rose or fell by the number; the number is
# the change (in points or percent, the text does not say), not the rate's level.
RATE_MOVED_BY_BEFORE = re.compile(
    r"(?<![a-z])(?:tang|giam)(?:\s+(?:khoang|gan|hon|tren|xap\s+xi))?\s*$")
# "77 cuộc thanh tra, kiểm tra", "3 cuộc họp": sessions that are not outreach.
NOT_OUTREACH_AFTER = re.compile(
    r"\s*(?:cuoc|buoi|dot)\s+(?:thanh\s+tra|kiem\s+tra|giam\s+sat|hop|lam\s+viec)(?![a-z])")
