"""The sentence of every warning and refusal code, per language: one place for the words.

Statistics and indicators return numbers and a code (``Note.of("SHORT_PRE", n_pre=3,
min_pre=12)``); this module holds the sentence each code stands for and renders it.

How the path from result to words works
---------------------------------------
- ``SENTENCES`` maps a stable UPPER_SNAKE code to a template per language ("en", "vi").
  It is plain data over ``helpers.text``: it imports nothing of the statistics, and on import it
  registers its ``render`` with ``helpers.notes`` (the base layer, which imports nothing of
  ours), so ``Note.of`` words a code without an import cycle or a layer turned upside down.
- Placeholders are ``str.format`` fields filled from the note's ``params`` and written the way
  the language writes them (see ``render``):

  ``{n}``          a number: "7.548" (vi), "7,548" (en), as few decimals as needed;
  ``{x:.1f}``      a number with that many decimals: "1,5" (vi);
  ``{x:.3g}``      significant digits, decimal mark of the language;
  ``{year:y}``     a year or any value written as it is (no thousands separator);
  ``{names:q}``    a name or a list of names, quoted 'like this' (en) or «như thế này» (vi);
  ``{x:?text @}``  nothing when ``x`` is empty or zero, else ``text`` with ``@`` replaced by x;
  a param that is a note or a list of notes is written in the language of the sentence.
- Adding a warning: add one entry here with both languages, then build it where it happens
  with ``Note.of("MY_CODE", **numbers)``, importing ``Note`` from this module (importing it
  registers these sentences with ``helpers.notes``, which imports nothing of ours).
  ``tests/test_narrative_vocabulary.py`` checks that every code used in ``src/`` is here, that
  both languages use the same fields, and that no sentence is built in ``helpers.indicators``,
  ``helpers.effects`` or ``helpers.forecast``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from helpers.notes import Note, register_sentences

__all__ = ["SENTENCES", "Note", "render"]

SENTENCES: dict[str, dict[str, str]] = {
    # Interrupted time series: design checks (helpers.effects.checks).
    "SHORT_PRE": {
        "en": "Only {n_pre:y} month(s) before the first intervention; at least {min_pre:y} are "
              "needed to estimate what would have happened without it.",
        "vi": "Chỉ có {n_pre:y} tháng trước can thiệp đầu tiên; cần ít nhất {min_pre:y} tháng để "
              "ước lượng diễn biến nếu không có can thiệp.",
    },
    "SHORT_POST": {
        "en": "Only {n_post:y} month(s) from the first intervention on; at least {min_post:y} are "
              "needed to see an effect.",
        "vi": "Chỉ có {n_post:y} tháng kể từ can thiệp đầu tiên; cần ít nhất {min_post:y} tháng "
              "để thấy được tác động.",
    },
    "TOO_MANY_PARAMETERS": {
        "en": "{n_months:y} months cannot support {n_params:y} parameters (trend, season and "
              "interventions); at least {min_df:y} months beyond them are needed. Use fewer "
              "interventions or a simpler seasonality.",
        "vi": "{n_months:y} tháng số liệu không đủ cho {n_params:y} tham số (xu hướng, mùa vụ và "
              "can thiệp); cần thêm ít nhất {min_df:y} tháng. Hãy dùng ít can thiệp hơn hoặc "
              "cách mô hình mùa vụ đơn giản hơn.",
    },
    "SEASON_AS_FOURIER": {
        "en": "Only {n_pre:y} months before the first intervention, fewer than {min_pre:y}: "
              "month-of-year dummies would fit noise, so two Fourier harmonics model the season "
              "instead.",
        "vi": "Chỉ có {n_pre:y} tháng trước can thiệp đầu tiên, ít hơn {min_pre:y}: biến giả "
              "theo từng tháng sẽ khớp cả nhiễu, nên mùa vụ được mô hình hóa bằng hai cặp hàm "
              "Fourier.",
    },
    "INTERVENTIONS_TOO_CLOSE": {
        "en": "{first:q} and {second:q} are {gap:y} month(s) apart: their effects are not "
              "separable, so read each one as a share of a joint effect.",
        "vi": "{first:q} và {second:q} chỉ cách nhau {gap:y} tháng: không tách riêng được tác "
              "động của từng can thiệp, nên mỗi con số chỉ là một phần của tác động chung.",
    },
    "COLLINEAR": {
        "en": "The design is collinear: {names:q} cannot be told apart from the trend, season or "
              "other interventions.",
        "vi": "Thiết kế bị đa cộng tuyến: {names:q} không phân biệt được với xu hướng, mùa vụ "
              "hoặc các can thiệp khác.",
    },
    "OVERDISPERSED": {
        "en": "Counts vary {dispersion:.0f} times more than Poisson; quasi-Poisson intervals can "
              "be too narrow for peak months, so prefer family='negbin'.",
        "vi": "Số liệu dao động gấp {dispersion:.0f} lần mức Poisson; khoảng tin cậy "
              "quasi-Poisson có thể quá hẹp ở các tháng cao điểm, nên dùng family='negbin'.",
    },
    "RESIDUAL_SEASON": {
        "en": "Residuals still correlate at lag 12 (r = {acf:.2f}): the season is not fully "
              "modelled; try seasonality='month' or 'fourier3'.",
        "vi": "Phần dư vẫn tương quan ở độ trễ 12 tháng (r = {acf:.2f}): mùa vụ chưa được mô "
              "hình hóa đầy đủ; hãy thử seasonality='month' hoặc 'fourier3'.",
    },
    "STOCK_FLOW_UNCHECKED": {
        "en": "The stock-flow identity could not be checked in {n_months:y} month(s) with "
              "missing counts (first: {first}).",
        "vi": "Không kiểm tra được số tham gia so với kỳ trước + tăng mới − giảm ở {n_months:y} "
              "tháng thiếu số liệu (đầu tiên: {first}).",
    },
    "STOCK_FLOW_MISMATCH": {
        "en": "Stock-flow identity fails{unit:? for @} in {n_months:y} month(s) ({months}"
              "{n_more:? and @ more}): participants differ from previous + new − drop-outs by "
              "up to {gap_pct:.1f}%; check the export or transfers between schemes.",
        "vi": "Số tham gia không khớp với kỳ trước + tăng mới − giảm{unit:? ở @} trong "
              "{n_months:y} tháng ({months}{n_more:? và @ tháng khác}), lệch tới {gap_pct:.1f}%; "
              "hãy kiểm tra tệp xuất hoặc việc chuyển giữa các loại hình bảo hiểm.",
    },
    # Interrupted time series: the fit (helpers.effects.its, recurring, net).
    "ALL_ZERO": {
        "en": "Every month is zero: there is nothing to model.",
        "vi": "Tất cả các tháng đều bằng 0: không có gì để mô hình hóa.",
    },
    "NOT_CONVERGED": {
        "en": "The model did not converge cleanly ({method}); treat the estimates as "
              "approximate.",
        "vi": "Mô hình không hội tụ hoàn toàn ({method}); chỉ nên xem các ước lượng là gần đúng.",
    },
    "IMPLAUSIBLE_EFFECT": {
        "en": "{name:q} changes the rate {fold:.3g}-fold, which is implausible: check for zeros "
              "or a break in the data.",
        "vi": "{name:q} làm tỷ lệ thay đổi {fold:.3g} lần, khó có thể xảy ra: hãy kiểm tra các "
              "tháng bằng 0 hoặc chỗ đứt gãy trong số liệu.",
    },
    "CAMPAIGN_IN_EVERY_SEASON": {
        "en": "The campaign ran in every month {months} of the series ({years}), so its effect "
              "cannot be told apart from the usual seasonal peak of that month: there is no such "
              "month without a campaign to compare with. Add years before the campaign began, "
              "or compare with a province that did not campaign.",
        "vi": "Chiến dịch diễn ra vào mọi tháng {months} trong chuỗi số liệu ({years}), nên "
              "không tách được tác động của nó khỏi đỉnh mùa vụ thông thường của tháng đó: không "
              "có tháng nào như vậy mà không có chiến dịch để so sánh. Hãy bổ sung số liệu các "
              "năm trước khi chiến dịch bắt đầu, hoặc so sánh với một tỉnh không tổ chức chiến "
              "dịch.",
    },
    "PER_YEAR_NOT_ESTIMATED": {
        "en": "Per-year effects were not estimated: {reasons}",
        "vi": "Chưa ước lượng được tác động theo từng năm: {reasons}",
    },
    "FEW_MONTHS_BEFORE_CAMPAIGN": {
        "en": "Only {n_pre:y} months precede the first campaign, so the seasonal pattern is "
              "learnt mostly from years with campaigns.",
        "vi": "Chỉ có {n_pre:y} tháng trước chiến dịch đầu tiên, nên mùa vụ chủ yếu được ước "
              "lượng từ các năm có chiến dịch.",
    },
    "SAME_DROPOUT_RATE_ASSUMED": {
        "en": "Campaign enrolees are assumed to drop out at the same monthly rate as other "
              "members; new members often leave faster, so these are upper bounds.",
        "vi": "Người tham gia nhờ chiến dịch được giả định dừng đóng với tỷ lệ hằng tháng như "
              "các thành viên khác; người mới thường dừng sớm hơn, nên đây là mức cao nhất.",
    },
    "FLOW_NOT_ESTIMATED": {
        "en": "The flow effect was not estimated: {reasons}",
        "vi": "Chưa ước lượng được tác động lên số người tham gia mới: {reasons}",
    },
    # Forecast of a monthly stock (helpers.forecast).
    "SERIES_EMPTY": {"en": "the series is empty.", "vi": "chuỗi số liệu trống."},
    "SERIES_MISSING_VALUES": {
        "en": "the series has missing values ({months}).",
        "vi": "chuỗi số liệu thiếu giá trị ({months}).",
    },
    "SERIES_SKIPS_MONTHS": {
        "en": "the series skips months ({months}); fill or cut it.",
        "vi": "chuỗi số liệu thiếu tháng ({months}); cần bổ sung hoặc cắt bớt.",
    },
    "SERIES_TOO_SHORT": {
        "en": "needs at least {min_months:y} months of participants; found {n_months:y}.",
        "vi": "cần ít nhất {min_months:y} tháng số liệu; mới có {n_months:y}.",
    },
    "TARGET_DATE_NOT_AFTER_DATA": {
        "en": "the date {by} is not after the last observation ({last}).",
        "vi": "thời hạn {by} không sau tháng số liệu cuối cùng ({last}).",
    },
    "PARAMETERS_TAKEN_AS_KNOWN": {
        "en": "Simulated paths take the fitted parameters as known, so the bands are somewhat "
              "narrow.",
        "vi": "Các đường mô phỏng coi tham số ước lượng là đã biết, nên dải dự báo hơi hẹp.",
    },
    "NO_SEASONAL_TERM": {
        "en": "Fewer than {min_months:y} months: no seasonal term was fitted.",
        "vi": "Dưới {min_months:y} tháng số liệu: không ước lượng yếu tố mùa vụ.",
    },
    "TARGET_ALREADY_MET": {
        "en": "The last observation already meets the target.",
        "vi": "Tháng số liệu cuối cùng đã đạt mục tiêu.",
    },
    "FORECAST_METHOD": {
        "en": "{model}, {n_sims:y} simulated paths over {horizon:y} months",
        "vi": "{model}, {n_sims:y} đường mô phỏng trong {horizon:y} tháng",
    },
    "FORECAST_METHOD_AUTO": {
        "en": "{model}, chosen on held-out months, {n_sims:y} simulated paths over {horizon:y} "
              "months",
        "vi": "{model}, chọn theo độ khớp ở các tháng giữ lại để kiểm tra, {n_sims:y} đường mô "
              "phỏng trong {horizon:y} tháng",
    },
    "MODEL_HOLT_WINTERS": {
        "en": "Holt-Winters additive trend", "vi": "Holt-Winters, xu hướng cộng",
    },
    "MODEL_HOLT_WINTERS_SEASONAL": {
        "en": "Holt-Winters additive trend and seasonality",
        "vi": "Holt-Winters, xu hướng và mùa vụ cộng",
    },
    "MODEL_ARIMA": {"en": "ARIMA(1,1,0) with drift", "vi": "ARIMA(1,1,0) có trôi"},
    "MODEL_ARIMA_SEASONAL": {
        "en": "ARIMA(1,1,0) with drift and Fourier seasonality",
        "vi": "ARIMA(1,1,0) có trôi và mùa vụ Fourier",
    },
    # Press-figure indicators (helpers.indicators): refusals.
    "NEED_TWO_STOCKS": {
        "en": "needs two dated participants figures, found {found:y}"
              "{undated:? (@ undated figures cannot be placed)}"
              "{conflicts:? (@ dates left out: their figures disagree)}.",
        "vi": "cần hai số người tham gia có thời điểm, mới có {found:y}"
              "{undated:? (@ số liệu không rõ thời điểm)}"
              "{conflicts:? (@ thời điểm bị loại vì các số liệu mâu thuẫn)}.",
    },
    "NO_ATTAINMENT": {
        "en": "no attainment percentage and no result with a plan for the same period.",
        "vi": "không có tỷ lệ hoàn thành kế hoạch, cũng không có kết quả và kế hoạch của cùng "
              "một kỳ.",
    },
    "NO_DATED_CAMPAIGN_FLOW": {
        "en": "no new-enrolment figure for a dated campaign window (start and end known).",
        "vi": "không có số phát triển mới của một đợt vận động rõ ngày bắt đầu và kết thúc.",
    },
    "NO_NET_CHANGE": {
        "en": "no net change for {year:y}: needs stocks at the end of {previous:y} and {year:y}, "
              "or a reported net change for {year:y}.",
        "vi": "không có mức tăng ròng năm {year:y}: cần số người tham gia cuối năm {previous:y} "
              "và {year:y}, hoặc mức tăng ròng cả năm {year:y}.",
    },
    "NO_GROWTH": {
        "en": "participants did not grow in {year:y} ({value}); a share of it is meaningless.",
        "vi": "số người tham gia năm {year:y} không tăng ({value}); không thể tính tỷ trọng.",
    },
    "NO_DATED_NEW": {
        "en": "no dated new-enrolment figure.",
        "vi": "không có số phát triển mới rõ thời điểm.",
    },
    "NO_PREVIOUS_CAMPAIGN": {
        "en": "no campaign a year earlier and no reported difference with it.",
        "vi": "không có đợt cùng kỳ năm trước, cũng không có mức chênh lệch so với năm trước.",
    },
    "NO_MATCHING_FLOWS": {
        "en": "no period reports both new members and drop-outs"
              "{unmatched:? (drop-outs without a matching period: @)}.",
        "vi": "không có kỳ nào có cả số phát triển mới và số người giảm"
              "{unmatched:? (số giảm không khớp kỳ: @)}.",
    },
    "NO_EVENTS_WITH_ENROLMENTS": {
        "en": "no events count reported with its enrolments, and no launch-day result.",
        "vi": "không có số hội nghị đi kèm số người phát triển, cũng không có kết quả ngày ra "
              "quân.",
    },
    "NO_COVERAGE_FIGURE": {
        "en": "no reported coverage figure, and no labour-force figure with a dated stock to "
              "compute one.",
        "vi": "không có tỷ lệ bao phủ được nêu, cũng không có số lao động và số người tham gia "
              "có thời điểm để tính.",
    },
    "NO_LOCAL_FIGURES": {
        "en": "no district or commune figure of new members or participants.",
        "vi": "không có số liệu tham gia mới hoặc số người tham gia của huyện, xã.",
    },
    "NO_MEMBER_STOCK": {
        "en": "no dated participants figure for {names}.",
        "vi": "không có số người tham gia rõ thời điểm của {names}.",
    },
    "NEED_THREE_STOCKS": {
        "en": "needs at least 3 dated stocks to fit a trend with an interval; found {found:y}.",
        "vi": "cần ít nhất 3 số người tham gia có thời điểm để ước lượng xu hướng và khoảng tin "
              "cậy; mới có {found:y}.",
    },
    "NONPOSITIVE_STOCK": {
        "en": "a stock is zero or negative.", "vi": "có số người tham gia bằng 0 hoặc âm.",
    },
    "NO_DATED_TARGET": {
        "en": "no participants target with a date"
              "{undated:? (@ undated target(s); flags: {flags})}.",
        "vi": "không có mục tiêu số người có thời hạn"
              "{undated:? (@ mục tiêu không rõ thời hạn; lưu ý: {flags})}.",
    },
    # Press-figure indicators: warnings.
    "FACTS_DISAGREE": {
        "en": "Facts disagree for the same date ({kept_id}: {kept:g} kept; others {others}).",
        "vi": "Các số liệu cùng thời điểm không khớp (giữ {kept_id}: {kept:g}; khác: {others}).",
    },
    "STOCKS_UNDER_A_YEAR": {
        "en": "The stocks are less than a year apart; no annual rate is given.",
        "vi": "Hai thời điểm cách nhau chưa đến một năm; không tính tốc độ tăng bình quân năm.",
    },
    "ATTAINMENT_MISMATCH": {
        "en": "Reported {reported:g}% but {achieved:g} / {planned:g} = {computed:.2f}%.",
        "vi": "Báo nêu {reported:g}% nhưng {achieved:g} / {planned:g} = {computed:.2f}%.",
    },
    "CAMPAIGN_LENGTHS_DIFFER": {
        "en": "The campaigns differ in length ({days} days).",
        "vi": "Hai đợt dài ngắn khác nhau ({days} ngày).",
    },
    "LABOUR_FORCE_WITHOUT_STOCK": {
        "en": "A labour force was given but no dated participants figure.",
        "vi": "Có số lao động nhưng không có số người tham gia rõ thời điểm.",
    },
    "MERGED_DATES_APART": {
        "en": "{n_dates:y} dates are reported by only some former provinces; those stocks are "
              "shown side by side, not added.",
        "vi": "{n_dates:y} thời điểm chỉ một số tỉnh cũ có số liệu; để riêng từng tỉnh, không "
              "cộng.",
    },
    "MERGED_MEMBER_SILENT": {
        "en": "No dated stock for {names}.",
        "vi": "{names} không có số người tham gia rõ thời điểm.",
    },
    "TREND_NEVER_REACHES": {
        "en": "The fitted trend is flat or falling; it never reaches the target.",
        "vi": "Xu hướng ước lượng đi ngang hoặc giảm; không bao giờ đạt mục tiêu.",
    },
    "THREE_POINTS": {
        "en": "Three points leave one degree of freedom: the interval is very wide.",
        "vi": "Chỉ có ba số liệu: khoảng dự báo rất rộng.",
    },
    "LONG_EXTRAPOLATION": {
        "en": "The target date lies further beyond the last figure than the figures span; the "
              "projection is a long extrapolation.",
        "vi": "Thời hạn mục tiêu xa hơn cả khoảng thời gian có số liệu; đây là ngoại suy dài.",
    },
    "APPROXIMATE_STOCKS": {
        "en": "{n_rough:y} of the stocks are approximate ({kinds}); the fit treats them as exact.",
        "vi": "{n_rough:y} số liệu là số ước ({kinds}); khi ước lượng được coi là chính xác.",
    },
    # Interrupted time series: data the model cannot carry (helpers.effects.checks).
    "CONSTANT_SERIES": {
        "en": "Every month has the same value ({value:.6g}): there is no variation to measure "
              "an effect against.",
        "vi": "Tất cả các tháng có cùng một giá trị ({value:.6g}): không có biến động nào để đo "
              "tác động.",
    },
    "ZERO_WINDOW": {
        "en": "Every month of {intervention:q} is zero: a rate ratio cannot be estimated (it "
              "would be 0 with an unbounded interval). Check that the counts of those months "
              "were recorded.",
        "vi": "Tất cả các tháng của {intervention:q} đều bằng 0: không ước lượng được tỷ số tỷ "
              "lệ (sẽ bằng 0 với khoảng tin cậy không giới hạn). Hãy kiểm tra số liệu các tháng "
              "đó đã được ghi nhận chưa.",
    },
    "SHORT_SERIES_NO_SEASON": {
        "en": "{n_months:y} months without a seasonal term: the campaign months cannot be told "
              "apart from the time of year. Give at least {min_months:y} months.",
        "vi": "{n_months:y} tháng số liệu mà không có yếu tố mùa vụ: không phân biệt được tháng "
              "chiến dịch với thời điểm trong năm. Cần ít nhất {min_months:y} tháng.",
    },
    "SHORT_PRE_PERIOD_LASTING": {
        "en": "Only {n_pre:y} months before {interventions:q}, a lasting change: if the series "
              "swings slowly (strong month-to-month persistence), fewer than {min_pre:y} months "
              "cannot pin those swings down and its 95% interval may cover only about 90%.",
        "vi": "Chỉ có {n_pre:y} tháng trước {interventions:q}, một thay đổi lâu dài: nếu chuỗi "
              "số liệu dao động chậm (tháng này phụ thuộc mạnh vào tháng trước), dưới "
              "{min_pre:y} tháng không đủ để ước lượng các dao động đó và khoảng tin cậy 95% có "
              "thể chỉ bao được khoảng 90%.",
    },
    "NOT_SEPARABLE": {
        "en": "{first:q} and {second:q} cannot be told apart by these data (their estimates "
              "correlate at {correlation:.2f}): read each one as a share of a joint effect.",
        "vi": "Số liệu không tách được {first:q} và {second:q} (hai ước lượng tương quan ở mức "
              "{correlation:.2f}): mỗi con số chỉ là một phần của tác động chung.",
    },
    "PRE_PERIOD_BREAK": {
        "en": "The months before the first intervention shift in level around {month:y} "
              "(likelihood-ratio scan, p = {p_value:.3f}): the trend the counterfactual "
              "extends may be broken there. Check the data of those months, or start the "
              "series after the shift.",
        "vi": "Các tháng trước can thiệp đầu tiên thay đổi mức quanh {month:y} (kiểm định "
              "tỷ số hợp lý, p = {p_value:.3f}): xu hướng dùng để dựng kịch bản không can "
              "thiệp có thể bị gãy ở đó. Hãy kiểm tra số liệu các tháng này, hoặc bắt đầu "
              "chuỗi sau thời điểm đó.",
    },
    "SEASON_LAG12": {
        "en": "Residuals still correlate at lag 12 (r = {acf:.2f}, beyond what the fitted model "
              "expects): the season is not fully modelled; try seasonality='month' or "
              "'fourier3'.",
        "vi": "Phần dư vẫn tương quan ở độ trễ 12 tháng (r = {acf:.2f}, vượt mức mô hình dự "
              "kiến): mùa vụ chưa được mô hình hóa đầy đủ; hãy thử seasonality='month' hoặc "
              "'fourier3'.",
    },
    # Comparative designs (helpers.effects.synth, sdid, event_study).
    "NO_PRE_PERIOD": {
        "en": "The campaign starts in the panel's first period ({start:y}); there is no before to "
              "compare with.",
        "vi": "Chiến dịch bắt đầu ngay kỳ đầu tiên của bảng số liệu ({start:y}); không có giai "
              "đoạn trước để so sánh.",
    },
    "SHORT_PRE_PERIOD": {
        "en": "Only {n_pre} period(s) before the campaign; at least {minimum} are needed to build "
              "the comparison.",
        "vi": 'Chỉ có {n_pre} kỳ trước chiến dịch; cần ít nhất {minimum} kỳ để dựng nhóm so sánh.',
    },
    "TOO_FEW_DONORS": {
        "en": "Only {n_donors} comparison unit(s) had no campaign at the time; at least {minimum} "
              "are needed.",
        "vi": "Chỉ có {n_donors} đơn vị so sánh không có chiến dịch vào thời điểm đó; cần ít nhất "
              "{minimum}.",
    },
    "POOR_PRE_FIT": {
        "en": "Before the campaign the synthetic comparison misses the unit by {share_pct:.1f}% "
              "of its mean (RMSPE); above {limit_pct:.1f}% it is not a credible comparison.",
        "vi": "Trước chiến dịch, nhóm so sánh tổng hợp lệch {share_pct:.1f}% so với mức trung "
              "bình của đơn vị (RMSPE); quá {limit_pct:.1f}% thì không còn là so sánh đáng tin "
              "cậy.",
    },
    "INTERVAL_UNBOUNDED": {
        "en": "With {n_donors} comparison units the placebo test cannot reach the "
              "{level_pct:.1f}% level, so the interval is unbounded.",
        "vi": "Với {n_donors} đơn vị so sánh, kiểm định giả dược không thể đạt mức "
              "{level_pct:.1f}%, nên khoảng tin cậy không bị chặn.",
    },
    "NO_CONTROLS": {
        "en": "No unit was without a campaign when the others had theirs (every unit treated at "
              "once); there is nothing to compare with.",
        "vi": "Không có đơn vị nào không có chiến dịch khi các đơn vị khác triển khai (tất cả "
              "cùng lúc); không có gì để so sánh.",
    },
    "DROPPED_NO_PRE": {
        "en": "{n} unit(s) start their campaign in the panel's first period and are left out: "
              "{units}.",
        "vi": '{n} đơn vị bắt đầu chiến dịch ngay kỳ đầu tiên nên bị loại: {units}.',
    },
    "LATE_START": {
        "en": "{n} unit(s) start their campaign after the panel ends and count as without a "
              "campaign: {units}.",
        "vi": "{n} đơn vị bắt đầu chiến dịch sau kỳ cuối của bảng số liệu nên được coi là không "
              "có chiến dịch: {units}.",
    },
    "CELLS_WITHOUT_CONTROLS": {
        "en": "{n} group-period effect(s) have no unit without a campaign to compare with and are "
              "not estimated.",
        "vi": "{n} tác động theo nhóm-kỳ không có đơn vị không chiến dịch để so sánh nên không "
              "được ước lượng.",
    },
    "PRETREND": {
        "en": "Before their campaigns, the campaign units already moved differently from the "
              "others (pre-trend test p = {p:.3f}); the comparison may be biased.",
        "vi": "Ngay trước chiến dịch, các đơn vị có chiến dịch đã biến động khác các đơn vị còn "
              "lại (kiểm định xu hướng trước p = {p:.3f}); phép so sánh có thể bị lệch.",
    },
    "PLACEBO_TIME": {
        "en": "Fake campaign dates before the real one give effects as large as the estimate in "
              "{share_pct:.1f}% of cases; the effect may be ordinary variation.",
        "vi": "Các mốc chiến dịch giả trước mốc thật cho tác động lớn tương đương ước lượng trong "
              "{share_pct:.1f}% trường hợp; tác động có thể chỉ là dao động thông thường.",
    },
}


class _Writer(string.Formatter):
    """Fill a template with params written the way ``lang`` writes them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        from helpers.text import format_number

        if format_spec.startswith("?"):
            if not value:
                return ""
            return format_spec[1:].replace("@", self.format_field(value, ""))
        if hasattr(value, "vi"):  # a note inside a note
            return value.text(self.lang)  # type: ignore[attr-defined]
        if isinstance(value, list | tuple):
            if format_spec == "q":
                return ", ".join(self.format_field(v, "q") for v in value)
            return " ".join(str(getattr(v, "vi", v)) if self.lang == "vi" else str(v)
                            for v in value)
        if format_spec == "q":
            return f"«{value}»" if self.lang == "vi" else f"'{value}'"
        if format_spec == "y" or isinstance(value, str) or isinstance(value, bool):
            return str(value)
        if isinstance(value, int | float) and format_spec == "":
            return format_number(value, self.lang, 0 if float(value).is_integer() else None)
        fixed = format_spec.startswith(".") and format_spec.endswith("f")
        if isinstance(value, int | float) and fixed:
            return format_number(value, self.lang, int(format_spec[1:-1]))
        text = format(value, format_spec)
        return text.replace(".", ",") if self.lang == "vi" else text


def render(code: str, params: Mapping[str, object], lang: str) -> str:
    """The sentence of ``code`` in ``lang`` ("vi" or "en") with ``params`` filled in.

    Raises
    ------
    KeyError
        When the code has no entry in ``SENTENCES`` (add one: see the module docstring).
    """
    template = SENTENCES[code]["vi" if lang == "vi" else "en"]
    return _Writer(lang).vformat(template, (), params)


register_sentences(render)
