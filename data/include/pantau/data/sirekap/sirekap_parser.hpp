#pragma once
/// Parser for the Sirekap documents, on simdjson On-Demand.
///
/// Every document from the network or a disk is untrusted. The parser never throws and never
/// crashes on bad input: truncated JSON, wrong types, negative or huge counts, malformed or hostile
/// codes, duplicate keys, oversized documents, deep nesting and invalid UTF-8 each give an Error
/// naming the field ("table.1101.100025: expected a count, got string"). Memory is bounded by
/// Limits::maxDocumentBytes: nothing is allocated beyond what the document's size allows.
///
/// Threading: one SirekapParser per thread (it owns simdjson's buffers and reuses them); parsers
/// share nothing. The parse* functions that fill an out-parameter reuse its capacity.

#include <memory>
#include <string>
#include <string_view>

#include "pantau/data/base/result.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data {

class SirekapParser {
 public:
  struct Limits {
    std::size_t maxDocumentBytes = 16u << 20;  ///< the largest real aggregate is a few hundred KB
    std::size_t maxImages = 16;                ///< 3 for the presidential race, 5 for DPD
    std::size_t maxStringBytes = 4096;         ///< names, URLs, timestamps
  };
  /// Bytes of readable slack simdjson needs after a document to read it in place.
  static constexpr std::size_t kPadding = 64;

  SirekapParser();
  explicit SirekapParser(Limits limits);
  ~SirekapParser();
  SirekapParser(const SirekapParser&) = delete;
  SirekapParser& operator=(const SirekapParser&) = delete;

  const Limits& limits() const;

  /// Each takes the document's bytes. When `json` is a std::string with kPadding spare capacity
  /// it is read in place; otherwise it is copied into the parser's own padded buffer.
  Status parseAggregate(std::string_view json, Aggregate& out);
  Status parseTps(std::string_view json, TpsDetail& out);
  Status parseCandidates(std::string_view json, CandidateList& out);
  Status parseRegionList(std::string_view json, RegionList& out);

  /// Zero-copy versions for a std::string the caller reserved with kPadding spare bytes.
  Status parseAggregate(const std::string& json, Aggregate& out);
  Status parseTps(const std::string& json, TpsDetail& out);

  /// Tells which kind of document this is (from its shape) and parses it.
  Result<Document> parseDocument(std::string_view json);

  struct Impl;  ///< simdjson state; declared here so helpers in the .cpp can name it

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pantau::data
