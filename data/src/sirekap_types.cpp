#include "pantau/data/sirekap_types.hpp"

#include "pantau/data/result.hpp"

namespace pantau::data {

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
