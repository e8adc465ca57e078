"""The methods and limitations appendix, in plain words first: evidence tiers, what press figures
can and cannot show, the interrupted-time-series design and its assumptions, the model checks,
and the measured error rate of reading figures from articles.

Every number arrives as an argument (the error rate is read from the extractor's evaluation).
"""

from __future__ import annotations

from collections.abc import Mapping

from helpers.narrative.monthly import evidence_tier, its_diagnostics
from helpers.text import format_number, format_percent

INTRO = {
    "vi": "Phần này nói các con số ở trên dựa vào đâu, đọc chúng thế nào và chúng không cho "
          "thấy điều gì.",
    "en": "What the numbers above rest on, how to read them, and what they cannot show.",
}
#: One plain sentence for each term a reader meets in the results.
GLOSSARY = {
    "vi": {
        "rate_ratio": "Tỷ số tỷ lệ (rate ratio) so sánh số người tham gia mới trong tháng chiến "
                      "dịch với số dự kiến nếu không có chiến dịch: 1,30 nghĩa là nhiều hơn 30%, "
                      "1,00 là không khác.",
        "counterfactual": "Kịch bản phản thực tế (counterfactual) là số người tham gia mới mà mô "
                          "hình dự kiến nếu không có chiến dịch, dựa trên xu hướng và mùa vụ của "
                          "các tháng trước đó.",
        "interval": "Khoảng 95% là dải giá trị phù hợp với số liệu: nếu lặp lại cách tính này "
                    "nhiều lần, khoảng như vậy chứa giá trị thật khoảng 95 trên 100 lần.",
    },
    "en": {
        "rate_ratio": "A rate ratio compares new participants in the campaign months with the "
                      "number expected without the campaign: 1.30 means 30% more, 1.00 means no "
                      "difference.",
        "counterfactual": "The counterfactual is the number of new participants the model "
                          "expects without the campaign, from the trend and season of the months "
                          "before it.",
        "interval": "A 95% interval is the range of values consistent with the data: computed "
                    "this way again and again, such a range holds the true value about 95 times "
                    "in 100.",
    },
}
HEADINGS = {
    "vi": ("Mức độ bằng chứng", "Số liệu báo chí cho thấy gì và không cho thấy gì",
           "Thiết kế chuỗi thời gian ngắt quãng (ITS)", "Cách đọc các con số",
           "Kiểm tra mô hình", "Độ chính xác khi đọc số liệu từ bài báo"),
    "en": ("Evidence tiers", "What press figures can and cannot show",
           "The interrupted time series (ITS) design", "How to read the numbers",
           "Model checks", "How accurately figures are read from articles"),
}
PRESS_LIMITS = {
    "vi": "Số liệu báo chí là các lát cắt thưa, do cơ quan BHXH hoặc chính quyền công bố: một "
          "tổng số cuối năm, kết quả một đợt, một kế hoạch. Chúng cho biết quy mô và hướng thay "
          "đổi, mức hoàn thành kế hoạch và so sánh với năm trước. Chúng không cho biết số người "
          "tăng thêm là nhờ chiến dịch hay sẽ xảy ra dù không có chiến dịch, và các con số làm "
          "tròn (\"gần\", \"hơn\") chỉ là giới hạn trên hoặc dưới.",
    "en": "Press figures are sparse snapshots published by the social-security agency or the "
          "province: a year-end total, a campaign result, a plan. They show size and direction, "
          "attainment of plan and comparison with a year earlier. They cannot show whether the "
          "extra members came because of a campaign or would have joined anyway, and rounded "
          "figures (\"nearly\", \"more than\") are only upper or lower bounds.",
}
ITS_DESIGN = {
    "vi": "Với số liệu chính thức hằng tháng, mô hình học xu hướng và mùa vụ của số người tham "
          "gia mới trong các tháng trước chiến dịch, rồi so sánh các tháng chiến dịch với kịch "
          "bản đó. Giả định: xu hướng và mùa vụ trước đó sẽ tiếp diễn; không có thay đổi nào "
          "khác (chính sách hỗ trợ mới, mức đóng mới) xảy ra cùng lúc; số liệu được ghi nhận "
          "cùng một cách trước và sau. Khi các giả định này không đúng, ước tính có thể lệch.",
    "en": "With official monthly data, the model learns the trend and season of new "
          "participants in the months before a campaign and compares the campaign months with "
          "that expectation. Assumptions: the earlier trend and season would have continued; "
          "nothing else changed at the same time (a new subsidy, a new contribution floor); the "
          "data are recorded the same way before and after. When these fail, the estimate can "
          "be biased.",
}
NO_ITS = {
    "vi": "Báo cáo này không có số liệu hằng tháng, nên không ước lượng tác động theo thiết kế "
          "này.",
    "en": "This report has no monthly data, so no effect is estimated with this design.",
}


