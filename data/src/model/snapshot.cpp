#include "pantau/data/model/snapshot.hpp"

#include <chrono>

namespace pantau::data {

std::shared_ptr<const TpsDetail> Snapshot::tpsDetail(RegionId id) const {
  if (!m_tpsDetails) return nullptr;
  auto it = m_tpsDetails->find(id);
  return it == m_tpsDetails->end() ? nullptr : it->second;
}

namespace {
std::vector<CandidateId> idsOf(const CandidateList& list) {
  std::vector<CandidateId> ids;
  for (const Candidate& c : list.candidates) ids.push_back(c.id);
  return ids;
}
}  // namespace

SnapshotBuilder::SnapshotBuilder(std::shared_ptr<const RegionTree> tree, const CandidateList& candidates)
    : SnapshotBuilder(std::move(tree), idsOf(candidates)) {
  m_candidateList = std::make_shared<const CandidateList>(candidates);
}

SnapshotBuilder::SnapshotBuilder(std::shared_ptr<const RegionTree> tree, std::vector<CandidateId> candidates)
    : m_tree(std::move(tree)), m_candidates(std::move(candidates)) {
  auto list = std::make_shared<CandidateList>();  // ids only (tests); names and colours unknown
  for (CandidateId id : m_candidates) list->candidates.push_back(Candidate{id, std::to_string(id), "#888888", 0x888888, 0, {}});
  m_candidateList = std::move(list);
  // Every chunk starts as the same empty one; the first write to a chunk copies it.
  auto empty = std::make_shared<TallyChunk>();
  empty->votes.assign(kChunkRegions * m_candidates.size(), 0);
  empty->ownVotes.assign(kChunkRegions * m_candidates.size(), 0);
  empty->status.resize(kChunkRegions);
  m_chunks.assign((m_tree->size() + kChunkRegions - 1) / kChunkRegions, empty);
  m_owned.assign(m_chunks.size(), 0);
  m_tpsChunks.assign(m_chunks.size(), nullptr);
  m_tpsOwned.assign(m_chunks.size(), 0);
  m_tpsDetails = std::make_shared<const std::map<RegionId, std::shared_ptr<const TpsDetail>>>();
}

int SnapshotBuilder::candidateIndex(CandidateId id) const {
  for (std::size_t i = 0; i < m_candidates.size(); ++i)
    if (m_candidates[i] == id) return static_cast<int>(i);
  return -1;
}

TallyChunk& SnapshotBuilder::writable(RegionId id) {
  const std::size_t c = id / kChunkRegions;
  if (!m_owned[c]) {
    m_chunks[c] = std::make_shared<TallyChunk>(*m_chunks[c]);
    m_owned[c] = 1;
  }
  m_dirty = true;
  return *m_chunks[c];
}

std::span<const uint32_t> SnapshotBuilder::votes(RegionId id) const {
  return {m_chunks[id / kChunkRegions]->votes.data() + (id % kChunkRegions) * m_candidates.size(), m_candidates.size()};
}
std::span<const uint32_t> SnapshotBuilder::ownVotes(RegionId id) const {
  return {m_chunks[id / kChunkRegions]->ownVotes.data() + (id % kChunkRegions) * m_candidates.size(), m_candidates.size()};
}
const RegionStatus& SnapshotBuilder::status(RegionId id) const { return m_chunks[id / kChunkRegions]->status[id % kChunkRegions]; }
std::span<uint32_t> SnapshotBuilder::mutableVotes(RegionId id) {
  return {writable(id).votes.data() + (id % kChunkRegions) * m_candidates.size(), m_candidates.size()};
}
std::span<uint32_t> SnapshotBuilder::mutableOwnVotes(RegionId id) {
  return {writable(id).ownVotes.data() + (id % kChunkRegions) * m_candidates.size(), m_candidates.size()};
}
RegionStatus& SnapshotBuilder::mutableStatus(RegionId id) { return writable(id).status[id % kChunkRegions]; }

const TpsFacts* SnapshotBuilder::tpsFacts(RegionId id) const {
  const auto& c = m_tpsChunks[id / kChunkRegions];
  if (!c) return nullptr;
  const TpsFacts& f = c->facts[id % kChunkRegions];
  return f.has(TpsFacts::kDocument) ? &f : nullptr;
}

TpsFacts& SnapshotBuilder::mutableTpsFacts(RegionId id) {
  const std::size_t c = id / kChunkRegions;
  if (!m_tpsOwned[c]) {
    m_tpsChunks[c] = m_tpsChunks[c] ? std::make_shared<TpsChunk>(*m_tpsChunks[c]) : std::make_shared<TpsChunk>();
    m_tpsOwned[c] = 1;
  }
  m_dirty = true;
  return m_tpsChunks[c]->facts[id % kChunkRegions];
}

void SnapshotBuilder::setTpsDetail(RegionId id, std::shared_ptr<const TpsDetail> detail) {
  auto copy = std::make_shared<std::map<RegionId, std::shared_ptr<const TpsDetail>>>(*m_tpsDetails);
  (*copy)[id] = std::move(detail);
  m_tpsDetails = std::move(copy);
  m_dirty = true;
}

std::shared_ptr<const Snapshot> SnapshotBuilder::publish(int64_t nowMs, const SnapshotCheck& check) {
  auto s = std::make_shared<Snapshot>();
  s->m_version = ++m_version;
  s->m_publishedAtMs = nowMs;
  s->m_tree = m_tree;
  s->m_candidates = m_candidates;
  s->m_candidateList = m_candidateList;
  s->m_chunks.assign(m_chunks.begin(), m_chunks.end());
  s->m_tpsChunks.assign(m_tpsChunks.begin(), m_tpsChunks.end());
  s->m_tpsDetails = m_tpsDetails;
  s->m_health = m_health;
  std::fill(m_owned.begin(), m_owned.end(), 0);  // everything is shared with `s` now
  std::fill(m_tpsOwned.begin(), m_tpsOwned.end(), 0);
  m_dirty = false;
  if (check) s->m_integrity = check(m_last.get(), *s);
  m_last = s;
  return s;
}

void SnapshotMailbox::publish(std::shared_ptr<const Snapshot> s) {
  {
    std::lock_guard lock(m_mutex);
    m_latest = std::move(s);
  }
  m_cv.notify_all();
}

std::shared_ptr<const Snapshot> SnapshotMailbox::latest() const {
  std::lock_guard lock(m_mutex);
  return m_latest;
}

std::shared_ptr<const Snapshot> SnapshotMailbox::waitNewer(uint64_t version, int timeoutMs) const {
  std::unique_lock lock(m_mutex);
  m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_latest && m_latest->version() > version; });
  return m_latest;
}

