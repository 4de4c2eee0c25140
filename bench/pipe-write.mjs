// What one stdout line to a pipe costs the writer, by size (issue 18): a child answers each byte its parent sends with
// one line of N bytes on stdout (a ping-pong, so every write finds the reader waiting, as a sequential MCP call does)
// and reports its own CPU time per turn (reading the byte, writing the line). Sizes from 300 to 1,200 bytes span the
// two reads' result lines, ours and the bare proxy's (about 380 to 1,080 bytes), so what differs between them is not
// the write.
//   node bench/pipe-write.mjs
import { spawn } from 'node:child_process';

const WRITES = 20_000;
if (process.argv[2] === 'child') {
  const size = Number(process.argv[3]);
  const line = `${'x'.repeat(size - 1)}\n`;
  let n = 0;
  const t0 = process.cpuUsage();
  process.stdin.on('data', () => {
    process.stdout.write(line);
    if (++n === WRITES) {
      const c = process.cpuUsage(t0);
      process.stderr.write(`${size}-byte lines: ${((c.user + c.system) / WRITES).toFixed(1)} µs of CPU per turn\n`);
      process.exit(0);
    }
  });
} else {
  for (const size of [300, 600, 900, 1200, 300, 600, 900, 1200]) {
    await new Promise((resolve) => {
      const child = spawn(process.execPath, [process.argv[1], 'child', String(size)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      child.stdout.on('data', () => child.stdin.write('p'));
      child.once('exit', resolve);
      child.stdin.write('p');
    });
  }
}
