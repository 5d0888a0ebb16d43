// The relay's /latest and /v/V/changes as a display reads them: written and read back, and every malformed or
// hostile form refused with a message naming what was wrong.

#include <gtest/gtest.h>

#include "pantau/data/base/content_hash.hpp"
#include "pantau/data/source/relay_changes.hpp"
#include "pantau/data/source/relay_source.hpp"

using namespace pantau::data;

TEST(RelayLatest, WrittenAndReadBack) {
  const RelayLatest l{
      42, std::string(32, 'c'), "2024-02-14 20:00:00", 1'707'915'600'000, 1'707'915'602'000, 7332};
  const std::string json = relayLatestJson(l);
  EXPECT_EQ(
      json,
      "{\"version\": 42, \"hash\": \"cccccccccccccccccccccccccccccccc\", \"source_ts\": "
      "\"2024-02-14 20:00:00\", "
      "\"published_ms\": 1707915600000, \"apply_at_ms\": 1707915602000, \"documents\": 7332}");
  auto back = parseRelayLatest(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->version, 42u);
  EXPECT_EQ(back->hash, l.hash);
  EXPECT_EQ(back->sourceTs, l.sourceTs);
  EXPECT_EQ(back->publishedMs, l.publishedMs);
  EXPECT_EQ(back->applyAtMs, l.applyAtMs);
  EXPECT_EQ(back->documents, 7332u);
}

TEST(RelayLatest, MalformedAndHostileFormsAreRefused) {
  const std::string h(32, 'a');
  auto with = [&](const std::string& version, const std::string& hash, const std::string& ts,
                  const std::string& pub, const std::string& apply) {
    return "{\"version\": " + version + ", \"hash\": " + hash + ", \"source_ts\": " + ts +
           ", \"published_ms\": " + pub + ", \"apply_at_ms\": " + apply + ", \"documents\": 3}";
  };
  const std::string good = with("1", "\"" + h + "\"", "\"2024-02-14 20:00:00\"", "1000", "2000");
  ASSERT_TRUE(parseRelayLatest(good));
  const std::pair<std::string, std::string> bad[] = {
      {good.substr(0, good.size() - 5), "relay /latest"},  // truncated
      {"[1, 2]", "not a JSON object"},
      {with("0", "\"" + h + "\"", "\"\"", "1000", "2000"), "version 0"},
      {with("-3", "\"" + h + "\"", "\"\"", "1000", "2000"), "version"},
      {with("\"7\"", "\"" + h + "\"", "\"\"", "1000", "2000"), "version"},
      {with("1", "\"abc\"", "\"\"", "1000", "2000"), "hash is not 32 hex digits"},
      {with("1", "\"" + std::string(32, 'G') + "\"", "\"\"", "1000", "2000"), "hash"},
      {with("1", "\"" + h + "\"", "\"yesterday\"", "1000", "2000"), "source_ts"},
      {with("1", "\"" + h + "\"", "\"\"", "1000", "999"), "apply_at_ms"},
      {"{\"version\": 1}", "hash"},
      {good + std::string(5000, ' '), "over the 4096-byte limit"},
  };
  for (const auto& [json, why] : bad) {
    auto r = parseRelayLatest(json);
    ASSERT_FALSE(r) << json;
    EXPECT_NE(r.error().message.find(why), std::string::npos) << r.error().message;
  }
}

TEST(ContentHash, Sha256FirstHalfInHex) {
  EXPECT_EQ(contentHash(""), "e3b0c44298fc1c149afbf4c8996fb924");     // SHA-256 of nothing
  EXPECT_EQ(contentHash("abc"), "ba7816bf8f01cfea414140de5dae2223");  // FIPS 180-2's example
}

TEST(RelayChanges, WrittenAndReadBack) {
  const RelayChanges c{12, 11, {"/pemilu/hhcw/ppwp.json", "/pemilu/hhcw/ppwp/11.json"}};
  const std::string json = relayChangesJson(c);
  EXPECT_EQ(json,
            "{\"version\": 12, \"since\": 11, \"paths\": [\"/pemilu/hhcw/ppwp.json\", "
            "\"/pemilu/hhcw/ppwp/11.json\"]}");
  auto back = parseRelayChanges(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->version, 12u);
  EXPECT_EQ(back->since, 11u);
  EXPECT_EQ(back->paths, c.paths);
  auto first = parseRelayChanges("{\"version\": 1, \"since\": 0, \"paths\": []}");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->paths.empty());
}

TEST(RelayChanges, MalformedOversizedAndHostileFormsAreRefused) {
  std::string many = "{\"version\": 2, \"since\": 1, \"paths\": [";
  for (std::size_t i = 0; i <= kRelayChangesMaxPaths; ++i) many += (i ? ", " : "") + std::string("\"/a.json\"");
  many += "]}";
  const std::pair<std::string, std::string> bad[] = {
      {"{\"version\": 2, \"since\": 1, \"paths\": [\"/a.json\"", "relay /changes"},  // truncated
      {"[]", "not a JSON object"},
      {"{\"since\": 1, \"paths\": []}", "version"},
      {"{\"version\": 2, \"paths\": []}", "since"},
      {"{\"version\": 2, \"since\": 1}", "paths"},
      {"{\"version\": 2, \"since\": 1, \"paths\": \"/a.json\"}", "paths"},
      {"{\"version\": 0, \"since\": 0, \"paths\": []}", "version 0"},
      {"{\"version\": 2, \"since\": 2, \"paths\": []}", "does not come before"},
      {"{\"version\": 2, \"since\": 1, \"paths\": [3]}", "not a string"},
      {"{\"version\": 2, \"since\": 1, \"paths\": [\"/pemilu/../x.json\"]}", "not a Sirekap API path"},
      {"{\"version\": 2, \"since\": 1, \"paths\": [\"http://elsewhere/x\"]}", "not a Sirekap API path"},
      {many, "over the"},
      {std::string(kRelayChangesMaxBytes + 1, ' '), "byte limit"},
  };
  for (const auto& [json, why] : bad) {
    auto c = parseRelayChanges(json);
    ASSERT_FALSE(c) << json.substr(0, 120);
    EXPECT_NE(c.error().message.find(why), std::string::npos)
        << c.error().message << " / " << json.substr(0, 120);
  }
}
