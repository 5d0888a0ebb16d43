#include "relay_store.hpp"

#include <algorithm>
#include <cstdio>

#include "pantau/data/base/content_hash.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/source/relay_changes.hpp"

namespace pantau::relay {

using namespace pantau::data;

std::shared_ptr<const RelayDoc> makeDoc(std::string body) {
  auto doc = std::make_shared<RelayDoc>();
  doc->etag = "\"" + contentHash(body) + "\"";
  doc->body = std::move(body);
  return doc;
}

std::vector<std::string> changedPaths(const DocMap& before, const DocMap& after) {
  std::vector<std::string> out;
  auto b = before.begin(), a = after.begin();
  while (b != before.end() || a != after.end()) {  // both sorted by path: one merge
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      out.push_back((b++)->first);  // removed
    } else if (b == before.end() || a->first < b->first) {
      out.push_back((a++)->first);  // new
    } else {
      if (b->second->etag != a->second->etag) out.push_back(a->first);
      ++a, ++b;
    }
  }
  return out;
}

std::string versionHash(const DocMap& docs) {
  std::string manifest;
  manifest.reserve(docs.size() * 80);
  for (const auto& [path, doc] : docs) {
    manifest += path;
    manifest += ' ';
    manifest += doc->etag;
    manifest += '\n';
  }
  return contentHash(manifest);
}

RelayStore::RelayStore(StoreOptions options) : m_options(std::move(options)) {
  if (m_options.keep < 1) m_options.keep = 1;
}

Status RelayStore::loadState() {
  if (!m_options.stateFile) return {};
  std::error_code ec;
  if (!std::filesystem::exists(*m_options.stateFile, ec)) {
    m_lastNumber = 0;  // a new state: versions count from 1
    return {};
  }
  auto text = readFile(*m_options.stateFile, 4096);
  if (!text) return text.error();
  // "VERSION HASH\n"
  const std::size_t space = text->find(' ');
  uint64_t number = 0;
  bool ok = space != std::string::npos && space > 0 && space < 20;
  for (std::size_t i = 0; ok && i < space; ++i) {
    ok = (*text)[i] >= '0' && (*text)[i] <= '9';
    number = number * 10 + static_cast<uint64_t>((*text)[i] - '0');
  }
  std::string hash = ok ? text->substr(space + 1) : std::string();
  while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r')) hash.pop_back();
  if (!ok || number == 0 || hash.size() != 32)
    return Error{ErrorCode::Syntax,
                 m_options.stateFile->string() +
                     ": not \"VERSION HASH\"; move it away to start numbering afresh"};
  m_lastNumber = number;
  m_lastHash = hash;
  return {};
}

std::shared_ptr<const RelayVersion> RelayStore::publish(DocMap docs, std::string sourceTs,
                                                        int64_t nowMs) {
  std::string hash = versionHash(docs);
  std::lock_guard lock(m_mutex);
  if (!m_versions.empty() && m_versions.back()->latest.hash == hash) return m_versions.back();
  auto v = std::make_shared<RelayVersion>();
  // The first version of a run keeps the state's number when its content is the same.
  v->latest.version = m_versions.empty() && hash == m_lastHash ? m_lastNumber : m_lastNumber + 1;
  if (!m_options.stateFile)  // no memory of earlier runs: the clock's ms (see header)
    v->latest.version = std::max<uint64_t>(m_lastNumber + 1, static_cast<uint64_t>(nowMs));
  v->latest.hash = std::move(hash);
  v->latest.sourceTs = std::move(sourceTs);
  v->latest.publishedMs = nowMs;
  v->latest.applyAtMs = nowMs + m_options.applyDelayMs;
  v->latest.documents = docs.size();
  v->latestJson = relayLatestJson(v->latest);
  static const DocMap kNone;
  const auto* before = m_versions.empty() ? nullptr : m_versions.back().get();
  v->changesJson = relayChangesJson({v->latest.version, before ? before->latest.version : 0,
                                     changedPaths(before ? *before->docs : kNone, docs)});
  v->docs = std::make_shared<const DocMap>(std::move(docs));
  if (m_options.stateFile) {
    // Durable before it is served: a crash after serving must not reuse the number.
    const std::string state = std::to_string(v->latest.version) + " " + v->latest.hash + "\n";
    if (Status s = writeFileAtomic(*m_options.stateFile, state, true); !s)
      std::fprintf(stderr, "pantau-relay: cannot write %s: %s\n", m_options.stateFile->c_str(),
                   s.error().message.c_str());
  }
  m_lastNumber = v->latest.version;
  m_lastHash = v->latest.hash;
  m_versions.push_back(v);
  while (m_versions.size() > m_options.keep) m_versions.pop_front();
  ++m_published;
  return v;
}

std::shared_ptr<const RelayVersion> RelayStore::latest() const {
  std::lock_guard lock(m_mutex);
  return m_versions.empty() ? nullptr : m_versions.back();
}

RelayStore::Lookup RelayStore::find(uint64_t number,
                                    std::shared_ptr<const RelayVersion>& out) const {
  std::lock_guard lock(m_mutex);
  if (m_versions.empty() || number > m_versions.back()->latest.version) return Lookup::NotYet;
  for (const auto& v : m_versions)
    if (v->latest.version == number) {
      out = v;
      return Lookup::Found;
    }
  return Lookup::Gone;
}

std::shared_ptr<const RelayDoc> RelayStore::photo(const std::string& path) const {
  std::lock_guard lock(m_mutex);
  auto it = m_photos.find(path);
  if (it == m_photos.end()) return nullptr;
  m_photoOrder.splice(m_photoOrder.begin(), m_photoOrder, it->second.second);
  return it->second.first;
}

void RelayStore::putPhoto(const std::string& path, std::shared_ptr<const RelayDoc> doc) {
  std::lock_guard lock(m_mutex);
  if (m_photos.count(path) || doc->body.size() > m_options.photoCacheBytes) return;
  m_photoOrder.push_front(path);
  m_photoBytes += doc->body.size();
  m_photos.emplace(path, std::make_pair(std::move(doc), m_photoOrder.begin()));
  while (m_photoBytes > m_options.photoCacheBytes && !m_photoOrder.empty()) {
    auto it = m_photos.find(m_photoOrder.back());
    m_photoBytes -= it->second.first->body.size();
    m_photos.erase(it);
    m_photoOrder.pop_back();
  }
}

uint64_t RelayStore::versionsPublished() const {
  std::lock_guard lock(m_mutex);
  return m_published;
}

}  // namespace pantau::relay
