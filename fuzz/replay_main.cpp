// The fuzz targets as regression tests, built with the project's compiler (no libFuzzer needed):
// each file of each folder or file named on the command line goes through the same entry function
// the fuzzer calls. "@samples" names the real API responses (shared/data/kpu2024/samples). A run
// with no input at all fails, so that a moved folder cannot pass unseen.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "pantau/data/base/data_location.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path p = argv[i];
    if (p == "@samples") {
      auto dir = pantau::data::findDataDir(std::nullopt);
      if (!dir) {
        std::fprintf(stderr, "replay: %s\n", dir.error().message.c_str());
        return 1;
      }
      p = *dir / "kpu2024" / "samples";
    }
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) files.push_back(p);
    else
      for (const auto& e : std::filesystem::directory_iterator(p, ec))
        if (e.is_regular_file(ec)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replayed %zu inputs\n", files.size());
  return files.empty() ? 1 : 0;
}
