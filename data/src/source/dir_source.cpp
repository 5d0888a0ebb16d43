// A Source over a local mirror directory with the API's layout (what `pantau-data mirror` writes).
// Validators are the file's size and mtime, so an unchanged file costs a stat and no read.

#include <sys/stat.h>

#include <filesystem>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

bool isSafeApiPath(std::string_view path) {
  if (path.size() < 2 || path[0] != '/' || path.size() > 512) return false;
  std::string_view rest = path.substr(1);
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg.empty() || seg == "." || seg == "..") return false;
    for (char c : seg)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
        return false;
    rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
  }
  return true;
}

namespace {

class DirSource final : public Source {
 public:
  explicit DirSource(std::string dir) : m_dir(std::move(dir)) {}
  std::string describe() const override { return m_dir; }

  void fetch(std::span<const FetchRequest> requests, const std::function<void(FetchResult&&)>& onDone) override {
    for (const FetchRequest& req : requests) {
      FetchResult r;
      r.tag = req.tag;
      r.path = req.path;
      if (!isSafeApiPath(req.path)) {
        r.error = {ErrorCode::Refused, req.path + ": not a Sirekap API path"};
        onDone(std::move(r));
        continue;
      }
      const std::string file = m_dir + req.path;
      struct stat st {};
      if (::stat(file.c_str(), &st) != 0) {
        r.httpStatus = 404;
        r.error = {ErrorCode::Missing, file + ": not in the mirror"};
        onDone(std::move(r));
        continue;
      }
      if (!S_ISREG(st.st_mode)) {  // a FIFO would block the read for good; a folder is no document
        r.error = {ErrorCode::Io, file + ": not a regular file"};
        onDone(std::move(r));
        continue;
      }
      std::string& etag = r.validators.etag;  // appended piecewise: GCC 12 -Wrestrict false positive
      etag = "\"";
      etag += std::to_string(st.st_size);
      etag += '-';
      etag += std::to_string(st.st_mtim.tv_sec);
      etag += '.';
      etag += std::to_string(st.st_mtim.tv_nsec);
      etag += '"';
      if (r.validators.etag == req.validators.etag) {
        r.outcome = FetchOutcome::NotModified;
        r.httpStatus = 304;
        onDone(std::move(r));
        continue;
      }
      auto bytes = readFile(file, 64u << 20, SirekapParser::kPadding);
      if (!bytes) {
        r.error = bytes.error();
      } else {
        r.outcome = FetchOutcome::Ok;
        r.httpStatus = 200;
        r.wireBytes = bytes->size();
        r.body = std::move(*bytes);
      }
      onDone(std::move(r));
    }
  }

 private:
  std::string m_dir;
};

}  // namespace

std::unique_ptr<Source> makeDirSource(std::string directory) { return std::make_unique<DirSource>(std::move(directory)); }

}  // namespace pantau::data
