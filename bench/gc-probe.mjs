// Bench-only preload (`node --import bench/gc-probe.mjs <server>`), applied identically to every measured server:
// counts garbage collections, their time and the bytes allocated between them (v8.GCProfiler: the heap used
// before each collection minus what was left after the previous one). On SIGUSR2 it writes the totals since the
// previous signal to $BENCH_GC_FILE (with the heap's used and total size) and starts counting again. Product code is not touched.
// It also counts the bytes scavenges promoted to the old space (short-lived objects that outlived two young-generation
// collections: the old-space garbage that grows the heap between full collections). When $BENCH_GC_FILE.full exists
// at the signal, it first runs two full collections and reports the heap and RSS after them (what is really retained).
// The profiler is not free, and it costs a process in proportion to its collections (ours allocates a little more
// than the bare proxy, so it cost ours more: 0.15-0.2 on the latency ratio, measured). With BENCH_GC_PROFILE=0 the
// probe only answers for the heap and the full collections, and costs nothing per call: bench/run.mjs times latency,
// CPU and throughput in such children and counts collections in separate ones.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

const file = process.env.BENCH_GC_FILE;
if (file) {
  const profiling = process.env.BENCH_GC_PROFILE !== '0';
  let profiler = profiling ? new v8.GCProfiler() : undefined;
  let startUsed = v8.getHeapStatistics().used_heap_size;
  profiler?.start();
  let seq = 0;
  const oldSpace = (s) => s.heapSpaceStatistics.find((x) => x.spaceName === 'old_space')?.spaceUsedSize ?? 0;
  let fullGc;
  process.on('SIGUSR2', () => {
    const statistics = profiler?.stop().statistics ?? [];
    const used = v8.getHeapStatistics().used_heap_size;
    let alloc = 0;
    let gcUs = 0;
    let promoted = 0;
    let prev = startUsed;
    for (const s of statistics) {
      alloc += Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - prev);
      prev = s.afterGC.heapStatistics.usedHeapSize;
      gcUs += s.cost;
      if (s.gcType === 'Scavenge') promoted += Math.max(0, oldSpace(s.afterGC) - oldSpace(s.beforeGC));
    }
    alloc += Math.max(0, used - prev);
    seq++;
    const m = process.memoryUsage();
    let afterFull;
    if (existsSync(`${file}.full`)) {
      rmSync(`${file}.full`, { force: true });
      if (!fullGc) {
        v8.setFlagsFromString('--expose-gc');
        fullGc = vm.runInNewContext('gc');
      }
      fullGc();
      fullGc();
      const a = process.memoryUsage();
      afterFull = { heapUsed: a.heapUsed, rss: a.rss };
    }
    writeFileSync(
      file,
      JSON.stringify({
        seq,
        gcs: statistics.length,
        gcMs: gcUs / 1000,
        allocBytes: alloc,
        promotedBytes: promoted,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        ...(afterFull ? { afterFull } : {}),
      }),
    );
    if (!profiling) return;
    profiler = new v8.GCProfiler();
    startUsed = v8.getHeapStatistics().used_heap_size;
    profiler.start();
  });
}
