#include "pantau/data/images/form_images.hpp"

#include <stb_image.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data {

Result<FormImage> decodeFormImage(std::string_view bytes, const ImageLimits& limits) {
  if (bytes.size() > limits.maxBytes)
    return Error{ErrorCode::TooLarge, "image of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                                          std::to_string(limits.maxBytes)};
  if (bytes.empty()) return Error{ErrorCode::Syntax, "empty image"};
  const auto* p = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int n = static_cast<int>(bytes.size());
  int w = 0, h = 0, comp = 0;
  if (!stbi_info_from_memory(p, n, &w, &h, &comp)) {
    return Error{ErrorCode::Syntax, std::string("not a readable image (") + stbi_failure_reason() + ")"};
  }
  if (w <= 0 || h <= 0 || static_cast<uint64_t>(w) * static_cast<uint64_t>(h) > limits.maxPixels)
    return Error{ErrorCode::TooLarge, "image of " + std::to_string(w) + "x" + std::to_string(h) +
                                          " pixels is over the limit of " + std::to_string(limits.maxPixels)};
  stbi_uc* px = stbi_load_from_memory(p, n, &w, &h, &comp, 4);
  if (!px) return Error{ErrorCode::Syntax, std::string("corrupt image (") + stbi_failure_reason() + ")"};
  FormImage img;
  img.width = w;
  img.height = h;
  img.rgba.assign(px, px + static_cast<std::size_t>(w) * h * 4);
  stbi_image_free(px);
  return img;
}

int64_t photoTimeMs(std::string_view path) {
  // "{tps}-{YYYYMMDD}-{HHMMSS}--{uuid}.jpg": the digits after the first '-' of the file name.
  const std::size_t slash = path.rfind('/');
  const std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  const std::size_t dash = name.find('-');
  if (dash == std::string_view::npos || name.size() < dash + 16 || name[dash + 9] != '-') return -1;
  const std::string_view d = name.substr(dash + 1, 8), t = name.substr(dash + 10, 6);
  const std::string text = std::string(d.substr(0, 4)) + "-" + std::string(d.substr(4, 2)) + "-" + std::string(d.substr(6, 2)) + " " +
                           std::string(t.substr(0, 2)) + ":" + std::string(t.substr(2, 2)) + ":" + std::string(t.substr(4, 2));
  Timestamp ts;
  return parseTimestamp(text, ts) ? ts.epochUtc * 1000 : -1;
}

Result<std::string> imagePathOf(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos || (url.substr(0, scheme) != "http" && url.substr(0, scheme) != "https"))
    return Error{ErrorCode::Refused, "image URL '" + std::string(url.substr(0, 120)) + "' is not http(s)"};
  const std::size_t slash = url.find('/', scheme + 3);
  const std::string path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  if (!isSafeApiPath(path)) return Error{ErrorCode::Refused, "image path '" + path.substr(0, 120) + "' is not a safe path"};
  return path;
}

ImageDiskCache::ImageDiskCache(std::filesystem::path dir, uint64_t capBytes) : m_dir(std::move(dir)), m_cap(capBytes) {
  std::error_code ec;
  std::filesystem::create_directories(m_dir, ec);
}

std::filesystem::path ImageDiskCache::fileOf(const std::string& path) const {
  // One flat directory: the API path with '/' as '_' (the path is already checked safe).
  std::string name = path.substr(1);
  std::replace(name.begin(), name.end(), '/', '_');
  return m_dir / name;
}

std::optional<std::string> ImageDiskCache::get(const std::string& path) const {
  auto bytes = readFile(fileOf(path), 64u << 20);
  if (!bytes) return std::nullopt;
  std::error_code ec;  // touched: eviction goes oldest-used first
  std::filesystem::last_write_time(fileOf(path), std::filesystem::file_time_type::clock::now(), ec);
  return std::move(*bytes);
}

uint64_t ImageDiskCache::bytesUsed() const {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(m_dir, ec))
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  return total;
}

void ImageDiskCache::put(const std::string& path, std::string_view bytes) {
  if (bytes.size() > m_cap) return;
  if (!writeFileAtomic(fileOf(path), bytes, false)) return;  // a cache: a failed write only costs a refetch
  std::error_code ec;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> files;
  uint64_t total = 0;
  for (const auto& e : std::filesystem::directory_iterator(m_dir, ec)) {
    if (!e.is_regular_file(ec)) continue;
    total += e.file_size(ec);
    files.emplace_back(e.last_write_time(ec), e.path());
  }
  if (total <= m_cap) return;
  std::sort(files.begin(), files.end());
  for (const auto& [when, file] : files) {
    if (total <= m_cap) break;
    const uint64_t size = std::filesystem::file_size(file, ec);
    if (std::filesystem::remove(file, ec)) total -= size;
  }
}

std::filesystem::path defaultImageCacheDir() {
  if (const char* p = std::getenv("PANTAU_IMAGE_CACHE"); p && *p) return p;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "pantau" / "forms";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "pantau" / "forms";
  return std::filesystem::temp_directory_path() / "pantau-forms";
}

FormImageLoader::FormImageLoader(std::unique_ptr<Source> source, std::unique_ptr<ImageDiskCache> cache, ImageLimits limits)
    : m_source(std::move(source)), m_cache(std::move(cache)), m_limits(limits) {
  m_worker = std::thread([this] { workerLoop(); });
}

FormImageLoader::~FormImageLoader() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  m_worker.join();
}

void FormImageLoader::request(std::string url) {
  {
    std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(url));
  }
  m_cv.notify_all();
}

std::vector<FormImageLoader::Loaded> FormImageLoader::take() {
  std::lock_guard lock(m_mutex);
  return std::exchange(m_done, {});
}

bool FormImageLoader::waitIdle(int timeoutMs) {
  std::unique_lock lock(m_mutex);
  return m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_queue.empty() && m_busy == 0; });
}

FormImageLoader::Loaded FormImageLoader::load(const std::string& url) {
  auto path = imagePathOf(url);
  if (!path) return {url, path.error()};
  std::optional<std::string> bytes = m_cache ? m_cache->get(*path) : std::nullopt;
  int64_t changedMs = -1;
  if (!bytes) {
    Error error{ErrorCode::Network, *path + ": no response"};
    const FetchRequest req{*path, {}, 0};
    m_source->fetch(std::span(&req, 1), [&](FetchResult&& r) {
      if (r.outcome == FetchOutcome::Ok) {
        bytes = std::move(r.body);
        changedMs = changedAtMs(r.validators, -1);
      } else {
        error = r.error;
      }
    });
    if (!bytes) return {url, error};
  }
  auto image = decodeFormImage(*bytes, m_limits);
  if (image && m_cache) m_cache->put(*path, *bytes);  // only what decodes is worth keeping
  if (image && onLoaded) {
    if (changedMs < 0) changedMs = photoTimeMs(*path);
    if (changedMs < 0) changedMs = wallMs();
    onLoaded(changedMs, *path, *bytes);
  }
  if (!image) return {url, Error{image.error().code, *path + ": " + image.error().message}};
  return {url, std::move(image)};
}

void FormImageLoader::workerLoop() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_cv.wait(lock, [&] { return m_stop || !m_queue.empty(); });
    if (m_stop) return;
    std::string url = std::move(m_queue.front());
    m_queue.pop_front();
    ++m_busy;
    lock.unlock();
    Loaded done = load(url);
    lock.lock();
    m_done.push_back(std::move(done));
    --m_busy;
    m_cv.notify_all();
  }
}

}  // namespace pantau::data
