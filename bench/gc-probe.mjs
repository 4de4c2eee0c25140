// Bench-only preload (`node --import bench/gc-probe.mjs <server>`), applied identically to every measured server:
// counts garbage collections, their time and the bytes allocated between them (v8.GCProfiler: the heap used
// before each collection minus what was left after the previous one). On SIGUSR2 it writes the totals since the
// previous signal to $BENCH_GC_FILE (with the heap's used and total size) and starts counting again. Product code is not touched.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.BENCH_GC_FILE;
if (file) {
  let profiler = new v8.GCProfiler();
  let startUsed = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  let seq = 0;
  process.on('SIGUSR2', () => {
    const { statistics } = profiler.stop();
    const used = v8.getHeapStatistics().used_heap_size;
    let alloc = 0;
    let gcUs = 0;
    let prev = startUsed;
    for (const s of statistics) {
      alloc += Math.max(0, s.beforeGC.heapStatistics.usedHeapSize - prev);
      prev = s.afterGC.heapStatistics.usedHeapSize;
      gcUs += s.cost;
    }
    alloc += Math.max(0, used - prev);
    seq++;
    const m = process.memoryUsage();
    writeFileSync(
      file,
      JSON.stringify({
        seq,
        gcs: statistics.length,
        gcMs: gcUs / 1000,
        allocBytes: alloc,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
      }),
    );
    profiler = new v8.GCProfiler();
    startUsed = v8.getHeapStatistics().used_heap_size;
    profiler.start();
  });
}
