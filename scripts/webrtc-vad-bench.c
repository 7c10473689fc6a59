// webrtc-vad-bench times WebRTC VAD (the detector of libfvad and of
// py-webrtcvad, here from Debian's libwebrtc-audio-processing) over a
// 16-bit mono 16 kHz WAV in 10 ms frames, in its most aggressive mode
// (3), as the comparison did. It prints the mean milliseconds of
// `reps` runs over the whole file. Used by scripts/bench-webrtc-vad.sh.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
		fprintf(stderr, "usage: %s answer.wav reps\n", argv[0]);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	if (size < 44 + 320) {
		fprintf(stderr, "%s: not a WAV with 20 ms of sound\n", argv[1]);
		return 1;
	}
	fseek(f, 44, SEEK_SET); // the canonical header StarCoach's writer makes
	size_t n = (size - 44) / 2;
	int16_t *x = malloc(n * 2);
	if (!x || fread(x, 2, n, f) != n) {
		fprintf(stderr, "%s: short read\n", argv[1]);
		return 1;
	}
	int reps = atoi(argv[2]);
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
		for (size_t i = 0; i + 160 <= n; i += 160) {
			int voice = WebRtcVad_Process(v, 16000, x + i, 160);
			if (voice < 0) {
				fprintf(stderr, "WebRtcVad_Process refused the frame at sample %zu\n", i);
				return 1;
			}
			speech += voice;
		}
		WebRtcVad_Free(v);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = ((b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6) / reps;
	printf("%.3f ms %.0f s %ld speech frames\n", ms, n / 16000.0, speech);
	return 0;
}
