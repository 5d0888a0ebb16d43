#include "pantau/data/sirekap/sirekap_types.hpp"

#include "pantau/data/base/result.hpp"

#include <cstdio>
#include <cstring>

namespace pantau::data {

namespace {
bool digits(std::string_view s, std::size_t at, std::size_t n, int& v) {
  v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  return true;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t daysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return int64_t(era) * 146097 + doe - 719468;
}
}  // namespace

std::optional<int64_t> parseMinuteMs(std::string_view text) {
  Timestamp ts;
  if (text.size() != 16 || !parseTimestamp(std::string(text) + ":00", ts)) return std::nullopt;
  return ts.epochUtc * 1000;
}

bool parseTimestamp(std::string_view s, Timestamp& out) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
    return false;
  int y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi) || !digits(s, 17, 2, se))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  constexpr int64_t kWibOffset = 7 * 3600;
  out.epochUtc = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - kWibOffset;
  std::memcpy(out.text.data(), s.data(), 19);
  out.present = true;
  return true;
}

std::string formatTimestamp(int64_t epochUtc) {
  constexpr int64_t kWibOffset = 7 * 3600;
  int64_t t = epochUtc + kWibOffset;
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  // civil_from_days (Howard Hinnant)
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", int(y), int(m), int(d), int(secs / 3600),
                int(secs / 60 % 60), int(secs % 60));
  return buf;
}


const char* toString(Psu psu) {
  switch (psu) {
    case Psu::Absent: return "";
    case Psu::Reguler: return "Reguler";
    case Psu::PemungutanSuaraUlang: return "Pemungutan Suara Ulang";
    case Psu::PenghitunganSuaraUlang: return "Penghitungan Suara Ulang";
    case Psu::PemungutanSuaraSusulan: return "Pemungutan Suara Susulan";
    case Psu::PemungutanSuaraLanjutan: return "Pemungutan Suara Lanjutan";
    case Psu::PenghitunganSuaraSusulan: return "Penghitungan Suara Susulan";
    case Psu::Other: return "other";
  }
  return "";
}

const char* toString(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::Candidates: return "candidates";
    case DocumentKind::Regions: return "regions";
    case DocumentKind::Aggregate: return "aggregate";
    case DocumentKind::Tps: return "tps";
  }
  return "?";
}

const char* toString(ErrorCode code) {
  switch (code) {
    case ErrorCode::Io: return "io";
    case ErrorCode::TooLarge: return "too-large";
    case ErrorCode::Syntax: return "syntax";
    case ErrorCode::Utf8: return "utf8";
    case ErrorCode::Depth: return "depth";
    case ErrorCode::Type: return "type";
    case ErrorCode::Range: return "range";
    case ErrorCode::BadCode: return "bad-code";
    case ErrorCode::Duplicate: return "duplicate";
    case ErrorCode::Missing: return "missing";
    case ErrorCode::UnknownKind: return "unknown-kind";
    case ErrorCode::Network: return "network";
    case ErrorCode::Http: return "http";
    case ErrorCode::Refused: return "refused";
  }
  return "?";
}

void Aggregate::clear() {
  ts = {};
  psu = Psu::Absent;
  hasMode = false;
  chart.clear();
  chartPersen = 0;
  hasChartPersen = false;
  hasProgress = false;
  progressTotal = progressReported = 0;
  childLevel = Level::Nation;
  rows.clear();
  rowVotes.clear();
}

}  // namespace pantau::data
