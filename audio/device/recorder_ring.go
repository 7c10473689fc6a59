package device

import "sync/atomic"

// blockRing hands fixed-size blocks of samples from the capture goroutine
// to the writer goroutine without locks or allocation: one goroutine fills
// blocks, one drains them, and two counters say which are whose.
type blockRing struct {
	blocks [][]int16
	head   atomic.Uint64 // blocks published; only the filler moves it
	tail   atomic.Uint64 // blocks released; only the drainer moves it
}

func newBlockRing(n, size int) *blockRing {
	all := make([]int16, n*size)
	r := &blockRing{blocks: make([][]int16, n)}
	for i := range r.blocks {
		r.blocks[i] = all[i*size : (i+1)*size : (i+1)*size]
	}
	return r
}

// free returns the block to fill next, or nil when every block is waiting
// to be drained.
func (r *blockRing) free() []int16 {
	h := r.head.Load()
	if h-r.tail.Load() == uint64(len(r.blocks)) {
		return nil
	}
	return r.blocks[h%uint64(len(r.blocks))]
}

// publish hands the block from free to the drainer.
func (r *blockRing) publish() { r.head.Add(1) }

// filled returns the oldest published block, or nil when there is none.
func (r *blockRing) filled() []int16 {
	t := r.tail.Load()
	if t == r.head.Load() {
		return nil
	}
	return r.blocks[t%uint64(len(r.blocks))]
}

// release gives the block from filled back to the filler.
func (r *blockRing) release() { r.tail.Add(1) }
