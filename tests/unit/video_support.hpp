#pragma once
// Video files decoded back with libavformat/libavcodec (the on-air stream tests): how many frames,
// their size and codec, and chosen frames as RGBA.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace pantau::test {

struct Video {
  int frames = 0, packets = 0, width = 0, height = 0;
  std::string codec;
  std::vector<std::vector<uint8_t>> rgba;  ///< the frames asked for, in order, as RGBA
};

/// Decodes every frame of the file's video stream; keeps those whose index is in `keep`.
inline Video decodeVideo(const std::string& path, const std::vector<int>& keep = {}) {
  Video v;
  AVFormatContext* fmt = nullptr;
  if (avformat_open_input(&fmt, path.c_str(), nullptr, nullptr) < 0) return v;
  avformat_find_stream_info(fmt, nullptr);
  const AVCodec* codec = nullptr;
  const int s = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
  if (s < 0) {
    avformat_close_input(&fmt);
    return v;
  }
  v.codec = codec->name;
  AVCodecContext* c = avcodec_alloc_context3(codec);
  avcodec_parameters_to_context(c, fmt->streams[s]->codecpar);
  avcodec_open2(c, codec, nullptr);
  AVPacket* p = av_packet_alloc();
  AVFrame* f = av_frame_alloc();
  SwsContext* sws = nullptr;
  auto drain = [&] {
    while (avcodec_receive_frame(c, f) >= 0) {
      v.width = f->width, v.height = f->height;
      if (std::find(keep.begin(), keep.end(), v.frames) != keep.end()) {
        sws = sws_getCachedContext(sws, f->width, f->height, static_cast<AVPixelFormat>(f->format),
                                   f->width, f->height, AV_PIX_FMT_RGBA, SWS_BILINEAR, nullptr,
                                   nullptr, nullptr);
        std::vector<uint8_t> out(std::size_t(f->width) * f->height * 4);
        uint8_t* dst[1] = {out.data()};
        const int stride[1] = {f->width * 4};
        sws_scale(sws, f->data, f->linesize, 0, f->height, dst, stride);
        v.rgba.push_back(std::move(out));
      }
      ++v.frames;
    }
  };
  while (av_read_frame(fmt, p) >= 0) {
    if (p->stream_index == s) {
      ++v.packets;
      while (avcodec_send_packet(c, p) == AVERROR(EAGAIN)) drain();
    }
    av_packet_unref(p);
    drain();
  }
  avcodec_send_packet(c, nullptr);
  drain();
  sws_freeContext(sws);
  av_frame_free(&f);
  av_packet_free(&p);
  avcodec_free_context(&c);
  avformat_close_input(&fmt);
  return v;
}

}  // namespace pantau::test