namespace {
/// "/prefix/11/1101/110101.json": every ancestor's code, then the region's.
std::string apiPath(const RegionTree& tree, RegionId id, std::string_view prefix) {
  std::string path(prefix);
  const std::string_view code = tree.code(id);
  for (int l = 1; l <= static_cast<int>(tree.level(id)); ++l) {
    path += '/';
    path += code.substr(0, codeLength(static_cast<Level>(l)));
  }
  path += ".json";
  return path;
}
}  // namespace

std::string countsPath(const RegionTree& tree, RegionId id, std::string_view contest) {
  const std::string base = "/pemilu/hhcw/" + std::string(contest);
  return id == kNation ? base + ".json" : apiPath(tree, id, base);
}

std::string regionListPath(const RegionTree& tree, RegionId id) {
  return id == kNation ? "/wilayah/pemilu/ppwp/0.json" : apiPath(tree, id, "/wilayah/pemilu/ppwp");
}

namespace {

Status checkVotes(const SnapshotBuilder& b, std::span<const VoteCount> votes, std::string_view where) {
  for (const VoteCount& v : votes)
    if (b.candidateIndex(v.candidate) < 0)
      return Error{ErrorCode::Type, std::string(where) + ": candidate " + std::to_string(v.candidate) + " is not in the candidate list"};
  return Status::success();
}

void copyVotes(const SnapshotBuilder& b, std::span<const VoteCount> votes, std::span<uint32_t> out) {
  std::fill(out.begin(), out.end(), 0);
  for (const VoteCount& v : votes) out[static_cast<std::size_t>(b.candidateIndex(v.candidate))] = v.votes;
}

}  // namespace

