package pcm_test

import (
	"runtime"
	"testing"

	"starcoach/audio/pcm"
)

// TestRingWrapsAround fills and drains a ring of 3 blocks unevenly, so
// that its counters pass the end of the blocks many times, in every
// position, and checks each block comes out once, in order.
func TestRingWrapsAround(t *testing.T) {
	r := pcm.NewRing(3, 2)
	if r.Filled() != nil {
		t.Fatal("a new ring has a filled block")
	}
	var in, out int16
	for round := range 20 {
		for range round%3 + 1 { // fill 1 to 3 blocks, as many as are free
			b := r.Free()
			if b == nil {
				break
			}
			b[0], b[1] = in, -in
			r.Publish()
			in++
		}
		for range (round+1)%3 + 1 { // drain 1 to 3, as many as are filled
			b := r.Filled()
			if b == nil {
				break
			}
			if b[0] != out || b[1] != -out {
				t.Fatalf("round %d: drained block %v, want %d", round, b, out)
			}
			r.Release()
			out++
		}
	}
	for r.Filled() != nil {
		r.Release()
		out++
	}
	if out != in || in < 10*3 {
		t.Errorf("%d blocks in, %d out; want the same, and the ring gone round 10 times", in, out)
	}
}

// TestRingFullRefusesBlocks checks that a full ring gives out no block
// however often asked (the recorder then waits, and counts an overflow
// if it waits longer than the device can buffer), and overwrites none.
func TestRingFullRefusesBlocks(t *testing.T) {
	r := pcm.NewRing(4, 1)
	for i := range 4 {
		b := r.Free()
		if b == nil {
			t.Fatalf("no free block %d of 4", i)
		}
		b[0] = int16(i)
		r.Publish()
	}
	for range 10 {
		if r.Free() != nil {
			t.Fatal("a full ring gave a free block")
		}
	}
	if b := r.Filled(); b == nil || b[0] != 0 {
		t.Fatalf("oldest block %v after the ring was full, want [0]", b)
	}
	r.Release()
	if b := r.Free(); b == nil {
		t.Fatal("no free block after one was released")
	}
	r.Publish()
	if r.Free() != nil {
		t.Fatal("two free blocks after one was released")
	}
	for i := range 4 {
		if b := r.Filled(); b == nil || (i < 3 && b[0] != int16(i+1)) {
			t.Fatalf("block %d is %v", i, b)
		}
		r.Release()
	}
	if r.Filled() != nil || r.Free() == nil {
		t.Fatal("a drained ring in the wrong state")
	}
}

// TestRingAcrossGoroutines passes numbered blocks from a filler to a
// drainer goroutine, as capture and the writer do; under the race
// detector it also checks that Publish and Release order the blocks'
// contents.
func TestRingAcrossGoroutines(t *testing.T) {
	const blocks = 20000
	r := pcm.NewRing(8, 16)
	go func() {
		for i := range blocks {
			b := r.Free()
			for b == nil {
				runtime.Gosched()
				b = r.Free()
			}
			for j := range b {
				b[j] = int16(i + j)
			}
			r.Publish()
		}
	}()
	bad := 0
	for i := range blocks { // drained to the end, so that the filler ends
		b := r.Filled()
		for b == nil {
			runtime.Gosched()
			b = r.Filled()
		}
		for j, s := range b {
			if s != int16(i+j) && bad < 5 {
				t.Errorf("block %d sample %d is %d, want %d", i, j, s, int16(i+j))
				bad++
			}
		}
		r.Release()
	}
}

// TestCapturePathDoesNotAllocate runs a block through all the recorder
// does to it: the ring from capture to the writer, the downmix, the meter.
func TestCapturePathDoesNotAllocate(t *testing.T) {
	r := pcm.NewRing(4, 1920) // 20 ms of stereo at 48 kHz
	mono := make([]int16, 960)
	var m pcm.Meter
	allocs := testing.AllocsPerRun(100, func() {
		b := r.Free()
		b[0] = 1
		r.Publish()
		m.Add(pcm.Downmix(mono, r.Filled(), 2))
		r.Release()
		m.Read()
	})
	if allocs != 0 {
		t.Errorf("%v allocations per block, want none", allocs)
	}
}
