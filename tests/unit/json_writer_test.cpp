#include <gtest/gtest.h>

#include "pantau/data/base/json_writer.hpp"

using pantau::data::JsonWriter;

TEST(JsonWriter, NestedContainersAndEscapes) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("a").number(uint64_t{1}).key("b\"").beginArray().string("x\ny").null().boolean(false)
      .endArray().key("c").number(78.11).key("d").beginObject().endObject().endObject();
  EXPECT_EQ(out, R"({"a": 1, "b\"": ["x\ny", null, false], "c": 78.11, "d": {}})");
}

TEST(JsonWriter, ControlCharactersAndNonFiniteNumbers) {
  std::string out;
  JsonWriter w(out);
  w.beginArray().string(std::string("\x01", 1)).number(std::numeric_limits<double>::infinity()).number(100.0).endArray();
  EXPECT_EQ(out, R"(["\u0001", null, 100])");
}
