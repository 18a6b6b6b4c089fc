// The timing loop of run-models.sh: ONNX Runtime and the compiled models,
// in alternation.
//
//   node ort_models_bench.js MANIFEST RESULT
//
// MANIFEST (written by models_bench.py) is JSON: {"threads", "rounds",
// "target_us", "floor": {"model", "inputs"}, "runs": [{"name", "model", "inputs": [{"name", "dtype",
// "shape", "file"}], "out_dir", "ours": null | {"exe", "env"}}]}. For each
// run: an inference session on the CPU execution provider with `threads`
// intra-op threads and graphOptimizationLevel 'all'; one call, whose outputs
// go raw to OUT_DIR/ort_<i>.bin; warm-up (3 calls and 5 ms) and a batch size
// of about TARGET_US microseconds. The compiled model's harness
// (models_bench.c, environment `env`) is run once to warm up, size its batch
// and write its outputs (OUT_DIR/ours_<i>.bin), then `rounds` times: each
// round times one batch of ours (a fresh process: its warm-up is not timed)
// and one batch of ONNX Runtime's, so that load from other processes falls
// on both sides alike. Each round also times a batch of the manifest's
// `floor` model (an Identity of one float, same session options): ONNX
// Runtime's fixed cost per call through this binding, measured under the
// same load. RESULT receives {"runs": [{"name", "error"?, "ours_error"?,
// "ort_us": [per-call times of each batch], "ours_us": [...], "floor_us":
// [...], "ort_reps", "ours_reps"}]}. Errors of one run are recorded and the
// others go on.
const fs = require('fs');
const path = require('path');
const {spawnSync} = require('child_process');

// ONNX Runtime and the input reader of the conformance harness's runner.
const {ort, readTensor} =
    require(path.join(__dirname, '..', 'test', 'Integration', 'ONNX', 'ort_run.js'));

const nowUs = () => Number(process.hrtime.bigint()) / 1e3;

// Runs the harness: REPS (0: sized from TARGET_US) calls per batch, one
// batch. Returns {reps, us} or throws with its output.
function runOurs(ours, inputs, reps, targetUs, outDir) {
  const proc = spawnSync(
      ours.exe, [String(reps), String(targetUs), '1', outDir, ...inputs],
      {env: Object.assign({}, process.env, ours.env), encoding: 'utf8'});
  if (proc.error)
    throw proc.error;
  if (proc.status !== 0)
    throw new Error(`${proc.signal ? 'killed by ' + proc.signal : 'exit ' + proc.status}: ` +
                    (proc.stderr || '').trim());
  const reps_ = /^reps (\d+)$/m.exec(proc.stdout);
  const batch = /^batch ([0-9.eE+-]+)$/m.exec(proc.stdout);
  if (!reps_ || !batch)
    throw new Error(`unexpected output: ${proc.stdout}`);
  return {reps: Number(reps_[1]), us: Number(batch[1])};
}

// Microseconds per call of a batch of `reps` calls.
async function timeBatch(session, feeds, reps) {
  const t0 = nowUs();
  for (let i = 0; i < reps; ++i)
    await session.run(feeds);
  return (nowUs() - t0) / reps;
}

async function main() {
  const [manifestPath, resultPath] = process.argv.slice(2);
  if (!manifestPath || !resultPath) {
    console.error('usage: node ort_models_bench.js MANIFEST RESULT');
    process.exit(2);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath));
  const options = {
    executionProviders: ['cpu'],
    intraOpNumThreads: manifest.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const floor = await ort.InferenceSession.create(manifest.floor.model, options);
  const floorFeeds = {};
  for (const spec of manifest.floor.inputs)
    floorFeeds[spec.name] = readTensor(spec);
  const floorReps = Math.max(1, Math.floor(manifest.target_us / 4 /
                                           (await timeBatch(floor, floorFeeds, 20))));
  const results = [];
  for (const run of manifest.runs) {
    const result = {name: run.name, ort_us: [], ours_us: [], floor_us: []};
    results.push(result);
    let session;
    const feeds = {};
    try {
      session = await ort.InferenceSession.create(run.model, options);
      for (const spec of run.inputs)
        feeds[spec.name] = readTensor(spec);
      const outputs = await session.run(feeds);
      fs.mkdirSync(run.out_dir, {recursive: true});
      session.outputNames.forEach((name, index) => {
        const d = outputs[name].data;
        fs.writeFileSync(path.join(run.out_dir, `ort_${index}.bin`),
                         Buffer.from(d.buffer, d.byteOffset, d.byteLength));
      });
    } catch (e) {
      result.error = String(e && e.message ? e.message : e);
      continue;
    }
    // ONNX Runtime's warm-up and batch size.
    let calls = 0;
    const start = nowUs();
    while (calls < 3 || nowUs() - start < 5000) {
      await session.run(feeds);
      ++calls;
    }
    const ortReps =
        Math.max(1, Math.floor(manifest.target_us / ((nowUs() - start) / calls)));
    result.ort_reps = ortReps;
    let oursReps = 0;
    const inputFiles = run.inputs.map((s) => s.file);
    if (run.ours) {
      try {
        const first =
            runOurs(run.ours, inputFiles, 0, manifest.target_us, run.out_dir);
        oursReps = first.reps;
        result.ours_reps = oursReps;
      } catch (e) {
        result.ours_error = String(e && e.message ? e.message : e);
      }
    }
    for (let r = 0; r < manifest.rounds; ++r) {
      if (oursReps) {
        try {
          result.ours_us.push(
              runOurs(run.ours, inputFiles, oursReps, 0, '-').us);
        } catch (e) {
          result.ours_error = String(e && e.message ? e.message : e);
          oursReps = 0;
        }
      }
      result.ort_us.push(await timeBatch(session, feeds, ortReps));
      result.floor_us.push(await timeBatch(floor, floorFeeds, floorReps));
    }
  }
  fs.writeFileSync(resultPath, JSON.stringify({runs: results}, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
