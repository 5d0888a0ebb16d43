#include "pantau/data/source/document_step.hpp"

#include <algorithm>

#include "pantau/data/contests/legislative_parser.hpp"
#include "pantau/data/source/read_once.hpp"

namespace pantau::data {

std::string candidatesPath(Contest contest, std::string_view province) {
  switch (contest) {
    case Contest::Ppwp:
      break;
    case Contest::Pdpr:
      return "/pemilu/partai.json";
    case Contest::Pdpd:
      return "/pemilu/caleg/dpd/" + std::string(province) + ".json";
  }
  return kCandidatesPath;
}

std::string documentPath(const RegionTree& tree, const DocumentRef& doc, Contest contest,
                         std::string_view province) {
  switch (doc.kind) {
    case DocumentKind::Candidates:
      return candidatesPath(contest, province);
    case DocumentKind::Aggregate:
    case DocumentKind::Tps:
      return countsPath(tree, doc.region, toString(contest));
    case DocumentKind::Regions: return regionListPath(tree, doc.region);
  }
  return {};
}

DocumentStep::DocumentStep(std::shared_ptr<const RegionTree> tree, Options options)
    : m_tree(std::move(tree)),
      m_options(options),
      m_legislative(std::make_unique<LegislativeParser>()) {}

DocumentStep::~DocumentStep() = default;

DocumentStep::Outcome DocumentStep::take(const FetchResult& r, const DocumentRef& doc, int64_t nowMs, bool keepDetail) {
  SourceHealth& h = health();
  h.requests++;
  h.bytes += r.wireBytes;
  if (r.outcome == FetchOutcome::Failed) {
    if (r.httpStatus == 404 || r.error.code == ErrorCode::Missing) return missing(doc, r.error);
    return fail(doc, r.error);
  }
  if (r.outcome == FetchOutcome::NotModified) {
    h.notModified++;
    h.lastSuccessMs = nowMs;
    found(doc);
    confirm(doc, nowMs);
    return Outcome::NotModified;
  }
  if (doc.kind == DocumentKind::Candidates) {
    if (Status s = readCandidates(r); !s) return fail(doc, s.error());
    return Outcome::Applied;
  }
  if (!takesCounts()) return fail(doc, {ErrorCode::Missing, r.path + ": no candidate list yet"});
  if (Status s = parseAndApply(r, doc, nowMs, keepDetail); !s) return fail(doc, {s.error().code, r.path + ": " + s.error().message});
  found(doc);
  SourceHealth& after = health();  // the builder may be new: named by this document (partial source)
  after.documentsApplied++;
  after.lastSuccessMs = nowMs;
  return Outcome::Applied;
}

Status DocumentStep::readCandidates(const FetchResult& r) {
  if (m_options.contest == Contest::Pdpr) return readParties(r);
  if (m_options.contest == Contest::Pdpd) return readDpdCandidates(r);
  CandidateList list;
  if (Status s = m_parser.parseCandidates(std::string_view(r.body), list); !s)
    return Error{s.error().code, r.path + ": " + s.error().message};
  useCandidates(list);
  return Status::success();
}

Status DocumentStep::readParties(const FetchResult& r) {
  PartyList parties;
  if (Status s = m_legislative->parsePartyList(std::string_view(r.body), parties); !s)
    return Error{s.error().code, r.path + ": " + s.error().message};
  CandidateList list;
  for (const Party& p : parties.parties)
    if (!p.isAceh)
      list.candidates.push_back(Candidate{p.id, p.nama, p.warna, p.rgb, p.nomorUrut, {}});
  if (list.candidates.empty())
    return Error{ErrorCode::Missing, r.path + ": no DPR party in the list"};
  useCandidates(list);
  return Status::success();
}

Status DocumentStep::readDpdCandidates(const FetchResult& r) {
  CalegList caleg;
  if (Status s = m_legislative->parseDpdCalegList(std::string_view(r.body), caleg); !s)
    return Error{s.error().code, r.path + ": " + s.error().message};
  CandidateList list;  // no warna: the viewer colours them
  for (const CalegEntry& c : caleg.caleg)
    list.candidates.push_back(Candidate{c.id, c.nama, "#888888", 0x888888, c.nomorUrut, {}});
  if (list.candidates.empty())
    return Error{ErrorCode::Missing, r.path + ": no DPD candidate in the list"};
  std::sort(list.candidates.begin(), list.candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.nomorUrut < b.nomorUrut; });
  useCandidates(list);
  return Status::success();
}

