# Pantau: two commands to get going.
#   make demo   installs what is missing, builds, and runs the best real thing there is
#   make test   installs what is missing, builds, and runs every test suite (ctest)
# Other targets: deps, build, bench, asan, fuzz, format, clean.

BUILD   ?= build
TYPE    ?= RelWithDebInfo
JOBS    ?= $(shell nproc)
DATA    ?= $(abspath ../shared/data)

# Debian 12 packages Pantau builds and tests with. `make deps` installs only what is missing.
PKGS := g++ cmake ninja-build pkgconf make \
        libglfw3-dev libimgui-dev libsimdjson-dev libgdal-dev libcurl4-openssl-dev \
        libgtest-dev libbenchmark-dev libstb-dev xvfb xauth fonts-inter \
        nlohmann-json3-dev rapidjson-dev libcpp-httplib-dev libssl-dev libgeos-dev libzstd-dev zlib1g-dev \
        libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri nginx-light \
        libturbojpeg0-dev libspng-dev clang libclang-rt-14-dev \
        libtomlplusplus-dev libavformat-dev libavcodec-dev libswscale-dev libavutil-dev liblo-dev

.PHONY: all deps configure build test demo bench asan fuzz format clean

# make fuzz: each libFuzzer target (fuzz/) for FUZZ_SECONDS, under ASan+UBSan, built with clang in
# build-fuzz/. Seeds: fuzz/seeds, the real samples, the regressions; what it grows stays in
# build-fuzz/corpus (replayed by make test from then on); a crash lands in fuzz/regressions/TARGET/
# (commit it: make test replays it for ever) and stops the run.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := sirekap http validators image boundaries boundary_join archive legislative rundown osc relay_latest program_cue

all: build

deps:
	@missing=$$(for p in $(PKGS); do \
	    dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all $(words $(PKGS)) packages installed"; exit 0; fi; \
	echo "deps: missing:" $$missing; \
	if [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else \
	  echo "deps: not root; run:"; \
	  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $$missing"; \
	  exit 1; \
	fi

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(TYPE)

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The live map on a simulated election night (pantau-sim as a child on a free loopback port, 12
# simulated minutes a second). Without a display it renders a still instead and says where.
demo: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(BUILD)/bin/pantau; \
	else $(BUILD)/bin/pantau --headless --at "2024-02-14 19:00" --screenshot $(BUILD)/demo.png && \
	  echo "no display: wrote $(BUILD)/demo.png (the map at 19:00 WIB); run 'make demo' on a desktop for the live window"; fi

bench: build
	$(BUILD)/bin/pantau-bench-parse --benchmark_min_time=0.5
	$(BUILD)/bin/pantau-bench-tree --benchmark_min_time=2
	$(BUILD)/bin/pantau-bench-sweep
	$(BUILD)/bin/pantau-bench-integrity
	$(BUILD)/bin/pantau-bench-archive
	$(BUILD)/bin/pantau-bench-relay
	@for run in "pan" "pan --view 35" "zoom" "zoom --view 35" "fly --view 35"; do for s in 1920x1080 3840x2160; do \
	  printf '%-16s %-9s ' "$$run" $$s; \
	  $(BUILD)/bin/pantau --headless --bench-frames 60 --size $$s --motion $$run 2>/dev/null || exit 1; done; done
	bench/still_vs_mapnik.py --bin $(BUILD)/bin
	nice bench/wall_in_step.py --bin $(BUILD)/bin

# make asan: the suites under AddressSanitizer + UBSan (a Debug build of its own in build-asan/,
# configured here, so a fresh clone needs nothing else; CMAKE_CXX_COMPILER_LAUNCHER=ccache in the
# environment is honoured). A UBSan finding fails its test (-fno-sanitize-recover).
# ASAN_LABELS picks the suites (ctest -L): unit tests and fuzz replays by default, what fits CI's
# 30 minutes on the 2-core machine (an e2e test starts pantau-sim, ~50 s each under ASan: the 76
# would take about 40 minutes); `make asan ASAN_LABELS=.` runs every suite.
# With the default labels only their binaries are built (the unit tests bring pantau-data, which
# they run): the app, the simulator and the e2e and render suites would double the build's time.
ASAN_LABELS ?= unit|fuzz
ASAN_TARGETS ?= $(if $(filter unit|fuzz,$(ASAN_LABELS)),pantau-unit-tests $(FUZZ_TARGETS:%=pantau-fuzz-%),all)
asan: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPANTAU_SANITIZE=ON -DPANTAU_BUILD_BENCH=OFF
	cmake --build build-asan -j $(JOBS) --target $(ASAN_TARGETS)
	cd build-asan && ctest --output-on-failure -j $(JOBS) -L '$(ASAN_LABELS)'

fuzz: deps
	CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPANTAU_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t; \
	  extra=; [ -d fuzz/seeds/$$t ] && extra=fuzz/seeds/$$t; \
	  case $$t in sirekap|archive|legislative) extra="$$extra $(DATA)/kpu2024/samples";; esac; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  build-fuzz/bin/pantau-fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=fuzz/regressions/$$t/crash- build-fuzz/corpus/$$t $$extra fuzz/regressions/$$t \
	    2> build-fuzz/$$t.log || { tail -40 build-fuzz/$$t.log; exit 1; }; \
	  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+ +DONE" build-fuzz/$$t.log; \
	done

format:
	find data render viewer tools tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-asan build-fuzz
