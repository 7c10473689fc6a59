// webrtc-vad-bench runs WebRTC VAD (the detector of libfvad and of
// py-webrtcvad, here from Debian's libwebrtc-audio-processing) over a
// 16-bit mono WAV at 8, 16, 32 or 48 kHz in 10 ms frames, in its most
// aggressive mode (3). With a count it prints the mean milliseconds of
// that many runs over the whole file (scripts/bench-webrtc-vad.sh); with
// "frames" it prints its decision for each frame, 1 speech and 0 not,
// as one line (the audio package's tests score its edges with them).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// The library installs no header for the VAD; these are its entry points.
typedef struct WebRtcVadInst VadInst;
VadInst *WebRtcVad_Create(void);
int WebRtcVad_Init(VadInst *);
int WebRtcVad_set_mode(VadInst *, int);
int WebRtcVad_Process(VadInst *, int fs, const int16_t *frame, size_t len);
void WebRtcVad_Free(VadInst *);

int main(int argc, char **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: %s answer.wav reps|frames\n", argv[0]);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	// The canonical header StarCoach's writer makes: the rate at byte 24.
	unsigned char h[44];
	if (fread(h, 1, 44, f) != 44) {
		fprintf(stderr, "%s: no WAV header\n", argv[1]);
		return 1;
	}
	int rate = h[24] | h[25] << 8 | h[26] << 16 | h[27] << 24;
	if (rate != 8000 && rate != 16000 && rate != 32000 && rate != 48000) {
		fprintf(stderr, "%s: WebRTC VAD takes 8, 16, 32 or 48 kHz, not %d Hz\n", argv[1], rate);
		return 1;
	}
	size_t hop = rate / 100;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	if (size < 44 + 4 * (long)hop) {
		fprintf(stderr, "%s: not a WAV with 20 ms of sound\n", argv[1]);
		return 1;
	}
	fseek(f, 44, SEEK_SET);
	size_t n = (size - 44) / 2;
	int16_t *x = malloc(n * 2);
	if (!x || fread(x, 2, n, f) != n) {
		fprintf(stderr, "%s: short read\n", argv[1]);
		return 1;
	}
	int frames = strcmp(argv[2], "frames") == 0;
	int reps = frames ? 1 : atoi(argv[2]);
	if (reps <= 0) {
		fprintf(stderr, "reps must be a positive number, not %s\n", argv[2]);
		return 2;
	}
	long speech = 0;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int r = 0; r < reps; r++) {
		VadInst *v = WebRtcVad_Create();
		WebRtcVad_Init(v);
		WebRtcVad_set_mode(v, 3);
		speech = 0;
		for (size_t i = 0; i + hop <= n; i += hop) {
			int voice = WebRtcVad_Process(v, rate, x + i, hop);
			if (voice < 0) {
				fprintf(stderr, "WebRtcVad_Process refused the frame at sample %zu\n", i);
				return 1;
			}
			speech += voice;
			if (frames)
				putchar('0' + voice);
		}
		WebRtcVad_Free(v);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (frames) {
		putchar('\n');
		return 0;
	}
	double ms = ((b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6) / reps;
	printf("%.3f ms %.0f s %ld speech frames\n", ms, (double)n / rate, speech);
	return 0;
}
