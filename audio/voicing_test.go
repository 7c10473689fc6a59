package audio

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The voicing check sums a window's products from blocks it keeps from
// one frame to the next. Asked for every frame of real speech, in order
// and in random order, at rates recorders use and at an odd one whose
// frames fall off the block grid, it gives what the definition computed
// whole gives: the same correlation peak at the same pitch lag.
func TestVoicingFromBlocksMatchesWholeWindow(t *testing.T) {
	c := speechClips(t, false)[0]
	for _, rate := range []int{16000, 44100, 8100} {
		f := extract(resampleLinear(c.x, c.rate, rate), rate).f
		n := len(f.band)
		var ls lagSums
		voiced := 0
		for k, i := range rand.New(rand.NewPCG(1, 2)).Perm(n) {
			if k == n/2 { // then a run in order, as the detector walks
				for j := range n {
					checkVoicing(t, rate, &f, j, &ls)
				}
			}
			if checkVoicing(t, rate, &f, i, &ls) {
				voiced++
			}
		}
		if voiced < n/4 {
			t.Errorf("%d Hz: %d of %d frames voiced: the clip is speech", rate, voiced, n)
		}
	}
}

func checkVoicing(t *testing.T, rate int, f *frames, i int, ls *lagSums) bool {
	t.Helper()
	got, lag := f.voicing(i, ls)
	want, wantLag := wholeWindowVoicing(f, i)
	if math.Abs(got-want) > 1e-5 || lag != wantLag {
		t.Fatalf("%d Hz frame %d: voicing %.6f at lag %d, want %.6f at lag %d", rate, i, got, lag, want, wantLag)
	}
	return got >= voicedCorr
}

// wholeWindowVoicing is the definition: for each lag, the window's
// product with the lagged window over both their energies, in float64.
func wholeWindowVoicing(f *frames, i int) (float64, int) {
	lmin, lmax := int(f.vrate/400), int(math.Ceil(f.vrate/70))
	w := int(0.040 * f.vrate)
	start := int((float64(i)+0.5)*f.vhop) - (w+lmax)/2
	if start < 0 || start+w+lmax > len(f.vsig) {
		return 0, 0
	}
	x := f.vsig[start:]
	best, bestLag := 0.0, 0
	for l := lmin; l <= lmax; l++ {
		var r, e0, el float64
		for n := range w {
			a, b := float64(x[n]), float64(x[n+l])
			r, e0, el = r+a*b, e0+a*a, el+b*b
		}
		if r > 0 && e0*el > 0 && r/math.Sqrt(e0*el) > best {
			best, bestLag = r/math.Sqrt(e0*el), l
		}
	}
	return best, bestLag
}
