// SPDX-License-Identifier: UNLICENSED
// Import progress on stderr when it is a terminal: bytes, rate, ETA.

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let started = Date.now();
  let current = '';
  let lastDraw = 0;
  return {
    update(p: { file: { name: string }; index: number; count: number; bytesDone: number; bytesTotal: number }) {
      if (p.file.name !== current) {
        current = p.file.name;
        started = Date.now();
      }
      const now = Date.now();
      if (now - lastDraw < 100 && p.bytesDone < p.bytesTotal) return;
      lastDraw = now;
      const secs = Math.max((now - started) / 1000, 0.001);
      const rate = p.bytesDone / secs;
      const eta = rate > 0 ? Math.max(0, (p.bytesTotal - p.bytesDone) / rate) : 0;
      stream.write(`\r\x1b[K[${p.index + 1}/${p.count}] ${p.file.name}: ${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}  ${formatBytes(rate)}/s  ETA ${eta.toFixed(0)} s`);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
