#include "ui_text.hpp"

#include <cstdint>
#include <cstdio>

#include "pantau/data/sirekap_types.hpp"

namespace pantau::viewer {

namespace {
constexpr UiText kIndonesian{
    .raceTitle = "Pemilihan Presiden dan Wakil Presiden 2024",
    .nationName = "INDONESIA",
    .dataAsOf = "Data per",
    .tpsIn = "TPS masuk",
    .of = "dari",
    .legendWinner = "Pemenang per wilayah",
    .legendShare = "Perolehan suara paslon",
    .legendProgress = "Persentase TPS masuk",
    .legendTurnout = "Partisipasi (pemilih / DPT)",
    .legendChange = "Perubahan perolehan suara paslon",
    .since = "sejak",
    .noBaseline = "belum ada pembanding",
    .legendIntegrity = "TPS bermasalah per 1.000 masuk",
    .perThousand = "per 1.000",
    .flaggedTps = "TPS bermasalah",
    .narrowLead = "selisih tipis",
    .wideLead = "selisih lebar",
    .noData = "belum ada data",
    .sourceHealth = "Sumber",
    .errors = "galat",
    .unchanged = "tak berubah (304)",
    .noPolygon = "wilayah tanpa batas peta",
    .staleFor = "data tidak terkonfirmasi selama",
    .minutes = "menit",
    .inBackoff = "dokumen menunggu coba ulang",
    .simulated = "SIMULASI",
    .thousands = '.',
    .decimal = ',',
    .months = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}};
constexpr UiText kEnglish{
    .raceTitle = "2024 Presidential Election",
    .nationName = "INDONESIA",
    .dataAsOf = "Data as of",
    .tpsIn = "Polling stations in",
    .of = "of",
    .legendWinner = "Winner by region",
    .legendShare = "Vote share of ticket",
    .legendProgress = "Share of polling stations in",
    .legendTurnout = "Turnout (voters / registered)",
    .legendChange = "Change in vote share of ticket",
    .since = "since",
    .noBaseline = "nothing to compare with",
    .legendIntegrity = "Flagged stations per 1,000 in",
    .perThousand = "per 1,000",
    .flaggedTps = "flagged polling stations",
    .narrowLead = "narrow lead",
    .wideLead = "wide lead",
    .noData = "no data yet",
    .sourceHealth = "Source",
    .errors = "errors",
    .unchanged = "unchanged (304)",
    .noPolygon = "regions without a boundary",
    .staleFor = "data unconfirmed for",
    .minutes = "min",
    .inBackoff = "documents waiting to retry",
    .simulated = "SIMULATION",
    .thousands = ',',
    .decimal = '.',
    .months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}};
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
