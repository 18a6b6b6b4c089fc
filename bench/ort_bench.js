// The ONNX Runtime column of run-matmul.sh and run-conv.sh.
//
//   node ort_bench.js DIR THREADS [GENERATED]
//
// For each model of DIR/manifest.json (written by ort_models.py): an
// inference session on the CPU execution provider with THREADS intra-op
// threads and every graph optimization, one call checked element by element
// against the reference output of ONNX's definition, then the median of 7
// batches of about 50 ms of calls. Prints one row per model: GMAC/s, the
// ratio of GENERATED (a comma-separated list of the generated kernels'
// GMAC/s, in the order of the manifest) to it, and the outputs that differ
// from the reference (the largest difference).
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

async function main() {
  const dir = process.argv[2];
  const threads = parseInt(process.argv[3] || '1', 10);
  const generated = (process.argv[4] || '').split(',').filter((v) => v).map(Number);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json')));
  console.log(['model', 'ONNX Runtime', 'gen-const/ort', 'ort!=ref (max)']
                  .map((c, i) => i ? c.padStart(16) : c.padEnd(34)).join(''));
  for (const [index, entry] of manifest.entries()) {
    const session = await ort.InferenceSession.create(
        path.join(dir, entry.name + '.onnx'), {
          executionProviders: ['cpu'],
          intraOpNumThreads: threads,
          interOpNumThreads: 1,
          graphOptimizationLevel: 'all',
        });
    const input = new Uint8Array(fs.readFileSync(path.join(dir, entry.name + '.in')));
    const want = new Uint8Array(fs.readFileSync(path.join(dir, entry.name + '.out')));
    const feeds = {[session.inputNames[0]]: new ort.Tensor('uint8', input, entry.input)};
    const run = async () => session.run(feeds);
    const got = (await run())[session.outputNames[0]].data;
    let mismatches = 0, maxDiff = 0;
    for (let i = 0; i < want.length; ++i) {
      const d = Math.abs(got[i] - want[i]);
      if (d) {
        ++mismatches;
        maxDiff = Math.max(maxDiff, d);
      }
    }
    let t0 = process.hrtime.bigint();
    await run();
    const once = Number(process.hrtime.bigint() - t0) / 1e9;
    const reps = Math.max(3, Math.floor(0.05 / Math.max(once, 1e-9)));
    const times = [];
    for (let r = 0; r < 7; ++r) {
      t0 = process.hrtime.bigint();
      for (let i = 0; i < reps; ++i)
        await run();
      times.push(Number(process.hrtime.bigint() - t0) / 1e9 / reps);
    }
    times.sort((a, b) => a - b);
    const gmacs = entry.macs / times[3] / 1e9;
    const ratio = index < generated.length ? (generated[index] / gmacs).toFixed(3) : '-';
    console.log(entry.name.padEnd(34) + `${gmacs.toFixed(2)} GMAC/s`.padStart(16) +
                ratio.padStart(16) + `${mismatches} (${maxDiff})`.padStart(16));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