/// A TPS document as the snapshot holds it: the DPR's party totals are its votes.
Status DocumentStep::parseTps(const FetchResult& r) {
  if (m_options.contest != Contest::Pdpr) return m_parser.parseTps(r.body, m_tps);
  if (Status s = m_legislative->parsePdprTps(r.body, m_pdprTps); !s) return s;
  m_tps = TpsDetail{};
  m_tps.ts = m_pdprTps.ts;
  m_tps.hasMode = m_pdprTps.hasMode;
  m_tps.chartPresent = m_pdprTps.chartPresent;
  for (const PartyTally& p : m_pdprTps.chart) m_tps.chart.push_back({p.party, p.total});
  m_tps.images = std::move(m_pdprTps.images);
  m_tps.administrasi = m_pdprTps.administrasi;
  m_tps.psu = m_pdprTps.psu;
  m_tps.statusSuara = m_pdprTps.statusSuara;
  m_tps.statusAdm = m_pdprTps.statusAdm;
  return Status::success();
}

void DocumentStep::useCandidates(const CandidateList& list) {
  if (m_builder) return;  // the first list names the vote columns for good
  m_builder = std::make_unique<SnapshotBuilder>(m_tree, list);
  m_builder->health() = m_preHealth;  // with missingRegions: counted before the list too
  m_builder->continueVersionsAfter(m_firstVersionAfter);
}

Status DocumentStep::nameFromChart(std::span<const VoteCount> chart, const std::string& path) {
  if (m_builder) return Status::success();
  if (chart.empty())  // nothing names the vote columns yet: this document waits for one that does
    return Error{ErrorCode::Missing, "no candidate list, and " + path + " carries no votes to name the candidates by"};
  useCandidates(candidatesById(chart));
  return Status::success();
}

Status DocumentStep::parseAndApply(const FetchResult& r, const DocumentRef& doc, int64_t nowMs, bool keepDetail) {
  switch (doc.kind) {
    case DocumentKind::Aggregate:
      if (Status s = m_parser.parseAggregate(r.body, m_aggregate); !s) return s;
      if (Status s = nameFromChart(m_aggregate.chart, r.path); !s) return s;
      return applyAggregate(*m_builder, doc.region, m_aggregate, nowMs);
    case DocumentKind::Tps:
      if (Status s = parseTps(r); !s) return s;
      if (Status s = nameFromChart(m_tps.chart, r.path); !s) return s;
      return applyTps(*m_builder, doc.region, m_tps, nowMs, keepDetail);
    case DocumentKind::Candidates:  // read by readCandidates
    case DocumentKind::Regions: break;  // the tree comes from wilayah.tsv, not from the source
  }
  return Error{ErrorCode::UnknownKind, std::string(toString(doc.kind)) + " is not a document the snapshot holds"};
}

void DocumentStep::confirm(const DocumentRef& doc, int64_t nowMs) {
  if (!m_builder || doc.region == kNoRegion) return;
  // Still current: so are the rows it carries.
  RegionStatus& own = m_builder->mutableStatus(doc.region);
  own.confirmedAtMs = nowMs;
  own.lastError = nullptr;
  if (doc.kind == DocumentKind::Aggregate)
    for (RegionId c : m_tree->children(doc.region))
      if (m_builder->status(c).has(RegionStatus::kHasRow)) m_builder->mutableStatus(c).confirmedAtMs = nowMs;
}

DocumentStep::Outcome DocumentStep::missing(const DocumentRef& doc, Error e) {
  if (doc.region != kNoRegion) {
    if (m_missing.size() <= doc.region) m_missing.resize(m_tree->size(), 0);
    if (!m_missing[doc.region]) {
      m_missing[doc.region] = 1;
      health().missingRegions = ++m_missingCount;
    }
  }
  m_lastError = std::move(e);
  return Outcome::Missing;
}

void DocumentStep::found(const DocumentRef& doc) {
  if (doc.region >= m_missing.size() || !m_missing[doc.region]) return;
  m_missing[doc.region] = 0;
  health().missingRegions = --m_missingCount;
}

DocumentStep::Outcome DocumentStep::fail(const DocumentRef& doc, Error e) {
  SourceHealth& h = health();
  h.errors++;
  h.lastError = e.message;
  if (m_builder && doc.region != kNoRegion)  // keep the figures, record why they are not fresh
    m_builder->mutableStatus(doc.region).lastError = std::make_shared<const std::string>(e.message);
  m_lastError = std::move(e);
  return Outcome::Failed;
}

std::shared_ptr<const Snapshot> DocumentStep::publish(int64_t nowMs) {
  if (!m_builder) return nullptr;
  return m_builder->publish(nowMs, m_integrity.checker());
}

}  // namespace pantau::data
