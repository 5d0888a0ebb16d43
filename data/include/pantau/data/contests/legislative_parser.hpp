#pragma once
/// Parser for the legislative documents (sirekap-pileg.md), with the guarantees of SirekapParser:
/// simdjson On-Demand, never throws, never crashes on bad input; truncated JSON, wrong types,
/// negative or huge counts, malformed ids and codes, duplicate keys, oversized documents and
/// invalid UTF-8 each give an Error naming the field ("chart.3.jml_suara_total: expected a count,
/// got string"). Memory is bounded by Limits::maxDocumentBytes.
///
/// The DPD TPS documents and the `hhcw/pdpr|pdpd` aggregates have the presidential shapes: read
/// them with SirekapParser::parseTps / parseAggregate.
///
/// Threading: one LegislativeParser per thread; parsers share nothing. On failure the output is
/// reset to empty, never left half filled.

#include <memory>
#include <string_view>

#include "pantau/data/base/result.hpp"
#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::data {

class LegislativeParser {
 public:
  using Limits = SirekapParser::Limits;

  LegislativeParser();
  explicit LegislativeParser(Limits limits);
  ~LegislativeParser();
  LegislativeParser(const LegislativeParser&) = delete;
  LegislativeParser& operator=(const LegislativeParser&) = delete;

  Status parsePdprTps(std::string_view json, PdprTps& out);
  Status parseDapilRecap(std::string_view json, DapilRecap& out);
  Status parsePartyList(std::string_view json, PartyList& out);
  /// `/pemilu/caleg/partai/{dapil}.json`: {party: {caleg id: {...}}}.
  Status parseCalegList(std::string_view json, CalegList& out);
  /// `/pemilu/caleg/dpd/{province}.json`: {caleg id: {...}}; party 0.
  Status parseDpdCalegList(std::string_view json, CalegList& out);
  Status parseDapilList(std::string_view json, DapilList& out);

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pantau::data