def accuracy_sentence(accuracy: Mapping[str, float] | None, lang: str = "vi") -> str:
    """The extractor's precision and recall on held-out real articles, as measured.

    Parameters
    ----------
    accuracy
        ``n_articles``, ``precision``, ``recall`` (fractions), from the extractor's evaluation
        notes; None when they are not available.
    """
    vi = lang == "vi"
    if not accuracy:
        return ("Không tìm thấy kết quả đánh giá bộ đọc số liệu." if vi
                else "The extractor's evaluation was not found.")
    n = format_number(accuracy["n_articles"], lang)
    p = format_percent(100 * accuracy["precision"], lang, 0)
    r = format_percent(100 * accuracy["recall"], lang, 0)
    if vi:
        return (f"Các con số được đọc tự động từ bài báo. Thử trên {n} bài báo thật chưa dùng khi "
                f"viết quy tắc, {p} số đọc được là đúng và bộ đọc tìm được {r} số có trong bài. "
                "Vì vậy mỗi con số đều kèm trích dẫn nguyên văn ở mục Nguồn số liệu để kiểm tra.")
    return (f"Figures are read from articles automatically. On {n} real articles not used to "
            f"write the rules, {p} of the figures read were right and the reader found {r} of "
            "the figures in the articles. That is why every figure comes with its quote in the "
            "evidence section, to be checked.")


def methods(
    *,
    has_press: bool,
    has_panel: bool,
    simulated: bool,
    diagnostics: Mapping[str, object] | None,
    accuracy: Mapping[str, float] | None,
    lang: str = "vi",
) -> list[tuple[str, str]]:
    """The appendix as (heading, paragraph) pairs, plain language first, method second."""
    key = "vi" if lang == "vi" else "en"
    heads = HEADINGS[key]
    out = [
        (heads[0], evidence_tier(has_press=has_press, has_panel=has_panel, simulated=simulated,
                                 lang=lang)),
        (heads[1], PRESS_LIMITS[key]),
        (heads[2], ITS_DESIGN[key] if has_panel else ITS_DESIGN[key] + " " + NO_ITS[key]),
        (heads[3], " ".join(GLOSSARY[key].values())),
    ]
    checks = its_diagnostics(dict(diagnostics), lang=lang) if diagnostics else ""
    if checks:
        out.append((heads[4], checks))
    out.append((heads[5], accuracy_sentence(accuracy, lang)))
    return out


def true_effect(rate_ratio: float | None, extra: float | None, lang: str = "vi") -> str:
    """The effect the demo data were simulated with, to read beside the estimate."""
    if rate_ratio is None:
        return ""
    vi = lang == "vi"
    ratio = format_number(rate_ratio, lang, 2)
    text = (f"Dữ liệu mô phỏng được tạo với tác động thật: tỷ số tỷ lệ {ratio}" if vi
            else f"The simulated data were made with a true effect: rate ratio {ratio}")
    if extra is not None:
        text += (f", tức khoảng {format_number(extra, lang)} người tham gia thêm" if vi
                 else f", about {format_number(extra, lang)} extra participants")
    return text + (". So sánh với ước tính ở trên." if vi else ". Compare it with the estimate "
                   "above.")
