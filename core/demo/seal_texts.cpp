#include "core/demo/seal_texts.h"

#include <algorithm>
#include <vector>

namespace tlw {
namespace {

// Common surnames and characters of given names; names are made up from them per image.
const std::u32string kSurnames =
    U"王李張劉陳楊趙黃周吳徐孫胡朱高林何郭馬羅梁宋鄭謝韓唐馮董蕭程曹袁鄧許傅沈曾彭呂蘇盧蔣蔡賈丁魏薛葉"
    U"閻余潘杜戴夏鍾汪田任姜范方石姚譚廖鄒熊金陸郝孔白崔康毛邱秦江史顧侯邵孟龍萬段雷錢湯尹黎易常武喬賀"
    U"賴龔文";
const std::u32string kGivenNameCharacters =
    U"明華英建平志偉德立海軍家忠春秋雲峰嘉慧敏靜美麗芳蘭玉珍清泉松柏竹梅鶴鳴山林天宇浩然子墨詩書硯翰章"
    U"仲伯叔季元亨貞寧康福壽慶祥瑞和順誠信仁義禮智勇恆毅思遠若虛鵬程光輝晨曦星辰雪霞冰心蓮芝蘊秀雅琴韻"
    U"逸夫耕讀澄懷谷蒼岩舟帆溪瀾濤鈞銘蔭樸衡";
// Two-character studio and courtesy words, and the rooms that make them a studio name.
const std::vector<std::u32string> kWords = {
    U"吉祥", U"長壽", U"平安", U"守拙", U"清心", U"墨緣", U"閒雲", U"聽雨", U"觀海", U"抱樸",
    U"知止", U"養拙", U"無為", U"自在", U"靜觀", U"樂天", U"如意", U"長樂", U"得閒", U"慎獨",
    U"忘憂", U"怡然", U"和氣", U"精進", U"歸真", U"存誠", U"敬業", U"求是", U"心齋", U"書癖",
    U"半畝", U"一得", U"寒香", U"松風", U"竹裏", U"梅花", U"秋水", U"煙雲", U"石泉", U"聽松",
};
const std::u32string kRooms = U"齋堂軒居樓館室廬閣";
// Leisure phrases (閒章) and auspicious sayings, four characters each.
const std::vector<std::u32string> kPhrases = {
    U"吉祥如意", U"長樂未央", U"自強不息", U"寧靜致遠", U"上善若水", U"厚德載物", U"天道酬勤", U"寵辱不驚",
    U"海納百川", U"知足常樂", U"心曠神怡", U"福壽康寧", U"延年益壽", U"大吉大利", U"平安喜樂", U"室雅蘭香",
    U"清風明月", U"山高水長", U"鳥語花香", U"春華秋實", U"淡泊明志", U"學無止境", U"金石為開", U"虛懷若谷",
    U"溫故知新", U"風華正茂", U"壽比南山", U"萬事如意", U"一帆風順", U"心想事成", U"業精於勤", U"有容乃大",
    U"靜觀自得", U"逍遙自在", U"安居樂業", U"花好月圓", U"松風水月", U"雲水禪心", U"琴棋書畫", U"詩書傳家",
    U"翰墨因緣", U"墨香書韻", U"君子不器", U"行雲流水", U"高山流水", U"梅蘭竹菊", U"樂在其中", U"千秋萬歲",
    U"長毋相忘", U"宜子孫吉", U"日有熹兮", U"與古為徒", U"游於藝圃", U"閒中好事", U"一片冰心", U"明月入懷",
    U"白雲深處", U"人淡如菊", U"神與物遊", U"意在筆先", U"得大自在", U"心手雙暢", U"如切如磋", U"如琢如磨",
};

template <typename T>
const T& pick(const std::vector<T>& items, std::mt19937& rng) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

char32_t pick(const std::u32string& characters, std::mt19937& rng) {
    return characters[std::uniform_int_distribution<std::size_t>(0, characters.size() - 1)(rng)];
}

std::u32string givenName(int length, std::mt19937& rng) {
    std::u32string name;
    while (static_cast<int>(name.size()) < length) {
        const char32_t next = pick(kGivenNameCharacters, rng);
        if (name.empty() || name.back() != next) name += next;
    }
    return name;
}

}  // namespace

std::u32string pickSealText(int count, std::mt19937& rng) {
    const double kind = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    switch (count) {
        case 2:
            return kind < 0.5 ? pick(kWords, rng) : givenName(2, rng);  // a studio word or a courtesy name
        case 3:
            if (kind < 0.5) return pick(kSurnames, rng) + givenName(2, rng);
            return pick(kWords, rng) + pick(kRooms, rng);
        default:
            if (kind < 0.45) return pick(kPhrases, rng);
            if (kind < 0.70) return pick(kSurnames, rng) + givenName(2, rng) + U"印";
            if (kind < 0.85) return pick(kSurnames, rng) + givenName(1, rng) + U"之印";
            return pick(kWords, rng) + pick(kRooms, rng) + U"印";
    }
}

std::u32string sealCodePoints() {
    std::u32string all = kSurnames + kGivenNameCharacters + kRooms + U"之印";
    for (const auto& word : kWords) all += word;
    for (const auto& phrase : kPhrases) all += phrase;
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
}

}  // namespace tlw