Status applyAggregate(SnapshotBuilder& b, RegionId region, const Aggregate& doc, int64_t nowMs) {
  const RegionTree& t = b.tree();
  // Check everything before changing anything: a bad document must not half-apply.
  if (Status s = checkVotes(b, doc.chart, "chart"); !s) return s;
  std::vector<RegionId> children(doc.rows.size());
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    const AggregateRow& row = doc.rows[i];
    RegionId c = t.find(row.code.view());
    if (c == kNoRegion || t.parent(c) != region)
      return Error{ErrorCode::BadCode, "table." + std::string(row.code.view()) + ": not a child of " +
                                           (region == kNation ? std::string("the nation") : std::string(t.code(region)))};
    if (Status s = checkVotes(b, doc.votes(row), "table." + std::string(row.code.view())); !s) return s;
    children[i] = c;
  }
  copyVotes(b, doc.chart, b.mutableOwnVotes(region));
  RegionStatus& own = b.mutableStatus(region);
  own.flags |= RegionStatus::kHasOwn;
  if (doc.hasProgress) {
    own.progressTotal = doc.progressTotal;
    own.progressReported = doc.progressReported;
  }
  own.confirmedAtMs = nowMs;
  own.sourceTs = doc.ts.epochUtc;
  own.psu = doc.psu;
  own.lastError = nullptr;
  for (std::size_t i = 0; i < doc.rows.size(); ++i) {
    const AggregateRow& row = doc.rows[i];
    copyVotes(b, doc.votes(row), b.mutableVotes(children[i]));
    RegionStatus& st = b.mutableStatus(children[i]);
    st.persen = static_cast<float>(row.persen);
    st.flags = static_cast<uint8_t>((st.flags & RegionStatus::kHasOwn) | RegionStatus::kHasRow |
                                    (row.reported() ? RegionStatus::kReported : 0) |
                                    (row.statusProgress ? RegionStatus::kStatusProgress : 0));
    st.confirmedAtMs = nowMs;
    if (!(st.flags & RegionStatus::kHasOwn)) st.sourceTs = doc.ts.epochUtc;
  }
  return Status::success();
}

Status applyTps(SnapshotBuilder& b, RegionId tps, const TpsDetail& doc, int64_t nowMs, bool keepDetail) {
  if (b.tree().level(tps) != Level::Tps)
    return Error{ErrorCode::BadCode, std::string(b.tree().code(tps)) + ": not a TPS"};
  if (Status s = checkVotes(b, doc.chart, "chart"); !s) return s;
  copyVotes(b, doc.chart, b.mutableOwnVotes(tps));
  RegionStatus& st = b.mutableStatus(tps);
  st.flags |= RegionStatus::kHasOwn;
  st.confirmedAtMs = nowMs;
  st.sourceTs = doc.ts.epochUtc;
  st.psu = doc.psu;
  st.lastError = nullptr;
  TpsFacts& f = b.mutableTpsFacts(tps);
  f.adm = doc.administrasi.value_or(Administrasi{});
  f.psu = doc.psu;
  f.flags = static_cast<uint8_t>(TpsFacts::kDocument | (doc.chartPresent ? TpsFacts::kChart : 0) |
                                 (doc.administrasi ? TpsFacts::kAdministrasi : 0) |
                                 (doc.statusSuara ? TpsFacts::kStatusSuara : 0) |
                                 (doc.statusAdm ? TpsFacts::kStatusAdm : 0));
  if (keepDetail) b.setTpsDetail(tps, std::make_shared<const TpsDetail>(doc));
  return Status::success();
}

}  // namespace pantau::data
