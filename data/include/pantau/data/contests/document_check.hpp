#pragma once
/// Whether a fetched body is the document its path names, for the one-shot readers that must never
/// pass on a body that does not parse (mirror, --record): a legislative path (sirekap-pileg.md:
/// `/pemilu/partai.json`, `/pemilu/hhcd/pdpr/{dapil}.json`, `/pemilu/caleg/partai|dpd/...`,
/// `/wilayah/pemilu/pdpr/dapil_dpr.json`, a DPR TPS `/pemilu/hhcw/pdpr/.../{tps}.json`) through
/// LegislativeParser's reader for that shape; every other `.json` (the presidential documents, the
/// `hhcw/pdpr|pdpd` aggregates, the DPD TPS) through SirekapParser::parseDocument; anything else
/// (a photo) passes.
///
/// Threading: one DocumentCheck per thread, like the parsers it holds.

#include <memory>
#include <string_view>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

class LegislativeParser;
class SirekapParser;

class DocumentCheck {
 public:
  DocumentCheck();
  ~DocumentCheck();
  /// Success, or the parser's error naming the field.
  Status check(std::string_view path, std::string_view body);

 private:
  std::unique_ptr<SirekapParser> m_sirekap;
  std::unique_ptr<LegislativeParser> m_legislative;
};

}  // namespace pantau::data
