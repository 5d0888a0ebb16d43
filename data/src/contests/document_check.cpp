#include "pantau/data/contests/document_check.hpp"

#include <algorithm>

#include "pantau/data/contests/legislative_parser.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::data {

namespace {

/// The last path component without ".json" ("3578011001001" of ".../3578011001001.json").
std::string_view stem(std::string_view path) {
  path.remove_suffix(5);
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// A DPR TPS document: under hhcw/pdpr, named by a 13-character TPS code.
bool isPdprTps(std::string_view path) {
  return path.starts_with("/pemilu/hhcw/pdpr/") && stem(path).size() == 13;
}

}  // namespace

DocumentCheck::DocumentCheck()
    : m_sirekap(std::make_unique<SirekapParser>()), m_legislative(std::make_unique<LegislativeParser>()) {}

DocumentCheck::~DocumentCheck() = default;

Status DocumentCheck::check(std::string_view path, std::string_view body) {
  if (!path.ends_with(".json")) return Status::success();
  LegislativeParser& lp = *m_legislative;
  if (path == "/pemilu/partai.json") {
    PartyList out;
    return lp.parsePartyList(body, out);
  }
  if (path == "/wilayah/pemilu/pdpr/dapil_dpr.json") {
    DapilList out;
    return lp.parseDapilList(body, out);
  }
  if (path.starts_with("/pemilu/hhcd/pdpr/")) {
    DapilRecap out;
    return lp.parseDapilRecap(body, out);
  }
  if (path.starts_with("/pemilu/caleg/partai/")) {
    CalegList out;
    return lp.parseCalegList(body, out);
  }
  if (path.starts_with("/pemilu/caleg/dpd/")) {
    CalegList out;
    return lp.parseDpdCalegList(body, out);
  }
  if (isPdprTps(path)) {
    PdprTps out;
    return lp.parsePdprTps(body, out);
  }
  auto doc = m_sirekap->parseDocument(body);
  if (!doc) return doc.error();
  return Status::success();
}

}  // namespace pantau::data
