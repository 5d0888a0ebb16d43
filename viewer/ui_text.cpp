#include "ui_text.hpp"

#include <cstdint>
#include <cstdio>

#include "pantau/data/sirekap_types.hpp"

namespace pantau::viewer {

namespace {
constexpr UiText kIndonesian{
    "Pemilihan Presiden dan Wakil Presiden 2024", "INDONESIA", "Data per", "TPS masuk", "dari",
    "Pemenang per wilayah", "Perolehan suara paslon", "Persentase TPS masuk", "selisih tipis", "selisih lebar", "belum ada data", "Sumber", "galat",
    "tak berubah (304)", "wilayah tanpa batas peta", "data tidak terkonfirmasi selama", "menit",
    "dokumen menunggu coba ulang", "SIMULASI", '.', ',',
    {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}};
constexpr UiText kEnglish{
    "2024 Presidential Election", "INDONESIA", "Data as of", "Polling stations in", "of",
    "Winner by region", "Vote share of ticket", "Share of polling stations in", "narrow lead", "wide lead", "no data yet", "Source", "errors",
    "unchanged (304)", "regions without a boundary", "data unconfirmed for", "min",
    "documents waiting to retry", "SIMULATION", ',', '.',
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}};
}  // namespace

const UiText& uiText(Language language) { return language == Language::English ? kEnglish : kIndonesian; }

bool parseLanguage(const std::string& s, Language& out) {
  if (s == "id") out = Language::Indonesian;
  else if (s == "en") out = Language::English;
  else return false;
  return true;
}

std::string formatWib(int64_t epochUtc, const UiText& t) {
  const std::string s = data::formatTimestamp(epochUtc);  // "YYYY-MM-DD HH:MM:SS"
  const int month = std::stoi(s.substr(5, 2));
  return std::to_string(std::stoi(s.substr(8, 2))) + " " + t.months[(month + 11) % 12] + " " + s.substr(0, 4) + " " + s.substr(11, 5) + " WIB";
}

std::string formatCount(uint64_t n, const UiText& t) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += t.thousands;
    out += digits[i];
  }
  return out;
}

std::string formatPercent(double p, const UiText& t, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f%%", decimals, p);
  for (char* c = buf; *c; ++c)
    if (*c == '.') *c = t.decimal;
  return buf;
}

}  // namespace pantau::viewer
